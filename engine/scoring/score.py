"""The scoring stage end to end for one park: a standard loaded and compiled, a park's data
resolved against it, the park evaluated. Every client reaches these through ``parkscore.api``;
the other engine packages (populations, analysis, authoring, audit) call them directly.
"""
from __future__ import annotations

from parkscore.dsl.diagnostics import DiagnosticError, SourceMap, errors
from parkscore.dsl.load import Loaded, load
from parkscore.engine.scoring.compile import CompiledStandard, compile_standard
from parkscore.engine.scoring.data import Fact, ParkData, resolve
from parkscore.engine.scoring.evaluate import evaluate
from parkscore.engine.scoring.scorecard import Scorecard
from parkscore.engine.scoring.trace import NULL_TRACER, Tracer


def compiled(loaded: Loaded) -> CompiledStandard:
    """A loaded standard compiled; ``DiagnosticError`` with every error if it has any (warnings kept)."""
    if loaded.std is None or loaded.errors:
        raise DiagnosticError(loaded.errors, loaded.sources)
    return compile_standard(loaded.std, loaded.sources, tuple(loaded.diagnostics))


def load_compiled(ref: str) -> CompiledStandard:
    """The one loader of a standard to score with: find -> parse -> amend -> check -> compile."""
    return compiled(load(ref))


def facts_of(cs: CompiledStandard, data: ParkData) -> dict[str, Fact]:
    """A park's data resolved against the standard; ``DiagnosticError`` on any data error."""
    found, diags = resolve(data, cs.std)
    if errors(diags):
        sources = SourceMap()
        if data.text:
            sources.add(data.path, data.text)
        raise DiagnosticError(errors(diags), sources)
    return found


def score_park(cs: CompiledStandard, data: ParkData, tracer: Tracer = NULL_TRACER) -> Scorecard:
    """A park scored: its facts evaluated, its keys the standard does not read listed as unused."""
    return evaluate(cs, facts_of(cs, data), data, tracer)
