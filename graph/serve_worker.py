"""A query worker of ``aikg serve``: one process that runs SPARQL on the store with pyoxigraph,
one request at a time, and that the server kills when a request outlives the time limit.

Started by :mod:`graph.serve` as ``python -m graph.serve_worker LOCATION --parent PID ...``;
it talks over its standard input and output in frames (:func:`write_frame`). Before it opens
anything it makes sure it cannot outlive the server (``PR_SET_PDEATHSIG``, then a check that its
parent is still the server) and, unless outbound requests are allowed, cuts itself off the
network (a network namespace of its own, with no interface up): a ``SERVICE`` or ``LOAD`` that
got past the server's check still reaches nothing.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import struct
import sys
from typing import IO, Any

_HEADER = struct.Struct(">cI")
#: Bytes of serialised answer sent per data frame.
CHUNK = 1 << 16

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1


def write_frame(out: IO[bytes], kind: bytes, payload: bytes = b"") -> None:
    """One frame: a kind byte, the payload's length (4 bytes, big-endian), the payload."""
    out.write(_HEADER.pack(kind, len(payload)) + payload)


def read_frame(inp: IO[bytes]) -> tuple[bytes, bytes] | None:
    """The next frame from a blocking stream, or None at its end."""
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    kind, length = _HEADER.unpack(head)
    payload = inp.read(length)
    if len(payload) < length:
        return None
    return kind, payload


def die_with_parent(parent: int) -> None:
    """Get SIGKILL when the server's thread that started this process ends, whatever ends it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the closed pipe still ends the loop below
        pass
    if os.getppid() != parent:  # the server died before the line above
        os._exit(0)


def isolate_network() -> bool:
    """Move this process into a network namespace of its own (no interface up); True if done.

    Must run while the process has a single thread (``CLONE_NEWUSER`` requires it): before
    pyoxigraph is imported. Root can make the namespace directly; others through a user
    namespace, where the kernel allows them.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def _choose(accept: str, parse: Any, default: Any) -> Any:
    """The format of the highest-ranked media type in ``accept`` that ``parse`` knows."""
    ranked = []
    for index, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media.lower()))
    for _, _, media in sorted(ranked):
        found = parse(media)
        if found is not None:
            return found
    return default


class _Frames:
    """A binary file object that sends what is written to it as data frames."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) >= CHUNK:
            write_frame(self.out, b"D", bytes(self.buffer[:CHUNK]))
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            write_frame(self.out, b"D", bytes(self.buffer))
            self.buffer.clear()


def _error(out: IO[bytes], status: int, message: str) -> None:
    write_frame(out, b"X", json.dumps({"status": status, "message": message}).encode())


def run_query(store: Any, out: IO[bytes], text: str, accept: str) -> None:
    """Evaluate ``text`` and stream the answer: a head frame, data frames, an end frame."""
    import pyoxigraph as ox

    try:
        result = store.query(text)
    except SyntaxError as exc:
        return _error(out, 400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return _error(out, 500, f"query failed: {exc}")
    if isinstance(result, ox.QueryTriples):
        fmt = _choose(accept, ox.RdfFormat.from_media_type, ox.RdfFormat.N_TRIPLES)
    else:
        fmt = _choose(accept, ox.QueryResultsFormat.from_media_type, ox.QueryResultsFormat.JSON)
    media = fmt.media_type + ("; charset=utf-8" if fmt.media_type.startswith("text/") else "")
    write_frame(out, b"H", json.dumps({"type": media}).encode())
    frames = _Frames(out)
    try:
        if isinstance(result, ox.QueryBoolean):
            frames.write(result.serialize(format=fmt))
        else:
            result.serialize(frames, format=fmt)
        frames.flush()
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
        return _error(out, 500, f"query failed: {exc}")
    write_frame(out, b"E")


def run_update(store: Any, out: IO[bytes], text: str) -> None:
    """Apply ``text`` (a transaction: all of it or nothing) and answer with an end frame."""
    try:
        store.update(text)
    except SyntaxError as exc:
        return _error(out, 400, f"SPARQL syntax error: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return _error(out, 500, f"update failed: {exc}")
    write_frame(out, b"E")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.serve_worker")
    parser.add_argument("location")
    parser.add_argument("--parent", type=int, required=True)
    parser.add_argument("--writable", action="store_true")
    parser.add_argument("--allow-outbound", action="store_true")
    args = parser.parse_args(argv)
    die_with_parent(args.parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it stops the workers
    isolated = False if args.allow_outbound else isolate_network()

    out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # anything printed by accident goes to standard error, not into the frames
    inp = sys.stdin.buffer
    import pyoxigraph as ox

    try:
        store = ox.Store(args.location) if args.writable else ox.Store.read_only(args.location)
    except OSError as exc:
        _error(out, 500, f"cannot open the store at {args.location}: {exc}")
        return 1
    write_frame(out, b"R", json.dumps({"isolated": isolated}).encode())
    while (frame := read_frame(inp)) is not None:
        kind, payload = frame
        request = json.loads(payload)
        if kind == b"Q":
            run_query(store, out, request["query"], request.get("accept", ""))
        elif kind == b"U" and args.writable:
            run_update(store, out, request["update"])
        else:
            _error(out, 400, "unknown request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
