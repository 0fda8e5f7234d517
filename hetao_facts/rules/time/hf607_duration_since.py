"""HF607 duration-contradicts-years."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import years as period_years
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.time._common import cited, date_basis


class DurationMatchesYears(Rule):
    """A duration agrees with the years it spans.

    What it checks:
        Duration relations of the linking stage: "over the past 40 years" next to "since
        1980" in a text dated 2020 (document year minus start year; the check cites the
        dateline's claim when a dateline gave the date), or "a decade, from 2010 to 2020"
        (a period in the same sentence): the stated duration must cover the span of years,
        allowing one year either way because years are counted inclusively or not. Hedged
        durations ("nearly 40 years") widen by their hedge. A duration and its years must
        stand side by side to fail; "since 1980" elsewhere in the sentence only warns. A
        length that names a period ("a 10-year plan (2021-2030)") is HF601's, not this
        rule's.
    Why it matters:
        Round durations drift as texts are reused year after year.
    Flagged:
        (dated 2023-05-01) "Since 1980, over the past 30 years, the zone has grown."
    Consistent:
        (dated 2020-10-14) "Since 1980, over the past 40 years, the zone has grown."
    """

    code = "HF607"
    name = "duration-contradicts-years"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIME):
            span: tuple[int, str] | None = None
            if rel.note == "duration period":
                (period,) = ctx.claims_of(rel.role("period"))
                a, b = period_years(period)
                span = (b - a, f"{a}–{b}")
            elif rel.note == "duration since" and rel.date is not None and rel.amount is not None:
                since = rel.amount
                span = (rel.date.year - since, f"{since}–{rel.date.year} ({date_basis(ctx, rel)})")
            if span is None:
                continue
            (c,) = ctx.claims_of(rel.role("duration"))
            yield self._judge(ctx, c, span, cited(ctx, rel), rel.can_fail)

    def _judge(
        self, ctx: Context, c: Claim, span: tuple[int, str], claims: list[Claim], can_fail: bool
    ) -> Check:
        years, label = span
        iv = c.interval
        ok = iv is not None and any(iv.contains(years + d) for d in (-1, 0, 1))
        msg = f"{c.text!r} vs {label}: {years} years"
        status = Status.PASS if ok else Status.FAIL if can_fail else Status.WARN
        if ok:
            msg += ": consistent"
        elif can_fail:
            msg += ": they disagree"
        else:
            msg += (
                ": they disagree (a warning: 'since' stands apart from the duration in the "
                "sentence, and may date something else)"
            )
        return ctx.make_check(self, status, claims, msg)
