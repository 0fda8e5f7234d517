"""A self-contained HTML page: the documents with every figure highlighted, and the checks.

``render_html(report)`` returns ONE page with its CSS and JavaScript inline: no network, no
external fonts, no timestamps (the same report always renders to the same bytes).

* Every figure in every document is highlighted and coloured by the worst status of the
  checks it takes part in: fail red, warn amber, pass green, unchecked grey.
* The checks are listed failing first, each with its plain-words message and fix (when the
  rule wrote one), its message (the arithmetic), its operands' intervals and the sentence
  around each of its figures.
* Links go both ways: a figure (``#claim-<id>``) links to its worst check, a check
  (``#check-<id>``) links to each of its figures. Clicking a figure also marks every check
  it takes part in.
* All text from documents, file names and messages goes through :func:`escape`: a name such
  as ``<script>alert(1)</script>`` renders as text. Control characters are shown as escapes
  (``\\x1b``), and a Content-Security-Policy allows only the page's own script.

The helpers :func:`escape`, :func:`escape_name`, :func:`anchor`, :func:`mark_span` and
:func:`claim_statuses` are shared with :mod:`hetao_facts.notebook`.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

from hetao_facts import _rx
from hetao_facts.claims import Claim
from hetao_facts.model import Check, Location, Report
from hetao_facts.report._shared import editor_message

__all__ = [
    "STATUS_RANK",
    "anchor",
    "claim_statuses",
    "escape",
    "escape_name",
    "mark_span",
    "render_html",
]

#: Worst first: the order checks are listed in and how a figure's colour is chosen.
STATUS_RANK: Mapping[str, int] = {"fail": 0, "warn": 1, "pass": 2, "unchecked": 3}

# C0 and C1 controls (tab, newline and carriage return are handled by the caller), DEL,
# bidirectional overrides that could make a file name read backwards, and lone surrogates
# (which cannot be encoded as UTF-8).
_INVISIBLE = _rx.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
_LINE_BREAKS = _rx.compile("[\t\n\r\u2028\u2029\u0085]")
_ANCHOR_UNSAFE = _rx.compile(r"[^A-Za-z0-9_.-]")


def _visible(ch: str) -> str:
    """A character as a Python-style escape: ``\\x1b``, ``\\n``, ``\\u202e``."""
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """``html.escape`` (quotes included), with control characters shown as escapes
    (``\\x1b``), as the other output formats do; lone surrogates and bidirectional
    overrides too (``\\u202e``), so nothing can reorder or hide text.

    Tabs and line breaks are kept, so the result can stand in a ``<pre>`` block.
    """
    return html.escape(_INVISIBLE.sub(lambda m: _visible(m.group()), text), quote=True)


def escape_name(text: str) -> str:
    """Like :func:`escape`, for one-line names (file names, ids): line breaks and tabs are
    shown as escapes too (``\\n``), so a name never spans lines."""
    return escape(_LINE_BREAKS.sub(lambda m: _visible(m.group()), text))


def anchor(prefix: str, ident: str) -> str:
    """A fragment id such as ``claim-c6b94904bc323``; unusual characters are encoded."""
    safe = _ANCHOR_UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", ident)
    return f"{prefix}-{safe}"


def mark_span(text: str, start: int, end: int, attrs: str = "") -> str:
    """``text`` escaped, with ``text[start:end]`` wrapped in ``<mark{attrs}>``.

    Offsets outside the text (a stale location) fall back to the text without a mark.
    """
    if not 0 <= start <= end <= len(text):
        return escape(text)
    return (
        f"{escape(text[:start])}<mark{attrs}>{escape(text[start:end])}</mark>{escape(text[end:])}"
    )


def claim_statuses(checks: Iterable[Check]) -> dict[str, str]:
    """The worst status of the (unsuppressed) checks each claim takes part in.

    A claim that only takes part in suppressed checks counts as passing; a claim in no check
    is absent (``unchecked``).
    """
    out: dict[str, str] = {}
    for ch in checks:
        status = "pass" if ch.suppressed else ch.status.value
        for cid in ch.claims:
            old = out.get(cid)
            if old is None or STATUS_RANK[status] < STATUS_RANK[old]:
                out[cid] = status
    return out


def sorted_checks(checks: Iterable[Check]) -> list[Check]:
    """Failing first, then warnings, then passes; the report's order within each."""
    return sorted(checks, key=lambda c: STATUS_RANK[c.status.value])


# --------------------------------------------------------------------------------------------
# Assets


@cache
def _asset(name: str) -> str:
    return resources.files("hetao_facts.report").joinpath(name).read_text(encoding="utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


# --------------------------------------------------------------------------------------------
# Page parts


def _where(loc: Location) -> str:
    return f"{loc.path or loc.document}:{loc.line}"


def _badge(status: str) -> str:
    return f'<span class="badge st-{status}">{status}</span>'


def _summary(report: Report, statuses: Mapping[str, str]) -> str:
    counts = report.counts
    figures = Counter(statuses.get(c.id, "unchecked") for c in report.claims)
    check_bits = ", ".join(f"{_badge(s)} {counts[s]}" for s in ("fail", "warn", "pass"))
    figure_bits = ", ".join(
        f'<span class="swatch st-{s}"></span>{s} {figures.get(s, 0)}'
        for s in ("fail", "warn", "pass", "unchecked")
    )
    problems = len(report.problems)
    return (
        '<dl class="summary">'
        f"<div><dt>documents</dt><dd>{len(report.documents)}</dd></div>"
        f"<div><dt>checks</dt><dd>{len(report.checks)}: {check_bits}</dd></div>"
        f"<div><dt>figures</dt><dd>{len(report.claims)}: {figure_bits}</dd></div>"
        f"<div><dt>problems</dt><dd>{problems}</dd></div>"
        "</dl>"
    )


def _filters(report: Report) -> str:
    counts = report.counts
    boxes = "".join(
        f'<label><input type="checkbox" checked data-filter-status="{s}"> '
        f"{_badge(s)} {counts[s]}</label>"
        for s in ("fail", "warn", "pass")
    )
    return f'<div class="filters" role="group" aria-label="show checks">{boxes}</div>'


def _operands(check: Check) -> str:
    if not check.operands:
        return ""
    rows = "".join(
        f"<tr><td>{escape(op.label)}</td>"
        f'<td class="num">{escape(op.interval.format() if op.interval else "?")}</td>'
        f"<td>{escape(op.unit or '')}</td></tr>"
        for op in check.operands
    )
    return (
        '<table class="operands"><thead><tr><th>figure</th><th>interval</th><th>unit</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _evidence(check: Check, rendered: set[str]) -> str:
    items = []
    for loc in check.locations:
        cid = loc.claim or ""
        where = escape_name(_where(loc))
        link = (
            f'<a class="to-claim" href="#{anchor("claim", cid)}">{where}</a>'
            if cid in rendered
            else f'<span class="to-claim">{where}</span>'
        )
        if loc.context:
            n = len(loc.text)
            off = loc.context_offset
            if loc.context[off : off + n] == loc.text:
                sentence = mark_span(loc.context, off, off + n)
            else:
                sentence = escape(loc.context)
        else:
            sentence = f"<mark>{escape(loc.text)}</mark>"
        items.append(f'<li>{link} <q class="context">{sentence}</q></li>')
    return f'<ul class="evidence">{"".join(items)}</ul>' if items else ""


def _check(check: Check, rendered: set[str]) -> str:
    st = check.status.value
    extra = []
    if check.basis in ("rounding", "hedge"):
        extra.append(f'<span class="basis">passes only thanks to the {check.basis}</span>')
    if check.suppressed:
        extra.append('<span class="basis">suppressed</span>')
    if check.margin:
        extra.append(f'<span class="margin">{escape(check.margin)}</span>')
    docs = ""
    if len(check.documents) > 1:
        docs = (
            '<p class="docs">documents: '
            + ", ".join(f"<code>{escape_name(d)}</code>" for d in check.documents)
            + "</p>"
        )
    explanation = (
        f'<p class="explanation">{escape(check.explanation)}</p>' if check.explanation else ""
    )
    return (
        f'<article class="check st-{st}" id="{anchor("check", check.id)}" data-status="{st}" '
        f'data-rule="{escape_name(check.rule)}">'
        f'<header>{_badge(st)} <strong class="rule">{escape_name(check.rule)}</strong> '
        f'<span class="name">{escape_name(check.name)}</span> '
        f'<span class="severity">{escape_name(check.severity.value)}</span> {" ".join(extra)}'
        f'<a class="self" href="#{anchor("check", check.id)}" title="link to this check">#</a>'
        "</header>"
        f"{_plain(check)}"
        f'<p class="message">{escape(check.message)}</p>'
        f"{_operands(check)}{_evidence(check, rendered)}{docs}{explanation}"
        "</article>"
    )


def _plain(check: Check) -> str:
    """The plain-words message with its fix, above the arithmetic, when the rule wrote one."""
    if not check.plain and check.fix is None:
        return ""
    return f'<p class="plain">{escape(editor_message(check))}</p>'


def _claim_title(claim: Claim, checks: list[Check]) -> str:
    bits: list[str] = [claim.kind]
    if claim.interval is not None:
        from hetao_facts.rules._util import display_factor, fmt_interval

        factor, unit = display_factor(claim)
        bits.append(fmt_interval(claim.interval, factor, unit))
    if claim.subject_text or claim.subject:
        bits.append(f"about {claim.subject_text or claim.subject}")
    if checks:
        bits.append(", ".join(f"{c.rule} {c.status.value}" for c in checks))
    else:
        bits.append("not checked")
    return " · ".join(bits)


def _claim_tag(
    claim: Claim, statuses: Mapping[str, str], checks_of: Mapping[str, list[Check]]
) -> tuple[str, str]:
    """The opening and closing tags of one highlighted figure."""
    st = statuses.get(claim.id, "unchecked")
    checks = checks_of.get(claim.id, [])
    title = escape_name(_claim_title(claim, checks))
    ident = anchor("claim", claim.id)
    if checks:
        worst = sorted_checks(checks)[0]
        ids = " ".join(anchor("check", c.id) for c in checks)
        return (
            f'<a class="claim st-{st}" id="{ident}" href="#{anchor("check", worst.id)}" '
            f'data-checks="{ids}" title="{title}">',
            "</a>",
        )
    return f'<span class="claim st-{st}" id="{ident}" title="{title}">', "</span>"


def _document_body(
    text: str | None,
    claims: list[Claim],
    statuses: Mapping[str, str],
    checks_of: Mapping[str, list[Check]],
) -> tuple[str, set[str]]:
    """The document's text with its figures marked, and the ids of the figures rendered."""
    usable = text is not None and all(
        0 <= c.start <= c.end <= len(text) and text[c.start : c.end] == c.text for c in claims
    )
    if text is None or not usable:
        note = (
            "the text of this document is not available"
            if text is None
            else "the text changed since it was checked; figures listed without context"
        )
        rows = []
        for c in claims:
            open_tag, close_tag = _claim_tag(c, statuses, checks_of)
            rows.append(f"<li>line {c.line}: {open_tag}{escape(c.text)}{close_tag}</li>")
        return (
            f'<p class="note">{note}</p><ul class="claims">{"".join(rows)}</ul>',
            {c.id for c in claims},
        )
    out: list[str] = []
    pos = 0
    for c in sorted(claims, key=lambda c: (c.start, -c.end, c.id)):
        if c.start < pos:  # overlaps a figure already marked: keep only its anchor
            out.append(f'<span class="anchor" id="{anchor("claim", c.id)}"></span>')
            continue
        open_tag, close_tag = _claim_tag(c, statuses, checks_of)
        out.append(escape(text[pos : c.start]))
        out.append(f"{open_tag}{escape(text[c.start : c.end])}{close_tag}")
        pos = c.end
    out.append(escape(text[pos:]))
    return f'<pre class="text">{"".join(out)}</pre>', {c.id for c in claims}


def _problems(report: Report) -> str:
    if not report.problems:
        return ""
    rows = "".join(
        f"<li><strong>{escape_name(p.code)}</strong> "
        f"<code>{escape_name(p.path or p.rule or '-')}</code>"
        f"{f':{p.line}' if p.line else ''}: {escape(p.message)}</li>"
        for p in report.problems
    )
    return f'<section class="problems"><h2>Problems</h2><ul>{rows}</ul></section>'


# --------------------------------------------------------------------------------------------
# The page


def render_html(report: Report) -> str:
    """The whole report as one self-contained, deterministic HTML page."""
    statuses = claim_statuses(report.checks)
    checks_of: dict[str, list[Check]] = {}
    for ch in report.checks:
        for cid in ch.claims:
            checks_of.setdefault(cid, []).append(ch)
    claims_by_doc: dict[str, list[Claim]] = {}
    for c in report.claims:
        claims_by_doc.setdefault(c.document, []).append(c)

    doc_sections: list[str] = []
    toc: list[str] = []
    rendered: set[str] = set()
    for i, info in enumerate(report.documents, 1):
        claims = claims_by_doc.get(info.id, [])
        body, ids = _document_body(report.text_of(info.id), claims, statuses, checks_of)
        rendered |= ids
        doc_statuses = Counter(statuses.get(c.id, "unchecked") for c in claims)
        worst = min(doc_statuses, key=lambda s: STATUS_RANK[s]) if doc_statuses else "unchecked"
        name = escape_name(info.path or info.id)
        meta = [f"{len(claims)} figures"]
        meta += [f"{doc_statuses[s]} {s}" for s in ("fail", "warn") if doc_statuses.get(s)]
        if info.date:
            meta.append(f"dated {info.date.isoformat()} ({escape_name(info.date_source or '')})")
        toc.append(
            f'<li><a class="st-{worst}" href="#doc-{i}">{name}</a> '
            f'<span class="meta">{" · ".join(meta)}</span></li>'
        )
        doc_sections.append(
            f'<section class="doc" id="doc-{i}"><h3>{name}</h3>'
            f'<p class="meta">{" · ".join(meta)}</p>{body}</section>'
        )
    orphans = [c for c in report.claims if c.id not in rendered]
    if orphans:  # claims of documents the report does not list
        body, ids = _document_body(None, orphans, statuses, checks_of)
        rendered |= ids
        doc_sections.append(f'<section class="doc"><h3>other figures</h3>{body}</section>')

    checks_html = "".join(_check(ch, rendered) for ch in sorted_checks(report.checks))
    if not checks_html:
        checks_html = '<p class="note">no checks</p>'
    script = _asset("html.js")
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src '{_script_hash(script)}'; base-uri 'none'; form-action 'none'"
    )
    tool = report.tool.get("name", "hetao-facts")
    version = report.tool.get("version", "")
    title = f"{tool} report: {len(report.failing)} failing of {len(report.checks)} checks"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{escape_name(f"{tool} {version}".strip())}">'
        f"<title>{escape_name(title)}</title>"
        f"<style>{_asset('html.css')}</style></head>\n"
        '<body data-hf-ready="0">'
        f'<header class="top"><h1>{escape_name(tool)} report</h1>'
        f"{_summary(report, statuses)}</header>\n"
        '<main class="panes">'
        '<section class="checks" aria-label="checks"><h2>Checks</h2>'
        f"{_filters(report)}{checks_html}{_problems(report)}</section>\n"
        '<section class="documents" aria-label="documents"><h2>Documents</h2>'
        f'<ul class="toc">{"".join(toc)}</ul>{"".join(doc_sections)}</section>'
        "</main>\n"
        f"<script>{script}</script></body></html>\n"
    )
