"""An area and the length and width that bound it (HF704 checks area <= length x width).

A length and a width the text states for one thing ("2.5 miles long and 0.5 miles wide",
"a 300 m by 200 m plot", "a length of 10 km and a width of up to 3 km") and an area for
the same thing: in the same sentence when the wording joins them ("..., covering 1.1
square miles", "The 1.1-square-mile park is 2.5 miles long ..."), or the one area the
document states for their subject (every figure it states for it agreeing), or the area
the next sentence gives when it opens with the thing ("It covers approximately 260 km²";
tied by a pronoun only, so not confident: a disagreement warns). "at its widest point,
9 km" is a width of what the sentence is about. Dimensions
stated in different sentences are joined by their subject. Kind ``comparison`` (the area
is at most the rectangle), members ``length``, ``width``, ``area``, note ``bounding
rectangle`` (with ``; plain wide`` when a plain "wide" is read as the greatest width).

Not linked: widths said to be an average, typical or minimum, and areas that may be floor
space (several storeys can exceed a footprint).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._sentences import (
    HEDGE,
    Sentence,
    next_sentence,
    sentences,
    tok,
    whole_by_subject,
)
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["bounds"]

# ---- phrasings, as data ------------------------------------------------------------------
LONG_AFTER = _rx.compile(r"^\s*(?:long|in\s+length)\b", re.I)
LONG_BEFORE = _rx.compile(rf"\b(?:length|long)\s+(?:of|is|was|:)\s+{HEDGE}$", re.I)
WIDE_AFTER = _rx.compile(
    r"^\s*(?:wide|in\s+width|across(?!\s+(?:the|a|an|its)\b))(?!\s+on\s+average)\b", re.I
)
WIDE_BEFORE = _rx.compile(rf"\b(?:width|breadth)\s+(?:of|is|was|:)\s+{HEDGE}$", re.I)
#: "at its broadest point, nearly 7 km": the greatest width, of what the sentence is about
WIDEST_ITS = _rx.compile(rf"\bat\s+its\s+(?:widest|broadest)(?:\s+point)?\s*,?\s*{HEDGE}$", re.I)
#: Widths that are not the greatest: an area may exceed length x such a width.
NOT_GREATEST = _rx.compile(
    r"\b(?:average|averaging|mean|typical|typically|narrowest|minimum|min\.|at\s+least|on\s+average|usually|mostly)\b",
    re.I,
)
#: "a 300 m by 200 m plot", "300 m x 200 m"
BY = _rx.compile(rf"{tok('l')}\s*(?:by|x|×)\s*{tok('w')}", re.I)
#: Between a length and a width of the same thing ("2.5 miles long and 0.5 miles wide").
DIMS_LINK = _rx.compile(
    rf"^\s*(?:long|wide|in\s+length|in\s+width)?\s*(?:,\s*|\s+)(?:and\s+|by\s+)?(?:(?:is|was|it\s+is|being)\s+)?"
    rf"(?:at\s+its\s+(?:widest|broadest)(?:\s+point)?\s*,?\s*)?"
    rf"(?:(?:an?|the|its)\s+(?:maximum\s+|greatest\s+)?(?:width|breadth|length)\s+(?:of\s+)?)?{HEDGE}$",
    re.I,
)
#: Between the dimensions and the area of the same thing ("..., covering 1.1 square miles").
AREA_LINK = _rx.compile(
    rf"^\s*(?:wide|long|in\s+width|in\s+length)?(?:\s+at\s+its\s+widest(?:\s+point)?)?\s*(?:[a-z-]+\s+)?(?:,\s*)?(?:and\s+)?"
    rf"(?:(?:it\s+)?(?:covers?|covering|covered|occupies|occupying|spans?|spanning|has|having|with|encloses|enclosing)\s+)?"
    rf"(?:an?\s+|the\s+)?(?:(?:total|land|surface|site)\s+)?(?:area\s+(?:of\s+)?)?{HEDGE}$",
    re.I,
)
#: Between an area and the dimensions that follow it ("The 1.1-square-mile park is 2.5 miles long").
AREA_BEFORE_LINK = _rx.compile(
    r"^\s*(?:[A-Za-z-]+\s+){0,3}(?:is|was|are|measures|measuring|,)\s*(?:about\s+|some\s+|roughly\s+)?$",
    re.I,
)
#: The next sentence, about the same thing, gives its area: "It covers approximately 647 km²"
NEXT_AREA = _rx.compile(
    rf"^\s*(?:It\s+(?:covers|covered|occupies|spans|encloses|"
    rf"has\s+(?:an?\s+|the\s+)?(?:total\s+|surface\s+)?area\s+of)|"
    rf"Its\s+(?:total\s+|surface\s+)?area\s+is)\s+{HEDGE}{tok('a')}",
    re.I,
)
#: An area that may be built floor space, which can exceed a footprint.
FLOOR_CUES = _rx.compile(
    r"\b(?:floor|floors|storey|storeys|story|stories|GFA|gross|built|building|buildings|tower|towers|space|"
    r"office|offices|residential|apartments?|flats?|levels?|decks?)\b",
    re.I,
)


@dataclass(frozen=True)
class _Dims:
    length: Claim
    width: Claim
    sentence: Sentence | None


def bounds(view: View) -> Iterator[Relation]:
    done: set[tuple[str, str, str]] = set()
    by_subject: dict[str, dict[str, list[Claim]]] = {}
    for s in sentences(view):
        dims = _dims_in(s)
        areas: list[Claim] = [c for c in s.claims if c.kind == "area"]
        floorish: bool | None = None  # read only for a sentence that has one area
        for d in dims:
            cands: list[Claim] = []
            key = d.length.subject or d.width.subject
            if (
                d.length.subject
                and d.width.subject
                and d.length.subject != d.width.subject
                and not _its(s, d.width)
            ):
                continue
            by_key = False
            nxt = next_sentence(view, s) if not areas else None
            m = NEXT_AREA.match(nxt.tokens) if nxt is not None else None
            if len(areas) == 1 and floorish is None:
                floorish = bool(FLOOR_CUES.search(s.raw))
            if len(areas) == 1 and not floorish and _area_linked(s, d, areas[0]):
                cands = areas
            elif nxt is not None and m and not FLOOR_CUES.search(nxt.raw):
                a = nxt.claim(m, "a")
                if a is not None and a.kind == "area":
                    k = (d.length.id, d.width.id, a.id)
                    if k not in done:
                        done.add(k)
                        yield _relation(view, d, a, False, next_sentence=True)
                continue
            elif not areas and key:
                cands = [
                    a for a in whole_by_subject(view, key, "area") if not _floor_sentence(view, a)
                ]
                by_key = True
            for a in cands[:1]:
                k = (d.length.id, d.width.id, a.id)
                if k not in done:
                    done.add(k)
                    yield _relation(view, d, a, by_key)
        # dimensions stated in different sentences: grouped by subject
        for c in s.claims:
            if c.kind != "length" or not c.subject:
                continue
            role = _role(s, c)
            if role:
                by_subject.setdefault(c.subject, {}).setdefault(role, []).append(c)
    for subject, roles in sorted(by_subject.items()):
        ls, ws = roles.get("long", []), roles.get("wide", [])
        if len(ls) != 1 or len(ws) != 1 or ls[0].sentence == ws[0].sentence:
            continue  # dimensions stated together are linked with their sentence
        found = [a for a in whole_by_subject(view, subject, "area") if not _floor_sentence(view, a)]
        if not found:
            continue
        k = (ls[0].id, ws[0].id, found[0].id)
        if k in done:
            continue
        done.add(k)
        yield _relation(view, _Dims(ls[0], ws[0], None), found[0], True)


def _relation(
    view: View, d: _Dims, area: Claim, by_subject: bool, *, next_sentence: bool = False
) -> Relation:
    note = "bounding rectangle"
    if d.sentence is not None and _plain_wide(d):
        note += "; plain wide"
    if by_subject:
        note += "; area by subject"
    if next_sentence:
        note += "; area in the next sentence"
    claims = (d.length, d.width, area)
    return Relation.make(
        RelationKind.COMPARISON,
        view.doc.id,
        [("length", d.length.id), ("width", d.width.id), ("area", area.id)],
        Strength.STATED,
        Span(start=min(c.start for c in claims), end=max(c.end for c in claims)),
        cue=None if d.sentence is None else _dims_cue(d),
        note=note,
        # "It covers ...": the area is tied to the dimensions by a pronoun only
        confident=not next_sentence,
    )


def _dims_cue(d: _Dims) -> str:
    s = d.sentence
    assert s is not None
    first, second = sorted((d.length, d.width), key=lambda c: c.start)
    return " ".join(s.raw[first.start - s.span.start : second.end - s.span.start].split())


def _dims_in(s: Sentence) -> list[_Dims]:
    lengths = [c for c in s.claims if c.kind == "length"]
    longs = [c for c in lengths if _role(s, c) == "long"]
    wides = [c for c in lengths if _role(s, c) == "wide"]
    out: list[_Dims] = []
    if len(longs) == 1 and len(wides) == 1:
        first, second = sorted((longs[0], wides[0]), key=lambda c: c.start)
        if DIMS_LINK.match(s.raw[first.end - s.span.start : second.start - s.span.start]):
            out.append(_Dims(longs[0], wides[0], s))
    for m in BY.finditer(s.tokens):
        a, b = s.claim(m, "l"), s.claim(m, "w")
        if a is not None and b is not None and a.kind == b.kind == "length":
            out.append(_Dims(a, b, s))
    return out


def _area_linked(s: Sentence, d: _Dims, area: Claim) -> bool:
    """In one sentence, the area is about what the dimensions measure when the wording joins
    them directly ("..., covering 1.1 square miles"; "The 1.1-square-mile park is ...")."""
    subject = d.length.subject or d.width.subject
    if area.subject and subject and area.subject != subject:
        return False
    start, end = min(d.length.start, d.width.start), max(d.length.end, d.width.end)
    if area.start >= end:
        return bool(AREA_LINK.match(s.raw[end - s.span.start : area.start - s.span.start]))
    if area.end <= start:
        return bool(AREA_BEFORE_LINK.match(s.raw[area.end - s.span.start : start - s.span.start]))
    return False


def _role(s: Sentence, c: Claim) -> str | None:
    """'long' or 'wide' when the wording around a length says so, else None."""
    after, before = s.after(c, 30), s.before(c, 40)
    if LONG_AFTER.match(after) or LONG_BEFORE.search(before):
        return "long"
    if WIDE_AFTER.match(after) or WIDE_BEFORE.search(before) or WIDEST_ITS.search(before):
        if NOT_GREATEST.search(before[-25:]) or NOT_GREATEST.search(after[:30]):
            return None
        return "wide"
    return None


def _its(s: Sentence, c: Claim) -> bool:
    """ "at its widest point, 9 km": the width of what the sentence is about, whatever
    subject the extractor gave the figure."""
    return bool(WIDEST_ITS.search(s.before(c, 40)))


def _plain_wide(d: _Dims) -> bool:
    s = d.sentence
    assert s is not None
    return (
        bool(WIDE_AFTER.match(s.after(d.width, 30)))
        and "widest" not in s.after(d.width, 40).lower()
        and d.width.qualifier.value == "exact"
    )


def _floor_sentence(view: View, c: Claim) -> bool:
    return bool(FLOOR_CUES.search(view.text[c.sentence.start : c.sentence.end]))
