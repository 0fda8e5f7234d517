"""HF402 ordinal-out-of-sequence."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import number
from hetao_facts.rules.base import Rule, Scope


class OrdinalSequence(Rule):
    """An ordinal agrees with the things the text says came before it.

    What it checks:
        Ordinal relations of the linking stage: "the fourth cooperation platform, after
        those in Hengqin, Qianhai, and Nansha" places the platform after three others, so
        it must be the fourth. The same ordinal restated elsewhere is checked by HF201.
    Why it matters:
        A wrong ordinal ("the fifth platform, after those in Hengqin, Qianhai and
        Nansha") misstates history and usually survives proof-reading.
    Flagged:
        "The HTCZ is the fifth cooperation platform, after those in Hengqin, Qianhai, and
        Nansha."
    Consistent:
        "The HTCZ is the fourth cooperation platform, after those in Hengqin, Qianhai, and
        Nansha."
    """

    code = "HF402"
    name = "ordinal-out-of-sequence"
    scope = Scope.DOCUMENT

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.ORDINAL):
            (c,) = ctx.claims_of(rel.role("ordinal"))
            items = rel.items
            expected = len(items) + 1
            stated = int(number(c))
            shown = ", ".join(items)
            if stated == expected:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [c],
                    f"{c.text!r} comes after {len(items)} ({shown}): "
                    f"position {expected}, consistent",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    [c],
                    f"{c.text!r} says position {stated}, but the text names {len(items)} "
                    f"before it ({shown}): expected {expected}",
                )
