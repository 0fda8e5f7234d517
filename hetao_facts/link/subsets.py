"""Comparison by meaning: a share of a narrower group is at most the share of the group it
belongs to, when both are shares of one base in one paragraph.

Census prose gives shares of all households by kind of household: "31% are non-family
households; 26% of all households are one person living alone, and 9% have someone living
alone aged 65 or older". A person aged 65 or older living alone is a one-person household,
and a one-person household is a non-family household, so the shares must not grow along
that chain. The kinds are data (`HOUSEHOLD_KINDS`), each with the phrasings that name it
and the kind it belongs to; the relation joins the share of a kind (``part``) to the share
of the kind it belongs to (``whole``), so HF104 checks it.

The text does not say that one group contains the other (the meaning of the words does),
so the relations are inferred: they can pass or warn, never fail. A kind named by two
figures of the paragraph, or a paragraph that never says "household", gives no relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["HOUSEHOLD_KINDS", "Kind", "capacities", "complements", "single_parts", "subsets"]


@dataclass(frozen=True)
class Kind:
    """A group, the words that name it after its share, and the group it belongs to."""

    name: str
    pattern: re.Pattern[str]
    within: str | None


#: most specific first: a share is of the first kind whose words follow it
HOUSEHOLD_KINDS = (
    Kind(
        "alone, 65 or older",
        re.compile(
            r"\b(?:living|lives|live)\s+alone\b[^%;]{0,40}?\b(?:65|sixty-five)\b"
            r"|\b(?:65|sixty-five)\s+(?:years\s+)?(?:or|and)\s+(?:older|over)\b[^%;]{0,30}?"
            r"\balone\b",
            re.I,
        ),
        "one person",
    ),
    Kind(
        "one person",
        re.compile(
            r"\bmade\s+up\s+of\s+individuals\b|\b(?:one|single)[- ]person\s+households?\b"
            r"|\b(?:living|lives|live)\s+alone\b",
            re.I,
        ),
        "non-family",
    ),
    Kind("non-family", re.compile(r"\bnon-?famil(?:y|ies)\b", re.I), None),
)
_HOUSEHOLD = _rx.compile(r"\bhouseholds?\b", re.I)
#: how far after a share its group is named
_REACH = 90
#: "of non-family households, 80% ...": a share of another base than all households
_OTHER_BASE = _rx.compile(
    r"\bof\s+(?:those|these|them|which|whom|(?:the\s+)?non-?famil"
    r"|(?:the\s+)?(?:one|single)[- ]person)[^%]{0,30}$",
    re.I,
)


def _kind_of(view: View, c: Claim, nxt: int) -> tuple[Kind, str] | None:
    """The kind the words after a share name (up to the next share), and those words."""
    after = view.text[c.end : min(nxt, c.end + _REACH)]
    for kind in HOUSEHOLD_KINDS:
        m = kind.pattern.search(after)
        if m:
            return kind, " ".join(m.group().split())
    return None


def subsets(view: View) -> Iterator[Relation]:
    """Household shares along the chain of kinds (see the module docstring)."""
    seen: set[int] = set()
    for c in view.claims:
        if c.kind != "percent" or c.interval is None:
            continue
        para = view.paragraph_of(c.start)
        if para.start in seen:
            continue
        seen.add(para.start)
        if not _HOUSEHOLD.search(view.text, para.start, para.end):
            continue
        shares = [p for p in view.between(para.start, para.end) if p.kind == "percent"]
        found: dict[str, list[tuple[Claim, str]]] = {}
        for i, p in enumerate(shares):
            nxt = shares[i + 1].start if i + 1 < len(shares) else p.sentence.end
            if _OTHER_BASE.search(view.text[max(p.sentence.start, p.start - 50) : p.start]):
                continue
            got = _kind_of(view, p, min(nxt, p.sentence.end))
            if got is not None:
                found.setdefault(got[0].name, []).append((p, got[1]))
        for kind in HOUSEHOLD_KINDS:
            if kind.within is None:
                continue
            narrow, broad = found.get(kind.name, []), found.get(kind.within, [])
            if len(narrow) != 1 or len(broad) != 1:
                continue  # a kind named twice: which share is which is not clear
            (part, pw), (whole, ww) = narrow[0], broad[0]
            yield Relation.make(
                RelationKind.COMPARISON,
                view.doc.id,
                [("part", part.id), ("whole", whole.id)],
                Strength.INFERRED,
                Span(start=min(part.start, whole.start), end=max(part.end, whole.end)),
                cue=f"{pw} ... {ww}",
                note="subset of",
            )


def _years(view: View, sentence: Span) -> set[str]:
    """The years a sentence states (a share of another year is not the complement)."""
    return {
        str(getattr(c, "value", ""))
        for c in view.between(sentence.start, sentence.end)
        if c.kind == "year"
    }


_FAMILIES = _rx.compile(r"^famil(?:y|ies)\b", re.I)
_HOUSEHOLDS = _rx.compile(r"^households?\b", re.I)
#: how many paragraphs after the count of families its complement may be given
_COMPLEMENT_PARAGRAPHS = 3


def _noun(c: Claim) -> str:
    return str(getattr(c, "noun", None) or "")


def complements(view: View) -> Iterator[Relation]:
    """'5,140 households, and 3,537 families' ... '31.19% are non-families': a family is a
    household, so the non-family share is 100% less families over households (by the
    meaning of the words: inferred, HF706 checks it as a complement share). Only with one
    count of families beside one count of households in its sentence, and one share of
    non-family households in the paragraphs after it."""
    families = [c for c in view.claims if c.kind == "count" and _FAMILIES.match(_noun(c))]
    if len(families) != 1:
        return
    (fam,) = families
    homes = [
        c
        for c in view.in_sentence(fam)
        if c.kind == "count" and _HOUSEHOLDS.match(_noun(c)) and c.interval is not None
    ]
    fv, hv = getattr(fam, "value", None), getattr(homes[0], "value", None) if homes else None
    if len(homes) != 1 or fv is None or hv is None or not hv > fv > 0:
        return
    (home,) = homes
    paras = sorted(
        {p.start: p for p in (view.paragraph_of(c.start) for c in view.claims)}.values(),
        key=lambda p: p.start,
    )
    first = next(i for i, p in enumerate(paras) if p.start <= fam.start < max(p.end, p.start + 1))
    reach = paras[first : first + _COMPLEMENT_PARAGRAPHS]
    shares = [
        c for p in reach for c in view.between(max(p.start, fam.end), p.end) if c.kind == "percent"
    ]
    found: list[tuple[Claim, str]] = []
    for i, p in enumerate(shares):
        if p.interval is None:
            continue
        nxt = shares[i + 1].start if i + 1 < len(shares) else p.sentence.end
        got = _kind_of(view, p, min(nxt, p.sentence.end))
        if got is not None and got[0].name == "non-family":
            found.append((p, got[1]))
    if len(found) != 1:
        return
    share, words = found[0]
    if _years(view, share.sentence) - _years(view, fam.sentence):
        return  # "In 2015 ... 2,100 families" and "By 2020, 28% were non-families"
    yield Relation.make(
        RelationKind.SHARE,
        view.doc.id,
        [("part", fam.id), ("whole", home.id), ("share", share.id)],
        Strength.INFERRED,
        Span(start=home.start, end=share.end),
        cue=words,
        note="complement",
    )


#: "a total capacity of 18,200 seats": a whole named as the sum of its parts
_AGGREGATE = _rx.compile(
    r"\b(?:aggregate|total|overall|combined|entire)\s+(?:[a-z-]+\s+){0,2}?(?:of\s+)?"
    r"(?:about\s+|some\s+|nearly\s+|around\s+)?$",
    re.I,
)
#: "up to 9,500 in a single hall", "3,000 in a single hall": one part's figure
_IN_ONE = _rx.compile(
    r"\s*(?:[a-z-]+\s+){0,2}?(?:in|on|at|for)\s+(?:one|a\s+single|any\s+one|each|a\s+single)"
    r"\s+[a-z-]+",
    re.I,
)


_TIME_WORD = _rx.compile(
    r"\b(?:day|week|month|year|hour|minute|night|morning|evening|session|go|sitting|shift)s?$",
    re.I,
)


def single_parts(view: View) -> Iterator[Relation]:
    """'a total capacity of 18,200 seats, ... up to 9,500 in a single hall': the figure
    for one part is at most the aggregate before it in the sentence (by the meaning of
    "aggregate" and "in one": inferred, HF104 checks it)."""
    text = view.text
    for part in view.claims:
        if part.kind not in ("count", "area", "floor_area", "length", "money", "quantity"):
            continue
        m = _IN_ONE.match(text, part.end, part.sentence.end)
        if m is None or part.interval is None or _TIME_WORD.search(m.group()):
            continue  # "3,000 in one day" is a rate, not a part
        wholes = [
            c
            for c in view.between(part.sentence.start, part.start)
            if c.interval is not None
            and c.kind == part.kind
            and (part.kind != "count" or not _noun(part) or _noun(part) == _noun(c))
            and _AGGREGATE.search(text, max(c.sentence.start, c.start - 40), c.start)
        ]
        if len(wholes) != 1:
            continue
        (whole,) = wholes
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("part", part.id), ("whole", whole.id)],
            Strength.INFERRED,
            Span(start=whole.start, end=m.end()),
            cue=" ".join(m.group().split()),
            note="one part of the aggregate",
        )


#: "four berths — with room for up to nine": the room is at least what there is now
_ROOM_FOR = _rx.compile(
    r"[\s,;—–(-]*(?:with\s+|and\s+)?(?:room|space|capacity|provision|scope)\s+for\s+"
    r"(?:up\s+to\s+|as\s+many\s+as\s+|a\s+total\s+of\s+)?",
    re.I,
)


_MORE = _rx.compile(r"\s*(?:more|additional|extra|further|new|others?)\b", re.I)


def capacities(view: View) -> Iterator[Relation]:
    """'four berths — with room for up to nine': the count there is now is at most the room
    stated right after it for the same things (a bare number, or the same noun); by the
    meaning of "room for", so inferred (HF104 checks it: pass or warn)."""
    text = view.text
    for now, room in zip(view.claims, view.claims[1:], strict=False):
        if now.kind != "count" or room.kind != "count" or now.sentence != room.sentence:
            continue
        if now.interval is None or room.interval is None:
            continue
        m = _ROOM_FOR.match(text, now.end, room.start)
        if m is None or m.end() != room.start:
            continue
        noun, other = _noun(now), _noun(room)
        if other and other != noun:
            continue  # "room for 40 cars": other things than the four berths
        if _MORE.match(text, room.end) or _MORE.match(other):
            continue  # "room for up to 150 more": added to what there is, not the total
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("part", now.id), ("whole", room.id)],
            Strength.INFERRED,
            Span(start=now.start, end=room.end),
            cue=" ".join(m.group().strip(" ,;—–(-").split()),
            note="now within the room for",
        )
