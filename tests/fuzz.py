"""A seeded mutator over the shipped examples and standards, and a runner that feeds the mutants
to the command line and counts what must never happen: a traceback, a run over the time limit.

The test suite runs it small (tests/test_cli_robustness.py); a release runs it large:

    python -m tests.fuzz --parks 10000 --rules 10000 --seed 1

and prints, per kind, the runs, tracebacks (with the first few), runs over the limit, the
slowest run and the peak memory of the process.
"""
from __future__ import annotations

import argparse
import random
import resource
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from click.testing import CliRunner

from parkscore.cli import main

ROOT = Path(__file__).resolve().parent.parent
PARKS = sorted((ROOT / "examples" / "parks").glob("*.yaml"))
RULES = sorted((ROOT / "standards" / "cpcif-green-park" / "2020").glob("*.pks"))
HEADER = 'standard "fuzz" version "1"\ntitle "t"\nsource "s"\nstatus "draft"\ntotal 30\npass total >= 20\n'

# What careless and hostile users paste: YAML structure, numbers YAML reads oddly, huge and
# non-finite numbers, control characters and separators, aliases and tags, units, Chinese text.
PARK_TOKENS = [":", "-", "{", "}", "[", "]", "\n", "  ", "null", "yes", "1e9", "1e-999999", "9" * 60, "-30", ".inf", ".nan",
               "nan%", "1:30", "0x1F", "%", "亿元", "'", '"', "by_year:", "x", "\v", "\x0c", "\u2028", "\x00", "\ufeff",
               "&a [1]", "*a", "!!python/object:os.system", "!!binary", "1,044", "2019-05-01", "~", "? ", "|\n  text",
               "uncertainty: 5%", "unit: t", "value: ", "items:", "- name: x", "\t", "=HYPERLINK(\"x\")", "吨", "万元", "[[[[[[[["]
RULE_TOKENS = ["score", "level", "indicator", "category", "input", "gate", "override", "remove", "require", "exempt", "trend",
               "points", "per", "up", "to", "->", "<=", ">=", "<", ">", "=", "(", ")", "*", "/", "+", "-", ":", "%", "\n", " ",
               "7.17", "0.05", "3", "x", "COD_intensity", '"文"', "#", "max", "unit", "kg/万元", "by year", "≤", '"', "\\",
               "\\n", "\v", "\u2028", "\x00", "\ufeff", "range 0..100", "range", "..", "9" * 50, "a + " * 30, "(" * 40]
PARK_COMMANDS = [["score", "{f}"], ["explain", "{f}", "--mode", "fails"], ["gap", "{f}", "--target", "95"],
                 ["sensitivity", "{f}", "--runs", "5"], ["score", "{f}", "-s", "climate-leader-park@2020", "--format", "json"],
                 ["compare", "{f}", "-s", "cpcif-green-park@2020", "-s", "cpcif-green-park@2021-draft", "--format", "csv"]]
RULE_COMMANDS = [["check", "{d}"], ["lint", "{d}"], ["fmt", "--check", "{f}"]]


def mutate(text: str, rng: random.Random, tokens: list[str], cuts: int = 4) -> str:
    """Up to ``cuts`` edits: at a random place, delete up to 7 characters and insert a token."""
    for _ in range(rng.randint(1, cuts)):
        p = rng.randint(0, len(text))
        text = text[:p] + rng.choice(tokens) + text[p + rng.randint(0, 7):]
    return text


@dataclass
class Tally:
    runs: int = 0
    tracebacks: list[str] = field(default_factory=list)
    slow: list[str] = field(default_factory=list)
    slowest: float = 0.0


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def run(args: list[str], tally: Tally, limit: float) -> None:
    """One command line; a traceback or a run over ``limit`` seconds is recorded."""
    start = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        result = CliRunner().invoke(main, args)
    except _Timeout:
        tally.slow.append(" ".join(args))
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - start
    tally.runs += 1
    tally.slowest = max(tally.slowest, elapsed)
    if isinstance(result.exception, _Timeout):
        tally.slow.append(" ".join(args))
    elif (result.exception is not None and not isinstance(result.exception, SystemExit)) or result.exit_code not in (0, 1, 2):
        exc = result.exception
        where = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:]) if exc else f"exit {result.exit_code}"
        tally.tracebacks.append(f"{' '.join(args)}\n{where}")


def park_mutants(n: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in PARKS]
    for _ in range(n):
        yield mutate(rng.choice(texts), rng, PARK_TOKENS)


def rule_mutants(n: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in RULES if not p.name.startswith("0-")]
    for _ in range(n):
        yield HEADER + mutate(rng.choice(texts), rng, RULE_TOKENS, 6)


def fuzz_parks(n: int, seed: int, limit: float = 10.0, commands: list[list[str]] = PARK_COMMANDS) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "park.yaml"
        for i, text in enumerate(park_mutants(n, seed)):
            f.write_text(text, encoding="utf-8")
            run([a.format(f=f) for a in commands[i % len(commands)]], tally, limit)
    return tally


def fuzz_rules(n: int, seed: int, limit: float = 10.0) -> Tally:
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "std"
        d.mkdir()
        f = d / "0.pks"
        for i, text in enumerate(rule_mutants(n, seed)):
            f.write_text(text, encoding="utf-8")
            run([a.format(f=f, d=d) for a in RULE_COMMANDS[i % len(RULE_COMMANDS)]], tally, limit)
    return tally


def _report(kind: str, n: int, tally: Tally, seconds: float) -> None:
    print(f"{kind}: {n} mutants, {tally.runs} runs in {seconds:.0f} s; tracebacks {len(tally.tracebacks)}; "
          f"over the limit {len(tally.slow)}; slowest run {tally.slowest:.2f} s")
    for t in tally.tracebacks[:5]:
        print("  " + t.replace("\n", "\n  "))
    for s in tally.slow[:5]:
        print(f"  slow: {s}")


if __name__ == "__main__":  # pragma: no cover
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parks", type=int, default=1000)
    ap.add_argument("--rules", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=float, default=10.0, help="seconds a run may take")
    opts = ap.parse_args()
    for kind, n, fn in (("park files", opts.parks, fuzz_parks), ("rule files", opts.rules, fuzz_rules)):
        if n:
            t0 = time.perf_counter()
            tally = fn(n, opts.seed, opts.limit)
            _report(kind, n, tally, time.perf_counter() - t0)
    print(f"peak memory (max RSS) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
