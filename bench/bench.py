"""parkscore benchmark: prints timings and ratios (run: python bench/bench.py [--quick]).

Measures, on this machine, in one run (each ratio against its anchor measured in the same run):
  * loading each shipped standard: parse + check + compile, cold (new parser) and warm;
  * scoring the synthetic park: plain (null tracer) vs traced (buffer tracer): the cost of the
    audit trail, which plain scoring must not pay;
  * throughput in parks per second, and Monte Carlo runs per second (sensitivity);
  * the generated evaluator (engine/scoring/codegen.py) against the interpreter and the tests'
    reference interpreter;
  * a park's mapping scored, a file scored, against hand-written code (bench/handwritten.py);
  * start-up of the command line (bench/startup.py); 2,000 park files checked, scored and
    compared, with peak memory (bench/files.py); a population of rows, exact vectorised and in
    DuckDB, against a naive float pass (bench/anchor.py).
"""
from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/reference.py, the naive oracle
sys.path.insert(0, str(ROOT / "bench"))  # the hand-written anchors

from parkscore import facts as resolve_facts  # noqa: E402
from parkscore import installed_standards, load_park, load_standard, score, sensitivity  # noqa: E402
from parkscore.dsl.numbers import exact  # noqa: E402
from parkscore.dsl.parser import grammar_parser  # noqa: E402
from parkscore.engine.scoring.codegen import generate  # noqa: E402
from parkscore.engine.scoring.compile import INTERPRETED  # noqa: E402
from parkscore.engine.scoring.evaluate import evaluate, evaluate_indicator  # noqa: E402
from parkscore.engine.scoring.trace import BufferTracer  # noqa: E402


def timeit(fn: Callable[[], object], repeat: int) -> float:
    """Best of 3 batches, seconds per call."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def main() -> None:
    quick = "--quick" in sys.argv
    n = 50 if quick else 500
    print(f"parkscore benchmark (python {sys.version.split()[0]}, {'quick' if quick else 'full'})\n")

    print("loading standards: parse + check + compile (no cache, new parser) against read back from the cache (dsl/cache.py)")
    refs = installed_standards()
    for ref in refs:
        def cold(ref: str = ref) -> None:
            grammar_parser.cache_clear()
            load_standard(ref)
        load_standard(ref)  # the cache entry is written
        t_warm = timeit(lambda ref=ref: load_standard(ref), 10 if quick else 30)
        saved = os.environ.get("PARKSCORE_CACHE_DIR")
        os.environ["PARKSCORE_CACHE_DIR"] = "off"
        t_cold = timeit(cold, 3 if quick else 10)
        os.environ.pop("PARKSCORE_CACHE_DIR")
        if saved is not None:
            os.environ["PARKSCORE_CACHE_DIR"] = saved
        print(f"  {ref:<30} no cache {t_cold * 1e3:7.1f} ms   cached {t_warm * 1e3:7.1f} ms   no cache/cached {t_cold / t_warm:5.1f}x")

    cs = load_standard("cpcif-green-park@2020")
    park = load_park(ROOT / "examples" / "parks" / "synthetic-complete.yaml")
    facts = resolve_facts(cs, park)

    print("\nscoring the synthetic park under cpcif-green-park@2020 (37 indicators)")
    t_eval = timeit(lambda: evaluate(cs, facts, park), n)
    t_traced = timeit(lambda: evaluate(cs, facts, park, BufferTracer()), n)
    t_score = timeit(lambda: score(cs, park), n)
    print(f"  evaluate, null tracer        {t_eval * 1e6:9.1f} µs   {1 / t_eval:9.0f} parks/s")
    print(f"  evaluate, buffer tracer      {t_traced * 1e6:9.1f} µs   traced/plain {t_traced / t_eval:5.2f}x")
    print(f"  score (resolve data + eval)  {t_score * 1e6:9.1f} µs   score/evaluate {t_score / t_eval:5.2f}x")

    from tests import reference  # noqa: E402

    def interpreted_indicators() -> None:
        for ci in cs.indicators:
            evaluate_indicator(ci, facts)

    def reference_indicators() -> None:
        for ind in cs.std.indicators:
            reference.points(ind, facts)
    program = cs.program
    t_gen = timeit(lambda: generate(cs), 3 if quick else 10)
    with exact():
        t_ci = timeit(lambda: program.results(facts), n)
        t_int = timeit(interpreted_indicators, n)
    t_ref = timeit(reference_indicators, n)
    print(f"  37 indicators, generated     {t_ci * 1e6:9.1f} µs   (the rest of evaluate: subtotals, gates, scorecard)")
    print(f"  37 indicators, interpreted   {t_int * 1e6:9.1f} µs   interpreted/generated {t_int / t_ci:5.2f}x")
    print(f"  37 indicators, reference     {t_ref * 1e6:9.1f} µs   reference/generated {t_ref / t_ci:5.2f}x")
    print(f"  generating the program       {t_gen * 1e3:9.1f} ms   (once per standard per process, after {INTERPRETED} parks)")

    runs = 1000 if quick else 10_000
    sensitivity(cs, park, Decimal("0.05"), runs=10)  # warm: numpy and the vectorised evaluator imported
    t0 = time.perf_counter()
    sensitivity(cs, park, Decimal("0.05"), runs=runs)
    t_mc = time.perf_counter() - t0
    import numpy as np

    from parkscore.engine.analysis import sensitivity as mc

    figs = mc._figures(facts, Decimal("0.05"))
    ks = np.random.default_rng(0).integers(-mc.STEPS, mc.STEPS + 1, size=(200, len(figs)))
    base = evaluate(cs, facts, park)
    t0 = time.perf_counter()
    mc._engine_runs(cs, facts, park, base, figs, ks)
    t_engine = (time.perf_counter() - t0) / 200
    print(f"\nsensitivity: {runs} Monte Carlo runs in {t_mc:.3f} s (vectorised, exact)   {runs / t_mc:9.0f} runs/s  [10,000 runs <= 0.5 s]")
    print(f"  the same draws run by run through the engine: {t_engine * 1e6:.0f} µs/run; vectorised/engine per run "
          f"{t_mc / runs / t_engine:5.3f}x")


def anchors(quick: bool) -> None:
    """evaluate and file -> scorecard against the hand-written Decimal function and libyaml loader."""
    import handwritten
    import yaml

    cs = load_standard("cpcif-green-park@2020")
    path = ROOT / "examples" / "parks" / "synthetic-complete.yaml"
    park = load_park(path)
    facts = resolve_facts(cs, park)
    plain = {k: f.value for k, f in facts.items()}
    n = 200 if quick else 2000
    assert handwritten.points_2020(plain) == (score(cs, park).total, True) == handwritten.points_2020(handwritten.load_2020(str(path)))
    # the four bundled parks as mappings (what a JSON body or a Python caller gives), each scored in turn
    mappings = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in sorted((ROOT / "examples" / "parks").glob("*.yaml"))]
    for m in mappings:
        assert handwritten.points_2020(handwritten.read_2020(m["data"]))[0] == score(cs, m).total, m["park"]

    def by_hand() -> None:
        for m in mappings:
            handwritten.points_2020(handwritten.read_2020(m["data"]))

    def by_parkscore() -> None:
        for m in mappings:
            score(cs, m)
    t_hand_map = timeit(by_hand, n // 4) / len(mappings)
    t_map = timeit(by_parkscore, n // 4) / len(mappings)
    t_hand = timeit(lambda: handwritten.points_2020(plain), n)
    t_eval = timeit(lambda: evaluate(cs, facts, park), n)
    t_hand_file = timeit(lambda: handwritten.points_2020(handwritten.load_2020(str(path))), n // 10)
    t_file = timeit(lambda: score(cs, load_park(path)), n // 10)
    print("\nagainst hand-written code (cpcif-green-park@2020; target ratios in brackets)")
    print(f"  hand-written: a mapping's units read, 37 band chains, total   {t_hand_map * 1e6:7.1f} µs")
    print(f"  parkscore.score(std, mapping): a Scorecard with every result {t_map * 1e6:7.1f} µs   "
          f"parkscore/hand-written {t_map / t_hand_map:5.1f}x  [<= 3x]")
    print(f"  hand-written Decimal function (values already converted)     {t_hand * 1e6:7.1f} µs")
    print(f"  evaluate (generated program, scorecard, rule refs)           {t_eval * 1e6:7.1f} µs   "
          f"evaluate/hand-written {t_eval / t_hand:5.1f}x  [<= 2x]")
    print(f"  hand-written libyaml + units                                 {t_hand_file * 1e3:7.2f} ms")
    print(f"  file -> scorecard                                            {t_file * 1e3:7.2f} ms   "
          f"parkscore/hand-written {t_file / t_hand_file:5.1f}x  [<= 1.5x]")


def population(quick: bool) -> None:
    """A population scored three ways: the exact vectorised evaluator, parkscore's SQL in DuckDB,
    and the naive float anchor; identical points are checked, float mis-scores counted."""
    import numpy as np
    from anchor import float_scores

    from parkscore import sql
    from parkscore.dsl.ast import InputKind
    from parkscore.engine.population.vector import Batch, VectorStandard
    from parkscore.engine.scoring.data import Fact
    from tests.test_vector import HERE, Parks

    SCALE = 4  # figures as statistics report them: at most 4 decimal places

    def _fit(v: Decimal) -> Decimal:
        return v.quantize(Decimal("0.0001")).normalize() if v.as_tuple().exponent < -SCALE else v  # type: ignore[operator]

    ref = "cpcif-green-park@2020"
    cs = load_standard(ref)
    n_pool, n = (5_000, 100_000) if quick else (20_000, 1_000_000)
    rng = __import__("random").Random(11)
    gen = Parks(cs.std)
    pool = [{k: Fact(k, _fit(f.value), HERE) if isinstance(f.value, Decimal) else f for k, f in gen.draw(rng).items()}
            for _ in range(n_pool)]
    pick = np.random.default_rng(11).integers(0, n_pool, n)
    small = Batch.from_facts(cs, pool)
    batch = small.take(pick)
    cols: dict[str, object] = {}
    for k, dk in cs.std.data_keys.items():
        c = small.columns.get(k)
        if dk.kind is InputKind.LEVEL:
            cols[k] = np.array(["" if c is None else str(v) for v in (c.values if c is not None else [""] * n_pool)])[pick]
        elif c is None:
            cols[k] = np.full(n, np.nan)
        else:
            f = np.array([float(Decimal(int(v)).scaleb(-c.scale)) for v in c.values]) if dk.kind is InputKind.NUMBER else c.values.astype(float)
            cols[k] = np.where(c.present, f, np.nan)[pick]
    runs = 1 if quick else 3  # each pass timed ``runs`` times, the best kept (the machine's noise is one-sided)
    print(f"\na population of {n:,} parks under {ref} ({n_pool:,} distinct rows drawn as in tests/test_vector.py, "
          f"half on band edges; synthetic); each pass the best of {runs}")
    vs = VectorStandard(cs)
    part = 65_536
    t_vec = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        parts = [vs.score(batch.take(slice(i, i + part))) for i in range(0, n, part)]
        t_vec = min(t_vec, time.perf_counter() - t0)
    exact_eligible = np.concatenate([p.eligible for p in parts])
    statuses = [np.concatenate([p.indicators[ci.ind.id].status for p in parts]) for ci in cs.indicators]
    t_float = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        f_total, f_eligible = float_scores(cs, cols, n)
        t_float = min(t_float, time.perf_counter() - t0)
    exact_total = np.concatenate([np.asarray(p.total.num, dtype=object) for p in parts])  # points at the points scale, over den
    den = vs.total_den
    wrong = np.array([float(t) / den for t in exact_total]) != f_total
    flipped = exact_eligible != f_eligible
    complete = np.logical_and.reduce([st == 0 for st in statuses])  # every indicator scored
    mis, flips = int(wrong.sum()), int(flipped.sum())
    print(f"  naive float numpy anchor       {t_float:7.2f} s   {t_float / n * 1e6:6.2f} µs/park")
    print(f"  exact vectorised (numpy)       {t_vec:7.2f} s   {t_vec / n * 1e6:6.2f} µs/park   exact/float {t_vec / t_float:5.2f}x  [<= 1.5x]")
    print(f"  float anchor mis-scores {mis:,} parks ({mis / n:.2%}) and flips {flips:,} verdicts (no data and undefined values read as numbers)")
    print(f"    of the {int(complete.sum()):,} parks with every indicator scored: {int((wrong & complete).sum()):,} mis-scored, "
          f"{int((flipped & complete).sum()):,} verdicts flipped (binary rounding at band edges)")
    try:
        import duckdb
        import pyarrow as pa
    except ImportError:
        print("  DuckDB: not installed (pip install 'parkscore[duckdb]')")
        return
    arrays = {}
    for k, dk in cs.std.data_keys.items():
        vals = [pk[k].value if k in pk else None for pk in pool]
        if dk.kind is InputKind.NUMBER:
            arrays[k] = pa.array(vals, type=pa.decimal128(38, SCALE))
        elif dk.kind is InputKind.ITEMS:
            arrays[k] = pa.array([None if v is None or v == () else "; ".join(i.name for i in v) for v in vals])
        elif dk.kind is InputKind.BOOL:
            arrays[k] = pa.array(vals, type=pa.bool_())
        elif dk.kind is InputKind.LEVEL:
            arrays[k] = pa.array(vals, type=pa.string())
    table = pa.table(arrays).take(pa.array(pick))
    con = duckdb.connect()
    con.sql("SET enable_progress_bar = false")
    con.register("parks", table)
    query = sql(cs, table="parks", scale=SCALE)
    t_duck = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        out = con.sql(f"SELECT total, eligible FROM ({query.rstrip()})").to_arrow_table()
        t_duck = min(t_duck, time.perf_counter() - t0)
    duck_total = [int(v) for v in out.column("total").to_pylist()]
    same = duck_total == [int(t) // den for t in exact_total] and out.column("eligible").to_pylist() == list(map(bool, exact_eligible))
    print(f"  parkscore sql in DuckDB        {t_duck:7.2f} s   {t_duck / n * 1e6:6.2f} µs/park   duckdb/float {t_duck / t_float:5.2f}x  [<= 2x]")
    print(f"  exact vectorised and DuckDB give identical totals and verdicts on every park: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    import files
    import startup

    main()
    anchors("--quick" in sys.argv)
    startup.main("--quick" in sys.argv)
    files.main("--quick" in sys.argv)
    population("--quick" in sys.argv)
