"""Part-of links between entities, and lists.

* `part_of_links(ctx)`: the part-of relations of the linking stage (`link/part_of.py`:
  "the zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong",
  "3.89 km² across two industrial parks in Shenzhen and Hong Kong", "It includes the
  Shenzhen park ... and the Hong Kong park", "the first phase of the park") as one link
  per part, with the fact sheet's declared parts. A link is complete when the text says
  the parts make up the whole; it keeps the relation it came from (`relation`, `cue`).
* `split_list(s)`: "a, b, and c" -> ["a", "b", "c"].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hetao_facts import _rx
from hetao_facts.claims import Span

if TYPE_CHECKING:
    from hetao_facts.context import Context

__all__ = ["PartOf", "part_of_links", "split_list"]


@dataclass(frozen=True)
class PartOf:
    """`part` is part of `whole`; `complete` when the parts listed together make it up."""

    whole: str
    part: str
    complete: bool
    document: str
    sentence: Span
    siblings: tuple[str, ...] = field(default=())
    relation: str | None = None
    """the id of the part-of relation that states the link (None: the fact sheet)"""
    cue: str | None = None
    """how the text states it: the verb as written ("comprises"), or the part's words"""


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
#: "a stretch of the river, called the Mardle", "the old town, which ...".
_APPOSITIVE = _rx.compile(
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


def part_of_links(ctx: Context) -> list[PartOf]:
    """Every part-of link the texts state (the linking stage's part-of relations, in
    document order: the verbs of composition first, then the phases) and the fact sheet
    declares."""
    from hetao_facts.link.model import RelationKind
    from hetao_facts.link.part_of import PARTITION, PHASE

    links: list[PartOf] = []
    for doc_id in ctx.documents:
        rels = [r for r in ctx.relations.get(doc_id, ()) if r.kind is RelationKind.PART_OF]
        for rel in [r for r in rels if r.note != PHASE] + [r for r in rels if r.note == PHASE]:
            whole, *parts = rel.subjects
            sentence = rel.span
            if rel.note == PHASE:
                (claim,) = ctx.claims_of(rel.role("part"))
                sentence = claim.sentence
            for p in parts:
                links.append(
                    PartOf(
                        whole,
                        p,
                        rel.note == PARTITION,
                        doc_id,
                        sentence,
                        tuple(x for x in parts if x != p) if rel.note != PHASE else (),
                        relation=rel.id,
                        cue=rel.cue,
                    )
                )
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
