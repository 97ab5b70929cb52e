"""Issue 20, point 7: ``--endpoint`` bounds.

Each case is a listener on 127.0.0.1 that this test starts, misbehaving in one way; ``aikg`` runs
in a child process with a time limit of its own, so that a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time

from .conftest import ROOT
from .listeners import answer

RESULT = {
    "head": {"vars": ["actor", "label"]},
    "results": {
        "bindings": [{"actor": {"type": "uri", "value": "http://e/a"}, "label": {"type": "literal", "value": "A"}}]
    },
}
QUERY = "SELECT ?actor ?label WHERE { ?actor rdfs:label ?label }"


def aikg(*args: str, limit: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, timeout=limit
    )


def _drip(conn: socket.socket, data: bytes, every: float = 0.1) -> None:
    for i in range(len(data)):
        conn.sendall(data[i : i + 1])
        time.sleep(every)


def _assert_error(r: subprocess.CompletedProcess, message: str) -> None:
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert r.stdout == ""


def test_a_server_that_never_answers(listen):
    hold = threading.Event()
    server = listen(lambda conn, req: hold.wait(60))
    try:
        _assert_error(aikg("query", QUERY, "--endpoint", server.url, "--timeout", "1"), "did not answer within 1 s")
    finally:
        hold.set()


def test_a_slow_body_is_bounded_by_the_whole_request_not_each_read(listen):
    def slow_body(conn, req):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n")
        conn.sendall(b"Content-Length: 100000\r\n\r\n")
        _drip(conn, b'{"head": {"vars": []}, ' + b" " * 10_000)  # a byte every 0.1 s: each read is quick

    server = listen(slow_body)
    _assert_error(aikg("query", QUERY, "--endpoint", server.url, "--timeout", "2"), "did not answer within 2 s")


def test_slow_headers_are_bounded_too(listen):
    server = listen(lambda conn, req: _drip(conn, b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000))
    _assert_error(aikg("query", QUERY, "--endpoint", server.url, "--timeout", "2"), "did not answer within 2 s")


def test_headers_then_a_close(listen):
    def close_after_head(conn, req):
        time.sleep(0.3)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n")

    server = listen(close_after_head)
    _assert_error(aikg("query", QUERY, "--endpoint", server.url), "sent an empty answer")
    server = listen(lambda conn, req: time.sleep(0.3))  # nothing at all, then a close
    _assert_error(aikg("query", QUERY, "--endpoint", server.url), "closed the connection without answering")


def test_a_truncated_answer_is_an_error(listen):
    body = json.dumps(RESULT).encode()

    def truncated(conn, req):
        conn.sendall(answer(body)[: -len(body) // 2])  # Content-Length says more than comes

    server = listen(truncated)
    _assert_error(aikg("query", QUERY, "--endpoint", server.url), "cut its answer off after")

    def unannounced(conn, req):  # no Content-Length: the close ends the body, half-way through the JSON
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n"
        conn.sendall(head + body[: len(body) // 2])

    server = listen(unannounced)
    _assert_error(aikg("query", QUERY, "--endpoint", server.url), "sent an unreadable answer")


def test_an_answer_over_the_size_limit_is_refused(listen):
    big = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}, "pad": "x" * 200_000}).encode()
    server = listen(lambda conn, req: conn.sendall(answer(big)))
    _assert_error(aikg("query", QUERY, "--endpoint", server.url, "--max-answer-mb", "0.1"), "sent more than 0.1 MB")

    def unannounced(conn, req):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n")
        conn.sendall(big)

    server = listen(unannounced)
    _assert_error(aikg("query", QUERY, "--endpoint", server.url, "--max-answer-mb", "0.1"), "sent more than 0.1 MB")


def test_a_redirect_to_another_port_is_refused_and_never_followed(listen):
    elsewhere = listen(lambda conn, req: conn.sendall(answer(json.dumps(RESULT).encode())))
    redirect = f"HTTP/1.1 307 Temporary Redirect\r\nLocation: {elsewhere.url}\r\nContent-Length: 0\r\n\r\n"
    server = listen(lambda conn, req: conn.sendall(redirect.encode()))
    r = aikg("query", QUERY, "--endpoint", server.url)
    _assert_error(r, f"redirected to {elsewhere.url}, another host, port or scheme")
    assert elsewhere.requests == []


def test_a_redirect_within_the_endpoint_is_followed_with_the_query(listen):
    def moved(conn, req):
        if req.startswith(b"POST /sparql "):
            conn.sendall(b"HTTP/1.1 308 Permanent Redirect\r\nLocation: /sparql/\r\nContent-Length: 0\r\n\r\n")
        else:
            conn.sendall(answer(json.dumps(RESULT).encode()))

    server = listen(moved)
    r = aikg("query", QUERY, "--endpoint", server.url, "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["actor,label", "http://e/a,A"]
    assert [req.split(b" ", 2)[:2] for req in server.requests] == [[b"POST", b"/sparql"], [b"POST", b"/sparql/"]]
    assert b"query=" in server.requests[1]  # the query went along


def test_answers_of_the_wrong_shape_are_clear_errors(listen):
    other_vars = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}
    server = listen(lambda conn, req: conn.sendall(answer(json.dumps(other_vars).encode())))
    _assert_error(
        aikg("query", QUERY, "--endpoint", server.url), "answered with the variables x where the query asks for actor"
    )
    # the network reader (report, view, shift...) gets the same message, never a KeyError
    _assert_error(aikg("report", "--endpoint", server.url), "answered with the variables x")
    boolean = listen(lambda conn, req: conn.sendall(answer(b'{"head": {}, "boolean": true}')))
    _assert_error(aikg("query", QUERY, "--endpoint", boolean.url), "answered a SELECT query with an answer of another")
    garbage = listen(lambda conn, req: conn.sendall(answer(b'{"head": {"vars": ["x"]}, "results": 3}')))
    _assert_error(aikg("query", QUERY, "--endpoint", garbage.url), "sent an unreadable answer")
