"""Documents: read files safely, and know where things are in their text.

A :class:`Document` holds the text of one press release, briefing, transcript or Markdown
file, its date, and indexes built once on first use: line starts, sentences, paragraphs,
speaker turns and the spans an extractor must not read (code, URLs, front matter...).

>>> doc = document_from_text("China SCIO | Sept. 6, 2023\\nMr. Guo spoke. It is 3.89 km².")
>>> doc.date, doc.date_source
(datetime.date(2023, 9, 6), 'dateline')
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['China SCIO | Sept. 6, 2023', 'Mr. Guo spoke.', 'It is 3.89 km².']
>>> doc.line_col(doc.text.index("3.89"))
(2, 22)

Offsets
    Every offset is a Python ``str`` index into ``Document.text``. The text is the file decoded
    exactly, newlines untouched (as ``open(path, encoding="utf-8", newline="")`` reads it),
    except that a leading byte-order mark (U+FEFF) is removed: offsets count from the first
    character after it. Lines end at ``\\r\\n``, ``\\r`` or ``\\n``; lines and columns are
    1-based and columns count characters.

Reading files
    :func:`load_document` never lets an ``OSError`` or ``UnicodeDecodeError`` escape: every
    problem becomes a :class:`~hetao_facts.errors.DocumentError` whose ``code`` says what
    went wrong and whose ``problem`` is one line:

    =====  ==============================================================================
    code   problem
    =====  ==============================================================================
    HF901  cannot be read: no such file, a directory, permission denied, symlink loop,
           not a regular file; from :func:`discover`: a folder without documents
    HF902  not text: binary (NUL bytes in the first 8 KB, or mostly control characters),
           not valid in the encoding (the message names the byte offset and line),
           unknown encoding
    HF903  empty document: no bytes, or only whitespace
    HF904  too large: bigger than ``max_bytes`` (200 MB by default)
    =====  ==============================================================================

    :func:`discover` expands folders and collects such problems instead of raising, so one
    bad path never stops a run.

Sentences and paragraphs (:func:`split_sentences`)
    A blank line always ends a paragraph. In plain text a single newline ends one too, unless
    the next line visibly continues the previous one (it starts with a lowercase letter, or
    the previous line ends with a comma, semicolon, opening bracket, a word hyphenated across
    the break, or a small word such as "of" or "the"), so a dateline, a heading or a speaker
    turn ("Guo Lanfeng:") is its own sentence, and hard-wrapped prose is not cut. In Markdown
    a single newline is a soft break except before headings, list items, quotes, tables,
    fences and rules, and after a speaker line.
    Within a paragraph a sentence ends at ``.`` ``!`` ``?`` ``…`` (and the quotes or
    brackets that close it) followed by a space and a word that does not start in lowercase,
    and at ``。！？``. Abbreviations do not end sentences: titles (Mr., Dr.), months (Sept. 5),
    "No. 5", "e.g.", "i.e."; company and place abbreviations (Inc., Co., etc., U.S.) and
    initials (J. Smith) end one only before a common sentence opener ("The", "We"...).

Speakers
    In a transcript a turn starts with a line that is only a short name and a colon
    ("Guo Lanfeng:", "Chan Kwok-ki:", "Nanfang Daily:", also ``**Guo Lanfeng:**``): at most
    five capitalized words (small connectors such as "of" allowed inside), no digits and no
    sentence punctuation. Labels such as "Share:", "Note:" or "First:" are not speakers.
    A turn lasts until the next one.

Dates (:func:`find_document_date`)
    YAML front matter at the very start (``date:``, ``published:``... as a YAML date or text
    such as "September 5, 2023") wins; otherwise the first dateline among the lines starting
    in the first 1500 characters after it: a line or ``|``-separated part that is only a
    date, optionally labelled ("Published: 5 September 2023", "Updated 2023-09-05 10:25"),
    as in "China.org.cn | September 21, 2023", or a wire dateline with a year
    ("BEIJING, Sept. 5, 2023 (Xinhua) --"). A dateline without a year ("Sept 14",
    "Updated: 14 September", "BEIJING, Sept 14 (Xinhua) --") gives the latest such day
    that is not after today, with ``date_source="dateline_no_year"``: the year is
    inferred, so what is checked against it can warn but never fail (give ``--date`` for
    an older text). Dates without a day are skipped. Dates in running prose are not
    document dates.
"""

from __future__ import annotations

import bisect
import codecs
import datetime
import errno
import fnmatch
import os
import re
import stat
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Self

import yaml
from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from hetao_facts import _rx
from hetao_facts._display import HtmlRepr
from hetao_facts._light import trusted_maker
from hetao_facts.claims import Span
from hetao_facts.errors import DocumentError, UsageError

__all__ = [
    "DEFAULT_INCLUDE",
    "DateSource",
    "Document",
    "DocumentFormat",
    "discover",
    "document_from_text",
    "find_document_date",
    "front_matter_date_span",
    "load_document",
    "split_sentences",
]

DocumentFormat = Literal["text", "markdown"]
DateSource = Literal["caller", "front_matter", "dateline", "dateline_no_year"]

#: The file name patterns :func:`discover` takes from folders by default.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md", "*.markdown")

_FORMATS: tuple[DocumentFormat, ...] = ("text", "markdown")
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
_SNIFF_BYTES = 8192
_DATELINE_WINDOW = 1500
_DATELINE_MAX = 200  # a longer line is prose, though it may start with a wire dateline
_FRONT_MATTER_LIMIT = 65536


def _words(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and edit)."""
    return frozenset(words.split())


# --------------------------------------------------------------------------------------------
# Lines

_NEWLINE = _rx.compile(r"\r\n|\r|\n")
_NON_SPACE = _rx.compile(r"\S")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    if "\r" in text:
        starts.extend(m.end() for m in _NEWLINE.finditer(text))
        return starts
    # "\n" is then the only line terminator: str.find runs in C, ~8x faster than the regex
    find = text.find
    i = find("\n")
    while i >= 0:
        i += 1
        starts.append(i)
        i = find("\n", i)
    return starts


def _line_end(text: str, starts: list[int], i: int) -> int:
    """End of line ``i``'s content (before its line terminator)."""
    if i + 1 >= len(starts):
        return len(text)
    nxt = starts[i + 1]
    if nxt - 2 >= starts[i] and text[nxt - 2] == "\r" and text[nxt - 1] == "\n":
        return nxt - 2
    return nxt - 1


# --------------------------------------------------------------------------------------------
# Paragraph blocks

# Words that cannot end a line of prose, so the next line continues the sentence.
_FUNCTION_WORDS = _words(
    "a an the of to in on at by for with from into onto over under about than per via and or "
    "nor but as is are was were be been being has have had will would shall should can could "
    "may might must its their our his her this that these those which who whose whom "
    "where when while whereas if because including among between around nearly almost "
    "some up down not each every both only just least"
)
_CONTINUATION_END = frozenset(",;(/[{&+=")

_MD_BLOCK_START = _rx.compile(
    r"(?:#{1,6}(?:\s|$)|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|\||```|~~~"
    r"|(?:[-*_=][ \t]*){3,}$|<(?:/?[A-Za-z]|!--))"
)
_MD_SINGLE_LINE = _rx.compile(r"(?:#{1,6}(?:\s|$)|\||```|~~~|(?:[-*_=][ \t]*){3,}$)")


#: a line that opens with a list or section number, not a figure: "1. Roads", "2) Parks",
#: "2.1 Housing", "3 Results"
_WORD = _rx.compile(r"[a-z]{2}")  # a word in the line (a table row has none)
_NUMBERED_LINE = _rx.compile(r"\d{1,9}[.)](?:\s|$)|\d{1,3}(?:\.\d{1,3})*\s+[A-Z]")


def _text_break(prev: str, cur: str) -> bool:
    """Whether the newline between two non-blank stripped lines ends a sentence (plain text)."""
    if cur[0].islower():
        return False
    if (
        cur[0].isdigit()
        and prev[-1].isalpha()
        and len(prev.split()) >= 3
        and _WORD.search(cur) is not None
        and not _NUMBERED_LINE.match(cur)
    ):
        return False  # a hard wrap before a figure: "The zone covers" / "3.98 km² ..."
    if prev[-1] in _CONTINUATION_END:
        return False
    if prev[-1] == "-" and len(prev) > 1 and prev[-2].isalnum():
        return False  # a word hyphenated across lines
    return prev.rsplit(None, 1)[-1] not in _FUNCTION_WORDS


#: an ordered-list marker other than "1." (CommonMark: it cannot interrupt a paragraph,
#: so "... rose by 4.9% on\n2024. Schools ..." is one paragraph)
_MD_LATER_NUMBER = _rx.compile(r"(?:[2-9]|\d{2,9})[.)](?:\s|$)")
_MD_ITEM = _rx.compile(r"(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def _markdown_break(prev: str, prev_raw: str, cur: str, in_list: bool = False) -> bool:
    if _MD_BLOCK_START.match(cur) and (in_list or not _MD_LATER_NUMBER.match(cur)):
        return True
    if _MD_SINGLE_LINE.match(prev):
        return True
    if prev.endswith(":") and _speaker_name(prev) is not None:
        return True
    if prev_raw.endswith(("  ", "\t", "\\")):  # a hard line break
        return _text_break(prev, cur)
    return False


def _blocks(text: str, starts: list[int], fmt: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks as (start, end), trimmed of surrounding whitespace."""
    blocks: list[tuple[int, int]] = []
    markdown = fmt == "markdown"
    block_start = -1
    prev_end = -1
    prev = prev_raw = ""
    in_list = False  # the block is a list item (so any marker starts the next one)
    for i, s in enumerate(starts):
        e = _line_end(text, starts, i)
        raw = text[s:e]
        stripped = raw.strip()
        if not stripped:
            if block_start >= 0:
                blocks.append((block_start, prev_end))
                block_start = -1
            continue
        lead = len(raw) - len(raw.lstrip())
        if block_start < 0:
            block_start = s + lead
            in_list = _MD_ITEM.match(stripped) is not None
        elif (
            _markdown_break(prev, prev_raw, stripped, in_list)
            if markdown
            else _text_break(prev, stripped)
        ):
            blocks.append((block_start, prev_end))
            block_start = s + lead
            in_list = _MD_ITEM.match(stripped) is not None
        prev_end = s + len(raw.rstrip())
        prev, prev_raw = stripped, raw
    if block_start >= 0:
        blocks.append((block_start, prev_end))
    return blocks


# --------------------------------------------------------------------------------------------
# Sentences

# What may end a sentence: a run of ``.!?…`` (group "p" is ``first + p_rest``), closers,
# then white space or the end; or a run of ``。！？`` (``first + cjk_rest``) and closers.
# The first character is matched by a character class opening the pattern, which the regex
# engine scans for in C; a lookbehind then says which of the two runs it starts (the same
# matches as "(?=[.!?…。！？])(?:(?P<p>[.!?…]+)...|(?P<cjk>[。！？]+)...)", 1.6x faster).
_TERMINAL = _rx.compile(
    r"(?P<first>[.!?…。！？])"
    r"(?:(?<=[.!?…])(?P<p_rest>[.!?…]*)(?P<c>[\"'”’»)\]]*)(?=\s|\Z)"
    r"|(?<=[。！？])(?P<cjk_rest>[。！？]*)[”’」』）)\]]*)"
)
assert tuple(_TERMINAL.groupindex) == ("first", "p_rest", "c", "cjk_rest")  # m.groups() order
_NEXT_WORD = _rx.compile(r"\s*[\"'“‘(\[{«¿¡]*(\w{0,24})")
_OPENERS = "\"'“‘([{«"

# Never end a sentence: they introduce what follows.
_PREFIX_ABBREVIATIONS = _words(
    "Mr Mrs Ms Mx Dr Prof Messrs Mme Mlle Gen Col Lt Capt Sgt Maj Adm Cmdr Rep Sen Gov Pres "
    "Rev Hon Amb Mt Ft Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs v cf approx ca "
    "e.g i.e viz esp incl E.g I.e Approx"
)
# Do not end a sentence before a number: "No. 5", "p. 12".
_NUMBER_ABBREVIATIONS = _words("No no Nos nos Vol vol Fig fig Figs p pp Art art Sec Ch ch Para")
# May end a sentence, but only before a common sentence opener: "Tencent Inc. The".
_SUFFIX_ABBREVIATIONS = _words(
    "etc Inc Co Corp Ltd Plc Bros Jr Sr Esq St Ave Rd Blvd Dept Univ al a.m p.m"
)
_INITIALISM = _rx.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
_SENTENCE_OPENERS = _words(
    "A An The This That These Those It Its We Our Us He His She Her They Their There Here I "
    "In On At As By For From With Without After Before During Since Until When While Where "
    "If Although Though Because But And Or So Yet However Meanwhile Moreover Furthermore "
    "Also Additionally According Today Yesterday Tomorrow Now Then Thus Therefore What Why "
    "How Who Which Please Thank Let Such Some Many Most All Each Every Both Other Another "
    "Is Are Was Were Do Does Did Can Could Will Would Should Shall May Might Must Has Have "
    "Had Not No Yes Last Next First Second Finally In Overall Currently"
)


def _ends_sentence(text: str, m: re.Match[str], block_start: int, block_end: int) -> bool:
    first, p_rest, closers, cjk_rest = m.groups()  # one call: see `_TERMINAL`
    if cjk_rest is not None:  # a CJK full stop
        return True
    nxt = _NEXT_WORD.match(text, m.end(), block_end)
    word = nxt.group(1) if nxt else ""
    if not word:
        return True
    if word[0].islower():
        return False
    if first != "." or p_rest or closers:  # "p" is not "."
        return True
    dot = m.start()
    window = text[max(block_start, dot - 40) : dot]
    if not window or window[-1].isspace():
        return True
    token = window.rsplit(None, 1)[-1].lstrip(_OPENERS)
    if token in _PREFIX_ABBREVIATIONS:
        return False
    if token in _NUMBER_ABBREVIATIONS:
        return not word[0].isdigit()
    if token in _SUFFIX_ABBREVIATIONS or _INITIALISM.fullmatch(token):
        return word in _SENTENCE_OPENERS
    return True


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    m = _NON_SPACE.search(text, start, end)
    if m is None:
        return
    start = m.start()
    while text[end - 1].isspace():  # what rstrip() drops (no copy of the sentence)
        end -= 1  # stops after `start`, which is not white space
    out.append((start, end))


def _split_blocks(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for block_start, block_end in blocks:
        seg = block_start
        for m in _TERMINAL.finditer(text, block_start, block_end):
            if _ends_sentence(text, m, block_start, block_end):
                end = m.end()
                _emit(text, seg, end, out)
                seg = end
        _emit(text, seg, block_end, out)
    return out


def split_sentences(text: str, *, format: str = "text") -> list[tuple[int, int]]:
    """Split ``text`` into sentences, as sorted, non-overlapping ``(start, end)`` offsets.

    Spans exclude surrounding whitespace; a sentence never crosses a paragraph. See the module
    docstring for the rules (abbreviations, decimals, datelines, speaker turns, Markdown).
    Linear in the length of the text; never raises for any ``str``.
    """
    fmt = _check_format(format)
    return _split_blocks(text, _blocks(text, _line_starts(text), fmt))


# --------------------------------------------------------------------------------------------
# Speakers

_SPEAKER_LINE = _rx.compile(  # fullmatched on a stripped line
    r"(?:\*\*|__)?(?P<name>[^\W\d_][\w'’.-]*(?:[^\S\r\n]+[\w'’.-]+){0,4})"
    r"(?:\*\*|__)?[^\S\r\n]*:[^\S\r\n]*(?:\*\*|__)?"
)
_LINE_END_COLON = _rx.compile(r":[^\S\r\n]*(?:\*\*|__)?[^\S\r\n]*(?:\r\n|\r|\n|\Z)")
_SPEAKER_LINE_MAX = 120
_NAME_WORD = _rx.compile(r"[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_NAME_CONNECTORS = _words("of the and for de da di du del der van von la le bin al")
_TITLES = _words("Mr. Mrs. Ms. Mx. Dr. Prof.")
_NOT_SPEAKERS = _words(
    """share note notes source sources tags tag related keywords summary background photo
    photos editor editors published updated posted date time location venue address tel
    phone fax email e-mail website web links link contact contacts attachment attachments
    references subject to from cc agenda abstract contents example examples warning caution
    tip important disclaimer copyright print download first second third fourth fifth sixth
    seventh eighth ninth tenth firstly secondly thirdly finally next then also however
    meanwhile answer question yes no"""
) | frozenset(
    {
        "media contact",
        "related news",
        "related stories",
        "see also",
        "key words",
        "table of contents",
        "for example",
        "follow us",
        "read more",
        "last updated",
        "thank you",
    }
)


def _speaker_name(line: str) -> str | None:
    """The speaker named by a stripped line such as ``Guo Lanfeng:``, or None."""
    m = _SPEAKER_LINE.fullmatch(line)
    return _valid_speaker(m.group("name")) if m else None


def _speaker_turns(text: str, starts: list[int]) -> list[tuple[int, int, str]]:
    """(line start, name offset, name) of every speaker line, in order."""
    turns: list[tuple[int, int, str]] = []
    for m in _LINE_END_COLON.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        begin = starts[i]
        if m.start() - begin > _SPEAKER_LINE_MAX:
            continue
        raw = text[begin : m.start() + 1]
        line = raw.strip()
        found = _SPEAKER_LINE.fullmatch(line)
        if found is None:
            continue
        name = _valid_speaker(found.group("name"))
        if name is not None:
            turns.append((begin, begin + len(raw) - len(raw.lstrip()), name))
    return turns


def _valid_speaker(name: str) -> str | None:
    words = name.split()
    if not 1 <= len(words) <= 5 or " ".join(words).lower() in _NOT_SPEAKERS:
        return None
    last = len(words) - 1
    for i, word in enumerate(words):
        if word in _TITLES and i < last:
            continue
        if 0 < i < last and word in _NAME_CONNECTORS:
            continue
        if len(word) == 2 and word[0].isupper() and word[1] == "." and i < last:
            continue  # an initial: "J. Smith"
        if not (word[0].isupper() and _NAME_WORD.fullmatch(word)):
            return None
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Ignored spans

# Every pattern starts with a literal or a character class, so the regex engine can skip to
# candidates quickly; conditions on what comes before are checked afterwards in Python.
_HTML_COMMENT = _rx.compile(r"<!--.*?(?:-->|\Z)", re.S)
_URL = _rx.compile(r"(?:https?://|HTTPS?://|ftp://|www\.|WWW\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}’”]")
_EMAIL_DOMAIN = _rx.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_EMAIL_LOCAL = _rx.compile(r"[\w.%+-]{1,64}\Z")
_HTML_TAG = _rx.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:\"[^\"]{0,2000}\"|'[^']{0,2000}'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>"
)
_PAGE_NAV = _rx.compile(r"[<«‹](?:[^\S\r\n]|[\d.…|])*[>»›][^\S\r\n]*(?:\r\n|\r|\n|\Z)")
_PAGE_NAV_BY_OPENER = tuple(re.compile(re.escape(c) + _PAGE_NAV.pattern[5:]) for c in "<«‹")
assert _PAGE_NAV.pattern.startswith("[<«‹]")
_FENCE = _rx.compile(r"(```+|~~~+)([^\r\n]*)")
_INDENTED_RUN = _rx.compile(
    r"[\r\n](?P<run>(?:(?: {4}|\t)[^\r\n]*(?:\r\n|\r|\n|\Z)(?:[ \t]*(?:\r\n|\r|\n))*)+)"
)
_INDENTED_RUN_AT_START = _rx.compile(
    r"(?P<run>(?:(?: {4}|\t)[^\r\n]*(?:\r\n|\r|\n|\Z)(?:[ \t]*(?:\r\n|\r|\n))*)+)"
)
_LIST_ITEM = _rx.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INLINE_CODE = _rx.compile(r"(?P<o>`(?<!``)`{0,15})(?!`)[^\r\n]+?(?<!`)(?P=o)(?!`)")
_MD_IMAGE = _rx.compile(r"!\[[^\]\r\n]*\]\([^()\r\n]*\)")
_MD_LINK_TARGET = _rx.compile(  # group 1 is the (...) after "]"
    r"\](\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
    r"(?:[ \t]+(?:\"[^\"\r\n]*\"|'[^'\r\n]*'|\([^()\r\n]*\)))?[ \t]*\))"
)


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _line_text(text: str, starts: list[int], i: int) -> str:
    return text[starts[i] : _line_end(text, starts, i)]


def _urls(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if "://" not in text and "www." not in text and "WWW." not in text:
        return spans  # every URL holds one of them: three scans in C, not the pattern's
    for m in _URL.finditer(text):
        before = text[m.start() - 1] if m.start() else " "
        if not (before.isalnum() or before in "_@."):
            spans.append(m.span())
    return spans


def _emails(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _EMAIL_DOMAIN.finditer(text):
        at = m.start()
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        if local is not None:
            spans.append((local.start(), m.end()))
    return spans


def _page_navigation(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Page navigation lines, by opener (the caller sorts the spans): a match holds one
    opener, so the matches of each opener's pattern are those of `_PAGE_NAV`, and a
    pattern opening with a literal is scanned for in C."""
    spans: list[tuple[int, int]] = []
    for nav in _PAGE_NAV_BY_OPENER:
        spans.extend(_navigation_lines(text, starts, nav))
    return spans


def _navigation_lines(
    text: str, starts: list[int], pattern: re.Pattern[str]
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        begin = starts[_line_of(starts, m.start())]
        if text[begin : m.start()].strip() or not any(c.isdigit() for c in m.group()):
            continue
        spans.append((m.start(), m.start() + len(m.group().rstrip())))
    return spans


def _fenced_code(text: str, starts: list[int]) -> list[tuple[int, int]]:
    def at_line_start(m: re.Match[str]) -> bool:
        indent = text[starts[_line_of(starts, m.start())] : m.start()]
        return len(indent) <= 3 and not indent.strip(" ")

    spans: list[tuple[int, int]] = []
    fences = (m for m in _FENCE.finditer(text) if at_line_start(m))
    for m in fences:
        opener = m.group(1)
        if opener[0] == "`" and "`" in m.group(2):
            continue  # not a fence: a backtick fence's info string has no backticks
        for c in fences:
            closer = c.group(1)
            if closer[0] == opener[0] and len(closer) >= len(opener) and not c.group(2).strip():
                spans.append((m.start(), c.end()))
                break
        else:
            spans.append((m.start(), len(text)))
    return spans


def _indented_code(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Indented code blocks: after a blank line, and not a list item's continuation."""
    spans: list[tuple[int, int]] = []
    runs = list(_INDENTED_RUN.finditer(text))
    first = _INDENTED_RUN_AT_START.match(text)
    if first is not None:
        runs.insert(0, first)
    for m in runs:
        start = m.start("run")
        i = _line_of(starts, start)
        if i > 0:
            i -= 1
            if _line_text(text, starts, i).strip():
                continue  # continues a paragraph: not code
            while i > 0 and not _line_text(text, starts, i).strip():
                i -= 1
            previous = _line_text(text, starts, i)
            if previous.strip() and (_LIST_ITEM.match(previous) or previous[:1] in " \t"):
                continue  # a list item's continuation
        spans.append((start, start + len(m.group("run").rstrip())))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _ignored_spans(text: str, fmt: str, starts: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    fm = _front_matter(text)
    if fm is not None:
        spans.append((0, fm[0]))
    spans.extend(m.span() for m in _HTML_COMMENT.finditer(text))
    spans.extend(m.span() for m in _HTML_TAG.finditer(text))
    spans.extend(_urls(text))
    spans.extend(_emails(text))
    spans.extend(_page_navigation(text, starts))
    if fmt == "markdown":
        spans.extend(_fenced_code(text, starts))
        spans.extend(_indented_code(text, starts))
        spans.extend(m.span() for m in _INLINE_CODE.finditer(text))
        spans.extend(m.span() for m in _MD_IMAGE.finditer(text))
        spans.extend(m.span(1) for m in _MD_LINK_TARGET.finditer(text))
    return _merge(spans)


# --------------------------------------------------------------------------------------------
# Dates

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_DATE = (
    rf"(?i:(?P<m1>{_MONTH})\.?[^\S\r\n]+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?[^\S\r\n]+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?[^\S\r\n]+(?:of[^\S\r\n]+)?(?P<m2>{_MONTH})\.?,?[^\S\r\n]+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})(?P<sep>[-/.])(?P<mo3>\d{1,2})(?P=sep)(?P<d3>\d{1,2})"
    r"|(?P<y4>\d{4})年[^\S\r\n]*(?P<mo4>\d{1,2})月[^\S\r\n]*(?P<d4>\d{1,2})日)"
)
# a dateline may leave out the year ("Sept 14", "14 September"): the same, without it
_DATE_OR_DAY = (
    _DATE[:-1]
    + rf"|(?P<m5>{_MONTH})\.?[^\S\r\n]+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]*\d)"
    + rf"|(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?[^\S\r\n]+(?:of[^\S\r\n]+)?(?P<m6>{_MONTH})\b\.?)"
)
_WEEKDAY = (
    r"(?i:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?[^\S\r\n]+)?"
)
_TIME = (
    r"(?i:(?:,|[^\S\r\n]+at|T|[^\S\r\n])[^\S\r\n]*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[^\S\r\n]*[ap]\.?m\.?)?"
    r"(?:[^\S\r\n]*(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}))?)?"
)
_LABEL = (
    r"(?i:(?:(?:first|last)[^\S\r\n]+)?(?:published|updated|modified|posted|released|issued|dated"
    r"|date|created|revised)(?:[^\S\r\n]+(?:on|at))?[^\S\r\n]*:?[^\S\r\n]*)?"
)
_DATE_PART = _rx.compile(
    rf"[^\S\r\n]*{_LABEL}{_WEEKDAY}{_DATE_OR_DAY}{_TIME}(?:[^\S\r\n]*\([^()]{{0,40}}\))?[^\S\r\n]*\.?[^\S\r\n]*"
)
_DATE_STRING = _rx.compile(rf"[^\S\r\n]*{_WEEKDAY}{_DATE}{_TIME}[^\S\r\n]*")
_WIRE_DATELINE = _rx.compile(
    rf"[A-Z][A-Z.'’ -]{{1,40}}(?:,[^\S\r\n]*[A-Za-z.'’ -]{{1,40}})?,[^\S\r\n]+{_WEEKDAY}"
    rf"{_DATE_OR_DAY}"
    r"[^\S\r\n]*(?:\([^()\r\n]{1,40}\)|/[^/\r\n]{1,40}/)?[^\S\r\n]*(?:--|—|–|-|:)"
)
_PART_SEPARATOR = _rx.compile(r"[^\S\r\n]*[|•·][^\S\r\n]*|[^\S\r\n]+[-–—]{1,2}[^\S\r\n]+")
_MARKDOWN_LINE_MARKUP = _rx.compile(r"^(?:[#>]+|[-*+][ \t])[ \t]*|[*_]+")
_FRONT_MATTER_OPEN = _rx.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_CLOSE = _rx.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")
_FRONT_MATTER_DATE_KEYS = (
    "date",
    "published",
    "publishdate",
    "publish_date",
    "pubdate",
    "published_at",
    "publication_date",
    "created",
    "updated",
    "lastmod",
    "modified",
)


def _front_matter(text: str) -> tuple[int, dict[str, Any]] | None:
    """(end offset, mapping) of YAML front matter at the very start of ``text``, or None."""
    opened = _FRONT_MATTER_OPEN.match(text)
    if opened is None:
        return None
    closed = _FRONT_MATTER_CLOSE.search(text, opened.end(), min(len(text), _FRONT_MATTER_LIMIT))
    if closed is None:
        return None
    try:
        data = yaml.safe_load(text[opened.end() : closed.start()])
    except Exception:  # untrusted input: any parser failure just means "no front matter"
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None
    return closed.end(), {str(k): v for k, v in data.items()}


def _date_from_match(m: re.Match[str]) -> datetime.date | None:
    g = m.groupdict()
    try:
        if g["y1"]:
            return datetime.date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))
        if g["y2"]:
            return datetime.date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))
        if g["y3"]:
            return datetime.date(int(g["y3"]), int(g["mo3"]), int(g["d3"]))
        if g["y4"]:
            return datetime.date(int(g["y4"]), int(g["mo4"]), int(g["d4"]))
    except (ValueError, KeyError):
        return None
    return None


def _today() -> datetime.date:
    return datetime.date.today()


def _day_from_match(m: re.Match[str]) -> datetime.date | None:
    """A dateline's day without a year ("Sept 14"): the latest such day not after today
    (a dateline dates what was just written); None when the day does not exist."""
    g = m.groupdict()
    month, day = (g.get("m5"), g.get("d5")) if g.get("m5") else (g.get("m6"), g.get("d6"))
    if not month or not day:
        return None
    today = _today()
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            found = datetime.date(year, _MONTHS[month.lower()], int(day))
        except (ValueError, KeyError):
            continue  # February 29 outside a leap year: an earlier year
        if found <= today:
            return found
    return None


def _date_from_value(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        m = _DATE_STRING.fullmatch(value)
        return _date_from_match(m) if m else None
    return None


def _dateline_date(line: str, *, whole: bool = True) -> tuple[datetime.date, bool] | None:
    """The date of a dateline, and whether its year was inferred (the line gave none);
    ``whole`` is False when ``line`` is the start of a long line."""
    matches: list[re.Match[str]] = []
    if whole:
        matches += [m for part in _PART_SEPARATOR.split(line) if (m := _DATE_PART.fullmatch(part))]
    wire = _WIRE_DATELINE.match(line)
    if wire is not None:
        matches.append(wire)
    for m in matches:  # a date with its year first, wherever it stands
        found = _date_from_match(m)
        if found is not None:
            return found, False
    for m in matches:
        day = _day_from_match(m)
        if day is not None:
            return day, True
    return None


def front_matter_date_span(text: str) -> Span | None:
    """Where the front matter states the document date: the value as written on the line
    of the key :func:`find_document_date` reads (``date: 2023-09-05`` gives the span of
    ``2023-09-05``), or None when the front matter gives no date."""
    fm = _front_matter(text)
    if fm is None:
        return None
    end, data = fm
    lowered = {k.lower(): v for k, v in data.items()}
    for key in _FRONT_MATTER_DATE_KEYS:
        if _date_from_value(lowered.get(key)) is None:
            continue
        line = re.compile(
            rf"^[ \t]*{re.escape(key)}[ \t]*:[ \t]*(?P<q>['\"]?)(?P<v>[^\r\n'\"#]*?)(?P=q)[ \t]*"
            r"(?:#[^\r\n]*)?\r?$",
            re.I | re.M,
        ).search(text, 0, end)
        if line is None or not line.group("v"):
            return None
        return Span(start=line.start("v"), end=line.end("v"))
    return None


def find_document_date(
    text: str, *, format: str = "text"
) -> tuple[datetime.date, Literal["front_matter", "dateline", "dateline_no_year"]] | None:
    """The date a document carries, and where it was found, or None.

    YAML front matter at the very start wins (``"front_matter"``); otherwise the first
    dateline among the lines that start in the first 1500 characters after it
    (``"dateline"``; ``"dateline_no_year"`` when it gives no year, which is then the latest
    one that puts the day not after today). In Markdown, heading, quote and emphasis
    markers around the dateline are ignored. Dates in running prose ("On Sept. 5, 2023,
    the ...") are not datelines.
    """
    fmt = _check_format(format)
    start = 0
    fm = _front_matter(text)
    if fm is not None:
        end, data = fm
        lowered = {k.lower(): v for k, v in data.items()}
        for key in _FRONT_MATTER_DATE_KEYS:
            found = _date_from_value(lowered.get(key))
            if found is not None:
                return found, "front_matter"
        start = end
    limit = start + _DATELINE_WINDOW
    pos = start
    while pos < len(text) and pos < limit:
        m = _NEWLINE.search(text, pos)
        end = m.start() if m else len(text)
        line = text[pos : min(end, pos + _DATELINE_MAX)].strip()
        if fmt == "markdown":
            line = _MARKDOWN_LINE_MARKUP.sub("", line).strip()
        if line:
            dated = _dateline_date(line, whole=end - pos <= _DATELINE_MAX)
            if dated is not None:
                return dated[0], "dateline_no_year" if dated[1] else "dateline"
        if m is None:
            break
        pos = m.end()
    return None


# --------------------------------------------------------------------------------------------
# The Document model


#: ``Span(start=s, end=e)`` for offsets computed here (ints): the same record, 4x faster
_span = trusted_maker(Span, ("start", "end"))


class _Index:
    """Sorted, non-overlapping spans with O(log n) lookup."""

    __slots__ = ("_spans", "ends", "starts")

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        # machine integers, not int objects: 8 bytes a span end, not 36
        self.starts = array("q", [s for s, _ in pairs])
        self.ends = array("q", [e for _, e in pairs])
        self._spans: list[Span] | None = None

    def find(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else -1

    def release_spans(self) -> None:
        """Forget the Span objects (built again by :meth:`spans` if asked for)."""
        self._spans = None

    def spans(self) -> list[Span]:
        if self._spans is None:
            self._spans = list(map(_span, self.starts, self.ends))
        return list(self._spans)

    def at(self, offset: int) -> Span:
        i = self.find(offset)
        if i < 0:
            return Span(start=offset, end=offset)  # validated: `offset` comes from a caller
        if self._spans is not None:  # spans are frozen: share them rather than rebuild
            return self._spans[i]
        return _span(self.starts[i], self.ends[i])


class _Cache:
    """Indexes of one document's text, built on first use."""

    __slots__ = (
        "blocks",
        "ignored",
        "line_starts",
        "paragraphs",
        "sentences",
        "structure",
        "turns",
    )

    def __init__(self) -> None:
        self.line_starts: list[int] | None = None
        self.blocks: list[tuple[int, int]] | None = None
        self.sentences: _Index | None = None
        self.paragraphs: _Index | None = None
        self.ignored: _Index | None = None
        self.turns: tuple[list[int], list[str]] | None = None
        self.structure: object | None = None  # hetao_facts.structure.Structure


class Document(HtmlRepr, BaseModel):
    """One document's text, date and indexes. Frozen; round-trips through JSON.

    Indexes (lines, sentences, paragraphs, speaker turns, ignored spans) are built on first
    use and cached; they are not serialized. Offsets are ``str`` indices into ``text``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    path: str | None = None
    text: str
    date: datetime.date | None = None
    date_source: DateSource | None = None
    format: DocumentFormat = "text"

    _cache: _Cache = PrivateAttr(default_factory=_Cache)

    @model_validator(mode="before")
    @classmethod
    def _default_date_source(cls, data: Any) -> Any:
        if (
            isinstance(data, Mapping)
            and data.get("date") is not None
            and data.get("date_source") is None
        ):
            return {**data, "date_source": "caller"}
        return data

    @model_validator(mode="after")
    def _check_date_source(self) -> Self:
        if self.date is None and self.date_source is not None:
            raise ValueError(f"date_source is {self.date_source!r} but there is no date")
        return self

    # -- identity ------------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((self.id, self.path, self.text, self.date, self.date_source, self.format))

    def __repr__(self) -> str:
        date = f" {self.date.isoformat()}" if self.date else ""
        return f"<Document {self.id!r} {len(self.text):,} chars{date}>"

    def __str__(self) -> str:
        return repr(self)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy; with ``update`` the copy's indexes are rebuilt from its new text."""
        copied = super().model_copy(update=update, deep=deep)
        if update or deep:
            copied._cache = _Cache()
        return copied

    # -- indexes ---------------------------------------------------------------------------------

    def _check_offset(self, offset: int) -> None:
        if not 0 <= offset <= len(self.text):
            raise IndexError(
                f"offset {offset} is outside document {self.id!r} "
                f"({len(self.text)} characters; valid offsets are 0..{len(self.text)})"
            )

    def release_parsed(self) -> None:
        """Forget what only extraction and linking read: the parsed structure, the blocks,
        and the sentences and paragraphs as Span objects (their ends stay, as machine
        integers, for look-ups). Each is built again if asked for; a run would otherwise
        hold every document's until the end."""
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        cache.structure = None
        cache.blocks = None
        for index in (cache.sentences, cache.paragraphs):
            if index is not None:
                index.release_spans()

    def _line_starts(self) -> list[int]:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.line_starts is None:
            cache.line_starts = _line_starts(self.text)
        return cache.line_starts

    def _blocks(self) -> list[tuple[int, int]]:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.blocks is None:
            cache.blocks = _blocks(self.text, self._line_starts(), self.format)
        return cache.blocks

    def _sentence_index(self) -> _Index:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.sentences is None:
            cache.sentences = _Index(_split_blocks(self.text, self._blocks()))
        return cache.sentences

    def _paragraph_index(self) -> _Index:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.paragraphs is None:
            cache.paragraphs = _Index(self._blocks())
        return cache.paragraphs

    def _ignored_index(self) -> _Index:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.ignored is None:
            cache.ignored = _Index(_ignored_spans(self.text, self.format, self._line_starts()))
        return cache.ignored

    def _turns(self) -> tuple[list[int], list[str]]:
        cache: _Cache = self.__pydantic_private__["_cache"]  # type: ignore[index]
        if cache.turns is None:
            ignored = self._ignored_index()
            starts: list[int] = []
            names: list[str] = []
            for start, name_at, name in _speaker_turns(self.text, self._line_starts()):
                if ignored.find(name_at) < 0:
                    starts.append(start)
                    names.append(name)
            cache.turns = (starts, names)
        return cache.turns

    # -- public API ----------------------------------------------------------------------------

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; columns count characters. O(log n)."""
        self._check_offset(offset)
        starts = self._line_starts()
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    @property
    def sentences(self) -> list[Span]:
        """Sentences in order, trimmed of whitespace (see :func:`split_sentences`)."""
        return self._sentence_index().spans()

    def sentence_at(self, offset: int) -> Span:
        """The sentence containing ``offset``; between sentences, the empty span at ``offset``."""
        self._check_offset(offset)
        return self._sentence_index().at(offset)

    @property
    def paragraphs(self) -> list[Span]:
        """Paragraphs in order, trimmed of whitespace; sentences never cross them."""
        return self._paragraph_index().spans()

    def paragraph_at(self, offset: int) -> Span:
        """The paragraph containing ``offset``; between paragraphs, the empty span at it."""
        self._check_offset(offset)
        return self._paragraph_index().at(offset)

    def speaker_at(self, offset: int) -> str | None:
        """The transcript speaker whose turn contains ``offset``; None before the first turn."""
        self._check_offset(offset)
        starts, names = self._turns()
        i = bisect.bisect_right(starts, offset) - 1
        return names[i] if i >= 0 else None

    @property
    def ignored(self) -> list[Span]:
        """Spans an extractor must not read, merged and sorted.

        In every document: YAML front matter, HTML comments and tags, URLs, e-mail addresses,
        page navigation lines ("<  1  2  3  >"). In Markdown also fenced and indented code
        blocks, inline code, link targets (the ``(...)`` of ``[text](url)``) and whole images.
        """
        return self._ignored_index().spans()

    def is_ignored(self, offset: int) -> bool:
        """Whether ``offset`` falls in one of :attr:`ignored`. O(log n)."""
        self._check_offset(offset)
        return self._ignored_index().find(offset) >= 0

    def snippet(self, start: int, end: int, width: int = 60) -> str:
        """One line of context around ``text[start:end]`` for messages.

        About ``width`` characters of context on each side (cut at a space where possible,
        ``…`` marks a cut), whitespace runs shown as one space; a span longer than
        ``2 * width`` is shortened in its middle. Out-of-range offsets are clamped.
        """
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        width = max(width, 0)
        before = self.text[max(0, start - width) : start]
        after = self.text[end : end + width]
        middle = self.text[start:end]
        cut_before = start - width > 0
        cut_after = end + width < n
        if cut_before and " " in before.strip():
            before = before[before.find(" ") + 1 :]
        if cut_after and " " in after.strip():
            after = after[: after.rfind(" ")]
        middle = " ".join(middle.split())
        if len(middle) > 2 * width + 1:
            middle = f"{middle[:width]}…{middle[-width:]}"
        left = " ".join(before.split())
        right = " ".join(after.split())
        if left and before[-1:].isspace():
            left += " "
        if right and after[:1].isspace():
            right = " " + right
        return f"{'…' if cut_before else ''}{left}{middle}{right}{'…' if cut_after else ''}"


# --------------------------------------------------------------------------------------------
# Constructors


def _check_format(format: str) -> DocumentFormat:
    for known in _FORMATS:
        if format == known:
            return known
    if format in ("md", "markdown"):
        return "markdown"
    if format in ("txt", "plain"):
        return "text"
    raise UsageError(f"unknown document format {format!r}; expected 'text' or 'markdown'")


def document_from_text(
    text: str,
    *,
    id: str = "<text>",
    date: datetime.date | None = None,
    path: str | None = None,
    format: str = "text",
) -> Document:
    """A :class:`Document` from a string. A leading BOM is removed; nothing else changes.

    ``date`` wins (``date_source="caller"``); otherwise the front matter or a dateline gives
    it. ``format`` is ``"text"`` or ``"markdown"`` ("md" and "txt" are accepted too).
    """
    fmt = _check_format(format)
    if text.startswith("\ufeff"):
        text = text[1:]
    source: DateSource | None = None
    if date is not None:
        source = "caller"
    else:
        found = find_document_date(text, format=fmt)
        if found is not None:
            date, source = found
    return Document(id=id, path=path, text=text, date=date, date_source=source, format=fmt)


def _posix(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} byte" if n == 1 else f"{n} bytes"
    for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3), ("TB", 1024**4)):
        if n < factor * 1024 or unit == "TB":
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _too_large(size: int, limit: int) -> str:
    shown, shown_limit = _size(size), _size(limit)
    if shown == shown_limit:
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"too large: {shown} > {shown_limit} limit"


def _os_problem(exc: OSError, *, folder: bool = False) -> tuple[str, str]:
    """(problem, code) for an OSError raised while reading a path."""
    if exc.errno == errno.ELOOP:
        return "symlink loop", "HF901"
    if isinstance(exc, PermissionError):
        return ("cannot read folder" if folder else "cannot read") + ": permission denied", "HF901"
    if isinstance(exc, FileNotFoundError):
        return "no such file", "HF901"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file", "HF901"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot read: {reason[0].lower()}{reason[1:]}", "HF901"


_CONTROL = _rx.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _decode(data: bytes, encoding: str, shown: str) -> str:
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise DocumentError(
            shown,
            f"unknown encoding {encoding!r}; try 'utf-8', 'utf-16' or 'latin-1'",
            code="HF902",
        ) from None
    name = codec.name
    wide = name.startswith(("utf-16", "utf-32"))
    label = "UTF-8" if name in ("utf-8", "utf-8-sig") else encoding
    if not wide:
        if name in ("utf-8", "utf-8-sig") and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise DocumentError(
                shown,
                "not valid UTF-8: starts with a UTF-16 byte-order mark; use --encoding utf-16",
                code="HF902",
            )
        if b"\x00" in data[:_SNIFF_BYTES]:
            raise DocumentError(shown, "binary file, not text", code="HF902")
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DocumentError(
            shown,
            f"not valid {label} at byte {exc.start} (0x{data[exc.start]:02x}, line {line}); "
            "use --encoding to read it as another encoding",
            code="HF902",
        ) from exc
    return text


def _format_for(path: str) -> DocumentFormat:
    return "markdown" if os.path.splitext(path)[1].lower() in _MARKDOWN_SUFFIXES else "text"


def load_document(
    path: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    date: datetime.date | None = None,
    display_path: str | None = None,
    max_bytes: int = 200 * 1024 * 1024,
    format: str | None = None,
) -> Document:
    """Read one file into a :class:`Document`.

    The text is decoded strictly (newlines untouched, a leading BOM removed). ``id`` is
    ``display_path`` or the path as given in POSIX form, ``path`` the path as given.
    ``format`` defaults from the suffix (.md, .markdown... are Markdown). ``date`` wins over
    the front matter and datelines.

    Raises :class:`~hetao_facts.errors.DocumentError` (HF901-HF904, see the module docstring)
    with a one-line problem for every file that cannot be read as text.
    """
    fspath = os.fspath(path)
    shown = display_path if display_path is not None else _posix(fspath)
    fmt = _check_format(format) if format is not None else _format_for(fspath)
    if max_bytes < 1:
        raise UsageError(f"max_bytes must be at least 1, got {max_bytes}")
    try:
        st = os.stat(fspath)
        if stat.S_ISDIR(st.st_mode):
            raise DocumentError(shown, "is a directory, not a file", code="HF901")
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(shown, "not a regular file", code="HF901")
        if st.st_size > max_bytes:
            raise DocumentError(shown, _too_large(st.st_size, max_bytes), code="HF904")
        with open(fspath, "rb") as fh:
            # read(n) allocates n bytes first: ask for the size stat gave (plus one, to see
            # a file that grew), not for max_bytes (200 MB of address space per file)
            data = fh.read(min(st.st_size, max_bytes) + 1)
            if len(data) > st.st_size and len(data) <= max_bytes:
                data += fh.read(max_bytes + 1 - len(data))
    except DocumentError:
        raise
    except FileNotFoundError as exc:
        problem = "no such file (broken symlink)" if os.path.islink(fspath) else "no such file"
        raise DocumentError(shown, problem, code="HF901") from exc
    except OSError as exc:
        problem, code = _os_problem(exc)
        raise DocumentError(shown, problem, code=code) from exc
    except ValueError as exc:  # a NUL character in the path
        raise DocumentError(shown, f"invalid path: {exc}", code="HF901") from exc
    if len(data) > max_bytes:  # grew since stat
        raise DocumentError(shown, _too_large(len(data), max_bytes), code="HF904")
    if not data:
        raise DocumentError(shown, "empty document", code="HF903")
    text = _decode(data, encoding, shown)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DocumentError(shown, "empty document (only whitespace)", code="HF903")
    sample = text[:_SNIFF_BYTES]
    controls = len(_CONTROL.findall(sample))
    if controls >= 8 and controls * 10 > len(sample):  # over 10% control characters
        raise DocumentError(shown, "binary file, not text", code="HF902")
    source: DateSource | None = None
    if date is not None:
        source = "caller"
    else:
        found = find_document_date(text, format=fmt)
        if found is not None:
            date, source = found
    return Document(id=shown, path=fspath, text=text, date=date, date_source=source, format=fmt)


# --------------------------------------------------------------------------------------------
# Discovery

_SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def _matches(patterns: Sequence[str], name: str, rel: str, prefix: str = "") -> bool:
    """A pattern without ``/`` matches the name; one with ``/`` the path relative to the
    folder given, or that path with the folder as given in front (``docs/drafts`` matches
    ``drafts`` found under ``docs``, as ``--force-exclude`` matches a file named
    ``docs/drafts/x.md``)."""
    full = f"{prefix}/{rel}" if prefix else rel
    for pattern in patterns:
        pat = pattern.lower().rstrip("/")
        if "/" not in pat:
            if fnmatch.fnmatchcase(name.lower(), pat):
                return True
        elif fnmatch.fnmatchcase(rel.lower(), pat) or fnmatch.fnmatchcase(full.lower(), pat):
            return True
    return False


def _given_prefix(path: Path, root: str | os.PathLike[str] | None = None) -> str:
    """A folder as a relative posix prefix ('' for '.'): relative to ``root`` (the
    configuration's folder) when it lies inside it, else as named on the command line."""
    if root is not None:
        try:
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        except ValueError:  # another drive on Windows
            rel = ".."
        if rel != ".." and not rel.startswith(".." + os.sep):
            path = Path(rel)
    parts = [p for p in path.as_posix().split("/") if p not in ("", ".")]
    return "" if path.is_absolute() else "/".join(parts)


def _describe(include: Sequence[str]) -> str:
    shown = [p[1:] if p.startswith("*.") and "*" not in p[1:] else p for p in include]
    return ", ".join(shown) if shown else "nothing included"


class _Walker:
    def __init__(self, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.include = include
        self.exclude = exclude
        self.files: list[Path] = []
        self.problems: list[DocumentError] = []
        self.seen_files: set[tuple[int, int]] = set()
        self.seen_dirs: set[tuple[int, int]] = set()
        self.loops: set[tuple[int, int]] = set()
        self.prefix = ""  # the folder being walked, as given

    def problem(self, path: Path | str, problem: str, code: str = "HF901") -> None:
        self.problems.append(DocumentError(_posix(os.fspath(path)), problem, code=code))

    def loop(self, path: Path, target: str | None = None) -> None:
        try:
            st = os.lstat(path)
            key = (st.st_dev, st.st_ino)
        except OSError:
            key = (-1, hash(os.fspath(path)))
        if key in self.loops:
            return
        self.loops.add(key)
        detail = f" (points back to {_posix(target)})" if target else ""
        self.problem(path, f"symlink loop{detail}")

    def add_file(self, path: Path, st: os.stat_result) -> None:
        key = (st.st_dev, st.st_ino)
        if key not in self.seen_files:
            self.seen_files.add(key)
            self.files.append(path)

    def walk(self, folder: Path, rel: str, ancestors: dict[tuple[int, int], Path]) -> int:
        """Add matching files under ``folder``; return how many matched (duplicates too)."""
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problem, code = _os_problem(exc, folder=True)
            self.problem(folder, problem, code)
            return 0
        found = 0
        for entry in entries:
            name = entry.name
            child = folder / name
            child_rel = f"{rel}/{name}" if rel else name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
                st = entry.stat() if is_dir or is_file else None
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    self.loop(child)
                elif _matches(self.include, name, child_rel):
                    self.problem(child, _os_problem(exc)[0])
                continue
            if is_dir and st is not None:
                if name.startswith(".") or name in _SKIPPED_FOLDERS:
                    continue
                if _matches(self.exclude, name, child_rel, self.prefix):
                    continue
                key = (st.st_dev, st.st_ino)
                if key in ancestors:
                    self.loop(child, os.fspath(ancestors[key]))
                    continue
                if key in self.seen_dirs:
                    continue  # already walked through another link
                self.seen_dirs.add(key)
                found += self.walk(child, child_rel, {**ancestors, key: child})
            elif is_file and st is not None:
                if name.startswith(".") or not _matches(self.include, name, child_rel):
                    continue
                if _matches(self.exclude, name, child_rel, self.prefix):
                    continue
                found += 1
                self.add_file(child, st)
            elif entry.is_symlink() and _matches(self.include, name, child_rel):
                self.problem(child, "no such file (broken symlink)")
        return found


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    root: str | os.PathLike[str] | None = None,
) -> tuple[list[Path], list[DocumentError]]:
    """Expand ``paths`` into document files, and the problems met on the way.

    Files named explicitly are always taken, whatever their name. Folders are walked
    recursively in sorted order, following symbolic links; files matching ``include`` and
    not ``exclude`` are taken. A pattern without ``/`` matches a file or folder name, one with
    ``/`` the path relative to the folder given or that path with the folder as given in
    front (``docs/drafts`` and ``drafts`` both skip ``drafts`` when ``docs`` is walked),
    the folder relative to ``root`` (the configuration's folder) when given; matching
    ignores case. Hidden files and
    folders (``.git``, ``.venv``) and ``node_modules`` are skipped inside folders. A file
    reached twice (two links, or named twice) is listed once, under its first path.

    Never raises for a bad path: a missing path, an unreadable folder, a symlink loop
    (reported once) and a folder without documents each become a
    :class:`~hetao_facts.errors.DocumentError` (HF901) and the rest goes on.
    """
    walker = _Walker(tuple(include), tuple(exclude))
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            if os.path.islink(path):
                walker.problem(path, "no such file (broken symlink)")
            else:
                walker.problem(path, "no such file or folder")
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                walker.loop(path)
            else:
                walker.problem(path, _os_problem(exc)[0])
            continue
        except ValueError as exc:
            walker.problem(os.fspath(given), f"invalid path: {exc}")
            continue
        if not stat.S_ISDIR(st.st_mode):
            walker.add_file(path, st)
            continue
        key = (st.st_dev, st.st_ino)
        if key in walker.seen_dirs:
            continue
        walker.seen_dirs.add(key)
        problems_before = len(walker.problems)
        walker.prefix = _given_prefix(path, root)
        found = walker.walk(path, "", {key: path})
        if not found and len(walker.problems) == problems_before:
            walker.problem(path, f"no documents ({_describe(include)}) in this folder")
    return walker.files, walker.problems
