"""The benchmark's anchors, written by hand for cpcif-green-park@2020 (tables 2-35 of the guideline):

* ``points_2020``: a straight-line Decimal function of the 37 scoring tables, as a programmer would
  write it without parkscore (no trace, no scorecard, no positions): the floor that ``evaluate``
  is measured against;
* ``load_2020``: a park file read with libyaml's C loader and converted to the standard's units
  by hand: the floor of file -> scorecard.

They serve timing only; the tests check the engine against the guideline's tables, not these.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

import yaml

D = Decimal
HUNDRED = D(100)
GATES = ("lawful_setup", "no_major_incidents", "environmental_compliance", "mandatory_audits_conducted",
         "no_obsolete_technology", "safety_env_monitoring", "green_governance")


def _pct(f: Mapping[str, Any], key: str, num: str, den: str) -> D | None:
    if key in f:
        return f[key]
    if num not in f or den not in f or not f[den]:
        return None
    return f[num] / f[den] * HUNDRED


def _per(f: Mapping[str, Any], key: str, num: str, den: str) -> D | None:
    if key in f:
        return f[key]
    if num not in f or den not in f or not f[den]:
        return None
    return f[num] / f[den]


def _four(v: D | None, a: D, b: D, c: D, top: int = 3) -> int:
    """Higher is better: >= a top, >= b top-1, >= c top-2, else 0."""
    if v is None:
        return 0
    return top if v >= a else top - 1 if v >= b else top - 2 if v >= c else 0


def _low(v: D | None, a: D, b: D, c: D) -> int:
    """Lower is better: <= a 3, <= b 2, <= c 1, else 0."""
    if v is None:
        return 0
    return 3 if v <= a else 2 if v <= b else 1 if v <= c else 0


def _level(f: Mapping[str, Any], key: str, pts: Mapping[str, int]) -> int:
    return pts.get(f.get(key, ""), 0)


def _count(f: Mapping[str, Any], key: str) -> int:
    return min(len(f.get(key, ())), 2)


def points_2020(f: Mapping[str, Any]) -> tuple[D, bool]:
    """The total and the verdict of cpcif-green-park@2020 from plain values in the standard's units."""
    p = 0
    p += _four(f.get("chem_revenue"), D(500), D(300), D(100))
    p += _four(_pct(f, "hightech_share", "hightech_chem_enterprises", "chem_enterprises"), D(40), D(30), D(20))
    v = _pct(f, "industry_linkage", "linked_chem_producers", "chem_producers")
    p += 0 if v is None else 5 if v >= 80 else 4 if v >= 70 else 3 if v >= 60 else 2 if v >= 50 else 1 if v >= 40 else 0
    p += _count(f, "certified_green_factories")
    v = _pct(f, "cleaner_production_rate", "audited_enterprises", "audit_obliged_enterprises")
    p += _four(v, D(80), D(70), D(60)) if f.get("mandatory_audits_complete") else 0
    p += _level(f, "water_supply", {"complete": 2, "weak": 1})
    p += _four(_pct(f, "central_heating_rate", "network_heat_supply", "enterprise_heat_use"), D(90), D(85), D(80))
    p += _level(f, "wastewater_system", {"full": 4, "central": 3, "basic": 1})
    p += _count(f, "hazardous_waste_facilities")
    p += 3 if f.get("no_pipe_rack_needed") else _four(_pct(f, "pipe_rack_coverage", "pipe_rack_users", "park_enterprises"), D(80), D(60), D(50))
    p += _level(f, "env_monitoring", {"complete": 3, "good": 2, "fair": 1})
    p += _four(_pct(f, "eco_investment_ratio", "eco_investment_total", "fixed_investment_total"), D("3.5"), D("3.0"), D("2.0"))
    p += _four(_pct(f, "air_quality_rate", "air_compliant_days", "air_monitored_days"), D(80), D(75), D(70))
    p += _four(_pct(f, "surface_water_rate", "surface_water_compliant_days", "surface_water_monitored_days"), D(90), D(85), D(80))
    p += _four(_pct(f, "groundwater_rate", "groundwater_compliant_tests", "groundwater_tests"), D(90), D(85), D(80))
    p += _four(_pct(f, "soil_compliance_rate", "soil_compliant_tests", "soil_tests"), D(90), D(85), D(80))
    p += _low(_per(f, "COD_intensity", "COD_emitted", "industrial_output"), D("0.05"), D("0.1"), D("0.15"))
    p += _low(_per(f, "ammonia_intensity", "ammonia_emitted", "industrial_output"), D("0.005"), D("0.01"), D("0.02"))
    p += _low(_per(f, "SO2_intensity", "SO2_emitted", "industrial_output"), D("0.2"), D("0.35"), D("0.5"))
    p += _low(_per(f, "NOx_intensity", "NOx_emitted", "industrial_output"), D("0.2"), D("0.35"), D("0.5"))
    p += _low(_per(f, "VOCs_intensity", "VOCs_emitted", "industrial_output"), D(1), D(5), D(10))
    p += _low(_per(f, "energy_intensity", "energy_consumed", "industrial_output"), D("0.5"), D("1.0"), D("2.0"))
    p += _low(_per(f, "fresh_water_intensity", "fresh_water_withdrawn", "industrial_output"), D("5.0"), D("7.5"), D("10.0"))
    v = f.get("solid_waste_utilization")
    if v is None and {"solid_waste_utilized", "solid_waste_generated", "solid_waste_stored_utilized"} <= f.keys():
        whole = f["solid_waste_generated"] + f["solid_waste_stored_utilized"]
        v = f["solid_waste_utilized"] / whole * HUNDRED if whole else None
    p += _four(v, D(90), D(80), D(70))
    p += _four(_pct(f, "water_reuse_rate", "water_reused", "water_used_total"), D(95), D("92.5"), D(90))
    v = _pct(f, "reclaimed_water_rate", "reclaimed_water_reused", "wastewater_treated")
    p += 2 if v is not None and v >= 10 else 0
    p += _four(_per(f, "land_investment_intensity", "fixed_investment", "developed_land_area"), D(50), D(40), D(30))
    p += _four(_per(f, "land_revenue_intensity", "enterprise_revenue", "built_project_land_area"), D(40), D(30), D(20))
    p += _four(_per(f, "land_tax_intensity", "enterprise_tax", "built_project_land_area"), D("3.0"), D("2.0"), D("1.5"))
    p += _level(f, "entry_exit_mechanism", {"effective": 2, "no_rules": 1})
    p += _level(f, "info_disclosure", {"established": 1})
    p += _level(f, "info_platform", {"complete": 2, "basic": 1})
    p += _level(f, "green_organization", {"sound": 2, "flawed": 1})
    p += _count(f, "honour_titles")
    p += _level(f, "industry_plan", {"implemented": 2, "not_implemented": 1})
    p += _level(f, "third_party_services", {"established": 1})
    p += _level(f, "responsible_care", {"complete": 2, "incomplete": 1})
    total = D(p)
    return total, total >= 80 and all(f.get(g) is True for g in GATES)


# units to a base per dimension (万元, kg, tce, m3, MJ), and the standard's unit of each converted key
_TO = {"亿元": D(10000), "万元": D(1), "t": D(1000), "kg": D(1), "万t": D(10**7), "万吨": D(10**7), "万tce": D(10000),
       "tce": D(1), "万m3": D(10000), "m3": D(1), "GJ": D(1000), "MJ": D(1)}
_STD = {**dict.fromkeys(("chem_revenue", "eco_investment_total", "fixed_investment_total", "fixed_investment",
                         "enterprise_revenue", "enterprise_tax"), "亿元"),
        "industrial_output": "万元", "energy_consumed": "tce", "water_reused": "万吨", "water_used_total": "万吨",
        **dict.fromkeys(("COD_emitted", "ammonia_emitted", "SO2_emitted", "NOx_emitted", "VOCs_emitted"), "kg"),
        **dict.fromkeys(("solid_waste_utilized", "solid_waste_generated", "solid_waste_stored_utilized"), "t"),
        **dict.fromkeys(("fresh_water_withdrawn", "reclaimed_water_reused", "wastewater_treated"), "m3"),
        **dict.fromkeys(("network_heat_supply", "enterprise_heat_use"), "MJ")}


def load_2020(path: str) -> dict[str, Any]:
    """A park file as plain values in the standard's units: libyaml's C loader, then units by hand."""
    with open(path, encoding="utf-8") as fh:
        doc = yaml.load(fh, Loader=yaml.CSafeLoader)
    return read_2020(doc["data"])


def read_2020(data: Mapping[str, Any]) -> dict[str, Any]:
    """A park's ``data`` mapping (as YAML gives it) as plain values in the standard's units."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            v = v.get("level", v.get("value", v.get("items")))
        if isinstance(v, list):
            out[k] = tuple(v)
        elif isinstance(v, str) and " " in v:
            num, unit = v.split(" ", 1)
            out[k] = D(num) * _TO.get(unit, D(1)) / _TO.get(_STD.get(k, unit), D(1)) if k in _STD else D(num)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            out[k] = D(str(v))
        else:
            out[k] = v
    return out
