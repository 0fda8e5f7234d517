"""Comparisons between subjects and fractions of a figure (link/orders.py): what is linked
and what must not be. Sentences written for the tests."""

from __future__ import annotations

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.link import Relation, RelationKind, Strength
from hetao_facts.link.orders import FRACTION, LEAST, LESS, MORE, MOST, SIBLINGS


def _orders(text: str) -> list[tuple[Relation, dict[str, str]]]:
    report = run([document_from_text(text, id="t.txt")], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return [
        (r, texts)
        for r in report.relations
        if r.kind is RelationKind.COMPARISON and (r.subjects or r.note == FRACTION)
    ]


PARKS = (
    "The city has three parks: Alder, Birch, and Cedar. Alder Park covers 12 hectares. "
    "Birch Park covers 40 hectares. Cedar Park covers 65 hectares. "
)


def test_a_superlative_among_named_peers() -> None:
    ((rel, texts),) = _orders(PARKS + "Alder Park is the smallest park among the three.")
    assert rel.note == LEAST and rel.cue == "smallest" and rel.strength is Strength.STATED
    assert rel.subjects == ("alder park",)
    assert rel.items == ("Alder", "Birch", "Cedar")
    assert [texts[c] for c in rel.role("figure")] == ["12 hectares"]
    assert sorted(texts[c] for c in rel.role("peer")) == ["40 hectares", "65 hectares"]
    ((most, _),) = _orders(PARKS + "Cedar Park is the largest of the three.")
    assert most.note == MOST and most.subjects == ("cedar park",)


def test_no_superlative_without_a_list_of_that_many_names() -> None:
    # the list names three parks, the sentence ranks among four
    assert not _orders(PARKS + "Alder Park is the smallest park among the four.")
    # no list of names at all
    assert not _orders("Alder Park covers 12 hectares. It is the smallest of the three parks.")


def test_a_comparative_with_than_names_both_subjects() -> None:
    ((rel, texts),) = _orders(
        "Northgate Park covers 30 hectares. Southgate Park covers 45 hectares. "
        "Northgate Park is smaller than Southgate Park."
    )
    assert rel.note == LESS and rel.subjects == ("northgate park", "southgate park")
    assert [texts[c] for c in rel.role("figure")] == ["30 hectares"]
    assert [texts[c] for c in rel.role("than")] == ["45 hectares"]


def test_a_comparative_without_than_is_against_the_other_parts() -> None:
    ((rel, _),) = _orders(
        "The campus consists of two sites in Easton and Weston. The Easton site is larger."
    )
    assert rel.note == MORE + SIBLINGS and rel.subjects == ("easton site",)


def test_no_comparative_without_a_named_subject_or_a_copula() -> None:
    assert not _orders("Prices grew larger every year.")  # no subject named before "larger"
    assert not _orders("Maple Park, larger and greener, covers 20 hectares.")  # no "is"


def test_a_fraction_of_the_figure_after_it() -> None:
    ((rel, texts),) = _orders(
        "The pond covers some 150 hectares, about half of the 310-hectare farm."
    )
    assert rel.note == FRACTION and rel.strength is Strength.STATED
    shown = {role: texts[rel.role(role)[0]] for role in ("figure", "fraction", "base")}
    assert shown == {
        "figure": "150 hectares",
        "fraction": "half",
        "base": "310-hectare",
    }


def test_a_multiple_is_left_to_the_multiples_and_a_lone_fraction_is_not_linked() -> None:
    text = "The new hall covers 900 m², three times the size of the 300 m² old hall."
    assert not _orders(text)
    report = run([document_from_text(text, id="t.txt")], rules=[])
    assert any(r.role("multiplier") for r in report.relations)
    assert not _orders("About half of the farm is pasture.")  # no figure before, none after


# ---- comparison by meaning: household shares (link/subsets.py) ----------------------------
CENSUS = (
    "The town has 4,210 households, of which 31.5% have children under 18 living with them "
    "and 33.20% are non-family households. 27.10% of all households are one person "
    "living alone and 11.30% have someone living alone aged 65 or older."
)


def _subsets(text: str) -> list[tuple[str, str, str]]:
    report = run([document_from_text(text, id="t.txt")], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return sorted(
        (r.strength.value, texts[r.role("part")[0]], texts[r.role("whole")[0]])
        for r in report.relations
        if r.note == "subset of"
    )


def test_household_shares_along_the_chain_of_kinds() -> None:
    assert _subsets(CENSUS) == [
        ("inferred", "11.30%", "27.10%"),
        ("inferred", "27.10%", "33.20%"),
    ]


def test_no_household_subset_without_households_or_with_a_kind_named_twice() -> None:
    # no "household" in the paragraph: the words may be about something else
    assert not _subsets("Some 40% are non-family firms and 12% are made up of individuals.")
    # two shares name one-person households: which is which is not clear
    twice = CENSUS + " In 2000, 25.00% of all households were one-person households."
    assert ("inferred", "27.10%", "33.20%") not in _subsets(twice)
    # a share of non-family households is not a share of all households
    other = (
        "The town has 4,210 households; 33.20% are non-family households. Of the "
        "non-family households, 80.10% are one person living alone."
    )
    assert not _subsets(other)


# ---- part-of links between entities (link/part_of.py) ---------------------------------------
def _part_of(*texts: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    docs = [document_from_text(t, id=f"d{i}.txt") for i, t in enumerate(texts)]
    report = run(docs, rules=[])
    return [(r.note, r.cue, r.subjects) for r in report.relations if r.kind is RelationKind.PART_OF]


def test_a_verb_of_composition_links_a_whole_and_its_parts() -> None:
    got = _part_of(
        "The Lakeside Zone comprises a 3.02 km² park in Ashford and a 0.87 km² park in Brinton."
    )
    assert got == [("partition", "comprises", ("lakeside zone", "ashford park", "brinton park"))]


def test_includes_gives_some_parts_and_a_phase_is_part_of_its_whole() -> None:
    (inc,) = _part_of(
        "The Corran Estate includes the Ashford park, covering 40 hectares, and the Brinton "
        "park, covering 25 hectares."
    )
    assert inc[0] == "some parts" and inc[1] == "includes"
    assert inc[2][0] == "corran estate" and len(inc[2]) == 3
    # "includes" without figures names examples, not parts: no link
    assert not _part_of("The Corran Estate includes the Ashford park and the Brinton park.")
    phases = _part_of(
        "The Ashford park covers 90 hectares. The first phase of the park covers 30 hectares."
    )
    assert phases[-1][:2] == ("phase", "first phase of the park")
    assert phases[-1][2] == ("ashford park", "first phase of ashford park")


def test_no_part_of_link_without_a_whole_or_a_verb() -> None:
    assert not _part_of("A 3.02 km² park in Ashford and a 0.87 km² park in Brinton opened.")
    assert not _part_of("Comprises two parks, it says.")  # no entity before the verb


def test_part_of_links_feed_the_rules_as_before() -> None:
    report = run(
        [
            document_from_text(
                "The Lakeside Zone comprises a 3.02 km² park in Ashford and a 0.87 km² park "
                "in Brinton.",
                id="a.txt",
            ),
            document_from_text("The Lakeside Zone covers 3.98 km².", id="b.txt"),
        ]
    )
    (bad,) = [c for c in report.checks if c.rule == "HF101"]
    assert bad.status.value == "fail" and "as stated: 'comprises'" in bad.message


def _complements(text: str) -> list[tuple[str, str, str, str]]:
    report = run([document_from_text(text, id="t.txt")], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return [
        (r.note, *(texts[r.role(k)[0]] for k in ("part", "whole", "share")))
        for r in report.relations
        if r.kind is RelationKind.SHARE and r.cue and "famil" in r.cue
    ]


HOMES = "In 2010 the town had 12,400 people, 4,800 households, and 3,120 families. "


def test_the_non_family_share_is_the_complement_of_families_over_households() -> None:
    got = _complements(HOMES + "Of all households, 35.00% were non-family households.")
    assert got == [("complement", "3,120 families", "4,800 households", "35.00%")]


def test_no_complement_without_one_count_of_families_and_one_non_family_share() -> None:
    assert not _complements(HOMES + "Some 35.00% of the firms are family-owned.")
    assert not _complements(
        HOMES + "35.00% were non-family households; in 2000, 31.00% were non-families."
    )
    assert not _complements("The town had 4,800 households. 35.00% were non-family households.")


def test_a_majority_word_before_a_figure_ties_it_to_the_figure_before() -> None:
    report = run(
        [
            document_from_text(
                "Farming uses 900 hectares, with a majority of 520 hectares under grass.",
                id="t.txt",
            )
        ],
        rules=[],
    )
    texts = {c.id: c.text for c in report.claims}
    (rel,) = [r for r in report.relations if r.note == "more than half"]
    assert (texts[rel.role("figure")[0]], texts[rel.role("base")[0]]) == (
        "520 hectares",
        "900 hectares",
    )
    assert rel.cue == "a majority" and not rel.confident
    # a figure of another kind before the words is no whole
    other = run(
        [document_from_text("It employs 900 people, with a bulk of 520 hectares.", id="u.txt")],
        rules=[],
    )
    assert not [r for r in other.relations if r.note == "more than half"]


def test_one_parts_figure_and_the_aggregate_before_it() -> None:
    def linked(text: str) -> list[str | None]:
        report = run([document_from_text(text, id="t.txt")], rules=[])
        return [r.cue for r in report.relations if r.note == "one part of the aggregate"]

    assert linked("It has a combined capacity of 5,000 people and holds 2,000 in one room.") == [
        "in one room"
    ]
    # no aggregate word: the first figure may be one part too
    assert not linked("It has room for 5,000 people and holds 2,000 in one room.")
    # two aggregates before it: which one is not clear
    assert not linked(
        "It has a total of 5,000 seats and a total of 900 boxes, and 2,000 in one room."
    )


def test_no_complement_or_room_across_years_or_for_more() -> None:
    assert not _complements(
        "In 2015 the town had 4,800 households and 3,120 families. "
        "By 2020, 38.00% were non-family households."
    )
    report = run(
        [document_from_text("The plant has 300 staff, with room for up to 150 more.", id="t.txt")],
        rules=[],
    )
    assert not [r for r in report.relations if r.note == "now within the room for"]


def test_no_aggregate_part_for_a_rate_or_other_things() -> None:
    for text in (
        "The entire fleet of 40 buses carries 3,000 in one day.",
        "The entire fleet of 40 buses carries 3,000 passengers in one run.",
    ):
        report = run([document_from_text(text, id="t.txt")], rules=[])
        assert not [r for r in report.relations if r.note == "one part of the aggregate"], text
