"""Stage 4b: the network as it stood on a date, as a networkx ``MultiDiGraph``.

One read fetches every actor, relation node, evidence and source (:func:`fetch_network`, by
:mod:`graph.network_fetch`: triple scans for a graph in this process, one SPARQL query for an
endpoint, the network index for an unchanged embedded store); the rules of :mod:`graph.rules`
turn it into one record per deal with its effective dates, status class and value counting;
building a snapshot for a date is then a pure function of that data (:func:`snapshot`), so a
shift or a timeline builds many snapshots from one read, on any store.

What "in force on day D" means, which statements are one deal and what a value counts are
stated once, in :mod:`graph.rules`; the same records give the triples SPARQL reads
(:mod:`graph.rules.materialise`), so the bundled queries and the snapshots cannot disagree.

Drawing
-------
- **Edges** are the deal's in-force periods containing D (:func:`graph.rules.succession.periods`),
  drawn between the period's actors: an absorbed actor's relations are drawn on its successor
  from the absorption on, saying so in ``via_successor_of`` and ``successor_event``. Only the
  status classes counted are drawn (``statuses``; default :data:`graph.rules.status.DEFAULT_COUNTED`).
- **Every relation** (``at=None``): each counted deal once, on the actors the data names.
- **Partnerships** (``partnersWith``, symmetric) are one edge, in the direction the data states
  them, with ``symmetric=True``; analyses that need ties read them both ways.
- **Edge keys** are ``"<relationType>:<fact id>"`` (``"buysComputeFrom:A01"``), so parallel
  relations of one type between two actors stay apart; a deal stated by several statements is
  one edge carrying all their fact ids and sources.
- **Values**: ``value`` is what the data states; ``counted_value`` what the edge adds to sums on
  that day (zero for a part whose total is in force, ``value_counted_in`` naming the total's
  key; :mod:`graph.rules.values`).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from .errors import AikgError

# Relation types whose reverse states the same tie, and revision links, are defined with the rules.
from .rules.apply import ENDING_KINDS, INVERSE_TYPES, LINK_KINDS, SYMMETRIC_TYPES  # noqa: F401
from .vocab import local_name

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




class _ReadOnlyDict(dict):
    """A dict that refuses changes, with the reason in :attr:`_WHY`; ``dict(d)`` is a copy to change."""

    __slots__ = ()
    _WHY = "read-only"

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(self._WHY)

    __setitem__ = __delitem__ = __ior__ = _read_only
    update = pop = popitem = clear = setdefault = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


class RelationRecord(_ReadOnlyDict):
    """A relation of a :class:`NetworkData`: read-only, since every snapshot of the data shares
    the edge attributes built from it. To change the network, change the graph and fetch it
    again; ``dict(record)`` gives a copy to work on."""

    __slots__ = ()
    _WHY = (
        "the relation records of a fetched network are read-only (its snapshots share what is built "
        "from them): change the graph and fetch it again, or work on a copy, dict(record)"
    )


class EdgeAttrs(_ReadOnlyDict):
    """A snapshot edge's attributes: read-only, as one dict serves the relation's edge in every
    snapshot of a :class:`NetworkData` (at a million triples, copying them cost a second and
    100 MB per snapshot). ``dict(d)`` gives a copy to change; a copy of the graph
    (``G.copy()``, ``nx.DiGraph(G)``) has plain dicts."""

    __slots__ = ()
    _WHY = (
        "snapshot edge attributes are shared by every snapshot of the network and cannot be "
        "changed: copy them with dict(attrs), or the graph with G.copy(), to change them"
    )


@dataclass
class NetworkData:
    """Everything a snapshot needs, fetched once: actors, relations (read-only
    :class:`RelationRecord` dicts), revision links and events.

    ``links`` are ``{"kind", "new", "old", "new_fact", "old_fact", "day"}`` (relation IRIs and
    fact ids, both relations loaded; ``day`` from :func:`link_day`); ``events`` map an event IRI
    to ``{"iri", "label", "date", "original", "resulting"}`` (sorted actor IRIs).
    """

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The data's last recorded happening (:func:`graph.rules.inforce.horizon`), for default dates.
    horizon: str | None = None
    #: How snapshots of this data count (:meth:`counting`): the status classes drawn (``None``:
    #: the default, :data:`graph.rules.status.DEFAULT_COUNTED`) and how analyses read actors
    #: (``"parent"``: by corporate group, ``"entity"``; :mod:`graph.analysis.groups`).
    statuses: frozenset[str] | None = None
    group_by: str = "parent"
    #: Each relation's edge attributes, built once and shared by every snapshot of this data
    #: (id of the record -> (record, EdgeAttrs)); only read-only records are cached, and each is
    #: kept with its entry so that its id cannot pass to another record.
    edge_cache: dict[int, tuple[RelationRecord, EdgeAttrs]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Records become read-only here (those of the network index are made so as they are read).
        self.relations = [r if type(r) is RelationRecord else RelationRecord(r) for r in self.relations]

    def counting(self, statuses: frozenset[str] | None = None, group_by: str | None = None) -> NetworkData:
        """The same network, counted otherwise: snapshots draw ``statuses`` (``None``: keep) and
        carry ``group_by`` for the analyses. Relations and their edge attributes are shared."""
        import dataclasses

        return dataclasses.replace(
            self,
            statuses=self.statuses if statuses is None else frozenset(statuses),
            group_by=self.group_by if group_by is None else group_by,
            edge_cache=self.edge_cache,
        )


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def fetch_network(graph: Graph) -> NetworkData:
    """Read actors, relation nodes, evidence, sources, revision links and change events from
    ``graph``, and apply the rules of :mod:`graph.rules` (one record per deal, effective dates).

    Works on any rdflib graph, whatever its store: an embedded Oxigraph store built by
    ``aikg load`` answers from the network index saved beside it while the store is unchanged
    (:mod:`graph.network_cache`); stores in this process are scanned, endpoints queried
    (:mod:`graph.network_fetch`).
    """
    from .network_cache import cached_network

    return cached_network(graph, lambda: assemble(graph))


def assemble(graph: Graph) -> NetworkData:
    """:func:`fetch_network` without the network index: read the store, apply the rules."""
    from .gcpause import paused_gc
    from .network_fetch import collect

    with paused_gc():
        return from_raw(collect(graph))


def from_raw(raw: Any) -> NetworkData:
    """The :class:`NetworkData` of what a reader found (a :class:`graph.rules.apply.Raw`)."""
    from .rules.apply import apply_rules
    from .rules.inforce import horizon
    from .rules.values import counted_value

    applied = apply_rules(raw)
    for r in applied.relations:
        r["counted_value"] = counted_value(r)
        r["value_counted_in"] = None
    return NetworkData(
        actors=applied.actors,
        relations=applied.relations,
        links=applied.links,
        events=applied.events,
        horizon=horizon(applied.relations, (e.get("date") for e in applied.events.values())),
    )


def in_force(relation: dict[str, Any], day: str, statuses: frozenset[str] | None = None) -> bool:
    """Whether ``relation`` is in force on ``day`` (:func:`graph.rules.inforce.in_force`)."""
    from .rules.inforce import in_force as rule
    from .rules.status import DEFAULT_COUNTED

    return rule(relation, day, DEFAULT_COUNTED if statuses is None else statuses)


EDGE_FIELDS = (
    "relation",
    "type",
    "type_label",
    "value",
    "unit",
    "currency",
    "capacity_gw",
    "value_basis",
    "counted_value",
    "value_counted_in",
    "value_in",
    "value_includes",
    "value_counts_from",
    "status",
    "status_class",
    "deal_stage",
    "confidence",
    "start",
    "start_precision",
    "start_basis",
    "stated_start",
    "announced",
    "valid_until",
    "until_precision",
    "stated_until",
    "end_reason",
    "ended_by_fact",
    "ended_by_relation",
    "revised_by",
    "revises",
    "duration",
    "fact_id",
    "fact_ids",
    "primary",
    "members",
    "role_note",
    "symmetric",
    "sources",
    "started_by",
    "ended_by",
)


def successors(data: NetworkData, at: str) -> dict[str, tuple[str, str]]:
    """Absorbed actor -> (its successor on ``at``, the change event)
    (:func:`graph.rules.succession.successors`)."""
    from .rules.succession import successors as rule

    return rule(data.events, data.actors, at)


def snapshot(data: NetworkData, at: str | None = None, statuses: frozenset[str] | None = None) -> Any:
    """The actor network in force on ``at`` (YYYY-MM-DD), or every relation when ``at`` is None.

    Parameters
    ----------
    data : NetworkData
        From :func:`fetch_network`.
    at : str, optional
        The day, ``YYYY-MM-DD``. ``None`` keeps every relation, ended or not, on the actors the
        data names.
    statuses : frozenset of str, optional
        Status classes to draw (:mod:`graph.rules.status`); default: ``data.statuses``, else
        those counted by default.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``label_fr``, ``class``, ``class_label``,
        ``wikidata``, ``aliases``; edges go from ``aikg:actor`` to ``aikg:counterparty`` (or
        their successors), keyed ``"<type>:<fact id>"``, with the attributes in
        :data:`EDGE_FIELDS` (an :class:`EdgeAttrs`: read-only, and the same object in every
        snapshot of ``data`` unless the day changes what its value counts); an edge carried to
        an absorbing actor also has ``via_successor_of`` and ``successor_event``. The graph
        attributes ``at``, ``statuses`` and ``group_by`` record the date, the status classes drawn
        and how analyses read actors (``data.group_by``). Every
        actor is a node, tied or not, so snapshots of one dataset share their node set.
    """
    from .gcpause import paused_gc
    from .rules.status import DEFAULT_COUNTED

    if statuses is None:
        statuses = data.statuses if data.statuses is not None else DEFAULT_COUNTED
    with paused_gc():
        G = _snapshot(data, at, frozenset(statuses))
    G.graph["group_by"] = data.group_by
    return G


#: Edge attributes taken from the relation record as they are (``relation`` is its IRI).
_COPIED = tuple(k for k in EDGE_FIELDS if k != "relation")


_GET_COPIED = operator.itemgetter(*_COPIED)


def _edge_attrs(data: NetworkData, r: dict[str, Any]) -> EdgeAttrs:
    """The record's edge attributes: built once per read-only record, then taken from the cache."""
    if type(r) is RelationRecord:
        cached = data.edge_cache.get(id(r))
        if cached is not None and cached[0] is r:
            return cached[1]
    try:
        values = _GET_COPIED(r)  # one C call per edge: a million triples, 200,000 edges
    except KeyError:  # a record built by hand may lack optional fields
        values = tuple(r.get(k) for k in _COPIED)
    attrs = EdgeAttrs(zip(_COPIED, values), relation=r["iri"])
    if type(r) is RelationRecord:  # a plain dict added later may still change: never cached
        data.edge_cache[id(r)] = (r, attrs)
    return attrs


def _drawn(
    data: NetworkData, at: str | None, statuses: frozenset[str]
) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """The deals drawn on ``at``, each with its period (``None`` for the all-relations graph)."""
    from .rules.inforce import class_of
    from .rules.succession import periods as periods_of

    out = []
    for r in data.relations:
        if class_of(r) not in statuses:
            continue
        if at is None:
            out.append((r, None))
            continue
        start = r.get("start")
        if start is None or start > at:
            continue
        until = r.get("valid_until")
        if until is not None and until <= at:
            continue
        # Records built by hand may lack periods: they are drawn on their own parties.
        ps = r.get("periods")
        if ps is None:
            ps = periods_of(r, data.events, data.actors)
        for p in ps:
            if p["start"] <= at and (p["end"] is None or p["end"] > at):
                out.append((r, p))
                break
    return out


def _snapshot(data: NetworkData, at: str | None, statuses: frozenset[str]) -> Any:
    import networkx as nx

    from .rules.values import counted_values

    g = nx.MultiDiGraph(at=at, statuses=sorted(statuses))
    for iri, attrs in data.actors.items():
        g.add_node(iri, **{k: v for k, v in attrs.items() if k != "iri"})
    drawn = _drawn(data, at, statuses)
    keys = {r.get("primary", r["iri"]): f"{r['type']}:{r['fact_id']}" for r, _ in drawn}
    zeroed = counted_values({r.get("primary", r["iri"]): r for r, _ in drawn}, at)
    # Edges go straight into the adjacency, as MultiDiGraph.add_edge lays them out (one key dict
    # shared by _succ and _pred), but with the relation's shared EdgeAttrs instead of a copy.
    out_adj, in_adj = g._succ, g._pred
    cache = data.edge_cache
    for r, p in drawn:
        if p is None:
            u, v, carried, event = r["actor"], r["counterparty"], (), None
        else:
            u, v, carried, event = p["actor"], p["counterparty"], p["via_successor_of"], p["successor_event"]
        for end in (u, v):
            if end not in out_adj:
                # A party with no actor class (a validation error) still shows, marked unknown.
                g.add_node(
                    end,
                    label=local_name(end),
                    label_fr=local_name(end),
                    **{"class": "Unknown", "class_label": "unknown", "wikidata": None, "aliases": []},
                )
        cached = cache.get(id(r))  # _edge_attrs, inlined for the common case
        attrs = cached[1] if cached is not None and cached[0] is r else _edge_attrs(data, r)
        extra: dict[str, Any] = {}
        if carried:
            extra.update(via_successor_of=list(carried), successor_event=event)
        zero = zeroed.get(r.get("primary", r["iri"]))
        if zero is not None:
            extra.update(counted_value=zero[0], value_counted_in=keys.get(zero[1]) if zero[1] else None)
        if extra:
            attrs = EdgeAttrs(attrs, **extra)
        key = f"{r['type']}:{r['fact_id']}"
        keyed = out_adj[u].get(v)
        if keyed is None:
            keyed = out_adj[u][v] = in_adj[v][u] = {}
        elif key in keyed:  # the same key twice: merged as add_edge would, the later values winning
            attrs = EdgeAttrs({**keyed[key], **attrs})
        keyed[key] = attrs
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
