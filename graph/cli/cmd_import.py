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


def _data_path(path: Path) -> str | None:
    """The CSV's path relative to the shipped data folder, when it lies there."""
    from .. import resources

    try:
        return path.resolve().relative_to(resources.data_dir().resolve()).as_posix()
    except ValueError:
        return None


def _read(path: Path, what: str) -> bytes:
    from ..errors import AikgError

    if not path.is_file():
        raise AikgError(f"{path}: no such {what}")
    return path.read_bytes()


def run(args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from ..derive import derive_direct_edges
    from ..errors import AikgError
    from ..sources.csv_facts import actors_turtle, facts_turtle, import_facts, report_lines
    from ..store import load_graph
    from ..validate import validate

    path = Path(args.csv)
    data = _read(path, "CSV file")
    actors_path = Path(args.actors) if args.actors else None
    actors_data = _read(actors_path, "actors CSV") if actors_path else None
    if getattr(args, "store", "memory") != "memory" or getattr(args, "endpoint", None):
        raise AikgError(
            "aikg import matches names against the shipped layers and --data files loaded in "
            "memory; --store and --endpoint do not apply (import first, then `aikg load` the Turtle)"
        )
    known = load_graph(args.layers, [Path(p) for p in args.data])
    result = import_facts(
        data,
        path.name,
        known,
        actors_csv=actors_data,
        actors_name=actors_path.name if actors_path else "actors.csv",
        dataset_title=args.dataset_title,
        dataset_path=_data_path(path),
        base_dir=path.parent,
    )

    def report(lines: list[str]) -> None:
        for line in lines:
            print(line, file=sys.stderr)

    report(report_lines(result, path.name))
    fatal = [e for e in result.errors if e.row == 1 or e.file != path.name or not result.rows]
    if result.errors and (not args.skip_invalid or fatal or not result.relations):
        print(
            f"import stopped: {len(result.errors)} error{'s' if len(result.errors) != 1 else ''}; nothing written",
            file=sys.stderr,
        )
        return 1
    if result.skipped:
        rows = ", ".join(str(n) for n in result.skipped)
        print(f"skipped row{'s' if len(result.skipped) != 1 else ''} {rows} (--skip-invalid)", file=sys.stderr)

    # The shapes see the new triples together with everything loaded, as `aikg validate` would.
    combined = known
    for triple in result.facts:
        combined.add(triple)
    for triple in result.actors:
        combined.add(triple)
    derive_direct_edges(combined)
    violations = validate(combined)
    if violations:
        for v in violations:
            print(v.line(), file=sys.stderr)
        print(f"import stopped: {len(violations)} SHACL violation(s); nothing written", file=sys.stderr)
        return 1

    facts_text = facts_turtle(result, path.name, with_actors=not args.actors_out)
    if args.actors_out:
        write_text(args.actors_out, actors_turtle(result, path.name))
        print(f"wrote {args.actors_out}", file=sys.stderr)
    if args.out:
        write_text(args.out, facts_text)
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(facts_text)
    return 0
