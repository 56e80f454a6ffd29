"""Stage 1, source text -> parse tree: the Lark parser and the one place Lark errors are translated."""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .diagnostics import Diagnostic, DiagnosticError, SourceMap
from .span import Span
from .text import bad_characters, source_lines


@cache
def grammar_parser() -> Lark:
    """The LALR parser, built once per process from the packaged grammar."""
    return Lark.open_from_package(
        "parkscore.grammar",
        "parkscore.lark",
        ("",),
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=False,
    )


MAX_SYNTAX_ERRORS = 20
_BLOCK_START = re.compile(r"^\s*(override\s+)?(indicator|category)\b")
_STATEMENT_START = re.compile(r"^\s*(standard|input|category|indicator|gate|remove|override)\b")


def parse_tree(text: str, path: str) -> Tree[Token]:
    """Parse one file; syntax errors become a DiagnosticError carrying ``path:line:col``.

    Every syntax error of a file is reported, not just the first: statements are lines, so after
    an error the offending statement is blanked out (an indicator or category header together with
    its indented rule lines, to avoid cascades) and the file is parsed again.
    """
    bad = bad_characters(text, path, "E005") or _too_long(text, path)
    if bad:
        sources = SourceMap()
        sources.add(path, text)
        raise DiagnosticError(bad, sources)
    if not text.endswith("\n"):
        text += "\n"
    lines = text.split("\n")
    found: list[Diagnostic] = []
    blanked: set[int] = set()
    while True:
        try:
            tree = grammar_parser().parse("\n".join(lines))
            break
        except UnexpectedInput as exc:
            found.append(_syntax_diagnostic(exc, text, path))
            line = max(exc.line, 1)
            if line in blanked or line > len(lines) or len(found) >= MAX_SYNTAX_ERRORS:
                break
            for n in _statement_lines(lines, line):
                lines[n - 1] = ""
                blanked.add(n)
    if not found:
        found = _too_deep(tree, path)
    if found:
        sources = SourceMap()
        sources.add(path, text)
        raise DiagnosticError(found, sources)
    return tree


MAX_NESTING = 100
MAX_LINE = 4000  # characters of one statement: the longest line of a shipped standard has 215


def _too_long(text: str, path: str) -> list[Diagnostic]:
    """Lines the parser is not asked to read (checked in linear time, before parsing): longer than
    MAX_LINE, or with parentheses open more than MAX_NESTING deep (a formula of a million terms
    took 78 s and 1.7 GB to reach the nesting check after parsing)."""
    out = []
    for n, line in enumerate(source_lines(text), 1):
        if len(line) > MAX_LINE:
            out.append(Diagnostic("E004", f"line of {len(line):,} characters: a statement is at most {MAX_LINE:,}",
                                  Span(path, n, MAX_LINE + 1, n, MAX_LINE + 2), "split the formula: compute parts as indicators or inputs"))
            continue
        depth = deepest = col = 0
        for i, c in enumerate(line):
            depth += (c == "(") - (c == ")")
            if depth > deepest:
                deepest = depth
                col = i + 1 if depth == MAX_NESTING + 1 else col
        if deepest > MAX_NESTING:
            out.append(Diagnostic("E004", f"parentheses nest {deepest} deep: at most {MAX_NESTING}", Span(path, n, col, n, col + 1),
                                  "split the formula: compute parts as indicators or inputs"))
    return out


def _too_deep(tree: Tree[Token], path: str) -> list[Diagnostic]:
    """Statements nested deeper than MAX_NESTING (a formula of hundreds of terms): reported, since
    every later stage walks the tree recursively. The walk here is iterative."""
    stack: list[tuple[Tree[Token], int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            line, col = getattr(node.meta, "line", 1), getattr(node.meta, "column", 1)
            return [Diagnostic("E004", f"this statement nests more than {MAX_NESTING} levels deep", Span(path, line, col, line, col + 1),
                               "split the formula: compute parts as indicators or inputs")]
        stack.extend((c, depth + 1) for c in node.children if isinstance(c, Tree))
    return []


def _statement_lines(lines: list[str], line: int) -> list[int]:
    """The line of a failed statement, plus the indented rule lines of a failed block header."""
    out = [line]
    if _BLOCK_START.match(lines[line - 1]):
        n = line + 1
        while n <= len(lines) and not _STATEMENT_START.match(lines[n - 1]):
            out.append(n)
            n += 1
    return out


# Human names for the grammar's terminals, used in "expected ..." messages.
_TERMINALS = {
    "_NL": "end of line",
    "NUMBER": "a number",
    "CLAUSE": "a clause number such as 7.17",
    "ID": "a name",
    "STRING": 'a quoted text ("...")',
    "CMP": "a comparison (<, <=, >, >=)",
    "MINUS": "'-'",
    "PLUS": "'+'",
    "STAR": "'*'",
    "SLASH": "'/'",
    "LPAR": "'('",
    "RPAR": "')'",
    "EQUAL": "'='",
    "COLON": "':'",
    "PERCENT": "'%'",
    "UNIT_OP": "'/' or '*'",
    "ADVISORY": "'advisory'",
    "_ARROW": "'->'",
}

# Signs pasted from the standards' tables, and what the language spells them as.
_ASCII = {"≤": "<=", "≥": ">=", "⩽": "<=", "⩾": ">=", "＜": "<", "＞": ">", "＝": "=", "“": '"', "”": '"', "：": ":"}

# Bad examples -> the message a standards author should see (lark's match_examples idiom).
_HEAD = 'standard "s" version "1"\ncategory c "t" max 3\nindicator 7.1 x "t"\n'
_EXAMPLES: dict[str, list[str]] = {
    "missing '->' between the band and its points (write: score x <= 1 -> 3)": [
        _HEAD + "score x <= 1 3\n",
        _HEAD + "score 1 < x <= 2 2\n",
    ],
    "missing points after '->' (write: score x <= 1 -> 3)": [
        _HEAD + "score x <= 1 ->\n",
        _HEAD + "level a ->\n",
    ],
    "a band needs a comparison (write: score x >= 80 -> 3)": [
        _HEAD + "score x -> 3\n",
        _HEAD + "score -> 3\n",
    ],
    "titles and wordings are quoted text (write: \"化工行业主营业务收入\")": [
        'standard "s" version "1"\ncategory c 产业发展 max 3\n',
        'standard "s" version "1"\ncategory c "t" max 3\nindicator 7.1 x 化工\n',
        _HEAD + "level a -> 2 完善\n",
    ],
    "an indicator starts with its clause number, then its id (write: indicator 7.17 COD_intensity \"...\")": [
        'standard "s" version "1"\ncategory c "t" max 3\nindicator x "t"\n',
    ],
    "'=' is for formulas; compare with <, <=, >, >= (write: score x >= 80 -> 3)": [
        _HEAD + "score x = 1 -> 3\n",
        _HEAD + "score x == 1 -> 3\n",
    ],
}


def _syntax_diagnostic(exc: UnexpectedInput, text: str, path: str) -> Diagnostic:
    line, col = max(exc.line, 1), max(exc.column, 1)
    width = 1
    hint = None
    if isinstance(exc, UnexpectedToken) and exc.token is not None:
        tok = exc.token
        width = max(1, len(str(tok))) if tok.type != "_NL" else 1
        found = "end of line" if tok.type == "_NL" else ("end of file" if tok.type == "$END" else repr(str(tok)))
        message = f"unexpected {found}"
        hint = _expected(exc.accepts or exc.expected)
    elif isinstance(exc, UnexpectedCharacters):
        lines = source_lines(text)
        src = lines[line - 1] if line <= len(lines) else ""
        ch = src[col - 1] if col <= len(src) else ""
        message = f"unexpected character {ch!r}"
        hint = f"write {_ASCII[ch]} instead of {ch}" if ch in _ASCII else _expected(exc.allowed)
    elif isinstance(exc, UnexpectedEOF):
        message = "unexpected end of file"
        hint = _expected(exc.expected)
    else:  # pragma: no cover - lark has no other UnexpectedInput subclasses
        message = str(exc)
    if not isinstance(exc, UnexpectedCharacters):
        try:
            label = exc.match_examples(grammar_parser().parse, _EXAMPLES, use_accepts=True)
        except TypeError:  # lark 1.3 formats a ParserState with %d in a debug message on some states
            label = None
        hint = label or hint
    return Diagnostic("E001", f"syntax error: {message}", Span(path, line, col, line, col + width), hint)


def _expected(names: Iterable[object] | None) -> str | None:
    if not names:
        return None
    shown = sorted({_TERMINALS.get(str(n), repr(str(n)).lower().strip("'\"")) for n in names})
    if len(shown) > 8:
        return None
    return "expected " + ", ".join(shown)
