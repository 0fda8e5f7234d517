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

from hetao_facts.model import Report
from hetao_facts.report._shared import safe_data

__all__ = ["iter_render", "render"]


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


def iter_render(
    report: Report, *, indent: int | None = 2, jobs: int = 1, **_: Any
) -> Iterator[str]:
    """The text of :func:`render` in pieces: the same characters, one item at a time.

    Each list item is serialized on its own and indented to its place; JSON strings hold
    no raw line breaks, so indenting every line of an item is exact. With ``jobs`` > 1 a
    large report is written by two processes: a forked copy of this one writes the
    fields from the checks on while this one writes those before (see
    :mod:`hetao_facts._fork`), the same text either way.
    """
    if indent is None or indent <= 0:  # one line: no item boundaries to stream on
        yield _whole(report, indent)
        return
    names = list(Report.model_fields)
    split = len(names)
    if jobs > 1 and _items(report) >= _SPLIT_ITEMS:
        split = names.index("checks")
    yield "{"
    if split == len(names):
        yield from _fields(report, names, 0, split, indent)
    else:
        from hetao_facts._fork import ForkedText

        with ForkedText(lambda: _fields(report, names, split, len(names), indent)) as tail:
            yield from _fields(report, names, 0, split, indent)
            yield from tail.pieces()
    yield "\n}"


def _items(report: Report) -> int:
    return sum(len(v) for v in (report.claims, report.relations, report.checks))


def _fields(report: Report, names: list[str], start: int, stop: int, indent: int) -> Iterator[str]:
    """The text of the report's fields ``names[start:stop]``, each after its comma."""
    pad = " " * indent
    inner = "\n" + pad * 2
    for n in range(start, stop):
        name = names[n]
        value = getattr(report, name)
        yield ("," if n else "") + "\n" + pad
        if isinstance(value, tuple):
            yield json.dumps(name) + ": "
            if not value:
                yield "[]"
                continue
            yield "["
            first = ""
            for item in value:
                yield first + inner + _item(item, indent).replace("\n", inner)
                first = ","
            yield "\n" + pad + "]"
        elif (last := _streamed_tail(value)) is not None:  # the coverage, its items one by one
            yield from _model_with_items(report, name, value, last, indent)
        else:  # a scalar or a mapping: the field alone, as the whole has it
            yield _field(report, name, indent)


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
