"""HTML output: one self-contained file per document (no network, no script), from the Jinja2
templates in engine/documents/templates; every text is escaped by Jinja2's autoescaping."""
from __future__ import annotations

import difflib
import itertools
from decimal import Decimal
from typing import Any

from parkscore.dsl.diff import Change
from parkscore.dsl.numbers import show
from parkscore.engine.analysis.compare import ParkComparison
from parkscore.engine.documents.charts import Chart, compare_charts, impact_charts, inline_svg, scorecard_charts
from parkscore.engine.documents.document import StandardDocument, document, document_json, matched_words, total_label, written
from parkscore.engine.documents.lexer import css, highlight_html
from parkscore.engine.documents.render import standard_labels, value_text
from parkscore.engine.population.impact import ImpactReport
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.scorecard import Scorecard
from parkscore.engine.scoring.trace import TraceEvent


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("parkscore.engine.documents", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["show"] = lambda d: "" if d is None else show(Decimal(d))
    env.filters["show4"] = lambda d: "" if d is None else show(Decimal(d), 4)
    from importlib.metadata import version

    env.globals["version"] = version("parkscore")
    return env


def standard_html(doc: StandardDocument) -> str:
    """The standard as its document, each indicator with its rule text as written, highlighted."""
    from markupsafe import Markup

    d = document_json(doc)
    total = doc.cs.std.max_total
    texts = {s.ind.id: Markup(highlight_html("\n".join(written(doc.cs, s.ind)))) for s in doc.sections}  # escaped by Pygments
    return _env().get_template("standard.html.j2").render(d=d, total=total, total_label=total_label(doc), texts=texts, pks_css=Markup(css()))


def scorecard_html(card: Scorecard, cs: CompiledStandard, events: tuple[TraceEvent, ...] = (), open_trace: bool = False) -> str:
    """A park's report; ``open_trace``: every indicator's trace shown (explain), else collapsed (score).
    The matched band or level is shown in the standard's words (the rule text on hover); each trace
    step with the ``file:line:col`` of the rule it tested."""
    trace: dict[str, list[tuple[str, str]]] = {}
    for e in events:
        if e.subject:
            trace.setdefault(e.subject, []).append((e.message, f"{e.span.file}:{e.span.line}:{e.span.col}" if e.span else ""))
    return _env().get_template("scorecard.html.j2").render(words=matched_words(document(cs)),
        charts=embedded_charts(scorecard_charts(card)), c=card, labels=standard_labels(card.status, card.illustrative, card.readings), missing=card.missing,
        weighted=any(c.weighted is not None for c in card.categories), trace=trace, value=value_text, open_trace=open_trace)


def diff_html(old: StandardDocument, new: StandardDocument, changes: list[Change]) -> str:
    """Two versions side by side: the semantic changes, then each changed indicator's scoring
    table in both versions, rows that differ marked (struck out in the old, bold in the new)."""
    def rows(doc: StandardDocument, key: str) -> list[tuple[str, str]]:
        s = next((s for s in doc.sections if s.ind.id == key), None)
        if s is None:
            return []
        return [((r.wording if r.kind == "level" and r.wording else r.condition), show(r.points) + "分" if r.points is not None else "")
                for r in s.rows]

    pairs = []
    for key in dict.fromkeys(c.id for c in changes if c.what == "indicator"):
        a, b = rows(old, key), rows(new, key)
        side: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            left = [{"text": t, "points": p, "changed": op != "equal"} for t, p in a[i1:i2]]
            right = [{"text": t, "points": p, "changed": op != "equal"} for t, p in b[j1:j2]]
            side += list(itertools.zip_longest(left, right))
        ind = next((s.ind for d in (new, old) for s in d.sections if s.ind.id == key), None)
        pairs.append({"clause": ind.clause if ind else "", "title": ind.title if ind else key, "rows": side})
    h = new.header
    return _env().get_template("diff.html.j2").render(
        old={"ref": old.cs.ref, "title": old.header.title}, new={"ref": new.cs.ref, "title": h.title}, changes=changes, pairs=pairs,
        labels=standard_labels(h.status, h.illustrative, h.readings))


def compare_html(results: list[ParkComparison], labels: list[str], notes: list[str]) -> str:
    """Parks under several versions: totals and verdicts (flips called out), then per park its
    charts and the indicators whose points or status differ; no data is shown as such, never as 0."""
    env = _env()
    env.globals["zip"] = zip
    return env.get_template("compare.html.j2").render(results=results, labels=labels, notes=notes,
                                                      charts=[embedded_charts(compare_charts(r, labels)) for r in results])


def impact_html(rep: ImpactReport) -> str:
    """A draft's effect on a population as a report: the summary, the charts (totals before and
    after with the pass mark, the flip matrix, the mean change per indicator), every flip and
    every indicator whose points change."""
    changed = sorted((i for i in rep.indicators.values() if i.parks_changed), key=lambda i: (-abs(i.total_change), i.clause))
    return _env().get_template("impact.html.j2").render(r=rep, mean=rep.total_change / rep.parks if rep.parks else Decimal(0),
                                                        changed=changed, charts=embedded_charts(impact_charts(rep, rep.pass_mark)), labels=rep.labels)


def embedded_charts(charts: list[Chart]) -> list[dict[str, Any]]:
    """Charts as HTML pages embed them (these reports, the workbench's pages): id, title and the SVG
    (made by matplotlib, markup-safe)."""
    from markupsafe import Markup

    return [{"id": c.id, "title": c.title, "svg": Markup(inline_svg(c))} for c in charts]
