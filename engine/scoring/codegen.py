"""Stage 4b, compiled standard -> Python source: each indicator's rules as one straight-line
function (the value read or computed, the guards, the bands as comparisons on exact Decimals, in
file order), compiled once with ``compile()``. ``evaluate`` runs it whenever nobody listens to a
trace; the tree-walking ``IndicatorRun`` (evaluate.py) stays the traced variant and the oracle, and
property tests hold the two equal on every rule shape of every standard (tests/test_codegen.py).

What a result says is not generated: every outcome (a band matched, a requirement not met, no
data, a division by zero…) is made by the same ``IndicatorRun`` method the interpreter calls,
once per exit when the program is built (a result that carries no value is made then and reused),
or at run time for the exits that depend on the park (which inputs are missing, the items counted).

**No text of a rule file reaches the generated source.** The emitter writes only names it makes
itself (``x``, ``v``, ``a0``, ``c3``, ``i12``), integer indexes into tables built beside the
source (``x[4]``: the park's value of data key 4; ``C[7]``: constant 7, a Decimal of the checked
AST; ``T[3][2]``: a prebuilt result of indicator 3), and operators from fixed tables. ``verify``
parses the source with Python's ``ast`` module and refuses any node, name or constant outside
that vocabulary before ``compile()`` is called.
"""
from __future__ import annotations

import ast as pyast
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Mapping

from parkscore.dsl import ast
from parkscore.dsl.numbers import plain, rounded
from parkscore.engine.scoring.compile import CompiledIndicator, CompiledStandard
from parkscore.engine.scoring.data import Fact
from parkscore.engine.scoring.evaluate import ARITHMETIC, IndicatorRun, evaluate_indicator
from parkscore.engine.scoring.scorecard import IndicatorResult, Status
from parkscore.engine.scoring.trace import NULL_TRACER

_PLAIN = re.compile(r"[A-Za-z0-9_.@-]{1,80}")  # a standard's reference written in a comment only if plain
_NOTE = re.compile(r"[\w .,<>=+\-*/()%:]{1,120}")  # a comment: no quote, backslash or line break
_ARITH = {"+": "+", "-": "-", "*": "*", "/": "/"}
_CMP = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}


class UnsafeSource(Exception):
    """The emitter wrote something outside its vocabulary: a bug, never a user's error."""


@dataclass
class _Tables:
    """What the generated source indexes into."""

    consts: list[Decimal] = field(default_factory=list)
    templates: list[list[IndicatorResult]] = field(default_factory=list)  # T[k][e]: results that carry no value
    runs: list[IndicatorRun] = field(default_factory=list)  # R[k]: the outcome makers
    rules: list[list[Any]] = field(default_factory=list)  # B[k][j]: the compiled rule an outcome names
    absent: list[list[tuple[tuple[str, int], ...]]] = field(default_factory=list)  # P[k][j]: (name, slot) of no-data reports
    used: list[list[tuple[str, ...]]] = field(default_factory=list)  # U[k][j]: inputs a result names
    levels: list[dict[str, IndicatorResult]] = field(default_factory=list)  # L[k]: level name -> result

    def const(self, d: Decimal) -> int:
        self.consts.append(d)
        return len(self.consts) - 1


class _Function:
    """One indicator's function being emitted."""

    def __init__(self, k: int, ci: CompiledIndicator, slot: Mapping[str, int], tables: _Tables) -> None:
        self.k, self.ci, self.slot, self.t = k, ci, slot, tables
        self.lines: list[str] = []
        self.n = 0
        self.run = IndicatorRun(ci, {}, NULL_TRACER)
        tables.runs.append(self.run)
        for table in (tables.templates, tables.rules, tables.absent, tables.used):
            table.append([])
        tables.levels.append({})

    def emit(self, line: str, depth: int = 1, note: str = "") -> None:
        """A line of code; ``note``, a comment for the reviewer, is kept only if it is plain text."""
        comment = f"# {note}" if note and _NOTE.fullmatch(note) else ""
        if line or comment:
            self.lines.append("    " * depth + (f"{line}  {comment}" if line and comment else line or comment))

    def var(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def template(self, r: IndicatorResult) -> str:
        self.t.templates[self.k].append(r)
        return f"T[{self.k}][{len(self.t.templates[self.k]) - 1}]"

    def rule(self, obj: Any) -> str:
        self.t.rules[self.k].append(obj)
        return f"B[{self.k}][{len(self.t.rules[self.k]) - 1}]"

    def absent(self, names: tuple[str, ...]) -> str:
        self.t.absent[self.k].append(tuple((n, self.slot[n]) for n in names))
        return f"P[{self.k}][{len(self.t.absent[self.k]) - 1}]"

    def used(self, names: tuple[str, ...]) -> str:
        self.t.used[self.k].append(names)
        return f"U[{self.k}][{len(self.t.used[self.k]) - 1}]"

    # -- conditions (three-valued: None when a figure it reads has no data) --------------
    def cond(self, c: ast.Cond, depth: int) -> str:
        out = self.var("c")
        if isinstance(c, ast.CondRef):
            s = self.slot[c.name]
            self.emit(f"{out} = None if x[{s}] is None else bool(x[{s}])", depth)
        elif isinstance(c, ast.Not):
            inner = self.cond(c.operand, depth)
            self.emit(f"{out} = None if {inner} is None else not {inner}", depth)
        elif isinstance(c, ast.BoolOp):
            parts = "(" + ", ".join(self.cond(o, depth) for o in c.operands) + ",)"
            decisive, other = ("True", "False") if c.op == "or" else ("False", "True")
            self.emit(f"{out} = {decisive} if {decisive} in {parts} else (None if None in {parts} else {other})", depth)
        else:
            terms = []
            for o in c.operands:
                if isinstance(o, ast.Num):
                    terms.append(f"C[{self.t.const(o.value)}]")
                else:
                    t = self.var("t")
                    self.emit(f"{t} = x[{self.slot[o.name]}]", depth)
                    terms.append(t)
            refs = [t for t, o in zip(terms, c.operands) if isinstance(o, ast.Ref)]
            tests = " and ".join(f"{terms[i]} {_CMP[op]} {terms[i + 1]}" for i, op in enumerate(c.ops))
            none = " or ".join(f"{t} is None" for t in refs)
            self.emit(f"{out} = None if {none} else ({tests})" if refs else f"{out} = ({tests})", depth)
        return out

    def expr(self, e: ast.Expr, env: Mapping[str, str]) -> str:
        if isinstance(e, ast.Num):
            return f"C[{self.t.const(e.value)}]"
        if isinstance(e, ast.Ref):
            return env[e.name]
        return f"({self.expr(e.left, env)} {_ARITH[e.op]} {self.expr(e.right, env)})"

    def interval(self, lo: Decimal | None, lo_incl: bool, hi: Decimal | None, hi_incl: bool) -> tuple[str, str]:
        """The membership test of v, and the same test with the constants' values (a comment)."""
        tests, shown = [], []
        if lo is not None:
            tests.append(f"C[{self.t.const(lo)}] {'<=' if lo_incl else '<'} v")
            shown.append(f"{plain(lo)} {'<=' if lo_incl else '<'} v")
        if hi is not None:
            tests.append(f"v {'<=' if hi_incl else '<'} C[{self.t.const(hi)}]")
            shown.append(f"v {'<=' if hi_incl else '<'} {plain(hi)}")
        return " and ".join(tests) or "True", " and ".join(shown) or "any value"

    # -- the indicator ----------------------------------------------------------------------
    def body(self) -> list[str]:
        ci, run = self.ci, self.run
        self.lines = [f"def i{self.k}(x, f):"]
        self.emit("", 1, f"{ci.ind.clause} {ci.ind.id} ({ci.ref.file.rsplit('/', 1)[-1]}:{ci.ref.line}), max {plain(ci.ind.max_points or Decimal(0))}")
        if ci.kind is ast.IndicatorKind.TREND:  # yearly series: the interpreter reads them (few, and not per band)
            self.emit(f"return TREND({self.k}, f)")
            return self.lines
        for conds, status, label in ((ci.excuses, Status.EXCUSED, "excused"), (ci.exempts, Status.SCORED, "exempt")):
            for ex in conds:
                assert ex.cond is not None
                c = self.cond(ex.cond, 1)
                self.emit(f"if {c}:")
                self.emit(f"return {self.template(run.claimed(ex, status, label))}", 2)
        match ci.kind:
            case ast.IndicatorKind.COUNT:
                assert ci.count is not None
                self.emit(f"n = x[{self.slot[ci.count.items]}]")
                self.emit("if n is None:")
                self.emit(f"return {self.template(run.no_data(ci.count.ref, (ci.count.items,)))}", 2)
                self.emit(f"return R[{self.k}].counted({self.rule(ci.count)}, len(n))")
            case ast.IndicatorKind.LEVEL:
                for name, lv in ci.levels.items():
                    self.t.levels[self.k][name] = run.at_level(lv)
                self.emit(f"v = x[{self.slot[ci.ind.id]}]")
                self.emit("if v is None:")
                self.emit(f"return {self.template(run.no_level())}", 2)
                self.emit(f"return L[{self.k}][v]")
            case ast.IndicatorKind.BAND:
                self.band()
        return self.lines

    def band(self) -> None:
        """The value (given, or computed: which one decides the inputs a result names, so every
        prebuilt result exists in both variants, picked by ``w``), the guards, the bands."""
        ci, run, ind = self.ci, self.run, self.ci.ind
        computed = not (ci.formula is None or ind.formula is None or ind.rules_of(ast.Rank))
        variants: list[tuple[str, ...]] = [(ind.id,), ci.formula_inputs] if computed else [(ind.id,)]

        def pick(table: str, items: list[Any]) -> str:
            store = self.t.templates[self.k] if table == "T" else self.t.used[self.k]
            store.extend(items)
            first = len(store) - len(items)
            return f"{table}[{self.k}][{first} + w]" if computed else f"{table}[{self.k}][{first}]"


        def each(results: list[IndicatorResult]) -> str:
            return pick("T", results)

        def inputs(extra: tuple[str, ...] = ()) -> str:
            return pick("U", [u + extra for u in variants])

        self.emit(f"v = x[{self.slot[ind.id]}]")
        if computed:
            assert ind.formula is not None
            self.emit("w = 0")
        self.emit("if v is None:")
        if not computed:
            self.emit(f"return {self.template(run.no_value())}", 2)
        else:
            assert ind.formula is not None
            names = ci.formula_inputs
            env = {n: f"a{i}" for i, n in enumerate(names)}
            for n, a in env.items():
                self.emit(f"{a} = x[{self.slot[n]}]", 2)
            self.emit(f"if {' or '.join(f'{a} is None' for a in env.values())}:", 2)
            self.emit(f"return missing({self.k}, ({', '.join(f'{a} is None' for a in env.values())},))", 3)
            self.emit("try:", 2)
            self.emit(f"v = {self.expr(ind.formula.expr, env)}", 3)
            self.emit("except ARITHMETIC:", 2)
            self.emit(f"return R[{self.k}].division_by_zero(env({self.absent(names)}, ({', '.join(env.values())},)))", 3)
            if ind.range is not None:
                test, note = self.interval(ind.range.lo, True, ind.range.hi, True)
                self.emit(f"if not ({test}):", 2, "range " + note)
                self.emit(f"return R[{self.k}].outside_range(v)", 3)
            self.emit("w = 1", 2)
        for g in ci.requires:
            assert g.cond is not None
            c = self.cond(g.cond, 1)
            self.emit(f"if {c} is None:")
            self.emit(f"return R[{self.k}].no_data({self.rule(g)}.ref, absent({self.absent(g.names)}, x), value=v, "
                      f"inputs={inputs(g.names)})", 2)
            self.emit(f"if not {c}:")
            self.emit(f"return valued({each([run.unmet(g, None, u) for u in variants])}, v)", 2)
            variants = [u + g.names for u in variants]
        for nt in ci.no_thresholds:
            assert nt.cond is not None
            c = self.cond(nt.cond, 1)
            self.emit(f"if {c}:")
            self.emit(f"return valued({each([run.no_threshold(nt, None, u) for u in variants])}, v)", 2)
        tiered = any(b.when is not None for b in ci.bands)
        if tiered:
            self.emit(f"u = {inputs()}")
        for b in ci.bands:
            iv = b.interval
            test, note = self.interval(iv.lo, iv.lo_incl, iv.hi, iv.hi_incl)
            note += f" -> {plain(b.points)}"
            if not tiered:
                self.emit(f"if {test}:", 1, note)
                self.emit(f"return valued({each([run.in_band(b, None, u) for u in variants])}, v)", 2)
                continue
            depth = 1
            if b.when is not None:
                assert b.when.cond is not None
                c = self.cond(b.when.cond, 1)
                self.emit(f"if {c} is None:")
                self.emit(f"return R[{self.k}].no_data({self.rule(b)}.ref, absent({self.absent(b.when.names)}, x), value=v, "
                          f"inputs=u + {self.used(b.when.names)})", 2)
                self.emit(f"if {c}:")
                self.emit(f"u = merge(u, {self.used(b.when.names)})", 2)
                depth = 2
            self.emit(f"if {test}:", depth, note)
            self.emit(f"return R[{self.k}].in_band({self.rule(b)}, v, u)", depth + 1)
        if tiered:
            self.emit(f"return R[{self.k}].no_band(True, v, u)")
        else:
            self.emit(f"return valued({each([run.no_band(False, None, u) for u in variants])}, v)")


_NAMES = {"x", "f", "v", "n", "u", "w", "C", "T", "R", "B", "P", "U", "L", "ARITHMETIC", "TREND", "valued", "absent", "merge", "env", "missing",
          "zip", "len", "bool", "INDICATORS"}
_NODES = (pyast.Module, pyast.FunctionDef, pyast.arguments, pyast.arg, pyast.Return, pyast.Assign, pyast.If, pyast.Try,
          pyast.ExceptHandler, pyast.Name, pyast.Load, pyast.Store, pyast.Constant, pyast.Subscript, pyast.Call, pyast.keyword,
          pyast.BinOp, pyast.Add, pyast.Sub, pyast.Mult, pyast.Div, pyast.Compare, pyast.Lt, pyast.LtE, pyast.Gt, pyast.GtE,
          pyast.Is, pyast.In, pyast.BoolOp, pyast.And, pyast.Or, pyast.UnaryOp, pyast.Not, pyast.IfExp, pyast.Tuple, pyast.List,
          pyast.Attribute, pyast.DictComp, pyast.comprehension, pyast.Expr)
_METHODS = {"counted", "no_formula_inputs", "division_by_zero", "outside_range", "no_data", "in_band", "no_band", "ref"}


def verify(source: str) -> None:
    """Refuse generated source that steps outside the emitter's vocabulary (see the module doc)."""
    for node in pyast.walk(pyast.parse(source)):
        ok = isinstance(node, _NODES)
        if isinstance(node, pyast.Constant):
            ok = node.value is None or type(node.value) in (int, bool)
        elif isinstance(node, pyast.Name):
            ok = node.id in _NAMES or (node.id[0] in "acit" and node.id[1:].isdigit())
        elif isinstance(node, pyast.FunctionDef):
            ok = node.name[0] == "i" and node.name[1:].isdigit()
        elif isinstance(node, pyast.arg):
            ok = node.arg in ("x", "f")
        elif isinstance(node, pyast.Attribute):
            ok = node.attr in _METHODS
        elif isinstance(node, pyast.keyword):
            ok = node.arg in ("value", "inputs")
        if not ok:
            raise UnsafeSource(f"generated source contains {pyast.dump(node)[:80]}")


def valued(template: IndicatorResult, value: Decimal) -> IndicatorResult:
    """A prebuilt result with the park's value: a copy of its fields with ``value`` set (results
    are immutable; copying the instance dictionary is the cheap way to make the one that differs)."""
    fields = template.__dict__.copy()
    fields["value"] = rounded(value)
    r = object.__new__(IndicatorResult)
    object.__setattr__(r, "__dict__", fields)
    return r


def absent(pairs: tuple[tuple[str, int], ...], x: list[Any]) -> tuple[str, ...]:
    """The names among ``pairs`` the park gives no value for."""
    return tuple(n for n, s in pairs if x[s] is None)


def env(pairs: tuple[tuple[str, int], ...], values: tuple[Decimal, ...]) -> dict[str, Decimal]:
    """A formula's inputs by name, as the interpreter reports a division by zero."""
    return {n: v for (n, _), v in zip(pairs, values)}


def merge(used: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(used + more))


@dataclass(frozen=True)
class Program:
    """A standard's generated evaluator: its source (for review) and the functions compiled from it."""

    source: str
    parts: tuple[str, ...]  # each indicator's function, in the standard's order
    slots: Mapping[str, int]  # data key -> index in the value vector
    functions: tuple[Callable[[list[Any], Mapping[str, Fact]], IndicatorResult], ...]

    def results(self, facts: Mapping[str, Fact]) -> list[IndicatorResult]:
        """Every indicator's result for a park's facts (untraced; call inside ``numbers.exact()``)."""
        x: list[Any] = [None] * len(self.slots)
        slots = self.slots
        for k, fact in facts.items():
            x[slots[k]] = fact.value
        return [fn(x, facts) for fn in self.functions]


def generate(cs: CompiledStandard) -> Program:
    """Emit, verify and compile the standard's program."""
    slots = {k: i for i, k in enumerate(cs.std.data_keys)}
    tables = _Tables()
    chunks = ["# generated by parkscore from " + (cs.ref if _PLAIN.fullmatch(cs.ref) else "a checked standard")]
    for k, ci in enumerate(cs.indicators):
        chunks.append("\n".join(_Function(k, ci, slots, tables).body()))
    chunks.append("INDICATORS = (" + ", ".join(f"i{k}" for k in range(len(cs.indicators))) + ",)")
    source = "\n\n\n".join(chunks) + "\n"
    verify(source)
    indicators = cs.indicators

    def trend(k: int, facts: Mapping[str, Fact]) -> IndicatorResult:
        return evaluate_indicator(indicators[k], facts)

    made: dict[tuple[int, tuple[bool, ...]], IndicatorResult] = {}

    def missing(k: int, gone: tuple[bool, ...]) -> IndicatorResult:
        """A formula's inputs without data (``gone``: which of them): one result per indicator and
        set of inputs, made once."""
        found = made.get((k, gone))
        if found is None:
            names = tuple(n for n, g in zip(indicators[k].formula_inputs, gone) if g)
            found = made[(k, gone)] = tables.runs[k].no_formula_inputs(names)
        return found

    namespace: dict[str, Any] = {
        "C": tuple(tables.consts), "T": tables.templates, "R": tables.runs, "B": tables.rules, "P": tables.absent,
        "U": tables.used, "L": tables.levels, "ARITHMETIC": ARITHMETIC, "TREND": trend, "valued": valued, "missing": missing,
        "absent": absent, "merge": merge, "env": env, "__builtins__": {"zip": zip, "len": len, "bool": bool},
    }
    exec(compile(source, f"<parkscore {cs.ref}>", "exec"), namespace)  # noqa: S102 - verified above: our vocabulary only
    return Program(source, tuple(chunks[1:-1]), slots, namespace["INDICATORS"])
