"""Issue 20, point 3: a server that can be left running on a laptop.

Every server here is a real ``aikg serve`` process on 127.0.0.1 with its temporary folder in
the test's own ``TMPDIR``; the outside world is a listener on 127.0.0.1 that records whether it
was called. Waits are bounded: a regression fails, it does not hang.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.query.guard import outbound_keyword

from .conftest import ROOT
from .servers import free_port, interruptible

pytestmark = pytest.mark.slow

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(b")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != b"Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat.rsplit(b")", 1)[1].split()[0] != b"Z"


def wait_until(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


class Served:
    """``aikg serve`` in a child process; ``base`` once it says it is serving."""

    def __init__(self, tmp: Path, *args: str, port: int | None = None, wait: bool = True) -> None:
        self.port = port or free_port()
        self.tmp = tmp
        env = {**os.environ, "TMPDIR": str(tmp)}
        command = [sys.executable, "-m", "graph", "serve", "--port", str(self.port), "--layers", "article", *args]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=interruptible,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self.first_line = self.rest = ""
        if wait:
            self.first_line = self._readline(120)
            assert self.first_line.startswith("serving"), self.first_line + self.stop()[1]

    def _readline(self, seconds: float) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        return self.process.stdout.readline() if ready else ""

    @property
    def workers(self) -> set[int]:
        return children(self.process.pid)

    def scratch(self) -> list[Path]:
        return sorted(self.tmp.glob("aikg-serve-*"))

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.rest, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.rest, err = self.process.communicate()
        return self.process.returncode, err


@pytest.fixture
def serve(tmp_path):
    started: list[Served] = []

    def start(*args: str, **kwargs) -> Served:
        started.append(Served(tmp_path, *args, **kwargs))
        return started[-1]

    yield start
    for s in started:
        s.stop()


def request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, timeout: float = 60):
    """(status, body) of a request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def query(base: str, text: str, accept: str = "application/sparql-results+json"):
    return request(base + "/query", text.encode(), {"Content-Type": "application/sparql-query", "Accept": accept})


# --------------------------------------------------------------------------- SERVICE and LOAD
def test_service_is_refused_and_nothing_is_called(serve, recorder):
    s = serve()
    for text in (
        f"SELECT * WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{recorder.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{recorder.url}> {{ ?s ?p ?o }} }}",
    ):
        status, body = query(s.base, text)
        assert status == 403 and "SERVICE" in body and "--allow-service" in body
        status, _ = request(s.base + "/query?" + urllib.parse.urlencode({"query": text}))
        assert status == 403
    assert recorder.connections == 0
    status, body = query(s.base, 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }')
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["service"]["value"] == "SERVICE"


def test_a_worker_cannot_reach_the_network_even_past_the_check(tmp_path, recorder):
    """The second line of defence: the query itself, sent straight to a worker."""
    from graph.server.http import Worker
    from graph.store.memory import source_files
    from graph.store.oxigraph import build_store

    location = tmp_path / "store"
    build_store(location, source_files("article", []))
    worker = Worker(location, writable=False, allow_outbound=False)
    try:
        if not worker.isolated:
            pytest.skip("no network namespaces on this machine: the lexical check is the only line")
        worker.send(b"Q", {"query": f"SELECT * WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}"})
        frames = []
        while not frames or frames[-1][0] not in (b"E", b"X"):
            frames.append(worker.receive(time.monotonic() + 60))
        assert frames[-1][0] == b"X" and "unreachable" in json.loads(frames[-1][1])["message"].lower()
    finally:
        worker.kill()
    assert recorder.connections == 0


def test_allow_service_lets_service_through(serve, recorder):
    s = serve("--allow-service")
    assert "warning: --allow-service" in s.stop(signal.SIGTERM)[1]
    s = serve("--allow-service")
    status, body = query(s.base, f"SELECT ?s WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}")
    assert status == 200, body
    assert len(recorder.requests) == 1 and b"POST /sparql" in recorder.requests[0]


def test_load_is_refused_in_a_writable_server(serve, recorder):
    s = serve("--writable")
    status, body = request(
        s.base + "/update", f"LOAD <{recorder.url}>".encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 403 and "LOAD fetches a document" in body
    assert recorder.connections == 0


# --------------------------------------------------------------------------- the time limit
def test_a_query_past_the_time_limit_is_stopped_with_its_work(serve):
    s = serve("--time-limit", "2")
    before = s.workers
    assert len(before) == 2
    status, body = query(s.base, HEAVY)
    assert status == 503 and "ran past the time limit of 2 s and was stopped" in body
    # The worker that ran it was killed (its work with it) and replaced.
    assert wait_until(lambda: len(s.workers) == 2 and s.workers != before)
    killed = before - s.workers
    assert len(killed) == 1 and not any(alive(p) for p in killed)
    status, body = query(s.base, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_an_abandoned_query_is_stopped_too(serve):
    """The client leaves at once; the work does not go on past the limit."""
    s = serve("--time-limit", "2")
    before = s.workers
    body = f"query={urllib.parse.quote(HEAVY)}".encode()
    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as c:
        c.sendall(
            b"POST /query HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (s.port, len(body), body)
        )
        time.sleep(0.5)  # the query is running; the client goes away
    assert wait_until(lambda: len(before - s.workers) == 1, 60)
    assert not any(alive(p) for p in before - s.workers)


# --------------------------------------------------------------------------- writes and warnings
def test_writable_warns_and_refuses_cross_site_updates(serve):
    s = serve("--writable")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def triples() -> int:
        status, body = query(s.base, count)
        assert status == 200
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    before = triples()
    assert before > 100
    drop = b"update=DROP%20ALL"
    for ctype in ("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"):
        status, body = request(s.base + "/update", drop, {"Content-Type": ctype})
        assert status == 415 and "application/sparql-update" in body
    status, body = request(
        s.base + "/update",
        b"DROP ALL",
        {"Content-Type": "application/sparql-update", "Origin": "http://evil.example"},
    )
    assert status == 403 and "another site" in body
    assert triples() == before
    insert = b"INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    status, _ = request(s.base + "/update", insert, {"Content-Type": "application/sparql-update"})
    assert status == 204 and triples() == before + 1
    same_site = {"Content-Type": "application/sparql-update", "Origin": s.base}
    status, _ = request(
        s.base + "/update",
        b"DELETE DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        same_site,
    )
    assert status == 204 and triples() == before
    code, err = s.stop(signal.SIGTERM)
    assert code == 0 and "warning: --writable: anyone who can reach" in err


def test_a_read_only_server_refuses_updates(serve):
    s = serve()
    status, body = request(s.base + "/update", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body


def test_non_loopback_hosts_are_warned_about():
    from graph.server.http import is_loopback
    from graph.server.run import _warnings

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")
    lines = _warnings("0.0.0.0", False, False, "http://0.0.0.0:7878", True, is_loopback("0.0.0.0"))
    assert lines == [
        "warning: --host 0.0.0.0 is not this machine only: anyone who can reach http://0.0.0.0:7878 can query "
        "the graph, with no password"
    ]


def test_another_host_name_is_refused(serve):
    """A site whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    s = serve()
    for host in ("evil.example", f"evil.example:{s.port}"):
        status, body = request(s.base + "/query?query=ASK%7B%7D", headers={"Host": host})
        assert status == 403 and "Host" in body
    status, _ = request(f"http://localhost:{s.port}/query?query=ASK%7B%7D")
    assert status == 200


# --------------------------------------------------------------------------- the port
def test_a_busy_port_is_a_clear_error_before_anything_is_served(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        s = Served(tmp_path, port=port, wait=False)
        code, err = s.stop(signal.SIGCONT)  # no signal that stops it: it must end by itself
        assert code == 2 and f"port {port} on 127.0.0.1 is already in use" in err
        assert "Traceback" not in err and "built a store" not in err
    assert s.rest == ""  # nothing said it was serving
    assert s.scratch() == []


# --------------------------------------------------------------------------- the process tree
@pytest.mark.parametrize(
    "sig",
    [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT, signal.SIGUSR1, signal.SIGALRM, signal.SIGKILL],
)
def test_the_workers_never_outlive_the_server(serve, tmp_path, sig):
    s = serve()
    workers = s.workers
    assert len(workers) == 2 and len(s.scratch()) == 1
    code, _ = s.stop(sig)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 0)
    assert wait_until(lambda: not any(alive(p) for p in workers), 30)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
    if sig != signal.SIGKILL:
        assert s.scratch() == []  # removed on every signal that can be handled
        return
    # SIGKILL cannot be handled: the folder stays until the next server sweeps it.
    (left,) = s.scratch()
    t = serve()
    assert left not in t.scratch() and len(t.scratch()) == 1


# --------------------------------------------------------------------------- the query page
def test_the_query_page_is_offline_and_points_at_this_endpoint(serve):
    import re

    s = serve()
    with urllib.request.urlopen(s.base + "/", timeout=30) as resp:
        page = resp.read().decode()
        csp = resp.headers["Content-Security-Policy"]
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "prefix.cc" not in page and '/sparql"' not in page and "fetch(" in page
    assert 'fetch("query"' in page
    assert "PREFIX aikg: &lt;https://w3id.org/ai-infra-kg/ontology#&gt;" in page


def test_the_query_page_runs_a_query_in_a_browser_with_no_outside_request(serve):
    chromium = "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_view_browser import CHROMIUM_ARGS

    s = serve()
    outside: list[str] = []
    problems: list[str] = []

    def route(r):
        if r.request.url.startswith(s.base + "/"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(s.base + "/", timeout=30_000)
            page.click("#run")
            page.wait_for_selector("#results td", timeout=30_000)
            cells = page.locator("#results td").all_text_contents()
            assert cells == ["OpenAI@en", "Amazon Web Services@en"]
            assert "1 row" in page.text_content("#status")
        finally:
            browser.close()
    assert outside == [] and problems == []


# --------------------------------------------------------------------------- aikg query
@pytest.mark.parametrize("where", ["memory", "store"])
def test_aikg_query_refuses_service_unless_asked(cli, tmp_path, recorder, where):
    extra = []
    if where == "store":
        assert cli("load", "--store", f"oxigraph:{tmp_path / 's'}", "--layers", "article").code == 0
        extra = ["--store", f"oxigraph:{tmp_path / 's'}"]
    else:
        extra = ["--layers", "article"]
    text = f"SELECT ?s WHERE {{ SERVICE <{recorder.url}> {{ ?s ?p ?o }} }}"
    r = cli("query", text, *extra)
    assert r.code == 2 and "SERVICE" in r.err and "--allow-service" in r.err
    assert recorder.connections == 0
    r = cli("query", text, "--allow-service", *extra)
    assert r.code == 0, r.err
    assert len(recorder.requests) == 1


# --------------------------------------------------------------------------- the check itself
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("select * where { service silent ?x { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p ?o.SERVICE<http://x/>{} }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p true SERVICE ?x {} }", "SERVICE"),
        ("SELECT * WHERE { ?s ?p 1SERVICE ?x {} }", "SERVICE"),
        (r"SELECT * WHERE { \u0053ERVICE <http://x/> {} }", "SERVICE"),
        (r"SELECT * WHERE { \U00000053ERVICE <http://x/> {} }", "SERVICE"),
        ("SELECT * WHERE { \u017fervice <http://x/> {} }", "SERVICE"),  # long s: rdflib upper-cases it
        ("SELECT * WHERE { FILTER(?a <?b) SERVICE <http://x/> {} }", "SERVICE"),
        ('SELECT * WHERE { ?s ?p """a""" SERVICE <http://x/> {} }', "SERVICE"),
        ("SELECT * WHERE { ?s ?p 'unterminated SERVICE <http://x/> {} }", "SERVICE"),
        ("LOAD <http://x/>", "LOAD"),
        ("load silent <http://x/> into graph <http://g/>", "LOAD"),
        ('SELECT ?service WHERE { ?service ex:myService "SERVICE" } # SERVICE', None),
        ("PREFIX service: <http://s/> SELECT * WHERE { ?s service:load ?o . ?s ex:a\\'SERVICE ?o }", None),
        ('SELECT * WHERE { ?s ?p """a "quoted" SERVICE""" }', None),
        ("SELECT * WHERE { ?s <http://a/SERVICE#LOAD> ?o } ORDER BY ?s", None),
        ("SELECT * WHERE { ?s ?p _:service }", None),
        ("SELECT * WHERE { ?s ?p ?o FILTER(?o < 3) }", None),
    ],
)
def test_outbound_keyword(text, found):
    assert outbound_keyword(text) == found


def test_many_clients_at_once_are_all_answered(serve):
    """Two workers, two hundred clients at once: they queue for a worker, none is refused."""
    from concurrent.futures import ThreadPoolExecutor

    s = serve()
    text = "SELECT ?s WHERE { ?s a <https://w3id.org/ai-infra-kg/ontology#AILab> }"
    with ThreadPoolExecutor(max_workers=200) as ex:
        answers = list(ex.map(lambda _: query(s.base, text, "text/csv"), range(200)))
    assert {status for status, _ in answers} == {200}
    assert {body for _, body in answers} == {"s\r\nhttps://w3id.org/ai-infra-kg/id/actor/openai\r\n"}
