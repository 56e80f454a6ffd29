"""Lifecycle schemes: source -> parse (grammar/scheme.lark) -> AST -> check.

A scheme (a 认定管理办法) declares application conditions, the states a park can be in, how long a
state is valid, what falls due in it, and the events that move a park from state to state, each
with its clause. ``engine/lifecycle/status.py`` reads a park's dated history against it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer, UnexpectedInput, v_args

from .dates import Duration
from .diagnostics import Diagnostic, DiagnosticError, SourceMap, did_you_mean, read_text
from .load import installed, installed_root
from .parser import _syntax_diagnostic
from .span import COMMAND_LINE, Span
from .transform import unquote

GRAMMAR = Path(__file__).resolve().parent.parent / "grammar" / "scheme.lark"


@dataclass(frozen=True)
class Clause:
    text: str  # "第十条(二)"
    span: Span = field(compare=False)


@dataclass(frozen=True)
class Condition:
    id: str
    clause: Clause
    wording: str
    span: Span = field(compare=False)
    unless: tuple[str, Duration] | None = None  # not met if the history records this event within this time before


@dataclass(frozen=True)
class Due:
    """Something that falls due while in a state: every period (``every``), or at expiry."""

    id: str
    every: Duration | None  # None: due when the state's validity ends
    clause: Clause
    wording: str
    span: Span = field(compare=False)


@dataclass(frozen=True)
class State:
    id: str
    title: str
    initial: bool
    final: bool
    holds_title: bool  # the park may use the designation's title while in this state
    valid: Duration | None
    valid_clause: Clause | None
    dues: tuple[Due, ...]
    span: Span = field(compare=False)

    @property
    def on_expiry(self) -> Due | None:
        return next((d for d in self.dues if d.every is None), None)


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    renews: bool  # the state's validity starts again from the event
    renewals: int | None  # "renews at most N": this transition may be taken N times per stay
    bar: Duration | None  # applications are refused for this long afterwards
    clause: Clause
    wording: str | None
    span: Span = field(compare=False)
    while_valid: bool = False  # only while the state is valid: after its validity the event has no effect


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    application: bool  # an application: the conditions are checked, a bar refuses it
    transitions: tuple[Transition, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True)
class Scheme:
    family: str
    version: str
    title: str | None
    source: str | None
    status: str | None
    date: str | None
    readings: tuple[str, ...]
    conditions: tuple[Condition, ...]
    states: tuple[State, ...]
    events: tuple[Event, ...]
    span: Span = field(compare=False)
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)  # header fields: (name, line), for fmt

    @property
    def ref(self) -> str:
        return f"{self.family}@{self.version}"

    def state(self, key: str) -> State:
        return next(s for s in self.states if s.id == key)

    def event(self, key: str) -> Event | None:
        return next((e for e in self.events if e.id == key), None)

    @property
    def initial(self) -> State:
        return next(s for s in self.states if s.initial)


@lru_cache(maxsize=1)
def scheme_parser() -> Lark:
    return Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", propagate_positions=True, maybe_placeholders=False)


@v_args(meta=True)
class _ToAst(Transformer[Token, Any]):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def _span(self, meta: Any) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.path, 1, 1, 1, 1)
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    @staticmethod
    def _s(tok: Token) -> str:
        return unquote(str(tok))

    def start(self, meta: Any, c: list[Any]) -> Scheme:
        head, decls = c[0], c[1:]
        return Scheme(head["family"], head["version"], head.get("title"), head.get("source"), head.get("status"), head.get("date"),
                      tuple(head.get("readings", ())), tuple(d for d in decls if isinstance(d, Condition)),
                      tuple(d for d in decls if isinstance(d, State)), tuple(d for d in decls if isinstance(d, Event)), head["span"],
                      tuple(head["lines"]))

    def scheme_header(self, meta: Any, c: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"family": self._s(c[0]), "version": self._s(c[1]), "span": self._span(meta), "lines": []}
        for key, value, line in c[2:]:
            out["lines"].append((key, line))
            if key == "readings":
                out.setdefault("readings", []).append(value)
            else:
                out[key] = value
        return out

    def _field(self, key: str, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return key, self._s(c[0]), self._span(meta).line

    def h_title(self, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return self._field("title", meta, c)

    def h_source(self, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return self._field("source", meta, c)

    def h_status(self, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return self._field("status", meta, c)

    def h_date(self, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return self._field("date", meta, c)

    def h_reading(self, meta: Any, c: list[Token]) -> tuple[str, str, int]:
        return self._field("readings", meta, c)

    def clause(self, meta: Any, c: list[Token]) -> Clause:
        return Clause(self._s(c[0]), self._span(meta))

    @staticmethod
    def _duration(n: Token, unit: Token) -> Duration:
        return Duration(int(n), "year" if str(unit).startswith("year") else "month")

    def condition(self, meta: Any, c: list[Any]) -> Condition:
        unless = next((x for x in c[3:] if isinstance(x, tuple)), None)
        return Condition(str(c[0]), c[1], self._s(c[2]), self._span(meta), unless)

    def unless(self, meta: Any, c: list[Token]) -> tuple[str, Duration]:
        return str(c[0]), self._duration(c[1], c[2])

    def s_initial(self, meta: Any, c: list[Any]) -> tuple[str, Any]:
        return "initial", True

    def s_final(self, meta: Any, c: list[Any]) -> tuple[str, Any]:
        return "final", True

    def s_holds_title(self, meta: Any, c: list[Any]) -> tuple[str, Any]:
        return "holds_title", True

    def s_valid(self, meta: Any, c: list[Any]) -> tuple[str, Any]:
        return "valid", (self._duration(c[0], c[1]), c[2])

    def due_every(self, meta: Any, c: list[Any]) -> Due:
        return Due(str(c[0]), self._duration(c[1], c[2]), c[3], self._s(c[4]), self._span(meta))

    def on_expiry(self, meta: Any, c: list[Any]) -> Due:
        return Due(str(c[0]), None, c[1], self._s(c[2]), self._span(meta))

    def state(self, meta: Any, c: list[Any]) -> State:
        attrs: dict[str, Any] = dict(a for a in c[2:] if isinstance(a, tuple))
        dues = tuple(d for d in c[2:] if isinstance(d, Due))
        valid, valid_clause = attrs.get("valid", (None, None))
        return State(str(c[0]), self._s(c[1]), bool(attrs.get("initial")), bool(attrs.get("final")), bool(attrs.get("holds_title")),
                     valid, valid_clause, dues, self._span(meta))

    def e_application(self, meta: Any, c: list[Any]) -> str:
        return "application"

    def renewal(self, meta: Any, c: list[Token]) -> tuple[str, int | None]:
        return "renewal", int(c[0]) if c else None

    def bar(self, meta: Any, c: list[Token]) -> tuple[str, Duration]:
        return "bar", self._duration(c[0], c[1])

    def within(self, meta: Any, c: list[Token]) -> tuple[str, bool]:
        return "within", True

    def transition(self, meta: Any, c: list[Any]) -> Transition:
        ids = [str(t) for t in c if isinstance(t, Token) and t.type == "ID"]
        opts: dict[str, Any] = dict(x for x in c if isinstance(x, tuple))
        clause = next(x for x in c if isinstance(x, Clause))
        wording = [self._s(t) for t in c if isinstance(t, Token) and t.type == "STRING"]
        return Transition(tuple(ids[:-1]), ids[-1], "renewal" in opts, opts.get("renewal"), opts.get("bar"), clause, wording[0] if wording else None,
                          self._span(meta), "within" in opts)

    def event(self, meta: Any, c: list[Any]) -> Event:
        return Event(str(c[0]), self._s(c[1]), "application" in c[2:], tuple(t for t in c[2:] if isinstance(t, Transition)),
                     self._span(meta))


def scheme_ast(text: str, path: str) -> Scheme:
    """Parse a scheme (a syntax error raises DiagnosticError); not checked."""
    try:
        tree = scheme_parser().parse(text if text.endswith("\n") else text + "\n")
    except UnexpectedInput as exc:
        sources = SourceMap()
        sources.add(path, text)
        raise DiagnosticError([_syntax_diagnostic(exc, text, path)], sources) from None
    scheme: Scheme = _ToAst(path).transform(tree)
    return scheme


def parse_scheme(text: str, path: str) -> Scheme:
    """Parse and check a scheme; every error is collected into one DiagnosticError."""
    scheme = scheme_ast(text, path)
    problems = check_scheme(scheme)
    if problems:
        sources = SourceMap()
        sources.add(path, text)
        raise DiagnosticError(problems, sources)
    return scheme


def check_scheme(s: Scheme) -> list[Diagnostic]:
    """Ids are unique (per kind), state names resolve, there is one initial state."""
    out: list[Diagnostic] = []
    seen: dict[str, Span] = {}
    for kind, items in (("condition", s.conditions), ("state", s.states), ("event", s.events)):
        for it in items:
            key = f"{kind} {it.id}"
            if key in seen:
                out.append(Diagnostic("E101", f"{key} is declared twice", it.span, f"first declared at line {seen[key].line}"))
            seen[key] = it.span
    ids = [st.id for st in s.states]
    initial = [st for st in s.states if st.initial]
    if len(initial) != 1:
        out.append(Diagnostic("E600", f"a scheme has exactly one initial state, found {len(initial)}", s.span,
                              'mark the state of a park not yet designated: state applicant "…" initial'))
    for ev in s.events:
        for t in ev.transitions:
            for name in (*t.sources, t.target):
                if name not in ids:
                    out.append(Diagnostic("E110", f"event {ev.id}: '{name}' is not a state", t.span, did_you_mean(name, ids)))
    events = [e.id for e in s.events]
    for c in s.conditions:
        if c.unless is not None and c.unless[0] not in events:
            out.append(Diagnostic("E110", f"condition {c.id}: '{c.unless[0]}' is not an event", c.span, did_you_mean(c.unless[0], events)))
    return out


def find_scheme(ref: str) -> tuple[str, Path]:
    """A scheme by ``family@version`` among the installed ones, or a path to a .pks file:
    (the name positions carry, the file)."""
    p = Path(ref)
    if p.suffix == ".pks" and p.is_file():
        return ref, p
    family, _, version = ref.partition("@")
    known = installed("scheme")
    if family in known and version in known[family]:
        vdir = installed_root() / family / version
        files = sorted(vdir.glob("*.pks"))
        return f"standards/{family}/{version}/{files[0].name}", files[0]
    listed = ", ".join(f"{f}@{v}" for f, vs in known.items() for v in vs)
    hint = did_you_mean(family, list(known)) if family not in known else None
    raise DiagnosticError([Diagnostic("E010", f"no scheme '{ref}'", COMMAND_LINE, hint or (f"schemes: {listed}" if listed else None))])


def load_scheme(ref: str) -> Scheme:
    """Find, parse and check a scheme (every error in one DiagnosticError)."""
    name, path = find_scheme(ref)
    return parse_scheme(read_text(path), name)
