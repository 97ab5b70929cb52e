"""The part of a network that some actors belong to: their connected components, on any date.

A report compares the network before and after each change event. Redrawing the whole network
for that (two snapshots per event) cost most of ``aikg report`` on a million-triple store, and
its leading actors were those of unrelated parts of the network (issue #17): a comparison is
read on the part the event's actors are tied to instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .data import NetworkData


def _parties(r: dict[str, Any]) -> list[str]:
    out = [r["actor"], r["counterparty"]]
    for p in r.get("periods") or ():
        out += (p["actor"], p["counterparty"])
    return out


def connected_part(data: NetworkData, actors: Iterable[str], roots: dict[str, str] | None = None) -> NetworkData:
    """The actors tied to ``actors`` through any chain of relations, with those relations.

    Parameters
    ----------
    data : NetworkData
        The whole network (:func:`graph.network.fetch.fetch_network`).
    actors : iterable of str
        Actor IRIs; those the network does not hold are ignored.
    roots : dict, optional
        :func:`components` of ``data``, when several parts of one network are taken.

    Returns
    -------
    NetworkData
        ``data`` restricted to the weakly connected components that hold ``actors`` in the graph
        of every relation, of any status, in force on any date (including the parties a relation
        passes to after a merger, and the totals a relation's value counts in): its actors and
        the relations between them, in the network's order. Relations and their edge attributes
        are shared with ``data``. When none of ``actors`` is in the network, ``data`` itself.

    Notes
    -----
    Since the components are taken over every date, a snapshot of the part on any day holds the
    same relations as a snapshot of the whole network on that day, restricted to the part's
    actors: measures that read only a component (degrees, betweenness counts, shortest paths)
    are the same; those normalised by the number of actors, or spread over the whole graph
    (PageRank, eigenvector), are those of the part taken alone.

    Examples
    --------
    >>> d = NetworkData(
    ...     actors={"a": {}, "b": {}, "c": {}, "d": {}},
    ...     relations=[
    ...         {"iri": "r1", "actor": "a", "counterparty": "b"},
    ...         {"iri": "r2", "actor": "c", "counterparty": "d"},
    ...     ],
    ... )
    >>> part = connected_part(d, ["a"])
    >>> sorted(part.actors), [r["iri"] for r in part.relations]
    (['a', 'b'], ['r1'])
    """
    roots = components(data) if roots is None else roots
    wanted = {roots[a] for a in actors if a in roots}
    if not wanted:
        return data
    kept = [r for r in data.relations if roots[r["actor"]] in wanted]
    members = {a: attrs for a, attrs in data.actors.items() if roots[a] in wanted}
    return dataclasses.replace(data, actors=members, relations=kept, edge_cache=data.edge_cache)


def components(data: NetworkData) -> dict[str, str]:
    """Each actor, and each party of a relation, to its component's representative, in the graph
    :func:`connected_part` reads (every relation, any status and date, with its successors'
    parties and its totals' parties).

    Parameters
    ----------
    data : NetworkData
        The network.

    Returns
    -------
    dict
        Actor IRI -> the IRI that stands for its weakly connected component (an actor tied to
        nothing stands for itself).

    Examples
    --------
    >>> d = NetworkData(actors={"a": {}, "b": {}, "c": {}}, relations=[{"iri": "r", "actor": "a", "counterparty": "b"}])
    >>> r = components(d)
    >>> r["a"] == r["b"] != r["c"]
    True
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while parent[x] != root:  # path compression: the next find is one step
            parent[x], x = root, parent[x]
        return root

    by_primary = {r.get("primary", r["iri"]): r for r in data.relations}
    for r in data.relations:
        ends = _parties(r)
        for t in r.get("value_in") or ():
            total = by_primary.get(t)
            if total is not None:
                ends += _parties(total)
        first = find(ends[0])
        for e in ends[1:]:
            other = find(e)
            if other != first:
                parent[other] = first
    for a in data.actors:
        parent.setdefault(a, a)
    return {a: find(a) for a in parent}
