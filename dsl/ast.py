"""AST of the rule language: frozen dataclasses produced by ``transform`` from the parse tree.

Every node carries a ``span``; equality and hashing ignore it, so two versions of a
standard compare equal exactly when they mean the same rules (``parse(a) == parse(b)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Iterator, TypeVar, Union

from .numbers import written
from .span import NOWHERE, Span

_R = TypeVar("_R")


def _span() -> Span:
    return field(default=NOWHERE, compare=False, repr=False, kw_only=True)


class InputKind(StrEnum):
    """What a park reports for an input (or for an indicator or gate given directly)."""

    NUMBER = "number"  # a figure with a unit
    SERIES = "series"  # a figure by year
    BOOL = "bool"  # a yes/no fact
    ITEMS = "items"  # a list of evidenced items
    LEVEL = "level"  # an expert-assessed level of an indicator


class IndicatorKind(StrEnum):
    """How an indicator is scored; decided by its rules (see ``Indicator.kind``)."""

    BAND = "band"
    LEVEL = "level"
    COUNT = "count"
    TREND = "trend"


# ---- units ---------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A unit as written (``kg/万元``): symbols with integer exponents; ``%`` is dimensionless."""

    factors: tuple[tuple[str, int], ...]
    text: str = field(compare=False)
    span: Span = _span()

    @property
    def dims(self) -> tuple[tuple[str, int], ...]:
        """The factors without ``%`` (a percentage is a dimensionless number)."""
        return tuple((s, e) for s, e in self.factors if s != "%")

    def __str__(self) -> str:
        return self.text


# ---- arithmetic (derived metrics) -----------------------------------------------


@dataclass(frozen=True)
class Num:
    value: Decimal
    text: str = field(compare=False)
    span: Span = _span()


@dataclass(frozen=True)
class Ref:
    name: str
    span: Span = _span()


@dataclass(frozen=True)
class BinOp:
    op: str  # one of + - * /
    left: "Expr"
    right: "Expr"
    span: Span = _span()


Expr = Union[Num, Ref, BinOp]


# ---- conditions ------------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    """A chained comparison as written: ``0.05 < COD_intensity <= 0.1``."""

    operands: tuple[Union[Num, Ref], ...]
    ops: tuple[str, ...]
    span: Span = _span()


@dataclass(frozen=True)
class CondRef:
    name: str
    span: Span = _span()


@dataclass(frozen=True)
class Not:
    operand: "Cond"
    span: Span = _span()


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple["Cond", ...]
    span: Span = _span()


Cond = Union[Compare, CondRef, Not, BoolOp]


# ---- rules inside an indicator -----------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """``COD_intensity = COD_emitted / industrial_output``: how the value is derived."""

    target: str
    expr: Expr
    span: Span = _span()


@dataclass(frozen=True)
class Band:
    """``score <chain> -> points [when <tier>]``: awards points when the indicator's value lies in
    the interval (and, for a tiered band, the park's attribute in the tier)."""

    test: Compare
    points: Decimal
    wording: str | None = None
    span: Span = _span()
    when: "Compare | None" = None  # the tier: a comparison on another figure of the park (年综合能耗 ≥ 100万 tce)


@dataclass(frozen=True)
class Level:
    """An expert-assessed level: ``level complete -> 2 "建立工业供水体系，体系相对完整"``."""

    name: str
    points: Decimal
    wording: str
    span: Span = _span()


@dataclass(frozen=True)
class Count:
    """``points 1 per green_factories up to 2``: points per evidenced item, capped; or, with
    ``deduct``, ``deduct 2 per violations``: the indicator's maximum less 2 per item, never below 0
    (每项扣2分，扣完为止; ``cap`` is then 0 and unused)."""

    per_item: Decimal
    items: str
    cap: Decimal
    span: Span = _span()
    deduct: bool = False
    wording: str | None = None


@dataclass(frozen=True)
class Require:
    """A guard: the indicator scores 0 unless the condition holds (7.5)."""

    cond: Cond
    wording: str | None = None
    span: Span = _span()


@dataclass(frozen=True)
class Exempt:
    """An exemption: when the condition holds the indicator gets these points outright (7.10)."""

    cond: Cond
    points: Decimal
    wording: str | None = None
    span: Span = _span()


@dataclass(frozen=True)
class Trend:
    """``trend carbon_intensity_by_year decreasing over 3 years -> 5``: points when the last N
    consecutive years of a series move strictly in one direction (近三年来保持持续改善)."""

    series: str
    direction: str  # "decreasing" | "increasing"
    years: int
    points: Decimal
    wording: str | None = None
    span: Span = _span()


@dataclass(frozen=True)
class Note:
    """``reading "…"`` (how parkscore reads an ambiguous source) or ``erratum "…"`` (where the
    source is wrong and what is encoded instead): shown with the indicator in every output."""

    kind: str  # "reading" | "erratum"
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Rank:
    """``rank energy_intensity lowest first``: the indicator's value is the park's rank among the
    parks scored together (a table), as a percentage of their number: the best is 100/N, the
    worst 100; ties share the better rank. Bands then test that percentage (排名前30% -> <= 30)."""

    of: str  # an input or another indicator whose value is ranked
    lowest_first: bool
    span: Span = _span()


@dataclass(frozen=True)
class NoThreshold:
    """``no threshold when <tier> "…"``: a tier the source gives no threshold for; a park in it
    gets no value for the indicator (undefined), and the wording says why."""

    when: Compare
    wording: str
    span: Span = _span()


@dataclass(frozen=True)
class Excuse:
    """``excuse if <cond> "…"``: the park shows the indicator does not apply to it; it is excused:
    not scored, not counted among the indicators a group needs, never a veto."""

    cond: Cond
    wording: str | None = None
    span: Span = _span()


Rule = Union[Band, Level, Count, Require, Exempt, Excuse, NoThreshold, Rank, Trend, Note]


@dataclass(frozen=True)
class Requirement:
    """The summary threshold of table 1 (指标要求), e.g. ``>= 100``."""

    op: str
    value: Decimal
    span: Span = _span()


@dataclass(frozen=True)
class Range:
    """``range 0..100``: the values a figure may take, in its declared unit (both ends included).
    Without a range a figure may be any number >= 0 (the language has no negative numbers)."""

    lo: Decimal
    hi: Decimal
    span: Span = _span()

    def __str__(self) -> str:
        return f"{written(self.lo)}..{written(self.hi)}"

    def contains(self, v: Decimal) -> bool:
        return self.lo <= v <= self.hi


# ---- declarations ------------------------------------------------------------------


@dataclass(frozen=True)
class InputDecl:
    """A raw figure the park reports: a number with a unit, a yes/no fact, or a list of items."""

    id: str
    kind: InputKind  # NUMBER, SERIES, BOOL or ITEMS
    unit: Unit | None
    title: str
    range: Range | None = None
    span: Span = _span()
    includes: tuple[Ref, ...] = ()  # figures this total contains (a share's numerator inside its denominator)


@dataclass(frozen=True)
class Indicator:
    clause: str
    id: str
    title: str
    unit: Unit | None = None
    max_points: Decimal | None = None
    table: int | None = None
    requirement: Requirement | None = None
    formula: Formula | None = None
    rules: tuple[Rule, ...] = ()
    category: str = ""
    range: Range | None = None
    requirement_text: str | None = None  # table 1's 指标要求 in words (建立, 建立体系, /) where it is not a threshold
    span: Span = _span()
    attr_line: int = field(default=0, compare=False, repr=False)
    veto: bool | str = False  # 一票否决: not eligible unless met (awards points) or excused; a grade name: and that grade is given

    @cached_property
    def kind(self) -> IndicatorKind:
        """The one place an indicator's kind is decided (a checked indicator has rules of one kind)."""
        if any(isinstance(r, Level) for r in self.rules):
            return IndicatorKind.LEVEL
        if any(isinstance(r, Count) for r in self.rules):
            return IndicatorKind.COUNT
        if any(isinstance(r, Trend) for r in self.rules):
            return IndicatorKind.TREND
        return IndicatorKind.BAND

    @cached_property
    def reads(self) -> tuple[str, ...]:
        """Every datum the indicator may read, in the order a data-collection form lists them:
        exemptions' facts, its own value (bands, levels), the formula's inputs, guards' facts,
        counted items, the yearly series of a trend."""
        names: list[str] = []
        for ex in self.rules:
            if isinstance(ex, (Exempt, Excuse)):
                names += [x.name for x in cond_refs(ex.cond)]
        if self.kind in (IndicatorKind.BAND, IndicatorKind.LEVEL):
            names.append(self.id)
        if self.formula:
            names += [x.name for x in expr_refs(self.formula.expr)]
        for r in self.rules:
            if isinstance(r, Require):
                names += [x.name for x in cond_refs(r.cond)]
            elif isinstance(r, Count):
                names.append(r.items)
            elif isinstance(r, Trend):
                names.append(r.series)
            elif isinstance(r, Band) and r.when is not None:
                names += [x.name for x in cond_refs(r.when)]
            elif isinstance(r, NoThreshold):
                names += [x.name for x in cond_refs(r.when)]
        return tuple(dict.fromkeys(names))

    def rules_of(self, cls: type[_R]) -> list[_R]:
        return [r for r in self.rules if isinstance(r, cls)]

    @property
    def notes(self) -> list[Note]:
        return self.rules_of(Note)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    max_points: Decimal | None
    indicators: tuple[Indicator, ...]
    weight: Decimal | None = None  # percent of the total, for weighted standards
    span: Span = _span()
    at_least: int | None = None  # k of n: the group passes when at least this many of its indicators are met
    bonus: bool = False  # 加分项: its points come on top of the declared total (up to the category's max)

    @property
    def maximum(self) -> Decimal:
        """The category's maximum: declared, else the sum of its indicators' maxima."""
        return self.max_points if self.max_points is not None else sum((i.max_points or Decimal(0) for i in self.indicators), Decimal(0))


@dataclass(frozen=True)
class Gate:
    """A basic requirement (clause 4): failing one makes a park ineligible whatever its score."""

    clause: str
    id: str
    title: str
    advisory: bool = False
    span: Span = _span()


@dataclass(frozen=True)
class Header:
    family: str
    version: str
    title: str | None = None
    source: str | None = None
    status: str | None = None
    date: str | None = None
    total: Decimal | None = None
    pass_mark: Decimal | None = None
    pass_note: str | None = None
    amends: str | None = None
    readings: tuple[str, ...] = ()  # readings of ours that the whole standard rests on
    scope: str | None = None  # what the figures cover and for which period (导则 6.2)
    data_sources: str | None = None  # where the figures come from (导则 6.1)
    illustrative: str | None = None  # why this version is illustrative (not a text of its publisher)
    span: Span = _span()
    grades: tuple["Grade", ...] = ()  # grades from the total (A 高安全风险 total < 60, …), first that holds
    effective: str | None = None  # the day the version takes effect (YYYY-MM-DD)
    until: str | None = None  # the last day it is in force, if it stops
    field_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Grade:
    """``grade A "高安全风险" total < 60``: a grade given beside the total when the total lies in the interval."""

    name: str
    title: str
    test: Compare
    span: Span = _span()


@dataclass(frozen=True)
class Remove:
    """In an amendment: ``remove indicator ID`` (or gate, input, category)."""

    what: str
    id: str
    span: Span = _span()


@dataclass(frozen=True)
class Override:
    """In an amendment: ``override <declaration>`` replaces the base's declaration of that id."""

    node: Union[Indicator, Category, Gate, InputDecl]
    span: Span = _span()


Amendment = Union[Remove, Override]


@dataclass(frozen=True)
class SourceFile:
    """One parsed .pks file."""

    path: str
    header: Header | None
    inputs: tuple[InputDecl, ...]
    categories: tuple[Category, ...]
    gates: tuple[Gate, ...]
    amendments: tuple[Amendment, ...] = ()
    span: Span = _span()
    decls: tuple[object, ...] = field(default=(), compare=False, repr=False)  # in file order, for the formatter


@dataclass(frozen=True)
class Standard:
    """A whole standard version: the files of its directory merged, in file-name order."""

    header: Header
    inputs: tuple[InputDecl, ...]
    categories: tuple[Category, ...]
    gates: tuple[Gate, ...]
    files: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ref(self) -> str:
        return f"{self.header.family}@{self.header.version}"

    def shapes(self) -> list[str]:
        """The shapes beyond bands, levels, counts, trends, guards and exemptions that this standard
        uses (what the vectorised evaluator or the SQL writer may not compile)."""
        inds = self.indicators
        found = {
            "tiered thresholds": any(b.when is not None for i in inds for b in i.rules_of(Band)) or any(i.rules_of(NoThreshold) for i in inds),
            "excuses": any(i.rules_of(Excuse) for i in inds),
            "vetoes": any(i.veto for i in inds),
            "k-of-n groups": any(c.at_least is not None for c in self.categories),
            "grades": bool(self.header.grades),
            "deductions": any(c.deduct for i in inds for c in i.rules_of(Count)),
            "bonus categories": any(c.bonus for c in self.categories),
            "cohort ranks": any(i.rules_of(Rank) for i in inds),
        }
        return [k for k, v in found.items() if v]

    @property
    def max_total(self) -> Decimal:
        """The total a park can reach: the header's, else the sum of the categories' maxima
        (加分项 categories come on top of it)."""
        if self.header.total is not None:
            return self.header.total
        return sum((c.maximum for c in self.categories if not c.bonus), Decimal(0))

    @cached_property
    def weighted(self) -> bool:
        """Whether the total is the categories' weighted shares (else the sum of their points)."""
        return any(c.weight is not None for c in self.categories)

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for c in self.categories for i in c.indicators)

    @cached_property
    def _by_id(self) -> dict[str, InputDecl | Indicator]:
        return {**{i.id: i for i in self.indicators}, **{i.id: i for i in self.inputs}}

    def input(self, name: str) -> InputDecl | None:
        found = self._by_id.get(name)
        return found if isinstance(found, InputDecl) else None

    def indicator(self, name: str) -> Indicator | None:
        found = self._by_id.get(name)
        return found if isinstance(found, Indicator) else None

    @cached_property
    def data_keys(self) -> dict[str, "DataKey"]:
        """The one definition of the keys a park may give for this standard and what each takes:
        every input; every indicator's own value (bands: a number in its unit; levels: a level
        name; counts are keyed so that giving a number can be answered with D160); every gate
        (yes/no). A trend indicator is not a key: it is computed from its yearly series."""
        keys: dict[str, DataKey] = {i.id: DataKey(i.id, i.kind, i.unit, i) for i in self.inputs}
        for ind in self.indicators:
            if ind.kind is IndicatorKind.TREND:
                continue
            kind = {IndicatorKind.BAND: InputKind.NUMBER, IndicatorKind.LEVEL: InputKind.LEVEL,
                    IndicatorKind.COUNT: InputKind.ITEMS}[ind.kind]
            keys[ind.id] = DataKey(ind.id, kind, ind.unit, ind)
        for g in self.gates:
            keys[g.id] = DataKey(g.id, InputKind.BOOL, None, g)
        return keys


@dataclass(frozen=True)
class DataKey:
    """A key of park data: its kind, its unit (figures) and the declaration it belongs to."""

    id: str
    kind: InputKind
    unit: Unit | None
    decl: Union[InputDecl, Indicator, Gate]

    @cached_property
    def range(self) -> Range | None:
        return None if isinstance(self.decl, Gate) else self.decl.range

    @cached_property
    def levels(self) -> tuple[str, ...]:
        """The level names a park may give (an expert-assessed indicator), in the rules' order."""
        return tuple(lv.name for lv in self.decl.rules_of(Level)) if isinstance(self.decl, Indicator) else ()


# ---- walks -------------------------------------------------------------------------


def expr_refs(e: Expr) -> Iterator[Ref]:
    """The names an expression reads, left to right."""
    if isinstance(e, Ref):
        yield e
    elif isinstance(e, BinOp):
        yield from expr_refs(e.left)
        yield from expr_refs(e.right)


def cond_refs(c: Cond) -> Iterator[Ref | CondRef]:
    """The names a condition reads: figures (``Ref``) and yes/no facts (``CondRef``)."""
    if isinstance(c, CondRef):
        yield c
    elif isinstance(c, Compare):
        yield from (o for o in c.operands if isinstance(o, Ref))
    elif isinstance(c, Not):
        yield from cond_refs(c.operand)
    else:
        for o in c.operands:
            yield from cond_refs(o)

