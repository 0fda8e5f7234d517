"""Totals and their parts.

Stated (the text says the parts make up the whole):

* a whole with a total cue and its parts after it, in its sentence or the next one:
  "a total of 24 stations, 19 elevated and five underground"; "a total area of
  3,212 km² (1,240 mi²). 3,132 km² (1,209 mi²) of it is land and 80 km² (31 mi²) of it is
  water" (parts in each unit add up to the whole in that unit);
* a whole, a verb of composition and its parts: "the 37-km line comprises a 15-km
  elevated stretch and a 22-km underground one"; "of which";
* parts, then their total: "21 elevated and four underground stations, 25 in all";
* a counted whole and its parts in apposition: "24 stations, 18 elevated and six
  underground" (counts of other things, "24 trains, 18 buses and six trams", are not parts);
* a partition in percent: "the makeup of the county's land is 61.4% farmland, 22.8% ...":
  shares of one whole that add up to 100%.

When the composition verb's subject has no figure in its sentence ("The new network
comprises two routes, a 15-km northern route and a 22-km southern route"), the whole is
the latest earlier figure of the same kind whose sentence names the same head noun; such a
whole is resolved loosely (`confident` False: a mismatch warns, never fails).

Inferred: in one paragraph, a run of consecutive figures of one kind and unit that adds
up to the figure just before or after it (a table column and its total, "7.2 + 1.2 =
8.4" stated as prose); and a run of the parts that share relations tie to one whole,
in text order, adding up to it. Found by arithmetic only, so it can only pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.intervals import Interval
from hetao_facts.link._view import View, measure, same_measure, tight
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.link.neighbours import (
    across_sentences,
    change_parts,
    ordinal_completions,
    parts_of_before,
)

__all__ = ["change_totals", "parts_before", "totals"]

_ADDITIVE = frozenset({"area", "floor_area", "length", "count", "money", "quantity", "percent"})
_TOTAL_BEFORE = _rx.compile(
    r"\b(?:a\s+total\s+(?:\w+\s+){0,2}of|total(?:ling|ing|led|ed|s)?|in\s+total|combined|"
    r"altogether|overall|aggregate|sum\s+of)\s+(?:\w+\s+){0,3}?(?:of\s+)?"
    r"(?:about\s+|around\s+|approximately\s+|some\s+|nearly\s+|over\s+)?$",
    re.I,
)
_TOTAL_AFTER = _rx.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:in\s+(?:all|total)|altogether|combined)\b", re.I
)
_COMPOSE = _rx.compile(
    r"\b(?:comprises?|comprising|consists?\s+of|consisting\s+of|is\s+made\s+up\s+of|"
    r"are\s+made\s+up\s+of|made\s+up\s+of|is\s+divided\s+into|divided\s+into|"
    r"is\s+split\s+into|split\s+into|is\s+composed\s+of|composed\s+of|breaks\s+down\s+into|"
    r"(?P<partial>of\s+which|including|includes))\b"
    r"|\b(?:has|have|had|is\s+made\s+of|falls\s+into|is\s+in)\s+(?:[\w-]+\s+){0,2}"
    r"(?:parts|sections|zones|areas|basins|districts|segments|components|divisions|sectors)"
    r"\s*:",
    re.I,
)
#: "48 stations: 30 underground and 18 elevated" (a whole, its noun, a colon, its parts)
_COLON = _rx.compile(r"^\s*(?:[\w-]+\s+){0,2}?[\w-]*\s*:(?=\s*\S)")
_OF_IT = _rx.compile(r"^\s*\)?\s*of\s+(?:it|them|this|these|which|that)\b", re.I)
_PARTITION = _rx.compile(
    r"\b(?:makeup|make-up|composition|breakdown|distribution|spread\s+out|split|divided|"
    r"consists?|comprises?|made\s+up\s+of)\b",
    re.I,
)
_HEAD = _rx.compile(r"\b([a-z]{3,})\b")
_STOP = frozenset(
    {"the", "and", "for", "with", "from", "that", "this", "these", "those", "its", "their"}
    | {"which", "have", "has", "are", "was", "first", "second", "third", "new", "old"}
    | {"were", "will", "been", "into", "also"}
)

HUNDRED = Decimal(100)
_MAX_RUN = 15
_LOOK_BACK = 200  # earlier figures a loosely found whole is looked for among


def _unit(c: Claim) -> str:
    kind = "area" if c.kind == "floor_area" else c.kind
    return f"{kind}|{c.unit or ''}|{getattr(c, 'currency', '')}"


def _sum(claims: list[Claim]) -> Interval | None:
    total: Interval | None = None
    for c in claims:
        if c.interval is None:
            return None
        total = c.interval if total is None else total + c.interval
    return total


def _parts_after(view: View, whole: Claim, end: int, conv_second: set[str]) -> list[Claim]:
    """Figures after `whole` up to `end` that measure what it measures, in its unit."""
    return [
        c
        for c in view.between(whole.end, end)
        if c.id not in conv_second
        and same_measure(c, whole)
        and _unit(c) == _unit(whole)
        and measure(c) is not None
        and _counts_alike(c, whole)
    ]


def _counts_alike(part: Claim, whole: Claim) -> bool:
    """A count is part of a counted whole unless it counts another plural noun:
    "48 stations: 30 underground and 18 elevated" (parts), "3 phases: 20 stations in the
    first ..." (not parts)."""
    if part.kind != "count" or whole.kind != "count":
        return True
    p = (getattr(part, "noun", None) or "").lower().split()
    w = (getattr(whole, "noun", None) or "").lower().split()
    if not p or not w:
        return True
    return p[-1] == w[-1] or not p[-1].endswith("s") or p[0] == w[-1]


def _relation(
    view: View,
    whole: Claim | None,
    parts: list[Claim],
    strength: Strength,
    cue: str | None,
    note: str = "",
    confident: bool = True,
) -> Relation:
    members = ([("whole", whole.id)] if whole is not None else []) + [("part", p.id) for p in parts]
    lo = min(c.start for c in ([whole] if whole else []) + parts)
    hi = max(c.end for c in ([whole] if whole else []) + parts)
    return Relation.make(
        RelationKind.TOTAL_PARTS,
        view.doc.id,
        members,
        strength,
        Span(start=lo, end=hi),
        cue=cue,
        note=note,
        confident=confident,
    )


def totals(
    view: View, conv: dict[str, Claim], shares: Sequence[Relation] = ()
) -> Iterator[Relation]:
    # the second figure of a bracketed conversion is never a part of its own
    # conv maps each figure to its partner: the second of a pair starts after its partner
    conv_second = {c.id for c in conv.values() if conv[c.id].start < c.start}
    stated: set[frozenset[str]] = set()
    for rel in _stated(view, conv, conv_second):
        stated.add(frozenset(rel.claims))
        yield rel
    for rel in _partitions(view):
        stated.add(frozenset(rel.claims))
        yield rel
    wholes = {w for s in stated for w in s}
    for rel in across_sentences(view, conv_second, wholes, _unit, _counts_alike):
        stated.add(frozenset(rel.claims))
        yield rel
    for rel in ordinal_completions(view, _counts_alike):
        if not any(frozenset(rel.claims) & s for s in stated):
            stated.add(frozenset(rel.claims))
            yield rel
    for rel in [*_inferred(view, conv_second), *_share_runs(view, shares)]:
        if not any(frozenset(rel.claims) <= s for s in stated):
            yield rel


def change_totals(view: View, changes: Sequence[Relation]) -> Iterator[Relation]:
    """A change's earlier figure and the parts of the change a later sentence names
    ("... the bulk of the increase, A and B"), adding up to the later figure."""
    yield from change_parts(view, list(changes), _unit, _counts_alike)


def parts_before(view: View) -> Iterator[Relation]:
    """'11,500 acres of the property' after a sentence measuring the property (HF104)."""
    yield from parts_of_before(view, _unit)


def _share_runs(view: View, shares: Sequence[Relation]) -> Iterator[Relation]:
    """Parts that the share relations tie to one whole, taken in text order: a run of
    them that adds up to the whole ("service revenue $7.2 million, 86% ... product revenue
    $1.2 million, 14%" of $8.4 million). Inferred: found by arithmetic only."""
    by_id = {c.id: c for c in view.claims}
    by_whole: dict[str, list[Claim]] = {}
    for rel in shares:
        if rel.note:
            continue  # complements and parallels are not parts stated as such
        (part_id,), (whole_id,) = rel.role("part"), rel.role("whole")
        by_whole.setdefault(whole_id, []).append(by_id[part_id])
    for whole_id, found in by_whole.items():
        whole = by_id[whole_id]
        parts = sorted({p.id: p for p in found}.values(), key=lambda c: c.start)
        i = 0
        while i < len(parts) - 1:
            run = _run_after([whole, *parts[i:]], 0)
            if run is None:
                i += 1
                continue
            yield _relation(view, whole, run, Strength.INFERRED, None, note="shares")
            i += len(run)


def _stated(view: View, conv: dict[str, Claim], conv_second: set[str]) -> Iterator[Relation]:
    text = view.text
    done: set[str] = set()
    for w in view.claims:
        if w.kind not in _ADDITIVE or measure(w) is None or w.id in done:
            continue
        sent = w.sentence
        before = text[max(sent.start, w.start - 60) : w.start]
        after = text[w.end : min(sent.end, w.end + 30)]
        colon = _COLON.match(after)
        m = _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after) or colon
        if not m:
            parts = _apposition(view, w)
            if parts:
                done.add(w.id)
                yield _relation(
                    view, w, parts, Strength.STATED, f"{w.text}, ...", note="apposition"
                )
            continue
        parts = _parts_after(view, w, sent.end, conv_second) or _parts_next(
            view, w, conv, conv_second
        )
        if m is colon and w.kind == "count" and measure(w) == len(parts):
            continue  # "four divisions: operations (1,200), ...": the count of the items
        if len(parts) < 2 and m is not colon:
            parts = [
                c
                for c in view.between(sent.start, w.start)
                if c.id not in conv_second and same_measure(c, w) and _unit(c) == _unit(w)
            ]
        if len(parts) < 2:
            continue
        cue = m.group().strip()
        done.add(w.id)
        yield _relation(view, w, parts, Strength.STATED, cue)
        # the same parts and whole in the other units of their bracketed conversions
        w2 = conv.get(w.id)
        p2 = [q for q in (conv.get(p.id) for p in parts) if q is not None]
        if w2 is not None and len(p2) == len(parts):
            done.add(w2.id)
            yield _relation(view, w2, p2, Strength.STATED, cue)
    yield from _composed(view, conv_second)


#: "24 stations, 18 elevated and six underground": a word or two after each part, then a
#: comma or "and"; the last part ends the clause
_APPOS_WORDS = r"(?:\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?"
_APPOS_GAP = _rx.compile(_APPOS_WORDS + r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)")
_APPOS_END = _rx.compile(_APPOS_WORDS + r"\s*(?:[,.;:)]|\s+(?:at|in|on|with|for|by|from)\b|$)")


def _apposition(view: View, whole: Claim) -> list[Claim]:
    """'24 stations, 18 elevated and six underground': counts right after a counted whole,
    each with a word or two of its own, that split it."""
    text = view.text
    if whole.kind != "count" or not getattr(whole, "noun", None):
        return []
    if not re.match(r"\s*,\s*", text[whole.end : whole.end + 3]):
        return []
    after = [c for c in view.between(whole.end, whole.sentence.end)]
    parts: list[Claim] = []
    pos = whole.end
    last_gap = ""
    for i, c in enumerate(after):
        gap = text[pos : c.start]
        sep = re.fullmatch(r"\s*,\s*", gap) if i == 0 else _APPOS_GAP.fullmatch(gap)
        if sep is None or c.kind != "count" or measure(c) is None or not _counts_alike(c, whole):
            break
        noun = (getattr(c, "noun", None) or "").lower()
        if noun and noun == str(getattr(whole, "noun", "")).lower():
            return []  # "10 workers, 20 workers": siblings, not parts
        parts.append(c)
        last_gap = gap
        pos = c.end
        if i > 0 and re.search(r"\band\b", gap):
            break  # "... and six underground": the last part
    if len(parts) < 2 or _APPOS_END.match(text, pos) is None:
        return []
    if not re.search(r"\band\b", last_gap):
        return []  # a list of parts ends with "and"
    if re.match(r"\s+(?:of|per|each)\b", text[pos : pos + 8]):
        return []
    return parts


def _parts_next(
    view: View, whole: Claim, conv: dict[str, Claim], conv_second: set[str]
) -> list[Claim]:
    """Parts in the next sentence of the paragraph, each followed by "of it" / "of them"."""
    nxt = view.sentence(view.sentence_no(whole.start) + 1)
    if nxt is None or nxt.start >= view.paragraph_of(whole.start).end:
        return []
    cand = [c for c in _parts_after(view, whole, nxt.end, conv_second) if c.start >= nxt.start]
    if len(cand) >= 2 and all(
        _OF_IT.match(view.text[_end(c, conv) : _end(c, conv) + 30]) for c in cand
    ):
        return cand
    return []


def _end(c: Claim, conv: dict[str, Claim]) -> int:
    """Where a figure ends, with its bracketed conversion: "3,132 km² (1,209 mi²)"."""
    other = conv.get(c.id)
    return other.end + 1 if other is not None and other.start > c.start else c.end


def _composed(view: View, conv_second: set[str]) -> Iterator[Relation]:
    text = view.text
    seen: set[int] = set()
    used: set[str] = set()  # parts of earlier compositions are no wholes of later ones
    # a composition needs two figures after its verb: only sentences holding two are read
    for s_no in view.sentences_with_claims(2):
        sent = view.sentence(s_no)
        if sent is None:
            continue
        m = _COMPOSE.search(text, sent.start, sent.end)
        if not m or sent.start in seen:
            continue
        seen.add(sent.start)
        after = [c for c in view.between(m.end(), sent.end) if c.id not in conv_second]
        kinds = [c for c in after if c.kind in _ADDITIVE and measure(c) is not None]
        if len(kinds) < 2:
            continue
        groups: dict[str, list[Claim]] = {}
        for c in kinds:
            groups.setdefault(_unit(c), []).append(c)
        parts = max(groups.values(), key=len)  # "two arcs, a 23-km ... and a 15-km ...": km
        first = parts[0]
        if len(parts) < 2:
            continue
        befores = [
            c
            for c in view.between(sent.start, m.start())
            if c.id not in conv_second and same_measure(c, first) and measure(c) is not None
        ]
        confident = True
        whole = befores[-1] if befores else None
        if whole is None:
            biggest = max(measure(c) or Decimal(0) for c in parts)
            whole = _by_head(
                view, text[sent.start : m.start()], first, sent.start, used | conv_second, biggest
            )
            confident = False
        if whole is None:
            continue
        if _unit(whole) != _unit(first) and whole.kind != first.kind:
            continue
        note = "partial" if m.group("partial") else ""
        if note and whole.kind == "percent":
            continue  # "13.1% ..., including 17.4% of those under 18": rates of subgroups
        used.update(p.id for p in parts)
        yield _relation(
            view, whole, parts, Strength.STATED, m.group().strip(), note=note, confident=confident
        )


def _by_head(
    view: View, subject: str, like: Claim, before: int, used: set[str], above: Decimal
) -> Claim | None:
    """The latest earlier figure like `like`, larger than `above` and not a part of an
    earlier composition, whose sentence names a head noun of `subject`."""
    words = {w for w in _HEAD.findall(subject.lower()) if w not in _STOP}
    if not words:
        return None
    for c in reversed(view.between(0, before)[-_LOOK_BACK:]):
        value = measure(c)
        if not same_measure(c, like) or value is None or value <= above or c.id in used:
            continue
        if words & _context_words(view, c):
            return c
    return None


_PRONOUN = _rx.compile(r"^\s*(?:It|Its|This|These|They|Their)\b")


def _context_words(view: View, c: Claim, back: int = 3) -> set[str]:
    """The words of a claim's sentence; when it opens with a pronoun ("It covers 647 km²"),
    also those of the sentences before it, up to the one that names its subject."""
    words: set[str] = set()
    no = view.sentence_no(c.start)
    for _ in range(back + 1):
        sent = view.sentence(no)
        if sent is None:
            break
        text = view.text[sent.start : sent.end]
        words |= set(_HEAD.findall(text.lower()))
        if not _PRONOUN.match(text):
            break
        no -= 1
    return words


def _partitions(view: View) -> Iterator[Relation]:
    """Three or more percents of one sentence after a partition cue add up to 100%."""
    text = view.text
    seen: set[int] = set()
    for p in view.claims:
        if p.kind != "percent" or p.sentence.start in seen:
            continue
        seen.add(p.sentence.start)
        pcts: list[Claim] = [
            c for c in view.in_sentence(p) if c.kind == "percent" and c.interval is not None
        ]
        if len(pcts) < 3:
            continue
        lead = text[p.sentence.start : pcts[0].start]
        m = _PARTITION.search(lead)
        if not m:
            continue
        yield _relation(view, None, pcts, Strength.STATED, m.group(), note="partition")


#: how precise a whole must be for a sum found by arithmetic alone ("120 km²", read as
#: 115-125, is the sum of too many pairs by chance)
_PRECISE = Decimal("0.02")


def _precise(c: Claim) -> bool:
    iv, v = c.interval, measure(c)
    if iv is None or v is None or iv.width is None:
        return False
    return iv.width <= _PRECISE * v


def _inferred(view: View, conv_second: set[str]) -> Iterator[Relation]:
    """Runs adding up to a neighbour. Counts are left out: small counts of different
    things ("two parks", "two banks", "four platforms") add up by chance."""
    by_para: dict[int, list[Claim]] = {}
    for c in view.claims:
        if c.kind == "count":
            continue
        if c.kind in _ADDITIVE and tight(c) is not None and c.id not in conv_second:
            by_para.setdefault(view.paragraph_of(c.start).start, []).append(c)
    for claims in by_para.values():
        by_unit: dict[str, list[Claim]] = {}
        for c in claims:
            by_unit.setdefault(_unit(c), []).append(c)
        for seq in by_unit.values():
            used: set[str] = set()
            for i, w in enumerate(seq):
                if w.id in used or not _precise(w):
                    continue
                hit = _run_after(seq, i) or _run_before(seq, i)
                if hit:
                    used.update(c.id for c in hit)
                    used.add(w.id)
                    yield _relation(view, w, hit, Strength.INFERRED, None)


def _matches(whole: Claim, run: list[Claim]) -> bool:
    total = _sum(run)
    vw = measure(whole)
    return (
        total is not None
        and whole.interval is not None
        and vw is not None
        and all((measure(c) or 0) < vw for c in run)
        and total.overlaps(whole.interval)
    )


def _run_after(seq: list[Claim], i: int) -> list[Claim] | None:
    run: list[Claim] = []
    for c in seq[i + 1 : i + 1 + _MAX_RUN]:
        run.append(c)
        if len(run) >= 2 and _matches(seq[i], run):
            return run
    return None


def _run_before(seq: list[Claim], i: int) -> list[Claim] | None:
    run: list[Claim] = []
    for c in reversed(seq[max(0, i - _MAX_RUN) : i]):
        run.insert(0, c)
        if len(run) >= 2 and _matches(seq[i], run):
            return run
    return None
