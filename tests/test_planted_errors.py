"""Planted errors in the seed briefing: each edit must be flagged by the rule that owns it,
and the untouched seeds must raise no failure other than the one real inconsistency."""

from __future__ import annotations

from pathlib import Path

import pytest

from hetao_facts import check

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

PLANTS = [
    ("004", "0.87-square-kilometer", "0.97-square-kilometer", {"HF101", "HF201"}),
    ("000", "3.89 square kilometers", "3.98 square kilometers", {"HF101"}),
    ("001", "The three key positionings are", "The four key positionings are", {"HF401"}),
    ("003", "fourth cooperation platform", "fifth cooperation platform", {"HF402"}),
    ("001", "(2021-2025)", "(2021-2026)", {"HF601"}),
    ("004", "On Sept. 5, 2023", "On Sept. 6, 2023", {"HF602"}),
    ("004", "10 R&D platforms", "12 R&D platforms", {"HF201"}),
    ("004", "five top Hong Kong universities", "six top Hong Kong universities", {"HF201"}),
    ("001", "the Hong Kong park, 87 hectares", "the Hong Kong park, 78 hectares", {"HF201"}),
    ("001", "for the years 2025 and 2035", "for the years 2035 and 2025", {"HF604"}),
    ("002", "By 2025, more than 1.5 million", "By 2021, more than 1.5 million", {"HF603"}),
    ("001", "approximately 300 hectares", "approximately 200 hectares", {"HF201"}),
    ("000", "covers an area of 106 square", "covers an area of 116 square", {"HF201"}),
]


def _flags(folder: Path) -> set[tuple[str, str]]:
    report = check([str(p) for p in sorted(folder.glob("*.txt"))])
    return {
        (c.rule, c.message.replace(str(folder), "SEEDS"))
        for c in report.checks
        if c.status.value in ("fail", "warn")
    }


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("seeds")
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    return _flags(folder)


def test_seeds_fail_only_on_the_real_inconsistency(baseline: set[tuple[str, str]]) -> None:
    assert baseline and {rule for rule, _ in baseline} == {"HF102"}


@pytest.mark.parametrize(("doc", "old", "new", "rules"), PLANTS, ids=[p[2][:30] for p in PLANTS])
def test_planted_error_is_flagged(
    tmp_path: Path, baseline: set[tuple[str, str]], doc: str, old: str, new: str, rules: set[str]
) -> None:
    for f in SEEDS.glob("*.txt"):
        text = f.read_text(encoding="utf-8")
        if f.name.startswith(doc + "_"):
            assert old in text
            text = text.replace(old, new, 1)
        (tmp_path / f.name).write_text(text, encoding="utf-8", newline="")
    new_flags = _flags(tmp_path) - baseline
    assert {rule for rule, _ in new_flags} & rules, new_flags
