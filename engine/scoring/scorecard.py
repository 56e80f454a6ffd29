"""The result of evaluating a park against a standard: per indicator, per category, gates, verdict."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Callable

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind
from parkscore.dsl.numbers import show


class Status(StrEnum):
    """What became of an indicator."""

    SCORED = "scored"
    NO_DATA = "no_data"  # a figure it needs was not reported: 0 points, listed as missing
    UNDEFINED = "undefined"  # the figures give no value (a division by zero, a tier with no threshold): 0 points, listed
    EXCUSED = "excused"  # the park shows the indicator does not apply to it (excuse if …): not counted, never a veto


class GateStatus(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class RuleRef:
    """Where a rule is written: the auditor's pointer from a point to the text that gave it."""

    file: str
    line: int
    col: int
    clause: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    clause: str
    title: str
    category: str
    kind: IndicatorKind
    status: Status
    value: Decimal | str | int | None
    unit: str | None
    points: Decimal
    max_points: Decimal
    rule: RuleRef | None
    outcome: str  # what matched, in words ("0.05 < x <= 0.1", "level complete", "2 items")
    missing: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (reading | erratum, text) of the rule file, shown with the result


@dataclass(frozen=True)
class GateResult:
    id: str
    clause: str
    title: str
    advisory: bool
    status: GateStatus
    rule: RuleRef


@dataclass(frozen=True)
class CategoryResult:
    id: str
    title: str
    points: Decimal
    max_points: Decimal
    weight: Decimal | None = None  # percent, in weighted standards
    weighted: Decimal | None = None  # weight × points / max × total: this category's share of the total
    met: int | None = None  # k of n: indicators met (scored above 0)
    needed: int | None = None  # k of n: how many must be met (k, or n if fewer are not excused)
    counted: int | None = None  # k of n: indicators not excused (n)


@dataclass(frozen=True)
class Scorecard:
    standard: str
    standard_title: str
    park: str
    period: str | None
    synthetic: bool
    indicators: tuple[IndicatorResult, ...]
    categories: tuple[CategoryResult, ...]
    gates: tuple[GateResult, ...]
    total: Decimal
    max_total: Decimal
    pass_mark: Decimal | None
    eligible: bool | None  # None: the standard defines no pass mark and no basic requirements
    reasons: tuple[str, ...]  # why not eligible (empty when eligible)
    unused: tuple[str, ...] = ()  # park data keys this standard does not read (other standards do)
    status: str | None = None  # the standard's status (official, adapted, 报批稿, draft, …)
    illustrative: str | None = None  # why the standard is illustrative, if it is
    readings: tuple[str, ...] = ()  # the standard's readings of ours
    grade: str | None = None  # the grade the total falls in (grade rules of the header), if any
    grade_title: str | None = None
    grade_rule: RuleRef | None = None

    @property
    def verdict(self) -> str:
        """The verdict in words: eligible, not eligible, or n/a for a standard that only ranks."""
        return "n/a" if self.eligible is None else ("eligible" if self.eligible else "not eligible")

    @property
    def missing(self) -> list[IndicatorResult]:
        """The indicators without a usable value (no data, or undefined)."""
        return [r for r in self.indicators if r.status not in (Status.SCORED, Status.EXCUSED)]

    def row(self) -> dict[str, Any]:
        """The card as one flat row: total, verdict, the indicators without a usable value, and
        per indicator its points (``<id>``) and value (``<id>.value``). The vectorised evaluator
        gives the same row (``VectorScores.row``)."""
        out: dict[str, Any] = {"total": self.total, "eligible": self.eligible, "missing": ";".join(r.id for r in self.missing)}
        for r in self.indicators:
            out[r.id] = r.points
        for r in self.indicators:
            out[f"{r.id}.value"] = r.value if r.status is Status.SCORED else None
        return out

    def indicator(self, key: str) -> IndicatorResult:
        """An indicator's result by id (``COD_intensity``) or clause (``7.17``)."""
        for r in self.indicators:
            if key in (r.id, r.clause):
                return r
        raise KeyError(f"{self.standard} has no indicator '{key}'")

    def gate(self, key: str) -> GateResult:
        """A gate's result by id or clause."""
        for g in self.gates:
            if key in (g.id, g.clause):
                return g
        raise KeyError(f"{self.standard} has no gate '{key}'")


def reasons_in_brief(std: ast.Standard, status: Callable[[str], Status], points: Callable[[str], Decimal],
                     gate: Callable[[str], GateStatus], total: Decimal) -> str:
    """Why a park is not eligible, in one cell, from its statuses and points alone, so that the
    per-park engine and the vectorised evaluator write the same text in a population's rows: the
    vetoes not met, the k-of-n groups short, the pass mark, the basic requirements not passed.
    (A scorecard's ``reasons`` say the same at length, with each veto's outcome.)"""
    out = []
    met = lambda i: status(i) is Status.SCORED and points(i) > 0  # noqa: E731
    for ind in std.indicators:
        if ind.veto and status(ind.id) is not Status.EXCUSED and not met(ind.id):
            out.append(f"veto {ind.clause} {ind.id}")
    for cat in std.categories:
        if cat.at_least is not None:
            counted = [i.id for i in cat.indicators if status(i.id) is not Status.EXCUSED]
            k, needed = sum(met(i) for i in counted), min(cat.at_least, len(counted))
            if k < needed:
                out.append(f"{cat.title}: {k} of {len(counted)} met, {needed} needed")
    pass_mark = std.header.pass_mark
    if pass_mark is not None and total < pass_mark:
        out.append(f"total {show(total, 4)} < {show(pass_mark)}")
    for g in std.gates:
        if not g.advisory and gate(g.id) is not GateStatus.PASS:
            out.append(f"{g.clause} {g.id}: {'failed' if gate(g.id) is GateStatus.FAIL else 'no data'}")
    return "; ".join(out)
