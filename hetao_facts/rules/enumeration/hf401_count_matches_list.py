"""HF401 count-mismatches-list."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check, Severity, Status
from hetao_facts.rules.base import Rule, Scope


class CountMatchesList(Rule):
    """A count announced in the text matches the number of items it lists.

    What it checks:
        "The three key positionings are: a, b, and c" announces three items and lists
        three. So do "four major tasks ... First, ... Second, ... Third, ... Fourth, ..."
        (markers in the following sentences or paragraphs), "three major cooperation
        platforms in Hengqin, Qianhai, and Nansha", a list before its count ("mutual
        discussion, joint construction, joint administration and shared benefits, which we
        refer to as the 'four joints'") and "these four platforms" after a list of four
        names. Lists introduced by "such as" or "including" are examples: a shorter list is
        never a failure, a longer one is.
    Why it matters:
        An announced count that does not match its list means an item was dropped or
        added in editing or translation.
    Flagged:
        "The three key positionings are: serving as a pioneering zone, serving as a testing
        ground, acting as a hub, and building a talent port."  (three announced, four listed)
    Consistent:
        "The three key positionings are: serving as a pioneering zone, serving as a testing
        ground, and acting as a hub."
    """

    code = "HF401"
    name = "count-mismatches-list"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.ENUMERATION):
            (c,) = ctx.claims_of(rel.role("count"))
            if not isinstance(c.value, Decimal):
                continue
            stated, n_items = int(c.value), len(rel.items)
            noun = getattr(c, "noun", None) or "items"
            desc = f"{c.text!r} announces {stated}; {rel.cue} {n_items} ({_shown(rel)})"
            if rel.note == "examples":  # "such as": fewer examples than the count is fine
                if n_items > stated and c.qualifier.value == "exact":
                    yield ctx.make_check(
                        self, Status.FAIL, [c], f"{desc}: more examples than the count allows"
                    )
                continue
            if n_items == stated or (c.interval is not None and c.interval.contains(n_items)):
                yield ctx.make_check(self, Status.PASS, [c], f"{desc}: consistent")
                continue
            loose = not rel.can_fail
            yield ctx.make_check(
                self,
                Status.WARN if loose else Status.FAIL,
                [c],
                f"{desc}: the count of {noun} does not match the list",
                severity=Severity.WARNING if loose else None,
            )


def _shown(rel: Relation) -> str:
    """The items as the message shows them."""
    if rel.note == "markers":
        return f"First ... {rel.items[-1]}"
    if rel.note in ("names", "years", "earlier"):
        return ", ".join(rel.items)
    return "; ".join(i[:40] for i in rel.items)
