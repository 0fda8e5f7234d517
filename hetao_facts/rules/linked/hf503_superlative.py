"""HF503 superlative-contradicted-by-peers."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.context import Context
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.linked._common import soft_reason


class SuperlativeContradictedByPeers(Rule):
    """A figure called the most (or least) of a list is at least (at most) every peer.

    What it checks:
        Rank relations of the linking stage: "the most populous province was Arden
        (4,120,000); the least populous, Bellmoor (310,500)", with other named figures of
        the paragraph written the same way ("Carrow (1,250,000)"). The figure called the
        most must not lie wholly below a peer, the least not wholly above one. Also a
        superlative that names its top ("Arden is the largest of the three", "the longest
        is the Orme") against the figures given after other names in its paragraph or the
        rows of the table before it. The peers are found by their form, so a
        contradiction is a warning, unless the cue scopes the superlative to as many as the
        list holds ("of the three" over three names) or the table's header names what
        is ranked.
    Why it matters:
        A superlative left unchanged when a figure is corrected, or a digit slipped in
        one figure, makes the text contradict its own list.
    Flagged:
        "The largest county is Arden (412,000); Bellmoor (98,000) and Carrow (512,000)
        follow."
    Consistent:
        "The largest county is Arden (612,000); Bellmoor (98,000) and Carrow (512,000)
        follow."
    """

    code = "HF503"
    name = "superlative-contradicted-by-peers"
    scope = Scope.LINK

    def check(self, ctx: Context) -> Iterator[Check]:
        for rel in ctx.relations_of(RelationKind.RANK):
            (top,) = ctx.claims_of(rel.role("top"))
            peers = ctx.claims_of(rel.role("peer"))
            it = top.interval
            if it is None or any(p.interval is None for p in peers):
                continue
            most = rel.note == "most"
            beaten = [
                p
                for p in peers
                if p.interval is not None
                and (p.interval.entirely_above(it) if most else it.entirely_above(p.interval))
            ]
            others = ", ".join(p.text for p in peers)
            head = f"'{rel.cue}' {top.text} against {others}"
            if not beaten:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    [top, *peers],
                    f"{head}: {top.text} is the {'largest' if most else 'smallest'}",
                    basis="exact",
                    key=rel.id,
                )
                continue
            soft = soft_reason(rel)
            than = "larger" if most else "smaller"
            yield ctx.make_check(
                self,
                Status.WARN if soft else Status.FAIL,
                [top, *peers],
                f"{head}: {beaten[0].text} is {than} than {top.text}"
                + (f"; {soft}" if soft else ""),
                key=rel.id,
            )
