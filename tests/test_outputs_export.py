"""``aikg export`` writes what other tools read, unchanged: Turtle, N-Triples and JSON-LD exports
hold the same triples with every literal as loaded (rdflib and Apache Jena's ``riot`` read them
back), and GEXF files validate against the GEXF 1.3 XML Schema (``xmllint``, with the schema files
of ``tests/schemas/gexf-1.3``), a file without ``--at`` being dynamic: Gephi's timeline on any
day shows that day's snapshot."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.store.memory import load_graph, source_files

from .conftest import PREFIXES_TTL, write
from .outputs_tools import SCHEMAS, jena, xmllint_schema

GEXF_XSD = SCHEMAS / "gexf-1.3" / "gexf.xsd"
G13 = "{http://gexf.net/1.3}"

# Lexical forms rdflib's Turtle writer used to change ("27" became 27.0), and text that needs
# escaping in every syntax.
MINE = """
ex:m1 aikg:value "27"^^xsd:decimal , "0.50"^^xsd:decimal ;
    ex:double "1500.0"^^xsd:double ; ex:int "7"^^xsd:integer ; ex:flag "true"^^xsd:boolean ;
    ex:text "tab\\there, \\"quoted\\", line\\nbreak and back\\\\slash" , "élan"@fr .
"""


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Every shipped layer and a file of tricky literals, exported in the three RDF formats."""
    from graph.cli.main import main

    folder = tmp_path_factory.mktemp("export")
    mine = write(folder / "mine.ttl", PREFIXES_TTL + MINE)
    paths = {}
    for fmt in ("turtle", "nt", "jsonld"):
        paths[fmt] = folder / f"all.{fmt}"
        assert main(["export", "--format", fmt, "--out", str(paths[fmt]), "--data", str(mine)]) == 0
    return paths, mine


def test_turtle_jsonld_and_ntriples_exports_are_isomorphic(exports):
    paths, _ = exports
    nt = Graph().parse(paths["nt"], format="nt")
    assert len(nt) > 8000
    assert isomorphic(Graph().parse(paths["turtle"], format="turtle"), nt)
    assert isomorphic(Graph().parse(paths["jsonld"], format="json-ld"), nt)


def test_exports_keep_the_lexical_forms_loaded(exports):
    paths, _ = exports
    turtle = paths["turtle"].read_text(encoding="utf-8")
    assert 'aikg:claimedValue "27"^^xsd:decimal' in turtle and "27.0" not in turtle
    assert "aikg:value 0.50" in turtle and "ns1:" not in turtle  # the short form, where it reads back the same
    nt = paths["nt"].read_text(encoding="utf-8")
    assert '"27"^^<http://www.w3.org/2001/XMLSchema#decimal>' in nt
    # A second parser reads the Turtle and JSON-LD exports into exactly the N-Triples export.
    lines = set(nt.splitlines())
    for fmt, syntax in (("turtle", "turtle"), ("jsonld", "jsonld10"), ("nt", "ntriples")):
        run = jena("riotcmd.riot", f"--syntax={syntax}", "--output=nt", paths[fmt])
        assert run.returncode == 0, run.stderr[-2000:]
        assert set(run.stdout.splitlines()) == lines, fmt


def test_exports_hold_every_source_triple_as_written(exports):
    paths, mine = exports
    run = jena("riotcmd.riot", "--output=nt", *source_files(data=[mine]))
    assert run.returncode == 0, run.stderr[-2000:]
    written = set(run.stdout.splitlines())
    assert len(written) > 6000
    assert written <= set(paths["nt"].read_text(encoding="utf-8").splitlines())


def _validate(path) -> None:
    run = xmllint_schema(GEXF_XSD, path)
    assert run.returncode == 0, run.stderr[-2000:]


def test_the_schema_check_is_real(tmp_path):
    # networkx's own GEXF 1.3 writer puts name="" on <graph>: the schema refuses it.
    path = tmp_path / "networkx.gexf"
    path.write_text("\n".join(nx.generate_gexf(nx.path_graph(3), version="1.3")), encoding="utf-8")
    run = xmllint_schema(GEXF_XSD, path)
    assert run.returncode != 0 and "name" in run.stderr


@pytest.mark.parametrize("at", ["2025-11-03", "all"])
def test_static_gexf_validates_against_gexf_1_3(cli, tmp_path, at):
    out = tmp_path / "g.gexf"
    assert cli("export", "--format", "gexf", "--at", at, "--out", out).code == 0
    _validate(out)
    root = ElementTree.parse(out).getroot()
    assert root.get("version") == "1.3"
    graph = root.find(f"{G13}graph")
    assert graph.get("mode") == "static" and graph.get("name") is None
    assert all(e.get("start") is None for e in graph.iter(f"{G13}edge"))
    H = nx.read_gexf(out, version="1.3")
    assert H.number_of_edges() == len(graph.findall(f"{G13}edges/{G13}edge")) > 0


def _edges_on(graph: ElementTree.Element, day: str) -> list[tuple[str, str, str]]:
    """The (source, target, relation) of the dynamic file's edges present on ``day``, as a
    reader that knows only GEXF sees them (bounds included)."""
    out = []
    for e in graph.iter(f"{G13}edge"):
        start, end = e.get("start"), e.get("end")
        if start <= day and (end is None or day <= end):
            relation = next(a.get("value") for a in e.iter(f"{G13}attvalue") if a.get("for") == "relation")
            out.append((e.get("source"), e.get("target"), relation))
    return sorted(out)


def test_gexf_without_at_is_dynamic_and_shows_each_day_its_snapshot(cli, tmp_path):
    out = tmp_path / "dynamic.gexf"
    r = cli("export", "--format", "gexf", "--out", out)
    assert r.code == 0 and "dynamic GEXF" in r.err
    _validate(out)
    graph = ElementTree.parse(out).getroot().find(f"{G13}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    edges = graph.findall(f"{G13}edges/{G13}edge")
    assert edges and all(e.get("start") for e in edges)
    # xAI's deals pass to SpaceX on the absorption's day (2026-02-02): two edges, one after the other.
    xai_oracle = sorted((e.get("start"), e.get("end"), e.get("source")) for e in edges if "F031" in e.get("id"))
    assert xai_oracle == [
        ("2024-07-09", "2026-02-01", "https://w3id.org/ai-infra-kg/id/actor/xai"),
        ("2026-02-02", None, "https://w3id.org/ai-infra-kg/id/actor/spacex"),
    ]
    # On every day something starts or ends, and the day before, the file shows that day's network.
    data = fetch_network(load_graph())
    days = set()
    for e in edges:
        for bound in (e.get("start"), e.get("end")):
            if bound:
                day = dt.date.fromisoformat(bound)
                days |= {(day + dt.timedelta(days=k)).isoformat() for k in (-1, 0, 1)}
    assert len(days) > 100
    for day in sorted(days):
        G = snapshot(data, day)
        expected = sorted((u, v, d["relation"]) for u, v, d in G.edges(data=True))
        assert _edges_on(graph, day) == expected, day


def test_dynamic_gexf_reads_into_networkx_with_typed_attributes(cli, tmp_path):
    out = tmp_path / "dynamic.gexf"
    assert cli("export", "--format", "gexf", "--out", out, "--layers", "article").code == 0
    H = nx.read_gexf(out, version="1.3")
    assert H.graph["mode"] == "dynamic" and H.number_of_edges() == 9
    (d,) = [d for _, _, d in H.edges(data=True) if d["fact_id"] == "A03"]
    # Needed Microsoft's approval on 2025-10-27 only: the last day it was in force, GEXF bounds included.
    assert (d["start"], d["end"]) == ("2025-10-27", "2025-10-27") and d["valid_until"] == "2025-10-28"
    (a01,) = [d for _, _, d in H.edges(data=True) if d["fact_id"] == "A01"]
    assert a01["value"] == 38_000_000_000.0 and a01["symmetric"] is False and "end" not in a01
