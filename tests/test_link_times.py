"""Time relations of the linking stage (kind ``time``), on sentences written for the tests:
what each finder links, and what it must not link. The rules' own cases are in
tests/rules/cases/HF60x.yml."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from hetao_facts import check_text
from hetao_facts.documents import document_from_text
from hetao_facts.engine import run
from hetao_facts.link import Relation, Strength

Shown = tuple[str, str, list[tuple[str, str]], int | None]


def time_relations(
    text: str, date: datetime.date | None = None, kinds: frozenset[str] = frozenset({"time"})
) -> list[tuple[Relation, Shown]]:
    doc = document_from_text(text, id="t.txt", date=date)
    report = run([doc], rules=[])
    texts = {c.id: c.text for c in report.claims}
    return [
        (
            r,
            (r.strength.value, r.note, [(m.role, texts[m.claim]) for m in r.members], r.amount),
        )
        for r in report.relations
        if r.kind.value in kinds
    ]


def shown(text: str, note: str, date: datetime.date | None = None) -> list[Shown]:
    return [s for _r, s in time_relations(text, date) if s[1] == note]


DATELINE = "Harbour Gazette | March 8, 2023\n\n"


# ---- period length -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "years", "period"),
    [
        ("The council adopted its Seven-Year Strategy (2020-2026) for roads.", 7, "2020-2026"),
        ("A ten-year programme, 2014-2023, renewed the parks.", 10, "2014-2023"),
        ("Its three-decade plan (1991-2020) guided the harbour.", 30, "1991-2020"),
    ],
)
def test_a_period_beside_a_name_that_states_its_length(text: str, years: int, period: str) -> None:
    assert shown(text, "period length") == [
        ("stated", "period length", [("period", period)], years)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The 2020-2026 budget was adopted by the council.",  # no name states a length
        "Profits rose in the third quarter of 2021 at the plant.",  # a quarter, not years
        "The second decade (2011-2020) of the charter ended quietly.",  # an ordinal
        "A two-year study of data from 2010-2020 found gains.",  # a study of a span
        "A 10-year bond issued for 2020-2030 sold out.",
        "The fund's five-year return over 2018-2023 was 4%.",
        "The three-year survey covered 2015-2020 records.",  # no bracket, no proper name
        "The 20-year-old plan (2001-2020) lapsed.",  # an age
    ],
)
def test_a_period_without_a_named_length_is_not_linked(text: str) -> None:
    assert shown(text, "period length") == []


# ---- weekday -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "On Friday, March 3, 2023, the bridge reopened to traffic.",
        "The bridge reopened on March 3, 2023 (Friday).",
        "The bridge reopened on Friday 3 March 2023.",
        "The bridge reopened on March 3, 2023, a Friday.",
    ],
)
def test_a_weekday_written_onto_its_date_is_stated(text: str) -> None:
    [got] = shown(text, "weekday")
    assert (got[0], got[3]) == ("stated", 4)


def test_a_weekday_elsewhere_in_the_sentence_is_inferred() -> None:
    got = shown("On Friday the mayor said the bridge had reopened on March 1, 2023.", "weekday")
    assert got == [("inferred", "weekday", [("date", "March 1, 2023")], 4)]


def test_two_dates_each_with_its_own_weekday() -> None:
    text = "On Monday, March 6, 2023, and on Tuesday, March 7, 2023, the pier was shut."
    assert [(s[2][0][1], s[3]) for s in shown(text, "weekday")] == [
        ("March 6, 2023", 0),
        ("March 7, 2023", 1),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Every Tuesday since March 7, 2023, the ferry has run twice.",
        "The ferry runs Monday to Friday from March 6, 2023.",
    ],
)
def test_a_recurring_day_is_no_dates_weekday(text: str) -> None:
    assert shown(text, "weekday") == []


def test_a_weekday_in_the_next_sentence_is_inferred() -> None:
    got = shown(
        "The mayor spoke at the depot on Monday.\nOn March 6, 2023, it reopened.", "weekday"
    )
    assert got == [("inferred", "weekday", [("date", "March 6, 2023")], 0)]


def test_the_datelines_own_date_is_not_tied_to_a_weekday_below_it() -> None:
    assert shown(DATELINE + "The mayor said on Monday that the depot reopens.", "weekday") == []


def test_a_date_without_a_weekday_nearby_is_not_linked() -> None:
    assert shown("The depot reopened on March 6, 2023 after repairs.", "weekday") == []


# ---- target year and the document date -------------------------------------------------------
def test_a_target_year_cites_the_datelines_claim() -> None:
    [(rel, got)] = [
        x for x in time_relations(DATELINE + "By 2026, the port will handle 4 million boxes.")
    ]
    assert got == (
        "stated",
        "target year",
        [("target", "2026"), ("document_date", "March 8, 2023")],
        None,
    )
    assert rel.date == datetime.date(2023, 3, 8) and rel.date_source == "dateline"


def test_a_date_given_by_the_caller_is_carried_without_a_claim() -> None:
    [(rel, got)] = time_relations(
        "By 2026, the port will handle 4 million boxes.", datetime.date(2023, 3, 8)
    )
    assert got[2] == [("target", "2026")]
    assert rel.date == datetime.date(2023, 3, 8) and rel.date_source == "caller"


def test_no_target_year_relation_in_the_past_tense_or_without_a_date() -> None:
    assert shown(DATELINE + "By 2021, the port had handled 4 million boxes.", "target year") == []
    assert shown("By 2026, the port will handle 4 million boxes.", "target year") == []


# ---- relative dates ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "year", "offset"),
    [
        ("Last year, in 2022, the ferry carried 90,000 riders.", "2022", -1),
        ("The ferry carried more riders next year (2024) than ever.", "2024", 1),
        ("Three years ago, in 2020, the ferry was laid up.", "2020", -3),
    ],
)
def test_a_relative_year_set_beside_an_explicit_year(sentence: str, year: str, offset: int) -> None:
    got = shown(DATELINE + sentence, "relative year")
    assert got == [
        ("stated", "relative year", [("year", year), ("document_date", "March 8, 2023")], offset)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The pier opened in 2010. The following year, in 2011, it burned.",
        "In 2015 the pier was rebuilt; the previous year (2014) it had burned.",
        "The ferry was laid up in 2010 and sold the next year (2011).",
    ],
)
def test_a_year_relative_to_the_narrative_is_not_tied_to_the_document_date(sentence: str) -> None:
    assert shown(DATELINE + sentence, "relative year") == []


def test_another_year_of_the_sentence_is_not_the_relative_year() -> None:
    text = DATELINE + "The ferry carried 90,000 riders last year, twice as many as in 2015."
    assert shown(text, "relative year") == []


def test_a_relative_weekday_and_the_explicit_date_of_its_sentence() -> None:
    got = shown(DATELINE + "The pier opens next Tuesday, March 14, 2023, at noon.", "next weekday")
    assert got == [
        (
            "stated",
            "next weekday",
            [("date", "March 14, 2023"), ("document_date", "March 8, 2023")],
            1,
        )
    ]


def test_a_relative_weekday_alone_is_not_compared_with_itself() -> None:
    text = DATELINE + "The pier opens this Friday at noon."
    assert [s for _r, s in time_relations(text) if s[1].endswith("weekday")] == []


# ---- durations -----------------------------------------------------------------------------
def test_a_duration_and_a_period_of_its_sentence() -> None:
    got = shown("Over eight years, from 2012 to 2020, the canal was dredged.", "duration period")
    assert got == [
        (
            "stated",
            "duration period",
            [("duration", "eight years"), ("period", "2012 to 2020")],
            None,
        )
    ]


def test_a_past_duration_since_a_year_reads_the_document_date() -> None:
    got = shown(
        DATELINE + "Since 1993, over the past 30 years, the canal has carried grain.",
        "duration since",
    )
    assert got == [
        (
            "stated",
            "duration since",
            [("duration", "30 years"), ("since", "1993"), ("document_date", "March 8, 2023")],
            1993,
        )
    ]


def test_a_duration_without_since_or_a_period_is_not_linked() -> None:
    text = DATELINE + "Over the past 30 years the canal has carried grain."
    assert [s for _r, s in time_relations(text) if s[1].startswith("duration")] == []


# ---- anniversaries and foundings -------------------------------------------------------------
def test_an_anniversary_and_the_date_of_its_occasion() -> None:
    text = "On May 2, 2019, the town marked the 25th anniversary of the Lakeside Museum."
    [(rel, got)] = [x for x in time_relations(text) if x[1][1] == "anniversary"]
    assert got[2] == [("anniversary", "25th anniversary"), ("event", "May 2, 2019")]
    assert rel.items == ("Lakeside Museum",)


def test_an_anniversary_this_year_reads_the_document_date() -> None:
    text = DATELINE + "This year the town celebrates the 25th anniversary of the Lakeside Museum."
    [(rel, got)] = [x for x in time_relations(text) if x[1][1] == "anniversary"]
    assert got[2] == [("anniversary", "25th anniversary"), ("document_date", "March 8, 2023")]
    assert rel.date == datetime.date(2023, 3, 8)


def test_an_anniversary_without_an_occasion_is_not_linked() -> None:
    assert shown("He wrote about the 25th anniversary of the Lakeside Museum.", "anniversary") == []


@pytest.mark.parametrize(
    ("sentence", "founded"),
    [
        (
            "The Lakeside Museum was founded in 1994 by the Harbour Trust.",
            [("Lakeside Museum", "1994")],
        ),
        ("Riverside College, founded in 1965, is the largest.", [("Riverside College", "1965")]),
        ("Mayor Li said the Lakeside Museum was founded in 1994.", [("Lakeside Museum", "1994")]),
        (
            "The Harbour Trust, which set up the Lakeside Museum in 1994, was founded in 1950.",
            [("Lakeside Museum", "1994"), ("Harbour Trust", "1950")],
        ),
    ],
)
def test_a_founding_year_names_what_was_founded(
    sentence: str, founded: list[tuple[str, str]]
) -> None:
    got = [(rel.items[0], s[2][0][1]) for rel, s in time_relations(sentence) if s[1] == "founding"]
    assert got == founded


def test_a_founding_sentence_without_a_name_is_not_linked() -> None:
    assert shown("When it opened in 1987, nobody came.", "founding") == []


# ---- the checks cite where the document date came from --------------------------------------
def test_a_time_check_cites_the_dateline_and_names_it() -> None:
    report = check_text(
        DATELINE + "By 2021, the port will handle 4 million boxes.", select=["HF603"]
    )
    [check] = report.checks
    assert check.status.value == "fail"
    assert [loc.text for loc in check.locations] == ["2021", "March 8, 2023"]
    assert "dateline 'March 8, 2023'" in check.message


def test_a_time_check_says_when_the_caller_gave_the_date() -> None:
    report = check_text(
        "Last year, in 2021, the ferry was laid up.",
        select=["HF606"],
        date=datetime.date(2023, 3, 8),
    )
    [check] = report.checks
    assert check.status.value == "fail"
    assert [loc.text for loc in check.locations] == ["2021"]
    assert "given by the caller" in check.message


def test_an_inferred_weekday_tie_only_warns() -> None:
    report = check_text(
        "The mayor spoke at the depot on Tuesday.\nOn March 6, 2023, it reopened.",
        select=["HF602"],
    )
    [check] = report.checks
    assert check.status.value == "warn"
    assert all(r.strength is Strength.INFERRED for r in report.relations if r.note == "weekday")


def test_a_date_that_took_its_year_from_the_dateline_cites_it_in_every_time_relation() -> None:
    text = (
        DATELINE + "On Monday, March 6, the depot reopened. The first trams ran on January 9. "
        "Later, on February 20, buses followed."
    )
    both = frozenset({"time", "timeline"})
    got = {
        s[1]: s[2] for _r, s in time_relations(text, kinds=both) if s[1] in {"weekday", "sequence"}
    }
    assert got["weekday"] == [("date", "March 6"), ("document_date", "March 8, 2023")]
    assert got["sequence"][-1] == ("document_date", "March 8, 2023")
    report = check_text(text, select=["HF602", "HF608"])
    assert {c.rule for c in report.checks} == {"HF602", "HF608"}
    for check in report.checks:
        assert "March 8, 2023" in [loc.text for loc in check.locations]
        assert "took its year from the document date 2023-03-08 (dateline" in check.message


def test_a_timeline_of_dates_with_their_own_years_does_not_cite_the_dateline() -> None:
    text = DATELINE + "Work on the line began in 2012 and was to finish by 2016."
    got = [s for _r, s in time_relations(text, kinds=frozenset({"timeline"}))]
    assert got == [("stated", "start and end", [("earlier", "2012"), ("later", "2016")], None)]


def test_a_front_matter_date_is_a_claim_the_time_checks_cite() -> None:
    text = "---\ntitle: Ferry notes\ndate: 2023-03-08\n---\n\nLast year, in 2021, the ferry was laid up.\n"
    report = check_text(text, format="markdown", select=["HF606"])
    [check] = report.checks
    assert check.status.value == "fail"
    assert [(loc.text, loc.line) for loc in check.locations] == [("2021", 6), ("2023-03-08", 3)]
    assert "front matter '2023-03-08'" in check.message
    [fm] = [c for c in report.claims if c.line == 3]
    assert fm.kind == "date" and fm.notes == ("the document date, from the front matter",)


def test_a_front_matter_without_a_date_gives_no_claim() -> None:
    report = check_text(
        "---\ntitle: Ferry notes\n---\n\nThe ferry was laid up.\n", format="markdown"
    )
    assert [c for c in report.claims if c.kind == "date"] == []


def test_a_relative_weekday_is_not_also_a_weekday_relation() -> None:
    text = DATELINE + "The pier opens next Tuesday, March 14, 2023, at noon."
    assert shown(text, "weekday") == []
    report = check_text(text.replace("March 14", "March 15"))
    assert [(c.rule, c.status.value) for c in report.checks if c.rule.startswith("HF60")] == [
        ("HF606", "fail")
    ]


def test_a_year_less_date_under_a_callers_date_says_where_its_year_came_from() -> None:
    report = check_text(
        "The first trams ran on January 9. Later, on February 20, buses followed.",
        select=["HF608"],
        date=datetime.date(2023, 3, 8),
    )
    [check] = report.checks
    assert check.status.value == "pass"
    assert "took its year from the document date 2023-03-08 (given by the caller" in check.message
    assert [loc.text for loc in check.locations] == ["January 9", "February 20"]


@pytest.mark.parametrize(
    ("head", "written"),
    [
        ("Updated: March 12, 2019 10:25 IST", "March 12, 2019"),
        ("Published 2019-03-12", "2019-03-12"),
        ("By Jane Doe | 12 March 2019", "12 March 2019"),
        ("Harbour Gazette — Mar. 12, 2019", "Mar. 12, 2019"),
    ],
)
def test_a_byline_date_is_cited_where_it_is_written(head: str, written: str) -> None:
    report = check_text(
        head + "\n\nThe port will handle 4 million boxes by 2018.", select=["HF603"]
    )
    [check] = report.checks
    assert check.status.value == "fail"
    assert [loc.text for loc in check.locations] == ["2018", written]
    assert [loc.line for loc in check.locations] == [3, 1]


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("The port will handle 4 million boxes by 2026.", "stated"),
        ("By 2026, the port will handle 4 million boxes.", "stated"),
        ("By the end of 2026, the port will handle 4 million boxes.", "stated"),
        ("The depot, planned for completion by 2026, is expected to open soon.", "inferred"),
    ],
)
def test_a_target_years_future_tense_is_stated_in_its_clause(sentence: str, strength: str) -> None:
    assert [s[0] for s in shown(DATELINE + sentence, "target year")] == [strength]


@pytest.mark.parametrize(
    "sentence",
    [
        "The pier, which was to be finished by 2020, will now open in 2025.",
        "Originally due by 2021, the bridge will open next spring.",
        "The line was supposed to be completed by 2016, but it will open only in 2024.",
        "By 2021 the plan had cut emissions by 10%, and it will cut them by 30% by 2030.",
    ],
)
def test_a_past_deadline_is_no_target_year_relation(sentence: str) -> None:
    targets = [s[2][0][1] for s in shown(DATELINE + sentence, "target year")]
    assert all(int(t) >= 2023 for t in targets)


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("The pier has grown over the past 20 years since 2003.", "stated"),
        ("The pier has grown over the past 20 years, since its opening in 2003.", "stated"),
        ("Since 2003 the pier has grown enormously over the past 20 years.", "inferred"),
    ],
)
def test_a_duration_since_is_stated_side_by_side(sentence: str, strength: str) -> None:
    assert [s[0] for s in shown(DATELINE + sentence, "duration since")] == [strength]


@pytest.mark.parametrize(
    "sentence",
    [
        "In the decade from 2010 to 2020, and for 5 years after, it grew.",  # not beside
        "The 10-year plan (2021-2030) was adopted in its second year.",  # a named length
    ],
)
def test_a_duration_not_beside_its_period_is_not_linked(sentence: str) -> None:
    assert shown(sentence, "duration period") == []


def test_an_anniversary_against_a_fact_sheets_founding_year(tmp_path: Path) -> None:
    sheet = tmp_path / "facts.toml"
    sheet.write_text(
        '[[facts]]\nsubject = "Lakeside Museum"\nattribute = "year"\nvalue = 1994\n'
        'source = "museum register"\n',
        encoding="utf-8",
    )
    text = "On May 2, 2019, the town marked the {n} anniversary of the Lakeside Museum."
    ok = check_text(text.format(n="25th"), facts=sheet, select=["HF605"])
    wrong = check_text(text.format(n="20th"), facts=sheet, select=["HF605"])
    assert [c.status.value for c in ok.checks] == ["pass"]
    assert [c.status.value for c in wrong.checks] == ["fail"]
    assert "fact sheet, museum register" in wrong.checks[0].message
