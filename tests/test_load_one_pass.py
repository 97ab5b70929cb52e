"""``aikg load`` reads the data once: the triples it derives and the network index it saves are
those of the derivation as it was (the store loaded, scanned, the rules applied, rdflib terms
written one by one, then a second scan for the index), on the shipped data and on a synthetic
file, and when it falls back to scanning the store (blank nodes, an exported derived graph,
files added to a store)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from graph.network.fetch import from_raw
from graph.network.index import encode_network
from graph.sources.synth import generate
from graph.store.derive import _derive, _ox
from graph.store.memory import source_files
from graph.store.oxigraph import INDEX, build_store, read_sources
from graph.store.read import _oxigraph_scan, collect_by_scan


def _the_old_way(files) -> tuple[set, dict]:
    """The store's triples and the network index as the two-pass load made them."""
    store = ox.Store()
    for source in read_sources(files):
        store.bulk_load(**source, to_graph=ox.DefaultGraph())
    _, triples = _derive(collect_by_scan(*_oxigraph_scan(store)))
    store.extend(ox.Quad(_ox(s), _ox(p), _ox(o), ox.DefaultGraph()) for s, p, o in triples)
    network = from_raw(collect_by_scan(*_oxigraph_scan(store)))  # the second scan
    return set(store), json.loads(encode_network(network))


def _the_one_pass(location, files) -> tuple[set, dict]:
    from graph.api.load import load_store

    load_store(location, files)
    store = ox.Store.read_only(str(location))
    index = json.loads((location / INDEX).read_bytes())
    return set(store), index["network"]


@pytest.fixture(scope="module")
def synth_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "synth.ttl"
    path.write_text("".join(generate(300, 3000, seed=1)), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", ["shipped", "synthetic", "synthetic beside the shipped layers"])
def test_one_pass_derives_and_indexes_what_two_passes_did(tmp_path, synth_file, case):
    files = {
        "shipped": source_files("all", []),
        "synthetic": source_files("", [synth_file]),
        "synthetic beside the shipped layers": source_files("all", [synth_file]),
    }[case]
    old_triples, old_index = _the_old_way(files)
    new_triples, new_index = _the_one_pass(tmp_path / "store", files)
    assert len(new_triples) == len(old_triples)
    assert new_triples == old_triples
    assert new_index == old_index


def test_statements_of_one_deal_share_their_evidence_in_the_index(tmp_path):
    """The shipped data has deals stated several times: the derivation writes each statement's
    link to the others' evidence, and the index is read as if from the derived store."""
    from graph.store.oxigraph import build_store_read

    _, derived = build_store_read(tmp_path / "store", source_files("all", []))
    assert derived.applied is None and derived.raw is not None


def _blank_file(tmp_path):
    path = tmp_path / "blank.ttl"
    path.write_text(
        "@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix actor: <https://w3id.org/ai-infra-kg/id/actor/> .\n"
        "<https://example.org/r1> a aikg:Relation ; aikg:actor actor:openai ;\n"
        "  aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:coreweave ;\n"
        '  aikg:status "reported" ; aikg:announced "2026-02-01" ;\n'
        "  prov:wasDerivedFrom [ aikg:inSource <https://example.org/s> ] .\n",
        encoding="utf-8",
    )
    return path


def test_files_with_blank_nodes_are_read_from_the_store(tmp_path):
    files = source_files("article", [_blank_file(tmp_path)])
    old_triples, _ = _the_old_way(files)
    new_triples, _ = _the_one_pass(tmp_path / "store", files)

    # Blank nodes are named afresh by each parse: compare what names no blank node.
    def named(triples):
        return {t for t in triples if not any(isinstance(x, ox.BlankNode) for x in (t.subject, t.object))}

    assert named(new_triples) == named(old_triples)


def test_an_exported_derived_graph_is_derived_again_not_twice(tmp_path, cli):
    export = tmp_path / "export.nt"
    r = cli("export", "--layers", "article", "--format", "nt", "--out", str(export))
    assert r.code == 0, r.err
    files = source_files("", [export])
    build_store(tmp_path / "a", files)
    build_store(tmp_path / "b", source_files("article", []))
    assert set(ox.Store.read_only(str(tmp_path / "a"))) == set(ox.Store.read_only(str(tmp_path / "b")))
