"""Gap analysis proposals really reach the target; sensitivity is reproducible and exact at 0 %."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import parkscore
from parkscore import load_park, load_standard
from parkscore.dsl import ast
from parkscore.engine.analysis.gap import gap, numerators, solve
from parkscore.engine.analysis.sensitivity import sensitivity
from parkscore.engine.scoring.data import resolve
from parkscore.engine.scoring.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "examples" / "parks" / "synthetic-complete.yaml"


@pytest.fixture(scope="module")
def setup():  # type: ignore[no-untyped-def]
    cs = load_standard("cpcif-green-park@2020")
    park = load_park(SYNTHETIC)
    facts, _ = resolve(park, cs.std)
    return cs, park, facts


@pytest.mark.parametrize("target", ["82", "85", "90", "95"])
def test_gap_plan_rescored_reaches_the_target(setup, target: str) -> None:  # type: ignore[no-untyped-def]
    cs, park, facts = setup
    rep = gap(cs, facts, park, Decimal(target))
    assert rep.plan, "the synthetic park can reach these targets"
    assert rep.rescored is not None and rep.rescored.total >= Decimal(target)
    # independently: apply the plan to the facts and score again
    merged = dict(facts)
    for o in rep.plan:
        merged.update(dict(o.updates))
    assert evaluate(cs, merged, park).total == rep.rescored.total
    # a smallest set: no plan with fewer changes reaches the target (gains are per indicator)
    best = sorted((max(o.gain for o in rep.options if o.indicator == i) for i in {o.indicator for o in rep.options}), reverse=True)
    k = next(n for n in range(1, len(best) + 1) if sum(best[:n]) >= Decimal(target) - rep.card.total)
    assert len(rep.plan) == k


def test_every_gap_option_gains_what_it_says(setup) -> None:  # type: ignore[no-untyped-def]
    cs, park, facts = setup
    rep = gap(cs, facts, park, Decimal(100))
    base = evaluate(cs, facts, park).total
    assert rep.options
    for o in rep.options:
        assert evaluate(cs, {**facts, **dict(o.updates)}, park).total - base == o.gain > 0, o.change


def test_gap_on_a_park_already_above_target(setup) -> None:  # type: ignore[no-untyped-def]
    cs, park, facts = setup
    rep = gap(cs, facts, park, Decimal(80))
    assert rep.plan == () and rep.rescored is None


def test_solve_inverts_formulas_exactly() -> None:
    e = ast.BinOp("*", ast.BinOp("/", ast.Ref("a"), ast.BinOp("+", ast.Ref("b"), ast.Ref("c"))), ast.Num(Decimal(100), "100"))
    env = {"a": Decimal(850), "b": Decimal(900), "c": Decimal(100)}
    assert solve(e, "a", Decimal(90), env) == Decimal(900)
    assert numerators(e) == ["a"]
    assert solve(ast.BinOp("/", ast.Ref("x"), ast.Ref("y")), "y", Decimal("0.05"), {"x": Decimal(41200), "y": Decimal(1)}) == Decimal(824000)


def test_sensitivity_with_zero_uncertainty_is_the_plain_score(setup) -> None:  # type: ignore[no-untyped-def]
    cs, park, facts = setup
    rep = sensitivity(cs, facts, park, Decimal(0), runs=200)
    plain = evaluate(cs, facts, park)
    assert set(rep.totals) == {plain.total}
    assert rep.p_eligible == (1.0 if plain.eligible else 0.0)
    assert rep.sensitive == ()


def test_sensitivity_is_seeded(setup) -> None:  # type: ignore[no-untyped-def]
    cs, park, facts = setup
    a = sensitivity(cs, facts, park, Decimal("0.05"), runs=300, seed=7)
    b = sensitivity(cs, facts, park, Decimal("0.05"), runs=300, seed=7)
    c = sensitivity(cs, facts, park, Decimal("0.05"), runs=300, seed=8)
    assert a.totals == b.totals and a.p_eligible == b.p_eligible
    assert a.totals != c.totals
    assert 0 < a.p_eligible < 1  # type: ignore[operator]
    assert a.sensitive[0].id == "water_reuse_rate"  # 94.82 % sits 0.19 % below the 95 % edge


def test_per_figure_uncertainty_wins_over_the_global_one(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cs, _, _ = setup
    text = SYNTHETIC.read_text(encoding="utf-8")
    assert "water_reused:" in text
    lines = [ln if not ln.startswith("  water_reused:") else "  water_reused: {value: 76000, unit: 万吨, uncertainty: 0%}"
             for ln in text.splitlines()]
    p = tmp_path / "p.yaml"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    park = load_park(p)
    facts, diags = resolve(park, cs.std)
    assert not [d for d in diags if d.severity.value == "error"], diags
    assert facts["water_reused"].uncertainty == 0
    rep = sensitivity(cs, facts, park, Decimal("0.05"), runs=300)
    assert rep.totals


@pytest.mark.parametrize("ref", ["cpcif-green-park@2020", "climate-leader-park@2020"])
def test_sensitivity_vectorised_runs_equal_the_engine_on_the_same_draws(ref: str) -> None:
    import numpy as np

    from parkscore.engine.analysis import sensitivity as mc

    cs = parkscore.load_standard(ref)
    park = parkscore.load_park("examples/parks/synthetic-complete.yaml")
    facts = parkscore.facts(cs, park)
    base = parkscore.score(cs, park)
    figs = mc._figures(facts, Decimal("0.1"))
    ks = np.random.default_rng(7).integers(-mc.STEPS, mc.STEPS + 1, size=(300, len(figs)))
    vec, eng = mc._vector_runs(cs, facts, park, base, figs, ks), mc._engine_runs(cs, facts, park, base, figs, ks)
    assert all((vec[0][k] == eng[0][k]).all() for k in eng[0]) and sum(int(m.sum()) for m in eng[0].values()) > 0
    assert vec[1] == eng[1] and vec[2] == eng[2]
    assert all((vec[3][k] == eng[3][k]).all() for k in eng[3])
