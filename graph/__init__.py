"""aikg: a knowledge graph of AI-infrastructure relationships.

The package follows the data's one-way flow, one folder per stage; each stage imports only from
the stages before it (``tests/test_layout.py`` fails on an import cycle):

``core``        errors, dates, the vocabulary, where the shipped files are, atomic writes
``rules``       what the data means, once: in force on a day, one deal, statuses, values
``query``       SPARQL over any store: bundled queries, parameters, result formats, actor names
``sources``     read Turtle, N-Triples, JSON-LD, CSV (and synthetic data) with clear errors
``store``       one graph from the ontology, layers and your files: in memory, embedded Oxigraph,
                an endpoint; the rules' triples added at load time
``validation``  SHACL over everything loaded
``network``     the network read once, as snapshots on dates (networkx)
``analysis``    plain functions of a snapshot: centrality, shift, concentration, exposure ...
``report``, ``view``  rendering: CSV, JSON, Markdown, HTML, charts, interactive pages
``extract``     news text to candidate facts
``api``         the Python API (:func:`open`, :class:`graph.api.kg.KnowledgeGraph`)
``server``      ``aikg serve``
``cli``         the ``aikg`` command: parse options, call the API, print

Heavy libraries are imported inside the functions that need them, so that ``import graph`` and
``aikg --help`` stay fast.

>>> import graph as aikg          # doctest: +SKIP
>>> kg = aikg.open()              # the shipped layers, in memory
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:  # pragma: no cover - typing only
    from .api.kg import KnowledgeGraph


def open(*args: Any, **kwargs: Any) -> KnowledgeGraph:
    """Open the knowledge graph: see :func:`graph.api.kg.open`."""
    from .api.kg import open as _open

    return _open(*args, **kwargs)


def __getattr__(name: str) -> Any:
    if name == "KnowledgeGraph":
        from .api.kg import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
