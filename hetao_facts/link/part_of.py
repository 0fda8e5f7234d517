"""Part-of links between entities, as relations of the linking stage (HF101, HF102, HF501).

* a verb of composition after a whole, and the parts after it: "the zone comprises a
  3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong", "It consists of the north
  campus and the south campus", "3.89 km² across two industrial parks in Shenzhen and Hong
  Kong"; the whole is the last entity named before the verb (a definite "the zone" or a
  leading "It" resolved to the entity it stands for), the parts the subjects of the
  figures after the verb, a list of places before a head noun ("two parks in A and B"),
  else the entities named after it. A verb that says the parts make the whole up
  ("comprises", "consists of", "across") gives a complete partition (note
  ``partition``); "includes" gives some parts (note ``some parts``).
* a figure whose subject is "<phase> of <whole>" ("the first phase of the park"): that
  phase is part of the whole (note ``phase``; the figure is the member).

A relation names the entities in `subjects` (the whole first, then the parts): their
figures may stand in any document, and the rules pool them by subject. The cue is the
verb as written (or the subject's words), so a check can say how the link was stated.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from hetao_facts import _rx
from hetao_facts.claims import Span
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.subjects import EntityIndex, Mention

__all__ = ["PARTITION", "PHASE", "SOME_PARTS", "part_of_relations"]

PARTITION, SOME_PARTS, PHASE = "partition", "some parts", "phase"

_WHOLE_VERBS = _rx.compile(
    r"\b(?P<verb>comprises|comprising|is composed of|composed of|consists of|consisting of|"
    r"is made up of|made up of|is divided into|divided into|is split into|includes|including|"
    r"encompasses|covers\s+(?:an\s+area\s+of\s+)?[^.]{0,60}?\bacross|covering\s+(?:an\s+area\s+of\s+)?[^.]{0,60}?\bacross)\b"
)
_COMPLETE = ("compris", "compos", "consist", "made up", "divided", "split", "across")
#: every match of `_WHOLE_VERBS` holds one of these, as cased
_WHOLE_KEYS = (
    "compris", "compos", "consist", "made up", "divided", "split", "includ", "encompass", "cover"
)  # fmt: skip
_PLACES_LIST = _rx.compile(
    r"\b(?:(?P<n>two|three|four|five|six|\d+)\s+)?(?:[a-z-]+\s+)?(?P<head>parks|portions|sections|parts|zones|areas|sites|districts|campuses)\s+in\s+"
    r"(?P<a>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
    r"(?:,\s*(?P<b>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*))?"
    r",?\s+and\s+(?P<c>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
)
_PHASE_OF = _rx.compile(
    r"^(?:first|second|third|initial|final|next|main)?\s*"
    r"(?:phase|stage|part|portion|section|half|segment|plot|block) of (.+)$"
)
_PART_KINDS = frozenset({"area", "floor_area", "length"})


class _Names:
    """The document's resolved mentions, looked up by offset."""

    def __init__(
        self, view: View, mentions: Sequence[Mention], index: EntityIndex, main: str | None
    ) -> None:
        self.view = view
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.index = index
        self.main = main

    def between(self, start: int, end: int) -> list[Mention]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return self.mentions[lo:hi]

    def whole_before(self, sent: Span, verb_start: int) -> str | None:
        ments = [m for m in self.between(sent.start, verb_start) if m.end <= verb_start]
        for m in reversed([m for m in ments if not m.locative]):
            key = m.key or self.definite(m.head, m.start)
            if key:
                return key
        lead = self.view.text[sent.start : verb_start]
        if re.match(r"^\s*(?:It|This|They)\b", lead):
            return self.pronoun(sent)
        return None

    def definite(self, head: str, pos: int) -> str | None:
        for m in reversed(self.between(max(0, pos - 5000), pos)):
            if m.end <= pos and m.key and (m.key.endswith(head) or m.head == head):
                return m.key
        if self.main and self.main.endswith(head):
            return self.main
        return self.index.best_named(head)

    def pronoun(self, sent: Span) -> str | None:
        """'It' at a sentence start: the first named subject of the sentence before."""
        no = self.view.sentence_no(sent.start)
        prev = self.view.sentence(no - 1) if no else None
        if prev is not None:
            for m in self.between(prev.start, prev.end):
                if not m.locative:
                    key = m.key or self.definite(m.head, m.start)
                    if key:
                        return key
        return None  # no antecedent: better no link than a wrong one


def part_of_relations(
    view: View, mentions: Sequence[Mention], index: EntityIndex, main: str | None = None
) -> Iterator[Relation]:
    """The part-of links the document states (see the module docstring)."""
    names = _Names(view, mentions, index, main)
    text = view.text
    sents = view.doc.sentences
    for no in sorted(view.holding(_WHOLE_KEYS)):
        s = sents[no]
        m = _WHOLE_VERBS.search(text, s.start, s.end)
        if not m:
            continue
        vstart = m.start()
        span = Span(start=s.start, end=s.end)
        whole = names.whole_before(span, vstart)
        if not whole:
            continue
        verb = m.group("verb")
        complete = any(k in verb for k in _COMPLETE)
        includes = verb in {"includes", "including"}
        parts: list[str] = []
        figures: list[str] = []
        pl = _PLACES_LIST.search(text, m.start(), s.end)
        if pl:
            head = pl.group("head").rstrip("s")
            head = "park" if head in {"portion", "section", "part"} else head
            for g in ("a", "b", "c"):
                if pl.group(g):
                    parts.append(index.canonical(f"{pl.group(g)} {head}"))
        else:
            for c in view.between(vstart, s.end):
                if c.end <= s.end and c.kind in _PART_KINDS and c.subject and c.subject != whole:
                    parts.append(c.subject)
                    figures.append(c.id)
            if not parts and not includes:
                parts = [
                    mm.key
                    for mm in names.between(vstart + 1, s.end)
                    if mm.end <= s.end and mm.key and not mm.locative and mm.key != whole
                ]
        parts = list(dict.fromkeys(p for p in parts if p and p != whole))
        if not parts:
            continue
        if len(parts) < 2:
            complete = False
        cue = f"{verb.split()[0]} ... across" if verb.endswith("across") else verb
        yield Relation.make(
            RelationKind.PART_OF,
            view.doc.id,
            [("part", cid) for cid in dict.fromkeys(figures)],
            Strength.STATED,
            span,
            cue=cue,
            note=PARTITION if complete else SOME_PARTS,
            subjects=(whole, *parts),
        )
    # "the first phase of the park": subjects built as "<phase> of <whole>"
    for c in view.claims:
        if c.subject and " of " in c.subject:
            mm = _PHASE_OF.match(c.subject)
            if mm:
                yield Relation.make(
                    RelationKind.PART_OF,
                    view.doc.id,
                    [("part", c.id)],
                    Strength.STATED,
                    Span(start=c.start, end=c.end),
                    cue=c.subject_text or c.subject,
                    note=PHASE,
                    subjects=(mm.group(1), c.subject),
                )
