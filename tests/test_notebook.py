"""Notebook displays, data frames, filters, plots and the HTML report (without a browser)."""

from __future__ import annotations

import base64
import hashlib
import html
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import hetao_facts
from hetao_facts import notebook
from hetao_facts.claims import ClaimBase
from hetao_facts.documents import document_from_text
from hetao_facts.model import Report
from hetao_facts.report.html import escape, escape_name, render_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

HOSTILE_ID = "evil \"quoted\" 'single' <script>alert(1)</script>\n\x1b[31m\u202e.txt"
HOSTILE_TEXT = (
    "The zone comprises a 3.02 square-kilometer park in Shenzhen and a 0.87 square-kilometer "
    'park in Hong Kong <script>alert("x")</script>.\n'
    "The zone covers 3.98 square kilometers & more <img src=x onerror=alert(1)>.\x00\n"
)


@pytest.fixture(scope="module")
def seeds() -> Report:
    return hetao_facts.check([SEEDS])


@pytest.fixture(scope="module")
def hostile() -> Report:
    return hetao_facts.check([document_from_text(HOSTILE_TEXT, id=HOSTILE_ID)])


def _no_raw_markup(html_text: str) -> None:
    """No tag, attribute or control character from the source text got through."""
    assert "<script>alert" not in html_text
    assert "<img" not in html_text
    assert "\x1b" not in html_text and "\x00" not in html_text and "\u202e" not in html_text


# --------------------------------------------------------------------------------------------
# Reprs


def test_html_reprs_of_every_object_escape_source_text(hostile: Report) -> None:
    assert hostile.failing, "the hostile text must produce a failing check"
    doc = document_from_text(HOSTILE_TEXT, id=HOSTILE_ID)
    pieces = [hostile._repr_html_(), doc._repr_html_()]
    pieces += [c._repr_html_() for c in hostile.checks]
    pieces += [c._repr_html_() for c in hostile.claims]
    for piece in pieces:
        _no_raw_markup(piece)
    # The script is shown as text, in the document and in the failing check's sentence.
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in doc._repr_html_()
    failing = hostile.failing[0]._repr_html_()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in failing
    assert "&lt;img src=x onerror=alert(1)&gt;" in failing
    assert "\\x1b[31m\\u202e.txt" in doc._repr_html_()  # control characters in the name


def test_check_display_highlights_the_figure_and_shows_the_arithmetic(seeds: Report) -> None:
    check = seeds.filter(rule="HF102", status="fail").checks[0]
    out = check._repr_html_()
    assert re.search(r"<mark[^>]*>10 million square feet</mark>", out)
    assert re.search(r"<mark[^>]*>87 hectares</mark>", out)
    assert "exceeds the whole" in out  # the message
    assert "[86.5, 87.5]" in out  # an operand's interval
    assert "fail" in out and "HF102" in out


def test_report_display_counts_by_rule_and_lists_failing_first(seeds: Report) -> None:
    out = seeds._repr_html_()
    assert "HF102" in out and "part-exceeds-whole" in out
    first_fail = out.index("10 million square feet")
    first_pass_row = out.index("more checks")
    assert first_fail < first_pass_row


def test_claim_display_for_every_kind(seeds: Report) -> None:
    kinds: dict[str, ClaimBase] = {}
    for c in seeds.claims:
        kinds.setdefault(c.kind, c)
    assert len(kinds) >= 5
    for claim in kinds.values():
        out = claim._repr_html_()
        assert type(claim).__name__ in out
        assert escape(claim.text) in out


def test_plain_reprs_stay_short(seeds: Report) -> None:
    doc = hetao_facts.load_documents([SEEDS])[0]
    objects: list[object] = [seeds, doc, *seeds.checks[:5], *seeds.claims[:5]]
    for obj in objects:
        r = repr(obj)
        assert r.startswith("<") and r.endswith(">")
        assert " at 0x" not in r
        assert len(r) < 160, r
    assert repr(doc).startswith("<Document ")


def test_to_html_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="no HTML display for int"):
        notebook.to_html(3)


# --------------------------------------------------------------------------------------------
# Data frames


def test_to_pandas_one_row_per_check(seeds: Report) -> None:
    df = seeds.to_pandas()
    assert list(df.columns) == list(notebook.CHECK_COLUMNS)
    assert len(df) == len(seeds.checks)
    assert set(df.status) <= {"pass", "warn", "fail"}
    fail = df[df.status == "fail"]
    assert len(fail) == len(seeds.failing)
    row = fail.iloc[0]
    assert row.rule == "HF102"
    assert "10 million square feet" in row.texts
    assert len(row.lines) == len(row.claims)
    assert set(df.basis.dropna()) <= {"exact", "rounding", "hedge"}


def test_claims_frame_one_row_per_claim(seeds: Report) -> None:
    df = seeds.claims_frame()
    assert list(df.columns) == list(notebook.CLAIM_COLUMNS)
    assert len(df) == len(seeds.claims)
    row = df[df.text == "10 million square feet"].iloc[0]
    assert row.kind == "area" and row.status == "fail" and row.value_unit == "m²"
    assert row.low < row.value < row.high
    more = df[df.qualifier == "more_than"]
    assert not more.empty and all(math.isinf(h) for h in more.high)
    assert set(df.status) <= {"pass", "warn", "fail", "unchecked"}


def test_frames_of_an_empty_report_keep_their_columns() -> None:
    empty = Report()
    assert list(empty.to_pandas().columns) == list(notebook.CHECK_COLUMNS)
    assert list(empty.claims_frame().columns) == list(notebook.CLAIM_COLUMNS)
    assert empty.to_pandas().empty


def test_missing_pandas_gives_an_install_hint(
    seeds: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    hint = re.escape("pip install 'hetao_facts[notebook]'")
    with pytest.raises(ImportError, match=hint):
        seeds.to_pandas()
    with pytest.raises(ImportError, match=hint):
        seeds.claims_frame()


def test_missing_matplotlib_gives_an_install_hint(
    seeds: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=re.escape("pip install 'hetao_facts[notebook]'")):
        notebook.plot_subject(seeds, "Hong Kong park")


def test_importing_the_library_does_not_import_pandas_or_matplotlib() -> None:
    import subprocess

    code = (
        "import sys, hetao_facts, hetao_facts.notebook;"
        "r = hetao_facts.check_text('The park covers 87 hectares.');"
        "r._repr_html_();"
        "print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------------------------
# Filters


def test_filter_by_status_keeps_checks_and_all_their_claims(seeds: Report) -> None:
    failing = seeds.filter(status="fail")
    assert failing.checks == seeds.failing
    ids = {cid for ch in failing.checks for cid in ch.claims}
    assert {c.id for c in failing.claims} == ids
    assert {d.id for d in failing.documents} == {c.document for c in failing.claims}
    doc = failing.checks[0].documents[0]
    assert failing.text_of(doc) == seeds.text_of(doc)


def test_filter_by_rule_and_several_values(seeds: Report) -> None:
    sums = seeds.filter(rule=["hf101", "HF102"])
    assert sums.checks and {c.rule for c in sums.checks} == {"HF101", "HF102"}
    assert seeds.filter(rule="part-exceeds-whole").checks == seeds.filter(rule="HF102").checks
    assert seeds.filter(rule="HF102", status=["warn"]).checks == ()


def test_filter_by_subject_kind_and_document(seeds: Report) -> None:
    park = seeds.filter(subject="Hong Kong park", kind="area")
    texts = {c.text for c in park.claims}
    assert {"87 hectares", "0.87-square-kilometer"} <= texts
    assert all(
        any(c.subject == "hong kong park" for c in park.claims if c.id in ch.claims)
        for ch in park.checks
    )
    # every check's evidence stays in the report
    ids = {c.id for c in park.claims}
    assert all(set(ch.claims) <= ids for ch in park.checks)

    htcz = seeds.filter(subject="HTCZ", kind="area")
    assert htcz.claims and all(c.kind == "area" for c in htcz.claims)

    one = seeds.filter(document="004_a706da511b167a58.txt")
    assert any(d.id.endswith("seeds/004_a706da511b167a58.txt") for d in one.documents)
    assert all(
        any(
            c.document.endswith("004_a706da511b167a58.txt") for c in one.claims if c.id in ch.claims
        )
        for ch in one.checks
    )


def test_filter_without_criteria_or_without_matches(seeds: Report) -> None:
    assert seeds.filter() is seeds
    none = seeds.filter(subject="no such thing")
    assert none.checks == () and none.claims == () and none.documents == ()
    assert "0 checks" in repr(none)


# --------------------------------------------------------------------------------------------
# Plots


@pytest.fixture
def agg() -> Iterator[None]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def test_plot_subject_draws_every_figure_as_an_interval(seeds: Report, agg: None) -> None:
    ax = notebook.plot_subject(seeds, "Shenzhen park")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any("approximately 300 hectares" in label for label in labels)
    assert any("3.02" in label for label in labels)
    assert ax.get_xlabel() in {"km²", "ha"}
    assert "all agree" in ax.get_title(loc="left")


def test_plot_subject_units_kinds_and_unknown_subjects(seeds: Report, agg: None) -> None:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    out = notebook.plot_subject(seeds, "Hong Kong park", ax=ax, unit="ha")
    assert out is ax and ax.get_xlabel() == "ha"
    lo, hi = ax.get_xlim()
    assert lo < 86.5 and hi > 87.5
    with pytest.raises(ValueError, match="several kinds"):
        notebook.plot_subject(seeds, "HTCZ")
    notebook.plot_subject(seeds, "HTCZ", kind="area")
    with pytest.raises(ValueError, match="no figures about 'Atlantis'"):
        notebook.plot_subject(seeds, "Atlantis")
    # open and infinite ends ("more than 3,000 research professionals")
    notebook.plot_subject(seeds, "research professionals")


def test_plot_parts_for_sum_checks(seeds: Report, agg: None) -> None:
    failing = seeds.filter(rule="HF102", status="fail").checks[0]
    ax = notebook.plot_parts(seeds, failing)
    assert "fail" in ax.get_title(loc="left")
    assert ax.get_xlabel() == "ha"
    hf101 = seeds.filter(rule="HF101").checks[0]
    ax = notebook.plot_parts(seeds, hf101.id)
    assert "HF101" in ax.get_title(loc="left")
    no_parts = next(c for c in seeds.checks if not c.operands)
    with pytest.raises(ValueError, match="HF101 or HF102"):
        notebook.plot_parts(seeds, no_parts)
    with pytest.raises(KeyError):
        notebook.plot_parts(seeds, "no-such-check")


# --------------------------------------------------------------------------------------------
# HTML report


def test_escape_helpers() -> None:
    assert escape('<a href="x">\'') == "&lt;a href=&quot;x&quot;&gt;&#x27;"
    assert escape("a\nb\tc") == "a\nb\tc"
    assert escape("\x00\x1b\x7f\x85") == "\\x00\\x1b\\x7f\\x85"
    assert escape("\ud800") == "\\ud800"
    assert escape_name("a\nb\rc\td\u2028") == "a\\nb\\rc\\td\\u2028"
    assert escape_name("x\u202ey") == "x\\u202ey"


def test_html_report_escapes_documents_and_names(hostile: Report) -> None:
    page = render_html(hostile)
    _no_raw_markup(page)
    assert page.count("<script") == 1  # the page's own script
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;\\n\\x1b[31m" in page  # the document's name
    assert "&amp; more" in page
    page.encode("utf-8")  # nothing unencodable


def test_html_report_is_deterministic(seeds: Report) -> None:
    page = render_html(seeds)
    assert page == render_html(seeds)
    assert page == render_html(hetao_facts.check([SEEDS]))
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", page)  # no timestamps


def test_html_report_links_both_ways_and_colours_figures(seeds: Report) -> None:
    page = render_html(seeds)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    hrefs = set(re.findall(r'href="#([^"]+)"', page))
    assert hrefs <= ids, hrefs - ids
    for claim in seeds.claims:
        assert f"claim-{claim.id}" in ids
    for check in seeds.checks:
        assert f"check-{check.id}" in ids
    failing = seeds.failing[0]
    big = next(c for c in seeds.claims if c.text == "10 million square feet")
    assert big.id in failing.claims
    tag = re.search(rf'<a class="([^"]+)" id="claim-{big.id}" href="#check-([^"]+)"', page)
    assert tag and tag.group(1) == "claim st-fail"
    assert tag.group(2) in {c.id for c in seeds.failing}
    assert f'href="#claim-{big.id}"' in page
    # failing checks first
    first = re.search(r'<article class="check st-(\w+)"', page)
    assert first and first.group(1) == "fail"
    assert "passes only thanks to the hedge" in page
    # unchecked figures are grey
    assert 'class="claim st-unchecked"' in page


def test_html_report_script_matches_its_content_security_policy(seeds: Report) -> None:
    page = render_html(seeds)
    script = re.search(r"<script>(.*)</script>", page, re.S)
    assert script
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html.unescape(page)
    assert "http://" not in page and "https://" not in page  # nothing to fetch


def test_html_report_without_texts_lists_the_figures(seeds: Report, tmp_path: Path) -> None:
    loaded = Report.model_validate_json(seeds.to_json())
    page = render_html(loaded)  # texts are re-read from the documents' paths (cwd-relative)
    assert "<pre" in page or "not available" in page
    gone = Report.model_validate_json(
        seeds.to_json().replace('"path": "', f'"path": "{tmp_path}/missing/')
    )
    page = render_html(gone)
    assert "the text of this document is not available" in page
    for claim in seeds.claims:
        assert f'id="claim-{claim.id}"' in page


def test_filtered_report_keeps_texts_of_documents_without_a_path(hostile: Report) -> None:
    failing = hostile.filter(status="fail")
    assert failing.text_of(HOSTILE_ID) == HOSTILE_TEXT
    page = render_html(failing)
    assert '<pre class="text">' in page
    assert 'class="claim st-fail"' in page


def test_relations_frame_shows_what_a_comparison_is_about() -> None:
    """One row per relation; a comparison between subjects names both, as a reader would
    (a subject known in one place only without its document and offset)."""
    pytest.importorskip("pandas")
    report = hetao_facts.check_text(
        "The forest covers 40 hectares and is larger than the meadow, which covers 90 "
        "hectares. Elm Quay (6 km) is shorter than Oak Quay (9 km)."
    )
    frame = report.relations_frame()
    assert len(frame) == len(report.relations)
    rows = {tuple(sorted(s)): st for s, st in zip(frame["subjects"], frame["status"], strict=True)}
    assert rows[("forest", "meadow")] == "fail"
    assert rows[("elm quay", "oak quay")] == "pass"
    assert all(":" not in s for subjects in frame["subjects"] for s in subjects)
