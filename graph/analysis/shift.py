"""Dependency shift: what changed between two snapshots, and how each actor's position moved.

A shift compares a snapshot *before* with one *after*: relations added, ended and changed,
every actor's centrality before, after and the difference, rank changes, and for the actors in
focus their suppliers (with concentration), gatekeepers and largest dependency on each side.
A shift over several events is a list of pairwise shifts (:func:`shift_steps`), one per step.

Dates around an event (:func:`event_window`, :func:`step_dates`)
----------------------------------------------------------------
``before`` is the day before the event, so the relations the event ended are still there;
``after`` is the event's day plus a window (7 days by default), so the deals struck in the
days that followed, in reaction, are there. For several events in sequence, each step runs
from the day before its event to the day before the next event, and the last step to its
event plus the window; events on the same day make one step.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.gcpause import paused_gc
from ..rules.inforce import start_not_stated
from .centrality import COUNT_MEASURES, _centrality, _round, ranks
from .concentration import supplier_concentration
from .exposure import exposure
from .gatekeepers import gatekeepers
from .views import stated_usd, value_usd

#: Fields compared to call a relation present on both sides "changed".
COMPARED_FIELDS: tuple[str, ...] = (
    "value",
    "unit",
    "duration",
    "status",
    "confidence",
    "start",
    "valid_until",
    "role_note",
)
#: Measures whose rank changes a shift lists.
RANKED_MEASURES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "eigenvector", "value_usd")

DEFAULT_WINDOW = 7


def _add_days(day: str, days: int) -> str:
    from ..core.dates import shift_days

    return shift_days(day, days)


def event_window(event_date: str, window: int = DEFAULT_WINDOW) -> tuple[str, str]:
    """The ``(before, after)`` days of a shift around one event.

    Parameters
    ----------
    event_date : str
        The event's day, ``YYYY-MM-DD``.
    window : int, optional
        Days after the event that ``after`` adds (0 means the event's own day).

    Returns
    -------
    tuple of str
        The day before the event and the event's day plus ``window`` days.

    Examples
    --------
    >>> event_window("2025-10-28")
    ('2025-10-27', '2025-11-04')
    """
    return _add_days(event_date, -1), _add_days(event_date, window)


def step_dates(event_dates: Sequence[str], window: int = DEFAULT_WINDOW) -> list[tuple[str, str]]:
    """The ``(before, after)`` days of each step of a shift over events in sequence.

    Parameters
    ----------
    event_dates : sequence of str
        The events' days, ``YYYY-MM-DD``, in any order; equal days make one step.
    window : int, optional
        Days after the last event.

    Returns
    -------
    list of tuple of str
        One ``(before, after)`` per distinct day, in date order: from the day before the event
        to the day before the next event, the last one to its event plus ``window``.

    Examples
    --------
    >>> step_dates(["2026-04-27", "2025-10-28"])
    [('2025-10-27', '2026-04-26'), ('2026-04-26', '2026-05-04')]
    """
    days = sorted(set(event_dates))
    steps = []
    for i, day in enumerate(days):
        before = _add_days(day, -1)
        after = _add_days(days[i + 1], -1) if i + 1 < len(days) else _add_days(day, window)
        steps.append((before, after))
    return steps


def _identity(u: str, v: str, key: Any) -> tuple[str, str, str]:
    return (u, v, str(key))


def relation_item(
    G: Any, u: str, v: str, key: Any, data: dict[str, Any], events: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """One relation of a snapshot as a self-contained record, sources included.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The snapshot holding the edge (for actor labels).
    u, v, key, data
        The edge: relation actor, counterparty, key and attributes.
    events : dict, optional
        Event IRI to ``{"label": ..., "date": ...}``, to name the events that started or
        ended the relation.

    Returns
    -------
    dict
        ``key``, ``relation_iri``, ``source``, ``source_label``, ``target``,
        ``target_label``, ``relation`` (type), ``relation_label``, ``symmetric``,
        ``fact_ids``, ``value``, ``unit``, ``value_usd``, ``capacity_gw``, ``duration``,
        ``start``, ``start_precision``, ``announced``, ``valid_until``, ``status``,
        ``confidence``, ``role_note``, ``started_by``, ``started_by_label``,
        ``started_by_date``, ``ended_by``, ``ended_by_label``, ``ended_by_date``,
        ``end_reason``, ``ended_by_fact``, ``revised_by``, ``revises`` (revision links, see
        :mod:`graph.network.snapshot`), ``via_successor_of`` (an absorbed actor the relation was carried
        from), ``sources`` (``title``, ``url``, ``issued``, ``quotes``).
    """
    events = events or {}

    def ev_label(iri: str | None) -> str | None:
        if not iri:
            return None
        return (events.get(iri) or {}).get("label") or iri

    def ev_date(iri: str | None) -> str | None:
        return (events.get(iri) or {}).get("date") if iri else None

    return {
        "key": str(key),
        "relation_iri": data.get("relation"),
        "source": u,
        "source_label": G.nodes[u].get("label") or u,
        "target": v,
        "target_label": G.nodes[v].get("label") or v,
        "relation": data.get("type"),
        "relation_label": data.get("type_label") or data.get("type"),
        "symmetric": bool(data.get("symmetric")),
        "fact_ids": list(data.get("fact_ids") or []),
        "value": data.get("value"),
        "unit": data.get("unit"),
        "value_usd": stated_usd(data),
        "capacity_gw": data.get("capacity_gw"),
        "duration": data.get("duration"),
        "start": data.get("start"),
        "start_precision": data.get("start_precision"),
        "start_basis": data.get("start_basis"),
        "stated_start": data.get("stated_start"),
        "announced": data.get("announced"),
        "valid_until": data.get("valid_until"),
        "status": data.get("status"),
        "confidence": data.get("confidence"),
        "role_note": data.get("role_note"),
        "started_by": data.get("started_by"),
        "started_by_label": ev_label(data.get("started_by")),
        "started_by_date": ev_date(data.get("started_by")),
        "ended_by": data.get("ended_by"),
        "ended_by_label": ev_label(data.get("ended_by")),
        "ended_by_date": ev_date(data.get("ended_by")),
        "end_reason": data.get("end_reason"),
        "ended_by_fact": data.get("ended_by_fact"),
        "revised_by": list(data.get("revised_by") or []),
        "revises": list(data.get("revises") or []),
        "via_successor_of": list(data.get("via_successor_of") or []),
        "sources": [
            {
                "title": s.get("title"),
                "url": s.get("url"),
                "issued": s.get("issued"),
                "quotes": list(s.get("quotes") or []),
            }
            for s in (data.get("sources") or [])
        ],
    }


def _edges(G: Any) -> dict[tuple[str, str, str], tuple[str, str, Any, dict[str, Any]]]:
    return {_identity(u, v, k): (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)}


def diff_relations(
    before: Any, after: Any, events: dict[str, dict[str, Any]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Relations added, ended and changed between two snapshots.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Snapshots of the same network on two dates.
    events : dict, optional
        As in :func:`relation_item`.

    Returns
    -------
    dict
        ``added`` (in force after, not before, with a start the data states), ``recorded``
        (in force after, not before, with no stated start: first recorded in the window, see
        :mod:`graph.rules.inforce`), ``ended`` (before, not after): lists of
        :func:`relation_item` records sorted by source, target and key. ``changed``: records
        of two kinds, ``"attributes"`` (the same relation on both sides with different
        :data:`COMPARED_FIELDS`; ``fields`` maps each to ``{"before", "after"}``) and
        ``"replaced"`` (between the same actors and of the same type, some relations ended and
        others were added; ``ended`` and ``added`` list their keys, ``before`` and ``after``
        their values).

    Notes
    -----
    A relation is identified by its two actors and its edge key (``"<type>:<fact id>"``).
    Snapshots of one dataset share their records, so ``"attributes"`` changes appear only when
    the two sides come from different data.
    """
    b, a = _edges(before), _edges(after)
    new = [relation_item(after, *a[i], events) for i in sorted(set(a) - set(b))]
    # A relation whose start the data does not state enters a snapshot on its first evidence: it
    # was first recorded in the window, which is not to say that it began there.
    added = [r for r in new if not start_not_stated(r.get("start_basis"))]
    recorded = [r for r in new if start_not_stated(r.get("start_basis"))]
    ended = [relation_item(before, *b[i], events) for i in sorted(set(b) - set(a))]
    changed: list[dict[str, Any]] = []
    for i in sorted(set(a) & set(b)):
        db, da = b[i][3], a[i][3]
        fields = {f: {"before": db.get(f), "after": da.get(f)} for f in COMPARED_FIELDS if db.get(f) != da.get(f)}
        if fields:
            item = relation_item(after, *a[i], events)
            item["kind"] = "attributes"
            item["fields"] = fields
            changed.append(item)
    groups: dict[tuple[str, str, str], dict[str, list[dict[str, Any]]]] = {}
    for side, items in (("ended", ended), ("added", added)):
        for r in items:
            pair = (r["source"], r["target"])
            if r["symmetric"]:
                pair = tuple(sorted(pair))  # type: ignore[assignment]
            groups.setdefault((*pair, r["relation"]), {"ended": [], "added": []})[side].append(r)
    for (s, t, rel), g in sorted(groups.items()):
        if not g["ended"] or not g["added"]:
            continue
        first = g["added"][0]
        changed.append(
            {
                "kind": "replaced",
                "source": s,
                "source_label": first["source_label"] if first["source"] == s else first["target_label"],
                "target": t,
                "target_label": first["target_label"] if first["target"] == t else first["source_label"],
                "relation": rel,
                "relation_label": first["relation_label"],
                "ended": [r["key"] for r in g["ended"]],
                "added": [r["key"] for r in g["added"]],
                "before": [_value_of(r) for r in g["ended"]],
                "after": [_value_of(r) for r in g["added"]],
            }
        )
    return {"added": added, "recorded": recorded, "ended": ended, "changed": changed}


def _value_of(r: dict[str, Any]) -> dict[str, Any]:
    return {"key": r["key"], "value": r["value"], "unit": r["unit"], "start": r["start"], "until": r["valid_until"]}


def _pair_state(G: Any, a: str, b: str) -> dict[str, Any]:
    keys, types, total = [], set(), None
    for u, v in ((a, b), (b, a)):
        if G.has_edge(u, v):
            for k, d in G[u][v].items():
                keys.append(str(k))
                types.add(d.get("type"))
                val = value_usd(d)
                if val is not None:
                    total = (total or 0.0) + val
    return {"relations": sorted(set(keys)), "types": sorted(types), "value_usd": total}


def _focus_state(G: Any, actor: str, supplier_types: tuple[str, ...]) -> dict[str, Any]:
    exp = exposure(G, actor).get(actor)
    gates = [
        {
            "actor": gated,
            "label": G.nodes[gated].get("label") or gated,
            "relation": g["relation"],
            "relation_label": g["relation_label"],
            "key": g["key"],
            "fact_ids": g["fact_ids"],
        }
        for gated, items in gatekeepers(G, supplier_types=supplier_types, keeper=actor).items()
        for g in items
    ]
    return {
        "gatekeeper_of": gates,
        "suppliers": supplier_concentration(G, actor, relation_types=supplier_types),
        "gatekeepers": gatekeepers(G, actor, supplier_types=supplier_types).get(actor, []),
        "largest_dependency": exp["largest_dependency"] if exp else None,
        "pays_usd": exp["pays_usd"] if exp else 0.0,
        "receives_usd": exp["receives_usd"] if exp else 0.0,
    }


def shift(
    before: Any,
    after: Any,
    *,
    focus: Sequence[str] | None = None,
    events: dict[str, dict[str, Any]] | None = None,
    supplier_types: tuple[str, ...] = ("buysComputeFrom",),
    digits: int = 6,
) -> dict[str, Any]:
    """What changed between two snapshots of the network.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        Snapshots of the same network (``G.graph["at"]`` gives their dates).
    focus : sequence of str, optional
        Actors to describe in detail. By default, the actors on added or ended relations, the
        most changed first.
    events : dict, optional
        Event IRI to ``{"label", "date", ...}``, to name the events that started or ended
        relations.
    supplier_types : tuple of str, optional
        Relations that make a supplier, for concentration and gatekeepers.
    digits : int, optional
        Rounding of the measures.

    Returns
    -------
    dict
        - ``before``, ``after``: the two dates;
        - ``added``, ``recorded``, ``ended``, ``changed``: see :func:`diff_relations`
          (``recorded``: relations with no stated start, first recorded in the window; they do
          not make an actor a focus actor);
        - ``pairs``: for each pair of actors with a relation added or ended, ``actors``,
          ``labels``, ``ended``, ``added`` (keys) and ``before``/``after`` (``relations``,
          ``types``, ``value_usd``: everything between the two on each side);
        - ``measures``: actor to ``label`` and, per measure of
          :data:`graph.analysis.centrality.MEASURES`, ``{"before", "after", "delta"}``;
        - ``ranks``: measure (:data:`RANKED_MEASURES`) to the actors whose rank changed,
          ``{"actor", "label", "before", "after", "change"}`` (positive change: moved up),
          largest moves first;
        - ``eigenvector_method``: ``{"before", "after"}``;
        - ``focus``: one dict per focus actor: ``actor``, ``label``, ``added``, ``ended``
          (keys), ``measures``, ``ranks`` and ``before``/``after`` states (``suppliers`` from
          :func:`graph.analysis.concentration.supplier_concentration`, ``gatekeepers`` from
          :func:`graph.analysis.gatekeepers.gatekeepers`, ``gatekeeper_of`` (the actors it
          gates: ``actor``, ``label``, ``relation``, ``relation_label``, ``key``,
          ``fact_ids``), ``largest_dependency``,
          ``pays_usd``, ``receives_usd`` from :func:`graph.analysis.exposure.exposure`).

    Examples
    --------
    >>> import networkx as nx
    >>> b = nx.MultiDiGraph(at="2025-10-27")
    >>> _ = b.add_edge("lab", "ms", key="needsApprovalFrom:1", type="needsApprovalFrom")
    >>> a = nx.MultiDiGraph(at="2025-11-04")
    >>> a.add_nodes_from(["lab", "ms"])
    >>> _ = a.add_edge("lab", "aws", key="buysComputeFrom:2", type="buysComputeFrom")
    >>> s = shift(b, a)
    >>> [r["key"] for r in s["ended"]], [r["key"] for r in s["added"]]
    (['needsApprovalFrom:1'], ['buysComputeFrom:2'])
    >>> s["focus"][0]["before"]["gatekeepers"][0]["gatekeeper"], s["focus"][0]["after"]["gatekeepers"]
    ('ms', [])
    """
    with paused_gc():
        return _shift(before, after, focus=focus, events=events, supplier_types=supplier_types, digits=digits)


def _shift(
    before: Any,
    after: Any,
    *,
    focus: Sequence[str] | None,
    events: dict[str, dict[str, Any]] | None,
    supplier_types: tuple[str, ...],
    digits: int,
) -> dict[str, Any]:
    rel = diff_relations(before, after, events)
    sb, mb = _centrality(before)
    sa, ma = _centrality(after)
    actors = sorted(set(sb) | set(sa))

    def label(a: str) -> str:
        for G in (after, before):
            if a in G:
                return G.nodes[a].get("label") or a
        return a

    measures: dict[str, dict[str, Any]] = {}
    for a in actors:
        row: dict[str, Any] = {"label": label(a)}
        for m in sb.get(a) or sa.get(a) or {}:
            vb = (sb.get(a) or {}).get(m, 0)
            va = (sa.get(a) or {}).get(m, 0)
            if m in COUNT_MEASURES:
                row[m] = {"before": int(vb), "after": int(va), "delta": int(va - vb)}
            else:
                row[m] = {"before": _round(vb, digits), "after": _round(va, digits), "delta": _round(va - vb, digits)}
        measures[a] = row
    rank_changes: dict[str, list[dict[str, Any]]] = {}
    rank_of: dict[str, dict[str, tuple[int, int]]] = {}
    for m in RANKED_MEASURES:
        rb = ranks({a: round((sb.get(a) or {}).get(m, 0), digits) for a in actors})
        ra = ranks({a: round((sa.get(a) or {}).get(m, 0), digits) for a in actors})
        rank_of[m] = {a: (rb[a], ra[a]) for a in actors}
        moved = [
            {"actor": a, "label": label(a), "before": rb[a], "after": ra[a], "change": rb[a] - ra[a]}
            for a in actors
            if rb[a] != ra[a]
        ]
        moved.sort(key=lambda r: (-abs(r["change"]), r["after"], r["actor"]))
        rank_changes[m] = moved

    touched: dict[str, int] = {}
    for r in rel["added"] + rel["ended"]:
        for a in (r["source"], r["target"]):
            touched[a] = touched.get(a, 0) + 1
    # Keys of the changed relations per pair and per actor, in list order, gathered in one pass:
    # scanning every change for every pair and actor is quadratic over a long step.
    by_pair: dict[tuple[str, str], dict[str, list[str]]] = {}
    by_actor: dict[str, dict[str, list[str]]] = {}
    for side in ("ended", "added"):
        for r in rel[side]:
            pair = tuple(sorted((r["source"], r["target"])))
            by_pair.setdefault(pair, {"ended": [], "added": []})[side].append(r["key"])  # type: ignore[arg-type]
            for a in {r["source"], r["target"]}:
                by_actor.setdefault(a, {"ended": [], "added": []})[side].append(r["key"])
    pairs = []
    for x, y in sorted(by_pair):
        pairs.append(
            {
                "actors": [x, y],
                "labels": [label(x), label(y)],
                "ended": by_pair[x, y]["ended"],
                "added": by_pair[x, y]["added"],
                "before": _pair_state(before, x, y),
                "after": _pair_state(after, x, y),
            }
        )
    if focus is None:
        focus = sorted(touched, key=lambda a: (-touched[a], a))
    focus_items = []
    for a in focus:
        changes = by_actor.get(a) or {"ended": [], "added": []}
        focus_items.append(
            {
                "actor": a,
                "label": label(a),
                "added": list(changes["added"]),
                "ended": list(changes["ended"]),
                "measures": {k: v for k, v in measures.get(a, {}).items() if k != "label"},
                "ranks": {m: {"before": rank_of[m][a][0], "after": rank_of[m][a][1]} for m in RANKED_MEASURES}
                if a in actors
                else {},
                "before": _focus_state(before, a, supplier_types),
                "after": _focus_state(after, a, supplier_types),
            }
        )
    return {
        "before": before.graph.get("at"),
        "after": after.graph.get("at"),
        "added": rel["added"],
        "recorded": rel["recorded"],
        "ended": rel["ended"],
        "changed": rel["changed"],
        "pairs": pairs,
        "focus": focus_items,
        "measures": measures,
        "ranks": rank_changes,
        "eigenvector_method": {"before": mb, "after": ma},
    }


def shift_steps(snapshots: Sequence[Any], **kwargs: Any) -> list[dict[str, Any]]:
    """Pairwise shifts between consecutive snapshots: step ``i`` compares ``i`` with ``i + 1``.

    Parameters
    ----------
    snapshots : sequence of networkx.MultiDiGraph
        Snapshots in date order (at least two).
    **kwargs
        Passed to :func:`shift` for every step.

    Returns
    -------
    list of dict
        One :func:`shift` result per step.
    """
    return [shift(snapshots[i], snapshots[i + 1], **kwargs) for i in range(len(snapshots) - 1)]
