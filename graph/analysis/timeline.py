"""An actor's relations over time: one record per relation, with its start, its end and why it
ended, and the events around it.

The input is the all-relations snapshot (``graph.network.snapshot.snapshot(data, None)``): each edge is
one relation (nodes linked by ``aikg:sameRelationAs``, and end records, already merged), with
its effective end (revision links and ``aikg:endedBy`` applied) and the fields that say why it
ended. Organisation changes (``graph.network.snapshot.successors``) are read from the events: an actor
that absorbed another also shows the absorbed actor's relations from the day of the change,
marked ``via``; the absorbed actor's own timeline says where its relations went.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..rules.inforce import first_day
from .views import stated_usd

#: Relation types in legend order (graph.core.vocab.RELATION_TYPES).
TYPE_ORDER: tuple[str, ...] = (
    "buysComputeFrom",
    "procuresChipsFrom",
    "suppliesChipsTo",
    "needsApprovalFrom",
    "hasRightOfFirstRefusal",
    "partnersWith",
    "investsIn",
    "ownsStakeIn",
    "subsidiaryOf",
    "memberOfJointVenture",
)

#: Columns of the timeline table (CSV), in order.
COLUMNS: tuple[str, ...] = (
    "key",
    "fact_ids",
    "relation",
    "source_label",
    "target_label",
    "counterpart_label",
    "start",
    "end",
    "end_reason",
    "ended_by",
    "mark",
    "status",
    "confidence",
    "value",
    "unit",
    "started_by",
    "revised_by",
    "revises",
    "via",
    "relation_iri",
)


def type_rank(t: str | None) -> int:
    return TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER)


def absorptions(events: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Organisation changes that absorb an actor into another: ``{"original", "successor",
    "date", "event", "label"}``, by date (the rule of ``graph.network.snapshot.successors``)."""
    out = []
    for e in events:
        resulting = e.get("resulting") or []
        if not e.get("date") or len(resulting) != 1:
            continue
        for original in e.get("original") or []:
            if original != resulting[0]:
                out.append(
                    {
                        "original": original,
                        "successor": resulting[0],
                        "date": first_day(e["date"]),
                        "event": e["iri"],
                        "label": e.get("label") or e["iri"],
                    }
                )
    out.sort(key=lambda a: (a["date"], a["original"], a["event"]))
    return out


def _end_text(d: dict[str, Any], events: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    """``(ended_by, mark)``: what ended the relation, in words, and how a chart marks it."""
    reason, fact = d.get("end_reason"), d.get("ended_by_fact")
    if reason == "revision":
        kinds = [k.split(":", 1)[0] for k in d.get("revised_by") or [] if k.split(":", 1)[-1] == fact]
        kind = kinds[0] if kinds else "ends"
        mark = "superseded" if kind == "supersedes" else "ended"
        return f"{fact} ({kind})" if kinds else f"{fact} (its end record)", mark
    if reason == "event":
        ev = events.get(d.get("ended_by") or "") or {}
        return ev.get("label") or d.get("ended_by"), "ended"
    if reason == "stated":
        ev = events.get(d.get("ended_by") or "") or {}
        text = "own validUntil" + (f"; {ev['label']}" if ev.get("label") else "")
        return text, "ended" if d.get("status") == "ended" or ev else "stated end"
    return None, None


def timeline(
    G: Any,
    actor: str,
    *,
    other: str | None = None,
    start: str | None = None,
    end: str | None = None,
    events: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """Every relation of ``actor`` over time, each once, with its dates and why it ended.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The all-relations snapshot (``snapshot(data, None)``).
    actor : str
        The actor's IRI.
    other : str, optional
        Only relations between ``actor`` and this actor.
    start, end : str, optional
        ``YYYY-MM-DD``: only relations in force at some time in ``[start, end]`` (a relation
        with no start date counts from the beginning, one with no end as still in force).
    events : sequence of dict
        Change events: ``iri``, ``label``, ``short_name``, ``date``, ``about`` (actor IRIs),
        ``original``, ``resulting`` (organisations before and after).

    Returns
    -------
    dict
        ``actor``, ``label``, ``other``, ``other_label``, ``from``, ``to`` (as given),
        ``relations`` and ``events``. Each relation: ``key``, ``relation_iri``, ``fact_ids``,
        ``source``, ``source_label``, ``target``, ``target_label``, ``relation``,
        ``relation_label``, ``symmetric``, ``counterpart``, ``counterpart_label``, ``value``,
        ``unit``, ``value_usd``, ``duration``, ``start``, ``start_precision``, ``end``
        (effective), ``end_precision``, ``stated_until``, ``end_reason`` (``stated``,
        ``revision``, ``event`` or ``None`` while in force), ``ended_by`` (in words),
        ``ended_by_fact``, ``mark`` (``ended``, ``superseded``, ``stated end`` or ``None``),
        ``status``, ``confidence``, ``role_note``, ``started_by``, ``started_by_label``,
        ``revised_by``, ``revises``, ``via`` (the absorbed actor whose relation this is, from
        ``via_from``), ``carried_to`` (where the relation went when ``actor`` was absorbed,
        with ``carried_from``), ``sources`` (URLs or titles). Sorted by start (undated first),
        end, type and key. Events: those ``about`` the actor (or ``other``), changing it, or
        starting or ending one of the listed relations, in ``[start, end]``, by date.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", label="Lab"); G.add_node("ms", label="MS")
    >>> _ = G.add_edge("lab", "ms", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                start="2019-07-22", valid_until="2025-01-21", status="ended",
    ...                end_reason="stated", fact_ids=["1"])
    >>> [(r["key"], r["start"], r["end"], r["mark"]) for r in timeline(G, "lab")["relations"]]
    [('buysComputeFrom:1', '2019-07-22', '2025-01-21', 'ended')]
    """
    ev_index = {e["iri"]: dict(e) for e in events}

    def label(n: str) -> str:
        return (G.nodes[n].get("label") if n in G else None) or n

    absorbed = absorptions(events)
    into = [a for a in absorbed if a["successor"] == actor]  # actors absorbed into this one
    out_of = [a for a in absorbed if a["original"] == actor]  # this actor absorbed elsewhere
    lo, hi = start, end
    records = []
    for u, v, k, d in G.edges(keys=True, data=True):
        via = None
        if actor in (u, v):
            party = v if u == actor else u
        else:
            hit = [a for a in into if a["original"] in (u, v) and actor not in (u, v)]
            if not hit:
                continue
            via = hit[0]
            party = v if u == via["original"] else u
        if other is not None and party != other:
            continue
        s, e = d.get("start"), d.get("valid_until")
        if via is not None:
            if e and e <= via["date"]:
                continue  # ended before the change: stays the absorbed actor's alone
            if not s or first_day(s) < via["date"]:
                s = via["date"]
        if hi and s and first_day(s) > hi:
            continue
        if lo and e and first_day(e) <= lo:
            continue
        ended_by, mark = _end_text(d, ev_index)
        carried = None
        for a in out_of:
            if party != a["successor"] and (not e or first_day(e) > a["date"]):
                carried = a
        started = d.get("started_by")
        records.append(
            {
                "key": str(k),
                "relation_iri": d.get("relation"),
                "fact_ids": list(d.get("fact_ids") or []),
                "source": u,
                "source_label": label(u),
                "target": v,
                "target_label": label(v),
                "relation": d.get("type"),
                "relation_label": d.get("type_label") or d.get("type"),
                "symmetric": bool(d.get("symmetric")),
                "counterpart": party,
                "counterpart_label": label(party),
                "value": d.get("value"),
                "unit": d.get("unit"),
                "value_usd": stated_usd(d),
                "duration": d.get("duration"),
                "start": s,
                "start_precision": (d.get("start_precision") or _precision(s)) if s == d.get("start") else "day",
                "start_basis": d.get("start_basis") if s == d.get("start") else "succession",
                "stated_start": d.get("stated_start"),
                "end": e,
                "end_precision": d.get("until_precision"),
                "stated_until": d.get("stated_until"),
                "end_reason": d.get("end_reason"),
                "ended_by": ended_by,
                "ended_by_fact": d.get("ended_by_fact"),
                "mark": mark,
                "status": d.get("status"),
                "status_class": d.get("status_class"),
                "confidence": d.get("confidence"),
                "role_note": d.get("role_note"),
                "started_by": started,
                "started_by_label": (ev_index.get(started or "") or {}).get("label") if started else None,
                "revised_by": list(d.get("revised_by") or []),
                "revises": list(d.get("revises") or []),
                "via": via["original"] if via else None,
                "via_label": label(via["original"]) if via else None,
                "via_from": via["date"] if via else None,
                "carried_to": carried["successor"] if carried else None,
                "carried_to_label": label(carried["successor"]) if carried else None,
                "carried_from": carried["date"] if carried else None,
                "sources": sorted({s_.get("url") or s_.get("title") or "" for s_ in d.get("sources") or []} - {""}),
                "ended_by_event": d.get("ended_by"),
            }
        )
    records.sort(
        key=lambda r: (
            first_day(r["start"]) or "",
            first_day(r["end"]) or "~",
            type_rank(r["relation"]),
            r["key"],
            r["source"],
            r["target"],
        )
    )
    touched = {r["started_by"] for r in records} | {r["ended_by_event"] for r in records}
    parties = {actor} | ({other} if other else set())
    shown = []
    for e in sorted(events, key=lambda e: (first_day(e.get("date")) or "", e["iri"])):
        day = first_day(e.get("date"))
        if not day or (lo and day < lo) or (hi and day > hi):
            continue
        related = set(e.get("about") or []) | set(e.get("original") or []) | set(e.get("resulting") or [])
        if e["iri"] in touched or parties & related:
            shown.append(
                {
                    "iri": e["iri"],
                    "label": e.get("label") or e["iri"],
                    "short_name": e.get("short_name"),
                    "date": day,
                }
            )
    return {
        "actor": actor,
        "label": label(actor),
        "other": other,
        "other_label": label(other) if other else None,
        "from": start,
        "to": end,
        "absorbed_into": [
            {"actor": a["successor"], "label": label(a["successor"]), "date": a["date"], "event": a["event"]}
            for a in out_of
        ],
        "absorbed": [
            {"actor": a["original"], "label": label(a["original"]), "date": a["date"], "event": a["event"]}
            for a in into
        ],
        "relations": records,
        "events": shown,
    }


def _precision(date: str | None) -> str | None:
    return {4: "year", 7: "month"}.get(len(date), "day") if date else None
