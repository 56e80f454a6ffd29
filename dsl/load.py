"""Finding and reading standards: ``family@version`` references, directories and files."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from . import ast
from . import cache as stored
from .diagnostics import Diagnostic, DiagnosticError, SourceMap, decode, did_you_mean, errors, read_bytes, read_text
from .span import COMMAND_LINE, Span

if TYPE_CHECKING:
    from .check import Pass


@dataclass(frozen=True)
class StandardSource:
    """The files of one standard version: (display name, text) in file-name order."""

    ref: str
    files: tuple[tuple[str, str], ...]
    notes: tuple[Diagnostic, ...] = ()  # warnings about how the reference was resolved
    digests: tuple[tuple[str, str], ...] = ()  # (display name, sha256 of the file's bytes)


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class Loaded:
    """A standard found, parsed, amended and checked: the AST (None if it did not parse) and
    every diagnostic of every stage, with the texts they point into."""

    ref: str
    std: ast.Standard | None
    diagnostics: tuple[Diagnostic, ...]
    sources: SourceMap

    @property
    def errors(self) -> list[Diagnostic]:
        return errors(self.diagnostics)


def load(ref: str, passes: tuple[Pass, ...] | None = None) -> Loaded:
    """The one loader: find -> parse (every file) -> amend -> check (``passes``, default every
    check; the linter gives its own). Every diagnostic is kept; nothing is raised for errors in
    the rules."""
    return load_source(find(ref), passes)


def load_source(src: StandardSource, passes: tuple[Pass, ...] | None = None, keep: bool = True) -> Loaded:
    """A standard's files (read from disk, or given in memory) parsed, amended and checked.

    The result is kept in the user's cache (``dsl/cache.py``) keyed by the files' texts, the
    passes and parkscore's own version: a standard unchanged since the last run is read back
    without building the parser (an amendment's base versions are re-read and compared too).
    ``keep=False``: neither read nor written there (an editor's text changes at every keystroke)."""
    checks = ["every check"] if passes is None else [p.__qualname__ for p in passes]  # the default needs no import on a hit
    name = stored.key("loaded", [*(f"{n}\0{t}" for n, t in src.files), *(f"{n}\0{d}" for n, d in src.digests), *checks])
    hit = stored.get(name) if keep else None
    if isinstance(hit, tuple) and len(hit) == 4 and all(_digests(find(ref)) == d for ref, d in hit[3]):
        std, diags, sources, _ = hit
    else:
        from .check import PASSES, check

        deps: list[tuple[str, tuple[str, ...]]] = []
        std, diags, sources = parse_source(src, deps=deps)
        if std is not None:
            diags = diags + check(std, PASSES if passes is None else passes)
        if keep:
            stored.put(name, (std, diags, sources, tuple(deps)))
    return Loaded(src.ref, std, tuple(src.notes) + tuple(diags), sources)


def _digests(src: StandardSource) -> tuple[str, ...]:
    """What an amendment's cached form depends on in its base: the base's file names and texts."""
    return tuple(_sha256(f"{n}\0{t}".encode("utf-8", "surrogatepass")) for n, t in src.files)


@cache
def installed_keys() -> frozenset[str]:
    """Every data key some installed standard declares (so one park file may serve several).
    Kept in the user's cache by the texts of every installed rule file: a park that gives another
    standard's figures does not load every installed standard."""
    root = installed_root()
    name = stored.key("installed-keys", [f"{f.relative_to(root)}\0{f.read_bytes().hex()}" for f in sorted(root.glob("*/*/*.pks"))])
    hit = stored.get(name)
    if isinstance(hit, frozenset):
        return hit
    keys: set[str] = set()
    for family, versions in installed().items():
        for v in versions:
            std = load(f"{family}@{v}").std
            if std is not None:
                keys |= std.data_keys.keys()
    stored.put(name, frozenset(keys))
    return frozenset(keys)


def installed_root() -> Path:
    """The folder of the installed standards (``standards/`` in a checkout)."""
    return Path(__file__).resolve().parent.parent / "standards"  # as the grammar is found (no importlib.resources to import)


def installed(kind: str = "standard") -> dict[str, list[str]]:
    """What parkscore ships: family -> versions, of standards (a ``standard`` header) or of
    lifecycle schemes (``kind="scheme"``, a ``scheme`` header: see dsl/scheme.py)."""
    return {fam: [v for v, k in versions if k == kind] for fam, versions in _shipped().items() if any(k == kind for _, k in versions)}


@cache
def _shipped() -> dict[str, list[tuple[str, str]]]:
    root = installed_root()
    out: dict[str, list[tuple[str, str]]] = {}
    for fam in sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))), key=lambda p: p.name):
        for v in sorted((v for v in fam.iterdir() if v.is_dir()), key=lambda v: v.name):
            kind = header_kind([f.read_text(encoding="utf-8") for f in v.iterdir() if f.name.endswith(".pks")])
            if kind:
                out.setdefault(fam.name, []).append((v.name, kind))
    return out


def header_kind(texts: list[str]) -> str | None:
    """``standard`` or ``scheme``: the header a version's files carry."""
    for text in texts:
        m = re.search(r'^\s*(standard|scheme)\s+"', text, re.MULTILINE)
        if m:
            return m.group(1)
    return None


def versions_of(family: str) -> list[tuple[str, ast.Header]]:
    """The versions of a family with their headers: an installed family (``cpcif-green-park``) or a
    directory whose subdirectories are versions. Versions that do not parse are left out."""
    path = Path(family)
    if family in installed() and not ("/" in family or family.startswith(".")):
        refs = [f"{family}@{v}" for v in installed()[family]]
    elif path.is_dir():
        refs = [str(d) for d in sorted(path.iterdir()) if d.is_dir() and any(d.glob("*.pks"))]
    else:
        raise _not_found(f"'{family}' is neither an installed family nor a directory of versions", "installed: " + ", ".join(installed()))
    out = []
    for ref in refs:
        std = load(ref).std
        if std is not None:
            out.append((ref, std.header))
    return out


def in_force(family: str, on: date) -> str:
    """The version of a family in force on a day (its ``effective``/``until`` window holds it):
    exactly one, or a diagnostic (E016) listing the windows."""
    from .check import window

    found = versions_of(family)
    windows = [(ref, window(h)) for ref, h in found]
    if found and all(w is None for _, w in windows):
        raise _not_found(f"no version of '{family}' states the day it takes effect (its sources give none): name the version",
                         "versions: " + ", ".join(ref for ref, _ in found), code="E016")
    hits = [ref for ref, w in windows if w is not None and w[0] <= on and (w[1] is None or on <= w[1])]
    listing = "; ".join(f"{ref}: " + (f"{w[0]} to {w[1] or 'no end'}" if w else "no effective date") for ref, w in windows)
    if len(hits) != 1:
        what = "no version" if not hits else f"{len(hits)} versions ({', '.join(hits)})"
        raise _not_found(f"{what} of '{family}' in force on {on}", listing or "no versions", code="E016")
    return hits[0]


def find(ref: str) -> StandardSource:
    """Resolve a reference: ``family@version`` of an installed standard first (a folder of the
    same name in the working directory does not replace it: W010 says so), else a path to a
    version directory or a single .pks file (write ``./NAME`` to mean the path)."""
    path = Path(ref)
    family, _, version = ref.partition("@")
    known = installed()
    explicit_path = ref.startswith((".", "/", "~")) or "/" in ref or "\\" in ref
    if not explicit_path and family in known and version in known[family]:
        notes: tuple[Diagnostic, ...] = ()
        if path.exists():
            notes = (Diagnostic("W010", f"'{ref}' is an installed standard and also a path here; the installed standard is used",
                                COMMAND_LINE, f"write ./{ref} to use the path"),)
        return _installed(ref, family, version, notes)
    if path.exists():
        files = sorted(path.glob("*.pks")) if path.is_dir() else [path]
        if not files:
            raise _not_found(f"no .pks files in {ref}", None)
        raws = [(str(f), read_bytes(f)) for f in files]
        return StandardSource(ref, tuple((n, decode(r, n)) for n, r in raws), (), tuple((n, _sha256(r)) for n, r in raws))
    if family not in known:
        hint = did_you_mean(family, known) or ("installed: " + ", ".join(f"{f}@{v}" for f, vs in known.items() for v in vs))
        raise _not_found(f"unknown standard '{ref}' (neither an installed family@version nor a path)", hint)
    if not version:
        raise _not_found(f"'{ref}' names no version", "versions: " + ", ".join(f"{family}@{v}" for v in known[family]))
    if version not in known[family]:
        hint = did_you_mean(version, known[family]) or "versions: " + ", ".join(known[family])
        raise _not_found(f"standard '{family}' has no version '{version}'", hint)
    return _installed(ref, family, version, ())


def _installed(ref: str, family: str, version: str, notes: tuple[Diagnostic, ...]) -> StandardSource:
    vdir = installed_root() / family / version
    names = sorted(f.name for f in vdir.iterdir() if f.name.endswith(".pks"))
    raws = [(f"standards/{family}/{version}/{n}", vdir.joinpath(n).read_bytes()) for n in names]
    return StandardSource(ref, tuple((n, decode(r, n)) for n, r in raws), notes, tuple((n, _sha256(r)) for n, r in raws))


def _amend(header: ast.Header, parsed: list[ast.SourceFile], sources: SourceMap, depth: int,
           deps: list[tuple[str, tuple[str, ...]]]) -> tuple[ast.Standard | None, list[Diagnostic], SourceMap]:
    from . import amend

    assert header.amends is not None
    if depth > 8:
        return None, [Diagnostic("E504", "amendments nest more than 8 deep (a cycle?)", header.span)], sources
    try:
        base_src = find(header.amends)
    except DiagnosticError as exc:
        return None, [Diagnostic("E504", f"base version: {d.message}", header.span, d.hint) for d in exc.diagnostics], sources
    deps.append((header.amends, _digests(base_src)))
    base, diags, base_sources = parse_source(base_src, depth + 1, deps)
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


def folder_source(file: str | Path, overlay: Mapping[str, str]) -> StandardSource:
    """The standard a rule file belongs to as an editor has it (``standard_of``'s rule): the
    ``.pks`` files of its folder, where ``overlay`` (path -> text of an open, maybe unsaved,
    buffer) replaces or adds to what is on disk. Names are the files' absolute paths."""
    path = Path(file).absolute()
    texts: dict[str, str] = {}
    for p in sorted(path.parent.glob("*.pks")):
        try:
            texts[str(p)] = read_text(p)
        except DiagnosticError:
            continue
    texts.update({str(Path(n).absolute()): t for n, t in overlay.items() if Path(n).absolute().parent == path.parent and n.endswith(".pks")})
    texts.setdefault(str(path), "")
    if _HEADER.search(texts[str(path)]) and all(_HEADER.search(t) for t in texts.values()):
        texts = {str(path): texts[str(path)]}
    return StandardSource(str(path.parent), tuple(sorted(texts.items())))


def source_path(name: str) -> Path:
    """The file on this machine a span's file name stands for (an installed standard's files are
    named ``standards/<family>/<version>/<file>``)."""
    installed_name = name.removeprefix("standards/")
    return installed_root() / installed_name if installed_name != name and not Path(name).exists() else Path(name)


def _not_found(message: str, hint: str | None, code: str = "E010") -> DiagnosticError:
    return DiagnosticError([Diagnostic(code, message, COMMAND_LINE, hint)])


def parse_source(src: StandardSource, depth: int = 0, deps: list[tuple[str, tuple[str, ...]]] | None = None
                 ) -> tuple[ast.Standard | None, list[Diagnostic], SourceMap]:
    """Parse and merge every file (resolving an amendment against its base); syntax errors of all
    files are collected. ``deps`` collects the base versions read, with their texts' digests."""
    from .parser import parse_tree
    from .transform import to_ast

    sources = SourceMap()
    diags: list[Diagnostic] = []
    parsed: list[ast.SourceFile] = []
    digests = dict(src.digests)
    for name, text in src.files:
        sources.add(name, text, digests.get(name))
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
        return _amend(header, parsed, sources, depth, [] if deps is None else deps)
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
