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
import textwrap
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
    # escape sequences from labels are shown, not obeyed, in a terminal
    return terminal_text(" ".join(str(term).split()))


#: Columns a narrow terminal drops first: how each claim was dated or valued, and bookkeeping.
_DETAIL_COLUMNS = frozenset(
    "startBasis endBasis valueBasis statusClass statedStart duration startOffset endOffset sourceIssued "
    "includedIn side labelFr agrees property oldValidUntil".split()
)
#: Columns a narrow terminal keeps longest: which fact, between whom, since when, for how much, on
#: whose word.
_ESSENTIAL_COLUMNS = frozenset(
    "factIds factId fact statement start value evidence sources quote sourceTitle sourceUrl label".split()
)
#: A cell longer than this is cut (with an ellipsis) in a table, however wide.
CELL_LIMIT = 60
#: In a table fitted to a terminal, long cells are wrapped up to this many characters, then cut.
_FITTED_CELL_LIMIT = 180
#: A column is squeezed to no fewer characters than this (shorter ones, dates and ids, never are).
_MIN_COLUMN = 12
_SCALES = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))  # the words of graph.report.fmt


def _compact_number(term: Node | None) -> str:
    """A large decimal as ``38 bn`` or ``1.43435 tn``: every digit kept, none rounded."""
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        value = term.toPython()
        for scale, name in _SCALES:
            try:
                if abs(value) >= scale:
                    scaled = format((value / scale).normalize(), "f")
                    return f"{scaled} {name}"
            except (TypeError, ArithmeticError):
                break
    return _short(term)


def _drop_rank(name: str, column: list[Node | None]) -> int:
    """How readily a narrow table leaves column ``name`` out: 4 when every cell is empty, 3 for
    IRIs (their labels are shown beside them), 2 for how a claim was dated or valued, 1 for the
    rest, 0 for what says which fact, between whom, since when, for how much and on whose word."""
    terms = [t for t in column if t is not None and str(t) != ""]
    if not terms:
        return 4  # empty in every row: nothing to read
    if all(isinstance(t, URIRef) for t in terms):
        return 3
    if name in _DETAIL_COLUMNS:
        return 2
    essential = name in _ESSENTIAL_COLUMNS or name.endswith("Label") or name.lower().endswith(("fact", "date"))
    return 0 if essential else 1


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: A cell of a table fitted to a terminal takes at most this many lines, the last cut with "…".
_MAX_LINES = 4
_LINKED_TITLE = re.compile(r"([^|]*?) <(?:https?://)?(?:www\.)?([^/>\s]+)[^>]*>")


def _wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > _MAX_LINES:
        lines = lines[:_MAX_LINES]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def _fitted_columns(result: QueryResult) -> list[tuple[str, list[str], int]]:
    """The columns of a table fitted to a terminal, as (name, cells, drop rank): a value and its
    unit in one cell (``38 bn USD``), subject, relation and object labels as one statement."""
    names = list(result.vars)
    column = {v: [row[i] for row in result.rows] for i, v in enumerate(names)}
    merged: dict[str, tuple[str, list[str], int]] = {}
    if {"value", "unit"} <= set(names):
        cells = [
            " ".join(x for x in (_compact_number(v), _short(u)) if x) for v, u in zip(column["value"], column["unit"])
        ]
        merged["value"] = ("value", cells, 0)
        merged["unit"] = ("", [], -1)
    parts = ("subjectLabel", "relationLabel", "objectLabel")
    if set(parts) <= set(names):
        cells = [" ".join(x for x in (_short(t) for t in ts) if x) for ts in zip(*(column[p] for p in parts))]
        merged[parts[0]] = ("statement", cells, 0)
        merged[parts[1]] = merged[parts[2]] = ("", [], -1)
    out = []
    for v in names:
        if v.lower().endswith("sources") and v not in merged:
            # "Title <https://www.host/path>" as "host: Title": the publisher's site first, then
            # the publication, in a few lines (--wide and the other formats keep the URL).
            cells = [_LINKED_TITLE.sub(lambda m: f"{m[2]}: {m[1].strip()}", _short(t)) for t in column[v]]
            merged[v] = (v, cells, _drop_rank(v, column[v]))
        if v in merged:
            if merged[v][2] >= 0:
                out.append(merged[v])
            continue
        out.append((v, [_short(t) for t in column[v]], _drop_rank(v, column[v])))
    return [
        (name, [_cut(c, _FITTED_CELL_LIMIT) for c in cells], rank if any(cells) else 4) for name, cells, rank in out
    ]


def to_table(result: QueryResult, width: int | None = None) -> str:
    """A readable table: IRIs shortened with aikg's prefixes.

    With ``width`` (a terminal's columns), the table fits it: a value and its unit share a cell
    (``38 bn USD``, every digit kept), as do subject, relation and object (``statement``); columns of
    IRIs, then those saying how a claim was dated or valued, then others, are left out (named under
    the table) until the rest fits, the widest narrowed and long cells wrapped over several lines;
    which fact, between whom and on whose word (sources, evidence) are left out last. Without
    ``width``, every column is shown on one line per row, long cells cut with an ellipsis
    (``aikg query --wide``).
    """
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    count = f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"
    if width is None:
        header = list(result.vars)
        body = [[_cut(_short(t), CELL_LIMIT) for t in row] for row in result.rows]
        widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
        sep = "-+-".join("-" * w for w in widths)
        out = [" | ".join(h.ljust(w) for h, w in zip(header, widths)), sep]
        out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in body]
        out.append(count)
        return "\n".join(out) + "\n"
    return "\n".join(fit_table(_fitted_columns(result), width, count)) + "\n"


def fit_table(
    columns: list[tuple[str, list[str], int]], width: int, count: str, wide_option: str = "--wide"
) -> list[str]:
    """The lines of a table of ``columns`` (name, cells, drop rank: higher is left out sooner,
    see :func:`_drop_rank`) fitted to ``width`` characters, with ``count`` and the columns left
    out (and ``wide_option``, which shows them) under it."""
    nrows = len(columns[0][1]) if columns else 0
    keep = list(range(len(columns)))
    natural = {i: min(CELL_LIMIT, max([len(n)] + [len(c) for c in cells])) for i, (n, cells, _) in enumerate(columns)}
    narrowest = {i: w if w <= _MIN_COLUMN + 2 else max(_MIN_COLUMN, len(columns[i][0])) for i, w in natural.items()}

    def total(ws: dict[int, int]) -> int:
        return sum(ws[i] for i in keep) + 3 * (len(keep) - 1)

    # Leave out empty columns, IRIs, then details, rightmost first, while the table is too wide unwrapped; then
    # any column, least needed and rightmost first, while it cannot fit even narrowed.
    order = sorted(keep, key=lambda i: (-columns[i][2], -i))
    dropped: list[int] = []
    for i in order:
        if columns[i][2] >= 2 and total(natural) > width:
            keep.remove(i)
            dropped.append(i)
    for i in order:
        if i in keep and len(keep) > 1 and total(narrowest) > width:
            keep.remove(i)
            dropped.append(i)
    widths = dict(natural)
    # Narrow the widest column a step at a time until the table fits.
    while total(widths) > width:
        squeezable = [j for j in keep if widths[j] > narrowest[j]]
        if not squeezable:
            break
        widths[max(squeezable, key=lambda j: (widths[j], -j))] -= 1

    def lines(cells: list[str]) -> list[str]:
        wrapped = [_wrap(cells[i], widths[i]) for i in keep]
        height = max(len(w) for w in wrapped)
        return [
            " | ".join((w[k] if k < len(w) else "").ljust(widths[i]) for w, i in zip(wrapped, keep)).rstrip()
            for k in range(height)
        ]

    sep = "-+-".join("-" * widths[i] for i in keep)
    out = [*lines([name for name, _, _ in columns]), sep]
    rows = [lines([cells[n] for _, cells, _ in columns]) for n in range(nrows)]
    # When a row takes several lines, a rule between rows shows where each begins.
    tall = any(len(r) > 1 for r in rows)
    for n, r in enumerate(rows):
        if tall and n:
            out.append(sep)
        out += r
    footer = count
    if dropped:
        left_out = ", ".join(columns[i][0] for i in sorted(dropped))
        footer += f"; not shown, to fit {width} columns: {left_out} ({wide_option} shows every column)"
    out += textwrap.wrap(footer, width, break_long_words=True)
    return out


def render(result: QueryResult, fmt: str, width: int | None = None) -> str:
    """Render ``result`` in ``fmt``: a result format for SELECT and ASK, a graph format for
    CONSTRUCT and DESCRIBE (``table``, the default, shows a graph as Turtle). ``width`` fits a
    table to that many columns (see :func:`to_table`); the other formats ignore it."""
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
    if fmt == "table":
        return to_table(result, width)
    return {"csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}[fmt](result)
