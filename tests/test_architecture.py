"""The layering of docs/architecture.md, enforced: import-linter's contracts (pyproject.toml) hold,
the command line is options -> one API call -> render, and its lazy command table is complete."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from parkscore import cli

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    """The contracts can fail: a copy of the tree where the scoring core imports a document renderer."""
    import shutil

    for d in ("parkscore", "dsl", "engine", "grammar", "standards"):
        shutil.copytree(ROOT / d, tmp_path / d, symlinks=True)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    core = tmp_path / "engine" / "scoring" / "trace.py"
    core.write_text(core.read_text(encoding="utf-8") + "\nfrom parkscore.engine.documents import render  # noqa\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
                          "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True))"],
                         cwd=tmp_path, env={"PYTHONPATH": str(tmp_path), "PATH": ""}, capture_output=True, text=True)
    assert run.returncode != 0
    assert "parkscore.engine.scoring.trace -> parkscore.engine.documents" in run.stdout


def test_command_modules_stay_small() -> None:
    for f in (ROOT / "parkscore" / "cli").glob("*.py"):
        assert len(f.read_text(encoding="utf-8").splitlines()) <= 400, f


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_listed_command_loads(name: str) -> None:
    cmd = cli.main.get_command(click.Context(cli.main), name)
    assert isinstance(cmd, click.Command) and cmd.name == name
    assert cmd.help and cmd.short_help == cli.COMMANDS[name][2]


def test_help_does_not_import_the_api() -> None:
    code = "import sys; from parkscore.cli import main\ntry:\n main(['--help'])\nexcept SystemExit: pass\nprint('parkscore.api' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().endswith("False")
