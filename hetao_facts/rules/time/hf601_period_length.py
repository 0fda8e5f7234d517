"""HF601 period-length-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import PeriodClaim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.numbers import parse_number
from hetao_facts.rules._util import years as period_years
from hetao_facts.rules.base import Rule, Scope

_NAMED = re.compile(r"\b(?P<n>[A-Za-z]+|\d+)[- ](?P<unit>[Yy]ear|[Dd]ecade)\b[^()\n]{0,40}?\(?\s*$")


class PeriodLength(Rule):
    """A named period spans the years its name says.

    What it checks:
        A period of years written next to a name that states its length ("the 14th
        Five-Year Plan (2021-2025)", "a ten-year programme, 2016-2025") must span that many
        years, counting both end years.
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
        for c in ctx.kind_claims("period"):
            if not isinstance(c, PeriodClaim) or isinstance(c.value[0], str):
                continue  # a quarter or a half-year, not a span of years
            doc = ctx.documents[c.document]
            before = doc.text[max(c.sentence.start, c.start - 80) : c.start]
            m = _NAMED.search(before)
            if not m:
                continue
            n = parse_number(m.group("n"))
            if n is None:
                continue
            years = int(n) * (10 if m.group("unit").lower() == "decade" else 1)
            start, end = period_years(c)
            span = end - start + 1
            label = before[m.start() :].strip(" (")
            if span == years:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [c],
                    f"{label} {c.text}: {start}–{end} is {span} years, consistent",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    [c],
                    f"{label} {c.text}: {start}–{end} spans {span} years "
                    f"(both ends counted), not {years}",
                )
