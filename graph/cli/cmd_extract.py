"""``aikg extract``: propose the facts news texts state, with their evidence, for review."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .common import add_graph_options, emit, load

FORMATS = ("turtle", "table", "json", "csv")
_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


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


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.out:
        lower = args.out.lower()
        return "json" if lower.endswith(".json") else "csv" if lower.endswith(".csv") else "turtle"
    return "table"


def _published(args: argparse.Namespace, path: Path) -> str:
    from ..errors import AikgError

    if args.published:
        return args.published
    m = _DATED_NAME.match(path.name)
    if m is None:
        raise AikgError(
            f"{path}: --published DATE is required (the publication date, YYYY-MM-DD, against which relative "
            "dates such as «ce lundi» or «last week» are resolved), or start the file name with the date: "
            "2025-11-03-openai-aws.txt"
        )
    return m.group(1)


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
            sys.stderr.write(f"extract [{done}/{self.total}] {name}: {found} candidate relation(s)\n")
        sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    from ..errors import AikgError
    from ..extract import extract, read_text
    from ..extract.compare import compare
    from ..extract.pipeline import check_published
    from ..extract.render import nothing_found, table, to_json
    from ..extract.to_csv import to_csv
    from ..extract.to_rdf import serialize

    paths = [Path(f) for f in args.files]
    if len(paths) > 1 and (args.title or args.url):
        raise AikgError("--title and --url name one source: give them with one FILE only")
    fmt = _format(args)
    # every input is checked before any work: a bad date or file stops the run at once
    dates = [check_published(_published(args, p)).isoformat() for p in paths]
    texts = [read_text(p) for p in paths]
    graph = load(args)
    progress = _Progress(len(paths))
    results = []
    for i, (path, text, published) in enumerate(zip(paths, texts, dates), 1):
        ex = extract(
            text,
            graph,
            published=published,
            lang=args.lang,
            title=args.title,
            url=args.url,
            source_name=path.name,
            use_ner=not args.no_ner,
        )
        if ex.candidates and (args.compare or fmt == "csv"):
            compare(ex, graph)
        results.append((ex, path))
        progress.step(i, path.name, len(ex.candidates))
    found = [(ex, path) for ex, path in results if ex.candidates]
    if not found:
        for ex, path in results:
            prefix = f"{path.name}: " if len(results) > 1 else ""
            sys.stdout.write(prefix + nothing_found(ex))
        if args.out:
            print(f"nothing written to {args.out}", file=sys.stderr)
        return 0
    if fmt == "csv":
        base = Path(args.out).parent if args.out else Path.cwd()
        out = to_csv(found, base)
    elif fmt == "turtle":
        out = _turtle(found) if len(found) > 1 else serialize(found[0][0])
    elif fmt == "json":
        out = to_json(found[0][0]) if len(results) == 1 else _json_many(results)
    else:
        out = _table_many(results, table, nothing_found)
    emit(out, args.out)
    if args.out:
        print(_summary(found, len(results)), file=sys.stderr)
    return 0


def _summary(found: list, files: int) -> str:
    """ "5 candidate relation(s) from 2 file(s): 1 known, 3 new, 1 conflict" (the compare marks
    when they were made)."""
    n = sum(len(ex.candidates) for ex, _ in found)
    line = f"{n} candidate relation(s) from {files} file(s)"
    counts: dict[str, int] = {}
    for ex, _ in found:
        for c in ex.candidates:
            if c.compare:
                counts[c.compare["status"]] = counts.get(c.compare["status"], 0) + 1
    if counts:
        line += ": " + ", ".join(f"{counts[k]} {k}" for k in ("known", "new", "conflict") if k in counts)
    return line


def _table_many(results: list, table, nothing_found) -> str:
    if len(results) == 1:
        return table(results[0][0])
    parts = []
    for ex, path in results:
        parts.append(f"== {path}\n" + (table(ex) if ex.candidates else nothing_found(ex)))
    return "\n".join(parts)


def _json_many(results: list) -> str:
    import json

    from ..extract.render import to_json

    docs = [json.loads(to_json(ex)) for ex, _ in results]
    return json.dumps({"files": docs}, ensure_ascii=False, indent=2) + "\n"


def _turtle(found: list) -> str:
    from ..extract.to_rdf import to_graph
    from ..store import new_graph

    g = new_graph()
    g.bind("candidate", "https://w3id.org/aikg/id/candidate-actor/")
    for ex, _ in found:
        for triple in to_graph(ex):
            g.add(triple)
    names = ", ".join(path.name for _, path in found)
    header = (
        '# Candidate facts proposed by `aikg extract` (status "extracted"): review each one before\n'
        f"# it enters data/. Source texts: {names}.\n"
    )
    return header + g.serialize(format="turtle")
