"""Stage 3, AST -> diagnostics: the named semantic passes a standard must pass before it is compiled.

Passes run in order and all of them run: every error is collected, none stops the others.
``check_names`` comes first because the later passes look names up and would otherwise report
the same unknown name again.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from . import ast, units
from .ast import cond_refs, expr_refs
from .dates import parse_day
from .diagnostics import Diagnostic, Edit, Fix, Related, did_you_mean
from .intervals import Interval, gaps, interval_of
from .numbers import plain
from .printer import cond_text
from .span import Span

Pass = Callable[[ast.Standard], Iterable[Diagnostic]]
# adapted: the source's text, scored with readings of parkscore's where the source is silent
STATUSES = ("official", "adapted", "secondary", "报批稿", "征求意见稿", "draft")  # secondary: read from secondary sources


def field_span(h: ast.Header, key: str) -> Span:
    """The whole line of a header field (``total``, ``pass``, …), or the header's first line."""
    line = dict(h.field_lines).get(key)
    return Span(h.span.file, line, 1, line + 1, 1) if line else h.span


def check_header(std: ast.Standard) -> Iterator[Diagnostic]:
    h = std.header
    for field in ("title", "source", "status", "total"):
        if getattr(h, field) is None:
            yield Diagnostic("E020", f"the header has no '{field}'", h.span, f"add a line: {field} ...")
    for key in ("effective", "until"):
        text = getattr(h, key)
        if text is not None and _day(text) is None:
            yield Diagnostic("E022", f"{key} '{text}' is not a day", field_span(h, key), f'write: {key} "2021-01-01"')
    start, end = _day(h.effective or ""), _day(h.until or "")
    if start and end and end < start:
        yield Diagnostic("E022", f"until {h.until} is before effective {h.effective}", field_span(h, "until"))
    if h.status is not None and h.status not in STATUSES:
        yield Diagnostic("E021", f"unknown status '{h.status}'", field_span(h, "status"), "one of: " + ", ".join(STATUSES))


def check_names(std: ast.Standard) -> Iterator[Diagnostic]:
    """Ids share one namespace (they are the keys of a park's data); clauses are unique too."""
    seen: dict[str, ast.Indicator | ast.InputDecl | ast.Gate | ast.Category] = {}
    things: list[ast.Indicator | ast.InputDecl | ast.Gate | ast.Category] = [
        *std.inputs, *std.categories, *std.indicators, *std.gates
    ]
    for t in things:
        if t.id in seen:
            first = seen[t.id].span
            yield Diagnostic("E101", f"'{t.id}' is defined twice", t.span, f"first defined at {first}")
        else:
            seen[t.id] = t
    clauses: dict[str, ast.Indicator | ast.Gate] = {}
    clausal: list[ast.Indicator | ast.Gate] = [*std.indicators, *std.gates]
    for c in clausal:
        if c.clause in clauses:
            yield Diagnostic("E102", f"clause {c.clause} is used twice", c.span, f"also at {clauses[c.clause].span}")
        else:
            clauses[c.clause] = c


def _day(text: str) -> date | None:
    """A day (YYYY-MM-DD), not a month or a year."""
    d = parse_day(text)
    return d.earliest if d is not None and d.exact and len(text.strip()) == 10 else None


def window(h: ast.Header) -> tuple[date, date | None] | None:
    """The days a version is in force: (effective, until or None = no end); None if it states none."""
    start = _day(h.effective or "")
    return None if start is None else (start, _day(h.until or ""))


def check_references(std: ast.Standard) -> Iterator[Diagnostic]:
    """Every name used resolves to an input of the right kind; bands test the indicator's own value."""
    inputs = {i.id: i for i in std.inputs}

    def lookup(name: str, kind: str, span: Span, what: str) -> Iterator[Diagnostic]:
        decl = inputs.get(name)
        if decl is None:
            candidates = [i.id for i in std.inputs if i.kind == kind]
            yield Diagnostic("E110", f"unknown {kind} input '{name}' in {what}", span, did_you_mean(name, candidates))
        elif decl.kind != kind:
            yield Diagnostic(
                "E111", f"'{name}' is {_a(decl.kind)} input, but {what} needs {_a(kind)} input", span, f"declared at {decl.span}"
            )

    for inp in std.inputs:
        for r in inp.includes:
            yield from lookup(r.name, "number", r.span, f"what {inp.id} includes")
    for ind in std.indicators:
        if ind.formula:
            if ind.formula.target != ind.id:
                yield Diagnostic(
                    "E112", f"the formula defines '{ind.formula.target}' inside indicator '{ind.id}'", ind.formula.span,
                    f"write: {ind.id} = ...",
                )
            for r in expr_refs(ind.formula.expr):
                yield from lookup(r.name, "number", r.span, f"the formula of {ind.id}")
        for rule in ind.rules:
            if isinstance(rule, ast.Count):
                yield from lookup(rule.items, "items", rule.span, f"the count of {ind.id}")
            elif isinstance(rule, (ast.Require, ast.Exempt, ast.Excuse)):
                for cr in cond_refs(rule.cond):
                    kind = "bool" if isinstance(cr, ast.CondRef) else "number"
                    yield from lookup(cr.name, kind, cr.span, f"a condition of {ind.id}")
            elif isinstance(rule, ast.Rank):
                ranked = [i.id for i in std.inputs if i.kind == "number"] + [i.id for i in std.indicators if i.kind == "band" and i.id != ind.id]
                if rule.of not in ranked:
                    yield Diagnostic("E110", f"'{rule.of}' is not a figure or an indicator value {ind.id} can rank", rule.span,
                                     did_you_mean(rule.of, ranked))
                if ind.formula is not None:
                    yield Diagnostic("E123", f"indicator '{ind.id}' is a rank: its value comes from its cohort, not a formula", ind.formula.span)
            elif isinstance(rule, ast.Trend):
                yield from lookup(rule.series, "series", rule.span, f"the trend of {ind.id}")
                if rule.years < 2:
                    yield Diagnostic("E114", "a trend needs at least 2 years", rule.span)
            elif isinstance(rule, ast.Band):
                for r in (o for o in rule.test.operands if isinstance(o, ast.Ref)):
                    if r.name != ind.id:
                        hint = did_you_mean(r.name, [ind.id]) or f"a band tests the indicator's own value: {ind.id}"
                        yield Diagnostic("E113", f"band of '{ind.id}' tests '{r.name}'", r.span, hint)
            if isinstance(rule, (ast.Band, ast.NoThreshold)) and rule.when is not None:
                refs = [o for o in rule.when.operands if isinstance(o, ast.Ref)]
                for r in refs:
                    yield from lookup(r.name, "number", r.span, f"a tier of {ind.id}")
                if len(refs) != 1:
                    yield Diagnostic("E303", f"a tier of '{ind.id}' compares one figure with numbers", rule.when.span,
                                     "write: when 200000 <= energy_consumed < 1000000")


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def check_kinds(std: ast.Standard) -> Iterator[Diagnostic]:
    """An indicator is scored one way: bands on a value, expert levels, or a capped count."""
    for ind in std.indicators:
        kinds = {type(r).__name__.lower() for r in ind.rules if isinstance(r, (ast.Band, ast.Level, ast.Count, ast.Trend))}
        if not kinds:
            yield Diagnostic("E120", f"indicator '{ind.id}' has no band, level, count or trend rule", ind.span, "add: score ... -> points")
        elif len(kinds) > 1:
            yield Diagnostic("E121", f"indicator '{ind.id}' mixes {' and '.join(sorted(kinds))} rules", ind.span, "score an indicator one way")
        if len(ind.rules_of(ast.Count)) > 1:
            yield Diagnostic("E121", f"indicator '{ind.id}' has more than one count rule", ind.rules_of(ast.Count)[1].span)
        first: dict[str, ast.Level] = {}
        for lv in ind.rules_of(ast.Level):
            if lv.name in first:
                yield Diagnostic("E122", f"level '{lv.name}' of '{ind.id}' is defined twice", lv.span, f"first at line {first[lv.name].span.line}")
            first.setdefault(lv.name, lv)
        if ind.formula and ind.kind != "band":
            yield Diagnostic("E123", f"indicator '{ind.id}' has a formula but is scored by {ind.kind}", ind.formula.span)
        if ind.kind == "band" and kinds and ind.unit is None:
            yield Diagnostic("E124", f"indicator '{ind.id}' is scored on a value but declares no unit", ind.span, "add: unit <unit>")
        if ind.max_points is None:
            yield Diagnostic("E405", f"indicator '{ind.id}' declares no maximum", ind.span, "add: max <points>")


def unit_of(e: ast.Expr, std: ast.Standard) -> tuple[units.Dims | None, list[Diagnostic]]:
    """The unit of a formula, computed from its inputs' units (literals are dimensionless)."""
    if isinstance(e, ast.Num):
        return (), []
    if isinstance(e, ast.Ref):
        decl = std.input(e.name)
        return (decl.unit.dims if decl and decl.unit else None), []
    left, dl = unit_of(e.left, std)
    right, dr = unit_of(e.right, std)
    diags = dl + dr
    if left is None or right is None:
        return None, diags
    if e.op in "+-":
        if left != right:
            diags.append(Diagnostic(
                "E202", f"'{e.op}' adds {units.show(left)} and {units.show(right)}", e.span, "both sides need the same unit"
            ))
            return None, diags
        return left, diags
    return units.combine(left, right, 1 if e.op == "*" else -1), diags


def check_units(std: ast.Standard) -> Iterator[Diagnostic]:
    for ind in std.indicators:
        if not (ind.formula and ind.unit):
            continue
        got, diags = unit_of(ind.formula.expr, std)
        yield from diags
        if got is not None and got != ind.unit.dims:
            yield Diagnostic(
                "E201",
                f"unit mismatch: the formula of '{ind.id}' gives {units.show(got)}, the indicator declares {ind.unit}",
                ind.formula.span,
                "check the units of the inputs (a share is written a / b * 100 with unit %)",
            )
    for inp in std.inputs:
        if inp.unit and ("%", 1) in inp.unit.factors and len(inp.unit.factors) > 1:
            yield Diagnostic("E203", f"'%' cannot be combined with other units in '{inp.unit}'", inp.unit.span)
        for r in inp.includes:  # a total contains figures it adds up
            part = std.input(r.name)
            if inp.unit and part is not None and part.unit and part.kind == "number" and part.unit.dims != inp.unit.dims:
                yield Diagnostic("E202", f"{inp.id} ({inp.unit}) cannot include {r.name} ({part.unit})", r.span,
                                 "a total includes figures of the same kind of unit")


def band_intervals(ind: ast.Indicator, tier: str | None = None) -> list[tuple[ast.Band, Interval]]:
    """The bands as intervals of the indicator's value (of one tier, if given: its text)."""
    out = []
    for b in ind.rules_of(ast.Band):
        iv = interval_of(b.test, ind.id)
        if isinstance(iv, Interval) and (tier is None or tier_text(b.when) == tier):
            out.append((b, iv))
    return out


def tier_text(when: ast.Compare | None) -> str:
    """A tier as written (``200000 <= energy_consumed < 1000000``); "" for an untiered band."""
    return "" if when is None else cond_text(when)


def tiers(ind: ast.Indicator) -> list[str]:
    """The tiers of an indicator's bands, in file order ("" for untiered bands)."""
    return list(dict.fromkeys(tier_text(b.when) for b in ind.rules_of(ast.Band)))


def tier_intervals(ind: ast.Indicator) -> list[tuple[ast.Band | ast.NoThreshold, Interval]]:
    """Each tier once, as an interval of its figure: the first band (or no-threshold rule) that names it."""
    out: list[tuple[ast.Band | ast.NoThreshold, Interval]] = []
    seen: set[str] = set()
    for r in ind.rules:
        if isinstance(r, (ast.Band, ast.NoThreshold)) and r.when is not None and tier_text(r.when) not in seen:
            seen.add(tier_text(r.when))
            ref = next((o.name for o in r.when.operands if isinstance(o, ast.Ref)), "")
            iv = interval_of(r.when, ref)
            if isinstance(iv, Interval):
                out.append((r, iv))
    return out


def _bound(band: ast.Band, value: Decimal | None) -> ast.Num | None:
    """The number of a band's comparison that is the bound ``value``, as written."""
    return next((o for o in band.test.operands if isinstance(o, ast.Num) and o.value == value), None)


def _move(band: ast.Band, old: Decimal | None, new: ast.Num | None, title: str) -> tuple[Fix, ...]:
    """The one-click fix that moves a band's bound ``old`` to the number ``new`` of another band."""
    num = _bound(band, old)
    if num is None or new is None:
        return ()
    return (Fix(title, (Edit(num.span, new.text),)),)


def _gap_diagnostic(ind: ast.Indicator, where: str, gap: Interval, bands: list[tuple[ast.Band, Interval]]) -> Diagnostic:
    """A gap between bands, at the band a moved bound most likely left behind (the one starting
    where the gap ends, else the one ending where it starts), with the bounds that would close it
    and the edits that move them."""
    lo, hi = gap.lo, gap.hi
    after = next((b for b, iv in bands if hi is not None and iv.lo == hi), None)
    before = next((b for b, iv in bands if lo is not None and iv.hi == lo), None)
    hint = "add a band (often the 0-point row of the table)"
    fixes: tuple[Fix, ...] = ()
    related: tuple[Related, ...] = ()
    if after is not None and lo is not None and hi is not None:
        fixes += _move(after, hi, _bound(before, lo) if before else None, f"start the band at line {after.span.line} at {plain(lo)}")
    if before is not None and lo is not None and hi is not None:
        fixes += _move(before, lo, _bound(after, hi) if after else None, f"end the band at line {before.span.line} at {plain(hi)}")
    if after is not None and before is not None and lo is not None and hi is not None:
        hint = (f"the band at line {before.span.line} ends at {plain(lo)} and this one starts at {plain(hi)}: "
                f"move one bound to meet the other, or add a band for {gap}")
        related = (Related(before.span, f"the band before the gap ends at {plain(lo)}"),)
    elif after is not None and lo is not None and hi is not None:
        hint = f"this band starts at {plain(hi)}: start it at {plain(lo)}, or add a band for {gap}"
    elif before is not None and lo is not None and hi is not None:
        hint = f"this band ends at {plain(lo)}: end it at {plain(hi)}, or add a band for {gap}"
    near = after or before
    return Diagnostic("E302", f"no band of '{ind.id}'{where} covers {gap}", near.span if near is not None else ind.span, hint,
                      related, fixes)


def _overlap_diagnostic(ind: ast.Indicator, where: str, common: Interval, b1: ast.Band, iv1: Interval, b2: ast.Band,
                        iv2: Interval) -> Diagnostic:
    """Two bands that overlap, at the later one, with the edits that make one end where the other starts."""
    fixes: tuple[Fix, ...] = ()
    if iv2.lo is not None and iv1.hi is not None and common.lo == iv2.lo and common.hi == iv1.hi:  # b2 starts inside b1
        fixes = (_move(b2, iv2.lo, _bound(b1, iv1.hi), f"start the band at line {b2.span.line} at {plain(iv1.hi)}")
                 + _move(b1, iv1.hi, _bound(b2, iv2.lo), f"end the band at line {b1.span.line} at {plain(iv2.lo)}"))
    elif iv1.lo is not None and iv2.hi is not None and common.lo == iv1.lo and common.hi == iv2.hi:  # b2 ends inside b1
        fixes = (_move(b2, iv2.hi, _bound(b1, iv1.lo), f"end the band at line {b2.span.line} at {plain(iv1.lo)}")
                 + _move(b1, iv1.lo, _bound(b2, iv2.hi), f"start the band at line {b1.span.line} at {plain(iv2.hi)}"))
    return Diagnostic("E301", f"bands of '{ind.id}'{where} overlap on {common}: a value there matches line {b1.span.line} and line {b2.span.line}",
                      b2.span, f"the band at line {b1.span.line} is {iv1}; this one is {iv2}",
                      (Related(b1.span, f"the other band: {iv1}"),), fixes)


def check_bands(std: ast.Standard) -> Iterator[Diagnostic]:
    """Bands are proper intervals that neither overlap nor leave gaps: every value gets exactly one band."""
    for ind in std.indicators:
        for b in ind.rules_of(ast.Band):
            iv = interval_of(b.test, ind.id)
            if isinstance(iv, str) and all(o.name == ind.id for o in b.test.operands if isinstance(o, ast.Ref)):
                yield Diagnostic("E303", iv, b.test.span)
        for tier in tiers(ind):
            bands = band_intervals(ind, tier)
            where = f" in the tier {tier}" if tier else ""
            for i, (b1, iv1) in enumerate(bands):
                for b2, iv2 in bands[i + 1 :]:
                    common = iv1.intersect(iv2)
                    if common is not None:
                        yield _overlap_diagnostic(ind, where, common, b1, iv1, b2, iv2)
            if bands:
                for gap in gaps([iv for _, iv in bands]):
                    yield _gap_diagnostic(ind, where, gap, bands)
        if "" in tiers(ind) and len(tiers(ind)) > 1:
            yield Diagnostic("E304", f"'{ind.id}' mixes tiered and untiered bands", ind.span, "give every band a tier: when …")
        ts = tier_intervals(ind)
        for i, (r1, iv1) in enumerate(ts):
            for r2, iv2 in ts[i + 1:]:
                common = iv1.intersect(iv2)
                if common is not None:
                    yield Diagnostic("E304", f"tiers of '{ind.id}' overlap on {common}: a park there is in the tiers of line {r1.span.line} and "
                                     f"line {r2.span.line}", r2.span, "tiers split the parks: each park falls in one")
        for gap in gaps([iv for _, iv in ts]) if ts else []:
            if gap.hi is None or gap.hi > 0:  # figures are >= 0: a gap below 0 is no park
                yield Diagnostic("E304", f"no tier of '{ind.id}' covers parks with {gap}", ind.span,
                                 'add the tier, or say the source sets none: no threshold when … "why"')


def best_points(ind: ast.Indicator) -> Decimal:
    """The most points the indicator's rules can award."""
    candidates = [r.points for r in ind.rules if isinstance(r, (ast.Band, ast.Level, ast.Exempt, ast.Trend))]
    candidates += [c.cap if not c.deduct else (ind.max_points or Decimal(0)) for c in ind.rules_of(ast.Count)]
    return max(candidates, default=Decimal(0))


def check_points(std: ast.Standard) -> Iterator[Diagnostic]:
    """Maxima are checked, not trusted: rules vs indicator, indicators vs category, categories vs
    total (or, in a weighted standard, weights vs 100%)."""
    weighted = [c for c in std.categories if c.weight is not None]
    for ind in std.indicators:
        if ind.max_points is None:
            continue
        for r in ind.rules:
            pts = r.cap if isinstance(r, ast.Count) else getattr(r, "points", None)
            if pts is not None and pts > ind.max_points:
                yield Diagnostic("E401", f"this rule awards {pts} points, more than the maximum {ind.max_points} of '{ind.id}'", r.span)
        best = best_points(ind)
        scoring = [r for r in ind.rules if isinstance(r, (ast.Band, ast.Level, ast.Count, ast.Trend))]
        if scoring and best < ind.max_points:
            yield Diagnostic(
                "E402", f"'{ind.id}' declares max {ind.max_points} but its best rule awards {best}", ind.span,
                "a wrong maximum, or a missing top band",
            )
    for cat in std.categories:
        total = sum((i.max_points or Decimal(0) for i in cat.indicators), Decimal(0))
        if cat.max_points is not None and total != cat.max_points:
            listing = " + ".join(f"{i.max_points}" for i in cat.indicators)
            yield Diagnostic(
                "E403", f"category '{cat.id}' declares max {cat.max_points} but its indicators add up to {total}", cat.span, f"{listing} = {total}"
            )
    total = sum((c.max_points or Decimal(0) for c in std.categories if not c.bonus), Decimal(0))  # 加分项 come on top
    if std.header.total is not None and total != std.header.total and not weighted:
        listing = " + ".join(f"{c.id} {c.max_points}" for c in std.categories)
        yield Diagnostic("E404", f"the header declares total {std.header.total} but the categories add up to {total}",
                         field_span(std.header, "total"), listing)
    if weighted and len(weighted) != len(std.categories):
        for c in std.categories:
            if c.weight is None:
                yield Diagnostic("E407", f"category '{c.id}' has no weight, but others have", c.span, "give every category a weight, or none")
    elif weighted:
        wsum = sum((c.weight for c in weighted if c.weight is not None), Decimal(0))
        if wsum != 100:
            listing = " + ".join(f"{c.id} {c.weight}%" for c in weighted)
            yield Diagnostic("E408", f"category weights add up to {wsum}%, not 100%", weighted[0].span, listing)
    if std.header.pass_mark is not None and std.header.total is not None and std.header.pass_mark > std.header.total:
        yield Diagnostic("E406", f"pass mark {std.header.pass_mark} is above the total {std.header.total}", field_span(std.header, "pass"))


def check_groups(std: ast.Standard) -> Iterator[Diagnostic]:
    """k of n asks no more than n; grades test the total, in intervals that do not overlap."""
    for cat in std.categories:
        if cat.at_least is not None and not 1 <= cat.at_least <= len(cat.indicators):
            yield Diagnostic("E410", f"category '{cat.id}' asks at least {cat.at_least} of {len(cat.indicators)} indicators", cat.span,
                             f"k of n needs 1 <= k <= {len(cat.indicators)}")
    names = [g.name for g in std.header.grades]
    for ind in std.indicators:
        if isinstance(ind.veto, str) and ind.veto not in names:
            yield Diagnostic("E110", f"'{ind.id}' vetoes to grade '{ind.veto}', which the header does not declare", ind.span,
                             did_you_mean(ind.veto, names) or ("grades: " + ", ".join(names) if names else "declare grades: grade A \"…\" total < 60"))
    grades: list[tuple[ast.Grade, Interval]] = []
    for g in std.header.grades:
        iv = interval_of(g.test, "total")
        if isinstance(iv, str):
            yield Diagnostic("E303", f"grade {g.name}: {iv}", g.test.span, "write: grade A \"…\" total < 60")
            continue
        for other, oiv in grades:
            common = iv.intersect(oiv)
            if common is not None:
                yield Diagnostic("E305", f"grades {other.name} and {g.name} overlap on {common}", g.span, "a total has one grade")
        grades.append((g, iv))


PASSES: tuple[Pass, ...] = (check_header, check_names, check_references, check_kinds, check_units, check_bands, check_points, check_groups)


def check(std: ast.Standard, passes: tuple[Pass, ...] = PASSES) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for p in passes:
        out.extend(p(std))
    return out


__all__ = ["PASSES", "check"]
