"""Loaded graphs in aikg's cache (:mod:`graph.core.cache`), so that a command does not parse and
derive unchanged files again.

Parsing the shipped Turtle and deriving what the rules add costs about half a second, most of
what ``aikg query`` spends; reading the same graph back takes a fifth of that. An entry is
named by the bytes of every file read (ontology, actor registry, layers, ``--data``) in order,
with their suffixes (which choose the parser), the ``derive`` flag and the code's fingerprint.
It holds the graph and its copy for SPARQL as N-Quads (:mod:`graph.query.mirror`), which
Oxigraph reads in a sixth of the time the copy takes to make.

Loads that warned (a file in aikg's old namespace) are not cached, so that the warning is given
on every run.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from rdflib import Graph

from ..core import cache as _core

#: Cache kind, and how many loaded graphs are kept (about 2 MB each for the shipped data).
KIND = "graphs"
KEEP = 12

#: Larger graphs are not cached: an entry costs about 170 bytes a triple on disk, and past this
#: size an embedded store (``aikg load --store oxigraph:DIR``) is the way to load once.
MAX_TRIPLES = 500_000

#: Each loaded graph's store -> (its write count then, the entry name): what the graph holds,
#: for as long as nothing is written to it (:func:`content_key`).
_LOADED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def remember(graph: Graph, name: str) -> None:
    """Note that ``graph`` holds what entry ``name`` holds (it was just loaded from those files)."""
    generation = getattr(graph.store, "generation", None)
    if generation is not None:
        _LOADED[graph.store] = (generation, name)


def content_key(graph: Graph) -> str | None:
    """A name for what ``graph`` holds, while it holds what it was loaded with; ``None`` for a
    graph not loaded by :func:`graph.store.memory.load_graph`, or changed since. Results computed
    from the whole graph (its validation, its serialisation) are cached under it."""
    got = _LOADED.get(graph.store) if getattr(graph.store, "generation", None) is not None else None
    if got is None or got[0] != graph.store.generation:
        return None
    return got[1]


def key(files: Sequence[Path], *, derive: bool) -> str:
    """The entry name for loading ``files`` in this order, with or without derivation.

    Raises :class:`OSError` when a file cannot be read (the load then reports it).
    """
    parts = [b"derive" if derive else b"plain"]
    for path in files:
        parts.append(path.suffix.lower().encode())
        parts.append(hashlib.sha256(path.read_bytes()).digest())
    return _core.digest(*parts)


T = TypeVar("T")

#: How many results of each kind computed from a whole loaded graph are kept.
KEEP_RESULTS = 12


def for_loaded(graph: Graph, kind: str, parts: Sequence[bytes], compute: Callable[[], T], expected: type) -> T:
    """``compute()``, a result of the whole of ``graph`` and of ``parts`` (what else it depends on),
    read back when ``graph`` holds what it was loaded with and the result was computed before
    (:func:`content_key`); computed, and kept as a ``kind`` entry, otherwise. A stored value
    that is not an ``expected`` is a miss."""
    loaded = content_key(graph)
    if loaded is None:
        return compute()
    name = _core.digest(kind.encode(), loaded.encode(), *parts)
    known = _core.get(kind, name)
    if isinstance(known, expected):
        return known  # type: ignore[return-value]
    value = compute()
    _core.put(kind, name, value, keep=KEEP_RESULTS)
    return value


def read(name: str) -> Graph | None:
    """The graph stored as ``name``, its SPARQL copy primed, or ``None``."""
    from ..query.mirror import prime

    got = _core.get(KIND, name)
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], Graph)):
        return None
    graph, nquads = got
    if isinstance(nquads, bytes):
        prime(graph, nquads)
    remember(graph, name)
    return graph


def write(name: str, graph: Graph) -> None:
    """Store ``graph`` (and its SPARQL copy) as ``name``."""
    from ..query.mirror import copy_as_nquads

    if _core.enabled() and len(graph) <= MAX_TRIPLES:
        _core.put(KIND, name, (graph, copy_as_nquads(graph)), keep=KEEP)
        remember(graph, name)
