"""``parkscore sql``: the query run in DuckDB gives the per-park engine's points, statuses, totals and
verdicts on random rows (half on band edges); other dialects transpile and parse."""
from __future__ import annotations

import csv
import random
from decimal import Decimal
from pathlib import Path

import pytest

import parkscore
from parkscore.dsl.ast import InputKind
from parkscore.engine.population.sql import DIALECTS, quote, to_sql
from parkscore.engine.scoring.data import Fact
from parkscore.engine.scoring.evaluate import evaluate

from .test_vector import HERE, PARK, Parks

duckdb = pytest.importorskip("duckdb")
sqlglot = pytest.importorskip("sqlglot")

SCALE = 12
YEARS = list(range(2014, 2021))
ROWS = {"cpcif-green-park@2020": 3000, "cpcif-green-park@2021-draft": 1500, "climate-leader-park@2020": 1500,
        "zero-carbon-park@2025": 1500, "tests/shapes/safety-grades-v1": 1000, "tests/shapes/tiers": 1000, "tests/shapes/deductions": 1000}


def _fit(v: Decimal, scale: int = SCALE, digits: int | None = None) -> Decimal:
    """Figures at most ``scale`` decimals (the query refuses more) and ``digits`` significant digits."""
    if digits is not None and len(v.as_tuple().digits) > digits:
        v = v.quantize(Decimal(1).scaleb(v.adjusted() - digits + 1))
    return v.quantize(Decimal(1).scaleb(-scale)).normalize() if v.as_tuple().exponent < -scale else v  # type: ignore[operator]


def rng_sep(n: int) -> str:
    """A trailing separator on some lists (people write them): it adds no item."""
    return ";" if n % 2 else ""


def _table(cs: parkscore.CompiledStandard, rows: list[dict[str, Fact]], path: Path) -> str:
    """The rows as a CSV file and the DuckDB expression reading it with exact column types."""
    types = write_csv(cs, rows, path)
    cols = ", ".join(f"{quote(c).replace(chr(39), chr(39) * 2)!r}: '{t}'".replace('"', "") for c, t in types.items())
    return f"read_csv('{path}', header = true, auto_detect = false, columns = {{{cols}}})"


def write_csv(cs: parkscore.CompiledStandard, rows: list[dict[str, Fact]], path: Path) -> dict[str, str]:
    """The rows as a CSV file; the SQL type of each column (exact: DECIMAL for figures)."""
    types: dict[str, str] = {"park": "VARCHAR"}
    for k, dk in cs.std.data_keys.items():
        match dk.kind:
            case InputKind.NUMBER:
                types[k] = f"DECIMAL(38, {SCALE})"
            case InputKind.BOOL:
                types[k] = "BOOLEAN"
            case InputKind.ITEMS:
                types[k] = "VARCHAR"
            case InputKind.LEVEL:
                types[k] = "VARCHAR"
            case InputKind.SERIES:
                types.update({f"{k}@{y}": f"DECIMAL(38, {SCALE})" for y in YEARS})
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(types)
        for i, facts in enumerate(rows):
            cells: dict[str, str] = {"park": f"p{i}"}
            for k, f in facts.items():
                kind = cs.std.data_keys[k].kind
                if kind is InputKind.SERIES:
                    cells.update({f"{k}@{y}": str(v) for y, v in f.series})
                elif kind is InputKind.ITEMS:
                    cells[k] = "; ".join(i.name for i in f.items) + rng_sep(len(f.items))
                elif kind is InputKind.BOOL:
                    cells[k] = "true" if f.value else "false"
                else:
                    cells[k] = str(f.value)
            w.writerow([cells.get(c, "") for c in types])
    return types


def _run(sql: str) -> tuple[list[str], list[tuple]]:
    cur = duckdb.connect().execute(sql)
    return [d[0] for d in cur.description], cur.fetchall()


def population(ref: str, n: int, scale: int = SCALE, digits: int | None = None) -> tuple[parkscore.CompiledStandard, list[dict[str, Fact]]]:
    """``n`` random parks of a standard (half on band edges, missing data, zero denominators, values
    out of range, excuses, tiers), figures with at most ``scale`` decimals (and ``digits``
    significant digits: a float holds 15)."""
    cs = parkscore.load_standard(str(Path(__file__).parent.parent / ref) if ref.startswith("tests/") else ref)
    rng = random.Random(f"sql {ref}")
    parks = Parks(cs.std)
    rows = []
    for _ in range(n):
        facts = parks.draw(rng)
        # a table cell cannot hold an empty list (an empty cell is no data): leave those out
        rows.append({k: Fact(k, _fit(f.value, scale, digits), HERE) if isinstance(f.value, Decimal) else f
                     for k, f in facts.items() if f.value != ()})
    return cs, rows


def mismatches(cs: parkscore.CompiledStandard, rows: list[dict[str, Fact]], names: list[str], got: list[tuple]) -> list[str]:
    """Where a query's rows (in any order) differ from the engine's scorecards: every indicator's
    status and points, the total (a weighted one exact as a fraction), eligibility and grade; one
    line per differing park."""
    out = [f"{len(got)} rows for {len(rows)} parks"] if len(got) != len(rows) else []
    by_park = sorted((dict(zip(names, values)) for values in got), key=lambda r: int(r["park"][1:]))  # parks are p0, p1, …
    for i, (facts, row) in enumerate(zip(rows, by_park)):
        card = evaluate(cs, facts, PARK)
        wrong = [f"{r.id}: {row[f'{r.id}.status']} {row[f'{r.id}.points']} != {r.status.value} {r.points}" for r in card.indicators
                 if (row[f"{r.id}.status"], row[f"{r.id}.points"]) != (r.status.value, r.points)]
        if "total_num" in row:  # weighted: exact as a fraction; rounded to 12 places for showing
            with parkscore.dsl.numbers.exact():
                if (Decimal(row["total_num"]) / Decimal(row["total_den"])).quantize(Decimal("1e-30")) != card.total.quantize(Decimal("1e-30")):
                    wrong.append(f"total {row['total']} != {card.total}")
        elif row["total"] != card.total:
            wrong.append(f"total {row['total']} != {card.total}")
        if row["eligible"] != card.eligible or row.get("grade") != card.grade:
            wrong.append(f"eligible {row['eligible']} grade {row.get('grade')} != {card.eligible} {card.grade}")
        if wrong:
            out.append(f"row {i} ({ {k: str(f.value) for k, f in facts.items()} }): " + "; ".join(wrong))
    return out


@pytest.mark.parametrize("ref", sorted(ROWS))
def test_sql_in_duckdb_equals_engine(ref: str, tmp_path: Path) -> None:
    cs, rows = population(ref, ROWS[ref])
    source = _table(cs, rows, tmp_path / "parks.csv")
    names, got = _run(to_sql(cs, table=source, scale=SCALE, years=YEARS))
    assert mismatches(cs, rows, names, got) == []


@pytest.mark.parametrize("ref", sorted(ROWS))
def test_sql_in_duckdb_at_a_small_scale_equals_engine(ref: str, tmp_path: Path) -> None:
    # at --scale 4 a figure below 10^10 becomes its integer through DuckDB's 64-bit decimals, a larger
    # one through DECIMAL(38): the random parks take both ways
    cs, rows = population(ref, 500, scale=4)
    source = _table(cs, rows, tmp_path / "parks.csv")
    names, got = _run(to_sql(cs, table=source, scale=4, years=YEARS))
    assert mismatches(cs, rows, names, got) == []


@pytest.mark.parametrize("scale", [0, 4, 6, 8])
def test_sql_figures_become_exact_integers_on_every_side_of_the_64_bit_bounds(scale: int, tmp_path: Path) -> None:
    # below 10^(18 - 2 scale): through 64-bit decimals; below 10^(18 - scale): a 64-bit whole part and
    # fraction; above: DECIMAL(38)
    bound, wide = Decimal(10) ** (18 - 2 * scale), Decimal(10) ** (18 - scale)
    step = Decimal(1).scaleb(-scale)
    values = [Decimal(0), step, bound - step, bound, bound + step, -(bound - step), -bound, -(bound * 7 + step * 3),
              wide - step, -(wide - step), wide, wide + step, -(wide * 3 + step)]
    path = tmp_path / "p.csv"
    path.write_text("park,chem_revenue [亿元]\n" + "".join(f"p{i},{v}\n" for i, v in enumerate(values)), encoding="utf-8")
    src = f"read_csv('{path}', header = true, auto_detect = false, columns = {{'park': 'VARCHAR', 'chem_revenue [亿元]': 'DECIMAL(38, {scale})'}})"
    query = parkscore.sql("cpcif-green-park@2020", table=src, like=str(path), scale=scale)
    names, got = _run(f'SELECT "chem_revenue.n" FROM ({query.rstrip()}) ORDER BY CAST(substr(park, 2) AS INTEGER)')
    assert [row[0] for row in got] == [v.scaleb(scale) for v in values]


@pytest.mark.parametrize("ref", ["cpcif-green-park@2020", "zero-carbon-park@2025"])
def test_sql_in_duckdb_on_guessed_column_types_equals_engine(ref: str, tmp_path: Path) -> None:
    # the README's path: read_csv guessing the types (figures become DOUBLE); figures are read by
    # their shortest text, so 188154356811.75 is not refused as having more than 6 decimals
    cs, rows = population(ref, 1000, scale=6, digits=15)
    write_csv(cs, rows, tmp_path / "parks.csv")
    names, got = _run(to_sql(cs, table=f"read_csv('{tmp_path / 'parks.csv'}')", scale=6, years=YEARS))
    assert mismatches(cs, rows, names, got) == []


def _csv(path: Path, text: str) -> tuple[str, str]:
    """A parkscore table file and the DuckDB expression reading its figures as DOUBLE, as a warehouse might."""
    path.write_text(text, encoding="utf-8")
    header = text.splitlines()[0].split(",")
    types = ", ".join(f"'{h}': '{'VARCHAR' if h == 'park' else 'DOUBLE'}'" for h in header)
    return str(path), f"read_csv('{path}', header = true, auto_detect = false, columns = {{{types}}})"


def test_sql_refuses_more_decimals_than_its_scale(tmp_path: Path) -> None:
    path, src = _csv(tmp_path / "p.csv", "park,water_reused [万吨],water_used_total [万吨]\nA,1.0451234,1.1\n")
    with pytest.raises(duckdb.Error, match="water_reused: more than 6 decimal places"):
        _run(parkscore.sql("cpcif-green-park@2020", table=src, like=path))


def test_sql_exact_where_floats_are_not(tmp_path: Path) -> None:
    # 1.045 / 1.1 × 100 is 94.99999999999999 in binary floats; DOUBLE columns are read back exactly
    path, src = _csv(tmp_path / "p.csv", "park,water_reused [万吨],water_used_total [万吨]\nA,1.045,1.1\n")
    assert _run(f'SELECT "water_reused [万吨]" / "water_used_total [万吨]" * 100 FROM {src}')[1][0][0] < 95
    names, rows = _run(parkscore.sql("cpcif-green-park@2020", table=src, like=path))
    row = dict(zip(names, rows[0]))
    assert (row["water_reuse_rate.points"], row["water_reuse_rate.status"]) == (3, "scored")
    assert row["COD_intensity.status"] == "no_data" and row["eligible"] is False


def test_sql_converts_the_units_of_the_columns(tmp_path: Path) -> None:
    # 7.17 COD_intensity = COD_emitted [kg] / industrial_output [万元]: 3 t over 6 亿元 is 3000 kg / 60000 万元 = 0.05
    # (3 points, on the edge); 9 t is 0.15 (1 point)
    path, src = _csv(tmp_path / "p.csv", "park,COD_emitted [t],industrial_output [亿元]\nA,3,6\nB,9,6\n")
    names, rows = _run(parkscore.sql("cpcif-green-park@2020", table=src, like=path))
    got = [dict(zip(names, r)) for r in rows]
    engine = [parkscore.score("cpcif-green-park@2020", {"COD_emitted": f"{t} t", "industrial_output": "6 亿元"}).indicator("COD_intensity")
              for t in (3, 9)]
    assert [(g["COD_intensity.points"], g["COD_intensity.status"]) for g in got] == [(e.points, e.status.value) for e in engine]
    assert [e.points for e in engine] == [3, 1]


def test_sql_header_errors_are_positioned(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text("park,COD_emitted [m3],industrial_output\nA,1,2\n", encoding="utf-8")
    with pytest.raises(parkscore.DiagnosticError) as exc:
        parkscore.sql("cpcif-green-park@2020", like=tmp_path / "p.csv")
    text = str(exc.value)
    assert "D123" in text and "p.csv:B1" in text and "D122" in text and "p.csv:C1" in text


@pytest.mark.parametrize("dialect", [d for d in DIALECTS if d != "duckdb"])
def test_sql_transpiles_and_parses(dialect: str) -> None:
    cs = parkscore.load_standard("climate-leader-park@2020")
    sql = to_sql(cs, years=[2017, 2018, 2019], dialect=dialect)
    assert sqlglot.parse_one(sql, read=dialect) is not None
    assert "-- parkscore: climate-leader-park@2020" in sql and "reading of ours" in sql


def test_sql_on_the_bundled_table_agrees_with_score_table() -> None:
    # DuckDB reads the CSV by itself (figures as DOUBLE, items as text, units in the header)
    table = Path(__file__).parent.parent / "examples" / "tables" / "synthetic-25.csv"
    names, rows = _run(parkscore.sql("cpcif-green-park@2020", table=f"read_csv('{table}')", like=table))
    got = [dict(zip(names, r)) for r in rows]
    want = parkscore.score_table("cpcif-green-park@2020", table)
    assert len(got) == len(want) == 25
    for g, w in zip(got, want):
        assert (g["park"], g["total"], g["eligible"]) == (w["park"], w["total"], w["eligible"])
        assert all(g[f"{k}.points"] == w[k] for k in w if f"{k}.points" in g)


def test_sql_stops_on_a_value_that_is_not_a_level_as_the_engine_refuses_it(tmp_path: Path) -> None:
    """Issue 26 D7: 'Complete' for 'complete' scored 0 with status 'scored' in SQL; the engine says D140."""
    path = tmp_path / "p.csv"
    path.write_text("park,water_supply\nA,complete\nB,Complete\n", encoding="utf-8")
    with pytest.raises(parkscore.DiagnosticError, match="D140"):
        parkscore.score("cpcif-green-park@2020", {"water_supply": "Complete"})
    src = f"read_csv('{path}', header = true, auto_detect = false, columns = {{'park': 'VARCHAR', 'water_supply': 'VARCHAR'}})"
    with pytest.raises(duckdb.Error, match=r"water_supply: a value that is not a level \(complete, weak, none\)"):
        _run(parkscore.sql("cpcif-green-park@2020", table=src, like=str(path)))


def test_sql_years_are_bounded() -> None:
    """Issue 26 D11: --years 0000-9999 wrote 10,000 columns per series without end."""
    with pytest.raises(parkscore.DiagnosticError, match="spans 10000 years; at most 50"):
        parkscore.api.parse_years("0000-9999")
    assert parkscore.api.parse_years("2017-2019") == [2017, 2018, 2019]


def test_sql_impact_of_the_draft_equals_the_engine_park_by_park(tmp_path: Path) -> None:
    # the same population under 2020 and the 2021 draft, joined on the park: totals, verdicts, flips
    old, rows = population("cpcif-green-park@2020", 800)
    new = parkscore.load_standard("cpcif-green-park@2021-draft")
    types = write_csv(new, rows, tmp_path / "parks.csv")  # the draft reads every 2020 key, and more
    cols = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
    source = f"read_csv('{tmp_path / 'parks.csv'}', header = true, auto_detect = false, columns = {{{cols}}})"
    names, got = _run(parkscore.sql(old, table=source, scale=SCALE, impact=new, years=YEARS))
    assert names == ["park", "total_old", "total_new", "total_change", "eligible_old", "eligible_new", "flip"]
    flips = 0
    for park, total_old, total_new, change, eligible_old, eligible_new, flip in got:
        facts = rows[int(park[1:])]
        a, b = evaluate(old, facts, PARK), evaluate(new, facts, PARK)
        assert (total_old, total_new, change, eligible_old, eligible_new) == (a.total, b.total, b.total - a.total, a.eligible, b.eligible)
        assert flip == ("gains" if b.eligible and not a.eligible else "loses" if a.eligible and not b.eligible else None)
        flips += flip is not None
    assert len(got) == 800 and flips > 0
