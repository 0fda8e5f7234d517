"""The JSON contract: ``Report.to_json()`` (see `hetao_facts.model` and the README).

Every check is there, passing or not, with ``suppressed`` set by comments and baselines;
problems (HF9xx) are listed with their code, path and message. The output is
deterministic: fields in model order, checks, claims and problems sorted by the engine,
no timestamps.

:func:`iter_render` writes the same text piece by piece, one document, claim, check or
problem at a time, so a report of a 100 MB corpus is never held as one string (the text
of the report is several times the size of the objects it describes).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from hetao_facts._io import Encoded
from hetao_facts.model import Report
from hetao_facts.report._shared import safe_data, safe_text

__all__ = ["iter_encoded", "iter_render", "render"]


def render(report: Report, *, indent: int | None = 2, **_: Any) -> str:
    """The report as JSON text (UTF-8 characters kept; control characters escaped; a lone
    surrogate, which UTF-8 cannot hold, is escaped by :func:`hetao_facts.report.render`)."""
    return "".join(iter_render(report, indent=indent))


def _whole(report: Report, indent: int | None) -> str:
    try:
        return report.to_json(indent=indent)
    except PydanticSerializationError:  # a lone surrogate in a path or a text
        data = safe_data(report.model_dump(mode="json"))
        return json.dumps(data, indent=indent, ensure_ascii=False)


def _item(item: BaseModel, indent: int) -> str:
    try:
        # what ``model_dump_json(indent=indent)`` runs, without its Python wrapper (one
        # call per claim, check and relation: 500,000 of them at 100 MB)
        return item.__pydantic_serializer__.to_json(item, indent=indent).decode()
    except PydanticSerializationError:  # a lone surrogate in a path or a text
        data = safe_data(item.model_dump(mode="json"))
        return json.dumps(data, indent=indent, ensure_ascii=False)


_SPLIT_ITEMS = 20_000
"""Items (claims, relations, checks...) from which a report is worth writing in two
processes: forking costs about what writing 5,000 items does"""

_COST: dict[str, int] = {"claims": 7, "relations": 6, "checks": 13, "coverage": 2}
"""What writing one item of a field costs, in tenths of a microsecond (measured on a
10 MB corpus's report; only the proportions matter): a check is twice a claim, a
coverage item a quarter of one. Other fields' items count as claims."""

_HEAD_SHARE = 0.55
"""The share of the writing this process does when a forked copy writes the rest: a
little more than half, as the copy is slower per item (the pages it touches are copied
on its first write to them) and this process only copies the copy's bytes after"""

_Cut = tuple[int, int]
"""A place in the report's text: (a field's place, an item's place in it). (n, 0) is the
start of field n; an item's place counts only in a field that is a tuple."""


def iter_render(
    report: Report, *, indent: int | None = 2, jobs: int = 1, **_: Any
) -> Iterator[str]:
    """The text of :func:`render` in pieces: the same characters, one item at a time.

    Each list item is serialized on its own and indented to its place; JSON strings hold
    no raw line breaks, so indenting every line of an item is exact. With ``jobs`` > 1 a
    large report is written by two processes: a forked copy of this one writes the text
    from about half the work on (:func:`_halfway`, between two items of a list) while
    this one writes the text before it (see :mod:`hetao_facts._fork`), the same text
    either way.
    """
    for piece in _pieces(report, indent, jobs, encoded=False):
        assert isinstance(piece, str)
        yield piece


def iter_encoded(
    report: Report, *, indent: int | None = 2, jobs: int = 1, **_: Any
) -> Iterator[str | Encoded]:
    """:func:`iter_render`'s pieces for :func:`hetao_facts._io.atomic_write`: the part
    a forked copy wrote comes as its bytes, copied into the file as they are."""
    return _pieces(report, indent, jobs, encoded=True)


def _pieces(
    report: Report, indent: int | None, jobs: int, *, encoded: bool
) -> Iterator[str | Encoded]:
    if indent is None or indent <= 0:  # one line: no item boundaries to stream on
        yield _whole(report, indent)
        return
    names = list(Report.model_fields)
    end = (len(names), 0)
    yield "{"
    if jobs <= 1 or _items(report) < _SPLIT_ITEMS:
        yield from _fields(report, names, (0, 0), end, indent)
    else:
        from hetao_facts._fork import ForkedText

        def tail_text() -> Iterator[str]:  # as the caller would have it (see safe_text)
            return map(safe_text, _fields(report, names, cut, end, indent))

        cut = _halfway(report, names)
        with ForkedText(tail_text) as tail:
            yield from _fields(report, names, (0, 0), cut, indent)
            yield from tail.encoded() if encoded else tail.pieces()
    yield "\n}"


def _items(report: Report) -> int:
    return sum(len(v) for v in (report.claims, report.relations, report.checks))


def _halfway(report: Report, names: list[str]) -> _Cut:
    """The place between two items where `_HEAD_SHARE` of the writing is done (by
    `_COST`; a field other than a list counts its streamed items, see
    `_streamed_tail`)."""
    costs: list[tuple[int, int]] = []  # (items, cost of one) per field
    for name in names:
        value = getattr(report, name)
        if isinstance(value, tuple):
            costs.append((len(value), _COST.get(name, _COST["claims"])))
        elif (last := _streamed_tail(value)) is not None:
            costs.append((len(getattr(value, last)), _COST.get(name, _COST["claims"])))
        else:
            costs.append((0, 0))
    half = sum(n * c for n, c in costs) * _HEAD_SHARE
    for place, (n, c) in enumerate(costs):
        if n * c > half and isinstance(getattr(report, names[place]), tuple):
            return place, max(1, min(n - 1, round(half / c)))
        if n * c >= half:
            return place + 1, 0
        half -= n * c
    return len(names), 0


def _fields(
    report: Report, names: list[str], start: _Cut, stop: _Cut, indent: int
) -> Iterator[str]:
    """The text of the report from ``start`` to ``stop``: each field after its comma, a
    tuple field's items one by one (a field cut in two: its name and opening bracket go
    with its first part, its closing bracket with its last)."""
    pad = " " * indent
    inner = "\n" + pad * 2
    for n in range(start[0], min(stop[0] + 1, len(names))):
        first = start[1] if n == start[0] else 0
        last = stop[1] if n == stop[0] else None
        if last == 0:
            return
        name = names[n]
        value = getattr(report, name)
        if not isinstance(value, tuple):
            yield ("," if n else "") + "\n" + pad
            if (tail := _streamed_tail(value)) is not None:  # the coverage, its items one by one
                yield from _model_with_items(report, name, value, tail, indent)
            else:  # a scalar or a mapping: the field alone, as the whole has it
                yield _field(report, name, indent)
            continue
        if first == 0:
            yield ("," if n else "") + "\n" + pad + json.dumps(name) + ": "
            if not value:
                yield "[]"
                continue
            yield "["
        for i in range(first, len(value) if last is None else last):
            yield ("," if i else "") + inner + _item(value[i], indent).replace("\n", inner)
        if last is None:
            yield "\n" + pad + "]"


def _field(report: Report, name: str | dict[str, Any], indent: int) -> str:
    """'"name": value', indented for its place, as the whole report's JSON has it."""
    include = {name} if isinstance(name, str) else name
    try:
        text = report.model_dump_json(include=include, indent=indent)
    except PydanticSerializationError:
        data = safe_data(report.model_dump(mode="json", include=include))
        text = json.dumps(data, indent=indent, ensure_ascii=False)
    # '{\n  "name": value\n}' -> '"name": value' (already indented for its place)
    return text[text.index("\n") + 1 + indent : text.rindex("\n")]


def _streamed_tail(value: Any) -> str | None:
    """The last field of a model when it is a non-empty tuple of models (the coverage's
    set-aside items: 150,000 of them at 100 MB, too many to write as one string)."""
    if not isinstance(value, BaseModel):
        return None
    last = list(type(value).model_fields)[-1]
    items = getattr(value, last)
    if isinstance(items, tuple) and items and isinstance(items[0], BaseModel):
        return last
    return None


def _model_with_items(
    report: Report, name: str, value: BaseModel, last: str, indent: int
) -> Iterator[str]:
    """Field ``name`` of the report, a model whose last field ``last`` is a tuple, written
    with that tuple item by item (the same text as the whole report's JSON)."""
    others = {f for f in type(value).model_fields if f != last}
    head = _field(report, {name: others}, indent)
    pad = " " * indent
    closing = "\n" + pad + "}"
    assert head.endswith(closing)
    yield head[: -len(closing)] + ",\n" + pad * 2 + json.dumps(last) + ": ["
    inner = "\n" + pad * 3
    for i, item in enumerate(getattr(value, last)):
        yield ("," if i else "") + inner + _item(item, indent).replace("\n", inner)
    yield "\n" + pad * 2 + "]" + closing
