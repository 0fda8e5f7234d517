"""HF606 relative-date-mismatch."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.extract.dates import WEEKDAYS
from hetao_facts.model import Check, Status
from hetao_facts.numbers import parse_number
from hetao_facts.rules.base import Rule, Scope

_REL_YEAR = re.compile(r"\b(?P<which>last|this|next|the previous|the following)\s+year\b", re.I)
_REL_DAY = re.compile(
    r"\b(?P<which>last|this|next|on)\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_AGO = re.compile(
    r"\b(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+years\s+ago\b", re.I
)


#: between a relative year and the year that explains it: "last year, in 2022," "(2022)"
_APPOSED = re.compile(r"[\s,(\[–—-]*(?:(?:in|i\.e\.,?|that\s+is,?|namely)\s+)?", re.I)


class RelativeDateMatches(Rule):
    """Relative dates agree with the document date and the explicit dates beside them.

    What it checks:
        "last year", "this year", "next year" and "N years ago" are resolved against the
        document's date (its dateline or front matter) and compared with the explicit year
        set beside it ("Last year, in 2021, ...", "last year (2022)"); another year of the
        sentence ("last year, twice the number in 2015") is not compared; "this Thursday"
        or "next Tuesday" is compared with an explicit date in the same sentence. Without a
        document date or an explicit date nearby there is no verdict.
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
        for doc_id, doc in sorted(ctx.documents.items()):
            if doc.date is None:
                continue
            text = doc.text
            for y in ctx.kind_claims_in(doc_id, "year"):
                sent = text[y.sentence.start : y.sentence.end]
                rel = _REL_YEAR.search(sent) or _AGO.search(sent)
                if rel is None:
                    continue
                r0, r1 = y.sentence.start + rel.start(), y.sentence.start + rel.end()
                gap = text[r1 : y.start] if y.start >= r1 else text[y.end : r0]
                if _APPOSED.fullmatch(gap) is None:
                    continue  # "last year, twice the number in 2015": another year
                if "which" in rel.groupdict() and rel.groupdict().get("which"):
                    which = rel.group("which").lower()
                    offset = {
                        "last": -1,
                        "the previous": -1,
                        "this": 0,
                        "next": 1,
                        "the following": 1,
                    }[which]
                    phrase = rel.group(0)
                else:
                    n = rel.group("n").lower()
                    offset = -int(parse_number(n) or 0)
                    phrase = rel.group(0)
                expected = doc.date.year + offset
                stated = int(str(y.value))
                src = f"the document date {doc.date.isoformat()} ({doc.date_source})"
                if stated == expected:
                    yield ctx.make_check(
                        self,
                        Status.PASS,
                        [y],
                        f"{phrase!r} is {expected} from {src}, as stated ({stated})",
                    )
                else:
                    yield ctx.make_check(
                        self,
                        Status.FAIL,
                        [y],
                        f"{phrase!r} is {expected} from {src}, but the sentence says {stated}",
                    )
            for d in ctx.kind_claims_in(doc_id, "date"):
                value = str(d.value)
                if len(value) != 10:
                    continue
                sent = text[d.sentence.start : d.sentence.end]
                rel = _REL_DAY.search(sent)
                if rel is None or rel.group("which") == "on":
                    continue
                date = datetime.date.fromisoformat(value)
                want = WEEKDAYS[rel.group("day").lower()]
                base = doc.date
                delta = (date - base).days
                which = rel.group("which").lower()
                ok_window = {"last": (-7, -1), "this": (-6, 6), "next": (1, 13)}[which]
                consistent = date.weekday() == want and ok_window[0] <= delta <= ok_window[1]
                weekday = date.strftime("%A")
                msg = (
                    f"{rel.group(0)!r} with {d.text} (a {weekday}, {delta:+d} days from the "
                    f"document date {base.isoformat()})"
                )
                yield ctx.make_check(
                    self,
                    Status.PASS if consistent else Status.FAIL,
                    [d],
                    msg + (": consistent" if consistent else ": they disagree"),
                )
