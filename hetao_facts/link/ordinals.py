"""Ordinals and what the text says came before them: "the fourth platform, after those in
Hengqin, Qianhai and Nansha" places the platform after three others (HF402 checks it is the
fourth). Stated: the relation holds the ordinal and, as `items`, the names listed after
"after" / "following" / "behind" / "succeeding" within 120 characters of it in its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts import _rx
from hetao_facts.claims import Span
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.relations import split_list

__all__ = ["ordinals"]

_AFTER = _rx.compile(
    r"\b(?:after|following|behind|succeeding)\s+(?:those\s+(?:in|of|at)\s+|the\s+ones\s+in\s+|the\s+)?"
    r"(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)*[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,?\s+(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*|[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)"
)
#: how far after the ordinal the cue may stand
_REACH = 120


def ordinals(view: View) -> Iterator[Relation]:
    """An ordinal followed in its sentence by "after A, B and C"."""
    for c in view.claims:
        if c.kind != "ordinal":
            continue
        tail = view.text[c.end : c.sentence.end]
        m = _AFTER.search(tail)
        if not m or m.start() > _REACH:
            continue
        items = tuple(split_list(m.group("list")))
        if not items:
            continue
        yield Relation.make(
            RelationKind.ORDINAL,
            view.doc.id,
            [("ordinal", c.id)],
            Strength.STATED,
            Span(start=c.start, end=c.end + m.end()),
            cue=" ".join(m.group().split()[:1]),
            note="after",
            items=items,
        )
