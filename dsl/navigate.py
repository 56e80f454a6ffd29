"""Names in rule files, for editors: what a name at a place is, where it is defined and used,
what it means (hover), what may be typed (completion), a file's outline, the names to colour
(semantic tokens) and a rename. Every answer is read from a checked standard (``load.Loaded``)
and its texts; the language server only translates them to the protocol."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from . import ast, units
from .diagnostics import Edit, SourceMap
from .intervals import Interval, interval_of
from .numbers import plain
from .printer import expr_text, rule_text
from .span import Span
from .tokens import Kind, Token, keywords, names, scan

SymbolKind = Literal["input", "indicator", "category", "gate", "level", "unit", "keyword"]


@dataclass(frozen=True)
class Symbol:
    """A name found at a place, and what it names in the standard."""

    name: str
    kind: SymbolKind
    span: Span


@dataclass(frozen=True)
class Completion:
    label: str
    kind: SymbolKind
    detail: str


@dataclass(frozen=True)
class Outline:
    """A file's structure: categories with their indicators, inputs, gates."""

    name: str
    detail: str
    kind: Literal["category", "indicator", "input", "gate", "header"]
    span: Span
    children: tuple["Outline", ...] = ()


def _span(file: str, tok: Token) -> Span:
    return Span(file, tok.line, tok.col, tok.line, tok.col + len(tok.text))


def kind_of(std: ast.Standard, name: str) -> SymbolKind | None:
    """What ``name`` is in the standard, or None."""
    if name in keywords():
        return "keyword"
    if std.indicator(name) is not None:
        return "indicator"
    if any(i.id == name for i in std.inputs):
        return "input"
    if any(c.id == name for c in std.categories):
        return "category"
    if any(g.id == name for g in std.gates):
        return "gate"
    if any(lv.name == name for ind in std.indicators for lv in ind.rules_of(ast.Level)):
        return "level"
    if name in units.CONVERSIONS or name in units.COUNT_UNITS or any(name in dict(i.unit.factors) for i in std.inputs if i.unit):
        return "unit"
    return None


def symbol_at(std: ast.Standard, sources: SourceMap, file: str, line: int, col: int) -> Symbol | None:
    """The name under a cursor (1-based line and column; a cursor just after a name is on it)."""
    for tok in scan(sources.get(file) or ""):
        if tok.line == line and tok.col <= col <= tok.col + len(tok.text) and tok.kind in (Kind.NAME, Kind.KEYWORD):
            kind = kind_of(std, tok.text)
            if kind is not None:
                return Symbol(tok.text, kind, _span(file, tok))
        if tok.line > line:
            break
    return None


def references(sources: SourceMap, files: list[str], name: str) -> list[Span]:
    """Every place ``name`` is written in ``files`` (definitions included), outside comments and strings."""
    return [_span(f, t) for f in files for t in names(sources.get(f) or "") if t.text == name]


def definitions(sources: SourceMap, files: list[str], name: str) -> list[Span]:
    """Where ``name`` is defined: its ``input``, ``indicator``, ``category``, ``gate`` or ``level``
    line (``override`` and ``remove`` lines too), in the order of ``files``."""
    out = []
    for f in files:
        words: list[Token] = []
        for tok in scan(sources.get(f) or ""):
            if tok.kind is Kind.SPACE and "\n" in tok.text:
                words = []
            elif tok.kind not in (Kind.SPACE, Kind.COMMENT):
                words.append(tok)
                if tok.text == name and tok.kind is Kind.NAME and _defines(words[:-1]):
                    out.append(_span(f, tok))
    return out


def _defines(before: list[Token]) -> bool:
    """Do the words before a name on its line define it (``override indicator 7.17``)?"""
    texts = [t.text for t in before if t.text not in ("override", "remove")]
    if texts and texts[-1] in ("input", "category", "level"):
        return len(texts) == 1
    return len(texts) == 2 and texts[0] in ("indicator", "gate") and before[-1].kind is Kind.NUMBER


def _bands_in_words(ind: ast.Indicator) -> list[str]:
    out = []
    for b in ind.rules_of(ast.Band):
        iv = interval_of(b.test, ind.id)
        where = _interval_words(iv) if isinstance(iv, Interval) else ""
        tier = f" (parks with {rule_text(b).split(' when ', 1)[1]})" if b.when is not None else ""
        out.append(f"{_points(b.points)} {where}{tier}")
    return out


def _points(p: Decimal) -> str:
    return f"{plain(p)} point{'' if p == 1 else 's'}"


def _interval_words(iv: Interval) -> str:
    if iv.lo is None and iv.hi is None:
        return "for any value"
    if iv.lo is None:
        return f"{'≤' if iv.hi_incl else '<'} {plain(iv.hi or Decimal(0))}"
    if iv.hi is None:
        return f"{'≥' if iv.lo_incl else '>'} {plain(iv.lo)}"
    return f"in {iv}"


def hover(std: ast.Standard, name: str) -> str | None:
    """What a name means, as Markdown: an input (unit, description, range, the indicators that
    read it), an indicator (clause, title, maximum, table, formula, bands in words, readings and
    errata), a category, a gate, a level, a unit and what it converts to."""
    ind = std.indicator(name)
    if ind is not None:
        head = f"**{ind.clause} {ind.title}** `{ind.id}`"
        facts = [f"category `{ind.category}`"]
        if ind.max_points is not None:
            facts.append(f"max {_points(ind.max_points)}")
        if ind.table is not None:
            facts.append(f"table {ind.table}")
        if ind.unit is not None:
            facts.append(f"unit {ind.unit}")
        lines = [head, " · ".join(facts)]
        if ind.formula is not None:
            lines.append(f"`{ind.formula.target} = {_formula(ind)}`")
        lines += [f"- {b}" for b in _bands_in_words(ind)]
        lines += [f"- {rule_text(r)}" for r in ind.rules if not isinstance(r, (ast.Band, ast.Note))]
        lines += [f"*{n.kind}*: {n.text}" for n in ind.notes]
        return "\n\n".join(lines[:2]) + ("\n\n" + "\n".join(lines[2:]) if lines[2:] else "")
    inp = next((i for i in std.inputs if i.id == name), None)
    if inp is not None:
        users = [f"{i.clause} `{i.id}`" for i in std.indicators if name in i.reads]
        what = str(inp.unit) if inp.unit is not None else inp.kind.value
        out = f"**input** `{inp.id}`: {what}\n\n{inp.title}"
        if inp.range is not None:
            out += f"\n\nrange {inp.range}"
        if inp.includes:
            out += "\n\nincludes " + ", ".join(f"`{r.name}`" for r in inp.includes) + " (they move together in `gap`)"
        inside = [i.id for i in std.inputs if any(r.name == name for r in i.includes)]
        if inside:
            out += "\n\nincluded in " + ", ".join(f"`{t}`" for t in inside)
        return out + ("\n\nread by " + ", ".join(users) if users else "\n\nread by no indicator")
    cat = next((c for c in std.categories if c.id == name), None)
    if cat is not None:
        return (f"**category** `{cat.id}` {cat.title}\n\nmax {plain(cat.maximum)} points, {len(cat.indicators)} indicators"
                + (f", pass at least {cat.at_least}" if cat.at_least else "") + (" (bonus)" if cat.bonus else ""))
    gate = next((g for g in std.gates if g.id == name), None)
    if gate is not None:
        return f"**gate {gate.clause}** `{gate.id}`{' (advisory)' if gate.advisory else ''}\n\n{gate.title}"
    levels = [(i, lv) for i in std.indicators for lv in i.rules_of(ast.Level) if lv.name == name]
    if levels:
        return "\n\n".join(f"**level** `{lv.name}` of {i.clause} `{i.id}`: {_points(lv.points)}\n\n{lv.wording}" for i, lv in levels)
    if name in units.CONVERSIONS:
        base, factor = units.CONVERSIONS[name]
        return f"**unit** {name}" + (f": 1 {name} = {factor} {base}" if base != name else " (a base unit)")
    if name in units.COUNT_UNITS:
        return f"**unit** {name}: things counted one by one (whole numbers)"
    return None


def hover_rule(std: ast.Standard, file: str, line: int) -> str | None:
    """What the rule written on ``line`` of ``file`` says (a hover on its keyword): a band, its
    interval and points; a reading or an erratum, what it says; any other rule, as written."""
    for ind in std.indicators:
        for r in ind.rules:
            if r.span.file != file or r.span.line != line:
                continue
            if isinstance(r, ast.Band):
                iv = interval_of(r.test, ind.id)
                words = f"for a value {_interval_words(iv)}" if isinstance(iv, Interval) else f"({iv})"
                return f"**band** of {ind.clause} `{ind.id}`: {_points(r.points)} {words}"
            if isinstance(r, ast.Note):
                label = "erratum of the source" if r.kind == "erratum" else "reading of ours"
                return f"**{label}** on {ind.clause} `{ind.id}`\n\n{r.text}\n\nshown with the indicator in every output"
            return f"**{ind.clause}** `{ind.id}`: `{rule_text(r)}`"
    return None


def _formula(ind: ast.Indicator) -> str:
    assert ind.formula is not None
    return expr_text(ind.formula.expr)


def completions(std: ast.Standard | None) -> list[Completion]:
    """What may be typed in a rule file: data keys (inputs, indicators), categories, gates,
    levels, units with their conversions, keywords (without a standard that checks: the last two)."""
    out: list[Completion] = []
    if std is not None:
        out += [Completion(i.id, "input", f"{i.unit or i.kind.value} {i.title}") for i in std.inputs]
        out += [Completion(i.id, "indicator", f"{i.clause} {i.title}") for i in std.indicators]
        out += [Completion(c.id, "category", c.title) for c in std.categories]
        out += [Completion(g.id, "gate", f"{g.clause} {g.title}") for g in std.gates]
        out += [Completion(lv.name, "level", f"{i.clause} {_points(lv.points)}") for i in std.indicators for lv in i.rules_of(ast.Level)]
    out += [Completion(u, "unit", f"1 {u} = {f} {b}" if b != u else "base unit")
            for u, (b, f) in units.CONVERSIONS.items()]
    out += [Completion(k, "keyword", "keyword") for k in sorted(keywords())]
    return list({(c.label, c.kind): c for c in out}.values())


def outline(std: ast.Standard, file: str) -> list[Outline]:
    """The symbols of one file of the standard: its header, inputs, gates, categories with their indicators."""
    out: list[Outline] = []
    if std.header.span.file == file:
        out.append(Outline(f"{std.header.family}@{std.header.version}", std.header.title or "", "header", std.header.span))
    out += [Outline(i.id, i.title, "input", i.span) for i in std.inputs if i.span.file == file]
    out += [Outline(f"{g.clause} {g.id}", g.title, "gate", g.span) for g in std.gates if g.span.file == file]
    for c in std.categories:
        kids = tuple(Outline(f"{i.clause} {i.id}", i.title, "indicator", i.span) for i in c.indicators if i.span.file == file)
        if c.span.file == file:
            out.append(Outline(c.id, c.title, "category", c.span, kids))
        else:
            out += kids
    return sorted(out, key=lambda o: (o.span.line, o.span.col))


def classified(std: ast.Standard | None, text: str) -> list[tuple[Token, str]]:
    """The tokens worth colouring, each with its class: comment, string, number, keyword,
    operator, or what a name is (input, indicator, category, gate, level, unit)."""
    out = []
    for tok in scan(text):
        if tok.kind in (Kind.SPACE, Kind.OTHER):
            continue
        if tok.kind is Kind.NAME:
            kind = kind_of(std, tok.text) if std is not None else None
            if kind is not None:
                out.append((tok, str(kind)))
            continue
        out.append((tok, tok.kind.value))
    return out


def rename_problem(std: ast.Standard, new: str) -> str | None:
    """Why ``new`` cannot be a name of the standard (None: it can)."""
    toks = [t for t in scan(new) if t.kind is not Kind.SPACE]
    if len(toks) == 1 and toks[0].kind is Kind.KEYWORD:
        return f"'{new}' is a keyword of the rule language"
    if len(toks) != 1 or toks[0].kind is not Kind.NAME:
        return f"'{new}' is not a name (a letter or _, then letters, digits or _)"
    if kind_of(std, new) not in (None, "unit"):
        return f"'{new}' already names a {kind_of(std, new)} of this standard"
    return None


def rename(sources: SourceMap, files: list[str], name: str, new: str) -> list[Edit]:
    """The edits that rename ``name`` everywhere in ``files`` (a data key across a standard's folder)."""
    return [Edit(s, new) for s in references(sources, files, name)]
