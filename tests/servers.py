"""Real SPARQL servers for the tests, started on free 127.0.0.1 ports and stopped afterwards:
the Oxigraph server (from the `oxigraph` package) and Virtuoso Open Source (Debian's
`virtuoso-opensource-7-bin`, installed by scripts/test)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from graph.server.run import oxigraph_binary

VIRTUOSO_GRAPH = "https://w3id.org/ai-infra-kg/graph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def oxigraph_server(location: Path, *, writable: bool = False):
    """Serve the store at ``location``; yield the base URL."""
    port = free_port()
    mode = "serve" if writable else "serve-read-only"
    process = subprocess.Popen(
        [oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        stop(process)


@contextmanager
def virtuoso_server(folder: Path):
    """A throwaway Virtuoso with SPARQL Update granted to the anonymous user; yield its /sparql URL."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise RuntimeError("virtuoso-t is missing: scripts/test installs virtuoso-opensource-7-bin")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        f"""[Database]
DatabaseFile = {folder}/db.db
ErrorLogFile = {folder}/db.log
LockFile = {folder}/db.lck
TransactionFile = {folder}/db.trx
xa_persistent_file = {folder}/db.pxa
[TempDatabase]
DatabaseFile = {folder}/tmp.db
TransactionFile = {folder}/tmp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
"""
    )
    process = subprocess.Popen(
        [binary, "+configfile", str(ini), "+foreground"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_http(base + "/sparql?query=ASK%7B%7D", process, seconds=90)
        # dba/dba is a fresh database's default: fine for a throwaway instance on loopback.
        subprocess.run(
            ["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield base + "/sparql"
    finally:
        stop(process)


def interruptible() -> None:
    """Run in a child before it starts (``preexec_fn``): SIGINT is delivered as from a terminal.

    A shell starts a background job with SIGINT ignored, and a child inherits that; the tests that
    send SIGINT (Ctrl-C) must not depend on how the suite itself was started.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
