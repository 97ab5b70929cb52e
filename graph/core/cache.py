"""aikg's on-disk cache: results keyed by the content of what produced them.

Commands are run dozens of times in a session on unchanged inputs; parsing the shipped Turtle,
deriving what the rules add and drawing the same charts again cost most of their time (issue
#17). An entry is stored under a name the caller computes from everything the result depends
on (:func:`digest`), always including :func:`code_fingerprint`: the bytes of this package's code
and the versions of Python and the libraries whose objects or output an entry holds, so that an
edited rule, a new release or an upgraded library is a miss. Nothing relies on file times.

A wrong cache is worse than a slow command: an entry is written to a temporary file and
renamed, carries its own name (checked on reading), and an entry that cannot be read is a miss,
written again. An unwritable folder only leaves results uncached.

Where: ``$AIKG_CACHE_DIR``, else ``$XDG_CACHE_HOME/aikg``, else ``~/.cache/aikg``, folders only
their owner can open (an entry is a pickle: whoever can write one can run code as you).
``AIKG_CACHE=off`` turns the cache off; ``aikg cache clear`` empties it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

#: Environment variables: the cache's folder, and ``off`` to turn it off.
DIR_ENV = "AIKG_CACHE_DIR"
SWITCH_ENV = "AIKG_CACHE"

#: Bumped when the layout of entries changes.
FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent.parent


def enabled() -> bool:
    """Whether results are cached: not with ``AIKG_CACHE=off``, nor when there is no folder for
    them (no ``$AIKG_CACHE_DIR``, ``$XDG_CACHE_HOME`` or home folder to be found)."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in {"off", "0", "no", "false"}:
        return False
    return folder().is_absolute()


def folder() -> Path:
    """The cache's folder (not created here). A relative path means there is none: a process
    without a home folder would otherwise write a folder named ``~`` where it stands."""
    given = os.environ.get(DIR_ENV)
    if given:
        return Path(os.path.abspath(os.path.expanduser(given)))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "aikg"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of this package's source and of the versions of Python and the libraries whose
    objects (rdflib, pyoxigraph) or drawings (matplotlib) entries hold."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
    for dist in ("rdflib", "pyoxigraph", "matplotlib", "networkx", "igraph", "numpy", "scipy"):
        try:
            h.update(f"|{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(f"|{dist}=none".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def digest(*parts: bytes) -> str:
    """An entry name: the code's fingerprint and ``parts``, each delimited, hashed."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def get(kind: str, name: str) -> object | None:
    """The value stored as ``name`` among ``kind`` entries, or ``None`` (absent or unreadable)."""
    if not enabled():
        return None
    path = folder() / kind / f"{name}.pickle"
    try:
        with open(path, "rb") as fh:
            stored_name, value = pickle.load(fh)
    except Exception:  # an absent or broken entry is a miss, written again
        return None
    if stored_name != name:
        return None
    try:
        os.utime(path)  # the most recently used entries are the ones kept
    except OSError:
        pass
    return value


def put(kind: str, name: str, value: object, *, keep: int) -> None:
    """Store ``value`` as ``name`` among ``kind`` entries, keeping the newest ``keep`` of them."""
    if not enabled():
        return
    where = folder() / kind
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((name, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, where / f"{name}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(where.glob("*.pickle"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return


def usage() -> dict[str, tuple[int, int]]:
    """Each kind of entry: how many there are and their bytes, by kind name."""
    root = folder()
    found: dict[str, tuple[int, int]] = {}
    if root.is_absolute() and root.is_dir():
        for kind in sorted(p for p in root.iterdir() if p.is_dir()):
            sizes = [p.stat().st_size for p in kind.glob("*.pickle")]
            found[kind.name] = (len(sizes), sum(sizes))
    return found


def clear() -> int:
    """Remove every entry of every kind; returns how many were removed."""
    n = 0
    root = folder()
    if not (root.is_absolute() and root.is_dir()):
        return 0
    for path in root.glob("*/*.pickle"):
        path.unlink(missing_ok=True)
        n += 1
    return n


#: Results of memoised functions held by this process (the last :data:`HELD_MAX`): those it
#: computed, and those a worker process computed for it (``func.hold``). A report hands some
#: charts to its worker while it computes the rest, then writes them; this needs no folder, so
#: it works with the cache off too (a pure function's result cannot go stale within a process).
_HELD: dict[str, bytes] = {}
HELD_MAX = 64


def _held_key(func: Callable[..., bytes], args: tuple[object, ...], kwargs: dict[str, object]) -> str | None:
    try:
        call = pickle.dumps((args, kwargs), 5)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.sha256(func.__module__.encode() + b"\0" + func.__qualname__.encode() + b"\0" + call).hexdigest()


def _hold(key: str | None, value: object) -> None:
    if key is None or not isinstance(value, bytes):
        return
    _HELD.pop(key, None)
    _HELD[key] = value
    while len(_HELD) > HELD_MAX:
        del _HELD[next(iter(_HELD))]


def memo(kind: str, keep: int) -> Callable[[Callable[..., bytes]], Callable[..., bytes]]:
    """Decorate a pure function of picklable arguments returning bytes, so that its results are
    cached by the pickled arguments (a drawing: the same numbers give the same PNG), on disk
    and in this process. ``func.hold(value, *args, **kwargs)`` hands the process a result
    computed elsewhere (by a worker process, from the same arguments)."""

    def wrap(func: Callable[..., bytes]) -> Callable[..., bytes]:
        @functools.wraps(func)
        def cached(*args: object, **kwargs: object) -> bytes:
            key = _held_key(func, args, kwargs)
            if key is not None and key in _HELD:
                return _HELD[key]
            if not enabled() or key is None:
                value = func(*args, **kwargs)
                _hold(key, value)
                return value
            name = digest(key.encode())
            got = get(kind, name)
            if isinstance(got, bytes):
                _hold(key, got)
                return got
            value = func(*args, **kwargs)
            if isinstance(value, bytes):
                put(kind, name, value, keep=keep)
            _hold(key, value)
            return value

        def hold(value: bytes, *args: object, **kwargs: object) -> None:
            _hold(_held_key(func, args, kwargs), value)

        cached.uncached = func  # type: ignore[attr-defined]
        cached.hold = hold  # type: ignore[attr-defined]
        return cached

    return wrap
