"""Helpers shared by the commands that build snapshots: ``export``, ``report``, ``shift``, ``build``."""

from __future__ import annotations

from typing import Any

from ..errors import AikgError

ABOUT_QUERY = """
SELECT DISTINCT ?event ?actor WHERE {
  ?event a org:ChangeEvent ; aikg:about ?actor .
}
ORDER BY ?event ?actor
"""

AT_RULE = (
    "No --at given: today, or the data's horizon (its last recorded happening: an announcement, "
    "an event, a source's date, an end recorded as past) when that is earlier; relations starting "
    "later are planned."
)


def latest_date(data: Any, events: list[Any] | None = None) -> str | None:
    """The day a command uses without ``--at`` (:func:`graph.rules.inforce.default_day`): today, or
    the data's horizon when earlier; ``None`` for a graph with no relation and no event."""
    from ..rules.inforce import default_day

    if not data.relations and not data.events:
        return None
    return default_day(data.horizon)


def event_about(graph: Any) -> dict[str, list[str]]:
    """Event IRI to the actors it is ``aikg:about``, sorted."""
    from ..query import run_query

    out: dict[str, list[str]] = {}
    for event, actor in run_query(graph, ABOUT_QUERY).rows:
        out.setdefault(str(event), []).append(str(actor))
    return out


def events_index(events: list[Any]) -> dict[str, dict[str, Any]]:
    """Event IRI to ``{"label", "short_name", "date"}``, for naming events in outputs."""
    return {e.iri: {"label": e.label, "short_name": e.short_name, "date": e.date} for e in events}


def event_day(event: Any) -> str:
    """An event's day, ``YYYY-MM-DD`` (partial dates: first day of the period)."""
    from ..dates import parse_day

    return parse_day(event.date, f"the date of event {event.label!r}")


def check_window(days: int) -> int:
    if days < 0:
        raise AikgError(f"--window {days}: expected a number of days, 0 or more")
    return days


def empty_message(day: str, data: Any) -> str:
    """Why a snapshot has no relation, with the dates the data does cover."""
    starts = sorted(r["start"] for r in data.relations if r.get("start"))
    if not data.relations:
        return "the loaded graph has no relations at all"
    span = f"; the data's relations start between {starts[0]} and {starts[-1]}" if starts else ""
    return f"no relation is in force on {day}{span}"
