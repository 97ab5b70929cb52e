"""Serving the graph: a store built or opened, a pool of query workers, the HTTP front, and a
clean stop (``aikg serve`` is this with its options parsed).

Design: docs/serve.md.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ..core.errors import AikgError
from .http import (
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


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        raise AikgError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _stdout(line: str) -> None:
    print(line, flush=True)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    writable: bool = False,
    time_limit: float = 30.0,
    allow_service: bool = False,
    workers: int = 2,
    store: str | None = None,
    layers: str = "all",
    data: Sequence[str | Path] = (),
    say: Callable[[str], None] = _stderr,
    ready: Callable[[str], None] = _stdout,
) -> int:
    """Serve the graph until Ctrl-C, SIGTERM or SIGHUP; returns the exit code.

    The port is bound first, so a busy one fails before anything is built. Without ``store`` a
    scratch Oxigraph store is built from ``layers`` and ``data`` and removed on the way out.
    ``say`` gets progress and warnings, ``ready`` the line announcing the address.
    """
    from ..store.memory import source_files
    from ..store.oxigraph import INCOMPLETE, MARKER, build_store, parse_store_spec

    if not 0 <= port <= 65535:
        raise AikgError(f"--port {port}: expected a port number, 0 to 65535")
    if time_limit <= 0 or workers < 1:
        raise AikgError("--time-limit must be above 0 and --workers at least 1")
    location = None
    if store:
        location = parse_store_spec(store)
        if location is None:
            raise AikgError("--store memory cannot be served; give oxigraph:DIR or leave --store out")
        if (location / INCOMPLETE).exists() or not (location / MARKER).exists():
            raise AikgError(
                f"no complete aikg store at {location}: build it with `aikg load --store oxigraph:{location}`"
            )
    settings = Settings(time_limit=time_limit, writable=writable, allow_outbound=allow_service)
    previous = handle_stop_signals()
    server = pool = scratch = None
    serving = False
    try:
        # First the port, so that a busy one is a clear error before anything is built or printed.
        server = bind(host, port, settings)
        port = server.server_address[1]
        if location is None:
            sweep_scratch(Path(tempfile.gettempdir()))
            scratch = Path(tempfile.mkdtemp(prefix="aikg-serve-"))
            (scratch / PID_FILE).write_text(f"{os.getpid()}\n")
            location = scratch / "store"
            # The server answers SPARQL only: no network index is needed.
            count = build_store(location, source_files(layers, [Path(p) for p in data]))
            say(f"built a store of {count} triples")
        pool = Pool(location, 1 if writable else workers, writable=writable, allow_outbound=allow_service)
        settings.pool = pool
        pool.start()
        threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
        serving = True
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}"
        for line in _warnings(host, writable, allow_service, url, pool.isolated, is_loopback(host)):
            say(line)
        access = "read-write" if writable else "read-only"
        ready(f"serving {access} at {url}/ (SPARQL endpoint {url}/query); Ctrl-C to stop")
        pool.supervise()
        return 0
    except (KeyboardInterrupt, Stop):
        say("stopping")
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


def _warnings(host: str, writable: bool, allow_service: bool, url: str, isolated: bool, loopback: bool) -> list[str]:
    lines = []
    if not loopback:
        lines.append(
            f"warning: --host {host} is not this machine only: anyone who can reach {url} can query the "
            "graph, with no password"
        )
    if writable:
        lines.append(
            f"warning: --writable: anyone who can reach {url} can change or erase the graph (SPARQL Update at "
            "/update; only as application/sparql-update, never from a form on another site)"
        )
    if allow_service:
        lines.append("warning: --allow-service: SERVICE and LOAD in a query may call any server, from this machine")
    elif not isolated:
        lines.append(
            "note: the query workers could not be cut off the network here (no network namespaces); "
            "SERVICE and LOAD are still refused"
        )
    return lines
