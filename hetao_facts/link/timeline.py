"""Time order the text states between dated events.

* a sentence that opens with a sequence cue ("Subsequently, ...", "Later, ...", "After
  that, ...", "Since then, ...") happens after the latest date of the sentence before it:
  "The first section opened in June 2009. Later, sections opened in April 2012
  and September 2013" says June 2009 <= April 2012 and September 2013;
* a start and its planned or actual end in one sentence: "work began in 2012 and was to
  finish by 2016", "launched in 2008 and expected to be finished by June 2013".

Both are stated. A date's extent is the whole year or month it names, so "2015" and
"March 2015" are in order with each other either way.

* a chronicle: a document that tells its dated events in the order they happened (a
  history: "proposed in 1856 ... started in the early 1900s ... abandoned in 1911 ... opened
  in 1978"), or whose dates with a day do ("the survey day, June 3 ... the first results,
  October 14 ... the final report, March 2"). Planned dates, dates after "since" (a reference,
  not an event) and table cells are left out; a dateline is the time of writing, so it
  comes last.
* numbered stages: "the first phase ... in 2024", "phase 2 ... by 2031-32": each date is
  tied to the stage named nearest to it in its sentence, and a later stage must not start
  before an earlier one (inferred). Found
  by the order alone, so it is inferred: at least four events (three dates with a day) in
  order pass. A text with any date out of order is no chronicle and gives no relation: a
  flashback ("The first phase, opened in 2017, ...") and a wrong year read alike.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.link.times import cite_document_date

__all__ = ["TIMES", "backwards", "extent", "timelines"]

TIMES = frozenset({"year", "date", "period"})
_THEN = _rx.compile(
    r"\s*(?:Subsequently|Later|Afterwards|Afterward|Thereafter|After\s+that|"
    r"Since\s+then|Then|Next|Following\s+that)\b",
    re.I,
)
_START = _rx.compile(
    r"\b(?:began|begun|begin|started|start|initiated|launched|commenced|founded|"
    r"established|conceived|proposed|approved|sanctioned)\b[^.;]{0,20}$",
    re.I,
)
_END = _rx.compile(
    r"\b(?:complet(?:e|ed|ion)|finish(?:ed)?|end(?:ed)?|open(?:ed)?|ready|done|"
    r"operational|commissioned|inaugurated)\b",
    re.I,
)
_BY = _rx.compile(r"\b(?:by|in|until|till|before)\s+(?:the\s+end\s+of\s+)?$", re.I)


def extent(c: Claim) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a year, month, date or period claim can mean."""
    v = c.value
    try:
        if c.kind == "year" and isinstance(v, int):
            return datetime.date(v, 1, 1), datetime.date(v, 12, 31)
        if c.kind == "period" and isinstance(v, tuple):
            return datetime.date(int(v[0]), 1, 1), datetime.date(int(v[1]), 12, 31)
        if c.kind == "date" and isinstance(v, str):
            parts = [int(p) for p in v.split("-")]
            if len(parts) == 3:
                d = datetime.date(*parts)
                return d, d
            if len(parts) == 2:
                y, m = parts
                first = datetime.date(y, m, 1)
                nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
                return first, nxt - datetime.timedelta(days=1)
    except ValueError:
        return None
    return None


def backwards(events: Sequence[Claim]) -> list[tuple[Claim, Claim]] | None:
    """Each neighbouring pair whose second event ends before the first begins, in text
    order; None when an event has no date extent (no verdict)."""
    spans = [extent(c) for c in events]
    if any(e is None for e in spans):
        return None
    return [
        (events[i - 1], events[i])
        for i in range(1, len(events))
        if (x := spans[i - 1]) is not None and (y := spans[i]) is not None and x[0] > y[1]
    ]


def _times(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in TIMES]


def _planned(c: Claim) -> bool:
    return c.role is not None and c.role.value == "target"


def timelines(view: View) -> Iterator[Relation]:
    for found in (_after_cue, _start_end, _chronicle, _stages, _stage_years):
        for rel in found(view):
            yield cite_document_date(view, rel)  # a date whose year is the document's


_STAGED = _rx.compile(
    r"\b(?:two|three|four|\d)[- ](?:stage|phase|step)\b|\bstages?\b|\bphases?\b"
    r"|\bfirst stage\b|\bsecond stage\b",
    re.I,
)


def _stage_years(view: View) -> Iterator[Relation]:
    """A sentence about stages or phases listing years ("two-stage objectives for 2025 and
    2035"): the years, in text order, are the stages' years in order (stated)."""
    by_sentence: dict[int, list[Claim]] = {}
    for c in view.claims:
        if c.kind == "year":
            by_sentence.setdefault(c.sentence.start, []).append(c)
    for years in by_sentence.values():
        if len(years) < 2:
            continue
        s = years[0].sentence
        m = _STAGED.search(view.text, s.start, s.end)
        if m is None:
            continue
        yield Relation.make(
            RelationKind.TIMELINE,
            view.doc.id,
            [("event", c.id) for c in years],
            Strength.STATED,
            Span(start=s.start, end=s.end),
            cue=m.group(),
            note="stage years",
        )


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "6th": 6, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6,
}  # fmt: skip
_STAGE = _rx.compile(
    r"\b(?:(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd"
    r"|[4-6]th)[\s-]+(?:phase|stage|tranche|leg)"
    r"|(?:phase|stage)[\s-]*(?P<n>[1-9]|I{1,3}|IV|VI?|one|two|three|four|five|six)\b)",
    re.I,
)


def _stage_no(m: re.Match[str]) -> int:
    word = (m.group("o") or m.group("n")).lower()
    return int(word) if word.isdigit() else _ORDINALS[word]


def _stages(view: View) -> Iterator[Relation]:
    """Dates of numbered stages ("the first phase ... in 2024", "phase 2 ... by 2031"):
    a later stage does not start before an earlier one (inferred: each date is tied to
    the stage named nearest to it in its sentence)."""
    by_stage: dict[int, list[Claim]] = {}
    for c in view.claims:
        if c.kind not in TIMES or view.in_table(c) or extent(c) is None:
            continue
        sent = c.sentence
        marks = list(_STAGE.finditer(view.text, sent.start, sent.end))
        if not marks:
            continue
        before = [m for m in marks if m.end() <= c.start]
        after = [m for m in marks if m.start() >= c.end]
        m = before[-1] if before else (after[0] if after else None)
        if m is None:
            continue
        by_stage.setdefault(_stage_no(m), []).append(c)
        if len(by_stage) > _MAX_EVENTS:
            return
    if len(by_stage) < 2 or sum(len(v) for v in by_stage.values()) < 3:
        return
    members: list[tuple[str, str]] = []
    for no in sorted(by_stage):
        times = sorted(by_stage[no], key=lambda c: extent(c) or (datetime.date.max,) * 2)
        members.append(("event", times[0].id))
        members.extend(("also", c.id) for c in times[1:])
    claims = [c for v in by_stage.values() for c in v]
    yield Relation.make(
        RelationKind.TIMELINE,
        view.doc.id,
        members,
        Strength.INFERRED,
        Span(start=min(c.start for c in claims), end=max(c.end for c in claims)),
        cue="numbered stages",
        note="stages",
    )


_MIN_EVENTS = 4
_MIN_DAYS = 3
_MAX_EVENTS = 400


def _chronicle(view: View) -> Iterator[Relation]:
    events = [
        (c, e)
        for c in view.claims
        if c.kind in TIMES
        and not _planned(c)
        and not (c.role is not None and c.role.value == "since")
        and not view.in_table(c)
        and (e := extent(c)) is not None
    ][:_MAX_EVENTS]
    doc = view.doc
    if (
        events
        and doc.date is not None
        and doc.date_source in {"dateline", "front_matter"}
        and events[0][0].kind == "date"
        and events[0][0].value == doc.date.isoformat()
    ):
        # the dateline (or front matter date) is the time of writing: it comes after the
        # events the text reports
        events = [*events[1:], events[0]]
    days: list[tuple[Claim, tuple[datetime.date, datetime.date]]] = [
        (c, e) for c, e in events if c.kind == "date" and str(c.value).count("-") == 2
    ]
    for seq, least in ((events, _MIN_EVENTS), (days, _MIN_DAYS)):
        if len(seq) < least:
            continue
        if any(seq[i - 1][1][0] > seq[i][1][1] for i in range(1, len(seq))):
            continue  # not told in order: a flashback and a wrong year read alike
        claims = [c for c, _ in seq]
        yield Relation.make(
            RelationKind.TIMELINE,
            view.doc.id,
            [("event", c.id) for c in claims],
            Strength.INFERRED,
            Span(start=claims[0].start, end=claims[-1].end),
            note="chronicle",
        )
        return


def _after_cue(view: View) -> Iterator[Relation]:
    text = view.text
    n = len(view.doc.sentences)
    for no in range(1, n):
        sent, prev = view.sentence(no), view.sentence(no - 1)
        if sent is None or prev is None:
            continue
        m = _THEN.match(text, sent.start, sent.end)
        if not m:
            continue
        # what happened, not what was planned: "was due by 2023. Later, in 2022, ..."
        before = [c for c in _times(view.between(prev.start, prev.end)) if not _planned(c)]
        after = [c for c in _times(view.between(sent.start, sent.end)) if not _planned(c)]
        if not before or not after:
            continue
        yield Relation.make(
            RelationKind.TIMELINE,
            view.doc.id,
            [("earlier", before[-1].id), *(("later", c.id) for c in after)],
            Strength.STATED,
            Span(start=before[-1].start, end=after[-1].end),
            cue=m.group().strip(),
            note="sequence",
        )


def _start_end(view: View) -> Iterator[Relation]:
    text = view.text
    seen: set[str] = set()
    for c in view.claims:
        if c.kind not in TIMES or c.id in seen:
            continue
        lead = text[max(c.sentence.start, c.start - 40) : c.start]
        m = _START.search(lead)
        if not m:
            continue
        for e in _times(view.between(c.end, c.sentence.end)):
            between = text[c.end : e.start]
            end = _END.search(between)
            if end and _BY.search(between):
                seen.add(e.id)
                yield Relation.make(
                    RelationKind.TIMELINE,
                    view.doc.id,
                    [("earlier", c.id), ("later", e.id)],
                    Strength.STATED,
                    Span(start=c.start, end=e.end),
                    cue=f"{m.group().split()[0]} ... {end.group()}",
                    note="start and end",
                )
                break
