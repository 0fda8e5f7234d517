"""Text -> claims: classify every numeral by its context, one extractor per kind.

The pipeline for one document:

1. dates first (`dates.find_dates`), so their digits are not read again;
2. every other numeral (`numbers.find_numerals`) is offered to the extractors in order:
   set-aside filters (page navigation, list markers, names, idioms...), percent and units
   (area, floor area, length, density, other quantities), money, periods and years,
   durations, ordinals, ratios, and finally counts;
3. each claim gets its qualifier (hedge or bound), interval, role (target, since, past,
   current) and subject.

Numerals that do not become claims are recorded with a reason (coverage), never dropped.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Context, Decimal
from functools import lru_cache
from typing import Any, Final

from hetao_facts import _rx
from hetao_facts._light import trusted_maker
from hetao_facts.claims import (
    RANGE_NOTE,
    UNSCALED_TEMPERATURE_NOTE,
    VAGUE_NOTE,
    AreaClaim,
    Claim,
    CountClaim,
    DateClaim,
    DensityClaim,
    DurationClaim,
    FloorAreaClaim,
    LengthClaim,
    MoneyClaim,
    OrdinalClaim,
    PercentClaim,
    PeriodClaim,
    QuantityClaim,
    RatioClaim,
    Role,
    Span,
    YearClaim,
)
from hetao_facts.documents import Document, front_matter_date_span
from hetao_facts.extract import lexicon as lx
from hetao_facts.extract.aspects import annotate
from hetao_facts.extract.dates import (
    DateMention,
    anchored,
    find_dates,
    find_periods,
    find_relative_dates,
)
from hetao_facts.extract.tables import table_cells
from hetao_facts.intervals import (
    DEFAULT_TOLERANCES,
    Interval,
    Qualifier,
    Tolerances,
    interval_for,
    step_of,
)
from hetao_facts.model import SetAside, stable_id
from hetao_facts.numbers import Numeral, find_numerals, parse_number
from hetao_facts.subjects import (
    EntityIndex,
    Mention,
    find_mentions,
    find_sentence_mentions,
    main_entity,
    make_mention,
    word_trie,
)
from hetao_facts.units import (
    UnitInfo,
    match_currency_after,
    match_currency_before,
    match_unit,
    parse_unit,
)

__all__ = ["Extraction", "extract_document"]

# a word or a number: "[A-Za-z][A-Za-z&'’.-]*[A-Za-z&]|[A-Za-z]|\d[\d,.]*", written to open
# with one character class (scanned for in C) and a lookbehind choosing the branch
_WORD = _rx.compile(r"[A-Za-z\d](?:(?<=[A-Za-z])(?:[A-Za-z&'’.-]*[A-Za-z&])?|(?<=\d)[\d,.]*)")
_SP = "[ \u00a0\u202f\u2009]"
_QUAL_BEFORE = sorted(lx.QUALIFIER_BEFORE, key=len, reverse=True)
_QUAL_ENDS = tuple(q.lower() for q in _QUAL_BEFORE)
_QUAL_AFTER_PHRASES = tuple(lx.QUALIFIER_AFTER)
_QUAL_RE = _rx.compile(
    r"(?:^|(?<=[\s(\"“]))(" + "|".join(re.escape(q) for q in _QUAL_BEFORE) + r")[\s\u00a0]*$",
    re.I,
)
_TARGET_BEFORE = _rx.compile(
    r"\b(?:by|before|until|till|through|no later than)"
    r"(?: the end of| end-| the close of)?[\s\u00a0]*$",
    re.I,
)
_SINCE_BEFORE = _rx.compile(r"\b(?:since|starting in|starting from|from)[\s\u00a0]*$", re.I)
_FUTURE = _rx.compile(
    r"\b(?:will|shall|aims?\s+to|aiming|plans?\s+to|planned|target(?:s|ed)?|goals?|objectives?|"
    r"expected\s+to|set\s+for|to\s+be\s+completed|on\s+track|by\s+(?:the\s+end\s+of\s+)?\d{4})\b",
    re.I,
)
_PAST_CUE = _rx.compile(
    r"\b(?:initial|initially|original|originally|former|formerly|previous|previously|once|"
    r"used to)\W*$",
    re.I,
)
# What the text before a figure must end with (after white space) for these patterns to
# match there: a cheap test first, the pattern only then.
_PAST_CUE_ENDS = (
    "initial", "initially", "original", "originally", "former", "formerly", "previous",
    "previously", "once", "used to",
)  # fmt: skip
_LAST_N_ENDS = ("last", "past", "previous", "preceding")
_CURRENT_CUE_WORDS = ("now", "currently", "at present", "today", "so far", "to date")
_CURRENT_CUE = _rx.compile(
    r"\b(?:now|currently|at present|today|so far|to date)\b[^.]{0,40}$", re.I
)
_LAST_N = _rx.compile(
    r"\b(?:over|in|during|for|within)?\s*(?:the\s+)?(?:last|past|previous|preceding)\s*$", re.I
)
_PAGE_NAV = _rx.compile(r"^[\s\u00a0<>|«»‹›.…\d]*$")
_MONTH_WORDS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_PREV_WORD = _rx.compile(r"([A-Za-z][\w.&-]*)[ \u00a0]$")
_FISCAL_POINT_BEFORE = _rx.compile(
    r"\b(?:by|from|until|till|before|after|since|starting|beginning)(?:\s+(?:around|about|the|fiscal|FY))*\s*$",
    re.I,
)
_NEXT_WORD = _rx.compile(r"[ \u00a0]{1,2}([a-z][a-z'’-]*)\b")
_NUMERIC_DATE = _rx.compile(r"\b\d{1,4}/\d{1,2}/\d{2,4}\b")


_REL_YEAR_AFTER = _rx.compile(r",?[ \u00a0]+(this|last|next)[ \u00a0]+year\b", re.I)
_COORDINATE_AFTER = _rx.compile(
    r"[ \u00a0]?°[ \u00a0]?(?:\d{1,2}[′']?[ \u00a0]?)?"
    r"(?:\d{1,2}(?:\.\d+)?[″\"]?[ \u00a0]?)?[NSEW]\b"
)
_COORDINATE_PAIR = _rx.compile(r"-?\d{1,3}\.\d{3,}[;,][ \u00a0]?-?\d{1,3}\.\d{3,}")
_CLOCK_AFTER = _rx.compile(
    r"(?:[.:]\d\d)?[ \u00a0]?(?:[ap]\.?m\.?)(?![a-z])|:\d\d(?:[.:]\d+)?\b", re.I
)
_AGE_BEFORE = _rx.compile(
    r"\b(?P<pre>[a-z]+[ \u00a0]+)?(?:the[ \u00a0]+)?(?:age[sd]?|aging)(?:[ \u00a0]+of)?"
    r"(?:[ \u00a0]+(?:between|from|under|over))?[ \u00a0]*$",
    re.I,
)
_AGE_AFTER = _rx.compile(
    r"(?:[ \u00a0]+years?(?:[ \u00a0]+of[ \u00a0]+age|[ \u00a0]+old)?)?"
    r"[ \u00a0]+(?:or|and)[ \u00a0]+"
    r"(?:older|over|above|younger|under|up)\b|[ \u00a0]+years?[ \u00a0]+of[ \u00a0]+age\b",
    re.I,
)
_RATE_BASE_BEFORE = _rx.compile(r"\b(?:[Ff]or|[Pp]er)[ \u00a0]+every[ \u00a0]+$")
_RATE_RATIO_BEFORE = _rx.compile(
    r"\b[Ff]or[ \u00a0]+every[ \u00a0]+(?P<base>\d[\d,.]*)[ \u00a0]+[a-z]+"
    r"(?:[ \u00a0]+[\w ]{0,30}?)?,?[ \u00a0]+there[ \u00a0]+"
    r"(?:are|were|is|was|will[ \u00a0]+be)[ \u00a0]+"
    r"(?:about[ \u00a0]+|approximately[ \u00a0]+|roughly[ \u00a0]+|nearly[ \u00a0]+)?$"
)
_AVERAGE_SIZE_BEFORE = _rx.compile(
    r"\b(?:average|mean|median)[ \u00a0]+(?:[a-z]+[ \u00a0]+){0,2}size[ \u00a0]+"
    r"(?:is|was|of|stood[ \u00a0]+at|were|are)[ \u00a0]+"
    r"(?:about[ \u00a0]+|approximately[ \u00a0]+)?$",
    re.I,
)
_UNITISH_AFTER = _rx.compile(r"[ \u00a0-]*(?:%|(?!and\b|in\b|or\b)[A-Za-z]{1,12}\b)")
_INHERIT_GAP = _rx.compile(
    r"[ \u00a0]*(?:,[ \u00a0]*)?(?:(?:up|down|rising|falling|rose|fell|increased|decreased|"
    r"increasing|decreasing|compared|against)[ \u00a0]+)?(?:from|with|versus|vs\.?|against|and|or)"
    r"[ \u00a0]+",
    re.I,
)
_RATIO_CTX = Context(prec=28)
_UNIT_RANGE_JOIN = _rx.compile(
    r"-[ \u00a0]+(?P<s>to|and|or)[ \u00a0]+"
    r"|[ \u00a0]*(?:[\u2013\u2014]|(?P<w>to|and|through))[ \u00a0]*",
    re.I,
)
_UNIT_RANGE_END = _rx.compile(
    r"[-\u2212]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[-\u2212]?\d+(?:\.\d+)?(?![\d,])"
)
_RANGING_FROM = _rx.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))[ \u00a0]+from[ \u00a0]+$", re.I
)
_BETWEEN_BEFORE_UNIT = _rx.compile(r"\bbetween[ \u00a0]+$", re.I)
_MONEY_RANGE_JOIN = _rx.compile(
    r"[ \u00a0]*(?:[-\u2013\u2014]|(?P<w>to|and))[ \u00a0]*(?=\S)", re.I
)
_SPREAD_OVER = _rx.compile(
    r"\b(?:spread|spreads|spreading|sprawls?|sprawling|stretch(?:es|ing)?|extend(?:s|ing)?)"
    r"\s+over\s*$",
    re.I,
)
_DECADE_PART = _rx.compile(r"\b(early|mid-|mid|late)[ \u00a0]?(?:the[ \u00a0]+)?$", re.I)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_ERA_BEFORE = _rx.compile(r"(?<![\w.])(?:AD|A\.D\.)[ \u00a0]$")
_ERA_AFTER = _rx.compile(r"[ \u00a0](BC|B\.C\.|BCE|AD|A\.D\.|CE)(?!\w)")
_MINUS_WORD = _rx.compile(r"(?<!or )\b(?:minus|negative)[ \u00a0]+$", re.I)
_ACCOUNTING_BEFORE = _rx.compile(
    r"(?:\b(?:is|was|were|are|of|at|totall?ed|reached|stood at|came to)|:)[ \u00a0]*$", re.I
)
_MULTIPLE_WORD = _rx.compile(
    r"\b(?P<w>twice|double|triple|treble|quadruple"
    r"|(?P<fw>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand)[- ]?fold)\b",
    re.I,
)
_MULTIPLE_ANCHOR = tuple(  # literals only: "[Ff]old" was scanned position by position
    re.compile(p) for p in ("wice", "ouble", "riple", "reble", "uadruple", "fold", "Fold")
)
_MULTIPLE_VALUES = {"twice": "2", "double": "2", "triple": "3", "treble": "3", "quadruple": "4"}
_MULTIPLE_OBJECT = _rx.compile(
    r"[ \u00a0]+(?:as|the|that|its|their|his|her|this|these|those|what|our|a[ \u00a0]+year's|"
    r"last[ \u00a0]+year's)\b",
    re.I,
)
_DATED_NAMES = frozenset({"act", "law", "order", "decree", "resolution"})
_CLOCK_DURATION = _rx.compile(
    r",?[ \u00a0]+(?:and[ \u00a0]+)?(?P<n>\d{1,2}(?:\.\d+)?|(?:one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)(?:-[a-z]+)?)[ \u00a0]+"
    r"(?P<u>minutes?|mins?|seconds?|secs?)\b",
    re.I,
)
_CLOCK_SECONDS = {
    "hour": Decimal(3600),
    "hours": Decimal(3600),
    "minute": Decimal(60),
    "minutes": Decimal(60),
    "min": Decimal(60),
    "mins": Decimal(60),
    "second": Decimal(1),
    "seconds": Decimal(1),
    "sec": Decimal(1),
    "secs": Decimal(1),
}
_JULIAN_YEAR_SECONDS = Decimal(31557600)
_CLOCK_DURATION_BEFORE = _rx.compile(
    r"\b(?:hours?|hrs?|minutes?|mins?)[ \u00a0]*,?[ \u00a0]*(?:and[ \u00a0]+)?$", re.I
)
_ANNIVERSARY_BEFORE = _rx.compile(
    r"\b(?:mark(?:s|ed|ing)?|celebrat(?:e|es|ed|ing)|commemorat(?:e|es|ed|ing))"
    r"[ \u00a0]+(?:the[ \u00a0]+)?$",
    re.I,
)
_CAP_NAME_BEFORE = _rx.compile(r"[A-Z][a-z]+[ \u00a0]$")
_SCALED = _rx.compile(
    r"\d[ \u00a0-]?(?:hundred|thousand|million|billion|trillion|lakh|crore|bn|mn|m|k|b|tn)\b", re.I
)
_NO_YEAR = 2000  # a leap year: "February 29" without a year is still read
_RECURRING = _rx.compile(r"\b(?:every|each|most|all)[ \u00a0]+(?:other[ \u00a0]+)?$", re.I)


def _within(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, non-overlapping; ``starts`` their starts)?"""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < spans[k][1]


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in taken)


def _ymd(year: int, month: int, day: int | None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}"
    return datetime.date(year, month, day).isoformat()


def _is_coordinate_pair(text: str, n: Numeral) -> bool:
    """'41.7203; -6.8815': a latitude and longitude written as two decimals."""
    lo = max(0, n.start - 16)
    return any(
        m.start() <= n.start < m.end() for m in _COORDINATE_PAIR.finditer(text, lo, n.end + 16)
    )


def _in_numeric_date(text: str, pos: int) -> bool:
    """Is pos inside 31/12/15, 9/5/2023 or 2023/09/05?"""
    lo = max(0, pos - 12)
    if text.find("/", lo, pos + 12) < 0:
        return False  # every such date holds a "/": one scan in C instead of the pattern's
    return any(m.start() <= pos < m.end() for m in _NUMERIC_DATE.finditer(text, lo, pos + 12))


_WORD_DURATION = _rx.compile(
    r"(?=[aAoOhH])\b(?P<what>(?:a|one)\s+decade|(?:a|one)\s+century|half\s+a\s+century|a\s+quarter\s+of\s+a\s+century)\b",
    re.I,
)
_WORD_DURATION_YEARS = {
    "decade": "10",
    "century": "100",
    "half a century": "50",
    "a quarter of a century": "25",
}
# A trie in ASCII case: the same matches as the alternation of idioms sorted longest first
# with IGNORECASE, at a fraction of the cost (it is searched near every numeral).
_IDIOM_RE = _rx.compile(word_trie(lx.IDIOMS, ascii_case=True))
# A match holding a digit is an idiom written with digits ("24/7", "50/50"), and each of
# those holds one of these marks (in either case): a numeral that starts with a digit can
# be inside an idiom only if one of them is that near (a cheap test before the search;
# the idioms written in words hold no digit).
_DIGIT_IDIOM_MARKS = frozenset(
    c for i in lx.IDIOMS if any(ch.isdigit() for ch in i) for c in i if not c.isdigit()
)
assert all(
    any(c in _DIGIT_IDIOM_MARKS for c in i) for i in lx.IDIOMS if any(ch.isdigit() for ch in i)
)
_DIGIT_IDIOM_MARKS = frozenset({*_DIGIT_IDIOM_MARKS, *(c.upper() for c in _DIGIT_IDIOM_MARKS)})
# the longest of them: one holding a given offset lies within this distance of it
_DIGIT_IDIOM_LEN = max(len(i) for i in lx.IDIOMS if any(ch.isdigit() for ch in i))
_APPOSITION_ALIAS = _rx.compile(
    r"\b(the\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+[a-z]+),\s+"
    r"(?:namely|known as|also known as|also called|i\.e\.)\s+(?:the\s+)?"
    r"([A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|and|of))*[A-Za-z])"
)
_PLACE_PARK = _rx.compile(r"(?=[tA-Z])\b(?:the\s+)?([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)\s+park\b")
# The same matches, found faster (`dates.anchored` with ``end_group="all"``): the pattern
# opens with its character class, scanned for in C, and reads the match in a lookahead
# inside a one-character lookbehind; group "all" is the match, group 2 the place.
_PLACE_PARK_LEAD = r"(?=[tA-Z])"
assert _PLACE_PARK.pattern.startswith(_PLACE_PARK_LEAD)
_PLACE_PARK_SCAN = _rx.compile(
    r"[tA-Z](?<=(?=(?P<all>" + _PLACE_PARK.pattern[len(_PLACE_PARK_LEAD) :] + r")).)"
)
_PARKS_IN = _rx.compile(
    r"\bparks?\s+in\s+([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
    r"(?:\s+and\s+([A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*))?"
)
_NAMED_HEAD = _rx.compile(
    r"\b[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*[ ](?:[Cc]ooperation[ ])?"
    r"(?:zone|park|section|portion|district|"
    r"site|campus|platform|reserve|estate|island|corridor|hub|center|centre)\b"
)
# Speed: these patterns may start at any capital letter; each match contains a literal
# ("park", "known as", "decade") that is found first and the pattern is tried only around it
# (`dates.anchored`). Names with a head noun are found in one pass over the whole text,
# started only at a capital letter (faster than a search around each of ~3,000 heads per MB):
# the pattern starts with its character class, which the engine scans for in C, and a
# lookbehind says what the leading \b said (1.4x faster than a leading lookahead).
_PARK_ANCHORS = (re.compile("park"),)
assert _NAMED_HEAD.pattern.startswith(r"\b[A-Z]")
_NAMED_HEAD_SCAN = _rx.compile(r"[A-Z](?<!\w.)" + _NAMED_HEAD.pattern[len(r"\b[A-Z]") :])
_ALIAS_ANCHORS = tuple(
    re.compile(re.escape(w)) for w in ("namely", "known as", "also called", "i.e.")
)  # escaped: an unescaped "i.e." matched "like", "time " and thousands more per MB
# literals (an IGNORECASE alternation scans at ~100 MB/s); "DeCaDe" in mixed case is not read
_WORD_DURATION_ANCHORS = tuple(re.compile(w) for w in ("ecade", "entur", "ECADE", "ENTUR"))
_ARTICLE_UNIT_WORDS = (
    "gallons?|litres?|liters?|millilitres?|milliliters?|hectares?|acres?|kilograms?|"
    "kilogrammes?|kilometres?|kilometers?|tonnes?|barrels?|"
    "square (?:kilomet(?:re|er)s?|met(?:re|er)s?|miles?|feet|foot)|cubic met(?:re|er)s?"
)
_ARTICLE_UNIT = _rx.compile(  # searched up to the " of " after the unit
    rf"(?<![\w'’-])(?P<a>[Aa]n?)[ \u00a0]+(?P<u>(?i:{_ARTICLE_UNIT_WORDS}))$"
)
_OF_NOUN = _rx.compile(r" of[ \u00a0]+(?=[a-z])")
# Found from each " of ": the text before it must end with one of these unit words.
_OF_WORD = _rx.compile(" of ")
_ARTICLE_UNIT_ENDS = (
    "gallon", "gallons", "litre", "litres", "liter", "liters", "hectare", "hectares", "acre",
    "acres", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilometre", "kilometres",
    "kilometer", "kilometers", "tonne", "tonnes", "barrel", "barrels", "metre", "metres",
    "meter", "meters", "mile", "miles", "feet", "foot",
)  # fmt: skip
_FIGURE_BEFORE = _rx.compile(r"\d[^\s]*[ \u00a0]+(?:[a-z]+[ \u00a0]+)?$")
_LOWER_WORD = _rx.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
_PROPER_MID = _rx.compile(r"([A-Z](?<=[a-z,;] [A-Z])[\w'’&-]*)")  # charset first: scans fast
_YEARS_ROLE_WORDS = {
    "in",
    "of",
    "by",
    "since",
    "from",
    "to",
    "until",
    "before",
    "after",
    "and",
    "the",
    "for",
    "during",
    "between",
    "through",
    "year",
    "years",
    "fiscal",
    "fy",
    "end",
}


@dataclass
class Extraction:
    """What one document gave: its claims, the numerals set aside, and the mentions."""

    claims: list[Claim] = field(default_factory=list)
    set_aside: list[SetAside] = field(default_factory=list)
    numerals: int = 0
    claimed_numerals: int = 0
    mentions: list[Mention] = field(default_factory=list)
    main_entity: str | None = None


class _Ctx:
    """Per-document state shared by the extractors."""

    def __init__(self, doc: Document, index: EntityIndex, tol: Tolerances) -> None:
        self.doc = doc
        self.text = doc.text
        self.index = index
        self.tol = tol
        self._mentions: dict[int, list[Mention]] = {}
        self.all_mentions: list[Mention] = []
        self._best_for_head: dict[str, str | None] = {}
        self.last_by_head: dict[str, str] = {}
        self.main: str | None = None

    def best_for_head(self, head: str) -> str | None:
        """The document's most mentioned entity whose name ends with `head` ('zone')."""
        if not head:
            return None
        if head not in self._best_for_head:
            counts: dict[str, int] = {}
            for m in self.all_mentions:
                if m.key and not m.locative and m.key.endswith(head):
                    counts[m.key] = counts.get(m.key, 0) + 1
            self._best_for_head[head] = (
                max(sorted(counts), key=lambda k: counts[k]) if counts else None
            )
        return self._best_for_head[head]

    def mentions(self, sent: Span) -> list[Mention]:
        got = self._mentions.get(sent.start)
        if got is None:
            got = find_mentions(self.text, sent.start, sent.end, self.index)
            self._mentions[sent.start] = got
        return got


_UNCERTAINTY_AFTER = _rx.compile(r"[ \u00a0]*(?:±|\+/-|\+-)[ \u00a0]*(?=\d|\.\d)")
_UNCERTAINTY_BEFORE = _rx.compile(r"\d[ \u00a0]*(?:±|\+/-|\+-)[ \u00a0]*$")


_GEOLOGICAL_TIME = _rx.compile(r"[ \u00a0-]?(ka|kyr|Ma|Myr|Ga|Gyr)(?![\w'’-])")
# A number a clock shows before "am"/"pm": an hour, or an hour and two-digit minutes
_CLOCK_NUMBER = _rx.compile(r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?")
_SMALL_LENGTHS = {"pm": Decimal("1E-12"), "am": Decimal("1E-18")}


def _words_before(text: str, pos: int, n: int = 6) -> list[str]:
    chunk = text[max(0, pos - 80) : pos]
    return [w.lower() for w in _WORD.findall(chunk)[-n:]]


def _words_after(text: str, pos: int, n: int = 6) -> list[str]:
    chunk = text[pos : pos + 100]
    return [w.lower() for w in _WORD.findall(chunk)[:n]]


def _qualifier(text: str, start: int, line_start: int) -> tuple[Qualifier, str | None, int]:
    """The hedge or bound written right before `start`, and where it starts."""
    lo = max(line_start, start - 30)
    chunk = text[lo:start]
    if not chunk.rstrip().lower().endswith(_QUAL_ENDS):
        return Qualifier.EXACT, None, start  # the pattern below would not match: cheap test
    m = _QUAL_RE.search(chunk)
    if not m:
        return Qualifier.EXACT, None, start
    word = m.group(1)
    q = lx.QUALIFIER_BEFORE.get(word.lower(), Qualifier.EXACT)
    if word.lower() == "some" and _FOR_SOME_END.search(chunk):
        return Qualifier.EXACT, None, start
    if word.lower() == "over" and _SPREAD_OVER.search(chunk):
        return Qualifier.EXACT, None, start  # "spread over 53,000 m²": the extent, not a bound
    return q, word, lo + m.start(1)


def _qualifier_after(text: str, end: int) -> tuple[Qualifier, str] | None:
    chunk = text[end : end + 16].lower()
    if chunk.startswith("+") or chunk.startswith("-plus"):
        return Qualifier.AT_LEAST, chunk[:1] if chunk.startswith("+") else "-plus"
    chunk = chunk.lstrip(" \u00a0")
    if not chunk.startswith(_QUAL_AFTER_PHRASES):
        return None  # one test in C for the loop below
    for phrase, q in lx.QUALIFIER_AFTER.items():
        if chunk.startswith(phrase) and (
            len(chunk) == len(phrase) or not chunk[len(phrase)].isalpha()
        ):
            return q, phrase
    return None


class _Builder:
    """Makes claims with the common fields filled in."""

    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx

    def common(self, kind: str, start: int, end: int, **kw: Any) -> dict[str, Any]:
        doc = self.ctx.doc
        if not 0 <= start <= len(doc.text):
            doc.line_col(start)  # raises the IndexError naming the document, as it did
        # what doc.line_col(start) and doc.speaker_at(start) give, from the same indexes
        # without checking the offset again for each
        line_starts = doc._line_starts()
        i = bisect_right(line_starts, start) - 1
        line, col = i + 1, start - line_starts[i] + 1
        turn_starts, speakers = doc._turns()
        t = bisect_right(turn_starts, start) - 1
        sent = doc.sentence_at(start)
        out: dict[str, Any] = {
            # kind "": the caller (`measure`) sets the id once it knows the kind
            "id": stable_id("c", doc.id, start, end, kind) if kind else "",
            "document": doc.id,
            "start": start,
            "end": end,
            "text": doc.text[start:end],
            "line": line,
            "column": col,
            "sentence": sent,  # frozen, shared with the document's index
            "speaker": speakers[t] if t >= 0 else None,
        }
        out.update(kw)
        return out


_MONEY_ABBR = _rx.compile(
    r"[ \u00a0]?(bn|billion|mn|mln|million|m|k|thousand|tn|trillion|lakh|crore)\b"
    r"|(b|B|T)\b(?![.’'-]\w)",  # glued only: "$10B", "$2.174T"
    re.I,
)
_MONEY_SCALE = {
    "bn": 9,
    "billion": 9,
    "mn": 6,
    "mln": 6,
    "million": 6,
    "m": 6,
    "k": 3,
    "thousand": 3,
    "tn": 12,
    "trillion": 12,
    "t": 12,
    "b": 9,
    "lakh": 5,
    "crore": 7,
}
_COPULA_AFTER = _rx.compile(
    r"\s+(?:of\s+\w+\s+)?(?:are|is|were|was)\s+(?:now\s+|still\s+)?(?:an?\s+|the\s+)?(?P<np>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s*(?=[.;,]|$|\s+(?:and|in|of|with|which)\b)"
)
_HEDGES = r"(?:about|approximately|roughly|around|some|nearly|almost|more than|over|at least|up to)"
_CLAUSE_START = _rx.compile(rf"(?:^|[;:]|\band\b|,)\s*(?:{_HEDGES}\s+)?$")
_ATTRIBUTE_OF = _rx.compile(rf"(?:a\s+)?(?:total\s+)?([a-z -]{{0,40}}?)\s+of\s+(?:{_HEDGES}\s+)?$")
_NOUN_OF = _rx.compile(
    r"(?P<np>\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z][\w'’-]*\s+){0,2}"
    r"(?P<head>[a-z][\w'’-]*))\s+of\s+"
    rf"(?:{_HEDGES}\s+)?$"
)
_ATTRIBUTE_NOUNS = {
    "area",
    "size",
    "space",
    "length",
    "total",
    "land",
    "surface",
    "footprint",
    "extent",
    "distance",
    "population",
    "height",
    "width",
    "depth",
    "capacity",
    "output",
    "value",
    "cost",
    "budget",
    "investment",
    "sum",
    "amount",
    "volume",
    "range",
    "radius",
    "stretch",
    "maximum",
    "minimum",
    "average",
    "increase",
    "decrease",
    "growth",
    "rate",
    "share",
}
_PART_NOUNS = {
    "phase",
    "stage",
    "section",
    "portion",
    "part",
    "segment",
    "plot",
    "block",
    "half",
    "wing",
}
_PART_ORDER = {"first", "second", "third", "fourth", "initial", "final", "next", "main", "last"}
_APPOSITION = _rx.compile(
    r"(?P<np>(?:[Tt]he\s+|[Aa]n?\s+|[Ii]ts\s+)?(?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*),\s+"
    r"(?:(?:covering|spanning|measuring|occupying|taking up|with)\s+)?"
    r"(?:(?:a\s+total\s+|an\s+)?area\s+of\s+)?"
    rf"(?:(?:{_HEDGES}|just over|just under)\s+)?$"
)
_PREMOD = _rx.compile(rf"{_SP}{{1,2}}([a-z][a-z-]*[a-z])\b")
_PLACE_AFTER = _rx.compile(
    rf"{_SP}+(?:in|of|at){_SP}+(?:the{_SP}+)?([A-Z][\w'’-]*(?:{_SP}[A-Z][\w'’-]*)*)"
)
_NOT_NOUN = {
    "and",
    "or",
    "of",
    "in",
    "to",
    "for",
    "from",
    "is",
    "are",
    "was",
    "were",
    "will",
    "has",
    "have",
    "had",
    "each",
    "per",
    "away",
    "long",
    "wide",
    "high",
    "deep",
    "tall",
    "square",
    "more",
    "less",
    "larger",
    "smaller",
    "increase",
    "decrease",
    "total",
    "area",
    "respectively",
    "along",
    "apart",
    "across",
    "around",
    "north",
    "south",
    "east",
    "west",
    "inland",
    "offshore",
    "upstream",
    "downstream",
    "ago",
    "later",
    "earlier",
    "above",
    "below",
    "beyond",
    "into",
    "onto",
    "off",
    "out",
    "over",
    "under",
    "up",
    "down",
    "on",
    "at",
    "by",
    "with",
    "as",
    "than",
    "that",
    "which",
    "but",
    "so",
    "while",
    "when",
    "where",
    "after",
    "before",
    "since",
    "until",
    "during",
    "within",
    "without",
    "between",
    "among",
    "through",
    "toward",
    "towards",
}


_NUMBER_WORDS = {
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "both",
    "all",
    "each",
}


def _is_noun_like(word: str) -> bool:
    """A word that can head a noun phrase (not a number, verb form or function word)."""
    w = word.lower()
    if (
        w in _NUMBER_WORDS
        or w in lx.NOUN_STOP
        or w in _NOT_NOUN
        or (not w.isalpha() and "-" not in w)
    ):
        return False
    return not (w.endswith("ed") or w.endswith("ing") or w.endswith("ly"))


def _dec_str(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


_NP_WORD = _rx.compile(rf"{_SP}{{0,2}}([A-Za-z][A-Za-z&'’-]*[A-Za-z&]|[A-Za-z]|\d+(?:[.,]\d+)?)")
_NP_NEXT = _rx.compile(rf"{_SP}{{1,2}}([A-Za-z][A-Za-z&'’-]*)")


_AND_TAIL = _rx.compile(
    rf"{_SP}{{1,2}}([A-Za-z][\w&'’-]*)(?:{_SP}{{1,2}}([A-Za-z][\w&'’-]*))?(?:{_SP}{{1,2}}([A-Za-z][\w&'’-]*))?"
)
_NOT_PLURAL = {
    "is",
    "was",
    "has",
    "as",
    "us",
    "this",
    "its",
    "thus",
    "plus",
    "less",
    "across",
    "yes",
}


def _plural_tail(text: str, pos: int) -> bool:
    """After 'and': do the next words end in a plural noun before any function word?"""
    m = _AND_TAIL.match(text, pos)
    if not m:
        return False
    for w in m.groups():
        if w is None:
            return False
        lw = w.lower()
        if lw in lx.NOUN_STOP or lw in _NUMBER_WORDS:
            return False
        if lw.endswith("s") and lw not in _NOT_PLURAL and not lw.endswith("ss"):
            return True
    return False


def _noun_phrase(text: str, pos: int, limit: int = 7) -> tuple[str, int] | None:
    """The counted noun right after a number: '10 innovative R&D platforms' -> 'innovative
    R&D platforms'. Stops at prepositions, verbs, punctuation."""
    i = pos
    if i < len(text) and text[i] == "-":
        i += 1
    words: list[tuple[str, int, int]] = []
    n = len(text)
    while len(words) < limit:
        m = _NP_WORD.match(text, i)
        if not m:
            break
        w = m.group(1)
        lw = w.lower()
        if lw in lx.NOUN_STOP:
            break
        if lw in {"and", "or"}:
            if not words:
                break
            # "five headquarters and research centers": keep going if a noun follows
            nxt = _NP_NEXT.match(text, m.end())
            if (
                not nxt
                or nxt.group(1).lower() in lx.NOUN_STOP
                or nxt.group(1)[0].isdigit()
                or nxt.group(1).lower() in _NUMBER_WORDS
            ):
                break
            if not _plural_tail(text, m.end()):
                break  # "180,000 new jobs and add": a verb follows, not another noun
            words.append((w, m.start(1), m.end(1)))
            i = m.end()
            continue
        if w[0].isdigit() and not (words and words[-1][0][:1].isupper()):
            break
        words.append((w, m.start(1), m.end(1)))
        i = m.end()
        if i < n and text[i] in ',.;:!?)"”(\n':
            break
    while words and words[-1][0].lower() in {"and", "or"}:
        words.pop()
    if not words:
        return None
    return " ".join(w for w, _, _ in words), words[-1][2]


@lru_cache(maxsize=1 << 14)
def _normalize_noun(noun: str) -> str:
    words = [w.lower().strip("'’") for w in noun.split()]
    words = [w for w in words if w not in lx.LOOSE_ADJECTIVES]
    s = " ".join(words)
    for k, v in lx.NOUN_SYNONYMS.items():
        if s == k or s.endswith(" " + k):
            s = s[: len(s) - len(k)] + v
            break
    return s


#: ``SetAside(document=..., ..., detail=...)`` for values computed here: the same record,
#: without validating again what is already a str or an int
_set_aside = trusted_maker(SetAside, ("document", "start", "end", "text", "reason", "detail"))


class Extractor:
    """Extracts claims from one document (see the module docstring)."""

    def __init__(self, doc: Document, index: EntityIndex, tol: Tolerances = DEFAULT_TOLERANCES):
        self.ctx = _Ctx(doc, index, tol)
        self.b = _Builder(self.ctx)
        self.doc = doc
        self.text = doc.text
        self.out = Extraction()
        self.year = doc.date.year if doc.date else None
        self._cues: dict[int, tuple[bool, bool]] = {}
        self._nav: dict[int, bool] = {}
        self._sent_starts: list[int] | None = None
        self._mention_starts: list[int] | None = None
        self._line_starts: list[int] | None = None

    # ---- set aside ----------------------------------------------------------------------
    def aside(self, n: Numeral | Any, reason: str) -> None:
        category = _PARENTHESES_OR_QUOTES.sub("", reason).strip()
        detail = reason if reason != category else None
        start, end, text = n.start, n.end, n.text
        if type(start) is int and type(end) is int and type(text) is str:
            record = _set_aside(self.doc.id, start, end, text, category, detail)
        else:  # not a numeral of ours: validated
            record = SetAside(
                document=self.doc.id,
                start=start,
                end=end,
                text=text,
                reason=category,
                detail=detail,
            )
        self.out.set_aside.append(record)

    def run(self) -> Extraction:
        text = self.text
        taken: list[tuple[int, int]] = []
        self._dates(taken)
        cells = table_cells(self)
        if cells.claims:
            dated = sorted(taken)
            ends = [b for _, b in dated]
            for cell in cells.claims:
                k = bisect_right(ends, cell.start)
                if k < len(dated) and dated[k][0] < cell.end:
                    continue  # a date already read there
                self.out.claims.append(cell)
                taken.append((cell.start, cell.end))
        unit_spans = sorted(cells.unit_spans)
        unit_starts = [a for a, _ in unit_spans]
        numerals = find_numerals(text)
        self.out.numerals = len(numerals)
        ti = 0
        taken.sort()
        consumed_until = -1
        for n in numerals:
            while ti < len(taken) and taken[ti][1] <= n.start:
                ti += 1
            if ti < len(taken) and taken[ti][0] <= n.start < taken[ti][1]:
                self.out.claimed_numerals += 1  # part of a date claim
                continue
            if n.start < consumed_until:
                self.out.claimed_numerals += 1  # part of the previous claim ("five to 10 years")
                continue
            if unit_spans and _within(unit_spans, unit_starts, n.start):
                self.aside(n, "the unit of a table's column ('(100 million yuan)')")
                continue
            if self.doc.is_ignored(n.start):
                ls, le = self._line_of(n.start)
                if self._nav_line(ls, le):
                    self.aside(n, "page navigation")
                else:
                    self.aside(n, "inside markup, code, a URL or an e-mail address")
                continue
            if n.value > 0 and _MINUS_WORD.search(text, max(0, n.start - 12), n.start):
                mw = _MINUS_WORD.search(text, max(0, n.start - 12), n.start)
                assert mw is not None
                n = replace(
                    n,
                    start=mw.start(),
                    text=text[mw.start() : n.end],
                    value=-n.value,
                    digits="-" + n.digits,
                    end_value=None if n.end_value is None else -n.end_value,
                )
            try:
                claim = self.classify(n)
            except Exception as exc:  # one odd numeral must not stop the document
                self.aside(n, f"could not be read ({type(exc).__name__})")
                continue
            if claim is not None:
                self.out.claims.append(claim)
                self.out.claimed_numerals += 1
                consumed_until = claim.end
        self._word_durations()
        self._word_multiples()
        self._article_units()
        self.out.claims.sort(key=lambda c: (c.start, c.end))
        self.out.mentions = self.ctx.all_mentions
        return self.out

    def _dates(self, taken: list[tuple[int, int]]) -> None:
        """Dates, quarters, fiscal years and dates relative to the document date."""
        text = self.text
        doc_date = self.doc.date
        # Without a document date a year-less date takes its year from an explicit date
        # shortly before it ("on March 9 2004 ... reopened on April 2").
        dates = find_dates(text, self.year if self.year is not None else _NO_YEAR)
        explicit = [d for d in dates if not d.year_inferred and d.date is not None]
        if doc_date is not None and self.doc.date_source == "front_matter":
            # the front matter is not prose, but its date is cited by the checks that use it
            at = front_matter_date_span(text)
            if at is not None:
                taken.append((at.start, at.end))
                self.out.claims.append(
                    DateClaim(
                        **self.b.common("date", at.start, at.end),
                        value=doc_date.isoformat(),
                        notes=("the document date, from the front matter",),
                        subject=None,
                    )
                )
        for d in dates:
            if self.doc.is_ignored(d.start):
                continue
            taken.append((d.start, d.end))
            value = d.value
            notes: tuple[str, ...] = ()
            if d.year_inferred:
                try:
                    got = self._infer_year(d, explicit)
                except ValueError:  # February 29 in a year that has none
                    got = None
                if got is None:
                    self.out.set_aside.append(
                        SetAside(
                            document=self.doc.id,
                            start=d.start,
                            end=d.end,
                            text=d.text,
                            reason="a date without a year, and no document date",
                        )
                    )
                    continue
                value, note = got
                notes = (note,)
            self.out.claims.append(
                DateClaim(
                    **self.b.common("date", d.start, d.end),
                    value=value,
                    year_inferred=d.year_inferred,
                    notes=notes,
                    subject=None,
                )
            )
        for p in find_periods(text):
            if self.doc.is_ignored(p.start) or _overlaps(taken, p.start, p.end):
                continue
            taken.append((p.start, p.end))
            if p.months is not None:
                self.out.claims.append(
                    PeriodClaim(
                        **self.b.common("period", p.start, p.end),
                        number=p.text,
                        value=p.months,
                        notes=(p.note,),
                    )
                )
            elif p.years is not None and p.years[0] != p.years[1]:
                self.out.claims.append(
                    PeriodClaim(
                        **self.b.common("period", p.start, p.end),
                        number=p.text,
                        value=p.years,
                        notes=(p.note,),
                    )
                )
            elif p.years is not None:
                sent = self.doc.sentence_at(p.start)
                before = text[max(sent.start, p.start - 40) : p.start]
                self.out.claims.append(
                    YearClaim(
                        **self.b.common("year", p.start, p.end),
                        number=p.text,
                        value=p.years[0],
                        role=Role.TARGET if _TARGET_BEFORE.search(before) else None,
                        notes=(p.note,),
                    )
                )
        if doc_date is None:
            return
        explicit_days = [d.start for d in explicit if d.date is not None]
        for r in find_relative_dates(text, doc_date, self._future_at):
            if self.doc.is_ignored(r.start) or _overlaps(taken, r.start, r.end):
                continue
            if _RECURRING.search(text, max(0, r.start - 12), r.start):
                continue  # "every Saturday": no one date
            if r.weekday and self._dated_nearby(r.start, explicit_days):
                continue  # "a press conference Tuesday. On Sept. 5, 2023, ...": that date
            taken.append((r.start, r.end))
            self.out.claims.append(
                DateClaim(
                    **self.b.common("date", r.start, r.end),
                    value=r.value,
                    year_inferred=True,
                    notes=(r.note,),
                    subject=None,
                )
            )

    def _unit_range(self, n: Numeral, before: str) -> tuple[Numeral, UnitInfo, int] | None:
        """A range with the unit on both ends or after a suspended hyphen, as one figure:
        '44 mg to 50 mg', 'between 44 mg and 50 mg', '8- to 16-meter', '-18 °C to -34 °C'."""
        text = self.text
        first = match_unit(text, n.end)
        pos = first[1] if first is not None else n.end
        j = _UNIT_RANGE_JOIN.match(text, pos)
        if j is None:
            return None
        if first is None and not j.group(0).startswith("-"):
            return None  # "3 to 4 L" is already one numeral; "7 to 10" has no unit
        if _FROM_IN_CLAUSE.search(before) and not _RANGING_FROM.search(before):
            return None  # "rose from 5 km to 7 km": two figures, a change
        is_and = j.group("w") is not None and j.group("w").lower() == "and"
        between = _BETWEEN_BEFORE_UNIT.search(before) if is_and else None
        if is_and and between is None:
            return None
        b = _UNIT_RANGE_END.match(text, j.end())
        if b is None:
            return None
        second = match_unit(text, b.end())
        if second is None or (first is not None and first[0].canonical != second[0].canonical):
            return None
        end_value = Decimal(b.group(0).replace(",", "").replace("\u2212", "-"))
        if first is None and not end_value > n.value:
            return None
        start = n.start - len(between.group(0)) if between is not None else n.start
        merged = replace(
            n,
            start=start,
            end=b.end(),
            text=text[start : b.end()],
            type="range",
            end_value=end_value,
            end_digits=b.group(0).replace(",", ""),
            end_scale=0,
        )
        return merged, second[0], second[1]

    def _money_range(
        self, n: Numeral, currency: str, cstart: int, ls: int
    ) -> tuple[Numeral, int] | None:
        """A range with the currency on both ends, as one figure: 'between €900 and €1,300',
        'ranging from $5 to $10 million', '$8m-$12m'. Returns the merged numeral and where the
        claim starts. 'rose from $5 to $7' stays two figures (a change)."""
        text = self.text
        if n.type != "cardinal" or n.form == "words":
            return None
        exp1, pos = 0, n.end
        ab = _MONEY_ABBR.match(text, pos) if n.scale == 0 else None
        if ab is not None:
            exp1, pos = _MONEY_SCALE[(ab.group(1) or ab.group(2)).lower()], ab.end()
        j = _MONEY_RANGE_JOIN.match(text, pos)
        if j is None:
            return None
        before = text[max(ls, cstart - 40) : cstart]
        between = _BETWEEN_BEFORE_UNIT.search(before)
        if (j.group("w") or "").lower() == "and" and between is None:
            return None
        if _FROM_IN_CLAUSE.search(before) and not _RANGING_FROM.search(before):
            return None  # "rose from an estimate of $5 to $7": a change
        k = j.end()
        second = next(iter(find_numerals(text[k : k + 48])), None)
        if second is None or second.type != "cardinal" or second.form == "words":
            return None
        if match_currency_before(text, k + second.start) != (currency, k):
            return None  # the same currency, written right after the join
        low, high, end = n.value.scaleb(exp1), second.value, k + second.end
        exp2 = second.scale
        ab2 = _MONEY_ABBR.match(text, end) if second.scale == 0 else None
        if ab2 is not None:
            exp2 = _MONEY_SCALE[(ab2.group(1) or ab2.group(2)).lower()]
            high, end = high.scaleb(exp2), ab2.end()
        if exp1 == 0 and n.scale == 0 and exp2 and low.scaleb(exp2) <= high:
            low = low.scaleb(exp2)  # "$5 to $10 million": the scale word carries back
        if not high > low:
            return None
        merged = replace(
            n,
            end=end,
            text=text[n.start : end],
            value=low,
            scale=max(exp1, exp2),
            type="range",
            end_value=high,
            end_digits=second.digits,
            end_scale=exp2,
        )
        return merged, cstart - len(between.group(0)) if between is not None else cstart

    def _age_bracket(self, n: Numeral, before: str, ls: int) -> bool:
        """'under the age of 18', 'aged 18 to 24', '65 years of age or older', and a
        range 'from 18 to 24' in a sentence about ages."""
        if n.form == "words" and n.value < 10:
            return False
        m = _AGE_BEFORE.search(before)
        if m and (m.group("pre") or "").strip().lower() not in {"median", "average", "mean"}:
            return True
        if _AGE_AFTER.match(self.text, n.end):
            return True
        if n.type == "range" and _FROM_END_LOOSE.search(before):
            sent = self.doc.sentence_at(n.start)
            return _AGED_WORD.search(self.text[sent.start : sent.end]) is not None
        return False

    def _inherit_unit(self, n: Numeral, ls: int) -> Claim | None:
        """A bare number compared with a figure just before it takes that figure's unit:
        'a median age of 41 years, up from 39 in 2010 and 36 in 2000'."""
        if n.form != "digits" or n.type != "cardinal" or not self.out.claims:
            return None
        if n.start - self.out.claims[-1].end > 60:
            return None  # nothing close enough before
        k = len(self.out.claims) - 1
        while k > 0 and self.out.claims[k].kind == "year":
            k -= 1  # "39 in 2010 and 36 in 2000"
        prev = self.out.claims[k]
        if prev.kind not in {"duration", "length", "area", "quantity", "money", "percent"}:
            return None
        if _SCALED.search(prev.text):
            return None  # "5.2 million tonnes, up from 4.8": 4.8 million? left unread
        if prev.start < self.doc.sentence_at(n.start).start:
            return None
        gap = self.text[prev.end : n.start]
        gap = _IN_YEAR_GAP.sub("", gap)  # "39 in 2010 and 36"
        if len(gap) > 40 or not _INHERIT_GAP.fullmatch(gap):
            return None
        if prev.kind == "percent" and _FROM_START.match(gap):
            return None  # "up 29.7% from 310,000": the base of the change, not a percent
        if not prev.stated or not (
            Decimal("0.1") <= abs(_RATIO_CTX.divide(n.value, prev.stated)) <= 10
        ):
            return None  # a figure of another size is another quantity
        if not _INHERIT_END.match(self.text[n.end : n.end + 12]):
            return None  # a noun or a unit follows: the number has its own
        qual, hedge, _ = _qualifier(self.text, n.start, ls)
        step = step_of(
            n.digits, scaled=False, round_trailing_zeros=self.ctx.tol.round_trailing_zeros
        )
        iv = self._hedge_interval(n.value, step, qual, hedge)
        base = self.b.common(
            prev.kind,
            n.start,
            n.end,
            number=_dec_str(n.value),
            stated=n.value,
            unit=prev.unit,
            canonical_unit=prev.canonical_unit,
            qualifier=qual,
            hedge=hedge,
            notes=(f"unit taken from {prev.text!r} before it",),
        )
        if isinstance(prev, DurationClaim) and not isinstance(prev.value, tuple):
            per = _RATIO_CTX.divide(prev.value, prev.stated) if prev.stated else Decimal(1)
            return DurationClaim(**base, value=n.value * per, interval=iv.scale(per))
        if isinstance(prev, PercentClaim):
            return PercentClaim(**base, value=n.value, interval=iv)
        if isinstance(prev, MoneyClaim):
            return MoneyClaim(**base, value=n.value, interval=iv, currency=prev.currency)
        if isinstance(prev, (AreaClaim, LengthClaim, QuantityClaim)) and prev.stated:
            per = _RATIO_CTX.divide(prev.value, prev.stated)
            kw: dict[str, Any] = {"value": n.value * per, "interval": iv.scale(per)}
            if isinstance(prev, QuantityClaim):
                return QuantityClaim(**base, **kw, dimensionality=prev.dimensionality)
            return (AreaClaim if isinstance(prev, AreaClaim) else LengthClaim)(**base, **kw)
        return None

    def _dated_nearby(self, pos: int, starts: list[int]) -> bool:
        """Is a date with a day written in the sentence at pos or a neighbouring one?"""
        sents = self.doc.sentences
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in sents]
        i = bisect_right(self._sent_starts, pos) - 1
        lo = sents[max(0, i - 1)].start if sents else 0
        hi = sents[min(len(sents) - 1, i + 1)].end if sents else len(self.text)
        j = bisect_left(starts, lo)
        return j < len(starts) and starts[j] < hi

    def _future_at(self, pos: int) -> bool:
        sent = self.doc.sentence_at(pos)
        return self._sentence_cues(Span(start=sent.start, end=sent.end))[0]

    def _infer_year(self, d: DateMention, explicit: list[DateMention]) -> tuple[str, str] | None:
        """The value of a year-less date, and where its year came from."""
        month, day = int(d.value[5:7]), d.date.day if d.date else None
        doc_date = self.doc.date
        if doc_date is not None:
            year = doc_date.year
            rel = _REL_YEAR_AFTER.match(self.text, d.end)
            if rel:  # "December 4 last year"
                year += {"this": 0, "last": -1, "next": 1}[rel.group(1).lower()]
                return _ymd(year, month, day), "year taken from the document date"
            if day is not None and self._future_at(d.start):
                try:
                    if datetime.date(year, month, day) < doc_date - datetime.timedelta(days=60):
                        year += 1  # "will open by February 20", written in November
                except ValueError:
                    return None
            return _ymd(year, month, day), "year taken from the document date"
        prior = [e for e in explicit if e.end <= d.start and d.start - e.end <= 600]
        if prior and int(prior[-1].value[5:7]) <= month:
            year = int(prior[-1].value[:4])
            return _ymd(year, month, day), "year taken from an earlier date in the text"
        return None

    def _word_multiples(self) -> None:
        """'twice the size', 'double the estimate', 'fourfold', 'twelve-fold': ratios."""
        taken = sorted((c.start, c.end) for c in self.out.claims)
        starts = [a for a, _ in taken]
        text = self.text
        for m in anchored(_MULTIPLE_WORD, _MULTIPLE_ANCHOR, text, 12):
            i = bisect_right(starts, m.start()) - 1
            if (i >= 0 and taken[i][1] > m.start()) or self.doc.is_ignored(m.start()):
                continue
            ls, _ = self._line_of(m.start())
            qual, hedge, _ = _qualifier(text, m.start(), ls)
            word = m.group("w").lower()
            if m.group("fw"):
                value = parse_number(m.group("fw"))
            else:
                value = Decimal(_MULTIPLE_VALUES[word])
                obj = _MULTIPLE_OBJECT.match(text, m.end())
                if qual is Qualifier.EXACT and obj is None:
                    continue  # "elected twice", "double room": no multiple of a quantity
                if word != "twice" and obj is not None and obj.group().strip().lower() == "as":
                    continue  # "the hall will double as a theatre": it serves as one
                if text[m.end() : m.end() + 1] == "-":
                    continue  # "double-digit", "twice-weekly"
            if value is None:
                continue
            self.out.claims.append(
                RatioClaim(
                    **self.b.common("ratio", m.start(), m.end()),
                    number=m.group(0),
                    stated=value,
                    value=value,
                    qualifier=qual,
                    hedge=hedge,
                    interval=self._hedge_interval(value, None, qual, hedge),
                )
            )

    def _word_durations(self) -> None:
        """'a decade', 'half a century': durations written without a numeral."""
        taken = sorted((c.start, c.end) for c in self.out.claims)
        starts = [a for a, _ in taken]
        for m in anchored(_WORD_DURATION, _WORD_DURATION_ANCHORS, self.text, 30):
            i = bisect_right(starts, m.start()) - 1
            if (i >= 0 and taken[i][1] > m.start()) or self.doc.is_ignored(m.start()):
                continue
            what = " ".join(m.group("what").lower().split())
            years = Decimal(_WORD_DURATION_YEARS.get(what, _WORD_DURATION_YEARS[what.split()[-1]]))
            ls, _ = self._line_of(m.start())
            qual, hedge, _ = _qualifier(self.text, m.start(), ls)
            sent = self.doc.sentence_at(m.start())
            before = self.text[max(sent.start, m.start() - 30) : m.start()]
            self.out.claims.append(
                DurationClaim(
                    **self.b.common("duration", m.start(), m.end()),
                    number=m.group(0),
                    stated=years,
                    unit="years",
                    canonical_unit="year",
                    value=years,
                    qualifier=qual,
                    hedge=hedge,
                    interval=self._hedge_interval(years, None, qual, hedge),
                    role=Role.PAST if _LAST_N.search(before) else None,
                )
            )

    def _article_units(self) -> None:
        """'a gallon of beer', 'a hectare of land': one unit of a measure written with an
        article. Only before "of" and a noun, and not after a figure ('$4 a gallon of milk'
        is a price per gallon); 'a mile away', 'a foot in the door', 'a ton of work' and 'an
        ounce of prevention' are idioms (those units are not in the list)."""
        taken = sorted((c.start, c.end) for c in self.out.claims)
        starts = [a for a, _ in taken]
        text = self.text
        for of in _OF_WORD.finditer(text):  # a literal: one fast scan
            k = of.start()
            if not text[max(0, k - 12) : k].lower().endswith(_ARTICLE_UNIT_ENDS):
                continue
            m = _ARTICLE_UNIT.search(text, max(0, k - 40), k)
            if m is None or not _OF_NOUN.match(text, k):
                continue
            i = bisect_right(starts, m.start()) - 1
            if (i >= 0 and taken[i][1] > m.start()) or self.doc.is_ignored(m.start()):
                continue
            if _FIGURE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
                continue
            mu = match_unit(text, m.end("a"))
            if mu is None or mu[1] != m.end("u"):
                continue
            one = Numeral(
                start=m.start(),
                end=m.end("a"),
                text=m.group("a"),
                value=Decimal(1),
                digits="1",
                scale=0,
                form="words",
                type="cardinal",
            )
            ls, _ = self._line_of(m.start())
            qual, hedge, _ = _qualifier(text, m.start(), ls)
            self.out.claims.append(self.measure(one, mu[0], mu[1], qual, hedge, None))

    # ---- classification -----------------------------------------------------------------
    def classify(self, n: Numeral) -> Claim | None:
        text = self.text
        ls, le = self._line_of(n.start)
        before = text[max(ls, n.start - 40) : n.start]
        after = text[n.end : n.end + 40]
        low = n.text.lower()

        if low == "dozen" and _BAKERS_BEFORE.search(before):  # "a baker's dozen" is 13
            b = _BAKERS_BEFORE.search(before)
            assert b is not None
            start = n.start - (len(before) - b.start())
            n = replace(n, start=start, text=text[start : n.end], value=Decimal(13), digits="13")
            low = n.text.lower()
        # Page navigation: a line of bare small numbers.
        if self._nav_line(ls, le):
            self.aside(n, "page navigation")
            return None
        if n.form == "digits" and _in_numeric_date(text, n.start):
            self.aside(n, "part of a date written in digits (day and month order unknown)")
            return None
        tail6 = before[-6:]
        if (
            ("±" in tail6 or "+" in tail6)  # what the pattern needs: a cheap test first
            and _UNCERTAINTY_BEFORE.search(tail6)
            and n.type == "cardinal"
        ):
            self.aside(n, "the uncertainty of the figure before ('± 0.3')")
            return None
        if before.endswith("^") and before[-2:-1].isalpha():
            self.aside(n, "an exponent of a unit ('m^2')")
            return None
        if before.endswith("[") and after.startswith("]") and n.value < 1000:
            self.aside(n, "reference mark")
            return None
        if ("UTC" in before or "GMT" in before) and _TIME_ZONE_END.search(before):
            self.aside(n, "time zone")
            return None
        am_pm = _AM_PM_AFTER.match(after)
        if am_pm and not _CLOCK_NUMBER.fullmatch(n.text):
            # "2.123 pm", "0.5 pm": no clock reads so; the symbol is the picometre (attometre)
            sym = am_pm
            word = sym.group().strip()
            if word in _SMALL_LENGTHS and n.form == "digits" and n.type == "cardinal":
                unit = UnitInfo(word, word, "length", _SMALL_LENGTHS[word])
                return self.measure(
                    n, unit, n.end + sym.end(), *_qualifier(text, n.start, ls)[:2], None
                )
        if am_pm or _CLOCK_MINUTES_AFTER.match(after):
            self.aside(n, "time of day")
            return None
        # (cheap substring tests guard the rarer patterns: this runs for every numeral)
        if n.form == "digits" and "°" in after[:3] and _COORDINATE_AFTER.match(text, n.end):
            self.aside(n, "a coordinate ('53.5°N')")
            return None
        if n.form == "digits" and (
            _CLOCK_AFTER.match(text, n.end)
            or (before[-1:] in {":", "."} and before[-2:-1].isdigit())
        ):
            self.aside(n, "a clock time or a lap time ('9.30pm', '1:42.3')")
            return None
        if (
            n.form == "digits"
            and "." in n.text
            and (after[:1] in {";", ","} or before[-2:-1] in {";", ","} or before[-3:-2] == ";")
            and _is_coordinate_pair(text, n)
        ):
            self.aside(n, "a coordinate ('51.2034; -1.4180')")
            return None
        if (
            "age" in before
            or "Age" in before
            or " or " in after[:20]
            or " and " in after[:20]
            or "of age" in after[:16]
            or (n.type == "range" and "from" in before[-6:])
        ) and self._age_bracket(n, before, ls):
            self.aside(n, "an age bracket ('under the age of 18', '65 or older')")
            return None
        if (
            n.type == "cardinal"
            and before.endswith(("from ", "from\u00a0"))
            and _OR_MORE_AFTER.match(after)
        ):
            self.aside(n, "names a category ('from two or more races')")
            return None
        if n.type != "range" and "every" in before and _RATE_BASE_BEFORE.search(before):
            self.aside(n, "the base of a rate ('for every 100 females')")
            return None
        if (
            text[ls : n.start].strip() == ""
            and _LIST_NUMBER_AFTER.match(after + " ")
            and n.form == "digits"
            and n.value < 1000
            and (after[:1] in ".)" or ("." in n.text and not _continues_line(text, ls, after)))
        ):
            self.aside(n, "section or list number")
            return None
        # Idioms and names.
        w0 = max(0, n.start - 20)
        near = text[max(0, n.start - _DIGIT_IDIOM_LEN + 1) : n.start + _DIGIT_IDIOM_LEN]
        if not text[n.start].isdigit() or any(c in _DIGIT_IDIOM_MARKS for c in near):
            for im in _IDIOM_RE.finditer(text, w0, n.end + 30):
                if im.start() <= n.start < im.end():
                    self.aside(n, f"part of the idiom '{im.group().lower()}'")
                    return None
        # (only read for numerals in digits, below)
        wb = _words_before(text, n.start, 2) if n.form == "digits" else []
        if (
            n.form == "digits"
            and wb
            and wb[-1] in lx.NAME_BEFORE
            and not _PERCENT_AFTER.match(after)
        ):
            prev_raw = [w.lstrip("([\"“'") for w in text[max(0, n.start - 12) : n.start].split()]
            if wb[-1] in _DATED_NAMES and _YEAR_1800_2099.fullmatch(n.text):
                pass  # "the Water Resources Act 1963": the year the act was passed
            elif prev_raw and (prev_raw[-1][:1].isupper() or wb[-1] in lx.IDENTIFIER_BEFORE):
                self.aside(n, f"part of a name or identifier ('{prev_raw[-1]} {n.text}')")
                return None
        if n.form == "words" and n.text[:1].isupper() and not self._sentence_initial(n.start):
            nxt = _SPACED_NAME_AFTER.match(after)
            if nxt or _CAP_NAME_BEFORE.search(before):
                self.aside(n, "part of a name (capitalized number word)")
                return None

        qual, hedge, _ = _qualifier(text, n.start, ls)
        qa = _qualifier_after(text, n.end)
        if n.vague:
            return self.vague(n, hedge)

        # "about AD 43", "44 BC": a year of the era
        if n.form == "digits" and n.type == "cardinal" and n.value == n.value.to_integral_value():
            era_b = _ERA_BEFORE.search(before) if "D" in before[-5:] else None
            era_a = _ERA_AFTER.match(text, n.end) if after[1:2] in {"B", "A", "C"} else None
            if era_b or era_a:
                bc = era_a is not None and era_a.group(1).upper().startswith("B")
                start = n.start - len(era_b.group(0)) if era_b else n.start
                end = era_a.end() if era_a else n.end
                if qual is Qualifier.EXACT:
                    qual, hedge, _ = _qualifier(text, start, ls)
                return YearClaim(
                    **self.b.common("year", start, end),
                    number=n.text,
                    value=-int(n.value) if bc else int(n.value),
                    qualifier=qual,
                    hedge=hedge,
                )

        # "For every 100 women there are 96.40 men": a ratio to the base.
        rb = (
            _RATE_RATIO_BEFORE.search(text, max(ls, n.start - 120), n.start)
            if "every" in text[max(ls, n.start - 120) : n.start]
            else None
        )
        if rb is not None and n.type == "cardinal":
            base = parse_number(rb.group("base"))
            if base:
                return self.ratio(n, qual, hedge, divide_by=base)
        # "The average household size is 2.41": persons per household.
        if (
            n.type == "cardinal"
            and n.form == "digits"
            and "size" in before
            and _AVERAGE_SIZE_BEFORE.search(before)
            and not _UNITISH_AFTER.match(text, n.end)
        ):
            return self.ratio(n, qual, hedge)
        # "up from 39 in 2010 and 36 in 2000": the unit of the figure compared with
        inherited = self._inherit_unit(n, ls)
        if inherited is not None:
            return inherited

        if (
            n.type == "range"
            and n.end_value is not None
            and self._is_year(n.value)
            and self._is_year(n.end_value)
            and n.end_value > n.value
            and n.end_value - n.value <= 100
            and n.form == "digits"
            and "," not in n.text
        ):
            if (
                n.end_value == n.value + 1
                and _FISCAL_YEAR_DIGITS.fullmatch(n.text)
                and _FISCAL_POINT_BEFORE.search(before)
            ):
                # a fiscal year "2031-32": after "by" or "from" it names a point in time
                return self.year_claim(n, fiscal=True)
            return self.period(n)

        # Money with the currency before the number.
        cb = match_currency_before(text, n.start)
        if cb is not None:
            if qual is Qualifier.EXACT:  # "some $17.3 billion": the hedge precedes the sign
                qual, hedge, _ = _qualifier(text, cb[1], ls)
            mr = self._money_range(n, cb[0], cb[1], ls)
            if mr is not None:
                return self.money(mr[0], cb[0], mr[1], mr[0].end, qual, hedge)
            return self.money(n, cb[0], cb[1], n.end, qual, hedge)

        # "9.83 ± 0.02 m/s2", "5.2 +/- 0.3 kg": a figure with its stated uncertainty
        if n.type == "cardinal" and ("±" in after[:3] or "+/-" in after[:5] or "+-" in after[:4]):
            pm = self._with_uncertainty(n, qual, hedge)
            if pm is not None:
                return pm
        # Units (area, length, percent, density, quantities).
        if (
            n.type == "cardinal"
            and n.form == "digits"
            and text[n.end : n.end + 1] in {"k", "K"}
            and match_unit(text, n.end + 1) is not None
            and match_unit(text, n.end) is None  # "4km^3" is 4 km³, not 4 thousand m³
        ):
            # "0.5k miles": a thousand, abbreviated, before a unit
            n = replace(
                n,
                end=n.end + 1,
                text=text[n.start : n.end + 1],
                value=n.value.scaleb(3),
                scale=3,
                form="mixed",
            )
        if n.type == "cardinal" and n.form == "digits":
            rg = self._unit_range(n, before)
            if rg is not None:
                return self.measure(rg[0], rg[1], rg[2], qual, hedge, qa)
        if n.type != "ordinal":
            mu = match_unit(text, n.end)
            if mu is not None and not (
                n.form == "words"
                and mu[0].dimension not in {"area", "length", "percent", "density"}
                and len(mu[0].written) <= 2
            ):
                return self.measure(n, mu[0], mu[1], qual, hedge, qa)
            ca = match_currency_after(text, n.end)
            if ca is not None:
                return self.money(n, ca[0], n.start, ca[1], qual, hedge)
        if n.type in ("cardinal", "range") and (deg := _DEGREES_AFTER.match(text, n.end)):
            done, claim = self.degrees(n, deg.end(), qual, hedge, qa)
            if done:
                return claim

        dur = self._duration_unit(n)
        if dur is not None:
            unit_word = text[n.end : dur[1]].strip(" -\u00a0").lower()
            if n.type == "ordinal" and unit_word in {"century", "centuries", "millennium"}:
                return self.ordinal(n)  # "the 21st century": which century, not how long
            if unit_word in _CLOCK_SECONDS and _CLOCK_DURATION.match(text, dur[1]):
                compound = self._compound_duration(n, unit_word, dur[1], qual, hedge)
                if compound is not None:
                    return compound
            if _CLOCK_DURATION_BEFORE.search(before):
                self.aside(n, "part of a time in hours and minutes")
                return None
            if _ANNIVERSARY_BEFORE.search(before) and _OF_AFTER.match(text[dur[1] : dur[1] + 4]):
                return self.anniversary(n, dur[1])
            return self.duration(n, dur[0], dur[1], qual, hedge)

        if n.type == "ordinal":
            return self.ordinal(n)

        if (low == "half" and _A_CENTURY_AFTER.match(after)) or (
            low == "a quarter" and _OF_A_CENTURY_AFTER.match(after)
        ):
            self.aside(n, "part of a duration written in words ('half a century')")
            return None
        if n.type == "fraction" or self._multiple(n) is not None:
            return self.ratio(n, qual, hedge)

        if (
            n.form == "digits"
            and _DECADE_YEAR.fullmatch(n.text)
            and after[:1] == "s"
            and not after[1:2].isalpha()
        ):
            # "the 1980s": the decade as a period of years; "the early 1980s" its first part
            start = int(n.value)
            part = _DECADE_PART.search(before)
            if part:
                first, last = _DECADE_PARTS[part.group(1).lower().rstrip("-")]
                return PeriodClaim(
                    **self.b.common("period", n.start - len(part.group(0)), n.end + 1),
                    number=part.group(0) + n.text + "s",
                    value=(start + first, start + last),
                    qualifier=Qualifier.APPROX,
                    hedge=part.group(1),
                    notes=("a part of a decade",),
                )
            return PeriodClaim(
                **self.b.common("period", n.start, n.end + 1),
                number=n.text + "s",
                value=(start, start + 9),
                notes=("a decade",),
            )
        if (
            n.form == "digits"
            and n.type == "cardinal"
            and self._is_year(n.value)
            and _FOUR_DIGITS.fullmatch(n.text)
        ):
            # the word right after, on the same line and before any punctuation
            fm = _NEXT_WORD.match(text, n.end)
            following = fm.group(1) if fm else ""
            prev = wb[-1] if wb else ""
            plural_noun = (
                following.endswith("s")
                and not following.endswith(("ss", "us", "is"))
                and following not in _YEARS_ROLE_WORDS
                and following not in _NOT_PLURAL
                and prev not in _YEARS_ROLE_WORDS
            )
            if not plural_noun and prev != "per":
                return self.year_claim(n)

        if low in {"one", "a", "an"} or (
            n.form == "words" and n.value == 1 and n.type == "cardinal"
        ):
            self.aside(
                n, "the number one, not a checkable figure (a pronoun, 'one of', or a slogan)"
            )
            return None
        if low in {"zero", "none"} or (n.form == "digits" and n.value == 0):
            if low != "none" and n.type == "cardinal" and self._zero_is_figure(n):
                return self.count(n, qual, hedge, qa)
            if low == "zero" and _ABSOLUTE_BEFORE.search(text, max(0, n.start - 10), n.start):
                kelvin = parse_unit("K")  # "absolute zero" is a temperature: 0 K
                if kelvin is not None:
                    return self.measure(n, replace(kelvin, written="K"), n.end, qual, hedge, qa)
            self.aside(n, "zero")
            return None
        return self.count(n, qual, hedge, qa)

    def _zero_is_figure(self, n: Numeral) -> bool:
        """'zero deaths', '0 cases', 'Zero is the only ...': zero as a count; not 'net
        zero', 'zero-carbon', 'zero tolerance' or 'from zero' (slogans and idioms)."""
        text = self.text
        if n.hyphen_joined_to_word or text[n.end : n.end + 1] in {"-", "\u2010", "%"}:
            return False
        if _ZERO_IDIOM_BEFORE.search(text, max(0, n.start - 12), n.start):
            return False
        m = _ZERO_FOLLOWER.match(text, n.end)
        if m is None:
            return False
        word = m.group(1).lower()
        if word in {"is", "was", "equals"}:  # the number itself as the subject
            return n.form == "words" and self._sentence_initial(n.start)
        return word not in lx.ZERO_IDIOM_NOUNS

    # ---- helpers ----------------------------------------------------------------------
    def _sentence_initial(self, pos: int) -> bool:
        sent = self.doc.sentence_at(pos)
        if pos - sent.start > 8:
            return False
        lead = self.text[sent.start : pos]
        return lead.strip(" \u00a0\"“'(") == ""

    @staticmethod
    def _is_year(v: Decimal) -> bool:
        return v == v.to_integral_value() and 1000 <= v <= 2200

    def _duration_unit(self, n: Numeral) -> tuple[Decimal, int] | None:
        g = _GEOLOGICAL_TIME.match(self.text, n.end)
        if g is not None:
            return Decimal(lx.DURATION_SYMBOLS[g.group(1)]), g.end()
        m = _DURATION_WORD_AFTER.match(
            self.text[n.end : n.end + 30],
        )
        if not m:
            return None
        w = m.group(1).lower()
        if w not in lx.DURATION_UNITS:
            return None
        if m.group(0).startswith("-") and self.text[n.start].isupper():
            return None  # "Five-Year Plan": part of a name
        if self.text[n.end + m.end() : n.end + m.end() + 5].startswith(" old"):
            return None
        return Decimal(lx.DURATION_UNITS[w]), n.end + m.end()

    def _multiple(self, n: Numeral) -> str | None:
        m = _TIMES_FOLD_AFTER.match(self.text[n.end : n.end + 10])
        return m.group(1) if m else None

    def _line_of(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the line holding pos (bisect on the line index)."""
        starts = self._line_starts
        if starts is None:
            starts = self._line_starts = self.doc._line_starts()  # the document's, cached
        i = bisect_right(starts, pos) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def _nav_line(self, ls: int, le: int) -> bool:
        """A line of bare small numbers (page navigation), computed once per line."""
        got = self._nav.get(ls)
        if got is None:
            line = self.text[ls:le]
            got = (
                le - ls < 400 and bool(_PAGE_NAV.match(line)) and len(_DIGIT_RUN.findall(line)) >= 3
            )
            self._nav[ls] = got
        return got

    def _sentence_cues(self, sent: Span) -> tuple[bool, bool]:
        """(future tense, 'by <year>') for a sentence, computed once per sentence."""
        got = self._cues.get(sent.start)
        if got is None:
            stext = self.text[sent.start : sent.end]
            got = (
                _FUTURE_SCAN.search(stext) is not None,  # `_FUTURE.search(stext)`
                _BY_YEAR_SCAN.search(stext) is not None,  # `_BY_YEAR.search(stext)`
            )
            self._cues[sent.start] = got
        return got

    def _role(self, n_start: int, n_end: int, sent: Span) -> Role | None:
        text = self.text
        before = text[max(sent.start, n_start - 60) : n_start]
        tail = before[-30:].lower()
        if _rstrip_nonword(tail).endswith(_PAST_CUE_ENDS) and _PAST_CUE.search(before[-25:]):
            return Role.PAST
        if tail.rstrip().endswith(_LAST_N_ENDS) and _LAST_N.search(before[-30:]):
            return Role.PAST
        future, by_year = self._sentence_cues(sent)
        if future and by_year:
            return Role.TARGET
        low = before.lower()
        for w in _CURRENT_CUE_WORDS:  # a plain loop: any() over a generator cost more
            if w in low:
                break
        else:
            return None
        if _CURRENT_CUE.search(before):
            return Role.CURRENT
        return None

    def _hedge_interval(
        self, value: Decimal, step: Decimal | None, qual: Qualifier, hedge: str | None
    ) -> Interval:
        return interval_for(value, qual, step=step, tolerances=self.ctx.tol, hedge=hedge)

    # ---- subjects ---------------------------------------------------------------------
    def _subject_for_measure(
        self, start: int, end: int
    ) -> tuple[str | None, str | None, str | None]:
        """(key, surface, part_of) for a measure between start and end."""
        ctx = self.ctx
        text = self.text
        sent = self.doc.sentence_at(start)
        mentions = ctx.mentions(sent)
        # Pre-modifier: "a 3.02 km² park in Shenzhen", "a 180-hectare research campus in X"
        m = _PREMOD.match(text, end)
        if m and m.group(1).lower() not in lx.NOUN_STOP and m.group(1).lower() not in _NOT_NOUN:
            words = [m.group(1)]
            pos = m.end()
            for _ in range(2):
                m2 = _PREMOD.match(text, pos)
                if (
                    not m2
                    or m2.group(1).lower() in lx.NOUN_STOP
                    or m2.group(1).lower() in _NOT_NOUN
                ):
                    break
                words.append(m2.group(1))
                pos = m2.end()
            head = words[-1]
            pm = _PLACE_AFTER.match(text, pos)
            if pm:
                surface = f"{' '.join(words)} in {pm.group(1)}"
                return ctx.index.canonical(f"{pm.group(1)} {head}"), surface, None
            lead = text[max(sent.start, start - 40) : start]
            copula = _COPULA_ARTICLE_END.search(
                lead,
            )
            if copula is None and _THE_END.search(lead):
                # "the 59-acre park": the park the text has been talking about
                known = self._latest_with_head(head.lower(), start)
                if known:
                    return known, " ".join(words), None
            if copula is None and _COMMA_START.match(text[pos : pos + 3]) is None:
                # "a 45-hectare forest" with no name: its own subject, never merged
                return f"{' '.join(words).lower()} ({self.doc.id}:{start})", " ".join(words), None
        # Post-modifier: "the 106 square kilometers of Hengqin Cooperation Zone"
        pm2 = _OF_NAME_AFTER.match(
            text[end : end + 120],
        )
        if pm2:
            name = pm2.group(1).strip()
            return ctx.index.canonical(name), name, None
        # "some 300,000 acres are old-growth forest": the figure is the clause's subject
        cop = _COPULA_AFTER.match(text, end)
        if cop and _CLAUSE_START.search(text[max(sent.start, start - 30) : start]):
            phrase = cop.group("np").lower()
            return phrase, cop.group("np"), None
        # "a residential quarter of 70 hectares (is planned in Southgate)"
        lo60 = max(sent.start, start - 60)
        of = _NOUN_OF.search(text, lo60, start) if text.find("of", lo60, start) >= 0 else None
        if of and of.end() == start and of.group("head").lower() not in _ATTRIBUTE_NOUNS:
            head = of.group("head").lower()
            rest = text[end : sent.end]
            pl = _IN_AT_NAME.search(rest[:80])
            inside = [
                mm for mm in mentions if mm.start <= of.start("np") and of.end("np") <= mm.end + 1
            ]
            if inside and inside[-1].key:
                return inside[-1].key, inside[-1].text, None
            if pl:
                return (
                    ctx.index.canonical(f"{pl.group(1)} {head}"),
                    f"{of.group('np')} in {pl.group(1)}",
                    None,
                )
        # Apposition: "the first phase, covering about 40 hectares", "parkland, roughly 87 ha"
        lo = max(sent.start, start - 80)
        ap = _APPOSITION.search(text, lo, start) if text.rfind(",", lo, start) >= 0 else None
        if ap and ap.end() == start and _is_noun_like(ap.group("np").split()[-1]):
            np_words = ap.group("np").split()
            head = np_words[-1].lower()
            inside = [
                mm
                for mm in mentions
                if mm.start <= ap.start("np") + len(ap.group("np")) <= mm.end + 1
                and mm.end >= ap.end("np") - 1
            ]
            if inside and inside[-1].key:
                return inside[-1].key, inside[-1].text, None
            if head in _PART_NOUNS:
                whole = self._previous_subject(sent) or ""
                part = (
                    " ".join(w.lower() for w in np_words[-2:])
                    if len(np_words) > 1 and np_words[-2].lower() in _PART_ORDER
                    else head
                )
                return (f"{part} of {whole}" if whole else part), ap.group("np"), whole or None
            if (
                head not in lx.NOUN_STOP
                and head not in _NOT_NOUN
                and not np_words[-1][:1].isupper()
            ):
                return head, ap.group("np"), None
        # "the first phase of the park ... covering N"
        cands = [mm for mm in mentions if start - 400 <= mm.start and mm.end <= start]
        for mm in reversed(cands):
            if mm.locative:
                continue
            if not mm.key and _COPULA_END.search(
                text[max(sent.start, mm.start - 12) : mm.start],
            ):
                continue  # a predicate ("is the smallest platform"), not the subject
            key = self._resolve(mm, sent)
            if not key:
                continue
            pre = text[max(sent.start, mm.start - 40) : mm.start]
            po = _PART_OF_WHOLE.search(
                pre,
            )
            if po:
                part = f"{(po.group(1) or '').strip()} {po.group(2)}".strip()
                return f"{part} of {key}", f"{part} of {mm.text}", key
            return key, mm.text, None
        # Pronoun subject: "It covers ..."
        lead = text[sent.start : min(start, sent.start + 40)]
        if _PRONOUN_START.match(lead):
            prev = self._previous_subject(sent)
            if prev:
                return prev, lead.split()[0], None
        return None, None, None

    def _latest_with_head(self, head: str, pos: int) -> str | None:
        """The key of the latest mention before pos whose name ends with `head`."""
        ments = self.ctx.all_mentions
        if self._mention_starts is None:
            self._mention_starts = [m.start for m in ments]
        i = bisect_left(self._mention_starts, pos)
        for m in reversed(ments[max(0, i - 200) : i]):
            if m.key and not m.locative and (m.head == head or m.key.endswith(" " + head)):
                return m.key
        return None

    def _previous_subject(self, sent: Span) -> str | None:
        """What 'It' at a sentence start refers to: the subject of the sentence before."""
        sents = self.doc.sentences
        if self._sent_starts is None:
            self._sent_starts = [s.start for s in sents]
        idx = bisect_right(self._sent_starts, sent.start) - 1
        if idx > 0 and sents[idx].start == sent.start:
            prev = sents[idx - 1]
            for mm in self.ctx.mentions(Span(start=prev.start, end=prev.end)):
                if mm.locative:
                    continue
                key = self._resolve(mm, prev)
                if key:
                    return key
        return self.ctx.main

    def _resolve(self, mm: Mention, sent: Span) -> str:
        if mm.key:
            self.ctx.last_by_head[mm.head] = mm.key
            return mm.key
        # definite description: "the zone", "the park", "its functions"
        key = self.ctx.last_by_head.get(mm.head) or self.ctx.last_by_head.get(mm.head.rstrip("s"))
        if key:
            return key
        if self.ctx.main and self.ctx.main.endswith(mm.head):
            return self.ctx.main
        # no antecedent anywhere: 'the reserve' is its own subject
        bare = re.fullmatch(r"[Tt]he\s+" + re.escape(mm.head), mm.text) is not None
        named = self.ctx.index.best_named(mm.head)
        mods = [w.lower() for w in mm.text.split()[1:-1]]
        if named and all(w in named for w in mods):
            return named
        return mm.head if bare else ""

    # ---- claim makers -------------------------------------------------------------------
    def _with_uncertainty(self, n: Numeral, qual: Qualifier, hedge: str | None) -> Claim | None:
        """'5.2 ± 0.3 kg' as one figure, 5.2 kg in [4.9, 5.5] kg; None without a unit after."""
        m = _UNCERTAINTY_AFTER.match(self.text, n.end)
        if m is None:
            return None
        window = self.text[m.end() : m.end() + 40]
        spread = next(iter(find_numerals(window)), None)
        if spread is None or spread.start != 0 or spread.type != "cardinal" or spread.value < 0:
            return None
        unit = match_unit(self.text, m.end() + spread.end)
        if unit is None:
            return None
        return self.measure(n, unit[0], unit[1], qual, hedge, None, spread=spread.value)

    def measure(
        self,
        n: Numeral,
        unit: UnitInfo,
        uend: int,
        qual: Qualifier,
        hedge: str | None,
        qa: Any,
        *,
        spread: Decimal | None = None,
    ) -> Claim:
        sent = self.doc.sentence_at(n.start)
        value = n.value
        step = step_of(
            n.digits, scaled=n.scale > 0, round_trailing_zeros=self.ctx.tol.round_trailing_zeros
        )
        if n.scale:
            step = step.scaleb(n.scale)
        if qa is not None and qual is Qualifier.EXACT:
            qual, hedge = qa
        notes: tuple[str, ...] = ()
        if n.type == "range" and n.end_value is not None:
            iv = Interval.closed(min(n.value, n.end_value), max(n.value, n.end_value))
            value, notes = _midpoint(n.value, n.end_value), (RANGE_NOTE,)
        elif spread is not None:  # the stated uncertainty, never narrower than the digits
            iv = self._hedge_interval(value, step, qual, hedge)
            iv = Interval(
                low=None if iv.low is None else min(iv.low, value - spread),
                high=None if iv.high is None else max(iv.high, value + spread),
                low_open=iv.low_open,
                high_open=iv.high_open,
            )
        else:
            iv = self._hedge_interval(value, step, qual, hedge)
        f, off = unit.factor, unit.offset
        norm_iv = iv.scale(f).shift(off) if f > 0 else iv
        norm_value = value * f + off
        dim = unit.dimension
        common = self.b.common(
            "",
            n.start,
            uend,
            number=_dec_str(value) if n.type != "range" else n.text,
            stated=value,
            unit=unit.written,
            canonical_unit=unit.canonical,
            qualifier=qual,
            hedge=hedge,
            interval=norm_iv,
            role=self._role(n.start, n.end, sent),
            notes=notes,
        )
        if dim == "percent":
            common.update(
                id=stable_id("c", self.doc.id, n.start, uend, "percent"), canonical_unit="%"
            )
            return PercentClaim(**common, value=value)
        key, surface, _part = self._subject_for_measure(n.start, uend)
        common.update(subject=key, subject_text=surface)
        if dim == "area":
            kind = "floor_area" if self._is_floor(n.start, uend, sent) else "area"
            common["id"] = stable_id("c", self.doc.id, n.start, uend, kind)
            cls = FloorAreaClaim if kind == "floor_area" else AreaClaim
            return cls(**common, value=norm_value)
        if dim == "length":
            common["id"] = stable_id("c", self.doc.id, n.start, uend, "length")
            return LengthClaim(**common, value=norm_value)
        if dim == "density":
            common["id"] = stable_id("c", self.doc.id, n.start, uend, "density")
            return DensityClaim(**common, value=norm_value)
        common["id"] = stable_id("c", self.doc.id, n.start, uend, "quantity")
        return QuantityClaim(**common, value=norm_value, dimensionality=dim)

    def _is_floor(self, start: int, end: int, sent: Span) -> bool:
        text = self.text
        before = text[max(sent.start, start - 60) : start].lower()
        after = text[end : min(sent.end, end + 60)].lower()
        m = _ATTRIBUTE_OF.search(before) if "of" in before else None  # the pattern needs it
        if m and any(
            cue in m.group(1)
            for cue in lx.FLOOR_CUES
            if cue not in {"floor", "buildings", "facilities"}
        ):
            return True
        m2 = _OF_PHRASE_AFTER.match(after)
        if m2:
            phrase = _VERB_OR_PREPOSITION.split(m2.group(1))[0]
            if any(cue in phrase for cue in lx.FLOOR_CUES):
                return True
        return bool(_FLOOR_AREA_AFTER.match(after))

    def money(
        self, n: Numeral, currency: str, cstart: int, cend: int, qual: Qualifier, hedge: str | None
    ) -> Claim:
        sent = self.doc.sentence_at(n.start)
        step = step_of(
            n.digits, scaled=n.scale > 0, round_trailing_zeros=self.ctx.tol.round_trailing_zeros
        )
        if n.scale:
            step = step.scaleb(n.scale)
        start, end = min(cstart, n.start), max(cend, n.end)
        value = n.value
        ends = (n.value, n.end_value) if n.type == "range" and n.end_value is not None else None
        negative = False
        ab = _MONEY_ABBR.match(self.text, n.end) if n.scale == 0 else None
        if ab is not None:
            exp = _MONEY_SCALE[(ab.group(1) or ab.group(2)).lower()]
            value = value.scaleb(exp)
            step = step.scaleb(exp)
            end = max(end, ab.end())
            if ends is not None:
                ends = (ends[0].scaleb(exp), ends[1].scaleb(exp))
        if (
            value > 0
            and start > 0
            and self.text[start - 1] == "("
            and self.text[end : end + 1] == ")"
            and _ACCOUNTING_BEFORE.search(self.text, max(0, start - 24), start - 1)
        ):
            # "revenue was ($99.99)": accounting's negative, not an aside in brackets
            value, negative = -value, True
            start, end = start - 1, end + 1
        key, surface, _ = self._subject_for_measure(start, end)
        notes = ("a negative amount written in brackets",) if negative else ()
        if ends is not None and not negative:  # "$5-10 million": both ends, value the midpoint
            iv = Interval.closed(min(ends), max(ends))
            value, notes = _midpoint(*ends), (RANGE_NOTE,)
        else:
            iv = self._hedge_interval(value, step, qual, hedge)
        return MoneyClaim(
            **self.b.common("money", start, end),
            number=_dec_str(n.value) if ends is None else n.text,
            stated=n.value if ends is None else _midpoint(n.value, n.end_value or n.value),
            unit=currency,
            canonical_unit=currency,
            currency=currency,
            value=value,
            qualifier=qual,
            hedge=hedge,
            interval=iv,
            role=self._role(n.start, n.end, sent),
            subject=key,
            subject_text=surface,
            notes=notes,
        )

    def period(self, n: Numeral) -> Claim:
        assert n.end_value is not None
        sent = self.doc.sentence_at(n.start)
        subj = self._period_subject(n.start, sent)
        return PeriodClaim(
            **self.b.common("period", n.start, n.end),
            number=n.text,
            value=(int(n.value), int(n.end_value)),
            subject=subj[0] if subj else None,
            subject_text=subj[1] if subj else None,
        )

    def _period_subject(self, start: int, sent: Span) -> tuple[str, str] | None:
        before = self.text[max(sent.start, start - 80) : start]
        m = _NAME_BEFORE_END.search(before)
        if m:
            return normalize_key(m.group(1)), m.group(1)
        return None

    def year_claim(self, n: Numeral, *, fiscal: bool = False) -> Claim:
        text = self.text
        sent = self.doc.sentence_at(n.start)
        before = text[max(sent.start, n.start - 40) : n.start]
        role: Role | None = None
        if _TARGET_BEFORE.search(before):
            role = Role.TARGET
        elif _SINCE_BEFORE.search(before) and _SINCE_END.search(before):
            role = Role.SINCE
        elif self._sentence_cues(sent)[0] and (self.year is None or int(n.value) >= self.year):
            role = Role.TARGET
        if (
            fiscal
            and role is None
            and (
                self._sentence_cues(sent)[0]
                or (self.year is not None and int(n.value) >= self.year)
            )
        ):
            role = Role.TARGET
        ls, _ = self._line_of(n.start)
        qual, hedge, _ = _qualifier(text, n.start, ls)
        return YearClaim(
            **self.b.common("year", n.start, n.end),
            number=n.text,
            value=int(n.value),
            qualifier=qual if qual is Qualifier.APPROX else Qualifier.EXACT,
            hedge=hedge if qual is Qualifier.APPROX else None,
            role=role,
            notes=("the first year of the fiscal year " + n.text,) if fiscal else (),
        )

    def duration(
        self, n: Numeral, per_year: Decimal, end: int, qual: Qualifier, hedge: str | None
    ) -> Claim:
        text = self.text
        sent = self.doc.sentence_at(n.start)
        before = text[max(sent.start, n.start - 30) : n.start]
        role = Role.PAST if _LAST_N.search(before) else None
        unit_word = text[n.end : end].strip(" -\u00a0")
        if n.type == "range" and n.end_value is not None:
            value: Decimal | tuple[Decimal, Decimal] = (n.value * per_year, n.end_value * per_year)
            iv = Interval.closed(n.value * per_year, n.end_value * per_year)
        else:
            value = n.value * per_year
            iv = self._hedge_interval(
                n.value,
                None
                if n.form == "words"
                else step_of(n.digits, scaled=False, round_trailing_zeros=False),
                qual,
                hedge,
            ).scale(per_year)
        return DurationClaim(
            **self.b.common("duration", n.start, end),
            number=n.text if n.type == "range" else _dec_str(n.value),
            stated=n.value,
            unit=unit_word,
            canonical_unit="year",
            value=value,
            qualifier=qual,
            hedge=hedge,
            interval=iv,
            role=role,
        )

    def ordinal(self, n: Numeral) -> Claim | None:
        text = self.text
        low = n.text.lower()
        after = text[n.end : n.end + 40]
        words_after = _words_after(text, n.end, 2)
        nxt = words_after[0] if words_after else ""
        initial = self._sentence_initial(n.start)
        before = text[max(0, n.start - 30) : n.start]
        if n.form == "words":
            if (initial or _COLON_END.search(before)) and _FIRST_OF_ALL_AFTER.match(after):
                self.aside(n, "list marker ('First, ...')")
                return None
            if initial and _COMMA_AFTER.match(after):
                self.aside(n, "list marker")
                return None
            if after.startswith("-"):
                self.aside(n, "part of a compound adjective ('first-class')")
                return None
            if _COUNT_AFTER.match(
                after,
            ):
                self.aside(n, "modifies a count ('the first three buildings')")
                return None
            if nxt in lx.ORDINAL_NOT_POSITION_AFTER:
                self.aside(n, f"labels a part or a series ('{n.text} {nxt}')")
                return None
            if low == "first":
                ok = (
                    _POSSESSIVE_END.search(before)
                    or _TO_AFTER.match(after)
                    or (_WORDS_TO_AFTER.match(after) and _THE_WORD_END.search(before))
                )
                if not ok:
                    self.aside(n, "'first' used as an adjective or discourse word")
                    return None
            if low in {"second"} and _PUNCT_OR_END_AFTER.match(after):
                self.aside(n, "'second' as a time unit or marker")
                return None
        # The thing the ordinal ranks: "fourth cooperation platform", "40th anniversary".
        np = _noun_phrase(text, n.end, 4)
        noun = np[0] if np else None
        end = np[1] if np else n.end
        if noun:
            nw = noun.split()
            # keep it short: up to the first capitalized-name boundary
            noun = " ".join(nw[:3])
            end = (
                n.end
                + len(text[n.end : end].split(nw[min(len(nw), 3) - 1], 1)[0])
                + len(nw[min(len(nw), 3) - 1])
                if len(nw) > 3
                else end
            )
        sent = self.doc.sentence_at(n.start)
        subj = self._ordinal_subject(n.start, sent)
        return OrdinalClaim(
            **self.b.common("ordinal", n.start, end),
            number=n.text,
            value=n.value,
            noun=noun,
            subject=subj[0] if subj else None,  # ranked among what? only an entity says
            subject_text=subj[1] if subj else noun,
            interval=Interval.point(n.value),
            role=Role.SINCE if _SINCE_THE_END.search(before) else None,
        )

    def _ordinal_subject(self, start: int, sent: Span) -> tuple[str, str] | None:
        """'The HTCZ is the fourth ...' -> the HTCZ; 'This will be the fourth ...' -> topic."""
        lead = self.text[max(sent.start, start - 300) : start]
        m = _COPULA_DETERMINER_END.search(
            lead,
        )
        if not m:
            return None
        ments = [
            mm for mm in self.ctx.mentions(sent) if mm.end <= start and mm.key and not mm.locative
        ]
        if ments:
            return ments[0].key, ments[0].text
        pm = _DEMONSTRATIVE_START.match(self.text[sent.start : sent.start + 12])
        if pm:
            np = _noun_phrase(self.text, start + len(self.text[start:].split(None, 1)[0]), 3)
            head = np[0].split()[-1].lower() if np else ""
            key = self.ctx.best_for_head(head) or self.ctx.main
            if key:
                return key, pm.group(1)
        return None

    def _compound_duration(
        self, n: Numeral, unit_word: str, end: int, qual: Qualifier, hedge: str | None
    ) -> Claim | None:
        """'one hour, 12 minutes and 48 seconds': one duration, the sum of its parts."""
        if n.type != "cardinal":
            return None
        seconds = n.value * _CLOCK_SECONDS[unit_word]
        smallest = _CLOCK_SECONDS[unit_word]
        pos = end
        while (m := _CLOCK_DURATION.match(self.text, pos)) is not None:
            part = parse_number(m.group("n"))
            unit = _CLOCK_SECONDS.get(m.group("u").lower())
            if part is None or unit is None or unit >= smallest:
                break
            seconds += part * unit
            smallest, pos = unit, m.end()
        if pos == end:
            return None
        value = _RATIO_CTX.divide(seconds, _JULIAN_YEAR_SECONDS)
        step = _RATIO_CTX.divide(smallest, _JULIAN_YEAR_SECONDS)
        return DurationClaim(
            **self.b.common("duration", n.start, pos),
            number=self.text[n.start : pos],
            stated=seconds,
            unit="seconds",
            canonical_unit="year",
            value=value,
            qualifier=qual,
            hedge=hedge,
            interval=self._hedge_interval(value, step, qual, hedge),
            notes=("a time in hours, minutes and seconds, summed",),
        )

    def anniversary(self, n: Numeral, end: int) -> Claim:
        """'to mark 40 years of the republic': the 40th anniversary."""
        return OrdinalClaim(
            **self.b.common("ordinal", n.start, end),
            number=n.text,
            value=n.value,
            noun="anniversary",
            subject_text="anniversary",
            interval=Interval.point(n.value),
            notes=("an anniversary written as a number of years",),
        )

    def ratio(
        self, n: Numeral, qual: Qualifier, hedge: str | None, divide_by: Decimal | None = None
    ) -> Claim:
        mult = self._multiple(n)
        end = n.end
        if mult:
            end = re.compile(rf"(?:{_SP}|-){mult}", re.I).match(self.text, n.end).end()  # type: ignore[union-attr]
        value = n.value
        if divide_by:
            value = _RATIO_CTX.divide(n.value, divide_by)
            np = _noun_phrase(self.text, n.end, 1)
            end = np[1] if np else end
        return RatioClaim(
            **self.b.common("ratio", n.start, end),
            number=n.text,
            stated=value,
            value=value,
            qualifier=qual,
            hedge=hedge,
            interval=self._hedge_interval(value, None, qual, hedge),
        )

    def degrees(
        self, n: Numeral, end: int, qual: Qualifier, hedge: str | None, qa: Any
    ) -> tuple[bool, Claim | None]:
        """A figure in degrees with no scale (`match_unit` found none): a temperature when the
        figure is negative, "below zero" follows or the sentence speaks of the weather
        (`_TEMPERATURE_CUE`); an angle ("a 90-degree turn", "30 degrees to the left") or
        "degrees of freedom" is set aside. (False, None) when neither: read as before.

        A temperature keeps its value as stated (the scale, Celsius or Fahrenheit, is not
        known, so it is not converted to kelvin): unit "degrees", dimensionality
        `_UNSCALED_TEMPERATURE.dimension`, never compared with a temperature in °C, °F or K,
        and the note `UNSCALED_TEMPERATURE_NOTE`."""
        text = self.text
        sent = self.doc.sentence_at(n.start)
        tail = text[end : min(len(text), end + 40)]
        if _DEGREE_OF_AFTER.match(tail):
            self.aside(n, "degrees of something ('degrees of freedom'), not a temperature")
            return True, None
        zero = _ZERO_AFTER.match(text, end)
        if zero is not None and zero.group("to").lower() == "freezing":
            # "20 degrees below freezing" is -20 °C or 12 °F: which, the text does not say
            self.aside(n, "degrees from freezing, a difference whose scale is not stated")
            return True, None
        # the clause: the sentence, cut at semicolons ("rotate it 15 degrees; it was cold")
        lo = max(sent.start, text.rfind(";", sent.start, n.start) + 1)
        hi = text.find(";", end, max(end, sent.end))
        said = text[lo : hi if hi >= 0 else max(end, sent.end)]
        if zero is None:
            if _ANGLE_AFTER.match(tail):
                self.aside(n, "an angle in degrees, not a temperature")
                return True, None
            warm, turn = _TEMPERATURE_CUE.search(said), _ANGLE_CUE.search(said)
            if turn is not None:  # "climbs at 8 degrees through the cold pass": which?
                why = "an angle in degrees" if warm is None else "degrees, angle or temperature"
                self.aside(n, f"{why} (the sentence speaks of '{turn.group()}')")
                return True, None
            if warm is None and n.value >= 0:
                return False, None  # "three degrees" (a count), as before
        if zero is not None:
            end = zero.end()
            if zero.group("dir").lower() == "below" and n.value > 0:
                n = replace(
                    n,
                    value=-n.value,
                    digits="-" + n.digits,
                    end_value=None if n.end_value is None else -n.end_value,
                )
        claim = self.measure(n, _UNSCALED_TEMPERATURE, end, qual, hedge, qa)
        return True, claim.model_copy(update={"notes": (*claim.notes, UNSCALED_TEMPERATURE_NOTE)})

    def vague(self, n: Numeral, hedge: str | None) -> Claim | None:
        """ "hundreds of thousands of pounds", "dozens of villages", "millions of tonnes": a
        money, quantity or count claim whose interval is the vague amount's order of
        magnitude, half-open at the top ([100,000, 1,000,000)), value its arithmetic
        midpoint, qualifier approx and the notes `RANGE_NOTE` and `VAGUE_NOTE`."""
        text = self.text
        of = _OF_GAP.match(text, n.end)
        assert of is not None  # find_numerals reads a vague amount only before "of" and a word
        head = _WORD_AFTER.match(text, of.end())
        if head is not None and head.group().lower() in _VAGUE_NOT_AMOUNTS:
            self.aside(n, f"an idiom, not an amount ('{n.text} of {head.group()}')")
            return None
        claim: Claim | None
        ca = match_currency_after(text, of.end())
        if ca is None and head is not None and _POUNDS_MONEY.match(text, head.start()):
            ca = ("GBP", head.end())  # "millions of pounds" (not "... pounds of steel")
        mu = match_unit(text, of.end()) if ca is None else None
        if ca is not None:
            claim = self.money(n, ca[0], n.start, ca[1], Qualifier.APPROX, hedge)
        elif mu is not None and mu[0].dimension != "percent":
            claim = self.measure(n, mu[0], mu[1], Qualifier.APPROX, hedge, None)
        else:
            claim = self.count(n, Qualifier.APPROX, hedge, None, noun_at=of.end())
        if claim is None or claim.interval is None:
            return claim
        return claim.model_copy(
            update={
                "interval": claim.interval.model_copy(update={"high_open": True}),
                "notes": (*claim.notes, VAGUE_NOTE),
            }
        )

    def count(
        self,
        n: Numeral,
        qual: Qualifier,
        hedge: str | None,
        qa: Any,
        *,
        noun_at: int | None = None,
    ) -> Claim | None:
        text = self.text
        sent = self.doc.sentence_at(n.start)
        np = _noun_phrase(text, n.end if noun_at is None else noun_at)
        noun, end = np if np else (None, n.end)
        if n.form == "digits" and qual is Qualifier.EXACT:
            prev = _PREV_WORD.search(text, max(sent.start, n.start - 30), n.start)
            two_caps = (
                prev is not None
                and n.text.isdigit()
                and _CAP_NAME_BEFORE.search(
                    text, max(sent.start, prev.start(1) - 20), prev.start(1)
                )
                is not None
            )
            if (
                (noun is None or two_caps)
                and prev
                and prev.group(1)[0].isupper()
                and prev.start(1) > sent.start
                and prev.group(1).lower().rstrip(".") not in _MONTH_WORDS
            ):
                # "Windows 10", "Python 3.11", "Boeing 737": a name, not a figure
                self.aside(n, f"part of a name or identifier ('{prev.group(1)} {n.text}')")
                return None
        if qa is not None and qual is Qualifier.EXACT:
            qual, hedge = qa
        value: Decimal = n.value
        notes: tuple[str, ...] = ()
        if n.type == "range" and n.end_value is not None:
            iv = Interval.closed(min(n.value, n.end_value), max(n.value, n.end_value))
            value, notes = _midpoint(n.value, n.end_value), (RANGE_NOTE,)
        else:
            iv = self._hedge_interval(n.value, None, qual, hedge)
        subject = _normalize_noun(noun) if noun else None
        return CountClaim(
            **self.b.common("count", n.start, end),
            number=n.text,
            stated=value,
            value=value,
            notes=notes,
            noun=noun,
            qualifier=qual,
            hedge=hedge,
            interval=iv,
            subject=subject,
            subject_text=noun,
            role=self._role(n.start, n.end, sent),
        )


# "40 degrees", "40-degree", "40°" with no scale after it (a scale is `match_unit`'s)
_DEGREES_AFTER: Final = _rx.compile(
    r"(?:[ \u00a0]|-)?(?:[dD]egrees?\b|°(?![ \u00a0]?[NSEWnsew]\b))(?![ \u00a0]?-?[0-9])"
)
_ZERO_AFTER: Final = _rx.compile(
    r"[ \u00a0]{1,3}(?P<dir>below|above)[ \u00a0]{1,3}(?P<to>zero|freezing)\b", re.IGNORECASE
)
_DEGREE_OF_AFTER: Final = _rx.compile(r"[ \u00a0]{1,3}of[ \u00a0]{1,3}(?!frost\b)\w", re.I)
_ANGLE_AFTER: Final = _rx.compile(
    r"[ \u00a0-]{1,3}(?:angles?|turns?|bends?|tilt|slopes?|inclines?|rotation|arcs?|pitch"
    r"|field of view|view|heading|to the (?:left|right|north|south|east|west))\b",
    re.IGNORECASE,
)
_ANGLE_CUE: Final = _rx.compile(
    r"\b(?:angle|angled|rotat\w*|turn(?:s|ed|ing)?|tilt\w*|slope[sd]?|inclin\w*|bearing"
    r"|clockwise|azimuth|latitude|longitude|triangle|arc|climb\w*|gradient|steep\w*"
    r"|lean(?:s|ed|ing)?|swivel\w*|pivot\w*)\b",
    re.IGNORECASE,
)
_TEMPERATURE_CUE: Final = _rx.compile(
    r"\b(?:temperatures?|weather|forecast\w*|thermometers?|mercury|climate|cold(?:er|est)?"
    r"|hot(?:ter|test)?|heat(?:wave)?s?|warm(?:er|est|ing)?|cool(?:er|est)?|freez\w*|frost\w*"
    r"|chill\w*|wind ?chill|winters?|summers?|celsius|fahrenheit|fever|oven|boil\w*|melt\w*"
    r"|highs?|lows?|overnight)\b",
    re.IGNORECASE,
)
_UNSCALED_TEMPERATURE: Final = UnitInfo(
    written="degrees",
    canonical="degree (scale not stated)",
    dimension="[temperature] (scale not stated)",
    factor=Decimal(1),
)

_OF_GAP: Final = _rx.compile(r"[ \u00a0]{1,3}of[ \u00a0]{1,3}", re.IGNORECASE)
_WORD_AFTER: Final = _rx.compile(r"[^\W\d_]+")
# "thousands of times", "millions of thanks": a vague amount in an idiom says no amount
_VAGUE_NOT_AMOUNTS: Final = frozenset({"times", "thanks", "apologies"})
_POUNDS_MONEY: Final = _rx.compile(r"pounds\b(?![ \u00a0]{1,3}of\b)", re.IGNORECASE)


def _midpoint(a: Decimal, b: Decimal) -> Decimal:
    """The midpoint of a range's two ends: its value (the interval keeps the ends)."""
    return (a + b) / 2 if a != b else a


def normalize_key(s: str) -> str:
    return _WHITESPACE.sub(" ", s.strip()).lower()


def extract_document(
    doc: Document, index: EntityIndex, tolerances: Tolerances = DEFAULT_TOLERANCES
) -> Extraction:
    """All claims in one document; `index` must already know every document's names."""
    ex = Extractor(doc, index, tolerances)
    # The document's topic: its most mentioned named entity.
    ments: list[Mention] = []
    sentences = doc.sentences  # already Spans (frozen): no copy needed
    for s, found in zip(sentences, find_sentence_mentions(doc.text, sentences, index), strict=True):
        ex.ctx._mentions.setdefault(s.start, found)
        ments.extend(ex.ctx.mentions(s))
    ex.ctx.main = main_entity(ments, index)
    ex.ctx.all_mentions = _resolve_in_order(ex.ctx)
    out = ex.run()
    out.main_entity = ex.ctx.main
    out.claims = annotate(doc, out.claims)  # extent, difference, narrowed_by (aspects.py)
    return out


def _resolve_in_order(ctx: _Ctx) -> list[Mention]:
    """Give 'the park', 'the zone' the key of the latest named mention with that head.

    Reads the mentions of each sentence (``ctx._mentions``, in text order), replaces them
    by the resolved ones and returns all of them in order."""
    last: dict[str, str] = {}
    out: list[Mention] = []
    best: dict[str, str | None] = {}  # the index does not change during one document
    for k, ms in ctx._mentions.items():
        resolved: list[Mention] = []
        for m in ms:
            if m.key:
                last[m.head] = m.key
                last[_last_word(m.key)] = m.key
                r = m
            else:
                head = m.head
                key = last.get(head) or last.get(head.rstrip("s"))
                if key is None and ctx.main and ctx.main.endswith(head):
                    key = ctx.main
                if key is None:
                    if head not in best:
                        best[head] = ctx.index.best_named(head)
                    named = best[head]
                    if named:
                        mods = [w.lower() for w in m.text.split()[1:-1]]
                        if all(w in named for w in mods):
                            key = named  # 'the cooperation zone' -> the named one
                if key is None and _is_the_head(m.text, head):
                    key = head
                if key:
                    r = make_mention(m.start, m.end, m.text, key, head, m.locative, m.definite)
                else:
                    r = m
            out.append(r)
            resolved.append(r)
        ctx._mentions[k] = resolved
    return out


def _rstrip_nonword(s: str) -> str:
    """`s` without its trailing non-word characters (what ``\\W*$`` matches)."""
    i = len(s)
    while i and not (s[i - 1].isalnum() or s[i - 1] == "_"):
        i -= 1
    return s[:i]


@lru_cache(maxsize=1 << 14)
def _last_word(key: str) -> str:
    return _SPACE_OR_HYPHEN.split(key)[-1]


def _is_the_head(text: str, head: str) -> bool:
    """`text` is "the" or "The", white space, then `head` (re.fullmatch(r"[Tt]he\\s+" + head))."""
    if not (text.startswith(("the", "The")) and text.endswith(head)):
        return False
    gap = text[3 : len(text) - len(head)]
    return bool(gap) and len(text) - len(head) >= 3 and gap.isspace()


def index_documents(docs: Iterable[Document]) -> EntityIndex:
    """The name table of these documents: acronyms, aliases, place parts and named heads
    (each document's part read on its own, then merged; see `hetao_facts.names`)."""
    from hetao_facts.names import merge_names, names_part

    return merge_names(names_part(d) for d in docs)


# Patterns of the functions above, compiled once (a pattern string passed to re.search
# is looked up in re's cache on every call).
_FOR_SOME_END = _rx.compile(r"\bfor\s+some\s*$", re.I)
_PARENTHESES_OR_QUOTES = _rx.compile(r"\s*\([^)]*\)|\s*'[^']*'")
_FROM_END = _rx.compile(r"\bfrom[ \u00a0]+$")
_BAKERS_BEFORE = _rx.compile(r"\bbaker['’]s[ \u00a0]+$", re.I)
_ABSOLUTE_BEFORE = _rx.compile(r"\babsolute[ \u00a0]+$", re.I)
_ZERO_IDIOM_BEFORE = _rx.compile(
    r"\b(?:net|near|ground|absolute|from|to|at|of|by)[ \u00a0]+$", re.I
)
_ZERO_FOLLOWER = _rx.compile(r"[ \u00a0]+(is|was|equals|[a-z]{3,}s)\b", re.I)
_FROM_IN_CLAUSE = _rx.compile(r"\bfrom\b[^,;:.()\n]{0,50}$", re.I)
_FROM_END_LOOSE = _rx.compile(r"\bfrom[ \u00a0]*$")
_AGED_WORD = _rx.compile(r"\bage[ds]?\b")
_IN_YEAR_GAP = _rx.compile(r"[ \u00a0]+in[ \u00a0]+\d{4}\b")
_FROM_START = _rx.compile(r"[ \u00a0]*from\b")
_INHERIT_END = _rx.compile(r"[ \u00a0]*(?:[,;.)]|in[ \u00a0]+\d{4}\b|and\b|$)")
_TIME_ZONE_END = _rx.compile(r"(?:UTC|GMT)\s*[+−-]\s*$")
_CLOCK_MINUTES_AFTER = _rx.compile(r"^\s*:\s*\d\d\b")
_AM_PM_AFTER = _rx.compile(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", re.I)
_OR_MORE_AFTER = _rx.compile(r"[ \u00a0]+or[ \u00a0]+more[ \u00a0]+[a-z]")
_LIST_NUMBER_AFTER = _rx.compile(r"^(?:\.\d+)*[.)]?\s")


_CAPITAL_AFTER = _rx.compile(r"\s+[A-Z]")


def _continues_line(text: str, ls: int, after: str) -> bool:
    """Does the line starting at ``ls`` with a decimal go on with the sentence of the line
    before (a hard wrap: "The zone covers" / "3.98 km²."), rather than open a numbered
    section ("2.1 Housing": a capital after the number)?"""
    if ls < 2 or text[ls - 1] != "\n" or text[ls - 2] in "\r\n":
        return False  # the start of the text or of a paragraph
    if _CAPITAL_AFTER.match(after):
        return False
    prev = text[max(0, ls - 200) : ls].rstrip()
    return bool(prev) and prev[-1] not in ".:;!?)]\"'*#|>"


_PERCENT_AFTER = _rx.compile(r"^\s*(?:%|percent|per cent)")
_YEAR_1800_2099 = _rx.compile(r"1[89]\d\d|20\d\d")
_SPACED_NAME_AFTER = _rx.compile(r"^[-\s\u00a0]([A-Z][a-z]+)")
_FISCAL_YEAR_DIGITS = _rx.compile(r"\d{4}[-\u2013/]\d\d")
_OF_AFTER = _rx.compile(r"[ \u00a0]+of\b")
_A_CENTURY_AFTER = _rx.compile(r"\s+a\s+century\b", re.I)
_OF_A_CENTURY_AFTER = _rx.compile(r"\s+of\s+a\s+century\b", re.I)
_DECADE_YEAR = _rx.compile(r"1[5-9]\d0|20\d0")
_FOUR_DIGITS = _rx.compile(r"\d{4}")
_DURATION_WORD_AFTER = _rx.compile(
    rf"(?:-|{_SP}{{1,2}})(?:(?:more|fewer|full|calendar|consecutive|long)\s+)?([A-Za-z]+)\b"
)
_TIMES_FOLD_AFTER = _rx.compile(rf"(?:{_SP}|-)(times|fold)\b", re.I)
_DIGIT_RUN = _rx.compile(r"\d+")
_BY_YEAR = _rx.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:\d{4}|[A-Z][a-z]+\s+\d{4})", re.I)
# Whether a sentence holds `_FUTURE` or `_BY_YEAR`, found 2x faster: the pattern opens with
# the first letters of its words (the only characters IGNORECASE folds to them: the ASCII
# letters and "ſ" for "s"), which the engine scans for in C, a lookbehind says what the \b
# said, and the words are read in a lookahead (IGNORECASE scoped to them: a class of
# letters under IGNORECASE is not scanned for).
assert _FUTURE.pattern.startswith(r"\b(?:will|") and _BY_YEAR.pattern.startswith(r"\bby")
_FUTURE_SCAN = _rx.compile(
    r"[WwSs\u017fAaPpTtGgOoEeBb](?<!\w.)(?<=(?=(?i:" + _FUTURE.pattern[2:] + r")).)"
)
_BY_YEAR_SCAN = _rx.compile(r"[Bb](?<!\w.)(?<=(?=(?i:" + _BY_YEAR.pattern[2:] + r")).)")
_COPULA_ARTICLE_END = _rx.compile(
    r"(?:\b(?:is|was|are|were|be|becomes?|remains?)|\),|,)\s+(?:a|an|the)\s+(?:\w+\s+)?$"
)
_THE_END = _rx.compile(r"\b[Tt]he\s+$")
_COMMA_START = _rx.compile(r"[ \u00a0]*,")
_OF_NAME_AFTER = _rx.compile(
    rf"{_SP}+of{_SP}+(?:the{_SP}+)?([A-Z][\w'’&-]*(?:{_SP}(?:[A-Z][\w'’&-]*|cooperation|zone|park|and|of))*)"
)
_IN_AT_NAME = _rx.compile(rf"\b(?:in|at){_SP}+(?:the{_SP}+)?([A-Z][\w'’-]*(?:{_SP}[A-Z][\w'’-]*)*)")
_COPULA_END = _rx.compile(r"\b(?:is|was|are|were|be|been|becomes?|remains?)\s*$")
_PART_OF_WHOLE = _rx.compile(
    r"\b(?:the\s+)?((?:first|second|third|initial|final|next|main)\s+)?(phase|stage|part|portion|section|half|segment|plot|block)\s+of\s+(?:the\s+)?$"
)
_PRONOUN_START = _rx.compile(r"^\s*(It|Its|This|They)\b")
_OF_PHRASE_AFTER = _rx.compile(r"^\s+of\s+([a-z ,&-]{0,60})")
_VERB_OR_PREPOSITION = _rx.compile(r"\b(?:will|is|are|was|were|has|have|in|by)\b")
_FLOOR_AREA_AFTER = _rx.compile(r"^\s+(?:of\s+)?(?:gross\s+)?floor\s+(?:area|space)")
_NAME_BEFORE_END = _rx.compile(
    r"((?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s*[(,]?\s*$"
)
_SINCE_END = _rx.compile(r"\bsince\s*$", re.I)
_COLON_END = _rx.compile(r"[:;]\s*$")
_FIRST_OF_ALL_AFTER = _rx.compile(r"^\s*(?:,|of all\b|and foremost\b|\.)")
_COMMA_AFTER = _rx.compile(r"^\s*,")
_COUNT_AFTER = _rx.compile(
    rf"^{_SP}+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\b", re.I
)
_POSSESSIVE_END = _rx.compile(r"(?:'s|’s|\bits|\btheir|\bour|\bcountry's)\s*$")
_TO_AFTER = _rx.compile(rf"^{_SP}+to\b")
_WORDS_TO_AFTER = _rx.compile(rf"^{_SP}+[a-z-]+(?:{_SP}+[a-z-]+)?{_SP}+to{_SP}+[a-z]")
_THE_WORD_END = _rx.compile(r"\bthe\s*$")
_PUNCT_OR_END_AFTER = _rx.compile(rf"^{_SP}*(?:,|\.|$)")
_SINCE_THE_END = _rx.compile(r"\bsince\s+the\s*$", re.I)
_COPULA_DETERMINER_END = _rx.compile(
    r"\b(?:is|was|will be|became|becomes|has become|would be|as)\s+(?:the|its|their)\s*$"
)
_DEMONSTRATIVE_START = _rx.compile(r"^\s*(This|It|That)\b")
_WHITESPACE = _rx.compile(r"\s+")
_SPACE_OR_HYPHEN = _rx.compile(r"[ -]")
