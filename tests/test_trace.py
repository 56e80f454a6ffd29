"""The trace is a faithful account of the scorecard, and scoring does not depend on tracing."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkscore import installed_standards, load_park, load_standard, score
from parkscore.dsl import ast
from parkscore.dsl.check import band_intervals
from parkscore.engine.scoring.data import park_from_mapping, resolve
from parkscore.engine.scoring.trace import BufferTracer, Op

from . import reference

ROOT = Path(__file__).resolve().parent.parent
PARKS = sorted((ROOT / "examples" / "parks").glob("*.yaml")) + [ROOT / "tests" / "cases" / "trace" / "kinds.yaml"]


@pytest.fixture(scope="module")
def cs():  # type: ignore[no-untyped-def]
    return load_standard("cpcif-green-park@2020")


@pytest.mark.parametrize("park", PARKS, ids=[p.stem for p in PARKS])
def test_trace_points_add_up_to_the_scorecard(cs, park: Path) -> None:  # type: ignore[no-untyped-def]
    tracer = BufferTracer()
    card = score(cs, load_park(park), tracer)
    final = {e.subject: e.points for e in tracer.events if e.op in (Op.AWARD, Op.FAIL)}
    assert set(final) == {r.id for r in card.indicators}
    assert sum(final.values(), Decimal(0)) == card.total
    for r in card.indicators:
        assert final[r.id] == r.points
    subtotals = {e.subject: e.points for e in tracer.events if e.op is Op.SUBTOTAL}
    assert subtotals == {c.id: c.points for c in card.categories}
    total = [e for e in tracer.events if e.op is Op.TOTAL]
    assert len(total) == 1 and total[0].points == card.total and total[0].outcome == card.eligible


def test_every_trace_event_of_a_rule_points_into_a_rule_file(cs) -> None:  # type: ignore[no-untyped-def]
    tracer = BufferTracer()
    score(cs, load_park(ROOT / "examples" / "parks" / "synthetic-complete.yaml"), tracer)
    for e in tracer.events:
        if e.op in (Op.TEST, Op.AWARD, Op.FAIL, Op.COMPUTE, Op.ENTER):
            assert e.span is not None and e.span.file.startswith("standards/cpcif-green-park/2020/"), e
            assert cs.sources.get(e.span.file).splitlines()[e.span.line - 1].strip(), e


def _park_strategy(std: ast.Standard) -> st.SearchStrategy[dict]:
    """Random parks: every datum may be absent; numbers sit on, next to or between band edges."""
    fields: dict[str, st.SearchStrategy] = {}
    deltas = st.sampled_from([Decimal(0), Decimal("0.001"), Decimal("-0.001"), Decimal("0.5"), Decimal("-0.5")])
    for ind in std.indicators:
        if ind.kind == "band":
            edges = sorted({b for _, iv in band_intervals(ind) for b in (iv.lo, iv.hi) if b is not None})
            lo, hi = (ind.range.lo, ind.range.hi) if ind.range else (Decimal(0), None)
            direct = st.builds(lambda e, d, u=ind.unit: f"{e + d} {u}", st.sampled_from(edges), deltas).filter(
                lambda text, lo=lo, hi=hi: lo <= Decimal(text.split()[0]) and (hi is None or Decimal(text.split()[0]) <= hi))
            fields[ind.id] = st.none() | direct if ind.formula is None else st.none() | st.none() | direct
        elif ind.kind == "level":
            fields[ind.id] = st.none() | st.sampled_from([lv.name for lv in ind.rules_of(ast.Level)])
    tier_edges: dict[str, set[Decimal]] = {}  # figures that split parks into tiers: drawn on and beside their edges too
    for ind in std.indicators:
        for r in ind.rules:
            if isinstance(r, (ast.Band, ast.NoThreshold)) and r.when is not None:
                for o in r.when.operands:
                    if isinstance(o, ast.Ref):
                        tier_edges.setdefault(o.name, set()).update(x.value for x in r.when.operands if isinstance(x, ast.Num))
    for inp in std.inputs:
        if inp.kind == "number":
            plain = st.decimals(min_value=0, max_value=10_000, places=3)
            if inp.id in tier_edges:
                plain = plain | st.builds(lambda e, d: max(Decimal(0), e + d * 1000), st.sampled_from(sorted(tier_edges[inp.id])), deltas)
            fields[inp.id] = st.none() | st.builds(lambda v, u=inp.unit: f"{v} {u}", plain)
        elif inp.kind == "bool":
            fields[inp.id] = st.none() | st.booleans()
        elif inp.kind == "series":
            yearly = st.lists(st.sampled_from([Decimal(1), Decimal("1.5"), Decimal(2), Decimal("2.5")]), min_size=1, max_size=4)
            fields[inp.id] = st.none() | st.builds(
                lambda vals, first, u=inp.unit: {"unit": str(u), "by_year": {first + i: v for i, v in enumerate(vals)}},
                yearly, st.sampled_from([2016, 2017]))
        else:
            fields[inp.id] = st.none() | st.lists(st.sampled_from("ABCDE"), max_size=4, unique=True)
    for g in std.gates:
        fields[g.id] = st.none() | st.booleans()
    return st.fixed_dictionaries(fields).map(lambda d: {k: v for k, v in d.items() if v is not None})


SHIPPED = {ref: load_standard(ref) for ref in installed_standards()}
# and the small standards of tests/shapes (grades, veto, k of n, tiers, excuses)
SHIPPED.update({f"tests/shapes/{d.name}": load_standard(str(d)) for d in sorted((ROOT / "tests" / "shapes").iterdir()) if d.is_dir()})


@pytest.mark.parametrize("ref", sorted(SHIPPED))
def test_traced_plain_and_reference_paths_agree_on_every_shipped_standard(ref: str) -> None:
    std = SHIPPED[ref]

    @settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(_park_strategy(std.std))
    def check(data: dict) -> None:
        plain = score(std, data)
        tracer = BufferTracer()
        traced = score(std, data, tracer)
        assert [r.points for r in plain.indicators] == [r.points for r in traced.indicators]
        assert plain.total == traced.total and plain.eligible == traced.eligible
        facts, _ = resolve(park_from_mapping(data), std.std)
        for r, ind in zip(plain.indicators, std.std.indicators):
            assert r.points == reference.points(ind, facts), ind.id
        assert plain.total == reference.total(std.std, facts)
        assert plain.eligible == reference.eligible(std.std, facts)
        assert plain.grade == reference.grade(std.std, facts)
        awarded = sum((e.points for e in tracer.events if e.op in (Op.AWARD, Op.FAIL)), Decimal(0))
        assert awarded == sum((r.points for r in plain.indicators), Decimal(0))

    check()


@pytest.mark.parametrize("park", PARKS, ids=[p.stem for p in PARKS])
@pytest.mark.parametrize("ref", ["cpcif-green-park@2020", "cpcif-green-park@2021-draft", "climate-leader-park@2020"])
def test_json_total_is_the_sum_of_its_parts(park: Path, ref: str) -> None:
    from parkscore.engine.documents.render import scorecard_json

    card = scorecard_json(score(load_standard(ref), load_park(park)))
    if any(c["weight"] is not None for c in card["categories"]):
        assert card["total"] == pytest.approx(sum(c["weighted_points"] for c in card["categories"]))
        for c in card["categories"]:
            assert c["points"] == sum(i["points"] for i in card["indicators"] if i["category"] == c["id"])
    else:
        assert card["total"] == sum(i["points"] for i in card["indicators"])
