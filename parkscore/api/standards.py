"""Standards: load, check (from files or from texts in memory), lint, diff, format, list."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from parkscore.dsl.dates import RANGE, parse_day
from parkscore.dsl.diagnostics import Diagnostic, SourceMap, option_error, read_text
from parkscore.dsl.load import Loaded, StandardSource, installed, installed_root, load, load_source, standard_of, versions_of
from parkscore.dsl.load import in_force as _in_force
from parkscore.dsl.load import source_path as _source_path
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.score import compiled, load_compiled

if TYPE_CHECKING:
    from parkscore.dsl.diff import Change

StandardLike = CompiledStandard | str


def check_standard(ref: str) -> Loaded:
    """Find, parse, amend and check a standard; every diagnostic, nothing raised for rule errors."""
    return load(standard_of(ref))


def check_sources(files: Mapping[str, str], ref: str = "draft") -> Loaded:
    """Check a standard given as texts in memory (file name -> text), as the service and the
    language server do: the same parse, amend and check passes as ``check_standard``. An
    amendment's base (``amends "family@version"``) is found as usual."""
    return load_source(StandardSource(ref, tuple(sorted(files.items()))))


def compile_sources(files: Mapping[str, str], ref: str = "draft") -> CompiledStandard:
    """``check_sources`` compiled to score with; ``DiagnosticError`` with every error."""
    return compiled(check_sources(files, ref))


def lint_standard(ref: str) -> Loaded:
    """``check_standard`` plus the linter's table-level findings (L-codes)."""
    from parkscore.dsl.lint import LINT_PASSES

    return load(standard_of(ref), LINT_PASSES)


def lint(ref: str) -> tuple[list[Diagnostic], SourceMap]:
    """Lint a standard, or a family version by version with its effective windows (L601)."""
    from parkscore.dsl.lint import is_family, lint_windows

    from .lifecycle import check_scheme, scheme_of

    scheme = scheme_of(ref)
    if scheme is not None:
        diags, texts = check_scheme(scheme)
        return diags, texts or SourceMap()
    found: list[Diagnostic] = []
    sources = SourceMap()
    family = is_family(ref)
    for one in [r for r, _ in versions_of(ref)] if family else [ref]:
        loaded = lint_standard(one)
        sources.update(loaded.sources)
        found += loaded.diagnostics
    if family:
        found += lint_windows(ref)
    return found, sources


def load_standard(ref: str) -> CompiledStandard:
    """The one loader: a standard by ``family@version`` or path, checked and compiled.
    Raises ``DiagnosticError`` with every error of every file (warnings are kept on the result)."""
    return load_compiled(ref)


def standard(std: StandardLike) -> CompiledStandard:
    """A reference loaded, or a compiled standard as it is."""
    return load_standard(std) if isinstance(std, str) else std


def in_force(family: str, as_of: str | date | None) -> str:
    """``as_of``: the version of ``family`` in force that day (E016 for none or several);
    without a day, ``family`` itself (a reference)."""
    if as_of is None:
        return family
    if isinstance(as_of, str):
        day = parse_day(as_of)
        if day is None or not day.exact:
            raise option_error(f"--as-of '{as_of}' is not {RANGE}", "write --as-of 2022-06-30")
        as_of = day.earliest
    return _in_force(family, as_of)


def rule_files(std: StandardLike) -> tuple[Path, ...]:
    """The files a standard was read from (an amendment's base too), as paths on this machine:
    what no command may write its output over."""
    return tuple(_source_path(name) for name in standard(std).std.files)


def is_installed(std: StandardLike) -> bool:
    """Was the standard read from the standards installed with parkscore (not from a folder)?"""
    root = installed_root().resolve()
    return all(f.resolve().is_relative_to(root) for f in rule_files(std))


def installed_schemes() -> list[str]:
    """The installed lifecycle schemes, as ``family@version``."""
    return [f"{family}@{v}" for family, versions in installed("scheme").items() for v in versions]


def installed_standards() -> list[str]:
    """The installed standards, as ``family@version``."""
    return [f"{family}@{v}" for family, versions in installed().items() for v in versions]


@dataclass(frozen=True)
class CatalogEntry:
    """One installed standard or lifecycle scheme, as ``parkscore standards`` lists it."""

    ref: str
    kind: str  # "standard" | "scheme"
    title: str | None  # None: the standard does not parse
    status: str | None = None
    illustrative: bool = False
    readings: int = 0


def catalog() -> list[CatalogEntry]:
    """Every installed standard, then every lifecycle scheme."""
    from parkscore.dsl.scheme import load_scheme

    out: list[CatalogEntry] = []
    for ref in installed_standards():
        loaded = check_standard(ref)
        if loaded.std is None:
            out.append(CatalogEntry(ref, "standard", None))
            continue
        h = loaded.std.header
        out.append(CatalogEntry(ref, "standard", h.title, h.status, bool(h.illustrative), len(h.readings)))
    for family, versions in installed("scheme").items():
        for v in versions:
            sc = load_scheme(f"{family}@{v}")
            out.append(CatalogEntry(sc.ref, "scheme", sc.title, sc.status, False, len(sc.readings)))
    return out


def diff(old: StandardLike, new: StandardLike) -> list[Change]:
    """The semantic diff of two versions: by indicator, gate, category and input."""
    from parkscore.dsl.diff import diff as semantic_diff

    return semantic_diff(standard(old).std, standard(new).std)


@dataclass(frozen=True)
class Formatted:
    """A rule file and its canonical text."""

    path: Path
    text: str
    formatted: str

    @property
    def changed(self) -> bool:
        return self.text != self.formatted


def format_files(*targets: str | Path) -> list[Formatted]:
    """Every .pks file of ``targets`` (files, or directories searched recursively) with its
    canonical text (standards and lifecycle schemes alike). Writes nothing; a syntax error raises
    ``DiagnosticError``."""
    from parkscore.dsl.fmt import format_source

    files = [p for t in targets for p in ([Path(t)] if Path(t).is_file() else sorted(Path(t).rglob("*.pks")))]
    out = []
    for f in files:
        text = read_text(f)
        out.append(Formatted(f, text, format_source(text, str(f))))
    return out


def program(std: StandardLike, indicator: str | None = None) -> str:
    """The Python the standard compiles to (``engine/scoring/codegen.py``): what scores a park
    whenever nobody asks for a trace, for review; ``indicator`` (id or clause): its function only."""
    cs = standard(std)
    prog = cs.program
    if indicator is None:
        return str(prog.source)
    try:
        k = cs.indicators.index(cs.indicator(indicator))
    except KeyError:
        raise option_error(f"{cs.ref} has no indicator '{indicator}'", "give an id or a clause, e.g. --indicator 7.17") from None
    return str(prog.parts[k]) + "\n"
