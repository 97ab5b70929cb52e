"""``aikg export``: the whole graph as RDF, or a dated snapshot as GraphML or GEXF."""

from __future__ import annotations

import argparse
import sys

from ..api.export import NETWORK_FORMATS, RDF_FORMATS, export_network
from .common import add_count_options, add_graph_options, emit, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the whole graph as Turtle, N-Triples or JSON-LD, or a snapshot as GraphML or GEXF",
        description="Write everything loaded (ontology, layers, your files and the derived "
        "direct triples) in one RDF file, every literal as loaded, or, with --format graphml or "
        "gexf, the network of actors as it stood on --at DATE (for Gephi and other tools; a GEXF "
        "file without --at holds every relation with its dates, for Gephi's timeline). Output is "
        "sorted, so the same input gives the same bytes.",
    )
    p.add_argument("--format", choices=sorted(RDF_FORMATS) + list(NETWORK_FORMATS), default="turtle")
    p.add_argument(
        "--at",
        metavar="DATE",
        help="graphml/gexf only: the day of the snapshot, YYYY-MM-DD (a month or year means its "
        "first day), or 'all' for every relation whatever its dates; default for graphml: today, or "
        "the data's last recorded happening if earlier; without it a GEXF file is dynamic: every "
        "relation, each with the first and last day it is in force, for Gephi's timeline",
    )
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    add_count_options(p)
    add_graph_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.dates import parse_day
    from ..core.errors import AikgError

    if args.format not in NETWORK_FORMATS:
        if args.at:
            raise AikgError("--at applies to --format graphml and gexf only; RDF exports hold every date")
        emit(open_kg(args).export(args.format), args.out)
        return 0
    if args.at and args.at != "all":
        parse_day(args.at, "--at")  # fail before loading the graph
    kg = open_kg(args)
    text, day, n = export_network(kg.graph, args.format, args.at, kg.network)
    if not args.at and args.format == "gexf":
        print(
            "no --at: a dynamic GEXF file, every relation with the days it is in force (give --at DATE "
            "for the network of one day)",
            file=sys.stderr,
        )
    elif not args.at:
        print(f"no --at: snapshot of {day}, today or the data's last recorded happening if earlier", file=sys.stderr)
    if n == 0:
        where = f"on {day}" if day else "on any day"
        print(f"note: no relation is in force {where}: the file holds the actors only", file=sys.stderr)
    emit(text, args.out)
    return 0
