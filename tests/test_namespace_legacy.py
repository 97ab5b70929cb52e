"""The namespace move (docs/namespace.md): nothing aikg ships or writes uses the old namespace, and
files and names that still use it are read under the new one, with a note."""

from __future__ import annotations

import subprocess

import pytest
from rdflib import URIRef

from graph.core import legacy
from graph.core.vocab import ACTOR, AIKG, ID, ONTOLOGY_IRI

from .conftest import ROOT

OLD_TTL = """@prefix aikg: <https://w3id.org/aikg/ontology#> .
@prefix actor: <https://w3id.org/aikg/id/actor/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
actor:old-lab a aikg:AILab ;
    rdfs:label "Old Lab"@en ;
    rdfs:comment "formerly at https://w3id.org/aikg/id/actor/old-lab" .
"""


def test_every_namespace_of_aikg_is_the_new_one():
    for ns in (str(AIKG._NS), str(ID), str(ACTOR), str(ONTOLOGY_IRI)):
        assert ns.startswith(legacy.BASE), ns
    assert not legacy.BASE.startswith(legacy.OLD_BASE)


def test_nothing_shipped_uses_the_old_namespace():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    allowed = {"graph/core/legacy.py", "docs/namespace.md", "tests/test_namespace_legacy.py"}
    using = [
        f
        for f in files
        if f not in allowed and (ROOT / f).is_file() and legacy.OLD_BASE.encode() in (ROOT / f).read_bytes()
    ]
    assert using == []


def test_upgrade_rewrites_iris_and_leaves_literals():
    text, n = legacy.upgrade_text(OLD_TTL, "turtle")
    assert n == 2  # the two @prefix lines
    assert "<https://w3id.org/ai-infra-kg/ontology#>" in text
    assert '"formerly at https://w3id.org/aikg/id/actor/old-lab"' in text
    jsonld = '{"@id": "https://w3id.org/aikg/id/actor/x", "note": "see https://w3id.org/aikg/ later"}'
    out, n = legacy.upgrade_text(jsonld, "json-ld")
    assert n == 1 and '"@id": "https://w3id.org/ai-infra-kg/id/actor/x"' in out and "see https://w3id.org/aikg/" in out
    assert legacy.upgrade_text("no old iri here", "turtle") == ("no old iri here", 0)


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "old.ttl"
    path.write_text(OLD_TTL, encoding="utf-8")
    return path


def test_a_memory_load_reads_old_iris_as_new_and_says_so(cli, old_file):
    out = cli("query", "actors", "--layers", "article", "--data", old_file, "--format", "csv")
    assert out.code == 0, out.err
    assert "https://w3id.org/ai-infra-kg/id/actor/old-lab" in out.out
    assert legacy.OLD_BASE + "id/actor/old-lab" not in out.out
    notes = [line for line in out.err.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and str(old_file) in notes[0] and "docs/namespace.md" in notes[0]


def test_an_oxigraph_load_reads_old_iris_as_new(cli, old_file, tmp_path):
    nt = tmp_path / "old.nt"
    nt.write_text(
        "<https://w3id.org/aikg/id/actor/old-lab> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/aikg/ontology#AILab> .\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    load = cli("load", "--store", f"oxigraph:{store}", "--layers", "article", "--data", nt)
    assert load.code == 0, load.err
    assert any(line.startswith("note:") and str(nt) in line for line in load.err.splitlines())
    out = cli("query", "actors", "--store", f"oxigraph:{store}", "--format", "csv")
    assert "https://w3id.org/ai-infra-kg/id/actor/old-lab" in out.out
    assert "w3id.org/aikg/" not in out.out


def test_an_old_actor_iri_names_the_actor(cli):
    old = legacy.OLD_BASE + "id/actor/openai"
    out = cli(
        "query", "compute-suppliers", "--actor", old, "--at", "2025-11-10", "--layers", "article", "--format", "csv"
    )
    assert out.code == 0, out.err
    assert "Amazon Web Services" in out.out
    assert "note:" in out.err and "read as https://w3id.org/ai-infra-kg/id/actor/openai" in out.err


def test_the_api_warns_with_its_own_category(old_file):
    from graph.sources.rdf_files import parse_file

    with pytest.warns(legacy.OldNamespaceWarning, match="2 IRI"):
        g = parse_file(old_file)
    assert (URIRef(legacy.BASE + "id/actor/old-lab"), None, None) in g
