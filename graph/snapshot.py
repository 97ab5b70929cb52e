"""Stage 4b: the network as it stood on a date, as a networkx ``MultiDiGraph``.

One SPARQL pass fetches every actor, relation node, evidence and source (:func:`fetch_network`);
building a snapshot for a date is then a pure function of that data (:func:`snapshot`), so a
shift or a timeline builds many snapshots from one query, on any store.

Rules (also in the README)
--------------------------
- **In force on day D**: the relation's start (``aikg:validFrom``, else ``aikg:announced``) is on
  or before D, and it has no ``aikg:validUntil`` or one after D. A relation with no start date
  at all is in force from the beginning of the data. So a relation ending on D is absent from
  the snapshot of D, and one starting on D is present. An announcement made on or after the
  relation's end announced the end, not the start: it does not count as the start (a stake sold
  in October and reported in November was held before October).
- **Unreviewed candidates** (status ``extracted``, from ``aikg extract``) are in no dated
  snapshot, as they yield no derived triple: change their status once reviewed.
- **Partial dates** (``2025-05``, ``2027``) stand for the first day of their period, for starts
  and ends alike: comparisons use the ISO text, where ``"2025-05" <= "2025-05-01"``.
- **Partnerships** (``partnersWith``, symmetric) are one edge, in the direction the data states
  them, with ``symmetric=True``; analyses that need ties read them both ways.
- **Same relation, several layers**: relation nodes linked by ``aikg:sameRelationAs`` become
  one edge carrying the sources and fact ids of all of them.
- **Edge keys** are ``"<relationType>:<fact id>"`` (``"buysComputeFrom:A01"``), so parallel
  relations of one type between two actors stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from .errors import AikgError
from .vocab import local_name

NETWORK_QUERY = """
SELECT ?kind ?node ?label ?labelFr ?class ?classLabel ?wikidata ?alias
       ?actor ?type ?typeLabel ?counterparty ?announced ?validFrom ?validUntil ?value ?unit
       ?duration ?status ?confidence ?factId ?roleNote ?startedBy ?endedBy
       ?evidence ?quote ?source ?sourceTitle ?sourceUrl ?sourceIssued ?same
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
  } UNION {
    BIND("evidence" AS ?kind)
    ?node a aikg:Relation ; prov:wasDerivedFrom ?evidence .
    ?evidence aikg:inSource ?source .
    OPTIONAL { ?evidence aikg:quote ?quote }
    OPTIONAL { ?source dcterms:title ?sourceTitle }
    OPTIONAL { ?source schema:url ?sourceUrl }
    OPTIONAL { ?source dcterms:issued ?sourceIssued }
  } UNION {
    BIND("same" AS ?kind)
    ?node a aikg:Relation ; aikg:sameRelationAs ?same .
  }
}
"""

#: Relation types an analysis treats as dependencies (the subject relies on the object), and
#: how to orient them: "forward" keeps the data's direction, "reverse" flips it so that the
#: edge always points from the dependent actor to the one it depends on.
DEPENDENCY_TYPES: dict[str, str] = {
    "buysComputeFrom": "forward",
    "procuresChipsFrom": "forward",
    "suppliesChipsTo": "reverse",
    "needsApprovalFrom": "forward",
    "hasRightOfFirstRefusal": "reverse",
}
#: Relation types that are ties (money, ownership, partnership) rather than dependencies.
TIE_TYPES: tuple[str, ...] = (
    "partnersWith",
    "investsIn",
    "ownsStakeIn",
    "subsidiaryOf",
    "memberOfJointVenture",
)


@dataclass
class NetworkData:
    """Everything a snapshot needs, fetched once: actors and relations as plain dicts."""

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def _number(term: object) -> float | None:
    if term is None:
        return None
    try:
        return float(term.toPython())  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None


def _precision(date: str | None) -> str | None:
    if date is None:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def fetch_network(graph: Graph) -> NetworkData:
    """Read actors, relation nodes, evidence and sources from ``graph`` in one SPARQL pass.

    Works on any rdflib graph, whatever its store (in memory, Oxigraph, a SPARQL endpoint).
    """
    from .query import run_query

    result = run_query(graph, NETWORK_QUERY)
    index = {v: i for i, v in enumerate(result.vars)}

    def get(row: tuple, name: str) -> Any:
        return row[index[name]]

    actors: dict[str, dict[str, Any]] = {}
    relations: dict[str, dict[str, Any]] = {}
    evidence: dict[str, dict[str, dict[str, Any]]] = {}
    same: dict[str, set[str]] = {}
    for row in result.rows:
        kind = str(get(row, "kind"))
        node = str(get(row, "node"))
        if kind == "actor":
            a = actors.setdefault(node, {"iri": node, "aliases": set(), "classes": {}})
            a["label"] = a.get("label") or _text(get(row, "label"))
            a["label_fr"] = a.get("label_fr") or _text(get(row, "labelFr"))
            cls = get(row, "class")
            if cls is not None:
                a["classes"][local_name(cls)] = _text(get(row, "classLabel")) or local_name(cls)
            wd = get(row, "wikidata")
            if wd is not None:
                a["wikidata"] = local_name(wd)
            if get(row, "alias") is not None:
                a["aliases"].add(str(get(row, "alias")))
        elif kind == "relation":
            r = relations.setdefault(node, {"iri": node})
            for key, var in (
                ("actor", "actor"),
                ("counterparty", "counterparty"),
                ("type_iri", "type"),
                ("type_label", "typeLabel"),
                ("announced", "announced"),
                ("valid_from", "validFrom"),
                ("valid_until", "validUntil"),
                ("unit", "unit"),
                ("duration", "duration"),
                ("status", "status"),
                ("confidence", "confidence"),
                ("fact_id", "factId"),
                ("role_note", "roleNote"),
                ("started_by", "startedBy"),
                ("ended_by", "endedBy"),
            ):
                r[key] = r.get(key) or _text(get(row, var))
            r["value"] = r.get("value") if r.get("value") is not None else _number(get(row, "value"))
        elif kind == "evidence":
            ev = evidence.setdefault(node, {}).setdefault(str(get(row, "evidence")), {})
            ev["quote"] = ev.get("quote") or _text(get(row, "quote"))
            ev["source"] = _text(get(row, "source"))
            ev["title"] = ev.get("title") or _text(get(row, "sourceTitle"))
            ev["url"] = ev.get("url") or _text(get(row, "sourceUrl"))
            ev["issued"] = ev.get("issued") or _text(get(row, "sourceIssued"))
        elif kind == "same":
            other = str(get(row, "same"))
            same.setdefault(node, set()).add(other)
            same.setdefault(other, set()).add(node)

    for a in actors.values():
        # An actor typed with several classes (a subclass and aikg:Actor itself) keeps the
        # most specific one: any class but aikg:Actor, first by name for determinism.
        specific = sorted(c for c in a["classes"] if c != "Actor") or ["Actor"]
        a["class"] = specific[0]
        a["class_label"] = a["classes"].get(specific[0], specific[0])
        a["label"] = a["label"] or a["label_fr"] or local_name(a["iri"])
        a["label_fr"] = a["label_fr"] or a["label"]
        a["aliases"] = sorted(a["aliases"])
        a.setdefault("wikidata", None)
        del a["classes"]

    merged = _merge_same(relations, evidence, same)
    return NetworkData(actors=dict(sorted(actors.items())), relations=merged)


def _merge_same(
    relations: dict[str, dict[str, Any]],
    evidence: dict[str, dict[str, dict[str, Any]]],
    same: dict[str, set[str]],
) -> list[dict[str, Any]]:
    """Fold relation nodes linked by aikg:sameRelationAs into one record each."""
    seen: set[str] = set()
    out = []
    for iri in sorted(relations):
        if iri in seen:
            continue
        group, stack = set(), [iri]
        while stack:
            cur = stack.pop()
            if cur in group or cur not in relations:
                continue
            group.add(cur)
            stack.extend(same.get(cur, ()))
        seen |= group
        members = [relations[m] for m in sorted(group)]
        record = dict(members[0])
        for m in members[1:]:
            for key, val in m.items():
                if record.get(key) is None and val is not None:
                    record[key] = val
        record["type"] = local_name(record["type_iri"])
        record["type_label"] = record.get("type_label") or record["type"]
        record["members"] = sorted(group)
        record["fact_ids"] = sorted({m["fact_id"] for m in members if m.get("fact_id")})
        record["fact_id"] = record["fact_ids"][0] if record["fact_ids"] else local_name(iri)
        sources: dict[str, dict[str, Any]] = {}
        for m in sorted(group):
            for ev_iri, ev in sorted(evidence.get(m, {}).items()):
                key = ev["source"] or ev_iri
                src = sources.setdefault(
                    key,
                    {
                        "source": ev["source"],
                        "title": ev["title"],
                        "url": ev["url"],
                        "issued": ev["issued"],
                        "quotes": [],
                    },
                )
                if ev["quote"] and ev["quote"] not in src["quotes"]:
                    src["quotes"].append(ev["quote"])
        record["sources"] = [sources[k] for k in sorted(sources)]
        record["start"] = _start(record)
        record["start_precision"] = _precision(record["start"])
        record["until_precision"] = _precision(record.get("valid_until"))
        record["symmetric"] = record["type"] == "partnersWith"
        unit = record.get("unit")
        record["currency"] = unit if unit and len(unit) == 3 and unit.isupper() else None
        if unit == "GW":
            record["capacity_gw"] = record.get("value")
        elif unit == "MW" and record.get("value") is not None:
            record["capacity_gw"] = record["value"] / 1000
        else:
            record["capacity_gw"] = None
        out.append(record)
    return out


def _start(record: dict[str, Any]) -> str | None:
    """``validFrom``, else ``announced`` unless the announcement came on or after the end."""
    if record.get("valid_from"):
        return record["valid_from"]
    announced, until = record.get("announced"), record.get("valid_until")
    if announced and until and announced >= until:
        return None
    return announced


def in_force(relation: dict[str, Any], day: str) -> bool:
    """Whether ``relation`` is in force on ``day`` (YYYY-MM-DD), by the module's date rule.

    Candidates proposed by ``aikg extract`` (status ``extracted``) are never in force: they wait
    for a person's review, as in the derived direct triples.
    """
    if relation.get("status") == "extracted":
        return False
    start = relation.get("start")
    until = relation.get("valid_until")
    return (start is None or start <= day) and (until is None or until > day)


EDGE_FIELDS = (
    "relation",
    "type",
    "type_label",
    "value",
    "unit",
    "currency",
    "capacity_gw",
    "status",
    "confidence",
    "start",
    "start_precision",
    "announced",
    "valid_until",
    "until_precision",
    "duration",
    "fact_id",
    "fact_ids",
    "role_note",
    "symmetric",
    "sources",
    "started_by",
    "ended_by",
)


def snapshot(data: NetworkData, at: str | None = None) -> Any:
    """The actor network in force on ``at`` (YYYY-MM-DD), or every relation when ``at`` is None.

    Parameters
    ----------
    data : NetworkData
        From :func:`fetch_network`.
    at : str, optional
        The day, ``YYYY-MM-DD``. ``None`` keeps every relation, ended or not.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``label_fr``, ``class``, ``class_label``,
        ``wikidata``, ``aliases``; edges go from ``aikg:actor`` to ``aikg:counterparty``, keyed
        ``"<type>:<fact id>"``, with the attributes in :data:`EDGE_FIELDS`. The graph attribute
        ``at`` records the date. Every actor is a node, tied or not, so snapshots of one dataset
        share their node set.
    """
    import networkx as nx

    g = nx.MultiDiGraph(at=at)
    for iri, attrs in data.actors.items():
        g.add_node(iri, **{k: v for k, v in attrs.items() if k != "iri"})
    for r in data.relations:
        if at is not None and not in_force(r, at):
            continue
        for end in (r["actor"], r["counterparty"]):
            if end not in g:
                # A party with no actor class (a validation error) still shows, marked unknown.
                g.add_node(
                    end,
                    label=local_name(end),
                    label_fr=local_name(end),
                    **{"class": "Unknown", "class_label": "unknown", "wikidata": None, "aliases": []},
                )
        attrs = {k: r.get(k) for k in EDGE_FIELDS if k != "relation"}
        attrs["relation"] = r["iri"]
        g.add_edge(r["actor"], r["counterparty"], key=f"{r['type']}:{r['fact_id']}", **attrs)
    return g


def build_snapshot(graph: Graph, at: str | None = None) -> Any:
    """Fetch the network from ``graph`` and return its snapshot on ``at``."""
    return snapshot(fetch_network(graph), at)


@dataclass(frozen=True)
class Event:
    """A dated org:ChangeEvent: its IRI, short name, label and day."""

    iri: str
    short_name: str | None
    label: str
    date: str


EVENTS_QUERY = """
SELECT ?event ?shortName ?label ?date WHERE {
  ?event a org:ChangeEvent ; prov:startedAtTime ?date .
  OPTIONAL { ?event aikg:shortName ?shortName }
  OPTIONAL { ?event rdfs:label ?label FILTER(LANGMATCHES(LANG(?label), "en")) }
}
ORDER BY ?date ?event
"""


def fetch_events(graph: Graph) -> list[Event]:
    """Every change event with a date, in date order."""
    from .query import run_query

    events = []
    for event, short, label, date in run_query(graph, EVENTS_QUERY).rows:
        events.append(Event(str(event), _text(short), _text(label) or local_name(event), str(date)))
    return events


def find_event(events: list[Event], name: str) -> Event:
    """The event called ``name``: its short name, label (any case) or IRI."""
    from .actors import normalise
    from .errors import unknown

    wanted = normalise(name)
    for e in events:
        if wanted in {normalise(e.short_name or ""), normalise(e.label), normalise(e.iri)}:
            return e
    if not events:
        raise AikgError(f"unknown event {name!r}: the loaded graph has no dated events")
    raise unknown("event", name, [e.short_name or e.label for e in events])
