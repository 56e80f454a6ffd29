"""parkscore's back end, one package per stage after the checked AST (``dsl``):

    scoring     compile a checked standard, evaluate a park (trace), the scorecard, park data
    population  many parks: tables, the exact vectorised and SQL back ends, cohorts, impact
    analysis    one park, further questions: explain, compare, gap, sensitivity
    lifecycle   a park's designation status over time under a scheme (认定管理办法)
    documents   the standard and results as documents: text, Markdown, HTML, workbooks
    authoring   test cases of standards: cases, coverage, generated cases, the runner
    audit       audit records and their verification

Imports go down this list's layers only (``docs/architecture.md``; enforced by the import-linter
contracts in ``pyproject.toml``, run by ``tests/test_architecture.py``). Clients reach all of it
through ``parkscore.api``, never directly.
"""
