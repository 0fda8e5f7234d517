"""HF607 duration-contradicts-years."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import Claim, PeriodClaim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope

_SINCE = re.compile(r"\bsince\s+(?:its\s+\w+\s+in\s+)?(?P<year>1[5-9]\d\d|20\d\d)\b", re.I)


class DurationMatchesYears(Rule):
    """A duration agrees with the years it spans.

    What it checks:
        "over the past 40 years" next to "since 1980" in a text dated 2020 (document year
        minus start year), or "a decade, from 2010 to 2020" (a period in the same sentence):
        the stated duration must cover the span of years, allowing one year either way
        because years are counted inclusively or not. Hedged durations ("nearly 40 years")
        widen by their hedge.
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
        for c in ctx.kind_claims("duration"):
            if not c.interval or isinstance(c.value, tuple):
                continue
            doc = ctx.documents[c.document]
            sent = doc.text[c.sentence.start : c.sentence.end]
            same = ctx.claims_between(c.document, c.sentence.start, c.sentence.end)
            period = next(
                (o for o in same if isinstance(o, PeriodClaim) and isinstance(o.value[0], int)),
                None,
            )
            span: tuple[int, str, list[Claim]] | None = None
            if isinstance(period, PeriodClaim):
                a, b = period.years
                span = (int(b) - int(a), f"{a}–{b}", [c, period])
            else:
                m = _SINCE.search(sent)
                if m and doc.date is not None and c.role is not None and c.role.value == "past":
                    since = int(m.group("year"))
                    src = [o for o in same if o.kind == "year" and int(str(o.value)) == since]
                    span = (
                        doc.date.year - since,
                        f"{since}–{doc.date.year} (the document date)",
                        [c, *src],
                    )
            if span is None:
                continue
            years, label, claims = span
            iv = c.interval
            ok = any(iv.contains(years + d) for d in (-1, 0, 1))
            msg = f"{c.text!r} vs {label}: {years} years"
            yield ctx.make_check(
                self,
                Status.PASS if ok else Status.FAIL,
                claims,
                msg + (": consistent" if ok else ": they disagree"),
            )
