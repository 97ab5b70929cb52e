"""Every store gives the same answers: in memory, embedded Oxigraph, an Oxigraph server, and a
second engine (Virtuoso) over the SPARQL protocol. Plus the failure modes of remote stores."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from graph.network.fetch import build_snapshot
from graph.query import bundled_queries, run_query
from graph.query.runner import bind_params
from graph.store.memory import load_graph, open_graph

from .servers import VIRTUOSO_GRAPH, free_port, oxigraph_server, stop, virtuoso_server, wait_http

PARAMS = {"actor": "OpenAI", "at": "2025-11-05"}


def answers(graph) -> dict:
    """Every bundled query (with its parameters set) and four snapshots, as comparable text."""
    out = {}
    for name, spec in bundled_queries().items():
        values = {p.name: PARAMS[p.name] for p in spec.params if p.name in PARAMS}
        result = run_query(graph, spec.text, bind_params(graph, spec, values))
        out[name] = [[None if t is None else t.n3() for t in row] for row in result.rows]
    for at in (None, "2025-10-27", "2025-11-05", "2026-03-01"):  # 2026-03-01: xAI drawn on SpaceX
        snap = build_snapshot(graph, at)
        out[f"snapshot {at}"] = json.dumps(
            {
                "nodes": sorted((n, sorted(d.items())) for n, d in snap.nodes(data=True)),
                "edges": sorted((u, v, k, sorted(d.items())) for u, v, k, d in snap.edges(keys=True, data=True)),
            },
            default=str,
            sort_keys=True,
        )
    return out


@pytest.fixture(scope="module")
def expected():
    return answers(load_graph())


@pytest.fixture(scope="module")
def built_store(tmp_path_factory):
    location = tmp_path_factory.mktemp("ox") / "store"
    subprocess.run([sys.executable, "-m", "graph", "load", "--store", f"oxigraph:{location}"], check=True)
    return location


def test_embedded_oxigraph_gives_the_same_answers(built_store, expected):
    # The store was built by another process: this also proves a reopened store keeps its data.
    assert answers(open_graph(store=f"oxigraph:{built_store}")) == expected


@pytest.mark.slow
def test_oxigraph_server_gives_the_same_answers(built_store, expected, tmp_path):
    copy = tmp_path / "served"
    subprocess.run(["cp", "-r", str(built_store), str(copy)], check=True)
    with oxigraph_server(copy) as base:
        assert answers(open_graph(endpoint=base + "/query")) == expected


@pytest.mark.slow
def test_virtuoso_gives_the_same_answers(expected, tmp_path, cli):
    with virtuoso_server(tmp_path / "virtuoso") as url:
        gsp = url + "-graph-crud?graph-uri=" + VIRTUOSO_GRAPH
        r = cli("load", "--endpoint", url, "--graph-store", gsp)
        assert r.code == 0, r.err
        assert answers(open_graph(endpoint=url)) == expected


@pytest.mark.slow
def test_load_by_sparql_update_into_a_writable_oxigraph_server(tmp_path, cli):
    with oxigraph_server(tmp_path / "empty", writable=True) as base:
        r = cli("load", "--endpoint", base + "/query", "--layers", "article")
        assert r.code == 0, r.err
        r = cli("query", "compute-suppliers", "--actor", "OpenAI", "--endpoint", base + "/query", "--format", "csv")
        assert r.code == 0 and "Amazon Web Services,2025-11-03" in r.out


@pytest.mark.slow
def test_serve_is_read_only_unless_writable(tmp_path):
    for writable in (False, True):
        port = free_port()
        args = [sys.executable, "-m", "graph", "serve", "--port", str(port), "--layers", "article"]
        process = subprocess.Popen(args + (["--writable"] if writable else []), stdout=subprocess.PIPE, text=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_http(base + "/query?query=ASK%7B%7D", process)
            query = urllib.request.Request(
                base + "/query",
                data=b"ASK { <https://w3id.org/ai-infra-kg/id/actor/openai> ?p ?o }",
                headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
            )
            with urllib.request.urlopen(query, timeout=10) as resp:
                assert json.load(resp)["boolean"] is True
            update = urllib.request.Request(
                base + "/update",
                data=b"INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
                headers={"Content-Type": "application/sparql-update"},
            )
            if writable:
                with urllib.request.urlopen(update, timeout=10) as resp:
                    assert resp.status in (200, 204)
            else:
                with pytest.raises(urllib.error.HTTPError) as err:
                    urllib.request.urlopen(update, timeout=10)
                assert err.value.code in (403, 404, 405)
            assert process.stdout is not None
            assert process.stdout.readline().startswith(
                f"serving {'read-write' if writable else 'read-only'} at {base}"
            )
        finally:
            process.send_signal(2)  # Ctrl-C
            try:
                assert process.wait(timeout=15) == 0
            finally:
                stop(process)


def test_a_server_that_is_down_gives_a_clear_message(cli):
    r = cli("query", "actors", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert r.code == 2
    assert "cannot reach endpoint" in r.err and "Traceback" not in r.err


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "error"

    def do_POST(self):
        if self.mode == "slow":
            time.sleep(3)
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"engine exploded\n")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("mode", "message"), [("error", "answered HTTP 500"), ("slow", "did not answer within 1 s")])
def test_a_failing_or_slow_server_gives_a_clear_message(cli, mode, message):
    handler = type("H", (_Handler,), {"mode": mode})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        r = cli("query", "actors", "--endpoint", url, "--timeout", "1")
        assert r.code == 2
        assert message in r.err and "Traceback" not in r.err
    finally:
        server.shutdown()
        server.server_close()


def test_store_options_refuse_mixing_with_loading_options(cli, built_store):
    r = cli("query", "actors", "--store", f"oxigraph:{built_store}", "--data", "x.ttl")
    assert r.code == 2 and "aikg load" in r.err
    r = cli("query", "actors", "--store", "oxigraph:/nonexistent/aikg")
    assert r.code == 2 and "no aikg store" in r.err
    r = cli("query", "actors", "--store", "sqlite:x")
    assert r.code == 2 and "expected 'memory' or 'oxigraph:DIR'" in r.err


def test_a_store_loaded_in_small_chunks_gives_the_same_answers(tmp_path, expected, monkeypatch):
    import graph.store.derive as derive
    import graph.store.oxigraph as ox_store
    from graph.store.memory import source_files

    monkeypatch.setattr(derive, "DERIVED_CHUNK", 997)  # the derived triples in many chunks
    location = tmp_path / "store"
    ox_store.build_store(location, source_files("all", []))
    assert answers(open_graph(store=f"oxigraph:{location}")) == expected


def test_a_file_with_a_syntax_error_leaves_the_store_as_it_was(tmp_path, cli):
    good = tmp_path / "good.ttl"
    good.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:d ex:e ex:f .\nex:a ex:b "unclosed .\n', encoding="utf-8")
    location = tmp_path / "store"
    # A first load that fails leaves no folder behind: the same folder can be used at once.
    r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", str(good), "--data", str(bad))
    assert r.code == 2 and f"{bad}:3: syntax error" in r.err and not location.exists()
    assert cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", str(good)).code == 0
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = cli("query", count, "--store", f"oxigraph:{location}", "--format", "csv").out
    # Neither an added file nor a replacement with an error in it changes the store.
    for extra in ([], ["--replace"]):
        r = cli("load", "--store", f"oxigraph:{location}", "--layers", "", "--data", str(bad), *extra)
        assert r.code == 2 and f"{bad}:3: syntax error" in r.err
        assert cli("query", count, "--store", f"oxigraph:{location}", "--format", "csv").out == before
    assert before.splitlines()[-1].strip().isdigit()
    d = cli("query", "SELECT ?o WHERE { <http://example.org/d> ?p ?o }", "--store", f"oxigraph:{location}")
    assert d.code == 0 and "(0 rows)" in d.out  # nothing of the bad file was written


def test_a_new_store_whose_load_fails_midway_is_removed(tmp_path, monkeypatch):
    import gc

    import pyoxigraph as ox

    import graph.store.oxigraph as ox_store
    from graph.store.memory import source_files

    def fail(store, sources, *rest):
        store.add(ox.Quad(ox.NamedNode("http://e/x"), ox.NamedNode("http://e/x"), ox.NamedNode("http://e/x")))
        raise KeyboardInterrupt  # Ctrl-C after something was written

    monkeypatch.setattr(ox_store, "load_sources", fail)
    for made in (False, True):  # a folder aikg makes, or an empty one the user made
        location = tmp_path / f"store-{made}"
        if made:
            location.mkdir()
        with pytest.raises(KeyboardInterrupt):
            ox_store.build_store(location, source_files("article", []))
        gc.collect()  # the store, held by the traceback until now, is closed
        assert not location.exists()
