"""The other shapes of the field's standards, computed by hand: grades, veto, k of n, tiers,
excuses, deductions with a floor, bonus points, cohort ranks and effective dates (the standards
are under tests/shapes and tests/families; goldens under tests/cases/shapes)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import parkscore
from parkscore.dsl.load import in_force

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "tests" / "shapes"


def _score(std: str, data: dict) -> parkscore.Scorecard:  # type: ignore[type-arg]
    return parkscore.score(str(SHAPES / std), data)


@pytest.mark.parametrize("hazards, specials, total, grade, eligible", [
    (0, ("complete", "complete", "none"), 80, "C", True),   # 40 + 20 + 20: grade C (70 <= 80 < 85); 2 of 3 特色
    (0, ("complete", "none", "none"), 70, "C", False),      # 70 is C, but only 1 of 3 特色 met (2 needed)
    (0, ("complete", "complete", "complete"), 90, "D", True),
    (1, ("complete", "complete", "complete"), 50, "A", False),  # a major hazard: 1.1 scores 0, veto
])
def test_grades_veto_and_k_of_n(hazards: int, specials: tuple[str, str, str], total: int, grade: str, eligible: bool) -> None:
    data = {"major_hazard_count": f"{hazards} 项", "rectification": "by_city",
            "smart_platform": specials[0], "closed_management": specials[1], "rescue_base": specials[2]}
    card = _score("safety-grades-v1", data)
    assert (card.total, card.grade, card.eligible) == (Decimal(total), grade, eligible)
    if hazards:
        assert any(r.startswith("veto 1.1") for r in card.reasons)


def test_grade_boundary_and_k_of_n_changed_in_v2() -> None:
    data = {"major_hazard_count": "0 项", "rectification": "by_city", "smart_platform": "complete",
            "closed_management": "complete", "rescue_base": "none"}
    v1, v2 = _score("safety-grades-v1", data), _score("safety-grades-v2", data)
    assert (v1.grade, v2.grade) == ("C", "D")  # 80: C under 70 <= total < 85, D under total >= 80
    assert (v1.eligible, v2.eligible) == (True, False)  # 2 of 3 特色: enough under v1, not under v2 (3 needed)
    assert [c.id for c in parkscore.diff(str(SHAPES / "safety-grades-v1"), str(SHAPES / "safety-grades-v2"))] == ["safety-grades", "special"]


@pytest.mark.parametrize("co2, energy, points, status, eligible", [
    (500, 999, 0, "undefined", False),       # below every tier: no threshold, the veto is not passed
    (2500, 5000, 1, "scored", True),         # 0.5 in the small tier (<= 0.5): met, on the edge
    (25000, 50000, 0, "scored", False),      # 0.5 in the middle tier (<= 0.4): not met, veto
    (30000, 100000, 1, "scored", True),      # exactly 100000 is the large tier (<= 0.3)
])
def test_tiers(co2: int, energy: int, points: int, status: str, eligible: bool) -> None:
    r = _score("tiers", {"CO2_emitted": f"{co2} tCO2", "energy_consumed": f"{energy} tce"})
    assert (r.indicator("T1").points, r.indicator("T1").status.value, r.eligible) == (points, status, eligible)


def test_excused_indicator_is_not_missing() -> None:
    card = _score("tiers", {"CO2_emitted": "2500 tCO2", "energy_consumed": "5000 tce", "reuse_ruled_out": True})
    assert card.indicator("T2").status is parkscore.Status.EXCUSED and "reuse_rate" not in [r.id for r in card.missing]


@pytest.mark.parametrize("violations, awards, safety, bonus, total", [
    (0, 0, 20, 0, 20), (1, 4, 16, 3, 19), (5, 2, 0, 2, 2), (6, 5, 0, 3, 3),
])
def test_deductions_with_a_floor_and_bonus(violations: int, awards: int, safety: int, bonus: int, total: int) -> None:
    data = {"violations": [f"事项{i}" for i in range(violations)], "awards": [f"奖{i}" for i in range(awards)]}
    card = _score("deductions", data)
    assert (card.indicator("1").points, card.indicator("B1").points, card.total) == (safety, bonus, total)
    assert card.max_total == 20  # the bonus comes on top of the declared total


def test_a_total_above_the_declared_total_with_bonus() -> None:
    card = _score("deductions", {"violations": [], "awards": ["甲", "乙"]})
    assert card.total == 22 and card.eligible


def test_cohort_ranks_over_a_table() -> None:
    rows = parkscore.score_table(str(SHAPES / "cohort"), SHAPES / "cohort-parks.csv")
    got = {r["park"].split()[0]: (r["energy_rank.value"], r["energy_rank"]) for r in rows}
    assert got["P01"] == (Decimal(10), Decimal(1))
    assert got["P03"] == (Decimal(30), Decimal(1))      # 前30%, on the edge
    assert got["P07"] == (Decimal(70), Decimal("0.5"))  # 30%–70%, on the edge
    assert got["P08"] == got["P09"] == (Decimal(80), Decimal(0))  # a tie shares the better rank
    assert got["P11"] == (None, Decimal(0))


def test_a_rank_alone_is_no_data() -> None:
    r = _score("cohort", {"energy_consumed": "10 tce", "industrial_output": "100 万元"}).indicator("energy_rank")
    assert r.status is parkscore.Status.NO_DATA and "score a table" in r.outcome


def test_effective_dates_pick_the_version_in_force() -> None:
    family = str(ROOT / "tests" / "families" / "safety-rules")
    assert in_force(family, date(2021, 12, 31)).endswith("v2019")
    assert in_force(family, date(2022, 1, 1)).endswith("v2022")
    with pytest.raises(parkscore.DiagnosticError, match="E016"):
        in_force(family, date(2018, 12, 31))
    with pytest.raises(parkscore.DiagnosticError, match="2 versions"):
        in_force(str(ROOT / "tests" / "families" / "safety-rules-overlap"), date(2022, 3, 1))


def test_a_veto_that_names_a_grade_gives_it_whatever_the_total() -> None:
    # 1.1 not met (a major hazard): 0 + 30 + 30 = 60 would be grade B; `veto grade A` gives A (应急〔2023〕123号's 一票否决)
    data = {"major_hazard_count": "1 项", "rectification": "by_province", "smart_platform": "complete",
            "closed_management": "complete", "rescue_base": "complete"}
    card = _score("safety-grades-v1", data)
    assert (card.total, card.grade, card.eligible) == (Decimal(60), "A", False)
