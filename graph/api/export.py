"""What ``aikg export`` computes: the whole graph as RDF, or a dated snapshot as GraphML or GEXF.

The command line (:mod:`graph.cli.cmd_export`) parses its options, calls these functions and prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

    from ..network.data import NetworkData

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


NETWORK_FORMATS = ("graphml", "gexf")


def serialize(graph: Graph, fmt: str) -> str:
    """Serialise deterministically, every literal as loaded (:func:`graph.query.formats.serialize_graph`):
    N-Triples lines sorted, Turtle as rdflib orders it, JSON-LD subject by subject."""
    from ..query.formats import serialize_graph
    from ..store.cache import for_loaded

    # A graph loaded from unchanged files was written out before: the same text.
    return for_loaded(graph, "exports", [fmt.encode()], lambda: serialize_graph(graph, fmt), str)


def export_network(
    graph: Graph, fmt: str, at: str | None, data: NetworkData | None = None
) -> tuple[str, str | None, int]:
    """The snapshot on ``at`` (``"all"``, a date, or ``None`` for the latest) as GraphML or GEXF;
    with ``at=None`` a GEXF file is dynamic instead (:func:`graph.report.netfiles.dynamic_network`).

    Returns the text, the day used (``None`` for every relation or a dynamic file) and the number
    of edges.
    """
    from ..core.dates import parse_day
    from ..network.events import fetch_events
    from ..network.fetch import fetch_network
    from ..network.snapshot import snapshot
    from ..report.netfiles import dynamic_network, to_gexf, to_graphml
    from .dates import latest_date

    data = data if data is not None else fetch_network(graph)
    if fmt == "gexf" and not at:
        G = dynamic_network(data)
        return to_gexf(G), None, G.number_of_edges()
    if at == "all":
        day = None
    elif at:
        day = parse_day(at, "--at")
    else:
        day = latest_date(data, fetch_events(graph))
    G = snapshot(data, day)
    text = to_graphml(G) if fmt == "graphml" else to_gexf(G)
    return text, day, G.number_of_edges()
