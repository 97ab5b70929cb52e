"""igraph, imported without its matplotlib drawing support.

``import igraph`` imports matplotlib's pyplot when it can, to offer drawing (0.3 s and 30 MB, as
long as the rest of ``aikg report`` on the shipped data); aikg only computes with igraph, so in
a command it is imported while matplotlib looks absent. In an interactive session (a notebook,
a REPL), where the user may plot with igraph, it is imported as usual, and so it is when
matplotlib is already imported.
"""

from __future__ import annotations

import sys
from types import ModuleType


def load() -> ModuleType:
    """The ``igraph`` module (raises :class:`ImportError` when it is not installed)."""
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    interactive = bool(getattr(sys, "ps1", None)) or sys.flags.interactive or "IPython" in sys.modules
    if interactive or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph
