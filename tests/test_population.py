"""Populations of parks: tables in (CSV, XLSX, Parquet, DataFrames) and out, batch scoring that
keeps going past a bad row, and a draft's impact on all of them."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

import parkscore
from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["park", "period", "COD_emitted [t]", "industrial_output [万元]", "chem_revenue [亿元]", "lawful_setup", "water_supply",
          "hazardous_waste_facilities", "carbon_intensity_by_year@2018 [tCO2/万元]", "carbon_intensity_by_year@2019 [tCO2/万元]"]
# by hand: 7.17 COD 520 000 kg / 10 400 000 万元 = 0.05 kg/万元, on the edge of the 3-point band;
# 7.1 420 亿元: 500 > x >= 300 -> 2; 7.6 complete -> 2; 7.9 two facilities -> 2 (1 per item, up to 2)
GOOD = ["甲园区", "2019", 520, 10400000, 420, "true", "complete", "A公司; B公司", 1.5, 1.4]
BAD = ["乙园区", "2019", -3, 6800000, "", "yes", "compleet", "", "", ""]
ALSO_GOOD = ["丙园区", "2019", "1044 t", 10440000, 600, "否", "weak", "C公司", "", ""]  # 1044 t / 1044 万 万元 = 0.1 -> 2


def _rows(rows: list[list[object]]) -> list[list[object]]:
    return [HEADER, *rows]


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(_rows(rows))
    return path


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "园区数据"
    for r in _rows(rows):
        ws.append([None if c == "" else c for c in r])
    wb.save(path)
    return path


def _check_points(card: parkscore.Scorecard) -> None:
    assert card.indicator("7.17").points == 3 and card.indicator("7.17").value == Decimal("0.05")
    assert card.indicator("7.1").points == 2
    assert card.indicator("7.6").points == 2
    assert card.indicator("7.9").points == 2
    assert card.gate("4(1)").status == "pass"


def test_csv_rows_score_like_yaml_and_a_bad_row_does_not_stop_the_good_ones(tmp_path: Path) -> None:
    f = _csv(tmp_path / "parks.csv", [GOOD, BAD, ALSO_GOOD])
    scored = list(parkscore.score_many("cpcif-green-park@2020", f))
    assert [s.card is not None for s in scored] == [True, False, True]
    _check_points(scored[0].card)  # type: ignore[arg-type]
    assert scored[2].card is not None and scored[2].card.indicator("7.17").points == 2
    assert scored[2].card.gate("4(1)").status == "fail"
    bad = scored[1]
    assert [(str(d.span), d.code) for d in bad.diagnostics] == [(f"{f}:C3", "D125"), (f"{f}:G3", "D140")]


def test_xlsx_bad_cell_is_reported_by_sheet_and_cell(tmp_path: Path) -> None:
    f = _xlsx(tmp_path / "parks.xlsx", [GOOD, BAD, ALSO_GOOD])
    result = CliRunner().invoke(main, ["score", str(f)])
    assert result.exit_code == 1
    assert f"{f}:园区数据!C3: error[D125]: 'COD_emitted' is -3000 kg, negative" in result.output
    assert f"{f}:园区数据!G3: error[D140]: 'compleet' is not a level of 'water_supply'" in result.output
    assert "3 park(s): 2 scored" in result.output
    card = next(parkscore.score_many("cpcif-green-park@2020", f)).card
    assert card is not None
    _check_points(card)


def test_parquet_and_dataframes(tmp_path: Path) -> None:
    frame = pd.DataFrame([GOOD[:8]], columns=HEADER[:8])
    frame["COD_emitted [t]"] = frame["COD_emitted [t]"].astype("int64")
    f = tmp_path / "parks.parquet"
    pq.write_table(pa.Table.from_pandas(frame), f)
    for source in (f, frame):
        (s,) = list(parkscore.score_many("cpcif-green-park@2020", source))
        assert s.card is not None, s.diagnostics
        _check_points(s.card)
    out = parkscore.score_table("cpcif-green-park@2020", frame)
    assert isinstance(out, pd.DataFrame)
    assert out.loc[0, "COD_intensity"] == Decimal(3) and out.loc[0, "park"] == "甲园区"  # typed: exact numbers


def test_score_table_rows_carry_points_values_and_missing(tmp_path: Path) -> None:
    rows = parkscore.score_table("cpcif-green-park@2020", _csv(tmp_path / "p.csv", [GOOD, BAD]))
    good, bad = rows
    assert good["COD_intensity"] == 3 and good["COD_intensity.value"] == Decimal("0.05")
    assert "hightech_share" in good["missing"].split(";") and good["hightech_share.value"] is None
    assert bad["status"] == "error" and "D125" in bad["errors"]


def test_score_many_files_and_directories_stream_as_csv_and_jsonl(tmp_path: Path) -> None:
    parks = ROOT / "examples" / "parks"
    result = CliRunner().invoke(main, ["score", str(parks), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output.split("\n4 park(s)")[0])))
    assert len(rows) == 4 and {r["park"] for r in rows} >= {"示例绿色化工园区", "东营港经济开发区"}
    synthetic = next(r for r in rows if r["park"] == "示例绿色化工园区")
    assert synthetic["total"] == "81" and synthetic["eligible"] == "True"
    result = CliRunner().invoke(main, ["score", *map(str, sorted(parks.glob("*.yaml"))), "--format", "jsonl"])
    cards = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [c["schema"] for c in cards] == ["parkscore.scorecard/1"] * 4


def test_a_table_without_a_park_column_or_with_a_bad_header(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("name,COD_emitted [t\nx,5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(f)])
    assert result.exit_code == 1 and "error[D102]" in result.output and "error[D103]" in result.output


def test_impact_of_the_draft_on_a_population(tmp_path: Path) -> None:
    f = _csv(tmp_path / "parks.csv", [GOOD, BAD, ALSO_GOOD])
    rep = parkscore.impact("cpcif-green-park@2020", "cpcif-green-park@2021-draft", f, ROOT / "examples" / "parks")
    assert (rep.parks, rep.not_scored) == (6, 1)
    assert (rep.old_eligible, rep.new_eligible) == (1, 1)  # the synthetic park: 81 -> 80, still eligible
    honours = rep.indicators["honours"]  # 2 points for 1+ honours in 2020, 1 in the draft (every example park has some)
    assert honours.parks_changed == 4 and honours.total_change == -4
    result = CliRunner().invoke(main, ["impact", "cpcif-green-park@2020", "cpcif-green-park@2021-draft", "--parks", str(f),
                                       "--format", "json"])
    out = json.loads(result.output[result.output.index("{"):])
    assert out["schema"] == "parkscore.impact/1" and out["parks"] == 2 and out["not_scored"] == 1


def test_the_generator_makes_a_population_with_flips_in_both_directions(tmp_path: Path) -> None:
    import runpy

    gen = runpy.run_path(str(ROOT / "bench" / "generate.py"))
    f = tmp_path / "pop.csv"
    gen["generate"](300, f, 1, ["cpcif-green-park@2020", "cpcif-green-park@2021-draft"])
    rep = parkscore.impact("cpcif-green-park@2020", "cpcif-green-park@2021-draft", f)
    assert rep.parks == 300 and rep.not_scored == 0
    assert any(fl.becomes for fl in rep.flips) and any(not fl.becomes for fl in rep.flips)
    for fl in rep.flips:  # a flip is explained by the indicators that moved, and they add up to the change
        assert sum((d for _, d in fl.drivers), Decimal(0)) == fl.new_total - fl.old_total


def test_score_many_in_processes_gives_the_serial_results_in_order(tmp_path: Path) -> None:
    """score --jobs: a population over a window (256) is spread over processes; the scorecards,
    their order and the errors are those of one process."""
    import shutil

    examples = sorted((ROOT / "examples" / "parks").glob("*.yaml"))
    for i in range(300):
        shutil.copy(examples[i % len(examples)], tmp_path / f"p{i:03d}.yaml")
    (tmp_path / "p150.yaml").write_text("park: broken\ndata: [\n", encoding="utf-8")
    sources = (tmp_path, ROOT / "examples" / "tables" / "synthetic-25.csv")
    serial = list(parkscore.score_many("cpcif-green-park@2020", *sources, jobs=1))
    spread = list(parkscore.score_many("cpcif-green-park@2020", *sources, jobs=2))
    assert len(serial) == len(spread) == 325
    assert [s.row.where for s in spread] == [s.row.where for s in serial]
    assert [s.card for s in spread] == [s.card for s in serial]
    assert [[d.code for d in s.diagnostics] for s in spread] == [[d.code for d in s.diagnostics] for s in serial]
    assert sum(s.card is None for s in spread) == 1
