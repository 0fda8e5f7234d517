"""Tests for hetao_facts.documents: reading files, indexes, sentences, dates, discovery."""

from __future__ import annotations

import datetime
import itertools
import json
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts import documents
from hetao_facts.claims import Span
from hetao_facts.documents import (
    Document,
    discover,
    document_from_text,
    find_document_date,
    load_document,
    split_sentences,
)
from hetao_facts.errors import DocumentError, UsageError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = SEEDS / "000_18569493f5fdd49b.txt"
SEED_001 = SEEDS / "001_9a2b29b0010f27eb.txt"
SEED_003 = SEEDS / "003_e684e8ef9af81a07.txt"
SEED_004 = SEEDS / "004_a706da511b167a58.txt"

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def sentences(text: str, format: str = "text") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, format=format)]


def span_text(doc: Document, span: Span) -> str:
    return doc.text[span.start : span.end]


# ---------------------------------------------------------------------------------------------
# load_document: bad input


def load_error(path: Path, **kwargs: object) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load_document(path, **kwargs)  # type: ignore[arg-type]
    error = info.value
    assert "\n" not in error.problem
    assert error.path
    return error


def test_missing_file(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nope.txt")
    assert (error.code, error.problem) == ("HF901", "no such file")
    assert str(error) == f"{(tmp_path / 'nope.txt').as_posix()}: no such file"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "broken.txt"
    link.symlink_to(tmp_path / "gone.txt")
    error = load_error(link)
    assert error.code == "HF901"
    assert "broken symlink" in error.problem


def test_directory(tmp_path: Path) -> None:
    error = load_error(tmp_path)
    assert error.code == "HF901"
    assert "directory" in error.problem


def test_not_a_regular_file(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    error = load_error(fifo)  # must not block reading
    assert (error.code, error.problem) == ("HF901", "not a regular file")


@pytest.mark.skipif(IS_ROOT, reason="root can read any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "The zone covers 3.89 km².")
    path.chmod(0)
    try:
        error = load_error(path)
    finally:
        path.chmod(0o644)
    assert (error.code, error.problem) == ("HF901", "cannot read: permission denied")


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "The zone covers 3.89 km².")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(documents, "open", denied, raising=False)
    error = load_error(path)
    assert (error.code, error.problem) == ("HF901", "cannot read: permission denied")


def test_empty_file(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "empty.txt", b""))
    assert (error.code, error.problem) == ("HF903", "empty document")


@pytest.mark.parametrize("content", [" ", "\n\n\n", " \t\r\n \u3000\n", "\ufeff  \n"])
def test_whitespace_only_file(tmp_path: Path, content: str) -> None:
    error = load_error(write(tmp_path / "blank.txt", content))
    assert error.code == "HF903"
    assert error.problem.startswith("empty document")


def test_binary_with_nul(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert (error.code, error.problem) == ("HF902", "binary file, not text")


def test_binary_without_nul(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 40
    error = load_error(write(tmp_path / "blob.txt", data))
    assert (error.code, error.problem) == ("HF902", "binary file, not text")


def test_stray_control_characters_are_still_text(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "form.txt", "Page 1\x0c\x1bPage 2."))
    assert doc.text == "Page 1\x0c\x1bPage 2."


def test_binary_in_other_encoding(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 256) if b not in b"\t\n\r ") * 8
    error = load_error(write(tmp_path / "blob.txt", data), encoding="latin-1")
    assert (error.code, error.problem) == ("HF902", "binary file, not text")


def test_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    data = b"First line.\nThe zone covers 3.89 km\xff and more."
    error = load_error(write(tmp_path / "latin.txt", data))
    offset = data.index(b"\xff")
    assert error.code == "HF902"
    assert error.problem == (
        f"not valid UTF-8 at byte {offset} (0xff, line 2); "
        "use --encoding to read it as another encoding"
    )


def test_other_encoding_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Café covers 3 km².".encode("latin-1"))
    assert load_error(path).code == "HF902"
    assert load_document(path, encoding="latin-1").text == "Café covers 3 km²."


def test_unknown_encoding(tmp_path: Path) -> None:
    error = load_error(write(tmp_path / "a.txt", "Text."), encoding="no-such-codec")
    assert error.code == "HF902"
    assert "unknown encoding 'no-such-codec'" in error.problem


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "wide.txt", "The zone covers 3.89 km².".encode("utf-16"))
    error = load_error(path)
    assert error.code == "HF902"
    assert "utf-16" in error.problem
    assert load_document(path, encoding="utf-16").text == "The zone covers 3.89 km²."


def test_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffShenzhen park: 3.02 km².\n")
    doc = load_document(path)
    assert doc.text == "Shenzhen park: 3.02 km².\n"
    assert doc.text.index("3.02") == 15
    assert doc.line_col(15) == (1, 16)
    assert document_from_text("\ufeffabc").text == "abc"


def test_crlf_newlines_untouched(tmp_path: Path) -> None:
    raw = "Title\r\n\r\nFirst line.\r\nSecond line.\rThird line.\n"
    path = write(tmp_path / "crlf.txt", raw)
    doc = load_document(path)
    with open(path, encoding="utf-8", newline="") as fh:
        assert doc.text == fh.read() == raw
    offset = doc.text.index("Second")
    assert doc.line_col(offset) == (4, 1)
    assert doc.line_col(doc.text.index("Third")) == (5, 1)
    assert [span_text(doc, s) for s in doc.sentences] == [
        "Title",
        "First line.",
        "Second line.",
        "Third line.",
    ]


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 20)
    error = load_error(path, max_bytes=10)
    assert (error.code, error.problem) == ("HF904", "too large: 20 bytes > 10 bytes limit")
    assert load_document(path, max_bytes=20).text == "x" * 20


def test_too_large_default_limit_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: nothing is written or read
        fh.truncate(250 * 1024 * 1024)
    error = load_error(path)
    assert (error.code, error.problem) == ("HF904", "too large: 250 MB > 200 MB limit")


def test_too_large_by_one_byte_shows_bytes(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    with open(path, "wb") as fh:
        fh.truncate(2048 + 1)
    error = load_error(path, max_bytes=2048)
    assert error.problem == "too large: 2,049 bytes > 2,048 bytes limit"


def test_file_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    error = load_error(loop)
    assert (error.code, error.problem) == ("HF901", "symlink loop")


def test_bad_max_bytes(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_document(write(tmp_path / "a.txt", "x"), max_bytes=0)


# ---------------------------------------------------------------------------------------------
# load_document: good input


def test_load_seed_identity_and_format(tmp_path: Path) -> None:
    doc = load_document(SEED_004)
    assert doc.id == SEED_004.as_posix()
    assert doc.path == str(SEED_004)
    assert doc.format == "text"
    assert repr(doc) == f"<Document {doc.id!r} 2,236 chars 2023-09-06>"
    shown = load_document(SEED_004, display_path="seeds/004.txt")
    assert shown.id == "seeds/004.txt"
    md = load_document(write(tmp_path / "notes.md", "# Notes\n\nText."))
    assert md.format == "markdown"
    forced = load_document(write(tmp_path / "notes.txt", "# Notes"), format="markdown")
    assert forced.format == "markdown"


def test_caller_date_wins(tmp_path: Path) -> None:
    day = datetime.date(2024, 1, 2)
    doc = load_document(SEED_000, date=day)
    assert (doc.date, doc.date_source) == (day, "caller")
    assert document_from_text("September 21, 2023", date=day).date_source == "caller"


def test_json_round_trip_and_equality() -> None:
    doc = load_document(SEED_003)
    fresh = Document.model_validate_json(doc.model_dump_json())
    _ = doc.sentences, doc.ignored, doc.speaker_at(0)  # fill doc's caches only
    assert fresh == doc
    assert hash(fresh) == hash(doc)
    data = json.loads(doc.model_dump_json())
    assert set(data) == {"id", "path", "text", "date", "date_source", "format"}
    assert data["date"] == "2023-09-21"


def test_model_copy_with_new_text_rebuilds_indexes() -> None:
    doc = document_from_text("One. Two.")
    assert len(doc.sentences) == 2
    copy = doc.model_copy(update={"text": "Only one"})
    assert [span_text(copy, s) for s in copy.sentences] == ["Only one"]
    assert len(doc.sentences) == 2


def test_document_is_frozen() -> None:
    doc = document_from_text("Text.")
    with pytest.raises(ValueError):
        doc.text = "other"  # type: ignore[misc]


def test_document_validation() -> None:
    doc = Document(id="x", text="t", date=datetime.date(2023, 1, 1))
    assert doc.date_source == "caller"
    with pytest.raises(ValueError):
        Document(id="x", text="t", date_source="dateline")
    with pytest.raises(UsageError, match="unknown document format 'html'"):
        document_from_text("t", format="html")


# ---------------------------------------------------------------------------------------------
# Line index


def test_line_col_basics() -> None:
    doc = document_from_text("ab\ncd\r\nef\rg")
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(2) == (1, 3)  # the "\n"
    assert doc.line_col(3) == (2, 1)
    assert doc.line_col(6) == (2, 4)  # the "\n" of "\r\n"
    assert doc.line_col(7) == (3, 1)
    assert doc.line_col(10) == (4, 1)
    assert doc.line_col(11) == (4, 2)  # end of text
    with pytest.raises(IndexError):
        doc.line_col(12)
    with pytest.raises(IndexError):
        doc.line_col(-1)


def naive_line_col(text: str, offset: int) -> tuple[int, int]:
    line, col, i = 1, 1, 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            if i + 1 == offset:  # offset is the "\n" of a "\r\n": still on this line
                return line, col + 1
            line, col, i = line + 1, 1, i + 2
            continue
        if ch in "\r\n":
            line, col = line + 1, 1
        else:
            col += 1
        i += 1
    return line, col


@given(st.text(alphabet=st.sampled_from("ab \r\n\t\u2028é"), max_size=60) | st.text(), st.data())
def test_line_col_matches_naive(text: str, data: st.DataObject) -> None:
    doc = document_from_text(text)
    offset = data.draw(st.integers(0, len(doc.text)))
    assert doc.line_col(offset) == naive_line_col(doc.text, offset)


# ---------------------------------------------------------------------------------------------
# Sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Sept. 5, 2023, the office met. It was sunny.",
            ["On Sept. 5, 2023, the office met.", "It was sunny."],
        ),
        ("He was born Oct. 14, 2020 in Beijing.", ["He was born Oct. 14, 2020 in Beijing."]),
        (
            "Mr. Guo and Ms. Lin met Dr. Sun. Then they left.",
            ["Mr. Guo and Ms. Lin met Dr. Sun.", "Then they left."],
        ),
        (
            "The U.S. and U.K. agreed. The zone grew.",
            ["The U.S. and U.K. agreed.", "The zone grew."],
        ),
        ("Made in the U.S. The end.", ["Made in the U.S.", "The end."]),
        ("It is No. 5 on the list. Next.", ["It is No. 5 on the list.", "Next."]),
        (
            "Ports, e.g. Shenzhen, grew. Cities, i.e. hubs, too.",
            ["Ports, e.g. Shenzhen, grew.", "Cities, i.e. hubs, too."],
        ),
        (
            "Hengqin, Qianhai, etc. are platforms. Fine.",
            ["Hengqin, Qianhai, etc. are platforms.", "Fine."],
        ),
        (
            "Tencent Inc. and Huawei Co. Ltd. are firms on Main St. in Shenzhen.",
            ["Tencent Inc. and Huawei Co. Ltd. are firms on Main St. in Shenzhen."],
        ),
        ("Tencent Inc. The company grew.", ["Tencent Inc.", "The company grew."]),
        ("Jan. 5 was cold. Dec. 6 too.", ["Jan. 5 was cold.", "Dec. 6 too."]),
        (
            "The area is 3.02 square kilometers. The park is 0.87.",
            ["The area is 3.02 square kilometers.", "The park is 0.87."],
        ),
        ("J. Smith said so. OK.", ["J. Smith said so.", "OK."]),
        (
            "It set up a dual-currency Fund of Funds(FoF) and a series of sub-funds. Next.",
            ["It set up a dual-currency Fund of Funds(FoF) and a series of sub-funds.", "Next."],
        ),
        ("Guo Lanfeng:\nThank you.", ["Guo Lanfeng:", "Thank you."]),
        (
            "China SCIO | September 6, 2023\nChina's State Council released a plan.",
            ["China SCIO | September 6, 2023", "China's State Council released a plan."],
        ),
        ("Background\nThe zone grew.", ["Background", "The zone grew."]),
        (
            'Is it? Yes! "Right." (Indeed.) Done.',
            ["Is it?", "Yes!", '"Right."', "(Indeed.)", "Done."],
        ),
        ('He asked "why?" and left.', ['He asked "why?" and left.']),
        ("Wait... The end.", ["Wait...", "The end."]),
        (
            "The zone covers an area of\n3.89 square kilometres and is\nlarge.",
            ["The zone covers an area of\n3.89 square kilometres and is\nlarge."],
        ),
        ("这是第一句。这是第二句。", ["这是第一句。", "这是第二句。"]),
        ("  \n\n  Padded.  \n\n", ["Padded."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_split_sentences_markdown() -> None:
    text = "# Title\nSome text\nWrapped here.\n- item one\n- item two\n\n| a | 5 |\n| b | 6 |"
    assert sentences(text, "markdown") == [
        "# Title",
        "Some text\nWrapped here.",
        "- item one",
        "- item two",
        "| a | 5 |",
        "| b | 6 |",
    ]


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        chunk = text[start:end]
        assert chunk == chunk.strip()
        previous_end = end


@given(st.text(), st.sampled_from(["text", "markdown"]))
def test_split_sentences_any_text(text: str, format: str) -> None:
    check_spans(text, split_sentences(text, format=format))


@given(st.text(), st.sampled_from(["text", "markdown"]))
def test_every_visible_character_is_in_one_sentence(text: str, format: str) -> None:
    doc = document_from_text(text, format=format)
    covered = [False] * len(doc.text)
    for span in doc.sentences:
        for i in range(span.start, span.end):
            covered[i] = True
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            assert covered[i]
            assert doc.sentence_at(i).start <= i < doc.sentence_at(i).end


@given(st.text(alphabet=st.sampled_from(list("aA. \n?!\"')(:-,Mr1…\r")), max_size=200))
def test_split_sentences_punctuation_soup(text: str) -> None:
    check_spans(text, split_sentences(text))


def test_seed_sentences() -> None:
    doc = load_document(SEED_004)
    texts = [span_text(doc, s) for s in doc.sentences]
    assert texts[0] == "China SCIO | September 6, 2023"
    assert any(
        t.startswith("On Sept. 5, 2023, the State Council Information Office") for t in texts
    )
    assert (
        "Sitting on the border between Shenzhen and Hong Kong, the zone comprises a 3.02 "
        "square- kilometer park in Shenzhen, and a 0.87-square-kilometer park in Hong Kong."
    ) in texts
    seed = load_document(SEED_001)
    offset = seed.text.index("Fund of Funds(FoF)")
    sentence = span_text(seed, seed.sentence_at(offset))
    assert "Fund of Funds(FoF) and a series of sub-funds in the HTCZ" in sentence
    assert sentence.endswith(".")


def test_sentence_at_and_paragraph_at() -> None:
    text = "First one. Second one.\n\nNew paragraph here."
    doc = document_from_text(text)
    assert doc.sentence_at(text.index("Second")) == Span(start=11, end=22)
    assert doc.sentence_at(text.index("one.")) == Span(start=0, end=10)
    assert doc.sentence_at(10) == Span(start=10, end=10)  # the space between sentences
    assert doc.paragraph_at(text.index("Second")) == Span(start=0, end=22)
    assert span_text(doc, doc.paragraph_at(text.index("here"))) == "New paragraph here."
    assert doc.paragraph_at(23) == Span(start=23, end=23)
    assert [span_text(doc, p) for p in doc.paragraphs] == [
        "First one. Second one.",
        "New paragraph here.",
    ]


def test_seed_paragraphs_separated_by_single_newlines() -> None:
    doc = load_document(SEED_004)
    paragraphs = [span_text(doc, p) for p in doc.paragraphs]
    assert paragraphs[0] == "China SCIO | September 6, 2023"
    assert paragraphs[1].startswith("China's State Council recently released a plan")
    assert len(paragraphs) == 9


# ---------------------------------------------------------------------------------------------
# Speakers


def test_seed_speakers() -> None:
    doc = load_document(SEED_001)
    text = doc.text
    assert doc.speaker_at(text.index("The three key positionings are")) == "Guo Lanfeng"
    assert doc.speaker_at(0) == "Shou Xiaoli"
    assert doc.speaker_at(text.index("Ladies and gentlemen")) == "Shou Xiaoli"
    assert doc.speaker_at(text.index("Chan Kwok-ki:") + 3) == "Chan Kwok-ki"
    nanfang = text.index("Nanfang Daily:")
    assert doc.speaker_at(nanfang + 20) == "Nanfang Daily"
    aspects = text.index("will continue to focus on work in three aspects:")
    assert doc.speaker_at(aspects) == "Sun Zhiyang"
    assert doc.speaker_at(aspects + 60) == "Sun Zhiyang"  # not a turn of its own


def test_speakers_before_first_turn_and_labels() -> None:
    doc = load_document(SEED_003)
    assert doc.speaker_at(0) is None  # the title and dateline come before any turn
    assert doc.speaker_at(doc.text.index("Share:")) is None  # a page label, not a speaker
    assert doc.speaker_at(doc.text.index("Your question involves")) == "Sun Zhiyang"
    assert load_document(SEED_004).speaker_at(500) is None  # not a transcript


def test_speaker_heuristics() -> None:
    text = (
        "Intro.\n"
        "Guo Lanfeng:\n"
        "Hello.\n"
        "Thank you:\n"
        "Still Guo.\n"
        "We will continue to focus on work in three aspects:\n"
        "First:\n"
        "Still Guo again.\n"
        "Bank of China:\n"
        "A question.\n"
        "Zone 5:\n"
        "Not a speaker.\n"
    )
    doc = document_from_text(text)
    assert doc.speaker_at(text.index("Intro")) is None
    assert doc.speaker_at(text.index("Hello")) == "Guo Lanfeng"
    assert doc.speaker_at(text.index("Still Guo.")) == "Guo Lanfeng"
    assert doc.speaker_at(text.index("Still Guo again")) == "Guo Lanfeng"
    assert doc.speaker_at(text.index("A question")) == "Bank of China"
    assert doc.speaker_at(text.index("Not a speaker")) == "Bank of China"


def test_markdown_bold_speaker_and_code() -> None:
    text = "**Guo Lanfeng:**\nHello.\n\n```\nFake Speaker:\n```\nMore.\n"
    doc = document_from_text(text, format="markdown")
    assert doc.speaker_at(text.index("More")) == "Guo Lanfeng"


def test_speaker_crlf() -> None:
    text = "Shou Xiaoli:\r\n\r\nWelcome.\r\nGuo Lanfeng:\r\nThanks."
    doc = document_from_text(text)
    assert doc.speaker_at(text.index("Welcome")) == "Shou Xiaoli"
    assert doc.speaker_at(text.index("Thanks")) == "Guo Lanfeng"


# ---------------------------------------------------------------------------------------------
# Ignored spans


def ignored_texts(doc: Document) -> list[str]:
    return [span_text(doc, s) for s in doc.ignored]


def test_ignored_in_plain_text() -> None:
    text = (
        "See http://example.com/2023/5km. Or www.hetao.gov.cn/a?b=1, or mail a.b@example.org.\n"
        '<!-- 5 km hidden -->The <span class="x">5 km</span> zone. ```not code 7```\n'
        "<  1  2  3  >\n"
        "a < b and c > d\n"
    )
    doc = document_from_text(text)
    assert ignored_texts(doc) == [
        "http://example.com/2023/5km",
        "www.hetao.gov.cn/a?b=1",
        "a.b@example.org",
        "<!-- 5 km hidden -->",
        '<span class="x">',
        "</span>",
        "<  1  2  3  >",
    ]
    assert doc.is_ignored(text.index("2023"))
    assert not doc.is_ignored(text.index("5 km</span>"))
    assert not doc.is_ignored(text.index("7```"))  # code only counts in Markdown
    assert document_from_text("http://a.cn/5 is first").ignored == [Span(start=0, end=13)]
    assert document_from_text("xhttp://a.cn/5 and a@b").ignored == []


def test_seed_page_navigation_ignored() -> None:
    doc = load_document(SEED_000)
    nav = doc.text.rindex("<")
    assert doc.is_ignored(nav + 3)
    assert not doc.is_ignored(doc.text.index("106"))


def test_ignored_in_markdown() -> None:
    text = (
        "---\ntitle: Plan 2023\ndate: 2023-09-05\n---\n"
        "# Area\n\n"
        'The zone is `3.89 km²` wide, see [the plan 3](https://x.cn/plan/3 "Plan 3").\n'
        "![map 5](img/map5.png)\n\n"
        "```python\narea = 3.89\n```\n\n"
        "    indented 4 km\n    code 5\n\n"
        "- item 1\n\n    continued item with 6 km\n\n"
        "Paragraph\n    lazy 7 km continuation\n"
        "~~~\nunclosed 8 km"
    )
    doc = document_from_text(text, format="markdown")
    ignored = ignored_texts(doc)
    assert ignored[0] == "---\ntitle: Plan 2023\ndate: 2023-09-05\n---"
    assert "`3.89 km²`" in ignored
    assert '(https://x.cn/plan/3 "Plan 3")' in ignored
    assert "![map 5](img/map5.png)" in ignored
    assert "```python\narea = 3.89\n```" in ignored
    assert "    indented 4 km\n    code 5" in ignored
    assert doc.is_ignored(text.index("8 km"))
    assert not doc.is_ignored(text.index("the plan 3"))
    assert not doc.is_ignored(text.index("6 km"))
    assert not doc.is_ignored(text.index("7 km"))
    assert not doc.is_ignored(text.index("# Area"))
    assert doc.date == datetime.date(2023, 9, 5)
    assert doc.date_source == "front_matter"


def test_ignored_spans_sorted_and_merged() -> None:
    text = "<!-- http://a.com --> and http://b.com <b>x</b>"
    doc = document_from_text(text)
    spans = doc.ignored
    assert spans == sorted(spans, key=lambda s: s.start)
    assert spans[0] == Span(start=0, end=text.index(" and"))
    for a, b in itertools.pairwise(spans):
        assert a.end < b.start


# ---------------------------------------------------------------------------------------------
# Dates


def test_seed_dates() -> None:
    assert find_document_date(SEED_000.read_text("utf-8")) == (
        datetime.date(2023, 9, 21),
        "dateline",
    )
    doc = load_document(SEED_004)
    assert (doc.date, doc.date_source) == (datetime.date(2023, 9, 6), "dateline")
    assert load_document(SEED_001).date is None  # a bare transcript has no date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: X\ndate: 2023-09-05\n---\nBody.", ("2023-09-05", "front_matter")),
        ("---\ndate: September 5, 2023\n---\n", ("2023-09-05", "front_matter")),
        ("---\r\ndate: '2023-09-05'\r\n---\r\nBody.", ("2023-09-05", "front_matter")),
        ("---\npublished: 2023-09-05T10:00:00Z\n---\n", ("2023-09-05", "front_matter")),
        ("---\ntitle: no date\n---\nUpdated 2023-09-04\n", ("2023-09-04", "dateline")),
        ("China.org.cn | September 21, 2023\nText.", ("2023-09-21", "dateline")),
        ("China SCIO | September 6, 2023\nText.", ("2023-09-06", "dateline")),
        ("Published: 5 September 2023\n\nText.", ("2023-09-05", "dateline")),
        ("Updated 2023-09-05\nText.", ("2023-09-05", "dateline")),
        ("Title\n\nSeptember 21, 2023\n\nText.", ("2023-09-21", "dateline")),
        ("BEIJING, Sept. 5, 2023 (Xinhua) -- The State Council", ("2023-09-05", "dateline")),
        ("By Zhang Yi | chinadaily.com.cn | Updated: 2023-09-05 10:25", ("2023-09-05", "dateline")),
        ("Tuesday, September 5, 2023 10:00 (Beijing Time)\n", ("2023-09-05", "dateline")),
        ("September 1, 2023\nSeptember 2, 2023\n", ("2023-09-01", "dateline")),
        ("On Sept. 5, 2023, the office met.", None),
        ("February 30, 2023\n", None),
        ("September 2023\n", None),
        ("x" * 1600 + "\nSeptember 21, 2023\n", None),
        ("---\ndate: [unclosed\n---\nText.", None),
    ],
)
def test_find_document_date(text: str, expected: tuple[str, str] | None) -> None:
    found = find_document_date(text)
    if expected is None:
        assert found is None
    else:
        assert found == (datetime.date.fromisoformat(expected[0]), expected[1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BEIJING, Sept. 5 (Xinhua) -- The State Council met.", "2026-09-05"),
        ("Updated: Sept 14\n\nThe harbour reopened.", "2025-09-14"),
        ("Harbour Weekly | 14 September\n\nText.", "2025-09-14"),
        ("Published: March 3\n\nText.", "2026-03-03"),
        ("Posted Feb. 29\n\nText.", "2024-02-29"),  # no February 29 since: a leap year
    ],
)
def test_a_dateline_without_a_year_gives_the_latest_such_day(
    text: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Sept 14" at the top dates what was just written: the latest September 14 that is
    not after today (here 2026-09-10), and the source says the year was inferred."""
    monkeypatch.setattr(documents, "_today", lambda: datetime.date(2026, 9, 10))
    assert find_document_date(text) == (datetime.date.fromisoformat(expected), "dateline_no_year")


@pytest.mark.parametrize(
    "text",
    [
        "The harbour reopened on Sept. 14 after repairs.\n",  # running prose
        "Agenda\n\nMay 4: opening\n",  # not a date alone on its line
        "Phase 2\nMay 2024\n",  # no day
    ],
)
def test_day_and_month_in_prose_are_no_dateline(text: str) -> None:
    assert find_document_date(text) is None


def test_checks_on_an_inferred_year_never_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A target year checked against a dateline without a year warns: the year is a guess."""
    from hetao_facts import check_text

    monkeypatch.setattr(documents, "_today", lambda: datetime.date(2026, 9, 10))
    text = "BEIJING, Sept. 5 (Xinhua) -- The port will be finished by 2024, officials said.\n"
    report = check_text(text, select=["HF603"])
    assert [c.status.value for c in report.checks] == ["warn"], report.checks
    assert "year inferred" in report.checks[0].message
    dated = [d for d in report.documents]
    assert dated[0].date_source == "dateline_no_year"


@given(st.text())
def test_any_front_matter_never_raises(body: str) -> None:
    text = f"---\n{body}\n---\nText."
    find_document_date(text)
    doc = document_from_text(text, format="markdown")
    assert all(s.end <= len(text) for s in doc.ignored)


def test_markdown_dateline() -> None:
    text = "# News\n\n*Published: 5 September 2023*\n\nText."
    assert find_document_date(text, format="markdown") == (datetime.date(2023, 9, 5), "dateline")


# ---------------------------------------------------------------------------------------------
# snippet


def test_snippet() -> None:
    doc = load_document(SEED_001)
    start = doc.text.index("The three key positionings are")
    snippet = doc.snippet(start, start + 30, width=40)
    assert "\n" not in snippet
    assert "The three key positionings are" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 30 + 2 * 40 + 4
    short = document_from_text("Area:\n 3.89 km².")
    assert short.snippet(7, 11) == "Area: 3.89 km²."
    assert short.snippet(-5, 99) == "Area: 3.89 km²."


# ---------------------------------------------------------------------------------------------
# discover


def posix(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_discover_folders(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.markdown",
        "sub/deeper/d.TXT",
        "sub/image.png",
        ".git/x.txt",
        ".venv/y.md",
        "node_modules/z.md",
        ".hidden.txt",
        "drafts/e.txt",
    ]:
        write(tmp_path / "docs" / name, "Text.")
    explicit = write(tmp_path / "notes.data", "Text.")
    files, problems = discover([tmp_path / "docs", explicit], exclude=["drafts"])
    assert problems == []
    assert posix(files, tmp_path) == [
        "docs/a.md",
        "docs/b.txt",
        "docs/sub/c.markdown",
        "docs/sub/deeper/d.TXT",
        "notes.data",
    ]
    only_md, _ = discover([tmp_path / "docs"], include=["*.md"], exclude=["sub/*"])
    assert posix(only_md, tmp_path) == ["docs/a.md"]


def test_discover_problems_do_not_stop(tmp_path: Path) -> None:
    write(tmp_path / "good/a.txt", "Text.")
    (tmp_path / "pictures").mkdir()
    write(tmp_path / "pictures/p.png", b"\x89PNG")
    files, problems = discover([tmp_path / "missing", tmp_path / "pictures", tmp_path / "good"])
    assert posix(files, tmp_path) == ["good/a.txt"]
    assert [(e.path, e.code, e.problem) for e in problems] == [
        ((tmp_path / "missing").as_posix(), "HF901", "no such file or folder"),
        (
            (tmp_path / "pictures").as_posix(),
            "HF901",
            "no documents (.txt, .md, .markdown) in this folder",
        ),
    ]


def test_discover_symlink_loop_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "a.txt", "Text.")
    write(root / "inner/b.md", "Text.")
    (root / "inner/back").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    files, problems = discover([root, root / "inner"])
    assert posix(files, tmp_path) == ["root/a.txt", "root/inner/b.md"]
    loops = [e for e in problems if e.problem.startswith("symlink loop")]
    assert len(loops) == 2  # the folder loop and the self-link, each once
    assert all(e.code == "HF901" for e in loops)
    assert {Path(e.path).name for e in loops} == {"back", "self.txt"}


def test_discover_follows_symlinks_and_dedupes(tmp_path: Path) -> None:
    write(tmp_path / "real/a.txt", "Text.")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/link").symlink_to(tmp_path / "real", target_is_directory=True)
    files, problems = discover([tmp_path / "docs", tmp_path / "real", tmp_path / "real/a.txt"])
    assert problems == []
    assert posix(files, tmp_path) == ["docs/link/a.txt"]


def test_discover_then_load_every_seed() -> None:
    files, problems = discover([SEEDS])
    assert problems == []
    assert [p.name for p in files] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for path in files:
        doc = load_document(path)
        assert doc.sentences
        for span in doc.sentences:
            assert doc.sentence_at(span.start) == span
            assert doc.paragraph_at(span.start).start <= span.start


# ---------------------------------------------------------------------------------------------
# Properties and performance


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.text(), st.sampled_from(["text", "markdown"]), st.data())
def test_any_text_builds_every_index(text: str, format: str, data: st.DataObject) -> None:
    doc = document_from_text(text, format=format)
    offset = data.draw(st.integers(0, len(doc.text)))
    doc.line_col(offset)
    doc.sentence_at(offset)
    doc.paragraph_at(offset)
    doc.speaker_at(offset)
    doc.is_ignored(offset)
    doc.snippet(offset, offset + 3)
    check_spans(doc.text, [(p.start, p.end) for p in doc.paragraphs])
    spans = doc.ignored
    assert all(0 <= s.start < s.end <= len(doc.text) for s in spans)


PATHOLOGICAL = {
    "dots": "." * 100_000,
    "titles": "Mr. " * 25_000,
    "spaces": " " * 100_000,
    "newlines": "\n" * 100_000,
    "crlf blank lines": "\r\n \r\n" * 25_000,
    "one long word": "a" * 100_000,
    "initials": "A. " * 33_000,
    "backticks": "`" * 100_000,
    "backtick pairs": "`a" * 50_000,
    "html starts": "<a b " * 20_000,
    "comment starts": "<!--" * 25_000,
    "emails": "a@b" * 33_000,
    "urls": "http://" * 14_000,
    "brackets": "](" * 50_000,
    "speaker-like lines": "Guo Lanfeng:\n" * 8_000,
    "colons": "A B C D E F:" * 8_000,
    "indented": "\n\n    x" * 20_000,
    "fences": "```\n" * 25_000,
    "digits and dots": "1." * 50_000,
    "dashes": "- " * 50_000,
}


def build_everything(text: str) -> float:
    """Seconds to build every index of ``text`` as plain text and as Markdown."""
    began = time.perf_counter()
    for format in ("text", "markdown"):
        doc = document_from_text(text, format=format)
        assert isinstance(doc.sentences, list)
        assert isinstance(doc.paragraphs, list)
        assert isinstance(doc.ignored, list)
        doc.speaker_at(len(text))
        doc.line_col(len(text))
        find_document_date(text, format=format)
    return time.perf_counter() - began


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_linear_time_on_pathological_input(name: str) -> None:
    text = PATHOLOGICAL[name]
    elapsed = build_everything(text)
    # Usually well under a second. On a loaded machine, compare with prose of the same size
    # measured now: a quadratic blow-up on 100 KB would be hundreds of times slower.
    if elapsed >= 2.0:
        prose = (SEED_001.read_text("utf-8") * 2)[: len(text)]
        assert elapsed < 10 * build_everything(prose)


def test_split_sentences_scales_linearly() -> None:
    unit = load_document(SEED_001).text
    small, big = unit * 2, unit * 16

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            split_sentences(text)
            best = min(best, time.perf_counter() - began)
        return best

    # 8 times the text must take about 8 times as long (slack for timer noise and load).
    assert seconds(big) < 8 * 4 * max(seconds(small), 0.002)


def test_module_exports() -> None:
    assert set(documents.__all__) >= {
        "Document",
        "discover",
        "document_from_text",
        "find_document_date",
        "load_document",
        "split_sentences",
    }
    assert re.search(r"HF901.*HF902.*HF903.*HF904", documents.__doc__ or "", re.S)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("---\ntitle: X\ndate: 2023-09-05\n---\nBody.", "2023-09-05"),
        ("---\r\ndate: '2023-09-05'\r\n---\r\nBody.", "2023-09-05"),
        ("---\nPublished: September 5, 2023  # first print\n---\n", "September 5, 2023"),
        ("---\ntitle: X\n---\nBody.", None),
        ("No front matter. date: 2023-09-05", None),
    ],
)
def test_front_matter_date_span_is_where_the_date_is_written(text: str, value: str | None) -> None:
    from hetao_facts.documents import front_matter_date_span

    span = front_matter_date_span(text)
    assert (text[span.start : span.end] if span else None) == value


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("The zone covers\n3.98 km² of land.", 1),  # a hard wrap before a figure
        ("The port handled about\n2.75 million tonnes last year.", 1),
        ("Results\n3 Parks were opened.", 2),  # a short title line, then a sentence
        ("Year Area\n2019 1,200\n2020 1,400\n", 3),  # rows of a table stay lines
        ("The plan has three parts\n2.1 Housing\n2.2 Roads\n", 3),  # numbered sections
    ],
)
def test_a_wrapped_line_opening_with_a_figure_goes_on_with_the_sentence(
    text: str, sentences: int
) -> None:
    assert len(document_from_text(text, id="x.txt").sentences) == sentences
