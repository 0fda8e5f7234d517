"""Output formats, one module each: text, json, sarif, junit, github, html.

Each module exposes ``render(report, **opts) -> str`` (html: ``render_html(report)``);
:func:`render` picks one by name and imports it only then. Options a format does not use
are ignored. Every output is valid UTF-8 whatever the input (lone surrogates from file
names that are not UTF-8 become visible escapes). Options a format does not use
are ignored: ``root`` (paths relative to it: sarif, github), ``fail_on`` (what fails:
text, junit), ``color``/``verbose``/``quiet`` (text), ``rules`` (sarif's rule list).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from hetao_facts._io import Encoded
from hetao_facts.errors import UsageError
from hetao_facts.model import Report
from hetao_facts.report._shared import safe_text

__all__ = ["FORMATS", "iter_encoded", "iter_render", "render"]

#: Format names, in the order `hetao-facts check --format` lists them.
FORMATS = ("text", "json", "sarif", "junit", "github", "html")


def render(report: Report, format: str = "text", **opts: Any) -> str:
    """The report in one of :data:`FORMATS`."""
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format == "html":
        try:
            module = importlib.import_module("hetao_facts.report.html")
        except ImportError as exc:
            raise UsageError(f"the HTML report is not available: {exc}") from None
        renderer = getattr(module, "render_html", None)
        if renderer is None:
            raise UsageError(
                "the HTML report is not available: no render_html in hetao_facts.report.html"
            )
        return safe_text(str(renderer(report)))
    module = importlib.import_module(f"hetao_facts.report.{format}")
    return safe_text(str(module.render(report, **opts)))


def iter_encoded(report: Report, format: str = "text", **opts: Any) -> Iterator[str | Encoded]:
    """:func:`iter_render`'s pieces for writing to a file with
    :func:`hetao_facts._io.atomic_write`: a part of a large JSON report written by a
    forked copy of this process (``jobs`` > 1) comes as its bytes, which are copied into
    the file as they are; the file holds exactly :func:`render`'s text."""
    if format in FORMATS and format != "html":
        module = importlib.import_module(f"hetao_facts.report.{format}")
        pieces = getattr(module, "iter_encoded", None)  # json's, today
        if pieces is not None:
            for piece in pieces(report, **opts):
                yield safe_text(piece) if isinstance(piece, str) else piece
            return
    yield from iter_render(report, format, **opts)


def iter_render(report: Report, format: str = "text", **opts: Any) -> Iterator[str]:
    """The text of :func:`render` in pieces, for writing a large report without holding
    it whole: the formats that stream (json, sarif, junit) give one item at a time, the
    others one piece. Joined, the pieces are exactly what :func:`render` returns."""
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    if format != "html":
        module = importlib.import_module(f"hetao_facts.report.{format}")
        pieces = getattr(module, "iter_render", None)
        if pieces is not None:
            for piece in pieces(report, **opts):
                yield safe_text(piece)
            return
    yield render(report, format, **opts)
