"""HF704 area-exceeds-dimensions."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Operand, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    DerivedOptions,
    Figure,
    figure_of,
    fmt_iv,
    fmt_num,
    held_to,
    show,
)


class AreaExceedsDimensions(Rule):
    """An area does not exceed its stated length times its greatest width.

    What it checks:
        Bounding-rectangle relations of the linking stage (`hetao_facts.link.bounds`).
        When a text states a length and a width for something ("2.5 miles long and 0.5
        miles wide", "a 300 m by 200 m plot", "a length of 10 km and a width of up to 3
        km") and an area for the same thing (in the same sentence, or the one area the
        document states for its subject), the area must not exceed length × width: of all
        shapes that fit in that length and greatest width, the rectangle has the largest
        area. Plain "wide" is read as the greatest width (the message says so); widths
        said to be an average, typical or minimum, and areas that may be floor space
        (several storeys can exceed a footprint), give no verdict.
    Why it matters:
        An area larger than its bounding rectangle is impossible: the area, the length or
        the width is wrong (often a unit slip, such as square miles for square kilometres).
    Flagged:
        "The park is 2.5 miles long and 0.5 miles wide, covering 3.2 square miles."
        (2.5 mi × 0.5 mi = 1.25 sq mi at most)
    Consistent:
        "The park is 2.5 miles long and 0.5 miles wide, covering 1.1 square miles."
    """

    code = "HF704"
    name = "area-exceeds-dimensions"
    scope = Scope.DOCUMENT
    Options = DerivedOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, DerivedOptions)
        for rel in ctx.relations_of(RelationKind.COMPARISON):
            if not rel.note.startswith("bounding rectangle"):
                continue  # parts of a whole: HF104; multiples: HF710
            (length,), (width,), (area,) = (
                ctx.claims_of(rel.role("length")),
                ctx.claims_of(rel.role("width")),
                ctx.claims_of(rel.role("area")),
            )
            chk = held_to(
                rel, self._judge(ctx, length, width, area, "plain wide" in rel.note, opts)
            )
            if chk is not None:
                yield chk

    def _judge(
        self,
        ctx: Context,
        length: Claim,
        width: Claim,
        area: Claim,
        plain_wide: bool,
        opts: DerivedOptions,
    ) -> Check | None:
        fl, fw, fa = (
            figure_of(length, ctx, opts),
            figure_of(width, ctx, opts),
            figure_of(area, ctx, opts),
        )
        if fl is None or fw is None or fa is None:
            return None
        bound = fl.interval * fw.interval
        bound_digits = fl.digits * fw.digits
        point = fl.point * fw.point
        factor, unit = display_factor(area)
        lf, lu = display_factor(length)
        wf, wu = display_factor(width)
        formula = f"{show(length, lf, lu)} × {show(width, wf, wu)}"
        rect = f"{formula} = {fmt_num(point / factor)} {unit} {fmt_iv(bound, factor)}"
        stated = f"{show(area, factor, unit)} {fmt_iv(fa.interval, factor)}"
        reading = f"; '{width.text} wide' read as the greatest width" if plain_wide else ""
        ops = [
            Operand(
                label=f"{formula} (bounding rectangle)", interval=bound.scale(1 / factor), unit=unit
            ),
            Operand(
                label=f"{show(area, factor, unit)} (stated)",
                interval=fa.interval.scale(1 / factor),
                unit=unit,
            ),
        ]
        claims = [length, width, area]
        if fa.interval.entirely_above(bound):
            gap = fa.interval.gap(bound)
            return ctx.make_check(
                self,
                Status.FAIL,
                claims,
                f"{stated} exceeds {rect}: an area cannot exceed its length × greatest width "
                f"(a rectangle is the largest shape that fits){reading}",
                plain=f"{show(area, factor, unit)} is more than {formula} = "
                f"{fmt_num(point / factor)} {unit}, the most a site that long and that wide "
                f"can cover{reading}; an area of at most {fmt_num(point / factor)} {unit}, or "
                "a greater length or width, would agree",
                operands=ops,
                margin=f"off by at least {fmt_num(gap / factor)} {unit}",
            )
        basis, why = _basis(fa, point, bound_digits)
        share = f"{fmt_num(fa.point / point * 100, 3)}% of the rectangle" if point else None
        return ctx.make_check(
            self,
            Status.PASS,
            claims,
            f"{stated} ≤ {rect}: {why}{reading}" + (f" ({share})" if share else ""),
            operands=ops,
            basis=basis,
            margin=share,
        )


def _basis(fa: Figure, point: Decimal, bound_digits: Interval) -> tuple[str, str]:
    if fa.point <= point:
        return "exact", "fits within the bounding rectangle"
    if bound_digits.high is None or not fa.digits.entirely_above(bound_digits):
        return "rounding", "fits within the bounding rectangle only thanks to rounding"
    return "hedge", "fits within the bounding rectangle only thanks to the hedge"
