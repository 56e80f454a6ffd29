"""The README's two commands are what a newcomer runs: keep them working and true."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (python3 -m venv .*)$", section, flags=re.MULTILINE)


def test_readme_has_the_run_and_the_test_command() -> None:
    run, test = _commands()
    assert "parkscore score" in run
    assert "pytest" in test


def test_readme_run_command_scores_the_bundled_example(in_repo: Path) -> None:
    run = _commands()[0]
    args = shlex.split(run.split(".venv/bin/parkscore", 1)[1])
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Total" in result.output and "ELIGIBLE" in result.output


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci
    assert "python -m pytest -q" in ci
