"""HF709 change-rate-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import evaluate, judge
from hetao_facts.rules.linked._common import output_figure, soft_reason, stated_figure

HUNDRED = Decimal(100)


def _rise(new: Interval, old: Interval) -> Interval | None:
    q = new / old
    return None if q is None else q.shift(-1).scale(HUNDRED)


def _fall(new: Interval, old: Interval) -> Interval | None:
    q = _rise(new, old)
    return None if q is None else -q


class ChangeRateDisagrees(Rule):
    """A stated rate of change equals the change between the figures it compares.

    What it checks:
        Change relations with a rate: a figure, a verb of change with a percent and what it
        is compared with ("net revenue of $8.4 million decreased 12% over the previous
        quarter's $9.5 million"; "the population increased 6.2% over the 2010 population
        of 4,518,300" after "the population was 4,798,400"). The change new / old - 1
        is computed on intervals and compared with the percent as written. When the new
        figure is taken from the sentence before, the relation is loose and a mismatch
        warns. HF709 owns these rates against a base ("up 29.7% from 310,000"); a rate
        stated after a change from A to B ("grew from A to B, an increase of 29.7%") is
        HF703's, and the same rate is never checked by both.
    Why it matters:
        A percentage change computed from other figures than the ones printed, or with
        the figures swapped, misstates the trend.
    Flagged:
        "Revenue of $8.4 million decreased 25% over the $9.5 million of the quarter before."
    Consistent:
        "Revenue of $8.4 million decreased 12% over the $9.5 million of the quarter before."
    """

    code = "HF709"
    name = "change-rate-disagrees"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.CHANGE):
            if not rel.role("rate"):
                continue
            if rel.role("delta"):
                check = self._by_amount(ctx, rel)
                if check is not None:
                    yield check
                continue
            (new,), (rate,), (old,) = (
                ctx.claims_of(rel.role("new")),
                ctx.claims_of(rel.role("rate")),
                ctx.claims_of(rel.role("old")),
            )
            fn, fo, fr = stated_figure(new, ctx), stated_figure(old, ctx), output_figure(rate, ctx)
            if fn is None or fo is None or fr is None:
                continue
            falling = rel.note.startswith("fall")
            formula = f"1 - {new.text} / {old.text}" if falling else f"{new.text} / {old.text} - 1"
            check = judge(
                ctx,
                self,
                claims=[new, rate, old],
                label=f"{'fall' if falling else 'rise'} ('{rel.cue}')",
                formula=formula,
                outcome=evaluate(_fall if falling else _rise, fn, fo),
                stated=fr,
                unit="%",
                mismatch="the rate does not match the figures",
                soft=soft_reason(rel),
                key=rel.id,
            )
            if check is not None:
                yield check

    def _by_amount(self, ctx: Context, rel: Relation) -> Check | None:
        """'X, an increase of D or P%': P = D / (X - D); after a decrease D / (X + D)."""
        (new,), (delta,), (rate,) = (
            ctx.claims_of(rel.role("new")),
            ctx.claims_of(rel.role("delta")),
            ctx.claims_of(rel.role("rate")),
        )
        olds = ctx.claims_of(rel.role("old"))
        fn, fd, fr = stated_figure(new, ctx), stated_figure(delta, ctx), output_figure(rate, ctx)
        if fn is None or fd is None or fr is None:
            return None
        rising = rel.note.startswith("rise")
        sign = "-" if rising else "+"
        formula = f"{delta.text} / ({new.text} {sign} {delta.text})"
        if olds:
            formula += f", the base stated as {olds[0].text}"
        return judge(
            ctx,
            self,
            claims=[new, delta, rate, *olds],
            label=f"{'rise' if rising else 'fall'} by an amount ('{rel.cue}')",
            formula=formula,
            outcome=evaluate(_of_base_up if rising else _of_base_down, fd, fn),
            stated=fr,
            unit="%",
            mismatch="the rate does not match the amount of the change",
            soft=soft_reason(rel),
            key=rel.id,
        )


def _of_base_up(delta: Interval, new: Interval) -> Interval | None:
    q = delta / (new - delta)
    return None if q is None else q.scale(HUNDRED)


def _of_base_down(delta: Interval, new: Interval) -> Interval | None:
    q = delta / (new + delta)
    return None if q is None else q.scale(HUNDRED)
