"""What ruff and Vale users expect in CI, one API that matches the CLI, and the holes a
hostile input finds (issue 13). Each test names the item it covers."""

from __future__ import annotations

import io
import json
import os
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

import hetao_facts
from hetao_facts import Document, Report, UsageError, check, check_text
from hetao_facts.errors import ConfigError
from hetao_facts.report import render
from hetao_facts.report.rule_pages import pages
from tests._support import MISMATCH, REPO, SARIF_SCHEMA, SEEDS, chdir, cli, write

_PLACES = {"campus": ("Guangzhou", "Macao"), "district": ("Zhuhai", "Foshan"),
           "corridor": ("Dongguan", "Huizhou")}  # fmt: skip


def mismatch(name: str) -> str:
    """MISMATCH about other wholes and parts, so that documents are not compared."""
    a, b = _PLACES[name]
    return MISMATCH.replace("zone", name).replace("Shenzhen", a).replace("Hong Kong", b)


OK = "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong. The zone covers 3.89 km²."


def _checks(data: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return sorted(
        (c["rule"], c["status"], c["fingerprint"], c["suppressed"]) for c in data["checks"]
    )


# -- 7. one pipeline, one API ---------------------------------------------------------------


def test_check_and_the_command_line_give_the_same_report(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(
        docs / "a.md",
        "<!-- hetao-facts: ignore HF101 -->\n" + mismatch("campus") + "\n\nNo more.\n",
    )
    write(docs / "b.md", mismatch("district"))
    write(
        tmp_path / "pyproject.toml",
        '[tool.hetao-facts]\nseverity = {HF101 = "warning"}\n'
        '[tool.hetao-facts.per-file-ignores]\n"c.md" = ["HF1"]\n',
    )
    write(docs / "c.md", mismatch("corridor"))
    with chdir(tmp_path):
        res = cli("check", "docs", "-f", "json")
        api = check(["docs"], config=True)
        same = check(["docs"], severity={"HF101": "warning"}, per_file_ignores={"c.md": ["HF1"]})
    cli_data = json.loads(res.out)
    assert _checks(cli_data) == _checks(json.loads(api.to_json()))
    assert _checks(cli_data) == _checks(json.loads(same.to_json()))
    hf101 = [c for c in api.checks if c.rule == "HF101"]
    # a.md suppressed by its comment, b.md a warning now, c.md's check ignored per file
    assert sorted((c.documents, c.suppressed, c.severity.value) for c in hf101) == [
        (("docs/a.md",), True, "warning"),
        (("docs/b.md",), False, "warning"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"select": ["HF110"]}, "select[0]: unknown rule 'HF110'; did you mean 'HF101'?"),
        ({"jobs": -1}, "jobs: expected a whole number >= 0"),
        ({"severity": {"HF201": "loud"}}, "severity.HF201: expected 'error', 'warning' or 'info'"),
        ({"tolerances": {"approx": 5}}, "tolerances.approx"),
        ({"per_file_ignores": {"x.md": ["HF999"]}}, "per_file_ignores.x.md[0]: unknown rule"),
        ({"date": "2023-01-01"}, "date: expected a datetime.date"),
        ({"follow_links": "yes"}, "follow_links: expected True or False"),
        ({"selct": ["HF1"]}, "unknown argument 'selct'; did you mean 'select'?"),
    ],
)
def test_wrong_arguments_raise_usage_error_naming_them(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError) as info:
        check([str(SEEDS)], **kwargs)
    assert message in str(info.value)


def test_paths_and_texts_are_not_guessed(tmp_path: Path) -> None:
    # a text that looks like a path is still text for check_text
    report = check_text("See docs/a.md: " + MISMATCH, name="draft.md", format="markdown")
    assert [d.id for d in report.documents] == ["draft.md"] and report.failing
    # a string given to check() is a path, never text
    missing = check([str(tmp_path / "notes.md")])
    assert [p.code for p in missing.problems] == ["HF901"]
    with pytest.raises(UsageError, match=r"inputs\[0\]: this looks like text"):
        check(["two\nlines"])
    with pytest.raises(UsageError, match="unknown argument 'selct'; did you mean 'select'"):
        check_text(OK, selct=["HF1"])  # type: ignore[call-arg]
    doc = hetao_facts.Document(id="mine", text=MISMATCH)
    assert isinstance(doc, Document) and check([doc]).failing


def test_check_date_dates_the_documents_that_state_none() -> None:
    import datetime

    report = check_text(
        "The plan ends in 2020. It is due on Monday, 5 June 2023.", date=datetime.date(2023, 6, 1)
    )
    assert report.documents[0].date == datetime.date(2023, 6, 1)


# -- 8. Report.filter and to_pandas ----------------------------------------------------------


def test_filter_takes_rule_prefixes_and_pandas_has_numeric_columns() -> None:
    report = check([str(SEEDS)])
    hf2 = report.filter(rule="HF2")
    assert hf2.checks and all(c.rule.startswith("HF2") for c in hf2.checks)
    assert report.filter(rule="hf20").checks == hf2.checks
    pd = pytest.importorskip("pandas")
    df = report.to_pandas()
    assert {"margin", "fingerprint", "suppressed"} <= set(df.columns)
    assert pd.api.types.is_float_dtype(df["margin"]) and df["margin"].notna().any()
    assert df["suppressed"].dtype == bool


# -- 1. per-file ignores, extend-select / extend-ignore, --force-exclude ---------------------


def test_per_file_ignores_and_extend_ignore(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "CHANGELOG.md", mismatch("campus"))
    write(tmp_path / "docs" / "a.md", mismatch("district"))
    write(
        tmp_path / "pyproject.toml",
        '[tool.hetao-facts]\nselect = ["HF1"]\nextend-ignore = ["HF102"]\n'
        '[tool.hetao-facts.per-file-ignores]\n"CHANGELOG.md" = ["HF101"]\n',
    )
    with chdir(tmp_path):
        res = cli("check", "docs", "-f", "json")
        write(tmp_path / "one.toml", 'select = ["HF101"]\n')
        extended = cli(
            "check", "docs", "-f", "json", "--config", "one.toml", "--extend-select", "HF102"
        )
    data = json.loads(res.out)
    assert {c["rule"] for c in data["checks"]} <= {"HF101"}
    assert [c["documents"] for c in data["checks"] if c["status"] == "fail"] == [["docs/a.md"]]
    rules = {c["rule"] for c in json.loads(extended.out)["checks"]}
    assert rules == {"HF101", "HF102"}  # added to the config's select, which stays


def test_force_exclude_applies_to_files_named_explicitly(tmp_path: Path) -> None:
    write(tmp_path / "drafts" / "x.md", mismatch("corridor"))  # fails on its own
    write(tmp_path / "a.md", OK)
    write(tmp_path / "hetao-facts.toml", 'exclude = ["drafts"]\n')
    with chdir(tmp_path):
        plain = cli("check", "drafts/x.md", "a.md")
        forced = cli("check", "--force-exclude", "drafts/x.md", "a.md")
    assert plain.code == 1 and forced.code == 0
    assert forced.out.splitlines()[-1].startswith("1 document,")


def test_exclude_paths_are_relative_to_the_config_folder_too(tmp_path: Path) -> None:
    """'docs/drafts' in a root config skips docs/drafts whether docs or docs/drafts/x.md is
    named, and from the root or from docs/ (as 'drafts' does when docs is walked)."""
    write(tmp_path / "docs" / "drafts" / "x.md", mismatch("corridor"))
    write(tmp_path / "docs" / "a.md", OK)
    write(tmp_path / "pyproject.toml", '[tool.hetao-facts]\nexclude = ["docs/drafts"]\n')

    def paths(res: Any) -> list[str]:
        return [d["path"] for d in json.loads(res.out)["documents"]]

    with chdir(tmp_path):
        assert paths(cli("check", "docs", "-f", "json")) == ["docs/a.md"]
        forced = cli("check", "--force-exclude", "docs/drafts/x.md", "-f", "json")
        assert paths(forced) == []
    with chdir(tmp_path / "docs"):
        assert paths(cli("check", ".", "-f", "json")) == ["a.md"]
        forced = cli("check", "--force-exclude", "drafts/x.md", "-f", "json")
        assert paths(forced) == []


# -- 3. stdin, --exit-zero, --statistics, --show-source, empty documents ---------------------


def test_stdin_with_a_file_name(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(MISMATCH.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    res = cli("check", "-", "--stdin-filename", "draft.md", "-f", "github")
    assert res.code == 1
    assert res.out.startswith("::error file=draft.md,line=1,")


def test_exit_zero_statistics_and_show_source(tmp_path: Path) -> None:
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        zero = cli("check", "a.md", "--exit-zero")
        stats = cli("check", "a.md", "--statistics")
        src = cli("check", "a.md", "--show-source")
        bad = cli("check", "a.md", "missing.md", "--exit-zero")
    assert zero.code == 0 and "FAIL HF101" in zero.out
    assert bad.code == 2  # an unreadable input is not a finding: still exit 2
    row = next(line for line in stats.out.splitlines() if line.startswith("HF101"))
    assert row.split()[1:4] == ["parts-sum-to-whole", "1", "0"]
    lines = src.out.splitlines()
    i = next(i for i, line in enumerate(lines) if "FAIL HF101" in line)
    shown = next(line for line in lines[i + 1 :] if "3.98 km²" in line)
    under = lines[lines.index(shown) + 1]
    start = shown.index("3.98 km²")
    assert under[start : start + 8] == "^" * 8


def test_an_empty_document_is_information_not_an_error(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md", OK)
    (tmp_path / "docs" / "_index.md").write_text("", encoding="utf-8")
    with chdir(tmp_path):
        res = cli("check", "docs")
    assert res.code == 0
    assert res.err.strip() == "info: docs/_index.md: empty document [HF903]"


# -- 4. messages an editor can act on -------------------------------------------------------


def test_messages_leave_out_the_interval_notation_unless_verbose(tmp_path: Path) -> None:
    from hetao_facts.report._shared import plain_message

    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        plain = cli("check", "a.md")
        verbose = cli("check", "a.md", "-v")
        github = cli("check", "a.md", "-f", "github")
    said = (
        "zone: the parts add up to 3.89 km² (0.87 km² + 3.02 km²), but the text says 3.98 km² "
        "(off by at least 0.075 km²); writing 3.89 km² instead of 3.98 km² would agree"
    )
    assert said in plain.out and said in github.out
    assert "[3.975, 3.985] km²" in verbose.out and "[3.975, 3.985]" not in github.out
    assert "[3.975, 3.985]" not in plain.out and "would agree" not in verbose.out
    converted = plain_message(
        "612 mi² [1,583.8, 1,586.4] km² disagrees with 3,212 km² [3,211.5, 3,212.5] km²"
    )
    assert converted == "612 mi² (1,583.8 to 1,586.4 km²) disagrees with 3,212 km²"


def test_fixes_keep_the_way_the_figure_is_written() -> None:
    from hetao_facts.rules._util import written_digits

    def claim_of(text: str, kind: str) -> Any:
        return next(c for c in check_text(text).claims if c.kind == kind)

    density = claim_of("The town has 8,000 people per km² of land.", "density")
    assert written_digits(density) == (0, "8,000")
    money = claim_of("The budget was $1.5 million last year.", "money")
    assert money.text[slice(*_span(written_digits(money)))] == "1.5"
    # 150 / 400 = 37.5%: "38%" read to its digits agrees. No complement reading
    # (100% - 37.5% = 62.5%) ties the figures: a share found by arithmetic reads the
    # percent's digits, and 62.5% is not 60%.
    report = check_text("Of the 400 members, 150 people, or 60%, voted.")
    fixes = {(c.rule, c.status.value): c.fix for c in report.checks if c.status.value != "pass"}
    assert ("HF706", "warn") not in fixes
    fix = fixes[("HF701", "fail")]
    assert fix is not None and (fix.text, fix.replacement) == ("60", "38")
    scaled = check_text("The 12 towers cost $600 million, an average of $40 million per tower.")
    (fix,) = [c.fix for c in scaled.checks if c.fix]
    assert (fix.text, fix.replacement) == ("40", "50")
    assert fix.description == "writing $50 million instead of $40 million would agree"
    fall = check_text("Sales rose from 2,500 in 2020 to 3,500 in 2021, a fall of 10%.")
    assert [c.status.value for c in fall.failing] == ["fail"] and fall.failing[0].fix is None


def _span(found: tuple[int, str] | None) -> tuple[int, int]:
    assert found is not None
    return found[0], found[0] + len(found[1])


# -- 5. rule pages, options, SARIF suppressions ----------------------------------------------


def test_rule_pages_are_current() -> None:
    folder = REPO / "docs" / "rules"
    for name, text in pages().items():
        path = folder / name
        assert path.is_file(), f"{path} missing: python -m hetao_facts.report.rule_pages docs/rules"
        assert path.read_text(encoding="utf-8") == text, f"{path} is out of date"


def test_rule_command_shows_the_options() -> None:
    res = cli("rule", "HF201")
    assert res.code == 0
    assert "Options ([tool.hetao-facts.rules.HF201])" in res.out
    assert "min-claims = 2" in res.out


def test_suppressed_checks_stay_in_sarif(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "<!-- hetao-facts: ignore HF101 -->\n" + mismatch("campus") + "\n")
    write(tmp_path / "b.md", mismatch("district"))
    with chdir(tmp_path):
        cli("check", "b.md", "--write-baseline", "base.json")
        res = cli("check", "a.md", "b.md", "--baseline", "base.json", "-f", "sarif")
    assert res.code == 0
    results = json.loads(res.out)["runs"][0]["results"]
    kinds = sorted(r["suppressions"][0]["kind"] for r in results if r["ruleId"] == "HF101")
    assert kinds == ["external", "inSource"]


def test_sarif_help_uri_is_the_rule_page_of_the_repository() -> None:
    from hetao_facts.report.sarif import rules_url, to_sarif

    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    repo = meta["urls"]["Repository"]
    assert repo.startswith("https://")
    assert rules_url() == repo.rstrip("/") + "/blob/main/docs/rules/"  # the installed metadata
    entries = to_sarif(Report())["runs"][0]["tool"]["driver"]["rules"]
    assert entries and all(
        e["helpUri"] == f"{repo}/blob/main/docs/rules/{e['id']}.md" for e in entries
    )
    for e in entries:  # every link leads to a page of the repository
        assert (REPO / "docs" / "rules" / f"{e['id']}.md").is_file()


def test_sarif_results_carry_a_fix_for_one_figure(tmp_path: Path) -> None:
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        sarif = json.loads(cli("check", "a.md", "-f", "sarif").out)
        data = json.loads(cli("check", "a.md", "-f", "json").out)
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert "but the text says 3.98 km²" in result["message"]["text"]
    assert "[3.975, 3.985] km²" in result["properties"]["arithmetic"]
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "a.md"
    (rep,) = change["replacements"]
    assert rep["insertedContent"]["text"] == "3.89"
    region = rep["deletedRegion"]
    line = MISMATCH.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "3.98"
    page = render(check([tmp_path / "a.md"]), "html")
    assert '<p class="plain">zone: the parts add up to 3.89 km²' in page
    junit = render(check([tmp_path / "a.md"]), "junit")
    assert 'would agree">' in junit and "arithmetic: zone: 0.87 km² + 3.02 km²" in junit
    (fix,) = [c["fix"] for c in data["checks"] if c["fix"]]
    assert MISMATCH[fix["start"] : fix["end"]] == fix["text"] == "3.98"
    assert fix["replacement"] == "3.89" and "would agree" in fix["description"]


# -- 10. fingerprints do not depend on the working directory ---------------------------------


def test_a_baseline_written_at_the_root_matches_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md", MISMATCH)
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\n")
    with chdir(tmp_path):
        assert cli("check", "docs", "--write-baseline", "base.json").code == 0
    with chdir(tmp_path / "docs"):
        res = cli("check", ".", "--baseline", "../base.json")
    assert res.code == 0 and "HF921" not in res.err, res.err + res.out


# -- 11. every format writes every input safely ----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "html"])
def test_lone_surrogates_and_undecodable_names(tmp_path: Path, fmt: str) -> None:
    report = check_text(MISMATCH + " \ud800 \x1b[2J\x07", name="bad\udce9.md")
    assert [c.rule for c in report.failing] == ["HF101"]  # such a name is still checked
    assert report.coverage.set_aside == 0
    out = render(report, fmt)
    out.encode("utf-8")  # never raises
    assert "HF101" in out
    assert "\x1b" not in out or fmt == "json"
    if fmt in ("json", "sarif"):
        json.loads(out)
    if os.name == "posix":
        name = os.fsdecode(b"caf\xe9.md")
        write(tmp_path / name, MISMATCH)
        with chdir(tmp_path):
            res = cli("check", ".", "-f", fmt)
        assert res.code == 1 and "internal error" not in res.err


# -- 12. --encoding is a fallback; BOMs are detected -----------------------------------------


def test_encoding_is_a_fallback_per_file(tmp_path: Path) -> None:
    write(tmp_path / "d" / "utf8.md", MISMATCH)  # an even number of bytes of UTF-8
    (tmp_path / "d" / "bom16.md").write_bytes(MISMATCH.replace("zone", "area").encode("utf-16"))
    (tmp_path / "d" / "latin.md").write_bytes("Le café: 3 salles.".encode("latin-1"))
    with chdir(tmp_path):
        res = cli("check", "d", "--encoding", "latin-1", "-f", "json")
        strict = cli("check", "d")
    data = json.loads(res.out)
    assert res.code == 1 and not data["problems"]
    assert sorted(d["id"] for d in data["documents"]) == ["d/bom16.md", "d/latin.md", "d/utf8.md"]
    assert len([c for c in data["checks"] if c["status"] == "fail"]) == 2
    assert strict.code == 2 and "d/latin.md: not valid UTF-8" in strict.err


# -- 13. configuration values ----------------------------------------------------------------


def test_config_reports_every_bad_value(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "hetao-facts.toml",
        '[rules.HF201]\nmin-claims = -3\n[tolerances]\nround-trailing-zeros = "yes"\napprox = 7\n',
    )
    with pytest.raises(ConfigError) as info:
        hetao_facts.config.load_config(cfg)
    text = str(info.value)
    assert "rules.HF201.min-claims: expected a number >= 2, got -3" in text
    assert "tolerances.round-trailing-zeros: expected true or false, got 'yes'" in text
    assert "tolerances.approx" in text


def test_fact_sheets_reject_wrong_dimensions_bad_values_lists_and_cycles(tmp_path: Path) -> None:
    from hetao_facts.errors import FactSheetError
    from hetao_facts.facts import load_fact_sheet

    sheet = write(
        tmp_path / "f.toml",
        '[[entities]]\nname = "North campus"\nparts = ["Lab block"]\n\n'
        '[[entities]]\nname = "Lab block"\naliases = ["LB"]\nparts = ["North campus"]\n\n'
        '[[facts]]\nsubject = "North campus"\nattribute = "area"\nvalue = 3\nunit = "km2"\n\n'
        '[[facts]]\nsubject = "Lab block"\nattribute = "area"\nvalue = 4\nunit = "km"\n\n'
        '[[facts]]\nsubject = "Lab block"\nattribute = "floor_area"\nvalue = 0\nunit = "m2"\n',
    )
    with pytest.raises(FactSheetError) as info:
        load_fact_sheet(sheet)
    assert info.value.problems == [
        "line 20: facts.1.unit: 'km' measures length, not area, as attribute 'area' needs",
        "line 25: facts.2.value: expected a number > 0 for 'floor_area', got 0",
        "line 8: entities.1.parts: part-of links form a cycle: Lab block -> North campus -> Lab block",
    ]
    listed = write(tmp_path / "l.yaml", "- subject: North campus\n  attribute: area\n")
    with pytest.raises(FactSheetError, match=r"top level .*got a list"):
        load_fact_sheet(listed)


# -- 14. atomic writes, unwritable -o before the run -----------------------------------------


def test_unwritable_output_fails_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.md", MISMATCH)
    ran: list[bool] = []
    import hetao_facts.pipeline as pipeline

    real = pipeline.run_config
    monkeypatch.setattr(pipeline, "run_config", lambda *a, **k: ran.append(True) or real(*a, **k))
    with chdir(tmp_path):
        res = cli("check", "a.md", "-o", "missing/out.json")
        good = cli("check", "a.md", "-o", "out.json", "-f", "json")
    assert res.code == 2 and "cannot write missing/out.json" in res.err
    assert ran == [True]  # only the second run ran
    assert good.code == 1 and json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_atomic_write_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hetao_facts import _io

    target = tmp_path / "report.json"
    target.write_text("old\n", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", boom)
    with pytest.raises(OSError):
        _io.atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_atomic_write_writes_a_pipe_in_place(tmp_path: Path) -> None:
    """'-o /dev/null' or a named pipe is written into, never renamed over (as root the
    rename replaced /dev/null with a regular file)."""
    import stat
    import threading

    from hetao_facts import _io

    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    assert _io.check_writable(pipe) is None
    _io.atomic_write(pipe, iter(["{", "}"]))
    reader.join(timeout=10)
    assert got == ["{}\n"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]


# -- 15. symlinks out of the folder ----------------------------------------------------------


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    secret = write(tmp_path / "outside" / "secret.md", mismatch("corridor"))
    write(tmp_path / "docs" / "a.md", OK)
    os.symlink(secret, tmp_path / "docs" / "link.md")
    with chdir(tmp_path):
        res = cli("check", "docs", "-f", "html")
        followed = cli("check", "docs", "--follow-links")
    assert res.code == 0 and "3.98" not in res.out
    assert "info: docs/link.md: not read: a symbolic link that leads out of docs" in res.err
    assert followed.code == 1


# -- 9. a runaway document does not hide the others ------------------------------------------


def _slow_when(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Extraction of the document named `name` sleeps (in the parent and in forked workers)."""
    from hetao_facts import _parallel

    real = _parallel.extract_document

    def slow(doc: Document, *args: Any) -> Any:
        if doc.id.endswith(name):
            time.sleep(5)
        return real(doc, *args)

    monkeypatch.setattr(_parallel, "extract_document", slow)


def _hungry_when(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    from hetao_facts import _parallel

    real = _parallel.extract_document

    def hungry(doc: Document, *args: Any) -> Any:
        if doc.id.endswith(name):
            block = bytearray(4 * 1024**3)  # far past the limit
            del block
        return real(doc, *args)

    monkeypatch.setattr(_parallel, "extract_document", hungry)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_slow_document_is_reported_and_the_others_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    _slow_when(monkeypatch, "slow.md")
    write(tmp_path / "docs" / "slow.md", OK)
    write(tmp_path / "docs" / "y.md", "The hall seats 1,200 people.")
    write(tmp_path / "docs" / "z.md", MISMATCH)
    write(tmp_path / "hetao-facts.toml", "time-limit = 0.5\n")
    with chdir(tmp_path):
        started = time.monotonic()
        res = cli("check", "docs", "--jobs", jobs)
    assert time.monotonic() - started < 4
    assert res.code == 2
    assert "error: docs/slow.md: not checked: reading its figures took longer than" in res.err
    assert "docs/z.md:1:" in res.out and "FAIL HF101" in res.out
    assert "3 documents" in res.out


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux only")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_needing_too_much_memory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    _hungry_when(monkeypatch, "big.md")
    write(tmp_path / "docs" / "big.md", OK)
    write(tmp_path / "docs" / "y.md", "The hall seats 1,200 people.")
    write(tmp_path / "docs" / "z.md", MISMATCH)
    write(tmp_path / "hetao-facts.toml", 'memory-limit = "300 MB"\n')
    with chdir(tmp_path):
        res = cli("check", "docs", "--jobs", jobs)
    assert res.code == 2
    assert "error: docs/big.md: not checked: reading its figures needed more than" in res.err
    assert "FAIL HF101" in res.out
    bytearray(64 * 1024**2)  # the limit is lifted after the run


def test_the_budget_is_lifted_in_a_worker_after_each_document() -> None:
    from hetao_facts._budget import Budget, address_space, memory_supported, within_budget

    before = address_space()
    assert within_budget(Budget(time_limit=5), lambda: "done") == "done"
    got = within_budget(Budget(time_limit=0.2), lambda: time.sleep(3))
    assert got == "TimeUp: took longer than the time limit of 0.2 s"
    if memory_supported():
        assert before is not None
        hungry = within_budget(Budget(memory_limit=100 * 1024**2), lambda: bytearray(2 * 1024**3))
        assert isinstance(hungry, str) and hungry.startswith("MemoryError")
    bytearray(256 * 1024**2)  # no cap left behind
    time.sleep(0.3)  # no timer left behind


def test_limits_this_platform_cannot_enforce_are_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from hetao_facts import _budget

    monkeypatch.setattr(_budget, "memory_supported", lambda: False)  # as on Windows
    monkeypatch.delattr(_budget.signal, "setitimer")
    notes = _budget.unenforced(_budget.Budget(time_limit=1, memory_limit=10**9))
    assert notes == [
        f"time-limit is not enforced on {sys.platform} (it needs signal.setitimer)",
        f"memory-limit is not enforced on {sys.platform} (it needs Linux's RLIMIT_AS)",
    ]
    report = check_text("The hall seats 1,200 people.", time_limit=1, memory_limit="1 GB")
    assert sorted((p.code, p.message) for p in report.problems) == sorted(
        ("HF909", n) for n in notes
    )
    from hetao_facts.report._shared import exit_code, summary_line

    assert exit_code(report) == 0  # information, not an error
    assert summary_line(report) == (
        "1 document, 1 claim, 0 checks: 0 passed, 0 warned, 0 failed; 0 problems, 2 notes"
    )


# -- 2 and 6. the pre-commit hook and release hygiene ----------------------------------------


def test_pre_commit_hook_checks_prose_only() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = hooks[0]
    assert hook["id"] == "hetao-facts"
    assert set(hook["types_or"]) == {"markdown", "plain-text", "rst"}
    assert "text" not in hook["types_or"]  # 'text' is every text file, Python included
    assert "--force-exclude" in hook["entry"]


def test_release_files() -> None:
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert any(c.startswith("License :: OSI Approved :: MIT") for c in meta["classifiers"])
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {hetao_facts.__version__}" in changelog
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1].strip().splitlines()
    assert len(quick) == 2 and quick[0].startswith("python3 -m venv .venv")
