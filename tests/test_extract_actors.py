"""Actors: the gazetteer (both languages, case and accents, guards), anaphora, lists, directions,
and organisations new to the graph (spaCy's French model, or capitalised names)."""

from __future__ import annotations

import pytest

from graph.core.vocab import ACTOR
from graph.extract import extract, ner
from graph.extract.gazetteer import Gazetteer
from graph.extract.text import fold
from graph.extract.to_rdf import to_graph
from graph.store.memory import load_graph
from graph.validation.shacl import validate

A = str(ACTOR)


def names(graph, text, lang="fr"):
    return [(m.span.quote, m.actor.iri.rsplit("/", 1)[-1]) for m in Gazetteer(graph, lang).find(text, fold(text))]


def rels(ex):
    def side(p):
        return p.actor.iri.rsplit("/", 1)[-1] if p.actor.iri else "NEW:" + p.actor.label

    return {(side(c.actor), c.rtype, side(c.counterparty)) for c in ex.candidates}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amazon, AWS et Amazon Web Services", [("Amazon", "amazon"), ("AWS", "aws"), ("Amazon Web Services", "aws")]),
        (
            "les Émirats arabes unis, les EMIRATS ARABES UNIS",
            [("Émirats arabes unis", "uae"), ("EMIRATS ARABES UNIS", "uae")],
        ),
        ("the United Arab Emirates (UAE)", [("United Arab Emirates", "uae"), ("UAE", "uae")]),
        ("le créateur de ChatGPT", [("le créateur de ChatGPT", "openai")]),
        ("the ChatGPT maker", [("ChatGPT maker", "openai")]),
        ("NVIDIA et Nvidia", [("NVIDIA", "nvidia"), ("Nvidia", "nvidia")]),
    ],
)
def test_gazetteer_both_languages_case_and_accents(article_graph, text, expected):
    assert names(article_graph, text) == expected


def test_gazetteer_guards_against_common_words(article_graph):
    # "eau" (water) is not the UAE's French acronym EAU; "oracle" in lower case is not Oracle
    assert names(article_graph, "Le refroidissement consomme de l'eau; un oracle l'avait prédit.") == []
    assert names(article_graph, "Les EAU investissent.") == [("EAU", "uae")]


def test_direction_comes_from_the_sentence_not_the_order_of_names(article_graph):
    fr = extract(
        "Amazon Web Services fournira de la capacité de calcul à OpenAI.", article_graph, published="2025-11-03"
    )
    en = extract("AWS will provide computing capacity to OpenAI.", article_graph, published="2025-11-03")
    buy = extract("OpenAI will buy computing capacity from AWS.", article_graph, published="2025-11-03")
    assert rels(fr) == rels(en) == rels(buy) == {("openai", "buysComputeFrom", "aws")}
    sup = extract("Nvidia will supply chips to Oracle.", article_graph, published="2025-11-03")
    assert rels(sup) == {("nvidia", "suppliesChipsTo", "oracle")}
    raised = extract("OpenAI a levé 40 milliards de dollars auprès de SoftBank.", article_graph, published="2025-11-03")
    assert rels(raised) == {("softbank", "investsIn", "openai")}


def test_lists_give_one_relation_per_member_in_both_languages(article_graph):
    en = extract(
        "OpenAI has signed agreements with chipmakers such as Nvidia, AMD and Broadcom.",
        article_graph,
        published="2025-11-03",
    )
    assert rels(en) == {("openai", "procuresChipsFrom", x) for x in ("nvidia", "amd", "broadcom")}
    pair = extract("Oracle and SoftBank announced a partnership on Monday.", article_graph, published="2025-11-03")
    assert rels(pair) == {("oracle", "partnersWith", "softbank")}
    assert pair.candidates[0].dates["announced"].value == "2025-11-03"


def test_a_list_amount_is_not_given_to_each_member(article_graph):
    ex = extract(
        "Microsoft and Nvidia will invest up to $15 billion in Anthropic Labs Inc.",
        article_graph,
        published="2025-11-03",
    )
    assert {c.actor.actor.label for c in ex.candidates} == {"Microsoft", "Nvidia"}
    for c in ex.candidates:
        assert c.value is None and any("2 parties together" in n for n in c.notes)


def test_needs_approval_and_its_end_in_english(article_graph):
    needs = extract(
        "OpenAI needs Microsoft's approval to buy compute elsewhere.", article_graph, published="2025-11-03"
    )
    ended = extract(
        "Since last week OpenAI no longer needs approval from Microsoft to buy compute.",
        article_graph,
        published="2025-11-03",
    )
    assert rels(needs) == rels(ended) == {("openai", "needsApprovalFrom", "microsoft")}
    assert needs.candidates[0].stated_status == "announced"
    assert ended.candidates[0].stated_status == "ended"


def test_stake_invest_and_ended_stake(article_graph):
    ex = extract(
        "SoftBank sold its entire stake in Nvidia in October. Microsoft holds a 27% stake in OpenAI.",
        article_graph,
        published="2025-11-12",
    )
    by = {(c.actor.actor.label, c.counterparty.actor.label): c for c in ex.candidates}
    sold = by[("SoftBank Group", "Nvidia")]
    assert sold.rtype == "ownsStakeIn" and sold.stated_status == "ended"
    assert sold.dates["validUntil"].value == "2025-10"
    held = by[("Microsoft", "OpenAI")]
    assert (held.rtype, held.value.value, held.value.unit) == ("ownsStakeIn", 27, "percent")


def test_spacy_finds_a_new_organisation_in_french(article_graph):
    ok, status = ner.spacy_status()
    assert ok, status  # the README's test command installs aikg[extract]
    text = "OpenAI a signé avec CoreWeave un contrat de cloud de 11,9 milliards de dollars, a annoncé lundi la société."
    ex = extract(text, article_graph, published="2025-03-11")
    assert ner.SPACY_MODEL in ex.ner_status
    (c,) = ex.candidates
    assert (c.actor.actor.iri, c.rtype, c.counterparty.actor.label) == (A + "openai", "buysComputeFrom", "CoreWeave")
    assert c.counterparty.actor.new and c.counterparty.actor.found_by == "spacy"
    assert c.confidence == "low"
    assert text[c.counterparty.mention.start : c.counterparty.mention.end] == "CoreWeave"


def test_new_organisation_candidate_actor_validates(article_graph, tmp_path):
    text = "OpenAI a signé avec CoreWeave un contrat de cloud de 11,9 milliards de dollars."
    ex = extract(text, article_graph, published="2025-03-11")
    path = tmp_path / "cw.ttl"
    to_graph(ex).serialize(path, format="turtle")
    assert validate(load_graph(layers="article", data=[path])) == []


def test_without_spacy_the_extractor_still_works_and_says_so(article_graph, monkeypatch):
    def missing():
        raise ImportError("No module named 'spacy'")

    monkeypatch.setattr(ner, "_load_spacy", missing)
    text = "OpenAI a signé avec CoreWeave un contrat de cloud de 11,9 milliards de dollars."
    ex = extract(text, article_graph, published="2025-03-11")
    assert "spaCy French model unavailable" in ex.ner_status and "capitalised-name" in ex.ner_status
    assert rels(ex) == {("openai", "buysComputeFrom", "NEW:CoreWeave")}
    assert ex.candidates[0].counterparty.actor.found_by == "capitalised-name"


def test_no_ner_keeps_to_known_actors(article_graph):
    ex = extract(
        "OpenAI a signé avec CoreWeave un contrat de cloud.", article_graph, published="2025-03-11", use_ner=False
    )
    assert ex.candidates == [] and ex.ner_status.startswith("not run")


def test_graph_actors_from_data_files_are_known(tmp_path):
    extra = tmp_path / "coreweave.ttl"
    extra.write_text(
        "@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://example.org/coreweave> a aikg:CloudProvider ; rdfs:label "CoreWeave"@en .\n',
        encoding="utf-8",
    )
    graph = load_graph(layers="article", data=[extra])
    ex = extract("OpenAI will buy computing capacity from CoreWeave.", graph, published="2025-03-11")
    (c,) = ex.candidates
    assert c.counterparty.actor.iri == "https://example.org/coreweave" and c.confidence == "high"
