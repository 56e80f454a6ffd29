"""The one error model: every problem found in a rule file or a data file is a Diagnostic."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .codes import CODES, Severity
from .span import COMMAND_LINE, Span
from .text import source_lines

__all__ = ["Diagnostic", "DiagnosticError", "Edit", "Fix", "Related", "Severity", "SourceMap", "errors", "render_all", "did_you_mean", "read_bytes", "decode",
           "read_text", "option_error"]


@dataclass(frozen=True)
class Edit:
    """Replace the text of ``span`` (one line) with ``text``."""

    span: Span
    text: str


@dataclass(frozen=True)
class Fix:
    """A change that resolves a diagnostic, offered by an editor as a one-click action."""

    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Related:
    """Another place a diagnostic involves (the other band of an overlap or a gap)."""

    span: Span
    message: str


@dataclass(frozen=True)
class Diagnostic:
    """A finding with a code of the registry (``codes.CODES``), a position and a hint; where the
    check knows them, the other places involved and the edits that would resolve it.

    The severity is the code's, from the registry."""

    code: str
    message: str
    span: Span
    hint: str | None = None
    related: tuple[Related, ...] = field(default=(), compare=False)
    fixes: tuple[Fix, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"diagnostic code {self.code} is not in the registry (dsl/codes.py)")

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def render(self, sources: "SourceMap | None" = None) -> str:
        where = f"{self.span}" if self.span.line or self.span.cell else "parkscore"
        out = f"{where}: {self.severity.value}[{self.code}]: {self.message}"
        lines = sources.lines(self.span.file) if sources and self.span.line and sources.get(self.span.file) is not None else []
        if 1 <= self.span.line <= len(lines):  # the lines are split once per file, however many diagnostics it has
            out += "\n" + self.span.excerpt(lines[self.span.line - 1])
        if self.hint:
            out += f"\n  hint: {self.hint}"
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.span.file,
            "line": self.span.line,
            "col": self.span.col,
            "hint": self.hint,
        }


class SourceMap:
    """Texts of the files diagnostics point into, keyed by the name used in spans."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._digests: dict[str, str] = {}
        self._lines: dict[str, list[str]] = {}

    def add(self, name: str, text: str, digest: str | None = None) -> None:
        """A file's text as read, and the sha256 of its bytes (for audit records)."""
        self._texts[name] = text
        self._lines.pop(name, None)
        if digest is not None:
            self._digests[name] = digest

    def update(self, other: "SourceMap") -> None:
        self._texts.update(other._texts)
        self._digests.update(other._digests)
        for name in other._texts:  # a text replaced: its lines are split again when asked
            self._lines.pop(name, None)
        self._lines.update(other._lines)

    def digest(self, name: str) -> str | None:
        return self._digests.get(name)

    def lines(self, name: str) -> list[str]:
        """The lines of a file, as diagnostics number them (see ``text.source_lines``), split once."""
        if name not in self._lines:
            self._lines[name] = source_lines(self.get(name) or "")
        return self._lines[name]

    def line(self, name: str, n: int) -> str:
        """Line ``n`` (1-based) of a file ("" outside it)."""
        lines = self.lines(name)
        return lines[n - 1] if 0 < n <= len(lines) else ""

    def names(self) -> list[str]:
        """The files whose texts were added, in the order they were."""
        return list(self._texts)

    def get(self, name: str) -> str | None:
        if name in self._texts:
            return self._texts[name]
        try:
            return read_text(name)
        except DiagnosticError:
            return None


@dataclass
class DiagnosticError(Exception):
    """Raised when a stage finds errors; carries all of them, not just the first."""

    diagnostics: list[Diagnostic]
    sources: SourceMap = field(default_factory=SourceMap)

    def __str__(self) -> str:
        return render_all(self.diagnostics, self.sources)


class FirstErrors:
    """Errors kept to be told, the first ``limit`` of them; the rest counted per code (200,000 copies
    of one mistake are read from their first few: a person fixes the cause)."""

    def __init__(self, limit: int = 100) -> None:
        self.limit = limit
        self.kept: list[Diagnostic] = []
        self.more: dict[str, int] = {}

    def add(self, *diags: Diagnostic) -> None:
        for d in diags:
            if len(self.kept) < self.limit:
                self.kept.append(d)
            else:
                self.more[d.code] = self.more.get(d.code, 0) + 1

    def told(self, where: Span, what: str, hint: str) -> list[Diagnostic]:
        """The kept errors, then per code how many more there were (``what``: where they were)."""
        return self.kept + [Diagnostic(code, f"… and {n:,} more {code} error(s) {what}, not shown", where, hint)
                            for code, n in self.more.items()]


def option_error(message: str, hint: str | None = None, code: str = "E013") -> DiagnosticError:
    """A bad command-line value: the one path every command reports it by."""
    return DiagnosticError([Diagnostic(code, message, COMMAND_LINE, hint)])


MAX_FILE_BYTES = 20 * 1024 * 1024


def read_bytes(path: str | Path, code: str = "E100", limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes: only a regular file (not a device or a pipe, which could be endless), at
    most ``limit`` bytes; anything else is a diagnostic."""
    p = Path(path)
    where = Span(str(path), 0, 0, 0, 0)
    try:
        if not p.is_file():
            raise DiagnosticError([Diagnostic(code, f"cannot read {path}: {'no such file' if not p.exists() else 'not a regular file'}", where)])
        with p.open("rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: {exc.strerror}", where)]) from None
    if len(raw) > limit:
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: larger than {limit // (1024 * 1024)} MiB", where,
                                          "split the data into several files")])
    return raw


MAX_UNPACKED_BYTES = 1 << 30  # what a workbook may unpack to (a 200,000-row sheet of parks is about 100 MiB)
MAX_PACKING_RATIO = 200  # unpacked / packed bytes: text compresses about 10 times, a zip bomb thousands of times


def check_workbook(path: str | Path, code: str = "D100") -> None:
    """Refuse an .xlsx (a zip archive) that would unpack beyond MAX_UNPACKED_BYTES, or at a ratio
    only a zip bomb reaches, before any XML of it is read; a file that is no archive passes here
    (the workbook reader says what it is)."""
    import zipfile

    where = Span(str(path), 0, 0, 0, 0)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > (16 << 20) and unpacked / packed > MAX_PACKING_RATIO):
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: it unpacks to {unpacked / (1 << 20):,.0f} MiB "
                                                f"({unpacked / packed:,.0f} times its size): refused as a possible zip bomb", where,
                                          "save the workbook again from the spreadsheet program, or split the data")])


def decode(raw: bytes, path: str | Path, code: str = "E100") -> str:
    """UTF-8 text as parkscore reads it: a byte-order mark (Windows Notepad) dropped, CRLF read as LF."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: not UTF-8 text (byte {exc.start})", Span(str(path), 0, 0, 0, 0),
                                          "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_text(path: str | Path, code: str = "E100", limit: int = MAX_FILE_BYTES) -> str:
    """A source file's text (see ``read_bytes`` and ``decode``); problems become diagnostics."""
    return decode(read_bytes(path, code, limit), path, code)


def render_all(diags: Iterable[Diagnostic], sources: SourceMap | None = None) -> str:
    ordered = sorted(diags, key=lambda d: (d.span.file, d.span.line, d.span.col, d.code))
    return "\n".join(d.render(sources) for d in ordered)


def errors(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity is Severity.ERROR]


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The closest known name, as a hint, or None when nothing is close."""
    import difflib

    known = list(known)
    lowered = {k.lower(): k for k in known}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
    return f"did you mean '{lowered[close[0]]}'?" if close else None
