"""The report's second core (graph/core/worker.py): a real worker process gives the results computed
here, to the last bit and byte, and a worker that fails or dies changes nothing but the time."""

from __future__ import annotations

import pytest

from graph.analysis.betweenness import betweenness, prefetch, take
from graph.analysis.centrality import _centrality, centrality
from graph.core.worker import JOBS, current, result, second_core
from graph.report import charts

from .test_analysis_scale import random_snapshot

SEEDS = range(8)


def test_no_worker_outside_second_core_or_when_not_wanted():
    assert current() is None
    with second_core(False) as w:
        assert w is None and current() is None
    G = random_snapshot(3)
    prefetch(G)  # does nothing without a worker
    assert take(G) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_centrality_with_betweenness_from_the_worker_is_the_same_to_the_last_bit(seed):
    graphs = [random_snapshot(seed), random_snapshot(seed + 100)]
    here = [repr(_centrality(G)) for G in graphs]
    with second_core() as w:
        assert w is not None and current() is w
        for G in graphs:
            prefetch(G)
        assert all(take(G) is not None for G in graphs[:1])  # taken once...
        assert take(graphs[0]) is None  # ...and only once: measured here the second time
        got = [repr(_centrality(G)) for G in graphs]
    assert got == here
    assert w._process.poll() is not None  # the worker is gone after the block


def test_a_worker_that_dies_leaves_the_results_unchanged():
    G = random_snapshot(5)
    want = centrality(G)
    with second_core() as w:
        prefetch(G)
        w._process.kill()
        w._process.wait()
        assert centrality(G) == want  # computed here instead
        # later jobs fail at once and are run here too
        future = w.submit("betweenness", 3, [(0, 1), (1, 2)])
        assert result(future, "betweenness", 3, [(0, 1), (1, 2)]) == [0.0, 1.0, 0.0]


def test_a_job_that_fails_in_the_worker_is_run_here_and_fails_the_same_way():
    with second_core() as w:
        future = w.submit("betweenness", 3, [("x", "y")])  # not vertex numbers: igraph refuses
        with pytest.raises(RuntimeError, match="worker job betweenness failed"):
            future.result()
        with pytest.raises(TypeError):  # run here, it fails with igraph's own error
            result(future, "betweenness", 3, [("x", "y")])
        assert w.submit("betweenness", 3, [(0, 1), (1, 2)]).result() == [0.0, 1.0, 0.0]  # still serving


def test_unknown_jobs_are_refused_with_the_known_names():
    with second_core() as w:
        with pytest.raises(KeyError, match="before_after, betweenness"):
            w.submit("os.system", "true")
    assert set(JOBS) >= {"betweenness", "before_after", "supplier_shares"}


def test_charts_drawn_by_the_worker_are_the_same_bytes():
    comparison = {
        "before": "2025-10-27",
        "after": "2025-11-03",
        "actors": [
            {
                "actor": "a",
                "label": "OpenAI <b>",
                "pagerank": {"before": 0.2, "after": 0.3},
                "degree": {"before": 4, "after": 5},
            },
            {
                "actor": "b",
                "label": "AWS",
                "pagerank": {"before": 0.1, "after": 0.2},
                "degree": {"before": 1, "after": 2},
            },
        ],
    }
    shares = [
        {
            "actor": "a",
            "label": "OpenAI",
            "basis": "value",
            "value_usd_total": 5.0,
            "suppliers": [
                {"supplier": "s", "label": "AWS", "share": 0.6},
                {"supplier": "t", "label": "Oracle", "share": 0.4},
            ],
        }
    ]
    here = (charts.before_after(comparison, title="t"), charts.supplier_shares(shares, title="u"))
    with second_core() as w:
        there = (
            w.submit("before_after", comparison, title="t").result(),
            w.submit("supplier_shares", shares, title="u").result(),
        )
    assert there == here and here[0][:8] == b"\x89PNG\r\n\x1a\n"


def test_betweenness_here_is_networkx_s_normalised_betweenness():
    nodes = ["a", "b", "c", "d"]
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("b", "d")]
    assert betweenness(nodes, edges) == {"a": 0.0, "b": 2 / 6, "c": 0.0, "d": 0.0}  # a-c and a-d pass b
    import networkx as nx

    assert betweenness(nodes, edges) == pytest.approx(nx.betweenness_centrality(nx.DiGraph(edges)))


def test_report_with_a_worker_is_byte_identical_to_one_without(tmp_path):
    from graph.api.report import FILES, build_report, write_report
    from graph.network.fetch import fetch_network
    from graph.store.memory import load_graph

    graph = load_graph(layers="all")
    data = fetch_network(graph)
    ov, rule = build_report(graph, data=data)
    write_report(ov, tmp_path / "here", rule=rule, layers="all")
    with second_core() as w:
        assert w is not None
        ov2, rule2 = build_report(graph, data=data)
        write_report(ov2, tmp_path / "worker", rule=rule2, layers="all")
    for name in FILES:
        assert (tmp_path / "worker" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name


def test_the_worker_imports_nothing_from_the_folder_it_is_started_in(tmp_path, monkeypatch):
    marker = tmp_path / "imported"
    for name in ("json", "pickle", "os", "igraph", "graph"):
        (tmp_path / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write({name!r})\n")
    monkeypatch.chdir(tmp_path)
    with second_core() as w:
        assert w.submit("betweenness", 3, [(0, 1), (1, 2)]).result() == [0.0, 1.0, 0.0]
        assert w._process.poll() is None  # answered by the worker, still running
    assert not marker.exists()


def test_a_job_that_cannot_be_pickled_fails_alone(tmp_path):
    with second_core() as w:
        with pytest.raises(Exception):  # noqa: B017 - pickle's own error
            w.submit("before_after", {"actors": [lambda: None]}, title="t")
        # nothing half-written reached the worker: the next job is read and answered as sent
        assert w.submit("betweenness", 3, [(0, 1), (1, 2)]).result() == [0.0, 1.0, 0.0]
