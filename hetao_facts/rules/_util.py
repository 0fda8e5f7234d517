"""Helpers shared by rules: display units, interval formatting, and 'passes thanks to'."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

from hetao_facts import _rx
from hetao_facts._ops import OPS
from hetao_facts.claims import Claim, PeriodClaim
from hetao_facts.intervals import Interval, Qualifier, fmt_decimal
from hetao_facts.model import Fix, Operand

if TYPE_CHECKING:
    from hetao_facts.context import Context

__all__ = [
    "basis_of",
    "display_factor",
    "figure_fix",
    "fmt_claim",
    "fmt_interval",
    "number",
    "operand",
    "rel_gap",
    "representatives",
    "rewritten",
    "written_digits",
    "years",
]

_DISPLAY = {"area": "m²", "floor_area": "m²", "length": "m", "density": "per km²"}


def display_factor(claim: Claim) -> tuple[Decimal, str]:
    """(normalized units per display unit, display unit) for a claim: its own unit."""
    unit = claim.canonical_unit
    if claim.kind in {"area", "floor_area", "length", "density", "quantity"} and unit:
        try:
            from hetao_facts.units import parse_unit

            info = parse_unit(unit)
        except Exception:  # pragma: no cover - defensive
            info = None
        if info is not None and info.factor > 0 and info.offset == 0:
            return info.factor, info.canonical
    return Decimal(1), _DISPLAY.get(claim.kind, unit or "")


def number(c: Claim) -> Decimal:
    """The Decimal `value` of a measure, count or ordinal claim; TypeError otherwise."""
    value = c.value
    if not isinstance(value, Decimal):
        raise TypeError(f"{c.kind} claim {c.text!r} has no single Decimal value")
    return value


def years(c: Claim) -> tuple[int, int]:
    """The (start, end) years of a period claim; TypeError otherwise."""
    if not isinstance(c, PeriodClaim):
        raise TypeError(f"{c.kind} claim {c.text!r} is not a period")
    return c.years


def fmt_num(x: Decimal) -> str:
    return fmt_decimal(x, 6)


def fmt_interval(iv: Interval | None, factor: Decimal = Decimal(1), unit: str = "") -> str:
    if iv is None:
        return "?"
    return iv.scale(1 / factor).format(unit)


def fmt_claim(claim: Claim, factor: Decimal | None = None, unit: str | None = None) -> str:
    """'3.02 km²' style: the claim's value in a display unit, with its hedge."""
    if factor is None or unit is None:
        factor, unit = display_factor(claim)
    value = getattr(claim, "value", None)
    v = fmt_num(value / factor) if isinstance(value, Decimal) else str(value)
    hedge = f"{claim.hedge} " if claim.hedge else ""
    return f"{hedge}{v} {unit}".strip()


def operand(label: str, iv: Interval | None, factor: Decimal, unit: str) -> Operand:
    return Operand(label=label, interval=None if iv is None else iv.scale(1 / factor), unit=unit)


def rel_gap(a: Decimal, b: Decimal) -> Decimal:
    """|a - b| relative to the larger magnitude."""
    m = max(abs(a), abs(b))
    return Decimal(0) if m == 0 else abs(a - b) / m


def basis_of(points_equal: bool, claims: Sequence[Claim]) -> str:
    """'exact' when the stated values agree exactly, else 'hedge' or 'rounding'."""
    if points_equal:
        return "exact"
    if any(c.qualifier is Qualifier.APPROX for c in claims):
        return "hedge"
    return "rounding"


def pct(x: Decimal) -> str:
    return f"{float(x) * 100:.1f}%"


#: How many claims of one distinct value (same subject, same interval) a rule compares and
#: lists: the first ones, in claims order. Their verdicts are the same, so the rest add only
#: locations, and a figure restated in 3,000 documents would make every check that cites it
#: 3,000 claims long.
MAX_PER_VALUE = 8


def representatives(claims: Iterable[Claim], per_value: int = MAX_PER_VALUE) -> list[Claim]:
    """`claims` in order, keeping the first `per_value` of each (subject, interval)."""
    seen: dict[tuple[object, ...], int] = {}
    out: list[Claim] = []
    for c in claims:
        iv = c.interval
        key = (
            (c.subject, None)
            if iv is None
            else (c.subject, iv.low, iv.high, iv.low_open, iv.high_open)
        )
        n = seen.get(key, 0)
        if n < per_value:
            seen[key] = n + 1
            out.append(c)
    OPS.add("representatives.claims", len(out))
    return out


def figures_to_compare(candidates: Sequence[Claim], docs: set[str]) -> list[Claim]:
    """The figures of a whole that a part is checked against: those stated in the part's own
    documents when there are any, else the value most documents state (one representative
    per document). Comparing with every restatement would make checks grow with the
    product of the figures stated for a part and for its whole."""
    same = [c for c in candidates if c.document in docs]
    if same:
        return same
    by_value: dict[Decimal, list[Claim]] = {}
    for c in candidates:
        by_value.setdefault(number(c), []).append(c)
    best = max(by_value.values(), key=len)
    seen: set[str] = set()
    out = []
    for c in best:
        if c.document not in seen:
            seen.add(c.document)
            out.append(c)
    return out


# ---- fixes: one figure rewritten so that a check agrees ----------------------------------
_WRITTEN = _rx.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,]*\d)")
_LEADING = _rx.compile(r"^\s*[$€£¥]?\s*([0-9][0-9,]*(?:\.[0-9]+)?)")
_SCALE_AFTER = _rx.compile(
    r"\s*-?(?P<w>thousand|million|billion|trillion|bn|mn|[kmb])\b", re.IGNORECASE
)
_SCALE = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "b": 9,
    "trillion": 12,
}  # fmt: skip


def written_digits(claim: Claim) -> tuple[int, str] | None:
    """(offset in ``claim.text``, digits as written) of the claim's number, when it is
    written in digits ("8,000 people per km²": (0, "8,000"); "$1.5 million": (1, "1.5"));
    None for number words."""
    m0 = _LEADING.match(claim.number or "")
    if m0 is None:
        return None
    want = Decimal(m0.group(1).replace(",", ""))
    for m in _WRITTEN.finditer(claim.text):
        value = Decimal(m.group().replace(",", ""))
        if value == want:
            return m.start(), m.group()
        scale = _SCALE_AFTER.match(claim.text, m.end())
        if scale and value.scaleb(_SCALE[scale.group("w").lower()]) == want:
            return m.start(), m.group()
    return None


def _like(x: Decimal, written: str, places: int) -> str:
    """`x` written the way `written` is: thousands separators when it has them (or when it
    is too short to tell and `x` needs them), `places` decimals."""
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    whole = written.split(".")[0].replace(",", "")
    grouped = "," in written or (len(whole) < 4 and abs(q) >= 1000)
    return f"{q:,.{places}f}" if grouped else f"{q:.{places}f}"


def rewritten(claim: Claim, replacement: str) -> str:
    """The claim's text with its digits replaced ("50 percent" -> "40 percent")."""
    found = written_digits(claim)
    if found is None:
        return replacement
    at, old = found
    return claim.text[:at] + replacement + claim.text[at + len(old) :]


def figure_fix(
    ctx: Context,
    claim: Claim,
    target: Decimal,
    computed: Interval,
    reading: Interval,
    point: Decimal,
) -> Fix | None:
    """A `Fix` that rewrites the claim's written figure to ``target`` (both in the rule's
    units, where the claim's figure is ``point`` and reads as ``reading``), written to the
    figure's own precision, or up to three decimals more when that is needed to agree.

    The rewritten figure agrees when its value lies inside ``computed`` (what the other
    figures give) or, for a figure read at least to its last digit (``reading`` is as wide
    as that digit allows: "18/mi²" reads [17.5, 18.5]), when the interval its last digit
    allows overlaps ``computed``: "18/mi²" becomes "19/mi²" when 18.89 is what the others
    give (not "18.892/mi²"), while an exact count is matched exactly. None when the figure
    is not written in digits, ``target`` and ``point`` differ in sign (or one is zero) or
    no rewriting agrees.
    """
    found = written_digits(claim)
    if found is None or point == 0 or target == 0 or (point > 0) != (target > 0):
        return None  # a figure the text gives as a fall is rewritten to a fall
    at, written = found
    old = Decimal(written.replace(",", ""))
    if old == 0:
        return None
    exponent = old.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    per_written = point / old  # the rule's units per written unit
    width = reading.width
    by_digits = width is not None and width >= Decimal(10) ** -places * abs(per_written)
    new = target / per_written
    for extra in range(4):
        text = _like(new, written, places + extra)
        value = Decimal(text.replace(",", ""))
        if value == 0 or value == old:
            continue
        x = value * per_written
        half = Decimal(5).scaleb(-(places + extra) - 1) * abs(per_written)
        if not (
            computed.contains(x)
            or (by_digits and computed.overlaps(Interval.closed(x - half, x + half)))
        ):
            continue
        start = claim.start + at
        return ctx.fix(
            claim,
            start,
            start + len(written),
            text,
            f"writing {rewritten(claim, text)} instead of {claim.text} would agree",
        )
    return None
