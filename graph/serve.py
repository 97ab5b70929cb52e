"""The SPARQL server behind ``aikg serve``: a small HTTP front in Python, and queries run by
pyoxigraph in worker processes it can kill. Design notes: docs/serve.md.

Why not ``oxigraph serve`` behind a proxy: its ``--timeout-s`` answers the client but lets the
query run on (a cartesian ``COUNT`` kept a core busy for minutes after its timeout), it has no
switch for ``SERVICE``, and a proxy in front of it would leave its own port open on 127.0.0.1,
where any page in a browser could reach it around the proxy. Here nothing but this front
listens; each query runs in a worker process with a deadline, and a worker past it is killed
(SIGKILL) and replaced, so the work stops, not only the answer.
"""

from __future__ import annotations

import html
import ipaddress
import json
import os
import queue
import secrets
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .atomic import process_alive
from .errors import AikgError
from .serve_worker import _HEADER, write_frame
from .sparql_guard import outbound_keyword, refusal

#: Largest request body read (a query, or an update in writable mode).
MAX_BODY = 16 * 2**20
#: Answers up to this size are sent whole, with their length, once complete (so that a query
#: stopped at the time limit gets a clean error); larger ones are streamed as they come.
BUFFERED = 4 * 2**20
#: How long a client may take to send its request (the slow-client bound).
CLIENT_TIMEOUT = 30.0


class WorkerGoneError(Exception):
    """The worker ended, or was killed at the deadline."""


class Worker:
    """One worker process (:mod:`graph.serve_worker`) and its pipes."""

    def __init__(self, location: Path, *, writable: bool, allow_outbound: bool, start_timeout: float = 60.0) -> None:
        command = [sys.executable, "-m", "graph.serve_worker", str(location), "--parent", str(os.getpid())]
        if writable:
            command.append("--writable")
        if allow_outbound:
            command.append("--allow-outbound")
        # A process group of its own: Ctrl-C in the terminal reaches the server only, which
        # stops the workers itself.
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, process_group=0, close_fds=True
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin = self.process.stdin
        self.fd = self.process.stdout.fileno()
        kind, payload = self.receive(time.monotonic() + start_timeout)
        if kind != b"R":
            message = json.loads(payload).get("message", "") if kind == b"X" else "no answer"
            self.kill()
            raise AikgError(f"the query worker did not start: {message}")
        self.isolated = bool(json.loads(payload).get("isolated"))

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, kind: bytes, request: dict[str, Any]) -> None:
        try:
            write_frame(self.stdin, kind, json.dumps(request).encode())
            self.stdin.flush()
        except OSError:
            raise WorkerGoneError("the worker has stopped") from None

    def _read(self, n: int, deadline: float) -> bytes:
        data = bytearray()
        while len(data) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(self.fd, n - len(data))
            if not chunk:
                raise WorkerGoneError("the worker has stopped")
            data += chunk
        return bytes(data)

    def receive(self, deadline: float) -> tuple[bytes, bytes]:
        """The next frame, or TimeoutError at ``deadline``, or :class:`WorkerGoneError`."""
        kind, length = _HEADER.unpack(self._read(_HEADER.size, deadline))
        return kind, self._read(length, deadline) if length else b""

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                try:
                    stream.close()
                except OSError:
                    pass


class Pool:
    """Idle workers, handed to one request at a time. Workers are started only by the thread
    that runs :meth:`supervise` (the main thread): ``PR_SET_PDEATHSIG`` fires when the thread
    that started a process ends, so a worker started by a request's thread would die with it."""

    def __init__(self, location: Path, size: int, *, writable: bool, allow_outbound: bool) -> None:
        self.location = location
        self.size = size
        self.options = {"writable": writable, "allow_outbound": allow_outbound}
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.wanted: queue.Queue[int] = queue.Queue()
        self.all: set[Worker] = set()
        self.lock = threading.Lock()
        self.isolated = True
        self.stopped = threading.Event()

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn()

    def _spawn(self) -> None:
        worker = Worker(self.location, **self.options)
        with self.lock:
            self.all.add(worker)
            self.isolated = self.isolated and worker.isolated
        self.idle.put(worker)

    def supervise(self) -> None:
        """Replace killed workers until :meth:`close`; runs in the main thread."""
        while not self.stopped.is_set():
            try:
                self.wanted.get(timeout=0.5)
            except queue.Empty:
                continue
            try:
                self._spawn()
            except AikgError as exc:
                print(f"aikg serve: {exc}; retrying", file=sys.stderr, flush=True)
                time.sleep(1)
                self.wanted.put(1)

    def acquire(self, timeout: float) -> Worker | None:
        try:
            return self.idle.get(timeout=timeout)
        except queue.Empty:
            return None

    def release(self, worker: Worker) -> None:
        self.idle.put(worker)

    def discard(self, worker: Worker) -> None:
        """Kill ``worker`` (the work stops with it) and have it replaced."""
        worker.kill()
        with self.lock:
            self.all.discard(worker)
        if not self.stopped.is_set():
            self.wanted.put(1)

    def close(self) -> None:
        self.stopped.set()
        with self.lock:
            workers = list(self.all)
            self.all.clear()
        for worker in workers:
            worker.kill()

    def pids(self) -> list[int]:
        with self.lock:
            return sorted(w.pid for w in self.all)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address to bind) is this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # a restart after a stop need not wait for TIME_WAIT
    allow_reuse_port = False  # never two servers on one port
    request_queue_size = socket.SOMAXCONN  # socketserver's 5 resets clients that come at once

    def __init__(self, host: str, port: int, settings: Settings) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.settings = settings
        super().__init__((host.strip("[]"), port), Handler)
        settings.listening(host, self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, OSError):
            return  # a client that went away
        print(f"aikg serve: error while answering {client_address[0]}: {exc!r}", file=sys.stderr, flush=True)


class Settings:
    """What the handler needs to know: the pool, the limits and the names it answers to."""

    def __init__(self, *, time_limit: float, writable: bool, allow_outbound: bool) -> None:
        self.pool: Pool | None = None  # set once the store is ready; no request is served before
        self.time_limit = time_limit
        self.writable = writable
        self.allow_outbound = allow_outbound
        self.hosts: set[str] | None = None
        self.nonce = secrets.token_urlsafe(16)

    def listening(self, host: str, port: int) -> None:
        """Record the address bound: a page on another site may point a name of its own at
        127.0.0.1 (DNS rebinding), so a loopback server answers only requests naming this machine."""
        if not is_loopback(host):
            self.hosts = None
            return
        names = {"127.0.0.1", "localhost", "[::1]", host.lower()}
        self.hosts = {f"{n}:{port}" for n in names} | (names if port == 80 else set())


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "aikg"
    sys_version = ""
    timeout = CLIENT_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request is noise on a terminal; refusals and stops are printed below

    # ------------------------------------------------------------------ plumbing
    def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _fail(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _host_ok(self) -> bool:
        hosts = self.server.settings.hosts
        if hosts is None:
            return True
        if (self.headers.get("Host") or "").lower() in hosts:
            return True
        self._fail(HTTPStatus.FORBIDDEN, "unexpected Host header: this server answers to 127.0.0.1 and localhost only")
        return False

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self._fail(HTTPStatus.LENGTH_REQUIRED, "a request body needs a Content-Length")
            return None
        if int(length) > MAX_BODY:
            self._fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request is larger than {MAX_BODY // 2**20} MB")
            return None
        return self.rfile.read(int(length))

    # ------------------------------------------------------------------ routes
    def do_GET(self) -> None:
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path == "/":
            self._page()
        elif url.path == "/query":
            self._query(parse_qs(url.query).get("query", [""])[0])
        else:
            self._fail(HTTPStatus.NOT_FOUND, "not found: the query page is at /, the SPARQL endpoint at /query")

    do_HEAD = do_GET  # noqa: N815 - the name http.server looks up

    def do_POST(self) -> None:
        if not self._host_ok():
            return
        path = urlsplit(self.path).path
        if path not in ("/query", "/update"):
            self._fail(HTTPStatus.NOT_FOUND, "not found: POST queries to /query, updates to /update")
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if path == "/update":
            self._update(ctype)
            return
        body = self._body()
        if body is None:
            return
        if ctype == "application/sparql-query":
            self._query(body.decode("utf-8", "replace"))
        elif ctype == "application/x-www-form-urlencoded":
            self._query(parse_qs(body.decode("utf-8", "replace")).get("query", [""])[0])
        else:
            self._fail(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)",
            )

    def _refused_outbound(self, text: str) -> bool:
        if self.server.settings.allow_outbound:
            return False
        keyword = outbound_keyword(text)
        if keyword is None:
            return False
        self._fail(HTTPStatus.FORBIDDEN, refusal(keyword, "`aikg serve --allow-service`"))
        return True

    def _query(self, text: str) -> None:
        if not text.strip():
            self._fail(HTTPStatus.BAD_REQUEST, "no query: give it as ?query=... or in the request body")
            return
        if self._refused_outbound(text):
            return
        self._run(b"Q", {"query": text, "accept": self.headers.get("Accept") or ""})

    def _update(self, ctype: str) -> None:
        settings = self.server.settings
        if not settings.writable:
            self._fail(HTTPStatus.FORBIDDEN, "this server is read-only (start it with `aikg serve --writable`)")
            return
        # A page on another site can post a form (application/x-www-form-urlencoded, text/plain,
        # multipart) without asking; the SPARQL update media type needs a CORS preflight, which
        # this server never grants. The Origin check refuses the rest.
        if ctype != "application/sparql-update":
            self._fail(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "updates must be sent as Content-Type: application/sparql-update (forms are refused)",
            )
            return
        origin = self.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != (self.headers.get("Host") or "").lower():
            self._fail(HTTPStatus.FORBIDDEN, f"an update from another site ({origin}) is refused")
            return
        body = self._body()
        if body is None or self._refused_outbound(body.decode("utf-8", "replace")):
            return
        self._run(b"U", {"update": body.decode("utf-8", "replace")})

    def _page(self) -> None:
        settings = self.server.settings
        csp = (
            f"default-src 'none'; script-src 'nonce-{settings.nonce}'; style-src 'nonce-{settings.nonce}'; "
            "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        self._send(
            HTTPStatus.OK,
            query_page(settings.nonce).encode("utf-8"),
            "text/html; charset=utf-8",
            {"Content-Security-Policy": csp, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"},
        )

    # ------------------------------------------------------------------ running in a worker
    def _run(self, kind: bytes, request: dict[str, Any]) -> None:
        settings = self.server.settings
        limit = settings.time_limit
        pool = settings.pool
        assert pool is not None
        worker = pool.acquire(limit)
        if worker is None:
            self._fail(HTTPStatus.SERVICE_UNAVAILABLE, f"the server is busy: no worker was free within {limit:g} s")
            return
        deadline = time.monotonic() + limit
        committed = False
        head: dict[str, Any] = {}
        buffered: list[bytes] = []
        try:
            worker.send(kind, request)
            size = 0
            while True:
                frame, payload = worker.receive(deadline)
                if frame == b"H":
                    head = json.loads(payload)
                elif frame == b"D":
                    if committed:
                        self.wfile.write(payload)
                        continue
                    buffered.append(payload)
                    size += len(payload)
                    if size > BUFFERED:
                        self._commit(head)
                        committed = True
                        self.wfile.write(b"".join(buffered))
                        buffered.clear()
                elif frame in (b"E", b"X"):
                    break
        except TimeoutError:
            pool.discard(worker)
            print(f"aikg serve: stopped a request at the time limit ({limit:g} s)", file=sys.stderr, flush=True)
            if committed:
                self.close_connection = True
            else:
                self._fail(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran past the time limit of {limit:g} s and was stopped "
                    "(raise it with `aikg serve --time-limit SECONDS`)",
                )
            return
        except WorkerGoneError:
            pool.discard(worker)
            if not committed:
                self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, "the query engine stopped while answering")
            return
        except OSError:  # the client went away mid-answer: the worker may still be writing, so it goes
            pool.discard(worker)
            self.close_connection = True
            return
        # The worker has finished this request: it can take the next one, whatever the client does.
        pool.release(worker)
        if committed:
            self.close_connection = True  # an error after the answer began: the client sees it cut
        elif frame == b"X":
            error = json.loads(payload)
            self._fail(int(error.get("status", 500)), error.get("message", "the query failed"))
        elif kind == b"U":
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
        else:
            self._send(HTTPStatus.OK, b"".join(buffered), head.get("type", "application/octet-stream"))

    def _commit(self, head: dict[str, Any]) -> None:
        """Start a streamed answer: no length, the connection's close ends it."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", head.get("type", "application/octet-stream"))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True


def query_page(nonce: str) -> str:
    """The query page: offline, aikg's prefixes, posting to this server's /query."""
    from .vocab import PREFIXES

    prefixes = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
    example = (
        prefixes + "\n\nSELECT ?buyer ?supplier WHERE {\n  ?b aikg:buysComputeFrom ?s .\n"
        '  ?b rdfs:label ?buyer FILTER(LANG(?buyer) = "en")\n'
        '  ?s rdfs:label ?supplier FILTER(LANG(?supplier) = "en")\n} ORDER BY ?buyer ?supplier LIMIT 100\n'
    )
    return _PAGE.replace("{nonce}", nonce).replace("{example}", html.escape(example))


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>aikg SPARQL</title>
<style nonce="{nonce}">
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
textarea { width: 100%; height: 18em; font: 13px/1.4 monospace; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
#status { margin-left: 1em; color: #555; }
#status.error { color: #b00; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>aikg SPARQL</h1>
<p>Queries go to this server's <code>/query</code> endpoint (SPARQL 1.1 Protocol); aikg's prefixes are
declared below. Nothing on this page loads from anywhere else.</p>
<textarea id="query" spellcheck="false">{example}</textarea>
<p><button id="run" type="button">Run</button><span id="status"></span></p>
<div id="results"></div>
<script nonce="{nonce}">
"use strict";
const query = document.getElementById("query");
const run = document.getElementById("run");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + "@" + term["xml:lang"];
  return term.value;
}

function show(data) {
  results.replaceChildren();
  if (typeof data.boolean === "boolean") {
    const p = document.createElement("p");
    p.textContent = data.boolean ? "yes" : "no";
    results.append(p);
    return "1 answer";
  }
  const vars = data.head.vars;
  const table = document.createElement("table");
  const header = table.createTHead().insertRow();
  for (const v of vars) {
    const th = document.createElement("th");
    th.textContent = v;
    header.append(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const v of vars) row.insertCell().textContent = cell(binding[v]);
  }
  results.append(table);
  const n = data.results.bindings.length;
  return n + (n === 1 ? " row" : " rows");
}

async function execute() {
  statusLine.className = "";
  statusLine.textContent = "running...";
  run.disabled = true;
  const started = performance.now();
  try {
    const response = await fetch("query", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
      body: query.value,
    });
    const text = await response.text();
    if (!response.ok) throw new Error("HTTP " + response.status + ": " + text);
    let summary;
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      summary = show(JSON.parse(text));
    } else {
      results.replaceChildren();
      const pre = document.createElement("pre");
      pre.textContent = text;
      results.append(pre);
      summary = "graph";
    }
    statusLine.textContent = summary + " in " + Math.round(performance.now() - started) + " ms";
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = String(error.message || error);
  } finally {
    run.disabled = false;
  }
}

run.addEventListener("click", execute);
query.addEventListener("keydown", (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "Enter") execute(); });
</script>
</body>
</html>
"""


# --------------------------------------------------------------------------- the process
class Stop(BaseException):
    """A signal asked the server to stop."""


def _stop(signum: int, frame: Any) -> None:
    raise Stop(str(signum))


#: Signals that would end the server and that it can handle: each stops it cleanly. Left out:
#: SIGINT (Python's KeyboardInterrupt does the same), those that do not end a process (SIGCHLD,
#: SIGCONT, SIGWINCH, SIGURG, the terminal stops, SIGPIPE, which Python ignores), synchronous
#: faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL), and SIGKILL and SIGSTOP, which no process can
#: handle: after SIGKILL the workers still die with the server, and its temporary folder is
#: removed by the next ``aikg serve``.
STOP_SIGNALS = tuple(
    sorted(
        set(signal.valid_signals())
        - {
            getattr(signal, name)
            for name in (
                "SIGINT",
                "SIGKILL",
                "SIGSTOP",
                "SIGCHLD",
                "SIGCONT",
                "SIGWINCH",
                "SIGURG",
                "SIGTSTP",
                "SIGTTIN",
                "SIGTTOU",
                "SIGPIPE",
                "SIGSEGV",
                "SIGBUS",
                "SIGFPE",
                "SIGILL",
            )
            if hasattr(signal, name)
        }
    )
)


def handle_stop_signals() -> dict[int, Any]:
    """Make the stop signals raise :class:`Stop`; return the handlers they had."""
    previous = {sig: signal.getsignal(sig) for sig in (*STOP_SIGNALS, signal.SIGINT)}
    for sig in STOP_SIGNALS:
        signal.signal(sig, _stop)
    return previous


def ignore_stop_signals() -> None:
    """While cleaning up, a second signal must not cut the cleaning short."""
    for sig in (*STOP_SIGNALS, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)


def restore_signals(previous: dict[int, Any]) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


PID_FILE = "aikg-serve.pid"


def sweep_scratch(parent: Path) -> list[Path]:
    """Remove the temporary folders of ``aikg serve`` processes that no longer run (killed
    outright, so they could not clean up); return them."""
    import shutil

    removed = []
    for folder in parent.glob("aikg-serve-*"):
        try:
            pid = int((folder / PID_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if not process_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def bind(host: str, port: int, settings: Settings) -> Server:
    """Listen on ``host:port``, or say clearly why not."""
    import errno

    try:
        return Server(host, port, settings)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise AikgError(
                f"port {port} on {host} is already in use (another `aikg serve` or server?); choose another with --port"
            ) from None
        if exc.errno == errno.EACCES:
            raise AikgError(f"cannot listen on {host}:{port}: permission denied (ports below 1024 need root)") from None
        raise AikgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
