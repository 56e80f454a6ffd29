"""Interval algebra, exact (Decimal bounds, no epsilon): bands as intervals of the indicator's
value. The checker (overlaps, gaps), the compiler (membership), the linter (rules covered by
earlier ones), gap analysis (the nearest value in a better band) and the diff all use it."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import ast
from .numbers import plain
from .printer import cond_text


@dataclass(frozen=True)
class Interval:
    lo: Decimal | None  # None = unbounded
    lo_incl: bool
    hi: Decimal | None
    hi_incl: bool

    def contains(self, v: Decimal) -> bool:
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_incl)):
            return False
        if self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_incl)):
            return False
        return True

    def intersect(self, other: "Interval") -> "Interval | None":
        lo, lo_incl = _max_lo((self.lo, self.lo_incl), (other.lo, other.lo_incl))
        hi, hi_incl = _min_hi((self.hi, self.hi_incl), (other.hi, other.hi_incl))
        if lo is not None and hi is not None and (lo > hi or (lo == hi and not (lo_incl and hi_incl))):
            return None
        return Interval(lo, lo_incl, hi, hi_incl)

    def nearest(self, v: Decimal) -> Decimal:
        """The value of the interval nearest to ``v`` (``v`` itself if inside). For an open bound,
        a step just inside it: two decimal places finer than the bound is written."""
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_incl)):
            return self.lo if self.lo_incl else self.lo + _step(self.lo)
        if self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_incl)):
            return self.hi if self.hi_incl else self.hi - _step(self.hi)
        return v

    def covered_by(self, others: list["Interval"]) -> bool:
        """Is every value of this interval in one of ``others``? Exactly: no gap left by the
        others meets this interval."""
        return all(self.intersect(g) is None for g in gaps(others))

    def __str__(self) -> str:
        left = "(-∞" if self.lo is None else ("[" if self.lo_incl else "(") + plain(self.lo)
        right = "+∞)" if self.hi is None else plain(self.hi) + ("]" if self.hi_incl else ")")
        return f"{left}, {right}"


def _step(bound: Decimal) -> Decimal:
    exponent = bound.as_tuple().exponent
    assert isinstance(exponent, int), "interval bounds are finite"
    return Decimal(1).scaleb(min(exponent, 0) - 2)


def gaps(ivs: list[Interval]) -> list[Interval]:
    """The parts of the real line no interval covers (the whole line for no intervals)."""
    if not ivs:
        return [Interval(None, False, None, False)]
    out: list[Interval] = []
    # sweep from -inf: (point, included) up to which the line is covered; None = nothing yet
    key = lambda iv: (iv.lo is not None, iv.lo if iv.lo is not None else Decimal(0), not iv.lo_incl)  # noqa: E731
    covered: tuple[Decimal | None, bool] | None = None
    for iv in sorted(ivs, key=key):
        if covered is None:
            if iv.lo is not None:
                out.append(Interval(None, False, iv.lo, not iv.lo_incl))
        else:
            c, c_incl = covered
            if c is None:  # already covered to +inf
                continue
            if iv.lo is not None and (iv.lo > c or (iv.lo == c and not c_incl and not iv.lo_incl)):
                out.append(Interval(c, not c_incl, iv.lo, not iv.lo_incl))
        if iv.hi is None:
            covered = (None, True)
        elif covered is None or (covered[0] is not None and (iv.hi > covered[0] or (iv.hi == covered[0] and iv.hi_incl))):
            covered = (iv.hi, iv.hi_incl)
    if covered is not None and covered[0] is not None:
        out.append(Interval(covered[0], not covered[1], None, False))
    return out


def _max_lo(a: tuple[Decimal | None, bool], b: tuple[Decimal | None, bool]) -> tuple[Decimal | None, bool]:
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] != b[0]:
        return a if a[0] > b[0] else b
    return (a[0], a[1] and b[1])


def _min_hi(a: tuple[Decimal | None, bool], b: tuple[Decimal | None, bool]) -> tuple[Decimal | None, bool]:
    if a[0] is None:
        return b
    if b[0] is None:
        return a
    if a[0] != b[0]:
        return a if a[0] < b[0] else b
    return (a[0], a[1] and b[1])


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def interval_of(test: ast.Compare, metric: str) -> Interval | str:
    """The interval a band's comparison describes, or a message saying why it is not one."""
    refs = [o for o in test.operands if isinstance(o, ast.Ref)]
    if len(refs) != 1 or refs[0].name != metric:
        names = ", ".join(r.name for r in refs) or "no name"
        return f"a band must compare the indicator's own value '{metric}' with numbers (found {names})"
    iv = Interval(None, False, None, False)
    for i, op in enumerate(test.ops):
        left, right = test.operands[i], test.operands[i + 1]
        if isinstance(left, ast.Ref):  # metric OP number
            op_, num = op, right
        elif isinstance(right, ast.Ref):  # number OP metric  ==  metric FLIP(OP) number
            op_, num = _FLIP[op], left
        else:
            return "a band compares the value with numbers; two numbers are compared here"
        assert isinstance(num, ast.Num)
        bound = Interval(num.value, op_ == ">=", None, False) if op_ in (">", ">=") else Interval(
            None, False, num.value, op_ == "<="
        )
        narrowed = iv.intersect(bound)
        if narrowed is None:
            return f"the comparison '{cond_text(test)}' can never hold"
        if (bound.lo is not None and iv.lo is not None) or (bound.hi is not None and iv.hi is not None):
            return f"'{cond_text(test)}' bounds the value twice on the same side; write a range as a < x <= b"
        iv = narrowed
    return iv
