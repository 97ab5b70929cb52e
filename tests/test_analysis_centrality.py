"""Centrality against values computed by hand, and against networkx on the exported GraphML."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis.centrality import MEASURES, centrality, centrality_table, eigenvector, ranks
from graph.analysis.views import dependency_view, money_flow_view, relation_view, tie_view
from graph.network.data import DEPENDENCY_TYPES
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.report.netfiles import to_graphml

from .analysis_graphs import chain, cycle, net, star

approx = pytest.approx


def test_star_degrees_and_eigenvector_by_hand():
    c = centrality(star())
    assert (c["c"]["out_degree"], c["c"]["in_degree"], c["c"]["degree"]) == (4, 0, 4)
    assert (c["l1"]["out_degree"], c["l1"]["in_degree"], c["l1"]["degree"]) == (0, 1, 1)
    assert c["c"]["ties"] == 4 and c["c"]["dependencies"] == 0
    # K(1,4): largest eigenvalue 2; centre 1/sqrt(2), each leaf half of it.
    assert c["c"]["eigenvector"] == approx(1 / math.sqrt(2), abs=1e-6)
    assert c["l1"]["eigenvector"] == approx(1 / (2 * math.sqrt(2)), abs=1e-6)


def test_star_pagerank_by_hand_directed():
    # Investments point from the centre to four dangling leaves (n = 5, alpha = 0.85):
    # p_c = 0.15/5 + 0.85 * (1 - p_c)/5  =>  p_c = 0.2 / 1.17; each leaf (1 - p_c) / 4.
    c = centrality(star("investsIn"))
    assert c["c"]["pagerank"] == approx(0.2 / 1.17, abs=1e-6)
    assert c["l3"]["pagerank"] == approx((1 - 0.2 / 1.17) / 4, abs=1e-6)


def test_star_of_partnerships_counts_both_ways_for_pagerank():
    # Symmetric: p_c = 0.03 + 0.85 * (1 - p_c)  =>  p_c = 0.88 / 1.85.
    c = centrality(star("partnersWith"))
    assert c["c"]["pagerank"] == approx(0.88 / 1.85, abs=1e-6)
    assert c["l1"]["pagerank"] == approx((1 - 0.88 / 1.85) / 4, abs=1e-6)
    # ...but degrees follow the stated direction.
    assert (c["c"]["out_degree"], c["l1"]["in_degree"]) == (4, 1)


def test_chain_betweenness_and_pagerank_by_hand():
    c = centrality(chain())
    # One shortest path (a -> c) of the (n-1)(n-2) = 2 ordered pairs runs through b.
    assert [c[n]["betweenness"] for n in "abc"] == [0.0, 0.5, 0.0]
    # p_b = 1.85 p_a, p_c = 2.5725 p_a, sum 1  =>  p_a = 1 / 5.4225.
    pa = 1 / 5.4225
    assert c["a"]["pagerank"] == approx(pa, abs=1e-6)
    assert c["b"]["pagerank"] == approx(1.85 * pa, abs=1e-6)
    assert c["c"]["pagerank"] == approx(2.5725 * pa, abs=1e-6)
    assert (c["a"]["dependencies"], c["b"]["dependencies"], c["b"]["dependents"]) == (1, 1, 1)


def test_cycle_is_uniform_by_hand():
    c = centrality(cycle())
    for n in "abc":
        assert c[n]["pagerank"] == approx(1 / 3, abs=1e-6)
        assert c[n]["betweenness"] == approx(0.5)  # each node carries one of the two-step paths
        assert c[n]["eigenvector"] == approx(1 / math.sqrt(3), abs=1e-6)
        assert c[n]["degree"] == 2


def test_dependency_view_orients_chips_and_refusal_rights():
    G = net(("nvidia", "lab", "suppliesChipsTo"), ("ms", "lab", "hasRightOfFirstRefusal"), ("lab", "x", "investsIn"))
    D = dependency_view(G)
    assert sorted(D.edges()) == [("lab", "ms"), ("lab", "nvidia")]
    c = centrality(G)
    assert (c["lab"]["dependencies"], c["nvidia"]["dependents"], c["ms"]["dependents"]) == (2, 1, 1)
    assert list(tie_view(G).edges()) == [("lab", "x")]
    assert sorted(money_flow_view(G).edges()) == [("lab", "nvidia"), ("lab", "x")]


def test_value_weighted_measures_add_usd_only():
    G = net(
        ("a", "b", "buysComputeFrom", 30.0, "USD"),
        ("a", "c", "buysComputeFrom", 10.0, "USD"),
        ("a", "d", "procuresChipsFrom", 5.0, "GW"),
    )
    c = centrality(G)
    assert c["a"]["value_out_usd"] == 40.0  # the 5 GW never enter a USD sum
    assert (c["b"]["value_in_usd"], c["d"]["value_in_usd"]) == (30.0, 0.0)
    assert c["a"]["value_usd"] == 40.0
    # b gets 3/4 of a's weighted vote and c 1/4: p_b - p_c = 0.85 * (0.75 - 0.25) * p_a.
    pa, pb, pc = (c[n]["pagerank_weighted"] for n in "abc")
    assert pb - pc == approx(0.85 * 0.5 * pa, abs=1e-9)
    # Unweighted, b and c are alike.
    assert c["b"]["pagerank"] == approx(c["c"]["pagerank"])


def test_parallel_relations_count_in_degrees():
    G = net(("a", "b", "investsIn", 1.0, "USD"), ("a", "b", "investsIn", 2.0, "USD"))
    c = centrality(G)
    assert (c["a"]["out_degree"], c["b"]["in_degree"], c["b"]["value_in_usd"]) == (2, 2, 3.0)
    assert relation_view(G).edges["a", "b"]["count"] == 2


def test_eigenvector_falls_back_to_katz_and_says_so():
    scores, method = eigenvector(net(("a", "b", "investsIn")), max_iter=1, tol=1e-30)
    assert method.startswith("katz")
    assert scores["a"] == approx(1 / math.sqrt(2)) and scores["b"] == approx(1 / math.sqrt(2))
    assert eigenvector(net(("a", "b", "investsIn")))[1] == "eigenvector"


def test_empty_and_edgeless_graphs():
    assert centrality(nx.MultiDiGraph()) == {}
    c = centrality(net(nodes=("a", "b")))
    assert c["a"]["degree"] == 0 and c["a"]["pagerank"] == approx(0.5)


def test_ranks_share_ties():
    assert ranks({"a": 2.0, "b": 2.0, "c": 1.0}) == {"a": 1, "b": 1, "c": 3}


def test_table_rows_sorted_rounded_and_labelled():
    t = centrality_table(chain(), digits=3, top=2)
    assert [r["actor"] for r in t["actors"]] == ["a", "b", "c"]
    assert t["actors"][1]["label"] == "B"
    assert t["actors"][0]["pagerank"] == round(1 / 5.4225, 3)
    assert [x["actor"] for x in t["top"]["pagerank"]] == ["c", "b"]
    assert t["top"]["betweenness"] == [{"actor": "b", "label": "B", "value": 0.5, "rank": 1}]
    assert t["eigenvector_method"] == "eigenvector"
    assert t["measures"] == list(MEASURES)


@pytest.mark.parametrize("at", ["2025-10-27", "2025-11-04"])
def test_against_networkx_on_the_exported_graphml(article_graph, tmp_path, at):
    G = snapshot(fetch_network(article_graph), at)
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(G), encoding="utf-8")
    H = nx.read_graphml(path, force_multigraph=True)
    ours = centrality(G)
    assert set(H.nodes) == set(ours)
    for n in H.nodes:
        assert ours[n]["in_degree"] == H.in_degree(n)
        assert ours[n]["out_degree"] == H.out_degree(n)
    # The dependency view rebuilt from the file's relation types.
    D = nx.DiGraph()
    D.add_nodes_from(H.nodes)
    R = nx.DiGraph()
    R.add_nodes_from(H.nodes)
    for u, v, d in H.edges(data=True):
        orient = DEPENDENCY_TYPES.get(d["relation_type"])
        a, b = (v, u) if orient == "reverse" else (u, v)
        if orient:
            D.add_edge(a, b)
        R.add_edge(a, b)
        if d.get("symmetric"):
            R.add_edge(b, a)
    bc = nx.betweenness_centrality(D)
    pr = nx.pagerank(R, tol=1e-12, max_iter=1000)
    ev = nx.eigenvector_centrality(nx.Graph(H.to_undirected()), max_iter=1000, tol=1e-9)
    for n in H.nodes:
        assert ours[n]["betweenness"] == approx(bc[n], abs=1e-9)
        assert ours[n]["pagerank"] == approx(pr[n], abs=1e-9)
        assert ours[n]["eigenvector"] == approx(ev[n], abs=1e-6)


@pytest.mark.parametrize(
    "module", ["views", "centrality", "concentration", "gatekeepers", "cycles", "exposure", "shift"]
)
def test_docstring_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"graph.analysis.{module}"))
    assert result.attempted > 0 and result.failed == 0


def test_igraph_betweenness_equals_networkx_on_random_graphs():
    import networkx as nx

    from graph.analysis.centrality import directed_betweenness

    for seed in range(5):
        D = nx.gnp_random_graph(40, 0.08, seed=seed, directed=True)
        D = nx.relabel_nodes(D, {i: f"n{i}" for i in D})
        expected = nx.betweenness_centrality(D, normalized=True)
        got = directed_betweenness(D)
        assert set(got) == set(expected)
        assert max(abs(got[k] - expected[k]) for k in got) < 1e-12
        assert any(v > 0 for v in got.values())
