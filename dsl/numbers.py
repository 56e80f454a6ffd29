"""Numbers for people and for machines: one place for how a Decimal is shown and written.

* ``show``: for people, up to N significant digits, no exponent, no trailing zeros, thousands
  grouped by a space from 10 000 up (``10 440 000``).
* ``plain``: the exact value, no exponent (``0.0500`` -> ``0.05``; ``1E+2`` -> ``100``).
* ``written``: a number of a rule file as written, never an exponent (fmt, the printer).
* JSON (``dumps``): every Decimal is written as a JSON number whose text is its exact value
  (``"points": 3``, ``"value": 0.05``): never a binary float, never a string. ``loads`` reads
  numbers back as Decimals, so a record read and written again is the same text.
"""
from __future__ import annotations

import json
from contextlib import AbstractContextManager
from decimal import Context, Decimal, localcontext
from enum import Enum
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

# A figure has at most MAX_DIGITS significant digits and a decimal exponent within ±MAX_EXPONENT;
# arithmetic runs with PRECISION significant digits, so that a value computed from such figures
# (converted, divided, summed) is never rounded across a band edge by the arithmetic itself.
MAX_DIGITS = 40
MAX_EXPONENT = 40
PRECISION = 120


_SHOWN = Context(prec=MAX_DIGITS)


def rounded(d: Decimal) -> Decimal:
    """A computed value as results carry it: MAX_DIGITS significant digits, so a figure as given
    (at most MAX_DIGITS digits) is shown exactly; the decision it led to was taken on the value
    computed at PRECISION digits."""
    return _SHOWN.plus(d)


EXACT = Context(prec=PRECISION)  # the arithmetic of conversions and evaluation; ``exact()`` makes it current


def exact() -> AbstractContextManager[Any]:
    """The arithmetic context of conversions and evaluation (see PRECISION)."""
    return localcontext(EXACT)


def number_problem(d: Decimal) -> str | None:
    """Why a number cannot be a figure (not finite, too many digits, too large or too small), or None."""
    if not d.is_finite():
        return f"'{d}' is not a finite number"
    if -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT and len(str(d)) <= MAX_DIGITS:  # short: no further question
        return None
    written = d.as_tuple().digits
    digits = len(written) if len(written) <= MAX_DIGITS else len("".join(map(str, written)).strip("0"))
    if digits > MAX_DIGITS:
        return f"{digits} significant digits; at most {MAX_DIGITS} are read exactly"
    if d and not -MAX_EXPONENT <= d.adjusted() <= MAX_EXPONENT:
        return f"'{d}' is beyond the magnitudes a figure can take (10^-{MAX_EXPONENT} to 10^{MAX_EXPONENT})"
    return None


def show(d: Decimal, digits: int = 6) -> str:
    """A value for people: up to ``digits`` significant digits, no exponent, no trailing zeros,
    the digits of a whole part from 10 000 up grouped by threes (``76 142.5`` as ``76 000``)."""
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", " ") if abs(d) >= 10000 else str(int(d))
    text = format(Decimal(f"{d:.{digits}g}").normalize(), "f")
    whole, _, fraction = text.partition(".")
    if abs(d) >= 10000:
        whole = f"{int(whole):,}".replace(",", " ") if whole not in ("-0", "0") else whole
        if text.startswith("-") and not whole.startswith("-"):
            whole = "-" + whole
    return f"{whole}.{fraction}" if fraction else whole


def written(d: Decimal) -> str:
    """A Decimal as a rule file writes it: its digits as given (``3.0`` stays ``3.0``), never an
    exponent (``0.0000001``, not ``1E-7``, which the grammar does not read): how the formatter,
    the printer and every message quote a number of a rule."""
    return format(d, "f")


_WIDE = Context(prec=10_000)


def plain(d: Decimal) -> str:
    """The exact value of a finite Decimal without exponent or trailing zeros (never rounded)."""
    text = format(d.normalize(_WIDE), "f")
    return "0" if text in ("-0", "") else text


_TEXT = encode_basestring  # a str as JSON, UTF-8 kept (json's own C encoder, without an encoder object per value)


def _encode(obj: Any, indent: str | None, level: int) -> str:
    if isinstance(obj, str):  # an Enum of str too: its value
        return _TEXT(obj.value if isinstance(obj, Enum) else obj)
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            raise ValueError(f"not a finite number: {obj}")
        return plain(obj)
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, Enum):
        return _encode(obj.value, indent, level)
    if isinstance(obj, int):
        return str(int(obj))
    if isinstance(obj, float):
        return _encode(Decimal(repr(obj)), indent, level)
    inner, outer = ("\n" + indent * (level + 1), "\n" + indent * level) if indent is not None else ("", "")
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        parts = [f"{_TEXT(str(k))}: {_encode(v, indent, level + 1)}" for k, v in obj.items()]
        return "{" + inner + ("," + inner).join(parts) + outer + "}"
    if isinstance(obj, (list, tuple)):
        if not obj:
            return "[]"
        return "[" + inner + ("," + inner).join(_encode(v, indent, level + 1) for v in obj) + outer + "]"
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def dumps(obj: Any) -> str:
    """Every JSON output of parkscore: two-space indent, UTF-8 text, exact decimals."""
    return _encode(obj, "  ", 0)


def dumps_line(obj: Any) -> str:
    """One JSON value on one line (JSON Lines), with the same exact decimals."""
    return _encode(obj, None, 0)


def loads(text: str) -> Any:
    """JSON with its numbers as exact Decimals (and integers as int)."""
    return json.loads(text, parse_float=Decimal)
