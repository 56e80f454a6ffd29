"""Semantic diff of two standard versions, by id: what changed in meaning, not in layout.

Comparison is indifferent to formatting and to the order of declarations and bands (bands are
compared as intervals with points). Each change has a kind: added, removed, thresholds, points,
formula, conditions, unit, levels, moved, clause, wording (only words changed).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, TypeVar

from . import ast
from .check import band_intervals, tier_text
from .printer import cond_text, expr_text, rule_text

KINDS = ("added", "removed", "thresholds", "points", "formula", "conditions", "unit", "levels", "moved", "clause", "wording")


@dataclass(frozen=True)
class Change:
    kind: str
    what: str  # indicator | category | gate | input | standard
    id: str
    clause: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "what": self.what, "id": self.id, "clause": self.clause, "detail": self.detail}


def _bands(ind: ast.Indicator) -> list[tuple[str, str]]:
    return sorted(((f"{tier_text(b.when)}: " if b.when is not None else "") + str(iv), str(b.points)) for b, iv in band_intervals(ind))


def _show_bands(bands: list[tuple[str, str]]) -> str:
    return "; ".join(f"{iv} → {p}" for iv, p in bands)


def _indicator(a: ast.Indicator, b: ast.Indicator) -> list[Change]:
    out: list[Change] = []

    def ch(kind: str, detail: str) -> None:
        out.append(Change(kind, "indicator", b.id, b.clause, detail))

    if a.clause != b.clause:
        ch("clause", f"{a.clause} → {b.clause}")
    if a.category != b.category:
        ch("moved", f"category {a.category} → {b.category}")
    if a.max_points != b.max_points:
        ch("points", f"max {a.max_points} → {b.max_points}")
    if a.unit != b.unit:
        ch("unit", f"{a.unit} → {b.unit}")
    if a.range != b.range:
        ch("conditions", _ranges(a.range, b.range))
    fa = expr_text(a.formula.expr) if a.formula else None
    fb = expr_text(b.formula.expr) if b.formula else None
    if fa != fb:
        ch("formula", f"{fa or '(given directly)'} → {fb or '(given directly)'}")
    ba, bb = _bands(a), _bands(b)
    if [iv for iv, _ in ba] != [iv for iv, _ in bb]:
        ch("thresholds", f"{_show_bands(ba)}  ⇒  {_show_bands(bb)}")
    elif ba != bb:
        ch("points", f"{_show_bands(ba)}  ⇒  {_show_bands(bb)}")
    la = {lv.name: lv for lv in a.rules_of(ast.Level)}
    lb = {lv.name: lv for lv in b.rules_of(ast.Level)}
    if la.keys() != lb.keys():
        ch("levels", f"{', '.join(la)} → {', '.join(lb)}")
    elif any(la[n].points != lb[n].points for n in la):
        ch("points", "; ".join(f"{n} {la[n].points} → {lb[n].points}" for n in la if la[n].points != lb[n].points))
    kind_cls: type[ast.Count | ast.Trend]
    for kind_cls, label in ((ast.Count, "count"), (ast.Trend, "trend")):
        ra = [_rule_key(r) for r in a.rules_of(kind_cls)]
        rb = [_rule_key(r) for r in b.rules_of(kind_cls)]
        if ra != rb:
            ch("points" if label == "count" else "thresholds", f"{label}: {'; '.join(ra) or 'none'} → {'; '.join(rb) or 'none'}")
    ca = sorted(_rule_key(r) for r in a.rules if isinstance(r, (ast.Require, ast.Exempt, ast.Excuse, ast.NoThreshold)))
    cb = sorted(_rule_key(r) for r in b.rules if isinstance(r, (ast.Require, ast.Exempt, ast.Excuse, ast.NoThreshold)))
    if ca != cb:
        ch("conditions", f"{'; '.join(ca) or 'none'} → {'; '.join(cb) or 'none'}")
    if a.veto != b.veto:
        ch("thresholds", f"veto {a.veto or 'none'} → {b.veto or 'none'}".replace("True", "(一票否决)"))
    if a.requirement != b.requirement or a.requirement_text != b.requirement_text:
        ch("thresholds", f"table 1 requirement {_req(a)} → {_req(b)}")
    na, nb = [f"{n.kind} “{n.text}”" for n in a.notes], [f"{n.kind} “{n.text}”" for n in b.notes]
    if na != nb:
        ch("wording", f"{'; '.join(na) or 'no note'} → {'; '.join(nb) or 'no note'}")
    if not out and _words(a) != _words(b):
        ch("wording", _wording(a, b))
    return out


def _words(i: ast.Indicator) -> tuple[str, int | None, list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """Everything about an indicator that is words, keyed so that rule order does not matter."""
    bands = sorted(((f"{tier_text(b.when)}: " if b.when is not None else "") + str(iv), b.wording or "") for b, iv in band_intervals(i))
    levels = sorted((lv.name, lv.wording) for lv in i.rules_of(ast.Level))
    others = sorted((_rule_key(r), getattr(r, "wording", None) or "") for r in i.rules
                    if not isinstance(r, (ast.Band, ast.Level, ast.Note)))
    return (i.title, i.table, bands, levels, others)


def _ranges(a: ast.Range | None, b: ast.Range | None) -> str:
    return f"range {a or 'any >= 0'} → {b or 'any >= 0'}"


def _req(i: ast.Indicator) -> str:
    if i.requirement_text is not None:
        return f"“{i.requirement_text}”"
    return f"{i.requirement.op} {i.requirement.value}" if i.requirement else "none"


def _rule_key(r: ast.Rule) -> str:
    return rule_text(r, wording=False)


def _wording(a: ast.Indicator, b: ast.Indicator) -> str:
    if a.title != b.title:
        return f"title “{a.title}” → “{b.title}”"
    if a.table != b.table:
        return f"table {a.table} → {b.table}"
    for rules_a, rules_b in zip(_words(a)[2:], _words(b)[2:]):
        for (key, ta), (_, tb) in zip(rules_a, rules_b):
            if ta != tb:
                return f"{key}: “{ta}” → “{tb}”"
    return "wording"


T = TypeVar("T", ast.Category, ast.Indicator, ast.Gate, ast.InputDecl)


def _pairs(old: Iterable[T], new: Iterable[T]) -> Iterator[tuple[str, T | None, T | None]]:
    """(id, old, new) for every id of either side, old order first, then what new adds."""
    before: dict[str, T] = {x.id: x for x in old}
    after: dict[str, T] = {x.id: x for x in new}
    for k in [*before, *(k for k in after if k not in before)]:
        yield k, before.get(k), after.get(k)


def _category(a: ast.Category, b: ast.Category) -> list[Change]:
    out = []
    if a.max_points != b.max_points:
        out.append(Change("points", "category", b.id, "", f"{b.title}: max {a.max_points} → {b.max_points}"))
    if a.weight != b.weight:
        out.append(Change("points", "category", b.id, "", f"{b.title}: weight {a.weight}% → {b.weight}%"))
    if a.bonus != b.bonus:
        out.append(Change("points", "category", b.id, "", f"{b.title}: {'bonus (加分项)' if b.bonus else 'counted in the total'} → "
                                                           f"{'bonus (加分项)' if b.bonus else 'counted in the total'}"))
    if a.at_least != b.at_least:
        out.append(Change("thresholds", "category", b.id, "", f"{b.title}: pass at least {a.at_least or '-'} of {len(a.indicators)} → "
                                                               f"{b.at_least or '-'} of {len(b.indicators)}"))
    if a.title != b.title:
        out.append(Change("wording", "category", b.id, "", f"“{a.title}” → “{b.title}”"))
    return out


def _gate(a: ast.Gate, b: ast.Gate) -> list[Change]:
    if a.advisory != b.advisory:
        role = {True: "advisory", False: "required"}
        return [Change("thresholds", "gate", b.id, b.clause, f"{role[a.advisory]} → {role[b.advisory]}")]
    return [Change("wording", "gate", b.id, b.clause, f"“{a.title}” → “{b.title}”")] if a != b else []


def _input(a: ast.InputDecl, b: ast.InputDecl) -> list[Change]:
    if (a.kind, a.unit) != (b.kind, b.unit):
        return [Change("unit", "input", b.id, "", f"{a.unit or a.kind} → {b.unit or b.kind}")]
    if a.range != b.range:
        return [Change("conditions", "input", b.id, "", _ranges(a.range, b.range))]
    if a.includes != b.includes:
        parts = lambda d: ", ".join(r.name for r in d.includes) or "nothing"  # noqa: E731
        return [Change("conditions", "input", b.id, "", f"includes {parts(a)} → {parts(b)}")]
    return [Change("wording", "input", b.id, "", f"“{a.title}” → “{b.title}”")] if a != b else []


def _summary(x: ast.Category | ast.Indicator | ast.Gate | ast.InputDecl) -> tuple[str, str, str]:
    """(what, clause, detail) for an added or removed declaration."""
    if isinstance(x, ast.Category):
        return "category", "", f"{x.title} (max {x.max_points})"
    if isinstance(x, ast.Indicator):
        return "indicator", x.clause, f"{x.title} ({x.kind}, max {x.max_points}, category {x.category})"
    if isinstance(x, ast.Gate):
        return "gate", x.clause, x.title
    return "input", "", f"{x.title} ({x.unit or x.kind})"


def diff(a: ast.Standard, b: ast.Standard) -> list[Change]:
    out: list[Change] = []
    if a.header.total != b.header.total:
        out.append(Change("points", "standard", b.header.family, "", f"total {a.header.total} → {b.header.total}"))
    ga = [f"{g.name} {cond_text(g.test)}" for g in a.header.grades]
    gb = [f"{g.name} {cond_text(g.test)}" for g in b.header.grades]
    if ga != gb:
        out.append(Change("thresholds", "standard", b.header.family, "", f"grades {'; '.join(ga) or 'none'} → {'; '.join(gb) or 'none'}"))
    if a.header.pass_mark != b.header.pass_mark:
        out.append(Change("thresholds", "standard", b.header.family, "", f"pass mark {a.header.pass_mark} → {b.header.pass_mark}"))
    for label, x, y in (("readings", a.header.readings, b.header.readings), ("illustrative", a.header.illustrative, b.header.illustrative),
                        ("scope", a.header.scope, b.header.scope), ("data sources", a.header.data_sources, b.header.data_sources)):
        if x != y:
            out.append(Change("wording", "standard", b.header.family, "", f"{label}: {x or 'none'} → {y or 'none'}"))
    sections: list[tuple[Any, Any, Callable[[Any, Any], list[Change]]]] = [
        (a.categories, b.categories, _category), (a.indicators, b.indicators, _indicator),
        (a.gates, b.gates, _gate), (a.inputs, b.inputs, _input),
    ]
    for old, new, compare in sections:
        for ident, x, y in _pairs(old, new):
            if x is not None and y is not None:
                out += compare(x, y)
            else:
                either = x if x is not None else y
                assert either is not None
                what, clause, detail = _summary(either)
                out.append(Change("added" if x is None else "removed", what, ident, clause, detail))
    return out
