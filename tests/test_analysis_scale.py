"""The analyses rewritten for large networks give what the straightforward versions give.

Each fast path (edge folding for the views, incident edges for suppliers, gates and exposure,
the sparse eigenvector, Katz and PageRank, the bounded cycle search) is checked against a plain
reference on random snapshot-shaped graphs: parallel relations, both directions, self-loops,
every relation type, values in USD and other units, keys that repeat across pairs. Timings are
not tested here (see bench/).
"""

from __future__ import annotations

import gc
import random

import networkx as nx
import numpy as np
import pytest

from graph.analysis.centrality import (
    _largest_eigenvalue,
    _pagerank,
    _relation_counts,
    centrality,
    eigenvector,
    eigenvector_centrality,
    katz_centrality,
)
from graph.analysis.concentration import buyers, supplier_concentration, supply_edges
from graph.analysis.cycles import _canonical, bounded_cycles, circular_flows
from graph.analysis.exposure import exposure, exposure_totals
from graph.analysis.gatekeepers import gatekeepers
from graph.analysis.shift import shift
from graph.analysis.supplier_history import case_dates
from graph.analysis.views import (
    SUPPLY_TYPES,
    _pair_weights,
    _sorted_edges,
    dependency_view,
    money_flow_view,
    relation_view,
    tie_view,
    undirected_view,
    value_usd,
)
from graph.core.gcpause import paused_gc
from graph.core.vocab import RELATION_TYPES, local_name
from graph.network.data import DEPENDENCY_TYPES, TIE_TYPES

TYPES = tuple(local_name(t) for t in RELATION_TYPES)  # the ontology's types, in legend order
SUPPLY_SETS = (
    ("buysComputeFrom",),
    ("procuresChipsFrom", "suppliesChipsTo"),
    ("buysComputeFrom", "procuresChipsFrom", "suppliesChipsTo"),
    ("investsIn",),
)
SEEDS = range(25)


def random_snapshot(seed: int, at: str = "2026-01-01") -> nx.MultiDiGraph:
    """A snapshot-shaped graph: a few hubs, parallel relations, self-loops, mixed units."""
    r = random.Random(seed)
    n = r.randint(2, 40)
    G = nx.MultiDiGraph(at=at)
    names = [f"http://x/{r.choice('abz')}{i}" for i in range(n)]
    r.shuffle(names)  # insertion order differs from IRI order
    for v in names:
        G.add_node(v, **({"label": v[-3:].upper()} if r.random() < 0.8 else {}), **{"class": "Actor"})
    hubs = names[: max(1, n // 6)]
    for i in range(r.randint(0, 6 * n)):
        u = r.choice(hubs) if r.random() < 0.3 else r.choice(names)
        v = u if r.random() < 0.05 else (r.choice(hubs) if r.random() < 0.3 else r.choice(names))
        t = r.choice(TYPES)
        unit = r.choice(["USD", "USD", "GW", None])
        value = None if unit is None or r.random() < 0.3 else round(r.lognormvariate(2, 2), r.randint(0, 4))
        key = f"{t}:F{r.randint(0, 12 * n)}"  # the same key may recur between other actors
        year = r.randint(2018, 2026)
        G.add_edge(
            u,
            v,
            key=key,
            type=t,
            type_label=t if r.random() < 0.7 else None,
            value=value,
            unit=unit,
            symmetric=t == "partnersWith",
            fact_ids=[key.split(":")[1]],
            capacity_gw=r.choice([None, 1.5, 0.3]),
            start=r.choice([None, f"{year}", f"{year}-0{r.randint(1, 9)}", f"{year}-0{r.randint(1, 9)}-1{i % 10}"]),
            valid_until=r.choice([None, None, f"{year + 1}-0{r.randint(1, 9)}-0{r.randint(1, 9)}"]),
        )
    return G


def reference_view(G: nx.MultiDiGraph, cls, pairs) -> nx.Graph:
    """A view built relation by relation on the graph itself (the straightforward way)."""
    H = cls(at=G.graph.get("at"))
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: n[0]))
    for a, b, key, data, kind in pairs:
        if not H.has_edge(a, b):
            H.add_edge(a, b, relations=[], types=[], count=0, value_usd=None, weight_usd=0.0)
        e = H.edges[a, b]
        e["relations"] = sorted([*e["relations"], str(key)])
        e["types"] = sorted({*e["types"], data.get("type")})
        e["count"] += 1
        v = value_usd(data)
        if v is not None:
            e["value_usd"] = (e["value_usd"] or 0.0) + v
            e["weight_usd"] = e["value_usd"]
        if kind is not None:
            e["kinds"] = sorted({*e.get("kinds", []), kind})
    return H


def reference_views(G: nx.MultiDiGraph) -> dict[str, nx.Graph]:
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    dep, ties, rel, und, money = [], [], [], [], []
    for u, v, k, d in edges:
        t = d.get("type")
        orient = DEPENDENCY_TYPES.get(t)
        a, b = (v, u) if orient == "reverse" else (u, v)
        if orient is not None:
            dep.append((a, b, k, d, None))
        if t in TIE_TYPES:
            ties.append((u, v, k, d, None))
        rel.append((a, b, k, d, None))
        if d.get("symmetric") and a != b:
            rel.append((b, a, k, d, None))
        und.append((u, v, k, d, None))
        if t in ("buysComputeFrom", "procuresChipsFrom", "investsIn", "ownsStakeIn"):
            kind = "compute" if t == "buysComputeFrom" else "chips" if t == "procuresChipsFrom" else "money"
            money.append((u, v, k, d, kind))
        elif t == "suppliesChipsTo":
            money.append((v, u, k, d, "chips"))
    return {
        "dependency": reference_view(G, nx.DiGraph, dep),
        "tie": reference_view(G, nx.Graph, ties),
        "relation": reference_view(G, nx.DiGraph, rel),
        "undirected": reference_view(G, nx.Graph, und),
        "money": reference_view(G, nx.DiGraph, money),
    }


def layout(H: nx.Graph) -> str:
    """Everything about a graph that iteration can see, as text (floats to the last bit)."""
    parts = [type(H).__name__, H.graph, list(H.nodes(data=True)), [(n, list(nb.items())) for n, nb in H.adj.items()]]
    if H.is_directed():
        parts.append([(n, list(H.pred[n])) for n in H])
    return repr(parts)


@pytest.mark.parametrize("seed", SEEDS)
def test_views_equal_relation_by_relation_folding(seed):
    G = random_snapshot(seed)
    ref = reference_views(G)
    assert layout(dependency_view(G)) == layout(ref["dependency"])
    assert layout(tie_view(G)) == layout(ref["tie"])
    assert layout(relation_view(G)) == layout(ref["relation"])
    assert layout(undirected_view(G)) == layout(ref["undirected"])
    assert layout(money_flow_view(G)) == layout(ref["money"])


@pytest.mark.parametrize("seed", SEEDS)
def test_sorted_edges_and_pair_weights_follow_the_views(seed):
    G = random_snapshot(seed)
    assert _sorted_edges(G) == sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    nodes = sorted(G)
    dep, rel = _pair_weights(G)
    D, R = dependency_view(G), relation_view(G)
    assert [(a, b, c) for a in nodes for b, (c, _) in dep.get(a, {}).items()] == [
        (a, b, d["count"]) for a, b, d in D.edges(data=True)
    ]
    ends = [(a, b, c, t) for a in nodes for b, (c, t) in rel.get(a, {}).items()]
    assert repr(ends) == repr([(a, b, d["count"], d["value_usd"]) for a, b, d in R.edges(data=True)])
    # PageRank on those edges is networkx's on the relation view, to the last bit.
    for weight, w in (("count", [float(e[2]) for e in ends]), ("weight_usd", [e[3] or 0.0 for e in ends])):
        expected = nx.pagerank(R, alpha=0.85, weight=weight, tol=1e-12, max_iter=1000)
        assert repr(_pagerank(nodes, ends, w)) == repr(expected)


def random_graphs() -> list[tuple[str, nx.Graph]]:
    """Undirected test graphs for the eigenvector: connected, disconnected, looped, weighted."""
    out = []
    for seed in range(4):
        out.append((f"connected {seed}", nx.connected_watts_strogatz_graph(30 + 10 * seed, 4, 0.3, seed=seed)))
    parts = [nx.gnp_random_graph(k, 0.5, seed=k) for k in (3, 7, 15)]
    out.append(("three components", nx.disjoint_union_all(parts)))
    lone = nx.gnp_random_graph(25, 0.15, seed=9)
    lone.add_nodes_from(range(25, 30))  # isolated actors
    out.append(("isolated nodes", lone))
    looped = nx.gnp_random_graph(30, 0.15, seed=3)
    looped.add_edges_from([(0, 0), (5, 5), (7, 7)])
    out.append(("self-loops", looped))
    weighted = nx.gnp_random_graph(35, 0.2, seed=5)
    rng = random.Random(5)
    for u, v in weighted.edges():
        weighted[u][v]["count"] = rng.randint(1, 6)
    weighted.add_edge(3, 3, count=4)
    out.append(("weighted", weighted))
    out.append(("star", nx.star_graph(6)))
    out.append(("one node", nx.empty_graph(1)))
    return out


@pytest.mark.parametrize("name,U", random_graphs(), ids=[n for n, _ in random_graphs()])
def test_sparse_eigenvector_equals_networkx(name, U):
    expected = nx.eigenvector_centrality(U, max_iter=1000, tol=1e-9, weight="count")
    got = eigenvector_centrality(U, weight="count", max_iter=1000, tol=1e-9)
    assert list(got) == list(expected)
    assert max(abs(got[n] - expected[n]) for n in U) < 1e-9


def test_sparse_eigenvector_fails_as_networkx_does():
    U = nx.path_graph(60)  # slow to converge with A + I: a few steps are not enough
    with pytest.raises(nx.PowerIterationFailedConvergence):
        nx.eigenvector_centrality(U, max_iter=3)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        eigenvector_centrality(U, max_iter=3)


@pytest.mark.parametrize("name,U", random_graphs()[:-1], ids=[n for n, _ in random_graphs()[:-1]])
def test_sparse_katz_and_largest_eigenvalue_equal_numpy(name, U):
    A = nx.to_numpy_array(U, weight="count")
    lam = float(np.max(np.linalg.eigvalsh(A)))
    nodes = list(U)
    assert _largest_eigenvalue(nx.to_scipy_sparse_array(U, nodelist=nodes, weight="count", format="csr")) == (
        pytest.approx(lam, rel=1e-12)
    )
    alpha = 0.9 / lam
    expected = nx.katz_centrality_numpy(U, alpha=alpha, beta=1.0, weight="count")
    got = katz_centrality(U, alpha=alpha, weight="count")
    assert list(got) == list(expected)
    assert max(abs(got[n] - expected[n]) for n in U) < 1e-9


@pytest.mark.parametrize("seed", SEEDS)
def test_snapshot_eigenvector_equals_networkx_on_the_undirected_view(seed):
    G = random_snapshot(seed)
    U = undirected_view(G)
    nodes = sorted(G)
    assert (_relation_counts(G, nodes) != nx.to_scipy_sparse_array(U, nodelist=nodes, weight="count")).nnz == 0
    scores, method = eigenvector(G)
    try:
        expected = nx.eigenvector_centrality(U, max_iter=1000, tol=1e-9, weight="count")
    except nx.PowerIterationFailedConvergence:
        assert method.startswith("katz")
    else:
        assert method == "eigenvector" and list(scores) == nodes
        assert max(abs(scores[n] - expected[n]) for n in nodes) < 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_katz_fallback_equals_the_dense_computation(seed):
    G = random_snapshot(seed + 100)
    U = undirected_view(G)
    scores, method = eigenvector(G, max_iter=1)  # one step never converges: Katz is used
    lam = float(np.max(np.linalg.eigvalsh(nx.to_numpy_array(U, weight="count"))))
    alpha = 0.9 / lam if lam > 0 else 0.1
    assert method == f"katz (alpha={alpha:.6g})"
    expected = nx.katz_centrality_numpy(U, alpha=alpha, beta=1.0, weight="count")
    assert max(abs(scores[n] - expected[n]) for n in G) < 1e-9


def reference_concentration_edges(G, actor, relation_types):
    """Every edge of the graph scanned, as supplier_concentration once did."""
    out = []
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        t = d.get("type")
        if t in relation_types and t in SUPPLY_TYPES and (u if SUPPLY_TYPES[t] == "forward" else v) == actor:
            out.append((u, v, k, d))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_actor_analyses_read_only_the_actors_edges_and_give_the_same(seed):
    G = random_snapshot(seed)
    for types in SUPPLY_SETS:
        gates = gatekeepers(G, supplier_types=types)
        for actor in [*G, "http://x/absent"]:
            assert supply_edges(G, actor, types) == reference_concentration_edges(G, actor, types)
            assert gatekeepers(G, actor, supplier_types=types) == ({actor: gates[actor]} if actor in gates else {})
            held = {a: [g for g in items if g["gatekeeper"] == actor] for a, items in gates.items()}
            assert gatekeepers(G, supplier_types=types, keeper=actor) == {a: i for a, i in held.items() if i}
        for b in buyers(G, relation_types=types):
            # by entity: the reference reads each actor on its own
            c = supplier_concentration(G, b, relation_types=types, group_by="entity")
            keys = sorted(str(k) for u, v, k, _ in reference_concentration_edges(G, b, types) if u != v)
            assert sorted(k for s in c["suppliers"] for k in s["relations"]) == keys
            days = {
                d[f] if len(d[f]) == 10 else d[f] + ("-01-01" if len(d[f]) == 4 else "-01")
                for *_, d in reference_concentration_edges(G, b, types)
                for f in ("start", "valid_until")
                if d.get(f)
            }
            if days:
                days |= {f"{y}-12-31" for y in range(int(min(days)[:4]), int(max(days)[:4]) + 1)}
            assert case_dates(G, b, relation_types=types) == sorted(days)
    for group_by in ("entity", "parent"):
        everyone = exposure(G, group_by=group_by)
        for actor in [*G, "http://x/absent"]:
            # Values add up in the same order either way: equal to the last bit.
            got = exposure(G, actor, group_by=group_by)
            assert repr(got) == repr({actor: everyone[actor]} if actor in everyone else {}), (group_by, actor)


@pytest.mark.parametrize("seed", SEEDS)
def test_exposure_totals_are_exposure_without_the_counterparties(seed):
    G = random_snapshot(seed)
    for group_by in ("entity", "parent"):
        full = exposure(G, group_by=group_by)
        want = {a: {k: v for k, v in e.items() if k != "counterparties"} for a, e in full.items()}
        assert repr(exposure_totals(G, group_by=group_by)) == repr(want)  # to the last bit, keys in the same order


@pytest.mark.parametrize("seed", range(60))
def test_bounded_cycles_are_networkx_cycles_in_lexicographic_order(seed):
    r = random.Random(seed)
    M = nx.gnp_random_graph(r.randint(1, 22), r.uniform(0.05, 0.35), seed=seed, directed=True)
    M = nx.relabel_nodes(M, {i: f"n{r.randint(0, 99):02d}-{i}" for i in M})
    M.add_edges_from((v, v) for v in list(M)[:2])  # self-loops are not cycles here
    length = r.randint(0, 7)
    found = list(bounded_cycles(M, length))
    simple = nx.DiGraph(M)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    expected = {_canonical(list(c)) for c in nx.simple_cycles(simple, length_bound=length)} if length else set()
    assert {tuple(c) for c in found} == expected
    assert len(found) == len(expected)
    assert found == sorted(found)


def test_bounded_cycles_refuse_a_negative_bound():
    with pytest.raises(ValueError):
        list(bounded_cycles(nx.DiGraph([("a", "b"), ("b", "a")]), -1))


def test_truncated_circular_flows_keep_the_first_cycles_and_are_the_same_every_time():
    G = nx.MultiDiGraph()
    names = [f"a{i:02d}" for i in range(12)]
    rng = random.Random(1)
    for i, u in enumerate(names):
        for v in rng.sample(names, 4):
            if u != v:
                t = rng.choice(["investsIn", "buysComputeFrom", "procuresChipsFrom"])
                G.add_edge(u, v, key=f"{t}:{i}{v}", type=t, value=1.0, unit="USD")
    full = circular_flows(G, limit=10**6)
    assert not full["truncated"] and len(full["cycles"]) > 20
    every = list(bounded_cycles(money_flow_view(G), 6))
    cut = circular_flows(G, limit=20)
    assert cut["truncated"]
    kept = {tuple(c) for c in every[:20]}
    assert {tuple(c["actors"]) for c in cut["cycles"]} == {tuple(c["actors"]) for c in full["cycles"]} & kept
    assert circular_flows(G, limit=20) == cut


@pytest.mark.parametrize("seed", range(10))
def test_shift_lists_each_pairs_and_actors_changes_in_order(seed):
    before, after = random_snapshot(seed, at="2026-01-01"), random_snapshot(seed + 50, at="2026-02-01")
    after.add_nodes_from(before.nodes(data=True))
    after.add_edges_from((u, v, k, d) for i, (u, v, k, d) in enumerate(before.edges(keys=True, data=True)) if i % 3)
    s = shift(before, after)
    for p in s["pairs"]:
        pair = set(p["actors"])
        assert p["ended"] == [r["key"] for r in s["ended"] if {r["source"], r["target"]} == pair]
        assert p["added"] == [r["key"] for r in s["added"] if {r["source"], r["target"]} == pair]
    for f in s["focus"]:
        assert f["ended"] == [r["key"] for r in s["ended"] if f["actor"] in (r["source"], r["target"])]
        assert f["added"] == [r["key"] for r in s["added"] if f["actor"] in (r["source"], r["target"])]
        held = gatekeepers(after, supplier_types=("buysComputeFrom",))
        assert [g["key"] for g in f["after"]["gatekeeper_of"]] == [
            g["key"] for _, items in held.items() for g in items if g["gatekeeper"] == f["actor"]
        ]


def test_paused_gc_restores_the_collector_and_nests():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()


def test_freezing_pauses_freeze_only_after_outer_pauses_and_unfreeze_at_the_end():
    from graph.core.gcpause import freezing_pauses

    assert gc.get_freeze_count() == 0
    with paused_gc():
        kept = [{"n": i} for i in range(1000)]
    assert gc.get_freeze_count() == 0  # outside freezing_pauses a pause freezes nothing
    with freezing_pauses():
        with paused_gc():
            with paused_gc():
                kept += [{"n": i} for i in range(1000)]
            assert gc.get_freeze_count() == 0  # the inner pause ends, the outer one holds
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_centrality_is_unchanged_by_the_pause_and_leaves_the_collector_on():
    G = random_snapshot(3)
    c = centrality(G)
    assert gc.isenabled()
    assert c == centrality(G)
