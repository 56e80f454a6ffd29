"""Stage 4c, checked AST -> one SQL query that scores a table of parks where it lives.

The query is written for DuckDB (the embedded default, tested to give the per-park engine's
points) and transpiled by sqlglot for other engines (Postgres, Spark, Snowflake, BigQuery, …).
Like ``vector.py`` it never divides and never uses a binary float:

* every figure becomes an integer at a fixed decimal scale (``--scale``, default 6):
  ``CAST(CAST(x AS DECIMAL(38, 6)) * 1000000 AS DECIMAL(38, 0))`` (in DuckDB a figure below
  10^(18 - scale) reaches the same integer through 64-bit decimals, 3-20x faster); a figure with
  more decimals than the scale stops the query with an error rather than being rounded;
* a computed value is a pair of integer expressions ``num / den`` (``den > 0``); a band
  ``v <= 0.05`` is decided as ``num * 20 <= 1 * den``; a division by zero is "undefined";
* DECIMAL(38, 0) arithmetic raises on overflow (DuckDB: "Overflow in multiplication"), it
  never wraps or falls back to a float.

Input table: one row per park, one column per data key (``parkscore schema STANDARD``), figures
in the standard's units, yes/no facts as booleans, levels as their names, a list of evidenced
items as its text ("a; b; c", counted by its parts), a figure by year as one column per year (``key@2019``); NULL is no data.
Output: the table's columns, ``<key>.n`` (each figure as the integer it became), per indicator
``<id>.points`` and ``<id>.status`` (scored / no_data / undefined), ``total`` (exact: a DECIMAL,
or for a weighted standard ``total_num / total_den`` and ``total`` rounded to 12 decimals) and
``eligible`` (NULL for a standard that ranks without qualifying), and ``grade`` for a standard with
grades. Excuses, tiers (and tiers without a threshold), deductions, vetoes, k-of-n groups and
bonus categories compile as the engine evaluates them; cohort ranks do not (``vector.unsupported``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from math import gcd, lcm
from typing import Mapping

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind, InputKind
from parkscore.dsl.intervals import Interval
from parkscore.engine.scoring.compile import CompiledIndicator, CompiledStandard

# the engines the query is run on by the tests (tests/test_engines.py), to the engine's points on every park
DIALECTS = ("duckdb", "postgres", "spark")
# dialects sqlglot writes that are not offered, and why
REFUSED_DIALECTS = {
    "sqlite": "SQLite has no exact decimal type (DECIMAL(38, 0) is stored as REAL, a binary float): score the table in DuckDB, "
              "which reads SQLite files (ATTACH 'parks.db' (TYPE sqlite))",
    **{d: "not run against a real engine by parkscore's tests, so not offered: its points could differ from the engine's"
       for d in ("databricks", "snowflake", "bigquery", "trino", "clickhouse", "mysql", "tsql")},
}
INT = "DECIMAL(38, 0)"
SPARK_ANSI = "SET spark.sql.ansi.enabled = true;"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(d: Decimal | int) -> str:
    return str(d) if isinstance(d, int) else format(d, "f")


@dataclass(frozen=True)
class Source:
    """Where the table holds a data key: the column's name and the factor from its unit to the
    standard's (``1 万吨 = 10000 t``)."""

    name: str
    factor: Fraction = Fraction(1)


@dataclass(frozen=True)
class Rat:
    """A value per row in SQL: ``num / den`` (``den > 0``); ``den`` is an int when constant;
    ``undefined``: the SQL condition under which a division by zero happened (or None)."""

    num: str | int
    den: str | int
    undefined: str | None = None


def _times(a: str | int, b: str | int) -> str | int:
    if isinstance(a, int) and isinstance(b, int):
        return a * b
    if a == 1:
        return b
    if b == 1:
        return a
    return f"({a} * {b})"


def _either(a: str | None, b: str | None) -> str | None:
    return f"({a} OR {b})" if a and b else a or b


def _arith(op: str, a: Rat, b: Rat) -> Rat:
    undefined = _either(a.undefined, b.undefined)
    if op in "+-":
        sign = "+" if op == "+" else "-"
        if isinstance(a.den, int) and isinstance(b.den, int):
            common = lcm(a.den, b.den)
            return Rat(f"({_times(a.num, common // a.den)} {sign} {_times(b.num, common // b.den)})", common, undefined)
        return Rat(f"({_times(a.num, b.den)} {sign} {_times(b.num, a.den)})", str(_times(a.den, b.den)), undefined)
    if op == "*":
        return Rat(str(_times(a.num, b.num)), _times(a.den, b.den), undefined)
    # a / b = (a.num * b.den) / (a.den * b.num); constant factors of the two denominators cancel
    ad, bd = a.den, b.den
    if isinstance(ad, int) and isinstance(bd, int):
        g = gcd(ad, bd)
        ad, bd = ad // g, bd // g
    num, den = _times(a.num, bd), _times(ad, b.num)
    if isinstance(den, int):  # dividing by a number (a checked standard never divides by 0)
        return Rat(num if den > 0 else f"(-{num})", abs(den), undefined)
    return Rat(f"(CASE WHEN {den} < 0 THEN -{num} ELSE {num} END)", f"abs({den})", _either(undefined, f"({den} = 0)"))


class _Writer:
    def __init__(self, cs: CompiledStandard, scale: int, years: list[int] | None, columns: Mapping[str, Source] | None,
                 dialect: str) -> None:
        self.cs, self.scale, self.years = cs, scale, years or []
        self.columns = columns
        self.keys = cs.std.data_keys
        self.pscale = cs.points_scale
        self.dialect = dialect

    # ---- values ----
    def has(self, key: str) -> bool:
        """Does the table hold a column for this data key (``key`` or ``key@2019``)?"""
        return self.columns is None or key in self.columns

    def col(self, key: str) -> str:
        """The column holding a data key, or a NULL of the key's type where the table has none (a
        bare NULL has no type, which Spark refuses in a CASE)."""
        if self.has(key):
            return quote(self.columns[key].name if self.columns is not None else key)
        kind = self.keys[key.split("@")[0]].kind
        sql_type = {InputKind.BOOL: "BOOLEAN", InputKind.LEVEL: "VARCHAR", InputKind.ITEMS: "VARCHAR"}.get(kind, f"DECIMAL(38, {self.scale})")
        return f"CAST(NULL AS {sql_type})"

    def fail(self, message: str, value: str) -> str:
        """An expression that stops the query with ``message`` (and the row's ``value``) when reached,
        in what the engine has: DuckDB ``error()``, Spark ``raise_error()``; PostgreSQL has no such
        function, so the message is cast to an integer, which raises with it (the value keeps the
        planner from folding the cast before a row needs it)."""
        text = message.replace("'", "''")
        if self.dialect == "spark":
            return f"raise_error('{text}')"
        if self.dialect == "postgres":
            return f"CAST('{text}: ' || CAST({value} AS VARCHAR) AS INTEGER)"
        return f"error('{text}')"

    def figure(self, key: str) -> Rat:
        """A figure in the standard's unit: its integer at the scale, times its unit's factor."""
        if not self.has(key):
            return Rat(f"CAST(NULL AS {INT})", 1)
        factor = self.columns[key].factor if self.columns is not None else Fraction(1)
        return Rat(_times(quote(f"{key}.n"), factor.numerator), 10 ** self.scale * factor.denominator)

    def decimal(self, c: str) -> str:
        """A column as DECIMAL(38, scale). A float column is read by its shortest text, the number
        the file held, where the engine's own cast would not: DuckDB's goes through a binary
        product (188154356811.75 became 188154356811.750016), PostgreSQL's keeps 15 digits; the
        type test is a constant of the column (DuckDB folds it). Spark's cast is the shortest text."""
        s = self.scale
        plain, via_text = f"CAST({c} AS DECIMAL(38, {s}))", f"CAST(CAST({c} AS VARCHAR) AS DECIMAL(38, {s}))"
        if self.dialect == "duckdb":
            return f"(CASE WHEN typeof({c}) IN ('DOUBLE', 'FLOAT') THEN {via_text} ELSE {plain} END)"
        if self.dialect == "postgres":
            return f"(CASE WHEN CAST(pg_typeof({c}) AS VARCHAR) IN ('double precision', 'real') THEN {via_text} ELSE {plain} END)"
        return plain

    def scaled(self, key: str) -> str:
        """A figure as an integer at the scale (``decimal``); a figure that does not equal what it
        became (more decimals than the scale) stops the query."""
        c, s = self.col(key), self.scale
        exact = self.decimal(c)
        whole = f"CAST({exact} * {10 ** s} AS {INT})"
        if self.dialect == "duckdb" and 2 * s < 18:
            # DuckDB makes a DECIMAL(38, s) a DECIMAL(38, 0) by a 128-bit division (~200 ns a value). Below
            # 10^(18 - 2s) the product fits DuckDB's 64-bit decimals and the integer is taken there (20x
            # faster); below 10^(18 - s), as its 64-bit whole part and fraction (3x faster)
            x = f"CAST({exact} AS DECIMAL(18, {s}))"
            small = f"CAST({x} * {10 ** s} AS BIGINT)"
            parts = f"CAST(trunc({x}) AS BIGINT) * {10 ** s} + CAST(({x} - trunc({x})) * {10 ** s} AS BIGINT)"
            whole = (f"CASE WHEN abs({exact}) < {10 ** (18 - 2 * s)} THEN CAST({small} AS {INT}) "
                     f"WHEN abs({exact}) < {10 ** (18 - s)} THEN CAST({parts} AS {INT}) ELSE {whole} END")
        return (f"CASE WHEN {exact} <> {c} THEN {self.fail(f'{key}: more than {s} decimal places; raise --scale', c)} "
                f"ELSE {whole} END")

    def expr(self, e: ast.Expr) -> Rat:
        if isinstance(e, ast.Num):
            return self.constant(e.value)
        if isinstance(e, ast.Ref):
            return self.figure(e.name)
        return _arith(e.op, self.expr(e.left), self.expr(e.right))

    def compare(self, a: Rat, op: str, b: Rat) -> str:
        return f"({_times(a.num, b.den)} {op} {_times(b.num, a.den)})"

    def constant(self, d: Decimal) -> Rat:
        f = Fraction(d)
        return Rat(f.numerator, f.denominator)

    def contains(self, iv: Interval, v: Rat) -> str:
        parts = []
        if iv.lo is not None:
            parts.append(self.compare(v, ">=" if iv.lo_incl else ">", self.constant(iv.lo)))
        if iv.hi is not None:
            parts.append(self.compare(v, "<=" if iv.hi_incl else "<", self.constant(iv.hi)))
        return " AND ".join(parts) or "TRUE"

    def cond(self, c: ast.Cond) -> str:
        """Three-valued like the engine: SQL's NULL logic is the engine's 'no data'."""
        if isinstance(c, ast.CondRef):
            return self.col(c.name)
        if isinstance(c, ast.Not):
            return f"(NOT {self.cond(c.operand)})"
        if isinstance(c, ast.BoolOp):
            return "(" + f" {c.op.upper()} ".join(self.cond(o) for o in c.operands) + ")"
        vals = [self.constant(o.value) if isinstance(o, ast.Num) else self.figure(o.name) for o in c.operands]
        tests = " AND ".join(self.compare(vals[i], op, vals[i + 1]) for i, op in enumerate(c.ops))
        names = [self.col(o.name) for o in c.operands if isinstance(o, ast.Ref)]
        if len(c.ops) == 1 or not names:
            return f"({tests})"
        return f"(CASE WHEN {' OR '.join(f'{n} IS NULL' for n in names)} THEN NULL ELSE {tests} END)"

    def points(self, d: Decimal) -> str:
        return f"CAST({_lit(d)} AS DECIMAL(18, {self.pscale}))"

    # ---- one indicator: (condition, points, status) in the engine's order ----
    def steps(self, ci: CompiledIndicator) -> list[tuple[str, str, str]]:
        ind = ci.ind
        zero = self.points(Decimal(0))
        out = [(f"({self.cond(e.cond)})", zero, "excused") for e in ind.rules_of(ast.Excuse)]
        out += [(f"({self.cond(e.cond)})", self.points(e.points), "scored") for e in ind.rules_of(ast.Exempt)]
        match ci.kind:
            case IndicatorKind.COUNT:
                assert ci.count is not None
                n = self.col(ci.count.items)
                # the items as a parkscore table writes them, "a; b; c": count the non-empty parts
                t = f"trim(replace(CAST({n} AS VARCHAR), '；', ';'), '; ')"
                count = f"(CASE WHEN {t} = '' THEN 0 ELSE length({t}) - length(replace({t}, ';', '')) + 1 END)"
                pts = (f"GREATEST({self.points(ci.count.cap)} - {count} * {self.points(ci.count.per_item)}, {zero})" if ci.count.deduct
                       else f"LEAST({count} * {self.points(ci.count.per_item)}, {self.points(ci.count.cap)})")
                out += [(f"{n} IS NULL", zero, "no_data"), ("TRUE", pts, "scored")]
            case IndicatorKind.LEVEL:
                col = self.col(ind.id)
                out.append((f"{col} IS NULL", zero, "no_data"))
                out += [(f"{col} = '{lv.name}'", self.points(lv.points), "scored") for lv in ci.levels.values()]
                # a value that is no level: the engine refuses the row (D140); a query cannot, so it
                # stops, as for a figure with too many decimals, rather than score it 0
                names = ", ".join(ci.levels)
                return out + [("TRUE", self.fail(f"{ind.id}: a value that is not a level ({names})", col), "no_data")]
            case IndicatorKind.TREND:
                out += self.trend(ci)
            case IndicatorKind.BAND:
                out += self.band(ci)
        return out + [("TRUE", zero, "scored")]

    def value(self, ci: CompiledIndicator) -> tuple[Rat, str, str | None] | None:
        """The band value, the condition that it is known, and when it is undefined."""
        ind = ci.ind
        direct = self.figure(ind.id) if ind.id in self.keys and self.keys[ind.id].kind is InputKind.NUMBER else None
        if ind.formula is None:
            return (direct, f"{self.col(ind.id)} IS NOT NULL", None) if direct else None
        v = self.expr(ind.formula.expr)
        have = " AND ".join(f"{self.col(n)} IS NOT NULL" for n in ci.formula_inputs) or "TRUE"
        undefined = v.undefined
        if ind.range is not None:
            outside = f"NOT ({self.contains(Interval(ind.range.lo, True, ind.range.hi, True), v)})"
            undefined = _either(undefined, outside)
        if direct is None:
            return v, have, undefined
        given = f"{self.col(ind.id)} IS NOT NULL"
        both = Rat(f"(CASE WHEN {given} THEN {direct.num} ELSE {v.num} END)",
                   f"(CASE WHEN {given} THEN {direct.den} ELSE {v.den} END)")
        return both, f"({given} OR ({have}))", f"(NOT {given} AND {undefined})" if undefined else None

    def band(self, ci: CompiledIndicator) -> list[tuple[str, str, str]]:
        """Reads the value columns of the ``values`` step (``value``)."""
        zero = self.points(Decimal(0))
        got = self.value(ci)
        if got is None:
            return [("TRUE", zero, "no_data")]
        i = ci.ind.id
        v = Rat(quote(f"{i}.num"), quote(f"{i}.den"))
        out = [(f"NOT {quote(i + '.known')}", zero, "no_data")]
        if got[2]:
            out.append((quote(f"{i}.undefined"), zero, "undefined"))
        for g in ci.ind.rules_of(ast.Require):
            c = self.cond(g.cond)
            out += [(f"{c} IS NULL", zero, "no_data"), (f"NOT {c}", zero, "scored")]
        out += [(self.cond(nt.when), zero, "undefined") for nt in ci.ind.rules_of(ast.NoThreshold)]
        tiered = False
        for b, band in zip(ci.bands, ci.ind.rules_of(ast.Band)):
            if band.when is None:
                out.append((self.contains(b.interval, v), self.points(b.points), "scored"))
                continue
            tiered, tier = True, self.cond(band.when)
            out += [(f"{tier} IS NULL", zero, "no_data"), (f"({self.contains(b.interval, v)}) AND {tier}", self.points(b.points), "scored")]
        if tiered:  # no tier of the bands holds for this park
            out.append(("TRUE", zero, "undefined"))
        return out

    def values(self) -> list[str]:
        """Each band indicator's value as columns: ``<id>.num``, ``.den``, ``.known``, ``.undefined``."""
        out = []
        for ci in self.cs.indicators:
            got = self.value(ci) if ci.kind is IndicatorKind.BAND else None
            if got is None:
                continue
            v, known, undefined = got
            i = ci.ind.id
            out += [f"{v.num} AS {quote(i + '.num')}", f"{v.den} AS {quote(i + '.den')}", f"({known}) AS {quote(i + '.known')}"]
            if undefined:
                out.append(f"COALESCE({undefined}, FALSE) AS {quote(i + '.undefined')}")
        return out

    def trend(self, ci: CompiledIndicator) -> list[tuple[str, str, str]]:
        """Alternatives, as the engine: the first trend that holds; no data if none holds and a
        series is incomplete; else 0."""
        zero = self.points(Decimal(0))
        out, completes = [], []
        for t in ci.trends:
            col = {y: self.col(f"{t.series}@{y}") for y in self.years}
            ends = []
            for end in self.years:
                span = list(range(end - t.years + 1, end + 1))
                if not all(y in col for y in span):
                    continue
                later = [f"{col[y]} IS NULL" for y in self.years if y > end]
                complete = " AND ".join([f"{col[y]} IS NOT NULL" for y in span] + later)
                op = "<" if t.decreasing else ">"
                monotone = " AND ".join(f"(CAST({col[b]} AS DECIMAL(38, {self.scale})) {op} CAST({col[a]} AS DECIMAL(38, {self.scale})))"
                                        for a, b in zip(span, span[1:]))
                ends.append((complete, monotone))
            if not ends:
                completes.append("FALSE")
                continue
            completes.append("(" + " OR ".join(f"({c})" for c, _ in ends) + ")")
            out.append((" OR ".join(f"(({c}) AND {m})" for c, m in ends), self.points(t.points), "scored"))
        return out + [(f"NOT ({' AND '.join(completes)})", zero, "no_data")]

    # ---- the query ----
    def query(self, table: str, prefix: str = "") -> str:
        """The query; ``prefix`` names its steps apart from another query's (sqlglot lifts the steps
        of two subqueries into one WITH for Spark, where names must differ)."""
        std = self.cs.std
        fig, val, ind = quote(prefix + "figures"), quote(prefix + "values"), quote(prefix + "indicators")
        figures = [k for k, dk in self.keys.items() if dk.kind is InputKind.NUMBER and self.has(k)]
        lines = [f"-- parkscore: {std.ref} ({std.header.title or ''}), status {std.header.status or 'unstated'}"]
        lines += [f"-- reading of ours: {r}" for r in std.header.readings]
        if std.header.illustrative:
            lines.append(f"-- ILLUSTRATIVE: {std.header.illustrative}")
        lines.append("-- input: one row per park; columns named by data keys, figures in the standard's units; NULL is no data")
        # PostgreSQL inlines a CTE, so each use of a computed column would compute it again (100,000
        # rows took 186 s): there each step is MATERIALIZED, computed once per row
        fence = " MATERIALIZED" if self.dialect == "postgres" else ""
        lines.append(f"WITH {fig} AS{fence} (\n  SELECT *" + "".join(f",\n    {self.scaled(k)} AS {quote(k + '.n')}" for k in figures)
                     + f"\n  FROM {table}\n), {val} AS{fence} (\n  SELECT *" + "".join(f",\n    {v}" for v in self.values())
                     + f"\n  FROM {fig}\n), {ind} AS{fence} (\n  SELECT *")
        for ci in self.cs.indicators:
            steps = self.steps(ci)
            pts = "CASE " + " ".join(f"WHEN {c} THEN {p}" for c, p, _ in steps) + " END"
            status = "CASE " + " ".join(f"WHEN {c} THEN '{s}'" for c, _, s in steps) + " END"
            lines.append(f"    -- {ci.ind.clause} {ci.ind.id}: {ci.ref.file}:{ci.ref.line}")
            lines.append(f"    , {pts} AS {quote(ci.ind.id + '.points')}")
            lines.append(f"    , {status} AS {quote(ci.ind.id + '.status')}")
        lines.append(f"  FROM {val}\n)")
        lines.append("SELECT *, " + self.total() + f"\nFROM {ind}")
        return "\n".join(lines) + "\n"

    def total(self) -> str:
        std = self.cs.std
        weighted = std.weighted
        max_total = std.max_total
        unit = 10 ** self.pscale
        if not weighted:
            total = " + ".join(quote(ci.ind.id + ".points") for ci in self.cs.indicators) or "0"
            out = [f"({total}) AS total"]
            exact_total = Rat(f"CAST(({total}) * {unit} AS {INT})", unit)
        else:
            coef: dict[str, Fraction] = {}
            for cat in std.categories:
                maxp = cat.maximum
                coef[cat.id] = Fraction(cat.weight or 0) / 100 * (Fraction(1, unit) / Fraction(maxp) if maxp else 0) * Fraction(max_total)
            den = reduce(lcm, (f.denominator for f in coef.values()), 1)
            terms = [f"CAST(({' + '.join(quote(i.id + '.points') for i in cat.indicators) or '0'}) * {unit} AS {INT}) * "
                     f"{coef[cat.id].numerator * (den // coef[cat.id].denominator)}" for cat in std.categories]
            num = "(" + " + ".join(terms) + ")"
            exact_total = Rat(num, den)
            out = [f"{num} AS total_num", f"{den} AS total_den",
                   f"CAST(({num} * {10 ** 12} * 2 + {den}) // ({2 * den}) AS DECIMAL(38, 0)) / {10 ** 12} AS total"]
        def met(i: str) -> str:
            return f"({quote(i + '.status')} = 'scored' AND {quote(i + '.points')} > 0)"

        def excused(i: str) -> str:
            return f"({quote(i + '.status')} = 'excused')"

        vetoes = [i for i in std.indicators if i.veto]
        groups = [c for c in std.categories if c.at_least is not None]
        if std.header.grades:  # a veto that names a grade gives it; else the first grade holding for the total
            whens = [f"WHEN NOT ({met(i.id)} OR {excused(i.id)}) THEN '{i.veto}'" for i in vetoes if isinstance(i.veto, str)]
            whens += [f"WHEN {self.contains(self.cs.grade_intervals[g.name], exact_total)} THEN '{g.name}'" for g in std.header.grades]
            out.append("CASE " + " ".join(whens) + " END AS grade")
        decides = std.header.pass_mark is not None or any(not g.advisory for g in std.gates) or bool(vetoes) or bool(groups)
        if not decides:
            return ",\n  ".join(out + ["CAST(NULL AS BOOLEAN) AS eligible"])
        conds = []
        if std.header.pass_mark is not None:
            conds.append(self.compare(exact_total, ">=", self.constant(std.header.pass_mark)))
        conds += [f"COALESCE({self.col(g.id)}, FALSE)" for g in std.gates if not g.advisory]
        conds += [f"({met(i.id)} OR {excused(i.id)})" for i in vetoes]  # 一票否决
        for c in groups:  # k of n: excused indicators are not counted
            got = " + ".join(f"(CASE WHEN {met(i.id)} THEN 1 ELSE 0 END)" for i in c.indicators)
            counted = " + ".join(f"(CASE WHEN {excused(i.id)} THEN 0 ELSE 1 END)" for i in c.indicators)
            conds.append(f"(({got}) >= LEAST({c.at_least}, {counted}))")
        return ",\n  ".join(out + ["(" + " AND ".join(conds) + ") AS eligible"])


def to_sql(cs: CompiledStandard, table: str = "parks", scale: int = 6, years: list[int] | None = None,
           columns: Mapping[str, Source] | None = None, dialect: str = "duckdb") -> str:
    """The query scoring ``table`` under the standard, in ``dialect`` (see the module docstring).
    ``columns``: where the table holds each data key (``key`` or ``key@2019``), if known; a key
    without a column is no data. Default: a column named by each key, in the standard's unit.
    ``years``: the year columns of figures by year."""
    return _in_dialect(_Writer(cs, scale, years, columns, dialect).query(table), dialect)


def impact_sql(old: CompiledStandard, new: CompiledStandard, key: str, table: str = "parks", scale: int = 6,
               years: list[int] | None = None, columns: tuple[Mapping[str, Source] | None, Mapping[str, Source] | None] = (None, None),
               dialect: str = "duckdb") -> str:
    """A draft's effect on a population in one query: ``table`` scored under ``old`` and under
    ``new`` (each as ``to_sql``, with its own ``columns``), joined on the column ``key`` (one row
    per park): the key, each version's total and verdict, the change of total and the flip
    (``gains``, ``loses`` or NULL)."""
    k = quote(key)

    def scored(cs: CompiledStandard, cols: Mapping[str, Source] | None, prefix: str) -> str:
        query = _Writer(cs, scale, years, cols, dialect).query(table, prefix)
        return "(\n" + "\n".join(line for line in query.splitlines() if not line.startswith("-- ")) + "\n)"

    sql = (f"-- parkscore impact: {old.ref} -> {new.ref}, parks joined on {key}\n"
           f"SELECT o.{k}, o.total AS total_old, n.total AS total_new, n.total - o.total AS total_change,\n"
           f"  o.eligible AS eligible_old, n.eligible AS eligible_new,\n"
           f"  CASE WHEN n.eligible AND NOT o.eligible THEN 'gains' WHEN o.eligible AND NOT n.eligible THEN 'loses' END AS flip\n"
           f"FROM {scored(old, columns[0], 'old_')} AS o\nJOIN {scored(new, columns[1], 'new_')} AS n ON o.{k} = n.{k}\n")
    return _in_dialect(sql, dialect)


def _in_dialect(sql: str, dialect: str) -> str:
    """A query written for DuckDB, in ``dialect`` (transpiled by sqlglot), its comments kept first."""
    if dialect == "duckdb":
        return sql
    import sqlglot

    head = "\n".join(line for line in sql.splitlines() if line.startswith("-- ")) + "\n"
    if dialect == "spark":  # without ANSI mode Spark turns an overflow or a bad cast into NULL: no data, silently
        head += f"-- Spark: ANSI mode, so that an overflow stops the query as on every other engine\n{SPARK_ANSI}\n"
    return head + sqlglot.transpile(sql, read="duckdb", write=dialect, pretty=True)[0] + ";\n"
