"""The linking stage: the relations a document states between its claims.

`link_document(doc, claims)` is a pure function of one document and its claims: the same
inputs give the same relations, whatever else is in the run. Each relation kind has its
own module; rules receive the relations of their kind and only do arithmetic on them.
"""

from __future__ import annotations

from collections.abc import Sequence

from hetao_facts.claims import Claim
from hetao_facts.documents import Document
from hetao_facts.link._view import View
from hetao_facts.link.comparisons import (
    changes,
    increments,
    multiples,
    parts_of,
    rates,
    sections,
)
from hetao_facts.link.enumeration import enumerations
from hetao_facts.link.model import Member, Relation, RelationKind, Strength
from hetao_facts.link.orders import fractions, majorities, subject_orders
from hetao_facts.link.part_of import part_of_relations
from hetao_facts.link.ranks import superlatives
from hetao_facts.link.restatement import conversion_map, conversions, repeats, rounded
from hetao_facts.link.shares import densities, shares
from hetao_facts.link.subsets import capacities, complements, single_parts, subsets
from hetao_facts.link.tables import table_relations
from hetao_facts.link.timeline import timelines
from hetao_facts.link.totals import totals
from hetao_facts.subjects import EntityIndex, Mention

__all__ = ["Member", "Relation", "RelationKind", "Strength", "link_document"]


def link_document(
    doc: Document,
    claims: Sequence[Claim],
    mentions: Sequence[Mention] = (),
    index: EntityIndex | None = None,
    main_entity: str | None = None,
) -> tuple[Relation, ...]:
    """Every relation the document states (or its arithmetic shows) between its claims;
    `mentions` (the entities the extraction resolved) tie comparisons between subjects,
    and with the run's name table (`index`, frozen) and the document's main entity the
    part-of links between entities."""
    view = View(doc, claims)
    conv = conversion_map(view)
    out: dict[str, Relation] = {}
    share_rels = list(shares(view, conv))
    for found in (
        conversions(view),
        repeats(view),
        rounded(view),
        totals(view, conv, share_rels),
        share_rels,
        densities(view, conv),
        parts_of(view),
        sections(view),
        changes(view),
        rates(view),
        increments(view),
        multiples(view),
        enumerations(view),
        timelines(view),
        superlatives(view),
        table_relations(view),
        subject_orders(view, mentions),
        fractions(view),
        majorities(view),
        subsets(view),
        complements(view),
        single_parts(view),
        capacities(view),
        part_of_relations(view, mentions, index, main_entity) if index is not None else (),
    ):
        for rel in found:
            out.setdefault(rel.id, rel)
    return tuple(sorted(out.values(), key=lambda r: (r.span.start, r.kind.value, r.id)))
