"""An actor's compute and chip suppliers over time, with concentration at each date.

The dates come from the data (:func:`case_dates`): every day one of the actor's supplier
relations starts or ends, and the last day of each year in between. At each date
(:func:`supplier_history`) the actor's suppliers are measured three ways: compute
(``buysComputeFrom``), chips (``procuresChipsFrom``, and ``suppliesChipsTo`` read from the
buyer's side), and both together, suppliers by corporate group (a supplier that is a
``subsidiaryOf`` another actor in force that day counts with its parent: AWS with Amazon,
:mod:`graph.analysis.groups`), shares on the known amounts only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..rules.inforce import first_day
from .concentration import supplier_concentration, supply_edges
from .groups import parents

COMPUTE: tuple[str, ...] = ("buysComputeFrom",)
CHIPS: tuple[str, ...] = ("procuresChipsFrom", "suppliesChipsTo")


def case_dates(
    G: Any, actor: str, *, until: str | None = None, relation_types: tuple[str, ...] = COMPUTE + CHIPS
) -> list[str]:
    """The days worth measuring an actor's suppliers on.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The all-relations snapshot (``snapshot(data, None)``).
    actor : str
        The buyer's IRI.
    until : str, optional
        The last day (``YYYY-MM-DD``) to keep.
    relation_types : tuple of str, optional
        Supply relations, as in :func:`graph.analysis.concentration.supplier_concentration`.

    Returns
    -------
    list of str
        Sorted days: each start and end (first day of a partial date) of a supplier relation of
        the actor, and 31 December of each year from the first such day's year to the last's.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "cloud", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                start="2023-10", valid_until="2025-03-01")
    >>> case_dates(G, "lab")
    ['2023-10-01', '2023-12-31', '2024-12-31', '2025-03-01', '2025-12-31']
    """
    days: set[str] = set()
    for _, _, _, d in supply_edges(G, actor, relation_types):
        for key in ("start", "valid_until"):
            if d.get(key):
                days.add(first_day(d[key]))
    if days:
        first, last = min(days)[:4], max(days)[:4]
        days |= {f"{y}-12-31" for y in range(int(first), int(last) + 1)}
    return sorted(d for d in days if until is None or d <= until)


def case_network(data: Any, actor: str) -> Any:
    """The part of ``data`` (a :class:`graph.network.data.NetworkData`) that an actor's supplier
    history reads: its snapshots give :func:`case_dates` and :func:`supplier_history` the same
    results as snapshots of the whole network, at a fraction of the cost on a large one.

    Parameters
    ----------
    data : NetworkData
        The whole network.
    actor : str
        The buyer's IRI.

    Returns
    -------
    NetworkData
        The relations that can count, and the actors they tie (nodes and their labels): every
        ``subsidiaryOf`` tie (corporate groups, :mod:`graph.analysis.groups`, are read on the
        whole snapshot), every relation with a party, on any date, in the actor's group (the
        actor and whoever is its subsidiary through any chain of ``subsidiaryOf`` ties: a member
        of its group on some date), and the totals those relations' values are counted in (a
        part counts zero while its total is in force, :mod:`graph.rules.values`).

    Notes
    -----
    A worked case used to draw the whole network on each of its dates (26 snapshots of 80,000
    relations for the report's default case on the 1M-triple synthetic graph); its
    neighbourhood is a few hundred relations.
    """
    import dataclasses

    def parties(r: Any) -> set[str]:
        out = {r["actor"], r["counterparty"]}
        for p in r.get("periods") or ():
            out.update((p["actor"], p["counterparty"]))
        return out

    subsidiary = [r for r in data.relations if r.get("type") == "subsidiaryOf"]
    below: dict[str, set[str]] = {}  # parent -> its direct subsidiaries, on any date
    for r in subsidiary:
        for p in [r, *(r.get("periods") or ())]:
            below.setdefault(p["counterparty"], set()).add(p["actor"])
    group, todo = {actor}, [actor]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in group:
                group.add(child)
                todo.append(child)
    kept = [r for r in data.relations if r.get("type") == "subsidiaryOf" or not group.isdisjoint(parties(r))]
    totals = {t for r in kept for t in r.get("value_in") or ()} - {r.get("primary", r["iri"]) for r in kept}
    kept += [r for r in data.relations if r.get("primary", r["iri"]) in totals]
    # The relations in the network's order: snapshots add edges, and sum values, in that order.
    order = {id(r): i for i, r in enumerate(data.relations)}
    kept.sort(key=lambda r: order[id(r)])
    # Only the actors those relations tie (and the case's own): a snapshot draws every actor of
    # its data as a node, 8,000 of them on each of a case's dates at a million triples.
    tied = {actor}.union(*(parties(r) for r in kept))
    actors = {a: attrs for a, attrs in data.actors.items() if a in tied}
    return dataclasses.replace(data, actors=actors, relations=kept, edge_cache=data.edge_cache)


def supplier_history(snapshots: Sequence[Any], actor: str) -> dict[str, Any]:
    """The actor's compute and chip suppliers on each snapshot's date, with concentration.

    Parameters
    ----------
    snapshots : sequence of networkx.MultiDiGraph
        Snapshots in date order (``G.graph["at"]``), e.g. on the days of :func:`case_dates`.
    actor : str
        The buyer's IRI.

    Returns
    -------
    dict
        ``actor``, ``label`` and ``rows``: one per snapshot with ``at``, ``compute`` and
        ``chips`` (:func:`supplier_concentration` on those relation types, suppliers by
        corporate group), ``all`` (both) and ``groups`` (the same as ``all``, kept for readers
        of earlier reports), ``started`` and ``ended``: the supplier relations that started or
        ended since the previous row (keys).
    """
    rows = []
    previous: set[str] = set()
    label = actor
    for G in snapshots:
        chains = parents(G)  # read once for the three measures
        compute = supplier_concentration(G, actor, relation_types=COMPUTE, chains=chains)
        chips = supplier_concentration(G, actor, relation_types=CHIPS, chains=chains)
        both = supplier_concentration(G, actor, relation_types=COMPUTE + CHIPS, chains=chains)
        label = both["label"]
        keys = {k for s in both["suppliers"] for k in s["relations"]}
        rows.append(
            {
                "at": G.graph.get("at"),
                "compute": compute,
                "chips": chips,
                "all": both,
                "groups": both,
                "started": sorted(keys - previous),
                "ended": sorted(previous - keys),
            }
        )
        previous = keys
    return {"actor": actor, "label": label, "rows": rows}
