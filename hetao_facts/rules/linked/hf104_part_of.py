"""HF104 part-larger-than-its-whole."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.link import RelationKind, Strength
from hetao_facts.link.comparisons import bare
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor, fmt_interval, operand
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason


class PartLargerThanItsWhole(Rule):
    """A figure the text calls part of another is at most that figure.

    What it checks:
        Comparison relations of the linking stage: "A of B" between two figures of one
        kind ("11,500 of its 26,000 acres", "22 of the 33 groups", "one wing of its four
        wings"), "B, of which A" (one part after "of which"), and a rank among the
        number ranked ("27th of 40"). A bare number before "of" takes the unit of the
        figure after it ("11,500 of its 26,000 acres"). The part's interval must not lie
        wholly above the whole's. Also shares of a narrower group against the group it
        belongs to, by the meaning of the words ("9% living alone aged 65 or older" within
        "26% one-person households" within "31% non-family households", link/subsets.py):
        inferred, so they pass or warn, never fail; and one part's figure within the
        aggregate ("a total capacity of 18,200 seats ... 9,500 in a single hall"), also
        inferred; and a count now within the room stated after it ("six berths, with
        room for up to nine"), inferred. HF104 owns "A of B" without a share; a share
        stated with them ("11,500 of its 26,000 acres, or 44%") is HF701's to recompute.
    Why it matters:
        A part larger than its whole is a typo in one of the two figures, or two figures
        from different sources put side by side.
    Flagged:
        "The port uses 29,000 of its 26,000 acres for shipping."
    Consistent:
        "The port uses 11,500 of its 26,000 acres for shipping."
    """

    code = "HF104"
    name = "part-larger-than-its-whole"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.COMPARISON):
            if not rel.role("part"):
                continue  # a multiple ("four times faster than"): HF710
            (part,), (whole,) = ctx.claims_of(rel.role("part")), ctx.claims_of(rel.role("whole"))
            ip, iw = part.interval, whole.interval
            if ip is None or iw is None:
                continue
            if bare(part) and whole.kind != "count" and whole.stated:
                value = getattr(whole, "value", None)
                if not isinstance(value, Decimal):
                    continue
                ip = ip.scale(value / whole.stated)  # "11,500 of its 26,000 acres": acres
            factor, unit = display_factor(whole)
            if part.kind == "ordinal":
                factor, unit = display_factor(part)
            shown = (
                f"{rel.note} ('{rel.cue}'): {part.text} {fmt_interval(ip, factor, unit)} "
                f"and {whole.text} {fmt_interval(iw, factor, unit)}"
            )
            ops = [operand(part.text, ip, factor, unit), operand(whole.text, iw, factor, unit)]
            if ip.entirely_above(iw):
                soft = soft_reason(rel)
                yield ctx.make_check(
                    self,
                    Status.WARN if soft else Status.FAIL,
                    [part, whole],
                    f"{shown}: the part is larger than its whole" + (f"; {soft}" if soft else ""),
                    operands=ops,
                    key=rel.id,
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [part, whole],
                    f"{shown}: the part is within its whole"
                    + ("" if rel.confident else " (the whole was found loosely, by its words)")
                    + (
                        " (inferred: the meaning of the words ties the figures; the text "
                        "does not state it)"
                        if rel.strength is Strength.INFERRED
                        else ""
                    ),
                    operands=ops,
                    basis="exact",
                    key=rel.id,
                )
