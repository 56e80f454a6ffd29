"""Audit records: a record verifies until one character of its rules or data changes."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner

from parkscore.cli import main
from parkscore.dsl.numbers import dumps, loads

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


def _edit(recorded: Path, change: Callable[[dict[str, Any]], None]) -> tuple[int, str]:
    f = recorded / "record.json"
    rec = loads(f.read_text(encoding="utf-8"))
    change(rec)
    f.write_text(dumps(rec), encoding="utf-8")
    return _verify(recorded)


def test_a_record_read_and_written_again_unchanged_still_verifies(recorded: Path) -> None:
    code, out = _edit(recorded, lambda rec: None)
    assert code == 0, out


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(rec: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = rec
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(last) if last.isdigit() else last] = value
    return change


TAMPERING = {
    "a gate set to pass": _set("scorecard.gates.0.status", "fail"),
    "reasons emptied": _set("scorecard.reasons", ["invented"]),
    "park renamed": _set("scorecard.park", "另一个园区"),
    "a category's points": _set("scorecard.categories.0.points", 16),
    "the pass mark": _set("scorecard.pass_mark", 5),
    "the whole trace": _set("trace", []),
    "one trace message": _set("trace.3.message", "COD_emitted = 1 t"),
    "an indicator's outcome": _set("scorecard.indicators.0.outcome", "anything"),
    "a rule file hash": _set("standard.files.0.sha256", "0" * 64),
    "the park hash": _set("park.sha256", "0" * 64),
    "the tool version": _set("tool.version", "0.0.1"),
}


@pytest.mark.parametrize("what", sorted(TAMPERING))
def test_any_edit_of_a_record_is_not_verified(recorded: Path, what: str) -> None:
    code, out = _edit(recorded, TAMPERING[what])
    assert code == 1, out
    assert "NOT VERIFIED" in out and "Traceback" not in out


@pytest.mark.parametrize("change", [
    lambda rec: rec.pop("standard"), lambda rec: rec.__setitem__("trace", "x"), lambda rec: rec["scorecard"].pop("indicators"),
    lambda rec: rec.__setitem__("schema", "other"), lambda rec: rec["standard"]["files"].append(3),
])
def test_a_malformed_record_is_a_diagnostic(recorded: Path, change: Callable[[dict[str, Any]], None]) -> None:
    code, out = _edit(recorded, change)
    assert code == 1 and "error[D180]" in out and "Traceback" not in out


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "record.json"])
def test_a_record_cannot_make_verify_read_other_files(recorded: Path, target: str) -> None:
    code, out = _edit(recorded, _set("park.path", target))
    assert code == 1 and "error[D181]" in out
    assert "root:" not in out and "Traceback" not in out


def test_a_park_file_converted_to_crlf_is_data_changed(recorded: Path) -> None:
    f = recorded / "park.yaml"
    rec = json.loads((recorded / "record.json").read_text(encoding="utf-8"))
    assert rec["park"]["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()  # the file's own sha256
    f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    code, out = _verify(recorded)
    assert code == 1 and "data:   changed" in out


def test_audit_never_overwrites_the_park_file_or_a_foreign_file(recorded: Path) -> None:
    park = (recorded / "park.yaml").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "park.yaml", "-s", "std", "--audit", "park.yaml"])
    assert result.exit_code == 1 and "E015" in result.output
    assert (recorded / "park.yaml").read_text(encoding="utf-8") == park
    (recorded / "notes.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "park.yaml", "-s", "std", "--audit", "notes.json"])
    assert result.exit_code == 1 and "E015" in result.output
    assert CliRunner().invoke(main, ["score", "park.yaml", "-s", "std", "--audit", "notes.json", "--force"]).exit_code == 0
    # an earlier record is replaced without --force
    assert CliRunner().invoke(main, ["score", "park.yaml", "-s", "std", "--audit", "record.json"]).exit_code == 0


def test_the_record_is_of_the_scorecard_printed(recorded: Path) -> None:
    result = CliRunner().invoke(main, ["score", "park.yaml", "-s", "std", "--format", "json", "--audit", "record.json"])
    printed = json.loads(result.output.split("\naudit record written")[0])
    recorded_card = json.loads((recorded / "record.json").read_text(encoding="utf-8"))["scorecard"]
    assert printed == recorded_card


def _added_key(r: dict[str, Any]) -> None:
    r["approved_by"] = "someone"


def _added_inner_key(r: dict[str, Any]) -> None:
    r["scorecard"]["indicators"][0]["approved"] = True


def _duplicated_indicator(r: dict[str, Any]) -> None:
    r["scorecard"]["indicators"].append(r["scorecard"]["indicators"][0])


def _reordered_indicators(r: dict[str, Any]) -> None:
    r["scorecard"]["indicators"][0], r["scorecard"]["indicators"][1] = r["scorecard"]["indicators"][1], r["scorecard"]["indicators"][0]


def _duplicated_file(r: dict[str, Any]) -> None:
    r["standard"]["files"].append(r["standard"]["files"][0])


def _reordered_files(r: dict[str, Any]) -> None:
    r["standard"]["files"].reverse()


def _tool_name(r: dict[str, Any]) -> None:
    r["tool"]["name"] = "somethingelse"


@pytest.mark.parametrize("edit", [_added_key, _added_inner_key, _duplicated_indicator, _reordered_indicators, _duplicated_file,
                                  _reordered_files, _tool_name])
def test_a_record_with_an_added_duplicated_or_reordered_entry_does_not_verify(recorded: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    """Issue 26 D10: these edits verified."""
    path = recorded / "record.json"
    rec = loads(path.read_text(encoding="utf-8"))
    edit(rec)
    path.write_text(dumps(rec), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1 and "NOT VERIFIED" in out, out


def test_what_a_record_cannot_prove_is_said(recorded: Path) -> None:
    path = recorded / "record.json"
    rec = loads(path.read_text(encoding="utf-8"))
    rec["created"] = "1999-01-01T00:00:00+00:00"
    path.write_text(dumps(rec), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 0 and "not verified: 'created'" in out


def test_a_record_naming_a_file_elsewhere_does_not_make_verify_read_or_quote_it(recorded: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Issue 26 D12: a record naming /elsewhere/secrets.yaml made verify read it and print its lines."""
    secret_dir = tmp_path_factory.mktemp("elsewhere")
    secret = secret_dir / "secrets.yaml"
    secret.write_text("password: hunter2\napi_key: s3cr3t\n", encoding="utf-8")
    path = recorded / "record.json"
    rec = loads(path.read_text(encoding="utf-8"))
    rec["park"]["path"] = str(secret)
    path.write_text(dumps(rec), encoding="utf-8")
    code, out = _verify(recorded)
    assert code == 1 and "error[D181]" in out and "lies outside" in out
    assert "hunter2" not in out and "s3cr3t" not in out


def test_an_audit_record_that_would_overwrite_a_file_is_refused_before_the_scorecard_is_printed(tmp_path: Path) -> None:
    """Issue 25.10: E015 came after a 106-line scorecard."""
    notes = tmp_path / "notes.json"
    notes.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(ROOT / "examples" / "parks" / "synthetic-complete.yaml"), "--audit", str(notes)])
    assert result.exit_code == 1 and "error[E015]" in result.output and "ELIGIBLE" not in result.output
    assert notes.read_text(encoding="utf-8") == "{}"
