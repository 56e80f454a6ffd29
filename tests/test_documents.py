"""Documents and workbooks: the xlsx round trip of a standard, the data-collection form, and the
HTML reports opened in headless Chromium (installed by .ci/run from Debian packages)."""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import parkscore
from parkscore.api import import_workbook, render_standard
from parkscore.cli import main
from parkscore.engine.documents.workbook import META, standard_xlsx

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("book") / "2020.xlsx"
    standard_xlsx(render_standard("cpcif-green-park@2020"), p)
    return p


def _row(ws, ind: str, **cells: object) -> int:  # type: ignore[no-untyped-def]
    """The row of indicator ``ind`` whose cells equal ``cells`` (by header name)."""
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        values = {h: c.value for h, c in zip(head, row)}
        if values["id"] == ind and all(str(values[k]) == str(v) for k, v in cells.items()):
            return row[0].row
    raise AssertionError(f"no row {ind} {cells}")


def test_workbook_has_every_band_and_level_and_a_hidden_fingerprint(book: Path) -> None:
    wb = load_workbook(book)
    assert wb.sheetnames == ["表1", "产业发展", "基础设施", "环境绩效", "资源利用", "园区管理", META]
    assert wb[META].sheet_state == "hidden"
    assert wb["表1"].max_row == 38  # header + 37 indicators
    cs = parkscore.load_standard("cpcif-green-park@2020")
    rules = sum(len(i.rules_of(parkscore.dsl.ast.Band)) + len(i.rules_of(parkscore.dsl.ast.Level)) for i in cs.std.indicators)
    rows = sum(sum(1 for r in wb[s].iter_rows(min_row=2, values_only=True) if r[2] in ("band", "level")) for s in wb.sheetnames[1:-1])
    assert rows == rules


def test_round_trip_unedited_is_no_change(book: Path) -> None:
    imported, changes = import_workbook(book, "cpcif-green-park@2020")
    assert imported.fingerprint_matches and imported.edits == () and changes == []


def test_round_trip_one_threshold_names_exactly_that_band(book: Path, tmp_path: Path) -> None:
    # 7.12 eco_investment_ratio: the 3-point band ≥ 3.5 becomes ≥ 4 (and the 2-point band's upper bound with it)
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    top = _row(ws, "eco_investment_ratio", points=3)
    second = _row(ws, "eco_investment_ratio", points=2)
    ws[f"F{top}"] = 4
    ws[f"H{second}"] = 4
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    imported, changes = import_workbook(edited, "cpcif-green-park@2020")
    assert [c.id for c in changes] == ["eco_investment_ratio"] and changes[0].kind == "thresholds"
    assert "[3.5, +∞) → 3" in changes[0].detail and "[4, +∞) → 3" in changes[0].detail
    assert len(imported.edits) == 2
    r = CliRunner().invoke(main, ["import-xlsx", str(edited), "--against", "cpcif-green-park@2020", "--write", str(tmp_path / "v")])
    assert r.exit_code == 0, r.output
    written = tmp_path / "v" / "0-edited.pks"
    assert 'amends "cpcif-green-park@2020"' in written.read_text(encoding="utf-8")
    draft = parkscore.load_standard(str(tmp_path / "v"))
    assert parkscore.score(draft, {"eco_investment_total": "3.6 亿元", "fixed_investment_total": "100 亿元"}).indicator("7.12").points == 2
    # never over existing rule files
    r = CliRunner().invoke(main, ["import-xlsx", str(edited), "--against", "cpcif-green-park@2020", "--write", str(tmp_path / "v")])
    assert r.exit_code != 0 and "E015" in r.output and written.read_text(encoding="utf-8").count("override") == 1


def test_one_cell_edit_moves_the_adjacent_bound_too(book: Path, tmp_path: Path) -> None:
    # the committee member's edit: 7.17's first bound 0.05 -> 0.04 in one cell; the 2-point band's
    # lower bound is a formula on it (=H22), so the draft has no gap
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    first, second = _row(ws, "COD_intensity", points=3), _row(ws, "COD_intensity", points=2)
    assert ws[f"F{second}"].value == f"=H{first}" and ws[f"H{second}"].value == 0.1
    top, next_ = _row(ws, "soil_compliance_rate", points=3), _row(ws, "soil_compliance_rate", points=2)
    assert ws[f"H{next_}"].value == f"=F{top}"  # a falling table: the upper bound follows the band above
    ws[f"H{first}"] = 0.04
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)  # openpyxl stores no results of formulas: the reader follows =H22 itself
    r = CliRunner().invoke(main, ["import-xlsx", str(edited), "--against", "cpcif-green-park@2020"])
    assert r.exit_code == 0, r.output
    assert f"环境绩效!{first}: 7.17 COD_intensity: score COD_intensity <= 0.05 -> 3  →  score COD_intensity <= 0.04 -> 3" in r.output
    assert f"环境绩效!{second}: 7.17 COD_intensity: score 0.05 < COD_intensity <= 0.1 -> 2  →  score 0.04 < COD_intensity <= 0.1 -> 2" in r.output
    assert "(-∞, 0.04] → 3; (0.04, 0.1] → 2" in r.output


def test_a_gap_is_told_at_the_cell_edited_with_the_cell_to_move(book: Path, tmp_path: Path) -> None:
    # a workbook rendered before bounds were linked, or a formula overwritten: 0.04 typed in H22 only
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    first, second = _row(ws, "COD_intensity", points=3), _row(ws, "COD_intensity", points=2)
    ws[f"H{first}"], ws[f"F{second}"] = 0.04, 0.05
    edited = tmp_path / "gap.xlsx"
    wb.save(edited)
    r = CliRunner().invoke(main, ["import-xlsx", str(edited), "--against", "cpcif-green-park@2020"])
    assert r.exit_code == 1
    assert r.output.startswith(f"{edited}:环境绩效!H{first}: error[E302]: no band of 'COD_intensity' covers (0.04, 0.05]\n"), r.output
    assert "| ≤ | 0.04 | 3 |" in r.output  # the row as read, a caret under the cell
    assert (f"hint: write 0.04 in 环境绩效!F{second} (the lower bound of row {second}), "
            f"or 0.05 in 环境绩效!H{first} (the upper bound of row {first})") in r.output
    assert "tmp" not in r.output.replace(str(edited), "")  # no temporary file the person never saw


def test_round_trip_bad_cells_are_positioned(book: Path, tmp_path: Path) -> None:
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    row = _row(ws, "COD_intensity", points=3)
    ws[f"I{row}"] = "three"
    ws[f"G{row}"] = "=<"
    edited = tmp_path / "bad.xlsx"
    wb.save(edited)
    with pytest.raises(parkscore.DiagnosticError) as exc:
        import_workbook(edited, "cpcif-green-park@2020")
    text = str(exc.value)
    assert f"bad.xlsx:环境绩效!I{row}" in text and "X102" in text and "'three' is not a number" in text
    assert f"bad.xlsx:环境绩效!G{row}" in text and "X103" in text


def test_round_trip_overlap_is_reported_by_the_checker(book: Path, tmp_path: Path) -> None:
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    ws[f"H{_row(ws, 'COD_intensity', points=3)}"] = Decimal("0.2")  # ≤ 0.2 overlaps the 2- and 1-point bands
    edited = tmp_path / "overlap.xlsx"
    wb.save(edited)
    with pytest.raises(parkscore.DiagnosticError) as exc:
        import_workbook(edited, "cpcif-green-park@2020")
    assert "E301" in str(exc.value)


def test_data_collection_form_filled_and_scored(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    r = CliRunner().invoke(main, ["template", "--standard", "cpcif-green-park@2020", "--out", str(form)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(form)
    ws = wb["data"]
    ws["B1"], ws["B2"] = "填报示例园区", "2019"
    fill = {"chem_revenue": (420, None), "industrial_output": (680, "亿元"), "COD_emitted": (340, "t"), "water_supply": ("complete", None),
            "certified_green_factories": ("甲工厂; 乙工厂; 丙工厂", None), "lawful_setup": (True, None)}
    for row in ws.iter_rows(min_row=4):
        if row[0].value in fill:
            value, unit = fill[row[0].value]
            row[5].value = value
            if unit:
                row[2].value = unit
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    card = parkscore.score("cpcif-green-park@2020", parkscore.load_park(filled))
    # 340 t / 680 亿元 = 340 000 kg / 6 800 000 万元 = 0.05 kg/万元: on the edge, 3 points
    assert card.park == "填报示例园区" and card.period == "2019"
    assert (card.indicator("7.17").points, card.indicator("7.1").points, card.indicator("7.4").points, card.indicator("7.6").points) == (3, 2, 2, 2)
    assert card.indicator("7.2").status is parkscore.Status.NO_DATA
    # a bad cell is reported by its cell, as YAML data would be by line
    for row in ws.iter_rows(min_row=4):
        if row[0].value == "ammonia_emitted":
            row[5].value, bad_row = "四十一", row[0].row
    wb.save(filled)
    r = CliRunner().invoke(main, ["score", str(filled)])
    assert r.exit_code != 0 and f"filled.xlsx:data!F{bad_row}" in r.output and "D12" in r.output


def test_the_form_offers_only_what_can_be_filled_accepts_its_wordings_and_refuses_an_empty_form(tmp_path: Path) -> None:
    """Issue 25.5: count indicators offered as rows that fail when filled (D160); levels only as
    English codes; an empty form scored as a park named after the file."""
    form = tmp_path / "form.xlsx"
    assert CliRunner().invoke(main, ["template", "--standard", "cpcif-green-park@2020", "--out", str(form)]).exit_code == 0
    wb = load_workbook(form)
    ws = wb["data"]
    keys = [row[0].value for row in ws.iter_rows(min_row=4)]
    assert not {"green_factories", "honours", "hazardous_waste_capacity"} & set(keys)
    assert {"certified_green_factories", "honour_titles", "hazardous_waste_facilities"} <= set(keys)
    water = next(row for row in ws.iter_rows(min_row=4) if row[0].value == "water_supply")
    assert "complete = 建立工业供水体系，体系相对完整" in water[4].value  # the wording the standard gives each level
    empty = CliRunner().invoke(main, ["score", str(form)])
    assert empty.exit_code == 1 and "form.xlsx:data!B1: error[D102]: the form names no park and gives no figure" in empty.output
    ws["B1"] = "措辞园区"
    water[5].value = "建立工业供水体系，体系相对较弱"
    wb.save(form)
    card = parkscore.score("cpcif-green-park@2020", parkscore.load_park(form))
    assert card.indicator("7.6").outcome == "level weak" and card.indicator("7.6").points == 1


# ---- HTML in a browser --------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_browser = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="no Chromium here (.ci/run installs it)")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "CI installs Debian's chromium (see .ci/run)"
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args],
                          capture_output=True, text=True, timeout=120)


def _png_stats(path: Path) -> tuple[int, int, int]:
    """(width, height, number of distinct grey levels): a blank page has one."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    width = height = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return width, height, len(set(raw[::7]))


@needs_browser
@pytest.mark.slow
def test_scorecard_html_in_chromium(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["score", str(ROOT / "examples/parks/synthetic-complete.yaml"), "--format", "html"])
    assert r.exit_code == 0
    page = tmp_path / "card.html"
    page.write_text(r.output, encoding="utf-8")
    assert "http://" not in r.output and "https://" not in r.output and "<script" not in r.output  # self-contained
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    assert re.search(r'id="verdict"[^>]*>ELIGIBLE', dom)
    assert len(re.findall(r'<tr class="indicator" data-id=', dom)) == 37
    shot = tmp_path / "card.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri())
    width, height, levels = _png_stats(shot)
    assert (width, height) == (1280, 1600) and levels > 8  # something is drawn, not a blank page


@needs_browser
@pytest.mark.slow
def test_chinese_renders_with_a_cjk_font_not_tofu(tmp_path: Path) -> None:
    # the page declares a CJK font stack; the machine must have a font covering the characters
    # (fontconfig lists it for zh), else Chromium would draw tofu boxes
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no CJK font installed (.ci/run installs fonts-noto-cjk)"
    html = CliRunner().invoke(main, ["render", "cpcif-green-park@2020", "--format", "html"]).output
    declared = re.search(r"font-family: ([^;]+);", html)
    assert declared is not None
    families = [f.strip().strip('"') for f in declared.group(1).split(",")]
    assert any(f in fonts for f in families[:-1]), f"none of {families} is installed: {fonts[:200]}"
    page = tmp_path / "std.html"
    page.write_text(html, encoding="utf-8")
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    assert "表1 评价指标体系" in dom and dom.count("<section class=\"indicator\"") == 37


def test_import_refuses_what_is_not_a_standard_workbook(tmp_path: Path, book: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    form = tmp_path / "form.xlsx"
    CliRunner().invoke(main, ["template", "--out", str(form)])
    for path, words in ((fake, "cannot read"), (form, "data-collection form")):
        r = CliRunner().invoke(main, ["import-xlsx", str(path), "--against", "cpcif-green-park@2020"])
        assert r.exit_code == 1 and "X100" in r.output and words in r.output, r.output


def test_import_refuses_a_duplicated_band_row_and_an_edited_clause(book: Path, tmp_path: Path) -> None:
    """Issue 26 D13: a copied band row silently won; an edited clause cell was ignored."""
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    row = _row(ws, "COD_intensity", points=3)
    copy = ws.max_row + 1
    for col in range(1, 12):
        ws.cell(copy, col, ws.cell(row, col).value)
    ws.cell(copy, 9, 1)  # the copy gives 1 point instead of 3
    other = _row(ws, "ammonia_intensity", points=3)
    ws[f"A{other}"] = "7.99"
    edited = tmp_path / "dup.xlsx"
    wb.save(edited)
    with pytest.raises(parkscore.DiagnosticError) as exc:
        import_workbook(edited, "cpcif-green-park@2020")
    text = str(exc.value)
    assert f"dup.xlsx:环境绩效!K{copy}" in text and f"repeats the rule of 环境绩效!{row}" in text
    assert f"dup.xlsx:环境绩效!A{other}" in text and "the clause of row" in text and "X104" in text


def test_a_rendered_draft_says_what_it_amends_and_workbooks_print_on_one_page_width(tmp_path: Path) -> None:
    """Issue 25.10: a rendered draft did not say what it amends; workbooks had no print setup."""
    text = CliRunner().invoke(main, ["render", "cpcif-green-park@2021-draft"]).output
    assert "Amends `cpcif-green-park@2020`: this document is that version with the amendments applied." in text
    out = tmp_path / "s.xlsx"
    assert CliRunner().invoke(main, ["render", "cpcif-green-park@2020", "--format", "xlsx", "--out", str(out)]).exit_code == 0
    for ws in load_workbook(out).worksheets[:-1]:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"


def test_import_reads_its_standard_from_the_workbook_and_says_what_it_does_not_read(book: Path, tmp_path: Path) -> None:
    """Issue 25.10: --against is optional; an edit of the generated 指标 column is refused, not ignored;
    a bound that is not a number is one error, not two."""
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    first, second = _row(ws, "COD_intensity", points=3), _row(ws, "COD_intensity", points=2)
    ws[f"D{second}"] = "我改了这个文字"
    ws[f"I{first}"] = "abc"
    edited = tmp_path / "words.xlsx"
    wb.save(edited)
    r = CliRunner().invoke(main, ["import-xlsx", str(edited)])  # no --against: the workbook names cpcif-green-park@2020
    assert r.exit_code == 1
    assert f"words.xlsx:环境绩效!D{second}: error[X104]: row {second}'s 指标 column is written from the rule; an edit there is not read" in r.output
    assert r.output.count("error[") == 2 and f"!I{first}: error[X102]: 'abc' is not a number" in r.output
    r = CliRunner().invoke(main, ["import-xlsx", str(book)])
    assert r.exit_code == 0 and "says what cpcif-green-park@2020 says" in r.output


def test_import_tells_the_first_hundred_errors_and_counts_the_rest(book: Path, tmp_path: Path) -> None:
    """Issue 26 D9: a sheet of 200,000 copied rows was 200,000 errors held and printed (1.3 GB); the
    first 100 are told at their cells, the rest counted by code."""
    wb = load_workbook(book)
    ws = wb["环境绩效"]
    row = [ws.cell(2, col).value for col in range(1, 12)]
    for _ in range(150):
        ws.append(row)
    edited = tmp_path / "copies.xlsx"
    wb.save(edited)
    with pytest.raises(parkscore.DiagnosticError) as exc:
        import_workbook(edited, "cpcif-green-park@2020")
    diags = exc.value.diagnostics
    assert len(diags) == 101 and sum("repeats the rule of 环境绩效!2" in d.message for d in diags) == 100
    assert any(d.code == "X104" and d.message == "… and 50 more X104 error(s) in this workbook, not shown" for d in diags)
