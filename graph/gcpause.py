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
            gc.enable()
