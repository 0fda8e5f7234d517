"""The JSON contract: ``Report.to_json()`` (see `hetao_facts.model` and the README).

Every check is there, passing or not, with ``suppressed`` set by comments and baselines;
problems (HF9xx) are listed with their code, path and message. The output is
deterministic: fields in model order, checks, claims and problems sorted by the engine,
no timestamps.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic_core import PydanticSerializationError

from hetao_facts.model import Report
from hetao_facts.report._shared import safe_data

__all__ = ["render"]


def render(report: Report, *, indent: int | None = 2, **_: Any) -> str:
    """The report as JSON text (UTF-8 characters kept; control characters escaped; a lone
    surrogate, which UTF-8 cannot hold, is escaped by :func:`hetao_facts.report.render`)."""
    try:
        return report.to_json(indent=indent)
    except PydanticSerializationError:  # a lone surrogate in a path or a text
        data = safe_data(report.model_dump(mode="json"))
        return json.dumps(data, indent=indent, ensure_ascii=False)
