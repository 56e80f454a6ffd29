"""Stage 2, parse tree -> AST (``dsl.ast``), with a span on every node.

Shape errors that the grammar cannot express (an attribute given twice, two formulas)
are collected as diagnostics, never raised one at a time.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from lark import Token, Transformer, Tree, v_args

from . import ast
from .diagnostics import Diagnostic
from .span import Span
from .units import make_unit

_ESCAPE = re.compile(r"\\(.)")


def unquote(token: str) -> str:
    """A quoted text's value: the quotes removed, ``\\"`` and ``\\\\`` unescaped."""
    return _ESCAPE.sub(r"\1", token[1:-1])


def _text_field(key: str) -> Callable[["ToAst", Any, list[Token]], tuple[str, Any, Span]]:
    """The transformer method of a field whose value is one quoted text: (key, text, span)."""
    def method(self: "ToAst", meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return (key, self._string(c[0]), self._span(meta))
    return method


@v_args(meta=True)
class ToAst(Transformer):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path
        self.diagnostics: list[Diagnostic] = []

    # -- helpers ---------------------------------------------------------------
    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.path, 1, 1, 1, 1)
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tok(self, tok: Token) -> Span:
        return Span(self.path, tok.line or 1, tok.column or 1, tok.end_line or 1, tok.end_column or 1)

    def _string(self, tok: Token) -> str:
        """A quoted text: ``\\"`` and ``\\\\`` are its only escapes; any other is an error, not a
        silent change (``\\n`` would otherwise become ``n``)."""
        text = str(tok)[1:-1]
        for m in _ESCAPE.finditer(text):
            if m.group(1) not in '"\\':
                col = (tok.column or 1) + 1 + m.start()
                self._error("E001", f"syntax error: unknown escape '\\{m.group(1)}' in a quoted text", Span(self.path, tok.line or 1, col, tok.line or 1, col + 2),
                            'a text is one line; only \\" and \\\\ are escapes')
        return unquote(str(tok))

    def _error(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(code, message, span, hint))

    # -- file and header ---------------------------------------------------------
    def start(self, meta: Any, children: list[Any]) -> ast.SourceFile:
        header = next((c for c in children if isinstance(c, ast.Header)), None)
        return ast.SourceFile(
            self.path,
            header,
            tuple(c for c in children if isinstance(c, ast.InputDecl)),
            tuple(c for c in children if isinstance(c, ast.Category)),
            tuple(c for c in children if isinstance(c, ast.Gate)),
            tuple(c for c in children if isinstance(c, (ast.Remove, ast.Override))),
            span=self._span(meta),
            decls=tuple(children),
        )

    def header(self, meta: Any, children: list[Any]) -> ast.Header:
        family, version, *fields = children
        values: dict[str, Any] = {}
        readings = [value for key, value, _ in fields if key == "reading"]
        grades = [value for key, value, _ in fields if key == "grade"]
        for key, value, span in fields:
            if key in ("reading", "grade"):
                continue
            if key in values:
                self._error("E002", f"header field '{key}' given twice", span)
            values[key] = value
        pass_mark, pass_note = values.pop("pass", (None, None))
        lines = tuple(("pass" if k == "pass" else k, span.line) for k, _, span in fields)
        return ast.Header(
            self._string(family), self._string(version), pass_mark=pass_mark, pass_note=pass_note, span=self._span(meta),
            field_lines=lines, readings=tuple(readings), grades=tuple(grades), **values
        )

    # header fields and the textual 指标要求 whose value is one quoted text
    (h_title, h_source, h_status, h_date, h_amends, h_reading, h_scope, h_data_sources, h_illustrative, a_requirement_text,
     h_effective, h_until) = (
        _text_field(k) for k in ("title", "source", "status", "date", "amends", "reading", "scope", "data_sources", "illustrative",
                                 "requirement_text", "effective", "until"))

    def h_total(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("total", Decimal(c[0]), self._span(meta))

    def reading_note(self, meta: Any, c: list[Token]) -> ast.Note:
        return ast.Note("reading", self._string(c[0]), span=self._span(meta))

    def erratum_note(self, meta: Any, c: list[Token]) -> ast.Note:
        return ast.Note("erratum", self._string(c[0]), span=self._span(meta))

    def h_pass(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("pass", (Decimal(c[0]), self._string(c[1]) if len(c) > 1 else None), self._span(meta))

    # -- inputs and units ----------------------------------------------------------
    def input_decl(self, meta: Any, c: list[Any]) -> ast.InputDecl:
        name, (kind, unit), *rest = c
        rng = rest.pop(0) if isinstance(rest[0], ast.Range) else None
        includes = rest.pop() if isinstance(rest[-1], tuple) else ()
        return ast.InputDecl(str(name), ast.InputKind(kind), unit, self._string(rest[0]), rng, span=self._span(meta), includes=includes)

    def includes(self, meta: Any, c: list[Token]) -> tuple[ast.Ref, ...]:
        return tuple(ast.Ref(str(t), span=self._tok(t)) for t in c)

    def value_range(self, meta: Any, c: list[Token]) -> ast.Range:
        return ast.Range(Decimal(c[0]), Decimal(c[1]), span=self._span(meta))

    def a_range(self, meta: Any, c: list[Any]) -> tuple[str, Any, Span]:
        return ("range", c[0], self._span(meta))

    def number_type(self, meta: Any, c: list[Any]) -> tuple[str, ast.Unit]:
        return ("number", c[0])

    def series_type(self, meta: Any, c: list[Any]) -> tuple[str, ast.Unit]:
        return ("series", c[0])

    def bool_type(self, meta: Any, c: list[Any]) -> tuple[str, None]:
        return ("bool", None)

    def items_type(self, meta: Any, c: list[Any]) -> tuple[str, None]:
        return ("items", None)

    def unit_factor(self, meta: Any, c: list[Token]) -> Token:
        return c[0]

    def unit(self, meta: Any, c: list[Token]) -> ast.Unit:
        return make_unit([str(t) for t in c], self._span(meta))

    # -- categories and indicators ---------------------------------------------------
    def c_max(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("max", Decimal(c[0]), self._span(meta))

    def c_weight(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("weight", Decimal(c[0]), self._span(meta))

    def category(self, meta: Any, c: list[Any]) -> ast.Category:
        cid, title, *rest = c
        attrs = self._attrs([r for r in rest if isinstance(r, tuple)])
        indicators = tuple(i for i in rest if isinstance(i, ast.Indicator))
        indicators = tuple(_with_category(i, str(cid)) for i in indicators)
        return ast.Category(str(cid), self._string(title), attrs.get("max"), indicators, attrs.get("weight"), span=self._span(meta),
                            at_least=attrs.get("at_least"), bonus=bool(attrs.get("bonus")))

    # -- amendments ------------------------------------------------------------------
    def _remove(self, what: str, meta: Any, c: list[Token]) -> ast.Remove:
        return ast.Remove(what, str(c[0]), span=self._span(meta))

    def remove_indicator(self, meta: Any, c: list[Token]) -> ast.Remove:
        return self._remove("indicator", meta, c)

    def remove_gate(self, meta: Any, c: list[Token]) -> ast.Remove:
        return self._remove("gate", meta, c)

    def remove_input(self, meta: Any, c: list[Token]) -> ast.Remove:
        return self._remove("input", meta, c)

    def remove_category(self, meta: Any, c: list[Token]) -> ast.Remove:
        return self._remove("category", meta, c)

    def _override(self, meta: Any, c: list[Any]) -> ast.Override:
        return ast.Override(c[0], span=self._span(meta))

    override_indicator = override_category = override_gate = override_input = _override

    def _attrs(self, items: list[tuple[str, Any, Span]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value, span in items:
            if key in out:
                self._error("E002", f"'{key}' given twice", span)
            out[key] = value
        return out

    def ind_attrs(self, meta: Any, c: list[Any]) -> list[tuple[str, Any, Span]]:
        return c

    def a_unit(self, meta: Any, c: list[Any]) -> tuple[str, Any, Span]:
        return ("unit", c[0], self._span(meta))

    def a_max(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("max_points", Decimal(c[0]), self._span(meta))

    def a_table(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("table", int(Decimal(c[0])), self._span(meta))

    def a_requirement(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("requirement", ast.Requirement(str(c[0]), Decimal(c[1]), span=self._span(meta)), self._span(meta))

    def indicator(self, meta: Any, c: list[Any]) -> ast.Indicator:
        clause, iid, title, *rest = c
        attr_list = rest[0] if rest and isinstance(rest[0], list) else []
        attr_line = attr_list[0][2].line if attr_list else 0
        rules = [r for r in rest if not isinstance(r, list)]
        attrs = self._attrs(attr_list)
        formulas = [r for r in rules if isinstance(r, ast.Formula)]
        for extra in formulas[1:]:
            self._error("E003", f"indicator '{iid}' has more than one formula", extra.span)
        return ast.Indicator(
            str(clause),
            str(iid),
            self._string(title),
            formula=formulas[0] if formulas else None,
            rules=tuple(r for r in rules if not isinstance(r, ast.Formula)),
            span=self._span(meta),
            attr_line=attr_line,
            **attrs,
        )

    def formula(self, meta: Any, c: list[Any]) -> ast.Formula:
        return ast.Formula(str(c[0]), c[1], span=self._span(meta))

    def band(self, meta: Any, c: list[Any]) -> ast.Band:
        test, points, *rest = c
        tier = next((r for r in rest if isinstance(r, ast.Compare)), None)
        wording = next((self._string(r) for r in rest if isinstance(r, Token)), None)
        return ast.Band(test, Decimal(points), wording, span=self._span(meta), when=tier)

    def rank(self, meta: Any, c: list[Any]) -> ast.Rank:
        return ast.Rank(str(c[0]), str(c[1]) == "lowest", span=self._span(meta))

    def tier(self, meta: Any, c: list[Any]) -> ast.Compare:
        return c[0]

    def no_threshold(self, meta: Any, c: list[Any]) -> ast.NoThreshold:
        return ast.NoThreshold(c[0], self._string(c[1]), span=self._span(meta))

    def excuse(self, meta: Any, c: list[Any]) -> ast.Excuse:
        return ast.Excuse(c[0], self._string(c[1]) if len(c) > 1 else None, span=self._span(meta))

    def a_veto(self, meta: Any, c: list[Any]) -> tuple[str, Any, Span]:
        return ("veto", str(c[0]) if c else True, self._span(meta))

    def c_at_least(self, meta: Any, c: list[Token]) -> tuple[str, Any, Span]:
        return ("at_least", int(Decimal(c[0])), self._span(meta))

    def h_grade(self, meta: Any, c: list[Any]) -> tuple[str, Any, Span]:
        return ("grade", ast.Grade(str(c[0]), self._string(c[1]), c[2], span=self._span(meta)), self._span(meta))

    def level(self, meta: Any, c: list[Any]) -> ast.Level:
        return ast.Level(str(c[0]), Decimal(c[1]), self._string(c[2]), span=self._span(meta))

    def count(self, meta: Any, c: list[Any]) -> ast.Count:
        return ast.Count(Decimal(c[0]), str(c[1]), Decimal(c[2]), span=self._span(meta))

    def deduct(self, meta: Any, c: list[Any]) -> ast.Count:
        return ast.Count(Decimal(c[0]), str(c[1]), Decimal(0), span=self._span(meta), deduct=True,
                         wording=self._string(c[2]) if len(c) > 2 else None)

    def c_bonus(self, meta: Any, c: list[Any]) -> tuple[str, Any, Span]:
        return ("bonus", True, self._span(meta))

    def trend(self, meta: Any, c: list[Any]) -> ast.Trend:
        series, direction, years, points, *wording = c
        return ast.Trend(str(series), str(direction), int(Decimal(years)), Decimal(points),
                         self._string(wording[0]) if wording else None, span=self._span(meta))

    def require(self, meta: Any, c: list[Any]) -> ast.Require:
        return ast.Require(c[0], self._string(c[1]) if len(c) > 1 else None, span=self._span(meta))

    def exempt(self, meta: Any, c: list[Any]) -> ast.Exempt:
        return ast.Exempt(c[0], Decimal(c[1]), self._string(c[2]) if len(c) > 2 else None, span=self._span(meta))

    def gate(self, meta: Any, c: list[Any]) -> ast.Gate:
        clause, gid, title, *adv = c
        return ast.Gate(str(clause), str(gid), self._string(title), bool(adv), span=self._span(meta))

    # -- expressions and conditions ------------------------------------------------------
    def num(self, meta: Any, c: list[Token]) -> ast.Num:
        return ast.Num(Decimal(c[0]), str(c[0]), span=self._tok(c[0]))

    def ref(self, meta: Any, c: list[Token]) -> ast.Ref:
        return ast.Ref(str(c[0]), span=self._tok(c[0]))

    def cmp_chain(self, meta: Any, c: list[Any]) -> ast.Compare:
        return ast.Compare(tuple(c[0::2]), tuple(str(t) for t in c[1::2]), span=self._span(meta))

    def cond_ref(self, meta: Any, c: list[Token]) -> ast.CondRef:
        return ast.CondRef(str(c[0]), span=self._tok(c[0]))

    def not_(self, meta: Any, c: list[Any]) -> ast.Not:
        return ast.Not(c[0], span=self._span(meta))

    def and_(self, meta: Any, c: list[Any]) -> ast.Cond:
        return c[0] if len(c) == 1 else ast.BoolOp("and", tuple(c), span=self._span(meta))

    def or_(self, meta: Any, c: list[Any]) -> ast.Cond:
        return c[0] if len(c) == 1 else ast.BoolOp("or", tuple(c), span=self._span(meta))

    def _binop(self, op: str, meta: Any, c: list[Any]) -> ast.BinOp:
        return ast.BinOp(op, c[0], c[1], span=self._span(meta))

    def add(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("+", meta, c)

    def sub(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("-", meta, c)

    def mul(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("*", meta, c)

    def div(self, meta: Any, c: list[Any]) -> ast.BinOp:
        return self._binop("/", meta, c)


def _with_category(ind: ast.Indicator, category: str) -> ast.Indicator:
    from dataclasses import replace

    return replace(ind, category=category)



def to_ast(tree: Tree[Token], path: str) -> tuple[ast.SourceFile, list[Diagnostic]]:
    t = ToAst(path)
    return t.transform(tree), t.diagnostics
