"""Stage 5, compiled standard + park facts -> Scorecard, emitting trace events when asked.

Per indicator: exemptions first, then the value (given directly, or computed by the formula),
then the guards, then the bands in file order (first match); levels by name; counts by items.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, DivisionByZero, InvalidOperation
from typing import Mapping

from parkscore.dsl.ast import IndicatorKind, Rank
from parkscore.dsl.numbers import exact, rounded, show
from parkscore.dsl.printer import cond_text, expr_text
from parkscore.dsl.span import Span
from parkscore.engine.scoring.compile import (
    CompiledBand,
    CompiledCond,
    CompiledCount,
    CompiledIndicator,
    CompiledLevel,
    CompiledStandard,
    CompiledTrend,
    rule_ref,
)
from parkscore.engine.scoring.data import Fact, ParkData
from parkscore.engine.scoring.scorecard import CategoryResult, GateStatus, IndicatorResult, RuleRef, Scorecard, Status
from parkscore.engine.scoring.trace import NULL_TRACER, Op, TraceEvent, Tracer

ZERO = Decimal(0)


def _input_event(tr: Tracer, subject: str, f: Fact) -> None:
    shown = f"{show(f.value)} {f.unit}" if isinstance(f.value, Decimal) else str(f.value)
    msg = f"{f.id} = {shown}"
    if f.reported:
        msg += f" (reported as {f.reported})"
    tr.emit(TraceEvent(Op.INPUT, subject, msg, f.span, data={"input": f.id, "value": f.value, "source": f.source}))


class IndicatorRun:
    """One indicator's evaluation: its facts, the tracer, and how a result is reported."""

    def __init__(self, ci: CompiledIndicator, facts: Mapping[str, Fact], tr: Tracer) -> None:
        self.ci, self.ind, self.facts, self.tr = ci, ci.ind, facts, tr
        self.unit = ci.ind.unit.text if ci.ind.unit else None
        self.maxp = ci.ind.max_points or ZERO

    def result(self, status: Status, points: Decimal, rule: RuleRef | None, outcome: str, value: Decimal | str | int | None = None,
               missing: tuple[str, ...] = (), inputs: tuple[str, ...] = ()) -> IndicatorResult:
        ind, tr = self.ind, self.tr
        if tr.enabled:
            where = _span(rule) if rule is not None else None
            if status is not Status.SCORED:
                tr.emit(TraceEvent(Op.MISSING, ind.id, outcome, where, data={"missing": list(missing)}))
            why = {Status.NO_DATA: "no data", Status.UNDEFINED: "undefined value"}.get(status, outcome)
            tr.emit(TraceEvent(Op.AWARD if points > 0 else Op.FAIL, ind.id, f"{show(points)} / {show(self.maxp)} points: {why}",
                               where, points=points))
        shown = rounded(value) if isinstance(value, Decimal) else value
        return IndicatorResult(ind.id, ind.clause, ind.title, ind.category, ind.kind, status, shown, self.unit, points, self.maxp,
                               rule, outcome, missing, inputs, self.ci.notes)

    def no_data(self, rule: RuleRef | None, missing: tuple[str, ...], outcome: str | None = None,
                value: Decimal | None = None, inputs: tuple[str, ...] | None = None) -> IndicatorResult:
        return self.result(Status.NO_DATA, ZERO, rule, outcome or "no data: " + ", ".join(missing), value, missing,
                           missing if inputs is None else inputs)

    def trace_inputs(self, names: tuple[str, ...]) -> None:
        for n in names:
            if n in self.facts:
                _input_event(self.tr, self.ind.id, self.facts[n])

    def test(self, message: str, ref: RuleRef, outcome: bool) -> None:
        self.tr.emit(TraceEvent(Op.TEST, self.ind.id, message, _span(ref), outcome=outcome))

    def claim(self, conds: tuple[CompiledCond, ...], keyword: str, status: Status, label: str) -> IndicatorResult | None:
        """Excuses (the indicator does not apply), then exemptions (points outright): the first
        that holds decides; one not claimed (no data) does not apply."""
        for ex in conds:
            holds = ex.fn(self.facts)
            if self.tr.enabled:
                self.trace_inputs(ex.names)
                self.test(f"{keyword} {ex.text}: {'no data: not claimed' if holds is None else str(holds).lower()}", ex.ref, bool(holds))
            if holds:
                return self.claimed(ex, status, label)
        return None

    def claimed(self, ex: CompiledCond, status: Status, label: str) -> IndicatorResult:
        return self.result(status, ex.points, ex.ref, f"{label}: {ex.wording or ex.text}", None, (), ex.names)

    def count(self, c: CompiledCount) -> IndicatorResult:
        f = self.facts.get(c.items)
        if f is None:
            return self.no_data(c.ref, (c.items,))
        items = f.items
        pts = c.points_for(len(items))
        if self.tr.enabled:
            names = "; ".join(i.name + (f" ({i.note})" if i.note else "") for i in items) or "none"
            self.tr.emit(TraceEvent(Op.INPUT, self.ind.id, f"{c.items}: {len(items)} item(s): {names}", f.span,
                                    data={"input": c.items, "items": [i.name for i in items], "source": f.source}))
            if c.deduct:
                self.test(f"{show(c.cap)} less {show(c.per_item)} per item, not below 0: "
                          f"max({show(c.cap)} - {len(items)} × {show(c.per_item)}, 0) = {show(pts)}", c.ref, pts > 0)
            else:
                self.test(f"{show(c.per_item)} per item, up to {show(c.cap)}: "
                          f"min({len(items)} × {show(c.per_item)}, {show(c.cap)}) = {show(pts)}", c.ref, pts > 0)
        return self.counted(c, len(items))

    def counted(self, c: CompiledCount, n: int) -> IndicatorResult:
        return self.result(Status.SCORED, c.points_for(n), c.ref, f"{n} item(s)", n, (), (c.items,))

    def trends(self, trends: tuple[CompiledTrend, ...]) -> IndicatorResult:
        """Trends are alternatives (carbon or energy improvement): the first that holds awards its
        points; none holding is 0 when every series is complete, no data when one is not."""
        incomplete: list[tuple[CompiledTrend, str]] = []
        first: tuple[CompiledTrend, str] | None = None
        for t in trends:
            f = self.facts.get(t.series)
            if f is None:
                incomplete.append((t, f"{t.series}: no data"))
                continue
            last = list(f.series[-t.years:])
            shown = trend_text(last)
            if self.tr.enabled:
                self.tr.emit(TraceEvent(Op.INPUT, self.ind.id, f"{t.series} = {shown} {f.unit or ''}".rstrip(), f.span,
                                        data={"input": t.series, "value": [[y, v] for y, v in last], "source": f.source}))
            years = [y for y, _ in last]
            if len(last) < t.years or years != list(range(years[0], years[0] + t.years)):
                incomplete.append((t, f"{t.series} needs {t.years} consecutive years, has {', '.join(map(str, years)) or 'none'}"))
                continue
            vals = [v for _, v in last]
            pairs = list(zip(vals, vals[1:]))
            holds = all(b < a for a, b in pairs) if t.decreasing else all(b > a for a, b in pairs)
            if self.tr.enabled:
                self.test(f"{t.text} -> {show(t.points)}: {str(holds).lower()} ({shown})", t.ref, holds)
            if holds:
                return self.result(Status.SCORED, t.points, t.ref, t.text, shown, (), tuple(x.series for x in trends))
            first = first or (t, shown)
        if incomplete:
            t, why = incomplete[0]
            return self.no_data(t.ref, tuple(x.series for x, _ in incomplete), "no data: " + "; ".join(w for _, w in incomplete),
                                inputs=tuple(x.series for x in trends))
        assert first is not None
        t, shown = first
        return self.result(Status.SCORED, ZERO, t.ref, "not " + " nor ".join(x.text for x in trends), shown, (), tuple(x.series for x in trends))

    def level(self) -> IndicatorResult:
        ind = self.ind
        f = self.facts.get(ind.id)
        if f is None:
            return self.no_level()
        lv = self.ci.levels[str(f.value)]
        if self.tr.enabled:
            _input_event(self.tr, ind.id, f)
            self.test(f"level {lv.name}: “{lv.wording}”", lv.ref, True)
        return self.at_level(lv)

    def no_level(self) -> IndicatorResult:
        return self.no_data(self.ci.ref, (self.ind.id,), f"no data: level of {self.ind.id}")

    def at_level(self, lv: CompiledLevel) -> IndicatorResult:
        return self.result(Status.SCORED, lv.points, lv.ref, f"level {lv.name}", lv.name, (), (self.ind.id,))

    def value(self) -> tuple[Decimal, tuple[str, ...]] | IndicatorResult:
        """The indicator's value: given directly, or computed by its formula (or why there is none)."""
        ci, ind, facts = self.ci, self.ind, self.facts
        if ind.id in facts:
            if self.tr.enabled:
                _input_event(self.tr, ind.id, facts[ind.id])
            return facts[ind.id].number, (ind.id,)
        if ind.rules_of(Rank) or ci.formula is None or ci.formula_ref is None or ind.formula is None:
            return self.no_value()
        used = ci.formula_inputs
        missing = tuple(n for n in used if n not in facts)
        if missing:
            return self.no_formula_inputs(missing)
        env = {n: facts[n].number for n in used}
        if self.tr.enabled:
            self.trace_inputs(used)
        try:
            value = ci.formula(env)
        except ARITHMETIC:
            return self.division_by_zero(env)
        if self.tr.enabled:
            subst = expr_text(ind.formula.expr, lambda n: f"{show(env[n])} {facts[n].unit or ''}".strip())
            self.tr.emit(TraceEvent(Op.COMPUTE, ind.id,
                                    f"{ind.id} = {expr_text(ind.formula.expr)} = {subst} = {show(value)} {self.unit or ''}".rstrip(),
                                    _span(ci.formula_ref), data={"value": rounded(value)}))
        rng = ind.range
        if rng is not None and not rng.contains(value):
            return self.outside_range(value)
        return value, used

    def no_value(self) -> IndicatorResult:
        """Neither given nor computable: a rank (scored with the population), or no formula."""
        ind = self.ind
        if ind.rules_of(Rank):
            return self.no_data(self.ci.ref, (ind.id,), f"no data: {ind.id} is a rank among the parks scored together: score a table of parks")
        return self.no_data(self.ci.ref, (ind.id,))

    def no_formula_inputs(self, missing: tuple[str, ...]) -> IndicatorResult:
        assert self.ci.formula_ref is not None
        return self.no_data(self.ci.formula_ref, missing, inputs=self.ci.formula_inputs)

    def division_by_zero(self, env: Mapping[str, Decimal]) -> IndicatorResult:
        assert self.ci.formula_ref is not None
        used = self.ci.formula_inputs
        zeros = ", ".join(f"{n} = 0" for n in used if env[n] == 0)
        return self.result(Status.UNDEFINED, ZERO, self.ci.formula_ref, f"cannot compute: division by zero ({zeros})", None, (), used)

    def outside_range(self, value: Decimal) -> IndicatorResult:
        assert self.ci.formula_ref is not None
        return self.result(Status.UNDEFINED, ZERO, self.ci.formula_ref,
                           f"computed {show(value)} {self.unit or ''} is outside the range {self.ind.range} the standard declares: "
                           "check the figures", value, (), self.ci.formula_inputs)

    def band(self) -> IndicatorResult:
        """Guards, then the bands in file order: the first that holds decides."""
        got = self.value()
        if isinstance(got, IndicatorResult):
            return got
        value, used = got
        for g in self.ci.requires:
            holds = g.fn(self.facts)
            if self.tr.enabled:
                self.trace_inputs(g.names)
                self.test(f"require {g.text}: {'no data' if holds is None else str(holds).lower()}", g.ref, bool(holds))
            if holds is None:
                return self.no_data(g.ref, tuple(n for n in g.names if n not in self.facts), value=value, inputs=used + g.names)
            if not holds:
                return self.unmet(g, value, used)
            used += g.names
        for nt in self.ci.no_thresholds:
            holds = nt.fn(self.facts)
            if self.tr.enabled:
                self.trace_inputs(nt.names)
                self.test(f"tier {nt.text}: {str(holds).lower()}", nt.ref, bool(holds))
            if holds:
                return self.no_threshold(nt, value, used)
        tiered = False
        for b in self.ci.bands:
            if b.when is not None:
                tiered = True
                inside = b.when.fn(self.facts)
                if inside is None:
                    return self.no_data(b.ref, tuple(n for n in b.when.names if n not in self.facts), value=value, inputs=used + b.when.names)
                if not inside:
                    continue
                used = tuple(dict.fromkeys(used + b.when.names))
            hit = b.interval.contains(value)
            if self.tr.enabled:
                self.test(f"{band_text(b)} -> {show(b.points)}: {str(hit).lower()} ({self.ind.id} = {show(value)})", b.ref, hit)
            if hit:
                return self.in_band(b, value, used)
        return self.no_band(tiered, value, used)

    def unmet(self, g: CompiledCond, value: Decimal | None, used: tuple[str, ...]) -> IndicatorResult:
        return self.result(Status.SCORED, ZERO, g.ref, f"requirement not met: {g.wording or g.text}", value, (), used + g.names)

    def no_threshold(self, nt: CompiledCond, value: Decimal | None, used: tuple[str, ...]) -> IndicatorResult:
        return self.result(Status.UNDEFINED, ZERO, nt.ref, f"no threshold for the tier {nt.text}: {nt.wording}", value, (), used + nt.names)

    def in_band(self, b: CompiledBand, value: Decimal | None, used: tuple[str, ...]) -> IndicatorResult:
        return self.result(Status.SCORED, b.points, b.ref, band_text(b), value, (), used)

    def no_band(self, tiered: bool, value: Decimal | None, used: tuple[str, ...]) -> IndicatorResult:
        if tiered:
            return self.result(Status.UNDEFINED, ZERO, None, "no tier of the bands holds for this park", value, (), used)
        return self.result(Status.SCORED, ZERO, None, "no band matched", value, (), used)


def band_text(b: CompiledBand) -> str:
    """A band as results show it: its comparison, and its tier when it has one."""
    return b.text if b.when is None else f"{b.text} (tier {b.when.text})"


ARITHMETIC = (DivisionByZero, InvalidOperation, ZeroDivisionError)  # a formula that cannot be computed


def evaluate_indicator(ci: CompiledIndicator, facts: Mapping[str, Fact], tr: Tracer = NULL_TRACER) -> IndicatorResult:
    run = IndicatorRun(ci, facts, tr)
    if tr.enabled:
        tr.emit(TraceEvent(Op.ENTER, ci.ind.id, f"{ci.ind.clause} {ci.ind.title} (max {show(run.maxp)})", _span(ci.ref),
                           data={"notes": [{"kind": k, "text": t} for k, t in ci.notes]} if ci.notes else {}))
    decided = run.claim(ci.excuses, "excuse if", Status.EXCUSED, "excused") or run.claim(ci.exempts, "exempt if", Status.SCORED, "exempt")
    if decided is not None:
        return decided
    match ci.kind:
        case IndicatorKind.COUNT:
            assert ci.count is not None
            return run.count(ci.count)
        case IndicatorKind.TREND:
            return run.trends(ci.trends)
        case IndicatorKind.LEVEL:
            return run.level()
        case IndicatorKind.BAND:
            return run.band()


def trend_text(pairs: list[tuple[int, Decimal]]) -> str:
    """The yearly figures a trend read, as its value is shown: "2017: 1.2 → 2018: 1.1"."""
    return " → ".join(f"{y}: {show(v)}" for y, v in pairs)


def _span(ref: RuleRef) -> Span:
    return Span(ref.file, ref.line, ref.col, ref.line, ref.col)


def evaluate(cs: CompiledStandard, facts: Mapping[str, Fact], park: ParkData, tr: Tracer = NULL_TRACER) -> Scorecard:
    """Score resolved facts: every indicator, the categories, the gates, the total and the verdict,
    in the exact arithmetic context (``numbers.exact``)."""
    with exact():
        return _evaluate(cs, facts, park, tr)


def _evaluate(cs: CompiledStandard, facts: Mapping[str, Fact], park: ParkData, tr: Tracer) -> Scorecard:
    std = cs.std
    # a trace: the interpreter, step by step; nobody listens and the standard is in use: its
    # generated program (codegen.py), equal to the interpreter result for result
    hot = not tr.enabled and cs.hot()
    results = cs.program.results(facts) if hot else [evaluate_indicator(ci, facts, tr) for ci in cs.indicators]
    categories = []
    max_total = std.max_total
    for cat, at in cs.members:
        members = [results[k] for k in at]
        pts = sum([r.points for r in members], ZERO)
        maxp = cat.maximum
        weighted = None
        if cat.weight is not None:  # a weighted standard: the category's share of the total
            weighted = cat.weight / 100 * (pts / maxp if maxp else ZERO) * max_total
        met = needed = counted = None
        if cat.at_least is not None:  # k of n: excused indicators are not counted
            counted = sum(r.status is not Status.EXCUSED for r in members)
            met = sum(r.status is Status.SCORED and r.points > 0 for r in members)
            needed = min(cat.at_least, counted)
        categories.append(CategoryResult(cat.id, cat.title, pts, maxp, cat.weight, weighted, met, needed, counted))  # exact here; rounded below
        if tr.enabled:
            parts = " + ".join(show(r.points) for r in members)
            msg = f"{cat.title}: {parts} = {show(pts)} / {show(maxp)}"
            if weighted is not None:
                assert cat.weight is not None
                msg += f"; weighted {show(cat.weight)}% × {show(pts)}/{show(maxp)} × {show(max_total)} = {show(weighted, 4)}"
            tr.emit(TraceEvent(Op.SUBTOTAL, cat.id, msg, cat.span, points=pts))
    weighted_total = std.weighted
    if weighted_total:
        total = sum([c.weighted or ZERO for c in categories], ZERO)
    else:  # every indicator is in one category: the subtotals add up to the total
        total = sum([c.points for c in categories], ZERO)
    gates = []
    for g in std.gates:
        f = facts.get(g.id)
        status = GateStatus.NO_DATA if f is None else (GateStatus.PASS if f.value else GateStatus.FAIL)
        gates.append(cs.gate_results[g.id, status])
        if tr.enabled:
            if f is not None:
                _input_event(tr, g.id, f)
            kind = "advisory, does not decide eligibility" if g.advisory else "basic requirement"
            tr.emit(TraceEvent(Op.GATE, g.id, f"{g.clause} {g.title}: {status} ({kind})", g.span, outcome=status is GateStatus.PASS))
    reasons = []
    forced: str | None = None  # a veto that gives a grade (veto grade A) decides the grade too
    for k, ind in cs.vetoes:  # 一票否决: a veto indicator not met decides the verdict
        r = results[k]
        if r.status is not Status.EXCUSED and not (r.status is Status.SCORED and r.points > 0):
            reasons.append(f"veto {r.clause} {r.id}: {r.outcome}" + (f" (grade {ind.veto})" if isinstance(ind.veto, str) else ""))
            if isinstance(ind.veto, str) and forced is None:
                forced = ind.veto
            if tr.enabled:
                tr.emit(TraceEvent(Op.GATE, r.id, f"veto {r.clause} {r.title}: not met ({r.outcome}): not eligible", ind.span, outcome=False))
    for c in categories:
        if c.needed is not None and c.met is not None and c.met < c.needed:
            reasons.append(f"{c.title}: {c.met} of {c.counted} met, at least {c.needed} needed")
    pass_mark = std.header.pass_mark
    if pass_mark is not None and total < pass_mark:
        reasons.append(f"total {show(total, 4)} is below the pass mark {show(pass_mark)}")
    for gr in gates:
        if not gr.advisory and gr.status is not GateStatus.PASS:
            reasons.append(f"basic requirement {gr.clause} {gr.id}: " + ("failed" if gr.status is GateStatus.FAIL else "no data"))
    decides = cs.decides
    eligible = (not reasons) if decides else None  # a standard with no pass mark and no gates ranks, it does not qualify
    # the verdict was taken on the exact total; results carry values rounded for showing
    shown = tuple([replace(c, weighted=rounded(c.weighted)) if c.weighted is not None else c for c in categories]
                  if weighted_total else categories)
    h, keys = std.header, cs.data_keys
    grade = next((g for g in h.grades if g.name == forced), None) if forced else \
        next((g for g in h.grades if cs.grade_intervals[g.name].contains(total)), None)
    card = Scorecard(std.ref, h.title or "", park.name, park.period, park.synthetic, tuple(results), shown,
                     tuple(gates), rounded(total), max_total, pass_mark, eligible, tuple(reasons),
                     status=h.status, illustrative=h.illustrative, readings=h.readings,
                     grade=grade.name if grade else None, grade_title=grade.title if grade else None,
                     grade_rule=rule_ref(grade.span, grade.name, cs.sources) if grade else None,
                     unused=tuple([k for k in park.entries if k not in keys]))
    if tr.enabled and grade is not None:
        why = f"given by the veto ({forced})" if forced else f"{cond_text(grade.test)} holds for total {show(total, 4)}"
        tr.emit(TraceEvent(Op.TOTAL, "", f"grade {grade.name} {grade.title}: {why}", grade.span, outcome=True))
    if tr.enabled:
        verdict = ("eligible" if card.eligible else "not eligible: " + "; ".join(reasons)) if decides else "no pass mark defined"
        parts = " + ".join(show(c.weighted, 4) if c.weighted is not None else show(c.points) for c in categories)
        mark = f"pass mark {show(pass_mark)}; " if pass_mark is not None else ""
        tr.emit(TraceEvent(Op.TOTAL, "", f"total = {parts} = {show(total, 4)} / {show(max_total)}; {mark}{verdict}",
                           std.header.span, points=total, outcome=card.eligible))
    return card
