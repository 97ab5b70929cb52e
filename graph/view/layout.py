"""Node positions computed before the page opens, so large graphs and comparisons are stable.

Three regimes, by node count (measured on a 2-core machine; see ``bench/view_bench.py``):

- up to :data:`PHYSICS_LIMIT` nodes, a seeded ``networkx.spring_layout`` gives the starting
  positions and the browser's physics refines them, then stops once stabilised;
- up to :data:`SPRING_LIMIT` nodes, ``networkx.spring_layout`` alone (physics off);
- above that, :func:`sector_layout`: one wedge of a disc per actor class, the most central
  actors of each class nearest the centre. ``spring_layout`` is O(n^2) per iteration in
  networkx (0.25 s for 300 nodes, 8 s for 1,000 and 30 s for 5,000 here, where networkx
  switches to its sparse solver above 500), far too slow for an interactive command; the sector
  layout is O(n log n) and keeps the picture readable (classes apart, hubs in the middle).

Everything is deterministic: sorted node order and a fixed seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .style import CLASS_STYLES

PHYSICS_LIMIT = 300
SPRING_LIMIT = 500
SEED = 7
#: Typical distance between neighbouring nodes, in vis-network's canvas pixels.
SPACING = 38.0
_GOLDEN = (math.sqrt(5) - 1) / 2


def spring_positions(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Seeded ``networkx.spring_layout`` over the undirected simple graph, in canvas pixels.

    Actors with no relation are left out of the spring layout (they would be pushed far away
    and squeeze everything else into the middle) and lined up in rows under it instead.
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(sorted(set(nodes)))
    g.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in edges if u != v}))
    isolated = sorted(n for n in g if g.degree(n) == 0)
    g.remove_nodes_from(isolated)
    n = g.number_of_nodes()
    pos: dict[str, tuple[float, float]] = {}
    if n == 1:
        pos = {next(iter(g)): (0.0, 0.0)}
    elif n > 1:
        raw = nx.spring_layout(g, seed=SEED, iterations=80, k=1.8 / math.sqrt(n))
        scale = SPACING * 1.5 * math.sqrt(n) + 120.0
        pos = {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in raw.items()}
    if isolated:
        xs = [x for x, _ in pos.values()] or [0.0]
        ys = [y for _, y in pos.values()] or [0.0]
        left, bottom = min(xs), max(ys) + (SPACING * 3 if pos else 0.0)
        per_row = max(1, int((max(xs) - left) // (SPACING * 3)) + 1)
        for i, node in enumerate(isolated):
            row, col = divmod(i, per_row)
            pos[node] = (round(left + col * SPACING * 3, 1), round(bottom + row * SPACING * 2, 1))
    return pos


def sector_layout(nodes: dict[str, str], weight: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """One wedge of a disc per class, sized by its node count; heaviest nodes nearest the centre.

    Parameters
    ----------
    nodes : dict
        Node id -> class local name.
    weight : dict, optional
        Node id -> figure (the size measure); higher sits nearer the centre. Missing counts as 0.

    Within a wedge, the k-th node (by weight) sits at radius ``R * sqrt((k + 0.5) / n)`` so the
    density is even, and at a low-discrepancy angle (golden ratio steps) inside the wedge.
    """
    weight = weight or {}
    total = len(nodes)
    if total == 0:
        return {}
    order = list(CLASS_STYLES)
    by_class: dict[str, list[str]] = {}
    for node, cls in nodes.items():
        by_class.setdefault(cls, []).append(node)
    classes = sorted(by_class, key=lambda c: (order.index(c) if c in order else len(order), c))
    radius = SPACING * math.sqrt(total / math.pi) * 1.15
    pos: dict[str, tuple[float, float]] = {}
    start = 0.0
    for cls in classes:
        members = sorted(by_class[cls], key=lambda n: (-(weight.get(n) or 0.0), n))
        n = len(members)
        wedge = 2 * math.pi * n / total
        gap = min(0.04, wedge * 0.1) if len(classes) > 1 else 0.0
        for k, node in enumerate(members):
            r = radius * math.sqrt((k + 0.5) / n)
            a = start + gap / 2 + (wedge - gap) * ((k * _GOLDEN) % 1.0)
            pos[node] = (round(r * math.cos(a), 1), round(r * math.sin(a), 1))
        start += wedge
    return pos


def compute_layout(
    nodes: dict[str, str],
    edges: Iterable[tuple[str, str]],
    weight: dict[str, float] | None = None,
) -> tuple[dict[str, tuple[float, float]], str]:
    """Positions for ``nodes`` (id -> class) and the method used (``spring`` or ``sectors``)."""
    if len(nodes) <= SPRING_LIMIT:
        return spring_positions(nodes, edges), "spring"
    return sector_layout(nodes, weight), "sectors"


def uses_physics(node_count: int) -> bool:
    """Whether the browser's physics runs (then stops) for a graph of this size."""
    return node_count <= PHYSICS_LIMIT


def describe(method: str, physics: bool) -> dict[str, Any]:
    """A short record of how the layout was made, for the page's data."""
    return {"method": method, "physics": physics}
