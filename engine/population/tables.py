"""Tables of parks: CSV, XLSX and Parquet files and DataFrames, one row per park and period.

Layout (docs/park-data.md, "Tables of parks"):

* a header row names the columns: ``park`` (required), ``period``, ``synthetic``, ``source``, and
  data keys of the standard; a unit is written in the header (``COD_emitted [t]``) or in a units
  row right below it whose first cell is ``unit`` or ``单位``; a figure by year takes one column
  per year, ``carbon_intensity_by_year@2019 [tCO2/万元]``;
* a cell holds what the YAML ``data`` section would: a number (with the column's unit, or its own
  ``520 t``), a level name, ``true``/``false`` (also ``是``/``否``, ``yes``/``no``), or evidenced
  items separated by ``;``; an empty cell is **no data**.

Every row becomes a ``ParkData`` whose positions are cells (``parks.xlsx:Sheet1!F12``), so the
data diagnostics and traces of YAML files apply unchanged; a row with errors is reported and the
next row is read (a bad row never stops the good ones).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator

from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, check_workbook, decode, read_bytes
from parkscore.dsl.span import Span
from parkscore.dsl.text import encoding_hint
from parkscore.engine.scoring.data import ParkData
from parkscore.engine.scoring.yamlread import Marked

TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
# spreadsheets people have that parkscore refuses by name (rather than reading them as YAML)
REFUSED = {".ods": "a LibreOffice Calc spreadsheet (.ods)", ".xls": "an Excel 97-2003 workbook (.xls)",
           ".numbers": "an Apple Numbers spreadsheet", ".et": "a WPS spreadsheet (.et)"}
META_KEYS = ("park", "period", "synthetic", "source")  # the columns that say which park a row is, not its data
_HEADER = re.compile(r"^\s*(?P<key>[^\s\[@]+)(?:@(?P<year>\d{4}))?\s*(?:\[(?P<unit>[^\]]*)\])?\s*$")
_TRUE, _FALSE = {"true", "yes", "是"}, {"false", "no", "否"}


def is_table(path: str | Path) -> bool:
    """A table of parks by its suffix (a refused spreadsheet too: reading it says why not)."""
    return Path(path).suffix.lower() in TABLE_SUFFIXES or Path(path).suffix.lower() in REFUSED


def column_name(n: int) -> str:
    """Spreadsheet column letters: 1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


@dataclass(frozen=True)
class Column:
    key: str
    year: int | None
    unit: str | None
    index: int  # 0-based
    name: str = ""  # as the header writes it: "COD_emitted [t]"


@dataclass
class Row:
    """One park-period read from a table: its data, or the diagnostics that stop it."""

    where: str  # the row's first cell: parks.xlsx:Sheet1!A12
    park: ParkData | None
    diagnostics: list[Diagnostic]
    sources: SourceMap


class Table:
    """A table of parks, read lazily row by row (``rows()``), with the name positions carry."""

    def __init__(self, name: str, cells: Iterator[list[Any]], sheet: str | None = None) -> None:
        self.name = name if sheet is None else f"{name}:{sheet}"
        self._sep = ":" if sheet is None else "!"
        self._cells = cells
        self.header_sources = SourceMap()  # the header row as diagnostics quote it
        self._header: list[Column] | None = None
        self.header_offsets: list[tuple[int, int]] = []  # where each header cell is in the line diagnostics quote
        self._first = 2  # the first data row: its number and cells
        self._pending: list[Any] | None = None

    def span(self, row: int, col: int, offsets: list[tuple[int, int]] | None = None) -> Span:
        """The span of cell (row, col); ``offsets`` place it in the row as shown (``shown``)."""
        start, end = offsets[col - 1] if offsets and col - 1 < len(offsets) else (0, 1)
        return Span(self.name, 1, start + 1, 1, max(end, start + 1) + 1, cell=f"{self._sep}{column_name(col)}{row}")

    def header(self) -> list[Column]:
        """The columns, from the header row and an optional units row (read once)."""
        if self._header is None:
            header = next(self._cells, None)
            if isinstance(header, Unreadable):
                raise DiagnosticError([Diagnostic("D100", f"cannot read {self.name}: {header.why}", Span(self.name, 0, 0, 0, 0))])
            if header is None:
                raise DiagnosticError([Diagnostic("D102", "the table is empty: it needs a header row with 'park' and data keys",
                                                  Span(self.name, 1, 1, 1, 1))])
            names = [_text(c) for c in header]
            self._first, self._pending = 2, next(self._cells, None)
            units: list[str] = [""] * len(names)
            pending = self._pending
            if pending is not None and _text(pending[0] if pending else "").lower() in ("unit", "units", "单位"):
                units = [_text(c) for c in pending] + [""] * (len(names) - len(pending))
                self._first, self._pending = 3, next(self._cells, None)
            columns, problems = self._columns(names, units)
            if problems:
                raise DiagnosticError(problems, self.header_sources)
            self._header = columns
        return self._header

    def ignore(self, keys: set[str]) -> None:
        """Leave these columns out of every row (their header cells were reported once)."""
        self._header = [c for c in self.header() if c.key not in keys]

    def header_span(self, col: Column) -> Span:
        return self.span(1, col.index + 1, self.header_offsets)

    def rows(self) -> Iterator[Row]:
        columns = self.header()
        n, pending = self._first, self._pending
        while pending is not None:
            if isinstance(pending, Unreadable):
                where = Span(self.name, 0, 0, 0, 0, cell=f"{self._sep}A{n}")  # the cell, no line quoted: it is what could not be read
                yield Row(str(where), None, [Diagnostic("D107", f"row {n} cannot be read: {pending.why}", where,
                                                        "a cell over 128 KiB (thousands of items?) or an unclosed quote; "
                                                        "split the list, or close the quote")], SourceMap())
            elif any(_text(c) for c in pending):
                yield self._row(n, pending, columns)
            n, pending = n + 1, next(self._cells, None)

    def _columns(self, names: list[str], units: list[str]) -> tuple[list[Column], list[Diagnostic]]:
        cols, problems = [], []
        line, offsets = shown(names)
        self.header_sources.add(self.name, line)
        self.header_offsets = offsets
        for i, name in enumerate(names):
            if not name:
                continue
            m = _HEADER.match(name)
            if m is None:
                problems.append(Diagnostic("D103", f"column '{name}' is not 'key', 'key [unit]' or 'key@year [unit]'",
                                           self.span(1, i + 1, offsets), encoding_hint(name) or "for example: COD_emitted [t]"))
                continue
            unit = m.group("unit") or (units[i] if i < len(units) else "") or None
            cols.append(Column(m.group("key"), int(m.group("year")) if m.group("year") else None, unit, i, name))
        if not any(c.key == "park" for c in cols):
            problems.append(Diagnostic("D102", "the table has no 'park' column", self.span(1, 1, offsets), "name the first column: park"))
        return cols, problems

    def _row(self, n: int, cells: list[Any], columns: list[Column]) -> Row:
        sources = SourceMap()
        line, offsets = shown([_text(c) for c in cells])
        sources.add(self.name, line)
        diags: list[Diagnostic] = []
        meta: dict[str, tuple[str, Span]] = {}  # park, period, synthetic, source: (text, cell)
        entries: dict[str, tuple[Any, Span, Span]] = {}
        series: dict[str, dict[str, Marked]] = {}
        series_unit: dict[str, tuple[str | None, Span]] = {}
        for col in columns:
            raw = cells[col.index] if col.index < len(cells) else None
            text = _text(raw)
            if not text:
                continue
            span = self.span(n, col.index + 1, offsets)
            if col.key in META_KEYS:
                meta[col.key] = (text, span)
                continue
            if col.year is not None:
                value = _number(raw)
                series.setdefault(col.key, {})[str(col.year)] = Marked(value if value is not None else text, span)
                series_unit.setdefault(col.key, (col.unit, span))
                continue
            entries[col.key] = (self._value(raw, text, col, span), span, span)
        for key, years in series.items():
            unit, span = series_unit[key]
            entries[key] = ({"unit": Marked(unit, span), "by_year": Marked(years, span)}, span, span)
        where = self.span(n, 1, offsets)
        if "park" not in meta:
            diags.append(Diagnostic("D102", f"row {n} has no park name", where, "fill the 'park' column"))
        synthetic = False
        if "synthetic" in meta:
            flag = _flag(meta["synthetic"][0])
            if flag is None:
                diags.append(Diagnostic("D130", f"'synthetic' is a yes/no fact, got '{meta['synthetic'][0]}'", meta["synthetic"][1],
                                        "write true or false"))
            synthetic = bool(flag)
        if diags:
            return Row(str(where), None, diags, sources)
        park = ParkData(
            name=meta["park"][0], period=meta["period"][0] if "period" in meta else None, synthetic=synthetic,
            source=meta["source"][0] if "source" in meta else None, path=self.name, entries=entries, text=line,
        )
        return Row(str(where), park, [], sources)

    @staticmethod
    def _value(raw: Any, text: str, col: Column, span: Span) -> Any:
        """A cell as the YAML data section would hold it: a number with the column's unit, a
        yes/no, or the text (a figure with its own unit, a level, items separated by ';')."""
        number = _number(raw)
        if number is not None:
            return {"value": Marked(number, span), "unit": Marked(col.unit, span)} if col.unit else number
        flag = _flag(text)
        return flag if flag is not None else text


def shown(texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A row as diagnostics quote it (cells joined by ' | ') and where each cell is in it."""
    offsets, pos = [], 0
    for t in texts:
        offsets.append((pos, pos + len(t)))
        pos += len(t) + 3
    return " | ".join(texts), offsets


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if v != int(v) or abs(v) >= 1e16 else str(int(v))
    return str(v).strip()


def _number(v: Any) -> Decimal | None:
    """A numeric cell (Excel stores binary doubles: the shortest text that reads back is used)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v)) if v == v and v not in (float("inf"), float("-inf")) else None
    if isinstance(v, Decimal):
        return v
    text = str(v).strip()
    if re.fullmatch(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?", text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return None


def _flag(text: str) -> bool | None:
    low = text.strip().lower()
    return True if low in _TRUE else False if low in _FALSE else None


# ---- readers ------------------------------------------------------------------------------


def read_table(path: str | Path, sheet: str | None = None) -> Table:
    """Open a CSV, XLSX or Parquet table of parks (rows are read lazily)."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        raw = read_bytes(p, "D100", limit=1 << 30)
        try:
            text = decode(raw, p, "D100")
        except DiagnosticError:
            try:  # what Excel saves as "CSV" on a Chinese Windows: GBK, a subset of GB18030
                text = raw.decode("gb18030").replace("\r\n", "\n")
            except UnicodeDecodeError:
                raise DiagnosticError([Diagnostic("D100", f"cannot read {path}: neither UTF-8 nor GBK/GB18030 text", Span(str(path), 0, 0, 0, 0),
                                                  "save it from the spreadsheet as 'CSV UTF-8'")]) from None
        return Table(str(path), _csv_rows(text))
    if suffix in REFUSED:
        raise DiagnosticError([Diagnostic("D100", f"{path} is {REFUSED[suffix]}, which parkscore does not read", Span(str(path), 0, 0, 0, 0),
                                          "save it as .xlsx (Excel 2007-365) or as CSV UTF-8 from the spreadsheet program")])
    if suffix == ".xlsx":
        return _xlsx(p, sheet)
    if suffix == ".parquet":
        return _parquet(p)
    raise DiagnosticError([Diagnostic("D100", f"{path} is not a table parkscore reads (.csv, .xlsx, .parquet)", Span(str(path), 0, 0, 0, 0))])


class Unreadable(list):  # type: ignore[type-arg]
    """A row the CSV reader refused (``csv.Error``): why, in place of its cells."""

    def __init__(self, why: str) -> None:
        super().__init__([why])
        self.why = why


def _csv_rows(text: str) -> Iterator[list[Any]]:
    """The rows of a CSV text; a row the reader refuses (a cell over ``csv.field_size_limit()``,
    128 KiB: an items list of thousands of names) comes as ``Unreadable`` and the next rows are read."""
    reader = csv.reader(text.splitlines())
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Unreadable(str(exc))


def _xlsx(p: Path, sheet: str | None) -> Table:
    import openpyxl

    read_bytes(p, "D100", limit=1 << 30)  # a regular file, within limits
    check_workbook(p, "D100")  # and no zip bomb
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise DiagnosticError([Diagnostic("D100", f"cannot read {p} as a workbook: {exc}", Span(str(p), 0, 0, 0, 0))]) from None
    name = sheet or wb.sheetnames[0]
    if name not in wb.sheetnames:
        wb.close()
        raise DiagnosticError([Diagnostic("D100", f"{p} has no sheet '{name}'", Span(str(p), 0, 0, 0, 0),
                                          "sheets: " + ", ".join(wb.sheetnames))])
    ws = wb[name]
    ws.reset_dimensions()  # read every row: the <dimension> a file declares may be stale (or a lie)

    def cells() -> Iterator[list[Any]]:
        """The sheet's rows; what the XML reader refuses mid-sheet (a DTD, an entity bomb, broken
        XML: defusedxml and openpyxl raise many kinds) ends it with an ``Unreadable`` row."""
        rows = ws.iter_rows(values_only=True)
        try:
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except Exception as exc:  # noqa: BLE001 - reported as a diagnostic at the row
                    yield Unreadable(f"the sheet cannot be read from here on: {type(exc).__name__}: {str(exc)[:200]}")
                    return
                yield list(row)
        finally:
            wb.close()  # a read-only workbook holds its file open until closed

    return Table(str(p), cells(), name)


def _parquet(p: Path) -> Table:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DiagnosticError([Diagnostic("D100", f"reading {p} needs pyarrow", Span(str(p), 0, 0, 0, 0),
                                          "pip install 'parkscore[parquet]'")]) from None
    try:
        pf = pq.ParquetFile(p)
    except Exception as exc:
        raise DiagnosticError([Diagnostic("D100", f"cannot read {p} as Parquet: {exc}", Span(str(p), 0, 0, 0, 0))]) from None

    def cells() -> Iterator[list[Any]]:
        yield list(pf.schema_arrow.names)
        for batch in pf.iter_batches(batch_size=4096):
            cols = [c.to_pylist() for c in batch.columns]
            yield from (list(r) for r in zip(*cols))

    return Table(str(p), cells())


def frame_table(frame: Any, name: str = "<dataframe>") -> Table:
    """A pandas, polars (or any narwhals-supported) DataFrame as a table of parks."""
    import narwhals as nw

    df = nw.from_native(frame, eager_only=True)

    def cells() -> Iterator[list[Any]]:
        yield list(df.columns)
        for r in df.iter_rows(named=False):
            yield [None if _missing(v) else v for v in r]

    return Table(name, cells())


def _missing(v: Any) -> bool:
    """A frame library's "no value": None, NaN, pandas' NA and NaT, numpy's NaT — like an empty CSV cell."""
    if v is None:
        return True
    if isinstance(v, (str, bytes, bool, int, list, tuple, dict)):
        return False
    try:
        return bool(v != v)  # NaN and NaT differ from themselves
    except (TypeError, ValueError):  # pandas.NA: its truth value is ambiguous
        return True
