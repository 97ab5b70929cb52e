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


def derived_triples(
    data: Applied, evidence: dict[str, dict[str, dict[str, Any]]], inverse_of: dict[str, str] | None = None
) -> Iterator[tuple[URIRef, URIRef, Any]]:
    """Every derived triple of ``data`` (records with ``periods``), in a stable order.

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
    inverse_of = (
        inverse_of if inverse_of is not None else {str(AIKG[k]): str(AIKG[v]) for k, v in INVERSE_TYPES.items()}
    )
    day = horizon(data.relations, (e.get("date") for e in data.events.values()))
    yield DERIVATION, RDF.type, AIKG.Derivation
    yield DERIVATION, AIKG.rulesVersion, Literal(RULES_VERSION)
    if day:
        yield DERIVATION, AIKG.dataHorizon, _date(day)
    direct: set[tuple[str, str, str]] = set()
    for r in data.relations:
        if not _ABSOLUTE_IRI.fullmatch(r["primary"]):
            # A relation written as a blank node: its label from the reader is not an IRI, and a
            # triple about it would name a node that does not exist. Nothing is derived for it.
            continue
        primary = URIRef(r["primary"])
        all_evidence = sorted({ev for m in r["members"] for ev in evidence.get(m, {})})
        for m in r["members"]:
            if not _ABSOLUTE_IRI.fullmatch(m):
                continue
            node = URIRef(m)
            yield node, AIKG.primaryStatement, primary
            if r.get("start"):
                yield node, AIKG.effectiveStart, _date(r["start"])
            yield node, AIKG.startBasis, Literal(r["start_basis"])
            if r.get("valid_until"):
                yield node, AIKG.effectiveEnd, _date(r["valid_until"])
                yield node, AIKG.endBasis, Literal(r["end_reason"])
            if r.get("ended_by_relation") and _ABSOLUTE_IRI.fullmatch(r["ended_by_relation"]):
                yield node, AIKG.endedByRelation, URIRef(r["ended_by_relation"])
            yield node, AIKG.statusClass, Literal(r["status_class"])
            yield node, AIKG.countedByDefault, Literal(r["counted_by_default"])
            for total in r["value_in"]:
                if _ABSOLUTE_IRI.fullmatch(total):
                    yield node, AIKG.valueCountsIn, URIRef(total)
            if r.get("value") is not None and r.get("value_counts_from"):
                yield node, AIKG.valueCountsFrom, _date(r["value_counts_from"])
            if r.get("counted_value") is not None and m == r["primary"]:
                yield node, AIKG.addableValue, Literal(Decimal(repr(float(r["counted_value"]))), datatype=XSD.decimal)
            if len(r["members"]) > 1:
                for ev in all_evidence:
                    # a blank-node evidence is shared by reference only within its own file
                    if ev not in evidence.get(m, {}) and _ABSOLUTE_IRI.fullmatch(ev):
                        yield node, PROV.wasDerivedFrom, URIRef(ev)
        for i, p in enumerate(r["periods"]):
            if not (_ABSOLUTE_IRI.fullmatch(p["actor"]) and _ABSOLUTE_IRI.fullmatch(p["counterparty"])):
                continue  # SHACL reports the relation; nothing is derived from it
            node = period_iri(r["primary"], i)
            yield node, RDF.type, AIKG.InForcePeriod
            yield node, AIKG.periodOf, primary
            yield node, AIKG.periodActor, URIRef(p["actor"])
            yield node, AIKG.periodCounterparty, URIRef(p["counterparty"])
            yield node, AIKG.periodStart, _date(p["start"])
            if p["end"]:
                yield node, AIKG.periodEnd, _date(p["end"])
            for absorbed in p["via_successor_of"]:
                if _ABSOLUTE_IRI.fullmatch(absorbed):
                    yield node, AIKG.viaSuccessorOf, URIRef(absorbed)
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
        yield URIRef(u), URIRef(t), URIRef(v)
