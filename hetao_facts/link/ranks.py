"""Superlatives over a list of named figures.

"The most populous province was Arlen (4,812,330); the least populous, Tovery
(218,904)", where the paragraph gives other named figures of the same kind in the same
way ("Dunmore (... 2,047,118)", "Kestwick (... 960,225)"): the figure called the most (the
largest, the highest...) is at least every peer, the least at most. The peers are the
figures written in brackets after a name in the same paragraph, the last figure of each
bracket; since the text does not say that they are all the peers, the relation is loose
(a contradiction warns). A superlative about a change ("gained the most", "grew the
fastest") ranks the changes, not the figures, and is left alone. An entry labelled in
its brackets as the main or the largest one ("Northmere (main, 212 km²), Eastmere
(east, 40 km²), Westmere (west, 38 km²)") is the largest of the entries ("main" only for
areas: a main campus need not be the largest one).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View, same_measure, tight
from hetao_facts.link.model import Relation, RelationKind, Strength
from hetao_facts.structure import Table, structure_of

__all__ = ["named_ranks", "superlatives"]

_NAMED = _rx.compile(r"\b[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\(([^()]{1,80})\)")
_SUPER = _rx.compile(
    r"\b(?P<w>most|least|largest|smallest|biggest|highest|lowest|greatest|fewest|"
    r"longest|shortest|tallest)\b(?P<rest>[^.;()]{0,60})$",
    re.I,
)
#: a label inside the brackets, before the figure: "(main, 212 km²)", "(the largest: 9 km)"
_LABEL = _rx.compile(
    r"\s*(?:the\s+)?(?P<w>main|principal|largest|biggest)\b\s*[,:;]?\s*(?:part|section|basin)?"
    r"\s*[,:;]?\s*$",
    re.I,
)
_MAIN = frozenset({"main", "principal"})  # the largest only for an area
_AREAS = frozenset({"area"})
_MOST = frozenset({"most", "largest", "biggest", "highest", "greatest", "longest", "tallest"})
_CHANGE = _rx.compile(
    r"\b(?:gain|grew|grow|increase|rise|rose|fell|fall|drop|decline|numerically|percentage|"
    r"fastest|slowest|change|growth)",
    re.I,
)


def superlatives(view: View) -> Iterator[Relation]:
    text = view.text
    for para in view.doc.paragraphs:
        if text.count("(", para.start, para.end) < 3:
            continue  # each entry has a bracket of its own, and three are needed
        entries: list[tuple[int, Claim]] = []  # (where the name starts, its figure)
        for m in _NAMED.finditer(text, para.start, para.end):
            inside = [
                c
                for c in view.between(m.start(1), m.end(1))
                if c.end <= m.end(1) and tight(c) is not None and c.kind != "percent"
            ]
            if inside:
                entries.append((m.start(), inside[-1]))
        if len(entries) < 3:
            continue
        for i, (start, top) in enumerate(entries):
            label = _LABEL.match(text, text.find("(", start, top.start) + 1, top.start)
            if label and (top.kind in _AREAS or label.group("w").lower() not in _MAIN):
                # "Northmere (main, 212 km²), Eastmere (east, 40 km²), ...": the entry
                # labelled the main (or the largest) one is the largest of the entries
                peers = [c for j, (_s, c) in enumerate(entries) if j != i and same_measure(c, top)]
                if len(peers) >= 2:
                    yield Relation.make(
                        RelationKind.RANK,
                        view.doc.id,
                        [("top", top.id), *(("peer", c.id) for c in peers)],
                        Strength.STATED,
                        Span(start=start, end=top.end),
                        cue=label.group("w"),
                        note="most",
                        confident=False,
                    )
                continue
            prev_end = entries[i - 1][1].end if i else top.sentence.start
            lead = text[max(prev_end, top.sentence.start) : start]
            sm = _SUPER.search(lead)
            clause = lead[max(0, sm.start() - 40) :] if sm else ""
            if not sm or _CHANGE.search(clause):
                continue  # "the province that gained the most": a rank of changes
            peers = [c for j, (_s, c) in enumerate(entries) if j != i and same_measure(c, top)]
            if len(peers) < 2:
                continue
            word = sm.group("w").lower()
            yield Relation.make(
                RelationKind.RANK,
                view.doc.id,
                [("top", top.id), *(("peer", c.id) for c in peers)],
                Strength.STATED,
                Span(start=start, end=top.end),
                cue=sm.group().strip(),
                note="most" if word in _MOST else "least",
                confident=False,
            )


# ---- a superlative naming its top among named figures written any way ----------------------
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|la|le|am|upon|on|of))*?"
_NAMES = rf"(?P<names>{_NAME}(?:(?:\s*,\s*|\s*,?\s+and\s+){_NAME})*)"
_WORD = r"(?P<w>largest|biggest|smallest|longest|shortest|highest|lowest|tallest|greatest)"
#: the words of `_WORD`: every match of `_ANY_WORD` holds one
_WORDS = tuple(_WORD.removeprefix("(?P<w>").removesuffix(")").split("|"))
_ANY_WORD = _rx.compile(r"\b[Tt]he\s+(?:(?:two|three)\s+)?" + _WORD.replace("?P<w>", "?:"))
_K = r"(?:(?P<k>two|three)\s+)?"
_BE = r"(?:is|was|are|were|remains?|remained|stays?|stayed)\s+(?:still\s+)?"
#: "Arden is the largest (of the three)", "Arden and Carrow are the two largest"
_NAME_IS = _rx.compile(
    rf"\b(?:[Tt]he\s+)?{_NAMES}\s+{_BE}the\s+{_K}{_WORD}\b(?P<rest>[^.;]{{0,60}})"
)
#: "the largest is Arden", "the biggest sections remain Arden and Carrow"
_IS_NAME = _rx.compile(
    rf"\b[Tt]he\s+{_K}{_WORD}(?P<rest>(?:\s+[a-z][\w-]*){{0,3}}?)\s+{_BE}(?:the\s+)?{_NAMES}"
    r"(?=\s*[,.;)]|\s*$)"
)
#: words that open a clause without naming anything ("Together 46 stations", "In 2020")
_NOT_NAMES = frozenset(
    {"the", "this", "that", "these", "those", "it", "its", "their", "our", "a", "an", "in"}
    | {"on", "at", "by", "for", "of", "from", "to", "together", "about", "some", "nearly"}
    | {"around", "over", "only", "each", "both", "all", "total", "there", "here", "while"}
    | {"and", "but", "with", "after", "before", "since", "until", "during", "between"}
    | {"among"}
)
#: a named figure: "Arden covers 412 km²", ", Bellmoor 98 km²", "; Carrow has about 512",
#: "Dallow (360 km²)"
_ENTRY = _rx.compile(
    rf"(?:^|[,;:]\s*|\s+and\s+|\s+while\s+|\s+whereas\s+)(?:[Tt]he\s+)?(?P<name>{_NAME})"
    r"(?:\s+(?:covers?|covered|has|had|have|is|was|spans?|spanned|measures?|measured|holds?|"
    r"held|counts?|counted|totals?|totalled|totaled|employs?|employed|reached|stands?\s+at|"
    r"runs?(?:\s+for)?|ran(?:\s+for)?|extends?(?:\s+for)?|with|at)\s+|\s*[:–—(-]\s*|\s+)"
    r"(?:(?:about|around|some|nearly|approximately|roughly|almost|over|just\s+over)\s+)?$"
)
#: "of the three": the superlative ranks exactly that many (the list, if it has as many)
_SCOPED = _rx.compile(
    r"^\s*(?:[a-z][\w-]*\s+){0,2}?(?:of|among)\s+the\s+"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
    re.I,
)
_SCOPE_N = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_SCOPE_N |= {"nine": 9, "ten": 10}
_KINDS_OF = {"longest": "length", "shortest": "length", "tallest": "length"}
_LEAST = frozenset({"smallest", "shortest", "lowest"})


def named_ranks(view: View) -> Iterator[Relation]:
    """A superlative that names its top ("Arden is the largest of the three", "the
    biggest sections remain Arden and Carrow") against the figures its paragraph, or the
    table just before it, gives for other names: the top is at least (at most) each peer.
    Stated, but the peers are found by their form: confident only when the cue scopes the
    superlative to as many as the list holds ("of the three" over three names) or a
    table's header names what it ranks ("the largest sections" over a "Section" column)."""
    text = view.text
    tables = structure_of(view.doc).tables
    held = view.holding(_WORDS, paragraphs=True)
    for no, para in enumerate(view.doc.paragraphs):
        if no not in held:
            continue  # no superlative word: `_ANY_WORD` cannot match
        body = text[para.start : para.end]
        if not _ANY_WORD.search(body):
            continue  # the name patterns run only where a superlative stands
        hits = [*_NAME_IS.finditer(body), *_IS_NAME.finditer(body)]
        if not hits:
            continue
        prose = _prose_entries(view, para)
        table = _table_before(view, tables, para)
        for m in hits:
            clause = body[max(0, m.start() - 60) : m.end()]
            if _CHANGE.search(clause) or re.search(r"\b(?:second|third|one\s+of)\b", clause):
                continue
            names = _split_names(m.group("names"))
            k = m.group("k")
            if not names or (k and {"two": 2, "three": 3}[k] != len(names)):
                continue
            if len(names) > 1 and not k and m.re is _NAME_IS:
                continue  # "A and B are the largest": each the largest? a pair is "two largest"
            at = para.start + m.start()
            found = _rank(view, m, names, prose, "", at)
            if not found and table is not None:
                columns, header = table
                ranked = [r for r in (_rank(view, m, names, e, header, at) for e in columns) if r]
                if len(ranked) == 1:  # "the largest" over an area and a population column:
                    found = ranked[0]  # which one is ranked? neither
            yield from found


def _split_names(names: str) -> list[str]:
    split = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names)
    out = [re.sub(r"^[Tt]he\s+", "", n.strip().rstrip(".")) for n in split if n.strip()]
    if any(n.split()[0].lower() in _NOT_NAMES for n in out):
        return []
    return out


def _prose_entries(view: View, para: Span) -> list[tuple[str, Claim]]:
    text = view.text
    out: list[tuple[str, Claim]] = []
    for c in view.between(para.start, para.end):
        if tight(c) is None or c.kind == "percent":
            continue
        lead = text[max(c.sentence.start, c.start - 80) : c.start]
        if c.start - 80 < c.sentence.start:
            lead = "\n" + lead  # the sentence start is a clause start
        m = _ENTRY.search(lead.replace("\n", ", ", 1) if lead.startswith("\n") else lead)
        if m is None:
            continue
        name = m.group("name").strip()
        if name.split()[0].lower() in _NOT_NAMES:
            continue
        out.append((name, c))
    return out


def _table_before(
    view: View, tables: Sequence[Table], para: Span
) -> tuple[list[list[tuple[str, Claim]]], str] | None:
    """The named figures of each value column of the table that ends right before `para`
    (or starts right after it), with its header's words."""
    text = view.text
    for t in tables:
        if not (0 <= para.start - t.span.end <= 3 or 0 <= t.span.start - para.end <= 3):
            continue
        width = max((len(r.cells) for r in t.rows), default=0)
        columns: list[list[tuple[str, Claim]]] = [[] for _ in range(width)]
        for row in t.rows:
            if row.is_total:
                continue
            for k, cell in enumerate(row.cells):
                found = [c for c in view.between(cell.start, cell.end) if tight(c) is not None]
                if len(found) == 1 and found[0].kind != "percent":
                    label = text[row.label.start : row.label.end].strip()
                    columns[k].append((label, found[0]))
        # the header only: a caption may be the paragraph before the table
        return columns, " ".join(text[h.start : h.end] for h in t.header).lower()
    return None


def _rank(
    view: View,
    m: re.Match[str],
    names: list[str],
    entries: list[tuple[str, Claim]],
    header: str,
    start: int,
) -> list[Relation]:
    word = m.group("w").lower()
    by_name: dict[str, list[Claim]] = {}
    for name, c in entries:
        by_name.setdefault(name, []).append(c)
    if not all(n in by_name for n in names):
        return []
    tops: list[Claim] = []
    for n in names:
        kinds = [c for c in by_name[n] if _KINDS_OF.get(word, c.kind) == c.kind]
        if len(kinds) != 1:
            return []  # no figure of the kind ranked, or several: which is ranked?
        tops.append(kinds[0])
    peers = [
        cs[0]
        for n, cs in by_name.items()
        if n not in names and len(cs) == 1 and all(same_measure(cs[0], t) for t in tops)
    ]
    if len(peers) < 2 or any(not same_measure(a, b) for a in tops for b in tops):
        return []
    rest = m.group("rest") or ""
    if re.search(r"\b(?:by|in\s+terms\s+of|per)\b", rest, re.I):
        return []  # "the largest by population": ranked by what the list may not give
    noun = re.findall(r"[a-z]{4,}", rest.lower())
    scope = _SCOPED.match(rest)
    n = scope.group("n").lower() if scope else ""
    scoped = _SCOPE_N.get(n) or (int(n) if n.isdigit() else 0)
    # "of the three" over a list of three (a longer list holds figures of other things);
    # or a table whose header names what the superlative ranks
    confident = scoped == len(peers) + len(tops) or bool(
        header and noun and any(w.rstrip("s") in header for w in noun)
    )
    return [
        Relation.make(
            RelationKind.RANK,
            view.doc.id,
            [("top", top.id), *(("peer", c.id) for c in peers)],
            Strength.STATED,
            Span(start=start, end=start + len(m.group())),
            cue=" ".join(m.group().split()).rstrip("."),
            note="least" if word in _LEAST else "most",
            confident=confident,
        )
        for top in tops
    ]
