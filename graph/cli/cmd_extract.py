"""``aikg extract``: propose the facts news texts state, with their evidence, for review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..api.extract import FORMATS
from .common import add_graph_options, emit, load


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="propose the relations news texts state (candidates with evidence, for review)",
        description="Read French or English news texts (plain UTF-8) and propose the relations they "
        "state between actors (buys compute from, partners with, needs approval from, chips, "
        "invests in, owns stake in, subsidiary of), each with status 'extracted', a confidence, its "
        "values and dates resolved against the publication date, and the evidence span of every fact "
        "and value as text and character offsets. Actors come from the graph's labels, aliases and "
        "epithets (--data, --layers); organisations the graph does not know are proposed as new "
        "candidate actors. With --out FILE.csv the candidates become a review sheet in the import "
        "layout with an 'accept' column: mark rows yes, then `aikg import FILE.csv`. Exit 0 with "
        "'nothing found' when no text states anything the extractor recognises. See docs/extract.md.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="news texts, plain UTF-8 (at most 2 MB each)")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto", help="language (default: auto)")
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date, YYYY-MM-DD, of every FILE: relative dates such as «ce lundi» count from "
        "it. Without it each file name must start with its date (2025-11-03-openai-aws.txt)",
    )
    p.add_argument("--title", metavar="T", help="the source's title (one FILE only; default: its first words)")
    p.add_argument("--url", metavar="U", help="the source's URL (one FILE only)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output: turtle (candidate RDF), table (for reading), json, or csv (a review sheet for "
        "`aikg import`); default: table on the terminal, or from --out's extension (.json, .csv, else turtle)",
    )
    p.add_argument("--out", metavar="FILE", help="write the output to FILE (whole or not at all)")
    p.add_argument(
        "--compare",
        action="store_true",
        help="mark each candidate as known, new or in conflict with the graph's facts (always on for csv)",
    )
    p.add_argument("--no-ner", action="store_true", help="do not look for organisations the graph does not know")
    add_graph_options(p)
    p.set_defaults(run=run)


class _Progress:
    """One line per text on standard error, or a bar redrawn in place on a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()

    def step(self, done: int, name: str, found: int) -> None:
        if self.total < 2:
            return
        if self.tty:
            width = 30
            filled = width * done // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} {name[:40]:<40}")
            if done == self.total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(
                f"extract [{done}/{self.total}] {name}: {found} candidate relation{'' if found == 1 else 's'}\n"
            )
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from ..api.extract import extract_files, output_format

    fmt = output_format(args.format, args.out)
    graph = load(args)
    result = extract_files(
        graph,
        args.files,
        published=args.published,
        lang=args.lang,
        title=args.title,
        url=args.url,
        use_ner=not args.no_ner,
        compare=args.compare or fmt == "csv",
        progress=_Progress(len(args.files)).step,
    )
    if not result.found:
        sys.stdout.write(result.nothing_found())
        if args.out:
            print(f"nothing written to {args.out}", file=sys.stderr)
        return 0
    emit(result.text(fmt, Path(args.out).parent if args.out else None), args.out)
    if args.out:
        print(result.summary(), file=sys.stderr)
    return 0
