"""``aikg build``: the main job. Validate, export and summarise into one output folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_graph_options, load


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="the main job: validate, export and summarise into an output folder",
        description="Validate the graph, write it as Turtle and N-Triples, and print a summary "
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
    from ..atomic import write_text
    from ..validate import validate
    from .cmd_export import serialize

    graph = load(args)
    violations = validate(graph)
    if violations:
        for v in violations:
            print(v.line())
        print(f"build stopped: {len(violations)} violation(s); nothing written")
        return 1
    out = Path(args.out)
    write_text(out / "aikg.ttl", serialize(graph, "turtle"))
    write_text(out / "aikg.nt", serialize(graph, "nt"))
    counts = summary_counts(graph)
    print(
        f"valid graph: {counts['actors']} actors, {counts['relations']} relations, "
        f"{counts['sources']} sources, {counts['events']} events"
    )
    print(f"wrote {out / 'aikg.ttl'}, {out / 'aikg.nt'}")
    return 0
