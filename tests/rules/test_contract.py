"""Every rule honours the contract: unique code, kebab name, documented, has cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hetao_facts.rules.base import DOC_SECTIONS, Rule
from hetao_facts.rules.registry import all_rules

CASES = Path(__file__).parent / "cases"
RULES = all_rules()


def test_there_are_rules() -> None:
    assert len(RULES) >= 8


def test_codes_unique() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_documented_and_has_cases(rule: type[Rule]) -> None:
    for section in DOC_SECTIONS:
        assert rule.section(section), f"{rule.code}: empty section {section!r}"
    f = CASES / f"{rule.code}.yml"
    assert f.exists(), f"{rule.code} has no case file {f}"
    data = yaml.safe_load(f.read_text(encoding="utf-8"))
    assert data["rule"] == rule.code
    expects = {c["expect"] for c in data["cases"]}
    assert expects & {"fail", "warn"}, f"{rule.code}: no flagged case"
    assert expects & {"pass", "none"}, f"{rule.code}: no consistent case"


def test_malformed_rule_cannot_be_defined() -> None:
    from hetao_facts.errors import RuleError

    with pytest.raises(RuleError):

        class Bad(Rule):
            """No sections."""

            code = "HF999"
            name = "bad-rule"

    with pytest.raises(RuleError):

        class BadCode(Rule):
            """x

            What it checks:
                x
            Why it matters:
                x
            Flagged:
                x
            Consistent:
                x
            """

            code = "X1"
            name = "bad-code"
