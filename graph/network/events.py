"""Change events (``org:ChangeEvent`` with a date): fetched from the graph, found by name, and the
days around them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph

from ..core.errors import AikgError
from ..core.vocab import local_name


def _text(term: object) -> str | None:
    return None if term is None else str(term)

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
    from ..query import run_query

    events = []
    for event, short, label, date in run_query(graph, EVENTS_QUERY).rows:
        events.append(Event(str(event), _text(short), _text(label) or local_name(event), str(date)))
    return events


def find_event(events: list[Event], name: str) -> Event:
    """The event called ``name``: its short name, label (any case) or IRI."""
    from ..core.errors import unknown
    from ..query.actors import normalise

    wanted = normalise(name)
    for e in events:
        if wanted in {normalise(e.short_name or ""), normalise(e.label), normalise(e.iri)}:
            return e
    if not events:
        raise AikgError(f"unknown event {name!r}: the loaded graph has no dated events")
    raise unknown("event", name, [e.short_name or e.label for e in events])


ABOUT_QUERY = """
SELECT DISTINCT ?event ?actor WHERE {
  ?event a org:ChangeEvent ; aikg:about ?actor .
}
ORDER BY ?event ?actor
"""


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
    from ..core.dates import parse_day

    return parse_day(event.date, f"the date of event {event.label!r}")
