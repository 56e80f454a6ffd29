"""Generate a synthetic population of parks as a table (CSV): every row marked synthetic.

    python bench/generate.py 10000 /tmp/parks.csv [--seed 1] [--standard cpcif-green-park@2020 ...]

For every standard given (default: the 2020 guideline and the 2021 draft), each park gets: each
band indicator's value given directly, drawn on, just beside or between its band edges (so
totals spread around the pass mark and edges are exercised); a level for each expert-assessed
indicator; yes for each gate (no for about 1 in 40); one to three evidenced items per counted
list; yearly figures for trends. Seeded: the same arguments write the same file.
"""
from __future__ import annotations

import argparse
import csv
import random
from decimal import Decimal
from pathlib import Path

import parkscore
from parkscore.dsl import ast
from parkscore.dsl.check import band_intervals, tier_intervals


def columns(stds: list[parkscore.CompiledStandard]) -> dict[str, tuple[str, object]]:
    """column header -> (kind, declaration) over the union of the standards' keys."""
    out: dict[str, tuple[str, object]] = {}
    for cs in stds:
        for ind in cs.std.indicators:
            if ind.kind is ast.IndicatorKind.BAND:
                out.setdefault(f"{ind.id} [{ind.unit}]", ("band", ind))
                tiers = tier_intervals(ind)
                if tiers:  # the figure that places a park in a tier (年综合能耗 for zero-carbon C1)
                    key = next(o.name for o in tiers[0][0].when.operands if isinstance(o, ast.Ref))  # type: ignore[union-attr]
                    out.setdefault(f"{key} [{cs.std.data_keys[key].unit}]", ("tier", [iv for _, iv in tiers]))
            elif ind.kind is ast.IndicatorKind.LEVEL:
                out.setdefault(ind.id, ("level", ind))
            elif ind.kind is ast.IndicatorKind.COUNT:
                out.setdefault(ind.rules_of(ast.Count)[0].items, ("items", ind))
            else:
                trend = ind.rules_of(ast.Trend)[0]
                unit = cs.std.data_keys[trend.series].unit
                for year in (2017, 2018, 2019):
                    out.setdefault(f"{trend.series}@{year} [{unit}]", ("series", (trend, year)))
        for g in cs.std.gates:
            out.setdefault(g.id, ("gate", g))
    return out


def value(rng: random.Random, kind: str, decl: object, trend_state: dict[str, Decimal]) -> str:
    if kind == "band":
        assert isinstance(decl, ast.Indicator)
        bands = band_intervals(decl)
        _, iv = rng.choices(bands, weights=[float(b.points + 1) ** 2 for b, _ in bands])[0]
        lo = iv.lo if iv.lo is not None else Decimal(0)
        hi = iv.hi if iv.hi is not None else (lo * Decimal("1.5") if lo else Decimal(1))
        if decl.range is not None:
            hi = min(hi, decl.range.hi)
        r = rng.random()
        v = iv.nearest(lo if r < 0.15 else hi if r < 0.3 else lo + (hi - lo) * Decimal(rng.randint(1, 99)) / 100)
        return str(max(Decimal(0), v))
    if kind == "tier":  # a tier, then a value inside it
        iv = rng.choice(decl)  # type: ignore[arg-type]
        lo = iv.lo if iv.lo is not None else Decimal(0)
        return str(iv.nearest(lo + (iv.hi - lo if iv.hi is not None else lo or Decimal(1)) * Decimal(rng.randint(0, 99)) / 100))
    if kind == "level":
        assert isinstance(decl, ast.Indicator)
        levels = decl.rules_of(ast.Level)
        return rng.choices([lv.name for lv in levels], weights=[float(lv.points + 1) ** 2 for lv in levels])[0]
    if kind == "items":
        return "; ".join(f"示例单位{k}号" for k in rng.sample(range(1, 99), rng.randint(0, 3)))
    if kind == "gate":
        return "no" if rng.random() < 0.025 else "yes"
    trend, year = decl  # type: ignore[misc]
    key = trend.series
    if year == 2017:
        trend_state[key] = Decimal(rng.randint(50, 150)) / 100
    trend_state[key] = max(Decimal("0.01"), trend_state[key] + Decimal(rng.randint(-10, 8)) / 100)
    return str(trend_state[key])


def generate(n: int, out: Path, seed: int, refs: list[str]) -> None:
    stds = [parkscore.load_standard(r) for r in refs]
    cols = columns(stds)
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["park", "period", "synthetic", "source", *cols])
        for i in range(1, n + 1):
            state: dict[str, Decimal] = {}
            w.writerow([f"合成园区{i:06d}", "2019", "true", f"bench/generate.py seed {seed}",
                        *(value(rng, kind, decl, state) for kind, decl in cols.values())])


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--standard", action="append", default=None)
    opts = ap.parse_args()
    generate(opts.n, opts.out, opts.seed, opts.standard or ["cpcif-green-park@2020", "cpcif-green-park@2021-draft"])
