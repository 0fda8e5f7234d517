"""HF608 events-out-of-order."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.link.timeline import backwards, extent
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason
from hetao_facts.rules.time._common import date_note


class EventsOutOfOrder(Rule):
    """Events the text puts in sequence have dates in that order.

    What it checks:
        Timeline relations of the linking stage: a sentence opening with "Subsequently",
        "Later", "After that" or "Since then" comes after the latest date of the sentence
        before it, and a start and its planned end in one sentence ("work began in 2012
        and was to be completed by 2016") are in order. A year or a month stands for all
        its days, so "2015" and "March 2015" never contradict each other. A chronicle (a
        text telling four or more dated events in the order they happened, found by the
        order alone) is reported as in order; a text that moves back in time is not read
        as a chronicle at all, since a flashback and a wrong year look alike.
    Why it matters:
        A wrong year in a sequence of events (a typo, or a date from another project)
        makes the account impossible; readers and translators copy it on.
    Flagged:
        "The line opened in June 2016. Subsequently, a branch opened in April 2012."
    Consistent:
        "The line opened in June 2009. Subsequently, a branch opened in April 2012."
    """

    code = "HF608"
    name = "events-out-of-order"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIMELINE):
            if rel.note in ("stage years", "stages"):
                continue  # HF604
            if rel.note == "chronicle":
                yield from self._chronicle(ctx, rel)
                continue
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
            dated = ctx.claims_of(rel.role("document_date"))
            if not wrong:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [*earlier, *later, *dated],
                    f"{head}: in order{date_note(ctx, rel)}",
                    basis="exact",
                    key=rel.id,
                )
                continue
            a, b = wrong[0]
            soft = soft_reason(rel)
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [*earlier, *later, *dated],
                f"{head}: {b.text} comes before {a.text}, though the text puts it after"
                + (f"; {soft}" if soft else "")
                + date_note(ctx, rel),
                key=rel.id,
            )

    def _chronicle(self, ctx: Context, rel: Relation) -> Iterator[Check]:
        """Events told in text order: each no earlier than the one before it."""
        events = ctx.claims_of(rel.role("event"))
        wrong = backwards(events)
        if len(events) < 2 or wrong is None:
            return
        cited = [*events, *ctx.claims_of(rel.role("document_date"))]
        order = " <= ".join(c.text for c in events)
        head = f"dated events in the order the text tells them (an inferred relation): {order}"
        if not wrong:
            yield ctx.make_check(
                self,
                Status.PASS,
                cited,
                f"{head}: in order{date_note(ctx, rel)}",
                basis="exact",
                key=rel.id,
            )
            return
        a, b = wrong[0]
        yield ctx.make_check(
            self,
            Status.WARN,
            cited,
            f"{head}: {b.text} comes before {a.text} though told after it, while the events "
            f"around it are in order; a flashback or a wrong year (a warning: the order was "
            f"found by position only){date_note(ctx, rel)}",
            key=rel.id,
        )
