"""What every output format agrees on: levels, what counts as failing, paths, exit codes.

A check's *level* combines its status and severity, the way SARIF and GitHub see it:

=======  ========  =======
status   severity  level
=======  ========  =======
fail     error     error
fail     warning   warning
fail     info      note
warn     error     warning
warn     warning   warning
warn     info      note
pass     any       (none)
=======  ========  =======

``--fail-on error`` (the default) fails the run on checks of level ``error``;
``--fail-on warning`` also on ``warning``; ``--fail-on info`` on any failing or warning check.
Suppressed checks never count. Every problem (HF9xx: an input that could not be read, a
rule that crashed, a bad fact sheet) makes the run exit 2, except the advisory ones in
:data:`ADVISORY_PROBLEMS` (an unused suppression comment, a stale baseline entry).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any, Literal

from hetao_facts import _rx
from hetao_facts.model import Check, Problem, Report, Severity, Status

__all__ = [
    "ADVISORY_PROBLEMS",
    "FAIL_ON",
    "Level",
    "counts_as_failure",
    "editor_message",
    "exit_code",
    "is_blocking",
    "level_of",
    "plain_message",
    "problem_level",
    "relative_path",
    "safe_data",
    "safe_text",
    "strip_controls",
    "summary_line",
]

Level = Literal["error", "warning", "note"]
FAIL_ON: tuple[str, ...] = ("error", "warning", "info")
_RANK: dict[str, int] = {"error": 0, "warning": 1, "note": 2, "info": 2}

#: Problems that are reported but do not change the exit code: an empty document (HF903,
#: a placeholder ``_index.md`` must not break CI), a symlink out of the folder not followed
#: (HF908), a time or memory limit this platform cannot enforce (HF909), an unused
#: suppression comment (HF920), a stale baseline entry (HF921).
ADVISORY_PROBLEMS = frozenset({"HF903", "HF908", "HF909", "HF920", "HF921"})
#: Of those, the ones that are information rather than warnings.
INFO_PROBLEMS = frozenset({"HF903", "HF908", "HF909"})


def level_of(check: Check) -> Level | None:
    """The level of a failing or warning check (None for a pass); see the module docstring."""
    if check.status is Status.PASS:
        return None
    if check.severity is Severity.INFO:
        return "note"
    if check.status is Status.FAIL and check.severity is Severity.ERROR:
        return "error"
    return "warning"


def counts_as_failure(check: Check, fail_on: str = "error") -> bool:
    """Whether this check makes the run fail (exit 1) at this ``--fail-on`` threshold."""
    if check.suppressed:
        return False
    level = level_of(check)
    return level is not None and _RANK[level] <= _RANK[fail_on]


def is_blocking(problem: Problem) -> bool:
    """Whether a problem makes the run exit 2 (every HF9xx but the advisory ones)."""
    return problem.code not in ADVISORY_PROBLEMS


def problem_level(problem: Problem) -> Literal["error", "warning", "info"]:
    """How a problem is shown: ``error`` (exit 2), ``warning`` or ``info`` (advisory)."""
    if is_blocking(problem):
        return "error"
    return "info" if problem.code in INFO_PROBLEMS else "warning"


def exit_code(report: Report, fail_on: str = "error") -> int:
    """2 if any input could not be processed, 1 if a check fails at ``fail_on``, else 0."""
    if any(is_blocking(p) for p in report.problems):
        return 2
    if any(counts_as_failure(c, fail_on) for c in report.checks):
        return 1
    return 0


def relative_path(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) in POSIX form, when it
    lies inside it; otherwise the absolute path."""
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        return full.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


# Characters XML 1.0 cannot hold at all (also unreadable on a terminal): C0 controls but
# tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = _rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text: str) -> str:
    """Replace characters XML 1.0 forbids by a visible escape such as ``\\x1b``."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_SURROGATE = _rx.compile("[\ud800-\udfff]")


_LOCAL_KEY = _rx.compile(r" \([^()]*:\d+\)$")


def shown_subject(key: str) -> str:
    """A subject key as shown to a reader: a subject known in one place only ("forest
    (a.md:120)") by its words alone."""
    return _LOCAL_KEY.sub("", key)


def safe_text(text: str) -> str:
    """``text`` encodable as UTF-8: a lone surrogate (a file name that was not valid UTF-8,
    decoded with ``surrogateescape``, or a broken string given to the API) becomes a
    visible escape, ``\\xe9`` for an undecodable byte, ``\\ud800`` otherwise."""
    if text.isascii():
        return text
    try:  # UTF-8 encodes every code point but a surrogate: 4x faster than searching
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text

    def shown(m: re.Match[str]) -> str:
        n = ord(m.group())
        return f"\\x{n - 0xDC00:02x}" if 0xDC80 <= n <= 0xDCFF else f"\\u{n:04x}"

    return _SURROGATE.sub(shown, text)


# "87 ha [86.5, 87.5] ha": a figure followed by its own interval in the same unit
_OWN_INTERVAL = _rx.compile(
    r"(?P<fig>\d(?:[\d.,]*\d)? (?P<u>[^\s\[\]()]+)) [\[(][^\[\]()]*, [^\[\]()]*[\])] (?P=u)"
    r"(?=[\s,;:)]|$)"
)
# "493 mi² [1,275.57, 1,278.16] km²": a figure's interval in another unit
_OTHER_INTERVAL = _rx.compile(
    r" \[(?P<a>-?\d[\d.,]*), (?P<b>-?\d[\d.,]*)\] (?P<u>[^\s\[\]()]+)(?=[\s,;:)]|$)"
)


def plain_message(message: str) -> str:
    """A check's message for an editor: the interval notation left out where it repeats
    the figure ("87 ha [86.5, 87.5] ha" reads "87 ha"), and a converted interval in words
    ("493 mi² (1,275.57 to 1,278.16 km²)"). ``-v`` and the JSON/SARIF reports keep it."""
    out = _OWN_INTERVAL.sub(r"\g<fig>", message)
    return _OTHER_INTERVAL.sub(r" (\g<a> to \g<b> \g<u>)", out)


def editor_message(check: Check) -> str:
    """What the default text, GitHub and SARIF reports say: the rule's plain-words message
    (what disagrees and what would make it agree) when it has one, else the message with
    the repeated interval notation left out; then the fix, when one figure rewritten makes
    the check agree ("...; writing 40 percent instead of 50 percent would agree")."""
    text = check.plain or plain_message(check.message)
    return f"{text}; {check.fix.description}" if check.fix is not None else text


def safe_data(data: Any) -> Any:
    """JSON-ready data with :func:`safe_text` applied to every string (keys too)."""
    if isinstance(data, str):
        return safe_text(data)
    if isinstance(data, dict):
        return {safe_data(k): safe_data(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [safe_data(v) for v in data]
    return data


def summary_line(report: Report, checks: Iterable[Check] | None = None) -> str:
    """One line of counts, e.g. ``5 documents, 137 claims, 72 checks: 67 passed,
    3 warned, 2 failed (1 suppressed); 0 problems``."""
    checks = list(report.checks if checks is None else checks)
    passed = sum(c.status is Status.PASS for c in checks)
    warned = sum(c.status is Status.WARN and not c.suppressed for c in checks)
    failed = sum(c.status is Status.FAIL and not c.suppressed for c in checks)
    suppressed = sum(c.suppressed for c in checks)
    blocking = sum(is_blocking(p) for p in report.problems)
    notes = sum(problem_level(p) == "info" for p in report.problems)
    advisory = len(report.problems) - blocking - notes
    docs = len(report.documents)
    rounding = sum(c.status is Status.PASS and c.basis == "rounding" for c in checks)
    hedge = sum(c.status is Status.PASS and c.basis == "hedge" for c in checks)
    within = [f"{rounding} only within rounding"] if rounding else []
    within += [f"{hedge} only within a hedge"] if hedge else []
    note = f" ({', '.join(within)})" if within else ""
    n_claims, n_checks = len(report.claims), len(checks)
    parts = [
        f"{docs} document{'s' if docs != 1 else ''}, "
        f"{n_claims} claim{'s' if n_claims != 1 else ''}, "
        f"{n_checks} check{'s' if n_checks != 1 else ''}: "
        f"{passed} passed{note}, {warned} warned, {failed} failed"
    ]
    if suppressed:
        parts.append(f" ({suppressed} suppressed)")
    parts.append(f"; {blocking} problem{'s' if blocking != 1 else ''}")
    if advisory:
        parts.append(f", {advisory} warning{'s' if advisory != 1 else ''} about suppressions")
    skipped = sum(p.code in ("HF903", "HF908") for p in report.problems)
    if skipped:
        parts.append(
            f", {skipped} file{'s' if skipped != 1 else ''} skipped (empty, or a link out of "
            "the folder)"
        )
    if notes - skipped:
        parts.append(f", {notes - skipped} note{'s' if notes - skipped != 1 else ''}")
    return "".join(parts)
