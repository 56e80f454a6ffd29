"""Units: algebra for checking formulas, and conversion of the units parks report in."""
from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from . import ast
from .numbers import EXACT
from .span import NOWHERE, Span

Dims = tuple[tuple[str, int], ...]


def make_unit(tokens: list[str], span: Span) -> ast.Unit:
    """``["kg", "/", "万元"]`` -> Unit(factors=(("kg", 1), ("万元", -1))). Left to right: a/b*c = (a/b)*c."""
    exps: dict[str, int] = {}
    sign = 1
    for tok in tokens:
        if tok in ("/", "*"):
            sign = -1 if tok == "/" else 1
            continue
        exps[tok] = exps.get(tok, 0) + sign
    factors = tuple(sorted((s, e) for s, e in exps.items() if e != 0))
    return ast.Unit(factors, "".join(tokens), span=span)


# Units of things counted one by one (enterprises, items, events, days): whole numbers only.
COUNT_UNITS = frozenset({"家", "个", "次", "天", "项"})

# symbol -> (base symbol, factor): 1 symbol = factor base. Only exact, conventional conversions.
# Factors are exact fractions (1 亩 = 1/1500 km2 is not a finite decimal), so that 4500 亩 is 3 km2 exactly.
CONVERSIONS: dict[str, tuple[str, Fraction]] = {
    "元": ("万元", Fraction("0.0001")),
    "万元": ("万元", Fraction(1)),
    "亿元": ("万元", Fraction(10000)),
    "kg": ("kg", Fraction(1)),
    "t": ("kg", Fraction(1000)),
    "吨": ("kg", Fraction(1000)),
    "万t": ("kg", Fraction(10_000_000)),
    "万吨": ("kg", Fraction(10_000_000)),
    "m3": ("m3", Fraction(1)),
    "万m3": ("m3", Fraction(10000)),
    "km2": ("km2", Fraction(1)),
    "平方公里": ("km2", Fraction(1)),
    "亩": ("km2", Fraction(1, 1500)),
    "ha": ("km2", Fraction("0.01")),
    "公顷": ("km2", Fraction("0.01")),
    "tce": ("tce", Fraction(1)),
    "万tce": ("tce", Fraction(10000)),
    "tCO2": ("tCO2", Fraction(1)),
    "万tCO2": ("tCO2", Fraction(10000)),
    "MJ": ("MJ", Fraction(1)),
    "GJ": ("MJ", Fraction(1000)),
}


def base(dims: Dims) -> tuple[Dims, Fraction]:
    """Reduce to base symbols: (base dims, factor such that 1 unit = factor base units)."""
    out: dict[str, int] = {}
    factor = Fraction(1)
    for sym, exp in dims:
        b, f = CONVERSIONS.get(sym, (sym, Fraction(1)))
        out[b] = out.get(b, 0) + exp
        factor *= f**exp
    return tuple(sorted((s, e) for s, e in out.items() if e)), factor


@lru_cache(maxsize=4096)
def conversion_factor(src: ast.Unit, dst: ast.Unit) -> Fraction | None:
    """Multiply a value in ``src`` by this to get it in ``dst``; None if they do not convert."""
    sb, sf = base(src.dims)
    db, df = base(dst.dims)
    if sb != db:
        return None
    sf *= Fraction(1, 100) if ("%", 1) in src.factors else 1
    df *= Fraction(1, 100) if ("%", 1) in dst.factors else 1
    return sf / df


def convert(value: Decimal, factor: Fraction) -> Decimal:
    """``value`` times an exact factor, in the exact arithmetic (``numbers.EXACT``): exact whenever
    the result is a finite decimal; its precision bounds the rounding of the rest."""
    if factor is ONE or factor == 1:
        return value
    num, den = factor.as_integer_ratio()
    product = EXACT.multiply(value, num)
    return product if den == 1 else EXACT.divide(product, den)


_FACTORS: dict[tuple[str, str], Fraction | None] = {}
ONE = Fraction(1)  # the factor of a unit to itself, one object (see ``factor_to``)


def factor_to(written: str, dst: ast.Unit) -> Fraction | None:
    """The conversion factor from a unit as a data file writes it (``亿元``) to ``dst``; kept by
    the two texts (a declared unit's text determines it), so a park's hundred figures cost a
    dictionary lookup each."""
    key = (written, dst.text)
    if key not in _FACTORS:
        if len(_FACTORS) > 4096:
            _FACTORS.clear()
        factor = conversion_factor(parse_unit(written), dst)
        _FACTORS[key] = ONE if factor == 1 else factor  # the same unit: ``factor is ONE`` says so at once
    return _FACTORS[key]


_UNIT_TOKEN = re.compile(r"\s*([/*])\s*")


@lru_cache(maxsize=4096)
def parse_unit(text: str, span: Span = NOWHERE) -> ast.Unit:
    """A unit written in a data file (``kg/万元``, ``亿元``, ``%``)."""
    parts = [p for p in _UNIT_TOKEN.split(text.strip()) if p]
    return make_unit(parts, span)


def show(dims: Dims) -> str:
    if not dims:
        return "1 (dimensionless)"
    num = "*".join(s if e == 1 else f"{s}^{e}" for s, e in dims if e > 0) or "1"
    den = "*".join(s if e == -1 else f"{s}^{-e}" for s, e in dims if e < 0)
    return f"{num}/{den}" if den else num


def combine(a: Dims, b: Dims, sign: int) -> Dims:
    out = dict(a)
    for s, e in b:
        out[s] = out.get(s, 0) + sign * e
    return tuple(sorted((s, e) for s, e in out.items() if e))
