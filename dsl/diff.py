"""Semantic diff of two standard versions, by id: what changed in meaning, not in layout.

Comparison is indifferent to formatting and to the order of declarations and bands (bands are
compared as intervals with points). Each change has a kind: added, removed, thresholds, points,
formula, conditions, unit, levels, moved, clause, wording (only words changed).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import ast
from .check import band_intervals
from .printer import cond_text, expr_text

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
    return sorted((str(iv), str(b.points)) for b, iv in band_intervals(ind))


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
    ca = sorted(_rule_key(r) for r in a.rules if isinstance(r, (ast.Require, ast.Exempt)))
    cb = sorted(_rule_key(r) for r in b.rules if isinstance(r, (ast.Require, ast.Exempt)))
    if ca != cb:
        ch("conditions", f"{'; '.join(ca) or 'none'} → {'; '.join(cb) or 'none'}")
    if a.requirement != b.requirement:
        ch("thresholds", f"table 1 requirement {_req(a)} → {_req(b)}")
    if not out and _words(a) != _words(b):
        ch("wording", _wording(a, b))
    return out


def _words(i: ast.Indicator) -> tuple[str, int | None, list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """Everything about an indicator that is words, keyed so that rule order does not matter."""
    bands = sorted((str(iv), b.wording or "") for b, iv in band_intervals(i))
    levels = sorted((lv.name, lv.wording) for lv in i.rules_of(ast.Level))
    others = sorted((_rule_key(r), getattr(r, "wording", None) or "") for r in i.rules
                    if not isinstance(r, (ast.Band, ast.Level)))
    return (i.title, i.table, bands, levels, others)


def _req(i: ast.Indicator) -> str:
    return f"{i.requirement.op} {i.requirement.value}" if i.requirement else "none"


def _rule_key(r: ast.Rule) -> str:
    if isinstance(r, ast.Count):
        return f"{r.per_item} per {r.items} up to {r.cap}"
    if isinstance(r, ast.Trend):
        return f"{r.series} {r.direction} over {r.years} years → {r.points}"
    if isinstance(r, ast.Require):
        return f"require {cond_text(r.cond)}"
    assert isinstance(r, ast.Exempt)
    return f"exempt if {cond_text(r.cond)} → {r.points}"


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


def diff(a: ast.Standard, b: ast.Standard) -> list[Change]:
    out: list[Change] = []
    if a.header.total != b.header.total:
        out.append(Change("points", "standard", b.header.family, "", f"total {a.header.total} → {b.header.total}"))
    if a.header.pass_mark != b.header.pass_mark:
        out.append(Change("thresholds", "standard", b.header.family, "", f"pass mark {a.header.pass_mark} → {b.header.pass_mark}"))
    cats_a = {c.id: c for c in a.categories}
    cats_b = {c.id: c for c in b.categories}
    for cid in [*cats_a, *(k for k in cats_b if k not in cats_a)]:
        ca, cb = cats_a.get(cid), cats_b.get(cid)
        if ca is None or cb is None:
            c = ca or cb
            assert c is not None
            out.append(Change("added" if ca is None else "removed", "category", cid, "", f"{c.title} (max {c.max_points})"))
            continue
        if ca.max_points != cb.max_points:
            out.append(Change("points", "category", cid, "", f"{cb.title}: max {ca.max_points} → {cb.max_points}"))
        if ca.weight != cb.weight:
            out.append(Change("points", "category", cid, "", f"{cb.title}: weight {ca.weight}% → {cb.weight}%"))
        if ca.title != cb.title:
            out.append(Change("wording", "category", cid, "", f"“{ca.title}” → “{cb.title}”"))
    ind_a = {i.id: i for i in a.indicators}
    ind_b = {i.id: i for i in b.indicators}
    for iid in [*ind_a, *(k for k in ind_b if k not in ind_a)]:
        ia, ib = ind_a.get(iid), ind_b.get(iid)
        if ia is None or ib is None:
            i = ia or ib
            assert i is not None
            out.append(Change("added" if ia is None else "removed", "indicator", iid, i.clause,
                              f"{i.title} ({i.kind}, max {i.max_points}, category {i.category})"))
        else:
            out += _indicator(ia, ib)
    gates_a = {g.id: g for g in a.gates}
    gates_b = {g.id: g for g in b.gates}
    for gid in [*gates_a, *(k for k in gates_b if k not in gates_a)]:
        ga, gb = gates_a.get(gid), gates_b.get(gid)
        if ga is None or gb is None:
            g = ga or gb
            assert g is not None
            out.append(Change("added" if ga is None else "removed", "gate", gid, g.clause, g.title))
        elif ga.advisory != gb.advisory:
            out.append(Change("thresholds", "gate", gid, gb.clause, f"{'advisory' if ga.advisory else 'required'} → {'advisory' if gb.advisory else 'required'}"))
        elif ga != gb:
            out.append(Change("wording", "gate", gid, gb.clause, f"“{ga.title}” → “{gb.title}”"))
    inp_a = {i.id: i for i in a.inputs}
    inp_b = {i.id: i for i in b.inputs}
    for nid in [*inp_a, *(k for k in inp_b if k not in inp_a)]:
        na, nb = inp_a.get(nid), inp_b.get(nid)
        if na is None or nb is None:
            n = na or nb
            assert n is not None
            out.append(Change("added" if na is None else "removed", "input", nid, "", f"{n.title} ({n.unit or n.kind})"))
        elif (na.kind, na.unit) != (nb.kind, nb.unit):
            out.append(Change("unit", "input", nid, "", f"{na.unit or na.kind} → {nb.unit or nb.kind}"))
        elif na != nb:
            out.append(Change("wording", "input", nid, "", f"“{na.title}” → “{nb.title}”"))
    return out
