"""Simple graphs derived from a snapshot, one per question an analysis asks.

A snapshot (:func:`graph.snapshot.snapshot`) is a ``MultiDiGraph``: one edge per relation, from
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
- **Dependencies** (:data:`graph.snapshot.DEPENDENCY_TYPES`): buying compute, buying chips
  (``procuresChipsFrom``, and ``suppliesChipsTo`` read from the buyer's side), needing approval,
  and a right of first refusal (read from the side of the actor it binds). In the dependency view
  an edge goes from the dependent actor to the one it depends on.
- **Ties** (:data:`graph.snapshot.TIE_TYPES`): partnership, investment, stake, subsidiary,
  joint-venture membership; the tie view is undirected.
- **Money flows** (:data:`MONEY_FLOW`): who pays whom: a compute buyer pays its cloud, a chip
  buyer pays its chipmaker, an investor or stake holder puts money into the company.

Values are only ever added within one unit, and the views add USD only: a value in GW, MW,
percent or shares never enters ``value_usd``.
"""

from __future__ import annotations

from typing import Any

from ..snapshot import DEPENDENCY_TYPES, TIE_TYPES

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
    """The relation's value if it is stated in USD, else ``None``.

    Parameters
    ----------
    data : dict
        Edge attributes of a snapshot edge (``value``, ``unit``).

    Returns
    -------
    float or None
    """
    value = data.get("value")
    if value is None or data.get("unit") != "USD":
        return None
    return float(value)


def _sorted_edges(G: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))


def _fold(H: Any, a: str, b: str, key: str, data: dict[str, Any]) -> None:
    """Add one relation to the simple graph ``H`` on the edge ``a``-``b``."""
    if H.has_edge(a, b):
        e = H.edges[a, b]
    else:
        H.add_edge(a, b, relations=[], types=[], count=0, value_usd=None, weight_usd=0.0)
        e = H.edges[a, b]
    e["relations"] = sorted([*e["relations"], str(key)])
    e["types"] = sorted({*e["types"], data.get("type")})
    e["count"] += 1
    v = value_usd(data)
    if v is not None:
        e["value_usd"] = (e["value_usd"] or 0.0) + v
        e["weight_usd"] = e["value_usd"]


def _empty_like(G: Any, cls: Any) -> Any:
    H = cls(at=G.graph.get("at"))
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda n: n[0]))
    return H


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
        relation of :data:`graph.snapshot.DEPENDENCY_TYPES`, with ``relations``, ``types``,
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

    D = _empty_like(G, nx.DiGraph)
    for u, v, k, d in _sorted_edges(G):
        orient = DEPENDENCY_TYPES.get(d.get("type"))
        if orient is None:
            continue
        a, b = (u, v) if orient == "forward" else (v, u)
        _fold(D, a, b, k, d)
    return D


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
        :data:`graph.snapshot.TIE_TYPES`, with ``relations``, ``types``, ``count``,
        ``value_usd`` and ``weight_usd``.
    """
    import networkx as nx

    T = _empty_like(G, nx.Graph)
    for u, v, k, d in _sorted_edges(G):
        if d.get("type") in TIE_TYPES:
            _fold(T, u, v, k, d)
    return T


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

    R = _empty_like(G, nx.DiGraph)
    for u, v, k, d in _sorted_edges(G):
        orient = DEPENDENCY_TYPES.get(d.get("type"), "forward")
        a, b = (u, v) if orient == "forward" else (v, u)
        _fold(R, a, b, k, d)
        if d.get("symmetric") and a != b:
            _fold(R, b, a, k, d)
    return R


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

    U = _empty_like(G, nx.Graph)
    for u, v, k, d in _sorted_edges(G):
        _fold(U, u, v, k, d)
    return U


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

    M = _empty_like(G, nx.DiGraph)
    for u, v, k, d in _sorted_edges(G):
        flow = MONEY_FLOW.get(d.get("type"))
        if flow is None:
            continue
        a, b = (u, v) if flow[0] == "forward" else (v, u)
        _fold(M, a, b, k, d)
        M.edges[a, b]["kinds"] = sorted({*M.edges[a, b].get("kinds", []), flow[1]})
    return M
