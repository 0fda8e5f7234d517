"""HF501 counts a superlative's peers by verdict from their sorted ends and stops reading
them once every verdict has what it lists: the same peers as reading them all."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts._ops import OPS
from hetao_facts.intervals import Interval
from hetao_facts.rules.comparison.hf501_comparison import (
    MAX_PEERS_PER_VERDICT,
    _below,
    _Bounds,
    _decisive,
)


@dataclass(frozen=True)
class _Figure:
    """What `_decisive` reads of a claim: its interval."""

    interval: Interval


# few values, so that ends often tie; None is an infinite end
_ends = st.one_of(st.none(), st.sampled_from([Decimal(v) for v in (1, 2, 3, 5, 8)]))


@st.composite
def _intervals(draw: Any, empty: bool = True) -> Interval:
    low, high = draw(_ends), draw(_ends)
    if not empty and low is not None and high is not None and low > high:
        low, high = high, low
    low_open, high_open = draw(st.booleans()), draw(st.booleans())
    if not empty and low is not None and low == high:
        low_open = high_open = False
    return Interval(low=low, high=high, low_open=low_open, high_open=high_open)


def _figures(intervals: list[Interval]) -> list[Any]:
    return [_Figure(iv) for iv in intervals]


@settings(max_examples=400, deadline=None)
@given(
    me=_intervals(),
    # mostly figures that hold a value (counted); some lists with empty ones (read in full)
    parts=st.lists(
        st.lists(_intervals(empty=False), max_size=60) | st.lists(_intervals(), max_size=8),
        min_size=1,
        max_size=4,
    ),
    small=st.booleans(),
)
def test_counted_peers_are_the_peers_read_in_full(
    me: Interval, parts: list[list[Interval]], small: bool
) -> None:
    lists = [_figures(p) for p in parts]
    peers = [f for part in lists for f in part]
    bounds = [_Bounds(part) for part in lists]
    mine: Any = _Figure(me)
    assert _decisive(mine, peers, small, bounds) == _decisive(mine, peers, small)


@settings(max_examples=200, deadline=None)
@given(iv=_intervals(), part=st.lists(_intervals(empty=False), max_size=40))
def test_bounds_count_as_entirely_above_decides(iv: Interval, part: list[Interval]) -> None:
    bounds = _Bounds(_figures(part))
    assert bounds.below(iv) == sum(_below(p, iv) for p in part)
    assert len(bounds.lows) - bounds.above(iv) == sum(_below(iv, p) for p in part)


def test_peers_are_found_without_comparing_them_one_by_one() -> None:
    # a thousand peers' figures, below, equal to and above the subject's
    peers: list[Any] = _figures([Interval.point(i % 30) for i in range(1000)])
    me: Any = _Figure(Interval.point(10))
    OPS.reset()
    kept = _decisive(me, peers, True, [_Bounds(peers[:400]), _Bounds(peers[400:])])
    ops = OPS.snapshot()
    assert kept == _decisive(me, peers, True)
    assert len(kept) == 3 * MAX_PEERS_PER_VERDICT
    assert "hf501.peers_compared" not in ops
    assert ops["hf501.bounds_searched"] == 4
