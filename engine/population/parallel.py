"""Work spread over processes: results in the order of the work, taken a window at a time so
that memory stays flat however long the population (a list of paths, or a table's rows, is
never read ahead by more than one window)."""
from __future__ import annotations

import multiprocessing
from functools import partial
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

WINDOW = 256  # units of work in flight: a population smaller than this is not worth the processes
_STATE: list[Any] = []  # in a worker process: what its work shares (set once, when it starts)


def ordered_map(fn: Callable[[S, T], R], state: S, items: Iterable[T], jobs: int) -> Iterator[R]:
    """``fn(state, item)`` for every item, in order, in ``jobs`` processes (``state``, a
    standard, sent to each once; ``fn`` a module-level function). A population smaller than a
    window is done here: a command on a handful of parks does not pay for starting processes."""
    it = iter(items)
    first = list(islice(it, WINDOW))
    if jobs <= 1 or len(first) < WINDOW:
        yield from (fn(state, x) for x in first)
        yield from (fn(state, x) for x in it)
        return
    with multiprocessing.get_context().Pool(jobs, _set_state, (state,)) as pool:
        chunk = first
        while chunk:
            yield from pool.imap(partial(_call, fn), chunk, chunksize=max(1, len(chunk) // (jobs * 4)))
            chunk = list(islice(it, WINDOW))


def _set_state(state: Any) -> None:
    _STATE[:] = [state]


def _call(fn: Callable[[Any, T], R], item: T) -> R:
    return fn(_STATE[0], item)
