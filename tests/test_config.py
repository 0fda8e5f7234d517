"""Configuration: finding the file, validating every key at once, and what it changes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hetao_facts.config import (
    Config,
    apply_severity,
    build_rules,
    find_config,
    load_config,
    parse_size,
    select_rules,
)
from hetao_facts.errors import ConfigError
from hetao_facts.model import Severity
from tests._support import MISMATCH, REPO, chdir, cli, make_check, make_report, write

BAD = """\
[project]
name = "docs"

[tool.hetao-facts]
selct = ["HF1"]
select = ["HF1", "HF110"]
fail-on = "warnings"
jobs = -1

[tool.hetao-facts.severity]
HF201 = "eror"

[tool.hetao-facts.tolerances]
approx = "10%"
round-trailing-zero = true

[tool.hetao-facts.rules.HF201]
min-claims = "three"

[tool.hetao-facts.rules.HF110]
min-claims = 3
"""


def test_every_problem_at_once_with_line_path_expectation_and_suggestion(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", BAD)
    with chdir(tmp_path), pytest.raises(ConfigError) as info:
        load_config("pyproject.toml")
    assert info.value.source == "pyproject.toml"
    assert info.value.problems == [
        "line 5: tool.hetao-facts.selct: unknown key 'selct'; did you mean 'select'?",
        "line 6: tool.hetao-facts.select[1]: unknown rule 'HF110'; did you mean 'HF101'?",
        "line 7: tool.hetao-facts.fail-on: expected 'error', 'warning' or 'info', got 'warnings'; "
        "did you mean 'warning'?",
        "line 8: tool.hetao-facts.jobs: expected a whole number >= 0 (0: one per core), got -1",
        "line 11: tool.hetao-facts.severity.HF201: expected 'error', 'warning' or 'info', "
        "got 'eror'; did you mean 'error'?",
        "line 14: tool.hetao-facts.tolerances.approx: expected a number between 0 and 1, got '10%'",
        "line 15: tool.hetao-facts.tolerances.round-trailing-zero: "
        "unknown key 'round-trailing-zero'; did you mean 'round-trailing-zeros'?",
        "line 18: tool.hetao-facts.rules.HF201.min-claims: expected a whole number, got 'three'",
        "line 20: tool.hetao-facts.rules.HF110: unknown rule 'HF110'; did you mean 'HF101'?",
    ]


def test_cli_prints_each_problem_on_its_own_line_and_exits_2(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", BAD)
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 2
    lines = res.err.splitlines()
    assert len(lines) == 9
    assert all(line.startswith("hetao-facts: error: pyproject.toml: line ") for line in lines)
    assert res.out == ""  # nothing ran


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    write(tmp_path / "hetao-facts.toml", 'select = ["HF1"\nfail-on = "error"\n')
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        res = cli("check", "a.md")
    assert res.code == 2
    assert res.err.startswith("hetao-facts: error: hetao-facts.toml: line 2, column ")
    assert "invalid TOML" in res.err and "Traceback" not in res.err


def test_values_are_validated_into_models(tmp_path: Path) -> None:
    write(
        tmp_path / "hetao-facts.toml",
        """\
include = "*.md"
exclude = ["drafts"]
facts = ["sheets/zone.toml"]
select = ["HF1", "restated-figure-disagrees"]
fail_on = "warning"
max-size = "2 MB"
jobs = 0

[severity]
HF2 = "warning"

[tolerances]
approx = 0.2
round_trailing_zeros = false

[rules.HF201]
min-claims = 3
""",
    )
    (tmp_path / "sub").mkdir()
    with chdir(tmp_path / "sub"):
        config = load_config(find_config() or "missing")
    assert config.source == "../hetao-facts.toml"
    assert config.include == ("*.md",) and config.exclude == ("drafts",)
    assert config.facts == ("../sheets/zone.toml",)  # relative to the config file
    assert config.fail_on == "warning" and config.max_size == 2 * 1024 * 1024 and config.jobs == 0
    assert config.severity == {"HF2": Severity.WARNING}
    assert config.tolerances.approx == Decimal("0.2")
    assert config.tolerances.round_trailing_zeros is False
    assert config.rule_options["HF201"].model_dump() == {"min_claims": 3}
    rules = build_rules(config)
    assert [r.code for r in rules] == ["HF101", "HF102", "HF103", "HF104", "HF201"]
    assert rules[-1].options.model_dump() == {"min_claims": 3}


def test_find_config_order(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\nfail-on = 'warning'\n")
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'x'\n")  # no table: passed over
    (tmp_path / "a" / "b").mkdir()
    assert find_config(tmp_path / "a" / "b") == (tmp_path / "pyproject.toml").resolve()
    write(tmp_path / "a" / "hetao-facts.toml", "fail-on = 'error'\n")
    assert find_config(tmp_path / "a" / "b") == (tmp_path / "a" / "hetao-facts.toml").resolve()
    write(tmp_path / "a" / "b" / "pyproject.toml", "[tool.hetao-facts]\n")
    assert find_config(tmp_path / "a" / "b") == (tmp_path / "a" / "b" / "pyproject.toml").resolve()


def test_select_and_ignore_most_specific_wins() -> None:
    def codes(select: list[str], ignore: list[str]) -> list[str]:
        return [c.code for c in select_rules(select, ignore)]

    assert codes(["HF1"], ["HF101"]) == ["HF102", "HF103", "HF104"]
    assert codes(["HF101"], ["HF1"]) == ["HF101"]
    assert "HF101" not in codes([], ["HF1"]) and "HF201" in codes([], ["HF1"])
    others = [f"HF{n}" for n in range(2, 10)]
    assert codes(["ALL"], others) == ["HF101", "HF102", "HF103", "HF104"]
    assert codes(["HF101"], ["HF101"]) == []  # ignore wins a tie
    assert codes(["parts-sum-to-whole"], []) == ["HF101"]


def test_severity_override_changes_checks_and_exit_code(tmp_path: Path) -> None:
    report = apply_severity(make_report([make_check()]), {"HF1": "warning", "HF101": "info"})
    assert report.checks[0].severity is Severity.INFO  # the code beats its prefix
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts.severity]\nHF101 = 'warning'\n")
    write(tmp_path / "a.md", MISMATCH)
    with chdir(tmp_path):
        res = cli("check", "a.md", "-f", "sarif")
    assert res.code == 0
    assert '"level": "warning"' in res.out


def test_flags_override_the_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\nselect = ['HF2']\npaths = ['docs']\n")
    write(tmp_path / "docs" / "a.md", MISMATCH)
    with chdir(tmp_path):
        assert cli("check").code == 0  # paths from the config; HF101 not selected
        assert cli("check", "--select", "HF1").code == 1
        assert cli("check", "--isolated", "docs").code == 1
        write(tmp_path / "other.toml", "ignore = ['HF101']\n")
        assert cli("check", "docs", "--config", "other.toml").code == 0


def test_config_paths_resolve_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\npaths = ['docs']\n")
    write(tmp_path / "docs" / "a.md", MISMATCH)
    (tmp_path / "sub").mkdir()
    with chdir(tmp_path / "sub"):
        res = cli("check")
    assert res.code == 1 and "../docs/a.md" in res.out


def test_fact_sheets_from_the_config(tmp_path: Path) -> None:
    sheet = (REPO / "hetao_facts" / "facts" / "hetao.toml").read_text(encoding="utf-8")
    write(tmp_path / "facts" / "zone.toml", sheet)
    write(tmp_path / "pyproject.toml", "[tool.hetao-facts]\nfacts = ['facts/zone.toml']\n")
    write(tmp_path / "a.md", "The Hetao zone covers 3.89 square kilometers.\n")
    with chdir(tmp_path):
        res = cli("check", "a.md", "-f", "json")
    assert res.code in (0, 1), res.err
    assert res.err == ""


def test_parse_size() -> None:
    assert parse_size(100) == 100
    assert parse_size("10 MB") == parse_size("10mb") == parse_size("10M") == 10 * 1024 * 1024
    assert parse_size("512k") == 512 * 1024
    for bad in ("ten", "", "-1", 0, True):
        with pytest.raises(ValueError):
            parse_size(bad)  # type: ignore[arg-type]


def test_default_config() -> None:
    config = Config()
    assert config.fail_on == "error" and config.select == () and config.jobs == 1
    assert len(build_rules(config)) >= 10
