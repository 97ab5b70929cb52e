"""The ontology's published files: its HTML documentation (pyLODE) and the ontology as Turtle,
N-Triples and JSON-LD, with the SHACL shapes.

The folder they go to is what the namespace's redirects point to (``docs/w3id/``): browsers get
``index.html``, RDF clients ``ontology.ttl``, ``ontology.nt`` or ``ontology.jsonld``.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

#: What ``aikg docs`` writes, in order.
FILES = ("index.html", "ontology.ttl", "ontology.nt", "ontology.jsonld", "shapes.ttl")


def _titles_in_english(path: Path) -> Graph:
    """The ontology with one label and title per term, the English one: pyLODE runs every
    label of a term together into its heading ("AI lablaboratoire d'IA"). The French comments
    stay, and the published ``ontology.ttl`` keeps every label."""
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, RDFS

    from ..sources.rdf_files import parse_file

    graph = parse_file(path)
    for prop in (RDFS.label, DCTERMS.title):
        for subject in set(graph.subjects(prop, None)):
            labels = list(graph.objects(subject, prop))
            if any(isinstance(x, Literal) and x.language == "en" for x in labels):
                for x in labels:
                    if isinstance(x, Literal) and x.language != "en":
                        graph.remove((subject, prop, x))
    return graph


def ontology_html(path: Path) -> str:
    """The pyLODE documentation of the ontology at ``path``, with an anchor named after each
    term's local name (``#Claim``), so that a term's IRI opened in a browser lands on the term.

    pyLODE names its anchors after labels (``#claim`` for ``aikg:Claim``) and, where two labels
    clash, after IRIs: the local name is added where it differs and is free.
    """
    import logging

    from ..core.errors import AikgError

    root = logging.getLogger()
    level = root.level
    try:
        from pylode import OntPub
    except ImportError:
        raise AikgError("aikg docs needs pyLODE 3.3 (3.4.1 fails at start-up): pip install 'aikg[docs]'") from None
    finally:
        root.setLevel(level)  # pyLODE sets the root logger to INFO when imported
    previous = logging.root.manager.disable
    logging.disable(logging.INFO)  # its progress messages
    try:
        publisher = OntPub(_titles_in_english(path), sort_subjects=True)
        html = publisher.make_html()
    finally:
        logging.disable(previous)
    taken = set(re.findall(r'\sid="([^"]+)"', html))
    for iri, fid in sorted(publisher.fids.items()):
        local = re.split(r"[#/]", iri)[-1]
        if not fid or not local or local == fid or local in taken or not re.fullmatch(r"[A-Za-z_][\w.-]*", local):
            continue
        html, n = re.subn(
            r'(<[a-z]+\b[^>]*\sid="' + re.escape(fid) + r'"[^>]*>)', rf'\1<span id="{local}"></span>', html, count=1
        )
        if n:
            taken.add(local)
    return html


def documentation(ontology: Path, shapes: Path) -> dict[str, str]:
    """The text of each of :data:`FILES`, for the ontology and shapes at these paths: the Turtle
    files as shipped, N-Triples and JSON-LD serialised deterministically."""
    from ..query.formats import serialize_graph
    from ..sources.rdf_files import parse_file

    texts = {
        "index.html": ontology_html(ontology),
        "ontology.ttl": ontology.read_text(encoding="utf-8"),
    }
    graph = parse_file(ontology)
    texts["ontology.nt"] = serialize_graph(graph, "nt")
    texts["ontology.jsonld"] = serialize_graph(graph, "jsonld")
    texts["shapes.ttl"] = shapes.read_text(encoding="utf-8")
    return {name: texts[name] for name in FILES}
