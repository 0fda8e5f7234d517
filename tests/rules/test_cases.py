"""Run every rule's case file: tests/rules/cases/HFnnn.yml.

A case file::

    rule: HF101
    cases:
      - name: parts add up
        docs:                      # one text per document (a plain string is one document)
          - "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong."
          - "The zone covers 3.89 km²."
        date: 2023-09-05           # optional document date
        format: markdown           # optional: text (default) or markdown
        expect: pass               # pass | warn | fail | none (no failing or warning check)
        message: "3.89"            # optional fragment of the check's message

`fail` means at least one failing check of the rule; `pass` at least one passing check
and no failing one; `warn` at least one warning and no failure; `none` neither a warning
nor a failure of the rule.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.rules.registry import get_rule

CASES = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for f in sorted(CASES.glob("HF*.yml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append((data["rule"], {"file": f.name, "index": i, **case}))
    return out


ALL = _load()


def run_case(code: str, case: dict[str, Any]) -> list[Any]:
    docs = case["docs"]
    if isinstance(docs, str):
        docs = [docs]
    date = case.get("date")
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    fmt = case.get("format", "text")
    ext = "md" if fmt == "markdown" else "txt"
    documents = [
        document_from_text(t, id=f"doc{i + 1}.{ext}", date=date, format=fmt)
        for i, t in enumerate(docs)
    ]
    rule = get_rule(code)()
    report = run(documents, rules=[rule], facts=case.get("facts_path"))
    assert not report.problems, report.problems
    return [c for c in report.checks if c.rule == code]


@pytest.mark.parametrize(("code", "case"), ALL, ids=[f"{c}-{k['name']}" for c, k in ALL])
def test_rule_case(code: str, case: dict[str, Any]) -> None:
    checks = run_case(code, case)
    statuses = [c.status.value for c in checks]
    expect = case["expect"]
    detail = "\n".join(f"  {c.status.value}: {c.message}" for c in checks) or "  (no checks)"
    if expect == "fail":
        assert "fail" in statuses, f"expected a failure:\n{detail}"
    elif expect == "pass":
        assert "pass" in statuses and "fail" not in statuses, f"expected a pass:\n{detail}"
    elif expect == "warn":
        assert "warn" in statuses and "fail" not in statuses, f"expected a warning:\n{detail}"
    elif expect == "none":
        assert "fail" not in statuses and "warn" not in statuses, f"expected nothing:\n{detail}"
    else:  # pragma: no cover
        raise AssertionError(f"unknown expect {expect!r}")
    frag = case.get("message")
    if frag:
        wanted = [c for c in checks if c.status.value == expect] or checks
        assert any(frag in c.message for c in wanted), f"no message contains {frag!r}:\n{detail}"
