"""The linking stage: relations found per document, as data (sentences written for the tests)."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts import check_text, extract
from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.link import Relation, RelationKind, Strength, link_document

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def relations(text: str) -> list[tuple[Relation, dict[str, str]]]:
    """The relations of one text, each with {claim id: surface text}."""
    report = run([document_from_text(text, id="t.txt")], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return [(r, texts) for r in report.relations]


def shown(text: str, kind: RelationKind) -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = []
    for rel, texts in relations(text):
        if rel.kind == kind:
            out.append(
                (rel.strength.value, rel.note, [(m.role, texts[m.claim]) for m in rel.members])
            )
    return out


# ---- restatements ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The island covers 2,400 km² (927 sq mi).", ("2,400 km²", "927 sq mi")),
        ("The path is 12 miles, or about 19 km, long.", ("12 miles", "19 km")),
        ("Density: 7/km² (18/sq mi).", ("7/km²", "18/sq mi")),
        ("A site of 40 hectares [99 acres] lies north.", ("40 hectares", "99 acres")),
    ],
)
def test_a_figure_and_its_conversion_are_a_stated_restatement(
    text: str, pair: tuple[str, str]
) -> None:
    got = shown(text, RelationKind.RESTATEMENT)
    assert ("stated", "conversion", [("figure", pair[0]), ("restated", pair[1])]) in got


def test_two_figures_in_one_unit_are_not_a_conversion() -> None:
    assert shown("Plots of 20 km² (and 5 km² more) were sold.", RelationKind.RESTATEMENT) == []


def test_a_repeated_figure_is_an_inferred_restatement() -> None:
    got = shown(
        "The town has 4,512 households. Of its 4,512 households, most have a car.",
        RelationKind.RESTATEMENT,
    )
    assert [(s, n, [t[:16] for _r, t in m]) for s, n, m in got] == [
        ("inferred", "repeat", ["4,512 households"] * 2)
    ]


# ---- totals ------------------------------------------------------------------------------
def test_a_total_cue_and_the_parts_after_it() -> None:
    got = shown(
        "The network has a total of 28 stations, 19 elevated and nine underground.",
        RelationKind.TOTAL_PARTS,
    )
    assert got == [
        (
            "stated",
            "",
            [("whole", "28 stations"), ("part", "19 elevated"), ("part", "nine underground")],
        )
    ]


def test_parts_marked_of_it_in_the_next_sentence_in_each_unit() -> None:
    got = shown(
        "The reserve has a total area of 1,250 km² (483 sq mi). 830 km² (320 sq mi) of it is "
        "wetland and 420 km² (162 sq mi) of it is forest.",
        RelationKind.TOTAL_PARTS,
    )
    wholes = sorted(members[0][1] for _s, _n, members in got)
    assert wholes == ["1,250 km²", "483 sq mi"]
    assert all(strength == "stated" for strength, _n, _m in got)


def test_a_composition_verb_whose_whole_is_found_by_its_head_noun_is_loose() -> None:
    rels = [
        r
        for r, _t in relations(
            "The 36-km ring road opened in May. The ring road comprises two arcs, a 21-km "
            "northern arc and a 15-km southern arc."
        )
        if r.kind == RelationKind.TOTAL_PARTS
    ]
    assert len(rels) == 1
    assert rels[0].strength is Strength.STATED and not rels[0].confident
    assert not rels[0].can_fail


def test_parts_before_a_cue_that_counts_them_are_a_confident_total() -> None:
    rels = [
        r
        for r, _t in relations(
            "The north wing has 140 rooms. The south wing adds 95 rooms. Both wings together "
            "offer 235 rooms."
        )
        if r.kind == RelationKind.TOTAL_PARTS
    ]
    assert len(rels) == 1 and rels[0].can_fail
    assert rels[0].cue == "together" and len(rels[0].role("part")) == 2


def test_parts_before_a_cue_without_a_count_are_loose() -> None:
    got = [
        r
        for r, _t in relations(
            "The old quay is 380 m long and the new quay 520 m long. In all, the port has "
            "900 m of quays."
        )
        if r.kind == RelationKind.TOTAL_PARTS
    ]
    assert len(got) == 1 and got[0].strength is Strength.STATED and not got[0].can_fail


def test_zones_named_after_its_are_some_of_the_parts() -> None:
    got = shown(
        "The park covers 3,100 hectares. Its lake zone covers 1,200 hectares and its hill "
        "zone covers 1,650 hectares.",
        RelationKind.TOTAL_PARTS,
    )
    assert got == [
        (
            "stated",
            "partial",
            [("whole", "3,100 hectares"), ("part", "1,200 hectares"), ("part", "1,650 hectares")],
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        # another figure of the unit in the earlier sentences than the cue counts
        "Line A has 12 stops, line B 9 stops and line C 7 stops. Together the two lines "
        "have 21 stops.",
        # figures of other years, and a possessive that names no part
        "The airport served 6.2 million passengers in 2023. Its terminal served 2.8 million "
        "passengers in 2019 and 3.3 million passengers in 2021.",
        "The town covers 90 km². Its people farm 50 km² and its forests cover 45 km².",
        # a part as large as the whole is no part
        "The campus covers 40 hectares. Its east site covers 40 hectares and its west site "
        "12 hectares.",
    ],
)
def test_neighbouring_figures_that_are_no_total_and_parts(text: str) -> None:
    assert [r for r, _t in relations(text) if r.kind == RelationKind.TOTAL_PARTS and r.cue] == []


def test_a_percent_partition_needs_a_partition_cue() -> None:
    cued = "The breakdown of the staff is 52.4% production, 31.1% services and 16.5% other."
    bare = "Of the staff, 52.4% drive, 31.1% cycle and 16.5% walk to work."
    assert [n for _s, n, _m in shown(cued, RelationKind.TOTAL_PARTS)] == ["partition"]
    assert shown(bare, RelationKind.TOTAL_PARTS) == []


def test_counts_never_add_up_by_arithmetic_alone() -> None:
    text = "There are two parks and two banks, and four platforms in all the city."
    assert all(s == "stated" for s, _n, _m in shown(text, RelationKind.TOTAL_PARTS))


# ---- shares and densities ----------------------------------------------------------------
def test_a_share_of_a_whole_named_in_an_earlier_paragraph() -> None:
    text = (
        "Net sales for the year were $24.0 million.\n\n"
        "Retail sales were $18.0 million, or 75% of net sales, and online sales were "
        "$6.0 million, or 25% of net sales."
    )
    got = shown(text, RelationKind.SHARE)
    assert (
        "inferred",
        "",
        [("part", "$18.0 million"), ("whole", "$24.0 million"), ("share", "75%")],
    ) in got
    assert (
        "inferred",
        "",
        [("part", "$6.0 million"), ("whole", "$24.0 million"), ("share", "25%")],
    ) in got


def test_a_growth_rate_is_not_a_share() -> None:
    assert shown("Sales rose from 400 units to 436 units, up 9%.", RelationKind.SHARE) == []


def test_a_density_and_its_parallel_in_the_other_units() -> None:
    text = (
        "The district covers 9,350 km² (3,610 sq mi). It has 68,200 people, a density of "
        "7/km² (18/sq mi)."
    )
    got = shown(text, RelationKind.DENSITY)
    # the density in km² is also stated with its count and the subject's area (HF702's):
    # one relation for it, the stated one; the parallel in sq mi is found by arithmetic
    assert sorted(n for _s, n, _m in got) == ["parallel", "population density; area by subject"]
    assert next(m for _s, n, m in got if n == "parallel") == [
        ("count", "68,200 people"),
        ("area", "3,610 sq mi"),
        ("density", "18/sq mi"),
    ]


# ---- purity and partitions ---------------------------------------------------------------
TEXTS = [
    "The reserve has a total area of 1,250 km². 830 km² of it is wetland and 420 km² of it is forest.",
    "Revenue was $8.4 million, of which $7.2 million, or 86%, came from services.",
    "The district covers 9,350 km² (3,610 sq mi) and has 68,200 people, 7/km² (18/sq mi).",
    "The network has a total of 28 stations, 19 elevated and nine underground.",
]


def test_link_document_is_pure_and_ignores_claim_order() -> None:
    doc = document_from_text(" ".join(TEXTS), id="d.txt")
    claims = list(extract(doc))
    first = link_document(doc, claims)
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    assert link_document(doc, shuffled) == first
    assert link_document(doc, claims) == first


def test_relations_do_not_depend_on_the_other_documents_of_a_run() -> None:
    docs = [document_from_text(t, id=f"doc{i}.txt") for i, t in enumerate(TEXTS)]
    together = run(docs, rules=[]).relations
    apart = tuple(r for d in docs for r in run([d], rules=[]).relations)
    assert sorted(r.id for r in together) == sorted(r.id for r in apart)
    assert {r.id: r for r in together} == {r.id: r for r in apart}


@FAST
@given(st.lists(st.sampled_from(TEXTS), min_size=1, max_size=4), st.randoms())
def test_splitting_a_corpus_into_partitions_changes_no_relation_and_no_check(
    texts: list[str], rnd: random.Random
) -> None:
    docs = [document_from_text(t, id=f"doc{i}.txt") for i, t in enumerate(texts)]
    whole = run(docs, rules=None)
    cut = rnd.randint(0, len(docs))
    parts = [run(docs[:cut], rules=None), run(docs[cut:], rules=None)]
    link_rules = {"HF103", "HF202", "HF706", "HF707"}
    merged_rel = sorted(r.id for p in parts for r in p.relations)
    assert sorted(r.id for r in whole.relations) == merged_rel
    merged = sorted(c.id for p in parts for c in p.checks if c.rule in link_rules)
    assert sorted(c.id for c in whole.checks if c.rule in link_rules) == merged


@FAST
@given(st.text(max_size=300))
def test_linking_never_crashes_on_any_text(text: str) -> None:
    report = check_text(text)
    assert not [p for p in report.problems if "linking" in p.message]
    ids = {c.id for c in report.claims}
    for rel in report.relations:
        assert set(rel.claims) <= ids


# ---- how figures are read (the README's policy) ------------------------------------------
def test_a_change_is_recomputed_from_the_figures_the_author_gives() -> None:
    report = check_text(
        "Membership grew from 2,500 in 2019 to 3,500 in 2023, an increase of 50 percent."
    )
    assert any(c.status.value == "fail" and "40%" in c.message for c in report.checks)


def test_a_round_figure_restated_exactly_elsewhere_is_rounding_not_an_error() -> None:
    report = run(
        [
            document_from_text("The Harbin institute has about 2,500 staff.", id="a.txt"),
            document_from_text("The Harbin institute employs 2,460 staff.", id="b.txt"),
        ]
    )
    assert not report.failing


def test_a_round_figure_rounding_two_precise_figures_is_tied_to_neither() -> None:
    from hetao_facts.documents import document_from_text
    from hetao_facts.extract.core import extract_document, index_documents
    from hetao_facts.link import link_document

    one = "Census: 1,482,906 residents.\n\nAbout 1.5 million people live on the coast."
    two = (
        "The north had 1,482,906 residents and the south 1,461,230.\n\n"
        "About 1.5 million people live on the coast."
    )
    notes = []
    for text in (one, two):
        doc = document_from_text(text)
        claims = extract_document(doc, index_documents([doc])).claims
        notes.append([r.note for r in link_document(doc, claims)])
    assert "rounded" in notes[0]
    assert "rounded" not in notes[1]


# ---- superlatives naming their top -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "confident"),
    [
        (
            "Ashby covers 96 km², Brill 71 km² and Corley 58 km². Ashby is the largest of the three.",
            True,
        ),
        ("Ashby covers 96 km², Brill 71 km² and Corley 58 km². The biggest is Ashby.", False),
    ],
)
def test_a_superlative_naming_its_top_among_named_figures(text: str, confident: bool) -> None:
    rels = [r for r, _t in relations(text) if r.kind == RelationKind.RANK]
    assert len(rels) == 1
    assert rels[0].strength is Strength.STATED and rels[0].confident is confident
    assert len(rels[0].role("peer")) == 2


def test_names_that_open_a_clause_are_no_peers() -> None:
    text = (
        "Ashby covers 96 km². In all, 120 km² lie in the valley, and Brill covers 71 km² "
        "and Corley 58 km². Ashby is the largest of the three."
    )
    (rel,) = [r for r, _t in relations(text) if r.kind == RelationKind.RANK]
    texts = dict(relations(text)[0][1])
    assert sorted(texts[c] for c in rel.role("peer")) == ["58 km²", "71 km²"]
