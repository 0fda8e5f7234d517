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

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

__all__ = ["LightModel", "shared_keys_dict", "trusted_maker"]

M = TypeVar("M", bound="LightModel")

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


def trusted_maker(cls: type[M], given: tuple[str, ...]) -> Callable[..., M]:
    """A fast constructor of `cls` for values the library computed itself: ``make(*values)``
    gives the record ``cls(**dict(zip(given, values)))`` would, without validating.

    Only for values already of their fields' exact types (ints for int fields, a Decimal
    for a Decimal field: no coercion happens). The record is the same: every field in
    declaration order (the fields not in `given` at their defaults), the shared
    fields-set of `given`, a key-sharing dict (4x faster for a two-field record). `cls`
    must be a LightModel without validators, private attributes, extra fields or default
    factories (checked here, once).
    """
    fields = cls.model_fields
    assert issubclass(cls, LightModel) and set(given) <= set(fields), cls
    decorators = cls.__pydantic_decorators__
    assert not (
        decorators.validators
        or decorators.field_validators
        or decorators.root_validators
        or decorators.model_validators
    ), cls
    assert not cls.__private_attributes__ and cls.model_config.get("extra") != "allow", cls
    assert cls.model_post_init is LightModel.model_post_init, cls
    defaults: dict[str, Any] = {}
    for name, info in fields.items():
        if name not in given:
            assert info.default_factory is None and info.default is not PydanticUndefined, name
            defaults[name] = info.default
    order = tuple(fields)
    key = frozenset(given)
    shared = _SHARED.setdefault(key, set(given))
    new = cls.__new__
    set_attr = object.__setattr__
    if order == given:

        def make(*values: Any) -> M:
            obj = new(cls)
            d = obj.__dict__  # empty and key-sharing, filled key by key (see the module)
            for name, value in zip(order, values, strict=True):
                d[name] = value
            set_attr(obj, "__pydantic_fields_set__", shared)
            set_attr(obj, "__pydantic_extra__", None)
            set_attr(obj, "__pydantic_private__", None)
            return obj

        return make

    def make_with_defaults(*values: Any) -> M:
        got = dict(zip(given, values, strict=True))
        obj = new(cls)
        d = obj.__dict__
        for name in order:
            d[name] = got[name] if name in got else defaults[name]
        set_attr(obj, "__pydantic_fields_set__", shared)
        set_attr(obj, "__pydantic_extra__", None)
        set_attr(obj, "__pydantic_private__", None)
        return obj

    return make_with_defaults
