"""Listeners on 127.0.0.1 that the tests start: each connection is recorded, then handled by a
function of the test's (answer, stall, drip, redirect, close)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import pytest

EMPTY_RESULT = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'


def answer(body: bytes, *, status: str = "200 OK", ctype: str = "application/sparql-results+json") -> bytes:
    """A whole HTTP answer with its length."""
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode() + body


def read_request(conn: socket.socket) -> bytes:
    """The request's head and body (by its Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class Listener:
    """A TCP server on 127.0.0.1 running ``handler(conn, request)`` for each connection."""

    def __init__(self, handler: Callable[[socket.socket, bytes], None]) -> None:
        self.handler = handler
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        conn.settimeout(30)
        try:
            request = read_request(conn)
            self.requests.append(request)
            self.handler(conn, request)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listen():
    """Start listeners with ``listen(handler)``; all are closed after the test."""
    made: list[Listener] = []

    def start(handler: Callable[[socket.socket, bytes], None]) -> Listener:
        made.append(Listener(handler))
        return made[-1]

    yield start
    for listener in made:
        listener.close()


@pytest.fixture
def recorder(listen):
    """A listener that answers every request with an empty SPARQL result."""
    return listen(lambda conn, request: conn.sendall(answer(EMPTY_RESULT)))
