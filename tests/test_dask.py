"""--executor dask: the same pipeline on a Dask cluster gives the same report, byte for byte.

Runs on a LocalCluster of two worker processes (real processes, so every task's
arguments and results cross a process boundary as on a real cluster). Skipped when the
``dask`` extra is not installed (the README's test command installs it).
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import hetao_facts
from hetao_facts.errors import UsageError
from tests._support import chdir, cli
from tests.test_parallel import TEXTS, _write

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def test_a_dask_run_gives_the_local_report_byte_for_byte(client: Any, tmp_path: Path) -> None:
    docs = _write(tmp_path / "docs", TEXTS)
    for inputs in ([docs], [SEEDS], [docs, SEEDS]):
        local = hetao_facts.check(inputs).to_json()
        assert hetao_facts.check(inputs, executor=client).to_json() == local


def test_the_rules_of_one_subject_run_per_partition(client: Any) -> None:
    from hetao_facts._dask import run_on_dask
    from hetao_facts.engine import load_inputs, run
    from hetao_facts.rules.registry import get_rule

    docs, _ = load_inputs([SEEDS])
    docs = sorted(docs, key=lambda d: d.id)
    hf201 = get_rule("HF201")()
    _index, results, done, found, problems = run_on_dask(
        client, docs, None, hetao_facts.Tolerances(), [], [hf201], partitions=3
    )
    assert done == [hf201] and not problems and len(results) == len(docs)
    local = run(docs, rules=[hf201]).checks
    assert sorted(c.model_dump_json() for c in found) == sorted(c.model_dump_json() for c in local)


def test_the_command_line_runs_on_the_cluster(client: Any, tmp_path: Path) -> None:
    address = client.scheduler.address
    with chdir(ROOT):
        local = cli("check", "seeds", "-f", "json")
        remote = cli("check", "seeds", "-f", "json", "--executor", "dask", "--scheduler", address)
    assert remote.code == local.code == 1
    assert remote.out == local.out


def test_an_unknown_executor_or_a_lone_scheduler_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="executor: expected 'local', 'dask'"):
        hetao_facts.check([SEEDS], executor="spark")
    with pytest.raises(UsageError, match="scheduler: only used with executor='dask'"):
        hetao_facts.check([SEEDS], scheduler="tcp://127.0.0.1:8786")
    res = cli("check", str(SEEDS), "--scheduler", "tcp://127.0.0.1:8786")
    assert res.code == 2 and "--scheduler: only used with --executor dask" in res.err


def test_without_the_extra_dask_is_a_usage_error_saying_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "distributed", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(UsageError, match=r"pip install 'hetao_facts\[dask\]'"):
        hetao_facts.check([SEEDS], executor="dask")
    res = cli("check", str(SEEDS), "--executor", "dask")
    assert res.code == 2
    assert "pip install 'hetao_facts[dask]'" in res.err and "Traceback" not in res.err


def test_a_folder_named_by_url_is_read_through_fsspec(client: Any) -> None:
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    for name, text in TEXTS.items():
        fs.pipe(f"/hf-test/press/{name}", text.encode("utf-8"))
    fs.pipe("/hf-test/press/drafts/d.md", "# Draft\n\nThe corridor covers 12.4 km².\n".encode())
    fs.pipe("/hf-test/press/logo.png", b"\x89PNG\x00\x00")  # not included: not text
    fs.pipe("/hf-test/big.txt", b"x" * 2048)
    try:
        local = hetao_facts.check(["memory://hf-test/press"], exclude=["drafts"])
        ids = [d.id for d in local.documents]
        assert ids == [f"memory:///hf-test/press/{n}" for n in sorted(TEXTS)]
        assert not local.problems and local.checks
        # the client reads the URL and sends the texts: workers need no access to it
        remote = hetao_facts.check(["memory://hf-test/press"], exclude=["drafts"], executor=client)
        assert remote.to_json() == local.to_json()
        with_drafts = hetao_facts.check(["memory://hf-test/press"])
        assert len(with_drafts.documents) == len(TEXTS) + 1
        missing = hetao_facts.check(["memory://hf-test/none"])
        assert [(p.code, p.message) for p in missing.problems] == [
            ("HF901", "no such file or folder")
        ]
        big = hetao_facts.check(["memory://hf-test/big.txt"], max_size=1000)
        assert [p.code for p in big.problems] == ["HF904"]
        res = cli("check", "memory://hf-test/press/a.md", "-f", "json")
        assert res.code in (0, 1) and "memory:///hf-test/press/a.md" in res.out
    finally:
        fs.rm("/hf-test", recursive=True)
