"""Commands about standards: check, lint, fmt, diff, render, import-xlsx, template, schema,
standards, sql, test, testgen."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from parkscore import api
from parkscore.api import render as views

from .common import DEFAULT_STANDARD, STANDARD_HELP, compiled_standard, fail_on_diagnostics, may_write


@click.command("check")
@click.argument("targets", nargs=-1, required=True)
@click.option("--standard", "-s", "standard", default=None, help="check YAML park files against this standard")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.diagnostics/1")
@fail_on_diagnostics
def check_cmd(targets: tuple[str, ...], standard: str | None, fmt: str) -> None:
    """Check rule files and park data; print diagnostics as they are found; exit 1 on any error.

    TARGETS are standards (family@version), version directories or .pks files (the whole version
    directory of a .pks file is checked, since its files form one standard), and park data: .yaml
    park files, tables (.csv, .xlsx, .parquet: every row) and directories of them, checked against
    --standard (default cpcif-green-park@2020, loaded once).
    """
    found: list[dict[str, Any]] = []
    counts = [0, 0]  # errors, warnings
    for diags, sources in api.check(targets, lambda: compiled_standard(standard or DEFAULT_STANDARD)):
        n_err = len(api.errors(diags))
        counts[0] += n_err
        counts[1] += len(diags) - n_err
        if fmt == "json":
            found.extend(d.to_json() for d in diags)
        elif diags:
            click.echo(views.render_all(diags, sources))
    if fmt == "json":
        click.echo(views.dumps(views.diagnostics_json(found)))
    named = ", ".join(targets) if len(targets) <= 5 else f"{len(targets)} targets"
    click.echo(f"{counts[0]} error(s), {counts[1]} warning(s) in {named}", err=True)
    sys.exit(1 if counts[0] else 0)


@click.command("lint")
@click.argument("standards", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.diagnostics/1")
@fail_on_diagnostics
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
    found: list[api.Diagnostic] = []
    sources = api.SourceMap()
    for ref in standards:
        diags, texts = api.lint(ref)  # a family: every version, and their effective windows
        found += diags
        sources.update(texts)
    if fmt == "json":
        click.echo(views.dumps(views.diagnostics_json([d.to_json() for d in found])))
    else:
        if found:
            click.echo(views.render_all(found, sources))
        click.echo(f"{len(found)} finding(s) in {', '.join(standards)}", err=True)
    sys.exit(1 if found else 0)


@click.command("fmt")
@click.argument("targets", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", "check_only", is_flag=True, help="change nothing; exit 1 if a file is not formatted (for CI)")
@fail_on_diagnostics
def fmt_cmd(targets: tuple[str, ...], check_only: bool) -> None:
    """Rewrite .pks files (or every .pks file under a directory) in the canonical format.

    Lifecycle schemes (files with a `scheme` header) are formatted too.

    Formatting keeps every comment, never changes meaning (the parsed rules are equal before and
    after) and is idempotent, so versions of a standard diff cleanly. A file with a syntax error
    is reported and left as it is.
    """
    files = api.format_files(*targets)
    changed = 0
    for f in files:
        if f.changed:
            changed += 1
            if not check_only:
                f.path.write_text(f.formatted, encoding="utf-8")
            click.echo(f"{'would reformat' if check_only else 'reformatted'} {f.path}", err=True)
    click.echo(f"{changed} of {len(files)} file(s) {'need formatting' if check_only else 'reformatted'}", err=True)
    sys.exit(1 if check_only and changed else 0)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True,
              help="json: schema parkscore.diff/1; html: the two versions' scoring tables side by side, changed rows marked")
@fail_on_diagnostics
def diff_cmd(old: str, new: str, fmt: str) -> None:
    """Semantic diff of two standard versions OLD and NEW (family@version or directories).

    Lists, by indicator, gate, category and input: added, removed, thresholds changed, points
    changed, formula, conditions, unit, moved, and wording-only changes. Indifferent to
    formatting and to the order of declarations; `diff A A` is empty.
    """
    a, b = compiled_standard(old), compiled_standard(new)
    changes = api.diff(a, b)
    if fmt == "html":
        click.echo(views.diff_html(api.render_standard(a), api.render_standard(b), changes), nl=False)
        return
    if fmt == "json":
        click.echo(views.dumps(views.diff_json(changes, a.ref, b.ref)))
        return
    click.echo(views.diff_table(changes, a.ref, b.ref))


@click.command("render")
@click.argument("standard")
@click.option("--format", "fmt", type=click.Choice(["markdown", "html", "xlsx"]), default="markdown", show_default=True,
              help="markdown or html (a self-contained file) to read; xlsx to edit and read back with import-xlsx")
@click.option("--out", "out", default=None, type=click.Path(dir_okay=False), help="the file to write (required for xlsx; default: stdout)")
@click.option("--force", is_flag=True, help="replace an existing --out file")
@fail_on_diagnostics
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
    inputs = tuple(map(str, api.rule_files(doc.cs)))
    if fmt == "xlsx":
        if out is None:
            raise api.option_error("--format xlsx needs --out FILE.xlsx")
        may_write(out, force, inputs)
        views.standard_xlsx(doc, out)
        click.echo(f"wrote {out}: {len(doc.cs.std.categories)} category sheet(s), {len(doc.sections)} indicators", err=True)
        return
    text = views.document_markdown(doc) if fmt == "markdown" else views.standard_html(doc)
    if out is None:
        click.echo(text, nl=False)
    else:
        may_write(out, force, inputs)
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@click.command("import-xlsx")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--against", "against", default=None,
              help="the standard the workbook was rendered from (family@version or a directory; default: the one the workbook names)")
@click.option("--write", "write_dir", default=None, type=click.Path(file_okay=False),
              help="write the edits as a new amendment version in this directory (which must not hold rule files yet)")
@click.option("--version", "version_name", default=None, help="the new version's name (default: the --write directory's name, or 'edited')")
@fail_on_diagnostics
def import_xlsx_cmd(workbook: str, against: str | None, write_dir: str | None, version_name: str | None) -> None:
    """Read an edited standard workbook back: validate every edited cell (errors name the sheet and
    cell), and print the semantic diff the edits imply against the standard. With --write, also
    write them as a new version that `amends` the standard (formatted and checked); existing rule
    files are never overwritten.
    """
    name = version_name or (Path(write_dir).name if write_dir else "edited")
    imported, changes = api.import_workbook(workbook, against, name)
    against = against or imported.base
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
    click.echo(views.diff_table(changes, against, f"{workbook} ({name})"))
    if write_dir:
        d = Path(write_dir)
        if d.exists() and any(d.glob("*.pks")):
            raise api.option_error(f"{write_dir} already holds rule files; they are not overwritten", "choose a new directory", "E015")
        d.mkdir(parents=True, exist_ok=True)
        target = d / "0-edited.pks"
        target.write_text(api.format_source(imported.text, str(target)), encoding="utf-8")
        click.echo(f"wrote {target} (amends {imported.base}); check it with: parkscore check {d}", err=True)


@click.command("template")
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["xlsx"]), default="xlsx", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="the workbook to write")
@click.option("--force", is_flag=True, help="replace an existing --out file")
@fail_on_diagnostics
def template_cmd(standard: str, fmt: str, out: str, force: bool) -> None:
    """Write the data-collection form a park fills: one row per datum the standard reads (key,
    title, unit, kind, allowed levels as a dropdown, value, source). `parkscore score FORM.xlsx`
    reads it back with the diagnostics of YAML data, each naming its cell.
    """
    may_write(out, force)
    api.template(standard, out)
    click.echo(f"wrote {out}", err=True)


@click.command("schema")
@click.option("--standard", "-s", "standard", default=DEFAULT_STANDARD, show_default=True, help=STANDARD_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="json: schema parkscore.schema/1")
@fail_on_diagnostics
def schema_cmd(standard: str, fmt: str) -> None:
    """List every indicator, input and gate a park must report: what a data-collection form needs.

    For each indicator: clause, id, title, unit, kind (band, level, count, trend), maximum points,
    the data it reads and, for expert-assessed indicators, the level names from lowest to highest.
    """
    cs = compiled_standard(standard)
    click.echo(views.dumps(views.schema_json(cs)) if fmt == "json" else views.schema_table(cs))


@click.command("standards")
def standards_cmd() -> None:
    """List the standards and versions installed with parkscore, then the lifecycle schemes."""
    for e in api.catalog():
        if e.title is None:
            click.echo(f"{e.ref}\t(does not parse: run parkscore check)")
        elif e.kind == "scheme":
            click.echo(f"{e.ref}\t{e.title} ({e.status}; lifecycle scheme, read by parkscore status; {e.readings} reading(s) of ours)")
        else:
            labels = (" ILLUSTRATIVE" if e.illustrative else "") + (f"; {e.readings} reading(s) of ours" if e.readings else "")
            click.echo(f"{e.ref}\t{e.title} ({e.status}{labels})")



@click.command("sql")
@click.argument("standard")
@click.option("--dialect", default="duckdb", show_default=True, type=click.Choice(views.DIALECTS + tuple(views.REFUSED_DIALECTS)),
              help="duckdb, postgres or spark: the engines the tests run the query on, to the engine's points "
                   "(the others are refused, each with its reason)")
@click.option("--table", default="parks", show_default=True, help="the table (or any FROM expression) holding one row per park")
@click.option("--like", "like", default=None, type=click.Path(exists=True),
              help="a table file (.csv, .xlsx, .parquet) whose header names the columns as parkscore tables do "
                   "(key [unit], key@2019 [unit]): the query reads those columns and converts their units")
@click.option("--sheet", default=None, help="the sheet of an .xlsx --like table (default: the first)")
@click.option("--years", default=None, help="the year columns of figures by year, e.g. 2017-2019 (default: those of --like)")
@click.option("--scale", default=6, show_default=True, type=click.IntRange(0, 18),
              help="decimal places a figure may have: each figure is an exact integer at this scale")
@click.option("--impact", "impact", default=None, metavar="NEW",
              help="a second version: score the table under both, joined on --key: per park both totals and verdicts, the change and the flip")
@click.option("--key", "key", default="park", show_default=True, help="with --impact: the column naming each park (one row per park)")
@fail_on_diagnostics
def sql_cmd(standard: str, dialect: str, table: str, like: str | None, sheet: str | None, years: str | None, scale: int,
            impact: str | None, key: str) -> None:
    """Print one SQL query that scores a table of parks under STANDARD, exactly as the engine does.

    Without --like, the table has a column named by each data key (see `parkscore schema`) in the
    standard's unit: yes/no facts as booleans, levels as their names, a list of evidenced items as
    text ("a; b; c"), a figure by year as one column per year (key@2019); NULL is no data. The output
    adds per indicator "<id>.points" and "<id>.status", then total and eligible. Integer
    arithmetic on DECIMAL(38, 0): never a float; an overflow stops the query, it is never rounded.
    """
    year_list = api.parse_years(years) if years else None
    click.echo(api.sql(standard, table, dialect, scale, like, sheet, year_list, impact=impact, key=key), nl=False)


@click.command("program")
@click.argument("standard")
@click.option("--indicator", "-i", "indicator", default=None, help="one indicator's function (id or clause)")
@fail_on_diagnostics
def program_cmd(standard: str, indicator: str | None) -> None:
    """Print the Python a STANDARD compiles to, for review: one straight-line function per indicator
    (its value, guards and bands as comparisons on exact decimals, in file order), which scores a
    park whenever no trace is asked for; `explain` runs the rules step by step instead. The source
    names no text of the rule files: constants (C), prebuilt results (T) and the park's values (x)
    are indexes into tables, and a comment gives each test with its numbers."""
    click.echo(api.program(standard, indicator), nl=False)


@click.command("test")
@click.argument("paths", nargs=-1)
@click.option("--coverage", "with_coverage", is_flag=True,
              help="also report which bands, levels, counts, guards, exemptions, trends and gates some case made decide")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: schema parkscore.test/1")
@fail_on_diagnostics
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
        click.echo(views.render_all(run.problems, run.sources), err=True)
    if fmt == "json":
        click.echo(views.dumps(views.run_json(run, with_coverage)))
    else:
        click.echo(views.run_text(run, with_coverage))
    sys.exit(1 if run.failed or run.problems else 0)


@click.command("testgen")
@click.argument("standard")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="write the cases to this file (default: print)")
@click.option("--force", is_flag=True, help="replace an existing file")
@fail_on_diagnostics
def testgen_cmd(standard: str, out: str | None, force: bool) -> None:
    """Write test cases for every rule and gate of STANDARD: each band on its bounds, a step inside
    and outside (in the indicator's unit, exact decimals), each level, counts below, at and over
    the cap, exemptions and guards on and off, trends met and not met, gates pass and fail, with
    the values the engine computes as expectations, for a person to review and commit."""
    cs = compiled_standard(standard)
    if out is not None:
        may_write(out, force, tuple(map(str, api.rule_files(cs))))
    text = api.testgen(cs)
    if out is None:
        click.echo(text, nl=False)
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text, encoding="utf-8")
    click.echo(f"wrote {text.count(chr(10) + '- name:')} case(s) to {out}", err=True)
