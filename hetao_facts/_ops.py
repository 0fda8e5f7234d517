"""A cheap operation counter, so tests can assert that work grows linearly with the input.

Loops that compare figures or scan text add what they did (pairs compared, characters
scanned) under a short key: ``OPS.add("hf501.pairs", n)``. The counts are per process and
cost one dict update per call; nothing reads them during a run. ``tests/test_linear.py``
resets them, runs the checker on an input and on the same input doubled, and asserts the
counts at most double (plus a small constant).
"""

from __future__ import annotations

from collections import Counter

__all__ = ["OPS", "Operations"]


class Operations:
    """Named counts of work done in this process since the last :meth:`reset`."""

    __slots__ = ("counts",)

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def reset(self) -> None:
        self.counts.clear()

    def snapshot(self) -> dict[str, int]:
        return dict(self.counts)


OPS = Operations()
