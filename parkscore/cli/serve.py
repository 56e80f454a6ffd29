"""``parkscore serve``: the web API on this machine (``parkscore.serve``); ``parkscore lsp``: the language server (``parkscore.lsp``)."""
from __future__ import annotations

import click

from .common import fail_on_diagnostics


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="the address to listen on (this machine only, by default)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-body", "max_body", default=10 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="the largest request body in bytes; a larger one gets 413 without being read whole")
@click.option("--token", default=None, envvar="PARKSCORE_TOKEN",
              help="require 'Authorization: Bearer TOKEN' on every endpoint but /v1/health (or set PARKSCORE_TOKEN)")
@click.option("--decision-log", "decision_log", default=None, type=click.Path(dir_okay=False),
              help="append every scorecard served by /v1/score to this file as one JSON line: its audit record, "
                   "which `parkscore verify FILE.jsonl` recomputes (the file is only ever appended to)")
@click.option("--time-limit", "time_limit", default=60.0, show_default=True, type=click.FloatRange(0.1),
              help="seconds a request may take; after them it gets 503 (a computation already running finishes in the background, unanswered)")
@fail_on_diagnostics
def serve_cmd(host: str, port: int, max_body: int, token: str | None, decision_log: str | None, time_limit: float) -> None:
    """Serve the JSON API (/v1: standards, score, check, compare, diff, impact, status;
    /openapi.json describes it; /docs is an interactive page) and the workbench for a browser at /
    (standards, a park form, draft review, population scoring, with charts). Needs the serve
    extra: pip install 'parkscore[serve]'."""
    if decision_log is not None and not decision_log.endswith(".jsonl"):
        raise click.BadParameter("a decision log is a .jsonl file (one record per line)", param_hint="--decision-log")
    try:
        import uvicorn

        from parkscore.serve.app import create_app
    except ImportError:
        raise click.ClickException("parkscore serve needs the serve extra: pip install 'parkscore[serve]'") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this service" + ("" if token else " (and no --token)"), err=True)
    uvicorn.run(create_app(max_body, token, decision_log, time_limit), host=host, port=port, log_level="info")


@click.command("lsp")
def lsp_cmd() -> None:
    """Run the language server for .pks rule files, speaking the Language Server Protocol on stdin
    and stdout: an editor starts it (editors/vscode/ shows how). Diagnostics as you type for the
    whole standard folder (an amendment with its base), hover, go to definition, references,
    completion, formatting (= parkscore fmt), outline, semantic tokens, quick fixes for band gaps
    and overlaps, rename of a data key across the folder. Needs the lsp extra:
    pip install 'parkscore[lsp]'."""
    try:
        from parkscore.lsp.server import main
    except ImportError:
        raise click.ClickException("parkscore lsp needs the lsp extra: pip install 'parkscore[lsp]'") from None
    main()
