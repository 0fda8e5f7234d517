"""Tests for hetao_facts.units: unit spellings in prose, conversions, currencies."""

from __future__ import annotations

import re
import time
from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts import units
from hetao_facts.units import (
    UnitInfo,
    convert,
    match_currency_after,
    match_currency_before,
    match_unit,
    parse_unit,
    to_normalized,
)

_NUMERAL = re.compile(r"[\d.,]+(?: (?:million|billion))?")  # as the extractor reads them


def _after_numeral(text: str) -> int:
    """The offset right after the first numeral of ``text``."""
    found = _NUMERAL.search(text)
    assert found is not None, text
    return found.end()


def _close(a: Decimal, b: Decimal, rel: Decimal = Decimal("1e-9")) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), Decimal("1e-30"))


# (text with one numeral, unit as written, canonical, dimension)
POSITIVE = [
    # area, from real press releases and fact sheets
    ("a 3.02 square- kilometer park", "square- kilometer", "km²", "area"),
    ("the 0.87-square-kilometer park", "square-kilometer", "km²", "area"),
    ("a 302-hectare site", "hectare", "ha", "area"),
    ("covers 3.02 km² in all", "km²", "km²", "area"),
    ("covers 3.02\u00a0km²", "km²", "km²", "area"),
    ("3.89 square kilometers.", "square kilometers", "km²", "area"),
    ("3 km2", "km2", "km²", "area"),
    ("3 KM2", "KM2", "km²", "area"),
    ("3 Km²", "Km²", "km²", "area"),
    ("3 km^2", "km^2", "km²", "area"),
    ("3 sq km", "sq km", "km²", "area"),
    ("3 sq. km", "sq. km", "km²", "area"),
    ("3 square km", "square km", "km²", "area"),
    ("3 square kilometres", "square kilometres", "km²", "area"),
    ("3 Square Kilometres", "Square Kilometres", "km²", "area"),
    ("a 3.02 square\nkilometer park", "square\nkilometer", "km²", "area"),
    ("3 square miles", "square miles", "mi²", "area"),
    ("3 sq mi", "sq mi", "mi²", "area"),
    ("3 mi²", "mi²", "mi²", "area"),
    ("10 million sq ft of labs", "sq ft", "ft²", "area"),
    ("10 million sq. ft. of labs", "sq. ft.", "ft²", "area"),
    ("10 million sq. ft. The next", "sq. ft", "ft²", "area"),
    ("10 million sqft", "sqft", "ft²", "area"),
    ("10 million square feet", "square feet", "ft²", "area"),
    ("1 square foot", "square foot", "ft²", "area"),
    ("5 ft²", "ft²", "ft²", "area"),
    ("87 hectares.", "hectares", "ha", "area"),
    ("87 ha.", "ha", "ha", "area"),
    ("87 ha of land", "ha", "ha", "area"),
    ("5 acres", "acres", "acre", "area"),
    ("1 acre", "acre", "acre", "area"),
    ("5,000 mu of farmland", "mu", "mu", "area"),
    ("500 square meters", "square meters", "m²", "area"),
    ("500 square metres", "square metres", "m²", "area"),
    ("500 sq m", "sq m", "m²", "area"),
    ("500 sqm", "sqm", "m²", "area"),
    ("500 m²", "m²", "m²", "area"),
    ("500 m2", "m2", "m²", "area"),
    # length
    ("100 metres", "metres", "m", "length"),
    ("100 meters", "meters", "m", "length"),
    ("100 m", "m", "m", "length"),
    ("a 100-m tower", "m", "m", "length"),
    ("100m sprint", "m", "m", "length"),
    ("5 km", "km", "km", "length"),
    ("a 5-km-long road", "km", "km", "length"),
    ("5 kilometers", "kilometers", "km", "length"),
    ("5 kilometres", "kilometres", "km", "length"),
    ("5 miles", "miles", "mi", "length"),
    ("5 feet", "feet", "ft", "length"),
    ("5 ft", "ft", "ft", "length"),
    ("5 cm", "cm", "cm", "length"),
    ("5 mm", "mm", "mm", "length"),
    ("5 inches", "inches", "in", "length"),
    ("a 12 in. screen", "in.", "in", "length"),
    ("7 nm chips", "nm", "nm", "length"),
    ("200 nautical miles", "nautical miles", "nmi", "length"),
    # mass
    ("5 kg", "kg", "kg", "[mass]"),
    ("5 kilograms", "kilograms", "kg", "[mass]"),
    ("5 tonnes", "tonnes", "t", "[mass]"),
    ("5 tons", "tons", "t", "[mass]"),
    ("5 metric tons", "metric tons", "t", "[mass]"),
    ("5 t of steel", "t", "t", "[mass]"),
    ("5 grams", "grams", "g", "[mass]"),
    # volume
    ("5 litres", "litres", "L", "[length] ** 3"),
    ("5 liters", "liters", "L", "[length] ** 3"),
    ("5 cubic meters", "cubic meters", "m³", "[length] ** 3"),
    ("5 m³", "m³", "m³", "[length] ** 3"),
    ("5 barrels", "barrels", "bbl", "[length] ** 3"),
    # power and energy
    ("5 MW", "MW", "MW", "[mass] * [length] ** 2 / [time] ** 3"),
    ("5 megawatts", "megawatts", "MW", "[mass] * [length] ** 2 / [time] ** 3"),
    ("5 GW", "GW", "GW", "[mass] * [length] ** 2 / [time] ** 3"),
    ("5 kW", "kW", "kW", "[mass] * [length] ** 2 / [time] ** 3"),
    ("5 kWh", "kWh", "kWh", "[mass] * [length] ** 2 / [time] ** 2"),
    ("5 kilowatt-hours", "kilowatt-hours", "kWh", "[mass] * [length] ** 2 / [time] ** 2"),
    ("5 GWh", "GWh", "GWh", "[mass] * [length] ** 2 / [time] ** 2"),
    ("5 TWh", "TWh", "TWh", "[mass] * [length] ** 2 / [time] ** 2"),
    # speed
    ("350 km/h", "km/h", "km/h", "[length] / [time]"),
    ("350 kph", "kph", "km/h", "[length] / [time]"),
    ("350 kilometres per hour", "kilometres per hour", "km/h", "[length] / [time]"),
    ("60 mph", "mph", "mph", "[length] / [time]"),
    ("60 miles per hour", "miles per hour", "mph", "[length] / [time]"),
    ("10 m/s", "m/s", "m/s", "[length] / [time]"),
    # temperature
    ("25 °C", "°C", "°C", "[temperature]"),
    ("25°C", "°C", "°C", "[temperature]"),
    ("25 ℃", "℃", "°C", "[temperature]"),
    ("25 degrees Celsius", "degrees Celsius", "°C", "[temperature]"),
    ("77 °F", "°F", "°F", "[temperature]"),
    ("77 degrees Fahrenheit", "degrees Fahrenheit", "°F", "[temperature]"),
    # information and frequency
    ("5 GB", "GB", "GB", "[information]"),
    ("5 TB", "TB", "TB", "[information]"),
    ("5 MB", "MB", "MB", "[information]"),
    ("5 gigabytes", "gigabytes", "GB", "[information]"),
    ("10 Gbps", "Gbps", "Gbps", "[information] / [time]"),
    ("3.5 GHz", "GHz", "GHz", "1 / [time]"),
    # percent
    ("5%", "%", "%", "percent"),
    ("5 %", "%", "%", "percent"),
    ("5 percent", "percent", "%", "percent"),
    ("5 per cent", "per cent", "%", "percent"),
    ("5 percentage points", "percentage points", "pp", "percent"),
    ("50 basis points", "basis points", "bp", "percent"),
    # density
    ("1,200/km2", "/km2", "per km²", "density"),
    ("1,200/km²", "/km²", "per km²", "density"),
    ("1,200 per km2", "per km2", "per km²", "density"),
    ("1,200 per square kilometer", "per square kilometer", "per km²", "density"),
    ("1,200 people per sq km", "people per sq km", "per km²", "density"),
    ("1,200 persons/km²", "persons/km²", "per km²", "density"),
    ("1,200 inhabitants per square mile", "inhabitants per square mile", "per mi²", "density"),
]

NEGATIVE = [
    "3 men",
    "3 more",
    "3 had",
    "5 museums",
    "5 times",
    "2 in the",
    "10 more",
    "3 fts",
    "5 mW",
    "5 t-shirts",
    "5 square",
    "5 square meals",
    "5 per km",
    "5 people",
    "5 inhabitants",
    "5 in.",
    "5 in. The",
    "5    km",  # four spaces: too far
    "5\n\nkm",  # a paragraph break
    "5 mins",
    "5 minutes",
    "5 hands",
    "5 years",
    "5 million",
    "3-5 km",  # a range: the caller reads "5 km"
    "1 g",  # "g" alone is not read from prose (5g, 4g...)
    "5 W",
    "5 K",
    "5,000 yuan per mu",  # a currency follows the numeral, not a unit
]


@pytest.mark.parametrize(("text", "written", "canonical", "dimension"), POSITIVE)
def test_match_unit_reads_real_phrasings(
    text: str, written: str, canonical: str, dimension: str
) -> None:
    pos = _after_numeral(text)
    result = match_unit(text, pos)
    assert result is not None, text
    info, end = result
    assert (info.written, info.canonical, info.dimension) == (written, canonical, dimension)
    assert text[end - len(written) : end] == written
    # the same unit read from a fact sheet
    parsed = parse_unit(written)
    assert parsed is not None
    assert parsed.canonical == canonical


@pytest.mark.parametrize("text", NEGATIVE)
def test_match_unit_leaves_ordinary_words_alone(text: str) -> None:
    assert match_unit(text, _after_numeral(text)) is None


def test_match_unit_returns_none_out_of_range() -> None:
    assert match_unit("5 km", -1) is None
    assert match_unit("5 km", 4) is None
    assert match_unit("5 km", 99) is None
    assert match_unit("", 0) is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("km2", "km²"),
        ("hectares", "ha"),
        ("sq ft", "ft²"),
        ("sq. ft.", "ft²"),
        (" km² ", "km²"),
        ("per km²", "per km²"),
        ("people per sq km", "per km²"),
        ("in.", "in"),
        ("g", "g"),
        ("W", "W"),
        ("K", "K"),
        ("kn", "kn"),
        ("mu", "mu"),
    ],
)
def test_parse_unit(written: str, canonical: str) -> None:
    info = parse_unit(written)
    assert info is not None
    assert info.canonical == canonical
    assert info.written == written.strip()


@pytest.mark.parametrize("written", ["", "square", "-km", "km km", "furlongs", "men", "3 km"])
def test_parse_unit_unknown(written: str) -> None:
    assert parse_unit(written) is None


def test_every_canonical_unit_parses_as_itself() -> None:
    for canonical in {*units._EXACT, *units._PINT_EXPR}:
        info = parse_unit(canonical)
        assert info is not None, canonical
        assert info.canonical == canonical


def test_spelling_rows_have_no_capturing_groups() -> None:
    for pattern, _, _ in units._SPELLINGS:
        assert re.compile(pattern).groups == 0, pattern


@pytest.mark.parametrize(
    ("pattern", "ignore_case", "expected"),
    [
        ("km", False, "k"),
        ("km", True, "kK"),
        ("(?:sq\\.?|square)m", False, "s"),
        ("(?:US )?gallons?", False, "Ug"),
        ("[µμ]m", False, "µμ"),
        ("(?i:per)", False, "pP"),
        ("\\$", False, "$"),
        ("(?:a(?-i:B))?c", True, "aAcC"),
    ],
)
def test_first_chars(pattern: str, ignore_case: bool, expected: str) -> None:
    assert units._first_chars(pattern, ignore_case) == frozenset(expected)


@pytest.mark.parametrize("pattern", ["a?", "(?:x|)", ".x", "\\sx", "[^a]"])
def test_first_chars_refuses_what_it_cannot_dispatch(pattern: str) -> None:
    with pytest.raises(ValueError, match="cannot dispatch"):
        units._first_chars(pattern, False)


def test_exact_factors() -> None:
    assert parse_unit("sq ft") == UnitInfo("sq ft", "ft²", "area", Decimal("0.09290304"))
    factors = {
        "ft": "0.3048",
        "mi": "1609.344",
        "acre": "4046.8564224",
        "ha": "10000",
        "km²": "1000000",
        "mi²": "2589988.110336",
    }
    for unit, factor in factors.items():
        info = parse_unit(unit)
        assert info is not None
        assert info.factor == Decimal(factor), unit
    mu = parse_unit("mu")
    assert mu is not None
    assert _close(mu.factor, Decimal(10000) / Decimal(15), Decimal("1e-27"))
    per_sq_mi = parse_unit("per sq mi")
    assert per_sq_mi is not None
    assert _close(per_sq_mi.factor * Decimal("2.589988110336"), Decimal(1), Decimal("1e-30"))


def test_exact_factors_agree_with_the_registry() -> None:
    for canonical, exact in units._EXACT.items():
        if exact.dimension not in {"area", "length"}:
            continue
        expression, _ = units._PINT_EXPR[canonical]
        base = "meter ** 2" if exact.dimension == "area" else "meter"
        magnitude = units.UREG.Quantity(1, expression).to(base).magnitude
        assert _close(exact.factor, Decimal(repr(magnitude)), Decimal("1e-12")), canonical


def test_registry_is_one_and_knows_the_chinese_mu() -> None:
    from hetao_facts.units import UREG

    assert UREG is units.UREG
    assert str(UREG.Quantity(1, "mu").dimensionality) == "[length] ** 2"
    assert UREG.Quantity(15, "mu").to("m ** 2").magnitude == pytest.approx(10000)
    assert UREG.Quantity(1, "acre").to("m ** 2").magnitude == pytest.approx(4046.8564224)


def test_other_dimensions_come_from_pint() -> None:
    for unit in ["MW", "kWh", "kg", "L", "km/h", "GHz", "°C"]:
        info = parse_unit(unit)
        assert info is not None
        expression, _ = units._PINT_EXPR[unit]
        assert info.dimension == str(units.UREG.Quantity(1, expression).dimensionality)


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        ("87", "ha", "km²", "0.87"),
        ("0.87", "km²", "hectares", "87"),
        ("10000000", "sq ft", "m²", "929030.4"),
        ("1", "acre", "m²", "4046.8564224"),
        ("1", "sq mi", "acres", "640"),
        ("1", "mi", "ft", "5280"),
        ("1", "km", "m", "1000"),
        ("25", "°C", "K", "298.15"),
        ("212", "°F", "°C", "100"),
        ("1", "t", "kg", "1000"),
        ("1", "GWh", "MWh", "1000"),
        ("1", "GB", "MB", "1000"),
        ("1", "per km²", "per sq mi", "2.589988110336"),
        ("1", "per ha", "per km²", "100"),
        ("50", "bp", "%", "0.5"),
        ("1", "furlong", "m", "201.168402336805"),  # pint's (survey) furlong via fallback
    ],
)
def test_convert(value: str, src: str, dst: str, expected: str) -> None:
    assert _close(convert(Decimal(value), src, dst), Decimal(expected), Decimal("1e-15"))


def test_convert_is_exact_where_the_factors_are() -> None:
    assert str(convert(Decimal("87"), "ha", "km²")) == "0.87"
    assert convert(Decimal("10000000"), "sq ft", "m²") == Decimal("929030.4")
    assert round(convert(Decimal(1), "mu", "m²"), 2) == Decimal("666.67")
    with localcontext() as ctx:  # the caller's context does not matter
        ctx.prec = 3
        assert convert(Decimal("10000000"), "sq ft", "m²") == Decimal("929030.4")


@pytest.mark.parametrize(
    ("src", "dst"), [("ha", "km"), ("km²", "per km²"), ("%", "m"), ("GB", "%"), ("Gbps", "GHz")]
)
def test_convert_refuses_incompatible_dimensions(src: str, dst: str) -> None:
    with pytest.raises(ValueError, match="cannot convert"):
        convert(Decimal(1), src, dst)


@pytest.mark.parametrize("unit", ["", "blorf", "3 m", "1/0", "((", "meter/"])
def test_convert_refuses_unknown_units(unit: str) -> None:
    with pytest.raises(ValueError, match="unknown unit"):
        convert(Decimal(1), unit, "m")


def test_to_normalized() -> None:
    celsius = parse_unit("°C")
    assert celsius is not None
    assert to_normalized(Decimal("25"), celsius) == Decimal("298.15")
    hectare = parse_unit("ha")
    assert hectare is not None
    assert to_normalized(Decimal("87"), hectare) == Decimal("870000")


def test_unit_info_repr_is_short() -> None:
    info = parse_unit("km2")
    assert repr(info) == "<UnitInfo 'km2' -> km² (area, x1000000)>"


def test_unit_info_round_trips_through_json_in_a_pydantic_model() -> None:
    import pydantic

    class Holder(pydantic.BaseModel, frozen=True):
        unit: UnitInfo

    for written in ["km2", "°F", "people per sq km", "MW"]:
        info = parse_unit(written)
        assert info is not None
        holder = Holder(unit=info)
        assert Holder.model_validate_json(holder.model_dump_json()) == holder


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("US$1,641.97 billion", 3, ("USD", 0)),
        ("cost $5 million", 6, ("USD", 5)),
        ("HK$5", 3, ("HKD", 0)),
        ("HK $5", 4, ("HKD", 0)),
        ("RMB 5 billion", 4, ("CNY", 0)),
        ("RMB5 billion", 3, ("CNY", 0)),
        ("¥5", 1, ("CNY", 0)),
        ("€5", 1, ("EUR", 0)),
        ("£5", 1, ("GBP", 0)),
        ("USD 5", 4, ("USD", 0)),
        ("EUR 5", 4, ("EUR", 0)),
        ("ARMB5", 4, None),
        ("x 5", 2, None),
        ("5", 0, None),
    ],
)
def test_match_currency_before(text: str, pos: int, expected: tuple[str, int] | None) -> None:
    assert match_currency_before(text, pos) == expected


@pytest.mark.parametrize(
    ("text", "pos", "expected"),
    [
        ("5 yuan", 1, ("CNY", 6)),
        ("5 billion yuan in", 9, ("CNY", 14)),
        ("20 dollars", 2, ("USD", 10)),
        ("5 US dollars", 1, ("USD", 12)),
        ("5 Hong Kong dollars", 1, ("HKD", 19)),
        ("5 euros", 1, ("EUR", 7)),
        ("5 pounds sterling", 1, ("GBP", 17)),
        ("5 RMB", 1, ("CNY", 5)),
        ("5 USD", 1, ("USD", 5)),
        ("5 HKD", 1, ("HKD", 5)),
        ("5 pounds", 1, None),
        ("5 yuanx", 1, None),
        ("5 people", 1, None),
    ],
)
def test_match_currency_after(text: str, pos: int, expected: tuple[str, int] | None) -> None:
    assert match_currency_after(text, pos) == expected


# ---------------------------------------------------------------- properties

AREA_SPELLINGS = ["km²", "square kilometres", "ha", "hectares", "m²", "sq m", "sq ft", "acres"]


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("1e9"), places=3, allow_nan=False),
    st.sampled_from(AREA_SPELLINGS),
)
def test_area_round_trips_through_every_spelling(square_metres: Decimal, spelling: str) -> None:
    stated = convert(square_metres, "m²", spelling)
    info = parse_unit(spelling)
    assert info is not None
    assert _close(to_normalized(stated, info), square_metres)
    text = f"The site covers {stated} {spelling} of land."
    found = match_unit(text, len("The site covers ") + len(str(stated)))
    assert found is not None
    assert found[0].written == spelling
    assert _close(to_normalized(stated, found[0]), square_metres)


@given(st.text(), st.data())
def test_match_unit_never_raises(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(min_value=0, max_value=len(text)))
    result = match_unit(text, pos)
    if result is not None:
        info, end = result
        assert pos < end <= len(text)
        assert text[end - len(info.written) : end] == info.written
    match_currency_before(text, pos)
    match_currency_after(text, pos)


_UNIT_TOKENS = [
    "1", "2.5", " ", "\u00a0", "-", "\n", ".", "/", "sq", "square", "km", "m", "²", "2", "ft",
    "per", "people", "cent", "ha", "d", "mu", "seum", "t", "imes", "in", "°", "C", "$", "US",
    "HK", "RMB", "yuan", "dollars", "kilometres", "hour", "Wh", "M", "G",
]  # fmt: skip
_UNITISH = st.lists(st.sampled_from(_UNIT_TOKENS), max_size=12).map("".join)


@settings(max_examples=300)
@given(_UNITISH, st.data())
def test_what_match_unit_reads_parse_unit_reads_alike(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(min_value=0, max_value=len(text)))
    result = match_unit(text, pos)
    if result is not None:
        info, _ = result
        parsed = parse_unit(info.written)
        assert parsed is not None, info
        assert parsed.canonical == info.canonical


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 50_000,
        "sq " * 34_000,
        "1 people per " * 8_000,
        "1" + " " * 100_000 + "km",
        "1 sq. ft." + " " * 100_000,
        "1-" * 50_000,
    ],
    ids=["ones", "sq", "people-per", "spaces", "dot-spaces", "hyphens"],
)
def test_pathological_input_is_fast(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    for found in _NUMERAL.finditer(text):
        match_unit(text, found.end())
        match_currency_after(text, found.end())
        match_currency_before(text, found.start())
    assert time.perf_counter() - started < 2
    assert capsys.readouterr() == ("", "")
