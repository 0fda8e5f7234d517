"""What rules read: every document, claim and mention of a run, and helpers to report.

Rules never see raw files; they get a `Context` built once per run. Groupings that
several rules need (claims by subject and attribute, part-of links) are computed once
and cached here, so cross-document rules never compare all pairs of claims.
"""

from __future__ import annotations

import bisect
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from hetao_facts.claims import Claim
from hetao_facts.documents import Document
from hetao_facts.intervals import DEFAULT_TOLERANCES, Tolerances
from hetao_facts.model import Check, Fix, Location, Operand, Severity, Status, stable_id
from hetao_facts.subjects import EntityIndex

if TYPE_CHECKING:
    from hetao_facts.extract.core import Extraction
    from hetao_facts.facts import FactSheet
    from hetao_facts.link import Relation, RelationKind
    from hetao_facts.relations import PartOf
    from hetao_facts.rules.base import Rule

__all__ = ["Context", "attribute_of"]


def attribute_of(claim: Claim) -> str:
    """What a claim measures, for grouping: its kind (land and floor area stay apart)."""
    return claim.kind


@dataclass
class Context:
    """Everything a rule may read about one run."""

    documents: dict[str, Document]
    extractions: dict[str, Extraction]
    index: EntityIndex
    facts: FactSheet | None = None
    tolerances: Tolerances = DEFAULT_TOLERANCES
    _ids: dict[str, int] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    """Per-run scratch space for rules (keyed by rule code), so work is done once per run."""
    _locations: dict[int, tuple[Claim, Location]] = field(default_factory=dict)
    _excerpts: dict[tuple[str, int, int], str] = field(default_factory=dict)
    relations: dict[str, tuple[Relation, ...]] = field(default_factory=dict)
    """The relations the linking stage found, per document (see `hetao_facts.link`)."""

    def relations_of(self, kind: RelationKind | str) -> list[Relation]:
        """Relations of one kind, document by document in id order, each in text order."""
        return [r for d in sorted(self.relations) for r in self.relations[d] if r.kind == kind]

    def claims_of(self, ids: Iterable[str]) -> list[Claim]:
        """The claims with these ids, in the given order."""
        by_id = self.by_id
        return [by_id[i] for i in ids]

    @cached_property
    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        for doc_id in sorted(self.extractions):
            out.extend(self.extractions[doc_id].claims)
        return out

    @cached_property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def claims_in(self, doc_id: str) -> list[Claim]:
        return self.extractions[doc_id].claims

    @cached_property
    def by_subject(self) -> dict[tuple[str, str, str | None], list[Claim]]:
        """Claims grouped by (subject, attribute, role): the unit of cross-checking."""
        groups: dict[tuple[str, str, str | None], list[Claim]] = defaultdict(list)
        for c in self.claims:
            if c.subject:
                role = c.role.value if c.role and c.role.value != "current" else None
                groups[(c.subject, attribute_of(c), role)].append(c)
        return dict(groups)

    @cached_property
    def by_subject_kind(self) -> dict[tuple[str, str], list[Claim]]:
        """Claims grouped by (subject, kind), each list in `claims` order.

        What rules look up instead of scanning every claim of the run for one subject
        (which made a run quadratic in its size): the same claims, in the same order.
        """
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in self.claims:
            if c.subject:
                groups[(c.subject, c.kind)].append(c)
        return dict(groups)

    def subject_claims(self, subject: str, kind: str) -> list[Claim]:
        """Claims about `subject` of `kind`, in `claims` order (a new list)."""
        if not subject:  # not grouped: scan, as `c.subject == subject` would
            return [c for c in self.claims if c.subject == subject and c.kind == kind]
        return list(self.by_subject_kind.get((subject, kind), ()))

    @cached_property
    def _claim_positions(self) -> dict[int, int]:
        return {id(c): i for i, c in enumerate(self.claims)}

    def in_claims_order(self, claims: Iterable[Claim]) -> list[Claim]:
        """`claims` sorted as they stand in `claims` (each once)."""
        pos = self._claim_positions
        return sorted({id(c): c for c in claims}.values(), key=lambda c: pos[id(c)])

    @cached_property
    def _subjects_by_kind(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for subject, kind in self.by_subject_kind:
            out[kind].append(subject)
        return {k: sorted(v) for k, v in out.items()}

    def subjects_starting(self, kind: str, prefix: str) -> list[str]:
        """Subjects with claims of `kind` whose key starts with `prefix`, sorted (bisect)."""
        subjects = self._subjects_by_kind.get(kind, [])
        i = bisect.bisect_left(subjects, prefix)
        out: list[str] = []
        while i < len(subjects) and subjects[i].startswith(prefix):
            out.append(subjects[i])
            i += 1
        return out

    @cached_property
    def part_of(self) -> list[PartOf]:
        """Every part-of link the texts state or the fact sheet declares (computed once)."""
        from hetao_facts.relations import part_of_links

        return part_of_links(self)

    @cached_property
    def _starts(self) -> dict[str, list[int]]:
        return {d: [c.start for c in ex.claims] for d, ex in self.extractions.items()}

    def claims_between(self, doc_id: str, start: int, end: int) -> list[Claim]:
        """Claims of a document that start in [start, end) (bisect, not a scan)."""
        starts = self._starts.get(doc_id, [])
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        return self.extractions[doc_id].claims[lo:hi]

    def kind_claims(self, *kinds: str) -> list[Claim]:
        return [c for c in self.claims if c.kind in kinds]

    def kind_claims_in(self, doc_id: str, *kinds: str) -> list[Claim]:
        """Claims of these kinds in one document, in text order."""
        return [c for c in self.claims_in(doc_id) if c.kind in kinds]

    # ---- reporting --------------------------------------------------------------------
    def location(self, claim: Claim) -> Location:
        """Where a claim stands; built once per claim and shared by every check (frozen)."""
        got = self._locations.get(id(claim))
        if got is not None and got[0] is claim:
            return got[1]
        loc = self._location(claim)
        self._locations[id(claim)] = (claim, loc)
        return loc

    def _location(self, claim: Claim) -> Location:
        doc = self.documents[claim.document]
        end_line, end_col = doc.line_col(max(claim.start, claim.end - 1))
        s0 = max(claim.sentence.start, claim.start - 200)
        s1 = min(claim.sentence.end, claim.end + 200)
        # the claims of one short sentence share its text (one string, not one per claim)
        key = (claim.document, s0, s1)
        excerpt = self._excerpts.get(key)
        if excerpt is None:
            excerpt = self._excerpts[key] = doc.text[s0:s1]
        return Location(
            claim=claim.id,
            document=claim.document,
            path=doc.path,
            start=claim.start,
            end=claim.end,
            line=claim.line,
            column=claim.column,
            end_line=end_line,
            end_column=end_col + 1,
            text=claim.text,
            context=excerpt,
            context_offset=claim.start - s0,
        )

    def fix(self, claim: Claim, start: int, end: int, replacement: str, description: str) -> Fix:
        """A `Fix` rewriting the document's text ``[start, end)`` (inside `claim`)."""
        doc = self.documents[claim.document]
        line, column = doc.line_col(start)
        end_line, end_col = doc.line_col(max(start, end - 1))
        return Fix(
            claim=claim.id,
            document=claim.document,
            path=doc.path,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_col + 1,
            text=doc.text[start:end],
            replacement=replacement,
            description=description,
        )

    def where(self, claim: Claim) -> str:
        doc = self.documents[claim.document]
        return f"{doc.path or doc.id}:{claim.line}"

    def make_check(
        self,
        rule: Rule,
        status: Status | str,
        claims: Sequence[Claim],
        message: str,
        *,
        explanation: str = "",
        operands: Iterable[Operand] = (),
        basis: str | None = None,
        margin: str | None = None,
        severity: Severity | None = None,
        key: Any = None,
        plain: str = "",
        fix: Fix | None = None,
    ) -> Check:
        """A Check with ids, locations and a fingerprint filled in."""
        uniq: list[Claim] = []
        seen: set[str] = set()
        for c in claims:
            if c.id not in seen:
                seen.add(c.id)
                uniq.append(c)
        ids = tuple(c.id for c in uniq)
        base = stable_id("k", rule.code, *sorted(ids), key if key is not None else "")
        n = self._ids.get(base, 0)
        self._ids[base] = n + 1
        # ids come from content: a second check of the same rule, claims and key is told
        # apart by its status and message, never by how many came before it
        check_id = base if n == 0 else stable_id("k", base, status, message)
        docs = tuple(dict.fromkeys(c.document for c in uniq))
        fp_parts = sorted(
            f"{c.document}|{c.text}|{c.subject or ''}"  # ids: relative to the root, not the cwd
            for c in uniq
        )
        return Check(
            id=check_id,
            rule=rule.code,
            name=rule.name,
            status=Status(status),
            severity=severity or rule.severity,
            claims=ids,
            message=message,
            plain=plain,
            fix=fix,
            explanation=explanation or rule.summary(),
            locations=tuple(self.location(c) for c in uniq),
            documents=docs,
            operands=tuple(operands),
            basis=basis,
            margin=margin,
            fingerprint=stable_id("f", rule.code, *fp_parts, key if key is not None else ""),
        )
