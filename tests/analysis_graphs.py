"""Small snapshot-shaped graphs for the analysis tests (a star, a chain, a cycle, a gatekeeper)."""

from __future__ import annotations

import networkx as nx


def net(*edges: tuple, at: str | None = None, nodes: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A snapshot-like ``MultiDiGraph``: ``(u, v, type)`` or ``(u, v, type, value, unit)`` edges.

    Each edge gets the key ``"<type>:<n>"``; nodes get their name as label.
    """
    G = nx.MultiDiGraph(at=at)
    for n in nodes:
        G.add_node(n, label=n.upper(), **{"class": "Actor"})
    for i, e in enumerate(edges, start=1):
        u, v, t = e[:3]
        value, unit = (e[3], e[4]) if len(e) > 3 else (None, None)
        for n in (u, v):
            if n not in G:
                G.add_node(n, label=n.upper(), **{"class": "Actor"})
        G.add_edge(
            u,
            v,
            key=f"{t}:{i}",
            type=t,
            type_label=t,
            value=value,
            unit=unit,
            symmetric=t == "partnersWith",
            fact_ids=[str(i)],
            relation=f"http://example.org/r{i}",
            sources=[{"title": f"source {i}", "url": f"https://example.org/{i}", "issued": None, "quotes": []}],
        )
    return G


def star(rtype: str = "investsIn", leaves: int = 4) -> nx.MultiDiGraph:
    """``c`` linked to ``l1``..``ln`` by ``rtype`` (``c`` as the relation's actor)."""
    return net(*[("c", f"l{i}", rtype) for i in range(1, leaves + 1)])


def chain() -> nx.MultiDiGraph:
    """``a`` buys compute from ``b``, ``b`` from ``c``."""
    return net(("a", "b", "buysComputeFrom"), ("b", "c", "buysComputeFrom"))


def cycle() -> nx.MultiDiGraph:
    """``a`` -> ``b`` -> ``c`` -> ``a``, all compute purchases."""
    return net(("a", "b", "buysComputeFrom"), ("b", "c", "buysComputeFrom"), ("c", "a", "buysComputeFrom"))


def gatekeeper() -> nx.MultiDiGraph:
    """``lab`` needs ``ms``'s approval and buys from ``ms``, ``oracle`` and ``cw``;
    ``ms`` also holds a right of first refusal over ``lab2``, which buys from ``aws``."""
    return net(
        ("lab", "ms", "needsApprovalFrom"),
        ("lab", "ms", "buysComputeFrom", 100.0, "USD"),
        ("lab", "oracle", "buysComputeFrom", 300.0, "USD"),
        ("lab", "cw", "buysComputeFrom"),
        ("ms", "lab2", "hasRightOfFirstRefusal"),
        ("lab2", "aws", "buysComputeFrom", 38.0, "USD"),
        ("lab", "nvidia", "procuresChipsFrom"),
    )
