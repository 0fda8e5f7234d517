"""HF605 anniversary-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.link import Relation, RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import number
from hetao_facts.rules.base import Rule
from hetao_facts.rules.time._common import cited, date_basis, date_note


class AnniversaryMatchesYears(Rule):
    """An anniversary's number is the years since the founding the text states.

    What it checks:
        Anniversary relations of the linking stage ("the 40th anniversary of the
        establishment of the Shenzhen Special Economic Zone" celebrated on a dated occasion,
        "On Oct. 14, 2020, ...", or in a dated text that says "this year") against a
        founding relation of any of the documents that names the same body ("the zone,
        established in 1980, ...") or a fact sheet (attribute "year"): the event year minus
        the founding year must equal the anniversary. The check cites the anniversary, the
        occasion's date (or the dateline's claim) and the founding year. Without a stated
        founding year there is no verdict.
    Why it matters:
        Anniversaries are computed by hand and often off by one.
    Flagged:
        "Shenzhen Special Economic Zone was established in 1980. On Oct. 14, 2020, he spoke
        at the 41st anniversary of the establishment of the Shenzhen Special Economic Zone."
    Consistent:
        "Shenzhen Special Economic Zone was established in 1980. On Oct. 14, 2020, he spoke
        at the 40th anniversary of the establishment of the Shenzhen Special Economic Zone."
    """

    code = "HF605"
    name = "anniversary-mismatch"

    def check(self, ctx: Context) -> Iterator[Check]:
        time = ctx.relations_of(RelationKind.TIME)
        foundings = [r for r in time if r.note == "founding"]
        memo: dict[str, tuple[int, str, Claim | None] | None] = {}
        for rel in time:
            if rel.note != "anniversary" or not rel.items:
                continue
            what = rel.items[0]
            event = self._event(ctx, rel)
            if event is None:
                continue
            if what not in memo:
                memo[what] = self._founding(ctx, what, foundings)
            founded = memo[what]
            if founded is None:
                continue
            year, where, source = founded
            (c,) = ctx.claims_of(rel.role("anniversary"))
            n = int(number(c))
            claims = [*cited(ctx, rel), *([source] if source is not None else [])]
            at, occasion = event
            gap = at - year
            if gap == n:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    claims,
                    f"{c.text!r} in {at} ({occasion}): {at} − {year} ({where}) = {gap}, consistent",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL if rel.can_fail else Status.WARN,
                    claims,
                    f"{c.text!r} in {at} ({occasion}), but {what} was founded in {year} "
                    f"({where}): {at} − {year} = {gap}, not {n}",
                )

    @staticmethod
    def _event(ctx: Context, rel: Relation) -> tuple[int, str] | None:
        """The year of the occasion, and where it was read: a date or year of the sentence,
        else the document date."""
        event = ctx.claims_of(rel.role("event"))
        if event:
            return int(str(event[0].value)[:4]), f"{event[0].text}{date_note(ctx, rel)}"
        if rel.date is not None:
            return rel.date.year, date_basis(ctx, rel)
        return None

    @staticmethod
    def _founding(
        ctx: Context, what: str, foundings: list[Relation]
    ) -> tuple[int, str, Claim | None] | None:
        key = ctx.index.canonical(what)
        if ctx.facts is not None:
            for f in ctx.facts.facts:
                if f.attribute == "year" and ctx.index.canonical(f.subject) == key:
                    return int(f.value), f"fact sheet{', ' + f.source if f.source else ''}", None
        words = what.split()
        short = " ".join(words[-3:]) if len(words) > 3 else what
        shown = ctx.index.show(key)
        needles = [n for n in (short, shown) if n.strip()]
        for rel in foundings:
            if not any(n in name for n in needles for name in rel.items):
                continue
            (src,) = ctx.claims_of(rel.role("founded"))
            return int(str(src.value)[:4]), ctx.where(src), src
        return None
