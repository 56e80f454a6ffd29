"""The generated evaluator (engine/scoring/codegen.py) against the interpreter it replaces when
nobody listens: the same result, field by field, for every indicator of every standard; and no
text of a rule file can reach the generated source."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

import parkscore
from parkscore.dsl.numbers import exact
from parkscore.engine.scoring.codegen import UnsafeSource, generate, verify
from parkscore.engine.scoring.evaluate import evaluate_indicator
from parkscore.engine.scoring.scorecard import Status

from .test_vector import Parks

ROOT = Path(__file__).resolve().parent.parent
STANDARDS = [*parkscore.installed_standards(),
             *(str(d) for d in sorted((ROOT / "tests" / "shapes").iterdir()) if d.is_dir()),
             *(str(d) for fam in sorted((ROOT / "tests" / "families").iterdir()) for d in sorted(fam.iterdir()) if d.is_dir())]


@pytest.mark.parametrize("ref", STANDARDS, ids=[Path(r).name if "/" in r else r for r in STANDARDS])
def test_generated_results_equal_the_interpreters_field_by_field(ref: str) -> None:
    """2,000 random parks per standard, drawn as tests/test_vector.py draws them (band edges, zero
    denominators, missing figures, tiers, excuses, levels, items, yearly series)."""
    cs = parkscore.load_standard(ref)
    parks = Parks(cs.std)
    rng = random.Random(ref)
    seen_status: set[Status] = set()
    for _ in range(2000):
        facts = parks.draw(rng)
        with exact():
            got = cs.program.results(facts)
            want = [evaluate_indicator(ci, facts) for ci in cs.indicators]
        for g, w in zip(got, want):
            assert g == w, f"{ref} {w.id}: generated {g} != interpreted {w}"
            seen_status.add(w.status)
    assert {Status.SCORED, Status.NO_DATA} <= seen_status


def test_a_formula_dividing_by_zero_and_a_value_out_of_range_say_so_as_the_interpreter_does() -> None:
    cs = parkscore.load_standard("cpcif-green-park@2020")
    zero = parkscore.score(cs, {"hightech_chem_enterprises": "3 家", "chem_enterprises": "0 家"}).indicator("7.2")
    assert zero.status == "undefined" and "division by zero (chem_enterprises = 0)" in zero.outcome
    over = parkscore.score(cs, {"hightech_chem_enterprises": "60 家", "chem_enterprises": "50 家"}).indicator("7.2")
    assert over.status == "undefined" and "outside the range 0..100" in over.outcome


HOSTILE = r'''standard "x" version "1"
title "\"); __import__('os').system('echo pwned') #"
source "\"; exec('x') #"
status "draft"
total 2

input a : bool "a'); import os; ('"

category main "__import__('os') exec" max 2

indicator 1 score_me "eval(input())"
  unit % max 2 range 0..100
  exempt if a -> 2 "os.system('rm -rf /')"
  score score_me >= 50 -> 2
  score score_me < 50 -> 0
'''


def test_no_text_of_a_rule_file_reaches_the_generated_source(tmp_path: Path) -> None:
    (tmp_path / "0.pks").write_text(HOSTILE, encoding="utf-8")
    cs = parkscore.load_standard(str(tmp_path))
    program = generate(cs)
    for text in ("import", "os", "eval", "system", "rm -rf", "pwned", "'", '"'):
        assert text not in program.source, text
    assert parkscore.score(cs, {"a": True}).indicator("1").outcome.startswith("exempt: os.system")  # the text is data, shown as written


@pytest.mark.parametrize("source", [
    "def i0(x, f):\n    return __import__('os')\n",
    "def i0(x, f):\n    return x.__class__\n",
    "def i0(x, f):\n    return 'text'\n",
    "def i0(x, f):\n    return 1.5\n",
    "import os\n",
    "def i0(x, f):\n    return [y for y in x]\n",
    "def i0(x, f, g):\n    return x\n",
    "def evil(x, f):\n    return x\n",
    "def i0(x, f):\n    return getattr(x, 'y')\n",
])
def test_verify_refuses_anything_outside_the_emitters_vocabulary(source: str) -> None:
    with pytest.raises(UnsafeSource):
        verify(source)


def test_every_shipped_program_passes_its_own_verification() -> None:
    for ref in parkscore.installed_standards():
        verify(parkscore.load_standard(ref).program.source)
