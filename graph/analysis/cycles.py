"""Circular flows ("circular deals"): money that comes back to where it started.

``A investsIn B``, ``B buysComputeFrom C``, ``C procuresChipsFrom A``: A's money reaches B, B
pays C for compute, C pays A for chips. The cycles are found on the money-flow view
(:func:`graph.analysis.views.money_flow_view`, payer to payee) and kept when they mix money
(investment or stake) with compute or chips.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..core.gcpause import paused_gc
from .views import _money_fold


def _canonical(cycle: list[str]) -> tuple[str, ...]:
    i = cycle.index(min(cycle))
    return tuple(cycle[i:] + cycle[:i])


def bounded_cycles(M: Any, max_length: int) -> Iterator[list[Any]]:
    """Simple directed cycles of two to ``max_length`` nodes, in a fixed order.

    Parameters
    ----------
    M : networkx.DiGraph
        A directed graph; self-loops are ignored. Nodes must be mutually comparable (IRIs).
    max_length : int
        Longest cycle, in nodes.

    Yields
    ------
    list
        Each cycle once, as its nodes in flow order starting from its smallest node; cycles come
        in lexicographic order of these lists (by smallest node, then the next, ...).

    Raises
    ------
    ValueError
        When ``max_length`` is negative (as :func:`networkx.simple_cycles`).

    Notes
    -----
    The same cycles as ``networkx.simple_cycles(M, length_bound=max_length)`` without
    self-loops, in an order of their own. networkx's order depends on the iteration order of
    Python sets of strings, which changes from one process to the next, so a search stopped
    after so many cycles would keep different cycles on each run; this one does not. It is
    also much faster on large networks: networkx recomputes strongly connected components
    through graph views after every start node.

    The search starts from each node ``s`` in order and follows successors greater than ``s``
    in order, so each cycle is found once, from its smallest node. A path is only extended
    where it can still come back to ``s`` within the bound: distances back to ``s`` are known
    up to half the bound (a breadth-first search on predecessors), which prunes the second half
    of every path. Edges between strongly connected components are dropped first: they lie on
    no cycle.

    Examples
    --------
    >>> import networkx as nx
    >>> M = nx.DiGraph([("b", "a"), ("a", "b"), ("b", "c"), ("c", "a"), ("c", "c")])
    >>> list(bounded_cycles(M, 3))
    [['a', 'b'], ['a', 'b', 'c']]
    """
    if max_length < 0:
        raise ValueError("length bound must be non-negative")
    return _bounded_cycles(sorted(M), M.edges(), max_length)


def _bounded_cycles(nodes: list[Any], edges: Iterable[tuple[Any, Any]], max_length: int) -> Iterator[list[Any]]:
    """:func:`bounded_cycles` of the graph with these nodes (sorted) and edges."""
    n = len(nodes)
    if max_length < 2 or n < 2:
        return
    import numpy as np
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a != b]
    if not pairs:
        return
    src, dst = np.array(pairs, dtype=np.int64).T
    _, comp = connected_components(
        coo_array((np.ones(len(pairs)), (src, dst)), shape=(n, n)), directed=True, connection="strong"
    )
    keep = comp[src] == comp[dst]
    succ: list[list[int]] = [[] for _ in range(n)]
    pred: list[list[int]] = [[] for _ in range(n)]
    for a, b in zip(src[keep].tolist(), dst[keep].tolist()):
        succ[a].append(b)
        pred[b].append(a)
    for lst in succ:
        lst.sort()
    half = max_length // 2
    for s in range(n):
        if not succ[s] or not pred[s]:
            continue
        # dist[x]: fewest steps from x back to s through nodes above s, for up to `half` steps.
        dist = {s: 0}
        frontier = [s]
        for step in range(1, half + 1):
            nxt = []
            for y in frontier:
                for x in pred[y]:
                    if x > s and x not in dist:
                        dist[x] = step
                        nxt.append(x)
            frontier = nxt
        path = [s]
        on_path = {s}
        stack = [iter(succ[s])]
        while stack:
            for x in stack[-1]:
                if x == s:
                    yield [nodes[i] for i in path]
                    continue
                if x < s or x in on_path:
                    continue
                left = max_length - len(path)  # steps left to come back to s once on x
                if left < 1 or dist.get(x, half + 1) > left:
                    continue
                path.append(x)
                on_path.add(x)
                stack.append(iter(succ[x]))
                break
            else:
                stack.pop()
                on_path.discard(path.pop())


#: How many cycles of the money-flow view :func:`circular_flows` looks at, by default.
CYCLE_LIMIT = 10_000


def circular_flows(G: Any, *, max_length: int = 6, limit: int = CYCLE_LIMIT) -> dict[str, Any]:
    """Directed cycles of payments that mix investment with compute or chip purchases.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    max_length : int, optional
        Longest cycle searched, in actors (bounds the search on large networks).
    limit : int, optional
        Stop after this many cycles of the money-flow view (mixed or not) and say so. The
        cycles searched first are kept: those through the smallest actor IRIs, in the
        lexicographic order of :func:`bounded_cycles`, the same on every run.

    Returns
    -------
    dict
        ``max_length``, ``truncated`` (the limit was hit) and ``cycles``: a list, largest
        known value first, of dicts with ``actors`` (IRIs in flow order, starting from the
        smallest IRI), ``labels``, ``length``, ``edges`` (``source``, ``target``, their labels,
        ``relations`` (edge keys), ``types``, ``kinds``, ``value_usd``), ``types``, ``kinds``,
        ``value_usd`` (sum of the known USD values of every relation on the cycle, ``None`` if
        none is known) and ``unvalued`` (relations on the cycle without a USD value).

    Notes
    -----
    Each step of a cycle may stand for several relations between the same two actors in the
    same direction; all of them are listed and their values added. A cycle counts when its
    relations include a money kind (``investsIn``, ``ownsStakeIn``) and a compute or chips
    kind (``buysComputeFrom``, ``procuresChipsFrom``, ``suppliesChipsTo``).

    The search is :func:`bounded_cycles`: below the limit, exactly the cycles
    ``networkx.simple_cycles`` finds. networkx's order follows Python's string hashing, so a
    search it cut short would keep different cycles from one run to the next; this one does not.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="investsIn:1", type="investsIn", value=5.0, unit="USD")
    >>> _ = G.add_edge("b", "c", key="buysComputeFrom:2", type="buysComputeFrom")
    >>> _ = G.add_edge("c", "a", key="procuresChipsFrom:3", type="procuresChipsFrom")
    >>> r = circular_flows(G)["cycles"][0]
    >>> r["actors"], r["value_usd"], r["unvalued"]
    (['a', 'b', 'c'], 5.0, 2)
    """
    with paused_gc():  # records for up to `limit` cycles: see paused_gc
        return _circular_flows(G, max_length, limit)


def _circular_flows(G: Any, max_length: int, limit: int, edges: list[Any] | None = None) -> dict[str, Any]:
    """:func:`circular_flows`; ``edges``: ``_sorted_edges(G)`` when the caller has it already."""
    # The money-flow view's pairs, without building the view's graph (a third of the time).
    fold = _money_fold(G, edges)
    found: set[tuple[str, ...]] = set()
    truncated = False
    for i, cyc in enumerate(_bounded_cycles(sorted(G), fold.order, max_length)):
        if i >= limit:
            truncated = True
            break
        found.add(_canonical(cyc))
    cycles = []
    # Each step's fields are worked out once per pair of actors: many cycles share a step.
    steps: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
    succ, node = fold.pairs, G._node

    def step(a: str, b: str) -> tuple[dict[str, Any], int]:
        got = steps.get((a, b))
        if got is None:
            e = succ[a][b]
            for field in ("relations", "types", "kinds"):  # sorted, as in money_flow_view
                e[field].sort()
            valued_keys = _valued_keys(G, a, b)
            got = steps[a, b] = (
                {
                    "source": a,
                    "source_label": node[a].get("label") or a,
                    "target": b,
                    "target_label": node[b].get("label") or b,
                    "relations": e["relations"],
                    "types": e["types"],
                    "kinds": e["kinds"],
                    "value_usd": e["value_usd"],
                },
                sum(1 for r in e["relations"] if r not in valued_keys),
            )
        return got

    for cyc in found:
        pairs = [(a, cyc[(j + 1) % len(cyc)]) for j, a in enumerate(cyc)]
        kinds: set[str] = set()
        for a, b in pairs:
            kinds.update(succ[a][b]["kinds"])
        if "money" not in kinds or not kinds & {"compute", "chips"}:
            continue
        edges = []
        types: set[str] = set()
        total = None
        unvalued = 0
        for a, b in pairs:
            fields, unvalued_here = step(a, b)
            types.update(fields["types"])
            unvalued += unvalued_here
            if fields["value_usd"] is not None:
                total = (total or 0.0) + fields["value_usd"]
            edges.append(dict(fields))  # its lists are the view's, shared by every cycle through the step
        cycles.append(
            {
                "actors": list(cyc),
                "labels": [node[a].get("label") or a for a in cyc],
                "length": len(cyc),
                "edges": edges,
                "types": sorted(types),
                "kinds": sorted(kinds),
                "value_usd": total,
                "unvalued": unvalued,
            }
        )
    cycles.sort(key=lambda c: (-(c["value_usd"] or 0.0), c["length"], c["actors"]))
    return {"max_length": max_length, "truncated": truncated, "cycles": cycles}


def _valued_keys(G: Any, a: str, b: str) -> set[str]:
    """Edge keys, between ``a`` and ``b`` either way, of relations with a USD value."""
    keys = set()
    for u, v in ((a, b), (b, a)):
        if G.has_edge(u, v):
            for k, d in G[u][v].items():
                if d.get("value") is not None and d.get("unit") == "USD":
                    keys.add(str(k))
    return keys
