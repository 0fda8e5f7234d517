"""Suppressions: inline comments in the documents, and a baseline of known checks.

Both are applied after the run, to a finished `Report`: a suppressed check keeps its place
in every output with ``suppressed: true`` (SARIF and GitHub output leave it out), and it
never fails the run.

Inline comments
    The same HTML comment works in Markdown and in plain text::

        <!-- hetao-facts: ignore HF301 -->          the next paragraph, rule HF301 only
        <!-- hetao-facts: ignore HF301, HF2 -->     several codes; a prefix ("HF2") names a family
        <!-- hetao-facts: ignore -->                the next paragraph, every rule
        <!-- hetao-facts: ignore-file HF201 -->     the whole document (put it anywhere)

    ``ignore`` covers the paragraph that follows the comment: from the comment to the end of
    the paragraph that holds the first text after it (more suppression comments in between
    are skipped, so several comments can stack above one paragraph). A rule's name can stand
    for its code (``ignore parts-sum-to-whole``). A check is suppressed when any of its
    claims lies in the covered text and its rule is named (or none is). Only failing and
    warning checks are suppressed; passing checks are left as they are. Comments inside
    Markdown code (fenced blocks or backticks) are examples, not suppressions.

    A comment that suppresses nothing, or names an unknown rule, is reported as a problem
    HF920 (path and line of the comment). HF920 is advisory: it is shown as a warning and
    does NOT change the exit code (a stale comment must not break a build by itself).

Baselines
    ``hetao-facts check docs/ --write-baseline .hetao-facts-baseline.json`` records today's
    failing and warning checks (those not already suppressed by a comment) by fingerprint.
    ``--baseline .hetao-facts-baseline.json`` then marks every check whose fingerprint is in
    the file as suppressed, so only new problems fail the run. The file is JSON, sorted, with
    the rule, message and paths of each entry for humans to read in a review::

        {"checks": [{"fingerprint": "f3c1...", "name": "part-exceeds-whole", "rule": "HF102",
                     "message": "...", "paths": ["docs/a.md"], "status": "fail"}],
         "tool": "hetao-facts", "version": 1}

    A fingerprint (`Check.fingerprint`) depends on the rule, the paths, the claims' text as
    written and their subject, never on offsets or line numbers: editing, adding or removing
    other paragraphs keeps it. Each entry matches one check (an entry written twice matches
    two identical checks). An entry that matches no failing or warning check any more is
    reported as a problem HF921 (advisory too: a warning, exit code unchanged) so that the
    baseline can be refreshed with ``--write-baseline``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from hetao_facts import _rx
from hetao_facts.documents import Document, document_from_text
from hetao_facts.errors import ConfigError
from hetao_facts.model import Check, Problem, Report, Status

__all__ = [
    "Baseline",
    "BaselineEntry",
    "Suppression",
    "apply_baseline",
    "apply_suppressions",
    "baseline_from_report",
    "find_suppressions",
    "load_baseline",
    "write_baseline",
]

UNUSED_SUPPRESSION = "HF920"
STALE_BASELINE = "HF921"

_COMMENT = _rx.compile(r"<!--[ \t]*hetao-facts[ \t]*:(?P<body>.*?)-->", re.S | re.I)
_DIRECTIVES = ("ignore", "ignore-file")
_NOTHING = "\x00nothing"
_FENCE = _rx.compile(r"^[ \t]{0,3}(```|~~~)", re.M)


@dataclass
class Suppression:
    """One inline suppression comment and the text it covers."""

    document: str
    path: str | None
    line: int
    directive: str  # "ignore" or "ignore-file"
    selectors: tuple[str, ...]  # codes, prefixes or rule names, upper-cased codes; () = all
    start: int  # covered text [start, end)
    end: int
    comment: str
    errors: list[str] = field(default_factory=list)
    used: bool = False

    def matches(self, check: Check) -> bool:
        if not self.selectors:
            return True
        return any(check.rule.startswith(s) or check.name == s.lower() for s in self.selectors)

    def covers(self, check: Check) -> bool:
        return any(
            loc.document == self.document and self.start <= loc.start < self.end
            for loc in check.locations
        )


def _known_rules() -> dict[str, str]:
    from hetao_facts.rules.registry import all_rules

    return {cls.code: cls.name for cls in all_rules()}


def _check_selector(token: str, known: Mapping[str, str]) -> str | None:
    """An error message for a token that names no rule, or None."""
    up = token.upper()
    if any(code.startswith(up) for code in known) and re.fullmatch(r"HF\d{0,3}", up):
        return None
    if token.lower() in known.values():
        return None
    from hetao_facts.config import did_you_mean

    choices = sorted(known) + sorted(known.values())
    hint = did_you_mean(up if up.startswith("HF") else token.lower(), choices)
    return f"unknown rule {token!r}{hint}"


def _in_markdown_code(text: str, offset: int) -> bool:
    """Whether ``offset`` lies in a fenced code block or an inline code span (Markdown)."""
    fences = sum(1 for m in _FENCE.finditer(text, 0, offset))
    if fences % 2:
        return True
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("`", line_start, offset) % 2 == 1


def _next_text(doc: Document, pos: int) -> int | None:
    """Offset of the first text after ``pos`` that is not another suppression comment."""
    text = doc.text
    while True:
        m = re.compile(r"\S").search(text, pos)
        if m is None:
            return None
        c = _COMMENT.match(text, m.start())
        if c is None:
            return m.start()
        pos = c.end()


def find_suppressions(doc: Document, known: Mapping[str, str] | None = None) -> list[Suppression]:
    """Every suppression comment of a document, with the text each one covers."""
    known = _known_rules() if known is None else known
    out: list[Suppression] = []
    for m in _COMMENT.finditer(doc.text):
        if doc.format == "markdown" and _in_markdown_code(doc.text, m.start()):
            continue
        tokens = [t for t in re.split(r"[\s,]+", m.group("body").strip()) if t]
        line = doc.line_col(m.start())[0]
        errors: list[str] = []
        directive = tokens[0].lower() if tokens else ""
        selectors: list[str] = []
        for tok in tokens[1:]:
            err = _check_selector(tok, known)
            if err:
                errors.append(f"suppression comment: {err}")
            else:
                selectors.append(tok.upper() if tok.upper().startswith("HF") else tok.lower())
        if directive not in _DIRECTIVES:
            close = difflib.get_close_matches(directive, _DIRECTIVES, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "expected 'ignore' or 'ignore-file'"
            errors.insert(0, f"suppression comment: unknown directive {directive!r}; {hint}")
            directive = "ignore"
            selectors = [_NOTHING]  # a misspelt comment suppresses nothing
        elif tokens[1:] and not selectors:
            selectors = [_NOTHING]  # every rule named was unknown: suppress nothing
        if directive == "ignore-file":
            start, end = 0, len(doc.text)
        else:
            nxt = _next_text(doc, m.end())
            if nxt is None:
                start = end = m.end()
            else:
                para = doc.paragraph_at(nxt)
                start, end = m.end(), max(para.end, nxt + 1)
        out.append(
            Suppression(
                document=doc.id,
                path=doc.path,
                line=line,
                directive=directive,
                selectors=tuple(selectors),
                start=start,
                end=end,
                comment=" ".join(m.group(0).split()),
                errors=errors,
            )
        )
    return out


def _documents_of(report: Report) -> list[Document]:
    docs = []
    for info in report.documents:
        text = report.text_of(info.id)
        if text is None:
            continue
        docs.append(
            document_from_text(text, id=info.id, path=info.path, format=info.format, date=info.date)
        )
    return docs


def _sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.path or "", p.code, p.line or 0, p.message)))


#: Every spelling of "hetao-facts" in any letter case holds one of these: no character
#: but "o" and "O" upper-cases or case-folds to "O", and none but "f" and "F" to a lone "F"
#: (the ligatures give two letters), so a text without them names no comment of ours.
_CASED_O_F = ("o-f", "O-F", "o-F", "O-f")


def _may_name_us(text: str) -> bool:
    """Whether ``text`` may hold a suppression comment (``hetao-facts`` in any case):
    four plain searches first, and the upper-cased copy only when one of them hits."""
    if not any(s in text for s in _CASED_O_F):
        return False
    return "hetao-facts" in text or "HETAO-FACTS" in text.upper()


def apply_suppressions(
    report: Report,
    documents: Sequence[Document] | Mapping[str, Document] | None = None,
    *,
    active_rules: Collection[str] | None = None,
) -> Report:
    """Mark the checks that inline comments suppress; report unused comments as HF920.

    ``documents`` default to the report's own texts. ``active_rules`` (codes) limits the
    unused-comment report to comments naming a rule that ran.
    """
    if isinstance(documents, Mapping):
        docs = list(documents.values())
    elif documents is None:
        docs = _documents_of(report)
    else:
        docs = list(documents)
    known = _known_rules()
    for check in report.checks:  # rules run without being registered
        known.setdefault(check.rule, check.name)
    sups: list[Suppression] = []
    for doc in sorted(docs, key=lambda d: d.id):
        if _may_name_us(doc.text):
            sups.extend(find_suppressions(doc, known))
    if not sups:
        return report
    by_doc: dict[str, list[Suppression]] = {}
    for s in sups:
        by_doc.setdefault(s.document, []).append(s)
    checks: list[Check] = []
    for check in report.checks:
        hit = False
        if check.status is not Status.PASS:
            for doc_id in dict.fromkeys(loc.document for loc in check.locations):
                for s in by_doc.get(doc_id, ()):
                    if s.matches(check) and s.covers(check):
                        s.used = True
                        hit = True
        checks.append(
            check.model_copy(update={"suppressed": True, "suppressed_by": "comment"})
            if hit and not check.suppressed
            else check
        )
    problems = list(report.problems)
    for s in sups:
        where = s.path or s.document
        for err in s.errors:
            problems.append(Problem(code=UNUSED_SUPPRESSION, path=where, line=s.line, message=err))
        if s.used or s.selectors == (_NOTHING,):
            continue
        if active_rules is not None and s.selectors:
            active = {c.upper() for c in active_rules}
            named = [
                sel
                for sel in s.selectors
                if any(code.startswith(sel) or known.get(code) == sel for code in active)
            ]
            if not named:
                continue
        what = " ".join(s.selectors) if s.selectors else "any rule"
        scope = "in this document" if s.directive == "ignore-file" else "in the next paragraph"
        problems.append(
            Problem(
                code=UNUSED_SUPPRESSION,
                path=where,
                line=s.line,
                message=f"unused suppression comment: no failing or warning {what} check {scope}",
            )
        )
    return report.model_copy(
        update={"checks": tuple(checks), "problems": _sorted_problems(problems)}
    )


# --------------------------------------------------------------------------------------------
# Baselines


class BaselineEntry(BaseModel):
    """One known check: its fingerprint, and what it said for humans."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    fingerprint: str
    rule: str = ""
    name: str = ""
    status: str = ""
    message: str = ""
    paths: tuple[str, ...] = ()


class Baseline(BaseModel):
    """The checks that were failing or warning when the baseline was written."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: int = 1
    tool: str = "hetao-facts"
    checks: tuple[BaselineEntry, ...] = ()

    def to_json(self) -> str:
        data = self.model_dump(mode="json")
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def baseline_from_report(report: Report) -> Baseline:
    """A baseline of the report's failing and warning checks not already suppressed."""
    entries = []
    for c in report.checks:
        if c.status is Status.PASS or c.suppressed:
            continue
        paths = tuple(dict.fromkeys(loc.path or loc.document for loc in c.locations))
        entries.append(
            BaselineEntry(
                fingerprint=c.fingerprint or c.id,
                rule=c.rule,
                name=c.name,
                status=c.status.value,
                message=c.message,
                paths=paths,
            )
        )
    entries.sort(key=lambda e: (e.fingerprint, e.rule, e.message, e.paths))
    return Baseline(checks=tuple(entries))


def write_baseline(report: Report, path: str | os.PathLike[str]) -> Baseline:
    """Write the report's baseline to ``path`` (UTF-8, LF) and return it."""
    from hetao_facts._io import atomic_write

    baseline = baseline_from_report(report)
    atomic_write(path, baseline.to_json())  # a reader never sees a half-written baseline
    return baseline


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline; a missing or malformed file raises ConfigError naming what is wrong."""
    shown = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read()
    except FileNotFoundError:
        raise ConfigError(
            shown, ["baseline file not found; create it with --write-baseline"]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, [f"cannot read the baseline: {exc}"]) from None
    try:
        data: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            shown, [f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        raise ConfigError(
            shown, ['expected a JSON object with a "checks" list (see --write-baseline)']
        )
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        problems = []
        for e in exc.errors(include_url=False):
            keypath = ".".join(str(x) for x in e["loc"])
            problems.append(
                f"{keypath}: expected an entry such as "
                '{"fingerprint": "f3c1...", "rule": "HF101"}, got ' + repr(e.get("input"))
            )
        raise ConfigError(shown, problems) from None


def apply_baseline(report: Report, baseline: Baseline, *, source: str = "baseline") -> Report:
    """Suppress the checks whose fingerprint is in the baseline; report stale entries (HF921)."""
    remaining: Counter[str] = Counter(e.fingerprint for e in baseline.checks)
    checks: list[Check] = []
    for c in report.checks:
        fp = c.fingerprint or c.id
        if c.status is not Status.PASS and remaining[fp] > 0:
            remaining[fp] -= 1
            checks.append(
                c
                if c.suppressed
                else c.model_copy(update={"suppressed": True, "suppressed_by": "baseline"})
            )
        else:
            checks.append(c)
    problems = list(report.problems)
    for e in baseline.checks:
        if remaining[e.fingerprint] > 0:
            remaining[e.fingerprint] -= 1
            where = ", ".join(e.paths) or "?"
            problems.append(
                Problem(
                    code=STALE_BASELINE,
                    path=source,
                    rule=e.rule or None,
                    message=(
                        f"stale baseline entry {e.fingerprint} ({e.rule} {e.name} in {where}): "
                        "no such failing or warning check any more; "
                        "refresh the baseline with --write-baseline"
                    ),
                )
            )
    return report.model_copy(
        update={"checks": tuple(checks), "problems": _sorted_problems(problems)}
    )
