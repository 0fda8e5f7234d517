"""Table cells as claims: a bare number in a column whose header names the unit.

A table states its units once, in a header or caption: "($m)", "(100 million yuan)",
"Area (km²)", "Composition (%)". A cell below such a header holds only digits ("58,310"),
which prose extraction cannot read; here each such cell becomes a claim in its column's
unit and scale, with the row label as its subject:

    >>> from hetao_facts.documents import document_from_text
    >>> from hetao_facts.extract.core import extract_document, index_documents
    >>> doc = document_from_text(
    ...     "Spending by area ($m)\\n\\n"
    ...     "Area      2023    2024\\nSchools   1,200   1,350\\nRoads     800     760\\n"
    ...     "Total     2,000   2,110\\n"
    ... )
    >>> cells = [c for c in extract_document(doc, index_documents([doc])).claims
    ...          if c.kind == "money"]
    >>> [(c.text, c.subject, c.value) for c in cells][:2]  # doctest: +NORMALIZE_WHITESPACE
    [('1,200', 'schools (2023)', Decimal('1.200E+9')),
     ('1,350', 'schools (2024)', Decimal('1.350E+9'))]

Every digit of a cell is significant (a table prints what it computed), so "1,200" stands
for 1,199.5 to 1,200.5 million. A cell that writes its own unit ("38.6%", "12 km") is read
by prose extraction as before; a column whose header names no unit is left to it too. When
a row has two or more value columns of one kind, the column's own header joins the subject
("schools (2023)"), so the same row in two columns (a year and the next, a preliminary and
a revised figure) is never read as one fact stated twice.

Numbers inside the unit's own brackets ("(100 million yuan)") are the unit, not figures, and
are set aside with that reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from hetao_facts import _rx
from hetao_facts.claims import (
    AreaClaim,
    Claim,
    CountClaim,
    DensityClaim,
    LengthClaim,
    MoneyClaim,
    PercentClaim,
    Qualifier,
    QuantityClaim,
)
from hetao_facts.intervals import interval_for, step_of
from hetao_facts.structure import Column, Table, structure_of, table_unit
from hetao_facts.units import match_currency_after, match_currency_before, parse_unit

if TYPE_CHECKING:
    from hetao_facts.extract.core import Extractor

__all__ = ["TableCells", "table_cells"]

#: a cell that is only a number: "58,310", "7.0", "(1,204)", "-12.5", "$1,350"
_BARE = _rx.compile(
    r"(?P<em>[*_]{0,3})(?P<neg>[(\-−–])?[ \u00a0]?(?P<cur>[$€£¥₹])?[ \u00a0]?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)[ \u00a0]?(?P<close>\)?)[*_]{0,3}"
)
_FOOTNOTE = _rx.compile(r"[\s*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
_UNIT_BRACKETS = _rx.compile(r"\([^()\n]{1,40}\)")
_SCALE_LEAD = _rx.compile(
    r"(?i)^\s*(?:in\s+)?(?:100\s+million|hundred\s+million|ten\s+thousand|10,000|thousands?"
    r"|millions?|billions?|trillions?|lakhs?|crores?|mn|mln|bn|tn|['’]000|000s)?\s*(?:of\s+)?"
)
_SCALE_TAIL = _rx.compile(
    r"(?i)\s*(?:100\s+million|hundred\s+million|thousands?|millions?|billions?|trillions?"
    r"|lakhs?|crores?|mn|mln|bn|tn|['’]000|000s|k|m|b)?\s*$"
)


_KINDS = frozenset({"percent", "money", "count", "area", "length", "density"})


@dataclass(frozen=True, slots=True)
class TableCells:
    """The claims read from table cells, and the spans of units written in brackets."""

    claims: tuple[Claim, ...]
    unit_spans: tuple[tuple[int, int], ...]


def table_cells(ex: Extractor) -> TableCells:
    """Claims for the bare-number cells of every table of the extractor's document."""
    doc = ex.doc
    tables = structure_of(doc).tables
    claims: list[Claim] = []
    spans: list[tuple[int, int]] = []
    for table in tables:
        spans.extend(_unit_spans(doc.text, table))
        claims.extend(_cells(ex, table))
    return TableCells(claims=tuple(claims), unit_spans=tuple(spans))


def _unit_spans(text: str, table: Table) -> list[tuple[int, int]]:
    """Bracketed units holding a digit in the table's header ("(100 million yuan)")."""
    out: list[tuple[int, int]] = []
    for cell in (*table.header, *((table.caption,) if table.caption else ())):
        for m in _UNIT_BRACKETS.finditer(text, cell.start, cell.end):
            if any(ch.isdigit() for ch in m.group()) and table_unit(m.group()) is not None:
                out.append(m.span())
    return out


def _label(text: str, start: int, end: int) -> str:
    """A row or column label without footnote marks and markup ("Health*" -> "Health")."""
    raw = text[start:end].strip().strip("*_").strip()
    return " ".join(_FOOTNOTE.sub("", raw).split())


def _currency(unit: str) -> str | None:
    """The ISO code of the currency a table unit names ("$m" -> "USD"), or None."""
    head = _SCALE_TAIL.sub("", unit).strip()
    if head:
        found = match_currency_before(head + "1", len(head))
        if found is not None and found[1] == 0:
            return found[0]
    tail = _SCALE_LEAD.sub("", unit).strip()
    if tail:
        probe = "1 " + tail
        got = match_currency_after(probe, 1)
        if got is not None and got[1] == len(probe):
            return got[0]
    return None


def _kind_of(column: Column) -> str | None:
    """The claim kind a column's unit gives its bare cells, or None when it gives none."""
    if column.unit is None:
        return None
    if column.unit == "%":
        return "percent"
    if _currency(column.unit) is not None:
        return "money"
    info = parse_unit(_SCALE_LEAD.sub("", column.unit))
    if info is not None:
        return info.dimension
    if column.scale is not None and column.scale != 1:
        return "count"
    return None


def _cells(ex: Extractor, table: Table) -> list[Claim]:
    text = ex.doc.text
    kinds = [_kind_of(c) for c in table.columns]
    out: list[Claim] = []
    for row in table.rows:
        label = _label(text, row.label.start, row.label.end)
        if not label:
            continue
        for x, cell in enumerate(row.cells[: len(table.columns)]):
            kind = kinds[x]
            if kind is None:
                continue
            m = _BARE.fullmatch(text, cell.start, cell.end)
            if m is None:
                continue
            column = table.columns[x]
            col_label = _label(text, column.label.start, column.label.end) if column.label else ""
            same_kind = sum(1 for k in kinds if k == kind)
            subject = label
            if same_kind > 1:
                subject = f"{label} ({col_label or f'column {x + 1}'})"
            claim = _claim(ex, table, column, kind, m, subject, label, col_label)
            if claim is not None:
                out.append(claim)
    return out


def _claim(
    ex: Extractor,
    table: Table,
    column: Column,
    kind: str,
    m: re.Match[str],
    subject: str,
    label: str,
    col_label: str,
) -> Claim | None:
    assert column.unit is not None
    digits = m.group("num").replace(",", "")
    number = Decimal(digits)
    negative = m.group("neg") is not None
    if negative and m.group("neg") == "(" and not m.group("close"):
        return None
    if not negative and m.group("close"):
        return None  # "12)": a list number or a stray bracket, not a cell
    stated = -number if negative else number
    scale = column.scale if column.scale is not None else Decimal(1)
    step = step_of(digits, scaled=True) * scale
    where = f"a table cell: row '{label}'" + (f", column '{col_label}'" if col_label else "")
    start = m.start() + len(m.group("em"))
    end = m.end("close") if m.group("close") else m.end("num")
    common = ex.b.common(
        kind if kind in _KINDS else "quantity",
        start,
        end,
        number=digits,
        stated=stated,
        qualifier=Qualifier.EXACT,
        subject=subject.lower(),
        subject_text=label,
        notes=(f"{where}, in {column.unit}",),
    )
    value = stated * scale
    tol = ex.ctx.tol
    if kind == "percent":
        iv = interval_for(stated, Qualifier.EXACT, step=step, tolerances=tol, nonnegative=False)
        return PercentClaim(
            **common,
            unit="%",
            canonical_unit="%",
            value=stated,
            interval=iv,
        )
    iv = interval_for(value, Qualifier.EXACT, step=step, tolerances=tol, nonnegative=False)
    if kind == "money":
        currency = _currency(column.unit)
        assert currency is not None
        return MoneyClaim(
            **common,
            unit=column.unit,
            canonical_unit=currency,
            currency=currency,
            value=value,
            interval=iv,
        )
    if kind == "count":
        return CountClaim(**common, unit=None, value=value, interval=iv)
    info = parse_unit(_SCALE_LEAD.sub("", column.unit))
    if info is None:
        return None
    f, off = info.factor, info.offset
    norm_iv = iv.scale(f).shift(off) if f > 0 else iv
    shared = {
        **common,
        "unit": column.unit,
        "canonical_unit": info.canonical,
        "value": value * f + off,
        "interval": norm_iv,
    }
    if info.dimension == "area":
        return AreaClaim(**shared)
    if info.dimension == "length":
        return LengthClaim(**shared)
    if info.dimension == "density":
        return DensityClaim(**shared)
    if info.dimension == "percent":
        return None
    return QuantityClaim(**shared, dimensionality=info.dimension)
