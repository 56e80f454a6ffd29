"""HTML output: one self-contained file per document (no network, no script), from the Jinja2
templates in engine/templates; every text is escaped by Jinja2's autoescaping."""
from __future__ import annotations

from decimal import Decimal
from importlib.metadata import version as _version
from typing import Any

from parkscore.dsl.numbers import show

from .document import StandardDocument, document_json
from .render import standard_labels, value_text
from .scorecard import Scorecard
from .trace import TraceEvent


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("parkscore.engine", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["show"] = lambda d: "" if d is None else show(Decimal(d))
    env.filters["show4"] = lambda d: "" if d is None else show(Decimal(d), 4)
    env.globals["version"] = _version("parkscore")
    return env


def standard_html(doc: StandardDocument) -> str:
    d = document_json(doc)
    total = doc.header.total if doc.header.total is not None else sum((c.max_points or Decimal(0) for c in doc.cs.std.categories), Decimal(0))
    return _env().get_template("standard.html.j2").render(d=d, total=total)


def scorecard_html(card: Scorecard, events: tuple[TraceEvent, ...] = ()) -> str:
    trace: dict[str, list[str]] = {}
    for e in events:
        if e.subject:
            trace.setdefault(e.subject, []).append(e.message)
    return _env().get_template("scorecard.html.j2").render(
        c=card, labels=standard_labels(card.status, card.illustrative, card.readings), missing=card.missing,
        weighted=any(c.weighted is not None for c in card.categories), trace=trace, value=value_text)
