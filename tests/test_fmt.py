"""The formatter is canonical: idempotent, meaning-preserving, comment-preserving, and the shipped
standards are already formatted."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from parkscore.cli import main
from parkscore.dsl import ast
from parkscore.dsl.fmt import comments_of, format_source
from parkscore.dsl.load import header_kind
from parkscore.dsl.parser import parse_tree
from parkscore.dsl.printer import cond_text, expr_text
from parkscore.dsl.transform import to_ast

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p for p in (ROOT / "standards").rglob("*.pks") if header_kind([p.read_text(encoding="utf-8")]) != "scheme")
SCHEMES = sorted(p for p in (ROOT / "standards").rglob("*.pks") if header_kind([p.read_text(encoding="utf-8")]) == "scheme")
CASES = sorted(p for p in (ROOT / "tests" / "cases" / "check").glob("*.pks"))


def _ast(text: str) -> ast.SourceFile:
    return to_ast(parse_tree(text, "x.pks"), "x.pks")[0]


def test_shipped_standards_are_formatted() -> None:
    result = CliRunner().invoke(main, ["fmt", "--check", str(ROOT / "standards")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", SHIPPED + CASES, ids=[str(p.relative_to(ROOT)) for p in SHIPPED + CASES])
def test_format_is_idempotent_and_keeps_meaning_and_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    once = format_source(text, "x.pks")
    assert format_source(once, "x.pks") == once
    assert _ast(once) == _ast(text)
    assert sorted(c for _, c in comments_of(once).values()) == sorted(c for _, c in comments_of(text).values())


def _perturb(text: str, seed: int) -> str:
    """Same tokens, other layout: spaces around operators, indentation, blank lines."""
    rnd = __import__("random").Random(seed)
    out = []
    for line in text.splitlines():
        if "#" in line:  # comments are kept verbatim: leave their lines alone
            out.append(line)
            continue
        if '"' not in line:
            line = re.sub(r"\s*(->|<=|>=|:)\s*", lambda m: rnd.choice(["", " ", "  "]) + m.group(1) + rnd.choice([" ", "   "]), line)
        else:  # leave quoted text alone, only the part before the first quote
            head, _, rest = line.partition('"')
            head = re.sub(r"\s*(->|<=|>=)\s*", lambda m: rnd.choice([" ", "  "]) + m.group(1) + " ", head)
            line = head + '"' + rest
        out.append(rnd.choice(["", " ", "\t"]) + line.strip() + rnd.choice(["", " "]))
        if rnd.random() < 0.1:
            out.append("")
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SHIPPED), st.integers(0, 10_000))
def test_layout_does_not_matter(path: Path, seed: int) -> None:
    text = path.read_text(encoding="utf-8")
    messy = _perturb(text, seed)
    assert _ast(messy) == _ast(text)
    assert format_source(messy, "x.pks").replace("\n\n", "\n") == format_source(text, "x.pks").replace("\n\n", "\n")


# ---- random expressions and conditions: printing them and parsing back gives the same tree -----

names = st.sampled_from(["a", "b", "c"])
numbers = st.decimals(min_value=0, max_value=1000, places=2).map(lambda d: ast.Num(d, str(d)))
exprs = st.recursive(
    numbers | names.map(ast.Ref),
    lambda sub: st.builds(ast.BinOp, st.sampled_from(["+", "-", "*", "/"]), sub, sub),
    max_leaves=8,
)
compares = st.builds(lambda n, op, x: ast.Compare((ast.Ref(n), x), (op,)), names, st.sampled_from(["<", "<=", ">", ">="]), numbers)
conds = st.recursive(
    st.sampled_from(["p", "q"]).map(ast.CondRef) | compares,
    lambda sub: st.builds(ast.Not, sub) | st.builds(lambda op, xs: ast.BoolOp(op, tuple(xs)), st.sampled_from(["and", "or"]),
                                                    st.lists(sub, min_size=2, max_size=3)),
    max_leaves=6,
)
HEAD = 'standard "s" version "1"\ncategory c "t" max 3\nindicator 7.1 x "t"\n  unit kg max 3\n'


def _flat(c: ast.Cond) -> ast.Cond:
    """(a and b) and c is a and b and c: the parser flattens runs of one operator."""
    if isinstance(c, ast.Not):
        return ast.Not(_flat(c.operand))
    if isinstance(c, ast.BoolOp):
        parts: list[ast.Cond] = []
        for o in map(_flat, c.operands):
            parts += list(o.operands) if isinstance(o, ast.BoolOp) and o.op == c.op else [o]
        return ast.BoolOp(c.op, tuple(parts))
    return c


@settings(max_examples=300, deadline=None)
@given(exprs)
def test_expressions_round_trip(e: ast.Expr) -> None:
    parsed = _ast(HEAD + f"  x = {expr_text(e)}\n").categories[0].indicators[0].formula
    assert parsed is not None and parsed.expr == e


@settings(max_examples=300, deadline=None)
@given(conds)
def test_conditions_round_trip(c: ast.Cond) -> None:
    rule = _ast(HEAD + f"  require {cond_text(c)}\n").categories[0].indicators[0].rules[0]
    assert isinstance(rule, ast.Require) and rule.cond == _flat(c)


def test_decimal_text_is_kept() -> None:
    out = format_source(HEAD + "  score x<=0.050->3\n  score x>0.050 -> 0\n", "x.pks")
    assert "score x <= 0.050 -> 3" in out
    assert Decimal("0.050") == Decimal("0.05")


def _numbers_standard(x: str, y: str) -> str:
    return f'''standard "t" version "1"
title "t"
source "s"
status "draft"
total {x}
pass total >= {y}

input a : kg range {y}..{x} "a"

category c "c" max {x} weight {y}%

indicator 1 v "v"
  unit kg max {x} requirement >= {y}
  v = a * {y}
  score v >= {x} -> {y}
  score v < {x} -> 0
  exempt if a > {y} -> {x}
  points {y} per a up to {x}
'''


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 14), st.integers(0, 10**6), st.integers(0, 10))
def test_fmt_prints_every_number_the_grammar_reads_so_that_it_reads_back_the_same(a: int, ea: int, b: int, eb: int) -> None:
    """fmt never writes a number the grammar rejects (str(Decimal) would print 0.0000001 as 1E-7)
    nor one that means something else."""
    from parkscore.dsl.numbers import written

    x, y = written(Decimal(a).scaleb(-ea)), written(Decimal(b).scaleb(-eb))
    text = _numbers_standard(x, y)
    once = format_source(text, "x.pks")
    assert "E" not in once.split("title")[1]
    assert _ast(once) == _ast(text)
    assert format_source(once, "x.pks") == once


def test_fmt_keeps_a_tiny_total_readable(tmp_path: Path) -> None:
    """The repro of the hostile-input round: total, max and points of 0.0000001 survive fmt."""
    (tmp_path / "0.pks").write_text(_numbers_standard("0.0000001", "0.0000001"), encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", str(tmp_path)])
    assert result.exit_code == 0, result.output
    again = (tmp_path / "0.pks").read_text(encoding="utf-8")
    assert "total 0.0000001" in again and "1E-7" not in again
    assert _ast(again) == _ast(_numbers_standard("0.0000001", "0.0000001"))


# ---- lifecycle schemes (issue 28: fmt works on schemes as on standards) -------------------------


@pytest.mark.parametrize("seed", range(8))
def test_a_scheme_is_formatted_keeping_meaning_and_comments(seed: int) -> None:
    from parkscore.dsl.scheme import scheme_ast

    assert SCHEMES
    text = SCHEMES[0].read_text(encoding="utf-8")
    assert format_source(text, "d.pks") == text  # the shipped scheme is formatted
    rnd = __import__("random").Random(seed)

    def shuffle(line: str) -> str:  # other spacing outside quoted text; comments left alone
        if line.startswith("#"):
            return line
        head, quote, rest = line.partition('"')
        head = re.sub(r" +", lambda m: rnd.choice([" ", "   ", "\t"]), head).replace("->", rnd.choice(["->", " -> ", "  ->"]))
        return rnd.choice(["", " ", "\t"]) + head + quote + rest + rnd.choice(["", "  "])
    messy = "\n".join(map(shuffle, text.splitlines())).replace("\n\n", "\n") + "\n"
    once = format_source(messy, "d.pks")
    assert once == text
    assert scheme_ast(messy, "d.pks") == scheme_ast(once, "d.pks")


def test_fmt_rewrites_a_scheme_and_keeps_a_trailing_comment(tmp_path: Path) -> None:
    f = tmp_path / "s.pks"
    f.write_text('scheme "s" version "1"\n  title   "t"\nstate a "A"   initial  # where parks start\nstate b "B" valid  2 years clause "x"\n'
                 '    due   r every 1 year clause "y" "z"\nevent e "E" application\n    from a,b->b renews at most 1 clause "c"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["fmt", str(f)])
    assert r.exit_code == 0 and "1 of 1 file(s) reformatted" in r.output
    assert f.read_text(encoding="utf-8") == ('scheme "s" version "1"\ntitle "t"\n\nstate a "A" initial  # where parks start\n'
                                             'state b "B" valid 2 years clause "x"\n  due r every 1 year clause "y" "z"\n\n'
                                             'event e "E" application\n  from a, b -> b renews at most 1 clause "c"\n')
