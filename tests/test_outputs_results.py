"""``aikg query`` writes what other tools read: W3C TSV and XML results parsed by rdflib's result
parsers and by Apache Jena's (``arq.rset``), CONSTRUCT graphs in the format asked, parsed by rdflib
and by Jena's ``riot``. ASK in CSV or TSV, and graph formats for SELECT, are refused with a message."""

from __future__ import annotations

import io
import json
from xml.etree import ElementTree

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD
from rdflib.query import Result

from graph.query.runner import run_query, with_prefixes
from graph.store.memory import load_graph

from .conftest import PREFIXES_TTL, write
from .outputs_tools import jena

A = ("--layers", "article")
SRX = "http://www.w3.org/2005/sparql-results#"

# Text that breaks naive writers: tabs, newlines, carriage returns, quotes, backslashes, a
# triple-quoted literal, accents, a language tag, a typed number, an IRI.
TRICKY = '''
ex:s1 ex:text "tab\\there" , "line1\\nline2" , "cr\\rx" , "quote \\" and back \\\\ slash" ,
        """long "quoted" text
on two lines""" ;
    ex:fr "élan « vital »"@fr ;
    ex:num "27"^^xsd:decimal ;
    ex:link ex:o1 .
'''
QUERY = (
    "PREFIX ex: <http://example.org/> SELECT ?p ?o ?missing WHERE { ex:s1 ?p ?o "
    "OPTIONAL { ?o ex:none ?missing } } ORDER BY ?p ?o"
)


@pytest.fixture
def tricky(tmp_path):
    path = write(tmp_path / "tricky.ttl", PREFIXES_TTL + TRICKY)
    expected = run_query(load_graph(layers="article", data=[path]), QUERY)
    assert len(expected.rows) == 8
    return path, expected


def _jena_json(path, fmt: str) -> dict:
    run = jena("arq.rset", f"--in={fmt}", "--out=json", path)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _as_json(term) -> dict | None:
    """A term as the W3C JSON results format writes it (how Jena prints what it read)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _check_parsed(expected, rdflib_result: Result, jena_doc: dict) -> None:
    assert [str(v) for v in rdflib_result.vars] == expected.vars
    assert [tuple(row) for row in rdflib_result] == expected.rows
    assert jena_doc["head"]["vars"] == expected.vars
    got = [tuple(b.get(v) for v in expected.vars) for b in jena_doc["results"]["bindings"]]
    assert got == [tuple(_as_json(t) for t in row) for row in expected.rows]


def test_tsv_with_tabs_newlines_and_quotes_reads_back_in_rdflib_and_jena(cli, tricky, tmp_path):
    data, expected = tricky
    out = tmp_path / "r.tsv"
    r = cli("query", QUERY, "--format", "tsv", "--out", out, "--data", data, *A)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 1 + len(expected.rows)  # one line per row: nothing spans lines
    assert '"""' not in text and '"tab\\there"' in text and '"cr\\rx"' in text
    _check_parsed(expected, Result.parse(io.StringIO(text), format="tsv"), _jena_json(out, "tsv"))


def test_xml_results_read_back_in_rdflib_and_jena(cli, tricky, tmp_path):
    data, expected = tricky
    out = tmp_path / "r.srx"
    r = cli("query", QUERY, "--format", "xml", "--out", out, "--data", data, *A)
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns=')
    _check_parsed(expected, Result.parse(out, format="xml"), _jena_json(out, "xml"))


@pytest.mark.parametrize("answer", [True, False])
def test_ask_in_xml_reads_back_in_rdflib_and_jena(cli, tmp_path, answer):
    target = "actor:aws" if answer else "actor:nvidia"
    out = tmp_path / "ask.srx"
    r = cli("query", f"ASK {{ actor:openai aikg:buysComputeFrom {target} }}", "--format", "xml", "--out", out, *A)
    assert r.code == 0, r.err
    assert Result.parse(out, format="xml").askAnswer is answer
    # Jena's arq.rset reads result sets only: Python's own XML parser checks the document's form.
    root = ElementTree.parse(out).getroot()
    assert root.tag == f"{{{SRX}}}sparql"
    assert [child.tag for child in root] == [f"{{{SRX}}}head", f"{{{SRX}}}boolean"]
    assert root.find(f"{{{SRX}}}boolean").text == ("true" if answer else "false")


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ask_in_csv_or_tsv_is_refused(cli, fmt):
    r = cli("query", "ASK { actor:openai aikg:buysComputeFrom actor:aws }", "--format", fmt, *A)
    assert r.code == 2
    assert "defined for SELECT queries only" in r.err and "--format json, xml or table" in r.err
    assert r.out == "" and "Traceback" not in r.err


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_select_in_a_graph_format_is_refused(cli, fmt):
    r = cli("query", "actors", "--format", fmt, *A)
    assert r.code == 2 and "is for CONSTRUCT and DESCRIBE queries" in r.err


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_construct_in_a_results_format_is_refused(cli, fmt):
    r = cli("query", "CONSTRUCT { ?a aikg:buysComputeFrom ?b } WHERE { ?a aikg:buysComputeFrom ?b }", "--format", fmt)
    assert r.code == 2 and "use --format turtle, nt or jsonld" in r.err


CONSTRUCT = (
    "PREFIX ex: <http://example.org/> CONSTRUCT { ?r aikg:value ?v ; ex:says ?q ; ex:tie ?b } WHERE { "
    "?r aikg:actor actor:openai ; aikg:counterparty ?b . OPTIONAL { ?r aikg:value ?v } "
    "OPTIONAL { ?r prov:wasDerivedFrom/aikg:quote ?q } }"
)


@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "jena_syntax"),
    [
        ("turtle", "turtle", "turtle"),
        ("nt", "nt", "ntriples"),
        ("jsonld", "json-ld", "jsonld10"),
    ],
)
def test_construct_is_written_in_the_format_asked(cli, tmp_path, fmt, rdflib_format, jena_syntax):
    out = tmp_path / f"c.{fmt}"
    r = cli("query", CONSTRUCT, "--format", fmt, "--out", out, *A)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "ns1" not in text
    if fmt == "turtle":
        assert "@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> ." in text and "aikg:value" in text
    if fmt == "jsonld":
        assert json.loads(text)["@context"]["aikg"] == "https://w3id.org/ai-infra-kg/ontology#"
    got = Graph().parse(data=text, format=rdflib_format)
    expected = run_query(load_graph(layers="article"), CONSTRUCT).graph
    assert len(got) == len(expected) > 10 and isomorphic(got, expected)
    # A second parser reads the same triples, each literal with the same lexical form.
    run = jena("riotcmd.riot", f"--syntax={jena_syntax}", "--output=nt", out)
    assert run.returncode == 0, run.stderr[-2000:]
    from graph.query.formats import serialize_graph

    assert set(run.stdout.splitlines()) == set(serialize_graph(got, "nt").splitlines())


def test_construct_default_and_describe_are_turtle(cli):
    r = cli("query", "DESCRIBE actor:aws", *A)
    assert r.code == 0 and "ns1" not in r.out
    g = Graph().parse(data=r.out, format="turtle")
    assert (URIRef("https://w3id.org/ai-infra-kg/id/actor/aws"), None, None) in g


def test_nt_terms_follow_ntriples(tmp_path):
    from graph.query.formats import nt_term

    assert nt_term(Literal('a\tb\nc\rd"e\\f')) == '"a\\tb\\nc\\rd\\"e\\\\f"'
    assert nt_term(Literal("x", lang="fr")) == '"x"@fr'
    assert nt_term(Literal("27", datatype=XSD.decimal)) == '"27"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert nt_term(URIRef("http://example.org/a b")) == "<http://example.org/a\\u0020b>"
    assert nt_term(BNode("abc")) == "_:abc"
    assert with_prefixes("SELECT * {}").count("PREFIX aikg:") == 1
