"""HF705 total-contradicted."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind, Strength
from hetao_facts.model import Check, Operand, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    DerivedOptions,
    Figure,
    evaluate,
    figure_of,
    fmt_iv,
    fmt_num,
    held_to,
    judge,
    show,
    show_count,
)


class TotalContradicted(Rule):
    """Parts add up to the total they split, and an average agrees with its total and count.

    What it checks:
        Relations of the linking stage (`hetao_facts.link.remainders`,
        `hetao_facts.link.per_unit`). A whole split into parts that the text says are all
        of it ("three of the eight buildings are open, the remaining five under
        construction", "Of the 40 buildings, 25 are offices, 10 are shops and the
        remaining 5 are homes"; the remainder may open the next sentence): the parts must
        add up to the whole. An average stated with
        its total and its count ("The 12 schools have an average of 450 pupils, 5,400 in
        total", "360,000 m² across 12 towers, an average of 30,000 m² each"): total / count
        must match the average. Without a word for the remainder ("remaining", "the rest",
        "other") the parts need not be all of the whole, and there is no verdict. HF705
        owns the splits with a remainder (total_parts relations noted 'remainder') and
        the averages; every other total and its parts is HF103's, every other per-unit
        figure HF702's.
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
        for rel in ctx.relations_of(RelationKind.TOTAL_PARTS):
            if rel.note != "remainder":
                continue  # other totals and their parts: HF103
            (t,) = ctx.claims_of(rel.role("whole"))
            chk = held_to(rel, self._split(ctx, t, ctx.claims_of(rel.role("part")), opts))
            if chk is not None:
                yield chk
        for rel in ctx.relations_of(RelationKind.DENSITY):
            if rel.strength is not Strength.STATED or rel.note != "average":
                continue  # other per-unit figures: HF702 (stated), HF707 (inferred)
            (t,), (n,), (x,) = (
                ctx.claims_of(rel.role("total")),
                ctx.claims_of(rel.role("count")),
                ctx.claims_of(rel.role("per")),
            )
            chk = held_to(rel, self._average(ctx, t, n, x, opts))
            if chk is not None:
                yield chk

    # ---- parts of a whole ------------------------------------------------------------------
    def _split(
        self, ctx: Context, t: Claim, parts: list[Claim], opts: DerivedOptions
    ) -> Check | None:
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
    def _average(
        self, ctx: Context, t: Claim, n: Claim, x: Claim, opts: DerivedOptions
    ) -> Check | None:
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
