"""Versions side by side: amendments resolve, diffs are semantic, compare deltas add up."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

import parkscore
from parkscore import compare, installed_standards, load_park, load_standard
from parkscore.dsl.diff import diff

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = installed_standards()
PARKS = sorted((ROOT / "examples" / "parks").glob("*.yaml"))


def test_shipped_versions() -> None:
    assert {"cpcif-green-park@2020", "cpcif-green-park@2021-draft", "climate-leader-park@2020"} <= set(SHIPPED)


@pytest.mark.parametrize("ref", SHIPPED)
def test_diff_with_itself_is_empty(ref: str) -> None:
    std = load_standard(ref).std
    assert diff(std, std) == []


def test_diff_ignores_layout_and_order(tmp_path: Path) -> None:
    src = ROOT / "standards" / "cpcif-green-park" / "2020"
    dst = tmp_path / "v"
    shutil.copytree(src, dst)
    env = dst / "3-environment.pks"
    text = env.read_text(encoding="utf-8")
    # swap the order of two bands and re-indent: same meaning
    text = text.replace("  score COD_intensity <= 0.05 -> 3\n  score 0.05 < COD_intensity <= 0.1 -> 2\n",
                        "      score 0.05 < COD_intensity <= 0.1   ->   2\n  score COD_intensity<=0.05 -> 3\n")
    env.write_text(text, encoding="utf-8")
    # and merge two files into one, in the other order
    (dst / "9-merged.pks").write_text((dst / "5-management.pks").read_text(encoding="utf-8") + "\n"
                                      + (dst / "4-resources.pks").read_text(encoding="utf-8"), encoding="utf-8")
    (dst / "4-resources.pks").unlink()
    (dst / "5-management.pks").unlink()
    a = load_standard("cpcif-green-park@2020").std
    b = load_standard(str(dst)).std
    assert diff(a, b) == []


def test_draft_is_an_amendment_whose_total_stays_100() -> None:
    draft = load_standard("cpcif-green-park@2021-draft").std
    assert draft.header.amends == "cpcif-green-park@2020"
    assert draft.header.status == "draft"
    assert sum((c.max_points for c in draft.categories), Decimal(0)) == 100
    # unchanged rules keep pointing at the base's files, changed ones at the draft's
    assert draft.indicator("COD_intensity").span.file.startswith("standards/cpcif-green-park/2020/")
    assert draft.indicator("ammonia_intensity").span.file.startswith("standards/cpcif-green-park/2021-draft/")
    kinds = {(c.kind, c.id) for c in diff(load_standard("cpcif-green-park@2020").std, draft)}
    assert ("wording", "ammonia_intensity") in kinds
    assert ("added", "carbon_intensity") in kinds and ("added", "carbon_intensity_trend") in kinds


@pytest.mark.parametrize("park", PARKS, ids=[p.stem for p in PARKS])
def test_compare_deltas_add_up(park: Path) -> None:
    stds = [load_standard("cpcif-green-park@2020"), load_standard("cpcif-green-park@2021-draft")]
    (result,) = compare([load_park(park)], stds)
    deltas = sum(((pts[-1] or Decimal(0)) - (pts[0] or Decimal(0)) for _, _, _, pts, _ in result.rows()), Decimal(0))
    assert deltas == result.cards[1].total - result.cards[0].total
    assert result.flips == (result.cards[0].eligible != result.cards[1].eligible)
    (ranked,) = compare([load_park(park)], stds[:1] + [load_standard("climate-leader-park@2020")])
    assert not ranked.flips  # a ranking-only standard (no pass mark) cannot flip eligibility


def test_an_eligibility_flip_is_called_out(tmp_path: Path) -> None:
    # the synthetic park loses one point on 7.37 (unchanged by the draft): 80 under 2020, 79 under the draft
    text = (ROOT / "examples" / "parks" / "synthetic-complete.yaml").read_text(encoding="utf-8")
    assert "responsible_care: {level: incomplete" in text
    park = tmp_path / "flip.yaml"
    park.write_text(text.replace("responsible_care: {level: incomplete", "responsible_care: {level: none"), encoding="utf-8")
    from click.testing import CliRunner

    from parkscore.cli import main

    result = CliRunner().invoke(main, ["compare", str(park), "-s", "cpcif-green-park@2020", "-s", "cpcif-green-park@2021-draft"])
    assert result.exit_code == 0, result.output
    assert "80 (eligible)" in result.output and "79 (not eligible)" in result.output
    assert "FLIPS" in result.output and "eligibility flips: eligible → not eligible" in result.output


def test_as_of_on_the_shipped_families() -> None:
    """Issue 25.9: --as-of could not be tried on anything shipped. zero-carbon-park@2025 takes
    effect on the notice's issue (2025-06-30, a labelled reading); the guideline's sources give no
    day, and --as-of says so in one line."""
    from click.testing import CliRunner

    from parkscore.cli import main

    park = str(ROOT / "examples" / "zero-carbon" / "synthetic-pass.yaml")
    ok = CliRunner().invoke(main, ["score", park, "-s", "zero-carbon-park", "--as-of", "2025-09-01"])
    assert ok.exit_code == 0 and "in force on 2025-09-01: zero-carbon-park@2025" in ok.output
    card = parkscore.score("zero-carbon-park@2025", park)
    assert any("in force from the notice's issue, 2025-06-30" in r for r in card.readings)
    before = CliRunner().invoke(main, ["score", park, "-s", "zero-carbon-park", "--as-of", "2025-01-01"])
    assert before.exit_code == 1 and "zero-carbon-park@2025: 2025-06-30 to no end" in before.output
    none = CliRunner().invoke(main, ["score", str(ROOT / "examples" / "parks" / "shangyu.yaml"), "-s", "cpcif-green-park", "--as-of", "2021-01-01"])
    assert none.exit_code == 1 and "no version of 'cpcif-green-park' states the day it takes effect" in none.output
