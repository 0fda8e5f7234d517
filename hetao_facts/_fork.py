"""Text made by a forked copy of this process while this one makes other text.

A report's writer is serial work at the end of a run; with ``--jobs 2`` one core would
idle through it. :class:`ForkedText` forks this process (its memory shared, copy on
write), lets the copy render a later part of the text into a temporary file, and hands
that file's text back when asked, after this process has rendered the parts before it.
The pieces are the same characters whoever makes them; when no fork is to be had (not
Linux, other threads running, the fork or the copy failing) this process makes them
itself. :meth:`ForkedText.encoded` hands the copy's bytes over as they are (for
:func:`hetao_facts._io.atomic_write`, which copies them into its file: decoding 25 MB of
text to encode it again costs more than the copy).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from hetao_facts._io import Sink
from hetao_facts._parallel import _gc_frozen

__all__ = ["ForkedText", "can_fork"]

_CHUNK = 1 << 20


def can_fork() -> bool:
    """Whether forking this process is safe here: Linux, and no other thread running (a
    thread's locks would be copied held)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class ForkedText:
    """The pieces of ``make()``, made by a forked copy of this process from now on.

    :meth:`pieces` waits for the copy and yields its text (:meth:`encoded`: its bytes);
    :meth:`close` (also at the end of either) ends the copy if it still runs. Use it as
    a context manager. The text is encoded as UTF-8, lone surrogates kept
    (``surrogatepass``: read back exactly).
    """

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make = make
        self._pid: int | None = None
        self._file: IO[bytes] | None = None
        self._scope = contextlib.ExitStack()
        if not can_fork():
            return
        try:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            # what is alive now stays out of either process's collections while they
            # share it (a collection would write to, and so copy, every page)
            self._scope.enter_context(_gc_frozen())
            pid = os.fork()
        except OSError:
            self.close()
            return
        if pid == 0:  # the copy: write the text, then leave without any clean-up
            code = 1
            try:
                out = io.TextIOWrapper(
                    self._file, encoding="utf-8", errors="surrogatepass", newline=""
                )
                for piece in make():
                    out.write(piece)
                out.flush()
                code = 0
            finally:
                os._exit(code)
        self._pid = pid

    def __enter__(self) -> ForkedText:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def pieces(self) -> Iterator[str]:
        """The text, made by the copy (or here, when it could not make it)."""
        try:
            if not self._wait():
                yield from self._make()
                return
            assert self._file is not None
            self._file.seek(0)
            reader = io.TextIOWrapper(
                self._file, encoding="utf-8", errors="surrogatepass", newline=""
            )
            while chunk := reader.read(_CHUNK):
                yield chunk
        finally:
            self.close()

    def encoded(self) -> Iterator[str | _Bytes]:
        """The text as the copy's bytes (one piece; they stay valid until the next is
        asked for), or as text made here when the copy could not make it. The bytes are
        the text in UTF-8 (``surrogatepass``): for a text without lone surrogates, as the
        report writers make it (``safe_text``), what any UTF-8 writer would write."""
        try:
            if not self._wait():
                yield from self._make()
                return
            assert self._file is not None
            yield _Bytes(self._file)
        finally:
            self.close()

    def _wait(self) -> bool:
        """Whether the copy made the whole text."""
        if self._pid is None:
            return False
        pid, self._pid = self._pid, None
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0

    def close(self) -> None:
        """End the copy if it still runs, and drop its file."""
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, 9)
            self._wait()
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        self._scope.close()


class _Bytes:
    """A copy's text as UTF-8 in its file (:class:`hetao_facts._io.Encoded`)."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file

    def copy_into(self, out: Sink) -> bool | None:
        """Copy the bytes to ``out``; whether they end with a line break (None: empty)."""
        size = self._file.seek(0, os.SEEK_END)
        if not size:
            return None
        self._file.seek(size - 1)
        ends_line = self._file.read(1) == b"\n"
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, _CHUNK)
        return ends_line
