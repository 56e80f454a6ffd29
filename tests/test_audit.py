"""Audit records: a record verifies until one character of its rules or data changes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "standards" / "cpcif-green-park" / "2020", tmp_path / "std")
    shutil.copy(ROOT / "examples" / "parks" / "synthetic-complete.yaml", tmp_path / "park.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["score", "park.yaml", "--standard", "std", "--audit", "record.json"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _verify(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["verify", str(path / "record.json")])
    return result.exit_code, result.output


def test_record_holds_scorecard_trace_and_fingerprints(recorded: Path) -> None:
    rec = json.loads((recorded / "record.json").read_text(encoding="utf-8"))
    assert rec["schema"] == "parkscore.audit/1"
    assert rec["tool"]["name"] == "parkscore" and rec["tool"]["version"]
    assert len(rec["standard"]["files"]) == 6 and all(len(f["sha256"]) == 64 for f in rec["standard"]["files"])
    assert len(rec["park"]["sha256"]) == 64
    assert rec["scorecard"]["total"] == 81
    assert sum(e["points"] is not None and float(e["points"]) or 0 for e in rec["trace"] if e["op"] in ("award", "fail")) == 81


def test_unchanged_record_verifies(recorded: Path) -> None:
    code, out = _verify(recorded)
    assert code == 0, out
    assert "VERIFIED" in out and "NOT VERIFIED" not in out


def test_one_character_in_a_rule_file_is_caught(recorded: Path) -> None:
    f = recorded / "std" / "3-environment.pks"
    text = f.read_text(encoding="utf-8")
    assert "score 0.35 < NOx_intensity <= 0.5 -> 1" in text
    f.write_text(text.replace("score 0.35 < NOx_intensity <= 0.5 -> 1", "score 0.35 < NOx_intensity <= 0.5 -> 2"), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1
    assert "std/3-environment.pks changed" in out
    assert "7.20 NOx_intensity: 1 -> 2 points" in out and "rules changed" in out


def test_one_character_of_wording_is_caught_although_the_points_are_the_same(recorded: Path) -> None:
    f = recorded / "std" / "2-infrastructure.pks"
    f.write_text(f.read_text(encoding="utf-8").replace("体系相对完整", "体系相对完善", 1), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1
    assert "std/2-infrastructure.pks changed" in out
    assert "7.6 water_supply: 2 -> 2 points" in out and "rules changed" in out and "体系相对完善" in out


def test_a_changed_comment_is_caught_by_the_fingerprint(recorded: Path) -> None:
    f = recorded / "std" / "0-standard.pks"
    f.write_text(f.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1
    assert "std/0-standard.pks changed" in out and "gives the recorded scorecard" in out


def test_one_character_in_the_data_is_caught_and_explained(recorded: Path) -> None:
    f = recorded / "park.yaml"
    text = f.read_text(encoding="utf-8")
    assert "COD_emitted: 520 t" in text
    f.write_text(text.replace("COD_emitted: 520 t", "COD_emitted: 720 t"), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1
    assert "data:   changed" in out
    assert "7.17 COD_intensity: 2 -> 1 points" in out and "data changed: COD_emitted 520000 -> 720000" in out


def test_a_rule_change_that_breaks_the_standard_is_reported_not_raised(recorded: Path) -> None:
    f = recorded / "std" / "3-environment.pks"
    f.write_text(f.read_text(encoding="utf-8").replace("score COD_intensity <= 0.05 -> 3", "score COD_intensity <= 0.06 -> 3"), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1
    assert "E301" in out and "Traceback" not in out


def test_a_record_of_an_amendment_fingerprints_its_base_files_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "examples" / "parks" / "synthetic-complete.yaml", tmp_path / "park.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["score", "park.yaml", "-s", "cpcif-green-park@2021-draft", "--audit", "r.json"])
    assert result.exit_code == 0, result.output
    files = [f["path"] for f in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["standard"]["files"]]
    assert any(f.startswith("standards/cpcif-green-park/2020/") for f in files)
    assert any(f.startswith("standards/cpcif-green-park/2021-draft/") for f in files)
    assert CliRunner().invoke(main, ["verify", str(tmp_path / "r.json")]).exit_code == 0
