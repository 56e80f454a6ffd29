"""The one error model: every problem found in a rule file or a data file is a Diagnostic."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable

from .span import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """A finding with a stable code (see README, "Diagnostic codes"), a position and a hint."""

    code: str
    message: str
    span: Span
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def render(self, sources: "SourceMap | None" = None) -> str:
        where = f"{self.span}" if self.span.line else "parkscore"
        out = f"{where}: {self.severity.value}[{self.code}]: {self.message}"
        text = sources.get(self.span.file) if sources and self.span.line else None
        if text is not None:
            excerpt = self.span.excerpt(text)
            if excerpt:
                out += "\n" + excerpt
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

    def add(self, name: str, text: str) -> None:
        self._texts[name] = text

    def update(self, other: "SourceMap") -> None:
        self._texts.update(other._texts)

    def get(self, name: str) -> str | None:
        if name in self._texts:
            return self._texts[name]
        try:
            return Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


@dataclass
class DiagnosticError(Exception):
    """Raised when a stage finds errors; carries all of them, not just the first."""

    diagnostics: list[Diagnostic]
    sources: SourceMap = field(default_factory=SourceMap)

    def __str__(self) -> str:
        return render_all(self.diagnostics, self.sources)


def read_text(path: str | Path, code: str = "E100") -> str:
    """A source file's text; unreadable or non-UTF-8 files become a diagnostic, not a traceback."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: not UTF-8 text (byte {exc.start})", Span(str(path), 0, 0, 0, 0),
                                          "save the file as UTF-8")]) from None
    except OSError as exc:
        raise DiagnosticError([Diagnostic(code, f"cannot read {path}: {exc.strerror}", Span(str(path), 0, 0, 0, 0))]) from None


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
