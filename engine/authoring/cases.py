"""Test cases for standards authors: the cases a committee agrees on, kept as YAML beside the rules
(``standards/<family>/<version>/tests/*.yaml``) or anywhere, run against every edit of a draft.

    standard: cpcif-green-park@2020       # optional when the file sits in a version's tests/
    cases:
      - name: COD intensity exactly on the 3-point edge (表16)
        data: {COD_emitted: 500 t, industrial_output: 10000000 万元}   # or park: ../../examples/p.yaml
        expect:
          indicators:
            COD_intensity: 3                        # points, by id or clause
            "7.18": {status: no_data}               # or points, status, rule (a text of the deciding rule), line
          gates: {"4(1)": no_data}
          total: 3
          eligible: false

A case fails when any expectation differs; the failure shows expected and actual values and
the explain lines of the indicator. Coverage: every band, level, exemption, guard, count (below
and at its cap), trend (met and not met) and gate (pass and fail) of a standard, and whether some
case made it decide.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from parkscore.dsl import ast
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, read_text
from parkscore.dsl.intervals import Interval, interval_of
from parkscore.dsl.load import installed_root
from parkscore.dsl.printer import cond_text
from parkscore.dsl.span import Span
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import ParkData, describe
from parkscore.engine.scoring.scorecard import GateStatus, IndicatorResult, Scorecard, Status
from parkscore.engine.scoring.yamlread import Marked, compose

TESTS_DIR = "tests"


@dataclass(frozen=True)
class Expectation:
    what: str  # "total", "eligible", "indicator 7.17 points", "gate 4(1)"
    subject: str  # indicator or gate key; "" for total and eligible
    field: str  # points | status | rule | total | eligible | gate
    value: Any
    span: Span


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    span: Span
    standard: str | None
    park: ParkData
    expectations: tuple[Expectation, ...]

    @property
    def subjects(self) -> set[str]:
        return {e.subject for e in self.expectations if e.subject}


@dataclass
class Outcome:
    case: Case
    card: Scorecard | None
    failures: list[tuple[Expectation, Any]] = field(default_factory=list)  # (expected, actual)
    errors: list[Diagnostic] = field(default_factory=list)  # the case's data did not check

    @property
    def passed(self) -> bool:
        return not self.failures and not self.errors


def load_cases(path: str | Path) -> tuple[list[Case], list[Diagnostic], SourceMap]:
    """The cases of a test file, and what is wrong with it (each with its position)."""
    name = str(path)
    text = read_text(path, "D100")
    sources = SourceMap()
    sources.add(name, text)
    root, diags = compose(text, name)
    if root is None or not isinstance(root.value, dict) or not isinstance(root.value.get("cases"), Marked) \
            or not isinstance(root.value["cases"].value, list):
        where = root.span if root is not None else Span(name, 1, 1, 1, 1)
        return [], diags + [Diagnostic("D190", "a test file is a mapping with a list of 'cases'", where,
                                       "cases:\n  - name: ...\n    data: {...}\n    expect: {total: ...}")], sources
    top = root.value
    standard = _text(top.get("standard")) or _standard_of_dir(Path(path))
    cases: list[Case] = []
    for m in top["cases"].value:
        case, problems = _case(m, name, standard, Path(path).parent)
        diags += problems
        if case is not None:
            cases.append(case)
    return cases, diags, sources


def _text(m: Marked | None) -> str | None:
    return None if m is None or m.value is None else str(m.value)


def _standard_of_dir(path: Path) -> str | None:
    """A test file in <version directory>/tests/ is about that version: an installed one by its
    ``family@version``, another by its directory."""
    parent = path.resolve().parent
    if parent.name != TESTS_DIR or not any(parent.parent.glob("*.pks")):
        return None
    version = parent.parent
    if version.parent.parent == installed_root().resolve():
        return f"{version.parent.name}@{version.name}"
    return str(version)


def _case(m: Marked, file: str, standard: str | None, base: Path) -> tuple[Case | None, list[Diagnostic]]:
    if not isinstance(m.value, dict):
        return None, [Diagnostic("D190", "a case is a mapping with name, data (or park) and expect", m.span)]
    c: dict[str, Marked] = m.value
    problems = [Diagnostic("D190", f"unknown field '{k}' of a case", v.key_span, "fields: name, standard, data, park, expect")
                for k, v in c.items() if k not in ("name", "standard", "data", "park", "expect")]
    name = _text(c.get("name")) or f"case at line {m.span.line}"
    std = _text(c.get("standard")) or standard
    if std is None:
        problems.append(Diagnostic("D190", f"case '{name}' names no standard", m.span,
                                   "add 'standard: family@version' to the case or the file, or keep the file in the version's tests/"))
    park: ParkData | None = None
    if "park" in c:
        from parkscore.engine.scoring.data import load_park

        try:
            park = load_park(base / str(c["park"].value))
        except DiagnosticError as exc:
            problems += exc.diagnostics
    elif "data" in c and isinstance(c["data"].value, dict):
        park = ParkData(name, None, True, None, file, {k: (v.value, v.span, v.key_span) for k, v in c["data"].value.items()})
    else:
        problems.append(Diagnostic("D190", f"case '{name}' has no 'data' mapping or 'park' file", m.span))
    expectations, more = _expectations(c.get("expect"), m.span)
    problems += more
    if problems or park is None or std is None:
        return None, problems
    return Case(name, file, m.span, std, park, tuple(expectations)), []


def _expectations(m: Marked | None, where: Span) -> tuple[list[Expectation], list[Diagnostic]]:
    if m is None or not isinstance(m.value, dict) or not m.value:
        return [], [Diagnostic("D190", "a case needs 'expect' with total, eligible, grade, indicators or gates", m.span if m else where)]
    out: list[Expectation] = []
    problems: list[Diagnostic] = []
    for key, v in m.value.items():
        if key in ("total", "eligible", "grade"):
            out.append(Expectation(key, "", key, v.value, v.span))
        elif key == "indicators" and isinstance(v.value, dict):
            for ind, spec in v.value.items():
                if isinstance(spec.value, dict):
                    for f, x in spec.value.items():
                        if f not in ("points", "status", "rule", "line"):
                            problems.append(Diagnostic("D190", f"unknown expectation '{f}'", x.key_span, "points, status, rule or line"))
                            continue
                        out.append(Expectation(f"indicator {ind} {f}", ind, f, x.value, x.span))
                else:
                    out.append(Expectation(f"indicator {ind} points", ind, "points", spec.value, spec.span))
        elif key == "gates" and isinstance(v.value, dict):
            for g, spec in v.value.items():
                out.append(Expectation(f"gate {g}", g, "gate", spec.value, spec.span))
        else:
            problems.append(Diagnostic("D190", f"unknown expectation '{key}'", v.key_span, "total, eligible, grade, indicators, gates"))
    return out, problems


def check_case(case: Case, card: Scorecard) -> list[tuple[Expectation, Any]]:
    """The expectations the scorecard does not meet, each with the actual value."""
    failures: list[tuple[Expectation, Any]] = []
    for e in case.expectations:
        actual = _actual(e, card)
        if not _same(e.value, actual, e.field):
            failures.append((e, actual))
    return failures


def _actual(e: Expectation, card: Scorecard) -> Any:
    try:
        if e.field == "total":
            return card.total
        if e.field == "eligible":
            return card.eligible
        if e.field == "grade":
            return card.grade
        if e.field == "gate":
            return card.gate(e.subject).status
        r = card.indicator(e.subject)
    except KeyError:
        return "(not in the standard)"
    if e.field == "points":
        return r.points
    if e.field == "status":
        return r.status
    if e.field == "line":
        return r.rule.line if r.rule else None
    return r.rule.text if r.rule else None


def _same(expected: Any, actual: Any, fld: str) -> bool:
    if fld in ("points", "total"):
        try:
            return isinstance(actual, Decimal) and Decimal(str(expected)) == actual
        except ArithmeticError:
            return False
    if fld == "rule":
        return actual is not None and str(expected).strip() in actual
    if fld == "eligible":
        return expected is actual
    if fld == "line":
        return str(expected) == str(actual)
    return str(expected) == str(actual)


def shown(v: Any) -> str:
    return describe(v) if not isinstance(v, (Decimal, Status, GateStatus)) else str(v)


# ---- coverage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """Something a case can make decide: a rule (and an outcome of it) or a gate's status."""

    key: tuple[str, int, int, str]  # file, line, col, outcome
    what: str  # "band", "level", "exempt", "guard", "count below cap", "trend met", "gate pass", …
    text: str

    @property
    def where(self) -> str:
        return f"{self.key[0]}:{self.key[1]}"


def coverage_items(cs: CompiledStandard) -> list[Item]:
    items: list[Item] = []

    def add(span: Span, outcome: str, what: str, text: str) -> None:
        items.append(Item((span.file, span.line, span.col, outcome), what, text))

    for ci in cs.indicators:
        ind = ci.ind
        for r in ind.rules:
            text = f"{ind.clause} {ind.id}: {cs.sources.line(r.span.file, r.span.line).strip()}"
            if isinstance(r, (ast.Band, ast.Level)):
                add(r.span, "", type(r).__name__.lower(), text)
            elif isinstance(r, ast.Exempt):
                add(r.span, "", "exemption", text)
            elif isinstance(r, ast.Excuse):
                add(r.span, "", "excuse", text)
            elif isinstance(r, ast.NoThreshold):
                add(r.span, "", "tier without a threshold", text)
            elif isinstance(r, ast.Require):
                add(r.span, "", "guard (not met)", text)
            elif isinstance(r, ast.Count):
                add(r.span, "below", "count below its cap", text)
                add(r.span, "cap", "count at its cap", text)
            elif isinstance(r, ast.Trend):
                add(r.span, "met", "trend met", text)
                if r is ind.rules_of(ast.Trend)[0]:  # alternatives: "none met" is decided at the first
                    add(r.span, "not", "trend not met" if len(ind.rules_of(ast.Trend)) == 1 else "no trend met", text)
    for g in cs.std.gates:
        for status in ("pass", "fail"):
            add(g.span, status, f"gate {status}", f"{g.clause} {g.id}")
    return items


def covered_by(card: Scorecard, cs: CompiledStandard) -> set[tuple[str, int, int, str]]:
    """The coverage items a scorecard exercises: the rule that decided each indicator (with its
    outcome for counts and trends) and each gate's status."""
    hit: set[tuple[str, int, int, str]] = set()
    for ci, r in zip(cs.indicators, card.indicators):
        if r.rule is None or r.status is Status.NO_DATA:
            continue
        outcome = ""
        if ci.count is not None and (r.rule.line, r.rule.col) == (ci.count.ref.line, ci.count.ref.col):
            outcome = "cap" if r.points >= ci.count.cap else "below"
        elif any((r.rule.line, r.rule.col) == (t.ref.line, t.ref.col) for t in ci.trends):
            outcome = "met" if r.points > 0 else "not"
        hit.add((r.rule.file, r.rule.line, r.rule.col, outcome))
    for g in card.gates:
        if g.status is not GateStatus.NO_DATA:
            hit.add((g.rule.file, g.rule.line, g.rule.col, str(g.status)))
    return hit


def indicator_line(r: IndicatorResult) -> str:
    where = f" [{r.rule.file}:{r.rule.line}]" if r.rule else ""
    return f"{r.clause} {r.id}: {r.status}, {r.points} / {r.max_points} points ({r.outcome}){where}"


# ---- generated cases -------------------------------------------------------------------------


def _in_tier(cs: CompiledStandard, when: ast.Compare) -> tuple[tuple[str, str], ...]:
    """The tier figure (in its unit) of a park inside the tier ``when``: its nearest value to 0."""
    ref = next(o.name for o in when.operands if isinstance(o, ast.Ref))
    iv = interval_of(when, ref)
    assert isinstance(iv, Interval), "tiers of a checked standard are intervals"
    v = iv.nearest(Decimal(0))
    unit = cs.std.data_keys[ref].unit
    return ((ref, f"{v} {unit}" if unit else str(v)),)


def _facts_for(cond: ast.Cond, want: bool) -> dict[str, Any] | None:
    """Yes/no facts that make a simple condition (a name, not, and, or) come out as ``want``."""
    if isinstance(cond, ast.CondRef):
        return {cond.name: want}
    if isinstance(cond, ast.Not):
        return _facts_for(cond.operand, not want)
    if isinstance(cond, ast.BoolOp):
        parts = [_facts_for(o, want) for o in cond.operands]
        if any(p is None for p in parts):
            return None
        if (cond.op == "and") == want:  # every operand must come out as want
            return {k: v for p in parts if p for k, v in p.items()}
        return parts[0]
    return None


def generated_cases(cs: CompiledStandard) -> list[dict[str, Any]]:
    """Cases for every rule and gate: each band on its bounds, a step inside and outside; each
    level; counts below, at and over the cap; exemptions and guards on and off; trends met and
    not met; gates pass, fail and no data. Data is minimal; expectations are left to the engine."""
    cases: list[dict[str, Any]] = []
    for ci in cs.indicators:
        ind = ci.ind
        base: dict[str, Any] = {}
        for r in ind.rules_of(ast.Require):
            base.update(_facts_for(r.cond, True) or {})
        for ex in ind.rules_of(ast.Exempt):
            base.update(_facts_for(ex.cond, False) or {})
        label = f"{ind.clause} {ind.id}"
        if ind.kind is ast.IndicatorKind.BAND:
            values: list[tuple[Decimal, tuple[tuple[str, str], ...]]] = []  # a value and the tier figure that puts the park in the band's tier
            for nt in ind.rules_of(ast.NoThreshold):
                cases.append({"name": f"{label}: no threshold when {cond_text(nt.when)}",
                              "data": {**base, ind.id: f"1 {ind.unit}", **dict(_in_tier(cs, nt.when))}})
            for b, band in zip(ci.bands, ind.rules_of(ast.Band)):
                tier = _in_tier(cs, band.when) if band.when is not None else ()
                iv = b.interval
                for bound in (iv.lo, iv.hi):
                    if bound is None:
                        continue
                    inside = iv.nearest(bound)
                    step = abs(inside - bound) or Decimal(1).scaleb(min(int(bound.as_tuple().exponent), 0) - 2)
                    values += [(inside, tier), (inside + step if iv.contains(inside + step) else inside - step, tier)]
                if iv.lo is None and iv.hi is not None:
                    values.append((iv.hi / 2, tier))
                if iv.hi is None and iv.lo is not None:
                    values.append((iv.lo * 2 + 1, tier))
            lo, hi = (ind.range.lo, ind.range.hi) if ind.range else (Decimal(0), None)
            for v, tier in sorted({(v, t) for v, t in values if v >= lo and (hi is None or v <= hi)}):
                where = f" ({', '.join(f'{k} = {x}' for k, x in tier)})" if tier else ""
                cases.append({"name": f"{label} = {v} {ind.unit}{where}", "data": {**base, ind.id: f"{v} {ind.unit}", **dict(tier)}})
            for r in ind.rules_of(ast.Require):
                off = _facts_for(r.cond, False)
                if off and ci.bands:
                    v = ci.bands[0].interval.nearest(ci.bands[0].interval.lo or Decimal(0))
                    cases.append({"name": f"{label}: guard not met", "data": {**base, **off, ind.id: f"{v} {ind.unit}"}})
        elif ind.kind is ast.IndicatorKind.LEVEL:
            for lv in ind.rules_of(ast.Level):
                cases.append({"name": f"{label}: level {lv.name}", "data": {**base, ind.id: lv.name}})
        elif ind.kind is ast.IndicatorKind.COUNT:
            count = ind.rules_of(ast.Count)[0]
            at_cap = int(-(-count.cap // count.per_item))
            for n in sorted({0, 1, max(at_cap - 1, 0), at_cap, at_cap + 1}):
                cases.append({"name": f"{label}: {n} item(s)", "data": {**base, count.items: [f"项目{i}" for i in range(1, n + 1)]}})
        else:  # trends are alternatives: each met alone, and none met
            def series(trend: ast.Trend, met: bool) -> dict[str, Any]:
                down = trend.direction == "decreasing"
                seq = [Decimal(3), Decimal(2), Decimal(1)] if down == met else [Decimal(1), Decimal(2), Decimal(3)]
                years = {2017 + i: v for i, v in enumerate(seq[: trend.years] + [seq[-1]] * (trend.years - 3))}
                return {trend.series: {"unit": str(cs.std.data_keys[trend.series].unit), "by_year": years}}
            trends = ind.rules_of(ast.Trend)
            for t in trends:
                others = {k: v for o in trends if o is not t for k, v in series(o, False).items()}
                cases.append({"name": f"{label}: {t.series} met" if len(trends) > 1 else f"{label}: met",
                              "data": {**base, **others, **series(t, True)}})
            cases.append({"name": f"{label}: not met", "data": {**base, **{k: v for t in trends for k, v in series(t, False).items()}}})
        for ex in ind.rules_of(ast.Exempt):
            on = _facts_for(ex.cond, True)
            if on:
                cases.append({"name": f"{label}: exemption claimed", "data": {**base, **on}})
        for xc in ind.rules_of(ast.Excuse):
            on = _facts_for(xc.cond, True)
            if on:
                cases.append({"name": f"{label}: excused", "data": {**base, **on}})
    for g in cs.std.gates:
        for value in (True, False):
            cases.append({"name": f"gate {g.clause} {g.id}: {'pass' if value else 'fail'}", "data": {g.id: value}, "gate": g.id})
    return cases
