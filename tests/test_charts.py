"""Charts: each drawn from the result object its table prints, so the numbers drawn are the
table's (checked in the SVG's text); SVG and PNG written by --charts; the impact report opened in
headless Chromium with its charts drawn."""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import parkscore
from parkscore.api import render as out
from parkscore.cli import main
from parkscore.dsl.numbers import show

from .test_documents import _chromium, _png_stats, needs_browser

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "examples" / "tables" / "synthetic-25.csv"
OLD, NEW = "cpcif-green-park@2020", "cpcif-green-park@2021-draft"


def _texts(svg: str) -> list[str]:
    """What an SVG says, in its <text> elements (matplotlib keeps text as text: svg.fonttype none)."""
    return [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@pytest.fixture(scope="module")
def impact() -> parkscore.api.population.ImpactReport:  # type: ignore[name-defined]
    return parkscore.api.impact(OLD, NEW, TABLE)


def test_impact_charts_draw_the_numbers_of_the_impact_table(impact: object) -> None:
    rep = impact
    data = out.impact_json(rep)  # what --format json (and the table) say
    totals, flips, per_indicator = out.impact_charts(rep, rep.pass_mark)
    # totals: parks per 10-point bin under each version, empty bins kept, the pass mark drawn at 80
    dist = {(d["from"], d["old"], d["new"]) for d in data["distribution"]} if "distribution" in data else None
    assert [sum(s.values) for s in totals.series] == [Decimal(rep.parks), Decimal(rep.parks)]
    assert totals.series[0].values == tuple(Decimal(rep.old_totals.get(Decimal(int(lbl.split("–")[0])), 0)) for lbl in totals.labels)
    assert totals.line is not None and totals.line[1] == "pass mark 80"
    assert dist is None or len(dist) <= len(totals.labels)
    # the flip matrix: stays eligible, gains, loses, stays not eligible
    gains = sum(1 for f in rep.flips if f.becomes)
    loses = len(rep.flips) - gains
    assert [s.values for s in flips.series] == [(rep.old_eligible - loses, gains), (loses, rep.parks - rep.old_eligible - gains)]
    assert data["eligible"] == {OLD: rep.old_eligible, NEW: rep.new_eligible}
    assert rep.old_eligible - loses + gains == rep.new_eligible
    # the mean change per indicator, as the table's "mean change" column rounds it
    table = {row[1]: Decimal(row[3]) for row in out.impact_csv_rows(rep)[1:]}
    for label, value in zip(per_indicator.labels, per_indicator.series[0].values):
        assert abs(table[label.split()[1]] - value) < Decimal("0.001")
    for chart in (totals, flips, per_indicator):
        drawn = _texts(out.chart_svg(chart))
        assert chart.title in drawn
        assert Counter(chart.numbers()) - Counter(drawn) == Counter(), f"{chart.id}: numbers not drawn"


def test_scorecard_compare_sensitivity_and_population_charts_match_their_tables() -> None:
    park = parkscore.load_park(str(ROOT / "examples/parks/synthetic-complete.yaml"))
    card = parkscore.score(OLD, park)
    cats, total, inds = out.scorecard_charts(card)
    assert cats.labels == tuple(c.title for c in card.categories) and cats.series[0].values == tuple(c.points for c in card.categories)
    assert total.series[0].values == (card.total,) and total.line == (Decimal(80), "pass mark 80")
    assert len(inds.labels) == 37 and sum(inds.series[0].values) == card.total
    (result,) = parkscore.compare([park], [OLD, NEW])
    totals, by_category = out.compare_charts(result, [OLD, NEW])
    assert [s.values[0] for s in totals.series] == [c.total for c in result.cards]
    assert [sum(s.values) for s in by_category.series] == [c.total for c in result.cards]
    rep = parkscore.sensitivity(OLD, park, Decimal("0.1"), runs=200, seed=1)
    tornado = out.sensitivity_charts(rep)[0]
    assert tornado.labels == tuple(f"{s.clause} {s.id}" for s in rep.sensitive[:15])
    rows = parkscore.score_table(OLD, TABLE)
    dist, verdicts = out.population_charts(rows, OLD, Decimal(80))
    assert sum(dist.series[0].values) == len(rows) == 25
    assert dict(zip(verdicts.labels, verdicts.series[0].values))["eligible"] == sum(1 for r in rows if r["eligible"])
    for chart in (cats, total, totals, tornado, dist):
        assert Counter(chart.numbers()) - Counter(_texts(out.chart_svg(chart))) == Counter(), chart.id


def test_charts_option_writes_svg_and_png_and_never_replaces_a_file(tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    r = CliRunner().invoke(main, ["impact", OLD, NEW, "--parks", str(TABLE), "--charts", str(charts)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in charts.iterdir()) == sorted(f"impact-{k}.{e}" for k in ("totals", "flips", "indicators") for e in ("svg", "png"))
    width, height, levels = _png_stats(charts / "impact-totals.png")
    assert width > 300 and height > 200 and levels > 4  # drawn, not blank
    assert "<svg" in (charts / "impact-flips.svg").read_text(encoding="utf-8")
    before = (charts / "impact-flips.svg").read_bytes()
    r = CliRunner().invoke(main, ["impact", OLD, NEW, "--parks", str(TABLE), "--charts", str(charts)])
    assert r.exit_code == 1 and "E015" in r.output and (charts / "impact-flips.svg").read_bytes() == before
    r = CliRunner().invoke(main, ["score", str(TABLE), "--standard", OLD, "--charts", str(tmp_path / "pop")])
    assert r.exit_code == 0 and (tmp_path / "pop" / "population-totals.svg").exists()


@needs_browser
@pytest.mark.slow
def test_the_impact_report_in_chromium_has_its_charts_drawn(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["impact", OLD, NEW, "--parks", str(TABLE), "--format", "html"])
    assert r.exit_code == 0
    page = tmp_path / "impact.html"
    page.write_text(r.output, encoding="utf-8")
    assert "<script" not in r.output and "http://" not in r.output and "https://" not in r.output  # self-contained
    dom = _chromium("--dump-dom", page.as_uri()).stdout
    sizes = re.findall(r'<figure class="chart" id="([a-z-]+)"><svg[^>]*width="([\d.]+)pt" height="([\d.]+)pt"', dom)
    assert [s[0] for s in sizes] == ["impact-totals", "impact-flips", "impact-indicators"]
    assert all(float(w) > 100 and float(h) > 100 for _, w, h in sizes)
    assert "总分分布 distribution of totals (25 parks)" in dom and "pass mark 80" in dom
    shot = tmp_path / "impact.png"
    _chromium(f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri())
    width, height, levels = _png_stats(shot)
    assert (width, height) == (1200, 2400) and levels > 8
    assert show(Decimal(1)) in dom


def test_population_bands_are_the_shares_of_the_scored_parks() -> None:
    cards = [s.card for s in parkscore.score_many(OLD, TABLE) if s.card is not None]
    points: dict[str, Counter[Decimal | None]] = {}
    for card in cards:
        for r in card.indicators:
            points.setdefault(f"{r.clause} {r.id}", Counter())[r.points if r.status.value == "scored" else None] += 1
    bands = out.population_charts([{"total": c.total, "eligible": c.eligible} for c in cards], OLD, Decimal(80), points)[2]
    shares = {label: {s.name: v for s, v in zip(bands.series, values)} for label, values in zip(bands.labels, zip(*(s.values for s in bands.series)))}
    assert len(cards) == 25 and len(bands.labels) == 37
    assert shares["7.5 cleaner_production_rate"]["no data"] == 100  # the bundled table has no 7.5 column
    cod = Counter(r.points for c in cards for r in c.indicators if r.id == "COD_intensity" and r.status.value == "scored")
    assert shares["7.17 COD_intensity"]["3 points"] == Decimal(100 * cod[Decimal(3)]) / 25
    assert all(abs(sum(row.values()) - 100) <= Decimal("0.5") for row in shares.values())
    assert Counter(bands.numbers()) - Counter(_texts(out.chart_svg(bands))) == Counter()
