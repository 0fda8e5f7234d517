"""The engine: custom rules, plugins, crashing rules, bad documents, determinism."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hetao_facts
from hetao_facts import Report, Rule, check, check_text, register_rule
from hetao_facts.claims import claims_adapter
from hetao_facts.context import Context
from hetao_facts.model import Check
from hetao_facts.rules import registry

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class NoRoundMillions(Rule):
    """Flags figures stated in round millions.

    What it checks:
        Any figure written with the scale word "million".
    Why it matters:
        House style prefers exact figures.
    Flagged:
        "1.5 million square meters"
    Consistent:
        "1,500,000 square meters"
    """

    code = "HF990"
    name = "no-round-millions"

    def check(self, ctx: Context) -> Iterator[Check]:
        for c in ctx.claims:
            if "million" in c.text:
                yield ctx.make_check(self, "fail", [c], f"{c.text!r} is a round million")


class Crashes(Rule):
    """Always crashes.

    What it checks:
        Nothing.
    Why it matters:
        It tests that a crashing rule becomes a problem.
    Flagged:
        Anything.
    Consistent:
        Nothing.
    """

    code = "HF991"
    name = "always-crashes"

    def check(self, ctx: Context) -> Iterator[Check]:
        raise ZeroDivisionError("boom")


def test_custom_rule_registered_from_user_code() -> None:
    register_rule(NoRoundMillions)
    try:
        report = check_text("By 2025, more than 1.5 million square meters will be completed.")
        assert any(c.rule == "HF990" and c.status.value == "fail" for c in report.checks)
        assert "HF990" in {r.code for r in hetao_facts.all_rules()}
        assert "round millions" in hetao_facts.explain("HF990")
    finally:
        registry.unregister_rule("HF990")


def test_plugin_rules_from_entry_points(monkeypatch: pytest.MonkeyPatch) -> None:
    class EP:
        name = "house-style"
        value = "tests.test_engine:NoRoundMillions"

        def load(self) -> Any:
            return NoRoundMillions

    class Broken:
        name = "broken"
        value = "nowhere:Nothing"

        def load(self) -> Any:
            raise ImportError("no module named nowhere")

    monkeypatch.setattr(registry, "entry_points", lambda group: [EP(), Broken()])
    try:
        errors = registry.load_plugins()
        assert "HF990" in {r.code for r in registry.all_rules()}
        assert errors and "broken" in errors[0]
    finally:
        registry.unregister_rule("HF990")


def test_crashing_rule_becomes_a_problem_and_others_still_run() -> None:
    from hetao_facts.engine import run
    from hetao_facts.rules.registry import get_rule

    rules = [Crashes(), get_rule("HF401")()]
    report = run(["The three tasks are: a, b, and c."], rules=rules)
    assert any(
        p.code == "HF910" and p.rule == "HF991" and "boom" in p.message for p in report.problems
    )
    assert any(c.rule == "HF401" for c in report.checks)


def test_bad_document_does_not_hide_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The zone covers 3.89 square kilometers. It has two parks.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary\x00")  # NUL bytes: binary
    report = check([str(good), str(bad), str(tmp_path / "missing.txt")])
    assert [d.path for d in report.documents] == [str(good)]
    assert len(report.claims) >= 2
    paths = {p.path for p in report.problems}
    assert str(bad) in paths and str(tmp_path / "missing.txt") in paths


def test_report_round_trips_through_json_and_is_deterministic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(SEEDS.parent)
    a = check(["seeds"])
    b = check(["seeds"])
    assert a.to_json() == b.to_json()
    again = Report.model_validate_json(a.to_json())
    assert again.to_json() == a.to_json()
    assert claims_adapter.validate_json(claims_adapter.dump_json(list(a.claims))) == list(a.claims)
    assert repr(a).startswith("<Report 5 documents")
    one = check_text("The hall seats 1,200 people.")
    assert repr(one).startswith("<Report 1 document, 1 claim, ")
    failing = a.failing[0]
    assert repr(failing).startswith("<Check HF102 fail seeds/001")


def test_check_ids_stable_and_unique() -> None:
    report = check([str(SEEDS)])
    ids = [c.id for c in report.checks]
    assert len(ids) == len(set(ids))
    assert ids == [c.id for c in check([str(SEEDS)]).checks]


def test_seeds_figures() -> None:
    """The seed briefing: the one real inconsistency fails, the sums pass."""
    report = check([str(SEEDS)])
    fails = [c for c in report.checks if c.status.value == "fail"]
    assert fails and all(c.rule == "HF102" for c in fails)
    assert any("10,000,000 ft²" in c.message and "floor area" in c.message for c in fails)
    sums = [c for c in report.checks if c.rule == "HF101"]
    assert sums and all(c.status.value == "pass" for c in sums)
    assert any(c.basis == "hedge" for c in sums) and any(c.basis == "exact" for c in sums)
