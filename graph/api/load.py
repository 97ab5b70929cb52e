"""What ``aikg load`` does: put the graph, with what the rules derive, into a persistent store or
a SPARQL endpoint, once.

An embedded Oxigraph store also gets its network index (:mod:`graph.network.index`), made from
what the derivation read as the files were loaded, so that every later command opening it
starts at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Loaded:
    """What a load put where: ``triples`` sent or stored, ``target`` (a store location or a URL),
    and whether the network index was saved beside an embedded store."""

    triples: int
    target: str
    indexed: bool = False


def load_store(location: str | Path, files: Sequence[Path], *, replace: bool = False) -> Loaded:
    """Build the embedded Oxigraph store at ``location`` from ``files`` and save its network index."""
    from types import SimpleNamespace

    from ..core.gcpause import paused_gc
    from ..network.index import encode_network, write_index
    from ..rules.apply import apply_rules
    from ..rules.inforce import horizon
    from ..store.oxigraph import build_store_read

    def network(derived: Any) -> bytes:
        # The index is what the derivation read (the store is not read again), made while the
        # bulk loader finishes, saved once the store is complete and closed. The rules' records
        # are encoded as they are: a NetworkData would copy each (gigabytes at ten million triples).
        with paused_gc():
            applied = derived.applied if derived.applied is not None else apply_rules(derived.raw)
            derived.applied = derived.raw = None
            data = SimpleNamespace(
                actors=applied.actors,
                relations=applied.relations,
                links=applied.links,
                events=applied.events,
                horizon=horizon(applied.relations, (e.get("date") for e in applied.events.values())),
            )
            return encode_network(data)

    location = Path(location)
    count, derived = build_store_read(location, files, replace=replace, meanwhile=network)
    encoded = derived.extra
    del derived
    return Loaded(count, f"oxigraph:{location}", write_index(location, None, encoded=encoded))


def load_endpoint(
    endpoint: str,
    files: Sequence[Path],
    *,
    update_endpoint: str | None = None,
    graph_store: str | None = None,
    graph: str | None = None,
    replace: bool = False,
    timeout: float = 120.0,
) -> Loaded:
    """Push ``files`` (with the derived triples, computed here) to a SPARQL 1.1 endpoint: by SPARQL
    Update into ``graph`` (default: the default graph), or by the Graph Store Protocol at
    ``graph_store``; ``replace`` clears the target first."""
    import pyoxigraph as ox

    from ..core.errors import AikgError
    from ..store.endpoint import post_update, push_graph_store, push_ntriples, update_url_for
    from ..store.oxigraph import fill

    update_url = update_endpoint or update_url_for(endpoint)
    scratch = ox.Store()
    fill(scratch, files)
    if graph and not graph.startswith(("http://", "https://", "urn:")):
        raise AikgError(f"--graph {graph!r}: expected an IRI")
    if replace:
        post_update(update_url, f"CLEAR GRAPH <{graph}>" if graph else "CLEAR DEFAULT", timeout)
    lines = scratch.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8").splitlines()
    if graph_store:
        return Loaded(push_graph_store(graph_store, lines, timeout=timeout), graph_store)
    return Loaded(push_ntriples(update_url, lines, graph=graph, timeout=timeout), update_url)
