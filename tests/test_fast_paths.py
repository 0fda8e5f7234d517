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


# ---- mentions ---------------------------------------------------------------------------


def _mentions_reference(
    text: str, start: int, end: int, index: object, runs: list[tuple[int, int]], defs: list
) -> list[object]:
    """`subjects._mentions` as it was before issue #11 (sorted always, `taken` kept,
    `_PLACE_AFTER` matched on a slice, both display names normalized)."""
    from hetao_facts import subjects as sj

    assert isinstance(index, sj.EntityIndex)
    place_after = re.compile("^" + sj._PLACE_AFTER.pattern)
    out: list[sj.Mention] = []
    taken: list[tuple[int, int]] = []
    for s, e in runs:
        name = text[s:e]
        if s == start:
            name, cut = sj._drop_sentence_start(name, index.proper_words, index.lower_words)
            if not name:
                continue
            s += cut
        hm = sj._LOWER_HEAD.match(text, e, end)
        if hm:
            e = hm.end()
            name = text[s:e]
        if len(name) < 2 or name.isdigit():
            continue
        if name.isupper() and len(name) <= 3 and name not in index.acronyms:
            continue
        before = text[max(start, s - 12) : s].lower().split()
        locative = bool(before) and (
            before[-1] in sj.LOCATIVE
            or (before[-1] == "the" and len(before) > 1 and before[-2] in sj.LOCATIVE)
        )
        if out and out[-1].locative and text[out[-1].end : s].strip() in {",", "and", ", and"}:
            locative = True
        definite = bool(before) and before[-1] == "the"
        key = index.canonical(name)
        if key:
            shown = sj._shown(name)
            if key not in index.display or (
                sj.normalize_name(shown) == key
                and sj.normalize_name(index.display[key]) != key
                and index.display[key] not in index.acronyms
            ):
                index.display[key] = shown
        out.append(sj.Mention(s, e, name, key, sj._mention_head(name), locative, definite))
        taken.append((s, e))
    for s, e, mods, head_word in defs:
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        if any(w[:1].isupper() for w in mods.split()):
            continue
        head = head_word.lower()
        pm = place_after.match(text[e:end])
        if pm:
            e2 = e + pm.end()
            key = index.canonical(f"{pm.group(1)} {head}")
            out.append(sj.Mention(s, e2, text[s:e2], key, head, False, True))
            continue
        out.append(sj.Mention(s, e, text[s:e], "", head, False, True))
    out.sort(key=lambda x: x.start)
    return list(out)


_NAMEY = st.lists(
    st.sampled_from(
        [
            *("The", "the", "Its", "this", "Riverside", "Innovation", "Zone", "zone", "park"),
            *("Alder", "of", "in", "at", "and", "cooperation", "RIZ", "MW", "covers", "3.2"),
            *(".", ". ", ", ", ", and ", "\n\n", " ", "-", "St.", "Park", "district", "'s"),
            *("Riverside Innovation Zone (RIZ)", "the Alder park", "in the", "Currently"),
        ]
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(_NAMEY.map(" ".join), _NAMEY.map("".join))
def test_mentions_equal_the_reference(spaced: str, glued: str) -> None:
    from hetao_facts.extract.core import index_documents
    from hetao_facts.subjects import _DEFINITE, _NAME_RUN, find_sentence_mentions

    for text in (spaced, glued):
        doc = documents.document_from_text(text, id="t")
        one, two = index_documents([doc]), index_documents([doc])
        want = []
        for sp in doc.sentences:
            sent = text[sp.start : sp.end]
            runs = [(sp.start + m.start(), sp.start + m.end()) for m in _NAME_RUN.finditer(sent)]
            defs = [
                (sp.start + m.start(), sp.start + m.end(), m.group(1), m.group(2))
                for m in _DEFINITE.finditer(sent)
            ]
            want.append(_mentions_reference(text, sp.start, sp.end, one, runs, defs))
        assert find_sentence_mentions(text, doc.sentences, two) == want
        assert one.display == two.display


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(places=3, allow_nan=False, allow_infinity=False),
)
def test_trusted_intervals_equal_validated_ones(x: object, y: object) -> None:
    import pydantic

    from hetao_facts.intervals import Interval, _interval

    for lo, hi in ((x, x), (x, y), (y, x)):
        try:
            want = Interval(low=lo, high=hi)
        except pydantic.ValidationError:
            with __import__("pytest").raises(pydantic.ValidationError):
                _interval(lo, hi)  # type: ignore[arg-type]
            continue
        got = _interval(lo, hi)  # type: ignore[arg-type]
        assert list(got.__dict__.items()) == list(want.__dict__.items())
        assert got.model_dump_json() == want.model_dump_json()
        assert got.__pydantic_fields_set__ == want.__pydantic_fields_set__
    if isinstance(y, type(x)):
        assert Interval.point(y).model_dump_json() == Interval(low=y, high=y).model_dump_json()  # type: ignore[arg-type]


_STOPS = st.lists(
    st.sampled_from([*".!?…。！？\"'”’»)]」』） \n\tab", "..", "?!", "。」", ".\u201d "]),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_STOPS)
def test_terminal_pattern_equals_the_lookahead_form(text: str) -> None:
    old = re.compile(
        r"(?=[.!?…。！？])(?:(?P<p>[.!?…]+)(?P<c>[\"'”’»)\]]*)(?=\s|\Z)"
        r"|(?P<cjk>[。！？]+)[”’」』）)\]]*)"
    )
    want = [(m.span(), m.group("p"), m.group("c"), m.group("cjk")) for m in old.finditer(text)]
    got = []
    for m in documents._TERMINAL.finditer(text):
        p = None if m.group("p_rest") is None else m.group("first") + m.group("p_rest")
        cjk = None if m.group("cjk_rest") is None else m.group("first") + m.group("cjk_rest")
        got.append((m.span(), p, m.group("c"), cjk))
    assert got == want


_DATEY = st.lists(
    st.sampled_from(
        [
            *("Sept. ", "Sept ", "May ", "may ", "March", "Jan.", "December ", "Founded", "of "),
            *("5", "21", "3rd", "31", "2023", "1999", "2150", "-", "/", "09", ", ", " ", "a", "\n"),
            *("Sept. 5, 2023", "5 May 2023", "2023-09-05", "October 2022", "July 1", "1 July"),
        ]
    ),
    max_size=25,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_DATEY)
def test_date_scan_equals_finditer(text: str) -> None:
    from hetao_facts.extract import dates

    want = [(m.start(), m.end(), m.groupdict()) for m in dates.DATE_RE.finditer(text)]
    got = [
        (s, e, {k: v for k, v in g.items() if k != "all"}) for s, e, g in dates._date_matches(text)
    ]
    assert got == want


_TOKENY = st.lists(
    st.sampled_from(
        [*" \n\t-'’_", "park", "Park", "it's", "e-mail", "x", "ab", "día", "a1", "zone"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENY, min_size=1, max_size=4))
def test_lower_words_equal_findall_with_a_warm_memo(texts: list[str]) -> None:
    from hetao_facts import names
    from hetao_facts.extract import core

    for text in texts:  # later texts meet tokens the memo has seen
        assert names._lower_words(text, core._LOWER_WORD) == frozenset(
            core._LOWER_WORD.findall(text)
        )


_NAVY = st.lists(
    st.sampled_from([*"<>«»‹›|.…12 \t\n\r", "Page", "http://a.b/c ", "www.x.org", "WWW.", "://"]),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_NAVY)
def test_page_navigation_and_urls_equal_the_single_patterns(text: str) -> None:
    starts = documents._line_starts(text)
    old: list[tuple[int, int]] = []
    for m in documents._PAGE_NAV.finditer(text):
        begin = starts[documents._line_of(starts, m.start())]
        if text[begin : m.start()].strip() or not any(c.isdigit() for c in m.group()):
            continue
        old.append((m.start(), m.start() + len(m.group().rstrip())))
    assert sorted(documents._page_navigation(text, starts)) == old
    urls = [
        m.span()
        for m in documents._URL.finditer(text)
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_@."))
    ]
    assert documents._urls(text) == urls


@settings(max_examples=300, deadline=None)
@given(texts)
def test_sentence_ends_trimmed_as_rstrip_does(text: str) -> None:
    got: list[tuple[int, int]] = []
    documents._emit(text, 0, len(text), got)
    stripped = text.strip()
    if not stripped:
        assert got == []
    else:
        start = len(text) - len(text.lstrip())
        assert got == [(start, start + len(text[start:].rstrip()))]


@given(
    st.tuples(
        st.integers(0, 99),
        st.integers(0, 99),
        st.text(max_size=5),
        st.text(max_size=5),
        st.text(max_size=5),
        st.booleans(),
        st.booleans(),
    )
)
def test_make_mention_builds_the_dataclass(
    values: tuple[int, int, str, str, str, bool, bool],
) -> None:
    import dataclasses as dc
    import pickle

    from hetao_facts.subjects import Mention, make_mention

    fast, slow = make_mention(*values), Mention(*values)
    assert type(fast) is Mention and fast == slow and hash(fast) == hash(slow)
    assert repr(fast) == repr(slow) and dc.astuple(fast) == dc.astuple(slow)
    assert pickle.loads(pickle.dumps(fast)) == slow
    with __import__("pytest").raises(dc.FrozenInstanceError):
        fast.key = "x"  # type: ignore[misc]


_PARKY = st.lists(
    st.sampled_from(
        [*" -\n", "the ", "The ", "Shenzhen", "Hong Kong", "park", " park", "parks", "A", "this"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PARKY)
def test_place_park_scan_equals_the_anchored_pattern(text: str) -> None:
    from hetao_facts.extract import core
    from hetao_facts.extract.dates import anchored

    want = [
        (m.span(), m.group(1)) for m in anchored(core._PLACE_PARK, core._PARK_ANCHORS, text, 200)
    ]
    got = [
        (m.span("all"), m.group(2))
        for m in anchored(core._PLACE_PARK_SCAN, core._PARK_ANCHORS, text, 200, end_group="all")
    ]
    assert got == want


@given(
    st.tuples(
        st.integers(0, 99),
        st.integers(0, 99),
        st.text(max_size=5),
        st.decimals(allow_nan=False, allow_infinity=False),
        st.text(max_size=5),
        st.integers(-3, 9),
        st.sampled_from(["digits", "words", "mixed"]),
        st.sampled_from(["cardinal", "ordinal", "fraction"]),
        st.booleans(),
    )
)
def test_make_numeral_builds_the_dataclass(values: tuple) -> None:  # type: ignore[type-arg]
    import dataclasses as dc

    from hetao_facts.numbers import Numeral, _make_numeral

    start, end, text, value, digits, scale, form, kind, joined = values
    slow = Numeral(
        start=start,
        end=end,
        text=text,
        value=value,
        digits=digits,
        scale=scale,
        form=form,
        type=kind,
        hyphen_joined_to_word=joined,
    )
    fast = _make_numeral(*values)
    assert type(fast) is Numeral and fast == slow and hash(fast) == hash(slow)
    assert repr(fast) == repr(slow) and dc.astuple(fast) == dc.astuple(slow)
    assert dc.replace(fast, end=end + 1) == dc.replace(slow, end=end + 1)


_DETERMINERS = st.lists(
    st.sampled_from(
        [
            *("the ", "The ", "its ", "Its ", "their ", "Their ", "this ", "That ", "that "),
            *("zone", "park", "parks", "zones ", "new ", "two ", "x", "-", "\u00a0", " ", "."),
            *("bathe ", "withthe ", "mits ", "Ithe ", "the its park", "its the zone"),
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_DETERMINERS)
def test_definite_phrases_equal_the_single_pattern(text: str) -> None:
    from hetao_facts import subjects

    old = re.compile(
        r"(?=[TtIi])\b([Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir)[ \u00a0]+"
        rf"((?:(?:[a-z-]+)[ \u00a0]+){{0,2}}?)({subjects._HEADS_TRIE})\b"
    )
    want = [(m.start(), m.end(), m.group(2), m.group(3)) for m in old.finditer(text)]
    assert subjects._definite_phrases(text) == want


_IDIOMY = st.lists(
    st.sampled_from([*"0123456789/xX -.", "24/7", "24x7", "9/11", "50/50", "one by one", "first"]),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_IDIOMY)
def test_idiom_guard_never_skips_an_idiom_holding_a_digit(text: str) -> None:
    from hetao_facts.extract import core

    for p, ch in enumerate(text):
        if not ch.isdigit():
            continue
        w0 = max(0, p - 20)
        holds = any(m.start() <= p < m.end() for m in core._IDIOM_RE.finditer(text, w0, p + 31))
        near = text[max(0, p - core._DIGIT_IDIOM_LEN + 1) : p + core._DIGIT_IDIOM_LEN]
        if holds:
            assert any(c in core._DIGIT_IDIOM_MARKS for c in near)


_CUES = st.lists(
    st.sampled_from(
        [
            *("will ", "WILL ", "ſhall ", "shall", "aims to ", "Aim to ", "planned", "target"),
            *("goals", "on track", "by 2030", "by the end of 2025", "By March 2024", "by June"),
            *("skill ", "swill", "bygone", "x", " ", ".", "-", "\n", "2031", "Objectives"),
        ]
    ),
    max_size=15,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_CUES)
def test_sentence_cue_scans_equal_the_patterns(text: str) -> None:
    from hetao_facts.extract import core

    assert (core._FUTURE_SCAN.search(text) is None) == (core._FUTURE.search(text) is None)
    assert (core._BY_YEAR_SCAN.search(text) is None) == (core._BY_YEAR.search(text) is None)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*"aZ9&'’.-, \n_é", "R&D", "U.S.", "1,250.5", "x-ray"]), max_size=25)
)
def test_word_pattern_equals_the_alternation(pieces: list[str]) -> None:
    from hetao_facts.extract import core

    text = "".join(pieces)
    old = re.compile(r"[A-Za-z][A-Za-z&'’.-]*[A-Za-z&]|[A-Za-z]|\d[\d,.]*")
    assert core._WORD.findall(text) == old.findall(text)
