"""Plain-text output for terminals: failures first with file:line and the arithmetic."""

from __future__ import annotations

from hetao_facts.model import Report, Status

__all__ = ["claims_table", "render_text"]


def render_text(report: Report) -> str:
    lines: list[str] = []
    for st in (Status.FAIL, Status.WARN, Status.PASS):
        group = [c for c in report.checks if c.status is st]
        if not group:
            continue
        lines.append(f"== {st.value.upper()} ({len(group)}) ==")
        for ch in group:
            loc = ch.locations[0] if ch.locations else None
            where = f"{loc.path or loc.document}:{loc.line}:{loc.column}" if loc else "-"
            lines.append(f"{where}: {ch.rule} {ch.name}: {ch.message}")
    counts = report.counts
    lines.append(
        f"{len(report.documents)} documents, {len(report.claims)} claims, "
        f"{len(report.checks)} checks: {counts['pass']} passed, {counts['warn']} warned, "
        f"{counts['fail']} failed; {len(report.problems)} problems"
    )
    return "\n".join(lines)


def claims_table(report: Report) -> str:
    rows = ["document:line:col  kind        value                 qualifier  subject  text"]
    paths = {d.id: d.path or d.id for d in report.documents}
    for c in report.claims:
        rows.append(
            f"{paths.get(c.document, c.document)}:{c.line}:{c.column}  {c.kind:10s}  "
            f"{c.model_dump(mode='json')['value']!s:20s}  {c.qualifier.value:9s}  "
            f"{c.subject or '-'}  {c.text!r}"
        )
    return "\n".join(rows)
