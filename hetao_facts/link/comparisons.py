"""Comparisons the text states between two figures of one kind.

* part of a whole: "11,500 of its 26,000 acres", "22 of the 33 groups", "one wing of its
  four wings", "the 27th largest of 40 counties" (a rank is at most the number ranked),
  "a total cost of $29.6 billion, of which phase one takes $4.6 billion", "Of 33 groups,
  22 are small": the part is at most the whole (stated);
* a section of a whole named elsewhere: "a 6-km elevated stretch on the coastal line" and
  "the 21-km coastal line" (or "a 21-km coastal stretch"): the section is at most the
  whole that the other figure's noun phrase names with the same words (stated by "on the",
  "of the", but the whole is found by its words, so it can warn, never fail).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View, measure, same_measure
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["bare", "changes", "increments", "multiples", "parts_of", "rates", "sections"]

_UP = (
    r"ris(?:e|es|ing)|rose|grew|grow(?:s|ing)?|increas(?:e|es|ed|ing)|climb(?:s|ed|ing)?|"
    r"jump(?:s|ed)?|escalat(?:e|es|ed|ing)|expand(?:s|ed|ing)?|soar(?:s|ed)?|swell(?:ed)?|"
    r"doubl(?:e|ed)|up|rais(?:e|ed)|gain(?:s|ed)?|went up"
)
_DOWN = (
    r"f(?:a|e)ll(?:s|ing)?|drop(?:s|ped|ping)?|declin(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|"
    r"shr(?:ank|ink|inks|unk)|slump(?:s|ed)?|reduc(?:e|es|ed|ing)|cut|down|went down|"
    r"contract(?:s|ed)?|plung(?:e|ed)"
)
#: "climbed from the first estimate of A to B": the verb, then "from", then A
_CHANGE = _rx.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b[^.;]{{0,12}}?\bfrom\b[^.;]{{0,40}}$", re.I
)
_TO = _rx.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:(?:a|an|per|each)\s+(?:day|week|month|year|annum)\s*)?"
    r"(?:in\s+\d{4}\s*)?,?\s*to\s+(?:about\s+|around\s+)?$",
    re.I,
)

_OF = _rx.compile(
    r"^\s*(?:[a-z-]+\s+){0,3}?(?:out\s+)?of\s+(?:the|its|their|his|her|our|all|a\s+total\s+of)?\s*"
    r"(?:total\s+)?$",
    re.I,
)
#: "1.2 million people live in the catchment, of whom 340,000 ...": a few words may follow
_OF_WHICH = _rx.compile(
    r"^(?:\s+[\w'’-]+){0,6}?[\s,;]*,\s*(?:out\s+)?of\s+(?:which|whom)\b|^[\s,;]*(?:out\s+)?of\s+(?:which|whom)\b",
    re.I,
)
#: "Of 33 groups, 22 have ...": the whole leads the sentence
_LEAD_OF = _rx.compile(r"(?:^|[.;:]\s*)(?:out\s+)?of\s+(?:the|its|their|all)?\s*$", re.I)
_AFTER_LEAD = _rx.compile(r"^[^,]{0,40},\s*(?:only\s+|just\s+|some\s+|about\s+)?$", re.I)
_RANKED = frozenset({"ordinal"})


def bare(c: Claim) -> bool:
    """A number whose unit the next figure gives: "11,500" in "11,500 of its 26,000 acres"."""
    return c.kind == "count" and not getattr(c, "noun", None)


def _comparable(a: Claim, b: Claim) -> bool:
    if a.kind in _RANKED:
        return b.kind == "count"
    if bare(a) and b.kind not in ("percent", "count") and b.stated:
        return True
    return a.kind != "percent" and same_measure(a, b)


def parts_of(view: View) -> Iterator[Relation]:
    """'A of B' and 'B, of which A': the part A is at most the whole B."""
    claims = view.claims
    for a, b in pairwise(claims):
        if measure(a) is None and a.kind not in _RANKED:
            continue
        if measure(b) is None or not _comparable(a, b) or a.sentence != b.sentence:
            continue
        gap = view.gap(a, b)
        if len(gap) <= 40 and _OF.match(gap):
            yield _relation(view, a, b, gap.strip())
    for b in claims:
        if measure(b) is None or b.kind == "percent":
            continue
        m = _OF_WHICH.match(view.text[b.end : b.end + 60])
        if not m:
            continue
        after = [
            c
            for c in view.between(b.end + m.end(), b.sentence.end)
            if _comparable(c, b) and measure(c) is not None
        ]
        if len(after) == 1:  # several parts are a total and its parts (totals.py)
            cue = re.search(r"(?:out\s+)?of\s+(?:which|whom)", m.group(), re.I)
            yield _relation(view, after[0], b, cue.group() if cue else "of which")
    for b, a in pairwise(claims):
        lead = view.text[b.sentence.start : b.start]
        if (
            a.sentence == b.sentence
            and measure(b) is not None
            and (measure(a) is not None or a.kind in _RANKED)
            and _comparable(a, b)
            and _LEAD_OF.search(lead)
            and _AFTER_LEAD.match(view.gap(b, a))
        ):
            yield _relation(view, a, b, "of ..., ")


_SECTION_HEADS = frozenset(
    {"stretch", "section", "segment", "part", "portion", "leg", "reach", "span", "extension",
     "length", "sector", "tract", "parcel", "plot", "area", "zone"}
)  # fmt: skip
_SECTION_OF = _rx.compile(
    r"\s*(?P<cue>on|of|along|in|within)\s+(?:the|its)\s+(?P<name>[A-Za-z][\w-]*(?:\s+[\w-]+){0,4})"
)
_NAME_WORD = _rx.compile(r"[a-z][a-z-]{2,}")
_NAME_STOP = frozenset(
    {"the", "and", "its", "line", "road", "route", "network", "project", "system", "city",
     "central", "business", "district", "heart", "stretch", "section", "part", "which", "that",
     "was", "were", "has", "had", "with", "from", "for"}
)  # fmt: skip
_SECTION_KINDS = frozenset({"length", "area"})


def _name_words(phrase: str) -> set[str]:
    return {w for w in _NAME_WORD.findall(phrase.lower()) if w not in _NAME_STOP}


def sections(view: View) -> Iterator[Relation]:
    """'a 6-km stretch on the coastal line' and 'the 21-km coastal line': part <= whole."""
    figures = [
        c
        for c in view.claims
        if c.kind in _SECTION_KINDS and measure(c) is not None and c.subject_text
    ]
    for a in figures:
        assert a.subject_text is not None
        head = a.subject_text.split()[-1].lower() if a.subject_text.split() else ""
        if head not in _SECTION_HEADS:
            continue
        at = view.text.find(a.subject_text, a.end, a.end + 40)
        if at < 0:
            continue
        m = _SECTION_OF.match(view.text, at + len(a.subject_text))
        if m is None or m.end() > a.sentence.end:
            continue
        words = _name_words(m.group("name"))
        if not words:
            continue
        best: list[tuple[int, Claim]] = []
        for b in figures:
            if b is a or not same_measure(a, b):
                continue
            assert b.subject_text is not None
            shared = len(words & _name_words(b.subject_text))
            if shared:
                best.append((shared, b))
        if not best:
            continue
        top = max(n for n, _ in best)
        wholes = [b for n, b in best if n == top]
        if len(wholes) != 1:
            continue
        yield _relation(view, a, wholes[0], f"{m.group('cue')} the", confident=False)


def _relation(
    view: View, part: Claim, whole: Claim, cue: str, *, confident: bool = True
) -> Relation:
    return Relation.make(
        RelationKind.COMPARISON,
        view.doc.id,
        [("part", part.id), ("whole", whole.id)],
        Strength.STATED,
        Span(start=min(part.start, whole.start), end=max(part.end, whole.end)),
        cue=cue,
        note="rank of" if part.kind in _RANKED else "part of",
        confident=confident,
    )


def changes(view: View) -> Iterator[Relation]:
    """'rose from A to B', 'declined from A to B': the direction the verb states (B > A
    for a rise); 'A, up from B in 2000 and C in 1990': A above each earlier figure.
    Stated."""
    # the years that date the figures ("from 2,500 in 2019 to 3,500 in 2023") stand between
    claims = [c for c in view.claims if c.kind not in ("year", "date", "period")]
    for i, (a, b) in enumerate(pairwise(claims)):
        if a.sentence != b.sentence or _value(a) is None or _value(b) is None:
            continue
        if not (
            same_measure(a, b) or (bare(a) and b.kind != "count") or (bare(b) and a.kind != "count")
        ):
            continue
        gap = view.gap(a, b)
        since = _UP_FROM.match(gap)
        if since:
            olds = [b]
            for c in claims[i + 2 :]:  # "and 36 in 2000": more earlier figures
                if c.kind in ("year", "date"):
                    continue  # "39 in 2010": the year dates the figure
                if c.sentence != a.sentence or not _MORE_OLD.match(view.gap(olds[-1], c)):
                    break
                if _value(c) is not None and (same_measure(c, b) or bare(c)):
                    olds.append(c)
            yield Relation.make(
                RelationKind.CHANGE,
                view.doc.id,
                [("new", a.id), *(("old", c.id) for c in olds)],
                Strength.STATED,
                Span(start=a.start, end=olds[-1].end),
                cue=since.group("w").strip(),
                note="increase"
                if since.group("w").lower().startswith(("up", "higher"))
                else "decrease",
            )
            continue
        if not _TO.match(gap):
            continue
        lead_start = max(a.sentence.start, a.start - 80)
        m = _CHANGE.search(view.text[lead_start : a.start])
        if not m:
            continue
        yield Relation.make(
            RelationKind.CHANGE,
            view.doc.id,
            [("old", a.id), ("new", b.id)],
            Strength.STATED,
            Span(start=lead_start + m.start(), end=b.end),
            cue=m.group().strip(),
            note="increase" if m.group("up") else "decrease",
        )


def _value(c: Claim) -> Decimal | None:
    """A measure's value, or a single duration's ("a median age of 41 years")."""
    v = getattr(c, "value", None)
    if c.kind == "duration" and isinstance(v, Decimal) and c.interval is not None:
        return v
    return measure(c)


#: "41 years, up from 39": the later figure first
_UP_FROM = _rx.compile(
    r"^[^.;]{0,20}?,?\s*(?P<w>up|down|higher|lower|rising|falling)\s+from\s+$", re.I
)
#: "... and 36 in 2000", ", 36 in 2000"
_MORE_OLD = _rx.compile(r"^\s*(?:in\s+\d{4}\s*)?(?:,|and|,\s*and)\s*$", re.I)


#: "increased 9.7%", "decreased by 15%", "up 3%" just before a percent
_RATE_VERB = _rx.compile(
    rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+by)?\s+(?:about\s+|some\s+|nearly\s+)?$", re.I
)
#: what the change is measured against: "over", "compared with", "from"
_AGAINST = _rx.compile(
    r"^\s*(?:,\s*)?(?:over|from|compared\s+(?:with|to)|as\s+compared\s+(?:with|to)|versus|"
    r"vs\.?|against|on)\b",
    re.I,
)


_WORD = _rx.compile(r"[a-z]{4,}")
_COMMON = frozenset({"alone", "also", "this", "that", "these", "with", "from", "over", "year"})


def _words(text: str) -> set[str]:
    """Content words, singular: what a sentence's subject and a figure's context share."""
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if w not in _COMMON}


def _named_by(view: View, cands: list[Claim], subject: set[str], sent: Span) -> list[Claim]:
    """The candidates whose own words name the subject: the words after a figure up to the
    next candidate ("7.2 billion came from machinery"), else those before it back to the
    previous one ("the resident population ... on July 1, 2020, was 4,798,400")."""
    after, before = [], []
    for i, c in enumerate(cands):
        nxt = cands[i + 1].start if i + 1 < len(cands) else sent.end
        prv = cands[i - 1].end if i > 0 else sent.start
        if subject & _words(view.text[c.end : nxt]):
            after.append(c)
        elif subject & _words(view.text[prv : c.start]):
            before.append(c)
    return after or before


def rates(view: View) -> Iterator[Relation]:
    """'Revenue of $8.4 million decreased 12% over ... $9.5 million': new, rate, old. The
    new figure stands before the verb in the sentence, or (loosely) ends the sentence
    before."""
    text = view.text
    olds_seen: set[str] = set()  # "A decreased 15% over B and increased 3% over C": A, not B
    for p in view.claims:
        if p.kind != "percent" or p.interval is None:
            continue
        sent = p.sentence
        verb = _RATE_VERB.search(text[max(sent.start, p.start - 40) : p.start])
        against = _AGAINST.match(text[p.end : p.end + 30])
        if not verb or not against:
            continue
        later = [c for c in view.between(p.end, sent.end) if measure(c) is not None]
        olds = [c for c in later if c.kind != "percent"]
        if not olds:
            continue
        old = olds[0]
        if re.search(r"[,;]|\band\b", text[p.end + against.end() : old.start]):
            continue  # "up 6.8% on 2018, and 9.1 million in 2021": the base is a year
        before = [
            c
            for c in view.between(sent.start, p.start - len(verb.group()))
            if measure(c) is not None and same_measure(c, old) and c.id not in olds_seen
        ]
        confident = True
        if not before:
            prev = view.sentence(view.sentence_no(sent.start) - 1)
            if prev is None:
                continue
            # "Machinery grew 9% over ...": the figure the sentence before ties to machinery
            subject = _words(text[sent.start : p.start - len(verb.group())])
            cands = [
                c
                for c in view.between(prev.start, prev.end)
                if measure(c) is not None and same_measure(c, old)
            ]
            before = _named_by(view, cands, subject, prev)
            confident = False
        if not before:
            continue
        new = before[-1]
        olds_seen.add(old.id)
        yield Relation.make(
            RelationKind.CHANGE,
            view.doc.id,
            [("new", new.id), ("rate", p.id), ("old", old.id)],
            Strength.STATED,
            Span(start=new.start, end=old.end),
            cue=f"{verb.group().strip()} ... {against.group().strip(' ,')}",
            note="rise rate" if verb.group("up") else "fall rate",
            confident=confident,
        )


#: "X, an increase of D", "X, up D", "X, a decrease of D": the change as an amount
_BY_AMOUNT = _rx.compile(
    r"^(?:\s+(?:in|for|during)\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?\d{4}(?:[-–]\d{2,4})?)?"
    r"\s*,?\s*(?:(?:an?\s+|the\s+)?(?:(?P<up>increase|rise|gain|growth|jump|hike)|"
    r"(?P<down>decrease|decline|drop|fall|reduction|cut|contraction))\s+of|"
    r"(?P<up2>up|higher)(?:\s+by)?|(?P<down2>down|lower)(?:\s+by)?)\s+(?:about\s+|some\s+)?$",
    re.I,
)
#: "D or P%", "D (P%)", "D, or P%"
_LEAD_DATE = _rx.compile(r"^\s*(?:in|for|during)\s+[^,]*?\d{4}(?:[-–]\d{2,4})?\s*,?", re.I)
_AND_RATE = _rx.compile(r"^\s*(?:,\s*)?(?:or|\(|,)\s*(?:about\s+|some\s+)?$", re.I)
_SHARE_AFTER = _rx.compile(r"^\s*(?:of\b|share\b)", re.I)


def increments(view: View) -> Iterator[Relation]:
    """'X, an increase of D or P%': P is D over the figure before the change, X - D (X + D
    after a decrease); stated. A figure of the document equal to that base (a table's
    preliminary value) joins the relation as `old`, found by its value."""
    claims = [c for c in view.claims if measure(c) is not None]  # ("in 2025" between)
    for a, d, p in zip(claims, claims[1:], claims[2:], strict=False):
        if a.sentence != p.sentence or p.kind != "percent" or p.interval is None:
            continue
        if measure(a) is None or measure(d) is None or not same_measure(a, d):
            continue
        if a.kind == "percent":
            continue
        m = _BY_AMOUNT.match(view.gap(a, d))
        if m is None or not _AND_RATE.match(view.gap(d, p)):
            continue
        if _SHARE_AFTER.match(view.text[p.end : p.end + 12]):
            continue  # "or 8% of total sales" is a share, not the rate of the change
        up = bool(m.group("up") or m.group("up2"))
        members = [("new", a.id), ("delta", d.id), ("rate", p.id)]
        base = _base(view, a, d, up)
        if base is not None:
            members.append(("old", base.id))
        yield Relation.make(
            RelationKind.CHANGE,
            view.doc.id,
            members,
            Strength.STATED,
            Span(start=a.start, end=p.end),
            cue=_LEAD_DATE.sub("", m.group()).strip(" ,"),
            note="rise by" if up else "fall by",
        )


def _base(view: View, new: Claim, delta: Claim, up: bool) -> Claim | None:
    """The one figure, outside the sentence, that is the value before the change."""
    if new.interval is None or delta.interval is None:
        return None
    before = new.interval - delta.interval if up else new.interval + delta.interval
    hits = [
        c
        for c in view.claims
        if c.sentence != new.sentence
        and same_measure(c, new)
        and (v := measure(c)) is not None
        and before.contains(v)
    ][:2]
    return hits[0] if len(hits) == 1 else None


#: after a multiplier: "four times faster than", "twice as large as", "three times the rate of"
_TIMES_THAN = _rx.compile(
    r"\s*(?:(?P<more>faster|quicker|higher|larger|bigger|greater|more|longer|wider|taller)"
    r"(?:\s+\w+){0,2}?\s+than|as\s+(?:fast|quick|high|large|big|great|much|many|long|wide)\s+as"
    r"|the\s+(?:rate|pace|size|level|number|amount)\s+of"
    r"|(?P<the>the|that\s+of|those\s+of)(?=\s+(?:about\s+|some\s+)?\d))\b",
    re.I,
)
_THAT_IS = _rx.compile(r"\s*(?:that|this|it)(?:['’]s|\s+is|\s+was)\b", re.I)
_MULTIPLIER = _rx.compile(r"\b(?:times|twice|double|triple|thrice|fold)\b", re.I)


def multiples(view: View) -> Iterator[Relation]:
    """'A ... four times faster than B': A / B is the multiplier (stated). A is the figure
    before the multiplier in its sentence, or, after "That's" or "This is", the last figure
    of the sentence before; B is the first figure of the kind after "than" in the sentence,
    or (loosely) the figure an earlier sentence ties to the words after "than"."""
    text = view.text
    for r in view.claims:
        if r.kind != "ratio" or not _MULTIPLIER.search(r.text) or r.interval is None:
            continue
        m = _TIMES_THAN.match(text, r.end)
        if m is None:
            continue
        sent = r.sentence
        nxt = next(
            (c.start for c in view.between(m.end(), sent.end) if _MULTIPLIER.search(c.text)),
            sent.end,
        )  # "four times faster than X and 40 times faster than Y": X's figure, not Y's
        after = [c for c in view.between(m.end(), nxt) if measure(c) is not None]
        before = [c for c in view.between(sent.start, r.start) if measure(c) is not None]
        confident = True
        if not before and _THAT_IS.match(text, sent.start, r.start):
            prev = view.sentence(view.sentence_no(sent.start) - 1)
            if prev is not None:
                before = [c for c in view.between(prev.start, prev.end) if measure(c) is not None]
        if not before:
            continue
        a = before[-1]
        bases = [c for c in after if same_measure(a, c) and c.kind != "ratio"]
        b: Claim
        if bases:
            b = bases[0]
        else:
            subject = _words(text[m.end() : min(nxt, m.end() + 60)])
            earlier = [
                c
                for c in view.between(0, sent.start)[-40:]
                if c is not a and same_measure(a, c) and measure(c) is not None
            ]
            named = (
                _named_by(view, earlier, subject, Span(start=0, end=sent.start)) if subject else []
            )
            if len(named) != 1:
                continue
            b, confident = named[0], False
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("figure", a.id), ("multiplier", r.id), ("base", b.id)],
            Strength.STATED,
            Span(start=min(a.start, b.start), end=max(r.end, b.end)),
            cue=" ".join(f"{r.text} {m.group()}".split()),
            note="multiple, or one more" if m.group("more") else "multiple",
            confident=confident,
        )
