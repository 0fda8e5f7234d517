"""Sentences as tokens, for the linkers that read phrasings ("⟦0⟧ of the ⟦1⟧ residents, ⟦2⟧").

A `Sentence` is one sentence of a document whose claims are replaced by ``⟦i⟧`` tokens (i
indexes `Sentence.claims`), so that the phrasings a linker reads are regular expressions
over words and tokens, kept as data in each linker module. Moved here from the derived
rules (HF701-HF705), which now only do arithmetic on the relations these phrasings give.

Also here: what ties two figures to one thing (`compatible`, `same_noun`), and a whole
found by its subject (`whole_by_subject`: the one figure, or mutually consistent figures,
the document states for a subject the extractor resolved with confidence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View

__all__ = [
    "HEDGE",
    "MAX_SENTENCE_FIGURES",
    "Sentence",
    "compatible",
    "is_now",
    "next_sentence",
    "overlapping",
    "previous_sentence",
    "same_noun",
    "same_thing",
    "sentences",
    "singular",
    "tok",
    "tokenize",
    "whole_by_subject",
]

#: Hedging or bounding words that may precede a figure (they are not part of a claim).
HEDGE = (
    r"(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|more than|"
    r"less than|fewer than|at least|up to|just over|just under|close to|an estimated|"
    r"estimated|only|just|a total of|a further|another)\s+)?"
)

#: The most figures a sentence may hold for the linkers that relate its figures to each
#: other (a share to its part and whole, a total to its parts). Each figure is tested
#: against the sentence's others, so a sentence of thousands of figures (a table or a list
#: of numbers flattened into one line) would cost the square of its length.
MAX_SENTENCE_FIGURES = 64


def tok(name: str) -> str:
    """A regex matching one claim token and capturing its index as `name`."""
    return rf"⟦(?P<{name}>\d+)⟧"


@dataclass
class Sentence:
    """A sentence with its claims replaced by ``⟦i⟧`` tokens (i indexes `claims`)."""

    doc_id: str
    span: Span
    raw: str
    claims: list[Claim]
    tokens: str
    _offsets: list[int] = field(default_factory=list, compare=False)
    _ends: list[int] = field(default_factory=list, compare=False)
    _pending: bool = field(default=False, compare=False)
    """the offsets are not built yet: `tokenize` leaves them to the first look-up (most
    sentences are only matched, never mapped back to the text)"""

    def _built(self) -> None:
        """Build `_offsets` and `_ends` (a document offset for each position of `tokens`,
        and where a stretch ending there ends) from the claims and the span."""
        self._pending = False
        offsets: list[int] = []
        ends: list[int] = []
        pos = self.span.start
        for i, c in enumerate(self.claims):
            offsets.extend(range(pos, c.start))
            ends.extend(range(pos + 1, c.start + 1))
            n = len(f"⟦{i}⟧")
            offsets.extend([c.start] * n)
            ends.extend([c.end] * n)
            pos = c.end
        offsets.extend(range(pos, self.span.end))
        ends.extend(range(pos + 1, self.span.end + 1))
        self._offsets, self._ends = offsets, ends

    def claim(self, m: re.Match[str], group: str) -> Claim | None:
        g = m.group(group)
        return None if g is None else self.claims[int(g)]

    def raw_pos(self, token_pos: int) -> int:
        """The document offset of a position in `tokens`."""
        if self._pending:
            self._built()
        if token_pos >= len(self._offsets):
            return self.span.end
        return self._offsets[token_pos]

    def before(self, claim: Claim, chars: int = 60) -> str:
        """The raw text of this sentence just before a claim."""
        return self.raw[
            max(0, claim.start - self.span.start - chars) : claim.start - self.span.start
        ]

    def after(self, claim: Claim, chars: int = 60) -> str:
        return self.raw[claim.end - self.span.start : claim.end - self.span.start + chars]

    def index(self, claim: Claim) -> int:
        return next(i for i, c in enumerate(self.claims) if c.id == claim.id)

    def raw_end(self, token_end: int) -> int:
        """The document offset where a stretch of `tokens` ending at `token_end` (exclusive)
        ends: after the whole claim when it ends with a claim's token."""
        if self._pending:
            self._built()
        if token_end <= 0 or not self._ends:
            return self.span.start
        return self._ends[min(token_end, len(self._ends)) - 1]

    def cue(self, start: int, end: int) -> str:
        """The words of the sentence between two token positions, as written."""
        a, b = self.raw_pos(start), self.raw_end(end)
        return " ".join(self.raw[a - self.span.start : b - self.span.start].split())

    def span_of(self, m: re.Match[str]) -> Span:
        """Where a match over `tokens` stands in the document."""
        start = self.raw_pos(m.start())
        return Span(start=start, end=max(start, self.raw_end(m.end())))


def _ordered(claims: Sequence[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.start, -c.end))


def sentences(view: View) -> Iterator[Sentence]:
    """Every sentence of the document that holds at least one claim, tokenized (once per
    document, shared by the linkers); those with more than `MAX_SENTENCE_FIGURES` figures
    are left out (see there)."""
    cached = view.memo.get("sentences")
    if not isinstance(cached, list):
        cached = list(_tokenized(view))
        view.memo["sentences"] = cached
    yield from cached


def _tokenized(view: View) -> Iterator[Sentence]:
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for c in _ordered(view.claims):
        by_sentence.setdefault((c.sentence.start, c.sentence.end), []).append(c)
    for _key, cs in sorted(by_sentence.items()):
        if len(cs) > MAX_SENTENCE_FIGURES:
            continue
        OPS.add("derived.sentence_pairs", len(cs) * len(cs))
        span = cs[0].sentence  # a frozen Span(s0, s1): shared, not built again
        yield tokenize(view.doc.id, view.text, span, cs)


def tokenize(doc_id: str, text: str, span: Span, claims: Sequence[Claim]) -> Sentence:
    kept: list[Claim] = []
    for c in claims:
        if c.start < span.start or c.end > span.end:
            continue
        if kept and c.start < kept[-1].end:  # overlapping claims: keep the first
            continue
        kept.append(c)
    parts: list[str] = []
    pos = span.start
    for i, c in enumerate(kept):
        parts.append(text[pos : c.start])
        parts.append(f"⟦{i}⟧")
        pos = c.end
    parts.append(text[pos : span.end])
    raw = text[span.start : span.end]
    return Sentence(doc_id, span, raw, kept, "".join(parts), _pending=True)


def _sentence_at(view: View, span: Span) -> Sentence:
    cs = [c for c in view.between(span.start, span.end) if c.end <= span.end]
    return tokenize(view.doc.id, view.text, span, _ordered(cs))


def previous_sentence(view: View, s: Sentence) -> Sentence | None:
    """The sentence before `s` in its document, tokenized (None at the start)."""
    i = view.first_sentence_from(s.span.start)  # the first starting at or after `s`
    prev = view.sentence(i - 1) if i > 0 else None
    if prev is None:
        return None
    return _sentence_at(view, prev)


def next_sentence(view: View, s: Sentence) -> Sentence | None:
    """The sentence after `s` in its document, tokenized (None at the end)."""
    # looked up in the view's own list: the document's `sentences` is a fresh copy of
    # every sentence at each call (a long document's linking was quadratic)
    no = view.sentence_no(max(s.span.start, s.span.end - 1))
    while (sp := view.sentence(no)) is not None:
        if sp.start >= s.span.end:
            return _sentence_at(view, sp)
        no += 1
    return None


def overlapping(pat: re.Pattern[str], text: str, counter: str) -> Iterator[re.Match[str]]:
    """Matches starting at every token (one figure can be a part here and a whole there)."""
    starts = sorted({0, *(m.start() for m in re.finditer(r"⟦\d+⟧", text))})
    # The first match at or after a start is also the first at or after every later start
    # up to it: searched again only past it, so the sentence is scanned once, not once per
    # figure (a sentence of 4,000 figures was quadratic).
    m: re.Match[str] | None = None
    for st in starts:
        if m is not None and m.start() >= st:
            continue  # the same match again
        m = pat.search(text, st)
        OPS.add(counter, (len(text) if m is None else m.start()) - st)
        if m is None:
            return  # none after this start, so none after any later one
        yield m


# ---- what ties figures to one thing ------------------------------------------------------
def is_now(c: Claim) -> bool:
    return c.role is None or c.role.value == "current"


def _only_about(view: View, c: Claim, key: str) -> bool:
    """The claim's sentence names no entity but `key` (places after "in", "at" aside), so a
    figure resolved to `key` is not about a neighbour the extractor could have confused."""
    return all(
        m.key == key or m.locative or not m.key
        for m in view.mentions
        if c.sentence.start <= m.start < c.sentence.end
    )


def whole_by_subject(view: View, key: str, kind: str, exclude: Sequence[Claim] = ()) -> list[Claim]:
    """Claims of the document about `key` of this kind, all mutually consistent, else []."""
    skip = {c.id for c in exclude}
    found = [
        c
        for c in _ordered(view.claims)
        if c.subject == key
        and c.kind == kind
        and is_now(c)
        and c.interval is not None
        and c.id not in skip
        and _only_about(view, c, key)
    ]
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert a.interval is not None and b.interval is not None
            if not a.interval.overlaps(b.interval):
                return []  # the text states two different figures: no verdict
    return found


_NOUN_CLASSES = (
    frozenset(
        {
            "people",
            "person",
            "resident",
            "inhabitant",
            "citizen",
            "local",
            "villager",
            "population",
            "individual",
            "employee",
            "worker",
            "staff",
            "member",
            "researcher",
            "scientist",
            "student",
            "pupil",
            "visitor",
            "tourist",
            "passenger",
            "patient",
            "voter",
            "adult",
            "child",
            "children",
            "men",
            "women",
        }
    ),
    frozenset({"unit", "flat", "apartment", "home", "house", "dwelling"}),
    frozenset({"firm", "company", "business", "enterprise"}),
)


def singular(noun: str) -> str:
    """The last word of a noun phrase, lowercased and singular ("residents" -> "resident")."""
    words = noun.lower().split()
    w = words[-1] if words else noun.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ses") or w.endswith("xes") or w.endswith("ches") or w.endswith("shes"):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def same_thing(a: str, b: str) -> bool:
    """Two counted nouns name the same kind of thing ("residents" and "people")."""
    x, y = singular(a), singular(b)
    return x == y or any(x in cls and y in cls for cls in _NOUN_CLASSES)


def same_noun(a: Claim, b: Claim) -> bool:
    """Counts of the same thing: nouns agree, or one of them names none."""
    an, bn = getattr(a, "noun", None), getattr(b, "noun", None)
    return not (an and bn) or same_thing(an.split()[0], bn.split()[0])


def compatible(a: Claim, b: Claim, *, floor_mix: bool = False) -> bool:
    """Two claims measure the same kind of thing (same currency for money)."""
    if a.kind == b.kind:
        return a.kind != "money" or getattr(a, "currency", None) == getattr(b, "currency", None)
    return floor_mix and {a.kind, b.kind} == {"area", "floor_area"}
