"""The public functions: extract, check, check_text, explain, load_documents."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from hetao_facts.claims import Claim
from hetao_facts.documents import Document, document_from_text
from hetao_facts.engine import Input, load_inputs, run
from hetao_facts.extract.core import extract_document, index_documents
from hetao_facts.intervals import DEFAULT_TOLERANCES, Tolerances
from hetao_facts.model import Report
from hetao_facts.rules.registry import get_rule

__all__ = ["check", "check_text", "explain", "extract", "load_documents"]


def extract(
    text: str | Document,
    *,
    date: datetime.date | None = None,
    document: str = "<text>",
    tolerances: Tolerances = DEFAULT_TOLERANCES,
) -> list[Claim]:
    """Every figure in `text` as a typed claim, in text order."""
    doc = text if isinstance(text, Document) else document_from_text(text, id=document, date=date)
    index = index_documents([doc])
    return extract_document(doc, index, tolerances).claims


def check(
    paths_or_texts: Sequence[Input] | Input,
    facts: Any = None,
    **options: Any,
) -> Report:
    """Check files, folders, Documents or raw texts; returns a Report.

    Bad input never raises: it becomes a problem in the report.
    """
    return run(paths_or_texts, facts=facts, **options)


def check_text(
    text: str, *, date: datetime.date | None = None, facts: Any = None, **options: Any
) -> Report:
    """Check one text given as a string."""
    return run([document_from_text(text, date=date)], facts=facts, **options)


def load_documents(paths: Sequence[Input] | Input, **options: Any) -> list[Document]:
    """Read documents (raises nothing: see Report.problems via `check` for errors)."""
    docs, _ = load_inputs(paths, **options)
    return docs


def explain(code: str) -> str:
    """The documentation of one rule (its docstring), by code or name."""
    cls = get_rule(code)
    return (
        f"{cls.code} {cls.name} (default severity: {cls.severity.value})\n\n{cls.documentation()}"
    )
