"""A deliberately naive reference interpreter over the AST, used as a test oracle: every rule
kind (bands, formulas, guards, exemptions, levels, counts, trends), category weights and the verdict.

It shares nothing with engine/scoring/compile.py and engine/scoring/evaluate.py but the AST and the facts:
bands are evaluated by applying the comparison chain as written, formulas by walking the tree.
"""
from __future__ import annotations

import operator
from decimal import Decimal, localcontext
from typing import Mapping

from parkscore.dsl import ast
from parkscore.engine.scoring.data import Fact

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


class NoData(Exception):
    pass


def _num(o: ast.Num | ast.Ref, facts: Mapping[str, Fact], value: Decimal | None = None) -> Decimal:
    if isinstance(o, ast.Num):
        return o.value
    if value is not None:
        return value
    if o.name not in facts:
        raise NoData(o.name)
    return facts[o.name].value  # type: ignore[return-value]


def _cond(c: ast.Cond, facts: Mapping[str, Fact]) -> bool:
    if isinstance(c, ast.CondRef):
        if c.name not in facts:
            raise NoData(c.name)
        return bool(facts[c.name].value)
    if isinstance(c, ast.Not):
        return not _cond(c.operand, facts)
    if isinstance(c, ast.BoolOp):
        vals = []
        for o in c.operands:
            try:
                vals.append(_cond(o, facts))
            except NoData:
                vals.append(None)
        decisive = c.op == "or"
        if decisive in vals:
            return decisive
        if None in vals:
            raise NoData("condition")
        return not decisive
    vals = [_num(o, facts) for o in c.operands]
    return all(OPS[op](vals[i], vals[i + 1]) for i, op in enumerate(c.ops))


def _expr(e: ast.Expr, facts: Mapping[str, Fact]) -> Decimal:
    if isinstance(e, (ast.Num, ast.Ref)):
        return _num(e, facts)
    return ARITH[e.op](_expr(e.left, facts), _expr(e.right, facts))


def excused(ind: ast.Indicator, facts: Mapping[str, Fact]) -> bool:
    """An excuse holds: the indicator does not apply to the park (not scored, not counted)."""
    for ex in ind.rules_of(ast.Excuse):
        try:
            if _cond(ex.cond, facts):
                return True
        except NoData:
            pass
    return False


def _in_tier(when: ast.Compare, facts: Mapping[str, Fact]) -> bool:
    vals = [_num(o, facts) for o in when.operands]
    return all(OPS[op](vals[i], vals[i + 1]) for i, op in enumerate(when.ops))


def points(ind: ast.Indicator, facts: Mapping[str, Fact]) -> Decimal:
    if excused(ind, facts):
        return Decimal(0)
    for ex in ind.rules_of(ast.Exempt):
        try:
            if _cond(ex.cond, facts):
                return ex.points
        except NoData:
            pass
    for count in ind.rules_of(ast.Count):
        if count.items not in facts:
            return Decimal(0)
        n = len(facts[count.items].value)  # type: ignore[arg-type]
        if count.deduct:  # 每项扣分，扣完为止: from the indicator's maximum, never below 0
            return max((ind.max_points or Decimal(0)) - count.per_item * n, Decimal(0))
        return min(count.per_item * n, count.cap)
    trends = ind.rules_of(ast.Trend)
    for t in trends:  # alternatives: the first whose series moves the right way for its years
        if t.series not in facts:
            continue
        series = facts[t.series].value[-t.years:]  # type: ignore[index]
        years = [y for y, _ in series]
        if len(series) < t.years or years != list(range(years[0], years[0] + t.years)):
            continue
        vals = [v for _, v in series]
        steps = [b - a for a, b in zip(vals, vals[1:])]
        if all(d < 0 for d in steps) if t.direction == "decreasing" else all(d > 0 for d in steps):
            return t.points
    if trends:
        return Decimal(0)
    levels = ind.rules_of(ast.Level)
    if levels:
        f = facts.get(ind.id)
        return next((lv.points for lv in levels if f is not None and lv.name == f.value), Decimal(0))
    try:
        if ind.id in facts:
            value = facts[ind.id].value
        elif ind.rules_of(ast.Rank):
            return Decimal(0)  # a rank needs its cohort (given with the facts when scored in a table)
        elif ind.formula:
            value = _expr(ind.formula.expr, facts)
            if ind.range is not None and not ind.range.lo <= value <= ind.range.hi:
                return Decimal(0)  # a computed share above 100 %: the figures are wrong, nothing is awarded
        else:
            return Decimal(0)
        for g in ind.rules_of(ast.Require):
            if not _cond(g.cond, facts):
                return Decimal(0)
    except (NoData, ArithmeticError):
        return Decimal(0)
    try:
        if any(_in_tier(nt.when, facts) for nt in ind.rules_of(ast.NoThreshold)):
            return Decimal(0)  # the source sets no threshold for the park's tier
    except NoData:
        return Decimal(0)
    for b in ind.rules_of(ast.Band):
        if b.when is not None:
            try:
                if not _in_tier(b.when, facts):
                    continue
            except NoData:
                return Decimal(0)
        vals = [_num(o, facts, value) for o in b.test.operands]  # type: ignore[arg-type]
        if all(OPS[op](vals[i], vals[i + 1]) for i, op in enumerate(b.test.ops)):
            return b.points
    return Decimal(0)


def total(std: ast.Standard, facts: Mapping[str, Fact]) -> Decimal:
    """The total: the sum of the points, or in a weighted standard the sum over categories of
    weight % x (points / maximum) x the declared total."""
    if all(c.weight is None for c in std.categories):
        return sum((points(i, facts) for i in std.indicators), Decimal(0))
    out = Decimal(0)
    with localcontext(prec=120):  # the engine's documented arithmetic: 120 digits, results shown with 40
        for c in std.categories:
            got = sum((points(i, facts) for i in c.indicators), Decimal(0))
            assert c.weight is not None and c.max_points and std.header.total is not None
            out += c.weight / 100 * (got / c.max_points) * std.header.total
    return _shown(out)


def eligible(std: ast.Standard, facts: Mapping[str, Fact]) -> bool | None:
    """Eligible: total at or above the pass mark, every required gate reported true, every veto
    indicator met (or excused), and every k-of-n group with enough of its (not excused) members met."""
    required = [g for g in std.gates if not g.advisory]
    vetoes = [i for i in std.indicators if i.veto]
    groups = [c for c in std.categories if c.at_least is not None]
    if std.header.pass_mark is None and not required and not vetoes and not groups:
        return None
    above = std.header.pass_mark is None or total(std, facts) >= std.header.pass_mark
    gates = all(g.id in facts and facts[g.id].value is True for g in required)
    vetoed = any(not excused(i, facts) and points(i, facts) <= 0 for i in vetoes)
    short = False
    for c in groups:
        assert c.at_least is not None
        counted = [i for i in c.indicators if not excused(i, facts)]
        short |= sum(points(i, facts) > 0 for i in counted) < min(c.at_least, len(counted))
    return above and gates and not vetoed and not short


def grade(std: ast.Standard, facts: Mapping[str, Fact]) -> str | None:
    """The grade of the first veto not met that names one, else the first grade whose comparison holds for the total."""
    for i in std.indicators:
        if isinstance(i.veto, str) and not excused(i, facts) and points(i, facts) <= 0:
            return i.veto
    t = total(std, facts)
    for g in std.header.grades:
        vals = [t if isinstance(o, ast.Ref) else o.value for o in g.test.operands]
        if all(OPS[op](vals[i], vals[i + 1]) for i, op in enumerate(g.test.ops)):
            return g.name
    return None


def _shown(d: Decimal) -> Decimal:
    """Totals as the engine shows them: 40 significant digits."""
    with localcontext(prec=40):
        return +d
