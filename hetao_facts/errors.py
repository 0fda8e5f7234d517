"""Errors raised by hetao_facts.

Every class also subclasses a builtin, so callers can catch either::

    HetaoFactsError (Exception)
    ├── DocumentError (ValueError)        a document could not be read or decoded
    ├── FactSheetError (ValueError)       a fact sheet is malformed
    ├── ConfigError (ValueError)          configuration is invalid (all problems at once)
    ├── RuleError (RuntimeError)          a rule is malformed or crashed
    └── UsageError (ValueError)           the caller asked for something impossible

Messages name the file, the problem and, where there is one, what was expected.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DocumentError",
    "FactSheetError",
    "HetaoFactsError",
    "RuleError",
    "UsageError",
]


class HetaoFactsError(Exception):
    """Base class of every error hetao_facts raises on purpose."""


class DocumentError(HetaoFactsError, ValueError):
    """A document could not be read: missing, binary, not UTF-8, unreadable..."""

    def __init__(self, path: str, problem: str, *, code: str = "HF901") -> None:
        self.path = path
        self.problem = problem
        self.code = code
        super().__init__(f"{path}: {problem}")


class FactSheetError(HetaoFactsError, ValueError):
    """A fact sheet is malformed; the message names the file, line and expectation."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))


class ConfigError(HetaoFactsError, ValueError):
    """Configuration is invalid; `problems` lists every problem found, each with its key path."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {p}" for p in problems))


class RuleError(HetaoFactsError, RuntimeError):
    """A rule is malformed (raised at import) or crashed while checking."""


class UsageError(HetaoFactsError, ValueError):
    """The caller asked for something impossible (unknown rule code, bad option...)."""
