"""Fast paths of extraction give exactly what the plain code they replace gives.

Each speed-up of issue #11 item 3 keeps a slow reference here (the code as it was) and a
property test compares the two on random text built from the characters that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts import documents, structure

# text made of what line, sentence and name scanning looks at
_ALPHABET = st.sampled_from(
    [
        *"aAbTtIi zZ.,;:-'\u00a0\r\n\t0123456789",
        *("the ", "The ", "park", " zone", "Its ", "\r\n", "\n\n", "Mr. ", "May ", "twenty "),
    ]
)
texts = st.lists(_ALPHABET, max_size=60).map("".join)


def _line_starts_regex(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_line_starts_equal_the_regex_scan(text: str) -> None:
    assert documents._line_starts(text) == _line_starts_regex(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_structure_lines_equal_the_regex_scan(text: str) -> None:
    ends = [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]
    lines = structure._Lines(text)
    assert lines.starts == _line_starts_regex(text)
    assert lines.ends == ends
    given_starts = structure._Lines(text, documents._line_starts(text))
    assert (given_starts.starts, given_starts.ends) == (lines.starts, lines.ends)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_structure_of_a_document_equals_parse_structure(text: str) -> None:
    doc = documents.document_from_text(text)
    assert structure.structure_of(doc) == structure.parse_structure(text)


def test_trusted_maker_builds_the_validated_record() -> None:
    import pickle
    from decimal import Decimal

    from hetao_facts._light import trusted_maker
    from hetao_facts.claims import Span
    from hetao_facts.intervals import Interval
    from hetao_facts.model import SetAside

    cases = [
        (Span, ("start", "end"), (3, 9)),
        (
            SetAside,
            ("document", "start", "end", "text", "reason", "detail"),
            ("d", 1, 4, "1.5", "why", None),
        ),
        (SetAside, ("document", "start", "end", "text", "reason"), ("d", 1, 4, "1.5", "why")),
        (Interval, ("low", "high"), (Decimal("1.5"), Decimal(2))),
    ]
    for cls, names, values in cases:
        fast = trusted_maker(cls, names)(*values)
        slow = cls(**dict(zip(names, values, strict=True)))
        assert type(fast) is type(slow)
        assert fast == slow and hash(fast) == hash(slow)
        assert list(fast.__dict__.items()) == list(slow.__dict__.items())
        assert fast.__pydantic_fields_set__ is slow.__pydantic_fields_set__
        assert fast.__pydantic_extra__ is None and fast.__pydantic_private__ is None
        assert fast.model_dump_json() == slow.model_dump_json()
        assert fast.model_dump(exclude_unset=True) == slow.model_dump(exclude_unset=True)
        assert repr(fast) == repr(slow)
        assert pickle.loads(pickle.dumps(fast)) == slow


# ---- patterns rewritten to start with a character class -----------------------------------

_WORDY = st.lists(
    st.sampled_from(
        [
            *" -.,'’_\u00a0\né9",
            *("The ", "the ", "Their ", "This ", "That", "Its ", "its ", "Ihe ", "tHe "),
            *("zone", "park", " parks ", "Park ", "Hetao ", "Cooperation ", "Science-", "A"),
            *("Thursday", "May", "March ", "Mayday", "Sept", "fold", "Fold", "twofold"),
            *("one ", "twenty", "-five", " hundred", " and ", "a ", "A ", "Thousand", "half"),
            *("dozen", "x", "Q", "first", "second-", "zero", "lakh", "ſ"),
        ]
    ),
    max_size=40,
).map("".join)


def _spans_and_groups(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [(m.span(), *m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(_WORDY)
def test_definite_pattern_equals_the_lookahead_form(text: str) -> None:
    from hetao_facts import subjects

    old = re.compile(
        r"(?=[TtIi])\b([Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)[ \u00a0]+"
        rf"((?:(?:[a-z-]+)[ \u00a0]+){{0,2}}?)({subjects._HEADS_TRIE})\b"
    )
    want = [(m.span(), m.group(2), m.group(3)) for m in old.finditer(text)]
    got = [(m.span(), m.group(1), m.group(2)) for m in subjects._DEFINITE.finditer(text)]
    assert got == want


@settings(max_examples=500, deadline=None)
@given(_WORDY)
def test_named_head_scan_equals_the_plain_pattern(text: str) -> None:
    from hetao_facts.extract import core

    want = _spans_and_groups(re.compile(r"(?=[A-Z])" + core._NAMED_HEAD.pattern), text)
    assert _spans_and_groups(core._NAMED_HEAD_SCAN, text) == want
    assert _spans_and_groups(core._NAMED_HEAD, text) == want


@settings(max_examples=300, deadline=None)
@given(_WORDY)
def test_relative_date_anchor_equals_the_alternation(text: str) -> None:
    from hetao_facts.extract import dates

    old = re.compile(rf"(?=[JFMASONDTW])(?:{dates._MONTH_NAMES}|{dates._WEEKDAY_NAMES})")
    assert _spans_and_groups(dates._RELATIVE_ANCHOR[0], text) == _spans_and_groups(old, text)


@settings(max_examples=500, deadline=None)
@given(_WORDY)
def test_word_numeral_spans_equal_finditer(text: str) -> None:
    from hetao_facts import numbers

    want = [m.span() for m in numbers._WORDS_RE.finditer(text)]
    assert list(numbers._word_spans(text)) == want
