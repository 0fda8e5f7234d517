"""HF604 stage-years-out-of-order."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from hetao_facts.claims import YearClaim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope

_STAGED = re.compile(
    r"\b(?:two|three|four|\d)[- ](?:stage|phase|step)\b|\bstages?\b|\bphases?\b"
    r"|\bfirst stage\b|\bsecond stage\b",
    re.I,
)


class StageYearsInOrder(Rule):
    """The target years of successive stages come in order.

    What it checks:
        When a sentence about stages or phases lists target years ("two-stage objectives
        are set for the years 2025 and 2035", "the first phase by 2025 and the second by
        2030"), each later stage's year is after the earlier one's.
    Why it matters:
        Swapped or mistyped stage years make a plan's timeline impossible.
    Flagged:
        "The two-stage objectives are set for the years 2035 and 2025."
    Consistent:
        "The two-stage objectives are set for the years 2025 and 2035."
    """

    code = "HF604"
    name = "stage-years-out-of-order"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        by_sentence: dict[tuple[str, int], list[YearClaim]] = {}
        for c in ctx.kind_claims("year"):
            if not isinstance(c, YearClaim):
                continue
            by_sentence.setdefault((c.document, c.sentence.start), []).append(c)
        for (doc_id, _), years in sorted(by_sentence.items()):
            if len(years) < 2:
                continue
            doc = ctx.documents[doc_id]
            s = years[0].sentence
            if not _STAGED.search(doc.text[s.start : s.end]):
                continue
            years.sort(key=lambda c: c.start)
            values = [int(c.value) for c in years]
            shown = ", ".join(str(v) for v in values)
            if all(a < b for a, b in itertools.pairwise(values)):
                yield ctx.make_check(self, Status.PASS, years, f"stage years {shown} come in order")
            else:
                yield ctx.make_check(
                    self, Status.FAIL, years, f"stage years {shown} are not in order"
                )
