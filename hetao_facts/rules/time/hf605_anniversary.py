"""HF605 anniversary-mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.model import Check, Status
from hetao_facts.rules._util import number
from hetao_facts.rules.base import Rule

_OF = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:establishment|founding|foundation|creation|launch|opening|"
    r"inauguration|birth|start)\s+of\s+|of\s+)(?:the\s+)?(?P<what>[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*|\s+(?:of|and|for|the)\b)*)"
)
_FOUNDED = re.compile(
    r"\b(?:established|founded|set\s+up|created|launched|opened|inaugurated|formed|began|started)\b"
    r"(?:\s+\w+){0,3}?\s+in\s+(?:(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\s+)?(?P<year>1[5-9]\d\d|20\d\d)\b"
)


class AnniversaryMatchesYears(Rule):
    """An anniversary's number is the years since the founding the text states.

    What it checks:
        "the 40th anniversary of the establishment of the Shenzhen Special Economic Zone"
        celebrated on a dated occasion ("On Oct. 14, 2020, ...") against a founding year
        stated in any of the documents ("the zone, established in 1980, ...") or in a fact
        sheet (attribute "year"): the event year minus the founding year must equal the
        anniversary. Without a stated founding year there is no verdict.
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
        for c in ctx.kind_claims("ordinal"):
            noun = (getattr(c, "noun", None) or "").lower()
            if not noun.startswith("anniversar"):
                continue
            doc = ctx.documents[c.document]
            m = _OF.match(doc.text[c.end : c.sentence.end])
            if not m:
                continue
            what = m.group("what").strip()
            event = self._event_year(ctx, c)
            if event is None:
                continue
            memo: dict[str, tuple[int, str, Claim | None] | None] = ctx.memo.setdefault(
                self.code, {}
            )
            if what not in memo:
                memo[what] = self._founding(ctx, what)
            founded = memo[what]
            if founded is None:
                continue
            year, where, source = founded
            n = int(number(c))
            claims = [
                c,
                *([event[1]] if event[1] is not None else []),
                *([source] if source is not None else []),
            ]
            gap = event[0] - year
            if gap == n:
                yield ctx.make_check(
                    self,
                    Status.PASS,
                    claims,
                    f"{c.text!r} in {event[0]}: {event[0]} − {year} ({where}) = {gap}, consistent",
                )
            else:
                yield ctx.make_check(
                    self,
                    Status.FAIL,
                    claims,
                    f"{c.text!r} in {event[0]}, but {what} was founded in {year} ({where}): "
                    f"{event[0]} − {year} = {gap}, not {n}",
                )

    @staticmethod
    def _event_year(ctx: Context, c: Claim) -> tuple[int, Claim | None] | None:
        """The year of the occasion: a date or year in the same sentence, else the document date."""
        for o in ctx.claims_between(c.document, c.sentence.start, c.sentence.end):
            if o.kind == "date":
                return int(str(o.value)[:4]), o
            if o.kind == "year" and o.start != c.start:
                return int(str(o.value)), o
        doc = ctx.documents[c.document]
        if doc.date is not None and re.search(
            r"\b(?:this year|today|celebrat)", doc.text[c.sentence.start : c.sentence.end], re.I
        ):
            return doc.date.year, None
        return None

    @staticmethod
    def _founding(ctx: Context, what: str) -> tuple[int, str, Claim | None] | None:
        key = ctx.index.canonical(what)
        if ctx.facts is not None:
            for f in ctx.facts.facts:
                if f.attribute == "year" and ctx.index.canonical(f.subject) == key:
                    return int(f.value), f"fact sheet{', ' + f.source if f.source else ''}", None
        words = what.split()
        short = " ".join(words[-3:]) if len(words) > 3 else what
        shown = ctx.index.show(key)
        for doc_id, start, sent, m in _founding_sentences(ctx):
            if short not in sent and shown not in sent:
                continue
            doc = ctx.documents[doc_id]
            at = start + m.start("year")
            src = next(
                (
                    o
                    for o in ctx.claims_between(doc_id, at, start + m.end("year"))
                    if o.kind == "year"
                ),
                None,
            )
            return int(m.group("year")), f"{doc.path or doc_id}:{doc.line_col(at)[0]}", src
        return None


def _founding_sentences(ctx: Context) -> list[tuple[str, int, str, re.Match[str]]]:
    """Every sentence of the run that states a founding year, found once per run."""
    key = "HF605:founding"
    if key not in ctx.memo:
        found = []
        for doc_id, doc in sorted(ctx.documents.items()):
            for m in _FOUNDED.finditer(doc.text):
                s = doc.sentence_at(m.start())
                sent = doc.text[s.start : s.end]
                m2 = _FOUNDED.search(sent)
                if m2 is not None:
                    found.append((doc_id, s.start, sent, m2))
        ctx.memo[key] = found
    result: list[tuple[str, int, str, re.Match[str]]] = ctx.memo[key]
    return result
