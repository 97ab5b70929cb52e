"""What ``aikg build`` computes: the main job. Validate, export and summarise into one output folder.

The command line (:mod:`graph.cli.cmd_build`) parses its options, calls these functions and prints."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
BUILD_PRODUCTS = (
    "aikg.ttl",
    "aikg.nt",
    "report",
    "shift-*",
    "timeline-*",
    "view*.html",
    "index.html",
    "colours.json",
)


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
    shifts = write_analyses(graph, out, layers, data, say=say)
    say("wrote the views: " + ", ".join(str(p) for p in write_build_views(graph, out, data, say=say)))
    say(f"wrote the start page: {write_index(out, index_info(out, layers, counts, data, shifts))}")
    return 0


#: What each kind of page of a build shows, for the start page (by file name pattern).
_PAGE_WHAT = (
    (r"report/report\.html", "the centrality report: who is central, supplier shares and concentration"),
    (r"view\.html", "the interactive network on the report's date (click an actor for its relations)"),
    (r"view-(.+)\.html", "the network before and after the {label} (the relations that changed stand out)"),
    (r"shift-(.+)/shift\.html", "what ended, started and changed around the {label} ({0})"),
)


def index_info(
    out: Path, layers: str, counts: dict[str, int], data: NetworkData, shifts: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """What the start page shows, as plain data: the layers, the facts' date range, the counts,
    the headline story (the shift around the build's event, from the same document its
    ``shift.html`` renders), the HTML pages with what each shows, and every file in ``out``."""
    from ..core.resources import layer_names
    from ..report.index_page import headline
    from .view import BUILD_EVENT

    names = layer_names() if layers in ("all", "") else [x.strip() for x in layers.split(",") if x.strip()]
    starts = sorted(r["start"] for r in data.relations if r.get("start"))
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    files = [f for f in files if f != "index.html"]
    labels = {k: (d.get("event") or {}).get("label", k) for k, d in shifts.items()}
    pages = []
    for f in files:
        if not f.endswith(".html"):
            continue
        what = "an HTML page of the build"
        for pattern, text in _PAGE_WHAT:
            m = re.fullmatch(pattern, f)
            if m:
                key = m.group(1) if m.groups() else ""
                what = text.format(key, label=labels.get(key, key))
                break
        pages.append({"href": f, "what": what})
    # The story page first: a newcomer's question is what changed, then who is central.
    story_page = f"shift-{BUILD_EVENT}/shift.html"
    pages.sort(key=lambda p: (p["href"] != story_page, p["href"] != f"view-{BUILD_EVENT}.html", p["href"]))
    story = None
    doc = shifts.get(BUILD_EVENT)
    if doc is not None and story_page in files:
        story = {
            "label": labels[BUILD_EVENT],
            "lines": headline(doc),
            "page": story_page,
            "view": f"view-{BUILD_EVENT}.html" if f"view-{BUILD_EVENT}.html" in files else None,
        }
    return {
        "title": "aikg: AI-infrastructure relationships",
        "layers": names,
        "first_date": starts[0] if starts else None,
        "last_date": data.horizon or (starts[-1] if starts else None),
        "counts": counts,
        "story": story,
        "pages": pages,
        "files": files,
    }


def write_index(out: Path, info: dict[str, Any]) -> Path:
    """Write ``<out>/index.html`` from ``info`` (:func:`index_info`) and add the link back to it to
    every HTML page listed there; return the index's path."""
    from ..core.atomic import write_text
    from ..report.index_page import add_home_link, index_html

    for p in info["pages"]:
        path = out / p["href"]
        depth = p["href"].count("/")
        page = path.read_text(encoding="utf-8")
        linked = add_home_link(page, "../" * depth + "index.html")
        if linked != page:
            write_text(path, linked)
    return write_text(out / "index.html", index_html(info))


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
) -> dict[str, dict[str, Any]]:
    """The report (``<out>/report/``), the timelines of the most central actors
    (``<out>/timeline-<actor>/``) and a shift around each named event
    (``<out>/shift-<short name>/``), as ``aikg report``, ``aikg timeline`` and
    ``aikg shift --event`` write them, their charts drawing each actor in one colour, written
    to ``<out>/colours.json`` (:func:`colours_doc`). Returns the shift documents by folder name
    (``restructuring`` for ``shift-restructuring/``)."""
    from ..core.atomic import write_text
    from ..core.errors import AikgError
    from ..network.events import fetch_events
    from ..report.charts import actor_colours
    from .report import build_report, chart_groups, write_report
    from .report import supplier_charts as report_charts
    from .shift import build_shift, write_shift
    from .shift import supplier_charts as shift_charts

    try:
        ov, rule = build_report(graph, data=data)
    except AikgError as exc:
        say(f"no report: {exc}")
        ov = None
    shifts: dict[str, dict[str, Any]] = {}
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
        shifts[folder] = doc
    # Every chart's actors known before the first is drawn: one colour per actor across the build.
    charts = [("report/report.html", s) for s in (report_charts(ov) if ov is not None else [])]
    charts += [(f"shift-{k}/shift.html", s) for k, doc in shifts.items() for s in shift_charts(doc)]
    groups = chart_groups([s for _, s in charts])
    colours = actor_colours(groups)
    if ov is not None:
        paths = write_report(ov, out / "report", rule=rule, layers=layers, colours=colours)
        say(f"wrote the report on {ov['at']}: " + ", ".join(str(p) for p in paths))
        top = [t["actor"] for t in ov["centrality"]["top"].get("pagerank", [])][:TIMELINES]
        write_timelines(graph, out, top, data, say=say)
    for folder, doc in shifts.items():
        paths = write_shift(doc, out / f"shift-{folder}", colours=colours)
        written = ", ".join(str(p) for p in paths)
        say(f"wrote the shift around {doc['event']['label']} ({doc['before']} to {doc['after']}): {written}")
    labels = {a: (data.actors.get(a) or {}).get("label") for a in colours} if data is not None else {}
    doc = colours_doc(colours, [(page, s["caption"], g) for (page, s), g in zip(charts, groups)], labels)
    write_text(out / "colours.json", json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return shifts


def colours_doc(
    colours: dict[str, str], charts: list[tuple[str, str, list[str]]], labels: dict[str, str | None]
) -> dict[str, Any]:
    """``colours.json``: the palette, each actor's colour (with its label) and, for each chart of
    the build (page, caption, actors drawn), the colour each of its actors was drawn in."""
    from ..report.charts import ACTOR_PALETTE

    return {
        "schema": "aikg-colours/1",
        "palette": list(ACTOR_PALETTE),
        "actors": {a: {"label": labels.get(a), "colour": colours[a]} for a in sorted(colours)},
        "charts": [
            {"page": page, "caption": caption, "actors": {a: colours[a] for a in actors}}
            for page, caption, actors in charts
        ],
    }
