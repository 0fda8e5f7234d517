"""HF202 restatement-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.link._view import digits_interval
from hetao_facts.link.restatement import rounding_interval
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor, operand
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import fmt_iv, fmt_num
from hetao_facts.rules.linked._common import soft_reason

TINY = Decimal("1e-9")


class RestatementDisagrees(Rule):
    """A figure restated in other units, or repeated, says the same quantity.

    What it checks:
        Restatement relations of the linking stage. A figure followed by the same quantity
        in other units ("2,400 km² (927 sq mi)", "12 miles, or 19 km", "7/km² (18/mi²)")
        is one number written twice: the two must agree within the rounding of their
        digits. A hedge on the first figure ("approximately 647 km² (238 mi²)") covers
        both and does not widen the conversion. A figure repeated with the same unit and
        counted noun is reported as agreeing (an inferred relation).
    Why it matters:
        Conversions are computed by hand, copied from another source or left stale when
        the first figure is revised; a wrong one misleads every reader who uses the other
        unit.
    Flagged:
        "The lake covers 647 km² (238 sq mi)." (647 km² is 249.8 sq mi)
    Consistent:
        "The lake covers 647 km² (250 sq mi)."
    """

    code = "HF202"
    name = "restatement-disagrees"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.RESTATEMENT):
            claims = ctx.claims_of(rel.claims)
            if rel.note == "repeat":
                shown = claims[0].text
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    claims,
                    f"{shown} is stated {len(claims)} times in the same words and unit "
                    f"(a repeat found by matching, an inferred relation): agree",
                    basis="exact",
                    key=rel.id,
                )
                continue
            a, b = claims[0], claims[1]
            if rel.note == "table":
                # prose restating a cell: the prose figure is read as written, hedge included
                ia, ib = a.interval, b.interval
            elif rel.note == "rounded":
                # the round figure stands for all it rounds: "2.8 million" is 2.75 to 2.85 million
                ia, ib = a.interval, rounding_interval(b)
            else:
                ia = digits_interval(a, round_trailing_zeros=ctx.tolerances.round_trailing_zeros)
                ib = digits_interval(b, round_trailing_zeros=ctx.tolerances.round_trailing_zeros)
            if ia is None or ib is None:
                continue
            factor, unit = display_factor(b)
            a_in_b = f"{fmt_num(getattr(a, 'value') / factor)} {unit}"  # noqa: B009
            ops = [
                operand(f"{a.text} in {unit}", ia, factor, unit),
                operand(f"{b.text} (restated)", ib, factor, unit),
            ]
            arith = (
                f"{a.text} is {a_in_b} {fmt_iv(ia, factor, unit)}; restated as {b.text} "
                f"{fmt_iv(ib, factor, unit)}"
            )
            what = f"conversion ('{rel.cue}')"
            if rel.note == "rounded":
                what = "a precise figure restated rounded (found by its value, inferred)"
            if rel.note == "table":
                row = f"row '{rel.cue}'" if rel.cue else "the one cell of that value"
                what = f"a table cell restated in the text ({row}, an inferred relation)"
                arith = (
                    f"{a.text} {fmt_iv(ia, factor, unit)} in the text; {b.text} "
                    f"{fmt_iv(ib, factor, unit)} in the table"
                )
            if ia.overlaps(ib):
                va, vb = getattr(a, "value", None), getattr(b, "value", None)
                exact = va is not None and vb is not None and abs(va - vb) <= abs(va) * TINY
                basis = "exact" if exact else "rounding"
                why = "consistent" if exact else "consistent within rounding"
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    claims,
                    f"{what}: {arith}: {why}",
                    operands=ops,
                    basis=basis,
                    key=rel.id,
                )
                continue
            gap = ia.gap(ib)
            margin = f"off by at least {fmt_num(gap / factor)} {unit}"
            soft = soft_reason(rel)
            fix = f"{a.text} is about {a_in_b}"
            if rel.note == "table":
                fix = f"the table has {b.text} ({b.unit or unit})"
            msg = f"{what}: {arith}: the two do not agree ({margin}); {fix}"
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                claims,
                msg + (f"; {soft}" if soft else ""),
                operands=ops,
                margin=margin,
                key=rel.id,
            )
