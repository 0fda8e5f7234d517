"""HF710 multiple-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind
from hetao_facts.model import Check
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import Figure, evaluate, judge
from hetao_facts.rules.linked._common import soft_reason, stated_figure

HALF = Decimal("0.5")


def _quotient(a: Interval, b: Interval) -> Interval | None:
    return a / b


def _multiplier(claim: Claim, ctx: Context, *, one_more: bool) -> Figure | None:
    """How a multiplier is read: to the last digit written ("four times" is 3.5 to 4.5
    times), and after "more/larger/faster than" also as one more ("three times more than"
    is read by many as four times the base)."""
    fig = stated_figure(claim, ctx)
    value = getattr(claim, "value", None)
    if fig is None or not isinstance(value, Decimal):
        return None
    iv = fig.interval
    if iv.low is not None and iv.high is not None and iv.low == iv.high:
        digits = (claim.number or "").replace(",", "")
        step = (
            Decimal(1).scaleb(-len(digits.split(".", 1)[1]))
            if "." in digits and digits.replace(".", "").isdigit()
            else Decimal(1)
        )
        iv = Interval.closed(value - step * HALF, value + step * HALF)
    if one_more and iv.high is not None:
        iv = iv.hull(iv.shift(Decimal(1)))
    return Figure(
        text=fig.text,
        interval=iv,
        digits=iv,
        point=fig.point,
        claims=fig.claims,
        hedged=fig.hedged,
    )


class MultipleDisagrees(Rule):
    """A figure called N times another is N times it.

    What it checks:
        Comparison relations with a multiplier: "the district grew 27%, four times faster
        than the region's 6.2%", "exports were twice as large as imports", "That's more
        than 40 times the rate of the city, which grew 1%". The quotient of the two figures
        is computed on intervals and compared with the multiplier read to its last digit
        ("four times" is 3.5 to 4.5 times; "more than 40 times" is above 40). After
        "more", "larger" or "faster than" the multiplier is also read as one more, since
        "three times more than" is used for both 3x and 4x. When the base is taken from an
        earlier sentence by the words after "than", a mismatch only warns. This rule owns
        every multiple, "three times the size of" included (HF501 checked those too
        before and now leaves them here); HF501 keeps fractions ("about half of").
    Why it matters:
        A multiple worked out from figures other than the ones printed, or kept after a
        figure was revised, tells the reader a comparison the text's own figures deny.
    Flagged:
        "Rents rose 30%, six times faster than wages, which rose 2%." (30 / 2 = 15)
    Consistent:
        "Rents rose 30%, 15 times faster than wages, which rose 2%."
    """

    code = "HF710"
    name = "multiple-disagrees"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.COMPARISON):
            if not rel.role("multiplier"):
                continue
            (a,), (r,), (b,) = (
                ctx.claims_of(rel.role("figure")),
                ctx.claims_of(rel.role("multiplier")),
                ctx.claims_of(rel.role("base")),
            )
            fa, fb = stated_figure(a, ctx), stated_figure(b, ctx)
            fr = _multiplier(r, ctx, one_more=rel.note.endswith("one more"))
            if fa is None or fb is None or fr is None:
                continue
            check = judge(
                ctx,
                self,
                claims=[a, r, b],
                label=f"multiple ('{rel.cue}')",
                formula=f"{a.text} / {b.text}",
                outcome=evaluate(_quotient, fa, fb),
                stated=fr,
                unit="",
                mismatch="the figures are not that multiple of each other",
                soft=soft_reason(rel),
                key=rel.id,
            )
            if check is not None:
                yield check
