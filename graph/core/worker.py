"""A second process for the CPU-bound parts of a large report, so that it uses two cores.

Python runs one thread at a time, and igraph and matplotlib hold the interpreter lock while
they work (measured: two betweenness threads take twice as long as one). Within
:func:`second_core`, :func:`current` is a :class:`Worker`: a new interpreter that runs jobs
(a function of this package, named in :data:`JOBS`, and its arguments) one after the other
while this process goes on; :meth:`Worker.submit` returns a future. ``aikg report`` hands it
the betweenness of each snapshot (:mod:`graph.analysis.betweenness`) and its charts.

A job gives the same result in the worker as here: the same function on the same
arguments. When the worker cannot start or dies, the job is run here instead, so results
never depend on the worker.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import import_module
from typing import Any

#: Below this many relations, a report runs without a worker: starting one (an interpreter
#: importing igraph) costs more than the betweenness of a small network.
MIN_RELATIONS = 20_000

#: The functions a worker runs, by name: ``module:function`` in this package.
JOBS: dict[str, str] = {
    "betweenness": "graph.analysis.betweenness:raw_betweenness",
    "before_after": "graph.report.charts:before_after",
    "supplier_shares": "graph.report.charts:supplier_shares",
    "warm_charts": "graph.report.charts:warm_up",
}

#: The worker's code, given with ``-c`` rather than run through multiprocessing: a spawned
#: child re-runs the caller's ``__main__`` script, which does harm when that script lacks an
#: ``if __name__ == "__main__"`` guard. The interpreter starts isolated (``-I``: neither the
#: current folder nor PYTHON* variables on its path, so a ``json.py`` where the user stands is
#: never imported), imports only built-in modules until it takes this process's ``sys.path``
#: (its arguments), and ignores Ctrl-C, which this process handles.
_CODE = """
import signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.path[:] = sys.argv[1:]
from graph.core.worker import serve
serve()
"""


def _function(name: str) -> Callable[..., Any]:
    module, attr = JOBS[name].split(":")
    return getattr(import_module(module), attr)


def serve() -> None:
    """The worker's loop: read ``(name, args, kwargs)`` jobs from stdin, write each result
    (``(True, value)``, or ``(False, message)`` when the job raised) to stdout, pickled."""
    import os

    # Replies go to a private copy of stdout; anything a job or a C library prints goes to
    # stderr instead, where it cannot be taken for a reply.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    # Betweenness never draws: igraph without its drawing support (graph.core.igraph_lib).
    try:
        from .igraph_lib import load

        load()
    except ImportError:
        pass
    while True:
        try:
            name, args, kwargs = pickle.load(inp)
        except Exception:  # EOF (the parent closed the pipe or died) or a damaged job: stop
            return
        try:
            reply = (True, _function(name)(*args, **kwargs))
        except Exception as exc:  # reported to the parent, which runs the job itself
            reply = (False, f"{type(exc).__name__}: {exc}")
        pickle.dump(reply, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


class Worker:
    """A worker process and the thread of this process that talks to it, one job at a time
    (so that handing over a job never waits for the one before to finish)."""

    def __init__(self, process: subprocess.Popen) -> None:
        self._process = process
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="aikg-worker")

    def _ask(self, name: str, job: bytes) -> Any:
        self._process.stdin.write(job)
        self._process.stdin.flush()
        ok, value = pickle.load(self._process.stdout)
        if not ok:
            raise RuntimeError(f"worker job {name} failed: {value}")
        return value

    def submit(self, name: str, *args: Any, **kwargs: Any) -> Future:
        """Run job ``name`` (:data:`JOBS`) in the worker; the future holds its result."""
        if name not in JOBS:
            raise KeyError(f"unknown worker job {name!r}; known: {', '.join(sorted(JOBS))}")
        # Pickled here, whole, before anything is written: the arguments are taken as they are
        # now (the caller may go on changing them), and a job that cannot be pickled fails
        # here instead of leaving half a job in the pipe for the next one to be read with.
        job = pickle.dumps((name, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        return self._thread.submit(self._ask, name, job)

    def close(self) -> None:
        """Stop the worker, the job it is running included; jobs not yet run are dropped."""
        self._thread.shutdown(wait=False, cancel_futures=True)
        self._process.kill()  # a job still running ends in EOF for the thread waiting on it
        self._process.wait()
        self._thread.shutdown(wait=True)
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()
            except OSError:  # a broken pipe, when the worker had died: nothing left to lose
                pass


def result(future: Future | None, name: str, *args: Any, **kwargs: Any) -> Any:
    """The job's result from the worker, or, when there is no future or the worker failed,
    job ``name`` run here on the same arguments."""
    if future is not None:
        try:
            return future.result()
        except Exception:  # the worker died or the job failed there: run it here
            pass
    return _function(name)(*args, **kwargs)


_CURRENT: ContextVar[Worker | None] = ContextVar("aikg_worker", default=None)


def current() -> Worker | None:
    """The :class:`Worker` of the enclosing :func:`second_core`, or None."""
    return _CURRENT.get()


@contextmanager
def second_core(wanted: bool = True) -> Iterator[Worker | None]:
    """Within the block, :func:`current` is a worker process (when ``wanted`` and one starts).

    Parameters
    ----------
    wanted : bool, optional
        False gives no worker: for small data, starting an interpreter costs more than it saves.

    Yields
    ------
    Worker or None
    """
    worker = None
    if wanted:
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", _CODE, *sys.path],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            worker = Worker(process)
        except OSError:  # no process to be had: every job runs here
            worker = None
    token = _CURRENT.set(worker)
    try:
        yield worker
    finally:
        _CURRENT.reset(token)
        if worker is not None:
            worker.close()
