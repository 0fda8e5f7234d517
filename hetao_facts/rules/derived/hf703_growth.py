"""HF703 growth-contradicted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from pydantic import Field

from hetao_facts.claims import Claim, PeriodClaim, YearClaim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check, Severity, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    DerivedOptions,
    Figure,
    evaluate,
    figure_of,
    fmt_iv,
    fmt_num,
    held_to,
    judge,
    range_ends,
    share_figure,
    show,
)

_HUNDRED = Decimal(100)
_ONE = Interval.point(1)
_SOFT = {
    "real": "the text states a real (inflation-adjusted) rate, which need not match the ratio "
    "of the amounts",
    "unsaid": "the text does not say whether the growth is nominal or real; a real rate need "
    "not match the ratio of the amounts",
}


class GrowthOptions(DerivedOptions):
    """Options of HF703."""

    multiple_tolerance: Decimal = Field(
        default=Decimal("0.15"),
        ge=0,
        lt=1,
        description="'doubled', 'tenfold' cover the multiple ± this fraction of it",
    )


@dataclass(frozen=True)
class _Change:
    a: Claim  # the start figure's claim (the same claim as `b` for a range "310,000 to 402,000")
    b: Claim
    ya: int | None
    yb: int | None
    years: tuple[Claim, ...]
    ends: tuple[Figure, Figure] | None = None  # the two ends of a range claim


@dataclass(frozen=True)
class _Statement:
    what: str  # "total", "annual", "multiple"
    figure: Figure
    claims: tuple[Claim, ...]


class GrowthContradicted(Rule):
    """A stated growth rate or multiple agrees with the start and end figures it describes.

    What it checks:
        Growth relations of the linking stage (`hetao_facts.link.growth`). A change from
        a start figure to an end figure, optionally with their years ("grew
        from 310,000 in 2010 to 402,000 in 2020", "rose to 14 billion yuan, from 10
        billion yuan"), against what the same sentence says about it: the total change
        ("an increase of 29.7%", "up 29.7%", "a 29.7% rise", "fell by 20%"), the average
        annual growth, read as compound ("an average annual growth of 2.6%", "2.6% a
        year", "a CAGR of 2.6%"; needs the years), and the multiple ("doubled", "tripled",
        "halved", "tenfold", "a three-fold increase", ± 15% by default). Every input's
        rounding is carried through the ratio, the nth root and the subtraction. An
        annual rate that matches only the simple average (total change / years) warns.
        Money grows in nominal or real terms: when the text does not say which, or says
        the rate is real, a mismatch warns instead of failing, and the check says so. A
        verb of growth over falling figures fails, unless HF708 already reads the same
        change ("grew from 402,000 to 310,000": HF708 owns the direction a verb states
        before "from A to B"); a percent "over" or "up ... from" a base that
        `link.comparisons.rates` ties is HF709's ("reached 402,000, up 29.7% from
        310,000"). HF703 owns the rates, annual rates and multiples stated with a change.
    Why it matters:
        Growth rates are recomputed by every careful reader; one that its own figures
        contradict discredits the text, and usually one figure is mistyped.
    Flagged:
        "The population grew from 310,000 in 2010 to 402,000 in 2020, an increase of 45%."
        (402,000 / 310,000 - 1 = 29.7%)
    Consistent:
        "The population grew from 310,000 in 2010 to 402,000 in 2020, an increase of 29.7%."
    """

    code = "HF703"
    name = "growth-contradicted"
    scope = Scope.DOCUMENT
    Options = GrowthOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, GrowthOptions)
        for rel in ctx.relations_of(RelationKind.CHANGE):
            if not rel.note.startswith("growth "):
                continue  # changes stated by a verb alone: HF708; rates against a base: HF709
            notes = rel.note.split("; ")
            ch = self._change(ctx, rel, opts)
            if ch is None:
                continue
            fa, fb = (
                ch.ends if ch.ends else (figure_of(ch.a, ctx, opts), figure_of(ch.b, ctx, opts))
            )
            if fa is None or fb is None:
                continue
            money = next((n for n in notes if n in ("nominal", "real", "unsaid")), None)
            soft = _SOFT.get(money) if money else None
            sign = -1 if "fall" in notes else 1
            if notes[0] == "growth direction":
                chk = self._direction(ctx, ch, fa, fb, sign)
            else:
                st = self._statement(ctx, rel, notes, sign, opts)
                chk = None if st is None else self._judge(ctx, ch, fa, fb, st, soft)
            chk = held_to(rel, chk)
            if chk is not None:
                yield chk

    # ---- reading the relation ----------------------------------------------------------------
    @staticmethod
    def _change(ctx: Context, rel: Relation, opts: GrowthOptions) -> _Change | None:
        ends: tuple[Figure, Figure] | None = None
        if rel.role("range"):
            (a,) = ctx.claims_of(rel.role("range"))
            b = a
            ends = range_ends(a, ctx, opts)
            if ends is None:
                return None
        else:
            (a,), (b,) = ctx.claims_of(rel.role("start")), ctx.claims_of(rel.role("end"))
        years = tuple(ctx.claims_of(rel.role("year")) + ctx.claims_of(rel.role("period")))
        ya = yb = None
        if len(years) == 2:
            ya, yb = _year(years[0]), _year(years[1])
        elif len(years) == 1 and isinstance(years[0], PeriodClaim):
            ya, yb = years[0].years
        return _Change(a, b, ya, yb, years, ends)

    @staticmethod
    def _statement(
        ctx: Context, rel: Relation, notes: list[str], sign: int, opts: GrowthOptions
    ) -> _Statement | None:
        what = notes[0].removeprefix("growth ")
        claims = tuple(ctx.claims_of(rel.role("stated")))
        if what == "multiple":
            k = Decimal(next(n for n in notes if n.startswith("x=")).removeprefix("x="))
            fig = _multiple_figure(rel.cue or "", k, notes, opts.multiple_tolerance)
            return _Statement(what, fig, claims)
        (c,) = claims
        f = (
            _fraction_figure(c, ctx, "in words" in notes)
            if "fraction" in notes
            else figure_of(c, ctx, opts)
        )
        if f is None:
            return None
        return _Statement(what, f if sign > 0 else _negate(f), claims)

    # ---- verdicts --------------------------------------------------------------------------------
    def _judge(
        self, ctx: Context, ch: _Change, fa: Figure, fb: Figure, st: _Statement, soft: str | None
    ) -> Check | None:
        fig = st.figure
        factor, unit = display_factor(ch.a)
        la, lb = _labels(ch, factor, unit)
        span = f"{la}{_yr(ch.ya)} → {lb}{_yr(ch.yb)}"
        claims = [ch.a, ch.b, *ch.years, *st.claims]
        explanation = _explanation(ch, soft)
        direct: dict[str, tuple[Callable[..., Interval | None], str, str, str]] = {
            "multiple": (lambda a, b: b / a, f"{lb} / {la}", "", "the multiple does not match"),
            "total": (_total_change, f"{lb} / {la} - 1", "%", "the change does not match"),
        }
        if st.what in direct:
            fn, formula, unit, mismatch = direct[st.what]
            return judge(
                ctx,
                self,
                claims=claims,
                label=span,
                formula=formula,
                outcome=evaluate(fn, fa, fb),
                stated=fig,
                unit=unit,
                mismatch=f"{mismatch} the figures",
                soft=soft,
                key=(st.what, fig.text),
                explanation=explanation,
            )
        if ch.ya is None or ch.yb is None or ch.yb <= ch.ya:
            return None  # an annual rate needs the years
        n = ch.yb - ch.ya
        outcome = evaluate(lambda a, b: _cagr(a, b, n), fa, fb)
        formula = f"({lb} / {la})^(1/{n}) - 1"
        compound = outcome.interval
        if compound is not None and not compound.overlaps(fig.interval):
            simple = evaluate(lambda a, b: _simple(a, b, n), fa, fb)
            if simple.interval is not None and simple.interval.overlaps(fig.interval):
                comp = f"{fmt_num(outcome.point or Decimal(0))}% {fmt_iv(compound, unit='%')}"
                simp = f"{fmt_num(simple.point or Decimal(0))}% {fmt_iv(simple.interval, unit='%')}"
                return ctx.make_check(
                    self,
                    Status.WARN,
                    claims,
                    f"{span}: {formula} = {comp} compound vs stated {fig.text} "
                    f"{fmt_iv(fig.interval, unit='%')}: the stated rate matches only the simple "
                    f"average ({lb} / {la} - 1) / {n} = {simp}, not the compound annual rate",
                    margin=f"off by at least {fmt_num(compound.gap(fig.interval))} points",
                    severity=Severity.WARNING,
                    explanation=explanation,
                    key=("annual", fig.text),
                )
        return judge(
            ctx,
            self,
            claims=claims,
            label=span,
            formula=formula,
            outcome=outcome,
            stated=fig,
            unit="%",
            mismatch="the average annual growth does not match the figures",
            soft=soft,
            note="(compound)",
            key=("annual", fig.text),
            explanation=explanation,
        )

    def _direction(
        self, ctx: Context, ch: _Change, fa: Figure, fb: Figure, sign: int
    ) -> Check | None:
        factor, unit = display_factor(ch.a)
        la, lb = _labels(ch, factor, unit)
        span = f"{la}{_yr(ch.ya)} → {lb}{_yr(ch.yb)}"
        word = "grew" if sign > 0 else "fell"
        wrong = (
            fa.interval.entirely_above(fb.interval)
            if sign > 0
            else fb.interval.entirely_above(fa.interval)
        )
        if not wrong:
            return None
        return ctx.make_check(
            self,
            Status.FAIL,
            [ch.a, ch.b, *ch.years],
            f"{span}: the text says it {word}, but the figures {'fall' if sign > 0 else 'rise'}",
            key="direction",
        )


def _multiple_figure(text: str, k: Decimal, notes: list[str], tol: Decimal) -> Figure:
    """ "doubled" covers 2 ± 15% (an option); "more than doubled" at least that; "nearly
    doubled" reaches lower."""
    lo, hi = k * (1 - tol), k * (1 + tol)
    if "at least" in notes:
        return Figure(
            text=text,
            interval=Interval(low=lo, high=None),
            digits=Interval(low=k, high=None, low_open=True),
            point=k,
            hedged=True,
            reading="bound",
        )
    if "nearly" in notes:
        return Figure(
            text=text,
            interval=Interval.closed(k * (1 - 2 * tol), hi),
            digits=Interval.closed(k * (1 - 2 * tol), k),
            point=k,
            hedged=True,
            reading="vague",
        )
    iv = Interval.closed(lo, hi)
    return Figure(text=text, interval=iv, digits=iv, point=k, hedged=True, reading="vague")


def _fraction_figure(c: Claim, ctx: Context, in_words: bool) -> Figure | None:
    """A change stated as a fraction ("fell by a third") in percent, words read as ± 2.5 points."""
    f = share_figure(c, ctx)
    if f is None or not in_words:
        return f
    tol = Decimal("2.5")
    iv = Interval.closed(f.point - tol, f.point + tol)
    return Figure(
        text=f.text,
        interval=iv,
        digits=iv,
        point=f.point,
        claims=f.claims,
        hedged=True,
        reading="vague",
    )


def _negate(f: Figure) -> Figure:
    text = f"-{f.text}" if f.text and f.text[0].isdigit() else f"-{fmt_num(f.point)}% ({f.text})"
    return Figure(
        text=text,
        interval=-f.interval,
        digits=-f.digits,
        point=-f.point,
        claims=f.claims,
        hedged=f.hedged,
        reading=f.reading,
    )


def _total_change(a: Interval, b: Interval) -> Interval | None:
    q = b / a
    return None if q is None else (q - _ONE).scale(_HUNDRED)


def _cagr(a: Interval, b: Interval, n: int) -> Interval | None:
    q = b / a
    if q is None or q.low is None or q.low < 0:
        return None
    return (q.root(n) - _ONE).scale(_HUNDRED)


def _simple(a: Interval, b: Interval, n: int) -> Interval | None:
    t = _total_change(a, b)
    return None if t is None else t.scale(Decimal(1) / Decimal(n))


def _year(c: Claim | None) -> int | None:
    return c.value if isinstance(c, YearClaim) else None


def _yr(y: int | None) -> str:
    return f" ({y})" if y is not None else ""


def _labels(ch: _Change, factor: Decimal, unit: str) -> tuple[str, str]:
    """How the start and end figures read in messages."""
    if ch.ends is not None:
        u = "" if ch.a.kind == "count" else f" {unit}"
        return f"{ch.ends[0].text}{u}", f"{ch.ends[1].text}{u}"
    return show(ch.a, factor, unit), show(ch.b, factor, unit)


def _explanation(ch: _Change, soft: str | None) -> str:
    base = GrowthContradicted.summary()
    if ch.a.kind != "money":
        return base
    if soft is None:
        return f"{base} The amounts and the rate are read as nominal, as the text says."
    return f"{base} These are amounts of money: {soft}."
