"""Stage 4b: the network as it stood on a date, as a networkx ``MultiDiGraph``.

One read fetches every actor, relation node, evidence and source (:func:`fetch_network`, by
:mod:`graph.network_fetch`: triple scans for a graph in this process, one SPARQL query for an
endpoint, the network index for an unchanged embedded store); building a snapshot for a date is
then a pure function of that data (:func:`snapshot`), so a shift or a timeline builds many
snapshots from one read, on any store.

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
- **Revisions** (:func:`link_day`, applied by :func:`fetch_network`): a later relation that ``aikg:ends`` or
  ``aikg:supersedes`` an earlier one ends it; the earlier node's triples are never edited. The
  day of the link (:func:`link_day`) is the end the later relation records when its status is
  ``ended``, else the day it took effect: ``validFrom``, or the announcement when it falls
  within a ``validFrom`` known only to the month or year, else ``announced``. The earlier
  relation's effective end is the earliest of its own planned ``validUntil``, the days of the
  links that end it, and the day of an ``aikg:endedBy`` event; but an end it records as past
  (status ``ended`` with a ``validUntil``) always stands. A later relation with status
  ``ended`` that states the same tie (same parties and type, or the reverse for a symmetric or
  inverse type) from the same start as the relation it ends is that relation's **end record**:
  the two are one edge, as for ``aikg:sameRelationAs``, ending where the record says. Links that
  ``aikg:extends`` or ``aikg:completes`` change no date. A relation that ends or supersedes
  another, and whose ``validFrom`` is known only to the month or year, starts on the day it
  took effect (its announcement within that period), so that the two do not overlap. Edges
  say why they end: ``end_reason`` (``stated``, ``revision``, ``event``), ``ended_by_fact``,
  ``stated_until``, ``revised_by`` and ``revises`` (``"<link>:<fact id>"``). Extracted
  candidates (status ``extracted``) are never in force, whatever their links.
- **Organisation changes** (:func:`successors`): an ``org:ChangeEvent`` with one
  ``org:resultingOrganization`` absorbs each ``org:originalOrganization`` other than the
  resulting one (xAI into SpaceX). From the event's day on, the absorbed actor's relations are
  drawn on its successor, keeping their IRI, key and fact ids and saying so in
  ``via_successor_of`` (the absorbed actors) and ``successor_event``; relations between the
  absorbed actor and its successor stay as stated. Before the day, and in the all-relations
  graph (``at=None``), every relation stays on the actors the data names.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from .errors import AikgError
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


#: Relation types whose reverse states the same tie: ``A procuresChipsFrom B`` is
#: ``B suppliesChipsTo A`` (``owl:inverseOf`` in the ontology); ``partnersWith`` is symmetric.
INVERSE_TYPES: dict[str, str] = {"procuresChipsFrom": "suppliesChipsTo", "suppliesChipsTo": "procuresChipsFrom"}
SYMMETRIC_TYPES: tuple[str, ...] = ("partnersWith",)

#: Revision links, as the kinds :func:`fetch_network` records them; the first two end the
#: earlier relation.
LINK_KINDS: tuple[str, ...] = ("ends", "supersedes", "extends", "completes")
ENDING_KINDS: tuple[str, ...] = ("ends", "supersedes")


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
    #: Each relation's edge attributes, built once and shared by every snapshot of this data
    #: (id of the record -> (record, EdgeAttrs)); only read-only records are cached, and each is
    #: kept with its entry so that its id cannot pass to another record.
    edge_cache: dict[int, tuple[RelationRecord, EdgeAttrs]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Records become read-only here (those of the network index are made so as they are read).
        self.relations = [r if type(r) is RelationRecord else RelationRecord(r) for r in self.relations]


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def _precision(date: str | None) -> str | None:
    if date is None:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def fetch_network(graph: Graph) -> NetworkData:
    """Read actors, relation nodes, evidence, sources, revision links and change events from
    ``graph``, and apply the rules above (merged relations, effective ends).

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
        c = collect(graph)
        return _finish(c.actors, c.relations, c.evidence, c.same, c.links, c.events)


def _finish(
    actors: dict[str, dict[str, Any]],
    relations: dict[str, dict[str, Any]],
    evidence: dict[str, dict[str, dict[str, Any]]],
    same: dict[str, set[str]],
    links: set[tuple[str, str, str]],
    events: dict[str, dict[str, Any]],
) -> NetworkData:
    for a in actors.values():
        # An actor typed with several classes (a subclass and aikg:Actor itself) keeps the
        # most specific one: any class but aikg:Actor, first by name for determinism.
        specific = sorted(c for c in a["classes"] if c != "Actor") or ["Actor"]
        a["class"] = specific[0]
        a["class_label"] = a["classes"].get(specific[0], specific[0])
        a["label"] = a.get("label") or a.get("label_fr") or local_name(a["iri"])
        a["label_fr"] = a.get("label_fr") or a["label"]
        a["aliases"] = sorted(a["aliases"])
        a.setdefault("wikidata", None)
        del a["classes"]
    for e in events.values():
        e["label"] = e["label"] or local_name(e["iri"])
        e["original"] = sorted(e["original"])
        e["resulting"] = sorted(e["resulting"])

    link_list = []
    for kind, new, old in sorted(links, key=lambda x: (x[1], LINK_KINDS.index(x[0]), x[2])):
        if new not in relations or old not in relations:
            continue  # the earlier relation's layer is not loaded: nothing to apply
        n = relations[new]
        link_list.append(
            {
                "kind": kind,
                "new": new,
                "old": old,
                "new_fact": n.get("fact_id") or local_name(new),
                "old_fact": relations[old].get("fact_id") or local_name(old),
                "day": link_day(n),
            }
        )
    merged = _merge_same(relations, evidence, same, link_list, events)
    return NetworkData(
        actors=dict(sorted(actors.items())),
        relations=merged,
        links=link_list,
        events=dict(sorted(events.items())),
    )


def _compatible(a: str | None, b: str | None) -> bool:
    """Two known dates agree when one is a prefix of the other (``2025-11`` and ``2025-11-03``)."""
    return bool(a and b and (a.startswith(b) or b.startswith(a)))


def took_effect(record: dict[str, Any]) -> str | None:
    """The day a relation took effect, as precisely as the data says.

    ``validFrom``; when that is known only to the month or year and the announcement falls
    within it, the announcement (``2026`` and ``2026-04-16`` give ``2026-04-16``); without
    ``validFrom``, ``announced``.
    """
    start, announced = record.get("valid_from"), record.get("announced")
    if start and announced and len(start) < len(announced) and announced.startswith(start):
        return announced
    return start or announced


def link_day(record: dict[str, Any]) -> str | None:
    """The day a later relation ends or supersedes the relation it links to.

    The end it records when its status is ``ended`` and it has a ``validUntil`` (it is the
    record of that end), else the day it took effect (:func:`took_effect`).
    """
    if record.get("status") == "ended" and record.get("valid_until"):
        return record["valid_until"]
    return took_effect(record)


def same_tie(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two relation records state the same tie: same actor, type and counterparty, or
    the two parties swapped for a symmetric type or between inverse types."""
    ta, tb = local_name(a["type_iri"]), local_name(b["type_iri"])
    if ta == tb and a["actor"] == b["actor"] and a["counterparty"] == b["counterparty"]:
        return True
    swapped = a["actor"] == b["counterparty"] and a["counterparty"] == b["actor"]
    return swapped and ((ta == tb and ta in SYMMETRIC_TYPES) or INVERSE_TYPES.get(ta) == tb)


def _end_record(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """``new`` (ending ``old``) records ``old``'s end: status ended with a ``validUntil``, the same
    tie, and a start that matches ``old``'s start or announcement."""
    if new.get("status") != "ended" or not new.get("valid_until") or not same_tie(new, old):
        return False
    start = new.get("valid_from") or new.get("announced")
    return _compatible(start, old.get("valid_from")) or _compatible(start, old.get("announced"))


def _merge_same(
    relations: dict[str, dict[str, Any]],
    evidence: dict[str, dict[str, dict[str, Any]]],
    same: dict[str, set[str]],
    links: list[dict[str, Any]] | None = None,
    events: dict[str, dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Fold relation nodes linked by aikg:sameRelationAs, and end records into the relation
    they end, into one record each; then give each record its effective end."""
    links = links or []
    events = events or {}
    folded: set[str] = set()  # end records
    joined = {k: set(v) for k, v in same.items()}
    newer = {x["new"] for x in links if x["kind"] in ENDING_KINDS}
    for link in links:
        if link["kind"] in ENDING_KINDS and _end_record(relations[link["new"]], relations[link["old"]]):
            folded.add(link["new"])
            joined.setdefault(link["new"], set()).add(link["old"])
            joined.setdefault(link["old"], set()).add(link["new"])
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
            stack.extend(joined.get(cur, ()))
        seen |= group
        # The relation a record ends comes first: its fields are the edge's.
        order = sorted(group, key=lambda m: (m in folded, m))
        members = [relations[m] for m in order]
        record = dict(members[0])
        for m in members[1:]:
            for key, val in m.items():
                if record.get(key) is None and val is not None and key != "valid_until":
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
        _apply_end(record, members, group, folded, links, events)
        record["start"] = _start(record)
        if group & (newer - folded) and record["start"] and record["start"] == record.get("valid_from"):
            # A relation that replaces another starts when it took effect, within a partial
            # validFrom (2026 -> 2026-04-16), so that the two do not overlap.
            record["start"] = took_effect(record)
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


def _apply_end(
    record: dict[str, Any],
    members: list[dict[str, Any]],
    group: set[str],
    folded: set[str],
    links: list[dict[str, Any]],
    events: dict[str, dict[str, Any]],
) -> None:
    """Set ``valid_until`` (effective), ``stated_until``, ``end_reason``, ``ended_by_fact``,
    ``revised_by`` and ``revises`` on a merged record (rules in the module docstring)."""
    own = [m for m in members if m["iri"] not in folded]
    stated = min((m["valid_until"] for m in own if m.get("valid_until")), default=None)
    record["stated_until"] = stated
    record["revised_by"] = sorted(
        {f"{x['kind']}:{x['new_fact']}" for x in links if x["old"] in group and x["new"] not in group}
    )
    record["revises"] = sorted(
        {f"{x['kind']}:{x['old_fact']}" for x in links if x["new"] in group and x["old"] not in group}
    )
    # An end recorded as past stands: the relation's own (status ended), else its end record's.
    recorded = [(m["valid_until"], m["iri"] in folded, m) for m in members if m.get("status") == "ended"]
    recorded = [x for x in recorded if x[0]]
    if recorded:
        until, by_record, m = min(recorded, key=lambda x: (x[0], x[1], x[2]["iri"]))
        record["valid_until"] = until
        record["end_reason"] = "revision" if by_record else "stated"
        record["ended_by_fact"] = (m.get("fact_id") or local_name(m["iri"])) if by_record else None
        return
    candidates: list[tuple[str, int, str | None]] = []
    if stated:
        candidates.append((stated, 0, None))
    for x in links:
        if x["kind"] in ENDING_KINDS and x["old"] in group and x["new"] not in group and x["day"]:
            candidates.append((x["day"], 1, x["new_fact"]))
    for m in members:
        day = (events.get(m.get("ended_by") or "") or {}).get("date")
        if day:
            candidates.append((day, 2, None))
    if not candidates:
        record["valid_until"], record["end_reason"], record["ended_by_fact"] = None, None, None
        return
    until, rank, fact = min(candidates, key=lambda c: (c[0], c[1], c[2] or ""))
    record["valid_until"] = until
    record["end_reason"] = ("stated", "revision", "event")[rank]
    record["ended_by_fact"] = fact


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

    ``valid_until`` is the record's effective end (revision links applied by
    :func:`fetch_network`). Candidates proposed by ``aikg extract`` (status ``extracted``) are
    never in force: they wait for a person's review, as in the derived direct triples.
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
    "stated_until",
    "end_reason",
    "ended_by_fact",
    "revised_by",
    "revises",
    "duration",
    "fact_id",
    "fact_ids",
    "role_note",
    "symmetric",
    "sources",
    "started_by",
    "ended_by",
)


def successors(data: NetworkData, at: str) -> dict[str, tuple[str, str]]:
    """Absorbed actor -> (its successor on ``at``, the change event), for ``at`` (YYYY-MM-DD).

    An ``org:ChangeEvent`` dated on or before ``at`` with exactly one resulting organisation,
    itself an actor of the data, absorbs every original organisation other than that one.
    Chains are followed (A into B, later B into C: A's relations go to C), the latest event
    last; an actor is never its own successor.
    """
    step: dict[str, tuple[str, str]] = {}
    for e in sorted(data.events.values(), key=lambda e: (e["date"] or "", e["iri"])):
        if not e["date"] or e["date"] > at or len(e["resulting"]) != 1:
            continue
        (to,) = e["resulting"]
        if to not in data.actors:
            continue
        for original in e["original"]:
            if original != to:
                step[original] = (to, e["iri"])
    out = {}
    for actor in step:
        to, event, seen = actor, None, {actor}
        while to in step and step[to][0] not in seen:
            to, event = step[to]
            seen.add(to)
        if to != actor and event is not None:
            out[actor] = (to, event)
    return dict(sorted(out.items()))


def snapshot(data: NetworkData, at: str | None = None) -> Any:
    """The actor network in force on ``at`` (YYYY-MM-DD), or every relation when ``at`` is None.

    Parameters
    ----------
    data : NetworkData
        From :func:`fetch_network`.
    at : str, optional
        The day, ``YYYY-MM-DD``. ``None`` keeps every relation, ended or not, on the actors the
        data names.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs with ``label``, ``label_fr``, ``class``, ``class_label``,
        ``wikidata``, ``aliases``; edges go from ``aikg:actor`` to ``aikg:counterparty``, keyed
        ``"<type>:<fact id>"``, with the attributes in :data:`EDGE_FIELDS` (an :class:`EdgeAttrs`:
        read-only, and the same object in every snapshot of ``data``); an edge carried to
        an absorbing actor (:func:`successors`) also has ``via_successor_of`` and
        ``successor_event``. The graph attribute ``at`` records the date. Every actor is a node,
        tied or not, so snapshots of one dataset share their node set.
    """
    from .gcpause import paused_gc

    with paused_gc():
        return _snapshot(data, at)


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


def _snapshot(data: NetworkData, at: str | None) -> Any:
    import networkx as nx

    succ = successors(data, at) if at is not None else {}
    g = nx.MultiDiGraph(at=at)
    for iri, attrs in data.actors.items():
        g.add_node(iri, **{k: v for k, v in attrs.items() if k != "iri"})
    # Edges go straight into the adjacency, as MultiDiGraph.add_edge lays them out (one key dict
    # shared by _succ and _pred), but with the relation's shared EdgeAttrs instead of a copy.
    out_adj, in_adj = g._succ, g._pred
    cache = data.edge_cache
    for r in data.relations:
        if at is not None and not in_force(r, at):
            continue
        u, v = r["actor"], r["counterparty"]
        carried, event = [], None
        # A relation between an absorbed actor and its successor stays as stated.
        if succ and not ((u in succ and succ[u][0] == v) or (v in succ and succ[v][0] == u)):
            if u in succ:
                carried.append(u)
                u, event = succ[u]
            if v in succ:
                carried.append(v)
                v, event = succ[v]
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
        if carried:
            attrs = EdgeAttrs(attrs, via_successor_of=sorted(carried), successor_event=event)
        key = f"{r['type']}:{r['fact_id']}"
        keys = out_adj[u].get(v)
        if keys is None:
            keys = out_adj[u][v] = in_adj[v][u] = {}
        elif key in keys:  # the same key twice: merged as add_edge would, the later values winning
            attrs = EdgeAttrs({**keys[key], **attrs})
        keys[key] = attrs
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
