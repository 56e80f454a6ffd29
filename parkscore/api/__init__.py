"""The public API, the one front door: the command line, the tests, the benchmark (and every
future client: a web service, a language server) call these functions, then render the result
with ``parkscore.api.render``. A client holds no logic another client would need.

    std = load_standard("cpcif-green-park@2020")          # find -> parse -> amend -> check -> compile
    park = load_park("examples/parks/synthetic-complete.yaml")
    card = score(std, park)                               # Scorecard: total, eligible, indicators…
    card.indicator("7.17").points

Errors in rule files or park data are raised as one ``DiagnosticError`` carrying every
diagnostic (``str(exc)`` renders them with positions, source lines and carets).

The verbs by module: ``standards`` (load, check, lint, diff, format, list), ``parks`` (one park:
score, explain, compare, gap, sensitivity), ``population`` (files, tables and DataFrames of parks,
impact, SQL), ``documents`` (the standard's document, workbooks, forms), ``lifecycle``
(designation status), ``authoring`` (test cases), ``audit`` (records), ``render`` (outputs).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from parkscore._lazy import exports

_WHERE: dict[str, str] = {
    "Diagnostic": "parkscore.dsl.diagnostics",
    "DiagnosticError": "parkscore.dsl.diagnostics",
    "SourceMap": "parkscore.dsl.diagnostics",
    "errors": "parkscore.dsl.diagnostics",
    "option_error": "parkscore.dsl.diagnostics",
    "read_text": "parkscore.dsl.diagnostics",
    "decode": "parkscore.dsl.diagnostics",
    "parse_day": "parkscore.dsl.dates",
    "parse_percent": "parkscore.engine.scoring.data",
    "Change": "parkscore.dsl.diff",
    "format_source": "parkscore.dsl.fmt",
    "Loaded": "parkscore.dsl.load",
    "Span": "parkscore.dsl.span",
    "dumps": "parkscore.dsl.numbers",
    "loads": "parkscore.dsl.numbers",
    "CompiledStandard": "parkscore.engine.scoring.compile",
    "Fact": "parkscore.engine.scoring.data",
    "ParkData": "parkscore.engine.scoring.data",
    "park_from_mapping": "parkscore.engine.scoring.data",
    "Scorecard": "parkscore.engine.scoring.scorecard",
    "audit_record": "parkscore.api.audit",
    "read_record": "parkscore.api.audit",
    "read_log": "parkscore.api.audit",
    "decision_record": "parkscore.api.audit",
    "verify": "parkscore.api.audit",
    "run_tests": "parkscore.api.authoring",
    "testgen": "parkscore.api.authoring",
    "import_workbook": "parkscore.api.documents",
    "render_standard": "parkscore.api.documents",
    "template": "parkscore.api.documents",
    "history_scheme": "parkscore.api.lifecycle",
    "load_scheme": "parkscore.api.lifecycle",
    "status": "parkscore.api.lifecycle",
    "Explanation": "parkscore.api.parks",
    "ParkLike": "parkscore.api.parks",
    "check": "parkscore.api.parks",
    "check_park": "parkscore.api.parks",
    "compare": "parkscore.api.parks",
    "explain": "parkscore.api.parks",
    "facts": "parkscore.api.parks",
    "gap": "parkscore.api.parks",
    "indicator_ids": "parkscore.api.parks",
    "is_one_park": "parkscore.api.parks",
    "is_park_data": "parkscore.api.parks",
    "load_park": "parkscore.api.parks",
    "score": "parkscore.api.parks",
    "sensitivity": "parkscore.api.parks",
    "ParkRow": "parkscore.api.population",
    "Scored": "parkscore.api.population",
    "impact": "parkscore.api.population",
    "parse_years": "parkscore.api.population",
    "read_parks": "parkscore.api.population",
    "score_columns": "parkscore.api.population",
    "score_many": "parkscore.api.population",
    "score_row": "parkscore.api.population",
    "score_table": "parkscore.api.population",
    "sql": "parkscore.api.population",
    "TABLE_SUFFIXES": "parkscore.api.population",
    "score_spark": "parkscore.api.population",
    "CatalogEntry": "parkscore.api.standards",
    "Formatted": "parkscore.api.standards",
    "StandardLike": "parkscore.api.standards",
    "catalog": "parkscore.api.standards",
    "check_sources": "parkscore.api.standards",
    "check_standard": "parkscore.api.standards",
    "compile_sources": "parkscore.api.standards",
    "diff": "parkscore.api.standards",
    "format_files": "parkscore.api.standards",
    "in_force": "parkscore.api.standards",
    "installed_schemes": "parkscore.api.standards",
    "installed_standards": "parkscore.api.standards",
    "is_installed": "parkscore.api.standards",
    "rule_files": "parkscore.api.standards",
    "lint": "parkscore.api.standards",
    "lint_standard": "parkscore.api.standards",
    "program": "parkscore.api.standards",
    "load_standard": "parkscore.api.standards",
}

__all__ = list(_WHERE)

if TYPE_CHECKING:  # for type checkers and editors; at run time each name is imported when first used
    from parkscore.dsl.dates import parse_day
    from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, decode, errors, option_error, read_text
    from parkscore.dsl.diff import Change
    from parkscore.dsl.fmt import format_source
    from parkscore.dsl.load import Loaded
    from parkscore.dsl.numbers import dumps, loads
    from parkscore.dsl.span import Span
    from parkscore.engine.scoring.compile import CompiledStandard
    from parkscore.engine.scoring.data import Fact, ParkData, park_from_mapping, parse_percent
    from parkscore.engine.scoring.scorecard import Scorecard

    from .audit import audit_record, decision_record, read_log, read_record, verify
    from .authoring import run_tests, testgen
    from .documents import import_workbook, render_standard, template
    from .lifecycle import history_scheme, load_scheme, status
    from .parks import (
        Explanation,
        ParkLike,
        check,
        check_park,
        compare,
        explain,
        facts,
        gap,
        indicator_ids,
        is_one_park,
        is_park_data,
        load_park,
        score,
        sensitivity,
    )
    from .population import (
        TABLE_SUFFIXES,
        ParkRow,
        Scored,
        impact,
        parse_years,
        read_parks,
        score_columns,
        score_many,
        score_row,
        score_spark,
        score_table,
        sql,
    )
    from .standards import (
        CatalogEntry,
        Formatted,
        StandardLike,
        catalog,
        check_sources,
        check_standard,
        compile_sources,
        diff,
        format_files,
        in_force,
        installed_schemes,
        installed_standards,
        is_installed,
        lint,
        lint_standard,
        load_standard,
        program,
        rule_files,
    )


__getattr__, __dir__ = exports(__name__, _WHERE, ("render",))  # each verb (and the renderers) imported when first used
