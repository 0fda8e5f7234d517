"""HF201 restated-figure-disagrees."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import Field

from hetao_facts._ops import OPS
from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import RelationKind
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import (
    basis_of,
    display_factor,
    fmt_claim,
    fmt_interval,
    number,
    operand,
    pct,
    rel_gap,
    representatives,
)
from hetao_facts.rules.base import Rule, RuleOptions

_KINDS = (
    "area",
    "floor_area",
    "length",
    "quantity",
    "density",
    "money",
    "percent",
    "count",
    "ordinal",
)


#: How many claims a passing check lists (every claim is compared): the first of each
#: distinct value, so a figure restated in 3,000 documents gives a check of bounded size.
MAX_LISTED = 40
#: How many distinct spellings of the agreeing figure the message shows.
MAX_SHOWN = 20


class Options(RuleOptions):
    """min_claims: how many statements make a group worth reporting."""

    min_claims: int = Field(default=2, ge=2)


def _clusters(claims: list[Claim]) -> list[list[Claim]]:
    """Split claims into groups whose intervals share a common point (sweep by low end)."""

    def low(c: Claim) -> Decimal:
        assert c.interval is not None
        return c.interval.low if c.interval.low is not None else Decimal("-1e30")

    out: list[list[Claim]] = []
    common: Interval | None = None
    for c in sorted(claims, key=lambda c: (low(c), c.document, c.start)):
        assert c.interval is not None
        if common is not None and common.overlaps(c.interval):
            out[-1].append(c)
            common = _intersect(common, c.interval)
        else:
            out.append([c])
            common = c.interval
    return out


def _intersect(a: Interval, b: Interval) -> Interval:
    lo, lo_open = a.low, a.low_open
    if b.low is not None and (lo is None or b.low > lo or (b.low == lo and b.low_open)):
        lo, lo_open = b.low, b.low_open
    hi, hi_open = a.high, a.high_open
    if b.high is not None and (hi is None or b.high < hi or (b.high == hi and b.high_open)):
        hi, hi_open = b.high, b.high_open
    return Interval(low=lo, high=hi, low_open=lo_open, high_open=hi_open)


class RestatedFigure(Rule):
    """The same fact stated more than once agrees with itself, in any unit or document.

    What it checks:
        Claims with the same subject, the same attribute (land area, floor area, count...)
        and the same time (current, target, initial...) are restatements of one fact: their
        intervals must overlap. "87 hectares" and "0.87 square kilometers" agree;
        "approximately 300 hectares" and "3.02 km²" agree within the hedge. Figures about
        different times never conflict ("its initial 15 km²" vs "now 120 km²"; "800,000 m²
        completed" vs "more than 1.5 million m² by 2025"). A conflict fails only between
        documents, about a named subject: inside one text, two figures of one kind about a
        subject are most often two attributes (total and land area, height and crest
        width), and a common noun ("the county") may be a different county in each
        document, so those conflicts are warnings. Counts whose counted nouns differ only
        loosely give no verdict. What the words beside a figure say is read once, by
        extraction, into the claim: a length's `extent` (a height and a width are two
        facts), a `difference` ("6 km² larger than") that is not the subject's figure, and
        a count's noun `narrowed_by` an owner or a list of names. The rule groups claims
        by subject and attribute and reads no text.
    Why it matters:
        A figure restated differently in a translation, a summary or another press release
        is the commonest error in published numbers.
    Flagged:
        "the Hong Kong park, 87 hectares" ... "a 0.97-square-kilometer park in Hong Kong"
    Consistent:
        "the Hong Kong park, 87 hectares" ... "a 0.87-square-kilometer park in Hong Kong"
    """

    code = "HF201"
    name = "restated-figure-disagrees"
    partitioned = True
    Options = Options

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, Options)
        parts = _parts_of_own_subject(ctx)
        for (subject, kind, _role), claims in sorted(
            ctx.by_subject.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")
        ):
            if kind not in _KINDS:
                continue
            # 'some 4 square miles larger than the old town' is a difference
            # (`Claim.difference`), not the subject's figure
            # a figure the text gives as a part of a whole of the same subject ("The reserve
            # covers 1,250 ha. Its wetland zone covers 830 ha") is no restatement of it
            claims = [
                c
                for c in claims
                if c.interval is not None and c.difference is None and c.id not in parts
            ]
            if (
                kind == "count"
                and len(subject.split()) < 2
                and len({c.document for c in claims}) > 1
            ):
                # "jobs" in two press releases may be two different things: across documents,
                # a one-word noun only groups statements that say the same figure
                same = [
                    c
                    for c in claims
                    if (number(c), c.qualifier) == (number(claims[0]), claims[0].qualifier)
                ]
                claims = same if len(same) == len(claims) else []
            if len(claims) < opts.min_claims:
                continue
            if (
                kind in {"count", "ordinal"}
                and len({c.document for c in claims}) == 1
                and len({c.sentence.start for c in claims}) == 1
            ):
                continue
            if kind == "length":
                claims = _one_dimension(claims)
                if len(claims) < opts.min_claims:
                    continue
            clusters = _clusters(claims)
            name = ctx.index.show(subject)
            factor, unit = display_factor(claims[0])
            if len(clusters) == 1:
                values = {number(c) for c in claims}
                exact = len(values) == 1
                basis = basis_of(exact, claims)
                vs = sorted(values)
                gap = rel_gap(vs[0], vs[-1])
                distinct = list(dict.fromkeys(fmt_claim(c) for c in claims))
                shown = ", ".join(distinct[:MAX_SHOWN])
                if len(distinct) > MAX_SHOWN:
                    shown += f" and {len(distinct) - MAX_SHOWN} more"
                tail = (
                    "agree"
                    if exact
                    else f"agree within {'the hedge' if basis == 'hedge' else 'rounding'} "
                    f"({pct(gap)} apart)"
                )
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    representatives(claims, MAX_LISTED // 2)[:MAX_LISTED],  # all compared
                    f"{name} ({kind.replace('_', ' ')}): {len(claims)} statements {tail}: {shown}",
                    basis=basis,
                    margin=None if exact else f"{pct(gap)} apart",
                    operands=[operand(fmt_claim(c), c.interval, factor, unit) for c in claims[:8]],
                    key=(subject, kind),
                )
                continue
            main = max(clusters, key=len)
            # what each conflict reads of the main cluster, computed once (not per cluster)
            main_sentences = {c.sentence.start for c in main}
            main_docs = {c.document for c in main}
            main_strong = self._strong(kind, main)
            OPS.add("hf201.claims", len(claims))
            for other in clusters:
                if other is main:
                    continue
                docs = main_docs | {c.document for c in other}
                if main_sentences == {c.sentence.start for c in other} and len(docs) == 1:
                    continue  # one sentence rarely restates a fact: different things
                a, b = main[0], other[0]
                if not (main_strong and self._strong(kind, other)):
                    continue  # loosely matched counts: maybe different things, no verdict
                named = any(ch.isupper() for ch in name)
                sure = kind in {"count", "ordinal"} or (named and len(docs) > 1)
                msg = (
                    f"{name} ({kind.replace('_', ' ')}): "
                    f"{fmt_claim(b)} {fmt_interval(b.interval, factor, unit)} "
                    f"({ctx.where(b)}) disagrees with "
                    f"{fmt_claim(a)} {fmt_interval(a.interval, factor, unit)} "
                    f"({ctx.where(a)})"
                )
                if not sure:
                    msg += (
                        "; one text states several figures of one kind about a subject "
                        "(total and land area, height and width)"
                        if len(docs) == 1
                        else "; the subject is a common noun, not a name"
                    ) + ", so this is a warning: the two may measure different things"
                yield ctx.make_check(
                    self,
                    Status.FAIL if sure else Status.WARN,
                    [*main[:3], *other[:10]],  # a few of each side: linear in the run
                    msg,
                    operands=[
                        operand(fmt_claim(a), a.interval, factor, unit),
                        operand(fmt_claim(b), b.interval, factor, unit),
                    ],
                    key=(subject, kind, "conflict"),
                )

    @staticmethod
    def _strong(kind: str, claims: list[Claim]) -> bool:
        """Measures resolved to one entity conflict for sure. Counts conflict only when their
        counted nouns match (two words or more, evaluative adjectives aside) and neither is
        scoped by a possessive ("the GBA's four platforms") or a defining list ("three
        platforms in Hengqin, Qianhai and Nansha")."""
        if kind not in {"count", "ordinal"}:
            return True
        if kind == "ordinal":
            return True  # ordinals are grouped by the entity they rank
        if any(_scoped(c) for c in claims):
            return False
        nouns = {c.subject or "" for c in claims}
        return len(nouns) == 1 and len(next(iter(nouns)).split()) >= 2


def _scoped(c: Claim) -> bool:
    """The count's noun is narrowed to an owner or a named list (`Claim.narrowed_by`)."""
    return c.narrowed_by is not None


def _one_dimension(claims: list[Claim]) -> list[Claim]:
    """A height, a width and a length of one subject are three facts, not one restated:
    when the claims name two extents (`Claim.extent`, read by extraction from the word
    beside the figure), only those naming the most frequent one are kept."""
    dims = [c.extent for c in claims]
    known = [d for d in dims if d is not None]
    if len(set(known)) < 2:
        return claims
    top = max(sorted(set(known)), key=known.count)
    return [c for c, d in zip(claims, dims, strict=True) if d == top]


def _parts_of_own_subject(ctx: Context) -> set[str]:
    """Claims that a total/parts or part-of relation makes a part of a whole with the same
    subject: "Its wetland zone covers 830 hectares" after "The reserve covers 1,250
    hectares" may resolve "Its" to the reserve, but the text says it is a part."""
    by_id = ctx.by_id
    out: set[str] = set()
    for kind in (RelationKind.TOTAL_PARTS, RelationKind.COMPARISON):
        for rel in ctx.relations_of(kind):
            wholes = [by_id[w] for w in rel.role("whole") if w in by_id]
            for p in rel.role("part"):
                part = by_id.get(p)
                if part is not None and any(w.subject == part.subject for w in wholes):
                    out.add(p)
    return out
