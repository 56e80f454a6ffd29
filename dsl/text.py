"""Text as parkscore reads and shows it: source lines, display width.

* Lines: a file's lines are split on ``\\n`` only (a ``\\r`` before it is dropped), the way the
  parser and the YAML reader count them; ``str.splitlines`` also splits on vertical tabs, form
  feeds and U+2028, which would put a quoted source line out of step with the positions.
* Width: the columns a string takes in a terminal, by wcwidth (a CJK character takes two), so
  carets under a source line and aligned tables agree on every machine.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

# Characters no rule or data file needs, which editors hide: control characters (a vertical tab
# pasted from Word), NEL and the Unicode line and paragraph separators (which some tools count as
# line breaks and others do not), a byte-order mark inside the text.
BAD_CHARS = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"} | {"\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe"}
_ANY_BAD = re.compile("[" + "".join(re.escape(c) for c in sorted(BAD_CHARS)) + "]")


def source_lines(text: str) -> list[str]:
    """The lines of a source text, numbered as diagnostics number them (1-based: ``lines[n - 1]``)."""
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


def char_width(c: str) -> int:
    """Terminal columns of one character as ``visible`` shows it (a control character is one \ufffd)."""
    if not c.isprintable():
        return 1
    from wcwidth import wcwidth  # imported when a width is first needed: most runs print no table

    return max(wcwidth(c), 0)


def ungarbled(s: str) -> str | None:
    """What ``s`` read before its UTF-8 bytes were taken for Windows-1252 (Latin-1 where that has no
    character) and saved again, as LibreOffice's default CSV import does on a Western system
    (``亿元`` becomes ``äº¿å…ƒ``); None when ``s`` does not look like that."""
    raw = bytearray()
    for c in s:
        try:
            raw += c.encode("cp1252")
        except UnicodeEncodeError:
            if ord(c) > 0xFF:
                return None
            raw.append(ord(c))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if text != s else None


def encoding_hint(s: str) -> str | None:
    """A hint for text that was garbled by a wrong character set on the way (see ``ungarbled``)."""
    was = ungarbled(s)
    return (f"'{s}' looks like '{was}' read in the wrong character set and saved again: "
            "open the original file with the character set Unicode (UTF-8)") if was else None


def visible(line: str) -> str:
    """A line for a terminal: control characters and separators shown as \ufffd (one column each)."""
    return "".join(c if c == "\t" or c.isprintable() else "\ufffd" for c in line)


def width(s: str) -> int:
    """Terminal columns of a string."""
    from wcwidth import wcswidth

    w = wcswidth(s)
    return w if w >= 0 else sum(char_width(c) for c in s)


def text_table(rows: Iterable[Iterable[Any]], **options: Any) -> str:
    """A plain-text table, tabulate's (imported when a table is printed: a run that prints JSON or
    no table does not pay for it)."""
    from tabulate import tabulate

    return str(tabulate(rows, **options))


def bad_characters(text: str, path: str, code: str, limit: int = 10) -> list[Diagnostic]:
    """A diagnostic per character that does not belong in a text file (at most ``limit``)."""
    from .diagnostics import Diagnostic
    from .span import Span

    out: list[Diagnostic] = []
    if not _ANY_BAD.search(text):  # the common case, one scan in C
        return out
    for n, line in enumerate(text.split("\n"), 1):
        for col, ch in enumerate(line, 1):
            if ch in BAD_CHARS:
                name = f"U+{ord(ch):04X}"
                out.append(Diagnostic(code, f"character {name} does not belong in this file (often pasted from Word or Excel)",
                                      Span(path, n, col, n, col + 1), "delete it, or retype the text around it"))
                if len(out) >= limit:
                    return out
    return out
