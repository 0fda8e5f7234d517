"""Shared machinery of the derived-figures family (HF7xx): figures and verdicts.

A derived rule recomputes a figure a text states (a share, a density, a growth rate)
from the figures it is derived from, and compares the two as intervals:

* `Figure`: one input or stated output, with the interval its digits and hedge allow
  (`interval`), the interval its digits alone allow (`digits`, for saying when a pass
  holds only thanks to a hedge) and its stated value (`point`). Round counts of 1,000
  or more ("570,000 residents") are read as possibly rounded at their last non-zero
  digit, like measures, so a share an author computed from unrounded data still passes.
* the phrasings that tie the figures together are read by the linking stage
  (`hetao_facts.link`, e.g. `hetao_facts.link.stated_shares`), which gives the rules
  relations; the rules only do arithmetic on the relations' claims;
* `judge`: the verdict, the message with the formula, the numbers and both intervals
  filled in, `basis` ("exact", "rounding" or "hedge") and `margin`.

Nothing here guesses: when the figures cannot be tied together, rules give no verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from pydantic import Field

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval, Qualifier, interval_for, step_of
from hetao_facts.link import Relation, Strength
from hetao_facts.link._view import leading_digits, range_parts
from hetao_facts.model import Check, Fix, Operand, Severity, Status
from hetao_facts.rules._util import display_factor, figure_fix
from hetao_facts.rules.base import Rule, RuleOptions

__all__ = [
    "DerivedOptions",
    "Figure",
    "Outcome",
    "evaluate",
    "figure_of",
    "fmt_iv",
    "fmt_num",
    "fmt_value",
    "held_to",
    "judge",
    "range_ends",
    "share_figure",
    "show",
    "show_count",
    "word_figure",
]

HALF_UNIT = Decimal("0.5")
_TINY = Decimal("1e-12")


class DerivedOptions(RuleOptions):
    """Options shared by the derived-figure rules."""

    rounded_counts_from: int = Field(
        default=1000,
        ge=0,
        description="read round counts at or above this ('570,000 residents') as rounded at "
        "their last non-zero digit; 0 reads every count as exact",
    )
    rounded_counts_at_most: Decimal = Field(
        default=Decimal("0.05"),
        ge=0,
        le=1,
        description="cap on that rounding, as a fraction of the count: '100,000' covers "
        "95,000-105,000, not 50,000-150,000",
    )


# ---- figures ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """A figure used in a derivation: what its digits and hedge allow, in normalized units."""

    text: str
    interval: Interval
    digits: Interval
    point: Decimal
    claims: tuple[Claim, ...] = ()
    hedged: bool = False
    reading: str = "figure"
    """'figure' (a value as written), 'bound' ("more than half", "the majority") or 'vague'
    ("nearly all")."""


def _digits_step(claim: Claim, ctx: Context) -> Decimal | None:
    """Half the unit of the last significant digit, in the claim's normalized unit."""
    number, stated, value = claim.number, claim.stated, getattr(claim, "value", None)
    if number is None or stated is None or not isinstance(value, Decimal) or stated == 0:
        return None
    if claim.is_range:  # its ends are as written: the interval holds them
        return None
    lead = leading_digits(number)
    if lead is None:
        return None
    digits, scaled = lead
    d = Decimal(digits)
    if d == 0:
        return None
    scale = abs(stated) / d
    step = step_of(digits, scaled=scaled, round_trailing_zeros=ctx.tolerances.round_trailing_zeros)
    return step * scale * abs(value / stated) / 2


def figure_of(claim: Claim, ctx: Context, options: DerivedOptions | None = None) -> Figure | None:
    """The figure a claim states, or None when it has no numeric value or interval."""
    value = getattr(claim, "value", None)
    if not isinstance(value, Decimal) or claim.interval is None:
        return None
    iv = claim.interval
    digits = iv
    hedged = claim.qualifier is Qualifier.APPROX
    opts = options or DerivedOptions()
    rounded_from = opts.rounded_counts_from
    if claim.kind == "count" and rounded_from and value >= rounded_from:
        half = _digits_step(claim, ctx)
        if half is not None:
            half = min(half, abs(value) * opts.rounded_counts_at_most)
        if half is not None and half > HALF_UNIT:
            digits = Interval.closed(value - half, value + half)
            if claim.qualifier is Qualifier.EXACT:
                iv = digits
            elif claim.qualifier is Qualifier.APPROX:
                iv = interval_for(
                    value,
                    Qualifier.APPROX,
                    step=half * 2,
                    tolerances=ctx.tolerances,
                    hedge=claim.hedge,
                )
    elif hedged:
        half = _digits_step(claim, ctx)
        digits = (
            Interval.closed(value - half, value + half)
            if half is not None
            else Interval.point(value)
        )
    if not hedged and claim.qualifier is not Qualifier.EXACT:
        digits = iv  # a bound ("more than") has no tighter reading
    hedge = f"{claim.hedge} " if claim.hedge else ""
    reading = "figure" if claim.qualifier in (Qualifier.EXACT, Qualifier.APPROX) else "bound"
    return Figure(
        text=f"{hedge}{claim.text}",
        interval=iv,
        digits=digits,
        point=value,
        claims=(claim,),
        hedged=hedged,
        reading=reading,
    )


def word_figure(
    text: str,
    low: Decimal,
    high: Decimal,
    *,
    low_open: bool = False,
    high_open: bool = False,
    vague: bool = False,
) -> Figure:
    """A range stated in words: a bound ("the majority": more than 50%) or vague ("nearly all")."""
    iv = Interval(low=low, high=high, low_open=low_open, high_open=high_open)
    mid = iv.midpoint if iv.midpoint is not None else low
    return Figure(
        text=text,
        interval=iv,
        digits=iv,
        point=mid,
        hedged=vague,
        reading="vague" if vague else "bound",
    )


def range_ends(
    claim: Claim, ctx: Context, options: DerivedOptions | None = None
) -> tuple[Figure, Figure] | None:
    """The two ends of a range claim ("310,000 to 402,000", "3.1 to 4.2 million tonnes") as figures.

    Each end keeps the precision its own digits state; a hedged or bounded range gives None.
    """
    value = getattr(claim, "value", None)
    if not isinstance(value, Decimal) or claim.qualifier is not Qualifier.EXACT:
        return None
    parts = range_parts(claim)
    if parts is None:
        return None
    factor = value / parts[0][0]
    rounded_from = (options or DerivedOptions()).rounded_counts_from
    out = []
    for v, digits, scale in parts:
        step = step_of(
            digits, scaled=scale > 0, round_trailing_zeros=ctx.tolerances.round_trailing_zeros
        )
        half = step * Decimal(10) ** scale * abs(factor) / 2
        x = v * factor
        if claim.kind == "count" and not (rounded_from and x >= rounded_from and half > HALF_UNIT):
            half = Decimal(0)
        elif claim.kind == "count":
            half = min(half, abs(x) * (options or DerivedOptions()).rounded_counts_at_most)
        iv = Interval.closed(x - half, x + half)
        text = fmt_num(v, 6) if scale == 0 else f"{digits} {_SCALE_WORDS.get(scale, f'e{scale}')}"
        out.append(Figure(text=text, interval=iv, digits=iv, point=x, claims=(claim,)))
    return out[0], out[1]


_SCALE_WORDS = {3: "thousand", 6: "million", 9: "billion", 12: "trillion"}


# ---- showing figures ---------------------------------------------------------------------
def show(c: Claim, factor: Decimal | None = None, unit: str | None = None) -> str:
    """A claim's figure in a display unit, with its hedge: 'about 87 ha', '3 trillion CNY'."""
    if c.kind == "count":
        return show_count(c)
    if factor is None or unit is None:
        factor, unit = display_factor(c)
    value = getattr(c, "value", None)
    v = fmt_num(value / factor, 6) if isinstance(value, Decimal) else str(value)
    hedge = f"{c.hedge} " if c.hedge else ""
    return f"{hedge}{v} {unit}".strip()


def show_count(c: Claim) -> str:
    """A count as written, with its hedge and the first word of its noun."""
    noun = getattr(c, "noun", None)
    base = c.number or c.text
    if noun and noun.split():
        base = f"{base} {noun.split()[0]}" if c.number else c.text
    return f"{c.hedge} {base}" if c.hedge else base


# ---- arithmetic and verdicts -------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """A formula evaluated on the figures' intervals, their digits alone, and their values."""

    interval: Interval | None
    digits: Interval | None
    point: Decimal | None


def evaluate(fn: Callable[..., Interval | None], *figs: Figure) -> Outcome:
    """Apply `fn` (interval arithmetic) to the figures three ways; None ends: no verdict."""

    def apply(ivs: list[Interval]) -> Interval | None:
        try:
            return fn(*ivs)
        except (ArithmeticError, ValueError):  # e.g. a root of a negative ratio: no verdict
            return None

    iv = apply([f.interval for f in figs])
    dg = apply([f.digits for f in figs])
    pt_iv = apply([Interval.point(f.point) for f in figs])
    pt = None if pt_iv is None else pt_iv.midpoint
    return Outcome(iv, dg, pt)


_SCALES = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)


def fmt_num(x: Decimal, digits: int = 4, rounding: str = ROUND_HALF_EVEN) -> str:
    """A number for people: `digits` significant digits (never fewer than the integer part),
    thousands separators, scale words from a million up; `rounding` rounds interval ends outward."""
    if not x.is_finite():
        return str(x)
    if x == 0:
        return "0"
    ax = abs(x)
    for scale, word in _SCALES:
        if ax >= scale:
            return f"{fmt_num(x / scale, digits, rounding)} {word}"
    places = max(digits - 1 - ax.adjusted(), 0)
    with localcontext() as c:
        c.rounding = rounding
        q = x.quantize(Decimal(1).scaleb(-places))
    out = f"{q:,.{places}f}"
    if "." in out:
        out = out.rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def fmt_value(x: Decimal | None, factor: Decimal = Decimal(1), digits: int = 4) -> str:
    if x is None:
        return "?"
    return fmt_num(x / factor, digits)


def fmt_iv(
    iv: Interval | None, factor: Decimal = Decimal(1), unit: str = "", digits: int = 4
) -> str:
    """An interval in a display unit, with enough digits to tell its ends apart."""
    if iv is None:
        return "?"
    shown = iv.scale(1 / factor) if factor != 1 else iv
    lo = hi = ""
    for d in range(digits, 9):
        lo = "-∞" if shown.low is None else fmt_num(shown.low, d)
        hi = "∞" if shown.high is None else fmt_num(shown.high, d)
        if lo != hi or shown.low == shown.high:
            break
    if unit == "%":
        lo, hi = (x if "∞" in x else f"{x}%" for x in (lo, hi))
    lb = "(" if shown.low_open or shown.low is None else "["
    rb = ")" if shown.high_open or shown.high is None else "]"
    body = f"{lb}{lo}, {hi}{rb}"
    return body if unit in ("", "%") else f"{body} {unit}"


def judge(
    ctx: Context,
    rule: Rule,
    *,
    claims: Sequence[Claim],
    label: str,
    formula: str,
    outcome: Outcome,
    stated: Figure,
    unit: str,
    factor: Decimal = Decimal(1),
    mismatch: str = "the figures do not agree",
    soft: str | None = None,
    note: str = "",
    key: object = None,
    explanation: str = "",
) -> Check | None:
    """Compare a recomputed figure with the stated one; a Check, or None without a verdict.

    `soft` turns a failure into a warning and says why (e.g. nominal vs real growth).
    """
    computed = outcome.interval
    if computed is None:
        return None
    u = "" if unit in ("%", "") else f" {unit}"
    shown = f"{fmt_value(outcome.point, factor)}{'%' if unit == '%' else ''}"
    result = f"{shown}{u}"
    arith = (
        f"{formula} = {shown} {fmt_iv(computed, factor, unit if unit == '%' else '')}{u} "
        f"vs stated {stated.text} {fmt_iv(stated.interval, factor, unit)}"
    )
    head = f"{label}: " if label else ""
    ops = [
        Operand(label=f"{formula} (recomputed)", interval=computed.scale(1 / factor), unit=unit),
        Operand(
            label=f"{stated.text} (stated)", interval=stated.interval.scale(1 / factor), unit=unit
        ),
    ]
    tail = f" {note}" if note else ""
    if computed.overlaps(stated.interval):
        pt = outcome.point
        margin = None
        if stated.reading == "bound":
            holds = outcome.digits is not None and outcome.digits.is_within(stated.interval)
            basis, why = (
                ("exact", "consistent") if holds else ("rounding", "consistent within rounding")
            )
        elif stated.reading == "vague":
            basis, why = "hedge", "consistent with what the words allow"
        elif pt is not None and abs(pt - stated.point) <= _TINY * max(
            Decimal(1), abs(stated.point)
        ):
            basis, why = "exact", "consistent"
        elif outcome.digits is not None and outcome.digits.overlaps(stated.digits):
            basis, why = "rounding", "consistent within rounding"
        else:
            basis, why = "hedge", "consistent within the hedge"
        if (
            basis in ("rounding", "hedge")
            and stated.reading == "figure"
            and pt is not None
            and stated.point != 0
        ):
            if unit == "%":
                margin = f"{fmt_num(abs(pt - stated.point), 2)} points apart"
            else:
                rel = abs(pt - stated.point) / abs(stated.point)
                margin = f"{fmt_num(rel * 100, 2)}% apart"
        msg = f"{head}{arith}: {why}" + (f" ({margin})" if margin else "") + tail
        plain = (
            f"{head}{formula} = {result} and the text says {stated.text}: {why}"
            + (f" ({margin})" if margin else "")
            + tail
        )
        return ctx.make_check(
            rule,
            Status.PASS,
            claims,
            msg,
            plain=plain,
            operands=ops,
            basis=basis,
            margin=margin,
            key=key,
            explanation=explanation,
        )
    gap = computed.gap(stated.interval)
    off = f"{fmt_value(gap, factor)}{u}" + (" points" if unit == "%" else "")
    margin = f"off by at least {off}"
    fix = _stated_fix(ctx, outcome, stated)
    plain = f"{head}{formula} = {result}, but the text says {stated.text} ({margin})"
    if soft:
        msg = f"{head}{arith}: {mismatch} ({margin}); {soft}{tail}"
        return ctx.make_check(
            rule,
            Status.WARN,
            claims,
            msg,
            operands=ops,
            margin=margin,
            severity=Severity.WARNING,
            key=key,
            explanation=explanation,
            plain=f"{plain}; {soft}{tail}",
            fix=fix,
        )
    msg = f"{head}{arith}: {mismatch} ({margin}){tail}"
    return ctx.make_check(
        rule,
        Status.FAIL,
        claims,
        msg,
        operands=ops,
        margin=margin,
        key=key,
        explanation=explanation,
        plain=f"{plain}{tail}",
        fix=fix,
    )


def held_to(rel: Relation, check: Check | None) -> Check | None:
    """The strength policy on a check of `rel`: a relation that is inferred, or whose ends
    were found loosely, can pass or warn but never fail (the message says why)."""
    if check is None or check.status is not Status.FAIL or rel.can_fail:
        return check
    why = (
        "the figures were tied by arithmetic and proximity only (an inferred relation)"
        if rel.strength is Strength.INFERRED
        else "one end of the relation was found loosely"
    )
    tail = f"; {why}, so this is a warning, not a failure"
    return check.model_copy(
        update={
            "status": Status.WARN,
            "severity": Severity.WARNING,
            "message": check.message + tail,
            "plain": (check.plain + tail) if check.plain else "",
        }
    )


def _stated_fix(ctx: Context, outcome: Outcome, stated: Figure) -> Fix | None:
    """The stated figure rewritten to what the formula gives, when it is one figure
    written in digits and a rewriting agrees with the recomputed interval (`figure_fix`)."""

    computed, pt = outcome.interval, outcome.point
    if (
        computed is None
        or pt is None
        or len(stated.claims) != 1
        or stated.reading != "figure"
        or stated.point == 0
    ):
        return None

    return figure_fix(ctx, stated.claims[0], pt, computed, stated.interval, stated.point)


def share_figure(
    claim: Claim, ctx: Context, options: DerivedOptions | None = None
) -> Figure | None:
    """A percent or a fraction (ratio <= 1) as a percentage figure."""
    f = figure_of(claim, ctx, options)
    if f is None:
        return None
    if claim.kind == "percent":
        return f
    if claim.kind == "ratio":
        return Figure(
            text=f.text,
            interval=f.interval.scale(100),
            digits=f.digits.scale(100),
            point=f.point * 100,
            claims=f.claims,
            hedged=f.hedged,
            reading=f.reading,
        )
    return None
