"""Helpers shared by rules: display units, interval formatting, and 'passes thanks to'."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim, PeriodClaim
from hetao_facts.intervals import Interval, Qualifier, fmt_decimal
from hetao_facts.model import Operand

__all__ = [
    "basis_of",
    "display_factor",
    "fmt_claim",
    "fmt_interval",
    "number",
    "operand",
    "rel_gap",
    "representatives",
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
