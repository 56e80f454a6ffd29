"""The linter: every check pass plus the table-level findings a committee wants before publishing.

Lint codes (the check codes E3xx/E4xx/E2xx also appear here; see README, "Lint codes"):
  L101  points do not grow in the direction of "better" (or against the table 1 requirement)
  L102  a share (unit %) whose formula does not multiply by 100
  L103  an input in % without a range (a share above 100 % would be accepted)
  L201  table 1's summary requirement (指标要求) disagrees with the lowest scoring band
  L301  a rule that can never fire (covered by the bands before it, or only negative values)
  L401  an input that nothing reads
  L501  an identifier mixing scripts, or a look-alike of another identifier
"""
from __future__ import annotations

import unicodedata
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from . import ast
from .check import PASSES, Pass, band_intervals, tiers, window
from .diagnostics import Diagnostic, Edit, Fix
from .intervals import Interval, gaps, interval_of
from .load import installed, versions_of
from .printer import expr_text


def _warn(code: str, message: str, span: ast.Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, message, span, hint)


def _ordered(ind: ast.Indicator, tier: str) -> list[tuple[ast.Band, Interval]]:
    """Bands of one tier from the lowest values to the highest."""
    return sorted(band_intervals(ind, tier), key=lambda bi: (bi[1].lo is not None, bi[1].lo or Decimal(0)))


def _tiered(std: ast.Standard) -> Iterator[tuple[ast.Indicator, str]]:
    """Every indicator with each tier of its bands ("" for untiered bands)."""
    for ind in std.indicators:
        for tier in tiers(ind):
            yield ind, tier


def lint_monotonic(std: ast.Standard) -> Iterator[Diagnostic]:
    for ind, tier in _tiered(std):
        bands = _ordered(ind, tier)
        if len(bands) < 2:
            continue
        pts = [b.points for b, _ in bands]
        rising = all(x <= y for x, y in zip(pts, pts[1:]))
        falling = all(x >= y for x, y in zip(pts, pts[1:]))
        req = ind.requirement
        want = None if req is None else ("rising" if req.op in (">", ">=") else "falling")
        if not (rising or falling):
            b = next(b2 for (b1, _), (b2, _) in zip(bands, bands[1:]) if not (b1.points <= b2.points if pts[-1] >= pts[0] else b1.points >= b2.points))
            yield _warn("L101", f"points of '{ind.id}' do not grow in one direction: {' / '.join(str(p) for p in pts)} from low to high values", b.span,
                        "better values should never score fewer points")
        elif req is not None and (want == "rising" and not rising or want == "falling" and not falling):
            yield _warn("L101", f"points of '{ind.id}' {'fall' if want == 'rising' else 'rise'} as the value grows, but table 1 requires {req.op} {req.value}",
                        ind.span, "the bands or the requirement point the wrong way")


def lint_percent(std: ast.Standard) -> Iterator[Diagnostic]:
    for ind in std.indicators:
        if ind.unit and ("%", 1) in ind.unit.factors and ind.formula:
            text = expr_text(ind.formula.expr)
            if "* 100" not in text and "100 *" not in text:
                yield _warn("L102", f"'{ind.id}' is a share in % but its formula does not multiply by 100", ind.formula.span,
                            f"write: {ind.id} = {text} * 100")


def lint_percent_range(std: ast.Standard) -> Iterator[Diagnostic]:
    for inp in std.inputs:
        if inp.unit is not None and inp.unit.factors == (("%", 1),) and inp.range is None and inp.kind is ast.InputKind.NUMBER:
            u = inp.unit.span
            at = ast.Span(u.file, u.end_line, u.end_col, u.end_line, u.end_col)
            yield Diagnostic("L103", f"'{inp.id}' is a share in % with no range: a park reporting 250 % would be accepted", u,
                             f"write: input {inp.id} : % range 0..100", fixes=(Fix("add range 0..100", (Edit(at, " range 0..100"),)),))


def _scoring_set(ind: ast.Indicator, tier: str) -> list[Interval]:
    return [iv for b, iv in band_intervals(ind, tier) if b.points > 0]


def lint_requirement(std: ast.Standard) -> Iterator[Diagnostic]:
    """Table 1's 指标要求 is where points start: it must be the edge of the lowest scoring band."""
    for ind, tier in _tiered(std):
        req = ind.requirement
        if req is None or ind.kind != "band" or tier:  # table 1's requirement is one threshold: not for tiered bands
            continue
        scoring = _scoring_set(ind, tier)
        if not scoring:
            continue
        if req.op in (">", ">="):
            edge = min((iv.lo for iv in scoring if iv.lo is not None), default=None)
            incl = any(iv.lo == edge and iv.lo_incl for iv in scoring)
            ok = edge == req.value and incl == (req.op == ">=")
            found = f"{'>=' if incl else '>'} {edge}"
        else:
            edge = max((iv.hi for iv in scoring if iv.hi is not None), default=None)
            incl = any(iv.hi == edge and iv.hi_incl for iv in scoring)
            ok = edge == req.value and incl == (req.op == "<=")
            found = f"{'<=' if incl else '<'} {edge}"
        if not ok:
            yield _warn("L201", f"table 1 requires {req.op} {req.value} for '{ind.id}', but its bands start scoring at {found}",
                        req.span, "one of the two tables is wrong")


def lint_unreachable(std: ast.Standard) -> Iterator[Diagnostic]:
    for ind, tier in _tiered(std):
        seen: list[Interval] = []
        for b, iv in band_intervals(ind, tier):
            if iv.hi is not None and (iv.hi < 0 or (iv.hi == 0 and not iv.hi_incl)):
                yield _warn("L301", f"this band of '{ind.id}' only holds for negative values, which figures never take", b.span)
            elif seen and iv.covered_by(seen):
                yield _warn("L301", f"this band of '{ind.id}' can never fire: the bands before it cover {iv}", b.span,
                            "bands are tried in file order and the first match wins")
            seen.append(iv)


def lint_unused_inputs(std: ast.Standard) -> Iterator[Diagnostic]:
    used = {name for ind in std.indicators for name in ind.reads}
    for i in std.inputs:
        if i.id not in used:
            yield _warn("L401", f"input '{i.id}' is declared but nothing reads it", i.span, "remove it, or use it in a formula or condition")


# Letters of Cyrillic and Greek that look like Latin ones (the usual suspects of a look-alike id).
_CONFUSABLE = str.maketrans("аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅαεορτυνκιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                            "aeopcyxijsdqwABEKMHOPCTXIJSaeoptuvkiABEZHIKMNOPTYX")


def _scripts(ident: str) -> set[str]:
    """The scripts of an identifier's letters (LATIN, CYRILLIC, GREEK, CJK, …)."""
    return {unicodedata.name(c, "?").split()[0] for c in ident if c.isalpha()}


def lint_confusables(std: ast.Standard) -> Iterator[Diagnostic]:
    """Ids are the keys of park data: one that mixes Latin with Cyrillic or Greek letters, or that
    looks like another id, is a key nobody can type or tell apart."""
    decls: list[ast.InputDecl | ast.Indicator | ast.Gate | ast.Category] = [*std.inputs, *std.categories, *std.indicators, *std.gates]
    seen: dict[str, str] = {}
    for d in decls:
        mixed = _scripts(d.id) & {"LATIN", "CYRILLIC", "GREEK"}
        skeleton = d.id.translate(_CONFUSABLE)
        if len(mixed) > 1:
            odd = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in d.id if c.translate(_CONFUSABLE) != c)
            yield _warn("L501", f"id '{d.id}' mixes {' and '.join(sorted(mixed)).lower()} letters: {odd}", d.span,
                        f"write it in one script: {skeleton}")
        elif skeleton in seen and seen[skeleton] != d.id:
            yield _warn("L501", f"id '{d.id}' looks like '{seen[skeleton]}'", d.span, "rename one of them")
        seen.setdefault(skeleton, d.id)


def lint_grades(std: ast.Standard) -> Iterator[Diagnostic]:
    """Grades cover every total a park can reach (0 to the total, with 加分项) and each can be reached."""
    if not std.header.grades:
        return
    reach = Interval(Decimal(0), True, std.max_total + sum((c.maximum for c in std.categories if c.bonus), Decimal(0)), True)
    ivs = []
    for g in std.header.grades:
        iv = interval_of(g.test, "total")
        if not isinstance(iv, Interval):
            continue
        ivs.append(iv)
        if iv.intersect(reach) is None:
            yield _warn("L302", f"grade {g.name} can never be given: no total in {reach} lies in {iv}", g.span)
    for gap in gaps(ivs):
        common = gap.intersect(reach)
        if common is not None:
            yield _warn("L302", f"a total in {common} gets no grade", std.header.span, "add a grade, or widen a neighbour")


LINT_PASSES: tuple[Pass, ...] = PASSES + (lint_monotonic, lint_percent, lint_percent_range, lint_requirement, lint_unreachable, lint_unused_inputs,
                                          lint_confusables, lint_grades)


def lint(std: ast.Standard) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for p in LINT_PASSES:
        out.extend(p(std))
    return out


def is_family(ref: str) -> bool:
    """Is ``ref`` a family (an installed one named without a version, or a directory of versions)?"""
    p = Path(ref)
    if "@" not in ref and ref in installed():
        return True
    return p.is_dir() and not any(p.glob("*.pks")) and any(any(d.glob("*.pks")) for d in p.iterdir() if d.is_dir())


def lint_windows(family: str) -> list[Diagnostic]:
    """The effective windows of a family's versions: none may overlap, none may leave days
    uncovered between them, and a family that dates some versions dates them all (L601)."""
    found = versions_of(family)
    dated = [(ref, h, w) for ref, h in found if (w := window(h)) is not None]
    out = [_warn("L601", f"{ref} states no effective date, while other versions of the family do", h.span,
                 'add: effective "YYYY-MM-DD"') for ref, h in found if window(h) is None] if dated else []
    dated.sort(key=lambda x: x[2][0])
    for (ra, _, (sa, ea)), (rb, hb, (sb, _)) in zip(dated, dated[1:]):
        if ea is None or ea >= sb:
            out.append(_warn("L601", f"{ra} ({sa} to {ea or 'no end'}) and {rb} (from {sb}) are both in force from {sb}",
                             hb.span, f"give {ra} an until before {sb}"))
        elif ea + timedelta(days=1) < sb:
            out.append(_warn("L601", f"no version of the family is in force from {ea + timedelta(days=1)} to {sb - timedelta(days=1)}",
                             hb.span, f"{ra} ends {ea}; {rb} starts {sb}"))
    return out
