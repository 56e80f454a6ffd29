"""The exact vectorised evaluator (engine/population/vector.py) against the per-park engine, row by row.

Random parks are drawn as resolved facts for every installed standard and the test standards of
every rule kind: about half of the band values are put on a band edge (given directly, or through
the formula by solving for its first input), others beside edges, at zero, missing, or far out.
Every indicator's status, points and value, the total and the verdict must be identical.
"""
from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path
from typing import Mapping

import pytest

import parkscore
from parkscore.api.population import ParkRow, Scored, score_row
from parkscore.dsl import ast
from parkscore.dsl.ast import InputKind
from parkscore.dsl.numbers import exact
from parkscore.dsl.span import Span
from parkscore.engine.population.vector import Batch, VectorStandard
from parkscore.engine.scoring.data import Fact, Item, ParkData
from parkscore.engine.scoring.evaluate import evaluate

HERE = Span("<generated>", 1, 1, 1, 1)
PARK = ParkData("generated", None, True, None, "<generated>")
# ≥ 100,000 rows in all (PARKSCORE_VECTOR_ROWS scales it for a quick local run)
ROWS = int(os.environ.get("PARKSCORE_VECTOR_ROWS", "100000"))
STANDARDS = {"cpcif-green-park@2020": 0.4, "cpcif-green-park@2021-draft": 0.2, "climate-leader-park@2020": 0.2,
             "zero-carbon-park@2025": 0.05,
             # the small standards of the other shapes: grades, vetoes, k of n, tiers, excuses, deductions, bonus
             "tests/shapes/safety-grades-v1": 0.05, "tests/shapes/tiers": 0.05, "tests/shapes/deductions": 0.05}


def _band_numbers(ind: ast.Indicator, top: bool = False) -> list[Decimal]:
    """The numbers of the indicator's bands (``top``: of its best band only)."""
    bands = ind.rules_of(ast.Band)
    if top and bands:
        bands = [max(bands, key=lambda b: b.points)]
    out = [o.value for b in bands for o in b.test.operands if isinstance(o, ast.Num)]
    return out or [Decimal(1)]


def _near(rng: random.Random, edges: list[Decimal]) -> Decimal:
    e = rng.choice(edges)
    r = rng.random()
    if r < 0.5:
        return e
    step = Decimal(1).scaleb(rng.choice([-1, -2, -3, -6, -12]))
    return e + step if r < 0.75 else max(Decimal(0), e - step)


def _figure(rng: random.Random) -> Decimal:
    r = rng.random()
    if r < 0.08:
        return Decimal(0)
    if r < 0.5:
        return Decimal(rng.randint(1, 40))
    if r < 0.8:
        return Decimal(rng.randint(1, 4000)).scaleb(-rng.choice([1, 2, 3]))
    return Decimal(rng.randint(1, 10**9)).scaleb(rng.choice([-4, 0, 3]))


def _eval(e: ast.Expr, env: Mapping[str, Decimal]) -> Decimal | None:
    """A formula's value, or None (a division by zero, or an input not given)."""
    try:
        with exact():
            return _walk(e, env)
    except (ArithmeticError, KeyError):
        return None


def _walk(e: ast.Expr, env: Mapping[str, Decimal]) -> Decimal:
    if isinstance(e, ast.Num):
        return e.value
    if isinstance(e, ast.Ref):
        return env[e.name]
    a, b = _walk(e.left, env), _walk(e.right, env)
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[e.op]


class Parks:
    """Random parks (as resolved facts) for one standard; what to draw is worked out once."""

    def __init__(self, std: ast.Standard) -> None:
        keys = std.data_keys
        self.figures = [(k, dk.range) for k, dk in keys.items() if dk.kind is InputKind.NUMBER and isinstance(dk.decl, ast.InputDecl)]
        self.ranges = {k: dk.range for k, dk in keys.items()}
        self.formulas = [(ind, next(ast.expr_refs(ind.formula.expr)).name, _band_numbers(ind), _band_numbers(ind, True))
                         for ind in std.indicators if ind.formula is not None]
        self.others = [(k, dk.kind, dk.decl) for k, dk in keys.items()
                       if not (dk.kind is InputKind.NUMBER and isinstance(dk.decl, ast.InputDecl))]
        self.edges = {ind.id: (_band_numbers(ind), _band_numbers(ind, True)) for ind in std.indicators}
        self.levels = {ind.id: (ind.rules_of(ast.Level), max(ind.rules_of(ast.Level), key=lambda lv: lv.points))
                       for ind in std.indicators if ind.rules_of(ast.Level)}

    def on_edge(self, rng: random.Random, ind: ast.Indicator, x: str, edges: list[Decimal], env: dict[str, Decimal]) -> None:
        """Set the formula's first input so that the value lands on (or just beside) a band edge."""
        assert ind.formula is not None
        target = _near(rng, edges)
        f0 = _eval(ind.formula.expr, {**env, x: Decimal(0)})
        f1 = _eval(ind.formula.expr, {**env, x: Decimal(1)})
        if f0 is None or f1 is None or f1 == f0:
            return
        with exact():
            solved = (target - f0) / (f1 - f0)
        if len(solved.as_tuple().digits) > 20:  # not a short decimal: just beside the edge
            solved = solved.quantize(Decimal(1).scaleb(-12))
        rng_x = self.ranges.get(x)
        if solved >= 0 and (rng_x is None or rng_x.contains(solved)):
            env[x] = solved.normalize() if solved else Decimal(0)

    def draw(self, rng: random.Random) -> dict[str, Fact]:
        strong = rng.random() < 0.4  # a park that reports nearly everything and does well: totals around the pass mark
        env: dict[str, Decimal] = {}
        for k, rg in self.figures:
            if rng.random() > 0.08:
                v = _figure(rng)
                if rg is not None and not rg.contains(v):
                    v = rg.lo + (v % (rg.hi - rg.lo + 1)) if rg.hi - rg.lo >= 1 else rg.lo
                env[k] = v
        for ind, x, edges, top in self.formulas:
            if rng.random() < (0.9 if strong else 0.5):
                self.on_edge(rng, ind, x, top if strong else edges, env)
        facts = {k: Fact(k, v, HERE) for k, v in env.items()}
        for k, kind, decl in self.others:
            if rng.random() < (0.02 if strong else 0.1):
                continue
            match kind:
                case InputKind.NUMBER:  # an indicator's value given directly
                    assert isinstance(decl, ast.Indicator)
                    if decl.formula is None or rng.random() < 0.2:
                        v = _near(rng, self.edges[k][strong])
                        if decl.range is None or decl.range.contains(v):
                            facts[k] = Fact(k, v, HERE)
                case InputKind.BOOL:
                    facts[k] = Fact(k, rng.random() < (0.97 if strong else 0.7), HERE)
                case InputKind.ITEMS:
                    facts[k] = Fact(k, tuple(Item(f"item {i}") for i in range(rng.randint(2 if strong else 0, 4))), HERE)
                case InputKind.LEVEL:
                    levels, best = self.levels[k]
                    facts[k] = Fact(k, (best if strong and rng.random() < 0.8 else rng.choice(levels)).name, HERE)
                case InputKind.SERIES:
                    years = sorted(rng.sample(range(2014, 2021), rng.randint(0, 5)))
                    base = rng.randint(5, 9)
                    facts[k] = Fact(k, tuple((y, Decimal(base + rng.choice([-2, -1, 0, 1, 2]) * (i % 3)).scaleb(-1))
                                              for i, y in enumerate(years)), HERE)
        return facts


def _assert_same(cs: parkscore.CompiledStandard, rows: list[dict[str, Fact]]) -> None:
    """Every indicator's points and value, the missing list, the total and the verdict, row by row."""
    out = VectorStandard(cs).score(Batch.from_facts(cs, rows))
    for i, facts in enumerate(rows):
        card = evaluate(cs, facts, PARK)
        want, got = card.row(), out.row(i)
        if got != want:
            diff = {k: (got.get(k), want[k]) for k in want if got.get(k) != want[k]}
            pytest.fail(f"row {i}: (vector, engine) differ on {diff}\nfacts: {facts}")
        assert [out.status(r.id, i) for r in card.indicators] == [r.status for r in card.indicators]
        assert out.grade_of(i) == card.grade
        assert out.reasons(i) == score_row(cs, Scored(ParkRow("row", PARK), card))["reasons"], f"row {i}"
        assert bool(out.reasons(i)) == (card.eligible is False)  # a verdict never stands without its reason


CHUNK = 0.05  # a share of ROWS per test, so that parallel workers share the large standards
CHUNKS = [(ref, k) for ref in sorted(STANDARDS) for k in range(max(1, round(STANDARDS[ref] / CHUNK)))]


@pytest.mark.slow
@pytest.mark.parametrize(("ref", "chunk"), CHUNKS)
def test_vector_equals_engine_on_random_rows(ref: str, chunk: int) -> None:
    cs = parkscore.load_standard(str(Path(__file__).parent.parent / ref) if ref.startswith("tests/") else ref)
    rng = random.Random(f"vector {ref} {chunk}")
    parks = Parks(cs.std)
    n = max(1, round(STANDARDS[ref] / CHUNK))
    rows = [parks.draw(rng) for _ in range(int(ROWS * STANDARDS[ref]) // n)]
    _assert_same(cs, rows)


def test_vector_on_the_edge_without_float() -> None:
    # 7.25: 1.045 / 1.1 × 100 is 94.99999999999999 in binary floats (2 points); exactly 95 (3 points)
    cs = parkscore.load_standard("cpcif-green-park@2020")
    rows = [{"water_reused": Fact("water_reused", Decimal("1.045"), HERE),
             "water_used_total": Fact("water_used_total", Decimal("1.1"), HERE)}]
    out = VectorStandard(cs).score(Batch.from_facts(cs, rows))
    assert 1.045 / 1.1 * 100 < 95
    assert (out.points("water_reuse_rate", 0), out.value("water_reuse_rate", 0)) == (Decimal(3), Decimal(95))


def test_vector_large_figures_stay_exact() -> None:
    cs = parkscore.load_standard("cpcif-green-park@2020")
    rng = random.Random(7)
    parks = Parks(cs.std)
    rows = []
    for _ in range(200):
        facts = parks.draw(rng)
        for k, f in list(facts.items()):
            if isinstance(f.value, Decimal) and not isinstance(f.value, bool) and rng.random() < 0.5:
                facts[k] = Fact(k, f.value * Decimal(10) ** 30 if cs.std.data_keys[k].range is None else f.value, HERE)
        rows.append(facts)
    _assert_same(cs, rows)


def test_vector_divides_by_a_negative_difference_as_the_engine(tmp_path: Path) -> None:
    """A divisor that is a difference can be negative: its sign moves to the numerator, as the
    engine computes it; a zero divisor is undefined."""
    (tmp_path / "s.pks").write_text(
        'standard "neg" version "1"\ntitle "t"\nsource "s"\nstatus "draft"\ntotal 2\n'
        'input change : t "c"\ninput before : t "b"\ninput after : t "a"\n'
        'category c "c" max 2\n  indicator 1 ratio "r"\n    unit % max 2\n    ratio = change / (after - before) * 100\n'
        '    score ratio >= 50 -> 2\n    score 0 <= ratio < 50 -> 1\n    score ratio < 0 -> 0\n', encoding="utf-8")
    cs = parkscore.load_standard(str(tmp_path))
    rows = [{"change": Fact("change", Decimal(c), HERE), "before": Fact("before", Decimal(b), HERE), "after": Fact("after", Decimal("20"), HERE)}
            for c in ("0", "12.5", "40") for b in ("100", "21", "20", "0", "19.5")]
    _assert_same(cs, rows)
    assert VectorStandard(cs).score(Batch.from_facts(cs, rows)).points("ratio", 0) == evaluate(cs, rows[0], PARK).indicator("ratio").points
