"""Work grows at most linearly with the input, counted in operations, never in seconds.

Each input below is checked once and then doubled; the operations the comparison loops
and scans count (`hetao_facts._ops.OPS`: characters scanned, figures compared, claims
kept as representatives) and the size of the report (claims cited by checks) must at most
double, plus a small constant. The inputs are the ones a new user tries: one sentence of
thousands of figures, a count sentence repeated through a document, a document whose
front matter never closes, and many documents that name the same few entities.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from hetao_facts import Document, Report, check
from hetao_facts._ops import OPS

#: Doubling the input may double the work; the slack absorbs constant per-run costs.
SLACK = 2.2


def _run(docs: list[Document]) -> tuple[dict[str, int], int, Report]:
    OPS.reset()
    report = check(docs, config=False)
    refs = sum(len(c.claims) for c in report.checks)
    return OPS.snapshot(), refs, report


def _assert_linear(make: Callable[[int], list[Document]], n: int) -> dict[str, int]:
    ops1, refs1, r1 = _run(make(n))
    ops2, refs2, r2 = _run(make(2 * n))
    assert len(r2.claims) >= 2 * len(r1.claims) - 2, "the doubled input must hold twice the figures"
    for key in sorted(set(ops1) | set(ops2)):
        a, b = ops1.get(key, 0), ops2.get(key, 0)
        assert b <= SLACK * a + 200, f"{key}: {a} operations for n={n}, {b} for 2n"
    assert refs2 <= SLACK * refs1 + 20, f"report size {refs1} -> {refs2} claims cited"
    return ops2


def _one(text: str) -> list[Document]:
    return [Document(id="adversarial.txt", text=text)]


# ---- one document ------------------------------------------------------------------------
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "comma list": lambda n: "The tallies were " + "3, " * n + "and 4 in all.\n",
    "dotted numbers": lambda n: "Values " + "7. " * n + "done.\n",
    "dashed ranges": lambda n: "Ranges " + "5-" * n + "6 in all.\n",
    "repeated date": lambda n: "Opened on " + "March 3, " * n + "2021 at noon.\n",
    "count sentence repeated": lambda n: "The harbour has three piers: North, South and East. " * n,
    "count sentence per line": lambda n: (
        "The harbour has three piers: North, South and East.\n" * n
    ),
    "unterminated front matter": lambda n: (
        "---\ntitle: draft\n" + "The yard covers 4 hectares and 6 hectares.\n" * n
    ),
    "shares in one sentence": lambda n: (
        "Of the 900 workers, "
        + ", ".join(f"{i % 9 + 1}0 workers" for i in range(n))
        + " were hired.\n"
    ),
}


#: Inputs whose per-item work is capped by a window (a few hundred characters) need to be
#: longer than the window many times over before doubling shows as doubling.
SIZES = {"dotted numbers": 1500, "shares in one sentence": 100}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_is_linear(name: str) -> None:
    make = ADVERSARIAL[name]
    _assert_linear(lambda n: _one(make(n)), SIZES.get(name, 300))


def test_long_sentence_scans_are_counted() -> None:
    # the counters really see the scans that used to be quadratic: without the fixes these
    # keys grow 4x per doubling
    ops = _assert_linear(lambda n: _one(ADVERSARIAL["dotted numbers"](n)), 1500)
    assert ops.get("enumeration.marker_scanned", 0) > 0
    ops = _assert_linear(lambda n: _one(ADVERSARIAL["repeated date"](n)), 300)


# ---- many documents, the same entities -----------------------------------------------------
NAMES = ("Arden", "Belmar", "Corvo", "Dunmore", "Elsby", "Farrow")


def _press_text(i: int) -> str:
    """Our own press-release prose: the same six parks in every text, figures that vary a
    little from text to text (as restatements do), a superlative, a part-of link, counts."""
    a, b, c, d = (NAMES[(i + k) % len(NAMES)] for k in range(4))
    area = 100 + (i % 7)
    return (
        f"Release {i}. The {a} park covers {area} hectares and the {b} park covers "
        f"{area + 40 + i % 5} hectares. The {c} park covers {area + 90} hectares.\n\n"
        f"The region's parks are {a}, {b}, {c}, and {d}. "
        f"The {a} park is the smallest among the four.\n\n"
        f"The {a} zone comprises the {a} park and the {b} park, 300 hectares in all. "
        f"The {a} zone covers {320 + i % 3} hectares.\n\n"
        f"The {d} park has four gates: North, South, East and West. "
        f"The {d} park employs {1250 + 10 * (i % 4):,} people.\n"
    )


def _corpus(n: int) -> list[Document]:
    return [Document(id=f"release-{i:04d}.txt", text=_press_text(i)) for i in range(n)]


def test_many_documents_naming_the_same_entities_is_linear() -> None:
    # from 80 documents on, a check lists as many figures as it may (the bounds are reached)
    ops = _assert_linear(_corpus, 80)
    # the cross-document rules really ran on this corpus
    assert ops.get("hf501.peers_compared", 0) + ops.get("hf501.peers_sorted", 0) > 0
    assert ops.get("hf102.compared", 0) > 0
    assert ops.get("hf201.claims", 0) > 0


def test_checks_cite_a_bounded_number_of_claims() -> None:
    _, _, report = _run(_corpus(120))
    assert report.checks
    assert max(len(c.claims) for c in report.checks) <= 100
