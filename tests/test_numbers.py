"""Tests for hetao_facts.numbers: every numeral in prose, its value and how it was written."""

from __future__ import annotations

import time
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts.numbers import (
    FRACTION_WORDS,
    ORDINAL_WORDS,
    SCALE_WORDS,
    WORD_NUMBERS,
    Numeral,
    find_numerals,
    parse_number,
)

NB = "\u00a0"
D = Decimal
Expected = tuple[str, Decimal | int | str, str, Decimal | int | str | None]


def _found(text: str) -> list[Expected]:
    return [(n.text, n.value, n.type, n.end_value) for n in find_numerals(text)]


def _norm(expected: list[Expected]) -> list[Expected]:
    """Expected values may be written as ints or strings; compare them as Decimals."""
    return [(t, D(v), kind, None if e is None else D(e)) for t, v, kind, e in expected]


# ---- table-driven cases, by family: input -> [(text, value, type, end_value)] -------------

SEPARATORS: list[tuple[str, list[Expected]]] = [
    ("more than 3,000 research professionals", [("3,000", 3000, "cardinal", None)]),
    ("over 130,000 large-scale instruments", [("130,000", 130000, "cardinal", None)]),
    ("800,000 square meters", [("800,000", 800000, "cardinal", None)]),
    ("US$1,641.97 billion", [("1,641.97 billion", "1641970000000", "cardinal", None)]),
    ("650 000 people", [("650 000", 650000, "cardinal", None)]),
    (f"650{NB}000 people", [(f"650{NB}000", 650000, "cardinal", None)]),
    ("1\u202f234\u202f567 visitors", [("1\u202f234\u202f567", 1234567, "cardinal", None)]),
    ("12\u2009500 m", [("12\u2009500", 12500, "cardinal", None)]),
    ("1,000,000", [("1,000,000", 1000000, "cardinal", None)]),
    # separators must be consistent and groups exactly three digits
    ("1,2,3", [("1", 1, "cardinal", None), ("2", 2, "cardinal", None), ("3", 3, "cardinal", None)]),
    ("1,000 000", [("1,000", 1000, "cardinal", None), ("000", 0, "cardinal", None)]),
    ("On July 1, 2017, Xi", [("1", 1, "cardinal", None), ("2017", 2017, "cardinal", None)]),
    ("In 2023, 100 people", [("2023", 2023, "cardinal", None), ("100", 100, "cardinal", None)]),
    (
        "<" + "".join(f"{NB}{NB}{i}" for i in range(1, 12)) + f"{NB}{NB}>",
        [(str(i), i, "cardinal", None) for i in range(1, 12)],
    ),
]

DECIMALS: list[tuple[str, list[Expected]]] = [
    ("a 3.02 square- kilometer park", [("3.02", "3.02", "cardinal", None)]),
    ("a 0.87-square-kilometer park", [("0.87", "0.87", "cardinal", None)]),
    ("3.89 square kilometers.", [("3.89", "3.89", "cardinal", None)]),
    ("a ratio of .35", [(".35", "0.35", "cardinal", None)]),
    ("12.5% growth", [("12.5", "12.5", "cardinal", None)]),
    ("by 2025.", [("2025", 2025, "cardinal", None)]),
    ("1,234.5", [("1,234.5", "1234.5", "cardinal", None)]),
]

SCALE_WORDS_CASES: list[tuple[str, list[Expected]]] = [
    ("1.5 million square meters", [("1.5 million", 1500000, "cardinal", None)]),
    ("10 million square feet", [("10 million", 10000000, "cardinal", None)]),
    ("1.28 trillion yuan", [("1.28 trillion", "1280000000000", "cardinal", None)]),
    ("1.2 billion", [("1.2 billion", 1200000000, "cardinal", None)]),
    ("3 thousand", [("3 thousand", 3000, "cardinal", None)]),
    ("2 hundred", [("2 hundred", 200, "cardinal", None)]),
    ("5 hundred million", [("5 hundred million", 500000000, "cardinal", None)]),
    ("a 1.5-million-square-meter campus", [("1.5-million", 1500000, "cardinal", None)]),
    ("3 Million", [("3 Million", 3000000, "cardinal", None)]),
    # abbreviations are units, not scale words
    ("5m", [("5", 5, "cardinal", None)]),
    ("5bn", [("5", 5, "cardinal", None)]),
]

WORDS: list[tuple[str, list[Expected]]] = [
    ("five renowned universities", [("five", 5, "cardinal", None)]),
    ("Five", [("Five", 5, "cardinal", None)]),
    ("FIVE", [("FIVE", 5, "cardinal", None)]),
    ("twenty-three", [("twenty-three", 23, "cardinal", None)]),
    ("twenty three", [("twenty three", 23, "cardinal", None)]),
    ("one hundred and five", [("one hundred and five", 105, "cardinal", None)]),
    ("three thousand", [("three thousand", 3000, "cardinal", None)]),
    ("a dozen", [("a dozen", 12, "cardinal", None)]),
    ("dozen", [("dozen", 12, "cardinal", None)]),
    ("two dozen", [("two dozen", 24, "cardinal", None)]),
    ("a hundred", [("a hundred", 100, "cardinal", None)]),
    ("a million", [("a million", 1000000, "cardinal", None)]),
    ("half a million", [("half a million", 500000, "cardinal", None)]),
    ("zero", [("zero", 0, "cardinal", None)]),
    ("eleven and twelve", [("eleven", 11, "cardinal", None), ("twelve", 12, "cardinal", None)]),
    ("two-stage objectives", [("two", 2, "cardinal", None)]),
    ("a four-day visit", [("four", 4, "cardinal", None)]),
    (
        "two million three hundred thousand and five",
        [
            ("two million three hundred thousand and five", 2300005, "cardinal", None),
        ],
    ),
    ("nineteen ninety", [("nineteen", 19, "cardinal", None), ("ninety", 90, "cardinal", None)]),
    (
        "one, two, three",
        [
            ("one", 1, "cardinal", None),
            ("two", 2, "cardinal", None),
            ("three", 3, "cardinal", None),
        ],
    ),
    (
        "five Global Fortune 500 companies",
        [
            ("five", 5, "cardinal", None),
            ("500", 500, "cardinal", None),
        ],
    ),
    # scale words alone are not numerals; a plural before "of" and a word is a vague amount
    ("hundred", []),
    ("hundreds", []),
    ("in the millions.", []),
    ("millions of people", [("millions", 10**6, "range", 10**7)]),
    ("Tens of thousands of fans", [("Tens of thousands", 10**4, "range", 10**5)]),
    ("hundreds of millions of", []),
    ("dozens of villages", [("dozens", 24, "range", 144)]),
]

ORDINALS: list[tuple[str, list[Expected]]] = [
    ("14th Five-Year Plan", [("14th", 14, "ordinal", None), ("Five", 5, "cardinal", None)]),
    ("the 40th anniversary", [("40th", 40, "ordinal", None)]),
    (
        "1st 2nd 3rd 23rd",
        [
            ("1st", 1, "ordinal", None),
            ("2nd", 2, "ordinal", None),
            ("3rd", 3, "ordinal", None),
            ("23rd", 23, "ordinal", None),
        ],
    ),
    ("the first", [("first", 1, "ordinal", None)]),
    ("the twentieth", [("twentieth", 20, "ordinal", None)]),
    ("thirtieth", [("thirtieth", 30, "ordinal", None)]),
    ("twenty-first century", [("twenty-first", 21, "ordinal", None)]),
    ("one hundred and first", [("one hundred and first", 101, "ordinal", None)]),
    ("hundredth", [("hundredth", 100, "ordinal", None)]),
    ("the 18th CPC National Congress", [("18th", 18, "ordinal", None)]),
    ("second", [("second", 2, "ordinal", None)]),  # ambiguous: the caller decides
    ("one second", [("one", 1, "cardinal", None), ("second", 2, "ordinal", None)]),
    ("a third round", [("third", 3, "ordinal", None)]),
]

FRACTIONS: list[tuple[str, list[Expected]]] = [
    ("1/2", [("1/2", "0.5", "fraction", None)]),
    ("3/4", [("3/4", "0.75", "fraction", None)]),
    ("2 1/2 years", [("2 1/2", "2.5", "fraction", None)]),
    ("two and a half", [("two and a half", "2.5", "fraction", None)]),
    ("half", [("half", "0.5", "fraction", None)]),
    ("a quarter", [("a quarter", "0.25", "fraction", None)]),
    ("one quarter", [("one quarter", "0.25", "fraction", None)]),
    ("three quarters", [("three quarters", "0.75", "fraction", None)]),
    ("one-fourth", [("one-fourth", "0.25", "fraction", None)]),
    ("one third", [("one third", D(1) / 3, "fraction", None)]),
    ("one-third", [("one-third", D(1) / 3, "fraction", None)]),
    ("two-thirds", [("two-thirds", D(2) / 3, "fraction", None)]),
    ("a third of the budget", [("a third", D(1) / 3, "fraction", None)]),
    # dates are not fractions: each digit run is a plain cardinal
    (
        "9/5/2023",
        [("9", 9, "cardinal", None), ("5", 5, "cardinal", None), ("2023", 2023, "cardinal", None)],
    ),
    (
        "2023/09/05",
        [
            ("2023", 2023, "cardinal", None),
            ("09", 9, "cardinal", None),
            ("05", 5, "cardinal", None),
        ],
    ),
    ("1/0", [("1", 1, "cardinal", None), ("0", 0, "cardinal", None)]),
]

RANGES: list[tuple[str, list[Expected]]] = [
    ("five to 10 years", [("five to 10", 5, "range", 10)]),
    ("5 to 10", [("5 to 10", 5, "range", 10)]),
    ("ten to fifteen", [("ten to fifteen", 10, "range", 15)]),
    ("between 3 and 5", [("between 3 and 5", 3, "range", 5)]),
    ("between 3 and 5 million", [("between 3 and 5 million", 3000000, "range", 5000000)]),
    ("1.5-2 million", [("1.5-2 million", 1500000, "range", 2000000)]),
    ("165,000-186,000", [("165,000-186,000", 165000, "range", 186000)]),
    ("165,000–186,000", [("165,000–186,000", 165000, "range", 186000)]),
    (
        "Five-Year Plan (2021-2025)",
        [("Five", 5, "cardinal", None), ("2021-2025", 2021, "range", 2025)],
    ),
    ("2021–25", [("2021–25", 2021, "range", 2025)]),
    ("10-15", [("10-15", 10, "range", 15)]),
    ("3–5", [("3–5", 3, "range", 5)]),
    ("3 - 5", [("3 - 5", 3, "range", 5)]),
    ("1990-91", [("1990-91", 1990, "range", 1991)]),
    ("1 million-2 million", [("1 million-2 million", 1000000, "range", 2000000)]),
    ("two-to-three", [("two-to-three", 2, "range", 3)]),
    # not ranges
    ("COVID-19", []),
    ("Fortune 500", [("500", 500, "cardinal", None)]),
    ("A-1", []),
    ("a 3-2 win", [("3", 3, "cardinal", None), ("2", 2, "cardinal", None)]),
    ("open 24-7", [("24", 24, "cardinal", None), ("7", 7, "cardinal", None)]),
    (
        "from 310,000 in 2010 to 402,000",  # a year and a figure are not a range
        [
            ("310,000", 310000, "cardinal", None),
            ("2010", 2010, "cardinal", None),
            ("402,000", 402000, "cardinal", None),
        ],
    ),
    ("one-to-one", [("one", 1, "cardinal", None), ("one", 1, "cardinal", None)]),
    ("ten to five", [("ten", 10, "cardinal", None), ("five", 5, "cardinal", None)]),
    ("three and five", [("three", 3, "cardinal", None), ("five", 5, "cardinal", None)]),
    (
        "010-6559-2830",
        [
            ("010", 10, "cardinal", None),
            ("6559", 6559, "cardinal", None),
            ("2830", 2830, "cardinal", None),
        ],
    ),
    (
        "2023-09-05",
        [
            ("2023", 2023, "cardinal", None),
            ("09", 9, "cardinal", None),
            ("05", 5, "cardinal", None),
        ],
    ),
    ("2023-09", [("2023", 2023, "cardinal", None), ("09", 9, "cardinal", None)]),
]

NEGATIVES_AND_NOT_NUMERALS: list[tuple[str, list[Expected]]] = [
    ("-5 degrees", [("-5", -5, "cardinal", None)]),
    ("fell to −3.5", [("−3.5", "-3.5", "cardinal", None)]),
    ("(-12)", [("-12", -12, "cardinal", None)]),
    ("from -5 to 10", [("-5 to 10", -5, "range", 10)]),
    ("G20 summit", []),
    ("H2O", []),
    ("5G networks", []),
    ("3D printing", []),
    ("US$10K and $5M", [("10", 10, "cardinal", None), ("5", 5, "cardinal", None)]),
    ("RMB3B", [("3", 3, "cardinal", None)]),
    ("FY2023", []),
    ("RMB100 million", [("100 million", 100000000, "cardinal", None)]),
    ("mid-2020", [("2020", 2020, "cardinal", None)]),
    ("10km", [("10", 10, "cardinal", None)]),
    ("1.2.3", [("1", 1, "cardinal", None), ("2", 2, "cardinal", None), ("3", 3, "cardinal", None)]),
    ("x_5", []),
    ("5 thou\u017fand", [("5", 5, "cardinal", None)]),  # long s is not an ASCII s
    ("No.1", [("1", 1, "cardinal", None)]),
    ("SARS-CoV-2", []),
    (
        "someone often tone bone phone anyone honeycomb tent minute once twice none",
        [],
    ),
    ("headquarters of the zone", []),
]

ALL_CASES = [
    pytest.param(text, expected, id=f"{family}:{text[:40]}")
    for family, table in [
        ("separators", SEPARATORS),
        ("decimals", DECIMALS),
        ("scale", SCALE_WORDS_CASES),
        ("words", WORDS),
        ("ordinals", ORDINALS),
        ("fractions", FRACTIONS),
        ("ranges", RANGES),
        ("negatives-not", NEGATIVES_AND_NOT_NUMERALS),
    ]
    for text, expected in table
]


@pytest.mark.parametrize(("text", "expected"), ALL_CASES)
def test_find_numerals(text: str, expected: list[Expected]) -> None:
    assert _found(text) == _norm(expected)


# ---- fields ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits", "scale", "form"),
    [
        ("3.02", "3.02", 0, "digits"),
        ("800,000", "800000", 0, "digits"),
        ("1.5 million", "1.5", 6, "mixed"),
        ("10 million", "10", 6, "mixed"),
        ("3 thousand", "3", 3, "mixed"),
        ("US$1,641.97 billion", "1641.97", 9, "mixed"),
        ("five", "5", 0, "words"),
        ("three thousand", "3000", 0, "words"),  # a scale word after words is not a scale
        ("one-fourth", "1/4", 0, "words"),
        ("2 1/2", "2 1/2", 0, "digits"),
        ("40th", "40", 0, "digits"),
        ("-5", "-5", 0, "digits"),
        (".35", ".35", 0, "digits"),
        ("five to 10", "5", 0, "mixed"),
        ("1-2 million", "1", 6, "mixed"),
    ],
)
def test_digits_scale_form(text: str, digits: str, scale: int, form: str) -> None:
    (n,) = find_numerals(text)
    assert (n.digits, n.scale, n.form) == (digits, scale, form)


def test_range_end_fields() -> None:
    (n,) = find_numerals("2021–25")
    assert (n.end_value, n.end_digits, n.end_scale) == (D(2025), "25", 0)
    (n,) = find_numerals("1.5 million to 2 million")
    assert (n.value, n.digits, n.scale) == (D(1500000), "1.5", 6)
    assert (n.end_value, n.end_digits, n.end_scale) == (D(2000000), "2", 6)


def test_offsets_and_hyphen_join() -> None:
    text = "a 0.87-square-kilometer park and two-stage objectives, 10-15 days"
    found = find_numerals(text)
    assert [(n.text, n.hyphen_joined_to_word) for n in found] == [
        ("0.87", True),
        ("two", True),
        ("10-15", False),
    ]
    for n in found:
        assert text[n.start : n.end] == n.text


def test_numeral_is_frozen_with_short_repr() -> None:
    (n,) = find_numerals("about 3,000 people")
    with pytest.raises(FrozenInstanceError):
        n.value = D(1)  # type: ignore[misc]
    assert repr(n) == "<Numeral '3,000' 3000 cardinal 6:11>"
    assert isinstance(n, Numeral)


# ---- parse_number and the vocabulary ---------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "value"),
    [
        ("twenty-three", 23),
        ("1,641.97", D("1641.97")),
        ("a dozen", 12),
        ("3 thousand", 3000),
        ("  five ", 5),
        ("one-fourth", D("0.25")),
        ("-5", -5),
        ("40th", 40),
        ("hundred", None),
        ("5-10", None),  # a range is not one number
        ("five apples", None),
        ("", None),
        ("G20", None),
    ],
)
def test_parse_number(s: str, value: Decimal | int | None) -> None:
    assert parse_number(s) == (None if value is None else D(value))


def test_vocabulary() -> None:
    assert WORD_NUMBERS["nineteen"] == 19 and WORD_NUMBERS["ninety"] == 90
    assert ORDINAL_WORDS["twentieth"] == 20 and ORDINAL_WORDS["second"] == 2
    assert SCALE_WORDS == {
        "hundred": 2,
        "thousand": 3,
        "lakh": 5,
        "million": 6,
        "crore": 7,
        "billion": 9,
        "trillion": 12,
    }
    assert FRACTION_WORDS["quarters"] == 4 and "second" not in FRACTION_WORDS
    with pytest.raises(TypeError):
        WORD_NUMBERS["eleventy"] = 110  # type: ignore[index]


def test_seed_texts() -> None:
    text = (
        "In its 14th Five-Year Plan (2021-2025), China has set targets. The zone comprises "
        "a 3.02 square- kilometer park in Shenzhen, and a 0.87-square-kilometer park. "
        "By 2025, more than 1.5 million square meters; a total area of 10 million square "
        "feet; more than 3,000 research professionals; over the next five to 10 years."
    )
    assert [n.text for n in find_numerals(text)] == [
        "14th",
        "Five",
        "2021-2025",
        "3.02",
        "0.87",
        "2025",
        "1.5 million",
        "10 million",
        "3,000",
        "five to 10",
    ]


# ---- properties ------------------------------------------------------------------------------

# "ſ", "İ" and the Kelvin sign "K" match ASCII letters under re.IGNORECASE but lower-case
# to something else: they once crashed the scale-word lookup.
_CHARS = "0123456789,.-–/ \u00a0\u202f\u2009\n$%()abcdefghilmnoqrstuvwxyzGDHK\u017f\u0130\u212a"
_PIECES = ["one", "two", "twenty", "hundred", "thousand", "million", "and", "a", "to", "half"]
_PIECES += ["between", "third", "quarter", "first", "th", "nd", "dozen", "COVID-", "billion"]
_NUMERIC_ALPHABET = st.sampled_from([*_CHARS, *_PIECES])


def _check_invariants(text: str) -> None:
    found = find_numerals(text)
    end = 0
    for n in found:
        assert end <= n.start < n.end <= len(text)
        assert text[n.start : n.end] == n.text
        assert isinstance(n.value, Decimal)
        assert (n.end_value is not None) == (n.type == "range")
        end = n.end


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_any_text_never_raises(text: str) -> None:
    _check_invariants(text)


@given(st.lists(_NUMERIC_ALPHABET, max_size=40).map("".join))
@settings(max_examples=500, deadline=None)
def test_number_like_text_never_raises(text: str) -> None:
    _check_invariants(text)


@given(
    st.integers(min_value=0, max_value=10**15),
    st.sampled_from(["plain", ",", " ", "\u00a0", "\u202f", "\u2009"]),
)
def test_integers_with_separators_round_trip(n: int, style: str) -> None:
    written = str(n) if style == "plain" else f"{n:,}".replace(",", style)
    assert parse_number(written) == n
    found = find_numerals(f"about {written} people")
    assert [(x.text, x.value) for x in found] == [(written, D(n))]


_UNITS = list(WORD_NUMBERS)[:10]  # zero ... nine
_TEENS = list(WORD_NUMBERS)[10:20]  # ten ... nineteen
_TENS = ["", "", *list(WORD_NUMBERS)[20:28]]  # twenty ... ninety


def _below_100(n: int, joiner: str) -> str:
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (joiner + _UNITS[ones] if ones else "")


def _below_1000(n: int, joiner: str, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_100(rest, joiner)
    head = _UNITS[hundreds] + " hundred"
    if not rest:
        return head
    return head + (" and " if use_and else " ") + _below_100(rest, joiner)


def _to_words(n: int, joiner: str = "-", use_and: bool = True) -> str:
    """English words for 0 <= n < 1,000,000 ("nine hundred and ninety-nine thousand ...")."""
    if n < 1000:
        return _below_1000(n, joiner, use_and)
    thousands, rest = divmod(n, 1000)
    head = _below_1000(thousands, joiner, use_and) + " thousand"
    if not rest:
        return head
    sep = " and " if use_and and rest < 100 else " "
    return head + sep + _below_1000(rest, joiner, use_and)


def test_word_renderer() -> None:
    assert _to_words(105) == "one hundred and five"
    assert _to_words(23, " ") == "twenty three"
    assert _to_words(999999) == "nine hundred and ninety-nine thousand nine hundred and ninety-nine"


@given(
    st.integers(min_value=0, max_value=999_999),
    st.sampled_from(["-", " "]),
    st.booleans(),
    st.sampled_from([str.lower, str.upper, str.capitalize]),
)
def test_words_round_trip(n: int, joiner: str, use_and: bool, case: object) -> None:
    words = case(_to_words(n, joiner, use_and))  # type: ignore[operator]
    assert parse_number(words) == n, words
    found = find_numerals(f"There were {words} of them.")
    assert [(x.text, x.value, x.type) for x in found] == [(words, D(n), "cardinal")]


# ---- linear time on pathological input -------------------------------------------------------

# Measured (best of 3, CPU time, on a shared 2-core container under load 5, where
# sum(range(1000)) takes 43-60 µs): 100 KB of "1," 0.46 s (50,000 numerals), "1-" 0.73 s,
# "1." 0.52 s, "one " 0.27 s (25,000 numerals), "a1" 0.22 s, digits 0.006 s, whitespace
# 0.017 s. Time grows with the numerals found, never quadratically.
PATHOLOGICAL = {
    "commas": "1," * 50_000,
    "digits": "7" * 100_000,
    "whitespace": " \u00a0\n\t" * 25_000,
    "words": "one " * 25_000,
    "hyphens": "1-" * 50_000,
    "dots": "1." * 50_000,
    "slashes": "1/" * 50_000,
    "spaced groups": "1 000 " * 17_000,
    "articles": "a " * 50_000,
    "tens": "twenty-" * 14_000,
    "letters and digits": "a1" * 50_000,
    "grouped digits": "1,000" * 20_000,
}


@pytest.mark.slow
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_is_linear(text: str) -> None:
    started = time.process_time()
    find_numerals(text)
    assert time.process_time() - started < 2.0


def test_a_number_before_a_mixed_fraction_is_not_merged_with_it() -> None:
    """'10 4 ½' (found by test_fragments_never_crash): '4 ½' is already one mixed fraction,
    so '10' stays a number of its own instead of crashing the merge."""
    assert [(n.text, n.value) for n in find_numerals("×10 4 ½")] == [
        ("10", Decimal(10)),
        ("4 ½", Decimal("4.5")),
    ]


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("hundreds", 100, 1000),
        ("thousands", 10**3, 10**4),
        ("tens of thousands", 10**4, 10**5),
        ("hundreds of thousands", 10**5, 10**6),
        ("millions", 10**6, 10**7),
        ("tens of millions", 10**7, 10**8),
        ("hundreds of millions", 10**8, 10**9),
        ("billions", 10**9, 10**10),
        ("TRILLIONS", 10**12, 10**13),
        ("dozens", 24, 144),
        ("scores", 40, 200),
    ],
)
def test_vague_amount_spans_its_order_of_magnitude(phrase: str, low: int, high: int) -> None:
    (n,) = find_numerals(f"They counted {phrase} of ducks.")
    assert (n.text, n.type, n.vague) == (phrase, "range", True)
    assert (n.value, n.end_value) == (D(low), D(high))


def test_only_vague_amounts_are_vague() -> None:
    text = "a ⅓ cup, 2½ miles, 1.5 million, five to 10, hundreds of guests"
    assert [n.text for n in find_numerals(text) if n.vague] == ["hundreds"]
