"""Typed claims: one frozen pydantic model per kind, a discriminated union on `kind`.

A claim keeps what the text said (surface text, span, the number as written, the unit as
written, the qualifier) and derives its normalized `value` and `interval` from that.

Normalized values by kind:

=============  =====================================================================
kind           value
=============  =====================================================================
area           land area in m²
floor_area     built floor area in m² ("research space", "gross floor area")
length         metres
quantity       any other physical quantity, in SI base units (see `dimensionality`); a
               temperature in degrees with no scale ("minus 40 degrees") keeps its stated
               value (dimensionality "[temperature] (scale not stated)")
count          a number of things ("five renowned universities")
year           an int ("by 2025" has role ``target``)
date           "YYYY-MM-DD" or "YYYY-MM"
period         [start_year, end_year], or ["YYYY-MM", "YYYY-MM"] for a quarter or a half-year
duration       years, or [low, high] years for a range ("five to 10 years")
ordinal        the position (4 for "fourth cooperation platform")
percent        the percent number (12.5 for "12.5%")
ratio          a fraction (0.5 for "half", 3 for "three times")
density        per km²
money          the amount in the stated currency (the currency is the unit)
=============  =====================================================================

A range ("between 44 and 50 mg", "44 mg to 50 mg", "8- to 16-metre", "44-50 mg") of any
kind but duration and period has `value` = the midpoint of its two ends (its single best
estimate, as other extractors report it), `stated` likewise the midpoint in the written
unit, `interval` = both ends, and the note `RANGE_NOTE` (`claim.is_range`). Rules compare a
range by its interval. A change "from 44 mg to 50 mg" is two figures, not a range, unless
the text says "ranging from".

A vague amount ("hundreds of thousands of pounds", "dozens of villages") is a range over its
order of magnitude, half-open at the top ([100,000, 1,000,000)), `value` the arithmetic
midpoint, qualifier approx, with the notes `RANGE_NOTE` and `VAGUE_NOTE` (`claim.is_vague`).
A check that reads a vague amount passes or warns, never fails (`Rule.run`).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, TypeAdapter, field_serializer

from hetao_facts._display import HtmlRepr
from hetao_facts._light import LightModel
from hetao_facts.intervals import Interval, Qualifier

__all__ = [
    "RANGE_NOTE",
    "UNSCALED_TEMPERATURE_NOTE",
    "VAGUE_NOTE",
    "AreaClaim",
    "Claim",
    "ClaimBase",
    "CountClaim",
    "DateClaim",
    "DensityClaim",
    "DurationClaim",
    "FloorAreaClaim",
    "LengthClaim",
    "MoneyClaim",
    "OrdinalClaim",
    "PercentClaim",
    "PeriodClaim",
    "Qualifier",
    "QuantityClaim",
    "RatioClaim",
    "Role",
    "Span",
    "YearClaim",
    "claim_adapter",
    "claims_adapter",
]


UNSCALED_TEMPERATURE_NOTE = (
    "a temperature in degrees with no scale (Celsius or Fahrenheit): value as stated, "
    "not converted to kelvin"
)
"""The note on "minus 40 degrees", "40 degrees below zero": `value` is the stated number."""

VAGUE_NOTE = (
    "a vague amount: the interval is its order of magnitude, half-open at the top; "
    "rules that read it pass or warn, never fail"
)
"""The note a vague amount carries ("hundreds of thousands of pounds", "dozens of villages")."""

RANGE_NOTE = "a range: value is the midpoint of its two ends, interval holds the ends"
"""The note a range claim carries ("between 44 and 50 mg", "8- to 16-metre", "44-50 mg")."""


class Role(StrEnum):
    """The time a figure refers to."""

    TARGET = "target"
    SINCE = "since"
    PAST = "past"
    CURRENT = "current"


class Span(LightModel):
    """A [start, end) range of Python str offsets into a document's text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class ClaimBase(HtmlRepr, LightModel):
    """Fields every claim has. Offsets are str indices into the document text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str
    document: str
    start: int
    end: int
    text: str
    line: int
    column: int
    number: str | None = Field(
        default=None, description="the figure as written, without separators ('3.02', '10 million')"
    )
    stated: Decimal | None = Field(default=None, description="the figure in the unit as written")
    unit: str | None = Field(default=None, description="the unit as written, or null")
    canonical_unit: str | None = Field(default=None, description="the normalized unit")
    qualifier: Qualifier = Qualifier.EXACT
    hedge: str | None = Field(default=None, description="the hedging or bounding words as written")
    interval: Interval | None = None
    subject: str | None = None
    subject_text: str | None = None
    role: Role | None = None
    sentence: Span
    speaker: str | None = None
    notes: tuple[str, ...] = ()
    extent: str | None = Field(
        default=None,
        description="which extent a length measures, by the word beside it: 'height' "
        "('186-metre-high'), 'width' ('12 m wide'), 'depth', 'thickness', 'elevation' or "
        "'length'; null when no word (or more than one) says",
    )
    difference: str | None = Field(
        default=None,
        description="the comparative words when the figure is a difference from another "
        "('larger than' in '6 km² larger than the town'), not its subject's own figure",
    )
    narrowed_by: str | None = Field(
        default=None,
        description="the words as written that narrow a count's noun to one owner or a "
        "named list (\"the GBA's\" four platforms; three platforms 'in Hengqin, Qianhai, "
        "and Nansha')",
    )

    @field_serializer("stated")
    def _ser_stated(self, v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    @property
    def is_range(self) -> bool:
        """The figure is a range: `value` is its midpoint and `interval` holds its ends."""
        return RANGE_NOTE in self.notes

    @property
    def is_vague(self) -> bool:
        """The figure is a vague amount ("tens of millions"): rules never fail on it."""
        return VAGUE_NOTE in self.notes

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text!r} = {self.value!r} {self.document}:{self.line}>"  # type: ignore[attr-defined]

    def __str__(self) -> str:
        return repr(self)


def _num_ser(v: Decimal | float | int | None) -> float | int | None:
    if v is None:
        return None
    d = Decimal(v) if not isinstance(v, Decimal) else v
    if d == d.to_integral_value() and abs(d) < Decimal(10) ** 15:
        return int(d)
    return float(d)


class _Measure(ClaimBase):
    value: Decimal

    @field_serializer("value")
    def _ser_value(self, v: Decimal) -> float | int | None:
        return _num_ser(v)


class AreaClaim(_Measure):
    """A land area, normalized to m²."""

    kind: Literal["area"] = "area"


class FloorAreaClaim(_Measure):
    """A built floor area ("research space", "gross floor area"), normalized to m²."""

    kind: Literal["floor_area"] = "floor_area"


class LengthClaim(_Measure):
    """A length or distance, normalized to metres."""

    kind: Literal["length"] = "length"


class QuantityClaim(_Measure):
    """Any other physical quantity pint understands, in SI base units."""

    kind: Literal["quantity"] = "quantity"
    dimensionality: str


class DensityClaim(_Measure):
    """Something per unit area, normalized to per km²."""

    kind: Literal["density"] = "density"


class PercentClaim(_Measure):
    """A percentage, as the percent number (12.5 for 12.5%)."""

    kind: Literal["percent"] = "percent"


class RatioClaim(_Measure):
    """A fraction or multiple (0.5 for "half", 3 for "three times")."""

    kind: Literal["ratio"] = "ratio"


class MoneyClaim(_Measure):
    """An amount of money in the stated currency (the currency is `unit`)."""

    kind: Literal["money"] = "money"
    currency: str


class CountClaim(_Measure):
    """A number of discrete things; `noun` is the counted noun phrase as written."""

    kind: Literal["count"] = "count"
    noun: str | None = None


class OrdinalClaim(_Measure):
    """A position in a sequence ("fourth cooperation platform", "40th anniversary")."""

    kind: Literal["ordinal"] = "ordinal"
    noun: str | None = None


class YearClaim(ClaimBase):
    """A calendar year."""

    kind: Literal["year"] = "year"
    value: int


class DateClaim(ClaimBase):
    """A calendar date, "YYYY-MM-DD", or "YYYY-MM" when the text gives no day."""

    kind: Literal["date"] = "date"
    value: str
    year_inferred: bool = False


class PeriodClaim(ClaimBase):
    """A span of calendar years, [start, end] inclusive ("2021-2025"), or of months
    ["2010-07", "2010-09"] for a part of a year ("the third quarter of 2010", "H1 2024")."""

    kind: Literal["period"] = "period"
    value: tuple[int, int] | tuple[str, str]

    @property
    def years(self) -> tuple[int, int]:
        """The first and last calendar years the period touches."""
        a, b = self.value
        return int(str(a)[:4]), int(str(b)[:4])


class DurationClaim(ClaimBase):
    """A length of time in years, or [low, high] years for a range."""

    kind: Literal["duration"] = "duration"
    value: Decimal | tuple[Decimal, Decimal]

    @field_serializer("value")
    def _ser_value(
        self, v: Decimal | tuple[Decimal, Decimal]
    ) -> float | int | list[float | int | None] | None:
        if isinstance(v, tuple):
            return [_num_ser(v[0]), _num_ser(v[1])]
        return _num_ser(v)


Claim = Annotated[
    AreaClaim
    | FloorAreaClaim
    | LengthClaim
    | QuantityClaim
    | CountClaim
    | YearClaim
    | DateClaim
    | PeriodClaim
    | DurationClaim
    | OrdinalClaim
    | PercentClaim
    | RatioClaim
    | DensityClaim
    | MoneyClaim,
    Field(discriminator="kind"),
]

claim_adapter: TypeAdapter[Claim] = TypeAdapter(Claim)
claims_adapter: TypeAdapter[list[Claim]] = TypeAdapter(list[Claim])

KINDS: tuple[str, ...] = (
    "area",
    "floor_area",
    "length",
    "quantity",
    "count",
    "year",
    "date",
    "period",
    "duration",
    "ordinal",
    "percent",
    "ratio",
    "density",
    "money",
)
