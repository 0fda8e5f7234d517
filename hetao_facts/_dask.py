"""The same pipeline on a Dask cluster (``--executor dask``; the optional extra ``dask``).

What runs where (``hetao_facts`` must be installed on the workers, the same version):

1. the client reads the documents (local paths, or fsspec URLs: see docs/dask.md) and
   scatters them to the workers;
2. **map**: each document's names part (:func:`hetao_facts.names.names_part`) on a worker;
   the client merges them into the name table (``merge_names``, in document-id order) and
   **broadcasts** it (with the fact sheet's entities and part-of links applied) to every
   worker;
3. **map**: per document, extraction, linking and the document- and link-scope rules on a worker
   (:func:`hetao_facts._parallel.process_detached`, exactly what ``--jobs`` runs), each
   result kept on its worker as one compact record;
4. **shuffle**: each record's claims are split by a hash of their subject key into
   partitions (one per worker), on the worker that holds the record;
5. the client gathers the records and replays the display names in document order (how
   each entity is printed is settled only then) and broadcasts the final name table; one
   task per partition runs the rules that only compare claims of one subject
   (``Rule.partitioned``, HF201 today) on a context of those claims;
6. the client runs the rules that look across subjects (part-of links, superlatives over
   peers, fact sheets) on the merged context, as one process would.

The report is byte-identical to a local run (``tests/test_dask.py`` compares them).
"""

from __future__ import annotations

import operator
import pickle
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hetao_facts._parallel import (
    DocumentResult,
    _gc_paused,
    _state,
    dumps_record,
    loads_record,
    partition_of,
    process_detached,
    replay_offers,
    run_rules,
    split_by_subject,
)
from hetao_facts.documents import Document
from hetao_facts.errors import UsageError
from hetao_facts.extract.core import Extraction
from hetao_facts.intervals import Tolerances
from hetao_facts.link import Relation
from hetao_facts.model import Check, Problem
from hetao_facts.names import NamesPart, merge_names, names_part
from hetao_facts.subjects import EntityIndex

if TYPE_CHECKING:
    from hetao_facts.facts import FactSheet
    from hetao_facts.rules.base import Rule

__all__ = ["INSTALL_HINT", "DaskRun", "client_for", "partition_of", "run_on_dask"]

INSTALL_HINT = (
    "--executor dask needs the optional dask extra: pip install 'hetao_facts[dask]' "
    "(dask and distributed)"
)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(INSTALL_HINT) from exc
    return distributed


class DaskRun:
    """A Dask client for one run: the caller's, one connected to ``scheduler``, or (with
    neither) a LocalCluster of ``workers`` processes; what this opened, it closes."""

    def __init__(self, client: Any = None, scheduler: str | None = None, workers: int = 2):
        self._client = client
        self._scheduler = scheduler
        self._workers = workers
        self._owned: list[Any] = []

    def __enter__(self) -> Any:
        distributed = _distributed()
        if self._client is not None:
            return self._client
        try:
            if self._scheduler:
                client = distributed.Client(self._scheduler, timeout="20s")
            else:
                cluster = distributed.LocalCluster(
                    n_workers=max(1, self._workers),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._owned.append(cluster)
                client = distributed.Client(cluster)
        except (OSError, TimeoutError) as exc:
            self.__exit__(None, None, None)
            where = self._scheduler or "a local cluster"
            raise UsageError(f"--scheduler: cannot connect to {where}: {exc}") from exc
        self._owned.insert(0, client)
        return client

    def __exit__(self, *exc: object) -> None:
        while self._owned:
            self._owned.pop(0).close()


def client_for(executor: Any) -> Any:
    """A ``distributed.Client`` given as ``executor``, else None."""
    try:
        import distributed
    except ImportError:
        return None
    return executor if isinstance(executor, distributed.Client) else None


# --------------------------------------------------------------------------------------------
# Worker-side tasks (plain functions of their arguments)


def _names(doc: Document) -> NamesPart:
    return names_part(doc)


def _process(
    doc: Document,
    index: bytes,
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
) -> bytes:
    base = _BASE.get(index)
    if base is None:  # once per worker and table (it grows with the corpus's names)
        _BASE.clear()
        base = _BASE[index] = _state(pickle.loads(index))
    return dumps_record(process_detached(doc, index, base, tolerances, rules, facts))


_BASE: dict[bytes, dict[str, Any]] = {}
"""This worker's reading of the name table it was sent (see ``_parallel._state``)."""


def _split(record: bytes, doc: Document, partitions: int) -> tuple[bytes | None, ...]:
    """One document's claims with a subject, by partition: (document, claims) records."""
    result: DocumentResult = loads_record(record)
    by_part = split_by_subject(result.extraction.claims, result.relations, partitions)
    return tuple(
        dumps_record((doc, *by_part[k])) if k in by_part else None for k in range(partitions)
    )


def _partition(
    pieces: Sequence[bytes | None],
    index: bytes,
    tolerances: Tolerances,
    rules: Sequence[Rule],
    facts: FactSheet | None,
) -> bytes:
    """The partitioned rules over one partition's claims (documents in id order)."""
    from hetao_facts.context import Context

    docs: dict[str, Document] = {}
    extractions: dict[str, Extraction] = {}
    relations: dict[str, tuple[Relation, ...]] = {}
    for piece in pieces:
        if piece is None:
            continue
        doc, claims, rels = loads_record(piece)
        docs[doc.id] = doc
        extractions[doc.id] = Extraction(claims=claims)
        relations[doc.id] = rels
    ctx = Context(
        documents=docs,
        extractions=extractions,
        index=pickle.loads(index),
        facts=facts,
        tolerances=tolerances,
        relations=relations,
    )
    return dumps_record(run_rules(ctx, rules))


# --------------------------------------------------------------------------------------------
# The client side


def run_on_dask(
    client: Any,
    docs: Sequence[Document],
    sheet: FactSheet | None,
    tolerances: Tolerances,
    per_doc: Sequence[Rule],
    partitioned: Sequence[Rule],
    *,
    partitions: int | None = None,
) -> tuple[EntityIndex, list[DocumentResult], list[Rule], list[Check], list[Problem]]:
    """Steps 1-4 of the module docstring: the name table, every document's result (in
    order), the partitioned rules that ran and their checks and problems."""
    if not docs:
        index = merge_names([])
        if sheet is not None:
            sheet.apply(index)
        return index, [], [], [], []
    futures = client.scatter(list(docs))
    parts = client.gather(client.map(_names, futures, pure=False))
    index = merge_names(parts)
    if sheet is not None:
        sheet.apply(index)
    payload = pickle.dumps(index)
    shared = client.scatter(payload, broadcast=True)
    records = client.map(
        _process,
        futures,
        index=shared,
        tolerances=tolerances,
        rules=tuple(per_doc),
        facts=sheet,
        pure=False,
    )
    splits: list[Any] = []
    n = 1
    if partitioned:
        n = partitions or max(1, len(client.scheduler_info().get("workers", {})))
        splits = client.map(_split, records, futures, partitions=n, pure=False)
    results: list[DocumentResult] = []
    gathered = client.gather(records)
    with _gc_paused(keep_after=True):  # all read is kept: collecting among it is wasted work
        for record in gathered:
            result: DocumentResult = pickle.loads(record)
            results.append(result)
    if any(r.index_changed for r in results):
        return index, [], [], [], []  # the caller redoes the run in-process
    replay_offers(index, results)
    checks: list[Check] = []
    problems: list[Problem] = []
    if partitioned:
        # how entities are printed is settled only now (display names replayed in order)
        final = client.scatter(pickle.dumps(index), broadcast=True)
        part_futures = [
            client.submit(
                _partition,
                [client.submit(operator.getitem, s, k, pure=False) for s in splits],
                final,
                tolerances,
                tuple(partitioned),
                sheet,
                pure=False,
            )
            for k in range(n)
        ]
        for record in client.gather(part_futures):
            found, crashed = loads_record(record)
            checks.extend(found)
            problems.extend(crashed)
    return index, results, list(partitioned), checks, problems
