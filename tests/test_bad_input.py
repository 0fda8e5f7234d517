"""Bad input never hides the other documents' results: each bad input is one line on stderr
naming the file and the problem, no traceback, exit 2, and the good documents are still
checked and reported. The fixture folder is made here, in tmp_path."""

from __future__ import annotations

import builtins
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from hetao_facts import _parallel, documents
from hetao_facts.errors import FactSheetError
from hetao_facts.facts import load_fact_sheet
from tests._support import MISMATCH, chdir, cli, write


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    write(docs / "good.md", MISMATCH)  # HF101 fails: the one real result
    (docs / "empty.txt").write_bytes(b"")
    (docs / "blank.txt").write_bytes(b"  \n\n\t\n")
    (docs / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x14\x00" * 64)
    (docs / "latin1.txt").write_bytes("Le café a 3 salles.\n".encode("latin-1"))
    (docs / "utf16.txt").write_bytes("The zone covers 3.89 km².".encode("utf-16"))
    (docs / "nested").mkdir()
    os.symlink("..", docs / "nested" / "loop")  # a folder loop
    os.symlink("self.md", docs / "self.md")  # a link to itself
    os.symlink("nowhere.md", docs / "broken.md")
    (tmp_path / "nodocs").mkdir()
    write(tmp_path / "nodocs" / "image.png", "not a document")
    return tmp_path


EXPECTED = {
    "docs/binary.txt": "docs/binary.txt: binary file, not text [HF902]",
    "docs/blank.txt": "docs/blank.txt: empty document (only whitespace) [HF903]",
    "docs/broken.md": "docs/broken.md: no such file (broken symlink) [HF901]",
    "docs/empty.txt": "docs/empty.txt: empty document [HF903]",
    "docs/latin1.txt": "docs/latin1.txt: not valid UTF-8 at byte 6 (0xe9, line 1)",
    "docs/nested/loop": "docs/nested/loop: symlink loop (points back to docs) [HF901]",
    "docs/self.md": "docs/self.md: symlink loop [HF901]",
    "missing.md": "missing.md: no such file or folder [HF901]",
    "nodocs": "nodocs: no documents (.txt, .md, .markdown) in this folder [HF901]",
}


def test_each_bad_input_is_one_line_and_the_good_one_is_still_checked(bad_dir: Path) -> None:
    with chdir(bad_dir):
        res = cli("check", "docs", "missing.md", "nodocs")
    assert res.code == 2
    lines = res.err.splitlines()
    assert len(lines) == len(EXPECTED), res.err
    for line, (name, expected) in zip(lines, sorted(EXPECTED.items()), strict=True):
        level = "info: " if "[HF903]" in expected else "error: "  # an empty file is no error
        assert line.startswith(level + expected), (name, line)
    assert "Traceback" not in res.err
    # the good document is still checked and reported, and the UTF-16 file (its BOM says so)
    assert "docs/good.md:1:54: FAIL HF101 parts-sum-to-whole" in res.out
    assert res.out.splitlines()[-1].startswith("2 documents, 4 claims")
    assert "7 problems" in res.out


def test_json_report_lists_the_problems_and_the_results(bad_dir: Path) -> None:
    with chdir(bad_dir):
        res = cli("check", "docs", "-f", "json")
    assert res.code == 2
    report = json.loads(res.out)
    assert [d["id"] for d in report["documents"]] == ["docs/good.md", "docs/utf16.txt"]
    assert {p["code"] for p in report["problems"]} == {"HF901", "HF902", "HF903"}
    assert any(c["status"] == "fail" for c in report["checks"])


def test_encoding_flag_reads_other_encodings(bad_dir: Path) -> None:
    with chdir(bad_dir):
        latin = cli("check", "docs/latin1.txt", "--encoding", "latin-1", "-f", "json")
        wide = cli("check", "docs/utf16.txt", "--encoding", "utf-16", "-f", "json")
        unknown = cli("check", "docs/latin1.txt", "--encoding", "klingon")
    assert latin.code == 0 and json.loads(latin.out)["documents"][0]["id"] == "docs/latin1.txt"
    assert wide.code == 0 and json.loads(wide.out)["claims"][0]["text"] == "3.89 km²"
    assert unknown.code == 2 and "unknown encoding 'klingon'" in unknown.err


def test_unreadable_file_simulated(bad_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads anything, so the permission error is simulated where the loader opens."""

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file).endswith("secret.md"):
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    write(bad_dir / "docs2" / "secret.md", MISMATCH)
    write(bad_dir / "docs2" / "open.md", MISMATCH)
    monkeypatch.setattr(documents, "open", fake_open, raising=False)
    with chdir(bad_dir):
        res = cli("check", "docs2")
    assert res.code == 2
    assert res.err == "error: docs2/secret.md: cannot read: permission denied [HF901]\n"
    assert "docs2/open.md:1:54: FAIL HF101" in res.out


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file; see the simulated test")
def test_unreadable_file_for_real(tmp_path: Path) -> None:  # pragma: no cover - not as root
    secret = write(tmp_path / "secret.md", MISMATCH)
    secret.chmod(0)
    with chdir(tmp_path):
        res = cli("check", "secret.md")
    assert res.code == 2 and "secret.md: cannot read: permission denied" in res.err


def test_not_a_regular_file() -> None:
    res = cli("check", os.devnull)
    assert res.code == 2
    assert res.err == f"error: {os.devnull}: not a regular file [HF901]\n"


def test_very_large_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "The zone comprises a 3.02 km² park in Shenzhen and covers 3.89 km².\n".encode()
    with open(big, "wb") as f:
        chunk = line * (1024 * 1024 // len(line) + 1)
        for _ in range(100):
            f.write(chunk)
    assert big.stat().st_size >= 100 * 1024 * 1024
    write(tmp_path / "small.md", MISMATCH)
    start = time.monotonic()
    with chdir(tmp_path):
        res = cli("check", ".")
    elapsed = time.monotonic() - start
    assert res.code == 2
    assert res.err.startswith(
        "error: big.txt: too large: 100 MB > 10 MB limit; raise it with --max-size"
    )
    assert "small.md:1:54: FAIL HF101" in res.out
    assert elapsed < 5, elapsed
    big.unlink()


def test_a_crash_in_one_document_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _parallel.extract_document

    def flaky(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if doc.id.endswith("crash.md"):
            raise ValueError("cannot cope")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(_parallel, "extract_document", flaky)
    write(tmp_path / "crash.md", "The zone covers 3.89 km².")
    write(tmp_path / "ok.md", MISMATCH)
    with chdir(tmp_path):
        res = cli("check", ".")
    assert res.code == 2
    assert res.err == "error: crash.md: extraction failed: ValueError: cannot cope [HF905]\n"
    assert "ok.md:1:54: FAIL HF101" in res.out


# ---- fact sheets ---------------------------------------------------------------------------

SHEETS = {
    "syntax.toml": ('[meta]\nname = "x"\n[[facts]]\nsubject = "HTCZ"\nvalue = = 3\n', "line 5"),
    "syntax.yaml": (
        "meta:\n  name: x\nfacts:\n  - subject: [HTCZ\n    value: 3\n",
        "line 5: invalid YAML",
    ),
    "schema.toml": (
        '[[facts]]\nsubject = "HTCZ"\nattribute = "areas"\nvalue = 3.89\nunit = "km2"\n',
        "line 3: facts.0.attribute:",
    ),
    "schema.yaml": (
        "facts:\n  - subject: HTCZ\n    attribute: area\n    value: lots\n",
        "line 4: facts.0.value:",
    ),
}


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_fact_sheet_errors_name_the_line(tmp_path: Path, name: str) -> None:
    text, expected = SHEETS[name]
    path = write(tmp_path / name, text)
    with pytest.raises(FactSheetError) as info:
        load_fact_sheet(path)
    assert info.value.path == str(path)
    assert any(expected in p for p in info.value.problems), info.value.problems


def test_bad_fact_sheets_are_all_reported_and_documents_still_checked(tmp_path: Path) -> None:
    for name, (text, _) in SHEETS.items():
        write(tmp_path / "facts" / name, text)
    write(tmp_path / "a.md", MISMATCH)
    args = ["check", "a.md"]
    for name in sorted(SHEETS):
        args += ["--facts", f"facts/{name}"]
    args += ["--facts", "facts/missing.toml"]
    with chdir(tmp_path):
        res = cli(*args)
    assert res.code == 2
    lines = res.err.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("error: facts/") and line.endswith("[HF906]") for line in lines)
    assert "facts/missing.toml: no such file [HF906]" in res.err
    assert "a.md:1:54: FAIL HF101" in res.out
