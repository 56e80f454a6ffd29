"""Gap analysis: what a park below the target can change, and the smallest set of changes that
reaches it, verified by re-scoring the park with the changes applied.

Options are per indicator: reach a better band (by changing the figure the indicator is computed
from: the numerator of its formula, or its value if given directly), meet a failed requirement,
raise an expert-assessed level, add evidenced items. Each option's gain is measured by
re-scoring, so weighted standards and caps are handled by the engine itself. Relative change:
|new - old| / |old| for figures (1 if old is 0); one level step or one requirement counts as 1
(100 %); k more items count k / max(items, 1).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Mapping

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind
from parkscore.dsl.numbers import show
from parkscore.dsl.text import text_table
from parkscore.dsl.units import COUNT_UNITS, convert, factor_to
from parkscore.engine.scoring.compile import CompiledIndicator, CompiledStandard
from parkscore.engine.scoring.data import Fact, Item, ParkData
from parkscore.engine.scoring.evaluate import evaluate
from parkscore.engine.scoring.scorecard import IndicatorResult, Scorecard, Status

ZERO, ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Option:
    indicator: str
    clause: str
    change: str  # in words, with figures and units
    updates: tuple[tuple[str, Fact], ...]
    gain: Decimal
    relative: Decimal

    @property
    def ratio(self) -> Decimal:
        return self.gain / self.relative if self.relative else self.gain


@dataclass(frozen=True)
class GapReport:
    card: Scorecard
    target: Decimal
    options: tuple[Option, ...]  # ranked by points per relative change
    plan: tuple[Option, ...]  # a smallest set reaching the target (empty if none does)
    rescored: Scorecard | None  # the park re-scored with the plan applied
    no_data: tuple[IndicatorResult, ...]


Poly = tuple[Decimal, ...]  # coefficients, the constant first


def _padd(a: Poly, b: Poly, sign: int = 1) -> Poly:
    n = max(len(a), len(b))
    return tuple((a[i] if i < len(a) else ZERO) + sign * (b[i] if i < len(b) else ZERO) for i in range(n))


def _pmul(a: Poly, b: Poly) -> Poly:
    out = [ZERO] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return tuple(out)


def _rational(e: ast.Expr, name: str, moves: Mapping[str, Decimal], env: Mapping[str, Decimal]) -> tuple[Poly, Poly]:
    """``e`` as P(x) / Q(x), x the new value of input ``name``; each input in ``moves`` moves with
    it (a total that includes it: its value plus k·(x − the old value))."""
    if isinstance(e, ast.Num):
        return (e.value,), (ONE,)
    if isinstance(e, ast.Ref):
        if e.name == name:
            return (ZERO, ONE), (ONE,)
        k = moves.get(e.name)
        return ((env[e.name],) if k is None else (env[e.name] - k * env[name], k)), (ONE,)
    (p1, q1), (p2, q2) = _rational(e.left, name, moves, env), _rational(e.right, name, moves, env)
    if e.op in "+-":
        return _padd(_pmul(p1, q2), _pmul(p2, q1), 1 if e.op == "+" else -1), _pmul(q1, q2)
    if e.op == "*":
        return _pmul(p1, p2), _pmul(q1, q2)
    return _pmul(p1, q2), _pmul(q1, p2)


def solve(e: ast.Expr, name: str, want: Decimal, env: Mapping[str, Decimal], moves: Mapping[str, Decimal] | None = None) -> Decimal | None:
    """The value of input ``name`` that makes ``e`` equal ``want``, the inputs in ``moves`` moving
    with it; None unless that is one linear equation (P(x) = want·Q(x) of degree 1) with Q(x) ≠ 0."""
    p, q = _rational(e, name, moves or {}, env)
    r = _padd(p, tuple(want * c for c in q), -1)
    if len(r) < 2 or any(r[2:]) or not r[1]:
        return None
    x = -r[0] / r[1]
    return x if sum((c * x ** i for i, c in enumerate(q)), ZERO) != 0 else None


def totals_including(std: ast.Standard, name: str) -> dict[str, Decimal]:
    """The inputs declared to include ``name`` (``includes``), each with the factor from
    ``name``'s unit to its own: they move with it."""
    part = std.input(name)
    out = {}
    for t in std.inputs:
        if part is not None and part.unit and t.unit and any(r.name == name for r in t.includes):
            k = factor_to(str(part.unit), t.unit)
            if k is not None:
                out[t.id] = convert(ONE, k)
    return out


def numerators(e: ast.Expr, under_division: bool = False) -> list[str]:
    """Inputs that are not divided by: the performance figures a park can act on."""
    if isinstance(e, ast.Ref):
        return [] if under_division else [e.name]
    if isinstance(e, ast.BinOp):
        return numerators(e.left, under_division) + numerators(e.right, under_division or e.op == "/")
    return []


def _rel(old: Decimal, new: Decimal) -> Decimal:
    return abs(new - old) / abs(old) if old else ONE


def _fmt(d: Decimal, unit: str | None) -> str:
    return f"{show(d)} {unit or ''}".rstrip()


class _Scorer:
    def __init__(self, cs: CompiledStandard, facts: dict[str, Fact], park: ParkData) -> None:
        self.cs, self.facts, self.park = cs, facts, park
        self.base = evaluate(cs, facts, park)

    def gain(self, updates: tuple[tuple[str, Fact], ...]) -> Decimal:
        return evaluate(self.cs, {**self.facts, **dict(updates)}, self.park).total - self.base.total


def _band_options(s: _Scorer, ci: CompiledIndicator, r: IndicatorResult) -> list[Option]:
    ind, facts = ci.ind, s.facts
    out: list[Option] = []
    for g in ci.requires:
        if r.rule is not None and r.rule == g.ref:  # a failed requirement
            bools = [n for n in g.names if (decl := s.cs.std.input(n)) is not None and decl.kind == "bool"]
            ups = tuple((n, Fact(n, True, ind.span, "gap analysis")) for n in bools)
            gain = s.gain(ups)
            if gain > 0:
                out.append(Option(ind.id, ind.clause, "meet the requirement: " + (g.wording or g.text), ups, gain, ONE))
            return out
    if not isinstance(r.value, Decimal):
        return out
    v = r.value
    for b in ci.bands:
        if b.points <= r.points:
            continue
        want = b.interval.nearest(v)
        candidates: list[Option] = []
        if ind.id in facts or ind.formula is None:
            f = facts.get(ind.id) or Fact(ind.id, v, ind.span)
            ups = ((ind.id, f._replace(value=want, reported=None)),)
            candidates.append(Option(ind.id, ind.clause, f"{ind.id} from {_fmt(v, r.unit)} to {_fmt(want, r.unit)}", ups,
                                     s.gain(ups), _rel(v, want)))
        else:
            env = {n: facts[n].number for n in ci.formula_inputs}
            for n in dict.fromkeys(numerators(ind.formula.expr)):
                moves = {t: k for t, k in totals_including(s.cs.std, n).items() if t in facts}
                try:
                    new = solve(ind.formula.expr, n, want, env, moves)
                except ArithmeticError:
                    continue
                if new is None or new < 0:
                    continue
                old = env[n]
                unit = facts[n].unit
                if unit in COUNT_UNITS:
                    new = new.to_integral_value(ROUND_CEILING if new > old else ROUND_FLOOR)
                ups = ((n, facts[n]._replace(value=new, reported=None)),)
                verb = "raise" if new > old else "cut"
                pct = (new - old) / old * 100 if old else None
                change = f"{verb} {n} from {_fmt(old, unit)} to {_fmt(new, unit)}" + (f" ({'+' if pct and pct > 0 else ''}{show(pct, 3)} %)" if pct is not None else "")
                for t, k in moves.items():  # a total that includes the figure moves with it
                    t_new = facts[t].number + k * (new - old)
                    ups += ((t, facts[t]._replace(value=t_new, reported=None)),)
                    change += f", and {t} (which includes it) from {_fmt(facts[t].number, facts[t].unit)} to {_fmt(t_new, facts[t].unit)}"
                candidates.append(Option(ind.id, ind.clause, change + f" → {ind.id} {_fmt(want, r.unit)}", ups, s.gain(ups), _rel(old, new)))
        good = [c for c in candidates if c.gain > 0]
        if good:
            out.append(min(good, key=lambda c: c.relative))
    return out


def _level_options(s: _Scorer, ci: CompiledIndicator, r: IndicatorResult) -> list[Option]:
    ranked = sorted(ci.levels.values(), key=lambda lv: lv.points)
    names = [lv.name for lv in ranked]
    here = names.index(str(r.value)) if r.value in names else -1
    out = []
    for step, lv in enumerate(ranked[here + 1:], 1):
        if lv.points > r.points:
            ups = ((ci.ind.id, Fact(ci.ind.id, lv.name, ci.ind.span, "gap analysis")),)
            out.append(Option(ci.ind.id, ci.ind.clause, f"{ci.ind.id}: level {r.value} → {lv.name} (“{lv.wording}”)", ups,
                              s.gain(ups), Decimal(step)))
    return out


def _count_options(s: _Scorer, ci: CompiledIndicator, r: IndicatorResult) -> list[Option]:
    assert ci.count is not None
    f = s.facts.get(ci.count.items)
    items = f.items if f is not None else ()
    out = []
    for k in range(1, 10):
        more = items + tuple(Item(f"(new item {i})") for i in range(1, k + 1))
        ups = ((ci.count.items, Fact(ci.count.items, more, ci.ind.span, "gap analysis")),)
        gain = s.gain(ups)
        if gain > 0:
            out.append(Option(ci.ind.id, ci.ind.clause, f"{ci.count.items}: {k} more evidenced item(s)", ups, gain,
                              Decimal(k) / max(len(items), 1)))
        if min(ci.count.per_item * (len(items) + k), ci.count.cap) >= ci.count.cap:
            break
    return out


def _no_options(s: _Scorer, ci: CompiledIndicator, r: IndicatorResult) -> list[Option]:
    return []  # a trend: past years cannot be changed


_OPTIONS = {IndicatorKind.BAND: _band_options, IndicatorKind.LEVEL: _level_options, IndicatorKind.COUNT: _count_options,
            IndicatorKind.TREND: _no_options}


def gap(cs: CompiledStandard, facts: dict[str, Fact], park: ParkData, target: Decimal) -> GapReport:
    s = _Scorer(cs, facts, park)
    options: list[Option] = []
    for ci, r in zip(cs.indicators, s.base.indicators):
        if r.status is not Status.SCORED or r.points >= r.max_points:
            continue
        options += _OPTIONS[ci.kind](s, ci, r)
    ranked = tuple(sorted(options, key=lambda o: (-o.ratio, o.clause)))
    plan = _smallest_set(options, target - s.base.total)
    rescored = None
    if plan:
        merged: dict[str, Fact] = dict(facts)
        for o in plan:
            merged.update(dict(o.updates))
        rescored = evaluate(cs, merged, park)
    no_data = tuple(s.base.missing)
    return GapReport(s.base, target, ranked, tuple(sorted(plan, key=lambda o: (-o.ratio, o.clause))), rescored, no_data)


def _smallest_set(options: list[Option], deficit: Decimal) -> list[Option]:
    """Fewest changes (one option per indicator at most) whose gains reach the deficit; among
    those, the least total relative change. Exact, by dynamic programming over capped gains."""
    if deficit <= 0:
        return []
    by_ind: dict[str, list[Option]] = {}
    for o in options:
        by_ind.setdefault(o.indicator, []).append(o)
    states: dict[Decimal, tuple[int, Decimal, tuple[Option, ...]]] = {ZERO: (0, ZERO, ())}
    for opts in by_ind.values():
        nxt = dict(states)
        for g, (n, cost, chosen) in states.items():
            for o in opts:
                key = min(deficit, g + o.gain)
                cand = (n + 1, cost + o.relative, chosen + (o,))
                if key not in nxt or cand[:2] < nxt[key][:2]:
                    nxt[key] = cand
        states = nxt
    best = states.get(deficit)
    return list(best[2]) if best else []


def gap_json(rep: GapReport) -> dict[str, object]:
    def opt(o: Option) -> dict[str, object]:
        return {"indicator": o.indicator, "clause": o.clause, "change": o.change, "points_gained": o.gain,
                "relative_change": float(o.relative), "points_per_relative_change": float(o.ratio),
                "updates": {k: _plain(f.value) for k, f in o.updates}}

    return {
        "schema": "parkscore.gap/1",
        "standard": rep.card.standard,
        "park": rep.card.park,
        "total": rep.card.total,
        "target": rep.target,
        "short_by": max(ZERO, rep.target - rep.card.total),
        "options": [opt(o) for o in rep.options],
        "plan": [opt(o) for o in rep.plan],
        "rescored_total": rep.rescored.total if rep.rescored else None,
        "rescored_reaches_target": bool(rep.rescored and rep.rescored.total >= rep.target),
        "rescored_eligible": rep.rescored.eligible if rep.rescored else None,
        "no_data": [{"id": r.id, "clause": r.clause, "max_points": r.max_points, "missing": list(r.missing)} for r in rep.no_data],
    }


def _plain(v: object) -> object:
    """A fact's value for JSON: items by their names."""
    return [getattr(i, "name", i) for i in v] if isinstance(v, tuple) else v


def gap_text(rep: GapReport) -> str:
    card = rep.card
    short = rep.target - card.total
    lines = [f"{card.park}: {show(card.total, 4)} / {show(card.max_total)} under {card.standard}, target {show(rep.target)}"
             + (f": {show(short, 4)} points short" if short > 0 else ": reached")]
    if rep.options:
        rows = [[o.clause, o.indicator, o.change, f"+{show(o.gain, 4)}", f"{show(o.relative * 100, 3)} %", show(o.ratio, 3)]
                for o in rep.options]
        lines += ["", "options, best points per relative change first:",
                  text_table(rows, headers=["clause", "indicator", "change", "gain", "relative", "points/relative"],
                             tablefmt="simple", disable_numparse=True)]
    if short > 0:
        if rep.plan and rep.rescored is not None:
            lines += ["", f"smallest set of changes reaching {show(rep.target)} ({len(rep.plan)} change(s)):"]
            lines += [f"  {o.clause} {o.change}  (+{show(o.gain, 4)})" for o in rep.plan]
            verdict = "reaches the target" if rep.rescored.total >= rep.target else "DOES NOT reach the target"
            lines.append(f"verified: re-scored with these changes the park totals {show(rep.rescored.total, 4)}: {verdict}")
            if rep.rescored.eligible is False:
                lines.append("still not eligible: " + "; ".join(x for x in rep.rescored.reasons if "pass mark" not in x))
        else:
            best = sum((max((o.gain for o in rep.options if o.indicator == i), default=ZERO)
                        for i in {o.indicator for o in rep.options}), ZERO)
            lines += ["", f"no set of changes to the reported figures reaches {show(rep.target)}: at most +{show(best, 4)}"]
    if rep.no_data:
        pts = sum((r.max_points for r in rep.no_data), ZERO)
        lines += ["", f"{len(rep.no_data)} indicator(s) have no usable data (up to {show(pts)} points once reported): "
                  + ", ".join(f"{r.clause} {r.id}" for r in rep.no_data)]
    return "\n".join(lines)
