"""A worked case of ``aikg report`` draws only its actor's neighbourhood
(:func:`graph.analysis.supplier_history.case_network`), not the whole network on each of its
dates: the rows are the same as the whole network's, on the shipped data, for the report's
default case and for every other buyer."""

from __future__ import annotations

import pytest

from graph.analysis.concentration import buyers
from graph.analysis.supplier_history import CHIPS, COMPUTE, case_dates, case_network, supplier_history
from graph.api.report import DEFAULT_CASES, worked_cases
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.store.memory import load_graph

DAY = "2026-11-29"


@pytest.fixture(scope="module")
def shipped():
    graph = load_graph("all", [])
    return graph, fetch_network(graph)


def _the_whole_network(data, actor: str, day: str) -> dict:
    """A worked case as the report computed it before: full snapshots on every date."""
    days = case_dates(snapshot(data, None), actor, until=day)
    return supplier_history([snapshot(data, d) for d in days], actor)


def test_the_reports_worked_cases_are_unchanged(shipped):
    graph, data = shipped
    cases = worked_cases(graph, data, DAY, None)
    assert [c["label"] for c in cases] == list(DEFAULT_CASES)
    for case in cases:
        assert case["rows"], case["label"]
        assert case == _the_whole_network(data, case["actor"], DAY)


@pytest.mark.parametrize("group_by", ["parent", "entity"])
def test_every_buyers_history_is_the_same_from_its_neighbourhood(shipped, group_by):
    _, data = shipped
    data = data.counting(group_by=group_by)
    everything = snapshot(data, None)
    found = buyers(everything, relation_types=COMPUTE + CHIPS)
    assert len(found) > 10
    for actor in found:
        near = case_network(data, actor)
        assert len(near.relations) < len(data.relations)
        days = case_dates(snapshot(near, None), actor, until=DAY)
        assert days == case_dates(everything, actor, until=DAY)
        assert supplier_history([snapshot(near, d) for d in days], actor) == _the_whole_network(data, actor, DAY)
