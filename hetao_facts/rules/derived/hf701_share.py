"""HF701 share-contradicted."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, RelationKind, Strength
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    DerivedOptions,
    Figure,
    evaluate,
    figure_of,
    fmt_iv,
    fmt_value,
    held_to,
    judge,
    share_figure,
    show,
    show_count,
    word_figure,
)

_HUNDRED = Decimal(100)


class ShareOptions(DerivedOptions):
    """Options of HF701."""

    nearly_all_from: Decimal = Field(
        default=Decimal(75),
        ge=0,
        le=100,
        description="'nearly all' / 'almost all' covers [this, 100] percent",
    )
    fraction_word_tolerance: Decimal = Field(
        default=Decimal("2.5"),
        ge=0,
        le=50,
        description="a fraction in words ('one third') covers ± this many percentage points",
    )


class ShareContradicted(Rule):
    """A share or fraction a text states agrees with the part and whole it is a share of.

    What it checks:
        Share relations the text states (linked by `hetao_facts.link.stated_shares`; HF701
        owns the stated ones, HF706 the shares found by arithmetic only). A part, its
        whole and the share between them, stated together: "100,000 of Macao's
        570,000 residents, 18 percent", "87 hectares, or 35% of the 250-hectare district",
        "one third of the 627-hectare site, 209 hectares", "the majority of its 12
        campuses, seven", "nearly all of the 120 residents, 118 people", "250 hectares, of
        which 87 hectares (35%)". When the whole is named but not measured ("Around 35% of
        the district will be parkland, roughly 87 hectares"), its figure is the one the
        same document states for that subject, if it states exactly one. The share is
        recomputed as part / whole with interval arithmetic (every input's rounding and
        hedge carried through) and compared with the stated share. "The majority" is more
        than 50%, "most" too, "nearly all" at least 75% (an option), "a minority" below 50%;
        fractions in words ("one third") are read as ± 2.5 points (an option). A part larger
        than its whole, or a share above 100% of it, fails. A fraction whose part comes
        first ("some 300 hectares, about half of the 627-hectare site") is HF501's.
    Why it matters:
        A share that its own part and whole contradict means one of the three figures is
        wrong; readers quote shares more than anything else.
    Flagged:
        "100,000 of Macao's 570,000 residents, 40 percent, live in the north."
        (100,000 / 570,000 = 17.5%; even read as rounded, 100,000 allows at most 26.5%)
    Consistent:
        "100,000 of Macao's 570,000 residents, 18 percent, live in the north."
        (17.5%, consistent within rounding)
    """

    code = "HF701"
    name = "share-contradicted"
    scope = Scope.DOCUMENT
    Options = ShareOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, ShareOptions)
        for rel in ctx.relations_of(RelationKind.SHARE):
            if rel.strength is not Strength.STATED:
                continue  # a share found by arithmetic only: HF706
            (p,) = ctx.claims_of(rel.role("part"))
            wholes = ctx.claims_of(rel.role("whole"))
            notes = rel.note.split("; ")
            if notes == ["part of whole"]:
                (w,) = wholes
                fp, fw = figure_of(p, ctx, opts), figure_of(w, ctx, opts)
                if fp is not None and fw is not None and fp.interval.entirely_above(fw.interval):
                    chk = held_to(rel, self._above_whole(ctx, p, w, fp, fw))
                    if chk is not None:
                        yield chk
                continue
            share = self._share(ctx, rel, notes, opts)
            if share is None:
                continue
            chk = held_to(
                rel,
                self._judge(ctx, p, wholes, share, notes[0], resolved="by subject" in notes),
            )
            if chk is not None:
                yield chk

    # ---- pieces --------------------------------------------------------------------------
    def _share(
        self, ctx: Context, rel: Relation, notes: list[str], opts: ShareOptions
    ) -> Figure | None:
        word = next((n.removeprefix("word=") for n in notes if n.startswith("word=")), None)
        if word:
            return _word_share(word, opts)
        (c,) = ctx.claims_of(rel.role("share"))
        f = share_figure(c, ctx, opts)
        if f is None or "in words" not in notes:
            return f
        tol = opts.fraction_word_tolerance  # "one third" is read as ± this many points
        iv = f.interval
        widened = Interval(
            low=None if iv.low is None else max(Decimal(0), iv.low - tol),
            high=None if iv.high is None else iv.high + tol,
            low_open=iv.low_open,
            high_open=iv.high_open,
        )
        return Figure(
            text=f.text,
            interval=widened,
            digits=widened,
            point=f.point,
            claims=f.claims,
            hedged=True,
            reading="vague",
        )

    def _judge(
        self,
        ctx: Context,
        p: Claim,
        wholes: list[Claim],
        share: Figure,
        template: str,
        resolved: bool = False,
    ) -> Check | None:
        opts = self.options
        assert isinstance(opts, ShareOptions)
        fp = figure_of(p, ctx, opts)
        fws = [f for f in (figure_of(w, ctx, opts) for w in wholes) if f is not None]
        if fp is None or not fws:
            return None
        fw = fws[0]
        for other in fws[1:]:  # restatements of the whole: the widest reading
            fw = Figure(
                text=fw.text,
                interval=fw.interval.hull(other.interval),
                digits=fw.digits.hull(other.digits),
                point=fw.point,
                claims=fw.claims + other.claims,
                hedged=fw.hedged or other.hedged,
            )
        claims = [p, *wholes, *share.claims]
        if resolved and not fw.interval.entirely_above(fp.interval):
            return None  # a whole found through its subject that is not larger: no verdict
        if fp.interval.entirely_above(fw.interval):
            return self._above_whole(ctx, p, wholes[0], fp, fw, share)
        if share.interval.low is not None and share.interval.low > _HUNDRED:
            return ctx.make_check(
                self,
                Status.FAIL,
                claims,
                f"{share.text} of {show(wholes[0])}: a share of a whole cannot exceed 100% "
                f"(stated {fmt_iv(share.interval, unit='%')})",
                margin=f"{fmt_iv(share.interval, unit='%')} > 100%",
                key=template,
            )
        outcome = evaluate(lambda a, b: _pct(a, b), fp, fw)
        factor, unit = display_factor(p)
        formula = f"{_show(p, factor, unit)} / {_show(wholes[0], factor, unit)}"
        return judge(
            ctx,
            self,
            claims=claims,
            label="",
            formula=formula,
            outcome=outcome,
            stated=share,
            unit="%",
            mismatch="the share does not match its part and whole",
            key=template,
        )

    def _above_whole(
        self, ctx: Context, p: Claim, w: Claim, fp: Figure, fw: Figure, share: Figure | None = None
    ) -> Check:
        factor, unit = display_factor(p)
        claims = [p, w, *(share.claims if share else ())]
        gap = fp.interval.gap(fw.interval)
        return ctx.make_check(
            self,
            Status.FAIL,
            claims,
            f"{_show(p, factor, unit)} {fmt_iv(fp.interval, factor, unit)} of "
            f"{_show(w, factor, unit)} {fmt_iv(fw.interval, factor, unit)}: "
            "the part exceeds its whole, a share above 100%",
            margin=f"off by at least {fmt_value(gap, factor)} {unit}".rstrip(),
        )


def _pct(a: Interval, b: Interval) -> Interval | None:
    q = a / b
    return None if q is None else q.scale(_HUNDRED)


def _show(c: Claim, factor: Decimal, unit: str) -> str:
    return show_count(c) if c.kind == "count" else show(c, factor, unit)


def _word_share(word: str, opts: ShareOptions) -> Figure:
    w = " ".join(word.lower().split())
    if "minority" in w:
        return word_figure(word, Decimal(0), Decimal(50), high_open=True)
    if "majority" in w or w == "most":
        return word_figure(word, Decimal(50), _HUNDRED, low_open=True)
    return word_figure(word, opts.nearly_all_from, _HUNDRED, vague=True)
