"""Finding and reading standards: ``family@version`` references, directories and files."""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import amend, ast
from .diagnostics import Diagnostic, DiagnosticError, SourceMap, did_you_mean, read_text
from .parser import parse_tree
from .span import Span
from .transform import to_ast


@dataclass(frozen=True)
class StandardSource:
    """The files of one standard version: (display name, text) in file-name order."""

    ref: str
    files: tuple[tuple[str, str], ...]


def installed() -> dict[str, list[str]]:
    """Standards shipped with parkscore: family -> versions."""
    root = resources.files("parkscore.standards")
    out: dict[str, list[str]] = {}
    for fam in sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))), key=lambda p: p.name):
        versions = sorted(v.name for v in fam.iterdir() if v.is_dir() and any(f.name.endswith(".pks") for f in v.iterdir()))
        if versions:
            out[fam.name] = versions
    return out


def find(ref: str) -> StandardSource:
    """Resolve ``family@version`` (installed) or a path to a version directory or a single .pks file."""
    path = Path(ref)
    if path.exists():
        files = sorted(path.glob("*.pks")) if path.is_dir() else [path]
        if not files:
            raise _not_found(f"no .pks files in {ref}", None)
        return StandardSource(ref, tuple((str(f), read_text(f)) for f in files))
    family, _, version = ref.partition("@")
    known = installed()
    if family not in known:
        hint = did_you_mean(family, known) or ("installed: " + ", ".join(f"{f}@{v}" for f, vs in known.items() for v in vs))
        raise _not_found(f"unknown standard '{ref}' (neither an installed family@version nor a path)", hint)
    if not version:
        raise _not_found(f"'{ref}' names no version", "versions: " + ", ".join(f"{family}@{v}" for v in known[family]))
    if version not in known[family]:
        hint = did_you_mean(version, known[family]) or "versions: " + ", ".join(known[family])
        raise _not_found(f"standard '{family}' has no version '{version}'", hint)
    vdir = resources.files("parkscore.standards").joinpath(family, version)
    names = sorted(f.name for f in vdir.iterdir() if f.name.endswith(".pks"))
    return StandardSource(
        ref, tuple((f"standards/{family}/{version}/{n}", vdir.joinpath(n).read_text(encoding="utf-8")) for n in names)
    )


def _amend(header: ast.Header, parsed: list[ast.SourceFile], sources: SourceMap, depth: int
           ) -> tuple[ast.Standard | None, list[Diagnostic], SourceMap]:
    assert header.amends is not None
    if depth > 8:
        return None, [Diagnostic("E504", "amendments nest more than 8 deep (a cycle?)", header.span)], sources
    try:
        base_src = find(header.amends)
    except DiagnosticError as exc:
        return None, [Diagnostic("E504", f"base version: {d.message}", header.span, d.hint) for d in exc.diagnostics], sources
    base, diags, base_sources = parse_source(base_src, depth + 1)
    sources.update(base_sources)
    if base is None:
        return None, diags, sources
    std, diags = amend.apply(base, header, parsed)
    return std, diags, sources


_HEADER = re.compile(r'^\s*standard\s+"', re.MULTILINE)


def standard_of(target: str) -> str:
    """What to check for a path: a .pks file is checked with the files of its standard.

    A file without a header is a fragment of the standard in its directory; a file with a header
    stands alone unless its directory also holds fragments (a multi-file standard).
    """
    path = Path(target)
    if path.suffix != ".pks" or not path.is_file():
        return target
    def has_header(p: Path) -> bool:
        return bool(_HEADER.search(read_text(p)))
    if has_header(path) and all(has_header(p) for p in path.parent.glob("*.pks")):
        return target
    return str(path.parent)


def _not_found(message: str, hint: str | None) -> DiagnosticError:
    return DiagnosticError([Diagnostic("E010", message, Span("<command line>", 0, 0, 0, 0), hint)])


def parse_source(src: StandardSource, depth: int = 0) -> tuple[ast.Standard | None, list[Diagnostic], SourceMap]:
    """Parse and merge every file (resolving an amendment against its base); syntax errors of all
    files are collected."""
    sources = SourceMap()
    diags: list[Diagnostic] = []
    parsed: list[ast.SourceFile] = []
    for name, text in src.files:
        sources.add(name, text)
        try:
            tree = parse_tree(text, name)
        except DiagnosticError as exc:
            diags.extend(exc.diagnostics)
            continue
        sf, d = to_ast(tree, name)
        diags.extend(d)
        parsed.append(sf)
    if diags:
        return None, diags, sources
    headers = [f.header for f in parsed if f.header]
    if len(headers) != 1:
        where = Span(src.files[0][0], 1, 1, 1, 1) if src.files else Span(src.ref, 1, 1, 1, 1)
        msg = "no file has a 'standard' header" if not headers else "more than one file has a 'standard' header"
        spans = [h.span for h in headers[1:]] or [where]
        return None, [Diagnostic("E011", msg, s, "exactly one file of a version starts with: standard \"<family>\" version \"<version>\"") for s in spans], sources
    header = headers[0]
    if header.amends is not None:
        return _amend(header, parsed, sources, depth)
    stray = [a for f in parsed for a in f.amendments]
    if stray:
        return None, [Diagnostic("E503", "'override' and 'remove' need a base version", a.span,
                                 'add to the header: amends "<family>@<version>"') for a in stray], sources
    std = ast.Standard(
        headers[0],
        tuple(i for f in parsed for i in f.inputs),
        tuple(c for f in parsed for c in f.categories),
        tuple(g for f in parsed for g in f.gates),
        files=tuple(n for n, _ in src.files),
    )
    return std, [], sources
