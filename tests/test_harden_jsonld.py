"""Issue 20, point 1: JSON-LD contexts are never fetched or read.

A listener on 127.0.0.1 records every connection (and answers at once, so a regression fails
fast instead of hanging); a ``file:`` context points at a real, valid context file, so that a
regression that reads it would parse the data and exit 0.
"""

from __future__ import annotations

import json

import pytest

from graph.sources.rdf_files import context_references

DATA = {"@id": "http://example.org/a", "http://example.org/p": "x"}


def _documents(url: str, file_url: str) -> dict[str, object]:
    """One document per place a context can be named by reference."""
    return {
        "top-http": {"@context": url, **DATA},
        "top-file": {"@context": file_url, **DATA},
        "etc-passwd": {"@context": "file:///etc/passwd", **DATA},
        "relative": {"@context": "ctx.jsonld", **DATA},
        "in-a-list": {"@context": [{"ex": "http://example.org/"}, url], **DATA},
        "nested-node": {"@context": {"ex": "http://example.org/"}, "@graph": [{"@context": url, **DATA}]},
        "term-scoped": {
            "@context": {"q": {"@id": "http://example.org/q", "@context": url}},
            "q": {"http://example.org/r": "y"},
            **DATA,
        },
        "import": {"@context": {"@version": 1.1, "@import": url}, **DATA},
    }


@pytest.fixture
def context_file(tmp_path):
    ctx = tmp_path / "ctx.jsonld"
    ctx.write_text(json.dumps({"@context": {"ex": "http://example.org/"}}), encoding="utf-8")
    return ctx


@pytest.mark.parametrize("case", list(_documents("u", "f")))
@pytest.mark.parametrize("command", ["validate", "load"])
def test_a_context_by_reference_is_refused_and_never_contacted(cli, recorder, context_file, tmp_path, case, command):
    url = f"http://127.0.0.1:{recorder.port}/context"
    doc = _documents(url, context_file.as_uri())[case]
    data = tmp_path / "mine.jsonld"
    data.write_text(json.dumps(doc), encoding="utf-8")
    if command == "validate":
        r = cli("validate", "--layers", "article", "--data", data)
    else:
        store = tmp_path / "store"
        r = cli("load", "--store", f"oxigraph:{store}", "--layers", "", "--data", data)
        assert not store.exists()
    assert r.code == 2, r.out + r.err
    assert "JSON-LD context" in r.err and "never fetches or reads" in r.err
    assert str(data) in r.err and "Traceback" not in r.err
    named = {"top-file": context_file.as_uri(), "etc-passwd": "file:///etc/passwd", "relative": "ctx.jsonld"}
    assert repr(named.get(case, url)) in r.err
    assert recorder.connections == 0


def test_an_inline_context_still_loads(cli, tmp_path):
    data = tmp_path / "mine.jsonld"
    doc = {"@context": {"ex": "http://example.org/", "p": {"@id": "ex:p"}}, "@id": "ex:a", "p": "x"}
    data.write_text(json.dumps(doc), encoding="utf-8")
    r = cli("query", 'ASK { <http://example.org/a> <http://example.org/p> "x" }', "--layers", "", "--data", data)
    assert r.code == 0, r.err
    assert r.out.strip() == "yes"


def test_context_references_finds_every_reference_in_order():
    doc = _documents("U", "F")
    assert context_references(doc["in-a-list"]) == ["U"]
    assert context_references(doc["import"]) == ["U"]
    assert context_references({"@context": {"ex": "http://e/"}, "@id": "ex:a"}) == []
    # "@import" outside a context is plain data, not a reference
    assert context_references({"@context": {}, "http://e/p": {"@import": "x"}}) == []
    deep: object = {"@context": "deep"}
    for _ in range(50_000):
        deep = [deep]
    assert context_references(deep) == ["deep"]


def test_a_broken_jsonld_file_names_its_line(cli, tmp_path):
    data = tmp_path / "bad.jsonld"
    data.write_text('{\n  "@id": "http://example.org/a",\n  oops\n}\n', encoding="utf-8")
    r = cli("validate", "--layers", "", "--data", data)
    assert r.code == 2 and f"{data}:3: JSON-LD error" in r.err


@pytest.mark.parametrize("case", ["top-http", "import", "term-scoped", "top-file"])
def test_the_safety_net_refuses_what_the_scan_would_miss(recorder, context_file, tmp_path, monkeypatch, case):
    import graph.sources.rdf_files as rdf_files
    from graph.core.errors import AikgError

    monkeypatch.setattr(rdf_files, "_check_jsonld", lambda path, text: None)  # as if the scan missed it
    url = f"http://127.0.0.1:{recorder.port}/context"
    data = tmp_path / "mine.jsonld"
    data.write_text(json.dumps(_documents(url, context_file.as_uri())[case]), encoding="utf-8")
    with pytest.raises(AikgError, match="never fetches or reads"):
        rdf_files.parse_file(data)
    assert recorder.connections == 0
    # rdflib's loader is restored afterwards
    from rdflib.plugins.shared.jsonld import context as jsonld_context
    from rdflib.plugins.shared.jsonld import util

    assert jsonld_context.source_to_json is util.source_to_json



def test_a_relative_iri_is_refused_with_its_name(cli, tmp_path):
    # No N-Triples or SPARQL-results parser reads back an IRI without a scheme (a fuzzed JSON-LD
    # file produced one): refuse it on input, naming it, and write nothing.
    doc = tmp_path / "relative.jsonld"
    doc.write_text('{"@context": {"@vocab": "N33cc9bec"}, "@id": "https://example.org/a", "p": "x"}', encoding="utf-8")
    out = tmp_path / "out.nt"
    r = cli("export", "--data", doc, "--layers", "", "--format", "nt", "--out", out)
    assert r.code != 0
    assert r.err.startswith("aikg: error: ") and "<N33cc9becp> is relative" in r.err
    assert not out.exists()
