"""What a new user hits on the first day (issue 25): each repro, as a test."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
import yaml
from click.testing import CliRunner

import parkscore
from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "examples" / "tables" / "synthetic-25.csv"


@pytest.mark.parametrize("read", [pd.read_csv, pl.read_csv], ids=["pandas", "polars"])
def test_a_frame_with_empty_cells_scores_and_comes_back_typed(read: object) -> None:
    frame = read(TABLE)  # type: ignore[operator]
    out = parkscore.score_table("cpcif-green-park@2020", frame)
    assert type(out) is type(frame)
    plain = parkscore.score_table("cpcif-green-park@2020", TABLE)  # the CSV read by parkscore: empty cells are no data
    totals = [r["total"] for r in plain]
    assert list(out["total"]) == totals and all(isinstance(t, Decimal) for t in totals)
    assert out["total"].sum() == sum(totals)  # exact, not strings
    eligible = list(out["eligible"])
    assert eligible == [r["eligible"] for r in plain] and all(e in (True, False) for e in eligible)
    if isinstance(out, pd.DataFrame):
        assert str(out["eligible"].dtype) == "boolean"
    else:
        assert out.schema["total"].is_decimal() and out.schema["eligible"] == pl.Boolean


def test_nan_na_and_nat_are_no_data_not_a_traceback() -> None:
    row = {"park": "甲", "period": "2019", "COD_intensity [t/万元]": float("nan"), "energy_intensity [tce/万元]": pd.NA}
    out = parkscore.score_table("cpcif-green-park@2020", pd.DataFrame([row]).astype({"energy_intensity [tce/万元]": "Float64"}))
    assert out.loc[0, "status"] == "scored"
    assert "COD_intensity" in out.loc[0, "missing"] and "energy_intensity" in out.loc[0, "missing"]


@pytest.mark.parametrize("name", ["shangyu", "dongying-port", "shijiazhuang"])
def test_case_study_honours_keep_their_whole_names(name: str) -> None:
    data = yaml.safe_load((ROOT / "examples" / "parks" / f"{name}.yaml").read_text(encoding="utf-8"))["data"]
    for key, v in data.items():
        for item in v.get("items", []) if isinstance(v, dict) else []:
            assert set(item) <= {"name", "source", "note"}, (key, item)
            assert item["name"].count("(") == item["name"].count(")"), item["name"]
    card = parkscore.score("cpcif-green-park@2020", str(ROOT / "examples" / "parks" / f"{name}.yaml"))
    assert card.total > 0


def test_an_item_with_an_unknown_field_is_a_positioned_error(tmp_path: Path) -> None:
    park = tmp_path / "p.yaml"
    park.write_text("park: 甲\ndata:\n  honour_titles:\n    items:\n      - {name: A, sorce: x}\n"
                    "      - {name: 中国化工园区30强 (2020, 第13位), source: y}\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(park)])
    assert r.exit_code == 1
    assert f"{park}:5:" in r.output and "error[D111]: unknown field 'sorce' of item 'A'" in r.output and "did you mean 'source'" in r.output
    assert "unknown field '第13位)'" in r.output and "put a name that holds a comma in quotes" in r.output


def test_testgen_on_a_draft_folder_writes_cases_that_run_as_written(tmp_path: Path) -> None:
    import shutil

    draft = tmp_path / "2022-mine"
    shutil.copytree(ROOT / "standards" / "cpcif-green-park" / "2020", draft, ignore=shutil.ignore_patterns("tests"))
    out = draft / "tests" / "generated.yaml"
    r = CliRunner().invoke(main, ["testgen", str(draft), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "standard:" not in out.read_text(encoding="utf-8")
    r = CliRunner().invoke(main, ["test", str(draft)])
    assert r.exit_code == 0, r.output
    assert re.search(r"(\d+) case\(s\): \1 passed, 0 failed", r.output)


def test_testgen_of_an_installed_standard_names_it() -> None:
    r = CliRunner().invoke(main, ["testgen", "cpcif-green-park@2020"])
    assert "\nstandard: cpcif-green-park@2020\n" in r.output


@pytest.mark.parametrize("argv", [["testgen", "{d}", "--out", "{d}/0-standard.pks", "--force"],
                                  ["render", "{d}", "--out", "{d}/1-industry.pks", "--force"],
                                  ["render", "{d}", "--format", "xlsx", "--out", "{d}/1-industry.pks", "--force"]])
def test_force_never_overwrites_the_rule_files_read(tmp_path: Path, argv: list[str]) -> None:
    import shutil

    d = tmp_path / "std"
    shutil.copytree(ROOT / "standards" / "cpcif-green-park" / "2020", d)
    before = {f.name: f.read_bytes() for f in d.glob("*.pks")}
    r = CliRunner().invoke(main, [a.format(d=d) for a in argv])
    assert r.exit_code == 1 and "E015" in r.output and "is an input of this command" in r.output
    assert {f.name: f.read_bytes() for f in d.glob("*.pks")} == before


def test_readme_api_list_is_parkscore_all() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("`parkscore.__all__` lists"):readme.index("## Layout and pipeline")]
    named = set(re.findall(r"`([A-Za-z_]+)`", section.split("and the result types")[0])) - {"parkscore", "DiagnosticError", "data"}
    verbs = {n for n in parkscore.__all__ if n[0].islower()}
    assert named == verbs
    for n in parkscore.__all__:
        assert getattr(parkscore, n) is not None


def test_score_accepts_a_whole_park_file_mapping_or_its_data_section() -> None:
    text = (ROOT / "examples" / "parks" / "synthetic-complete.yaml").read_text(encoding="utf-8")
    whole = yaml.safe_load(text)
    a = parkscore.score("cpcif-green-park@2020", whole)
    b = parkscore.score("cpcif-green-park@2020", whole["data"])
    assert a.total == b.total == 81 and a.park == whole["park"]


def test_an_ods_spreadsheet_is_refused_by_name(tmp_path: Path) -> None:
    ods = tmp_path / "parks.ods"
    ods.write_bytes(b"PK\x03\x04 not really")
    r = CliRunner().invoke(main, ["score", str(ods)])
    assert r.exit_code == 1 and "LibreOffice Calc spreadsheet (.ods), which parkscore does not read" in r.output
    assert "UTF-8" not in r.output.split("hint")[0]


def test_a_gbk_csv_as_excel_saves_it_in_china_is_read(tmp_path: Path) -> None:
    gbk = tmp_path / "parks-gbk.csv"
    gbk.write_bytes(TABLE.read_text(encoding="utf-8").encode("gbk"))
    assert [r["total"] for r in parkscore.score_table("cpcif-green-park@2020", gbk)] == \
           [r["total"] for r in parkscore.score_table("cpcif-green-park@2020", TABLE)]


def test_not_eligible_says_why_in_many_park_tables() -> None:
    r = CliRunner().invoke(main, ["score", str(TABLE)])
    line = next(x for x in r.output.splitlines() if "合成园区000018" in x)
    assert "not eligible" in line and "because: basic requirement 4(2) no_major_incidents: failed" in line
    r = CliRunner().invoke(main, ["compare", str(TABLE), "-s", "cpcif-green-park@2020", "-s", "cpcif-green-park@2021-draft"])
    assert "why not eligible:" in r.output
    assert "合成园区000018 under cpcif-green-park@2020: basic requirement 4(2) no_major_incidents: failed" in r.output


def test_numbers_group_their_digits_the_same_whole_or_not() -> None:
    """Issue 25.10: gap wrote `76 000` beside `76142.5`."""
    from decimal import Decimal

    from parkscore.dsl.numbers import show

    assert (show(Decimal("76000")), show(Decimal("76142.5")), show(Decimal("-12345.678"))) == ("76 000", "76 142.5", "-12 345.7")
    assert (show(Decimal("1234.5")), show(Decimal("0.05"))) == ("1234.5", "0.05")


def test_html_reports_say_the_matched_band_in_the_standards_words_and_each_step_where() -> None:
    """Issue 25.10: the HTML "matched" column showed the rule text where the standard's wording
    exists (表2: 500>化工行业主营业务收入（亿元）≥300); explain's HTML dropped each step's file:line:col."""
    park = str(ROOT / "examples" / "parks" / "synthetic-complete.yaml")
    html = CliRunner().invoke(main, ["score", park, "--format", "html"]).output
    assert '<td title="500 &gt; chem_revenue &gt;= 300">500&gt;化工行业主营业务收入（亿元）≥300</td>' in html
    assert "complete：建立工业供水体系，体系相对完整" in html  # a level: its name and the standard's wording
    html = CliRunner().invoke(main, ["explain", park, "--format", "html"]).output
    assert re.search(r'chem_revenue &gt;= 500 -&gt; 3: false \(chem_revenue = 420\) <span class="rule">standards/cpcif-green-park/2020/1-industry.pks:16:3</span>', html)


def test_gap_moves_a_total_with_the_figure_it_includes() -> None:
    """Issue 25.10: gap raised water_reused holding water_used_total, which includes it (4-resources.pks:
    工业用水总量 = 新鲜水量 + 重复利用水量). By hand: (76000 + d) / (80150 + d) = 0.95 -> d = 2850."""
    park = str(ROOT / "examples" / "parks" / "synthetic-complete.yaml")
    out = CliRunner().invoke(main, ["gap", park, "--target", "100"]).output
    assert ("raise water_reused from 76 000 万吨 to 78 850 万吨 (+3.75 %), and water_used_total (which includes it) "
            "from 80 150 万吨 to 83 000 万吨 → water_reuse_rate 95 %") in out
    assert "verified: re-scored with these changes the park totals 100" in out


@pytest.mark.parametrize(("line", "code"), [("includes nothing_here", "E110"), ("includes flag", "E111"), ("includes money", "E202")])
def test_includes_names_a_number_input_of_the_same_kind_of_unit(tmp_path: Path, line: str, code: str) -> None:
    (tmp_path / "s.pks").write_text(
        'standard "t" version "1"\ntitle "t"\nsource "s"\nstatus "draft"\ntotal 1\n'
        f'input part : t "p"\ninput whole : t "w" {line}\ninput flag : bool "f"\ninput money : 万元 "m"\n'
        'category c "c" max 1\n  indicator 1 share "s"\n    unit % max 1 range 0..100\n    share = part / whole * 100\n'
        '    score share >= 50 -> 1\n    score share < 50 -> 0\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert f"error[{code}]" in r.output and "s.pks:7:" in r.output, r.output


def test_a_csv_garbled_by_a_wrong_character_set_gets_a_hint_about_the_encoding(tmp_path: Path) -> None:
    """Issue 25.7: a UTF-8 CSV opened in LibreOffice as Windows-1252 and saved again has units like
    'äº¿å…ƒ' (亿元): the error says so and how to open the file."""
    def as_cp1252(b: int) -> str:
        try:
            return bytes([b]).decode("cp1252")
        except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined keep their Latin-1 character
            return chr(b)
    garbled = tmp_path / "parks.csv"
    garbled.write_text("".join(as_cp1252(b) for b in TABLE.read_bytes()), encoding="utf-8")
    r = CliRunner().invoke(main, ["score", str(garbled)])
    assert r.exit_code == 1
    assert "hint: 'äº¿å…ƒ' looks like '亿元' read in the wrong character set and saved again: open the original file with the character set Unicode (UTF-8)" in r.output
    # said once per column at its header cell (not once per row and column), the parks scored without those columns
    read = parkscore.load_standard("cpcif-green-park@2020").std.data_keys  # (the climate-leader columns are another standard's)
    garbled_units = [c for c in TABLE.read_text(encoding="utf-8").splitlines()[0].split(",") if "[" in c and not c.isascii() and c.split(" [")[0] in read]
    assert r.output.count("error[D123]") == len(garbled_units) == 11
    assert "parks.csv:E1: error[D123]: column 'chem_revenue' is given in äº¿å…ƒ, which does not convert to 亿元: it is not read" in r.output
    assert "25 park(s): 25 scored" in r.output


def test_an_author_hovering_a_total_or_its_part_sees_what_includes_what() -> None:
    from parkscore.dsl.navigate import hover

    std = parkscore.load_standard("cpcif-green-park@2020").std
    assert "includes `water_reused` (they move together in `gap`)" in (hover(std, "water_used_total") or "")
    assert "included in `water_used_total`" in (hover(std, "water_reused") or "")
