"""Per-document work, in this process or in workers (``--jobs N``), with the output of one.

A run splits into what one document needs alone and what needs the whole corpus:

1. :func:`names_all` -- each document's :class:`~hetao_facts.names.NamesPart` (pure per
   document); the parent merges them into the name table (``merge_names``);
2. :func:`process_all` -- per document: extraction (which reads the frozen name table),
   linking (:func:`hetao_facts.link.link_document`) and the rules whose ``scope`` is
   ``document`` or ``link`` (run on a one-document :class:`~hetao_facts.context.Context`);
   then the document forgets what only those steps read (mentions, structure, spans);
3. the engine merges the documents' results and runs the ``subject`` rules.

The same :func:`process_document` runs in-process (``jobs=1``), in a worker process, or on
a Dask worker (``hetao_facts._dask``), so the report is the same whichever runs it.

Extraction writes one thing to the name table: ``index.display``, how each entity is
printed, where the first suitable name in document order wins. Away from the parent, each
document starts from a copy of the table and records every name it offers (in order); the
parent replays those offers in document order through the same rule, so the table ends
exactly as after a sequential run. Any other change a worker makes to the table (a future
extractor may) makes the parent redo the work in-process: slower, never different.

Workers send each document back as one compact record: a pickle made by
:func:`dumps_record`, which stores a pydantic model as its class, field dict and set of
fields (not through pydantic's own ``__setstate__``), and which the parent reads with
garbage collection paused (a collection pass per thousand new objects otherwise takes more
time than the reading). Measured on a 10 MB corpus: see ``benchmarks/RESULTS.md``.

A ``budget`` (time and memory per document, :mod:`hetao_facts._budget`) is applied
around each document's extraction, linking and document rules, in the process that does
them.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import multiprocessing
import os
import pickle
import sys
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel

from hetao_facts._budget import Budget, TimeUp, within_budget
from hetao_facts.documents import Document
from hetao_facts.extract.core import Extraction, extract_document
from hetao_facts.intervals import Tolerances
from hetao_facts.model import Check, Problem
from hetao_facts.names import NamesPart, names_part
from hetao_facts.subjects import EntityIndex, normalize_name

if TYPE_CHECKING:
    from hetao_facts.context import Context
    from hetao_facts.facts import FactSheet
    from hetao_facts.link import Relation
    from hetao_facts.rules.base import Rule

__all__ = [
    "DocumentResult",
    "dumps_record",
    "loads_record",
    "names_all",
    "partition_of",
    "process_all",
    "process_document",
    "replay_offers",
    "run_rules",
    "split_by_subject",
    "subject_partitions",
    "worker_count",
]

Progress = Callable[[int, int], None]


def worker_count(jobs: int, n_docs: int) -> int:
    """Processes to use: ``jobs`` (0 = one per core), never more than documents."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n_docs))


# --------------------------------------------------------------------------------------------
# One document


@dataclass(slots=True)
class DocumentResult:
    """What one document gives: its extraction, relations, document-scope checks, the
    problems met, and (away from the parent) the display names it offered, in order."""

    document: str
    extraction: Extraction
    relations: tuple[Relation, ...] = ()
    checks: list[Check] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    offers: list[tuple[str, str]] = field(default_factory=list)
    index_changed: bool = False


def _failure_code(exc: BaseException) -> str | None:
    """HF905 for what stops a whole document (its time or memory limit, see pipeline)."""
    if isinstance(exc, MemoryError | TimeUp):
        return "HF905"
    return None


def process_document(
    doc: Document,
    index: EntityIndex,
    tolerances: Tolerances,
    rules: Sequence[Rule] = (),
    facts: FactSheet | None = None,
    budget: Budget | None = None,
) -> DocumentResult:
    """Extraction, linking and the document-scope ``rules`` for one document, within
    ``budget`` (a document past it gives no claims and an HF905 problem saying why).

    A crash in any step becomes a problem of this document, never an exception: the
    extraction's (HF905, no claims), the linking's (HF905), a rule's (HF910).
    """
    got = within_budget(budget, lambda: _process(doc, index, tolerances, rules, facts))
    doc.release_parsed()
    if isinstance(got, DocumentResult):
        # the mentions served extraction and linking; no rule reads them (rules read
        # relations and claims only), and a run would otherwise hold every document's
        got.extraction.mentions = []
        return got
    out = DocumentResult(document=doc.id, extraction=Extraction())
    out.problems.append(
        Problem(code="HF905", path=doc.path or doc.id, message=f"extraction failed: {got}")
    )
    return out


def _process(
    doc: Document,
    index: EntityIndex,
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
) -> DocumentResult:
    from hetao_facts.context import Context
    from hetao_facts.link import link_document

    path = doc.path or doc.id
    out = DocumentResult(document=doc.id, extraction=Extraction())
    try:
        out.extraction = extract_document(doc, index, tolerances)
    except Exception as exc:  # one document's crash must not stop the others
        out.problems.append(
            Problem(
                code="HF905", path=path, message=f"extraction failed: {type(exc).__name__}: {exc}"
            )
        )
        return out
    try:
        out.relations = link_document(
            doc,
            out.extraction.claims,
            out.extraction.mentions,
            index,
            out.extraction.main_entity,
        )
    except Exception as exc:
        out.problems.append(
            Problem(
                code="HF905",
                path=path,
                message=f"linking failed: {type(exc).__name__}: {exc}",
            )
        )
    if not rules:
        return out
    ctx = Context(
        documents={doc.id: doc},
        extractions={doc.id: out.extraction},
        index=index,
        facts=facts,
        tolerances=tolerances,
        relations={doc.id: out.relations},
    )
    for rule in rules:
        try:
            out.checks.extend(rule.run(ctx))
        except Exception as exc:
            if _failure_code(exc) is not None:
                out.problems.append(
                    Problem(
                        code="HF905",
                        path=path,
                        message=f"extraction failed: {type(exc).__name__}: {exc}",
                    )
                )
                break
            out.problems.append(
                Problem(
                    code="HF910",
                    rule=rule.code,
                    path=path,
                    message=f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
                )
            )
    return out


# --------------------------------------------------------------------------------------------
# The display table away from the parent


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


def replay_offers(index: EntityIndex, results: Sequence[DocumentResult]) -> None:
    """Replay the display names offered away from the parent, in document order."""
    for res in results:
        for key, shown in res.offers:
            _offer_display(index, key, shown)


def _deciding_offers(log: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The offers of ``log`` that can decide a name's display, in order: per key the first
    one, and the first whose name is the key itself (after that no offer changes it, see
    :func:`_offer_display`). Replayed on any table, they leave it as the whole log would;
    a document offers the same names again and again, so this is much shorter."""
    out: list[tuple[str, str]] = []
    first: set[str] = set()
    settled: set[str] = set()
    for key, shown in log:
        if key in settled:
            continue
        exact = normalize_name(shown) == key
        if key not in first or exact:
            out.append((key, shown))
            first.add(key)
            if exact:
                settled.add(key)
    return out


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


def process_detached(
    doc: Document,
    index_bytes: bytes,
    base: dict[str, Any],
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
    budget: Budget | None = None,
) -> DocumentResult:
    """:func:`process_document` on this process's copy of the pickled name table, with a
    display table of its own that records the names offered, and whether anything else
    in the table changed.

    The copy is read once per thread and table, not once per document (reading it is
    proportional to the corpus's vocabulary: per document, the run would grow with the
    documents times the names). Extraction reads the table and writes only the display
    names, which each document offers to a table of its own; the table's memo of name
    look-ups is a pure cache. A document that changes anything else is flagged (the
    parent then redoes the run in-process) and the copy is read again for the next."""
    index, display = _detached_index(index_bytes)
    log: list[tuple[str, str]] = []
    recorder = _Recorder(log)
    recorder.update(display)
    log.clear()
    index.display = recorder
    try:
        result = process_document(doc, index, tolerances, rules, facts, budget)
    finally:
        index.display = display
    result.offers = _deciding_offers(log)
    result.index_changed = _state(index) != base
    if result.index_changed:
        _DETACHED.tables.clear()
    return result


class _Detached(threading.local):
    """This thread's copy of the name table a run sent (one: a new table replaces it).
    Per thread, not per process: a Dask worker runs several documents at once in
    threads, and each sets the display table of the copy it works on."""

    def __init__(self) -> None:
        self.tables: dict[bytes, tuple[EntityIndex, dict[str, str]]] = {}


_DETACHED = _Detached()


def _detached_index(index_bytes: bytes) -> tuple[EntityIndex, dict[str, str]]:
    """The table ``index_bytes`` holds, read once per thread, and its display names."""
    tables = _DETACHED.tables
    got = tables.get(index_bytes)
    if got is None:
        index: EntityIndex = pickle.loads(index_bytes)
        got = (index, index.display)
        tables.clear()
        tables[index_bytes] = got
    return got


# --------------------------------------------------------------------------------------------
# Compact records


def _rebuild_model(
    cls: type[BaseModel], keys: tuple[str, ...], values: tuple[Any, ...], fields_set: set[str]
) -> Any:
    obj = cls.__new__(cls)
    fields = obj.__dict__  # empty and key-sharing: filled key by key, it stays so
    for key, value in zip(keys, values, strict=True):
        fields[key] = value
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def _rebuild_slots(cls: type, values: tuple[Any, ...]) -> Any:
    obj: Any = object.__new__(cls)
    for name, value in zip(cls.__slots__, values, strict=True):  # type: ignore[attr-defined]
        object.__setattr__(obj, name, value)
    return obj


_SLOTTED: dict[type, bool] = {}


def _is_slotted_dataclass(cls: type) -> bool:
    """A dataclass made with ``slots=True`` and no base with slots of its own."""
    got = _SLOTTED.get(cls)
    if got is None:
        slots = cls.__dict__.get("__slots__")
        got = (
            dataclasses.is_dataclass(cls)
            and isinstance(slots, tuple)
            and tuple(f.name for f in dataclasses.fields(cls)) == slots
            and all(not getattr(b, "__slots__", ()) for b in cls.__mro__[1:])
        )
        _SLOTTED[cls] = got
    return got


class _Pickler(pickle.Pickler):
    """Pydantic models as (class, field names, values, fields set) and slotted
    dataclasses as (class, values): one plain call each to read back (their own
    ``__setstate__`` costs several). The field names of a shape of model are one tuple,
    pickled once and then referred to (a pickle's memo), not a dict per model."""

    def __init__(self, file: IO[bytes], protocol: int) -> None:
        super().__init__(file, protocol=protocol)
        self._keys: dict[tuple[str, ...], tuple[str, ...]] = {}

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            if obj.__pydantic_extra__ is None and obj.__pydantic_private__ is None:
                fields = obj.__dict__
                keys = tuple(fields)
                keys = self._keys.setdefault(keys, keys)  # one tuple per shape: pickled once
                values = tuple(fields.values())
                return _rebuild_model, (type(obj), keys, values, obj.__pydantic_fields_set__)
            return NotImplemented
        cls = type(obj)
        if cls.__dict__.get("__slots__") and _is_slotted_dataclass(cls):
            return _rebuild_slots, (cls, tuple(getattr(obj, n) for n in cls.__slots__))
        return NotImplemented


def dumps_record(obj: Any) -> bytes:
    """A compact pickle of a document's result (see the module docstring)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


@contextmanager
def _gc_paused(*, keep_after: bool = False) -> Iterator[None]:
    """Garbage collection off inside the block. ``keep_after``: what the block made is
    kept (see :func:`keep`); it is frozen before collection resumes, or the first young
    collection after the block would walk all of it (0.15 s after the 10 MB run's
    per-document phase)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep_after:
            keep()
        if was:
            gc.enable()


@contextmanager
def _gc_frozen() -> Iterator[None]:
    """The objects alive now kept out of garbage collection while processes are forked:
    a collection in a child would touch (and so copy) every page of the parent's heap."""
    with kept_out_of_gc():
        gc.freeze()
        yield


_KEEPING = 0
"""How many :func:`kept_out_of_gc` scopes are open in this process"""
_CALLER_FROZE = False
"""Whether objects were frozen when the outermost scope opened (by the caller)"""


@contextmanager
def kept_out_of_gc() -> Iterator[None]:
    """A run's scope within which what it keeps (documents, results) may be frozen out of
    garbage collection (:func:`keep`): a full collection would otherwise walk every claim
    and check of the run again and again (7 full passes, 0.7 s, on 10 MB). When the
    outermost scope ends, the objects frozen within it are collectable again, unless the
    caller had frozen some before (then what is frozen stays so: the caller's choice)."""
    global _KEEPING, _CALLER_FROZE
    if _KEEPING == 0:
        _CALLER_FROZE = gc.get_freeze_count() > 0
    _KEEPING += 1
    try:
        yield
    finally:
        _KEEPING -= 1
        if _KEEPING == 0 and not _CALLER_FROZE:
            gc.unfreeze()


def keep() -> None:
    """Within a :func:`kept_out_of_gc` scope, freeze what is alive now: results kept to
    the end of the run (outside one, nothing: it would stay frozen for good)."""
    if _KEEPING:
        gc.freeze()


def loads_record(data: bytes) -> Any:
    """Read a record made by :func:`dumps_record` (garbage collection paused meanwhile:
    the objects read are all kept, so collecting among them is wasted work)."""
    with _gc_paused():
        return pickle.loads(data)


# --------------------------------------------------------------------------------------------
# Worker processes

_DOCS: Sequence[Document] = ()
"""The documents of the run, inherited by forked workers (tasks then name them by index)"""
_INDEX: bytes = b""
_BASE: dict[str, Any] = {}
_TOLERANCES: Tolerances | None = None
_RULES: Sequence[Rule] = ()
_FACTS: FactSheet | None = None
_BUDGET: Budget | None = None


def _init(
    index: bytes,
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
    budget: Budget | None = None,
) -> None:
    global _INDEX, _BASE, _TOLERANCES, _RULES, _FACTS, _BUDGET
    _INDEX = index
    _BASE = _state(pickle.loads(index))
    _TOLERANCES = tolerances
    _RULES = rules
    _FACTS = facts
    _BUDGET = budget


def _doc(task: int | Document) -> Document:
    return _DOCS[task] if isinstance(task, int) else task


def _work(task: int | Document) -> bytes:
    assert _TOLERANCES is not None
    doc = _doc(task)
    return dumps_record(process_detached(doc, _INDEX, _BASE, _TOLERANCES, _RULES, _FACTS, _BUDGET))


def _names_work(tasks: Sequence[int | Document]) -> list[NamesPart]:
    """The names parts of a chunk of documents, each word set without the words of the
    parts before it (the table takes the union of them: the same table, and most of a
    document's words are in the documents before it, so much less to send back)."""
    out: list[NamesPart] = []
    proper: set[str] = set()
    lower: set[str] = set()
    for t in tasks:
        part = names_part(_doc(t))
        if out:
            part = dataclasses.replace(
                part, proper_words=part.proper_words - proper, lower_words=part.lower_words - lower
            )
        proper |= part.proper_words
        lower |= part.lower_words
        out.append(part)
    return out


def _forking() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _context() -> Any:
    return multiprocessing.get_context("fork" if _forking() else None)


@contextmanager
def _shared(docs: Sequence[Document]) -> Iterator[list[int] | Sequence[Document]]:
    """Tasks naming ``docs``: indexes into them for forked workers (which inherit them,
    so the texts are not sent again), else the documents themselves."""
    global _DOCS
    if not _forking():
        yield docs
        return
    _DOCS = docs
    try:
        yield list(range(len(docs)))
    finally:
        _DOCS = ()


def _chunks(tasks: Sequence[Any], n: int, *, taper: int = 1) -> list[Sequence[Any]]:
    """``tasks`` in consecutive chunks of ``n`` at most, each at most a ``2 * taper``-th
    of what is left (one at the least): with ``taper`` processes sharing them, the
    chunks get smaller towards the end, and when the last one is handed out the others
    are busy for about as long as it takes, not up to a whole chunk longer."""
    out: list[Sequence[Any]] = []
    i = 0
    while i < len(tasks):
        step = max(1, min(n, (len(tasks) - i) // (2 * taper)))
        out.append(tasks[i : i + step])
        i += step
    return out


def names_all(docs: Sequence[Document], *, jobs: int = 1) -> list[NamesPart]:
    """Every document's names part, in order (in ``jobs`` processes when more than one:
    this one and ``jobs - 1`` workers, in chunks of documents)."""
    workers = worker_count(jobs, len(docs))
    if workers > 1:
        size = max(1, len(docs) // (workers * 16))
        got: dict[int, list[NamesPart]] = {}
        try:
            with (
                _gc_frozen(),
                _shared(docs) as tasks,
                ProcessPoolExecutor(max_workers=workers - 1, mp_context=_context()) as pool,
            ):
                chunks = _chunks(tasks, size, taper=workers)
                _map_shared(
                    pool,
                    workers - 1,
                    len(chunks),
                    lambda i: _names_work(chunks[i]),
                    lambda i: pool.submit(_names_work, chunks[i]),
                    lambda i, parts, away: got.__setitem__(i, parts),
                )
            return [p for i in range(len(got)) for p in got[i]]
        except (OSError, pickle.PicklingError, RuntimeError):
            pass  # no processes to be had here: do it in-process
    return [names_part(d) for d in docs]


def _sequential(
    docs: Sequence[Document],
    index: EntityIndex,
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
    progress: Progress | None,
    budget: Budget | None = None,
) -> list[DocumentResult]:
    out: list[DocumentResult] = []
    for i, doc in enumerate(docs):
        out.append(process_document(doc, index, tolerances, rules, facts, budget))
        keep()  # kept to the end of the run
        if progress is not None:
            progress(i + 1, len(docs))
    return out


def _map_shared(
    pool: ProcessPoolExecutor,
    helpers: int,
    n: int,
    here: Callable[[int], Any],
    there: Callable[[int], Future[Any]],
    done: Callable[[int, Any, bool], None],
) -> None:
    """Items 0..n-1, each once, shared between this process and ``helpers`` pool processes:
    the pool is kept four items ahead per process, and this process takes the next item
    itself meanwhile, so every core works and nothing of this process's share is copied.
    ``done(i, result, away)`` is called as each finishes (``away``: from the pool)."""
    pending: dict[Future[Any], int] = {}
    ahead = 4 * helpers
    nxt = 0

    def top_up() -> None:
        nonlocal nxt
        while len(pending) < ahead and nxt < n:
            pending[there(nxt)] = nxt
            nxt += 1

    def harvest(block: bool) -> None:
        ready = [f for f in pending if f.done()] if not block else list(pending)
        for f in ready:
            done(pending.pop(f), f.result(), True)

    top_up()
    while nxt < n:
        i = nxt
        nxt += 1
        done(i, here(i), False)
        harvest(block=False)
        top_up()
    # Nothing left to hand out: take back, last first, what the pool has not started, so
    # this process does not sit idle while items wait in the pool's queue.
    while True:
        harvest(block=False)
        queued = next(
            (f for f in sorted(pending, key=pending.__getitem__, reverse=True) if f.cancel()),
            None,
        )
        if queued is None:
            break
        i = pending.pop(queued)
        done(i, here(i), False)
    harvest(block=True)


def process_all(
    docs: Sequence[Document],
    index: EntityIndex,
    tolerances: Tolerances,
    rules: Sequence[Rule] = (),
    facts: FactSheet | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    budget: Budget | None = None,
) -> list[DocumentResult]:
    """:func:`process_document` for every document, in order, in ``jobs`` processes (this
    one and ``jobs - 1`` workers); ``index.display`` ends as after a sequential run.
    ``budget`` limits each document's work (see :mod:`hetao_facts._budget`)."""
    workers = worker_count(jobs, len(docs))
    if workers <= 1:
        return _sequential(docs, index, tolerances, rules, facts, progress, budget)
    payload = pickle.dumps(index)
    base = _state(index)
    got: list[DocumentResult | None] = [None] * len(docs)
    count = 0
    # The longest documents first: the last ones handed out are then the shortest, and
    # no process waits long for another's last document at the end (the results are
    # put in document order, so the order they are made in does not show).
    order = sorted(range(len(docs)), key=lambda i: -len(docs[i].text))

    def here(j: int) -> DocumentResult:
        return process_detached(docs[order[j]], payload, base, tolerances, rules, facts, budget)

    def done(j: int, result: Any, away: bool) -> None:
        nonlocal count
        if away:
            result = pickle.loads(result)
        got[order[j]] = result
        count += 1
        if progress is not None:
            progress(count, len(docs))

    try:
        with (
            _gc_frozen(),
            _shared(docs) as tasks,
            ProcessPoolExecutor(
                max_workers=workers - 1,
                mp_context=_context(),
                initializer=_init,
                initargs=(payload, tolerances, tuple(rules), facts, budget),
            ) as pool,
            _gc_paused(keep_after=True),
        ):
            _map_shared(
                pool,
                workers - 1,
                len(docs),
                here,
                lambda j: pool.submit(_work, tasks[order[j]]),
                done,
            )
    except (OSError, pickle.PicklingError, RuntimeError):
        # No processes to be had here (or a document that does not pickle): do it in-process.
        return _sequential(docs, index, tolerances, rules, facts, progress, budget)
    _DETACHED.tables.clear()  # this thread's copy of the table served this run only
    results = [r for r in got if r is not None]
    if len(results) != len(docs) or any(r.index_changed for r in results):
        return _sequential(docs, index, tolerances, rules, facts, None, budget)
    replay_offers(index, results)
    return results


# --------------------------------------------------------------------------------------------
# Corpus-scope rules in several processes


def _run_rule(rule: Rule, ctx: Context) -> tuple[list[Check], list[Problem]]:
    try:
        return list(rule.run(ctx)), []
    except Exception as exc:
        return [], [
            Problem(
                code="HF910",
                rule=rule.code,
                message=f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
            )
        ]


def partition_of(subject: str, partitions: int) -> int:
    """The partition of a subject key (stable across processes and machines)."""
    return zlib.crc32(subject.encode("utf-8")) % partitions


def split_by_subject(
    claims: Sequence[Any],
    relations: Sequence[Relation],
    partitions: int,
    seen: dict[str, int] | None = None,
) -> dict[int, tuple[list[Any], tuple[Relation, ...]]]:
    """One document's claims with a subject by partition, each partition with the
    relations that name one of its claims (a part of a whole of its own subject, HF201);
    partitions without claims are left out. ``seen``: subject keys' partitions found
    before (a corpus names its subjects again and again), added to."""
    seen = {} if seen is None else seen
    by_part: dict[int, list[Any]] = {}
    where: dict[str, int] = {}
    for c in claims:
        if subject := c.subject:
            k = seen.get(subject)
            if k is None:
                k = seen[subject] = partition_of(subject, partitions)
            by_part.setdefault(k, []).append(c)
            where[c.id] = k
    rels: dict[int, list[Relation]] = {}
    for rel in relations:
        ks = {k for m in rel.members if (k := where.get(m.claim)) is not None}
        for k in ks:
            rels.setdefault(k, []).append(rel)
    return {k: (cs, tuple(rels.get(k, ()))) for k, cs in by_part.items()}


def subject_partitions(ctx: Context, partitions: int) -> list[Context]:
    """``ctx`` split by subject key into ``partitions`` contexts, for the rules that only
    compare claims of one subject (``Rule.partitioned``): each holds the claims of its
    subjects (documents in id order, claims in text order) and the relations that name
    one of them (a part of a whole of its own subject, HF201). Claims without a subject
    are in none."""
    from hetao_facts.context import Context

    docs: list[dict[str, Document]] = [{} for _ in range(partitions)]
    extractions: list[dict[str, Extraction]] = [{} for _ in range(partitions)]
    relations: list[dict[str, tuple[Relation, ...]]] = [{} for _ in range(partitions)]
    seen: dict[str, int] = {}
    for doc_id in sorted(ctx.extractions):
        split = split_by_subject(
            ctx.extractions[doc_id].claims, ctx.relations.get(doc_id, ()), partitions, seen
        )
        for k, (claims, rels) in split.items():
            docs[k][doc_id] = ctx.documents[doc_id]
            extractions[k][doc_id] = Extraction(claims=claims)
            relations[k][doc_id] = rels
    return [
        Context(
            documents=docs[k],
            extractions=extractions[k],
            index=ctx.index,
            facts=ctx.facts,
            tolerances=ctx.tolerances,
            relations=relations[k],
        )
        for k in range(partitions)
    ]


def _take(ends: Any, front: bool, *, unless_pieces: int = 0, tasks: _Tasks | None = None) -> int:
    """The next task to run: from the front for the parent, the back for a helper; -1
    when none is left (``ends`` is a shared array [next front, next back]).

    ``unless_pieces``: -1 also when the next task is a piece of a partitioned rule that
    ``tasks`` has not made yet and no more than that many tasks are left: the helpers,
    which have made them, finish those sooner than this process could make the pieces."""
    with ends.get_lock():
        lo, hi = ends[0], ends[1]
        if lo > hi:
            return -1
        if front:
            if tasks is not None and hi - lo + 1 <= unless_pieces and tasks.unmade(lo):
                return -1
            ends[0] = lo + 1
            return int(lo)
        ends[1] = hi - 1
        return int(hi)


class _Tasks:
    """The corpus rules' tasks: every rule on the whole context, but with several
    ``partitions`` each partitioned rule on each subject partition instead, after the
    others (in rule order).

    The partitions are made where one is first needed, in that process: the parent takes
    tasks from the front (the whole rules, the costliest first by ``Rule.cost``: their
    checks need no sending back, and HF102's and HF501's are the costliest to send, and a
    helper reaching them takes the cheap ones) and a helper, forked before any piece exists,
    takes the pieces from the back and makes them itself, so making them (0.03 s at
    10 MB) is not serial time. Every process makes the same pieces (the split is
    deterministic), so the checks are the same whoever runs a task."""

    def __init__(self, ctx: Context, rules: Sequence[Rule], partitions: int) -> None:
        self.ctx = ctx
        self.partitions = partitions
        split = partitions > 1
        # (the rule's place in the list, the rule, its partition or None: the whole)
        self.tasks: list[tuple[int, Rule, int | None]] = sorted(
            ((i, r, None) for i, r in enumerate(rules) if not (split and r.partitioned)),
            key=lambda task: -task[1].cost,  # the costliest first (stable: else in order)
        )
        self.tasks += [
            (i, r, k)
            for i, r in enumerate(rules)
            if split and r.partitioned
            for k in range(partitions)
        ]
        self._parts: list[Context] | None = None

    def __len__(self) -> int:
        return len(self.tasks)

    def rule_place(self, n: int) -> int:
        return self.tasks[n][0]

    def unmade(self, n: int) -> bool:
        """Whether task ``n`` is a piece and the pieces are not made in this process."""
        return self.tasks[n][2] is not None and self._parts is None

    def run(self, n: int) -> tuple[list[Check], list[Problem]]:
        _, rule, k = self.tasks[n]
        if k is None:
            return _run_rule(rule, self.ctx)
        if self._parts is None:
            self._parts = subject_partitions(self.ctx, self.partitions)
        return _run_rule(rule, self._parts[k])


def _helper(tasks: _Tasks, ends: Any, conn: Any) -> None:
    """A forked helper: run tasks from the back until none is left, then send the results
    (sent one by one as they came, a result larger than the pipe holds would wait for the
    parent to read it, which it does only when it has no task left: the helper would sit
    idle from its first task on)."""
    try:
        done: list[bytes] = []
        while (n := _take(ends, front=False)) >= 0:
            done.append(dumps_record((n, *tasks.run(n))))
        for record in done:
            conn.send_bytes(record)
    finally:
        conn.close()


def run_rules(
    ctx: Context, rules: Sequence[Rule], *, jobs: int = 1
) -> tuple[list[Check], list[Problem]]:
    """Run corpus-scope ``rules`` on the merged ``ctx``; checks and problems in rule order.

    With ``jobs`` > 1 (and ``fork``), helpers forked from this process share the merged
    context without copying it: this process takes tasks from the front of the list, the
    helpers from the back, until they meet, so the work balances whatever each costs. A
    task is a partitioned rule (``Rule.partitioned``) on one of four subject partitions
    per process (:func:`subject_partitions`; as on Dask), or another rule on the whole
    context (see :class:`_Tasks`), so one costly rule does not keep one process busy
    while the others wait. Check ids are content ids, so they are the same however the
    work was split. A helper that fails leaves its tasks to this process.
    """
    cores = worker_count(jobs, sys.maxsize)
    workers = min(cores, sum(cores if r.partitioned else 1 for r in rules))
    if workers <= 1 or not _forking():
        return _gather(_Tasks(ctx, rules, 1), {})
    tasks = _Tasks(ctx, rules, 4 * workers)
    done: dict[int, tuple[list[Check], list[Problem]]] = {}
    _ = ctx.claims, ctx.by_id  # built once, before the fork, and shared
    mp = multiprocessing.get_context("fork")
    ends = mp.Array("i", [0, len(tasks) - 1])
    helpers: list[tuple[Any, Any]] = []
    with _gc_frozen():
        try:
            for _ in range(workers - 1):
                recv, send = mp.Pipe(duplex=False)
                proc = mp.Process(target=_helper, args=(tasks, ends, send), daemon=True)
                proc.start()
                send.close()
                helpers.append((proc, recv))
        except OSError:
            pass  # fewer helpers (or none): this process runs the rest
    while (n := _take(ends, front=True, unless_pieces=2 * len(helpers), tasks=tasks)) >= 0:
        done[n] = tasks.run(n)
    for proc, recv in helpers:
        with _gc_paused():
            while True:
                try:
                    j, checks, problems = pickle.loads(recv.recv_bytes())
                except (EOFError, OSError):
                    break
                done[j] = (checks, problems)
        recv.close()
        proc.join()
    return _gather(tasks, done)


def _gather(
    tasks: _Tasks, done: dict[int, tuple[list[Check], list[Problem]]]
) -> tuple[list[Check], list[Problem]]:
    """The tasks' checks and problems in rule order (running here what is not ``done``);
    a partitioned rule that crashed in several partitions is reported once."""
    out_checks: list[Check] = []
    out_problems: list[Problem] = []
    for n in sorted(range(len(tasks)), key=tasks.rule_place):  # stable: partitions in order
        checks, problems = done[n] if n in done else tasks.run(n)
        out_checks.extend(checks)
        out_problems.extend(p for p in problems if p not in out_problems)
    return out_checks, out_problems
