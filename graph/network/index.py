"""The network index: what :func:`graph.network.snapshot.fetch_network` reads from an embedded Oxigraph
store, saved beside the store so that the next command need not read it again.

``aikg load --store oxigraph:DIR`` writes ``DIR/aikg-network.json`` once the store is built.
Every command that opens the store reads the index instead of the store's million triples, but
only while it is current: the index records a fingerprint of the store's files (the name, size
and modification time of each, RocksDB's informational logs aside) and of the code that built it.
Any write to the store changes its write-ahead log or its table files, whoever makes it (``aikg
load``, ``aikg serve --writable``, another program), so a stale index is never used: the network
is then read from the store and the index saved again when the folder can be written.

The index is JSON, never pickle, so opening a store handed over by someone else cannot run code.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..store.oxigraph import INDEX, MARKER

#: Bumped when the index's layout changes; code changes are caught by the source hash too.
FORMAT = 3
#: Files of the store folder that change without a change of data: RocksDB's info logs, its
#: lock file, and aikg's own files.
_IGNORED_PREFIXES = ("LOG", "LOCK", INDEX, "." + INDEX, MARKER)


def _code_hash() -> str:
    here = Path(__file__).parent.parent  # the package: every module that reads or shapes the network
    h = hashlib.sha256()
    names = [f"{folder}/{p.name}" for folder in ("network", "rules") for p in sorted((here / folder).glob("*.py"))]
    names += ["store/read.py", "store/derive.py", "store/oxigraph.py", "api/load.py"]
    for name in names:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    return h.hexdigest()


def fingerprint(location: str | os.PathLike[str]) -> dict[str, Any]:
    """What identifies the store's content at ``location`` and the code reading it."""
    files = []
    for entry in sorted(os.scandir(location), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith(_IGNORED_PREFIXES):
            st = entry.stat()
            files.append([entry.name, st.st_size, st.st_mtime_ns])
    return {"format": FORMAT, "code": _code_hash(), "files": files}


def read_index(location: str | os.PathLike[str]) -> Any | None:
    """The network saved at ``location`` if it is current, else None."""
    from ..core.gcpause import paused_gc
    from .data import NetworkData

    path = Path(location) / INDEX
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    with paused_gc():
        try:
            doc = json.loads(raw)
            if not isinstance(doc, dict) or doc.get("fingerprint") != fingerprint(location):
                return None
            net = doc["network"]
            return NetworkData(
                actors=net["actors"],
                relations=_decode_records(net["relations"]),
                links=net["links"],
                events=net["events"],
                horizon=net.get("horizon"),
            )
        except (ValueError, KeyError, IndexError, TypeError):
            return None  # a damaged index is rebuilt, never trusted


def _kind(values: list[Any]) -> str:
    """How a column of relation fields is stored: see :func:`_encode_records`."""
    present = [v for v in values if v is not None]
    if all(type(v) is str for v in present):
        return "str"
    if all(type(v) in (float, bool) for v in present):
        return "plain"
    if all(type(v) is list and all(type(x) is str for x in v) for v in present):
        return "strs"
    if all(type(v) is list and all(type(x) is dict for x in v) for v in present):
        return "dicts"
    return "json"


def _encode_records(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Relation records as columns, each text once in a table and each source dict once.

    Eighty thousand relations repeat the same IRIs, types, dates and sources; shared, they take
    about half the memory once read back, and the file a quarter of the size.
    """
    fields = list(records[0]) if records else []
    if any(list(r) != fields for r in records):
        return {"records": records}  # not one shape: kept as they are
    strings: dict[str, int] = {}
    tables: dict[str, int] = {}

    def text(v: str | None) -> int | None:
        return None if v is None else strings.setdefault(v, len(strings))

    def table(d: dict[str, Any]) -> int:
        return tables.setdefault(json.dumps(d, sort_keys=True, ensure_ascii=False), len(tables))

    columns = []
    for f in fields:
        col = [r[f] for r in records]
        kind = _kind(col)
        if kind == "str":
            col = [text(v) for v in col]
        elif kind == "strs":
            col = [None if v is None else [text(x) for x in v] for v in col]
        elif kind == "dicts":
            col = [None if v is None else [table(x) for x in v] for v in col]
        columns.append([f, kind, col])
    return {"strings": list(strings), "dicts": [json.loads(t) for t in tables], "columns": columns}


def _decode_records(doc: dict[str, Any]) -> list[dict[str, Any]]:
    from .data import RelationRecord

    if "records" in doc:
        return doc["records"]
    S, D = doc["strings"], doc["dicts"]
    names, cols = [], []
    for f, kind, col in doc["columns"]:
        if kind == "str":
            col = [None if i is None else S[i] for i in col]
        elif kind == "strs":
            col = [None if v is None else [S[i] for i in v] for v in col]
        elif kind == "dicts":
            col = [None if v is None else [D[i] for i in v] for v in col]
        names.append(f)
        cols.append(col)
    return [RelationRecord(zip(names, row)) for row in zip(*cols)]


def encode_network(data: Any) -> bytes:
    """The ``network`` part of the index of ``data`` (a :class:`graph.network.data.NetworkData`),
    as :func:`write_index` writes it: made while a store is still being loaded."""
    from ..core.gcpause import paused_gc

    network = {
        "actors": data.actors,
        "relations": _encode_records(data.relations),
        "links": data.links,
        "events": data.events,
        "horizon": data.horizon,
    }
    with paused_gc():
        return json.dumps(network, ensure_ascii=False, separators=(",", ":")).encode()


def write_index(
    location: str | os.PathLike[str], data: Any, fp: dict[str, Any] | None = None, encoded: bytes | None = None
) -> bool:
    """Save ``data`` (a :class:`graph.network.snapshot.NetworkData`) as the index of the store at
    ``location``, read when the store had the fingerprint ``fp`` (default: now); False when the
    folder cannot be written (the store still works, only slower). ``encoded`` is
    :func:`encode_network` of ``data`` when the caller made it already."""
    from ..core.atomic import write_bytes

    head = json.dumps({"fingerprint": fp or fingerprint(location)}, ensure_ascii=False, separators=(",", ":"))
    body = encoded if encoded is not None else encode_network(data)
    try:
        write_bytes(Path(location) / INDEX, head[:-1].encode() + b',"network":' + body + b"}")
    except OSError:
        return False
    return True


def cached_network(graph: Any, build: Callable[[], Any]) -> Any:
    """The network of ``graph``: from its store's index when current, else ``build()`` (saved as
    the new index when ``graph`` is an embedded Oxigraph store)."""
    from ..store.oxigraph import location_of

    location = location_of(graph)
    if location is None:
        return build()
    data = read_index(location)
    if data is None:
        before = fingerprint(location)
        data = build()
        if fingerprint(location) == before:  # nobody wrote to the store while it was read
            write_index(location, data, before)
    return data
