"""Hostile inputs to the extractor (issue #20, point 2): what it finds in them. How its work grows
with the input's size is measured by ``bench/extract_growth_bench.py`` (tests check no timing)."""

from __future__ import annotations

from graph.extract import amounts
from graph.extract.text import fold


def test_the_input_of_the_report_names_no_amount():
    """16,384 times '123 ' (the input of issue #20): bare numbers are no amount of anything."""
    text = "123 " * 16384
    assert amounts.find_amounts(text, fold(text), "fr") == []
