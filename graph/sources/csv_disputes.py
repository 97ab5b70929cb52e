"""Read a disputes CSV into ``aikg:DisputedClaim`` nodes: where sources disagree about a fact,
the graph keeps each side with its source and resolves none.

Columns (``data/public/disputes.csv`` is the example; ``docs/public-layer.md`` the reference):

``id``           claim identifier (``D02-2``: item 2 of the contradictions, second claim)
``about``        fact ids (``F014``) or actor names, separated by ``;``
``property``     the disputed property of the relation (``announced``, ``value``, ``validUntil``,
                 ``roleNote``...); empty when the claim disputes the fact as a whole
``value``        what this source says; empty when it says there is no value (no end date)
``datatype``     ``date`` (ISO, precision kept), ``decimal`` or ``string`` (the default)
``unit``         the unit of a decimal value (USD, GW, percent...)
``source_url``   the source's URL, or several separated by spaces
``source_title`` the page title, where known (one URL only)
``claimed_by``   who makes the claim, as the reference names it (``Microsoft 10-Q``, ``WSJ``)
``label``        the claim in a short English sentence
``note``         where the claim is documented, caveats
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..core.dates import parse_date, xsd_datatype
from ..core.errors import AikgError, closest
from ..core.vocab import AIKG, SCHEMA
from ..core.vocab import local_name as _local
from ..query.actors import actor_iris, normalise
from .csv_facts import EV, NAMED_UNITS, RowError, read_table, url_source

CLAIM = Namespace("https://w3id.org/ai-infra-kg/id/claim/")

COLUMNS: tuple[str, ...] = (
    "id",
    "about",
    "property",
    "value",
    "datatype",
    "unit",
    "source_url",
    "source_title",
    "claimed_by",
    "label",
    "note",
)
REQUIRED: tuple[str, ...] = ("id", "about", "source_url", "claimed_by", "label")

#: Properties a claim may dispute: those of a relation node.
PROPERTIES: dict[str, URIRef] = {
    _local(p): p
    for p in (
        AIKG.announced,
        AIKG.validFrom,
        AIKG.validUntil,
        AIKG.value,
        AIKG.unit,
        AIKG.duration,
        AIKG.durationNote,
        AIKG.status,
        AIKG.confidence,
        AIKG.roleNote,
        AIKG.actor,
        AIKG.counterparty,
        AIKG.relationType,
    )
}
DATATYPES = ("date", "decimal", "string")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def _hint(word: str, choices: Iterable[str]) -> str:
    near = closest(word, choices)
    return f"; closest known: {', '.join(near)}" if near else ""


def _targets(graph: Graph) -> tuple[dict[str, list[URIRef]], dict[str, URIRef]]:
    facts: dict[str, list[URIRef]] = {}
    for r, fid in graph.subject_objects(AIKG.factId):
        if (r, RDF.type, AIKG.Relation) in graph:
            facts.setdefault(str(fid), []).append(r)
    names: dict[str, URIRef] = {}
    for iri in sorted(actor_iris(graph), key=str):
        names.setdefault(normalise(_local(iri)), iri)
        for label in graph.objects(iri, RDFS.label):
            names.setdefault(normalise(label), iri)
    return facts, names


def import_disputes(data: bytes, name: str, graph: Graph) -> tuple[Graph, list[str], list[RowError]]:
    """Turn a disputes CSV into RDF; ``graph`` resolves fact ids and actor names.

    Returns the claims' triples, the claim ids in file order, and the errors (row, column, reason).
    """
    header, records, errors = read_table(data, name, COLUMNS, REQUIRED)
    out = Graph()
    ids: list[str] = []
    if errors:
        return out, ids, errors
    facts, names = _targets(graph)
    seen: dict[str, int] = {}
    for number, raw in records:
        c = {h: v.strip() for h, v in zip(header, raw)}
        errs: list[RowError] = []

        def err(column: str, reason: str, number: int = number, errs: list[RowError] = errs) -> None:
            errs.append(RowError(name, number, column, reason))

        for col in REQUIRED:
            if not c.get(col):
                err(col, f"{col} is empty")
        claim_id = c.get("id", "")
        if claim_id and not _ID.match(claim_id):
            err("id", f"id {claim_id!r} may hold only letters, digits, '-' and '_'")
        if claim_id in seen:
            err("id", f"duplicate id {claim_id} (first used in row {seen[claim_id]})")
        seen.setdefault(claim_id, number)
        about: list[URIRef] = []
        for item in (a.strip() for a in c.get("about", "").split(";")):
            if not item:
                continue
            if item in facts:
                if len(facts[item]) > 1:
                    err("about", f"fact id {item} names several relations: " + ", ".join(map(str, facts[item])))
                about.extend(facts[item])
            elif normalise(item) in names:
                about.append(names[normalise(item)])
            else:
                err("about", f"{item!r} is no fact id or actor of the graph" + _hint(item, [*facts, *names]))
        prop = None
        if c.get("property"):
            prop = PROPERTIES.get(c["property"].removeprefix("aikg:"))
            if prop is None:
                err("property", f"unknown property {c['property']!r}" + _hint(c["property"], PROPERTIES))
        datatype = c.get("datatype") or "string"
        value = None
        if datatype not in DATATYPES:
            err("datatype", f"datatype must be one of {', '.join(DATATYPES)}")
        elif c.get("value"):
            if datatype == "date":
                try:
                    text, precision = parse_date(c["value"], "value")
                    value = Literal(text, datatype=XSD[xsd_datatype(precision)])
                except AikgError as exc:
                    err("value", str(exc))
            elif datatype == "decimal":
                if not re.match(r"^\d+(\.\d+)?$", c["value"]):
                    err("value", f"value {c['value']!r} is not a plain number")
                else:
                    value = Literal(str(Decimal(c["value"])), datatype=XSD.decimal)
                    if not c.get("unit"):
                        err("unit", "a decimal value needs a unit")
            else:
                value = Literal(c["value"])
        unit = c.get("unit", "")
        if unit and unit not in NAMED_UNITS and not re.match(r"^[A-Z]{3}$", unit):
            err("unit", f"unknown unit {unit!r}")
        urls = c.get("source_url", "").split()
        for url in urls:
            if not re.match(r"^https?://\S+$", url):
                err("source_url", f"{url!r} is not an http(s) URL")
        if c.get("source_title") and len(urls) > 1:
            err("source_title", "a title can be given only with a single URL")
        if errs:
            errors.extend(errs)
            continue

        claim = CLAIM[claim_id]
        ids.append(claim_id)
        out.add((claim, RDF.type, AIKG.DisputedClaim))
        out.add((claim, AIKG.factId, Literal(claim_id)))
        out.add((claim, RDFS.label, Literal(c["label"], lang="en")))
        for target in about:
            out.add((claim, AIKG.about, target))
        if prop is not None:
            out.add((claim, AIKG.disputedProperty, prop))
        if value is not None:
            out.add((claim, AIKG.claimedValue, value))
        if unit:
            out.add((claim, AIKG.unit, Literal(unit)))
        out.add((claim, AIKG.claimedBy, Literal(c["claimed_by"])))
        if c.get("note"):
            out.add((claim, AIKG.note, Literal(c["note"])))
        for n, url in enumerate(urls, start=1):
            ev = EV[f"{claim_id}-{n}"]
            source = url_source(url)
            out.add((claim, PROV.wasDerivedFrom, ev))
            out.add((ev, RDF.type, AIKG.Evidence))
            out.add((ev, AIKG.inSource, source))
            out.add((source, RDF.type, AIKG.Source))
            out.add((source, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
            if c.get("source_title"):
                out.add((source, DCTERMS.title, Literal(c["source_title"])))
    return out, ids, sorted(errors)


def disputes_turtle(claims: Graph, ids: Sequence[str], name: str, header: Sequence[str] = ()) -> str:
    """The claims as Turtle, each followed by its evidence, then the sources."""
    from ..core.turtle import to_turtle
    from .csv_facts import RELATION_ORDER

    blocks: list[URIRef] = []
    for claim_id in ids:
        claim = CLAIM[claim_id]
        blocks.append(claim)
        blocks.extend(sorted(claims.objects(claim, PROV.wasDerivedFrom), key=str))
    sources = sorted(claims.subjects(RDF.type, AIKG.Source), key=str)
    order = (
        AIKG.factId,
        RDFS.label,
        AIKG.about,
        AIKG.disputedProperty,
        AIKG.claimedValue,
        AIKG.unit,
        AIKG.claimedBy,
        AIKG.note,
        *RELATION_ORDER,
    )
    lines = [
        f"Generated from {name} by scripts/regenerate-public-layer: do not edit by hand; edit the CSV",
        "and regenerate (docs/public-layer.md).",
        *header,
    ]
    return to_turtle(claims, [("Claims, each with its evidence", blocks), ("Sources", sources)], lines, order)
