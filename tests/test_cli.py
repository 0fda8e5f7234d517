"""The command line as a CI job runs it: exit codes, -o, --quiet, selection, progress,
colour, --jobs, determinism, unexpected errors, and the CI integration files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from hetao_facts import engine
from hetao_facts.cli import main
from tests._support import CONSISTENT, MISMATCH, REPO, UNRELATED, FakeTTY, chdir, cli, write


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write(tmp_path / "docs" / "good.md", UNRELATED)
    write(tmp_path / "docs" / "bad.md", MISMATCH)
    return tmp_path


def test_exit_0_when_consistent(tmp_path: Path) -> None:
    write(tmp_path / "a.md", CONSISTENT)
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 0, res.err
    assert res.out.splitlines()[-1].startswith("1 document, ")
    assert res.err == ""


def test_exit_1_with_the_arithmetic_in_the_message(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs")
    assert res.code == 1
    first = res.out.splitlines()[0:2]
    assert first[0] == "docs/bad.md"
    assert first[1].startswith("  docs/bad.md:1:")
    assert "FAIL HF101 parts-sum-to-whole" in first[1]
    assert "the parts add up to 3.89 km² (0.87 km² + 3.02 km²)" in first[1]
    assert "writing 3.89 km² instead of 3.98 km² would agree" in first[1]


def test_fail_on_warning_counts_warnings(docs: Path) -> None:
    with chdir(docs):
        # HF101 demoted to a warning: passes by default, fails with --fail-on warning
        write(docs / "hetao-facts.toml", '[severity]\nHF101 = "warning"\n')
        assert cli("check", "docs").code == 0
        assert cli("check", "docs", "--fail-on", "warning").code == 1
        assert cli("check", "docs", "--fail-on", "error").code == 0


def test_problem_means_exit_2_but_everything_is_written(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs", "missing.md", "-f", "json", "-o", "report.json")
        report = json.loads((docs / "report.json").read_text(encoding="utf-8"))
    assert res.code == 2
    assert res.err.splitlines() == ["error: missing.md: no such file or folder [HF901]"]
    assert [p["code"] for p in report["problems"]] == ["HF901"]
    assert any(c["rule"] == "HF101" and c["status"] == "fail" for c in report["checks"])


def test_output_file_and_terminal_summary(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs", "-f", "sarif", "-o", "out.sarif")
        assert json.loads((docs / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert res.code == 1
    lines = res.out.splitlines()
    assert "FAIL HF101" in lines[0]
    assert lines[-2].startswith("2 documents, ")
    assert lines[-1] == "report written to out.sarif"


def test_report_on_stdout_is_only_the_report(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs", "-f", "json")
    json.loads(res.out)  # nothing else mixed in


def test_quiet(docs: Path) -> None:
    with chdir(docs):
        good = cli("check", "docs/good.md", "-q")
        bad = cli("check", "docs", "-q")
        to_file = cli("check", "docs", "-q", "-o", "r.txt")
    assert good.code == 0 and good.out == "" and good.err == ""
    assert bad.code == 1
    assert "FAIL HF101" in bad.out and "documents" not in bad.out  # no summary
    assert to_file.out == ""


def test_select_and_ignore(docs: Path) -> None:
    with chdir(docs):
        assert cli("check", "docs", "--select", "HF2").code == 0
        assert cli("check", "docs", "--ignore", "HF101").code == 0
        assert cli("check", "docs", "--ignore", "parts-sum-to-whole").code == 0
        assert cli("check", "docs", "--select", "HF1,HF2", "--ignore", "HF102").code == 1
        res = cli("check", "docs", "--select", "HF110")
    assert res.code == 2
    assert res.err == "hetao-facts: error: --select: unknown rule 'HF110'; did you mean 'HF101'?\n"


def test_no_paths_is_a_usage_error(tmp_path: Path) -> None:
    with chdir(tmp_path):
        res = cli("check")
    assert res.code == 2 and "no paths given" in res.err


def test_bad_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "x", "--format", "pdf"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_rules_and_rule() -> None:
    res = cli("rules")
    assert res.code == 0 and res.out.startswith("HF101  parts-sum-to-whole")
    data = json.loads(cli("rules", "--format", "json").out)
    assert {"code": "HF201"}.items() <= next(r for r in data if r["code"] == "HF201").items()
    doc = cli("rule", "HF101")
    assert doc.code == 0 and "What it checks:" in doc.out
    bad = cli("rule", "HF110")
    assert bad.code == 2 and "did you mean 'HF101'?" in bad.err


def test_claims(docs: Path) -> None:
    with chdir(docs):
        table = cli("claims", "docs/bad.md")
        as_json = cli("claims", "docs/bad.md", "--format", "json")
    assert table.code == 0 and "3.98 km²" in table.out
    data = json.loads(as_json.out)
    assert data["checks"] == [] and len(data["claims"]) == 3


def test_unexpected_error_is_one_line_unless_debug(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom\nsecond line")

    monkeypatch.setattr(engine, "run", boom)
    with chdir(docs):
        res = cli("check", "docs")
        dbg = cli("check", "docs", "--debug")
    assert res.code == 2
    assert res.err == (
        "hetao-facts: internal error: RuntimeError: kaboom second line "
        "(run with --debug for the traceback)\n"
    )
    assert dbg.code == 2 and "Traceback (most recent call last)" in dbg.err


def _many(tmp_path: Path, n: int) -> None:
    for i in range(n):
        write(tmp_path / "docs" / f"{i:02d}.txt", f"Report {i}. The zone covers 3.89 km².")


def test_progress_bar_on_a_terminal_with_many_files(tmp_path: Path) -> None:
    _many(tmp_path, 21)
    with chdir(tmp_path):
        tty = FakeTTY()
        res = cli("check", "docs", stderr=tty)
        quiet = cli("check", "docs", "-q", stderr=FakeTTY())
        piped = cli("check", "docs")
    assert res.code == 0
    assert "\r[" in res.err and "21/21 files" in res.err and res.err.endswith("\r")
    assert quiet.err == "" and piped.err == ""


def test_no_progress_bar_for_few_files(tmp_path: Path) -> None:
    _many(tmp_path, 20)
    with chdir(tmp_path):
        res = cli("check", "docs", stderr=FakeTTY())
    assert res.err == ""


def test_color_only_on_a_terminal_and_not_with_no_color(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    with chdir(docs):
        tty = cli("check", "docs", stdout=FakeTTY())
        pipe = cli("check", "docs", stdout=io.StringIO())
        monkeypatch.setenv("NO_COLOR", "1")
        no_color = cli("check", "docs", stdout=FakeTTY())
        forced = cli("check", "docs", "--color", "always")
    assert "\x1b[" in tty.out
    assert "\x1b[" not in pipe.out and "\x1b[" not in no_color.out
    assert "\x1b[" in forced.out


def test_jobs_give_identical_output(tmp_path: Path) -> None:
    for i, text in enumerate(
        [MISMATCH, CONSISTENT, "The Hetao zone (HTCZ) covers 3.89 km².", MISMATCH]
    ):
        write(tmp_path / "docs" / f"{i}.md", f"# Doc {i}\n\n{text}\n")
    with chdir(tmp_path):
        outs = {
            fmt: [cli("check", "docs", "-f", fmt, "--jobs", j).out for j in ("1", "2", "0")]
            for fmt in ("json", "sarif", "text")
        }
    for fmt, (a, b, c) in outs.items():
        assert a == b == c, fmt


def test_seeds_json_is_byte_identical_run_after_run() -> None:
    with chdir(REPO):
        first = cli("check", "seeds", "-f", "json")
        second = cli("check", "seeds", "-f", "json", "--jobs", "2")
    assert first.code == second.code == 1
    assert first.out == second.out


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "hetao-facts")
    assert hook["entry"] == "hetao-facts check --force-exclude"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"markdown", "plain-text", "rst"}  # prose, not all text


def test_ci_doc_has_the_workflow() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = text.split("```yaml", 1)[1].split("```", 1)[0]
    workflow = yaml.safe_load(block)
    steps = next(iter(workflow["jobs"].values()))["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/checkout") for u in uses)
    assert any(u.startswith("actions/setup-python") for u in uses)
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")
    )
    assert upload["if"] == "always()"
    assert any("--format sarif -o hetao-facts.sarif" in s.get("run", "") for s in steps)


def test_quiet_does_not_shorten_the_report_file(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs", "-q", "-o", "r.txt", "-v")
        text = (docs / "r.txt").read_text(encoding="utf-8")
    assert res.out == "" and res.code == 1
    assert "PASS" in text and text.rstrip().splitlines()[-1].startswith("2 documents")


def test_unwritable_output_is_one_line(docs: Path) -> None:
    with chdir(docs):
        res = cli("check", "docs", "-o", "no/such/dir/r.json")
        base = cli("check", "docs", "--write-baseline", "no/such/dir/b.json")
    prefix = "hetao-facts: error: cannot write no/such/dir/"
    assert res.code == 2 and res.err.startswith(prefix + "r.json")
    assert base.code == 2 and base.err.startswith(prefix + "b.json")


def test_relations_text_json_and_filters(tmp_path: Path) -> None:
    write(
        tmp_path / "a.md",
        "The lake covers 647 km² (250 sq mi). The network has a total of 28 stations, "
        "19 elevated and nine underground.",
    )
    with chdir(tmp_path):
        text = cli("relations", "a.md")
        stated = cli("relations", "a.md", "--kind", "total_parts", "--format", "json")
        bad = cli("relations", "a.md", "--kind", "sums")
    assert text.code == 0, text.err
    assert "restatement  stated conversion '(': figure='647 km²' restated='250 sq mi'" in text.out
    assert text.out.splitlines()[-1] == "1 document, 2 relations (2 stated, 0 inferred)"
    data = json.loads(stated.out)
    assert [r["kind"] for r in data["relations"]] == ["total_parts"]
    assert {c["text"] for c in data["claims"]} == {"28 stations", "19 elevated", "nine underground"}
    assert bad.code == 2 and "unknown relation kind 'sums'" in bad.err


@pytest.mark.parametrize("text, code", [(CONSISTENT, 0), (MISMATCH, 1)])
def test_the_command_exits_with_its_code_and_all_its_output(
    tmp_path: Path, text: str, code: int
) -> None:
    """`hetao-facts` (cli.entry) leaves without freeing the run's objects: its output
    is still flushed whole (also into a pipe read to the end) and the exit code kept."""
    import subprocess
    import sys

    write(tmp_path / "a.md", text)
    report = tmp_path / "r.json"
    cmd = [sys.executable, "-m", "hetao_facts", "check", "a.md"]
    res = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == code, res.stderr
    assert res.stdout.splitlines()[-1].startswith("1 document, ")
    res = subprocess.run([*cmd, "--format", "json", "-o", str(report)], cwd=tmp_path)
    assert res.returncode == code
    assert json.loads(report.read_text(encoding="utf-8"))["documents"][0]["id"] == "a.md"
    res = subprocess.run([*cmd, "--nope"], cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 2 and "--nope" in res.stderr
