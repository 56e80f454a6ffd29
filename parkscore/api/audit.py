"""Audit records: the record of a scorecard, read back, verified by recomputation."""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, read_text
from parkscore.dsl.numbers import dumps, loads
from parkscore.dsl.span import COMMAND_LINE
from parkscore.engine.audit import record as _record
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import ParkData, park_from_mapping
from parkscore.engine.scoring.data import load_park as _load_park

from .parks import Explanation, ParkLike, explain
from .parks import park as as_park
from .standards import StandardLike, load_standard, standard


def audit_record(std: StandardLike, park: ParkLike, explanation: Explanation | None = None) -> dict[str, Any]:
    """The audit record of a scorecard (of ``explanation``'s, when given: the one already printed)."""
    cs, data = standard(std), as_park(park)
    explanation = explanation or explain(cs, data)
    return _record.record(cs, data, explanation.card, list(explanation.events), cs.ref if isinstance(std, CompiledStandard) else std)


def decision_record(std: StandardLike, content: dict[str, Any], explanation: Explanation | None = None) -> dict[str, Any]:
    """The audit record of a scorecard served from a park's content (a request's body, no file):
    the content is kept in the record (``park.content``, its sha256 over its JSON), so that
    ``verify`` recomputes the decision from the record alone. What ``serve --decision-log`` writes."""
    cs = standard(std)
    return _decision(cs, content, cs.ref if isinstance(std, CompiledStandard) else std, explanation)


def _decision(cs: CompiledStandard, content: dict[str, Any], ref: str, explanation: Explanation | None = None) -> dict[str, Any]:
    data = _from_content(content)
    explanation = explanation or explain(cs, data)
    rec = _record.record(cs, data, explanation.card, list(explanation.events), ref)
    rec["park"]["content"] = content
    return rec


def _from_content(content: dict[str, Any]) -> ParkData:
    return replace(park_from_mapping(content, "<request>"), sha256=hashlib.sha256(dumps(content).encode("utf-8")).hexdigest())


def read_log(path: str | Path) -> list[tuple[int, dict[str, Any] | DiagnosticError]]:
    """A decision log (one record per line) read back: each line's record, or why it is no record."""
    out: list[tuple[int, dict[str, Any] | DiagnosticError]] = []
    for n, line in enumerate(read_text(path, "D180").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = loads(line)
        except ValueError as exc:
            out.append((n, DiagnosticError([Diagnostic("D180", f"{where} is not a parkscore audit record: not JSON ({exc})", COMMAND_LINE)])))
            continue
        problems = _record.check_record(rec, where)
        out.append((n, DiagnosticError(problems) if problems else rec))
    return out


def read_record(path: str | Path) -> dict[str, Any]:
    """Read and validate an audit record; a malformed one raises ``DiagnosticError`` (D180)."""
    text = read_text(path, "D180")
    try:
        rec = loads(text)
    except ValueError as exc:
        raise DiagnosticError([Diagnostic("D180", f"{path} is not a parkscore audit record: not JSON ({exc})",
                                          COMMAND_LINE)]) from None
    problems = _record.check_record(rec, str(path))
    if problems:
        raise DiagnosticError(problems)
    return rec  # type: ignore[no-any-return]


def verify(rec: dict[str, Any], park: str | Path | None = None, record_path: str | Path | None = None) -> _record.Verdict:
    """Recompute a record from the rule files and park file as they are now and compare every
    field. ``park``: the park file, if it has moved since the record was made. A file the record
    names is read only if it is a file of its kind (a ``.yaml`` park file, ``.pks`` rule files)
    and, for the park file, if it lies in the working directory or beside the record
    (``record_path``): a record is data, and never makes parkscore read, let alone quote, a file
    elsewhere (its diagnostics then name the file without quoting its lines)."""
    if isinstance(rec["park"].get("content"), dict):  # a served decision: the park is in the record
        cs = load_standard(_ref_of(rec))
        return _record.compare(rec, _decision(cs, rec["park"]["content"], rec["standard"]["ref"]), _texts(cs))
    park_path = str(park) if park is not None else rec["park"]["path"]
    if Path(park_path).suffix.lower() not in (".yaml", ".yml"):
        raise DiagnosticError([Diagnostic("D181", f"the record's park file '{park_path}' is not a .yaml park file; it was not read",
                                          COMMAND_LINE, "give the park file with --park PATH")])
    if park is None and not _beside(Path(park_path), record_path):
        raise DiagnosticError([Diagnostic("D181", f"the record's park file '{park_path}' lies outside the working directory and the "
                                          "record's folder; it was not read", COMMAND_LINE, "give the park file with --park PATH")])
    ref = _ref_of(rec)
    cs = load_standard(ref)
    try:
        data = _load_park(park_path, as_path=rec["park"]["path"])  # a moved file is named as recorded
    except DiagnosticError as exc:
        if park is not None:
            raise
        raise DiagnosticError(exc.diagnostics) from None  # named only by the record: not quoted
    ex = explain(cs, data)
    now = _record.record(cs, data, ex.card, list(ex.events), ref)
    return _record.compare(rec, now, _texts(cs))


def _texts(cs: CompiledStandard) -> dict[str, str]:
    """The rule files' texts, as a verdict quotes the changed lines."""
    return {n: cs.sources.get(n) or "" for n in cs.std.files}


def _beside(path: Path, record_path: str | Path | None) -> bool:
    """Does a path a record names lie in the working directory or in the record's folder?"""
    where = path.resolve()
    folders = [Path.cwd().resolve()] + ([Path(record_path).resolve().parent] if record_path is not None else [])
    return any(where.is_relative_to(f) for f in folders)


def _ref_of(rec: dict[str, Any]) -> str:
    """The standard a record names, if it is one a record may name."""
    ref = str(rec["standard"]["ref"])
    if "@" not in ref and Path(ref).suffix != ".pks" and not Path(ref).is_dir():
        raise DiagnosticError([Diagnostic("D181", f"the record's standard '{ref}' is neither family@version, a directory nor a .pks file",
                                          COMMAND_LINE)])
    return ref
