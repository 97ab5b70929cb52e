"""Simple graphs derived from a snapshot, one per question an analysis asks.

A snapshot (:func:`graph.network.snapshot.snapshot`) is a ``MultiDiGraph``: one edge per relation, from
the relation's ``aikg:actor`` to its ``aikg:counterparty``, keyed ``"<type>:<fact id>"``. The
views below fold parallel relations into one edge per ordered (or unordered) pair of actors and
keep, on that edge:

- ``relations``: the edge keys of the relations folded into it, sorted;
- ``types``: their relation types, sorted;
- ``count``: how many relations;
- ``value_usd``: the sum of the known values in USD, ``None`` when no relation has one;
- ``weight_usd``: the same as a number (``0.0`` when unknown), for weighted algorithms.

Which relations count as what
-----------------------------
- **Dependencies** (:data:`graph.network.snapshot.DEPENDENCY_TYPES`): buying compute, buying chips
  (``procuresChipsFrom``, and ``suppliesChipsTo`` read from the buyer's side), needing approval,
  and a right of first refusal (read from the side of the actor it binds). In the dependency view
  an edge goes from the dependent actor to the one it depends on.
- **Ties** (:data:`graph.network.snapshot.TIE_TYPES`): partnership, investment, stake, subsidiary,
  joint-venture membership; the tie view is undirected.
- **Money flows** (:data:`MONEY_FLOW`): who pays whom: a compute buyer pays its cloud, a chip
  buyer pays its chipmaker, an investor or stake holder puts money into the company.

Values are only ever added within one unit, and the views add USD only: a value in GW, MW,
percent or shares never enters ``value_usd``. What a relation adds is its *counted* value
(:func:`value_usd`, :mod:`graph.rules.values`): a part whose total is in force adds nothing, and
a holding's valuation or a yearly amount is never added.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..core.gcpause import paused_gc
from ..network.data import DEPENDENCY_TYPES, TIE_TYPES

#: Relation types that move money, with the direction of the payment ("forward": from the
#: relation's actor to its counterparty; "reverse": the other way) and the kind of flow.
MONEY_FLOW: dict[str, tuple[str, str]] = {
    "buysComputeFrom": ("forward", "compute"),
    "procuresChipsFrom": ("forward", "chips"),
    "suppliesChipsTo": ("reverse", "chips"),
    "investsIn": ("forward", "money"),
    "ownsStakeIn": ("forward", "money"),
}

#: Relation types through which an actor gets compute, and from which side: "forward" when the
#: relation's actor is the buyer, "reverse" when the counterparty is.
SUPPLY_TYPES: dict[str, str] = {
    "buysComputeFrom": "forward",
    "procuresChipsFrom": "forward",
    "suppliesChipsTo": "reverse",
}


def value_usd(data: dict[str, Any]) -> float | None:
    """What the relation adds, in USD, to sums on the snapshot's day; ``None`` when nothing.

    Parameters
    ----------
    data : dict
        Edge attributes of a snapshot edge (``value``, ``unit``, ``counted_value``).

    Returns
    -------
    float or None
        ``counted_value`` (:mod:`graph.rules.values`: zero for a part whose total is in force, no
        value for a holding's valuation or a yearly amount) when the unit is USD; edges built by
        hand without it add their ``value``. ``None`` for any other unit or no amount.
    """
    if data.get("unit") != "USD":
        return None
    value = data["counted_value"] if "counted_value" in data else data.get("value")
    return None if value is None else float(value)


def stated_usd(data: dict[str, Any]) -> float | None:
    """The relation's value as the data states it, if it is in USD (for display, never for sums)."""
    value = data.get("value")
    if value is None or data.get("unit") != "USD":
        return None
    return float(value)


def counted_gw(data: dict[str, Any]) -> float | None:
    """What the relation adds, in GW of capacity, to sums (``capacity_gw``; zero for a part whose
    total is in force); ``None`` without a capacity."""
    gw = data.get("capacity_gw")
    if gw is None:
        return None
    if data.get("value_counted_in"):
        return 0.0
    return float(gw)


def edge_data(G: Any) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``G.edges(data=True)``, in the same order; for a directed multigraph (a snapshot) read
    straight from its adjacency, which skips networkx's view layers (a third of a centrality
    pass on a large network)."""
    if not (G.is_multigraph() and G.is_directed()):
        return iter(G.edges(data=True))
    return ((u, v, d) for u, nbrs in G._succ.items() for v, keyed in nbrs.items() for d in keyed.values())


def _sorted_edges(G: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every edge as ``(u, v, key, data)``, sorted by ``(u, v, str(key))``."""
    if not (G.is_multigraph() and G.is_directed()):
        return sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    # The same order, walking a snapshot's adjacency in sorted order: many tiny sorts cost a
    # third of one sort of 70,000 tuples with their keys. Keys that print alike keep the
    # adjacency's order, as the stable sort above would.
    edges = []
    for u, nbrs in sorted(G.adjacency(), key=lambda item: item[0]):
        for v in sorted(nbrs):
            keyed = nbrs[v]
            for k in sorted(keyed, key=str) if len(keyed) > 1 else keyed:
                edges.append((u, v, k, keyed[k]))
    return edges


class _Folder:
    """Folds relations into one edge per pair, then builds the simple graph in one pass.

    Relations must be added in the order of :func:`_sorted_edges`: the edges of the view are
    created in the order their pair first appears, and values are added in that order, so the
    view is the same, attribute for attribute and in iteration order, as one built edge by edge.
    Keeping the fields in plain dicts and sorting once at the end avoids re-sorting the lists
    and looking the edge up in the graph at every relation. Few objects are made per pair, as
    each one that survives brings Python's cyclic garbage collector closer to another pass
    over every object of the process (a million on a large network).
    """

    def __init__(self, directed: bool) -> None:
        self.directed = directed
        # a -> b -> the edge's fields; insertion order is the order pairs first appear.
        self.pairs: dict[Any, dict[Any, dict[str, Any]]] = {}
        self.order: list[tuple[Any, Any]] = []

    def add(self, a: Any, b: Any, key: Any, data: dict[str, Any], kind: str | None = None) -> None:
        """Add one relation on the edge ``a``-``b`` (``kind``: a money-flow kind, if any)."""
        e = self.pairs.get(a, {}).get(b)
        if e is None and not self.directed:
            e = self.pairs.get(b, {}).get(a)
        if e is None:
            e = {"relations": [], "types": [], "count": 0, "value_usd": None, "weight_usd": 0.0}
            if kind is not None:
                e["kinds"] = []
            self.pairs.setdefault(a, {})[b] = e
            # The first orientation seen is the one the edge is added with, as add_edge would.
            self.order.append((a, b))
        e["relations"].append(str(key))
        t = data.get("type")
        if t not in e["types"]:
            e["types"].append(t)
        e["count"] += 1
        v = value_usd(data)
        if v is not None:
            e["value_usd"] = (e["value_usd"] or 0.0) + v
            e["weight_usd"] = e["value_usd"]
        if kind is not None and kind not in e["kinds"]:
            e["kinds"].append(kind)

    def build(self, G: Any, cls: Any) -> Any:
        """The simple graph of class ``cls``: every node of ``G`` (sorted), then the folded edges."""
        H = _empty_like(G, cls)

        def edges() -> Any:
            for a, b in self.order:
                e = self.pairs[a][b]
                e["relations"].sort()
                e["types"].sort()
                if "kinds" in e:
                    e["kinds"].sort()
                yield a, b, e

        H.add_edges_from(edges())
        return H


def _empty_like(G: Any, cls: Any) -> Any:
    H = cls(at=G.graph.get("at"))
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: n[0]))
    return H


def _pair_weights(G: Any) -> tuple[dict[Any, dict[Any, list[Any]]], dict[Any, dict[Any, list[Any]]]]:
    """The edges of :func:`dependency_view` and :func:`relation_view`, without building them.

    Returns
    -------
    dependency, relation : dict
        ``a -> b -> [count, value_usd]`` per edge of the view, the values added in the view's
        order. Walking the view's nodes (sorted) and, for each, ``b`` in dict order gives the
        view's ``edges()`` order, which PageRank's matrix and igraph's betweenness follow.

    Notes
    -----
    What centrality needs (PageRank, betweenness, dependency counts) and nothing else: one
    pass serves both views, and no relation key, type list or node attribute is copied, which
    on a large network saves most of the time the two views take to build.
    """
    dep: dict[Any, dict[Any, list[Any]]] = {}
    rel: dict[Any, dict[Any, list[Any]]] = {}
    for u, v, _, d in _sorted_edges(G):
        orient = DEPENDENCY_TYPES.get(d.get("type"))
        a, b = (v, u) if orient == "reverse" else (u, v)
        val = value_usd(d)
        both = ((rel, a, b), (rel, b, a)) if d.get("symmetric") and a != b else ((rel, a, b),)
        for pairs, x, y in ((dep, a, b), *both) if orient is not None else both:
            row = pairs.get(x)
            if row is None:
                row = pairs[x] = {}
            e = row.get(y)
            if e is None:
                e = row[y] = [0, None]
            e[0] += 1
            if val is not None:
                e[1] = (e[1] or 0.0) + val
    return dep, rel


def dependency_view(G: Any) -> Any:
    """The dependency relations of a snapshot, from the dependent actor to the one it relies on.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.DiGraph
        Every actor of ``G``; an edge ``a -> b`` when ``a`` depends on ``b`` through at least one
        relation of :data:`graph.network.snapshot.DEPENDENCY_TYPES`, with ``relations``, ``types``,
        ``count``, ``value_usd`` and ``weight_usd``.

    Notes
    -----
    ``A suppliesChipsTo B`` becomes ``B -> A`` (B depends on its chip supplier) and
    ``A hasRightOfFirstRefusal B`` becomes ``B -> A`` (B's new business waits on A).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("nvidia", "lab", key="suppliesChipsTo:X1", type="suppliesChipsTo")
    'suppliesChipsTo:X1'
    >>> list(dependency_view(G).edges())
    [('lab', 'nvidia')]
    """
    import networkx as nx

    with paused_gc():  # see paused_gc: a view of a large network makes ~250,000 objects
        fold = _Folder(directed=True)
        for u, v, k, d in _sorted_edges(G):
            orient = DEPENDENCY_TYPES.get(d.get("type"))
            if orient is None:
                continue
            a, b = (u, v) if orient == "forward" else (v, u)
            fold.add(a, b, k, d)
        return fold.build(G, nx.DiGraph)


def tie_view(G: Any) -> Any:
    """The ties of a snapshot (partnership, investment, stake, subsidiary, joint venture).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.Graph
        Undirected; an edge between two actors tied by at least one relation of
        :data:`graph.network.snapshot.TIE_TYPES`, with ``relations``, ``types``, ``count``,
        ``value_usd`` and ``weight_usd``.
    """
    import networkx as nx

    with paused_gc():
        fold = _Folder(directed=False)
        for u, v, k, d in _sorted_edges(G):
            if d.get("type") in TIE_TYPES:
                fold.add(u, v, k, d)
        return fold.build(G, nx.Graph)


def relation_view(G: Any) -> Any:
    """Every relation as one directed edge per pair, dependencies pointing at what is relied on.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.DiGraph
        Dependency relations oriented as in :func:`dependency_view`; other relations in the
        data's direction (investor to investee, holder to held, subsidiary to parent, member to
        venture); symmetric relations (partnerships) both ways. This is the graph PageRank runs on.
    """
    import networkx as nx

    with paused_gc():
        fold = _Folder(directed=True)
        for u, v, k, d in _sorted_edges(G):
            orient = DEPENDENCY_TYPES.get(d.get("type"), "forward")
            a, b = (u, v) if orient == "forward" else (v, u)
            fold.add(a, b, k, d)
            if d.get("symmetric") and a != b:
                fold.add(b, a, k, d)
        return fold.build(G, nx.DiGraph)


def undirected_view(G: Any) -> Any:
    """Every relation as one undirected edge per pair of actors (eigenvector centrality's graph).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.Graph
        An edge between two actors linked by at least one relation, of any type or direction.
    """
    import networkx as nx

    with paused_gc():
        fold = _Folder(directed=False)
        for u, v, k, d in _sorted_edges(G):
            fold.add(u, v, k, d)
        return fold.build(G, nx.Graph)


def money_flow_view(G: Any) -> Any:
    """Who pays whom: compute and chip purchases, investments and stakes, payer to payee.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.DiGraph
        An edge ``a -> b`` when money flows from ``a`` to ``b`` through a relation of
        :data:`MONEY_FLOW`; besides the usual fields, ``kinds`` lists the kinds of flow on the
        edge (``"money"``, ``"compute"``, ``"chips"``).
    """
    import networkx as nx

    with paused_gc():
        return _money_fold(G).build(G, nx.DiGraph)


def _money_fold(G: Any, edges: list[tuple[Any, Any, Any, dict[str, Any]]] | None = None) -> _Folder:
    """The folded pairs of :func:`money_flow_view`, before the graph is built (whose pairs'
    ``relations``, ``types`` and ``kinds`` are not sorted yet); ``edges``: ``_sorted_edges(G)``
    when the caller has it already."""
    fold = _Folder(directed=True)
    for u, v, k, d in _sorted_edges(G) if edges is None else edges:
        flow = MONEY_FLOW.get(d.get("type"))
        if flow is None:
            continue
        a, b = (u, v) if flow[0] == "forward" else (v, u)
        fold.add(a, b, k, d, kind=flow[1])
    return fold
