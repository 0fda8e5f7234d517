"""A whole split into parts the text says are all of it (HF705 checks they add up).

"Three of the eight buildings are open, the remaining five under construction"; "Of the 40
buildings, 25 are offices, 10 are shops and the remaining 5 are homes"; "The plant employs
2,000 people, of whom 1,100 work in assembly; the rest, 900, in logistics"; the remainder may
open the next sentence ("The other 12 are ..."). The word for the remainder ("remaining",
"the rest", "the other") says the parts are all of the whole, so the relation is
``stated`` (kind ``total_parts``, note ``remainder``, cue the remainder's words). Without
such a word the parts need not be all of the whole and nothing is linked. Every figure of
the whole's kind in the sentence must be a part standing at the start of a clause and
counting the same thing, else nothing is linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._sentences import (
    HEDGE,
    Sentence,
    compatible,
    next_sentence,
    same_noun,
    sentences,
    tok,
)
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["remainders"]

_POSS = r"(?:(?:the|its|their|our|these|those|all)\s+)?(?:[\w.&-]+(?:\s+[\w.&-]+){0,3}?['’]s?\s+)?"
#: The whole being split: "three of the eight buildings", "Of the 40 buildings,", "out of 12".
WHOLE = _rx.compile(rf"\b(?:out\s+of|of)\s+{_POSS}{tok('t')}", re.I)
#: ... or the whole comes first: "The plant employs 2,000 people, of whom 1,100 ..."
WHOLE_FIRST = _rx.compile(rf"{tok('t')}[^⟦;.]{{0,30}}?,\s+(?:of\s+whom|of\s+which)\s", re.I)
#: The part that completes a split: "the remaining five", "the rest, 12,", "the other five".
#: ("three others", "two remain", "the last two" need not be all the rest: not linked.)
REMAINDER = _rx.compile(
    rf"\b(?:(?:the\s+)?remaining\s+{HEDGE}{tok('r')}|the\s+other\s+{HEDGE}{tok('r1')}|"
    rf"the\s+rest\s*(?:,|—|\(|:)?\s*(?:of\s+them\s+)?(?:,\s*)?{HEDGE}{tok('r2')})",
    re.I,
)
NEXT_REMAINDER = _rx.compile(
    rf"^\s*(?:The\s+)?(?:remaining|other|rest(?:\s+of\s+them)?)\s*,?\s*{HEDGE}{tok('r')}", re.I
)
#: Where a part may stand: at the start of a clause, not as an object ("25 have 3 floors").
PART_BEFORE = _rx.compile(
    rf"(?:^|[,;:—(]|\band\b|\bwhile\b|\bwhereas\b|\bwith\b|\bbut\b|\bof\s+whom\b|\bof\s+which\b)\s*(?:the\s+(?:remaining|other|last)\s+|another\s+|"
    rf"a\s+further\s+|the\s+rest\s*,?\s*)?{HEDGE}$",
    re.I,
)
_SUM_KINDS = {"count", "area", "floor_area", "length", "money"}
_CUE_WORDS = _rx.compile(r"remaining|other|rest", re.I)


def remainders(view: View) -> Iterator[Relation]:
    for s in sentences(view):
        rel = _split(view, s)
        if rel is not None:
            yield rel


def _split(view: View, s: Sentence) -> Relation | None:
    if view.folded.find("of", s.span.start, s.span.end) < 0:
        return None  # both whole patterns read an "of" (outside the figures)
    wholes = list(WHOLE.finditer(s.tokens))
    if not wholes:
        wholes = list(WHOLE_FIRST.finditer(s.tokens))
    if len(wholes) != 1:
        return None
    t = s.claim(wholes[0], "t")
    assert t is not None
    if t.kind not in _SUM_KINDS or s.after(t, 2)[:1] in ("'", "’"):
        return None
    rest = list(REMAINDER.finditer(s.tokens))
    extra: list[Claim] = []
    remainder: Claim | None = None
    cue: str | None = None
    if len(rest) == 1:
        remainder = s.claim(rest[0], "r") or s.claim(rest[0], "r1") or s.claim(rest[0], "r2")
        found = _CUE_WORDS.search(rest[0].group())
        cue = found.group() if found else None
    elif not rest:
        nxt = next_sentence(view, s)
        m = NEXT_REMAINDER.match(nxt.tokens) if nxt is not None else None
        if nxt is not None and m:
            remainder = nxt.claim(m, "r")
            found = _CUE_WORDS.search(m.group())
            cue = found.group() if found else None
            if remainder is not None:
                extra = [remainder]
    if remainder is None or not compatible(remainder, t) or not same_noun(remainder, t):
        return None
    parts: list[Claim] = []
    for i, c in enumerate(s.claims):
        if c.id == t.id or not compatible(c, t):
            continue
        pos = s.tokens.index(f"⟦{i}⟧")
        at_start = (
            bool(PART_BEFORE.search(s.tokens[max(0, pos - 40) : pos])) or c.id == remainder.id
        )
        if not same_noun(c, t):
            if at_start:
                return None  # "25 offices, 10 shops": parts named differently, not linked
            continue
        if not at_start:
            return None  # a figure of the same kind we cannot place: not linked
        parts.append(c)
    parts += extra
    if len(parts) < 2 or remainder not in parts:
        return None
    claims = [t, *parts]
    return Relation.make(
        RelationKind.TOTAL_PARTS,
        view.doc.id,
        [("whole", t.id), *(("part", c.id) for c in parts)],
        Strength.STATED,
        Span(start=min(c.start for c in claims), end=max(c.end for c in claims)),
        cue=cue,
        note="remainder",
    )
