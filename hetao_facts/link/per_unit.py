"""Per-unit figures the text states with the total and the count they divide (HF702), and
averages stated with their total and count (HF705).

Stated relations of kind ``density`` (the text puts the three figures together; the
arithmetic-only densities of `hetao_facts.link.shares` are ``inferred`` and HF707's):

* a population density with its population and area: "6,300 residents on 106.46 km², 59
  per km²" (members ``count``, ``area``, ``density``; note ``population density``). The
  count or the area may stand in the sentence before; the area may be the one the document
  states for the density's subject (note ``population density; area by subject``);
* a per-capita figure with its total and population: "total GDP of 3 trillion yuan, a
  population of 20 million, 150,000 yuan per capita" (members ``total``, ``count``,
  ``per``; note ``per capita``);
* a figure per counted thing: "1.2 billion yuan for 400 flats, or 3 million yuan per unit",
  "... 3 million yuan each" (note ``per unit`` / ``each``);
* an average: "The 12 schools have an average of 450 pupils, 5,400 in total" (note
  ``average``; HF705 checks these, HF702 the rest).

Each figure must be the only candidate for its role in its sentence, else nothing is linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hetao_facts import _rx
from hetao_facts.claims import Claim, Span
from hetao_facts.link._sentences import (
    HEDGE,
    Sentence,
    compatible,
    previous_sentence,
    same_noun,
    same_thing,
    sentences,
    singular,
    whole_by_subject,
)
from hetao_facts.link._view import View
from hetao_facts.link.model import Relation, RelationKind, Strength

__all__ = ["EACH_AFTER", "PER_NOUN_AFTER", "averages", "is_total", "per_unit"]

# ---- phrasings, as data ------------------------------------------------------------------
#: Words that make a count a number of people ("a population of 6,300", "6,300 residents").
PEOPLE = {
    "people",
    "person",
    "resident",
    "inhabitant",
    "citizen",
    "local",
    "villager",
    "individual",
    "soul",
}
POPULATION_OF = _rx.compile(
    rf"\b(?:population|populace|headcount)\s+(?:of|at|is|was|stands\s+at|reached|to)\s+{HEDGE}$",
    re.I,
)
#: A figure per person: "150,000 yuan per capita", "GDP per capita reached 150,000 yuan".
PER_CAPITA_AFTER = _rx.compile(
    r"^\s*(?:per|a|for\s+each|for\s+every)\s+(?:capita|person|head|resident|inhabitant|citizen)\b",
    re.I,
)
PER_CAPITA_BEFORE = _rx.compile(
    r"\b(?:per[\s-]capita|per\s+person|per\s+head|per\s+resident|per\s+inhabitant)\b[^⟦.;]{0,40}$",
    re.I,
)
#: A figure per counted thing: "3 million yuan per unit", "30,000 m² per building", "... each".
PER_NOUN_AFTER = _rx.compile(
    r"^\s*(?:per|a|an|for\s+each|for\s+every)\s+(?P<noun>[a-z][a-z-]+)\b", re.I
)
EACH_AFTER = _rx.compile(r"^\s*(?:each|apiece|a\s+piece)\b", re.I)
#: Sentences about averages are linked as averages, not as figures per thing.
AVERAGE = _rx.compile(r"\b(?:average|averag(?:e|ed|es|ing)|on\s+average|mean)\b", re.I)
#: Marks a total ("in total", "a total of", "altogether").
TOTAL_AFTER = _rx.compile(
    r"^\s*(?:in\s+total|in\s+all|altogether|combined|overall|all\s+told|together)\b", re.I
)
TOTAL_BEFORE = _rx.compile(
    r"\b(?:total(?:ling|ing)?|a\s+total\s+of|totals?|overall|combined|aggregate)\s+(?:\w+\s+){0,2}(?:of\s+)?(?:about\s+|some\s+|around\s+)?$",
    re.I,
)
_UNIT_KINDS = {"money", "area", "floor_area", "length", "quantity", "count"}
#: A density of only part of the area: "... per km² in the urban core".
DENSITY_QUALIFIED = _rx.compile(
    r"^\s*(?:people\s+|residents\s+|inhabitants\s+)?(?:in|within|across|among|for|inside|outside|on)\s+(?!average\b)",
    re.I,
)
#: A per-unit figure restating what precedes it: ", or 3 million yuan per unit", "(about 59)".
RESTATED = _rx.compile(
    rf"(?:,|\(|—|–|:)\s*(?:or|that\s+is|i\.e\.,?|giving|which\s+gives|equal\s+to)?\s*{HEDGE}$", re.I
)
#: The measure a per-capita figure is of: "GDP per capita", "per capita disposable income".
PER_CAPITA_NAME = _rx.compile(
    r"(?P<before>[A-Za-z][\w-]*)\s+per[\s-]capita\b|\bper[\s-]capita\s+(?P<after>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    re.I,
)
_DENSITY_NOUN = _rx.compile(
    r"^[\d.,\s]*(?:million\s+|thousand\s+)?(?P<noun>[a-z][a-z-]*)\s+per\b", re.I
)
#: An average: "an average of 30,000 m²", "averaging 450 pupils", "450 pupils on average".
AVERAGE_BEFORE = _rx.compile(
    rf"\b(?:an?\s+average\s+of|averag(?:es|ed|ing)|on\s+average|a\s+mean\s+of)\s+{HEDGE}$", re.I
)
#: What may stand between the count and its average ("The 12 schools have an average of ...").
CLAUSE_BREAK = _rx.compile(r"[;:]|\b(?:and|while|whereas|but|although|though|which|where)\b", re.I)
#: The average is per the counted thing: "... each", "... per school", "... a building".
AVERAGE_EACH = _rx.compile(
    r"^\s*(?:each|apiece|(?:per|a|an|for\s+each)\s+(?P<noun>[a-z][a-z-]+))\b", re.I
)
AVERAGE_AFTER = _rx.compile(r"^\s*(?:(?:each|apiece|per\s+\w+|a\s+\w+)\s+)?on\s+average\b", re.I)
_SUM_KINDS = {"count", "area", "floor_area", "length", "money"}


def is_people(s: Sentence, c: Claim) -> bool:
    """A count of people: its noun says so, or "a population of N"."""
    if c.kind != "count":
        return False
    noun = getattr(c, "noun", None)
    if noun and singular(noun.split()[0]) in PEOPLE:
        return True
    return bool(POPULATION_OF.search(s.before(c, 40)))


def is_total(s: Sentence, c: Claim) -> bool:
    return bool(TOTAL_AFTER.match(s.after(c, 30)) or TOTAL_BEFORE.search(s.before(c, 40)))


def _relation(view: View, members: list[tuple[str, Claim]], note: str, cue: str | None) -> Relation:
    claims = [c for _r, c in members]
    return Relation.make(
        RelationKind.DENSITY,
        view.doc.id,
        [(r, c.id) for r, c in members],
        Strength.STATED,
        Span(start=min(c.start for c in claims), end=max(c.end for c in claims)),
        cue=cue,
        note=note,
    )


def per_unit(view: View) -> Iterator[Relation]:
    """Densities, per-capita figures and figures per thing with their total and count."""
    for s in sentences(view):
        for c in s.claims:
            if c.kind == "density":
                rel = _density(view, s, c)
            elif c.kind in _UNIT_KINDS and _per_capita(s, c):
                rel = _per_capita_rel(view, s, c)
            elif c.kind in _UNIT_KINDS and not AVERAGE.search(s.raw):
                rel = _per_thing(view, s, c)
            else:
                rel = None
            if rel is not None:
                yield rel


# ---- density: population / area ------------------------------------------------------
def _density(view: View, s: Sentence, d: Claim) -> Relation | None:
    m = _DENSITY_NOUN.match(d.text)
    noun = m.group("noun") if m else None
    people = noun is None or singular(noun) in PEOPLE

    def counts_in(t: Sentence) -> list[Claim]:
        out: list[Claim] = []
        for c in t.claims:
            if c.kind != "count" or c.id == d.id:
                continue
            cn = getattr(c, "noun", None)
            if (people and is_people(t, c)) or (noun and cn and same_thing(noun, cn.split()[0])):
                out.append(c)
        return out

    def areas_in(t: Sentence) -> list[Claim]:
        return [c for c in t.claims if c.kind == "area"]

    counts, areas = counts_in(s), areas_in(s)
    if len(counts) > 1 or len(areas) > 1:
        return None
    by_subject = False
    prev = previous_sentence(view, s) if not counts or not areas else None
    if prev is not None:
        pc, pa = counts_in(prev), areas_in(prev)
        if not counts and len(pc) == 1 and (areas or len(pa) == 1):
            counts = pc
        if (
            not areas
            and len(pa) == 1
            and (pa[0].subject == d.subject or counts == pc)
            and d.subject
        ):
            areas = pa
    if not areas and d.subject:
        areas = whole_by_subject(view, d.subject, "area")[:1]
        by_subject = bool(areas)
    if len(counts) != 1 or len(areas) != 1:
        return None
    n, a = counts[0], areas[0]
    if DENSITY_QUALIFIED.match(s.after(d, 40)) or _others_between(s, d, (n, a)):
        return None  # "27,000 per km² in built-up areas": a density of part of the area
    note = "population density" + ("; area by subject" if by_subject else "")
    return _relation(view, [("count", n), ("area", a), ("density", d)], note, None)


def _others_between(s: Sentence, d: Claim, inputs: tuple[Claim, ...]) -> bool:
    """Another figure stands between the inputs and the density in this sentence."""
    here = [c for c in inputs if c.sentence.start == s.span.start]
    if not here:
        return False
    lo, hi = min(c.start for c in [*here, d]), max(c.end for c in [*here, d])
    mine = {d.id, *(c.id for c in inputs)}
    return any(lo <= c.start < hi and c.id not in mine and c.kind != "year" for c in s.claims)


# ---- per capita: total / population ------------------------------------------------------
def _per_capita(s: Sentence, c: Claim) -> bool:
    if PER_CAPITA_AFTER.match(s.after(c, 30)):
        return True
    i = s.index(c)
    before = s.tokens[: s.tokens.index(f"⟦{i}⟧")]
    return bool(PER_CAPITA_BEFORE.search(before))


def _per_capita_rel(view: View, s: Sentence, u: Claim) -> Relation | None:
    people = [c for c in s.claims if c.id != u.id and is_people(s, c)]
    totals = [
        c
        for c in s.claims
        if c.id != u.id
        and c not in people
        and compatible(c, u)
        and not _per_capita(s, c)
        and not PER_NOUN_AFTER.match(s.after(c, 30))
    ]
    if len(people) != 1 or len(totals) != 1:
        return None
    # The total must be the same measure ("GDP per capita" with "GDP of 3 trillion yuan"),
    # or the per-capita figure must restate the sentence's own total (", or 150 yuan a head").
    name = PER_CAPITA_NAME.search(s.raw)
    word = (
        None
        if name is None
        else (name.group("before") or name.group("after") or "").split()[-1].lower()
    )
    before_total = s.before(totals[0], 40).lower()
    named = (
        word is not None
        and word not in {"the", "a", "its", "their", "income", "spending"}
        and word in before_total
    )
    if not named and not RESTATED.search(s.before(u, 40)):
        return None
    cue = name.group().strip() if name is not None else None
    return _relation(
        view, [("total", totals[0]), ("count", people[0]), ("per", u)], "per capita", cue
    )


# ---- per thing: total / count -----------------------------------------------------------
def _noun_is(c: Claim, noun: str) -> bool:
    """A count of `noun` ("400 flats" for "per unit", "12 wards" for "per ward")."""
    cn = getattr(c, "noun", None)
    return isinstance(cn, str) and bool(cn.split()) and same_thing(noun, cn.split()[0])


def _same_noun_words(a: Claim, b: Claim) -> bool:
    an, bn = getattr(a, "noun", None), getattr(b, "noun", None)
    return bool(an and bn and same_thing(an.split()[0], bn.split()[0]))


def _per_thing(view: View, s: Sentence, u: Claim) -> Relation | None:
    after = s.after(u, 40)
    m = PER_NOUN_AFTER.match(after)
    each = EACH_AFTER.match(after)
    if not m and not each:
        return None
    counts = [c for c in s.claims if c.kind == "count" and c.id != u.id]
    if m:
        noun = m.group("noun")
        counts = [c for c in counts if _noun_is(c, noun)]
    else:  # "... each": the one other count in the sentence, whatever it counts
        totals_marked = [c for c in counts if is_total(s, c)]
        counts = [c for c in counts if c not in totals_marked]
        if len(counts) != 1 or not getattr(counts[0], "noun", None):
            return None
    if len(counts) != 1:
        return None
    n = counts[0]
    totals = [
        c
        for c in s.claims
        if c.id not in (u.id, n.id)
        and compatible(c, u, floor_mix=True)
        and not PER_NOUN_AFTER.match(s.after(c, 30))
        and not EACH_AFTER.match(s.after(c, 20))
    ]
    if u.kind == "count":
        totals = [c for c in totals if _same_noun_words(c, u) or is_total(s, c)]
    if len(totals) != 1:
        return None
    label = f"per {m.group('noun')}" if m else "each"
    hit = m or each
    cue = hit.group().strip() if hit else None
    return _relation(view, [("total", totals[0]), ("count", n), ("per", u)], label, cue)


# ---- an average, its total and its count -------------------------------------------
def _average_tied(s: Sentence, n: Claim, x: Claim) -> bool:
    """The average is per the counted thing: "each", "per <noun>", or it follows the count
    in its clause ("The 12 schools have an average of 450 pupils")."""
    m = AVERAGE_EACH.match(s.after(x, 30))
    if m:
        noun = m.group("noun")
        cn = getattr(n, "noun", None)
        return noun is None or (cn is not None and same_thing(noun, cn.split()[0]))
    if n.end > x.start:
        return False
    between = s.raw[n.end - s.span.start : x.start - s.span.start]
    return (
        len(between) <= 60
        and not CLAUSE_BREAK.search(between)
        and not any(n.end <= c.start < x.start for c in s.claims)
    )


def averages(view: View) -> Iterator[Relation]:
    """An average stated with its total and its count, in one sentence."""
    for s in sentences(view):
        rel = _average(view, s)
        if rel is not None:
            yield rel


def _average(view: View, s: Sentence) -> Relation | None:
    xs: list[tuple[Claim, str]] = []
    for i, c in enumerate(s.claims):
        if c.kind not in _SUM_KINDS:
            continue
        pos = s.tokens.index(f"⟦{i}⟧")
        hit = AVERAGE_BEFORE.search(s.tokens[max(0, pos - 50) : pos]) or AVERAGE_AFTER.match(
            s.after(c, 40)
        )
        if hit:
            xs.append((c, " ".join(hit.group().split())))
    if len(xs) != 1:
        return None
    x, cue = xs[0]
    counts = [
        c
        for c in s.claims
        if c.kind == "count"
        and c.id != x.id
        and not (
            x.kind == "count"
            and same_noun(c, x)
            and getattr(c, "noun", None)
            and getattr(x, "noun", None)
        )
    ]
    totals = [
        c
        for c in s.claims
        if c.id != x.id
        and compatible(c, x, floor_mix=True)
        and not PER_NOUN_AFTER.match(s.after(c, 30))
        and not EACH_AFTER.match(s.after(c, 20))
    ]
    if x.kind == "count":
        totals = [
            c for c in totals if is_total(s, c) or (getattr(c, "noun", None) and same_noun(c, x))
        ]
    marked = [c for c in totals if is_total(s, c)]
    if len(totals) > 1:
        totals = marked
    counts = [c for c in counts if all(c.id != tt.id for tt in totals)]
    if len(totals) != 1 or len(counts) != 1:
        return None
    t, n = totals[0], counts[0]
    if not _average_tied(s, n, x):
        return None
    return _relation(view, [("total", t), ("count", n), ("per", x)], "average", cue or None)
