"""HF603 target-year-in-past."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import YearClaim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope

_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|aims? to|plans? to|is expected to|are expected to|on track)\b",
    re.I,
)


class TargetYearNotPast(Rule):
    """A goal stated in the future tense is not already past at the document date.

    What it checks:
        A target year ("by 2025", "by the end of 2024", "objectives ... for the years 2025
        and 2035") in a sentence written in the future tense must not be earlier than the
        year of the document (its dateline, front matter, or the date the caller gives).
        Documents without a date give no verdict.
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
        for c in ctx.kind_claims("year"):
            if not isinstance(c, YearClaim) or c.role is None or c.role.value != "target":
                continue
            doc = ctx.documents[c.document]
            if doc.date is None:
                continue
            sent = doc.text[c.sentence.start : c.sentence.end]
            if not _FUTURE.search(sent):
                continue
            year = int(c.value)
            if year >= doc.date.year:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [c],
                    f"target year {year} is not past at the document date {doc.date.isoformat()}",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    [c],
                    f"target year {year} is already past at the document date "
                    f"{doc.date.isoformat()} ({doc.date_source or 'given'}), "
                    "but the sentence speaks of the future",
                )
