"""Every lint code has a case that triggers it and a corrected case that does not."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from parkscore import installed_standards, lint_standard
from parkscore.cli import main

HEAD = '''standard "lint" version "1"
title "lint case"
source "test"
status "draft"
total 3
pass total >= 2
input emitted : kg "排放量"
input output : 万元 "产值"
input good : 家 "达标企业"
input all : 家 "企业总数"
category c "类别" max 3
'''
INTENSITY = '''indicator 7.1 x "强度"
  unit kg/万元 max 3{req}
  x = emitted / output
'''
SHARE = '''indicator 7.1 x "占比"
  unit % max 3{req}
  x = {formula}
'''

CASES: dict[str, tuple[str, str]] = {
    # points must grow toward "better" (here: lower intensity is better)
    "L101": (INTENSITY.format(req=" requirement <= 0.15") + "  score x <= 0.05 -> 1\n  score 0.05 < x <= 0.1 -> 3\n  score 0.1 < x <= 0.15 -> 2\n  score x > 0.15 -> 0\n",
             INTENSITY.format(req=" requirement <= 0.15") + "  score x <= 0.05 -> 3\n  score 0.05 < x <= 0.1 -> 2\n  score 0.1 < x <= 0.15 -> 1\n  score x > 0.15 -> 0\n"),
    "L102": (SHARE.format(req="", formula="good / all") + "  score x >= 80 -> 3\n  score x < 80 -> 0\n",
             SHARE.format(req="", formula="good / all * 100") + "  score x >= 80 -> 3\n  score x < 80 -> 0\n"),
    # table 1 says >= 60 but the bands start scoring at 70
    "L201": (SHARE.format(req=" requirement >= 60", formula="good / all * 100") + "  score x >= 70 -> 3\n  score x < 70 -> 0\n",
             SHARE.format(req=" requirement >= 70", formula="good / all * 100") + "  score x >= 70 -> 3\n  score x < 70 -> 0\n"),
    "L301": (SHARE.format(req="", formula="good / all * 100") + "  score x < 0 -> 3\n  score x >= 0 -> 0\n",
             SHARE.format(req="", formula="good / all * 100") + "  score x >= 80 -> 3\n  score x < 80 -> 0\n"),
    "L401": (INTENSITY.format(req="").replace("emitted / output", "emitted / output") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n",
             INTENSITY.format(req="").replace("x = emitted / output", "x = emitted / output * good / all") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n"),
    # table 17 as printed: 0.005 < x <= 0.1 overlaps 0.01 < x <= 0.02
    "L501": (INTENSITY.format(req="").replace("emitted / output", "emitted / оutput") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n"
             + 'input оutput : 万元 "产值 (its first letter is Cyrillic о)"\n',
             INTENSITY.format(req="") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n"),
    "E301": (INTENSITY.format(req="") + "  score x <= 0.005 -> 3\n  score 0.005 < x <= 0.1 -> 2\n  score 0.01 < x <= 0.02 -> 1\n  score x > 0.02 -> 0\n",
             INTENSITY.format(req="") + "  score x <= 0.005 -> 3\n  score 0.005 < x <= 0.01 -> 2\n  score 0.01 < x <= 0.02 -> 1\n  score x > 0.02 -> 0\n"),
    "E302": (INTENSITY.format(req="") + "  score x <= 0.05 -> 3\n  score x > 0.1 -> 0\n",
             INTENSITY.format(req="") + "  score x <= 0.05 -> 3\n  score x > 0.05 -> 0\n"),
    "E402": (INTENSITY.format(req="") + "  score x <= 0.05 -> 2\n  score x > 0.05 -> 0\n",
             INTENSITY.format(req="") + "  score x <= 0.05 -> 3\n  score x > 0.05 -> 0\n"),
    "E201": (INTENSITY.format(req="").replace("emitted / output", "emitted / good") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n",
             INTENSITY.format(req="") + "  score x <= 1 -> 3\n  score x > 1 -> 0\n"),
}
# L401 is about inputs: in the "bad" case 'good' and 'all' are declared and unused.


def _codes(tmp_path: Path, body: str) -> list[str]:
    f = tmp_path / "s.pks"
    f.write_text(HEAD + body, encoding="utf-8")
    loaded = lint_standard(str(f))
    assert loaded.std is not None, loaded.diagnostics
    return [d.code for d in loaded.diagnostics]


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_fires_on_the_bad_case_only(code: str, tmp_path: Path) -> None:
    bad, ok = CASES[code]
    assert code in _codes(tmp_path, bad)
    codes_ok = _codes(tmp_path, ok)
    assert code not in codes_ok
    assert codes_ok == [] or (code != "L401" and set(codes_ok) <= {"L401"}), codes_ok


def test_shipped_standards_lint_clean() -> None:
    refs = installed_standards()
    result = CliRunner().invoke(main, ["lint", *refs])
    assert result.exit_code == 0, result.output


def test_table_17_verbatim_is_an_overlap_at_its_line(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    src = (root / "standards" / "cpcif-green-park" / "2020")
    dst = tmp_path / "verbatim"
    dst.mkdir()
    for f in src.glob("*.pks"):
        (dst / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    env = dst / "3-environment.pks"
    text = env.read_text(encoding="utf-8")
    assert "score 0.005 < ammonia_intensity <= 0.01 -> 2" in text
    env.write_text(text.replace("score 0.005 < ammonia_intensity <= 0.01 -> 2", "score 0.005 < ammonia_intensity <= 0.1 -> 2"), encoding="utf-8")
    line = next(i for i, ln in enumerate(env.read_text(encoding="utf-8").splitlines(), 1) if "0.01 < ammonia_intensity <= 0.02" in ln)
    result = CliRunner().invoke(main, ["lint", str(dst), "--format", "json"])
    assert result.exit_code == 1
    assert f'"line": {line}' in result.output and '"code": "E301"' in result.output
