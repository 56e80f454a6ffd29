"""Band edges and scoring rules of 《绿色化工园区评价导则》(报批稿, 2020), cpcif-green-park@2020.

Every expected number in this file was written by hand from the seed text of the standard
(/work/shared/seed/000_5ee2c4f793eab7d5.txt, table 1 and clauses 7.1-7.37 with tables 2-35),
not from the .pks encoding, so that the tests can catch encoding mistakes.
"""
from __future__ import annotations

from decimal import Context, Decimal

import pytest

from parkscore import load_standard, score
from parkscore.dsl.diagnostics import DiagnosticError
from parkscore.engine.documents.render import schema_json

REF = "cpcif-green-park@2020"


@pytest.fixture(scope="module")
def cs():
    return load_standard(REF)


def result(cs, data, ind):
    return score(cs, data).indicator(ind)


# Inputs that must accompany a directly given value so that the bands are what decides:
#   7.5 (表5): bands only count when 纳入强制清洁生产审核名单的企业全部完成审核并在有效期内;
#   7.10 (表9 注): the exemption is not claimed.
CONTEXT = {
    "cleaner_production_rate": {"mandatory_audits_complete": True},
    "pipe_rack_coverage": {"no_pipe_rack_needed": False},
}

# ---------------------------------------------------------------------------------------------
# 1. Band edges, tables 2, 3, 4, 5, 7, 9, 11-28: on the bound, just inside, just outside,
#    plus one value far on each side. (indicator id, value with unit, expected points)
# ---------------------------------------------------------------------------------------------
BANDS = [
    # 表2 (7.1): ≥500 → 3; 500>x≥300 → 2; 300>x≥100 → 1; <100 → 0
    ("chem_revenue", "0 亿元", 0),
    ("chem_revenue", "500 亿元", 3),
    ("chem_revenue", "500.01 亿元", 3),
    ("chem_revenue", "499.99 亿元", 2),
    ("chem_revenue", "300 亿元", 2),
    ("chem_revenue", "300.01 亿元", 2),
    ("chem_revenue", "299.99 亿元", 1),
    ("chem_revenue", "100 亿元", 1),
    ("chem_revenue", "100.01 亿元", 1),
    ("chem_revenue", "99.99 亿元", 0),
    ("chem_revenue", "10000 亿元", 3),
    # 表3 (7.2): ≥40 → 3; 40>x≥30 → 2; 30>x≥20 → 1; <20 → 0
    ("hightech_share", "0 %", 0),
    ("hightech_share", "40 %", 3),
    ("hightech_share", "40.01 %", 3),
    ("hightech_share", "39.99 %", 2),
    ("hightech_share", "30 %", 2),
    ("hightech_share", "30.01 %", 2),
    ("hightech_share", "29.99 %", 1),
    ("hightech_share", "20 %", 1),
    ("hightech_share", "20.01 %", 1),
    ("hightech_share", "19.99 %", 0),
    ("hightech_share", "100 %", 3),
    # 表4 (7.3): ≥80 → 5; 80>x≥70 → 4; 70>x≥60 → 3; 60>x≥50 → 2; 50>x≥40 → 1; <40 → 0
    ("industry_linkage", "0 %", 0),
    ("industry_linkage", "80 %", 5),
    ("industry_linkage", "80.01 %", 5),
    ("industry_linkage", "79.99 %", 4),
    ("industry_linkage", "70 %", 4),
    ("industry_linkage", "70.01 %", 4),
    ("industry_linkage", "69.99 %", 3),
    ("industry_linkage", "60 %", 3),
    ("industry_linkage", "60.01 %", 3),
    ("industry_linkage", "59.99 %", 2),
    ("industry_linkage", "50 %", 2),
    ("industry_linkage", "50.01 %", 2),
    ("industry_linkage", "49.99 %", 1),
    ("industry_linkage", "40 %", 1),
    ("industry_linkage", "40.01 %", 1),
    ("industry_linkage", "39.99 %", 0),
    ("industry_linkage", "100 %", 5),
    # 表5 (7.5): ≥80 且强制审核企业全部完成 → 3; 80>x≥70 且… → 2; 70>x≥60 且… → 1; <60 或未全部完成 → 0  (flag true here; see 7.5 tests)
    ("cleaner_production_rate", "0 %", 0),
    ("cleaner_production_rate", "80 %", 3),
    ("cleaner_production_rate", "80.01 %", 3),
    ("cleaner_production_rate", "79.99 %", 2),
    ("cleaner_production_rate", "70 %", 2),
    ("cleaner_production_rate", "70.01 %", 2),
    ("cleaner_production_rate", "69.99 %", 1),
    ("cleaner_production_rate", "60 %", 1),
    ("cleaner_production_rate", "60.01 %", 1),
    ("cleaner_production_rate", "59.99 %", 0),
    ("cleaner_production_rate", "100 %", 3),
    # 表7 (7.7): ≥90 → 3; 90>x≥85 → 2; 85>x≥80 → 1; <80 → 0
    ("central_heating_rate", "0 %", 0),
    ("central_heating_rate", "90 %", 3),
    ("central_heating_rate", "90.01 %", 3),
    ("central_heating_rate", "89.99 %", 2),
    ("central_heating_rate", "85 %", 2),
    ("central_heating_rate", "85.01 %", 2),
    ("central_heating_rate", "84.99 %", 1),
    ("central_heating_rate", "80 %", 1),
    ("central_heating_rate", "80.01 %", 1),
    ("central_heating_rate", "79.99 %", 0),
    ("central_heating_rate", "100 %", 3),
    # 表9 (7.10): ≥80 → 3; 80>x≥60 → 2; 60>x≥50 → 1; <50 → 0  (exemption flag false here; see 7.10 tests)
    ("pipe_rack_coverage", "0 %", 0),
    ("pipe_rack_coverage", "80 %", 3),
    ("pipe_rack_coverage", "80.01 %", 3),
    ("pipe_rack_coverage", "79.99 %", 2),
    ("pipe_rack_coverage", "60 %", 2),
    ("pipe_rack_coverage", "60.01 %", 2),
    ("pipe_rack_coverage", "59.99 %", 1),
    ("pipe_rack_coverage", "50 %", 1),
    ("pipe_rack_coverage", "50.01 %", 1),
    ("pipe_rack_coverage", "49.99 %", 0),
    ("pipe_rack_coverage", "100 %", 3),
    # 表11 (7.12): ≥3.5 → 3; 3.5>x≥3.0 → 2; 3.0>x≥2.0 → 1; <2.0 → 0
    ("eco_investment_ratio", "0 %", 0),
    ("eco_investment_ratio", "3.5 %", 3),
    ("eco_investment_ratio", "3.51 %", 3),
    ("eco_investment_ratio", "3.49 %", 2),
    ("eco_investment_ratio", "3.0 %", 2),
    ("eco_investment_ratio", "3.01 %", 2),
    ("eco_investment_ratio", "2.99 %", 1),
    ("eco_investment_ratio", "2.0 %", 1),
    ("eco_investment_ratio", "2.01 %", 1),
    ("eco_investment_ratio", "1.99 %", 0),
    ("eco_investment_ratio", "100 %", 3),
    # 表12 (7.13): ≥80 → 3; 80>x≥75 → 2; 75>x≥70 → 1; <70 → 0
    ("air_quality_rate", "0 %", 0),
    ("air_quality_rate", "80 %", 3),
    ("air_quality_rate", "80.01 %", 3),
    ("air_quality_rate", "79.99 %", 2),
    ("air_quality_rate", "75 %", 2),
    ("air_quality_rate", "75.01 %", 2),
    ("air_quality_rate", "74.99 %", 1),
    ("air_quality_rate", "70 %", 1),
    ("air_quality_rate", "70.01 %", 1),
    ("air_quality_rate", "69.99 %", 0),
    ("air_quality_rate", "100 %", 3),
    # 表13 (7.14): ≥90 → 3; 90>x≥85 → 2; 85>x≥80 → 1; <80 → 0
    ("surface_water_rate", "0 %", 0),
    ("surface_water_rate", "90 %", 3),
    ("surface_water_rate", "90.01 %", 3),
    ("surface_water_rate", "89.99 %", 2),
    ("surface_water_rate", "85 %", 2),
    ("surface_water_rate", "85.01 %", 2),
    ("surface_water_rate", "84.99 %", 1),
    ("surface_water_rate", "80 %", 1),
    ("surface_water_rate", "80.01 %", 1),
    ("surface_water_rate", "79.99 %", 0),
    ("surface_water_rate", "100 %", 3),
    # 表14 (7.15): ≥90 → 3; 90>x≥85 → 2; 85>x≥80 → 1; <80 → 0
    ("groundwater_rate", "0 %", 0),
    ("groundwater_rate", "90 %", 3),
    ("groundwater_rate", "90.01 %", 3),
    ("groundwater_rate", "89.99 %", 2),
    ("groundwater_rate", "85 %", 2),
    ("groundwater_rate", "85.01 %", 2),
    ("groundwater_rate", "84.99 %", 1),
    ("groundwater_rate", "80 %", 1),
    ("groundwater_rate", "80.01 %", 1),
    ("groundwater_rate", "79.99 %", 0),
    ("groundwater_rate", "100 %", 3),
    # 表15 (7.16): ≥90 → 3; 90>x≥85 → 2; 85>x≥80 → 1; <80 → 0
    ("soil_compliance_rate", "0 %", 0),
    ("soil_compliance_rate", "90 %", 3),
    ("soil_compliance_rate", "90.01 %", 3),
    ("soil_compliance_rate", "89.99 %", 2),
    ("soil_compliance_rate", "85 %", 2),
    ("soil_compliance_rate", "85.01 %", 2),
    ("soil_compliance_rate", "84.99 %", 1),
    ("soil_compliance_rate", "80 %", 1),
    ("soil_compliance_rate", "80.01 %", 1),
    ("soil_compliance_rate", "79.99 %", 0),
    ("soil_compliance_rate", "100 %", 3),
    # 表16 (7.17): ≤0.05 → 3; 0.05<x≤0.1 → 2; 0.1<x≤0.15 → 1; >0.15 → 0
    ("COD_intensity", "0 kg/万元", 3),
    ("COD_intensity", "0.05 kg/万元", 3),
    ("COD_intensity", "0.0499 kg/万元", 3),
    ("COD_intensity", "0.0501 kg/万元", 2),
    ("COD_intensity", "0.1 kg/万元", 2),
    ("COD_intensity", "0.0999 kg/万元", 2),
    ("COD_intensity", "0.1001 kg/万元", 1),
    ("COD_intensity", "0.15 kg/万元", 1),
    ("COD_intensity", "0.1499 kg/万元", 1),
    ("COD_intensity", "0.1501 kg/万元", 0),
    ("COD_intensity", "10 kg/万元", 0),
    # 表17 (7.18): ≤0.005 → 3; 0.005<x≤0.01 → 2; 0.01<x≤0.02 → 1; >0.02 → 0
    # ERRATUM: the seed prints the second row as "0.005<x≤0.1 → 2", which would overlap the
    # next row "0.01<x≤0.02 → 1" and make it unreachable; 0.01 is meant (rows step
    # 0.005 / 0.01 / 0.02, table 1 requirement ≤0.02). These rows test the intended reading.
    ("ammonia_intensity", "0 kg/万元", 3),
    ("ammonia_intensity", "0.005 kg/万元", 3),
    ("ammonia_intensity", "0.0049 kg/万元", 3),
    ("ammonia_intensity", "0.0051 kg/万元", 2),
    ("ammonia_intensity", "0.01 kg/万元", 2),
    ("ammonia_intensity", "0.0099 kg/万元", 2),
    ("ammonia_intensity", "0.0101 kg/万元", 1),
    ("ammonia_intensity", "0.02 kg/万元", 1),
    ("ammonia_intensity", "0.0199 kg/万元", 1),
    ("ammonia_intensity", "0.0201 kg/万元", 0),
    ("ammonia_intensity", "10 kg/万元", 0),
    # Erratum check: the printed row "0.005<x≤0.1 → 2" would give 2 for these; the intended
    # reading (0.01<x≤0.02 → 1, >0.02 → 0) gives 1 / 0.
    ("ammonia_intensity", "0.015 kg/万元", 1),
    ("ammonia_intensity", "0.05 kg/万元", 0),
    ("ammonia_intensity", "0.1 kg/万元", 0),
    # 表18 (7.19): ≤0.2 → 3; 0.2<x≤0.35 → 2; 0.35<x≤0.5 → 1; >0.5 → 0
    ("SO2_intensity", "0 kg/万元", 3),
    ("SO2_intensity", "0.2 kg/万元", 3),
    ("SO2_intensity", "0.199 kg/万元", 3),
    ("SO2_intensity", "0.201 kg/万元", 2),
    ("SO2_intensity", "0.35 kg/万元", 2),
    ("SO2_intensity", "0.349 kg/万元", 2),
    ("SO2_intensity", "0.351 kg/万元", 1),
    ("SO2_intensity", "0.5 kg/万元", 1),
    ("SO2_intensity", "0.499 kg/万元", 1),
    ("SO2_intensity", "0.501 kg/万元", 0),
    ("SO2_intensity", "10 kg/万元", 0),
    # 表19 (7.20): ≤0.2 → 3; 0.2<x≤0.35 → 2; 0.35<x≤0.5 → 1; >0.5 → 0
    ("NOx_intensity", "0 kg/万元", 3),
    ("NOx_intensity", "0.2 kg/万元", 3),
    ("NOx_intensity", "0.199 kg/万元", 3),
    ("NOx_intensity", "0.201 kg/万元", 2),
    ("NOx_intensity", "0.35 kg/万元", 2),
    ("NOx_intensity", "0.349 kg/万元", 2),
    ("NOx_intensity", "0.351 kg/万元", 1),
    ("NOx_intensity", "0.5 kg/万元", 1),
    ("NOx_intensity", "0.499 kg/万元", 1),
    ("NOx_intensity", "0.501 kg/万元", 0),
    ("NOx_intensity", "10 kg/万元", 0),
    # 表20 (7.21): ≤1 → 3; 1<x≤5 → 2; 5<x≤10 → 1; >10 → 0
    ("VOCs_intensity", "0 kg/万元", 3),
    ("VOCs_intensity", "1 kg/万元", 3),
    ("VOCs_intensity", "0.99 kg/万元", 3),
    ("VOCs_intensity", "1.01 kg/万元", 2),
    ("VOCs_intensity", "5 kg/万元", 2),
    ("VOCs_intensity", "4.99 kg/万元", 2),
    ("VOCs_intensity", "5.01 kg/万元", 1),
    ("VOCs_intensity", "10 kg/万元", 1),
    ("VOCs_intensity", "9.99 kg/万元", 1),
    ("VOCs_intensity", "10.01 kg/万元", 0),
    ("VOCs_intensity", "100 kg/万元", 0),
    # 表21 (7.22): ≤0.5 → 3; 0.5<x≤1.0 → 2; 1.0<x≤2.0 → 1; >2.0 → 0
    ("energy_intensity", "0 tce/万元", 3),
    ("energy_intensity", "0.5 tce/万元", 3),
    ("energy_intensity", "0.49 tce/万元", 3),
    ("energy_intensity", "0.51 tce/万元", 2),
    ("energy_intensity", "1.0 tce/万元", 2),
    ("energy_intensity", "0.99 tce/万元", 2),
    ("energy_intensity", "1.01 tce/万元", 1),
    ("energy_intensity", "2.0 tce/万元", 1),
    ("energy_intensity", "1.99 tce/万元", 1),
    ("energy_intensity", "2.01 tce/万元", 0),
    ("energy_intensity", "100 tce/万元", 0),
    # 表22 (7.23): ≤5.0 → 3; 5.0<x≤7.5 → 2; 7.5<x≤10.0 → 1; >10.0 → 0
    ("fresh_water_intensity", "0 m3/万元", 3),
    ("fresh_water_intensity", "5.0 m3/万元", 3),
    ("fresh_water_intensity", "4.99 m3/万元", 3),
    ("fresh_water_intensity", "5.01 m3/万元", 2),
    ("fresh_water_intensity", "7.5 m3/万元", 2),
    ("fresh_water_intensity", "7.49 m3/万元", 2),
    ("fresh_water_intensity", "7.51 m3/万元", 1),
    ("fresh_water_intensity", "10.0 m3/万元", 1),
    ("fresh_water_intensity", "9.99 m3/万元", 1),
    ("fresh_water_intensity", "10.01 m3/万元", 0),
    ("fresh_water_intensity", "100 m3/万元", 0),
    # 表23 (7.24): ≥90 → 3; 90>x≥80 → 2; 80>x≥70 → 1; <70 → 0
    ("solid_waste_utilization", "0 %", 0),
    ("solid_waste_utilization", "90 %", 3),
    ("solid_waste_utilization", "90.01 %", 3),
    ("solid_waste_utilization", "89.99 %", 2),
    ("solid_waste_utilization", "80 %", 2),
    ("solid_waste_utilization", "80.01 %", 2),
    ("solid_waste_utilization", "79.99 %", 1),
    ("solid_waste_utilization", "70 %", 1),
    ("solid_waste_utilization", "70.01 %", 1),
    ("solid_waste_utilization", "69.99 %", 0),
    ("solid_waste_utilization", "100 %", 3),
    # 表24 (7.25): ≥95 → 3; 95>x≥92.5 → 2; 92.5>x≥90 → 1; <90 → 0
    ("water_reuse_rate", "0 %", 0),
    ("water_reuse_rate", "95 %", 3),
    ("water_reuse_rate", "95.01 %", 3),
    ("water_reuse_rate", "94.99 %", 2),
    ("water_reuse_rate", "92.5 %", 2),
    ("water_reuse_rate", "92.51 %", 2),
    ("water_reuse_rate", "92.49 %", 1),
    ("water_reuse_rate", "90 %", 1),
    ("water_reuse_rate", "90.01 %", 1),
    ("water_reuse_rate", "89.99 %", 0),
    ("water_reuse_rate", "100 %", 3),
    # 表25 (7.26): ≥10 → 2; <10 → 0
    ("reclaimed_water_rate", "0 %", 0),
    ("reclaimed_water_rate", "10 %", 2),
    ("reclaimed_water_rate", "10.01 %", 2),
    ("reclaimed_water_rate", "9.99 %", 0),
    ("reclaimed_water_rate", "100 %", 2),
    # 表26 (7.27): ≥50 → 3; 50>x≥40 → 2; 40>x≥30 → 1; <30 → 0
    ("land_investment_intensity", "0 亿元/km2", 0),
    ("land_investment_intensity", "50 亿元/km2", 3),
    ("land_investment_intensity", "50.01 亿元/km2", 3),
    ("land_investment_intensity", "49.99 亿元/km2", 2),
    ("land_investment_intensity", "40 亿元/km2", 2),
    ("land_investment_intensity", "40.01 亿元/km2", 2),
    ("land_investment_intensity", "39.99 亿元/km2", 1),
    ("land_investment_intensity", "30 亿元/km2", 1),
    ("land_investment_intensity", "30.01 亿元/km2", 1),
    ("land_investment_intensity", "29.99 亿元/km2", 0),
    ("land_investment_intensity", "1000 亿元/km2", 3),
    # 表27 (7.28): ≥40 → 3; 40>x≥30 → 2; 30>x≥20 → 1; <20 → 0
    ("land_revenue_intensity", "0 亿元/km2", 0),
    ("land_revenue_intensity", "40 亿元/km2", 3),
    ("land_revenue_intensity", "40.01 亿元/km2", 3),
    ("land_revenue_intensity", "39.99 亿元/km2", 2),
    ("land_revenue_intensity", "30 亿元/km2", 2),
    ("land_revenue_intensity", "30.01 亿元/km2", 2),
    ("land_revenue_intensity", "29.99 亿元/km2", 1),
    ("land_revenue_intensity", "20 亿元/km2", 1),
    ("land_revenue_intensity", "20.01 亿元/km2", 1),
    ("land_revenue_intensity", "19.99 亿元/km2", 0),
    ("land_revenue_intensity", "1000 亿元/km2", 3),
    # 表28 (7.29): ≥3.0 → 3; 3>x≥2.0 → 2; 2.0>x≥1.5 → 1; <1.5 → 0
    ("land_tax_intensity", "0 亿元/km2", 0),
    ("land_tax_intensity", "3.0 亿元/km2", 3),
    ("land_tax_intensity", "3.01 亿元/km2", 3),
    ("land_tax_intensity", "2.99 亿元/km2", 2),
    ("land_tax_intensity", "2.0 亿元/km2", 2),
    ("land_tax_intensity", "2.01 亿元/km2", 2),
    ("land_tax_intensity", "1.99 亿元/km2", 1),
    ("land_tax_intensity", "1.5 亿元/km2", 1),
    ("land_tax_intensity", "1.51 亿元/km2", 1),
    ("land_tax_intensity", "1.49 亿元/km2", 0),
    ("land_tax_intensity", "100 亿元/km2", 3),
]


@pytest.mark.parametrize("ind, value, expected", BANDS, ids=[f"{i}={v}" for i, v, _ in BANDS])
def test_band_edges(cs, ind, value, expected):
    r = result(cs, {ind: value, **CONTEXT.get(ind, {})}, ind)
    assert r.status == "scored"
    assert r.points == Decimal(expected), f"{ind} = {value}: expected {expected}, got {r.points} ({r.outcome})"


def test_band_table_covers_every_band_indicator(cs):
    """Every band-scored indicator of the standard has rows above (tables 2-5, 7, 9, 11-28)."""
    band_ids = {i["id"] for i in schema_json(cs)["indicators"] if i["kind"] == "band"}
    assert {i for i, _, _ in BANDS} == band_ids
    assert len(band_ids) == 24


# ---------------------------------------------------------------------------------------------
# 2. 7.5 / 表5: the bands count only when mandatory_audits_complete is true.
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rate, expected", [("100 %", 3), ("80 %", 3), ("75 %", 2), ("60 %", 1), ("59.99 %", 0)])
def test_7_5_flag_true_bands_apply(cs, rate, expected):
    r = result(cs, {"cleaner_production_rate": rate, "mandatory_audits_complete": True}, "cleaner_production_rate")
    assert (r.status, r.points) == ("scored", Decimal(expected))


@pytest.mark.parametrize("rate", ["100 %", "80 %", "70 %", "60 %", "10 %"])
def test_7_5_flag_false_scores_zero(cs, rate):
    # 表5 last row: "…<60, 或纳入强制清洁生产审核名单的企业未全部完成审核并在有效期内 → 0分"
    r = result(cs, {"cleaner_production_rate": rate, "mandatory_audits_complete": False}, "cleaner_production_rate")
    assert (r.status, r.points) == ("scored", Decimal(0))


@pytest.mark.parametrize("rate", ["100 %", "80 %", "50 %"])
def test_7_5_flag_missing_is_no_data(cs, rate):
    r = result(cs, {"cleaner_production_rate": rate}, "cleaner_production_rate")
    assert r.status == "no_data"
    assert r.points == 0
    assert "mandatory_audits_complete" in r.missing


def test_7_5_from_counts(cs):
    # 8 audited of 10 obliged = 80 % -> 3; 7 of 10 = 70 % -> 2
    base = {"audit_obliged_enterprises": "10 家", "mandatory_audits_complete": True}
    r = result(cs, {**base, "audited_enterprises": "8 家"}, "cleaner_production_rate")
    assert (r.status, r.value, r.points) == ("scored", Decimal(80), Decimal(3))
    r = result(cs, {**base, "audited_enterprises": "7 家"}, "cleaner_production_rate")
    assert (r.status, r.value, r.points) == ("scored", Decimal(70), Decimal(2))
    r = result(cs, {**base, "audited_enterprises": "8 家", "mandatory_audits_complete": False}, "cleaner_production_rate")
    assert (r.status, r.points) == ("scored", Decimal(0))


# ---------------------------------------------------------------------------------------------
# 3. 7.10 / 表9 注: "无需公共管廊的化工园区直接得3分".
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("extra", [
    {"pipe_rack_coverage": "0 %"},
    {"pipe_rack_coverage": "49.99 %"},
    {"pipe_rack_coverage": "100 %"},
    {},  # no coverage figure at all
    {"pipe_rack_users": "0 家", "park_enterprises": "0 家"},  # coverage not even computable
    {"pipe_rack_users": "1 家", "park_enterprises": "10 家"},
], ids=["0%", "49.99%", "100%", "no-coverage", "0/0", "1/10"])
def test_7_10_exemption_gives_3(cs, extra):
    r = result(cs, {"no_pipe_rack_needed": True, **extra}, "pipe_rack_coverage")
    assert (r.status, r.points) == ("scored", Decimal(3))


@pytest.mark.parametrize("flag", [False, None], ids=["exemption-false", "exemption-absent"])
@pytest.mark.parametrize("coverage, expected", [("80 %", 3), ("79.99 %", 2), ("60 %", 2), ("50 %", 1), ("49.99 %", 0), ("0 %", 0)])
def test_7_10_without_exemption_bands_apply(cs, flag, coverage, expected):
    data = {"pipe_rack_coverage": coverage}
    if flag is not None:
        data["no_pipe_rack_needed"] = flag
    r = result(cs, data, "pipe_rack_coverage")
    assert (r.status, r.points) == ("scored", Decimal(expected))


def test_7_10_without_exemption_from_counts(cs):
    # 6 of 10 enterprises use the public pipe rack: 60 % -> 2
    r = result(cs, {"no_pipe_rack_needed": False, "pipe_rack_users": "6 家", "park_enterprises": "10 家"}, "pipe_rack_coverage")
    assert (r.status, r.value, r.points) == ("scored", Decimal(60), Decimal(2))


def test_7_10_without_exemption_and_without_data_is_no_data(cs):
    r = result(cs, {"no_pipe_rack_needed": False}, "pipe_rack_coverage")
    assert (r.status, r.points) == ("no_data", Decimal(0))


# ---------------------------------------------------------------------------------------------
# 4. Counts 7.4, 7.9, 7.34: "每提供1项…得1分，总分不超过2分".
# ---------------------------------------------------------------------------------------------
COUNTS = [
    ("green_factories", "certified_green_factories"),
    ("hazardous_waste_capacity", "hazardous_waste_facilities"),
    ("honours", "honour_titles"),
]


@pytest.mark.parametrize("ind, items", COUNTS)
@pytest.mark.parametrize("n, expected", [(0, 0), (1, 1), (2, 2), (3, 2), (5, 2)])
def test_counts_capped_at_2(cs, ind, items, n, expected):
    r = result(cs, {items: [f"项{k}" for k in range(n)]}, ind)
    assert (r.status, r.points) == ("scored", Decimal(expected))


@pytest.mark.parametrize("ind, items", COUNTS)
def test_counts_items_with_sources(cs, ind, items):
    r = result(cs, {items: [{"name": "甲", "source": "佐证1"}, {"name": "乙", "source": "佐证2"}]}, ind)
    assert (r.status, r.points) == ("scored", Decimal(2))


@pytest.mark.parametrize("ind, items", COUNTS)
@pytest.mark.parametrize("listing", [
    ["甲", "甲"],
    ["甲", "乙", "甲"],
    [{"name": "甲", "source": "s1"}, "甲"],
], ids=["twice", "twice-apart", "dict-and-plain"])
def test_counts_duplicate_item_rejected(cs, ind, items, listing):
    with pytest.raises(DiagnosticError):
        score(cs, {items: listing})


@pytest.mark.parametrize("ind, items", COUNTS)
def test_counts_missing_list_is_no_data(cs, ind, items):
    r = result(cs, {}, ind)
    assert (r.status, r.points) == ("no_data", Decimal(0))
    assert items in r.missing


# ---------------------------------------------------------------------------------------------
# 5. Expert-assessed levels, tables 6, 8, 10, 29-35. Level names from `parkscore schema`,
#    mapped to the table rows by their wording (seed row quoted).
# ---------------------------------------------------------------------------------------------
LEVELS = {
    # 表6 工业供水体系
    "water_supply": {
        "complete": 2,  # 建立工业供水体系, 体系相对完整
        "weak": 1,      # 建立工业供水体系, 体系相对较弱
        "none": 0,      # 未建立工业供水体系, 或未配套独立管网
    },
    # 表8 工业废水收集处理体系 (note: there is no 2-point row)
    "wastewater_system": {
        "full": 4,      # 工业废水应收尽收，污水管网明管设置、压力排放，建立专业化工废水集中污水处理厂…
        "central": 3,   # 有集中工业污水处理厂或处理设施（依托骨干企业），污水管网明管设置…
        "basic": 1,     # 有工业污水处理厂或处理设施…，具有配套的收集管网（地下）…
        "none": 0,      # 无集中污水处理厂或处理设施…，或未实现管网覆盖…
    },
    # 表10 环保监测监控体系及应急配套能力
    "env_monitoring": {
        "complete": 3,  # …完善, 实施效果好
        "good": 2,      # …相对完善, 实施效果较好
        "fair": 1,      # …一般, 实施效果一般
        "none": 0,      # 未建立…
    },
    # 表29 项目准入退出机制
    "entry_exit_mechanism": {
        "effective": 2,  # 建立…，配套实施细则与工作机制，效果良好
        "no_rules": 1,   # 建立…，缺乏实施细则与工作机制
        "none": 0,       # 未建立项目准入退出机制
    },
    # 表30 信息公开制度
    "info_disclosure": {
        "established": 1,  # 建立信息公开，且公开渠道稳定…
        "none": 0,         # 未建立信息公开
    },
    # 表31 综合管理信息平台
    "info_platform": {
        "complete": 2,  # 建立…，且绿色管理功能齐全
        "basic": 1,     # 建立…，绿色管理功能一般；或正在[建设]…
        "none": 0,      # 未建立…
    },
    # 表32 绿色发展组织机构
    "green_organization": {
        "sound": 2,   # 建立…，且配置合理
        "flawed": 1,  # 建立…，但配置存在一定的缺陷
        "none": 0,    # 未建立…
    },
    # 表33 产业发展规划
    "industry_plan": {
        "implemented": 2,      # 建立产业发展规划，并积极推动落实
        "not_implemented": 1,  # 建立产业发展规划，但未积极推动落实
        "none": 0,             # 未建立产业发展规划
    },
    # 表34 专业第三方服务机制
    "third_party_services": {
        "established": 1,  # 建立…，有效支撑园区绿色发展
        "none": 0,         # 未建立…
    },
    # 表35 责任关怀
    "responsible_care": {
        "complete": 2,    # 园区承诺践行责任关怀，责任关怀体系完善
        "incomplete": 1,  # 园区承诺践行责任关怀，责任关怀体系不够完善
        "none": 0,        # 园区未承诺践行责任关怀
    },
}
LEVEL_ROWS = [(ind, lv, p) for ind, lvs in LEVELS.items() for lv, p in lvs.items()]


@pytest.mark.parametrize("ind, level, expected", LEVEL_ROWS, ids=[f"{i}={lv}" for i, lv, _ in LEVEL_ROWS])
def test_levels(cs, ind, level, expected):
    r = result(cs, {ind: level}, ind)
    assert (r.status, r.points) == ("scored", Decimal(expected))


@pytest.mark.parametrize("ind, level, expected", LEVEL_ROWS[:3], ids=[f"{i}={lv}" for i, lv, _ in LEVEL_ROWS[:3]])
def test_levels_long_form(cs, ind, level, expected):
    r = result(cs, {ind: {"level": level, "source": "专家现场核实记录"}}, ind)
    assert (r.status, r.points) == ("scored", Decimal(expected))


def test_level_names_match_schema(cs):
    schema = {i["id"]: i for i in schema_json(cs)["indicators"] if i["kind"] == "level"}
    assert set(schema) == set(LEVELS)
    for ind, lvs in LEVELS.items():
        assert {lv["name"]: lv["points"] for lv in schema[ind]["levels"]} == lvs, ind


@pytest.mark.parametrize("ind", sorted(LEVELS))
def test_level_missing_is_no_data_and_unknown_rejected(cs, ind):
    r = result(cs, {}, ind)
    assert (r.status, r.points) == ("no_data", Decimal(0))
    with pytest.raises(DiagnosticError):
        score(cs, {ind: "excellent"})


# ---------------------------------------------------------------------------------------------
# 6. Formula path: raw inputs, unit conversion, division by zero, missing inputs.
# ---------------------------------------------------------------------------------------------
def test_formula_cod_with_yi_yuan(cs):
    # 41200 kg / (1044 亿元 = 10 440 000 万元) = 0.0039463… kg/万元 <= 0.05 -> 3
    r = result(cs, {"COD_emitted": "41200 kg", "industrial_output": "1044 亿元"}, "COD_intensity")
    assert r.status == "scored"
    assert r.value == Context(prec=40).divide(Decimal(41200), Decimal(10440000))  # results carry 40 significant digits
    assert Decimal("0.003946") < r.value < Decimal("0.003947")
    assert r.points == 3


@pytest.mark.parametrize("emitted, expected", [("522000 kg", 3), ("522001 kg", 2), ("522 t", 3), ("1044000 kg", 2), ("1044001 kg", 1)])
def test_formula_cod_on_edge_after_conversion(cs, emitted, expected):
    # 522 000 kg / 10 440 000 万元 = 0.05 exactly -> 3; 1 044 000 kg -> 0.1 exactly -> 2
    r = result(cs, {"COD_emitted": emitted, "industrial_output": "1044 亿元"}, "COD_intensity")
    assert (r.status, r.points) == ("scored", Decimal(expected))


def test_formula_ammonia_erratum_via_formula(cs):
    # 0.5 t = 500 kg over 1 亿元 = 10 000 万元: 0.05 kg/万元 > 0.02 -> 0 (printed "≤0.1" would give 2)
    r = result(cs, {"ammonia_emitted": "0.5 t", "industrial_output": "1 亿元"}, "ammonia_intensity")
    assert (r.status, r.value, r.points) == ("scored", Decimal("0.05"), Decimal(0))


@pytest.mark.parametrize("hightech, total, value, expected", [
    ("8 家", "20 家", Decimal(40), 3),
    ("7 家", "20 家", Decimal(35), 2),
    ("6 家", "20 家", Decimal(30), 2),
    ("4 家", "20 家", Decimal(20), 1),
    ("3 家", "20 家", Decimal(15), 0),
])
def test_formula_7_2_share_from_counts(cs, hightech, total, value, expected):
    r = result(cs, {"hightech_chem_enterprises": hightech, "chem_enterprises": total}, "hightech_share")
    assert (r.status, r.value, r.points) == ("scored", value, Decimal(expected))


def test_formula_7_2_one_third(cs):
    # 1/3 = 33.33…% -> 2
    r = result(cs, {"hightech_chem_enterprises": "1 家", "chem_enterprises": "3 家"}, "hightech_share")
    assert (r.status, r.points) == ("scored", Decimal(2))


def test_formula_7_3_linkage(cs):
    # 4 of 5 linked producers = 80 % -> 5
    r = result(cs, {"linked_chem_producers": "4 家", "chem_producers": "5 家"}, "industry_linkage")
    assert (r.status, r.value, r.points) == ("scored", Decimal(80), Decimal(5))


@pytest.mark.parametrize("utilized, generated, stored, value, expected", [
    # 850 / (900 + 100) = 85 % -> 2 (utilized/generated alone would be 94.4 % -> 3)
    ("850 t", "900 t", "100 t", Decimal(85), 2),
    # 0.09 万吨 = 900 t; 900 / (800 + 200) = 90 % -> 3
    ("0.09 万吨", "800 t", "200 t", Decimal(90), 3),
    # 700 / (700 + 300) = 70 % -> 1 (utilized/generated = 100 % -> 3)
    ("700 t", "700 t", "300 t", Decimal(70), 1),
    # 699 / 1000 = 69.9 % -> 0
    ("699000 kg", "1000 t", "0 t", Decimal("69.9"), 0),
])
def test_formula_7_24_solid_waste(cs, utilized, generated, stored, value, expected):
    r = result(cs, {"solid_waste_utilized": utilized, "solid_waste_generated": generated,
                    "solid_waste_stored_utilized": stored}, "solid_waste_utilization")
    assert (r.status, r.value, r.points) == ("scored", value, Decimal(expected))


@pytest.mark.parametrize("ind, data, value, expected", [
    # 7.27: 120 亿元 / 2 km2 = 60 -> 3
    ("land_investment_intensity", {"fixed_investment": "120 亿元", "developed_land_area": "2 km2"}, Decimal(60), 3),
    # 7.27: 120 亿元 / (3000 亩 = 2 km2, 1 km2 = 1500 亩) = 60 -> 3
    ("land_investment_intensity", {"fixed_investment": "120 亿元", "developed_land_area": "3000 亩"}, Decimal(60), 3),
    # 7.27: 150 亿元 / (4500 亩 = 3 km2) = 50 exactly, on the edge -> 3
    ("land_investment_intensity", {"fixed_investment": "150 亿元", "developed_land_area": "4500 亩"}, Decimal(50), 3),
    # 7.27: 1 200 000 万元 = 120 亿元 / (300 公顷 = 3 km2) = 40 -> 2
    ("land_investment_intensity", {"fixed_investment": "1200000 万元", "developed_land_area": "300 公顷"}, Decimal(40), 2),
    # 7.28: 60 亿元 / 2 平方公里 = 30 -> 2
    ("land_revenue_intensity", {"enterprise_revenue": "60 亿元", "built_project_land_area": "2 平方公里"}, Decimal(30), 2),
    # 7.28: 60 亿元 / (1500 亩 = 1 km2) = 60 -> 3
    ("land_revenue_intensity", {"enterprise_revenue": "60 亿元", "built_project_land_area": "1500 亩"}, Decimal(60), 3),
    # 7.29: 30 000 万元 = 3 亿元 / 1 km2 = 3.0 -> 3
    ("land_tax_intensity", {"enterprise_tax": "30000 万元", "built_project_land_area": "1 km2"}, Decimal(3), 3),
    # 7.29: 3 亿元 / (150 公顷 = 1.5 km2) = 2.0 -> 2
    ("land_tax_intensity", {"enterprise_tax": "3 亿元", "built_project_land_area": "150 公顷"}, Decimal(2), 2),
    # 7.29: 2.25 亿元 / (2250 亩 = 1.5 km2) = 1.5 exactly, on the edge -> 1
    ("land_tax_intensity", {"enterprise_tax": "2.25 亿元", "built_project_land_area": "2250 亩"}, Decimal("1.5"), 1),
    # 7.22: 50 万tce = 500 000 tce / (100 亿元 = 1 000 000 万元) = 0.5 -> 3
    ("energy_intensity", {"energy_consumed": "50 万tce", "industrial_output": "100 亿元"}, Decimal("0.5"), 3),
    # 7.23: 750 万m3 = 7 500 000 m3 / 1 000 000 万元 = 7.5 -> 2
    ("fresh_water_intensity", {"fresh_water_withdrawn": "750 万m3", "industrial_output": "100 亿元"}, Decimal("7.5"), 2),
    # 7.7: 900 GJ = 900 000 MJ / 1 000 000 MJ = 90 % -> 3
    ("central_heating_rate", {"network_heat_supply": "900 GJ", "enterprise_heat_use": "1000000 MJ"}, Decimal(90), 3),
    # 7.12: 35 000 万元 = 3.5 亿元 / 100 亿元 = 3.5 % -> 3
    ("eco_investment_ratio", {"eco_investment_total": "35000 万元", "fixed_investment_total": "100 亿元"}, Decimal("3.5"), 3),
    # 7.13: 292 / 365 = 80 % -> 3; 291 / 365 = 79.73 % -> 2
    ("air_quality_rate", {"air_compliant_days": "292 天", "air_monitored_days": "365 天"}, Decimal(80), 3),
    # 7.25: 925 万吨 / 1000 万吨 = 92.5 % -> 2
    ("water_reuse_rate", {"water_reused": "925 万吨", "water_used_total": "1000 万吨"}, Decimal("92.5"), 2),
    # 7.26: 1 万m3 = 10 000 m3 / 100 000 m3 = 10 % -> 2
    ("reclaimed_water_rate", {"reclaimed_water_reused": "1 万m3", "wastewater_treated": "100000 m3"}, Decimal(10), 2),
])
def test_formula_with_unit_conversion(cs, ind, data, value, expected):
    r = result(cs, data, ind)
    assert r.status == "scored"
    assert r.value == value, f"{ind}: value {r.value}, expected exactly {value}"
    assert r.points == Decimal(expected)


def test_formula_air_just_below(cs):
    # 291 / 365 = 79.726…% -> 2
    r = result(cs, {"air_compliant_days": "291 天", "air_monitored_days": "365 天"}, "air_quality_rate")
    assert (r.status, r.points) == ("scored", Decimal(2))


def test_direct_value_in_other_unit(cs):
    # 7.1: 5 000 000 万元 = 500 亿元 -> 3; 4 999 999 万元 -> 2
    assert result(cs, {"chem_revenue": "5000000 万元"}, "chem_revenue").points == 3
    assert result(cs, {"chem_revenue": "4999999 万元"}, "chem_revenue").points == 2
    assert result(cs, {"chem_revenue": {"value": 500, "unit": "亿元"}}, "chem_revenue").points == 3


def test_direct_value_wins_over_formula(cs):
    r = result(cs, {"COD_intensity": "0.2 kg/万元", "COD_emitted": "1 kg", "industrial_output": "1 亿元"}, "COD_intensity")
    assert (r.value, r.points) == (Decimal("0.2"), Decimal(0))


@pytest.mark.parametrize("ind, data", [
    ("COD_intensity", {"COD_emitted": "41200 kg", "industrial_output": "0 万元"}),
    ("hightech_share", {"hightech_chem_enterprises": "0 家", "chem_enterprises": "0 家"}),
    ("air_quality_rate", {"air_compliant_days": "300 天", "air_monitored_days": "0 天"}),
    ("solid_waste_utilization", {"solid_waste_utilized": "10 t", "solid_waste_generated": "0 t", "solid_waste_stored_utilized": "0 t"}),
    ("land_tax_intensity", {"enterprise_tax": "3 亿元", "built_project_land_area": "0 亩"}),
])
def test_division_by_zero_is_undefined(cs, ind, data):
    r = result(cs, data, ind)
    assert (r.status, r.points) == ("undefined", Decimal(0))


def test_solid_waste_zero_generated_but_stored_is_defined(cs):
    # 50 / (0 + 100) = 50 % -> 0, computable
    r = result(cs, {"solid_waste_utilized": "50 t", "solid_waste_generated": "0 t", "solid_waste_stored_utilized": "100 t"},
               "solid_waste_utilization")
    assert (r.status, r.value, r.points) == ("scored", Decimal(50), Decimal(0))


@pytest.mark.parametrize("ind, data, missing", [
    ("COD_intensity", {"COD_emitted": "41200 kg"}, {"industrial_output"}),
    ("COD_intensity", {"industrial_output": "1044 亿元"}, {"COD_emitted"}),
    ("solid_waste_utilization", {"solid_waste_utilized": "10 t", "solid_waste_generated": "20 t"}, {"solid_waste_stored_utilized"}),
    ("land_investment_intensity", {"fixed_investment": "100 亿元"}, {"developed_land_area"}),
    ("COD_intensity", {"COD_emitted": "41200 kg", "industrial_output": None}, {"industrial_output"}),
])
def test_missing_raw_input_is_no_data(cs, ind, data, missing):
    card = score(cs, data)
    r = card.indicator(ind)
    assert (r.status, r.points) == ("no_data", Decimal(0))
    assert set(r.missing) == missing
    assert r in card.missing


# ---------------------------------------------------------------------------------------------
# 7. Structure, total and eligibility.
# ---------------------------------------------------------------------------------------------
# Table 1: (clause, id, category, max points, scoring table of clause 7.x or None)
STRUCTURE = [
    ("7.1", "chem_revenue", "industry", 3, 2),
    ("7.2", "hightech_share", "industry", 3, 3),
    ("7.3", "industry_linkage", "industry", 5, 4),
    ("7.4", "green_factories", "industry", 2, None),
    ("7.5", "cleaner_production_rate", "industry", 3, 5),
    ("7.6", "water_supply", "infrastructure", 2, 6),
    ("7.7", "central_heating_rate", "infrastructure", 3, 7),
    ("7.8", "wastewater_system", "infrastructure", 4, 8),
    ("7.9", "hazardous_waste_capacity", "infrastructure", 2, None),
    ("7.10", "pipe_rack_coverage", "infrastructure", 3, 9),
    ("7.11", "env_monitoring", "infrastructure", 3, 10),
    ("7.12", "eco_investment_ratio", "environment", 3, 11),
    ("7.13", "air_quality_rate", "environment", 3, 12),
    ("7.14", "surface_water_rate", "environment", 3, 13),
    ("7.15", "groundwater_rate", "environment", 3, 14),
    ("7.16", "soil_compliance_rate", "environment", 3, 15),
    ("7.17", "COD_intensity", "environment", 3, 16),
    ("7.18", "ammonia_intensity", "environment", 3, 17),
    ("7.19", "SO2_intensity", "environment", 3, 18),
    ("7.20", "NOx_intensity", "environment", 3, 19),
    ("7.21", "VOCs_intensity", "environment", 3, 20),
    ("7.22", "energy_intensity", "resources", 3, 21),
    ("7.23", "fresh_water_intensity", "resources", 3, 22),
    ("7.24", "solid_waste_utilization", "resources", 3, 23),
    ("7.25", "water_reuse_rate", "resources", 3, 24),
    ("7.26", "reclaimed_water_rate", "resources", 2, 25),
    ("7.27", "land_investment_intensity", "resources", 3, 26),
    ("7.28", "land_revenue_intensity", "resources", 3, 27),
    ("7.29", "land_tax_intensity", "resources", 3, 28),
    ("7.30", "entry_exit_mechanism", "management", 2, 29),
    ("7.31", "info_disclosure", "management", 1, 30),
    ("7.32", "info_platform", "management", 2, 31),
    ("7.33", "green_organization", "management", 2, 32),
    ("7.34", "honours", "management", 2, None),
    ("7.35", "industry_plan", "management", 2, 33),
    ("7.36", "third_party_services", "management", 1, 34),
    ("7.37", "responsible_care", "management", 2, 35),
]

GATES = ["lawful_setup", "no_major_incidents", "environmental_compliance", "mandatory_audits_conducted",
         "no_obsolete_technology", "safety_env_monitoring", "green_governance"]  # 4(1)-4(7), required
ADVISORY = ["green_buildings"]  # 4(8) 鼓励…


def test_structure(cs):
    card = score(cs, {})
    assert len(card.indicators) == 37
    assert [r.clause for r in card.indicators] == [f"7.{k}" for k in range(1, 38)]
    assert [(r.clause, r.id, r.category, r.max_points) for r in card.indicators] == \
        [(c, i, cat, Decimal(m)) for c, i, cat, m, _ in STRUCTURE]
    assert [(c.id, c.max_points) for c in card.categories] == [
        ("industry", 16), ("infrastructure", 17), ("environment", 30), ("resources", 23), ("management", 14)]
    for c in card.categories:  # each category's indicator maxima add up to the category maximum
        assert sum(r.max_points for r in card.indicators if r.category == c.id) == c.max_points, c.id
    assert card.max_total == 100
    assert card.pass_mark == 80
    assert card.total == 0 and not card.eligible


def test_schema_tables(cs):
    sch = schema_json(cs)
    assert (sch["total"], sch["pass_mark"]) == (100, 80)
    assert [(i["clause"], i["id"], i["table"]) for i in sch["indicators"]] == [(c, i, t) for c, i, _, _, t in STRUCTURE]
    kinds = {i["id"]: i["kind"] for i in sch["indicators"]}
    assert {i for i, k in kinds.items() if k == "count"} == {"green_factories", "hazardous_waste_capacity", "honours"}


def test_gates(cs):
    sch = schema_json(cs)
    required = [g["id"] for g in sch["gates"] if not g["advisory"]]
    advisory = [g["id"] for g in sch["gates"] if g["advisory"]]
    assert required == GATES
    assert ADVISORY[0] in advisory


ALL_GATES = {g: True for g in GATES + ADVISORY}

# Every indicator at its maximum (values chosen well inside the top band).
FULL = {
    # 产业发展 3+3+5+2+3 = 16
    "chem_revenue": "600 亿元", "hightech_share": "50 %", "industry_linkage": "90 %",
    "certified_green_factories": ["甲厂", "乙厂"], "cleaner_production_rate": "90 %", "mandatory_audits_complete": True,
    # 基础设施 2+3+4+2+3+3 = 17
    "water_supply": "complete", "central_heating_rate": "95 %", "wastewater_system": "full",
    "hazardous_waste_facilities": ["焚烧厂", "填埋厂"], "pipe_rack_coverage": "90 %", "no_pipe_rack_needed": False,
    "env_monitoring": "complete",
    # 环境绩效 10 × 3 = 30
    "eco_investment_ratio": "4 %", "air_quality_rate": "85 %", "surface_water_rate": "95 %", "groundwater_rate": "95 %",
    "soil_compliance_rate": "95 %", "COD_intensity": "0.01 kg/万元", "ammonia_intensity": "0.001 kg/万元",
    "SO2_intensity": "0.1 kg/万元", "NOx_intensity": "0.1 kg/万元", "VOCs_intensity": "0.5 kg/万元",
    # 资源利用 3+3+3+3+2+3+3+3 = 23
    "energy_intensity": "0.3 tce/万元", "fresh_water_intensity": "3 m3/万元", "solid_waste_utilization": "95 %",
    "water_reuse_rate": "97 %", "reclaimed_water_rate": "20 %", "land_investment_intensity": "60 亿元/km2",
    "land_revenue_intensity": "50 亿元/km2", "land_tax_intensity": "4 亿元/km2",
    # 园区管理 2+1+2+2+2+2+1+2 = 14
    "entry_exit_mechanism": "effective", "info_disclosure": "established", "info_platform": "complete",
    "green_organization": "sound", "honour_titles": ["循环化改造示范点", "中国化工园区30强"], "industry_plan": "implemented",
    "third_party_services": "established", "responsible_care": "complete",
}

# 80 points exactly: FULL with these changes (points lost in brackets)
P80_CHANGES = {
    "chem_revenue": "350 亿元",                # 表2 500>x≥300 -> 2   (-1)
    "industry_linkage": "45 %",                # 表4 50>x≥40 -> 1     (-4)
    "wastewater_system": "basic",              # 表8 -> 1             (-3)
    "COD_intensity": "0.2 kg/万元",            # 表16 >0.15 -> 0      (-3)
    "VOCs_intensity": "7 kg/万元",             # 表20 5<x≤10 -> 1     (-2)
    "energy_intensity": "0.8 tce/万元",        # 表21 0.5<x≤1.0 -> 2  (-1)
    "reclaimed_water_rate": "9.99 %",          # 表25 <10 -> 0        (-2)
    "land_tax_intensity": "1.6 亿元/km2",      # 表28 2.0>x≥1.5 -> 1  (-2)
    "info_disclosure": "none",                 # 表30 -> 0            (-1)
    "honour_titles": ["生态工业示范园区"],     # 7.34 1 item -> 1     (-1)
}
# categories: 产业发展 2+3+1+2+3 = 11; 基础设施 2+3+1+2+3+3 = 14;
#             环境绩效 3+3+3+3+3+0+3+3+3+1 = 25; 资源利用 2+3+3+3+0+3+3+1 = 18;
#             园区管理 2+0+2+2+1+2+1+2 = 12;   total 11+14+25+18+12 = 80 (= 100 - 20)
P80 = {**FULL, **P80_CHANGES}
# 79: as P80 but 表35 责任关怀体系不够完善 -> 1 (-1): 园区管理 11, total 79
P79 = {**P80, "responsible_care": "incomplete"}


def test_full_park_scores_100_and_is_eligible(cs):
    card = score(cs, {**FULL, **ALL_GATES})
    not_max = [(r.id, r.points, r.max_points) for r in card.indicators if r.points != r.max_points]
    assert not_max == []
    assert card.total == 100
    assert card.eligible and card.reasons == ()


def test_total_exactly_80_is_eligible(cs):
    card = score(cs, {**P80, **ALL_GATES})
    assert [c.points for c in card.categories] == [11, 14, 25, 18, 12]
    assert card.total == 80
    assert card.eligible, card.reasons


def test_total_79_is_not_eligible(cs):
    card = score(cs, {**P79, **ALL_GATES})
    assert [c.points for c in card.categories] == [11, 14, 25, 18, 11]
    assert card.total == 79
    assert not card.eligible
    assert any("79" in reason and "80" in reason for reason in card.reasons)


@pytest.mark.parametrize("gate", GATES)
def test_full_park_with_failed_gate_not_eligible(cs, gate):
    card = score(cs, {**FULL, **ALL_GATES, gate: False})
    assert card.total == 100
    assert not card.eligible
    assert any(gate in reason for reason in card.reasons)


@pytest.mark.parametrize("gate", GATES)
def test_missing_gate_not_eligible_no_data(cs, gate):
    data = {**FULL, **ALL_GATES}
    del data[gate]
    card = score(cs, data)
    assert card.total == 100
    assert not card.eligible
    assert any(gate in reason and "no data" in reason for reason in card.reasons)


@pytest.mark.parametrize("value", [False, None], ids=["false", "missing"])
def test_advisory_gate_does_not_decide(cs, value):
    data = {**P80, **ALL_GATES}
    if value is None:
        del data["green_buildings"]
    else:
        data["green_buildings"] = value
    card = score(cs, data)
    assert card.total == 80
    assert card.eligible, card.reasons
