"""Stated precision and hedges as intervals, and sound interval arithmetic.

A figure in prose stands for every value that would be written the same way:
"3.02 km²" covers [3.015, 3.025] km², "87 ha" covers [86.5, 87.5] ha. Round figures
are treated as possibly rounded at their last non-zero digit: "300 ha" covers
[250, 350] ha and "3,000" covers [2,500, 3,500]; figures with a scale word keep every
digit before it ("10 million" covers [9.5, 10.5] million). Counts of discrete things
are exact. Hedges widen an interval by a configurable relative tolerance
(`Tolerances`), bounds make it half-open ("more than 3,000" is (3000, ∞)).

Two statements agree when their intervals overlap; sums add intervals end to end
(the rule XBRL Calculations 1.1 uses). Everything is `Decimal`: floats are never
compared with ``==``.

Arithmetic rounds outward: a low end is rounded towards -∞ and a high end towards +∞
at the context precision (28 digits), so a computed interval always contains every
value the exact computation could give. Products, quotients, integer powers and nth
roots (`root`, for average growth rates) are monotone on the operands' ends.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from hetao_facts._light import LightModel, trusted_maker

__all__ = [
    "Interval",
    "Qualifier",
    "Tolerances",
    "interval_for",
    "step_of",
]

ZERO = Decimal(0)
HALF = Decimal("0.5")


class Qualifier(StrEnum):
    """How a figure is hedged or bounded in the text."""

    EXACT = "exact"
    APPROX = "approx"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    UP_TO = "up_to"


class Tolerances(BaseModel):
    """How much a hedge widens a figure, as a fraction of its value.

    ``approx`` applies to "approximately", "about", "around", "roughly", "some",
    "nearly" and "almost" (the last two widen only downwards), capped at ``hedge_digits``
    units of the figure's last written digit. ``round_trailing_zeros``
    reads "300" as possibly rounded at its last non-zero digit (±50); set it to False to
    read every written digit as significant (±0.5).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    approx: Decimal = Field(default=Decimal("0.10"), ge=0, le=1)
    hedge_digits: int = Field(default=5, ge=0)
    """A hedge never widens a figure by more than this many units of its last written
    digit ("approximately 571" is [566, 576], "about 300" is [270, 330]); 0: no cap."""
    round_trailing_zeros: bool = True


DEFAULT_TOLERANCES = Tolerances()


class Interval(LightModel):
    """A set of real values [low, high]; `None` is an infinite end, `*_open` excludes it."""

    model_config = ConfigDict(frozen=True)

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    @field_serializer("low", "high")
    def _ser(self, v: Decimal | None) -> float | int | None:
        if v is None:
            return None
        return int(v) if v == v.to_integral_value() and abs(v) < 10**15 else float(v)

    # ---- constructors -------------------------------------------------------------
    @classmethod
    def point(cls, x: Decimal | int) -> Interval:
        d = Decimal(x)
        return _interval(d, d) if cls is Interval else cls(low=d, high=d)

    @classmethod
    def closed(cls, low: Decimal | int, high: Decimal | int) -> Interval:
        lo, hi = Decimal(low), Decimal(high)
        return _interval(lo, hi) if cls is Interval else cls(low=lo, high=hi)

    # ---- predicates -----------------------------------------------------------------
    @property
    def is_bounded(self) -> bool:
        return self.low is not None and self.high is not None

    def contains(self, x: Decimal | int) -> bool:
        d = Decimal(x)
        if self.low is not None and (d < self.low or (self.low_open and d == self.low)):
            return False
        return not (
            self.high is not None and (d > self.high or (self.high_open and d == self.high))
        )

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        return _below(self, other) and _below(other, self)

    def is_within(self, other: Interval) -> bool:
        """True when every value of self lies in other."""
        lo_ok = other.low is None or (
            self.low is not None
            and (
                self.low > other.low
                or (self.low == other.low and (self.low_open or not other.low_open))
            )
        )
        hi_ok = other.high is None or (
            self.high is not None
            and (
                self.high < other.high
                or (self.high == other.high and (self.high_open or not other.high_open))
            )
        )
        return lo_ok and hi_ok

    def entirely_above(self, other: Interval) -> bool:
        """True when every value of self exceeds every value of other."""
        if self.low is None or other.high is None:
            return False
        return self.low > other.high or (
            self.low == other.high and (self.low_open or other.high_open)
        )

    def gap(self, other: Interval) -> Decimal:
        """Distance between the two intervals (0 when they overlap)."""
        if self.overlaps(other):
            return ZERO
        if self.entirely_above(other):
            assert self.low is not None and other.high is not None
            return self.low - other.high
        assert other.low is not None and self.high is not None
        return other.low - self.high

    @property
    def midpoint(self) -> Decimal | None:
        if self.low is None or self.high is None:
            return self.low if self.high is None else self.high
        return (self.low + self.high) / 2

    @property
    def width(self) -> Decimal | None:
        if self.low is None or self.high is None:
            return None
        return self.high - self.low

    # ---- arithmetic (monotone, sound, rounded outward) -------------------------------------
    def __add__(self, other: Interval) -> Interval:
        return Interval(
            low=None if self.low is None or other.low is None else _down(_add, self.low, other.low),
            high=None
            if self.high is None or other.high is None
            else _up(_add, self.high, other.high),
            low_open=self.low_open or other.low_open,
            high_open=self.high_open or other.high_open,
        )

    def __neg__(self) -> Interval:
        return Interval(
            low=None if self.high is None else -self.high,
            high=None if self.low is None else -self.low,
            low_open=self.high_open,
            high_open=self.low_open,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def scale(self, k: Decimal | int) -> Interval:
        """Multiply by a constant (k > 0 keeps the ends, k < 0 swaps them)."""
        k = Decimal(k)
        if k == 0:
            return Interval.point(0)
        if k > 0:
            return Interval(
                low=None if self.low is None else _down(_mul, self.low, k),
                high=None if self.high is None else _up(_mul, self.high, k),
                low_open=self.low_open,
                high_open=self.high_open,
            )
        return Interval(
            low=None if self.high is None else _down(_mul, self.high, k),
            high=None if self.low is None else _up(_mul, self.low, k),
            low_open=self.high_open,
            high_open=self.low_open,
        )

    def shift(self, d: Decimal | int) -> Interval:
        return self + Interval.point(Decimal(d))

    def __mul__(self, other: Interval) -> Interval:
        if not (self.is_bounded and other.is_bounded):
            return _mul_unbounded(self, other)
        return _by_ends(self, other, _mul)

    def reciprocal(self) -> Interval | None:
        """1/x, or None when the interval touches zero (no verdict possible)."""
        if self.contains(0) or (self.low == 0) or (self.high == 0):
            return None
        lo = None if self.high is None else _down(_div, Decimal(1), self.high)
        hi = None if self.low is None else _up(_div, Decimal(1), self.low)
        if self.low is None and self.high is not None and self.high < 0:
            hi = ZERO
        if self.high is None and self.low is not None and self.low > 0:
            lo = ZERO
        return Interval(
            low=lo,
            high=hi,
            low_open=self.high_open or self.high is None,
            high_open=self.low_open or self.low is None,
        )

    def __truediv__(self, other: Interval) -> Interval | None:
        """self / other, or None when the divisor touches zero (no verdict possible)."""
        r = other.reciprocal()
        if r is None:
            return None
        if not (self.is_bounded and other.is_bounded):
            return self * r
        # Dividing end by end rounds once per end, which keeps 480 / 12 exactly 40.
        return _by_ends(self, other, _div)

    def power(self, n: int) -> Interval:
        """x**n for a non-negative interval and integer n >= 0 (monotone there)."""
        if self.low is None or self.low < 0:
            raise ValueError("power() needs a non-negative interval")
        if n < 0:
            raise ValueError(f"power() needs an integer exponent >= 0, got {n}")
        return Interval(
            low=_pow_int(self.low, n, ROUND_FLOOR),
            high=None if self.high is None else _pow_int(self.high, n, ROUND_CEILING),
            low_open=self.low_open and n > 0,
            high_open=self.high_open and n > 0,
        )

    def root(self, n: int) -> Interval:
        """The nth root (n >= 1) of a non-negative interval, rounded outward.

        Each end is first approximated with Decimal's fractional power, then moved outward
        until an integer power rounded the other way confirms it: ``low_root**n <= low``
        and ``high_root**n >= high`` hold exactly, so the result contains every root.
        """
        if n < 1:
            raise ValueError(f"root() needs an integer n >= 1, got {n}")
        if self.low is None or self.low < 0:
            raise ValueError("root() needs a non-negative interval")
        return Interval(
            low=_root_end(self.low, n, below=True),
            high=None if self.high is None else _root_end(self.high, n, below=False),
            low_open=self.low_open,
            high_open=self.high_open,
        )

    def hull(self, other: Interval) -> Interval:
        """The smallest interval containing both."""
        lo = _min_end(self.low, self.low_open, other.low, other.low_open)
        hi = _max_end(self.high, self.high_open, other.high, other.high_open)
        return Interval(low=lo[0], low_open=lo[1], high=hi[0], high_open=hi[1])

    # ---- display ------------------------------------------------------------------------
    def format(self, unit: str = "", digits: int = 6) -> str:
        lb = "(" if self.low_open or self.low is None else "["
        rb = ")" if self.high_open or self.high is None else "]"
        lo = "-∞" if self.low is None else fmt_decimal(self.low, digits)
        hi = "∞" if self.high is None else fmt_decimal(self.high, digits)
        body = f"{lb}{lo}, {hi}{rb}"
        return f"{body} {unit}".rstrip()

    def __str__(self) -> str:
        return self.format()


#: ``Interval(low=low, high=high)`` for two finite Decimals (nothing to coerce or reject):
#: the same record (see `_interval`)
_closed = trusted_maker(Interval, ("low", "high"))


def fmt_decimal(x: Decimal, digits: int = 6) -> str:
    """Render a Decimal compactly: thousands separators, at most `digits` significant."""
    if x == x.to_integral_value() and abs(x) < Decimal(10) ** 15:
        return f"{int(x):,}"
    q = float(x)
    s = f"{q:,.{digits}g}"
    if "e" in s:
        return s
    return s


def _by_ends(a: Interval, b: Interval, op: Callable[[Decimal, Decimal], Decimal]) -> Interval:
    """op applied to each pair of bounded ends, rounded outward: the extremes bound it."""
    assert a.low is not None and a.high is not None
    assert b.low is not None and b.high is not None
    ends = [
        (a.low, b.low, a.low_open or b.low_open),
        (a.low, b.high, a.low_open or b.high_open),
        (a.high, b.low, a.high_open or b.low_open),
        (a.high, b.high, a.high_open or b.high_open),
    ]
    downs = [(_down(op, x, y), o) for x, y, o in ends]
    ups = [(_up(op, x, y), o) for x, y, o in ends]
    lo = min(v for v, _ in downs)
    hi = max(v for v, _ in ups)
    return Interval(
        low=lo,
        high=hi,
        low_open=all(o for v, o in downs if v == lo),
        high_open=all(o for v, o in ups if v == hi),
    )


def _below(a: Interval, b: Interval) -> bool:
    """a.low <= b.high with open ends respected (some point of a is not above all of b)."""
    if a.low is None or b.high is None:
        return True
    if a.low < b.high:
        return True
    return a.low == b.high and not a.low_open and not b.high_open


def _min_end(
    a: Decimal | None, ao: bool, b: Decimal | None, bo: bool
) -> tuple[Decimal | None, bool]:
    if a is None or b is None:
        return None, False
    if a < b:
        return a, ao
    if b < a:
        return b, bo
    return a, ao and bo


def _max_end(
    a: Decimal | None, ao: bool, b: Decimal | None, bo: bool
) -> tuple[Decimal | None, bool]:
    if a is None or b is None:
        return None, False
    if a > b:
        return a, ao
    if b > a:
        return b, bo
    return a, ao and bo


def _mul_unbounded(a: Interval, b: Interval) -> Interval:
    """Products with an infinite end: exact for non-negative operands, else unbounded."""
    if a.low is not None and b.low is not None and a.low >= 0 and b.low >= 0:
        hi = None if a.high is None or b.high is None else _up(_mul, a.high, b.high)
        return Interval(
            low=_down(_mul, a.low, b.low),
            high=hi,
            low_open=a.low_open or b.low_open,
            high_open=hi is not None and (a.high_open or b.high_open),
        )
    return Interval(low=None, high=None)


# ---- directed rounding --------------------------------------------------------------------
def _add(a: Decimal, b: Decimal) -> Decimal:
    return a + b


def _mul(a: Decimal, b: Decimal) -> Decimal:
    return a * b


def _div(a: Decimal, b: Decimal) -> Decimal:
    return a / b


def _down(op: Callable[[Decimal, Decimal], Decimal], a: Decimal, b: Decimal) -> Decimal:
    """op(a, b) rounded towards -∞ (a sound low end)."""
    with localcontext() as ctx:
        ctx.rounding = ROUND_FLOOR
        return op(a, b)


def _up(op: Callable[[Decimal, Decimal], Decimal], a: Decimal, b: Decimal) -> Decimal:
    """op(a, b) rounded towards +∞ (a sound high end)."""
    with localcontext() as ctx:
        ctx.rounding = ROUND_CEILING
        return op(a, b)


def _pow_int(x: Decimal, n: int, rounding: str) -> Decimal:
    """x**n for x >= 0 by repeated squaring, every step rounded the same way (monotone)."""
    result = Decimal(1)
    base = x
    with localcontext() as ctx:
        ctx.rounding = rounding
        while n:
            if n & 1:
                result = result * base
            n >>= 1
            if n:
                base = base * base
    return result


def _root_end(x: Decimal, n: int, *, below: bool) -> Decimal:
    """A bound on x**(1/n) for x >= 0: at most the root when `below`, else at least it."""
    if x == 0 or n == 1:
        return x
    with localcontext() as ctx:
        ctx.prec += 6
        r = x ** (Decimal(1) / Decimal(n))
    with localcontext() as ctx:
        step = abs(r).scaleb(-(ctx.prec - 2)) or Decimal(1).scaleb(-(ctx.prec - 2))
    r = +r  # back to the context precision
    for _ in range(200):
        if below and _pow_int(r, n, ROUND_CEILING) <= x:
            return r
        if not below and _pow_int(r, n, ROUND_FLOOR) >= x:
            return r
        r = _down(_add, r, -step) if below else _up(_add, r, step)
        if below and r < 0:
            return ZERO
        step *= 2
    raise ArithmeticError(f"could not bound the {n}th root of {x}")  # pragma: no cover


def step_of(digits: str, *, scaled: bool, round_trailing_zeros: bool = True) -> Decimal:
    """The unit of the last significant digit of a numeral as written.

    `digits` is the numeral without separators ("3.02", "800000", "10"); `scaled` says a
    scale word followed ("10 million"), in which case every written digit is significant.
    """
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return Decimal(1).scaleb(-decimals)
    if scaled or not round_trailing_zeros:
        return Decimal(1)
    stripped = digits.lstrip("-+").rstrip("0")
    zeros = len(digits.lstrip("-+")) - len(stripped)
    if not stripped:  # "0"
        return Decimal(1)
    return Decimal(1).scaleb(zeros)


def interval_for(
    value: Decimal,
    qualifier: Qualifier | str,
    *,
    step: Decimal | None,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
    nonnegative: bool = True,
    hedge: str | None = None,
) -> Interval:
    """The interval a stated figure stands for.

    `step` is the unit of the last significant digit in the unit of `value` (None for an
    exact figure such as a count); the value stands for [value - step/2, value + step/2].
    `hedge` is the hedging word as written ("nearly" and "almost" widen downwards only).
    """
    q = Qualifier(qualifier)
    half = ZERO if step is None else step * HALF
    floor = ZERO if nonnegative else None
    if q is Qualifier.MORE_THAN:
        return Interval(low=value, high=None, low_open=True)
    if q is Qualifier.AT_LEAST:
        return Interval(low=value, high=None)
    if q is Qualifier.LESS_THAN:
        return Interval(low=floor, high=value, high_open=True)
    if q in (Qualifier.AT_MOST, Qualifier.UP_TO):
        return Interval(low=floor, high=value)
    if q is Qualifier.APPROX:
        # a hedge widens by `approx` of the value, but by no more than `hedge_digits` units
        # of the last digit written: "about 300" is 270-330, "approximately 571" 566-576
        widen = max(half, abs(value) * tolerances.approx)
        if step is not None and tolerances.hedge_digits:
            widen = max(half, min(widen, step * tolerances.hedge_digits))
        if hedge is not None and hedge.lower() in {"nearly", "almost", "close to", "just under"}:
            return Interval(low=value - widen, high=value)
        if hedge is not None and hedge.lower() in {"just over", "just above"}:
            return Interval(low=value, high=value + widen)
        return _interval(value - widen, value + widen)
    return _interval(value - half, value + half)


def _interval(low: Decimal, high: Decimal) -> Interval:
    """``Interval(low=low, high=high)``, without validating two finite Decimals again (any
    other value is validated: an infinite end or NaN raises, as it always did)."""
    if type(low) is Decimal and type(high) is Decimal and low.is_finite() and high.is_finite():
        return _closed(low, high)
    return Interval(low=low, high=high)


def as_decimal(x: Any) -> Decimal:
    """Coerce ints, strs and floats (through their shortest repr) to Decimal."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(x)
