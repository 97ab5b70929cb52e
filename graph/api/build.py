"""What ``aikg build`` computes: the main job. Validate, export and summarise into one output folder.

The command line (:mod:`graph.cli.cmd_build`) parses its options, calls these functions and prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from ..network.data import NetworkData

#: Where a function reports progress: a line at a time (the command line prints them).
Say = Callable[[str], None]


def summary_counts(graph: Graph) -> dict[str, int]:
    """Counts for the summary line: actors, relations (and how many in force), sources, events."""
    from ..query import run_query

    text = """
    SELECT
      (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?rel) AS ?relations)
      (COUNT(DISTINCT ?src) AS ?sources) (COUNT(DISTINCT ?event) AS ?events)
    WHERE {
      { ?c rdfs:subClassOf* aikg:Actor . ?actor a ?c }
      UNION { ?rel a aikg:Relation }
      UNION { ?src a aikg:Source }
      UNION { ?event a org:ChangeEvent }
    }"""
    row = run_query(graph, text).rows[0]
    names = ("actors", "relations", "sources", "events")
    return {n: int(v.toPython()) for n, v in zip(names, row)}


#: What a build writes at the top of its folder: an existing --out holding anything else (and no
#: manifest from an earlier build) is not replaced.
BUILD_PRODUCTS = ("aikg.ttl", "aikg.nt", "report", "shift-*", "timeline-*", "view*.html", "index.html")


def write_build(graph: Graph, out: Path, *, layers: str, say: Say = print) -> int:
    """Write every output of ``aikg build`` into ``out`` (the graph must be valid); return 0.

    ``say`` receives one line per thing written (the command line prints them).
    """
    from ..core.atomic import write_text
    from ..network.fetch import fetch_network
    from .export import serialize
    from .view import write_build_views  # the interactive views (docs/views.md)

    write_text(out / "aikg.ttl", serialize(graph, "turtle"))
    write_text(out / "aikg.nt", serialize(graph, "nt"))
    counts = summary_counts(graph)
    say(
        f"valid graph: {counts['actors']} actors, {counts['relations']} relations, "
        f"{counts['sources']} sources, {counts['events']} events"
    )
    say(f"wrote {out / 'aikg.ttl'}, {out / 'aikg.nt'}")
    # One read of the network serves the report, the shifts, the timelines and the views.
    data = fetch_network(graph)
    write_analyses(graph, out, layers, data, say=say)
    say("wrote the views: " + ", ".join(str(p) for p in write_build_views(graph, out, data, say=say)))
    return 0


#: How many of the most central actors (by PageRank on the report's date) get a timeline.
TIMELINES = 5


def write_timelines(
    graph: Graph, out: Path, actors: list[str], data: NetworkData | None = None, say: Say = print
) -> None:
    """``<out>/timeline-<actor>/`` for each actor, as ``aikg timeline ACTOR`` writes it."""
    from ..network.fetch import fetch_network
    from .timeline import build_timeline, slug, timeline_events, write_timeline

    if not actors:
        return
    data = data if data is not None else fetch_network(graph)
    events = timeline_events(graph, data)
    for actor in actors:
        tl = build_timeline(graph, actor, data=data, events=events)
        paths = write_timeline(tl, out / f"timeline-{slug(tl['label'])}")
        say(f"wrote the timeline of {tl['label']} ({len(tl['relations'])} relations): {paths[0].parent}")


def write_analyses(
    graph: Graph, out: Path, layers: str, data: NetworkData | None = None, say: Say = print
) -> None:
    """The report (``<out>/report/``), the timelines of the most central actors
    (``<out>/timeline-<actor>/``) and a shift around each named event
    (``<out>/shift-<short name>/``), as ``aikg report``, ``aikg timeline`` and
    ``aikg shift --event`` write them."""
    from ..core.errors import AikgError
    from ..network.events import fetch_events
    from .report import build_report, write_report
    from .shift import build_shift, write_shift

    try:
        ov, rule = build_report(graph, data=data)
    except AikgError as exc:
        say(f"no report: {exc}")
    else:
        paths = write_report(ov, out / "report", rule=rule, layers=layers)
        say(f"wrote the report on {ov['at']}: " + ", ".join(str(p) for p in paths))
        top = [t["actor"] for t in ov["centrality"]["top"].get("pagerank", [])][:TIMELINES]
        write_timelines(graph, out, top, data, say=say)
    named = [e for e in fetch_events(graph) if e.short_name]
    if not named:
        say("no named change event in the loaded graph: no shift written")
    for e in named:
        try:
            doc = build_shift(graph, events=[e.iri], layers=layers, data=data)
        except AikgError as exc:
            say(f"no shift around {e.short_name}: {exc}")
            continue
        folder = re.sub(r"[^A-Za-z0-9._-]+", "-", e.short_name).strip("-.") or "event"
        paths = write_shift(doc, out / f"shift-{folder}")
        written = ", ".join(str(p) for p in paths)
        say(f"wrote the shift around {e.label} ({doc['before']} to {doc['after']}): {written}")
