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

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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


@dataclass
class Derived:
    """What :func:`derive_oxigraph` derived into a store, kept for the network index.

    ``count`` derived triples were written; ``applied`` is the rules' output
    (:class:`graph.rules.apply.Applied`) on the store as it now reads, or ``None`` when the
    derivation's own ``prov:wasDerivedFrom`` triples change what a reader finds (statements of
    one deal share their evidence): ``raw`` is then what a reader of the store now finds,
    for the rules to be applied to again.
    """

    count: int
    applied: Any | None
    raw: Any
    #: What the caller computed while the load finished (:func:`graph.store.oxigraph.load_sources`).
    extra: Any = None


def _copy_raw(raw: Any) -> Any:
    """A copy of ``raw`` that :func:`graph.rules.apply.apply_rules` can change (it completes the
    actors and events in place); relation fields and evidence are read, never changed."""
    import copy

    from ..rules.apply import Raw

    return Raw(
        actors={k: {**v, "aliases": set(v["aliases"]), "classes": dict(v["classes"])} for k, v in raw.actors.items()},
        relations=raw.relations,
        evidence={k: dict(v) for k, v in raw.evidence.items()},
        same=raw.same,
        links=raw.links,
        includes=raw.includes,
        events=copy.deepcopy(raw.events),
    )


def _read_back(raw: Any, data: Any) -> Any | None:
    """``raw`` with the evidence the derivation shares between statements of one deal, as a
    reader of the derived store finds it (``prov:wasDerivedFrom`` from each statement to the
    evidence of the others); None when nothing is shared."""
    from ..rules.materialise import _ABSOLUTE_IRI

    iri = _ABSOLUTE_IRI.fullmatch
    shared: dict[str, dict[str, dict[str, Any]]] = {}
    for r in data.relations:
        if len(r["members"]) < 2 or not iri(r["primary"]):
            continue
        found = {ev: raw.evidence[m][ev] for m in r["members"] for ev in raw.evidence.get(m, {})}
        for m in r["members"]:
            own = raw.evidence.get(m, {})
            extra = {ev: dict(rec) for ev, rec in found.items() if ev not in own and iri(ev)}
            if extra and iri(m):
                shared[m] = extra
    if not shared:
        return None
    out = _copy_raw(raw)
    for m, extra in shared.items():
        out.evidence[m] = {**out.evidence.get(m, {}), **extra}
    return out


#: Derived triples handed to the bulk loader at a time, as N-Triples (about 250 MB of text).
#: Each bulk load has a cost of its own: at a million triples, the derived triples in one call
#: instead of four made ``aikg load`` 1.6 s faster (19.1 s to 17.5 s), for 420 MB more at its peak.
DERIVED_CHUNK = 2_000_000


def derived_chunks(data: Any, evidence: dict[str, dict[str, dict[str, Any]]]) -> Iterator[tuple[bytes, int]]:
    """The derived triples of ``data`` as N-Triples, ``(bytes, number of triples)`` at a time."""
    from ..rules.materialise import derived_ntriples

    lines = derived_ntriples(data, evidence)
    while chunk := list(itertools.islice(lines, DERIVED_CHUNK)):
        yield "".join(chunk).encode("utf-8"), len(chunk)


def derive_oxigraph(store: Any, raw: Any | None = None, write: Callable[[bytes], None] | None = None) -> Derived:
    """:func:`derive` for a pyoxigraph ``Store`` (its default graph).

    Parameters
    ----------
    store : pyoxigraph.Store
        The store, its data loaded (or being loaded by ``write``'s thread).
    raw : Raw, optional
        What a reader finds in the store, when the caller read it as it was loaded
        (:class:`graph.store.read.TripleCollector`); by default the store is scanned once, and
        the triples of an earlier derivation are removed first (see the module docstring).
    write : callable, optional
        Takes each chunk of derived triples (N-Triples bytes); by default the store's bulk
        loader. Given with ``raw``, for a store that holds nothing derived.

    Returns
    -------
    Derived
        The number of derived triples written, and what the network index is made of.

    Notes
    -----
    The derived triples go to the store's bulk loader as N-Triples, written from the rules
    (:func:`graph.rules.materialise.derived_ntriples`): at a million triples, building a Python
    term per triple cost more than the whole bulk load.
    """
    import pyoxigraph as ox

    from ..core.gcpause import paused_gc
    from ..rules.apply import apply_rules
    from .read import _oxigraph_scan, collect_by_scan

    default = ox.DefaultGraph()
    with paused_gc():
        if raw is None:
            raw = collect_by_scan(*_oxigraph_scan(store))
        kept = _copy_raw(raw)  # the rules complete actors and events in place
        data = apply_rules(raw)
        del raw
        if write is None:
            _remove_stale(store, data)

            def write(chunk: bytes) -> None:
                store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=default)

        count = 0
        for chunk, n in derived_chunks(data, kept.evidence):
            write(chunk)
            count += n
        again = _read_back(kept, data)
        return Derived(count, data if again is None else None, kept if again is None else again)


def _remove_stale(store: Any, data: Any) -> None:
    """Remove what an earlier derivation wrote into ``store`` (see the module docstring)."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    derivation = ox.NamedNode(str(DERIVATION))
    if ox.Quad(derivation, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AIKG.Derivation)), default) not in store:
        return
    stale = []
    for p in DERIVED_PREDICATES:
        stale.extend(store.quads_for_pattern(None, ox.NamedNode(str(p)), None, default))
    stale.extend(
        store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(AIKG.InForcePeriod)), default)
    )
    stale.extend(store.quads_for_pattern(derivation, None, None, default))
    for u, t, v in _old_direct(data.relations):
        stale.append(ox.Quad(ox.NamedNode(u), ox.NamedNode(t), ox.NamedNode(v), default))
    for q in stale:
        store.remove(q)


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
