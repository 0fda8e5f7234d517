"""HF705 total-contradicted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.model import Check, Operand, Status
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
    next_sentence,
    same_noun,
    same_thing,
    sentences,
    show,
    show_count,
    tok,
)
from hetao_facts.rules.derived.hf702_per_unit import EACH_AFTER, PER_NOUN_AFTER, is_total

# ---- phrasings, as data ------------------------------------------------------------------
_POSS = r"(?:(?:the|its|their|our|these|those|all)\s+)?(?:[\w.&-]+(?:\s+[\w.&-]+){0,3}?['’]s?\s+)?"
#: The whole being split: "three of the eight buildings", "Of the 40 buildings,", "out of 12".
WHOLE = re.compile(rf"\b(?:out\s+of|of)\s+{_POSS}{tok('t')}", re.I)
#: The part that completes a split: "the remaining five", "the rest, 12,", "the other five".
#: ("three others", "two remain", "the last two" need not be all the rest: no verdict.)
REMAINDER = re.compile(
    rf"\b(?:(?:the\s+)?remaining\s+{HEDGE}{tok('r')}|the\s+other\s+{HEDGE}{tok('r1')}|"
    rf"the\s+rest\s*(?:,|—|\(|:)?\s*(?:of\s+them\s+)?(?:,\s*)?{HEDGE}{tok('r2')})",
    re.I,
)
NEXT_REMAINDER = re.compile(
    rf"^\s*(?:The\s+)?(?:remaining|other|rest(?:\s+of\s+them)?)\s*,?\s*{HEDGE}{tok('r')}", re.I
)
#: Where a part may stand: at the start of a clause, not as an object ("25 have 3 floors").
PART_BEFORE = re.compile(
    rf"(?:^|[,;:—(]|\band\b|\bwhile\b|\bwhereas\b|\bwith\b|\bbut\b)\s*(?:the\s+(?:remaining|other|last)\s+|another\s+|"
    rf"a\s+further\s+|the\s+rest\s*,?\s*)?{HEDGE}$",
    re.I,
)
#: An average: "an average of 30,000 m²", "averaging 450 pupils", "450 pupils on average".
AVERAGE_BEFORE = re.compile(
    rf"\b(?:an?\s+average\s+of|averag(?:es|ed|ing)|on\s+average|a\s+mean\s+of)\s+{HEDGE}$", re.I
)
#: What may stand between the count and its average ("The 12 schools have an average of ...").
CLAUSE_BREAK = re.compile(r"[;:]|\b(?:and|while|whereas|but|although|though|which|where)\b", re.I)
#: The average is per the counted thing: "... each", "... per school", "... a building".
AVERAGE_EACH = re.compile(
    r"^\s*(?:each|apiece|(?:per|a|an|for\s+each)\s+(?P<noun>[a-z][a-z-]+))\b", re.I
)
AVERAGE_AFTER = re.compile(r"^\s*(?:(?:each|apiece|per\s+\w+|a\s+\w+)\s+)?on\s+average\b", re.I)
_SUM_KINDS = {"count", "area", "floor_area", "length", "money"}


class TotalContradicted(Rule):
    """Parts add up to the total they split, and an average agrees with its total and count.

    What it checks:
        A whole split into parts that the text says are all of it ("three of the eight
        buildings are open, the remaining five under construction", "Of the 40 buildings,
        25 are offices, 10 are shops and the remaining 5 are homes"; the remainder may
        open the next sentence): the parts must add up to the whole. An average stated with
        its total and its count ("The 12 schools have an average of 450 pupils, 5,400 in
        total", "360,000 m² across 12 towers, an average of 30,000 m² each"): total / count
        must match the average. Without a word for the remainder ("remaining", "the rest",
        "other") the parts need not be all of the whole, and there is no verdict.
    Why it matters:
        A split that does not add up, or an average that its own total contradicts, means
        a part is missing or a figure is wrong.
    Flagged:
        "Three of the eight buildings are open; the remaining four are under construction."
    Consistent:
        "Three of the eight buildings are open; the remaining five are under construction."
    """

    code = "HF705"
    name = "total-contradicted"
    scope = Scope.DOCUMENT
    Options = DerivedOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, DerivedOptions)
        for s in sentences(ctx):
            chk = self._split(ctx, s, opts)
            if chk is not None:
                yield chk
            chk = self._average(ctx, s, opts)
            if chk is not None:
                yield chk

    # ---- parts of a whole ------------------------------------------------------------------
    def _split(self, ctx: Context, s: Sentence, opts: DerivedOptions) -> Check | None:
        wholes = [m for m in WHOLE.finditer(s.tokens)]
        if len(wholes) != 1:
            return None
        t = s.claim(wholes[0], "t")
        assert t is not None
        if t.kind not in _SUM_KINDS or re.match(r"^['’]", s.after(t, 2)):
            return None
        rest = [m for m in REMAINDER.finditer(s.tokens)]
        extra: list[Claim] = []
        remainder: Claim | None = None
        if len(rest) == 1:
            remainder = s.claim(rest[0], "r") or s.claim(rest[0], "r1") or s.claim(rest[0], "r2")
        elif not rest:
            nxt = next_sentence(ctx, s)
            m = NEXT_REMAINDER.match(nxt.tokens) if nxt is not None else None
            if nxt is not None and m:
                remainder = nxt.claim(m, "r")
                if remainder is not None:
                    extra = [remainder]
        if remainder is None or not compatible(remainder, t) or not same_noun(remainder, t):
            return None
        parts: list[Claim] = []
        for i, c in enumerate(s.claims):
            if c.id == t.id or not compatible(c, t):
                continue
            pos = s.tokens.index(f"⟦{i}⟧")
            at_start = (
                bool(PART_BEFORE.search(s.tokens[max(0, pos - 40) : pos])) or c.id == remainder.id
            )
            if not same_noun(c, t):
                if at_start:
                    return None  # "25 offices, 10 shops": parts named differently, no verdict
                continue
            if not at_start:
                return None  # a figure of the same kind we cannot place: no verdict
            parts.append(c)
        parts += extra
        if len(parts) < 2 or remainder not in parts:
            return None
        figs = [figure_of(c, ctx, opts) for c in parts]
        ft = figure_of(t, ctx, opts)
        if ft is None or any(f is None for f in figs):
            return None
        total = Interval.point(0)
        point = Decimal(0)
        for f in figs:
            assert f is not None
            total = total + f.interval
            point += f.point
        factor, unit = display_factor(t)
        terms = " + ".join(show(c, factor, unit) for c in parts)
        shown = fmt_num(point / factor) + ("" if t.kind == "count" else f" {unit}")
        what = f"{terms} = {shown} {fmt_iv(total, factor)}"
        stated = f"{show(t, factor, unit)} {fmt_iv(ft.interval, factor)}"
        ops = [
            Operand(label=terms, interval=total.scale(1 / factor), unit=unit),
            Operand(
                label=f"{show(t, factor, unit)} (stated)",
                interval=ft.interval.scale(1 / factor),
                unit=unit,
            ),
        ]
        claims = [*parts, t]
        if total.overlaps(ft.interval):
            exact = point == ft.point
            basis = (
                "exact"
                if exact
                else ("hedge" if any(f.hedged for f in (*figs, ft) if f) else "rounding")
            )
            tail = (
                "the parts add up to the whole"
                if exact
                else "the parts add up to the whole within "
                + ("the hedge" if basis == "hedge" else "rounding")
            )
            return ctx.make_check(
                self,
                Status.PASS,
                claims,
                f"{what} vs stated whole {stated}: {tail}",
                operands=ops,
                basis=basis,
                margin=None
                if exact
                else f"{fmt_num(abs(point - ft.point) / factor)} {unit} apart".strip(),
            )
        gap = total.gap(ft.interval)
        return ctx.make_check(
            self,
            Status.FAIL,
            claims,
            f"{what} vs stated whole {stated}: "
            "the parts, the remainder included, do not add up to the whole",
            operands=ops,
            margin=f"off by at least {fmt_num(gap / factor)} {unit}".rstrip(),
        )

    # ---- an average, its total and its count -------------------------------------------
    @staticmethod
    def _tied(s: Sentence, n: Claim, x: Claim) -> bool:
        """The average is per the counted thing: "each", "per <noun>", or it follows the count
        in its clause ("The 12 schools have an average of 450 pupils")."""
        m = AVERAGE_EACH.match(s.after(x, 30))
        if m:
            noun = m.group("noun")
            cn = getattr(n, "noun", None)
            return noun is None or (cn is not None and same_thing(noun, cn.split()[0]))
        if n.end > x.start:
            return False
        between = s.raw[n.end - s.span.start : x.start - s.span.start]
        return (
            len(between) <= 60
            and not CLAUSE_BREAK.search(between)
            and not any(n.end <= c.start < x.start for c in s.claims)
        )

    def _average(self, ctx: Context, s: Sentence, opts: DerivedOptions) -> Check | None:
        xs = []
        for i, c in enumerate(s.claims):
            if c.kind not in _SUM_KINDS:
                continue
            pos = s.tokens.index(f"⟦{i}⟧")
            if AVERAGE_BEFORE.search(s.tokens[max(0, pos - 50) : pos]) or AVERAGE_AFTER.match(
                s.after(c, 40)
            ):
                xs.append(c)
        if len(xs) != 1:
            return None
        x = xs[0]
        counts = [
            c
            for c in s.claims
            if c.kind == "count"
            and c.id != x.id
            and not (
                x.kind == "count"
                and same_noun(c, x)
                and getattr(c, "noun", None)
                and getattr(x, "noun", None)
            )
        ]
        totals = [
            c
            for c in s.claims
            if c.id != x.id
            and compatible(c, x, floor_mix=True)
            and not PER_NOUN_AFTER.match(s.after(c, 30))
            and not EACH_AFTER.match(s.after(c, 20))
        ]
        if x.kind == "count":
            totals = [
                c
                for c in totals
                if is_total(s, c) or (getattr(c, "noun", None) and same_noun(c, x))
            ]
        marked = [c for c in totals if is_total(s, c)]
        if len(totals) > 1:
            totals = marked
        counts = [c for c in counts if all(c.id != tt.id for tt in totals)]
        if len(totals) != 1 or len(counts) != 1:
            return None
        t, n = totals[0], counts[0]
        if not self._tied(s, n, x):
            return None
        ft, fn, fx = figure_of(t, ctx, opts), figure_of(n, ctx, opts), figure_of(x, ctx, opts)
        if ft is None or fn is None or fx is None:
            return None
        fx = Figure(
            text=f"average {fx.text}",
            interval=fx.interval,
            digits=fx.digits,
            point=fx.point,
            claims=fx.claims,
            hedged=fx.hedged,
            reading=fx.reading,
        )
        outcome = evaluate(lambda a, b: a / b, ft, fn)
        factor, unit = display_factor(x)
        if x.kind == "count":
            noun = getattr(x, "noun", None)
            unit = noun.split()[0] if noun else ""
        shown_t = show_count(t) if t.kind == "count" else show(t, factor, unit)
        return judge(
            ctx,
            self,
            claims=[t, n, x],
            label="average",
            formula=f"{shown_t} / {show_count(n)}",
            outcome=outcome,
            stated=fx,
            unit=unit,
            factor=factor,
            mismatch="the average does not match the total and count",
            key="average",
        )
