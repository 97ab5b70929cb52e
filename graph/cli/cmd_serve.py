"""``aikg serve``: the graph as a SPARQL 1.1 endpoint with an offline query page (:mod:`graph.server.http`)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the graph as a SPARQL endpoint on 127.0.0.1",
        description="Build an Oxigraph store from the shipped layers and your files (or use "
        "--store oxigraph:DIR) and serve it: a SPARQL 1.1 Protocol endpoint at /query and an offline "
        "query page at /. Read-only unless --writable. Each query runs in a worker process that is "
        "stopped at the time limit; SERVICE and LOAD are refused unless --allow-service. "
        "Ctrl-C (or SIGTERM, SIGHUP) stops it. Design: docs/serve.md.",
    )
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--writable", action="store_true", help="accept SPARQL Update at /update")
    p.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="stop a query or update that runs longer, and the work with it (default: 30)",
    )
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="let SERVICE and LOAD call the servers they name (refused by default)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=2,
        help="queries run at once, each in a process of its own (default: 2; 1 with --writable)",
    )
    p.add_argument("--store", metavar="oxigraph:DIR", help="serve this store instead of building one")
    p.add_argument("--data", action="append", default=[], metavar="FILE", help="your own facts; repeatable")
    p.add_argument("--layers", default="all", metavar="NAMES", help="shipped layers (default: all)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..server.run import serve

    return serve(
        host=args.host,
        port=args.port,
        writable=args.writable,
        time_limit=args.time_limit,
        allow_service=args.allow_service,
        workers=args.workers,
        store=args.store,
        layers=args.layers,
        data=args.data,
    )
