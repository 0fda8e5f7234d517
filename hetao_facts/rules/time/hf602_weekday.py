"""HF602 weekday-mismatch."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import RelationKind, Strength
from hetao_facts.model import Check, Severity, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.time._common import cited, date_note

_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class WeekdayMatchesDate(Rule):
    """A weekday written next to a date is that date's weekday.

    What it checks:
        Weekday relations of the linking stage: a date with a day ("On Sept. 5, 2023") and
        a weekday written onto it ("Tuesday, Sept. 5, 2023", "Sept. 5, 2023 (Tuesday)"), or
        else in its sentence or an adjacent one ("a press conference Tuesday"), must agree.
        Written onto the date the tie is stated and a mismatch fails; anywhere else it is
        inferred (it may be another day's) and a mismatch is a warning. A recurring day
        ("every Tuesday", "Monday to Friday") is not a date's weekday.
        "next Tuesday, March 14" is a relative weekday: HF606 checks it, not this rule.
    Why it matters:
        Weekday and date disagreeing is a classic sign of a date typo in a dateline.
    Flagged:
        "On Tuesday, Sept. 6, 2023, the office held a press conference."  (a Wednesday)
    Consistent:
        "... according to a press conference Tuesday. On Sept. 5, 2023, the office holds a
        press conference ..."
    """

    code = "HF602"
    name = "weekday-mismatch"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.TIME):
            if rel.note != "weekday" or rel.amount is None:
                continue
            (c,) = ctx.claims_of(rel.role("date"))
            actual = datetime.date.fromisoformat(str(c.value)).weekday()
            where = (
                "written onto the date"
                if rel.strength is Strength.STATED
                else "in the same sentence"
                if c.sentence.start <= rel.span.start < c.sentence.end
                else "in the next sentence"
                if rel.span.start > c.end
                else "in the previous sentence"
            )
            if rel.amount == actual:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    cited(ctx, rel),
                    f"{c.text} was a {_NAMES[actual]}, as the text says ({rel.cue!r} {where})"
                    + date_note(ctx, rel),
                )
            else:
                fails = rel.can_fail
                yield ctx.make_check(
                    self,
                    Status.FAIL if fails else Status.WARN,
                    cited(ctx, rel),
                    f"{c.text} was a {_NAMES[actual]}, but the text says {rel.cue!r} {where}"
                    + ("" if fails else " (a warning: that weekday may be another day's)")
                    + date_note(ctx, rel),
                    severity=None if fails else Severity.WARNING,
                )
