"""Extract several documents at once (``--jobs N``) with exactly the output of one process.

Extraction of one document reads the corpus-wide :class:`~hetao_facts.subjects.EntityIndex`
and writes one thing to it: ``index.display``, how each entity is printed, where the first
suitable name in document order wins. Run in parallel, each worker starts from the same
index and records every name it offers (in order); the parent then replays those offers in
document order through the same rule, so the index ends exactly as after a sequential run.
Any other change a worker makes to the index (a future extractor may) makes the parent
redo the extraction in-process: slower, never different.

``jobs=1`` (and any run of one document) stays in-process. Results keep the documents'
order whatever order the workers finish in. A ``budget`` (time and memory per document,
:mod:`hetao_facts._budget`) is applied around each document's extraction, in the worker
that extracts it.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from hetao_facts._budget import Budget, within_budget
from hetao_facts.documents import Document
from hetao_facts.extract.core import Extraction, extract_document
from hetao_facts.intervals import Tolerances
from hetao_facts.subjects import EntityIndex, normalize_name

__all__ = ["extract_all", "worker_count"]

Progress = Callable[[int, int], None]
Result = Extraction | str  # an extraction, or why it failed ("ValueError: ...")


def worker_count(jobs: int, n_docs: int) -> int:
    """Processes to use: ``jobs`` (0 = one per core), never more than documents."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n_docs))


def _safe_extract(doc: Document, index: EntityIndex, tolerances: Tolerances) -> Result:
    try:
        return extract_document(doc, index, tolerances)
    except Exception as exc:  # one document's crash must not stop the others
        return f"{type(exc).__name__}: {exc}"


def _budgeted(
    doc: Document, index: EntityIndex, tolerances: Tolerances, budget: Budget | None
) -> Result:
    return within_budget(budget, lambda: _safe_extract(doc, index, tolerances))


def _sequential(
    docs: Sequence[Document],
    index: EntityIndex,
    tolerances: Tolerances,
    progress: Progress | None,
    budget: Budget | None = None,
) -> list[Result]:
    out: list[Result] = []
    for i, doc in enumerate(docs):
        out.append(_budgeted(doc, index, tolerances, budget))
        if progress is not None:
            progress(i + 1, len(docs))
    return out


class _Recorder(dict[str, str]):
    """A ``display`` table that accepts every name offered and logs the offers in order.

    ``key in table`` is always False, so the extractor offers every candidate name; the
    parent replays the log through :func:`_offer_display`, the extractor's own rule.
    """

    def __init__(self, log: list[tuple[str, str]]) -> None:
        super().__init__()
        self.log = log

    def __contains__(self, key: object) -> bool:
        return False

    def __setitem__(self, key: str, value: str) -> None:
        self.log.append((key, value))
        super().__setitem__(key, value)


def _offer_display(index: EntityIndex, key: str, shown: str) -> None:
    """The rule `subjects.find_mentions` applies to ``index.display`` (keep them in step)."""
    display = index.display
    if key not in display or (
        normalize_name(shown) == key
        and normalize_name(display[key]) != key
        and display[key] not in index.acronyms
    ):
        display[key] = shown


def _is_empty(v: Any) -> bool:
    return isinstance(v, dict | set | list) and not v


def _state(index: EntityIndex) -> dict[str, Any]:
    """The index's contents other than ``display``, with empty entries dropped."""

    def norm(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items() if not _is_empty(x)}
        return v

    if dataclasses.is_dataclass(index):
        names = [f.name for f in dataclasses.fields(index)]
    else:  # pragma: no cover - EntityIndex is a dataclass today
        names = list(vars(index))
    return {n: norm(getattr(index, n)) for n in names if n != "display"}


_INDEX: bytes = b""
_BASE: dict[str, Any] = {}
_TOLERANCES: Tolerances | None = None
_BUDGET: Budget | None = None


def _init(index: bytes, tolerances: Tolerances, budget: Budget | None = None) -> None:
    global _INDEX, _BASE, _TOLERANCES, _BUDGET
    _INDEX = index
    _BASE = _state(pickle.loads(index))
    _TOLERANCES = tolerances
    _BUDGET = budget


def _work(doc: Document) -> tuple[Result, list[tuple[str, str]], bool]:
    index: EntityIndex = pickle.loads(_INDEX)  # a fresh copy for every document
    log: list[tuple[str, str]] = []
    recorder = _Recorder(log)
    recorder.update(index.display)
    log.clear()
    index.display = recorder
    assert _TOLERANCES is not None
    result = _budgeted(doc, index, _TOLERANCES, _BUDGET)
    return result, log, _state(index) != _BASE


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def extract_all(
    docs: Sequence[Document],
    index: EntityIndex,
    tolerances: Tolerances,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    budget: Budget | None = None,
) -> list[Result]:
    """Extract every document, in order; ``index.display`` ends as after a sequential run.
    ``budget`` limits each document's extraction (see :mod:`hetao_facts._budget`)."""
    workers = worker_count(jobs, len(docs))
    if workers <= 1:
        return _sequential(docs, index, tolerances, progress, budget)
    try:
        payload = pickle.dumps(index)
        results: list[Result] = []
        logs: list[list[tuple[str, str]]] = []
        changed = False
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=_init,
            initargs=(payload, tolerances, budget),
        ) as pool:
            for i, (result, log, other) in enumerate(pool.map(_work, docs, chunksize=1)):
                results.append(result)
                logs.append(log)
                changed = changed or other
                if progress is not None:
                    progress(i + 1, len(docs))
    except (OSError, pickle.PicklingError, RuntimeError):
        # No processes to be had here (or a document that does not pickle): do it in-process.
        return _sequential(docs, index, tolerances, progress, budget)
    if changed:
        return _sequential(docs, index, tolerances, None, budget)
    for log in logs:
        for key, shown in log:
            _offer_display(index, key, shown)
    return results
