"""Words the extractor reads meaning from: descriptions by class, unnamed parties, deal verbs.

Epithets that name one actor ("the Claude developer", "le géant de Seattle") are data: the actor
registry's ``skos:hiddenLabel`` (see :mod:`graph.extract.gazetteer`). What is here names no actor:

- descriptions by class ("le fabricant de puces", "the cloud provider"): they refer to the latest
  actor of that class named before them (:data:`CLASS_DESCRIPTIONS`);
- indefinite descriptions of a party the text identifies later ("a frontier AI model developer ...
  Bloomberg identified the customer as Anthropic") (:data:`UNNAMED`, :data:`IDENTIFIED`);
- the French deal verbs and nouns the dependency reader knows, by relation type
  (:data:`FR_VERBS`), and the nouns that say whether a deal is about chips or compute.

All patterns run on folded text (lower case, no accents; see :func:`graph.extract.text.fold`).
"""

from __future__ import annotations

import re

#: Where a company is based, before an English description ("the Amsterdam-based cloud provider", "the
#: Santa Clara-based chipmaker", "the British cloud provider").
_WHERE = (
    r"(?:[a-z]+ )?[a-z]+-based |(?:american|u\.?s\.?|british|dutch|french|german|japanese|chinese|korean|"
    r"south korean|taiwanese|israeli|emirati|norwegian|european|texas|california) "
)

#: Class local name -> folded descriptions that refer to an actor of that class.
CLASS_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "Chipmaker": (
        r"(?:le |du |au |l')?(?:fabricant|concepteur|specialiste|geant|champion|fournisseur) (?:americain )?"
        r"(?:de |des |d')"
        r"(?:puces|semi-conducteurs|processeurs(?: graphiques)?|cartes graphiques|gpu)",
        r"(?:le |du |au )fondeur",
        r"(?:the )?(?:{WHERE})?chip ?(?:maker|designer|giant|company|firm|supplier|vendor)",
        r"(?:the )?(?:semiconductor|gpu|graphics chip|processor) (?:maker|company|group|giant|firm|designer)",
    ),
    "CloudProvider": (
        r"(?:le |du |au )(?:fournisseur|specialiste|geant|prestataire|operateur) (?:de |du |des |d')(?:services )?"
        r"(?:cloud|informatique en nuage|calcul|centres de donnees)(?: ia| d'ia| pour l'ia)?",
        r"(?:le |du |au )neo-?cloud",
        r"(?:the )?(?:{WHERE})?(?:ai |gpu )?cloud (?:provider|company|firm|group|operator|giant|computing company|"
        r"services provider|"
        r"computing provider|specialist)",
        r"(?:the )?neo-?cloud(?: provider| company)?",
        r"(?:the )?data[- ]cent(?:er|re) operator",
    ),
    "AILab": (
        r"(?:le |du |au )laboratoire(?: d'ia| d'intelligence artificielle)?",
        r"(?:the )?(?:ai )?lab",
        r"(?:the )?(?:ai|model) (?:developer|company|firm|startup|start-up)",
    ),
    "Investor": (r"(?:l'|the )investisseur", r"(?:the )?investor", r"(?:le |du |au )fonds d'investissement"),
    "Conglomerate": (r"(?:le |du |au )conglomerat", r"(?:the )?conglomerate"),
    "EnergyCompany": (r"(?:the )?energy (?:company|group|developer)", r"(?:le |du |au )groupe energetique"),
    "DataCenterDeveloper": (
        r"(?:the )?data[- ]cent(?:er|re) developer",
        r"(?:le |du |au )(?:developpeur|promoteur|constructeur) de centres de donnees",
    ),
}


def _class_regex() -> re.Pattern[str]:
    parts = []
    for cls, phrases in CLASS_DESCRIPTIONS.items():
        parts.append(rf"(?P<{cls}>" + "|".join(p.replace("{WHERE}", _WHERE) for p in phrases) + ")")
    return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w-])")


#: One pattern for every class description; the group that matched names the class.
CLASS_DESCRIPTION = _class_regex()

#: An indefinite description of a party the text does not name at first.
UNNAMED = re.compile(
    r"\b(?:a|an|un|une)\s(?:[a-z'-]{1,20}\s){0,5}?(?:developer|customer|client|buyer|tenant|provider|company|lab|"
    r"developpeur|concepteur|fournisseur|acheteur|laboratoire|entreprise|societe|start-?up)"
    r"(?:\s(?:de|d')\s?(?:[a-z'-]{1,20}\s?){1,5}?(?:ia|ai|pointe|modeles|cloud|calcul))?(?![\w-])"
)

#: Words just before a mention that identify an earlier unnamed party as that actor.
IDENTIFIED = re.compile(
    r"(?:identif(?:ied|ies|y)|named|names|revealed|confirmed) (?:the|this|that|its|the unnamed) "
    r"(?:customer|client|buyer|"
    r"tenant|company|developer|partner|provider|lab|counterparty) as\s?$"
    r"|the (?:customer|client|buyer|tenant|counterparty) (?:is|was|is said to be|was identified as)\s?$"
    r"|(?:ce|le|cet|cette) (?:client|acheteur|partenaire|developpeur|laboratoire|locataire|societe|entreprise|"
    r"mysterieux "
    r"client) (?:est|serait|etait|n'est autre que|s'appelle)\s?$"
    r"|il s'agi(?:t|rait) d[e']\s?$"
)

# ---- French dependency reading ------------------------------------------------------------------

BUY = "buysComputeFrom"
PARTNER = "partnersWith"
PROCURE = "procuresChipsFrom"
SUPPLY = "suppliesChipsTo"
INVEST = "investsIn"
STAKE = "ownsStakeIn"

#: Nouns (lemmas, folded) that make the thing traded chips, or compute.
CHIP_NOUNS = frozenset(
    "puce puces processeur processeurs gpu accelerateur accelerateurs semi-conducteur semi-conducteurs memoire "
    "memoires tpu tpus systeme systemes carte cartes superpuce superpuces composant composants".split()
)
COMPUTE_NOUNS = frozenset(
    "capacite capacites calcul cloud nuage puissance service services serveur serveurs infrastructure "
    "infrastructures centre centres".split()
)
MONEY_NOUNS = frozenset("milliard milliards million millions dollar dollars euro euros".split())
SHARE_NOUNS = frozenset("action actions participation participations part parts titre titres".split())
PARTNER_NOUNS = frozenset("partenariat partenariats alliance alliances collaboration collaborations".split())
DEAL_NOUNS = frozenset(
    "accord accords contrat contrats entente ententes engagement engagements commande commandes projet projets "
    "lettre protocole".split()
)
SUPPLIER_NOUNS = frozenset("fournisseur fournisseurs prestataire prestataires".split())
#: Nouns of a licence: acquiring a licence on another's technology is a partnership, not a purchase.
LICENCE_NOUNS = frozenset("licence licences license licenses".split())
#: Nouns of a place: operating another's site is a partnership, not a purchase of its compute.
SITE_NOUNS = frozenset("site sites campus centre centres".split())

#: Verbs (lemma) whose clause says the tie ended, stopped or was given up.
ENDING_VERBS = frozenset(
    "renoncer abandonner suspendre annuler cesser stopper interrompre geler arreter resilier".split()
)

#: French deal verbs: lemma -> the frames it can fill. A frame is (kind, subject role, argument
#: prepositions). ``kind`` says which relation: "invest" (the subject invests in the argument),
#: "raise" (the argument invests in the subject), "hold" (the subject holds a stake in the
#: argument), "buy" (the subject buys compute or chips from the argument: which one comes from
#: the object's nouns and the seller's class), "pay" (a purchase from the argument, only when the
#: clause names compute or chips), "sell" (the subject sells compute or chips to the
#: argument), "partner" (symmetric), "deal" (a contract with the argument: compute by convention
#: when the clause speaks of compute). The argument is the mention governed by one of the
#: prepositions (``""`` for the direct object, ``"iobj"`` for an indirect pronoun such as «lui»).
FR_VERBS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "investir": (("invest", ("dans", "au capital de", "en", "")),),
    "injecter": (("invest", ("dans", "au capital de")),),
    "reinvestir": (("invest", ("dans",)),),
    "placer": (("invest", ("dans",)),),
    "verser": (("invest", ("a", "iobj")),),
    "preter": (("invest", ("a", "iobj")),),
    "avancer": (("invest", ("a", "iobj")),),
    "rejoindre": (("partner", ("",)),),
    "racheter": (("acquire", ("",)),),
    "apporter": (("invest", ("a", "dans")),),
    "souscrire": (("invest", ("de", "a")),),
    "lever": (("raise", ("aupres de", "de la part de", "de")),),
    "recevoir": (("raise", ("de", "de la part de")), ("hold", ("de", ""))),
    "obtenir": (("raise", ("de", "de la part de", "aupres de")),),
    "detenir": (("hold", ("de", "dans", "au capital de", "")),),
    "posseder": (("hold", ("de", "dans", "")),),
    "acheter": (("buy", ("a", "iobj", "aupres de", "chez", "de", "")),),
    "acquerir": (("acquire", ("",)), ("buy", ("a", "aupres de", "chez", "de"))),
    "louer": (("buy", ("a", "iobj", "aupres de", "chez", "de", "")),),
    "utiliser": (("buy", ("de", "chez", "")),),
    "exploiter": (("buy", ("de", "chez")),),
    "reserver": (("buy", ("a", "iobj", "aupres de", "chez", "de")),),
    "consommer": (("buy", ("de", "chez")),),
    "payer": (("pay", ("a", "iobj")),),
    "depenser": (("buy", ("aupres de", "chez", "en", "pour", "dans")),),
    "commander": (("buy", ("a", "iobj", "aupres de", "de", "")),),
    "deployer": (("buy", ("de", "")),),
    "recourir": (("buy", ("a",)),),
    "acces": (("buy", ("par l'intermediaire de", "aupres de", "chez", "via")),),
    "ajouter": (("supplier-added", ("",)),),
    "fournir": (("sell", ("a", "iobj")),),
    "livrer": (("sell", ("a", "iobj")),),
    "vendre": (("sell", ("a", "iobj")),),
    "allouer": (("sell", ("a", "iobj")),),
    "approvisionner": (("sell", ("",)),),
    "equiper": (("sell", ("",)),),
    "signer": (("deal", ("avec",)),),
    "etendre": (("deal", ("avec",)),),
    "elargir": (("deal", ("avec",)),),
    "prolonger": (("deal", ("avec",)),),
    "renouveler": (("deal", ("avec",)),),
    "conclure": (("deal", ("avec",)),),
    "nouer": (("deal", ("avec",)),),
    "negocier": (("deal", ("avec",)),),
    "passer": (("deal", ("avec",)),),
    "sceller": (("deal", ("avec",)),),
    "associer": (("partner", ("a", "avec")),),
    "allier": (("partner", ("a", "avec")),),
    "collaborer": (("partner", ("avec",)),),
    "cooperer": (("partner", ("avec",)),),
    "developper": (("partner", ("avec",)),),
    "construire": (("partner", ("avec", "pour")),),
    "batir": (("partner", ("avec", "pour")),),
    "suspendre": (("deal", ("avec",)),),
    "abandonner": (("deal", ("avec",)),),
    "annuler": (("deal", ("avec",)),),
    "geler": (("deal", ("avec",)),),
}

#: Verbs that pass their subject to the verb they govern ("prévoit d'investir", "s'engage à
#: dépenser", "a commencé à louer", "va investir" is an auxiliary in the parse already).
CONTROL_VERBS = frozenset(
    "prevoir envisager compter vouloir devoir pouvoir accepter commencer continuer s'engager engager decider "
    "promettre chercher esperer souhaiter choisir renoncer abandonner cesser projeter aller".split()
)
