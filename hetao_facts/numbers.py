"""Numerals in English prose: find every number, read its value and how it was written.

`find_numerals` scans a text once and returns every numeral left to right, non-overlapping,
longest match first. Each `Numeral` keeps its span, the text as written, its `Decimal`
value, the significant digits as written (for precision) and whether a scale word
followed them. What it means (a count, an area, a year, a date) is the caller's business.

What is a numeral
-----------------
- Digits: ``3,000``, ``1,641.97``, ``650 000`` (groups of exactly three digits after a
  head of one to three, separated by commas or consistently by one space, no-break space,
  narrow no-break space or thin space), ``3.02``, ``.35``, ``0.87``.
- A sign, ``-5`` or ``−5``, only when it follows whitespace, an opening bracket or the
  start of the text: ``2021-2025`` is a range and ``A-1`` a label, not negatives.
- Digits followed by a scale word, form ``"mixed"``: ``1.5 million``, ``10 million``,
  ``1.28 trillion``, ``3 thousand``, ``2 hundred``, ``5 hundred million``; a hyphen may
  join them (``1.5-million``). Abbreviations (``5m``, ``5bn``, ``10k``) are not scale
  words: the number is ``5`` and the letters are left to the unit matcher.
- Number words, any case: ``five``, ``twenty-three``, ``twenty three``, ``one hundred
  and five``, ``three thousand``, ``a hundred``, ``a million``, ``dozen``, ``a dozen``,
  ``two dozen``, ``half a million``. Scale words alone (``hundred``, ``millions``) are not
  numerals.
- Vague amounts, a plural scale word before "of" and a word: ``hundreds of thousands of``,
  ``tens of millions of``, ``thousands of``, ``dozens of``, ``scores of``. Each is a range
  with `vague` set: the order of magnitude, from one of the scale up to ten of it
  ([100,000, 1,000,000) for "hundreds of thousands"), "dozens" [24, 144), "scores"
  [40, 200); the caller reads the top end as open.
- A number word hyphen-joined to another word still counts (``two-stage``,
  ``Five-Year``): the numeral ends at the hyphen and `hyphen_joined_to_word` is set.
- Ordinals: ``first`` ... ``twentieth``, ``thirtieth``, ``twenty-first``, ``one hundred
  and first``, ``hundredth``, ``40th``, ``1st``, ``2nd``, ``23rd``. ``second`` is always
  read as an ordinal; the caller decides whether it is a unit of time.
- Fractions: ``1/2``, ``3/4``, ``2 1/2``, ``2 and a half``, ``half``, ``a half``, ``a
  quarter``, ``one quarter``, ``three quarters``, ``one third``, ``one-fourth``,
  ``two-thirds``, ``a third of``. Values that do not terminate are rounded to 28
  significant digits (``one third`` is 0.3333333333333333333333333333).
- Ranges: ``five to 10``, ``5-10``, ``3–5``, ``5~10``, ``165,000-186,000``, ``2021-2025``,
  ``2021–25`` and ``1990-91`` (a four-digit start and a two-digit end: end 2025, 1991),
  ``between 3 and 5`` (the span includes "between"; "from" stays outside ``from 5 to 10``).
  The end must exceed the start, so ``3-2`` (a score), ``24-7`` and ``one-to-one`` are
  two cardinals. A scale word on the end carries to the start when that keeps the range
  increasing: ``1.5-2 million`` is 1,500,000–2,000,000. Dash ranges need digits on both
  sides (``five-six`` is two cardinals).

What is not
-----------
- Digits glued to letters on the left (``G20``, ``H2O``, ``FY2023``), except a glued
  currency code (``RMB100``, ``USD5``); digits after a word and a hyphen (``COVID-19``,
  ``A-1``, ``F-35``), except after a prefix such as ``mid-2020``, ``pre-2000``, ``top-10``.
- Digits followed by one capital letter and no more letters: codes such as ``5G``, ``3D``,
  ``4K`` (but ``$5M``, ``US$10K`` and ``RMB3B`` keep their number). Digits followed by
  other letters are numerals (``5m``, ``10km2``, ``3pm``).
- Chains of digit runs joined by the same ``/``, ``.`` or hyphen are not fractions,
  decimals or ranges: dates (``9/5/2023``, ``2023/09/05``, ``2023-09-05``), versions
  (``1.2.3``) and phone numbers (``010-6559-2830``) come back as one plain cardinal per
  digit run (``2023``, ``09``, ``05``); recognising dates is the caller's job. ``2023-09``
  is two cardinals too, since 9 (or 2009) does not exceed 2023.
- Words that merely contain number words (``someone``, ``often``, ``phone``, ``tent``);
  ``once``, ``twice``, ``none``; scale words and denominators alone (``million``,
  ``quarter``, ``thirds``).
- Page navigation ``1  2  3`` written with no-break spaces stays single digits: a space
  separator must be followed by exactly three digits.

Known ambiguities, decided one way: ``page 1 200`` reads as 1200 (space grouping);
``Boeing 737-800`` reads as a range; ``the 1990s`` gives 1990 followed by "s"; ``one and a
half million`` gives the fraction 1.5 and no numeral for "million"; Unicode vulgar
fractions are read (``½``, ``2½``, ``2 ½``).

Speed: two precompiled regexes, each with bounded or possessive quantifiers. Digit
numerals are matched only where a run of digits starts (found by a one-class pattern the
regex engine scans for in C), word numerals in one more pass; Python code runs per numeral
and per run of number words, never per character.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from decimal import Context, Decimal
from types import MappingProxyType
from typing import Final, Literal

from hetao_facts import _rx

__all__ = [
    "FRACTION_WORDS",
    "ORDINAL_WORDS",
    "SCALE_WORDS",
    "WORD_NUMBERS",
    "Numeral",
    "NumeralForm",
    "NumeralType",
    "find_numerals",
    "parse_number",
]

NumeralForm = Literal["digits", "words", "mixed"]
NumeralType = Literal["cardinal", "ordinal", "fraction", "range"]

# ---- vocabulary, as data -------------------------------------------------------------------


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


_UNITS: Final = _words("zero one two three four five six seven eight nine")
_TEENS: Final = _words(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS: Final = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_ORDINAL_UNITS: Final = _words("first second third fourth fifth sixth seventh eighth ninth")
_ORDINAL_TEENS: Final = _words(
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth"
    " nineteenth"
)
_ORDINAL_TENS: Final = _words(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
)

WORD_NUMBERS: Final[Mapping[str, int]] = MappingProxyType(
    {
        **{w: i for i, w in enumerate(_UNITS)},
        **{w: 10 + i for i, w in enumerate(_TEENS)},
        **{w: 20 + 10 * i for i, w in enumerate(_TENS)},
        "dozen": 12,
    }
)
"""Cardinal number words and their values ("dozen" multiplies: "two dozen" is 24)."""

ORDINAL_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        **{w: 1 + i for i, w in enumerate(_ORDINAL_UNITS)},
        **{w: 10 + i for i, w in enumerate(_ORDINAL_TEENS)},
        **{w: 20 + 10 * i for i, w in enumerate(_ORDINAL_TENS)},
        "hundredth": 100,
        "thousandth": 1000,
        "millionth": 10**6,
        "billionth": 10**9,
        "trillionth": 10**12,
    }
)
"""Ordinal words and the position they name."""

SCALE_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "hundred": 2,
        "thousand": 3,
        "lakh": 5,
        "million": 6,
        "crore": 7,
        "billion": 9,
        "trillion": 12,
    }
)
"""Scale words and the power of ten they apply (the Indian "lakh" and "crore" included)."""

_DENOMINATORS: Final = {
    w: v for w, v in ORDINAL_WORDS.items() if v >= 3 and w not in ("billionth", "trillionth")
}
FRACTION_WORDS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "half": 2,
        "halves": 2,
        "quarter": 4,
        "quarters": 4,
        **_DENOMINATORS,
        **{w + "s": v for w, v in _DENOMINATORS.items()},
    }
)
"""Denominator words, singular and plural ("second" is not one: "one second" is time)."""

_ONES: Final = {w: v for w, v in WORD_NUMBERS.items() if v < 10}
_TEEN_VALUES: Final = {w: v for w, v in WORD_NUMBERS.items() if 10 <= v < 20 and w != "dozen"}
_TEN_VALUES: Final = {w: WORD_NUMBERS[w] for w in _TENS}
_BIG_SCALES: Final = {w: e for w, e in SCALE_WORDS.items() if e >= 3}
_PLURAL_DENOMINATORS: Final = {w: v for w, v in FRACTION_WORDS.items() if w.endswith("s")}
_SINGULAR_DENOMINATORS: Final = {w: v for w, v in FRACTION_WORDS.items() if not w.endswith("s")}
_SCALE_ORDINALS: Final = frozenset({100, 1000, 10**6, 10**9, 10**12})

# Letters that may be glued to the left of digits ("RMB100"); anything else glued
# ("G20", "FY2023") makes the digits part of an identifier.
_GLUED_CURRENCIES: Final = frozenset(
    _words("RMB CNY USD HKD MOP EUR GBP JPY AUD CAD SGD CHF KRW INR TWD NTD RM Rs MYR")
)
# Letters written after "$" to say which dollar: "$US5", "$A4", "$NZ3", "$HK10"
_DOLLAR_SUFFIXES: Final = frozenset(_words("US A AU NZ HK C CA S"))
# Words that may be hyphen-joined to the left of digits ("mid-2020", "1 million-2 million");
# any other word ("COVID-19", "A-1") makes the digits part of a label.
_HYPHEN_PREFIXES: Final = SCALE_WORDS.keys() | frozenset(
    _words("mid pre post early late top over under sub non circa about around")
)

# ---- the regexes ---------------------------------------------------------------------------

_HYPHENS: Final = "-\u2010\u2011"
_CURRENCY_SIGNS: Final = "$¥€£₩₹"
_SPACE_SEPARATORS: Final = " \u00a0\u202f\u2009"
_DELETE_SEPARATORS: Final = str.maketrans("", "", "," + _SPACE_SEPARATORS)


def _ascii_ci(word: str) -> str:
    """`word` in any ASCII case ("[mM][iI]..."): IGNORECASE would also let "ſ" match "s"."""
    return "".join(f"[{ch}{ch.upper()}]" for ch in word)


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """An alternation of lower-case `words` in any ASCII case, factored by prefix.

    The engine then branches once per letter and, with a character class (not IGNORECASE)
    leading each branch, skips a branch after one comparison.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: _Trie) -> str:
        alts = [_ascii_ci(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return walk(trie)


def _integer_pattern() -> str:
    """An integer, with thousands separators used consistently, or a plain digit run."""
    # A grouped number never starts with 0: "05 010" (in 2023-09-05 010-6559) is two runs.
    grouped = [r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?![0-9])"]
    for sep in _SPACE_SEPARATORS:
        s = re.escape(sep)
        grouped.append(rf"[1-9][0-9]{{0,2}}(?:{s}[0-9]{{3}})+(?![0-9])")
    return "(?:" + "|".join([*grouped, "[0-9]++"]) + ")"


_INT: Final = _integer_pattern()


_BIG: Final = "|".join(
    _ascii_ci(w) for w in ("thousand", "million", "billion", "trillion", "lakh", "crore")
)
_SCALE_ALTS: Final = rf"{_ascii_ci('hundred')}(?:[ \-](?:{_BIG}))?|{_BIG}"
# One or more spaces (no blank line) or a single hyphen between words.
_GAP: Final = r"(?:[^\S\r\n]{1,3}|\r?\n|-)"
_NOT_LETTER: Final = r"(?![^\W\d_])"

_DIGITS_PATTERN: Final = (
    r"(?<![0-9_])"  # not inside a digit run or an identifier_like_this
    r"(?P<sign>(?<![^\s(\[{$€£¥₹])[-\u2212])?"  # a minus after whitespace, a bracket, "$"
    r"(?:"
    r"(?<![0-9][./])"  # not a later member of a chain like 9/5/2023 or 1.2.3
    r"(?:"
    r"(?P<fn>[0-9]{1,9})/(?P<fd>0*[1-9][0-9]{0,8})(?![0-9])"  # 3/4 (never a cut-off 31/1)
    rf"|(?P<oint>{_INT})(?P<ord>{'|'.join(map(_ascii_ci, ('st', 'nd', 'rd', 'th')))})"
    rf"{_NOT_LETTER}"  # 40th
    rf"|(?P<dec>{_INT}(?:\.[0-9]++)?|(?<![\w.])\.[0-9]++)"  # 1,641.97 / .35
    rf"(?:{_GAP}(?P<scale>{_SCALE_ALTS})[sS]?{_NOT_LETTER})?"  # ... million
    r")"
    r"(?![./][0-9])"  # not an earlier member of a chain
    r"|(?P<plain>[0-9]++)"  # a member of a chain: plain digits
    r")"
)

_VOCAB: Final = sorted({*WORD_NUMBERS, *ORDINAL_WORDS, *SCALE_WORDS, *FRACTION_WORDS, "and", "a"})
_TOKEN: Final = rf"(?:{_trie_pattern(_VOCAB)})\b"
_START: Final = rf"(?:{_trie_pattern(w for w in _VOCAB if w not in ('a', 'and'))})\b"
_WORDS_BODY: Final = rf"(?:{_START}|[aA](?={_GAP}{_TOKEN}))(?:{_GAP}{_TOKEN}){{0,30}}"
_WORDS_PATTERN: Final = rf"(?<!\w){_WORDS_BODY}"

# Speed: digit numerals are matched only where a run of digits starts (found by a pattern
# the engine scans for in C), word numerals in a second pass. The two never overlap except
# where a scale word ends a digit numeral ("1.5 million").
_DIGIT_RUN_RE: Final = _rx.compile(r"[0-9][0-9]*")  # not "[0-9]+": only a pattern opening
# with a character class (not a repeat of one) is scanned for in C: 2x faster, same matches
_DIGITS_RE: Final = _rx.compile(_DIGITS_PATTERN)
_WORDS_RE: Final = _rx.compile(_WORDS_PATTERN)
# Speed: `_WORDS_RE` is tried at every position of the text. A word numeral starts at the
# text's start or after a non-word character, with one of a few letters: scanning for such
# a character (in C) and reading the numeral in a lookahead finds the same matches
# (`_word_spans`) in 3/4 of the time.
_WORD_FIRST: Final = "".join(sorted({c for w in _VOCAB for c in (w[0], w[0].upper())}))
assert _WORD_FIRST.isascii() and _WORD_FIRST.isalpha()
_WORDS_AT_RE: Final = _rx.compile(_WORDS_BODY)
_WORDS_AFTER_RE: Final = _rx.compile(rf"\W(?=[{_WORD_FIRST}])(?=({_WORDS_BODY}))")
_DIGIT_GROUPS: Final = tuple(
    _DIGITS_RE.groupindex[g] for g in ("sign", "fn", "fd", "oint", "dec", "scale", "plain")
)
_WORD_RE: Final = _rx.compile(r"[a-zA-Z]+")
_OF_AFTER: Final = _rx.compile(r"\s{1,3}of\b", re.IGNORECASE)
_CHANGE_BEFORE: Final = _rx.compile(r"(?<!\w)(?:up|down)\s{1,3}\Z", re.IGNORECASE)
_BETWEEN_BEFORE: Final = _rx.compile(r"(?<!\w)between\s{1,3}\Z", re.IGNORECASE)
_DASH_GAP: Final = _rx.compile(r"[ \u00a0]?[-\u2010\u2011\u2013][ \u00a0]?|\u2014|~")
_TO_GAP: Final = _rx.compile(r"\s{1,3}(?:to|through)\s{1,3}|-to-", re.IGNORECASE)
_AND_GAP: Final = _rx.compile(r"\s{1,3}and\s{1,3}", re.IGNORECASE)
_AND_A_GAP: Final = _rx.compile(r"(?:\s{1,3}|-)and(?:\s{1,3}|-)", re.IGNORECASE)
_CHAIN_MARKS: Final = "-\u2010\u2011\u2013/"
_CHAIN_AFTER: Final = _rx.compile(rf"[{_CHAIN_MARKS}][0-9]")
# Any gap that could join two numerals; the specific rules below decide.
_JOINING_GAP: Final = _rx.compile(
    r"[ \u00a0\u202f\u2009]|[ \u00a0]?[-\u2010\u2011\u2013][ \u00a0]?|\u2014|~|-to-"
    r"|(?:\s{1,3}|-)(?:and|to|through)(?:\s{1,3}|-)",
    re.IGNORECASE,
)
_GAP_FIRST: Final = frozenset(" \u00a0\u202f\u2009\t\r\n-\u2010\u2011\u2013\u2014~")
_DIVIDE: Final = Context(prec=28)

# ---- the result ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Numeral:
    """One numeral in a text: where it is, what it says, and how it was written.

    `digits` is the significant part as written without separators ("3.02", "800000",
    "1.5" for "1.5 million", "5" for "five", "1/4" for "one-fourth", "2 1/2"); `scale` is the
    power of ten a scale word applies to those digits (6 for "1.5 million"), 0 when no
    scale word follows digits. For a range `value`, `digits` and `scale` describe the start
    and the `end_*` fields the end. `hyphen_joined_to_word` is True when a hyphen joins the
    numeral to the next word ("two-stage", "0.87-square-kilometer").
    """

    start: int
    end: int
    text: str
    value: Decimal
    digits: str
    scale: int
    form: NumeralForm
    type: NumeralType
    end_value: Decimal | None = None
    end_digits: str | None = None
    end_scale: int | None = None
    hyphen_joined_to_word: bool = False

    @property
    def vague(self) -> bool:
        """A vague amount ("hundreds of thousands"): a range over an order of magnitude."""
        return False

    def __repr__(self) -> str:
        end = "" if self.end_value is None else f"..{self.end_value}"
        return f"<Numeral {self.text!r} {self.value}{end} {self.type} {self.start}:{self.end}>"


def _numeral_maker() -> Callable[..., Numeral]:
    """``Numeral(start, end, text, value, digits, scale, form, type,
    hyphen_joined_to_word=...)`` (no range end), 2x faster: the frozen dataclass's
    ``__init__`` sets each of its 12 fields through ``object.__setattr__``; this sets the
    slots through their descriptors (the same object: equal, same hash and repr)."""
    names = [f.name for f in fields(Numeral)]
    assert names == [
        *("start", "end", "text", "value", "digits", "scale", "form", "type"),
        *("end_value", "end_digits", "end_scale", "hyphen_joined_to_word"),
    ]
    new = object.__new__
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11 = (
        getattr(Numeral, name).__set__ for name in names
    )

    def make(
        start: int,
        end: int,
        text: str,
        value: Decimal,
        digits: str,
        scale: int,
        form: NumeralForm,
        type: NumeralType,
        hyphen_joined_to_word: bool,
    ) -> Numeral:
        n = new(Numeral)
        s0(n, start)
        s1(n, end)
        s2(n, text)
        s3(n, value)
        s4(n, digits)
        s5(n, scale)
        s6(n, form)
        s7(n, type)
        s8(n, None)
        s9(n, None)
        s10(n, None)
        s11(n, hyphen_joined_to_word)
        return n

    return make


_make_numeral: Final = _numeral_maker()


@dataclass(frozen=True, slots=True, repr=False)
class _VagueNumeral(Numeral):
    """A vague amount (a subclass, so that other numerals carry no extra field)."""

    @property
    def vague(self) -> bool:
        return True


# ---- public functions ----------------------------------------------------------------------


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral in `text`, left to right, non-overlapping, longest match first."""
    numbers = _digit_numerals(text)
    if any(ch in text for ch in _VULGAR):  # 15 substring tests in C: 10x faster than a regex
        numbers = _with_vulgar_fractions(text, numbers)
    atoms: list[Numeral] = []
    i, covered = 0, 0
    for start, end in _word_spans(text):
        while i < len(numbers) and numbers[i].start < start:
            atoms.append(numbers[i])
            covered = numbers[i].end
            i += 1
        if end > covered:  # skip the scale word of "1.5 million"
            atoms.extend(_word_numerals(text, max(start, covered), end))
    atoms.extend(numbers[i:])
    if len(atoms) >= 2:
        atoms = _merge(text, atoms)
    if " of " in text or " OF " in text:  # one substring test (most calls are short windows)
        vague = _vague_numerals(text)
        if vague:
            atoms = sorted([*atoms, *vague], key=lambda n: n.start)
    return atoms


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_WORDS_RE.finditer(text)``, found faster (see `_WORDS_AFTER_RE`)."""
    done = 0
    m = _WORDS_AT_RE.match(text)
    if m is not None:
        done = m.end()
        yield 0, done
    for m in _WORDS_AFTER_RE.finditer(text):
        start = m.start(1)
        if start >= done:  # not inside the previous match: finditer's next match
            done = m.end(1)
            yield start, done


# "hundreds of thousands of", "tens of millions of", "dozens of": the plural of a scale
# word spans its order of magnitude, from one of it up to (not including) ten of it, where
# the next plural takes over ("thousands" [1,000, 10,000), "tens of thousands" [10,000,
# 100,000)); "dozens" runs from two dozen up to a gross, [24, 144); "scores" from two score
# up to ten, [40, 200). A numeral that says no digits: `vague` is set and the type is a range.
_VAGUE_SCALES: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {"dozens": (24, 144), "scores": (40, 200)}
)
_VAGUE_WORDS: Final = _words("dozens scores hundreds thousands millions billions trillions")
_VAGUE_SET: Final = frozenset(_VAGUE_WORDS)
_VAGUE_LENGTHS: Final = sorted({len(w) for w in _VAGUE_WORDS})
# where a vague amount may end: "s of " (found by str.find, in C; a spacing other than one
# space is not looked for)
_VAGUE_OF: Final = ("s of ", "S of ", "S OF ")
# a word after "of", not another scale word ("hundreds" of "millions" is one amount)
_VAGUE_NOUN: Final = _rx.compile(rf"(?!(?:{'|'.join(map(_ascii_ci, _VAGUE_WORDS))})\b)[^\W\d_]")
_VAGUE_HEAD: Final = _rx.compile(
    rf"(?<![\w\-])(?P<head>{_ascii_ci('tens')}|{_ascii_ci('hundreds')})[ \u00a0]{{1,3}}"
    rf"{_ascii_ci('of')}[ \u00a0]{{1,3}}\Z"
)


def _ends_before_of(text: str) -> Iterable[int]:
    """The offsets just after the "s" of every "s of " in `text`."""
    for probe in _VAGUE_OF:
        i = text.find(probe)
        while i >= 0:
            yield i + 1
            i = text.find(probe, i + 5)


def _vague_numerals(text: str) -> list[Numeral]:
    """The vague amounts in `text` ("hundreds of thousands", "dozens"), each followed by
    "of" and a word; "tens of" and "hundreds of" lead only a scale of a thousand or more."""
    out: list[Numeral] = []
    for end in sorted(_ends_before_of(text)):
        word = next(
            (
                w
                for k in _VAGUE_LENGTHS
                if (w := text[end - k : end].lower()) in _VAGUE_SET
                and (end - k == 0 or not (text[end - k - 1].isalnum() or text[end - k - 1] in "_-"))
            ),
            None,
        )
        if word is None or not _VAGUE_NOUN.match(text, end + 4):
            continue
        start = end - len(word)
        hm = _VAGUE_HEAD.search(text[max(0, start - 16) : start])
        head = None if hm is None else hm.group("head")
        if hm is not None:
            start -= len(hm.group())
        if word in _VAGUE_SCALES:
            if head is not None:
                continue
            low, high = (Decimal(v) for v in _VAGUE_SCALES[word])
        else:
            exp = SCALE_WORDS[word[:-1]]
            if head is not None:
                if exp < 3:
                    continue  # "tens of hundreds": not said
                exp += 1 if head.lower() == "tens" else 2
            low, high = Decimal(10) ** exp, Decimal(10) ** (exp + 1)
        out.append(
            _VagueNumeral(
                start=start,
                end=end,
                text=text[start:end],
                value=low,
                digits=str(low),
                scale=0,
                form="words",
                type="range",
                end_value=high,
                end_digits=str(high),
                end_scale=0,
            )
        )
    return out


_VULGAR: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {
        "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5),
        "⅖": (2, 5), "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅛": (1, 8),
        "⅜": (3, 8), "⅝": (5, 8), "⅞": (7, 8),
    }
)  # fmt: skip
_VULGAR_RE: Final = _rx.compile("[" + "".join(_VULGAR) + "]")


def _with_vulgar_fractions(text: str, numbers: list[Numeral]) -> list[Numeral]:
    """Add "½", "2½" and "2 ½" (a whole number and a vulgar fraction) to the digit numerals."""
    by_end = {n.end: i for i, n in enumerate(numbers)}
    out = list(numbers)
    drop: set[int] = set()
    for m in _VULGAR_RE.finditer(text):
        num, den = _VULGAR[m.group()]
        frac = _DIVIDE.divide(Decimal(num), Decimal(den))
        start, value, digits = m.start(), frac, f"{num}/{den}"
        i = by_end.get(m.start())
        if i is None and m.start() > 0 and text[m.start() - 1] == " ":
            i = by_end.get(m.start() - 1)
        if i is not None and numbers[i].type == "cardinal" and numbers[i].form == "digits":
            whole = numbers[i]
            drop.add(i)
            start, value, digits = whole.start, whole.value + frac, f"{whole.digits} {digits}"
        elif m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        out.append(
            Numeral(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                value=value,
                digits=digits,
                scale=0,
                form="digits",
                type="fraction",
            )
        )
    return sorted(
        (n for k, n in enumerate(out) if k not in drop or k >= len(numbers)), key=lambda n: n.start
    )


def parse_number(s: str) -> Decimal | None:
    """The value of `s` when it is exactly one numeral (not a range), else None.

    >>> parse_number("twenty-three"), parse_number("1,641.97"), parse_number("a dozen")
    (Decimal('23'), Decimal('1641.97'), Decimal('12'))
    """
    stripped = s.strip()
    found = find_numerals(stripped)
    if len(found) != 1:
        return None
    n = found[0]
    if n.start != 0 or n.end != len(stripped) or n.type == "range":
        return None
    return n.value


# ---- digits --------------------------------------------------------------------------------


def _digit_numerals(text: str) -> list[Numeral]:
    out: list[Numeral] = []
    covered = 0
    for run in _DIGIT_RUN_RE.finditer(text):
        start = run.start()
        if start < covered:
            continue  # the 000 of 3,000 or the 5 of 1.5
        m = None
        if (
            start > covered
            and text[start - 1] in "-\u2212."
            and (start == 1 or not text[start - 2].isdigit())
        ):
            m = _DIGITS_RE.match(text, start - 1)  # -5, .35
        if m is None:
            m = _DIGITS_RE.match(text, start)
        if m is None:
            continue  # x_5
        covered = m.end()
        numeral = _digit_numeral(text, m)
        if numeral is not None:
            if numeral.type == "cardinal" and numeral.form == "digits" and covered < len(text):
                sci = _scientific(text, numeral)
                if sci is not None:
                    numeral = sci
                    covered = sci.end
            out.append(numeral)
    return out


_SUPERSCRIPTS: Final = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
# "4e14", "9.83e-3", "2.48×10−5", "1.2×10⁶", "3 x 10^8", "6.02*10**23", "8x2^10"
_EXPONENT_RE: Final = _rx.compile(
    r"[eE](?P<e>[+\-\u2212]?[0-9]{1,3})(?![\w.])"
    r"|[ \u00a0]?(?:[×xX*]|\\times)[ \u00a0]?10"
    r"(?:(?:\^|\*\*)\(?(?P<p>[+\-\u2212]?[0-9]{1,3})\)?"
    r"|(?P<s>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|(?P<m>[\-\u2212][0-9]{1,3})"
    r"|\r?\n(?P<n>[0-9]{1,2})(?=[ \u00a0]))(?![\w.])"
    # powers of two: "8x2^10 bits", "3 × 2^20 bytes"
    r"|[ \u00a0]?[×xX*][ \u00a0]?2(?:\^|\*\*)(?P<b>[0-9]{1,2})(?![\w.])"
)


def _scientific(text: str, n: Numeral) -> Numeral | None:
    """The numeral extended by an exponent written after it, or None when none follows."""
    m = _EXPONENT_RE.match(text, n.end)
    if m is None:
        return None
    if m.group("e") is not None and not (n.digits[:1].isdigit() or n.digits[:2].lstrip("-")):
        return None
    if m.group("b") is not None:
        value = n.value * 2 ** int(m.group("b"))
        return Numeral(
            start=n.start,
            end=m.end(),
            text=text[n.start : m.end()],
            value=value,
            digits=str(value),
            scale=0,
            form="mixed",
            type="cardinal",
        )
    raw = next(g for g in m.group("e", "p", "s", "m", "n") if g is not None)
    exp = int(raw.translate(_SUPERSCRIPTS).replace("\u2212", "-"))
    value = n.value.scaleb(exp)
    return Numeral(
        start=n.start,
        end=m.end(),
        text=text[n.start : m.end()],
        value=value,
        digits=n.digits,
        scale=exp,
        form="mixed",
        type="cardinal",
    )


def _digit_numeral(text: str, m: re.Match[str]) -> Numeral | None:
    start, end = m.span()
    if (
        start
        and (text[start - 1].isalpha() or text[start - 1] in _HYPHENS or text[start - 1] == "+")
        and _is_identifier_left(text, start)
    ):
        return None
    sign, fn, fd, oint, dec, scale_words, plain = m.group(*_DIGIT_GROUPS)
    sign = "-" if sign else ""
    scale = 0
    form: NumeralForm = "digits"
    kind: NumeralType = "cardinal"
    if fn is not None:
        digits = f"{sign}{fn}/{fd}"
        value = _DIVIDE.divide(Decimal(fn), Decimal(fd))
        value = -value if sign else value
        kind = "fraction"
    elif oint is not None:
        digits = oint.translate(_DELETE_SEPARATORS)
        value = Decimal(digits)
        kind = "ordinal"
    else:
        digits = sign + (dec if dec is not None else plain).translate(_DELETE_SEPARATORS)
        if scale_words is not None:
            scale = sum(SCALE_WORDS[w] for w in re.split(r"[ \-]", scale_words.lower()))
            form = "mixed"
            value = _shift(digits, scale)
        else:
            if end < len(text) and "A" <= text[end] <= "Z" and _is_code_right(text, start, end):
                return None
            value = Decimal(digits)
    return _make_numeral(
        start,
        end,
        text[start:end],
        value,
        digits,
        scale,
        form,
        kind,
        end < len(text) and text[end] in _HYPHENS and _hyphen_joined(text, end),
    )


def _shift(digits: str, scale: int) -> Decimal:
    """`digits` times 10**scale, exactly, as an integer when it is one ("1.5", 6 -> 1500000)."""
    sign = "-" if digits.startswith("-") else ""
    whole, _, frac = digits.lstrip("-").partition(".")
    frac = frac.ljust(scale, "0")
    whole = (whole + frac[:scale]).lstrip("0") or "0"
    rest = frac[scale:]
    return Decimal(f"{sign}{whole}.{rest}" if rest else f"{sign}{whole}")


def _letters_before(text: str, end: int) -> str:
    """The run of letters ending at `end`, or "" when longer than any word we look for."""
    i = end
    stop = max(0, end - 9)
    while i > stop and text[i - 1].isalpha():
        i -= 1
    if i == stop and i > 0 and text[i - 1].isalpha():
        return ""
    return text[i:end]


def _label_before(text: str, end: int) -> str:
    """A long capitalized word glued to digits ("Parliament27"), or ""."""
    i = end
    stop = max(0, end - 16)
    while i > stop and text[i - 1].isalpha():
        i -= 1
    word = text[i:end]
    if i == stop or not (word[:1].isupper() and word[1:].islower()):
        return ""
    return word


_CODE_PART: Final = _rx.compile(r"[A-Z]{1,4}[0-9][0-9.]*")


def _is_identifier_left(text: str, start: int) -> bool:
    """True for digits glued to a word ("G20") or hyphen-joined to a label ("COVID-19")."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalpha():
        word = _letters_before(text, start) or _label_before(text, start)
        if word in _DOLLAR_SUFFIXES and start > len(word) and text[start - len(word) - 1] == "$":
            return False  # "$US5 billion", "$A4 million"
        if len(word) >= 4 and word[0].isupper() and word[1:].islower():
            # a label glued to its value, as scraped tables and infoboxes lose the cell
            # break: "Area2,140 km2", "Ranked27th"; codes are short or upper-case ("G20")
            return start >= len(word) + 1 and text[start - len(word) - 1].isalnum()
        return word not in _GLUED_CURRENCIES
    if prev == "+":
        # the second part of a catalogue code: "J1149.5+6663", "PSR B1913+16"
        token = text[max(0, start - 24) : start - 1].split()
        return (
            bool(token)
            and text[start - 2].isdigit()
            and _CODE_PART.fullmatch(token[-1]) is not None
        )
    if prev in _HYPHENS and start >= 2 and text[start - 2].isalpha():
        return _letters_before(text, start - 1).lower() not in _HYPHEN_PREFIXES
    return False


def _is_code_right(text: str, start: int, end: int) -> bool:
    """True for digits followed by one capital letter and no more letters ("5G", "3D").

    Not after a currency ("$5M", "US$10K", "RMB3B"): there the letter abbreviates a scale,
    which the money extractor reads.
    """
    if end >= len(text) or not ("A" <= text[end] <= "Z"):
        return False
    if end + 1 < len(text) and text[end + 1].isalpha():
        return False
    # Letters before the digits were already checked to be a currency code.
    return not start or not (text[start - 1] in _CURRENCY_SIGNS or text[start - 1].isalpha())


def _hyphen_joined(text: str, end: int) -> bool:
    return end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalpha()


# ---- words ---------------------------------------------------------------------------------

_Token = tuple[str, int, int]  # lower-case word, start, end
_Parse = tuple[int, int, str]  # value, index after, kind of last token


def _word_numerals(text: str, start: int, end: int) -> list[Numeral]:
    """Split a run of number words into numerals (a run may hold several: "three and five")."""
    toks: list[_Token] = [
        (t.group().lower(), t.start(), t.end()) for t in _WORD_RE.finditer(text, start, end)
    ]
    out: list[Numeral] = []
    i = 0
    while i < len(toks):
        parsed = _parse_words(text, toks, i)
        if parsed is None:
            i += 1
            continue
        j, value, digits, kind = parsed
        s, e = toks[i][1], toks[j - 1][2]
        out.append(
            _make_numeral(s, e, text[s:e], value, digits, 0, "words", kind, _hyphen_joined(text, e))
        )
        i = j
    return out


def _word(toks: list[_Token], i: int) -> str:
    return toks[i][0] if i < len(toks) else ""


def _fraction(num: int, den: int) -> tuple[Decimal, str]:
    return _DIVIDE.divide(Decimal(num), Decimal(den)), f"{num}/{den}"


def _parse_words(
    text: str, toks: list[_Token], i: int
) -> tuple[int, Decimal, str, NumeralType] | None:
    """The longest numeral starting at token `i`: (index after, value, digits, type)."""
    w, nxt = _word(toks, i), _word(toks, i + 1)
    if w == "half":
        after = _word(toks, i + 2)
        if nxt == "a" and (after in SCALE_WORDS or after == "dozen"):
            whole = 12 if after == "dozen" else 10 ** SCALE_WORDS[after]
            return i + 3, Decimal(whole // 2), str(whole // 2), "cardinal"
        return (i + 1, *_fraction(1, 2), "fraction")
    if w == "dozen":
        return i + 1, Decimal(12), "12", "cardinal"
    if w in ORDINAL_WORDS:
        return i + 1, Decimal(ORDINAL_WORDS[w]), str(ORDINAL_WORDS[w]), "ordinal"
    if w == "a":
        if nxt in ("half", "quarter"):
            return (i + 2, *_fraction(1, FRACTION_WORDS[nxt]), "fraction")
        if nxt in _SINGULAR_DENOMINATORS and _OF_AFTER.match(text, toks[i + 1][2]):
            return (i + 2, *_fraction(1, FRACTION_WORDS[nxt]), "fraction")
        if nxt == "dozen":
            return i + 2, Decimal(12), "12", "cardinal"
    parsed = _cardinal(toks, i)
    if parsed is None:
        return None
    value, j, last = parsed
    o = _word(toks, j)
    just_one = j == i + 1 and w == "one"
    if o in _PLURAL_DENOMINATORS and 1 <= value < 1000:
        return (j + 1, *_fraction(value, FRACTION_WORDS[o]), "fraction")
    if just_one and o in _SINGULAR_DENOMINATORS:  # one third, one-fourth, one half
        return (j + 1, *_fraction(1, FRACTION_WORDS[o]), "fraction")
    if o == "dozen" and last in ("ones", "teens", "tens") and value > 0:
        return j + 1, Decimal(value * 12), str(value * 12), "cardinal"
    if o in ORDINAL_WORDS:
        ov = ORDINAL_WORDS[o]
        if ov in _SCALE_ORDINALS and 0 < value < 1000:  # two hundredth, five thousandth
            position = value * ov
        elif (last == "tens" and ov < 10) or (last in ("hundred", "scale") and ov < 100):
            position = value + ov  # twenty-first, one hundred first
        else:
            position = 0
        if position:
            return j + 1, Decimal(position), str(position), "ordinal"
    if o == "and" and last in ("hundred", "scale"):
        ov = ORDINAL_WORDS.get(_word(toks, j + 1), 0)
        if 0 < ov < 100:  # one hundred and first
            return j + 2, Decimal(value + ov), str(value + ov), "ordinal"
    return j, Decimal(value), str(value), "cardinal"


def _sub100(toks: list[_Token], i: int) -> _Parse | None:
    w = _word(toks, i)
    if w in _TEN_VALUES:
        ones = _ONES.get(_word(toks, i + 1), 0)
        if ones:
            return _TEN_VALUES[w] + ones, i + 2, "ones"
        return _TEN_VALUES[w], i + 1, "tens"
    if w in _TEEN_VALUES:
        return _TEEN_VALUES[w], i + 1, "teens"
    if w in _ONES:
        return _ONES[w], i + 1, "ones"
    return None


def _sub1000(toks: list[_Token], i: int) -> _Parse | None:
    if _word(toks, i) == "a" and _word(toks, i + 1) == "hundred":
        value, j = 100, i + 2
    else:
        head = _sub100(toks, i)
        if head is None:
            return None
        value, j, _ = head
        if _word(toks, j) != "hundred" or not 0 < value < 100:
            return head
        value, j = value * 100, j + 1
    k = j + 1 if _word(toks, j) == "and" else j
    tail = _sub100(toks, k)
    if tail is not None and tail[0] > 0:
        return value + tail[0], tail[1], tail[2]
    return value, j, "hundred"


def _cardinal(toks: list[_Token], i: int) -> _Parse | None:
    """A cardinal in words: chunks below 1000 joined by decreasing scale words."""
    total = 0
    if _word(toks, i) == "a" and _word(toks, i + 1) in _BIG_SCALES:
        chunk, j, last = 1, i + 1, "a"
    else:
        first = _sub1000(toks, i)
        if first is None:
            return None
        chunk, j, last = first
    top = 99
    while (exp := _BIG_SCALES.get(_word(toks, j), 99)) < top:
        total += chunk * 10**exp
        chunk, top, j, last = 0, exp, j + 1, "scale"
        k = j + 1 if _word(toks, j) == "and" else j
        nxt = _sub1000(toks, k)
        if nxt is None or nxt[0] == 0:
            break
        chunk, j, last = nxt
    return total + chunk, j, last


# ---- merging neighbours: mixed fractions and ranges ----------------------------------------


_COMPOUND_GAP: Final = _rx.compile(
    r",[ \u00a0]{1,3}(?:and[ \u00a0]{1,3})?|[ \u00a0]{1,3}&[ \u00a0]{1,3}"
)
_LAST_WORD: Final = _rx.compile(r"([a-z]+)\Z")


def _word_compound(text: str, a: Numeral, b: Numeral) -> Numeral | None:
    """ "three million, two hundred & forty" as one number: a cardinal in words ending in a
    scale word, then a comma or "&", then a smaller cardinal in words (what the scale word
    leaves room for). "two million, three million" and "ten, twenty" stay apart."""
    if a.form != "words" or b.form != "words" or a.type != "cardinal" or b.type != "cardinal":
        return None
    gap = _COMPOUND_GAP.fullmatch(text, a.end, b.start)
    last = _LAST_WORD.search(a.text.lower())
    if gap is None or last is None:
        return None
    room = 10 ** _BIG_SCALES[last.group(1)] if last.group(1) in _BIG_SCALES else None
    if gap.group(0).strip() == "&" and last.group(1) == "hundred":
        room = 100
    elif b.value < 100:
        return None  # "one thousand, five of them": a comma before a small number is a list
    if room is None or not 0 < b.value < room or a.value % room:
        return None
    value = a.value + b.value
    return replace(a, end=b.end, text=text[a.start : b.end], value=value, digits=str(value))


def _merge(text: str, atoms: list[Numeral]) -> list[Numeral]:
    out: list[Numeral] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        while i + 1 < n and (c := _word_compound(text, a, atoms[i + 1])) is not None:
            a, i = c, i + 1
        if i + 1 < n:
            b = atoms[i + 1]
            gap = text[a.end : b.start] if b.start - a.end <= 12 else ""
            if gap and gap[0] in _GAP_FIRST and _JOINING_GAP.fullmatch(gap):
                merged = _mixed_fraction(text, a, b, gap) or _range(text, a, b, gap)
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _is_plain_int(n: Numeral) -> bool:
    return n.form == "digits" and n.type == "cardinal" and n.text.isdigit()


def _mixed_fraction(text: str, a: Numeral, b: Numeral, gap: str) -> Numeral | None:
    """ "2 1/2" and "two and a half" as one fraction."""
    if b.type != "fraction" or a.type != "cardinal" or a.value < 0 or b.value <= 0:
        return None
    if a.form == "digits" and b.form == "digits":
        if not (_is_plain_int(a) and len(a.text) <= 3 and gap in _SPACE_SEPARATORS and gap):
            return None
        num, _, den = b.digits.partition("/")
        if not (num.isdigit() and den.isdigit()) or int(num) >= int(den):
            return None
        digits = f"{a.digits} {b.digits}"
    elif b.form == "words" and b.text[:2].lower() == "a " and _AND_A_GAP.fullmatch(gap):
        if a.value != a.value.to_integral_value() or a.form == "mixed":
            return None
        digits = f"{a.digits} {b.digits}"
    else:
        return None
    return Numeral(
        start=a.start,
        end=b.end,
        text=text[a.start : b.end],
        value=a.value + b.value,
        digits=digits,
        scale=0,
        form=a.form if a.form == b.form else "mixed",
        type="fraction",
        hyphen_joined_to_word=b.hyphen_joined_to_word,
    )


def _trailing_scale(n: Numeral) -> int:
    if n.form == "mixed":
        return n.scale
    if n.form == "words":
        return SCALE_WORDS.get(_WORD_RE.findall(n.text)[-1].lower(), 0)
    return 0


def _looks_like_year(n: Numeral) -> bool:
    """A plain four-digit integer between 1000 and 2199."""
    return n.form == "digits" and len(n.text) == 4 and n.text.isdigit() and 1000 <= n.value < 2200


def _range(text: str, a: Numeral, b: Numeral, gap: str) -> Numeral | None:
    """ "5-10", "five to 10", "between 3 and 5", "2021–25" as one range."""
    if a.type != "cardinal" or b.type != "cardinal":
        return None
    start = a.start
    end_value = b.value
    if _DASH_GAP.fullmatch(gap):
        if a.form == "words" or b.form == "words":
            return None
        if _CHAIN_AFTER.match(text, b.end) or (
            a.start >= 2 and text[a.start - 1] in _CHAIN_MARKS and text[a.start - 2].isdigit()
        ):
            return None  # 010-6559-2830, 2023-09-05
        short_end = _is_plain_int(a) and _is_plain_int(b) and len(a.text) == 4 == len(b.text) + 2
        if short_end and b.value < a.value:  # 2021-25, 1990-91
            end_value = Decimal(a.text[: len(a.text) - len(b.text)] + b.text)
    elif _TO_GAP.fullmatch(gap):
        if _CHANGE_BEFORE.search(text, max(0, a.start - 16), a.start):
            return None  # "(up 312,480 to 2,047,118)": a change, then the level reached
    elif _AND_GAP.fullmatch(gap):
        between = _BETWEEN_BEFORE.search(text, max(0, a.start - 12), a.start)
        if between is None:
            return None
        start = between.start()
    else:
        return None
    if not a.value < end_value:
        return None
    if _looks_like_year(a) != _looks_like_year(b) and not (
        _DASH_GAP.fullmatch(gap) and end_value != b.value
    ):
        return None  # "310,000 in 2010 to 402,000": a year and a figure are not a range
    value, digits, scale = a.value, a.digits, a.scale
    carried = _trailing_scale(b)
    if carried and not _trailing_scale(a) and a.value.scaleb(carried) <= end_value:
        value = _shift(a.digits, carried)
        if b.form == "mixed" and a.form != "words":
            scale = carried  # "1-2 million": digits "1", scale 6
        else:
            digits = str(value)  # "five to ten million": digits "5000000"
    forms = {a.form, b.form}
    return Numeral(
        start=start,
        end=b.end,
        text=text[start : b.end],
        value=value,
        digits=digits,
        scale=scale,
        form=forms.pop() if len(forms) == 1 else "mixed",
        type="range",
        end_value=end_value,
        end_digits=b.digits,
        end_scale=b.scale,
        hyphen_joined_to_word=b.hyphen_joined_to_word,
    )
