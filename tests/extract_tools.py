"""What the phrasing tests of the extractor share (tests/test_extract_phrasing.py,
test_extract_generalise.py, test_extract_styles.py): the candidates of a text, keyed by who does
what to whom. The graph they read is conftest's ``shipped_graph``."""

from __future__ import annotations

from typing import Any

from graph.extract import extract


def ties(graph, text: str, published: str, lang: str) -> dict[tuple[str, str, str], Any]:
    """The candidates found in ``text``, by (actor's label, relation type, counterparty's label)."""
    ex = extract(text, graph, published=published, lang=lang)
    return {(c.actor.actor.label, c.rtype, c.counterparty.actor.label): c for c in ex.candidates}


def value(c) -> tuple | None:
    """A candidate's value and unit, or None."""
    return (c.value.value, c.value.unit) if c.value is not None else None


def dates(c) -> dict[str, str]:
    """A candidate's dates, by role, as their values."""
    return {k: w.value for k, w in c.dates.items()}
