"""Audit records: a scorecard with its trace and the fingerprints of what produced it.

``record`` writes the scorecard, the trace, the sha256 of every rule file and of the park data,
and the tool's version. ``verify`` recomputes the scorecard from the files as they are now and
says, per indicator that differs, whether the rules, the data or the tool changed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from typing import Any

from parkscore.dsl import load
from parkscore.dsl.diagnostics import DiagnosticError, read_text, render_all

from . import load_standard, score
from .data import load_park
from .explain import event_json
from .render import scorecard_json
from .trace import BufferTracer

AUDIT_SCHEMA = "parkscore.audit/1"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tool_version() -> str:
    return version("parkscore")


def rule_texts(standard: str) -> dict[str, str]:
    """Every rule file a standard is made of, with its text: for an amendment, the base's files too."""
    std, _, sources = load.parse_source(load.find(standard))
    names = std.files if std is not None else tuple(n for n, _ in load.find(standard).files)
    return {n: sources.get(n) or "" for n in names}


def record(standard: str, park_path: str) -> dict[str, Any]:
    cs = load_standard(standard)
    park = load_park(park_path)
    tracer = BufferTracer()
    card = score(cs, park, tracer)
    return {
        "schema": AUDIT_SCHEMA,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "parkscore", "version": tool_version()},
        "standard": {"ref": standard, "files": [{"path": n, "sha256": sha256(cs.sources.get(n) or "")} for n in cs.std.files]},
        "park": {"path": park_path, "sha256": sha256(park.text)},
        "scorecard": scorecard_json(card, park_path, park.context),
        "trace": [event_json(e) for e in tracer.events],
    }


@dataclass
class Verdict:
    matches: bool
    rule_changes: list[str] = field(default_factory=list)
    data_changed: bool = False
    tool_change: str | None = None
    differences: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = []
        lines.append("rules:  " + ("; ".join(self.rule_changes) if self.rule_changes else "unchanged"))
        lines.append("data:   " + ("changed" if self.data_changed else "unchanged"))
        lines.append("tool:   " + (self.tool_change or "unchanged"))
        if self.matches:
            lines.append("result: VERIFIED: same rules, data and tool; recomputing gives the recorded scorecard")
        elif not self.differences:
            lines.append("result: NOT VERIFIED: the inputs changed, although recomputing gives the recorded scorecard")
        else:
            lines.append("result: NOT VERIFIED: recomputing gives a different scorecard")
            lines += [f"  {d}" for d in self.differences]
        return "\n".join(lines)


def _inputs_by_indicator(trace: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for e in trace:
        if e["op"] == "input":
            data = e["data"]
            out.setdefault(e["subject"], {})[data["input"]] = data.get("value", data.get("items"))
    return out


def verify(rec: dict[str, Any], park_path: str | None = None) -> Verdict:
    """Recompute the record. It is verified only if the rule files, the data and the tool are
    unchanged and the recomputed scorecard is the recorded one."""
    standard = rec["standard"]["ref"]
    park_path = park_path or rec["park"]["path"]
    v = Verdict(matches=True)
    old_files = {f["path"]: f["sha256"] for f in rec["standard"]["files"]}
    texts = rule_texts(standard)
    new_files = {n: sha256(t) for n, t in texts.items()}
    for path in sorted(old_files.keys() | new_files.keys()):
        if old_files.get(path) != new_files.get(path):
            what = "added" if path not in old_files else "removed" if path not in new_files else "changed"
            v.rule_changes.append(f"{path} {what}")
    try:
        park_text = read_text(park_path, "D100")
    except DiagnosticError:
        park_text = ""  # a missing park file: reported below, when recomputing
    v.data_changed = rec["park"]["sha256"] != sha256(park_text)
    if rec["tool"]["version"] != tool_version():
        v.tool_change = f"{rec['tool']['version']} -> {tool_version()}"
    try:
        now = record(standard, park_path)
    except DiagnosticError as exc:
        v.matches = False
        v.differences.append("cannot recompute: the rules or the data no longer check:")
        v.differences += render_all(exc.diagnostics, exc.sources).splitlines()
        return v
    old_in, new_in = _inputs_by_indicator(rec["trace"]), _inputs_by_indicator(now["trace"])
    old_ind = {i["id"]: i for i in rec["scorecard"]["indicators"]}
    new_ind = {i["id"]: i for i in now["scorecard"]["indicators"]}
    keys = ("status", "value_text", "points", "outcome", "rule")
    for ident in sorted(old_ind.keys() | new_ind.keys(), key=lambda k: list(old_ind).index(k) if k in old_ind else 999):
        a, b = old_ind.get(ident), new_ind.get(ident)
        if a is None or b is None:
            v.differences.append(f"{ident}: {'added to' if a is None else 'removed from'} the standard")
            continue
        if all(a[k] == b[k] for k in keys) and a["value"] == b["value"]:
            continue
        why = []
        changed_inputs = [n for n in sorted(old_in.get(ident, {}).keys() | new_in.get(ident, {}).keys())
                          if old_in.get(ident, {}).get(n) != new_in.get(ident, {}).get(n)]
        if changed_inputs:
            why.append("data changed: " + ", ".join(
                f"{n} {old_in.get(ident, {}).get(n)} -> {new_in.get(ident, {}).get(n)}" for n in changed_inputs))
        # the rule that decided before is no longer in its file as it was: the rules changed
        old_rule_gone = a["rule"] is not None and a["rule"] not in [ln.strip() for ln in texts.get(a["file"], "").splitlines()]
        if old_rule_gone or (not changed_inputs and a["rule"] != b["rule"]):
            why.append(f"rules changed: {a['file']}:{a['line']} \"{a['rule']}\" -> {b['file']}:{b['line']} \"{b['rule']}\"")
        if not why:
            why.append("tool changed" if v.tool_change else "unexplained (same rules, data and tool)")
        v.differences.append(f"{a['clause']} {ident}: {a['points']} -> {b['points']} points ({a['outcome']} -> {b['outcome']}); "
                             + "; ".join(why))
    for k in ("total", "eligible"):
        if rec["scorecard"][k] != now["scorecard"][k]:
            v.differences.append(f"{k}: {rec['scorecard'][k]} -> {now['scorecard'][k]}")
    v.matches = not (v.differences or v.rule_changes or v.data_changed or v.tool_change)
    return v
