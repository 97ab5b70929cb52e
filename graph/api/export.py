"""What ``aikg export`` computes: the whole graph as RDF, or a dated snapshot as GraphML or GEXF.

The command line (:mod:`graph.cli.cmd_export`) parses its options, calls these functions and prints."""

from __future__ import annotations

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


NETWORK_FORMATS = ("graphml", "gexf")


def serialize(graph, fmt: str) -> str:
    """Serialise deterministically: N-Triples lines sorted; Turtle and JSON-LD as rdflib sorts them."""
    if fmt == "nt":
        lines = sorted(set(graph.serialize(format="nt").splitlines()) - {""})
        return "\n".join(lines) + "\n"
    return graph.serialize(format=RDF_FORMATS[fmt])


def export_network(graph, fmt: str, at: str | None, data=None) -> tuple[str, str | None, int]:
    """The snapshot on ``at`` (``"all"``, a date, or ``None`` for the latest) as GraphML or GEXF.

    Returns the text, the day used (``None`` for every relation) and the number of relations.
    """
    from ..core.dates import parse_day
    from ..network.events import fetch_events
    from ..network.fetch import fetch_network
    from ..network.snapshot import snapshot
    from ..report.netfiles import to_gexf, to_graphml
    from .dates import latest_date

    data = data if data is not None else fetch_network(graph)
    if at == "all":
        day = None
    elif at:
        day = parse_day(at, "--at")
    else:
        day = latest_date(data, fetch_events(graph))
    G = snapshot(data, day)
    text = to_graphml(G) if fmt == "graphml" else to_gexf(G)
    return text, day, G.number_of_edges()
