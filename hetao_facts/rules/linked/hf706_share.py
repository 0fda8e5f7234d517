"""HF706 share-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind, Strength
from hetao_facts.model import Check
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import evaluate, judge
from hetao_facts.rules.linked._common import output_figure, soft_reason, stated_figure

HUNDRED = Decimal(100)


def _share(a: Interval, b: Interval) -> Interval | None:
    q = a / b
    return None if q is None else q.scale(HUNDRED)


def _complement(a: Interval, b: Interval) -> Interval | None:
    q = _share(a, b)
    return None if q is None else (-q).shift(HUNDRED)


class ShareDisagrees(Rule):
    """A percent that is one figure's share of another equals their quotient.

    What it checks:
        Share relations of the linking stage: a percent next to two figures of the same
        kind whose quotient it is ("The region produced 2,480 tonnes of tea. The eastern
        valley accounted for 620 tonnes (25%)."), or the rest of it (a complement inside
        one sentence, or by the meaning of the words: "4,800 households, and 3,120
        families" ... "35% were non-family households", link/subsets.py), and the same
        share restated in the other units of bracketed conversions. HF706 owns these
        inferred shares; a share the text states with its part and whole ("100,000 of its
        570,000 residents, 18 percent") is a stated relation, and HF701's. The quotient is
        computed on intervals and compared with the percent as written (every digit of
        a computed figure counts). These relations are found by arithmetic, so they pass,
        or warn when a parallel in other units disagrees.
    Why it matters:
        A share computed from other figures than the ones printed, or a percent left
        stale after a figure was revised, contradicts the figures beside it.
    Flagged:
        "The district covers 1,240 sq mi (3,212 km²), of which 40 sq mi (80 km²), or 2.49%,
        is water." (40 / 1,240 is 3.2%, while 80 / 3,212 is 2.49%: a parallel in other
        units disagrees, so it warns)
    Consistent:
        "The region produced 2,480 tonnes of tea last year. The eastern valley accounted
        for 620 tonnes (25%)."
    """

    code = "HF706"
    name = "share-disagrees"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.SHARE):
            if rel.strength is Strength.STATED:
                continue  # a share the text states with its part and whole: HF701
            (a,), (b,), (p,) = (
                ctx.claims_of(rel.role("part")),
                ctx.claims_of(rel.role("whole")),
                ctx.claims_of(rel.role("share")),
            )
            fa, fb, fp = stated_figure(a, ctx), stated_figure(b, ctx), output_figure(p, ctx)
            if fa is None or fb is None or fp is None:
                continue
            complement = "complement" in rel.note
            fn = _complement if complement else _share
            formula = f"100% - {a.text} / {b.text}" if complement else f"{a.text} / {b.text}"
            label = "share" + (" in other units" if "parallel" in rel.note else "")
            label += " (inferred" + (f", cue '{rel.cue}')" if rel.cue else ")")
            check = judge(
                ctx,
                self,
                claims=[a, b, p, *ctx.claims_of(rel.role("as"))],
                label=label,
                formula=formula,
                outcome=evaluate(fn, fa, fb),
                stated=fp,
                unit="%",
                mismatch="the share does not match the figures",
                soft=soft_reason(rel),
                key=rel.id,
            )
            if check is not None:
                yield check
