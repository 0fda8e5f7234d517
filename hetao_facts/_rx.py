"""The package's regular expressions, compiled once per interpreter and kept between runs.

hetao_facts compiles about 600 patterns as it is imported. ``re.compile`` parses each in
Python (``re._parser``, ``re._compiler``) before the C engine builds the pattern object
from the code it produced: 0.15 s of a 0.3 s start, the largest fixed cost of a run (of
every ``--jobs N`` run, in the parent, before any work is shared). :func:`compile` keeps
that code in a cache file and, on later starts, gives it straight to the engine
(``_sre.compile``, the call ``re.compile`` ends with), so the same pattern object is made
without parsing.

Only what CPython itself produced is reused, and only by the same interpreter: the cache
is one file per interpreter version and engine (its version string, ``_sre.MAGIC`` and
code size must match); an entry is used only for the same pattern text and flags; it is
written only after the pattern was compiled by ``re.compile`` and the two pattern objects
agree (flags, groups, group names). Anything unexpected (another Python implementation,
an unreadable or damaged file, a read-only folder) falls back to ``re.compile`` silently:
the cache only ever saves time. ``HETAO_FACTS_NO_CACHE=1`` turns it off;
``HETAO_FACTS_CACHE_DIR`` moves it (default ``$XDG_CACHE_HOME/hetao_facts`` or
``~/.cache/hetao_facts``).

Only patterns fixed in the source go through it (module-level constants), never patterns
made from a document's words; a process that compiled a pattern not in the file writes
the file again at exit: the patterns it used, then the file's others (4,096 at most).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from typing import Any

__all__ = ["compile"]

_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""(flags, code, groups - 1, group index, index group): ``_sre.compile``'s arguments"""

_MAX_ENTRIES = 4096

try:  # CPython 3.11 to 3.13: the engine's entry point and the compiler's two steps
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE = f"{sys.implementation.name}-{sys.version}-{_sre.MAGIC}-{_sre.CODESIZE}"
    _USABLE = sys.implementation.name == "cpython" and (3, 11) <= sys.version_info < (3, 14)
except ImportError:  # pragma: no cover - another implementation or layout
    _USABLE = False
    _ENGINE = ""


class _Cache:
    def __init__(self) -> None:
        self.entries: dict[str, _Entry] | None = None
        self.used: dict[str, _Entry] = {}
        self.added = False
        self.owner = os.getpid()

    def path(self) -> str | None:
        if os.environ.get("HETAO_FACTS_NO_CACHE", "") not in ("", "0"):
            return None
        folder = os.environ.get("HETAO_FACTS_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
            "hetao_facts",
        )
        tag = hashlib.sha256(_ENGINE.encode()).hexdigest()[:16]
        return os.path.join(folder, f"regex-{sys.implementation.cache_tag}-{tag}.json")

    def load(self) -> dict[str, _Entry]:
        if self.entries is None:
            self.entries = {}
            path = self.path()
            if path is not None:
                with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
                    with open(path, encoding="utf-8") as f:
                        data = json.load(f)
                    if data["engine"] == _ENGINE:
                        self.entries = {
                            k: (v[0], v[1], v[2], v[3], tuple(v[4]))
                            for k, v in data["patterns"].items()
                        }
        return self.entries

    def save(self) -> None:
        """Write the patterns this process used (at exit, when it added one)."""
        path = self.path()
        if not self.added or path is None or os.getpid() != self.owner:
            return
        keep = dict(self.used)  # the patterns used first, then the others of the file
        for key, entry in (self.entries or {}).items():
            if len(keep) >= _MAX_ENTRIES:
                break
            keep.setdefault(key, entry)
        data = {"engine": _ENGINE, "patterns": keep}
        with contextlib.suppress(OSError):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".regex-", dir=os.path.dirname(path))
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(data, f, separators=(",", ":"))
                os.replace(tmp, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


_CACHE = _Cache()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, the same pattern object, from the cache when the
    pattern was compiled by an earlier start (see the module docstring)."""
    if not _USABLE or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    key = f"{flags}:{pattern}"
    entry = _CACHE.load().get(key)
    if entry is not None:
        try:
            made: re.Pattern[str] = _sre.compile(pattern, *entry)
        except Exception:
            pass
        else:
            _CACHE.used[key] = entry
            return made
    compiled = re.compile(pattern, flags)
    entry = _entry(pattern, flags, compiled)
    if entry is not None and len(_CACHE.used) < _MAX_ENTRIES:
        if not _CACHE.added:
            atexit.register(_CACHE.save)
        _CACHE.used[key] = entry
        _CACHE.added = True
    return compiled


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> _Entry | None:
    """``_sre.compile``'s arguments for ``pattern``, as ``re._compiler.compile`` computes
    them, if the object they make agrees with ``compiled``; None otherwise."""
    try:
        parsed: Any = _parser.parse(pattern, flags)
        code = list(_compiler._code(parsed, flags))
        index: dict[str, int] = dict(parsed.state.groupdict)
        names: list[str | None] = [None] * parsed.state.groups
        for name, i in index.items():
            names[i] = name
        entry: _Entry = (
            flags | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            index,
            tuple(names),
        )
        made = _sre.compile(pattern, *entry)
    except Exception:
        return None
    same = (made.flags, made.groups, made.groupindex) == (
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    )
    return entry if same else None
