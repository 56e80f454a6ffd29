"""The ``parkscore`` command line."""
from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from functools import wraps
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any, Callable

import click
from tabulate import tabulate

from parkscore.dsl import check as checker
from parkscore.dsl import load
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, did_you_mean, errors, read_text, render_all
from parkscore.dsl.diff import diff as semantic_diff
from parkscore.dsl.fmt import format_source
from parkscore.dsl.lint import lint
from parkscore.dsl.span import Span

from . import audit, installed_ids, load_standard, score
from .compare import compare, compare_csv, compare_json, compare_table
from .data import load_park, parse_percent, resolve
from .explain import MODES, explain_json, explain_text, group, select
from .gap import gap as run_gap
from .gap import gap_json, gap_text
from .render import dumps, schema_json, schema_table, scorecard_json, scorecard_markdown, scorecard_table
from .sensitivity import sensitivity as run_sensitivity
from .sensitivity import sensitivity_json, sensitivity_text
from .trace import BufferTracer

COMMAND_LINE = Span("<command line>", 0, 0, 0, 0)
STANDARD_HELP = "a standard: family@version (see `parkscore standards`) or a directory of .pks files"


def _fail_on_diagnostics(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Errors in rule or data files are printed as file:line:col diagnostics, never as tracebacks."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DiagnosticError as exc:
            click.echo(render_all(exc.diagnostics, exc.sources), err=True)
            n = len(exc.diagnostics)
            click.echo(f"{n} error{'s' if n != 1 else ''}", err=True)
            sys.exit(1)

    return wrapper


@click.group()
@click.version_option(_version("parkscore"), prog_name="parkscore")
def main() -> None:
    """Score chemical industrial parks against point-scored standards written as rule files."""


@main.command("score")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default="cpcif-green-park@2020", show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True,
              help="table: for the terminal; json: schema parkscore.scorecard/1; markdown: a report")
@click.option("--audit", "audit_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="also write an audit record (scorecard, trace, sha256 of rule and data files, tool version)")
@_fail_on_diagnostics
def score_cmd(park: str, standard: str, fmt: str, audit_path: str | None) -> None:
    """Score PARK (a YAML data file) against a standard.

    Prints each indicator's value, the band or level that matched and its points, category
    subtotals, the total, the basic-requirement gates and whether the park is eligible.
    Indicators without data score 0 and are listed as missing. With --audit, writes a record
    that `parkscore verify` can check later.
    """
    cs = load_standard(standard)
    data = load_park(park)
    card = score(cs, data)
    if fmt == "json":
        click.echo(dumps(scorecard_json(card, park, data.context)))
    else:
        click.echo(scorecard_markdown(card) if fmt == "markdown" else scorecard_table(card), nl=fmt != "markdown")
    if audit_path:
        Path(audit_path).write_text(dumps(audit.record(standard, park)) + "\n", encoding="utf-8")
        click.echo(f"audit record written to {audit_path}", err=True)


@main.command("explain")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default="cpcif-green-park@2020", show_default=True, help=STANDARD_HELP)
@click.option("--indicator", "-i", "indicators", multiple=True, help="only these indicators (repeatable)")
@click.option("--mode", type=click.Choice(MODES), default="full", show_default=True,
              help="full: everything; awards: what awarded points; fails: what gave nothing (0 points, no data, failed gates)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_on_diagnostics
def explain_cmd(park: str, standard: str, indicators: tuple[str, ...], mode: str, fmt: str) -> None:
    """Explain why each point was or was not awarded: an auditor's working paper.

    For each indicator: the figures used with their source notes, the formula with the numbers
    substituted, each rule tested in order with its outcome, the rule that decided (file:line:col,
    clause, the source line quoted) and the points; then category subtotals, gates and the total.
    """
    cs = load_standard(standard)
    known = [ci.ind.id for ci in cs.indicators]
    unknown = [Diagnostic("E110", f"unknown indicator '{i}' in {cs.ref}", COMMAND_LINE, did_you_mean(i, known))
               for i in indicators if i not in known]
    if unknown:
        raise DiagnosticError(unknown)
    tracer = BufferTracer()
    score(cs, load_park(park), tracer)
    groups = select(group(tracer.events), mode, indicators)
    click.echo(dumps(explain_json(groups)) if fmt == "json" else explain_text(groups, cs.sources, park), nl=fmt == "json")


@main.command("verify")
@click.argument("record_path", metavar="RECORD", type=click.Path(exists=True, dir_okay=False))
@click.option("--park", "park", default=None, help="the park file, if it has moved since the record was made")
@_fail_on_diagnostics
def verify_cmd(record_path: str, park: str | None) -> None:
    """Recompute an audit RECORD and say whether it still matches; exit 1 if not.

    When it differs, each differing indicator is listed with the cause: rules changed, data
    changed (which figures), or tool changed.
    """
    try:
        rec = json.loads(read_text(record_path, "D100"))
    except json.JSONDecodeError as exc:
        rec = {"error": f"not JSON ({exc.msg}, line {exc.lineno})"}
    if not isinstance(rec, dict) or rec.get("schema") != audit.AUDIT_SCHEMA:
        raise DiagnosticError([Diagnostic("D100", f"{record_path} is not a parkscore audit record", COMMAND_LINE)])
    verdict = audit.verify(rec, park)
    click.echo(f"record: {record_path} (parkscore {rec['tool']['version']}, {rec['created']})")
    click.echo(verdict.text())
    sys.exit(0 if verdict.matches else 1)


@main.command("schema")
@click.option("--standard", "-s", "standard", default="cpcif-green-park@2020", show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_fail_on_diagnostics
def schema_cmd(standard: str, fmt: str) -> None:
    """List every indicator, input and gate a park must report: what a data-collection form needs.

    For each indicator: clause, id, title, unit, kind (band, level, count), maximum points, the
    data it reads and, for expert-assessed indicators, the level names from lowest to highest.
    """
    cs = load_standard(standard)
    click.echo(dumps(schema_json(cs)) if fmt == "json" else schema_table(cs))


@main.command("check")
@click.argument("targets", nargs=-1, required=True)
@click.option("--standard", "-s", "standard", default=None, help="check YAML park files against this standard")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_on_diagnostics
def check_cmd(targets: tuple[str, ...], standard: str | None, fmt: str) -> None:
    """Check rule files and park data files; print diagnostics; exit 1 on any error.

    TARGETS are standards (family@version), directories or .pks files (the whole version
    directory of a .pks file is checked, since its files form one standard), and .yaml park
    files (checked against --standard, default cpcif-green-park@2020).
    """
    diags: list[Diagnostic] = []
    sources = SourceMap()
    checked: set[str] = set()
    for target in targets:
        if target.endswith((".yaml", ".yml")):
            cs = load_standard(standard or "cpcif-green-park@2020")
            park = load_park(target)
            sources.add(park.path, park.text)
            diags += resolve(park, cs.std, installed_ids())[1]
            continue
        ref = load.standard_of(target)
        if ref in checked:
            continue
        checked.add(ref)
        std, found, srcs = load.parse_source(load.find(ref))
        sources.update(srcs)
        diags += found + (checker.check(std) if std else [])
    if fmt == "json":
        click.echo(dumps([d.to_json() for d in diags]))
    elif diags:
        click.echo(render_all(diags, sources), err=True)
    n_err = len(errors(diags))
    if fmt == "text":
        click.echo(f"{n_err} error(s), {len(diags) - n_err} warning(s) in {', '.join(targets)}", err=True)
    sys.exit(1 if n_err else 0)


@main.command("fmt")
@click.argument("targets", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", "check_only", is_flag=True, help="change nothing; exit 1 if a file is not formatted (for CI)")
@_fail_on_diagnostics
def fmt_cmd(targets: tuple[str, ...], check_only: bool) -> None:
    """Rewrite .pks files (or every .pks file under a directory) in the canonical format.

    Formatting keeps every comment, never changes meaning (the parsed rules are equal before and
    after) and is idempotent, so versions of a standard diff cleanly.
    """
    files = [p for t in targets for p in ([Path(t)] if Path(t).is_file() else sorted(Path(t).rglob("*.pks")))]
    changed = 0
    for f in files:
        text = read_text(f)
        new = format_source(text, str(f))
        if new != text:
            changed += 1
            if not check_only:
                f.write_text(new, encoding="utf-8")
            click.echo(f"{'would reformat' if check_only else 'reformatted'} {f}", err=True)
    click.echo(f"{changed} of {len(files)} file(s) {'need formatting' if check_only else 'reformatted'}", err=True)
    sys.exit(1 if check_only and changed else 0)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_fail_on_diagnostics
def diff_cmd(old: str, new: str, fmt: str) -> None:
    """Semantic diff of two standard versions OLD and NEW (family@version or directories).

    Lists, by indicator, gate, category and input: added, removed, thresholds changed, points
    changed, formula, conditions, unit, moved, and wording-only changes. Indifferent to
    formatting and to the order of declarations; `diff A A` is empty.
    """
    a, b = load_standard(old), load_standard(new)
    changes = semantic_diff(a.std, b.std)
    if fmt == "json":
        click.echo(dumps({"schema": "parkscore.diff/1", "old": a.ref, "new": b.ref, "changes": [c.to_json() for c in changes]}))
        return
    click.echo(f"{a.ref} → {b.ref}: {len(changes)} change(s)")
    if changes:
        rows = [[c.kind, c.what, c.clause, c.id, c.detail] for c in changes]
        click.echo(tabulate(rows, headers=["change", "what", "clause", "id", "detail"], tablefmt="simple", disable_numparse=True))


@main.command("compare")
@click.argument("parks", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standards", multiple=True, required=True, help=STANDARD_HELP + " (give two or more)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@_fail_on_diagnostics
def compare_cmd(parks: tuple[str, ...], standards: tuple[str, ...], fmt: str) -> None:
    """Score each PARK under each --standard: points per indicator, deltas (last minus first
    standard) and the parks whose eligibility flips between versions."""
    compiled = [load_standard(s) for s in standards]
    results = compare([(p, load_park(p)) for p in parks], compiled, score)
    refs = [c.ref for c in compiled]
    if fmt == "json":
        click.echo(dumps(compare_json(results, refs)))
    elif fmt == "csv":
        click.echo(compare_csv(results, refs), nl=False)
    else:
        click.echo(compare_table(results, refs))


@main.command("lint")
@click.argument("standards", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_on_diagnostics
def lint_cmd(standards: tuple[str, ...], fmt: str) -> None:
    """Lint whole standards (family@version or directories) before publishing; exit 1 on any finding.

    Everything `check` reports (overlapping bands, gaps, maxima that do not add up, units) plus
    the table-level findings: points that do not grow toward "better" (L101), shares without
    x100 (L102), table 1's requirement disagreeing with the lowest scoring band (L201), rules
    that can never fire (L301) and inputs nothing reads (L401). See README for the codes.
    """
    found: list[Diagnostic] = []
    sources = SourceMap()
    for ref in standards:
        src = load.find(ref)
        std, diags, srcs = load.parse_source(src)
        sources.update(srcs)
        found += diags + (lint(std) if std else [])
    if fmt == "json":
        click.echo(dumps([d.to_json() for d in found]))
    elif found:
        click.echo(render_all(found, sources))
    if fmt == "text":
        click.echo(f"{len(found)} finding(s) in {', '.join(standards)}", err=True)
    sys.exit(1 if found else 0)


@main.command("gap")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default="cpcif-green-park@2020", show_default=True, help=STANDARD_HELP)
@click.option("--target", type=str, default=None, help="points to reach (default: the standard's pass mark)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_on_diagnostics
def gap_cmd(park: str, standard: str, target: str | None, fmt: str) -> None:
    """What PARK can change to reach the target: per indicator the next band and the change in the
    raw figure it needs, the points it gains, ranked by points per relative change; then a smallest
    set of changes that reaches the target, verified by re-scoring the park with them applied."""
    cs = load_standard(standard)
    data = load_park(park)
    facts, _ = resolve(data, cs.std, installed_ids())
    goal = _decimal_option("--target", target) if target else cs.std.header.pass_mark
    if goal is None:
        raise DiagnosticError([Diagnostic("E012", f"{cs.ref} has no pass mark", COMMAND_LINE, "give --target POINTS")])
    score(cs, data)  # reports data errors as diagnostics before any analysis
    rep = run_gap(cs, facts, data, goal)
    click.echo(dumps(gap_json(rep)) if fmt == "json" else gap_text(rep))


@main.command("sensitivity")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default="cpcif-green-park@2020", show_default=True, help=STANDARD_HELP)
@click.option("--uncertainty", "-u", default="10%", show_default=True,
              help="± relative error of every figure (a figure's own 'uncertainty' in the park file wins)")
@click.option("--runs", default=2000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_fail_on_diagnostics
def sensitivity_cmd(park: str, standard: str, uncertainty: str, runs: int, seed: int, fmt: str) -> None:
    """Monte Carlo over PARK's figures within their uncertainty: the probability of being
    eligible, the distribution of the total, and the indicators near a band edge on which the
    verdict hangs (what an auditor must double-check). Seeded and reproducible."""
    cs = load_standard(standard)
    data = load_park(park)
    score(cs, data)  # reports data errors as diagnostics before any analysis
    facts, _ = resolve(data, cs.std, installed_ids())
    u = parse_percent(uncertainty)
    if u is None:
        raise DiagnosticError([Diagnostic("E013", f"--uncertainty needs a percentage such as 10%, got '{uncertainty}'", COMMAND_LINE)])
    rep = run_sensitivity(cs, facts, data, u, runs, seed)
    click.echo(dumps(sensitivity_json(rep)) if fmt == "json" else sensitivity_text(rep))


def _decimal_option(name: str, text: str) -> Decimal:
    try:
        return Decimal(text.rstrip("%"))
    except InvalidOperation:
        raise DiagnosticError([Diagnostic("E013", f"{name} needs a number, got '{text}'", COMMAND_LINE)]) from None


@main.command("standards")
def standards_cmd() -> None:
    """List the standards and versions installed with parkscore."""
    for family, versions in load.installed().items():
        for v in versions:
            src = load.find(f"{family}@{v}")
            std, _, _ = load.parse_source(src)
            title = f"{std.header.title} ({std.header.status})" if std else "(does not parse: run parkscore check)"
            click.echo(f"{family}@{v}\t{title}")


if __name__ == "__main__":  # pragma: no cover
    main()
