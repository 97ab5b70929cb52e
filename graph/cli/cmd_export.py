"""``aikg export``: the whole graph, derived direct triples included."""

from __future__ import annotations

import argparse

from .common import add_graph_options, emit, load

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the whole graph as Turtle, N-Triples or JSON-LD",
        description="Write everything loaded (ontology, layers, your files and the derived "
        "direct triples) in one RDF file. Output is sorted, so the same input gives the same bytes.",
    )
    p.add_argument("--format", choices=sorted(RDF_FORMATS), default="turtle")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    add_graph_options(p)
    p.set_defaults(run=run)


def serialize(graph, fmt: str) -> str:
    """Serialise deterministically: N-Triples lines sorted; Turtle and JSON-LD as rdflib sorts them."""
    if fmt == "nt":
        lines = sorted(set(graph.serialize(format="nt").splitlines()) - {""})
        return "\n".join(lines) + "\n"
    return graph.serialize(format=RDF_FORMATS[fmt])


def run(args: argparse.Namespace) -> int:
    graph = load(args)
    emit(serialize(graph, args.format), args.out)
    return 0
