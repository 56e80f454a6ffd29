"""One park: read, check, score, explain, compare, gap, sensitivity."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, did_you_mean, option_error
from parkscore.dsl.span import COMMAND_LINE
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import Fact, ParkData, park_from_mapping, resolve
from parkscore.engine.scoring.data import load_park as _load_park
from parkscore.engine.scoring.score import facts_of, score_park
from parkscore.engine.scoring.scorecard import Scorecard
from parkscore.engine.scoring.trace import NULL_TRACER, BufferTracer, TraceEvent, Tracer

from .standards import StandardLike, check_standard, standard

if TYPE_CHECKING:
    from parkscore.engine.analysis.compare import ParkComparison
    from parkscore.engine.analysis.gap import GapReport
    from parkscore.engine.analysis.sensitivity import SensitivityReport

ParkLike = ParkData | Mapping[str, Any] | str | Path


def load_park(path: str | Path) -> ParkData:
    """Read a park data file: YAML, or a filled data-collection form (``parkscore template``).
    Raises ``DiagnosticError`` for unreadable or malformed files."""
    if Path(path).suffix.lower() != ".xlsx":
        return _load_park(path)
    from parkscore.engine.documents.workbook import is_form, read_form  # the workbook code only for a workbook

    return read_form(path) if is_form(path) else _load_park(path)


def park(p: ParkLike) -> ParkData:
    """A park as data: a loaded park as it is, a path read, a mapping of the YAML ``data`` section."""
    if isinstance(p, ParkData):
        return p
    if isinstance(p, (str, Path)):
        return _load_park(p)
    return park_from_mapping(p)


def is_one_park(paths: Iterable[str]) -> bool:
    """Do ``paths`` name exactly one park (a YAML park file or a filled form), not a population?"""
    given = list(paths)
    if len(given) != 1:
        return False
    if Path(given[0]).suffix.lower() in (".yaml", ".yml"):
        return True
    from parkscore.engine.documents.workbook import is_form

    return is_form(given[0])


def is_park_data(target: str | Path) -> bool:
    """Is ``target`` park data (a YAML file, a table, a directory without rule files), not rules?"""
    path = Path(target)
    if path.suffix.lower() in (".yaml", ".yml"):
        return True
    from parkscore.engine.population.tables import is_table

    return is_table(path) or (path.is_dir() and not any(path.glob("*.pks")))


def check_park(std: StandardLike, p: ParkLike) -> list[Diagnostic]:
    """Every diagnostic of a park's data against a standard (errors and warnings), nothing raised."""
    return resolve(park(p), standard(std).std)[1]


def check(targets: Iterable[str], std: StandardLike | Callable[[], CompiledStandard]
          ) -> Iterator[tuple[list[Diagnostic], SourceMap | None]]:
    """``parkscore check``: the diagnostics of each target as found, with the texts they point
    into. Rule targets (family@version, directories, .pks files) are checked once per standard;
    park data (YAML, tables, directories of them: every row) against ``std`` (or what the
    function ``std`` returns), loaded once, when the first park needs it."""
    from .lifecycle import check_scheme, scheme_of
    from .population import read_parks

    seen: set[str] = set()
    cs: CompiledStandard | None = None
    for target in targets:
        scheme = scheme_of(target)
        if scheme is not None:  # a lifecycle scheme: its own front end parses and checks it
            yield check_scheme(scheme)
            continue
        if not is_park_data(target):
            loaded = check_standard(target)
            if loaded.ref not in seen:
                seen.add(loaded.ref)
                yield list(loaded.diagnostics), loaded.sources
            continue
        cs = cs or (std() if callable(std) else standard(std))
        headers: set[str] = set()  # tables whose columns of other standards were said once, at the header (W110)
        for row in read_parks(target, std=cs.std):
            if row.park is None:
                if row.header:
                    headers.add(row.where.removesuffix(" (header)"))
                yield list(row.diagnostics), row.sources
                continue
            sources = SourceMap()
            sources.add(row.park.path, row.park.text)
            found = check_park(cs, row.park)
            yield [d for d in found if not (d.code == "W110" and row.park.path in headers)], sources


def facts(std: StandardLike, p: ParkLike) -> dict[str, Fact]:
    """The park's data resolved against the standard: converted to its units, checked.
    Raises ``DiagnosticError`` on any data error."""
    return facts_of(standard(std), park(p))


def score(std: StandardLike, p: ParkLike, tracer: Tracer = NULL_TRACER) -> Scorecard:
    """Score a park: a loaded file, a path, or a mapping written as the YAML ``data`` section."""
    return score_park(standard(std), park(p), tracer)


@dataclass(frozen=True)
class Explanation:
    """A scorecard with the trace that produced it: the auditor's working paper."""

    card: Scorecard
    events: tuple[TraceEvent, ...]


def explain(std: StandardLike, p: ParkLike) -> Explanation:
    tracer = BufferTracer()
    card = score(std, p, tracer)
    return Explanation(card, tuple(tracer.events))


def indicator_ids(std: StandardLike, names: Iterable[str]) -> tuple[str, ...]:
    """Indicators named by id or clause, as ids; every unknown name is an error (E014) with the closest."""
    cs = standard(std)
    ids: list[str] = []
    unknown: list[Diagnostic] = []
    for i in names:
        try:
            ids.append(cs.indicator(i).ind.id)
        except KeyError:
            known = [ci.ind.id for ci in cs.indicators]
            unknown += option_error(f"unknown indicator '{i}' in {cs.ref}", did_you_mean(i, known), "E014").diagnostics
    if unknown:
        raise DiagnosticError(unknown)
    return tuple(ids)


def compare(parks: Iterable[ParkLike], standards: Iterable[StandardLike]) -> list[ParkComparison]:
    """Each park scored under each standard, in the order given."""
    from parkscore.engine.analysis.compare import ParkComparison

    stds = [standard(s) for s in standards]
    out = []
    for p in parks:
        data = park(p)
        out.append(ParkComparison(data.name, data.path, tuple(score(cs, data) for cs in stds)))
    return out


def gap(std: StandardLike, p: ParkLike, target: Decimal | None = None) -> GapReport:
    """What the park can change to reach ``target`` (default: the pass mark)."""
    from parkscore.engine.analysis.gap import gap as park_gap

    cs, data = standard(std), park(p)
    found = facts_of(cs, data)
    goal = target if target is not None else cs.std.header.pass_mark
    if goal is None:
        raise DiagnosticError([Diagnostic("E012", f"{cs.ref} has no pass mark", COMMAND_LINE, "give a target: --target POINTS")])
    return park_gap(cs, found, data, goal)


def sensitivity(std: StandardLike, p: ParkLike, uncertainty: Decimal = Decimal("0.1"), runs: int = 2000,
                seed: int = 0) -> SensitivityReport:
    """Monte Carlo over the park's figures within ±``uncertainty`` (a fraction: 0.1 is 10 %)."""
    from parkscore.engine.analysis.sensitivity import sensitivity as monte_carlo

    cs, data = standard(std), park(p)
    return monte_carlo(cs, facts_of(cs, data), data, uncertainty, runs, seed)
