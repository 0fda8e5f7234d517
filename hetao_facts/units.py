"""Units: the one pint registry, and recognizing units as prose writes them.

The extractor finds a numeral and asks this module what follows it::

    >>> info, end = match_unit("a 3.02 square- kilometer park", 6)
    >>> info.written, info.canonical, info.dimension, info.factor
    ('square- kilometer', 'km²', 'area', Decimal('1000000'))
    >>> convert(Decimal("87"), "ha", "km²")
    Decimal('0.87')

Design, for a user of the module:

* **Spellings are data.** ``_AREA_SPELLINGS`` and ``_OTHER_SPELLINGS`` are tables of
  ``(regex, canonical, ignore_case)`` rows ("square kilometres", "sq. km", "km2", "km²"...
  all map to ``km²``); densities ("people per sq km", "/km²") are "per" or "/" followed by
  any area row. At import the rows are split at their top-level ``|``, sorted longest
  pattern first (Python's regex takes the first alternative that matches, not the longest:
  "km/h" must come before "km") and compiled into one regex per character a unit can
  start with, each alternative a named group so the match names its row. A numeral
  followed by " years" thus costs a dictionary lookup and a handful of branches, and every
  match is anchored (``pattern.match(text, pos)``). Every row ends at a word boundary, so
  "m" does not match in "3 men", "ha" not in "3 had", "mu" not in "5 museums", "t" not in
  "5 times". Bare "in" is never inches (only "inch", "inches" and "in." before a
  lower-case word), and other risky bare symbols ("g", "W", "K", "l") are not read from
  prose at all, though :func:`parse_unit` accepts them as canonical names. Short symbols
  keep their case ("MW" is megawatt, "mW" is nothing); words ignore it ("Square Km").
* **Bounded look-ahead.** Whitespace between a number and its unit, or between the words
  of a unit, is at most three spaces (any Unicode space: NBSP, thin...) and at most one
  line break, so a run of 100 KB of spaces or of "sq sq sq" costs the same as a short one.
* **One canonical unit, one** :class:`UnitInfo`. A canonical unit's dimension, factor and
  offset are computed once and cached; a match only copies them with the text as written.
  Area and length (normalized to m² and m), densities (normalized to per km²), percentages
  (normalized to percent) and temperatures carry exact :class:`~decimal.Decimal` factors
  from ``_EXACT`` (1 ft = 0.3048 m, 1 acre = 4046.8564224 m², 1 mu = 10000/15 m²); every
  other quantity takes pint's ``to_base_units()`` magnitude, read to 15 significant digits
  (what a float holds reliably) so that 0.30479999999999996 reads 0.3048.
* **pint is loaded lazily.** Prose mostly holds areas, lengths and percentages, which need
  no pint at all. The registry :data:`UREG` is built on first use (importing pint and
  building a registry takes most of a second) and only then: when a power, mass, energy...
  unit is first seen, or when :func:`convert` is given a unit it does not otherwise know
  ("furlong"). It is the ONE registry of the package; it defines the Chinese ``mu``
  (pint would read "mu" as milli-atomic-mass-units) and the international acre (pint's
  default acre is the US survey acre, 4046.8726 m²).
* **Currencies** are recognized on either side of a number ("US$1.6 billion",
  "5 billion yuan") by :func:`match_currency_before` and :func:`match_currency_after`,
  which return ISO 4217 codes.

Nothing here prints or logs; arithmetic runs in a private 40-digit decimal context, so the
caller's :mod:`decimal` context does not change results.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeAlias

from hetao_facts import _rx

if TYPE_CHECKING:
    import pint

__all__ = [
    "UREG",
    "UnitInfo",
    "convert",
    "match_currency_after",
    "match_currency_before",
    "match_unit",
    "parse_unit",
    "to_normalized",
]

UREG: pint.UnitRegistry[Any]  # built on first access, see __getattr__ below

_CTX: Final = Context(prec=40)
_ZERO: Final = Decimal(0)


# --------------------------------------------------------------------------- UnitInfo


@dataclass(frozen=True, slots=True, repr=False)
class UnitInfo:
    """A unit found in text: how it was written and how to normalize a number stated in it.

    ``normalized = stated * factor + offset``, where the normalized unit depends on the
    dimension: m² for ``"area"``, m for ``"length"``, per km² for ``"density"``, percent
    for ``"percent"``, and pint's SI base units for any other dimension, which is then
    pint's dimensionality string (``"[mass]"``, ``"[length] ** 3"``, ``"[temperature]"``)
    or ``"[information]"`` for bytes and bits.
    """

    written: str
    canonical: str
    dimension: str
    factor: Decimal
    offset: Decimal = _ZERO

    def __repr__(self) -> str:
        shift = f" {self.offset:+}" if self.offset else ""
        return (
            f"<UnitInfo {self.written!r} -> {self.canonical} "
            f"({self.dimension}, x{self.factor}{shift})>"
        )


# --------------------------------------------------------------------------- unit data


class _Exact(NamedTuple):
    dimension: str
    factor: Decimal
    offset: Decimal = _ZERO


def _div(a: int | str, b: int | str) -> Decimal:
    return _CTX.divide(Decimal(a), Decimal(b))


# Exact factors. Area -> m², length -> m, percent -> percent, temperature -> kelvin.
_AREA_M2: Final[dict[str, Decimal]] = {
    "km²": Decimal("1000000"),
    "ha": Decimal("10000"),
    "m²": Decimal("1"),
    "cm²": Decimal("0.0001"),
    "mm²": Decimal("0.000001"),
    "ft²": Decimal("0.09290304"),
    "yd²": Decimal("0.83612736"),
    "acre": Decimal("4046.8564224"),
    "mi²": Decimal("2589988.110336"),
    "mu": _div(10000, 15),
}
_LENGTH_M: Final[dict[str, Decimal]] = {
    "km": Decimal("1000"),
    "m": Decimal("1"),
    "cm": Decimal("0.01"),
    "mm": Decimal("0.001"),
    "µm": Decimal("0.000001"),
    "nm": Decimal("0.000000001"),
    "in": Decimal("0.0254"),
    "ft": Decimal("0.3048"),
    "yd": Decimal("0.9144"),
    "mi": Decimal("1609.344"),
    "nmi": Decimal("1852"),
}
_EXACT: Final[dict[str, _Exact]] = {
    **{unit: _Exact("area", factor) for unit, factor in _AREA_M2.items()},
    **{unit: _Exact("length", factor) for unit, factor in _LENGTH_M.items()},
    # a density "per A" is normalized to per km²: x per A = x * (1 km² / A) per km²
    **{
        f"per {unit}": _Exact("density", _CTX.divide(_AREA_M2["km²"], factor))
        for unit, factor in _AREA_M2.items()
    },
    "%": _Exact("percent", Decimal(1)),
    "pp": _Exact("percent", Decimal(1)),
    "bp": _Exact("percent", Decimal("0.01")),
    "‰": _Exact("percent", Decimal("0.1")),
    "°C": _Exact("[temperature]", Decimal(1), Decimal("273.15")),
    "°F": _Exact("[temperature]", _div(5, 9), _div(45967, 180)),
    "K": _Exact("[temperature]", Decimal(1)),
}

# The pint expression of every canonical unit; units not in _EXACT take their factor and
# dimension from pint. The second item overrides pint's dimension: pint 0.25 makes the bit
# dimensionless, which would let "GB" convert to "%" and "Gbps" to "GHz".
_INFO: Final = "[information]"
_PINT_EXPR: Final[dict[str, tuple[str, str | None]]] = {
    # area and length, for the registry cross-check in the tests
    "km²": ("kilometer ** 2", None),
    "ha": ("hectare", None),
    "m²": ("meter ** 2", None),
    "cm²": ("centimeter ** 2", None),
    "mm²": ("millimeter ** 2", None),
    "ft²": ("foot ** 2", None),
    "yd²": ("yard ** 2", None),
    "acre": ("acre", None),
    "mi²": ("mile ** 2", None),
    "mu": ("mu", None),
    "km": ("kilometer", None),
    "m": ("meter", None),
    "cm": ("centimeter", None),
    "mm": ("millimeter", None),
    "µm": ("micrometer", None),
    "nm": ("nanometer", None),
    "in": ("inch", None),
    "ft": ("foot", None),
    "yd": ("yard", None),
    "mi": ("mile", None),
    "nmi": ("nautical_mile", None),
    "°C": ("degree_Celsius", None),
    "°F": ("degree_Fahrenheit", None),
    "K": ("kelvin", None),
    # mass
    "kg": ("kilogram", None),
    "g": ("gram", None),
    "mg": ("milligram", None),
    "t": ("tonne", None),
    "lb": ("pound", None),
    "oz": ("ounce", None),
    # volume
    "L": ("liter", None),
    "mL": ("milliliter", None),
    "m³": ("meter ** 3", None),
    "ft³": ("foot ** 3", None),
    "gal": ("gallon", None),
    "imp gal": ("imperial_gallon", None),
    "cup": ("cup", None),
    "tbsp": ("tablespoon", None),
    "tsp": ("teaspoon", None),
    "km³": ("kilometer ** 3", None),
    "acre·ft": ("acre * foot", None),
    "m³/s": ("meter ** 3 / second", None),
    "m³/d": ("meter ** 3 / day", None),
    "L/s": ("liter / second", None),
    "ML": ("megaliter", None),
    "GL": ("gigaliter", None),
    "eV": ("electron_volt", None),
    "keV": ("kiloelectron_volt", None),
    "MeV": ("megaelectron_volt", None),
    "GeV": ("gigaelectron_volt", None),
    "TeV": ("teraelectron_volt", None),
    "bbl": ("oil_barrel", None),
    # power and energy
    "W": ("watt", None),
    "kW": ("kilowatt", None),
    "MW": ("megawatt", None),
    "GW": ("gigawatt", None),
    "TW": ("terawatt", None),
    "kWh": ("kilowatt_hour", None),
    "MWh": ("megawatt_hour", None),
    "GWh": ("gigawatt_hour", None),
    "TWh": ("terawatt_hour", None),
    "J": ("joule", None),
    "kJ": ("kilojoule", None),
    "MJ": ("megajoule", None),
    "GJ": ("gigajoule", None),
    # speed
    "km/h": ("kilometer / hour", None),
    "mph": ("mile / hour", None),
    "m/s": ("meter / second", None),
    "kn": ("knot", None),
    "m/s²": ("meter / second ** 2", None),
    "km/s²": ("kilometer / second ** 2", None),
    # information
    "byte": ("byte", _INFO),
    "bit": ("bit", _INFO),
    "KiB": ("kibibyte", _INFO),
    "MiB": ("mebibyte", _INFO),
    "GiB": ("gibibyte", _INFO),
    "TiB": ("tebibyte", _INFO),
    "kB": ("kilobyte", _INFO),
    "MB": ("megabyte", _INFO),
    "GB": ("gigabyte", _INFO),
    "TB": ("terabyte", _INFO),
    "PB": ("petabyte", _INFO),
    "EB": ("exabyte", _INFO),
    "ZB": ("zettabyte", _INFO),
    "kbps": ("kilobit / second", f"{_INFO} / [time]"),
    "Mbps": ("megabit / second", f"{_INFO} / [time]"),
    "Gbps": ("gigabit / second", f"{_INFO} / [time]"),
    "Tbps": ("terabit / second", f"{_INFO} / [time]"),
    # frequency
    "Hz": ("hertz", None),
    "kHz": ("kilohertz", None),
    "MHz": ("megahertz", None),
    "GHz": ("gigahertz", None),
}

# Units the registry defines beyond pint's defaults (or defines differently), as data.
_REGISTRY_DEFINITIONS: Final = (
    # the Chinese mu (亩); pint alone reads "mu" as milli-(unified atomic mass unit)
    "mu = 10000 / 15 * meter ** 2 = _ = chinese_mu = mou",
    # the international acre; pint's default is the US survey acre (4046.8726 m²)
    "acre = 4046.8564224 * meter ** 2 = _ = international_acre",
)


# --------------------------------------------------------------------------- spellings

_S: Final = r"[^\S\r\n]"  # a space within a line: ASCII, tab, NBSP, thin, any Unicode space
_NL: Final = rf"(?:\r?\n{_S}{{0,3}})?"  # at most one line break, never a paragraph break
_LEAD: Final = rf"{_S}{{0,3}}{_NL}(?:-{_S}{{0,2}})?"  # number -> unit: "3 km", "3-km"
_GAP: Final = rf"(?:{_S}{{0,3}}{_NL}-?{_S}{{0,2}})"  # word -> word, may be empty: "sqft"
_GAP1: Final = rf"(?:{_S}{{1,3}}{_NL}-?{_S}{{0,2}}|{_NL}-{_S}{{0,2}}|\r?\n{_S}{{0,3}})"
# a trailing abbreviation dot ("sq. ft. of"), left alone where it ends a sentence
# ((?-i:...) keeps [A-Z] upper-case inside the case-insensitive rows)
_DOT: Final = rf"(?:\.(?!{_S}{{0,3}}(?-i:[A-Z\"“‘'(]|\r?\n|$)))?"
_SQ: Final = r"(?:sq\.?|square)"
_SQUARED: Final = r"(?:²|2|\^2)"
_CUBED: Final = r"(?:³|3|\^3)"
_MET: Final = r"met(?:er|re)s?"

# (regex, canonical, ignore_case). No capturing groups. Order does not matter: rows are
# sorted longest pattern first when compiled, and a row must end at a word boundary.
_AREA_SPELLINGS: Final[tuple[tuple[str, str, bool], ...]] = (
    (rf"km{_SQUARED}", "km²", True),
    (rf"{_SQ}{_GAP}(?:kilo{_MET}|kms?)", "km²", True),
    (r"hectares?", "ha", True),
    (r"ha", "ha", False),
    (rf"m{_SQUARED}", "m²", False),
    (rf"{_SQ}{_GAP}(?:{_MET}|m)", "m²", True),
    (rf"cm{_SQUARED}", "cm²", False),
    (rf"{_SQ}{_GAP}(?:centi{_MET}|cm)", "cm²", True),
    (rf"mm{_SQUARED}", "mm²", False),
    (rf"{_SQ}{_GAP}(?:milli{_MET}|mm)", "mm²", True),
    (rf"ft{_SQUARED}", "ft²", False),
    (rf"{_SQ}{_GAP}(?:feet|foot|ft{_DOT})", "ft²", True),
    (rf"yd{_SQUARED}", "yd²", False),
    (rf"{_SQ}{_GAP}(?:yards?|yds?{_DOT})", "yd²", True),
    (r"acres?", "acre", True),
    (rf"mi{_SQUARED}", "mi²", False),
    (rf"{_SQ}{_GAP}(?:miles?|mi{_DOT})", "mi²", True),
    (r"mu|mou", "mu", False),
)
# a density is "per" or "/" and an area, optionally after who is counted: "people per sq km"
_DENSITY_PREFIX: Final = (
    rf"(?:(?i:people|persons|inhabitants|residents|individuals){_GAP})?"
    rf"(?:(?i:per){_GAP1}|/{_S}{{0,2}})"
)
_OTHER_SPELLINGS: Final[tuple[tuple[str, str, bool], ...]] = (
    # length
    (rf"kilo{_MET}|kms?", "km", True),
    (_MET, "m", True),
    (r"m", "m", False),
    (rf"centi{_MET}", "cm", True),
    (r"cm", "cm", False),
    (rf"milli{_MET}", "mm", True),
    (r"mm", "mm", False),
    (rf"micro{_MET}|microns?", "µm", True),
    (r"[µμ]m", "µm", False),
    (rf"nano{_MET}", "nm", True),
    (r"nm", "nm", False),
    (r"inch(?:es)?", "in", True),
    (rf"in\.(?={_S}{{0,2}}[a-z0-9(])", "in", False),  # never bare "in"
    (r"feet|foot", "ft", True),
    (rf"ft{_DOT}", "ft", False),
    (r"yards?", "yd", True),
    (rf"yds?{_DOT}", "yd", False),
    (r"miles?", "mi", True),
    (rf"mi{_DOT}", "mi", False),
    (rf"nautical{_GAP1}miles?", "nmi", True),
    (r"nmi", "nmi", False),
    # mass
    (r"kilogram(?:me)?s?|kilos?|kgs?", "kg", True),
    (r"gram(?:me)?s?", "g", True),
    (r"milligram(?:me)?s?", "mg", True),
    (r"mg", "mg", False),
    (rf"(?:metric{_GAP1})?(?:tonnes?|tons?)", "t", True),
    (r"t(?![-'’])", "t", False),  # not "5 t-shirts"
    (rf"lbs?{_DOT}", "lb", False),
    (r"ounces?", "oz", True),
    (rf"oz{_DOT}", "oz", False),
    # volume
    (r"lit(?:er|re)s?", "L", True),
    (r"L", "L", False),
    (r"millilit(?:er|re)s?", "mL", True),
    (r"m[lL]", "mL", False),
    (rf"cubic{_GAP1}{_MET}|cu\.?{_GAP}m", "m³", True),
    (rf"m{_CUBED}", "m³", False),
    (rf"cubic{_GAP1}(?:feet|foot|ft{_DOT})|cu\.?{_GAP}ft{_DOT}", "ft³", True),
    (rf"ft{_CUBED}", "ft³", False),
    (rf"(?:US{_GAP1})?gallons?", "gal", True),
    (rf"(?:imperial|imp\.?|UK){_GAP1}gallons?", "imp gal", True),
    (rf"km{_CUBED}|km{_GAP1}cubed", "km³", False),
    (rf"cubic{_GAP1}(?:kilo{_MET}|kms?)|(?:kilo{_MET}){_GAP1}cubed", "km³", True),
    (rf"acre{_S}?[·⋅•-]?{_S}?(?:ft|feet|foot)|acre-?feet|acre-?foot", "acre·ft", True),
    (rf"(?:m{_CUBED}|cu\.?{_GAP}m){_S}{{0,2}}(?:/|per){_S}{{0,2}}(?:s|sec|second)", "m³/s", False),
    (rf"cubic{_GAP1}{_MET}{_GAP1}per{_GAP1}second|cumecs?", "m³/s", True),
    (rf"(?:m{_CUBED}|cu\.?{_GAP}m){_S}{{0,2}}(?:/|per){_S}{{0,2}}(?:d|day)", "m³/d", False),
    (rf"cubic{_GAP1}{_MET}{_GAP1}(?:per|a){_GAP1}day", "m³/d", True),
    (rf"lit(?:er|re)s?{_GAP1}per{_GAP1}second", "L/s", True),
    (r"megalit(?:er|re)s?", "ML", True),
    (r"gigalit(?:er|re)s?", "GL", True),
    (r"GL", "GL", False),
    # particle energies
    (r"eV", "eV", False),
    (r"keV", "keV", False),
    (r"MeV", "MeV", False),
    (r"GeV", "GeV", False),
    (r"TeV", "TeV", False),
    (r"(?:electron{_GAP}volts?)", "eV", True),
    (r"barrels?", "bbl", True),
    (r"cups?", "cup", True),
    (r"tablespoons?|tbsps?|tbs", "tbsp", True),
    (r"teaspoons?|tsps?", "tsp", True),
    (r"bbls?", "bbl", False),
    # power and energy
    (r"watts?", "W", True),
    (r"kilowatts?", "kW", True),
    (r"kW", "kW", False),
    (r"megawatts?", "MW", True),
    (r"MW", "MW", False),
    (r"gigawatts?", "GW", True),
    (r"GW", "GW", False),
    (r"terawatts?", "TW", True),
    (r"TW", "TW", False),
    (rf"kilowatt{_GAP}hours?", "kWh", True),
    (r"kWh", "kWh", False),
    (rf"megawatt{_GAP}hours?", "MWh", True),
    (r"MWh", "MWh", False),
    (rf"gigawatt{_GAP}hours?", "GWh", True),
    (r"GWh", "GWh", False),
    (rf"terawatt{_GAP}hours?", "TWh", True),
    (r"TWh", "TWh", False),
    (r"joules?", "J", True),
    (r"kilojoules?", "kJ", True),
    (r"kJ", "kJ", False),
    (r"megajoules?", "MJ", True),
    (r"MJ", "MJ", False),
    (r"gigajoules?", "GJ", True),
    (r"GJ", "GJ", False),
    # speed
    (r"km/h(?:r|our)?|kph|kmph", "km/h", True),
    (rf"(?:kilo{_MET}|kms?){_GAP1}(?:per|an){_GAP1}hour", "km/h", True),
    (r"mph", "mph", True),
    (rf"miles?{_GAP1}(?:per|an){_GAP1}hour", "mph", True),
    (r"m/s", "m/s", False),
    (rf"{_MET}{_GAP1}per{_GAP1}second", "m/s", True),
    (r"knots?", "kn", True),
    (rf"m/s{_SQUARED}", "m/s²", False),
    (rf"km/s{_SQUARED}", "km/s²", False),
    # temperature
    (rf"°{_S}?C|℃", "°C", False),
    (rf"degrees?{_GAP1}(?:celsius|centigrade|C)", "°C", True),
    (rf"°{_S}?F|℉", "°F", False),
    (rf"degrees?{_GAP1}(?:fahrenheit|F)", "°F", True),
    (r"kelvins?", "K", True),
    # information
    (r"bytes?", "byte", True),
    (r"bits", "bit", True),  # plural only: "a bit" is a little
    (r"KiB|kibibytes?", "KiB", False),
    (r"MiB|mebibytes?", "MiB", False),
    (r"GiB|gibibytes?", "GiB", False),
    (r"TiB|tebibytes?", "TiB", False),
    (r"[kK]B", "kB", False),
    (r"kilobytes?", "kB", True),
    (r"MB", "MB", False),
    (r"megabytes?", "MB", True),
    (r"GB", "GB", False),
    (r"gigabytes?", "GB", True),
    (r"TB", "TB", False),
    (r"terabytes?", "TB", True),
    (r"PB", "PB", False),
    (r"EB", "EB", False),
    (r"exabytes?", "EB", True),
    (r"ZB", "ZB", False),
    (r"zettabytes?", "ZB", True),
    (r"petabytes?", "PB", True),
    (r"kbps|kbit/s|kb/s", "kbps", False),
    (r"Mbps|Mbit/s|Mb/s", "Mbps", False),
    (r"Gbps|Gbit/s|Gb/s", "Gbps", False),
    (r"Tbps|Tbit/s|Tb/s", "Tbps", False),
    # frequency
    (r"Hz", "Hz", False),
    (r"hertz", "Hz", True),
    (r"kHz", "kHz", False),
    (r"kilohertz", "kHz", True),
    (r"MHz", "MHz", False),
    (r"megahertz", "MHz", True),
    (r"GHz", "GHz", False),
    (r"gigahertz", "GHz", True),
    # percent
    (r"%|％", "%", False),
    (rf"percent|per{_GAP1}cent|pct", "%", True),
    (rf"percentage{_GAP1}points?", "pp", True),
    (r"pp", "pp", False),
    (rf"basis{_GAP1}points?", "bp", True),
    (r"bps?", "bp", False),
    (rf"‰|per{_GAP1}mill?e", "‰", True),
)
_SPELLINGS: Final = _AREA_SPELLINGS + _OTHER_SPELLINGS


def _split_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|`` (not inside groups or character classes)."""
    parts: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


# ``_first_chars`` reads the small regex dialect of the tables above (literals, escapes,
# classes, groups, alternation, ?, *, {m,n}, lookarounds) to learn which characters a
# pattern can start with. ``None`` stands for "any character": such a pattern cannot be
# dispatched on its first character, and building the tables fails loudly.
_AnyChars: TypeAlias = frozenset[str] | None


def _union(a: _AnyChars, b: _AnyChars) -> _AnyChars:
    return None if a is None or b is None else a | b


def _cased(chars: frozenset[str], ignore_case: bool) -> frozenset[str]:
    if not ignore_case:
        return chars
    return frozenset(c for char in chars for c in (char, char.lower(), char.upper()))


def _first_of_class(pattern: str, index: int) -> tuple[_AnyChars, int]:
    """First characters of the class ``[...]`` starting at ``index``, and its end."""
    index += 1
    knowable = pattern[index] != "^"  # a negated class is too wide to enumerate
    chars: set[str] = set()
    while pattern[index] != "]":
        char = pattern[index]
        if char == "\\":
            knowable = False  # \s, \d...: too wide to enumerate
            index += 2
        elif pattern[index + 1 : index + 2] == "-" and pattern[index + 2] != "]":
            chars.update(chr(code) for code in range(ord(char), ord(pattern[index + 2]) + 1))
            index += 3
        else:
            chars.add(char)
            index += 1
    return (frozenset(chars) if knowable else None), index + 1


def _first_of_sequence(pattern: str, index: int, ignore_case: bool) -> tuple[_AnyChars, int]:
    """First characters of the alternation at ``index`` (up to its ``)`` or the end).

    Returns the characters, plus ``""`` when the alternation can match the empty string,
    and the index where it stops.
    """
    firsts: _AnyChars = frozenset()
    nullable = True
    alternatives_nullable = False
    while index < len(pattern) and pattern[index] != ")":
        char = pattern[index]
        if char == "|":
            alternatives_nullable = alternatives_nullable or nullable
            nullable = True
            index += 1
            continue
        atom: _AnyChars
        atom_nullable = False
        if char == "(":
            inner_case = ignore_case
            if pattern.startswith(("(?=", "(?!"), index):
                index += 3
                zero_width = True
            elif pattern.startswith(("(?<=", "(?<!"), index):
                index += 4
                zero_width = True
            else:
                zero_width = False
                if pattern.startswith("(?P<", index):
                    index = pattern.index(">", index) + 1
                elif pattern.startswith("(?i:", index):
                    index += 4
                    inner_case = True
                elif pattern.startswith("(?-i:", index):
                    index += 5
                    inner_case = False
                elif pattern.startswith("(?:", index):
                    index += 3
                else:
                    index += 1
            (atom, atom_nullable), index = _first_of_group(pattern, index, inner_case)
            if zero_width:
                atom, atom_nullable = frozenset(), True
        elif char == "[":
            atom, index = _first_of_class(pattern, index)
            atom = None if atom is None else _cased(atom, ignore_case)
        elif char == "\\":
            escaped = pattern[index + 1]
            atom = None if escaped.isalnum() else frozenset(escaped)
            index += 2
        elif char == ".":
            atom, index = None, index + 1
        elif char in "^$":
            atom, atom_nullable, index = frozenset(), True, index + 1
        else:
            atom, index = _cased(frozenset(char), ignore_case), index + 1
        # quantifier
        if index < len(pattern) and pattern[index] in "?*+{":
            if pattern[index] in "?*":
                atom_nullable = True
                index += 1
            elif pattern[index] == "+":
                index += 1
            else:
                close = pattern.index("}", index)
                atom_nullable = atom_nullable or pattern[index + 1 : close].split(",")[0] in "0"
                index = close + 1
            if index < len(pattern) and pattern[index] in "?+":  # lazy or possessive
                index += 1
        if nullable:
            firsts = _union(firsts, atom)
            nullable = atom_nullable
    if nullable or alternatives_nullable:
        return _union(firsts, frozenset({""})), index
    return firsts, index


def _first_of_group(
    pattern: str, index: int, ignore_case: bool
) -> tuple[tuple[_AnyChars, bool], int]:
    firsts, index = _first_of_sequence(pattern, index, ignore_case)
    nullable = firsts is not None and "" in firsts
    if firsts is not None:
        firsts = firsts - {""}
    return (firsts, nullable), index + 1  # past ")"


def _first_chars(pattern: str, ignore_case: bool) -> frozenset[str]:
    """The characters ``pattern`` can start with; ValueError if not knowable or nullable."""
    firsts, _ = _first_of_sequence(pattern, 0, ignore_case)
    if firsts is None or "" in firsts or not firsts:
        raise ValueError(f"cannot dispatch {pattern!r} on its first character")
    return firsts


class _Table(NamedTuple):
    """Rows compiled for dispatch: one regex per possible first character."""

    by_first: dict[str, re.Pattern[str]]
    names: dict[str, str]  # named group -> value (canonical unit or ISO code)

    def match(self, text: str, start: int) -> re.Match[str] | None:
        regex = self.by_first.get(text[start : start + 1])
        return None if regex is None else regex.match(text, start)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        regex = self.by_first.get(text[:1])
        return None if regex is None else regex.fullmatch(text)


def _compile_table(
    rows: tuple[tuple[str, str, bool], ...],
    tail: str,
    head: tuple[str, tuple[tuple[str, str, bool], ...]] | None = None,
) -> _Table:
    """Compile rows ``(regex, value, ignore_case)`` into one regex per first character.

    Python's regex alternation takes the first alternative that matches, not the longest,
    so every row is split into its top-level alternatives and the longer pattern is tried
    first: "km/h" before "km", "sq ft" before "ft"; ``tail`` (a word boundary) follows every
    alternative. Each alternative is a named group, so the match's ``lastgroup`` names the
    row. Trying only the alternatives that can start with the character at hand keeps a
    failed match (the common case: "5 years") to a dictionary lookup or a few branches.

    ``head`` is an optional ``(prefix, rows)``: the prefix (group ``head``) followed by any
    of those rows, tried first where the prefix can start; densities use it ("per" + area).
    """
    names: dict[str, str] = {}

    def named(rows: tuple[tuple[str, str, bool], ...], label: str) -> list[tuple[str, str]]:
        alternatives = sorted(
            (
                (alternative, value, ignore_case)
                for pattern, value, ignore_case in rows
                for alternative in _split_alternatives(pattern)
            ),
            key=lambda row: -len(row[0]),
        )
        result: list[tuple[str, str]] = []
        for index, (pattern, value, ignore_case) in enumerate(alternatives):
            names[f"{label}{index}"] = value
            group = f"(?P<{label}{index}>(?{'i' if ignore_case else ''}:{pattern}))"
            result.append((group, pattern if not ignore_case else f"(?i:{pattern})"))
        return result

    alternatives = [(group, _first_chars(plain, False)) for group, plain in named(rows, "u")]
    head_regex, head_firsts = "", frozenset[str]()
    if head is not None:
        prefix, head_rows = head
        inner = "|".join(group for group, _ in named(head_rows, "h"))
        head_regex, head_firsts = f"(?P<head>{prefix})(?:{inner})", _first_chars(prefix, False)
    compiled: dict[str, re.Pattern[str]] = {}
    by_first: dict[str, re.Pattern[str]] = {}
    for char in sorted(head_firsts.union(*(firsts for _, firsts in alternatives))):
        branches = [head_regex] if char in head_firsts else []
        branches += [group for group, firsts in alternatives if char in firsts]
        body = f"(?:{'|'.join(branches)}){tail}"
        if body not in compiled:
            compiled[body] = _rx.compile(body)  # fixed rows, at import
        by_first[char] = compiled[body]
    return _Table(by_first, names)


_UNITS: Final = _compile_table(
    _SPELLINGS,
    # every unit ends at a word boundary: "m" is not read in "3 men", nor "ha" in "3 had"
    tail=r"(?!\w)",
    head=(
        _DENSITY_PREFIX,
        tuple((pattern, f"per {unit}", case) for pattern, unit, case in _AREA_SPELLINGS),
    ),
)
_LEAD_RE: Final = _rx.compile(_LEAD)


# --------------------------------------------------------------------------- registry

_registry_lock: Final = threading.Lock()
_registry: list[pint.UnitRegistry[Any]] = []


def _get_registry() -> pint.UnitRegistry[Any]:
    """The one pint registry of the package, built (with the extra units) on first use."""
    if not _registry:
        with _registry_lock:
            if not _registry:
                import pint

                registry: pint.UnitRegistry[Any] = pint.UnitRegistry(on_redefinition="ignore")
                for definition in _REGISTRY_DEFINITIONS:
                    registry.define(definition)
                _registry.append(registry)
    return _registry[0]


def __getattr__(name: str) -> Any:
    if name == "UREG":
        return _get_registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_QUANTIZE_LIMIT: Final = Decimal(10) ** 24  # beyond it ("fb−1": 1e43 m⁻²) keep the exponent


def _float_to_decimal(value: float) -> Decimal:
    """A float read to 15 significant digits, without an exponent for whole numbers."""
    result = Decimal(format(value, ".15g"))
    if result == result.to_integral_value() and abs(result) < _QUANTIZE_LIMIT:
        return result.quantize(Decimal(1), context=_CTX)
    return result


def _info_from_pint(expression: str, canonical: str, dimension: str | None) -> UnitInfo:
    """Build a UnitInfo from pint: factor and offset to SI base units, and the dimension."""
    registry = _get_registry()
    at_zero = registry.Quantity(0, expression).to_base_units()
    at_one = registry.Quantity(1, expression).to_base_units()
    offset = _float_to_decimal(float(at_zero.magnitude))
    factor = _CTX.subtract(_float_to_decimal(float(at_one.magnitude)), offset)
    dims = str(at_one.dimensionality)
    if dimension is None:
        dimension = dims
        if dims == "[length]":
            dimension = "length"
        elif dims == "[length] ** 2":
            dimension = "area"
        elif dims == "1 / [length] ** 2":
            dimension, factor = "density", _CTX.multiply(factor, Decimal(1000000))
    return UnitInfo(canonical, canonical, dimension, factor, offset)


_BASE_INFO: dict[str, UnitInfo] = {
    canonical: UnitInfo(canonical, canonical, exact.dimension, exact.factor, exact.offset)
    for canonical, exact in _EXACT.items()
}


def _base_info(canonical: str) -> UnitInfo:
    """The cached UnitInfo of a canonical unit (pint is asked once per unit, lazily)."""
    info = _BASE_INFO.get(canonical)
    if info is None:
        expression, dimension = _PINT_EXPR[canonical]
        info = _info_from_pint(expression, canonical, dimension)
        _BASE_INFO[canonical] = info
    return info


# --------------------------------------------------------------------------- units API


def match_unit(text: str, pos: int) -> tuple[UnitInfo, int] | None:
    """Recognize a unit written right after a number that ends at ``pos``.

    Up to three spaces (NBSP and thin spaces too), one line break and one hyphen may
    separate number and unit ("3.02 km²", "0.87-square-kilometer", "302-hectare").
    Returns the unit and the offset where its text ends, or None when no unit follows;
    ``info.written`` is the unit's own text, without the separator.

    >>> match_unit("covers 87 hectares.", 9)
    (<UnitInfo 'hectares' -> ha (area, x10000)>, 18)
    >>> match_unit("3 men", 1) is None
    True
    """
    if pos < 0 or pos >= len(text):
        return None
    lead = _LEAD_RE.match(text, pos)
    start = pos if lead is None else lead.end()
    found = _UNITS.match(text, start)
    if found is None or _COMPOUND_GOES_ON.match(text, found.end()):
        compound = (
            _match_compound(text, start) if text[start : start + 1] in _COMPOUND_FIRST else None
        )
        if compound is not None and (found is None or compound[1] > found.end()):
            return compound
    if found is None or found.lastgroup is None:
        return None
    base = _base_info(_UNITS.names[found.lastgroup])
    end = found.end()
    info = UnitInfo(text[start:end], base.canonical, base.dimension, base.factor, base.offset)
    return info, end


# A unit written as symbols joined by "/", "·" or "*", or with an exponent ("J/m^2",
# "km/s2", "fb−1", "kg·m⁻³", "W m^-2"): read by pint when no spelling of the table covers
# it. Each symbol is short (up to 4 letters) so that words ("5 days/week") stay words, and
# the expression needs an operator or an exponent: a bare symbol is only read from the
# table ("5 m", not "5 a" or "5 in" as pint would).
_SYMBOL: Final = r"(?:[A-Za-zµμΩ°]{1,4})(?:\^?(?:[-\u2212⁻][1-9]|[2-9])|[²³]|⁻[¹²³])?"
_COMPOUND_RE: Final = _rx.compile(
    rf"{_SYMBOL}(?:(?:[/·⋅*]|[ \u00a0](?=[A-Za-zµμΩ]{{1,4}}(?:\^?[-\u2212]\d|⁻[¹²³])))"
    rf"{_SYMBOL})*(?![\w^/·⋅*²³¹⁻])"
)
_COMPOUND_FIRST: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzµμΩ°")
_POWER_RE: Final = _rx.compile(r"\^?([-\u2212⁻]?\d+|[²³¹⁻]+)")
_COMPOUND_CACHE: dict[str, UnitInfo | None] = {}


def _compound_info(written: str) -> UnitInfo | None:
    """pint's reading of a compound unit, or None (unknown, or not a physical quantity)."""
    if written in _COMPOUND_CACHE:
        return _COMPOUND_CACHE[written]
    info: UnitInfo | None = None
    expr = re.sub(r"[·⋅*]|[ \u00a0]", "*", written.replace("°", "deg"))
    expr = _POWER_RE.sub(
        lambda m: "**" + m.group(1).translate(_POWER_DIGITS).replace("\u2212", "-"), expr
    )
    expr = expr.replace("**-**", "**-")
    try:
        registry = _get_registry()
        units = registry.parse_units(expr)
        if not units.dimensionless:
            canonical = format(units, "~C")
            info = _info_from_pint(expr, canonical, None)
            if info.dimension == "density":  # "fb−1" is not people per km²
                info = _info_from_pint(expr, canonical, str(units.dimensionality))
    except Exception:  # pint raises many kinds (UndefinedUnitError, DefinitionSyntaxError...)
        info = None
    _COMPOUND_CACHE[written] = info
    return info


_POWER_DIGITS: Final = str.maketrans("²³¹⁻", "231-")
# what may follow a unit of the table for the compound reader to be tried ("km/h", "kg m^-3")
_COMPOUND_GOES_ON: Final = _rx.compile(
    r"[/·⋅*^²³¹⁻\u2212\d-]|[ \u00a0][A-Za-zµμΩ]{1,4}(?:\^?[-\u2212]\d|⁻[¹²³])"
)
# a symbol pint would read: an SI prefix and a unit symbol (checked before pint is loaded)
_UNIT_SYMBOL: Final = _rx.compile(
    r"(?:da|[YZEPTGMkhdcmµμunpfa])?"
    r"(?:m|g|s|A|K|mol|cd|Hz|N|Pa|J|W|C|V|F|Ω|S|Wb|T|H|L|l|t|b|B|bit|eV|Wh|h|min|d|yr|a|"
    r"bar|atm|cal|lm|lx|Gy|Sv|°C|°F|mi|ft|yd|lb|oz|gal|ha|rpm)"
)
_PIECE_SPLIT: Final = _rx.compile(r"[/·⋅* \u00a0^²³¹⁻\u2212\d-]+")
_NOT_SYMBOLS: Final = frozenset(
    ("a", "an", "as", "at", "be", "by", "do", "he", "in", "is", "it", "me", "my", "no", "of",
     "on", "or", "so", "to", "up", "us", "we", "she", "they", "you", "and", "the", "out",
     "yes", "off")
)  # fmt: skip


def _match_compound(text: str, start: int) -> tuple[UnitInfo, int] | None:
    """A compound unit at ``start`` ("J/m^2"), read by pint; None when there is none."""
    m = _COMPOUND_RE.match(text, start)
    if m is None:
        return None
    written = m.group()
    pieces = [piece for piece in _PIECE_SPLIT.split(written) if piece]
    if any(piece.lower() in _NOT_SYMBOLS or not _UNIT_SYMBOL.fullmatch(piece) for piece in pieces):
        return None  # "4 a/b", "3 in/out": words, not pint's year or inch
    if all(len(piece) == 1 and piece.isupper() for piece in pieces):
        return None  # "4 A/B tests", "2 A/C units", "N/A": abbreviations, not ampere per byte
    if not any(ch in written for ch in "/·⋅*^²³¹⁻\u2212-") and not written[-1].isdigit():
        return None  # a bare symbol: the table decides
    if " " in written and not any(ch in written for ch in "^⁻\u2212-"):
        return None
    info = _compound_info(written)
    if info is None:
        return None
    return UnitInfo(written, info.canonical, info.dimension, info.factor, info.offset), m.end()


def parse_unit(written: str) -> UnitInfo | None:
    """Recognize a whole string as a unit ("km2", "hectares", "sq ft", "per km²", "°C").

    Accepts every spelling :func:`match_unit` knows and every canonical symbol, including
    those too ambiguous to read from prose ("g", "W", "K", "kn"). Surrounding whitespace
    and a final abbreviation dot are ignored. None when the string is not a known unit.
    """
    text = written.strip()
    bare = text[:-1] if text.endswith(".") else text  # "in.", "lb."
    if text in _PINT_EXPR or text in _EXACT:
        base = _base_info(text)
    elif bare in _PINT_EXPR:
        base = _base_info(bare)
    else:
        found = _UNITS.fullmatch(text)
        if found is None and bare != text:
            found = _UNITS.fullmatch(bare)
        if found is None or found.lastgroup is None:
            compound = _match_compound(text, 0) if text[:1] in _COMPOUND_FIRST else None
            return compound[0] if compound is not None and compound[1] == len(text) else None
        base = _base_info(_UNITS.names[found.lastgroup])
    return UnitInfo(text, base.canonical, base.dimension, base.factor, base.offset)


# what the pint fallback of convert() accepts: unit names joined by *, / and ** ("furlong",
# "kilogram / meter ** 3"); pint itself would also evaluate "2", "pi" or "1/0"
_PINT_EXPRESSION_RE: Final = _rx.compile(
    r"[A-Za-z_]\w*(?:[^\S\r\n]*(?:\*\*[^\S\r\n]*\d+|[*/][^\S\r\n]*[A-Za-z_]\w*))*"
)


_EXAMPLE_UNITS: Final = "km², ha, m², sq ft, acre, mu, km, m, ft, mi, kg, t, MW, kWh, °C, GB, %"


def _lookup(unit: str) -> UnitInfo:
    """parse_unit, falling back to the pint registry; ValueError when neither knows it."""
    info = parse_unit(unit)
    if info is not None:
        return info
    problem = f"unknown unit {unit!r}; expected a unit such as {_EXAMPLE_UNITS}"
    if not _PINT_EXPRESSION_RE.fullmatch(unit.strip()):
        raise ValueError(problem)
    try:
        return _info_from_pint(unit.strip(), unit.strip(), None)
    except Exception as error:  # pint raises many kinds (AttributeError, TokenError...)
        raise ValueError(problem) from error


def to_normalized(value: Decimal, unit: UnitInfo) -> Decimal:
    """``value * unit.factor + unit.offset``: m², m, per km², percent or SI base units."""
    product = _CTX.multiply(value, unit.factor)
    return _CTX.add(product, unit.offset) if unit.offset else product


def convert(value: Decimal, src: str, dst: str) -> Decimal:
    """Convert ``value`` from unit ``src`` to unit ``dst`` with exact decimal factors.

    >>> convert(Decimal("87"), "ha", "km²")
    Decimal('0.87')

    Raises ValueError when a unit is unknown or the two measure different things.
    """
    source, target = _lookup(src), _lookup(dst)
    if source.dimension != target.dimension:
        raise ValueError(
            f"cannot convert {src!r} ({source.dimension}) to {dst!r} ({target.dimension})"
        )
    normalized = to_normalized(value, source)
    return _CTX.divide(_CTX.subtract(normalized, target.offset), target.factor)


# --------------------------------------------------------------------------- currency

_ISO_CODES: Final = (
    "USD", "HKD", "CNY", "EUR", "GBP", "JPY", "SGD", "AUD", "CAD", "CHF", "TWD", "KRW",
    "INR", "MOP", "NZD", "BRL", "MYR",
)  # fmt: skip
# Currencies written before the number, as literal text -> ISO 4217 code: "US$1.6 billion",
# "RMB 5", "€3". A final space is allowed between the two, not written here.
_CURRENCY_BEFORE: Final[dict[str, str]] = {
    "US$": "USD",
    "US $": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "HK$": "HKD",
    "HK $": "HKD",
    "S$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "NT$": "TWD",
    "R$": "BRL",
    "MOP$": "MOP",
    "MOP $": "MOP",
    "$US": "USD",
    "$A": "AUD",
    "$AU": "AUD",
    "$NZ": "NZD",
    "$HK": "HKD",
    "$C": "CAD",
    "$CA": "CAD",
    "$S": "SGD",
    "$": "USD",
    "RM": "MYR",
    "Rs": "INR",
    "Rs.": "INR",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "₹": "INR",
    "₩": "KRW",
    "RMB": "CNY",
    "Rmb": "CNY",
    **{code: code for code in _ISO_CODES},
}
# the same, keyed by last character, longest first
_CURRENCY_BEFORE_BY_LAST: Final[dict[str, tuple[str, ...]]] = {
    last: tuple(
        sorted((text for text in _CURRENCY_BEFORE if text[-1] == last), key=len, reverse=True)
    )
    for last in {text[-1] for text in _CURRENCY_BEFORE}
}
# Currencies written after the number and its scale word: (regex, ISO code, ignore_case);
# `\s` stands for one or two spaces within a line.
_CURRENCY_AFTER: Final[tuple[tuple[str, str, bool], ...]] = (
    (r"(?:chinese\s)?yuan|renminbi", "CNY", True),
    (r"RMB|Rmb", "CNY", False),
    (r"(?:US|U\.S\.|American)\sdollars?", "USD", True),
    (r"dollars?", "USD", True),
    (r"(?:Hong\sKong|HK)\sdollars?", "HKD", True),
    (r"(?:Macao|Macau)\s(?:patacas?|dollars?)|patacas?", "MOP", True),
    (r"Singapore\sdollars?", "SGD", True),
    (r"Australian\sdollars?", "AUD", True),
    (r"Canadian\sdollars?", "CAD", True),
    (r"New\sZealand\sdollars?", "NZD", True),
    (r"New\sTaiwan\sdollars?|NT\sdollars?", "TWD", True),
    (r"euros?", "EUR", True),
    (r"pounds?\ssterling|British\spounds?|sterling", "GBP", True),
    (r"(?:Japanese\s)?yen", "JPY", True),
    (r"(?:South\s)?Korean\swon", "KRW", True),
    (r"(?:Indian\s)?rupees?", "INR", True),
    (r"Swiss\sfrancs?", "CHF", True),
    (r"(?:Brazilian\s)?reals?|reais", "BRL", True),
    (r"(?:Malaysian\s)?ringgit", "MYR", True),
    (r"€", "EUR", False),
    *((code, code, False) for code in _ISO_CODES),
)
_CURRENCIES_AFTER: Final = _compile_table(
    tuple(
        (pattern.replace(r"\s", f"{_S}{{1,2}}"), code, case)
        for pattern, code, case in _CURRENCY_AFTER
    ),
    tail=r"(?!\w)",
)
_CURRENCY_LEAD_RE: Final = _rx.compile(rf"{_S}{{0,3}}(?:-{_S}{{0,2}})?")


def match_currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A currency written before a number that starts at ``pos``.

    Returns the ISO 4217 code and the offset where the currency's text starts::

        >>> match_currency_before("US$1,641.97 billion", 3)
        ('USD', 0)

    "$" alone is read as USD and "¥" as CNY. At most one space may separate the two, and
    a currency code must not end a longer word ("ARMB5" is not RMB).
    """
    if pos <= 0 or pos > len(text):
        return None
    end = pos - 1 if text[pos - 1].isspace() and text[pos - 1] not in "\r\n" else pos
    for written in _CURRENCY_BEFORE_BY_LAST.get(text[end - 1 : end], ()):
        start = end - len(written)
        if start >= 0 and text.startswith(written, start):
            if written[0].isalpha() and start > 0 and text[start - 1].isalpha():
                continue
            return _CURRENCY_BEFORE[written], start
    return None


def match_currency_after(text: str, pos: int) -> tuple[str, int] | None:
    """A currency written after a number (and its scale word) that ends at ``pos``.

    Returns the ISO 4217 code and the offset where the currency's text ends::

        >>> match_currency_after("5 billion yuan", 9)
        ('CNY', 14)

    "dollars" alone is read as USD; bare "pounds" (money or weight?) and "won" (a verb
    too) are not read at all.
    """
    if pos < 0 or pos >= len(text):
        return None
    lead = _CURRENCY_LEAD_RE.match(text, pos)
    found = _CURRENCIES_AFTER.match(text, pos if lead is None else lead.end())
    if found is None or found.lastgroup is None:
        return None
    return _CURRENCIES_AFTER.names[found.lastgroup], found.end()
