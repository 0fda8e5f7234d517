"""Narrow a report down: by rule, status, subject, document or kind of figure.

>>> import hetao_facts
>>> report = hetao_facts.check(["seeds/"])                          # doctest: +SKIP
>>> report.filter(status="fail")                                    # doctest: +SKIP
<Report 1 document, 3 claims, 2 checks, 2 failing>
>>> report.filter(subject="Hong Kong park", kind="area").claims     # doctest: +SKIP

`Report.filter` is :func:`filter_report`. Check criteria (``rule``, ``status``) select
checks; claim criteria (``subject``, ``document``, ``kind``) select claims and the checks
that involve at least one of them. Given both, a check must meet the check criteria and
involve a selected claim. The new report holds the selected checks, the selected claims
(only with claim criteria alone) and every claim a selected check involves, so each
check's evidence stays whole and the report stays consistent; :func:`claims_about` gives
just the claims about a subject. Each criterion takes one value or several (any of them
matches); matching ignores case, and a rule is named by code, by a prefix of codes as on
the command line (``rule="HF2"``: every 2xx rule) or by name. Problems are narrowed by
document and rule; the coverage of the run is kept as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from hetao_facts.subjects import normalize_name

if TYPE_CHECKING:
    from hetao_facts.claims import Claim
    from hetao_facts.model import Check, Report

__all__ = ["Criterion", "claims_about", "filter_report"]

#: One value or several: ``"HF101"`` or ``["HF101", "HF102"]``.
Criterion = str | Iterable[str] | None


def _values(criterion: Criterion) -> set[str] | None:
    if criterion is None:
        return None
    items = [criterion] if isinstance(criterion, str) else list(criterion)
    return {str(getattr(v, "value", v)).casefold() for v in items}


def _subject_keys(report: Report, wanted: set[str]) -> set[str]:
    """Canonical subject keys named by `wanted` (as a key, as written, or normalized)."""
    names = {normalize_name(w) for w in wanted} | wanted
    keys: set[str] = set()
    for c in report.claims:
        if c.subject is None:
            continue
        written = c.subject_text or ""
        if (
            c.subject.casefold() in names
            or written.casefold() in names
            or normalize_name(written) in names
        ):
            keys.add(c.subject)
    return keys


def claims_about(report: Report, subject: Criterion) -> list[Claim]:
    """Every claim about a subject, named as the texts name it ("HTCZ", "the Hong Kong
    park") or by its canonical key; all the ways the texts name it are included."""
    wanted = _values(subject)
    if not wanted:
        return []
    keys = _subject_keys(report, wanted)
    return [c for c in report.claims if c.subject in keys]


def _document_ids(report: Report, wanted: set[str]) -> set[str]:
    """Document ids named by id, path or file name."""
    out: set[str] = set()
    for d in report.documents:
        names = {d.id, d.path or "", os.path.basename(d.path or d.id)}
        if any(n.casefold() in wanted for n in names if n):
            out.add(d.id)
    for c in report.claims:  # claims of documents the report does not list
        if c.document.casefold() in wanted:
            out.add(c.document)
    return out


def _rule_matches(code: str, name: str, rules: set[str]) -> bool:
    """A code, a prefix of codes ("hf2", as on the command line) or a rule name."""
    low = code.casefold()
    return name in rules or any(
        low == r or (r.startswith("hf") and low.startswith(r)) or r == "all" for r in rules
    )


def _check_matches(check: Check, rules: set[str] | None, statuses: set[str] | None) -> bool:
    if rules is not None and not _rule_matches(check.rule, check.name, rules):
        return False
    return statuses is None or check.status.value in statuses


def filter_report(
    report: Report,
    *,
    rule: Criterion = None,
    status: Criterion = None,
    subject: Criterion = None,
    document: Criterion = None,
    kind: Criterion = None,
) -> Report:
    """A new Report holding only what matches (see the module docstring)."""
    rules, statuses = _values(rule), _values(status)
    subjects, documents, kinds = _values(subject), _values(document), _values(kind)
    by_claim = rules is None and statuses is None
    by_check = subjects is None and documents is None and kinds is None
    if by_claim and by_check:
        return report

    selected: set[str] | None = None  # claim ids meeting the claim criteria
    doc_ids: set[str] | None = None
    if not by_check:
        subject_keys = _subject_keys(report, subjects) if subjects is not None else None
        doc_ids = _document_ids(report, documents) if documents is not None else None
        selected = {
            c.id
            for c in report.claims
            if (subject_keys is None or c.subject in subject_keys)
            and (doc_ids is None or c.document in doc_ids)
            and (kinds is None or c.kind in kinds)
        }

    checks = tuple(
        ch
        for ch in report.checks
        if _check_matches(ch, rules, statuses)
        and (selected is None or any(cid in selected for cid in ch.claims))
    )
    keep = {cid for ch in checks for cid in ch.claims}
    if by_claim:
        assert selected is not None
        keep |= selected
    claims = tuple(c for c in report.claims if c.id in keep)

    used = {c.document for c in claims} | {d for ch in checks for d in ch.documents}
    if doc_ids is not None:
        used |= doc_ids
    infos = tuple(d for d in report.documents if d.id in used)

    problems = report.problems
    if doc_ids is not None:
        paths = {d.path for d in infos if d.path} | doc_ids
        problems = tuple(p for p in problems if p.path in paths)
    if rules is not None:
        problems = tuple(p for p in problems if p.rule is None or _rule_matches(p.rule, "", rules))
    return report.model_copy(
        update={"documents": infos, "claims": claims, "checks": checks, "problems": problems}
    )
