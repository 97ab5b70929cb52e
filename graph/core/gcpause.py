"""Pause Python's cyclic garbage collector while large structures are built.

Building a million-triple network creates millions of dicts and lists that stay alive; each
generational collection walks them all again, which made building the network and its snapshots
three to six times slower (measured in bench/scale_bench.py). The structures built inside
:func:`paused_gc` hold no reference cycles, so nothing is lost by collecting after them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after.

    Nested uses are safe: only the outermost one re-enables the collector, and a collector
    already off stays off.

    Examples
    --------
    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if _freezing:
                gc.freeze()
            gc.enable()


_freezing = False


@contextmanager
def freezing_pauses() -> Iterator[None]:
    """Within the block, what each outermost :func:`paused_gc` block leaves alive is moved to the
    collector's permanent generation (``gc.freeze``) when it ends; after the block it is put back.

    For a run of the ``aikg`` command: the first young collection after a paused block would
    otherwise walk everything the block built (a snapshot, a view: hundreds of thousands of
    objects), 0.4 s of a report at a million triples. Reference counting still frees frozen
    objects; only cyclic garbage among them waits for the end of the block, which is why a
    library caller (a notebook, a server) does not get this by default.
    """
    global _freezing
    was = _freezing
    _freezing = True
    try:
        yield
    finally:
        _freezing = was
        if not was:
            gc.unfreeze()
