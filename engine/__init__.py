"""parkscore's back end: compile checked standards into evaluators, evaluate parks (with a
trace), render scorecards; audit records, comparison, gap and sensitivity analysis.

The public entry points are in ``parkscore`` (``parkscore/api.py``); this package holds the stages.
"""
