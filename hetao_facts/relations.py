"""Relations stated in the text that rules test: part-of links and lists.

* `part_of_links(ctx)`: "the zone comprises a 3.02 km² park in Shenzhen and a 0.87 km²
  park in Hong Kong", "3.89 km² across two industrial parks in Shenzhen and Hong Kong",
  "It includes the Shenzhen park ... and the Hong Kong park", "the first phase of the
  park". A link is complete when the text says the parts make up the whole.
* `split_list(s)`: "a, b, and c" -> ["a", "b", "c"].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hetao_facts.claims import Span

if TYPE_CHECKING:
    from hetao_facts.context import Context

__all__ = ["PartOf", "part_of_links", "split_list"]

_WHOLE_VERBS = re.compile(
    r"\b(?P<verb>comprises|comprising|is composed of|composed of|consists of|consisting of|"
    r"is made up of|made up of|is divided into|divided into|is split into|includes|including|"
    r"encompasses|covers\s+(?:an\s+area\s+of\s+)?[^.]{0,60}?\bacross|covering\s+(?:an\s+area\s+of\s+)?[^.]{0,60}?\bacross)\b"
)
_COMPLETE = ("compris", "compos", "consist", "made up", "divided", "split", "across")
_PLACES_LIST = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six|\d+)\s+)?(?:[a-z-]+\s+)?(?P<head>parks|portions|sections|parts|zones|areas|sites|districts|campuses)\s+in\s+"
    r"(?P<a>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
    r"(?:,\s*(?P<b>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*))?"
    r",?\s+and\s+(?P<c>[A-Z][\w'’-]*(?:[ -][A-Z][\w'’-]*)*)"
)


@dataclass(frozen=True)
class PartOf:
    """`part` is part of `whole`; `complete` when the parts listed together make it up."""

    whole: str
    part: str
    complete: bool
    document: str
    sentence: Span
    siblings: tuple[str, ...] = field(default=())


def split_list(s: str) -> list[str]:
    """Split 'a, b, and c' / 'a; b; and c' / 'a and b' into items."""
    s = s.strip().rstrip(".;:")
    # commas and "and" inside quotes or brackets belong to the item
    protected = re.sub(
        r"\"[^\"]*\"|“[^”]*”|\([^)]*\)|\d,\d{3}",
        lambda m: m.group().replace(",", "\x00").replace(" and ", "\x01").replace(";", "\x02"),
        s,
    )
    if protected != s:
        return [
            p.replace("\x00", ",").replace("\x01", " and ").replace("\x02", ";")
            for p in split_list(protected)
        ]
    sep = ";" if ";" in s else ","
    parts = [p.strip() for p in s.split(sep)]
    if len(parts) == 1:
        bits = re.split(r"\s+and\s+", s)
        return [b.strip() for b in bits if b.strip()] if len(bits) == 2 else [s] if s else []
    last = parts[-1]
    if re.match(r"^(?:and|or)\s+", last):
        parts[-1] = re.sub(r"^(?:and|or)\s+", "", last)
    else:
        m = re.match(r"^(.*?)\s+(?:and|or)\s+(.*)$", last)
        if m:
            parts[-1:] = [m.group(1), m.group(2)]
    return _attach_appositives([p for p in (x.strip() for x in parts) if p])


#: A segment after a comma that describes the item before it rather than adding one:
#: "a stretch of the river, called the Seerhein", "the old town, which ...".
_APPOSITIVE = re.compile(
    r"^(?:called|known\s+as|named|nicknamed|dubbed|also|which|who|whose|where|located|"
    r"situated|built|founded|opened|respectively)\b",
    re.I,
)


def _attach_appositives(items: list[str]) -> list[str]:
    out: list[str] = []
    if len(items) > 1 and _APPOSITIVE.match(items[-1]):
        items = [*items[:-2], re.sub(r"^(?:and|or)\s+", "", items[-2]), items[-1]]
    for item in items:
        if out and _APPOSITIVE.match(item):
            out[-1] = f"{out[-1]}, {item}"
        else:
            out.append(item)
    return out


def _whole_before(ctx: Context, doc_id: str, sent: Span, verb_start: int) -> str | None:
    ments = [
        m
        for m in ctx.mentions_between(doc_id, sent.start, verb_start)
        if m.end <= verb_start and not m.locative
    ]
    for m in reversed(ments):
        key = m.key or _resolve_definite(ctx, doc_id, m.head, m.start)
        if key:
            return key
    lead = ctx.documents[doc_id].text[sent.start : verb_start]
    if re.match(r"^\s*(?:It|This|They)\b", lead):
        return _resolve_pronoun(ctx, doc_id, sent)
    return None


def _resolve_definite(ctx: Context, doc_id: str, head: str, pos: int) -> str | None:
    ex = ctx.extractions[doc_id]
    for m in reversed(ctx.mentions_between(doc_id, max(0, pos - 5000), pos)):
        if m.end <= pos and m.key and (m.key.endswith(head) or m.head == head):
            return m.key
    main = ex.main_entity
    if main and main.endswith(head):
        return main
    return ctx.index.best_named(head)


def _resolve_pronoun(ctx: Context, doc_id: str, sent: Span) -> str | None:
    """'It' at a sentence start: the first named subject of the previous sentences."""
    sents = ctx.documents[doc_id].sentences
    idx = ctx.sentence_index(doc_id, sent.start) or 0
    if idx:
        prev = sents[idx - 1]
        for m in ctx.mentions_between(doc_id, prev.start, prev.end):
            if not m.locative:
                key = m.key or _resolve_definite(ctx, doc_id, m.head, m.start)
                if key:
                    return key
    return None  # no antecedent: better no link than a wrong one


def part_of_links(ctx: Context) -> list[PartOf]:
    """Every part-of link the texts state (and the fact sheet declares)."""
    links: list[PartOf] = []
    for doc_id, doc in ctx.documents.items():
        text = doc.text
        claims = ctx.claims_in(doc_id)
        for s in doc.sentences:
            sent = doc.text[s.start : s.end]
            m = _WHOLE_VERBS.search(sent)
            if not m:
                continue
            vstart = s.start + m.start()
            span = Span(start=s.start, end=s.end)
            whole = _whole_before(ctx, doc_id, span, vstart)
            if not whole:
                continue
            complete = any(k in m.group("verb") for k in _COMPLETE)
            includes = m.group("verb") in {"includes", "including"}
            parts: list[str] = []
            pl = _PLACES_LIST.search(sent, m.start())
            if pl:
                head = pl.group("head").rstrip("s")
                head = "park" if head in {"portion", "section", "part"} else head
                for g in ("a", "b", "c"):
                    if pl.group(g):
                        parts.append(ctx.index.canonical(f"{pl.group(g)} {head}"))
            else:
                for c in ctx.claims_between(doc_id, vstart, s.end):
                    if (
                        c.end <= s.end
                        and c.kind in {"area", "floor_area", "length"}
                        and c.subject
                        and c.subject != whole
                    ):
                        parts.append(c.subject)
                if not parts and not includes:
                    ments = [
                        mm
                        for mm in ctx.mentions_between(doc_id, vstart + 1, s.end)
                        if mm.end <= s.end and mm.key and not mm.locative
                    ]
                    parts = [mm.key for mm in ments if mm.key != whole]
            parts = list(dict.fromkeys(p for p in parts if p and p != whole))
            if len(parts) < 2 and complete:
                complete = False
            for p in parts:
                links.append(
                    PartOf(whole, p, complete, doc_id, span, tuple(x for x in parts if x != p))
                )
        del text
        # "the first phase of the park": subjects built as "<part> of <whole>"
        for c in claims:
            if c.subject and " of " in c.subject:
                mm = re.match(
                    r"^(?:first|second|third|initial|final|next|main)?\s*"
                    r"(?:phase|stage|part|portion|section|half|segment|plot|block) of (.+)$",
                    c.subject,
                )
                if mm:
                    links.append(PartOf(mm.group(1), c.subject, False, doc_id, c.sentence))
    if ctx.facts is not None:
        for e in ctx.facts.entities:
            whole = ctx.index.canonical(e.name)
            ps = [ctx.index.canonical(p) for p in e.parts]
            for p in ps:
                links.append(
                    PartOf(
                        whole,
                        p,
                        e.complete,
                        "<facts>",
                        Span(start=0, end=0),
                        tuple(x for x in ps if x != p),
                    )
                )
    # de-duplicate (whole, part), keeping the strongest statement
    best: dict[tuple[str, str], PartOf] = {}
    for link in links:
        k = (link.whole, link.part)
        if k not in best or (link.complete and not best[k].complete):
            best[k] = link
    return list(best.values())
