"""HF102 part-exceeds-whole."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.model import Check, Status
from hetao_facts.relations import PartOf
from hetao_facts.rules._util import (
    display_factor,
    figures_to_compare,
    fmt_claim,
    fmt_interval,
    operand,
)
from hetao_facts.rules.base import Rule


def _time(c: Claim) -> str | None:
    return None if c.role is None or c.role.value == "current" else c.role.value


_KINDS = ("area", "floor_area", "length", "count", "money")


class PartExceedsWhole(Rule):
    """A part is never larger than the whole it belongs to.

    What it checks:
        For every part-of link the texts state ("the first phase of the park", "the zone
        comprises ... a park in Hong Kong", "It includes the Hong Kong park") or a fact sheet
        declares, each figure stated for the part must not exceed a figure stated for the
        whole, when both measure the same attribute at the same time. Land area and floor
        area are different attributes and are never compared. The links are the part-of
        relations of the linking stage (`link/part_of.py`), pooled across documents by
        subject; the message quotes how the text stated the link.
    Why it matters:
        A part larger than its whole is a wrong figure or a wrong unit; a floor area
        (gross floor area, research space) is often stated as if it were land area.
    Flagged:
        "the Hong Kong park, 87 hectares" ... "the first phase of the park ... covering a
        total area of 10 million square feet" (92.9 ha > 87 ha: floor area as land area?)
    Consistent:
        "the zone comprises a 3.02 km² park ..." ... "the zone covers 3.89 km²."
    """

    code = "HF102"
    name = "part-exceeds-whole"
    cost = 11.0  # about 1.1 s at 100 MB (benchmarks/)

    def check(self, ctx: Context) -> Iterator[Check]:
        for link in sorted(ctx.part_of, key=lambda lk: (lk.whole, lk.part)):
            for kind in _KINDS:
                parts = ctx.subject_claims(link.part, kind)
                if not parts:
                    continue
                wholes = _Wholes(ctx.subject_claims(link.whole, kind))
                # passing figures of the part compared with the whole's figures from other
                # documents: one check per such group, not one per figure (a part named in
                # 3,000 documents would otherwise give 3,000 passes per link)
                away: dict[int, tuple[_Compared, list[Claim]]] = {}
                for p in parts:
                    ws = wholes.to_compare(p)
                    if not ws or p.interval is None:
                        continue
                    factor, unit = display_factor(p)
                    w_over = _first_below(p, ws)
                    name_p, name_w = ctx.index.show(link.part), ctx.index.show(link.whole)
                    how = f" (part of it as stated: '{link.cue}')" if link.cue else ""
                    if w_over is not None:  # one failure per part figure is enough to act on
                        w = w_over
                        assert w.interval is not None
                        wf, wu = display_factor(w)
                        hint = ""
                        if kind == "area":
                            hint = (
                                "; a floor area (gross floor area) "
                                "may have been stated as land area"
                            )
                        msg = (
                            f"{name_p}: {fmt_claim(p)} ({fmt_claim(p, wf, wu)}) exceeds the whole, "
                            f"{name_w}: {fmt_claim(w)} {fmt_interval(w.interval, wf, wu)} "
                            f"({ctx.where(w)}){hint}{how}"
                        )
                        plain = (
                            f"{name_p} ({fmt_claim(p, wf, wu)}) is larger than the whole it is "
                            f"part of, {name_w} ({fmt_claim(w)}, {ctx.where(w)}){hint}; the part "
                            f"can be at most {fmt_claim(w)}"
                        )
                        yield ctx.make_check(
                            self,
                            Status.FAIL,
                            [p, w],
                            msg,
                            plain=plain,
                            operands=[
                                operand(name_p, p.interval, wf, wu),
                                operand(name_w, w.interval, wf, wu),
                            ],
                        )
                        continue
                    w = ws.claims[0]
                    assert w.interval is not None
                    if ws.unbounded:  # a whole figure without an interval: no verdict
                        continue
                    if ws.cross:
                        away.setdefault(id(ws), (ws, []))[1].append(p)
                        continue
                    yield ctx.make_check(
                        self,
                        Status.PASS,
                        [p, *ws.claims[:MAX_LISTED]],
                        f"{name_p}: {fmt_claim(p)} ≤ whole {name_w}: {fmt_claim(w)}{how}",
                        operands=[
                            operand(name_p, p.interval, factor, unit),
                            operand(name_w, w.interval, factor, unit),
                        ],
                    )
                for ws, passed in away.values():
                    yield self._passed_away(ctx, link, passed, ws)

    def _passed_away(self, ctx: Context, link: PartOf, passed: list[Claim], ws: _Compared) -> Check:
        """One pass for every figure of the part within the whole's figures of other
        documents (the first few of each side listed; all were compared)."""
        p, w = passed[0], ws.claims[0]
        assert p.interval is not None and w.interval is not None
        factor, unit = display_factor(p)
        name_p, name_w = ctx.index.show(link.part), ctx.index.show(link.whole)
        how = f" (part of it as stated: '{link.cue}')" if link.cue else ""
        shown = ", ".join(dict.fromkeys(fmt_claim(c) for c in passed[:MAX_LISTED]))
        more = f" and {len(passed) - MAX_LISTED} more" if len(passed) > MAX_LISTED else ""
        figures = "figure" if len(passed) == 1 else f"{len(passed)} figures"
        return ctx.make_check(
            self,
            Status.PASS,
            [*passed[:MAX_LISTED], *ws.claims[:MAX_LISTED]],
            f"{name_p}: {shown}{more} ≤ whole {name_w}: {fmt_claim(w)}{how}"
            + ("" if len(passed) == 1 else f" ({figures} of the part, each compared)"),
            operands=[
                operand(name_p, p.interval, factor, unit),
                operand(name_w, w.interval, factor, unit),
            ],
        )


#: The most figures of the whole a passing check lists (all are compared): a whole stated
#: in 3,000 documents must not make every check about its parts 3,000 claims long.
MAX_LISTED = 10


@dataclass
class _Compared:
    """The figures of a whole one part figure is checked against: every claim (in order),
    and their distinct intervals, each with its first claim, which is what is compared."""

    claims: list[Claim]
    distinct: list[tuple[Interval, Claim]]
    unbounded: bool
    order: dict[int, int]
    cross: bool = False
    """the whole's figures of other documents (the part's own states none)"""


def _compared(ws: list[Claim]) -> _Compared:
    first: dict[tuple[object, ...], tuple[Interval, Claim]] = {}
    unbounded = False
    for w in ws:
        iv = w.interval
        if iv is None:
            unbounded = True
            continue
        first.setdefault((iv.low, iv.high, iv.low_open, iv.high_open), (iv, w))
    return _Compared(ws, list(first.values()), unbounded, {id(w): i for i, w in enumerate(ws)})


def _first_below(p: Claim, ws: _Compared) -> Claim | None:
    """The first figure of the whole (in order) that the part lies entirely above."""
    assert p.interval is not None
    OPS.add("hf102.compared", len(ws.distinct))
    best: tuple[int, Claim] | None = None
    order = ws.order
    for iv, w in ws.distinct:
        if p.interval.entirely_above(iv):
            k = order[id(w)]
            if best is None or k < best[0]:
                best = (k, w)
    return None if best is None else best[1]


class _Wholes:
    """A whole's figures of one kind, grouped once per link and kind: by time, by document,
    and the cross-document representatives of `figures_to_compare`, so each part figure is
    compared with a bounded set instead of every figure of the corpus."""

    def __init__(self, wholes: list[Claim]) -> None:
        self.by_time: dict[str | None, list[Claim]] = {}
        for w in wholes:
            self.by_time.setdefault(_time(w), []).append(w)
        self._by_doc: dict[str | None, dict[str, list[Claim]]] = {}
        self._cache: dict[tuple[str | None, str | None], _Compared] = {}

    def to_compare(self, p: Claim) -> _Compared | None:
        t = _time(p)
        ws = self.by_time.get(t)
        if not ws:
            return None
        by_doc = self._by_doc.get(t)
        if by_doc is None:
            by_doc = {}
            for w in ws:
                by_doc.setdefault(w.document, []).append(w)
            self._by_doc[t] = by_doc
        key = (t, p.document if p.document in by_doc else None)
        got = self._cache.get(key)
        if got is None:
            chosen = by_doc[p.document] if key[1] is not None else figures_to_compare(ws, set())
            got = _compared(chosen)
            got.cross = key[1] is None
            self._cache[key] = got
        return got
