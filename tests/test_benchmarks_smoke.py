"""The benchmark scripts still run: a tiny corpus, every measurement once, in seconds.

Not a benchmark (no timing is judged); it keeps benchmarks/corpus.py, bench.py and
accuracy.py from rotting. quantulum3 is skipped unless benchmarks/.venv-quantulum exists.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, f"{args} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_corpus_is_varied_and_reproducible(tmp_path: Path) -> None:
    _run(str(BENCH / "corpus.py"), "--smoke", "--out", str(tmp_path / "a"))
    _run(str(BENCH / "corpus.py"), "--smoke", "--out", str(tmp_path / "b"))
    a, b = tmp_path / "a" / "smoke", tmp_path / "b" / "smoke"
    manifest = json.loads((a / "manifest.json").read_text(encoding="utf-8"))
    docs = sorted((a / "docs").glob("*.txt"))
    assert manifest["documents"] == len(docs) >= 2
    assert manifest["bytes"] >= 60_000
    texts = [d.read_text(encoding="utf-8") for d in docs]
    assert all(5_000 <= len(t.encode("utf-8")) <= 70_000 for t in texts)
    assert len(set(texts)) == len(texts)  # varied, not repeated
    assert [d.read_bytes() for d in docs] == [
        d.read_bytes() for d in sorted((b / "docs").glob("*.txt"))
    ]  # seeded: the same every time


def test_bench_smoke_runs_every_measurement(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = _run(
        str(BENCH / "bench.py"),
        "--smoke",
        "--repeat",
        "1",
        "--corpora",
        str(tmp_path),
        "--out",
        str(out),
    )
    assert "# extraction" in proc.stdout and "# check" in proc.stdout
    results = json.loads(out.read_text(encoding="utf-8"))
    ex, ck = results["extract"]["smoke"], results["check"]["smoke"]
    assert ex["claims"] > 0 and ex["seconds"] > 0 and ex["peak_rss_kb"] > 0
    assert ck["claims"] == ex["claims"]  # the same documents, the same claims
    assert ck["problems"] == 0
    if "smoke jobs2" in results["check"]:
        assert results["check"]["smoke jobs2"]["identical"]
    assert results["machine"]["nproc"] >= 1


def test_accuracy_script_scores_hetao_facts() -> None:
    gold = ROOT.parent / "shared" / "gold" / "seeds"
    if not gold.is_dir():
        import pytest

        pytest.skip("no seeds gold beside the repository")
    proc = _run(str(BENCH / "accuracy.py"), "--no-quantulum")
    assert "| hetao_facts |" in proc.stdout
