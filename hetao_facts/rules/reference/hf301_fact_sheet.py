"""HF301 contradicts-fact-sheet."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import display_factor, fmt_claim, fmt_interval, operand
from hetao_facts.rules.base import Rule


class ContradictsFactSheet(Rule):
    """Claims agree with the reference figures of a fact sheet.

    What it checks:
        Each figure in a fact sheet (subject, attribute, value with unit and precision,
        source) is compared with every claim about the same subject and attribute, in any
        unit: their intervals must overlap. The message names the sheet and its source.
    Why it matters:
        A fact sheet holds the figures an organisation has verified; a draft that
        disagrees with it is wrong until proven otherwise.
    Flagged:
        (sheet: the zone covers 3.89 km²) "The zone covers 3.98 square kilometers."
    Consistent:
        (sheet: the zone covers 3.89 km²) "The zone covers 389 hectares."
    """

    code = "HF301"
    name = "contradicts-fact-sheet"

    def check(self, ctx: Context) -> Iterator[Check]:
        sheet = ctx.facts
        if sheet is None:
            return
        for fact in sheet.facts:
            key = ctx.index.canonical(fact.subject)
            _value, iv = fact.normalized()
            claims = [
                c
                for c in ctx.claims
                if c.subject == key and c.kind == fact.attribute and c.interval is not None
            ]
            src = f"{sheet.path or 'fact sheet'}" + (
                f", source: {fact.source}" if fact.source else ""
            )
            stated = f"{fact.value} {fact.unit or ''}".strip()
            for c in claims:
                assert c.interval is not None
                factor, unit = display_factor(c)
                ops = [
                    operand(fmt_claim(c), c.interval, factor, unit),
                    operand(f"fact sheet: {stated}", iv, factor, unit),
                ]
                if c.interval.overlaps(iv):
                    yield ctx.make_check(
                        self,
                        Status.PASS,
                        [c],
                        f"{ctx.index.show(key)}: {fmt_claim(c)} "
                        f"agrees with the fact sheet's {stated} ({src})",
                        operands=ops,
                    )
                else:
                    yield ctx.make_check(
                        self,
                        Status.FAIL,
                        [c],
                        f"{ctx.index.show(key)}: {fmt_claim(c)} "
                        f"{fmt_interval(c.interval, factor, unit)} contradicts the fact sheet's "
                        f"{stated} {fmt_interval(iv, factor, unit)} ({src})",
                        operands=ops,
                    )
