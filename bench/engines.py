"""`parkscore sql` on real engines (run: python bench/engines.py [--quick]; needs the test extra,
Debian's PostgreSQL and a Java runtime for Spark, as .ci/run installs them).

1. Exactness: the generated populations of every shipped standard and test shape (tests/test_sql.py:
   band edges, missing data, zero denominators, values out of range, excuses, tiers), 6,000 parks
   each (1,000 with --quick), scored by the query in DuckDB (typed columns, and the README's
   read_csv guessing DOUBLE), PostgreSQL and Spark local[2]; parks differing from the engine on
   any indicator's status or points, the total, the verdict or the grade are counted.
2. Speed: 1,000,000 rows of cpcif-green-park@2020 (100,000 with --quick): 20,000 distinct parks
   repeated, scored by the query in each engine (an aggregate over the scored rows, so no engine
   ships a million rows to Python) and by the exact vectorised evaluator (bench/bench.py's
   anchor), the sums of totals and the eligible counts checked equal.
"""
from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import parkscore  # noqa: E402
from parkscore.engine.population.sql import quote, to_sql  # noqa: E402
from tests import engines  # noqa: E402
from tests.test_sql import ROWS, SCALE, YEARS, mismatches, population, write_csv  # noqa: E402

TMP = Path("/tmp/parkscore-bench-engines")


def _duckdb(path: Path, types: dict[str, str] | None) -> str:
    if types is None:
        return f"read_csv('{path}')"
    cols = ", ".join(f"'{c}': '{t}'" for c, t in types.items())
    return f"read_csv('{path}', header = true, auto_detect = false, columns = {{{cols}}})"


def _pg_load(conn: Any, types: dict[str, str], path: Path, table: str) -> None:
    conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(f"CREATE TABLE {table} ({', '.join(f'{quote(c)} {t}' for c, t in types.items())})")
    with conn.cursor().copy(f"COPY {table} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
        copy.write(path.read_bytes())


def _spark_frame(session: Any, types: dict[str, str], path: Path) -> Any:
    return session.read.csv(str(path), header=True, schema=", ".join(f"`{c}` {t.replace('VARCHAR', 'STRING')}" for c, t in types.items()))


def exactness(n: int, pg: Any, spark: Any) -> None:
    import duckdb

    print(f"\nexactness: {n:,} generated parks per standard; parks that differ from the engine")
    print(f"  {'standard':34} {'DuckDB':>7} {'DuckDB, guessed types':>22} {'PostgreSQL':>11} {'Spark':>6}")
    for ref in sorted(ROWS):
        cs, rows = population(ref, n)
        path = TMP / "pop.csv"
        types = write_csv(cs, rows, path)
        con = duckdb.connect()
        cur = con.execute(to_sql(cs, table=_duckdb(path, types), scale=SCALE, years=YEARS))
        duck = len(mismatches(cs, rows, [d[0] for d in cur.description], cur.fetchall()))
        cs6, rows6 = population(ref, n, scale=6, digits=15)  # a float holds 15 significant digits
        write_csv(cs6, rows6, TMP / "pop6.csv")
        cur = con.execute(to_sql(cs6, table=_duckdb(TMP / "pop6.csv", None), scale=6, years=YEARS))
        guessed = len(mismatches(cs6, rows6, [d[0] for d in cur.description], cur.fetchall()))
        pg_n: Any = "-"
        if pg is not None:
            _pg_load(pg, types, path, "parks")
            cur = pg.execute(to_sql(cs, table="parks", scale=SCALE, years=YEARS, dialect="postgres"))
            pg_n = len(mismatches(cs, rows, [d.name for d in cur.description], cur.fetchall()))
        spark_n: Any = "-"
        if spark is not None:
            scored = parkscore.api.score_spark(_spark_frame(spark, types, path), cs, scale=SCALE, years=YEARS)
            spark_n = len(mismatches(cs, rows, list(scored.columns), [tuple(r) for r in scored.collect()]))
        print(f"  {ref:34} {duck:>7} {guessed:>22} {pg_n:>11} {spark_n:>6}", flush=True)


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def speed(n: int, pg: Any, spark: Any) -> None:
    import duckdb
    import numpy as np

    from parkscore.engine.population.vector import Batch, VectorStandard

    ref, distinct = "cpcif-green-park@2020", 20_000
    cs, rows = population(ref, distinct, scale=4)  # figures as statistics report them: at most 4 decimals
    repeat = n // distinct
    path = TMP / "pool.csv"
    types = write_csv(cs, rows, path)
    agg = "SELECT count(*) AS parks, sum(total) AS total, sum(CASE WHEN eligible THEN 1 ELSE 0 END) AS eligible FROM ({q}) AS scored"
    print(f"\nspeed: {n:,} rows of {ref} ({distinct:,} distinct generated parks, each {repeat} times)")
    vs = VectorStandard(cs)
    batch = Batch.from_facts(cs, rows).take(np.tile(np.arange(distinct), repeat))
    t_vec, parts = _timed(lambda: [vs.score(batch.take(slice(i, i + 65_536))) for i in range(0, n, 65_536)])
    den = vs.total_den
    want = (n, sum(Decimal(int(t)) for p in parts for t in p.total.num) / den, int(sum(int(p.eligible.sum()) for p in parts)))
    print(f"  exact vectorised (numpy)   {t_vec:7.2f} s  {n / t_vec:>10,.0f} rows/s")

    def line(name: str, t: float, got: tuple[Any, ...]) -> None:
        same = (int(got[0]), Decimal(got[1]), int(got[2])) == want
        print(f"  {name:26} {t:7.2f} s  {n / t:>10,.0f} rows/s  {t / t_vec:5.1f}x the vectorised  "
              f"same count, sum of totals and eligible count: {'yes' if same else f'NO {got} != {want}'}", flush=True)

    con = duckdb.connect()
    con.execute(f"CREATE TABLE pool AS SELECT * FROM {_duckdb(path, types)}")
    con.execute(f"CREATE TABLE parks AS SELECT pool.* FROM pool, range({repeat})")
    query = to_sql(cs, table="parks", scale=4).rstrip()
    t, got = _timed(lambda: con.execute(agg.format(q=query)).fetchone())
    line("DuckDB", t, got)
    if pg is not None:
        _pg_load(pg, types, path, "pool")
        pg.execute("DROP TABLE IF EXISTS parks")
        pg.execute(f"CREATE TABLE parks AS SELECT pool.* FROM pool, generate_series(1, {repeat})")
        pg.execute("ANALYZE parks")
        query = to_sql(cs, table="parks", scale=4, dialect="postgres").rstrip().rstrip(";")
        t, got = _timed(lambda: pg.execute(agg.format(q=query)).fetchone())
        line("PostgreSQL", t, got)
    if spark is not None:
        frame = _spark_frame(spark, types, path).crossJoin(spark.range(repeat).select()).cache()
        frame.count()
        scored = parkscore.api.score_spark(frame, cs, scale=4)
        scored.createOrReplaceTempView("scored")
        t, got = _timed(lambda: tuple(spark.sql(agg.format(q="SELECT * FROM scored")).first()))
        line("Spark local[2]", t, got)


def main() -> None:
    quick = "--quick" in sys.argv
    TMP.mkdir(parents=True, exist_ok=True)
    with engines.postgres() as dsn, engines.spark() as spark:
        pg = None
        if dsn is None:
            print("PostgreSQL: not installed (Debian's postgresql, and pip install 'parkscore[postgres]')")
        else:
            import psycopg

            pg = psycopg.connect(dsn, autocommit=True)
        if spark is None:
            print("Spark: not installed (pip install 'parkscore[spark]' and a Java 17 runtime)")
        exactness(1_000 if quick else 6_000, pg, spark)
        speed(100_000 if quick else 1_000_000, pg, spark)
        if pg is not None:
            pg.close()


if __name__ == "__main__":
    main()
