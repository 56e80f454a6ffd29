"""Golden tests: each case under tests/cases is a command whose full output is kept in a .expected file.

Cases are found by convention:
  syntax/*.pks, check/*.pks -> parkscore check <file>
  multi/<dir>/              -> parkscore check <dir>
  data/*.yaml               -> parkscore score <file>
  **/*.cmd                  -> parkscore <the arguments in the file>
Rewrite them with ``pytest --update-goldens`` and review the change with ``git diff``.
A chart's SVG is kept as its title only: its coordinates follow the fonts and the matplotlib of the
machine; tests/test_charts.py checks the numbers a chart draws.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from parkscore.cli import main

CASES = Path(__file__).parent / "cases"
ROOT = CASES.parent.parent


def _cases() -> list[tuple[str, list[str], Path]]:
    out = []
    rel = lambda p: str(p.relative_to(ROOT))  # noqa: E731
    for sub in ("syntax", "check"):
        for p in sorted((CASES / sub).glob("*.pks")):
            out.append((rel(p), ["check", rel(p)], p.with_name(p.name + ".expected")))
    for d in sorted(p for p in (CASES / "multi").iterdir() if p.is_dir()):
        out.append((rel(d), ["check", rel(d)], d.with_name(d.name + ".expected")))
    for p in sorted((CASES / "data").glob("*.yaml")):
        out.append((rel(p), ["score", rel(p)], p.with_name(p.name + ".expected")))
    for p in sorted(CASES.rglob("*.cmd")):
        out.append((rel(p), shlex.split(p.read_text(encoding="utf-8")), p.with_suffix(".expected")))
    return out


CASE_LIST = _cases()


@pytest.mark.parametrize("name,args,expected", CASE_LIST, ids=[c[0] for c in CASE_LIST])
def test_golden(name: str, args: list[str], expected: Path, in_repo: Path, update_goldens: bool) -> None:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    output = re.sub(r"<svg\b.*?</svg>", lambda m: "<svg>" + "".join(re.findall(r">([^<>]*?: [^<>]*|[^<>]*\(\d+ parks\))</text>", m.group())[:1])
                    + "</svg>", result.output, flags=re.S)
    got = f"$ parkscore {shlex.join(args)}\n{output}[exit {result.exit_code}]\n"
    if update_goldens or not expected.exists():
        expected.write_text(got, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"created {expected.name}; review it and run again")
    assert got == expected.read_text(encoding="utf-8")


def test_no_traceback_in_any_golden() -> None:
    for _, _, expected in CASE_LIST:
        if expected.exists():
            assert "Traceback" not in expected.read_text(encoding="utf-8"), expected


def test_every_error_case_fails_with_a_located_message() -> None:
    for name, _, expected in CASE_LIST:
        if name.startswith(("tests/cases/syntax", "tests/cases/check", "tests/cases/data", "tests/cases/multi")) and expected.exists():
            text = expected.read_text(encoding="utf-8")
            assert text.rstrip().endswith("[exit 1]"), name
            assert ": error[" in text and "^" in text, name
