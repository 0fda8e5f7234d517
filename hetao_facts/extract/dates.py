"""Calendar dates written in prose: "Sept. 5, 2023", "5 September 2023", "October 2022",
"2023-09-05", and "July 1" (the year then comes from the document date, and the claim
says so). A month alone ("in March") is too vague to check and is set aside.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["MONTHS", "WEEKDAYS", "DateMention", "find_dates"]

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1[5-9]\d\d|2[01]\d\d)"
_SP = r"[ \u00a0]{1,3}"

_PATTERNS = [
    # Month D, YYYY  /  Month D YYYY
    rf"\b{_MONTH.format(g='m1')}{_SP}{_DAY.format(g='d1')},?{_SP}{_YEAR.format(g='y1')}\b",
    # D Month YYYY
    rf"\b{_DAY.format(g='d2')}{_SP}(?:of{_SP})?{_MONTH.format(g='m2')},?{_SP}{_YEAR.format(g='y2')}\b",
    # ISO YYYY-MM-DD or YYYY/MM/DD
    r"\b(?P<y3>1[5-9]\d\d|2[01]\d\d)[-/](?P<m3>0?[1-9]|1[0-2])[-/](?P<d3>0?[1-9]|[12]\d|3[01])\b",
    # Month YYYY
    rf"\b{_MONTH.format(g='m4')},?{_SP}{_YEAR.format(g='y4')}\b",
    # Month D (no year)
    rf"\b{_MONTH.format(g='m5')}{_SP}{_DAY.format(g='d5')}\b(?![,.]?\d)",
    # D Month (no year)
    rf"\b{_DAY.format(g='d6')}{_SP}(?:of{_SP})?{_MONTH.format(g='m6')}\b",
]
# Every alternative starts at a digit or a capitalized month: the lookahead lets the regex
# engine skip all other positions at once (3x faster, same matches).
DATE_RE = re.compile(r"(?=[\dJFMASOND])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # "YYYY-MM-DD" or "YYYY-MM"
    year_inferred: bool
    date: datetime.date | None  # the full date when a day is known


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def find_dates(text: str, default_year: int | None) -> list[DateMention]:
    """Every date in `text`; dates without a year take `default_year` (or are skipped)."""
    out: list[DateMention] = []
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        year: int | None
        day: int | None
        inferred = False
        if g["m1"]:
            month, day, year = _month(g["m1"]), int(g["d1"]), int(g["y1"])
        elif g["m2"]:
            month, day, year = _month(g["m2"]), int(g["d2"]), int(g["y2"])
        elif g["y3"]:
            month, day, year = int(g["m3"]), int(g["d3"]), int(g["y3"])
        elif g["m4"]:
            month, day, year = _month(g["m4"]), None, int(g["y4"])
            if g["m4"].lower() == "may" and m.start() > 0 and text[m.start() - 1].isalpha():
                continue
        else:
            mname = g["m5"] or g["m6"]
            day = int(g["d5"] or g["d6"])
            month = _month(mname)
            if mname.lower() in {"may", "mar"} and mname[0].islower():
                continue  # "may 5" is more likely the modal verb than a date
            if default_year is None:
                continue
            year, inferred = default_year, True
        if day is not None:
            try:
                d = datetime.date(year, month, day)
            except ValueError:
                continue
            out.append(DateMention(m.start(), m.end(), m.group(), d.isoformat(), inferred, d))
        else:
            out.append(
                DateMention(m.start(), m.end(), m.group(), f"{year:04d}-{month:02d}", False, None)
            )
    return out
