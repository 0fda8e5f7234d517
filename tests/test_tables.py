"""Tables: per-column units, cells as claims, and the relations a table states."""

from __future__ import annotations

import doctest
import importlib
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts.documents import document_from_text
from hetao_facts.extract.core import extract_document, index_documents
from hetao_facts.link import RelationKind, link_document
from hetao_facts.structure import parse_structure


def _claims(text: str, fmt: str = "text") -> list:
    doc = document_from_text(text, format=fmt)
    return list(extract_document(doc, index_documents([doc])).claims)


def _column_units(text: str) -> list[tuple[str | None, str]]:
    s = parse_structure(text)
    (table,) = s.tables
    return [(c.unit, text[c.label.start : c.label.end] if c.label else "") for c in table.columns]


def test_doctests() -> None:
    module = importlib.import_module("hetao_facts.extract.tables")
    assert doctest.testmod(module).failed == 0


def test_header_cell_per_column() -> None:
    text = "Region     Area (km²)    Population\nNorth      1,204         88,000\nSouth        930         41,500\n"
    assert _column_units(text) == [("km²", "Area (km²)"), (None, "Population")]


def test_units_over_equal_runs_of_columns() -> None:
    text = (
        "Fleet by mode\n|\nVehicles (thousands)\n|\nShare (%)\n|\n2020\n|\n2021\n|\n"
        "2020\n|\n2021\n|\nBuses\n|\n12.5\n|\n13.1\n|\n40.0\n|\n41.2\n|\nTrams\n|\n3.1\n|\n"
        "3.0\n|\n9.9\n|\n9.4\n|\nTrains\n|\n15.7\n|\n15.7\n|\n50.1\n|\n49.4\n"
    )
    assert _column_units(text) == [
        ("thousands", "2020"),
        ("thousands", "2021"),
        ("%", "2020"),
        ("%", "2021"),
    ]


def test_money_cells_take_scale_and_row_label() -> None:
    text = "Table 1: Grants (US$ million)\n\nProgramme     Amount\nWater         12.5\nRoads         (3.0)\nSchools       40\n"
    money = [c for c in _claims(text) if c.kind == "money"]
    assert [(c.text, c.subject, c.value, c.currency) for c in money] == [
        ("12.5", "water", Decimal("12.5E+6"), "USD"),
        ("(3.0)", "roads", Decimal("-3.0E+6"), "USD"),
        ("40", "schools", Decimal("40E+6"), "USD"),
    ]
    # every digit of a cell counts: 40 is 39.5 to 40.5 million, not 35 to 45
    assert money[2].interval is not None
    assert money[2].interval.low == Decimal("39.5E+6")


def test_area_and_percent_cells() -> None:
    text = "| District | Area (ha) | Share (%) |\n|---|---|---|\n| East | 310 | 62 |\n| West | 190 | 38 |\n"
    got = [(c.kind, c.text, c.value) for c in _claims(text, "markdown")]
    assert ("area", "310", Decimal("3100000")) in got
    assert ("percent", "62", Decimal("62")) in got


def test_cells_with_their_own_unit_are_read_by_prose_extraction() -> None:
    text = "Site       Size\nNorth      12 km²\nSouth      8 km²\nEast       5 km²\n"
    areas = [c for c in _claims(text) if c.kind == "area"]
    assert [c.text for c in areas] == ["12 km²", "8 km²", "5 km²"]


def test_a_number_in_the_units_bracket_is_set_aside() -> None:
    text = "Output (100 million yuan)\n\nSector      2022\nFarming     812\nIndustry    3,410\nServices    4,975\n"
    doc = document_from_text(text)
    ex = extract_document(doc, index_documents([doc]))
    assert not any(c.text.startswith("100 million") for c in ex.claims)
    assert any(a.text.startswith("100") and "unit" in a.reason for a in ex.set_aside)
    assert next(c.value for c in ex.claims if c.kind == "money") == Decimal("812E+8")


def test_two_columns_of_one_kind_keep_their_column_in_the_subject() -> None:
    text = "Spending ($m)\n\nArea       2023     2024\nSchools    1,200    1,350\nRoads      800      760\n"
    subjects = [c.subject for c in _claims(text) if c.kind == "money"]
    assert subjects == ["schools (2023)", "schools (2024)", "roads (2023)", "roads (2024)"]


def test_relations_of_a_table() -> None:
    text = (
        "Health will get $4.2 billion.\n\nTable 4: Outlays by function\n\n"
        "Function       $m       % of total\nHealth         4,210    42.1%\n"
        "Schools        3,350    33.5%\nDefence        2,440    24.4%\nTotal         10,000    100%\n"
    )
    doc = document_from_text(text)
    claims = extract_document(doc, index_documents([doc])).claims
    rels = link_document(doc, claims)
    kinds = sorted({(r.kind, r.note, r.strength.value) for r in rels})
    assert (RelationKind.TOTAL_PARTS, "table", "stated") in kinds
    assert (RelationKind.SHARE, "table", "inferred") in kinds
    assert (RelationKind.RESTATEMENT, "table", "inferred") in kinds
    totals = [r for r in rels if r.kind is RelationKind.TOTAL_PARTS]
    assert {len(r.role("part")) for r in totals} == {3}


table_text = st.lists(
    st.sampled_from(
        [
            "Total",
            "North",
            "|",
            "12",
            "1,204",
            "(3.0)",
            "38.6%",
            "($m)",
            "Table 1: x (%)",
            "2023",
            "2024",
            "of which rail",
            "",
            "  ",
            "\t",
            "km²",
            "-",
            "—",
        ]
    ),
    max_size=40,
).map(lambda parts: "\n".join(parts))


@settings(max_examples=150, deadline=None)
@given(table_text, st.sampled_from(["text", "markdown"]))
def test_table_like_text_never_crashes(text: str, fmt: str) -> None:
    doc = document_from_text(text, format=fmt)
    claims = extract_document(doc, index_documents([doc])).claims
    for rel in link_document(doc, claims):
        assert all(0 <= c.start < c.end <= len(text) for c in claims if c.id in rel.claims)
