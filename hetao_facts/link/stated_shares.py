"""Shares the text states with their part and whole (HF701 checks them).

The phrasing itself ties a part, its whole and the share between them, so these relations
are ``stated`` (the arithmetic-only shares of `hetao_facts.link.shares` are ``inferred``
and HF706's):

* "100,000 of Macao's 570,000 residents, 18 percent" (part-of-whole-share);
* "87 hectares, or 35% of the 250-hectare district" (part-share-of-whole);
* "one third of the 627-hectare site, 209 hectares" (share-of-whole-part);
* "Of Hong Kong's 7.4 million residents, about 1.5 million, or 20%" (of-whole-part-share);
* "250 hectares, of which 87 hectares (35%)", "250 hectares, of which 35%, or 87 hectares";
* the whole named but not measured ("Around 35% of the district will be parkland, roughly
  87 hectares"): its figure is the one the document states for that subject, if every
  figure it states for it agrees (note ``by subject``);
* a share in words: "the majority of its 12 campuses, seven", "nearly all of the 120
  residents, 118 people" (no share claim: the words are in the note, ``word=...``);
* a whole in the sentence before, named by "of these" ("The fund received 3,200
  applications. Of these, 1,280 (40%) came from small firms"; "About 12,000 of them, 25%,
  ..."): the whole is the one figure of that sentence the part can be a part of (none or
  several: not linked); across a paragraph break it is loose (`confident` False).

Members: ``part``, ``whole`` (one, or several restatements of a whole found by subject),
``share`` (absent for a share in words). A fraction that follows its part ("some 300
hectares, about half of the 627-hectare site") is a comparison (HF501's), not linked here.
"N of the M" with no share is a part-of comparison (HF104's), linked by
`hetao_facts.link.comparisons.parts_of`; here only when that linker did not find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim
from hetao_facts.link._sentences import (
    HEDGE,
    Sentence,
    compatible,
    overlapping,
    same_noun,
    sentences,
    tok,
    whole_by_subject,
)
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["PART_KINDS", "stated_shares"]

#: what a part and its whole can measure
PART_KINDS = frozenset({"area", "floor_area", "length", "count", "money", "quantity"})

# ---- phrasings, as data ------------------------------------------------------------------
#: "Macao's", "the city's", "the", "its": what may stand between "of" and the whole.
_POSS = (
    r"(?:(?:the|its|their|our|his|her|this|that|these|those|all)\s+)?"
    r"(?:[\w.&-]+(?:\s+[\w.&-]+){0,3}?['’]s?\s+)?(?:total\s+|entire\s+|whole\s+|combined\s+)?"
)
#: A few words naming what was counted or measured ("residents", "of land").
_TAIL = r"(?:(?:\s+(?!(?:and|but|while|whereas|which|who|that|with|of)\b)[a-z][\w-]*){0,3})"
#: Between a figure and its restatement as a share: ", or", " (", ", that is", ...
_SEP = (
    r"\s*(?:,|\(|—|–|:)\s*(?:or\s+(?:about\s+|roughly\s+|some\s+|nearly\s+|almost\s+)?|that\s+is\s+|"
    r"i\.e\.,?\s+|representing\s+|accounting\s+for\s+|equal\s+to\s+|equivalent\s+to\s+|making\s+up\s+)?"
)
_WORD = (
    r"(?P<word>(?:the|a)\s+(?:large\s+|vast\s+|clear\s+|slim\s+|narrow\s+|small\s+)?(?:majority|minority)|most|"
    r"(?:nearly|almost|virtually|practically)\s+all)"
)
#: What must not follow a share (it is then a change, a rate, or a share of something else).
_NOT_SHARE = (
    r"(?!\s*(?:more|less|fewer|higher|lower|larger|smaller|increase|decrease|rise|growth|drop|"
    r"decline|jump|up\b|down\b|a year|per\b|annually|each|"
    r"of\s+(?:whom|which|them|these|those|it)\b|"
    r"point|percentage point))"
)
_S = rf"(?:{HEDGE}{tok('s')}|{_WORD})"
_NP = r"(?P<np>(?:the\s+|its\s+|their\s+)?[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,3}?)"
_NP_END = (
    r"(?=\s*(?:[,.;:)]|$|\s+(?:is|are|was|were|will|would|has|have|had|could|can|may|is\s+to)\b))"
)

TEMPLATES: dict[str, re.Pattern[str]] = {
    "part-of-whole-share": _rx.compile(
        rf"{tok('p')}\s+(?:out\s+)?of\s+{_POSS}{tok('w')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}", re.I
    ),
    "part-share-of-whole": _rx.compile(
        rf"{tok('p')}{_TAIL}{_SEP}{_S}\)?\s+of\s+{_POSS}{tok('w')}", re.I
    ),
    "share-of-whole-part": _rx.compile(
        rf"{_S}\s+of\s+{_POSS}{tok('w')}{_TAIL}{_SEP}{HEDGE}{tok('p')}", re.I
    ),
    "of-whole-part-share": _rx.compile(
        rf"\bof\s+{_POSS}{tok('w')}{_TAIL}\s*,\s*{HEDGE}{tok('p')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}",
        re.I,
    ),
    "whole-of-which-part-share": _rx.compile(
        rf"{tok('w')}{_TAIL}\s*,?\s+(?:of\s+which|of\s+whom)\s+{HEDGE}{tok('p')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}",
        re.I,
    ),
    "whole-of-which-share-part": _rx.compile(
        rf"{tok('w')}{_TAIL}\s*,?\s+(?:of\s+which|of\s+whom)\s+{_S}{_SEP}{HEDGE}{tok('p')}", re.I
    ),
}
#: Shares of a whole named but not measured in the phrase: its figure comes from its subject.
SUBJECT_TEMPLATES: dict[str, re.Pattern[str]] = {
    "share-of-subject-part": re.compile(
        rf"{_S}\s+of\s+{_NP}{_NP_END}(?P<mid>[^⟦.;]{{0,60}}?)\s*(?:,|\(|—|–|:)\s*(?:or\s+|that\s+is\s+)?{HEDGE}{tok('p')}",
        re.I,
    ),
    "part-share-of-subject": re.compile(
        rf"{tok('p')}{_TAIL}{_SEP}{_S}\s+of\s+{_NP}{_NP_END}", re.I
    ),
}
#: A share of the whole the sentence before states: "Of these, 1,280 (40%) ...",
#: "Of them, 46%, or 1,150 households, ...", "About 12,000 of them, 25%, ...".
_THESE = r"(?:these|them|those|this|that|which|the\s+total|this\s+total|that\s+total)"
#: "Of these, 1,600 (25% of all urgent cases nationwide)": a share of something else
_NOT_OF = r"(?!\)?\s+of\b)"
ANAPHORIC_TEMPLATES: dict[str, re.Pattern[str]] = {
    "of-these-part-share": re.compile(
        rf"^\s*Of\s+{_THESE}\s*,\s*{HEDGE}{tok('p')}{_TAIL}{_SEP}{_S}{_NOT_SHARE}{_NOT_OF}",
        re.I,
    ),
    "of-these-share-part": re.compile(
        rf"^\s*Of\s+{_THESE}\s*,\s*{_S}{_SEP}{HEDGE}{tok('p')}", re.I
    ),
    "part-of-these-share": re.compile(
        rf"^\s*{HEDGE}{tok('p')}\s+of\s+(?:them|these|those)\s*(?:,|\(|—|–)\s*"
        rf"(?:or\s+)?{_S}{_NOT_SHARE}{_NOT_OF}",
        re.I,
    ),
}
#: "700 of the 600 residents": a part of its whole, with no share stated.
PART_OF_WHOLE = _rx.compile(rf"{tok('p')}\s+(?:out\s+)?of\s+{_POSS}{tok('w')}", re.I)
#: "<part>, about half of the <whole>": a fraction that follows its part (HF501 reads it).
_RATIO_OF = _rx.compile(
    r"^\s*(?:of|the size of|as large as|as big as|that of)\s+(?:the\s+|its\s+|a\s+)?", re.I
)
_COMPARED = ("area", "length", "floor_area", "count", "money", "quantity")
_DIGIT = _rx.compile(r"\d")


#: the words `_WORD` reads, folded ("almost" holds "most"): a share in words needs one
_WORD_KEYS = ("majority", "minority", "most", "nearly", "virtually", "practically")


def may_share(s: Sentence, folded: str) -> bool:
    """Could a template's match in `s` be a share (see `_share_note`): the sentence holds
    a percent or a ratio, or a share in words. Else no template match can give a note."""
    if any(c.kind in ("percent", "ratio") for c in s.claims):
        return True
    return any(folded.find(k, s.span.start, s.span.end) >= 0 for k in _WORD_KEYS)


def _share_note(s: Sentence, m: re.Match[str]) -> str | None:
    """How the share reads ('' a figure, 'in words' a fraction in words, 'word=...' a share
    in words without a figure), or None when what the template caught is no share."""
    word = m.groupdict().get("word")
    if word:
        return f"word={' '.join(word.split())}"
    c = s.claim(m, "s")
    if c is None or c.kind not in {"percent", "ratio"}:
        return None
    if c.kind == "ratio":
        low = c.text.lower()
        value = getattr(c, "value", None)
        if (
            "time" in low
            or "fold" in low
            or not isinstance(value, Decimal)
            or value > 1
            or _fraction_after_part(s, c)
        ):
            return None
        if c.qualifier.value == "exact" and not _DIGIT.search(c.number or c.text):
            return "in words"
    return ""


def _fraction_after_part(s: Sentence, r: Claim) -> bool:
    """ "<part>, about half of the <whole>": a fraction that follows its part (HF501's)."""
    m = _RATIO_OF.match(s.after(r, 400))
    if not m:
        return False
    same = [c for c in s.claims if c.kind in _COMPARED and c.interval is not None]
    whole = next((c for c in same if c.start >= r.end and c.start - r.end <= m.end() + 30), None)
    return whole is not None and any(c.end <= r.start and c.kind == whole.kind for c in same)


def _tied(s: Sentence, p: Claim, w: Claim) -> bool:
    """Part and whole measure the same thing ("200 of the 50 firms' staff" does not)."""
    if p.kind not in PART_KINDS or not compatible(p, w):
        return False
    if s.after(w, 2)[:1] in ("'", "’"):
        return False
    return same_noun(p, w)


def _subject_key(view: View, s: Sentence, t0: int, t1: int) -> str | None:
    """The subject a noun phrase ("the district") names: a mention that ends with it."""
    start, end = s.raw_pos(t0), s.raw_pos(t1 - 1) + 1
    for mm in view.mentions:
        if start <= mm.start < end and mm.end == end and mm.key and not mm.locative:
            return mm.key
    return None


def stated_shares(view: View, part_of: Sequence[Relation] = ()) -> Iterator[Relation]:
    """Share relations whose phrasing ties part, whole and share (see the module)."""
    linked_pairs = {(r.role("part"), r.role("whole")) for r in part_of if r.role("part")}
    doc = view.doc.id
    seen: set[tuple[str, ...]] = set()
    folded = view.folded
    for s in sentences(view):
        if len(s.claims) < 2:
            continue
        if folded.find("of", s.span.start, s.span.end) < 0:
            continue  # every pattern below reads an "of" (outside the figures)
        for name, pat in TEMPLATES.items() if may_share(s, folded) else ():
            for m in overlapping(pat, s.tokens, "hf701.scanned"):
                p, w = s.claim(m, "p"), s.claim(m, "w")
                assert p is not None and w is not None
                how = _share_note(s, m)
                if how is None or not _tied(s, p, w):
                    continue
                sc = s.claim(m, "s") if not how.startswith("word=") else None
                k = (p.id, w.id, *((sc.id,) if sc else ()), how)
                if k in seen:
                    continue
                seen.add(k)
                members = [("part", p.id), ("whole", w.id), *((("share", sc.id),) if sc else ())]
                yield Relation.make(
                    RelationKind.SHARE,
                    doc,
                    members,
                    Strength.STATED,
                    s.span_of(m),
                    cue=s.cue(m.start(), m.end()),
                    note="; ".join(x for x in (name, how) if x),
                )
        for name, pat in SUBJECT_TEMPLATES.items() if may_share(s, folded) else ():
            for m in overlapping(pat, s.tokens, "hf701.scanned"):
                p = s.claim(m, "p")
                assert p is not None
                how = _share_note(s, m)
                if how is None:
                    continue
                key = _subject_key(view, s, m.start("np"), m.end("np"))
                if key is None or key == p.subject or p.kind not in PART_KINDS:
                    continue
                wholes = [
                    w for w in whole_by_subject(view, key, p.kind, exclude=[p]) if compatible(p, w)
                ]
                if not wholes:
                    continue
                sc = s.claim(m, "s") if not how.startswith("word=") else None
                k = (p.id, "subject", key, *((sc.id,) if sc else ()), how)
                if k in seen:
                    continue
                seen.add(k)
                yield Relation.make(
                    RelationKind.SHARE,
                    doc,
                    [
                        ("part", p.id),
                        *(("whole", w.id) for w in wholes),
                        *((("share", sc.id),) if sc else ()),
                    ],
                    Strength.STATED,
                    s.span_of(m),
                    cue=s.cue(m.start(), m.end()),
                    note="; ".join(x for x in (name, "by subject", how) if x),
                )
        for rel in _anaphoric(view, s):
            if rel.claims not in seen:
                seen.add(rel.claims)
                yield rel
        for m in overlapping(PART_OF_WHOLE, s.tokens, "hf701.scanned"):
            p, w = s.claim(m, "p"), s.claim(m, "w")
            assert p is not None and w is not None
            if not _tied(s, p, w) or any((p.id, w.id) == k[:2] for k in seen):
                continue
            if ((p.id,), (w.id,)) in linked_pairs:
                continue  # a part-of comparison already: HF104 checks it
            seen.add((p.id, w.id))
            yield Relation.make(
                RelationKind.SHARE,
                doc,
                [("part", p.id), ("whole", w.id)],
                Strength.STATED,
                s.span_of(m),
                cue=s.cue(m.start(), m.end()),
                note="part of whole",
            )


def _anaphoric(view: View, s: Sentence) -> Iterator[Relation]:
    """A part and its share whose whole the sentence before states ("Of these, ...")."""
    for name, pat in ANAPHORIC_TEMPLATES.items():
        m = pat.match(s.tokens)
        if m is None:
            continue
        p, sc = s.claim(m, "p"), s.claim(m, "s")
        how = _share_note(s, m)
        if p is None or sc is None or how is None or how.startswith("word="):
            continue
        if p.kind not in PART_KINDS:
            continue
        no = view.sentence_no(s.span.start)
        prev = view.sentence(no - 1)
        if prev is None:
            return
        same_para = view.paragraph_of(prev.start).start == view.paragraph_of(s.span.start).start
        wholes = [
            w
            for w in view.between(prev.start, prev.end)
            if w.kind in PART_KINDS and compatible(p, w) and same_noun(p, w)
        ]
        if len(wholes) != 1:
            return  # no whole, or several the part could be of
        (w,) = wholes
        yield Relation.make(
            RelationKind.SHARE,
            view.doc.id,
            [("part", p.id), ("whole", w.id), ("share", sc.id)],
            Strength.STATED,
            s.span_of(m),
            cue=s.cue(m.start(), m.end()),
            note="; ".join(x for x in (name, how) if x),
            confident=same_para,
        )
        return
