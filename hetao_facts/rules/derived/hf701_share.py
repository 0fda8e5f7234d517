"""HF701 share-contradicted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval, Qualifier
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.comparison.hf501_comparison import _MEASURES as _HF501_MEASURES
from hetao_facts.rules.comparison.hf501_comparison import _RATIO_OF as _HF501_RATIO_OF
from hetao_facts.rules.derived._common import (
    HEDGE,
    DerivedOptions,
    Figure,
    Sentence,
    compatible,
    evaluate,
    figure_of,
    fmt_iv,
    fmt_value,
    judge,
    same_noun,
    sentences,
    share_figure,
    show,
    show_count,
    tok,
    whole_by_subject,
    word_figure,
)

_HUNDRED = Decimal(100)

# ---- phrasings, as data ------------------------------------------------------------------
#: "Macao's", "the city's", "the", "its": what may stand between "of" and the whole.
_POSS = (
    r"(?:(?:the|its|their|our|his|her|this|that|these|those|all)\s+)?"
    r"(?:[\w.&-]+(?:\s+[\w.&-]+){0,3}?['’]s?\s+)?(?:total\s+|entire\s+|whole\s+|combined\s+)?"
)
#: A few words naming what was counted or measured ("residents", "of land").
_TAIL = r"(?:(?:\s+(?!(?:and|but|while|whereas|which|who|that|with|of)\b)[a-z][\w-]*){0,3})"
#: Between a figure and its restatement as a share: ", or", " (", ", that is", ...
_SEP = (
    r"\s*(?:,|\(|—|–|:)\s*(?:or\s+(?:about\s+|roughly\s+|some\s+|nearly\s+|almost\s+)?|that\s+is\s+|"
    r"i\.e\.,?\s+|representing\s+|accounting\s+for\s+|equal\s+to\s+|equivalent\s+to\s+|making\s+up\s+)?"
)
_WORD = (
    r"(?P<word>(?:the|a)\s+(?:large\s+|vast\s+|clear\s+|slim\s+|narrow\s+|small\s+)?(?:majority|minority)|most|"
    r"(?:nearly|almost|virtually|practically)\s+all)"
)
#: What must not follow a share (it is then a change, a rate, or a share of something else).
_NOT_SHARE = (
    r"(?!\s*(?:more|less|fewer|higher|lower|larger|smaller|increase|decrease|rise|growth|drop|"
    r"decline|jump|up\b|down\b|a year|per\b|annually|each|"
    r"of\s+(?:whom|which|them|these|those|it)\b|"
    r"point|percentage point))"
)
_S = rf"(?:{HEDGE}{tok('s')}|{_WORD})"
_NP = r"(?P<np>(?:the\s+|its\s+|their\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
_NP_END = (
    r"(?=\s*(?:[,.;:)]|$|\s+(?:is|are|was|were|will|would|has|have|had|could|can|may|is\s+to)\b))"
)

TEMPLATES: dict[str, re.Pattern[str]] = {
    # "100,000 of Macao's 570,000 residents, 18 percent"
    "part-of-whole-share": re.compile(
        rf"{tok('p')}\s+(?:out\s+)?of\s+{_POSS}{tok('w')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}", re.I
    ),
    # "87 hectares, or 35% of the 250-hectare district"; "300 hectares (48%) of the 627-ha site"
    "part-share-of-whole": re.compile(
        rf"{tok('p')}{_TAIL}{_SEP}{_S}\)?\s+of\s+{_POSS}{tok('w')}", re.I
    ),
    # "one third of the 627-hectare site, 209 hectares";
    # "18 percent of Macao's 570,000 residents, some 100,000"
    "share-of-whole-part": re.compile(
        rf"{_S}\s+of\s+{_POSS}{tok('w')}{_TAIL}{_SEP}{HEDGE}{tok('p')}", re.I
    ),
    # "Of Hong Kong's 7.4 million residents, about 1.5 million, or 20%, are over 65"
    "of-whole-part-share": re.compile(
        rf"\bof\s+{_POSS}{tok('w')}{_TAIL}\s*,\s*{HEDGE}{tok('p')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}",
        re.I,
    ),
    # "250 hectares, of which 87 hectares (35%)"
    "whole-of-which-part-share": re.compile(
        rf"{tok('w')}{_TAIL}\s*,?\s+(?:of\s+which|of\s+whom)\s+{HEDGE}{tok('p')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}",
        re.I,
    ),
    # "250 hectares, of which 35%, or 87 hectares"
    "whole-of-which-share-part": re.compile(
        rf"{tok('w')}{_TAIL}\s*,?\s+(?:of\s+which|of\s+whom)\s+{_S}{_SEP}{HEDGE}{tok('p')}", re.I
    ),
}
#: Shares of a whole named but not measured in the phrase: its figure comes from its subject.
SUBJECT_TEMPLATES: dict[str, re.Pattern[str]] = {
    # "Around 35% of the district will be parkland, roughly 87 hectares"
    "share-of-subject-part": re.compile(
        rf"{_S}\s+of\s+{_NP}{_NP_END}(?P<mid>[^⟦.;]{{0,60}}?)\s*(?:,|\(|—|–|:)\s*(?:or\s+|that\s+is\s+)?{HEDGE}{tok('p')}",
        re.I,
    ),
    # "The park covers 87 hectares, about 35% of the district."
    "part-share-of-subject": re.compile(
        rf"{tok('p')}{_TAIL}{_SEP}{_S}\s+of\s+{_NP}{_NP_END}", re.I
    ),
}
#: "700 of the 600 residents": a part above its whole, with no share stated.
PART_OF_WHOLE = re.compile(rf"{tok('p')}\s+(?:out\s+)?of\s+{_POSS}{tok('w')}", re.I)


class ShareOptions(DerivedOptions):
    """Options of HF701."""

    nearly_all_from: Decimal = Field(
        default=Decimal(75),
        ge=0,
        le=100,
        description="'nearly all' / 'almost all' covers [this, 100] percent",
    )
    fraction_word_tolerance: Decimal = Field(
        default=Decimal("2.5"),
        ge=0,
        le=50,
        description="a fraction in words ('one third') covers ± this many percentage points",
    )


class ShareContradicted(Rule):
    """A share or fraction a text states agrees with the part and whole it is a share of.

    What it checks:
        A part, its whole and the share between them, stated together: "100,000 of Macao's
        570,000 residents, 18 percent", "87 hectares, or 35% of the 250-hectare district",
        "one third of the 627-hectare site, 209 hectares", "the majority of its 12
        campuses, seven", "nearly all of the 120 residents, 118 people", "250 hectares, of
        which 87 hectares (35%)". When the whole is named but not measured ("Around 35% of
        the district will be parkland, roughly 87 hectares"), its figure is the one the
        same document states for that subject, if it states exactly one. The share is
        recomputed as part / whole with interval arithmetic (every input's rounding and
        hedge carried through) and compared with the stated share. "The majority" is more
        than 50%, "most" too, "nearly all" at least 75% (an option), "a minority" below 50%;
        fractions in words ("one third") are read as ± 2.5 points (an option). A part larger
        than its whole, or a share above 100% of it, fails. A fraction whose part comes
        first ("some 300 hectares, about half of the 627-hectare site") is HF501's.
    Why it matters:
        A share that its own part and whole contradict means one of the three figures is
        wrong; readers quote shares more than anything else.
    Flagged:
        "100,000 of Macao's 570,000 residents, 40 percent, live in the north."
        (100,000 / 570,000 = 17.5%; even read as rounded, 100,000 allows at most 26.5%)
    Consistent:
        "100,000 of Macao's 570,000 residents, 18 percent, live in the north."
        (17.5%, consistent within rounding)
    """

    code = "HF701"
    name = "share-contradicted"
    scope = Scope.DOCUMENT
    Options = ShareOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, ShareOptions)
        seen: set[tuple[str, ...]] = set()
        for s in sentences(ctx):
            if len(s.claims) < 2:
                continue
            for name, pat in TEMPLATES.items():
                for m in _overlapping(pat, s.tokens):
                    p, w = s.claim(m, "p"), s.claim(m, "w")
                    assert p is not None and w is not None
                    share = self._share(ctx, s, m, opts)
                    if share is None or not self._tied(ctx, s, p, w):
                        continue
                    k = (p.id, w.id, *(c.id for c in share.claims), share.text)
                    if k in seen:
                        continue
                    seen.add(k)
                    chk = self._judge(ctx, p, [w], share, name)
                    if chk is not None:
                        yield chk
            for name, pat in SUBJECT_TEMPLATES.items():
                for m in _overlapping(pat, s.tokens):
                    p = s.claim(m, "p")
                    assert p is not None
                    share = self._share(ctx, s, m, opts)
                    if share is None:
                        continue
                    key = _subject_key(ctx, s, m.start("np"), m.end("np"))
                    if key is None or key == p.subject or p.kind not in _PART_KINDS:
                        continue
                    wholes = whole_by_subject(ctx, s.doc_id, key, p.kind, exclude=[p])
                    wholes = [w for w in wholes if compatible(p, w)]
                    if not wholes:
                        continue
                    k = (p.id, "subject", key, *(c.id for c in share.claims), share.text)
                    if k in seen:
                        continue
                    seen.add(k)
                    chk = self._judge(ctx, p, wholes, share, name, resolved=True)
                    if chk is not None:
                        yield chk
            for m in _overlapping(PART_OF_WHOLE, s.tokens):
                p, w = s.claim(m, "p"), s.claim(m, "w")
                assert p is not None and w is not None
                if not self._tied(ctx, s, p, w) or any((p.id, w.id) == k[:2] for k in seen):
                    continue
                fp, fw = figure_of(p, ctx, opts), figure_of(w, ctx, opts)
                if fp is None or fw is None or not fp.interval.entirely_above(fw.interval):
                    continue
                seen.add((p.id, w.id))
                yield self._above_whole(ctx, p, w, fp, fw)

    # ---- pieces --------------------------------------------------------------------------
    def _share(
        self, ctx: Context, s: Sentence, m: re.Match[str], opts: ShareOptions
    ) -> Figure | None:
        word = m.groupdict().get("word")
        if word:
            return _word_share(word, opts)
        c = s.claim(m, "s")
        if c is None or c.kind not in {"percent", "ratio"}:
            return None
        if c.kind == "ratio":
            low = c.text.lower()
            if (
                "time" in low
                or "fold" in low
                or getattr(c, "value", 0) > 1
                or _hf501_reads(ctx, s, c)
            ):
                return None
        f = share_figure(c, ctx, opts)
        if f is None:
            return None
        if (
            c.kind == "ratio"
            and c.qualifier is Qualifier.EXACT
            and not re.search(r"\d", c.number or c.text)
        ):
            tol = opts.fraction_word_tolerance
            iv = f.interval
            widened = Interval(
                low=None if iv.low is None else max(Decimal(0), iv.low - tol),
                high=None if iv.high is None else iv.high + tol,
                low_open=iv.low_open,
                high_open=iv.high_open,
            )
            f = Figure(
                text=f.text,
                interval=widened,
                digits=widened,
                point=f.point,
                claims=f.claims,
                hedged=True,
                reading="vague",
            )
        return f

    @staticmethod
    def _tied(ctx: Context, s: Sentence, p: Claim, w: Claim) -> bool:
        """Part and whole measure the same thing ("200 of the 50 firms' staff" does not)."""
        if p.kind not in _PART_KINDS or not compatible(p, w):
            return False
        if re.match(r"^['’]", s.after(w, 2)):
            return False
        return same_noun(p, w)

    def _judge(
        self,
        ctx: Context,
        p: Claim,
        wholes: list[Claim],
        share: Figure,
        template: str,
        resolved: bool = False,
    ) -> Check | None:
        opts = self.options
        assert isinstance(opts, ShareOptions)
        fp = figure_of(p, ctx, opts)
        fws = [f for f in (figure_of(w, ctx, opts) for w in wholes) if f is not None]
        if fp is None or not fws:
            return None
        fw = fws[0]
        for other in fws[1:]:  # restatements of the whole: the widest reading
            fw = Figure(
                text=fw.text,
                interval=fw.interval.hull(other.interval),
                digits=fw.digits.hull(other.digits),
                point=fw.point,
                claims=fw.claims + other.claims,
                hedged=fw.hedged or other.hedged,
            )
        claims = [p, *wholes, *share.claims]
        if resolved and not fw.interval.entirely_above(fp.interval):
            return None  # a whole found through its subject that is not larger: no verdict
        if fp.interval.entirely_above(fw.interval):
            return self._above_whole(ctx, p, wholes[0], fp, fw, share)
        if share.interval.low is not None and share.interval.low > _HUNDRED:
            return ctx.make_check(
                self,
                Status.FAIL,
                claims,
                f"{share.text} of {show(wholes[0])}: a share of a whole cannot exceed 100% "
                f"(stated {fmt_iv(share.interval, unit='%')})",
                margin=f"{fmt_iv(share.interval, unit='%')} > 100%",
                key=template,
            )
        outcome = evaluate(lambda a, b: _pct(a, b), fp, fw)
        factor, unit = display_factor(p)
        formula = f"{_show(p, factor, unit)} / {_show(wholes[0], factor, unit)}"
        return judge(
            ctx,
            self,
            claims=claims,
            label="",
            formula=formula,
            outcome=outcome,
            stated=share,
            unit="%",
            mismatch="the share does not match its part and whole",
            key=template,
        )

    def _above_whole(
        self, ctx: Context, p: Claim, w: Claim, fp: Figure, fw: Figure, share: Figure | None = None
    ) -> Check:
        factor, unit = display_factor(p)
        claims = [p, w, *(share.claims if share else ())]
        gap = fp.interval.gap(fw.interval)
        return ctx.make_check(
            self,
            Status.FAIL,
            claims,
            f"{_show(p, factor, unit)} {fmt_iv(fp.interval, factor, unit)} of "
            f"{_show(w, factor, unit)} {fmt_iv(fw.interval, factor, unit)}: "
            "the part exceeds its whole, a share above 100%",
            margin=f"off by at least {fmt_value(gap, factor)} {unit}".rstrip(),
        )


_PART_KINDS = {"area", "floor_area", "length", "count", "money", "quantity"}


def _pct(a: Interval, b: Interval) -> Interval | None:
    q = a / b
    return None if q is None else q.scale(_HUNDRED)


def _show(c: Claim, factor: Decimal, unit: str) -> str:
    return show_count(c) if c.kind == "count" else show(c, factor, unit)


def _word_share(word: str, opts: ShareOptions) -> Figure:
    w = " ".join(word.lower().split())
    if "minority" in w:
        return word_figure(word, Decimal(0), Decimal(50), high_open=True)
    if "majority" in w or w == "most":
        return word_figure(word, Decimal(50), _HUNDRED, low_open=True)
    return word_figure(word, opts.nearly_all_from, _HUNDRED, vague=True)


def _overlapping(pat: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches starting at every token (one figure can be a part here and a whole there)."""
    starts = sorted({0, *(m.start() for m in re.finditer(r"⟦\d+⟧", text))})
    # The first match at or after a start is also the first at or after every later start
    # up to it: searched again only past it, so the sentence is scanned once, not once per
    # figure (a sentence of 4,000 figures was quadratic).
    m: re.Match[str] | None = None
    for st in starts:
        if m is not None and m.start() >= st:
            continue  # the same match again
        m = pat.search(text, st)
        OPS.add("hf701.scanned", (len(text) if m is None else m.start()) - st)
        if m is None:
            return  # none after this start, so none after any later one
        yield m


def _hf501_reads(ctx: Context, s: Sentence, r: Claim) -> bool:
    """HF501 checks "<part>, about half of the <whole>": a fraction that follows its part."""
    m = _HF501_RATIO_OF.match(s.after(r, 400))
    if not m:
        return False
    same = [c for c in s.claims if c.kind in _HF501_MEASURES and c.interval is not None]
    whole = next((c for c in same if c.start >= r.end and c.start - r.end <= m.end() + 30), None)
    return whole is not None and any(c.end <= r.start and c.kind == whole.kind for c in same)


def _subject_key(ctx: Context, s: Sentence, t0: int, t1: int) -> str | None:
    """The subject a noun phrase ("the district") names: a mention that ends with it."""
    start, end = s.raw_pos(t0), s.raw_pos(t1 - 1) + 1
    ex = ctx.extractions[s.doc_id]
    for mm in ex.mentions:
        if start <= mm.start < end and mm.end == end and mm.key and not mm.locative:
            return mm.key
    return None
