"""Text as parkscore reads and shows it: source lines, display width.

* Lines: a file's lines are split on ``\\n`` only (a ``\\r`` before it is dropped), the way the
  parser and the YAML reader count them; ``str.splitlines`` also splits on vertical tabs, form
  feeds and U+2028, which would put a quoted source line out of step with the positions.
* Width: the columns a string takes in a terminal, by wcwidth (a CJK character takes two), so
  carets under a source line and aligned tables agree on every machine.
"""
from __future__ import annotations

from wcwidth import wcswidth, wcwidth


def source_lines(text: str) -> list[str]:
    """The lines of a source text, numbered as diagnostics number them (1-based: ``lines[n - 1]``)."""
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


def source_line(text: str | None, line: int) -> str:
    """Line ``line`` of ``text`` (1-based), or "" if there is no such line."""
    lines = source_lines(text or "")
    return lines[line - 1] if 0 < line <= len(lines) else ""


def char_width(c: str) -> int:
    """Terminal columns of one character as ``visible`` shows it (a control character is one \ufffd)."""
    if not c.isprintable():
        return 1
    return max(wcwidth(c), 0)


def visible(line: str) -> str:
    """A line for a terminal: control characters and separators shown as \ufffd (one column each)."""
    return "".join(c if c == "\t" or c.isprintable() else "\ufffd" for c in line)


def width(s: str) -> int:
    """Terminal columns of a string."""
    w = wcswidth(s)
    return w if w >= 0 else sum(char_width(c) for c in s)
