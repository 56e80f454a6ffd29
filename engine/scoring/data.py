"""Park data: YAML files -> typed facts resolved against a standard, with positions for errors.

Figures are read with PyYAML's safe loader at the node level, so that every fact remembers
``file:line:col`` for diagnostics and keeps the number exactly as written (``0.05`` stays
Decimal("0.05"), never a binary float).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple, cast

from parkscore.dsl import ast, units
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, decode, did_you_mean, read_bytes
from parkscore.dsl.load import installed_keys
from parkscore.dsl.numbers import MAX_DIGITS, number_problem, show
from parkscore.dsl.span import Span
from parkscore.dsl.text import encoding_hint
from parkscore.engine.scoring.yamlread import Marked, compose


@dataclass(frozen=True)
class Item:
    name: str
    source: str | None = None
    note: str | None = None  # shown with the item wherever it is counted (a reading of why it counts)


class Fact(NamedTuple):
    """One datum of a park, already in the unit the standard declares. (A named tuple: a park
    has a hundred of them, made for every standard it is scored under.)"""

    id: str
    value: Decimal | bool | str | tuple[Item, ...] | tuple[tuple[int, Decimal], ...]
    span: Span
    source: str | None = None
    reported: str | None = None  # as reported, when converted: "1044 亿元"
    unit: str | None = None
    uncertainty: Decimal | None = None  # relative (0.05 = ±5 %), for sensitivity analysis

    @property
    def number(self) -> Decimal:
        """The value of a figure (kind number); a checked standard reads only figures where it computes."""
        assert isinstance(self.value, Decimal), f"'{self.id}' is not a number"
        return self.value

    @property
    def items(self) -> tuple[Item, ...]:
        """The value of a list of evidenced items."""
        assert isinstance(self.value, tuple) and all(isinstance(i, Item) for i in self.value), f"'{self.id}' is not a list of items"
        return cast("tuple[Item, ...]", self.value)

    @property
    def series(self) -> tuple[tuple[int, Decimal], ...]:
        """The value of a figure by year: (year, value) pairs, oldest first."""
        assert isinstance(self.value, tuple) and all(isinstance(p, tuple) for p in self.value), f"'{self.id}' is not a figure by year"
        return cast("tuple[tuple[int, Decimal], ...]", self.value)


@dataclass
class ParkData:
    name: str
    period: str | None
    synthetic: bool
    source: str | None
    path: str
    entries: dict[str, tuple[Any, Span, Span]] = field(default_factory=dict)  # value, value span, key span
    text: str = ""
    context: dict[str, Any] = field(default_factory=dict)  # figures kept for the record, not scored
    sha256: str | None = None  # of the file's bytes, for audit records


def load_park(file: str | Path, as_path: str | None = None) -> ParkData:
    """Read a park file; YAML errors and a wrong top-level shape become diagnostics.
    ``as_path``: the name positions carry (a moved file verified as recorded), default the path."""
    raw = read_bytes(file, "D100")
    path = as_path or str(file)
    text = decode(raw, path, "D100")
    sources = SourceMap()
    sources.add(path, text)
    root, diags = compose(text, path)
    if root is None and not diags:
        diags = [Diagnostic("D102", "the park file is empty", Span(path, 1, 1, 1, 1), "a park file is a mapping with 'park' and 'data'")]
    if root is None:
        raise DiagnosticError(diags, sources)
    if not isinstance(root.value, dict):
        raise DiagnosticError(diags + [Diagnostic("D102", "a park file is a mapping with 'park' and 'data'", root.span)], sources)
    top: dict[str, Marked] = root.value
    allowed = TOP_KEYS
    for key, m in top.items():
        if key not in allowed:
            diags.append(Diagnostic("D103", f"unknown top-level key '{key}'", m.key_span, did_you_mean(key, allowed) or "keys: " + ", ".join(allowed)))
    if "park" not in top or not isinstance(top["park"].value, (str, Decimal)) or not str(top["park"].value).strip():
        where = top["park"].span if "park" in top else root.span
        diags.append(Diagnostic("D102", "the park file has no 'park' name", where, "add: park: <name>"))
    data = top.get("data")
    if data is None or not isinstance(data.value, dict):
        diags.append(Diagnostic("D102", "the park file has no 'data' mapping", data.span if data else root.span))
    synthetic = top.get("synthetic")
    if synthetic is not None and not isinstance(synthetic.value, bool):
        diags.append(Diagnostic("D130", f"'synthetic' is a yes/no fact, got {describe(synthetic.value)}", synthetic.span,
                                "write: synthetic: true (or false), without quotes"))
    if diags:
        raise DiagnosticError(diags, sources)
    assert data is not None
    period = top.get("period")
    return ParkData(
        name=str(top["park"].value),
        period=None if period is None or period.value is None else str(period.value),
        synthetic=synthetic is not None and synthetic.value is True,
        source=str(top["source"].value) if "source" in top and top["source"].value is not None else None,
        path=path,
        entries={k: (m.value, m.span, m.key_span) for k, m in data.value.items()},
        text=text,
        context=_unmark(top["context"].value) if "context" in top and isinstance(top["context"].value, dict) else {},
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def _unmark(v: Any) -> Any:
    if isinstance(v, Marked):
        return _unmark(v.value)
    if isinstance(v, dict):
        return {k: _unmark(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_unmark(x) for x in v]
    return v


def describe(v: Any) -> str:
    """A value as a message shows it: the text written, or what kind of thing it is."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    if v is None:
        return "nothing"
    return repr(str(v))


TOP_KEYS = ("park", "period", "synthetic", "source", "data", "context")  # of a park file


def park_from_mapping(data: Mapping[str, Any], name: str = "<mapping>") -> ParkData:
    """Park data given in Python (tests, API, a JSON body): values as they would be written in
    YAML; either a whole park file's mapping (``park``, ``data``, …: as ``yaml.safe_load`` of
    the file gives it) or its ``data`` section alone."""
    whole = isinstance(data.get("data"), Mapping) and "park" in data and set(data) <= set(TOP_KEYS)
    figures = data["data"] if whole else data
    spans = _key_spans(name, len(figures))  # a figure's fields stay plain (see ``_fields``): read once, when resolved
    entries = {k: (v if type(v) is str else dict(v) if type(v) is dict else list(v) if type(v) is list else _wrap(v, s), s, s)
               for (k, v), s in zip(figures.items(), spans)}
    if not whole:
        return ParkData(name, None, False, None, name, entries)
    period, source, context = data.get("period"), data.get("source"), data.get("context")
    return ParkData(str(data["park"]), None if period is None else str(period), data.get("synthetic") is True,
                    None if source is None else str(source), name, entries, context=dict(context) if isinstance(context, Mapping) else {})


@lru_cache(maxsize=64)
def _key_spans(name: str, n: int) -> tuple[Span, ...]:
    """Where the keys of a mapping are reported: the n-th key at line n of ``name`` (built once)."""
    return tuple(Span(name, i + 1, 1, i + 1, 1) for i in range(n))


def _wrap(v: Any, span: Span) -> Any:
    if type(v) is str:  # the common case first: "420 亿元", a level, a name
        return v
    if isinstance(v, float):
        return Decimal(repr(v))
    if isinstance(v, int) and not isinstance(v, bool):
        return Decimal(v)
    if isinstance(v, dict):
        return {k: Marked(_wrap(x, span), span) for k, x in v.items()}
    if isinstance(v, list):
        return [Marked(_wrap(x, span), span) for x in v]
    return v


# a number, then a unit starting with a letter or % (so "1:30" and "1,044" are not a number and a unit)
_QUANTITY = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*((?:[^\W\d_]|%).*?)?\s*$")


def resolve(park: ParkData, std: ast.Standard, elsewhere: Callable[[], frozenset[str]] = installed_keys
            ) -> tuple[dict[str, Fact], list[Diagnostic]]:
    """Check every entry against the standard's data keys (``Standard.data_keys``) and convert
    it to a Fact.

    A key the standard does not declare is an error (a typo, with the closest name suggested),
    unless another installed standard declares it (``elsewhere``, asked only when a key is
    unknown): one park file can then carry the figures of several standards; the key is
    reported as a warning (W110) and not used.
    """
    keys = std.data_keys
    facts: dict[str, Fact] = {}
    until = int(park.period) if park.period and re.fullmatch(r"\d{4}", park.period.strip()) else None
    diags = unknown_keys([(k, e[2]) for k, e in park.entries.items() if k not in keys], std, elsewhere)
    for key, (raw, span, _) in park.entries.items():
        dk = keys.get(key)
        if dk is None:
            continue
        if isinstance(raw, dict):  # value with unit, source, level, items…
            fields, source = _fields(raw, span, diags)
            if fields is None:
                continue
            value, vspan = fields.get("value", fields.get("level", fields.get("items", fields.get("by_year", (None, span)))))
        else:  # the value alone, the common case
            fields, source, value, vspan = _NO_FIELDS, None, raw, span
        if value is None:
            continue  # explicit null: no data
        fact = _convert(key, dk, value, vspan, fields, source, diags, until)
        if fact is not None:
            facts[key] = fact
    return facts, diags


def unknown_keys(unknown: list[tuple[str, Span]], std: ast.Standard, elsewhere: Callable[[], frozenset[str]] = installed_keys
                 ) -> list[Diagnostic]:
    """What keys the standard does not declare are: a typo (D110, with the closest name, or the
    yearly figures a trend is computed from), or figures of other installed standards, one
    warning for all of them (W110). Said once per park file, and once per table (its header)."""
    others = elsewhere() if unknown else frozenset()
    foreign = [(k, s) for k, s in unknown if k in others]
    diags = []
    if foreign:
        diags.append(Diagnostic("W110", f"{len(foreign)} key(s) are read by other standards, not by {std.ref}: "
                                + ", ".join(k for k, _ in foreign), foreign[0][1]))
    for key, span in unknown:
        if key not in others:
            trend = std.indicator(key)  # an indicator that is not a data key is a trend: name its yearly figures
            hint = f"it is computed from its yearly figures: give '{trend.reads[0]}'" if trend else did_you_mean(key, std.data_keys)
            diags.append(Diagnostic("D110", f"'{key}' is not an input, indicator or gate of {std.ref}", span, hint))
    return diags


def unconvertible(columns: list[tuple[str, str, Span]], std: ast.Standard) -> list[tuple[str, Diagnostic]]:
    """Of a table's header cells (key, unit, where), those whose unit does not convert to the one the
    standard declares for the key, each with its D123: said once, at the cell, not once per row."""
    out = []
    for key, unit, span in columns:
        dk = std.data_keys.get(key)
        if dk is not None and dk.unit is not None and units.factor_to(unit, dk.unit) is None:
            out.append((key, Diagnostic("D123", f"column '{key}' is given in {unit}, which does not convert to {dk.unit}: it is not read",
                                    span, encoding_hint(unit) or f"the standard declares {dk.unit}: write the header as {key} [{dk.unit}]")))
    return out


_NO_FIELDS: dict[str, tuple[Any, Span]] = {}
_ITEM_FIELDS = ("name", "source", "note")  # of an evidenced item
_FIELDS = ("value", "unit", "source", "level", "items", "by_year", "uncertainty", "note")


def _fields(raw: dict[str, Any], span: Span, diags: list[Diagnostic]) -> tuple[dict[str, tuple[Any, Span]] | None, str | None]:
    """A figure's fields with their positions; ``raw``'s values are ``Marked`` (read from a file) or
    plain Python values (a mapping given in Python: placed at the figure's key)."""
    out: dict[str, tuple[Any, Span]] = {}
    for k, m in raw.items():
        marked = type(m) is Marked
        if k not in _FIELDS:
            diags.append(Diagnostic("D111", f"unknown field '{k}'", m.key_span if marked else span,
                                    did_you_mean(k, _FIELDS) or "fields: " + ", ".join(_FIELDS)))
            return None, None
        out[k] = (m.value, m.span) if marked else (m if type(m) in (str, list) else _wrap(m, span), span)
    source = out.get("source", (None, span))[0]
    return out, (str(source) if source is not None else None)


def parse_percent(v: Any) -> Decimal | None:
    """'5%' -> Decimal('0.05'); anything else -> None."""
    text = str(v).strip()
    if not text.endswith("%"):
        return None
    try:
        d = Decimal(text[:-1].strip())
    except InvalidOperation:
        return None
    return d / 100 if not number_problem(d) and d >= 0 else None


def _outside(v: Decimal, dk: ast.DataKey) -> str | None:
    """Why a figure (in the declared unit) is outside what the standard allows, or None."""
    rng = dk.range
    if rng is not None and not rng.contains(v):
        return f"outside the range {rng} the standard declares"
    if v < 0:
        return "negative: a figure is a quantity (>= 0) unless the standard declares a range"
    return None


def _bad(diags: list[Diagnostic], span: Span, code: str, msg: str, hint: str | None = None) -> Fact | None:
    """Report a diagnostic at the value; no fact results, so ``return _bad(...)`` gives up."""
    diags.append(Diagnostic(code, msg, span, hint))
    return None


def _convert(
    key: str, dk: ast.DataKey, value: Any, span: Span,
    fields: dict[str, tuple[Any, Span]], source: str | None, diags: list[Diagnostic], until: int | None = None,
) -> Fact | None:
    """One entry as a fact in the declared unit; ``until``: the park's evaluation period (a year),
    after which figures by year are not read ("近三年" are the three years ending with it)."""
    kind, unit, decl = dk.kind, dk.unit, dk.decl
    if kind == "number":
        assert unit is not None
        unit_text: str | None = None
        if fields and "unit" in fields:
            unit_text = str(fields["unit"][0])
        plain = False  # a decimal literal of at most MAX_DIGITS characters: finite, within every bound
        if type(value) is str:
            m = _QUANTITY.match(value)
            if not m:
                hint = (f"'{value.split()[0]}' has a thousands separator or a decimal comma: write 1044 or 1.044"
                        if re.match(r"^\s*\d{1,3}(,\d{3})+", value) else f"for example: 12.5 {unit}")
                return _bad(diags, span, "D120", f"'{key}' needs a number with a unit, got '{value}'", hint)
            number, written = m.groups()
            value, plain = Decimal(number), len(number) <= MAX_DIGITS and "e" not in number and "E" not in number
            if written:
                if unit_text and unit_text != written:
                    return _bad(diags, span, "D121", f"'{key}' gives two units: '{written}' and unit: '{unit_text}'")
                unit_text = written
        elif type(value) is not Decimal:
            return _bad(diags, span, "D120", f"'{key}' needs a number with a unit, got {describe(value)}", f"for example: 12.5 {unit}")
        problem = None if plain else number_problem(value)
        if problem:
            return _bad(diags, span, "D125", f"'{key}': {problem}", f"for example: 12.5 {unit}")
        if unit_text is None:
            return _bad(diags, span, "D122", f"'{key}' has no unit", f"the standard declares {unit}; write: {value} {unit}")
        factor = units.factor_to(unit_text, unit)
        if factor is None:
            return _bad(diags, span, "D123", f"'{key}' is given in {unit_text}, which does not convert to {unit}",
                        encoding_hint(unit_text) or f"the standard declares {unit}")
        reported = f"{value} {unit_text}" if factor is not units.ONE or unit_text != unit.text else None
        unc = None
        if fields and "uncertainty" in fields:
            unc = parse_percent(fields["uncertainty"][0])
            if unc is None:
                return _bad(diags, span, "D124", f"'{key}': uncertainty must be a percentage, got {describe(fields['uncertainty'][0])}", "write: uncertainty: 5%")
        converted = units.convert(value, factor)
        outside = _outside(converted, dk)
        if outside:
            return _bad(diags, span, "D125", f"'{key}' is {show(converted)} {unit}, {outside}", "check the figure and its unit")
        return Fact(key, converted, span, source, reported, unit.text, unc)
    if kind == "series":
        assert unit is not None
        if not isinstance(value, dict) or "unit" not in fields:
            return _bad(diags, span, "D170", f"'{key}' is a figure by year", f"write: {{unit: {unit}, by_year: {{2017: ..., 2018: ..., 2019: ...}}}}")
        factor = units.factor_to(str(fields["unit"][0]), unit)
        if factor is None:
            return _bad(diags, span, "D123", f"'{key}' is given in {fields['unit'][0]}, which does not convert to {unit}", f"the standard declares {unit}")
        points: list[tuple[int, Decimal]] = []
        for year, m in value.items():
            if not (str(year).isdigit() and len(str(year)) == 4 and isinstance(m.value, Decimal) and not isinstance(m.value, bool)):
                diags.append(Diagnostic("D171", f"'{key}': year {year} needs a number", m.span, "write: 2019: 1.33"))
                return None
            problem = number_problem(m.value)
            converted = units.convert(m.value, factor)
            problem = problem or _outside(converted, dk)
            if problem:
                diags.append(Diagnostic("D125", f"'{key}' in {year}: {problem}", m.span, "check the figure and its unit"))
                return None
            if until is None or int(year) <= until:
                points.append((int(year), converted))
        return Fact(key, tuple(sorted(points)), span, source, None, unit.text)
    if kind == "bool":
        if not isinstance(value, bool):
            return _bad(diags, span, "D130", f"'{key}' is a yes/no fact, got {describe(value)}", "write: true or false (without quotes)")
        return Fact(key, value, span, source)
    if kind == "level":
        levels = dk.levels
        if not isinstance(value, str) or value not in levels:
            return _bad(diags, span, "D140", f"'{describe(value).strip(chr(39))}' is not a level of '{key}'",
                       did_you_mean(str(value), levels) or "levels: " + ", ".join(levels))
        return Fact(key, value, span, source)
    if kind == "items" and not isinstance(decl, ast.Indicator):
        if isinstance(value, str):  # "A; B" (a table cell, or a short form): names separated by ';'
            value = [Marked(part.strip(), span) for part in re.split(r"[;；]", value) if part.strip()]
        if not isinstance(value, list):
            return _bad(diags, span, "D150", f"'{key}' is a list of evidenced items", "write: - {name: ..., source: ...}")
        items: list[Item] = []
        names: set[str] = set()
        bad_items = 0  # items with unknown fields: every one is reported, then the figure is refused
        for m in value:  # items read from a file are Marked; given in Python, plain (placed at the figure)
            v, at = (m.value, m.span) if type(m) is Marked else (m, span)
            name = _unmark(v["name"]) if isinstance(v, dict) and "name" in v else v
            if not isinstance(name, str) or not name.strip():
                diags.append(Diagnostic("D151", "an item needs a name", at, "write: - {name: ..., source: ...}"))
                return None
            if name in names:
                diags.append(Diagnostic("D152", f"item '{name}' is listed twice (it would count twice)", at))
                return None
            names.add(name)
            stray = [k for k in v if k not in _ITEM_FIELDS] if isinstance(v, dict) else []
            for k in stray:
                hint = did_you_mean(str(k), _ITEM_FIELDS) or ('a comma inside { } starts another field: put a name that holds '
                                                             'a comma in quotes, name: "…, …"')
                diags.append(Diagnostic("D111", f"unknown field '{k}' of item '{name}' (an item has {', '.join(_ITEM_FIELDS)})",
                                        v[k].key_span if type(v[k]) is Marked else at, hint))
            bad_items += bool(stray)
            src = _unmark(v["source"]) if isinstance(v, dict) and "source" in v else None
            note = _unmark(v["note"]) if isinstance(v, dict) and "note" in v else None
            items.append(Item(name, str(src) if src is not None else None, str(note) if note is not None else None))
        if bad_items:
            return None
        return Fact(key, tuple(items), span, source)
    # a count indicator given directly
    assert isinstance(decl, ast.Indicator)
    counted = next(r.items for r in decl.rules_of(ast.Count))
    return _bad(diags, span, "D160", f"'{key}' is scored by counting evidenced items", f"list the items under '{counted}'")
