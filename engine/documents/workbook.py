"""Workbooks people edit in Excel, and reading them back checked.

* ``standard_xlsx``: a standard for a committee: 表1 and one sheet per category with one row per
  band, level, count, trend or exemption (clause, id, kind, the condition in words, the bounds,
  points, wording, the rule's file:line) and a hidden sheet with the version's fingerprint.
  The bounds (operator and number), points and wording are the cells a member edits.
* ``import_xlsx``: an edited workbook read back against the standard it was made from: every
  edited cell validated (diagnostics name ``book.xlsx:产业发展!F5``), the edits turned into an
  amendment (``override indicator`` blocks of the rule text, changed lines regenerated), which
  the normal loader checks and ``diff`` compares with the base. Nothing is written unless asked,
  and never over existing rule files.
* ``template_xlsx``: the data-collection form a park fills: one row per datum (id, title, unit,
  kind, allowed levels as a dropdown, value, source), read back by ``read_form``.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind, InputKind
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, FirstErrors, SourceMap, check_workbook
from parkscore.dsl.numbers import plain
from parkscore.dsl.printer import quote, rule_text
from parkscore.dsl.span import Span
from parkscore.engine.documents.document import StandardDocument, band_words, written
from parkscore.engine.population.tables import column_name, shown
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import ParkData, _wrap

META = "_parkscore"  # the hidden sheet: what the workbook was made from
COLUMNS = ("clause", "id", "kind", "指标 (generated)", "lower op", "lower", "upper op", "upper", "points", "wording", "rule")
EDITABLE = {"lower op", "lower", "upper op", "upper", "points", "wording"}
_LOWER = {"≥": ">=", ">=": ">=", ">": ">"}
_UPPER = {"≤": "<=", "<=": "<=", "<": "<"}


def fingerprint(cs: CompiledStandard) -> str:
    """sha256 over the version's rule files, as loaded."""
    h = hashlib.sha256()
    for name in sorted(cs.std.files):
        h.update(f"{name}\0{cs.sources.digest(name)}\n".encode())
    return h.hexdigest()


def _sheet_title(title: str, used: set[str]) -> str:
    t = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "sheet"
    while t in used:
        t = t[:29] + f"_{len(used)}"
    used.add(t)
    return t


def _bounds(test: ast.Compare) -> tuple[str, Decimal | None, str, Decimal | None]:
    """A band's interval as the workbook shows it: lower op and bound, upper op and bound."""
    parts = _interval_cells(test)
    assert parts is not None, "bands of a checked standard are intervals"
    return parts


def _interval_cells(test: ast.Compare) -> tuple[str, Decimal | None, str, Decimal | None] | None:
    """``_bounds``, or None for a comparison that is no interval (an edit such as 0.2 < x <= 0.1)."""
    from parkscore.dsl.intervals import Interval, interval_of

    iv = interval_of(test, next(o.name for o in test.operands if isinstance(o, ast.Ref)))
    if not isinstance(iv, Interval):
        return None
    lo_op = "" if iv.lo is None else ("≥" if iv.lo_incl else ">")
    hi_op = "" if iv.hi is None else ("≤" if iv.hi_incl else "<")
    return lo_op, iv.lo, hi_op, iv.hi


def _generated(ind: ast.Indicator, r: ast.Rule) -> str:
    """A row's 指标 column: the rule in words, written from the rule (a band as the standard prints it)."""
    if isinstance(r, ast.Band):
        return band_words(r.test, ind.title + (f"（{ind.unit}）" if ind.unit else ""))
    return r.name if isinstance(r, ast.Level) else rule_text(r, wording=False)


def _print_setup(ws: Any) -> None:
    """Printed as people print a standard's tables: landscape A4, every column on one page's
    width, the header row repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def standard_xlsx(doc: StandardDocument, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    cs = doc.cs
    wb = Workbook()
    summary = wb.active
    summary.title = "表1"
    summary.append(["一级指标", "序号", "二级指标", "单位", "指标要求", "分值"])
    for row in doc.summary():
        summary.append(list(row[:5]) + [Decimal(row[5])])
    used = {"表1", META}
    bold = Font(bold=True)
    editable = PatternFill("solid", fgColor="FFF8E1")
    for cat in cs.std.categories:
        ws = wb.create_sheet(_sheet_title(cat.title, used))
        ws.append(list(COLUMNS))
        for c in ws[1]:
            c.font = bold
        ops_lo = DataValidation(type="list", formula1='"≥,>"', allow_blank=True)
        ops_hi = DataValidation(type="list", formula1='"≤,<"', allow_blank=True)
        ws.add_data_validation(ops_lo)
        ws.add_data_validation(ops_hi)
        for ind in cat.indicators:
            above: tuple[ast.Compare | None, str, Decimal | None, str, Decimal | None] | None = None  # the band on the row above
            for r in ind.rules:
                where = f"{r.span.file}:{r.span.line}"
                if isinstance(r, ast.Band):
                    lo_op, lo, hi_op, hi = _bounds(r.test)
                    ws.append([ind.clause, ind.id, "band", _generated(ind, r), lo_op, lo, hi_op, hi, r.points, r.wording, where])
                    n = ws.max_row
                    ops_lo.add(f"E{n}")
                    ops_hi.add(f"G{n}")
                    if above is not None and above[0] == r.when:  # a bound shared with the band above (of its tier)
                        _, a_lo_op, a_lo, a_hi_op, a_hi = above   # is a formula on it: one edit moves both
                        if lo is not None and a_hi == lo and {a_hi_op, lo_op} in ({"≤", ">"}, {"<", "≥"}):
                            ws[f"F{n}"] = f"=H{n - 1}"
                        elif hi is not None and a_lo == hi and {a_lo_op, hi_op} in ({"≥", "<"}, {">", "≤"}):
                            ws[f"H{n}"] = f"=F{n - 1}"
                    above = (r.when, lo_op, lo, hi_op, hi)
                    continue
                above = None
                if isinstance(r, ast.Level):
                    ws.append([ind.clause, ind.id, "level", _generated(ind, r), None, None, None, None, r.points, r.wording, where])
                elif isinstance(r, ast.Exempt):
                    ws.append([ind.clause, ind.id, "exempt", _generated(ind, r), None, None, None, None, r.points, r.wording, where])
                elif isinstance(r, (ast.Count, ast.Trend)):
                    ws.append([ind.clause, ind.id, "count" if isinstance(r, ast.Count) else "trend", _generated(ind, r),
                               None, None, None, None, r.cap if isinstance(r, ast.Count) else r.points, getattr(r, "wording", None), where])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if COLUMNS[c.column - 1] in EDITABLE:
                    c.fill = editable
                c.alignment = Alignment(wrap_text=COLUMNS[c.column - 1] in ("指标 (generated)", "wording"), vertical="top")
        for letter, width in zip("ABCDEFGHIJK", (8, 24, 8, 44, 8, 10, 8, 10, 8, 44, 40)):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    for ws in wb.worksheets:
        _print_setup(ws)
    meta = wb.create_sheet(META)
    meta.append(["standard", cs.ref])
    meta.append(["fingerprint", fingerprint(cs)])
    meta.append(["kind", "parkscore standard workbook"])
    meta.sheet_state = "hidden"
    wb.save(str(path))


# ---- reading an edited workbook back ---------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What an edited workbook says: the amendment's text (empty if nothing changed), the rows
    that changed, each as (sheet!row, what), and the amendment as the loader read and checked it."""

    base: str
    text: str
    edits: tuple[tuple[str, str], ...]
    fingerprint_matches: bool
    std: ast.Standard | None = None  # the amendment loaded and checked (None when nothing changed)


def _cell_span(path: str, sheet: str, row: int, col: int, offsets: list[tuple[int, int]] | None = None) -> Span:
    """A cell (``book.xlsx:环境绩效!H22``), placed in its row's line as diagnostics quote it
    (``offsets``: where each cell of the row is in that line, from ``shown``)."""
    start, end = (0, 1)
    if offsets and col - 1 < len(offsets):
        start, end = offsets[col - 1]
    return Span(f"{path}:{sheet}", row, start + 1, row, max(end, start + 1) + 1, cell=f"!{column_name(col)}{row}")


def _shown_row(row: tuple[Any, ...]) -> tuple[str, list[tuple[int, int]]]:
    return shown(["" if v is None else str(v) for v in row])


def _number(v: Any) -> Decimal | None:
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        raise ValueError
    if isinstance(v, float):
        return Decimal(repr(v))
    try:
        return Decimal(str(v).strip())
    except InvalidOperation:
        raise ValueError from None


def import_xlsx(path: str | Path, cs: CompiledStandard, version: str) -> Imported:
    """Read an edited standard workbook back against ``cs`` (see the module docstring)."""
    from openpyxl import load_workbook

    name = str(path)
    whole = Span(name, 1, 1, 1, 1)
    check_workbook(name, "X100")
    try:
        wb = load_workbook(name, read_only=True)  # streamed: a sheet of any length, rows read once
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DiagnosticError([Diagnostic("X100", f"cannot read {name} as a workbook: {exc}", whole, "give an .xlsx file")]) from None
    if META not in wb.sheetnames:
        wb.close()
        raise DiagnosticError([Diagnostic("X100", f"{name} was not made by `parkscore render --format xlsx` (it has no {META} sheet)", whole,
                                          "render the standard to a workbook, edit that one, and read it back")])
    diags = FirstErrors()  # a sheet of 200,000 copied rows is 200,000 errors
    sources = SourceMap()
    sheets = _resolved(_sheet_rows(wb), lambda: _sheet_rows(load_workbook(name, data_only=True, read_only=True)))
    meta = {r[0]: r[1] for title, rows in sheets if title == META for r in rows if r and r[0]}
    if meta.get("kind") != "parkscore standard workbook":
        raise DiagnosticError([Diagnostic("X100", f"{name} is a {meta.get('kind') or 'workbook'}, not a standard workbook", whole,
                                          "a data-collection form is read by `parkscore score`")])
    matches = meta.get("fingerprint") == fingerprint(cs)
    by_id = {i.id: i for i in cs.std.indicators}
    changed: dict[str, dict[int, str]] = {}  # indicator id -> {source line: new rule text}
    edits: list[tuple[str, str]] = []
    seen: dict[str, tuple[str, int]] = {}  # a rule (file:line) -> the sheet and row that gave it
    edited: set[tuple[str, int, int]] = set()  # the cells (sheet, row, column) whose value changed
    by_sheet = dict(sheets)

    def offsets(sheet: str, n: int) -> list[tuple[int, int]] | None:
        """Where the cells of row ``n`` are in its quoted line (worked out when a diagnostic needs it)."""
        rows = by_sheet.get(sheet, [])
        return _shown_row(rows[n - 1])[1] if 0 < n <= len(rows) else None

    for title, rows in sheets:
        if title in (META, "表1"):
            continue
        if not rows or tuple(rows[0][: len(COLUMNS)]) != COLUMNS:
            continue
        sources.add(f"{name}:{title}", "\n".join(_shown_row(row)[0] for row in rows))  # line n is row n, as spans say
        for n, row in enumerate(rows[1:], start=2):
            def at(col: int, n: int = n, sheet: str = title) -> Span:
                return _cell_span(name, sheet, n, col, offsets(sheet, n))

            cells = dict(zip(COLUMNS, list(row) + [None] * (len(COLUMNS) - len(row))))
            ind = by_id.get(str(cells["id"]))
            where = str(cells["rule"] or "")
            rule = next((r for r in ind.rules if f"{r.span.file}:{r.span.line}" == where), None) if ind else None
            if ind is None or rule is None:
                diags.add(Diagnostic("X101", f"row {n} names no rule of {cs.ref} (id '{cells['id']}', rule '{where}')",
                                        at(2), "rows are generated by `parkscore render --format xlsx`; add rules in the rule files"))
                continue
            if where in seen:  # a copied row: which of the two would be the rule?
                diags.add(Diagnostic("X104", f"row {n} repeats the rule of {seen[where][0]}!{seen[where][1]} ({where})", at(11),
                                        "delete one of the two rows; a new band is added in the rule files"))
                continue
            seen[where] = (title, n)
            if str(cells["clause"] or "").strip() != ind.clause:
                diags.add(Diagnostic("X104", f"the clause of row {n} reads '{cells['clause']}', the rule's is {ind.clause}", at(1),
                                        "a clause is renumbered in the rule files; the workbook edits bounds, points and wording"))
                continue
            if matches and str(cells["指标 (generated)"] or "") != _generated(ind, rule):  # (an older version wrote other words)
                diags.add(Diagnostic("X104", f"row {n}'s 指标 column is written from the rule; an edit there is not read", at(4),
                                        "change the bounds (lower op, lower, upper op, upper), the points or the wording"))
                continue
            problems: list[Diagnostic] = []
            new = _edited(rule, cells, at, problems)
            diags.add(*problems)
            if new is not None and new != rule:
                line = rule.span.line
                changed.setdefault(ind.id, {})[line] = rule_text(new)
                edits.append((f"{title}!{n}", f"{ind.clause} {ind.id}: {rule_text(rule)}  →  {rule_text(new)}"))
                edited.update((title, n, col) for col in _changed_columns(rule, new))
    if diags.kept:
        raise DiagnosticError(diags.told(whole, "in this workbook", "fix the errors shown (often one cause) and read the workbook again"),
                              sources)
    if not changed:
        return Imported(cs.ref, "", (), matches)
    text, line_rules = _amendment(cs, version, changed)
    placed = _Cells(name, f"{name} ({version})", {n: seen[w] for n, w in line_rules.items() if w in seen}, edited, offsets)
    return Imported(cs.ref, text, tuple(edits), matches, _load_amendment(placed, text, sources))


def rendered_from(path: str | Path) -> str | None:
    """The standard a standard workbook says it was rendered from (its hidden sheet), if it says one."""
    meta = _meta(path)
    return str(meta["standard"]) if meta.get("kind") == "parkscore standard workbook" and meta.get("standard") else None


def _meta(path: str | Path) -> dict[Any, Any]:
    """The key-value rows of a workbook's hidden sheet (``META``), the first value of each key; empty
    for anything else (not a workbook, a zip bomb, no such sheet): the readers say what it is."""
    from openpyxl import load_workbook

    if Path(path).suffix.lower() != ".xlsx":
        return {}
    try:
        check_workbook(path)
        wb = load_workbook(str(path), read_only=True)
    except Exception:  # noqa: BLE001 - not a workbook, or a zip bomb
        return {}
    try:
        if META not in wb.sheetnames:
            return {}
        wb[META].reset_dimensions()
        meta: dict[Any, Any] = {}
        for r in wb[META].iter_rows(values_only=True):
            if r and len(r) > 1:
                meta.setdefault(r[0], r[1])
        return meta
    except Exception:  # noqa: BLE001 - unreadable XML
        return {}
    finally:
        wb.close()  # a read-only workbook holds its file open until closed


def _sheet_rows(wb: Any) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every sheet's rows as values (formulas as their text, or their cached results)."""
    try:
        out = []
        for ws in wb.worksheets:
            ws.reset_dimensions()  # every row, whatever <dimension> the file declares
            out.append((ws.title, list(ws.iter_rows(values_only=True))))
        return out
    finally:
        wb.close()


_REF = re.compile(r"=\s*\$?([A-Za-z]{1,3})\$?([0-9]{1,7})\s*")


def _resolved(formulas: list[tuple[str, list[tuple[Any, ...]]]], cached: Callable[[], list[tuple[str, list[tuple[Any, ...]]]]]
              ) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The sheets as a person sees them: a formula that names one cell of its sheet (``=H22``, as
    the rendered workbook links a band's bound to the band above) has that cell's value, followed
    here, so a workbook edited by a program that does not compute formulas reads the same; any
    other formula has the result the spreadsheet program stored (``cached``: the sheets read again
    for their stored results, only when there is such a formula), or stays its text (not a number)."""
    other = any(isinstance(v, str) and v.startswith("=") and not _REF.fullmatch(v) for _, rows in formulas for row in rows for v in row)
    stored = dict(cached()) if other else {}
    return [(title, [tuple(_value(rows, stored.get(title, []), r, c) for c in range(len(row))) for r, row in enumerate(rows)])
            for title, rows in formulas]


def _value(rows: list[tuple[Any, ...]], results: list[tuple[Any, ...]], r: int, c: int, depth: int = 0) -> Any:
    """Cell (r, c) of a sheet (0-based) with a one-cell formula followed (see ``_resolved``)."""
    from openpyxl.utils import column_index_from_string

    v = rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else None
    if not (isinstance(v, str) and v.startswith("=")):
        return v
    m = _REF.fullmatch(v)
    if m and depth < 100:
        return _value(rows, results, int(m[2]) - 1, column_index_from_string(m[1].upper()) - 1, depth + 1)
    result = results[r][c] if r < len(results) and c < len(results[r]) else None
    return v if result is None else result


def _changed_columns(old: ast.Rule, new: ast.Rule) -> list[int]:
    """The workbook columns (1-based) whose value differs between a row's rule and its edit."""
    cols = []
    if isinstance(old, ast.Band) and isinstance(new, ast.Band):
        a, b = _bounds(old.test), _interval_cells(new.test)
        cols += [c for c, x, y in zip((5, 6, 7, 8), a, b) if x != y] if b is not None else [6, 8]
    old_points = old.cap if isinstance(old, ast.Count) else getattr(old, "points", None)
    new_points = new.cap if isinstance(new, ast.Count) else getattr(new, "points", None)
    return cols + [9] * (old_points != new_points) + [10] * (getattr(old, "wording", None) != getattr(new, "wording", None))


@dataclass(frozen=True)
class _Cells:
    """Where the amendment's lines came from: ``rows`` maps a line of the amendment to the sheet and
    row of the rule it regenerates; ``edited`` holds the cells the person changed."""

    book: str
    amendment: str  # the amendment's name as the loader sees it
    rows: dict[int, tuple[str, int]]
    edited: set[tuple[str, int, int]]
    offsets: Callable[[str, int], list[tuple[int, int]] | None]  # a row's cells in its quoted line

    def span(self, sheet: str, row: int, col: int) -> Span:
        return _cell_span(self.book, sheet, row, col, self.offsets(sheet, row))

    def row_of(self, span: Span) -> tuple[str, int] | None:
        return self.rows.get(span.line) if span.file == self.amendment else None


def _load_amendment(cells: _Cells, text: str, sources: SourceMap) -> ast.Standard:
    """The amendment the edits make, loaded in memory by the one loader and checked with every
    check; its diagnostics are placed at the cells their rules came from (the cell the person
    edited, where the fix involves it) and a hint names the cells that would fix a gap or overlap."""
    from parkscore.dsl.load import StandardSource, load_source

    loaded = load_source(StandardSource(cells.amendment, ((cells.amendment, text),)), keep=False)
    if loaded.std is not None and not loaded.errors:
        return loaded.std
    bands = {r.span.line: r for ind in (loaded.std.indicators if loaded.std else []) for r in ind.rules_of(ast.Band)
             if r.span.file == cells.amendment}
    sources.update(loaded.sources)
    raise DiagnosticError([_at_cells(d, cells, bands) for d in loaded.errors], sources)


def _at_cells(d: Diagnostic, cells: _Cells, bands: dict[int, ast.Band]) -> Diagnostic:
    """A diagnostic of the amendment, told at the workbook's cells (see ``_load_amendment``)."""
    from dataclasses import replace

    from parkscore.dsl.diagnostics import Related

    here = cells.row_of(d.span)
    if here is None:
        return d
    moves: list[tuple[str, int, int, str]] = []  # (sheet, row, column, the value that would fix it)
    for fix in d.fixes:
        for e in fix.edits:
            at, band = cells.row_of(e.span), bands.get(e.span.line)
            num = next((o for o in band.test.operands if isinstance(o, ast.Num) and o.span.col == e.span.col), None) if band else None
            if at is not None and band is not None and num is not None:
                moves.append((*at, 6 if num.value == _bounds(band.test)[1] else 8, e.text))
    mine = [m for m in moves if m[:3] in cells.edited] + [m for m in moves if m[:2] == here]
    place = mine[0][:3] if mine else (*here, next((c for s, r, c in sorted(cells.edited) if (s, r) == here), 4))

    def rows(text: str | None) -> str | None:
        return None if text is None else re.sub(r"\bline (\d+)", lambda m: _row_words(cells.rows.get(int(m[1])), m[0]), text)

    hint = rows(d.hint)
    if moves:
        hint = "write " + ", or ".join(f"{v} in {s}!{column_name(c)}{r} (the {'lower' if c == 6 else 'upper'} bound of row {r})"
                                       for s, r, c, v in moves) + "; a new band is added in the rule files"
    related = tuple(Related(cells.span(*at, next((c for s, r, c, _ in moves if (s, r) == at), 4)), rows(rel.message) or "")
                    for rel in d.related if (at := cells.row_of(rel.span)) is not None)
    return replace(d, message=rows(d.message) or d.message, span=cells.span(*place), hint=hint, related=related, fixes=())


def _row_words(at: tuple[str, int] | None, fallback: str) -> str:
    return f"row {at[1]}" if at is not None else fallback


def _edited(rule: ast.Rule, cells: dict[str, Any], at: Callable[[int], Span], diags: list[Diagnostic]) -> ast.Rule | None:
    """The rule as its row now says, or None if a cell is wrong (``at(column)``: a cell's span)."""
    from dataclasses import replace

    col = {c: i + 1 for i, c in enumerate(COLUMNS)}
    before = len(diags)

    unread: set[str] = set()  # cells that hold no number: said once, not again as a missing bound

    def num(key: str) -> Decimal | None:
        try:
            v = _number(cells[key])
        except ValueError:
            diags.append(Diagnostic("X102", f"'{cells[key]}' is not a number", at(col[key]), "write a number such as 0.05"))
            unread.add(key)
            return None
        if v is not None and v < 0:
            diags.append(Diagnostic("X102", f"{v} is negative", at(col[key]), "points and bounds are >= 0"))
        return v

    points = num("points")
    wording = cells["wording"] if cells["wording"] not in ("", None) else None
    if isinstance(rule, ast.Band):
        lo, hi = num("lower"), num("upper")
        lo_op, hi_op = str(cells["lower op"] or "").strip(), str(cells["upper op"] or "").strip()
        for key, op, table, bound in (("lower op", lo_op, _LOWER, lo), ("upper op", hi_op, _UPPER, hi)):
            if key.removesuffix(" op") in unread:
                continue
            if op and op not in table:
                diags.append(Diagnostic("X103", f"'{op}' is not an operator here", at(col[key]),
                                        "lower: ≥ or >; upper: ≤ or <"))
            elif bool(op) != (bound is not None):
                diags.append(Diagnostic("X103", "an operator and its bound go together", at(col[key]),
                                        "fill both, or clear both for an open end"))
        if lo is None and hi is None and not unread and len(diags) == before:
            diags.append(Diagnostic("X103", "a band needs a lower or an upper bound", at(col["lower"])))
        if len(diags) > before or points is None:
            if points is None and len(diags) == before:
                diags.append(Diagnostic("X102", "points are missing", at(col["points"])))
            return None
        var = next(o for o in rule.test.operands if isinstance(o, ast.Ref))
        operands: list[ast.Num | ast.Ref] = []
        ops: list[str] = []
        ascending = isinstance(rule.test.operands[0], ast.Num) and rule.test.ops[0] in ("<", "<=")
        if lo is not None and hi is not None and ascending:  # as the rule was written: lo < x <= hi
            operands += [ast.Num(lo, plain(lo)), var, ast.Num(hi, plain(hi))]
            ops += [{">=": "<=", ">": "<"}[_LOWER[lo_op]], _UPPER[hi_op]]
        elif lo is not None:  # or as the standard prints it: hi > x >= lo, or x >= lo
            if hi is not None:
                operands += [ast.Num(hi, plain(hi)), var, ast.Num(lo, plain(lo))]
                ops += [{"<=": ">=", "<": ">"}[_UPPER[hi_op]], _LOWER[lo_op]]
            else:
                operands += [var, ast.Num(lo, plain(lo))]
                ops.append(_LOWER[lo_op])
        else:
            assert hi is not None
            operands += [var, ast.Num(hi, plain(hi))]
            ops.append(_UPPER[hi_op])
        test = ast.Compare(tuple(operands), tuple(ops))
        same_test = _interval_cells(test) == _bounds(rule.test)
        return replace(rule, test=rule.test if same_test else test, points=points, wording=wording)
    if len(diags) > before:
        return None
    if isinstance(rule, ast.Level) and points is not None:
        return replace(rule, points=points, wording=str(wording or rule.wording))
    if isinstance(rule, (ast.Exempt, ast.Trend)) and points is not None:
        return replace(rule, points=points, wording=None if wording is None else str(wording))
    if isinstance(rule, ast.Count) and points is not None:
        return replace(rule, cap=points)
    return rule


def _amendment(cs: CompiledStandard, version: str, changed: dict[str, dict[int, str]]) -> tuple[str, dict[int, str]]:
    """``override indicator`` blocks: the indicator's rule text as written, changed lines
    regenerated; and for each line of it that is a rule, the rule's place (file:line) in ``cs``."""
    h = cs.std.header
    q = quote
    out = [f'standard {q(h.family)} version {q(version)}', f'amends {q(cs.ref)}',
           f'title {q((h.title or h.family) + "（由工作簿修改的草案）")}', f'source {q(f"edited from a workbook of {cs.ref}")}',
           'status "draft"']
    if h.total is not None:
        out.append(f"total {plain(h.total)}")
    if h.pass_mark is not None:
        out.append(f"pass total >= {plain(h.pass_mark)}" + (f" {q(h.pass_note)}" if h.pass_note else ""))
    out.append("")
    lines: dict[int, str] = {}
    for ind in cs.std.indicators:
        if ind.id not in changed:
            continue
        file = ind.span.file
        lines_of = written(cs, ind)
        end = ind.span.line + len(lines_of) - 1
        block = []
        for i, text in zip(range(ind.span.line, end + 1), lines_of):
            if i in changed[ind.id]:
                indent = text[: len(text) - len(text.lstrip())]
                block.append(indent + changed[ind.id][i])
            else:
                block.append(text)
        while block and not block[-1].strip():
            block.pop()
        out += [f"# {ind.clause}: edited in the workbook", "override " + block[0].lstrip()]
        rules = {r.span.line for r in ind.rules}
        if rules:  # a diagnostic on the indicator itself is told at its first row
            lines[len(out)] = f"{file}:{min(rules)}"
        for i, text in zip(range(ind.span.line + 1, end + 1), block[1:]):
            out.append(text)
            if i in rules:
                lines[len(out)] = f"{file}:{i}"
        out.append("")
    return "\n".join(out), lines


# ---- the data-collection form ----------------------------------------------------------------


FORM_KIND = "parkscore data-collection form"
FORM_COLUMNS = ("key", "title", "unit", "kind", "allowed", "value", "source")


def template_xlsx(cs: CompiledStandard, path: str | Path) -> None:
    """The form a park fills: one row per datum the standard reads (see ``read_form``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["park", None, None, None, None, None, None])
    ws.append(["period", None, None, None, None, None, None])
    ws.append(list(FORM_COLUMNS))
    for c in ws[3]:
        c.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF8E1")
    for cell in ("B1", "B2"):
        ws[cell].fill = fill
    yes_no = DataValidation(type="list", formula1='"true,false"', allow_blank=True)
    ws.add_data_validation(yes_no)
    levels: list[tuple[str, str, str]] = []  # (key, level, wording): a level may be filled in with its wording
    for key, dk in cs.std.data_keys.items():
        decl = dk.decl
        if dk.kind is InputKind.SERIES:
            continue  # figures by year: in a table of parks (key@2019 columns), not in this form
        if isinstance(decl, ast.Indicator) and decl.kind is IndicatorKind.BAND and decl.formula is not None:
            continue  # computed from the inputs; a value given directly would bypass the formula
        if dk.kind is InputKind.ITEMS and isinstance(decl, ast.Indicator):
            continue  # a count: its items are listed under the input it counts, a row of its own
        title = decl.title
        allowed = ""
        wordings: list[tuple[str, str]] = []
        if dk.kind is InputKind.LEVEL:
            assert isinstance(decl, ast.Indicator)
            wordings = [(lv.name, lv.wording or "") for lv in decl.rules_of(ast.Level)]
            levels.extend((key, name, words) for name, words in wordings)
            allowed = ",".join(name for name, _ in wordings)
        elif dk.kind is InputKind.BOOL:
            allowed = "true,false"
        elif dk.kind is InputKind.ITEMS:
            allowed = "items separated by ;"
        shown_allowed = "; ".join(f"{name} = {words}" if words else name for name, words in wordings) or allowed
        ws.append([key, title, str(dk.unit) if dk.unit else "", dk.kind.value, shown_allowed, None, None])
        row = ws.max_row
        ws[f"F{row}"].fill = fill
        ws[f"G{row}"].fill = fill
        if dk.kind is InputKind.LEVEL:
            dv = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"F{row}")
        elif dk.kind is InputKind.BOOL:
            yes_no.add(f"F{row}")
    for letter, width in zip("ABCDEFG", (30, 50, 10, 8, 30, 16, 30)):
        ws.column_dimensions[letter].width = width
    _print_setup(ws)
    ws.print_title_rows = "3:3"
    meta = wb.create_sheet(META)
    meta.append(["standard", cs.ref])
    meta.append(["kind", FORM_KIND])
    for key, name, words in levels:
        meta.append(["level", key, name, words])
    meta.sheet_state = "hidden"
    wb.save(str(path))


def is_form(path: str | Path) -> bool:
    """Is this .xlsx a data-collection form made by ``template_xlsx``?"""
    return _meta(path).get("kind") == FORM_KIND


def read_form(path: str | Path) -> ParkData:
    """A filled form as park data: every value keeps its cell (``form.xlsx:data!F12``), so the
    data diagnostics of YAML files apply unchanged; an empty value is no data."""
    from openpyxl import load_workbook

    name = str(path)
    check_workbook(name, "D100")
    book = load_workbook(name, data_only=True)
    if "data" not in book.sheetnames:
        raise DiagnosticError([Diagnostic("D102", f"the form {name} has no 'data' sheet", Span(name, 1, 1, 1, 1),
                                          "fill the form that `parkscore template` wrote, keeping its sheets")])
    ws = book["data"]
    rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    texts = [shown([_cell_text(v) for v in row]) for row in rows]
    sheet = f"{name}:data"

    offsets = [o for _, o in texts]

    def span(n: int, col: int) -> Span:
        return _cell_span(name, "data", n, col, offsets[n - 1] if 0 < n <= len(offsets) else None)

    by_wording = {(str(r[1]), str(r[3]).strip()): str(r[2]) for r in book[META].iter_rows(values_only=True)
                  if META in book.sheetnames and r and r[0] == "level" and len(r) > 3 and r[3]} if META in book.sheetnames else {}
    entries: dict[str, tuple[Any, Span, Span]] = {}
    for n, row in enumerate(rows[3:], start=4):
        cells = dict(zip(FORM_COLUMNS, list(row) + [""] * len(FORM_COLUMNS)))
        value = cells["value"]
        if value == "" or (isinstance(value, str) and not value.strip()):
            continue
        at = span(n, 6)
        kind, unit, source = str(cells["kind"]), str(cells["unit"] or ""), str(cells["source"] or "").strip()
        fields: dict[str, Any] = {}
        if kind == "number":
            number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            if number is not None and unit:
                fields = {"value": number, "unit": unit}
            else:
                fields = {"value": str(value).strip() if number is None else number}
        elif kind == "items":
            fields = {"items": [p.strip() for p in str(value).replace("；", ";").split(";") if p.strip()]}
        elif kind == "bool":
            flag = value if isinstance(value, bool) else {"true": True, "false": False, "是": True, "否": False}.get(str(value).strip().lower())
            fields = {"value": flag if flag is not None else str(value)}
        else:  # a level: its name, or its wording as the form shows it
            text = str(value).strip()
            fields = {"level": by_wording.get((str(cells["key"]), text), text)}
        if source:
            fields["source"] = source
        entries[str(cells["key"])] = (_wrap(fields, at), at, span(n, 1))
    park = str(rows[0][1]).strip() if rows and len(rows[0]) > 1 else ""
    period = str(rows[1][1]).strip() if len(rows) > 1 and len(rows[1]) > 1 and rows[1][1] != "" else None
    if not park:
        sources = SourceMap()
        sources.add(sheet, "\n".join(t for t, _ in texts))
        raise DiagnosticError([Diagnostic("D102", "the form names no park" + ("" if entries else " and gives no figure: it is empty"),
                                          span(1, 2), "write the park's name in data!B1")], sources)
    return ParkData(park, period, False, None, sheet, entries, "\n".join(t for t, _ in texts))


def _cell_text(v: Any) -> str:
    return "" if v is None else repr(v) if isinstance(v, float) else str(v)


def rows_xlsx(columns: list[str], rows: list[dict[str, Any]], sheet: str = "scored") -> bytes:
    """A table of rows as an .xlsx workbook (bytes): one column per name, a row per dict; text is
    always stored as text, so a cell someone wrote as ``=…`` is never run as a formula."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(columns)
    for r in rows:
        ws.append([None if r.get(c) is None else r[c] if isinstance(r.get(c), (int, float, Decimal, bool)) else str(r[c]) for c in columns])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store '=…' as a formula
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
