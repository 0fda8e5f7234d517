"""hetao_facts._fork: text made by a forked copy of the process is the text made here."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator

import pytest

import hetao_facts
from hetao_facts import _fork
from hetao_facts.report import json as report_json

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _pieces() -> Iterator[str]:
    for i in range(3000):
        yield f"piece {i} \u00e9\u4e2d\U0001f600 \udce9\n"  # a lone surrogate travels too


def test_forked_text_is_the_text_made_here() -> None:
    if not _fork.can_fork():
        pytest.skip("a thread an earlier test started still runs (Dask's)")
    with _fork.ForkedText(_pieces) as tail:
        assert tail._pid is not None  # a copy really makes it
        got = "".join(tail.pieces())
    assert got == "".join(_pieces())


def test_a_copy_that_fails_leaves_the_text_to_this_process() -> None:
    parent = os.getpid()

    def make() -> Iterator[str]:
        if os.getpid() != parent:
            raise RuntimeError("the copy cannot")
        yield from _pieces()

    with _fork.ForkedText(make) as tail:
        assert "".join(tail.pieces()) == "".join(_pieces())


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not _fork.can_fork()
        with _fork.ForkedText(_pieces) as tail:
            assert tail._pid is None
            assert "".join(tail.pieces()) == "".join(_pieces())
    finally:
        stop.set()
        other.join()


def test_a_copy_not_waited_for_is_ended() -> None:
    if not _fork.can_fork():
        pytest.skip("a thread an earlier test started still runs (Dask's)")
    tail = _fork.ForkedText(_pieces)
    pid = tail._pid
    tail.close()
    assert pid is not None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped


def test_the_json_report_written_by_two_processes_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = hetao_facts.check([os.path.join(os.path.dirname(__file__), "..", "seeds")])
    one = "".join(report_json.iter_render(report, jobs=1))
    monkeypatch.setattr(report_json, "_SPLIT_ITEMS", 1)
    assert "".join(report_json.iter_render(report, jobs=2)) == one
    assert report_json.render(report) == one
