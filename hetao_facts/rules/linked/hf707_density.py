"""HF707 density-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind, Strength
from hetao_facts.model import Check
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import evaluate, judge
from hetao_facts.rules.linked._common import output_figure, soft_reason, stated_figure

_KM2 = Decimal("1e-6")


def _density(count: Interval, area: Interval) -> Interval | None:
    return count / area.scale(_KM2)


class DensityDisagrees(Rule):
    """A density equals the count divided by the area it is stated with.

    What it checks:
        Density relations of the linking stage: a density, a count before it and an area
        of the same text whose quotient it is ("68,200 people ... 9,350 km² ... 7/km²"),
        and the same density restated in the units of a bracketed conversion of the area
        ("7/km² (18/mi²)" beside "9,350 km² (3,610 mi²)": 18/mi² must be the count over
        3,610 mi², not the conversion of a rounded 7/km²). The stated density is read with
        every written digit significant. Found by arithmetic: passes, or warns when the
        parallel in the other units disagrees. HF707 owns these inferred densities; a
        density, per-capita or per-unit figure the text states with its total and count
        ("6,300 residents on 106.46 km², or 59 people per km²") is HF702's.
    Why it matters:
        A density converted from a rounded density instead of recomputed carries the
        rounding error into the other unit; readers compare places by these figures.
    Flagged:
        "68,200 people live on 9,350 km² (3,610 sq mi), 7/km² (18/sq mi)." (18.89/sq mi)
    Consistent:
        "68,200 people live on 9,350 km² (3,610 sq mi), 7/km² (19/sq mi)."
    """

    code = "HF707"
    name = "density-disagrees"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.DENSITY):
            if rel.strength is Strength.STATED:
                continue  # the text states the density with its count and area: HF702
            (c,), (a,), (d,) = (
                ctx.claims_of(rel.role("count")),
                ctx.claims_of(rel.role("area")),
                ctx.claims_of(rel.role("density")),
            )
            fc, fa, fd = stated_figure(c, ctx), stated_figure(a, ctx), output_figure(d, ctx)
            if fc is None or fa is None or fd is None:
                continue
            factor, unit = display_factor(d)
            label = "density" + (" in other units" if rel.note == "parallel" else "")
            check = judge(
                ctx,
                self,
                claims=[c, a, d],
                label=f"{label} (inferred)",
                formula=f"{c.text} / {a.text}",
                outcome=evaluate(_density, fc, fa),
                stated=fd,
                unit=unit,
                factor=factor,
                mismatch="the density does not match the count and the area",
                soft=soft_reason(rel),
                key=rel.id,
            )
            if check is not None:
                yield check
