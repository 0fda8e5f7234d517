"""HF606 relative-date-mismatch."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.time._common import cited, date_basis

#: how many days from the document date "last", "this" and "next" Tuesday may be
_WINDOWS = {"last weekday": (-7, -1), "this weekday": (-6, 6), "next weekday": (1, 13)}


class RelativeDateMatches(Rule):
    """Relative dates agree with the document date and the explicit dates beside them.

    What it checks:
        Relative-date relations of the linking stage. "last year", "this year", "next
        year" and "N years ago" are resolved against the document's date (its dateline,
        front matter, or the date the caller gives) and compared with the explicit year set
        beside it ("Last year, in 2021, ...", "last year (2022)"); another year of the
        sentence ("last year, twice the number in 2015") is not compared, nor is "the
        following year" or "the next year" (they count from a year the text names); "this Thursday"
        or "next Tuesday" is compared with an explicit date in the same sentence (its
        weekday and its distance from the document date; HF602 leaves these to it). The
        check cites the dateline's claim when a dateline gave the date. Without a document
        date or an explicit date nearby there is no verdict.
    Why it matters:
        Press releases are re-dated and re-published; relative dates go stale and
        contradict the explicit dates next to them.
    Flagged:
        (dated 2023-09-21) "Last year, in 2021, the blueprint was published."
    Consistent:
        (dated 2023-09-21) "Last year, in 2022, the blueprint was published."
    """

    code = "HF606"
    name = "relative-date-mismatch"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIME):
            if rel.date is None or rel.amount is None:
                continue
            if rel.note == "relative year":
                yield from self._year(ctx, rel, rel.date, rel.amount)
            elif rel.note in _WINDOWS:
                yield from self._day(ctx, rel, rel.date, rel.amount)

    def _year(
        self, ctx: Context, rel: Relation, date: datetime.date, offset: int
    ) -> Iterator[Check]:
        (y,) = ctx.claims_of(rel.role("year"))
        expected = date.year + offset
        stated = int(str(y.value))
        head = f"{rel.cue!r} is {expected} from {date_basis(ctx, rel)}"
        if stated == expected:
            yield ctx.make_check(
                self, Status.PASS, cited(ctx, rel), f"{head}, as stated ({stated})"
            )
        else:
            yield ctx.make_check(
                self,
                Status.FAIL if rel.can_fail else Status.WARN,
                cited(ctx, rel),
                f"{head}, but the sentence says {stated}",
            )

    def _day(
        self, ctx: Context, rel: Relation, base: datetime.date, weekday: int
    ) -> Iterator[Check]:
        (d,) = ctx.claims_of(rel.role("date"))
        date = datetime.date.fromisoformat(str(d.value))
        delta = (date - base).days
        low, high = _WINDOWS[rel.note]
        consistent = date.weekday() == weekday and low <= delta <= high
        msg = (
            f"{rel.cue!r} with {d.text} (a {date.strftime('%A')}, {delta:+d} days from "
            f"{date_basis(ctx, rel)})"
        )
        if consistent:
            yield ctx.make_check(self, Status.PASS, cited(ctx, rel), msg + ": consistent")
        else:
            yield ctx.make_check(
                self,
                Status.FAIL if rel.can_fail else Status.WARN,
                cited(ctx, rel),
                msg + ": they disagree",
            )
