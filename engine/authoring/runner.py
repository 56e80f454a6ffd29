"""The test runner of standards: cases run against their standard or against a draft that amends
it (a base's case the draft changes is listed, not failed), coverage per standard, generated
cases (testgen), and the run's text and JSON renderings."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap
from parkscore.dsl.diff import Change, diff
from parkscore.dsl.load import installed, installed_root, load
from parkscore.engine.authoring.cases import (
    TESTS_DIR,
    Case,
    Item,
    Outcome,
    check_case,
    coverage_items,
    covered_by,
    generated_cases,
    indicator_line,
    load_cases,
    shown,
)
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import park_from_mapping
from parkscore.engine.scoring.score import load_compiled, score_park


@dataclass
class TestRun:
    """Cases run against standards: outcomes, coverage per standard, and for a draft that amends
    a base, the base's cases it inherits (unchanged rules: they must still pass) or changes."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    sources: SourceMap = field(default_factory=SourceMap)
    coverage: dict[str, tuple[list[Item], set[tuple[str, int, int, str]]]] = field(default_factory=dict)
    changed: list[tuple[Outcome, Outcome]] = field(default_factory=list)  # (under the base, under the draft)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]


def _shown_path(p: Path) -> Path:
    """A path as outputs show it: relative to the working directory when under it."""
    real = p.resolve()
    try:
        return real.relative_to(Path.cwd().resolve())
    except ValueError:
        return real


def test_paths(*paths: str | Path) -> list[tuple[str | None, Path]]:
    """(standard the cases are run against or None for the file's own, test file) for each path:
    a test file; a directory of them; a standard (family@version or its directory) -> its tests/
    and, for an amendment, its base's tests run against it. No path: every installed standard."""
    out: list[tuple[str | None, Path]] = []
    every = tuple(f"{family}@{v}" for family, versions in installed().items() for v in versions)
    for p in paths or every:
        path = Path(p)
        if path.suffix.lower() in (".yaml", ".yml"):
            out.append((None, path))
            continue
        version_dir = _version_dir(str(p))
        if version_dir is None:
            out += [(None, f) for f in sorted(path.rglob("*.yaml"))]
            continue
        ref = str(p)
        out += [(ref, _shown_path(f)) for f in sorted((version_dir / TESTS_DIR).glob("*.yaml"))]
        loaded = load(ref)
        base = loaded.std.header.amends if loaded.std is not None else None
        base_dir = _version_dir(base) if base else None
        if base_dir is not None:
            out += [(ref, _shown_path(f)) for f in sorted((base_dir / TESTS_DIR).glob("*.yaml"))]
    return out


def _version_dir(ref: str) -> Path | None:
    path = Path(ref)
    if path.is_dir() and any(path.glob("*.pks")):
        return path
    family, _, version = ref.partition("@")
    if family in installed() and version in installed()[family]:
        return installed_root() / family / version
    return None


def run_tests(*paths: str | Path) -> TestRun:
    """Run the cases of ``paths`` (see ``test_paths``); coverage is collected per standard."""
    run = TestRun()
    loaded: dict[str, CompiledStandard] = {}
    diffs: dict[tuple[str, str], list[Change]] = {}  # (base, draft) -> the draft's changes, computed once

    def std(ref: str) -> CompiledStandard:
        if ref not in loaded:
            loaded[ref] = load_compiled(ref)
        return loaded[ref]

    for target, f in test_paths(*paths):
        try:
            cases, problems, sources = load_cases(f)
        except DiagnosticError as exc:
            run.problems += exc.diagnostics
            continue
        run.problems += problems
        run.sources.update(sources)
        for case in cases:
            own = std(case.standard or "")
            cs = std(target) if target else own
            outcome = _run_case(case, cs)
            if outcome.card is not None:
                run.coverage.setdefault(cs.ref, (coverage_items(cs), set()))[1].update(covered_by(outcome.card, cs))
            if cs.ref != own.ref:  # a base's case run against the draft that amends it
                changes = diffs.setdefault((own.ref, cs.ref), diff(own.std, cs.std))
                if _affected(case, own, cs, changes):
                    before = _run_case(case, own)
                    if [str(a) for _, a in before.failures] != [str(a) for _, a in outcome.failures] or outcome.failures:
                        run.changed.append((before, outcome))
                    continue
            run.outcomes.append(outcome)
    return run


def _run_case(case: Case, cs: CompiledStandard) -> Outcome:
    try:
        card = score_park(cs, case.park)
    except DiagnosticError as exc:
        return Outcome(case, None, [], list(exc.diagnostics))
    return Outcome(case, card, check_case(case, card))


def _affected(case: Case, base: CompiledStandard, draft: CompiledStandard, changes: list[Change]) -> bool:
    """Does the draft (its ``changes`` against the base) change what the case checks? Its named
    indicators or gates changed, or it checks the total or verdict and a changed indicator reads
    its data (or the header changed)."""
    changed = {c.id for c in changes}
    named = {(base.indicator(s).ind.id if _has(base, s) else s) for s in case.subjects}
    if named & changed:
        return True
    if any(e.field in ("total", "eligible") for e in case.expectations):
        if base.std.header.pass_mark != draft.std.header.pass_mark or changed & set(case.park.entries):
            return True
        reads = {i.id for i in draft.std.indicators if i.id in changed and set(i.reads) & set(case.park.entries)}
        return bool(reads) or any(c.kind == "added" for c in changes)
    return False


def _has(cs: CompiledStandard, key: str) -> bool:
    try:
        cs.indicator(key)
        return True
    except KeyError:
        return False


def testgen(cs: CompiledStandard, installed: bool) -> str:
    """A test file of generated cases for every rule and gate of a standard, with the values the
    engine computes now as expectations, for a person to review and commit (YAML text). The file
    names an ``installed`` standard by ``family@version``; a draft folder's cases name none: they
    run against the version whose ``tests/`` folder holds them."""
    out = []
    for c in generated_cases(cs):
        card = score_park(cs, park_from_mapping(c["data"], c["name"]))
        if "gate" in c:
            expect: dict[str, Any] = {"gates": {card.gate(c["gate"]).clause: str(card.gate(c["gate"]).status)}}
        else:
            subject = c["name"].split(" ")[1].split(":")[0]
            r = card.indicator(subject)
            spec: dict[str, Any] = {"points": _yaml_number(r.points), "status": str(r.status)}
            if r.rule is not None:
                spec["rule"] = r.rule.text
            expect = {"indicators": {r.clause: spec}}
        out.append({"name": c["name"], "data": _yaml_data(c["data"]), "expect": expect})
    head = (f"# Generated by `parkscore testgen {cs.ref}`: every band on its bounds, a step inside and outside,\n"
            "# every level, counts below, at and over the cap, exemptions and guards, trends, gates.\n"
            "# The expectations are what the engine computes now: review them against the standard's text.\n")
    if not installed:  # a draft folder: its cases are about the version whose tests/ holds this file
        head += "# Keep this file in the standard's tests/ folder: `parkscore test FOLDER` runs it against that version.\n"
    top: dict[str, Any] = {"standard": cs.ref} if installed else {}
    return head + yaml.safe_dump({**top, "cases": out}, allow_unicode=True, sort_keys=False, width=120)


def _yaml_number(d: Decimal) -> int | str:
    return int(d) if d == d.to_integral_value() else str(d)


def _yaml_data(v: Any) -> Any:
    if isinstance(v, Decimal):
        return _yaml_number(v)
    if isinstance(v, dict):
        return {k: _yaml_data(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_yaml_data(x) for x in v]
    return v


# ---- renderings of a run ----------------------------------------------------------------------


def _failure_lines(o: Outcome) -> list[str]:
    lines = [f"FAIL {o.case.file}:{o.case.span.line}: {o.case.name}"]
    lines += [f"  {d.span}: {d.code} {d.message}" for d in o.errors]
    for e, actual in o.failures:
        lines.append(f"  {e.what}: expected {shown(e.value)}, got {shown(actual)}  [{e.span}]")
        if o.card is not None and e.subject:
            try:
                lines.append("    " + indicator_line(o.card.indicator(e.subject)))
            except KeyError:
                pass
    return lines


def run_text(run: TestRun, with_coverage: bool) -> str:
    out: list[str] = []
    for o in run.failed:
        out += _failure_lines(o)
    if run.changed:
        out.append(f"{len(run.changed)} case(s) of the base that the draft changes:")
        for _before, after in run.changed:
            diffs = "; ".join(f"{e.what}: {shown(e.value)} -> {shown(a)}" for e, a in after.failures) or "same results"
            out.append(f"  {after.case.file}:{after.case.span.line}: {after.case.name}: {diffs}")
    n = len(run.outcomes)
    out.append(f"{n} case(s): {n - len(run.failed)} passed, {len(run.failed)} failed"
               + (f"; {len(run.changed)} changed by the draft" if run.changed else ""))
    if with_coverage:
        for ref, (items, hit) in run.coverage.items():
            done = [i for i in items if i.key in hit]
            pct = 100 * len(done) / len(items) if items else 100.0
            out.append(f"coverage {ref}: {len(done)} of {len(items)} rules and outcomes ({pct:.1f} %)")
            out += [f"  not covered: {i.where}: {i.what}: {i.text}" for i in items if i.key not in hit]
    return "\n".join(out)


def run_json(run: TestRun, with_coverage: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": "parkscore.test/1",
        "cases": len(run.outcomes), "failed": len(run.failed),
        "failures": [{"file": o.case.file, "line": o.case.span.line, "name": o.case.name,
                      "errors": [d.to_json() for d in o.errors],
                      "expectations": [{"what": e.what, "expected": shown(e.value), "actual": shown(a)} for e, a in o.failures]}
                     for o in run.failed],
        "changed_by_draft": [{"file": a.case.file, "line": a.case.span.line, "name": a.case.name,
                              "differences": [{"what": e.what, "expected": shown(e.value), "actual": shown(x)} for e, x in a.failures]}
                             for _, a in run.changed],
    }
    if with_coverage:
        out["coverage"] = {ref: {"covered": sum(1 for i in items if i.key in hit), "total": len(items),
                                 "uncovered": [{"where": i.where, "what": i.what, "rule": i.text} for i in items if i.key not in hit]}
                           for ref, (items, hit) in run.coverage.items()}
    return out
