"""GitHub Actions workflow commands: annotations on the pull request's changed lines.

One line per failing or warning check::

    ::error file=a.md,line=3,col=17,endLine=3,endColumn=25,title=HF101 parts-sum-to-whole::msg

``::error`` for a check of level error (failing, severity error), ``::warning`` for
warnings, ``::notice`` for severity info; passing and suppressed checks are left out.
Inputs that could not be read are ``::error`` lines naming the file (advisory problems,
HF920/HF921, are ``::warning``). The summary line comes last, as plain text.

Escaping follows the runner's rules: in the message ``%`` ``\\r`` ``\\n`` become ``%25``
``%0D`` ``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and ``%2C``.
Paths are relative to the repository root (the working directory, or ``root``), as
GitHub expects. GitHub shows at most 10 error and 10 warning annotations per step (more
are in the log); upload SARIF for the full list.
"""

from __future__ import annotations

import os
from typing import Any

from hetao_facts import _rx
from hetao_facts.model import Report
from hetao_facts.report._shared import (
    editor_message,
    level_of,
    problem_level,
    relative_path,
    summary_line,
)

__all__ = ["escape_data", "escape_property", "render"]

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


_CONTROLS = _rx.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_data(text: str) -> str:
    """Escape a workflow command's message (control characters such as ESC, BEL, NUL and
    DEL from a document become visible ``\\x1b`` escapes: never raw bytes in the log)."""
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, props: dict[str, str | int], message: str) -> str:
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return (
        f"::{kind} {shown}::{escape_data(message)}"
        if shown
        else f"::{kind}::{escape_data(message)}"
    )


def render(report: Report, *, root: str | os.PathLike[str] | None = None, **_: Any) -> str:
    """Workflow commands for the report (see the module docstring)."""
    root_s = os.fspath(root) if root is not None else None
    out: list[str] = []
    for p in report.problems:
        props: dict[str, str | int] = {}
        if p.path and not p.path.startswith("<"):
            props["file"] = relative_path(p.path, root_s)
            if p.line:
                props["line"] = p.line
        shown = problem_level(p)
        title = {"error": "could not check this file", "warning": "suppression", "info": "note"}
        props["title"] = f"{p.code} {title[shown]}"
        kind = {"error": "error", "warning": "warning", "info": "notice"}[shown]
        out.append(_command(kind, props, p.message))
    for c in report.checks:
        level = level_of(c)
        if level is None or c.suppressed:
            continue
        props = {}
        if c.locations and c.locations[0].path:
            loc = c.locations[0]
            assert loc.path is not None
            props.update(
                {
                    "file": relative_path(loc.path, root_s),
                    "line": loc.line,
                    "col": loc.column,
                    "endLine": loc.end_line,
                    "endColumn": loc.end_column,
                }
            )
        props["title"] = f"{c.rule} {c.name}"
        out.append(_command(_COMMAND[level], props, editor_message(c)))
    out.append(summary_line(report))
    return "\n".join(out)
