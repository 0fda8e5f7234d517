"""What one document's extraction may use: a time and a memory budget.

:func:`within_budget` runs one document's extraction under a :class:`Budget` in the calling
process. ``--jobs 1`` runs are budgeted by the pipeline's watchdog (which also covers the
indexing before the first document); with ``--jobs N`` each worker process calls
:func:`within_budget` around every document it extracts, so a runaway document costs one
worker its budget and the other documents are still checked.

* The time limit is a ``SIGALRM`` timer (``signal.setitimer``): Linux, macOS and the BSDs,
  in a process's main thread. The timer interrupts Python code; a single call into C that
  runs long (one regular-expression match) is interrupted when it returns.
* The memory limit caps the address space (``RLIMIT_AS``) at its size before the document
  plus the limit, read from ``/proc/self/statm``: Linux only (macOS does not enforce
  ``RLIMIT_AS``).

Where a limit cannot be enforced (Windows; memory on macOS), :func:`unenforced` names it
and the run reports it once as an ``info`` note (HF909); the documents are checked without
that limit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = [
    "Budget",
    "TimeUp",
    "address_space",
    "memory_cap",
    "memory_supported",
    "time_supported",
    "unenforced",
    "within_budget",
]

T = TypeVar("T")


class TimeUp(Exception):
    """Raised inside a document's extraction when it outlasts the time limit."""


@dataclass(frozen=True)
class Budget:
    """Seconds and bytes one document's extraction may take (None: no limit)."""

    time_limit: float | None = None
    memory_limit: int | None = None

    @property
    def empty(self) -> bool:
        return self.time_limit is None and self.memory_limit is None


def time_supported() -> bool:
    """A SIGALRM timer can interrupt this thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def address_space() -> int | None:
    """The process's virtual memory size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def memory_supported() -> bool:
    """The address space can be measured and capped (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import resource  # noqa: F401
    except ImportError:  # pragma: no cover - Linux always has it
        return False
    return address_space() is not None


def unenforced(budget: Budget) -> list[str]:
    """The limits of `budget` this platform cannot enforce, as notes for the report."""
    out = []
    if budget.time_limit is not None and not hasattr(signal, "setitimer"):
        out.append(f"time-limit is not enforced on {sys.platform} (it needs signal.setitimer)")
    if budget.memory_limit is not None and not memory_supported():
        out.append(f"memory-limit is not enforced on {sys.platform} (it needs Linux's RLIMIT_AS)")
    return out


@contextlib.contextmanager
def memory_cap(limit: int | None) -> Iterator[None]:
    """Cap the address space at its current size plus ``limit`` inside the block: an
    allocation past it raises MemoryError there. No cap where it is not supported."""
    if limit is None or not memory_supported():
        yield
        return
    import resource

    now = address_space()
    assert now is not None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = now + limit
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _timer(limit: float | None) -> Iterator[None]:
    if limit is None or not time_supported():
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise TimeUp(f"took longer than the time limit of {limit:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def within_budget(budget: Budget | None, extract: Callable[[], T]) -> T | str:
    """``extract()`` under the budget; when it runs out, why (``"TimeUp: ..."`` or
    ``"MemoryError: ..."``), the way a failed extraction is reported."""
    if budget is None or budget.empty:
        return extract()
    try:
        with _timer(budget.time_limit), memory_cap(budget.memory_limit):
            return extract()
    except TimeUp as exc:  # also when the timer fires as the extraction returns
        return f"TimeUp: {exc}"
    except MemoryError as exc:
        return f"MemoryError: {exc}"
