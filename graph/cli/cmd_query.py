"""``aikg query``: SPARQL over the graph, bundled or your own."""

from __future__ import annotations

import argparse
import shutil

from .common import add_graph_options, emit, load


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (a bundled name, a .rq file or a query string)",
        description="Run SPARQL over the graph. QUERY is a bundled query's name (see --list), "
        "a .rq file, or a SPARQL string. The prefixes aikg, actor, relation, source, event, rdf, "
        "rdfs, owl, xsd, org, prov, schema, skos, dcterms and wd are predeclared.",
    )
    p.add_argument("query", nargs="?", metavar="QUERY")
    p.add_argument("--list", action="store_true", help="list the bundled queries, one line each")
    p.add_argument(
        "--format",
        choices=("table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"),
        default="table",
        help="SELECT and ASK: table (default), or a W3C SPARQL 1.1 results format: json, xml, csv or tsv "
        "(csv and tsv for SELECT only); CONSTRUCT and DESCRIBE: turtle (default), nt or jsonld",
    )
    p.add_argument("--actor", help="bind ?actor: an actor's label, alias or IRI")
    p.add_argument("--at", metavar="DATE", help="bind ?at: a date, YYYY-MM-DD")
    p.add_argument(
        "--statuses",
        metavar="CLASSES",
        help="bind ?statuses: status classes to count, comma-separated, or all (bundled queries count all but "
        "talks and extracted by default)",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind another parameter (--param unit=USD, --param fact=A01); repeatable",
    )
    p.add_argument(
        "--wide",
        action="store_true",
        help="table: show every column on one line per row, however wide (by default a table fits the "
        "terminal, $COLUMNS if set: columns of IRIs and details are left out, long cells wrapped)",
    )
    p.add_argument("--out", metavar="FILE", help="write the result to FILE instead of printing it")
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="let SERVICE call the servers it names (refused by default: an outbound request with no time limit)",
    )
    add_graph_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import AikgError
    from ..query import bundled_queries, resolve_query, run_query
    from ..query.formats import render
    from ..query.runner import bind_params

    if args.list:
        queries = bundled_queries()
        width = max(len(n) for n in queries)
        for name, q in queries.items():
            params = " ".join(_option(p) if p.required else f"[{_option(p)}]" for p in q.params)
            print(f"{name.ljust(width)}  {q.title}" + (f"  ({params})" if params else ""))
        return 0
    if not args.query:
        raise AikgError("give a QUERY (a bundled name, a .rq file or SPARQL), or --list")
    text, spec = resolve_query(args.query)
    values = {"actor": args.actor, "at": args.at, "statuses": args.statuses}
    for item in args.param:
        if "=" not in item:
            raise AikgError(f"--param {item!r}: expected NAME=VALUE")
        key, value = item.split("=", 1)
        values[key.strip()] = value
    graph = load(args)
    bindings = bind_params(graph, spec, values)
    # Any query form (ASK and CONSTRUCT too) is rendered here; the API's query() returns rows.
    result = run_query(graph, text, bindings, allow_service=args.allow_service)
    # A table printed to a terminal fits it; one written to a file keeps every column.
    width = None if args.wide or args.out else shutil.get_terminal_size().columns
    emit(render(result, args.format, width), args.out)
    return 0


def _option(p) -> str:
    """How a bundled query's parameter is given on the command line, exactly as it is accepted."""
    metavars = {"actor": "NAME", "at": "DATE", "statuses": "CLASSES"}
    if p.name in metavars:
        return f"--{p.name} {metavars[p.name]}"
    return f"--param {p.name}=VALUE"
