"""Explore a report in Jupyter: rich displays, data frames and plots.

Nothing here is imported by the library itself: `Report`, `Check`, every claim and
`Document` get ``_repr_html_`` from the :class:`hetao_facts._display.HtmlRepr` mixin, which
calls :func:`to_html` only when Jupyter asks. pandas and matplotlib are imported inside the
functions that need them (``pip install 'hetao_facts[notebook]'``).

>>> report = hetao_facts.check(["seeds/"])                  # doctest: +SKIP
>>> report                                                  # counts, failing checks first
>>> report.failing[0]                                       # sentences, arithmetic, intervals
>>> report.to_pandas(); report.claims_frame()               # one row per check / per claim
>>> plot_subject(report, "Hong Kong park")                  # every figure as its interval
>>> plot_parts(report, report.failing[0])                   # parts stacked against the whole

Every piece of source text (documents, sentences, file names, messages) is escaped with
:func:`hetao_facts.report.html.escape`, so a document containing ``<script>`` shows it as
text.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hetao_facts.report._shared import editor_message, shown_subject
from hetao_facts.report.html import (
    claim_statuses,
    escape,
    escape_name,
    mark_span,
    sorted_checks,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from hetao_facts.claims import Claim
    from hetao_facts.documents import Document
    from hetao_facts.intervals import Interval
    from hetao_facts.model import Check, Location, Report

__all__ = [
    "CHECK_COLUMNS",
    "CLAIM_COLUMNS",
    "check_html",
    "claim_html",
    "claims_frame",
    "document_html",
    "plot_parts",
    "plot_subject",
    "report_html",
    "to_html",
    "to_pandas",
]

INSTALL_HINT = "pip install 'hetao_facts[notebook]'"

#: Columns of :func:`to_pandas`, one row per check.
CHECK_COLUMNS: tuple[str, ...] = (
    "id", "rule", "name", "status", "severity", "basis", "message", "plain", "fix",
    "claims", "texts", "documents", "lines", "where", "margin", "fingerprint", "suppressed",
)  # fmt: skip
#: Columns of :func:`claims_frame`, one row per claim.
CLAIM_COLUMNS: tuple[str, ...] = (
    "id", "kind", "text", "stated", "unit", "value", "value_unit", "low", "high",
    "qualifier", "hedge", "subject", "role", "document", "line", "column", "status", "checks",
)  # fmt: skip

# Text, background and strong colours per status (readable on light and dark themes).
_COLORS: dict[str, tuple[str, str, str]] = {
    "fail": ("#b71c1c", "#fdecea", "#c62828"),
    "warn": ("#8a5300", "#fff1d6", "#e09a1c"),
    "pass": ("#1b5e20", "#e6f4e7", "#43a047"),
    "unchecked": ("#555555", "#ececec", "#9e9e9e"),
}
_BOX = "font-family:system-ui,sans-serif;font-size:13px;line-height:1.45;max-width:980px"
_MONO = "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px"
_CELL = "padding:1px 8px;text-align:left;vertical-align:top;border:1px solid #ddd"
_MARK = ' style="background:#fff59d;color:#000;padding:0 1px"'
_MUTED = "color:#777"
_MAX_DETAILED = 25  # checks shown in full in a report's display; the rest as rows


# --------------------------------------------------------------------------------------------
# Rich displays


def to_html(obj: object) -> str:
    """The HTML Jupyter shows for a Report, Check, claim or Document."""
    from hetao_facts.claims import ClaimBase
    from hetao_facts.documents import Document
    from hetao_facts.model import Check, Report

    if isinstance(obj, Report):
        return report_html(obj)
    if isinstance(obj, Check):
        return check_html(obj)
    if isinstance(obj, ClaimBase):
        return claim_html(obj)  # type: ignore[arg-type]
    if isinstance(obj, Document):
        return document_html(obj)
    raise TypeError(f"no HTML display for {type(obj).__name__}")


def _badge(status: str) -> str:
    _, _, strong = _COLORS.get(status, _COLORS["unchecked"])
    return (
        f'<span style="background:{strong};color:#fff;border-radius:3px;padding:0 6px;'
        f'font-size:11px;font-weight:bold;text-transform:uppercase">{escape(status)}</span>'
    )


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A small table; cells are HTML already."""
    th = "".join(f'<th style="{_CELL};background:#f5f5f5;color:#000">{h}</th>' for h in head)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    head_row = f"<tr>{th}</tr>" if th else ""
    return f'<table style="border-collapse:collapse;margin:4px 0">{head_row}{body}</table>'


def _mono(html_text: str, muted: bool = False) -> str:
    """Monospaced (and greyed) HTML that is already escaped."""
    return f'<span style="{_MONO}{";" + _MUTED if muted else ""}">{html_text}</span>'


def _where(loc: Location) -> str:
    return f"{loc.path or loc.document}:{loc.line}"


def _sentence(loc: Location) -> str:
    """The sentence around a claim, escaped, with the figure highlighted."""
    if loc.context:
        off, n = loc.context_offset, len(loc.text)
        if loc.context[off : off + n] == loc.text:
            return mark_span(loc.context, off, off + n, _MARK)
        return escape(loc.context)
    return f"<mark{_MARK}>{escape(loc.text)}</mark>"


def _fmt_interval(iv: Interval | None, unit: str | None = None) -> str:
    return "?" if iv is None else iv.format(unit or "")


def check_html(check: Check) -> str:
    """A check: status, rule, the arithmetic, the intervals, each figure in its sentence."""
    st = check.status.value
    strong = _COLORS.get(st, _COLORS["unchecked"])[2]
    notes = []
    if check.basis in ("rounding", "hedge"):
        notes.append(f"passes only thanks to the {check.basis}")
    if check.margin:
        notes.append(check.margin)
    if check.suppressed:
        notes.append("suppressed")
    head = (
        f'{_badge(st)} <b style="{_MONO}">{escape_name(check.rule)}</b> '
        f'<span style="{_MONO};{_MUTED}">{escape_name(check.name)}</span> '
        f'<span style="{_MUTED}">{escape_name(check.severity.value)}'
        f"{''.join(f' · {escape(n)}' for n in notes)}</span>"
    )
    parts = [
        f"<div>{head}</div>",
        f'<div style="{_MONO};margin:4px 0">{escape(check.message)}</div>',
    ]
    if check.operands:
        rows = [
            [escape(op.label), f'<span style="{_MONO}">{escape(_fmt_interval(op.interval))}</span>',
             escape(op.unit or "")]
            for op in check.operands
        ]  # fmt: skip
        parts.append(_table(["figure", "interval", "unit"], rows))
    if check.locations:
        items = "".join(
            f'<li><span style="{_MONO};{_MUTED}">{escape_name(_where(loc))}</span> '
            f"“{_sentence(loc)}”</li>"
            for loc in check.locations
        )
        parts.append(f'<ul style="margin:4px 0;padding-left:18px">{items}</ul>')
    if len(check.documents) > 1:
        docs = ", ".join(f'<code style="{_MONO}">{escape_name(d)}</code>' for d in check.documents)
        parts.append(f'<div style="{_MUTED}">documents involved: {docs}</div>')
    if check.explanation:
        parts.append(f'<div style="{_MUTED}">{escape(check.explanation)}</div>')
    return (
        f'<div style="{_BOX};border-left:4px solid {strong};padding:4px 10px;margin:4px 0">'
        f"{''.join(parts)}</div>"
    )


def _claim_value(claim: Claim) -> str:
    """The claim's value in its own display unit: '0.87 km²', '2023-09-21', '2021–2025'."""
    from hetao_facts.rules._util import fmt_claim

    value = getattr(claim, "value", None)
    if isinstance(value, tuple):
        span = "–".join(str(_number(v)) for v in value)
        return f"{span} years" if claim.kind == "duration" else span
    if claim.kind == "duration":
        return f"{_number(value)} years"
    return fmt_claim(claim)


def _claim_interval(claim: Claim) -> str:
    if claim.interval is None:
        return ""
    from hetao_facts.rules._util import display_factor, fmt_interval

    factor, unit = display_factor(claim)
    return fmt_interval(claim.interval, factor, unit)


def claim_html(claim: Claim) -> str:
    """A claim: kind, the text as written, its value and interval, subject and place."""
    rows: list[list[str]] = [
        ["text", f"<mark{_MARK}>{escape(claim.text)}</mark>"],
        ["value", f'<span style="{_MONO}">{escape(_claim_value(claim))}</span>'],
    ]
    if claim.interval is not None:
        rows.append(["interval", f'<span style="{_MONO}">{escape(_claim_interval(claim))}</span>'])
    qualifier = claim.qualifier.value + (f" ({claim.hedge})" if claim.hedge else "")
    rows.append(["qualifier", escape(qualifier)])
    if claim.subject or claim.subject_text:
        subject = claim.subject_text or claim.subject or ""
        key = f' <span style="{_MUTED}">({escape(claim.subject)})</span>' if claim.subject else ""
        rows.append(["subject", escape(subject) + key])
    if claim.role is not None:
        rows.append(["role", escape(claim.role.value)])
    if claim.speaker:
        rows.append(["speaker", escape(claim.speaker)])
    rows.append(
        [
            "where",
            _mono(f"{escape_name(claim.document)}:{claim.line}:{claim.column}"),
        ]
    )
    for note in claim.notes:
        rows.append(["note", escape(note)])
    title = (
        f'<b>{escape(type(claim).__name__)}</b> <span style="{_MUTED};{_MONO}">'
        f"{escape_name(claim.id)}</span>"
    )
    return f'<div style="{_BOX}">{title}{_table([], rows)}</div>'


def document_html(doc: Document, *, preview: int = 1200) -> str:
    """A document: id, path, date, size, and the start of its text."""
    text = doc.text
    shown = text[:preview]
    more = len(text) - len(shown)
    date = f"{doc.date.isoformat()} ({doc.date_source})" if doc.date else "none found"
    rows = [
        ["path", f'<span style="{_MONO}">{escape_name(doc.path or "-")}</span>'],
        ["date", escape(date)],
        ["format", escape(doc.format)],
        ["size", f"{len(text):,} characters, {text.count(chr(10)) + 1:,} lines"],
    ]
    tail = f'<div style="{_MUTED}">… {more:,} more characters</div>' if more > 0 else ""
    pre = (
        f'<pre style="{_MONO};white-space:pre-wrap;max-height:16em;overflow:auto;'
        f'background:#f7f7f7;color:#000;padding:6px;margin:4px 0">{escape(shown)}</pre>'
    )
    title = f'<b>Document</b> <span style="{_MONO}">{escape_name(doc.id)}</span>'
    return f'<div style="{_BOX}">{title}{_table([], rows)}{pre}{tail}</div>'


def report_html(report: Report) -> str:
    """A report: counts by rule and status, failing checks first, documents, problems."""
    counts = report.counts
    head = (
        f"<b>Report</b>: {len(report.documents)} documents · {len(report.claims)} claims · "
        f"{len(report.checks)} checks ("
        + ", ".join(f"{_badge(s)} {counts[s]}" for s in ("fail", "warn", "pass"))
        + f") · {len(report.problems)} problems"
    )
    parts = [f"<div>{head}</div>"]

    by_rule: dict[tuple[str, str], Counter[str]] = {}
    for ch in report.checks:
        by_rule.setdefault((ch.rule, ch.name), Counter())[ch.status.value] += 1
    if by_rule:
        rows = [
            [f'<span style="{_MONO}">{escape_name(r)}</span>', escape_name(n)]
            + [str(c[s]) if c[s] else "" for s in ("fail", "warn", "pass")]
            for (r, n), c in sorted(by_rule.items())
        ]
        parts.append(_table(["rule", "name", "fail", "warn", "pass"], rows))

    ordered = sorted_checks(report.checks)
    notable = [c for c in ordered if c.status.value != "pass"]
    detailed = notable[:_MAX_DETAILED]
    if detailed:
        parts.append('<div style="margin-top:6px"><b>Failing and warning checks</b></div>')
        parts.extend(check_html(c) for c in detailed)
    rest = [c for c in ordered if c not in detailed]
    if rest:
        rows = [
            [_badge(c.status.value), _mono(escape_name(c.rule)), escape(c.message),
             _mono(escape_name(_where(c.locations[0])) if c.locations else "")]
            for c in rest
        ]  # fmt: skip
        parts.append(
            f"<details><summary>{len(rest)} more checks (basis and evidence: display a check, "
            f"e.g. <code>report.checks[i]</code>)</summary>"
            f"{_table(['status', 'rule', 'message', 'where'], rows)}</details>"
        )
    if report.documents:
        statuses = claim_statuses(report.checks)
        per_doc: dict[str, Counter[str]] = {}
        for c in report.claims:
            per_doc.setdefault(c.document, Counter())[statuses.get(c.id, "unchecked")] += 1
        rows = [
            [f'<span style="{_MONO}">{escape_name(d.path or d.id)}</span>',
             escape(d.date.isoformat() if d.date else ""), str(d.claims),
             str(per_doc.get(d.id, Counter())["fail"] or ""),
             str(per_doc.get(d.id, Counter())["warn"] or "")]
            for d in report.documents
        ]  # fmt: skip
        parts.append(
            f"<details><summary>{len(report.documents)} documents</summary>"
            f"{_table(['document', 'date', 'figures', 'failing', 'warning'], rows)}</details>"
        )
    if report.problems:
        rows = [
            [escape_name(p.code), _mono(escape_name(p.path or p.rule or "-")), escape(p.message)]
            for p in report.problems
        ]  # fmt: skip
        parts.append(f"<div><b>Problems</b></div>{_table(['code', 'where', 'message'], rows)}")
    return f'<div style="{_BOX}">{"".join(parts)}</div>'


# --------------------------------------------------------------------------------------------
# Data frames


def _pandas(what: str) -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(f"{what} needs pandas: {INSTALL_HINT}") from exc
    return pandas


def to_pandas(report: Report) -> pd.DataFrame:
    """One row per check: id, rule, name, status, severity, basis, message (the
    arithmetic), plain (what an editor reads, with the fix), fix (the replacement text, or
    None), the claims (ids), their texts, the documents, the claims' lines, where the first
    one stands, the margin in percent (a float, NaN when none), the fingerprint and whether
    it is suppressed."""
    pd = _pandas("Report.to_pandas()")
    claims = {c.id: c for c in report.claims}
    rows = []
    for ch in report.checks:
        rows.append(
            {
                "id": ch.id,
                "rule": ch.rule,
                "name": ch.name,
                "status": ch.status.value,
                "severity": ch.severity.value,
                "basis": ch.basis,
                "message": ch.message,
                "plain": editor_message(ch),
                "fix": ch.fix.replacement if ch.fix is not None else None,
                "claims": ch.claims,
                "texts": tuple(claims[c].text if c in claims else "" for c in ch.claims),
                "documents": ch.documents,
                "lines": tuple(loc.line for loc in ch.locations),
                "where": _where(ch.locations[0]) if ch.locations else None,
                "margin": margin_percent(ch.margin),
                "fingerprint": ch.fingerprint,
                "suppressed": ch.suppressed,
            }
        )
    return pd.DataFrame(rows, columns=list(CHECK_COLUMNS))


def margin_percent(margin: str | None) -> float:
    """A check's margin in words ("0.5% apart") as a number of percent (NaN if none)."""
    import re

    m = re.search(r"(\d+(?:\.\d+)?)\s*%", margin or "")
    return float(m.group(1)) if m else float("nan")


_VALUE_UNITS = {
    "area": "m²", "floor_area": "m²", "length": "m", "density": "per km²", "percent": "%",
    "duration": "years",
}  # fmt: skip


def _number(x: Any) -> Any:
    if isinstance(x, Decimal):
        return int(x) if x == x.to_integral_value() and abs(x) < 10**15 else float(x)
    if isinstance(x, tuple):
        return tuple(_number(v) for v in x)
    return x


def _value_unit(claim: Claim) -> str:
    if claim.kind == "money":
        return str(getattr(claim, "currency", ""))
    if claim.kind == "quantity":
        return str(getattr(claim, "dimensionality", ""))
    return _VALUE_UNITS.get(claim.kind, "")


def claims_frame(report: Report) -> pd.DataFrame:
    """One row per claim. ``value``, ``low`` and ``high`` are in ``value_unit`` (m² for
    areas, m for lengths...); an infinite end of an interval is ``±inf``, no interval NaN;
    ``status`` is the worst status of the claim's checks, or ``unchecked``."""
    pd = _pandas("Report.claims_frame()")
    statuses = claim_statuses(report.checks)
    checks_of: dict[str, list[str]] = {}
    for ch in report.checks:
        for cid in ch.claims:
            checks_of.setdefault(cid, []).append(ch.id)
    nan = float("nan")
    rows = []
    for c in report.claims:
        iv = c.interval
        low: Any = nan if iv is None else (float("-inf") if iv.low is None else _number(iv.low))
        high: Any = nan if iv is None else (float("inf") if iv.high is None else _number(iv.high))
        rows.append(
            {
                "id": c.id,
                "kind": c.kind,
                "text": c.text,
                "stated": _number(c.stated),
                "unit": c.unit,
                "value": _number(getattr(c, "value", None)),
                "value_unit": _value_unit(c),
                "low": low,
                "high": high,
                "qualifier": c.qualifier.value,
                "hedge": c.hedge,
                "subject": c.subject,
                "role": c.role.value if c.role else None,
                "document": c.document,
                "line": c.line,
                "column": c.column,
                "status": statuses.get(c.id, "unchecked"),
                "checks": tuple(checks_of.get(c.id, ())),
            }
        )
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


RELATION_COLUMNS = (
    "id",
    "kind",
    "strength",
    "note",
    "confident",
    "cue",
    "claims",
    "subjects",
    "document",
    "line",
    "status",
    "checks",
)


def relations_frame(report: Report) -> pd.DataFrame:
    """One row per relation of the linking stage: ``claims`` shows each member as
    ``role=text``; ``subjects`` the entities a comparison between subjects is about (a
    subject known in one place only by its words, without its document and offset);
    ``status`` is the worst status of the checks that tested it (a check
    tests a relation when it cites all of its claims), or ``untested``."""
    pd = _pandas("Report.relations_frame()")
    claims = {c.id: c for c in report.claims}
    citing: dict[str, list[Check]] = {}
    for ch in report.checks:
        for cid in ch.claims:
            citing.setdefault(cid, []).append(ch)
    order = {"fail": 0, "warn": 1, "pass": 2}
    rows = []
    for rel in report.relations:
        ids = set(rel.claims)
        first_id = rel.members[0].claim if rel.members else ""
        checks = [ch for ch in citing.get(first_id, ()) if ids <= set(ch.claims)]
        worst = min((ch.status.value for ch in checks), key=order.__getitem__, default="untested")
        first = claims.get(rel.members[0].claim) if rel.members else None
        rows.append(
            {
                "id": rel.id,
                "kind": rel.kind.value,
                "strength": rel.strength.value,
                "note": rel.note,
                "confident": rel.confident,
                "cue": rel.cue,
                "claims": "; ".join(
                    f"{m.role}={claims[m.claim].text}" for m in rel.members if m.claim in claims
                ),
                "subjects": tuple(shown_subject(k) for k in rel.subjects),
                "document": rel.document,
                "line": first.line if first is not None else None,
                "status": worst,
                "checks": tuple(ch.id for ch in checks),
            }
        )
    return pd.DataFrame(rows, columns=list(RELATION_COLUMNS))


# --------------------------------------------------------------------------------------------
# Plots


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ImportError(f"plotting needs matplotlib: {INSTALL_HINT}") from exc
    return plt


_LEGEND = {
    "fail": "in a failing check",
    "warn": "in a warning",
    "pass": "its checks pass",
    "unchecked": "not checked",
}
# Kinds whose normalized values share a unit, so they can stand on one axis.
_FAMILY = {"area": "m²", "floor_area": "m²"}


def _display_unit(claims: Sequence[Claim], unit: str | None) -> tuple[Decimal, str]:
    """(normalized units per display unit, display unit): `unit` if given, else the unit
    the claims are most often stated in (the larger one on a tie)."""
    from hetao_facts.rules._util import display_factor

    if unit is not None:
        from hetao_facts.units import parse_unit

        info = parse_unit(unit)
        if info is None or info.offset != 0:
            raise ValueError(f"unknown unit {unit!r} for plotting")
        return info.factor, info.canonical
    tally = Counter(display_factor(c) for c in claims)
    return max(tally, key=lambda fu: (tally[fu], fu[0]))


def _short(path: str) -> str:
    return os.path.basename(path) or path


def _label(claim: Claim) -> str:
    """The figure as the text gives it, with its hedge ("approximately 300 hectares")."""
    text = claim.text
    if claim.hedge and claim.hedge.casefold() not in text.casefold():
        text = f"{claim.hedge} {text}"
    return _cut(text)


def _cut(text: str, n: int = 38) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def plot_subject(
    report: Report,
    subject: str,
    kind: str | None = None,
    ax: Axes | None = None,
    *,
    unit: str | None = None,
) -> Axes:
    """Every figure stated for `subject`, each drawn as its interval on one axis.

    One horizontal bar per figure, in text order, in one display unit (`unit`, or the unit
    the figures are most often stated in); a diamond marks the value as stated, hollow
    circles open ends, arrows infinite ends. A bar's colour is the worst status of the checks
    its figure takes part in (red: some failing check, even one about another relation).
    The band where all intervals overlap is shaded: "approximately 300 ha" and "3.02 km²"
    agree when their bars share it. `kind` picks one kind of figure when the subject has
    several.
    """
    from hetao_facts.query import claims_about

    plt = _pyplot()
    claims = [c for c in claims_about(report, subject) if c.interval is not None]
    kinds = sorted({c.kind for c in claims})
    if kind is not None:
        claims = [c for c in claims if c.kind == kind]
    elif len({_FAMILY.get(k, k) for k in kinds}) > 1:
        raise ValueError(
            f"{subject!r} has figures of several kinds ({', '.join(kinds)}); pick one with kind="
        )
    if not claims:
        known = sorted({c.subject_text or c.subject for c in report.claims if c.subject})
        what = f" of kind {kind!r}" if kind else ""
        raise ValueError(
            f"no figures{what} about {subject!r}; subjects in this report: "
            + ", ".join(repr(k) for k in known[:20] if k)
        )
    claims.sort(key=lambda c: (c.document, c.start))
    factor, unit_label = _display_unit(claims, unit)
    statuses = claim_statuses(report.checks)

    ivs = [c.interval.scale(1 / factor) for c in claims if c.interval is not None]
    finite = [float(v) for iv in ivs for v in (iv.low, iv.high) if v is not None]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1.0
    left, right = lo - pad, hi + pad
    if any(iv.low is None for iv in ivs):
        left -= pad * 2
    if any(iv.high is None for iv in ivs):
        right += pad * 2

    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 0.6 * len(claims) + 1.4))
    assert ax is not None
    common = ivs[0]
    agree = True
    for iv in ivs[1:]:
        if not common.overlaps(iv):
            agree = False
            break
        common = _intersection(common, iv)
    if agree:
        c_lo = left if common.low is None else float(common.low)
        c_hi = right if common.high is None else float(common.high)
        ax.axvspan(c_lo, c_hi, color="#43a047", alpha=0.12, lw=0, label="all intervals overlap")

    seen: set[str] = set()
    for y, (c, iv) in enumerate(zip(claims, ivs, strict=True)):
        st = statuses.get(c.id, "unchecked")
        edge = _COLORS[st][2]
        a = left if iv.low is None else float(iv.low)
        b = right if iv.high is None else float(iv.high)
        label = None if st in seen else _LEGEND[st]
        seen.add(st)
        ax.barh(y, b - a, left=a, height=0.45, color=edge, alpha=0.3, edgecolor=edge, label=label)
        for end, value, is_open, arrow in (
            (a, iv.low, iv.low_open, "<"),
            (b, iv.high, iv.high_open, ">"),
        ):
            if value is None:
                ax.plot(end, y, marker=arrow, color=edge, ms=11, clip_on=False)
            elif is_open:
                ax.plot(end, y, marker="o", mfc="white", mec=edge, ms=7, mew=1.5)
            else:
                ax.plot(end, y, marker="|", color=edge, ms=14, mew=2)
        value = getattr(c, "value", None)
        if isinstance(value, Decimal) and c.qualifier.value in ("exact", "approx"):
            ax.plot(float(value / factor), y, marker="D", color="black", ms=5,
                    label=None if "stated" in seen else "as stated")  # fmt: skip
            seen.add("stated")

    ax.set_yticks(range(len(claims)))
    ax.set_yticklabels([f"{_label(c)}\n{_short(c.document)}:{c.line}" for c in claims], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(left, right)
    kinds_shown = ", ".join(sorted({c.kind for c in claims}))
    ax.set_xlabel(unit_label or kinds_shown)
    name = next((c.subject_text for c in claims if c.subject_text), subject)
    verdict = "all agree" if agree else "do not all agree"
    ax.set_title(
        f"{name}: {len(claims)} figures ({kinds_shown}), {verdict}", loc="left", fontsize=11
    )
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if fig is not None:
        fig.tight_layout()
    return ax


def _intersection(a: Interval, b: Interval) -> Interval:
    from hetao_facts.intervals import Interval

    if a.low is None or (b.low is not None and (b.low > a.low or (b.low == a.low and b.low_open))):
        low, low_open = b.low, b.low_open
    else:
        low, low_open = a.low, a.low_open
    if a.high is None or (
        b.high is not None and (b.high < a.high or (b.high == a.high and b.high_open))
    ):
        high, high_open = b.high, b.high_open
    else:
        high, high_open = a.high, a.high_open
    return Interval(low=low, high=high, low_open=low_open, high_open=high_open)


def _find_check(report: Report, check: Check | str) -> Check:
    if not isinstance(check, str):
        return check
    for ch in report.checks:
        if ch.id == check:
            return ch
    raise KeyError(f"no check {check!r} in this report")


def plot_parts(report: Report, check: Check | str, ax: Axes | None = None) -> Axes:
    """The parts of an HF101/HF102 check stacked against the whole, with their intervals.

    The parts' stated values are stacked on the top row and the interval their sum may
    take (parts' intervals added end to end) is drawn over the stack; the whole and its
    interval are on the bottom row, and the whole's interval is shaded across both rows,
    so a sum that misses it shows at a glance. `check` is a Check or its id; its operands
    are the parts followed by the whole.
    """
    from hetao_facts.units import convert

    plt = _pyplot()
    ch = _find_check(report, check)
    ops = [op for op in ch.operands if op.interval is not None]
    if len(ops) < 2:
        raise ValueError(
            f"check {ch.id} ({ch.rule}) has no parts and whole to plot; "
            "plot_parts() takes an HF101 or HF102 check"
        )
    whole, parts = ops[-1], ops[:-1]
    unit = whole.unit or ""

    def in_unit(iv: Interval, src: str | None) -> Interval:
        if not src or not unit or src == unit:
            return iv
        return iv.scale(convert(Decimal(1), src, unit))

    part_ivs = [in_unit(op.interval, op.unit) for op in parts if op.interval is not None]
    assert whole.interval is not None
    w = whole.interval

    def mid(iv: Interval) -> float:
        m = iv.midpoint
        return 0.0 if m is None else float(m)

    total_lo = sum(float(iv.low) for iv in part_ivs if iv.low is not None)
    total_hi: float | None = None
    if all(iv.high is not None for iv in part_ivs):
        total_hi = sum(float(iv.high) for iv in part_ivs if iv.high is not None)
    ends = [total_lo, *(x for x in (total_hi, w.low, w.high) if x is not None)]
    right = max(float(x) for x in ends) * 1.12 or 1.0

    fig = None
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 2.8))
    assert ax is not None
    status = ch.status.value
    strong = _COLORS[status][2]
    w_lo = 0.0 if w.low is None else float(w.low)
    w_hi = right if w.high is None else float(w.high)
    ax.axvspan(w_lo, w_hi, color="#607d8b", alpha=0.15, lw=0, label="whole's interval")

    palette = plt.get_cmap("tab10")
    cum = 0.0
    for i, (op, iv) in enumerate(zip(parts, part_ivs, strict=True)):
        v = mid(iv)
        ax.barh(1, v, left=cum, height=0.5, color=palette(i % 10), alpha=0.75,
                edgecolor="white", label=_cut(op.label, 40))  # fmt: skip
        cum += v
    hi_plot = right if total_hi is None else total_hi
    ax.plot([total_lo, hi_plot], [1.38, 1.38], color=strong, lw=3, solid_capstyle="butt",
            label=f"sum of the parts' intervals ({status})")  # fmt: skip
    ax.plot([total_lo], [1.38], marker="|", color=strong, ms=12, mew=2)
    ax.plot(
        [hi_plot], [1.38], marker="|" if total_hi is not None else ">", color=strong, ms=12, mew=2
    )

    ax.barh(0, mid(w), height=0.5, color="#607d8b", alpha=0.55, edgecolor="white",
            label=_cut(whole.label, 40))  # fmt: skip
    ax.plot([w_lo, w_hi], [0, 0], color="#37474f", lw=3, solid_capstyle="butt")
    for x in (w_lo, w_hi):
        ax.axvline(x, color="#37474f", lw=0.8, ls="--")
    ax.set_yticks([0, 1])
    ax.set_yticklabels(["whole", "parts"])
    ax.set_ylim(-0.6, 1.9)
    ax.set_xlim(0, right)
    ax.set_xlabel(unit or "value")
    ax.set_title(f"{ch.rule} {ch.name}: {status}", loc="left")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    if fig is not None:
        fig.tight_layout()
    return ax
