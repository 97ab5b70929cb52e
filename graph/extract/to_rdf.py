"""Candidates as RDF: relation nodes with status ``extracted``, their evidence, the source.

Each relation gets ``prov:wasDerivedFrom`` the clauses that state it (aikg:Evidence with quote and
offsets), ``aikg:valueEvidence`` one evidence node per value (amount, each party's name as
written) and ``aikg:dateEvidence`` one per date or duration (with the rule that resolved it in
``aikg:dateRule``); each of these names the property it supports with ``aikg:evidenceFor``.
Organisations new to the graph become ``aikg:Actor`` nodes under
``https://w3id.org/ai-infra-kg/id/candidate-actor/``, labelled and noted as new. IRIs are hashes of the
source and the fact, so the same input gives the same Turtle.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..core.dates import xsd_datatype
from ..core.vocab import AIKG, RELATION, SCHEMA, SOURCE
from ..store.memory import new_graph
from .model import Candidate, Extraction, Party, Span, When, format_decimal
from .ner import SPACY_MODEL

EVIDENCE = Namespace("https://w3id.org/ai-infra-kg/id/evidence/")
CANDIDATE_ACTOR = Namespace("https://w3id.org/ai-infra-kg/id/candidate-actor/")

_ROLE_PROPERTY = {
    "announced": AIKG.announced,
    "validFrom": AIKG.validFrom,
    "validUntil": AIKG.validUntil,
    "fullCapacityBy": AIKG.fullCapacityBy,
    "expansionFrom": AIKG.expansionFrom,
}


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def source_iri(ex: Extraction) -> URIRef:
    """``source:url-<sha1(url)>`` as every layer names a URL's source, else ``source:text-<sha1(text)>``."""
    if ex.url:
        return SOURCE["url-" + hashlib.sha1(ex.url.encode("utf-8")).hexdigest()[:12]]
    return SOURCE["text-" + hashlib.sha1(ex.text.encode("utf-8")).hexdigest()[:12]]


def slug(label: str) -> str:
    text = unicodedata.normalize("NFKD", label)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def actor_iri(party: Party) -> URIRef:
    if party.actor.iri:
        return URIRef(party.actor.iri)
    return CANDIDATE_ACTOR[slug(party.actor.label)]


def relation_iri(ex: Extraction, c: Candidate) -> URIRef:
    return RELATION["extracted-" + _h(str(source_iri(ex)), c.actor.actor.key, c.rtype, c.counterparty.actor.key)]


def date_literal(w: When) -> Literal:
    """A date in the shapes' datatypes: a day or a week (its Monday) as xsd:date, else gYearMonth/gYear."""
    precision = {"week": "day", "bound": "year"}.get(w.precision, w.precision)
    return Literal(w.value, datatype=XSD[xsd_datatype(precision)])


def _evidence(g: Graph, src: URIRef, span: Span, iri: URIRef, lang: str) -> URIRef:
    g.add((iri, RDF.type, AIKG.Evidence))
    g.add((iri, AIKG.inSource, src))
    g.add((iri, AIKG.quote, Literal(span.quote, lang=lang)))
    g.add((iri, AIKG.startOffset, Literal(span.start)))
    g.add((iri, AIKG.endOffset, Literal(span.end)))
    return iri


def to_graph(ex: Extraction) -> Graph:
    """The extraction as an RDF graph that validates against the aikg shapes."""
    g = new_graph()
    g.bind("candidate", CANDIDATE_ACTOR)
    src = source_iri(ex)
    srckey = src.split("/")[-1]
    g.add((src, RDF.type, AIKG.Source))
    g.add((src, DCTERMS.title, Literal(ex.title, lang=ex.lang)))
    g.add((src, DCTERMS.language, Literal(ex.lang)))
    g.add((src, DCTERMS.issued, Literal(ex.published, datatype=XSD.date)))
    if ex.url:
        g.add((src, SCHEMA.url, Literal(ex.url, datatype=XSD.anyURI)))
    where = f" ({ex.source_name})" if ex.source_name else ""
    g.add(
        (
            src,
            AIKG.note,
            Literal(
                f"Text given to aikg extract{where}, {len(ex.text)} characters; evidence offsets count Unicode "
                "code points of the file decoded as UTF-8. Language: " + ex.lang_rule + "."
            ),
        )
    )
    for c in ex.candidates:
        rel = relation_iri(ex, c)
        rkey = rel.split("/")[-1]
        g.add((rel, RDF.type, AIKG.Relation))
        g.add((rel, AIKG.actor, actor_iri(c.actor)))
        g.add((rel, AIKG.relationType, AIKG[c.rtype]))
        g.add((rel, AIKG.counterparty, actor_iri(c.counterparty)))
        g.add((rel, AIKG.status, Literal("extracted")))
        g.add((rel, AIKG.statedStatus, Literal(c.stated_status)))
        g.add((rel, AIKG.confidence, Literal(c.confidence)))
        for span in c.evidence:
            ev = _evidence(g, src, span, EVIDENCE[f"{srckey}-{span.start}-{span.end}"], ex.lang)
            g.add((rel, PROV.wasDerivedFrom, ev))
        for role, party in (("actor", c.actor), ("counterparty", c.counterparty)):
            ev = _evidence(g, src, party.mention, EVIDENCE[f"{rkey}-{role}"], ex.lang)
            g.add((ev, AIKG.evidenceFor, AIKG[role]))
            if party.via:
                g.add((ev, AIKG.note, Literal(party.via)))
            g.add((rel, AIKG.valueEvidence, ev))
            if party.actor.new:
                _candidate_actor(g, party, ev, ex.lang)
        rules: list[str] = []
        if c.value is not None:
            a = c.value
            g.add((rel, AIKG.value, Literal(format_decimal(a.value), datatype=XSD.decimal)))
            g.add((rel, AIKG.unit, Literal(a.unit)))
            if a.lower_bound:
                g.add((rel, AIKG.valueIsLowerBound, Literal(True)))
            ev = _evidence(g, src, a.span, EVIDENCE[f"{rkey}-value"], ex.lang)
            g.add((ev, AIKG.evidenceFor, AIKG.value))
            reading = a.rule
            if a.scale:
                reading += f"; scale ambiguous: read {a.scale.reading}, not {a.scale.alternative}: {a.scale.why}"
            if a.qualifier:
                reading += f"; the text gives it as «{a.qualifier}»"
            g.add((ev, AIKG.note, Literal(reading)))
            g.add((rel, AIKG.valueEvidence, ev))
        if c.duration is not None:
            w = c.duration
            if w.value:
                g.add((rel, AIKG.duration, Literal(w.value, datatype=XSD.duration)))
            else:
                g.add((rel, AIKG.durationNote, Literal(w.span.quote, lang=ex.lang)))
            ev = _evidence(g, src, w.span, EVIDENCE[f"{rkey}-duration"], ex.lang)
            g.add((ev, AIKG.evidenceFor, AIKG.duration if w.value else AIKG.durationNote))
            g.add((ev, AIKG.dateRule, Literal(f"{w.rule}: {w.explanation}")))
            g.add((rel, AIKG.dateEvidence, ev))
            rules.append(f"duration: {w.explanation} [{w.rule}]")
        for role in sorted(c.dates):
            w = c.dates[role]
            prop = _ROLE_PROPERTY[role]
            g.add((rel, prop, date_literal(w)))
            ev = _evidence(g, src, w.span, EVIDENCE[f"{rkey}-{role}"], ex.lang)
            g.add((ev, AIKG.evidenceFor, prop))
            g.add((ev, AIKG.dateRule, Literal(f"{w.rule} (precision {w.precision}): {w.explanation}")))
            g.add((rel, AIKG.dateEvidence, ev))
            rules.append(f"{role}: {w.explanation} [{w.rule}, precision {w.precision}]")
        for i, b in enumerate(c.bounds):
            ev = _evidence(g, src, b.span, EVIDENCE[f"{rkey}-bound-{i}"], ex.lang)
            g.add((ev, AIKG.dateRule, Literal(f"{b.rule} (precision {b.precision}): {b.explanation}")))
            g.add((rel, AIKG.dateEvidence, ev))
            rules.append(f"bound: {b.explanation} [{b.rule}]")
        if rules:
            g.add((rel, AIKG.dateRule, Literal(f"published {ex.published}; " + "; ".join(rules))))
        notes = [
            f"proposed by aikg extract (patterns: {', '.join(c.patterns)}); direction: {c.direction}",
            f"confidence {c.confidence}: {c.confidence_rule}",
            *c.notes,
        ]
        if c.compare:
            notes.append("compare: " + compare_line(c.compare))
        g.add((rel, AIKG.note, Literal(" | ".join(notes))))
    return g


def _candidate_actor(g: Graph, party: Party, ev: URIRef, lang: str) -> None:
    node = actor_iri(party)
    g.add((node, RDF.type, AIKG.Actor))
    g.add((node, RDFS.label, Literal(party.actor.label, lang=lang)))
    how = {"spacy": f"spaCy's French model ({SPACY_MODEL})", "capitalised-name": "the capitalised-name recogniser"}
    g.add(
        (
            node,
            AIKG.note,
            Literal(f"new: not in the graph, found by {how.get(party.actor.found_by, party.actor.found_by)}"),
        )
    )
    g.add((node, PROV.wasDerivedFrom, ev))


def compare_line(result: dict) -> str:
    """One line for a compare result: "known (A01: ...)", "conflict: value ...", "new"."""
    status = result["status"]
    if status == "new":
        return "new: no such tie in the graph"
    parts = []
    for f in result["facts"]:
        names = [src.get("title") or src.get("url") or src["iri"] for src in f["sources"]]
        where = "; ".join(names[:2]) + (f"; and {len(names) - 2} more" if len(names) > 2 else "")
        bits = [f"{f['fact']} (source: {where or 'none given'})"]
        if f.get("conflicts"):
            bits.append(
                "differs: " + ", ".join(f"{x['field']} text {x['text']} vs graph {x['graph']}" for x in f["conflicts"])
            )
        if f.get("adds"):
            bits.append("text adds " + ", ".join(f["adds"]))
        parts.append("; ".join(bits))
    return f"{status}: " + " / ".join(parts)


def serialize(ex: Extraction) -> str:
    """Turtle with a header saying what the file is."""
    body = to_graph(ex).serialize(format="turtle")
    header = (
        '# Candidate facts proposed by `aikg extract` (status "extracted"): review each one before\n'
        f"# it enters data/. Source text: {ex.source_name or 'standard input'}; published {ex.published}.\n"
    )
    return header + body


__all__ = ["compare_line", "serialize", "to_graph"]
