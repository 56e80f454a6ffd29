"""`parkscore sql` on real engines: PostgreSQL (Debian's, started on 127.0.0.1 for the module) and
Spark (local[2], pyspark on a JRE) score the generated populations of every shipped standard and
the test shapes exactly as the engine does, indicator by indicator. Marked `engines`: skipped where
PostgreSQL or Spark is not installed (`-m "not engines"` skips them anyway); CI installs both, and
there a missing engine is a failure, not a skip."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import pytest

import parkscore
from parkscore.engine.population.sql import quote, to_sql

from . import engines
from .test_sql import ROWS, SCALE, YEARS, mismatches, population, write_csv

pytestmark = pytest.mark.engines

SPARK_ROWS = {ref: min(n, 600) for ref, n in ROWS.items()}  # a JVM round trip per standard: fewer rows, every shape


def _absent(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed: .ci/run installs it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    with engines.postgres() as dsn:
        if dsn is None:
            _absent("PostgreSQL (Debian's postgresql package) or psycopg")
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as conn:
            yield conn


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with engines.spark() as session:
        if session is None:
            _absent("pyspark or a Java runtime")
        yield session


def _pg_load(conn: Any, types: dict[str, str], path: Path, table: str) -> None:
    cols = ", ".join(f"{quote(c)} {t.replace('VARCHAR', 'TEXT')}" for c, t in types.items())
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(f"CREATE TABLE {table} ({cols})")
    with conn.cursor().copy(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
        copy.write(path.read_bytes())


@pytest.mark.parametrize("ref", sorted(ROWS))
def test_postgres_scores_as_the_engine(pg: Any, ref: str, tmp_path: Path) -> None:
    cs, rows = population(ref, ROWS[ref])
    _pg_load(pg, write_csv(cs, rows, tmp_path / "parks.csv"), tmp_path / "parks.csv", "parks")
    cur = pg.execute(to_sql(cs, table="parks", scale=SCALE, years=YEARS, dialect="postgres"))
    assert mismatches(cs, rows, [d.name for d in cur.description], cur.fetchall()) == []


def test_postgres_stops_on_a_figure_with_more_decimals_than_the_scale(pg: Any, tmp_path: Path) -> None:
    like = tmp_path / "like.csv"  # the table's header, as parkscore tables name columns: key [unit]
    like.write_text("park,water_reused [万吨],water_used_total [万吨]\n", encoding="utf-8")
    pg.execute('DROP TABLE IF EXISTS fine; CREATE TABLE fine (park TEXT, "water_reused [万吨]" NUMERIC, "water_used_total [万吨]" FLOAT8)')
    pg.execute("INSERT INTO fine VALUES ('A', 1.0451234, 1.1)")
    import psycopg

    query = parkscore.sql("cpcif-green-park@2020", table="fine", dialect="postgres", like=like)
    with pytest.raises(psycopg.errors.InvalidTextRepresentation, match="water_reused: more than 6 decimal places; raise --scale: 1.0451234"):
        pg.execute(query)
    pg.execute('UPDATE fine SET "water_reused [万吨]" = 1.045')  # float8 1.1 is read by its shortest text, 1.1
    cur = pg.execute(query)
    row = dict(zip([d.name for d in cur.description], cur.fetchone()))
    assert (row["water_reuse_rate.points"], row["water_reuse_rate.status"]) == (3, "scored")  # 1.045 / 1.1 = 95 %, on the edge


def _spark_frame(session: Any, types: dict[str, str], path: Path) -> Any:
    schema = ", ".join(f"`{c}` {t.replace('VARCHAR', 'STRING')}" for c, t in types.items())
    return session.read.csv(str(path), header=True, schema=schema, enforceSchema=True)


@pytest.mark.parametrize("ref", sorted(SPARK_ROWS))
def test_spark_scores_as_the_engine(spark: Any, ref: str, tmp_path: Path) -> None:
    cs, rows = population(ref, SPARK_ROWS[ref])
    df = _spark_frame(spark, write_csv(cs, rows, tmp_path / "parks.csv"), tmp_path / "parks.csv")
    scored = parkscore.api.score_spark(df, cs, scale=SCALE, years=YEARS)
    assert mismatches(cs, rows, list(scored.columns), [tuple(r) for r in scored.collect()]) == []


def test_spark_types_the_missing_columns_and_turns_ansi_mode_on(spark: Any) -> None:
    # a table with 2 of the draft's columns: every other (the gates' booleans, the levels' names)
    # is a typed NULL, not Spark's VOID; with ANSI mode off an overflow would be a silent NULL
    draft = "cpcif-green-park@2021-draft"
    spark.conf.set("spark.sql.ansi.enabled", "false")
    schema = "park STRING, CO2_emitted DOUBLE, industrial_output DOUBLE"
    fine = spark.createDataFrame([("B", 3000.0, 60000.0)], schema)
    row = parkscore.api.score_spark(fine, draft).first()
    want = parkscore.score(draft, {"CO2_emitted": "3000 tCO2", "industrial_output": "60000 万元"}).indicator("carbon_intensity")
    assert (row["carbon_intensity.status"], row["carbon_intensity.points"]) == (want.status.value, want.points) == ("scored", want.points)
    assert row["eligible"] is False and spark.conf.get("spark.sql.ansi.enabled") == "true"
    huge = spark.createDataFrame([("A", 3e32, 60000.0)], schema)
    with pytest.raises(Exception, match="(?i)overflow|out_of_range|cannot be represented"):
        parkscore.api.score_spark(huge, draft).collect()


def test_the_offered_dialects_are_the_tested_ones() -> None:
    assert parkscore.api.render.DIALECTS == ("duckdb", "postgres", "spark")
    with pytest.raises(parkscore.DiagnosticError, match="sqlite is refused: SQLite has no exact decimal type"):
        parkscore.sql("cpcif-green-park@2020", dialect="sqlite")


def _check_impact(old: Any, new: Any, rows: list[Any], got: list[tuple]) -> None:
    from parkscore.engine.scoring.evaluate import evaluate

    from .test_vector import PARK

    assert len(got) == len(rows)
    for park, total_old, total_new, change, eligible_old, eligible_new, flip in got:
        a, b = evaluate(old, rows[int(park[1:])], PARK), evaluate(new, rows[int(park[1:])], PARK)
        assert (total_old, total_new, change, eligible_old, eligible_new) == (a.total, b.total, b.total - a.total, a.eligible, b.eligible)
        assert flip == ("gains" if b.eligible and not a.eligible else "loses" if a.eligible and not b.eligible else None)


@pytest.mark.parametrize("engine", ["postgres", "spark"])
def test_impact_of_the_draft_on_each_engine(engine: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    old, rows = population("cpcif-green-park@2020", 600)
    new = parkscore.load_standard("cpcif-green-park@2021-draft")
    types = write_csv(new, rows, tmp_path / "parks.csv")
    if engine == "postgres":
        conn = request.getfixturevalue("pg")
        _pg_load(conn, types, tmp_path / "parks.csv", "parks")
        got = conn.execute(parkscore.sql(old, table="parks", dialect="postgres", scale=SCALE, impact=new, years=YEARS)).fetchall()
    else:
        session = request.getfixturevalue("spark")
        _spark_frame(session, types, tmp_path / "parks.csv").createOrReplaceTempView("parks")
        statements = [q for q in parkscore.sql(old, table="parks", dialect="spark", scale=SCALE, impact=new, years=YEARS).split(";\n") if q.strip()]
        for q in statements[:-1]:
            session.sql(q.strip())  # SET spark.sql.ansi.enabled = true (after the comments)
        got = [tuple(r) for r in session.sql(statements[-1]).collect()]
    _check_impact(old, new, rows, got)
