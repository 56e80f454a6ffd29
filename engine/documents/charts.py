"""Charts: definitions as data, built from the same result objects the tables print (so a chart
cannot disagree with its table), drawn offline by matplotlib as SVG (text kept as text: the
numbers and the CJK labels are selectable, searchable and read by the tests) or PNG.

Why matplotlib: a well-kept library that draws offline with no browser, no JavaScript runtime
and no network, SVG and PNG from one definition; imported only when a chart is drawn.

* ``impact_charts``: totals before and after (pass mark drawn), the eligibility flip matrix,
  the mean change of points per indicator;
* ``scorecard_charts``: points against maximum by category and by indicator, the pass mark;
* ``compare_charts``: one park's total and category points under each version;
* ``sensitivity_charts``: a tornado of the indicators that move most often, P(eligible);
* ``population_charts``: the distribution of totals and the eligible share of a scored table.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Literal, Sequence

from parkscore.dsl.numbers import show
from parkscore.engine.analysis.compare import ParkComparison
from parkscore.engine.analysis.sensitivity import SensitivityReport
from parkscore.engine.population.impact import BIN, ImpactReport
from parkscore.engine.scoring.scorecard import Scorecard

# the CJK fonts of the machines parkscore runs on, then a generic fallback (as the HTML's font stack)
FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "DejaVu Sans"]
COLOURS = ["#3b6fb6", "#e0a800", "#1b7f3b", "#b3261e", "#7a4fb0"]
MUTED = "#b9c3cf"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[Decimal, ...]
    muted: bool = False  # drawn in grey: the reference (a maximum, the version before)


@dataclass(frozen=True)
class Chart:
    """One chart as data: what is drawn, every number of it, and its words."""

    id: str
    kind: Literal["bars", "hbars", "stacked", "matrix"]  # stacked: horizontal bars of shares, series stacked
    title: str
    x_label: str
    y_label: str
    labels: tuple[str, ...]  # the categories along the axis (bars), or the rows (matrix)
    series: tuple[Series, ...]  # bars: one value per label each; matrix: one series per column
    line: tuple[Decimal, str] | None = None  # a line across the x axis (the pass mark) at this position, and its label
    note: str = ""  # what the reader should know (a reading, the data's provenance)

    def numbers(self) -> list[str]:
        """Every number the chart labels, as displayed (what the SVG's text holds; a stacked bar
        labels the shares of 8 % and more)."""
        return [show(v) for s in self.series for v in s.values if self.kind != "stacked" or v >= 8]


def _d(v: Any) -> Decimal:
    return v if isinstance(v, Decimal) else Decimal(str(v))


# ---- charts of results ------------------------------------------------------------------------


def _bins(present: Iterable[Decimal]) -> list[Decimal]:
    """Every bin of totals from the lowest to the highest present, empty ones included."""
    have = sorted(set(present))
    return [have[0] + BIN * i for i in range(int((have[-1] - have[0]) // BIN) + 1)] if have else []


def _mark(bins: list[Decimal], pass_mark: Decimal | None) -> tuple[Decimal, str] | None:
    """The pass mark on an axis of bins (bin i spans i - 0.5 .. i + 0.5)."""
    if pass_mark is None or not bins:
        return None
    return (pass_mark - bins[0]) / BIN - Decimal("0.5"), f"pass mark {show(pass_mark)}"


def impact_charts(rep: ImpactReport, pass_mark: Decimal | None = None) -> list[Chart]:
    bins = _bins([*rep.old_totals, *rep.new_totals])
    labels = tuple(f"{show(b)}–{show(b + BIN - 1)}" for b in bins)
    out = [Chart("impact-totals", "bars", f"总分分布 distribution of totals ({rep.parks} parks)", "total (points)", "parks", labels,
                 (Series(rep.old, tuple(_d(rep.old_totals.get(b, 0)) for b in bins), muted=True),
                  Series(rep.new, tuple(_d(rep.new_totals.get(b, 0)) for b in bins))), _mark(bins, pass_mark))]
    gains = sum(1 for f in rep.flips if f.becomes)
    loses = len(rep.flips) - gains
    stay = rep.old_eligible - loses
    never = rep.parks - rep.old_eligible - gains
    out.append(Chart("impact-flips", "matrix", "合格变化 eligibility before and after (parks)", f"under {rep.new}", f"under {rep.old}",
                     ("eligible", "not eligible"),
                     (Series("eligible", (_d(stay), _d(gains))), Series("not eligible", (_d(loses), _d(never)))),
                     note=f"{gains} become eligible, {loses} lose eligibility"))
    changed = sorted((i for i in rep.indicators.values() if i.parks_changed), key=lambda i: (-abs(i.total_change), i.clause))[:20]
    if changed:
        out.append(Chart("impact-indicators", "hbars", "各指标平均分值变化 mean change of points per park", "points (mean over all parks)", "",
                         tuple(f"{i.clause} {i.id}" for i in changed),
                         (Series("mean change", tuple(i.mean(rep.parks).quantize(Decimal("0.001")) for i in changed)),)))
    return out


def scorecard_charts(card: Scorecard) -> list[Chart]:
    cats = card.categories
    out = [Chart("scorecard-categories", "bars", f"{card.park}: 各一级指标得分 points by category", "", "points",
                 tuple(c.title for c in cats), (Series("points", tuple(c.points for c in cats)), Series("max", tuple(c.max_points for c in cats), muted=True)))]
    line = (card.pass_mark, f"pass mark {show(card.pass_mark)}") if card.pass_mark is not None else None
    short = f": {show(card.pass_mark - card.total)} points short" if card.pass_mark is not None and card.total < card.pass_mark else ""
    out.append(Chart("scorecard-total", "hbars", f"{card.park}: 总分 total{short}", "points", "", ("total",),
                     (Series("points", (card.total,)), Series("max", (card.max_total,), muted=True)), line))
    inds = card.indicators
    out.append(Chart("scorecard-indicators", "hbars", f"{card.park}: 各二级指标得分 points by indicator", "points", "",
                     tuple(f"{r.clause} {r.title}" for r in inds),
                     (Series("points", tuple(r.points for r in inds)), Series("max", tuple(r.max_points or Decimal(0) for r in inds), muted=True))))
    return out


def compare_charts(result: ParkComparison, labels: Sequence[str]) -> list[Chart]:
    cats: dict[str, None] = {}
    for c in result.cards:
        cats.update({k.title: None for k in c.categories})
    titles = tuple(cats)
    series = tuple(Series(label, tuple(next((k.points for k in card.categories if k.title == t), Decimal(0)) for t in titles))
                   for label, card in zip(labels, result.cards))
    totals = tuple(Series(label, (card.total,)) for label, card in zip(labels, result.cards))
    return [Chart("compare-totals", "bars", f"{result.park}: 总分 total under each version", "", "points", ("total",), totals),
            Chart("compare-categories", "bars", f"{result.park}: 各一级指标 category points under each version", "", "points", titles, series)]


def sensitivity_charts(rep: SensitivityReport) -> list[Chart]:
    top = list(rep.sensitive[:15])
    out = [Chart("sensitivity-tornado", "hbars", "敏感指标 how often each indicator's points change (% of runs)",
                 "% of runs", "", tuple(f"{s.clause} {s.id}" for s in top),
                 (Series("points change", tuple(_d(round(s.changed * 100, 1)) for s in top)),
                  Series("verdict changes with it", tuple(_d(round(s.flips_verdict * 100, 1)) for s in top))),
                 note=f"{rep.runs} runs, figures ±{show(rep.uncertainty * 100)} %, seed {rep.seed}")]
    if rep.p_eligible is not None:
        p = _d(round(rep.p_eligible * 100, 1))
        out.append(Chart("sensitivity-eligible", "hbars", "合格概率 probability of eligibility", "% of runs", "", ("eligible", "not eligible"),
                         (Series("runs", (p, Decimal(100) - p)),)))
    return out


def population_charts(rows: Iterable[dict[str, Any]], standard: str, pass_mark: Decimal | None,
                      points: dict[str, Counter[Decimal | None]] | None = None) -> list[Chart]:
    """From scored rows (``total``, ``eligible``, as ``score_table`` and ``score --format csv`` give),
    and ``points``: per indicator (``clause id``) how many parks got each number of points (None:
    no data), for the share of parks at each band."""
    totals: Counter[Decimal] = Counter()
    verdicts: Counter[str] = Counter()
    for r in rows:
        if r.get("total") in (None, ""):
            verdicts["not scored"] += 1
            continue
        totals[(_d(r["total"]) // BIN) * BIN] += 1
        e = r.get("eligible")
        verdicts["eligible" if e in (True, "true", "True") else "not eligible" if e in (False, "false", "False") else "no verdict"] += 1
    bins = _bins(totals)
    kinds = [k for k in ("eligible", "not eligible", "no verdict", "not scored") if verdicts[k]]
    return [Chart("population-totals", "bars", f"总分分布 distribution of totals under {standard}", "total (points)", "parks",
                  tuple(f"{show(b)}–{show(b + BIN - 1)}" for b in bins), (Series("parks", tuple(_d(totals[b]) for b in bins)),),
                  _mark(bins, pass_mark)),
            Chart("population-eligible", "hbars", "合格园区 parks by verdict", "parks", "", tuple(kinds),
                  (Series("parks", tuple(_d(verdicts[k]) for k in kinds)),))] + ([_bands(points)] if points else [])


def _bands(points: dict[str, Counter[Decimal | None]]) -> Chart:
    levels = sorted({p for c in points.values() for p in c if p is not None}, reverse=True)
    names = list(points)

    def share(c: Counter[Decimal | None], p: Decimal | None) -> Decimal:
        n = sum(c.values())
        return (Decimal(100) * c[p] / n).quantize(Decimal("0.1")) if n else Decimal(0)

    series = [Series(f"{show(p)} point{'' if p == 1 else 's'}", tuple(share(points[i], p) for i in names)) for p in levels]
    if any(points[i][None] for i in names):
        series.append(Series("no data", tuple(share(points[i], None) for i in names), muted=True))
    return Chart("population-bands", "stacked", "各指标得分分布 share of parks at each number of points (%)", "% of parks", "",
                 tuple(names), tuple(series))


# ---- drawing ----------------------------------------------------------------------------------


def _figure(chart: Chart) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    n = len(chart.labels)
    tall = chart.kind in ("hbars", "stacked")
    size = ((8, max(2.6, 0.32 * n * max(1, (1 if chart.kind == "stacked" else len(chart.series)) * 0.6) + 1.4)) if tall else (6.5, 4.2) if chart.kind == "matrix"
            else (max(6.0, 0.7 * n + 3), 4.2))
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(chart.title, fontsize=11, loc="left")
    if chart.kind == "matrix":
        rows, cols = len(chart.labels), len(chart.series)
        ax.set_xlim(0, cols)
        ax.set_ylim(rows, 0)
        for j, s in enumerate(chart.series):
            for i, v in enumerate(s.values):
                shade = "#f3f5f7" if (i == 0) == (j == 0) else "#fff3cd"
                ax.add_patch(Rectangle((j, i), 1, 1, facecolor=shade, edgecolor="#d7dbe0"))
                ax.text(j + 0.5, i + 0.5, show(v), ha="center", va="center", fontsize=16)
        ax.set_xticks([j + 0.5 for j in range(cols)], [s.name for s in chart.series])
        ax.set_yticks([i + 0.5 for i in range(rows)], list(chart.labels))
        ax.tick_params(length=0)
        ax.set_xlabel(chart.x_label)
        ax.set_ylabel(chart.y_label)
        if chart.note:
            fig.supxlabel(chart.note, fontsize=8, color="#5f6368")
        for side in ax.spines.values():
            side.set_visible(False)
        return fig
    if chart.kind == "stacked":
        left = [0.0] * n
        shades = [COLOURS[0], "#5c87c4", "#84a6d4", "#adc4e4", "#d3e0f1", "#eaf0f8"]
        for j, s in enumerate(chart.series):
            vals = [float(v) for v in s.values]
            bars = ax.barh(range(n), vals, left=left, height=0.7, label=s.name, color=MUTED if s.muted else shades[min(j, len(shades) - 1)])
            ax.bar_label(bars, labels=[show(v) if v >= 8 else "" for v in s.values], label_type="center", fontsize=7)
            left = [a + b for a, b in zip(left, vals)]
        ax.set_yticks(range(n), list(chart.labels), fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel(chart.x_label)
        ax.legend(fontsize=8, frameon=False, ncols=min(7, len(chart.series)), loc="upper center", bbox_to_anchor=(0.5, -0.5 / n - 0.04))
        return fig
    k = len(chart.series)
    width = 0.8 / k
    for j, s in enumerate(chart.series):
        pos = [i - 0.4 + width * (j + 0.5) for i in range(n)]
        vals = [float(v) for v in s.values]
        colour = MUTED if s.muted else COLOURS[sum(1 for t in chart.series[:j] if not t.muted) % len(COLOURS)]
        bars = (ax.barh(pos, vals, height=width, label=s.name, color=colour) if chart.kind == "hbars"
                else ax.bar(pos, vals, width=width, label=s.name, color=colour))
        ax.bar_label(bars, labels=[show(v) for v in s.values], fontsize=7, padding=2)
    if chart.kind == "hbars":
        ax.set_yticks(range(n), list(chart.labels), fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="#5f6368", linewidth=0.6)
    else:
        ax.set_xticks(range(n), list(chart.labels), fontsize=8, rotation=30 if n > 6 else 0, ha="right" if n > 6 else "center")
    if chart.line is not None:
        ax.axvline(float(chart.line[0]), color="#b3261e", linestyle="--", linewidth=1)
        ax.annotate(chart.line[1], (float(chart.line[0]), 1), xycoords=("data", "axes fraction"), xytext=(3, -10),
                    textcoords="offset points", fontsize=8, color="#b3261e")
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    if k > 1:
        ax.legend(fontsize=8, frameon=False)
    if chart.note:
        fig.supxlabel(chart.note, fontsize=8, color="#5f6368")
    for name in ("top", "right"):
        ax.spines[name].set_visible(False)
    return fig


def _rc() -> Any:
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "parkscore", "font.family": "sans-serif",
                                  "font.sans-serif": FONTS, "axes.unicode_minus": False})


def chart_svg(chart: Chart) -> str:
    """The chart as an SVG document: text as text, no timestamps (the same chart, the same bytes)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with _rc():
        fig = _figure(chart)
        buf = io.StringIO()
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": "parkscore"})
    text = buf.getvalue()
    return re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg"):], flags=re.S)  # no prolog, no RDF block


def inline_svg(chart: Chart) -> str:
    """The SVG as an HTML page embeds it: the HTML parser knows the SVG and xlink namespaces, so the
    declarations (addresses, though never fetched) are left out."""
    return re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", chart_svg(chart), count=0)


def chart_png(chart: Chart) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with _rc():
        fig = _figure(chart)
        buf = io.BytesIO()
        FigureCanvasAgg(fig).print_png(buf, metadata={"Software": "parkscore"})
    return buf.getvalue()
