"""HF704 area-exceeds-dimensions."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.model import Check, Operand, Status
from hetao_facts.rules._util import display_factor
from hetao_facts.rules.base import Rule, Scope
from hetao_facts.rules.derived._common import (
    HEDGE,
    DerivedOptions,
    Figure,
    Sentence,
    figure_of,
    fmt_iv,
    fmt_num,
    sentences,
    show,
    tok,
    whole_by_subject,
)

# ---- phrasings, as data ------------------------------------------------------------------
LONG_AFTER = re.compile(r"^\s*(?:long|in\s+length)\b", re.I)
LONG_BEFORE = re.compile(rf"\b(?:length|long)\s+(?:of|is|was|:)\s+{HEDGE}$", re.I)
WIDE_AFTER = re.compile(
    r"^\s*(?:wide|in\s+width|across(?!\s+(?:the|a|an|its)\b))(?!\s+on\s+average)\b", re.I
)
WIDE_BEFORE = re.compile(rf"\b(?:width|breadth)\s+(?:of|is|was|:)\s+{HEDGE}$", re.I)
#: Widths that are not the greatest: an area may exceed length x such a width.
NOT_GREATEST = re.compile(
    r"\b(?:average|averaging|mean|typical|typically|narrowest|minimum|min\.|at\s+least|on\s+average|usually|mostly)\b",
    re.I,
)
#: "a 300 m by 200 m plot", "300 m x 200 m"
BY = re.compile(rf"{tok('l')}\s*(?:by|x|×)\s*{tok('w')}", re.I)
#: Between a length and a width of the same thing ("2.5 miles long and 0.5 miles wide").
DIMS_LINK = re.compile(
    rf"^\s*(?:long|wide|in\s+length|in\s+width)?\s*(?:,\s*|\s+)(?:and\s+|by\s+)?(?:(?:is|was|it\s+is|being)\s+)?"
    rf"(?:(?:an?|the|its)\s+(?:maximum\s+|greatest\s+)?(?:width|breadth|length)\s+(?:of\s+)?)?{HEDGE}$",
    re.I,
)
#: Between the dimensions and the area of the same thing ("..., covering 1.1 square miles").
AREA_LINK = re.compile(
    rf"^\s*(?:wide|long|in\s+width|in\s+length)?(?:\s+at\s+its\s+widest(?:\s+point)?)?\s*(?:[a-z-]+\s+)?(?:,\s*)?(?:and\s+)?"
    rf"(?:(?:it\s+)?(?:covers?|covering|covered|occupies|occupying|spans?|spanning|has|having|with|encloses|enclosing)\s+)?"
    rf"(?:an?\s+|the\s+)?(?:(?:total|land|surface|site)\s+)?(?:area\s+(?:of\s+)?)?{HEDGE}$",
    re.I,
)
#: Between an area and the dimensions that follow it ("The 1.1-square-mile park is 2.5 miles long").
AREA_BEFORE_LINK = re.compile(
    r"^\s*(?:[A-Za-z-]+\s+){0,3}(?:is|was|are|measures|measuring|,)\s*(?:about\s+|some\s+|roughly\s+)?$",
    re.I,
)
#: An area that may be built floor space, which can exceed a footprint.
FLOOR_CUES = re.compile(
    r"\b(?:floor|floors|storey|storeys|story|stories|GFA|gross|built|building|buildings|tower|towers|space|"
    r"office|offices|residential|apartments?|flats?|levels?|decks?)\b",
    re.I,
)


@dataclass(frozen=True)
class _Dims:
    length: Claim
    width: Claim
    sentence: Sentence | None


class AreaExceedsDimensions(Rule):
    """An area does not exceed its stated length times its greatest width.

    What it checks:
        When a text states a length and a width for something ("2.5 miles long and 0.5
        miles wide", "a 300 m by 200 m plot", "a length of 10 km and a width of up to 3
        km") and an area for the same thing (in the same sentence, or the one area the
        document states for its subject), the area must not exceed length × width: of all
        shapes that fit in that length and greatest width, the rectangle has the largest
        area. Plain "wide" is read as the greatest width (the message says so); widths
        said to be an average, typical or minimum, and areas that may be floor space
        (several storeys can exceed a footprint), give no verdict.
    Why it matters:
        An area larger than its bounding rectangle is impossible: the area, the length or
        the width is wrong (often a unit slip, such as square miles for square kilometres).
    Flagged:
        "The park is 2.5 miles long and 0.5 miles wide, covering 3.2 square miles."
        (2.5 mi × 0.5 mi = 1.25 sq mi at most)
    Consistent:
        "The park is 2.5 miles long and 0.5 miles wide, covering 1.1 square miles."
    """

    code = "HF704"
    name = "area-exceeds-dimensions"
    scope = Scope.DOCUMENT
    Options = DerivedOptions

    def check(self, ctx: Context) -> Iterator[Check]:
        opts = self.options
        assert isinstance(opts, DerivedOptions)
        done: set[tuple[str, str, str]] = set()
        by_subject: dict[tuple[str, str], dict[str, list[Claim]]] = {}
        for s in sentences(ctx):
            dims = self._dims_in(s)
            areas: list[Claim] = [c for c in s.claims if c.kind == "area"]
            floorish = bool(FLOOR_CUES.search(s.raw))
            for d in dims:
                cands: list[Claim] = []
                key = d.length.subject or d.width.subject
                if d.length.subject and d.width.subject and d.length.subject != d.width.subject:
                    continue
                if len(areas) == 1 and not floorish and _area_linked(s, d, areas[0]):
                    cands = areas
                elif not areas and key:
                    cands = [
                        a
                        for a in whole_by_subject(ctx, s.doc_id, key, "area")
                        if not _floor_sentence(ctx, a)
                    ]
                for a in cands[:1]:
                    k = (d.length.id, d.width.id, a.id)
                    if k not in done:
                        done.add(k)
                        chk = self._judge(ctx, d, a, opts)
                        if chk is not None:
                            yield chk
            # dimensions stated in different sentences: grouped by subject
            for c in s.claims:
                if c.kind != "length" or not c.subject:
                    continue
                role = _role(s, c)
                if role:
                    by_subject.setdefault((s.doc_id, c.subject), {}).setdefault(role, []).append(c)
        for (doc_id, subject), roles in sorted(by_subject.items()):
            ls, ws = roles.get("long", []), roles.get("wide", [])
            if len(ls) != 1 or len(ws) != 1 or ls[0].sentence == ws[0].sentence:
                continue  # dimensions stated together are judged with their sentence
            found = [
                a
                for a in whole_by_subject(ctx, doc_id, subject, "area")
                if not _floor_sentence(ctx, a)
            ]
            if not found:
                continue
            k = (ls[0].id, ws[0].id, found[0].id)
            if k in done:
                continue
            done.add(k)
            chk = self._judge(ctx, _Dims(ls[0], ws[0], None), found[0], opts)
            if chk is not None:
                yield chk

    @staticmethod
    def _dims_in(s: Sentence) -> list[_Dims]:
        lengths = [c for c in s.claims if c.kind == "length"]
        longs = [c for c in lengths if _role(s, c) == "long"]
        wides = [c for c in lengths if _role(s, c) == "wide"]
        out: list[_Dims] = []
        if len(longs) == 1 and len(wides) == 1:
            first, second = sorted((longs[0], wides[0]), key=lambda c: c.start)
            if DIMS_LINK.match(s.raw[first.end - s.span.start : second.start - s.span.start]):
                out.append(_Dims(longs[0], wides[0], s))
        for m in BY.finditer(s.tokens):
            a, b = s.claim(m, "l"), s.claim(m, "w")
            if a is not None and b is not None and a.kind == b.kind == "length":
                out.append(_Dims(a, b, s))
        return out

    def _judge(self, ctx: Context, d: _Dims, area: Claim, opts: DerivedOptions) -> Check | None:
        fl, fw, fa = (
            figure_of(d.length, ctx, opts),
            figure_of(d.width, ctx, opts),
            figure_of(area, ctx, opts),
        )
        if fl is None or fw is None or fa is None:
            return None
        bound = fl.interval * fw.interval
        bound_digits = fl.digits * fw.digits
        point = fl.point * fw.point
        factor, unit = display_factor(area)
        lf, lu = display_factor(d.length)
        wf, wu = display_factor(d.width)
        formula = f"{show(d.length, lf, lu)} × {show(d.width, wf, wu)}"
        rect = f"{formula} = {fmt_num(point / factor)} {unit} {fmt_iv(bound, factor)}"
        stated = f"{show(area, factor, unit)} {fmt_iv(fa.interval, factor)}"
        reading = (
            ""
            if d.sentence is None or not _plain_wide(d)
            else f"; '{d.width.text} wide' read as the greatest width"
        )
        ops = [
            Operand(
                label=f"{formula} (bounding rectangle)", interval=bound.scale(1 / factor), unit=unit
            ),
            Operand(
                label=f"{show(area, factor, unit)} (stated)",
                interval=fa.interval.scale(1 / factor),
                unit=unit,
            ),
        ]
        claims = [d.length, d.width, area]
        if fa.interval.entirely_above(bound):
            gap = fa.interval.gap(bound)
            return ctx.make_check(
                self,
                Status.FAIL,
                claims,
                f"{stated} exceeds {rect}: an area cannot exceed its length × greatest width "
                f"(a rectangle is the largest shape that fits){reading}",
                plain=f"{show(area, factor, unit)} is more than {formula} = "
                f"{fmt_num(point / factor)} {unit}, the most a site that long and that wide "
                f"can cover{reading}; an area of at most {fmt_num(point / factor)} {unit}, or "
                "a greater length or width, would agree",
                operands=ops,
                margin=f"off by at least {fmt_num(gap / factor)} {unit}",
            )
        basis, why = _basis(fa, point, bound_digits)
        share = f"{fmt_num(fa.point / point * 100, 3)}% of the rectangle" if point else None
        return ctx.make_check(
            self,
            Status.PASS,
            claims,
            f"{stated} ≤ {rect}: {why}{reading}" + (f" ({share})" if share else ""),
            operands=ops,
            basis=basis,
            margin=share,
        )


def _area_linked(s: Sentence, d: _Dims, area: Claim) -> bool:
    """In one sentence, the area is about what the dimensions measure when the wording joins
    them directly ("..., covering 1.1 square miles"; "The 1.1-square-mile park is ...")."""
    subject = d.length.subject or d.width.subject
    if area.subject and subject and area.subject != subject:
        return False
    start, end = min(d.length.start, d.width.start), max(d.length.end, d.width.end)
    if area.start >= end:
        return bool(AREA_LINK.match(s.raw[end - s.span.start : area.start - s.span.start]))
    if area.end <= start:
        return bool(AREA_BEFORE_LINK.match(s.raw[area.end - s.span.start : start - s.span.start]))
    return False


def _basis(fa: Figure, point: Decimal, bound_digits: Interval) -> tuple[str, str]:
    if fa.point <= point:
        return "exact", "fits within the bounding rectangle"
    if bound_digits.high is None or not fa.digits.entirely_above(bound_digits):
        return "rounding", "fits within the bounding rectangle only thanks to rounding"
    return "hedge", "fits within the bounding rectangle only thanks to the hedge"


def _role(s: Sentence, c: Claim) -> str | None:
    """'long' or 'wide' when the wording around a length says so, else None."""
    after, before = s.after(c, 30), s.before(c, 40)
    if LONG_AFTER.match(after) or LONG_BEFORE.search(before):
        return "long"
    if WIDE_AFTER.match(after) or WIDE_BEFORE.search(before):
        if NOT_GREATEST.search(before[-25:]) or NOT_GREATEST.search(after[:30]):
            return None
        return "wide"
    return None


def _plain_wide(d: _Dims) -> bool:
    s = d.sentence
    assert s is not None
    return (
        bool(WIDE_AFTER.match(s.after(d.width, 30)))
        and "widest" not in s.after(d.width, 40).lower()
        and d.width.qualifier.value == "exact"
    )


def _floor_sentence(ctx: Context, c: Claim) -> bool:
    text = ctx.documents[c.document].text[c.sentence.start : c.sentence.end]
    return bool(FLOOR_CUES.search(text))
