"""The name table: what every document says about names, gathered per document and merged.

`names_part(doc)` reads one document and returns what it offers the corpus-wide table
(acronyms it defines, aliases it states, "<place> park" parts, capitalized and lowercase
words, names with a head noun), as a frozen, picklable `NamesPart`: a pure function of the
document. `merge_names(parts)` builds the `EntityIndex` that extraction reads, merging the
parts in document-id order, so the table is the same whatever the order the parts arrive
in and however the corpus was split to compute them (per worker, per machine).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hetao_facts.documents import Document
from hetao_facts.subjects import EntityIndex, find_acronyms

__all__ = ["NamesPart", "merge_names", "names_part"]


@dataclass(frozen=True, slots=True)
class NamesPart:
    """What one document offers the name table, in text order."""

    document: str
    acronyms: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...]
    place_parts: tuple[str, ...]
    proper_words: frozenset[str]
    lower_words: frozenset[str]
    named: tuple[str, ...]


def names_part(doc: Document) -> NamesPart:
    """The names one document offers (pure: reads the document only)."""
    from hetao_facts.extract import core
    from hetao_facts.extract.dates import anchored

    text = doc.text
    places: list[str] = []
    for m in anchored(core._PLACE_PARK_SCAN, core._PARK_ANCHORS, text, 200, end_group="all"):
        place = m.group(2).lower()  # what group 1 of `core._PLACE_PARK` is
        if place not in {"the", "this", "that", "a"}:
            places.append(place)
    # "parks in A and B" starts at its "park": match there (a search would scan 400
    # characters past every other "park" for the next one)
    done, n = 0, len(text)
    for a in core._PARK_ANCHORS[0].finditer(text):
        if a.start() < done:
            continue
        pm = core._PARKS_IN.match(text, a.start(), min(n, a.end() + 400))
        if pm is not None and pm.end() > a.start():
            places.extend(g.lower() for g in pm.groups() if g)
            done = pm.end()
    return NamesPart(
        document=doc.id,
        acronyms=tuple(find_acronyms(text).items()),
        aliases=tuple(
            (m.group(2), m.group(1))
            for m in anchored(core._APPOSITION_ALIAS, core._ALIAS_ANCHORS, text, 200, tail=200)
        ),
        place_parts=tuple(places),
        proper_words=frozenset(core._PROPER_MID.findall(text)),
        lower_words=_lower_words(text, core._LOWER_WORD),
        named=tuple(m.group(0) for m in core._NAMED_HEAD_SCAN.finditer(text)),
    )


def _lower_words(text: str, pattern: re.Pattern[str]) -> frozenset[str]:
    """What `pattern` (``core._LOWER_WORD``) finds in `text`, read from its distinct
    white-space tokens: a match never spans white space, and most tokens are plain words.

    What a token gives is remembered across documents (`_TOKENS`), so that a token seen
    before costs two set operations in C rather than a turn of a Python loop."""
    tokens = set(text.split())
    cache = _TOKENS.get(pattern)
    if cache is None:
        cache = _TOKENS.setdefault(pattern, _TokenWords())
    out = tokens & cache.plain  # plain lower-case words: each gives itself
    find = pattern.findall
    remember = cache.size() < _TOKENS_MAX
    for t in tokens - cache.plain - cache.nothing:
        got = cache.other.get(t)
        if got is None:
            if t.isascii() and t.isalpha() and t.islower():
                if len(t) >= 2:
                    out.add(t)
                    if remember:
                        cache.plain.add(t)
                    continue
                got = ()
            else:
                got = tuple(find(t))
            if remember:
                if got:
                    cache.other[t] = got
                else:
                    cache.nothing.add(t)
        out.update(got)
    return frozenset(out)


class _TokenWords:
    """What `_lower_words` found in tokens seen before (a memo of a pure function)."""

    __slots__ = ("nothing", "other", "plain")

    def __init__(self) -> None:
        self.plain: set[str] = set()  # a plain lower-case ASCII word of 2+ letters: itself
        self.nothing: set[str] = set()  # nothing
        self.other: dict[str, tuple[str, ...]] = {}  # these words

    def size(self) -> int:
        return len(self.plain) + len(self.nothing) + len(self.other)


_TOKENS: dict[re.Pattern[str], _TokenWords] = {}
_TOKENS_MAX = 200_000  # tokens remembered at most (about 20 MB); later ones are not


def merge_names(parts: Iterable[NamesPart]) -> EntityIndex:
    """The name table of a corpus from its documents' parts (deterministic: document-id
    order; the first document to define an acronym or alias wins)."""
    ordered = sorted(parts, key=lambda p: p.document)
    index = EntityIndex()
    for p in ordered:
        for acr, name in p.acronyms:
            index.add_acronym(acr, name)
    for p in ordered:
        for alias, target in p.aliases:
            index.add_alias(alias, target)
        index.place_parts.update(p.place_parts)
        index.proper_words.update(p.proper_words)
        index.lower_words.update(p.lower_words)
    for p in ordered:
        for name in p.named:
            index.add_named(name)
    for name in index.acronyms.values():
        index.add_named(name)
    return index
