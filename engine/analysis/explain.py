"""Trace -> an auditor's working paper: events grouped per indicator, gate and category.

Modes follow OPA's explain: ``full`` keeps everything, ``awards`` only the indicators that
awarded points (with every step that led there), ``fails`` only what gave nothing: indicators
at 0 (a failed band, a guard, no data) and gates that did not pass.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from parkscore.dsl.diagnostics import SourceMap
from parkscore.engine.scoring.trace import Op, TraceEvent

MODES = ("full", "awards", "fails")


@dataclass(frozen=True)
class Group:
    """The events about one subject, in the order they happened."""

    kind: str  # indicator | gate | category | total
    subject: str
    events: tuple[TraceEvent, ...]

    @property
    def points(self) -> Decimal | None:
        return next((e.points for e in reversed(self.events) if e.op in (Op.AWARD, Op.FAIL)), None)

    @property
    def failed(self) -> bool:
        if self.kind == "indicator":
            return not self.points
        if self.kind == "gate":
            return any(e.op is Op.GATE and not e.outcome for e in self.events)
        return False


_KIND = {Op.ENTER: "indicator", Op.GATE: "gate", Op.SUBTOTAL: "category", Op.TOTAL: "total"}


def group(events: Iterable[TraceEvent]) -> list[Group]:
    groups: list[Group] = []
    current: list[TraceEvent] = []
    for e in events:
        # an indicator starts at ENTER; a gate's INPUT precedes its GATE event
        if e.op is Op.ENTER or (current and e.subject != current[0].subject):
            if current:
                groups.append(_close(current))
            current = []
        current.append(e)
    if current:
        groups.append(_close(current))
    return groups


def _close(events: list[TraceEvent]) -> Group:
    kind = next((_KIND[e.op] for e in events if e.op in _KIND), "indicator")
    return Group(kind, events[0].subject, tuple(events))


def select(groups: list[Group], mode: str, indicators: tuple[str, ...] = ()) -> list[Group]:
    if indicators:
        groups = [g for g in groups if g.kind == "indicator" and g.subject in indicators]
    if mode == "awards":
        return [g for g in groups if (g.kind == "indicator" and g.points) or g.kind in ("category", "total")]
    if mode == "fails":
        return [g for g in groups if g.failed or g.kind == "total"]
    return groups


_LABEL = {
    Op.ENTER: "", Op.INPUT: "input", Op.COMPUTE: "compute", Op.TEST: "test", Op.AWARD: "award",
    Op.FAIL: "result", Op.MISSING: "missing", Op.GATE: "gate", Op.SUBTOTAL: "subtotal", Op.TOTAL: "total",
}


def explain_text(groups: list[Group], sources: SourceMap, park_file: str) -> str:
    """Positions: the indicator's line and the deciding rule carry their full file:line:col;
    the steps in between show [:line:col] in the same rule file, or [data:line:col] in the park file."""
    out: list[str] = [f"data: {park_file}", ""]
    for g in groups:
        home = g.events[0].span.file if g.events[0].op is Op.ENTER and g.events[0].span else None
        for e in g.events:
            where = ""
            if e.span:
                if e.span.file == park_file:
                    where = f"  [data:{e.span.line}:{e.span.col}]"
                elif e.span.file == home and e.op not in (Op.ENTER, Op.AWARD, Op.FAIL):
                    where = f"  [:{e.span.line}:{e.span.col}]"
                else:
                    where = f"  [{e.span.file}:{e.span.line}:{e.span.col}]"
            if e.op is Op.ENTER:
                out.append(f"{e.message}{where}")
                out += [f"  {n['kind']:<8} {n['text']}" for n in e.data.get("notes", [])]
                continue
            label = _LABEL[e.op]
            if e.op is Op.TEST:
                label = "pass" if e.outcome else "fail"
            line = f"  {label:<8} {e.message}" if g.kind == "indicator" else f"{label:<8} {e.message}"
            out.append(line + where)
            if e.op is Op.INPUT and e.data.get("source"):
                out.append(f"{'':11}source: {e.data['source']}")
            if e.op in (Op.AWARD, Op.FAIL) and e.span:
                quoted = _line(sources, e.span.file, e.span.line)
                if quoted:
                    out.append(f"{'':11}rule:   {quoted}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _line(sources: SourceMap, file: str, line: int) -> str:
    return sources.line(file, line).strip()


def event_json(e: TraceEvent) -> dict[str, Any]:
    return {
        "op": e.op.value,
        "subject": e.subject,
        "message": e.message,
        "file": e.span.file if e.span else None,
        "line": e.span.line if e.span else None,
        "col": e.span.col if e.span else None,
        "outcome": e.outcome,
        "points": e.points,
        "data": e.data,
    }


def explain_json(groups: list[Group]) -> list[dict[str, Any]]:
    return [{"kind": g.kind, "subject": g.subject, "points": g.points, "events": [event_json(e) for e in g.events]}
            for g in groups]
