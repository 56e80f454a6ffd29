"""Audit records: a scorecard with its trace and the fingerprints of what produced it.

``record`` builds the record of a scorecard already computed (the one that was printed): the
scorecard, the trace, the sha256 of the bytes of every rule file (an amendment's base files too)
and of the park file, and the tool's version. ``check_record`` validates a record read back;
``compare`` sets a record against a recomputation field by field, so an edit of any field the
record claims (a gate, a reason, a subtotal, the trace, a hash) is reported, with the cause per
indicator where one can be named: rules changed, data changed, tool changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from parkscore.dsl.diagnostics import Diagnostic
from parkscore.dsl.numbers import dumps, loads
from parkscore.dsl.span import Span
from parkscore.dsl.text import source_lines
from parkscore.engine.analysis.explain import event_json
from parkscore.engine.documents.render import scorecard_json
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import ParkData
from parkscore.engine.scoring.scorecard import Scorecard
from parkscore.engine.scoring.trace import TraceEvent

AUDIT_SCHEMA = "parkscore.audit/1"


def tool_version() -> str:
    from importlib.metadata import version  # 20 ms of imports: only when a record is made

    return version("parkscore")


def record(cs: CompiledStandard, park: ParkData, card: Scorecard, events: list[TraceEvent], ref: str | None = None) -> dict[str, Any]:
    """The record of ``card`` (computed with a tracer that collected ``events``)."""
    return {
        "schema": AUDIT_SCHEMA,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "parkscore", "version": tool_version()},
        "standard": {"ref": ref or cs.ref, "files": [{"path": n, "sha256": cs.sources.digest(n)} for n in cs.std.files]},
        "park": {"path": park.path, "sha256": park.sha256},
        "scorecard": scorecard_json(card, park.path, park.context),
        "trace": [event_json(e) for e in events],
    }


# ---- reading a record back -------------------------------------------------------------

NOT_VERIFIED = "'created' (when the record was made: recomputing cannot give a time)"
_SHAPE: dict[str, type | tuple[type, ...]] = {
    "schema": str, "created": str, "tool": dict, "standard": dict, "park": dict, "scorecard": dict, "trace": list,
}


def check_record(rec: Any, path: str) -> list[Diagnostic]:
    """What is wrong with the shape of a record (empty: it can be verified)."""
    where = Span(path, 1, 1, 1, 1)

    def bad(msg: str) -> list[Diagnostic]:
        return [Diagnostic("D180", f"{path} is not a valid parkscore audit record: {msg}", where,
                           "records are written by: parkscore score PARK --audit RECORD.json")]

    if not isinstance(rec, dict) or rec.get("schema") != AUDIT_SCHEMA:
        return bad(f"no \"schema\": \"{AUDIT_SCHEMA}\"")
    for key, typ in _SHAPE.items():
        if not isinstance(rec.get(key), typ):
            return bad(f"'{key}' is missing or not a {getattr(typ, '__name__', 'value')}")
    if not isinstance(rec["tool"].get("version"), str):
        return bad("'tool.version' is missing")
    std, park = rec["standard"], rec["park"]
    if not isinstance(std.get("ref"), str) or not isinstance(std.get("files"), list):
        return bad("'standard' needs 'ref' and 'files'")
    if not all(isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str) for f in std["files"]):
        return bad("every entry of 'standard.files' needs 'path' and 'sha256'")
    if not isinstance(park.get("path"), str) or not isinstance(park.get("sha256"), str):
        return bad("'park' needs 'path' and 'sha256'")
    if "content" in park and not isinstance(park["content"], dict):
        return bad("'park.content' (a decision served from a request's park) is not an object")
    if not isinstance(rec["scorecard"].get("indicators"), list) or not all(isinstance(i, dict) and "id" in i for i in rec["scorecard"]["indicators"]):
        return bad("'scorecard.indicators' is missing")
    return []


# ---- comparing a record with a recomputation -----------------------------------------


@dataclass
class Verdict:
    rule_changes: list[str] = field(default_factory=list)
    data_changed: bool = False
    tool_change: str | None = None
    differences: list[str] = field(default_factory=list)  # per indicator, with the cause
    edits: list[str] = field(default_factory=list)  # other fields of the record that recomputing does not give

    @property
    def matches(self) -> bool:
        return not (self.rule_changes or self.data_changed or self.tool_change or self.differences or self.edits)

    def text(self) -> str:
        lines = ["rules:  " + ("; ".join(self.rule_changes) if self.rule_changes else "unchanged"),
                 "data:   " + ("changed" if self.data_changed else "unchanged"),
                 "tool:   " + (self.tool_change or "unchanged")]
        if self.matches:
            lines.append("result: VERIFIED: same rules, data and tool; recomputing gives the recorded scorecard and trace")
            lines.append(f"not verified: {NOT_VERIFIED}")
        elif not (self.differences or self.edits):
            lines.append("result: NOT VERIFIED: the inputs changed, although recomputing gives the recorded scorecard")
        else:
            lines.append("result: NOT VERIFIED: recomputing gives a different scorecard" if self.differences
                         else "result: NOT VERIFIED: the record is not what recomputing gives")
            lines += [f"  {d}" for d in self.differences]
            if self.edits:
                lines.append("  fields of the record that differ from the recomputation:")
                lines += [f"    {e}" for e in self.edits]
        return "\n".join(lines)


def _canon(v: Any) -> Any:
    """A JSON value as it reads back (exact numbers), for comparing a record with a recomputation."""
    return loads(dumps(v))


def _inputs_by_indicator(trace: list[Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in trace:
        if isinstance(e, dict) and e.get("op") == "input" and isinstance(e.get("data"), dict):
            data = e["data"]
            out.setdefault(str(e.get("subject")), {})[str(data.get("input"))] = data.get("value", data.get("items"))
    return out


def _paths(a: Any, b: Any, at: str, out: list[str], limit: int = 20) -> None:
    """Where two JSON values differ, as dotted paths with both values (at most ``limit``)."""
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            _paths(a.get(k), b.get(k), f"{at}.{k}" if at else str(k), out, limit)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            _paths(x, y, f"{at}[{i}]", out, limit)
    elif a != b:
        short = lambda v: (s if len(s := dumps(v).replace("\n", " ")) <= 80 else s[:77] + "...")  # noqa: E731
        out.append(f"{at}: recorded {short(a)}, recomputed {short(b)}")


def compare(rec: dict[str, Any], now: dict[str, Any], texts: dict[str, str]) -> Verdict:
    """Set a record against the record recomputed now (``texts``: the rule files as they are now)."""
    v = Verdict()
    old_files = {f["path"]: f["sha256"] for f in rec["standard"]["files"]}
    new_files = {f["path"]: f["sha256"] for f in now["standard"]["files"]}
    for path in sorted(old_files.keys() | new_files.keys()):
        if old_files.get(path) != new_files.get(path):
            what = "added" if path not in old_files else "removed" if path not in new_files else "changed"
            v.rule_changes.append(f"{path} {what}")
    v.data_changed = rec["park"]["sha256"] != now["park"]["sha256"]
    if rec["tool"]["version"] != now["tool"]["version"]:
        v.tool_change = f"{rec['tool']['version']} -> {now['tool']['version']}"
    old_sc, new_sc = _canon(rec["scorecard"]), _canon(now["scorecard"])
    old_in, new_in = _inputs_by_indicator(rec["trace"]), _inputs_by_indicator(now["trace"])
    old_ind = {str(i["id"]): i for i in old_sc["indicators"]}
    new_ind = {str(i["id"]): i for i in new_sc["indicators"]}
    order = list(old_ind) + [k for k in new_ind if k not in old_ind]
    for ident in order:
        a, b = old_ind.get(ident), new_ind.get(ident)
        if a is None or b is None:
            v.differences.append(f"{ident}: {'added to' if a is None else 'removed from'} the standard")
            continue
        if a == b:
            continue
        why = []
        changed_inputs = [n for n in sorted(old_in.get(ident, {}).keys() | new_in.get(ident, {}).keys())
                          if old_in.get(ident, {}).get(n) != new_in.get(ident, {}).get(n)]
        if changed_inputs:
            why.append("data changed: " + ", ".join(
                f"{n} {old_in.get(ident, {}).get(n)} -> {new_in.get(ident, {}).get(n)}" for n in changed_inputs))
        rule_lines = [ln.strip() for ln in source_lines(texts.get(str(a.get("file")), ""))]
        old_rule_gone = a.get("rule") is not None and a.get("rule") not in rule_lines
        if old_rule_gone or (not changed_inputs and a.get("rule") != b.get("rule")):
            why.append(f"rules changed: {a.get('file')}:{a.get('line')} \"{a.get('rule')}\" -> {b.get('file')}:{b.get('line')} \"{b.get('rule')}\"")
        if not why:
            why.append("tool changed" if v.tool_change else "the record's entry was edited")
        v.differences.append(f"{a.get('clause')} {ident}: {a.get('points')} -> {b.get('points')} points "
                             f"({a.get('outcome')} -> {b.get('outcome')}); " + "; ".join(why))
    # every other field the record claims: the scorecard beyond its indicators, the trace, the refs
    rest_old = {k: x for k, x in old_sc.items() if k != "indicators"}
    rest_new = {k: x for k, x in new_sc.items() if k != "indicators"}
    edits: list[str] = []
    _paths(rest_old, rest_new, "scorecard", edits)
    if not v.differences and not v.rule_changes and not v.data_changed:
        _paths(_canon(rec["trace"]), _canon(now["trace"]), "trace", edits)
        if len(rec["trace"]) != len(now["trace"]):
            edits.append(f"trace: {len(rec['trace'])} events recorded, {len(now['trace'])} recomputed")
    _paths({"ref": rec["standard"]["ref"]}, {"ref": now["standard"]["ref"]}, "standard", edits)
    # the record's shape: every key and every list as parkscore writes them (an added "approved_by",
    # a duplicated or reordered indicator or rule file, an edited tool name)
    same_inputs = not (v.rule_changes or v.data_changed)
    for key in ("tool", "standard", "park", "scorecard", "trace"):
        if key in ("scorecard", "trace") and not same_inputs:
            continue  # changed rules or data change these; the differences above say how
        _shape(_canon(rec[key]), _canon(now[key]), key, edits)
    _shape({k: x for k, x in rec.items() if k not in _SHAPE}, {}, "", edits)  # keys a record does not have
    if [i.get("id") for i in rec["scorecard"]["indicators"]] != [i.get("id") for i in now["scorecard"]["indicators"]] and same_inputs:
        edits.append("scorecard.indicators: entries duplicated, missing or out of order")
    if [f["path"] for f in rec["standard"]["files"]] != [f["path"] for f in now["standard"]["files"]] and not v.rule_changes:
        edits.append("standard.files: entries duplicated, missing or out of order")
    if rec["tool"].get("name") != now["tool"]["name"]:
        edits.append(f"tool.name: recorded {rec['tool'].get('name')!r}, recomputed {now['tool']['name']!r}")
    v.edits = list(dict.fromkeys(edits))
    return v


def _shape(a: Any, b: Any, at: str, out: list[str]) -> None:
    """Keys one value has and the other lacks, and lists of different lengths."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                out.append(f"{at + '.' if at else ''}{k}: in the record, not in a record parkscore writes")
        for k in b:
            if k not in a:
                out.append(f"{at + '.' if at else ''}{k}: missing from the record")
        for k in a.keys() & b.keys():
            _shape(a[k], b[k], f"{at}.{k}" if at else str(k), out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{at}: {len(a)} entries recorded, {len(b)} recomputed")
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                _shape(x, y, f"{at}[{i}]", out)
