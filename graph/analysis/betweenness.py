"""Exact directed betweenness by igraph, here or, for large snapshots, in the report's worker.

On a million-triple network betweenness takes about a second per snapshot, and a report
measures three. Within :func:`graph.core.worker.second_core`, :func:`prefetch` hands a snapshot's
dependency view to the worker process, which computes its betweenness while this process
computes everything else; :func:`graph.analysis.centrality.centrality` then :func:`take` s the
worker's answer. The worker runs the same igraph call on the same edge list, in the same order,
and this process scales the result the same way, so the values are the same to the last bit
(the tests check it): results never depend on whether a worker was used.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary


def dependency_edges(nodes: list[Any], dep: dict[Any, dict[Any, Any]]) -> list[tuple[Any, Any]]:
    """The dependency view's edges in its ``edges()`` order (``nodes`` sorted), as igraph reads them."""
    return [(a, b) for a in nodes for b in dep.get(a, ())]


def raw_betweenness(n: int, pairs: list[tuple[int, int]]) -> list[float]:
    """igraph's unnormalised directed betweenness of nodes ``0 .. n-1`` joined by ``pairs``."""
    from ..core.igraph_lib import load

    return load().Graph(n=n, edges=pairs, directed=True).betweenness(directed=True)


def _index(nodes: list[Any], edges: list[tuple[Any, Any]]) -> list[tuple[int, int]]:
    index = {v: i for i, v in enumerate(nodes)}
    return [(index[a], index[b]) for a, b in edges]


def _scaled(nodes: list[Any], raw: list[float]) -> dict[Any, float]:
    n = len(nodes)
    scale = 1.0 / ((n - 1) * (n - 2))
    return {v: float(b) * scale for v, b in zip(nodes, raw)}


def betweenness(nodes: list[Any], edges: list[tuple[Any, Any]]) -> dict[Any, float]:
    """Normalised directed betweenness (as networkx's, divided by ``(n - 1)(n - 2)``) of the
    simple directed graph with these nodes and edges, computed here.

    Parameters
    ----------
    nodes : list
        Every node; igraph's sums follow this order.
    edges : list of (node, node)
        The edges, in the graph's order.

    Returns
    -------
    dict
        Node to betweenness.

    Examples
    --------
    >>> betweenness(["a", "b", "c"], [("a", "b"), ("b", "c")])["b"]
    0.5
    """
    if len(nodes) < 3:
        return dict.fromkeys(nodes, 0.0)
    return _scaled(nodes, raw_betweenness(len(nodes), _index(nodes, edges)))


class _Job:
    """A snapshot's dependency-view data, and its betweenness under way in the worker."""

    def __init__(self, nodes: list[Any], pair_weights: tuple[Any, Any], future: Any) -> None:
        self.nodes = nodes
        self.pair_weights = pair_weights
        self.pairs = _index(nodes, dependency_edges(nodes, pair_weights[0]))
        self.future = future

    def result(self) -> dict[Any, float]:
        """The betweenness, as :func:`betweenness` gives it (computed here if the worker failed)."""
        from ..core.worker import result

        if len(self.nodes) < 3:
            return dict.fromkeys(self.nodes, 0.0)
        return _scaled(self.nodes, result(self.future, "betweenness", len(self.nodes), self.pairs))


# Snapshots handed to prefetch(), until measured; an entry goes with its snapshot.
_PREFETCHED: WeakKeyDictionary[Any, _Job] = WeakKeyDictionary()


def prefetch(G: Any) -> None:
    """Start computing the betweenness :func:`graph.analysis.centrality.centrality` will need
    for snapshot ``G``, in the worker of :func:`graph.core.worker.second_core`; nothing happens
    outside one. ``G`` must not change until it is measured."""
    from ..core.worker import current

    worker = current()
    if worker is None or G in _PREFETCHED:
        return
    from .views import _pair_weights

    nodes = sorted(G.nodes())
    job = _Job(nodes, _pair_weights(G), None)
    if len(nodes) >= 3:
        job.future = worker.submit("betweenness", len(nodes), job.pairs)
    _PREFETCHED[G] = job


def take(G: Any) -> _Job | None:
    """The job :func:`prefetch` started for ``G`` (once), or None."""
    return _PREFETCHED.pop(G, None)
