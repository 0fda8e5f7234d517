"""Time relations: a date, year or span against what fixes it (kind ``time``).

Each relation names, in `Relation.note`, what the text ties the time figure to:

* ``period length``: a period of years set after a name that states its length, in
  brackets or after a comma ("the 14th Five-Year Plan (2021-2025)", "a ten-year programme,
  2016-2025"), or after a proper name ("Five-Year Plan 2021-2025"); `amount` is the length
  the name says, `cue` the name as written. Stated. A preposition between ("a two-year
  study of data from 2010-2020") makes the period something else; an ordinal ("the second
  decade") or an age ("20-year-old") states no length.
* ``weekday``: a date with a day and its weekday; `amount` is the weekday (0 is Monday),
  `span` where it stands. Stated when the weekday is written onto the date ("On Tuesday,
  Sept. 6, 2023", "Sept. 6, 2023 (Tuesday)"); inferred (proximity only) for the nearest
  other weekday of its sentence, or one in the sentence before or after. A recurring day
  ("every Tuesday", "Monday to Friday") is no date's weekday.
  A dateline's own date is left out: "said on Thursday" below it is about another day;
  so is a weekday after "last", "this" or "next" (a relative weekday, below).
* ``target year``: a target year ("by 2025") in a sentence in the future tense ("will",
  "is expected to"), against the document date. Stated when the future tense is in the
  year's clause or follows a sentence-opening "By 2025,"; inferred in another clause; a
  clause in the past ("which was to be finished by 2020") gives no relation.
* ``relative year``: "last year", "next year", "this year", "N years ago" set beside an
  explicit year ("Last year, in 2022, ...", "last year (2022)"); `amount` is the offset
  from the document's year. Another year of the sentence ("last year, twice the number in
  2015") is not tied. Stated.
* ``last weekday`` / ``this weekday`` / ``next weekday``: "next Tuesday" and an explicit
  date of its sentence ("this Thursday, Sept. 7, 2023"); `amount` is the weekday. Stated.
* ``duration period``: a duration set beside a period of years ("Over a decade, from 2010
  to 2020", "a decade (1990-1999)"). Stated. A length naming a period ("a 10-year plan")
  is a period length, not a duration.
* ``duration since``: a past duration ("over the past 40 years") and "since 1980" of its
  sentence, against the document date; `amount` is the start year. Stated side by side
  ("Since 1980, over the past 40 years"), inferred apart.
* ``anniversary``: "the 40th anniversary of the establishment of X" and the year of the
  occasion (a date or year of the sentence, or the document date when the sentence says
  "this year", "today" or celebrates); `items` holds the name X. Stated.
* ``founding``: a year stated as a founding ("X was established in 1980", "X, founded in
  1965", "Y, which set up X in 1994, ..."); `items` holds the name of what the verb
  founded, so that an anniversary in any document of the run can be joined with it by
  name. Stated.

Every relation that reads the document date carries it (`date`, `date_source`), and when
the text states it (a dateline, or the front matter's date, which extraction reads as a
claim), the claim that states the date is a member in role ``document_date``: a check on
the relation cites where the date came from. So does any time relation (timelines too)
holding a date that took its year or day from the document date ("On July 1, ...").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from hetao_facts import _rx
from hetao_facts.claims import Claim, PeriodClaim, Span
from hetao_facts.extract.dates import MONTHS, WEEKDAYS
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.numbers import parse_number

__all__ = ["cite_document_date", "date_claim", "reads_document_date", "times"]

#: a name that states a length, then its period: "Five-Year Plan (", "ten-year programme, "
_NAMED = _rx.compile(
    r"\b(?P<n>[A-Za-z]+|\d+)[- ](?P<unit>[Yy]ear|[Dd]ecade)s?(?![- ]old)\b"
    r"(?P<name>(?:[ -]+[A-Za-z][\w'’-]*){0,4}?)(?P<sep>\s*[(,:\u2013\u2014]\s*|\s+)$"
)
#: words that make the period something else than the named span ("a two-year study of
#: data from 2010-2020", "a 10-year bond issued for 2020-2030")
_NOT_IN_NAME = frozenset(
    [
        "of",
        "from",
        "for",
        "over",
        "in",
        "to",
        "on",
        "at",
        "by",
        "with",
        "between",
        "during",
        "covering",
        "covered",
        "since",
        "until",
        "through",
        "across",
        "after",
        "before",
        "the",
        "a",
        "an",
        "its",
        "their",
        "this",
        "that",
    ]
)
_ORDINAL_ENDINGS = ("st", "nd", "rd", "th")  # "second decade", "14th year": no length
_WEEKDAY = _rx.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DAY_BEFORE = _rx.compile(rf"\b({_DAYS})\s*,?\s*(?:the\s+)?$")
_DAY_AFTER = _rx.compile(rf"\s*(?:\(\s*|,\s*(?:a\s+)?)({_DAYS})\b")
_RECURRING_DAY = _rx.compile(r"\b(?:every|each)\s+$", re.I)
_DAY_RANGE = _rx.compile(rf"\s*(?:to|through|thru|-|–|and|or)\s*(?:{_DAYS})\b")
_DAY_RANGE_END = _rx.compile(rf"\b(?:{_DAYS})\s*(?:to|through|thru|-|–|and|or)\s*$")
_RELATIVE_BEFORE = _rx.compile(r"\b(?:[Ll]ast|[Tt]his|[Nn]ext)\s+$")
_FUTURE = _rx.compile(
    r"\b(?:will|shall|is to|are to|aims? to|plans? to|is expected to|are expected to|on track)\b",
    re.I,
)
_CLAUSE_BREAK = _rx.compile(r"[,;:()\u2013\u2014]|\s(?:but|while|whereas)\s")
#: a clause that reports a deadline in the past ("was to be finished by 2020")
_PAST_PLAN = _rx.compile(
    r"\b(?:was|were|had)\s+(?:\w+ly\s+)?(?:to|supposed|due|meant|\w+ed|been|\w+en)\b"
    r"|\b(?:originally|initially|previously|had|missed|did)\b",
    re.I,
)
#: a sentence that opens with its time: "By 2025, ...", "In 2030, ..."
_FRONTED = _rx.compile(
    r"\s*(?:by|in|before|until|till|through)\s+(?:the\s+end\s+of\s+)?\S+\s*$", re.I
)
#: "last year" counts from the document date; "the previous year" and "the following year"
#: count from a year the narrative names, so they are not tied to the document date
_REL_YEAR = _rx.compile(r"(?<!\bthe\s)\b(?P<which>last|this|next)\s+year\b", re.I)
_OFFSETS = {"last": -1, "this": 0, "next": 1}
_AGO = _rx.compile(
    r"\b(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten)\s+years\s+ago\b", re.I
)
#: between a relative year and the year that explains it: "last year, in 2022," "(2022)"
_APPOSED = _rx.compile(r"[\s,(\[–—-]*(?:(?:in|i\.e\.,?|that\s+is,?|namely)\s+)?", re.I)
_REL_DAY = _rx.compile(
    r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
#: between a duration and the years it spans: "Over a decade, from 2010 to 2020", "40 years
#: since 1980", "Since 1980, over the past 40 years", "a decade (1990-1999)"
_BESIDE = _rx.compile(
    r"[\s,;(\u2013\u2014-]*(?:(?:from|between|in|during|covering|spanning)\s+)?"
    r"(?:(?:over|in|for|during|across)\s+)?(?:(?:the|its)\s+)?(?:(?:past|last)\s+)?",
    re.I,
)
_ORDINAL_START = _rx.compile(r"(?:first|second|third|\w+th|\d+(?:st|nd|rd|th))\b", re.I)
_SINCE = _rx.compile(r"\bsince\s+(?:its\s+\w+\s+in\s+)?(?P<year>1[5-9]\d\d|20\d\d)\b", re.I)
_OF = _rx.compile(
    r"\s*(?:of\s+(?:the\s+)?(?:establishment|founding|foundation|creation|launch|opening|"
    r"inauguration|birth|start)\s+of\s+|of\s+)(?:the\s+)?"
    r"(?P<what>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*|\s+(?:of|and|for|the)\b)*)"
)
_OCCASION = _rx.compile(r"\b(?:this year|today|celebrat)", re.I)
_FOUNDED = _rx.compile(
    r"\b(?P<verb>established|founded|set\s+up|created|launched|opened|inaugurated|formed|began"
    r"|started)\b"
    r"(?:\s+\w+){0,3}?\s+in\s+(?:(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+)?(?P<year>1[5-9]\d\d|20\d\d)\b"
)
#: every match of `_FOUNDED` begins with one of these, as cased
_FOUNDED_WORDS = (
    "established", "founded", "set", "created", "launched", "opened", "inaugurated", "formed",
    "began", "started",
)  # fmt: skip
_PASSIVE = _rx.compile(r"\b(?:was|were|is|are|been|be|being)\s+(?:\w+ly\s+)?$|,\s*$", re.I)
_NAME = _rx.compile(r"[A-Z][\w'’&.-]*(?:\s+(?:(?:of|and|for|the|de)\s+)*[A-Z][\w'’&.-]*)*")
_DATELINE_REACH = 400  # a dateline stands at the top: "said on Thursday" below is another day


def date_claim(view: View) -> Claim | None:
    """The claim that states the document date: its dateline, or the date of its front
    matter (None when the caller gave the date: it stands nowhere in the text)."""
    return view.date_claim


def times(view: View) -> Iterator[Relation]:
    """Every time relation of the document (see the module docstring)."""
    dated = _Dated(view)
    named = list(_period_lengths(view))
    yield from named
    yield from _weekdays(view)
    yield from _target_years(view, dated)
    yield from _relative_years(view, dated)
    yield from _relative_days(view, dated)
    yield from _durations(view, dated, named)
    yield from _anniversaries(view, dated)
    yield from _foundings(view)


class _Dated:
    """The document date, and the members that cite it."""

    def __init__(self, view: View) -> None:
        self.date = view.doc.date
        self.source = view.doc.date_source
        self.claim = date_claim(view)

    def members(self, members: list[tuple[str, str]], *, reads_date: bool) -> list[tuple[str, str]]:
        """`members`, with the date's claim when the relation reads the document date."""
        if reads_date and self.claim is not None and self.claim.id not in {c for _, c in members}:
            return [*members, ("document_date", self.claim.id)]
        return members


def reads_document_date(c: Claim) -> bool:
    """Did this date take its year (or day) from the document date ("On July 1", "on
    Saturday")? (Extraction notes it; a year taken from an earlier date does not count.)"""
    return any("from the document date" in n for n in c.notes)


def cite_document_date(view: View, rel: Relation) -> Relation:
    """`rel`, reading the document date (`date`, `date_source`) when one of its claims took
    its year or day from it, with the claim that states the date as a member (role
    ``document_date``) when the text states it."""
    doc = view.doc
    if rel.date is not None or doc.date is None:
        return rel
    used = [view.by_id.get(i) for i in rel.claims]
    if not any(c is not None and reads_document_date(c) for c in used):
        return rel
    members = [(m.role, m.claim) for m in rel.members]
    stated = date_claim(view)
    if stated is not None and stated.id not in rel.claims:
        members.append(("document_date", stated.id))
    return Relation.make(
        rel.kind,
        rel.document,
        members,
        rel.strength,
        rel.span,
        cue=rel.cue,
        note=rel.note,
        confident=rel.confident,
        items=rel.items,
        date=doc.date,
        date_source=doc.date_source,
        amount=rel.amount,
    )


def _period_lengths(view: View) -> Iterator[Relation]:
    text = view.text
    for c in view.claims:
        if not isinstance(c, PeriodClaim) or isinstance(c.value[0], str):
            continue  # a quarter or a half-year, not a span of years
        lead = max(c.sentence.start, c.start - 80)
        m = _NAMED.search(text, lead, c.start)
        if not m:
            continue
        word = m.group("n")
        if word.lower().endswith(_ORDINAL_ENDINGS):
            continue  # "the second decade (2011-2020)" is one decade, not two
        words = m.group("name").replace("-", " ").split()
        if any(w.lower() in _NOT_IN_NAME for w in words):
            continue
        if not m.group("sep").strip() and not (words and all(w[0].isupper() for w in words)):
            continue  # no bracket or comma: only a proper name ("Five-Year Plan 2021-2025")
        n = parse_number(word)
        if n is None or n != int(n) or n <= 0:
            continue
        years = int(n) * (10 if m.group("unit").lower() == "decade" else 1)
        label = text[m.start() : c.start].strip(" (,;:")
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            [("period", c.id)],
            Strength.STATED,
            Span(start=m.start(), end=c.end),
            cue=label,
            note="period length",
            amount=years,
        )


def _full_date(c: Claim) -> bool:
    """A date with a day that the text writes in digits (not one read from a weekday)."""
    return c.kind == "date" and len(str(c.value)) == 10 and any(ch.isdigit() for ch in c.text)


def _attached(text: str, c: Claim, lo: int, hi: int) -> re.Match[str] | None:
    """The weekday written onto a date: "Monday, March 6, 2023", "on Monday the 6th",
    "March 6, 2023 (Monday)", "6 March, a Monday"."""
    m = _DAY_BEFORE.search(text, max(lo, c.start - 16), c.start)
    return m or _DAY_AFTER.match(text, c.end, min(hi, c.end + 16))


def _weekdays(view: View) -> Iterator[Relation]:
    """A full date and its weekday: written onto it (stated), else the nearest weekday of
    its sentence that belongs to no other date, else one in the sentence before or after
    (inferred). A recurring day ("every Tuesday", "Monday to Friday") names no date."""
    doc, text = view.doc, view.text
    for c in view.claims:
        if not _full_date(c):
            continue  # a date read from a weekday ("on Saturday") cannot test that weekday
        date = datetime.date.fromisoformat(str(c.value))
        if (
            doc.date == date
            and doc.date_source in {"dateline", "dateline_no_year", "front_matter"}
            and c.start < _DATELINE_REACH
        ):
            continue  # the dateline: "said on Thursday" below is about another day
        no = view.sentence_no(c.start)
        own = view.sentence(no)
        if own is None or not own.start <= c.start < max(own.end, own.start + 1):
            continue
        found = _attached(text, c, own.start, own.end)
        strength = Strength.STATED
        if found is None:
            strength = Strength.INFERRED
            found = _loose_weekday(view, c, no)
        if found is None:
            continue
        if _RELATIVE_BEFORE.search(text, max(0, found.start(1) - 6), found.start(1)):
            continue  # "next Tuesday, March 14": a relative weekday (HF606 owns it)
        day = found.group(1)
        yield cite_document_date(
            view,
            Relation.make(
                RelationKind.TIME,
                doc.id,
                [("date", c.id)],
                strength,
                Span(start=found.start(1), end=found.end(1)),
                cue=day,
                note="weekday",
                amount=WEEKDAYS[day.lower()],
            ),
        )


def _loose_weekday(view: View, c: Claim, no: int) -> re.Match[str] | None:
    """The weekday of a sentence nearest to `c` (its own sentence first, then the one
    before and the one after) that is not written onto another date and not recurring."""
    text = view.text
    for j in (no, no - 1, no + 1):
        s = view.sentence(j) if j >= 0 else None
        if s is None:
            continue
        others = [o for o in view.between(s.start, s.end) if o is not c and _full_date(o)]
        taken = {a.start(1) for o in others if (a := _attached(text, o, s.start, s.end))}
        days = [
            m
            for m in _WEEKDAY.finditer(text, s.start, s.end)
            if m.start(1) not in taken
            and not _RECURRING_DAY.search(text, max(s.start, m.start() - 8), m.start())
            and not _DAY_RANGE.match(text, m.end(), s.end)
            and not _DAY_RANGE_END.search(text, max(s.start, m.start() - 20), m.start())
        ]
        if days:
            return min(days, key=lambda m: min(abs(m.start() - c.end), abs(c.start - m.end())))
    return None


def _clause(text: str, s: Span, start: int, end: int) -> tuple[int, int]:
    """The clause of a sentence around [start, end): between the nearest breaks (a comma,
    semicolon, colon, dash, bracket, "but", "while", "whereas") on either side."""
    a = s.start
    for m in _CLAUSE_BREAK.finditer(text, s.start, start):
        a = m.end()
    after = _CLAUSE_BREAK.search(text, end, s.end)
    return a, (after.start() if after else s.end)


def _target_years(view: View, dated: _Dated) -> Iterator[Relation]:
    """A target year and the future tense of its sentence. Stated when the future cue is
    in the year's own clause, or the year opens the sentence ("By 2025, ... will") and the
    cue is in the clause after it; inferred when the cue is in another clause. A clause in
    the past ("which was to be finished by 2020", "originally due by 2021", "had cut ... by
    2021") reports a deadline, not a goal: no relation."""
    if dated.date is None:
        return
    text = view.text
    for c in view.claims:
        if c.kind != "year" or c.role is None or c.role.value != "target":
            continue
        s = c.sentence
        a, b = _clause(text, s, c.start, c.end)
        if _PAST_PLAN.search(text, a, b):
            continue
        m = _FUTURE.search(text, a, b)
        strength = Strength.STATED
        if m is None and a == s.start and b < s.end and _FRONTED.match(text, a, b):
            m = _FUTURE.search(text, b, _clause(text, s, b + 1, b + 1)[1])
        if m is None:
            m = _FUTURE.search(text, s.start, s.end)
            strength = Strength.INFERRED
        if m is None:
            continue
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            dated.members([("target", c.id)], reads_date=True),
            strength,
            Span(start=m.start(), end=m.end()),
            cue=m.group(),
            note="target year",
            date=dated.date,
            date_source=dated.source,
        )


def _relative_years(view: View, dated: _Dated) -> Iterator[Relation]:
    if dated.date is None:
        return
    text = view.text
    for y in view.claims:
        if y.kind != "year":
            continue
        s = y.sentence
        rel = _REL_YEAR.search(text, s.start, s.end) or _AGO.search(text, s.start, s.end)
        if rel is None:
            continue
        gap = text[rel.end() : y.start] if y.start >= rel.end() else text[y.end : rel.start()]
        if _APPOSED.fullmatch(gap) is None:
            continue  # "last year, twice the number in 2015": another year
        which = rel.groupdict().get("which")
        if which:
            offset = _OFFSETS[which.lower()]
        else:
            offset = -int(parse_number(rel.group("n").lower()) or 0)
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            dated.members([("year", y.id)], reads_date=True),
            Strength.STATED,
            Span(start=rel.start(), end=rel.end()),
            cue=rel.group(0),
            note="relative year",
            date=dated.date,
            date_source=dated.source,
            amount=offset,
        )


def _relative_days(view: View, dated: _Dated) -> Iterator[Relation]:
    if dated.date is None:
        return
    text = view.text
    for d in view.claims:
        value = str(d.value)
        if d.kind != "date" or len(value) != 10:
            continue
        rel = _REL_DAY.search(text, d.sentence.start, d.sentence.end)
        if rel is None or (d.start < rel.end() and rel.start() < d.end):
            continue  # no relative day, or the date was read from it: no second source
        which = rel.group("which").lower()
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            dated.members([("date", d.id)], reads_date=True),
            Strength.STATED,
            Span(start=rel.start(), end=rel.end()),
            cue=rel.group(0),
            note=f"{which} weekday",
            date=dated.date,
            date_source=dated.source,
            amount=WEEKDAYS[rel.group("day").lower()],
        )


def _durations(view: View, dated: _Dated, named: list[Relation]) -> Iterator[Relation]:
    """A duration set beside a period ("Over a decade, from 2010 to 2020"; stated), or a
    past duration and "since 1980" of its sentence (stated when they stand side by side,
    "Since 1980, over the past 40 years"; inferred elsewhere in the sentence). A length
    that names a period ("a 10-year plan (2021-2030)") is a period length, not a
    duration, and an ordinal ("the second year") is no duration."""
    text = view.text
    in_names = [(r.span.start, r.span.end) for r in named]
    for c in view.claims:
        if c.kind != "duration" or not c.interval or isinstance(c.value, tuple):
            continue
        if _ORDINAL_START.match(c.text) or any(a <= c.start < b for a, b in in_names):
            continue
        same = view.in_sentence(c)
        period = next(
            (
                o
                for o in same
                if isinstance(o, PeriodClaim)
                and isinstance(o.value[0], int)
                and _BESIDE.fullmatch(_between(text, c, o.start, o.end))
            ),
            None,
        )
        if period is not None:
            yield Relation.make(
                RelationKind.TIME,
                view.doc.id,
                [("duration", c.id), ("period", period.id)],
                Strength.STATED,
                Span(start=min(c.start, period.start), end=max(c.end, period.end)),
                cue=None,
                note="duration period",
            )
            continue
        m = _SINCE.search(text, c.sentence.start, c.sentence.end)
        if m is None or dated.date is None or c.role is None or c.role.value != "past":
            continue
        since = int(m.group("year"))
        src = [o.id for o in same if o.kind == "year" and int(str(o.value)) == since]
        beside = _BESIDE.fullmatch(_between(text, c, m.start(), m.end())) is not None
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            dated.members([("duration", c.id), *(("since", i) for i in src)], reads_date=True),
            Strength.STATED if beside else Strength.INFERRED,
            Span(start=m.start(), end=m.end()),
            cue=m.group(0),
            note="duration since",
            date=dated.date,
            date_source=dated.source,
            amount=since,
        )


def _between(text: str, c: Claim, start: int, end: int) -> str:
    """The text between a claim and the span [start, end), whichever comes first."""
    return text[c.end : start] if c.end <= start else text[end : c.start]


def _anniversaries(view: View, dated: _Dated) -> Iterator[Relation]:
    text = view.text
    for c in view.claims:
        noun = (getattr(c, "noun", None) or "").lower()
        if c.kind != "ordinal" or not noun.startswith("anniversar"):
            continue
        m = _OF.match(text, c.end, c.sentence.end)
        if not m:
            continue
        what = m.group("what").strip()
        event = next(
            (
                o
                for o in view.in_sentence(c)
                if o.kind == "date" or (o.kind == "year" and o.start != c.start)
            ),
            None,
        )
        if event is not None:
            members = dated.members(
                [("anniversary", c.id), ("event", event.id)], reads_date=reads_document_date(event)
            )
            reads = reads_document_date(event)
        elif dated.date is not None and _OCCASION.search(text, c.sentence.start, c.sentence.end):
            members = dated.members([("anniversary", c.id)], reads_date=True)
            reads = True
        else:
            continue
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            members,
            Strength.STATED,
            Span(start=c.start, end=m.end()),
            cue=text[c.end : m.end()].strip(),
            note="anniversary",
            items=(what,),
            date=dated.date if reads else None,
            date_source=dated.source if reads else None,
        )


def _foundings(view: View) -> Iterator[Relation]:
    """Each founding verb with its year ("X was founded in 1965", "X, established in 1980,",
    "Y, which set up X in 1994, ..."), with the names of what was founded: the names
    between an active verb and its year ("set up the Lakeside Museum in 1994"), else the
    last names before the verb in its clause ("Mayor Li said the Lakeside Museum was
    founded in 1994"), else the first name of the sentence ("Riverside University, founded
    in 1965, ...")."""
    text = view.text
    for m in view.matches(_FOUNDED, _FOUNDED_WORDS):
        s = view.sentence(view.sentence_no(m.start()))
        if s is None or not s.start <= m.start() < s.end:
            continue
        at = m.start("year")
        year = next(
            (
                o
                for o in view.between(s.start, m.end("year"))
                if o.kind in {"year", "date"} and o.start <= at < o.end
            ),
            None,
        )
        if year is None:
            continue
        passive = _PASSIVE.search(text, max(s.start, m.start() - 12), m.start()) is not None
        names: tuple[str, ...] = ()
        if not passive:
            names = _names(text, s, m.end("verb"), m.start("year"))
        if not names:
            a, _b = _clause(text, s, m.start(), m.end())
            before = _names(text, s, a, m.start())
            names = before[-1:] if before else _names(text, s, s.start, s.end)[:1]
        if not names:
            continue
        yield Relation.make(
            RelationKind.TIME,
            view.doc.id,
            [("founded", year.id)],
            Strength.STATED,
            Span(start=m.start(), end=m.end()),
            cue=m.group(0),
            note="founding",
            items=names,
        )


_NOT_NAMES = frozenset({*MONTHS, *WEEKDAYS})
_OPENERS = frozenset(
    [
        "when",
        "while",
        "after",
        "before",
        "since",
        "then",
        "in",
        "on",
        "at",
        "by",
        "from",
        "with",
        "as",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "they",
        "we",
        "our",
        "their",
        "his",
        "her",
        "once",
        "later",
        "today",
        "now",
    ]
)


def _names(text: str, s: Span, start: int, end: int) -> tuple[str, ...]:
    """The capitalized names of a sentence ("The Riverside University" is "Riverside
    University"); a lone word that opens the sentence as a function word or adverb
    ("When", "Subsequently") and month or weekday names are not names."""
    out: dict[str, None] = {}
    for m in _NAME.finditer(text, start, end):
        words = m.group().split()
        if words[0] in {"The", "A", "An"}:
            words = words[1:]
        if not words:
            continue
        w = words[0]
        if (
            len(words) == 1
            and m.start() == s.start
            and (w.lower() in _OPENERS or w.endswith(("ly", "ing")))
        ):
            continue  # "When ...", "Subsequently, ...", "Drilling began ...": no name
        if len(words) == 1 and words[0].rstrip(".").lower() in _NOT_NAMES:
            continue
        out[" ".join(words).rstrip(".")] = None
    return tuple(out)
