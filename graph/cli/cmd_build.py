"""``aikg build``: the main job. Validate, export and summarise into one output folder."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from .common import add_graph_options, load


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="the main job: validate, export, report and summarise into an output folder",
        description="Validate the graph, write it as Turtle and N-Triples, write the report "
        "(report/), the timelines of the five most central actors (timeline-ACTOR/) and the "
        "shift around each named event (shift-NAME/), and print a summary "
        "(actors, relations, sources). Stops with exit 1, writing nothing, if the graph is invalid.",
    )
    p.add_argument("--out", default="aikg-out", metavar="DIR", help="output folder (default: ./aikg-out)")
    add_graph_options(p)
    p.set_defaults(run=run)


def summary_counts(graph) -> dict[str, int]:
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


def run(args: argparse.Namespace) -> int:
    from ..validate import validate

    graph = load(args)
    violations = validate(graph)
    if violations:
        for v in violations:
            print(v.line())
        print(f"build stopped: {len(violations)} violation(s); nothing written")
        return 1
    from ..atomic import replace_folder

    # Written into a hidden folder beside --out, renamed into place once whole: the previous
    # output stays until then, and a build killed part-way leaves no half-filled folder.
    final = Path(args.out)
    with replace_folder(final, BUILD_PRODUCTS) as out, _shown_as(out, final):
        return _write_outputs(graph, out, args)


#: What a build writes at the top of its folder: an existing --out holding anything else (and no
#: manifest from an earlier build) is not replaced.
BUILD_PRODUCTS = ("aikg.ttl", "aikg.nt", "report", "shift-*", "timeline-*", "view*.html", "index.html")


@contextlib.contextmanager
def _shown_as(stage: Path, final: Path) -> Iterator[None]:
    """Print paths under the folder being written as the paths they will have once in place."""

    class Renamed:
        def __init__(self, stream) -> None:
            self.stream = stream

        def write(self, text: str) -> int:
            return self.stream.write(text.replace(str(stage), str(final)))

        def __getattr__(self, name: str):
            return getattr(self.stream, name)

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = Renamed(out), Renamed(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def _write_outputs(graph, out: Path, args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from .cmd_export import serialize

    write_text(out / "aikg.ttl", serialize(graph, "turtle"))
    write_text(out / "aikg.nt", serialize(graph, "nt"))
    counts = summary_counts(graph)
    print(
        f"valid graph: {counts['actors']} actors, {counts['relations']} relations, "
        f"{counts['sources']} sources, {counts['events']} events"
    )
    print(f"wrote {out / 'aikg.ttl'}, {out / 'aikg.nt'}")
    from ..snapshot import fetch_network

    # One read of the network serves the report, the shifts, the timelines and the views.
    data = fetch_network(graph)
    write_analyses(graph, out, args.layers, data)
    from .cmd_view import write_build_views  # the interactive views (docs/views.md)

    print("wrote the views: " + ", ".join(str(p) for p in write_build_views(graph, out, data)))
    return 0


#: How many of the most central actors (by PageRank on the report's date) get a timeline.
TIMELINES = 5


def write_timelines(graph, out: Path, actors: list[str], data=None) -> None:
    """``<out>/timeline-<actor>/`` for each actor, as ``aikg timeline ACTOR`` writes it."""
    from ..snapshot import fetch_network
    from .cmd_timeline import build_timeline, slug, timeline_events, write_timeline

    if not actors:
        return
    data = data if data is not None else fetch_network(graph)
    events = timeline_events(graph, data)
    for actor in actors:
        tl = build_timeline(graph, actor, data=data, events=events)
        paths = write_timeline(tl, out / f"timeline-{slug(tl['label'])}")
        print(f"wrote the timeline of {tl['label']} ({len(tl['relations'])} relations): {paths[0].parent}")


def write_analyses(graph, out: Path, layers: str, data=None) -> None:
    """The report (``<out>/report/``), the timelines of the most central actors
    (``<out>/timeline-<actor>/``) and a shift around each named event
    (``<out>/shift-<short name>/``), as ``aikg report``, ``aikg timeline`` and
    ``aikg shift --event`` write them."""
    from ..errors import AikgError
    from ..snapshot import fetch_events
    from .cmd_report import build_report, write_report
    from .cmd_shift import build_shift, write_shift

    try:
        ov, rule = build_report(graph, data=data)
    except AikgError as exc:
        print(f"no report: {exc}")
    else:
        paths = write_report(ov, out / "report", rule=rule, layers=layers)
        print(f"wrote the report on {ov['at']}: " + ", ".join(str(p) for p in paths))
        write_timelines(graph, out, [t["actor"] for t in ov["centrality"]["top"].get("pagerank", [])][:TIMELINES], data)
    named = [e for e in fetch_events(graph) if e.short_name]
    if not named:
        print("no named change event in the loaded graph: no shift written")
    for e in named:
        try:
            doc = build_shift(graph, events=[e.iri], layers=layers, data=data)
        except AikgError as exc:
            print(f"no shift around {e.short_name}: {exc}")
            continue
        folder = re.sub(r"[^A-Za-z0-9._-]+", "-", e.short_name).strip("-.") or "event"
        paths = write_shift(doc, out / f"shift-{folder}")
        print(
            f"wrote the shift around {e.label} ({doc['before']} to {doc['after']}): " + ", ".join(str(p) for p in paths)
        )
