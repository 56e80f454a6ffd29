"""A standard as the document people exchange, generated from its checked rules: the summary table
(表1: 一级指标, 序号, 二级指标, 单位, 指标要求, 分值), then per indicator its scoring table in the
standard's own reading order ("500>化工行业主营业务收入（亿元）≥300 | 2分"), the basic requirements
and the pass mark; errata and readings of ours as footnotes. Rendered as Markdown, HTML (one
self-contained file) or an XLSX workbook (one sheet per category, one row per band or level: the
workbook ``import_xlsx`` reads back, see engine/workbook.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parkscore.dsl import ast
from parkscore.dsl.numbers import show
from parkscore.dsl.printer import expr_text
from parkscore.engine.documents.render import md
from parkscore.engine.scoring.compile import CompiledStandard

_OPS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}


def points_text(p: Decimal) -> str:
    return f"{show(p)}分"


def band_words(test: ast.Compare, subject: str) -> str:
    """A band as the standard prints it: the indicator's name (and unit) between the bounds."""
    parts: list[str] = []
    for i, o in enumerate(test.operands):
        parts.append(subject if isinstance(o, ast.Ref) else o.text)
        if i < len(test.ops):
            parts.append(_OPS[test.ops[i]])
    return "".join(parts)


@dataclass(frozen=True)
class Row:
    """One line of an indicator's scoring table."""

    kind: str  # band, level, count, trend, exempt, require
    condition: str  # in words
    points: Decimal | None
    wording: str | None
    rule: str  # file:line


@dataclass(frozen=True)
class Section:
    ind: ast.Indicator
    category: str
    subject: str  # "化工行业主营业务收入（亿元）"
    formula: str | None  # in words
    rows: tuple[Row, ...]
    notes: tuple[tuple[str, str], ...]  # (erratum|reading, text): footnotes
    rule: str


@dataclass(frozen=True)
class StandardDocument:
    cs: CompiledStandard
    sections: tuple[Section, ...]

    @property
    def header(self) -> ast.Header:
        return self.cs.std.header

    def summary(self) -> list[tuple[str, str, str, str, str, str]]:
        """表1: (一级指标, 序号, 二级指标, 单位, 指标要求, 分值), one row per indicator."""
        out = []
        for cat in self.cs.std.categories:
            for ind in cat.indicators:
                req = (f"{_OPS[ind.requirement.op]}{show(ind.requirement.value)}" if ind.requirement
                       else ind.requirement_text or "")
                out.append((cat.title, ind.clause, ind.title, str(ind.unit) if ind.unit else "", req, show(ind.max_points or Decimal(0))))
        return out


def _names(std: ast.Standard) -> dict[str, str]:
    """Every data key's title, for formulas and conditions in words."""
    out = {i.id: i.title for i in std.inputs}
    out.update({i.id: i.title for i in std.indicators})
    out.update({g.id: g.title for g in std.gates})
    return out


def _cond_words(c: ast.Cond, names: dict[str, str]) -> str:
    if isinstance(c, ast.CondRef):
        return names.get(c.name, c.name)
    if isinstance(c, ast.Not):
        return "非（" + _cond_words(c.operand, names) + "）"
    if isinstance(c, ast.BoolOp):
        return ("且" if c.op == "and" else "或").join(_cond_words(o, names) for o in c.operands)
    return "".join((names.get(o.name, o.name) if isinstance(o, ast.Ref) else o.text) + (_OPS[c.ops[i]] if i < len(c.ops) else "")
                   for i, o in enumerate(c.operands))


def matched_words(doc: StandardDocument) -> dict[str, str]:
    """What a band or level rule (by its ``file:line``) says in the standard's own words, for a
    result's "matched" column: "500>化工行业主营业务收入（亿元）≥300" rather than the rule text."""
    out = {}
    for s in doc.sections:
        for r in s.rows:
            if r.kind == "band":
                out[r.rule] = r.wording or r.condition
            elif r.kind == "level":
                out[r.rule] = f"{r.condition}：{r.wording}" if r.wording else r.condition
    return out


def written(cs: CompiledStandard, ind: ast.Indicator) -> list[str]:
    """An indicator's lines as written in its rule file, from its header to its last rule (every
    rule is one line; an amendment's override is read where it is written)."""
    end = max([ind.span.line] + [r.span.line for r in ind.rules])
    return [cs.sources.line(ind.span.file, i) for i in range(ind.span.line, end + 1)]


def total_label(doc: StandardDocument) -> str:
    """The 合计 row's words: in a weighted standard the subtotals do not add up to the total, so it says
    it is the weighted total (the climate-leader table prints 合计 100 under subtotals of 84)."""
    cats = doc.cs.std.categories
    if not doc.cs.std.weighted:
        return "合计"
    return f"合计（按权重折算；各小计之和为 {show(sum((c.maximum for c in cats), Decimal(0)))}）"


def document(cs: CompiledStandard) -> StandardDocument:
    std = cs.std
    names = _names(std)
    sections = []
    for cat in std.categories:
        for ind in cat.indicators:
            ci = cs.indicator(ind.id)
            subject = ind.title + (f"（{ind.unit}）" if ind.unit else "")
            rows: list[Row] = []
            for r in ind.rules:
                where = f"{r.span.file}:{r.span.line}"
                if isinstance(r, ast.Exempt):
                    rows.append(Row("exempt", _cond_words(r.cond, names), r.points, r.wording, where))
                elif isinstance(r, ast.Require):
                    rows.append(Row("require", _cond_words(r.cond, names), None, r.wording, where))
                elif isinstance(r, ast.Band):
                    tier = f"（{_cond_words(r.when, names)}）" if r.when is not None else ""
                    rows.append(Row("band", band_words(r.test, subject) + tier, r.points, r.wording, where))
                elif isinstance(r, ast.NoThreshold):
                    rows.append(Row("no threshold", f"{_cond_words(r.when, names)}：无阈值", None, r.wording, where))
                elif isinstance(r, ast.Excuse):
                    rows.append(Row("excuse", _cond_words(r.cond, names), None, r.wording, where))
                elif isinstance(r, ast.Rank):
                    rows.append(Row("rank", f"按{names.get(r.of, r.of)}排名（{'由低到高' if r.lowest_first else '由高到低'}），取名次百分比",
                                    None, None, where))
                elif isinstance(r, ast.Level):
                    rows.append(Row("level", r.name, r.points, r.wording, where))
                elif isinstance(r, ast.Count) and r.deduct:
                    rows.append(Row("deduct", f"每项扣{show(r.per_item)}分（{names.get(r.items, r.items)}），扣完为止", None, r.wording, where))
                elif isinstance(r, ast.Count):
                    rows.append(Row("count", f"每项{show(r.per_item)}分（{names.get(r.items, r.items)}），最高{show(r.cap)}分", r.cap, None, where))
                elif isinstance(r, ast.Trend):
                    word = "逐年下降" if r.direction == "decreasing" else "逐年增长"
                    rows.append(Row("trend", f"{names.get(r.series, r.series)}近{r.years}年{word}", r.points, r.wording, where))
            formula = None
            if ind.formula is not None:
                formula = f"{ind.title} = " + expr_text(ind.formula.expr, lambda n: names.get(n, n)).replace("*", "×").replace("/", "÷")
            sections.append(Section(ind, cat.title, subject, formula, tuple(rows), ci.notes, f"{ind.span.file}:{ind.span.line}"))
    return StandardDocument(cs, tuple(sections))


# ---- Markdown ----------------------------------------------------------------------------


def document_markdown(doc: StandardDocument, categories: int | None = None) -> str:
    """The standard as Markdown (``categories``: only the first N categories' sections)."""
    h = doc.header
    out = [f"# {md(h.title or doc.cs.ref)}", "", f"`{md(doc.cs.ref)}` — status: {md(h.status or 'unstated')}" + (f"; date: {md(h.date)}" if h.date else ""), ""]
    if h.amends:
        out += [f"Amends `{md(h.amends)}`: this document is that version with the amendments applied.", ""]
    if h.source:
        out += [f"Source: {md(h.source)}", ""]
    if h.illustrative:
        out += [f"> **Illustrative**, not a text of its publisher: {md(h.illustrative)}", ""]
    foot: list[str] = [f"reading of ours: {r}" for r in h.readings]
    out += ["## 表1 评价指标体系", "", "| 一级指标 | 序号 | 二级指标 | 单位 | 指标要求 | 分值 |", "|---|---|---|---|---|---:|"]
    rows = doc.summary()
    for cat in doc.cs.std.categories:
        group = [r for r in rows if r[0] == cat.title]
        for i, (cat_title, clause, title, unit, req, pts) in enumerate(group):
            out.append(f"| {md(cat_title) if i == 0 else ''} | {clause} | {md(title)} | {md(unit)} | {md(req)} | {pts} |")
        weight = f"（权重 {show(cat.weight)}%）" if cat.weight is not None else ""
        out.append(f"| | | **{md(cat.title)} 小计**{weight} | | | **{show(cat.max_points or Decimal(0))}** |")
    total = doc.cs.std.max_total
    out += [f"| **{total_label(doc)}** | | | | | **{show(total)}** |", ""]
    shown_cats = [c.title for c in doc.cs.std.categories][:categories]
    current = None
    for s in doc.sections:
        if s.category not in shown_cats:
            continue
        if s.category != current:
            out += [f"## {s.category}", ""]
            current = s.category
        marks = ""
        for kind, text in s.notes:
            foot.append(f"{s.ind.clause} ({'erratum of the source' if kind == 'erratum' else 'reading of ours'}): {text}")
            marks += f"<sup>[{len(foot)}]</sup>"
        out += [f"### {s.ind.clause} {md(s.ind.title)}{marks}", ""]
        meta = [f"分值 {show(s.ind.max_points or Decimal(0))}分"] + (["一票否决"] if s.ind.veto else []) + ([f"单位 {s.ind.unit}"] if s.ind.unit else []) + \
               ([f"表{s.ind.table}"] if s.ind.table else [])
        out += ["；".join(meta) + f"  (`{s.rule}`)", ""]
        if s.formula:
            out += [f"计算：{md(s.formula)}", ""]
        out += ["| 指标 | 分值 | |", "|---|---:|---|"]
        for r in s.rows:
            pts = points_text(r.points) if r.points is not None else ("否则0分" if r.kind == "require" else "")
            label = {"exempt": "免评：", "require": "须满足：", "excuse": "不适用（说明理由）：", "rank": "排名："}.get(r.kind, "")
            cond = r.wording if r.kind == "level" and r.wording else r.condition
            out.append(f"| {md(label + cond)} | {pts} | `{r.rule}` |")
        out.append("")
    groups = [c for c in doc.cs.std.categories if c.at_least is not None or c.bonus]
    if groups:
        out += ["## 组合规则", ""] + [f"- {md(c.title)}：" + (f"至少{c.at_least}项达标" if c.at_least is not None else "加分项，计入总分之外（最高"
                                                           + show(c.maximum) + "分）") for c in groups] + [""]
    if h.grades:
        out += ["## 等级", "", "| 等级 | 名称 | 总分 |", "|---|---|---|"]
        out += [f"| {g.name} | {md(g.title)} | {band_words(g.test, '总分')} |" for g in h.grades] + [""]
    if h.effective:
        out += [f"施行日期：{h.effective}" + (f"，至 {h.until}" if h.until else ""), ""]
    out += ["## 基本要求（门槛）", ""]
    for g in doc.cs.std.gates:
        out.append(f"- {g.clause} {md(g.title)}" + ("（鼓励，不决定是否合格）" if g.advisory else ""))
    if h.pass_mark is not None:
        out += ["", f"合格：总分 ≥ {show(h.pass_mark)} 分" + (f"（{md(h.pass_note)}）" if h.pass_note else "") + "，且满足全部基本要求。"]
    if foot:
        out += ["", "## Notes", ""] + [f"{i}. {md(t)}" for i, t in enumerate(foot, 1)]
    return "\n".join(out) + "\n"


# ---- data for templates --------------------------------------------------------------------


def document_json(doc: StandardDocument) -> dict[str, Any]:
    h = doc.header
    return {
        "ref": doc.cs.ref, "title": h.title, "source": h.source, "status": h.status, "date": h.date, "amends": h.amends,
        "illustrative": h.illustrative, "readings": list(h.readings), "pass_mark": h.pass_mark, "pass_note": h.pass_note,
        "summary": doc.summary(),
        "categories": [{"title": c.title, "max": c.max_points, "weight": c.weight} for c in doc.cs.std.categories],
        "sections": [{"clause": s.ind.clause, "id": s.ind.id, "title": s.ind.title, "category": s.category,
                      "unit": str(s.ind.unit) if s.ind.unit else None, "max": s.ind.max_points, "table": s.ind.table,
                      "formula": s.formula, "rule": s.rule, "notes": [{"kind": k, "text": t} for k, t in s.notes],
                      "rows": [{"kind": r.kind, "condition": r.condition, "points": r.points, "wording": r.wording, "rule": r.rule}
                               for r in s.rows]} for s in doc.sections],
        "gates": [{"clause": g.clause, "title": g.title, "advisory": g.advisory} for g in doc.cs.std.gates],
    }
