"""Write query results in the W3C SPARQL 1.1 result formats (JSON, CSV, TSV, XML) or as a terminal
table, and graphs (CONSTRUCT and DESCRIBE results, exports) as Turtle, N-Triples or JSON-LD.

Each format is what its specification says and what other tools read back: TSV writes every term
in its N-Triples form on one line (tab, newline and carriage return escaped, never a triple-quoted
literal); XML escapes what XML parsers would otherwise normalise (carriage returns); RDF is written
with the literals' lexical forms as loaded (``"27"^^xsd:decimal`` stays ``27``, where rdflib's
Turtle writer would print ``27.0``), and with aikg's prefixes, never made-up ``ns1:`` ones.
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from ..core.errors import AikgError
from ..core.safe_text import spreadsheet_cell, terminal_text
from ..core.vocab import PREFIXES
from .runner import QueryResult

#: Formats for SELECT and ASK results.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Formats for graphs: CONSTRUCT and DESCRIBE results, and exports.
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
FORMATS = RESULT_FORMATS + GRAPH_FORMATS


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.kind == "ask":
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = []
        for row in result.rows:
            bindings.append({v: _json_term(t) for v, t in zip(result.vars, row) if t is not None})
        doc = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _safe_cell(term: Node) -> str:
    """A CSV cell no spreadsheet runs as a formula: text literals starting with = + - @ get a
    leading quote (graph.core.safe_text.spreadsheet_cell); IRIs and numbers are left as they are."""
    if isinstance(term, Literal) and not isinstance(term.toPython(), (int, float, Decimal)):
        return spreadsheet_cell(str(term))
    return str(term)


def _select_only(result: QueryResult, name: str) -> None:
    if result.kind == "ask":
        raise AikgError(
            f"--format {name}: the W3C {name.upper()} results format is defined for SELECT queries only; "
            "for an ASK query use --format json, xml or table"
        )


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends (SELECT only)."""
    _select_only(result, "csv")
    lines = [",".join(_csv_field(v) for v in result.vars)]
    for row in result.rows:
        cells = []
        for t in row:
            if t is None:
                cells.append("")
            elif isinstance(t, BNode):
                cells.append("_:" + str(t))
            else:
                cells.append(_csv_field(_safe_cell(t)))
        lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n"


_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})
# Characters an IRIREF may not hold, written as \uXXXX escapes (which N-Triples allows there).
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BNODE_LABEL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)$")


def nt_term(term: Node) -> str:
    """``term`` in N-Triples syntax, on one line: the form W3C TSV results use.

    rdflib's ``Literal.n3()`` writes multi-line text in triple quotes, which TSV forbids.
    """
    if isinstance(term, URIRef):
        return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", str(term)) + ">"
    if isinstance(term, BNode):
        label = str(term)
        return "_:" + (label if _BNODE_LABEL.match(label) else "b" + label.encode("utf-8").hex())
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_STRING_ESCAPES) + '"'
        if term.language:
            return text + "@" + term.language
        if term.datatype is not None and term.datatype != XSD.string:
            return text + "^^" + nt_term(term.datatype)
        return text
    raise AikgError(f"cannot write {term!r} in a result")


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in their N-Triples form, one row per line
    (SELECT only)."""
    _select_only(result, "tsv")
    lines = ["\t".join("?" + v for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else nt_term(t) for t in row))
    return "\n".join(lines) + "\n"


# XML 1.0 cannot carry these characters at all, even escaped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
# In attributes, parsers also turn tabs and newlines into spaces.
_XML_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


def _xml(text: str, what: str, attribute: bool = False) -> str:
    bad = _NOT_XML.search(text)
    if bad:
        raise AikgError(
            f"{what} holds the character U+{ord(bad.group()):04X}, which XML 1.0 cannot carry: "
            "use --format json or tsv for this result"
        )
    return text.translate(_XML_ATTR if attribute else _XML_TEXT)


def _xml_term(term: Node, var: str) -> str:
    what = f"the value of ?{var}"
    if isinstance(term, URIRef):
        return f"<uri>{_xml(str(term), what)}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{_xml(str(term), what)}</bnode>"
    assert isinstance(term, Literal)
    attrs = ""
    if term.language:
        attrs = f' xml:lang="{_xml(term.language, what, True)}"'
    elif term.datatype is not None and term.datatype != XSD.string:
        attrs = f' datatype="{_xml(str(term.datatype), what, True)}"'
    return f"<literal{attrs}>{_xml(str(term), what)}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition), for SELECT and ASK."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["  <head/>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("  <head>")
        out += [f'    <variable name="{_xml(v, "a variable name", True)}"/>' for v in result.vars]
        out += ["  </head>", "  <results>"]
        for row in result.rows:
            out.append("    <result>")
            for v, t in zip(result.vars, row):
                if t is not None:
                    out.append(f'      <binding name="{_xml(v, "a variable name", True)}">{_xml_term(t, v)}</binding>')
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


class _LexicalTurtle(TurtleSerializer):
    """rdflib's Turtle writer, except that a literal whose short form would change its lexical
    form is written in full, and no prefix is made up for an unbound namespace."""

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        return super().get_pname(uri, gen_prefix=False)

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype is not None and not node.language:
            short = super().label(node, position)
            if short.startswith('"') or short == str(node):
                return short
            return node._literal_n3(use_plain=False, qname_callback=lambda dt: self.get_pname(dt))
        return super().label(node, position)


def _prefixes() -> dict[str, str]:
    """aikg's prefixes, and those its data files use for evidence and claims."""
    from ..core.turtle import EXTRA_PREFIXES

    return {p: str(ns) for p, ns in {**PREFIXES, **EXTRA_PREFIXES}.items()}


def _with_prefixes(graph: Graph) -> Graph:
    """The triples of ``graph`` (read in place, never copied) seen with aikg's prefixes alone."""
    names = Graph(bind_namespaces="none")
    for prefix, ns in _prefixes().items():
        names.bind(prefix, ns, override=True)
    return Graph(store=graph.store, identifier=graph.identifier, namespace_manager=names.namespace_manager)


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, ns in namespaces:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def to_jsonld(graph: Graph) -> str:
    """``graph`` as JSON-LD: aikg's prefixes as the context, one node object per subject in
    N-Triples order, every literal as ``{"@value": lexical form, "@type" or "@language"}``.

    Given a context, rdflib's JSON-LD writer turns typed numbers and booleans into JSON ones,
    which JSON-LD processors read back in canonical form (``"1500.0"^^xsd:double`` comes back
    ``"1.5E3"``): this one never does.
    """
    namespaces = sorted(_prefixes().items(), key=lambda kv: -len(kv[1]))

    def ref(term: Node) -> str:
        return "_:" + nt_term(term)[2:] if isinstance(term, BNode) else _compact(str(term), namespaces)

    def value(term: Node) -> dict[str, str]:
        if not isinstance(term, Literal):
            return {"@id": ref(term)}
        out = {"@value": str(term)}
        if term.language:
            out["@language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["@type"] = ref(term.datatype)
        return out

    nodes = []
    for subject in sorted(set(graph.subjects()), key=nt_term):
        node: dict[str, object] = {"@id": ref(subject)}
        types = sorted(graph.objects(subject, RDF.type), key=nt_term)
        if types and not any(isinstance(t, Literal) for t in types):
            node["@type"] = [ref(t) for t in types]
        for predicate in sorted(set(graph.predicates(subject)), key=nt_term):
            if predicate == RDF.type and "@type" in node:
                continue
            node[ref(predicate)] = [value(o) for o in sorted(graph.objects(subject, predicate), key=nt_term)]
        nodes.append(node)
    doc = {"@context": dict(sorted(_prefixes().items())), "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def serialize_graph(graph: Graph, fmt: str) -> str:
    """``graph`` as Turtle, N-Triples (lines sorted) or JSON-LD (aikg's prefixes as its context),
    every literal with its lexical form as loaded; the same graph always gives the same text."""
    if fmt == "nt":
        lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in graph})
        return "\n".join(lines) + "\n"
    graph = _with_prefixes(graph)
    if fmt == "turtle":
        stream = io.BytesIO()
        _LexicalTurtle(graph).serialize(stream, encoding="utf-8")
        return stream.getvalue().decode("utf-8")
    if fmt == "jsonld":
        return to_jsonld(graph)
    raise AikgError(f"unknown graph format {fmt!r}; use one of " + ", ".join(GRAPH_FORMATS))


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if str(term).startswith(str(ns)):
                return f"{prefix}:{str(term)[len(str(ns)) :]}"
        return str(term)
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        value = term.toPython()
        try:
            if value == int(value):
                return f"{int(value):,}"
        except (TypeError, ValueError, OverflowError):
            pass
    return " ".join(str(term).split())


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """A readable table: IRIs shortened with aikg's prefixes, long cells cut with an ellipsis."""
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    header = list(result.vars)
    body = []
    for row in result.rows:
        cells = []
        for t in row:
            text = terminal_text(_short(t))  # escape sequences from labels are not obeyed
            if len(text) > max_width:
                text = text[: max_width - 1] + "…"
            cells.append(text)
        body.append(cells)
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    sep = "-+-".join("-" * w for w in widths)
    out = [" | ".join(h.ljust(w) for h, w in zip(header, widths)), sep]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result: QueryResult, fmt: str) -> str:
    """Render ``result`` in ``fmt``: a result format for SELECT and ASK, a graph format for
    CONSTRUCT and DESCRIBE (``table``, the default, shows a graph as Turtle)."""
    if result.kind == "graph":
        assert result.graph is not None
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            raise AikgError(
                f"--format {fmt}: a CONSTRUCT or DESCRIBE query gives a graph; use --format turtle, nt or jsonld"
            )
        return serialize_graph(result.graph, fmt)
    if fmt in GRAPH_FORMATS:
        raise AikgError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; a {result.kind.upper()} result is "
            "written as table, csv, tsv, json or xml"
        )
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}[fmt](result)
