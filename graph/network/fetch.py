"""Read the network of a graph once (:func:`fetch_network`), on any store, with the rules applied.

The store is read by :mod:`graph.store.read` (triple scans in this process, one SPARQL query on
an endpoint), or from the network index saved beside an unchanged embedded store
(:mod:`graph.network.index`); the rules of :mod:`graph.rules` then make one record per deal.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph

from .data import NetworkData


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def fetch_network(graph: Graph) -> NetworkData:
    """Read actors, relation nodes, evidence, sources, revision links and change events from
    ``graph``, and apply the rules of :mod:`graph.rules` (one record per deal, effective dates).

    Works on any rdflib graph, whatever its store: an embedded Oxigraph store built by
    ``aikg load`` answers from the network index saved beside it while the store is unchanged
    (:mod:`graph.network.index`); stores in this process are scanned, endpoints queried
    (:mod:`graph.store.read`).
    """
    from .index import cached_network

    return cached_network(graph, lambda: assemble(graph))


def assemble(graph: Graph) -> NetworkData:
    """:func:`fetch_network` without the network index: read the store, apply the rules."""
    from ..core.gcpause import paused_gc
    from ..store.read import collect

    with paused_gc():
        return from_raw(collect(graph))


def from_raw(raw: Any) -> NetworkData:
    """The :class:`NetworkData` of what a reader found (a :class:`graph.rules.apply.Raw`)."""
    from ..rules.apply import apply_rules

    return from_applied(apply_rules(raw))


def from_applied(applied: Any) -> NetworkData:
    """The :class:`NetworkData` of the rules' output (a :class:`graph.rules.apply.Applied`)."""
    from ..rules.inforce import horizon

    return NetworkData(
        actors=applied.actors,
        relations=applied.relations,
        links=applied.links,
        events=applied.events,
        horizon=horizon(applied.relations, (e.get("date") for e in applied.events.values())),
    )


def build_snapshot(graph: Graph, at: str | None = None) -> Any:
    """Fetch the network from ``graph`` and return its snapshot on ``at``."""
    from .snapshot import snapshot

    return snapshot(fetch_network(graph), at)
