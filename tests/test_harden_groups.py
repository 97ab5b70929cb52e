"""Hardening (issue 20, point 6): relations all linked with aikg:sameRelationAs validate and query
in work linear in the links. Validation took minutes at n=40 because pySHACL re-parsed each SPARQL
constraint for every focus node (and copied the graph first); now each is parsed once
(graph.validation.shacl._prepared_queries), so the parse count does not grow with n. Timings are
in bench/same_relation_bench.py, not here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib.plugins.sparql import parser as sparql_parser

from graph.network.fetch import fetch_network
from graph.store.memory import load_graph
from graph.validation.shacl import validate

from .conftest import write

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from same_relation_bench import clique


def _parses_while_validating(graph, monkeypatch) -> tuple[int, list]:
    calls = []
    real = sparql_parser.parseQuery

    def counting(text):
        calls.append(text)
        return real(text)

    # rdflib's processor and prepareQuery both look parseQuery up in their own module.
    from rdflib.plugins.sparql import processor

    with monkeypatch.context() as patched:
        patched.setattr(processor, "parseQuery", counting)
        found = validate(graph)
    return len(calls), found


def test_validation_parses_each_constraint_once_whatever_the_group_size(tmp_path, monkeypatch):
    monkeypatch.setenv("AIKG_CACHE", "off")  # count what validating does, not a cached answer
    counts = {}
    for n in (5, 40):
        graph = load_graph(layers="article", data=[write(tmp_path / f"c{n}.ttl", clique(n))])
        counts[n], found = _parses_while_validating(graph, monkeypatch)
        assert found == [], found
    assert counts[5] > 0
    assert counts[40] == counts[5]


def test_a_wrong_link_in_a_large_group_is_still_found(tmp_path):
    # The prepared query is reused with $this bound: each focus node still gets its own answer.
    text = clique(12).replace('S7" ; aikg:actor actor:openai', 'S7" ; aikg:actor actor:microsoft')
    assert "actor:microsoft" in text
    found = validate(load_graph(layers="article", data=[write(tmp_path / "c.ttl", text)]))
    different = [v for v in found if "state different ties" in v.message]
    assert {v.node.split(":")[0] for v in different} == {f"S{i}" for i in range(12)}


@pytest.mark.parametrize("n", [40])
def test_a_group_of_forty_is_one_deal_with_every_source(cli, tmp_path, n):
    path = write(tmp_path / "c.ttl", clique(n))
    data = fetch_network(load_graph(layers="article", data=[path]))
    ours = [r for r in data.relations if r["iri"].startswith("http://example.org/")]
    assert len(ours) == 1
    assert len(ours[0]["members"]) == n and len(ours[0]["fact_ids"]) == n
    assert [s["source"] for s in ours[0]["sources"]] == ["http://example.org/src"]
    result = cli("query", "actors", "--data", path, "--layers", "article")
    assert result.code == 0 and "OpenAI" in result.out
