"""Renderings of the API's results, for clients: each result type has its text, JSON (a dict for
``dumps``), Markdown, CSV or HTML renderer here, so the command line, the service and the
language server show one result the same way. Nothing here computes a result."""
from __future__ import annotations

from typing import TYPE_CHECKING

from parkscore._lazy import exports

if TYPE_CHECKING:
    from parkscore.engine.scoring.compile import CompiledStandard

_WHERE: dict[str, str] = {
    "AUDIT_SCHEMA": "parkscore.engine.audit.record",
    "DIALECTS": "parkscore.engine.population.sql",
    "MODES": "parkscore.engine.analysis.explain",
    "REFUSED_DIALECTS": "parkscore.engine.population.sql",
    "compare_csv": "parkscore.engine.analysis.compare",
    "compare_html": "parkscore.engine.documents.html",
    "compare_charts": "parkscore.engine.documents.charts",
    "impact_charts": "parkscore.engine.documents.charts",
    "impact_html": "parkscore.engine.documents.html",
    "embedded_charts": "parkscore.engine.documents.html",
    "population_charts": "parkscore.engine.documents.charts",
    "scorecard_charts": "parkscore.engine.documents.charts",
    "sensitivity_charts": "parkscore.engine.documents.charts",
    "chart_png": "parkscore.engine.documents.charts",
    "chart_svg": "parkscore.engine.documents.charts",
    "rows_xlsx": "parkscore.engine.documents.workbook",
    "compare_json": "parkscore.engine.analysis.compare",
    "compare_table": "parkscore.engine.analysis.compare",
    "csv_line": "parkscore.engine.documents.render",
    "diff_html": "parkscore.engine.documents.html",
    "diff_json": "parkscore.engine.documents.render",
    "diff_table": "parkscore.engine.documents.render",
    "document_markdown": "parkscore.engine.documents.document",
    "dumps": "parkscore.dsl.numbers",
    "dumps_line": "parkscore.dsl.numbers",
    "explain_json": "parkscore.engine.analysis.explain",
    "explain_text": "parkscore.engine.analysis.explain",
    "gap_json": "parkscore.engine.analysis.gap",
    "gap_text": "parkscore.engine.analysis.gap",
    "group": "parkscore.engine.analysis.explain",
    "impact_csv_rows": "parkscore.engine.population.impact",
    "impact_json": "parkscore.engine.population.impact",
    "impact_text": "parkscore.engine.population.impact",
    "render_all": "parkscore.dsl.diagnostics",
    "run_json": "parkscore.engine.authoring.runner",
    "run_text": "parkscore.engine.authoring.runner",
    "schema_json": "parkscore.engine.documents.render",
    "schema_table": "parkscore.engine.documents.render",
    "scorecard_html": "parkscore.engine.documents.html",
    "scorecard_json": "parkscore.engine.documents.render",
    "scorecard_markdown": "parkscore.engine.documents.render",
    "scorecard_table": "parkscore.engine.documents.render",
    "select": "parkscore.engine.analysis.explain",
    "sensitivity_json": "parkscore.engine.analysis.sensitivity",
    "sensitivity_text": "parkscore.engine.analysis.sensitivity",
    "show": "parkscore.dsl.numbers",
    "standard_html": "parkscore.engine.documents.html",
    "standard_labels": "parkscore.engine.documents.render",
    "standard_xlsx": "parkscore.engine.documents.workbook",
    "status_json": "parkscore.engine.lifecycle.status",
    "statuses_json": "parkscore.engine.lifecycle.status",
    "status_summary": "parkscore.engine.lifecycle.status",
    "status_text": "parkscore.engine.lifecycle.status",
}

__getattr__, __dir__ = exports(__name__, _WHERE)  # a renderer's module imported when first used

DIAGNOSTICS_SCHEMA = "parkscore.diagnostics/1"


def diagnostics_json(diags: list[dict[str, object]]) -> dict[str, object]:
    """check and lint as JSON: ``parkscore.diagnostics/1`` (each diagnostic's ``to_json()``)."""
    return {"schema": DIAGNOSTICS_SCHEMA, "diagnostics": diags}


def compare_labels(compiled: list[CompiledStandard]) -> tuple[list[str], frozenset[str], list[str]]:
    """For a comparison of versions: the column labels (an illustrative version says so), the refs
    that are illustrative, and the notes on each version's status and readings."""
    from parkscore.engine.documents.render import standard_labels

    illustrative = frozenset(c.ref for c in compiled if c.std.header.illustrative)
    labels = [f"{c.ref} (illustrative)" if c.ref in illustrative else c.ref for c in compiled]
    notes = [f"{c.ref}: " + line for c in compiled
             for line in standard_labels(c.std.header.status, c.std.header.illustrative, c.std.header.readings)]
    return labels, illustrative, notes


__all__ = [*_WHERE, "DIAGNOSTICS_SCHEMA", "compare_labels", "diagnostics_json"]
