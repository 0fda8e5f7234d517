"""HF601 period-length-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import years as period_years
from hetao_facts.rules.base import Rule, Scope


class PeriodLength(Rule):
    """A named period spans the years its name says.

    What it checks:
        Period-length relations of the linking stage: a period of years written next to a
        name that states its length ("the 14th Five-Year Plan (2021-2025)", "a ten-year
        programme, 2016-2025") must span that many years, counting both end years. This
        rule owns such a named length; HF607 leaves it alone. An ordinal ("the second
        decade (2011-2020)") names no length.
    Why it matters:
        A mistyped year in a period is easy to miss and changes every figure tied to it.
    Flagged:
        "the 14th Five-Year Plan (2021-2026)"  (six years)
    Consistent:
        "the 14th Five-Year Plan (2021-2025)"
    """

    code = "HF601"
    name = "period-length-mismatch"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIME):
            if rel.note != "period length" or rel.amount is None:
                continue
            (c,) = ctx.claims_of(rel.role("period"))
            start, end = period_years(c)
            span = end - start + 1
            label = rel.cue or f"a {rel.amount}-year period"
            if span == rel.amount:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [c],
                    f"{label} {c.text}: {start}–{end} is {span} years, consistent",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL if rel.can_fail else Status.WARN,
                    [c],
                    f"{label} {c.text}: {start}–{end} spans {span} years "
                    f"(both ends counted), not {rel.amount}",
                )
