"""Where rules are found: the built-in families, user code, and plugins.

Register a rule from your own code with the decorator::

    from hetao_facts import Rule, register_rule

    @register_rule
    class NoRoundMillions(Rule):
        ...

Plugins expose rules through the ``hetao_facts.rules`` entry-point group (each entry
point names a Rule subclass, or a module whose Rule subclasses are all registered).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from importlib.metadata import entry_points
from typing import TypeVar

from hetao_facts.errors import RuleError, UsageError
from hetao_facts.rules.base import Rule

__all__ = ["all_rules", "get_rule", "load_plugins", "register_rule", "unregister_rule"]

_REGISTRY: dict[str, type[Rule]] = {}
_LOADED = False
_PLUGIN_ERRORS: list[str] = []

R = TypeVar("R", bound=type[Rule])


def register_rule(cls: R) -> R:
    """Register a Rule subclass (usable as a decorator). Codes must be unique."""
    if not (inspect.isclass(cls) and issubclass(cls, Rule)):
        raise RuleError(f"register_rule expects a Rule subclass, got {cls!r}")
    other = _REGISTRY.get(cls.code)
    same_place = other is not None and (other.__module__, other.__qualname__) == (
        cls.__module__,
        cls.__qualname__,
    )
    if other is not None and other is not cls and not same_place:  # a re-run cell may redefine it
        raise RuleError(
            f"rule code {cls.code} is used by both {other.__qualname__} and {cls.__qualname__}"
        )
    _REGISTRY[cls.code] = cls
    return cls


def unregister_rule(code: str) -> None:
    """Remove a rule (mainly for tests)."""
    _REGISTRY.pop(code, None)


def _load_builtin() -> None:
    import hetao_facts.rules as pkg

    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if mod.name.rsplit(".", 1)[-1] in {"base", "registry"}:
            continue
        module = importlib.import_module(mod.name)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and "code" in obj.__dict__
            ):
                register_rule(obj)


def load_plugins() -> list[str]:
    """Register rules from the ``hetao_facts.rules`` entry-point group; return errors."""
    errors: list[str] = []
    for ep in entry_points(group="hetao_facts.rules"):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not stop the run
            errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}")
            continue
        if inspect.isclass(obj) and issubclass(obj, Rule):
            register_rule(obj)
        elif inspect.ismodule(obj):
            for member in vars(obj).values():
                if (
                    inspect.isclass(member)
                    and issubclass(member, Rule)
                    and "code" in member.__dict__
                ):
                    register_rule(member)
        else:
            errors.append(f"plugin {ep.name!r} ({ep.value}) is not a Rule subclass or module")
    return errors


def _ensure_loaded() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        _load_builtin()
        _PLUGIN_ERRORS.extend(load_plugins())


def plugin_errors() -> list[str]:
    _ensure_loaded()
    return list(_PLUGIN_ERRORS)


def all_rules() -> list[type[Rule]]:
    """Every registered rule class, sorted by code."""
    _ensure_loaded()
    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule]:
    """The rule with this code (case-insensitive), or a UsageError with a suggestion."""
    _ensure_loaded()
    key = code.upper()
    if key in _REGISTRY:
        return _REGISTRY[key]
    for cls in _REGISTRY.values():
        if cls.name == code.lower():
            return cls
    import difflib

    choices = sorted(_REGISTRY) + sorted(c.name for c in _REGISTRY.values())
    close = difflib.get_close_matches(code, choices, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UsageError(f"unknown rule {code!r}{hint}")
