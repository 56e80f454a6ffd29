"""Renderings of the API's results, for clients: each result type has its text, JSON (a dict for
``dumps``), Markdown, CSV or HTML renderer here, so the command line, the service and the
language server show one result the same way. Nothing here computes a result."""
from __future__ import annotations

from parkscore.dsl.diagnostics import render_all
from parkscore.dsl.numbers import dumps, dumps_line, show
from parkscore.engine.analysis.compare import compare_csv, compare_json, compare_table
from parkscore.engine.analysis.explain import MODES, explain_json, explain_text, group, select
from parkscore.engine.analysis.gap import gap_json, gap_text
from parkscore.engine.analysis.sensitivity import sensitivity_json, sensitivity_text
from parkscore.engine.audit.record import AUDIT_SCHEMA
from parkscore.engine.authoring.runner import run_json, run_text
from parkscore.engine.documents.document import document_markdown
from parkscore.engine.documents.html import compare_html, diff_html, scorecard_html, standard_html
from parkscore.engine.documents.render import (
    csv_line,
    diff_table,
    schema_json,
    schema_table,
    scorecard_json,
    scorecard_markdown,
    scorecard_table,
    standard_labels,
)
from parkscore.engine.documents.workbook import standard_xlsx
from parkscore.engine.lifecycle.status import status_json, status_text
from parkscore.engine.population.impact import impact_csv_rows, impact_json, impact_text
from parkscore.engine.population.sql import DIALECTS
from parkscore.engine.scoring.compile import CompiledStandard

DIAGNOSTICS_SCHEMA = "parkscore.diagnostics/1"


def diagnostics_json(diags: list[dict[str, object]]) -> dict[str, object]:
    """check and lint as JSON: ``parkscore.diagnostics/1`` (each diagnostic's ``to_json()``)."""
    return {"schema": DIAGNOSTICS_SCHEMA, "diagnostics": diags}


def compare_labels(compiled: list[CompiledStandard]) -> tuple[list[str], frozenset[str], list[str]]:
    """For a comparison of versions: the column labels (an illustrative version says so), the refs
    that are illustrative, and the notes on each version's status and readings."""
    illustrative = frozenset(c.ref for c in compiled if c.std.header.illustrative)
    labels = [f"{c.ref} (illustrative)" if c.ref in illustrative else c.ref for c in compiled]
    notes = [f"{c.ref}: " + line for c in compiled
             for line in standard_labels(c.std.header.status, c.std.header.illustrative, c.std.header.readings)]
    return labels, illustrative, notes


__all__ = [
    "AUDIT_SCHEMA", "DIAGNOSTICS_SCHEMA", "DIALECTS", "MODES", "compare_csv", "compare_html", "compare_json", "compare_labels",
    "compare_table", "csv_line", "diagnostics_json", "diff_html", "diff_table", "document_markdown", "dumps", "dumps_line",
    "explain_json", "explain_text", "gap_json", "gap_text", "group", "impact_csv_rows", "impact_json", "impact_text",
    "render_all", "run_json", "run_text", "schema_json", "schema_table", "scorecard_html", "scorecard_json",
    "scorecard_markdown", "scorecard_table", "select", "sensitivity_json", "sensitivity_text", "show", "standard_html",
    "standard_labels", "standard_xlsx", "status_json", "status_text",
]
