"""Populations of parks: tables read as parks (``tables``: CSV, XLSX, Parquet, DataFrames), the
exact vectorised evaluator (``vector``) and the SQL back end (``sql``) compiled from the same checked
AST, cohort ranks (``cohort``) and the impact of a new version on a population (``impact``).

May import: ``parkscore.dsl`` and ``engine.scoring``.
"""
