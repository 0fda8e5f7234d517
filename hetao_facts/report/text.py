"""Plain text for terminals and CI logs.

Failing and warning checks come first, grouped by file (files in path order; in each file
failures before warnings, then by line), one line each in the form editors and CI logs link
up: ``path:line:col: FAIL HF101 parts-sum-to-whole: <message with the arithmetic>``. Then,
with ``verbose``, the passing and suppressed checks the same way (and the messages keep
their interval notation, ``87 ha [86.5, 87.5] ha``, which the default leaves out where it
only repeats the figure); then the inputs that
could not be read; then one summary line. Colour only when asked (the CLI asks on a
terminal, never with ``NO_COLOR`` set). Control characters in names and texts are shown
as ``\\x1b``-style escapes, so a file cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hetao_facts import _rx
from hetao_facts.model import Check, Report, Status
from hetao_facts.report._shared import (
    counts_as_failure,
    editor_message,
    problem_level,
    shown_subject,
    summary_line,
)

__all__ = ["claims_table", "render", "render_statistics", "render_summary", "render_text"]

_CONTROLS = _rx.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_STATUS_ORDER = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2}
_COLORS = {"FAIL": "31;1", "WARN": "33;1", "PASS": "32", "SKIP": "2", "path": "1", "dim": "2"}


def clean(text: str) -> str:
    """``text`` on one line with control characters escaped (``\\n`` -> ``\\x0a``)."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, what: str, text: str) -> str:
        if not self.color:
            return text
        return f"\x1b[{_COLORS[what]}m{text}\x1b[0m"


def _where(check: Check) -> tuple[str, int, int]:
    if not check.locations:
        return ("", 0, 0)
    loc = check.locations[0]
    return (loc.path or loc.document, loc.line, loc.column)


def _label(check: Check) -> str:
    if check.suppressed:
        return "SKIP"
    return check.status.value.upper()


def _line(check: Check, paint: _Paint, verbose: bool = True) -> str:
    path, line, col = _where(check)
    where = f"{clean(path)}:{line}:{col}" if path else "-"
    label = _label(check)
    tag = (
        f"{label} {check.severity.value}"
        if check.status is Status.FAIL and check.severity.value != "error"
        else label
    )
    if check.suppressed:
        tag = "SKIP suppressed"
    return (
        f"{paint('path', where)}: {paint(label, tag)} {check.rule} "
        f"{paint('dim', check.name)}: "
        f"{clean(check.message if verbose else editor_message(check))}"
    )


def source_lines(
    report: Report, check: Check, paint: _Paint, *, limit: int = 3, width: int = 88
) -> list[str]:
    """The lines that hold a check's figures, each with the figures underlined (``^^^``)."""
    out: list[str] = []
    by_line: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for loc in check.locations:
        if loc.line != loc.end_line:
            by_line.setdefault((loc.document, loc.line), []).append((loc.column, 10**6))
        else:
            by_line.setdefault((loc.document, loc.line), []).append((loc.column, loc.end_column))
    for (doc, line), spans in list(by_line.items())[:limit]:
        text = report.text_of(doc)
        if text is None:
            continue
        lines = text.splitlines()
        if not 0 < line <= len(lines):
            continue
        raw = lines[line - 1].expandtabs(1)
        marks = [" "] * len(raw)
        for start, end in spans:
            for i in range(start - 1, min(end - 1, len(raw))):
                marks[i] = "^"
        lo, hi = 0, len(raw)
        hits = [i for i, m in enumerate(marks) if m == "^"]
        if hits and len(raw) > width:  # a window around the figures of a long line
            first = check.locations[0]
            if hits[-1] - hits[0] + 40 > width and (first.document, first.line) == (doc, line):
                lo = max(0, first.column - 1 - 30)  # too far apart: the primary figure
            else:
                lo = max(0, min(hits[0] - 20, hits[-1] + 20 - width))
            hi = min(len(raw), lo + width)
        # escape controls in the line, keeping the marks under their characters
        shown = ["..."] if lo else []
        under = ["   "] if lo else []
        for ch, mark in zip(raw[lo:hi], marks[lo:hi], strict=True):
            esc = clean(ch)
            shown.append(esc)
            under.append(mark * len(esc))
        if hi < len(raw):
            shown.append("...")
        gutter = f"{line:>5} | "
        out.append(paint("dim", gutter) + "".join(shown).rstrip())
        out.append(" " * len(gutter) + paint("FAIL", "".join(under).rstrip()))
    return out


def _grouped(
    checks: Iterable[Check],
    paint: _Paint,
    out: list[str],
    report: Report | None = None,
    verbose: bool = True,
) -> None:
    by_file: dict[str, list[Check]] = {}
    for c in checks:
        by_file.setdefault(_where(c)[0], []).append(c)
    for path in sorted(by_file):
        group = sorted(
            by_file[path],
            key=lambda c: (
                c.suppressed,
                _STATUS_ORDER[c.status],
                _where(c)[1],
                _where(c)[2],
                c.rule,
                c.id,
            ),
        )
        out.append(paint("path", clean(path) if path else "(no file)"))
        for c in group:
            out.append("  " + _line(c, paint, verbose))
            if report is not None:
                out.extend("    " + line for line in source_lines(report, c, paint))


def render(
    report: Report,
    *,
    color: bool = False,
    verbose: bool = False,
    quiet: bool = False,
    fail_on: str = "error",
    show_problems: bool = True,
    show_source: bool = False,
    **_: Any,
) -> str:
    """The text report (see the module docstring).

    ``quiet`` keeps only the checks that fail the run at ``fail_on``, with no summary;
    ``verbose`` also lists passing and suppressed checks; ``show_problems=False`` leaves
    out the unreadable inputs (the CLI prints them on stderr instead).
    """
    paint = _Paint(color)
    out: list[str] = []
    src = report if show_source else None
    if quiet:
        chosen = [c for c in report.checks if counts_as_failure(c, fail_on)]
        _grouped(chosen, paint, out, src, verbose)
        return "\n".join(out)
    bad = [c for c in report.checks if c.status is not Status.PASS and not c.suppressed]
    _grouped(bad, paint, out, src, verbose)
    if verbose:
        rest = [c for c in report.checks if c.status is Status.PASS or c.suppressed]
        if rest:
            if out:
                out.append("")
            out.append(paint("dim", f"-- passing and suppressed checks ({len(rest)}) --"))
            _grouped(rest, paint, out, src)
    if show_problems and report.problems:
        if out:
            out.append("")
        for p in report.problems:
            out.append(problem_line(p, problem_level(p)))
    if out:
        out.append("")
    line = summary_line(report)
    if not verbose and any(c.status is Status.PASS for c in report.checks):
        line += "; -v lists the passing checks"
    out.append(line)
    return "\n".join(out)


def problem_line(problem: Any, kind: str = "error") -> str:
    """``error: path:line: message [HF902]``: one line per unreadable input."""
    where = clean(problem.path or "")
    if where and problem.line:
        where += f":{problem.line}"
    head = f"{kind}: {where}: " if where else f"{kind}: "
    return f"{head}{clean(problem.message)} [{problem.code}]"


def render_summary(
    report: Report, *, color: bool = False, fail_on: str = "error", limit: int = 20
) -> str:
    """A few lines for the terminal when the report itself went to a file (``-o``)."""
    paint = _Paint(color)
    bad = sorted(
        (c for c in report.checks if c.status is not Status.PASS and not c.suppressed),
        key=lambda c: (
            not counts_as_failure(c, fail_on),
            _STATUS_ORDER[c.status],
            *_where(c),
            c.id,
        ),
    )
    out = [_line(c, paint, verbose=False) for c in bad[:limit]]
    if len(bad) > limit:
        out.append(f"... and {len(bad) - limit} more")
    out.append(summary_line(report))
    return "\n".join(out)


def render_statistics(report: Report, *, color: bool = False) -> str:
    """Counts per rule and status (``--statistics``), most failures first, then the summary."""
    paint = _Paint(color)
    rows: dict[tuple[str, str], dict[str, int]] = {}
    for c in report.checks:
        row = rows.setdefault((c.rule, c.name), {"fail": 0, "warn": 0, "pass": 0, "suppressed": 0})
        row["suppressed" if c.suppressed else c.status.value] += 1
    order = sorted(rows, key=lambda k: (-rows[k]["fail"], -rows[k]["warn"], k[0]))
    out = [paint("dim", f"{'rule':6} {'name':32} {'fail':>5} {'warn':>5} {'pass':>5} {'skip':>5}")]
    for key in order:
        r = rows[key]
        out.append(
            f"{key[0]:6} {key[1]:32} {r['fail']:>5} {r['warn']:>5} {r['pass']:>5} "
            f"{r['suppressed']:>5}"
        )
    problems: dict[str, int] = {}
    for p in report.problems:
        problems[p.code] = problems.get(p.code, 0) + 1
    for code, n in sorted(problems.items()):
        out.append(f"{code:6} {'problem':32} {n:>5}")
    out.append(summary_line(report))
    return "\n".join(out)


render_text = render


def claims_table(report: Report) -> str:
    rows = ["document:line:col  kind        value                 qualifier  subject  text"]
    paths = {d.id: d.path or d.id for d in report.documents}
    for c in report.claims:
        rows.append(
            f"{clean(paths.get(c.document, c.document))}:{c.line}:{c.column}  {c.kind:10s}  "
            f"{c.model_dump(mode='json')['value']!s:20s}  {c.qualifier.value:9s}  "
            f"{c.subject or '-'}  {clean(repr(c.text))}"
        )
    return "\n".join(rows)


def relations_text(report: Report) -> str:
    """The relations of a report, document by document, one per line with its claims:

    ``seeds/004...txt:6:5  total_parts  stated 'comprises'  whole=3.89 km² (6:123) part=...``
    """
    paths = {d.id: d.path or d.id for d in report.documents}
    claims = {c.id: c for c in report.claims}
    out: list[str] = []
    current = None
    for rel in report.relations:
        if rel.document != current:
            current = rel.document
            if out:
                out.append("")
            out.append(clean(paths.get(rel.document, rel.document)))
        first = claims.get(rel.members[0].claim) if rel.members else None
        # a comparison between subjects may cite no figure of its document: its offset
        where = f"{first.line}:{first.column}" if first is not None else f"@{rel.span.start}"
        how = rel.strength.value + (f" {rel.note}" if rel.note else "")
        if not rel.confident:
            how += " (loose)"
        cue = f" '{clean(rel.cue)}'" if rel.cue else ""
        members = " ".join(
            f"{m.role}={clean(claims[m.claim].text)!r}" if m.claim in claims else m.role
            for m in rel.members
        )
        if rel.subjects:
            shown = (shown_subject(i) for i in rel.subjects)  # "forest (a.md:120)"
            members += " subjects=[" + "; ".join(clean(i[:40]) for i in shown) + "]"
        if rel.items:
            members += " items=[" + "; ".join(clean(i[:40]) for i in rel.items) + "]"
        if rel.amount is not None:
            members += f" amount={rel.amount}"
        if rel.date is not None and not rel.role("document_date"):
            members += f" date={rel.date.isoformat()} ({rel.date_source or 'given'})"
        out.append(f"  {where:7s} {rel.kind.value:12s} {how}{cue}: {members}")
    n = len(report.relations)
    stated = sum(1 for r in report.relations if r.strength.value == "stated")
    out.append("")
    out.append(
        f"{len(report.documents)} document{'s' if len(report.documents) != 1 else ''}, "
        f"{n} relation{'s' if n != 1 else ''} ({stated} stated, {n - stated} inferred)"
    )
    return "\n".join(out)
