"""What the relation rules share: reading figures, and the strength policy."""

from __future__ import annotations

from decimal import Decimal

from hetao_facts.claims import Claim
from hetao_facts.context import Context
from hetao_facts.intervals import Interval
from hetao_facts.link import Relation, Strength
from hetao_facts.link._view import digits_interval
from hetao_facts.rules.derived._common import Figure, figure_of

__all__ = ["output_figure", "soft_reason", "stated_figure"]


_LOOSE = {
    "total_parts": (
        "the whole by its head noun in an earlier sentence, or the parts by their place "
        "before a summing cue"
    ),
    "rank": "the peers by their form, names each given a figure in the paragraph or a table",
    "enumeration": "the items by their form",
    "comparison": "the whole by the words of its name in another sentence",
    "comparison:least among": "the peers by a list of as many names in an earlier paragraph",
    "comparison:most among": "the peers by a list of as many names in an earlier paragraph",
}


#: a relation kind's loose end, where its note says more
_LOOSE_BY_NOTE = {
    ("total_parts", "partial"): (
        "the parts by their place after the whole; parts opened by 'Of these' or named by "
        "different nouns may overlap"
    ),
    ("total_parts", "change"): (
        "the parts of the change by the words naming it; the text does not say they are all"
    ),
    ("total_parts", "ordinal"): "the list by its ordinal; it may go on past the sentence",
}


def soft_reason(rel: Relation) -> str | None:
    """Why a disagreement on this relation is only a warning (None: it can fail)."""
    if rel.strength is Strength.INFERRED:
        return (
            "the figures were tied by arithmetic and proximity only (an inferred relation), "
            "so this is a warning, not a failure"
        )
    if not rel.confident:
        how = (
            _LOOSE_BY_NOTE.get((rel.kind.value, rel.note))
            or _LOOSE.get(f"{rel.kind.value}:{rel.note}")
            or _LOOSE.get(rel.kind.value, "by its form")
        )
        return f"one end was found loosely ({how}), so this is a warning, not a failure"
    return None


def stated_figure(claim: Claim, ctx: Context) -> Figure | None:
    """A figure as the derived rules read it (digits, rounding and hedge)."""
    return figure_of(claim, ctx)


def output_figure(claim: Claim, ctx: Context) -> Figure | None:
    """The stated result of a division (a share, a density): every written digit counts,
    since an author writes a computed figure to the precision computed ("18/mi²" is
    [17.5, 18.5], not 'rounded to tens'); a hedge still widens it."""
    fig = figure_of(claim, ctx)
    if fig is None:
        return None
    digits = digits_interval(claim, round_trailing_zeros=False)
    if digits is None or fig.reading != "figure" or claim.interval is None:
        return fig
    width, own = digits.width, claim.interval.width
    if width is None or own is None or width >= own:
        return fig  # the claim already reads every digit as significant
    interval = fig.interval if fig.hedged else digits
    return Figure(
        text=fig.text,
        interval=interval,
        digits=digits,
        point=fig.point,
        claims=fig.claims,
        hedged=fig.hedged,
        reading=fig.reading,
    )


def point_figure(text: str, value: Decimal) -> Figure:
    """A figure the relation implies without a claim (100% for a partition)."""
    iv = Interval.point(value)
    return Figure(text=text, interval=iv, digits=iv, point=value)
