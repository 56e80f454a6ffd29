"""The words of a rule file, for tools that read text as it is typed (a language server's
references, rename and semantic tokens; the Pygments lexer that highlights rule text in HTML):
a scanner that never fails, whatever the text, unlike the parser. The keywords are the grammar's
own (read from ``grammar/parkscore.lark``), so a keyword added there is highlighted everywhere."""
from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Iterator, NamedTuple


class Kind(StrEnum):
    COMMENT = "comment"
    STRING = "string"
    NUMBER = "number"
    KEYWORD = "keyword"
    NAME = "name"
    OPERATOR = "operator"
    SPACE = "space"
    OTHER = "other"  # a character the grammar has no token for: the parser reports it


class Token(NamedTuple):
    kind: Kind
    text: str
    line: int  # 1-based
    col: int  # 1-based, in characters


@cache
def keywords() -> frozenset[str]:
    """Every keyword of the grammars of rule files: standards and amendments, and schemes."""
    grammars = resources.files("parkscore.grammar")
    return frozenset(w for name in ("parkscore.lark", "scheme.lark")
                     for w in re.findall(r'"([a-z_]+)"', grammars.joinpath(name).read_text(encoding="utf-8")))


_SCAN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<number>\d+(?:\.\d+)*(?:\(\d+\))?)
  | (?P<name>[^\W\d]\w*)
  | (?P<operator><=|>=|->|\.\.|[<>=+\-*/%:(),|])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


_CLAUSE = re.compile(r"[A-Z]+\.?\d+(?:\.\d+)*(?:\(\d+\))?(?!\w)")  # B1.1, after `indicator` or `gate`


def scan(text: str) -> Iterator[Token]:
    """Every token of ``text`` in order, spaces and newlines included (their texts join to ``text``).
    A clause such as ``7.17``, ``4(1)`` (or ``B1.1`` after ``indicator`` or ``gate``) is a NUMBER;
    an unterminated string runs to the line's end."""
    line, col, at = 1, 1, 0
    kws = keywords()
    before = ""  # the last token that is not a space
    while at < len(text):
        clause = _CLAUSE.match(text, at) if before in ("indicator", "gate") else None
        m = clause or _SCAN.match(text, at)
        assert m is not None  # `other` matches any character
        kind = Kind.NUMBER if clause else Kind(m.lastgroup or "other")
        word = m.group()
        if kind is Kind.NAME and word in kws:
            kind = Kind.KEYWORD
        yield Token(kind, word, line, col)
        if kind is not Kind.SPACE:
            before = word
        at = m.end()
        newlines = word.count("\n")
        if newlines:
            line += newlines
            col = len(word) - word.rfind("\n")
        else:
            col += len(word)


def names(text: str) -> Iterator[Token]:
    """The names of ``text`` (data keys, indicators, categories, gates, levels, units), outside
    comments and strings."""
    return (t for t in scan(text) if t.kind is Kind.NAME)
