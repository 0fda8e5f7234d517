"""--jobs N: per-document work in worker processes, corpus rules after a merge, same bytes.

The texts are our own (or the seeds, or the benchmark corpus generated from the seeds).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hetao_facts
from hetao_facts import _parallel
from hetao_facts.context import Context
from hetao_facts.engine import load_inputs, run
from hetao_facts.model import Status
from hetao_facts.names import merge_names, names_part
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Our own texts: an acronym defined in one document and used in others, names first
# written in different forms, figures for the per-document rules (a plan's years, a target
# year, a weekday), and a restated figure across documents.
TEXTS = {
    "a.md": (
        "# Lakeside\n\nThe Lakeside Innovation Corridor (LIC) covers 12.4 square kilometers. "
        "The Fourteenth Five-Year Plan (2021-2025) funds it. By 2030 the LIC will host "
        "3,000 firms, and the north campus, 4.1 km², will open first.\n"
    ),
    "b.md": (
        "# Corridor news\n\nOn Tuesday, March 4, 2025, the LIC opened a lab. The corridor "
        "spans 12.4 km² and its north campus 4.1 km²; the south campus covers 8.3 km². "
        "Last year, in 2024, it added 300 firms.\n"
    ),
    "c.md": (
        "# Notes\n\nThe lakeside innovation corridor covers 14 square kilometers, says a "
        "brochure. The three phases are: design, building, and opening. The fourth stage, "
        "after those in Alder, Birch and Cedar, follows.\n"
    ),
}


def _write(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_jobs_2_report_is_byte_identical_on_our_texts(tmp_path: Path) -> None:
    docs = _write(tmp_path / "docs", TEXTS)
    one = hetao_facts.check([docs], jobs=1)
    two = hetao_facts.check([docs], jobs=2)
    three = hetao_facts.check([docs], jobs=3)
    assert one.to_json() == two.to_json() == three.to_json()
    assert one.checks and any(c.rule.startswith("HF6") for c in one.checks)
    assert any(c.rule == "HF201" for c in one.checks)


def test_jobs_2_report_is_byte_identical_on_the_seeds() -> None:
    assert (
        hetao_facts.check([SEEDS], jobs=1).to_json() == hetao_facts.check([SEEDS], jobs=2).to_json()
    )


@pytest.mark.slow
def test_jobs_2_report_is_byte_identical_on_a_generated_corpus(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--smoke", "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    docs = tmp_path / "smoke" / "docs"
    one = hetao_facts.check([docs], jobs=1)
    assert len(one.documents) >= 2 and len(one.checks) > 20
    assert one.to_json() == hetao_facts.check([docs], jobs=2).to_json()


def _corpus(tmp_path: Path) -> list[Any]:
    docs, problems = load_inputs([_write(tmp_path / "docs", TEXTS), SEEDS])
    assert not problems
    return sorted(docs, key=lambda d: d.id)


def test_document_scope_rules_give_the_same_checks_one_document_at_a_time(
    tmp_path: Path,
) -> None:
    """The contract behind `scope = Scope.DOCUMENT`: such a rule, run on one-document
    contexts, finds exactly what it finds on the whole run's context."""
    docs = _corpus(tmp_path)
    index = merge_names(names_part(d) for d in docs)
    rules = [cls() for cls in all_rules() if cls.scope.per_document]
    assert {r.code for r in rules} >= {"HF601", "HF603", "HF701", "HF103", "HF202"}
    results = [_parallel.process_document(d, index, hetao_facts.Tolerances()) for d in docs]
    whole = Context(
        documents={d.id: d for d in docs},
        extractions={r.document: r.extraction for r in results},
        index=index,
        relations={r.document: r.relations for r in results},
    )
    for rule in rules:
        together = sorted(c.model_dump_json() for c in rule.run(whole))
        apart = []
        for d, r in zip(docs, results, strict=True):
            one = Context(
                documents={d.id: d},
                extractions={d.id: r.extraction},
                index=index,
                relations={d.id: r.relations},
            )
            apart.extend(c.model_dump_json() for c in rule.run(one))
        assert together == sorted(apart), rule.code


def test_records_read_back_equal_and_compact(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    index = merge_names(names_part(d) for d in docs)
    base = _parallel._state(index)
    import pickle

    payload = pickle.dumps(index)
    rules = [cls() for cls in all_rules() if cls.scope.per_document]
    for doc in docs:
        result = _parallel.process_detached(
            doc, payload, base, hetao_facts.Tolerances(), rules, None
        )
        record = _parallel.dumps_record(result)
        back = _parallel.loads_record(record)
        assert back.extraction.claims == result.extraction.claims
        assert back.extraction.mentions == result.extraction.mentions
        assert back.relations == result.relations and back.checks == result.checks
        assert len(record) < len(pickle.dumps(result))  # smaller than pydantic's own pickle


class _CrashesPerDocument(Rule):
    """A document rule that crashes on one text.

    What it checks:
        nothing.
    Why it matters:
        a test.
    Flagged:
        nothing.
    Consistent:
        nothing.
    """

    code = "HF993"
    name = "crashes-on-one-document"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Any:
        for doc_id in ctx.documents:
            if doc_id.endswith("b.md"):
                raise RuntimeError("cannot read this one")
        yield from ()


class _CrashesOnTheCorpus(Rule):
    """A corpus rule that crashes.

    What it checks:
        nothing.
    Why it matters:
        a test.
    Flagged:
        nothing.
    Consistent:
        nothing.
    """

    code = "HF994"
    name = "crashes-on-the-corpus"

    def check(self, ctx: Context) -> Any:
        raise ValueError("boom")
        yield


@pytest.mark.parametrize("jobs", [1, 2])
def test_crashing_rules_become_problems_in_workers_and_helpers(tmp_path: Path, jobs: int) -> None:
    docs = _write(tmp_path / "docs", TEXTS)
    from hetao_facts.rules.registry import get_rule

    rules = [_CrashesPerDocument(), _CrashesOnTheCorpus(), get_rule("HF201")(), get_rule("HF601")()]
    report = run([docs], rules=rules, jobs=jobs)
    per_doc = [p for p in report.problems if p.rule == "HF993"]
    assert len(per_doc) == 1 and per_doc[0].code == "HF910"
    assert per_doc[0].path is not None and per_doc[0].path.endswith("b.md")
    assert any(p.rule == "HF994" and "boom" in p.message for p in report.problems)
    assert {"HF201", "HF601"} <= {c.rule for c in report.checks}


def test_corpus_rules_split_between_processes_give_the_rules_order(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    report_one = run(docs, jobs=1)
    report_two = run(docs, jobs=2)
    assert report_one.to_json() == report_two.to_json()
    assert any(c.status is Status.FAIL for c in report_two.checks)


def test_worker_count() -> None:
    assert _parallel.worker_count(1, 10) == 1
    assert _parallel.worker_count(4, 2) == 2
    assert _parallel.worker_count(0, 100) >= 1


_SHOWN = ["Qiaotou Park", "qiaotou park", "the Qiaotou park", "QP", "Lantern Bay", "lantern bay"]


@settings(max_examples=200, deadline=None)
@given(
    log=st.lists(st.tuples(st.sampled_from(_SHOWN), st.sampled_from(_SHOWN)), max_size=12),
    start=st.dictionaries(st.sampled_from(_SHOWN), st.sampled_from(_SHOWN), max_size=3),
    acronyms=st.sets(st.sampled_from(_SHOWN), max_size=2),
)
def test_deciding_offers_replay_like_the_whole_log(
    log: list[tuple[str, str]], start: dict[str, str], acronyms: set[str]
) -> None:
    """A worker sends only the offers that can decide a display name; replayed on any
    table they leave it (contents and order) as the whole log does."""
    from hetao_facts.subjects import EntityIndex, normalize_name

    offers = [(normalize_name(k), shown) for k, shown in log]
    tables = []
    for sent in (offers, _parallel._deciding_offers(offers)):
        index = EntityIndex()
        index.acronyms = {a: "long name" for a in acronyms}
        index.display = {normalize_name(k): v for k, v in start.items()}
        for key, shown in sent:
            _parallel._offer_display(index, key, shown)
        tables.append(list(index.display.items()))
    assert tables[0] == tables[1]
    assert len(_parallel._deciding_offers(offers)) <= len(offers)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_leaves_nothing_frozen_out_of_garbage_collection(tmp_path: Path, jobs: int) -> None:
    """A run freezes what it keeps while it runs (a full collection would walk it all
    again and again), and unfreezes it at the end; a caller's own freeze is left alone."""
    import gc

    _corpus(tmp_path)
    gc.unfreeze()
    report = run([tmp_path], jobs=jobs)
    assert report.claims and gc.get_freeze_count() == 0
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        run([tmp_path], jobs=jobs)
        assert gc.get_freeze_count() > frozen // 2  # the caller's freeze stays (less what died)
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("partitions", [2, 3])
def test_a_rule_of_one_subject_finds_the_same_on_subject_partitions(
    tmp_path: Path, partitions: int
) -> None:
    """`run_rules(jobs=N)` runs a partitioned rule (HF201) on N subject partitions, one per
    process: every claim with a subject is in exactly one partition, and the checks are
    the ones the rule finds on the whole context (ids included)."""
    from hetao_facts.rules.registry import get_rule

    docs = _corpus(tmp_path)
    whole = run(docs, rules=[get_rule("HF201")()])
    index = merge_names(names_part(d) for d in docs)
    results = [_parallel.process_document(d, index, hetao_facts.Tolerances()) for d in docs]

    def context() -> Context:  # a fresh one for each run (a context counts the ids it gave)
        return Context(
            documents={d.id: d for d in docs},
            extractions={r.document: r.extraction for r in results},
            index=index,
            relations={r.document: r.relations for r in results},
        )

    ctx = context()
    parts = _parallel.subject_partitions(ctx, partitions)
    seen = [c.id for p in parts for c in p.claims]
    assert sorted(seen) == sorted(c.id for c in ctx.claims if c.subject)
    assert all(p.claims for p in parts)
    hf201 = get_rule("HF201")()
    assert hf201.partitioned
    split, problems = _parallel.run_rules(ctx, [hf201], jobs=partitions)
    alone, _ = _parallel.run_rules(context(), [hf201], jobs=1)
    assert not problems and split
    assert sorted(c.model_dump_json() for c in split) == sorted(c.model_dump_json() for c in alone)
    assert {c.id for c in whole.checks} == {c.id for c in alone}


class _WritesTheNameTable(Rule):
    """A document rule that adds an alias to the name table (no rule may; the run must
    still be right).

    What it checks:
        nothing.
    Why it matters:
        a test.
    Flagged:
        nothing.
    Consistent:
        nothing.
    """

    code = "HF994"
    name = "writes-the-name-table"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Any:
        for doc_id in ctx.documents:
            ctx.index.aliases[f"alias of {doc_id}"] = "written"
        yield from ()


def test_a_document_that_changes_the_name_table_is_noticed(tmp_path: Path) -> None:
    """Workers read the name table once per process; a document that changes it (beyond
    its display names) is flagged, the copy is read again, and the run is redone in one
    process, so the report is the one-process report."""
    import pickle

    docs = _corpus(tmp_path)
    index = merge_names(names_part(d) for d in docs)
    payload, base = pickle.dumps(index), _parallel._state(index)
    plain = _parallel.process_detached(docs[0], payload, base, hetao_facts.Tolerances(), (), None)
    assert not plain.index_changed and _parallel._DETACHED.tables
    rules = [_WritesTheNameTable()]
    got = _parallel.process_detached(docs[0], payload, base, hetao_facts.Tolerances(), rules, None)
    assert got.index_changed and not _parallel._DETACHED.tables
    again = _parallel.process_detached(docs[1], payload, base, hetao_facts.Tolerances(), (), None)
    assert not again.index_changed  # a fresh copy: the alias written before is gone
    _parallel._DETACHED.tables.clear()
    folder = tmp_path / "docs"
    one = run([folder], rules=[_WritesTheNameTable(), *[c() for c in all_rules()]], jobs=1)
    two = run([folder], rules=[_WritesTheNameTable(), *[c() for c in all_rules()]], jobs=2)
    assert two.to_json() == one.to_json()


def test_names_read_in_chunks_by_workers_give_the_same_table(tmp_path: Path) -> None:
    """A worker leaves out of each part the words the parts before it in its chunk have
    (the table is their union): the merged table is the one read in one process."""
    docs = _corpus(tmp_path) * 3  # repeated words across the documents of a chunk
    docs = sorted(docs, key=lambda d: d.id)
    one = merge_names(_parallel.names_all(docs, jobs=1))
    two = merge_names(_parallel.names_all(docs, jobs=2))
    assert one == two
    parts = _parallel._names_work(docs)
    assert not parts[1].lower_words & parts[0].lower_words


def test_documents_detached_in_threads_at_once_keep_their_own_offers(tmp_path: Path) -> None:
    """A Dask worker runs documents in several threads of one process: each thread works
    on its own copy of the name table, so each document's display offers are its own."""
    import pickle
    from concurrent.futures import ThreadPoolExecutor

    docs = _corpus(tmp_path)
    index = merge_names(names_part(d) for d in docs)
    payload, base = pickle.dumps(index), _parallel._state(index)

    def one(doc: Any) -> list[tuple[str, str]]:
        got = _parallel.process_detached(doc, payload, base, hetao_facts.Tolerances(), (), None)
        return got.offers

    alone = [one(d) for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(3):
            assert list(pool.map(one, docs)) == alone
