"""Document structure: paragraphs, lists and tables, as spans into the original text.

:func:`structure_of` reads a :class:`~hetao_facts.documents.Document` once (the result is
cached on the document) and returns a :class:`Structure` that the extractors and the
linking stage read::

    >>> from hetao_facts.documents import document_from_text
    >>> doc = document_from_text(
    ...     "The plan sets three tasks:\\n- roads\\n- schools and\\n  clinics\\n- parks\\n",
    ...     format="markdown",
    ... )
    >>> s = structure_of(doc)
    >>> [doc.text[i.start:i.end] for i in s.lists[0].items]
    ['roads', 'schools and\\n  clinics', 'parks']
    >>> doc.text[s.lists[0].intro.start:s.lists[0].intro.end]
    'The plan sets three tasks:'

Offsets
    Every span is a pair of Python ``str`` offsets into ``Document.text``, the text exactly
    as read: the parser reads a copy whose front matter lines are blanked (markdown-it
    counts lines, not characters), and its line numbers map back onto the original lines.
    Spans are trimmed of surrounding whitespace and never empty.

Markdown
    Read with markdown-it-py (CommonMark plus GFM pipe tables). A paragraph is a paragraph
    block outside list items, so a hard-wrapped paragraph is one span however many lines it
    has. A list item's span starts after its marker and runs to the end of its own content
    (a nested list is a list of its own); items of one list share ``ordered``. A pipe table's
    first line is its header, the delimiter line is skipped and every further line is a row.

Plain text
    Paragraphs are the document's paragraph blocks (blank lines and the line-break rules of
    :mod:`hetao_facts.documents`, which join hard-wrapped lines). A line starting with a
    marker ("-", "*", "•", "–", "1.", "2)", "(a)", "iv.") starts a list item, and the item
    runs on over indented or wrapped lines; consecutive items, with or without blank lines
    between them, form one list when their markers are of one family (bullets, numbers,
    letters, roman numerals).

Tables
    Besides pipe tables, plain aligned tables: at least two consecutive lines, each cut into
    two or more cells by runs of two or more spaces or a tab, with the same number of cells
    (a header may lack the label column's cell), at least one line holding a number in a
    cell after the first. In every row the first cell is the label (the subject of the other
    cells); a row whose label starts with "Total", "Grand total", "All" or "Sum" is a total
    row. The unit and scale come from the header or the caption line just before the table:
    "($m)", "(US$ million)", "(100 million yuan)", "(in km²)", "in hectares", "(%)",
    "('000)". ``unit`` is the unit as written in the header, ``scale`` the power it stands
    for (``Decimal('1E+6')`` for "$m"); both are None when the header names none.

Intro of a list
    The last sentence of the paragraph right before the list (only blank lines between), or
    None. "The plan sets three tasks:" is the intro of the list that follows it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from hetao_facts import _rx
from hetao_facts._light import trusted_maker
from hetao_facts.claims import Span

if TYPE_CHECKING:
    from hetao_facts.documents import Document

__all__ = [
    "Column",
    "ListBlock",
    "Structure",
    "Table",
    "TableRow",
    "parse_structure",
    "structure_of",
    "table_unit",
]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or numbered list: the sentence introducing it and its items (no markers)."""

    intro: Span | None
    items: tuple[Span, ...]
    ordered: bool


@dataclass(frozen=True, slots=True)
class TableRow:
    """One body row: its label cell (the subject), its other cells, and whether it totals."""

    span: Span
    label: Span
    cells: tuple[Span, ...]
    is_total: bool


@dataclass(frozen=True, slots=True)
class Column:
    """One value column (a row's cells after its label): its unit, scale and own header.

    ``unit`` and ``scale`` are what the header or caption names for this column (None when
    nothing does: the cells may carry their own units, "40%"); ``label`` is the header cell
    that names this column alone ("Revised", "2019"), or None.
    """

    unit: str | None
    scale: Decimal | None
    label: Span | None


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header cells, body rows, the unit and scale its header gives, its columns."""

    span: Span
    header: tuple[Span, ...]
    rows: tuple[TableRow, ...]
    unit: str | None
    scale: Decimal | None
    columns: tuple[Column, ...] = ()
    caption: Span | None = None


@dataclass(frozen=True, slots=True)
class Structure:
    """Paragraphs (not list items or table rows), lists and tables of one document."""

    paragraphs: tuple[Span, ...]
    lists: tuple[ListBlock, ...]
    tables: tuple[Table, ...]
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _ends: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def paragraph_of(self, offset: int) -> int | None:
        """Index in :attr:`paragraphs` of the paragraph containing ``offset``, or None."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self._ends[i]:
            return i
        return None


def structure_of(doc: Document) -> Structure:
    """The structure of ``doc``, computed once and cached on the document."""
    cache = doc.__pydantic_private__["_cache"]  # type: ignore[index]
    found = cache.structure
    if found is None:
        # the document's own line starts and (in plain text) blocks: the same as
        # parse_structure computes, already cached
        starts = doc._line_starts()
        blocks = doc._blocks() if doc.format == "text" else None
        found = _parse_structure(doc.text, doc.format, starts, blocks)
        cache.structure = found
    assert isinstance(found, Structure)
    return found


def parse_structure(text: str, *, format: str = "text") -> Structure:
    """The structure of ``text`` read as ``"text"`` or ``"markdown"``; never raises."""
    from hetao_facts import documents

    return _parse_structure(text, documents._check_format(format), None, None)


def _parse_structure(
    text: str,
    fmt: str,
    starts: list[int] | None,
    blocks: list[tuple[int, int]] | None,
) -> Structure:
    """`parse_structure`, given the text's line starts and plain-text blocks if known."""
    lines = _Lines(text, starts)
    if fmt == "markdown":
        paragraphs, lists, tables = _markdown(text, lines)
    else:
        paragraphs, lists, tables = _plain(text, lines, blocks)
    paragraphs = sorted(set(paragraphs))
    return Structure(
        paragraphs=tuple(_trusted_span(s, e) for s, e in paragraphs),
        lists=tuple(lists),
        tables=tuple(tables),
        _starts=tuple(s for s, _ in paragraphs),
        _ends=tuple(e for _, e in paragraphs),
    )


# --------------------------------------------------------------------------------------------
# Lines


class _Lines:
    """Line starts and content ends of a text (lines end at \\r\\n, \\r or \\n)."""

    __slots__ = ("ends", "n", "starts", "text")

    def __init__(self, text: str, starts: list[int] | None = None) -> None:
        self.text = text
        if "\r" not in text:  # "\n" ends every line: its line starts give the ends
            if starts is None:
                from hetao_facts.documents import _line_starts

                starts = _line_starts(text)
            self.starts = starts
            self.ends = [s - 1 for s in self.starts[1:]]
        else:
            self.starts = [0]
            self.ends = []
            for m in re.finditer(r"\r\n|\r|\n", text):
                self.ends.append(m.start())
                self.starts.append(m.end())
        self.ends.append(len(text))
        self.n = len(self.starts)

    def raw(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def blank(self, i: int) -> bool:
        return not self.raw(i).strip()

    def trimmed(self, i: int) -> tuple[int, int]:
        """(start, end) of line ``i`` without surrounding whitespace (empty when blank)."""
        raw = self.raw(i)
        s = self.starts[i] + len(raw) - len(raw.lstrip())
        return s, max(s, self.starts[i] + len(raw.rstrip()))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


#: ``Span(start=s, end=e)`` for offsets computed here (ints): the same record, 4x faster
_trusted_span = trusted_maker(Span, ("start", "end"))


def _span(pair: tuple[int, int]) -> Span:
    return _trusted_span(pair[0], pair[1])


def _intro(text: str, para: tuple[int, int] | None) -> Span | None:
    """The last sentence of ``para`` (the paragraph just before a list)."""
    if para is None:
        return None
    from hetao_facts.documents import _split_blocks

    sentences = _split_blocks(text, [para])
    return _span(sentences[-1]) if sentences else None


# --------------------------------------------------------------------------------------------
# Markdown

_MD_PREFIX = _rx.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*")
_MD_MARKER = _rx.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|(?=[\r\n]|$))")
_PARSER: object | None = None


def _md_parser() -> object:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark").enable("table")
    return _PARSER


def _blank_front_matter(text: str) -> str:
    from hetao_facts.documents import _front_matter

    fm = _front_matter(text)
    if fm is None:
        return text
    end = fm[0]
    head = re.sub(r"[^\r\n]", " ", text[:end])
    return head + text[end:]


def _content(lines: _Lines, first: int, last: int, start: int) -> tuple[int, int] | None:
    """Trimmed span from ``start`` (on line ``first``) to the end of line ``last - 1``."""
    while last > first and lines.blank(last - 1):
        last -= 1
    if last <= first:
        return None
    return _trim(lines.text, start, lines.ends[last - 1])


def _markdown(
    text: str, lines: _Lines
) -> tuple[list[tuple[int, int]], list[ListBlock], list[Table]]:
    from markdown_it import MarkdownIt

    parser = _md_parser()
    assert isinstance(parser, MarkdownIt)
    try:
        tokens = parser.parse(_blank_front_matter(text))
    except Exception:  # untrusted input: a parser failure means "no structure"
        return [], [], []
    paragraphs: list[tuple[int, int]] = []
    lists: list[ListBlock] = []
    tables: list[Table] = []
    # Open lists: [ordered, items, intro paragraph, first line]; list-item depth.
    stack: list[tuple[bool, list[Span], tuple[int, int] | None]] = []
    item_lines: list[tuple[int, int]] = []  # open items' (first line, end line)
    last_para: tuple[int, int] | None = None
    last_para_line = -1
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open") and tok.map:
            intro = last_para if last_para_line == tok.map[0] else None
            if item_lines:  # a nested list ends its parent item's own content
                first, end = item_lines[-1]
                item_lines[-1] = (first, min(end, tok.map[0]))
            stack.append((kind == "ordered_list_open", [], intro))
        elif kind in ("bullet_list_close", "ordered_list_close") and stack:
            ordered, items, intro = stack.pop()
            if items:
                lists.append(
                    ListBlock(intro=_intro(text, intro), items=tuple(items), ordered=ordered)
                )
        elif kind == "list_item_open" and tok.map:
            item_lines.append((tok.map[0], tok.map[1]))
        elif kind == "list_item_close" and item_lines:
            first, end = item_lines.pop()
            if first < lines.n:
                m = _MD_MARKER.match(text, lines.starts[first], lines.ends[first])
                start = m.end() if m else lines.trimmed(first)[0]
                got = _content(lines, first, min(end, lines.n), start)
                if got is not None and stack:
                    stack[-1][1].append(_span(got))
        elif kind == "paragraph_open" and tok.map:
            first, end = tok.map
            if first >= lines.n:
                continue
            m = _MD_PREFIX.match(text, lines.starts[first], lines.ends[first])
            start = m.end() if m else lines.starts[first]
            got = _content(lines, first, min(end, lines.n), start)
            if got is None or item_lines:
                continue
            aligned = _aligned_table(text, lines, first, min(end, lines.n), _caption(lines, first))
            if aligned is not None:
                tables.append(aligned)
                continue
            paragraphs.append(got)
            last_para, last_para_line = got, _next_content_line(lines, end)
        elif kind == "table_open" and tok.map:
            table = _pipe_table(text, lines, tok.map[0], min(tok.map[1], lines.n))
            if table is not None:
                tables.append(table)
        del i
    return paragraphs, lists, tables


def _next_content_line(lines: _Lines, i: int) -> int:
    while i < lines.n and lines.blank(i):
        i += 1
    return i


def _caption(lines: _Lines, first: int) -> tuple[int, int] | None:
    """The non-blank line right before line ``first`` (one blank line allowed between)."""
    i = first - 1
    if i >= 0 and lines.blank(i):
        i -= 1
    if i < 0 or lines.blank(i):
        return None
    return lines.trimmed(i)


def _pipe_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cells of one pipe-table line, trimmed (empty cells kept as empty spans)."""
    m = _MD_PREFIX.match(text, start, end)
    pos = m.end() if m else start
    cuts: list[int] = []
    i = pos
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "|":
            cuts.append(i)
        i += 1
    bounds = [pos - 1, *cuts, end]
    cells: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        got = _trim(text, a + 1, b)
        cells.append(got if got is not None else (a + 1, a + 1))
    if (
        cells
        and cuts
        and cuts[0] == _first_non_space(text, pos, end)
        and cells[0][0] == cells[0][1]
    ):
        cells.pop(0)
    if cells and cuts and _trim(text, cuts[-1] + 1, end) is None:
        cells.pop()
    return cells


def _first_non_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in " \t":
        start += 1
    return start


def _pipe_table(text: str, lines: _Lines, first: int, end: int) -> Table | None:
    if end - first < 2:
        return None
    header = [c for c in _pipe_cells(text, lines.starts[first], lines.ends[first]) if c[1] > c[0]]
    rows: list[TableRow] = []
    for i in range(first + 2, end):
        if lines.blank(i):
            continue
        cells = _pipe_cells(text, lines.starts[i], lines.ends[i])
        row = _row(text, lines.trimmed(i), cells)
        if row is not None:
            rows.append(row)
    span = _trim(text, lines.starts[first], lines.ends[end - 1])
    if span is None:
        return None
    caption = _caption(lines, first)
    unit, scale = _unit_of(text, header, caption)
    return Table(
        span=_span(span),
        header=tuple(_span(c) for c in header),
        rows=tuple(rows),
        unit=unit,
        scale=scale,
        columns=_columns(text, header, caption, rows),
        caption=_span(caption) if caption else None,
    )


_TOTAL_LABEL = _rx.compile(r"[*_\s]*(?:grand\s+)?(?:total|all\b|sum\b)", re.I)


def _row(text: str, span: tuple[int, int], cells: list[tuple[int, int]]) -> TableRow | None:
    if not cells or cells[0][1] <= cells[0][0] or span[1] <= span[0]:
        return None
    label = cells[0]
    return TableRow(
        span=_span(span),
        label=_span(label),
        cells=tuple(_span(c) for c in cells[1:] if c[1] > c[0]),
        is_total=_TOTAL_LABEL.match(text, label[0], label[1]) is not None,
    )


# --------------------------------------------------------------------------------------------
# Aligned (plain) tables

_COLUMN_GAP = _rx.compile(r"[ \u00a0]{2,}|\t+")
_NUMBER_CELL = _rx.compile(r"[(\-–−+]?[$€£¥₹]?\s?\d[\d,.\s]*(?:%|\))?")
_RULE_LINE = _rx.compile(r"[ \t]*[-=_—–+|: ]{3,}[ \t]*")


def _gap_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    span = _trim(text, start, end)
    if span is None:
        return []
    s, e = span
    cells: list[tuple[int, int]] = []
    pos = s
    for m in _COLUMN_GAP.finditer(text, s, e):
        cells.append((pos, m.start()))
        pos = m.end()
    cells.append((pos, e))
    return [c for c in cells if c[1] > c[0]]


#: a column header that is a year or a period: "2023", "2019-20", "FY2024", "Q3 2011"
_YEAR_CELL = _rx.compile(
    r"(?i:(?:FY|CY)?\s?(?:18|19|20)\d\d(?:\s?[-–/]\s?(?:\d\d){1,2})?[a-z]?"
    r"|Q[1-4]\s?(?:18|19|20)\d\d|H[12]\s?(?:18|19|20)\d\d)"
)


def _year_header(
    text: str, cells: list[tuple[int, int]], below: list[list[tuple[int, int]]]
) -> bool:
    """Are ``cells`` years or periods heading columns whose cells below are not years?"""
    if not cells or not all(_YEAR_CELL.fullmatch(text, a, b) for a, b in cells):
        return False
    body = [c for row in below for c in row[1:]]
    return bool(body) and not all(_YEAR_CELL.fullmatch(text, a, b) for a, b in body)


def _numeric(text: str, cell: tuple[int, int]) -> bool:
    return _NUMBER_CELL.fullmatch(text, cell[0], cell[1]) is not None


def _aligned_table(
    text: str,
    lines: _Lines,
    first: int,
    end: int,
    caption: tuple[int, int] | None,
) -> Table | None:
    """An aligned table filling lines ``first..end-1`` (blank lines allowed), or None."""
    rows: list[tuple[int, list[tuple[int, int]]]] = []
    for i in range(first, end):
        if lines.blank(i) or _RULE_LINE.fullmatch(lines.raw(i)):
            continue
        rows.append((i, _gap_cells(text, lines.starts[i], lines.ends[i])))
    if len(rows) < 2:
        return None
    width = max(len(c) for _, c in rows)
    if width < 2:
        return None
    header_cells: list[tuple[int, int]] = []
    body = rows
    head_i, head = rows[0]
    if (
        not any(_numeric(text, c) for c in head[1:])
        or len(head) == width - 1
        or _year_header(text, head[1:], [c for _, c in rows[1:]])
    ):
        header_cells = head
        body = rows[1:]
    if len(body) < 2 and not header_cells:
        return None
    if not body or any(len(c) != width for _, c in body):
        return None
    if header_cells and len(header_cells) not in (width, width - 1):
        return None
    if sum(1 for _, c in body if any(_numeric(text, x) for x in c[1:])) < max(1, len(body) // 2):
        return None
    if any(_numeric(text, c[0]) and not any(_numeric(text, x) for x in c[1:]) for _, c in body):
        return None
    table_rows = [r for i, c in body if (r := _row(text, lines.trimmed(i), c)) is not None]
    span = _trim(text, lines.starts[rows[0][0]], lines.ends[rows[-1][0]])
    if span is None or not table_rows:
        return None
    del head_i
    unit, scale = _unit_of(text, header_cells, caption)
    return Table(
        span=_span(span),
        header=tuple(_span(c) for c in header_cells),
        rows=tuple(table_rows),
        unit=unit,
        scale=scale,
        columns=_columns(text, header_cells, caption, table_rows),
        caption=_span(caption) if caption else None,
    )


# --------------------------------------------------------------------------------------------
# Plain text

_BULLET = "-*•–—·▪◦‣+"
_PLAIN_MARKER = _rx.compile(
    r"[ \t]*(?:(?P<b>[-*•–—·▪◦‣+])|(?P<n>\d{1,3})[.)]|\(?(?P<r>[ivx]{1,5})[.)]"
    r"|\(?(?P<a>[a-z])[.)]|\((?P<pn>\d{1,3})\))[ \t]+(?=\S)"
)


def list_marker(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(family, content start) of a list-item marker at the start of a line, or None.

    The family is "bullet", "number", "letter" or "roman"; the content starts after the
    marker and its spaces.
    """
    m = _PLAIN_MARKER.match(text, start, end)
    if m is None:
        return None
    if m.group("b") is not None:
        family = "bullet"
    elif m.group("n") is not None or m.group("pn") is not None:
        family = "number"
    elif m.group("r") is not None and (m.group("r") != "i" or text[m.end() :][:1] != ""):
        family = "roman"
    else:
        family = "letter"
    return family, m.end()


def _plain(
    text: str, lines: _Lines, blocks: list[tuple[int, int]] | None = None
) -> tuple[list[tuple[int, int]], list[ListBlock], list[Table]]:
    from hetao_facts.documents import _blocks

    if blocks is None:
        blocks = _blocks(text, lines.starts, "text")
    tables: list[Table] = []
    in_table: list[tuple[int, int]] = []
    # Tables first: runs of lines inside one blank-line group.
    blank = [not text[a:b].strip() for a, b in zip(lines.starts, lines.ends, strict=True)]
    i, n = 0, lines.n
    while i < n:
        if blank[i]:
            i += 1
            continue
        j = i
        while j < n and not blank[j]:
            j += 1
        # (a group of one line holds no aligned table: `_aligned_in_group` would try none)
        table = _aligned_in_group(text, lines, i, j) if j - i > 1 else None
        if table is not None:
            tables.append(table)
            in_table.append((table.span.start, table.span.end))
        i = j
    for table in _linear_tables(text, blocks):
        tables.append(table)
        in_table.append((table.span.start, table.span.end))
    paragraphs: list[tuple[int, int]] = []
    lists: list[ListBlock] = []
    items: list[Span] = []
    family = ""
    intro: tuple[int, int] | None = None
    last_para: tuple[int, int] | None = None
    last_end = -1

    def close() -> None:
        nonlocal items, family
        if items:
            lists.append(
                ListBlock(intro=_intro(text, intro), items=tuple(items), ordered=family != "bullet")
            )
        items, family = [], ""

    for s, e in blocks:
        if any(a <= s < b for a, b in in_table):
            close()
            last_para = None
            continue
        gap = text[last_end:s] if last_end >= 0 else ""
        marker = list_marker(text, s, e)
        if marker is not None:
            fam, content = marker
            if items and (fam != family or gap.count("\n") + gap.count("\r") > 2):
                close()
            if not items:
                family = fam
                intro = (
                    last_para
                    if last_para is not None and _adjacent(text, last_para[1], s)
                    else None
                )
            got = _trim(text, content, e)
            if got is not None:
                items.append(_span(got))
            last_end = e
            continue
        close()
        paragraphs.append((s, e))
        last_para, last_end = (s, e), e
    close()
    return paragraphs, lists, tables


_CELL_MAX = 80
_CAPTION = _rx.compile(r"(?i:^(?:table|exhibit|figure)\s+\w{1,6}\b|\btable\b)")
# a line holding only a cell separator, as pasted HTML tables put between their cells
_SEPARATOR_CELL = _rx.compile(r"[|│¦┃]+")


def _linear_tables(text: str, blocks: list[tuple[int, int]]) -> list[Table]:
    """Tables flattened to one cell per paragraph, as web pages often paste them.

    A run of short one-line blocks where a label is followed by the same number ``k >= 1``
    of numeric cells at least three times in a row; up to four short non-numeric blocks
    before the first label are the header, and the block before them is the caption when it
    starts with "Table", "Exhibit" or "Figure".
    """

    def short(b: tuple[int, int]) -> bool:
        seg = text[b[0] : b[1]]
        return len(seg) <= _CELL_MAX and "\n" not in seg and "\r" not in seg

    blocks = [b for b in blocks if _SEPARATOR_CELL.fullmatch(text, b[0], b[1]) is None]
    tables: list[Table] = []
    n = len(blocks)
    i = 0
    while i < n:
        if not short(blocks[i]) or _numeric(text, blocks[i]):
            i += 1
            continue
        k = 0
        while i + 1 + k < n and short(blocks[i + 1 + k]) and _numeric(text, blocks[i + 1 + k]):
            k += 1
        if k == 0:
            i += 1
            continue
        rows: list[TableRow] = []
        j = i
        while j + k < n and all(short(blocks[x]) for x in range(j, j + k + 1)):
            label, cells = blocks[j], blocks[j + 1 : j + k + 1]
            if _numeric(text, label) or not all(_numeric(text, c) for c in cells):
                break
            if j + k + 1 < n and short(blocks[j + k + 1]) and _numeric(text, blocks[j + k + 1]):
                break  # a row with more cells than the others: not this table
            rows.append(
                TableRow(
                    span=Span(start=label[0], end=cells[-1][1]),
                    label=_span(label),
                    cells=tuple(_span(c) for c in cells),
                    is_total=_TOTAL_LABEL.match(text, label[0], label[1]) is not None,
                )
            )
            j += k + 1
        if len(rows) >= 4 and _year_header(
            text,
            [(c.start, c.end) for c in rows[0].cells],
            [
                [(r.label.start, r.label.end), *((c.start, c.end) for c in r.cells)]
                for r in rows[1:]
            ],
        ):
            rows = rows[1:]
            i = _block_index(blocks, rows[0].label.start)
        if len(rows) < 3:
            i += 1
            continue
        h = i
        most = min(10, max(4, 2 * k + 2))
        while (
            h > 0
            and i - h < most
            and short(blocks[h - 1])
            and (
                not _numeric(text, blocks[h - 1])
                or _YEAR_CELL.fullmatch(text, blocks[h - 1][0], blocks[h - 1][1]) is not None
            )
        ):
            h -= 1
        header = blocks[h:i]
        caption = None
        at = next(
            (x for x, b in enumerate(header) if _CAPTION.search(text, b[0], b[1]) is not None),
            None,
        )
        if at is not None:
            caption, header = header[at], header[at + 1 :]
            h += at + 1
        elif h > 0 and _CAPTION.search(text, blocks[h - 1][0], blocks[h - 1][1]):
            caption = blocks[h - 1]
        unit, scale = _unit_of(text, list(header), caption)
        tables.append(
            Table(
                span=Span(start=blocks[h][0], end=rows[-1].span.end),
                header=tuple(_span(b) for b in header),
                rows=tuple(rows),
                unit=unit,
                scale=scale,
                columns=_columns(text, list(header), caption, rows),
                caption=_span(caption) if caption else None,
            )
        )
        i = j
    return tables


def _block_index(blocks: list[tuple[int, int]], start: int) -> int:
    """Index of the block starting at ``start``."""
    return bisect.bisect_left(blocks, (start, -1))


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only whitespace, with at most one blank line, between ``end`` and ``start``."""
    gap = text[end:start]
    return not gap.strip() and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 2


def _aligned_in_group(text: str, lines: _Lines, first: int, end: int) -> Table | None:
    """The aligned table in a blank-line group of lines, leading caption lines allowed."""
    for start in range(first, min(end - 1, first + 3)):
        if len(_gap_cells(text, lines.starts[start], lines.ends[start])) < 2:
            continue
        caption = lines.trimmed(start - 1) if start > first else _caption(lines, first)
        return _aligned_table(text, lines, start, end, caption)
    return None


# --------------------------------------------------------------------------------------------
# Units and scales of a table

_SCALE_WORDS: dict[str, Decimal] = {
    "thousand": Decimal("1e3"),
    "thousands": Decimal("1e3"),
    "'000": Decimal("1e3"),
    "’000": Decimal("1e3"),
    "000s": Decimal("1e3"),
    "000": Decimal("1e3"),
    "k": Decimal("1e3"),
    "m": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "mln": Decimal("1e6"),
    "million": Decimal("1e6"),
    "millions": Decimal("1e6"),
    "bn": Decimal("1e9"),
    "b": Decimal("1e9"),
    "billion": Decimal("1e9"),
    "billions": Decimal("1e9"),
    "tn": Decimal("1e12"),
    "trillion": Decimal("1e12"),
    "lakh": Decimal("1e5"),
    "lakhs": Decimal("1e5"),
    "crore": Decimal("1e7"),
    "crores": Decimal("1e7"),
    "100 million": Decimal("1e8"),
    "hundred million": Decimal("1e8"),
    "10,000": Decimal("1e4"),
    "ten thousand": Decimal("1e4"),
    "10 thousand": Decimal("1e4"),
}
_SCALE = (
    r"(?:100\s+million|hundred\s+million|ten\s+thousand|10\s+thousand|10,000|thousands?"
    r"|millions?|billions?|trillion|lakhs?|crores?|mn|mln|bn|tn|['’]000|000s|k|m|b)"
)
_CURRENCY = (
    r"(?:US\$|USD|A\$|AU\$|AUD|NZ\$|NZD|HK\$|HKD|C\$|CAD|S\$|SGD|NT\$|\$|€|EUR|£|GBP|¥|JPY"
    r"|RMB|CNY|yuan|renminbi|Rs\.?|₹|INR|rupees?|dollars?|euros?|pounds?)"
)
# "($m)", "(US$ million)", "(100 million yuan)", "(RMB 100 million)", "($'000)",
# "(in billions of dollars)", "(€bn)".
_MONEY_UNIT = _rx.compile(
    rf"(?i:\(\s*(?:in\s+)?(?:(?P<c1>{_CURRENCY})\s*(?P<s1>{_SCALE})?"
    rf"|(?P<s2>{_SCALE})\s*(?:of\s+)?(?P<c2>{_CURRENCY}))\s*\))"
)
_SCALE_ONLY = _rx.compile(rf"(?i:\(\s*(?:in\s+)?(?P<s>{_SCALE})\s*\))")
_PERCENT_UNIT = _rx.compile(r"(?i:\(\s*(?:in\s+)?(?:%|per\s?cent|percent)\s*\)|%\s*of\b|\bshare\b)")
_IN_UNIT = _rx.compile(
    r"(?i:\((?:in\s+)?(?P<u>[^()\d]{1,30})\)|\bin\s+(?P<v>[^\s,;()]{1,20}(?:\s+[a-z]{2,20})?))"
)
_BARE_MONEY_UNIT = _rx.compile(
    rf"(?P<c>US\$|A\$|AU\$|NZ\$|HK\$|C\$|S\$|\$|€|£|¥|RMB|Rs\.?|₹)\s?(?P<s>{_SCALE})(?![\w$])"
)


def _columns(
    text: str,
    header: list[tuple[int, int]],
    caption: tuple[int, int] | None,
    rows: list[TableRow],
) -> tuple[Column, ...]:
    """Unit, scale and own header of each value column.

    Header cells map onto columns in three ways, tried in order: one cell per value column
    (a first extra cell heads the label column); header cells that name units, each over an
    equal run of columns ("Total (100 million yuan)" over two columns, "Composition (%)"
    over the next two), with the cells that name no unit as the columns' own headers; or,
    when neither fits, the one unit the header and caption name, for every column.
    """
    k = max((len(r.cells) for r in rows), default=0)
    if k == 0:
        return ()
    named = [(c, table_unit(text[c[0] : c[1]])) for c in header]
    units: list[tuple[str, Decimal] | None] = [None] * k
    labels: list[tuple[int, int] | None] = [None] * k
    if len(header) >= k:
        own = named[len(header) - k :]
        for x, (cell, unit) in enumerate(own):
            labels[x] = cell
            if len(header) <= k + 1:
                units[x] = unit
    with_unit = [u for _, u in named if u is not None]
    plain = [c for c, u in named if u is None]
    if not any(units) and len(with_unit) > 1 and k % len(with_unit) == 0:
        run = k // len(with_unit)
        units = [with_unit[x // run] for x in range(k)]
        labels = list(plain[-k:]) if len(plain) >= k else [None] * k
    if not any(units):
        found = _unit_of(text, header, caption)
        if found[0] is not None:
            assert found[1] is not None
            units = [(found[0], found[1])] * k
    elif not all(units) and _misaligned(text, units, rows):
        distinct = {u for u in with_unit if u[0] != "%"}
        if caption is not None and (cap := table_unit(text[caption[0] : caption[1]])):
            distinct.add(cap)
        if len(distinct) == 1:
            only = next(iter(distinct))
            units = [u or only for u in units]
    return tuple(
        Column(
            unit=u[0] if u else None,
            scale=u[1] if u else None,
            label=_span(lab) if lab is not None else None,
        )
        for u, lab in zip(units, labels, strict=True)
    )


_BARE_CELL = _rx.compile(r"[(\-−–]?[$€£¥₹]?\s?\d[\d,]*(?:\.\d+)?\)?")


def _misaligned(text: str, units: list[tuple[str, Decimal] | None], rows: list[TableRow]) -> bool:
    """Does a header unit stand over a column whose cells all write their own unit?"""
    for x, unit in enumerate(units):
        if unit is None:
            continue
        cells = [r.cells[x] for r in rows if x < len(r.cells)]
        if cells and not any(_BARE_CELL.fullmatch(text, c.start, c.end) for c in cells):
            return True
    return False


def _unit_of(
    text: str, header: list[tuple[int, int]], caption: tuple[int, int] | None
) -> tuple[str | None, Decimal | None]:
    """The unit and scale named by a table's caption line or its header cells."""
    places = [*header, *([caption] if caption else [])]
    for a, b in places:
        found = table_unit(text[a:b])
        if found is not None:
            return found
    return None, None


def table_unit(label: str) -> tuple[str, Decimal] | None:
    """The unit as written and the scale a header or caption text names, or None.

    >>> table_unit("Spending by function ($m)")
    ('$m', Decimal('1E+6'))
    >>> table_unit("GDP (100 million yuan)")
    ('100 million yuan', Decimal('1E+8'))
    >>> table_unit("Area (km²)")
    ('km²', Decimal('1'))
    """
    m = _MONEY_UNIT.search(label)
    if m is not None:
        written = " ".join(m.group(0)[1:-1].split())
        written = re.sub(r"(?i)^in\s+", "", written)
        scale_word = m.group("s1") or m.group("s2")
        scale = (
            _SCALE_WORDS.get(" ".join(scale_word.lower().split()), Decimal(1))
            if scale_word
            else Decimal(1)
        )
        return written, scale
    m1 = _BARE_MONEY_UNIT.match(label.strip())
    if m1 is not None:
        return m1.group(0), _SCALE_WORDS.get(" ".join(m1.group("s").lower().split()), Decimal(1))
    m2 = _SCALE_ONLY.search(label)
    if m2 is not None and m2.group("s").lower() not in ("m", "b", "k"):
        return m2.group("s"), _SCALE_WORDS.get(" ".join(m2.group("s").lower().split()), Decimal(1))
    if _PERCENT_UNIT.search(label):
        return "%", Decimal(1)
    from hetao_facts.units import match_unit

    for m3 in _IN_UNIT.finditer(label):
        written = (m3.group("u") or m3.group("v") or "").strip()
        written = re.sub(r"(?i)^in\s+", "", written)
        if not written:
            continue
        probe = f"1 {written}"
        got = match_unit(probe, 1)
        if got is not None and got[1] == len(probe.rstrip()):
            return written, Decimal(1)
    return None
