"""The result of evaluating a park against a standard: per indicator, per category, gates, verdict."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


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
    kind: str  # band | level | count
    status: str  # scored | no_data | undefined
    value: Decimal | str | int | None
    unit: str | None
    points: Decimal
    max_points: Decimal
    rule: RuleRef | None
    outcome: str  # what matched, in words ("0.05 < x <= 0.1", "level complete", "2 items")
    missing: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class GateResult:
    id: str
    clause: str
    title: str
    advisory: bool
    status: str  # pass | fail | no_data
    rule: RuleRef


@dataclass(frozen=True)
class CategoryResult:
    id: str
    title: str
    points: Decimal
    max_points: Decimal
    weight: Decimal | None = None  # percent, in weighted standards
    weighted: Decimal | None = None  # weight × points / max × total: this category's share of the total


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

    @property
    def missing(self) -> list[IndicatorResult]:
        return [r for r in self.indicators if r.status != "scored"]

    def indicator(self, ident: str) -> IndicatorResult:
        return next(r for r in self.indicators if r.id == ident)


def num(d: Decimal | None) -> Any:
    """A Decimal for JSON: an int when integral, else a float (exact text is in 'value_text')."""
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)
