"""HF102 compares every figure of a part with its whole; the passes against the whole's
figures in other documents are one check per link, so checks grow with the input, not
with the input times the links."""

from __future__ import annotations

from hetao_facts import Document, check

WHOLE = Document(
    id="zone.txt",
    text="The Alder zone comprises the Birch park and the Cedar park. The Alder zone covers 9 km².\n",
)


def _note(i: int, km2: str) -> Document:
    return Document(id=f"note{i:02}.txt", text=f"The Birch park covers {km2} km².\n")


def test_passes_against_another_document_are_one_check() -> None:
    report = check([WHOLE, *(_note(i, f"{2 + i / 10:.1f}") for i in range(12))], config=False)
    hf102 = [c for c in report.checks if c.rule == "HF102"]
    assert [c.status.value for c in hf102] == ["pass"], [c.message for c in hf102]
    assert "12 figures of the part" in hf102[0].message
    assert "and 2 more" in hf102[0].message


def test_a_failing_figure_still_fails_alone() -> None:
    docs = [WHOLE, _note(0, "2.0"), _note(1, "12.0"), _note(2, "3.0")]
    report = check(docs, config=False)
    hf102 = sorted((c.status.value, c.message) for c in report.checks if c.rule == "HF102")
    assert [s for s, _ in hf102] == ["fail", "pass"], hf102
    assert "12 km²" in hf102[0][1]
