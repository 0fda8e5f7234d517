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
        return item.model_dump_json(indent=indent)
    except PydanticSerializationError:  # a lone surrogate in a path or a text
        data = safe_data(item.model_dump(mode="json"))
        return json.dumps(data, indent=indent, ensure_ascii=False)


def iter_render(report: Report, *, indent: int | None = 2, **_: Any) -> Iterator[str]:
    """The text of :func:`render` in pieces: the same characters, one item at a time.

    Each list item is serialized on its own and indented to its place; JSON strings hold
    no raw line breaks, so indenting every line of an item is exact.
    """
    if indent is None or indent <= 0:  # one line: no item boundaries to stream on
        yield _whole(report, indent)
        return
    pad = " " * indent
    inner = "\n" + pad * 2
    yield "{"
    for n, name in enumerate(Report.model_fields):
        value = getattr(report, name)
        yield ("," if n else "") + "\n" + pad
        if isinstance(value, tuple):
            yield json.dumps(name) + ": "
            if not value:
                yield "[]"
                continue
            yield "["
            for i, item in enumerate(value):
                text = _item(item, indent)
                yield ("," if i else "") + inner + text.replace("\n", inner)
            yield "\n" + pad + "]"
        else:  # a scalar, a mapping or the coverage: the field alone, as the whole has it
            try:
                text = report.model_dump_json(include={name}, indent=indent)
            except PydanticSerializationError:
                data = safe_data(report.model_dump(mode="json", include={name}))
                text = json.dumps(data, indent=indent, ensure_ascii=False)
            # '{\n  "name": value\n}' -> '"name": value' (already indented for its place)
            yield text[text.index("\n") + 1 + indent : text.rindex("\n")]
    yield "\n}"
