"""Write query results in the W3C SPARQL 1.1 result formats (JSON, CSV, TSV) or as a terminal table."""

from __future__ import annotations

import json

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..core.vocab import PREFIXES
from .runner import QueryResult

FORMATS = ("table", "csv", "tsv", "json")


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


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV Format: plain values, CRLF line ends."""
    if result.kind == "ask":
        return "_askResult\r\n" + ("true" if result.boolean else "false") + "\r\n"
    lines = [",".join(_csv_field(v) for v in result.vars)]
    for row in result.rows:
        cells = []
        for t in row:
            if t is None:
                cells.append("")
            elif isinstance(t, BNode):
                cells.append("_:" + str(t))
            else:
                cells.append(_csv_field(str(t)))
        lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n"


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV Format: terms in Turtle/N-Triples syntax."""
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else t.n3() for t in row))
    return "\n".join(lines) + "\n"


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
            text = _short(t)
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
    """Render ``result`` in ``fmt``; a CONSTRUCT/DESCRIBE graph is always Turtle."""
    if result.kind == "graph":
        assert result.graph is not None
        return result.graph.serialize(format="turtle")
    return {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}[fmt](result)
