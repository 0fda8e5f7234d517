"""Relations are data: what the text says (or the arithmetic shows) ties claims together.

A `Relation` joins claims of one document, each in a role (``whole``/``part``,
``part``/``whole``/``share``, ``count``/``area``/``density``, ``figure``/``restated``...),
with the evidence that ties them (the cue words as written and the span they stand in) and
its `Strength`:

* ``stated``: the text says it ("made up of", "of which", "a total of", a figure followed by
  the same quantity in other units in brackets, "is made of three basins: ...");
* ``inferred``: found by arithmetic or proximity only (three figures of one paragraph where
  one is the share of the other two). An inferred relation can pass or warn, never fail.

Rules receive relations of their kind and do arithmetic on them; they never re-read text.
"""

from __future__ import annotations

import datetime
import hashlib
from enum import StrEnum

from pydantic import ConfigDict

from hetao_facts._light import LightModel
from hetao_facts.claims import Span
from hetao_facts.documents import DateSource

__all__ = ["Member", "Relation", "RelationKind", "Strength", "relation_id"]


class RelationKind(StrEnum):
    """What a relation says about its claims."""

    TOTAL_PARTS = "total_parts"
    """parts make up a whole (areas, counts, money, percent shares adding to 100%)"""
    RESTATEMENT = "restatement"
    """the same quantity stated again: in other units in brackets, or repeated"""
    SHARE = "share"
    """a percent is one figure's share of another: part / whole = share"""
    DENSITY = "density"
    """a density or per-unit figure is one figure divided by another"""
    CHANGE = "change"
    """a figure changed into another: "rose from A to B" says B is larger"""
    ENUMERATION = "enumeration"
    """an announced count and the items the text lists for it (`items`)"""
    TIMELINE = "timeline"
    """dated events in the order the text states ("Subsequently", "began ... finish by")"""
    RANK = "rank"
    """a figure called the most (or least) among peers named in the same way"""
    COMPARISON = "comparison"
    """one figure is at most another: a part of a whole, a rank among those ranked"""
    ORDINAL = "ordinal"
    """an ordinal and the things the text says came before it (`items`), as in "the
    fourth platform, after those in A, B and C"."""
    TIME = "time"
    """a date, year or span against what fixes it: the document date ("last year", a target
    year), a weekday, a period's named length ("Five-Year Plan"), a founding year"""
    PART_OF = "part_of"
    """an entity is part of another ("the zone comprises ... park in A and ... in B", "the
    first phase of the park"): `subjects` is the whole, then the parts"""


class Strength(StrEnum):
    """How a relation was found: said by the text, or found by arithmetic only."""

    STATED = "stated"
    INFERRED = "inferred"


class Member(LightModel):
    """One claim of a relation, in its role."""

    model_config = ConfigDict(frozen=True)

    role: str
    claim: str


def relation_id(
    kind: str, document: str, members: tuple[Member, ...], note: str, *extra: str
) -> str:
    """An id from content only: the same relation in any run has the same id."""
    parts = [kind, document, note, *(f"{m.role}={m.claim}" for m in members), *extra]
    return "r" + hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:12]


class Relation(LightModel):
    """Claims the text ties together, with the evidence and how sure the tie is."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: RelationKind
    document: str
    members: tuple[Member, ...]
    strength: Strength
    cue: str | None = None
    """the cue words as written ("a total of", "(", "of it is"), or None when inferred"""
    span: Span
    """where the evidence stands: the cue, or the sentences that hold the claims"""
    note: str = ""
    """a refinement of the kind: 'conversion', 'repeat', 'complement', 'partition'..."""
    items: tuple[str, ...] = ()
    """what an enumeration lists, as written (items are not figures, so not members)"""
    subjects: tuple[str, ...] = ()
    """the entity keys a comparison between subjects is about ("X is smaller than Y"),
    whose figures may stand in other documents (a subject-scope rule pools them)"""
    confident: bool = True
    """False when one end of a stated relation was resolved loosely (a whole found by its
    head noun in an earlier sentence): such a relation can warn but never fail"""
    date: datetime.date | None = None
    """the document date a time relation reads; when a dateline states it, the claim that
    states it is also a member (role ``document_date``)"""
    date_source: DateSource | None = None
    """where `date` came from: 'dateline', 'front_matter' or 'caller' (--date, date=)"""
    amount: int | None = None
    """a whole number the cue states that is no figure of its own: a period's named length
    in years ("Five-Year Plan": 5), a relative year's offset ("last year": -1), a weekday
    (0 is Monday)"""

    @classmethod
    def make(
        cls,
        kind: RelationKind,
        document: str,
        members: list[tuple[str, str]],
        strength: Strength,
        span: Span,
        *,
        cue: str | None = None,
        note: str = "",
        confident: bool = True,
        items: tuple[str, ...] = (),
        date: datetime.date | None = None,
        date_source: DateSource | None = None,
        amount: int | None = None,
        subjects: tuple[str, ...] = (),
    ) -> Relation:
        ms = tuple(Member(role=r, claim=c) for r, c in members)
        extra = (f"span={span.start}", *subjects) if subjects else ()
        return cls(
            id=relation_id(kind.value, document, ms, note, *extra),
            items=items,
            subjects=subjects,
            kind=kind,
            document=document,
            members=ms,
            strength=strength,
            cue=cue,
            span=span,
            note=note,
            confident=confident,
            date=date,
            date_source=date_source,
            amount=amount,
        )

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(m.claim for m in self.members)

    def role(self, name: str) -> tuple[str, ...]:
        """The claim ids in one role, in order."""
        return tuple(m.claim for m in self.members if m.role == name)

    @property
    def can_fail(self) -> bool:
        """A failure needs a stated relation whose ends were resolved with confidence."""
        return self.strength is Strength.STATED and self.confident

    def __repr__(self) -> str:
        note = f" {self.note}" if self.note else ""
        return (
            f"<Relation {self.kind.value} {self.strength.value}{note} {len(self.members)} claims>"
        )
