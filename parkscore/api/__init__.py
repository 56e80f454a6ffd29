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

from parkscore.dsl.dates import parse_day
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, errors, option_error, read_text
from parkscore.dsl.diff import Change
from parkscore.dsl.fmt import format_source
from parkscore.dsl.load import Loaded
from parkscore.dsl.numbers import dumps, loads
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import Fact, ParkData, park_from_mapping, parse_percent
from parkscore.engine.scoring.scorecard import Scorecard

from .audit import audit_record, read_record, verify
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
from .population import ParkRow, Scored, impact, parse_years, read_parks, score_columns, score_many, score_row, score_table, sql
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
    installed_standards,
    is_installed,
    lint,
    lint_standard,
    load_standard,
    rule_files,
)

__all__ = [
    "Diagnostic", "DiagnosticError", "SourceMap", "errors", "option_error", "read_text", "parse_day", "parse_percent", "Change",
    "format_source", "Loaded", "dumps", "loads", "CompiledStandard", "Fact", "ParkData", "park_from_mapping", "Scorecard",
    "audit_record", "read_record", "verify", "run_tests", "testgen", "import_workbook", "render_standard", "template",
    "history_scheme", "load_scheme", "status", "Explanation", "ParkLike", "check", "check_park", "compare", "explain",
    "facts", "gap", "indicator_ids", "is_one_park", "is_park_data", "load_park", "score", "sensitivity", "ParkRow",
    "Scored", "impact", "parse_years", "read_parks", "score_columns", "score_many", "score_row", "score_table", "sql",
    "CatalogEntry", "Formatted", "StandardLike", "catalog", "check_sources", "check_standard", "compile_sources", "diff",
    "format_files", "in_force", "installed_standards", "is_installed", "rule_files", "lint", "lint_standard", "load_standard",
]
