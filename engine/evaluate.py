"""Stage 5, compiled standard + park facts -> Scorecard, emitting trace events when asked.

Per indicator: exemptions first, then the value (given directly, or computed by the formula),
then the guards, then the bands in file order (first match); levels by name; counts by items.
"""
from __future__ import annotations

from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Mapping

from parkscore.dsl.printer import expr_text
from parkscore.dsl.span import Span

from .compile import CompiledIndicator, CompiledStandard
from .data import Fact, ParkData
from .scorecard import CategoryResult, GateResult, IndicatorResult, RuleRef, Scorecard
from .trace import NULL_TRACER, Op, TraceEvent, Tracer

ZERO = Decimal(0)


def show(d: Decimal, digits: int = 6) -> str:
    """A value for people: up to ``digits`` significant digits, no exponent, no trailing zeros."""
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", " ") if abs(d) >= 10000 else str(int(d))
    q = Decimal(f"{d:.{digits}g}")
    return format(q.normalize(), "f")


def _input_event(tr: Tracer, subject: str, f: Fact) -> None:
    shown = f"{show(f.value)} {f.unit}" if isinstance(f.value, Decimal) else str(f.value)
    msg = f"{f.id} = {shown}"
    if f.reported:
        msg += f" (reported as {f.reported})"
    tr.emit(TraceEvent(Op.INPUT, subject, msg, f.span, data={"input": f.id, "value": f.value, "source": f.source}))


def evaluate_indicator(ci: CompiledIndicator, facts: Mapping[str, Fact], tr: Tracer = NULL_TRACER) -> IndicatorResult:
    ind = ci.ind
    unit = ind.unit.text if ind.unit else None
    maxp = ind.max_points or ZERO

    def result(status: str, points: Decimal, rule: RuleRef | None, outcome: str, value: Decimal | str | int | None = None,
               missing: tuple[str, ...] = (), inputs: tuple[str, ...] = ()) -> IndicatorResult:
        if tr.enabled:
            if status != "scored":
                tr.emit(TraceEvent(Op.MISSING, ind.id, outcome, _span(rule) if rule is not None else None, data={"missing": list(missing)}))
            op = Op.AWARD if points > 0 else Op.FAIL
            why = "no data" if status == "no_data" else ("undefined value" if status == "undefined" else outcome)
            tr.emit(TraceEvent(op, ind.id, f"{show(points)} / {show(maxp)} points: {why}", _span(rule) if rule is not None else None, points=points))
        return IndicatorResult(ind.id, ind.clause, ind.title, ind.category, ind.kind, status, value, unit, points, maxp,
                               rule, outcome, missing, inputs)

    if tr.enabled:
        tr.emit(TraceEvent(Op.ENTER, ind.id, f"{ind.clause} {ind.title} (max {show(maxp)})", _span(ci.ref)))

    for ex in ci.exempts:
        holds = ex.fn(facts)
        if tr.enabled:
            for n in ex.names:
                if n in facts:
                    _input_event(tr, ind.id, facts[n])
            said = "no data: not claimed" if holds is None else str(holds).lower()
            tr.emit(TraceEvent(Op.TEST, ind.id, f"exempt if {ex.text}: {said}", _span(ex.ref), outcome=bool(holds)))
        if holds:
            return result("scored", ex.points, ex.ref, f"exempt: {ex.wording or ex.text}", None, (), ex.names)

    if ci.count is not None:
        c = ci.count
        f = facts.get(c.items)
        if f is None:
            return result("no_data", ZERO, c.ref, f"no data: {c.items}", None, (c.items,), (c.items,))
        items = f.items
        pts = min(c.per_item * len(items), c.cap)
        if tr.enabled:
            names = "; ".join(i.name for i in items) or "none"
            tr.emit(TraceEvent(Op.INPUT, ind.id, f"{c.items}: {len(items)} item(s): {names}", f.span,
                               data={"input": c.items, "items": [i.name for i in items], "source": f.source}))
            tr.emit(TraceEvent(Op.TEST, ind.id, f"{show(c.per_item)} per item, up to {show(c.cap)}: "
                               f"min({len(items)} × {show(c.per_item)}, {show(c.cap)}) = {show(pts)}", _span(c.ref), outcome=pts > 0))
        return result("scored", pts, c.ref, f"{len(items)} item(s)", len(items), (), (c.items,))

    if ci.trend is not None:
        t = ci.trend
        f = facts.get(t.series)
        if f is None:
            return result("no_data", ZERO, t.ref, f"no data: {t.series}", None, (t.series,), (t.series,))
        last = list(f.series[-t.years:])
        shown = " → ".join(f"{y}: {show(v)}" for y, v in last)
        if tr.enabled:
            tr.emit(TraceEvent(Op.INPUT, ind.id, f"{t.series} = {shown} {f.unit or ''}".rstrip(), f.span,
                               data={"input": t.series, "value": [[y, v] for y, v in last], "source": f.source}))
        years = [y for y, _ in last]
        if len(last) < t.years or years != list(range(years[0], years[0] + t.years)):
            return result("no_data", ZERO, t.ref, f"no data: {t.series} needs {t.years} consecutive years, has {', '.join(map(str, years)) or 'none'}",
                          None, (t.series,), (t.series,))
        vals = [v for _, v in last]
        pairs = list(zip(vals, vals[1:]))
        holds = all(b < a for a, b in pairs) if t.decreasing else all(b > a for a, b in pairs)
        if tr.enabled:
            tr.emit(TraceEvent(Op.TEST, ind.id, f"{t.text} -> {show(t.points)}: {str(holds).lower()} ({shown})", _span(t.ref), outcome=holds))
        return result("scored", t.points if holds else ZERO, t.ref, t.text if holds else f"not {t.text}", shown, (), (t.series,))

    if ci.levels:
        f = facts.get(ind.id)
        if f is None:
            return result("no_data", ZERO, ci.ref, f"no data: level of {ind.id}", None, (ind.id,), (ind.id,))
        lv = ci.levels[str(f.value)]
        if tr.enabled:
            _input_event(tr, ind.id, f)
            tr.emit(TraceEvent(Op.TEST, ind.id, f"level {lv.name}: “{lv.wording}”", _span(lv.ref), outcome=True))
        return result("scored", lv.points, lv.ref, f"level {lv.name}", lv.name, (), (ind.id,))

    # a value scored by bands
    used: tuple[str, ...]
    if ind.id in facts:
        f = facts[ind.id]
        value = f.number
        used = (ind.id,)
        if tr.enabled:
            _input_event(tr, ind.id, f)
    elif ci.formula is not None:
        used = ci.formula_inputs
        missing = tuple(n for n in used if n not in facts)
        if missing:
            return result("no_data", ZERO, ci.formula_ref, "no data: " + ", ".join(missing), None, missing, used)
        env = {n: facts[n].number for n in used}
        if tr.enabled:
            for n in used:
                _input_event(tr, ind.id, facts[n])
        try:
            value = ci.formula(env)
        except (DivisionByZero, InvalidOperation, ZeroDivisionError):
            zeros = ", ".join(f"{n} = 0" for n in used if env[n] == 0)
            return result("undefined", ZERO, ci.formula_ref, f"cannot compute: division by zero ({zeros})", None, (), used)
        if tr.enabled:
            assert ci.formula_ref is not None and ind.formula is not None
            subst = expr_text(ind.formula.expr, lambda n: f"{show(env[n])} {facts[n].unit or ''}".strip())
            tr.emit(TraceEvent(Op.COMPUTE, ind.id,
                               f"{ind.id} = {expr_text(ind.formula.expr)} = {subst} = {show(value)} {unit or ''}".rstrip(),
                               _span(ci.formula_ref), data={"value": value}))
    else:
        return result("no_data", ZERO, ci.ref, f"no data: {ind.id}", None, (ind.id,), (ind.id,))

    for g in ci.requires:
        holds = g.fn(facts)
        if tr.enabled:
            for n in g.names:
                if n in facts:
                    _input_event(tr, ind.id, facts[n])
            tr.emit(TraceEvent(Op.TEST, ind.id, f"require {g.text}: {'no data' if holds is None else str(holds).lower()}",
                               _span(g.ref), outcome=bool(holds)))
        if holds is None:
            missing = tuple(n for n in g.names if n not in facts)
            return result("no_data", ZERO, g.ref, "no data: " + ", ".join(missing), value, missing, used + g.names)
        if not holds:
            return result("scored", ZERO, g.ref, f"requirement not met: {g.wording or g.text}", value, (), used + g.names)
        used += g.names

    for b in ci.bands:
        hit = b.interval.contains(value)
        if tr.enabled:
            tr.emit(TraceEvent(Op.TEST, ind.id, f"{b.text} -> {show(b.points)}: {str(hit).lower()} ({ind.id} = {show(value)})",
                               _span(b.ref), outcome=hit))
        if hit:
            return result("scored", b.points, b.ref, b.text, value, (), used)
    return result("scored", ZERO, None, "no band matched", value, (), used)


def _span(ref: RuleRef) -> Span:
    return Span(ref.file, ref.line, ref.col, ref.line, ref.col)


def evaluate(cs: CompiledStandard, facts: Mapping[str, Fact], park: ParkData, tr: Tracer = NULL_TRACER) -> Scorecard:
    std = cs.std
    results = [evaluate_indicator(ci, facts, tr) for ci in cs.indicators]
    categories = []
    max_total = std.header.total if std.header.total is not None else sum((c.max_points or ZERO for c in std.categories), ZERO)
    for cat in std.categories:
        pts = sum((r.points for r in results if r.category == cat.id), ZERO)
        maxp = cat.max_points if cat.max_points is not None else sum((i.max_points or ZERO for i in cat.indicators), ZERO)
        weighted = None
        if cat.weight is not None:  # a weighted standard: the category's share of the total
            weighted = cat.weight / 100 * (pts / maxp if maxp else ZERO) * max_total
        categories.append(CategoryResult(cat.id, cat.title, pts, maxp, cat.weight, weighted))
        if tr.enabled:
            parts = " + ".join(show(r.points) for r in results if r.category == cat.id)
            msg = f"{cat.title}: {parts} = {show(pts)} / {show(maxp)}"
            if weighted is not None:
                assert cat.weight is not None
                msg += f"; weighted {show(cat.weight)}% × {show(pts)}/{show(maxp)} × {show(max_total)} = {show(weighted, 4)}"
            tr.emit(TraceEvent(Op.SUBTOTAL, cat.id, msg, cat.span, points=pts))
    if any(c.weighted is not None for c in categories):
        total = sum((c.weighted or ZERO for c in categories), ZERO)
    else:
        total = sum((r.points for r in results), ZERO)
    gates = []
    for g in std.gates:
        f = facts.get(g.id)
        status = "no_data" if f is None else ("pass" if f.value else "fail")
        gates.append(GateResult(g.id, g.clause, g.title, g.advisory, status, cs.gate_refs[g.id]))
        if tr.enabled:
            if f is not None:
                _input_event(tr, g.id, f)
            kind = "advisory, does not decide eligibility" if g.advisory else "basic requirement"
            tr.emit(TraceEvent(Op.GATE, g.id, f"{g.clause} {g.title}: {status} ({kind})", g.span, outcome=status == "pass"))
    reasons = []
    pass_mark = std.header.pass_mark
    if pass_mark is not None and total < pass_mark:
        reasons.append(f"total {show(total, 4)} is below the pass mark {show(pass_mark)}")
    for gr in gates:
        if not gr.advisory and gr.status != "pass":
            reasons.append(f"basic requirement {gr.clause} {gr.id}: " + ("failed" if gr.status == "fail" else "no data"))
    decides = pass_mark is not None or any(not g.advisory for g in std.gates)
    eligible = (not reasons) if decides else None  # a standard with no pass mark and no gates ranks, it does not qualify
    card = Scorecard(std.ref, std.header.title or "", park.name, park.period, park.synthetic, tuple(results), tuple(categories),
                     tuple(gates), total, max_total, pass_mark, eligible, tuple(reasons))
    if tr.enabled:
        verdict = ("eligible" if card.eligible else "not eligible: " + "; ".join(reasons)) if decides else "no pass mark defined"
        parts = " + ".join(show(c.weighted, 4) if c.weighted is not None else show(c.points) for c in categories)
        mark = f"pass mark {show(pass_mark)}; " if pass_mark is not None else ""
        tr.emit(TraceEvent(Op.TOTAL, "", f"total = {parts} = {show(total, 4)} / {show(max_total)}; {mark}{verdict}",
                           std.header.span, points=total, outcome=card.eligible))
    return card
