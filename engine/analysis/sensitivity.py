"""Sensitivity to data error: Monte Carlo over the park's figures within their uncertainty.

Every number the park reports (raw figures, values given directly, yearly figures) is drawn
uniformly within ±u of its value, u being the figure's own ``uncertainty`` or the global one;
counts (家, 个, 次, 天) are rounded to whole numbers and shares in % kept within 0-100. Levels,
yes/no facts and items are not perturbed. A draw in which figures are impossible together (the
part of a share above its whole, so that an indicator the plain score computes becomes undefined
against its declared range) is drawn again, up to MAX_REDRAWS times. The generator is seeded: same seed, same result.

A draw is exact: v × (1 + u × k / 10^6) with k a whole number, so the vectorised evaluator scores
all runs as one batch of integer columns (10,000 runs in a fraction of a second), and the engine,
run by run, gives the same points on the same draws (tests/test_analysis.py); the engine is used
for standards whose shapes the vectorised evaluator does not compile.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean, pstdev
from typing import Any

from parkscore.dsl.numbers import exact, show
from parkscore.dsl.text import text_table
from parkscore.dsl.units import COUNT_UNITS
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import Fact, ParkData
from parkscore.engine.scoring.evaluate import evaluate
from parkscore.engine.scoring.scorecard import Scorecard, Status

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


STEPS = 10**6  # a draw is v × (1 + u × k / STEPS), k a whole number in [-STEPS, STEPS]: exact decimals


@dataclass(frozen=True)
class _Figure:
    """One number of the park that is drawn: a fact's value, or one year of a figure by year."""

    key: str
    year: int | None
    value: Decimal
    u: Decimal
    unit: str | None


def _figures(facts: dict[str, Fact], uncertainty: Decimal) -> list[_Figure]:
    out = []
    for k, f in facts.items():
        u = f.uncertainty if f.uncertainty is not None else uncertainty
        if isinstance(f.value, Decimal):
            out.append(_Figure(k, None, f.value, u, f.unit))
        elif isinstance(f.value, tuple) and f.value and isinstance(f.value[0], tuple):
            out += [_Figure(k, y, v, u, f.unit) for y, v in f.series]
    return out


def _drawn(fig: _Figure, k: int) -> Decimal:
    """The figure drawn with step k, exactly: counts rounded to whole numbers (not below 0), % within 0-100."""
    with exact():
        x = fig.value * (1 + fig.u * Decimal(k) / STEPS)
    if fig.unit in COUNT_UNITS:
        return max(Decimal(0), x.to_integral_value())
    if fig.unit == "%":
        return min(max(x, Decimal(0)), Decimal(100))
    return x


def _facts_of(facts: dict[str, Fact], figs: list[_Figure], ks: Any) -> dict[str, Fact]:
    """One run's facts: every drawn figure replaced."""
    out = dict(facts)
    series: dict[str, list[tuple[int, Decimal]]] = {}
    for fig, k in zip(figs, ks):
        if fig.year is None:
            out[fig.key] = facts[fig.key]._replace(value=_drawn(fig, int(k)))
        else:
            series.setdefault(fig.key, []).append((fig.year, _drawn(fig, int(k))))
    for key, pairs in series.items():
        out[key] = facts[key]._replace(value=tuple(pairs))
    return out


def sensitivity(cs: CompiledStandard, facts: dict[str, Fact], park: ParkData, uncertainty: Decimal,
                runs: int = 2000, seed: int = 0) -> SensitivityReport:
    """Monte Carlo over the park's figures. The draws (numpy's seeded generator, whole steps k)
    are the same whichever evaluator scores them: the vectorised one (``engine/vector.py``) when
    the standard's shapes allow it, else the engine run by run."""
    import numpy as np

    from parkscore.engine.population.vector import unsupported

    base = evaluate(cs, facts, park)
    figs = _figures(facts, uncertainty)
    rng = np.random.default_rng(seed)
    ks = rng.integers(-STEPS, STEPS + 1, size=(runs, len(figs)))
    defined = [r.id for r in base.indicators if r.status is not Status.UNDEFINED]
    score = _vector_runs if not unsupported(cs) else _engine_runs
    moved, totals, eligible, undefined = score(cs, facts, park, base, figs, ks)
    for _attempt in range(MAX_REDRAWS):  # figures impossible together (a share's part above its whole): drawn again
        bad = np.flatnonzero(np.logical_or.reduce([undefined[i] for i in defined])) if defined else np.array([], dtype=int)
        if not len(bad):
            break
        ks[bad] = rng.integers(-STEPS, STEPS + 1, size=(len(bad), len(figs)))
        m2, t2, e2, u2 = score(cs, facts, park, base, figs, ks[bad])
        for i in moved:
            moved[i][bad], undefined[i][bad] = m2[i], u2[i]
        for j, row in enumerate(bad):
            totals[row], eligible[row] = t2[j], e2[j]
    changed: Counter[str] = Counter()
    flips: Counter[str] = Counter()
    verdict_changed = np.array([e != base.eligible for e in eligible])
    for r in base.indicators:
        changed[r.id] = int(moved[r.id].sum())
        flips[r.id] = int((moved[r.id] & verdict_changed).sum())
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
    p = None if base.eligible is None else sum(bool(e) for e in eligible) / runs
    return SensitivityReport(base, runs, seed, uncertainty, p, tuple(totals), tuple(sensitive))


# per indicator: whether its points differ from the plain score; totals; verdicts; per indicator: undefined
Runs = tuple[dict[str, Any], list[Decimal], list["bool | None"], dict[str, Any]]


def _engine_runs(cs: CompiledStandard, facts: dict[str, Fact], park: ParkData, base: Scorecard, figs: list[_Figure], ks: Any) -> Runs:
    import numpy as np

    cards = [evaluate(cs, _facts_of(facts, figs, row), park) for row in ks]
    points = {r.id: np.array([c.indicators[i].points != r.points for c in cards]) for i, r in enumerate(base.indicators)}
    undefined = {ci.ind.id: np.array([c.indicators[i].status is Status.UNDEFINED for c in cards]) for i, ci in enumerate(cs.indicators)}
    return points, [c.total for c in cards], [c.eligible for c in cards], undefined


def _vector_runs(cs: CompiledStandard, facts: dict[str, Fact], park: ParkData, base: Scorecard, figs: list[_Figure], ks: Any) -> Runs:
    """The runs as one batch: each drawn figure an exact integer column (value × (STEPS + u·k), at
    the figure's scale + 6 + u's decimals), scored by the vectorised evaluator."""
    import numpy as np

    from parkscore.engine.population.vector import Batch, Column, VectorStandard

    n = len(ks)
    one = Batch.from_facts(cs, [facts])
    batch = Batch(n, {k: Column(np.repeat(c.values, n), np.repeat(c.present, n), c.scale) for k, c in one.columns.items()},
                  {k: {y: Column(np.repeat(c.values, n), np.repeat(c.present, n), c.scale) for y, c in ys.items()} for k, ys in one.series.items()})
    for j, fig in enumerate(figs):
        col = _drawn_column(fig, ks[:, j])
        if fig.year is None:
            batch.columns[fig.key] = col
        else:
            batch.series[fig.key][fig.year] = col
    out = VectorStandard(cs).score(batch)
    points = {r.id: out.indicators[r.id].points != int(r.points.scaleb(out.vs.scale)) for r in base.indicators}
    undefined = {k: r.status == 2 for k, r in out.indicators.items()}
    totals = [out.total_of(i) for i in range(n)]
    return points, totals, [out.eligible_of(i) for i in range(n)], undefined


def _drawn_column(fig: _Figure, ks: Any) -> Any:
    """A figure drawn n times as one exact integer column (see ``_drawn``)."""
    import numpy as np

    from parkscore.engine.population.vector import Column

    v_exp = fig.value.as_tuple().exponent
    u_exp = fig.u.as_tuple().exponent
    assert isinstance(v_exp, int) and isinstance(u_exp, int)
    vs, us = max(0, -v_exp), max(0, -u_exp)
    v_int, u_int = int(fig.value.scaleb(vs)), int(fig.u.scaleb(us))
    scale = vs + 6 + us  # value × (1 + u·k/10^6) = v_int · (10^(6+us) + u_int·k) / 10^(vs+6+us)
    top = 10 ** (6 + us) + abs(u_int) * STEPS
    big = abs(v_int) * top >= 1 << 62 or top >= 1 << 62
    k = ks.astype(object) if big else ks.astype(np.int64)
    x = v_int * (10 ** (6 + us) + u_int * k)
    one = 10 ** scale
    if fig.unit in COUNT_UNITS:  # whole numbers, half to even as Decimal rounds, not below 0
        q, r = np.divmod(x, one)
        q = q + ((2 * r > one) | ((2 * r == one) & (q % 2 == 1)))
        x, scale = np.maximum(q, 0), 0
    elif fig.unit == "%":
        x = np.minimum(np.maximum(x, 0), 100 * one)
    return Column(x, np.ones(len(ks), dtype=bool), scale)


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
                  text_table(rows, headers=["clause", "indicator", "value", "points", "P(points change)", "P(verdict flips too)",
                                            "nearest band edge"], tablefmt="simple", disable_numparse=True)]
    else:
        lines += ["", "no indicator's points move within this uncertainty"]
    return "\n".join(lines)
