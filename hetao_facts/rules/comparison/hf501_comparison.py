"""HF501 comparison-contradicted."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.model import Check, Severity, Status
from hetao_facts.numbers import parse_number
from hetao_facts.relations import PartOf, split_list
from hetao_facts.rules._util import (
    display_factor,
    fmt_claim,
    fmt_interval,
    operand,
    representatives,
)
from hetao_facts.rules.base import Rule

_SMALL = {
    "smallest",
    "smaller",
    "least",
    "fewest",
    "fewer",
    "less",
    "shortest",
    "shorter",
    "lowest",
    "lower",
    "narrowest",
    "narrower",
}
_SUPERLATIVE = re.compile(
    r"\b(?:is|was|are|remains|becomes|being|as)\s+the\s+(?P<adj>smallest|largest|biggest|greatest|"
    r"shortest|longest|highest|lowest)\b[^.;]{0,60}?\b(?:among|of|in)\s+(?:the\s+|all\s+|these\s+)?"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
)
_COMPARATIVE = re.compile(
    r"\b(?:is|was|are|were|remains)\s+(?:much\s+|far\s+|slightly\s+|considerably\s+)?"
    r"(?P<adj>smaller|larger|bigger|greater|shorter|longer|higher|lower)\b(?:\s+than\s+(?P<than>[^.,;]+))?"
)
_MEASURES = ("area", "length", "floor_area", "count", "money", "quantity")
_RATIO_OF = re.compile(
    r"^\s*(?:of|the size of|as large as|as big as|that of)\s+(?:the\s+|its\s+|a\s+)?", re.I
)


def _now(c: Claim) -> bool:
    return c.role is None or c.role.value == "current"


def _below(a: Interval, b: Interval) -> bool:
    """Every value of a is below every value of b."""
    return b.entirely_above(a)


#: How many peer figures of each verdict (contradicting, overlapping, agreeing) a
#: superlative's check compares and lists, the first in claims order: a peer stated with a
#: different figure in each of 3,000 documents must not make each check 3,000 claims long.
MAX_PEERS_PER_VERDICT = 20


def _decisive(me: Claim, peers: list[Claim], small: bool) -> list[Claim]:
    """`peers` in order, keeping the first `MAX_PEERS_PER_VERDICT` of each verdict against
    `me` (all of them when there are fewer), so the check's status is unchanged."""
    assert me.interval is not None
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


class ComparisonHolds(Rule):
    """Comparisons, superlatives and fractions hold against the stated figures.

    What it checks:
        "X is the smallest platform among the four" against the figures stated for the
        other three; "the Hong Kong section is smaller" (than the other part of the same
        whole) or "X is larger than Y" against X's and Y's figures; "some 300 hectares,
        about half of the 627-hectare site" and "three times the size of" against the
        two figures. With a figure missing, or intervals that overlap, there is no verdict.
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

    def check(self, ctx: Context) -> Iterator[Check]:
        yield from self._superlatives(ctx)
        yield from self._comparatives(ctx)
        yield from self._fractions(ctx)

    # ---- "the smallest platform among the four" ----------------------------------------
    def _superlatives(self, ctx: Context) -> Iterator[Check]:
        cache: dict[tuple[str, ...], list[Claim]] = {}
        for doc_id, doc in sorted(ctx.documents.items()):
            for s in doc.sentences:
                sent = doc.text[s.start : s.end]
                m = _SUPERLATIVE.search(sent)
                if not m:
                    continue
                parsed = parse_number(m.group("n"))
                n = int(parsed) if parsed is not None else None
                ments = [
                    mm
                    for mm in ctx.mentions_between(doc_id, s.start, s.start + m.start())
                    if mm.key and not mm.locative
                ]
                if not ments or n is None:
                    continue
                subj = ments[-1].key
                names = self._peer_names(doc.text, s.start, n)
                if not names:
                    continue
                small = m.group("adj") in _SMALL
                for kind in ("area", "length"):
                    mine = self._mine(ctx, cache, subj, kind)
                    if not mine:
                        continue
                    key = ("order", subj, kind, str(small), *names)
                    peers = cache.get(key)
                    if peers is None:
                        peers = []
                        for name in names:
                            low = name.lower()
                            if subj.startswith(low) or low in ctx.index.show(subj).lower():
                                continue
                            peers += self._peers(ctx, cache, kind, low, subj)
                        peers = _decisive(mine[0], peers, small)
                        cache[key] = peers
                    if not peers:
                        continue
                    yield self._order_check(
                        ctx, mine, peers, small, m.group("adj"), ctx.index.show(subj)
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
        ctx: Context, cache: dict[tuple[str, ...], list[Claim]], kind: str, low: str, subj: str
    ) -> list[Claim]:
        """The figures of the peers a name stands for (subjects starting with it), as
        representatives: each distinct value of each peer with its first locations."""
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
                and re.match(rf"^{re.escape(low)}\b", c.subject)
                and c.subject != subj
            )
            cache[key] = got
        return got

    @staticmethod
    def _peer_names(text: str, before: int, n: int) -> list[str] | None:
        pat = re.compile(
            r"(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)"
        )
        best = None
        for m in pat.finditer(text, max(0, before - 6000), before):
            items = split_list(m.group("list"))
            if len(items) == n:
                best = items
        return best

    def _order_check(
        self,
        ctx: Context,
        mine: Sequence[Claim],
        peers: Sequence[Claim],
        small: bool,
        adj: str,
        name: str,
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
        if wrong:
            return ctx.make_check(
                self,
                Status.FAIL,
                [me, *peers],
                f"'{adj}': {name} {fmt_claim(me, factor, unit)} is not {rel} "
                + ", ".join(
                    f"{ctx.index.show(p.subject or '')} {fmt_claim(p, factor, unit)}" for p in wrong
                ),
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
    def _comparatives(self, ctx: Context) -> Iterator[Check]:
        first_complete: dict[str, PartOf] = {}  # the first complete link of each part
        for lk in ctx.part_of:
            if lk.complete:
                first_complete.setdefault(lk.part, lk)
        cache: dict[tuple[str, ...], list[Claim]] = {}
        for doc_id, doc in sorted(ctx.documents.items()):
            for s in doc.sentences:
                sent = doc.text[s.start : s.end]
                m = _COMPARATIVE.search(sent)
                if not m:
                    continue
                ments = [
                    mm
                    for mm in ctx.mentions_between(doc_id, s.start, s.start + m.start())
                    if mm.key and not mm.locative
                ]
                if not ments:
                    continue
                x = ments[-1].key
                ys: list[str] = []
                if m.group("than"):
                    tm = [
                        mm
                        for mm in ctx.mentions_between(doc_id, s.start + m.start("than"), s.end)
                        if mm.key
                    ]
                    ys = [tm[0].key] if tm else []
                else:
                    found = first_complete.get(x)
                    if found is not None:
                        ys = list(found.siblings)
                if not ys:
                    continue
                small = m.group("adj") in _SMALL
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
                            if c.subject in ys
                            and c.kind == kind
                            and _now(c)
                            and c.interval is not None
                        )
                        others = _decisive(xs[0], others, small)
                        cache[key] = others
                    if not others:
                        continue
                    yield self._order_check(
                        ctx, xs, others, small, m.group("adj"), ctx.index.show(x)
                    )
                    break

    # ---- "about half of the 627-hectare site" -------------------------------------------
    def _fractions(self, ctx: Context) -> Iterator[Check]:
        for r in ctx.kind_claims("ratio"):
            doc = ctx.documents[r.document]
            after = doc.text[r.end : r.sentence.end]
            m = _RATIO_OF.match(after)
            if not m:
                continue
            same = [
                c
                for c in ctx.claims_in(r.document)
                if r.sentence.start <= c.start < r.sentence.end
                and c.kind in _MEASURES
                and c.interval is not None
            ]
            whole = next(
                (c for c in same if c.start >= r.end and c.start - r.end <= m.end() + 30), None
            )
            part = next(
                (
                    c
                    for c in reversed(same)
                    if c.end <= r.start and c.kind == (whole.kind if whole else None)
                ),
                None,
            )
            if whole is None or part is None or r.interval is None:
                continue
            assert whole.interval is not None and part.interval is not None
            times = "times" in r.text.lower() or "fold" in r.text.lower()
            expected = whole.interval * r.interval
            factor, unit = display_factor(part)
            what = (
                f"{fmt_claim(part)} vs {r.text} × {fmt_claim(whole)} = "
                f"{fmt_interval(expected, factor, unit)}"
            )
            del times
            ops = [
                operand(fmt_claim(part), part.interval, factor, unit),
                operand(f"{r.text} of {fmt_claim(whole)}", expected, factor, unit),
            ]
            if part.interval.overlaps(expected):
                yield ctx.make_check(
                    self, Status.PASS, [part, r, whole], f"{what}: consistent", operands=ops
                )
            else:
                gap = part.interval.gap(expected)
                pv, wv = part.value, whole.value
                rel = (
                    pv / wv if isinstance(pv, Decimal) and isinstance(wv, Decimal) and wv else None
                )
                share = f" (the figures give {float(rel):.3g})" if rel is not None else ""
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    [part, r, whole],
                    f"{what}: off by at least "
                    f"{fmt_interval(Interval.point(gap), factor, unit).strip('[]')}{share}",
                    operands=ops,
                )
