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
    """Every keyword of the rule-file grammar."""
    grammar = resources.files("parkscore.grammar").joinpath("parkscore.lark").read_text(encoding="utf-8")
    return frozenset(re.findall(r'"([a-z_]+)"', grammar))


_SCAN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"?)
  | (?P<number>\d+(?:\.\d+)*(?:\(\d+\))?)
  | (?P<name>[^\W\d]\w*)
  | (?P<operator><=|>=|->|\.\.|[<>=+\-*/%:()])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def scan(text: str) -> Iterator[Token]:
    """Every token of ``text`` in order, spaces and newlines included (their texts join to ``text``).
    A clause such as ``7.17`` or ``4(1)`` is a NUMBER; an unterminated string runs to the line's end."""
    line, col = 1, 1
    kws = keywords()
    for m in _SCAN.finditer(text):
        kind = Kind(m.lastgroup or "other")
        word = m.group()
        if kind is Kind.NAME and word in kws:
            kind = Kind.KEYWORD
        yield Token(kind, word, line, col)
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
