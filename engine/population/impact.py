"""The effect of a draft on a population of parks: what a committee asks of a revision.

Each park is scored under the old and the new version, one at a time; only aggregates and the
parks whose eligibility flips are kept, so memory does not grow with the population. The report
gives the distribution of totals under each version, the flips in each direction with the
indicators whose points moved for that park, per indicator the mean change of points, and the
rules (file:line) that decided the changed points under each version.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parkscore.dsl.diagnostics import Diagnostic, FirstErrors
from parkscore.dsl.numbers import show
from parkscore.dsl.text import text_table
from parkscore.engine.scoring.scorecard import Scorecard, Status

ZERO = Decimal(0)
BIN = Decimal(10)


@dataclass
class IndicatorImpact:
    id: str
    clause: str
    parks_changed: int = 0
    total_change: Decimal = ZERO
    rules: Counter[tuple[str, str]] = field(default_factory=Counter)  # (old rule, new rule) -> parks

    def mean(self, parks: int) -> Decimal:
        return self.total_change / parks if parks else ZERO


@dataclass(frozen=True)
class Flip:
    park: str
    where: str
    old_total: Decimal
    new_total: Decimal
    becomes: bool  # eligible under the new version
    drivers: tuple[tuple[str, Decimal], ...]  # (indicator id, points change), largest first
    reasons: tuple[str, ...]  # why not eligible, under the version where it is not


@dataclass
class ImpactReport:
    old: str
    new: str
    parks: int = 0
    not_scored: int = 0
    old_totals: Counter[Decimal] = field(default_factory=Counter)  # bin start -> parks
    new_totals: Counter[Decimal] = field(default_factory=Counter)
    old_eligible: int = 0
    new_eligible: int = 0
    total_change: Decimal = ZERO
    flips: list[Flip] = field(default_factory=list)
    indicators: dict[str, IndicatorImpact] = field(default_factory=dict)
    pass_mark: Decimal | None = None  # the pass mark of both versions (None if they differ or have none)
    labels: tuple[str, ...] = ()  # the versions' status and readings, for every output
    errors: FirstErrors = field(default_factory=FirstErrors)  # why parks were not scored

    def refuse(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        """A park (or a whole source) that could not be scored: counted, its first errors kept."""
        self.not_scored += 1
        self.errors.add(*diagnostics)

    def add(self, where: str, a: Scorecard, b: Scorecard) -> None:
        self.parks += 1
        self.old_totals[_bin(a.total)] += 1
        self.new_totals[_bin(b.total)] += 1
        self.old_eligible += bool(a.eligible)
        self.new_eligible += bool(b.eligible)
        self.total_change += b.total - a.total
        new_by_id = {r.id: r for r in b.indicators}
        changes: list[tuple[str, Decimal]] = []
        for r in a.indicators:
            s = new_by_id.pop(r.id, None)
            after = s.points if s else ZERO
            self._note(r.id, r.clause, r.points, after, _rule(r), _rule(s) if s else "(removed)", changes)
        for s in new_by_id.values():
            self._note(s.id, s.clause, ZERO, s.points, "(added)", _rule(s), changes)
        if a.eligible is not None and b.eligible is not None and a.eligible != b.eligible:
            changes.sort(key=lambda c: (-abs(c[1]), c[0]))
            reasons = b.reasons if a.eligible else a.reasons
            self.flips.append(Flip(a.park, where, a.total, b.total, bool(b.eligible), tuple(changes), reasons))

    def _note(self, ident: str, clause: str, before: Decimal, after: Decimal, old_rule: str, new_rule: str,
              changes: list[tuple[str, Decimal]]) -> None:
        imp = self.indicators.setdefault(ident, IndicatorImpact(ident, clause))
        if before != after:
            imp.parks_changed += 1
            imp.total_change += after - before
            imp.rules[(old_rule, new_rule)] += 1
            changes.append((ident, after - before))


def _bin(total: Decimal) -> Decimal:
    return (total // BIN) * BIN


def _rule(r: Any) -> str:
    if r is None:
        return ""
    if r.status is not Status.SCORED:
        return "no data"
    return f"{r.rule.file}:{r.rule.line}" if r.rule else r.outcome


def impact_json(rep: ImpactReport, flips_shown: int | None = None) -> dict[str, Any]:
    n = rep.parks
    return {
        "schema": "parkscore.impact/1",
        "old": rep.old, "new": rep.new, "parks": n, "not_scored": rep.not_scored,
        "errors": [d.to_json() for d in rep.errors.kept],  # why, for the first parks not scored
        "eligible": {rep.old: rep.old_eligible, rep.new: rep.new_eligible},
        "mean_total_change": rep.total_change / n if n else ZERO,
        "totals": {rep.old: {str(k): v for k, v in sorted(rep.old_totals.items())},
                   rep.new: {str(k): v for k, v in sorted(rep.new_totals.items())}},
        "flips": {
            "become_eligible": sum(1 for f in rep.flips if f.becomes),
            "lose_eligibility": sum(1 for f in rep.flips if not f.becomes),
            "parks": [{"park": f.park, "where": f.where, "old_total": f.old_total, "new_total": f.new_total,
                       "becomes": "eligible" if f.becomes else "not eligible",
                       "drivers": [{"indicator": i, "points_change": d} for i, d in f.drivers], "reasons": list(f.reasons)}
                      for f in rep.flips[:flips_shown]],
        },
        "indicators": [{"id": i.id, "clause": i.clause, "parks_changed": i.parks_changed, "mean_points_change": i.mean(n),
                        "rules": [{"old": o, "new": nw, "parks": c} for (o, nw), c in i.rules.most_common()]}
                       for i in _changed(rep)],
    }


def _changed(rep: ImpactReport) -> list[IndicatorImpact]:
    return sorted((i for i in rep.indicators.values() if i.parks_changed), key=lambda i: (-abs(i.total_change), i.clause))


def impact_text(rep: ImpactReport, flips_shown: int = 20) -> str:
    n = rep.parks
    out = [f"{rep.old} → {rep.new}: {n} park(s)" + (f", {rep.not_scored} not scored (errors above)" if rep.not_scored else ""),
           f"eligible: {rep.old_eligible} → {rep.new_eligible}; mean total change {show(rep.total_change / n if n else ZERO, 3)} points",
           "", "distribution of totals (parks per 10 points):"]
    bins = sorted(set(rep.old_totals) | set(rep.new_totals))
    peak = max([*rep.old_totals.values(), *rep.new_totals.values(), 1])
    for b in bins:
        a, c = rep.old_totals.get(b, 0), rep.new_totals.get(b, 0)
        out.append(f"  {show(b):>4}–{show(b + BIN - 1):<4} old {a:>6} {'#' * round(30 * a / peak):<30}  new {c:>6} {'#' * round(30 * c / peak)}")
    gain = [f for f in rep.flips if f.becomes]
    lose = [f for f in rep.flips if not f.becomes]
    out += ["", f"eligibility flips: {len(gain)} become eligible, {len(lose)} lose eligibility"]
    for label, group in (("lose eligibility", lose), ("become eligible", gain)):
        if not group:
            continue
        rows = [[f.park, f.where, show(f.old_total, 4), show(f.new_total, 4),
                 ", ".join(f"{i} {'+' if d > 0 else ''}{show(d, 3)}" for i, d in f.drivers[:4]) + (" …" if len(f.drivers) > 4 else "")]
                for f in group[:flips_shown]]
        out += ["", f"{label} ({len(group)}{', first ' + str(flips_shown) if len(group) > flips_shown else ''}):",
                text_table(rows, headers=["park", "where", "old", "new", "indicators that moved"], tablefmt="simple", disable_numparse=True)]
    changed = _changed(rep)
    if changed:
        table: list[list[str]] = []
        for i in changed:
            (o, nw), c = i.rules.most_common(1)[0]
            table.append([i.clause, i.id, str(i.parks_changed), show(i.mean(n), 3), f"{o} → {nw} ({c} parks)"])
        out += ["", "indicators whose points change (mean over all parks), and the rules that decided most often:",
                text_table(table, headers=["clause", "indicator", "parks", "mean change", "rule old → new"], tablefmt="simple",
                           disable_numparse=True)]
    else:
        out += ["", "no indicator's points change"]
    return "\n".join(out)


def impact_csv_rows(rep: ImpactReport) -> list[list[Any]]:
    """One row per indicator whose points change: the machine-readable summary."""
    rows: list[list[Any]] = [["clause", "indicator", "parks_changed", "mean_points_change", "old_rule", "new_rule", "parks_with_rule"]]
    for i in _changed(rep):
        for (o, nw), c in i.rules.most_common():
            rows.append([i.clause, i.id, i.parks_changed, i.mean(rep.parks), o, nw, c])
    return rows
