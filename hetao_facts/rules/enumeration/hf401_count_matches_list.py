"""HF401 count-mismatches-list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.documents import Document
from hetao_facts.model import Check, Severity, Status
from hetao_facts.relations import split_list
from hetao_facts.rules.base import Rule

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
_MARKER = re.compile(
    r"(?:(?<=^)|(?<=[\n.:;!?\"”] )|(?<=\n))\s*"
    r"(First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Finally|Lastly|Last)"
    r"\b(?:\s+of\s+all)?\s*,",
    re.I,
)
_AFTER_LIST = re.compile(
    r"^[^.:]{0,60}?"
    r"(?:\b(?:are|is|include|includes|comprise|comprises|were|as follows|namely))?"
    r"\s*:\s*(?P<list>[^\n]+)",
    re.S,
)
_FOLLOWS = re.compile(
    r"^[^.\n]{0,80}?\b(?:as follows|the following)\b|^[^.\n]{0,80}:\s*$|^[\"”]?\s*[.:]\s*[\"”]?\s*$"
)
_EXAMPLES = re.compile(
    r"^\s*,?\s*(?:such as|including|like|e\.g\.|for example|for instance|among them|among which)\b",
    re.I,
)
_NAMED_AS = re.compile(
    r"(?:known as|referred to as|refer to as|called|dubbed|termed)\s+(?:the\s+)?"
    r"(?P<list>[^.;]+?),?\s+(?:which|that|as)\s+(?:we\s+|is\s+|are\s+)?"
    r"(?:refer to as|call|called|known as|referred to as)\s+(?:the\s+)?[\"“]?$",
    re.I,
)
_LIST_BEFORE = re.compile(
    r"(?P<list>(?:[A-Za-z][\w' -]{0,40},\s+){2,}(?:and|or)\s+[A-Za-z][\w' -]{0,40})"
    r"[,;]?\s*(?:which|that|known as|referred to as|called)\b[^.]{0,40}$",
    re.I,
)


def _items_after_colon(text: str, start: int, end: int) -> list[str] | None:
    """'The three key positionings are: a, b, and c.' -> [a, b, c]."""
    m = _AFTER_LIST.match(text[start:end])
    if not m:
        return None
    body = m.group("list")
    body = re.split(r"(?<=[a-z)\]])\.(?:\s|$)", body, maxsplit=1)[0]
    items = split_list(body)
    return items if len(items) >= 2 else None


def _markers_after(doc: Document, pos: int, limit: int) -> tuple[int, int] | None:
    """Count 'First, ... Second, ... Third, ...' markers right after pos (within `limit`).

    Returns (count, end offset of the last marker) or None when no list starts there.
    """
    text = doc.text
    window_end = min(len(text), limit)
    first = None
    for m in _MARKER.finditer(text, pos, window_end):
        if m.group(1).lower() == "first":
            first = m
        break
    if first is None:
        return None
    # the first marker must come within the next two sentences
    gap = text[pos : first.start()]
    if len(re.findall(r"[.!?](?:\s|$)", gap)) > 1:
        return None
    n = 1
    last_end = first.end()
    for m in _MARKER.finditer(text, first.end(), window_end):
        w = m.group(1).lower()
        if w == "first":
            break
        if n < len(_ORDINALS) and w == _ORDINALS[n]:
            n += 1
            last_end = m.end()
        elif w in {"finally", "lastly", "last"}:
            n += 1
            last_end = m.end()
            break
    return n, last_end


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

    def check(self, ctx: Context) -> Iterator[Check]:
        for doc_id, doc in sorted(ctx.documents.items()):
            claims = [c for c in ctx.claims_in(doc_id) if c.kind == "count"]
            for c in claims:
                found = self._list_for(ctx, doc, c)
                if found is None:
                    continue
                n_items, how, examples, shown, loose = found
                stated = int(c.value)
                noun = getattr(c, "noun", None) or "items"
                desc = f"{c.text!r} announces {stated}; {how} {n_items}"
                if shown:
                    desc += f" ({shown})"
                if examples:
                    if n_items > stated and c.qualifier.value == "exact":
                        yield ctx.make_check(
                            self, Status.FAIL, [c], f"{desc}: more examples than the count allows"
                        )
                    continue
                if n_items == stated or (c.interval is not None and c.interval.contains(n_items)):
                    yield ctx.make_check(self, Status.PASS, [c], f"{desc}: consistent")
                else:
                    status = Status.WARN if loose else Status.FAIL
                    yield ctx.make_check(
                        self,
                        status,
                        [c],
                        f"{desc}: the count of {noun} does not match the list",
                        severity=Severity.WARNING if loose else None,
                    )

    def _list_for(
        self, ctx: Context, doc: Document, c: Claim
    ) -> tuple[int, str, bool, str, bool] | None:
        text = doc.text
        sent = c.sentence
        after = text[c.end : sent.end]
        # "such as" / "including": examples
        if _EXAMPLES.match(after):
            m = re.match(
                r"^\s*,?\s*(?:such as|including|like|e\.g\.|for example|for instance"
                r"|among them|among which)\s+(?P<list>[^.;:]+)",
                after,
                re.I,
            )
            if m:
                items = split_list(m.group("list"))
                return len(items), "the examples list", True, "; ".join(items), False
            return None
        # "in Hengqin, Qianhai, and Nansha": a defining list of names
        m = re.match(
            r"^\s+(?:in|of|at|from|between)\s+(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)",
            after,
        )
        if m:
            items = split_list(m.group("list"))
            return len(items), "the text names", False, ", ".join(items), False
        # "... are: a, b, and c" (the colon must follow this count, not a later one)
        colon = text.find(":", c.end, sent.end)
        between = text[c.end : colon] if colon >= 0 else ""
        if colon >= 0:
            later = [o for o in ctx.claims_between(c.document, c.end, colon) if o.kind == "count"]
            if later or len(between) > 40:
                return None
        colon_items = _items_after_colon(text, c.end, sent.end)
        if colon_items is None and re.match(r"^[^.]{0,40}:\s*$", text[c.end : sent.end]) is None:
            # the colon may end the sentence span; look past it
            nxt = text[c.end : min(len(text), sent.end + 400)]
            if re.match(r"^[^.\n]{0,60}\b(?:are|is|include|includes)\s*:", nxt):
                colon_items = _items_after_colon(text, c.end, min(len(text), sent.end + 2000))
        if colon_items is not None:
            return (
                len(colon_items),
                "the list after the colon has",
                False,
                "; ".join(i[:40] for i in colon_items),
                False,
            )
        # "the years 2025 and 2035" for stages and phases
        noun = (getattr(c, "noun", None) or "").lower()
        if re.search(r"\b(?:stage|stages|phase|phases|step|steps)\b", noun):
            years = [
                y for y in ctx.claims_between(c.document, c.end + 1, sent.end) if y.kind == "year"
            ]
            if len(years) >= 2:
                return (
                    len(years),
                    "the sentence names years for",
                    False,
                    ", ".join(y.text for y in years),
                    False,
                )
        # Markers in the next sentences: "First, ... Second, ..."
        follows = _FOLLOWS.match(text[c.end : sent.end + 1])
        if follows:
            limit = self._turn_end(doc, c.start)
            got = _markers_after(doc, sent.end, limit)
            if got is not None and got[0] >= 2:
                return (
                    got[0],
                    "the following paragraphs enumerate",
                    False,
                    "First ... " + _ORDINALS[got[0] - 1].capitalize(),
                    False,
                )
        # A list before the count: "known as a, b, c and d, which we refer to as the 'four joints'"
        lead = text[sent.start : c.start]
        m2 = _NAMED_AS.search(lead) or _LIST_BEFORE.search(lead)
        if m2:
            items = split_list(m2.group("list"))
            if len(items) >= 2:
                return len(items), "the list before it has", False, "; ".join(items), False
        # "these four platforms" after a list of names with the same noun
        if re.search(r"\b(?:these|those|the)\s*$", lead, re.I) and noun:
            head = noun.split()[-1]
            found = self._previous_list(doc, c, head)
            if found is not None:
                return (
                    len(found),
                    f"the nearest earlier list of {head} names",
                    False,
                    ", ".join(found),
                    True,
                )
        return None

    @staticmethod
    def _turn_end(doc: Document, pos: int) -> int:
        """Where the current speaker's turn (or the document) ends."""
        speaker = doc.speaker_at(pos)
        if speaker is None:
            return len(doc.text)
        paras = doc.paragraphs
        lo, hi = 0, len(paras)
        while lo < hi:  # first paragraph starting after pos
            mid = (lo + hi) // 2
            if paras[mid].start > pos:
                hi = mid
            else:
                lo = mid + 1
        for s in paras[lo : lo + 200]:  # a list runs a few paragraphs, not the whole text
            if doc.speaker_at(s.start) != speaker:
                return s.start
        return paras[min(lo + 200, len(paras)) - 1].end if paras[lo:] else len(doc.text)

    @staticmethod
    def _previous_list(doc: Document, c: Claim, head: str) -> list[str] | None:
        text = doc.text
        lo = max(0, c.start - 3000)
        pat = re.compile(
            rf"\b{re.escape(head)}\b[^.]{{0,80}}?(?:including|such as|:|namely|like)\s+"
            r"(?P<list>(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*,\s+)+"
            r"(?:and|or)\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*)"
        )
        last = None
        for m in pat.finditer(text, lo, c.start):
            last = m
        if last is None:
            return None
        return split_list(last.group("list"))
