"""Whatever a user feeds the command line, the answer is a diagnostic and an exit status, never a traceback."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "standards" / "cpcif-green-park" / "2020" / "3-environment.pks").read_text(encoding="utf-8")
PARK = (ROOT / "examples" / "parks" / "synthetic-complete.yaml").read_text(encoding="utf-8")
HEADER = 'standard "fuzz" version "1"\ntitle "t"\nsource "s"\nstatus "draft"\ntotal 30\npass total >= 20\n'

TOKENS = ["score", "level", "indicator", "category", "input", "gate", "override", "remove", "require", "exempt", "trend",
          "points", "per", "up", "to", "->", "<=", ">=", "<", ">", "=", "(", ")", "*", "/", "+", "-", ":", "%", "\n", " ",
          "7.17", "0.05", "3", "x", "COD_intensity", '"文"', "#", "max", "unit", "kg/万元", "by year", "≤", '"', "\\"]


def _no_traceback(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)


def _mutate(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for pos, length, insert in cuts:
        p = pos % (len(text) + 1)
        text = text[:p] + insert + text[p + length % 8:]
    return text


settings_ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings_
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 7), st.sampled_from(TOKENS)), min_size=1, max_size=6))
def test_mutated_rule_files(tmp_path_factory, cuts: list[tuple[int, int, str]]) -> None:  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("std")
    (d / "0.pks").write_text(HEADER + _mutate(BASE, cuts), encoding="utf-8")
    _no_traceback(["check", str(d)])
    _no_traceback(["lint", str(d)])
    _no_traceback(["fmt", "--check", str(d / "0.pks")])


@settings_
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_token_soup(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path_factory.mktemp("soup") / "s.pks"
    f.write_text(HEADER + text, encoding="utf-8")
    _no_traceback(["check", str(f)])


@settings_
@given(st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 7),
                          st.sampled_from([":", "-", "{", "}", "[", "]", "\n", "  ", "null", "yes", "1e9", "%", "亿元", "'", '"', "by_year:", "x"])),
                min_size=1, max_size=5))
def test_mutated_park_files(tmp_path_factory, cuts: list[tuple[int, int, str]]) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path_factory.mktemp("park") / "p.yaml"
    f.write_text(_mutate(PARK, cuts), encoding="utf-8")
    for args in (["score", str(f)], ["explain", str(f), "--mode", "fails"], ["gap", str(f), "--target", "95"],
                 ["sensitivity", str(f), "--runs", "5"], ["score", str(f), "-s", "climate-leader-park@2020"]):
        _no_traceback(args)


def test_unreadable_and_odd_inputs(tmp_path: Path) -> None:
    (tmp_path / "bin.pks").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    for args in (["check", str(tmp_path / "bin.pks")], ["score", str(tmp_path / "bin.yaml")], ["score", str(tmp_path / "empty.yaml")],
                 ["score", str(tmp_path / "list.yaml")], ["verify", str(tmp_path / "list.yaml")], ["score", "missing.yaml"],
                 ["score", str(tmp_path / "list.yaml"), "-s", "no-such@1"], ["diff", "cpcif-green-park@2020", "x@y"],
                 ["gap", str(tmp_path / "empty.yaml"), "--target", "abc"], ["fmt", str(tmp_path / "bin.pks")]):
        _no_traceback(args)
