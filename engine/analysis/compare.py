"""Parks scored under several standard versions side by side: points, deltas, eligibility flips."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from parkscore.dsl.numbers import show
from parkscore.dsl.text import text_table
from parkscore.engine.scoring.compile import CompiledStandard
from parkscore.engine.scoring.data import ParkData
from parkscore.engine.scoring.scorecard import Scorecard, Status


@dataclass(frozen=True)
class ParkComparison:
    park: str
    file: str
    cards: tuple[Scorecard, ...]  # one per standard, in the order given

    @property
    def flips(self) -> bool:
        """Eligible under one version, not under another (ranking-only standards do not count)."""
        return len({c.eligible for c in self.cards if c.eligible is not None}) > 1

    def rows(self) -> list[tuple[str, str, str, list[Decimal | None], list[Status | None]]]:
        """(id, clause, title, points under each standard, status under each standard); None where
        the standard lacks the indicator. A status other than scored means the 0 is no data."""
        order: dict[str, tuple[str, str]] = {}
        for c in self.cards:
            for r in c.indicators:
                order.setdefault(r.id, (r.clause, r.title))
        by_card = [{r.id: r for r in c.indicators} for c in self.cards]
        table = []
        for iid, (clause, title) in order.items():
            hits = [m.get(iid) for m in by_card]
            table.append((iid, clause, title, [h.points if h else None for h in hits], [h.status if h else None for h in hits]))
        return table


def compare(parks: list[tuple[str, ParkData]], standards: list[CompiledStandard],
            score_fn: Callable[[CompiledStandard, ParkData], Scorecard]) -> list[ParkComparison]:
    return [ParkComparison(park.name, path, tuple(score_fn(cs, park) for cs in standards)) for path, park in parks]


def _delta(pts: list[Decimal | None]) -> Decimal:
    """Last standard minus first; an indicator a standard does not have counts 0 there."""
    return (pts[-1] or Decimal(0)) - (pts[0] or Decimal(0))


def _cell(d: Decimal | None, status: Status | None = Status.SCORED) -> str:
    if d is None:
        return "—"
    return show(d, 4) + ("" if status in (Status.SCORED, None) else f" ({status.replace('_', ' ')})")


def defuse(text: str) -> str:
    """A text cell of a CSV file, defused: a spreadsheet would run =…, +…, -…, @… as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def compare_table(results: list[ParkComparison], refs: list[str]) -> str:
    out = []
    summary = [[r.park] + [f"{show(c.total, 4)} ({c.verdict})" for c in r.cards] + ["FLIPS" if r.flips else ""] for r in results]
    out.append(text_table(summary, headers=["park", *refs, "eligibility"], tablefmt="simple", disable_numparse=True))
    missing = [f"{r.park}: " + ", ".join(f"{len(c.missing)} of {len(c.indicators)}" for c in r.cards)
               for r in results if any(c.missing for c in r.cards)]
    if missing:
        out.append("indicators without data (scored 0, shown as 'no data'): " + "; ".join(missing))
    why = [f"  {r.park} under {ref}: {'; '.join(c.reasons)}" for r in results for ref, c in zip(refs, r.cards) if c.reasons]
    if why:
        out.append("why not eligible:\n" + "\n".join(why))
    for r in results:
        out.append(f"\n{r.park}" + ("  ** eligibility flips: " + " → ".join(c.verdict for c in r.cards) + " **" if r.flips else ""))
        rows = []
        for iid, clause, _, pts, sts in r.rows():
            d = _delta(pts)
            if len(set(pts)) > 1 or len(set(sts)) > 1:
                rows.append([clause, iid, *(_cell(p, st) for p, st in zip(pts, sts)), ("+" if d > 0 else "") + _cell(d)])
        rows.append(["", "total", *(show(c.total, 4) for c in r.cards), ("+" if r.cards[-1].total > r.cards[0].total else "")
                     + show(r.cards[-1].total - r.cards[0].total, 4)])
        out.append(text_table(rows, headers=["clause", "indicator (changed only)", *refs, "delta"], tablefmt="simple", disable_numparse=True))
    return "\n".join(out)


def compare_json(results: list[ParkComparison], refs: list[str], illustrative: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        "schema": "parkscore.compare/1",
        "standards": refs,
        "illustrative": {ref: ref in illustrative for ref in refs},
        "parks": [{
            "park": r.park,
            "file": r.file,
            "totals": {ref: c.total for ref, c in zip(refs, r.cards)},
            "eligible": {ref: c.eligible for ref, c in zip(refs, r.cards)},
            "eligibility_flips": r.flips,
            "indicators": [{"id": iid, "clause": clause, "title": title,
                            "points": {ref: p for ref, p in zip(refs, pts)},
                            "status": {ref: st for ref, st in zip(refs, sts)}, "delta": _delta(pts)}
                           for iid, clause, title, pts, sts in r.rows()],
        } for r in results],
    }


def compare_csv(results: list[ParkComparison], refs: list[str], header: bool = True) -> str:
    """CSV rows of parks compared (with the header row unless ``header`` is False, for streaming)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(["park", "indicator", "clause", *refs, "delta", *(f"status {ref}" for ref in refs)])
    for r in results:
        name = defuse(r.park)
        for iid, clause, _, pts, sts in r.rows():
            d = _delta(pts)
            w.writerow([name, iid, clause, *("" if p is None else p for p in pts), d, *("" if st is None else st for st in sts)])
        w.writerow([name, "TOTAL", "", *(c.total for c in r.cards), r.cards[-1].total - r.cards[0].total])
        w.writerow([name, "ELIGIBLE", "", *("" if c.eligible is None else c.eligible for c in r.cards), "FLIPS" if r.flips else ""])
    return buf.getvalue()
