"""Shares and densities: one figure of a paragraph divided by another.

* shares: a percent that is one figure's share of another, "revenue of $11.7 million, of
  which $10.6 million, or 91%, came from ...": 10.6 / 11.7 = 91%. The tie between the
  figures is found by arithmetic (the text rarely names the whole next to the percent), so
  these relations are ``inferred``; a cue between the part and the percent ("or", "(",
  "accounting for") is kept as evidence;
* complements: "6,846 families in 9,092 households ... 24.70% are non-families" is the
  share of the rest (100% - 75.30%); inferred, only in one sentence;
* densities: "29,130 people ... 7,971 km² ... 4/km²": a count divided by an area;
* parallels: when the part, the whole or the area is restated in other units in brackets
  and the share or density is too, the same division holds in the other units; such a
  relation follows from a found one and is checked with it ("10/mi²" must be the
  people per square mile of the "3,078 mi²" restatement, not a conversion of "4/km²").

Matching uses the claims' intervals, so a pass can hold through rounding; the rule says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim, Span
from hetao_facts.intervals import Interval
from hetao_facts.link._view import View, measure, same_measure, tight
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["densities", "shares"]

HUNDRED = Decimal(100)
#: a percent that is a change, a rate or a margin, not a share of a figure nearby
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:up|down|rose|rise|rising|fell|fall|falling|grew|grow|growth|increase[sd]?|"
    r"decrease[sd]?|decline[sd]?|gain(?:ed|s)?|higher|lower|jump(?:ed)?|drop(?:ped)?|"
    r"climb(?:ed)?|by|rate|margins?|interest|inflation|yield)\b[^.;]{0,20})$",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:percentage points?|pp\b|a year|per year|annually|growth)", re.I)
_CUE = re.compile(
    r"^[\s,;]*(?:\(|\bor\b|\brepresenting\b|\baccounting for\b|\bwhich is\b|"
    r"\bequal to\b|\bmaking up\b|\bi\.e\.)",
    re.I,
)
_PARTS = frozenset({"count", "money", "area", "floor_area", "length", "quantity"})


def _is_share(view: View, p: Claim) -> bool:
    if p.kind != "percent" or p.interval is None:
        return False
    before = view.text[max(p.sentence.start, p.start - 40) : p.start]
    after = view.text[p.end : p.end + 24]
    return not (_CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after))


def _ratio(a: Claim, b: Claim) -> Interval | None:
    assert a.interval is not None and b.interval is not None
    q = a.interval / b.interval
    return None if q is None or not q.is_bounded else q.scale(HUNDRED)


def _distance(p: Claim, c: Claim) -> int:
    return abs(c.start - p.start)


def shares(view: View, conv: dict[str, Claim]) -> Iterator[Relation]:
    """Percents that are a nearby figure's share of another (inferred), and parallels."""
    for p in view.claims:
        if not _is_share(view, p):
            continue
        assert p.interval is not None
        near = [
            c
            for c in view.window(p, 2, 1)
            if c.kind in _PARTS and tight(c) is not None and c.id != p.id
        ]
        near.sort(key=lambda c: _distance(p, c))
        found = _best(view, p, near)
        if found is None:
            continue
        a, b, note = found
        gap = view.text[min(a.end, p.start) : max(a.end, p.start)] if a.end <= p.start else ""
        cue_m = _CUE.match(gap)
        members = [("part", a.id), ("whole", b.id), ("share", p.id)]
        span = Span(start=min(a.start, b.start, p.start), end=max(a.end, b.end, p.end))
        yield Relation.make(
            RelationKind.SHARE,
            view.doc.id,
            members,
            Strength.INFERRED,
            span,
            cue=cue_m.group().strip() if cue_m else None,
            note=note,
        )
        # the same share in other units: "23 mi² of 3,101 mi²" beside "59 km² of 8,030 km²"
        a2, b2 = conv.get(a.id), conv.get(b.id)
        if a2 is not None and b2 is not None:
            yield Relation.make(
                RelationKind.SHARE,
                view.doc.id,
                [("part", a2.id), ("whole", b2.id), ("share", p.id)],
                Strength.INFERRED,
                span,
                note=f"{note}, parallel" if note else "parallel",
            )


def _best(view: View, p: Claim, near: list[Claim]) -> tuple[Claim, Claim, str] | None:
    """The nearest part whose quotient by a nearby whole is the percent (the largest such
    whole: a share is most often of the total); a complement only inside one sentence."""
    assert p.interval is not None
    for note in ("", "complement"):
        for a in near:
            va = measure(a)
            wholes: list[Claim] = []
            for b in near:
                vb = measure(b)
                if b is a or va is None or vb is None or not same_measure(a, b):
                    continue
                if not vb > va > 0:
                    continue
                q = _ratio(a, b)
                if q is None:
                    continue
                if note == "":
                    if q.overlaps(p.interval):
                        wholes.append(b)
                elif (
                    a.sentence == p.sentence == b.sentence
                    and q.high is not None
                    and q.high < HUNDRED
                    and (-q).shift(HUNDRED).overlaps(p.interval)
                ):
                    wholes.append(b)
            if wholes:
                return a, max(wholes, key=lambda c: measure(c) or 0), note
    return None


_AREA = frozenset({"area"})


def _per(d: Claim) -> str:
    unit = d.canonical_unit or ""
    return unit[4:] if unit.startswith("per ") else unit.lstrip("/")


def densities(view: View, conv: dict[str, Claim]) -> Iterator[Relation]:
    """A density that is a nearby count divided by a nearby area (inferred), and its
    parallel in the other units when both the area and the density are restated."""
    for d in view.claims:
        if d.kind != "density" or d.interval is None:
            continue
        if d.id in conv and conv[d.id].start < d.start:
            continue  # a restatement: checked as the parallel of the first
        near = view.window(d, 2, 0)
        counts = [c for c in near if c.kind == "count" and tight(c) and c.end <= d.start]
        # the area is often stated earlier, in a geography paragraph of its own
        areas = [c for c in view.between(0, d.start) if c.kind in _AREA and tight(c)][-12:]
        counts.sort(key=lambda c: _distance(d, c))
        # the area in the density's own unit first ("4/km²" of the km² figure)
        areas.sort(key=lambda c: (_per(d) != (c.canonical_unit or ""), _distance(d, c)))
        hit = None
        for c in counts:
            for a in areas:
                assert c.interval is not None and a.interval is not None
                q = c.interval / a.interval.scale(Decimal("1e-6"))  # per km²
                if q is not None and q.is_bounded and q.overlaps(d.interval):
                    hit = (c, a)
                    break
            if hit:
                break
        if hit is None:
            continue
        c, a = hit
        span = Span(start=min(c.start, a.start), end=d.end)
        yield Relation.make(
            RelationKind.DENSITY,
            view.doc.id,
            [("count", c.id), ("area", a.id), ("density", d.id)],
            Strength.INFERRED,
            span,
        )
        a2, d2 = conv.get(a.id), conv.get(d.id)
        if a2 is not None and d2 is not None:
            yield Relation.make(
                RelationKind.DENSITY,
                view.doc.id,
                [("count", c.id), ("area", a2.id), ("density", d2.id)],
                Strength.INFERRED,
                Span(start=span.start, end=max(d.end, d2.end)),
                note="parallel",
            )
