"""HF608 events-out-of-order."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason


def extent(c: Claim) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a year, month, date or period claim can mean."""
    v = c.value
    try:
        if c.kind == "year" and isinstance(v, int):
            return datetime.date(v, 1, 1), datetime.date(v, 12, 31)
        if c.kind == "period" and isinstance(v, tuple):
            return datetime.date(int(v[0]), 1, 1), datetime.date(int(v[1]), 12, 31)
        if c.kind == "date" and isinstance(v, str):
            parts = [int(p) for p in v.split("-")]
            if len(parts) == 3:
                d = datetime.date(*parts)
                return d, d
            if len(parts) == 2:
                y, m = parts
                first = datetime.date(y, m, 1)
                nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
                return first, nxt - datetime.timedelta(days=1)
    except ValueError:
        return None
    return None


class EventsOutOfOrder(Rule):
    """Events the text puts in sequence have dates in that order.

    What it checks:
        Timeline relations of the linking stage: a sentence opening with "Subsequently",
        "Later", "After that" or "Since then" comes after the latest date of the sentence
        before it, and a start and its planned end in one sentence ("work began in 2017
        and was to be completed by 2019") are in order. A year or a month stands for all
        its days, so "2015" and "March 2015" never contradict each other.
    Why it matters:
        A wrong year in a sequence of events (a typo, or a date from another project)
        makes the account impossible; readers and translators copy it on.
    Flagged:
        "The line opened in October 2016. Subsequently, a branch opened in March 2014."
    Consistent:
        "The line opened in October 2011. Subsequently, a branch opened in March 2014."
    """

    code = "HF608"
    name = "events-out-of-order"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIMELINE):
            earlier = ctx.claims_of(rel.role("earlier"))
            later = ctx.claims_of(rel.role("later"))
            spans = {c.id: extent(c) for c in [*earlier, *later]}
            if any(v is None for v in spans.values()):
                continue
            wrong = [
                (a, b)
                for a in earlier
                for b in later
                if (ea := spans[a.id]) is not None
                and (eb := spans[b.id]) is not None
                and ea[0] > eb[1]
            ]
            order = " <= ".join(c.text for c in [*earlier, *later])
            head = f"'{rel.cue}' ({rel.note}): {order}"
            if not wrong:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [*earlier, *later],
                    f"{head}: in order",
                    basis="exact",
                    key=rel.id,
                )
                continue
            a, b = wrong[0]
            soft = soft_reason(rel)
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [*earlier, *later],
                f"{head}: {b.text} comes before {a.text}, though the text puts it after"
                + (f"; {soft}" if soft else ""),
                key=rel.id,
            )
