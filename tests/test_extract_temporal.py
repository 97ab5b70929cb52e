"""Relative dates, bounds and durations, French and English, against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract.temporal import find_whens
from graph.extract.text import fold

MONDAY = dt.date(2025, 11, 3)  # the seed article's publication day
WEDNESDAY = dt.date(2025, 11, 5)


def one(text: str, pub: dt.date = MONDAY):
    found = find_whens(text, fold(text), pub)
    assert len(found) == 1, [(w.span.quote, w.rule) for w in found]
    w = found[0]
    assert text[w.span.start : w.span.end] == w.span.quote
    assert w.rule and w.explanation
    return w


@pytest.mark.parametrize(
    ("text", "pub", "value", "precision", "rule"),
    [
        ("a annoncé ce lundi avoir conclu", MONDAY, "2025-11-03", "day", "weekday-this-week"),
        ("a annoncé ce lundi avoir conclu", WEDNESDAY, "2025-11-03", "day", "weekday-this-week"),
        ("said this Monday", WEDNESDAY, "2025-11-03", "day", "weekday-this-week"),
        ("lundi dernier", MONDAY, "2025-10-27", "day", "weekday-last"),
        ("last Monday", MONDAY, "2025-10-27", "day", "weekday-last"),
        ("lundi dernier", WEDNESDAY, "2025-11-03", "day", "weekday-last"),
        ("jeudi prochain", MONDAY, "2025-11-06", "day", "weekday-next"),
        ("said on Monday", MONDAY, "2025-11-03", "day", "weekday-bare"),
        ("said on Tuesday", MONDAY, "2025-10-28", "day", "weekday-bare"),
        ("a annoncé mardi", WEDNESDAY, "2025-11-04", "day", "weekday-bare"),
        ("hier", MONDAY, "2025-11-02", "day", "yesterday"),
        ("yesterday", MONDAY, "2025-11-02", "day", "yesterday"),
        ("la semaine dernière", MONDAY, "2025-10-27", "week", "last-week"),
        ("last week", WEDNESDAY, "2025-10-27", "week", "last-week"),
        ("cette semaine", WEDNESDAY, "2025-11-03", "week", "this-week"),
        ("le mois dernier", MONDAY, "2025-10", "month", "last-month"),
        ("last month", MONDAY, "2025-10", "month", "last-month"),
        ("l'an dernier", MONDAY, "2024", "year", "last-year"),
        ("last year", MONDAY, "2024", "year", "last-year"),
        ("le 22 septembre", MONDAY, "2025-09-22", "day", "absolute-day"),
        ("September 22, 2025", MONDAY, "2025-09-22", "day", "absolute-day"),
        ("le 1er octobre", MONDAY, "2025-10-01", "day", "absolute-day"),
        ("le 20 décembre", dt.date(2026, 1, 5), "2025-12-20", "day", "absolute-day"),
        ("lundi 3 novembre 2025", WEDNESDAY, "2025-11-03", "day", "absolute-day"),
        ("2025-10-28", MONDAY, "2025-10-28", "day", "absolute-iso"),
        ("en novembre 2024", MONDAY, "2024-11", "month", "absolute-month"),
        ("in October", dt.date(2025, 11, 12), "2025-10", "month", "absolute-month-no-year"),
        ("en octobre", dt.date(2025, 11, 12), "2025-10", "month", "absolute-month-no-year"),
        ("in 2019", MONDAY, "2019", "year", "absolute-year"),
        ("il y a deux ans", MONDAY, "2023", "year", "ago"),
        ("two years ago", MONDAY, "2023", "year", "ago"),
    ],
)
def test_dates(text, pub, value, precision, rule):
    w = one(text, pub)
    assert (w.kind, w.value, w.precision, w.rule) == ("date", value, precision, rule)


def test_a_week_is_written_as_its_monday_and_covers_seven_days():
    w = one("la semaine dernière")
    assert (w.first, w.last) == ("2025-10-27", "2025-11-02")
    assert "written as its Monday" in w.explanation


@pytest.mark.parametrize("text", ["ces derniers mois", "in recent months", "récemment", "over the past few months"])
def test_recent_is_a_bound_before_publication_with_no_date(text):
    w = one(text)
    assert (w.kind, w.value, w.precision, w.rule, w.bound) == ("bound", None, "bound", "recent", "before")
    assert w.last == "2025-11-03"


@pytest.mark.parametrize(
    "text", ["avant la fin de 2026", "by the end of 2026", "d'ici fin 2026", "before the end of 2026"]
)
def test_by_the_end_of_a_year_is_a_bound(text):
    w = one(text)
    assert (w.kind, w.value, w.bound, w.rule, w.last) == ("bound", "2026", "before", "by-end-of", "2026-12-31")


@pytest.mark.parametrize("text", ["jusqu’en 2027 et au-delà", "into 2027 and beyond"])
def test_and_beyond_is_a_bound_from_that_year(text):
    w = one(text)
    assert (w.kind, w.value, w.bound, w.rule) == ("bound", "2027", "from", "and-beyond")


@pytest.mark.parametrize(
    ("text", "value", "bound"),
    [
        ("à partir de 2027", "2027", "from"),
        ("starting in 2027", "2027", "from"),
        ("à partir du second semestre 2026", "2026-07", "from"),
        ("jusqu'en 2031", "2031", "until"),
        ("through 2031", "2031", "until"),
    ],
)
def test_from_and_until(text, value, bound):
    w = one(text)
    assert (w.value, w.bound) == (value, bound)


@pytest.mark.parametrize(
    ("text", "value"),
    [("au second semestre 2026", "2026-07"), ("in the second half of 2026", "2026-07"), ("Q3 2026", "2026-07")],
)
def test_halves_and_quarters_start_on_their_first_month(text, value):
    w = one(text)
    assert (w.value, w.precision, w.rule) == (value, "month", "half-quarter")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sur les sept prochaines années", "P7Y"),
        ("au cours des sept prochaines années", "P7Y"),
        ("pendant sept ans", "P7Y"),
        ("sur une période d'environ cinq ans", "P5Y"),
        ("pour une durée de cinq ans", "P5Y"),
        ("un contrat de sept ans", "P7Y"),
        ("sur 18 mois", "P18M"),
        ("au cours de la prochaine décennie", "P10Y"),
        ("over the next seven years", "P7Y"),
        ("a seven-year deal", "P7Y"),
        ("a 7-year deal", "P7Y"),
        ("a five-year contract", "P5Y"),
        ("over about five years", "P5Y"),
        ("over the next decade", "P10Y"),
    ],
)
def test_durations(text, value):
    w = one(text)
    assert (w.kind, w.value, w.precision) == ("duration", value, "duration")


@pytest.mark.parametrize("text", ["un accord pluriannuel", "a multi-year agreement"])
def test_multi_year_is_a_duration_without_value(text):
    w = one(text)
    assert (w.kind, w.value, w.rule) == ("duration", None, "duration-multi-year")


@pytest.mark.parametrize("text", ["commencerait immédiatement", "will start immediately"])
def test_immediately_marks_the_start_as_now(text):
    w = one(text)
    assert (w.kind, w.rule) == ("now", "now")


def test_explanations_quote_the_original_words():
    w = one("la semaine dernière")
    assert "«la semaine dernière»" in w.explanation
