"""What the time rules share: how a relation's document date is shown, and what it cites."""

from __future__ import annotations

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.link import Relation

__all__ = ["cited", "date_basis", "date_note"]

_SOURCES = {
    "caller": "given by the caller (--date or date=), not read from the text",
    "front_matter": "from the front matter",
    "dateline": "from the dateline",
    "dateline_no_year": "from a dateline without a year: the year is inferred",
}


def cited(ctx: Context, rel: Relation) -> list[Claim]:
    """Every claim of the relation, in member order (the document date's claim included)."""
    return ctx.claims_of(rel.claims)


def date_basis(ctx: Context, rel: Relation) -> str:
    """'the document date 2023-09-21 (dateline 'September 21, 2023', a.txt:3)': the date a
    relation reads and where it came from (the claim that states it, when one does)."""
    if rel.date is None:
        return "no document date"
    stated = ctx.claims_of(rel.role("document_date"))
    if stated:
        what = {
            "front_matter": "front matter",
            "dateline_no_year": "dateline without a year (the year inferred)",
        }.get(rel.date_source or "", "dateline")
        where = f"{what} {stated[0].text!r}, {ctx.where(stated[0])}"
    else:
        where = _SOURCES.get(rel.date_source or "", rel.date_source or "given")
    return f"the document date {rel.date.isoformat()} ({where})"


def date_note(ctx: Context, rel: Relation) -> str:
    """'; a date without a year took its year from the document date (...)' when the
    relation holds such a date (a relation that only compares with the document date says
    so in its own words), else ''."""
    if rel.date is None:
        return ""
    return f"; a date without a year took its year from {date_basis(ctx, rel)}"
