"""The rules as triples: what SPARQL needs to give the snapshots' answers, on any engine.

Added to the graph at load time (in memory, into an embedded store, before a push to an
endpoint), from the same records the snapshots use (:func:`graph.rules.apply.apply_rules`), so a
user's own SPARQL and every bundled query agree with the networkx snapshots. For every relation
node of a deal (every statement, the primary one included):

- ``aikg:primaryStatement``: the statement that represents the deal (itself for the primary);
- ``aikg:effectiveStart``, ``aikg:startBasis`` (:data:`graph.rules.inforce.START_BASES`),
  ``aikg:effectiveEnd``, ``aikg:endBasis`` and ``aikg:endedByRelation`` (the later relation
  whose revision link ended it), as :mod:`graph.rules.inforce` and :mod:`graph.rules.apply` read them;
- ``aikg:statusClass`` and ``aikg:countedByDefault`` (:mod:`graph.rules.status`);
- ``aikg:valueCountsIn`` (a total the value is part of), ``aikg:valueCountsFrom`` and, on the
  primary statement, ``aikg:addableValue`` (the value as it enters sums: absent for a level or a
  yearly amount) (:mod:`graph.rules.values`);
- ``prov:wasDerivedFrom``: the evidence of every statement of the deal.

For each deal, its **in-force periods** (:func:`graph.rules.succession.periods`): IRI nodes of
class ``aikg:InForcePeriod`` with ``aikg:periodOf`` (the primary statement), ``aikg:periodActor``,
``aikg:periodCounterparty`` (the actors the network draws it on: an absorbed actor's successor
from the absorption on), ``aikg:periodStart`` and ``aikg:periodEnd`` (absent while open). A
deal is in force on day D, between the period's actors, when a period has ``periodStart <= D <
periodEnd`` and its status class is counted. That is exactly the snapshot of D.

The **direct triples** ``actor relationType counterparty`` (both ways for a symmetric type, the
inverse for an inverse type) of every deal counted by default and in force on the data's
horizon (:func:`graph.rules.inforce.horizon`), drawn on the period's actors: ``?a
aikg:buysComputeFrom ?b`` answers "who buys from whom at the latest the data records", with no
clock read.

A node ``aikg:Derivation`` (:data:`DERIVATION`) records the horizon and the rules' version.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..core.vocab import AIKG, ID, RELATION_TYPES
from .apply import INVERSE_TYPES, SYMMETRIC_TYPES, Applied
from .inforce import horizon

#: Bumped whenever a rule changes what is derived: a store derived by other rules is re-derived.
RULES_VERSION = "2"
DERIVATION = URIRef(str(ID) + "derivation")
PERIOD = str(ID) + "period/"
#: Only a relation of a type the ontology defines gets a direct triple: an unknown type (a typo,
#: a literal, a relative IRI in a hostile file) is SHACL's to report, never a predicate to write.
_DIRECT_TYPES = frozenset(str(t) for t in RELATION_TYPES)
#: An absolute IRI: a scheme, then no space. A hostile file can give an actor or counterparty as a
#: literal ("AI technologies"); writing it as an IRI would make exports no parser reads back.
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*")

#: Every predicate only the derivation writes (cleared before a store is derived again).
DERIVED_PREDICATES: tuple[URIRef, ...] = (
    AIKG.primaryStatement,
    AIKG.effectiveStart,
    AIKG.effectiveEnd,
    AIKG.startBasis,
    AIKG.endBasis,
    AIKG.endedByRelation,
    AIKG.statusClass,
    AIKG.countedByDefault,
    AIKG.valueCountsIn,
    AIKG.valueCountsFrom,
    AIKG.addableValue,
    AIKG.periodOf,
    AIKG.periodActor,
    AIKG.periodCounterparty,
    AIKG.periodStart,
    AIKG.periodEnd,
    AIKG.viaSuccessorOf,
    AIKG.dataHorizon,
    AIKG.rulesVersion,
)


def _date(day: str) -> Literal:
    return Literal(day, datatype=XSD.date)


def period_iri(primary: str, index: int) -> URIRef:
    """A stable IRI for a deal's ``index``-th period (a hash: relation IRIs may hold a ``#``)."""
    digest = hashlib.sha1(primary.encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{PERIOD}{digest}-{index}")


#: The datatype of each kind of derived literal (``None``: a plain string).
_DATATYPES: dict[str, str | None] = {"date": str(XSD.date), "decimal": str(XSD.decimal), "boolean": str(XSD.boolean)}


def derived_terms(
    data: Applied, evidence: dict[str, dict[str, dict[str, Any]]], inverse_of: dict[str, str] | None = None
) -> Iterator[tuple[str, str, Any]]:
    """Every derived triple of ``data`` as plain values, in a stable order: the rules' one writer.

    Subjects and predicates are IRI texts; an object is an IRI text (``str``) or a literal,
    ``(kind, value)``: ``("date", "YYYY-MM-DD")``, ``("plain", text)``, ``("boolean", bool)`` or
    ``("decimal", Decimal)``. :func:`derived_triples` makes rdflib terms of them (graphs in
    memory), :func:`derived_ntriples` N-Triples (an embedded store's bulk loader): the same
    triples either way. Parameters as :func:`derived_triples`.
    """
    a = str(AIKG._NS)
    inverse_of = inverse_of if inverse_of is not None else {a + k: a + v for k, v in INVERSE_TYPES.items()}
    rdf_type, derived_from = str(RDF.type), str(PROV.wasDerivedFrom)
    primary_p, start_p, start_basis_p = a + "primaryStatement", a + "effectiveStart", a + "startBasis"
    end_p, end_basis_p, ended_by_p = a + "effectiveEnd", a + "endBasis", a + "endedByRelation"
    status_p, counted_p, counts_in_p = a + "statusClass", a + "countedByDefault", a + "valueCountsIn"
    counts_from_p, addable_p = a + "valueCountsFrom", a + "addableValue"
    period_class = a + "InForcePeriod"
    iri = _ABSOLUTE_IRI.fullmatch
    day = horizon(data.relations, (e.get("date") for e in data.events.values()))
    derivation = str(DERIVATION)
    yield derivation, rdf_type, a + "Derivation"
    yield derivation, a + "rulesVersion", ("plain", RULES_VERSION)
    if day:
        yield derivation, a + "dataHorizon", ("date", day)
    direct: set[tuple[str, str, str]] = set()
    for r in data.relations:
        if not iri(r["primary"]):
            # A relation written as a blank node: its label from the reader is not an IRI, and a
            # triple about it would name a node that does not exist. Nothing is derived for it.
            continue
        primary = r["primary"]
        all_evidence = sorted({ev for m in r["members"] for ev in evidence.get(m, {})})
        start, until = r.get("start"), r.get("valid_until")
        status = ("plain", r["status_class"])
        counted = ("boolean", bool(r["counted_by_default"]))
        ended_by = r.get("ended_by_relation")
        for m in r["members"]:
            if not iri(m):
                continue
            yield m, primary_p, primary
            if start:
                yield m, start_p, ("date", start)
            yield m, start_basis_p, ("plain", r["start_basis"])
            if until:
                yield m, end_p, ("date", until)
                yield m, end_basis_p, ("plain", r["end_reason"])
            if ended_by and iri(ended_by):
                yield m, ended_by_p, ended_by
            yield m, status_p, status
            yield m, counted_p, counted
            for total in r["value_in"]:
                if iri(total):
                    yield m, counts_in_p, total
            if r.get("value") is not None and r.get("value_counts_from"):
                yield m, counts_from_p, ("date", r["value_counts_from"])
            if r.get("counted_value") is not None and m == primary:
                yield m, addable_p, ("decimal", Decimal(repr(float(r["counted_value"]))))
            if len(r["members"]) > 1:
                for ev in all_evidence:
                    # a blank-node evidence is shared by reference only within its own file
                    if ev not in evidence.get(m, {}) and iri(ev):
                        yield m, derived_from, ev
        for i, p in enumerate(r["periods"]):
            if not (iri(p["actor"]) and iri(p["counterparty"])):
                continue  # SHACL reports the relation; nothing is derived from it
            node = str(period_iri(primary, i))
            yield node, rdf_type, period_class
            yield node, a + "periodOf", primary
            yield node, a + "periodActor", p["actor"]
            yield node, a + "periodCounterparty", p["counterparty"]
            yield node, a + "periodStart", ("date", p["start"])
            if p["end"]:
                yield node, a + "periodEnd", ("date", p["end"])
            for absorbed in p["via_successor_of"]:
                if iri(absorbed):
                    yield node, a + "viaSuccessorOf", absorbed
            if (
                day
                and r["counted_by_default"]
                and r["type_iri"] in _DIRECT_TYPES
                and p["start"] <= day
                and (p["end"] is None or p["end"] > day)
            ):
                u, v, t = p["actor"], p["counterparty"], r["type_iri"]
                direct.add((u, t, v))
                if r["type"] in SYMMETRIC_TYPES:
                    direct.add((v, t, u))
                if t in inverse_of:
                    direct.add((v, inverse_of[t], u))
    for u, t, v in sorted(direct):
        yield u, t, v


def derived_triples(
    data: Applied, evidence: dict[str, dict[str, dict[str, Any]]], inverse_of: dict[str, str] | None = None
) -> Iterator[tuple[URIRef, URIRef, Any]]:
    """Every derived triple of ``data`` (records with ``periods``), in a stable order, as rdflib terms.

    Parameters
    ----------
    data : Applied
        The records (each with its ``periods``), actors and events.
    evidence : dict
        Relation IRI to its evidence nodes, as the reader found them (for the shared sources).
    inverse_of : dict, optional
        Relation type IRI to the IRI of its ``owl:inverseOf`` (default: the ontology's chip
        relations).
    """
    for s, p, o in derived_terms(data, evidence, inverse_of):
        if type(o) is str:
            yield URIRef(s), URIRef(p), URIRef(o)
        elif o[0] == "date":
            yield URIRef(s), URIRef(p), _date(o[1])
        elif o[0] == "decimal":
            yield URIRef(s), URIRef(p), Literal(o[1], datatype=XSD.decimal)
        else:  # a plain string or a boolean: rdflib gives each its datatype
            yield URIRef(s), URIRef(p), Literal(o[1])


def _nt_text(text: str) -> str:
    """``text`` as the inside of an N-Triples string (ECHAR escapes for what must be escaped)."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return text


def derived_ntriples(
    data: Applied, evidence: dict[str, dict[str, dict[str, Any]]], inverse_of: dict[str, str] | None = None
) -> Iterator[str]:
    """:func:`derived_triples` as N-Triples lines (each ending with a newline), for a bulk loader.

    Every IRI written has passed the absolute-IRI check of :func:`derived_terms` (no space, no
    ``<>"{}|^`\\``), so none needs escaping; literals are escaped. Decimals are written as rdflib
    writes them (``f"{value:f}"``), booleans as ``true``/``false``, so that a store filled from
    these lines holds exactly the triples :func:`derived_triples` gives.
    """
    date_dt, decimal_dt, boolean_dt = _DATATYPES["date"], _DATATYPES["decimal"], _DATATYPES["boolean"]
    for s, p, o in derived_terms(data, evidence, inverse_of):
        if type(o) is str:
            yield f"<{s}> <{p}> <{o}> .\n"
        else:
            kind, value = o
            if kind == "date":
                yield f'<{s}> <{p}> "{_nt_text(value)}"^^<{date_dt}> .\n'
            elif kind == "plain":
                yield f'<{s}> <{p}> "{_nt_text(value)}" .\n'
            elif kind == "boolean":
                yield f'<{s}> <{p}> "{"true" if value else "false"}"^^<{boolean_dt}> .\n'
            else:
                yield f'<{s}> <{p}> "{value:f}"^^<{decimal_dt}> .\n'
