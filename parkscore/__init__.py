"""parkscore: a rules engine and small language for the point-scored standards that rate
chemical industrial parks.

    import parkscore
    std = parkscore.load_standard("cpcif-green-park@2020")
    card = parkscore.score(std, parkscore.load_park("examples/parks/synthetic-complete.yaml"))
    card.total, card.eligible, card.indicator("7.17").points

The pipeline: rule files --parse (dsl.parser)--> tree --transform--> AST (dsl.ast) --check
(dsl.check, named passes)--> --compile (engine.scoring.compile)--> evaluators --evaluate
(engine.scoring.evaluate, with a tracer)--> Scorecard --render (engine.documents)--> table | JSON | report.
``parkscore.api`` is the front door (every verb); this module re-exports the common ones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from parkscore._lazy import exports

if TYPE_CHECKING:  # the names below are imported on first use (start-up stays fast)
    from parkscore.dsl.ast import IndicatorKind, InputKind
    from parkscore.dsl.codes import CODES, Severity
    from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError
    from parkscore.dsl.diff import Change
    from parkscore.dsl.fmt import format_source
    from parkscore.dsl.load import Loaded
    from parkscore.dsl.numbers import dumps
    from parkscore.engine.analysis.compare import ParkComparison
    from parkscore.engine.analysis.gap import GapReport
    from parkscore.engine.analysis.sensitivity import SensitivityReport
    from parkscore.engine.audit.record import Verdict
    from parkscore.engine.scoring.compile import CompiledStandard
    from parkscore.engine.scoring.data import Fact, ParkData, park_from_mapping
    from parkscore.engine.scoring.scorecard import CategoryResult, GateResult, GateStatus, IndicatorResult, Scorecard, Status

    from .api import (
        Explanation,
        audit_record,
        check_park,
        check_sources,
        check_standard,
        compare,
        diff,
        explain,
        facts,
        gap,
        impact,
        import_workbook,
        installed_standards,
        lint_standard,
        load_park,
        load_scheme,
        load_standard,
        read_parks,
        read_record,
        render_standard,
        run_tests,
        score,
        score_many,
        score_table,
        sensitivity,
        sql,
        status,
        template,
        testgen,
        verify,
    )

__all__ = [
    # standards
    "load_standard", "check_standard", "lint_standard", "installed_standards", "format_source", "diff",
    "check_sources",
    # parks
    "load_park", "park_from_mapping", "check_park", "facts",
    # scoring and analysis
    "score", "explain", "compare", "gap", "sensitivity",
    # populations: many files, directories, tables (CSV, XLSX, Parquet), DataFrames
    "read_parks", "score_many", "score_table", "impact", "sql",
    # documents and workbooks: the standard's document, an edited workbook read back, the data-collection form
    "render_standard", "import_workbook", "template",
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

_WHERE = {
    "IndicatorKind": "parkscore.dsl.ast",
    "InputKind": "parkscore.dsl.ast",
    "CODES": "parkscore.dsl.codes",
    "Severity": "parkscore.dsl.codes",
    "Diagnostic": "parkscore.dsl.diagnostics",
    "DiagnosticError": "parkscore.dsl.diagnostics",
    "Change": "parkscore.dsl.diff",
    "format_source": "parkscore.dsl.fmt",
    "Loaded": "parkscore.dsl.load",
    "dumps": "parkscore.dsl.numbers",
    "ParkComparison": "parkscore.engine.analysis.compare",
    "GapReport": "parkscore.engine.analysis.gap",
    "SensitivityReport": "parkscore.engine.analysis.sensitivity",
    "Verdict": "parkscore.engine.audit.record",
    "CompiledStandard": "parkscore.engine.scoring.compile",
    "Fact": "parkscore.engine.scoring.data",
    "ParkData": "parkscore.engine.scoring.data",
    "park_from_mapping": "parkscore.engine.scoring.data",
    "CategoryResult": "parkscore.engine.scoring.scorecard",
    "GateResult": "parkscore.engine.scoring.scorecard",
    "GateStatus": "parkscore.engine.scoring.scorecard",
    "IndicatorResult": "parkscore.engine.scoring.scorecard",
    "Scorecard": "parkscore.engine.scoring.scorecard",
    "Status": "parkscore.engine.scoring.scorecard",
    "Explanation": "parkscore.api",
    "audit_record": "parkscore.api",
    "check_park": "parkscore.api",
    "check_sources": "parkscore.api",
    "check_standard": "parkscore.api",
    "compare": "parkscore.api",
    "diff": "parkscore.api",
    "explain": "parkscore.api",
    "facts": "parkscore.api",
    "gap": "parkscore.api",
    "impact": "parkscore.api",
    "import_workbook": "parkscore.api",
    "installed_standards": "parkscore.api",
    "lint_standard": "parkscore.api",
    "load_park": "parkscore.api",
    "load_scheme": "parkscore.api",
    "load_standard": "parkscore.api",
    "read_parks": "parkscore.api",
    "read_record": "parkscore.api",
    "render_standard": "parkscore.api",
    "run_tests": "parkscore.api",
    "score": "parkscore.api",
    "score_many": "parkscore.api",
    "score_table": "parkscore.api",
    "sensitivity": "parkscore.api",
    "sql": "parkscore.api",
    "status": "parkscore.api",
    "template": "parkscore.api",
    "testgen": "parkscore.api",
    "verify": "parkscore.api",
}


__getattr__, __dir__ = exports(__name__, _WHERE, ("api", "cli", "dsl", "engine"))
