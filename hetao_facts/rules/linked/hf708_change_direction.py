"""HF708 change-direction-contradicted."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.link.comparisons import bare
from hetao_facts.model import Check, Operand, Status
from hetao_facts.rules._util import display_factor, fmt_interval, operand
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason


class ChangeDirectionContradicted(Rule):
    """A figure said to rise from A to B is larger than A; one said to fall, smaller.

    What it checks:
        Change relations of the linking stage: a verb of change before "from A to B"
        ("the cost climbed from $8.3 billion to $9.9 billion", "enrolment fell from
        2,400 to 2,150"), and a figure "up from" (or "down from") earlier ones ("a median
        age of 41 years, up from 39 in 2010 and 36 in 2000"). A rise needs B above A, a
        fall B below A, on the figures' intervals; the check says by how much it changed.
        HF708 owns the direction of such a change; a rate or multiple stated with it
        ("grew from A to B, an increase of 29.7%") is HF703's.
    Why it matters:
        Swapped figures, or a verb left over from an earlier draft, make the text say the
        opposite of its own numbers.
    Flagged:
        "Enrolment rose from 2,400 to 2,150 pupils."
    Consistent:
        "Enrolment fell from 2,400 to 2,150 pupils."
    """

    code = "HF708"
    name = "change-direction-contradicted"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.CHANGE):
            if rel.role("rate"):
                continue  # a rate of change: HF709
            if rel.note.startswith("growth "):
                continue  # a change with its stated growth, or not read here: HF703
            (new,) = ctx.claims_of(rel.role("new"))
            olds = ctx.claims_of(rel.role("old"))
            found = [self._compare(rel, old, new) for old in olds]
            if any(f is None for f in found):
                continue
            results = [f for f in found if f is not None]
            ops = [op for _verdict, _shown, pair in results for op in pair]
            shown = "; ".join(text for _v, text, _p in results)
            bad = [text for verdict, text, _p in results if verdict == "contradicted"]
            if bad:
                soft = soft_reason(rel)
                word = "rise" if rel.note == "increase" else "fall"
                yield ctx.make_check(
                    self,
                    Status.WARN if soft else Status.FAIL,
                    [*olds, new],
                    f"{shown}: the text says a {word}, the figures say the opposite"
                    + (f"; {soft}" if soft else ""),
                    operands=ops,
                    key=rel.id,
                )
            elif all(verdict == "holds" for verdict, _t, _p in results):
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [*olds, new],
                    f"{shown}: consistent with the verb",
                    operands=ops,
                    basis="exact",
                    key=rel.id,
                )

    @staticmethod
    def _compare(
        rel: Relation, old: Claim, new: Claim
    ) -> tuple[str, str, tuple[Operand, Operand]] | None:
        """('holds' | 'contradicted' | 'overlaps', the arithmetic shown, the operands)."""
        io, i_new = old.interval, new.interval
        vo, vn = getattr(old, "value", None), getattr(new, "value", None)
        if io is None or i_new is None or vo is None or vn is None:
            return None
        if old.kind != new.kind and new.stated and bare(old):  # "from 9,800 to Rs 12,500 crore"
            io = io.scale(vn / new.stated)
            vo = vo * vn / new.stated
        elif old.kind != new.kind and old.stated and bare(new):  # "41 years, up from 39"
            i_new = i_new.scale(vo / old.stated)
            vn = vn * vo / old.stated
        factor, unit = display_factor(old if bare(new) else new)
        rising = rel.note == "increase"
        if i_new.entirely_above(io) if rising else io.entirely_above(i_new):
            verdict = "holds"
        elif io.entirely_above(i_new) if rising else i_new.entirely_above(io):
            verdict = "contradicted"
        else:
            verdict = "overlaps"
        change = f"{(vn - vo) / vo * 100:+.1f}%" if vo else "from zero"
        shown = (
            f"'{rel.cue}' {old.text} {fmt_interval(io, factor, unit)} to {new.text} "
            f"{fmt_interval(i_new, factor, unit)} ({change})"
        )
        return (
            verdict,
            shown,
            (
                operand(old.text, io, factor, unit),
                operand(new.text, i_new, factor, unit),
            ),
        )
