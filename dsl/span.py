"""Source positions: where a node, a diagnostic or a trace event comes from."""
from __future__ import annotations

from typing import NamedTuple

from .text import char_width, visible

WINDOW = 160  # characters of a source line a diagnostic quotes around its place


class Span(NamedTuple):
    """A range in a source file; lines and columns are 1-based, ``end_col`` exclusive. A cell of
    a table has its reference in ``cell`` (``!F12`` or ``:F12``) and is shown by it
    (``parks.xlsx:Sheet1!F12``); its line and columns then point into the row as shown.

    A named tuple: every value of every rule and data file carries one, and a tuple is made in a
    third of the time a frozen dataclass takes (immutable, ordered and hashable all the same)."""

    file: str
    line: int
    col: int
    end_line: int
    end_col: int
    cell: str | None = None

    def __str__(self) -> str:
        return f"{self.file}{self.cell}" if self.cell else f"{self.file}:{self.line}:{self.col}"

    def excerpt(self, src: str) -> str:
        """``src``, the source line of this span, with a caret underline, for error messages."""
        width = self.end_col - self.col if self.end_line == self.line else len(src) - self.col + 1
        width = max(1, min(width, WINDOW))
        col = self.col
        if len(src) > WINDOW:  # a window of a long line around the place, never the whole line
            start = max(0, min(col - 1 - WINDOW // 2, len(src) - WINDOW))
            head, tail = ("…" if start else ""), ("…" if start + WINDOW < len(src) else "")
            src = head + src[start:start + WINDOW] + tail
            col = col - start + len(head)
        # the caret goes under the characters, whatever their width in the terminal
        pad = "".join("\t" if c == "\t" else " " * char_width(c) for c in src[: col - 1])
        marks = "".join("^" * char_width(c) for c in src[col - 1 : col - 1 + width]) or "^"
        return f"  {visible(src)}\n  {pad}{marks}"


NOWHERE = Span("<builtin>", 0, 0, 0, 0)
COMMAND_LINE = Span("<command line>", 0, 0, 0, 0)
