"""HF602 weekday-mismatch."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.extract.dates import WEEKDAYS
from hetao_facts.model import Check, Severity, Status
from hetao_facts.rules.base import Rule, Scope

_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class WeekdayMatchesDate(Rule):
    """A weekday written next to a date is that date's weekday.

    What it checks:
        A date with a day ("On Sept. 5, 2023") and a weekday in the same or an adjacent
        sentence ("a press conference Tuesday") must agree. In the same sentence a
        mismatch fails; in an adjacent sentence it is a warning (it may be another day).
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
        for c in ctx.kind_claims("date"):
            value = str(c.value)
            if len(value) != 10 or not any(ch.isdigit() for ch in c.text):
                continue  # a date read from a weekday ("on Saturday") cannot test that weekday
            date = datetime.date.fromisoformat(value)
            doc = ctx.documents[c.document]
            if (
                doc.date == date
                and doc.date_source in {"dateline", "front_matter"}
                and c.start < 400
            ):
                continue  # the dateline: "said on Thursday" below is about another day
            sents = doc.sentences
            idx = ctx.sentence_index(c.document, c.start)
            if idx is None:
                continue
            found = None
            for j, same in ((idx, True), (idx - 1, False), (idx + 1, False)):
                if 0 <= j < len(sents):
                    s = sents[j]
                    m = _WEEKDAY.search(doc.text, s.start, s.end)
                    if m:
                        found = (m, same)
                        break
            if found is None:
                continue
            m, same = found
            said = WEEKDAYS[m.group(1).lower()]
            actual = date.weekday()
            where = (
                "in the same sentence"
                if same
                else "in the next sentence"
                if m.start() > c.end
                else "in the previous sentence"
            )
            if said == actual:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [c],
                    f"{c.text} was a {_NAMES[actual]}, as the text says ({m.group(1)!r} {where})",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL if same else Status.WARN,
                    [c],
                    f"{c.text} was a {_NAMES[actual]}, but the text says {m.group(1)!r} {where}",
                    severity=None if same else Severity.WARNING,
                )
