"""HF703 growth-contradicted."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from pydantic import Field

from hetao_facts.claims import Claim, PeriodClaim, YearClaim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval, Qualifier
from hetao_facts.model import Check, Severity, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    HEDGE,
    DerivedOptions,
    Figure,
    Sentence,
    compatible,
    evaluate,
    figure_of,
    fmt_iv,
    fmt_num,
    judge,
    range_ends,
    same_noun,
    sentences,
    share_figure,
    show,
    tok,
)

_HUNDRED = Decimal(100)
_ONE = Interval.point(1)

# ---- phrasings, as data ------------------------------------------------------------------
_IN_YEAR = (  # "150,000 a day in 2019": a rate's own unit may stand before the year
    r"(?:\s+(?:a|an|per|each)\s+(?:day|week|month|year|annum))?"
    r"(?:\s+(?:in|by|at\s+the\s+end\s+of|as\s+of|for)\s+"
    r"(?:the\s+year\s+|fiscal\s+year\s+|FY\s*)?{y})?"
)
#: "from 310,000 in 2010 to 402,000 in 2020"
FROM_TO = re.compile(
    rf"\bfrom\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}\s*,?\s+to\s+{HEDGE}{tok('b')}{_IN_YEAR.format(y=tok('yb'))}",
    re.I,
)
#: "to 14 billion yuan in 2020, from 10 billion yuan in 2015"; "to 402,000, up 29.7% from 310,000"
TO_FROM = re.compile(
    rf"\bto\s+{HEDGE}{tok('b')}{_IN_YEAR.format(y=tok('yb'))}\s*,?\s+(?:(?:up|down)\s+(?:by\s+)?(?:{HEDGE}⟦\d+⟧\s+)?)?"
    rf"from\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}",
    re.I,
)
#: "402,000 in 2020, up 29.7% from 310,000 in 2010"; "402,000, up from 310,000"
UP_FROM = re.compile(
    rf"{tok('b')}{_IN_YEAR.format(y=tok('yb'))}\s*,?\s+(?:(?:an?\s+)?(?:increase|rise|decrease|decline|drop)\s+of\s+{HEDGE}⟦\d+⟧\s+|"
    rf"(?:up|down)\s+(?:by\s+)?(?:{HEDGE}⟦\d+⟧\s+)?)from\s+{HEDGE}{tok('a')}{_IN_YEAR.format(y=tok('ya'))}",
    re.I,
)
#: What separates two clauses: a rate across it may be about something else.
CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:while|whereas|but|although|though|compared|against|versus|vs\.?|than|and\s+(?:the|its|their|a|an)|"
    r"as|after|because|since|amid|when|as\s+well\s+as|respectively|which|of\s+which)\b",
    re.I,
)
#: "from 310,000 to 402,000", read as one range claim by the extractor
FROM_RANGE = re.compile(
    rf"\bfrom\s+{tok('r')}(?:\s*,)?(?:\s+(?:between|from|over|in)\s+{tok('yr')})?", re.I
)
#: "between 2010 and 2020", "from 2010 to 2020" (a period claim), "over 2010-2020"
BETWEEN_YEARS = re.compile(rf"\bbetween\s+{tok('ya')}\s+and\s+{tok('yb')}", re.I)

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
#: Growth wording before a figure: "an increase of", "grew by", "up", "annual growth rate of".
CHANGE_BEFORE = re.compile(
    rf"(?:(?P<noun>\b(?:{_UP_NOUNS}|{_DOWN_NOUNS}))(?:\s+rate)?\s+of|(?P<verb>\b(?:{_UP_VERBS}|{_DOWN_VERBS}))"
    rf"(?:\s+(?:by|at|an?\s+(?:average|annual|yearly)\s+(?:rate\s+)?of|at\s+an?\s+[\w\s-]{{0,30}}?rate\s+of))?"
    rf"|(?P<rate>\b(?:CAGR|compound\s+annual\s+growth\s+rate|annual\s+rate|average\s+rate|growth\s+rate|rate)"
    rf"(?:\s+of|\s+was|\s+is|,)?))\s+{HEDGE}$",
    re.I,
)
#: Growth wording after a figure: "a 29.7% increase", "29.7% higher".
CHANGE_AFTER = re.compile(
    rf"^\s*(?:(?:annual|yearly|average|compound|annualized|annualised)\s+)*(?P<noun>(?:{_UP_NOUNS}|{_DOWN_NOUNS}|higher|lower|more|less|"
    rf"larger|smaller|bigger))\b",
    re.I,
)
#: A figure restating the change just described: "rose from A to B, or 29.7%", "(6.3% a year)".
RESTATED_BEFORE = re.compile(rf"(?:,|\(|—|–)\s*(?:or|that\s+is|i\.e\.,?)?\s*{HEDGE}$", re.I)
#: Says the rate is per year (average annual growth, compound).
ANNUAL_BEFORE = re.compile(
    r"\b(?:annual(?:ly|i[sz]ed)?|yearly|per\s+year|a\s+year|each\s+year|CAGR|compound)\b", re.I
)
ANNUAL_AFTER = re.compile(
    r"^\s*(?:(?:a|per|each|every)\s+year|per\s+annum|annually|a\s+year\s+on\s+average|on\s+average\s+(?:a|per|each|every)\s+year|"
    r"(?:average\s+)?annual|yearly|compound|CAGR)\b",
    re.I,
)
YEAR_ON_YEAR = re.compile(r"\byear[- ]on[- ]year\b|\by-o-y\b|\byoy\b", re.I)
#: Multiples: "doubled", "tripled", "halved", "tenfold", "a three-fold increase".
MULTIPLE_WORDS = re.compile(
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
REAL = re.compile(
    r"\b(?:in\s+real\s+terms|real\s+(?:terms|growth|increase|rate|GDP|wages?|income)|"
    r"inflation[- ]adjusted|adjusted\s+for\s+inflation|at\s+constant\s+(?:\d{4}\s+)?prices|"
    r"in\s+constant\s+(?:\d{4}\s+)?(?:prices|dollars|yuan|terms))\b",
    re.I,
)
NOMINAL = re.compile(
    r"\b(?:nominal(?:ly)?|at\s+current\s+prices|in\s+current\s+(?:prices|dollars|yuan|terms))\b",
    re.I,
)
_KINDS = {"count", "money", "area", "floor_area", "length", "quantity", "density"}


class GrowthOptions(DerivedOptions):
    """Options of HF703."""

    multiple_tolerance: Decimal = Field(
        default=Decimal("0.15"),
        ge=0,
        lt=1,
        description="'doubled', 'tenfold' cover the multiple ± this fraction of it",
    )


@dataclass(frozen=True)
class _Change:
    a: Claim  # the start figure's claim (the same claim as `b` for a range "310,000 to 402,000")
    b: Claim
    ya: int | None
    yb: int | None
    years: tuple[Claim, ...]
    start: int  # token offsets of the phrase
    end: int
    ends: tuple[Figure, Figure] | None = None  # the two ends of a range claim


@dataclass(frozen=True)
class _Statement:
    what: str  # "total", "annual", "multiple"
    figure: Figure
    sign: int
    claims: tuple[Claim, ...]
    start: int  # document offsets of the wording
    end: int


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


class GrowthContradicted(Rule):
    """A stated growth rate or multiple agrees with the start and end figures it describes.

    What it checks:
        A change from a start figure to an end figure, optionally with their years ("grew
        from 310,000 in 2010 to 402,000 in 2020", "rose to 14 billion yuan, from 10
        billion yuan"), against what the same sentence says about it: the total change
        ("an increase of 29.7%", "up 29.7%", "a 29.7% rise", "fell by 20%"), the average
        annual growth, read as compound ("an average annual growth of 2.6%", "2.6% a
        year", "a CAGR of 2.6%"; needs the years), and the multiple ("doubled", "tripled",
        "halved", "tenfold", "a three-fold increase", ± 15% by default). Every input's
        rounding is carried through the ratio, the nth root and the subtraction. An
        annual rate that matches only the simple average (total change / years) warns.
        Money grows in nominal or real terms: when the text does not say which, or says
        the rate is real, a mismatch warns instead of failing, and the check says so. A
        verb of growth over falling figures ("grew from 402,000 to 310,000") fails.
    Why it matters:
        Growth rates are recomputed by every careful reader; one that its own figures
        contradict discredits the text, and usually one figure is mistyped.
    Flagged:
        "The population grew from 310,000 in 2010 to 402,000 in 2020, an increase of 45%."
        (402,000 / 310,000 - 1 = 29.7%)
    Consistent:
        "The population grew from 310,000 in 2010 to 402,000 in 2020, an increase of 29.7%."
    """

    code = "HF703"
    name = "growth-contradicted"
    scope = Scope.DOCUMENT
    Options = GrowthOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, GrowthOptions)
        for s in sentences(ctx):
            changes = self._changes(ctx, s, opts)
            if len(changes) != 1:
                continue  # none, or several changes in one sentence: no verdict
            ch = changes[0]
            used = {ch.a.id, ch.b.id, *(y.id for y in ch.years)}
            verb = self._verb_sign(s, ch)
            linked = [
                st
                for st in (*self._rates(ctx, s, used, opts, verb), *self._multiples(s, opts))
                if _linked(s, ch, st)
            ]
            # two rates of one kind for one change: which is about what is unclear, no verdict
            kinds = [st.what for st in linked]
            statements = [st for st in linked if kinds.count(st.what) == 1]
            money = ch.a.kind == "money"
            soft = self._nominal_real(ctx, s) if money else None
            fa, fb = (
                ch.ends if ch.ends else (figure_of(ch.a, ctx, opts), figure_of(ch.b, ctx, opts))
            )
            if fa is None or fb is None:
                continue
            if verb is not None and not statements:
                chk = self._direction(ctx, ch, fa, fb, verb)
                if chk is not None:
                    yield chk
            for st in statements:
                chk = self._judge(ctx, ch, fa, fb, st, soft)
                if chk is not None:
                    yield chk

    # ---- finding the change ------------------------------------------------------------------
    def _changes(self, ctx: Context, s: Sentence, opts: GrowthOptions) -> list[_Change]:
        found: dict[tuple[str, str], _Change] = {}
        for pat in (FROM_TO, TO_FROM, UP_FROM):
            for m in pat.finditer(s.tokens):
                a, b = s.claim(m, "a"), s.claim(m, "b")
                assert a is not None and b is not None
                if (
                    a.kind not in _KINDS
                    or not compatible(a, b)
                    or a.id == b.id
                    or not same_noun(a, b)
                ):
                    continue
                ya, yb = s.claim(m, "ya"), s.claim(m, "yb")
                years = tuple(y for y in (ya, yb) if y is not None)
                if any(y.kind != "year" for y in years):
                    continue
                y0 = _year(ya)
                y1 = _year(yb)
                if y0 is None or y1 is None:
                    y0, y1, years = self._years_elsewhere(s, m.start(), m.end(), years)
                if pat is FROM_TO and not years and not self._growth_before(s, m.start()):
                    continue  # "ranging from 300 to 500 square metres" is not a change
                found.setdefault((a.id, b.id), _Change(a, b, y0, y1, years, m.start(), m.end()))
        for m in FROM_RANGE.finditer(s.tokens):
            r = s.claim(m, "r")
            assert r is not None
            if r.kind not in _KINDS or not self._growth_before(s, m.start()):
                continue
            ends = range_ends(r, ctx, opts)
            if ends is None:
                continue
            y0, y1, years = self._years_elsewhere(s, m.start(), m.end(), ())
            found.setdefault((r.id, r.id), _Change(r, r, y0, y1, years, m.start(), m.end(), ends))
        return list(found.values())

    @staticmethod
    def _years_elsewhere(
        s: Sentence, t0: int, t1: int, years: tuple[Claim, ...]
    ) -> tuple[int | None, int | None, tuple[Claim, ...]]:
        """Years stated apart from the figures: "between 2010 and 2020", "from 2010 to 2020"."""
        m = BETWEEN_YEARS.search(s.tokens)
        if m:
            ya, yb = s.claim(m, "ya"), s.claim(m, "yb")
            y0, y1 = _year(ya), _year(yb)
            if ya is not None and yb is not None and y0 is not None and y1 is not None:
                return y0, y1, (ya, yb)
        periods = [
            c for c in s.claims if isinstance(c, PeriodClaim) and isinstance(c.value[0], int)
        ]
        if len(periods) == 1:
            p0, p1 = periods[0].years
            return p0, p1, (periods[0],)
        return None, None, ()

    @staticmethod
    def _growth_before(s: Sentence, t0: int) -> bool:
        before = s.tokens[max(0, t0 - 80) : t0].split(";")[-1]
        return bool(
            re.search(rf"\b(?:{_UP_VERBS}|{_DOWN_VERBS}|{_UP_NOUNS}|{_DOWN_NOUNS})\b", before, re.I)
        )

    def _verb_sign(self, s: Sentence, ch: _Change) -> int | None:
        # the verb of the change's own clause: "imports fell 1.3% ..., leaving a surplus of
        # 1.7, up from 0.9" says nothing about the surplus
        before = re.split(r"[;,]", s.tokens[max(0, ch.start - 60) : ch.start])[-1]
        ups = re.findall(rf"\b(?:{_UP_VERBS})\b", before, re.I)
        downs = re.findall(rf"\b(?:{_DOWN_VERBS})\b", before, re.I)
        if ups and not downs:
            return 1
        if downs and not ups:
            return -1
        return None

    # ---- what the sentence says about it ------------------------------------------------------
    def _rates(
        self, ctx: Context, s: Sentence, used: set[str], opts: GrowthOptions, verb: int | None
    ) -> Iterator[_Statement]:
        for i, c in enumerate(s.claims):
            fraction = c.kind == "ratio" and _is_fraction(c)
            if (c.kind != "percent" and not fraction) or c.id in used:
                continue
            t = s.tokens.index(f"⟦{i}⟧")
            before = s.tokens[max(0, t - 70) : t]
            after = s.tokens[t + len(f"⟦{i}⟧") : t + len(f"⟦{i}⟧") + 50]
            mb = CHANGE_BEFORE.search(before)
            ma = CHANGE_AFTER.match(after)
            restated = RESTATED_BEFORE.search(before) and not re.match(r"^\s*of\b", after)
            if not mb and not ma and not restated:
                continue
            if YEAR_ON_YEAR.search(before[-40:]) or YEAR_ON_YEAR.match(after.strip()):
                continue
            cue = (mb.group(0) if mb else "") + " " + (ma.group(0) if ma else "")
            sign = _sign_of(cue) if (mb or ma) else verb
            if sign is None:
                continue
            annual = bool(ANNUAL_BEFORE.search(before[-45:]) or ANNUAL_AFTER.match(after))
            if not annual and re.search(r"\b(?:rate|average|pace|CAGR)\b", cue, re.I):
                continue  # "grew at an average rate of 2.6%": per year or in all? no verdict
            f = _fraction_figure(c, ctx, opts) if fraction else figure_of(c, ctx, opts)
            if f is not None:
                yield _Statement(
                    "annual" if annual else "total",
                    f if sign > 0 else _negate(f),
                    sign,
                    (c,),
                    c.start,
                    c.end,
                )

    def _multiples(self, s: Sentence, opts: GrowthOptions) -> Iterator[_Statement]:
        tol = opts.multiple_tolerance
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
            lo, hi = k * (1 - tol), k * (1 + tol)
            if hedge in ("more than", "over"):
                fig = Figure(
                    text=m.group(0).strip(),
                    interval=Interval(low=lo, high=None),
                    digits=Interval(low=k, high=None, low_open=True),
                    point=k,
                    hedged=True,
                    reading="bound",
                )
            elif hedge in ("nearly", "almost", "close to"):
                fig = Figure(
                    text=m.group(0).strip(),
                    interval=Interval.closed(k * (1 - 2 * tol), hi),
                    digits=Interval.closed(k * (1 - 2 * tol), k),
                    point=k,
                    hedged=True,
                    reading="vague",
                )
            else:
                iv = Interval.closed(lo, hi)
                fig = Figure(
                    text=m.group(0).strip(),
                    interval=iv,
                    digits=iv,
                    point=k,
                    hedged=True,
                    reading="vague",
                )
            yield _Statement("multiple", fig, 1, (claim,) if claim is not None else (), start, end)

    # ---- verdicts --------------------------------------------------------------------------------
    def _judge(
        self, ctx: Context, ch: _Change, fa: Figure, fb: Figure, st: _Statement, soft: str | None
    ) -> Check | None:
        fig = st.figure
        factor, unit = display_factor(ch.a)
        la, lb = _labels(ch, factor, unit)
        span = f"{la}{_yr(ch.ya)} → {lb}{_yr(ch.yb)}"
        claims = [ch.a, ch.b, *ch.years, *st.claims]
        explanation = _explanation(ch, soft)
        direct: dict[str, tuple[Callable[..., Interval | None], str, str, str]] = {
            "multiple": (lambda a, b: b / a, f"{lb} / {la}", "", "the multiple does not match"),
            "total": (_total_change, f"{lb} / {la} - 1", "%", "the change does not match"),
        }
        if st.what in direct:
            fn, formula, unit, mismatch = direct[st.what]
            return judge(
                ctx,
                self,
                claims=claims,
                label=span,
                formula=formula,
                outcome=evaluate(fn, fa, fb),
                stated=fig,
                unit=unit,
                mismatch=f"{mismatch} the figures",
                soft=soft,
                key=(st.what, fig.text),
                explanation=explanation,
            )
        if ch.ya is None or ch.yb is None or ch.yb <= ch.ya:
            return None  # an annual rate needs the years
        n = ch.yb - ch.ya
        outcome = evaluate(lambda a, b: _cagr(a, b, n), fa, fb)
        formula = f"({lb} / {la})^(1/{n}) - 1"
        compound = outcome.interval
        if compound is not None and not compound.overlaps(fig.interval):
            simple = evaluate(lambda a, b: _simple(a, b, n), fa, fb)
            if simple.interval is not None and simple.interval.overlaps(fig.interval):
                comp = f"{fmt_num(outcome.point or Decimal(0))}% {fmt_iv(compound, unit='%')}"
                simp = f"{fmt_num(simple.point or Decimal(0))}% {fmt_iv(simple.interval, unit='%')}"
                return ctx.make_check(
                    self,
                    Status.WARN,
                    claims,
                    f"{span}: {formula} = {comp} compound vs stated {fig.text} "
                    f"{fmt_iv(fig.interval, unit='%')}: the stated rate matches only the simple "
                    f"average ({lb} / {la} - 1) / {n} = {simp}, not the compound annual rate",
                    margin=f"off by at least {fmt_num(compound.gap(fig.interval))} points",
                    severity=Severity.WARNING,
                    explanation=explanation,
                    key=("annual", fig.text),
                )
        return judge(
            ctx,
            self,
            claims=claims,
            label=span,
            formula=formula,
            outcome=outcome,
            stated=fig,
            unit="%",
            mismatch="the average annual growth does not match the figures",
            soft=soft,
            note="(compound)",
            key=("annual", fig.text),
            explanation=explanation,
        )

    def _direction(
        self, ctx: Context, ch: _Change, fa: Figure, fb: Figure, sign: int
    ) -> Check | None:
        factor, unit = display_factor(ch.a)
        la, lb = _labels(ch, factor, unit)
        span = f"{la}{_yr(ch.ya)} → {lb}{_yr(ch.yb)}"
        word = "grew" if sign > 0 else "fell"
        wrong = (
            fa.interval.entirely_above(fb.interval)
            if sign > 0
            else fb.interval.entirely_above(fa.interval)
        )
        if not wrong:
            return None
        return ctx.make_check(
            self,
            Status.FAIL,
            [ch.a, ch.b, *ch.years],
            f"{span}: the text says it {word}, but the figures {'fall' if sign > 0 else 'rise'}",
            key="direction",
        )

    @staticmethod
    def _nominal_real(ctx: Context, s: Sentence) -> str | None:
        """None when the text says the growth is nominal; else why a mismatch only warns."""
        doc = ctx.documents[s.doc_id].text
        if NOMINAL.search(s.raw):
            return None
        if REAL.search(s.raw) or REAL.search(doc):
            return (
                "the text states a real (inflation-adjusted) rate, which need not match the ratio "
                "of the amounts"
            )
        if NOMINAL.search(doc):
            return None
        return (
            "the text does not say whether the growth is nominal or real; a real rate need not "
            "match the ratio of the amounts"
        )


def _sign_of(cue: str) -> int | None:
    up = re.search(rf"\b(?:{_UP_VERBS}|{_UP_NOUNS}|higher|more|larger|bigger)\b", cue, re.I)
    down = re.search(rf"\b(?:{_DOWN_VERBS}|{_DOWN_NOUNS}|lower|less|smaller)\b", cue, re.I)
    if up and not down:
        return 1
    if down and not up:
        return -1
    if re.search(r"\b(?:CAGR|rate)\b", cue, re.I) and not down:
        return 1
    return None


def _is_fraction(c: Claim) -> bool:
    """A fraction in words or digits ("a third", "half"), not a multiple ("three-fold")."""
    low = c.text.lower()
    value = getattr(c, "value", None)
    return "fold" not in low and "time" not in low and isinstance(value, Decimal) and 0 < value <= 1


def _fraction_figure(c: Claim, ctx: Context, opts: GrowthOptions) -> Figure | None:
    """A change stated as a fraction ("fell by a third") in percent, words read as ± 2.5 points."""
    f = share_figure(c, ctx, opts)
    if f is None or re.search(r"\d", c.number or c.text) or c.qualifier is not Qualifier.EXACT:
        return f
    tol = Decimal("2.5")
    iv = Interval.closed(f.point - tol, f.point + tol)
    return Figure(
        text=f.text,
        interval=iv,
        digits=iv,
        point=f.point,
        claims=f.claims,
        hedged=True,
        reading="vague",
    )


def _negate(f: Figure) -> Figure:
    text = f"-{f.text}" if f.text[:1].isdigit() else f"-{fmt_num(f.point)}% ({f.text})"
    return Figure(
        text=text,
        interval=-f.interval,
        digits=-f.digits,
        point=-f.point,
        claims=f.claims,
        hedged=f.hedged,
        reading=f.reading,
    )


def _total_change(a: Interval, b: Interval) -> Interval | None:
    q = b / a
    return None if q is None else (q - _ONE).scale(_HUNDRED)


def _cagr(a: Interval, b: Interval, n: int) -> Interval | None:
    q = b / a
    if q is None or q.low is None or q.low < 0:
        return None
    return (q.root(n) - _ONE).scale(_HUNDRED)


def _simple(a: Interval, b: Interval, n: int) -> Interval | None:
    t = _total_change(a, b)
    return None if t is None else t.scale(Decimal(1) / Decimal(n))


def _year(c: Claim | None) -> int | None:
    return c.value if isinstance(c, YearClaim) else None


def _yr(y: int | None) -> str:
    return f" ({y})" if y is not None else ""


def _labels(ch: _Change, factor: Decimal, unit: str) -> tuple[str, str]:
    """How the start and end figures read in messages."""
    if ch.ends is not None:
        u = "" if ch.a.kind == "count" else f" {unit}"
        return f"{ch.ends[0].text}{u}", f"{ch.ends[1].text}{u}"
    return show(ch.a, factor, unit), show(ch.b, factor, unit)


def _explanation(ch: _Change, soft: str | None) -> str:
    base = GrowthContradicted.summary()
    if ch.a.kind != "money":
        return base
    if soft is None:
        return f"{base} The amounts and the rate are read as nominal, as the text says."
    return f"{base} These are amounts of money: {soft}."
