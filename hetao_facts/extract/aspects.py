"""What the words right beside a figure say about it, kept on the claim.

Three readings that decide which figures restate one fact (HF201), found once here so
that the rules compare claims without re-reading the text:

* `extent`: which extent a length measures ("a 186-metre-high dam", "12 m wide", "a depth
  of 310 m"): a height and a width of one dam are two facts;
* `difference`: the figure is a difference from another ("some 4 square miles larger
  than the town"), not its subject's own figure;
* `narrowed_by`: a count's noun is narrowed to one owner ("the region's four platforms")
  or to a defining list of names ("three platforms in Alder, Birch, and Cedar"), so the
  same noun elsewhere may count other things.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hetao_facts import _rx
from hetao_facts.claims import Claim
from hetao_facts.documents import Document

__all__ = ["annotate", "difference_words", "extent_of", "narrowing_words"]

_EXTENTS = (
    ("height", re.compile(r"\b(?:high|height|tall)\b", re.I)),
    ("depth", re.compile(r"\b(?:deep|depth)\b", re.I)),
    ("width", re.compile(r"\b(?:wide|width|breadth|across)\b", re.I)),
    ("thickness", re.compile(r"\b(?:thick|thickness)\b", re.I)),
    ("elevation", re.compile(r"\b(?:above\s+sea\s+level|elevation|altitude)\b", re.I)),
    ("length", re.compile(r"\b(?:long|length)\b", re.I)),
)

_THAN = _rx.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?P<w>(?:larger|smaller|bigger|greater|more|less|fewer|higher|lower|"
    r"longer|shorter|wider|narrower|deeper|taller|heavier|lighter|above|below|over|under)"
    r"\s+than)\b",
    re.I,
)
_POSSESSIVE = _rx.compile(r"(?P<w>\w+(?:'s|’s|s'))\s+(?:\w+\s+)?$")
_NAMED_LIST = _rx.compile(
    r"^\s+(?P<w>(?:in|of|at|from|between|among)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*),\s"
)


def extent_of(text: str, c: Claim) -> str | None:
    """Which extent a length measures, by the word beside it, or None (none, or two)."""
    around = (
        text[max(c.sentence.start, c.start - 14) : c.start]
        + " "
        + c.text
        + " "
        + text[c.end : min(c.sentence.end, c.end + 22)]
    )
    found = {name for name, pattern in _EXTENTS if pattern.search(around)}
    return found.pop() if len(found) == 1 else None


def difference_words(text: str, c: Claim) -> str | None:
    """ "larger than" when the figure is followed by a comparative and "than"."""
    m = _THAN.match(text, c.end, min(len(text), c.end + 40))
    return " ".join(m.group("w").split()) if m else None


def narrowing_words(text: str, c: Claim) -> str | None:
    """The possessive before a count ("the region's") or the defining list of names after
    it ("in Alder, Birch, ..."), as written, or None."""
    before = text[max(0, c.start - 24) : c.start]
    m = _POSSESSIVE.search(before)
    if m:
        return m.group("w")
    after = _NAMED_LIST.match(text[c.end : c.end + 40])
    return after.group("w") if after else None


def annotate(doc: Document, claims: Sequence[Claim]) -> list[Claim]:
    """The claims with `extent`, `difference` and `narrowed_by` filled in where the words
    beside them say so (the others unchanged, the same objects)."""
    text = doc.text
    out: list[Claim] = []
    for c in claims:
        update: dict[str, str] = {}
        if c.kind == "length" and (extent := extent_of(text, c)) is not None:
            update["extent"] = extent
        if (
            c.kind not in ("year", "date", "period")
            and (words := difference_words(text, c)) is not None
        ):
            update["difference"] = words
        if c.kind == "count" and (narrow := narrowing_words(text, c)) is not None:
            update["narrowed_by"] = narrow
        out.append(c.model_copy(update=update) if update else c)
    return out
