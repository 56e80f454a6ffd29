"""Designation schemes (认定管理办法): a park's status on a day, from its dated history."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from parkscore.dsl.dates import FIRST_YEAR, LAST_YEAR, RANGE, parse_day
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, option_error, read_text
from parkscore.dsl.scheme import Scheme
from parkscore.dsl.scheme import load_scheme as _load_scheme
from parkscore.engine.lifecycle.status import StatusReport, load_histories, status_on
from parkscore.engine.scoring.yamlread import compose


def load_scheme(ref: str) -> Scheme:
    """A lifecycle scheme (a 认定管理办法) by ``family@version``, or a .pks file with a ``scheme`` header."""
    return _load_scheme(ref)


def scheme_of(target: str) -> str | None:
    """The scheme a check target names (an installed ``family@version``, a folder or a .pks file
    whose header is ``scheme``), as ``load_scheme`` takes it; None for anything else."""
    from parkscore.dsl.load import header_kind

    from .standards import installed_schemes

    if target in installed_schemes():
        return target
    path = Path(target)
    files = sorted(path.glob("*.pks")) if path.is_dir() else [path] if path.suffix == ".pks" and path.is_file() else []
    try:
        kind = header_kind([f.read_text(encoding="utf-8") for f in files])
    except (OSError, UnicodeDecodeError):
        return None  # the standard's loader says what is wrong with the files
    return str(files[0]) if kind == "scheme" and len(files) == 1 else None


def check_scheme(ref: str) -> tuple[list[Diagnostic], SourceMap | None]:
    """``parkscore check`` and ``lint`` of a scheme: every diagnostic of its parse and check passes
    (schemes have no table-level lint of their own)."""
    try:
        load_scheme(ref)
    except DiagnosticError as exc:
        return list(exc.diagnostics), exc.sources
    return [], None


def history_scheme(path: str | Path) -> str | None:
    """The scheme a history file names (``scheme:``), if it names one."""
    root, _ = compose(read_text(path), str(path))
    if root is not None and isinstance(root.value, dict) and "scheme" in root.value:
        return str(root.value["scheme"].value)
    return None


def status(scheme: Scheme | str | None, history: str | Path, on: date | str, park: str | None = None) -> list[StatusReport]:
    """The status on ``on`` (a day, or its text YYYY-MM-DD) of every park of a history file (or of
    those whose name contains ``park``), each step traced to its clause. ``scheme``: by default
    the one the history file names."""
    if isinstance(on, str):
        day = parse_day(on)
        if day is None or not day.exact:
            raise option_error(f"--on '{on}' is not {RANGE}", "write --on 2022-12-31")
        on = day.earliest
    if not FIRST_YEAR <= on.year <= LAST_YEAR:
        raise option_error(f"{on} is not {RANGE}", "write --on 2022-12-31")
    if scheme is None:
        scheme = history_scheme(history)
        if scheme is None:
            raise option_error(f"{history} names no scheme",
                               "give --scheme, or add to the file: scheme: cpcif-green-park-designation@2020-trial")
    sc = scheme if isinstance(scheme, Scheme) else _load_scheme(scheme)
    found = [h for h in load_histories(history, sc) if park is None or park in h.park]
    if park is not None and not found:
        raise option_error(f"no park whose name contains '{park}' in {history}")
    return [status_on(sc, h, on) for h in found]
