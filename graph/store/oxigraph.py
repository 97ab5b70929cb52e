"""A persistent embedded Oxigraph store: built once by ``aikg load --store oxigraph:DIR``, then
reopened fast by every command through rdflib (oxrdflib), where SPARQL runs in Oxigraph.

Loading uses pyoxigraph's bulk loader (about 14 times rdflib's Turtle parser on this machine, see
bench/), fed 100,000 triples at a time, and the derived triples are added by the same rules as in
memory (:mod:`graph.store.derive`).
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from ..core.errors import AikgError
from ..core.legacy import OLD_BASE, tell, upgrade_text

MARKER = "aikg-store.txt"
#: The network index the network stage saves beside a store (:mod:`graph.network.index`).
INDEX = "aikg-network.json"
#: Present while ``aikg load`` writes the store; left behind by a load stopped part-way.
INCOMPLETE = "aikg-load-incomplete.txt"
#: Where each store opened by :func:`open_store` lives, for the network index
#: (:mod:`graph.network.index`); weak, so a closed graph does not keep its store open.
_LOCATIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _format(path: Path):
    import pyoxigraph as ox

    formats = {
        ".ttl": ox.RdfFormat.TURTLE,
        ".turtle": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".ntriples": ox.RdfFormat.N_TRIPLES,
    }
    return formats.get(path.suffix.lower())


#: Triples handed to pyoxigraph's bulk loader at a time. ``bulk_load`` of a whole file held
#: about 800 MB for a million triples on this machine; 100,000 at a time, about 150 MB, for 15%
#: more time (bench/scale_bench.py, ``aikg load``).
BULK_CHUNK = 100_000


def _bulk_extend(store, triples) -> None:
    import itertools

    import pyoxigraph as ox

    triples = iter(triples)
    while chunk := [ox.Quad(t.subject, t.predicate, t.object) for t in itertools.islice(triples, BULK_CHUNK)]:
        store.bulk_extend(chunk)


def _mentions_old_namespace(path: Path) -> bool:
    """Whether the file holds aikg's old namespace (:mod:`graph.core.legacy`), found without
    reading a million-triple file into memory."""
    import mmap

    with path.open("rb") as fh:
        if path.stat().st_size == 0:
            return False
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return view.find(OLD_BASE.encode("ascii")) >= 0


def read_sources(files: Sequence[Path]) -> list[dict]:
    """Check ``files`` before anything is written: each exists and parses. Returns what
    :func:`load_sources` reads (JSON-LD, read by rdflib, as N-Triples).

    Every file is read through once (a second at a million triples): the loader, fed in chunks,
    would meet a syntax error only after earlier chunks were written. Syntax errors name the
    file and line.
    """
    import pyoxigraph as ox

    sources = []
    for path in files:
        if not Path(path).is_file():
            raise AikgError(f"{path}: no such file")
        fmt = _format(path)
        try:
            if fmt is None:
                from ..sources.rdf_files import parse_file

                data = parse_file(path).serialize(format="nt").encode("utf-8")
                sources.append({"input": data, "format": ox.RdfFormat.N_TRIPLES})
            elif _mentions_old_namespace(Path(path)):
                text, moved = upgrade_text(Path(path).read_text(encoding="utf-8"), "nt")
                tell(str(path), moved)
                data = text.encode("utf-8")
                for _ in ox.parse(input=data, format=fmt):
                    pass
                sources.append({"input": data, "format": fmt})
            else:
                for _ in ox.parse(path=str(path), format=fmt):
                    pass
                sources.append({"path": str(path), "format": fmt})
        except SyntaxError as exc:
            raise AikgError(f"{path}:{exc.lineno}: syntax error: {exc.msg}") from None
        except OSError as exc:
            raise AikgError(f"{path}: {exc}") from None
    return sources


def load_sources(store, sources: Sequence[dict]) -> None:
    """Bulk-load what :func:`read_sources` checked into a pyoxigraph ``store``, then derive the
    direct triples."""
    import pyoxigraph as ox

    from .derive import derive_oxigraph

    for source in sources:
        _bulk_extend(store, ox.parse(**source))
    derive_oxigraph(store)


def fill(store, files: Sequence[Path]) -> None:
    """Check ``files`` (:func:`read_sources`), then load them into ``store`` (:func:`load_sources`)."""
    load_sources(store, read_sources(files))


def _in_use(location: Path) -> bool:
    """Whether another process holds the store at ``location`` open for writing.

    RocksDB holds an ``fcntl`` lock on ``DIR/LOCK`` while a store is open read-write (``aikg
    load``, ``aikg serve --writable``, ``oxigraph serve``); the lock goes with the process, even
    one killed outright.
    """
    import fcntl

    try:
        fd = os.open(location / "LOCK", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _in_use_error(location: Path) -> AikgError:
    return AikgError(
        f"the store at {location} is in use by another program (another `aikg load`, or a server "
        "writing it); wait for it to finish, or give another folder"
    )


def _open_for_writing(location: Path):
    """Open (or create) the store read-write, with a clear error when it is locked or unwritable."""
    import pyoxigraph as ox

    try:
        return ox.Store(str(location))
    except OSError as exc:
        if _in_use(location) or "lock" in str(exc).lower():
            raise _in_use_error(location) from None
        raise AikgError(f"cannot write the store at {location}: {exc}") from None


def _check_location(location: Path, replace: bool) -> bool:
    """Check that ``location`` can hold a store; return whether it holds an interrupted load to
    remove first (with ``replace``)."""
    if location.exists() and not location.is_dir():
        raise AikgError(f"--store oxigraph:{location}: it is a file, not a folder")
    try:
        entries = {p.name for p in location.iterdir()} if location.exists() else set()
    except OSError as exc:
        raise AikgError(f"cannot read the folder {location}: {exc.strerror or exc}") from None
    if entries and _in_use(location):
        raise _in_use_error(location)
    if INCOMPLETE in entries:
        if not replace:
            raise AikgError(
                f"the store at {location} was left incomplete by an `aikg load` that was stopped part-way; "
                f"rebuild it with: aikg load --replace --store oxigraph:{location} ..."
            )
        return True
    if entries and MARKER not in entries:
        raise AikgError(f"{location} exists and is not an aikg store; choose an empty or new folder")
    return False


def build_store(location: str | Path, files: Sequence[Path], *, replace: bool = False) -> int:
    """Load ``files`` into the Oxigraph store at ``location``; return its number of triples.

    Files are checked before the store is touched (:func:`read_sources`); a new store whose
    loading fails is removed, so that the folder can be used again. While the store is being
    written it carries :data:`INCOMPLETE`: a load killed outright (SIGKILL, a power cut) leaves
    it, and the next load says so and offers ``--replace``, which rebuilds the store from
    scratch; :func:`open_store` refuses such a store. A store another process is writing is
    refused as in use. A network index saved beside the store by an earlier load is removed: the
    caller saves a new one once the store is complete (:mod:`graph.network.index`).
    """
    import shutil

    location = Path(location)
    interrupted = _check_location(location, replace)

    sources = read_sources(files)
    if interrupted:  # what a stopped load left cannot be trusted, nor perhaps opened: start again
        shutil.rmtree(location)
    new = not location.exists() or not any(location.iterdir())
    store = _open_for_writing(location)
    try:
        try:
            (location / INCOMPLETE).write_text(
                "an `aikg load` is writing this store, or was stopped part-way; "
                "rebuild it with: aikg load --replace --store oxigraph:DIR\n"
            )
        except OSError as exc:
            raise AikgError(f"cannot write the store at {location}: {exc.strerror or exc}") from None
        (location / INDEX).unlink(missing_ok=True)  # rewritten below, once the store is complete
        if replace:
            store.clear()
        load_sources(store, sources)
        store.flush()
        count = len(store)
    except BaseException:
        del store
        if new:  # nothing of the user's was there: the folder goes, and can be given again
            shutil.rmtree(location, ignore_errors=True)
        raise
    del store
    (location / MARKER).write_text("aikg Oxigraph store; rebuild with: aikg load --store oxigraph:DIR\n")
    (location / INCOMPLETE).unlink()
    return count


def open_store(location: str | Path) -> Graph:
    """Reopen a store built by :func:`build_store`, read-only, as an rdflib graph.

    Read-only opening takes no lock, so several commands can read one store at once (a
    read-write open would refuse a second process).
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    location = Path(location)
    if (location / INCOMPLETE).exists():
        raise AikgError(
            f"the store at {location} is incomplete: an `aikg load` is writing it or was stopped part-way "
            f"(rebuild it with `aikg load --replace --store oxigraph:{location}`)"
        )
    if not (location / MARKER).exists():
        raise AikgError(f"no aikg store at {location}: build it with `aikg load --store oxigraph:{location}`")
    try:
        inner = ox.Store.read_only(str(location))
    except OSError as exc:
        raise AikgError(f"cannot open the store at {location}: {exc}") from None
    graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    _LOCATIONS[graph.store] = location
    return graph


def location_of(graph: Graph) -> Path | None:
    """The folder of the embedded store ``graph`` was opened from by :func:`open_store`, else None."""
    try:
        return _LOCATIONS.get(graph.store)
    except TypeError:  # a store that cannot be weakly referenced was not opened here
        return None


def parse_store_spec(spec: str) -> Path | None:
    """``memory`` -> None; ``oxigraph:DIR`` -> DIR."""
    if spec == "memory":
        return None
    kind, _, where = spec.partition(":")
    if kind != "oxigraph" or not where:
        raise AikgError(f"--store {spec!r}: expected 'memory' or 'oxigraph:DIR'")
    return Path(where)
