"""Stage 2: one RDF graph holding the ontology, the actor registry, the chosen layers and the
user's own files, with the derived direct triples added.

Layers are the sub-folders of ``data/`` (``article``, and those later issues add); all are
loaded unless the caller names some.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from ..core import cache as _core_cache
from ..core import resources
from ..core.errors import AikgError, unknown
from ..core.vocab import PREFIXES
from ..sources.rdf_files import parse_file
from . import cache as _cache
from . import derive as _derive


def new_graph() -> Graph:
    """An empty in-memory graph with aikg's prefixes bound, on a store that counts its writes (so
    that the copy SPARQL runs on is made again after any change, :mod:`graph.query.mirror`)."""
    from ..query.mirror import CountingMemory

    g = Graph(store=CountingMemory())
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("ev", "https://w3id.org/ai-infra-kg/id/evidence/")
    return g


def resolve_layers(layers: str | Sequence[str] | None) -> list[str]:
    """Turn ``None``, ``"all"`` or ``"article,public"`` into a checked list of layer names."""
    known = resources.layer_names()
    if layers is None or layers == "all":
        return known
    names = [n.strip() for n in layers.split(",")] if isinstance(layers, str) else list(layers)
    chosen = []
    for name in names:
        if not name:
            continue
        if name not in known:
            raise unknown("layer", name, known)
        chosen.append(name)
    return chosen


def load_graph(
    layers: str | Sequence[str] | None = None,
    data: Sequence[str | Path] = (),
    *,
    derive: bool = True,
) -> Graph:
    """Load the ontology, the actor registry, the layers and the user's files.

    Parameters
    ----------
    layers
        Layer names (``"article,public"``), ``"all"`` or ``None`` for every shipped layer.
    data
        The user's own RDF files (Turtle, N-Triples or JSON-LD, by extension).
    derive
        Add what the rules derive: effective dates, deals, periods, direct triples (see
        :mod:`graph.store.derive` and :mod:`graph.rules`).
    """
    files = source_files(layers, data)
    if not _core_cache.enabled():
        return _load(files, derive)
    try:
        name = _cache.key(files, derive=derive)
    except OSError:
        return _load(files, derive)  # a missing or unreadable file: the load says which
    cached = _cache.read(name)
    if cached is not None:
        return cached
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        g = _load(files, derive)
    for w in said:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    if not said:
        _cache.write(name, g)
    return g


def _load(files: Sequence[Path], derive: bool) -> Graph:
    g = new_graph()
    for path in files:
        parse_file(path, g)
    if derive:
        _derive.derive(g)
    return g


def source_files(layers: str | Sequence[str] | None = None, data: Sequence[str | Path] = ()) -> list[Path]:
    """The files :func:`load_graph` reads, in order: ontology, actor registry, shared events,
    layers, user files."""
    files = [resources.ontology_file(), resources.data_dir() / "actors.ttl", resources.data_dir() / "events.ttl"]
    for name in resolve_layers(layers):
        files.extend(resources.layer_files(name))
    files.extend(Path(p) for p in data)
    return files


def open_graph(
    layers: str | Sequence[str] | None = None,
    data: Sequence[str | Path] = (),
    *,
    store: str = "memory",
    endpoint: str | None = None,
    timeout: float = 60.0,
    max_answer_mb: float = 1024.0,
) -> Graph:
    """The graph a command reads: loaded in memory (the default), or an existing store.

    ``store="oxigraph:DIR"`` reopens an embedded store built by ``aikg load``; ``endpoint`` reads
    a SPARQL 1.1 endpoint. Those already hold their data: adding ``--data`` or choosing layers
    then is refused with a pointer to ``aikg load``.
    """
    from .oxigraph import open_store, parse_store_spec

    location = parse_store_spec(store)
    if endpoint and location is not None:
        raise AikgError("choose --store or --endpoint, not both")
    if (endpoint or location is not None) and (data or layers not in (None, "all")):
        raise AikgError(
            "--data and --layers apply when loading: put them in the store with "
            "`aikg load --store oxigraph:DIR --data FILE` (or `aikg load --endpoint URL`)"
        )
    if endpoint:
        from .endpoint import endpoint_graph

        return endpoint_graph(endpoint, timeout, max_answer_mb)
    if location is not None:
        return open_store(location)
    return load_graph(layers, data)
