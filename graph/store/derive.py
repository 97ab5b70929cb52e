"""Stage 2b: add what the rules derive to the graph, so that SPARQL gives the snapshots' answers.

The rules themselves are in :mod:`graph.rules` (what is in force on a day, which statements are
one deal, what a value counts); :mod:`graph.rules.materialise` says which triples they give. This
module reads the graph (:mod:`graph.store.read`), applies the rules once, and writes those
triples: into an rdflib graph (:func:`derive`), or into an embedded Oxigraph store
(:func:`derive_oxigraph`). Deriving again (a store loaded in several steps) first removes what
an earlier derivation wrote: every triple of a derived-only predicate, the in-force period
nodes, and the direct triples that restate a relation node.

Reading and writing are linear in the size of the graph (statement groups by union-find), in
Python, on every store: no SPARQL Update, whose engines differ.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..core.vocab import AIKG
from ..rules.materialise import DERIVATION, DERIVED_PREDICATES, derived_triples


def _derive(raw: Any) -> tuple[Any, list[tuple[URIRef, URIRef, Any]]]:
    from ..rules.apply import apply_rules

    evidence = {k: dict(v) for k, v in raw.evidence.items()}
    data = apply_rules(raw)
    return data, list(derived_triples(data, evidence))


def _old_direct(relations: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    """Direct triples an earlier derivation may have written for these deals (any period)."""
    from ..rules.apply import INVERSE_TYPES, SYMMETRIC_TYPES

    out: set[tuple[str, str, str]] = set()
    base = str(AIKG._NS)
    for r in relations:
        pairs = {(r["actor"], r["counterparty"])} | {(p["actor"], p["counterparty"]) for p in r.get("periods", ())}
        for u, v in pairs:
            out.add((u, r["type_iri"], v))
            if r["type"] in SYMMETRIC_TYPES:
                out.add((v, r["type_iri"], u))
            if r["type"] in INVERSE_TYPES:
                out.add((v, base + INVERSE_TYPES[r["type"]], u))
    return out


def derive(graph: Graph) -> int:
    """Add the derived triples to ``graph`` (any rdflib graph); return how many were added.

    Triples of an earlier derivation are removed first (see the module docstring).
    """
    from ..core.gcpause import paused_gc
    from .read import collect

    with paused_gc():
        raw = collect(graph)
        data, triples = _derive(raw)
        if (DERIVATION, RDF.type, AIKG.Derivation) in graph:
            _clear(graph, data.relations)
        before = len(graph)
        graph.addN((s, p, o, graph) for s, p, o in triples)
        return len(graph) - before


def _clear(graph: Graph, relations: list[dict[str, Any]]) -> None:
    for p in DERIVED_PREDICATES:
        graph.remove((None, p, None))
    graph.remove((None, RDF.type, AIKG.InForcePeriod))
    graph.remove((DERIVATION, None, None))
    for u, t, v in _old_direct(relations):
        graph.remove((URIRef(u), URIRef(t), URIRef(v)))


def derive_oxigraph(store: Any) -> int:
    """:func:`derive` for a pyoxigraph ``Store`` (its default graph); returns the triples added."""
    import pyoxigraph as ox

    from ..core.gcpause import paused_gc
    from .read import _oxigraph_scan, collect_by_scan

    default = ox.DefaultGraph()
    with paused_gc():
        raw = collect_by_scan(*_oxigraph_scan(store))
        data, triples = _derive(raw)
        if (
            ox.Quad(
                ox.NamedNode(str(DERIVATION)), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AIKG.Derivation)), default
            )
            in store
        ):
            stale = []
            for p in DERIVED_PREDICATES:
                stale.extend(store.quads_for_pattern(None, ox.NamedNode(str(p)), None, default))
            stale.extend(
                store.quads_for_pattern(
                    None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AIKG.InForcePeriod)), default
                )
            )
            stale.extend(store.quads_for_pattern(ox.NamedNode(str(DERIVATION)), None, None, default))
            for u, t, v in _old_direct(data.relations):
                stale.append(ox.Quad(ox.NamedNode(u), ox.NamedNode(t), ox.NamedNode(v), default))
            for q in stale:
                store.remove(q)
        quads = [ox.Quad(_ox(s), _ox(p), _ox(o), default) for s, p, o in triples]
        before = len(quads)
        store.bulk_extend(quads)
        return before


def _ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import Literal

    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.NamedNode(str(term))


#: The name earlier versions used; loading code and tests call it.
derive_direct_edges = derive
