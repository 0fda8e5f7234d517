"""Totals and parts whose figures stand in neighbouring sentences (HF103, HF104 check them).

Stated (the text says the figures are a whole and its parts):

* parts, then a sentence that adds them up with a cue of its own: "The first phase has 24
  stations. The second phase adds 22 stations. Together the two phases will have 46
  stations." Confident when the cue counts the parts ("the two phases", "both wings"),
  exactly that many figures of the whole's kind and unit stand in the sentences before it,
  and each part's clause names what is counted ("phase"); else loose (a mismatch warns,
  never fails), as for a cue without a count ("In all, the firm employs 850 workers");
* a whole, then a sentence that opens on it and names its parts: "The reserve covers
  about 1,250 hectares. Its wetland zone covers 830 hectares and the forest zone 420
  hectares." The text need not name every zone (note ``partial``: the sum must not exceed
  the whole). Confident when one part noun ("zone", "section", "wing"...) names every
  part; "Of these, 40 are ... and 24 ..." is loose, as its parts may overlap;
* the parts of a change a later sentence names ("the bulk of the increase, A and B ...
  C and D also grew"), which with the change's earlier figure add up to its later one
  (note ``change``, loose: the text does not say they are all the parts);
* counts completed by an ordinal: "three reservoirs, two for irrigation and a third
  for drinking water" (note ``ordinal``; the ordinal's item counts as one);
* a part "of the estate" whose whole is the one figure of its kind in the sentence before
  (a part-of comparison, loose).

Not linked: parts at other times ("Its traffic reached 0.8 million in 2021 and 0.9
million in 2020"), parts that change ("rose to"), a part as large as the whole, and a
cue sentence that counts more or fewer parts than the sentences before it hold.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from decimal import Decimal

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._view import View, measure, same_measure
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["across_sentences", "change_parts", "ordinal_completions", "parts_of_before"]

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
_COUNT = r"(?:(?:the|these|those|its|their)\s+(?P<n>two|three|four|five|six)|(?P<both>both))"
#: "Together the two phases ...", "Combined, both lines ...", "In all, ..." (sentence start)
_LEAD = _rx.compile(
    r"^\s*(?P<cue>together|combined|altogether|in\s+all|in\s+total|taken\s+together|"
    r"between\s+them)\b\s*,?\s*(?:" + _COUNT + r"\b)?",
    re.I,
)
#: "The two phases together ...", "Both lines combined ..."
_INNER = _rx.compile(
    r"^\s*" + _COUNT + r"\s+(?:[\w-]+\s+){0,2}?(?P<cue>together|combined)\b",
    re.I,
)
#: a sentence that opens on the whole of the sentence before it
_ITS = _rx.compile(r"^\s*Its\s+", re.I)
#: what `_ITS` and `_OF_THESE` both need at a sentence's start ("Its ", "Of ")
_OPENER = _rx.compile(r"\s*(?:Its|Of)\s", re.I)
_OF_THESE = _rx.compile(r"^\s*Of\s+(?:these|this|them|the\s+total|that\s+total)\s*,", re.I)
_PART_NOUN = (
    r"(?:zone|section|part|portion|area|district|wing|sector|campus|segment|stretch|"
    r"division|region|basin|block|site|arm|branch|unit|tract|parcel|plot|hall|terminal|"
    r"line|phase|quarter|ward|precinct|reach|leg|span|tunnel|building)s?"
)
_NAMED_PART = _rx.compile(r"\b" + _PART_NOUN + r"\b", re.I)
#: "Its zones", "Its wetland zone", "Its north-east wing": a part noun within two words
_OPENS_ON_PART = _rx.compile(r"(?:[\w'-]+\s+){0,2}" + _PART_NOUN + r"\b", re.I)
#: parts that change or stand at other times are not parts of the whole
_CHANGE = _rx.compile(
    r"\b(?:rose|rise[sn]?|fell|fall(?:s|en)?|grew|grow(?:s|n)?|increased?|decreased?|"
    r"declined?|dropped|climbed|up\s+from|down\s+from|compared\s+with|than|per|each|"
    r"average|previous|earlier|formerly|planned|proposed)\b",
    re.I,
)
_TIMES = frozenset({"year", "date", "period", "duration"})
_LOOK_BACK = 3  # sentences before a cue sentence where its parts may stand
_LOOK_BACK_FAR = 6  # ... when they begin in an earlier paragraph


def across_sentences(
    view: View,
    conv_second: set[str],
    wholes_done: set[str],
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
) -> Iterator[Relation]:
    """Totals across neighbouring sentences; `wholes_done` are wholes already linked."""
    used: set[str] = set(wholes_done)
    text = view.text
    for s_no in range(len(view.doc.sentences)):
        sent = view.sentence(s_no)
        if sent is None:
            continue
        # what each finder first asks of the sentence (of the next one), asked here: most
        # sentences open on neither cue, and need no call
        head = text[sent.start : min(sent.end, sent.start + 80)]
        summed = _LEAD.match(head) is not None or _INNER.match(head) is not None
        nxt = view.sentence(s_no + 1)
        opened = nxt is not None and _OPENER.match(text, nxt.start, nxt.end) is not None
        if not summed and not opened:
            continue
        for rel in [
            *(
                _summed_after(view, s_no, sent, conv_second, used, unit, counts_alike)
                if summed
                else ()
            ),
            *(
                _opened_on(view, s_no, sent, conv_second, used, unit, counts_alike)
                if opened
                else ()
            ),
        ]:
            used.update(rel.role("whole"))
            yield rel


def _like(
    c: Claim,
    whole: Claim,
    conv_second: set[str],
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
) -> bool:
    vw, vc = measure(whole), measure(c)
    return (
        c.id != whole.id
        and c.id not in conv_second
        and vw is not None
        and vc is not None
        and vc < vw
        and same_measure(c, whole)
        and unit(c) == unit(whole)
        and counts_alike(c, whole)
    )


def _summed_after(
    view: View,
    s_no: int,
    sent: Span,
    conv_second: set[str],
    used: set[str],
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
) -> Iterator[Relation]:
    """'... 24 stations. ... 22 stations. Together the two phases will have 46 stations.'"""
    head = view.text[sent.start : min(sent.end, sent.start + 80)]
    m = _LEAD.match(head) or _INNER.match(head)
    if m is None:
        return
    # the count the cue names ("the two phases") is no figure of the sum
    figures = [c for c in view.between(sent.start + m.end(), sent.end) if measure(c) is not None]
    wholes = [c for c in figures if c.id not in conv_second and c.id not in used]
    if not wholes:
        return
    whole = wholes[0]
    if whole.kind in _TIMES or any(
        c is not whole and unit(c) == unit(whole) and c.id not in conv_second for c in figures
    ):
        return  # two figures of one unit in the cue sentence: which is the sum?
    para = view.paragraph_of(sent.start)
    count = m.group("n") or m.group("both")
    n = _NUMBERS[count.lower()] if count is not None else 0
    parts: list[Claim] = []
    crossed = False
    for back in range(1, _LOOK_BACK_FAR + 1):
        prev = view.sentence(s_no - back)
        if prev is None:
            break
        if prev.start < para.start:
            # "Combined, the three lines ..." after a paragraph on the first two: only a
            # counted cue still short of its parts reads on, and the tie is loose
            if not n or len(parts) >= n:
                break
            crossed = True
        elif back > _LOOK_BACK:
            break
        parts[:0] = [
            c
            for c in view.between(prev.start, prev.end)
            if _like(c, whole, conv_second, unit, counts_alike)
        ]
        if crossed and len(parts) >= n:
            break
    if count is not None:
        if len(parts) != n:
            return
        # "the two phases": each part's clause names a phase ("The first phase has 24
        # stations"); else the figures may be one thing twice ("Line A carries 250,000 on
        # weekdays and 180,000 at weekends"), so the tie is loose
        at = m.end("n") if m.group("n") else m.end("both")
        nouns = _counted_nouns(view.text[sent.start + at : sent.end])
        confident = not crossed and any(_each_names(view, parts, noun) for noun in nouns)
    else:
        if len(parts) < 2:
            return
        confident = False
    yield _relation(view, whole, parts, m.group("cue"), "", confident)


def _counted_nouns(after: str) -> list[str]:
    """Stems of the words that may be the noun a cue's count counts ("two phases will",
    "three main wards"): the first two words after the count."""
    out = []
    for word in re.findall(r"[a-z]{3,}", after.lower())[:2]:
        if word in {"together", "combined", "will", "have", "are", "were", "had", "has"}:
            break
        out.append(word[:-1] if word.endswith("s") else word)
    return out


def _each_names(view: View, parts: list[Claim], stem: str) -> bool:
    """Each part's clause (from the figure or sentence before it) names `stem`."""
    pattern = re.compile(rf"\b{re.escape(stem)}", re.I)
    pos = -1
    for p in parts:
        start = max(pos, p.sentence.start)
        if not pattern.search(view.text, start, p.start):
            return False
        pos = p.end
    return True


def _opened_on(
    view: View,
    s_no: int,
    sent: Span,
    conv_second: set[str],
    used: set[str],
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
) -> Iterator[Relation]:
    """'The reserve covers 1,250 ha. Its wetland zone covers 830 ha and the forest zone
    420 ha.'"""
    nxt = view.sentence(s_no + 1)
    if nxt is None or nxt.start >= view.paragraph_of(sent.start).end:
        return
    head = view.text[nxt.start : nxt.end]
    its, of_these = _ITS.match(head), _OF_THESE.match(head)
    if its is None and of_these is None:
        return
    if its is not None and not _OPENS_ON_PART.match(head, its.end()):
        return  # "Its wetland zone", "Its north wing"; not "Its traffic"
    later = view.between(nxt.start, nxt.end)
    if any(c.kind in _TIMES for c in later) or _CHANGE.search(head):
        return
    figures = [c for c in view.between(sent.start, sent.end) if measure(c) is not None]
    for whole in reversed(figures):
        if whole.id in conv_second or whole.id in used or whole.kind in _TIMES:
            continue
        if any(c is not whole and unit(c) == unit(whole) for c in figures):
            return  # "1,250 ha, of which 830 ha ...": the sentence has its own parts
        parts = [c for c in later if _like(c, whole, conv_second, unit, counts_alike)]
        alike = [c for c in later if unit(c) == unit(whole) and c.id not in conv_second]
        if len(parts) < 2 or len(parts) != len(alike):
            return  # a figure of the whole's unit that is no part: not a list of parts
        confident = its is not None and _each_named(view, parts, nxt)
        opener = its if its is not None else of_these
        cue = opener.group().strip() if opener is not None else ""
        yield _relation(view, whole, parts, cue, "partial", confident)
        return


def _each_named(view: View, parts: list[Claim], sent: Span) -> bool:
    """Each part has the same part noun between the figure before it and itself ("its
    marsh zone ... its woodland zone"): parts of one partition. Different nouns ("its
    built-up area ... its urban zone") may overlap."""
    pos = sent.start
    heads: set[str] = set()
    for p in parts:
        found = list(_NAMED_PART.finditer(view.text, pos, p.start))
        if not found:
            return False
        heads.add(found[-1].group().lower().rstrip("s"))
        pos = p.end
    return len(heads) == 1


def _relation(
    view: View, whole: Claim, parts: list[Claim], cue: str, note: str, confident: bool
) -> Relation:
    members = [("whole", whole.id), *(("part", p.id) for p in parts)]
    lo = min(c.start for c in [whole, *parts])
    hi = max(c.end for c in [whole, *parts])
    return Relation.make(
        RelationKind.TOTAL_PARTS,
        view.doc.id,
        members,
        Strength.STATED,
        Span(start=lo, end=hi),
        cue=cue,
        note=note,
        confident=confident,
    )


# ---- the parts of a change: "the coast and the capital took most of the increase, A and B"
_OF_CHANGE = _rx.compile(
    r"\b(?:of|in|to)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<dir>increase|growth|gain|rise|decline|decrease|loss|drop|fall)\b",
    re.I,
)
_ALSO = _rx.compile(
    r"\balso\s+(?P<dir>grew|gained|increased|rose|added|expanded|fell|declined|lost|"
    r"decreased|shrank|dropped)\b",
    re.I,
)
_UP = frozenset({"increase", "growth", "gain", "rise", "grew", "gained", "increased"})
_UP2 = frozenset({"rose", "added", "expanded"})
_PARAS_BACK = 3  # paragraphs back a change whose parts a sentence names may stand


def change_parts(
    view: View,
    changes: list[Relation],
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
) -> Iterator[Relation]:
    """Parts of a change stated as such, in a later sentence: "The population rose from
    6.2 million to 6.9 million. ... The coast and the capital took the bulk of the
    increase, 0.3 million and 0.25 million; the hills and the plains also grew:
    0.1 million and 0.05 million." The earlier figure and the parts add up to the later
    one (``whole`` the later figure for an increase, the earlier for a decline; note
    ``change``). The text does not say the parts are all of the change, so the relation
    is loose: a mismatch warns."""
    text = view.text
    ends: list[tuple[Claim, Claim, Relation]] = []
    for rel in changes:
        new_ids, old_ids = rel.role("new"), rel.role("old")
        if len(new_ids) != 1 or len(old_ids) != 1:
            continue
        a, b = view.by_id.get(new_ids[0]), view.by_id.get(old_ids[0])
        if a is None or b is None or not same_measure(a, b) or unit(a) != unit(b):
            continue
        if a.kind not in {"count", "money", "area", "quantity", "length"}:
            continue
        ends.append((a, b, rel))
    if not ends:
        return
    paras = list(view.doc.paragraphs)
    starts = [p.start for p in paras]
    for s_no in range(len(view.doc.sentences)):
        sent = view.sentence(s_no)
        if sent is None:
            continue
        m = _OF_CHANGE.search(text, sent.start, sent.end)
        if m is None:
            continue
        up = m.group("dir").lower() in _UP
        p_here = _para_index(starts, sent.start)
        found = [
            (a, b, r)
            for a, b, r in ends
            if a.end <= sent.start and 0 <= p_here - _para_index(starts, a.start) <= _PARAS_BACK
        ]
        if not found:
            continue
        new, old, _rel = found[-1]  # the latest change before the sentence
        vn, vo = measure(new), measure(old)
        if vn is None or vo is None or (vn > vo) is not up:
            continue
        diff = abs(vn - vo)
        parts = _figures_like(view, sent, new, unit, counts_alike, diff)
        nxt = view.sentence(s_no + 1)
        while (
            nxt is not None
            and nxt.start < view.paragraph_of(sent.start).end
            and (also := _ALSO.search(text, nxt.start, nxt.end)) is not None
            and (also.group("dir").lower() in _UP | _UP2) is up
        ):
            parts += _figures_like(view, nxt, new, unit, counts_alike, diff)
            nxt = view.sentence(view.sentence_no(nxt.start) + 1)
        if len(parts) < 2 or any(p.id in (new.id, old.id) for p in parts):
            continue
        whole, base = (new, old) if up else (old, new)
        members = [("whole", whole.id), ("part", base.id), *(("part", p.id) for p in parts)]
        yield Relation.make(
            RelationKind.TOTAL_PARTS,
            view.doc.id,
            members,
            Strength.STATED,
            Span(start=min(old.start, new.start), end=max(p.end for p in parts)),
            cue=" ".join(m.group().split()),
            note="change",
            confident=False,
        )


def _para_index(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _figures_like(
    view: View,
    sent: Span,
    like: Claim,
    unit: Callable[[Claim], str],
    counts_alike: Callable[[Claim, Claim], bool],
    below: Decimal,
) -> list[Claim]:
    return [
        c
        for c in view.between(sent.start, sent.end)
        if same_measure(c, like)
        and unit(c) == unit(like)
        and counts_alike(c, like)
        and (v := measure(c)) is not None
        and v < below
    ]


# ---- a count completed by an ordinal: "three wells, two for farms and a third ..." ----------
#: what stands between the last count and the ordinal that completes the list
_AND_A = _rx.compile(r"(?:,\s*|\s+)and\s+(?:a|the)\s+$", re.I)


def ordinal_completions(
    view: View, counts_alike: Callable[[Claim, Claim], bool]
) -> Iterator[Relation]:
    """A counted whole, counts after it and an ordinal that names one more ("three
    reservoirs, two for irrigation and a third for drinking water"; "four runways, three in
    use and a fourth being built"): the counts and the one the ordinal names add up to the whole.
    Linked only when the ordinal follows on from the counts (two, then "a third"), so the
    text itself says the ordinal's item is one more; note ``ordinal``. Counts that stop
    short of the whole are loose (the list may go on in the next sentence)."""
    text = view.text
    for w in view.claims:
        if w.kind != "count" or not getattr(w, "noun", None) or measure(w) is None:
            continue
        if not re.match(r"\s*,\s*", text[w.end : w.end + 3]):
            continue
        after = view.between(w.end, w.sentence.end)
        counts: list[Claim] = []
        for c in after:
            if c.kind == "count" and measure(c) is not None and counts_alike(c, w):
                counts.append(c)
                continue
            if c.kind != "ordinal" or not counts:
                break
            gap = text[counts[-1].end : c.start]
            value = getattr(c, "value", None)
            if (
                _AND_A.search(gap) is None
                or re.search(r"[.;:()]", text[w.end : c.start])
                or not isinstance(value, int | Decimal)
            ):
                break
            total = sum((measure(x) or Decimal(0)) for x in counts)
            if Decimal(value) != total + 1:
                break
            # short of the whole, the list may go on ("... and a fourth in repair; the
            # fifth ..."): loose; beyond it, the text contradicts itself
            whole = measure(w) or Decimal(0)
            cue = f"{w.text}, ... and {gap.split()[-1]}"
            yield _relation(view, w, [*counts, c], cue, "ordinal", total + 1 >= whole)
            break


# ---- a part "of the property" whose whole the sentence before measures ---------------------
#: "11,500 acres of the property", "120 hectares of the estate": a part of a whole named
#: by a noun only (a figure in the phrase, "of the 400-hectare estate", is linked elsewhere)
_OF_NOUN = _rx.compile(
    r"\s+of\s+(?:the|its|this|that)\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z][\w-]{2,})\b"
    r"(?!\s*[\d(])",
)
#: nouns that name a whole without repeating the words of its sentence
_WHOLE_NOUNS = frozenset(
    {"property", "site", "total", "land", "estate", "territory", "area", "budget", "sum"}
    | {"amount", "figure", "grounds", "holding", "plot", "tract", "fund", "whole"}
)
_PART_OF_KINDS = frozenset({"area", "length", "money"})


def parts_of_before(view: View, unit: Callable[[Claim], str]) -> Iterator[Relation]:
    """A figure "of the <noun>" whose whole is the one figure of its kind in the sentence
    before, when the noun is that sentence's word or a word that names a whole ("The
    port's 26,000 acres ... Only 11,500 acres of the property are ..."): the part is at
    most the whole (a part-of comparison, loose: found by position)."""
    text = view.text
    for p in view.claims:
        if p.kind not in _PART_OF_KINDS or measure(p) is None:
            continue
        m = _OF_NOUN.match(text, p.end)
        if m is None or m.end() > p.sentence.end:
            continue
        no = view.sentence_no(p.start)
        prev = view.sentence(no - 1)  # across a paragraph break too: the tie is loose
        if prev is None:
            continue
        if any(same_measure(c, p) for c in view.between(p.sentence.start, p.start)):
            continue  # a whole in the part's own sentence: not this one's
        wholes = [
            c
            for c in view.between(prev.start, prev.end)
            if same_measure(c, p) and unit(c) == unit(p) and measure(c) is not None
        ]
        if len(wholes) != 1:
            continue
        noun = m.group("noun").lower()
        if noun not in _WHOLE_NOUNS and not re.search(
            rf"\b{re.escape(noun)}", text[prev.start : prev.end], re.I
        ):
            continue
        (w,) = wholes
        yield Relation.make(
            RelationKind.COMPARISON,
            view.doc.id,
            [("part", p.id), ("whole", w.id)],
            Strength.STATED,
            Span(start=w.start, end=p.end),
            cue=" ".join(m.group().split()),
            note="part of",
            confident=False,
        )
