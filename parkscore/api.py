"""The public API: every command of the CLI, every test and the benchmark go through these functions.

    std = load_standard("cpcif-green-park@2020")          # find -> parse -> amend -> check -> compile
    park = load_park("examples/parks/synthetic-complete.yaml")
    card = score(std, park)                               # Scorecard: total, eligible, indicators…
    card.indicator("7.17").points

Errors in rule files or park data are raised as one ``DiagnosticError`` carrying every
diagnostic (``str(exc)`` renders them with positions, source lines and carets).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from parkscore.dsl.ast import InputKind
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, errors, option_error, read_text
from parkscore.dsl.diff import Change
from parkscore.dsl.diff import diff as _diff
from parkscore.dsl.lint import LINT_PASSES
from parkscore.dsl.load import Loaded, installed, installed_root, load, standard_of
from parkscore.dsl.numbers import loads
from parkscore.dsl.scheme import Scheme
from parkscore.dsl.scheme import load_scheme as _load_scheme
from parkscore.dsl.span import COMMAND_LINE
from parkscore.engine import audit as _audit
from parkscore.engine.cohort import ranked, with_ranks
from parkscore.engine.compare import ParkComparison
from parkscore.engine.compile import CompiledStandard, compile_standard
from parkscore.engine.data import Fact, ParkData, park_from_mapping, resolve
from parkscore.engine.data import load_park as _load_park
from parkscore.engine.document import StandardDocument, document
from parkscore.engine.evaluate import evaluate
from parkscore.engine.gap import GapReport
from parkscore.engine.gap import gap as _gap
from parkscore.engine.impact import ImpactReport
from parkscore.engine.lifecycle import StatusReport, load_histories, status_on
from parkscore.engine.scorecard import Scorecard
from parkscore.engine.sensitivity import SensitivityReport
from parkscore.engine.sensitivity import sensitivity as _sensitivity
from parkscore.engine.tables import TABLE_SUFFIXES, Table, frame_table, is_table, read_table
from parkscore.engine.testing import TESTS_DIR, Case, Outcome, check_case, coverage_items, covered_by, generated_cases, load_cases
from parkscore.engine.testing import Item as CoverageItem
from parkscore.engine.trace import NULL_TRACER, BufferTracer, TraceEvent, Tracer
from parkscore.engine.workbook import Imported, import_xlsx, is_form, read_form, template_xlsx
from parkscore.engine.yamlread import compose

StandardLike = CompiledStandard | str
ParkLike = ParkData | Mapping[str, Any] | str | Path


# ---- standards ---------------------------------------------------------------------------


def check_standard(ref: str) -> Loaded:
    """Find, parse, amend and check a standard; every diagnostic, nothing raised for rule errors."""
    return load(standard_of(ref))


def lint_standard(ref: str) -> Loaded:
    """``check_standard`` plus the linter's table-level findings (L-codes)."""
    return load(standard_of(ref), LINT_PASSES)


def load_standard(ref: str) -> CompiledStandard:
    """The one loader: a standard by ``family@version`` or path, checked and compiled.
    Raises ``DiagnosticError`` with every error of every file (warnings are kept on the result)."""
    loaded = load(ref)
    if loaded.std is None or loaded.errors:
        raise DiagnosticError(loaded.errors, loaded.sources)
    return compile_standard(loaded.std, loaded.sources, tuple(loaded.diagnostics))


def installed_standards() -> list[str]:
    """The installed standards, as ``family@version``."""
    return [f"{family}@{v}" for family, versions in installed().items() for v in versions]


def diff(old: StandardLike, new: StandardLike) -> list[Change]:
    """The semantic diff of two versions: by indicator, gate, category and input."""
    return _diff(_standard(old).std, _standard(new).std)


def _standard(std: StandardLike) -> CompiledStandard:
    return load_standard(std) if isinstance(std, str) else std


# ---- parks -------------------------------------------------------------------------------


def load_park(path: str | Path) -> ParkData:
    """Read a park data file: YAML, or a filled data-collection form (``parkscore template``).
    Raises ``DiagnosticError`` for unreadable or malformed files."""
    return read_form(path) if is_form(path) else _load_park(path)


def _park(park: ParkLike) -> ParkData:
    if isinstance(park, ParkData):
        return park
    if isinstance(park, (str, Path)):
        return _load_park(park)
    return park_from_mapping(park)


def check_park(std: StandardLike, park: ParkLike) -> list[Diagnostic]:
    """Every diagnostic of a park's data against a standard (errors and warnings), nothing raised."""
    return resolve(_park(park), _standard(std).std)[1]


def facts(std: StandardLike, park: ParkLike) -> dict[str, Fact]:
    """The park's data resolved against the standard: converted to its units, checked.
    Raises ``DiagnosticError`` on any data error."""
    cs, data = _standard(std), _park(park)
    found, diags = resolve(data, cs.std)
    if errors(diags):
        sources = SourceMap()
        if data.text:
            sources.add(data.path, data.text)
        raise DiagnosticError(errors(diags), sources)
    return found


# ---- populations: many files, directories, tables -----------------------------------------


@dataclass(frozen=True)
class ParkRow:
    """One park read from a source of many: its data, or the diagnostics that stopped it."""

    where: str  # the file, or the table's row ("parks.xlsx:Sheet1!A12")
    park: ParkData | None
    diagnostics: tuple[Diagnostic, ...] = ()
    sources: SourceMap | None = None


def read_parks(*sources: str | Path | Any, sheet: str | None = None) -> Iterator[ParkRow]:
    """Parks from YAML files, directories of them (``*.yaml``, sorted), tables (CSV, XLSX,
    Parquet) and DataFrames (pandas, polars), lazily and in order. A file or row that cannot be
    read is yielded with its diagnostics; the next one is read."""
    for src in sources:
        if not isinstance(src, (str, Path)):
            yield from _table_rows(frame_table(src))
            continue
        p = Path(src)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".yaml", ".yml") + TABLE_SUFFIXES)
            yield from read_parks(*files, sheet=sheet)
        elif is_form(p):  # a data-collection form (parkscore template): one park
            yield ParkRow(str(p), read_form(p))
        elif is_table(p):
            try:
                table = read_table(p, sheet)
            except DiagnosticError as exc:
                yield ParkRow(str(p), None, tuple(exc.diagnostics), exc.sources)
                continue
            yield from _table_rows(table)
        else:
            try:
                yield ParkRow(str(p), _load_park(p))
            except DiagnosticError as exc:
                yield ParkRow(str(p), None, tuple(exc.diagnostics), exc.sources)


def _table_rows(table: Table) -> Iterator[ParkRow]:
    try:
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


def score_many(std: StandardLike, *sources: str | Path | Any, sheet: str | None = None) -> Iterator[Scored]:
    """Score every park of the sources (see ``read_parks``), one at a time: memory stays flat.
    A standard with cohort ranks (``rank … first``) reads every park first: a park's rank needs
    the others (``engine/cohort.py``); memory then grows with the number of parks."""
    cs = _standard(std)
    if ranked(cs):
        yield from _score_cohort(cs, read_parks(*sources, sheet=sheet))
        return
    for row in read_parks(*sources, sheet=sheet):
        if row.park is None:
            yield Scored(row, None, row.diagnostics, row.sources)
            continue
        try:
            yield Scored(row, score(cs, row.park))
        except DiagnosticError as exc:
            yield Scored(row, None, tuple(exc.diagnostics), exc.sources)


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
        card = evaluate(cs, next(ranked_facts), row.park)
        yield Scored(row, replace(card, unused=tuple(k for k in row.park.entries if k not in cs.data_keys)))


def score_table(std: StandardLike, table: str | Path | Any, sheet: str | None = None, batch: int = 4096) -> Any:
    """A table in, a table out: one row per park with its total, verdict, the ids of the
    indicators without data, and per indicator its points (``<id>``) and value (``<id>.value``).
    A row that could not be scored has ``status`` "error" and its diagnostics in ``errors``.
    Rows are checked one by one and scored ``batch`` at a time by the exact vectorised
    evaluator (``engine/vector.py``), which gives the per-park engine's points on every row.
    Given a DataFrame, returns one of the same library; otherwise a list of dicts."""
    from parkscore.engine.vector import Batch, VectorStandard, unsupported  # numpy only where tables are scored

    cs = _standard(std)
    if unsupported(cs):  # shapes the vectorised evaluator does not compile yet: park by park
        plain = [score_row(cs, s) for s in score_many(cs, table, sheet=sheet)]
        return plain if isinstance(table, (str, Path)) else _frame(table, plain)
    vs = VectorStandard(cs)
    rows: list[dict[str, Any]] = []  # in the table's order; a row being scored is a placeholder
    pending: list[tuple[int, ParkRow, dict[str, Fact]]] = []

    def flush() -> None:
        scores = vs.score(Batch.from_facts(cs, [f for _, _, f in pending]))
        for i, (at, r, _) in enumerate(pending):
            rows[at] = {**_row_meta(r, "scored"), **scores.row(i)}
        pending.clear()

    for row in read_parks(table, sheet=sheet):
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
    """Rows as a DataFrame of the library of ``table`` (pandas, polars, … through narwhals)."""
    import narwhals as nw

    native = nw.from_native(table, eager_only=True)
    columns = {k: [r.get(k) for r in rows] for k in dict.fromkeys(k for r in rows for k in r)}
    return nw.from_dict({k: [None if v is None else str(v) if isinstance(v, Decimal) else v for v in vals]
                         for k, vals in columns.items()}, backend=nw.get_native_namespace(native)).to_native()


def _resolved(cs: CompiledStandard, row: ParkRow) -> dict[str, Fact] | Scored:
    """A row's facts, or the row as not scored with its diagnostics."""
    if row.park is None:
        return Scored(row, None, row.diagnostics, row.sources)
    try:
        return facts(cs, row.park)
    except DiagnosticError as exc:
        return Scored(row, None, tuple(exc.diagnostics), exc.sources)


def score_columns(cs: CompiledStandard) -> list[str]:
    """The columns of ``score_row``, in order: the park, its verdict, each indicator's points and value."""
    ids = [ci.ind.id for ci in cs.indicators]
    return ["where", "park", "period", "status", "synthetic", "total", "eligible", "missing", *ids, *(f"{i}.value" for i in ids), "errors"]


def _row_meta(row: ParkRow, status: str) -> dict[str, Any]:
    park = row.park
    return {"where": row.where, "park": park.name if park else None, "period": park.period if park else None,
            "status": status, "synthetic": park.synthetic if park else None}


def score_row(cs: CompiledStandard, s: Scored) -> dict[str, Any]:
    """One flat row of a population's scores (the columns of ``score_table`` and ``score --format csv``)."""
    if s.card is None:
        return {**_row_meta(s.row, "error"), "errors": "; ".join(f"{d.span}: {d.code} {d.message}" for d in s.diagnostics)}
    return {**_row_meta(s.row, "scored"), **s.card.row()}


def impact(old: StandardLike, new: StandardLike, *sources: str | Path | Any, sheet: str | None = None,
           on_error: Callable[[Scored], None] | None = None) -> ImpactReport:
    """A draft's effect on a population: every park scored under both versions, one at a time.
    ``on_error`` is told of each park that could not be scored (it is counted, not scored)."""
    a, b = _standard(old), _standard(new)
    rep = ImpactReport(a.ref, b.ref)
    for s in score_many(a, *sources, sheet=sheet):
        if s.card is None or s.row.park is None:
            rep.not_scored += 1
            if on_error:
                on_error(s)
            continue
        try:
            other = score(b, s.row.park)
        except DiagnosticError as exc:
            rep.not_scored += 1
            if on_error:
                on_error(Scored(s.row, None, tuple(exc.diagnostics), exc.sources))
            continue
        rep.add(s.row.where, s.card, other)
    return rep


def sql(std: StandardLike, table: str = "parks", dialect: str = "duckdb", scale: int = 6,
        like: str | Path | None = None, sheet: str | None = None, years: list[int] | None = None) -> str:
    """One SQL query scoring a table of parks under the standard (``engine/sql.py``): DuckDB's
    dialect, or any dialect sqlglot writes. ``like``: a table file (CSV, XLSX, Parquet) whose
    header names the columns as parkscore tables do (``key [unit]``, ``key@2019 [unit]``): the
    query reads those columns and converts their units; without it, a column is named by each
    data key and holds the standard's unit. ``years``: the year columns of figures by year."""
    from parkscore.dsl import units
    from parkscore.engine.sql import DIALECTS, Source, to_sql

    cs = _standard(std)
    from parkscore.engine.vector import unsupported

    if unsupported(cs):
        raise option_error(f"parkscore sql does not compile {', '.join(unsupported(cs))} yet ({cs.ref})",
                           "score such a standard's tables with `parkscore score TABLE` (park by park)")
    if dialect not in DIALECTS:
        raise option_error(f"unknown SQL dialect '{dialect}'", "dialects: " + ", ".join(DIALECTS))
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
    trends = [ci.ind.id for ci in cs.indicators if ci.trends]
    if trends and not years:
        raise option_error(f"{', '.join(trends)} read figures by year: name the year columns",
                           "give --years 2017-2019, or --like a table with columns such as key@2019 [unit]")
    return to_sql(cs, table, scale, years, columns, dialect)


# ---- documents and workbooks -------------------------------------------------------------


def render_standard(std: StandardLike) -> StandardDocument:
    """A standard as its published document (表1, the scoring tables, gates, pass mark, notes);
    render it with ``engine.document.document_markdown``, ``engine.html.standard_html`` or
    ``engine.workbook.standard_xlsx``."""
    return document(_standard(std))


def import_workbook(workbook: str | Path, against: StandardLike, version: str = "edited") -> tuple[Imported, list[Change]]:
    """An edited standard workbook read back: its edits as an amendment of ``against`` (checked
    by the normal loader) and the semantic diff they imply. Writes nothing."""
    import tempfile

    base = _standard(against)
    imported = import_xlsx(workbook, base, version)
    if not imported.text:
        return imported, []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / version
        d.mkdir()
        (d / "edited.pks").write_text(imported.text, encoding="utf-8")
        loaded = load(str(d))
        if loaded.errors or loaded.std is None:
            raise DiagnosticError(loaded.errors, loaded.sources)
        return imported, _diff(base.std, loaded.std)


def template(std: StandardLike, path: str | Path) -> None:
    """Write the data-collection form of a standard (``engine.workbook.template_xlsx``)."""
    template_xlsx(_standard(std), path)


# ---- designation schemes: a park's status over time ---------------------------------------


def load_scheme(ref: str) -> Scheme:
    """A lifecycle scheme (a 认定管理办法) by ``family@version``, or a .pks file with a ``scheme`` header."""
    return _load_scheme(ref)


def history_scheme(path: str | Path) -> str | None:
    """The scheme a history file names (``scheme:``), if it names one."""
    root, _ = compose(read_text(path), str(path))
    if root is not None and isinstance(root.value, dict) and "scheme" in root.value:
        return str(root.value["scheme"].value)
    return None


def status(scheme: Scheme | str, history: str | Path, on: date, park: str | None = None) -> list[StatusReport]:
    """The status on ``on`` of every park of a history file (or of those whose name contains
    ``park``), each step traced to its clause."""
    sc = scheme if isinstance(scheme, Scheme) else _load_scheme(scheme)
    found = [h for h in load_histories(history, sc) if park is None or park in h.park]
    if park is not None and not found:
        raise option_error(f"no park whose name contains '{park}' in {history}")
    return [status_on(sc, h, on) for h in found]


# ---- scoring -----------------------------------------------------------------------------


def score(std: StandardLike, park: ParkLike, tracer: Tracer = NULL_TRACER) -> Scorecard:
    """Score a park: a loaded file, a path, or a mapping written as the YAML ``data`` section."""
    cs, data = _standard(std), _park(park)
    card = evaluate(cs, facts(cs, data), data, tracer)
    return replace(card, unused=tuple(k for k in data.entries if k not in cs.data_keys))


@dataclass(frozen=True)
class Explanation:
    """A scorecard with the trace that produced it: the auditor's working paper."""

    card: Scorecard
    events: tuple[TraceEvent, ...]


def explain(std: StandardLike, park: ParkLike) -> Explanation:
    tracer = BufferTracer()
    card = score(std, park, tracer)
    return Explanation(card, tuple(tracer.events))


def compare(parks: Iterable[ParkLike], standards: Iterable[StandardLike]) -> list[ParkComparison]:
    """Each park scored under each standard, in the order given."""
    stds = [_standard(s) for s in standards]
    out = []
    for p in parks:
        data = _park(p)
        out.append(ParkComparison(data.name, data.path, tuple(score(cs, data) for cs in stds)))
    return out


def gap(std: StandardLike, park: ParkLike, target: Decimal | None = None) -> GapReport:
    """What the park can change to reach ``target`` (default: the pass mark)."""
    cs, data = _standard(std), _park(park)
    found = facts(cs, data)
    goal = target if target is not None else cs.std.header.pass_mark
    if goal is None:
        raise DiagnosticError([Diagnostic("E012", f"{cs.ref} has no pass mark", COMMAND_LINE, "give a target: --target POINTS")])
    return _gap(cs, found, data, goal)


def sensitivity(std: StandardLike, park: ParkLike, uncertainty: Decimal = Decimal("0.1"), runs: int = 2000,
                seed: int = 0) -> SensitivityReport:
    """Monte Carlo over the park's figures within ±``uncertainty`` (a fraction: 0.1 is 10 %)."""
    cs, data = _standard(std), _park(park)
    return _sensitivity(cs, facts(cs, data), data, uncertainty, runs, seed)


# ---- test cases and coverage ----------------------------------------------------------------


@dataclass
class TestRun:
    """Cases run against standards: outcomes, coverage per standard, and for a draft that amends
    a base, the base's cases it inherits (unchanged rules: they must still pass) or changes."""

    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    sources: SourceMap = field(default_factory=SourceMap)
    coverage: dict[str, tuple[list[CoverageItem], set[tuple[str, int, int, str]]]] = field(default_factory=dict)
    changed: list[tuple[Outcome, Outcome]] = field(default_factory=list)  # (under the base, under the draft)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]


def _shown_path(p: Path) -> Path:
    """A path as outputs show it: relative to the working directory when under it."""
    real = p.resolve()
    try:
        return real.relative_to(Path.cwd().resolve())
    except ValueError:
        return real


def test_paths(*paths: str | Path) -> list[tuple[str | None, Path]]:
    """(standard the cases are run against or None for the file's own, test file) for each path:
    a test file; a directory of them; a standard (family@version or its directory) -> its tests/
    and, for an amendment, its base's tests run against it. No path: every installed standard."""
    out: list[tuple[str | None, Path]] = []
    for p in paths or tuple(installed_standards()):
        path = Path(p)
        if path.suffix.lower() in (".yaml", ".yml"):
            out.append((None, path))
            continue
        version_dir = _version_dir(str(p))
        if version_dir is None:
            out += [(None, f) for f in sorted(path.rglob("*.yaml"))]
            continue
        ref = str(p)
        out += [(ref, _shown_path(f)) for f in sorted((version_dir / TESTS_DIR).glob("*.yaml"))]
        loaded = check_standard(ref)
        base = loaded.std.header.amends if loaded.std is not None else None
        base_dir = _version_dir(base) if base else None
        if base_dir is not None:
            out += [(ref, _shown_path(f)) for f in sorted((base_dir / TESTS_DIR).glob("*.yaml"))]
    return out


def _version_dir(ref: str) -> Path | None:
    path = Path(ref)
    if path.is_dir() and any(path.glob("*.pks")):
        return path
    family, _, version = ref.partition("@")
    if family in installed() and version in installed()[family]:
        return installed_root() / family / version
    return None


def run_tests(*paths: str | Path) -> TestRun:
    """Run the cases of ``paths`` (see ``test_paths``); coverage is collected per standard."""
    run = TestRun()
    loaded: dict[str, CompiledStandard] = {}
    diffs: dict[tuple[str, str], list[Change]] = {}  # (base, draft) -> the draft's changes, computed once

    def std(ref: str) -> CompiledStandard:
        if ref not in loaded:
            loaded[ref] = load_standard(ref)
        return loaded[ref]

    for target, f in test_paths(*paths):
        try:
            cases, problems, sources = load_cases(f)
        except DiagnosticError as exc:
            run.problems += exc.diagnostics
            continue
        run.problems += problems
        run.sources.update(sources)
        for case in cases:
            own = std(case.standard or "")
            cs = std(target) if target else own
            outcome = _run_case(case, cs)
            if outcome.card is not None:
                run.coverage.setdefault(cs.ref, (coverage_items(cs), set()))[1].update(covered_by(outcome.card, cs))
            if cs.ref != own.ref:  # a base's case run against the draft that amends it
                changes = diffs.setdefault((own.ref, cs.ref), diff(own, cs))
                if _affected(case, own, cs, changes):
                    before = _run_case(case, own)
                    if [str(a) for _, a in before.failures] != [str(a) for _, a in outcome.failures] or outcome.failures:
                        run.changed.append((before, outcome))
                    continue
            run.outcomes.append(outcome)
    return run


def _run_case(case: Case, cs: CompiledStandard) -> Outcome:
    try:
        card = score(cs, case.park)
    except DiagnosticError as exc:
        return Outcome(case, None, [], list(exc.diagnostics))
    return Outcome(case, card, check_case(case, card))


def _affected(case: Case, base: CompiledStandard, draft: CompiledStandard, changes: list[Change]) -> bool:
    """Does the draft (its ``changes`` against the base) change what the case checks? Its named
    indicators or gates changed, or it checks the total or verdict and a changed indicator reads
    its data (or the header changed)."""
    changed = {c.id for c in changes}
    named = {(base.indicator(s).ind.id if _has(base, s) else s) for s in case.subjects}
    if named & changed:
        return True
    if any(e.field in ("total", "eligible") for e in case.expectations):
        if base.std.header.pass_mark != draft.std.header.pass_mark or changed & set(case.park.entries):
            return True
        reads = {i.id for i in draft.std.indicators if i.id in changed and set(i.reads) & set(case.park.entries)}
        return bool(reads) or any(c.kind == "added" for c in changes)
    return False


def _has(cs: CompiledStandard, key: str) -> bool:
    try:
        cs.indicator(key)
        return True
    except KeyError:
        return False


def testgen(std: StandardLike) -> str:
    """A test file of generated cases for every rule and gate of a standard, with the values the
    engine computes now as expectations, for a person to review and commit (YAML text)."""
    import yaml

    cs = _standard(std)
    out = []
    for c in generated_cases(cs):
        card = score(cs, park_from_mapping(c["data"], c["name"]))
        if "gate" in c:
            expect: dict[str, Any] = {"gates": {card.gate(c["gate"]).clause: str(card.gate(c["gate"]).status)}}
        else:
            subject = c["name"].split(" ")[1].split(":")[0]
            r = card.indicator(subject)
            spec: dict[str, Any] = {"points": _yaml_number(r.points), "status": str(r.status)}
            if r.rule is not None:
                spec["rule"] = r.rule.text
            expect = {"indicators": {r.clause: spec}}
        out.append({"name": c["name"], "data": _yaml_data(c["data"]), "expect": expect})
    head = (f"# Generated by `parkscore testgen {cs.ref}`: every band on its bounds, a step inside and outside,\n"
            "# every level, counts below, at and over the cap, exemptions and guards, trends, gates.\n"
            "# The expectations are what the engine computes now: review them against the standard's text.\n")
    return head + yaml.safe_dump({"standard": cs.ref, "cases": out}, allow_unicode=True, sort_keys=False, width=120)


def _yaml_number(d: Decimal) -> int | str:
    return int(d) if d == d.to_integral_value() else str(d)


def _yaml_data(v: Any) -> Any:
    if isinstance(v, Decimal):
        return _yaml_number(v)
    if isinstance(v, dict):
        return {k: _yaml_data(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_yaml_data(x) for x in v]
    return v


# ---- audit records -------------------------------------------------------------------------


def audit_record(std: StandardLike, park: ParkLike, explanation: Explanation | None = None) -> dict[str, Any]:
    """The audit record of a scorecard (of ``explanation``'s, when given: the one already printed)."""
    cs, data = _standard(std), _park(park)
    explanation = explanation or explain(cs, data)
    return _audit.record(cs, data, explanation.card, list(explanation.events), cs.ref if isinstance(std, CompiledStandard) else std)


def read_record(path: str | Path) -> dict[str, Any]:
    """Read and validate an audit record; a malformed one raises ``DiagnosticError`` (D180)."""
    text = read_text(path, "D180")
    try:
        rec = loads(text)
    except ValueError as exc:
        raise DiagnosticError([Diagnostic("D180", f"{path} is not a parkscore audit record: not JSON ({exc})",
                                          COMMAND_LINE)]) from None
    problems = _audit.check_record(rec, str(path))
    if problems:
        raise DiagnosticError(problems)
    return rec  # type: ignore[no-any-return]


def verify(rec: dict[str, Any], park: str | Path | None = None) -> _audit.Verdict:
    """Recompute a record from the rule files and park file as they are now and compare every
    field. ``park``: the park file, if it has moved since the record was made. A file the record
    names is read only if it is a file of its kind (a ``.yaml`` park file, ``.pks`` rule files)."""
    park_path = str(park) if park is not None else rec["park"]["path"]
    if Path(park_path).suffix.lower() not in (".yaml", ".yml"):
        raise DiagnosticError([Diagnostic("D181", f"the record's park file '{park_path}' is not a .yaml park file; it was not read",
                                          COMMAND_LINE, "give the park file with --park PATH")])
    ref = rec["standard"]["ref"]
    if "@" not in ref and Path(ref).suffix != ".pks" and not Path(ref).is_dir():
        raise DiagnosticError([Diagnostic("D181", f"the record's standard '{ref}' is neither family@version, a directory nor a .pks file",
                                          COMMAND_LINE)])
    cs = load_standard(ref)
    data = _load_park(park_path, as_path=rec["park"]["path"])  # a moved file is named as recorded
    ex = explain(cs, data)
    now = _audit.record(cs, data, ex.card, list(ex.events), ref)
    texts = {n: cs.sources.get(n) or "" for n in cs.std.files}
    return _audit.compare(rec, now, texts)


