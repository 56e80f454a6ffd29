"""Test cases and coverage for standards authors: `parkscore test`, `--coverage`, `testgen`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import parkscore
from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
STD_2020 = ROOT / "standards" / "cpcif-green-park" / "2020"


@pytest.mark.parametrize("ref", parkscore.installed_standards())
def test_every_shipped_standard_passes_its_cases_with_full_coverage(ref: str) -> None:
    run = parkscore.run_tests(ref)
    assert run.problems == [] and run.failed == []
    items, hit = run.coverage[ref]
    assert len(run.outcomes) >= len(items) and {i.key for i in items} <= hit  # at least a case per rule and outcome, all covered


def test_a_broken_copy_fails_with_the_expected_and_actual_values(tmp_path: Path) -> None:
    shutil.copytree(STD_2020, tmp_path / "std")
    f = tmp_path / "std" / "3-environment.pks"
    f.write_text(f.read_text(encoding="utf-8").replace("score COD_intensity <= 0.05 -> 3", "score COD_intensity <= 0.06 -> 3")
                 .replace("score 0.05 < COD_intensity <= 0.1 -> 2", "score 0.06 < COD_intensity <= 0.1 -> 2"), encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(tmp_path / "std")])
    assert result.exit_code == 1
    assert "7.17 COD_intensity = 0.0501 kg/万元" in result.output
    assert "indicator 7.17 points: expected 2, got 3" in result.output
    assert "7.17 COD_intensity: scored, 3 / 3 points (COD_intensity <= 0.06)" in result.output


def test_the_draft_inherits_the_base_cases_and_lists_those_it_changes() -> None:
    run = parkscore.run_tests("cpcif-green-park@2021-draft")
    assert run.failed == []
    changed = {after.case.name for _, after in run.changed}
    assert "7.34 honours: 2 item(s)" in changed  # 2 points in 2020, 1 in the draft
    assert not any(n.startswith("7.17 ") for n in changed)  # COD is unchanged: its cases are inherited and pass
    inherited = [o for o in run.outcomes if "2020" in o.case.file]
    assert any(o.case.name.startswith("7.17 COD_intensity") for o in inherited)


def test_a_malformed_test_file_is_a_diagnostic(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("standard: cpcif-green-park@2020\ncases:\n  - name: x\n    data: {COD_emitted: 5 t}\n    expect: {score: 3}\n"
                 "  - name: y\n    expect: {total: 0}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["test", str(f)])
    assert result.exit_code == 1 and "t.yaml:5:14: error[D190]: unknown expectation 'score'" in result.output
    assert "case 'y' has no 'data'" in result.output


def test_testgen_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "cases.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["testgen", "climate-leader-park@2020", "--out", str(out)])
    assert result.exit_code == 1 and "E015" in result.output and out.read_text(encoding="utf-8") == "mine\n"
    assert CliRunner().invoke(main, ["testgen", "climate-leader-park@2020", "--out", str(out), "--force"]).exit_code == 0
    run = parkscore.run_tests(str(out))
    assert run.failed == [] and len(run.outcomes) > 50


def test_the_deciding_rule_by_text_or_line(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    line = next(n for n, t in enumerate((STD_2020 / "3-environment.pks").read_text(encoding="utf-8").split("\n"), 1)
                if t.strip() == "score COD_intensity <= 0.05 -> 3")
    f.write_text("standard: cpcif-green-park@2020\ncases:\n  - name: edge\n    data: {COD_emitted: 500 t, industrial_output: 10000000 万元}\n"
                 f"    expect: {{indicators: {{'7.17': {{rule: 'COD_intensity <= 0.05', line: {line}, points: 3}}}}}}\n"
                 f"  - name: wrong line\n    data: {{COD_emitted: 500 t, industrial_output: 10000000 万元}}\n"
                 f"    expect: {{indicators: {{'7.17': {{line: {line + 1}}}}}}}\n", encoding="utf-8")
    run = parkscore.run_tests(str(f))
    assert [o.case.name for o in run.failed] == ["wrong line"]
