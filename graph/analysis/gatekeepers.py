"""Gatekeepers: actors whose consent or right of first refusal an actor needs before it buys
from anyone else."""

from __future__ import annotations

from typing import Any

from .views import SUPPLY_TYPES

#: Relation types that make a gatekeeper, oriented from the gated actor to the gatekeeper:
#: "forward" when the relation's actor is the gated one (``A needsApprovalFrom G``),
#: "reverse" when the counterparty is (``G hasRightOfFirstRefusal A``).
GATE_TYPES: dict[str, str] = {
    "needsApprovalFrom": "forward",
    "hasRightOfFirstRefusal": "reverse",
}


def _suppliers(G: Any, actor: str, supplier_types: tuple[str, ...]) -> list[str]:
    found = set()
    for u, v, d in G.edges(data=True):
        t = d.get("type")
        if t not in supplier_types or t not in SUPPLY_TYPES:
            continue
        buyer, supplier = (u, v) if SUPPLY_TYPES[t] == "forward" else (v, u)
        if buyer == actor and supplier != actor:
            found.add(supplier)
    return sorted(found)


def gatekeepers(
    G: Any, actor: str | None = None, *, supplier_types: tuple[str, ...] = ("buysComputeFrom",)
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
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        orient = GATE_TYPES.get(d.get("type"))
        if orient is None:
            continue
        gated, keeper = (u, v) if orient == "forward" else (v, u)
        if gated == keeper or (actor is not None and gated != actor):
            continue
        others = [s for s in _suppliers(G, gated, supplier_types) if s != keeper]
        out.setdefault(gated, []).append(
            {
                "gatekeeper": keeper,
                "gatekeeper_label": G.nodes[keeper].get("label") or keeper,
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
