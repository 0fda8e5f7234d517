"""One document's claims, sentences and paragraphs, indexed for the linkers (bisect, no scans)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.documents import Document
from hetao_facts.intervals import Interval, Qualifier, step_of
from hetao_facts.structure import ListBlock, structure_of
from hetao_facts.subjects import Mention

__all__ = ["View", "digits_interval", "fold", "measure", "same_measure", "tight"]

#: kinds whose claims are quantities that add up, divide and restate (not times or ranks)
MEASURES = frozenset(
    {"area", "floor_area", "length", "quantity", "count", "money", "percent", "density"}
)
_AREAS = frozenset({"area", "floor_area"})


@dataclass
class View:
    """A document and its claims in text order, with look-ups by offset."""

    doc: Document
    claims: Sequence[Claim]
    mentions: Sequence[Mention] = ()
    """the noun phrases the extractor resolved to subjects (a whole named by its subject)"""
    _starts: list[int] = field(init=False)
    _sents: list[Span] = field(init=False)
    _sent_starts: list[int] = field(init=False)
    _paras: list[Span] = field(init=False)
    _para_starts: list[int] = field(init=False)
    memo: dict[str, object] = field(init=False, default_factory=dict)
    """what the linkers compute once per document and share (the tokenized sentences)"""

    def __post_init__(self) -> None:
        self.claims = sorted(self.claims, key=lambda c: (c.start, c.end))
        self._starts = [c.start for c in self.claims]
        self._sents = list(self.doc.sentences)
        self._sent_starts = [s.start for s in self._sents]
        self._paras = list(self.doc.paragraphs) or [Span(start=0, end=len(self.doc.text))]
        self._para_starts = [p.start for p in self._paras]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    @cached_property
    def date_claim(self) -> Claim | None:
        """The claim that states the document date, when the text gave it (a dateline, or
        the front matter's date, which extraction reads as a claim of its own); None when
        the caller gave the date (it stands nowhere in the text)."""
        doc = self.doc
        if doc.date is None or doc.date_source not in {
            "dateline",
            "dateline_no_year",
            "front_matter",
        }:
            return None
        iso = doc.date.isoformat()
        # a dateline without a year ("Sept 14") is itself a date whose year was inferred
        inferred_ok = doc.date_source == "dateline_no_year"
        return next(
            (
                c
                for c in self.claims
                if c.kind == "date"
                and c.value == iso
                and (inferred_ok or not getattr(c, "year_inferred", False))
            ),
            None,
        )

    @cached_property
    def folded(self) -> str:
        """The text with its letters compared as ``re.IGNORECASE`` compares them, offset for
        offset: lower-cased, and the four letters outside ASCII that such a pattern matches
        to an ASCII letter ("İ", "ı", "ſ", the Kelvin sign) made that letter."""
        return fold(self.text)

    def positions(self, key: str, *, folded: bool = False) -> list[int]:
        """Where `key` stands in the text (in the `folded` text), every occurrence in order;
        found once per document and key, and shared by the linkers that ask."""
        memo_key = f"positions|{folded}|{key}"
        got = self.memo.get(memo_key)
        if isinstance(got, list):
            return got
        text = self.folded if folded else self.text
        out: list[int] = []
        i = text.find(key)
        while i >= 0:
            out.append(i)
            i = text.find(key, i + 1)
        self.memo[memo_key] = out
        return out

    def holding(
        self, keys: tuple[str, ...], *, folded: bool = False, paragraphs: bool = False
    ) -> frozenset[int]:
        """The numbers of the sentences (or paragraphs) in which one of `keys` stands
        whole: a pre-test for a pattern every match of which contains one of `keys` (in
        `folded` text for a case-blind pattern). One scan of the text per key, instead of a
        pattern tried at every position of every sentence."""
        memo_key = f"holding|{folded}|{paragraphs}|" + "\x00".join(keys)
        got = self.memo.get(memo_key)
        if isinstance(got, frozenset):
            return got
        spans, starts = (
            (self._paras, self._para_starts) if paragraphs else (self._sents, self._sent_starts)
        )
        found: set[int] = set()
        for key in keys:
            for i in self.positions(key, folded=folded):
                no = bisect_right(starts, i) - 1
                if no >= 0 and i + len(key) <= spans[no].end:
                    found.add(no)
        out = frozenset(found)
        self.memo[memo_key] = out
        return out

    def matches(
        self, pattern: re.Pattern[str], words: Sequence[str], *, folded: bool = False
    ) -> Iterator[re.Match[str]]:
        """``pattern.finditer(self.text)``, for a pattern every match of which begins with
        one of `words` (in `folded` text for a case-blind pattern): the pattern is tried
        only where such a word stands (found by ``str.find``), not at every position; a
        match starting inside the one before is skipped, as ``finditer`` never finds it."""
        starts = sorted({i for word in words for i in self.positions(word, folded=folded)})
        last = 0
        for i in starts:
            if i < last:
                continue
            m = pattern.match(self.text, i)
            if m is not None:
                last = m.end()
                yield m

    def sentences_with_claims(self, least: int) -> list[int]:
        """The numbers of the sentences in which at least `least` claims start, in order."""
        counts: dict[int, int] = {}
        for c in self.claims:
            no = bisect_right(self._sent_starts, c.start) - 1
            if no >= 0 and c.start < self._sents[no].end:
                counts[no] = counts.get(no, 0) + 1
        return sorted(no for no, n in counts.items() if n >= least)

    def between(self, start: int, end: int) -> list[Claim]:
        """Claims that start in [start, end)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return list(self.claims[lo:hi])

    def sentence_no(self, offset: int) -> int:
        return max(0, bisect_right(self._sent_starts, offset) - 1)

    def first_sentence_from(self, offset: int) -> int:
        """The number of the first sentence starting at or after `offset` (the number of
        sentences when none does)."""
        return bisect_left(self._sent_starts, offset)

    def sentence(self, no: int) -> Span | None:
        return self._sents[no] if 0 <= no < len(self._sents) else None

    def paragraph_of(self, offset: int) -> Span:
        i = max(0, bisect_right(self._para_starts, offset) - 1)
        return self._paras[i]

    def in_sentence(self, claim: Claim) -> list[Claim]:
        return self.between(claim.sentence.start, claim.sentence.end)

    def window(self, claim: Claim, before: int, after: int) -> list[Claim]:
        """Claims of the sentences around `claim` (`before` and `after` sentences), kept
        inside its paragraph."""
        no = self.sentence_no(claim.start)
        para = self.paragraph_of(claim.start)
        first = self.sentence(max(0, no - before)) or claim.sentence
        last = self.sentence(min(len(self._sents) - 1, no + after)) or claim.sentence
        return self.between(max(first.start, para.start), min(last.end, para.end))

    @cached_property
    def intro_lists(self) -> tuple[list[ListBlock], list[int]]:
        """The document's lists that have an intro, and their intro starts (for bisect)."""
        lists = [lst for lst in structure_of(self.doc).lists if lst.intro is not None]
        return lists, [lst.intro.start for lst in lists if lst.intro is not None]

    @cached_property
    def _tables(self) -> tuple[list[int], list[int]]:
        spans = sorted((t.span.start, t.span.end) for t in structure_of(self.doc).tables)
        return [a for a, _ in spans], [b for _, b in spans]

    def in_table(self, claim: Claim) -> bool:
        """Does the claim stand inside one of the document's tables?"""
        starts, ends = self._tables
        i = bisect_right(starts, claim.start) - 1
        return i >= 0 and claim.start < ends[i]

    def gap(self, a: Claim, b: Claim) -> str:
        """The text between two claims (a before b)."""
        return self.text[a.end : b.start]


def fold(text: str) -> str:
    """`text` lower-cased letter for letter the way ``re.IGNORECASE`` matches an ASCII
    letter: str.lower() alone keeps "ı" and "ſ" (which such a pattern matches as "i" and
    "s") and makes "İ" two characters. Same length as `text`, so offsets carry over."""
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


def measure(c: Claim) -> Decimal | None:
    """The Decimal value of a measure claim with an interval, else None."""
    v = getattr(c, "value", None)
    if c.kind not in MEASURES or not isinstance(v, Decimal) or c.interval is None:
        return None
    return v


_COARSE = Decimal("0.5")
_RANGE = _rx.compile(r"\d\s*(?:-|–|—|to|and)\s*\d|between", re.I)


def tight(c: Claim) -> Decimal | None:
    """The value of a figure precise enough to be found by arithmetic: bounded, positive,
    not a range or a bound ("18 to 24", "at least two" match too many sums by chance)."""
    v = measure(c)
    iv = c.interval
    if v is None or iv is None or iv.low is None or iv.high is None or v <= 0:
        return None
    if c.number is not None and _RANGE.search(c.number):
        return None
    return v if (iv.high - iv.low) <= _COARSE * v else None


def same_measure(a: Claim, b: Claim) -> bool:
    """Two claims measure the same kind of thing (so they can add, divide or restate)."""
    if a.kind != b.kind and not (a.kind in _AREAS and b.kind in _AREAS):
        return False
    if a.kind == "money":
        return getattr(a, "currency", None) == getattr(b, "currency", None)
    if a.kind == "quantity":
        return getattr(a, "dimensionality", None) == getattr(b, "dimensionality", None)
    return True


_DIGITS = _rx.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$", re.S)


def digits_interval(c: Claim, *, round_trailing_zeros: bool = True) -> Interval | None:
    """The interval the digits alone allow, without widening for a hedge: how a figure is
    read when another figure restates it in other units ("approximately 647 km² (238 mi²)"
    converts one number; the hedge covers both and cannot absorb a wrong conversion).
    With `round_trailing_zeros` False every written digit counts ("10" is [9.5, 10.5])."""
    if c.interval is None:
        return None
    if c.qualifier not in (Qualifier.APPROX, Qualifier.EXACT) or c.kind == "count" or c.is_range:
        return c.interval  # a bound has no tighter reading; a count or a range as it is
    value, number, stated = getattr(c, "value", None), c.number, c.stated
    if not isinstance(value, Decimal) or number is None or stated is None or stated == 0:
        return c.interval if c.qualifier is Qualifier.EXACT else None
    m = _DIGITS.search(number)
    if not m:
        return c.interval
    digits = m.group(1).replace(",", "")
    d = Decimal(digits)
    if d == 0:
        return c.interval
    scaled = bool(re.search(r"[A-Za-z]", m.group(2)))
    step = step_of(digits, scaled=scaled, round_trailing_zeros=round_trailing_zeros)
    half = step * (abs(stated) / d) * abs(value / stated) / 2
    return Interval.closed(value - half, value + half)


_LEAD_DIGITS = _rx.compile(r"^\s*[$€£¥]?\s*([0-9][0-9,]*(?:\.[0-9]+)?)(.*)$")


def leading_digits(number: str | None) -> tuple[str, bool] | None:
    """The digits a numeral as written starts with (separators removed) and whether a scale
    word or unit letters follow them ("1.5 million" -> ("1.5", True)); None without digits."""
    m = _LEAD_DIGITS.match(number or "")
    if not m:
        return None
    return m.group(1).replace(",", ""), bool(re.search(r"[A-Za-z]", m.group(2)))


def range_parts(c: Claim) -> tuple[tuple[Decimal, str, int], tuple[Decimal, str, int]] | None:
    """The two ends of a range claim written "A to B" ("310,000 to 402,000", "3.1 to 4.2
    million tonnes"), each as (value as written, its digits, its power-of-ten scale); None
    when the claim is no such range, or an end is not plain digits."""
    from hetao_facts.numbers import find_numerals

    nums = [n for n in find_numerals(c.text) if n.type == "range"]
    if len(nums) != 1 or nums[0].end_value is None or nums[0].value == 0:
        return None
    n = nums[0]
    if not re.search(r"\bto\b", n.text) or n.end_value is None:
        return None
    ends = ((n.value, n.digits, n.scale), (n.end_value, n.end_digits or "", n.end_scale or 0))
    if not all(re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", d) for _v, d, _s in ends):
        return None
    return ends[0], ends[1]
