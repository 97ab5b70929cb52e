"""Amounts in French and English: every form, the currency, the multiplier, the long-scale trap."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.extract.amounts import find_amounts, parse_number
from graph.extract.text import fold


def one(text: str, lang: str):
    found = find_amounts(text, fold(text), lang)
    assert len(found) == 1, [a.span.quote for a in found]
    a = found[0]
    assert text[a.span.start : a.span.end] == a.span.quote
    return a


@pytest.mark.parametrize(
    ("lang", "text", "quote", "value", "unit"),
    [
        ("fr", "d'une valeur de 38 milliards de dollars sur", "38 milliards de dollars", 38 * 10**9, "USD"),
        ("fr", "un contrat de 38 Md$ signé", "38 Md$", 38 * 10**9, "USD"),
        ("fr", "5,8 milliards de dollars", "5,8 milliards de dollars", Decimal("5.8") * 10**9, "USD"),
        ("fr", "38\u202fmilliards d’euros", "38\u202fmilliards d’euros", 38 * 10**9, "EUR"),
        ("fr", "un milliard de dollars", "un milliard de dollars", 10**9, "USD"),
        ("fr", "mille milliards de dollars", "mille milliards de dollars", 10**12, "USD"),
        ("fr", "350 millions de dollars", "350 millions de dollars", 350 * 10**6, "USD"),
        ("en", "a $38 billion deal", "$38 billion", 38 * 10**9, "USD"),
        ("en", "a $1.4 trillion plan", "$1.4 trillion", Decimal("1.4") * 10**12, "USD"),
        ("en", "worth US$9.7 billion", "US$9.7 billion", Decimal("9.7") * 10**9, "USD"),
        ("en", "a $38bn deal", "$38bn", 38 * 10**9, "USD"),
        ("en", "$350M of stock", "$350M", 350 * 10**6, "USD"),
        ("en", "38 billion dollars", "38 billion dollars", 38 * 10**9, "USD"),
        ("en", "€5 billion", "€5 billion", 5 * 10**9, "EUR"),
        ("en", "$1,000 billion", "$1,000 billion", 10**12, "USD"),
    ],
)
def test_money_forms(lang, text, quote, value, unit):
    a = one(text, lang)
    assert (a.span.quote, a.value, a.unit, a.kind) == (quote, Decimal(value), unit, "money")
    assert a.scale is None


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_french_thousands_with_any_space_and_no_currency(space):
    text = f"1{space}000 milliards"
    a = one(text, "fr")
    assert a.value == 10**12 and a.unit is None and a.scale is None


def test_french_trillion_is_flagged_and_read_as_ten_to_the_twelve():
    a = one("plus de 1 trillion de dollars", "fr")
    assert a.value == 10**12 and a.unit == "USD" and a.lower_bound
    assert a.scale is not None and (a.scale.reading, a.scale.alternative) == ("10^12", "10^18")
    assert "long scale" in a.scale.why


def test_french_billion_keeps_the_long_scale_when_plausible():
    a = one("1,4 billion de dollars", "fr")
    assert a.value == Decimal("1.4") * 10**12
    assert a.scale is not None and (a.scale.reading, a.scale.alternative) == ("10^12", "10^9")


def test_french_billion_falls_back_to_the_short_scale_when_absurd():
    a = one("38 billions de dollars", "fr")
    assert a.value == 38 * 10**9
    assert a.scale is not None and a.scale.reading == "10^9" and "implausible" in a.scale.why


def test_english_billion_and_trillion_are_not_ambiguous():
    assert one("$38 billion", "en").scale is None
    assert one("$1 trillion", "en").scale is None


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        ("fr", "4,5 GW", Decimal("4.5"), "GW"),
        ("fr", "600 mégawatts", 600, "MW"),
        ("fr", "dix gigawatts", 10, "GW"),
        ("en", "4.5 gigawatts", Decimal("4.5"), "GW"),
        ("en", "a 750-megawatt campus", 750, "MW"),
        ("en", "10 GW of systems", 10, "GW"),
    ],
)
def test_capacities(lang, text, value, unit):
    a = one(text, lang)
    assert (a.value, a.unit, a.kind) == (Decimal(value), unit, "capacity")


def test_energy_is_not_capacity():
    assert find_amounts("1.5 GWh", fold("1.5 GWh"), "en") == []


@pytest.mark.parametrize(("lang", "text"), [("fr", "27 % du capital"), ("en", "a 27% stake")])
def test_percentages(lang, text):
    a = one(text, lang)
    assert (a.value, a.unit) == (27, "percent")


def test_shares():
    a = one("a warrant for up to 160 million AMD shares", "en")
    assert (a.value, a.unit, a.qualifier) == (160 * 10**6, "shares", "up to")


def test_qualifiers_and_valuations():
    assert one("more than $1 trillion", "en").lower_bound
    assert one("up to $100 billion", "en").qualifier == "up to"
    assert one("environ 5,8 milliards de dollars", "fr").qualifier == "about"
    assert one("at a $157 billion valuation", "en").excluded
    assert one("une part valorisée à quelque 135 milliards de dollars", "fr").excluded


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,4", "fr", "1.4"),
        ("1,000", "en", "1000"),
        ("1.000", "fr", "1000"),
        ("1.4", "en", "1.4"),
        ("1 000,5", "fr", "1000.5"),
    ],
)
def test_number_separators_follow_the_language(text, lang, value):
    assert parse_number(text, lang) == Decimal(value)
