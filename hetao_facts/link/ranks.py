"""Superlatives over a list of named figures.

"The most populous state was California (37,253,956); the least populous, Wyoming
(563,626)", where the paragraph gives other named figures of the same kind in the same
way ("Texas (... 25,145,561)", "Nevada (... 2,700,551)"): the figure called the most (the
largest, the highest...) is at least every peer, the least at most. The peers are the
figures written in brackets after a name in the same paragraph, the last figure of each
bracket; since the text does not say that they are all the peers, the relation is loose
(a contradiction warns). A superlative about a change ("gained the most", "grew the
fastest") ranks the changes, not the figures, and is left alone. An entry labelled in
its brackets as the main or the largest one ("Obersee (main, 476 km²), Überlinger See
(north, 61 km²), Untersee (west, 63 km²)") is the largest of the entries ("main" only for
areas: a main campus need not be the largest one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View, same_measure, tight
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["superlatives"]

_NAMED = re.compile(r"\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\(([^()]{1,80})\)")
_SUPER = re.compile(
    r"\b(?P<w>most|least|largest|smallest|biggest|highest|lowest|greatest|fewest|"
    r"longest|shortest|tallest)\b(?P<rest>[^.;()]{0,60})$",
    re.I,
)
#: a label inside the brackets, before the figure: "(main, 476 km²)", "(the largest: 9 km)"
_LABEL = re.compile(
    r"\s*(?:the\s+)?(?P<w>main|principal|largest|biggest)\b\s*[,:;]?\s*(?:part|section|basin)?"
    r"\s*[,:;]?\s*$",
    re.I,
)
_MAIN = frozenset({"main", "principal"})  # the largest only for an area
_AREAS = frozenset({"area"})
_MOST = frozenset({"most", "largest", "biggest", "highest", "greatest", "longest", "tallest"})
_CHANGE = re.compile(
    r"\b(?:gain|grew|grow|increase|rise|rose|fell|fall|drop|decline|numerically|percentage|"
    r"fastest|slowest|change|growth)",
    re.I,
)


def superlatives(view: View) -> Iterator[Relation]:
    text = view.text
    for para in view.doc.paragraphs:
        entries: list[tuple[int, Claim]] = []  # (where the name starts, its figure)
        for m in _NAMED.finditer(text, para.start, para.end):
            inside = [
                c
                for c in view.between(m.start(1), m.end(1))
                if c.end <= m.end(1) and tight(c) is not None and c.kind != "percent"
            ]
            if inside:
                entries.append((m.start(), inside[-1]))
        if len(entries) < 3:
            continue
        for i, (start, top) in enumerate(entries):
            label = _LABEL.match(text, text.find("(", start, top.start) + 1, top.start)
            if label and (top.kind in _AREAS or label.group("w").lower() not in _MAIN):
                # "Obersee (main, 476 km²), Überlinger See (north, 61 km²), ...": the entry
                # labelled the main (or the largest) one is the largest of the entries
                peers = [c for j, (_s, c) in enumerate(entries) if j != i and same_measure(c, top)]
                if len(peers) >= 2:
                    yield Relation.make(
                        RelationKind.RANK,
                        view.doc.id,
                        [("top", top.id), *(("peer", c.id) for c in peers)],
                        Strength.STATED,
                        Span(start=start, end=top.end),
                        cue=label.group("w"),
                        note="most",
                        confident=False,
                    )
                continue
            prev_end = entries[i - 1][1].end if i else top.sentence.start
            lead = text[max(prev_end, top.sentence.start) : start]
            sm = _SUPER.search(lead)
            clause = lead[max(0, sm.start() - 40) :] if sm else ""
            if not sm or _CHANGE.search(clause):
                continue  # "the state that gained the most": a rank of changes
            peers = [c for j, (_s, c) in enumerate(entries) if j != i and same_measure(c, top)]
            if len(peers) < 2:
                continue
            word = sm.group("w").lower()
            yield Relation.make(
                RelationKind.RANK,
                view.doc.id,
                [("top", top.id), *(("peer", c.id) for c in peers)],
                Strength.STATED,
                Span(start=start, end=top.end),
                cue=sm.group().strip(),
                note="most" if word in _MOST else "least",
                confident=False,
            )
