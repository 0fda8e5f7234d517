"""HF102 part-exceeds-whole."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import (
    display_factor,
    figures_to_compare,
    fmt_claim,
    fmt_interval,
    operand,
)
from hetao_facts.rules.base import Rule


def _time(c: Claim) -> str | None:
    return None if c.role is None or c.role.value == "current" else c.role.value


_KINDS = ("area", "floor_area", "length", "count", "money")


class PartExceedsWhole(Rule):
    """A part is never larger than the whole it belongs to.

    What it checks:
        For every part-of link the texts state ("the first phase of the park", "the zone
        comprises ... a park in Hong Kong", "It includes the Hong Kong park") or a fact sheet
        declares, each figure stated for the part must not exceed a figure stated for the
        whole, when both measure the same attribute at the same time. Land area and floor
        area are different attributes and are never compared.
    Why it matters:
        A part larger than its whole is a wrong figure or a wrong unit; a floor area
        (gross floor area, research space) is often stated as if it were land area.
    Flagged:
        "the Hong Kong park, 87 hectares" ... "the first phase of the park ... covering a
        total area of 10 million square feet" (92.9 ha > 87 ha: floor area as land area?)
    Consistent:
        "the zone comprises a 3.02 km² park ..." ... "the zone covers 3.89 km²."
    """

    code = "HF102"
    name = "part-exceeds-whole"

    def check(self, ctx: Context) -> Iterator[Check]:
        for link in sorted(ctx.part_of, key=lambda lk: (lk.whole, lk.part)):
            for kind in _KINDS:
                parts = ctx.subject_claims(link.part, kind)
                wholes = ctx.subject_claims(link.whole, kind)
                for p in parts:
                    ws = [w for w in wholes if _time(w) == _time(p)]
                    if not ws or p.interval is None:
                        continue
                    ws = figures_to_compare(ws, {p.document})
                    factor, unit = display_factor(p)
                    over = [
                        w
                        for w in ws
                        if w.interval is not None and p.interval.entirely_above(w.interval)
                    ]
                    name_p, name_w = ctx.index.show(link.part), ctx.index.show(link.whole)
                    for w in over[:1]:  # one failure per part figure is enough to act on
                        assert w.interval is not None
                        wf, wu = display_factor(w)
                        hint = ""
                        if kind == "area":
                            hint = (
                                "; a floor area (gross floor area) "
                                "may have been stated as land area"
                            )
                        msg = (
                            f"{name_p}: {fmt_claim(p)} ({fmt_claim(p, wf, wu)}) exceeds the whole, "
                            f"{name_w}: {fmt_claim(w)} {fmt_interval(w.interval, wf, wu)} "
                            f"({ctx.where(w)}){hint}"
                        )
                        plain = (
                            f"{name_p} ({fmt_claim(p, wf, wu)}) is larger than the whole it is "
                            f"part of, {name_w} ({fmt_claim(w)}, {ctx.where(w)}){hint}; the part "
                            f"can be at most {fmt_claim(w)}"
                        )
                        yield ctx.make_check(
                            self,
                            Status.FAIL,
                            [p, w],
                            msg,
                            plain=plain,
                            operands=[
                                operand(name_p, p.interval, wf, wu),
                                operand(name_w, w.interval, wf, wu),
                            ],
                        )
                    if not over:
                        w = ws[0]
                        assert w.interval is not None
                        wf, wu = display_factor(w)
                        if not all(
                            w2.interval is not None and not p.interval.entirely_above(w2.interval)
                            for w2 in ws
                        ):
                            continue
                        yield ctx.make_check(
                            self,
                            Status.PASS,
                            [p, *ws],
                            f"{name_p}: {fmt_claim(p)} ≤ whole {name_w}: {fmt_claim(w)}",
                            operands=[
                                operand(name_p, p.interval, factor, unit),
                                operand(name_w, w.interval, factor, unit),
                            ],
                        )
