"""Stage 3: SHACL validation with pySHACL, reported as one readable line per violation."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from ..core import resources
from ..core.errors import AikgError
from ..core.vocab import AIKG, PREFIXES, local_name
from ..query.actors import label_of
from ..sources.rdf_files import parse_file


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node (by label), the property and what is wrong."""

    node: str
    property: str
    message: str
    severity: str = "Violation"

    def line(self) -> str:
        return f"{self.node} | {self.property} | {self.message}"


def describe_node(graph: Graph, node: object) -> str:
    """A readable name for a node: its label, or for a relation node "actor type counterparty"."""
    if isinstance(node, Literal):
        return repr(str(node))
    label = graph.value(node, RDFS.label)
    if label is not None:
        return str(label)
    if (node, RDF.type, AIKG.Relation) in graph:
        parts = []
        for p in (AIKG.actor, AIKG.relationType, AIKG.counterparty):
            v = graph.value(node, p)
            if v is None:
                parts.append("?")
            else:
                parts.append(label_of(graph, v))
        fact = graph.value(node, AIKG.factId)
        prefix = f"{fact}: " if fact else ""
        return f"{prefix}{' '.join(parts)} <{node}>"
    return f"<{node}>"


def _curie(term: object) -> str:
    if not isinstance(term, URIRef):
        return str(term)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
        if str(term).startswith(str(ns)):
            return f"{prefix}:{str(term)[len(str(ns)) :]}"
    return f"<{term}>"


@contextmanager
def _prepared_queries(graph: Graph) -> Iterator[None]:
    """Parse each SPARQL constraint once while pySHACL validates ``graph``.

    pySHACL runs a constraint's query once per focus node, as the same text with ``$this`` bound,
    and rdflib parses the text each time: parsing was most of the validation time, so that
    validation grew with every node linked by aikg:sameRelationAs or a revision link (issue 20:
    40 relations all linked together took minutes). The text is parsed once here and the parsed
    query reused; the graph's own ``query`` is restored afterwards.
    """
    from rdflib.plugins.sparql import prepareQuery

    prepared: dict[tuple[str, tuple[Any, ...]], Any] = {}
    plain = graph.query

    def query(
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str) and processor == "sparql":
            key = (query_object, tuple(sorted((initNs or {}).items())))
            if key not in prepared:
                prepared[key] = prepareQuery(query_object, initNs=dict(initNs or {}))
            query_object = prepared[key]
        return plain(query_object, processor, result, initNs, initBindings, *args, **kwargs)

    own = graph.__dict__.get("query")  # an instance attribute someone set before, kept as it was
    graph.query = query  # type: ignore[method-assign]
    try:
        yield
    finally:
        if own is None:
            del graph.query
        else:
            graph.query = own  # type: ignore[method-assign]


def validate(graph: Graph, focus: Iterable[URIRef] | None = None) -> list[Violation]:
    """Run the shapes over ``graph``; return the violations, sorted, empty when valid.

    With ``focus``, only those nodes are checked (against the whole graph, so that ``sh:class``
    still sees the ontology and the actor registry): :func:`refuse_invalid` checks the user's
    files that way in a fraction of the time of the whole graph."""
    from ..store.cache import for_loaded

    if focus is not None:
        return _validate(graph, focus)
    # The whole of a graph loaded from unchanged files was validated before: the same answer.
    shapes = resources.shapes_file().read_bytes()
    return for_loaded(graph, "validation", [shapes], lambda: _validate(graph, None), list)


def _validate(graph: Graph, focus: Iterable[URIRef] | None) -> list[Violation]:
    import pyshacl

    shapes = parse_file(resources.shapes_file())
    from rdflib.plugins.stores.memory import Memory

    if not isinstance(graph.store, Memory):
        # pySHACL hands prepared queries to the store, which Oxigraph and remote stores refuse:
        # validate a copy in memory, with Oxigraph's explicit xsd:string made plain again so
        # that sh:in compares like with like.
        from ..query.runner import canonical

        copy = Graph()
        for s, p, o in graph.triples((None, None, None)):
            copy.add((s, p, canonical(o) if isinstance(o, Literal) and o.datatype == XSD.string else o))
        graph = copy
    focus_nodes = sorted(focus) if focus is not None else None
    with _prepared_queries(graph):
        _, results, _ = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            focus_nodes=focus_nodes or None,
            # In place: in advanced mode pySHACL copies the data graph first in case SHACL rules
            # add triples, and the shapes have no rules; the copy would also escape
            # _prepared_queries.
            inplace=True,
        )
    found = set()
    # Only the report's own results: results nested under sh:detail repeat them less readably.
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        text = str(message) if message is not None else "violates a shape"
        if value is not None and "{" not in text and not isinstance(value, URIRef):
            text += f" (found {str(value)!r})"
        found.add(
            Violation(
                node=describe_node(graph, focus),
                property=_curie(path) if path is not None else "-",
                message=text,
                severity=local_name(severity) if severity is not None else "Violation",
            )
        )
    return sorted(found)


class InvalidGraphError(AikgError):
    """The graph fails the shapes: analyses refuse it (exit 1, as ``aikg validate``)."""

    exit_code = 1


#: How many violations the refusal lists before pointing at ``aikg validate``.
SHOWN = 20


def refuse_invalid(graph: Graph, data: Sequence[str | Path]) -> None:
    """Raise :class:`InvalidGraphError` with the violations if the user's ``data`` files, read into
    ``graph``, break the shapes; do nothing without files.

    Why only the user's files: the shipped layers are validated by the test suite, and checking
    the whole graph costs about three seconds, as long again as ``aikg report`` itself (issue 17
    wants fast commands). The nodes the user's files describe (their subjects) are checked against
    the whole graph, which finds every violation a file can bring, at the cost of parsing the files
    a second time. A file with blank-node subjects is checked with the whole graph, since pySHACL
    restricts focus nodes to IRIs.
    """
    if not data:
        return
    from ..sources.rdf_files import parse_file

    subjects: set[URIRef] = set()
    whole = False
    with warnings.catch_warnings():
        # The files were read once already, with any note printed then.
        warnings.simplefilter("ignore")
        for path in data:
            for s in parse_file(path).subjects(unique=True):
                if isinstance(s, BNode):
                    whole = True
                elif isinstance(s, URIRef):
                    subjects.add(s)
    if not subjects and not whole:
        return
    violations = validate(graph, None if whole else subjects)
    if not violations:
        return
    shown = [v.line() for v in violations[:SHOWN]]
    more = f"\n... and {len(violations) - SHOWN} more" if len(violations) > SHOWN else ""
    count = f"{len(violations)} violation{'s' if len(violations) != 1 else ''}"
    raise InvalidGraphError(
        f"the graph is invalid ({count}); mend the data (`aikg validate --data ...` lists them all) "
        "or pass --no-validate to analyse it anyway:\n" + "\n".join(shown) + more
    )
