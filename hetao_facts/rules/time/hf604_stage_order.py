"""HF604 stage-years-out-of-order."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.link.timeline import backwards
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.time._common import date_note


class StageYearsInOrder(Rule):
    """The years of successive stages come in order.

    What it checks:
        Two kinds of stage relations of the linking stage. A sentence about stages or
        phases that lists target years ("two-stage objectives are set for the years 2025
        and 2035", "the first phase by 2025 and the second by 2030"): each later year is
        after the one before it (stated: this can fail). And numbered stages across a text
        ("the first phase ... in 2024", "phase 2 ... by 2031-32", "the fourth phase, from
        around 2040"): each date is tied to the stage named nearest to it in its sentence,
        and a later stage must not start before an earlier one; the tie is by proximity, so
        a disorder only warns.
    Why it matters:
        Swapped or mistyped stage years make a plan's timeline impossible.
    Flagged:
        "The two-stage objectives are set for the years 2035 and 2025."
    Consistent:
        "The two-stage objectives are set for the years 2025 and 2035."
    """

    code = "HF604"
    name = "stage-years-out-of-order"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIMELINE):
            if rel.note == "stage years":
                yield from self._one_sentence(ctx, rel)
            elif rel.note == "stages":
                yield from self._numbered(ctx, rel)

    def _one_sentence(self, ctx: Context, rel: Relation) -> Iterator[Check]:
        years = ctx.claims_of(rel.role("event"))
        values = [int(getattr(c, "value", 0)) for c in years]
        shown = ", ".join(str(v) for v in values)
        if all(a < b for a, b in itertools.pairwise(values)):
            yield ctx.make_check(
                self, Status.PASS, years, f"stage years {shown} come in order", key=rel.id
            )
        else:
            yield ctx.make_check(
                self, Status.FAIL, years, f"stage years {shown} are not in order", key=rel.id
            )

    def _numbered(self, ctx: Context, rel: Relation) -> Iterator[Check]:
        firsts = ctx.claims_of(rel.role("event"))
        cited = [
            *firsts,
            *ctx.claims_of(rel.role("also")),
            *ctx.claims_of(rel.role("document_date")),
        ]
        wrong = backwards(firsts)
        if len(firsts) < 2 or wrong is None:
            return
        order = " <= ".join(c.text for c in firsts)
        head = (
            f"numbered stages start in order (each date tied to the stage named nearest to "
            f"it, an inferred relation): {order}"
        )
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
            f"{head}: the stage of {b.text} starts before the stage of {a.text}, which comes "
            f"before it (a warning: each date was tied to its stage by proximity)"
            f"{date_note(ctx, rel)}",
            key=rel.id,
        )
