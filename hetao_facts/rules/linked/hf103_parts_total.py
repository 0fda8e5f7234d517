"""HF103 parts-disagree-with-total."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import Figure, Outcome, evaluate, fmt_iv, fmt_value, judge
from hetao_facts.rules.linked._common import point_figure, soft_reason, stated_figure


def _sum(*ivs: Interval) -> Interval:
    total = ivs[0]
    for iv in ivs[1:]:
        total = total + iv
    return total


class PartsDisagreeWithTotal(Rule):
    """Parts the text says make up a total add up to it.

    What it checks:
        Every total/parts relation of the linking stage: a whole with a total cue and its
        parts ("a total of 24 stations, 19 elevated and five underground"), a whole, a
        verb of composition and its parts ("the 37-km line comprises a 15-km elevated
        and a 22-km underground section"), parts each marked "of it" after a total area,
        and percent shares after a partition cue ("the makeup of the workforce is 52%
        ..., 31% ... and 17% ...", which must add up to 100%; short of 100% is a warning, as
        a list may leave out a category). The parts' intervals are
        added end to end and compared with the total's interval. A relation found only by
        arithmetic (a run of figures adding up to the next one) passes and says so; a
        disagreement fails only on a stated relation whose whole was found with
        confidence, else it warns. Parts after "of which" or "including" are only some of
        the parts: their sum must not exceed the whole. The parts of a change a later
        sentence names ("the bulk of the increase, A and B; C and D also grew") and the
        change's earlier figure add up to its later figure (loose: a mismatch warns).
        Counts completed by an ordinal ("three reservoirs, two for irrigation and a
        third for drinking water") count the ordinal's item as one. A
        whole split with a remainder ("three of the eight buildings ..., the remaining
        five ...") is HF705's, and so is an average with its total and count (never read
        as a sum here). This rule owns every sum such a
        relation joins; HF101 checks only the sums the part-of links of the names pass tie
        together without one (parts and whole in other documents or sentences).
    Why it matters:
        A part changed in one place and not in the total, or a total copied from an older
        draft, is the commonest arithmetic error in published figures.
    Flagged:
        "There are a total of 24 stations, 19 elevated and seven underground."
    Consistent:
        "There are a total of 24 stations, 19 elevated and five underground."
    """

    code = "HF103"
    name = "parts-disagree-with-total"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TOTAL_PARTS):
            if rel.note == "remainder":
                continue  # a split completed by "the remaining N": HF705
            parts = ctx.claims_of(rel.role("part"))
            wholes = ctx.claims_of(rel.role("whole"))
            figs = [
                point_figure(c.text, Decimal(1))  # "a third tunnel" after "two": one more
                if rel.note == "ordinal" and c.kind == "ordinal"
                else stated_figure(c, ctx)
                for c in parts
            ]
            if not figs or any(f is None for f in figs):
                continue
            pfigs = [f for f in figs if f is not None]
            if wholes:
                whole = stated_figure(wholes[0], ctx)
                ref = wholes[0]
            else:
                whole, ref = point_figure("100%", Decimal(100)), parts[0]
            if whole is None:
                continue
            factor, unit = display_factor(ref)
            if ref.kind == "percent":
                factor, unit = Decimal(1), "%"
            outcome = evaluate(_sum, *pfigs)
            if rel.note == "partial":
                yield from self._partial(ctx, rel, wholes, parts, whole, outcome, factor, unit)
                continue
            formula = " + ".join(_show(f, factor, unit) for f in pfigs)
            what = "shares of one whole" if not wholes else "parts of the total"
            if rel.note == "change":
                what = "the earlier figure and the parts of the change"
            how = f"{rel.strength.value}" + (f", cue '{rel.cue}'" if rel.cue else "")
            soft = soft_reason(rel)
            if (
                rel.note == "partition"
                and outcome.interval is not None
                and outcome.interval.high is not None
                and outcome.interval.high < Decimal(100)
            ):
                soft = (
                    "the shares add up to less than 100%, which a list that leaves out a "
                    "category does; so this is a warning"
                )
            check = judge(
                ctx,
                self,
                claims=[*wholes, *parts],
                label=f"{what} ({how})",
                formula=formula,
                outcome=outcome,
                stated=whole,
                unit=unit,
                factor=factor,
                mismatch="the parts do not add up to the total",
                soft=soft,
                key=rel.id,
            )
            if check is not None:
                yield check

    def _partial(
        self,
        ctx: Context,
        rel: Relation,
        wholes: list[Claim],
        parts: list[Claim],
        whole: Figure,
        outcome: Outcome,
        factor: Decimal,
        unit: str,
    ) -> Iterator[Check]:
        """'of which', 'including': some of the parts; their sum is at most the whole."""
        total = outcome.interval
        if total is None:
            return
        shown = fmt_iv(total, factor, unit)
        head = f"parts named after '{rel.cue}': their sum {shown} against {whole.text}"
        if total.entirely_above(whole.interval):
            soft = soft_reason(rel)
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [*wholes, *parts],
                f"{head}: the parts exceed the total" + (f"; {soft}" if soft else ""),
                key=rel.id,
            )
        else:
            yield ctx.make_check(
                self,
                Status.PASS,
                [*wholes, *parts],
                f"{head}: within the total (the text names only some of the parts)",
                basis="exact",
                key=rel.id,
            )


def _show(f: Figure, factor: Decimal, unit: str) -> str:
    value = fmt_value(f.point, factor)
    return f"{value}%" if unit == "%" else value
