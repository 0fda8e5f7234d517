"""Comparisons the text states between subjects, and fractions of a figure (HF501's evidence).

* a superlative among named peers: "Alder Park is the smallest park among the three",
  with the three named in a list earlier in the document ("the parks of Alder, Birch and
  Cedar"): the subject (the last entity named before "is the smallest") is at most every
  peer. The relation names the subject (`subjects`) and the peers as written (`items`);
  its members are the figures this document states for them. The subject's and the
  peers' figures may stand in other documents: the rule pools them by subject.
* a comparative: "Northfield Park is larger than Southfield Park" (subjects: both), or,
  without "than", "the eastern section is smaller" (subjects: the section; the rule takes
  the other parts of the whole it belongs to from the part-of links);
* a fraction of a figure: "some 300 hectares, about half of the 627-hectare site": the
  figure before the fraction is the fraction times the figure after it (members
  ``figure``, ``fraction``, ``base``). A multiplier with "times", "twice"... before "than",
  "as large as" or "the size of" is a multiple, linked by `comparisons.multiples` and
  checked by HF710, not here.

All are stated (the text says the comparison). A superlative whose list of peers stands
in an earlier paragraph is loose (`confident` false: it can warn, never fail).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View, same_measure
from hetao_facts.link.comparisons import _MULTIPLIER, _TIMES_THAN
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.numbers import parse_number
from hetao_facts.relations import split_list
from hetao_facts.subjects import Mention

__all__ = [
    "FRACTION",
    "LEAST",
    "LESS",
    "MAJORITY",
    "MORE",
    "MOST",
    "RATIO_OF",
    "SIBLINGS",
    "fractions",
    "majorities",
    "starts_word",
    "subject_orders",
]

#: the notes of these relations (HF501 reads the relations with them)
LESS, MORE, FRACTION = "less than", "more than", "fraction"
LEAST, MOST = "least among", "most among"
SIBLINGS = " the other parts"

SMALL = frozenset(
    {"smallest", "smaller", "least", "fewest", "fewer", "less", "shortest", "shorter",
     "lowest", "lower", "narrowest", "narrower"}
)  # fmt: skip
_SUPERLATIVE = _rx.compile(
    r"\b(?:is|was|are|remains|becomes|being|as)\s+the\s+(?P<adj>smallest|largest|biggest|greatest|"
    r"shortest|longest|highest|lowest)\b[^.;]{0,60}?\b(?:among|of|in)\s+(?:the\s+|all\s+|these\s+)?"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+)\b"
)
_COMPARATIVE = _rx.compile(
    r"\b(?:is|was|are|were|remains)\s+(?:much\s+|far\s+|slightly\s+|considerably\s+)?"
    r"(?P<adj>smaller|larger|bigger|greater|shorter|longer|higher|lower)\b"
    r"(?:\s+than\s+(?P<than>[^.,;]+))?"
)
#: every match of `_SUPERLATIVE` (of `_COMPARATIVE`) holds one of these words, as cased
_SUPERLATIVE_KEYS = (
    "smallest", "largest", "biggest", "greatest", "shortest", "longest", "highest", "lowest"
)  # fmt: skip
_COMPARATIVE_KEYS = (
    "smaller", "larger", "bigger", "greater", "shorter", "longer", "higher", "lower"
)  # fmt: skip
_NAME_LIST = _rx.compile(
    r"(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)"
)
#: how far back the list of peers may stand
_LIST_BACK = 6000
#: "about half of the ...", "the size of": a fraction of the figure after it (HF701 leaves it
#: to HF501)
RATIO_OF = _rx.compile(
    r"^\s*(?:of|the size of|as large as|as big as|that of)\s+(?:the\s+|its\s+|a\s+)?", re.I
)
_MEASURES = frozenset({"area", "length", "floor_area", "count", "money", "quantity"})
_RANKED_KINDS = frozenset({"area", "length"})


def _between(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start < end]


def _figures(view: View, subjects: set[str], kinds: frozenset[str]) -> list[Claim]:
    """This document's current figures about these subjects (what the relation cites)."""
    return [
        c
        for c in view.claims
        if c.subject in subjects
        and c.kind in kinds
        and c.interval is not None
        and (c.role is None or c.role.value == "current")
    ]


def _peer_names(text: str, before: int, n: int) -> tuple[list[str], int] | None:
    """The last list of exactly `n` capitalized names before `before` (a few pages back),
    and where it starts."""
    best = None
    for m in _NAME_LIST.finditer(text, max(0, before - _LIST_BACK), before):
        items = split_list(m.group("list"))
        if len(items) == n:
            best = (items, m.start())
    return best


def starts_word(subject: str, prefix: str) -> bool:
    """`subject` starts with the word(s) `prefix` ("hengqin" starts "hengqin zone")."""
    if not subject.startswith(prefix):
        return False
    rest = subject[len(prefix) :]
    return not rest or not (rest[0].isalnum() or rest[0] == "_") or not prefix[-1:].isalnum()


def subject_orders(view: View, mentions: Sequence[Mention]) -> Iterator[Relation]:
    """Superlatives among named peers and comparatives between subjects (see the module)."""
    text = view.text
    ments = sorted(mentions, key=lambda m: m.start)
    sups = view.holding(_SUPERLATIVE_KEYS)
    comps = view.holding(_COMPARATIVE_KEYS)
    sents = view.doc.sentences
    for no in sorted(sups | comps):
        s = sents[no]
        sent = text[s.start : s.end]
        sup = _SUPERLATIVE.search(sent) if no in sups else None
        if sup:
            yield from _superlative(view, ments, s, sup)
        comp = _COMPARATIVE.search(sent) if no in comps else None
        if comp:
            yield from _comparative(view, ments, s, comp)


def _superlative(
    view: View, ments: Sequence[Mention], s: Span, m: re.Match[str]
) -> Iterator[Relation]:
    parsed = parse_number(m.group("n"))
    if parsed is None:
        return
    before = [
        mm for mm in _between(ments, s.start, s.start + m.start()) if mm.key and not mm.locative
    ]
    if not before:
        return
    subj = before[-1].key
    found = _peer_names(view.text, s.start, int(parsed))
    if not found:
        return
    names, listed_at = found
    # the list in the same paragraph is surely the peers; one further back may be another
    # list of as many names: such a relation can warn, never fail
    confident = view.paragraph_of(listed_at) == view.paragraph_of(s.start)
    lows = [n.lower() for n in names]
    peers = {
        c.subject
        for c in view.claims
        if c.subject and c.subject != subj and any(starts_word(c.subject, low) for low in lows)
    }
    adj = m.group("adj")
    start = s.start + m.start("adj")
    members = [("figure", c.id) for c in _figures(view, {subj}, _RANKED_KINDS)]
    members += [("peer", c.id) for c in _figures(view, peers, _RANKED_KINDS)]
    yield Relation.make(
        RelationKind.COMPARISON,
        view.doc.id,
        members,
        Strength.STATED,
        Span(start=start, end=start + len(adj)),
        cue=adj,
        note=LEAST if adj in SMALL else MOST,
        subjects=(subj,),
        items=tuple(names),
        confident=confident,
    )


def _comparative(
    view: View, ments: Sequence[Mention], s: Span, m: re.Match[str]
) -> Iterator[Relation]:
    before = [
        mm for mm in _between(ments, s.start, s.start + m.start()) if mm.key and not mm.locative
    ]
    if not before:
        return
    x = before[-1].key
    subjects: tuple[str, ...] = (x,)
    if m.group("than"):
        than = [mm for mm in _between(ments, s.start + m.start("than"), s.end) if mm.key]
        if not than:
            return
        subjects = (x, than[0].key)
    adj = m.group("adj")
    note = LESS if adj in SMALL else MORE
    if len(subjects) == 1:
        note += SIBLINGS  # "the Hong Kong section is smaller": than the whole's other parts
    start = s.start + m.start("adj")
    members = [("figure", c.id) for c in _figures(view, {x}, _MEASURES)]
    members += [("than", c.id) for c in _figures(view, set(subjects[1:]), _MEASURES)]
    yield Relation.make(
        RelationKind.COMPARISON,
        view.doc.id,
        members,
        Strength.STATED,
        Span(start=start, end=start + len(adj)),
        cue=adj,
        note=note,
        subjects=subjects,
    )


def fractions(view: View) -> Iterator[Relation]:
    """'some 300 hectares, about half of the 627-hectare site': figure = fraction x base."""
    text = view.text
    for r in view.claims:
        if r.kind != "ratio" or r.interval is None:
            continue
        m = RATIO_OF.match(text[r.end : r.sentence.end])
        if not m:
            continue
        if _MULTIPLIER.search(r.text) and _TIMES_THAN.match(text, r.end):
            continue  # "three times the size of": a multiple (comparisons.multiples, HF710)
        same = [c for c in view.in_sentence(r) if c.kind in _MEASURES and c.interval is not None]
        base = next((c for c in same if c.start >= r.end and c.start - r.end <= m.end() + 30), None)
        if base is None:
            continue
        figure = next((c for c in reversed(same) if c.end <= r.start and c.kind == base.kind), None)
        if figure is None:
            continue
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("figure", figure.id), ("fraction", r.id), ("base", base.id)],
            Strength.STATED,
            Span(start=figure.start, end=base.end),
            cue=" ".join(f"{r.text} {m.group()}".split()),
            note=FRACTION,
        )


MAJORITY = "more than half"
#: "a lion's share of $30.5 billion": the figure after the words is more than half of a
#: whole; "the lion's share of the $51 billion" names the whole instead, and is left alone
_MAJORITY = _rx.compile(
    r"\b(?P<w>an?\s+(?:lion['’]s\s+share|majority|bulk))\s+of\s+(?:about\s+|some\s+|nearly\s+)?$",
    re.I,
)


def majorities(view: View) -> Iterator[Relation]:
    """'$51 billion a year, with a lion's share of $30.5 billion spent on ...': the
    figure after the words is more than half of the figure of its kind before it in the
    sentence (and at most all of it). The words state the comparison; the whole is taken
    by proximity, so the relation is loose (it can warn, never fail)."""
    text = view.text
    for part in view.claims:
        if part.kind not in _MEASURES or part.kind == "count" or part.interval is None:
            continue
        m = _MAJORITY.search(text, max(part.sentence.start, part.start - 40), part.start)
        if not m:
            continue
        wholes = [
            c
            for c in view.between(part.sentence.start, m.start())
            if same_measure(c, part) and c.interval is not None
        ]
        if not wholes:
            continue
        whole = wholes[-1]
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("figure", part.id), ("base", whole.id)],
            Strength.STATED,
            Span(start=whole.start, end=part.end),
            cue=" ".join(m.group("w").split()),
            note=MAJORITY,
            confident=False,
        )
