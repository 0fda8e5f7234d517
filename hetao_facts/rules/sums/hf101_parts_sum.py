"""HF101 parts-sum-to-whole."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Fix, Status
from hetao_facts.rules._util import (
    basis_of,
    display_factor,
    figure_fix,
    figures_to_compare,
    fmt_claim,
    fmt_interval,
    fmt_num,
    number,
    operand,
    pct,
    rel_gap,
)
from hetao_facts.rules.base import Rule

_KINDS = ("area", "floor_area", "length", "count", "money")


def _now(c: Claim) -> bool:
    """A figure about the present (no role, or 'current')."""
    return c.role is None or c.role.value == "current"


class PartsSumToWhole(Rule):
    """The parts a text says make up a whole add up to the whole.

    What it checks:
        When a text says a whole consists of parts ("the zone comprises a 3.02 km² park in
        Shenzhen and a 0.87 km² park in Hong Kong", "3.89 km² across two parks in Shenzhen
        and Hong Kong") or a fact sheet declares a complete partition, the figures stated
        for the parts, in any document and any unit, must sum to the figure stated for the
        whole. Figures are intervals (what the digits and hedges allow); the parts' intervals
        are added end to end and must overlap the whole's interval (XBRL Calculations 1.1).
        The partitions are the part-of relations of the linking stage (`link/part_of.py`),
        and the message quotes the words that state them ("comprises").
        A sum that a total/parts relation of the linking stage already joins (the same
        whole and the same parts, in one document) is HF103's, which checks it with the
        relation's cue and strength: this rule checks the sums that only the part-of links
        of the names pass tie together (parts and whole in different documents or
        sentences), so no sum is checked twice.
    Why it matters:
        A sum that does not add up means one of the figures is wrong, or a part is missing.
    Flagged:
        "The zone comprises a 3.02 km² park and a 0.87 km² park." ... "The zone covers
        3.98 km²."  (3.02 + 0.87 = 3.89 ± 0.01, not 3.98)
    Consistent:
        "The zone comprises a 3.02 km² park and a 0.87 km² park." ... "The zone covers
        3.89 km²."  (passes exactly; "about 300 ha + 87 ha" passes thanks to the hedge)
    """

    code = "HF101"
    name = "parts-sum-to-whole"
    cost = 8.0  # about 0.8 s at 100 MB (benchmarks/)

    def check(self, ctx: Context) -> Iterator[Check]:
        joined = _joined(ctx)
        for whole, parts_sorted, cue in _partitions(ctx):
            for kind in _KINDS:
                whole_claims = [c for c in ctx.subject_claims(whole, kind) if _now(c)]
                if not whole_claims:
                    continue
                per_part = {
                    p: [c for c in ctx.subject_claims(p, kind) if _now(c)] for p in parts_sorted
                }
                if any(not v for v in per_part.values()):
                    continue
                for combo in _combos(per_part):
                    docs = {c.document for c in combo}
                    yield from self._check(
                        ctx, whole, combo, figures_to_compare(whole_claims, docs), joined, cue
                    )

    def _check(
        self,
        ctx: Context,
        whole: str,
        parts: list[Claim],
        wholes: list[Claim],
        joined: set[tuple[str, frozenset[str]]],
        cue: str,
    ) -> Iterator[Check]:
        part_ids = frozenset(p.id for p in parts)
        # Restatements of the whole with the same value are one operand.
        groups: dict[Decimal, list[Claim]] = {}
        for w in wholes:
            groups.setdefault(number(w), []).append(w)
        for _value, ws in sorted(groups.items(), key=lambda kv: kv[0]):
            w = ws[0]
            if any(c.interval is None for c in [*parts, w]):
                continue
            if any((c.id, part_ids) in joined for c in ws):
                continue  # a total/parts relation joins these figures: HF103 checks it
            total = Interval.point(0)
            for p in parts:
                assert p.interval is not None
                total = total + p.interval
            assert w.interval is not None
            factor, unit = display_factor(w)
            point_sum = sum((number(p) for p in parts), Decimal(0))
            exact = point_sum == number(w)
            terms = " + ".join(fmt_claim(p) for p in parts)
            arith = (
                f"{terms} = {fmt_num(point_sum / factor)} {unit} "
                f"{fmt_interval(total, factor, unit)}"
                f" vs stated {fmt_claim(w)} {fmt_interval(w.interval, factor, unit)}"
            )
            name = ctx.index.show(whole)
            summed = f"{terms} = {fmt_num(point_sum / factor)} {unit}"
            ops = [operand(fmt_claim(p), p.interval, factor, unit) for p in parts]
            ops.append(operand(f"{name} (stated)", w.interval, factor, unit))
            if total.overlaps(w.interval):
                basis = basis_of(exact, [*parts, w])
                gap = rel_gap(point_sum, number(w))
                tail = (
                    "consistent"
                    if exact
                    else f"consistent within {'the hedge' if basis == 'hedge' else 'rounding'} "
                    f"({pct(gap)} apart)"
                )
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [*parts, *ws],
                    f"{name}: {arith}: {tail}{cue}",
                    plain=f"{name}: {summed} and the text says {fmt_claim(w)}: {tail}",
                    operands=ops,
                    basis=basis,
                    margin=None if exact else f"{pct(gap)} apart",
                )
            else:
                gap = total.gap(w.interval)
                fix = _whole_fix(ctx, w, total, point_sum)
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    [*parts, *ws],
                    f"{name}: {arith}: the parts do not add up to the whole "
                    f"(off by at least {fmt_num(gap / factor)} {unit}){cue}",
                    plain=f"{name}: the parts add up to {fmt_num(point_sum / factor)} {unit} "
                    f"({terms}), but the text says {fmt_claim(w)} "
                    f"(off by at least {fmt_num(gap / factor)} {unit})",
                    fix=fix,
                    operands=ops,
                    margin=f"{fmt_num(gap / factor)} {unit}",
                )


def _joined(ctx: Context) -> set[tuple[str, frozenset[str]]]:
    """(whole claim, its part claims) of every total/parts relation (HF103's sums)."""
    return {
        (w, frozenset(rel.role("part")))
        for rel in ctx.relations_of(RelationKind.TOTAL_PARTS)
        for w in rel.role("whole")
    }


def _partitions(ctx: Context) -> list[tuple[str, list[str], str]]:
    """(whole, its parts) for each complete partition stated: a part with its siblings.
    Two documents that each split a whole into parts of their own ("a 3.02 km² park and a
    0.87 km² park" in a README and in docs/index.md) are two partitions, not one of four
    parts; a partition inside a larger one of the same whole is left to the larger. The
    third item says how the text states the partition (its cue), for the message."""
    found: dict[str, set[frozenset[str]]] = {}
    cues: dict[tuple[str, frozenset[str]], str] = {}
    for lk in ctx.part_of:
        if lk.complete:
            parts = frozenset({lk.part, *lk.siblings})
            found.setdefault(lk.whole, set()).add(parts)
            if lk.cue:
                cues.setdefault((lk.whole, parts), lk.cue)
    out = []
    for whole, sets in sorted(found.items()):
        for parts in sorted(sets, key=sorted):
            if not any(parts < other for other in sets):
                cue = cues.get((whole, parts))
                out.append(
                    (whole, sorted(parts), f" (the parts as stated: '{cue}')" if cue else "")
                )
    return out


def _whole_fix(ctx: Context, whole: Claim, total: Interval, point_sum: Decimal) -> Fix | None:
    """The whole's figure rewritten to the parts' sum (agreeing with the parts' interval)."""
    assert whole.interval is not None
    return figure_fix(ctx, whole, point_sum, total, whole.interval, number(whole))


def _combos(per_part: dict[str, list[Claim]]) -> list[list[Claim]]:
    """One set of part figures per document that states them all, else one mixed set."""
    docs = sorted({c.document for v in per_part.values() for c in v})
    out: list[list[Claim]] = []
    firsts: list[dict[str, Claim]] = []  # each part's first claim in each document
    for v in per_part.values():
        first: dict[str, Claim] = {}
        for c in v:
            first.setdefault(c.document, c)
        firsts.append(first)
    for d in docs:
        pick = [first.get(d) for first in firsts]
        if all(x is not None for x in pick):
            out.append([x for x in pick if x is not None])
    if not out:
        out.append([v[0] for v in per_part.values()])
    # drop combos with identical values (restatements)
    seen: set[tuple[Decimal, ...]] = set()
    uniq = []
    for combo in out:
        k = tuple(number(c) for c in combo)
        if k not in seen:
            seen.add(k)
            uniq.append(combo)
    return uniq
