"""AST -> text for expressions and conditions (used by traces, explain and the formatter)."""
from __future__ import annotations

from typing import Callable

from . import ast
from .numbers import written

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def expr_text(e: ast.Expr, name: Callable[[str], str] = str, parent: int = 0, right: bool = False) -> str:
    """Print an expression with minimal parentheses; ``name`` may substitute values for names."""
    if isinstance(e, ast.Num):
        return e.text
    if isinstance(e, ast.Ref):
        return name(e.name)
    p = _PREC[e.op]
    inner = f"{expr_text(e.left, name, p)} {e.op} {expr_text(e.right, name, p, True)}"
    # a - (b - c) and a / (b / c) need their parentheses on the right
    if p < parent or (p == parent and right):
        return f"({inner})"
    return inner


def cond_text(c: ast.Cond, parent: str = "") -> str:
    if isinstance(c, ast.CondRef):
        return c.name
    if isinstance(c, ast.Compare):
        parts: list[str] = []
        for i, o in enumerate(c.operands):
            parts.append(o.name if isinstance(o, ast.Ref) else o.text)
            if i < len(c.ops):
                parts.append(c.ops[i])
        return " ".join(parts)
    if isinstance(c, ast.Not):
        return "not " + cond_text(c.operand, "not")
    inner = f" {c.op} ".join(cond_text(o, c.op) for o in c.operands)
    return f"({inner})" if parent and parent != c.op else inner


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rule_text(r: ast.Rule, wording: bool = True) -> str:
    """A rule as it is written in a rule file (without its quoted wording if ``wording`` is False)."""
    words: str | None = getattr(r, "wording", None)
    w = f" {quote(words)}" if wording and words is not None else ""
    if isinstance(r, ast.Band):
        tier = f" when {cond_text(r.when)}" if r.when is not None else ""
        return f"score {cond_text(r.test)} -> {written(r.points)}{tier}{w}"
    if isinstance(r, ast.NoThreshold):
        return f"no threshold when {cond_text(r.when)} {quote(r.wording)}"
    if isinstance(r, ast.Rank):
        return f"rank {r.of} {'lowest' if r.lowest_first else 'highest'} first"
    if isinstance(r, ast.Excuse):
        return f"excuse if {cond_text(r.cond)}{w}"
    if isinstance(r, ast.Level):
        return f"level {r.name} -> {written(r.points)}{w}"
    if isinstance(r, ast.Count):
        if r.deduct:
            return f"deduct {written(r.per_item)} per {r.items}{w}"
        return f"points {written(r.per_item)} per {r.items} up to {written(r.cap)}"
    if isinstance(r, ast.Require):
        return f"require {cond_text(r.cond)}{w}"
    if isinstance(r, ast.Exempt):
        return f"exempt if {cond_text(r.cond)} -> {written(r.points)}{w}"
    if isinstance(r, ast.Note):
        return f"{r.kind} {quote(r.text)}"
    return f"trend {r.series} {r.direction} over {r.years} years -> {written(r.points)}{w}"
