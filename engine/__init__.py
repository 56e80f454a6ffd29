"""parkscore engine: the pipeline from rule files and park data to scorecards.

    .pks files --parse--> tree --transform--> AST --check (named passes)--> checked AST
        --compile--> evaluators --evaluate(park facts, tracer)--> Scorecard (+ trace)
        --render--> table | JSON | report

``dsl`` holds the front end (parser, transform, check); ``engine`` the back end.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any, Mapping

from parkscore.dsl import check as checker
from parkscore.dsl import load
from parkscore.dsl.diagnostics import DiagnosticError, SourceMap, errors

from .compile import CompiledStandard, compile_standard
from .data import ParkData, load_park, park_from_mapping, resolve
from .evaluate import evaluate
from .scorecard import Scorecard
from .trace import NULL_TRACER, Tracer


def load_standard(ref: str) -> CompiledStandard:
    """Find, parse, check and compile a standard; raise DiagnosticError listing every error."""
    std, diags, sources = load.parse_source(load.find(ref))
    if std is not None:
        diags = checker.check(std)
    if std is None or errors(diags):
        raise DiagnosticError(errors(diags), sources)
    return compile_standard(std, sources)


@cache
def installed_ids() -> frozenset[str]:
    """Every data key some installed standard declares (so a park file may serve several)."""
    ids: set[str] = set()
    for family, versions in load.installed().items():
        for v in versions:
            std, _, _ = load.parse_source(load.find(f"{family}@{v}"))
            if std is not None:
                ids |= {i.id for i in std.inputs} | {i.id for i in std.indicators} | {g.id for g in std.gates}
    return frozenset(ids)


def score(cs: CompiledStandard, park: ParkData | Mapping[str, Any], tracer: Tracer = NULL_TRACER) -> Scorecard:
    """Score a park (a loaded file, or a mapping written as the YAML 'data' section would be)."""
    if not isinstance(park, ParkData):
        park = park_from_mapping(park)
    facts, diags = resolve(park, cs.std, installed_ids())
    if errors(diags):
        sources = SourceMap()
        if park.text:
            sources.add(park.path, park.text)
        raise DiagnosticError(errors(diags), sources)
    card = evaluate(cs, facts, park, tracer)
    elsewhere = installed_ids()
    unused = tuple(k for k in park.entries if k in elsewhere and k not in cs.data_keys)
    return replace(card, unused=unused)


__all__ = ["load_standard", "score", "load_park", "CompiledStandard", "Scorecard", "DiagnosticError"]
