"""Hostile and careless input: each class of issue 14 answered by a positioned diagnostic, never a
traceback, never a lost file, never a verdict the inputs do not support."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import parkscore
from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = (ROOT / "examples" / "parks" / "synthetic-complete.yaml").read_text(encoding="utf-8")
STD_2020 = ROOT / "standards" / "cpcif-green-park" / "2020"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _park(tmp_path: Path, text: str, name: str = "p.yaml") -> str:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return str(f)


def _data(tmp_path: Path, lines: str) -> str:
    return _park(tmp_path, "park: 测试园区\ndata:\n" + lines)


# ---- wrong results from bad figures ---------------------------------------------------


@pytest.mark.parametrize("line, code, words", [
    ("  COD_emitted: -30 t\n", "D125", "negative"),
    ("  COD_emitted: 1e-999999 t\n", "D125", "beyond the magnitudes"),
    ("  COD_emitted: 1e999999 t\n", "D125", "beyond the magnitudes"),
    ("  COD_emitted: " + "1" * 60 + " t\n", "D125", "significant digits"),
    ("  COD_emitted: .nan\n", "D120", "needs a number"),
    ("  COD_emitted: nan t\n", "D120", "needs a number"),
    ("  COD_emitted: .inf\n", "D120", "needs a number"),
    ("  COD_emitted: {value: 5, unit: t, uncertainty: nan%}\n", "D124", "uncertainty"),
    ("  COD_emitted: 1:30\n", "D120", "'1:30'"),
    ("  COD_emitted: [5, t]\n", "D120", "got a list"),
    ("  industrial_output: 1,044 亿元\n", "D120", "thousands separator"),
    ("  lawful_setup: \"true\"\n", "D130", "'true'"),
    ("  hightech_share: 120 %\n", "D125", "range 0..100"),
])
def test_bad_figures_are_diagnostics_at_their_position(tmp_path: Path, line: str, code: str, words: str) -> None:
    rc, out = _run("score", _data(tmp_path, line))
    assert rc == 1 and ":3:" in out and f"error[{code}]" in out and words in out, out


def test_a_number_with_more_digits_than_28_is_decided_exactly(tmp_path: Path) -> None:
    # 7.1: 500 > chem_revenue >= 300 -> 2; the 28-digit default context rounded this to 500 (-> 3)
    rc, out = _run("score", _data(tmp_path, "  chem_revenue: 499.99999999999999999999999999999 亿元\n"), "--format", "json")
    card = json.loads(out)
    assert next(i for i in card["indicators"] if i["id"] == "chem_revenue")["points"] == 2


def test_a_computed_share_above_100_percent_is_undefined_not_full_points(tmp_path: Path) -> None:
    rc, out = _run("score", _data(tmp_path, "  hightech_chem_enterprises: 60 家\n  chem_enterprises: 52 家\n"), "--format", "json")
    r = next(i for i in json.loads(out)["indicators"] if i["id"] == "hightech_share")
    assert (r["status"], r["points"]) == ("undefined", 0) and "outside the range 0..100" in r["outcome"]


@pytest.mark.parametrize("option", [["gap", "--target", "nan"], ["gap", "--target", "inf"], ["gap", "--target", "abc"],
                                    ["sensitivity", "--uncertainty", "nan%"], ["sensitivity", "--uncertainty", "-5%"],
                                    ["sensitivity", "--uncertainty", "5"]])
def test_bad_command_line_numbers(tmp_path: Path, option: list[str]) -> None:
    rc, out = _run(option[0], _park(tmp_path, SYNTHETIC), *option[1:])
    assert rc == 1 and "error[E013]" in out


# ---- text that editors hide ------------------------------------------------------------


@pytest.mark.parametrize("char", ["\v", "\x0c", "\u2028", "\x00", "\x85"])
def test_control_characters_in_park_data(tmp_path: Path, char: str) -> None:
    rc, out = _run("score", _park(tmp_path, SYNTHETIC.replace("synthetic example", f"synthetic{char}example")))
    assert rc == 1 and "error[D105]" in out and f"U+{ord(char):04X}" in out and ":9:" in out


@pytest.mark.parametrize("char", ["\v", "\u2028"])
def test_control_characters_in_a_rule_file_comment(tmp_path: Path, char: str) -> None:
    shutil.copytree(STD_2020, tmp_path / "std")
    f = tmp_path / "std" / "3-environment.pks"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("# 环境绩效", f"# 环境{char}绩效", 1), encoding="utf-8")
    rc, out = _run("check", str(tmp_path / "std"))
    assert rc == 1 and "error[E005]" in out and "3-environment.pks:1:" in out
    rc, out = _run("fmt", str(f))
    assert rc == 1 and f.read_text(encoding="utf-8") == text.replace("# 环境绩效", f"# 环境{char}绩效", 1)  # left as it was


def test_a_byte_order_mark_and_crlf_in_rule_files_are_read(tmp_path: Path) -> None:
    shutil.copytree(STD_2020, tmp_path / "std")
    for f in (tmp_path / "std").glob("*.pks"):
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    assert _run("check", str(tmp_path / "std"))[0] == 0


def test_an_unknown_escape_in_a_rule_string_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(STD_2020, tmp_path / "std")
    f = tmp_path / "std" / "1-industry.pks"
    f.write_text(f.read_text(encoding="utf-8").replace('"化工行业主营业务收入"', '"化工行业\\n主营业务收入"', 1), encoding="utf-8")
    rc, out = _run("check", str(tmp_path / "std"))
    assert rc == 1 and "unknown escape '\\n'" in out


def test_a_formula_of_hundreds_of_terms_is_a_diagnostic(tmp_path: Path) -> None:
    shutil.copytree(STD_2020, tmp_path / "std")
    f = tmp_path / "std" / "3-environment.pks"
    long = " + ".join(["COD_emitted"] * 490)
    f.write_text(f.read_text(encoding="utf-8").replace("COD_intensity = COD_emitted / industrial_output",
                                                       f"COD_intensity = ({long}) / industrial_output"), encoding="utf-8")
    rc, out = _run("check", str(tmp_path / "std"))
    assert rc == 1 and "error[E004]" in out


# ---- YAML that must not be taken --------------------------------------------------------


@pytest.mark.parametrize("text, code", [
    ("park: x\ndata: &a\n  lawful_setup: *a\n", "D106"),  # a recursive alias
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
     "park: x\ndata: {}\n", "D106"),  # the start of an alias bomb
    ("park: !!python/object/apply:os.system [echo hi]\ndata: {}\n", "D106"),
    ("park: x\ndata:\n  lawful_setup: " + "[" * 40 + "]" * 40 + "\n", "D106"),
    ("", "D102"),
    ("- a\n", "D102"),
    ("park: x\ndata: {}\n---\npark: y\n", "D101"),
])
def test_yaml_that_park_data_never_needs(tmp_path: Path, text: str, code: str) -> None:
    rc, out = _run("score", _park(tmp_path, text))
    assert rc == 1 and f"error[{code}]" in out


def test_dates_and_odd_numbers_in_context_are_kept_as_written(tmp_path: Path) -> None:
    text = SYNTHETIC + "context:\n  founded: 2003-05-01\n  big: 12345678901234567.891\n  odd: .inf\n  time: 1:30\n"
    rc, out = _run("score", _park(tmp_path, text), "--format", "json")
    assert rc == 0
    assert '"big": 12345678901234567.891' in out
    ctx = json.loads(out)["context"]
    assert ctx["founded"] == "2003-05-01" and ctx["odd"] == ".inf" and ctx["time"] == "1:30"


def test_an_oversized_park_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_text("park: x\ndata: {}\n" + "# padding\n" * 2_200_000, encoding="utf-8")
    rc, out = _run("score", str(f))
    assert rc == 1 and "error[D100]" in out and "larger than" in out


# ---- integrity --------------------------------------------------------------------------


def test_a_quoted_false_does_not_mark_a_park_synthetic(tmp_path: Path) -> None:
    rc, out = _run("score", _park(tmp_path, SYNTHETIC.replace("synthetic: true", 'synthetic: "false"')))
    assert rc == 1 and "error[D130]" in out and "'synthetic'" in out


def test_a_folder_named_like_an_installed_standard_does_not_replace_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "cpcif-green-park@2020"
    shutil.copytree(STD_2020, fake)
    header = fake / "0-standard.pks"
    header.write_text(header.read_text(encoding="utf-8").replace("pass total >= 80", "pass total >= 5"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    park = _park(tmp_path, SYNTHETIC.replace("chem_revenue: 420 亿元", "chem_revenue: 1 亿元"))
    rc, out = _run("score", park, "--standard", "cpcif-green-park@2020")
    assert "warning[W010]" in out and "pass mark 80" in out
    rc, out = _run("score", park, "--standard", "./cpcif-green-park@2020")
    assert "pass mark 5" in out and "W010" not in out


def test_compare_csv_defuses_formulas_and_marks_no_data(tmp_path: Path) -> None:
    park = _park(tmp_path, SYNTHETIC.replace("park: 示例绿色化工园区", 'park: "=HYPERLINK(\\"http://x\\")"')
                 .replace("  chem_revenue: 420 亿元", "  # chem_revenue removed"))
    rc, out = _run("compare", park, "-s", "cpcif-green-park@2020", "-s", "cpcif-green-park@2021-draft", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert all(not r[0].startswith("=") for r in rows[1:]) and rows[1][0].startswith("'=")
    chem = next(r for r in rows if r[1] == "chem_revenue")
    assert chem[-2:] == ["no_data", "no_data"]


def test_a_csv_cell_over_the_field_limit_is_one_positioned_error_and_the_other_rows_are_scored(tmp_path: Path) -> None:
    """Issue 26 D2: an items list of 20,000 names (488 KB) in one cell."""
    import csv

    big = "; ".join(f"公司{i}有限公司" for i in range(20000))
    path = tmp_path / "parks.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["park", "certified_green_factories", "chem_revenue [亿元]"], ["A", "x; y", "120"], ["B", big, "130"],
                                 ["C", "z", "140"]])
    rows = list(parkscore.score_many("cpcif-green-park@2020", path))
    assert [r.card.park if r.card else None for r in rows] == ["A", None, "C"]
    (bad,) = rows[1].diagnostics
    assert bad.code == "D107" and str(bad.span) == f"{path}:A3" and "field limit" in bad.message


def test_an_xlsx_declaring_too_small_a_dimension_is_read_to_its_last_row(tmp_path: Path) -> None:
    """Issue 26 D3: read-only openpyxl trusts <dimension>; a sheet of 40 parks declaring A1:C3 gave 2."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["park", "chem_revenue [亿元]", "lawful_setup"])
    for i in range(40):
        ws.append([f"P{i}", 100 + i, True])
    path = tmp_path / "parks.xlsx"
    wb.save(path)
    lied = tmp_path / "lied.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(lied, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C3"', data)
            dst.writestr(item, data)
    rows = list(parkscore.score_many("cpcif-green-park@2020", lied))
    assert len(rows) == 40 and rows[-1].card is not None and rows[-1].card.park == "P39"


@pytest.mark.parametrize("formula", [" + ".join(["a"] * 1_000_000), "(" * 600 + "a" + ")" * 600],
                         ids=["a million terms", "600 parentheses deep"])
def test_a_huge_formula_is_refused_before_parsing_with_a_short_quote(tmp_path: Path, formula: str) -> None:
    """Issue 26 D5: 78.5 s and 1.7 GB, then an 8 MB diagnostic; now E004 from a linear scan."""
    (tmp_path / "0.pks").write_text('standard "x" version "1"\ntitle "x"\nsource "x"\nstatus "draft"\ntotal 1\n\n'
                                    'input a : kg "a"\n\ncategory c "c" max 1\n\nindicator 1 v "v"\n  unit kg max 1\n'
                                    f'  v = {formula}\n  score v >= 1 -> 1\n  score v < 1 -> 0\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "error[E004]" in result.output
    assert len(result.output) < 2000, "a window of the line is quoted, never the whole line"


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_day_beyond_the_calendar_parkscore_reads_is_an_error_not_an_overflow(on: str) -> None:
    """Issue 26 D6: `status … --on 9999-12-31` was an OverflowError traceback."""
    result = CliRunner().invoke(main, ["status", str(ROOT / "examples" / "histories" / "green-park-roster-2020.yaml"), "--on", on])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"--on '{on}' is not a day from 1900 to 2999" in result.output


def test_an_xlsx_with_an_entity_bomb_is_a_diagnostic_for_score_and_check(tmp_path: Path) -> None:
    """Issue 26 D6: a DTD with nested entities inside a sheet escaped as a ParseError or ValueError."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["park", "chem_revenue [亿元]"])
    ws.append(["A", 100])
    ok, bomb = tmp_path / "ok.xlsx", tmp_path / "bomb.xlsx"
    wb.save(ok)
    dtd = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
    with zipfile.ZipFile(ok) as src, zipfile.ZipFile(bomb, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = dtd + re.sub(rb"^<\?xml[^>]*\?>", b"", data).replace(b"<v>100</v>", b"<v>&lol3;</v>", 1)
            dst.writestr(item, data)
    for command in (["score", str(bomb)], ["check", str(bomb)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and "Traceback" not in result.output and "error[D100]" in result.output, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_markdown_outputs_show_markup_from_data_and_rules_as_text(tmp_path: Path) -> None:
    """Issue 26 D14: a park name or a reading with <script>, <img onerror> or <!-- passed raw into
    Markdown, which a viewer renders as HTML."""
    from parkscore.engine.documents.render import md, scorecard_markdown

    nasty = '<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- hidden'
    card = parkscore.score("cpcif-green-park@2020", {"park": nasty, "period": "<b>2019</b>", "data": {"chem_revenue": "120 亿元"}})
    out = scorecard_markdown(card)
    for raw in ("<script", "<img", "<!--", "<b>"):
        assert raw not in out
    assert "&lt;script>alert(1)&lt;/script>" in out
    assert md("0.005 < x <= 0.1 | R&D") == "0.005 < x <= 0.1 \\| R&D"  # ordinary text stays readable


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    """Issue 26 D9: an .xlsx of 1.48 MB unpacking to 1.5 GB was read (1.5 GB of memory)."""
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["park", "chem_revenue [亿元]"])
    ok, bomb = tmp_path / "ok.xlsx", tmp_path / "bomb.xlsx"
    wb.save(ok)
    with zipfile.ZipFile(ok) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("xl/padding.xml", b"<a>" + b" " * (64 << 20) + b"</a>")  # 64 MiB of spaces: a few dozen KB packed
    assert bomb.stat().st_size < 1 << 20
    for command in (["score", str(bomb)], ["check", str(bomb)], ["import-xlsx", str(bomb), "--against", "cpcif-green-park@2020"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1 and "zip bomb" in result.output and "Traceback" not in result.output, (command, result.output)


def test_unknown_columns_of_a_table_are_said_once_at_the_header_and_the_rows_are_scored(tmp_path: Path) -> None:
    """Issue 26 D8 and 25.10: a diagnostic per unknown column per row (4,000 columns: 41 s, 540 MB;
    W110 once per row, echoing the row). Now once per column, at its header cell."""
    cols = ["park", "chem_revenue [亿元]", "carbon_energy_level"] + [f"unknown_{i}" for i in range(50)]
    rows = [[f"P{r}", "120", "leading"] + ["1"] * 50 for r in range(30)]
    path = tmp_path / "wide.csv"
    path.write_text("\n".join(",".join(r) for r in [cols, *rows]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.count("error[D110]") == 50 and f"{path}:D1: error[D110]: 'unknown_0'" in result.output
    assert result.output.count("warning[W110]") == 1 and "carbon_energy_level" in result.output
    scored = list(parkscore.score_many("cpcif-green-park@2020", path))
    assert [s.row.header for s in scored].count(True) == 1 and sum(s.card is not None for s in scored) == 30


def test_impact_on_a_population_with_an_unreadable_source_says_why_and_exits_1(tmp_path: Path) -> None:
    """A broken upload scored "0 parks, 1 not scored" with exit status 0, and the JSON did not say why."""
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04broken")
    r = CliRunner().invoke(main, ["impact", "cpcif-green-park@2020", "cpcif-green-park@2021-draft", "--parks", str(broken), "--format", "json"])
    assert r.exit_code == 1 and "error[D100]" in r.output
    body = json.loads(r.output[r.output.index("{"):])
    assert body["not_scored"] == 1 and body["errors"][0]["code"] == "D100"
