"""Issue 19's audit, point by point: every recorded contradiction is queryable with each side's
source, the new window's dated events, the article's attribution, actors with two classes in a
snapshot and the report, and where each Wikidata id came from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF

import graph
from graph.core.vocab import ACTOR, AIKG
from graph.query import bundled_queries, run_query
from graph.query.runner import bind_params
from graph.store.memory import load_graph

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = {
    "public": ROOT / "data" / "public" / "ai-infra-facts.md",
    "public-2026": ROOT / "data" / "public-2026" / "ai-infra-facts-2026.md",
    "public-2026b": ROOT / "data" / "public-2026b" / "ai-infra-facts-2026b.md",
}
WD = "http://www.wikidata.org/entity/"


def _items(md: Path) -> list[int]:
    """The numbers of the md's "Contradictions between sources" list."""
    text = md.read_text(encoding="utf-8")
    section = text.split("## Contradictions between sources", 1)[1].split("\n## ", 1)[0]
    return [int(n) for n in re.findall(r"^(\d+)\. \*\*", section, flags=re.M)]


def ask(g, name: str, **params: str) -> list[dict[str, str]]:
    spec = bundled_queries()[name]
    result = run_query(g, spec.text, bind_params(g, spec, params))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.vars, row)} for row in result.rows]


@pytest.fixture(scope="module")
def everything():
    return load_graph("all")


@pytest.fixture(scope="module")
def disputed(everything) -> list[dict[str, str]]:
    return ask(everything, "disputed")


def test_the_reference_files_record_43_contradictions():
    counts = {layer: len(_items(md)) for layer, md in REFERENCE.items()}
    assert counts == {"public": 16, "public-2026": 18, "public-2026b": 9}
    assert all(_items(md) == list(range(1, len(_items(md)) + 1)) for md in REFERENCE.values())


def test_disputed_lists_every_recorded_contradiction_with_each_side_s_source(disputed):
    prefix = {"public": "D", "public-2026": "D26-", "public-2026b": "D26b-"}
    for layer, md in REFERENCE.items():
        for item in _items(md):
            claims = [r for r in disputed if re.match(rf"^{re.escape(prefix[layer])}{item:02d}[a-z]?-\d+$", r["claim"])]
            assert claims, f"{md.name} item {item} has no disputed claim"
            for r in claims:
                assert r["claimSources"] and r["claimedBy"], r["claim"]
                assert all(s.startswith(("http://", "https://", "ref:")) for s in r["claimSources"].split()), r
            # each item has at least two sides, or one side against the graph's own sourced value
            assert len({r["claim"] for r in claims}) >= 2 or claims[0]["graphSources"], (md.name, item)


def test_each_claim_page_is_named_by_its_reference_files(disputed):
    # facts are sacred: every page a claim cites is in the md or the CSV of a layer
    reference = "".join(
        p.read_text(encoding="utf-8") for md in REFERENCE.values() for p in (md, md.with_suffix(".csv"))
    )
    for r in disputed:
        for url in r["claimSources"].split():
            if url.startswith("ref:"):
                assert (ROOT / "data" / url.removeprefix("ref:")).is_file(), url
            else:
                assert url in reference, (r["claim"], url)


def test_a_2026b_contradiction_keeps_both_dates(disputed):
    reflection = {r["claimedValue"]: r for r in disputed if r["factId"] == "F186"}
    assert set(reflection) == {"2029", "2029-12", "2029-06"}
    assert reflection["2029-12"]["agrees"] == "yes" and reflection["2029-06"]["agrees"] == "no"
    assert "digitalcitizen.life" in reflection["2029-06"]["claimSources"]


def test_the_article_s_signed_agreements_are_disputed_not_edited(disputed):
    a07 = {r["claim"]: r for r in disputed if r["factId"] == "A07"}
    assert a07["DA01-1"]["claimedValue"] == "signed" and a07["DA01-1"]["graphValue"] == "announced"
    assert a07["DA01-1"]["claimSources"] == "ref:article/000_789b65b4e7b126be.txt"
    assert a07["DA01-2"]["claimedValue"] == "letter-of-intent"


def test_k01_is_the_analysts_and_k02_the_author(everything):
    k01 = everything.value(predicate=AIKG.factId, object=Literal("K01"))
    k02 = everything.value(predicate=AIKG.factId, object=Literal("K02"))
    spans = {
        k: {int(everything.value(ev, AIKG.startOffset)) for ev in everything.objects(k, PROV.wasDerivedFrom)}
        for k in (k01, k02)
    }
    assert spans == {k01: {1865}, k02: {1088}}
    assert "certains analystes" in {str(x) for x in everything.objects(k01, AIKG.claimedBy)}
    assert "certains analystes" not in {str(x) for x in everything.objects(k02, AIKG.claimedBy)}


def test_shift_shows_the_s1_and_the_tpu_vehicle_with_sources(cli):
    r = cli("shift", "--dates", "2026-05-01,2026-07-15", "--actor", "Anthropic")
    assert r.code == 0, r.err
    assert "started by SpaceX S-1 discloses Anthropic's Colossus I+II contract (2026-05-20)" in r.out
    assert "started by Apollo/Blackstone-financed TPU vehicle for Anthropic (2026-05-28)" in r.out
    assert "https://relvehq.com/blog/noise/spacex-ipo-amendment-water-risk-anthropic-compute-deal" in r.out
    assert "https://www.financetom.com/business/alphabets-google-backs-anthropic-in-35-billion" in r.out


def test_an_actor_with_two_classes_in_a_snapshot_and_the_report():
    kg = graph.open()
    g = kg.snapshot("2026-07-01")
    cerebras, meta = g.nodes[str(ACTOR.cerebras)], g.nodes[str(ACTOR.meta)]
    # every class, sorted; the primary (what views colour by) is the first
    assert cerebras["classes"] == ["Chipmaker", "CloudProvider"] and cerebras["class"] == "Chipmaker"
    assert cerebras["class_labels"] == ["chipmaker", "cloud provider"]
    assert meta["classes"] == ["AILab"] and meta["class"] == "AILab"
    rows = {row["label"]: row for row in kg.report("2026-07-01", top=60).centrality}
    assert rows["Cerebras"]["class"] == "Chipmaker + CloudProvider"
    assert rows["Nvidia"]["class"] == "Chipmaker"


def test_the_actors_query_lists_a_two_class_actor_once(everything):
    rows = [r for r in ask(everything, "actors") if r["label"] == "Cerebras"]
    assert len(rows) == 1 and rows[0]["class"] == "chipmaker, cloud provider"


def test_wikidata_ids_carry_where_they_came_from(everything):
    added = {"google": "Q95", "meta": "Q380", "intel": "Q248", "samsung-electronics": "Q20718", "spacex": "Q193701"}
    for local, qid in added.items():
        assert (ACTOR[local], OWL.sameAs, URIRef(WD + qid)) in everything, local
        (link,) = [
            s for s in everything.subjects(RDF.subject, ACTOR[local]) if (s, RDF.type, RDF.Statement) in everything
        ]
        assert everything.value(link, RDF.object) == URIRef(WD + qid)
        assert "agree" in str(everything.value(link, AIKG.note))


def test_a_conflict_keeps_the_shipped_id_and_is_listed(everything):
    for local, shipped, candidate in (("amd", "Q128896", "Q182059"), ("oracle", "Q19900", "Q40147")):
        ids = {str(o) for o in everything.objects(ACTOR[local], OWL.sameAs)}
        assert ids == {WD + shipped}, local
        (link,) = list(everything.subjects(RDF.object, URIRef(WD + candidate)))
        assert everything.value(link, RDF.subject) == ACTOR[local]
        assert "CONFLICT" in str(everything.value(link, AIKG.note))
    # a candidate from a single listing is not added
    assert not list(everything.objects(ACTOR.broadcom, OWL.sameAs))


def test_actors_without_wikidata_query(everything):
    rows = ask(everything, "actors-without-wikidata")
    labels = [r["label"] for r in rows]
    assert len(labels) == len(set(labels))  # one row per actor
    assert "Broadcom" in labels and "Cerebras" in labels
    assert not {"OpenAI", "Google", "Meta", "AMD", "SpaceX"} & set(labels)
    broadcom = next(r for r in rows if r["label"] == "Broadcom")
    assert broadcom["candidate"] == WD + "Q584301" and "one public listing" in broadcom["why"]
