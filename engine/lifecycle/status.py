"""A park's history read against a lifecycle scheme: its status on a date, until when it holds,
what falls due next, and why, every step traced to its clause (file:line).

History files (YAML) hold one park (``park``, ``events``) or many (``parks: [...]``). An event:
``{event: designated_listed, date: "2019", source: "…", note: "…", conditions: {…}, total: 85}``.
A date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; one that names a year or a month only is read
as any day of it, so a status is computed for the earliest and for the latest day and both are
shown where they differ (the scheme's reading says so).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from parkscore.dsl.dates import RANGE, Day, add, parse_day
from parkscore.dsl.diagnostics import Diagnostic, DiagnosticError, SourceMap, decode, did_you_mean, read_bytes
from parkscore.dsl.scheme import Scheme, State, Transition
from parkscore.dsl.span import Span
from parkscore.dsl.text import text_table
from parkscore.engine.scoring.yamlread import Marked, compose


@dataclass(frozen=True)
class HistoryEvent:
    event: str
    day: Day
    source: str | None
    note: str | None
    conditions: dict[str, bool]
    total: Decimal | None
    span: Span


@dataclass(frozen=True)
class History:
    park: str
    source: str | None
    events: tuple[HistoryEvent, ...]
    span: Span


@dataclass(frozen=True)
class Step:
    """One event read against the scheme, or a validity that ran out."""

    on: date
    what: str  # the event (or "validity ended")
    outcome: str  # "applicant -> listed", "no effect in state candidate", "refused: …"
    clause: str | None
    where: str | None  # file:line of the rule
    wording: str | None
    source: str | None = None  # the history's source of the event
    note: str | None = None


@dataclass(frozen=True)
class Due:
    what: str
    by: date | None
    clause: str
    where: str
    wording: str
    recorded: bool | None = None  # for periodic dues already past: is one recorded?


@dataclass(frozen=True)
class Standing:
    """The park's status on a date, under one reading of its uncertain dates."""

    on: date
    state: State
    since: date | None
    until: date | None  # the last day the state holds (None: no end)
    expired: bool
    holds_title: bool
    barred_until: date | None
    steps: tuple[Step, ...]
    dues: tuple[Due, ...]
    # once the state's validity has ended: what can still follow, (event, state it leads to), the
    # renewals already used taken into account (after the second 创建期: listed, or 取消创建资格)
    outcomes: tuple[tuple[str, str], ...] = ()

    def same(self, other: "Standing") -> bool:
        return (self.state.id, self.expired, self.holds_title) == (other.state.id, other.expired, other.holds_title)


@dataclass(frozen=True)
class StatusReport:
    scheme: Scheme
    history: History
    on: date
    earliest: Standing  # every uncertain date read as its first day
    latest: Standing  # … as its last day
    conditions: tuple[tuple[str, str, str, str], ...] = field(default=())  # application conditions: id, clause, wording, recorded value

    @property
    def uncertain(self) -> bool:
        return not self.earliest.same(self.latest) or self.earliest.until != self.latest.until


def _where(span: Span) -> str:
    return f"{span.file}:{span.line}"


def status_on(scheme: Scheme, history: History, on: date) -> StatusReport:
    early, late = _run(scheme, history, on, latest=False), _run(scheme, history, on, latest=True)
    conds = []
    apps = [e for e in history.events if (ev := scheme.event(e.event)) is not None and ev.application and e.day.earliest <= on]
    recorded = apps[-1].conditions if apps else {}
    applied = apps[-1].day.latest if apps else on  # the day the conditions are judged on
    for c in scheme.conditions:
        value = recorded.get(c.id)
        if c.unless is not None:  # an event the history records answers the condition (a major incident in the year before)
            event, span = c.unless
            if any(e.event == event and add(e.day.earliest, span) > applied and e.day.earliest <= applied for e in history.events):
                value = False
        conds.append((c.id, c.clause.text, c.wording, "not recorded" if value is None else "met" if value else "NOT met"))
    return StatusReport(scheme, history, on, early, late, tuple(conds))


def _run(scheme: Scheme, history: History, on: date, latest: bool) -> Standing:
    state, since = scheme.initial, None
    used: dict[int, int] = {}
    barred: date | None = None
    steps: list[Step] = []
    reports: list[date] = []
    events = sorted(history.events, key=lambda e: e.day.pick(latest))
    expiry_noted = False

    def note_expiry(before: date) -> None:
        nonlocal expiry_noted
        if state.valid is None or since is None or expiry_noted:
            return
        end = add(since, state.valid)
        if end <= before:
            d = state.on_expiry
            steps.append(Step(end, "validity ended", f"{state.id}: {state.valid} from {since} ran out",
                              state.valid_clause.text if state.valid_clause else None,
                              _where(state.valid_clause.span) if state.valid_clause else None, d.wording if d else None))
            expiry_noted = True

    for he in events:
        day = he.day.pick(latest)
        if day > on:
            break
        note_expiry(day)
        ev = scheme.event(he.event)
        assert ev is not None, "histories are checked against the scheme"
        t = _transition(ev.transitions, state.id, used)
        if ev.application and barred is not None and day < barred:
            steps.append(Step(day, ev.id, f"refused: applications are barred until {barred - timedelta(days=1)}", "第十三条" if t is None else t.clause.text,
                              None, None, he.source, he.note))
            continue
        if t is None:
            steps.append(Step(day, ev.id, f"no effect in state {state.id}", None, _where(ev.span), ev.title, he.source, he.note))
            continue
        if t.while_valid and state.valid is not None and since is not None and add(since, state.valid) <= day:
            steps.append(Step(day, ev.id, f"no effect: the validity of {state.id} ended on {add(since, state.valid) - timedelta(days=1)}, "
                              "and this applies while it is valid", t.clause.text, _where(t.span), t.wording, he.source, he.note))
            continue
        outcome = f"{state.id} -> {t.target}"
        if he.total is not None:
            outcome += f" (total {he.total})"
        steps.append(Step(day, ev.id, outcome, t.clause.text, _where(t.span), t.wording, he.source, he.note))
        used[id(t)] = used.get(id(t), 0) + 1
        if t.bar is not None:
            barred = add(day, t.bar)
        if t.target != state.id:
            state, since, reports, expiry_noted, used = scheme.state(t.target), day, [], False, {}  # renewals count per stay
        elif t.renews:
            since, expiry_noted = day, False
        if ev.id in {d.id for d in state.dues}:
            reports.append(day)
    note_expiry(on + timedelta(days=1))
    until = add(since, state.valid) - timedelta(days=1) if state.valid and since else None
    expired = until is not None and on > until
    dues: list[Due] = []
    if since is not None and not state.final:
        for d in state.dues:
            if d.every is None:
                if until is not None:
                    dues.append(Due(d.id, until + timedelta(days=1), d.clause.text, _where(d.span), d.wording))
                continue
            k = 1
            while True:
                by = add(since, d.every, k)
                if until is not None and by > until + timedelta(days=1):
                    break
                start = add(since, d.every, k - 1)
                if by <= on:
                    dues.append(Due(d.id, by, d.clause.text, _where(d.span), d.wording, any(start < r <= by for r in reports)))
                else:
                    dues.append(Due(d.id, by, d.clause.text, _where(d.span), d.wording))
                    break
                k += 1
    # once the validity has ended: what moves the park on (a renewal included), not what acts only
    # while valid (第十四条) nor what changes nothing
    outcomes = tuple((ev.id, t.target) for ev in scheme.events if not ev.application
                     and (t := _transition(ev.transitions, state.id, used)) is not None and not t.while_valid
                     and (t.target != state.id or t.renews)) if expired else ()
    return Standing(on, state, since, until, expired, state.holds_title and not expired, barred, tuple(steps), tuple(dues), outcomes)


def _transition(ts: tuple[Transition, ...], state: str, used: dict[int, int]) -> Transition | None:
    for t in ts:
        if state in t.sources and (t.renewals is None or used.get(id(t), 0) < t.renewals):
            return t
    return None


# ---- reading history files ----------------------------------------------------------------


def load_histories(path: str | Path, scheme: Scheme) -> list[History]:
    """The histories of a file, checked against the scheme: every error collected."""
    name = str(path)
    text = decode(read_bytes(path, "D100"), name, "D100")
    sources = SourceMap()
    sources.add(name, text)
    root, diags = compose(text, name)
    out: list[History] = []
    if root is not None and isinstance(root.value, dict):
        items = root.value.get("parks")
        entries = items.value if items is not None and isinstance(items.value, list) else [root]
        for m in entries:
            h = _history(m, scheme, diags)
            if h is not None:
                out.append(h)
    elif not diags:
        diags.append(Diagnostic("H102", "a history file is a mapping with 'park' and 'events' (or 'parks', a list of them)",
                                root.span if root else Span(name, 1, 1, 1, 1)))
    if diags:
        raise DiagnosticError(diags, sources)
    return out


def _text(m: Marked | None) -> str | None:
    return None if m is None or m.value is None else str(m.value)


def _history(m: Marked, scheme: Scheme, diags: list[Diagnostic]) -> History | None:
    if not isinstance(m.value, dict) or "park" not in m.value or "events" not in m.value or not isinstance(m.value["events"].value, list):
        diags.append(Diagnostic("H102", "a park's history needs 'park' and an 'events' list", m.span,
                                "events: [{event: designated_listed, date: \"2019\", source: \"…\"}]"))
        return None
    events = []
    names = [e.id for e in scheme.events]
    conds = [c.id for c in scheme.conditions]
    for em in m.value["events"].value:
        if not isinstance(em.value, dict) or "event" not in em.value or "date" not in em.value:
            diags.append(Diagnostic("H102", "an event needs 'event' and 'date'", em.span, 'write: {event: designated_listed, date: "2019"}'))
            continue
        e = em.value
        name = str(e["event"].value)
        if scheme.event(name) is None:
            diags.append(Diagnostic("H110", f"'{name}' is not an event of {scheme.ref}", e["event"].span, did_you_mean(name, names)))
            continue
        raw = e["date"].value
        day = parse_day(str(raw)) if isinstance(raw, (str, Decimal)) else None
        if day is None:
            diags.append(Diagnostic("H120", f"'{raw}' is not a date ({RANGE})", e["date"].span, 'write "2019", "2019-06" or "2019-06-30" (quoted)'))
            continue
        found: dict[str, bool] = {}
        if "conditions" in e and isinstance(e["conditions"].value, dict):
            for k, v in e["conditions"].value.items():
                if k not in conds or not isinstance(v.value, bool):
                    diags.append(Diagnostic("H111", f"'{k}' is not a yes/no condition of {scheme.ref}" if k not in conds else f"'{k}' must be true or false",
                                            v.key_span, did_you_mean(k, conds)))
                    continue
                found[k] = v.value
        total = e["total"].value if "total" in e and isinstance(e["total"].value, Decimal) else None
        events.append(HistoryEvent(name, day, _text(e.get("source")), _text(e.get("note")), found, total, em.span))
    return History(str(m.value["park"].value), _text(m.value.get("source")), tuple(events), m.span)


# ---- rendering ---------------------------------------------------------------------------


def _status_lines(s: Standing, indent: str = "  ") -> list[str]:
    st = s.state
    head = f"{indent}status: {st.id} — {st.title}"
    if s.since:
        head += f", since {s.since}"
    if s.until:
        head += f", held until {s.until} (validity ended)" if s.expired else f", holds until {s.until}"
    lines = [head, f"{indent}may use the title: {'yes' if s.holds_title else 'no'}"]
    if s.barred_until and s.on < s.barred_until:
        lines.append(f"{indent}applications barred until {s.barred_until - timedelta(days=1)}")
    for d in s.dues:
        if d.recorded is None:
            lines.append(f"{indent}{'due now' if s.expired and d.by and d.by <= s.on else 'next due'}: {d.what} by {d.by} "
                         f"({d.clause}, {d.where}): {d.wording}")
        else:
            lines.append(f"{indent}{d.what} for the year to {d.by}: {'recorded' if d.recorded else 'not recorded in the history'} ({d.clause})")
    if s.outcomes:
        lines.append(f"{indent}what can follow now: " + "; ".join(f"{e} -> {t}" for e, t in s.outcomes))
    lines.append(f"{indent}why:")
    for step in s.steps:
        where = f" [{step.clause}, {step.where}]" if step.clause and step.where else f" [{step.where}]" if step.where else ""
        lines.append(f"{indent}  {step.on}  {step.what}: {step.outcome}{where}")
        if step.wording:
            lines.append(f"{indent}      “{step.wording}”")
        if step.source:
            lines.append(f"{indent}      source: {step.source}")
        if step.note:
            lines.append(f"{indent}      note: {step.note}")
    if not s.steps:
        lines.append(f"{indent}  no event of the history on or before {s.on}")
    return lines


def status_summary(reports: list[StatusReport]) -> str:
    """Parks' statuses on a day, a line each (the details follow): the state, since, until, the
    title; a state that depends on the day the history leaves open shows both readings."""
    def cell(s: Standing) -> list[str]:
        return [s.state.id + (" (expired)" if s.expired else ""), str(s.since or ""), str(s.until or ""), "yes" if s.holds_title else "no"]

    rows = []
    for r in reports:
        early, late = cell(r.earliest), cell(r.latest)
        rows.append([r.history.park, *(e if e == l_ else f"{e} / {l_}" for e, l_ in zip(early, late))])
    on = reports[0].on if reports else ""
    return f"{len(reports)} park(s) on {on} (a / b: first / last day of a date the history leaves open)\n" + text_table(
        rows, headers=["park", "state", "since", "until", "may use the title"], tablefmt="simple", disable_numparse=True)


def status_text(rep: StatusReport) -> str:
    sc = rep.scheme
    out = [f"{rep.history.park} on {rep.on} under {sc.ref} ({sc.title}; status {sc.status})"]
    out += [f"  reading of ours: {r}" for r in sc.readings]
    if rep.uncertain:
        out.append("  the history gives some dates as a year or a month only, and the status depends on the day:")
        out.append("  - reading every such date as its first day:")
        out += _status_lines(rep.earliest, "    ")
        out.append("  - reading every such date as its last day:")
        out += _status_lines(rep.latest, "    ")
    else:
        out += _status_lines(rep.earliest)
    open_dates = sorted({e.day.text for e in rep.history.events if not e.day.exact})
    if open_dates:
        out.append(f"  dates the history leaves open (read as any day of them): {', '.join(open_dates)}")
    articles = ", ".join(dict.fromkeys(clause.split("(")[0] for _, clause, _, _ in rep.conditions))  # the scheme's own clauses
    if rep.conditions and any(v != "not recorded" for *_, v in rep.conditions):
        out.append(f"  application conditions ({articles}):")
        out += [f"    {clause} {cid}: {v}" for cid, clause, _, v in rep.conditions]
    elif rep.conditions:
        out.append(f"  application conditions ({articles}): not recorded in the history")
    return "\n".join(out)


def _status_json(s: Standing) -> dict[str, Any]:
    return {"state": s.state.id, "title": s.state.title, "since": str(s.since) if s.since else None,
            "until": str(s.until) if s.until else None, "expired": s.expired, "holds_title": s.holds_title,
            "barred_until": str(s.barred_until) if s.barred_until else None,
            "can_follow": [{"event": e, "state": t} for e, t in s.outcomes],
            "dues": [{"what": d.what, "by": str(d.by) if d.by else None, "clause": d.clause, "rule": d.where, "wording": d.wording,
                      "recorded": d.recorded} for d in s.dues],
            "steps": [{"on": str(x.on), "event": x.what, "outcome": x.outcome, "clause": x.clause, "rule": x.where,
                       "wording": x.wording, "source": x.source, "note": x.note} for x in s.steps]}


def statuses_json(reports: list[StatusReport]) -> dict[str, Any]:
    """Parks' statuses on a day as JSON (``parkscore.status/1``)."""
    return {"schema": "parkscore.status/1", "parks": [status_json(r) for r in reports]}


def status_json(rep: StatusReport) -> dict[str, Any]:
    sc = rep.scheme
    return {"park": rep.history.park, "on": str(rep.on), "scheme": sc.ref, "scheme_status": sc.status,
            "readings": list(sc.readings), "uncertain": rep.uncertain,
            "open_dates": sorted({e.day.text for e in rep.history.events if not e.day.exact}),
            "earliest": _status_json(rep.earliest), "latest": _status_json(rep.latest),
            "conditions": [{"id": c, "clause": cl, "wording": w, "recorded": v} for c, cl, w, v in rep.conditions]}
