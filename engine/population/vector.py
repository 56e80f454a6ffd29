"""Stage 4b/5b, checked AST -> array operations: a population scored column by column, exactly.

The same checked standard that ``compile.py`` turns into per-park closures is turned here into
numpy operations over a ``Batch`` (one column per data key). Nothing is a binary float:

* a figure is an integer column with a decimal scale (``0.35`` at scale 2 is ``35``);
* a computed value is a rational per row, ``num / den`` with ``den > 0``: a division multiplies
  out, it never divides, so ``3/60 <= 0.05`` is decided as ``3 * 100 <= 5 * 60``;
* points are integers at the standard's points scale (``1.5`` at scale 1 is ``15``);
* a weighted total is a rational with one constant denominator.

Integers are int64 while every product provably fits (checked on the batch's largest magnitudes
before each operation), otherwise exact Python integers (numpy object arrays): exact always,
fast in the common case. The per-park engine is the reference: a property test compares every
indicator's status, points and value, the total and the verdict on random and band-edge rows.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property, reduce
from math import gcd, lcm
from typing import Any, Callable, Iterable, Mapping

import numpy as np

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind, InputKind
from parkscore.dsl.intervals import Interval
from parkscore.dsl.numbers import exact, rounded
from parkscore.engine.scoring.compile import CompiledIndicator, CompiledStandard
from parkscore.engine.scoring.data import Fact
from parkscore.engine.scoring.evaluate import trend_text
from parkscore.engine.scoring.scorecard import GateStatus, Status, reasons_in_brief

Array = Any  # numpy arrays (int64, object, bool); numpy's typing adds nothing to the checks here
_LIMIT = 1 << 62  # magnitudes below this keep int64 products and sums exact

_CMP = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
SCORED, NO_DATA, UNDEFINED, EXCUSED = 0, 1, 2, 3  # status codes, in the order of ``Status``
STATUS = {SCORED: Status.SCORED, NO_DATA: Status.NO_DATA, UNDEFINED: Status.UNDEFINED, EXCUSED: Status.EXCUSED}


# ---- exact integer arrays -------------------------------------------------------------------


def _magnitude(a: Array | int) -> int:
    if isinstance(a, int):
        return abs(a)
    return max(int(a.max()), -int(a.min())) if len(a) else 0


def _big(a: Array | int) -> Array | int:
    return a if isinstance(a, int) or a.dtype == object else a.astype(object)


def _mul(a: Array | int, b: Array | int, ma: int | None = None, mb: int | None = None) -> Array | int:
    """a * b, exactly; ``ma``, ``mb``: the magnitudes of a and b where already known."""
    if isinstance(b, int) and b == 1:  # (a bound or a scale that cancelled: no pass over the rows)
        return a
    if isinstance(a, int) and a == 1:
        return b
    if (_magnitude(a) if ma is None else ma) * (_magnitude(b) if mb is None else mb) < _LIMIT:
        return a * b
    return _big(a) * _big(b)


def _add(a: Array | int, b: Array | int, sign: int = 1) -> Array | int:
    if _magnitude(a) + _magnitude(b) < _LIMIT:
        return a + sign * b
    return _big(a) + sign * _big(b)


def _ints(values: Iterable[int], n: int) -> Array:
    """Python ints as an int64 array, or an exact object array when one is too large."""
    vals = list(values)
    if all(-_LIMIT < v < _LIMIT for v in vals):
        return np.fromiter(vals, dtype=np.int64, count=n)
    out = np.empty(n, dtype=object)
    out[:] = vals
    return out


def _fraction(d: Decimal) -> tuple[int, int]:
    f = Fraction(d)
    return f.numerator, f.denominator


@dataclass(frozen=True)
class Rational:
    """A value per row: ``num / den`` with ``den > 0``; ``undefined`` rows divided by zero."""

    num: Array | int
    den: Array | int
    undefined: Array | bool = False

    @cached_property
    def magnitudes(self) -> tuple[int, int]:
        """The largest |num| and |den| over the rows (computed once: a value is compared with every band)."""
        return _magnitude(self.num), _magnitude(self.den)

    def compare(self, op: str, other: "Rational") -> Array:
        (mn, md), (on, od) = self.magnitudes, other.magnitudes
        left, right = _mul(self.num, other.den, mn, od), _mul(other.num, self.den, on, md)
        return np.asarray(_CMP[op](left, right), dtype=bool)

    def decimal(self, i: int) -> Decimal:
        """Row ``i`` as the per-park engine shows a value (``numbers.rounded``)."""
        num = self.num if isinstance(self.num, int) else int(self.num[i])
        den = self.den if isinstance(self.den, int) else int(self.den[i])
        digits = len(str(den)) - 1
        if den == 10 ** digits:  # a decimal scale: no division
            return rounded(Decimal(num).scaleb(-digits))
        with exact():
            return rounded(Decimal(num) / Decimal(den))


def constant(d: Decimal) -> Rational:
    num, den = _fraction(d)
    return Rational(num, den)


def _arith(op: str, a: Rational, b: Rational) -> Rational:
    undefined = a.undefined | b.undefined
    if op in "+-":
        if isinstance(a.den, int) and isinstance(b.den, int):
            common = lcm(a.den, b.den)
            return Rational(_add(_mul(a.num, common // a.den), _mul(b.num, common // b.den), 1 if op == "+" else -1), common, undefined)
        return Rational(_add(_mul(a.num, b.den), _mul(b.num, a.den), 1 if op == "+" else -1), _mul(a.den, b.den), undefined)
    if op == "*":
        return Rational(_mul(a.num, b.num), _mul(a.den, b.den), undefined)
    ad, bd = a.den, b.den
    if isinstance(ad, int) and isinstance(bd, int):  # constant factors of the denominators cancel (10**scale / 10**scale)
        g = gcd(ad, bd)
        ad, bd = ad // g, bd // g
    num, den = _mul(a.num, bd), _mul(ad, b.num)
    if isinstance(den, int):
        assert den != 0, "a checked standard never divides by the number 0"
        return Rational(num if den > 0 else -num, abs(den), undefined)
    zero = den == 0
    if len(den) and den.min() >= 0:  # divisors are figures (>= 0) unless they are differences: no sign to move
        return Rational(num, np.where(zero, 1, den), undefined | zero)
    sign = np.where(den < 0, -1, 1)
    den = np.where(zero, 1, den * sign)
    return Rational(num * sign, den, undefined | zero)


# ---- the batch: one column per data key ------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One data key over the rows: values (scaled integers for figures, booleans for yes/no
    facts, counts for item lists, names for levels) and which rows give it."""

    values: Array
    present: Array
    scale: int = 0  # figures: the value is ``values / 10**scale``

    @property
    def rational(self) -> Rational:
        return Rational(self.values, 10 ** self.scale)


@dataclass
class Batch:
    """Rows of park data as columns, in the standard's units (as ``data.resolve`` converts them)."""

    n: int
    columns: dict[str, Column] = field(default_factory=dict)
    series: dict[str, dict[int, Column]] = field(default_factory=dict)  # a figure by year: one column per year

    def column(self, key: str) -> Column | None:
        return self.columns.get(key)

    def take(self, rows: Any) -> "Batch":
        """The rows selected by a slice or an index array (a batch scored in parts keeps each
        part's integers small: one huge figure makes only its part use exact Python integers)."""
        cols = {k: Column(c.values[rows], c.present[rows], c.scale) for k, c in self.columns.items()}
        series = {k: {y: Column(c.values[rows], c.present[rows], c.scale) for y, c in ys.items()} for k, ys in self.series.items()}
        n = len(next(iter(cols.values())).values) if cols else len(range(self.n)[rows])
        return Batch(n, cols, series)

    @classmethod
    def from_facts(cls, cs: CompiledStandard, rows: list[Mapping[str, Fact]]) -> "Batch":
        """Resolved facts (``data.resolve``) of many parks as columns."""
        batch = cls(len(rows))
        for key, dk in cs.std.data_keys.items():
            present = np.fromiter((key in r for r in rows), dtype=bool, count=len(rows))
            if not present.any():
                continue
            got = [r.get(key) for r in rows]
            match dk.kind:
                case InputKind.NUMBER:
                    batch.columns[key] = figures([None if f is None else f.number for f in got])
                case InputKind.BOOL:
                    batch.columns[key] = Column(np.fromiter((bool(f.value) if f else False for f in got), dtype=bool, count=len(rows)), present)
                case InputKind.ITEMS:
                    batch.columns[key] = Column(np.fromiter((len(f.items) if f else 0 for f in got), dtype=np.int64, count=len(rows)), present)
                case InputKind.LEVEL:
                    batch.columns[key] = Column(np.array([str(f.value) if f else "" for f in got], dtype=str), present)
                case InputKind.SERIES:
                    years = sorted({y for f in got if f for y, _ in f.series})
                    by_row = [dict(f.series) if f else {} for f in got]
                    batch.series[key] = {y: figures([s.get(y) for s in by_row]) for y in years}
        return batch


def figures(values: list[Decimal | None]) -> Column:
    """Exact figures (None: not given) as one scaled integer column."""
    scale = max((-e for v in values if v is not None and isinstance(e := v.as_tuple().exponent, int)), default=0)
    scale = max(scale, 0)
    present = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
    return Column(_ints((int(v.scaleb(scale)) if v is not None else 0 for v in values), len(values)), present, scale)


# ---- the compiled form -----------------------------------------------------------------------


Cond3 = tuple[Array, Array]  # (value, known): three-valued logic, as compile_cond


def _vector_expr(e: ast.Expr) -> Callable[[Batch], Rational]:
    if isinstance(e, ast.Num):
        c = constant(e.value)
        return lambda b: c
    if isinstance(e, ast.Ref):
        name = e.name
        return lambda b: _rational(b, name)
    left, right, op = _vector_expr(e.left), _vector_expr(e.right), e.op
    return lambda b: _arith(op, left(b), right(b))


def _rational(b: Batch, name: str) -> Rational:
    col = b.column(name)
    return col.rational if col is not None else Rational(np.zeros(b.n, dtype=np.int64), 1)


def _present(b: Batch, names: Iterable[str]) -> Array:
    out = np.ones(b.n, dtype=bool)
    for n in names:
        col = b.column(n)
        out &= col.present if col is not None else False
    return out


def _vector_cond(c: ast.Cond) -> Callable[[Batch], Cond3]:
    if isinstance(c, ast.CondRef):
        name = c.name

        def flag(b: Batch) -> Cond3:
            col = b.column(name)
            return (col.values, col.present) if col is not None else (np.zeros(b.n, bool), np.zeros(b.n, bool))

        return flag
    if isinstance(c, ast.Not):
        inner = _vector_cond(c.operand)

        def not_(b: Batch) -> Cond3:
            v, k = inner(b)
            return ~v, k

        return not_
    if isinstance(c, ast.BoolOp):
        parts = [_vector_cond(o) for o in c.operands]
        is_or = c.op == "or"

        def bool_op(b: Batch) -> Cond3:
            vals = [p(b) for p in parts]
            all_known = reduce(np.logical_and, (k for _, k in vals))
            if is_or:
                decided = reduce(np.logical_or, (v & k for v, k in vals))
                return decided, decided | all_known
            failed = reduce(np.logical_or, (~v & k for v, k in vals))
            return ~failed & all_known, failed | all_known

        return bool_op
    operands = [constant(o.value) if isinstance(o, ast.Num) else o.name for o in c.operands]
    names = [o for o in operands if isinstance(o, str)]

    def compare(b: Batch) -> Cond3:
        vals = [o if isinstance(o, Rational) else _rational(b, o) for o in operands]
        holds = np.ones(b.n, dtype=bool)
        for i, op in enumerate(c.ops):
            holds &= vals[i].compare(op, vals[i + 1])
        return holds, _present(b, names)

    return compare


_NOT = {"<": ">=", ">=": "<", ">": "<=", "<=": ">"}


def _contains(iv: Interval, v: Rational, seen: dict[tuple[str, Decimal], Array] | None = None) -> Array:
    """Rows of ``v`` inside ``iv``. ``seen``: comparisons already made on ``v`` (adjacent bands share
    a bound: ``v <= 0.05`` of one is the negation of ``0.05 < v`` of the next), reused or negated."""
    def test(op: str, bound: Decimal) -> Array:
        if seen is None:
            return v.compare(op, constant(bound))
        if (op, bound) not in seen:
            other = seen.get((_NOT[op], bound))
            seen[op, bound] = ~other if other is not None else v.compare(op, constant(bound))
        return seen[op, bound]

    lo = None if iv.lo is None else test(">=" if iv.lo_incl else ">", iv.lo)
    hi = None if iv.hi is None else test("<=" if iv.hi_incl else "<", iv.hi)
    if lo is None or hi is None:
        one = lo if hi is None else hi
        return np.ones(len(v.num) if not isinstance(v.num, int) else 1, dtype=bool) if one is None else one
    return lo & hi


@dataclass
class _Result:
    """One indicator over the batch, filled rule by rule: a row is decided once."""

    points: Array
    status: Array
    open: Array  # rows not decided yet
    exempt: Array  # rows decided by an exemption (they have no value)
    value: Rational | None = None  # band indicators: the value the bands were tested on
    trends: list[tuple[Array, Array]] = field(default_factory=list)  # per trend: the last year each row gives, whether it holds

    def decide(self, rows: Array, points: Array | int, status: int = SCORED) -> None:
        rows = rows & self.open
        if not (isinstance(points, int) and points == 0):  # an open row's points are still 0
            np.copyto(self.points, points, where=rows)  # no fancy indexing: one pass, no temporaries
        if status != SCORED:
            np.copyto(self.status, status, where=rows)
        self.open ^= rows  # rows are open ones: this closes them


def unsupported(cs: CompiledStandard) -> list[str]:
    """The shapes of a standard this evaluator does not compile: cohort ranks (a rank needs the
    whole population, not a batch). Tables of such a standard are scored park by park."""
    return [s for s in cs.std.shapes() if s == "cohort ranks"]


class VectorStandard:
    """A checked standard compiled to array operations (see the module docstring)."""

    def __init__(self, cs: CompiledStandard) -> None:
        missing = unsupported(cs)
        if missing:
            raise ValueError(f"the vectorised evaluator does not compile {', '.join(missing)} ({cs.ref}) yet")
        self.cs = cs
        std = cs.std
        self.scale = cs.points_scale
        self._formulas = {ci.ind.id: _vector_expr(ci.ind.formula.expr) for ci in cs.indicators if ci.ind.formula}
        self._exempts = {ci.ind.id: [(_vector_cond(e.cond), self._points(e.points)) for e in ci.ind.rules_of(ast.Exempt)] for ci in cs.indicators}
        self._requires = {ci.ind.id: [_vector_cond(g.cond) for g in ci.ind.rules_of(ast.Require)] for ci in cs.indicators}
        self._excuses = {ci.ind.id: [_vector_cond(e.cond) for e in ci.ind.rules_of(ast.Excuse)] for ci in cs.indicators}
        self._no_thresholds = {ci.ind.id: [_vector_cond(n.when) for n in ci.ind.rules_of(ast.NoThreshold)] for ci in cs.indicators}
        self._tiers = {ci.ind.id: [_vector_cond(b.when) if b.when is not None else None for b in ci.ind.rules_of(ast.Band)]
                       for ci in cs.indicators}
        self._grades = [(g.name, Interval(*_bounds(cs.grade_intervals[g.name]))) for g in std.header.grades]
        max_total = std.max_total
        self.weighted = std.weighted
        # a category's contribution to the total: its points (at the points scale) times a constant
        coef: dict[str, Fraction] = {}
        for cat in std.categories:
            maxp = cat.maximum
            unit = Fraction(1, 10 ** self.scale)
            if self.weighted:
                coef[cat.id] = Fraction(cat.weight or 0) / 100 * (unit / Fraction(maxp) if maxp else 0) * Fraction(max_total)
            else:
                coef[cat.id] = unit
        self.total_den = reduce(lcm, (f.denominator for f in coef.values()), 1)
        largest = sum((max([abs(p) for p in ci.rule_points], default=Decimal(0)) for ci in cs.indicators), Decimal(0))
        if self._points(largest) >= _LIMIT:
            raise ValueError(f"{cs.ref}: points too large for the vectorised evaluator")
        # an indicator's points in 32 bits where every sum of them fits (half the memory each pass reads)
        self._points_dtype = np.int32 if self._points(largest) < 1 << 31 else np.int64
        self._coef = {k: f.numerator * (self.total_den // f.denominator) for k, f in coef.items()}

    def _points(self, d: Decimal) -> int:
        return int(d.scaleb(self.scale))

    def score(self, b: Batch) -> "VectorScores":
        results = {ci.ind.id: self._indicator(ci, b) for ci in self.cs.indicators}
        std = self.cs.std
        total: Array | int = np.zeros(b.n, dtype=np.int64)
        for cat in std.categories:
            pts = np.zeros(b.n, dtype=np.int64)
            for ind in cat.indicators:  # int64 without a check: the sum of every |points| fits (see __init__)
                pts += results[ind.id].points
            total = _add(total, _mul(pts, self._coef[cat.id]))
        total_r = Rational(total, self.total_den)
        eligible = np.ones(b.n, dtype=bool)
        if std.header.pass_mark is not None:
            eligible &= total_r.compare(">=", constant(std.header.pass_mark))
        needed = {i.id for i in std.indicators if i.veto} | {i.id for c in std.categories if c.at_least is not None for i in c.indicators}
        met = {k: (results[k].status == SCORED) & (results[k].points > 0) for k in needed}
        forced = np.full(b.n, None, dtype=object) if self._grades else None  # a veto that names a grade gives it
        for ind in std.indicators:  # 一票否决
            if ind.veto:
                failed = ~met[ind.id] & (results[ind.id].status != EXCUSED)
                eligible &= ~failed
                if isinstance(ind.veto, str) and forced is not None:
                    forced = np.where(failed & (forced == None), ind.veto, forced)  # noqa: E711 (element-wise)
        for cat in std.categories:  # k of n: excused indicators not counted
            if cat.at_least is not None:
                got = sum((met[i.id].astype(np.int64) for i in cat.indicators), np.zeros(b.n, dtype=np.int64))
                counted = sum(((results[i.id].status != EXCUSED).astype(np.int64) for i in cat.indicators), np.zeros(b.n, dtype=np.int64))
                eligible &= got >= np.minimum(cat.at_least, counted)
        grade = forced
        for name, iv in self._grades:
            assert grade is not None
            grade = np.where((grade == None) & _contains(iv, total_r), name, grade)  # noqa: E711 (element-wise)
        gates = {}
        for g in std.gates:
            col = b.column(g.id)
            passed = (col.values & col.present) if col is not None else np.zeros(b.n, dtype=bool)
            gates[g.id] = (passed, col.present if col is not None else np.zeros(b.n, dtype=bool))
            if not g.advisory:
                eligible &= passed
        return VectorScores(self, b, results, total_r, eligible if self.cs.decides else None, gates, grade)

    def _indicator(self, ci: CompiledIndicator, b: Batch) -> _Result:
        ind = ci.ind
        r = _Result(np.zeros(b.n, dtype=self._points_dtype), np.zeros(b.n, dtype=np.int8), np.ones(b.n, dtype=bool), np.zeros(b.n, dtype=bool))
        for cond in self._excuses[ind.id]:  # the indicator does not apply to the park
            v, k = cond(b)
            r.decide(v & k, 0, EXCUSED)
        for cond, points in self._exempts[ind.id]:
            v, k = cond(b)
            r.decide(v & k, points)
        if self._excuses[ind.id] or self._exempts[ind.id]:
            r.exempt = ~r.open  # (else no row is: the zeros it was made with)
        match ci.kind:
            case IndicatorKind.COUNT:
                assert ci.count is not None
                col = b.column(ci.count.items)
                if col is None:
                    r.decide(r.open, 0, NO_DATA)
                    return r
                r.decide(~col.present, 0, NO_DATA)
                per, cap = self._points(ci.count.per_item), self._points(ci.count.cap)
                if ci.count.deduct:  # from the maximum, never below 0
                    r.decide(r.open, np.maximum(cap - _mul(col.values, per), 0))
                else:
                    r.decide(r.open, np.minimum(_mul(col.values, per), cap))
            case IndicatorKind.LEVEL:
                col = b.column(ind.id)
                if col is None:
                    r.decide(r.open, 0, NO_DATA)
                    return r
                r.decide(~col.present, 0, NO_DATA)
                for lv in ci.levels.values():
                    r.decide(col.values == lv.name, self._points(lv.points))
            case IndicatorKind.TREND:
                self._trend(ci, b, r)
            case IndicatorKind.BAND:
                self._band(ci, b, r)
        return r

    def _trend(self, ci: CompiledIndicator, b: Batch, r: _Result) -> None:
        """Alternatives, as the engine: the first trend that holds; else 0 if every series is complete."""
        all_complete = np.ones(b.n, dtype=bool)
        for t in ci.trends:
            cols = b.series.get(t.series, {})
            years = sorted(cols)
            # the last year each row gives; the trend reads the t.years consecutive years ending there
            last = np.full(b.n, -1, dtype=np.int64)
            for y in years:
                last = np.where(cols[y].present, y, last)
            holds = np.zeros(b.n, dtype=bool)
            complete = np.zeros(b.n, dtype=bool)
            for end in years:
                span = list(range(end - t.years + 1, end + 1))
                if not all(y in cols for y in span):
                    continue
                rows = (last == end) & reduce(np.logical_and, (cols[y].present for y in span))
                complete |= rows
                ok = rows.copy()
                for a, c in zip(span, span[1:]):
                    ok &= cols[c].rational.compare("<" if t.decreasing else ">", cols[a].rational)
                holds |= ok
            r.trends.append((last, holds))
            r.decide(holds, self._points(t.points))
            all_complete &= complete
        r.decide(~all_complete, 0, NO_DATA)
        r.decide(r.open, 0)

    def _band(self, ci: CompiledIndicator, b: Batch, r: _Result) -> None:
        ind = ci.ind
        direct = b.column(ind.id)
        if ind.formula is not None:
            have = _present(b, ci.formula_inputs)
            value = self._formulas[ind.id](b)
            if direct is not None:  # a value given directly wins over the formula
                d = direct.rational
                value = Rational(np.where(direct.present, d.num, value.num), np.where(direct.present, d.den, value.den),
                                 ~direct.present & value.undefined)
                have = have | direct.present
            r.decide(~have, 0, NO_DATA)
            r.decide(np.asarray(value.undefined, dtype=bool), 0, UNDEFINED)
            if ind.range is not None:
                computed = r.open if direct is None else r.open & ~direct.present
                inside = _contains(Interval(ind.range.lo, True, ind.range.hi, True), value)
                r.decide(computed & ~inside, 0, UNDEFINED)
        elif direct is not None:
            value = direct.rational
            r.decide(~direct.present, 0, NO_DATA)
        else:
            r.decide(r.open, 0, NO_DATA)
            return
        r.value = value
        for cond in self._requires[ind.id]:
            v, k = cond(b)
            r.decide(~k, 0, NO_DATA)
            r.decide(~v, 0)
        for cond in self._no_thresholds[ind.id]:  # a tier the source gives no threshold for
            v, k = cond(b)
            r.decide(v & k, 0, UNDEFINED)
        tiers = self._tiers[ind.id]
        seen: dict[tuple[str, Decimal], Array] = {}
        for band, tier in zip(ci.bands, tiers):
            hit = _contains(band.interval, value, seen)
            if tier is not None:
                v, k = tier(b)
                r.decide(~k, 0, NO_DATA)
                hit = hit & v & k
            r.decide(hit, self._points(band.points))
        r.decide(r.open, 0, UNDEFINED if any(t is not None for t in tiers) else SCORED)


def _bounds(iv: Interval) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    return iv.lo, iv.lo_incl, iv.hi, iv.hi_incl


@dataclass(frozen=True)
class VectorScores:
    """A batch scored: per indicator points (at ``vs.scale``) and status codes; the total; the verdict."""

    vs: VectorStandard
    batch: Batch
    indicators: Mapping[str, _Result]
    total: Rational
    eligible: Array | None  # None: the standard ranks, it does not qualify
    gates: Mapping[str, tuple[Array, Array]]  # passed, given
    grades: Array | None = None  # per row: the grade's name, or None

    def grade_of(self, i: int) -> str | None:
        return None if self.grades is None else self.grades[i]

    def points(self, key: str, i: int) -> Decimal:
        return Decimal(int(self.indicators[key].points[i])).scaleb(-self.vs.scale)

    def status(self, key: str, i: int) -> Status:
        return STATUS[int(self.indicators[key].status[i])]

    def total_of(self, i: int) -> Decimal:
        return self.total.decimal(i)

    def eligible_of(self, i: int) -> bool | None:
        return None if self.eligible is None else bool(self.eligible[i])

    def gate_of(self, key: str, i: int) -> GateStatus:
        passed, given = self.gates[key]
        return GateStatus.PASS if passed[i] else GateStatus.FAIL if given[i] else GateStatus.NO_DATA

    def reasons(self, i: int) -> str:
        """Why row ``i`` is not eligible, as ``api.score_row`` writes it for a scorecard."""
        return reasons_in_brief(self.vs.cs.std, lambda k: self.status(k, i), lambda k: self.points(k, i),
                                lambda g: self.gate_of(g, i), self.total_of(i))

    def value(self, key: str, i: int) -> Decimal | int | str | None:
        """An indicator's value on row ``i`` where it was scored, as the per-park result carries it:
        a band's value, a level's name, the number of items, a trend's yearly figures."""
        r = self.indicators[key]
        if r.status[i] != SCORED or r.exempt[i]:
            return None
        ci = self.vs.cs.indicator(key)
        match ci.kind:
            case IndicatorKind.BAND:
                return r.value.decimal(i) if r.value is not None else None
            case IndicatorKind.LEVEL:
                return str(self.batch.columns[key].values[i])
            case IndicatorKind.COUNT:
                assert ci.count is not None
                return int(self.batch.columns[ci.count.items].values[i])
            case IndicatorKind.TREND:  # the trend that held, or (none held) the first
                k = next((k for k, (_, holds) in enumerate(r.trends) if holds[i]), 0)
                t, end = ci.trends[k], int(r.trends[k][0][i])
                cols = self.batch.series[t.series]
                return trend_text([(y, Decimal(int(cols[y].values[i])).scaleb(-cols[y].scale)) for y in range(end - t.years + 1, end + 1)])

    def row(self, i: int) -> dict[str, Any]:
        """Row ``i``'s scores: total, verdict, the indicators without a usable value, and per
        indicator its points (``<id>``) and value (``<id>.value``), as ``api.score_row`` gives them."""
        ids = [ci.ind.id for ci in self.vs.cs.indicators]
        out: dict[str, Any] = {"total": self.total_of(i), "eligible": self.eligible_of(i),
                               "missing": ";".join(k for k in ids if self.indicators[k].status[i] not in (SCORED, EXCUSED))}
        for k in ids:
            out[k] = self.points(k, i)
        for k in ids:
            out[f"{k}.value"] = self.value(k, i)
        return out
