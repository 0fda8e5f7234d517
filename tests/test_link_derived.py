"""The linkers of the derived figures (HF701-HF705) and of ordinals (HF402), tested once here:
what each links and what it must not (sentences written for the tests). The rules' own
cases (tests/rules/cases/HF70x.yml) test the arithmetic on these relations."""

from __future__ import annotations

from collections import Counter

import pytest

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.link import RelationKind

Shown = tuple[str, str, list[tuple[str, str]]]


def shown(text: str, kind: RelationKind, note: str = "") -> list[Shown]:
    """(strength, note, [(role, claim text)]) of the text's relations of one kind whose
    note starts with `note`."""
    report = run([document_from_text(text, id="t.txt")], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return [
        (r.strength.value, r.note, [(m.role, texts[m.claim]) for m in r.members])
        for r in report.relations
        if r.kind == kind and r.note.startswith(note)
    ]


# ---- stated shares (HF701) ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "note", "roles"),
    [
        (
            "About 2,000 of the village's 9,500 inhabitants, 21 percent, farm rice.",
            "part-of-whole-share",
            [("part", "2,000"), ("whole", "9,500 inhabitants"), ("share", "21 percent")],
        ),
        (
            "Orchards take up 64 hectares, or 16% of the 400-hectare estate.",
            "part-share-of-whole",
            [("part", "64 hectares"), ("whole", "400-hectare"), ("share", "16%")],
        ),
        (
            "The fleet has 250 buses, of which 40 buses (16%) run on hydrogen.",
            "whole-of-which-part-share",
            [("part", "40 buses"), ("whole", "250 buses"), ("share", "16%")],
        ),
    ],
)
def test_a_share_stated_with_its_part_and_whole(
    text: str, note: str, roles: list[tuple[str, str]]
) -> None:
    got = shown(text, RelationKind.SHARE, note)
    assert [(s, r) for s, _n, r in got] == [("stated", roles)]


def test_a_share_in_words_keeps_the_words_in_the_note() -> None:
    got = shown("The majority of its 15 depots, nine, lie east of the canal.", RelationKind.SHARE)
    assert [(n, r) for _s, n, r in got] == [
        ("share-of-whole-part; word=The majority", [("part", "nine"), ("whole", "15 depots")])
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a share of some other total than the figure before it
        "The campus spans 40 hectares, with the north site covering 9 hectares, or 30% of the "
        "total green space.",
        # a change, not a share
        "Ridership reached 9,000 of the 12,000 seats, 8% more than last year.",
        # a part counting something else than its whole
        "Some 300 of the 40 firms' workers, 12 percent, joined the union.",
    ],
)
def test_no_stated_share_without_a_tie(text: str) -> None:
    assert [r for r in shown(text, RelationKind.SHARE) if r[0] == "stated"] == []


def test_n_of_the_m_without_a_share_is_a_part_of_comparison_only() -> None:
    text = "Some 800 of the 950 members voted."
    assert shown(text, RelationKind.SHARE) == []
    assert [[r for r, _t in m] for _s, _n, m in shown(text, RelationKind.COMPARISON)] == [
        ["part", "whole"]
    ]


# ---- per-unit figures and averages (HF702, HF705) ---------------------------------------
def test_a_density_with_its_population_and_area() -> None:
    got = shown(
        "The valley has 8,400 residents on 210 km², or 40 people per km².", RelationKind.DENSITY
    )
    assert got == [
        (
            "stated",
            "population density",
            [("count", "8,400 residents"), ("area", "210 km²"), ("density", "40 people per km²")],
        )
    ]


def test_a_figure_per_thing_and_per_capita() -> None:
    per = shown(
        "The city spent 90 million euros on 300 flats, or 0.3 million euros per flat.",
        RelationKind.DENSITY,
    )
    assert [(n, [r for r, _t in m]) for _s, n, m in per] == [
        ("per flat", ["total", "count", "per"])
    ]
    capita = shown(
        "Total output of 6 billion dollars and a population of 200,000 give output per capita "
        "of 30,000 dollars.",
        RelationKind.DENSITY,
    )
    assert [n for _s, n, _m in capita] == ["per capita"]


def test_a_density_of_part_of_the_area_is_not_linked() -> None:
    text = "The valley has 8,400 residents on 210 km², and 900 people per km² in the old town."
    assert shown(text, RelationKind.DENSITY, "population") == []


def test_an_average_with_its_total_and_count_is_no_sum() -> None:
    text = "The 15 clinics see an average of 320 patients, 4,800 in total."
    got = shown(text, RelationKind.DENSITY)
    assert [(n, [(r, t.split()[0]) for r, t in m]) for _s, n, m in got] == [
        ("average", [("total", "4,800"), ("count", "15"), ("per", "320")])
    ]
    # the same figures are not also a whole and its parts (15 + 320 = 4,800 is no claim)
    assert shown(text, RelationKind.TOTAL_PARTS) == []


# ---- splits with a remainder (HF705) -----------------------------------------------------
def test_a_split_with_a_remainder() -> None:
    got = shown(
        "Of the 30 wells, 18 are in use and the remaining 12 are capped.",
        RelationKind.TOTAL_PARTS,
    )
    assert got == [("stated", "remainder", [("whole", "30 wells"), ("part", "18"), ("part", "12")])]


def test_the_remainder_may_open_the_next_sentence() -> None:
    got = shown(
        "Seven of the 20 ferries are new. The other 13 are older.",
        RelationKind.TOTAL_PARTS,
        "remainder",
    )
    assert [[r for r, _t in m] for _s, _n, m in got] == [["whole", "part", "part"]]


def test_a_split_with_the_whole_first() -> None:
    got = shown(
        "The fleet has 2,000 buses, of which 1,100 buses run on diesel and the remaining 900 "
        "on batteries.",
        RelationKind.TOTAL_PARTS,
        "remainder",
    )
    assert [[r for r, _t in m] for _s, _n, m in got] == [["whole", "part", "part"]]


@pytest.mark.parametrize(
    "text",
    [
        "Of the 30 wells, 18 are in use and 12 others are capped.",  # no word for the rest
        # the rest of something else (another kind of figure)
        "The fleet has 2,000 buses, of which 1,100 buses run on diesel; the rest of the depot, "
        "4 hectares, is parking.",
        "Of the 30 wells, 18 pumps are in use and the remaining 12 are capped.",  # pumps
    ],
)
def test_no_split_without_the_remainder_or_with_other_nouns(text: str) -> None:
    assert shown(text, RelationKind.TOTAL_PARTS, "remainder") == []


# ---- bounding rectangles (HF704) ---------------------------------------------------------
def test_an_area_and_its_length_and_width() -> None:
    got = shown(
        "The lagoon is 4 km long and 1.5 km wide, covering 5.2 km².",
        RelationKind.COMPARISON,
        "bounding",
    )
    assert got == [
        (
            "stated",
            "bounding rectangle; plain wide",
            [("length", "4 km"), ("width", "1.5 km"), ("area", "5.2 km²")],
        )
    ]


def test_a_plot_by_its_sides() -> None:
    got = shown(
        "The plot, 300 m by 120 m, covers 3.4 hectares.", RelationKind.COMPARISON, "bounding"
    )
    assert [[r for r, _t in m] for _s, _n, m in got] == [["length", "width", "area"]]
    # the area's wording must join it to the sides: "a plot of" does not
    assert shown("A 300 m by 120 m plot of 3.4 hectares was sold.", RelationKind.COMPARISON) == []


@pytest.mark.parametrize(
    "text",
    [
        "The lagoon is 4 km long and on average 1.5 km wide, covering 5.2 km².",  # average width
        "The tower is 60 m long and 30 m wide, with 40,000 m² of office floor space.",  # floors
    ],
)
def test_no_bounding_rectangle_for_average_widths_or_floor_space(text: str) -> None:
    assert shown(text, RelationKind.COMPARISON, "bounding") == []


# ---- growth (HF703) ----------------------------------------------------------------------
def test_a_change_and_its_stated_rate() -> None:
    got = shown(
        "Exports grew from 1,200 tonnes in 2015 to 1,500 tonnes in 2020, an increase of 25%.",
        RelationKind.CHANGE,
        "growth",
    )
    assert got == [
        (
            "stated",
            "growth total; rise",
            [
                ("start", "1,200 tonnes"),
                ("end", "1,500 tonnes"),
                ("year", "2015"),
                ("year", "2020"),
                ("stated", "25%"),
            ],
        )
    ]


def test_an_annual_rate_and_a_multiple() -> None:
    annual = shown(
        "Exports rose from 1,200 tonnes in 2015 to 1,500 tonnes in 2020, about 4.6% a year.",
        RelationKind.CHANGE,
        "growth",
    )
    assert [n for _s, n, _m in annual] == ["growth annual; rise"]
    multiple = shown(
        "Traffic doubled from 4,000 vehicles in 2010 to 8,100 vehicles in 2020.",
        RelationKind.CHANGE,
        "growth",
    )
    assert [n for _s, n, _m in multiple] == ["growth multiple; x=2; about"]


def test_money_notes_what_the_text_says_of_inflation() -> None:
    got = shown(
        "In real terms, wages rose from $30,000 in 2010 to $36,000 in 2020, a 20% increase.",
        RelationKind.CHANGE,
        "growth",
    )
    assert [n for _s, n, _m in got] == ["growth total; rise; real"]


@pytest.mark.parametrize(
    "text",
    [
        # a range, not a change
        "Flats range from 40 to 120 square metres, a 10% share of the market.",
        # two changes in one sentence: which rate is about which is unclear
        "Imports rose from 30 to 40 tonnes and exports from 50 to 70 tonnes, up 20%.",
        # year-on-year: not the change between the figures
        "Sales rose from 1,200 units in 2015 to 1,500 units in 2020, up 3% year on year.",
    ],
)
def test_no_growth_relation_without_one_clear_change(text: str) -> None:
    assert shown(text, RelationKind.CHANGE, "growth") == []


def test_a_verb_alone_is_left_to_the_change_linker() -> None:
    text = "The stock grew from 900 head in 2001 to 700 head in 2011."
    assert shown(text, RelationKind.CHANGE, "growth") == []
    assert [n for _s, n, _m in shown(text, RelationKind.CHANGE)] == ["increase"]


# ---- ordinals (HF402) --------------------------------------------------------------------
def test_an_ordinal_and_the_names_before_it() -> None:
    report = run(
        [
            document_from_text(
                "It is the third terminal, after those in Alden and Brook.", id="t.txt"
            )
        ],
        rules=[],
    )
    got = [r for r in report.relations if r.kind == RelationKind.ORDINAL]
    assert [(r.note, r.items) for r in got] == [("after", ("Alden", "Brook"))]


def test_no_ordinal_relation_without_names_after_it() -> None:
    assert shown("It is the third terminal, built after the war.", RelationKind.ORDINAL) == []


# ---- one relation per tie, and every rule runs on these relations -----------------------
SAMPLE = (
    "About 2,000 of the village's 9,500 inhabitants, 21 percent, farm rice. "
    "The valley has 8,400 residents on 210 km², or 40 people per km². "
    "Of the 30 wells, 18 are in use and the remaining 12 are capped. "
    "The 15 clinics see an average of 320 patients, 4,800 in total. "
    "The lagoon is 4 km long and 1.5 km wide, covering 5.2 km². "
    "Exports grew from 1,200 tonnes in 2015 to 1,500 tonnes in 2020, an increase of 25%. "
    "It is the third terminal, after those in Alden and Brook."
)


def test_every_rule_runs_on_the_derived_relations_and_none_checks_a_tie_twice() -> None:
    report = run([document_from_text(SAMPLE, id="t.txt")])
    assert not report.problems, report.problems
    ties = Counter(frozenset(c.claims) for c in report.checks if len(c.claims) > 1)
    owners = {
        tie: sorted(c.rule for c in report.checks if frozenset(c.claims) == tie)
        for tie, n in ties.items()
        if n > 1
    }
    assert owners == {}, owners
    rules = {c.rule for c in report.checks}
    assert {"HF701", "HF702", "HF703", "HF704", "HF705", "HF402"} <= rules
    assert all(c.status.value == "pass" for c in report.checks), [
        c.message for c in report.checks if c.status.value != "pass"
    ]


def test_a_loose_or_inferred_relation_warns_instead_of_failing() -> None:
    from hetao_facts.link import Strength
    from hetao_facts.rules.derived._common import held_to

    text = "About 2,000 of the village's 9,500 inhabitants, 60 percent, farm rice."
    report = run([document_from_text(text, id="t.txt")])
    (check,) = [c for c in report.checks if c.rule == "HF701"]
    (rel,) = [r for r in report.relations if r.kind == RelationKind.SHARE]
    assert check.status.value == "fail" and rel.can_fail
    assert held_to(rel, check) is check
    loose = held_to(rel.model_copy(update={"confident": False}), check)
    inferred = held_to(rel.model_copy(update={"strength": Strength.INFERRED}), check)
    assert loose is not None and loose.status.value == "warn" and "loosely" in loose.message
    assert inferred is not None and inferred.status.value == "warn"
    assert "inferred" in inferred.message


# ---- complements named by "non-" (HF706) -------------------------------------------------
COMPLEMENT = (
    "The survey counted 4,168 households and 3,227 families.\n"
    "There are 4,168 households out of which 30.5% have pets and 22.58% are non-families."
)


def test_a_complement_named_by_non() -> None:
    got = shown(COMPLEMENT, RelationKind.SHARE, "complement, non-")
    assert got == [
        (
            "inferred",
            "complement, non-families",
            [
                ("part", "3,227 families"),
                ("whole", "4,168 households"),
                ("share", "22.58%"),
                ("as", "4,168 households"),
            ],
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the part's sentence does not restate the whole
        "The survey counted 3,227 families.\n"
        "There are 4,168 households out of which 22.58% are non-families.",
        # two counts of families: which one is the part is unclear
        "The survey counted 4,168 households and 3,227 families; 310 families moved away.\n"
        "There are 4,168 households out of which 22.58% are non-families.",
        # no 'out of which' ties the percent to the whole of its sentence
        "The survey counted 4,168 households and 3,227 families.\n"
        "There are 4,168 households, and 22.58% are non-families.",
    ],
)
def test_no_named_complement_without_the_ties(text: str) -> None:
    assert shown(text, RelationKind.SHARE, "complement, non-") == []


def test_the_widest_point_and_the_area_in_the_next_sentence() -> None:
    text = "The reservoir is 36 km long, and at its broadest point, nearly 7 km. Its total area is 190 km²."
    report = run([document_from_text(text, id="t.txt")], rules=[])
    got = [r for r in report.relations if r.note.startswith("bounding rectangle")]
    assert [(r.note, r.confident) for r in got] == [
        ("bounding rectangle; area in the next sentence", False)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the next sentence is about something else
        "The reservoir is 36 km long, and at its broadest point, nearly 7 km. The town covers 12 km².",
        # the next sentence gives floor space
        "The hall is 410 m long, and at its widest point, 90 m. It covers 52,000 m² of floor space.",
    ],
)
def test_no_area_from_the_next_sentence_about_another_thing(text: str) -> None:
    assert shown(text, RelationKind.COMPARISON, "bounding") == []
