"""hetao_facts._rx: a pattern made from the cache behaves as ``re.compile``'s, and the
cache only ever saves time (damaged, foreign or switched off: patterns compile as usual)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hetao_facts import _rx

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

needs_cache = pytest.mark.skipif(not _rx._USABLE, reason="the cache is for CPython 3.11-3.13")


def _python(code: str, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("HETAO_FACTS_")}
    environ.update(HETAO_FACTS_CACHE_DIR=str(cache), **env)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, timeout=120
    )


def _same_behaviour(made: re.Pattern[str], fresh: re.Pattern[str], text: str) -> None:
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        fresh.pattern,
        fresh.flags,
        fresh.groups,
        fresh.groupindex,
    )
    got = [(m.span(), m.groups()) for m in made.finditer(text)]
    want = [(m.span(), m.groups()) for m in fresh.finditer(text)]
    assert got == want, made.pattern[:80]
    for start in range(0, len(text), 97):  # anchored use, as the extractors match
        a, b = made.match(text, start), fresh.match(text, start)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


_CHECK_ALL = """
import re, sys
import hetao_facts  # every module: its patterns from the cache
from hetao_facts import _rx
assert not _rx._CACHE.added, "a pattern was compiled again"
print(len(_rx._CACHE.used))
"""


@needs_cache
@pytest.mark.slow
def test_every_cached_pattern_of_the_package_behaves_as_compiled(tmp_path: Path) -> None:
    first = _python("import hetao_facts", tmp_path)  # compiles, writes the cache at exit
    assert first.returncode == 0, first.stderr
    (cache_file,) = tmp_path.glob("regex-*.json")
    second = _python(_CHECK_ALL, tmp_path)
    assert second.returncode == 0, second.stderr
    assert int(second.stdout) > 400  # nearly every pattern of the package
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))[:6000]
    text += " 3.02 km² (about 300 hectares), 10 million sq ft, 1,200 pupils, 25 per cent "
    import _sre

    for key, entry in data["patterns"].items():
        flags, pattern = key.split(":", 1)
        made = _sre.compile(pattern, entry[0], entry[1], entry[2], entry[3], tuple(entry[4]))
        _same_behaviour(made, re.compile(pattern, int(flags)), text)


@needs_cache
def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path) -> None:
    probe = (
        "import hetao_facts, re\n"
        "from hetao_facts import numbers\n"
        "assert numbers.find_numerals('It has 3,020 rooms and 12 halls.')\n"
        "print('ok')\n"
    )
    for damage in ("{not json", '{"engine": "other", "patterns": {}}', '{"engine": 1}'):
        folder = tmp_path / str(len(damage))
        folder.mkdir()
        first = _python("import hetao_facts", folder)
        assert first.returncode == 0, first.stderr
        (cache_file,) = folder.glob("regex-*.json")
        cache_file.write_text(damage, encoding="utf-8")
        got = _python(probe, folder)
        assert got.returncode == 0 and got.stdout.strip() == "ok", got.stderr
        json.loads(cache_file.read_text(encoding="utf-8"))  # written again, whole


@needs_cache
def test_a_damaged_entry_is_compiled_afresh(tmp_path: Path) -> None:
    first = _python("import hetao_facts", tmp_path)
    assert first.returncode == 0, first.stderr
    (cache_file,) = tmp_path.glob("regex-*.json")
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    for entry in data["patterns"].values():
        entry[1] = [999999]  # code the engine refuses
    cache_file.write_text(json.dumps(data), encoding="utf-8")
    probe = (
        "from hetao_facts import numbers, _rx\n"
        "assert numbers.find_numerals('It has 3,020 rooms and 12 halls.')\n"
        "assert _rx._CACHE.added\n"
        "print('ok')\n"
    )
    got = _python(probe, tmp_path)
    assert got.returncode == 0 and got.stdout.strip() == "ok", got.stderr


def test_switched_off_no_file_is_written(tmp_path: Path) -> None:
    got = _python("import hetao_facts; print('ok')", tmp_path, HETAO_FACTS_NO_CACHE="1")
    assert got.returncode == 0 and got.stdout.strip() == "ok", got.stderr
    assert not list(tmp_path.iterdir())


def test_a_folder_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    got = _python("import hetao_facts; print('ok')", blocked / "cache")
    assert got.returncode == 0 and got.stdout.strip() == "ok", got.stderr
    assert got.stderr == ""


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        [
            r"(?P<n>\d+(?:,\d{3})*)(?:\.(?P<d>\d+))?\s*(?P<u>km²|ha|hectares?)\b",
            r"(?i)\b(?:three|four|five)\s+key\s+(\w+)",
            r"[^\W\d_]+(?=\s)",
            r"(?<=\()\s*([A-Z]{2,6})\s*(?=\))",
            r"^\s*(?:of|in)\b",
        ]
    ),
    st.sampled_from([0, re.I, re.M, re.I | re.S]),
    st.text(alphabet="0123456789,. kmhaectrsKEYthreofuin²()ABC\n", max_size=80),
)
def test_a_pattern_from_its_entry_behaves_as_compiled(pattern: str, flags: int, text: str) -> None:
    fresh = re.compile(pattern, flags)
    entry = _rx._entry(pattern, int(flags), fresh)
    if not _rx._USABLE:
        return
    assert entry is not None
    import _sre

    _same_behaviour(_sre.compile(pattern, *entry), fresh, text)
