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
from hetao_facts.link.bounds import bounds
from hetao_facts.link.comparisons import (
    changes,
    increments,
    multiples,
    parts_of,
    rates,
    sections,
)
from hetao_facts.link.enumeration import enumerations, ordinal_series, sized_items
from hetao_facts.link.growth import growth
from hetao_facts.link.model import Member, Relation, RelationKind, Strength
from hetao_facts.link.orders import fractions, majorities, subject_orders
from hetao_facts.link.ordinals import ordinals
from hetao_facts.link.part_of import part_of_relations
from hetao_facts.link.per_unit import averages, per_unit
from hetao_facts.link.ranks import named_ranks, superlatives
from hetao_facts.link.remainders import remainders
from hetao_facts.link.restatement import conversion_map, conversions, repeats, rounded
from hetao_facts.link.shares import densities, named_complements, shares
from hetao_facts.link.stated_shares import stated_shares
from hetao_facts.link.subsets import capacities, complements, single_parts, subsets
from hetao_facts.link.tables import table_relations
from hetao_facts.link.timeline import timelines
from hetao_facts.link.times import times
from hetao_facts.link.totals import change_totals, parts_before, totals
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
    view = View(doc, claims, mentions)
    conv = conversion_map(view)
    out: dict[str, Relation] = {}
    share_rels = list(shares(view, conv))
    part_of = list(parts_of(view))
    change_rels = [*changes(view), *rates(view)]
    for found in (
        conversions(view),
        repeats(view),
        rounded(view),
        remainders(view),
        totals(view, conv, share_rels),
        share_rels,
        named_complements(view),
        densities(view, conv),
        per_unit(view),
        averages(view),
        part_of,
        parts_before(view),
        stated_shares(view, part_of),
        sections(view),
        change_rels,
        growth(view, change_rels),
        change_totals(view, change_rels),
        increments(view),
        multiples(view),
        enumerations(view),
        sized_items(view),
        ordinal_series(view),
        timelines(view),
        times(view),
        superlatives(view),
        named_ranks(view),
        ordinals(view),
        bounds(view),
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
    rels = list(_one_per_tie(out).values())
    if doc.date_source == "dateline_no_year":
        rels = [_year_unsure(r) for r in rels]
    return tuple(sorted(rels, key=lambda r: (r.span.start, r.kind.value, r.id)))


def _year_unsure(rel: Relation) -> Relation:
    """A relation that reads a document date whose year was inferred (a dateline "Sept 14"
    with no year) is not confident: it may pass or warn, never fail."""
    if rel.date is None or not rel.confident:
        return rel
    return rel.model_copy(update={"confident": False})


#: kinds where one tie of claims may be found twice: as the text states it and by arithmetic
_STATED_FIRST = (RelationKind.SHARE, RelationKind.DENSITY)


def _one_per_tie(out: dict[str, Relation]) -> dict[str, Relation]:
    """One relation per tie of claims, so no rule checks it twice: a split with the
    remainder's cue ("the remaining five", HF705's) over the same whole and parts found as
    another total (HF103's); a share or a density the text states (HF701, HF702) over the
    same claims found by arithmetic only (HF706, HF707); an average with its total and
    count (HF705's) over the same figures read as a whole and its parts (HF103, HF104); and
    one share (the same part, whole and percent) found by two readings, such as a
    complement named by "non-" and one known by the meaning of its words: the first kept."""
    out = _one_share_each(out)
    remainder = {_claim_set(r) for r in out.values() if r.note == "remainder"}
    average = [set(r.claims) for r in out.values() if r.note == "average"]
    stated = {
        (r.kind, _claim_set(r))
        for r in out.values()
        if r.kind in _STATED_FIRST and r.strength is Strength.STATED
    }
    if not remainder and not stated and not average:
        return out
    return {
        k: r
        for k, r in out.items()
        if not (
            r.kind is RelationKind.TOTAL_PARTS
            and r.note != "remainder"
            and _claim_set(r) in remainder
        )
        and not (r.strength is Strength.INFERRED and (r.kind, _claim_set(r)) in stated)
        and not (r.kind in _NOT_AVERAGES and r.note != "average" and _within(r, average))
    }


def _one_share_each(out: dict[str, Relation]) -> dict[str, Relation]:
    seen: set[tuple[str, ...]] = set()
    kept: dict[str, Relation] = {}
    for k, r in out.items():
        if r.kind is RelationKind.SHARE:
            key = (r.strength.value, *r.role("part"), "/", *r.role("whole"), "/", *r.role("share"))
            if key in seen:
                continue
            seen.add(key)
        kept[k] = r
    return kept


#: what an average's total, count and average are not: parts of a whole ("The 12 schools
#: have an average of 450 pupils, 5,400 in total" is no sum 12 + 450 = 5,400)
_NOT_AVERAGES = (RelationKind.TOTAL_PARTS, RelationKind.COMPARISON)


def _within(rel: Relation, groups: list[set[str]]) -> bool:
    return any(set(rel.claims) <= g for g in groups)


def _claim_set(rel: Relation) -> frozenset[tuple[str, str]]:
    return frozenset((m.role, m.claim) for m in rel.members)
