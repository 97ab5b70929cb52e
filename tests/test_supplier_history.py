"""The report's second worked case: Anthropic's compute and chip suppliers across Amazon, Google and
Microsoft from 2023 to 2026, with concentration at each date computed from the data."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graph.analysis.supplier_history import case_dates, supplier_history
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.store.memory import load_graph

from .analysis_graphs import net
from .conftest import ROOT

ACT = "https://w3id.org/ai-infra-kg/id/actor/"
ANTHROPIC = ACT + "anthropic"


@pytest.fixture(scope="module")
def data():
    return fetch_network(load_graph())


@pytest.fixture(scope="module")
def history(data):
    days = case_dates(snapshot(data, None), ANTHROPIC, until="2026-12-31")
    return supplier_history([snapshot(data, d) for d in days], ANTHROPIC)


def rows_by_day(history):
    return {r["at"]: r for r in history["rows"]}


def test_the_dates_come_from_the_data(history):
    days = [r["at"] for r in history["rows"]]
    # effective starts of supplier relations (F092 2023-10, F099, F100 announced 2025-10-29 within
    # its stated month, F070, F090 2026, F159 2026-04, F170/F171 announced 2026-04-20, F181, F182,
    # F184, F190 2026-06) and each year end; nothing after the day given
    assert days == [
        "2023-10-01",
        "2023-12-31",
        "2024-11-22",
        "2024-12-31",
        "2025-10-29",
        "2025-11-18",
        "2025-12-31",
        "2026-01-01",
        "2026-04-01",
        "2026-04-20",
        "2026-05-06",
        "2026-05-08",
        "2026-05-20",
        "2026-06-01",
        "2026-12-31",
    ]
    r = rows_by_day(history)
    assert r["2025-11-18"]["started"] == ["buysComputeFrom:F070", "procuresChipsFrom:F071"]


def test_concentration_at_each_date(history):
    r = rows_by_day(history)
    first = r["2023-12-31"]
    assert [s["label"] for s in first["compute"]["suppliers"]] == ["Google"]
    assert (first["compute"]["hhi"], first["compute"]["basis"]) == (10000.0, "value")
    # By corporate group, AWS counts with Amazon, its parent (A02, AWS subsidiary of Amazon: no
    # start stated, so from the article's date, 2025-11-03); shares of the known USD values only.
    mid = r["2025-12-31"]
    groups = {g["label"]: g for g in mid["groups"]["suppliers"]}
    assert set(groups) == {"Amazon", "Google", "Microsoft", "Nvidia"}
    assert groups["Amazon"]["members"] == [ACT + "amazon", ACT + "aws"]
    assert groups["Amazon"]["share"] is None and mid["groups"]["basis"] == "value"  # Amazon's amounts undisclosed
    assert groups["Microsoft"]["share"] == pytest.approx(30 / 33)  # F070 30 bn, F092 3 bn (Google)
    assert mid["groups"]["undisclosed"] == ["Amazon", "Nvidia"]
    assert mid["groups"]["hhi"] == pytest.approx((100 * 30 / 33) ** 2 + (100 * 3 / 33) ** 2)
    before = r["2025-10-29"]["groups"]  # before A02 is recorded, AWS stands on its own
    assert {g["label"] for g in before["suppliers"]} == {"Google", "Amazon", "Amazon Web Services"}
    last = r["2026-12-31"]
    labels = [s["label"] for s in last["compute"]["suppliers"]]
    assert {"Amazon", "Google", "Microsoft", "CoreWeave", "SpaceX", "Akamai"} == set(labels)
    assert last["compute"]["hhi"] < mid["compute"]["hhi"]  # spread over more clouds in 2026
    known = [s["share"] for s in last["chips"]["suppliers"] if s["share"] is not None]
    assert last["chips"]["hhi"] == pytest.approx(sum((100 * x) ** 2 for x in known))


def test_suppliers_roll_up_to_their_parent_company_on_a_small_network():
    from graph.analysis.concentration import supplier_concentration
    from graph.analysis.groups import parents

    G = net(
        ("lab", "aws", "buysComputeFrom"), ("lab", "amazon", "procuresChipsFrom"), ("lab", "gcp", "buysComputeFrom")
    )
    for u, v, k, _d in list(G.edges(keys=True, data=True)):
        G[u][v][k].update(value={"aws": 30.0, "amazon": 10.0, "gcp": 20.0}[v], unit="USD")
    G.add_edge("aws", "amazon", key="subsidiaryOf:9", type="subsidiaryOf")
    assert parents(G) == {"aws": ["amazon"]}
    c = supplier_concentration(G, "lab", relation_types=("buysComputeFrom", "procuresChipsFrom"))
    assert [(s["supplier"], round(s["share"], 6), s["members"]) for s in c["suppliers"]] == [
        ("amazon", 0.666667, ["amazon", "aws"]),
        ("gcp", 0.333333, ["gcp"]),
    ]
    e = supplier_concentration(G, "lab", relation_types=("buysComputeFrom", "procuresChipsFrom"), group_by="entity")
    assert [s["supplier"] for s in e["suppliers"]] == ["aws", "gcp", "amazon"]


def test_the_report_shows_the_case_and_stays_byte_identical(cli, tmp_path):
    r = cli("report", "--at", "2026-12-31", "--out", tmp_path / "one")
    assert r.code == 0, r.err
    assert "worked case Anthropic: 15 dates" in r.out
    html = (tmp_path / "one" / "report.html").read_text(encoding="utf-8")
    assert "Worked case: Anthropic's compute and chip suppliers over time" in html
    assert "2025-11-18" in html and "Amazon Web Services" in html
    env = {**os.environ, "PYTHONHASHSEED": "11"}
    cmd = [sys.executable, "-m", "graph", "report", "--at", "2026-12-31", "--out", str(tmp_path / "two")]
    subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=True)
    assert (tmp_path / "one" / "report.html").read_bytes() == (tmp_path / "two" / "report.html").read_bytes()


def test_cases_are_a_parameter(cli, tmp_path):
    r = cli("report", "--case", "Meta", "--at", "2026-12-31", "--out", tmp_path / "meta")
    assert r.code == 0 and "worked case Meta" in r.out
    article = cli("report", "--out", tmp_path / "article", "--layers", "article")
    assert article.code == 0 and "worked case" not in article.out  # the default case is not in that layer
    bad = cli("report", "--case", "Anthropik", "--out", tmp_path / "bad")
    assert bad.code == 2 and "closest known: Anthropic" in bad.err
