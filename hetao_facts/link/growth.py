"""A change from a start figure to an end figure, and what the sentence says about it
(HF703 checks the growth rate, the multiple and the direction).

"The population grew from 310,000 in 2010 to 402,000 in 2020, an increase of 29.7%"; "rose
to 14 billion yuan, from 10 billion yuan"; "402,000, up 29.7% from 310,000"; "from
310,000 to 402,000" read as one range claim. One change per sentence (several: nothing is
linked). What the sentence says about it, in the same clause and close by:

* the total change: "an increase of 29.7%", "up 29.7%", "a 29.7% rise", "fell by a third"
  (note ``growth total``);
* the average annual growth, read as compound: "an average annual growth of 2.6%", "2.6%
  a year", "a CAGR of 2.6%" (note ``growth annual``; the years come from the figures, from
  "between 2010 and 2020" or from a period claim);
* a multiple: "doubled", "tripled", "halved", "tenfold", "a three-fold increase" (note
  ``growth multiple; x=<multiple>; <hedge>``, the words in the cue);
* nothing but a verb of change ("grew from 402,000 to 310,000"): note ``growth direction``.

Members: ``start`` and ``end`` (one ``range`` claim for "from A to B" read as a range),
``year`` (two) or ``period`` (one), ``stated`` (the rate, or the multiple's claim when it
has one). Note flags: ``rise``/``fall`` (the sign the words give), ``fraction`` (a rate
stated as a fraction), ``in words`` (a fraction in words, "a third"), and for money
``nominal``, ``real`` or ``unsaid`` (what the text says of inflation). All ``stated``.

A change the verb states with no rate is also a change relation of
`hetao_facts.link.comparisons.changes` (HF708's): then it is not linked here again; nor
is a rate `hetao_facts.link.comparisons.rates` already ties to the same figures (HF709's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim, PeriodClaim, Span, YearClaim
from hetao_facts.intervals import Qualifier
from hetao_facts.link._sentences import (
    HEDGE,
    Sentence,
    compatible,
    same_noun,
    sentences,
    tok,
)
from hetao_facts.link._view import View, range_parts
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["growth"]

# ---- phrasings, as data ------------------------------------------------------------------
_IN_YEAR = (  # "150,000 a day in 2019": a rate's own unit may stand before the year
    r"(?:\s+(?:a|an|per|each)\s+(?:day|week|month|year|annum))?"
    r"(?:\s+(?:in|by|at\s+the\s+end\s+of|as\s+of|for)\s+"
    r"(?:the\s+year\s+|fiscal\s+year\s+|FY\s*)?{y})?"
)
#: "from 310,000 in 2010 to 402,000 in 2020"
FROM_TO = _rx.compile(
    rf"\bfrom\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}\s*,?\s+to\s+{HEDGE}{tok('b')}{_IN_YEAR.format(y=tok('yb'))}",
    re.I,
)
#: "to 14 billion yuan in 2020, from 10 billion yuan in 2015"; "to 402,000, up 29.7% from 310,000"
TO_FROM = _rx.compile(
    rf"\bto\s+{HEDGE}{tok('b')}{_IN_YEAR.format(y=tok('yb'))}\s*,?\s+(?:(?:up|down)\s+(?:by\s+)?(?:{HEDGE}⟦\d+⟧\s+)?)?"
    rf"from\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}",
    re.I,
)
#: "402,000 in 2020, up 29.7% from 310,000 in 2010"; "402,000, up from 310,000"
UP_FROM = _rx.compile(
    rf"{tok('b')}{_IN_YEAR.format(y=tok('yb'))}\s*,?\s+(?:(?:an?\s+)?(?:increase|rise|decrease|decline|drop)\s+of\s+{HEDGE}⟦\d+⟧\s+|"
    rf"(?:up|down)\s+(?:by\s+)?(?:{HEDGE}⟦\d+⟧\s+)?)from\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}",
    re.I,
)
#: What separates two clauses: a rate across it may be about something else.
CLAUSE_BREAK = _rx.compile(
    r"[;:]|\b(?:while|whereas|but|although|though|compared|against|versus|vs\.?|than|and\s+(?:the|its|their|a|an)|"
    r"as|after|because|since|amid|when|as\s+well\s+as|respectively|which|of\s+which)\b",
    re.I,
)
#: "from 310,000 to 402,000", read as one range claim by the extractor
FROM_RANGE = _rx.compile(
    rf"\bfrom\s+{tok('r')}(?:\s*,)?(?:\s+(?:between|from|over|in)\s+{tok('yr')})?", re.I
)
#: "between 2010 and 2020", "from 2010 to 2020" (a period claim), "over 2010-2020"
BETWEEN_YEARS = _rx.compile(rf"\bbetween\s+{tok('ya')}\s+and\s+{tok('yb')}", re.I)

_UP_VERBS = (
    r"grew|grown|grow|grows|growing|rose|risen|rise|rises|rising|increased|increases|increasing|climbed|"
    r"climbs|jumped|jumps|surged|surges|soared|soars|expanded|expands|gained|gains|went\s+up|edged\s+up|"
    r"doubled|tripled|trebled|quadrupled|up"
)
_DOWN_VERBS = (
    r"fell|fallen|falls|falling|declined|declines|declining|dropped|drops|decreased|decreases|decreasing|"
    r"shrank|shrunk|shrinks|contracted|contracts|plunged|plunges|slid|slumped|went\s+down|edged\s+down|"
    r"halved|down|lost|cut"
)
_UP_NOUNS = r"increase|rise|growth|jump|gain|expansion|surge|climb|upturn"
_DOWN_NOUNS = r"decrease|decline|drop|fall|reduction|contraction|cut|loss|slump|downturn"
_GROWTH_WORD = _rx.compile(rf"\b(?:{_UP_VERBS}|{_DOWN_VERBS}|{_UP_NOUNS}|{_DOWN_NOUNS})\b", re.I)
_UP_VERB = _rx.compile(rf"\b(?:{_UP_VERBS})\b", re.I)
_DOWN_VERB = _rx.compile(rf"\b(?:{_DOWN_VERBS})\b", re.I)
#: Growth wording before a figure: "an increase of", "grew by", "up", "annual growth rate of".
CHANGE_BEFORE = _rx.compile(
    rf"(?:(?P<noun>\b(?:{_UP_NOUNS}|{_DOWN_NOUNS}))(?:\s+rate)?\s+of|(?P<verb>\b(?:{_UP_VERBS}|{_DOWN_VERBS}))"
    rf"(?:\s+(?:by|at|an?\s+(?:average|annual|yearly)\s+(?:rate\s+)?of|at\s+an?\s+[\w\s-]{{0,30}}?rate\s+of))?"
    rf"|(?P<rate>\b(?:CAGR|compound\s+annual\s+growth\s+rate|annual\s+rate|average\s+rate|growth\s+rate|rate)"
    rf"(?:\s+of|\s+was|\s+is|,)?))\s+{HEDGE}$",
    re.I,
)
#: Growth wording after a figure: "a 29.7% increase", "29.7% higher".
CHANGE_AFTER = _rx.compile(
    rf"^\s*(?:(?:annual|yearly|average|compound|annualized|annualised)\s+)*(?P<noun>(?:{_UP_NOUNS}|{_DOWN_NOUNS}|higher|lower|more|less|"
    rf"larger|smaller|bigger))\b",
    re.I,
)
#: A figure restating the change just described: "rose from A to B, or 29.7%", "(6.3% a year)".
RESTATED_BEFORE = _rx.compile(rf"(?:,|\(|—|–)\s*(?:or|that\s+is|i\.e\.,?)?\s*{HEDGE}$", re.I)
_OF_AFTER = _rx.compile(r"^\s*of\b", re.I)
#: Says the rate is per year (average annual growth, compound).
ANNUAL_BEFORE = _rx.compile(
    r"\b(?:annual(?:ly|i[sz]ed)?|yearly|per\s+year|a\s+year|each\s+year|CAGR|compound)\b", re.I
)
ANNUAL_AFTER = _rx.compile(
    r"^\s*(?:(?:a|per|each|every)\s+year|per\s+annum|annually|a\s+year\s+on\s+average|on\s+average\s+(?:a|per|each|every)\s+year|"
    r"(?:average\s+)?annual|yearly|compound|CAGR)\b",
    re.I,
)
_PER_WHAT = _rx.compile(r"\b(?:rate|average|pace|CAGR)\b", re.I)
YEAR_ON_YEAR = _rx.compile(r"\byear[- ]on[- ]year\b|\by-o-y\b|\byoy\b", re.I)
#: Multiples: "doubled", "tripled", "halved", "tenfold", "a three-fold increase".
MULTIPLE_WORDS = _rx.compile(
    r"\b(?P<hedge>(?:more\s+than|over|nearly|almost|roughly|about|around|approximately|some|close\s+to)\s+)?"
    r"(?P<word>doubl(?:ed|ing|es)|tripl(?:ed|ing|es)|trebl(?:ed|ing|es)|quadrupl(?:ed|ing|es)|halv(?:ed|ing|es)|"
    r"(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|[0-9]+)-?fold)\b",
    re.I,
)
_MULTIPLES: dict[str, Decimal] = {
    "doubl": Decimal(2),
    "tripl": Decimal(3),
    "trebl": Decimal(3),
    "quadrupl": Decimal(4),
    "halv": Decimal("0.5"),
}
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
REAL = _rx.compile(
    r"\b(?:in\s+real\s+terms|real\s+(?:terms|growth|increase|rate|GDP|wages?|income)|"
    r"inflation[- ]adjusted|adjusted\s+for\s+inflation|at\s+constant\s+(?:\d{4}\s+)?prices|"
    r"in\s+constant\s+(?:\d{4}\s+)?(?:prices|dollars|yuan|terms))\b",
    re.I,
)
NOMINAL = _rx.compile(
    r"\b(?:nominal(?:ly)?|at\s+current\s+prices|in\s+current\s+(?:prices|dollars|yuan|terms))\b",
    re.I,
)
_KINDS = {"count", "money", "area", "floor_area", "length", "quantity", "density"}
_UP_CUE = _rx.compile(rf"\b(?:{_UP_VERBS}|{_UP_NOUNS}|higher|more|larger|bigger)\b", re.I)
_DOWN_CUE = _rx.compile(rf"\b(?:{_DOWN_VERBS}|{_DOWN_NOUNS}|lower|less|smaller)\b", re.I)
_RATE_CUE = _rx.compile(r"\b(?:CAGR|rate)\b", re.I)
_DIGIT = _rx.compile(r"\d")
_CLAUSE = _rx.compile(r"[;,]")


@dataclass(frozen=True)
class _Change:
    a: Claim  # the start figure's claim (the same claim as `b` for a range "310,000 to 402,000")
    b: Claim
    years: tuple[Claim, ...]
    start: int  # token offsets of the phrase
    end: int


@dataclass(frozen=True)
class _Statement:
    what: str  # "total", "annual", "multiple"
    flags: tuple[str, ...]
    claims: tuple[Claim, ...]
    start: int  # document offsets of the wording
    end: int
    cue: str


def growth(view: View, others: Sequence[Relation] = ()) -> Iterator[Relation]:
    """Changes and what their sentence says about them (see the module)."""
    directions = {
        (r.role("old"), r.role("new")) for r in others if r.role("old") and not r.role("rate")
    }
    rated = {(r.role("old"), r.role("new"), r.role("rate")) for r in others if r.role("rate")}
    doc_money: str | None = None  # read from the whole text only when a sentence needs it
    folded = view.folded
    for s in sentences(view):
        if folded.find("from", s.span.start, s.span.end) < 0:
            continue  # every change pattern reads a "from": no change, no verdict
        changes = _changes(s)
        if len(changes) != 1:
            continue  # none, or several changes in one sentence: no verdict
        ch = changes[0]
        used = {ch.a.id, ch.b.id, *(y.id for y in ch.years)}
        verb = _verb_sign(s, ch)
        linked = [st for st in (*_rates(s, used, verb), *_multiples(s)) if _linked(s, ch, st)]
        # two rates of one kind for one change: which is about what is unclear, no verdict
        kinds = [st.what for st in linked]
        statements = [st for st in linked if kinds.count(st.what) == 1]
        money = None
        if ch.a.kind == "money":
            money = _sentence_money(s.raw)
            if money is None:
                if doc_money is None:
                    doc_money = _money_note(view.text)
                money = doc_money
        ends = [("range", ch.a)] if ch.a.id == ch.b.id else [("start", ch.a), ("end", ch.b)]
        years = [("period" if isinstance(y, PeriodClaim) else "year", y) for y in ch.years]
        if verb is not None and not statements:
            if ((ch.a.id,), (ch.b.id,)) in directions:
                continue  # the same change as HF708 reads it
            members = [*ends, *years]
            flags = ("rise" if verb > 0 else "fall",)
            yield _relation(view, s, ch, members, "growth direction", flags, money, None)
        for st in statements:
            same = ((ch.a.id,), (ch.b.id,), tuple(c.id for c in st.claims))
            if st.what == "total" and same in rated:
                continue  # the same rate as HF709 reads it
            members = [*ends, *years, *(("stated", c) for c in st.claims)]
            yield _relation(view, s, ch, members, f"growth {st.what}", st.flags, money, st.cue, st)


def _relation(
    view: View,
    s: Sentence,
    ch: _Change,
    members: list[tuple[str, Claim]],
    head: str,
    flags: tuple[str, ...],
    money: str | None,
    cue: str | None,
    st: _Statement | None = None,
) -> Relation:
    lo, hi = s.raw_pos(ch.start), s.raw_end(ch.end)
    if st is not None:
        lo, hi = min(lo, st.start), max(hi, st.end)
    note = "; ".join((head, *flags, *((money,) if money else ())))
    return Relation.make(
        RelationKind.CHANGE,
        view.doc.id,
        [(r, c.id) for r, c in members],
        Strength.STATED,
        Span(start=lo, end=hi),
        cue=cue if cue is not None else " ".join(view.text[lo:hi].split()),
        note=note,
    )


# ---- finding the change ------------------------------------------------------------------
def _changes(s: Sentence) -> list[_Change]:
    found: dict[tuple[str, str], _Change] = {}
    for pat in (FROM_TO, TO_FROM, UP_FROM):
        for m in pat.finditer(s.tokens):
            a, b = s.claim(m, "a"), s.claim(m, "b")
            assert a is not None and b is not None
            if a.kind not in _KINDS or not compatible(a, b) or a.id == b.id or not same_noun(a, b):
                continue
            ya, yb = s.claim(m, "ya"), s.claim(m, "yb")
            years = tuple(y for y in (ya, yb) if y is not None)
            if any(y.kind != "year" for y in years):
                continue
            if not (isinstance(ya, YearClaim) and isinstance(yb, YearClaim)):
                years = _years_elsewhere(s)
            if pat is FROM_TO and not years and not _growth_before(s, m.start()):
                continue  # "ranging from 300 to 500 square metres" is not a change
            found.setdefault((a.id, b.id), _Change(a, b, years, m.start(), m.end()))
    for m in FROM_RANGE.finditer(s.tokens):
        r = s.claim(m, "r")
        assert r is not None
        if r.kind not in _KINDS or not _growth_before(s, m.start()):
            continue
        value = getattr(r, "value", None)
        if (
            not isinstance(value, Decimal)
            or r.qualifier is not Qualifier.EXACT
            or range_parts(r) is None
        ):
            continue
        years = _years_elsewhere(s)
        found.setdefault((r.id, r.id), _Change(r, r, years, m.start(), m.end()))
    return list(found.values())


def _years_elsewhere(s: Sentence) -> tuple[Claim, ...]:
    """Years stated apart from the figures: "between 2010 and 2020", "from 2010 to 2020"."""
    m = BETWEEN_YEARS.search(s.tokens)
    if m:
        ya, yb = s.claim(m, "ya"), s.claim(m, "yb")
        if isinstance(ya, YearClaim) and isinstance(yb, YearClaim):
            return (ya, yb)
    periods = [c for c in s.claims if isinstance(c, PeriodClaim) and isinstance(c.value[0], int)]
    if len(periods) == 1:
        return (periods[0],)
    return ()


def _growth_before(s: Sentence, t0: int) -> bool:
    before = s.tokens[max(0, t0 - 80) : t0].split(";")[-1]
    return bool(_GROWTH_WORD.search(before))


def _verb_sign(s: Sentence, ch: _Change) -> int | None:
    # the verb of the change's own clause: "imports fell 1.3% ..., leaving a surplus of
    # 1.7, up from 0.9" says nothing about the surplus
    before = _CLAUSE.split(s.tokens[max(0, ch.start - 60) : ch.start])[-1]
    ups, downs = _UP_VERB.findall(before), _DOWN_VERB.findall(before)
    if ups and not downs:
        return 1
    if downs and not ups:
        return -1
    return None


def _linked(s: Sentence, ch: _Change, st: _Statement) -> bool:
    """The statement is about this change: same clause, close by, no other figure between."""
    c0, c1 = s.raw_pos(ch.start), s.raw_pos(ch.end - 1) + 1
    if st.start >= c0 and st.end <= c1:
        return True
    lo, hi = (c1, st.start) if st.start >= c1 else (st.end, c0)
    if hi - lo > 100:
        return False
    between = s.raw[lo - s.span.start : hi - s.span.start]
    if CLAUSE_BREAK.search(between):
        return False
    mine = {ch.a.id, ch.b.id, *(y.id for y in ch.years), *(c.id for c in st.claims)}
    return not any(lo <= c.start < hi and c.id not in mine for c in s.claims)


# ---- what the sentence says about it ------------------------------------------------------
def _sign_of(cue: str) -> int | None:
    up, down = _UP_CUE.search(cue), _DOWN_CUE.search(cue)
    if up and not down:
        return 1
    if down and not up:
        return -1
    if _RATE_CUE.search(cue) and not down:
        return 1
    return None


def _is_fraction(c: Claim) -> bool:
    """A fraction in words or digits ("a third", "half"), not a multiple ("three-fold")."""
    low = c.text.lower()
    value = getattr(c, "value", None)
    return "fold" not in low and "time" not in low and isinstance(value, Decimal) and 0 < value <= 1


def _rates(s: Sentence, used: set[str], verb: int | None) -> Iterator[_Statement]:
    for i, c in enumerate(s.claims):
        fraction = c.kind == "ratio" and _is_fraction(c)
        if (c.kind != "percent" and not fraction) or c.id in used:
            continue
        t = s.tokens.index(f"⟦{i}⟧")
        before = s.tokens[max(0, t - 70) : t]
        after = s.tokens[t + len(f"⟦{i}⟧") : t + len(f"⟦{i}⟧") + 50]
        mb = CHANGE_BEFORE.search(before)
        ma = CHANGE_AFTER.match(after)
        restated = RESTATED_BEFORE.search(before) and not _OF_AFTER.match(after)
        if not mb and not ma and not restated:
            continue
        if YEAR_ON_YEAR.search(before[-40:]) or YEAR_ON_YEAR.match(after.strip()):
            continue
        cue = (mb.group(0) if mb else "") + " " + (ma.group(0) if ma else "")
        sign = _sign_of(cue) if (mb or ma) else verb
        if sign is None:
            continue
        annual = bool(ANNUAL_BEFORE.search(before[-45:]) or ANNUAL_AFTER.match(after))
        if not annual and _PER_WHAT.search(cue):
            continue  # "grew at an average rate of 2.6%": per year or in all? no verdict
        flags = ["rise" if sign > 0 else "fall"]
        if fraction:
            flags.append("fraction")
            if c.qualifier is Qualifier.EXACT and not _DIGIT.search(c.number or c.text):
                flags.append("in words")
        yield _Statement(
            "annual" if annual else "total",
            tuple(flags),
            (c,),
            c.start,
            c.end,
            " ".join(cue.split()) or c.text,
        )


def _multiples(s: Sentence) -> Iterator[_Statement]:
    for m in MULTIPLE_WORDS.finditer(s.raw):
        start = s.span.start + m.start("word")
        end = s.span.start + m.end("word")
        claim = next(
            (c for c in s.claims if c.start <= start < c.end or start <= c.start < end), None
        )
        if claim is not None and claim.kind != "ratio":
            continue
        word = m.group("word").lower()
        if m.group("n"):
            n = m.group("n").lower()
            k = Decimal(_NUMBER_WORDS[n]) if n in _NUMBER_WORDS else Decimal(n)
        else:
            k = next(v for p, v in _MULTIPLES.items() if word.startswith(p))
        hedge = (m.group("hedge") or "").strip().lower()
        reading = (
            "at least"
            if hedge in ("more than", "over")
            else "nearly"
            if hedge in ("nearly", "almost", "close to")
            else "about"
        )
        yield _Statement(
            "multiple",
            (f"x={k}", reading),
            (claim,) if claim is not None else (),
            start,
            end,
            m.group(0).strip(),
        )


def _money_note(text: str) -> str:
    """What the document says of inflation: 'real', 'nominal' or 'unsaid'."""
    if REAL.search(text):
        return "real"
    return "nominal" if NOMINAL.search(text) else "unsaid"


def _sentence_money(sentence: str) -> str | None:
    """The sentence's word ("nominal" there wins); None when it says neither (the
    document's word then holds)."""
    if NOMINAL.search(sentence):
        return "nominal"
    if REAL.search(sentence):
        return "real"
    return None
