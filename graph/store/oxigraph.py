"""A persistent embedded Oxigraph store: built once by ``aikg load --store oxigraph:DIR``, then
reopened fast by every command through rdflib (oxrdflib), where SPARQL runs in Oxigraph.

Loading uses pyoxigraph's bulk loader (about 14 times rdflib's Turtle parser on this machine, see
bench/), reading each file itself, and the derived triples are added by the same rules as in
memory (:mod:`graph.store.derive`), from what was read as the files were checked
(:class:`graph.store.read.TripleCollector`): one pass over the data in Python.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from ..core.errors import AikgError
from ..core.legacy import OLD_BASE, tell, upgrade_text

if TYPE_CHECKING:
    from ..rules.apply import Raw
    from .derive import Derived
    from .read import TripleCollector

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


def _mentions_old_namespace(path: Path) -> bool:
    """Whether the file holds aikg's old namespace (:mod:`graph.core.legacy`), found without
    reading a million-triple file into memory."""
    import mmap

    with path.open("rb") as fh:
        if path.stat().st_size == 0:
            return False
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return view.find(OLD_BASE.encode("ascii")) >= 0


def read_sources(files: Sequence[Path], collector: TripleCollector | None = None) -> list[dict]:
    """Check ``files`` before anything is written: each exists and parses. Returns what
    :func:`load_sources` reads (JSON-LD, read by rdflib, as N-Triples).

    Every file is read through once (a second at a million triples): the loader would meet a
    syntax error only after earlier triples were written. Syntax errors name the file and line.
    A ``collector`` (:class:`graph.store.read.TripleCollector`) is fed the triples as they are
    checked, so that the derivation and the network index need no other pass over the data.
    """
    import pyoxigraph as ox

    def check(triples) -> None:
        if collector is not None:
            collector.feed(triples)
        else:
            for _ in triples:
                pass

    sources = []
    for path in files:
        if not Path(path).is_file():
            raise AikgError(f"{path}: no such file")
        fmt = _format(path)
        try:
            if fmt is None:
                from ..sources.rdf_files import parse_file

                data = parse_file(path).serialize(format="nt").encode("utf-8")
                if collector is not None:
                    collector.feed(ox.parse(input=data, format=ox.RdfFormat.N_TRIPLES))
                sources.append({"input": data, "format": ox.RdfFormat.N_TRIPLES})
            elif _mentions_old_namespace(Path(path)):
                text, moved = upgrade_text(Path(path).read_text(encoding="utf-8"), "nt")
                tell(str(path), moved)
                data = text.encode("utf-8")
                check(ox.parse(input=data, format=fmt))
                sources.append({"input": data, "format": fmt})
            else:
                check(ox.parse(path=str(path), format=fmt))
                sources.append({"path": str(path), "format": fmt})
        except SyntaxError as exc:
            raise AikgError(f"{path}:{exc.lineno}: syntax error: {exc.msg}") from None
        except OSError as exc:
            raise AikgError(f"{path}: {exc}") from None
    return sources


def load_sources(
    store,
    sources: Sequence[dict],
    raw: Raw | None = None,
    meanwhile: Callable[[Derived], Any] | None = None,
) -> Derived:
    """Bulk-load what :func:`read_sources` checked into a pyoxigraph ``store``, then derive the
    direct triples.

    With ``raw`` (what a reader finds in the files, :class:`graph.store.read.TripleCollector`,
    for a store that holds only them), the files are loaded by a second thread while the rules
    run in this one (the bulk loader works in Rust, without Python's lock), and the derived
    triples follow them into the loader as they are written. ``meanwhile(derived)`` is called
    while the load finishes (the caller prepares the network index); its result is kept as
    ``derived.extra``.
    """
    import pyoxigraph as ox

    from .derive import derive_oxigraph

    if raw is None:
        for source in sources:
            store.bulk_load(**source, to_graph=ox.DefaultGraph())
        derived = derive_oxigraph(store)
        if meanwhile is not None:
            derived.extra = meanwhile(derived)
        return derived
    nt = ox.RdfFormat.N_TRIPLES
    with _Writer(store) as writer:
        for source in sources:
            writer.put(source)
        derived = derive_oxigraph(store, raw, lambda chunk: writer.put({"input": chunk, "format": nt}))
        if meanwhile is not None:
            derived.extra = meanwhile(derived)
    return derived


class _Writer:
    """A thread that bulk-loads, in order, what it is given into a store. Its first error is
    raised by the next :meth:`put`, or on leaving the ``with`` block, which waits for it."""

    def __init__(self, store) -> None:
        import queue
        import threading

        self._store = store
        # A few pieces waiting at most: derived triples are not written much faster than loaded.
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="aikg-bulk-load", daemon=True)

    def _run(self) -> None:
        import pyoxigraph as ox

        default = ox.DefaultGraph()
        while (source := self._queue.get()) is not None:
            if self._error is None:  # after an error, what is left is only taken off the queue
                try:
                    self._store.bulk_load(**source, to_graph=default)
                except BaseException as exc:  # handed to the main thread
                    self._error = exc

    def put(self, source: dict) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(source)

    def __enter__(self) -> _Writer:
        self._thread.start()
        return self

    def __exit__(self, kind, *rest) -> None:
        self._queue.put(None)
        self._thread.join()  # the store is closed only once the loader is done with it
        if self._error is not None and kind is None:
            raise self._error


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
    """Load ``files`` into the Oxigraph store at ``location``; return its number of triples
    (:func:`build_store_read` without what was read)."""
    return build_store_read(location, files, replace=replace)[0]


def build_store_read(
    location: str | Path,
    files: Sequence[Path],
    *,
    replace: bool = False,
    meanwhile: Callable[[Derived], Any] | None = None,
) -> tuple[int, Derived]:
    """Load ``files`` into the Oxigraph store at ``location``; return its number of triples and
    what the derivation read and derived (:class:`graph.store.derive.Derived`), from which the
    network index is made without reading the store again.

    Files are checked before the store is touched (:func:`read_sources`); a new store whose
    loading fails is removed, so that the folder can be used again. While the store is being
    written it carries :data:`INCOMPLETE`: a load killed outright (SIGKILL, a power cut) leaves
    it, and the next load says so and offers ``--replace``, which rebuilds the store from
    scratch; :func:`open_store` refuses such a store. A store another process is writing is
    refused as in use. A network index saved beside the store by an earlier load is removed: the
    caller saves a new one once the store is complete (:mod:`graph.network.index`).
    """
    import shutil

    from .read import TripleCollector

    location = Path(location)
    interrupted = _check_location(location, replace)

    # A store that will hold only these files is read as they are checked: one pass over the data
    # for the check, the derivation and the network index. Triples already in a store (a load
    # that adds files) are read by one scan of the store after the load.
    fresh = replace or not location.exists() or not any(location.iterdir())
    collector = TripleCollector() if fresh else None
    sources = read_sources(files, collector)
    raw = collector.collect() if collector is not None and collector.complete else None
    del collector
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
        derived = load_sources(store, sources, raw, meanwhile)
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
    return count, derived


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
