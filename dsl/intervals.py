"""Bands as intervals of the indicator's value: what the checker, compiler, linter and diff share."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from . import ast
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

    def __str__(self) -> str:
        left = "(-∞" if self.lo is None else ("[" if self.lo_incl else "(") + _num(self.lo)
        right = "+∞)" if self.hi is None else _num(self.hi) + ("]" if self.hi_incl else ")")
        return f"{left}, {right}"


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral() else str(d)


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
