"""HF501 pools a subject's figures across documents: a comparison stated in several
documents is one check, not one per document."""

from __future__ import annotations

from hetao_facts import Document, check


def _doc(i: int, x: str) -> Document:
    return Document(
        id=f"note{i}.txt",
        text=(
            f"The Alder park covers {x} square kilometres. The Birch park covers 2.5 square "
            "kilometres. The Alder park is smaller than the Birch park.\n"
        ),
    )


def test_a_comparison_repeated_in_documents_is_checked_once() -> None:
    report = check([_doc(i, "4.1") for i in range(4)], config=False, select=["HF501"])
    found = [c for c in report.checks if c.rule == "HF501"]
    assert len(found) == 1, [c.message for c in found]
    assert found[0].status.value == "fail"
    assert len({c.id for c in report.checks}) == len(report.checks)


def test_one_document_alone_still_gets_its_check() -> None:
    report = check([_doc(0, "1.1")], config=False, select=["HF501"])
    assert [c.status.value for c in report.checks if c.rule == "HF501"] == ["pass"]
