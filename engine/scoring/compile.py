"""Stage 4, checked AST -> evaluators: closures with operators and intervals resolved once.

``compile_standard`` is called only on a standard that passed every check, so the compiled
form can assume names resolve, bands are intervals and kinds are consistent.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, Callable, Mapping

from parkscore.dsl import ast
from parkscore.dsl.ast import cond_refs, expr_refs
from parkscore.dsl.diagnostics import Diagnostic, SourceMap
from parkscore.dsl.intervals import Interval, interval_of
from parkscore.dsl.printer import cond_text
from parkscore.dsl.span import Span
from parkscore.engine.scoring.data import Fact
from parkscore.engine.scoring.scorecard import GateResult, GateStatus, RuleRef

# Parks a standard scores through the interpreter before its program is generated (5-40 ms for
# the shipped standards): a command that scores one park never pays for code generation.
INTERPRETED = 2

Env = Mapping[str, Decimal]
Facts = Mapping[str, Fact]
ValueFn = Callable[[Env], Decimal]
CondFn = Callable[[Facts], "bool | None"]  # None: a figure it needs has no data

_ARITH: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
}
_CMP: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


@dataclass(frozen=True)
class CompiledBand:
    interval: Interval
    points: Decimal
    text: str  # the comparison as written in the rule file
    ref: RuleRef
    when: "CompiledCond | None" = None  # the tier it belongs to


@dataclass(frozen=True)
class CompiledCond:
    fn: CondFn
    names: tuple[str, ...]  # the inputs it reads
    text: str
    ref: RuleRef
    points: Decimal = Decimal(0)  # for exemptions: the points they grant
    wording: str | None = None
    cond: ast.Cond | None = None  # the condition as written (what the code generator reads)


@dataclass(frozen=True)
class CompiledLevel:
    name: str
    points: Decimal
    wording: str
    ref: RuleRef


@dataclass(frozen=True)
class CompiledCount:
    items: str
    per_item: Decimal
    cap: Decimal  # a deduction: the indicator's maximum, the points it starts from
    ref: RuleRef
    deduct: bool = False

    def points_for(self, n: int) -> Decimal:
        """Points for ``n`` items: per item up to the cap, or the cap less per item, not below 0."""
        return max(self.cap - self.per_item * n, Decimal(0)) if self.deduct else min(self.per_item * n, self.cap)


@dataclass(frozen=True)
class CompiledTrend:
    series: str
    decreasing: bool
    years: int
    points: Decimal
    text: str
    ref: RuleRef


@dataclass(frozen=True)
class CompiledIndicator:
    ind: ast.Indicator
    ref: RuleRef
    formula: ValueFn | None = None
    formula_inputs: tuple[str, ...] = ()
    formula_ref: RuleRef | None = None
    bands: tuple[CompiledBand, ...] = ()
    exempts: tuple[CompiledCond, ...] = ()
    requires: tuple[CompiledCond, ...] = ()
    excuses: tuple[CompiledCond, ...] = ()
    no_thresholds: tuple[CompiledCond, ...] = ()  # tiers the source sets no threshold for
    levels: Mapping[str, CompiledLevel] = field(default_factory=dict)
    count: CompiledCount | None = None
    trends: tuple[CompiledTrend, ...] = ()  # alternatives: the first that holds awards its points

    @property
    def kind(self) -> ast.IndicatorKind:
        return self.ind.kind

    @cached_property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """The indicator's readings and errata: (kind, text)."""
        return tuple((n.kind, n.text) for n in self.ind.notes)

    @property
    def rule_points(self) -> list[Decimal]:
        """Every number of points a rule of the indicator can award (a count: its per-item points and cap)."""
        points = [b.points for b in self.bands] + [e.points for e in self.exempts] + [lv.points for lv in self.levels.values()]
        return points + [t.points for t in self.trends] + ([self.count.per_item, self.count.cap] if self.count else [])

    @property
    def inputs(self) -> tuple[str, ...]:
        """Every datum this indicator may read, in the order a data-collection form lists them."""
        return self.ind.reads


@dataclass(frozen=True)
class CompiledStandard:
    """A checked standard compiled into evaluators: what ``parkscore.load_standard`` returns."""

    std: ast.Standard
    sources: SourceMap
    indicators: tuple[CompiledIndicator, ...]
    gate_refs: Mapping[str, RuleRef]
    warnings: tuple[Diagnostic, ...] = ()  # from loading (e.g. W010); errors never reach compilation
    _evaluations: list[int] = field(default_factory=lambda: [0], init=False, compare=False, repr=False)

    @property
    def ref(self) -> str:
        return self.std.ref

    @cached_property
    def points_scale(self) -> int:
        """Decimal places of the finest points any rule awards (1.5 -> 1): exact integer points
        for the vectorised evaluator and the SQL writer are points × 10**points_scale."""
        points = [p for ci in self.indicators for p in ci.rule_points]
        return max([0] + [-e for p in points if isinstance(e := p.as_tuple().exponent, int) and e < 0])

    @cached_property
    def members(self) -> tuple[tuple[ast.Category, tuple[int, ...]], ...]:
        """Each category with the positions of its indicators among ``indicators``."""
        at = {ci.ind.id: k for k, ci in enumerate(self.indicators)}
        return tuple((cat, tuple(at[i.id] for i in cat.indicators if i.id in at)) for cat in self.std.categories)

    @cached_property
    def vetoes(self) -> tuple[tuple[int, ast.Indicator], ...]:
        """The veto indicators (一票否决) with their positions."""
        return tuple((k, ci.ind) for k, ci in enumerate(self.indicators) if ci.ind.veto)

    @cached_property
    def gate_results(self) -> dict[tuple[str, GateStatus], GateResult]:
        """Every result a gate can have (results are immutable: made once, shared by scorecards)."""
        return {(g.id, s): GateResult(g.id, g.clause, g.title, g.advisory, s, self.gate_refs[g.id]) for g in self.std.gates for s in GateStatus}

    @cached_property
    def decides(self) -> bool:
        """Whether the standard qualifies parks (a pass mark, a required gate, a veto or a k-of-n
        group); one with none of them ranks parks and says nothing of eligibility."""
        std = self.std
        return (std.header.pass_mark is not None or any(not g.advisory for g in std.gates) or bool(self.vetoes)
                or any(c.at_least is not None for c in std.categories))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as what it is compiled from (its closures and program are rebuilt): how a
        standard reaches the processes of ``score --jobs``."""
        return (compile_standard, (self.std, self.sources, self.warnings))

    def hot(self) -> bool:
        """Count an untraced evaluation; True once the standard has scored more than
        ``INTERPRETED`` parks, from when on the generated program pays for its generation."""
        self._evaluations[0] += 1
        return self._evaluations[0] > INTERPRETED

    @cached_property
    def program(self) -> Any:
        """The generated evaluator (``codegen.Program``), built when first used."""
        from parkscore.engine.scoring.codegen import generate

        return generate(self)

    @cached_property
    def grade_intervals(self) -> dict[str, Interval]:
        """Each grade of the header as an interval of the total (checked: they are intervals)."""
        out = {}
        for g in self.std.header.grades:
            iv = interval_of(g.test, "total")
            assert isinstance(iv, Interval)
            out[g.name] = iv
        return out

    @cached_property
    def data_keys(self) -> frozenset[str]:
        """Every key a park file may give for this standard (see ``ast.Standard.data_keys``)."""
        return frozenset(self.std.data_keys)

    @cached_property
    def _by_key(self) -> dict[str, CompiledIndicator]:
        return {k: ci for ci in self.indicators for k in (ci.ind.clause, ci.ind.id)}

    def indicator(self, key: str) -> CompiledIndicator:
        """An indicator by id or clause."""
        if key not in self._by_key:
            raise KeyError(f"{self.ref} has no indicator '{key}'")
        return self._by_key[key]


def rule_ref(span: Span, clause: str, sources: SourceMap) -> RuleRef:
    return RuleRef(span.file, span.line, span.col, clause, sources.line(span.file, span.line).strip())


def compile_expr(e: ast.Expr) -> ValueFn:
    if isinstance(e, ast.Num):
        v = e.value
        return lambda env: v
    if isinstance(e, ast.Ref):
        n = e.name
        return lambda env: env[n]
    op, left, right = _ARITH[e.op], compile_expr(e.left), compile_expr(e.right)
    return lambda env: op(left(env), right(env))


def _operand(o: ast.Num | ast.Ref) -> Callable[[Facts], Decimal | None]:
    if isinstance(o, ast.Num):
        v = o.value
        return lambda f: v
    n = o.name
    return lambda f: f[n].number if n in f else None


def compile_cond(c: ast.Cond) -> CondFn:
    if isinstance(c, ast.CondRef):
        n = c.name
        return lambda f: bool(f[n].value) if n in f else None
    if isinstance(c, ast.Not):
        inner = compile_cond(c.operand)

        def not_(f: Facts) -> bool | None:
            v = inner(f)
            return None if v is None else not v

        return not_
    if isinstance(c, ast.BoolOp):
        parts = [compile_cond(o) for o in c.operands]
        decisive = c.op == "or"  # the value that decides: True for or, False for and

        def bool_op(f: Facts) -> bool | None:
            vals = [p(f) for p in parts]
            if decisive in vals:
                return decisive
            return None if None in vals else not decisive

        return bool_op
    operands = [_operand(o) for o in c.operands]
    ops = [_CMP[o] for o in c.ops]

    def compare(f: Facts) -> bool | None:
        vals = [v for v in (o(f) for o in operands) if v is not None]
        if len(vals) < len(operands):
            return None
        return all(op(vals[i], vals[i + 1]) for i, op in enumerate(ops))

    return compare


def _cond(c: ast.Require | ast.Exempt | ast.Excuse, clause: str, sources: SourceMap) -> CompiledCond:
    names = tuple(dict.fromkeys(r.name for r in cond_refs(c.cond)))
    points = c.points if isinstance(c, ast.Exempt) else Decimal(0)
    return CompiledCond(compile_cond(c.cond), names, cond_text(c.cond), rule_ref(c.span, clause, sources), points, c.wording, c.cond)


def _tier(when: ast.Compare, span: Span, clause: str, sources: SourceMap, wording: str | None = None) -> CompiledCond:
    names = tuple(dict.fromkeys(r.name for r in cond_refs(when)))
    return CompiledCond(compile_cond(when), names, cond_text(when), rule_ref(span, clause, sources), Decimal(0), wording, when)


def compile_indicator(ind: ast.Indicator, sources: SourceMap) -> CompiledIndicator:
    ref = rule_ref(ind.span, ind.clause, sources)
    bands = []
    for b in ind.rules_of(ast.Band):
        iv = interval_of(b.test, ind.id)
        assert isinstance(iv, Interval), "compile_indicator runs on checked standards only"
        bands.append(CompiledBand(iv, b.points, cond_text(b.test), rule_ref(b.span, ind.clause, sources),
                                  _tier(b.when, b.span, ind.clause, sources) if b.when is not None else None))
    counts = ind.rules_of(ast.Count)
    trends = tuple(CompiledTrend(t.series, t.direction == "decreasing", t.years, t.points,
                                 f"{t.series} {t.direction} over {t.years} years", rule_ref(t.span, ind.clause, sources))
                   for t in ind.rules_of(ast.Trend))
    return CompiledIndicator(
        ind=ind,
        ref=ref,
        formula=compile_expr(ind.formula.expr) if ind.formula else None,
        formula_inputs=tuple(dict.fromkeys(r.name for r in expr_refs(ind.formula.expr))) if ind.formula else (),
        formula_ref=rule_ref(ind.formula.span, ind.clause, sources) if ind.formula else None,
        bands=tuple(bands),
        exempts=tuple(_cond(e, ind.clause, sources) for e in ind.rules_of(ast.Exempt)),
        requires=tuple(_cond(r, ind.clause, sources) for r in ind.rules_of(ast.Require)),
        excuses=tuple(_cond(r, ind.clause, sources) for r in ind.rules_of(ast.Excuse)),
        no_thresholds=tuple(_tier(r.when, r.span, ind.clause, sources, r.wording) for r in ind.rules_of(ast.NoThreshold)),
        levels={lv.name: CompiledLevel(lv.name, lv.points, lv.wording, rule_ref(lv.span, ind.clause, sources)) for lv in ind.rules_of(ast.Level)},
        count=CompiledCount(counts[0].items, counts[0].per_item, counts[0].cap if not counts[0].deduct else (ind.max_points or Decimal(0)),
                            rule_ref(counts[0].span, ind.clause, sources), counts[0].deduct) if counts else None,
        trends=trends,
    )


def compile_standard(std: ast.Standard, sources: SourceMap, warnings: tuple[Diagnostic, ...] = ()) -> CompiledStandard:
    return CompiledStandard(
        std,
        sources,
        tuple(compile_indicator(i, sources) for i in std.indicators),
        {g.id: rule_ref(g.span, g.clause, sources) for g in std.gates},
        warnings,
    )
