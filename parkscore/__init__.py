"""parkscore: a rules engine and small language for the point-scored standards that rate
chemical industrial parks.

    import parkscore
    std = parkscore.load_standard("cpcif-green-park@2020")
    card = parkscore.score(std, parkscore.load_park("examples/parks/synthetic-complete.yaml"))
    card.total, card.eligible, card.indicator("7.17").points

The pipeline: rule files --parse (dsl.parser)--> tree --transform--> AST (dsl.ast) --check
(dsl.check, named passes)--> --compile (engine.compile)--> evaluators --evaluate
(engine.evaluate, with a tracer)--> Scorecard --render (engine.render)--> table | JSON | report.
"""
from __future__ import annotations

from parkscore.dsl.ast import IndicatorKind, InputKind
from parkscore.dsl.codes import CODES, Severity
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError
from parkscore.dsl.diff import Change
from parkscore.dsl.fmt import format_source
from parkscore.dsl.load import Loaded
from parkscore.dsl.numbers import dumps
from parkscore.engine.audit import Verdict
from parkscore.engine.compare import ParkComparison
from parkscore.engine.compile import CompiledStandard
from parkscore.engine.data import Fact, ParkData, park_from_mapping
from parkscore.engine.gap import GapReport
from parkscore.engine.scorecard import CategoryResult, GateResult, GateStatus, IndicatorResult, Scorecard, Status
from parkscore.engine.sensitivity import SensitivityReport

from .api import (
    Explanation,
    audit_record,
    check_park,
    check_standard,
    compare,
    diff,
    explain,
    facts,
    gap,
    impact,
    installed_standards,
    lint_standard,
    load_park,
    load_scheme,
    load_standard,
    read_parks,
    read_record,
    run_tests,
    score,
    score_many,
    score_table,
    sensitivity,
    sql,
    status,
    testgen,
    verify,
)

__all__ = [
    # standards
    "load_standard", "check_standard", "lint_standard", "installed_standards", "format_source", "diff",
    # parks
    "load_park", "park_from_mapping", "check_park", "facts",
    # scoring and analysis
    "score", "explain", "compare", "gap", "sensitivity",
    # populations: many files, directories, tables (CSV, XLSX, Parquet), DataFrames
    "read_parks", "score_many", "score_table", "impact", "sql",
    # designation schemes (认定管理办法): a park's status over time
    "load_scheme", "status",
    # test cases and coverage for standards authors
    "run_tests", "testgen",
    # audit records
    "audit_record", "read_record", "verify",
    # JSON with exact decimals
    "dumps",
    # result and model types
    "CompiledStandard", "Loaded", "ParkData", "Fact", "Scorecard", "IndicatorResult", "CategoryResult", "GateResult",
    "Status", "GateStatus", "IndicatorKind", "InputKind", "Explanation", "ParkComparison", "GapReport",
    "SensitivityReport", "Verdict", "Change",
    # diagnostics
    "Diagnostic", "DiagnosticError", "Severity", "CODES",
]
