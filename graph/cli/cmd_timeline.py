"""``aikg timeline``: every relation of an actor over time, as tables and a chart."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..api.timeline import check_period, default_out
from .common import add_count_options, add_graph_options, add_validate_option, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "timeline",
        help="every relation of an actor over time: a table (Markdown, CSV, JSON) and a chart (PNG)",
        description="List every relation of ACTOR once, with its start, its end and what ended it "
        "(its own validUntil, a later relation that ends or supersedes it, or an event), and the "
        "change events around it; draw one bar per relation from start to end, coloured by "
        "relation type, with events as vertical lines. Writes timeline.md, timeline.csv, "
        "timeline.json and timeline.png into --out. Same input, same bytes.",
    )
    p.add_argument("actor", metavar="ACTOR", help="the actor: label, alias or IRI")
    p.add_argument("--with", dest="other", metavar="OTHER", help="only relations between ACTOR and OTHER")
    p.add_argument("--from", dest="start", metavar="DATE", help="only relations in force on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="only relations in force on or before DATE (YYYY-MM-DD)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: aikg-out/timeline-<actor>[-<other>])")
    add_count_options(p, statuses_default="all: a timeline shows talks and candidates too, marked")
    add_graph_options(p)
    add_validate_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_period(args.start, args.end)  # fail fast, before loading the graph
    timeline = open_kg(args).timeline(args.actor, args.other, start=args.start, end=args.end)
    sys.stdout.write(timeline.text(shutil.get_terminal_size().columns))
    paths = timeline.write(Path(args.out) if args.out else default_out(timeline.doc))
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
