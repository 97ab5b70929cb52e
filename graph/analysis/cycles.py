"""Circular flows ("circular deals"): money that comes back to where it started.

``A investsIn B``, ``B buysComputeFrom C``, ``C procuresChipsFrom A``: A's money reaches B, B
pays C for compute, C pays A for chips. The cycles are found on the money-flow view
(:func:`graph.analysis.views.money_flow_view`, payer to payee) and kept when they mix money
(investment or stake) with compute or chips.
"""

from __future__ import annotations

from typing import Any

from .views import money_flow_view


def _canonical(cycle: list[str]) -> tuple[str, ...]:
    i = cycle.index(min(cycle))
    return tuple(cycle[i:] + cycle[:i])


def circular_flows(G: Any, *, max_length: int = 6, limit: int = 10000) -> dict[str, Any]:
    """Directed cycles of payments that mix investment with compute or chip purchases.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    max_length : int, optional
        Longest cycle searched, in actors (bounds the search on large networks).
    limit : int, optional
        Stop after this many cycles of the money-flow view (mixed or not) and say so.

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
    import networkx as nx

    M = money_flow_view(G)
    M.remove_edges_from([(u, u) for u in list(M.nodes) if M.has_edge(u, u)])
    found: set[tuple[str, ...]] = set()
    truncated = False
    for i, cyc in enumerate(nx.simple_cycles(M, length_bound=max_length)):
        if i >= limit:
            truncated = True
            break
        found.add(_canonical(list(cyc)))
    cycles = []
    for cyc in found:
        edges = []
        kinds: set[str] = set()
        types: set[str] = set()
        total = None
        unvalued = 0
        for j, a in enumerate(cyc):
            b = cyc[(j + 1) % len(cyc)]
            e = M.edges[a, b]
            kinds.update(e["kinds"])
            types.update(e["types"])
            valued = [r for r in e["relations"] if r in _valued_keys(G, a, b)]
            unvalued += len(e["relations"]) - len(valued)
            if e["value_usd"] is not None:
                total = (total or 0.0) + e["value_usd"]
            edges.append(
                {
                    "source": a,
                    "source_label": M.nodes[a].get("label") or a,
                    "target": b,
                    "target_label": M.nodes[b].get("label") or b,
                    "relations": list(e["relations"]),
                    "types": list(e["types"]),
                    "kinds": list(e["kinds"]),
                    "value_usd": e["value_usd"],
                }
            )
        if "money" not in kinds or not kinds & {"compute", "chips"}:
            continue
        cycles.append(
            {
                "actors": list(cyc),
                "labels": [M.nodes[a].get("label") or a for a in cyc],
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
