"""The linkers' keyword pre-tests find every sentence their patterns match (hypothesis):
a pattern searched only in the sentences `View.holding` names gives the same matches as
the pattern searched in every sentence."""

from __future__ import annotations

import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts import extract
from hetao_facts.claims import Span
from hetao_facts.documents import document_from_text
from hetao_facts.link._sentences import (
    Sentence,
    next_sentence,
    overlapping,
    previous_sentence,
    sentences,
)
from hetao_facts.link._view import View, fold
from hetao_facts.link.enumeration import _ORDINAL_NOUN, ordinal_nouns
from hetao_facts.link.growth import FROM_RANGE, FROM_TO, TO_FROM, UP_FROM
from hetao_facts.link.neighbours import _ITS, _OF_THESE, _OPENER
from hetao_facts.link.orders import (
    _COMPARATIVE,
    _COMPARATIVE_KEYS,
    _SUPERLATIVE,
    _SUPERLATIVE_KEYS,
)
from hetao_facts.link.part_of import _WHOLE_KEYS, _WHOLE_VERBS
from hetao_facts.link.ranks import _ANY_WORD, _WORDS
from hetao_facts.link.remainders import WHOLE, WHOLE_FIRST
from hetao_facts.link.stated_shares import (
    ANAPHORIC_TEMPLATES,
    PART_OF_WHOLE,
    SUBJECT_TEMPLATES,
    TEMPLATES,
    _share_note,
    may_share,
)
from hetao_facts.link.times import _FOUNDED, _FOUNDED_WORDS

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: pieces of the phrasings the patterns read, in odd cases and with the letters outside
#: ASCII that a case-blind pattern matches to ASCII ones
_PIECES = [
    "The park comprises",
    "COMPRISING",
    "consists of",
    "is made up of",
    "is divided into",
    "split into",
    "composed of",
    "breaks down into",
    "of which",
    "Including",
    "has three parts:",
    "falls into two zones :",
    "is the smallest of the three",
    "was the Largest among 4",
    "is much larger than Eastfield",
    "are lower",
    "covers an area of 40 km² across",
    "encompasses",
    "includes",
    "ıncluding",
    "İNCLUDES",
    "ſplit into",
    "comprıses",
    "Kelvin",
    "12",
    "3.5",
    "hectares",
    ".",
    ". ",
    "\n\n",
    ",",
    " ",
    "-",
]
_TEXT = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=30).map(" ".join)


def _sentences_matched(view: View, pat: re.Pattern[str], *, sliced: bool) -> set[int]:
    text = view.text
    found = set()
    for no, s in enumerate(view.doc.sentences):
        got = pat.search(text[s.start : s.end]) if sliced else pat.search(text, s.start, s.end)
        if got:
            found.add(no)
    return found


@FAST
@given(_TEXT)
def test_every_sentence_a_pattern_matches_holds_one_of_its_keys(text: str) -> None:
    view = View(document_from_text(text), [])
    cases = [
        (_WHOLE_VERBS, _WHOLE_KEYS, False, False),
        (_SUPERLATIVE, _SUPERLATIVE_KEYS, False, True),
        (_COMPARATIVE, _COMPARATIVE_KEYS, False, True),
    ]
    for pat, keys, folded, sliced in cases:
        matched = _sentences_matched(view, pat, sliced=sliced)
        assert matched <= view.holding(keys, folded=folded), pat.pattern[:40]


@FAST
@given(st.text(max_size=200))
def test_fold_keeps_offsets_and_matches_ascii_letters_as_ignorecase_does(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    for ch, low in zip(text, folded, strict=True):
        for letter in "iks":
            if re.fullmatch(letter, ch, re.I):
                assert low == letter


def test_fold_covers_every_letter_ignorecase_matches_to_ascii() -> None:
    letters = re.compile("[a-z]", re.I)
    for code in range(128, sys.maxunicode + 1):
        ch = chr(code)
        if letters.fullmatch(ch):
            assert re.fullmatch(fold(ch), ch, re.I), hex(code)
            assert fold(ch).isascii(), hex(code)


_ORDINAL_PIECES = [
    "first phase",
    "First Second stage",
    "THIRD  section",
    "fourth\nline",
    "fifth-zone",
    "sixth park",
    "seventh",
    "eighth ward",
    "ninth ſtage",
    "tenth İtem",
    "ſecond lane",
    "fırst block",
    "the",
    "phases",
    ".",
    " ",
]


@FAST
@given(st.lists(st.sampled_from(_ORDINAL_PIECES) | st.text(max_size=6), max_size=25).map("".join))
def test_ordinal_nouns_are_the_matches_finditer_gives(text: str) -> None:
    view = View(document_from_text(text), [])
    fast = [(m.span(), m.group()) for m in ordinal_nouns(view)]
    slow = [(m.span(), m.group()) for m in _ORDINAL_NOUN.finditer(view.text)]
    assert fast == slow


_FOUNDING_PIECES = [
    "was founded in 1965",
    "set up the Lakeside Museum in 1994",
    "set  up in May 2001",
    "established established in 1880",
    "Opened in 2020",
    "opened to visitors in 2020",
    "began work in 1999 and started in 2003",
    "the two largest parks",
    "The Biggest",
    "is the smallest of the three",
    "tallest",
    "\n\n",
    ". ",
    " ",
]


@FAST
@given(st.lists(st.sampled_from(_FOUNDING_PIECES) | st.text(max_size=6), max_size=25).map("".join))
def test_founding_matches_and_superlative_paragraphs_as_the_full_scan_finds(text: str) -> None:
    view = View(document_from_text(text), [])
    fast = [(m.span(), m.group()) for m in view.matches(_FOUNDED, _FOUNDED_WORDS)]
    slow = [(m.span(), m.group()) for m in _FOUNDED.finditer(view.text)]
    assert fast == slow
    held = view.holding(_WORDS, paragraphs=True)
    for no, para in enumerate(view.doc.paragraphs):
        if _ANY_WORD.search(view.text[para.start : para.end]):
            assert no in held


_SHARE_PIECES = [
    "⟦0⟧",
    "⟦1⟧",
    "⟦2⟧",
    " of ",
    " OF ",
    " oF ",
    "Of these, ",
    " of which ",
    " out of the ",
    " residents, ",
    "(",
    ")",
    " or ",
    "the majority",
    " ",
    ",",
]


@FAST
@given(st.lists(st.sampled_from(_SHARE_PIECES) | st.text(max_size=5), max_size=20).map("".join))
def test_every_share_phrasing_reads_an_of(tokens: str) -> None:
    patterns = [
        *TEMPLATES.values(),
        *SUBJECT_TEMPLATES.values(),
        *ANAPHORIC_TEMPLATES.values(),
        PART_OF_WHOLE,
        WHOLE,
        WHOLE_FIRST,
    ]
    if "of" not in fold(tokens):
        assert not any(p.search(tokens) for p in patterns)


@FAST
@given(
    st.lists(
        st.sampled_from(["⟦0⟧", "⟦1⟧", "⟦2⟧", " from ", " FROM ", " to ", " up ", " in ", ", "])
        | st.text(max_size=5),
        max_size=20,
    ).map("".join)
)
def test_every_change_phrasing_reads_a_from(tokens: str) -> None:
    if "from" not in fold(tokens):
        assert not any(p.search(tokens) for p in (FROM_TO, TO_FROM, UP_FROM, FROM_RANGE))


def test_opener_is_what_its_and_of_these_need() -> None:
    for head in ["Its zone", "  its  zone", "Of these, 12", "OF them,", "Itself", "Off", "Of"]:
        if _ITS.match(head) or _OF_THESE.match(head):
            assert _OPENER.match(head)


def _next_by_scan(view: View, s: Sentence) -> Span | None:
    """The former look-up: every sentence of the document, scanned."""
    for sp in view.doc.sentences[view.sentence_no(max(s.span.start, s.span.end - 1)) :]:
        if sp.start >= s.span.end:
            return sp
    return None


def _previous_by_scan(view: View, s: Sentence) -> Span | None:
    sents = view.doc.sentences
    i = next((k for k, sp in enumerate(sents) if sp.start >= s.span.start), len(sents))
    return sents[i - 1] if i > 0 else None


@FAST
@given(
    st.lists(
        st.sampled_from(["It covers 12 ha", ". ", "\n\n", "Of 3,", " the 40 sites"]), max_size=20
    )
)
def test_next_and_previous_sentence_are_the_scanned_ones(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = document_from_text(text)
    view = View(doc, extract(text))
    for s in sentences(view):
        nxt, prev = next_sentence(view, s), previous_sentence(view, s)
        assert (nxt.span if nxt else None) == _next_by_scan(view, s)
        assert (prev.span if prev else None) == _previous_by_scan(view, s)


@FAST
@given(
    st.lists(
        st.sampled_from(["It covers 12 ha", " and 40 ha", ". ", "\n\n", "The line comprises 3 km"]),
        max_size=16,
    )
)
def test_sentences_with_claims_are_those_two_figures_start_in(pieces: list[str]) -> None:
    text = "".join(pieces)
    view = View(document_from_text(text), extract(text))
    expected = [
        no for no, s in enumerate(view.doc.sentences) if len(view.between(s.start, s.end)) >= 2
    ]
    assert view.sentences_with_claims(2) == expected


_FIGURES = ["12 ha", "40 hectares", "35%", "1,200 residents", "one third", "5,000"]
_SHARE_SENTENCE = st.tuples(
    st.sampled_from(["", "About ", "The majority of ", "Nearly all ", "MOST of "]),
    st.sampled_from(_FIGURES),
    st.sampled_from([" of the ", " out of its ", " of Macao's ", ", of which "]),
    st.sampled_from(_FIGURES),
    st.sampled_from([", or ", " (", " - ", ", "]),
    st.sampled_from([*_FIGURES, "most", "the majority"]),
    st.sampled_from([".", ").", " of the site.", " of them."]),
).map("".join)


@FAST
@given(st.lists(_SHARE_SENTENCE, min_size=1, max_size=3).map(" ".join))
def test_a_sentence_that_may_not_share_gives_no_share_note(text: str) -> None:
    view = View(document_from_text(text), extract(text))
    for s in sentences(view):
        if may_share(s, view.folded):
            continue
        for pat in [*TEMPLATES.values(), *SUBJECT_TEMPLATES.values()]:
            for m in overlapping(pat, s.tokens, "test"):
                assert _share_note(s, m) is None
