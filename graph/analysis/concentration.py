"""Supplier concentration: an actor's compute suppliers, their shares, and the HHI."""

from __future__ import annotations

from typing import Any

from .views import SUPPLY_TYPES, edge_data, value_usd


def hhi(shares: list[float]) -> float:
    """Herfindahl-Hirschman index of market shares, on the 0..10000 scale.

    Parameters
    ----------
    shares : list of float
        Shares as fractions that add up to 1.

    Returns
    -------
    float
        ``sum((100 * s) ** 2)``: 10000 for a single supplier, 10000 / n for n equal ones.

    Examples
    --------
    >>> hhi([1.0]), hhi([0.5, 0.5]), round(hhi([0.6, 0.3, 0.1]), 6)
    (10000.0, 5000.0, 4600.0)
    """
    return float(sum((100.0 * s) ** 2 for s in shares))


def supply_edges(
    G: Any, actor: str, relation_types: tuple[str, ...] = ("buysComputeFrom",)
) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """The supply relations in which ``actor`` is the buyer, in the order analyses add them up.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str
        The buyer's IRI (no relations when it is not a node of ``G``).
    relation_types : tuple of str, optional
        Supply relations to keep, from :data:`graph.analysis.views.SUPPLY_TYPES`.

    Returns
    -------
    list of tuple
        ``(u, v, key, data)`` edges of ``G``, sorted by ``(u, v, str(key))``; self-loops
        included (callers decide what a purchase from oneself means).

    Notes
    -----
    Only the actor's own edges are read (its out-edges for relations stated from the buyer's
    side, its in-edges for ``suppliesChipsTo``), so measuring every buyer of a large network
    stays linear in its size; sorting them as the whole edge list would be sorted keeps sums
    of values in the same order, to the last bit.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("nvidia", "lab", key="suppliesChipsTo:1", type="suppliesChipsTo")
    >>> _ = G.add_edge("lab", "aws", key="buysComputeFrom:2", type="buysComputeFrom")
    >>> [k for _, _, k, _ in supply_edges(G, "lab", ("buysComputeFrom", "suppliesChipsTo"))]
    ['buysComputeFrom:2', 'suppliesChipsTo:1']
    """
    if actor not in G:
        return []
    wanted = {t: SUPPLY_TYPES[t] for t in relation_types if t in SUPPLY_TYPES}
    found = []
    if "forward" in wanted.values():
        for u, v, k, d in G.out_edges(actor, keys=True, data=True):
            if wanted.get(d.get("type")) == "forward":
                found.append((u, v, k, d))
    if "reverse" in wanted.values():
        # A self-loop is both an out- and an in-edge, but of one type: it is taken once.
        for u, v, k, d in G.in_edges(actor, keys=True, data=True):
            if wanted.get(d.get("type")) == "reverse":
                found.append((u, v, k, d))
    found.sort(key=lambda e: (e[0], e[1], str(e[2])))
    return found


def supplier_concentration(
    G: Any, actor: str, *, relation_types: tuple[str, ...] = ("buysComputeFrom",)
) -> dict[str, Any]:
    """An actor's suppliers in a snapshot, each one's share, and the concentration index.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str
        The buyer's IRI (a node of ``G``).
    relation_types : tuple of str, optional
        Supply relations to count, from :data:`graph.analysis.views.SUPPLY_TYPES`; compute
        purchases by default (add ``"procuresChipsFrom"`` and ``"suppliesChipsTo"`` for chips).

    Returns
    -------
    dict
        - ``actor``, ``label``, ``at``, ``relation_types``;
        - ``suppliers``: one dict per supplier, largest first: ``supplier``, ``label``,
          ``relations`` (edge keys), ``count``, ``value_usd`` (known USD value, ``None`` if no
          relation has one), ``capacity_gw`` (known capacity, never added to USD),
          ``share_value`` (share of the known USD value, ``None`` without a value),
          ``share_count`` (share of the relations), ``share`` (on ``basis``);
        - ``relations``, ``value_usd_total``, ``valued_suppliers``;
        - ``basis``: ``"value"`` when every supplier has a known USD value, ``"count"`` when
          some or none have, ``None`` without suppliers;
        - ``mixed``: some suppliers have a value and some do not (then ``hhi_value`` covers
          only the valued ones and ``basis`` is ``"count"``);
        - ``hhi`` (on ``basis``), ``hhi_value``, ``hhi_count``: 0..10000, ``None`` when
          undefined.

    Notes
    -----
    Value shares use contract values in USD as stated (a 7-year contract and a 1-year one
    weigh their totals). Where some values are missing the value shares would mislead, so the
    headline ``hhi`` falls back to counting relations and says so in ``basis``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "aws", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                value=30.0, unit="USD")
    >>> _ = G.add_edge("lab", "azure", key="buysComputeFrom:2", type="buysComputeFrom",
    ...                value=10.0, unit="USD")
    >>> c = supplier_concentration(G, "lab")
    >>> c["basis"], c["hhi"], [s["share"] for s in c["suppliers"]]
    ('value', 6250.0, [0.75, 0.25])
    """
    per: dict[str, dict[str, Any]] = {}
    for u, v, k, d in supply_edges(G, actor, relation_types):
        supplier = v if SUPPLY_TYPES[d.get("type")] == "forward" else u
        if supplier == actor:
            continue
        s = per.get(supplier)
        if s is None:
            s = per[supplier] = {
                "supplier": supplier,
                "label": G.nodes[supplier].get("label") or supplier,
                "relations": [],
                "count": 0,
                "value_usd": None,
                "capacity_gw": None,
            }
        s["relations"].append(str(k))
        s["count"] += 1
        val = value_usd(d)
        if val is not None:
            s["value_usd"] = (s["value_usd"] or 0.0) + val
        gw = d.get("capacity_gw")
        if gw is not None:
            s["capacity_gw"] = (s["capacity_gw"] or 0.0) + float(gw)
    suppliers = list(per.values())
    n_rel = sum(s["count"] for s in suppliers)
    valued = [s for s in suppliers if s["value_usd"] is not None]
    total = sum(s["value_usd"] for s in valued)
    for s in suppliers:
        s["relations"] = sorted(s["relations"])
        s["share_count"] = s["count"] / n_rel if n_rel else None
        s["share_value"] = s["value_usd"] / total if s["value_usd"] is not None and total > 0 else None
    if not suppliers:
        basis = None
    elif len(valued) == len(suppliers) and total > 0:
        basis = "value"
    else:
        basis = "count"
    for s in suppliers:
        s["share"] = s["share_value"] if basis == "value" else s["share_count"]
    suppliers.sort(key=lambda s: (-(s["share"] or 0.0), -(s["value_usd"] or 0.0), s["supplier"]))
    hhi_count = hhi([s["share_count"] for s in suppliers]) if suppliers else None
    hhi_value = hhi([s["share_value"] for s in valued]) if valued and total > 0 else None
    return {
        "actor": actor,
        "label": (G.nodes[actor].get("label") or actor) if actor in G else actor,
        "at": G.graph.get("at"),
        "relation_types": list(relation_types),
        "suppliers": suppliers,
        "relations": n_rel,
        "value_usd_total": total if valued else None,
        "valued_suppliers": len(valued),
        "basis": basis,
        "mixed": 0 < len(valued) < len(suppliers),
        "hhi": hhi_value if basis == "value" else hhi_count,
        "hhi_value": hhi_value,
        "hhi_count": hhi_count,
    }


def buyers(G: Any, *, relation_types: tuple[str, ...] = ("buysComputeFrom",)) -> list[str]:
    """Actors with at least one supplier of the given relation types in the snapshot, sorted.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    relation_types : tuple of str, optional
        As in :func:`supplier_concentration`.

    Returns
    -------
    list of str
        Buyer IRIs.
    """
    found = set()
    for u, v, d in edge_data(G):
        t = d.get("type")
        if t in relation_types and t in SUPPLY_TYPES and u != v:
            found.add(u if SUPPLY_TYPES[t] == "forward" else v)
    return sorted(found)
