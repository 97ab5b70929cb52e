"""The seed article end to end: its ties, directions, values, dates and evidence offsets; the
Turtle validates; --compare marks the facts known, and a changed value as a conflict."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, XSD

from graph.core.vocab import ACTOR, AIKG
from graph.extract import extract
from graph.extract.compare import compare
from graph.extract.to_rdf import serialize, to_graph
from graph.store.memory import load_graph
from graph.validation.shacl import validate

from .conftest import ROOT

ARTICLE = ROOT / "data" / "article" / "000_789b65b4e7b126be.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")


def key(c):
    return (c.actor.actor.iri, c.rtype, c.counterparty.actor.iri)


@pytest.fixture(scope="module")
def seed(article_graph):
    return extract(TEXT, article_graph, published="2025-11-03", lang="auto")


def by_key(ex):
    return {key(c): c for c in ex.candidates}


A = str(ACTOR)
SEED_TIES = {
    (A + "openai", "buysComputeFrom", A + "aws"),  # A01
    (A + "aws", "subsidiaryOf", A + "amazon"),  # A02
    (A + "openai", "needsApprovalFrom", A + "microsoft"),  # A03
    (A + "openai", "partnersWith", A + "oracle"),  # A04
    (A + "openai", "partnersWith", A + "softbank"),  # A05
    (A + "openai", "partnersWith", A + "uae"),  # A06
    (A + "openai", "procuresChipsFrom", A + "nvidia"),  # A07
    (A + "openai", "procuresChipsFrom", A + "amd"),  # A08
    (A + "openai", "procuresChipsFrom", A + "broadcom"),  # A09
}


def test_language_is_detected_as_french(seed):
    assert seed.lang == "fr"


def test_every_tie_of_the_article_with_its_direction_and_nothing_else(seed):
    assert set(by_key(seed)) == SEED_TIES
    assert all(c.stated_status for c in seed.candidates)


def test_a01_values_dates_and_their_evidence(seed):
    a01 = by_key(seed)[(A + "openai", "buysComputeFrom", A + "aws")]
    assert (a01.value.value, a01.value.unit) == (Decimal(38 * 10**9), "USD")
    assert TEXT[a01.value.span.start : a01.value.span.end] == "38 milliards de dollars"
    assert a01.duration.value == "P7Y"
    assert TEXT[a01.duration.span.start : a01.duration.span.end] == "sur les sept prochaines années"
    announced = a01.dates["announced"]
    assert (announced.value, announced.precision, announced.rule) == ("2025-11-03", "day", "weekday-this-week")
    assert TEXT[announced.span.start : announced.span.end] == "ce lundi"
    assert a01.dates["validFrom"].value == "2025-11-03"
    assert TEXT[a01.dates["validFrom"].span.start : a01.dates["validFrom"].span.end] == "immédiatement"
    assert (a01.dates["fullCapacityBy"].value, a01.dates["expansionFrom"].value) == ("2026", "2027")
    # The fact's evidence is the two sentences the hand-modelled A01 quotes, offsets included.
    assert [(e.start, e.end) for e in a01.evidence] == [(0, 203), (385, 643)]
    for e in a01.evidence:
        assert TEXT[e.start : e.end] == e.quote
    assert "subsidiary" in " ".join(a01.notes)


def test_a03_ended_last_week(seed):
    a03 = by_key(seed)[(A + "openai", "needsApprovalFrom", A + "microsoft")]
    assert a03.stated_status == "ended"
    until = a03.dates["validUntil"]
    assert (until.value, until.precision, until.first, until.last) == ("2025-10-27", "week", "2025-10-27", "2025-11-02")
    assert TEXT[until.span.start : until.span.end] == "la semaine dernière"
    assert [(e.start, e.end) for e in a03.evidence] == [(644, 869)]
    # "lui" is resolved to OpenAI, and the quote of the actor side says so
    assert TEXT[a03.actor.mention.start : a03.actor.mention.end] == "lui"
    assert "OpenAI" in a03.actor.via


def test_the_list_gives_one_partnership_per_member_with_the_right_words(seed):
    for slug, words in (("oracle", "Oracle"), ("softbank", "SoftBank"), ("uae", "Émirats arabes unis")):
        c = by_key(seed)[(A + "openai", "partnersWith", A + slug)]
        assert TEXT[c.counterparty.mention.start : c.counterparty.mention.end] == words
        assert [(e.start, e.end) for e in c.evidence] == [(1298, 1448)]


def test_chip_ties_keep_the_recent_months_bound_and_no_date(seed):
    for slug in ("nvidia", "amd", "broadcom"):
        c = by_key(seed)[(A + "openai", "procuresChipsFrom", A + slug)]
        assert c.dates == {}
        assert [b.rule for b in c.bounds] == ["recent"]
        assert TEXT[c.bounds[0].span.start : c.bounds[0].span.end] == "ces derniers mois"


def test_the_trillion_commitment_is_no_tie(seed):
    # "investir plus de 1 trillion de dollars dans les technologies d'IA": no counterparty
    assert not any(c.rtype == "investsIn" for c in seed.candidates)
    amount = next(a for a in seed.amounts if "trillion" in a.span.quote)
    assert amount.value == 10**12 and amount.scale.reading == "10^12" and amount.lower_bound


def test_turtle_validates_when_loaded_with_data(seed, tmp_path):
    path = tmp_path / "seed-candidates.ttl"
    path.write_text(serialize(seed), encoding="utf-8")
    graph = load_graph(layers="article", data=[path])
    assert validate(graph) == []
    # Extracted relations never become direct edges.
    assert (ACTOR.openai, AIKG.buysComputeFrom, ACTOR.aws) not in load_graph(layers=[], data=[path])


def test_rdf_has_status_extracted_and_evidence_for_every_value(seed):
    g = to_graph(seed)
    rels = list(g.subjects(AIKG.status, Literal("extracted")))
    assert len(rels) == 9
    a01 = next(r for r in rels if g.value(r, AIKG.counterparty) == ACTOR.aws)
    assert g.value(a01, AIKG.value) == Literal("38000000000", datatype=XSD.decimal)
    assert g.value(a01, AIKG.duration) == Literal("P7Y", datatype=XSD.duration)
    assert g.value(a01, AIKG.announced) == Literal("2025-11-03", datatype=XSD.date)
    assert g.value(a01, AIKG.statedStatus) == Literal("announced")
    # every value and date has its own evidence node, naming the property it supports
    supported = {}
    for ev in list(g.objects(a01, AIKG.valueEvidence)) + list(g.objects(a01, AIKG.dateEvidence)):
        start, end = int(g.value(ev, AIKG.startOffset)), int(g.value(ev, AIKG.endOffset))
        assert TEXT[start:end] == str(g.value(ev, AIKG.quote))
        supported[g.value(ev, AIKG.evidenceFor)] = str(g.value(ev, AIKG.quote))
    assert supported[AIKG.value] == "38 milliards de dollars"
    assert supported[AIKG.duration] == "sur les sept prochaines années"
    assert supported[AIKG.announced] == "ce lundi"
    assert supported[AIKG.validFrom] == "immédiatement"
    assert supported[AIKG.actor] == "OpenAI, le créateur de ChatGPT" or supported[AIKG.actor] == "OpenAI"
    for ev in g.objects(a01, PROV.wasDerivedFrom):
        start, end = int(g.value(ev, AIKG.startOffset)), int(g.value(ev, AIKG.endOffset))
        assert TEXT[start:end] == str(g.value(ev, AIKG.quote))
    a03 = next(r for r in rels if g.value(r, AIKG.relationType) == AIKG.needsApprovalFrom)
    assert g.value(a03, AIKG.validUntil) == Literal("2025-10-27", datatype=XSD.date)
    assert "precision week" in str(g.value(a03, AIKG.dateRule))


def test_output_is_deterministic(article_graph):
    one = serialize(extract(TEXT, article_graph, published="2025-11-03"))
    two = serialize(extract(TEXT, article_graph, published="2025-11-03"))
    assert one == two


def test_compare_marks_the_article_facts_known(seed, article_graph):
    compare(seed, article_graph)
    a01 = by_key(seed)[(A + "openai", "buysComputeFrom", A + "aws")]
    assert a01.compare["status"] == "known"
    fact = a01.compare["facts"][0]
    assert fact["fact"] == "A01"
    assert {"value", "duration", "announced", "validFrom"} <= set(fact["agrees"])
    assert any(s.get("title", "").startswith("OpenAI, le créateur de ChatGPT") for s in fact["sources"])
    a03 = by_key(seed)[(A + "openai", "needsApprovalFrom", A + "microsoft")]
    assert a03.compare["status"] == "known"  # the week of 2025-10-27 holds 2025-10-28
    assert all(c.compare["status"] == "known" for c in seed.candidates)


def test_compare_flags_another_value_as_a_conflict(article_graph):
    changed = TEXT.replace("38 milliards de dollars", "40 milliards de dollars")
    ex = extract(changed, article_graph, published="2025-11-03")
    compare(ex, article_graph)
    a01 = by_key(ex)[(A + "openai", "buysComputeFrom", A + "aws")]
    assert a01.compare["status"] == "conflict"
    conflict = a01.compare["facts"][0]["conflicts"]
    assert conflict == [{"field": "value", "text": "40000000000 USD", "graph": "38000000000 USD"}]
    assert a01.compare["facts"][0]["fact"] == "A01"


def test_compare_flags_another_date_and_marks_unknown_ties_new(article_graph):
    text = (
        "OpenAI a annoncé lundi dernier un accord avec Amazon Web Services pour acheter des services de cloud. "
        "AMD a annoncé un partenariat avec Broadcom."
    )
    ex = extract(text, article_graph, published="2025-11-03")
    compare(ex, article_graph)
    got = {key(c): c.compare for c in ex.candidates}
    a01 = got[(A + "openai", "buysComputeFrom", A + "aws")]
    assert a01["status"] == "conflict" and a01["facts"][0]["fact"] == "A01"
    assert a01["facts"][0]["conflicts"] == [{"field": "announced", "text": "2025-10-27 (day)", "graph": "2025-11-03"}]
    assert got[(A + "amd", "partnersWith", A + "broadcom")]["status"] == "new"


def test_direction_conflict_is_reported(article_graph):
    ex = extract("AWS achètera des services de calcul à OpenAI.", article_graph, published="2025-11-03")
    compare(ex, article_graph)
    (c,) = ex.candidates
    assert key(c) == (A + "aws", "buysComputeFrom", A + "openai")
    assert c.compare["status"] == "conflict"
    assert c.compare["facts"][0]["conflicts"][0]["field"] == "direction"


def test_a_known_actor_graph_without_the_article_layer_still_finds_the_ties(tmp_path):
    graph = load_graph(layers=[])
    ex = extract(TEXT, graph, published="2025-11-03")
    assert {key(c) for c in ex.candidates} == SEED_TIES
    # the source node is minted from the text; the URL convention is used when a URL is given
    g = to_graph(extract(TEXT, graph, published="2025-11-03", url="https://example.org/a"))
    assert (
        any(str(s).startswith("https://w3id.org/ai-infra-kg/id/source/url-") for s in g.subjects(AIKG.inSource, None)) is False
    )
    assert any(str(o).startswith("https://w3id.org/ai-infra-kg/id/source/url-") for o in g.objects(None, AIKG.inSource))
    assert URIRef("https://w3id.org/ai-infra-kg/id/source/url-") not in set(g.subjects())


def test_offsets_hold_with_crlf_line_ends_and_a_byte_order_mark(article_graph, tmp_path):
    from graph.extract import read_text

    path = tmp_path / "crlf.txt"
    path.write_bytes(("\ufeff" + TEXT.replace("\n", "\r\n")).encode("utf-8"))
    text = read_text(path)
    ex = extract(text, article_graph, published="2025-11-03", use_ner=False)
    assert {key(c) for c in ex.candidates} == SEED_TIES
    for c in ex.candidates:
        for span in [*c.evidence, c.actor.mention, c.counterparty.mention]:
            assert text[span.start : span.end] == span.quote
    a01 = by_key(ex)[(A + "openai", "buysComputeFrom", A + "aws")]
    assert a01.evidence[0].start == 1  # after the byte-order mark
    assert text[a01.value.span.start : a01.value.span.end] == "38 milliards de dollars"
