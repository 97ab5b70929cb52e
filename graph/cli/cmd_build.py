"""``aikg build``: the main job. Validate, export and summarise into one output folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..api.build import BUILD_PRODUCTS, write_build
from .common import add_graph_options, add_validate_option, load


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="the main job: validate, export, report and summarise into an output folder",
        description="Validate the graph, write it as Turtle and N-Triples, write the report "
        "(report/), the timelines of the five most central actors (timeline-ACTOR/) and the "
        "shift around each named event (shift-NAME/) and the start page index.html linking them "
        "all, and print a summary "
        "(actors, relations, sources). Stops with exit 1, writing nothing, if the graph is invalid "
        "(unless --no-validate).",
    )
    p.add_argument("--out", default="aikg-out", metavar="DIR", help="output folder (default: ./aikg-out)")
    add_graph_options(p)
    add_validate_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..validation.shacl import validate

    # The build validates the whole graph itself (shipped layers included), not only --data.
    graph = load(args, check=False)
    violations = validate(graph) if args.validate_data else []
    if violations:
        for v in violations:
            print(v.line())
        print(f"build stopped: {len(violations)} violation(s); nothing written")
        return 1
    from ..core.atomic import replace_folder

    # Written into a hidden folder beside --out, renamed into place once whole: the previous
    # output stays until then, and a build killed part-way leaves no half-filled folder.
    final = Path(args.out)
    with replace_folder(final, BUILD_PRODUCTS) as out:
        # Paths under the folder being written are shown as the paths they will have once in place.
        return write_build(graph, out, layers=args.layers, say=lambda line: print(line.replace(str(out), str(final))))
