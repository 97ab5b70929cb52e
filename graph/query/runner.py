"""Run SPARQL over the graph: resolve bundled names and files, bind parameters, report errors.

Parameters are bound as RDF terms through rdflib's ``initBindings`` (an IRI for an actor, a
literal for anything else), never pasted into the query text, so a hostile value cannot
change the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..actors import resolve_actor
from ..dates import parse_day
from ..errors import AikgError, unknown
from ..vocab import PREFIXES

_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
_XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
_XSD_DURATION = URIRef("http://www.w3.org/2001/XMLSchema#duration")

BUNDLED_DIR = Path(__file__).resolve().parent / "bundled"
_QUERY_WORDS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Param:
    name: str
    required: bool
    help: str


@dataclass(frozen=True)
class BundledQuery:
    """A query shipped with aikg: its name, one-line title, parameters and text."""

    name: str
    title: str
    params: tuple[Param, ...]
    text: str


@dataclass
class QueryResult:
    """A SELECT/ASK result as plain rows of RDF terms, or a CONSTRUCT/DESCRIBE graph."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def _parse_bundled(path: Path) -> BundledQuery:
    title, params = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# title:"):
            title = line.split(":", 1)[1].strip()
        elif line.startswith("# param:"):
            name, req, *rest = line.split(":", 1)[1].split(None, 2)
            params.append(Param(name, req == "required", rest[0].strip() if rest else ""))
    return BundledQuery(path.stem, title, tuple(params), path.read_text(encoding="utf-8"))


def bundled_queries() -> dict[str, BundledQuery]:
    """The bundled queries by name, in name order."""
    return {p.stem: _parse_bundled(p) for p in sorted(BUNDLED_DIR.glob("*.rq"))}


def resolve_query(query: str) -> tuple[str, BundledQuery | None]:
    """Turn the QUERY argument into SPARQL text: a bundled name, a ``.rq`` file, or SPARQL."""
    bundled = bundled_queries()
    if query in bundled:
        return bundled[query].text, bundled[query]
    path = Path(query)
    if query.endswith((".rq", ".sparql")):
        if not path.is_file():
            raise AikgError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8"), None
    if _QUERY_WORDS.search(query):
        return query, None
    raise unknown("query", query, bundled)


def bind_params(graph: Graph, spec: BundledQuery | None, values: dict[str, str]) -> dict[str, Node]:
    """Check the parameters against the bundled query's list and turn them into RDF terms."""
    values = {k: v for k, v in values.items() if v is not None}
    if spec is not None:
        names = {p.name for p in spec.params}
        for key in values:
            if key not in names:
                raise AikgError(
                    f"query {spec.name!r} takes no parameter {key!r}; it takes: " + (", ".join(sorted(names)) or "none")
                )
        for p in spec.params:
            if p.required and p.name not in values:
                raise AikgError(f"query {spec.name!r} needs --{p.name} ({p.help})")
    bindings: dict[str, Node] = {}
    for key, raw in values.items():
        if key == "actor":
            bindings[key] = resolve_actor(graph, raw)
        elif key == "at":
            bindings[key] = Literal(parse_day(raw, "--at"))
        elif key == "statuses":
            from ..rules.status import parse_statuses

            bindings[key] = Literal(",".join(sorted(parse_statuses(raw))))
        elif raw.startswith(("http://", "https://")):
            bindings[key] = URIRef(raw)
        else:
            bindings[key] = Literal(raw)
    return bindings


def _syntax_error(text: str, exc: Exception) -> AikgError:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "col", None)
    msg = getattr(exc, "msg", None) or str(exc).split("\n")[0]
    if line is None:
        return AikgError(f"SPARQL syntax error: {msg}")
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    pointer = " " * max(col - 1, 0) + "^"
    return AikgError(f"SPARQL syntax error at line {line}, column {col}: {msg}\n  {source_line}\n  {pointer}")


_DISTINCT = re.compile(r"\s*SELECT\s+(DISTINCT|REDUCED)\b", re.IGNORECASE)


def _outer_select(text: str) -> str:
    """The query from its first SELECT on (prefixes, comments and the rest dropped)."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bSELECT\b", body, re.IGNORECASE)
    return body[m.start() :] if m else ""


_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", re.IGNORECASE | re.MULTILINE)
_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')


def with_prefixes(text: str) -> str:
    """Prepend aikg's PREFIX declarations that ``text`` does not declare itself."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join(lines) + "\n" + text


def inject_values(text: str, bindings: dict[str, Node]) -> str:
    """Bind parameters with a ``VALUES`` block at the start of the outer ``WHERE`` group.

    Every store then evaluates the parameters the same way (rdflib's ``initBindings`` has no
    equivalent over the SPARQL protocol, and a trailing ``VALUES`` clause would be joined only
    after the query's filters). Terms are written with ``n3()``, which escapes them, so a value
    cannot change the query.
    """
    if not bindings:
        return text
    for term in bindings.values():
        if isinstance(term, URIRef) and _IRI_FORBIDDEN.search(str(term)):
            raise AikgError(f"not a usable IRI: {str(term)!r}")
    names = sorted(bindings)
    block = (
        "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(bindings[n].n3() for n in names) + ") }\n"
    )
    m = _WHERE_BRACE.search(text)
    if m is None:
        raise AikgError("parameters need a query with a WHERE { ... } clause")
    return text[: m.end()] + "\n  " + block + text[m.end() :]


def check_syntax(text: str) -> None:
    """Parse ``text`` locally so that a syntax error is reported with its line and column."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(text, initNs=dict(PREFIXES))
    except ParseException as exc:
        raise _syntax_error(text, exc) from None
    except Exception as exc:
        raise AikgError(f"SPARQL error: {exc}") from None


def run_query(
    graph: Graph, text: str, bindings: dict[str, Node] | None = None, *, allow_service: bool = False
) -> QueryResult:
    """Run ``text`` on ``graph`` (any store) with aikg's prefixes predeclared and ``bindings`` bound.

    ``SERVICE`` (and ``LOAD``) is refused unless ``allow_service``: rdflib and Oxigraph would
    call any URL it names, with no time limit (:mod:`graph.sparql_guard`).
    """
    from rdflib.plugins.stores.memory import Memory

    from ..sparql_guard import outbound_keyword, refusal
    from .mirror import oxigraph_copy, use_rdflib

    if not allow_service and (keyword := outbound_keyword(text)):
        raise AikgError(refusal(keyword))

    full = with_prefixes(inject_values(text, bindings or {}))
    if isinstance(graph.store, Memory) and use_rdflib():
        check_syntax(text)
        result = graph.query(full)
    elif isinstance(graph.store, Memory):
        # rdflib's engine is slow and reads some patterns differently: Oxigraph runs the query on
        # a copy of the graph (graph.query.mirror).
        try:
            return _query_oxigraph(graph, oxigraph_copy(graph), full)
        except (SyntaxError, ValueError) as exc:
            check_syntax(text)
            raise AikgError(f"SPARQL error: {exc}") from None
    else:
        # Oxigraph and remote engines parse the query themselves: rdflib's parser (tens of
        # milliseconds a query) runs only to explain an error they report.
        try:
            inner = _embedded_oxigraph(graph)
            if inner is not None:
                return _query_oxigraph(graph, inner, full)
            result = graph.query(full)
        except (SyntaxError, ValueError) as exc:
            check_syntax(text)
            raise AikgError(f"SPARQL error: {exc}") from None
        except AikgError:
            check_syntax(text)
            raise
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", graph=result.graph)
    variables = [str(v) for v in result.vars]
    rows = [tuple(canonical(t) for t in row) for row in result]
    if _DISTINCT.match(_outer_select(text)):
        # Virtuoso 7 returns duplicate rows for some SELECT DISTINCT queries that join an
        # OPTIONAL sub-select (a deal stated in two layers): the query asked for distinct rows.
        rows = list(dict.fromkeys(rows))
    return QueryResult("select", vars=variables, rows=rows)


def _embedded_oxigraph(graph: Graph):
    """The pyoxigraph store behind ``graph`` when it is an embedded store's default graph, as
    :func:`graph.store_oxigraph.open_store` opens it; else None."""
    import sys

    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    oxrdflib = sys.modules.get("oxrdflib")  # loaded by whoever opened such a store
    if oxrdflib is None or not isinstance(graph.store, oxrdflib.OxigraphStore):
        return None
    if graph.identifier != DATASET_DEFAULT_GRAPH_ID or graph.default_union:
        return None
    return graph.store._inner


def _query_oxigraph(graph: Graph, inner, full: str) -> QueryResult:
    """``full`` on the pyoxigraph store ``inner`` directly, as oxrdflib would run it for
    ``graph.query`` (the graph's prefixes, its default graph), without rdflib's result objects:
    a selective lookup took 1.8 ms that way against 0.5 ms in Oxigraph (bench/scale_bench.py)."""
    import pyoxigraph as ox

    # Graph.namespaces() reads the store's bindings through the namespace manager (which binds
    # rdflib's defaults when first made) and makes a new URIRef per prefix: a fifth of the time
    # aikg added to a selective lookup. The same bindings, read from the store directly.
    graph.namespace_manager  # noqa: B018 - made, with its bindings, on first use
    prefixes = {p: str(ns) for p, ns in graph.store.namespaces()}
    result = inner.query(full, default_graph=ox.DefaultGraph(), prefixes=prefixes)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        out = Graph()
        out += (_from_ox(t) for t in result)
        return QueryResult("graph", graph=out)
    variables = [v.value for v in result.variables]
    terms: dict = {}  # a term met again (an actor on every row) is converted once

    def term(t: object) -> Node | None:
        got = terms.get(t)
        if got is None and t is not None:
            got = terms[t] = _from_ox(t)
        return got

    rows = [tuple(map(term, solution)) for solution in result]
    return QueryResult("select", vars=variables, rows=rows)


# IRIs already made into rdflib terms: rdflib checks every IRI it is given, which was a third of
# the time aikg added to a selective lookup. Bounded: cleared when full.
_IRIS: dict[str, URIRef] = {}
_IRIS_MAX = 100_000


def _iri(value: str) -> URIRef:
    got = _IRIS.get(value)
    if got is None:
        if len(_IRIS) >= _IRIS_MAX:
            _IRIS.clear()
        got = _IRIS[value] = URIRef(value)
    return got


def _from_ox(term):
    """The :func:`canonical` rdflib term for a pyoxigraph one (a triple for an RDF-star triple
    term), without making the literal twice."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = _iri(term.datatype.value)
        got = _canonical_literal(term.value, datatype)
        return Literal(term.value, datatype=datatype) if got is None else got
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Triple):
        return (_from_ox(term.subject), _from_ox(term.predicate), _from_ox(term.object))
    raise ValueError(f"unexpected Oxigraph term {term!r}")


def canonical(term: Node | None) -> Node | None:
    """One spelling per value whatever the store: plain strings without ``xsd:string``, and
    decimals in XSD canonical form (Oxigraph writes ``38000000000``, rdflib ``38000000000.0``)."""
    if term.__class__ is not Literal or term.datatype is None:  # type: ignore[union-attr]
        return term
    got = _canonical_literal(str(term), term.datatype)  # type: ignore[union-attr]
    return term if got is None else got


def _canonical_literal(text: str, datatype: URIRef) -> Literal | None:
    """The canonical literal of ``text`` typed ``datatype`` when :func:`canonical` respells it,
    else None (the literal stands as it is)."""
    if datatype == _XSD_STRING:
        return Literal(text)
    if datatype == _XSD_DURATION and text.isdigit():
        # Virtuoso 7 stores a year-month duration as its number of months ("P7Y" comes back "84").
        years, months = divmod(int(text), 12)
        text = "P" + (f"{years}Y" if years else "") + (f"{months}M" if months or not years else "")
        return Literal(text, datatype=_XSD_DURATION)
    if datatype == _XSD_DECIMAL:
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0")
        text = text + "0" if text.endswith(".") else (text if "." in text else text + ".0")
        return Literal(text, datatype=_XSD_DECIMAL)
    return None
