"""Every fact the brief lists for the seed article is in the graph, with its source and an
evidence span whose offsets point at the quoted words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.core import resources
from graph.core.vocab import ACTOR, AIKG, EVENT, RELATION, SOURCE, WD

ARTICLE = SOURCE["article-000_789b65b4e7b126be"]
ARTICLE_TEXT = (resources.data_dir() / "article" / "000_789b65b4e7b126be.txt").read_text(encoding="utf-8")


def relation(g, actor, rtype, counterparty):
    found = [
        r
        for r in g.subjects(AIKG.actor, ACTOR[actor])
        if (r, AIKG.relationType, rtype) in g and (r, AIKG.counterparty, ACTOR[counterparty]) in g
    ]
    assert len(found) == 1, (actor, rtype, counterparty, found)
    return found[0]


def evidence_quotes(g, node):
    quotes = []
    for ev in g.objects(node, PROV.wasDerivedFrom):
        assert (ev, AIKG.inSource, ARTICLE) in g
        quotes.append(str(g.value(ev, AIKG.quote)))
    return quotes


def test_article_is_a_source_with_title_language_and_date(article_graph):
    g = article_graph
    assert (ARTICLE, RDF.type, AIKG.Source) in g
    assert g.value(ARTICLE, DCTERMS.language) == Literal("fr")
    assert g.value(ARTICLE, DCTERMS.issued) == Literal("2025-11-03", datatype=XSD.date)
    assert str(g.value(ARTICLE, DCTERMS.title)).startswith("OpenAI, le créateur de ChatGPT")
    assert g.value(ARTICLE, AIKG.textFile) == Literal("article/000_789b65b4e7b126be.txt")


def test_every_evidence_span_matches_the_shipped_text(article_graph):
    g = article_graph
    spans = list(g.subjects(AIKG.inSource, ARTICLE))
    assert len(spans) >= 7
    for ev in spans:
        start = int(g.value(ev, AIKG.startOffset))
        end = int(g.value(ev, AIKG.endOffset))
        assert ARTICLE_TEXT[start:end] == str(g.value(ev, AIKG.quote)), ev


def test_fact1_openai_buys_compute_from_aws(article_graph):
    g = article_graph
    r = relation(g, "openai", AIKG.buysComputeFrom, "aws")
    assert g.value(r, AIKG.value).toPython() == Decimal("38000000000")
    assert g.value(r, AIKG.unit) == Literal("USD")
    assert g.value(r, AIKG.duration) == Literal("P7Y", datatype=XSD.duration)
    assert g.value(r, AIKG.announced) == Literal("2025-11-03", datatype=XSD.date)
    assert g.value(r, AIKG.validFrom) == Literal("2025-11-03", datatype=XSD.date)
    assert g.value(r, AIKG.fullCapacityBy) == Literal("2026", datatype=XSD.gYear)
    assert g.value(r, AIKG.expansionFrom) == Literal("2027", datatype=XSD.gYear)
    assert g.value(r, AIKG.validUntil) is None
    assert any("agentic" in str(p) for p in g.objects(r, AIKG.purpose))
    quotes = " ".join(evidence_quotes(g, r))
    assert "38 milliards de dollars" in quotes and "sept prochaines années" in quotes
    assert "ce lundi" in quotes and "Amazon Web Services (AWS)" in quotes
    assert "ce lundi" in str(g.value(r, AIKG.dateRule))


def test_fact2_aws_belongs_to_amazon(article_graph):
    g = article_graph
    r = relation(g, "aws", AIKG.subsidiaryOf, "amazon")
    assert evidence_quotes(g, r)
    assert g.value(r, AIKG.announced) is None and g.value(r, AIKG.validFrom) is None


def test_fact3_approval_ends_at_the_restructuring(article_graph):
    g = article_graph
    r = relation(g, "openai", AIKG.needsApprovalFrom, "microsoft")
    event = EVENT["openai-restructuring-2025"]
    assert g.value(r, AIKG.validUntil) == Literal("2025-10-28", datatype=XSD.date)
    assert g.value(r, AIKG.endedBy) == event
    assert g.value(r, AIKG.status) == Literal("ended")
    assert g.value(r, AIKG.validFrom) is None  # the article gives no start
    assert "la semaine dernière" in evidence_quotes(g, r)[0]
    assert (event, RDF.type, URIRef("http://www.w3.org/ns/org#ChangeEvent")) in g
    assert g.value(event, PROV.startedAtTime) == Literal("2025-10-28", datatype=XSD.date)
    assert "la semaine dernière" in str(g.value(event, AIKG.dateRule))


@pytest.mark.parametrize("partner", ["oracle", "softbank", "uae"])
def test_fact4_data_center_partners(article_graph, partner):
    g = article_graph
    r = relation(g, "openai", AIKG.partnersWith, partner)
    assert "centres de données" in evidence_quotes(g, r)[0]
    assert g.value(r, AIKG.value) is None and g.value(r, AIKG.announced) is None


@pytest.mark.parametrize("chipmaker", ["nvidia", "amd", "broadcom"])
def test_fact5_chip_agreements(article_graph, chipmaker):
    g = article_graph
    r = relation(g, "openai", AIKG.procuresChipsFrom, chipmaker)
    assert "ces derniers mois" in evidence_quotes(g, r)[0]
    assert g.value(r, AIKG.announced) is None  # "in recent months": no date stated
    # derived inverse direct triple
    assert (ACTOR[chipmaker], AIKG.suppliesChipsTo, ACTOR.openai) in g


def test_fact6_trillion_plan_is_a_commitment_not_a_tie(article_graph):
    g = article_graph
    (c,) = list(g.subjects(RDF.type, AIKG.Commitment))
    assert g.value(c, AIKG.actor) == ACTOR.openai
    assert g.value(c, AIKG.value).toPython() == Decimal("1000000000000")
    assert g.value(c, AIKG.valueIsLowerBound).toPython() is True
    assert g.value(c, AIKG.duration) == Literal("P10Y", datatype=XSD.duration)
    assert g.value(c, AIKG.counterparty) is None
    assert "plus de 1 trillion" in evidence_quotes(g, c)[0]


def test_fact7_bubble_concern_is_a_claim_of_analysts(article_graph):
    g = article_graph
    (k,) = list(g.subjects(AIKG.factId, Literal("K01")))
    assert Literal("certains analystes", lang="fr") in set(g.objects(k, AIKG.claimedBy))
    assert any("bulle" in q for q in evidence_quotes(g, k))


def test_the_author_s_own_bubble_remark_is_not_the_analysts(article_graph):
    # issue 19's audit: the sentence at 1088-1226 is the author's voice, before any analyst is named
    g = article_graph
    (k01,) = list(g.subjects(AIKG.factId, Literal("K01")))
    (k02,) = list(g.subjects(AIKG.factId, Literal("K02")))
    offsets = {
        k: {
            (int(g.value(ev, AIKG.startOffset)), int(g.value(ev, AIKG.endOffset)))
            for ev in g.objects(k, PROV.wasDerivedFrom)
        }
        for k in (k01, k02)
    }
    assert (1088, 1226) not in offsets[k01] and offsets[k02] == {(1088, 1226)}
    assert Literal("the article's author", lang="en") in set(g.objects(k02, AIKG.claimedBy))
    assert not {str(c) for c in g.objects(k02, AIKG.claimedBy)} & {"certains analystes", "some analysts"}


def test_signed_chip_agreements_are_a_disputed_claim_not_an_edit(article_graph):
    g = article_graph
    # the article's side, in its words, with its span; A07-A09 keep their status
    (claim,) = list(g.subjects(AIKG.factId, Literal("DA01-1")))
    assert (claim, RDF.type, AIKG.DisputedClaim) in g
    assert str(g.value(claim, AIKG.claimedValue)) == "signed"
    assert {str(g.value(r, AIKG.factId)) for r in g.objects(claim, AIKG.about)} == {"A07", "A08", "A09"}
    assert any("a signé des accords" in q for q in evidence_quotes(g, claim))
    for fact in ("A07", "A08", "A09"):
        (rel,) = list(g.subjects(AIKG.factId, Literal(fact)))
        assert str(g.value(rel, AIKG.status)) == "announced"
    (nvidia,) = list(g.subjects(AIKG.factId, Literal("DA01-2")))
    assert str(g.value(nvidia, AIKG.claimedValue)) == "letter-of-intent"


@pytest.mark.parametrize(
    ("actor", "qid"),
    [
        ("openai", "Q21708200"),
        ("microsoft", "Q2283"),
        ("amazon", "Q3884"),
        ("aws", "Q456157"),
        ("oracle", "Q19900"),
        ("softbank", "Q201653"),
        ("uae", "Q878"),
        ("nvidia", "Q182477"),
        ("amd", "Q128896"),
    ],
)
def test_actors_carry_wikidata_ids(article_graph, actor, qid):
    assert (ACTOR[actor], OWL.sameAs, WD[qid]) in article_graph


def test_broadcom_has_no_unverified_wikidata_id(article_graph):
    assert article_graph.value(ACTOR.broadcom, OWL.sameAs) is None


def test_labels_and_aliases(article_graph):
    g = article_graph
    assert Literal("Émirats arabes unis", lang="fr") in set(g.objects(ACTOR.uae, RDFS.label))
    assert Literal("United Arab Emirates", lang="en") in set(g.objects(ACTOR.uae, RDFS.label))
    assert "AWS" in {str(a) for a in g.objects(ACTOR.aws, SKOS.altLabel)}


def test_derived_direct_triples_only_for_relations_in_force(article_graph):
    g = article_graph
    assert (ACTOR.openai, AIKG.buysComputeFrom, ACTOR.aws) in g
    assert (ACTOR.oracle, AIKG.partnersWith, ACTOR.openai) in g  # symmetric
    assert (ACTOR.openai, AIKG.needsApprovalFrom, ACTOR.microsoft) not in g  # ended


def test_every_relation_has_a_fact_id_and_source(article_graph):
    g = article_graph
    rels = sorted(g.subjects(RDF.type, AIKG.Relation))
    assert [str(g.value(r, AIKG.factId)) for r in rels] == [f"A0{i}" for i in range(1, 10)]
    assert all(str(r).startswith(str(RELATION)) for r in rels)
    assert all(g.value(r, PROV.wasDerivedFrom) is not None for r in rels)
