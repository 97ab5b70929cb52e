"""Organisation changes: whose relations an absorbed actor's become, and from which day.

An ``org:ChangeEvent`` dated on day D with exactly one ``org:resultingOrganization`` (itself an
actor) absorbs every ``org:originalOrganization`` other than that one (SpaceX absorbing xAI on
2026-02-02). From D on, the network draws the absorbed actor's relations on its successor,
keeping their IRI, key and fact ids; a relation between the absorbed actor and its successor
stays as stated. Chains are followed (A into B, later B into C: A's relations go to C).

A deal is drawn in *periods* (:func:`periods`): from its effective start to its effective end,
split on the days an absorption changes who its parties are drawn on. The periods are what the
snapshots draw and what SPARQL reads (``aikg:periodOf``, :mod:`graph.rules.materialise`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .inforce import first_day


def successors(
    events: Mapping[str, Mapping[str, Any]], actors: Mapping[str, Any], at: str
) -> dict[str, tuple[str, str]]:
    """Absorbed actor -> (its successor on ``at``, the change event), for ``at`` (YYYY-MM-DD).

    Examples
    --------
    >>> ev = {"e": {"iri": "e", "date": "2026-02-02", "original": ["spacex", "xai"], "resulting": ["spacex"]}}
    >>> successors(ev, {"spacex": {}, "xai": {}}, "2026-03-01")
    {'xai': ('spacex', 'e')}
    >>> successors(ev, {"spacex": {}, "xai": {}}, "2026-01-01")
    {}
    """
    step: dict[str, tuple[str, str]] = {}
    for e in sorted(events.values(), key=lambda e: (first_day(e.get("date")) or "", e["iri"])):
        day = first_day(e.get("date"))
        if not day or day > at or len(e["resulting"]) != 1:
            continue
        (to,) = e["resulting"]
        if to not in actors:
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


def absorption_days(events: Mapping[str, Mapping[str, Any]], actors: Mapping[str, Any]) -> list[str]:
    """The days on which some actor is absorbed, sorted."""
    days = set()
    for e in events.values():
        day = first_day(e.get("date"))
        if (
            day
            and len(e["resulting"]) == 1
            and e["resulting"][0] in actors
            and set(e["original"]) - set(e["resulting"])
        ):
            days.add(day)
    return sorted(days)


def drawn(actor: str, counterparty: str, succ: Mapping[str, tuple[str, str]]) -> tuple[str, str, list[str], str | None]:
    """The parties a relation is drawn on given ``succ`` (from :func:`successors`):
    ``(actor, counterparty, absorbed parties carried, event)``."""
    u, v, carried, event = actor, counterparty, [], None
    if succ and not ((u in succ and succ[u][0] == v) or (v in succ and succ[v][0] == u)):
        if u in succ:
            carried.append(u)
            u, event = succ[u]
        if v in succ:
            carried.append(v)
            v, event = succ[v]
    return u, v, sorted(carried), event


def periods(
    record: Mapping[str, Any],
    events: Mapping[str, Mapping[str, Any]],
    actors: Mapping[str, Any],
    days: list[str] | None = None,
) -> list[dict[str, Any]]:
    """The periods in which a deal is drawn between two given actors.

    Parameters
    ----------
    record : mapping
        A deal with ``start``, ``valid_until``, ``actor``, ``counterparty``.
    events, actors : mapping
        Change events and actors, as :class:`graph.rules.apply.Applied` holds them.
    days : list of str, optional
        :func:`absorption_days`, when the caller has them.

    Returns
    -------
    list of dict
        ``start``, ``end`` (``None``: open), ``actor``, ``counterparty``, ``via_successor_of``
        (absorbed parties, sorted) and ``successor_event``; empty when the deal is never in force.
    """
    start, end = record.get("start"), record.get("valid_until")
    if start is None or (end is not None and end <= start):
        return []
    days = absorption_days(events, actors) if days is None else days
    cuts = [start] + [d for d in days if d > start and (end is None or d < end)]
    out: list[dict[str, Any]] = []
    for i, day in enumerate(cuts):
        u, v, carried, event = drawn(
            record["actor"], record["counterparty"], successors(events, actors, day) if days else {}
        )
        nxt = cuts[i + 1] if i + 1 < len(cuts) else end
        if out and (out[-1]["actor"], out[-1]["counterparty"], out[-1]["via_successor_of"]) == (u, v, carried):
            out[-1]["end"] = nxt
            continue
        out.append(
            {
                "start": day,
                "end": nxt,
                "actor": u,
                "counterparty": v,
                "via_successor_of": carried,
                "successor_event": event,
            }
        )
    return out
