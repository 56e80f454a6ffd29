"""For the authors of standards: test cases of a standard (``cases``: reading, checking, coverage,
generated cases) and the runner that runs them against a standard or a draft (``runner``).

May import: ``parkscore.dsl``, ``engine.scoring``, ``engine.documents`` (renderings of results).
"""
