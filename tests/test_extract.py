"""Extraction cases as data (tests/data/extract_cases.yml), one family per key."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from hetao_facts import extract

DATA = yaml.safe_load(
    (Path(__file__).parent / "data" / "extract_cases.yml").read_text(encoding="utf-8")
)
CASES = [(family, i, case) for family, cases in DATA.items() for i, case in enumerate(cases)]


def _value(c: Any) -> Any:
    return c.model_dump(mode="json")["value"]


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(Decimal(str(a)) - Decimal(str(b))) <= Decimal("1e-6") * max(
            Decimal(1), abs(Decimal(str(b)))
        )
    return str(a) == str(b)


@pytest.mark.parametrize(("family", "index", "case"), CASES, ids=[f"{f}-{i}" for f, i, _ in CASES])
def test_extraction_case(family: str, index: int, case: dict[str, Any]) -> None:
    date = datetime.date.fromisoformat(case["date"]) if "date" in case else None
    claims = extract(case["text"], date=date)
    for want in case.get("claims", []):
        matches = [
            c
            for c in claims
            if c.kind == want["kind"] and (want["text"] in c.text or c.text in want["text"])
        ]
        shown = [(c.kind, c.text, _value(c)) for c in claims]
        assert matches, f"no {want['kind']} claim for {want['text']!r} in {shown}"
        c = matches[0]
        assert _close(_value(c), want["value"]), (
            f"{want['text']!r}: value {_value(c)} != {want['value']}"
        )
        if "qualifier" in want:
            assert c.qualifier.value == want["qualifier"], f"{want['text']!r}: {c.qualifier}"
        if "role" in want:
            assert (c.role.value if c.role else None) == want["role"], (
                f"{want['text']!r}: role {c.role}"
            )
        if "subject" in want:
            assert c.subject == want["subject"], f"{want['text']!r}: subject {c.subject!r}"
    for text in case.get("absent", []):
        bad = [c for c in claims if c.text == text or c.text.startswith(text + " ")]
        assert not bad, f"{text!r} should not be a claim: {[(c.kind, c.text) for c in bad]}"


def test_offsets_and_lines() -> None:
    text = "Line one.\nThe park covers 87 hectares.\r\nAnd 12 more."
    claims = extract(text)
    for c in claims:
        assert text[c.start : c.end] == c.text
    park = next(c for c in claims if c.kind == "area")
    assert (park.line, park.column) == (2, 17)


def test_ids_are_stable() -> None:
    text = "The zone covers 3.89 square kilometers and has two parks."
    assert [c.id for c in extract(text)] == [c.id for c in extract(text)]


def test_year_from_document_date() -> None:
    import datetime

    claims = extract("The event was held on July 1.", date=datetime.date(2023, 9, 5))
    (d,) = [c for c in claims if c.kind == "date"]
    assert d.value == "2023-07-01"
    assert d.year_inferred and "document date" in d.notes[0]


def test_coverage_accounts_for_every_numeral() -> None:
    from pathlib import Path

    from hetao_facts import check

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    cov = check([str(seeds)]).coverage
    assert cov.numerals == cov.claimed + cov.set_aside
    assert cov.set_aside == sum(cov.reasons.values()) == len(cov.items)
    assert "page navigation" in cov.reasons and "list marker" in cov.reasons
