"""Reading the network: the triple-scan reader and the SPARQL reader agree, and the network index
saved beside an embedded store is used only while the store is unchanged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.network.data import NetworkData
from graph.network.fetch import fetch_network, from_raw
from graph.network.index import INDEX, read_index
from graph.store.memory import load_graph
from graph.store.oxigraph import open_store
from graph.store.read import collect_by_query, collect_by_scan, scanner

from .conftest import PREFIXES_TTL, write

# What the query's patterns decide and a scan must decide alike: a subclass chain to aikg:Actor,
# regional language tags, several values of one property, evidence without a source (ignored),
# a relation node without a status (not a relation), a revision link, a change event.
EDGE_CASES = """
ex:Lab rdfs:subClassOf ex:Company . ex:Company rdfs:subClassOf aikg:Actor .
ex:Lab rdfs:label "Research lab"@en .
actor:alpha a ex:Lab ; rdfs:label "Alpha"@en-GB , "Alpha SA"@fr-FR ; skos:altLabel "A" , "Alp" ;
    owl:sameAs <http://www.wikidata.org/entity/Q1> , <https://example.org/alpha> .
actor:beta a aikg:CloudProvider ; rdfs:label "Beta"@en , "Beta Two"@en .
actor:gamma a aikg:Actor , aikg:Chipmaker .
ex:S1 a aikg:Source ; dcterms:title "A report" ; schema:url <https://example.org/r> ;
    dcterms:issued "2025-11-03"^^xsd:date .
ex:E1 aikg:inSource ex:S1 ; aikg:quote "they signed" .
ex:E2 aikg:quote "no source named" .
ex:R1 a aikg:Relation ; aikg:factId "R1" ; aikg:actor actor:alpha ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty actor:beta ; aikg:status "announced" ; aikg:value 5 , 7.5 ; aikg:unit "USD" ;
    aikg:announced "2025-11-03"^^xsd:date ; prov:wasDerivedFrom ex:E1 , ex:E2 .
ex:R2 a aikg:Relation ; aikg:factId "R2" ; aikg:actor actor:alpha ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty actor:gamma ; aikg:status "announced" ; aikg:supersedes ex:R1 ;
    aikg:validFrom "2026"^^xsd:gYear ; aikg:announced "2026-04-16"^^xsd:date .
ex:R3 a aikg:Relation ; aikg:factId "R3" ; aikg:actor actor:beta ; aikg:relationType aikg:partnersWith ;
    aikg:counterparty actor:gamma .
ex:C1 a org:ChangeEvent ; rdfs:label "Beta joins Gamma"@en ; prov:startedAtTime "2026-02-02"^^xsd:date ;
    org:originalOrganization actor:beta , actor:gamma ; org:resultingOrganization actor:gamma .
"""


def both_readers(graph) -> tuple[NetworkData, NetworkData]:
    def finish(c):
        return from_raw(c)

    found = scanner(graph)
    assert found is not None, "an in-memory graph is scanned"
    return finish(collect_by_query(graph)), finish(collect_by_scan(*found))


def test_scan_and_query_read_the_shipped_data_alike():
    by_query, by_scan = both_readers(load_graph())
    assert by_scan == by_query
    assert len(by_scan.relations) > 150


def test_scan_and_query_agree_on_edge_cases(tmp_path):
    extra = (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
    )
    path = write(tmp_path / "edge.ttl", PREFIXES_TTL + extra + EDGE_CASES)
    by_query, by_scan = both_readers(load_graph(layers=[], data=[path]))
    assert by_scan == by_query
    alpha = by_scan.actors["https://w3id.org/ai-infra-kg/id/actor/alpha"]
    assert (alpha["label"], alpha["label_fr"], alpha["class"], alpha["class_label"]) == (
        "Alpha",
        "Alpha SA",
        "Lab",
        "Research lab",
    )
    assert alpha["wikidata"] == "Q1" and alpha["aliases"] == ["A", "Alp"]
    # Two English labels, two values: the smallest is kept, whatever order the store uses.
    assert by_scan.actors["https://w3id.org/ai-infra-kg/id/actor/beta"]["label"] == "Beta"
    rel = {r["fact_id"]: r for r in by_scan.relations}
    assert set(rel) == {"R1", "R2"}  # R3 has no status: not a relation
    assert rel["R1"]["value"] == 5.0
    assert [s["quotes"] for s in rel["R1"]["sources"]] == [["they signed"]]  # E2 names no source
    assert rel["R1"]["valid_until"] == "2026-04-16" and rel["R1"]["end_reason"] == "revision"
    assert next(iter(by_scan.events.values()))["original"] == [
        "https://w3id.org/ai-infra-kg/id/actor/beta",
        "https://w3id.org/ai-infra-kg/id/actor/gamma",
    ]


@pytest.fixture()
def store(tmp_path):
    location = tmp_path / "store"
    subprocess.run([sys.executable, "-m", "graph", "load", "--store", f"oxigraph:{location}"], check=True)
    return location


def test_load_saves_the_index_and_it_equals_a_fresh_read(store):
    assert (store / INDEX).is_file()
    saved = read_index(store)
    assert saved is not None
    (store / INDEX).unlink()
    fresh = fetch_network(open_store(store))  # scanned from the store, index saved again
    assert saved == fresh == fetch_network(load_graph())
    assert (store / INDEX).is_file()


def test_every_relation_has_one_key_order_so_the_index_stores_columns(store):
    # Records whose fields came in another order (an end found, or none) were saved whole, one
    # JSON object each: three times the file and twice the memory once read (issue #17).
    data = fetch_network(load_graph())
    assert len({tuple(r) for r in data.relations}) == 1
    ended = [r for r in data.relations if r["valid_until"]]
    assert ended and len(ended) < len(data.relations)
    doc = json.loads((store / INDEX).read_bytes())
    assert sorted(doc["network"]["relations"]) == ["columns", "dicts", "strings"]
    assert [list(r) for r in read_index(store).relations] == [list(r) for r in data.relations]


def test_a_changed_store_makes_the_index_stale(store):
    import pyoxigraph as ox

    before = read_index(store)
    assert before is not None
    # Another program renames OpenAI in the store behind aikg's back.
    writable = ox.Store(str(store))
    openai = ox.NamedNode("https://w3id.org/ai-infra-kg/id/actor/openai")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for quad in list(writable.quads_for_pattern(openai, label, None, ox.DefaultGraph())):
        writable.remove(quad)
    writable.add(ox.Quad(openai, label, ox.Literal("OpenAI Group PBC", language="en"), ox.DefaultGraph()))
    writable.flush()
    del writable
    assert read_index(store) is None  # stale: not used
    after = fetch_network(open_store(store))
    assert after.actors["https://w3id.org/ai-infra-kg/id/actor/openai"]["label"] == "OpenAI Group PBC"
    assert read_index(store) == after  # saved again for the next command


def test_a_damaged_index_is_rebuilt_not_trusted(store):
    good = read_index(store)
    (store / INDEX).write_text("{not json")
    assert read_index(store) is None
    assert fetch_network(open_store(store)) == good
    doc = json.loads((store / INDEX).read_text())
    doc["network"]["relations"] = []  # a forged index with a wrong fingerprint is ignored too
    doc["fingerprint"]["files"] = []
    (store / INDEX).write_text(json.dumps(doc))
    assert fetch_network(open_store(store)) == good
