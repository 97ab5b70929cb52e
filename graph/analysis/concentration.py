"""Supplier concentration: an actor's compute suppliers, their shares of the known amounts, and the HHI."""

from __future__ import annotations

from typing import Any

from .groups import DEFAULT_GROUP_BY, group_of, members, parents
from .views import SUPPLY_TYPES, counted_gw, edge_data, value_usd


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
    G: Any,
    actor: str,
    *,
    relation_types: tuple[str, ...] = ("buysComputeFrom",),
    group_by: str | None = None,
    chains: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """An actor's suppliers in a snapshot, each one's share of the known amounts, and the HHI.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str
        The buyer's IRI (a node of ``G``).
    relation_types : tuple of str, optional
        Supply relations to count, from :data:`graph.analysis.views.SUPPLY_TYPES`; compute
        purchases by default (add ``"procuresChipsFrom"`` and ``"suppliesChipsTo"`` for chips).
    group_by : {"parent", "entity"}, optional
        ``"parent"``: the buyer's subsidiaries' purchases count as the buyer's, and suppliers are
        named by their corporate group (:mod:`graph.analysis.groups`); ``"entity"``: every actor
        on its own. Default: the snapshot's ``group_by`` attribute, else ``"parent"``.
    chains : dict, optional
        :func:`graph.analysis.groups.parents` of ``G``, when the caller measures many buyers of
        one snapshot (each call would otherwise read every edge again).

    Returns
    -------
    dict
        - ``actor``, ``label``, ``at``, ``relation_types``, ``group_by``;
        - ``suppliers``: one dict per supplier (group), largest share first: ``supplier``,
          ``label``, ``members`` (the entities that supply) and ``member_labels``,
          ``relations`` (edge keys),
          ``count``, ``value_usd`` (known USD value as it adds up, ``None`` when no relation has
          one), ``capacity_gw`` (known capacity, never added to USD), ``undisclosed`` (edge keys
          of relations with no amount in the basis's unit), ``share_value``, ``share_capacity``
          and ``share`` (on ``basis``; ``None`` when the supplier's amount is undisclosed);
        - ``basis``: ``"value"`` (USD) when some supplier has a known USD value, else
          ``"capacity"`` (GW) when some has a known capacity, else ``None``: shares are never
          filled in by counting relations;
        - ``basis_text``: what the shares count, in words, with the undisclosed suppliers;
        - ``undisclosed``: labels of the suppliers without an amount on the basis, sorted;
        - ``relations``, ``value_usd_total``, ``capacity_gw_total``, ``valued_suppliers``;
        - ``mixed``: some suppliers have an amount on the basis and some do not;
        - ``hhi`` (on ``basis``, over the suppliers with a known amount), ``hhi_value``,
          ``hhi_capacity``: 0..10000, ``None`` when undefined.

    Notes
    -----
    Value shares use contract values in USD as they add up (:func:`graph.analysis.views.value_usd`:
    a 7-year contract and a 1-year one weigh their totals; a tranche whose total is in force
    adds nothing). A supplier whose amount is undisclosed has no share: it is listed, not
    guessed.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "aws", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                value=30.0, unit="USD")
    >>> _ = G.add_edge("lab", "azure", key="buysComputeFrom:2", type="buysComputeFrom",
    ...                value=10.0, unit="USD")
    >>> _ = G.add_edge("lab", "oci", key="buysComputeFrom:3", type="buysComputeFrom")
    >>> c = supplier_concentration(G, "lab")
    >>> c["basis"], c["hhi"], [s["share"] for s in c["suppliers"]], c["undisclosed"]
    ('value', 6250.0, [0.75, 0.25, None], ['oci'])
    """
    group_by = group_by or G.graph.get("group_by") or DEFAULT_GROUP_BY
    if group_by != "parent":
        chains = {}
    elif chains is None:
        chains = parents(G)
    own = group_of(actor, chains, group_by)
    per: dict[str, dict[str, Any]] = {}
    for buyer in members(actor, chains, group_by):
        for u, v, k, d in supply_edges(G, buyer, relation_types):
            entity = v if SUPPLY_TYPES[d.get("type")] == "forward" else u
            supplier = group_of(entity, chains, group_by)
            if entity == buyer or supplier == own:
                continue  # a purchase inside the buyer's own group
            s = per.get(supplier)
            if s is None:
                s = per[supplier] = {
                    "supplier": supplier,
                    "label": G.nodes[supplier].get("label") or supplier,
                    "members": set(),
                    "relations": [],
                    "count": 0,
                    "value_usd": None,
                    "capacity_gw": None,
                    "_usd_unknown": [],
                    "_gw_unknown": [],
                }
            s["members"].add(entity)
            s["relations"].append(str(k))
            s["count"] += 1
            val = value_usd(d)
            if val is not None:
                s["value_usd"] = (s["value_usd"] or 0.0) + val
            else:
                s["_usd_unknown"].append(str(k))
            gw = counted_gw(d)
            if gw is not None:
                s["capacity_gw"] = (s["capacity_gw"] or 0.0) + gw
            else:
                s["_gw_unknown"].append(str(k))
    suppliers = list(per.values())
    n_rel = sum(s["count"] for s in suppliers)
    usd = [s for s in suppliers if s["value_usd"] is not None]
    gw = [s for s in suppliers if s["capacity_gw"] is not None]
    usd_total = sum(s["value_usd"] for s in usd)
    gw_total = sum(s["capacity_gw"] for s in gw)
    basis = "value" if usd and usd_total > 0 else "capacity" if gw and gw_total > 0 else None
    for s in suppliers:
        s["members"] = sorted(s["members"])
        s["member_labels"] = [G.nodes[m].get("label") or m for m in s["members"]]
        s["relations"] = sorted(s["relations"])
        s["share_value"] = s["value_usd"] / usd_total if s["value_usd"] is not None and usd_total > 0 else None
        s["share_capacity"] = s["capacity_gw"] / gw_total if s["capacity_gw"] is not None and gw_total > 0 else None
        s["share"] = s["share_value"] if basis == "value" else s["share_capacity"] if basis == "capacity" else None
        unknown = s.pop("_usd_unknown"), s.pop("_gw_unknown")
        s["undisclosed"] = sorted(unknown[0] if basis != "capacity" else unknown[1])
    def order(s: dict[str, Any]) -> tuple[Any, ...]:
        return (-(s["share"] or 0.0), -(s["value_usd"] or 0.0), -(s["capacity_gw"] or 0.0), s["label"], s["supplier"])

    suppliers.sort(key=order)
    on_basis = [s for s in suppliers if s["share"] is not None]
    undisclosed = sorted((s["label"] for s in suppliers if s["share"] is None), key=str.casefold)
    hhi_value = hhi([s["share_value"] for s in usd]) if usd and usd_total > 0 else None
    hhi_capacity = hhi([s["share_capacity"] for s in gw]) if gw and gw_total > 0 else None
    return {
        "actor": actor,
        "label": (G.nodes[actor].get("label") or actor) if actor in G else actor,
        "at": G.graph.get("at"),
        "relation_types": list(relation_types),
        "group_by": group_by,
        "suppliers": suppliers,
        "relations": n_rel,
        "value_usd_total": usd_total if usd else None,
        "capacity_gw_total": gw_total if gw else None,
        "valued_suppliers": len(on_basis),
        "basis": basis,
        "basis_text": basis_text(basis, len(on_basis), len(suppliers), undisclosed),
        "undisclosed": undisclosed,
        "mixed": 0 < len(on_basis) < len(suppliers),
        "hhi": hhi_value if basis == "value" else hhi_capacity if basis == "capacity" else None,
        "hhi_value": hhi_value,
        "hhi_capacity": hhi_capacity,
    }


def basis_text(basis: str | None, known: int, total: int, undisclosed: list[str]) -> str:
    """What a concentration's shares count, in words.

    Examples
    --------
    >>> basis_text("value", 2, 3, ["Oracle"])
    'shares of known contract value in USD (2 of 3 suppliers; amount undisclosed: Oracle)'
    >>> basis_text(None, 0, 2, ["A", "B"])
    'no shares: no supplier amount is known (undisclosed: A, B)'
    """
    if basis is None:
        if not total:
            return "no suppliers"
        return "no shares: no supplier amount is known (undisclosed: " + ", ".join(undisclosed) + ")"
    what = "known contract value in USD" if basis == "value" else "known capacity in GW"
    text = f"shares of {what} ({known} of {total} supplier{'s' if total != 1 else ''}"
    if undisclosed:
        text += "; amount undisclosed: " + ", ".join(undisclosed)
    return text + ")"


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
