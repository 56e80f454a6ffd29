"""气候领袖园区 (seed 三(一)): the bullet "近三年来，园区的碳排放和(或)能效水平保持了持续改善" is one
criterion (A1.2, 0 or 3) met by carbon or energy improvement over three consecutive years."""
from __future__ import annotations

from decimal import Decimal
from decimal import Decimal as D
from typing import Any

import pytest

import parkscore


def _series(unit: str, *values: Decimal | int) -> dict[str, Any]:
    return {"unit": unit, "by_year": {2017 + i: v for i, v in enumerate(values)}}


CARBON_DOWN = {"carbon_intensity_by_year": _series("tCO2/万元", D("0.9"), D("0.8"), D("0.7"))}
CARBON_FLAT = {"carbon_intensity_by_year": _series("tCO2/万元", D("0.9"), D("0.9"), D("0.7"))}
ENERGY_DOWN = {"energy_intensity_by_year": _series("tce/万元", D("0.6"), D("0.5"), D("0.4"))}
ENERGY_TWO_YEARS = {"energy_intensity_by_year": _series("tce/万元", D("0.6"), D("0.5"))}
SAVED_UP = {"energy_saved_by_year": _series("tce", 100, 200, 300)}
REDUCTION_FLAT = {"carbon_reduction_by_year": _series("tCO2", 300, 200, 100)}
ENERGY_FLAT = {"energy_intensity_by_year": _series("tce/万元", D("0.4"), D("0.5"), D("0.6"))}
SAVED_FLAT = {"energy_saved_by_year": _series("tce", 300, 300, 300)}


@pytest.mark.parametrize("data, points, status", [
    (CARBON_DOWN, 3, "scored"),                              # carbon improves: met
    ({**CARBON_FLAT, **ENERGY_DOWN}, 3, "scored"),           # carbon does not, energy does: met ("和(或)")
    ({**CARBON_FLAT, **SAVED_UP}, 3, "scored"),              # energy saved grows each year: met
    ({**CARBON_FLAT, **ENERGY_TWO_YEARS}, 0, "no_data"),     # nothing met, and energy lacks a third year: no data
    ({**CARBON_FLAT, **REDUCTION_FLAT, **ENERGY_FLAT, **SAVED_FLAT}, 0, "scored"),  # all four complete, none met
    ({}, 0, "no_data"),
])
def test_a1_2_is_one_criterion_met_by_carbon_or_energy(data: dict[str, Any], points: int, status: str) -> None:
    r = parkscore.score("climate-leader-park@2020", data).indicator("A1.2")
    assert (r.points, r.status.value) == (Decimal(points), status)
    assert r.max_points == 3


def test_advancement_has_eleven_criteria_of_three_points() -> None:
    cs = parkscore.load_standard("climate-leader-park@2020")
    cat = next(c for c in cs.std.categories if c.id == "advancement")
    assert len(cat.indicators) == 11 and cat.max_points == 33  # A1.1, A1.2, A2.1-2, A3.1, A4.1, A5.1-5


def test_a1_2_reads_the_three_years_ending_with_the_evaluation_period() -> None:
    """Issue 28.4 (seed 678: "2017-2019年…近三年来保持持续增长"): a park with period 2019 and a 2020
    figure scored 0/3 (2018-2020 were read); the three years are those ending with its period."""
    later = {"carbon_intensity_by_year": {"unit": "tCO2/万元", "by_year": {2017: D("0.9"), 2018: D("0.8"), 2019: D("0.7"), 2020: D("0.95")}}}
    with_period = {"park": "p", "period": "2019", "data": later}
    without_2020 = {"park": "p", "period": "2019", "data": {**CARBON_DOWN}}
    assert parkscore.score("climate-leader-park@2020", with_period).indicator("A1.2").points == 3
    assert parkscore.score("climate-leader-park@2020", without_2020).indicator("A1.2").points == 3
    assert parkscore.score("climate-leader-park@2020", {"park": "p", "period": "2020", "data": later}).indicator("A1.2").points == 0
    card = parkscore.score("climate-leader-park@2020", with_period)
    assert any("three years ending with the park's evaluation period" in r for r in card.readings)


def test_the_choices_of_ours_are_readings_shown_with_the_scores() -> None:
    """Issue 28.9, against the seed: the column head 不同类型的化工园区可选择适用指标 (seed 677), the level
    wordings, the last table page (709–714), 注1 (718: GB/T 39217-2020 governs the 先进性 criteria) and 注2
    (720: 培育期) are readings of ours, printed with every scorecard, not only comments in the rule file."""
    cs = parkscore.load_standard("climate-leader-park@2020")
    readings = " ".join(cs.std.header.readings)
    for words in ("不同类型的化工园区可选择适用指标", "level wordings (领先 / 先进 / 一般 / 未体现) are ours", "the table's last page",
                  "注1: the 先进性 criteria are defined and computed by GB/T 39217-2020", "注2: 未来成长性 is assessed after a 培育期"):
        assert words in readings
    card = parkscore.score(cs, {})
    table = parkscore.api.render.scorecard_table(card)
    assert table.count("reading of ours") >= len(cs.std.header.readings) == 8


def test_the_weighted_total_row_says_it_is_weighted() -> None:
    """Issue 28.12: the climate-leader 表1 prints 合计 100 under subtotals that sum to 84 (seed 三(一)): the
    document says the 100 is the weighted total."""
    doc = parkscore.api.render_standard("climate-leader-park@2020")
    md = parkscore.api.render.document_markdown(doc)
    assert "| **合计（按权重折算；各小计之和为 84）** | | | | | **100** |" in md
    assert "合计（按权重折算；各小计之和为 84）" in parkscore.api.render.standard_html(doc)
