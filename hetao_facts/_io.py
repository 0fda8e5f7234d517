"""Writing report and baseline files safely.

:func:`atomic_write` writes to a temporary file in the same folder and renames it over the
target, so a reader (a CI step uploading the SARIF file, an editor watching the baseline)
sees the old file or the new one, never an empty or half-written one. A target that is no
regular file (``/dev/null``, a named pipe) is written in place: renaming over it would
replace the device or the pipe with a file.
:func:`check_writable` says, before a run, why a file could not be written.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
from collections.abc import Iterable
from typing import Protocol

__all__ = ["Encoded", "atomic_write", "check_writable"]


class Sink(Protocol):
    """Where bytes are written (a binary file)."""

    def write(self, data: bytes, /) -> object: ...


class Encoded(Protocol):
    """A piece of text already encoded as UTF-8 and held outside this process's memory
    (a part of a report written by a forked copy, :mod:`hetao_facts._fork`):
    :func:`atomic_write` copies its bytes instead of decoding and encoding them again."""

    def copy_into(self, out: Sink) -> bool | None:
        """Copy the bytes to ``out``; whether they end with a line break (None: there
        were none)."""
        ...


def atomic_write(path: str | os.PathLike[str], text: str | Iterable[str | Encoded]) -> None:
    """Write ``text`` (UTF-8, LF) to ``path`` atomically; OSError if it cannot be.

    ``text`` may be pieces (a report rendered item by item): they are written as they
    come, so the whole text is never held in memory. A piece may be :class:`Encoded`
    (bytes made elsewhere): its bytes are copied as they are."""
    target = os.fspath(path)
    if _is_special(target):
        with open(target, "w", encoding="utf-8", newline="\n", errors="surrogateescape") as f:
            _write_pieces(f, text)
        return
    folder = os.path.dirname(os.path.abspath(target))
    mode = None
    with contextlib.suppress(OSError):
        mode = os.stat(target).st_mode & 0o777
    fd, tmp = tempfile.mkstemp(prefix=".hetao-facts-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", errors="surrogateescape") as f:
            _write_pieces(f, text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_pieces(f: io.TextIOWrapper, text: str | Iterable[str | Encoded]) -> None:
    """Write ``text`` (one string or pieces) to ``f``, ending it with a line break."""
    ends_line = False
    for piece in [text] if isinstance(text, str) else text:
        if isinstance(piece, str):
            if piece:
                f.write(piece)
                ends_line = piece.endswith("\n")
        else:
            f.flush()
            copied = piece.copy_into(f.buffer)
            ends_line = ends_line if copied is None else copied
    if not ends_line:
        f.write("\n")


def _is_special(target: str) -> bool:
    """``target`` exists and is neither a regular file nor a folder (a device, a pipe)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_writable(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be written (one phrase), or None if it can."""
    target = os.fspath(path)
    if os.path.isdir(target):
        return "is a directory"
    if _is_special(target):  # written in place (see atomic_write)
        return None if os.access(target, os.W_OK) else "permission denied"
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        return f"no such folder {os.path.dirname(target) or '.'}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "permission denied (the folder is not writable)"
    if os.path.exists(target) and not os.access(target, os.W_OK):
        return "permission denied"
    return None
