"""The JSON, SARIF and JUnit writers stream: pieces that join to exactly what `render` gives,
written item by item, so a large report is never held whole as text."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from hetao_facts import Document, Report, check
from hetao_facts._io import atomic_write
from hetao_facts.model import Problem
from hetao_facts.report import FORMATS, iter_render, render

ROOT = Path(__file__).resolve().parent.parent


def _text(i: int) -> str:
    return (
        f"Note {i}. The Orla park covers {80 + i % 3} hectares. The Orla park, "
        f"{0.8 + (i % 3) / 100:.2f} km², opened in 2019. The Orla district has three "
        "schools: Ash, Birch and Cedar. Of its 1,200 pupils, 300 pupils, 25 percent, "
        "walk.\n"
    )


@pytest.fixture(scope="module")
def report() -> Report:
    docs = [Document(id=f"note-{i:02d}.txt", text=_text(i)) for i in range(12)]
    r = check(docs, config=False)
    problems = (
        Problem(code="HF901", path="bad\udce9name.txt", message="cannot read <this> file"),
        Problem(code="HF920", path="note-01.txt", message="unused suppression comment"),
    )
    return r.model_copy(update={"problems": problems})


@pytest.mark.parametrize("fmt", FORMATS)
def test_pieces_join_to_render(report: Report, fmt: str) -> None:
    assert "".join(iter_render(report, fmt)) == render(report, fmt)


@pytest.mark.parametrize("fmt", ["sarif", "junit"])
@pytest.mark.parametrize("fail_on", ["error", "warning", "info"])
def test_pieces_join_to_render_with_options(report: Report, fmt: str, fail_on: str) -> None:
    opts = {"fail_on": fail_on, "root": str(ROOT)}
    assert "".join(iter_render(report, fmt, **opts)) == render(report, fmt, **opts)


def test_json_pieces_are_the_reports_own_json(report: Report) -> None:
    clean = report.model_copy(update={"problems": report.problems[1:]})  # no lone surrogate
    assert "".join(iter_render(clean, "json")) == clean.to_json()
    empty = Report()
    assert "".join(iter_render(empty, "json")) == empty.to_json()
    assert json.loads("".join(iter_render(report, "json")))["problems"][0]["code"] == "HF901"


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_large_formats_come_in_many_pieces(report: Report, fmt: str) -> None:
    pieces = list(iter_render(report, fmt))
    whole = sum(map(len, pieces))
    if fmt == "sarif":  # 64 KB pieces: this report is smaller, so one or two
        assert whole < 65536 or len(pieces) > 1
    elif fmt == "junit":  # a suite (one rule) at a time
        assert len(pieces) >= len({c.rule for c in report.checks})
    else:  # an item at a time
        assert len(pieces) > len(report.checks)
    assert max(map(len, pieces)) < whole / 2 or fmt == "sarif"


def test_writing_holds_about_one_item_not_the_whole(report: Report, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    size = len(render(report, "json"))
    tracemalloc.start()
    try:
        atomic_write(target, iter_render(report, "json"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert target.read_text(encoding="utf-8") == render(report, "json") + "\n"
    assert peak < size / 2, f"writing {size:,} characters took {peak:,} bytes"


def test_cli_output_file_is_the_rendered_report(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(_text(i), encoding="utf-8")
    for fmt in ("json", "sarif", "junit"):
        out = tmp_path / f"r.{fmt}"
        proc = subprocess.run(
            [sys.executable, "-m", "hetao_facts", "check", str(folder), "--format", fmt],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        proc_file = subprocess.run(
            [
                sys.executable,
                "-m",
                "hetao_facts",
                "check",
                str(folder),
                "--format",
                fmt,
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert proc.returncode == proc_file.returncode, proc_file.stderr
        assert out.read_text(encoding="utf-8") == proc.stdout


def test_the_json_text_cut_anywhere_between_items_joins_to_the_whole(report: Report) -> None:
    """A report written by two processes is cut between two items of a list (or between
    two fields); the two parts join to the same text wherever the cut falls."""
    from hetao_facts.report import json as report_json

    names = list(Report.model_fields)
    end = (len(names), 0)
    whole = "".join(report_json._fields(report, names, (0, 0), end, 2))
    cuts = [(n, 0) for n in range(len(names) + 1)]
    for n, name in enumerate(names):
        value = getattr(report, name)
        if isinstance(value, tuple):
            cuts += [(n, i) for i in range(1, len(value))]
    assert len(cuts) > 3 * len(names)
    for cut in cuts:
        head = "".join(report_json._fields(report, names, (0, 0), cut, 2))
        tail = "".join(report_json._fields(report, names, cut, end, 2))
        assert head + tail == whole, cut
    assert "{" + whole + "\n}" == render(report, "json")


def test_the_json_report_is_cut_about_halfway(report: Report) -> None:
    """The cut gives each process about half the writing (`_halfway`, by `_COST`)."""
    from hetao_facts.report import json as report_json

    names = list(Report.model_fields)
    n, i = report_json._halfway(report, names)
    assert names[n] in {"claims", "relations", "checks"} and i > 0
    cost = report_json._COST
    sizes = {f: len(getattr(report, f)) for f in ("claims", "relations", "checks")}
    sizes["coverage"] = len(report.coverage.items)
    total = sum(k * cost[f] for f, k in sizes.items())
    before = sum(sizes[f] * cost[f] for f in names[:n] if f in sizes) + i * cost[names[n]]
    share = report_json._HEAD_SHARE
    assert (share - 0.1) * total <= before <= (share + 0.1) * total


class _Made:
    """An `Encoded` piece: bytes made elsewhere."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def copy_into(self, out: Any) -> bool | None:
        out.write(self.data)
        return self.data.endswith(b"\n") if self.data else None


def test_atomic_write_copies_encoded_pieces_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    atomic_write(target, ["{", _Made('"a": "é中"'.encode()), _Made(b""), "}"])
    assert target.read_bytes() == '{"a": "é中"}\n'.encode()
    atomic_write(target, ["x\n", _Made(b"")])  # no bytes: the text before ends the line
    assert target.read_bytes() == b"x\n"
    atomic_write(target, ["x", _Made(b"y\n")])
    assert target.read_bytes() == b"xy\n"
