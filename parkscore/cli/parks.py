"""Commands about parks: score, explain, verify, compare, gap, sensitivity, impact, status."""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import click

from parkscore import api
from parkscore.api import render as out

from .common import (
    AS_OF_HELP,
    DEFAULT_STANDARD,
    STANDARD_HELP,
    charts_option,
    compiled_standard,
    decimal,
    fail_on_diagnostics,
    in_force,
    may_write,
    percent,
    write_charts,
)


@click.command("score")
@click.argument("parks", nargs=-1, required=True, type=click.Path())
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "html", "csv", "jsonl"]), default="table", show_default=True,
              help="one park: table (for the terminal), json (parkscore.scorecard/1), markdown (a report) or html (a "
                   "self-contained report with the trace); "
                   "many parks: table (one line per park), csv (one row per park, a column per indicator's points "
                   "and value) or jsonl (one parkscore.scorecard/1 per line)")
@click.option("--sheet", default=None, help="the sheet of an .xlsx table (default: the first)")
@click.option("--audit", "audit_path", type=click.Path(dir_okay=False), default=None,
              help="one park: also write an audit record of this scorecard (its trace, sha256 of rule and data files, tool version)")
@click.option("--force", is_flag=True, help="with --audit: replace an existing file that is not an earlier audit record")
@click.option("--as-of", "as_of", default=None, help=AS_OF_HELP)
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None,
              help="many parks: processes to score them in, output in order [default: the machine's cores]; "
                   "fewer than 256 parks are scored in one")
@charts_option
@fail_on_diagnostics
def score_cmd(parks: tuple[str, ...], standard: str, fmt: str, sheet: str | None, audit_path: str | None, force: bool,
              as_of: str | None, jobs: int | None, charts_dir: str | None) -> None:
    """Score PARKS against a standard: a YAML park file, or many parks (several files, a directory
    of them, tables: .csv, .xlsx, .parquet with one row per park).

    For one park: each indicator's value, the band or level that matched and its points, category
    subtotals, the total, the basic-requirement gates and whether the park is eligible; indicators
    without data score 0 and are listed as missing. With --audit, also writes the record of this
    very scorecard, which `parkscore verify` can check later; it never overwrites the park file,
    nor a file that is not an earlier audit record (unless --force).

    For many parks, results stream one park at a time (memory stays flat); a file or row with
    errors is reported on stderr with its position (parks.xlsx:Sheet1!F12) and the others are
    scored; the exit status is 1 if any was not scored.
    """
    single = api.is_one_park(parks)
    if not single and audit_path:
        raise api.option_error("--audit records one park; give one YAML park file", code="E013")
    standard = in_force(standard, as_of)
    if not single or fmt in ("csv", "jsonl"):
        _score_many(parks, standard, fmt, sheet, jobs or os.cpu_count() or 1, charts_dir)
        return
    park = parks[0]
    if audit_path:
        may_write(audit_path, force, (park,), out.AUDIT_SCHEMA)  # refused before any work is done or printed
    cs = compiled_standard(standard)
    data = api.load_park(park)
    explanation = api.explain(cs, data) if audit_path or fmt == "html" else None
    card = explanation.card if explanation else api.score(cs, data)
    if fmt == "html":
        assert explanation is not None
        click.echo(out.scorecard_html(card, cs, explanation.events), nl=False)
    elif fmt == "json":
        click.echo(out.dumps(out.scorecard_json(card, park, data.context)))
    else:
        click.echo(out.scorecard_markdown(card) if fmt == "markdown" else out.scorecard_table(card), nl=fmt != "markdown")
    if charts_dir:
        write_charts(out.scorecard_charts(card), charts_dir)
    if audit_path and explanation:
        record = api.audit_record(standard, data, explanation)
        Path(audit_path).write_text(out.dumps(record) + "\n", encoding="utf-8")
        click.echo(f"audit record written to {audit_path}", err=True)


def _score_many(parks: tuple[str, ...], standard: str, fmt: str, sheet: str | None, jobs: int, charts_dir: str | None) -> None:
    """Batch scoring, streamed: a line (table), a row (csv) or a scorecard (jsonl) per park; the
    charts of the population (totals, verdicts) from each park's total and verdict."""
    if fmt in ("json", "markdown", "html"):
        raise api.option_error(f"--format {fmt} is for one park; for many use table, csv or jsonl")
    cs = compiled_standard(standard)
    columns = api.score_columns(cs)
    if fmt == "csv":
        click.echo(out.csv_line(columns))
    elif fmt == "table":
        click.echo(f"{'total':>8}  {'verdict':<13} {'no data':>7}  park (period)  [where]   under {cs.ref}")
    n = bad = eligible = headers = 0
    verdicts: list[dict[str, object]] = []
    points: dict[str, Counter[Decimal | None]] = {f"{ci.ind.clause} {ci.ind.id}": Counter() for ci in cs.indicators} if charts_dir else {}
    for s in api.score_many(cs, *parks, sheet=sheet, jobs=jobs):
        if s.row.header:  # a table's columns the standard does not read: said once, the rows scored without them
            headers += 1
            click.echo(out.render_all(s.diagnostics, s.sources), err=True)
            continue
        n += 1
        if s.card is None:
            bad += 1
            click.echo(out.render_all(s.diagnostics, s.sources), err=True)
        if fmt == "csv":
            row = api.score_row(cs, s)
            click.echo(out.csv_line([row.get(c) for c in columns]))
        elif fmt == "jsonl":
            obj = out.scorecard_json(s.card, s.row.where) if s.card else {"schema": "parkscore.error/1", "where": s.row.where,
                                                                         "diagnostics": [d.to_json() for d in s.diagnostics]}
            click.echo(out.dumps_line(obj))
        elif s.card is not None:
            c = s.card
            head = c.park + (f" ({c.period})" if c.period else "") + (" [synthetic]" if c.synthetic else "")
            why = f"  because: {'; '.join(c.reasons)}" if c.reasons else ""  # a verdict never stands without its reason
            click.echo(f"{out.show(c.total, 4):>8}  {c.verdict:<13} {len(c.missing):>7}  {head}  [{s.row.where}]{why}")
        eligible += bool(s.card and s.card.eligible)
        if charts_dir:  # only then is anything kept: without charts, memory stays flat however many parks
            verdicts.append({"total": s.card.total, "eligible": s.card.eligible} if s.card else {"total": None})
            for r in s.card.indicators if s.card else ():
                points[f"{r.clause} {r.id}"][r.points if r.status.value == "scored" else None] += 1
    if charts_dir:
        write_charts(out.population_charts(verdicts, cs.ref, cs.std.header.pass_mark, points), charts_dir)
    click.echo(f"{n} park(s): {n - bad} scored, {eligible} eligible, {bad} not scored (errors above)"
               + (f"; {headers} table header(s) with columns the standard does not read (above)" if headers else ""), err=True)
    if bad or headers:
        sys.exit(1)



@click.command("explain")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--indicator", "-i", "indicators", multiple=True, help="only these indicators, by id or clause (repeatable)")
@click.option("--mode", type=click.Choice(out.MODES), default="full", show_default=True,
              help="full: everything; awards: what awarded points; fails: what gave nothing (0 points, no data, failed gates)")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="json: schema parkscore.explain/1; html: the scorecard report with every indicator's trace open (all indicators)")
@click.option("--as-of", "as_of", default=None, help=AS_OF_HELP)
@fail_on_diagnostics
def explain_cmd(park: str, standard: str, indicators: tuple[str, ...], mode: str, fmt: str, as_of: str | None) -> None:
    """Explain why each point was or was not awarded: an auditor's working paper.

    For each indicator: the figures used with their source notes, the formula with the numbers
    substituted, each rule tested in order with its outcome, the rule that decided (file:line:col,
    clause, the source line quoted) and the points; then category subtotals, gates and the total.
    """
    cs = compiled_standard(in_force(standard, as_of))
    ids = api.indicator_ids(cs, indicators)
    explanation = api.explain(cs, api.load_park(park))
    if fmt == "html":
        click.echo(out.scorecard_html(explanation.card, cs, explanation.events, open_trace=True), nl=False)
        return
    groups = out.select(out.group(explanation.events), mode, ids)
    if fmt == "json":
        click.echo(out.dumps({"schema": "parkscore.explain/1", "standard": cs.ref, "park_file": park, "groups": out.explain_json(groups)}))
    else:
        click.echo(out.explain_text(groups, cs.sources, park), nl=False)


@click.command("verify")
@click.argument("record_path", metavar="RECORD", type=click.Path(dir_okay=False))
@click.option("--park", "park", default=None, help="the park file, if it has moved since the record was made")
@fail_on_diagnostics
def verify_cmd(record_path: str, park: str | None) -> None:
    """Recompute an audit RECORD and say whether it still matches; exit 1 if not.

    VERIFIED only if the rule files, the park file (sha256 of their bytes) and the tool are
    unchanged and recomputing gives every field the record claims: the scorecard and the trace.
    Otherwise each differing indicator is listed with the cause (rules changed, data changed
    with the figures, tool changed), then any other field that differs. A record is read as
    data: it can name only a .yaml park file (in the working directory or beside the record;
    elsewhere, give it with --park) and a standard to read. A decision log (RECORD.jsonl, written
    by `parkscore serve --decision-log`) is verified line by line, each from the park it holds.
    """
    if record_path.endswith(".jsonl"):  # a decision log of `parkscore serve --decision-log`: every line verified
        _verify_log(record_path)
        return
    rec = api.read_record(record_path)
    verdict = api.verify(rec, park, record_path)
    click.echo(f"record: {record_path} (parkscore {rec['tool']['version']}, {rec['created']})")
    click.echo(verdict.text())
    sys.exit(0 if verdict.matches else 1)


def _verify_log(path: str) -> None:
    """Each decision of a log recomputed: a line each, VERIFIED or why not; exit 1 if any is not."""
    failed = 0
    for n, got in api.read_log(path):
        if isinstance(got, api.DiagnosticError):
            failed += 1
            click.echo(f"{path}:{n}: not a record: {got.diagnostics[0].message}")
            continue
        verdict = api.verify(got)
        failed += not verdict.matches
        lines = verdict.text().splitlines()
        result = next((i for i, line in enumerate(lines) if line.startswith("result: ")), 0)
        park = got["park"]["content"].get("park", "") if "content" in got["park"] else got["park"]["path"]
        click.echo(f"{path}:{n}: {park} ({got['created']}): {lines[result].removeprefix('result: ')}")
        if not verdict.matches:
            click.echo("\n".join("    " + line for line in lines[:result] + lines[result + 1:]))
    sys.exit(1 if failed else 0)


@click.command("compare")
@click.argument("parks", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--standard", "-s", "standards", multiple=True, required=True, help=STANDARD_HELP + " (give two or more)")
@click.option("--sheet", default=None, help="the sheet of .xlsx tables (default: the first)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table", show_default=True,
              help="json: schema parkscore.compare/1; csv: one row per park and indicator; html: a self-contained report with charts")
@charts_option
@fail_on_diagnostics
def compare_cmd(parks: tuple[str, ...], standards: tuple[str, ...], sheet: str | None, fmt: str, charts_dir: str | None) -> None:
    """Score each park of PARKS (park files, directories of them, tables) under each --standard:
    points per indicator, deltas (last minus first standard) and the parks whose eligibility flips
    between versions. Indicators without data are shown as "no data", not as 0. A park that cannot
    be read is reported and the others are compared (exit 1)."""
    if charts_dir and fmt == "csv":  # CSV streams a park at a time and keeps none to draw
        raise api.option_error("--charts draws kept results: use --format table, json or html with it", code="E013")
    compiled = [compiled_standard(s) for s in standards]
    refs = [c.ref for c in compiled]
    labels, illustrative, notes = out.compare_labels(compiled)  # table and CSV headers say which are illustrative
    results = []  # kept for the table and JSON; CSV streams a park at a time
    bad = 0
    if fmt == "csv":
        click.echo(out.compare_csv([], labels), nl=False)
    for row in api.read_parks(*parks, sheet=sheet):
        try:
            if row.park is None:
                raise api.DiagnosticError(list(row.diagnostics), row.sources or api.SourceMap())
            compared = api.compare([row.park], compiled)
        except api.DiagnosticError as exc:  # one bad park does not stop the others
            bad += 1
            click.echo(out.render_all(exc.diagnostics, exc.sources), err=True)
            continue
        if fmt == "csv":
            click.echo(out.compare_csv(compared, labels, header=False), nl=False)
        else:
            results += compared
    if fmt == "json":
        click.echo(out.dumps(out.compare_json(results, refs, illustrative)))
    elif fmt == "table":
        click.echo(out.compare_table(results, labels))
    elif fmt == "html":
        click.echo(out.compare_html(results, labels, notes), nl=False)
    if charts_dir:  # each park's charts, numbered in the order of the parks
        write_charts([replace(c, id=f"{c.id}-{i}") for i, r in enumerate(results, 1) for c in out.compare_charts(r, labels)], charts_dir)
    if bad:
        sys.exit(1)


@click.command("gap")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--target", type=str, default=None, help="points to reach (default: the standard's pass mark)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.gap/1")
@fail_on_diagnostics
def gap_cmd(park: str, standard: str, target: str | None, fmt: str) -> None:
    """What PARK can change to reach the target: per indicator the next band and the change in the
    raw figure it needs, the points it gains, ranked by points per relative change; then a smallest
    set of changes that reaches the target, verified by re-scoring the park with them applied."""
    goal = decimal("--target", target) if target is not None else None
    rep = api.gap(compiled_standard(standard), api.load_park(park), goal)
    click.echo(out.dumps(out.gap_json(rep)) if fmt == "json" else out.gap_text(rep))


@click.command("sensitivity")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--uncertainty", "-u", default="10%", show_default=True,
              help="± relative error of every figure (a figure's own 'uncertainty' in the park file wins)")
@click.option("--runs", default=2000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.sensitivity/1")
@charts_option
@fail_on_diagnostics
def sensitivity_cmd(park: str, standard: str, uncertainty: str, runs: int, seed: int, fmt: str, charts_dir: str | None) -> None:
    """Monte Carlo over PARK's figures within their uncertainty: the probability of being
    eligible, the distribution of the total, and the indicators near a band edge on which the
    verdict hangs (what an auditor must double-check). Seeded and reproducible."""
    u = percent("--uncertainty", uncertainty)
    rep = api.sensitivity(compiled_standard(standard), api.load_park(park), u, runs, seed)
    click.echo(out.dumps(out.sensitivity_json(rep)) if fmt == "json" else out.sensitivity_text(rep))
    if charts_dir:
        write_charts(out.sensitivity_charts(rep), charts_dir)


@click.command("impact")
@click.argument("old")
@click.argument("new")
@click.option("--parks", "parks", multiple=True, required=True, type=click.Path(exists=True),
              help="the population: park files, directories of them, or tables (.csv, .xlsx, .parquet); repeatable")
@click.option("--sheet", default=None, help="the sheet of .xlsx tables (default: the first)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table", show_default=True,
              help="table: for the terminal; json: parkscore.impact/1 (every flip); csv: one row per indicator and rule; "
                   "html: a self-contained report with charts (totals before and after, the flip matrix, the change per indicator)")
@click.option("--flips", "flips_shown", default=20, show_default=True, type=click.IntRange(0),
              help="table: how many flipping parks to list in each direction")
@charts_option
@fail_on_diagnostics
def impact_cmd(old: str, new: str, parks: tuple[str, ...], sheet: str | None, fmt: str, flips_shown: int, charts_dir: str | None) -> None:
    """What version NEW does to a population of parks scored under OLD: the distribution of totals
    under each, the parks whose eligibility flips in each direction with the indicators that moved
    them, per indicator the mean change of points, and the rules (file:line) that decided the
    changed points. Parks stream one at a time; one that cannot be scored is reported and counted,
    and the exit status is then 1."""
    a, b = compiled_standard(old), compiled_standard(new)

    def report(s: api.Scored) -> None:
        click.echo(out.render_all(s.diagnostics, s.sources), err=True)

    rep = api.impact(a, b, *parks, sheet=sheet, on_error=report)
    if fmt == "json":
        click.echo(out.dumps(out.impact_json(rep)))
    elif fmt == "csv":
        for row in out.impact_csv_rows(rep):
            click.echo(out.csv_line(row, defused=False))
    elif fmt == "html":
        click.echo(out.impact_html(rep), nl=False)
    else:
        click.echo(out.impact_text(rep, flips_shown))
    if charts_dir:
        write_charts(out.impact_charts(rep, rep.pass_mark), charts_dir)
    sys.exit(1 if rep.not_scored else 0)


@click.command("status")
@click.argument("history", type=click.Path(exists=True))
@click.option("--scheme", "scheme", default=None, help="the designation scheme (default: the history file's `scheme:`), e.g. cpcif-green-park-designation@2020-trial")
@click.option("--on", "on", required=True, help="the date: YYYY-MM-DD")
@click.option("--park", default=None, help="only the parks whose name contains this text")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: parkscore.status/1")
@fail_on_diagnostics
def status_cmd(history: str, scheme: str | None, on: str, park: str | None, fmt: str) -> None:
    """A park's status under a designation scheme on a date, from its dated history.

    Prints the state (e.g. listed in the 名录, 创建单位, revoked), since when and until when it
    holds, whether the park may use the title, what falls due next (annual report, re-review, end of
    the 创建期) and why: every event of the history read against the scheme, with the clause and
    the rule (file:line) behind each step. Dates given only as a year or month are read as any day
    of them: where the status depends on the day, both readings are shown.
    """
    reports = api.status(scheme, history, on, park)
    if fmt == "json":
        click.echo(out.dumps(out.statuses_json(reports)))
    else:
        summary = [out.status_summary(reports)] if len(reports) > 1 else []  # many parks: a table first, then each in full
        click.echo("\n\n".join(summary + [out.status_text(r) for r in reports]))
