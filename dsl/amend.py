"""Amendments: a version written against a base version (``amends "family@version"``).

The amending files may add declarations, ``override`` a declaration of the base (same id), and
``remove`` one. Overriding or removing what the base does not have is an error (E501), as is
re-declaring a base id without ``override`` (E502). The result is an ordinary Standard whose
unchanged rules keep the spans of the base's files, so traces point where each rule is written.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import ast
from .diagnostics import Diagnostic, did_you_mean

_WHAT = {ast.Indicator: "indicator", ast.Category: "category", ast.Gate: "gate", ast.InputDecl: "input"}


def apply(base: ast.Standard, header: ast.Header, files: list[ast.SourceFile]) -> tuple[ast.Standard, list[Diagnostic]]:
    diags: list[Diagnostic] = []
    inputs = {i.id: i for i in base.inputs}
    gates = {g.id: g for g in base.gates}
    categories = {c.id: c for c in base.categories}
    indicators = {i.id: i for c in base.categories for i in c.indicators}
    order = [c.id for c in base.categories]
    members = {c.id: [i.id for i in c.indicators] for c in base.categories}
    tables: dict[str, dict[str, Any]] = {"indicator": indicators, "gate": gates, "input": inputs, "category": categories}

    def dangling(what: str, ident: str, span: ast.Span, verb: str) -> None:
        hint = did_you_mean(ident, tables[what]) or f"{base.ref} has no {what} '{ident}'"
        diags.append(Diagnostic("E501", f"{verb} {what} '{ident}', which {base.ref} does not have", span, hint))

    def clash(what: str, ident: str, span: ast.Span) -> None:
        diags.append(Diagnostic("E502", f"{what} '{ident}' is already in {base.ref}", span,
                                f"to replace it write: override {what} ...; to drop it: remove {what} {ident}"))

    def add_indicators(c: ast.Category) -> None:
        for i in c.indicators:
            if i.id in indicators:
                clash("indicator", i.id, i.span)
            else:
                indicators[i.id] = i
                members[c.id].append(i.id)

    for f in files:
        for a in f.amendments:
            if isinstance(a, ast.Remove):
                table = tables[a.what]
                if a.id not in table:
                    dangling(a.what, a.id, a.span, "removes")
                    continue
                del table[a.id]
                if a.what == "category":
                    order.remove(a.id)
                    for iid in members.pop(a.id):
                        indicators.pop(iid, None)
                elif a.what == "indicator":
                    for m in members.values():
                        if a.id in m:
                            m.remove(a.id)
                continue
            node = a.node
            what = _WHAT[type(node)]
            table = tables[what]
            if node.id not in table:
                dangling(what, node.id, a.span, "overrides")
                continue
            if isinstance(node, ast.Indicator):  # an overridden indicator stays in its category
                node = replace(node, category=table[node.id].category)
            table[node.id] = node
            if isinstance(node, ast.Category):  # indicators written under it are added to it
                add_indicators(node)
        for what, decls in (("input", f.inputs), ("gate", f.gates)):
            for d in decls:
                if d.id in tables[what]:
                    clash(what, d.id, d.span)
                else:
                    tables[what][d.id] = d
        for c in f.categories:
            if c.id in categories:
                clash("category", c.id, c.span)
                continue
            categories[c.id] = c
            order.append(c.id)
            members[c.id] = []
            add_indicators(c)
    merged_categories = tuple(
        replace(categories[cid], indicators=tuple(indicators[i] for i in members[cid])) for cid in order
    )
    # the base's readings still hold in the amendment unless it says them again (kept once)
    header = replace(header, readings=tuple(dict.fromkeys(base.header.readings + header.readings)),
                     scope=header.scope or base.header.scope, data_sources=header.data_sources or base.header.data_sources)
    std = ast.Standard(header, tuple(inputs.values()), merged_categories, tuple(gates.values()),
                       files=base.files + tuple(f.path for f in files))
    return std, diags
