"""HF603 target-year-in-past."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.time._common import cited, date_basis


class TargetYearNotPast(Rule):
    """A goal stated in the future tense is not already past at the document date.

    What it checks:
        Target-year relations of the linking stage: a target year ("by 2025", "by the end
        of 2024", "objectives ... for the years 2025 and 2035") in a sentence written in the
        future tense must not be earlier than the year of the document (its dateline, front
        matter, or the date the caller gives). The future tense must be in the year's own
        clause ("will be completed by 2025"), or after a sentence-opening "By 2025,", to
        fail; elsewhere in the sentence it only warns, and a clause in the past ("which was
        to be finished by 2020", "originally due by 2021") is a deadline, not a goal. The
        check cites the claim that gave the date (a dateline, the front matter), and says so
        when the caller gave it. Documents without a date give no verdict.
    Why it matters:
        "will be completed by 2021" in a 2023 text is either a typo or an outdated
        sentence copied from an older release.
    Flagged:
        (dated 2023-09-21) "By 2021, more than 1.5 million square meters will be completed."
    Consistent:
        (dated 2023-09-21) "By 2025, more than 1.5 million square meters will be completed."
    """

    code = "HF603"
    name = "target-year-in-past"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIME):
            if rel.note != "target year" or rel.date is None:
                continue
            (c,) = ctx.claims_of(rel.role("target"))
            year = int(str(c.value))
            basis = date_basis(ctx, rel)
            if year >= rel.date.year:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    cited(ctx, rel),
                    f"target year {year} is not past at {basis}",
                )
            else:
                fails = rel.can_fail
                yield ctx.make_check(
                    self,
                    Status.FAIL if fails else Status.WARN,
                    cited(ctx, rel),
                    f"target year {year} is already past at {basis}, but the sentence "
                    f"speaks of the future ({rel.cue!r})"
                    + (
                        ""
                        if fails
                        else " in another clause (a warning: the year may be a past deadline)"
                    ),
                )
