"""The command line, a client of ``parkscore.api``: each command parses its options, makes one
API call and renders the result (``parkscore.api.render``). Commands live in ``parks.py`` and
``standards.py`` and are imported only when they run (``--help`` lists them from ``COMMANDS``
with their one-line summaries, without importing the API)."""
from __future__ import annotations

import importlib
from typing import Any

import click

# name -> (module, function, one-line summary shown by `parkscore --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "score": ("parks", "score_cmd", "Score PARKS against a standard: a YAML park file, or many parks (files, directories, tables)."),
    "explain": ("parks", "explain_cmd", "Explain why each point was or was not awarded: an auditor's working paper."),
    "verify": ("parks", "verify_cmd", "Recompute an audit RECORD and say whether it still matches; exit 1 if not."),
    "schema": ("standards", "schema_cmd", "List every indicator, input and gate a park must report: what a data-collection form needs."),
    "check": ("standards", "check_cmd", "Check rule files and park data; print diagnostics as they are found; exit 1 on any error."),
    "lint": ("standards", "lint_cmd", "Lint whole standards (family@version or directories) before publishing; exit 1 on any finding."),
    "fmt": ("standards", "fmt_cmd", "Rewrite .pks files (or every .pks file under a directory) in the canonical format."),
    "diff": ("standards", "diff_cmd", "Semantic diff of two standard versions OLD and NEW (family@version or directories)."),
    "compare": ("parks", "compare_cmd", "Score each park of PARKS (park files, directories of them, tables) under each --standard."),
    "render": ("standards", "render_cmd", "The standard as the document people exchange, generated from its checked rules."),
    "import-xlsx": ("standards", "import_xlsx_cmd", "Read an edited standard workbook back: validate every edited cell and print the semantic diff."),
    "template": ("standards", "template_cmd", "Write the data-collection form a park fills: one row per datum the standard reads."),
    "status": ("parks", "status_cmd", "A park's status under a designation scheme on a date, from its dated history."),
    "program": ("standards", "program_cmd", "Print the Python a STANDARD compiles to (what scores parks when no trace is asked for), for review."),
    "sql": ("standards", "sql_cmd", "Print one SQL query that scores a table of parks under STANDARD, exactly as the engine does."),
    "impact": ("parks", "impact_cmd", "What version NEW does to a population of parks scored under OLD."),
    "test": ("standards", "test_cmd", "Run the test cases of standards: PATHS are test files, directories of them, or standards."),
    "testgen": ("standards", "testgen_cmd", "Write test cases for every rule and gate of STANDARD, for a person to review and commit."),
    "gap": ("parks", "gap_cmd", "What PARK can change to reach the target: per indicator the next band and the change it needs."),
    "sensitivity": ("parks", "sensitivity_cmd", "Monte Carlo over PARK's figures within their uncertainty: the probability of being eligible."),
    "serve": ("serve", "serve_cmd", "Serve the JSON API (/v1: standards, score, check, compare, diff) on this machine."),
    "lsp": ("serve", "lsp_cmd", "Run the language server for rule files on stdin/stdout (for editors: diagnostics, hover, fixes)."),
    "standards": ("standards", "standards_cmd", "List the standards and versions installed with parkscore, then the lifecycle schemes."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when one runs (or its own --help is asked for)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, summary = COMMANDS[name]
        cmd = getattr(importlib.import_module(f"parkscore.cli.{module}"), attr)
        assert isinstance(cmd, click.Command)
        cmd.short_help = summary  # the one summary, shown in both listings
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary) for name, (_, _, summary) in COMMANDS.items()])


@click.group(cls=LazyGroup)
@click.version_option(package_name="parkscore", prog_name="parkscore")  # looked up only when asked
def main(**_: Any) -> None:
    """Score chemical industrial parks against point-scored standards written as rule files."""


if __name__ == "__main__":  # pragma: no cover
    main()
