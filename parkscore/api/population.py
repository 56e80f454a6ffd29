"""Populations of parks: files, directories, tables (CSV, XLSX, Parquet) and DataFrames read
as parks, streamed; scored one by one, as a table (exact vectorised), under two versions (impact),
or as one SQL query for a database."""
from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from parkscore.dsl import ast
from parkscore.dsl.ast import InputKind
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, errors, option_error
from parkscore.dsl.load import installed_keys
from parkscore.engine.documents.workbook import is_form, read_form
from parkscore.engine.population.cohort import ranked, with_ranks
from parkscore.engine.population.impact import ImpactReport
from parkscore.engine.population.parallel import ordered_map
from parkscore.engine.population.tables import META_KEYS, TABLE_SUFFIXES, Table, frame_table, is_table, read_table
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import Fact, ParkData, unconvertible, unknown_keys
from parkscore.engine.scoring.data import load_park as _load_park
from parkscore.engine.scoring.evaluate import evaluate
from parkscore.engine.scoring.score import facts_of, score_park
from parkscore.engine.scoring.scorecard import Scorecard, reasons_in_brief

from .standards import StandardLike, standard


@dataclass(frozen=True)
class ParkRow:
    """One park read from a source of many: its data, or the diagnostics that stopped it."""

    where: str  # the file, or the table's row ("parks.xlsx:Sheet1!A12")
    park: ParkData | None
    diagnostics: tuple[Diagnostic, ...] = ()
    sources: SourceMap | None = None
    header: bool = False  # not a park: a table's header, whose columns the standard does not read


def read_parks(*sources: str | Path | Any, sheet: str | None = None, std: ast.Standard | None = None) -> Iterator[ParkRow]:
    """Parks from YAML files, directories of them (``*.yaml``, sorted), tables (CSV, XLSX,
    Parquet) and DataFrames (pandas, polars), lazily and in order. A file or row that cannot be
    read is yielded with its diagnostics; the next one is read. With ``std``, a table's columns
    the standard does not read are reported once, at their header cells (a row without a park:
    errors, or only warnings for columns other standards read), and left out of its rows."""
    for unit in _units(sources, sheet, std):
        yield unit if isinstance(unit, ParkRow) else _yaml_row(unit)


def _units(sources: Iterable[str | Path | Any], sheet: str | None, std: ast.Standard | None = None) -> Iterator[ParkRow | str]:
    """The parks of the sources in order: a YAML file as its path (read by whoever scores it:
    another process, with ``jobs``), any other park as read (table rows, forms, errors)."""
    for src in sources:
        if not isinstance(src, (str, Path)):
            yield from _table_rows(frame_table(src), std)
            continue
        p = Path(src)
        if p.is_dir():
            yield from _units(sorted(f for f in p.rglob("*") if f.suffix.lower() in (".yaml", ".yml") + TABLE_SUFFIXES), sheet, std)
        elif p.suffix.lower() in (".yaml", ".yml"):
            yield str(p)
        elif is_form(p):  # a data-collection form (parkscore template): one park
            yield ParkRow(str(p), read_form(p))
        elif is_table(p):
            try:
                table = read_table(p, sheet)
            except DiagnosticError as exc:
                yield ParkRow(str(p), None, tuple(exc.diagnostics), exc.sources)
                continue
            yield from _table_rows(table, std)
        else:
            yield str(p)  # not a park file by its name: reading it says why


def _yaml_row(path: str) -> ParkRow:
    try:
        return ParkRow(path, _load_park(path))
    except DiagnosticError as exc:
        return ParkRow(path, None, tuple(exc.diagnostics), exc.sources)


def _table_rows(table: Table, std: ast.Standard | None = None) -> Iterator[ParkRow]:
    try:
        if std is not None:
            unknown = [(c.key, table.header_span(c)) for c in table.header() if c.key not in META_KEYS and c.key not in std.data_keys]
            bad_units = unconvertible([(c.key, c.unit, table.header_span(c)) for c in table.header() if c.unit], std)
            if unknown or bad_units:
                said = (unknown_keys(unknown, std) if unknown else []) + [d for _, d in bad_units]
                yield ParkRow(f"{table.name} (header)", None, tuple(said), table.header_sources, header=True)
                # columns no installed standard reads, and columns in a unit that does not convert, are
                # left out of the rows; those of other standards stay (impact and compare score a row
                # under several)
                table.ignore({k for k, _ in unknown if k not in installed_keys()} | {k for k, _ in bad_units})
        for row in table.rows():
            yield ParkRow(row.where, row.park, tuple(row.diagnostics), row.sources)
    except DiagnosticError as exc:
        yield ParkRow(table.name, None, tuple(exc.diagnostics), exc.sources)


@dataclass(frozen=True)
class Scored:
    """A park of a population scored (``card``), or why it was not (``diagnostics``)."""

    row: ParkRow
    card: Scorecard | None
    diagnostics: tuple[Diagnostic, ...] = ()
    sources: SourceMap | None = None


def score_many(std: StandardLike, *sources: str | Path | Any, sheet: str | None = None, jobs: int = 1) -> Iterator[Scored]:
    """Score every park of the sources (see ``read_parks``), in order; memory stays flat.
    ``jobs``: processes to spread a population over (YAML files are read in them too; a
    population under 256 parks is scored here). A standard with cohort ranks (``rank … first``)
    reads every park first: a park's rank needs the others (``engine/population/cohort.py``);
    memory then grows with the number of parks."""
    cs = standard(std)
    if ranked(cs):
        yield from _score_cohort(cs, read_parks(*sources, sheet=sheet))
        return
    units = (u for u in _units(sources, sheet, cs.std) if not _only_warnings(u))
    yield from ordered_map(_score_unit if jobs <= 1 else _score_unit_light, cs, units, jobs)


def _only_warnings(unit: ParkRow | str) -> bool:
    """A table header's warnings (columns other standards read): what `check` says, not a park that failed."""
    return isinstance(unit, ParkRow) and unit.park is None and not errors(unit.diagnostics)


def _score_unit_light(cs: CompiledStandard, unit: ParkRow | str) -> Scored:
    """``_score_unit`` in another process: what crosses back is the scorecard and the row's name,
    not the park's text and entries (the diagnostics keep their sources)."""
    s = _score_unit(cs, unit)
    park = s.row.park
    if park is None or s.card is None:
        return s
    return replace(s, row=replace(s.row, park=replace(park, entries={}, text="", context={})))


def _score_unit(cs: CompiledStandard, unit: ParkRow | str) -> Scored:
    """A park read (a YAML file's path is read here) and scored."""
    row = unit if isinstance(unit, ParkRow) else _yaml_row(unit)
    if row.park is None:
        return Scored(row, None, row.diagnostics, row.sources)
    try:
        return Scored(row, score_park(cs, row.park))
    except DiagnosticError as exc:
        return Scored(row, None, tuple(exc.diagnostics), exc.sources)


def _score_cohort(cs: CompiledStandard, rows: Iterable[ParkRow]) -> Iterator[Scored]:
    """Parks scored together: every park's facts first, then the ranks, then each scorecard."""
    resolved = [(row, _resolved(cs, row)) for row in rows]
    good = [(row, f) for row, f in resolved if not isinstance(f, Scored)]
    ranked_facts = iter(with_ranks(cs, [f for _, f in good]))
    for row, got in resolved:
        if isinstance(got, Scored):
            yield got
            continue
        assert row.park is not None
        yield Scored(row, evaluate(cs, next(ranked_facts), row.park))


def score_table(std: StandardLike, table: str | Path | Any, sheet: str | None = None, batch: int = 4096) -> Any:
    """A table in, a table out: one row per park with its total, verdict, the ids of the
    indicators without data, and per indicator its points (``<id>``) and value (``<id>.value``).
    A row that could not be scored has ``status`` "error" and its diagnostics in ``errors``.
    Rows are checked one by one and scored ``batch`` at a time by the exact vectorised
    evaluator (``engine/population/vector.py``), which gives the per-park engine's points on every row.
    Given a DataFrame, returns one of the same library; otherwise a list of dicts."""
    from parkscore.engine.population.vector import Batch, VectorStandard, unsupported  # numpy only where tables are scored

    cs = standard(std)
    if unsupported(cs):  # shapes the vectorised evaluator does not compile yet: park by park
        plain = [score_row(cs, s) for s in score_many(cs, table, sheet=sheet)]
        return plain if isinstance(table, (str, Path)) else _frame(table, plain)
    vs = VectorStandard(cs)
    rows: list[dict[str, Any]] = []  # in the table's order; a row being scored is a placeholder
    pending: list[tuple[int, ParkRow, dict[str, Fact]]] = []

    def flush() -> None:
        scores = vs.score(Batch.from_facts(cs, [f for _, _, f in pending]))
        for i, (at, r, _) in enumerate(pending):
            rows[at] = {**_row_meta(r, "scored"), **scores.row(i), "reasons": scores.reasons(i)}
        pending.clear()

    for row in read_parks(table, sheet=sheet, std=cs.std):
        if _only_warnings(row):
            continue
        got = _resolved(cs, row)
        if isinstance(got, Scored):
            rows.append(score_row(cs, got))
            continue
        pending.append((len(rows), row, got))
        rows.append({})
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    if isinstance(table, (str, Path)):
        return rows
    return _frame(table, rows)


def _frame(table: Any, rows: list[dict[str, Any]]) -> Any:
    """Rows as a DataFrame of the library of ``table`` (pandas, polars, … through narwhals), typed:
    points, totals and figures as exact decimals (polars: Decimal; pandas: Decimal objects, whose
    sum and mean stay exact), verdicts as booleans (pandas: its nullable "boolean"), text as text."""
    import narwhals as nw

    native = nw.from_native(table, eager_only=True)
    columns = {k: [r.get(k) for r in rows] for k in dict.fromkeys(k for r in rows for k in r)}
    out = nw.from_dict(columns, backend=nw.get_native_namespace(native)).to_native()
    if type(out).__module__.startswith("pandas"):
        for k, vals in columns.items():
            if any(v is not None for v in vals) and all(v is None or isinstance(v, bool) for v in vals):
                out[k] = out[k].astype("boolean")
    return out


def _resolved(cs: CompiledStandard, row: ParkRow) -> dict[str, Fact] | Scored:
    """A row's facts, or the row as not scored with its diagnostics."""
    if row.park is None:
        return Scored(row, None, row.diagnostics, row.sources)
    try:
        return facts_of(cs, row.park)
    except DiagnosticError as exc:
        return Scored(row, None, tuple(exc.diagnostics), exc.sources)


def score_columns(cs: CompiledStandard) -> list[str]:
    """The columns of ``score_row``, in order: the park, its verdict, each indicator's points and value."""
    ids = [ci.ind.id for ci in cs.indicators]
    return ["where", "park", "period", "status", "synthetic", "total", "eligible", "reasons", "missing", *ids, *(f"{i}.value" for i in ids),
            "errors"]


def _row_meta(row: ParkRow, status: str) -> dict[str, Any]:
    park = row.park
    return {"where": row.where, "park": park.name if park else None, "period": park.period if park else None,
            "status": status, "synthetic": park.synthetic if park else None}


def score_row(cs: CompiledStandard, s: Scored) -> dict[str, Any]:
    """One flat row of a population's scores (the columns of ``score_table`` and ``score --format csv``)."""
    if s.card is None:
        return {**_row_meta(s.row, "error"), "errors": "; ".join(f"{d.span}: {d.code} {d.message}" for d in s.diagnostics)}
    card = s.card
    by_id = {r.id: r for r in card.indicators}
    by_gate = {g.id: g.status for g in card.gates}
    why = reasons_in_brief(cs.std, lambda k: by_id[k].status, lambda k: by_id[k].points, by_gate.__getitem__, card.total)
    return {**_row_meta(s.row, "scored"), **card.row(), "reasons": why}


def impact(old: StandardLike, new: StandardLike, *sources: str | Path | Any, sheet: str | None = None,
           on_error: Callable[[Scored], None] | None = None) -> ImpactReport:
    """A draft's effect on a population: every park scored under both versions, one at a time.
    ``on_error`` is told of each park that could not be scored (it is counted, not scored)."""
    from parkscore.engine.documents.render import standard_labels

    a, b = standard(old), standard(new)
    marks = {a.std.header.pass_mark, b.std.header.pass_mark}
    labels = tuple(f"{cs.ref}: {line}" for cs in (a, b) for line in standard_labels(cs.std.header.status, cs.std.header.illustrative,
                                                                                      cs.std.header.readings))
    rep = ImpactReport(a.ref, b.ref, pass_mark=marks.pop() if len(marks) == 1 else None, labels=labels)
    for s in score_many(a, *sources, sheet=sheet):
        if s.row.header:  # columns no standard reads: said, not a park
            if on_error:
                on_error(s)
            continue
        if s.card is None or s.row.park is None:
            rep.refuse(s.diagnostics)
            if on_error:
                on_error(s)
            continue
        try:
            other = score_park(b, s.row.park)
        except DiagnosticError as exc:
            rep.refuse(tuple(exc.diagnostics))
            if on_error:
                on_error(Scored(s.row, None, tuple(exc.diagnostics), exc.sources))
            continue
        rep.add(s.row.where, s.card, other)
    return rep


def sql(std: StandardLike, table: str = "parks", dialect: str = "duckdb", scale: int = 6,
        like: str | Path | None = None, sheet: str | None = None, years: list[int] | None = None,
        names: Iterable[str] | None = None, impact: StandardLike | None = None, key: str = "park") -> str:
    """One SQL query scoring a table of parks under the standard (``engine/population/sql.py``), for
    DuckDB, PostgreSQL or Spark (the other dialects sqlglot writes are refused, with the reason).
    ``like``: a table file (CSV, XLSX, Parquet) whose header names the columns as parkscore tables
    do (``key [unit]``, ``key@2019 [unit]``): the query reads those columns and converts their
    units; ``names``: the table's column names where they are known (a DataFrame's), each a data
    key or ``key@2019`` in the standard's unit; without either, a column is named by each data key
    and holds the standard's unit. A data key without a column is no data. ``years``: the year
    columns of figures by year (default: those of ``like`` or ``names``). ``impact``: a second
    version; the query then scores the table under both and joins them on the column ``key``:
    per park both totals and verdicts, the change and the flip (``gains`` / ``loses``)."""
    from parkscore.engine.population.sql import DIALECTS, REFUSED_DIALECTS, impact_sql, to_sql
    from parkscore.engine.population.vector import unsupported

    versions = [standard(std)] + ([standard(impact)] if impact is not None else [])
    for cs in versions:
        if unsupported(cs):
            raise option_error(f"parkscore sql does not compile {', '.join(unsupported(cs))} yet ({cs.ref})",
                               "score such a standard's tables with `parkscore score TABLE` (park by park)")
    if dialect in REFUSED_DIALECTS:
        raise option_error(f"--dialect {dialect} is refused: {REFUSED_DIALECTS[dialect]}", "dialects: " + ", ".join(DIALECTS))
    if dialect not in DIALECTS:
        raise option_error(f"unknown SQL dialect '{dialect}'", "dialects: " + ", ".join(DIALECTS))
    (columns, years_of), *more = [_sql_columns(cs, like, sheet, years, names) for cs in versions]
    if impact is None:
        return to_sql(versions[0], table, scale, years_of, columns, dialect)
    columns_new, years_new = more[0]
    return impact_sql(versions[0], versions[1], key, table, scale, sorted(set(years_of or []) | set(years_new or [])) or None,
                      (columns, columns_new), dialect)


def _sql_columns(cs: CompiledStandard, like: str | Path | None, sheet: str | None, years: list[int] | None,
                 names: Iterable[str] | None) -> tuple[dict[str, Any] | None, list[int] | None]:
    """Where the table holds each data key of ``cs`` and its unit factor (see ``sql``), and the years."""
    from parkscore.dsl import units
    from parkscore.engine.population.sql import Source

    columns: dict[str, Source] | None = None
    if like is not None:
        t = read_table(like, sheet)
        columns, problems, found_years = {}, [], set()
        for c in t.header():
            dk = cs.std.data_keys.get(c.key)
            if dk is None:
                continue
            span = t.span(1, c.index + 1, t.header_offsets)
            factor = Fraction(1)
            if dk.unit is not None and dk.kind in (InputKind.NUMBER, InputKind.SERIES):
                if not c.unit:
                    problems.append(Diagnostic("D122", f"column '{c.name}' has no unit", span, f"the standard declares {dk.unit}: name it '{c.key} [{dk.unit}]'"))
                    continue
                got = units.conversion_factor(units.parse_unit(c.unit), dk.unit)
                if got is None:
                    problems.append(Diagnostic("D123", f"column '{c.name}' is in {c.unit}, which does not convert to {dk.unit}", span,
                                               f"the standard declares {dk.unit}"))
                    continue
                factor = got
            if c.year is not None:
                found_years.add(c.year)
            columns[c.key if c.year is None else f"{c.key}@{c.year}"] = Source(c.name, factor)
        if problems:
            raise DiagnosticError(problems, t.header_sources)
        years = years or sorted(found_years)
    elif names is not None:
        columns = {n: Source(n) for n in names if n.split("@")[0] in cs.std.data_keys}
        years = years or sorted({int(n.rsplit("@", 1)[1]) for n in columns if "@" in n and n.rsplit("@", 1)[1].isdigit()})
    trends = [ci.ind.id for ci in cs.indicators if ci.trends]
    if trends and not years and names is None:
        raise option_error(f"{', '.join(trends)} read figures by year: name the year columns",
                           "give --years 2017-2019, or --like a table with columns such as key@2019 [unit]")
    return columns, years


def score_spark(df: Any, std: StandardLike, scale: int = 6, years: list[int] | None = None) -> Any:
    """A Spark DataFrame of parks scored where it lives: the query of ``parkscore sql STD --dialect
    spark`` over it (one row per park, columns named by data keys in the standard's units, a figure
    by year as ``key@2019``; a data key without a column is no data), run with Spark's
    ANSI mode on (set on the session: without it an overflow would be a silent NULL). Returns the
    scored DataFrame (lazy, like any): the columns, then per indicator ``<id>.points`` and
    ``<id>.status``, ``total`` and ``eligible``."""
    import uuid

    from parkscore.engine.population.sql import SPARK_ANSI

    view = f"parkscore_parks_{uuid.uuid4().hex}"
    query = sql(std, table=view, dialect="spark", scale=scale, years=years, names=df.columns).replace(SPARK_ANSI, "")
    df.createOrReplaceTempView(view)
    df.sparkSession.conf.set("spark.sql.ansi.enabled", "true")
    return df.sparkSession.sql(query.strip().rstrip(";"))


def parse_years(text: str) -> list[int]:
    """``2017-2019`` or ``2019``: the year columns of figures by year (an option error otherwise)."""
    parts = text.split("-")
    if not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts) or len(parts) > 2:
        raise option_error(f"--years '{text}' is not a year or a range of years", "for example: --years 2017-2019")
    first, last = int(parts[0]), int(parts[-1])
    if last < first:
        raise option_error(f"--years '{text}' ends before it starts", f"write --years {last}-{first}")
    if last - first >= MAX_YEARS:  # a column per series and year: 10,000 years would be a query without end
        raise option_error(f"--years '{text}' spans {last - first + 1} years; at most {MAX_YEARS}", "for example: --years 2017-2019")
    return list(range(first, last + 1))


MAX_YEARS = 50
