"""Time order the text states between dated events.

* a sentence that opens with a sequence cue ("Subsequently, ...", "Later, ...", "After
  that, ...", "Since then, ...") happens after the latest date of the sentence before it:
  "The first stretch opened in October 2011. Subsequently, stretches opened in March 2014
  and May 2015" says October 2011 <= March 2014 and May 2015;
* a start and its planned or actual end in one sentence: "work began in 2017 and was to
  finish by 2019", "initiated in 2005 and estimated to be completed by March 2015".

Both are stated. A date's extent is the whole year or month it names, so "2015" and
"March 2015" are in order with each other either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["TIMES", "timelines"]

TIMES = frozenset({"year", "date", "period"})
_THEN = re.compile(
    r"\s*(?:Subsequently|Later|Afterwards|Afterward|Thereafter|After\s+that|"
    r"Since\s+then|Then|Next|Following\s+that)\b",
    re.I,
)
_START = re.compile(
    r"\b(?:began|begun|begin|started|start|initiated|launched|commenced|founded|"
    r"established|conceived|proposed|approved|sanctioned)\b[^.;]{0,20}$",
    re.I,
)
_END = re.compile(
    r"\b(?:complet(?:e|ed|ion)|finish(?:ed)?|end(?:ed)?|open(?:ed)?|ready|done|"
    r"operational|commissioned|inaugurated)\b",
    re.I,
)
_BY = re.compile(r"\b(?:by|in|until|till|before)\s+(?:the\s+end\s+of\s+)?$", re.I)


def _times(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in TIMES]


def _planned(c: Claim) -> bool:
    return c.role is not None and c.role.value == "target"


def timelines(view: View) -> Iterator[Relation]:
    yield from _after_cue(view)
    yield from _start_end(view)


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
