"""The report a run produces: documents, claims, checks, problems and coverage.

Every piece is a frozen pydantic model that serializes to the JSON contract::

    {"documents": [{"id", "path", "date", ...}],
     "claims":    [{"id", "document", "start", "end", "text", "kind", "value", "unit",
                    "qualifier", "interval", "subject", "role", ...}],
     "checks":    [{"id", "rule", "name", "status", "severity", "claims", "message",
                    "explanation", ...}],
     "problems":  [{"code", "path", "message", ...}],
     "coverage":  {...}}
"""

from __future__ import annotations

import datetime
import hashlib
from collections import Counter
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from hetao_facts._display import HtmlRepr
from hetao_facts._light import LightModel
from hetao_facts.claims import Claim
from hetao_facts.intervals import Interval
from hetao_facts.link.model import Relation

__all__ = [
    "Check",
    "Coverage",
    "DocumentInfo",
    "Fix",
    "Location",
    "Problem",
    "Report",
    "SetAside",
    "Severity",
    "Status",
    "stable_id",
]


def short_path(path: str) -> str:
    """'seeds/001...txt' for reprs: relative to the working directory, middle elided."""
    import os

    try:
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            path = rel
    except ValueError:  # another drive on Windows
        pass
    if len(path) <= 16:
        return path
    if path.startswith(("..", "/")):
        path = "/".join(path.replace("\\", "/").split("/")[-2:])  # "seeds/001...txt"
    _, dot, ext = path.rpartition(".")
    tail = ext if dot and len(ext) <= 5 else path[-4:]  # "seeds/001...txt"
    return path[:9] + "..." + tail


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on its parts (same input, same id)."""
    h = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}{h[:12]}"


class Status(StrEnum):
    """The outcome of one check."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


class Severity(StrEnum):
    """How much a failing check matters; `--fail-on` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(LightModel):
    """Where a claim stands: document, 1-based line and column, and its surface text."""

    model_config = ConfigDict(frozen=True)

    claim: str | None = None
    document: str
    path: str | None = None
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    context: str = Field(default="", description="the sentence around the claim (trimmed)")
    context_offset: int = Field(default=0, description="where the claim starts in `context`")


class Operand(LightModel):
    """One figure in a check's arithmetic: a label, its interval and unit."""

    model_config = ConfigDict(frozen=True)

    label: str
    interval: Interval | None = None
    unit: str | None = None


class Fix(LightModel):
    """One figure to rewrite so that a failing check agrees: the digits as written, where
    they stand (0-based offsets into the document, 1-based line and column, ``end_column``
    the column after the last character) and the text to put in their place."""

    model_config = ConfigDict(frozen=True)

    claim: str
    document: str
    path: str | None = None
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str = Field(description="the digits as the document writes them")
    replacement: str = Field(description="what to write instead")
    description: str = Field(description="the fix in words, for an editor")


class Check(HtmlRepr, LightModel):
    """One tested relation between claims, passing or not, with its evidence."""

    model_config = ConfigDict(frozen=True)

    id: str
    rule: str
    name: str
    status: Status
    severity: Severity
    claims: tuple[str, ...]
    message: str = Field(description="the arithmetic, with both intervals (what `-v` shows)")
    plain: str = Field(
        default="",
        description="the message in plain words for an editor: what disagrees and what would "
        "make it agree (empty: `message` is already plain)",
    )
    fix: Fix | None = Field(
        default=None, description="one figure to rewrite so that the check agrees, if one does"
    )
    explanation: str = ""
    locations: tuple[Location, ...] = ()
    documents: tuple[str, ...] = ()
    operands: tuple[Operand, ...] = ()
    basis: str | None = Field(
        default=None,
        description="why it passes: 'exact', 'rounding' (only thanks to the stated "
        "precision) or 'hedge'",
    )
    margin: str | None = Field(default=None, description="how far apart the figures are, in words")
    fingerprint: str = ""
    suppressed: bool = False
    suppressed_by: str | None = Field(
        default=None, description="what suppressed it: 'comment' (inline) or 'baseline'"
    )

    def __repr__(self) -> str:
        where = ""
        if self.locations:
            loc = self.locations[0]
            where = f" {short_path(loc.path or loc.document)}:{loc.line}"
        return f"<Check {self.rule} {self.status.value}{where}>"

    def __str__(self) -> str:
        return repr(self)


class Problem(BaseModel):
    """A file or rule that could not be processed (HF9xx). Never silently skipped."""

    model_config = ConfigDict(frozen=True)

    code: str
    path: str | None = None
    message: str
    line: int | None = None
    rule: str | None = None


class SetAside(LightModel):
    """A numeral that did not become a claim, and why."""

    model_config = ConfigDict(frozen=True)

    document: str
    start: int
    end: int
    text: str
    reason: str
    detail: str | None = None


class Coverage(BaseModel):
    """Accounts for every numeral: `numerals == claimed + set_aside`.

    `claimed` counts the numerals that are part of a claim (a date or a range holds
    several), `claims` the claims themselves; `reasons` counts why the rest were set aside
    and `items` lists each of them with its place.
    """

    model_config = ConfigDict(frozen=True)

    numerals: int = 0
    claimed: int = 0
    set_aside: int = 0
    claims: int = 0
    reasons: dict[str, int] = Field(default_factory=dict)
    items: tuple[SetAside, ...] = ()

    @classmethod
    def from_items(
        cls, numerals: int, claimed: int, items: list[SetAside], *, claims: int = 0
    ) -> Coverage:
        reasons: Counter[str] = Counter(i.reason for i in items)
        return cls(
            numerals=numerals,
            claimed=claimed,
            set_aside=len(items),
            claims=claims,
            reasons=dict(sorted(reasons.items())),
            items=tuple(items),
        )

    def merge(self, other: Coverage) -> Coverage:
        return Coverage.from_items(
            self.numerals + other.numerals,
            self.claimed + other.claimed,
            [*self.items, *other.items],
            claims=self.claims + other.claims,
        )


class DocumentInfo(BaseModel):
    """A document as the report describes it."""

    model_config = ConfigDict(frozen=True)

    id: str
    path: str | None = None
    date: datetime.date | None = None
    date_source: str | None = None
    format: str = "text"
    characters: int = 0
    lines: int = 0
    claims: int = 0


class Report(HtmlRepr, BaseModel):
    """The result of a run: what was read, every claim, every check, every problem."""

    model_config = ConfigDict(frozen=True)

    version: str = "1"
    tool: dict[str, str] = Field(default_factory=dict)
    documents: tuple[DocumentInfo, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    checks: tuple[Check, ...] = ()
    problems: tuple[Problem, ...] = ()
    coverage: Coverage = Field(default_factory=Coverage)

    _texts: dict[str, str] = PrivateAttr(default_factory=dict)

    # ---- convenience
    def text_of(self, document: str) -> str | None:
        """The text of a document of this report (kept in memory; re-read from its path
        for a report loaded from JSON)."""
        if document in self._texts:
            return self._texts[document]
        for d in self.documents:
            if d.id == document and d.path:
                try:
                    with open(d.path, encoding="utf-8-sig", newline="") as f:
                        return f.read()
                except OSError:
                    return None
        return None

    @property
    def failing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.status is Status.FAIL and not c.suppressed)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(ch.status.value for ch in self.checks)
        return {s.value: c.get(s.value, 0) for s in Status}

    def claim(self, claim_id: str) -> Any:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    # ---- exploring (hetao_facts.notebook, hetao_facts.query; pandas only when called)
    def to_pandas(self) -> Any:
        """One row per check, as a pandas DataFrame (see `hetao_facts.notebook.to_pandas`)."""
        from hetao_facts.notebook import to_pandas

        return to_pandas(self)

    def relations_frame(self) -> Any:
        """One row per relation, as a pandas DataFrame (see
        `hetao_facts.notebook.relations_frame`)."""
        from hetao_facts.notebook import relations_frame

        return relations_frame(self)

    def claims_frame(self) -> Any:
        """One row per claim, as a pandas DataFrame (see `hetao_facts.notebook.claims_frame`)."""
        from hetao_facts.notebook import claims_frame

        return claims_frame(self)

    def filter(
        self, *, rule: Any = None, status: Any = None, subject: Any = None,
        document: Any = None, kind: Any = None,
    ) -> Report:  # fmt: skip
        """A new Report with the matching checks and claims; each criterion takes one value
        or several (see `hetao_facts.query.filter_report`)."""
        from hetao_facts.query import filter_report

        return filter_report(
            self, rule=rule, status=status, subject=subject, document=document, kind=kind
        )

    def __repr__(self) -> str:
        def n(count: int, noun: str) -> str:
            return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

        return (
            f"<Report {n(len(self.documents), 'document')}, {n(len(self.claims), 'claim')}, "
            f"{n(len(self.checks), 'check')}, {len(self.failing)} failing>"
        )

    def __str__(self) -> str:
        return repr(self)
