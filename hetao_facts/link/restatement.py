"""Restatements: the same quantity stated again.

* conversions (stated): a figure followed by the same quantity in other units, in brackets
  or after "or", "i.e.", "equivalent to", a slash: "2,400 km² (927 sq mi)",
  "12 miles, or about 19 km", "7/km² (18/mi²)";
* repeats (inferred): the same figure, with the same unit and counted noun, stated in two
  sentences of one document ("5,140 households" in the census summary and again later);
* rounded restatements (inferred): a round figure with a scale word ("a population of 3.4
  million") that is the rounding of exactly one precise figure of the document
  ("3,412,870"): found by the value alone, so it can only pass.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.intervals import Interval, step_of
from hetao_facts.link._view import View, measure, same_measure
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["conversions", "repeats", "rounded", "rounding_interval"]

_HEDGE = r"(?:about|approximately|approx\.|around|roughly|some|nearly|almost|c\.|ca\.|~|≈)?\s*"
#: between the figure and its restatement
_OPEN = _rx.compile(
    rf"^\s*(?:\(|\[|/|,?\s*(?:or|i\.e\.,?|that is,?|equivalent to|equal to)\s)\s*{_HEDGE}$",
    re.I,
)
_CONVERTIBLE = frozenset({"area", "floor_area", "length", "quantity", "density"})


def _pairs(view: View) -> Iterator[tuple[Claim, Claim, str]]:
    claims = view.claims
    for a, b in pairwise(claims):
        if a.kind not in _CONVERTIBLE or not same_measure(a, b):
            continue
        if (a.canonical_unit or a.unit) == (b.canonical_unit or b.unit) or a.unit == b.unit:
            continue  # the same unit twice is two figures, not a conversion
        gap = view.gap(a, b)
        if len(gap) > 24 or not _OPEN.match(gap):
            continue
        yield a, b, gap.strip()


def conversions(view: View) -> Iterator[Relation]:
    """'2,400 km² (927 sq mi)': one quantity in two units (stated)."""
    for a, b, cue in _pairs(view):
        yield Relation.make(
            RelationKind.RESTATEMENT,
            view.doc.id,
            [("figure", a.id), ("restated", b.id)],
            Strength.STATED,
            Span(start=a.start, end=b.end),
            cue=cue or "(",
            note="conversion",
        )


def conversion_map(view: View) -> dict[str, Claim]:
    """Each figure's conversion, both ways: {figure id: restated claim}."""
    out: dict[str, Claim] = {}
    for a, b, _cue in _pairs(view):
        out[a.id] = b
        out[b.id] = a
    return out


_MAX_MEMBERS = 8


def _head(noun: str | None) -> str:
    """The first word of a counted noun: "households" of "households own" (a verb the
    extractor kept) and of "households in the county"."""
    return noun.split()[0].lower() if noun else ""


def repeats(view: View) -> Iterator[Relation]:
    """The same figure (value, unit, qualifier and counted noun) in several sentences."""
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for c in view.claims:
        if c.kind in ("ordinal",) or view.in_table(c):
            continue  # (a table's cells are linked by the table's own relations)
        value = measure(c) if c.kind in _CONVERTIBLE | {"count", "money", "percent"} else None
        if value is None and c.kind not in ("year", "date", "period"):
            continue
        key = (
            c.kind,
            str(getattr(c, "value", None)),
            c.canonical_unit or c.unit,
            c.qualifier.value,
            _head(getattr(c, "noun", None)),
            getattr(c, "currency", None),
        )
        groups[key].append(c)
    for members in groups.values():
        if len({c.sentence.start for c in members}) < 2:
            continue
        if members[0].kind == "count" and not getattr(members[0], "noun", None):
            continue  # a bare number twice says nothing about one fact
        shown = members[:_MAX_MEMBERS]
        yield Relation.make(
            RelationKind.RESTATEMENT,
            view.doc.id,
            [("figure", c.id) for c in shown],
            Strength.INFERRED,
            Span(start=shown[0].sentence.start, end=shown[-1].sentence.end),
            note="repeat",
        )


_SCALED = _rx.compile(r"\d\s*(?:thousand|million|billion|trillion|lakh|crore|bn|mn|m|k)\b", re.I)
_ROUND_DIGITS = 3
_LEAD_DIGITS = _rx.compile(r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)")
_PRECISE_DIGITS = 5


def _significant(c: Claim) -> int:
    digits = re.sub(r"\D", "", (c.number or "").split("e")[0]).strip("0")
    return len(digits)


def rounding_interval(r: Claim) -> Interval | None:
    """What a round figure with a scale word stands for: "2.8 million" is 2.75 to 2.85
    million (widened by its hedge, if any)."""
    value = measure(r)
    m = _LEAD_DIGITS.match(r.number or "")
    if value is None or r.interval is None or m is None:
        return None
    digits = m.group(1).replace(",", "")
    d = Decimal(digits)
    if d == 0:
        return None
    half = step_of(digits, scaled=True) * (value / d) / 2
    own = Interval.closed(value - half, value + half)
    return r.interval.hull(own) if r.interval.low != r.interval.high else own


def rounded(view: View) -> Iterator[Relation]:
    """'3.4 million' and '3,412,870': a round figure that rounds exactly one precise one."""
    precise = [
        c
        for c in view.claims
        if measure(c) is not None
        and c.kind in _CONVERTIBLE | {"count", "money"}
        and _significant(c) >= _PRECISE_DIGITS
        and not view.in_table(c)  # (a table's cells are linked by the table's relations)
    ]
    if not precise:
        return
    for r in view.claims:
        if r.kind not in _CONVERTIBLE | {"count", "money"} or not _SCALED.search(r.text):
            continue
        if _significant(r) > _ROUND_DIGITS:
            continue
        iv = rounding_interval(r)
        if iv is None:
            continue
        hits = [
            p
            for p in precise
            if p.sentence != r.sentence
            and same_measure(p, r)
            and (v := measure(p)) is not None
            and iv.contains(v)
        ][:2]
        if len(hits) != 1:
            continue
        p = hits[0]
        first, second = (p, r) if p.start < r.start else (r, p)
        yield Relation.make(
            RelationKind.RESTATEMENT,
            view.doc.id,
            [("figure", p.id), ("restated", r.id)],
            Strength.INFERRED,
            Span(start=first.start, end=second.end),
            note="rounded",
        )
