"""Whatever a user feeds the command line, the answer is a diagnostic and an exit status, never a
traceback and never a hang: the seeded mutator of tests/fuzz.py at a size that fits CI (a release
runs it at 10,000 mutants of each kind: see README, "Tests")."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from parkscore.cli import main

from .fuzz import fuzz_parks, fuzz_rules


@pytest.mark.slow
def test_mutated_park_files() -> None:
    tally = fuzz_parks(300, seed=20261127)
    assert tally.runs == 300
    assert tally.tracebacks == [] and tally.slow == []


def test_mutated_rule_files() -> None:
    tally = fuzz_rules(300, seed=20261127)
    assert tally.runs == 300
    assert tally.tracebacks == [] and tally.slow == []


def test_unreadable_and_odd_inputs(tmp_path: Path) -> None:
    (tmp_path / "bin.pks").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    for args in (["check", str(tmp_path / "bin.pks")], ["score", str(tmp_path / "bin.yaml")], ["score", str(tmp_path / "empty.yaml")],
                 ["score", str(tmp_path / "list.yaml")], ["verify", str(tmp_path / "list.yaml")], ["score", "missing.yaml"],
                 ["score", str(tmp_path / "list.yaml"), "-s", "no-such@1"], ["diff", "cpcif-green-park@2020", "x@y"],
                 ["gap", str(tmp_path / "empty.yaml"), "--target", "abc"], ["fmt", str(tmp_path / "bin.pks")],
                 ["score", "/dev/zero"], ["check", "/dev/null"], ["verify", "/dev/zero"]):
        result = CliRunner().invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.output and result.exit_code in (1, 2), (args, result.output)
