"""Suppressions: inline comments (next paragraph, whole file) and baselines."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.model import Status
from hetao_facts.suppress import (
    _may_name_us,
    apply_baseline,
    apply_suppressions,
    baseline_from_report,
    find_suppressions,
)
from tests._support import MISMATCH, chdir, cli, write

PARTS = "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong."
WHOLE = "The zone covers 3.98 km²."


def _hf101(report):  # type: ignore[no-untyped-def]
    return next(c for c in report.checks if c.rule == "HF101")


def test_comment_suppresses_the_next_paragraph(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS}\n\n<!-- hetao-facts: ignore HF101 -->\n{WHOLE}\n")
    with chdir(tmp_path):
        res = cli("check", "a.md", "-f", "json")
    assert res.code == 0, res.err
    check = next(c for c in json.loads(res.out)["checks"] if c["rule"] == "HF101")
    assert check["status"] == "fail" and check["suppressed"] is True
    assert res.err == ""  # the comment was used


def test_comment_in_plain_text_with_blank_line(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"{PARTS}\n\n<!-- hetao-facts: ignore HF101, HF2 -->\n\n{WHOLE}\n")
    with chdir(tmp_path):
        assert cli("check", "a.txt").code == 0


def test_comment_without_codes_suppresses_every_rule(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS}\n\n<!-- hetao-facts: ignore -->\n{WHOLE}\n")
    with chdir(tmp_path):
        assert cli("check", "a.md").code == 0


def test_only_the_next_paragraph(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        f"<!-- hetao-facts: ignore HF101 -->\nIntro paragraph.\n\n{PARTS}\n\n{WHOLE}\n",
    )
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 1
    assert "unused suppression comment" in res.err and "[HF920]" in res.err


def test_other_rule_does_not_suppress_and_is_reported_unused(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS}\n\n<!-- hetao-facts: ignore HF201 -->\n{WHOLE}\n")
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 1  # HF920 does not change the exit code
    assert res.err == (
        "warning: a.md:3: unused suppression comment: no failing or warning HF201 check "
        "in the next paragraph [HF920]\n"
    )


def test_ignore_file(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS}\n\n{WHOLE}\n\n<!-- hetao-facts: ignore-file HF1 -->\n")
    with chdir(tmp_path):
        assert cli("check", "a.md").code == 0


def test_unknown_rule_and_directive_are_reported_with_suggestions(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        f"<!-- hetao-facts: ignore HF110 -->\n{PARTS}\n\n"
        f"<!-- hetao-facts: ignroe HF101 -->\n{WHOLE}\n",
    )
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 1  # neither comment suppresses anything
    assert res.err.splitlines() == [
        "warning: a.md:1: suppression comment: unknown rule 'HF110'; did you mean 'HF101'? [HF920]",
        "warning: a.md:4: suppression comment: unknown directive 'ignroe'; "
        "did you mean 'ignore'? [HF920]",
    ]


def test_comments_in_markdown_code_are_examples() -> None:
    doc = document_from_text(
        "```\n<!-- hetao-facts: ignore -->\n```\n\nUse `<!-- hetao-facts: ignore -->` like this.\n",
        format="markdown",
        id="a.md",
    )
    assert find_suppressions(doc) == []


def test_unused_comments_for_rules_that_did_not_run_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"<!-- hetao-facts: ignore HF201 -->\n{MISMATCH}\n")
    with chdir(tmp_path):
        res = cli("check", "a.md", "--select", "HF1")
    assert res.code == 1 and res.err == ""


def test_apply_suppressions_returns_a_copy() -> None:
    doc = document_from_text(
        f"{PARTS}\n\n<!-- hetao-facts: ignore HF101 -->\n{WHOLE}\n", format="markdown"
    )
    report = run([doc])
    out = apply_suppressions(report, [doc])
    assert out is not report
    assert not _hf101(report).suppressed and _hf101(out).suppressed
    assert not out.failing and report.failing
    assert out.text_of(doc.id) == doc.text
    assert apply_suppressions(report) == out  # documents default to the report's texts


# ---- baselines -----------------------------------------------------------------------------


def test_baseline_round_trip_survives_unrelated_edits(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "a.md"
    write(doc, f"# Zone\n\n{PARTS} {WHOLE}\n")
    with chdir(tmp_path):
        first = cli("check", "docs", "--write-baseline", "baseline.json")
        assert first.code == 0
        assert "baseline of 1 check written to baseline.json" in first.err
        data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
        assert data["version"] == 1 and data["tool"] == "hetao-facts"
        (entry,) = data["checks"]
        assert entry["rule"] == "HF101" and entry["paths"] == ["docs/a.md"]
        assert "3.98 km²" in entry["message"] and entry["status"] == "fail"
        assert list(entry) == sorted(entry)

        assert cli("check", "docs").code == 1
        assert cli("check", "docs", "--baseline", "baseline.json").code == 0

        # insert a paragraph above: offsets and lines move, the fingerprint does not
        write(doc, f"# Zone\n\nA new first paragraph about 7 lakes.\n\n{PARTS} {WHOLE}\n")
        res = cli("check", "docs", "--baseline", "baseline.json", "-f", "json")
        assert res.code == 0 and res.err == ""
        check = next(c for c in json.loads(res.out)["checks"] if c["rule"] == "HF101")
        assert check["fingerprint"] == entry["fingerprint"] and check["suppressed"]

        # a new problem still fails
        write(tmp_path / "docs" / "b.md", "The museum has three halls: north and south.\n")
        res = cli("check", "docs", "--baseline", "baseline.json")
        assert res.code == 1 and "FAIL HF401" in res.out and "docs/a.md:" not in res.out


def test_stale_baseline_entries_are_reported_without_failing(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS} {WHOLE}\n")
    with chdir(tmp_path):
        assert cli("check", "a.md", "--write-baseline", "b.json", "-q").code == 0
        write(tmp_path / "a.md", f"{PARTS} The zone covers 3.89 km².\n")  # fixed
        res = cli("check", "a.md", "--baseline", "b.json")
    assert res.code == 0
    assert res.err.startswith("warning: b.json: stale baseline entry f")
    assert res.err.rstrip().endswith("refresh the baseline with --write-baseline [HF921]")


def test_baseline_from_the_config(tmp_path: Path) -> None:
    write(tmp_path / "a.md", f"{PARTS} {WHOLE}\n")
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\nbaseline = 'known.json'\n")
    with chdir(tmp_path):
        assert cli("check", "a.md", "--write-baseline", "known.json").code == 0
        assert cli("check", "a.md").code == 0


def test_bad_baselines_exit_2_with_one_line(tmp_path: Path) -> None:
    write(tmp_path / "a.md", MISMATCH)
    write(tmp_path / "syntax.json", '{"checks": [\n')
    write(tmp_path / "shape.json", '{"checks": [1]}')
    with chdir(tmp_path):
        for name, expected in [
            (
                "missing.json",
                "missing.json: baseline file not found; create it with --write-baseline",
            ),
            ("syntax.json", "syntax.json: line 2, column 1: invalid JSON: Expecting value"),
            ("shape.json", "shape.json: checks.0: expected an entry such as"),
        ]:
            res = cli("check", "a.md", "--baseline", name)
            assert res.code == 2
            assert len(res.err.splitlines()) == 1
            assert res.err.startswith(f"hetao-facts: error: {expected}")


def test_baseline_matches_each_entry_once() -> None:
    report = run([document_from_text(f"{PARTS} {WHOLE}", id="a.md")])
    base = baseline_from_report(report)
    assert [e.rule for e in base.checks] == ["HF101"]
    doubled = base.model_copy(update={"checks": base.checks * 2})
    out = apply_baseline(report, doubled, source="b.json")
    assert all(c.suppressed for c in out.checks if c.status is not Status.PASS)
    assert [p.code for p in out.problems] == ["HF921"]  # the second copy matched nothing


@given(st.lists(st.booleans(), min_size=11, max_size=11), st.text(max_size=40))
def test_any_spelling_of_our_name_is_looked_at(upper: list[bool], around: str) -> None:
    # the plain searches before the upper-cased copy never turn away a spelling of the name
    name = "".join(c.upper() if u else c for c, u in zip("hetao-facts", upper, strict=True))
    assert _may_name_us(around + name + around)
    assert _may_name_us("hetao-fact\u017f")  # a long s upper-cases to S: still looked at


def test_texts_without_our_name_are_not_taken_for_it() -> None:
    assert not _may_name_us("A two-thirds majority, co-founded in 2015.")
    assert not _may_name_us("")
