"""Audit records: the record of one scorecard with the digests of every file it read, and its
verification by recomputation (``record``).

May import: every other engine package (a record holds a scorecard, its trace and their renderings).
"""
