"""Interval arithmetic is sound: every exact result lies in the computed interval."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts.intervals import Interval

SETTINGS = settings(max_examples=200, deadline=None)

positive = st.decimals(
    min_value=Decimal("1e-6"),
    max_value=Decimal("1e12"),
    allow_nan=False,
    allow_infinity=False,
    places=6,
)
signed = st.decimals(
    min_value=Decimal("-1e9"),
    max_value=Decimal("1e9"),
    allow_nan=False,
    allow_infinity=False,
    places=6,
)


def _contains(iv: Interval, x: Fraction) -> bool:
    """Exact membership (Fractions, no rounding)."""
    assert iv.low is not None and iv.high is not None
    return Fraction(iv.low) <= x <= Fraction(iv.high)


def _closed(a: Decimal, b: Decimal) -> Interval:
    return Interval.closed(min(a, b), max(a, b))


@SETTINGS
@given(signed, signed, signed, signed, st.floats(0, 1), st.floats(0, 1))
def test_products_and_sums_contain_every_exact_result(
    a: Decimal, b: Decimal, c: Decimal, d: Decimal, s: float, t: float
) -> None:
    x, y = _closed(a, b), _closed(c, d)
    assert x.low is not None and x.high is not None and y.low is not None and y.high is not None
    xv = Fraction(x.low) + (Fraction(x.high) - Fraction(x.low)) * Fraction(s)
    yv = Fraction(y.low) + (Fraction(y.high) - Fraction(y.low)) * Fraction(t)
    assert _contains(x * y, xv * yv)
    assert _contains(x + y, xv + yv)
    assert _contains(x - y, xv - yv)


@SETTINGS
@given(signed, signed, positive, positive, st.floats(0, 1), st.floats(0, 1))
def test_quotients_contain_every_exact_result(
    a: Decimal, b: Decimal, c: Decimal, d: Decimal, s: float, t: float
) -> None:
    x, y = _closed(a, b), _closed(c, d)
    q = x / y
    assert q is not None
    assert x.low is not None and x.high is not None and y.low is not None and y.high is not None
    xv = Fraction(x.low) + (Fraction(x.high) - Fraction(x.low)) * Fraction(s)
    yv = Fraction(y.low) + (Fraction(y.high) - Fraction(y.low)) * Fraction(t)
    assert _contains(q, xv / yv)


def test_division_rounds_outward_and_stays_exact_when_it_can() -> None:
    third = Interval.point(1) / Interval.point(3)
    assert third is not None and third.low is not None and third.high is not None
    assert Fraction(third.low) < Fraction(1, 3) < Fraction(third.high)
    assert Interval.point(480) / Interval.point(12) == Interval.point(40)


def test_divisor_touching_zero_gives_no_verdict() -> None:
    assert Interval.point(5) / Interval.closed(0, 2) is None
    assert Interval.point(5) / Interval.closed(-1, 2) is None
    assert Interval.point(5) / Interval(low=Decimal(0), high=Decimal(2), low_open=True) is None


@SETTINGS
@given(positive, positive, st.integers(1, 25), st.floats(0, 1))
def test_power_and_root_contain_every_exact_result(
    a: Decimal, b: Decimal, n: int, s: float
) -> None:
    x = _closed(a, b)
    assert x.low is not None and x.high is not None
    xv = Fraction(x.low) + (Fraction(x.high) - Fraction(x.low)) * Fraction(s)
    assert _contains(x.power(n), xv**n)
    r = x.root(n)
    assert r.low is not None and r.high is not None
    # r.low**n <= x.low and r.high**n >= x.high, checked exactly: so every root is inside
    assert Fraction(r.low) ** n <= Fraction(x.low)
    assert Fraction(r.high) ** n >= Fraction(x.high)
    with localcontext() as ctx:
        ctx.prec = 60
        approx = Decimal(float(xv)) ** (Decimal(1) / Decimal(n))
    assert Fraction(r.low) <= Fraction(approx) * (1 + Fraction(1, 10**12))
    assert Fraction(r.high) >= Fraction(approx) * (1 - Fraction(1, 10**12))


def test_root_is_exact_on_exact_powers_and_tight_otherwise() -> None:
    assert Interval.point(27).root(3) == Interval.point(3)
    assert Interval.point(1024).root(10) == Interval.point(2)
    two = Interval.point(2).root(2)
    assert two.low is not None and two.high is not None
    assert two.low < Decimal("1.41421356237309504880168872421") < two.high
    assert two.high - two.low < Decimal("1e-20")
    assert Interval.closed(0, 16).root(4) == Interval.closed(0, 2)
    assert Interval(low=Decimal(1), high=None).root(2).high is None


def test_root_and_power_reject_what_they_cannot_bound() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        Interval.closed(-1, 4).root(2)
    with pytest.raises(ValueError, match="n >= 1"):
        Interval.closed(1, 4).root(0)
    with pytest.raises(ValueError, match="non-negative"):
        Interval.closed(-1, 4).power(2)


def test_growth_rate_through_the_root() -> None:
    """(402,000 / 310,000)^(1/10) - 1 with both figures rounded to the thousand."""
    a = Interval.closed(309500, 310500)
    b = Interval.closed(401500, 402500)
    q = b / a
    assert q is not None
    cagr = (q.root(10) - Interval.point(1)).scale(100)
    assert cagr.low is not None and cagr.high is not None
    assert Decimal("2.6") < cagr.high and cagr.low < Decimal("2.65")
    assert cagr.contains(Decimal("2.633"))


def test_a_hedge_widens_by_at_most_five_units_of_the_last_digit() -> None:
    from hetao_facts import extract
    from hetao_facts.intervals import Tolerances

    (c,) = extract("approximately 647 km²")
    assert c.interval is not None and c.interval.format("m²") == "[642,000,000, 652,000,000] m²"
    (r,) = extract("about 2,500 staff")
    assert (r.interval.low, r.interval.high) == (2250, 2750)  # 10% is less than 5 x 100
    (w,) = extract("approximately 647 km²", tolerances=Tolerances(hedge_digits=0))
    assert w.interval is not None and w.interval.low == Decimal("582300000")
