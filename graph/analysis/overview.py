"""Every analysis of one snapshot gathered in one dict, for ``aikg report``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.gcpause import paused_gc
from .centrality import _centrality, _round, centrality_table
from .concentration import buyers, supplier_concentration
from .cycles import CYCLE_LIMIT, _circular_flows
from .exposure import _totals
from .gatekeepers import gatekeepers
from .groups import parents
from .views import _sorted_edges, edge_data

#: Measures compared before and after each event in a report.
COMPARED_MEASURES: tuple[str, ...] = ("degree", "pagerank", "eigenvector", "betweenness")


def compare(before: Any, after: Any, *, top: int = 10, digits: int = 6) -> dict[str, Any]:
    """Centrality of the leading actors on two dates, side by side.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Two snapshots of one network.
    top : int, optional
        How many actors to keep: the highest PageRank on either date.
    digits : int, optional
        Rounding.

    Returns
    -------
    dict
        ``before``, ``after`` (dates), ``measures`` (:data:`COMPARED_MEASURES`) and ``actors``:
        a list of ``{"actor", "label", "<measure>": {"before", "after"}}``, highest PageRank
        (after, then before) first.
    """
    sb, _ = _centrality(before)
    sa, _ = _centrality(after)
    actors = sorted(set(sb) | set(sa))

    def score(s: dict[str, dict[str, float]], a: str, m: str) -> float:
        return _round((s.get(a) or {}).get(m, 0.0), digits)

    def label(a: str) -> str:
        G = after if a in after else before
        return G.nodes[a].get("label") or a

    best = sorted(
        actors,
        key=lambda a: (-max(score(sa, a, "pagerank"), score(sb, a, "pagerank")), -score(sa, a, "pagerank"), a),
    )[:top]
    rows = []
    for a in best:
        row: dict[str, Any] = {"actor": a, "label": label(a)}
        for m in COMPARED_MEASURES:
            row[m] = {"before": score(sb, a, m), "after": score(sa, a, m)}
        rows.append(row)
    return {
        "before": before.graph.get("at"),
        "after": after.graph.get("at"),
        "measures": list(COMPARED_MEASURES),
        "actors": rows,
    }


def overview(
    G: Any,
    *,
    comparisons: Sequence[tuple[dict[str, Any], Any, Any]] = (),
    top: int = 5,
    digits: int = 6,
    max_cycle_length: int = 6,
) -> dict[str, Any]:
    """Centrality, concentration, gatekeepers, circular flows and exposure of one snapshot.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The snapshot the report describes.
    comparisons : sequence of (dict, MultiDiGraph, MultiDiGraph), optional
        ``(about, before, after)`` triples: ``about`` describes what is compared (an event's
        ``label`` and ``date``) and is returned as is, with :func:`compare` of the two
        snapshots.
    top : int, optional
        Actors per measure in the centrality table's ``top``.
    digits : int, optional
        Rounding of the measures.
    max_cycle_length : int, optional
        Longest circular flow searched.

    Returns
    -------
    dict
        ``at``, ``counts`` (``actors``, ``relations``, ``relation_types``: type to count),
        ``centrality`` (:func:`graph.analysis.centrality.centrality_table`), ``concentration``
        (one :func:`graph.analysis.concentration.supplier_concentration` per compute buyer),
        ``gatekeepers``, ``circular_flows``, ``exposure`` (per actor with a known value or a
        dependency: ``label``, ``pays_usd``, ``receives_usd``, ``dependencies``,
        ``dependencies_valued``, ``largest_dependency``) and ``comparisons``.
    """
    with paused_gc():
        types: dict[str, int] = {}
        for _, _, d in edge_data(G):
            t = d.get("type") or "?"
            types[t] = types.get(t, 0) + 1
        edges = _sorted_edges(G)  # read once for exposure and circular flows
        totals = _totals(G, edges)
        exp = {a: e for a, e in totals.items() if e["pays_usd"] or e["receives_usd"] or e["dependencies"]}
        # Corporate groups read once for every buyer: per buyer, they made the report quadratic
        # in the number of buyers (minutes at a million triples).
        chains = parents(G)
        concentration = [supplier_concentration(G, b, chains=chains) for b in buyers(G)]
        gated = gatekeepers(G)
        flows = _circular_flows(G, max_cycle_length, CYCLE_LIMIT, edges)
        del edges
        # Centrality last: its betweenness may still be under way in a worker (graph.core.worker).
        table = centrality_table(G, digits=digits, top=top)
        return {
            "at": G.graph.get("at"),
            "counts": {
                "actors": G.number_of_nodes(),
                "relations": G.number_of_edges(),
                "relation_types": dict(sorted(types.items())),
            },
            "centrality": table,
            "concentration": concentration,
            "gatekeepers": gated,
            "circular_flows": flows,
            "exposure": exp,
            "comparisons": [
                {"about": dict(about), **compare(before, after, digits=digits)} for about, before, after in comparisons
            ],
        }
