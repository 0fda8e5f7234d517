"""JSON text as ``json.JSONEncoder(indent=2, sort_keys=True, ensure_ascii=False)`` writes
it, character for character, made by plain recursion instead of the standard library's
nested generators (which ``indent`` forces: the C encoder cannot indent), about twice as
fast. Used by the SARIF writer; `tests/test_report_jsontext.py` compares it with
:mod:`json` on random data.

Only what JSON holds is accepted: dicts (with str, int, float, bool or None keys), lists
and tuples, str, int, float, bool and None (subclasses such as ``StrEnum`` are read as
their base type, as :mod:`json` reads them); anything else is a TypeError, as there.
"""

from __future__ import annotations

from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

__all__ = ["iter_json"]

_INDENT = "  "
_INF = float("inf")


def _float(x: float) -> str:
    if x != x:
        return "NaN"
    if x == _INF:
        return "Infinity"
    if x == -_INF:
        return "-Infinity"
    return float.__repr__(x)


def _scalar(o: Any) -> str | None:
    """The text of a scalar, or None for a container (the order of :mod:`json`'s tests)."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


def _key(k: Any) -> str:
    if isinstance(k, str):
        return encode_basestring(k)
    if isinstance(k, float):
        return encode_basestring(_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return encode_basestring(int.__repr__(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")


def _encode(o: Any, level: int, out: list[str]) -> None:
    """Append the text of `o`, a value at indent `level`, to `out`."""
    text = _scalar(o)
    if text is not None:
        out.append(text)
    elif isinstance(o, list | tuple):
        if not o:
            out.append("[]")
            return
        inner = "\n" + _INDENT * (level + 1)
        out.append("[" + inner)
        first = True
        for value in o:
            if not first:
                out.append("," + inner)
            first = False
            _encode(value, level + 1, out)
        out.append("\n" + _INDENT * level + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = "\n" + _INDENT * (level + 1)
        out.append("{" + inner)
        first = True
        for k, value in sorted(o.items()):
            if not first:
                out.append("," + inner)
            first = False
            out.append(_key(k) + ": ")
            _encode(value, level + 1, out)
        out.append("\n" + _INDENT * level + "}")
    else:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def iter_json(o: Any, *, streamed_depth: int = 0, chunk: int = 65536) -> Iterator[str]:
    """The text of `o` in pieces of about `chunk` characters. The containers down to
    `streamed_depth` levels below the top are walked piece by piece, so a list there whose
    items are made as it is iterated (the SARIF results) is never held whole; below that,
    each value is made in one go."""
    out: list[str] = []
    size = [0]

    def flush() -> Iterator[str]:
        if size[0] >= chunk:
            yield "".join(out)
            out.clear()
            size[0] = 0

    def walk(o: Any, level: int, depth: int) -> Iterator[str]:
        if depth >= streamed_depth or not isinstance(o, list | tuple | dict) or not o:
            n = len(out)
            _encode(o, level, out)
            size[0] += sum(len(p) for p in out[n:])
            return
        inner = "\n" + _INDENT * (level + 1)
        if isinstance(o, dict):
            out.append("{" + inner)
            for i, (k, value) in enumerate(sorted(o.items())):
                out.append(("," + inner if i else "") + _key(k) + ": ")
                yield from walk(value, level + 1, depth + 1)
                yield from flush()
            out.append("\n" + _INDENT * level + "}")
        else:
            out.append("[" + inner)
            for i, value in enumerate(o):
                if i:
                    out.append("," + inner)
                yield from walk(value, level + 1, depth + 1)
                yield from flush()
            out.append("\n" + _INDENT * level + "]")

    yield from walk(o, 0, 0)
    if out:
        yield "".join(out)
