"""Sensitivity to data error: Monte Carlo over the park's figures within their uncertainty.

Every number the park reports (raw figures, values given directly, yearly figures) is drawn
uniformly within ±u of its value, u being the figure's own ``uncertainty`` or the global one;
counts (家, 个, 次, 天) are rounded to whole numbers and shares in % kept within 0-100. Levels,
yes/no facts and items are not perturbed. A draw in which figures are impossible together (the
part of a share above its whole, so that an indicator the plain score computes becomes undefined
against its declared range) is drawn again, up to MAX_REDRAWS times. The generator is seeded: same seed, same result.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from statistics import mean, pstdev
from typing import Any

from tabulate import tabulate

from parkscore.dsl.numbers import show
from parkscore.dsl.units import COUNT_UNITS

from .compile import CompiledStandard
from .data import Fact, ParkData
from .evaluate import evaluate
from .scorecard import Scorecard, Status

MAX_REDRAWS = 50


@dataclass(frozen=True)
class Sensitive:
    id: str
    clause: str
    value: str
    base_points: Decimal
    changed: float  # share of runs in which the indicator's points differ from the plain score
    flips_verdict: float  # share of runs in which it changed and eligibility changed with it
    nearest_edge: str


@dataclass(frozen=True)
class SensitivityReport:
    base: Scorecard
    runs: int
    seed: int
    uncertainty: Decimal
    p_eligible: float | None
    totals: tuple[Decimal, ...]
    sensitive: tuple[Sensitive, ...]


def _draw(rng: random.Random, f: Fact, u: Decimal) -> Fact:
    def one(v: Decimal) -> Decimal:
        x = v * (1 + u * Decimal(repr(rng.uniform(-1.0, 1.0))))
        if f.unit in COUNT_UNITS:
            x = max(Decimal(0), x.to_integral_value())
        elif f.unit == "%":
            x = min(max(x, Decimal(0)), Decimal(100))
        return x

    if isinstance(f.value, Decimal):
        return replace(f, value=one(f.value))
    if isinstance(f.value, tuple) and f.value and isinstance(f.value[0], tuple):
        return replace(f, value=tuple((y, one(v)) for y, v in f.series))
    return f


def sensitivity(cs: CompiledStandard, facts: dict[str, Fact], park: ParkData, uncertainty: Decimal,
                runs: int = 2000, seed: int = 0) -> SensitivityReport:
    base = evaluate(cs, facts, park)
    rng = random.Random(seed)
    totals: list[Decimal] = []
    eligible = 0
    changed: Counter[str] = Counter()
    flips: Counter[str] = Counter()
    defined = {r.id for r in base.indicators if r.status is not Status.UNDEFINED}
    for _ in range(runs):
        for _attempt in range(MAX_REDRAWS):
            drawn = {k: _draw(rng, f, f.uncertainty if f.uncertainty is not None else uncertainty) for k, f in facts.items()}
            card = evaluate(cs, drawn, park)
            # a draw whose figures are impossible together (a share's part above its whole) is drawn again
            if not any(r.status is Status.UNDEFINED and r.id in defined for r in card.indicators):
                break
        totals.append(card.total)
        eligible += bool(card.eligible)
        for a, b in zip(base.indicators, card.indicators):
            if a.points != b.points:
                changed[a.id] += 1
                if card.eligible != base.eligible:
                    flips[a.id] += 1
    sensitive = []
    for ci, r in zip(cs.indicators, base.indicators):
        if changed[r.id]:
            value = show(r.value, 4) if isinstance(r.value, Decimal) else str(r.value)
            edges = sorted({e for b in ci.bands for e in (b.interval.lo, b.interval.hi) if e is not None})
            near = ""
            if isinstance(r.value, Decimal) and edges:
                v = r.value
                e = min(edges, key=lambda x: abs(x - v))
                rel = abs(e - v) / abs(v) * 100 if v else Decimal(0)
                near = f"{show(e)} ({show(rel, 3)} % away)"
            sensitive.append(Sensitive(r.id, r.clause, value, r.points, changed[r.id] / runs, flips[r.id] / runs, near))
    sensitive.sort(key=lambda x: (-x.flips_verdict, -x.changed, x.clause))
    p = None if base.eligible is None else eligible / runs
    return SensitivityReport(base, runs, seed, uncertainty, p, tuple(totals), tuple(sensitive))


def _quantile(xs: list[Decimal], q: float) -> Decimal:
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def sensitivity_json(rep: SensitivityReport) -> dict[str, Any]:
    xs = sorted(rep.totals)
    return {
        "schema": "parkscore.sensitivity/1",
        "standard": rep.base.standard,
        "park": rep.base.park,
        "runs": rep.runs,
        "seed": rep.seed,
        "uncertainty": float(rep.uncertainty),
        "plain_total": rep.base.total,
        "plain_eligible": rep.base.eligible,
        "p_eligible": rep.p_eligible,
        "total": {"mean": float(mean(xs)), "sd": float(pstdev(xs)), "min": xs[0], "p5": _quantile(xs, 0.05),
                  "p50": _quantile(xs, 0.5), "p95": _quantile(xs, 0.95), "max": xs[-1],
                  "histogram": {str(k): v for k, v in sorted(Counter(show(t, 4) for t in xs).items(), key=lambda kv: Decimal(kv[0]))}},
        "sensitive": [{"id": s.id, "clause": s.clause, "value": s.value, "points": s.base_points,
                       "p_points_change": s.changed, "p_verdict_flips_with_it": s.flips_verdict, "nearest_edge": s.nearest_edge}
                      for s in rep.sensitive],
    }


def sensitivity_text(rep: SensitivityReport) -> str:
    j = sensitivity_json(rep)
    t = j["total"]
    lines = [f"{rep.base.park} under {rep.base.standard}: {rep.runs} runs, figures within ±{show(rep.uncertainty * 100)} % "
             f"(unless a figure states its own), seed {rep.seed}",
             f"plain score {show(rep.base.total, 4)}, " + ("no pass mark" if rep.p_eligible is None else
                                                            f"{'eligible' if rep.base.eligible else 'not eligible'}; "
                                                            f"P(eligible) = {rep.p_eligible:.3f}"),
             f"total: mean {t['mean']:.2f}, sd {t['sd']:.2f}, min {t['min']}, 5 % {t['p5']}, median {t['p50']}, 95 % {t['p95']}, max {t['max']}",
             ""]
    width = max(t["histogram"].values())
    for k, v in t["histogram"].items():
        lines.append(f"  {k:>7} {'#' * max(1, round(40 * v / width))} {v}")
    if rep.sensitive:
        rows = [[s.clause, s.id, s.value, show(s.base_points), f"{s.changed:.3f}", f"{s.flips_verdict:.3f}", s.nearest_edge]
                for s in rep.sensitive]
        lines += ["", "indicators whose points move within the uncertainty (double-check these figures):",
                  tabulate(rows, headers=["clause", "indicator", "value", "points", "P(points change)", "P(verdict flips too)",
                                          "nearest band edge"], tablefmt="simple", disable_numparse=True)]
    else:
        lines += ["", "no indicator's points move within this uncertainty"]
    return "\n".join(lines)
