"""Write Turtle that people can read and diff: blocks in a chosen order, no timestamps.

rdflib's own Turtle writer is deterministic but orders subjects by how often they are
referenced, which scatters a relation and its evidence across the file. Generated data files
(``data/public/facts.ttl``) use :func:`to_turtle` instead: each subject is one block, blocks
come in the order given, ``rdf:type`` first and then the predicates in a preferred order, and
objects sorted. The same graph and order always give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from .vocab import PREFIXES

#: Namespaces used when writing, besides :data:`graph.core.vocab.PREFIXES`.
EXTRA_PREFIXES: dict[str, Namespace] = {
    "ev": Namespace("https://w3id.org/ai-infra-kg/id/evidence/"),
    "claim": Namespace("https://w3id.org/ai-infra-kg/id/claim/"),
}


def _writer_graph(graph: Graph) -> Graph:
    out = Graph(bind_namespaces="none")
    for prefix, ns in {**PREFIXES, **EXTRA_PREFIXES}.items():
        out.bind(prefix, ns, override=True)
    for triple in graph:
        out.add(triple)
    return out


def _rank(predicate: Node, order: Sequence[URIRef]) -> tuple[int, str]:
    if predicate == RDF.type:
        return (-1, "")
    try:
        return (order.index(predicate), "")  # type: ignore[arg-type]
    except ValueError:
        return (len(order), str(predicate))


def to_turtle(
    graph: Graph,
    sections: Iterable[tuple[str | None, Sequence[Node]]],
    header: Sequence[str] = (),
    predicate_order: Sequence[URIRef] = (),
) -> str:
    """Serialise ``graph`` as Turtle, one block per subject.

    Parameters
    ----------
    graph
        The triples to write. Every subject must appear in ``sections``, or it is written in a
        last section in IRI order.
    sections
        ``(heading, subjects)`` pairs; a heading becomes a comment banner above its blocks.
    header
        Comment lines for the top of the file (without the ``#``).
    predicate_order
        Predicates written first, in this order (after ``rdf:type``); the rest by IRI.
    """
    g = _writer_graph(graph)
    nm = g.namespace_manager
    sections = [(h, list(s)) for h, s in sections]
    placed = {s for _, subjects in sections for s in subjects}
    rest = sorted({s for s in g.subjects() if s not in placed}, key=str)
    if rest:
        sections.append(("Other", rest))

    body: list[str] = []
    for heading, subjects in sections:
        subjects = [s for s in subjects if (s, None, None) in g]
        if not subjects:
            continue
        if heading:
            body += ["#" * 65, f"# {heading}", "#" * 65, ""]
        for subject in subjects:
            preds = sorted(set(g.predicates(subject)), key=lambda p: _rank(p, predicate_order))
            lines = []
            for p in preds:
                objects = sorted(o.n3(nm) for o in g.objects(subject, p))
                verb = "a" if p == RDF.type else p.n3(nm)
                lines.append(f"{verb} " + " , ".join(objects))
            block = subject.n3(nm) + " " + lines[0]
            block += "".join(" ;\n    " + line for line in lines[1:])
            body += [block + " .", ""]

    used = set()
    text = "\n".join(body)
    for prefix, ns in sorted({**PREFIXES, **EXTRA_PREFIXES}.items()):
        if f"{prefix}:" in text:
            used.add((prefix, str(ns)))
    out = [f"# {line}".rstrip() for line in header] + ([""] if header else [])
    out += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(used)]
    return "\n".join(out) + "\n\n" + text.rstrip("\n") + "\n"
