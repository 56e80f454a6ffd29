"""Cohort-relative values: an indicator's value as the park's rank among the parks scored together.

``rank energy_intensity lowest first`` makes the indicator's value the park's rank among the parks
of the same run that have a value of ``energy_intensity``, as a percentage of their number: with
N parks, the best is 100/N and the worst 100; ties share the better rank. The bands then test that
percentage (排名前30% is ``<= 30``). A park scored alone has no cohort: its rank is no data unless
the park file gives the percentage itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from parkscore.dsl import ast
from parkscore.dsl.numbers import exact
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import Fact
from parkscore.engine.scoring.evaluate import evaluate_indicator
from parkscore.engine.scoring.scorecard import Status


@dataclass(frozen=True)
class Ranked:
    indicator: str
    of: str
    lowest_first: bool


def ranked(cs: CompiledStandard) -> list[Ranked]:
    return [Ranked(ci.ind.id, r.of, r.lowest_first) for ci in cs.indicators for r in ci.ind.rules_of(ast.Rank)]


def _measure(cs: CompiledStandard, key: str, facts: Mapping[str, Fact]) -> Decimal | None:
    """The value ranked: an input's figure, or another indicator's value as the engine computes it."""
    if key in facts and isinstance(facts[key].value, Decimal):
        return facts[key].number
    try:
        ci = cs.indicator(key)
    except KeyError:
        return None
    with exact():
        r = evaluate_indicator(ci, facts)
    return r.value if r.status is Status.SCORED and isinstance(r.value, Decimal) else None


def with_ranks(cs: CompiledStandard, rows: list[dict[str, Fact]]) -> list[dict[str, Fact]]:
    """Each park's facts with the ranked indicators' values added (a value the park gives itself is kept)."""
    out = [dict(f) for f in rows]
    for rk in ranked(cs):
        values = [_measure(cs, rk.of, f) for f in rows]
        present = sorted(v for v in values if v is not None)
        n = len(present)
        for facts, v in zip(out, values):
            if v is None or rk.indicator in facts:
                continue
            better = sum(1 for x in present if (x < v if rk.lowest_first else x > v))
            with exact():
                pct = Decimal(100) * (better + 1) / n
            span = facts[rk.of].span if rk.of in facts else next(iter(facts.values())).span
            facts[rk.indicator] = Fact(rk.indicator, pct, span, source=f"rank {better + 1} of {n} parks by {rk.of} "
                                       f"({'lowest' if rk.lowest_first else 'highest'} first)", unit="%")
    return out
