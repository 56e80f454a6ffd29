"""Questions about one park beyond its score: the trace grouped for explain (``explain``), one park
under several versions (``compare``), the gap to a target (``gap``) and Monte Carlo sensitivity
(``sensitivity``, whose runs are scored as one batch by ``engine.population.vector``).

May import: ``parkscore.dsl``, ``engine.scoring``, ``engine.population``.
"""
