"""Documents x rules -> Report. One failing document or rule never stops the run.

`run()` is the single entry point the API and the CLI use:

1. read every input (files, folders, `Document` objects, raw texts); an unreadable one
   becomes an HF9xx problem and the others are still checked;
2. read each document's names (acronyms, aliases) and merge them into one name table;
3. per document (in worker processes with ``jobs`` > 1, see `hetao_facts._parallel`):
   extract claims, link them into typed relations (`hetao_facts.link`) and run the rules
   whose scope is ``document`` or ``link`` (relations never cross documents);
4. merge the documents' results into one `Context` and run the ``subject`` rules; a
   crashing rule becomes an HF910 problem naming the rule;
5. sort everything deterministically and return a `Report`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hetao_facts import __version__
from hetao_facts._budget import Budget
from hetao_facts._parallel import (
    DocumentResult,
    keep,
    kept_out_of_gc,
    names_all,
    process_all,
    run_rules,
)
from hetao_facts.context import Context
from hetao_facts.documents import Document, discover, document_from_text, load_document
from hetao_facts.errors import DocumentError, FactSheetError, UsageError
from hetao_facts.extract.core import Extraction
from hetao_facts.intervals import DEFAULT_TOLERANCES, Tolerances
from hetao_facts.link import Relation
from hetao_facts.model import Check, Coverage, DocumentInfo, Problem, Report, Status, stable_id
from hetao_facts.names import merge_names
from hetao_facts.rules.base import Rule, Scope, settle_fixes
from hetao_facts.rules.registry import all_rules
from hetao_facts.subjects import EntityIndex

__all__ = ["Input", "load_inputs", "run"]

Input = str | os.PathLike[str] | Document

_STATUS_ORDER = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2}


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 4096:
        return False
    return os.path.exists(s) or s.endswith((".txt", ".md", ".markdown")) or os.sep in s


def load_inputs(
    inputs: Sequence[Input] | Input,
    *,
    encoding: str = "utf-8",
    include: Sequence[str] = ("*.txt", "*.md", "*.markdown"),
    exclude: Sequence[str] = (),
) -> tuple[list[Document], list[Problem]]:
    """Read inputs into Documents; problems are collected, never raised."""
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    docs: list[Document] = []
    problems: list[Problem] = []
    paths: list[str | os.PathLike[str]] = []
    n_text = 0
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, os.PathLike) or _looks_like_path(str(item)):
            paths.append(item)
        else:
            n_text += 1
            name = "<text>" if n_text == 1 else f"<text {n_text}>"
            docs.append(document_from_text(str(item), id=name))
    if paths:
        files, errors = discover(paths, include=include, exclude=exclude)
        for err in errors:
            problems.append(Problem(code=err.code, path=err.path, message=err.problem))
        for f in files:
            try:
                docs.append(load_document(f, encoding=encoding))
            except DocumentError as err:
                problems.append(Problem(code=err.code, path=err.path, message=err.problem))
            except OSError as err:  # anything the loader did not foresee
                problems.append(Problem(code="HF901", path=str(f), message=f"cannot read: {err}"))
    return docs, problems


def _distinct_ids(checks: list[Check]) -> list[Check]:
    """Document-scope checks were made on one-document contexts: a check id met again in a
    later document is told apart as one context would (by status and message)."""
    seen: set[str] = set()
    out: list[Check] = []
    for c in checks:
        if c.id in seen:
            c = c.model_copy(update={"id": stable_id("k", c.id, c.status, c.message)})
        seen.add(c.id)
        out.append(c)
    return out


def run(
    inputs: Sequence[Input] | Input,
    *,
    facts: Any = None,
    rules: Iterable[Rule] | None = None,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
    encoding: str = "utf-8",
    include: Sequence[str] = ("*.txt", "*.md", "*.markdown"),
    exclude: Sequence[str] = (),
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    budget: Budget | None = None,
    executor: Any = None,
    scheduler: str | None = None,
) -> Report:
    """Check documents and return a Report (see the module docstring).

    ``jobs`` processes do the per-document work (0: one per core; 1: in this process); the
    report is the same whatever the number. ``executor`` "dask" (a cluster at
    ``scheduler``, else a LocalCluster of ``jobs`` workers) or a ``distributed.Client``
    runs it on Dask (see `hetao_facts._dask`), with the same report. ``progress(done,
    total)`` is called after each document's extraction. ``budget`` limits the time and
    memory of each document's extraction, in the process that extracts it (a document past
    it fails alone; see `hetao_facts._budget`).
    """
    with kept_out_of_gc():  # what the run keeps is frozen out of garbage collection
        return _run(
            inputs,
            facts=facts,
            rules=rules,
            tolerances=tolerances,
            encoding=encoding,
            include=include,
            exclude=exclude,
            jobs=jobs,
            progress=progress,
            budget=budget,
            executor=executor,
            scheduler=scheduler,
        )


def _run(
    inputs: Sequence[Input] | Input,
    *,
    facts: Any,
    rules: Iterable[Rule] | None,
    tolerances: Tolerances,
    encoding: str,
    include: Sequence[str],
    exclude: Sequence[str],
    jobs: int,
    progress: Callable[[int, int], None] | None,
    budget: Budget | None,
    executor: Any,
    scheduler: str | None,
) -> Report:
    docs, problems = load_inputs(inputs, encoding=encoding, include=include, exclude=exclude)
    sheet = None
    if facts is not None:
        from hetao_facts.facts import FactSheet, load_fact_sheets

        try:
            sheet = facts if isinstance(facts, FactSheet) else load_fact_sheets(facts)
        except FactSheetError as err:
            for p in err.problems:
                problems.append(Problem(code="HF906", path=err.path, message=p))
    # Duplicate ids (the same file named twice) are read once.
    uniq: dict[str, Document] = {}
    for d in docs:
        uniq.setdefault(d.id, d)
    docs = [uniq[k] for k in sorted(uniq)]

    active = list(rules) if rules is not None else [cls() for cls in all_rules()]
    per_doc = [r for r in active if r.scope.per_document]
    if executor is not None and executor != "local":
        from hetao_facts._dask import DaskRun, client_for, run_on_dask

        given = client_for(executor)
        if given is None and executor != "dask":
            raise UsageError(
                f"executor: expected 'local', 'dask' or a distributed.Client, got {executor!r}"
            )
        partitioned = [r for r in active if r.scope is Scope.SUBJECT and r.partitioned]
        with DaskRun(given, scheduler, workers=jobs if jobs > 0 else os.cpu_count() or 1) as c:
            index, results, done, found, crashed = run_on_dask(
                c, docs, sheet, tolerances, per_doc, partitioned
            )
        keep()  # the documents' results are kept to the end
        if len(results) == len(docs):
            if progress is not None:
                progress(len(docs), len(docs))
            problems.extend(crashed)
            return _merge(
                docs, results, index, sheet, tolerances, active, problems, jobs, done, found
            )
        jobs = 1  # a worker changed the name table beyond display names: redo it here
    # jobs > 1 reads names and processes documents in worker processes, with output
    # identical to jobs=1 (see _parallel)
    index = merge_names(names_all(docs, jobs=jobs))
    if sheet is not None:
        sheet.apply(index)
    results = process_all(
        docs, index, tolerances, per_doc, sheet, jobs=jobs, progress=progress, budget=budget
    )
    keep()  # the documents' results are kept to the end
    return _merge(docs, results, index, sheet, tolerances, active, problems, jobs)


def _merge(
    docs: Sequence[Document],
    results: Sequence[DocumentResult],
    index: EntityIndex,
    sheet: Any,
    tolerances: Tolerances,
    active: Sequence[Rule],
    problems: list[Problem],
    jobs: int = 1,
    done: Sequence[Rule] = (),
    found: Sequence[Check] = (),
) -> Report:
    """The documents' results merged, the corpus-scope rules run (but those ``done``
    already, whose checks are ``found``), and the Report."""
    extractions: dict[str, Extraction] = {}
    relations: dict[str, tuple[Relation, ...]] = {}
    checks: list[Check] = []
    for d, res in zip(docs, results, strict=True):
        extractions[d.id] = res.extraction
        relations[d.id] = res.relations
        checks.extend(res.checks)
        problems.extend(res.problems)
    checks = _distinct_ids(checks)
    ctx = Context(
        documents={d.id: d for d in docs},
        extractions=extractions,
        index=index,
        facts=sheet,
        tolerances=tolerances,
        relations=relations,
    )
    corpus = [r for r in active if not r.scope.per_document and r not in done]
    checks.extend(found)
    ran, crashed = run_rules(ctx, corpus, jobs=jobs)
    checks.extend(ran)
    problems.extend(crashed)
    checks = settle_fixes(checks)  # one replacement per figure across rules
    checks.sort(
        key=lambda c: (
            _STATUS_ORDER[c.status],
            c.rule,
            c.locations[0].document if c.locations else "",
            c.locations[0].start if c.locations else 0,
            c.id,
        )
    )
    exs = [extractions[d.id] for d in docs]
    coverage = Coverage.from_items(
        sum(ex.numerals for ex in exs),
        sum(ex.claimed_numerals for ex in exs),
        [item for ex in exs for item in ex.set_aside],
        claims=sum(len(ex.claims) for ex in exs),
    )
    infos = tuple(
        DocumentInfo(
            id=d.id,
            path=d.path,
            date=d.date,
            date_source=d.date_source,
            format=d.format,
            characters=len(d.text),
            lines=d.text.count("\n") + 1,
            claims=len(extractions[d.id].claims),
        )
        for d in docs
    )
    report = Report(
        tool={"name": "hetao-facts", "version": __version__},
        documents=infos,
        claims=tuple(ctx.claims),
        relations=tuple(r for d in docs for r in relations[d.id]),
        checks=tuple(checks),
        problems=tuple(sorted(problems, key=lambda p: (p.path or "", p.code, p.message))),
        coverage=coverage,
    )
    report._texts.update({d.id: d.text for d in docs})
    return report
