"""``aikg serve``: the graph as a SPARQL 1.1 endpoint with an offline query page (:mod:`graph.serve`)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path


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


def oxigraph_binary() -> str:
    from ..errors import AikgError

    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise AikgError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def run(args: argparse.Namespace) -> int:
    import shutil
    import threading

    from ..errors import AikgError
    from ..serve import (
        PID_FILE,
        Pool,
        Settings,
        Stop,
        bind,
        handle_stop_signals,
        ignore_stop_signals,
        is_loopback,
        restore_signals,
        sweep_scratch,
    )
    from ..store import source_files
    from ..store_oxigraph import INCOMPLETE, MARKER, build_store, parse_store_spec

    if not 0 <= args.port <= 65535:
        raise AikgError(f"--port {args.port}: expected a port number, 0 to 65535")
    if args.time_limit <= 0 or args.workers < 1:
        raise AikgError("--time-limit must be above 0 and --workers at least 1")
    location = None
    if args.store:
        location = parse_store_spec(args.store)
        if location is None:
            raise AikgError("--store memory cannot be served; give oxigraph:DIR or leave --store out")
        if (location / INCOMPLETE).exists() or not (location / MARKER).exists():
            raise AikgError(
                f"no complete aikg store at {location}: build it with `aikg load --store oxigraph:{location}`"
            )
    settings = Settings(time_limit=args.time_limit, writable=args.writable, allow_outbound=args.allow_service)
    previous = handle_stop_signals()
    server = pool = scratch = None
    serving = False
    try:
        # First the port, so that a busy one is a clear error before anything is built or printed.
        server = bind(args.host, args.port, settings)
        port = server.server_address[1]
        if location is None:
            sweep_scratch(Path(tempfile.gettempdir()))
            scratch = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
            (scratch / PID_FILE).write_text(f"{os.getpid()}\n")
            location = scratch / "store"
            # The server answers SPARQL only: no network index is needed.
            count = build_store(location, source_files(args.layers, [Path(p) for p in args.data]), index=False)
            print(f"built a store of {count} triples", file=sys.stderr)
        pool = Pool(
            location, 1 if args.writable else args.workers, writable=args.writable, allow_outbound=args.allow_service
        )
        settings.pool = pool
        pool.start()
        threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
        serving = True
        host = f"[{args.host}]" if ":" in args.host else args.host
        url = f"http://{host}:{port}"
        for line in _warnings(args, url, pool.isolated, is_loopback(args.host)):
            print(line, file=sys.stderr)
        access = "read-write" if args.writable else "read-only"
        print(f"serving {access} at {url}/ (SPARQL endpoint {url}/query); Ctrl-C to stop", flush=True)
        pool.supervise()
        return 0
    except (KeyboardInterrupt, Stop):
        print("stopping", file=sys.stderr)
        return 0
    finally:
        ignore_stop_signals()
        if server is not None:
            if serving:
                server.shutdown()
            server.server_close()
        if pool is not None:
            pool.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        restore_signals(previous)


def _warnings(args: argparse.Namespace, url: str, isolated: bool, loopback: bool) -> list[str]:
    lines = []
    if not loopback:
        lines.append(
            f"warning: --host {args.host} is not this machine only: anyone who can reach {url} can query the "
            "graph, with no password"
        )
    if args.writable:
        lines.append(
            f"warning: --writable: anyone who can reach {url} can change or erase the graph (SPARQL Update at "
            "/update; only as application/sparql-update, never from a form on another site)"
        )
    if args.allow_service:
        lines.append("warning: --allow-service: SERVICE and LOAD in a query may call any server, from this machine")
    elif not isolated:
        lines.append(
            "note: the query workers could not be cut off the network here (no network namespaces); "
            "SERVICE and LOAD are still refused"
        )
    return lines
