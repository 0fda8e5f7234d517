"""Relations a table states: column totals, shares in a row, and prose that restates a cell.

A table is a grid of figures whose arrangement says how they relate, so its relations need
no cue words:

* **Column totals.** A row labelled "Total" (or "Grand total", "All", "Sum") is the sum of
  the rows above it, down to the previous total row: a *stated* total/parts relation per
  column. Without such a row, a first or last row whose figure is the sum of the others
  ("Gross domestic product" over its three industries) is an *inferred* one, found by the
  arithmetic only. Rows marked as sub-items ("of which", "including", a leading dash) are
  not parts, and a column that does not add up but holds a subtotal (one row the sum of
  the rows right after it) is not linked at all: its structure is deeper than one level.
* **Shares in a row.** Where a table has a percent column beside a column of amounts
  ("$m" and "% of total"), each row's percent is its amount's share of the total row's
  amount (inferred: a column can hold growth rates too, so the total row must read 100%
  or be blank in the percent column, and a header naming a change is never read as a share).
* **Prose restating a cell.** A figure in the text whose sentence names a row label ("Health
  will get $4.2 billion") restates that row's cell of the same kind; where the
  row has several such cells (two years, a preliminary and a revised figure) the one its
  value agrees with is meant, and none if it agrees with none. A precise figure that agrees
  with exactly one cell and names no label is linked to it too. Both are inferred (proximity
  and arithmetic, not a cue), so a disagreement warns and never fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.intervals import Interval
from hetao_facts.link._view import View, digits_interval, measure, same_measure
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.structure import Table, structure_of

__all__ = ["table_relations"]

_SUB_ROW = _rx.compile(r"(?i)\s*(?:of\s+which|o/w|incl(?:uding|\.)?|thereof|memo|[-–—•·]\s)")
_CHANGE_HEADER = _rx.compile(
    r"(?i)\b(?:change|growth|grew|increase|decrease|decline|rise|fall|y-?o-?y|"
    r"year[- ]on[- ]year|compared|vs\.?|versus|difference)\b|[+±]/?-?"
)
_WORD = _rx.compile(r"[a-z][a-z'’-]*")
_GENERIC = frozenset({"total", "other", "others", "all", "sum", "grand total", "the", "item"})
_MAX_ROWS = 400
_MIN_PRECISE = 3  # significant digits a figure needs to be linked to a cell by value alone

Grid = list[list[Claim | None]]


def table_relations(view: View) -> Iterator[Relation]:
    """Every relation the document's tables state, and prose restating their cells."""
    tables = [t for t in structure_of(view.doc).tables if t.rows and len(t.rows) <= _MAX_ROWS]
    if not tables:
        return
    grids = [_grid(view, t) for t in tables]
    totals: list[dict[int, int]] = []
    for table, grid in zip(tables, grids, strict=True):
        found: dict[int, int] = {}
        for x in range(len(grid[0]) if grid else 0):
            for rel, whole_row in _column_totals(view, table, grid, x):
                found.setdefault(x, whole_row)
                yield rel
        totals.append(found)
        yield from _row_shares(view, table, grid, found)
    yield from _restatements(view, tables, grids)


def _grid(view: View, table: Table) -> Grid:
    """The measure claim of each cell (rows x value columns), None where a cell has none."""
    width = max(len(r.cells) for r in table.rows)
    grid: Grid = []
    for row in table.rows:
        line: list[Claim | None] = []
        for x in range(width):
            claim = None
            if x < len(row.cells):
                cell = row.cells[x]
                got = [c for c in view.between(cell.start, cell.end) if measure(c) is not None]
                if len(got) == 1 and got[0].end <= cell.end:
                    claim = got[0]
            line.append(claim)
        grid.append(line)
    return grid


def _is_sub_row(view: View, table: Table, r: int) -> bool:
    label = table.rows[r].label
    return _SUB_ROW.match(view.text, label.start, label.end) is not None


def _sums_to(parts: Sequence[Claim], whole: Claim) -> bool:
    """Do the parts' intervals, added end to end, overlap the whole's?"""
    total: Interval | None = None
    for p in parts:
        if p.interval is None:
            return False
        total = p.interval if total is None else total + p.interval
    return total is not None and whole.interval is not None and total.overlaps(whole.interval)


def _hierarchical(column: Sequence[Claim]) -> bool:
    """Is one figure of the column the sum of two or more of the figures right after it?"""
    n = len(column)
    for i in range(n - 2):
        run: Interval | None = None
        whole = column[i].interval
        if whole is None or whole.high is None:
            continue
        for j in range(i + 1, min(n, i + 40)):
            iv = column[j].interval
            if iv is None:
                break
            run = iv if run is None else run + iv
            if j > i + 1 and run.overlaps(whole):
                return True
            if run.low is not None and run.low > whole.high:
                break
    return False


def _column_totals(view: View, table: Table, grid: Grid, x: int) -> Iterator[tuple[Relation, int]]:
    """Total/parts relations of column ``x``, each with the row index of its whole."""
    rows = table.rows
    if not _additive(view, table, grid, x):
        return
    start = 0
    stated = False
    for r, row in enumerate(rows):
        if not row.is_total:
            continue
        stated = True
        whole = grid[r][x]
        body = [i for i in range(start, r) if not rows[i].is_total]
        if not body:  # a total heading the rows below it, down to the next total
            nxt = next((i for i in range(r + 1, len(rows)) if rows[i].is_total), len(rows))
            body = list(range(r + 1, nxt))
            start = nxt
        else:
            start = r + 1
        parts = _parts(view, table, grid, x, body)
        if whole is None or parts is None or len(parts) < 2 or not _compatible(whole, parts):
            continue
        if not _sums_to(parts, whole) and _hierarchical(parts):
            continue  # subtotals among the rows: a sum over all of them counts some twice
        label = view.text[row.label.start : row.label.end].strip()
        yield _relation(view, whole, parts, Strength.STATED, label, row.span), r
    if stated or len(rows) < 3:
        return
    # no total row: a first or last row that is the sum of the others
    for r in (0, len(rows) - 1):
        whole = grid[r][x]
        body = [i for i in range(len(rows)) if i != r]
        parts = _parts(view, table, grid, x, body)
        if whole is None or parts is None or len(parts) < 2 or not _compatible(whole, parts):
            continue
        if not _sums_to(parts, whole):
            continue
        yield _relation(view, whole, parts, Strength.INFERRED, None, table.span), r
        return


_ADDITIVE = frozenset({"money", "area", "floor_area", "length", "count", "percent"})
_NOT_SUMMED = _rx.compile(
    r"(?i)\b(?:average|avg|mean|median|per|rate|ratio|index|density|growth|change|yoy|"
    r"per\s?cent\s+change|share\s+change|price|prices|cost\s+per|each)\b"
)


def _additive(view: View, table: Table, grid: Grid, x: int) -> bool:
    """Does column ``x`` hold figures a total row sums? Not averages, rates, densities,
    prices or changes (a total row there is the overall rate, not a sum); percents only
    as a partition, when the total row reads 100%."""
    kind = _column_kind(grid, x)
    if kind not in _ADDITIVE:
        return False
    own = _column_header(view, table, x)
    if _NOT_SUMMED.search(own):
        return False
    if not own and any(_NOT_SUMMED.search(view.text[h.start : h.end]) for h in table.header):
        return False  # a header naming an average somewhere, columns not told apart
    if kind == "percent":
        totals = [grid[r][x] for r, row in enumerate(table.rows) if row.is_total]
        cells = [c for c in totals if c is not None]
        if cells and not all(
            c.interval is not None and c.interval.contains(Decimal(100)) for c in cells
        ):
            return False
    return True


def _parts(view: View, table: Table, grid: Grid, x: int, body: list[int]) -> list[Claim] | None:
    """The column's figures in the body rows (sub-rows left out), None if a cell is missing."""
    out: list[Claim] = []
    for i in body:
        if _is_sub_row(view, table, i):
            continue
        c = grid[i][x]
        if c is None:
            return None
        out.append(c)
    return out


def _compatible(whole: Claim, parts: Sequence[Claim]) -> bool:
    return all(same_measure(whole, p) for p in parts)


def _relation(
    view: View,
    whole: Claim,
    parts: list[Claim],
    strength: Strength,
    cue: str | None,
    span: Span,
) -> Relation:
    return Relation.make(
        RelationKind.TOTAL_PARTS,
        view.doc.id,
        [("whole", whole.id), *(("part", p.id) for p in parts)],
        strength,
        span,
        cue=cue,
        note="table",
    )


def _column_header(view: View, table: Table, x: int) -> str:
    if x < len(table.columns) and table.columns[x].label is not None:
        label = table.columns[x].label
        assert label is not None
        return view.text[label.start : label.end]
    return ""


def _row_shares(view: View, table: Table, grid: Grid, totals: dict[int, int]) -> Iterator[Relation]:
    """Each row's percent as its amount's share of the total row's amount."""
    width = len(grid[0]) if grid else 0
    percent_cols = [x for x in range(width) if _column_kind(grid, x) == "percent"]
    amount_cols = [x for x in range(width) if _column_kind(grid, x) not in (None, "percent")]
    if not percent_cols or not amount_cols:
        return
    header_text = " ".join(view.text[h.start : h.end] for h in table.header)
    for p_col, a_col in _pairs(view, table, percent_cols, amount_cols):
        if _CHANGE_HEADER.search(_column_header(view, table, p_col)):
            continue
        if len(percent_cols) == 1 and _CHANGE_HEADER.search(header_text):
            continue
        t = totals.get(a_col)
        if t is None:
            continue
        whole = grid[t][a_col]
        hundred = grid[t][p_col]
        if whole is None:
            continue
        if hundred is not None and (
            hundred.interval is None or not hundred.interval.contains(Decimal(100))
        ):
            continue
        for r in range(len(grid)):
            part, share = grid[r][a_col], grid[r][p_col]
            if r == t or part is None or share is None or table.rows[r].is_total:
                continue
            if not same_measure(part, whole):
                continue
            yield Relation.make(
                RelationKind.SHARE,
                view.doc.id,
                [("part", part.id), ("whole", whole.id), ("share", share.id)],
                Strength.INFERRED,
                table.rows[r].span,
                note="table",
            )


def _column_kind(grid: Grid, x: int) -> str | None:
    kinds = {c.kind for row in grid if (c := row[x]) is not None}
    return kinds.pop() if len(kinds) == 1 else None


def _pairs(
    view: View, table: Table, percent_cols: list[int], amount_cols: list[int]
) -> list[tuple[int, int]]:
    """Which amount column each percent column is a share of."""
    if len(amount_cols) == 1:
        return [(p, amount_cols[0]) for p in percent_cols]
    by_label: dict[str, int] = {}
    for a in amount_cols:
        key = _column_header(view, table, a).strip().lower()
        if key:
            by_label.setdefault(key, a)
    out = []
    for p in percent_cols:
        key = _column_header(view, table, p).strip().lower()
        if key and key in by_label:
            out.append((p, by_label[key]))
    if not out and len(percent_cols) == len(amount_cols):
        out = list(zip(percent_cols, amount_cols, strict=True))
    return out


# ----------------------------------------------------------------------------------------
# Prose restating a cell


def _label_words(view: View, table: Table, r: int) -> str | None:
    """A row label as a lowercase phrase to look for in prose, or None if too generic."""
    label = table.rows[r].label
    words = _WORD.findall(view.text[label.start : label.end].lower())
    phrase = " ".join(words)
    if len(phrase) < 4 or phrase in _GENERIC or table.rows[r].is_total:
        return None
    return phrase


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _key(phrase: str) -> str:
    return " ".join(_stem(w) for w in _WORD.findall(phrase.lower()))


def _label_index(
    view: View, tables: list[Table]
) -> tuple[re.Pattern[str] | None, dict[str, tuple[int, int]]]:
    """One pattern for every row label (a final "s" optional) and the row each one names;
    a label that heads rows of two tables names neither."""
    rows: dict[str, tuple[int, int] | None] = {}
    for ti, table in enumerate(tables):
        for r in range(len(table.rows)):
            phrase = _label_words(view, table, r)
            if phrase is None:
                continue
            key = _key(phrase)
            rows[key] = (ti, r) if key not in rows else None
    named = {k: v for k, v in rows.items() if v is not None}
    if not named:
        return None, {}
    alts = sorted(
        (r"[\s-]+".join(re.escape(w) + "s?" for w in key.split()) for key in named),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?i)\b(?:" + "|".join(alts) + r")\b"), named


def _restatements(view: View, tables: list[Table], grids: list[Grid]) -> Iterator[Relation]:
    pattern, rows = _label_index(view, tables)
    cells = [
        (c, ti, r)
        for ti, grid in enumerate(grids)
        for r, row in enumerate(grid)
        for c in row
        if c is not None
    ]
    if not cells:
        return
    sentences: dict[int, list[tuple[int, int, int]]] = {}
    for claim in view.claims:
        if measure(claim) is None or view.in_table(claim):
            continue
        sent = claim.sentence
        if sent.start not in sentences:
            found: list[tuple[int, int, int]] = []  # (offset, table, row)
            if pattern is not None:
                for m in pattern.finditer(view.text, sent.start, sent.end):
                    where = rows.get(_key(m.group()))
                    if where is not None:
                        found.append((m.start(), *where))
            sentences[sent.start] = found
        named = _named_row(view, claim, sentences[sent.start])
        if named is not None:
            ti, r = named
            target = _cell_of_row(claim, _comparable_cells(view, tables[ti], grids[ti][r], claim))
            if target is not None:
                label = tables[ti].rows[r].label
                yield _restated(view, claim, target, view.text[label.start : label.end].strip())
            continue
        target = _cell_by_value(claim, cells)
        if target is not None:
            yield _restated(view, claim, target, None)


def _named_row(
    view: View, claim: Claim, found: list[tuple[int, int, int]]
) -> tuple[int, int] | None:
    """The row a prose figure names: the last label before it since the previous figure of
    its kind in the sentence, else the first label after it before the next such figure."""
    if not found:
        return None
    peers = [c for c in view.in_sentence(claim) if c.kind == claim.kind and c.id != claim.id]
    prev_end = max((c.end for c in peers if c.end <= claim.start), default=claim.sentence.start)
    next_start = min((c.start for c in peers if c.start >= claim.end), default=claim.sentence.end)
    before = [(o, ti, r) for o, ti, r in found if prev_end <= o < claim.start]
    if before:
        _, ti, r = before[-1]
        return ti, r
    if prev_end == claim.sentence.start:
        before_any = [(o, ti, r) for o, ti, r in found if o < claim.start]
        if before_any:
            _, ti, r = before_any[-1]
            return ti, r
    after = [(o, ti, r) for o, ti, r in found if claim.end <= o < next_start]
    if after:
        _, ti, r = after[0]
        return ti, r
    return None


_CHANGE_BEFORE = _rx.compile(
    r"(?i)\b(?:up|down|rose|rise|rising|fell|fall|grew|growth|increase[sd]?|decrease[sd]?|"
    r"decline[sd]?|gain(?:ed)?|jump(?:ed)?|drop(?:ped)?|by)\b[^.;]{0,20}$"
)


def _comparable_cells(
    view: View, table: Table, row: list[Claim | None], claim: Claim
) -> list[Claim | None]:
    """The row's cells a prose figure can restate: a percent of change only a column of
    changes, any other percent only a column that is not one."""
    if claim.kind != "percent":
        return row
    lead = view.text[max(claim.sentence.start, claim.start - 40) : claim.start]
    change = _CHANGE_BEFORE.search(lead) is not None
    return [
        c
        if c is None or bool(_CHANGE_HEADER.search(_column_header(view, table, x))) == change
        else None
        for x, c in enumerate(row)
    ]


def _reading(c: Claim) -> Interval | None:
    """How a figure is read against a cell: its own interval, hedge included."""
    return c.interval


def _cell_of_row(claim: Claim, row: list[Claim | None]) -> Claim | None:
    """The cell of a named row that a prose figure restates, or None."""
    same = [c for c in row if c is not None and same_measure(claim, c)]
    if len(same) == 1:
        return same[0]
    mine = _reading(claim)
    if mine is None:
        return None
    agree = [c for c in same if c.interval is not None and c.interval.overlaps(mine)]
    return agree[0] if len(agree) == 1 else None


def _significant(c: Claim) -> int:
    digits = re.sub(r"\D", "", (c.number or "").split("e")[0])
    return len(digits.strip("0")) if digits else 0


def _cell_by_value(claim: Claim, cells: list[tuple[Claim, int, int]]) -> Claim | None:
    """The one cell of the same kind a precise prose figure agrees with, or None."""
    if _significant(claim) < _MIN_PRECISE:
        return None
    mine = digits_interval(claim)
    if mine is None:
        return None
    agree = [
        c
        for c, _, _ in cells
        if same_measure(claim, c) and c.interval is not None and c.interval.overlaps(mine)
    ]
    return agree[0] if len(agree) == 1 else None


def _restated(view: View, claim: Claim, cell: Claim, label: str | None) -> Relation:
    lo, hi = min(claim.start, cell.start), max(claim.end, cell.end)
    return Relation.make(
        RelationKind.RESTATEMENT,
        view.doc.id,
        [("figure", claim.id), ("restated", cell.id)],
        Strength.INFERRED,
        Span(start=lo, end=hi),
        cue=label,
        note="table",
        confident=label is not None,
    )
