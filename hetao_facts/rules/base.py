"""The base class every rule derives from, and the context rules read.

A rule is one small class with a stable ``code`` (``HF101``), a kebab-case ``name``
that names the problem, a default ``severity``, an ``Options`` pydantic model, and a
docstring that IS its documentation. The docstring must have these sections, each
introduced by a line that is exactly the heading followed by a colon::

    One-line summary.

    What it checks:
        ...
    Why it matters:
        ...
    Flagged:
        ...
    Consistent:
        ...

``Rule.__init_subclass__`` validates all of this at import, so a malformed rule cannot
ship. A rule's ``check(ctx)`` yields `Check` objects made with ``ctx.make_check``.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from hetao_facts import _rx
from hetao_facts.errors import RuleError
from hetao_facts.model import Check, Severity, Status

if TYPE_CHECKING:
    from hetao_facts.context import Context

__all__ = ["DOC_SECTIONS", "Rule", "RuleOptions", "Scope", "keep_safe_fixes", "settle_fixes"]

CODE_RE = _rx.compile(r"^HF\d{3}$")
NAME_RE = _rx.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
DOC_SECTIONS = ("What it checks", "Why it matters", "Flagged", "Consistent")


class Scope(StrEnum):
    """The slice of a run a rule needs, so the engine can partition the work.

    ``document``: one document's claims and relations; ``subject``: claims grouped by
    subject and attribute across documents; ``link``: the relations of the linking stage
    (per document) and the claims they cite. Relations never cross documents, so
    ``document`` and ``link`` rules both run document by document (in the workers with
    ``--jobs N``); only ``subject`` rules need the merged run.
    """

    DOCUMENT = "document"
    SUBJECT = "subject"
    LINK = "link"

    @property
    def per_document(self) -> bool:
        """Can the rule run on one document at a time (and so in a worker)?"""
        return self is not Scope.SUBJECT


#: `Rule.summary` of each rule class and docstring, computed once
_SUMMARIES: dict[tuple[type, str], str] = {}


class RuleOptions(BaseModel):
    """Options a rule accepts (none by default). Read from [tool.hetao-facts.rules.CODE]."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def keep_safe_fixes(checks: list[Check]) -> list[Check]:
    """Drop a check's fix when rewriting its figure could undo another check of the same
    rule: the figure also passes a check (it agrees with other figures as written), or
    two checks would rewrite it differently."""
    if not any(c.fix is not None for c in checks):
        return checks
    passing = {cid for c in checks if c.status is Status.PASS for cid in c.claims}
    offers: dict[str, set[str]] = {}
    for c in checks:
        if c.fix is not None:
            offers.setdefault(c.fix.claim, set()).add(c.fix.replacement)
    return [
        c.model_copy(update={"fix": None})
        if c.fix is not None and (c.fix.claim in passing or len(offers[c.fix.claim]) > 1)
        else c
        for c in checks
    ]


_VAGUE_TAIL = (
    "; a figure here is a vague amount ({text!r}, only its order of magnitude), so this is "
    "a warning, not a failure"
)


def _held_vague(check: Check, ctx: Context) -> Check:
    """A failing check that reads a vague amount ("hundreds of thousands of pounds") as a
    warning: the text gave no figure precise enough to be wrong."""
    if check.status is not Status.FAIL:
        return check
    by_id = ctx.by_id
    vague = next(
        (c for cid in check.claims if (c := by_id.get(cid)) is not None and c.is_vague), None
    )
    if vague is None:
        return check
    tail = _VAGUE_TAIL.format(text=vague.text)
    return check.model_copy(
        update={
            "status": Status.WARN,
            "severity": Severity.WARNING,
            "message": check.message + tail,
            "plain": (check.plain + tail) if check.plain else "",
            "fix": None,
        }
    )


def settle_fixes(checks: list[Check]) -> list[Check]:
    """Across rules, one figure gets at most one replacement: when checks would rewrite it
    differently, the failing checks' replacement is kept if they agree on one (a warning
    rests on a looser relation), and otherwise no check offers a fix for that figure."""
    offers: dict[str, dict[str, set[Status]]] = {}
    for c in checks:
        if c.fix is not None:
            offers.setdefault(c.fix.claim, {}).setdefault(c.fix.replacement, set()).add(c.status)
    keep: dict[str, str | None] = {}
    for claim, by_text in offers.items():
        if len(by_text) == 1:
            keep[claim] = next(iter(by_text))
            continue
        failing = [text for text, statuses in by_text.items() if Status.FAIL in statuses]
        keep[claim] = failing[0] if len(failing) == 1 else None
    return [
        c.model_copy(update={"fix": None})
        if c.fix is not None and keep[c.fix.claim] != c.fix.replacement
        else c
        for c in checks
    ]


class Rule:
    """Base class of all rules; see the module docstring for the contract."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    scope: ClassVar[Scope] = Scope.SUBJECT
    partitioned: ClassVar[bool] = False
    """True when the rule only compares claims of one subject with each other (and reads
    no relations, mentions or other documents' claims): it then gives the same checks run
    on the claims of each subject apart, so a cluster runs it per partition of subjects."""
    cost: ClassVar[float] = 1.0
    """How long the rule takes on a corpus, against a simple rule's 1 (a hint, measured on
    the benchmark corpora): with ``--jobs N`` the costliest corpus rules start first, so
    the processes end together. It never changes what the rule finds."""
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(self, options: RuleOptions | dict[str, Any] | None = None) -> None:
        if options is None:
            options = self.Options()
        elif isinstance(options, dict):
            options = self.Options.model_validate(options)
        self.options = options

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract", False):
            return
        where = f"{cls.__module__}.{cls.__qualname__}"
        code = cls.__dict__.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise RuleError(f"{where}: code must look like 'HF101', got {code!r}")
        name = cls.__dict__.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise RuleError(
                f"{where}: name must be kebab-case like 'parts-exceed-whole', got {name!r}"
            )
        doc = cls.__doc__ or ""
        missing = [s for s in DOC_SECTIONS if not re.search(rf"^\s*{s}:\s*$", doc, re.M)]
        if missing:
            raise RuleError(f"{where}: docstring lacks section(s) {', '.join(missing)}")

    # ---- documentation -------------------------------------------------------------------
    @classmethod
    def summary(cls) -> str:
        """The docstring's first line (every check's default explanation: kept per rule
        class and docstring, not dedented again for each check)."""
        doc = cls.__doc__ or ""
        got = _SUMMARIES.get((cls, doc))
        if got is None:
            got = _SUMMARIES[(cls, doc)] = textwrap.dedent(doc).strip().splitlines()[0]
        return got

    @classmethod
    def documentation(cls) -> str:
        """The full docstring, dedented: what `hetao-facts rule CODE` prints."""
        doc = cls.__doc__ or ""
        first, _, rest = doc.partition("\n")
        return (first.strip() + "\n" + textwrap.dedent(rest)).strip()

    @classmethod
    def section(cls, heading: str) -> str:
        doc = cls.documentation()
        m = re.search(rf"^{re.escape(heading)}:\s*\n(.*?)(?=^\S[^\n]*:\s*$|\Z)", doc, re.M | re.S)
        return textwrap.dedent(m.group(1)).strip() if m else ""

    @property
    def family(self) -> str:
        return self.code[:3] + "xx"

    # ---- checking ------------------------------------------------------------------------
    def check(self, ctx: Context) -> Iterable[Check]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, ctx: Context) -> Iterator[Check]:
        """The rule's checks, keeping only the fixes that cannot break another of them; a
        check that reads a vague amount ("tens of millions") warns instead of failing."""
        yield from (_held_vague(c, ctx) for c in keep_safe_fixes(list(self.check(ctx))))

    def __repr__(self) -> str:
        return f"<Rule {self.code} {self.name}>"
