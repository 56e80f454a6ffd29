"""Dates as rule files, histories and the command line write them: a day, or a month or a year
read as any day of it; and whole months or years added to a day."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Period = Literal["year", "month"]


@dataclass(frozen=True)
class Duration:
    amount: int
    unit: Period

    @property
    def months(self) -> int:
        return self.amount * (12 if self.unit == "year" else 1)

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}{'s' if self.amount != 1 else ''}"


_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# The days parkscore reads: validities, bars and report cycles are added to them, and a date near
# 9999-12-31 would overflow Python's calendar (a traceback, not an answer).
FIRST_YEAR, LAST_YEAR = 1900, 2999
RANGE = f"a day from {FIRST_YEAR} to {LAST_YEAR}"


@dataclass(frozen=True)
class Day:
    """A date as the source gives it: a day, or a month or year read as any day of it."""

    text: str
    earliest: date
    latest: date

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def pick(self, latest: bool) -> date:
        return self.latest if latest else self.earliest


def parse_day(text: str) -> Day | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` between FIRST_YEAR and LAST_YEAR; None otherwise."""
    m = _DATE.match(text.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if not FIRST_YEAR <= y <= LAST_YEAR:
        return None
    try:
        if d:
            day = date(y, int(mo), int(d))
            return Day(text, day, day)
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return Day(text, date(y, int(mo), 1), date(y, int(mo), last))
        return Day(text, date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        return None


def add(d: date, period: Duration, times: int = 1) -> date:
    """``d`` plus whole months or years (the 29th of February becomes the 28th)."""
    months = d.month - 1 + period.months * times
    y, m = d.year + months // 12, months % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
