"""What the words beside a figure say, kept on the claim (extract/aspects.py).

Sentences written for the tests.
"""

from __future__ import annotations

import pytest

from hetao_facts import extract


def _only(text: str, kind: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [
        (c.text, c.extent, c.difference, c.narrowed_by) for c in extract(text) if c.kind == kind
    ]


@pytest.mark.parametrize(
    ("text", "extent"),
    [
        ("The Marrow Dam is a 120-metre-high earth dam.", "height"),
        ("Its crest is 9 m wide.", "width"),
        ("The shaft reaches a depth of 240 m.", "depth"),
        ("The wall is 2 m thick at the base.", "thickness"),
        ("The summit stands 1,820 m above sea level.", "elevation"),
        ("The canal is 14 km long.", "length"),
        ("The ring road runs for 31 km around the town.", None),
    ],
)
def test_a_lengths_extent_is_the_word_beside_it(text: str, extent: str | None) -> None:
    (got,) = _only(text, "length")
    assert got[1] == extent


def test_two_extent_words_beside_one_figure_give_none() -> None:
    (got,) = _only("The tower, 80 m tall and wide at its foot, stands alone.", "length")
    assert got[1] is None


def test_a_difference_is_marked_and_a_plain_figure_is_not() -> None:
    (diff,) = _only("The new park is about 4 square miles larger than the old one.", "area")
    assert diff[2] == "larger than"
    (plain,) = _only("The new park covers 4 square miles.", "area")
    assert plain[2] is None
    (count,) = _only("The school has 30 pupils more than it had last term.", "count")
    assert count[2] == "more than"


def test_a_counts_noun_narrowed_by_an_owner_or_a_list() -> None:
    (owned,) = _only("The county's four libraries open on Sundays.", "count")
    assert owned[3] == "county's"
    (listed,) = _only("It runs three depots in Ashby, Brook and Carlow, each small.", "count")
    assert listed[3] == "in Ashby"
    (free,) = _only("Four libraries open on Sundays.", "count")
    assert free[3] is None
