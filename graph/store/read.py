"""Stage 4a: read the network (actors, relations, evidence, revision links, change events) from a
store, for :mod:`graph.network.snapshot`.

Two readers feed one collector, so they cannot drift apart:

- **scan**, for stores that live in this process (rdflib's in-memory store, an embedded Oxigraph
  store): triples are read predicate by predicate, straight from the store's indexes. At a
  million triples this takes seconds where the SPARQL reader took over half a minute (a dozen
  OPTIONAL joins, then a conversion of every term into rdflib objects).
- **query**, for everything else (SPARQL endpoints): one SELECT, :data:`NETWORK_QUERY`.

Both follow the same patterns (the query is the specification: an actor is typed with
``aikg:Actor`` or a subclass, a relation has an actor, a type, a counterparty and a status,
evidence counts when it names its source, labels are matched with ``LANGMATCHES``), and
``tests/test_stores.py`` checks that every store gives the same network. Where a property has
several values, the smallest (as text, or as a number for values) is kept, so the result never
depends on the order in which a store returns rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..core.vocab import AIKG as AIKG_NS
from ..core.vocab import SCHEMA, WD, local_name
from ..rules.apply import LINK_KINDS, Raw

NETWORK_QUERY = """
SELECT ?kind ?node ?label ?labelFr ?class ?classLabel ?wikidata ?alias
       ?actor ?type ?typeLabel ?counterparty ?announced ?validFrom ?validUntil ?value ?unit
       ?duration ?status ?confidence ?factId ?roleNote ?startedBy ?endedBy ?dealStage ?valueBasis
       ?evidence ?quote ?source ?sourceTitle ?sourceUrl ?sourceIssued ?dataset ?same
WHERE {
  {
    BIND("actor" AS ?kind)
    ?class rdfs:subClassOf* aikg:Actor .
    ?node a ?class .
    OPTIONAL { ?node rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
    OPTIONAL { ?node rdfs:label ?labelFr FILTER(LANGMATCHES(LANG(?labelFr), "fr")) }
    OPTIONAL { ?class rdfs:label ?classLabel FILTER(LANGMATCHES(LANG(?classLabel), "en")) }
    OPTIONAL { ?node owl:sameAs ?wikidata
               FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
    OPTIONAL { ?node skos:altLabel ?alias }
  } UNION {
    BIND("relation" AS ?kind)
    ?node a aikg:Relation ; aikg:actor ?actor ; aikg:relationType ?type ;
          aikg:counterparty ?counterparty ; aikg:status ?status .
    OPTIONAL { ?type rdfs:label ?typeLabel FILTER(LANGMATCHES(LANG(?typeLabel), "en")) }
    OPTIONAL { ?node aikg:announced ?announced }
    OPTIONAL { ?node aikg:validFrom ?validFrom }
    OPTIONAL { ?node aikg:validUntil ?validUntil }
    OPTIONAL { ?node aikg:value ?value }
    OPTIONAL { ?node aikg:unit ?unit }
    OPTIONAL { ?node aikg:duration ?duration }
    OPTIONAL { ?node aikg:confidence ?confidence }
    OPTIONAL { ?node aikg:factId ?factId }
    OPTIONAL { ?node aikg:roleNote ?roleNote }
    OPTIONAL { ?node aikg:startedBy ?startedBy }
    OPTIONAL { ?node aikg:endedBy ?endedBy }
    OPTIONAL { ?node aikg:dealStage ?dealStage }
    OPTIONAL { ?node aikg:valueBasis ?valueBasis }
  } UNION {
    BIND("evidence" AS ?kind)
    ?node a aikg:Relation ; prov:wasDerivedFrom ?evidence .
    ?evidence aikg:inSource ?source .
    OPTIONAL { ?evidence aikg:quote ?quote }
    OPTIONAL { ?source dcterms:title ?sourceTitle }
    OPTIONAL { ?source schema:url ?sourceUrl }
    OPTIONAL { ?source dcterms:issued ?sourceIssued }
    OPTIONAL { ?source a schema:Dataset . BIND(true AS ?dataset) }
  } UNION {
    BIND("same" AS ?kind)
    ?node a aikg:Relation ; aikg:sameRelationAs ?same .
  } UNION {
    # Revision links, anchored on their predicate alone (a type pattern here would make rdflib
    # start from every relation node); links from nodes that are not relations are dropped in
    # Python.
    BIND("ends" AS ?kind)
    ?node aikg:ends ?same .
  } UNION {
    BIND("supersedes" AS ?kind)
    ?node aikg:supersedes ?same .
  } UNION {
    BIND("extends" AS ?kind)
    ?node aikg:extends ?same .
  } UNION {
    BIND("completes" AS ?kind)
    ?node aikg:completes ?same .
  } UNION {
    BIND("includes" AS ?kind)
    ?node aikg:valueIncludes ?same .
  } UNION {
    BIND("event" AS ?kind)
    ?node a org:ChangeEvent ; prov:startedAtTime ?announced .
    OPTIONAL { ?node rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
    OPTIONAL { ?node org:originalOrganization ?actor }
    OPTIONAL { ?node org:resultingOrganization ?counterparty }
  }
}
"""

# Plain strings: scans compare them with the store's terms millions of times.
AIKG = str(AIKG_NS)
RDF_TYPE = str(RDF.type)
RDFS_LABEL = str(RDFS.label)
RDFS_SUBCLASS = str(RDFS.subClassOf)
OWL_SAMEAS = str(OWL.sameAs)
SKOS_ALT = str(SKOS.altLabel)
PROV_DERIVED = str(PROV.wasDerivedFrom)
PROV_STARTED = str(PROV.startedAtTime)
DCT = str(DCTERMS)
SCHEMA_URL = str(SCHEMA.url)
SCHEMA_DATASET = str(SCHEMA.Dataset)
WIKIDATA = str(WD)

#: Relation fields: record key -> (query variable, predicate IRI).
RELATION_FIELDS: dict[str, tuple[str, str]] = {
    "actor": ("actor", AIKG + "actor"),
    "counterparty": ("counterparty", AIKG + "counterparty"),
    "type_iri": ("type", AIKG + "relationType"),
    "announced": ("announced", AIKG + "announced"),
    "valid_from": ("validFrom", AIKG + "validFrom"),
    "valid_until": ("validUntil", AIKG + "validUntil"),
    "unit": ("unit", AIKG + "unit"),
    "duration": ("duration", AIKG + "duration"),
    "status": ("status", AIKG + "status"),
    "confidence": ("confidence", AIKG + "confidence"),
    "fact_id": ("factId", AIKG + "factId"),
    "role_note": ("roleNote", AIKG + "roleNote"),
    "started_by": ("startedBy", AIKG + "startedBy"),
    "ended_by": ("endedBy", AIKG + "endedBy"),
    "deal_stage": ("dealStage", AIKG + "dealStage"),
    "value_basis": ("valueBasis", AIKG + "valueBasis"),
}
#: A relation node without one of these is not a relation (the query's required patterns).
REQUIRED = ("actor", "type_iri", "counterparty", "status")


def _lang_matches(lang: str | None, wanted: str) -> bool:
    """SPARQL's ``LANGMATCHES(LANG(?x), wanted)`` for a basic language range."""
    lang = (lang or "").lower()
    return bool(lang) and (lang == wanted or lang.startswith(wanted + "-"))


def _keep(record: dict[str, Any], key: str, value: Any) -> None:
    """Set ``record[key]`` to the smallest value seen (None never wins)."""
    if value is None:
        return
    old = record.get(key)
    if old is None or value < old:
        record[key] = value


class Collected(Raw):
    """What the readers find, before the rules of :mod:`graph.rules` are applied."""

    def actor(self, node: str) -> dict[str, Any]:
        return self.actors.setdefault(
            node, {"iri": node, "label": None, "label_fr": None, "wikidata": None, "aliases": set(), "classes": {}}
        )

    @staticmethod
    def new_relation(node: str) -> dict[str, Any]:
        return {"iri": node, **dict.fromkeys(RELATION_FIELDS), "type_label": None, "value": None}

    def add_class(self, node: str, cls: str, cls_label: str | None) -> None:
        a = self.actor(node)
        name = local_name(cls)
        old = a["classes"].get(name)
        a["classes"][name] = min(x for x in (old, cls_label or name) if x is not None)

    def add_same(self, node: str, other: str) -> None:
        self.same.setdefault(node, set()).add(other)
        self.same.setdefault(other, set()).add(node)

    def event(self, node: str) -> dict[str, Any]:
        return self.events.setdefault(
            node, {"iri": node, "label": None, "date": None, "original": set(), "resulting": set()}
        )

    def add_evidence(self, node: str, ev: str, **fields: str | None) -> None:
        record = self.evidence.setdefault(node, {}).setdefault(ev, {})
        for key, value in fields.items():
            record.setdefault(key, None)
            _keep(record, key, value)


# --------------------------------------------------------------------------- query reader
#: The variables :data:`NETWORK_QUERY` selects, in its order.
_NETWORK_VARS = NETWORK_QUERY.split("WHERE", 1)[0].replace("SELECT", "").replace("?", " ").split()


def _number(term: object) -> float | None:
    if term is None:
        return None
    try:
        number = float(term.toPython())  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    # NaN and the infinities are no amount (the shapes refuse them): read as no value.
    return number if math.isfinite(number) else None


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def collect_by_query(graph: Any) -> Collected:
    """Read the network with :data:`NETWORK_QUERY` (any store, endpoints included)."""
    from ..query import run_query

    result = run_query(graph, NETWORK_QUERY)
    index = {v: i for i, v in enumerate(result.vars)}
    # An endpoint may answer with other variables than asked (a proxy, a broken server): say so.
    missing = [v for v in _NETWORK_VARS if v not in index]
    if result.kind != "select" or missing:
        from ..core.errors import AikgError

        raise AikgError(
            "the store answered the network query without the variables " + ", ".join(missing or _NETWORK_VARS)
        )
    c = Collected()
    for row in result.rows:

        def get(name: str, row: tuple = row) -> Any:
            return row[index[name]]

        kind = str(get("kind"))
        node = str(get("node"))
        if kind == "actor":
            a = c.actor(node)
            _keep(a, "label", _text(get("label")))
            _keep(a, "label_fr", _text(get("labelFr")))
            if get("class") is not None:
                c.add_class(node, str(get("class")), _text(get("classLabel")))
            wd = get("wikidata")
            if wd is not None:
                _keep(a, "wikidata", local_name(wd))
            if get("alias") is not None:
                a["aliases"].add(str(get("alias")))
        elif kind == "relation":
            r = c.relations.setdefault(node, c.new_relation(node))
            for key, (var, _) in RELATION_FIELDS.items():
                _keep(r, key, _text(get(var)))
            _keep(r, "type_label", _text(get("typeLabel")))
            _keep(r, "value", _number(get("value")))
        elif kind == "evidence":
            c.add_evidence(
                node,
                str(get("evidence")),
                quote=_text(get("quote")),
                source=_text(get("source")),
                title=_text(get("sourceTitle")),
                url=_text(get("sourceUrl")),
                issued=_text(get("sourceIssued")),
                dataset="1" if get("dataset") is not None else None,
            )
        elif kind == "same":
            c.add_same(node, str(get("same")))
        elif kind == "includes":
            c.includes.add((node, str(get("same"))))
        elif kind in LINK_KINDS:
            c.links.add((kind, node, str(get("same"))))
        elif kind == "event":
            e = c.event(node)
            _keep(e, "label", _text(get("label")))
            _keep(e, "date", _text(get("announced")))
            for key, var in (("original", "actor"), ("resulting", "counterparty")):
                if get(var) is not None:
                    e[key].add(str(get(var)))
    return c


# --------------------------------------------------------------------------- scan reader
#: A scan yields ``(subject, object text, object language, object term)`` for one predicate.
Scan = Callable[[str], Iterator[tuple[str, str, "str | None", Any]]]


def _memory_scan(graph: Any) -> tuple[Scan, Callable[[Any], float | None]]:
    from rdflib import URIRef

    def scan(predicate: str) -> Iterator[tuple[str, str, str | None, Any]]:
        for s, o in graph.subject_objects(URIRef(predicate)):
            yield str(s), str(o), getattr(o, "language", None), o

    return scan, _number


def _oxigraph_scan(store: Any) -> tuple[Scan, Callable[[Any], float | None]]:
    import pyoxigraph as ox

    default = ox.DefaultGraph()

    def scan(predicate: str) -> Iterator[tuple[str, str, str | None, Any]]:
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, default):
            o = q.object
            yield q.subject.value, o.value, getattr(o, "language", None), o

    def number(term: Any) -> float | None:
        if not isinstance(term, ox.Literal):
            return None
        if term.datatype.value == str(XSD.boolean):
            return {"true": 1.0, "1": 1.0, "false": 0.0, "0": 0.0}.get(term.value)
        try:
            return float(term.value)
        except ValueError:
            return None

    return scan, number


def scanner(graph: Any) -> tuple[Scan, Callable[[Any], float | None]] | None:
    """A triple scan of ``graph``'s store when it lives in this process, else None."""
    from rdflib.plugins.stores.memory import Memory, SimpleMemory

    store = getattr(graph, "store", None)
    if isinstance(store, (Memory, SimpleMemory)) and type(graph).__name__ == "Graph":
        return _memory_scan(graph)
    try:
        from oxrdflib import OxigraphStore
    except ImportError:  # pragma: no cover - oxrdflib is a dependency
        return None
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    # aikg's embedded stores hold their triples in the default graph (store_oxigraph.open_store).
    if isinstance(store, OxigraphStore) and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        return _oxigraph_scan(store._inner)
    return None


def collect_by_scan(scan: Scan, number: Callable[[Any], float | None]) -> Collected:
    """Read the network by scanning triples predicate by predicate (see the module docstring)."""
    c = Collected()
    by_type: dict[str, set[str]] = {}
    for s, o, _, _ in scan(RDF_TYPE):
        by_type.setdefault(o, set()).add(s)
    labels: dict[str, dict[str, str]] = {"en": {}, "fr": {}}
    for s, o, lang, _ in scan(RDFS_LABEL):
        for wanted, found in labels.items():
            if _lang_matches(lang, wanted) and (s not in found or o < found[s]):
                found[s] = o

    # rdfs:subClassOf* aikg:Actor: the classes from which aikg:Actor is reachable.
    parents: dict[str, set[str]] = {}
    for s, o, _, _ in scan(RDFS_SUBCLASS):
        parents.setdefault(s, set()).add(o)
    actor_classes = {AIKG + "Actor"}
    changed = True
    while changed:
        changed = False
        for cls, ups in parents.items():
            if cls not in actor_classes and ups & actor_classes:
                actor_classes.add(cls)
                changed = True
    for cls in actor_classes:
        for node in by_type.get(cls, ()):
            c.add_class(node, cls, labels["en"].get(cls))
    for node in c.actors:
        c.actors[node]["label"] = labels["en"].get(node)
        c.actors[node]["label_fr"] = labels["fr"].get(node)
    for s, o, _, _ in scan(OWL_SAMEAS):
        if s in c.actors and o.startswith(WIKIDATA):
            _keep(c.actors[s], "wikidata", local_name(o))
    for s, o, _, _ in scan(SKOS_ALT):
        if s in c.actors:
            c.actors[s]["aliases"].add(o)

    typed = by_type.get(AIKG + "Relation", set())
    fields: dict[str, dict[str, Any]] = {}
    for key, (_, predicate) in RELATION_FIELDS.items():
        for s, o, _, _ in scan(predicate):
            if s in typed:
                _keep(fields.setdefault(s, {}), key, o)
    values: dict[str, float] = {}
    for s, _, _, term in scan(AIKG + "value"):
        if s in typed:
            v = number(term)
            # NaN and the infinities are no amount (the shapes refuse them): read as no value,
            # so that a graph read with --no-validate cannot break a weighted centrality.
            if v is not None and math.isfinite(v) and (s not in values or v < values[s]):
                values[s] = v
    for node, f in fields.items():
        if all(f.get(k) is not None for k in REQUIRED):
            r = c.new_relation(node)
            r.update(f)
            r["type_label"] = labels["en"].get(r["type_iri"])
            r["value"] = values.get(node)
            c.relations[node] = r

    in_source: dict[str, set[str]] = {}
    for s, o, _, _ in scan(AIKG + "inSource"):
        in_source.setdefault(s, set()).add(o)
    derived = [(s, o) for s, o, _, _ in scan(PROV_DERIVED) if s in typed and o in in_source]
    wanted_ev = {ev for _, ev in derived}
    wanted_src = {src for ev in wanted_ev for src in in_source[ev]}

    def values_of(predicate: str, subjects: set[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for s, o, _, _ in scan(predicate):
            if s in subjects:
                out.setdefault(s, set()).add(o)
        return out

    quotes = values_of(AIKG + "quote", wanted_ev)
    titles = values_of(DCT + "title", wanted_src)
    urls = values_of(SCHEMA_URL, wanted_src)
    issued = values_of(DCT + "issued", wanted_src)
    datasets = by_type.get(SCHEMA_DATASET, set())
    for node, ev in derived:
        # Each combination is a row of the query; the collector keeps the smallest values.
        for src in in_source[ev]:
            for q in quotes.get(ev) or [None]:
                c.add_evidence(
                    node,
                    ev,
                    quote=q,
                    source=src,
                    title=min(titles.get(src) or [None], key=lambda x: x or ""),
                    url=min(urls.get(src) or [None], key=lambda x: x or ""),
                    issued=min(issued.get(src) or [None], key=lambda x: x or ""),
                    dataset="1" if src in datasets else None,
                )

    for s, o, _, _ in scan(AIKG + "sameRelationAs"):
        if s in typed:
            c.add_same(s, o)
    for kind in LINK_KINDS:
        for s, o, _, _ in scan(AIKG + kind):
            c.links.add((kind, s, o))
    for s, o, _, _ in scan(AIKG + "valueIncludes"):
        c.includes.add((s, o))

    change_events = by_type.get(str(ORG.ChangeEvent), set())
    dates: dict[str, str] = {}
    for s, o, _, _ in scan(PROV_STARTED):
        if s in change_events and (s not in dates or o < dates[s]):
            dates[s] = o
    for node, date in dates.items():
        e = c.event(node)
        e["date"] = date
        e["label"] = labels["en"].get(node)
    for key, predicate in (("original", str(ORG.originalOrganization)), ("resulting", str(ORG.resultingOrganization))):
        for s, o, _, _ in scan(predicate):
            if s in dates:
                c.events[s][key].add(o)
    return c


def collect(graph: Any) -> Collected:
    """Read the network from ``graph``: by scan when its store is in this process, else by query."""
    found = scanner(graph)
    return collect_by_scan(*found) if found else collect_by_query(graph)


# --------------------------------------------------------------------------- reading as files are parsed
def _scanned_predicates() -> tuple[str, ...]:
    """The predicates :func:`collect_by_scan` reads, asked of it (so the two cannot drift apart)."""
    asked: list[str] = []

    def record(predicate: str) -> Iterator[tuple[str, str, str | None, Any]]:
        asked.append(predicate)
        return iter(())

    collect_by_scan(record, lambda term: None)
    return tuple(dict.fromkeys(asked))


#: Predicates whose every value :func:`collect_by_scan` reduces to the smallest per subject: only
#: that one is kept (at ten million triples, every relation field held twice would not fit).
_SMALLEST = frozenset(p for _, p in RELATION_FIELDS.values()) | {PROV_STARTED}
#: The one predicate whose objects are read as terms (numbers), not as texts.
_VALUE = AIKG + "value"


class TripleCollector:
    """What :func:`collect_by_scan` reads, gathered from triples as a parser gives them: the
    files loaded into a new store are read once, as they are checked, instead of scanning the
    store after the load.

    Feed it with :meth:`feed`; :meth:`collect` then gives what :func:`collect_by_scan` gives on
    a store holding those triples. A blank node among the triples read makes it give up
    (:attr:`blank`): the parser names blank nodes afresh on every parse, so their names would not
    be the store's; the caller then scans the store (:attr:`complete`).
    """

    def __init__(self) -> None:
        from ..core.gcpause import paused_gc

        self._paused = paused_gc
        predicates = _scanned_predicates()
        self._smallest: dict[str, dict[str, str]] = {p: {} for p in predicates if p in _SMALLEST}
        self._all: dict[str, set[tuple[str, str, str | None]]] = {
            p: set() for p in predicates if p not in _SMALLEST and p != _VALUE
        }
        self._values: set[tuple[str, Any]] = set()
        self.blank = False

    def feed(self, triples: Any) -> None:
        """Read the triples of one parse (pyoxigraph ``Triple`` or ``Quad`` objects)."""
        import sys

        import pyoxigraph as ox

        blank_node, intern = ox.BlankNode, sys.intern
        smallest, every, values = self._smallest, self._all, self._values
        with self._paused():
            for t in triples:
                p = t.predicate.value
                if p in smallest:
                    s, o = t.subject, t.object
                    if type(s) is blank_node or type(o) is blank_node:
                        self.blank = True
                    text = o.value
                    known = smallest[p]
                    s = intern(s.value)
                    old = known.get(s)
                    if old is None or text < old:
                        known[s] = intern(text)
                elif p in every:
                    s, o = t.subject, t.object
                    if type(s) is blank_node or type(o) is blank_node:
                        self.blank = True
                    every[p].add((intern(s.value), intern(o.value), getattr(o, "language", None)))
                elif p == _VALUE:
                    s, o = t.subject, t.object
                    if type(s) is blank_node:
                        self.blank = True
                    values.add((intern(s.value), o))

    @property
    def complete(self) -> bool:
        """Whether :meth:`collect` gives what a scan of the loaded store would, and the store
        needs nothing removed before the derivation: no blank node, and no earlier derivation
        in the files (an export of a derived graph; its triples are replaced, after a scan)."""
        from ..rules.materialise import DERIVATION

        typed = self._all.get(RDF_TYPE, set())
        return not self.blank and (str(DERIVATION), AIKG + "Derivation", None) not in typed

    def collect(self) -> Collected:
        """:func:`collect_by_scan` on what was fed."""
        _, number = _oxigraph_scan(None)

        def scan(predicate: str) -> Iterator[tuple[str, str, str | None, Any]]:
            if predicate in self._smallest:
                for s, o in self._smallest[predicate].items():
                    yield s, o, None, None
            elif predicate == _VALUE:
                for s, term in self._values:
                    yield s, term.value, getattr(term, "language", None), term
            else:
                yield from ((s, o, lang, None) for s, o, lang in self._all.get(predicate, ()))

        from ..core.gcpause import paused_gc

        with paused_gc():
            return collect_by_scan(scan, number)
