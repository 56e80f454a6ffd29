"""The naive float anchor: the standard's scoring tables as numpy float64 operations, built by the
benchmark from the AST the way a data team would write it (divide, compare, np.select), with no
exactness and no distinction between "no data" and 0. It sets the speed to beat; the benchmark also
counts the parks it mis-scores against the exact evaluator.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable

import numpy as np

from parkscore.dsl import ast
from parkscore.dsl.ast import IndicatorKind
from parkscore.engine.scoring.compile import CompiledStandard

Cols = dict[str, Any]  # figures as float64 (NaN: no data), levels as str arrays, items as counts, flags as float 1/0/NaN


def _expr(e: ast.Expr, c: Cols) -> Any:
    if isinstance(e, ast.Num):
        return float(e.value)
    if isinstance(e, ast.Ref):
        return c[e.name]
    a, b = _expr(e.left, c), _expr(e.right, c)
    return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[e.op]()


_CMP: dict[str, Callable[[Any, Any], Any]] = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}


def _cond(c: ast.Cond, cols: Cols) -> Any:
    if isinstance(c, ast.CondRef):
        return cols[c.name] == 1
    if isinstance(c, ast.Not):
        return ~_cond(c.operand, cols)
    if isinstance(c, ast.BoolOp):
        parts = [_cond(o, cols) for o in c.operands]
        out = parts[0]
        for p in parts[1:]:
            out = (out | p) if c.op == "or" else (out & p)
        return out
    vals = [float(o.value) if isinstance(o, ast.Num) else cols[o.name] for o in c.operands]
    out = _CMP[c.ops[0]](vals[0], vals[1])
    for i, op in enumerate(c.ops[1:], 1):
        out = out & _CMP[op](vals[i], vals[i + 1])
    return out


def float_scores(cs: CompiledStandard, cols: Cols, n: int) -> tuple[Any, Any]:
    """Totals (float64) and verdicts of every row."""
    total = np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        for ci in cs.indicators:
            ind = ci.ind
            if ci.kind is IndicatorKind.LEVEL:
                pts = np.select([cols[ind.id] == lv.name for lv in ci.levels.values()], [float(lv.points) for lv in ci.levels.values()], 0.0)
            elif ci.kind is IndicatorKind.COUNT:
                assert ci.count is not None
                pts = np.nan_to_num(np.minimum(cols[ci.count.items] * float(ci.count.per_item), float(ci.count.cap)))
            elif ci.kind is IndicatorKind.BAND:
                v = _expr(ind.formula.expr, cols) if ind.formula else cols[ind.id]
                if ind.id in cols and ind.formula:
                    v = np.where(np.isnan(cols[ind.id]), v, cols[ind.id])
                pts = np.select([_cond(b.test, {**cols, ind.id: v}) for b in ind.rules_of(ast.Band)],
                                [float(b.points) for b in ind.rules_of(ast.Band)], 0.0)
                for g in ind.rules_of(ast.Require):
                    pts = np.where(_cond(g.cond, cols), pts, 0.0)
            else:
                continue  # trends: not in the standards benchmarked at scale
            for e in ind.rules_of(ast.Exempt):
                pts = np.where(_cond(e.cond, cols), float(e.points), pts)
            total += pts
    eligible = total >= float(cs.std.header.pass_mark or Decimal(0))
    for g in cs.std.gates:
        if not g.advisory:
            eligible &= cols[g.id] == 1
    return total, eligible
