"""Parks scored under several standard versions side by side: points, deltas, eligibility flips."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from tabulate import tabulate

from parkscore.dsl.numbers import show

from .compile import CompiledStandard
from .data import ParkData
from .scorecard import Scorecard


@dataclass(frozen=True)
class ParkComparison:
    park: str
    file: str
    cards: tuple[Scorecard, ...]  # one per standard, in the order given

    @property
    def flips(self) -> bool:
        """Eligible under one version, not under another (ranking-only standards do not count)."""
        return len({c.eligible for c in self.cards if c.eligible is not None}) > 1

    def rows(self) -> list[tuple[str, str, str, list[Decimal | None]]]:
        """(id, clause, title, points under each standard or None where the standard lacks it)."""
        order: dict[str, tuple[str, str]] = {}
        for c in self.cards:
            for r in c.indicators:
                order.setdefault(r.id, (r.clause, r.title))
        table = []
        for iid, (clause, title) in order.items():
            pts = []
            for c in self.cards:
                hit = next((r for r in c.indicators if r.id == iid), None)
                pts.append(hit.points if hit else None)
            table.append((iid, clause, title, pts))
        return table


def compare(parks: list[tuple[str, ParkData]], standards: list[CompiledStandard],
            score_fn: Callable[[CompiledStandard, ParkData], Scorecard]) -> list[ParkComparison]:
    return [ParkComparison(park.name, path, tuple(score_fn(cs, park) for cs in standards)) for path, park in parks]


def _delta(pts: list[Decimal | None]) -> Decimal:
    """Last standard minus first; an indicator a standard does not have counts 0 there."""
    return (pts[-1] or Decimal(0)) - (pts[0] or Decimal(0))


def _cell(d: Decimal | None) -> str:
    return "—" if d is None else show(d, 4)


def _verdict(card: Scorecard) -> str:
    return "n/a" if card.eligible is None else ("eligible" if card.eligible else "not eligible")


def compare_table(results: list[ParkComparison], refs: list[str]) -> str:
    out = []
    summary = [[r.park] + [f"{show(c.total, 4)} ({_verdict(c)})" for c in r.cards] + ["FLIPS" if r.flips else ""] for r in results]
    out.append(tabulate(summary, headers=["park", *refs, "eligibility"], tablefmt="simple", disable_numparse=True))
    for r in results:
        out.append(f"\n{r.park}" + ("  ** eligibility flips: " + " → ".join(_verdict(c) for c in r.cards) + " **" if r.flips else ""))
        rows = []
        for iid, clause, _, pts in r.rows():
            d = _delta(pts)
            if len(set(pts)) > 1:
                rows.append([clause, iid, *(_cell(p) for p in pts), ("+" if d > 0 else "") + _cell(d)])
        rows.append(["", "total", *(show(c.total, 4) for c in r.cards), ("+" if r.cards[-1].total > r.cards[0].total else "")
                     + show(r.cards[-1].total - r.cards[0].total, 4)])
        out.append(tabulate(rows, headers=["clause", "indicator (changed only)", *refs, "delta"], tablefmt="simple", disable_numparse=True))
    return "\n".join(out)


def compare_json(results: list[ParkComparison], refs: list[str]) -> dict[str, Any]:
    return {
        "schema": "parkscore.compare/1",
        "standards": refs,
        "parks": [{
            "park": r.park,
            "file": r.file,
            "totals": {ref: c.total for ref, c in zip(refs, r.cards)},
            "eligible": {ref: c.eligible for ref, c in zip(refs, r.cards)},
            "eligibility_flips": r.flips,
            "indicators": [{"id": iid, "clause": clause, "title": title,
                            "points": {ref: p for ref, p in zip(refs, pts)}, "delta": _delta(pts)}
                           for iid, clause, title, pts in r.rows()],
        } for r in results],
    }


def compare_csv(results: list[ParkComparison], refs: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["park", "indicator", "clause", *refs, "delta"])
    for r in results:
        for iid, clause, _, pts in r.rows():
            d = _delta(pts)
            w.writerow([r.park, iid, clause, *("" if p is None else p for p in pts), d])
        w.writerow([r.park, "TOTAL", "", *(c.total for c in r.cards), r.cards[-1].total - r.cards[0].total])
        w.writerow([r.park, "ELIGIBLE", "", *("" if c.eligible is None else c.eligible for c in r.cards), "FLIPS" if r.flips else ""])
    return buf.getvalue()
