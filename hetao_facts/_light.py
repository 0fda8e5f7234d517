"""Lighter pydantic records: one shared set of field names per shape of record.

Every pydantic instance carries ``__pydantic_fields_set__``, a set of the field names it
was given; a set costs 216 to 728 bytes, as much as the rest of a small record. Records
of one class are nearly always given the same fields, so :class:`LightModel` replaces each
instance's set by one shared set with the same names (a run of a 10 MB corpus holds about
140,000 records: 80 MB less). The models are frozen, so nothing adds to a shared set;
``model_copy`` copies the set before changing it.

The field values move into a *key-sharing* dict: pydantic gives each instance a dict of its
own keys (832 bytes for a claim's 23 fields), while CPython can store the instances of one
class with one shared key table and a values array each (256 bytes). A fresh instance's
``__dict__`` is such a dict; filling it key by key (not with ``update``, which unshares it)
and giving it to the record keeps it shared. Records behave exactly as before (``__dict__``
is a dict either way); a 10 MB corpus's run holds about 400,000 of them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

__all__ = ["LightModel", "shared_keys_dict"]

_SHARED: dict[frozenset[str], set[str]] = {}


class LightModel(BaseModel):
    """A frozen pydantic model whose instances share their fields-set (see the module)."""

    def model_post_init(self, context: Any, /) -> None:
        fields = self.__pydantic_fields_set__
        key = frozenset(fields)
        shared = _SHARED.get(key)
        if shared is None:
            if len(_SHARED) >= 4096:  # many shapes (not expected): stop sharing new ones
                return
            shared = _SHARED.setdefault(key, set(fields))
        object.__setattr__(self, "__pydantic_fields_set__", shared)
        object.__setattr__(self, "__dict__", shared_keys_dict(type(self), self.__dict__))


def shared_keys_dict(cls: type[BaseModel], fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` in a dict sharing ``cls``'s key table (see the module docstring)."""
    values: dict[str, Any] = cls.__new__(cls).__dict__  # empty, and key-sharing
    for name, value in fields.items():  # key by key: ``update`` would unshare it
        values[name] = value
    return values
