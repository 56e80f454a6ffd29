"""The front door: ``import parkscore`` gives the whole pipeline, and each concept has one definition."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import parkscore
from parkscore.dsl.codes import CODES, markdown_table

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "examples" / "parks" / "synthetic-complete.yaml"


def test_every_name_in_all_exists() -> None:
    assert len(parkscore.__all__) == len(set(parkscore.__all__))
    for name in parkscore.__all__:
        assert hasattr(parkscore, name), name


def test_the_readme_python_example_runs_as_written(in_repo: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Python API", 1)[1].split("\n\n", 2)[1]
    code = "\n".join(line[4:] for line in block.splitlines())
    assert code.startswith("import parkscore")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["81", "True", "2"]


def test_score_by_objects_paths_and_mappings() -> None:
    std = parkscore.load_standard("cpcif-green-park@2020")
    card = parkscore.score(std, parkscore.load_park(SYNTHETIC))
    assert (card.total, card.eligible) == (Decimal(81), True)
    assert card.indicator("7.17") is card.indicator("COD_intensity")
    assert card.indicator("7.17").status is parkscore.Status.SCORED
    assert parkscore.score("cpcif-green-park@2020", str(SYNTHETIC)).total == 81
    # a mapping written as the YAML data section: 0.05 kg/万元 is on the edge of the 3-point band
    partial = parkscore.score(std, {"COD_emitted": "500 t", "industrial_output": "10000000 万元"})
    assert partial.indicator("7.17").points == 3
    assert partial.indicator("7.18").status is parkscore.Status.NO_DATA
    with pytest.raises(KeyError):
        card.indicator("7.99")


def test_data_errors_raise_one_error_with_every_diagnostic() -> None:
    std = parkscore.load_standard("cpcif-green-park@2020")
    with pytest.raises(parkscore.DiagnosticError) as exc:
        parkscore.score(std, {"COD_emitted": "five t", "industrial_output": "10 apples"})
    assert [d.code for d in exc.value.diagnostics] == ["D120", "D123"]


def test_an_amendment_with_a_dangling_remove_fails_score_as_it_fails_check(in_repo: Path) -> None:
    ref = "tests/cases/multi/dangling_amendment"
    checked = [d.code for d in parkscore.check_standard(ref).diagnostics]
    with pytest.raises(parkscore.DiagnosticError) as exc:
        parkscore.load_standard(ref)
    assert "E501" in checked
    assert [d.code for d in exc.value.diagnostics] == checked


def test_a_trend_indicator_is_not_a_data_key_of_any_standard() -> None:
    std = parkscore.load_standard("climate-leader-park@2020")
    assert "carbon_intensity_trend" not in std.data_keys
    diags = parkscore.check_park(std, {"carbon_intensity_trend": "3 tCO2/万元"})
    assert [d.code for d in diags] == ["D110"]  # not W110 "read by other standards": no standard reads it
    assert "carbon_intensity_by_year" in (diags[0].hint or "")


def test_json_numbers_are_exact_decimals_everywhere() -> None:
    assert parkscore.dumps({"a": Decimal("0.1") + Decimal("0.2"), "b": Decimal("3.00"), "c": [Decimal("1E+2")]}) == \
        '{\n  "a": 0.3,\n  "b": 3,\n  "c": [\n    100\n  ]\n}'
    std = parkscore.load_standard("cpcif-green-park@2020")
    ex = parkscore.explain(std, SYNTHETIC)
    record = parkscore.audit_record(std, SYNTHETIC, ex)
    awards = [e["points"] for e in record["trace"] if e["op"] == "award"]
    assert awards and all(isinstance(p, Decimal) for p in awards)
    assert record["scorecard"]["total"] == ex.card.total == 81


def test_readme_lists_exactly_the_registry_of_codes() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- codes:begin -->\n", 1)[1].split("\n<!-- codes:end -->", 1)[0]
    assert block == markdown_table(), "regenerate with: python -m parkscore.dsl.codes"


def test_every_code_in_the_source_is_registered_and_every_registered_code_is_used() -> None:
    used: set[str] = set()
    for folder in ("dsl", "engine", "parkscore"):
        for f in (ROOT / folder).rglob("*.py"):
            if f.name != "codes.py" and not f.is_relative_to(ROOT / "parkscore" / folder):
                used |= set(re.findall(r'"([EDWLHXS]\d{3})"', f.read_text(encoding="utf-8")))
    assert used - CODES.keys() == set()
    assert CODES.keys() - used == set(), "registered but never reported"


def test_readings_errata_and_illustrative_drafts_are_labelled_in_every_output(in_repo: Path) -> None:
    from click.testing import CliRunner

    from parkscore.cli import main

    run = lambda *a: CliRunner().invoke(main, list(a)).output  # noqa: E731
    park = "examples/parks/synthetic-complete.yaml"
    draft = json.loads(run("score", park, "-s", "cpcif-green-park@2021-draft", "--format", "json"))
    assert draft["illustrative"] is True and "not a CPCIF text" in draft["illustrative_note"]
    assert "6.3(2) 80分以上 is read as including 80 (total >= 80)" in draft["readings"]  # inherited from the base
    base = json.loads(run("score", park, "--format", "json"))
    assert base["illustrative"] is False and base["standard_status"] == "报批稿"
    ammonia = next(i for i in base["indicators"] if i["id"] == "ammonia_intensity")
    assert ammonia["notes"][0]["kind"] == "erratum" and "表17" in ammonia["notes"][0]["text"]
    assert "ILLUSTRATIVE" in run("score", park, "-s", "cpcif-green-park@2021-draft")
    assert "(erratum): 表17" in run("score", park)
    assert "erratum  表17" in run("explain", park, "-i", "7.18")
    assert "errata and readings of ours on indicators" in run("schema")
    assert "reading of ours: the document gives weights but no points" in run("score", park, "-s", "climate-leader-park@2020")
    assert "(adapted; 8 reading(s) of ours)" in run("standards")
    csv_head = run("compare", park, "-s", "cpcif-green-park@2020", "-s", "cpcif-green-park@2021-draft", "--format", "csv").splitlines()[0]
    assert "cpcif-green-park@2021-draft (illustrative)" in csv_head
    assert "## Errata and readings of ours" in run("score", park, "--format", "markdown")


def test_table_1_requirements_and_clause_6_are_recorded(in_repo: Path) -> None:
    from parkscore.engine.documents.render import schema_json

    s = schema_json(parkscore.load_standard("cpcif-green-park@2020"))
    req = {i["clause"]: i["requirement"] for i in s["indicators"]}
    # table 1 of the seed, 指标要求 column
    assert (req["7.1"], req["7.4"], req["7.6"], req["7.8"], req["7.9"], req["7.18"]) == (">= 100", ">= 1", "建立", "建立体系", "/", "<= 0.02")
    assert all(req[c] is not None for c in req), [c for c in req if req[c] is None]
    assert "规模以上化工企业" in s["scope"] and "上一自然年" in s["scope"] and "第三方机构" in s["data_sources"]
    draft = schema_json(parkscore.load_standard("cpcif-green-park@2021-draft"))
    assert draft["scope"] == s["scope"]  # an amendment keeps its base's scope


def test_an_honour_counted_by_our_reading_says_so_where_it_is_counted() -> None:
    """Issue 28.11: 石家庄's 河北省首批省级工业聚集区和循环经济示范园区 (seed 二(三) 一、) counts for 7.34 by a
    reading of ours, carried by the item's note into the trace (explain, the HTML report, audit records)."""
    park = parkscore.load_park(str(ROOT / "examples" / "parks" / "shijiazhuang.yaml"))
    ex = parkscore.explain("cpcif-green-park@2020", park)
    (line,) = [e.message for e in ex.events if e.subject == "honours" and e.message.startswith("honour_titles:")]
    assert "河北省首批省级工业聚集区和循环经济示范园区 (reading of ours: counted as a 省部级 honour in 绿色发展" in line
    assert ex.card.indicator("honours").points == 2


def test_eligible_says_what_the_guideline_means_by_it() -> None:
    """Issue 28.12: 6.3(2) says a park of 80 points or more 可参加绿色化工园区评选 (may enter the selection),
    not that it is a green park: every output of the 2020 guideline says so beside its ELIGIBLE."""
    card = parkscore.score("cpcif-green-park@2020", parkscore.load_park(str(ROOT / "examples" / "parks" / "synthetic-complete.yaml")))
    table = parkscore.api.render.scorecard_table(card)
    assert card.eligible and "ELIGIBLE" in table and "可参加绿色化工园区评选: the park may enter the selection" in table


def test_zero_carbon_basic_conditions_decide_eligibility() -> None:
    """Issue 28.10: 附件1 基本条件 (../shared/sources/zero-carbon-park-2025.md, "Basic conditions to apply")
    are gates A1(1)–(4): a park that fails one, or does not say, is not eligible, whatever its points."""
    park = yaml.safe_load((ROOT / "examples" / "zero-carbon" / "synthetic-pass.yaml").read_text(encoding="utf-8"))
    assert parkscore.score("zero-carbon-park@2025", park).eligible
    park["data"]["provincial_zone"] = False
    del park["data"]["clear_boundary"]
    card = parkscore.score("zero-carbon-park@2025", park)
    assert card.eligible is False
    assert "basic requirement A1(1) provincial_zone: failed" in card.reasons and "basic requirement A1(2) clear_boundary: no data" in card.reasons
