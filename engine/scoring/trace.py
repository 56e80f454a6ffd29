"""Trace events: the evaluator's account of why each point was or was not awarded.

The trace is data, not logging. The evaluator emits typed events through a ``Tracer``; plain
scoring passes the ``NULL_TRACER``, whose ``enabled`` is False, so no event is even built.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol

from parkscore.dsl.span import Span


class Op(str, Enum):
    ENTER = "enter"  # start of an indicator or gate
    INPUT = "input"  # a figure read from the park's data (with its source note)
    COMPUTE = "compute"  # a formula with the numbers substituted
    TEST = "test"  # a rule tested: outcome True/False
    AWARD = "award"  # points awarded by a rule
    FAIL = "fail"  # nothing awarded: a guard failed, or a gate failed
    MISSING = "missing"  # a needed figure has no data
    GATE = "gate"  # a gate's verdict
    SUBTOTAL = "subtotal"  # a category's points
    TOTAL = "total"  # the total and the verdict


@dataclass(frozen=True)
class TraceEvent:
    op: Op
    subject: str  # indicator, gate or category id; "" for the total
    message: str
    span: Span | None = None
    outcome: bool | None = None
    points: Decimal | None = None
    data: dict[str, Any] = field(default_factory=dict)


class Tracer(Protocol):
    enabled: bool

    def emit(self, event: TraceEvent) -> None: ...


class NullTracer:
    enabled = False

    def emit(self, event: TraceEvent) -> None:  # pragma: no cover - never called when disabled
        pass


class BufferTracer:
    enabled = True

    def __init__(self) -> None:
        self.events: list[TraceEvent] = []

    def emit(self, event: TraceEvent) -> None:
        self.events.append(event)


NULL_TRACER = NullTracer()
