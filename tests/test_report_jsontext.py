"""The SARIF writer's JSON text is json.dumps(indent=2, sort_keys=True, ensure_ascii=False)
character for character (hypothesis)."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hetao_facts.report._jsontext import iter_json


class _Level(StrEnum):
    NOTE = "note"
    ERROR = "error"


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(list(_Level))
)
_KEYS = st.text(max_size=6) | st.integers(-5, 5) | st.sampled_from([True, False, None, 1.5])
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_KEYS, inner, max_size=4)
    ),
    max_leaves=30,
)


def _keys_sortable(o: Any) -> bool:
    if isinstance(o, dict):
        try:
            sorted(o)
        except TypeError:
            return False
        return all(_keys_sortable(v) for v in o.values())
    if isinstance(o, list | tuple):
        return all(_keys_sortable(v) for v in o)
    return True


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DATA, st.integers(0, 5), st.sampled_from([1, 7, 65536]))
def test_iter_json_is_json_dumps(data: Any, depth: int, chunk: int) -> None:
    if not _keys_sortable(data):
        with pytest.raises(TypeError):
            json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
        return
    expected = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    assert "".join(iter_json(data, streamed_depth=depth, chunk=chunk)) == expected


def test_iter_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        "".join(iter_json({"a": object()}))
    with pytest.raises(TypeError):
        "".join(iter_json({(1, 2): 3}))
