"""SPARQL for in-memory graphs, run by Oxigraph on a copy of the graph.

aikg's in-memory graph is an rdflib graph (pySHACL validates it, notebooks use it), but rdflib's
SPARQL engine is slow (a bundled query took 0.5 to 2 s on the shipped data) and reads some
patterns differently from every other engine (an ``OPTIONAL`` group holding a ``FILTER`` and a
nested ``OPTIONAL`` lost rows that Oxigraph and Virtuoso keep). So queries on an in-memory graph
run in an in-memory pyoxigraph store holding the same triples: the same engine as an embedded
store, and the same answers.

The copy is made on the first query and kept while the graph is unchanged: graphs made by
:func:`graph.store.memory.new_graph` use :class:`CountingMemory`, a memory store that counts its
writes, so any change (``add``, ``remove``, ``set``, a SPARQL Update) is seen and the copy made
again. A graph on any other store is copied for each query. ``AIKG_SPARQL=rdflib`` runs
rdflib's own engine instead (tests compare the two).
"""

from __future__ import annotations

import os
import weakref
from typing import Any

from rdflib import BNode, Graph, Literal
from rdflib.plugins.stores.memory import Memory

#: Environment variable choosing the engine for in-memory graphs: ``oxigraph`` (default) or ``rdflib``.
ENGINE_ENV = "AIKG_SPARQL"


class CountingMemory(Memory):
    """rdflib's memory store, counting every write (:attr:`generation`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.generation = 0

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.generation += 1
        super().add(*args, **kwargs)

    def addN(self, quads: Any) -> None:  # noqa: N802 - rdflib's name
        self.generation += 1
        super().addN(quads)

    def remove(self, *args: Any, **kwargs: Any) -> None:
        self.generation += 1
        super().remove(*args, **kwargs)


_COPIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def use_rdflib() -> bool:
    """Whether in-memory graphs are queried by rdflib's engine (``AIKG_SPARQL=rdflib``)."""
    return os.environ.get(ENGINE_ENV, "").strip().lower() == "rdflib"


def oxigraph_copy(graph: Graph) -> Any:
    """A pyoxigraph store holding ``graph``'s triples in its default graph, reused while unchanged."""
    store = graph.store
    generation = getattr(store, "generation", None)
    if generation is not None:
        cached = _COPIES.get(store)
        if cached is not None and cached[0] == generation:
            if isinstance(cached[1], bytes):
                copy = _from_nquads(cached[1])
                _COPIES[store] = (generation, copy)
                return copy
            return cached[1]
    copy = _copy(graph)
    if generation is not None:
        _COPIES[store] = (generation, copy)
    return copy


def copy_as_nquads(graph: Graph) -> bytes | None:
    """``graph``'s copy as N-Quads, which :func:`prime` reads back ten times faster than
    :func:`oxigraph_copy` builds it; ``None`` for a graph with blank nodes, which Oxigraph renames
    when it reads them (the copy's blank nodes must keep rdflib's labels)."""
    import pyoxigraph as ox

    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return None
    return oxigraph_copy(graph).dump(format=ox.RdfFormat.N_QUADS)


def prime(graph: Graph, nquads: bytes) -> None:
    """Take ``nquads`` (from :func:`copy_as_nquads` of a graph with the same triples) as
    ``graph``'s copy, read on its first query unless the graph changes first."""
    generation = getattr(graph.store, "generation", None)
    if generation is not None:
        _COPIES[graph.store] = (generation, nquads)


def _from_nquads(nquads: bytes) -> Any:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def _copy(graph: Graph) -> Any:
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    nodes: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        got = nodes.get(t)
        if got is not None:
            return got
        if isinstance(t, Literal):
            if t.language:
                got = ox.Literal(str(t), language=t.language)
            elif t.datatype is not None:
                got = ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
            else:
                got = ox.Literal(str(t))
        elif isinstance(t, BNode):
            got = ox.BlankNode(str(t))
        else:
            got = ox.NamedNode(str(t))
        nodes[t] = got
        return got

    store = ox.Store()
    store.bulk_extend([ox.Quad(term(s), term(p), term(o), default) for s, p, o in graph])
    return store


def is_memory(graph: Graph) -> bool:
    """Whether ``graph`` lives in rdflib's memory store (aikg's default)."""
    return isinstance(graph.store, Memory)
