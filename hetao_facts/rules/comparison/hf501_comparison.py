"""HF501 comparison-contradicted."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, RelationKind
from hetao_facts.link.orders import (
    FRACTION,
    LEAST,
    MAJORITY,
    MOST,
    RATIO_OF,
    SIBLINGS,
    starts_word,
)
from hetao_facts.model import Check, Severity, Status
from hetao_facts.relations import PartOf
from hetao_facts.rules._util import (
    display_factor,
    fmt_claim,
    fmt_interval,
    operand,
    representatives,
)
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason

_MEASURES = ("area", "length", "floor_area", "count", "money", "quantity")
_Cache = dict[tuple[str, ...], list[Claim]]
#: what HF701 reads to leave a fraction of a figure to this rule
_RATIO_OF = RATIO_OF


def _now(c: Claim) -> bool:
    return c.role is None or c.role.value == "current"


def _below(a: Interval, b: Interval) -> bool:
    """Every value of a is below every value of b."""
    return b.entirely_above(a)


#: How many peer figures of each verdict (contradicting, overlapping, agreeing) a
#: superlative's check compares and lists, the first in claims order: a peer stated with a
#: different figure in each of 3,000 documents must not make each check 3,000 claims long.
MAX_PEERS_PER_VERDICT = 20


def _nonempty(iv: Interval) -> bool:
    """Whether ``iv`` holds a value (then no figure is both entirely below and entirely
    above it) and its ends can be sorted (no NaN)."""
    lo, hi = iv.low, iv.high
    if (lo is not None and lo.is_nan()) or (hi is not None and hi.is_nan()):
        return False
    return (
        lo is None or hi is None or lo < hi or (lo == hi and not iv.low_open and not iv.high_open)
    )


_TOP = Decimal("Infinity")
_BOTTOM = Decimal("-Infinity")


class _Bounds:
    """A list of figures in two orders, by high end and by low end, to find without
    comparing them one by one which lie entirely below and which entirely above a given
    interval (exactly as :meth:`Interval.entirely_above` decides: a binary search each).
    ``usable`` is false when a figure's interval is empty (the figures below and above
    may then overlap) or has a NaN end: :func:`_decisive` then compares every figure."""

    __slots__ = ("by_high", "by_low", "highs", "lows", "usable")

    def __init__(self, claims: Sequence[Claim]) -> None:
        ivs = [c.interval for c in claims]
        self.usable = all(iv is not None and _nonempty(iv) for iv in ivs)
        highs: list[tuple[Decimal, int, int]] = []
        lows: list[tuple[Decimal, int, int]] = []
        for i, iv in enumerate(ivs):
            if iv is None or not self.usable:
                continue
            # an open high end sorts before a closed one of the same value, an open low end
            # after; an infinite end after (before) every finite one, and never counted
            highs.append((_TOP, 2, i) if iv.high is None else (iv.high, int(not iv.high_open), i))
            lows.append((_BOTTOM, -1, i) if iv.low is None else (iv.low, int(iv.low_open), i))
        highs.sort()
        lows.sort()
        self.highs = [(v, f) for v, f, _ in highs]
        self.lows = [(v, f) for v, f, _ in lows]
        self.by_high = [i for _, _, i in highs]
        self.by_low = [i for _, _, i in lows]

    def below(self, iv: Interval) -> int:
        """How many lie entirely below ``iv`` (``iv.entirely_above(p)``): the first so
        many of :attr:`by_high`."""
        if iv.low is None:
            return 0
        return bisect_left(self.highs, (iv.low, 2 if iv.low_open else 1))

    def above(self, iv: Interval) -> int:
        """Where those entirely above ``iv`` start in :attr:`by_low` (``p.entirely_above(iv)``
        for the rest of it)."""
        if iv.high is None:
            return len(self.lows)
        return bisect_left(self.lows, (iv.high, 0 if iv.high_open else 1))


def _first(positions: Iterable[int]) -> list[int]:
    return sorted(positions)[:MAX_PEERS_PER_VERDICT]


def _decisive(
    me: Claim, peers: list[Claim], small: bool, parts: Sequence[_Bounds] | None = None
) -> list[Claim]:
    """`peers` in order, keeping the first `MAX_PEERS_PER_VERDICT` of each verdict against
    `me` (all of them when there are fewer), so the check's status is unchanged.

    ``parts``: the bounds of the lists `peers` is made of, in order. With them, the peers
    below and above `me` are found by binary search, and those in between are what is
    left: no peer is compared with `me` one by one (a peer stated with a thousand
    different figures is named by a superlative in every document of a corpus)."""
    assert me.interval is not None
    if parts is not None and _nonempty(me.interval) and all(b.usable for b in parts):
        return _decisive_by_bounds(me.interval, peers, parts)
    kept: list[Claim] = []
    counts = [0, 0, 0]
    OPS.add("hf501.peers_compared", len(peers))
    for p in peers:
        assert p.interval is not None
        ok = _below(me.interval, p.interval) if small else _below(p.interval, me.interval)
        bad = _below(p.interval, me.interval) if small else _below(me.interval, p.interval)
        verdict = 0 if bad else 1 if not ok else 2
        if counts[verdict] < MAX_PEERS_PER_VERDICT:
            counts[verdict] += 1
            kept.append(p)
    return kept


def _decisive_by_bounds(me: Interval, peers: list[Claim], parts: Sequence[_Bounds]) -> list[Claim]:
    """:func:`_decisive` from the peers' sorted ends: the first of those entirely below
    `me`, of those entirely above it and of the others, whatever the verdict each stands
    for (each verdict keeps as many). ``me`` holds a value and so does every peer's
    interval, so no peer is both below and above it."""
    below: list[int] = []
    above: list[int] = []
    between: list[int] = []
    at = 0
    for b in parts:
        n_below, above_from = b.below(me), b.above(me)
        low, high = b.by_high[:n_below], b.by_low[above_from:]
        below += _first(at + i for i in low)
        above += _first(at + i for i in high)
        if len(between) < MAX_PEERS_PER_VERDICT:
            others = set(b.by_high[n_below:]).intersection(b.by_low[:above_from])
            between += _first(at + i for i in others)
        at += len(b.by_high)
    OPS.add("hf501.bounds_searched", 2 * len(parts))
    OPS.add("hf501.peers_sorted", at)  # the slices and sorts above: at C speed, not compared
    assert at == len(peers)
    chosen = _first(below) + _first(above) + _first(between)
    return [peers[i] for i in sorted(chosen)]


def _made_before(cache: _Cache, key: tuple[str, ...], rel: Relation) -> bool:
    """Whether the check of the comparison ``key`` (its subject, kind and the figures it
    pools, all fixed by the key) was made before with this cue and this reason to warn:
    it would be the same check, which :meth:`ComparisonHolds.check` drops (the same
    superlative stated in every document of a corpus made it thousands of times over)."""
    made = (*key, "made", rel.cue or "", soft_reason(rel) or "")
    if made in cache:
        return True
    cache[made] = []
    return False


class ComparisonHolds(Rule):
    """Comparisons, superlatives and fractions hold against the stated figures.

    What it checks:
        "X is the smallest platform among the four" against the figures stated for the
        other three; "the Hong Kong section is smaller" (than the other part of the same
        whole) or "X is larger than Y" against X's and Y's figures; "some 300 hectares,
        about half of the 627-hectare site" against the two figures; "$51 billion a
        year, with a lion's share of $30.5 billion" (more than half, at most all: the
        whole found by proximity, so it warns, never fails). With a figure
        missing, or intervals that overlap, there is no verdict. The evidence is the
        comparison relations of the linking stage (`hetao_facts.link.orders`: notes
        "least among", "most among", "less than", "more than", "fraction"); the rule
        pools each compared subject's current figures across documents (the scope is
        `subject`) and reads no text. A multiplier ("three times the size of", "twice as
        large as") is HF710's: this rule no longer checks it, so no relation is checked
        twice.
    Why it matters:
        A comparison that the figures contradict means a figure or the comparison is wrong.
    Flagged:
        "The Hong Kong park covers 3.02 km²." ... "The Shenzhen park covers 0.87 km²." ...
        "The area of the Hong Kong park is smaller than the Shenzhen park."
    Consistent:
        "HTCZ is the smallest platform among the four, covering 3.89 km²." with Hengqin at
        106 km² and Qianhai at 120 km².
    """

    code = "HF501"
    name = "comparison-contradicted"
    cost = 30.0  # about 3 s at 100 MB (benchmarks/): every superlative against its peers
    scope = Scope.SUBJECT  # a subject's figures may stand in other documents

    def check(self, ctx: Context) -> Iterator[Check]:
        # The same comparison stated in several documents pools the same figures: one
        # check, not one per document.
        seen: set[tuple[object, ...]] = set()
        for found in self._checks(ctx):
            key = (found.claims, found.status, found.message)
            if key not in seen:
                seen.add(key)
                yield found

    def _checks(self, ctx: Context) -> Iterator[Check]:
        cache: _Cache = {}  # figures pooled by subject, once per run
        first_complete: dict[str, PartOf] = {}  # the first complete link of each part
        for lk in ctx.part_of:
            if lk.complete:
                first_complete.setdefault(lk.part, lk)
        bounds: dict[tuple[str, ...], _Bounds] = {}  # and their ends, sorted
        rels = ctx.relations_of(RelationKind.COMPARISON)
        for rel in rels:
            if rel.note in (LEAST, MOST) and len(rel.subjects) == 1:
                yield from self._superlatives(ctx, rel, cache, bounds)
        for rel in rels:
            if rel.subjects and rel.note not in (LEAST, MOST, MAJORITY, FRACTION):
                yield from self._comparative(ctx, rel, cache, first_complete)
        for rel in rels:
            if rel.note == FRACTION:
                yield from self._fraction(ctx, rel)
            elif rel.note == MAJORITY:
                yield from self._majority(ctx, rel)

    # ---- "the smallest platform among the four" ----------------------------------------
    def _superlatives(
        self, ctx: Context, rel: Relation, cache: _Cache, bounds: dict[tuple[str, ...], _Bounds]
    ) -> Iterator[Check]:
        (subj,) = rel.subjects
        small = rel.note == LEAST
        for kind in ("area", "length"):
            mine = self._mine(ctx, cache, subj, kind)
            if not mine:
                continue
            key = ("order", subj, kind, str(small), *rel.items)
            peers = cache.get(key)
            if peers is None:
                peers = []
                parts: list[_Bounds] = []
                for name in rel.items:
                    low = name.lower()
                    if subj.startswith(low) or low in ctx.index.show(subj).lower():
                        continue  # the subject itself, named in the list
                    found, part = self._peers(ctx, cache, bounds, kind, low, subj)
                    peers += found
                    parts.append(part)
                peers = _decisive(mine[0], peers, small, parts)
                cache[key] = peers
            if not peers or _made_before(cache, key, rel):
                continue
            yield self._order_check(
                ctx, mine, peers, small, rel.cue or "", ctx.index.show(subj), rel
            )

    @staticmethod
    def _mine(
        ctx: Context, cache: dict[tuple[str, ...], list[Claim]], subj: str, kind: str
    ) -> list[Claim]:
        """The subject's figures of this kind: each distinct value with its first locations
        (computed once per run and subject: the subject may be named in every document)."""
        key = ("mine", subj, kind)
        got = cache.get(key)
        if got is None:
            got = representatives(
                c for c in ctx.subject_claims(subj, kind) if _now(c) and c.interval is not None
            )[:MAX_PEERS_PER_VERDICT]  # the first is compared, the others only listed
            cache[key] = got
        return got

    @staticmethod
    def _peers(
        ctx: Context,
        cache: _Cache,
        bounds: dict[tuple[str, ...], _Bounds],
        kind: str,
        low: str,
        subj: str,
    ) -> tuple[list[Claim], _Bounds]:
        """The figures of the peers a name stands for (subjects starting with it), as
        representatives: each distinct value of each peer with its first locations; and
        their bounds (once per run: the name may be compared in every document)."""
        key = ("peers", kind, low, subj)
        got = cache.get(key)
        if got is None:
            got = representatives(
                c
                for c in ctx.in_claims_order(  # the claims whose subject starts so
                    c
                    for sub in ctx.subjects_starting(kind, low)
                    for c in ctx.by_subject_kind[(sub, kind)]
                )
                if c.kind == kind
                and _now(c)
                and c.subject
                and c.interval is not None
                and starts_word(c.subject, low)
                and c.subject != subj
            )
            cache[key] = got
            bounds[key] = _Bounds(got)
        return got, bounds[key]

    def _order_check(
        self,
        ctx: Context,
        mine: Sequence[Claim],
        peers: Sequence[Claim],
        small: bool,
        adj: str,
        name: str,
        why: Relation,
    ) -> Check:
        me = mine[0]
        assert me.interval is not None
        factor, unit = display_factor(me)
        wrong = []
        undecided = []
        for p in peers:
            assert p.interval is not None
            ok = _below(me.interval, p.interval) if small else _below(p.interval, me.interval)
            bad = _below(p.interval, me.interval) if small else _below(me.interval, p.interval)
            if bad:
                wrong.append(p)
            elif not ok:
                undecided.append(p)
        rel = "<" if small else ">"
        shown = ", ".join(
            dict.fromkeys(
                f"{ctx.index.show(p.subject or '')} {fmt_claim(p, factor, unit)}" for p in peers
            )
        )
        ops = [operand(name, me.interval, factor, unit)] + [
            operand(ctx.index.show(p.subject or ""), p.interval, factor, unit) for p in peers
        ]
        soft = soft_reason(why)
        if wrong:
            return ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [me, *peers],
                f"'{adj}': {name} {fmt_claim(me, factor, unit)} is not {rel} "
                + ", ".join(
                    f"{ctx.index.show(p.subject or '')} {fmt_claim(p, factor, unit)}" for p in wrong
                )
                + (f"; {soft}" if soft else ""),
                operands=ops,
            )
        if undecided:
            return ctx.make_check(
                self,
                Status.WARN,
                [me, *peers],
                f"'{adj}': {name} {fmt_claim(me, factor, unit)} vs {shown}: "
                "the figures overlap, no verdict",
                operands=ops,
                severity=Severity.WARNING,
            )
        return ctx.make_check(
            self,
            Status.PASS,
            [*mine, *peers],
            f"'{adj}': {name} {fmt_claim(me, factor, unit)} {rel} {shown}: consistent",
            operands=ops,
        )

    # ---- "the Hong Kong section is smaller (than Y)" ----------------------------------
    def _comparative(
        self,
        ctx: Context,
        rel: Relation,
        cache: _Cache,
        first_complete: dict[str, PartOf],
    ) -> Iterator[Check]:
        x = rel.subjects[0]
        ys = list(rel.subjects[1:])
        if rel.note.endswith(SIBLINGS):  # the other parts of the whole x is a part of
            found = first_complete.get(x)
            ys = list(found.siblings) if found is not None else []
        if not ys:
            return
        small = not rel.note.startswith("more")
        for kind in _MEASURES:
            xs = self._mine(ctx, cache, x, kind)
            if not xs:
                continue
            key = ("than", x, kind, str(small), *ys)
            others = cache.get(key)
            if others is None:  # once per run: the same comparison in every document
                others = representatives(
                    c
                    for c in ctx.in_claims_order(
                        c for y in dict.fromkeys(ys) for c in ctx.subject_claims(y, kind)
                    )
                    if c.subject in ys and c.kind == kind and _now(c) and c.interval is not None
                )
                others = _decisive(xs[0], others, small)
                cache[key] = others
            if not others:
                continue
            if not _made_before(cache, key, rel):
                yield self._order_check(
                    ctx, xs, others, small, rel.cue or "", ctx.index.show(x), rel
                )
            return

    # ---- "about half of the 627-hectare site" -------------------------------------------
    def _fraction(self, ctx: Context, rel: Relation) -> Iterator[Check]:
        (part,), (r,), (whole,) = (
            ctx.claims_of(rel.role("figure")),
            ctx.claims_of(rel.role("fraction")),
            ctx.claims_of(rel.role("base")),
        )
        if whole.interval is None or part.interval is None or r.interval is None:
            return
        expected = whole.interval * r.interval
        factor, unit = display_factor(part)
        what = (
            f"{fmt_claim(part)} vs {r.text} × {fmt_claim(whole)} = "
            f"{fmt_interval(expected, factor, unit)}"
        )
        ops = [
            operand(fmt_claim(part), part.interval, factor, unit),
            operand(f"{r.text} of {fmt_claim(whole)}", expected, factor, unit),
        ]
        if part.interval.overlaps(expected):
            yield ctx.make_check(
                self, Status.PASS, [part, r, whole], f"{what}: consistent", operands=ops
            )
            return
        gap = part.interval.gap(expected)
        pv, wv = part.value, whole.value
        quotient = pv / wv if isinstance(pv, Decimal) and isinstance(wv, Decimal) and wv else None
        share = f" (the figures give {float(quotient):.3g})" if quotient is not None else ""
        soft = soft_reason(rel)
        yield ctx.make_check(
            self,
            Status.WARN if soft else Status.FAIL,
            [part, r, whole],
            f"{what}: off by at least "
            f"{fmt_interval(Interval.point(gap), factor, unit).strip('[]')}{share}"
            + (f"; {soft}" if soft else ""),
            operands=ops,
        )

    # ---- "a lion's share of $30.5 billion" (of $51 billion) -------------------------------
    def _majority(self, ctx: Context, rel: Relation) -> Iterator[Check]:
        (part,), (whole,) = ctx.claims_of(rel.role("figure")), ctx.claims_of(rel.role("base"))
        ip, iw = part.interval, whole.interval
        if ip is None or iw is None or iw.low is None or iw.low <= 0:
            return
        factor, unit = display_factor(whole)
        half = iw.scale(Decimal("0.5"))
        what = (
            f"'{rel.cue}': {part.text} {fmt_interval(ip, factor, unit)} of "
            f"{whole.text} {fmt_interval(iw, factor, unit)}"
        )
        pv, wv = getattr(part, "value", None), getattr(whole, "value", None)
        if isinstance(pv, Decimal) and isinstance(wv, Decimal) and wv:
            what += f" ({float(pv / wv):.1%})"
        ops = [
            operand(fmt_claim(part), ip, factor, unit),
            operand(f"half of {fmt_claim(whole)}", half, factor, unit),
            operand(fmt_claim(whole), iw, factor, unit),
        ]
        if half.entirely_above(ip) or ip.entirely_above(iw):
            soft = (
                "the whole is the figure of its kind before the words, found by proximity, "
                "so this is a warning, not a failure"
                if not rel.confident
                else soft_reason(rel)
            )
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [part, whole],
                f"{what}: "
                + ("more than all of it" if ip.entirely_above(iw) else "not more than half of it")
                + (f"; {soft}" if soft else ""),
                operands=ops,
                key=rel.id,
            )
        elif ip.entirely_above(half):
            yield ctx.make_check(
                self,
                Status.PASS,
                [part, whole],
                f"{what}: more than half, consistent",
                operands=ops,
                key=rel.id,
            )
