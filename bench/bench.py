"""parkscore benchmark: prints timings and ratios (run: python bench/bench.py [--quick]).

Measures, on this machine:
  * loading each shipped standard: parse + check + compile, cold (new parser) and warm;
  * scoring the synthetic park: plain (null tracer) vs traced (buffer tracer): the cost of the
    audit trail, which plain scoring must not pay;
  * throughput in parks per second, and Monte Carlo runs per second (sensitivity);
  * the compiled evaluator against the reference tree-walking interpreter of the tests.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/reference.py, the naive oracle

from parkscore import facts as resolve_facts  # noqa: E402
from parkscore import installed_standards, load_park, load_standard, score, sensitivity  # noqa: E402
from parkscore.dsl.parser import grammar_parser  # noqa: E402
from parkscore.engine.evaluate import evaluate, evaluate_indicator  # noqa: E402
from parkscore.engine.trace import BufferTracer  # noqa: E402


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

    print("loading standards (parse + check + compile)")
    refs = installed_standards()
    for ref in refs:
        def cold(ref: str = ref) -> None:
            grammar_parser.cache_clear()
            load_standard(ref)
        t_cold = timeit(cold, 3 if quick else 10)
        t_warm = timeit(lambda ref=ref: load_standard(ref), 10 if quick else 30)
        print(f"  {ref:<30} cold {t_cold * 1e3:7.1f} ms   warm {t_warm * 1e3:7.1f} ms   cold/warm {t_cold / t_warm:5.1f}x")

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

    def compiled_indicators() -> None:
        for ci in cs.indicators:
            evaluate_indicator(ci, facts)

    def reference_indicators() -> None:
        for ind in cs.std.indicators:
            reference.points(ind, facts)
    t_ci = timeit(compiled_indicators, n)
    t_ref = timeit(reference_indicators, n)
    print(f"  37 indicators, compiled      {t_ci * 1e6:9.1f} µs   (the rest of evaluate: subtotals, gates, scorecard)")
    print(f"  37 indicators, reference     {t_ref * 1e6:9.1f} µs   reference/compiled {t_ref / t_ci:5.2f}x")

    runs = 200 if quick else 2000
    t0 = time.perf_counter()
    sensitivity(cs, park, __import__("decimal").Decimal("0.05"), runs=runs)
    t_mc = time.perf_counter() - t0
    print(f"\nsensitivity: {runs} Monte Carlo runs in {t_mc:.2f} s   {runs / t_mc:7.0f} runs/s")


if __name__ == "__main__":
    main()
