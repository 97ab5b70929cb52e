"""``aikg extract``: propose the facts a news text states, with their evidence, for review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_graph_options, emit, load

FORMATS = ("turtle", "table", "json")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="propose the relations a news text states (candidates with evidence, for review)",
        description="Read a French or English news text (plain UTF-8) and propose the relations it "
        "states between actors (buys compute from, partners with, needs approval from, chips, "
        "invests in, owns stake in), each with status 'extracted', a confidence, its values and "
        "dates resolved against --published, and the evidence span of every fact and value as "
        "text and character offsets. Actors come from the graph's labels and aliases (--data, "
        "--layers); organisations the graph does not know are proposed as new candidate actors. "
        "Exit 0 with 'nothing found' when the text states nothing the extractor recognises. "
        "See docs/extract.md.",
    )
    p.add_argument("file", metavar="FILE", help="the news text, plain UTF-8 (at most 5 MB)")
    p.add_argument("--lang", choices=("fr", "en", "auto"), default="auto", help="language (default: auto)")
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date, YYYY-MM-DD (required): relative dates such as «ce lundi» count from it",
    )
    p.add_argument("--title", metavar="T", help="the source's title (default: the text's first words)")
    p.add_argument("--url", metavar="U", help="the source's URL")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output: turtle (candidate RDF), table (for reading) or json; default: table on the "
        "terminal, or from --out's extension (.json, else turtle)",
    )
    p.add_argument("--out", metavar="FILE", help="write the output to FILE (whole or not at all)")
    p.add_argument(
        "--compare",
        action="store_true",
        help="mark each candidate as known, new or in conflict with the graph's facts (with their source)",
    )
    p.add_argument("--no-ner", action="store_true", help="do not look for organisations the graph does not know")
    add_graph_options(p)
    p.set_defaults(run=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.out:
        return "json" if args.out.lower().endswith(".json") else "turtle"
    return "table"


def run(args: argparse.Namespace) -> int:
    from ..extract import extract, read_text
    from ..extract.compare import compare
    from ..extract.pipeline import check_published
    from ..extract.render import nothing_found, table, to_json
    from ..extract.to_rdf import serialize

    check_published(args.published)
    text = read_text(args.file)
    graph = load(args)
    ex = extract(
        text,
        graph,
        published=args.published,
        lang=args.lang,
        title=args.title,
        url=args.url,
        source_name=Path(args.file).name,
        use_ner=not args.no_ner,
    )
    if not ex.candidates:
        msg = nothing_found(ex)
        sys.stdout.write(msg)
        if args.out:
            print(f"nothing written to {args.out}", file=sys.stderr)
        return 0
    if args.compare:
        compare(ex, graph)
    fmt = _format(args)
    if fmt == "turtle":
        out = serialize(ex)
    elif fmt == "json":
        out = to_json(ex)
    else:
        out = table(ex)
    emit(out, args.out)
    if args.out:
        counts = {}
        for c in ex.candidates:
            key = (c.compare or {}).get("status", "candidate")
            counts[key] = counts.get(key, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
        print(f"{len(ex.candidates)} candidate relation(s): {summary}", file=sys.stderr)
    return 0
