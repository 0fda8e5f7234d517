"""Document structure (hetao_facts.structure): paragraphs, list items and tables, with spans
into the original text (texts written for the tests)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts.documents import document_from_text
from hetao_facts.structure import structure_of

MD = """Our three tasks:

- build the first
  hard-wrapped item
- run the second
- close the third

| Item ($m) | 2023 | 2024 |
|---|---|---|
| Roads | 120 | 130 |
| Rail | 80 | 95 |
| Total | 200 | 225 |
"""

ALIGNED = """Spending  ($m)
Roads     120    130
Rail       80     95
Total     200    225
"""


def _text(t: str, span: object) -> str:
    return t[span.start : span.end]  # type: ignore[attr-defined]


def test_markdown_list_items_are_items_across_hard_wraps_with_their_intro() -> None:
    s = structure_of(document_from_text(MD, id="a.md", format="markdown"))
    (lst,) = s.lists
    assert [_text(MD, i) for i in lst.items] == [
        "build the first\n  hard-wrapped item",
        "run the second",
        "close the third",
    ]
    assert lst.intro is not None and _text(MD, lst.intro) == "Our three tasks:"
    assert not lst.ordered


def test_a_pipe_table_has_rows_cells_a_unit_and_a_total_row() -> None:
    s = structure_of(document_from_text(MD, id="a.md", format="markdown"))
    (table,) = s.tables
    assert (table.unit, table.scale) == ("$m", Decimal("1E+6"))
    rows = [(_text(MD, r.label), [_text(MD, c) for c in r.cells], r.is_total) for r in table.rows]
    assert rows == [
        ("Roads", ["120", "130"], False),
        ("Rail", ["80", "95"], False),
        ("Total", ["200", "225"], True),
    ]


def test_a_plain_aligned_table() -> None:
    s = structure_of(document_from_text(ALIGNED, id="a.txt"))
    (table,) = s.tables
    assert table.unit == "$m"
    assert [r.is_total for r in table.rows] == [False, False, True]
    assert [_text(ALIGNED, c) for c in table.rows[0].cells] == ["120", "130"]


def test_paragraph_of_finds_the_paragraph_of_an_offset() -> None:
    text = "First paragraph here.\n\nSecond one, wrapped\nover two lines."
    s = structure_of(document_from_text(text, id="a.txt"))
    i = s.paragraph_of(text.index("wrapped"))
    assert i is not None and _text(text, s.paragraphs[i]).startswith("Second one")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["- a", "1. b", "| x | 1 |", "|---|---|", "Total  12  13", "text", "", "* c", "(a) d"]
        )
        | st.text(max_size=30),
        max_size=12,
    ),
    st.sampled_from(["text", "markdown"]),
)
def test_structure_never_crashes_and_every_span_lies_in_the_text(
    lines: list[str], fmt: str
) -> None:
    text = "\n".join(lines)
    s = structure_of(document_from_text(text, id="p.md", format=fmt))
    spans = list(s.paragraphs)
    for lst in s.lists:
        spans.extend(lst.items)
    for t in s.tables:
        spans.append(t.span)
        for r in t.rows:
            spans.extend([r.span, r.label, *r.cells])
    for sp in spans:
        assert 0 <= sp.start <= sp.end <= len(text)
