"""``aikg serve``: the graph as a SPARQL 1.1 endpoint, with Oxigraph's query editor."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the graph as a SPARQL endpoint (Oxigraph server) on 127.0.0.1",
        description="Build an Oxigraph store from the shipped layers and your files (or use "
        "--store oxigraph:DIR) and serve it with the `oxigraph` server: a SPARQL 1.1 Protocol "
        "endpoint at /query and a query editor at /. Read-only unless --writable. Ctrl-C stops it.",
    )
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--writable", action="store_true", help="accept SPARQL Update at /update")
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


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 20.0) -> bool:
    """Poll ``url`` until it answers, the process dies, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def run(args: argparse.Namespace) -> int:
    from ..errors import AikgError
    from ..store import source_files
    from ..store_oxigraph import build_store, parse_store_spec

    binary = oxigraph_binary()
    scratch = None
    if args.store:
        location = parse_store_spec(args.store)
        if location is None:
            raise AikgError("--store memory cannot be served; give oxigraph:DIR or leave --store out")
    else:
        scratch = tempfile.TemporaryDirectory(prefix="aikg-serve-")
        location = Path(scratch.name) / "store"
        # The server answers SPARQL only: no network index is needed.
        count = build_store(location, source_files(args.layers, [Path(p) for p in args.data]), index=False)
        print(f"built a store of {count} triples", file=sys.stderr)
    mode = "serve" if args.writable else "serve-read-only"
    url = f"http://{args.host}:{args.port}"
    process = subprocess.Popen([binary, mode, "--location", str(location), "--bind", f"{args.host}:{args.port}"])
    try:
        if not wait_ready(url, process):
            process.terminate()
            raise AikgError(f"the oxigraph server did not start on {args.host}:{args.port} (port in use?)")
        access = "read-write" if args.writable else "read-only"
        print(f"serving {access} at {url}/ (SPARQL endpoint {url}/query); Ctrl-C to stop", flush=True)
        process.wait()
        return process.returncode or 0
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
        return 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if scratch is not None:
            scratch.cleanup()
