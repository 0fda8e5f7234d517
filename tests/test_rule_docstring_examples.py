"""Every rule's documented examples do what its page says: the "Flagged" example gets a
failure or a warning from the rule, the "Consistent" one neither.

The examples are read from the docstring as a user reads them on the rule's page: each
quoted text is a document (quotes joined by "..." are separate documents), and "(dated
YYYY-MM-DD)" before them is the document date.
"""

from __future__ import annotations

import datetime
import re

import pytest

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.rules.base import Rule
from hetao_facts.rules.registry import all_rules

#: examples that need more than texts and a date
NEEDS_MORE = {"HF301": "a fact sheet (tests/test_facts.py checks it)"}

_DATED = re.compile(r"\(dated (\d{4}-\d{2}-\d{2})\)")


def _documents(text: str) -> list[list[str]]:
    """The quoted texts of an example, grouped into documents: a "..." between two quotes
    starts a new document; text outside the quotes (remarks in brackets) is not read."""
    parts = text.split('"')
    docs: list[list[str]] = [[]]
    for i, part in enumerate(parts):
        if i % 2:  # inside quotes
            docs[-1].append(part)
        elif "..." in part and docs[-1]:
            docs.append([])
        elif part.strip() and docs[-1] and i + 1 < len(parts):
            # a remark between quotes that is not "...": the example ends there
            break
    return [d for d in docs if d]


def _statuses(rule: type[Rule], section: str) -> set[str]:
    text = rule.section(section)
    dated = _DATED.search(text)
    date = datetime.date.fromisoformat(dated.group(1)) if dated else None
    groups = _documents(text)
    assert groups, f"{rule.code}: no quoted example under {section}"
    docs = [
        document_from_text(" ".join(g), id=f"example{i}.txt", date=date)
        for i, g in enumerate(groups)
    ]
    report = run(docs, rules=[rule()])
    return {c.status.value for c in report.checks if c.rule == rule.code}


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.code not in NEEDS_MORE], ids=str)
def test_documented_examples(rule: type[Rule]) -> None:
    flagged = _statuses(rule, "Flagged")
    assert flagged & {"fail", "warn"}, f"{rule.code}: its Flagged example gives {flagged}"
    consistent = _statuses(rule, "Consistent")
    assert not consistent & {"fail", "warn"}, (
        f"{rule.code}: its Consistent example gives {consistent}"
    )
