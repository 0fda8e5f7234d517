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

SEEDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _pieces() -> Iterator[str]:
    for i in range(3000):
        yield f"piece {i} \u00e9\u4e2d\U0001f600 \udce9\n"  # a lone surrogate travels too


_IN_A_FRESH_PROCESS = """
import os
from hetao_facts import _fork

def pieces():
    for i in range(3000):
        yield f"piece {i} \\u00e9\\u4e2d\\U0001f600 \\udce9\\n"

assert _fork.can_fork()
with _fork.ForkedText(pieces) as tail:
    assert tail._pid is not None  # a copy really makes it
    assert "".join(tail.pieces()) == "".join(pieces())
tail = _fork.ForkedText(pieces)
pid = tail._pid
tail.close()  # not waited for: ended and reaped
try:
    os.waitpid(pid, 0)
    raise AssertionError("the copy was not reaped")
except ChildProcessError:
    pass
import hetao_facts
from hetao_facts.report import json as report_json
report = hetao_facts.check([SEEDS])
one = "".join(report_json.iter_render(report, jobs=1))
report_json._SPLIT_ITEMS = 1
assert _fork.can_fork()  # so the report below is written by two processes
assert "".join(report_json.iter_render(report, jobs=2)) == one
# written to a file, the copy's part as its bytes: the file holds the same text
from hetao_facts._io import atomic_write
from hetao_facts.report import iter_encoded
import tempfile
with tempfile.TemporaryDirectory() as tmp:
    got = [p if isinstance(p, str) else "bytes" for p in iter_encoded(report, "json", jobs=2)]
    assert "bytes" in got
    target = os.path.join(tmp, "r.json")
    atomic_write(target, iter_encoded(report, "json", jobs=2))
    with open(target, encoding="utf-8", newline="") as f:
        assert f.read() == one + "\\n"
with _fork.ForkedText(pieces) as tail:  # the bytes, lone surrogates kept
    import io
    buf = io.BytesIO()
    parts = tail.encoded()
    assert next(parts).copy_into(buf) is True  # valid until the next piece is asked for
    assert next(parts, None) is None
    assert buf.getvalue().decode("utf-8", "surrogatepass") == "".join(pieces())
print("ok")
"""


def test_forked_text_is_the_text_made_here() -> None:
    """In a fresh process (the test run may hold threads, with which nothing forks)."""
    import subprocess

    res = subprocess.run(
        [sys.executable, "-c", f"SEEDS = {SEEDS!r}\n" + _IN_A_FRESH_PROCESS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr


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


def test_the_json_report_written_by_two_processes_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = hetao_facts.check([os.path.join(os.path.dirname(__file__), "..", "seeds")])
    one = "".join(report_json.iter_render(report, jobs=1))
    monkeypatch.setattr(report_json, "_SPLIT_ITEMS", 1)
    assert "".join(report_json.iter_render(report, jobs=2)) == one
    assert report_json.render(report) == one
