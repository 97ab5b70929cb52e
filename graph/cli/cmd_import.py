"""``aikg import``: a facts CSV (the public-reports layout) into Turtle, checked row by row and
with the SHACL shapes before anything is written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_graph_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="turn a facts CSV (id,subject,relation,object,...) into Turtle, validated",
        description="Read a facts CSV in the layout of docs/public-layer.md, match its names to the "
        "actors of the loaded graph (--layers, --data), build one relation node per row with its "
        "source, and validate the result with the SHACL shapes. A bad row is reported with its row "
        "number, column and reason, and nothing is written; with --skip-invalid the good rows are "
        "written and the bad ones listed. Without --out the Turtle goes to standard output; the "
        "report always goes to standard error.",
    )
    p.add_argument("csv", metavar="FILE.csv", help="the facts CSV (UTF-8)")
    p.add_argument("--out", metavar="FILE.ttl", help="write the Turtle to FILE (default: standard output)")
    p.add_argument(
        "--actors",
        metavar="ACTORS.csv",
        help="classes, aliases and French labels of new actors: columns name,class,aliases[,label_fr]",
    )
    p.add_argument(
        "--actors-out",
        metavar="FILE.ttl",
        help="write the new actors to this file instead of with the facts",
    )
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the rows that pass and list the others (default: write nothing if any row fails)",
    )
    p.add_argument(
        "--dataset-title",
        metavar="TEXT",
        help="title of the source node standing for the CSV file (default: 'Facts CSV <file name>')",
    )
    add_graph_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api.importing import import_csv
    from ..core.atomic import write_text
    from ..core.errors import AikgError
    from ..store.memory import load_graph

    if getattr(args, "store", "memory") != "memory" or getattr(args, "endpoint", None):
        raise AikgError(
            "aikg import matches names against the shipped layers and --data files loaded in "
            "memory; --store and --endpoint do not apply (import first, then `aikg load` the Turtle)"
        )
    done = import_csv(
        args.csv,
        load_graph(args.layers, [Path(p) for p in args.data]),
        actors=args.actors,
        dataset_title=args.dataset_title,
        skip_invalid=args.skip_invalid,
        actors_apart=bool(args.actors_out),
    )
    for line in done.report + [v.line() for v in done.violations]:
        print(line, file=sys.stderr)
    if done.stopped:
        print(done.stopped, file=sys.stderr)
        return 1
    if args.actors_out:
        write_text(args.actors_out, done.actors_text)
        print(f"wrote {args.actors_out}", file=sys.stderr)
    if args.out:
        write_text(args.out, done.facts_text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(done.facts_text)
    return 0
