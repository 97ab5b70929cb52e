"""The report compares the network before and after each change event on the part of the network
the event's actors are tied to (:func:`graph.network.part.connected_part`), so that a large
unrelated network neither changes the comparison nor is redrawn twice per event (issue #17)."""

from __future__ import annotations

import pytest

from graph.api.report import build_report
from graph.network.fetch import fetch_network
from graph.network.part import components, connected_part
from graph.network.snapshot import snapshot
from graph.store.memory import load_graph

from .conftest import write

DAY = "2026-11-29"
ACTOR = "https://w3id.org/ai-infra-kg/id/actor/"

# Two actors tied only to each other, and a third tied to nobody: another part of the network.
ELSEWHERE = """
@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .
@prefix actor: <https://w3id.org/ai-infra-kg/id/actor/> .
@prefix rel: <https://w3id.org/ai-infra-kg/id/relation/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
actor:far-lab a aikg:AILab ; rdfs:label "Far Lab"@en .
actor:far-cloud a aikg:CloudProvider ; rdfs:label "Far Cloud"@en .
actor:lone-cloud a aikg:CloudProvider ; rdfs:label "Lone Cloud"@en .
rel:far-1 a aikg:Relation ; aikg:factId "FAR1" ; aikg:actor actor:far-lab ;
    aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:far-cloud ;
    aikg:status "announced" ; aikg:announced "2025-06-02"^^xsd:date ;
    aikg:value 9000000000 ; aikg:unit "USD" .
"""


@pytest.fixture(scope="module")
def shipped():
    graph = load_graph("all", [])
    return graph, fetch_network(graph)


def test_a_part_holds_the_components_of_its_actors_on_any_date(shipped):
    _, data = shipped
    roots = components(data)
    part = connected_part(data, [ACTOR + "openai"], roots)
    assert ACTOR + "microsoft" in part.actors and ACTOR + "openai" in part.actors
    # The shipped data has one pair tied only to each other: not in OpenAI's part.
    apart = sorted(set(data.actors) - set(part.actors))
    assert apart == [ACTOR + "fluidstack", ACTOR + "hut-8"]
    assert connected_part(data, [ACTOR + "hut-8"], roots).actors.keys() == {ACTOR + "fluidstack", ACTOR + "hut-8"}
    # Every relation between the part's actors is in it, in the network's order.
    inside = [r["iri"] for r in data.relations if r["actor"] in part.actors]
    assert [r["iri"] for r in part.relations] == inside
    assert connected_part(data, ["https://example.org/nobody"]) is data


@pytest.mark.parametrize("day", ["2025-10-01", "2025-11-15", "2026-05-30", DAY])
def test_a_snapshot_of_a_part_is_the_whole_snapshot_on_its_actors(shipped, day):
    _, data = shipped
    part = connected_part(data, [ACTOR + "openai", ACTOR + "microsoft"])
    whole, piece = snapshot(data, day), snapshot(part, day)
    assert set(piece.nodes) == set(part.actors)
    kept = sorted((u, v, k) for u, v, k in whole.edges(keys=True) if u in part.actors)
    assert sorted(piece.edges(keys=True)) == kept
    assert all(piece.edges[e] == whole.edges[e] for e in kept)


def test_an_unrelated_part_of_the_network_leaves_the_comparisons_unchanged(shipped, tmp_path):
    graph, data = shipped
    ov, _ = build_report(graph, at=DAY, data=data, cases=[])
    bigger = load_graph("all", [write(tmp_path / "elsewhere.ttl", ELSEWHERE)])
    ov2, _ = build_report(bigger, at=DAY, cases=[])
    assert len(ov2["centrality"]["actors"]) == len(ov["centrality"]["actors"]) + 3
    assert ov["comparisons"] and len(ov2["comparisons"]) == len(ov["comparisons"])
    for c, c2 in zip(ov["comparisons"], ov2["comparisons"]):
        assert c2["about"]["network_actors"] == c["about"]["network_actors"] + 3
        assert c2["about"]["part_actors"] == c["about"]["part_actors"] < c["about"]["network_actors"]
        assert {k: v for k, v in c2.items() if k != "about"} == {k: v for k, v in c.items() if k != "about"}
        assert not {ACTOR + "far-lab", ACTOR + "lone-cloud"} & {a["actor"] for a in c2["actors"]}


def test_the_report_says_which_part_a_comparison_reads(shipped, tmp_path):
    from graph.api.report import write_report

    graph, data = shipped
    ov, rule = build_report(graph, at=DAY, data=data, cases=[])
    write_report(ov, tmp_path, rule=rule, layers="all")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    c = ov["comparisons"][0]["about"]
    assert f"the {c['part_actors']} of the network&#x27;s {c['network_actors']} actors tied to its parties" in html
