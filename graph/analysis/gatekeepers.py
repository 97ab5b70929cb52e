"""Gatekeepers: actors whose consent or right of first refusal an actor needs before it buys
from anyone else."""

from __future__ import annotations

from typing import Any

from .concentration import supply_edges
from .views import SUPPLY_TYPES

#: Relation types that make a gatekeeper, oriented from the gated actor to the gatekeeper:
#: "forward" when the relation's actor is the gated one (``A needsApprovalFrom G``),
#: "reverse" when the counterparty is (``G hasRightOfFirstRefusal A``).
GATE_TYPES: dict[str, str] = {
    "needsApprovalFrom": "forward",
    "hasRightOfFirstRefusal": "reverse",
}


def _suppliers(G: Any, actor: str, supplier_types: tuple[str, ...]) -> list[str]:
    # The actor's own edges only: a network with thousands of gated actors would otherwise
    # read every edge once per gate.
    found = set()
    for u, v, _, d in supply_edges(G, actor, supplier_types):
        supplier = v if SUPPLY_TYPES[d.get("type")] == "forward" else u
        if supplier != actor:
            found.add(supplier)
    return sorted(found)


def _gate_edges(G: Any, actor: str | None, keeper: str | None) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """Gate relations, sorted by ``(u, v, str(key))``; only those gating ``actor``, or held by
    ``keeper``, when given (read from that actor's own edges)."""
    if actor is None and keeper is None:
        edges = [e for e in G.edges(keys=True, data=True) if e[3].get("type") in GATE_TYPES]
    elif (actor is not None and actor not in G) or (keeper is not None and keeper not in G):
        edges = []
    else:
        # The gated actor is the relation's actor ("forward": A needsApprovalFrom G) or its
        # counterparty ("reverse": G hasRightOfFirstRefusal A); the keeper is the other end.
        node, out_side, in_side = (actor, "forward", "reverse") if actor is not None else (keeper, "reverse", "forward")
        edges = [e for e in G.out_edges(node, keys=True, data=True) if GATE_TYPES.get(e[3].get("type")) == out_side]
        edges += [e for e in G.in_edges(node, keys=True, data=True) if GATE_TYPES.get(e[3].get("type")) == in_side]
    return sorted(edges, key=lambda e: (e[0], e[1], str(e[2])))


def gatekeepers(
    G: Any,
    actor: str | None = None,
    *,
    supplier_types: tuple[str, ...] = ("buysComputeFrom",),
    keeper: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Who stands between each actor and its other suppliers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str, optional
        Only this actor's gatekeepers (the result then has at most this one key).
    supplier_types : tuple of str, optional
        Which relations make a supplier (compute purchases by default; see
        :data:`graph.analysis.views.SUPPLY_TYPES`).
    keeper : str, optional
        Only the gates this actor holds.

    Returns
    -------
    dict
        Gated actor IRI to a list, sorted by gatekeeper then relation, of dicts:
        ``gatekeeper``, ``gatekeeper_label``, ``relation`` (the relation type),
        ``relation_label``, ``key`` (the edge key), ``fact_ids``, ``stands_between``
        (the actor's suppliers in force other than the gatekeeper, sorted) and
        ``stands_between_labels``. Actors without a gatekeeper are absent.

    Notes
    -----
    ``G`` is a gatekeeper of ``A`` when the snapshot holds ``A needsApprovalFrom G`` or
    ``G hasRightOfFirstRefusal A``: ``A`` cannot take a new supplier without ``G``'s say. The
    gatekeeper counts even when ``A`` has no other supplier yet (``stands_between`` is then
    empty): the clause is what keeps others out.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "ms", key="needsApprovalFrom:1", type="needsApprovalFrom")
    >>> _ = G.add_edge("lab", "oracle", key="buysComputeFrom:2", type="buysComputeFrom")
    >>> [(g["gatekeeper"], g["stands_between"]) for g in gatekeepers(G)["lab"]]
    [('ms', ['oracle'])]
    """
    out: dict[str, list[dict[str, Any]]] = {}
    suppliers: dict[str, list[str]] = {}  # an actor gated twice has its suppliers read once
    for u, v, k, d in _gate_edges(G, actor, keeper):
        orient = GATE_TYPES[d.get("type")]
        gated, holder = (u, v) if orient == "forward" else (v, u)
        if gated == holder or (actor is not None and gated != actor) or (keeper is not None and holder != keeper):
            continue
        if gated not in suppliers:
            suppliers[gated] = _suppliers(G, gated, supplier_types)
        others = [s for s in suppliers[gated] if s != holder]
        out.setdefault(gated, []).append(
            {
                "gatekeeper": holder,
                "gatekeeper_label": G.nodes[holder].get("label") or holder,
                "relation": d.get("type"),
                "relation_label": d.get("type_label") or d.get("type"),
                "key": str(k),
                "fact_ids": list(d.get("fact_ids") or []),
                "stands_between": others,
                "stands_between_labels": [G.nodes[s].get("label") or s for s in others],
            }
        )
    for items in out.values():
        items.sort(key=lambda g: (g["gatekeeper"], g["relation"], g["key"]))
    return dict(sorted(out.items()))
