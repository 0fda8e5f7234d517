"""Rules only do arithmetic: they read relations and claims, never the raw text (#10 item 2).

Finding evidence in the text (cue words, sentences, mentions, regular expressions) belongs
to the linking stage (`hetao_facts.link`), where it is shared and tested once. This test
reads each rule module's source and fails when one reaches for the text. A claim's own
``.text`` (the figure as written) may be shown in a message; the document's may not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parent.parent / "hetao_facts" / "rules"

# Rules that still find some of their own evidence in the text: each leaves this list when
# its evidence moves into the linking stage. The list only shrinks.
NOT_YET: set[str] = set()

# what reading the text looks like, in a rule's source
_MODULES = {"re", "regex", "hetao_facts.subjects", "hetao_facts.structure"}
_ATTRIBUTES = {"documents", "mentions_between", "sentence_index", "claims_between", "mentions"}


def _rule_files() -> list[str]:
    return sorted(
        p.relative_to(RULES).as_posix()
        for p in RULES.rglob("*.py")
        if p.name != "__init__.py" and p.parent != RULES
    )


def reads_text(source: str) -> list[str]:
    """What in ``source`` reads the documents' text (empty: arithmetic only)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name in _MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module in _MODULES:
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr in _ATTRIBUTES:
            found.append(f".{node.attr} (line {node.lineno})")
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "text"
            and isinstance(node.slice, ast.Slice)
        ):
            found.append(f".text[...] slice (line {node.lineno})")
    return found


@pytest.mark.parametrize("name", [n for n in _rule_files() if n not in NOT_YET])
def test_rule_reads_only_relations_and_claims(name: str) -> None:
    got = reads_text((RULES / name).read_text(encoding="utf-8"))
    assert not got, f"{name} reads the text itself: {got}; move that into hetao_facts.link"


def test_not_yet_list_is_current() -> None:
    """A rule on the list that no longer reads the text must leave the list (it is empty
    now: every rule reads relations and claims only)."""
    for name in sorted(NOT_YET):
        assert (RULES / name).exists(), f"{name} is gone: take it off NOT_YET"
        assert reads_text((RULES / name).read_text(encoding="utf-8")), (
            f"{name} reads only relations and claims now: take it off NOT_YET"
        )
    assert len(_rule_files()) >= 29  # the rule modules were found at all


def test_the_detector_sees_text_reading() -> None:
    assert reads_text("import re\n")
    assert reads_text("def f(ctx):\n    return ctx.documents['a'].text[0:5]\n")
    assert reads_text("def f(ctx, d):\n    return ctx.mentions_between(d, 0, 9)\n")
    assert not reads_text("def f(ctx):\n    return [c.text for c in ctx.claims]\n")
