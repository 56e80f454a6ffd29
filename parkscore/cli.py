"""The ``parkscore`` command line: each command parses its options, calls ``parkscore.api`` and
renders the result. Diagnostics are printed as ``file:line:col: error[CODE]: ...`` with the source
line and a caret, never as a traceback; command-line values are checked in one place
(``_decimal``, ``_percent``)."""
from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal, InvalidOperation
from functools import wraps
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any, Callable

import click
from tabulate import tabulate

from parkscore import api
from parkscore.dsl.dates import parse_day
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, did_you_mean, errors, option_error, read_text, render_all
from parkscore.dsl.diff import Change
from parkscore.dsl.fmt import format_source
from parkscore.dsl.lint import is_family, lint_windows
from parkscore.dsl.load import header_kind, in_force, installed, versions_of
from parkscore.dsl.numbers import dumps, dumps_line, show
from parkscore.engine.audit import AUDIT_SCHEMA
from parkscore.engine.compare import compare_csv, compare_json, compare_table, defuse
from parkscore.engine.compile import CompiledStandard
from parkscore.engine.data import parse_percent
from parkscore.engine.document import document_markdown
from parkscore.engine.explain import MODES, explain_json, explain_text, group, select
from parkscore.engine.gap import gap_json, gap_text
from parkscore.engine.html import compare_html, diff_html, scorecard_html, standard_html
from parkscore.engine.impact import impact_csv_rows, impact_json, impact_text
from parkscore.engine.lifecycle import status_json, status_text
from parkscore.engine.render import schema_json, schema_table, scorecard_json, scorecard_markdown, scorecard_table, standard_labels
from parkscore.engine.sensitivity import sensitivity_json, sensitivity_text
from parkscore.engine.sql import DIALECTS
from parkscore.engine.tables import is_table
from parkscore.engine.testing import indicator_line, shown
from parkscore.engine.workbook import is_form, standard_xlsx

STANDARD_HELP = ("a standard: family@version (see `parkscore standards`; an installed standard wins over a folder of "
                 "the same name) or a path to a directory of .pks files (write ./NAME for a folder here)")
DEFAULT_STANDARD = "cpcif-green-park@2020"
DIAGNOSTICS_SCHEMA = "parkscore.diagnostics/1"


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


def _in_force(family: str, as_of: str | None) -> str:
    """``--as-of DAY``: the version of the family in force that day (said on stderr); else ``family`` as given."""
    if as_of is None:
        return family
    day = parse_day(as_of)
    if day is None or not day.exact:
        raise option_error(f"--as-of '{as_of}' is not a day", "write --as-of 2022-06-30")
    ref = in_force(family, day.earliest)
    click.echo(f"in force on {day.earliest}: {ref}", err=True)
    return ref


def _standard(ref: str) -> CompiledStandard:
    """Load a standard for a command; its warnings (W010: which of two same-named standards) go to stderr."""
    cs = api.load_standard(ref)
    if cs.warnings:
        click.echo(render_all(cs.warnings), err=True)
    return cs


def _decimal(name: str, text: str) -> Decimal:
    try:
        d = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        d = Decimal("NaN")
    if not d.is_finite():
        raise option_error(f"{name} needs a finite number, got '{text}'")
    return d


def _percent(name: str, text: str) -> Decimal:
    u = parse_percent(text)  # the one reading of a percentage, as in park files
    if u is None:
        raise option_error(f"{name} needs a percentage such as 10%, got '{text}'")
    return u


def _may_write(path: str, force: bool, inputs: tuple[str, ...] = (), kind: str | None = None) -> None:
    """The one overwrite rule of outputs: never over an input of the command; over an existing file
    only with ``force``, or if it is an earlier output of the same ``kind`` (its text contains it)."""
    target = Path(path)
    if any(Path(i).exists() and target.exists() and target.resolve() == Path(i).resolve() for i in inputs):
        raise option_error(f"{path} is an input of this command; it is not overwritten", "write the output to another file", "E015")
    if target.exists() and not force:
        try:
            earlier = kind is not None and target.is_file() and f'"{kind}"' in read_text(target, "E015")
        except DiagnosticError:
            earlier = False
        if not earlier:
            what = f"is not an earlier {kind} output" if kind else "exists"
            raise option_error(f"{path} {what}; it is not overwritten", "choose another file, or add --force to replace it", "E015")


@click.group()
@click.version_option(_version("parkscore"), prog_name="parkscore")
def main() -> None:
    """Score chemical industrial parks against point-scored standards written as rule files."""


@main.command("score")
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
@click.option("--as-of", "as_of", default=None, help="a day (YYYY-MM-DD): --standard names a family, and the version in force that day is used")
@_fail_on_diagnostics
def score_cmd(parks: tuple[str, ...], standard: str, fmt: str, sheet: str | None, audit_path: str | None, force: bool,
              as_of: str | None) -> None:
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
    single = len(parks) == 1 and (Path(parks[0]).suffix.lower() in (".yaml", ".yml") or is_form(parks[0]))
    if not single and audit_path:
        raise option_error("--audit records one park; give one YAML park file", code="E013")
    standard = _in_force(standard, as_of)
    if not single or fmt in ("csv", "jsonl"):
        _score_many(parks, standard, fmt, sheet)
        return
    park = parks[0]
    cs = _standard(standard)
    data = api.load_park(park)
    explanation = api.explain(cs, data) if audit_path or fmt == "html" else None
    card = explanation.card if explanation else api.score(cs, data)
    if fmt == "html":
        assert explanation is not None
        click.echo(scorecard_html(card, explanation.events), nl=False)
    elif fmt == "json":
        click.echo(dumps(scorecard_json(card, park, data.context)))
    else:
        click.echo(scorecard_markdown(card) if fmt == "markdown" else scorecard_table(card), nl=fmt != "markdown")
    if audit_path and explanation:
        record = api.audit_record(standard, data, explanation)
        _may_write(audit_path, force, (park,), AUDIT_SCHEMA)
        Path(audit_path).write_text(dumps(record) + "\n", encoding="utf-8")
        click.echo(f"audit record written to {audit_path}", err=True)


def _score_many(parks: tuple[str, ...], standard: str, fmt: str, sheet: str | None) -> None:
    """Batch scoring, streamed: a line (table), a row (csv) or a scorecard (jsonl) per park."""
    if fmt in ("json", "markdown", "html"):
        raise option_error(f"--format {fmt} is for one park; for many use table, csv or jsonl")
    cs = _standard(standard)
    columns = api.score_columns(cs)
    if fmt == "csv":
        click.echo(_csv_line(columns))
    elif fmt == "table":
        click.echo(f"{'total':>8}  {'verdict':<13} {'no data':>7}  park (period)  [where]   under {cs.ref}")
    n = bad = eligible = 0
    for s in api.score_many(cs, *parks, sheet=sheet):
        n += 1
        if s.card is None:
            bad += 1
            click.echo(render_all(s.diagnostics, s.sources), err=True)
        if fmt == "csv":
            row = api.score_row(cs, s)
            click.echo(_csv_line([_csv_cell(row.get(c)) for c in columns]))
        elif fmt == "jsonl":
            obj = scorecard_json(s.card, s.row.where) if s.card else {"schema": "parkscore.error/1", "where": s.row.where,
                                                                     "diagnostics": [d.to_json() for d in s.diagnostics]}
            click.echo(dumps_line(obj))
        elif s.card is not None:
            c = s.card
            head = c.park + (f" ({c.period})" if c.period else "") + (" [synthetic]" if c.synthetic else "")
            click.echo(f"{show(c.total, 4):>8}  {c.verdict:<13} {len(c.missing):>7}  {head}  [{s.row.where}]")
        eligible += bool(s.card and s.card.eligible)
    click.echo(f"{n} park(s): {n - bad} scored, {eligible} eligible, {bad} not scored (errors above)", err=True)
    if bad:
        sys.exit(1)


def _csv_line(cells: list[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


def _csv_cell(v: Any) -> Any:
    """A CSV cell: text a spreadsheet would run as a formula is defused."""
    return defuse(v) if isinstance(v, str) else "" if v is None else v


@main.command("explain")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--indicator", "-i", "indicators", multiple=True, help="only these indicators, by id or clause (repeatable)")
@click.option("--mode", type=click.Choice(MODES), default="full", show_default=True,
              help="full: everything; awards: what awarded points; fails: what gave nothing (0 points, no data, failed gates)")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="json: schema parkscore.explain/1; html: the scorecard report with every indicator's trace open (all indicators)")
@click.option("--as-of", "as_of", default=None, help="a day (YYYY-MM-DD): --standard names a family, and the version in force that day is used")
@_fail_on_diagnostics
def explain_cmd(park: str, standard: str, indicators: tuple[str, ...], mode: str, fmt: str, as_of: str | None) -> None:
    """Explain why each point was or was not awarded: an auditor's working paper.

    For each indicator: the figures used with their source notes, the formula with the numbers
    substituted, each rule tested in order with its outcome, the rule that decided (file:line:col,
    clause, the source line quoted) and the points; then category subtotals, gates and the total.
    """
    cs = _standard(_in_force(standard, as_of))
    ids: list[str] = []
    unknown: list[Diagnostic] = []
    for i in indicators:
        try:
            ids.append(cs.indicator(i).ind.id)
        except KeyError:
            known = [ci.ind.id for ci in cs.indicators]
            unknown += option_error(f"unknown indicator '{i}' in {cs.ref}", did_you_mean(i, known), "E014").diagnostics
    if unknown:
        raise DiagnosticError(unknown)
    explanation = api.explain(cs, api.load_park(park))
    if fmt == "html":
        click.echo(scorecard_html(explanation.card, explanation.events, open_trace=True), nl=False)
        return
    groups = select(group(explanation.events), mode, tuple(ids))
    if fmt == "json":
        click.echo(dumps({"schema": "parkscore.explain/1", "standard": cs.ref, "park_file": park, "groups": explain_json(groups)}))
    else:
        click.echo(explain_text(groups, cs.sources, park), nl=False)


@main.command("verify")
@click.argument("record_path", metavar="RECORD", type=click.Path(dir_okay=False))
@click.option("--park", "park", default=None, help="the park file, if it has moved since the record was made")
@_fail_on_diagnostics
def verify_cmd(record_path: str, park: str | None) -> None:
    """Recompute an audit RECORD and say whether it still matches; exit 1 if not.

    VERIFIED only if the rule files, the park file (sha256 of their bytes) and the tool are
    unchanged and recomputing gives every field the record claims: the scorecard and the trace.
    Otherwise each differing indicator is listed with the cause (rules changed, data changed
    with the figures, tool changed), then any other field that differs. A record is read as
    data: it can name only a .yaml park file and a standard to read.
    """
    rec = api.read_record(record_path)
    verdict = api.verify(rec, park)
    click.echo(f"record: {record_path} (parkscore {rec['tool']['version']}, {rec['created']})")
    click.echo(verdict.text())
    sys.exit(0 if verdict.matches else 1)


@main.command("schema")
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json: schema parkscore.schema/1")
@_fail_on_diagnostics
def schema_cmd(standard: str, fmt: str) -> None:
    """List every indicator, input and gate a park must report: what a data-collection form needs.

    For each indicator: clause, id, title, unit, kind (band, level, count, trend), maximum points,
    the data it reads and, for expert-assessed indicators, the level names from lowest to highest.
    """
    cs = _standard(standard)
    click.echo(dumps(schema_json(cs)) if fmt == "json" else schema_table(cs))


def _print_diagnostics(diags: list[Diagnostic], sources: SourceMap, fmt: str, summary: str) -> None:
    """check and lint: the diagnostics are the output (stdout); the summary line goes to stderr."""
    if fmt == "json":
        click.echo(dumps({"schema": DIAGNOSTICS_SCHEMA, "diagnostics": [d.to_json() for d in diags]}))
    else:
        if diags:
            click.echo(render_all(diags, sources))
        click.echo(summary, err=True)


@main.command("check")
@click.argument("targets", nargs=-1, required=True)
@click.option("--standard", "-s", "standard", default=None, help="check YAML park files against this standard")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.diagnostics/1")
@_fail_on_diagnostics
def check_cmd(targets: tuple[str, ...], standard: str | None, fmt: str) -> None:
    """Check rule files and park data; print diagnostics as they are found; exit 1 on any error.

    TARGETS are standards (family@version), version directories or .pks files (the whole version
    directory of a .pks file is checked, since its files form one standard), and park data: .yaml
    park files, tables (.csv, .xlsx, .parquet: every row) and directories of them, checked against
    --standard (default cpcif-green-park@2020, loaded once).
    """
    found: list[dict[str, Any]] = []
    counts = [0, 0]  # errors, warnings
    seen: set[str] = set()
    cs: CompiledStandard | None = None

    def report(diags: list[Diagnostic] | tuple[Diagnostic, ...], sources: SourceMap | None) -> None:
        n_err = len(errors(diags))
        counts[0] += n_err
        counts[1] += len(diags) - n_err
        if fmt == "json":
            found.extend(d.to_json() for d in diags)
        elif diags:
            click.echo(render_all(diags, sources))

    for target in targets:
        path = Path(target)
        is_data = path.suffix.lower() in (".yaml", ".yml") or is_table(path) or (path.is_dir() and not any(path.glob("*.pks")))
        if not is_data:
            loaded = api.check_standard(target)
            if loaded.ref not in seen:
                seen.add(loaded.ref)
                report(loaded.diagnostics, loaded.sources)
            continue
        cs = cs or _standard(standard or DEFAULT_STANDARD)
        for row in api.read_parks(target):
            if row.park is None:
                report(row.diagnostics, row.sources)
                continue
            sources = SourceMap()
            sources.add(row.park.path, row.park.text)
            report(api.check_park(cs, row.park), sources)
    if fmt == "json":
        click.echo(dumps({"schema": DIAGNOSTICS_SCHEMA, "diagnostics": found}))
    named = ", ".join(targets) if len(targets) <= 5 else f"{len(targets)} targets"
    click.echo(f"{counts[0]} error(s), {counts[1]} warning(s) in {named}", err=True)
    sys.exit(1 if counts[0] else 0)


@main.command("lint")
@click.argument("standards", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.diagnostics/1")
@_fail_on_diagnostics
def lint_cmd(standards: tuple[str, ...], fmt: str) -> None:
    """Lint whole standards (family@version or directories) before publishing; exit 1 on any finding.

    A family (an installed one named without a version, or a directory of version directories) is
    linted version by version, and its versions' effective windows must neither overlap nor leave
    days without a version (L601).

    Everything `check` reports (overlapping bands, gaps, maxima that do not add up, units) plus
    the table-level findings: points that do not grow toward "better" (L101), shares without
    x100 (L102), table 1's requirement disagreeing with the lowest scoring band (L201), rules
    that can never fire (L301), inputs nothing reads (L401) and confusable identifiers (L501).
    See README for the codes.
    """
    found: list[Diagnostic] = []
    sources = SourceMap()
    for ref in standards:
        family = is_family(ref)  # a family: every version, and their effective windows
        for one in [r for r, _ in versions_of(ref)] if family else [ref]:
            loaded = api.lint_standard(one)
            sources.update(loaded.sources)
            found += loaded.diagnostics
        if family:
            found += lint_windows(ref)
    _print_diagnostics(found, sources, fmt, f"{len(found)} finding(s) in {', '.join(standards)}")
    sys.exit(1 if found else 0)


@main.command("fmt")
@click.argument("targets", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", "check_only", is_flag=True, help="change nothing; exit 1 if a file is not formatted (for CI)")
@_fail_on_diagnostics
def fmt_cmd(targets: tuple[str, ...], check_only: bool) -> None:
    """Rewrite .pks files (or every .pks file under a directory) in the canonical format.

    Lifecycle schemes (files with a `scheme` header) are skipped, and said so.

    Formatting keeps every comment, never changes meaning (the parsed rules are equal before and
    after) and is idempotent, so versions of a standard diff cleanly. A file with a syntax error
    is reported and left as it is.
    """
    files = [p for t in targets for p in ([Path(t)] if Path(t).is_file() else sorted(Path(t).rglob("*.pks")))]
    changed = 0
    for f in files:
        text = read_text(f)
        if header_kind([text]) == "scheme":
            click.echo(f"skipped {f}: a lifecycle scheme (fmt formats standards; `parkscore status` checks schemes)", err=True)
            continue
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
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True,
              help="json: schema parkscore.diff/1; html: the two versions' scoring tables side by side, changed rows marked")
@_fail_on_diagnostics
def diff_cmd(old: str, new: str, fmt: str) -> None:
    """Semantic diff of two standard versions OLD and NEW (family@version or directories).

    Lists, by indicator, gate, category and input: added, removed, thresholds changed, points
    changed, formula, conditions, unit, moved, and wording-only changes. Indifferent to
    formatting and to the order of declarations; `diff A A` is empty.
    """
    a, b = _standard(old), _standard(new)
    changes = api.diff(a, b)
    if fmt == "html":
        click.echo(diff_html(api.render_standard(a), api.render_standard(b), changes), nl=False)
        return
    if fmt == "json":
        click.echo(dumps({"schema": "parkscore.diff/1", "old": a.ref, "new": b.ref, "changes": [c.to_json() for c in changes]}))
        return
    click.echo(diff_table(changes, a.ref, b.ref))


def diff_table(changes: list[Change], old: str, new: str) -> str:
    """A semantic diff for the terminal (diff, import-xlsx)."""
    head = f"{old} → {new}: {len(changes)} change(s)"
    if not changes:
        return head
    rows = [[c.kind, c.what, c.clause, c.id, c.detail] for c in changes]
    return head + "\n" + tabulate(rows, headers=["change", "what", "clause", "id", "detail"], tablefmt="simple", disable_numparse=True)


@main.command("compare")
@click.argument("parks", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--standard", "-s", "standards", multiple=True, required=True, help=STANDARD_HELP + " (give two or more)")
@click.option("--sheet", default=None, help="the sheet of .xlsx tables (default: the first)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table", show_default=True,
              help="json: schema parkscore.compare/1; csv: one row per park and indicator; html: a self-contained report")
@_fail_on_diagnostics
def compare_cmd(parks: tuple[str, ...], standards: tuple[str, ...], sheet: str | None, fmt: str) -> None:
    """Score each park of PARKS (park files, directories of them, tables) under each --standard:
    points per indicator, deltas (last minus first standard) and the parks whose eligibility flips
    between versions. Indicators without data are shown as "no data", not as 0. A park that cannot
    be read is reported and the others are compared (exit 1)."""
    compiled = [_standard(s) for s in standards]
    refs = [c.ref for c in compiled]
    illustrative = frozenset(c.ref for c in compiled if c.std.header.illustrative)
    labels = [f"{r} (illustrative)" if r in illustrative else r for r in refs]  # table and CSV headers say so
    results = []  # kept for the table and JSON; CSV streams a park at a time
    bad = 0
    if fmt == "csv":
        click.echo(compare_csv([], labels), nl=False)
    for row in api.read_parks(*parks, sheet=sheet):
        try:
            if row.park is None:
                raise DiagnosticError(list(row.diagnostics), row.sources or SourceMap())
            compared = api.compare([row.park], compiled)
        except DiagnosticError as exc:  # one bad park does not stop the others
            bad += 1
            click.echo(render_all(exc.diagnostics, exc.sources), err=True)
            continue
        if fmt == "csv":
            click.echo(compare_csv(compared, labels, header=False), nl=False)
        else:
            results += compared
    if fmt == "json":
        click.echo(dumps(compare_json(results, refs, illustrative)))
    elif fmt == "table":
        click.echo(compare_table(results, labels))
    elif fmt == "html":
        notes = [f"{c.ref}: " + line for c in compiled for line in standard_labels(c.std.header.status, c.std.header.illustrative, c.std.header.readings)]
        click.echo(compare_html(results, labels, notes), nl=False)
    if bad:
        sys.exit(1)


@main.command("render")
@click.argument("standard")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "xlsx"]), default="markdown", show_default=True,
              help="markdown or html (a self-contained file) to read; xlsx to edit and read back with import-xlsx")
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="the file to write (required for xlsx; default: stdout)")
@click.option("--force", is_flag=True, help="replace an existing --out file")
@_fail_on_diagnostics
def render_cmd(standard: str, fmt: str, out: str | None, force: bool) -> None:
    """The standard as the document people exchange, generated from its checked rules.

    表1 (一级指标, 序号, 二级指标, 单位, 指标要求, 分值, with category subtotals and 合计), then per
    indicator its formula in words and its scoring table in the standard's reading order
    ("500>化工行业主营业务收入（亿元）≥300 | 2分"), the level wordings of expert-assessed indicators,
    exemptions and guards, each row with its rule (file:line); the basic requirements and the pass
    mark; errata and readings of ours as numbered notes. The xlsx workbook has one sheet per
    category, one row per band or level, and a hidden fingerprint of the version.
    """
    doc = api.render_standard(standard)
    if fmt == "xlsx":
        if out is None:
            raise option_error("--format xlsx needs --out FILE.xlsx")
        _may_write(out, force)
        standard_xlsx(doc, out)
        click.echo(f"wrote {out}: {len(doc.cs.std.categories)} category sheet(s), {len(doc.sections)} indicators", err=True)
        return
    text = document_markdown(doc) if fmt == "markdown" else standard_html(doc)
    if out is None:
        click.echo(text, nl=False)
    else:
        _may_write(out, force)
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@main.command("import-xlsx")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--against", "against", required=True, help="the standard the workbook was rendered from (family@version or a directory)")
@click.option("--write", "write_dir", default=None, type=click.Path(file_okay=False),
              help="write the edits as a new amendment version in this directory (which must not hold rule files yet)")
@click.option("--version", "version_name", default=None, help="the new version's name (default: the --write directory's name, or 'edited')")
@_fail_on_diagnostics
def import_xlsx_cmd(workbook: str, against: str, write_dir: str | None, version_name: str | None) -> None:
    """Read an edited standard workbook back: validate every edited cell (errors name the sheet and
    cell), and print the semantic diff the edits imply against the standard. With --write, also
    write them as a new version that `amends` the standard (formatted and checked); existing rule
    files are never overwritten.
    """
    name = version_name or (Path(write_dir).name if write_dir else "edited")
    imported, changes = api.import_workbook(workbook, against, name)
    if not imported.fingerprint_matches:
        click.echo(f"warning: {workbook} was not rendered from {against} as it is now (fingerprint differs): "
                   "rows are matched by rule file:line", err=True)
    if not imported.edits:
        click.echo(f"no edits: {workbook} says what {against} says")
        return
    click.echo(f"{len(imported.edits)} edited row(s):")
    for where, what in imported.edits:
        click.echo(f"  {where}: {what}")
    click.echo("")
    click.echo(diff_table(changes, against, f"{workbook} ({name})"))
    if write_dir:
        d = Path(write_dir)
        if d.exists() and any(d.glob("*.pks")):
            raise option_error(f"{write_dir} already holds rule files; they are not overwritten", "choose a new directory", "E015")
        d.mkdir(parents=True, exist_ok=True)
        target = d / "0-edited.pks"
        target.write_text(format_source(imported.text, str(target)), encoding="utf-8")
        click.echo(f"wrote {target} (amends {imported.base}); check it with: parkscore check {d}", err=True)


@main.command("template")
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="the workbook to write")
@click.option("--force", is_flag=True, help="replace an existing --out file")
@_fail_on_diagnostics
def template_cmd(standard: str, fmt: str, out: str, force: bool) -> None:
    """Write the data-collection form a park fills: one row per datum the standard reads (key,
    title, unit, kind, allowed levels as a dropdown, value, source). `parkscore score FORM.xlsx`
    reads it back with the diagnostics of YAML data, each naming its cell.
    """
    _may_write(out, force)
    api.template(standard, out)
    click.echo(f"wrote {out}", err=True)


@main.command("status")
@click.argument("history", type=click.Path(exists=True))
@click.option("--scheme", "scheme", default=None, help="the designation scheme (default: the history file's `scheme:`), e.g. cpcif-green-park-designation@2020-trial")
@click.option("--on", "on", required=True, help="the date: YYYY-MM-DD")
@click.option("--park", default=None, help="only the parks whose name contains this text")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: parkscore.status/1")
@_fail_on_diagnostics
def status_cmd(history: str, scheme: str | None, on: str, park: str | None, fmt: str) -> None:
    """A park's status under a designation scheme on a date, from its dated history.

    Prints the state (e.g. listed in the 名录, 创建单位, revoked), since when and until when it
    holds, whether the park may use the title, what falls due next (annual report, re-review, end of
    the 创建期) and why: every event of the history read against the scheme, with the clause and
    the rule (file:line) behind each step. Dates given only as a year or month are read as any day
    of them: where the status depends on the day, both readings are shown.
    """
    day = parse_day(on)
    if day is None or not day.exact:
        raise option_error(f"--on '{on}' is not a day", "write --on 2022-12-31")
    ref = scheme or api.history_scheme(history)
    if ref is None:
        raise option_error(f"{history} names no scheme", "give --scheme, or add to the file: scheme: cpcif-green-park-designation@2020-trial")
    reports = api.status(ref, history, day.earliest, park)
    if fmt == "json":
        click.echo(dumps({"schema": "parkscore.status/1", "parks": [status_json(r) for r in reports]}))
    else:
        click.echo("\n\n".join(status_text(r) for r in reports))


@main.command("sql")
@click.argument("standard")
@click.option("--dialect", default="duckdb", show_default=True, type=click.Choice(DIALECTS),
              help="duckdb (tested to give the engine's points), or a dialect sqlglot transpiles to")
@click.option("--table", default="parks", show_default=True, help="the table (or any FROM expression) holding one row per park")
@click.option("--like", "like", default=None, type=click.Path(exists=True),
              help="a table file (.csv, .xlsx, .parquet) whose header names the columns as parkscore tables do "
                   "(key [unit], key@2019 [unit]): the query reads those columns and converts their units")
@click.option("--sheet", default=None, help="the sheet of an .xlsx --like table (default: the first)")
@click.option("--years", default=None, help="the year columns of figures by year, e.g. 2017-2019 (default: those of --like)")
@click.option("--scale", default=6, show_default=True, type=click.IntRange(0, 18),
              help="decimal places a figure may have: each figure is an exact integer at this scale")
@_fail_on_diagnostics
def sql_cmd(standard: str, dialect: str, table: str, like: str | None, sheet: str | None, years: str | None, scale: int) -> None:
    """Print one SQL query that scores a table of parks under STANDARD, exactly as the engine does.

    Without --like, the table has a column named by each data key (see `parkscore schema`) in the
    standard's unit: yes/no facts as booleans, levels as their names, a list of evidenced items as
    text ("a; b; c"), a figure by year as one column per year (key@2019); NULL is no data. The output
    adds per indicator "<id>.points" and "<id>.status", then total and eligible. Integer
    arithmetic on DECIMAL(38, 0): never a float; an overflow stops the query, it is never rounded.
    """
    year_list = None
    if years:
        parts = years.split("-")
        if not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts) or len(parts) > 2:
            raise option_error(f"--years '{years}' is not a year or a range of years", "for example: --years 2017-2019")
        first, last = int(parts[0]), int(parts[-1])
        if last < first:
            raise option_error(f"--years '{years}' ends before it starts", f"write --years {last}-{first}")
        year_list = list(range(first, last + 1))
    click.echo(api.sql(standard, table, dialect, scale, like, sheet, year_list), nl=False)


@main.command("impact")
@click.argument("old")
@click.argument("new")
@click.option("--parks", "parks", multiple=True, required=True, type=click.Path(exists=True),
              help="the population: park files, directories of them, or tables (.csv, .xlsx, .parquet); repeatable")
@click.option("--sheet", default=None, help="the sheet of .xlsx tables (default: the first)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table: for the terminal; json: parkscore.impact/1 (every flip); csv: one row per indicator and rule")
@click.option("--flips", "flips_shown", default=20, show_default=True, type=click.IntRange(0),
              help="table: how many flipping parks to list in each direction")
@_fail_on_diagnostics
def impact_cmd(old: str, new: str, parks: tuple[str, ...], sheet: str | None, fmt: str, flips_shown: int) -> None:
    """What version NEW does to a population of parks scored under OLD: the distribution of totals
    under each, the parks whose eligibility flips in each direction with the indicators that moved
    them, per indicator the mean change of points, and the rules (file:line) that decided the
    changed points. Parks stream one at a time; one that cannot be scored is reported and counted."""
    a, b = _standard(old), _standard(new)

    def report(s: api.Scored) -> None:
        click.echo(render_all(s.diagnostics, s.sources), err=True)

    rep = api.impact(a, b, *parks, sheet=sheet, on_error=report)
    if fmt == "json":
        click.echo(dumps(impact_json(rep)))
    elif fmt == "csv":
        for row in impact_csv_rows(rep):
            click.echo(_csv_line(row))
    else:
        click.echo(impact_text(rep, flips_shown))


@main.command("test")
@click.argument("paths", nargs=-1)
@click.option("--coverage", "with_coverage", is_flag=True,
              help="also report which bands, levels, counts, guards, exemptions, trends and gates some case made decide")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.test/1")
@_fail_on_diagnostics
def test_cmd(paths: tuple[str, ...], with_coverage: bool, fmt: str) -> None:
    """Run the test cases of standards: PATHS are test files, directories of them, or standards
    (family@version or a version directory: its tests/, and for an amendment its base's cases
    too). Without PATHS, every installed standard's cases. Exit 1 on any failure.

    A failure shows the expected and the actual value and the indicator's result; a base's case
    run against a draft is inherited (it must still pass) unless the draft changes what it checks,
    in which case it is listed as changed by the draft, with its values before and after.
    """
    run = api.run_tests(*paths)
    if run.problems:
        click.echo(render_all(run.problems, run.sources), err=True)
    if fmt == "json":
        click.echo(dumps(_test_json(run, with_coverage)))
    else:
        click.echo(_test_text(run, with_coverage))
    sys.exit(1 if run.failed or run.problems else 0)


def _failure_lines(o: Any) -> list[str]:
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


def _test_text(run: Any, with_coverage: bool) -> str:
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


def _test_json(run: Any, with_coverage: bool) -> dict[str, Any]:
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


@main.command("testgen")
@click.argument("standard")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="write the cases to this file (default: print)")
@click.option("--force", is_flag=True, help="replace an existing file")
@_fail_on_diagnostics
def testgen_cmd(standard: str, out: str | None, force: bool) -> None:
    """Write test cases for every rule and gate of STANDARD: each band on its bounds, a step inside
    and outside (in the indicator's unit, exact decimals), each level, counts below, at and over
    the cap, exemptions and guards on and off, trends met and not met, gates pass and fail, with
    the values the engine computes as expectations, for a person to review and commit."""
    text = api.testgen(_standard(standard))
    if out is None:
        click.echo(text, nl=False)
        return
    if Path(out).exists() and not force:
        raise option_error(f"{out} exists; it is not overwritten", "choose another file, or add --force", "E015")
    Path(out).write_text(text, encoding="utf-8")
    click.echo(f"wrote {text.count(chr(10) + '- name:')} case(s) to {out}", err=True)


@main.command("gap")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--target", type=str, default=None, help="points to reach (default: the standard's pass mark)")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.gap/1")
@_fail_on_diagnostics
def gap_cmd(park: str, standard: str, target: str | None, fmt: str) -> None:
    """What PARK can change to reach the target: per indicator the next band and the change in the
    raw figure it needs, the points it gains, ranked by points per relative change; then a smallest
    set of changes that reaches the target, verified by re-scoring the park with them applied."""
    goal = _decimal("--target", target) if target is not None else None
    rep = api.gap(_standard(standard), api.load_park(park), goal)
    click.echo(dumps(gap_json(rep)) if fmt == "json" else gap_text(rep))


@main.command("sensitivity")
@click.argument("park", type=click.Path(dir_okay=False))
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--uncertainty", "-u", default="10%", show_default=True,
              help="± relative error of every figure (a figure's own 'uncertainty' in the park file wins)")
@click.option("--runs", default=2000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.sensitivity/1")
@_fail_on_diagnostics
def sensitivity_cmd(park: str, standard: str, uncertainty: str, runs: int, seed: int, fmt: str) -> None:
    """Monte Carlo over PARK's figures within their uncertainty: the probability of being
    eligible, the distribution of the total, and the indicators near a band edge on which the
    verdict hangs (what an auditor must double-check). Seeded and reproducible."""
    u = _percent("--uncertainty", uncertainty)
    rep = api.sensitivity(_standard(standard), api.load_park(park), u, runs, seed)
    click.echo(dumps(sensitivity_json(rep)) if fmt == "json" else sensitivity_text(rep))


@main.command("standards")
def standards_cmd() -> None:
    """List the standards and versions installed with parkscore, then the lifecycle schemes."""
    for ref in api.installed_standards():
        loaded = api.check_standard(ref)
        if loaded.std is None:
            click.echo(f"{ref}\t(does not parse: run parkscore check)")
            continue
        h = loaded.std.header
        labels = (" ILLUSTRATIVE" if h.illustrative else "") + (f"; {len(h.readings)} reading(s) of ours" if h.readings else "")
        click.echo(f"{ref}\t{h.title} ({h.status}{labels})")
    for family, versions in installed("scheme").items():
        for v in versions:
            sc = api.load_scheme(f"{family}@{v}")
            click.echo(f"{sc.ref}\t{sc.title} ({sc.status}; lifecycle scheme, read by parkscore status; {len(sc.readings)} reading(s) of ours)")


if __name__ == "__main__":  # pragma: no cover
    main()
