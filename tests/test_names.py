"""The name table is merged from per-document parts; extraction only reads it."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts.documents import document_from_text
from hetao_facts.extract.core import extract_document, index_documents
from hetao_facts.names import merge_names, names_part

TEXTS = [
    "The Riverside Innovation Zone (RIZ) covers 3.2 km². The RIZ has two parks.",
    "The zone, known as the Riverside Innovation Zone, includes parks in Alder and Birch.",
    "The Alder park covers 1.1 km² and the Birch park covers 2.1 km².",
    "The Northgate Science Park (NSP) opened in 2019. The park hosts 40 firms.",
    "Officials said the park would add 12 laboratories by 2026.",
]
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _docs(idx: list[int]) -> list:
    return [document_from_text(TEXTS[i], id=f"d{i}.txt") for i in idx]


def _state(index: object) -> dict[str, object]:
    assert dataclasses.is_dataclass(index)
    return {f.name: getattr(index, f.name) for f in dataclasses.fields(index)}


@FAST
@given(st.permutations(range(len(TEXTS))))
def test_merging_parts_in_any_order_gives_the_same_table(order: list[int]) -> None:
    docs = _docs(list(range(len(TEXTS))))
    reference = _state(index_documents(docs))
    parts = [names_part(docs[i]) for i in order]
    assert _state(merge_names(parts)) == reference


def test_a_part_is_picklable_and_a_pure_function_of_its_document() -> None:
    doc = _docs([0])[0]
    part = names_part(doc)
    assert pickle.loads(pickle.dumps(part)) == part == names_part(doc)
    assert [a for a, _name in part.acronyms] == ["RIZ"]


@FAST
@given(st.sets(st.integers(0, len(TEXTS) - 1), min_size=1))
def test_extraction_reads_the_table_and_writes_only_display(chosen: set[int]) -> None:
    docs = _docs(list(range(len(TEXTS))))
    table = index_documents(docs)
    before = {k: v for k, v in _state(copy.deepcopy(table)).items() if k != "display"}
    alone = {}
    for i in sorted(chosen):
        fresh = copy.deepcopy(table)
        alone[i] = extract_document(docs[i], fresh).claims
    for i in sorted(chosen):  # the same table, other documents extracted before: same claims
        assert extract_document(docs[i], table).claims == alone[i]
    after = {k: v for k, v in _state(table).items() if k != "display"}
    assert after == before


@given(st.text(alphabet="abcXY z-'’_1\u00a0\n\t.,é", max_size=80))
def test_lower_words_read_from_tokens_match_the_pattern(text: str) -> None:
    from hetao_facts.extract import core
    from hetao_facts.names import _lower_words

    assert _lower_words(text, core._LOWER_WORD) == frozenset(core._LOWER_WORD.findall(text))


_PIECES = st.sampled_from(
    [
        "The", "the", "Its", "this", "Riverside", "Innovation", "Zone", "zone", "park",
        "Alder", "of", "in", "and", "cooperation", "RIZ", "NSP", "covers", "3.2", "km²",
        ".", ". ", ", ", "\n", "\n\n", " ", "-", "(", ")", "St.", "U.S.", "Park", "district",
        "'s", "x", "42",
    ]
)  # fmt: skip


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map(" ".join), st.lists(_PIECES, max_size=40).map("".join))
def test_sentence_mentions_in_one_pass_match_sentence_by_sentence(spaced: str, glued: str) -> None:
    from hetao_facts.subjects import find_mentions, find_sentence_mentions

    for text in (spaced, glued, spaced + " " + glued):
        doc = document_from_text(text, id="t")
        spans = doc.sentences
        one, two = index_documents([doc]), index_documents([doc])
        want = [find_mentions(text, s.start, s.end, one) for s in spans]
        assert find_sentence_mentions(text, spans, two) == want
        assert one.display == two.display
