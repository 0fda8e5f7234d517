"""Shares and densities: one figure of a paragraph divided by another.

* shares: a percent that is one figure's share of another, "revenue of $8.4 million, of
  which $7.2 million, or 86%, came from ...": 7.2 / 8.4 = 86%. The tie between the
  figures is found by arithmetic (the text rarely names the whole next to the percent), so
  these relations are ``inferred``; a cue between the part and the percent ("or", "(",
  "accounting for") is kept as evidence;
* margins: "gross margin was $4.3 million or 51%" is the share of the revenue of the same
  period, a figure the text names as revenue (a margin is a share of revenue by definition);
* complements: "3,227 families in 4,168 households ... 22.58% are non-families" is the
  share of the rest (100% - 77.42%); inferred, inside one sentence, or across paragraphs
  (`named_complements`) when "non-<noun>" names the rest, "out of which" ties the percent
  to the whole of its sentence, and the one count of <noun> stands beside that whole
  restated;
* densities: "68,200 people ... 9,350 km² ... 7/km²": a count divided by an area;
* parallels: when the part, the whole or the area is restated in other units in brackets
  and the share or density is too, the same division holds in the other units; such a
  relation follows from a found one and is checked with it ("18/mi²" must be the
  people per square mile of the "3,610 mi²" restatement, not a conversion of "7/km²").

Matching uses the claims' intervals, so a pass can hold through rounding; the rule says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.intervals import Interval
from hetao_facts.link._view import View, digits_interval, measure, same_measure, tight
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["densities", "named_complements", "shares"]

HUNDRED = Decimal(100)
#: a percent that is a change, a rate or a margin, not a share of a figure nearby
_CHANGE_BEFORE = _rx.compile(
    r"(?:\b(?:up|down|rose|rise|rising|fell|fall|falling|grew|grow|growth|increase[sd]?|"
    r"decrease[sd]?|decline[sd]?|gain(?:ed|s)?|higher|lower|jump(?:ed)?|drop(?:ped)?|"
    r"climb(?:ed)?|by|rate|margins?|interest|inflation|yield)\b[^.;]{0,20})$",
    re.I,
)
_CHANGE_AFTER = _rx.compile(
    r"^\s*(?:percentage points?|pp\b|a year|per year|annually|growth)", re.I
)
_CUE = _rx.compile(
    r"^[\s,;]*(?:\(|\bor\b|\brepresenting\b|\baccounting for\b|\bwhich is\b|"
    r"\bequal to\b|\bmaking up\b|\bi\.e\.)",
    re.I,
)
_PARTS = frozenset({"count", "money", "area", "floor_area", "length", "quantity"})


#: a margin is a share of revenue: "gross margin was $4.3 million or 51%"
_MARGIN = _rx.compile(r"\b(?:gross|operating|net|profit|ebitda|ebit)?\s*margins?\b", re.I)
_MARGIN_OF = frozenset({"revenue"})
_AMOUNT_CUE = _rx.compile(r"[\s,]*(?:or|\()\s*$", re.I)


def _margin_share(view: View, p: Claim, before: str) -> bool:
    """'margin ... $4.3 million or 51%': the percent right after an amount is its share."""
    if not _MARGIN.search(before):
        return False
    prev = view.between(max(p.sentence.start, p.start - 40), p.start)
    return (
        bool(prev)
        and prev[-1].kind == "money"
        and bool(_AMOUNT_CUE.fullmatch(view.gap(prev[-1], p)))
    )


def _is_share(view: View, p: Claim) -> bool:
    if p.kind != "percent" or p.interval is None:
        return False
    before = view.text[max(p.sentence.start, p.start - 40) : p.start]
    after = view.text[p.end : p.end + 24]
    if _CHANGE_AFTER.match(after):
        return False
    return not _CHANGE_BEFORE.search(before) or _margin_share(view, p, before)


def _ratio(a: Claim, b: Claim) -> Interval | None:
    assert a.interval is not None and b.interval is not None
    q = a.interval / b.interval
    return None if q is None or not q.is_bounded else q.scale(HUNDRED)


def _distance(p: Claim, c: Claim) -> int:
    return abs(c.start - p.start)


def shares(view: View, conv: dict[str, Claim]) -> Iterator[Relation]:
    """Percents that are a nearby figure's share of another (inferred), and parallels.

    Each percent gets its nearest part that divides to it by some whole; among the wholes
    that fit, the one the text names (a total, or what the percent is "of"), then the one
    that is not itself the part of another share, then the closest quotient, then the one
    that explains the most percents of the document (parallel shares of one total). A
    margin ("gross margin was $4.3 million or 51%") is a share of revenue."""
    found: list[tuple[Claim, Claim, list[tuple[bool, Decimal, bool, Claim]], str]] = []
    support: dict[str, int] = {}
    for p in view.claims:
        if not _is_share(view, p) or view.in_table(p):
            continue  # (a table's percents are its own relations)
        # a share refers back: figures of later sentences only when they name its topic
        # ("62% of residents" is no share of the stations counted in the next sentence)
        topic = _topic(view, p)
        near = [
            c
            for c in view.window(p, 2, 1)
            if c.kind in _PARTS
            and tight(c) is not None
            and c.id != p.id
            and (c.sentence.start <= p.sentence.start or _names_topic(view, c, topic))
        ]
        near.sort(key=lambda c: _distance(p, c))
        far = _far_wholes(view, p, near, topic) + _paragraph_wholes(view, p, near)
        hit = _candidates(view, p, near, far, topic)
        if hit is None:
            continue
        a, wholes, note = hit
        found.append((p, a, wholes, note))
        for *_, b in wholes:
            support[b.id] = support.get(b.id, 0) + 1
    parts = {a.id for _p, a, _w, _n in found}
    for p, a, wholes, note in found:
        # a figure that is itself the part of another share is a whole only when no other
        # figure fits ("$9.2 million, or 88% of net revenues" is not the net revenues)
        _named, _closeness, _far, b = min(
            wholes,
            key=lambda w: (not w[0], w[1] > 0, w[3].id in parts, w[1], -support[w[3].id], w[2]),
        )
        gap = view.text[a.end : p.start] if a.end <= p.start else ""
        cue_m = _CUE.match(gap)
        span = Span(start=min(a.start, b.start, p.start), end=max(a.end, b.end, p.end))
        yield Relation.make(
            RelationKind.SHARE,
            view.doc.id,
            [("part", a.id), ("whole", b.id), ("share", p.id)],
            Strength.INFERRED,
            span,
            cue=cue_m.group().strip() if cue_m else None,
            note=note,
        )
        # the same share in other units: "31 mi² of 1,240 mi²" beside "80 km² of 3,212 km²"
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


#: what a percent is a share of: "86% of net revenues", "38.6% of total outlays"
_OF_WHAT = _rx.compile(
    r"^\s*(?:of|of\s+the|of\s+its|of\s+all)\s+((?:total\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})",
    re.I,
)
_TOTAL = _rx.compile(r"\btotal\b", re.I)
_WORD = _rx.compile(r"[a-z]{3,}")
_FILLER = frozenset({"the", "its", "all", "total", "and", "for", "was", "were", "are"})
_FAR = 60


def _stem(w: str) -> str:
    return w[:-1] if w.endswith("s") else w


def _topic(view: View, p: Claim) -> set[str]:
    """The head words of what the percent is a share of, when the text says it."""
    m = _OF_WHAT.match(view.text[p.end : p.end + 60])
    if not m:
        lead = view.text[max(p.sentence.start, p.start - 240) : p.start]
        return set(_MARGIN_OF) if _margin_share(view, p, lead) else set()
    return {_stem(w) for w in _WORD.findall(m.group(1).lower()) if w not in _FILLER}


def _lead(view: View, c: Claim) -> str:
    return view.text[max(c.sentence.start, c.start - 80) : c.start].lower()


def _tail(view: View, c: Claim) -> str:
    """The words right after a figure, up to punctuation: "2,287,400 were employed"."""
    m = re.match(r"[^,.;:()\d]{0,40}", view.text[c.end : c.end + 40])
    return m.group().lower() if m else ""


def _names_topic(view: View, c: Claim, topic: set[str]) -> bool:
    if not topic:
        return False
    words = {_stem(w) for w in _WORD.findall(_lead(view, c))}
    if topic <= words:
        return True
    return topic <= {_stem(w) for w in _WORD.findall(_tail(view, c))}


def _far_wholes(view: View, p: Claim, near: list[Claim], topic: set[str]) -> list[Claim]:
    """Earlier figures, outside the percent's paragraph, that the text names as what the
    percent is a share of ("... of net revenues" and "Net revenues were $8.4 million")."""
    if not topic:
        return []
    seen = {c.id for c in near}
    earlier = view.between(0, view.paragraph_of(p.start).start)[-_FAR:]
    return [
        c
        for c in earlier
        if c.id not in seen and c.kind in _PARTS and tight(c) and _names_topic(view, c, topic)
    ]


_PARAGRAPH_WHOLES = 30


def _paragraph_wholes(view: View, p: Claim, near: list[Claim]) -> list[Claim]:
    """Earlier figures of the percent's own paragraph, beyond the sentences around it: a
    paragraph often states its total once and then each part "or N% of" it."""
    seen = {c.id for c in near}
    para = view.paragraph_of(p.start)
    earlier = view.between(para.start, p.sentence.start)[-_PARAGRAPH_WHOLES:]
    return [c for c in earlier if c.id not in seen and c.kind in _PARTS and tight(c)]


def _candidates(
    view: View, p: Claim, near: list[Claim], far: list[Claim], topic: set[str]
) -> tuple[Claim, list[tuple[bool, Decimal, bool, Claim]], str] | None:
    """The nearest part whose quotient by some whole is the percent, and every such whole
    as (named, closeness, far, whole). A complement (the share of the rest) only inside
    one sentence."""
    assert p.interval is not None
    # found by arithmetic: the digits as written, so a hedge makes no coincidence easier
    reading = digits_interval(p, round_trailing_zeros=False) or p.interval
    says_total = bool(_TOTAL.search(view.text[p.sentence.start : p.sentence.end]))
    target = measure(p) or HUNDRED
    for note in ("", "complement"):
        for a in near:
            va = measure(a)
            wholes: list[tuple[bool, Decimal, bool, Claim]] = []
            for b in near + far:
                vb = measure(b)
                if b is a or va is None or vb is None or not same_measure(a, b):
                    continue
                if not vb > va > 0:
                    continue
                q = _ratio(a, b)
                if q is None:
                    continue
                if note == "complement":
                    if not (
                        a.sentence == p.sentence == b.sentence
                        and q.high is not None
                        and q.high < HUNDRED
                    ):
                        continue
                    q = (-q).shift(HUNDRED)
                if not q.overlaps(reading):
                    continue
                point = (va / vb) * HUNDRED
                if note == "complement":
                    point = HUNDRED - point
                # 0 when the quotient of the figures as written rounds to the percent
                off = Decimal(0) if p.interval.contains(point) else abs(point - target)
                named = _names_topic(view, b, topic) or (
                    says_total and bool(_TOTAL.search(_lead(view, b)))
                )
                wholes.append((named, off, b in far, b))
            if wholes:
                return a, wholes, note
    return None


_AREA = frozenset({"area"})


def _per(d: Claim) -> str:
    unit = d.canonical_unit or ""
    return unit[4:] if unit.startswith("per ") else unit.lstrip("/")


_BOX_LINES = 6
_BOX_WIDTH = 60


def _short_line(text: str, pos: int) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return (len(text) if end < 0 else end) - start <= _BOX_WIDTH


def _lines_up(text: str, pos: int, n: int) -> int:
    """The start of the line ``n`` lines above the one holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(n):
        if start <= 0:
            return 0
        start = text.rfind("\n", 0, start - 1) + 1
    return start


def densities(view: View, conv: dict[str, Claim]) -> Iterator[Relation]:
    """A density that is a nearby count divided by a nearby area (inferred), and its
    parallel in the other units when both the area and the density are restated."""
    for d in view.claims:
        if d.kind != "density" or d.interval is None:
            continue
        if d.id in conv and conv[d.id].start < d.start:
            continue  # a restatement: checked as the parallel of the first
        near = view.window(d, 2, 0)
        if _short_line(view.text, d.start):
            # a fact box ("Population 3,412,870" / "Density 1,905/km²"): the lines above
            near = view.between(_lines_up(view.text, d.start, _BOX_LINES), d.start)
        counts = [c for c in near if c.kind == "count" and tight(c) and c.end <= d.start]
        # the area is often stated earlier, in a geography paragraph of its own
        areas = [c for c in view.between(0, d.start) if c.kind in _AREA and tight(c)][-12:]
        counts.sort(key=lambda c: _distance(d, c))
        # the area in the density's own unit first ("7/km²" of the km² figure)
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


# ---- complements named by "non-": "31.19% are non-families" ------------------------------
#: the percent is the share of what is not the named thing: "... and 31.19% are non-families"
_NON = _rx.compile(r"^\s+(?:are|were|is|was)\s+non[-\s]?(?P<noun>[a-z]+)\b", re.I)
#: between the whole and its shares in one sentence: "5,140 households out of which ..."
_OF_WHICH = _rx.compile(r"\b(?:out\s+of\s+which|of\s+which|of\s+whom|of\s+these|of\s+them)\b", re.I)


def _stem_noun(noun: str | None) -> str | None:
    if not noun or not noun.split():
        return None
    w = noun.split()[0].lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def named_complements(view: View) -> Iterator[Relation]:
    """'There are 5,140 households out of which ... 31.19% are non-families' with '5,140
    households, and 3,537 families' elsewhere: 31.19% is 100% - 3,537 / 5,140. Inferred
    (the part is tied to the whole by the whole's figure restated beside it, in another
    sentence), so a disagreement warns; note 'complement, non-<noun>'. Members: the part,
    the whole beside it, the share, and ``as``: the whole restated in the share's sentence."""
    counts = [c for c in view.claims if c.kind == "count" and c.interval is not None]
    for p in view.claims:
        if p.kind != "percent" or p.interval is None:
            continue
        m = _NON.match(view.text[p.end : p.end + 40])
        if not m:
            continue
        noun = _stem_noun(m.group("noun"))
        sent = [c for c in counts if p.sentence.start <= c.start < p.start]
        if not sent or not _OF_WHICH.search(view.gap(sent[0], p)):
            continue
        whole = sent[0]
        parts = [c for c in counts if _stem_noun(getattr(c, "noun", None)) == noun]
        if len(parts) != 1 or parts[0].sentence == p.sentence:
            continue  # none, or several counts of the named thing: no tie
        part = parts[0]
        w_noun = _stem_noun(getattr(whole, "noun", None))
        beside = [
            c
            for c in view.in_sentence(part)
            if c.id != part.id
            and _stem_noun(getattr(c, "noun", None)) == w_noun
            and c.interval is not None
            and whole.interval is not None
            and c.interval.overlaps(whole.interval)
        ]
        if not beside or not whole.interval or not part.interval:
            continue  # the part's sentence does not restate the whole it is a part of
        if not whole.interval.entirely_above(part.interval):
            continue
        yield Relation.make(
            RelationKind.SHARE,
            view.doc.id,
            [("part", part.id), ("whole", beside[0].id), ("share", p.id), ("as", whole.id)],
            Strength.INFERRED,
            Span(start=min(part.start, beside[0].start), end=p.end + m.end()),
            cue=" ".join(m.group().split()),
            note=f"complement, non-{m.group('noun').lower()}",
        )
