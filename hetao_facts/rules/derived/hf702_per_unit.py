"""HF702 per-unit-contradicted."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind, Strength
from hetao_facts.model import Check
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    DerivedOptions,
    evaluate,
    figure_of,
    held_to,
    judge,
    show,
    show_count,
)

_KM2 = Decimal("1e-6")  # m² -> km²


class PerUnitContradicted(Rule):
    """A density or per-unit figure agrees with the total and the count it is derived from.

    What it checks:
        Stated density relations of the linking stage (`hetao_facts.link.per_unit`): three
        figures a sentence states together: a population, an area and a density
        ("6,300 residents on 106.46 km², 59 per km²"; the area may be the one the document
        states for the density's subject); a total, a population and a per-capita figure
        ("total GDP of 3 trillion yuan, a population of 20 million, 150,000 yuan per
        capita"); a total, a count of things and a figure per thing ("1.2 billion yuan for
        400 flats, or 3 million yuan per unit", "360,000 m² across 12 buildings, 30,000 m²
        per building", "... 3 million yuan each"). The per-unit figure is recomputed as
        total / count with interval arithmetic, in any units (km², hectares, square miles;
        per km², per hectare, per square mile), and compared with the stated one. Each
        figure must be the only candidate for its role, else there is no relation;
        averages are HF705's, and densities found by arithmetic only (inferred) HF707's.
    Why it matters:
        A density or a unit cost that its own total and count contradict means one of the
        three figures is wrong.
    Flagged:
        "The island has 6,300 residents on 106.46 km², or 95 people per km²."
        (6,300 / 106.46 km² = 59 per km²)
    Consistent:
        "The island has 6,300 residents on 106.46 km², or 59 people per km²."
    """

    code = "HF702"
    name = "per-unit-contradicted"
    scope = Scope.DOCUMENT
    Options = DerivedOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, DerivedOptions)
        for rel in ctx.relations_of(RelationKind.DENSITY):
            if rel.strength is not Strength.STATED or rel.note == "average":
                continue  # inferred densities: HF707; averages: HF705
            if rel.note.startswith("population density"):
                (n,), (a,), (d,) = (
                    ctx.claims_of(rel.role("count")),
                    ctx.claims_of(rel.role("area")),
                    ctx.claims_of(rel.role("density")),
                )
                chk = self._density(ctx, n, a, d, opts)
            else:
                (t,), (n,), (u,) = (
                    ctx.claims_of(rel.role("total")),
                    ctx.claims_of(rel.role("count")),
                    ctx.claims_of(rel.role("per")),
                )
                chk = self._judge(ctx, t, n, u, rel.note, opts)
            chk = held_to(rel, chk)
            if chk is not None:
                yield chk

    def _density(
        self, ctx: Context, n: Claim, a: Claim, d: Claim, opts: DerivedOptions
    ) -> Check | None:
        fn, fa, fd = figure_of(n, ctx, opts), figure_of(a, ctx, opts), figure_of(d, ctx, opts)
        if fn is None or fa is None or fd is None:
            return None
        outcome = evaluate(_density_of, fn, fa)
        factor, unit = display_factor(d)
        formula = f"{show_count(n)} / {show(a)}"
        return judge(
            ctx,
            self,
            claims=[n, a, d],
            label="density",
            formula=formula,
            outcome=outcome,
            stated=fd,
            unit=unit,
            factor=factor,
            mismatch="the density does not match the population and area",
        )

    def _judge(
        self, ctx: Context, total: Claim, count: Claim, u: Claim, label: str, opts: DerivedOptions
    ) -> Check | None:
        ft, fn, fu = (
            figure_of(total, ctx, opts),
            figure_of(count, ctx, opts),
            figure_of(u, ctx, opts),
        )
        if ft is None or fn is None or fu is None:
            return None
        outcome = evaluate(lambda t, n: t / n, ft, fn)
        factor, unit = display_factor(u)
        if u.kind == "count":
            noun = getattr(u, "noun", None)
            unit = noun.split()[0] if noun else ""
        shown_total = show_count(total) if total.kind == "count" else show(total, factor, unit)
        formula = f"{shown_total} / {show_count(count)}"
        return judge(
            ctx,
            self,
            claims=[total, count, u],
            label=label,
            formula=formula,
            outcome=outcome,
            stated=fu,
            unit=unit,
            factor=factor,
            mismatch=f"the figure {label} does not match the total and count",
        )


def _density_of(n: Interval, a: Interval) -> Interval | None:
    return n / a.scale(_KM2)
