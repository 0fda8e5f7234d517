"""Extraction cases as data (tests/data/extract_cases.yml), one family per key."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from hetao_facts import extract

DATA = yaml.safe_load(
    (Path(__file__).parent / "data" / "extract_cases.yml").read_text(encoding="utf-8")
)
CASES = [(family, i, case) for family, cases in DATA.items() for i, case in enumerate(cases)]


def _value(c: Any) -> Any:
    return c.model_dump(mode="json")["value"]


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(Decimal(str(a)) - Decimal(str(b))) <= Decimal("1e-6") * max(
            Decimal(1), abs(Decimal(str(b)))
        )
    return str(a) == str(b)


@pytest.mark.parametrize(("family", "index", "case"), CASES, ids=[f"{f}-{i}" for f, i, _ in CASES])
def test_extraction_case(family: str, index: int, case: dict[str, Any]) -> None:
    date = datetime.date.fromisoformat(case["date"]) if "date" in case else None
    claims = extract(case["text"], date=date)
    for want in case.get("claims", []):
        matches = [
            c
            for c in claims
            if c.kind == want["kind"] and (want["text"] in c.text or c.text in want["text"])
        ]
        shown = [(c.kind, c.text, _value(c)) for c in claims]
        assert matches, f"no {want['kind']} claim for {want['text']!r} in {shown}"
        c = matches[0]
        assert _close(_value(c), want["value"]), (
            f"{want['text']!r}: value {_value(c)} != {want['value']}"
        )
        if "qualifier" in want:
            assert c.qualifier.value == want["qualifier"], f"{want['text']!r}: {c.qualifier}"
        if "role" in want:
            assert (c.role.value if c.role else None) == want["role"], (
                f"{want['text']!r}: role {c.role}"
            )
        if "subject" in want:
            assert c.subject == want["subject"], f"{want['text']!r}: subject {c.subject!r}"
        if "interval" in want:
            iv = c.model_dump(mode="json")["interval"]
            got = [iv["low"], iv["high"]] if iv else None
            assert got is not None and _close(got, want["interval"]), (
                f"{want['text']!r}: interval {got} != {want['interval']}"
            )
        if "range" in want:
            assert c.is_range is want["range"], f"{want['text']!r}: is_range {c.is_range}"
        if "stated" in want:
            assert c.stated == Decimal(str(want["stated"])), f"{want['text']!r}: {c.stated}"
    for text in case.get("absent", []):
        bad = [c for c in claims if c.text == text or c.text.startswith(text + " ")]
        assert not bad, f"{text!r} should not be a claim: {[(c.kind, c.text) for c in bad]}"


def test_offsets_and_lines() -> None:
    text = "Line one.\nThe park covers 87 hectares.\r\nAnd 12 more."
    claims = extract(text)
    for c in claims:
        assert text[c.start : c.end] == c.text
    park = next(c for c in claims if c.kind == "area")
    assert (park.line, park.column) == (2, 17)


def test_ids_are_stable() -> None:
    text = "The zone covers 3.89 square kilometers and has two parks."
    assert [c.id for c in extract(text)] == [c.id for c in extract(text)]


def test_year_from_document_date() -> None:
    import datetime

    claims = extract("The event was held on July 1.", date=datetime.date(2023, 9, 5))
    (d,) = [c for c in claims if c.kind == "date"]
    assert d.value == "2023-07-01"
    assert d.year_inferred and "document date" in d.notes[0]


def test_coverage_accounts_for_every_numeral() -> None:
    from pathlib import Path

    from hetao_facts import check

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    cov = check([str(seeds)]).coverage
    assert cov.numerals == cov.claimed + cov.set_aside
    assert cov.set_aside == sum(cov.reasons.values()) == len(cov.items)
    assert "page navigation" in cov.reasons and "list marker" in cov.reasons


# ---- properties (issue 12): each supported spelling reads back; odd input never crashes ----

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# (template, factor to the normalized value, kind); "{v}" is the number as written
QUANTITY_SPELLINGS = [
    ("{v} cubic kilometres", Decimal(10) ** 9, "quantity"),
    ("{v} km³", Decimal(10) ** 9, "quantity"),
    ("{v} acre-feet", Decimal("1233.48183754752"), "quantity"),
    ("{v} m3/s", Decimal(1), "quantity"),
    ("{v} MW", Decimal(10) ** 6, "quantity"),
    ("{v} megawatts", Decimal(10) ** 6, "quantity"),
    ("{v} mph", Decimal("0.44704"), "quantity"),
    ("{v} km/h", Decimal(1000) / Decimal(3600), "quantity"),
    ("{v} tonnes", Decimal(1000), "quantity"),
    ("{v} GWh", Decimal("3.6e12"), "quantity"),
]
MONEY_SPELLINGS = [
    ("$US{v} million", Decimal(10) ** 6),
    ("A${v}m", Decimal(10) ** 6),
    ("$A{v} billion", Decimal(10) ** 9),
    ("Rs {v} crore", Decimal(10) ** 7),
    ("₹{v} lakh", Decimal(10) ** 5),
    ("€{v}B", Decimal(10) ** 9),
    ("RM{v} million", Decimal(10) ** 6),
    ("HK$ {v}", Decimal(1)),
]


def _written(v: int, grouped: bool) -> str:
    return f"{v:,}" if grouped else str(v)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=999_999),
    st.booleans(),
    st.sampled_from(QUANTITY_SPELLINGS),
)
def test_quantity_spelling_reads_back(v: int, grouped: bool, spelling: Any) -> None:
    template, factor, kind = spelling
    surface = template.format(v=_written(v, grouped))
    claims = extract(f"The new plant handles {surface} in a normal year.")
    got = [c for c in claims if c.text == surface]
    assert got, f"{surface!r}: {[(c.kind, c.text) for c in claims]}"
    assert got[0].kind == kind
    assert _close(_value(got[0]), float(v * factor)), (surface, _value(got[0]))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=99_999), st.booleans(), st.sampled_from(MONEY_SPELLINGS))
def test_money_spelling_reads_back(v: int, grouped: bool, spelling: Any) -> None:
    template, factor = spelling
    surface = template.format(v=_written(v, grouped))
    claims = extract(f"The council approved {surface} for the works.")
    got = [c for c in claims if c.kind == "money" and c.text == surface]
    assert got, f"{surface!r}: {[(c.kind, c.text) for c in claims]}"
    assert _close(_value(got[0]), float(v * factor)), (surface, _value(got[0]))


MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
    st.integers(min_value=1990, max_value=2040),
)
def test_date_without_a_year_takes_the_document_year(month: int, day: int, year: int) -> None:
    text = f"The hall reopened on {MONTH_NAMES[month - 1]} {day}, officials said."
    claims = extract(text, date=datetime.date(year, 12, 31))
    (d,) = [c for c in claims if c.kind == "date"]
    assert d.value == f"{year:04d}-{month:02d}-{day:02d}"
    assert d.year_inferred


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["first", "second", "third", "fourth"]),
    st.integers(min_value=1990, max_value=2040),
    st.sampled_from(["the {q} quarter of {y}", "{q}-quarter {y}", "Q{n} {y}"]),
)
def test_quarter_reads_back(q: str, year: int, template: str) -> None:
    n = ["first", "second", "third", "fourth"].index(q) + 1
    surface = template.format(q=q, y=year, n=n)
    (p,) = [c for c in extract(f"Revenue in {surface} rose.") if c.kind == "period"]
    assert _value(p) == [f"{year}-{3 * n - 2:02d}", f"{year}-{3 * n:02d}"]


FRAGMENTS = [
    "×10", "−5", "e14", "½", "⅓ cup", "Q3", "FY", "FY20", "2031-32", "$-", "($", ")", "minus",
    "lakh", "crore", "°N", "1:42.3", "9.30pm", "for every", "there are", "Saturday", "last",
    "November", "4", "18", "100", "1,700,000", "acre·ft", "cubic", "kilometres", "twice",
    "fourfold", "up from", "age of", "or older", "AD", "BC", "hours", "minutes", "and", ",",
    " ", "\n", "-", "to", "between", "mg", "°C", "km³", "Rs", "A$", "$US", "k", "miles",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=30),
    st.sampled_from([None, datetime.date(2021, 11, 25)]),
)
def test_fragments_never_crash(parts: list[str], date: datetime.date | None) -> None:
    text = " ".join(parts)
    for c in extract(text, date=date):
        assert text[c.start : c.end] == c.text


def test_a_stated_uncertainty_widens_the_interval() -> None:
    (claim,) = [c for c in extract("The rod measured 1.25 ± 0.02 m.") if c.kind == "length"]
    assert claim.interval is not None
    assert (claim.interval.low, claim.interval.high) == (Decimal("1.23"), Decimal("1.27"))
    assert claim.text == "1.25 ± 0.02 m"
