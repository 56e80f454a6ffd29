"""Stage 6, Scorecard -> text table or JSON (schema ``parkscore.scorecard/1``, see README)."""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parkscore.dsl.ast import Indicator
from parkscore.dsl.numbers import show
from parkscore.dsl.printer import cond_text, expr_text
from parkscore.dsl.text import text_table
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.scorecard import IndicatorResult, Scorecard, Status

if TYPE_CHECKING:
    from parkscore.dsl.diff import Change

SCORECARD_SCHEMA = "parkscore.scorecard/1"
SCHEMA_SCHEMA = "parkscore.schema/1"


def value_text(r: IndicatorResult) -> str:
    """An indicator's value as every table shows it (no data, undefined, a number, a level)."""
    if r.status is Status.NO_DATA:
        return "no data"
    if r.status is Status.UNDEFINED:
        return "undefined"
    if r.status is Status.EXCUSED:
        return "excused"
    if isinstance(r.value, Decimal):
        return show(r.value, 4)
    return "" if r.value is None else str(r.value)


def scorecard_table(card: Scorecard) -> str:
    head = f"{card.park}" + (f" ({card.period})" if card.period else "") + (" [synthetic data]" if card.synthetic else "")
    lines = [f"{head}\nscored against {card.standard}: {card.standard_title}", *standard_labels(card.status, card.illustrative, card.readings), ""]
    rows: list[list[str]] = []
    for cat in card.categories:
        weighted = f"  ({show(cat.weight)}% → {show(cat.weighted, 4)})" if cat.weighted is not None and cat.weight is not None else ""
        if cat.needed is not None:
            weighted += f"  ({cat.met} of {cat.counted} met, at least {cat.needed} needed)"
        rows.append([cat.title, "", "", "", "", f"{show(cat.points)} / {show(cat.max_points)}{weighted}"])
        for r in (r for r in card.indicators if r.category == cat.id):
            rows.append([f"  {r.title}", r.clause, value_text(r), r.unit or "", r.outcome if r.status in (Status.SCORED, Status.EXCUSED) else "",
                         f"{show(r.points)} / {show(r.max_points)}"])
    rows.append(["Total", "", "", "", "", f"{show(card.total, 4)} / {show(card.max_total)}"])
    if card.grade is not None:
        rows.append([f"Grade {card.grade}: {card.grade_title}", "", "", "", "", f"{card.grade_rule.file}:{card.grade_rule.line}" if card.grade_rule else ""])
    lines.append(text_table(rows, headers=["indicator", "clause", "value", "unit", "matched", "points"], tablefmt="simple",
                            disable_numparse=True, preserve_whitespace=True))
    if card.gates:
        lines.append("")
        grows = [[g.clause, g.title if len(g.title) <= 40 else g.title[:39] + "…", g.status.replace("_", " ")
                  + (" (advisory)" if g.advisory else "")] for g in card.gates]
        lines.append(text_table(grows, headers=["gate", "basic requirement", "status"], tablefmt="simple"))
    lines.append("")
    if card.pass_mark is not None:
        gap = card.pass_mark - card.total
        lines.append(f"pass mark {show(card.pass_mark)}: " + (f"{show(gap, 4)} points short" if gap > 0 else "reached"))
    if card.eligible is None:
        lines.append("no pass mark or basic requirement in this standard: it ranks parks, it does not qualify them")
    else:
        lines.append("ELIGIBLE" if card.eligible else "NOT ELIGIBLE: " + "; ".join(card.reasons))
    if card.unused:
        lines.append(f"\n{len(card.unused)} key(s) of the park file are for other standards, not read here (listed in --format json)")
    missing = card.missing
    if missing:
        lines.append(f"\nno data for {len(missing)} of {len(card.indicators)} indicators (scored 0):")
        for r in missing:
            lines.append(f"  {r.clause} {r.id}: {r.outcome}")
    noted = [r for r in card.indicators if r.notes]
    if noted:
        lines.append("\nerrata and readings of ours on indicators:")
        lines += [f"  {r.clause} {r.id} ({kind}): {text}" for r in noted for kind, text in r.notes]
    return "\n".join(lines)


def standard_labels(status: str | None, illustrative: str | None, readings: tuple[str, ...]) -> list[str]:
    """What every output says about a standard beside its title: its status, whether it is
    illustrative, and the readings of ours it rests on."""
    out = [f"status: {status}" + (" — ILLUSTRATIVE, not a text of its publisher" if illustrative else "")] if status else []
    if illustrative:
        out.append(f"illustrative: {illustrative}")
    out += [f"reading of ours: {r}" for r in readings]
    return out


def indicator_json(r: IndicatorResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "clause": r.clause,
        "title": r.title,
        "category": r.category,
        "kind": r.kind,
        "status": r.status,
        "value": r.value,
        "value_text": str(r.value) if isinstance(r.value, Decimal) else None,
        "unit": r.unit,
        "points": r.points,
        "max_points": r.max_points,
        "outcome": r.outcome,
        "missing": list(r.missing),
        "inputs": list(r.inputs),
        "file": r.rule.file if r.rule else None,
        "line": r.rule.line if r.rule else None,
        "col": r.rule.col if r.rule else None,
        "rule": r.rule.text if r.rule else None,
        "notes": [{"kind": k, "text": t} for k, t in r.notes],
    }


def scorecard_json(card: Scorecard, park_file: str | None = None, context: dict[str, Any] | None = None) -> dict[str, Any]:
    out = _scorecard_json(card, park_file, context)
    if card.grade is not None and card.grade_rule is not None:
        out["grade"] = {"name": card.grade, "title": card.grade_title, "file": card.grade_rule.file, "line": card.grade_rule.line}
    for c, cj in zip(card.categories, out["categories"]):
        if c.needed is not None:
            cj.update({"met": c.met, "needed": c.needed, "counted": c.counted})
    return out


def _scorecard_json(card: Scorecard, park_file: str | None, context: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "schema": SCORECARD_SCHEMA,
        "standard": card.standard,
        "standard_title": card.standard_title,
        "standard_status": card.status,
        "illustrative": card.illustrative is not None,
        "illustrative_note": card.illustrative,
        "readings": list(card.readings),
        "park": card.park,
        "park_file": park_file,
        "period": card.period,
        "synthetic": card.synthetic,
        "total": card.total,
        "max_total": card.max_total,
        "pass_mark": card.pass_mark,
        "eligible": card.eligible,
        "reasons": list(card.reasons),
        "categories": [{"id": c.id, "title": c.title, "points": c.points, "max_points": c.max_points,
                        "weight": c.weight, "weighted_points": c.weighted} for c in card.categories],
        "indicators": [indicator_json(r) for r in card.indicators],
        "gates": [{"id": g.id, "clause": g.clause, "title": g.title, "advisory": g.advisory, "status": g.status,
                   "file": g.rule.file, "line": g.rule.line} for g in card.gates],
        "missing": [r.id for r in card.missing],
        "unused": list(card.unused),
        "context": context or {},
    }


# ---- schema: what a data-collection form needs ------------------------------------


def schema_json(cs: CompiledStandard) -> dict[str, Any]:
    std = cs.std
    out_ind = []
    for ci in cs.indicators:
        ind = ci.ind
        levels = sorted(ci.levels.values(), key=lambda lv: (lv.points, lv.name))
        out_ind.append({
            "id": ind.id,
            "clause": ind.clause,
            "title": ind.title,
            "category": ind.category,
            "unit": ind.unit.text if ind.unit else None,
            "kind": ind.kind,
            "max_points": ind.max_points,
            "table": ind.table,
            "requirement": ind.requirement_text if ind.requirement_text is not None else (
                f"{ind.requirement.op} {ind.requirement.value}" if ind.requirement else None),
            "formula": _formula(ind),
            "inputs": list(ci.inputs),
            "levels": [{"name": lv.name, "points": lv.points, "wording": lv.wording} for lv in levels],
            "trend": " or ".join(t.text for t in ci.trends) or None,
            "notes": [{"kind": k, "text": t} for k, t in ci.notes],
        })
        if ind.veto:
            out_ind[-1]["veto"] = True
    out = _schema_json(cs, out_ind)
    if std.header.grades:
        out["grades"] = [{"name": g.name, "title": g.title, "total": cond_text(g.test)} for g in std.header.grades]
    groups = [{"category": c.id, "at_least": c.at_least} for c in std.categories if c.at_least is not None]
    groups += [{"category": c.id, "bonus": True} for c in std.categories if c.bonus]
    if groups:
        out["groups"] = groups
    return out


def _schema_json(cs: CompiledStandard, out_ind: list[dict[str, Any]]) -> dict[str, Any]:
    std = cs.std
    inputs = {i.id: i for i in std.inputs}
    return {
        "schema": SCHEMA_SCHEMA,
        "standard": std.ref,
        "title": std.header.title,
        "status": std.header.status,
        "illustrative": std.header.illustrative is not None,
        "illustrative_note": std.header.illustrative,
        "readings": list(std.header.readings),
        "scope": std.header.scope,
        "data_sources": std.header.data_sources,
        "total": std.header.total,
        "pass_mark": std.header.pass_mark,
        "indicators": out_ind,
        "inputs": [{"id": i.id, "kind": i.kind, "unit": i.unit.text if i.unit else None, "title": i.title,
                    **({"includes": [r.name for r in i.includes]} if i.includes else {})} for i in inputs.values()],
        "gates": [{"id": g.id, "clause": g.clause, "title": g.title, "advisory": g.advisory} for g in std.gates],
    }


def _formula(ind: Indicator) -> str | None:
    return f"{ind.id} = {expr_text(ind.formula.expr)}" if ind.formula else None


def schema_table(cs: CompiledStandard) -> str:
    s = schema_json(cs)
    rows = []
    for i in s["indicators"]:
        how = i["formula"] or i["trend"] or ("levels: " + " < ".join(lv["name"] for lv in i["levels"]) if i["levels"] else "")
        rows.append([i["clause"], i["id"], i["title"], i["unit"] or "", i["kind"], show(i["max_points"]), i["requirement"] or "",
                     ", ".join(i["inputs"]), how])
    mark = f"pass mark {s['pass_mark']}" if s["pass_mark"] is not None else "no pass mark"
    out = [f"{s['standard']}: {s['title']} ({s['status']}), total {s['total']}, {mark}",
           *standard_labels(None, s["illustrative_note"], tuple(s["readings"])),
           *([f"scope: {s['scope']}"] if s["scope"] else []), *([f"data sources: {s['data_sources']}"] if s["data_sources"] else []), "",
           text_table(rows, headers=["clause", "id", "title", "unit", "kind", "max", "requirement", "reads", "formula / levels"],
                      tablefmt="simple", disable_numparse=True), "",
           text_table([[i["id"], i["kind"], i["unit"] or "", i["title"]] for i in s["inputs"]],
                      headers=["input", "kind", "unit", "title"], tablefmt="simple")]
    if s["gates"]:
        out += ["", text_table([[g["clause"], g["id"], "advisory" if g["advisory"] else "required", g["title"]] for g in s["gates"]],
                               headers=["gate", "id", "", "title"], tablefmt="simple")]
    notes = [f"  {i['clause']} {i['id']} ({n['kind']}): {n['text']}" for i in s["indicators"] for n in i["notes"]]
    if notes:
        out += ["", "errata and readings of ours on indicators:", *notes]
    return "\n".join(out)


_MARKUP = re.compile(r"<(?=[A-Za-z/!?])|&(?=#|[A-Za-z]+;)")  # what would open a tag, a comment or an entity


def md(text: object) -> str:
    """Text from a rule or data file inside Markdown: a ``<`` that would open a tag or a comment
    and an ``&`` that would start an entity written as entities (a park named ``<script>`` or
    ``<!--`` is shown as written, never run or hidden by a viewer that renders HTML; ``0.005 < x``
    stays as it is), ``|`` escaped so a table cell stays one cell, a line break as a space."""
    escaped = _MARKUP.sub(lambda m: "&lt;" if m.group() == "<" else "&amp;", str(text))
    return escaped.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def scorecard_markdown(card: Scorecard) -> str:
    """A report for a park or its consultant: verdict, gap to the pass mark, what is missing,
    and for every indicator the rule (file:line) that gave its points."""
    cell = md
    title = f"# {md(card.park)}" + (f" ({md(card.period)})" if card.period else "") + (" — synthetic data" if card.synthetic else "")
    out = [title, "", f"Scored against **{md(card.standard)}**: {md(card.standard_title)}", ""]
    labels = standard_labels(card.status, card.illustrative, card.readings)
    if labels:
        out += [f"> {md(line)}  " for line in labels] + [""]
    if card.eligible is None:
        verdict = "this standard ranks parks; it defines no pass mark"
    elif card.eligible:
        verdict = "**eligible**"
    else:
        verdict = "**not eligible**: " + "; ".join(md(r) for r in card.reasons)
    out.append(f"**Total: {show(card.total, 4)} / {show(card.max_total)}**" +
               (f", pass mark {show(card.pass_mark)}" if card.pass_mark is not None else "") + f". Verdict: {verdict}.")
    if card.grade is not None:
        out.append(f"\nGrade **{md(card.grade)}** {md(card.grade_title)}" + (f" (`{card.grade_rule.file}:{card.grade_rule.line}`)" if card.grade_rule else ""))
    if card.pass_mark is not None and card.total < card.pass_mark:
        out.append(f"\nGap to the pass mark: {show(card.pass_mark - card.total, 4)} points (see `parkscore gap`).")
    out += ["", "| category | points | max |" + (" weighted |" if any(c.weighted is not None for c in card.categories) else ""),
            "|---|---:|---:|" + ("---:|" if any(c.weighted is not None for c in card.categories) else "")]
    for c in card.categories:
        out.append(f"| {cell(c.title)} | {show(c.points)} | {show(c.max_points)} |" + (f" {show(c.weighted, 4)} |" if c.weighted is not None else ""))
    out += ["", "| clause | indicator | value | outcome | points | rule |", "|---|---|---|---|---:|---|"]
    for r in card.indicators:
        rule = f"`{md(r.rule.file)}:{r.rule.line}`" if r.rule else ""
        value = cell(value_text(r)) + (f" {md(r.unit)}" if r.unit and r.status is Status.SCORED and isinstance(r.value, Decimal) else "")
        out.append(f"| {r.clause} | {cell(r.title)} | {value} | {cell(r.outcome)} | {show(r.points)} / {show(r.max_points)} | {rule} |")
    if card.gates:
        out += ["", "| basic requirement | status |", "|---|---|"]
        out += [f"| {g.clause} {cell(g.title)} | {g.status.replace('_', ' ')}{' (advisory)' if g.advisory else ''} |" for g in card.gates]
    if card.missing:
        out += ["", f"## No data ({len(card.missing)} of {len(card.indicators)} indicators, scored 0)", ""]
        out += [f"- {r.clause} {md(r.title)}: {md(', '.join(r.missing) or r.outcome)}" for r in card.missing]
    noted = [r for r in card.indicators if r.notes]
    if noted:
        out += ["", "## Errata and readings of ours", ""]
        out += [f"- {r.clause} {md(r.title)} ({kind}): {md(text)}" for r in noted for kind, text in r.notes]
    return "\n".join(out) + "\n"


def diff_table(changes: list[Change], old: str, new: str) -> str:
    """A semantic diff for the terminal (diff, import-xlsx)."""
    head = f"{old} → {new}: {len(changes)} change(s)"
    if not changes:
        return head
    rows = [[c.kind, c.what, c.clause, c.id, c.detail] for c in changes]
    return head + "\n" + text_table(rows, headers=["change", "what", "clause", "id", "detail"], tablefmt="simple", disable_numparse=True)


def diff_json(changes: list[Change], old: str, new: str) -> dict[str, Any]:
    """The semantic diff as JSON (``parkscore.diff/1``)."""
    return {"schema": "parkscore.diff/1", "old": old, "new": new, "changes": [c.to_json() for c in changes]}


def csv_line(cells: list[Any], defused: bool = True) -> str:
    """One CSV line of cells (None: empty); with ``defused``, text a spreadsheet would run as a
    formula is defused (cells that hold what a park or a user wrote)."""
    if defused:
        from parkscore.engine.analysis.compare import defuse

        cells = [defuse(v) if isinstance(v, str) else "" if v is None else v for v in cells]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()
