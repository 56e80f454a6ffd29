"""What every command shares: diagnostics instead of tracebacks, the standard option, the
overwrite rule of outputs, option values."""
from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from functools import wraps
from pathlib import Path
from typing import Any, Callable

import click

from parkscore import api
from parkscore.api import render as out
from parkscore.api.render import render_all

STANDARD_HELP = ("a standard: family@version (see `parkscore standards`; an installed standard wins over a folder of "
                 "the same name) or a path to a directory of .pks files (write ./NAME for a folder here)")
DEFAULT_STANDARD = "cpcif-green-park@2020"
AS_OF_HELP = "a day (YYYY-MM-DD): --standard names a family, and the version in force that day is used"


def fail_on_diagnostics(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Errors in rule or data files are printed as file:line:col diagnostics, never as tracebacks."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except api.DiagnosticError as exc:
            click.echo(render_all(exc.diagnostics, exc.sources), err=True)
            n = len(exc.diagnostics)
            click.echo(f"{n} error{'s' if n != 1 else ''}", err=True)
            sys.exit(1)

    return wrapper


def in_force(family: str, as_of: str | None) -> str:
    """``--as-of DAY``: the version of the family in force that day (said on stderr); else ``family`` as given."""
    ref = api.in_force(family, as_of)
    if as_of is not None:
        click.echo(f"in force on {api.parse_day(as_of).earliest}: {ref}", err=True)  # type: ignore[union-attr]
    return ref


def compiled_standard(ref: str) -> api.CompiledStandard:
    """Load a standard for a command; its warnings (W010: which of two same-named standards) go to stderr."""
    cs = api.load_standard(ref)
    if cs.warnings:
        click.echo(render_all(cs.warnings), err=True)
    return cs


def decimal(name: str, text: str) -> Decimal:
    try:
        d = Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        d = Decimal("NaN")
    if not d.is_finite():
        raise api.option_error(f"{name} needs a finite number, got '{text}'")
    return d


def percent(name: str, text: str) -> Decimal:
    u = api.parse_percent(text)  # the one reading of a percentage, as in park files
    if u is None:
        raise api.option_error(f"{name} needs a percentage such as 10%, got '{text}'")
    return u


def may_write(path: str, force: bool, inputs: tuple[str, ...] = (), kind: str | None = None) -> None:
    """The one overwrite rule of outputs: never over an input of the command; over an existing file
    only with ``force``, or if it is an earlier output of the same ``kind`` (its text contains it)."""
    target = Path(path)
    if any(Path(i).exists() and target.exists() and target.resolve() == Path(i).resolve() for i in inputs):
        raise api.option_error(f"{path} is an input of this command; it is not overwritten", "write the output to another file", "E015")
    if target.exists() and not force:
        try:
            earlier = kind is not None and target.is_file() and f'"{kind}"' in api.read_text(target, "E015")
        except api.DiagnosticError:
            earlier = False
        if not earlier:
            what = f"is not an earlier {kind} output" if kind else "exists"
            raise api.option_error(f"{path} {what}; it is not overwritten", "choose another file, or add --force to replace it", "E015")


charts_option = click.option(
    "--charts", "charts_dir", default=None, type=click.Path(file_okay=False),
    help="also write each chart of the result as DIR/<chart>.svg and DIR/<chart>.png (an existing file is not replaced)")


def write_charts(charts: list[Any], directory: str) -> None:
    """Each chart as SVG and PNG in ``directory`` (made if missing), by the one overwrite rule."""
    targets = [(c, Path(directory) / f"{c.id}.{ext}") for c in charts for ext in ("svg", "png")]
    for _, path in targets:
        may_write(str(path), False)
    Path(directory).mkdir(parents=True, exist_ok=True)
    for c, path in targets:
        if path.suffix == ".svg":
            path.write_text(out.chart_svg(c), encoding="utf-8")
        else:
            path.write_bytes(out.chart_png(c))
        click.echo(f"wrote {path}", err=True)
