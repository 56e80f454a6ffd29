"""The ``parkscore`` command line."""
from __future__ import annotations

import sys
from functools import wraps
from importlib.metadata import version as _version
from typing import Any, Callable

import click

from parkscore.dsl import check as checker
from parkscore.dsl import load
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, errors, render_all

from . import load_standard, score
from .data import load_park, resolve
from .render import dumps, schema_json, schema_table, scorecard_json, scorecard_table

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
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_fail_on_diagnostics
def score_cmd(park: str, standard: str, fmt: str) -> None:
    """Score PARK (a YAML data file) against a standard.

    Prints each indicator's value, the band or level that matched and its points, category
    subtotals, the total, the basic-requirement gates and whether the park is eligible.
    Indicators without data score 0 and are listed as missing.
    """
    cs = load_standard(standard)
    card = score(cs, load_park(park))
    click.echo(dumps(scorecard_json(card, park)) if fmt == "json" else scorecard_table(card))


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
            diags += resolve(park, cs.std)[1]
            continue
        ref = load.standard_of(target)
        if ref in checked:
            continue
        checked.add(ref)
        src = load.find(ref)
        for name, text in src.files:
            sources.add(name, text)
        std, found, _ = load.parse_source(src)
        diags += found + (checker.check(std) if std else [])
    if fmt == "json":
        click.echo(dumps([d.to_json() for d in diags]))
    elif diags:
        click.echo(render_all(diags, sources), err=True)
    n_err = len(errors(diags))
    if fmt == "text":
        click.echo(f"{n_err} error(s), {len(diags) - n_err} warning(s) in {', '.join(targets)}", err=True)
    sys.exit(1 if n_err else 0)


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
