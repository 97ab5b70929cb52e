"""``aikg load``: put the graph into a persistent store or a SPARQL endpoint, once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="build an embedded Oxigraph store, or push the graph to a SPARQL endpoint",
        description="Load the ontology, the chosen layers and your files, with the derived direct "
        "triples, into an embedded Oxigraph store (--store oxigraph:DIR, reopened fast by every "
        "command with the same option) or into a SPARQL 1.1 endpoint by SPARQL Update "
        "(--endpoint URL). It does not validate: run `aikg validate --store ...` for that.",
    )
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--store", metavar="oxigraph:DIR", help="the embedded store to build")
    target.add_argument("--endpoint", metavar="URL", help="the endpoint's query URL (its update URL is derived)")
    p.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="the SPARQL Update URL, when it is not the query URL with /query replaced by /update",
    )
    p.add_argument(
        "--graph-store",
        metavar="URL",
        help="with --endpoint: push by the Graph Store Protocol to this URL instead of SPARQL Update "
        "(Oxigraph: http://HOST/store?default; Virtuoso: http://HOST/sparql-graph-crud?graph-uri=IRI)",
    )
    p.add_argument(
        "--graph",
        metavar="IRI",
        help="with --endpoint: insert into this named graph (for servers with no writable default graph, "
        "such as Virtuoso); default: the default graph",
    )
    p.add_argument("--replace", action="store_true", help="empty the store, or the target graph, first")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS")
    p.add_argument("--data", action="append", default=[], metavar="FILE", help="your own facts; repeatable")
    p.add_argument("--layers", default="all", metavar="NAMES", help="shipped layers (default: all)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api.load import load_endpoint, load_store
    from ..core.errors import AikgError
    from ..store.memory import source_files
    from ..store.oxigraph import parse_store_spec

    files = source_files(args.layers, [Path(p) for p in args.data])
    if args.store:
        location = parse_store_spec(args.store)
        if location is None:
            raise AikgError("--store memory holds nothing between commands; use oxigraph:DIR")
        done = load_store(location, files, replace=args.replace)
        saved = " and saved its network index" if done.indexed else ""
        print(f"loaded {done.triples} triples into {done.target}{saved}")
        return 0
    done = load_endpoint(
        args.endpoint,
        files,
        update_endpoint=args.update_endpoint,
        graph_store=args.graph_store,
        graph=args.graph,
        replace=args.replace,
        timeout=args.timeout,
    )
    print(f"sent {done.triples} triples to {done.target}", file=sys.stderr)
    return 0
