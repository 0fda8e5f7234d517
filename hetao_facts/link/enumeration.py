"""Enumerations: an announced count and the items the text lists for it.

"The three key positionings are: a, b, and c" (a list after a colon, also past the end of
the count's sentence), a Markdown bullet or numbered list introduced by the count's
sentence (items read from the document structure, across hard wraps), "four major tasks
... First, ... Second, ..." (markers in the next sentences or paragraphs of the same
speaker), "three platforms in Hengqin, Qianhai and Nansha" (a defining list of names), a
list before its count ("a, b, c and d, which we refer to as the 'four joints'"), "these
four platforms" after an earlier list of names (loose), "the two stages, 2025 and 2035"
(years), a list after a dash or names in brackets, "One ... the other" (loose), and "such
as" / "including" lists, which are examples (note ``examples``: a shorter list is never a
failure).

Each is a stated `enumeration` relation: the count claim, the items as written (`items`)
and how they were found (`note`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts._ops import OPS
from hetao_facts.claims import Claim, Span
from hetao_facts.documents import Document
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.relations import split_list

__all__ = ["enumerations", "ordinal_series", "sized_items"]


@dataclass(frozen=True)
class _Found:
    items: list[str]
    how: str
    note: str
    loose: bool = field(default=False)


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_MARKER = _rx.compile(
    r"(?:(?<=^)|(?<=[\n.:;!?\"”] )|(?<=\n))\s*"
    r"(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly|Last)"
    r"\b(?:\s+of\s+all)?\s*,",
    re.I,
)
_AFTER_LIST = _rx.compile(
    r"^[^.:]{0,60}?"
    r"(?:\b(?:are|is|include|includes|comprise|comprises|were|as follows|namely))?"
    # the list runs on over hard-wrapped lines, up to a blank line or a list marker
    r"\s*:\s*(?P<list>[^\n]+(?:\r?\n(?![ \t]*\r?\n|[ \t]*(?:[-*•+]|\d{1,3}[.)])[ \t])[^\n]+)*)",
    re.S,
)
_FOLLOWS = _rx.compile(
    r"^[^.\n]{0,80}?\b(?:as follows|the following)\b|^[^.\n]{0,80}:\s*$|^[\"”]?\s*[.:]\s*[\"”]?\s*$"
)
_EXAMPLES = _rx.compile(
    r"^\s*,?\s*(?:such as|including|like|e\.g\.|for example|for instance|among them|among which)\b",
    re.I,
)
_NAMED_AS = _rx.compile(
    r"(?:known as|referred to as|refer to as|called|dubbed|termed)\s+(?:the\s+)?"
    r"(?P<list>[^.;]+?),?\s+(?:which|that|as)\s+(?:we\s+|is\s+|are\s+)?"
    r"(?:refer to as|call|called|known as|referred to as)\s+(?:the\s+)?[\"“]?$",
    re.I,
)
#: What every match of `_LIST_BEFORE` ends with (at most 54 characters: searched in the
#: last 60 before the count, an exact necessary condition).
_LIST_BEFORE_END = _rx.compile(r"(?:which|that|known as|referred to as|called)\b[^.]{0,40}$", re.I)
_DETERMINER_END = _rx.compile(r"\b(?:these|those|the)$", re.I)


def _may_end_naming(text: str, start: int, end: int) -> bool:
    """False only when `_NAMED_AS` cannot match text[start:end]: every match ends with
    'as', 'call' or 'called', whitespace, an optional 'the ', an optional quote."""
    lo = max(start, end - 400)
    t = text[lo:end]
    t = t[:-1] if t.endswith(('"', "“")) else t
    t = t.rstrip()
    if t[-3:].lower() == "the":
        t = t[:-3].rstrip()
    if not t and lo > start:
        return True  # a run of spaces longer than the window: search in full
    return t[-6:].lower().endswith(("as", "call", "called"))


def _ends_with_determiner(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with the word 'these', 'those' or 'the' (and spaces),
    found without searching the whole sentence before the count."""
    lo = max(start, end - 400)
    t = text[lo:end].rstrip()
    if not t and lo > start:  # a run of spaces longer than the window: search in full
        return bool(re.search(r"\b(?:these|those|the)\s*$", text[start:end], re.I))
    stop = lo + len(t)
    # sliced, like the sentence was: its start is a word boundary
    return bool(_DETERMINER_END.search(text[max(start, stop - 6) : stop]))


_LIST_BEFORE = _rx.compile(
    r"(?P<list>(?:[A-Za-z][\w' -]{0,40},\s+){2,}(?:and|or)\s+[A-Za-z][\w' -]{0,40})"
    r"[,;]?\s*(?:which|that|known as|referred to as|called)\b[^.]{0,40}$",
    re.I,
)


def _items_after_colon(text: str, start: int, end: int) -> list[str] | None:
    """'The three key positionings are: a, b, and c.' -> [a, b, c]."""
    m = _AFTER_LIST.match(text[start:end])
    if not m:
        return None
    body = " ".join(m.group("list").split())
    body = re.split(r"(?<=[a-z)\]])\.(?:\s|$)", body, maxsplit=1)[0]
    items = split_list(body)
    return items if len(items) >= 2 else None


_SENTENCE_END = _rx.compile(r"[.!?](?:\s|$)")
#: Longer than a marker ("Secondly of all ,") with its spaces, so a marker that starts by a
#: sentence end is matched whole.
_MARKER_REACH = 400


def _markers_after(doc: Document, pos: int, limit: int) -> tuple[int, int] | None:
    """Count 'First, ... Second, ... Third, ...' markers right after pos (within `limit`).

    Returns (count, end offset of the last marker) or None when no list starts there.
    """
    text = doc.text
    window_end = min(len(text), limit)
    # A first marker past the second sentence end is refused below, so the search for it
    # stops a little after that end instead of running to the end of the document (once
    # per count: quadratic when a count sentence repeats through a document).
    ends = _SENTENCE_END.finditer(text, pos, window_end)
    second = next(ends, None) and next(ends, None)
    bound = window_end if second is None else min(window_end, second.start() + _MARKER_REACH)
    OPS.add("enumeration.marker_scanned", bound - pos)
    m0 = _MARKER.search(text, pos, bound)
    if m0 is None and bound < window_end and not text[bound - _MARKER_REACH : bound].strip():
        m0 = _MARKER.search(text, pos, window_end)  # a marker after a long run of spaces
    first = m0 if m0 is not None and m0.group(1).lower() == "first" else None
    if first is None:
        return None
    # the first marker must come within the next two sentences
    gap = text[pos : first.start()]
    if len(re.findall(r"[.!?](?:\s|$)", gap)) > 1:
        return None
    n = 1
    last_end = first.end()
    for m in _MARKER.finditer(text, first.end(), window_end):
        w = m.group(1).lower()
        if w == "first":
            break
        if n < len(_ORDINALS) and w == _ORDINALS[n]:
            n += 1
            last_end = m.end()
        elif w in {"finally", "lastly", "last"}:
            n += 1
            last_end = m.end()
            break
    return n, last_end


#: a list after a dash that follows the counted noun
_DASH_LIST = _rx.compile(r"^[^.:;—–()\n]{0,40}?[ \t](?:—|–|--|-)[ \t]*(?P<list>[^.;:—–\n]+)")
#: a list of names in brackets right after the counted noun
_PAREN_LIST = _rx.compile(r"^[^.:;()]{0,30}?\s*\((?P<list>[^()]{3,200})\)")
_ONE_OTHER = _rx.compile(
    r"^\s*(?:The\s+)?(?:One|First)\b[^.]*\b(?:the\s+other|the\s+second)\b", re.I
)


#: an item that is itself a number of things ("30 underground", "two for trains")
_QUANTIFIED = _rx.compile(
    r"^\s*(?:about\s+|some\s+|nearly\s+|over\s+)?(?:\d[\d,.]*|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|a\s+third|half)\b",
    re.I,
)


def enumerations(view: View) -> Iterator[Relation]:
    """Every announced count with the list the text gives for it."""
    for c in view.claims:
        if c.kind != "count":
            continue
        found = _list_for(view, c)
        if found is None or not found.items:
            continue
        if all(_QUANTIFIED.match(i) for i in found.items):
            continue  # "48 stations: 30 underground and 18 elevated" is a breakdown (totals)
        yield Relation.make(
            RelationKind.ENUMERATION,
            view.doc.id,
            [("count", c.id)],
            Strength.STATED,
            Span(start=c.start, end=c.sentence.end),
            cue=found.how,
            note=found.note,
            confident=not found.loose,
            items=tuple(i[:80] for i in found.items),
        )


def _block_list(view: View, c: Claim) -> _Found | None:
    """A bullet or numbered list introduced by the count's sentence ("three tasks:")."""
    text = view.text
    if view.doc.format != "markdown":
        return None  # plain-text list items are not yet split reliably across wraps
    lists, starts = view.intro_lists
    i = bisect_right(starts, c.start) - 1
    for lst in lists[max(i, 0) : i + 1]:
        intro = lst.intro
        if intro is None or not (intro.start <= c.start < intro.end):
            continue
        tail = text[c.end : intro.end]
        if not re.match(r"^[^:.]{0,60}:\s*$", tail):
            continue
        if any(o.kind == "count" for o in view.between(c.end, intro.end)):
            return None  # the colon belongs to a later count
        items = [
            re.sub(
                r"(?:,\s*)?\s+(?:and|or)$", "", re.sub(r"\s+", " ", text[i.start : i.end])
            ).strip(" ,;.")
            for i in lst.items
        ]
        how = "the numbered list has" if lst.ordered else "the bullet list has"
        return _Found([i for i in items if i], how, "list")
    return None


def _list_for(view: View, c: Claim) -> _Found | None:
    doc = view.doc
    text = doc.text
    sent = c.sentence
    after = text[c.end : sent.end]
    block = _block_list(view, c)
    if block is not None:
        return block
    # "such as" / "including": examples
    if _EXAMPLES.match(after):
        m = re.match(
            r"^\s*,?\s*(?:such as|including|like|e\.g\.|for example|for instance"
            r"|among them|among which)\s+(?P<list>[^.;:]+)",
            after,
            re.I,
        )
        if m:
            return _Found(split_list(m.group("list")), "the examples list", "examples")
        return None
    # "in Hengqin, Qianhai, and Nansha": a defining list of names
    m = re.match(
        r"^\s+(?:in|of|at|from|between)\s+(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)",
        after,
    )
    if m:
        return _Found(split_list(m.group("list")), "the text names", "names")
    # "... are: a, b, and c" (the colon must follow this count, not a later one)
    colon = text.find(":", c.end, sent.end)
    between = text[c.end : colon] if colon >= 0 else ""
    if colon >= 0:
        later = [o for o in view.between(c.end, colon) if o.kind == "count"]
        if later or len(between) > 40:
            return None
    colon_items = _items_after_colon(text, c.end, sent.end)
    if colon_items is None and re.match(r"^[^.]{0,40}:\s*$", text[c.end : sent.end]) is None:
        # the colon may end the sentence span; look past it
        nxt = text[c.end : min(len(text), sent.end + 400)]
        if re.match(r"^[^.\n]{0,60}\b(?:are|is|include|includes)\s*:", nxt):
            colon_items = _items_after_colon(text, c.end, min(len(text), sent.end + 2000))
    if colon_items is not None:
        return _Found(colon_items, "the list after the colon has", "colon")
    # "two routes — a river route and a hill route"; "(Ardley, Brisk and Calver)"
    after_count = text[c.end : sent.end]
    m = _DASH_LIST.match(after_count) or _PAREN_LIST.match(after_count)
    if m:
        items = split_list(m.group("list"))
        if len(items) >= 2 and (
            m.re is _DASH_LIST or not any(ch.isdigit() for ch in m.group("list"))
        ):
            how = "the list after the dash has" if m.re is _DASH_LIST else "the brackets name"
            return _Found(items, how, "dash" if m.re is _DASH_LIST else "brackets")
    # "two reports. One is ..., while the other ...": two items (loose: it may be two of many)
    if isinstance(c.value, Decimal) and 2 <= c.value <= 10:
        following = view.sentence(view.sentence_no(sent.start) + 1)
        if following is not None and following.start < view.paragraph_of(c.start).end + 1:
            follow = text[following.start : following.end]
            head = (getattr(c, "noun", None) or "").lower().split()[-1:] or [""]
            stem = head[0][:-1] if head[0].endswith("s") else head[0]
            announces = bool(re.fullmatch(r"[^,;:]{0,30}[.!]?\s*", text[c.end : sent.end])) or (
                len(stem) > 2 and re.search(rf"\b{re.escape(stem)}", follow, re.I) is not None
            )  # the count ends its sentence, or the next one names its noun again
            if announces and _ONE_OTHER.match(follow):
                return _Found(
                    ["one", "the other"], "the next sentence describes", "one-other", loose=True
                )
    # "the years 2025 and 2035" for stages and phases
    noun = (getattr(c, "noun", None) or "").lower()
    if re.search(r"\b(?:stage|stages|phase|phases|step|steps)\b", noun):
        years = [y for y in view.between(c.end + 1, sent.end) if y.kind == "year"]
        if len(years) >= 2:
            return _Found([y.text for y in years], "the sentence names years for", "years")
    # Markers in the next sentences: "First, ... Second, ..."
    follows = _FOLLOWS.match(text[c.end : sent.end + 1])
    if follows:
        limit = _turn_end(doc, c.start)
        got = _markers_after(doc, sent.end, limit)
        if got is not None and got[0] >= 2:
            return _Found(
                [w.capitalize() for w in _ORDINALS[: got[0]]],
                "the following paragraphs enumerate",
                "markers",
            )
    # A list before the count: "known as a, b, c and d, which we refer to as the 'four joints'"
    lead = text[sent.start : c.start]
    m2 = None
    # Both patterns end at the count: test their bounded endings first, so a sentence of
    # many counts is not searched from its start once per count (quadratic).
    if _may_end_naming(text, sent.start, c.start):
        OPS.add("enumeration.lead_scanned", len(lead))
        m2 = _NAMED_AS.search(lead)
    if m2 is None and _LIST_BEFORE_END.search(text, max(sent.start, c.start - 60), c.start):
        OPS.add("enumeration.lead_scanned", len(lead))
        m2 = _LIST_BEFORE.search(lead)
    if m2:
        items = split_list(m2.group("list"))
        if len(items) >= 2:
            return _Found(items, "the list before it has", "before")
    # "these four platforms" after a list of names with the same noun
    if noun and _ends_with_determiner(text, sent.start, c.start):
        head = noun.split()[-1]
        found = _previous_list(doc, c, head)
        if found is not None:
            return _Found(found, f"the nearest earlier list of {head} names", "earlier", loose=True)
    return None


def _turn_end(doc: Document, pos: int) -> int:
    """Where the current speaker's turn (or the document) ends."""
    speaker = doc.speaker_at(pos)
    if speaker is None:
        return len(doc.text)
    paras = doc.paragraphs
    lo, hi = 0, len(paras)
    while lo < hi:  # first paragraph starting after pos
        mid = (lo + hi) // 2
        if paras[mid].start > pos:
            hi = mid
        else:
            lo = mid + 1
    for s in paras[lo : lo + 200]:  # a list runs a few paragraphs, not the whole text
        if doc.speaker_at(s.start) != speaker:
            return s.start
    return paras[min(lo + 200, len(paras)) - 1].end if paras[lo:] else len(doc.text)


def _previous_list(doc: Document, c: Claim, head: str) -> list[str] | None:
    text = doc.text
    lo = max(0, c.start - 3000)
    if text.find(head, lo, c.start) < 0:
        return None  # every match names the noun (as cased): none before the count
    pat = re.compile(
        rf"\b{re.escape(head)}\b[^.]{{0,80}}?(?:including|such as|:|namely|like)\s+"
        r"(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+"
        r"(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)"
    )
    last = None
    for m in pat.finditer(text, lo, c.start):
        last = m
    if last is None:
        return None
    return split_list(last.group("list"))


#: "two theatres with 750 and 420 seats", "three reservoirs of 40, 55 and 70 million m³"
_SIZED = _rx.compile(r"\s*(?:with|of|measuring|seating|holding)\s+(?:capacities\s+of\s+)?$", re.I)
_SIZED_GAP = _rx.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def sized_items(view: View) -> Iterator[Relation]:
    """A count of things followed by one figure for each ("two theatres with 750 and
    420 capacity each"): the figures are the items (note ``sizes``). A size may be given
    once for several things ("three halls with 750 and 420 seats" may mean two of one
    size), so fewer sizes than things are not linked, and more only warn (loose)."""
    text = view.text
    claims = list(view.claims)
    for i, c in enumerate(claims):
        if c.kind != "count" or not getattr(c, "noun", None):
            continue
        value = getattr(c, "value", None)
        if not isinstance(value, Decimal) or value != int(value) or not 2 <= value <= 12:
            continue
        run: list[Claim] = []
        pos = c.end
        for d in claims[i + 1 :]:
            gap = text[pos : d.start]
            ok = _SIZED.fullmatch(gap) if not run else _SIZED_GAP.fullmatch(gap)
            if ok is None or d.sentence != c.sentence or d.kind in {"year", "date", "ordinal"}:
                break
            run.append(d)
            pos = d.end
            if re.search(r"\band\b", gap) and len(run) > 1:
                break
        if len(run) < 2 or not re.search(r"\band\b", text[run[-2].end : run[-1].start]):
            continue
        if any(d.kind != run[0].kind for d in run) or len(run) < value:
            continue  # fewer sizes than things: a size may stand for several
        yield Relation.make(
            RelationKind.ENUMERATION,
            view.doc.id,
            [("count", c.id)],
            Strength.STATED,
            Span(start=c.start, end=run[-1].end),
            cue=text[c.end : run[0].start].strip(),
            note="sizes",
            confident=False,
            items=tuple(d.text for d in run),
        )


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL_NOUN = _rx.compile(
    r"\b(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
    r"(?P<noun>[a-z]{4,})\b",
    re.I,
)


def ordinal_nouns(view: View) -> Iterator[re.Match[str]]:
    """The matches of `_ORDINAL_NOUN` in the text, as ``finditer`` gives them (tried only
    where an ordinal word stands, see `View.matches`)."""
    return view.matches(_ORDINAL_NOUN, tuple(_ORDINAL_WORDS), folded=True)


def _may_count_stages(c: Claim) -> bool:
    """The tests `ordinal_series` puts to a count before it looks for its series (a value
    it cannot read as a whole number is kept: the full test decides)."""
    noun = (getattr(c, "noun", None) or "").lower().split()
    value = getattr(c, "value", None)
    if c.kind != "count" or len(noun) != 1 or not isinstance(value, Decimal):
        return False
    if not noun[0].endswith("s") or len(noun[0]) < 5:
        return False
    return not value.is_finite() or (value == int(value) and 2 <= value <= 10)


def ordinal_series(view: View) -> Iterator[Relation]:
    """A count of stages and the ordinals the text names them by ("constructed in four
    phases" ... "the first phase" ... "the fourth phase"): the ordinals are the items
    (note ``ordinals``). Linked only when the ordinals run from the first to exactly the
    count: short of it a text need not describe every phase, and past it the text may
    count the phases built ("two lines ... a third line is planned"). Found by matching
    the count, so inferred: it can only confirm the count."""
    if not any(_may_count_stages(c) for c in view.claims):
        return  # no count a series could complete: the text need not be scanned
    series: dict[str, dict[int, str]] = {}  # noun -> ordinal -> as written, one scan
    for m in ordinal_nouns(view):
        by = series.setdefault(m.group("noun").lower(), {})
        by.setdefault(_ORDINAL_WORDS[m.group("o").lower()], m.group())
    if not series:
        return
    for c in view.claims:
        noun = (getattr(c, "noun", None) or "").lower().split()
        value = getattr(c, "value", None)
        if c.kind != "count" or len(noun) != 1 or not isinstance(value, Decimal):
            continue
        if value != int(value) or not 2 <= value <= 10 or not noun[0].endswith("s"):
            continue
        single = noun[0][:-1]
        if len(single) < 4:
            continue
        seen = series.get(single, {})
        if sorted(seen) != list(range(1, int(value) + 1)):
            continue  # short of the count, a gap, or past it ("two lines ... a third line
            # is planned"): not this count's series
        found = _list_for(view, c)
        if found is not None and found.items:
            continue  # the count's own list ("four phases: ...") is the enumeration
        yield Relation.make(
            RelationKind.ENUMERATION,
            view.doc.id,
            [("count", c.id)],
            Strength.INFERRED,
            Span(start=c.start, end=c.end),
            cue=f"the first ... {single}",
            note="ordinals",
            confident=False,
            items=tuple(seen[k] for k in sorted(seen)),
        )
