"""Stage 4b: the network as it stood on a date, as a networkx ``MultiDiGraph``.

One read fetches every actor, relation node, evidence and source (:func:`fetch_network`, by
:mod:`graph.store.read`: triple scans for a graph in this process, one SPARQL query for an
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
from typing import Any

from ..core.vocab import local_name
from .data import EdgeAttrs, NetworkData, RelationRecord


def in_force(relation: dict[str, Any], day: str, statuses: frozenset[str] | None = None) -> bool:
    """Whether ``relation`` is in force on ``day`` (:func:`graph.rules.inforce.in_force`)."""
    from ..rules.inforce import in_force as rule
    from ..rules.status import DEFAULT_COUNTED

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
    from ..rules.succession import successors as rule

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
        Nodes are actor IRIs with ``label``, ``label_fr``, ``class`` (the primary class: the
        first of ``classes``), ``class_label``, ``classes`` and ``class_labels`` (every class of
        the actor, sorted by name), ``wikidata``, ``aliases``; edges go from ``aikg:actor`` to ``aikg:counterparty`` (or
        their successors), keyed ``"<type>:<fact id>"``, with the attributes in
        :data:`EDGE_FIELDS` (an :class:`EdgeAttrs`: read-only, and the same object in every
        snapshot of ``data`` unless the day changes what its value counts); an edge carried to
        an absorbing actor also has ``via_successor_of`` and ``successor_event``. The graph
        attributes ``at``, ``statuses`` and ``group_by`` record the date, the status classes drawn
        and how analyses read actors (``data.group_by``). Every
        actor is a node, tied or not, so snapshots of one dataset share their node set.
    """
    from ..core.gcpause import paused_gc
    from ..rules.status import DEFAULT_COUNTED

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
    from ..rules.inforce import class_of
    from ..rules.succession import periods as periods_of

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

    from ..rules.values import counted_values

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
                    **{
                        "class": "Unknown",
                        "class_label": "unknown",
                        "classes": ["Unknown"],
                        "class_labels": ["unknown"],
                        "wikidata": None,
                        "aliases": [],
                    },
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
