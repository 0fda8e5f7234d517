"""What a figure is about: entity mentions, acronyms, aliases and part-of links.

The extractor links each claim to a subject: the thing the figure measures or counts.
Subjects are resolved to one canonical key across all documents of a run:

* acronyms defined in any text ("... Cooperation Zone (HTCZ)") expand to their long name;
* short forms match a long name that starts and ends the same way ("the Hetao zone");
* appositions make aliases ("the Hong Kong park, namely the Hong Kong-Shenzhen Innovation
  and Technology Park");
* "a park in Shenzhen" and "the Shenzhen park" are the same key, and so are "section",
  "portion" and "side" of a place once a "<place> park" is known;
* definite descriptions ("the zone", "the park") and sentence-initial pronouns resolve to
  the latest mention with the same head noun, or to the document's main entity.

A fact sheet can add entities, aliases and part-of links; nothing here is specific to
one corpus.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any, Protocol

from hetao_facts import _rx

__all__ = [
    "EntityIndex",
    "Mention",
    "find_acronyms",
    "find_mentions",
    "find_sentence_mentions",
    "normalize_name",
]

HEADS = (
    "zone|zones|park|parks|section|portion|part|side|district|area|site|campus|platform|"
    "platforms|city|region|province|county|island|port|center|centre|hub|corridor|base|"
    "cluster|community|project|programme|program|plan|blueprint|institute|university|"
    "laboratory|lab|company|corporation|bank|fund|airport|bridge|river|lake|bay|harbour|harbor|"
    "reserve|estate|town|village|state|country|territory|metropolis|wetland|wetlands|forest|"
    "woodland|meadow|field|fields|farm|garden|gardens|square|plaza|campus|plant|factory|mine|"
    "dam|reservoir|canal|road|highway|railway|line|tunnel|trail|beach|coast|valley|mountain|"
    "hill|peninsula|basin|delta|quarter|neighbourhood|neighborhood|block|building|tower|"
    "stadium|arena|hospital|school|college|museum|library|market|mall|terminal|station|"
    "facility|complex|development|precinct|ward|borough|municipality|prefecture|township"
)


def word_trie(words: Iterable[str], *, ascii_case: bool = False) -> str:
    """An alternation of `words`, factored by prefix ("zone|zones|..." as "zones?|..."): the
    engine then branches once per letter instead of trying each word in turn. At each start
    it takes the longest word that matches, as an alternation sorted longest first does (and
    followed by ``\\b``, exactly what any alternation of letter words matches). With
    `ascii_case`, letters match in either ASCII case (lower-case `words`)."""

    def char(ch: str) -> str:
        if ascii_case and ch.isascii() and ch.isalpha():
            return f"[{ch.lower()}{ch.upper()}]"
        return re.escape(ch)

    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        alts = [char(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return walk(trie)


_HEADS_TRIE = word_trie(HEADS.split("|"))
PART_HEADS = {"section", "portion", "part", "side"}
PLACE_PART_HEAD = "park"
CONNECT = {"and", "of", "for", "on", "the", "in", "de", "&"}
LOCATIVE = {"in", "at", "near", "within", "inside", "from", "to", "between", "across", "into", "on"}

_CAP_WORD = r"(?:[A-Z][\w&'’.-]*[\w&]|[A-Z])"
# A run of capitalized words, allowing lowercase connectors between them.
_NAME_RUN = _rx.compile(
    rf"{_CAP_WORD}(?:(?:[ \u00a0]|-)(?:(?:and|of|for|on|the|de|&)[ \u00a0])?{_CAP_WORD})*"
)
_ACRONYM_DEF = _rx.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")
_LOWER_HEAD = _rx.compile(
    rf"[ \u00a0]((?:cooperation|special economic|free trade|science|"
    rf"technology|innovation|industrial|economic|development|pilot)[ \u00a0])?"
    rf"({_HEADS_TRIE})\b"
)
# 'the zone', 'its two parks': group 1 the words between, group 2 the head. Written as
# "(?=[TtIi])\b(The|This|That|Its|Their)..." it was tried at every position; starting with
# the character class lets the engine skip to a T, t, I or i in C, and the lookbehinds
# then say what the \b and the first letter said (the same matches, 1.5x faster).
_DEFINITE = _rx.compile(
    r"[TtIi](?<!\w.)(?:(?<=[Tt])h(?:e|is|at|eir)|(?<=[Ii])ts)[ \u00a0]+"
    rf"((?:(?:[a-z-]+)[ \u00a0]+){{0,2}}?)({_HEADS_TRIE})\b"
)
# Over a whole text, faster still (1.5x): one pattern per determiner spelling, each opening
# with a literal ("th", "Th", "its", "Its") that the engine scans for in C, so that only
# those places are tried, not every t and i. A phrase starting inside another (the "its"
# of "the its park") ends where that one does, so merging the matches left to right and
# dropping those that start inside the previous one gives `_DEFINITE.finditer`'s.
_DEFINITE_REST = _DEFINITE.pattern[_DEFINITE.pattern.index(r"[ \u00a0]+(") :]
_DEFINITE_BY_LITERAL = tuple(
    _rx.compile(lead + _DEFINITE_REST)
    for lead in (
        r"th(?<!\w..)(?:e|is|at|eir)",
        r"Th(?<!\w..)(?:e|is|at|eir)",
        r"its(?<!\w...)",
        r"Its(?<!\w...)",
    )
)


def _definite_phrases(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, words between, head) of each match of ``_DEFINITE.finditer(text)``."""
    found: list[tuple[int, int, str, str]] = sorted(
        (m.start(), m.end(), m.group(1), m.group(2))
        for p in _DEFINITE_BY_LITERAL
        for m in p.finditer(text)
    )
    out: list[tuple[int, int, str, str]] = []
    done = 0
    for phrase in found:
        if phrase[0] >= done:
            out.append(phrase)
            done = phrase[1]
    return out


_PLACE_AFTER = _rx.compile(  # matched at a definite phrase's end (no slice of the text)
    rf"[ \u00a0]+(?:in|of)[ \u00a0]+(?:the[ \u00a0]+)?({_CAP_WORD}(?:[ \u00a0-]{_CAP_WORD})*)"
)
SENTENCE_START_WORDS = {
    "the",
    "a",
    "an",
    "it",
    "this",
    "that",
    "these",
    "those",
    "we",
    "our",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "as",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "next",
    "currently",
    "moreover",
    "furthermore",
    "meanwhile",
    "however",
    "additionally",
    "also",
    "so",
    "and",
    "but",
    "since",
    "over",
    "after",
    "before",
    "during",
    "thank",
    "please",
    "to",
    "under",
    "upon",
    "looking",
    "going",
    "building",
    "sitting",
    "based",
    "initial",
    "its",
    "there",
    "here",
    "today",
    "recently",
    "last",
    "every",
    "each",
    "all",
    "both",
    "some",
    "many",
    "most",
    "such",
    "other",
    "another",
    "one",
    "two",
    "three",
    "four",
    "five",
}


_HYPHEN_SPACING = _rx.compile(r"\s*-\s*")
_POSSESSIVE_END = _rx.compile(r"'s$")
_ARTICLE_START = _rx.compile(r"^(?:the|a|an|its|their|this|that)\s+", re.I)
_SPACES = _rx.compile(r"\s+")
_DETERMINER_START = _rx.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]his)\s+")
_THE_ITS_START = _rx.compile(r"^(?:[Tt]he|[Ii]ts)\s+")
_HEAD_IN_PLACE = _rx.compile(rf"^(?:(.+?) )?(?:{_HEADS_TRIE}) in (.+)$")
_WORD_SEP = _rx.compile(r"[ -]")
_MENTION_SEP = _rx.compile(r"[ \u00a0-]+")


@lru_cache(maxsize=1 << 16)
def normalize_name(s: str) -> str:
    """Lowercase, drop articles and possessives, fold spaces and hyphen spacing."""
    s = s.replace("\u00a0", " ").replace("’", "'")
    s = _HYPHEN_SPACING.sub("-", s.strip())
    s = _POSSESSIVE_END.sub("", s)
    s = _ARTICLE_START.sub("", s)
    s = _SPACES.sub(" ", s)
    return s.lower().strip(" ,.;:")


@lru_cache(maxsize=1 << 16)
def _first_and_last(name: str) -> tuple[str, str]:
    """A long name's first word and its last hyphen- or space-separated word."""
    return name.split(" ", 1)[0], _WORD_SEP.split(name)[-1]


@dataclass(frozen=True, slots=True)
class Mention:
    """A noun phrase naming an entity, with the canonical key it resolved to."""

    start: int
    end: int
    text: str
    key: str
    head: str
    locative: bool = False
    definite: bool = False


def _mention_maker() -> Any:
    """``Mention(start, end, text, key, head, locative, definite)``, 2x faster: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``; this sets the
    slots through their descriptors (the same object: equal, same hash, repr and pickle)."""
    new = object.__new__
    s0, s1, s2, s3, s4, s5, s6 = (
        getattr(Mention, f.name).__set__ for f in dataclasses.fields(Mention)
    )

    def make(
        start: int, end: int, text: str, key: str, head: str, locative: bool, definite: bool
    ) -> Mention:
        m = new(Mention)
        s0(m, start)
        s1(m, end)
        s2(m, text)
        s3(m, key)
        s4(m, head)
        s5(m, locative)
        s6(m, definite)
        return m

    return make


assert [f.name for f in dataclasses.fields(Mention)] == [
    *("start", "end", "text", "key", "head", "locative", "definite")
]
make_mention: Callable[[int, int, str, str, str, bool, bool], Mention] = _mention_maker()


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms defined as 'Long Name (ACR)' whose initials contain ACR in order."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1)
        letters = [c for c in acr if c.isupper()]
        if len(letters) < 2:
            continue
        before = text[max(0, m.start() - 200) : m.start()].rstrip()
        runs = list(_NAME_RUN.finditer(before))
        if not runs or runs[-1].end() != len(before):
            continue
        name = runs[-1].group()
        words = re.split(r"[ \u00a0-]+", name)
        initials = [w[0] for w in words if w and w[0].isupper()]
        it = iter(initials)
        if all(ch in it for ch in letters) and initials and initials[0] == letters[0]:
            out[acr] = name
        elif initials and initials[-1] == letters[-1]:
            # 'Fund of Funds(FoF)'-style: accept when first letters line up loosely
            first = [w[0].upper() for w in words if w]
            it2 = iter(first)
            if all(ch in it2 for ch in letters):
                out[acr] = name
    return out


@dataclass
class EntityIndex:
    """Names seen across all documents, and how they resolve to canonical keys."""

    acronyms: dict[str, str] = field(default_factory=dict)  # ACR -> long name
    aliases: dict[str, str] = field(default_factory=dict)  # normalized alias -> key
    long_names: set[str] = field(default_factory=set)  # normalized long names
    place_parts: set[str] = field(default_factory=set)  # places that have a "<place> park"
    proper_words: set[str] = field(default_factory=set)  # words seen capitalized mid-sentence
    lower_words: set[str] = field(default_factory=set)  # words seen in lowercase
    named_heads: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    display: dict[str, str] = field(default_factory=dict)  # key -> preferred display
    part_of: dict[str, dict[str, bool]] = field(default_factory=lambda: defaultdict(dict))

    def add_acronyms(self, text: str) -> None:
        for acr, name in find_acronyms(text).items():
            self.add_acronym(acr, name)

    def add_acronym(self, acr: str, name: str) -> None:
        self.acronyms.setdefault(acr, name)
        key = normalize_name(name)
        self.long_names.add(key)
        self.display.setdefault(key, acr)

    def add_alias(self, alias: str, target: str) -> None:
        a, t = normalize_name(alias), self.canonical(target)
        if a and t and a != t:
            self.aliases.setdefault(a, t)

    def canonical(self, surface: str) -> str:
        """The canonical key of a name as written.

        Memoized while the tables it reads (acronyms, aliases, long names, place parts) keep
        their sizes: they only ever grow, so a changed size means the memo is stale.
        """
        memo = self.canonical_memo()
        key = memo.get(surface)
        if key is None:
            key = memo[surface] = self._canonical(surface)
        return key

    def canonical_memo(self) -> dict[str, str]:
        """The memo of `canonical` (surface -> key), emptied when the tables it reads have
        grown. A caller that does not change the tables may look names up in it first."""
        state = (len(self.acronyms), len(self.aliases), len(self.long_names), len(self.place_parts))
        memo: dict[str, str] | None = self.__dict__.get("_canonical_memo")
        if memo is None or self.__dict__.get("_canonical_state") != state:
            memo = self.__dict__["_canonical_memo"] = {}
            self.__dict__["_canonical_state"] = state
        return memo

    def _canonical(self, surface: str) -> str:
        raw = surface.strip()
        raw = _DETERMINER_START.sub("", raw)
        if raw in self.acronyms:
            return normalize_name(self.acronyms[raw])
        key = normalize_name(raw)
        # "HTCZ's" and the like
        up = key.upper()
        if up in self.acronyms:
            return normalize_name(self.acronyms[up])
        seen: set[str] = set()
        while key in self.aliases and key not in seen:
            seen.add(key)
            key = self.aliases[key]
        m = _HEAD_IN_PLACE.match(key) if " in " in key else None  # a literal it needs
        if m and not m.group(1):
            head = key.split(" ", 1)[0]
            key = f"{m.group(2)} {head}"
        words = key.split(" ")
        if len(words) >= 2 and words[-1] in PART_HEADS and " ".join(words[:-1]) in self.place_parts:
            key = " ".join(words[:-1]) + " " + PLACE_PART_HEAD
        if len(words) == 2 and key not in self.long_names:
            cands = self._long_names_by_ends().get((words[0], words[1]), ())
            if len(cands) == 1:
                key = cands[0]
        return key

    def _long_names_by_ends(self) -> dict[tuple[str, str], list[str]]:
        """Long names by (first word, last word), rebuilt when `long_names` has grown."""
        got: tuple[int, dict[tuple[str, str], list[str]]] | None = self.__dict__.get("_by_ends")
        if got is None or got[0] != len(self.long_names):
            table: dict[tuple[str, str], list[str]] = {}
            for n in self.long_names:
                table.setdefault(_first_and_last(n), []).append(n)
            got = self.__dict__["_by_ends"] = (len(self.long_names), table)
        return got[1]

    def add_named(self, name: str) -> None:
        """Record a name with a head noun ('Hetao zone') for resolving 'the zone'."""
        key = self.canonical(name)
        head = _WORD_SEP.split(key)[-1]
        self.named_heads[head][key] += 1

    def best_named(self, head: str) -> str | None:
        """The corpus's most named entity with this head noun ('the zone' -> it)."""
        c = self.named_heads.get(head)
        if not c:
            return None
        return max(sorted(c), key=lambda k: c[k])

    def show(self, key: str) -> str:
        """How to print a canonical key: the acronym or the name as first written."""
        if key in self.display:
            return self.display[key]
        m = re.match(r"^(.*?) of (.+)$", key)
        if m and m.group(2) in self.display:
            return f"{m.group(1)} of {self.display[m.group(2)]}"
        return key


@lru_cache(maxsize=1 << 16)
def _mention_head(text: str) -> str:
    return _MENTION_SEP.split(text.strip())[-1].lower()


@lru_cache(maxsize=1 << 16)
def _shown(name: str) -> str:
    """A name as a key's display: without a leading 'the'/'its', plain spaces."""
    return _THE_ITS_START.sub("", name).replace("\u00a0", " ")


def _drop_sentence_start(
    name: str, proper_words: set[str], lower_words: set[str]
) -> tuple[str, int]:
    """A name run that starts a sentence without its ordinary first word ("The",
    "Currently", "Let"), and how many characters were cut; ("", 0) when the run is that one
    ordinary word alone."""
    words = name.split()
    if words and (
        words[0].lower() in SENTENCE_START_WORDS
        or (len(words) == 1 and words[0] not in proper_words and words[0].lower() in lower_words)
    ):
        if len(words) == 1:
            return "", 0
        cut = len(words[0]) + 1
        return name[cut:], cut
    return name, 0


def find_mentions(text: str, start: int, end: int, index: EntityIndex) -> list[Mention]:
    """Entity mentions in text[start:end] (one sentence), left to right."""
    sent = text[start:end]
    runs = [(start + m.start(), start + m.end()) for m in _NAME_RUN.finditer(sent)]
    defs = [
        (start + m.start(), start + m.end(), m.group(1), m.group(2))
        for m in _DEFINITE.finditer(sent)
    ]
    return _mentions(text, start, end, index, runs, defs)


class _SpanLike(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def find_sentence_mentions(
    text: str, spans: Sequence[_SpanLike], index: EntityIndex
) -> list[list[Mention]]:
    """`find_mentions` of each span (sentences: in order, not overlapping), each pattern run
    once over the whole text rather than once per sentence. A sentence where a match crosses
    its start or end, or whose neighbouring characters could change a word boundary, is read
    on its own, so the result is always the same as sentence by sentence."""
    n = len(spans)
    starts = [sp.start for sp in spans]
    ends = [sp.end for sp in spans]
    runs: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    defs: list[list[tuple[int, int, str, str]]] = [[] for _ in range(n)]
    alone = [False] * n

    def holder(a: int, b: int) -> int:
        """The sentence holding [a, b), or -1 (marking the sentences the match crosses)."""
        i = bisect.bisect_right(starts, a) - 1
        if i >= 0 and b <= ends[i]:
            return i
        if i >= 0 and a < ends[i]:
            alone[i] = True
        j = i + 1
        while j < n and starts[j] < b:
            alone[j] = True
            j += 1
        return -1

    # Matches come left to right: the sentence of the next one is this one or a later one,
    # found by stepping (a bisect per match cost more); a match outside its sentence goes to
    # `holder`, which marks the sentences it crosses.
    i, nxt = -1, (starts[0] if n else 0)
    for m in _NAME_RUN.finditer(text):
        span = m.span()
        a = span[0]
        if a >= nxt:
            i = bisect.bisect_right(starts, a) - 1
            nxt = starts[i + 1] if i + 1 < n else len(text) + 1
        if i >= 0 and span[1] <= ends[i]:
            runs[i].append(span)
        else:
            holder(*span)
    i, nxt = -1, (starts[0] if n else 0)
    for phrase in _definite_phrases(text):
        a, b = phrase[0], phrase[1]
        if a >= nxt:
            i = bisect.bisect_right(starts, a) - 1
            nxt = starts[i + 1] if i + 1 < n else len(text) + 1
        if i >= 0 and b <= ends[i]:
            defs[i].append(phrase)
        else:
            holder(a, b)
    out: list[list[Mention]] = []
    size = len(text)
    memo = index.canonical_memo()  # reading mentions never changes the tables it depends on
    infos = _name_infos(index, memo)
    for k in range(n):
        a, b = starts[k], ends[k]
        if (
            alone[k]
            or (a > 0 and _is_word_char(text[a - 1]))
            or (b < size and _is_word_char(text[b]))
        ):
            out.append(find_mentions(text, a, b, index))
        else:
            out.append(_mentions(text, a, b, index, runs[k], defs[k], memo, infos))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _mentions(
    text: str,
    start: int,
    end: int,
    index: EntityIndex,
    runs: list[tuple[int, int]],
    defs: list[tuple[int, int, str, str]],
    memo: dict[str, str] | None = None,
    infos: dict[str, tuple[str, str, str]] | None = None,
) -> list[Mention]:
    """The mentions of one sentence from its name runs and definite phrases (absolute
    offsets, in text order). `memo` is ``index.canonical_memo()`` and `infos`
    ``_name_infos(index, memo)`` if the caller has them."""
    out: list[Mention] = []
    proper_words, lower_words = index.proper_words, index.lower_words
    acronyms, display = index.acronyms, index.display
    if memo is None:
        memo = index.canonical_memo()  # this never changes the tables it reads
    if infos is None:
        infos = _name_infos(index, memo)
    for s, e in runs:
        name = text[s:e]
        if s == start:
            name, cut = _drop_sentence_start(name, proper_words, lower_words)
            if not name:
                continue
            s += cut
        # Extend with a lowercase head: "Qianhai cooperation zone", "Shenzhen park".
        hm = _LOWER_HEAD.match(text, e, end)
        if hm:
            e = hm.end()
            name = text[s:e]
        info = infos.get(name)
        if info is None:
            info = infos[name] = _name_info(name, index, memo)
        if info is _NOT_A_NAME:
            continue  # too short, digits, or a unit symbol or initials ("MW", "GB")
        key, shown, head = info
        before = text[max(start, s - 12) : s].lower().split()
        locative = bool(before) and (
            before[-1] in LOCATIVE
            or (before[-1] == "the" and len(before) > 1 and before[-2] in LOCATIVE)
        )
        if out and out[-1].locative and text[out[-1].end : s].strip() in {",", "and", ", and"}:
            locative = True  # "located in Hengqin, Zhuhai city"
        definite = bool(before) and before[-1] == "the"
        if key:
            cur = display.get(key)
            if cur is None or (
                cur != shown  # the same display again changes nothing
                and normalize_name(shown) == key
                and normalize_name(cur) != key
                and cur not in acronyms
            ):
                display[key] = shown
        out.append(make_mention(s, e, name, key, head, locative, definite))
    if not defs:
        return out  # in text order already: runs are, and a cut start stays inside its run
    taken = [(m.start, m.end) for m in out]
    for s, e, mods, head_word in defs:
        overlaps = False
        for a, b in taken:  # a plain loop: any() over a generator cost more than the test
            if a <= s < b or a < e <= b:
                overlaps = True
                break
        if overlaps:
            continue
        if mods and any(w[:1].isupper() for w in mods.split()):  # (mods is mostly "")
            continue
        head = head_word.lower()
        pm = _PLACE_AFTER.match(text, e, end)
        if pm:
            name = f"{pm.group(1)} {head}"
            e2 = pm.end()
            out.append(make_mention(s, e2, text[s:e2], index.canonical(name), head, False, True))
            continue
        out.append(make_mention(s, e, text[s:e], "", head, False, True))
    out.sort(key=_START_OF)
    return out


_START_OF = attrgetter("start")
_NOT_A_NAME = ("", "", "")  # a name run that is no entity (compared by identity)


def _name_infos(index: EntityIndex, memo: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """What `_mentions` needs of each name as written, memoized with the canonical memo
    (a name gives the same as long as the tables behind `canonical` are unchanged)."""
    got: tuple[dict[str, str], dict[str, tuple[str, str, str]]] | None = index.__dict__.get(
        "_name_infos"
    )
    if got is None or got[0] is not memo:
        got = index.__dict__["_name_infos"] = (memo, {})
    return got[1]


def _name_info(name: str, index: EntityIndex, memo: dict[str, str]) -> tuple[str, str, str]:
    """(key, display form, head word) of a name run, or `_NOT_A_NAME`: too short, only
    digits, or a unit symbol or initials ("MW", "GB") that is not a known acronym."""
    if len(name) < 2 or name.isdigit():
        return _NOT_A_NAME
    if name.isupper() and len(name) <= 3 and name not in index.acronyms:
        return _NOT_A_NAME
    key = memo.get(name)
    if key is None:
        key = index.canonical(name)
    return key, _shown(name), _mention_head(name)


_HEAD_SET = set(HEADS.split("|"))


@lru_cache(maxsize=1 << 16)
def _key_tail(key: str) -> str:
    """The last space- or hyphen-separated word of a key (memoized: keys repeat)."""
    return _WORD_SEP.split(key)[-1]


def main_entity(mentions: list[Mention], index: EntityIndex | None = None) -> str | None:
    """The most mentioned named (non-locative) entity with a head noun: a document's topic."""
    c = Counter(
        m.key
        for m in mentions
        if m.key
        and not m.locative
        and " " in m.key
        and (_key_tail(m.key) in _HEAD_SET or (index is not None and m.key in index.long_names))
    )
    return c.most_common(1)[0][0] if c else None
