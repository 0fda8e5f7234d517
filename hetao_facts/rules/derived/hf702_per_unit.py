"""HF702 per-unit-contradicted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.model import Check
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    HEDGE,
    DerivedOptions,
    Sentence,
    compatible,
    evaluate,
    figure_of,
    judge,
    previous_sentence,
    same_thing,
    sentences,
    show,
    show_count,
    singular,
    whole_by_subject,
)

_KM2 = Decimal("1e-6")  # m² -> km²

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
POPULATION_OF = re.compile(
    rf"\b(?:population|populace|headcount)\s+(?:of|at|is|was|stands\s+at|reached|to)\s+{HEDGE}$",
    re.I,
)
#: A figure per person: "150,000 yuan per capita", "GDP per capita reached 150,000 yuan".
PER_CAPITA_AFTER = re.compile(
    r"^\s*(?:per|a|for\s+each|for\s+every)\s+(?:capita|person|head|resident|inhabitant|citizen)\b",
    re.I,
)
PER_CAPITA_BEFORE = re.compile(
    r"\b(?:per[\s-]capita|per\s+person|per\s+head|per\s+resident|per\s+inhabitant)\b[^⟦.;]{0,40}$",
    re.I,
)
#: A figure per counted thing: "3 million yuan per unit", "30,000 m² per building", "... each".
PER_NOUN_AFTER = re.compile(
    r"^\s*(?:per|a|an|for\s+each|for\s+every)\s+(?P<noun>[a-z][a-z-]+)\b", re.I
)
EACH_AFTER = re.compile(r"^\s*(?:each|apiece|a\s+piece)\b", re.I)
#: Sentences about averages are HF705's.
AVERAGE = re.compile(r"\b(?:average|averag(?:e|ed|es|ing)|on\s+average|mean)\b", re.I)
#: Marks a total ("in total", "a total of", "altogether").
TOTAL_AFTER = re.compile(
    r"^\s*(?:in\s+total|in\s+all|altogether|combined|overall|all\s+told|together)\b", re.I
)
TOTAL_BEFORE = re.compile(
    r"\b(?:total(?:ling|ing)?|a\s+total\s+of|totals?|overall|combined|aggregate)\s+(?:\w+\s+){0,2}(?:of\s+)?(?:about\s+|some\s+|around\s+)?$",
    re.I,
)
_UNIT_KINDS = {"money", "area", "floor_area", "length", "quantity", "count"}
#: A density of only part of the area: "... per km² in the urban core".
DENSITY_QUALIFIED = re.compile(
    r"^\s*(?:people\s+|residents\s+|inhabitants\s+)?(?:in|within|across|among|for|inside|outside|on)\s+(?!average\b)",
    re.I,
)
#: A per-unit figure restating what precedes it: ", or 3 million yuan per unit", "(about 59)".
RESTATED = re.compile(
    rf"(?:,|\(|—|–|:)\s*(?:or|that\s+is|i\.e\.,?|giving|which\s+gives|equal\s+to)?\s*{HEDGE}$", re.I
)
#: The measure a per-capita figure is of: "GDP per capita", "per capita disposable income".
PER_CAPITA_NAME = re.compile(
    r"(?P<before>[A-Za-z][\w-]*)\s+per[\s-]capita\b|\bper[\s-]capita\s+(?P<after>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)",
    re.I,
)


def is_people(ctx: Context, s: Sentence, c: Claim) -> bool:
    """A count of people: its noun says so, or "a population of N"."""
    if c.kind != "count":
        return False
    noun = getattr(c, "noun", None)
    if noun and singular(noun.split()[0]) in PEOPLE:
        return True
    return bool(POPULATION_OF.search(s.before(c, 40)))


def is_total(s: Sentence, c: Claim) -> bool:
    return bool(TOTAL_AFTER.match(s.after(c, 30)) or TOTAL_BEFORE.search(s.before(c, 40)))


class PerUnitContradicted(Rule):
    """A density or per-unit figure agrees with the total and the count it is derived from.

    What it checks:
        Three figures a sentence states together: a population, an area and a density
        ("6,300 residents on 106.46 km², 59 per km²"; the area may be the one the document
        states for the density's subject); a total, a population and a per-capita figure
        ("total GDP of 3 trillion yuan, a population of 20 million, 150,000 yuan per
        capita"); a total, a count of things and a figure per thing ("1.2 billion yuan for
        400 flats, or 3 million yuan per unit", "360,000 m² across 12 buildings, 30,000 m²
        per building", "... 3 million yuan each"). The per-unit figure is recomputed as
        total / count with interval arithmetic, in any units (km², hectares, square miles;
        per km², per hectare, per square mile), and compared with the stated one. Each
        figure must be the only candidate for its role, else there is no verdict;
        sentences about averages are HF705's.
    Why it matters:
        A density or a unit cost that its own total and count contradict means one of the
        three figures is wrong.
    Flagged:
        "The island has 6,300 residents on 106.46 km², or 95 people per km²."
        (6,300 / 106.46 km² = 59 per km²)
    Consistent:
        "The island has 6,300 residents on 106.46 km², or 59 people per km²."
    """

    code = "HF702"
    name = "per-unit-contradicted"
    scope = Scope.DOCUMENT
    Options = DerivedOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, DerivedOptions)
        for s in sentences(ctx):
            for c in s.claims:
                if c.kind == "density":
                    chk = self._density(ctx, s, c, opts)
                elif c.kind in _UNIT_KINDS and self._per_capita(s, c):
                    chk = self._per_capita_check(ctx, s, c, opts)
                elif c.kind in _UNIT_KINDS and not AVERAGE.search(s.raw):
                    chk = self._per_thing(ctx, s, c, opts)
                else:
                    chk = None
                if chk is not None:
                    yield chk

    # ---- density: population / area ------------------------------------------------------
    def _density(self, ctx: Context, s: Sentence, d: Claim, opts: DerivedOptions) -> Check | None:
        noun = _density_noun(d)
        people = noun is None or singular(noun) in PEOPLE

        def counts_in(t: Sentence) -> list[Claim]:
            out: list[Claim] = []
            for c in t.claims:
                if c.kind != "count" or c.id == d.id:
                    continue
                cn = getattr(c, "noun", None)
                if (people and is_people(ctx, t, c)) or (
                    noun and cn and same_thing(noun, cn.split()[0])
                ):
                    out.append(c)
            return out

        def areas_in(t: Sentence) -> list[Claim]:
            return [c for c in t.claims if c.kind == "area"]

        counts, areas = counts_in(s), areas_in(s)
        if len(counts) > 1 or len(areas) > 1:
            return None
        prev = previous_sentence(ctx, s) if not counts or not areas else None
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
            areas = whole_by_subject(ctx, s.doc_id, d.subject, "area")[:1]
        if len(counts) != 1 or len(areas) != 1:
            return None
        n, a = counts[0], areas[0]
        if DENSITY_QUALIFIED.match(s.after(d, 40)) or _others_between(s, d, (n, a)):
            return None  # "27,000 per km² in built-up areas": a density of part of the area
        fn, fa, fd = figure_of(n, ctx, opts), figure_of(a, ctx, opts), figure_of(d, ctx, opts)
        if fn is None or fa is None or fd is None:
            return None
        outcome = evaluate(_density_of, fn, fa)
        factor, unit = display_factor(d)
        formula = f"{show_count(n)} / {show(a)}"
        return judge(
            ctx,
            self,
            claims=[n, a, d],
            label="density",
            formula=formula,
            outcome=outcome,
            stated=fd,
            unit=unit,
            factor=factor,
            mismatch="the density does not match the population and area",
        )

    # ---- per capita: total / population ------------------------------------------------------
    @staticmethod
    def _per_capita(s: Sentence, c: Claim) -> bool:
        if PER_CAPITA_AFTER.match(s.after(c, 30)):
            return True
        i = s.index(c)
        before = s.tokens[: s.tokens.index(f"⟦{i}⟧")]
        return bool(PER_CAPITA_BEFORE.search(before))

    def _per_capita_check(
        self, ctx: Context, s: Sentence, u: Claim, opts: DerivedOptions
    ) -> Check | None:
        people = [c for c in s.claims if c.id != u.id and is_people(ctx, s, c)]
        totals = [
            c
            for c in s.claims
            if c.id != u.id
            and c not in people
            and compatible(c, u)
            and not self._per_capita(s, c)
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
        return self._judge(ctx, totals[0], people[0], u, "per capita", opts)

    # ---- per thing: total / count -----------------------------------------------------------
    def _per_thing(self, ctx: Context, s: Sentence, u: Claim, opts: DerivedOptions) -> Check | None:
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
        return self._judge(ctx, totals[0], n, u, label, opts)

    def _judge(
        self, ctx: Context, total: Claim, count: Claim, u: Claim, label: str, opts: DerivedOptions
    ) -> Check | None:
        ft, fn, fu = (
            figure_of(total, ctx, opts),
            figure_of(count, ctx, opts),
            figure_of(u, ctx, opts),
        )
        if ft is None or fn is None or fu is None:
            return None
        outcome = evaluate(lambda t, n: t / n, ft, fn)
        factor, unit = display_factor(u)
        if u.kind == "count":
            noun = getattr(u, "noun", None)
            unit = noun.split()[0] if noun else ""
        shown_total = show_count(total) if total.kind == "count" else show(total, factor, unit)
        formula = f"{shown_total} / {show_count(count)}"
        return judge(
            ctx,
            self,
            claims=[total, count, u],
            label=label,
            formula=formula,
            outcome=outcome,
            stated=fu,
            unit=unit,
            factor=factor,
            mismatch=f"the figure {label} does not match the total and count",
        )


def _others_between(s: Sentence, d: Claim, inputs: tuple[Claim, ...]) -> bool:
    """Another figure stands between the inputs and the density in this sentence."""
    here = [c for c in inputs if c.sentence.start == s.span.start]
    if not here:
        return False
    lo, hi = min(c.start for c in [*here, d]), max(c.end for c in [*here, d])
    mine = {d.id, *(c.id for c in inputs)}
    return any(lo <= c.start < hi and c.id not in mine and c.kind != "year" for c in s.claims)


def _noun_is(c: Claim, noun: str) -> bool:
    """A count of `noun` ("400 flats" for "per unit", "12 wards" for "per ward")."""
    cn = getattr(c, "noun", None)
    return isinstance(cn, str) and bool(cn.split()) and same_thing(noun, cn.split()[0])


def _density_of(n: Interval, a: Interval) -> Interval | None:
    return n / a.scale(_KM2)


def _density_noun(d: Claim) -> str | None:
    m = re.match(
        r"^[\d.,\s]*(?:million\s+|thousand\s+)?(?P<noun>[a-z][a-z-]*)\s+per\b", d.text, re.I
    )
    return m.group("noun") if m else None


def _same_noun_words(a: Claim, b: Claim) -> bool:
    an, bn = getattr(a, "noun", None), getattr(b, "noun", None)
    return bool(an and bn and same_thing(an.split()[0], bn.split()[0]))
