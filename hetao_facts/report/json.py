"""The JSON contract: ``Report.to_json()`` (see `hetao_facts.model` and the README).

Every check is there, passing or not, with ``suppressed`` set by comments and baselines;
problems (HF9xx) are listed with their code, path and message. The output is
deterministic: fields in model order, checks, claims and problems sorted by the engine,
no timestamps.
"""

from __future__ import annotations

from typing import Any

from hetao_facts.model import Report

__all__ = ["render"]


def render(report: Report, *, indent: int | None = 2, **_: Any) -> str:
    """The report as JSON text (UTF-8 characters kept; control characters escaped)."""
    return report.to_json(indent=indent)
