"""The relation patterns, French and English, over a clause whose actor mentions are masked.

A clause is folded (lower case, no accents) and each actor mention replaced by a token
``\\ue001N\\ue000`` (written ``{E}`` below). A pattern names its arguments by role, so the
direction comes from the sentence: ``a`` is the relation's subject side (the buyer, the
investor, the one who needs approval, the chip supplier of ``suppliesChipsTo``), ``c`` the
counterparty, ``pair`` both sides of a symmetric tie. A role the pattern leaves out is the
clause's grammatical subject: the nearest actor before the trigger that no preposition governs
("OpenAI a conclu un accord avec Amazon" puts OpenAI in ``a`` and Amazon, after "avec", in ``c``).
Each argument may be a list ("Oracle, SoftBank et les Émirats arabes unis"): one relation per
member.

``default`` patterns take a direction by convention rather than from a preposition ("X signs a
cloud deal with Y": X is taken as the customer); their candidates are never high confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

E = "\ue001\\d+\ue000"
DET = r"(?:(?:les|la|le|l'|the)\s*)?"
_CONJ = r"(?:et|and|ainsi que|as well as|&|ou|or)"
#: A list of actors: "A et B", "A, B et C", "A, B, and C". "A, and B" is no list but two
#: coordinated clauses ("Intel will supply CPUs to Nvidia, and the chipmaker will invest").
#: "A, the B company" is an apposition, no list: a member after a comma takes no "the".
_DET_LISTED = r"(?:(?:les|la|le|l')\s*)?"
LIST = rf"{E}(?:(?:\s*,\s*{_DET_LISTED}{E})+(?:\s*,?\s*{_CONJ}\s+{DET}{E})?|\s+{_CONJ}\s+{DET}{E})?"


def _gap(n: int) -> str:
    return rf"(?:[^\ue001.;]|(?<=\d)\.(?=\d)){{0,{n}}}?"


_SUBST = {
    "{A}": rf"(?P<a>{LIST})",
    "{C}": rf"(?P<c>{LIST})",
    "{P}": rf"(?P<pair>{LIST})",
    "{DET}": DET,
    "{g}": _gap(40),
    "{g12}": _gap(12),
    "{g20}": _gap(20),
    "{g25}": _gap(25),
    "{g30}": _gap(30),
    "{g40}": _gap(40),
    "{g60}": _gap(60),
    "{g80}": _gap(80),
}

# Word classes (folded text).
W = {
    "COMPUTE_FR": r"(?:(?:services?|capacites?|puissance|ressources?|infrastructures?|serveurs?)\s+(?:de\s+|d')?"
    r"(?:cloud(?: computing)?|calcul|informatiques?|nuage|intelligence artificielle|ia)|(?:le |du )?cloud)",
    "BUY_FR": r"(?:achet\w*|acquer\w*|acquier\w*|acquis\w*|lou(?:er|e|ent|era|erait|eront|eraient)|utilis\w*|"
    r"exploit\w*|recour\w*|se procur\w*|obten\w*|obtien\w*|reserv\w*|consomm\w*|depens\w*|s'approvisionn\w*)",
    "SELL_FR": r"(?:fourni\w*|vend(?:re|ra|rait|ront|raient|ent|u)?|livr\w*|mett\w* a (?:la )?disposition|allou\w*)",
    "DEAL_FR": r"(?:accords?|contrats?|ententes?|partenariats?|engagements?|commandes?|protocoles? d'accord|"
    r"lettres? d'intention|discussions|negociations|pourparlers)",
    "CHIP_FR": r"(?:puces?|processeurs?(?: graphiques)?|accelerateurs?|gpu|cartes graphiques|semi-?conducteurs|"
    r"memoires?|tpu|composants)",
    "COMPUTE_EN": r"(?:cloud (?:computing |compute )?(?:services|capacity|infrastructure|resources)|cloud|"
    r"compute(?: capacity| power| resources)?|computing (?:power|capacity|resources|services|infrastructure)|"
    r"(?:ai |gpu |data[- ]center |server )?capacity|ai infrastructure|(?:gpu|ai) servers|servers|"
    r"megawatts?|gigawatts?|\d\s?(?:mw|gw))",
    "BUY_EN": r"(?:buy|buys|bought|buying|purchase[sd]?|purchasing|rent|rents|rented|renting|lease[sd]?|leasing|"
    r"use|uses|used|using|access|accessing|tap|taps|tapping|procure[sd]?|procuring|spend|spends|spending|spent|"
    r"acquire[sd]?|acquiring|consume[sd]?|offtake of|take[sd]? up)",
    "SELL_EN": r"(?:provide[sd]?|providing|supply|supplies|supplied|supplying|sell|sells|sold|selling|"
    r"deliver[sd]?|delivering|offer[sd]?|offering|rent out|rents out)",
    "DEAL_EN": r"(?:deals?|agreements?|contracts?|pacts?|partnerships?|arrangements?|commitments?|orders?|"
    r"letters? of intent|memorandums? of understanding|mous?|tie-ups?)",
    "CHIP_EN": r"(?:chips?|gpus?|processors?|accelerators?|semiconductors?|tpus?|cpus?|memory|hbm|silicon|"
    r"tensor processing units?|graphics processing units?)",
    "SIGN_EN": r"(?:signed|signs|sign|struck|strikes|strike|inked|inks|agreed|agrees|reached|reaches|announced|"
    r"announces|unveiled|unveils|sealed|seals|clinched|clinches|entered into|enters into|finalized|finalised|"
    r"expanded|expands|expanding|extending|renewing|signing|striking|won|wins|landed|lands|secured|secures|amended|amends|revised|revises|renewed|renews|"
    r"extended|extends|updated|updates|reworked|reworks|restructured|restructures|renegotiated|renegotiates)",
}
W["CHIP_NAMED_FR"] = W["CHIP_FR"][:-1] + r"|systemes|serveurs|baies|supercalculateurs|plateformes)"
W["CHIP_NAMED_EN"] = W["CHIP_EN"][:-1] + r"|systems|servers|racks|supercomputers|superchips|platforms)"
W["COMPUTE_CONTEXT"] = r"(?:cloud|calcul|compute|computing|capacit|centres? de donnees|data cent|gpu|infrastructure)"
W["CHIPMAKER_FR"] = rf"(?:fabricants?|concepteurs?|fournisseurs?|producteurs?|fondeurs?) (?:de |d'){W['CHIP_FR']}"
W["CHIPMAKER_EN"] = (
    r"(?:chip ?makers?|chip (?:designers?|suppliers?|companies|firms|vendors?)|"
    r"(?:gpu|semiconductor|processor|memory) (?:makers?|suppliers?|companies|vendors?))"
)
W["CHIP_BUY_EN"] = (
    r"(?:buy|buys|bought|buying|purchase[sd]?|order(?:s|ed)?|procure[sd]?|acquire[sd]?|deploy(?:s|ed|ing)?|"
    r"use[sd]?|using|rent(?:s|ed|ing)?|leas(?:e|es|ed|ing)|receive[sd]?|offtake of|gigawatts? of|gw of|"
    r"megawatts? of|mw of)"
)
W["CHIP_BUY_FR"] = (
    r"(?:achet\w*|acquer\w*|acquier\w*|command\w*|se procur\w*|deploi\w*|deploy\w*|utilis\w*|lou(?:er|era|erait)|"
    r"recev\w*|recoi\w*|obten\w*|obtien\w*|gigawatts? de|gw de|megawatts? de|mw de)"
)
_PREP_OF = r"(?:\bd'|\bde\s+|\bdu\s+|\baupres\s+d(?:e\s+|')|\bchez\s+)"
_PREP_OF_A = _PREP_OF.replace(r"|\bchez\s+", r"|\bchez\s+|\ba\s+")  # "acheter X à Y": from Y
_SUCH_FR = r"(?:tels?\s+qu[e']\s*|telles?\s+qu[e']\s*|comme\s+|dont\s+|notamment\s+|parmi lesquels\s+|,\s*|:\s*)"
_SUCH_EN = r"(?:such as\s+|like\s+|including\s+|namely\s+|,\s*|:\s*)"


@dataclass(frozen=True)
class Pattern:
    name: str
    lang: str
    rtype: str
    regex: re.Pattern[str]
    direction: str  # the direction rule in words
    default: bool = False
    needs: re.Pattern[str] | None = None  # the clause must also match this


def _p(
    name: str, lang: str, rtype: str, text: str, direction: str, default: bool = False, needs: str | None = None
) -> Pattern:
    for key, value in W.items():
        text = text.replace("{" + key + "}", value)
    for key, value in _SUBST.items():
        text = text.replace(key, value)
    if re.search(r"\{[A-Za-z]", text):
        raise ValueError(f"pattern {name}: unknown placeholder in {text!r}")
    need = None
    if needs:
        for key, value in W.items():
            needs = needs.replace("{" + key + "}", value)
        need = re.compile(needs)
    return Pattern(name, lang, rtype, re.compile(text), direction, default, need)


BUY = "buysComputeFrom"
PARTNER = "partnersWith"
APPROVAL = "needsApprovalFrom"
PROCURE = "procuresChipsFrom"
SUPPLY = "suppliesChipsTo"
INVEST = "investsIn"
STAKE = "ownsStakeIn"
SUB = "subsidiaryOf"

PATTERNS: list[Pattern] = [
    # ---- buys compute from --------------------------------------------------------------
    _p("fr-deal-with-to-buy-compute", "fr", BUY,
       r"\b{DEAL_FR}\b{g60}\b(?:avec|aupres d(?:e\s+|'))\s*{DET}{C}{g60}\b(?:pour|afin d[e']|visant a)\s*{g20}"
       r"\b{BUY_FR}\b{g30}{COMPUTE_FR}",
       "«accord avec Y pour acquérir du calcul»: the subject buys, Y (after «avec») sells"),
    _p("fr-buy-compute-from", "fr", BUY,
       r"\b{BUY_FR}\b{g30}{COMPUTE_FR}{g25}" + _PREP_OF_A
       + r"(?:la\s+|l')?(?:societe\s+|groupe\s+|filiale\s+)?{C}",
       "«acheter/utiliser les services de calcul de Y»: the subject buys from Y"),
    _p("fr-buy-from-compute", "fr", BUY,
       r"\b{BUY_FR}\s+(?:[a-z]+\s+)?(?:a|aupres d(?:e\s+|'))\s*{DET}{C}{g60}{COMPUTE_FR}",
       "«acheter à Y de la capacité de calcul»: the subject buys from Y"),
    _p("fr-buy-compute-named", "fr", BUY,
       r"\b{BUY_FR}\b{g60}{COMPUTE_FR}\s+{C}",
       "«acheter des services cloud Y»: the subject buys Y's compute"),
    _p("fr-deal-with-for-compute", "fr", BUY,
       r"\b{DEAL_FR}\b{g30}\bavec\s+{DET}{C}{g30}\b(?:portant sur|pour|visant|afin d'obtenir)\b(?:[^.;]|"
       r"(?<=\d)\.(?=\d)){0,60}?{COMPUTE_FR}",
       "«un contrat avec Y portant sur de la capacité de calcul»: the subject buys from Y"),
    _p("fr-signed-with-deal", "fr", BUY,
       r"{A}{g40}\b(?:a signe|signe|a conclu|conclut|a noue|noue|a passe|passe|negoci\w*|a etendu|etend\w*|"
       r"a elargi|elargi\w*|a prolonge|prolong\w*|a renouvele|renouvel\w*)\s+avec\s+{DET}{C}{g40}\b{DEAL_FR}",
       "«X a signé avec Y un contrat» in a clause about cloud or compute: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-signed-deal-with", "fr", BUY,
       r"{A}{g40}\b(?:a signe|signe|a conclu|conclut|a noue|noue|a passe|passe|negoci\w*|a etendu|etend\w*|"
       r"a elargi|elargi\w*|a prolonge|prolong\w*|a renouvele|renouvel\w*)\b{g30}\b{DEAL_FR}\b{g60}"
       r"\bavec\s+{DET}{C}",
       "«X a signé un contrat avec Y» in a clause about cloud or compute: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-supplier-gives-compute", "fr", BUY,
       r"{C}{g}\b{SELL_FR}\b{g40}{COMPUTE_FR}{g40}\b(?:a|au|aux)\s+{DET}{A}",
       "«Y fournira de la capacité de calcul à X»: X (after «à») buys from the subject Y"),
    _p("fr-supplier-gives-to-compute", "fr", BUY,
       r"{C}{g}\b{SELL_FR}\s+(?:a|au|aux)\s+{DET}{A}{g40}{COMPUTE_FR}",
       "«Y fournira à X de la capacité de calcul»: X buys from the subject Y"),
    _p("fr-client-of", "fr", BUY,
       r"{A}{g30}\b(?:devient|sera|est|deviendra|est desormais)\s+(?:un\s+|le\s+|l')?(?:[a-z]+\s+)?client\s+"
       r"(?:\w+\s+)?(?:de\s+|d')\s*{C}",
       "«X devient client de Y», «X est le premier client de Y»: X buys from Y"),
    _p("fr-counts-among-clients", "fr", BUY,
       r"{C}\s+(?:compte|comptait|comptera)\s+{DET}{A}\s+(?:parmi|comme)\s+(?:ses|l'un de ses|un de ses)\s+"
       r"(?:[a-z]+\s+){0,2}?(?:clients|locataires)",
       "«Y compte X parmi ses clients»: X buys from the subject Y"),
    _p("en-counts-among-customers", "en", BUY,
       r"{C}\s+(?:counts|counted|lists|listed|names|named)\s+{DET}{A}\s+(?:among|as)\s+(?:its|their|one of its)\s+"
       r"(?:[a-z]+\s+){0,2}?(?:customers|clients|tenants)",
       "«Y counts X among its largest customers»: X buys from the subject Y"),
    _p("fr-compute-deal-with", "fr", BUY,
       r"\b(?:contrats?|accords?)\s+(?:de\s+|d')?(?:cloud|calcul|capacite de calcul|infrastructure cloud|"
       r"informatique)\b{g60}\bavec\s+{DET}{C}",
       "«contrat de cloud avec Y»: by convention the subject is the customer", default=True),
    _p("en-buy-compute-from", "en", BUY,
       r"\b{BUY_EN}\b{g40}{COMPUTE_EN}(?:[^\ue001.;]|(?<=\d)\.(?=\d)){0,25}?\bfrom\s+{DET}{C}",
       "«buy compute from Y»: the subject buys from Y"),
    _p("en-compute-from", "en", BUY,
       r"\b{COMPUTE_EN}\s+from\s+{DET}{C}",
       "«capacity from Y»: the subject gets compute from Y"),
    _p("en-use-possessive-compute", "en", BUY,
       r"\b{BUY_EN}\b{g30}{C}(?:'s|')\s+(?:[a-z0-9-]+\s+){0,2}?{COMPUTE_EN}\b",
       "«use Y's cloud»: the subject buys from Y"),
    _p("en-named-compute", "en", BUY,
       r"\b{BUY_EN}\b{g40}{C}\s+(?:(?!(?:for|with|at|of|from)\b)[a-z0-9-]+\s+){0,2}?(?:{COMPUTE_EN}|services)\b",
       "«buy Y compute capacity» (Y not a chipmaker): the subject buys from Y"),
    _p("en-run-on", "en", BUY,
       r"\b(?:run|runs|running|ran|host|hosts|hosted|hosting|train|trains|training|deploy|deploys|deployed)\b{g40}"
       r"\bon\s+{DET}{C}(?!(?:'s|')?\s+(?:[a-z0-9-]+\s+){0,2}?{CHIP_EN})",
       "«run its models on Y»: the subject buys compute from Y"),
    _p("en-supplier-gives-compute", "en", BUY,
       r"{C}{g}\b{SELL_EN}\b{g40}{COMPUTE_EN}{g40}\b(?:to|for)\s+{DET}{A}",
       "«Y will provide capacity to X»: X (after «to») buys from the subject Y"),
    _p("en-supplier-provides-with-compute", "en", BUY,
       r"{C}{g80}\b(?:provide|provides|provided|providing|supply|supplies|supplied|supplying)\s+{DET}{A}\s+with\b"
       r"(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?{COMPUTE_EN}",
       "«Y will provide X with capacity»: X buys from the subject Y"),
    _p("en-deal-with-to-buy", "en", BUY,
       r"\b{DEAL_EN}\s+(?:with|from)\s+{DET}{C}{g60}\bto\s+(?:buy|purchase|rent|use|access|tap|lease)\b{g30}{COMPUTE_EN}",
       "«a deal with Y to buy compute»: the subject buys from Y"),
    _p("en-customer-of", "en", BUY,
       r"{A}{g30}\b(?:becomes|became|is|will be|has become)\s+(?:a\s+|an\s+|the\s+)?(?:[a-z-]+\s+)?(?:customer|"
       r"client|tenant)\s+of\s+{C}",
       "«X becomes a customer of Y»: X buys from Y"),
    _p("en-deal-with-for-compute", "en", BUY,
       r"\b{DEAL_EN}\s+with\s+{DET}{C}{g30}\b(?:for|to (?:buy|use|rent|access|secure|get|tap)|covering|giving (?:it|"
       r"them) access to)\b"
       r"(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?{COMPUTE_EN}",
       "«a contract with Y for compute capacity»: the subject buys from Y"),
    _p("en-signed-deal-with", "en", BUY,
       r"{A}{g40}\b{SIGN_EN}\b{g60}\b{DEAL_EN}\b{g40}\bwith\s+{DET}{C}",
       "«X signs a deal with Y» in a clause about cloud or compute: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-use-of", "en", BUY,
       r"\b(?:use|usage|rental|lease|purchases?)\s+of\s+{DET}{C}",
       "«expand its use of Y» in a clause about cloud or compute: the subject buys compute from Y",
       needs="{COMPUTE_CONTEXT}"),
    _p("en-pay-for-compute", "en", BUY,
       r"\b(?:pay|pays|paid|paying|spend|spends|spent|spending)\s+{DET}{C}{g60}\bfor\b(?:[^.;]){0,40}?"
       r"(?:{COMPUTE_EN}|{CHIP_EN}|computing|access)",
       "«X will pay Y $N for compute»: X buys compute from Y"),
    _p("en-commit-to-for-compute", "en", BUY,
       r"\b(?:commit|commits|committed|committing|pledged|pledges)\b{g60}\bto\s+{DET}{C}{g30}\bfor\b{g30}"
       r"(?:{COMPUTE_EN}|computing)",
       "«X committed $N to Y for computing capacity»: X buys compute from Y"),
    _p("en-supplier-says-spend", "en", BUY,
       r"{C}\s+(?:said|says|announced|disclosed)\b{g40}(?:\bthat\s+)?{DET}{A}\s+(?:will|would|is to|has agreed to|"
       r"agreed to|plans to|committed to|had agreed to|has committed to)\s+(?:also\s+)?"
       r"(?:spend|pay|commit|use|rent|buy|purchase|lease|consume)\b{g60}\b(?:on|of|for)\s+"
       r"(?:its|the company's|their)\s+(?:[a-z-]+\s+)?"
       r"(?:cloud|compute|services|infrastructure|platform|data cent\w*|capacity|gpu capacity)",
       "«Y said X will spend $N on its cloud»: X buys compute from the speaker Y"),
    _p("en-spent-by-on", "en", BUY,
       r"\b(?:spent|paid|committed|invested)\s+by\s+{DET}{A}\s+on\s+{DET}{C}",
       "«$N will be spent by X on Y's technologies» (passive): X buys compute from Y"),
    _p("en-spend-on", "en", BUY,
       r"\b(?:spend|spends|spent|spending)\b{g60}\bon\s+{DET}{C}"
       r"(?!(?:'s|')?\s+(?!and\b)(?:[a-z0-9-]+\s+){0,2}?{CHIP_NAMED_EN})",
       "«X will spend $N on Y» (Y named, not its chips): X buys compute from Y"),
    _p("en-lease-at-its-site", "en", BUY,
       r"{C}{g80}\b(?:lease|leases|leasing|lease agreement|rental agreement)\s+with\s+{DET}{A}{g80}\bat\s+its\s+"
       r"(?:[^\s.;]+\s+){0,3}?(?:campus|data ?cent(?:er|re)s?|sites?|facilit(?:y|ies))\b",
       "«Y signed a lease with X for capacity at its campus»: «its» is Y's, the landlord; X rents from Y"),
    _p("en-speaker-its-chips", "en", PROCURE,
       r"{C}\s+(?:said|says|announced|disclosed)\b{g40}(?:\bthat\s+)?{DET}{A}\s+(?:will|would|is to|has agreed to|"
       r"agreed to|plans to|committed to)\s+(?:also\s+)?{CHIP_BUY_EN}\b{g60}\bits\s+(?:[a-z0-9-]+\s+){0,2}?"
       r"{CHIP_NAMED_EN}\b",
       "«Y said X would deploy N gigawatts of its GPUs»: X procures chips from the speaker Y"),
    _p("en-wins-order-from", "en", BUY,
       r"{C}{g40}\b(?:won|wins|landed|lands|secured|secures|clinched|clinches|bagged|received|receives)\b{g60}"
       r"\b(?:order|contract|deal)s?\b{g40}\bfrom\s+{DET}{A}",
       "«Y won a $N order from X» of compute: X buys compute from the supplier Y", needs="{COMPUTE_CONTEXT}"),
    _p("fr-wins-order-from", "fr", BUY,
       r"{C}{g40}\b(?:decroch\w*|remport\w*|obtenu|obtient|obtiendra|recu|recoit|recevra)\b{g60}"
       r"\b(?:commandes?|contrats?|marches?)\b{g60}\b(?:de la part\s+d(?:e\s+|')|aupres\s+d(?:e\s+|')|de\s+|d')\s*"
       r"{DET}{A}",
       "«Y décroche une commande de X» of compute: X buys compute from the supplier Y", needs="{COMPUTE_CONTEXT}"),
    _p("en-signed-by-with", "en", BUY,
       r"\b(?:signed|concluded|struck|inked|agreed)\s+by\s+{DET}{A}\s+with\s+{DET}{C}",
       "«a contract was signed by X with Y» (passive) about compute: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-signed-by-with", "fr", BUY,
       r"\b(?:signee?s?|conclue?s?|passee?s?)\s+par\s+{DET}{A}\s+avec\s+{DET}{C}",
       "«un contrat a été signé par X avec Y» (passif) sur du calcul: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-access-through", "en", BUY,
       r"\b(?:access|accessing)\s+to\b(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?\b(?:on|via|through|from|at|hosted by)\s+{DET}{C}"
       r"(?!(?:'s|')?\s+(?:[a-z0-9-]+\s+){0,2}?{CHIP_NAMED_EN})",
       "«access to N GPUs on Y» / «through Y»: the subject buys compute from Y"),
    _p("en-gives-access", "en", BUY,
       r"\b(?:gives?|giving|gave|grants?|granted|offers?)\s+{DET}{A}\s+access\s+to\b(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?"
       r"\b(?:on|via|through|from|at|hosted by)\s+{DET}{C}",
       "«the deal gives X access to GPUs on Y»: X buys compute from Y"),
    _p("fr-gives-access", "fr", BUY,
       r"\b(?:donne|donnera|donnait|offre|offrira|ouvre|ouvrira)\s+(?:a|au|aux)\s+{DET}{A}\s+(?:un\s+)?acces\s+a\b"
       r"(?:[^.;]|(?<=\d)\.(?=\d)){0,80}?\b(?:heberge\w*\s+par|chez|sur|via|par l'intermediaire d[e']|"
       r"aupres d[e'])\s*{DET}{C}",
       "«l'accord donne à X accès à des GPU chez Y»: X buys compute from Y"),
    _p("en-used-by", "en", BUY,
       r"{C}(?:'s|')?{g80}\b(?:will be|is|are|was|were|to be|being|has been|have been)\s+(?:used|rented|leased|"
       r"bought|purchased|taken|reserved|consumed)\s+by\s+{DET}{A}",
       "«Y's capacity will be used by X» (passive): X buys compute from Y",
       needs="{COMPUTE_CONTEXT}"),
    _p("en-supplied-to-by", "en", BUY,
       r"\b(?:supplied|provided|delivered|sold|leased|rented)\s+to\s+{DET}{A}\s+by\s+{DET}{C}",
       "«capacity will be supplied to X by Y» (passive): X buys compute from Y",
       needs="{COMPUTE_CONTEXT}"),
    _p("en-agreement-expanded", "en", BUY,
       r"{C}(?:'s|')\s+(?:(?:[a-z-]+|[$]?\d[\d.,]*|billion|million)\s+){0,4}?{DEAL_EN}\s+with\s+{DET}{A}",
       "«Y's agreement with X», «Meta's $21 billion agreement with CoreWeave»: by convention the one that "
       "is no cloud provider is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-speaker-its-shares", "en", INVEST,
       r"{C}\s+(?:said|says|announced|disclosed)\b{g40}(?:\bthat\s+)?{A}\s+(?:had\s+|has\s+|have\s+|will\s+|would\s+)?"
       r"(?:bought|buy|buys|purchased|purchase|acquired|acquire|take|took|taken|subscribed)\b{g40}"
       r"\bof\s+its\s+(?:[a-z-]+\s+){0,3}?(?:shares|stock|equity)\b",
       "«Y said X bought $N of its shares»: X invests in the speaker Y"),
    # ---- partners with --------------------------------------------------------------------
    _p("fr-partnership-with", "fr", PARTNER,
       r"\b(?:partenariats?|alliances?|collaborations?|cooperations?)\b{g30}\b(?:avec|aupres d(?:e\s+|'))\s*{DET}{C}",
       "«partenariat avec Y»: a symmetric tie"),
    _p("fr-partners-such-as", "fr", PARTNER,
       r"\bpartenaires?\b{g30}" + _SUCH_FR + "{DET}{C}",
       "«avec des partenaires tels que Y, Z»: a symmetric tie with each"),
    _p("fr-associates-with", "fr", PARTNER,
       r"\b(?:s'associe|s'associent|s'est associee?|s'allie|s'allient|s'est alliee?|collabore|collaborent|"
       r"collaborera|"
       r"coopere|cooperent|fait equipe|font equipe)\b{g20}\b(?:a|avec|au|aux)\s+{DET}{C}",
       "«s'associe à Y»: a symmetric tie"),
    _p("fr-pair-partnership", "fr", PARTNER,
       r"{P}{g40}\b(?:ont annonce|annoncent|ont conclu|concluent|ont signe|signent|ont noue|nouent|lancent|"
       r"ont lance|forment)\b{g30}"
       r"\b(?:partenariat|alliance|collaboration)",
       "«X et Y annoncent un partenariat»: a symmetric tie between them"),
    _p("en-partner-with", "en", PARTNER,
       r"\b(?:partnership|alliance|collaboration|tie-up|partnering|partnered|partners|partner|teamed up|"
       r"teams up|team up|"
       r"teaming up|collaborate[sd]?|collaborating|cooperate[sd]?|joined forces|joins forces|join forces)"
       r"\b{g20}\bwith\s+{DET}{C}",
       "«partnership with Y»: a symmetric tie"),
    _p("en-partners-such-as", "en", PARTNER,
       r"\bpartners\b{g30}" + _SUCH_EN + "{DET}{C}",
       "«partners such as Y, Z»: a symmetric tie with each"),
    _p("en-pair-partnership", "en", PARTNER,
       r"{P}{g30}\b(?:announced|announce|unveiled|unveil|formed|form|signed|sign|struck|launched|launch|"
       r"expanded)\b{g30}"
       r"\b(?:partnership|alliance|collaboration)",
       "«X and Y announced a partnership»: a symmetric tie between them"),
    _p("en-pair-signed-agreement", "en", PARTNER,
       r"{P}{g30}\b{SIGN_EN}\b{g40}\b(?:{DEAL_EN}|partnership)\b",
       "«X and Y signed an agreement»: a symmetric tie, unless the clause says more", default=True),
    _p("en-pair-develop-capacity", "en", BUY,
       r"{P}{g30}\b(?:develop|build|add|deploy)\b{g30}(?:gigawatts?|megawatts?|\d\s?gw|\d\s?mw)\b",
       "«X and Y will develop 4.5 gigawatts of capacity»: compute, the customer by class (a cloud provider sells)",
       default=True),
    _p("fr-pair-develop-capacity", "fr", BUY,
       r"{P}{g30}\b(?:developp\w*|construi\w*|ajout\w*|deploi\w*|deploy\w*)\b{g30}(?:gigawatts?|megawatts?|\d\s?gw|"
       r"\d\s?mw)\b",
       "«X et Y vont développer 4,5 gigawatts de capacités»: compute, the customer by class (a cloud provider sells)",
       default=True),
    _p("en-licence", "en", PARTNER,
       r"\b(?:licen[cs]e|licen[cs]es|licen[cs]ed|licen[cs]ing)\s+{DET}{C}(?:'s|')",
       "«X licenses Y's technology»: a licence, a symmetric tie"),
    _p("en-licence-from", "en", PARTNER,
       r"\blicen[cs](?:e|es|ed|ing)\b{g40}\b(?:from|with)\s+{DET}{C}",
       "«a licence from Y»: a symmetric tie"),
    _p("en-partnership-between", "en", PARTNER, r"\bpartnership\s+between\s+{P}",
       "«a partnership between X and Y»: a symmetric tie"),
    # ---- needs approval from ------------------------------------------------------------
    _p("fr-approval-of", "fr", APPROVAL,
       r"\b(?:approbation|aval|autorisation|feu vert|consentement|accord prealable|permission)\b\s+(?:prealable\s+)?"
       r"(?:de\s+|d'|du\s+)\s*{C}",
       "«l'approbation de Y»: the subject needs Y's approval"),
    _p("fr-consent-of", "fr", APPROVAL,
       r"\b(?:obtenir|sans|avec|soumis a|soumise a|subordonne a)\s+l'accord\s+(?:de\s+|d')\s*{C}",
       "«obtenir l'accord de Y»: the subject needs Y's consent"),
    _p("en-possessive-approval", "en", APPROVAL,
       r"{C}(?:'s|')\s+(?:prior\s+|explicit\s+|written\s+)?(?:approval|consent|permission|sign-off|blessing|"
       r"green light)\b",
       "«Y's approval»: the subject needs Y's approval"),
    _p("en-approval-from", "en", APPROVAL,
       r"\b(?:approval|consent|permission|sign-off|green light)\s+(?:from|of|by)\s+{DET}{C}",
       "«approval from Y»: the subject needs Y's approval"),
    # ---- chips ----------------------------------------------------------------------------
    _p("fr-chipmakers-such-as", "fr", PROCURE,
       r"\b{CHIPMAKER_FR}\b{g30}" + _SUCH_FR + "{DET}{C}",
       "«accords avec des fabricants de puces comme Y»: the subject procures chips from Y"),
    _p("fr-chipmaker-named", "fr", PROCURE,
       r"\b(?:avec|aupres d(?:e\s+|')|a)\s*(?:le |du |au )?(?:fabricant|concepteur|fournisseur|geant) (?:de |d')"
       r"{CHIP_FR}\s+(?:[a-z]+\s+)?{C}",
       "«avec le fabricant de puces Y»: the subject procures chips from Y"),
    _p("fr-buy-chips-from", "fr", PROCURE,
       r"\b{CHIP_BUY_FR}\b{g40}{CHIP_FR}{g25}" + _PREP_OF_A + r"{C}",
       "«acheter des puces à Y»: the subject procures chips from Y"),
    _p("fr-chips-named", "fr", PROCURE,
       r"\b{CHIP_BUY_FR}\b{g40}{CHIP_NAMED_FR}\s+(?:[a-z0-9-]+\s+){0,2}?(?:de\s+|d')?{C}",
       "«déployer des GPU Y»: the subject procures chips from Y"),
    _p("fr-supplier-gives-chips", "fr", SUPPLY,
       r"{A}{g}\b{SELL_FR}\b{g40}{CHIP_NAMED_FR}{g40}\b(?:a|au|aux)\s+{DET}{C}",
       "«X fournira des puces à Y»: the subject X supplies Y"),
    _p("fr-supplier-gives-to-chips", "fr", SUPPLY,
       r"{A}{g}\b{SELL_FR}\s+(?:a|au|aux)\s+{DET}{C}{g40}{CHIP_NAMED_FR}",
       "«X fournira à Y des puces»: the subject X supplies Y"),
    _p("en-chipmakers-such-as", "en", PROCURE,
       r"\b{CHIPMAKER_EN}\b\s*" + _SUCH_EN.replace(r",\s*|", "") + "?{DET}{C}",
       "«deals with chipmakers such as Y»: the subject procures chips from Y"),
    _p("en-buy-chips-from", "en", PROCURE,
       r"\b{CHIP_BUY_EN}\b(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?{CHIP_EN}(?:[^\ue001.;]|(?<=\d)\.(?=\d)){0,25}?"
       r"\bfrom\s+{DET}{C}",
       "«buy chips from Y»: the subject procures chips from Y"),
    _p("en-named-chips", "en", PROCURE,
       r"\b{CHIP_BUY_EN}\s+{g40}{C}(?:'s|')?\s+(?:[a-z0-9-]+\s+){0,4}?{CHIP_NAMED_EN}\b",
       "«deploy Y GPUs»: the subject procures chips from Y"),
    _p("en-supplier-gives-chips", "en", SUPPLY,
       r"{A}{g60}\b{SELL_EN}\b{g40}{CHIP_NAMED_EN}{g40}\b(?:to|for)\s+{DET}{C}",
       "«X will supply chips to Y»: the subject X supplies Y"),
    _p("en-supplier-provides-with-chips", "en", SUPPLY,
       r"{A}{g80}\b(?:supply|supplies|supplied|supplying|provide|provides|provided|providing)\s+{DET}{C}\s+with\b"
       r"(?:[^.;]|(?<=\d)\.(?=\d)){0,60}?{CHIP_NAMED_EN}",
       "«X will supply Y with chips»: the subject X supplies Y"),
    # ---- invests in -----------------------------------------------------------------------
    _p("fr-invest-in", "fr", INVEST,
       r"\b(?:investir|investit|investira|investi|investissent|investiront|injecter|injecte|injectera|apporter|"
       r"apportera)\b"
       r"{g60}\b(?:dans|au capital (?:de\s+|d'))\s*(?:la\s+|le\s+|l')?(?:societe\s+|start-?up\s+|groupe\s+|"
       r"laboratoire\s+)?{C}",
       "«X investit dans Y»: the subject invests in Y (after «dans»)"),
    _p("fr-investment-of-in", "fr", INVEST,
       r"\binvestissements?\s+(?:de\s+|d')\s*{A}\s+(?:dans|en faveur de)\s+{DET}{C}",
       "«l'investissement de X dans Y»: X invests in Y"),
    _p("fr-investment-in", "fr", INVEST,
       r"\binvestissements?\b{g40}\b(?:dans|au capital (?:de\s+|d'))\s*{DET}{C}",
       "«un investissement dans Y»: the subject invests in Y"),
    _p("fr-raises-from", "fr", INVEST,
       r"{C}{g}\b(?:leve|a leve|levera|obtient|a obtenu|recoit|a recu|recevra)\b{g60}\b(?:aupres\s+d(?:e\s+|"
       r"')|de la part\s+d(?:e\s+|'))\s*{DET}{A}",
       "«Y lève des fonds auprès de X»: X invests in the subject Y"),
    _p("fr-round-of", "fr", INVEST,
       r"\b(?:participe|participera|a participe|aurait participe|participent|mene|menera|a mene|co-?dirige|"
       r"a co-?dirige|dirige|a dirige|co-?mene|a co-?mene)\s+(?:au|a la|le|la|a)\s+(?:[a-z]+\s+)?"
       r"(?:tour de table|levee de fonds|financement|serie [a-h])\b{g60}(?:de\s+|d')\s*{C}",
       "«participe au tour de table de Y»: the subject invests in Y"),
    _p("fr-backed-by", "fr", INVEST,
       r"{C}{g30}\b(?:soutenue?s?|financee?s?)\s+par\s+{DET}{A}",
       "«Y, financée par X»: X invests in Y"),
    _p("fr-among-investors", "fr", INVEST,
       r"{C}{g80}\b(?:avec|dont|y compris|notamment)\s+{DET}{A}\s+(?:parmi|comme|au rang de)\s+(?:ses|leurs|les|des)\s+"
       r"(?:[a-z]+\s+)?(?:investisseurs|actionnaires|bailleurs de fonds|soutiens)",
       "«Y a levé ... avec X parmi ses investisseurs»: X invests in the subject Y"),
    _p("en-among-investors", "en", INVEST,
       r"{C}{g80}\b(?:with|including|among them)\s+{DET}{A}\s+(?:among|as one of|as)\s+(?:its|their|the)\s+"
       r"(?:[a-z]+\s+)?(?:investors|backers|shareholders|funders)",
       "«Y raised ... with X among its investors»: X invests in the subject Y"),
    _p("en-and-another", "en", INVEST,
       r"\b(?:invest\w*|put\w*|pour\w*|inject\w*)\b{g40}\bin(?:to)?\s+{DET}{C}{g80},\s+(?:and|while|whereas)\s+{A}{g60}"
       r"\b(?:put|putting|invest|investing|inject|injecting|pour|pouring|commit|committing|contribute|contributing)\s+"
       r"(?:in\s+)?(?:another|a further|an additional|an extra|as much as|up to|about|roughly|some|[$]|us[$]|\d)",
       "«X is investing in Y, and Z ... to put in another $N»: Z invests in Y too"),
    _p("en-acquire-for", "en", INVEST,
       r"\b(?:buy|buys|bought|buying|acquire[sd]?|acquiring|take over|takes over|took over|taking over)\s+{DET}{C}\s+"
       r"for\s+(?:about\s+|roughly\s+|some\s+|nearly\s+|around\s+)?(?:[$€£]|us\$|\d)",
       "«X agreed to buy Y for $N»: an acquisition, X invests in Y"),
    _p("fr-acquire-for", "fr", INVEST,
       r"\b(?:rachet\w*|acquer\w*|acquier\w*|acquis\w*|achet\w*|rachat|acquisition)\s+(?:de\s+|d')?{DET}{C}\s+"
       r"(?:pour|contre)\s+(?:environ\s+|quelque\s+|pres de\s+)?\d",
       "«X rachète Y pour N milliards»: an acquisition, X invests in Y"),
    _p("en-among-the-investors-in", "en", INVEST,
       r"{A}\s+(?:were|was|are|is|will be|have been|has been)\s+(?:among\s+)?(?:the\s+)?(?:[a-z-]+\s+)?"
       r"(?:investors?|backers?|shareholders?|participants?)\s+in\s+{DET}{C}",
       "«X and Y were among the investors in Z»: each invests in Z"),
    _p("fr-among-the-investors-of", "fr", INVEST,
       r"{A}\s+(?:figurent|figure|figuraient|sont|etaient|comptent)\s+(?:parmi\s+)?(?:les\s+)?(?:[a-z-]+\s+)?"
       r"(?:investisseurs|actionnaires|bailleurs de fonds|participants)\s+(?:de\s+|d'|du\s+|au\s+)(?:[a-z' -]{0,40}?)"
       r"(?:de\s+|d')?{DET}{C}",
       "«X et Y figurent parmi les investisseurs de Z»: each invests in Z"),
    _p("en-commit-to-services", "en", BUY,
       r"\b(?:commit|commits|committed|committing|pledged)\b{g40}\bto\s+{DET}{C}(?:'s|')\s+(?:[a-z-]+\s+){0,2}?"
       r"(?:services|cloud|capacity|compute|computing|infrastructure|platform)\b",
       "«X committed $N to Y's services»: X buys compute from Y"),
    _p("en-spend-on-chips", "en", PROCURE,
       r"\b(?:spend|spends|spent|spending|pay|pays|paid)\b{g60}\bon\s+(?:[a-z0-9,-]+\s+){0,4}?(?:of\s+)?{DET}{C}"
       r"(?:'s|')?\s+(?:[a-z0-9-]+\s+){0,2}?{CHIP_NAMED_EN}",
       "«X will spend $N on Y's chips»: X procures chips from Y"),
    _p("en-host-workloads", "en", BUY,
       r"{C}{g30}\b(?:run|runs|running|host|hosts|hosting|will run|will host)\s+{A}(?:'s|')\s+(?:[a-z-]+\s+){0,2}?"
       r"(?:workloads?|models?|services?|products?|training|inference|chatgpt|claude)\b",
       "«Y will run X's workloads»: X buys compute from the subject Y"),
    _p("en-run-on-chips", "en", PROCURE,
       r"\b(?:run|runs|running|deploy|deploys|deploying|install|installs|use|uses|using)\b(?:[^.;]){0,60}?\bon\s+"
       r"(?:[a-z0-9,-]+\s+){0,5}?{C}\s+(?:[a-z0-9-]+\s+){0,4}?{CHIP_NAMED_EN}",
       "«the subject will run ... on Y's GPUs»: the subject procures chips from Y"),
    _p("en-at-possessive-site", "en", BUY,
       r"\b(?:{BUY_EN}|take|takes|taking|took|get|gets|getting)\b(?:{g30}\ue001\d+\ue000)?{g60}\bat\s+{C}(?:'s|')\s+"
       r"(?:[a-z0-9-]+\s+){0,3}?"
       r"(?:campus|data ?cent(?:er|re)s?|sites?|"
       r"facilit(?:y|ies)|clusters?)\b",
       "«rent capacity at Y's campus»: the subject buys compute from Y"),
    _p("en-put-into", "en", INVEST,
       r"\b(?:put|puts|putting)\b{g40}\binto\s+{DET}{C}",
       "«X is putting $N into Y»: X invests in Y"),
    _p("en-possessive-partner", "en", PARTNER,
       r"{A}\s+(?:is|remains|remained|becomes|became|will be|will remain|was|has been)\s+(?:now\s+|still\s+)?"
       r"{C}(?:'s|')"
       r"\s+(?:[a-z-]+\s+){0,2}?partner\b",
       "«X remains Y's primary cloud partner»: a symmetric tie"),
    _p("fr-partner-of", "fr", PARTNER,
       r"{A}\s+(?:reste|restera|est|sera|devient|deviendra|demeure)\s+(?:desormais\s+)?(?:le|un|l')\s*(?:[a-z-]+\s+){0,2}?"
       r"partenaire\s+(?:[a-z-]+\s+){0,2}?(?:de\s+|d'|du\s+)\s*{C}",
       "«X reste le partenaire principal de Y»: a symmetric tie"),
    _p("en-among-possessive-investors", "en", INVEST,
       r"{A}\s+(?:is|was|are|were)\s+(?:named\s+)?among\s+{C}(?:'s|')\s+(?:[a-z-]+\s+)?(?:investors|backers|shareholders)",
       "«X is among Y's investors»: X invests in Y"),
    _p("en-made-commitment", "en", BUY,
       r"\b(?:made|makes|make|signed|signs|announced|placed|places)\s+(?:a|an)\s+(?:[a-z,-]+\s+){0,3}?{C}\s+"
       r"(?:commitment|contract|deal|purchase|order)\b",
       "«X made a large Azure commitment»: X buys compute from Y", needs="{COMPUTE_CONTEXT}"),
    _p("en-expanded-named-deal", "en", BUY,
       r"\b{SIGN_EN}\s+(?:its|their|the|a|an)\s+(?:[a-z-]+\s+){0,2}?{C}\s+(?:[a-z-]+\s+)?{DEAL_EN}\b",
       "«X expanded its CoreWeave contract»: by convention X is the customer of Y",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-controlled-by", "en", SUB,
       r"{A}\s+(?:is|was|are|will be|has been|becomes|became)\s+(?:now\s+)?(?:controlled|owned|wholly owned|"
       r"majority[- ]owned|fully owned)\s+by\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?{C}",
       "«X is controlled by Y»: X is a subsidiary of Y"),
    _p("fr-controlled-by", "fr", SUB,
       r"{A}\s+(?:est|sera|etait|devient)\s+(?:desormais\s+)?(?:controlee?|detenue? a 100 %|detenue? en totalite|"
       r"detenue? majoritairement)\s+par\s+(?:la\s+|le\s+|l')?(?:[a-z-]+\s+){0,2}?{C}",
       "«X est contrôlée par Y»: X is a subsidiary of Y"),
    _p("en-build-for", "en", PARTNER,
       r"\b(?:develop|develops|developing|build|builds|building|construct|constructs|constructing|operate|operates)"
       r"\b(?:[^.;]){0,100}?\b(?:exclusively\s+|solely\s+)?for\s+{DET}{C}",
       "«X will develop a campus for Y»: a symmetric tie", default=True),
    _p("en-build-possessive-site", "en", PARTNER,
       r"\b(?:develop|develops|build|builds|construct|constructs|operate|operates|run|runs)\s+(?:and\s+(?:operate|run|"
       r"build|develop)\s+)?{C}(?:'s|')\s+(?:[^\s;]+\s+){0,4}?(?:campus|data ?cent(?:er|re)s?|sites?|"
       r"facilit(?:y|ies)|clusters?)\b",
       "«X will build and operate Y's Stargate site»: a symmetric tie"),
    _p("fr-build-possessive-site", "fr", PARTNER,
       r"\b(?:construi\w*|developp\w*|exploit\w*|batir|batira)\s+(?:et\s+(?:exploit\w*|construi\w*)\s+)?(?:le|la|les|l')\s*"
       r"(?:[a-z0-9-]+\s+){0,2}?(?:campus|centres? de donnees|sites?)\b{g40}\b(?:de\s+|d')\s*{C}",
       "«X construira et exploitera le site de Y»: a symmetric tie"),
    _p("fr-buy-shares", "fr", INVEST,
       r"\b(?:achat|rachat|acquisition|achet\w*|acquier\w*|acquer\w*|acquis|souscri(?:t|ra|vent|re|rait|ront))\b{g40}"
       r"\bactions\s+"
       r"(?:de\s+|d'|du\s+)?{DET}{C}",
       "«l'achat de 214 millions d'actions Y»: the subject invests in Y"),
    _p("fr-deal-with-to-rent-chips", "fr", PROCURE,
       r"\b{DEAL_FR}\b{g60}\b(?:avec|aupres d(?:e\s+|'))\s*{DET}{C}{g60}\b(?:pour|afin d[e'])\s*{g20}"
       r"\b{BUY_FR}\b{g30}{CHIP_FR}",
       "«en discussions avec Y pour louer des TPU»: the subject procures chips from Y"),
    _p("en-join", "en", PARTNER,
       r"\b(?:join|joins|joined|joining)\s+{DET}{C}",
       "«X joins Y» (a venture or consortium): a symmetric tie", default=True),
    _p("en-customer-apposition", "en", BUY,
       r"{A}\s*,\s+{C}(?:'s|')\s+(?:[a-z-]+\s+){0,2}?(?:customer|client|tenant)\b",
       "«X, Y's largest customer»: X buys compute from Y"),
    _p("en-invest-in", "en", INVEST,
       r"\b(?:invest|invests|invested|investing|pour|pours|poured|pouring|inject|injects|injected|plow|plows|"
       r"plowed)\b"
       r"{g60}\b(?:in|into)\s+{DET}{C}",
       "«X invests in Y»: the subject invests in Y"),
    _p("en-investment-in", "en", INVEST,
       r"\binvestments?\b{g40}\b(?:in|into)\s+{DET}{C}",
       "«an investment in Y»: the subject invests in Y"),
    _p("en-raises-from", "en", INVEST,
       r"{C}{g}\b(?:raised|raises|raising|raise|secured|secures|secure|received|receives|receive|gets|get|got|"
       r"obtains?|obtained|closed|closes)\b(?:[^\ue001.;]|"
       r"(?<=\d)\.(?=\d)){0,60}?"
       r"\b(?:funding|investment|capital|financing|round|billion|million|equity)\b{g40}\bfrom\s+{DET}{A}",
       "«Y raised money from X»: X invests in the subject Y"),
    _p("en-round-led-by", "en", INVEST,
       r"{C}{g}\b(?:rais\w+|round|funding|financing|series [a-h]|closed|closes)\b{g60}\b(?:led|co-led|anchored)\s+"
       r"by\s+{DET}{A}",
       "«Y is raising $N, led by X»: X invests in the subject Y (the amount is the round's)"),
    _p("fr-round-led-by", "fr", INVEST,
       r"{C}{g}\b(?:leve\w*|tour de table|levee de fonds|financement)\b{g60}\b(?:menee?|co-?menee?|dirigee?|"
       r"codirigee?)\s+par\s+{DET}{A}",
       "«Y lève N, une levée menée par X»: X invests in the subject Y (the amount is the round's)"),
    _p("en-round-that-included", "en", INVEST,
       r"{C}{g}\b(?:raised|raises|raising|closed|closes|completed|completes)\b{g80}\b(?:round|series [a-h]|funding|"
       r"financing)\b{g20}\b(?:that included|which included|including|with participation from|joined by|in which)\s+"
       r"{DET}{A}",
       "«Y raised $N in a round that included X»: X invests in the subject Y (the amount is the round's)"),
    _p("fr-round-joined-by", "fr", INVEST,
       r"{C}{g}\b(?:leve|a leve|levera|boucle|a boucle|bouclera|realise|a realise)\b{g80}\b"
       r"(?:serie [a-h]|tour de table|levee de fonds|financement)\b{g20}\b"
       r"(?:a laquelle|auquel|dans laquelle|dans lequel)\s+(?:ont\s+|a\s+)?"
       r"(?:participe|pris part|contribue|souscrit)\w*\s+{DET}{A}",
       "«Y a levé N lors d'une série C à laquelle a participé X»: X invests in the subject Y (the round's amount)"),
    _p("en-buy-stock-of", "en", INVEST,
       r"\b(?:buy|buys|bought|buying|purchase[sd]?|purchasing|acquire[sd]?|acquiring)\b{g40}\bof\s+{C}(?:'s|')?\s+"
       r"(?:common\s+|class [a-z]\s+|ordinary\s+)?(?:stock|shares)\b",
       "«X will buy $5 billion of Y stock»: X invests in Y"),
    _p("en-lease-from", "en", BUY,
       r"\b(?:lease[sd]?|leasing|rent(?:s|ed|ing)?|sublease[sd]?)\b{g60}\bfrom\s+{DET}{C}",
       "«X will lease the expansion from Y»: X buys compute (capacity) from Y",
       needs="{COMPUTE_CONTEXT}|expansion|campus"),
    _p("en-project-with-on-hold", "en", BUY,
       r"\b(?:put|puts|putting|placed|places)\s+(?:its|their|the)\s+(?:[^.;]){0,40}?\b(?:{DEAL_EN}|projects?|plans?)\s+"
       r"with\s+{DET}{C}\s+on hold\b",
       "«X put its project with Y on hold»: by convention X is the customer; the tie is ended (paused)",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-receives-money-of", "fr", INVEST,
       r"{C}{g}\b(?:recoit|recevra|recevrait|a recu|obtient|obtiendra|a obtenu)\b{g40}\b(?:milliards?|millions?)\s+"
       r"(?:de\s+|d')(?:dollars|euros)\s+(?:de la part\s+)?(?:de\s+|d')\s*{DET}{A}",
       "«Y recevra 40 milliards de dollars de X»: X invests in the subject Y"),
    _p("en-speaker-will-invest", "en", INVEST,
       r"{C}\s+(?:said|says|announced|disclosed)\b{g40}(?:\bthat\s+)?{DET}{A}\s+(?:will|would|is to|has agreed to|"
       r"agreed to|plans to|had agreed to)\s+(?:invest|put in|inject)\b(?![^.;\ue001]{0,60}\b(?:in|into)\s)",
       "«Y said X would invest $N» (no other target named): X invests in the speaker Y"),
    _p("fr-licence-of", "fr", PARTNER,
       r"\blicences?\b{g60}\b(?:de\s+|d')\s*{C}",
       "«une licence sur la technologie de Y»: a licence, a symmetric tie"),
    _p("en-led-round", "en", INVEST,
       r"\b(?:led|leads|leading|joined|joins|participated in|participates in|took part in|takes part in|"
       r"co-led|co-leads)\s+{C}(?:'s|')\s+{g40}\b"
       r"(?:round|raise|funding|financing|series [a-h])\b",
       "«X led Y's round»: the subject invests in Y"),
    _p("en-backs", "en", INVEST,
       r"\b(?:backs|backed|funds|funded|financed|finances|bankrolls|bankrolled)\s+{DET}{C}",
       "«X backs Y»: the subject invests in Y"),
    _p("en-backed-by", "en", INVEST,
       r"{C}{g30}\b(?:is|was|are|were|has been|have been|will be)?\s*(?:[a-z]+\s+)?(?:backed|funded|financed)"
       r"\s+by\s+{DET}{A}",
       "«Y is backed by X»: X invests in Y"),
    _p("en-develop-chips-with", "en", PROCURE,
       r"\b(?:co-develop|co-design|develop|design|deploy|build)\w*\b{g60}{CHIP_EN}\b{g30}\bwith\s+{DET}{C}",
       "«X will co-develop and deploy accelerators with Y»: by convention X procures the chips from Y",
       default=True),
    # ---- owns stake in ------------------------------------------------------------------
    _p("en-owns-percent-of", "en", STAKE,
       r"\b(?:owns?|owned|holds?|held|controls?|has|will have|would own)\s+(?:a\s+|an\s+|about\s+|roughly\s+|nearly\s+|"
       r"some\s+|around\s+)?\d[\d.,]*\s?(?:%|percent|per cent)\s+(?:stake\s+)?(?:of|in)\s+{DET}{C}",
       "«X owns 14% of Y»: the subject holds a stake in Y"),
    _p("fr-holds-percent-of", "fr", STAKE,
       r"\b(?:detient|detiendra|detiendrait|detenait|possede|possedera|possederait|controle)\s+(?:desormais\s+|ainsi\s+|"
       r"environ\s+|quelque\s+|pres de\s+|plus de\s+){0,3}\d[\d.,]*\s?(?:%|pour ?cent)\s+(?:du capital\s+)?"
       r"(?:de\s+|d'|du\s+)"
       r"{DET}{C}",
       "«X détient 11 % de Y»: the subject holds a stake in Y"),
    _p("fr-stake-of-in", "fr", STAKE,
       r"\bparticipations?\s+(?:{g12}\s+)?(?:de\s+|d')\s*{A}\s+(?:dans|au capital (?:de\s+|"
       r"d'))\s*{DET}{C}",
       "«la participation de X dans Y»: X holds a stake in Y"),
    _p("fr-stake-in", "fr", STAKE,
       r"\bparticipations?\b{g40}\b(?:dans|au capital (?:de\s+|d'))\s*(?:la\s+|le\s+|l')?{C}",
       "«une participation dans Y»: the subject holds a stake in Y"),
    _p("fr-warrants", "fr", STAKE,
       r"\bbons? de souscription\b{g60}\b(?:(?:de\s+|d')\s*actions?\s+|(?:actions?\s+)?(?:de\s+|d'))\s*{C}",
       "«des bons de souscription d'actions Y»: the subject holds (or may hold) a stake in Y"),
    _p("fr-shareholder-of", "fr", STAKE,
       r"\b(?:actionnaire|detenteur)\s+(?:[a-z]+\s+)?(?:de\s+|d'|du\s+)\s*{C}",
       "«X, actionnaire de Y»: the subject holds a stake in Y"),
    _p("en-possessive-stake", "en", STAKE,
       r"{A}(?:'s|')\s+(?:(?:[^\ue001.;]|(?<=\d)\.(?=\d)){0,15}\s+)?(?:stake|shareholding|holding)\s+in\s+{DET}{C}",
       "«X's stake in Y»: X holds a stake in Y"),
    _p("en-stake-in", "en", STAKE,
       r"\b(?:stake|stakes|shareholding|equity|ownership|holding)\b{g30}\bin\s+{DET}{C}",
       "«a stake in Y»: the subject holds a stake in Y"),
    _p("en-warrant", "en", STAKE,
       r"\bwarrants?\b{g60}{C}(?:'s|')?\s+(?:common\s+)?(?:shares|stock)\b",
       "«a warrant for Y shares»: the subject holds (or may hold) a stake in Y"),
    _p("en-warrant-of", "en", STAKE,
       r"\bwarrants?\b{g60}\b(?:shares|stock)\s+(?:of|in)\s+{C}",
       "«a warrant for shares of Y»: the subject holds (or may hold) a stake in Y"),
    _p("en-shareholder-in", "en", STAKE,
       r"\b(?:shareholder|stakeholder|owner)\s+(?:in|of)\s+{DET}{C}",
       "«X, the largest shareholder in Y»: the subject holds a stake in Y"),
    _p("fr-receives-shares", "fr", STAKE,
       r"\b(?:recev\w*|recoi\w*|obtien\w*|obten\w*|detien\w*|deten\w*|possed\w*|prend\w*|pris)\b{g40}\bactions\s+"
       r"(?:de\s+|d'|du\s+)?{DET}{C}",
       "«X recevra des actions Y»: the subject holds a stake in Y"),
    _p("en-receives-shares", "en", STAKE,
       r"\b(?:receive[sd]?|receiving|get|gets|got|hold|holds|held|own|owns|owned|obtain[sd]?|take[sd]?|took)\b{g40}"
       r"{C}(?:'s|')?\s+(?:common\s+)?(?:stock|shares|equity)\b",
       "«X will receive Y stock»: the subject holds a stake in Y"),
    # ---- subsidiary of (stated) -------------------------------------------------------------
    _p("fr-subsidiary-of", "fr", SUB,
       r"{A}\s*,?\s*(?:la |une |sa )?(?:[a-z]+\s+)?(?:filiale|division|branche)\s+(?:[a-z]+\s+){0,2}?"
       r"(?:de\s+|d'|du\s+)\s*{C}",
       "«X, filiale de Y»: X is a subsidiary of Y"),
    _p("en-subsidiary-of", "en", SUB,
       r"{A}\s*,?\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+){0,2}?(?:unit|subsidiary|division|arm)\s+of\s+{C}",
       "«X, the cloud unit of Y»: X is a subsidiary of Y"),
    _p("en-possessive-unit", "en", SUB,
       r"{C}(?:'s|')\s+(?:[a-z-]+\s+){0,2}?(?:unit|subsidiary|division|arm)\s*,?\s+{A}",
       "«Y's cloud unit X»: X is a subsidiary of Y"),
    # ---- deals named as noun phrases, clefts, talks (issue #16, fourth batch) ---------------
    _p("en-deal-between", "en", BUY,
       r"\b{DEAL_EN}\b{g25}\bbetween\s+{DET}(?P<a>" + E + r")\s+and\s+{DET}(?P<c>" + E + r")",
       "«the $N agreement between X and Y» about compute: by convention the one that is no cloud provider "
       "is the customer", default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-deal-between", "fr", BUY,
       r"\b{DEAL_FR}\b{g40}\bentre\s+{DET}(?P<a>" + E
       + r")\s+et\s+{DET}(?P<c>" + E + r")",
       "«le contrat conclu entre X et Y» sur du calcul: by convention the one that is no cloud provider is "
       "the customer", default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-talks-with-over-deal", "en", BUY,
       r"\b(?:in talks|in discussions|in negotiations|negotiating|negotiates|talks)\s+with\s+{DET}{C}{g40}"
       r"\b(?:over|for|about|on|toward|towards)\b{g40}(?:\b{DEAL_EN}\b|{COMPUTE_EN})",
       "«X is in talks with Y over a cloud deal»: by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-cleft-entrusted-to", "fr", BUY,
       r"\bc'est\s+(?:a|au|aupres d(?:e\s+|'))\s*{DET}(?P<c>" + E + r")\s*qu(?:e\s+|')\s*{DET}(?P<a>" + E
       + r"){g40}\b(?:confi\w*|command\w*|achet\w*|lou\w*|attribu\w*|s'adress\w*|s'approvisionn\w*)",
       "«C'est à Y qu'X a confié un contrat de calcul» (clivée): X buys from Y", needs="{COMPUTE_CONTEXT}"),
    _p("fr-cleft-signed-with", "fr", BUY,
       r"\bc'est\s+avec\s*{DET}(?P<c>" + E + r")\s*qu(?:e\s+|')\s*{DET}(?P<a>" + E
       + r"){g40}\b(?:signe|a signe|conclu|a conclu|noue|a noue|negoci\w*|passe|a passe)\b{g40}\b{DEAL_FR}",
       "«C'est avec Y qu'X a signé un contrat de cloud» (clivée): by convention the one that is no cloud "
       "provider is the customer", default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-entrusts-deal-to", "fr", BUY,
       r"\bconfi\w*\b{g40}\b{DEAL_FR}\b{g40}\b(?:a|au|aux)\s+{DET}{C}",
       "«X confie un contrat de calcul à Y»: X buys from Y", needs="{COMPUTE_CONTEXT}"),
    _p("fr-entrusts-to-deal", "fr", BUY,
       r"\bconfi\w*\s+(?:a|au|aux)\s+{DET}{C}{g40}\b{DEAL_FR}\b",
       "«X confie à Y un contrat de calcul»: X buys from Y", needs="{COMPUTE_CONTEXT}"),
    _p("fr-take-lease-of", "fr", BUY,
       r"\b(?:prend\w*|pris|prise)\s+a\s+bail\b{g60}\b(?:de\s+|d'|du\s+|aupres\s+d(?:e\s+|'))\s*{DET}{C}",
       "«X prendra à bail le campus de Y»: X rents capacity from Y"),
    _p("en-lease-site-from", "en", BUY,
       r"\b(?:lease[sd]?|leasing|rent(?:s|ed|ing)?)\b{g60}\b(?:campus(?:es)?|data ?cent(?:er|re)s?|sites?|"
       r"facilit(?:y|ies)|capacity)\b{g40}\bfrom\s+{DET}{C}",
       "«X will lease a campus in Ohio from Y»: X rents capacity from Y"),
    _p("en-which-invests-said", "en", INVEST,
       r"(?P<a>" + E + r"),\s*(?:which|who)\s+(?:is\s+|will\s+be\s+|will\s+|would\s+|has\s+)?(?:putting in|put in|"
       r"investing|invest|injecting|contributing|committing)\s+(?:up to\s+|about\s+|as much as\s+|another\s+)?"
       r"(?:[$]|\d|[a-z-]+\s+(?:billion|million))[^,\ue001]{0,60},\s+(?:said|says|announced|added)\s+(?:that\s+)?"
       r"{DET}(?P<c>" + E + r")",
       "«X, which is putting in $N, said Y ...»: X invests in Y, the company it speaks about"),
    _p("fr-issues-shares-to", "fr", STAKE,
       r"{C}{g40}\bemet\w*\b{g20}\b(?:au profit|en faveur)\s+d(?:e\s+|')\s*{DET}{A}{g60}\bactions\b",
       "«Y émettra au profit de X pour N d'actions»: X holds shares of Y"),
    _p("en-issues-shares-to", "en", STAKE,
       r"{C}{g40}\bissu(?:e|es|ed|ing)\b{g60}\b(?:shares|stock)\b{g20}\bto\s+{DET}{A}",
       "«Y will issue $N of shares to X»: X holds shares of Y"),
    _p("fr-runs-on-chips-of", "fr", PROCURE,
       r"\b(?:entrain\w*|servi\w*|fait tourner|fera tourner|feront tourner|execut\w*|heberg\w*|deploi\w*|deploy\w*)\b"
       r"{g60}\bsur\s+(?:les\s+|des\s+|ses\s+)?{CHIP_NAMED_FR}\b{g30}\b(?:de\s+|d'|du\s+)\s*{C}",
       "«X entraînera ses modèles sur les puces Trainium d'Amazon»: X procures chips from Y"),
    _p("en-runs-on-chips-of", "en", PROCURE,
       r"\b(?:train|trains|trained|training|run|runs|running|serve|serves|serving|deploy|deploys|deploying)\b{g60}"
       r"\bon\s+{C}(?:'s|')\s+(?:[a-z0-9-]+\s+){0,2}?{CHIP_NAMED_EN}\b",
       "«X will train its models on Amazon's Trainium chips»: X procures chips from Y"),
    _p("fr-plan-of-to-invest", "fr", INVEST,
       r"\b(?:projet|plan|intention|promesse|engagement|offre)\s+(?:de\s+|d')\s*{DET}(?P<a>" + E + r")\s+"
       r"(?:de\s+|d')\s*(?:investir|injecter|apporter)\b{g60}\b(?:dans|au capital (?:de\s+|d'))\s*{DET}{C}",
       "«le projet de X d'investir N dans Y»: X invests in Y"),
    _p("en-picks-for-compute", "en", BUY,
       r"\b(?:taps?|tapped|tapping|turns? to|turned to|turning to|picks?|picked|picking|chooses|chose|chosen|"
       r"choosing|selects?|selected|selecting|enlists?|enlisted|relies on|rely on|relied on|leans on|hires?|hired)"
       r"\s+{DET}{C}\s+(?:for|to)\b{g60}(?:{COMPUTE_EN}|computing|\bhost|\brun\b|\btrain\b|\bserve\b)",
       "«X taps Y for cloud computing», «X picks Y to add capacity»: X buys compute from Y"),
    _p("fr-picks-for-compute", "fr", BUY,
       r"\b(?:a choisi|choisit|choisira|choisi|a retenu|retient|retiendra|retenu|a selectionne|selectionne|"
       r"selectionnera|s'appui\w*\s+sur|s'est appuye\w*\s+sur|mise\w*\s+sur|a mise? sur|se tourne\w*\s+vers|"
       r"s'est tourne\w*\s+vers|fait appel a|fera appel a|a fait appel a)\s*{DET}{C}{g60}"
       r"(?:{COMPUTE_FR}|\bcalcul|\bheberg\w*|\bentrain\w*|\bfaire tourner|\bcapacite)",
       "«X a choisi Y pour sa capacité de calcul», «X s'appuiera sur Y pour héberger»: X buys compute from Y"),
    _p("fr-host-workloads-of", "fr", BUY,
       r"{C}{g30}\bheberg\w*\s+(?:les|des|ses)\s+(?:charges de travail|modeles|services|applications|calculs|"
       r"serveurs)\s+(?:de\s+|d'|du\s+)\s*{DET}{A}",
       "«Y hébergera les charges de travail de X»: X buys compute from Y"),
    _p("en-pay-amount", "en", BUY,
       r"\b(?:pay|pays|paid|paying)\s+{DET}{C}\s+(?:about\s+|up to\s+|some\s+|roughly\s+|nearly\s+|around\s+)?"
       r"(?:[$€£]|us[$]|\d)",
       "«X agreed to pay Y $N» to a cloud provider or for compute: X buys compute from Y",
       needs="{COMPUTE_CONTEXT}"),
    _p("en-nearing-deal-with", "en", BUY,
       r"\b(?:nearing|nears|close to (?:signing|finali[sz]ing|reaching|clinching)?|closing in on|weighing|weighs|"
       r"considering|considers|discussing|discusses|exploring|explores|negotiating)\s+(?:a|an|the)\b{g60}"
       r"\b{DEAL_EN}\b{g40}\bwith\s+{DET}{C}",
       "«X is nearing a cloud deal with Y» (a deal not yet made, reported): by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-pair-discussing-deal", "en", BUY,
       r"(?P<a>" + E + r")\s+and\s+{DET}(?P<c>" + E + r")\s+(?:are|were|have been|had been)?\s*(?:discussing|"
       r"negotiating|in talks (?:over|about|on|for)|have agreed on|agreed on|reached)\b{g40}(?:{DEAL_EN}|{COMPUTE_EN})",
       "«X and Y are discussing a cloud deal»: by convention the one that is no cloud provider is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-pair-discussing-deal", "fr", BUY,
       r"(?P<a>" + E + r")\s+et\s+{DET}(?P<c>" + E + r")\s+(?:discut\w*|negoci\w*|se sont entendus|s'entendent|"
       r"se sont mis d'accord|sont en discussions?|sont en negociations?)\b{g40}(?:{DEAL_FR}|{COMPUTE_FR}|capacite)",
       "«X et Y discutent d'un contrat de cloud»: by convention the one that is no cloud provider is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-discusses-with", "fr", BUY,
       r"\b(?:discut\w*|est en discussions?|sont en discussions?|est en pourparlers|envisag\w*|est proche d'un accord|"
       r"serait proche d'un accord|est sur le point de signer|serait sur le point de signer)\s+avec\s+{DET}{C}{g60}"
       r"(?:{COMPUTE_FR}|{DEAL_FR}|capacite)",
       "«X discute avec Y de capacité de calcul» (reported): by convention X is the customer",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("en-one-of-customers", "en", BUY,
       r"{A}\s+(?:is\s+|was\s+|becomes\s+|became\s+|as\s+)?(?:one of|among)\s+{C}(?:'s|')\s+(?:[a-z-]+\s+){0,2}?"
       r"(?:customers|clients|tenants)\b",
       "«X, one of Y's largest customers»: X buys from Y"),
    _p("fr-one-of-clients", "fr", BUY,
       r"{A}{g30}\b(?:l'un|un|l'une|une)\s+des\s+(?:[a-z]+\s+){0,3}?clients\s+(?:de\s+|d')\s*{C}",
       "«X devient l'un des plus gros clients de Y»: X buys from Y"),
    _p("en-sold-named-stake", "en", STAKE,
       r"\b(?:sold|sells|sell|selling|divested|divests|offloaded|unloaded|exited|exits|dumped)\s+(?:off\s+)?"
       r"(?:its|their|all of its|all its|the|his|her)\s+(?:entire\s+|whole\s+|remaining\s+|full\s+)?{C}\s+"
       r"(?:stake|shares|holding|holdings|position)\b",
       "«X sold its entire Y stake»: X held a stake in Y, now ended"),
    _p("en-pair-signed-compute-deal", "en", BUY,
       r"{P}{g30}\b{SIGN_EN}\b{g40}\b(?:cloud|compute|computing|capacity|infrastructure)\b{g20}\b{DEAL_EN}\b",
       "«X and Y signed a $N cloud contract»: compute, the customer by class (a cloud provider sells)",
       default=True),
    _p("fr-pair-signed-compute-deal", "fr", BUY,
       r"{P}{g30}\b(?:ont signe|signent|signeront|ont conclu|concluent|ont noue|nouent|ont passe|ont scelle|"
       r"scellent)\b{g30}\b{DEAL_FR}\b{g30}(?:cloud|calcul|capacite|informatique)",
       "«X et Y ont signé un contrat de cloud»: compute, the customer by class (a cloud provider sells)",
       default=True),
    _p("en-pair-headline-deal", "en", BUY,
       r"(?P<pair>" + E + r"\s*[-–/]\s*" + E + r")\s*:{g40}\b(?:{DEAL_EN}|{COMPUTE_EN})",
       "«OpenAI-AWS: a $38 billion cloud contract» (a headline): compute, the customer by class",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-pair-headline-deal", "fr", BUY,
       r"(?P<pair>" + E + r"\s*[-–/]\s*" + E + r")\s*:{g40}\b(?:{DEAL_FR}|{COMPUTE_FR})",
       "«OpenAI-AWS : un contrat de cloud de 38 milliards» (un titre): compute, the customer by class",
       default=True, needs="{COMPUTE_CONTEXT}"),
    _p("fr-supplier-says-spend", "fr", BUY,
       r"{C}\s+(?:a\s+|avait\s+)?(?:indique|declare|annonce|precise|affirme|fait savoir|explique)\b{g40}"
       r"\bqu(?:e\s+|')\s*{DET}{A}{g25}\b(?:depens\w*|paier\w*|paiera\w*|payer\w*|utilis\w*|lou\w*|achet\w*|"
       r"consacr\w*|consomm\w*)\b{g60}\b(?:pour|dans|sur|en|de)\s+(?:ses|son|sa)\s+(?:[a-z-]+\s+)?"
       r"(?:services|cloud|capacites?|infrastructures?|centres? de donnees|plateformes?|puissance de calcul)",
       "«Y a indiqué qu'X dépenserait N pour ses services de cloud»: X buys compute from the speaker Y"),
    _p("fr-spend-at", "fr", BUY,
       r"\bdepens\w*\b{g60}\b(?:chez|aupres d(?:e\s+|'))\s*{DET}{C}",
       "«X dépensera N chez Y»: X buys compute from Y"),
    _p("fr-investment-of-in", "fr", INVEST,
       r"\b(?:investissements?|prises? de participation|apports?)\b{g40}\b(?:de\s+|d')\s*{DET}(?P<a>" + E
       + r"){g20}\bdans\s+{DET}{C}",
       "«l'investissement de 5 milliards de dollars de Nvidia dans Intel»: X invests in Y"),
]  # fmt: skip

#: Patterns whose clause gives a total for several parties ("xAI a levé 20 milliards avec Nvidia parmi
#: ses investisseurs"): its amount is not this party's.
TOTAL_NOT_MINE = frozenset(
    {"fr-among-investors", "en-among-investors", "en-among-the-investors-in", "fr-among-the-investors-of",
     "en-led-round", "fr-round-of", "en-among-possessive-investors", "en-round-led-by", "fr-round-led-by",
     "en-round-that-included", "fr-round-joined-by"}
)  # fmt: skip

#: Patterns whose first part restates another party's deal ("X is investing $5 billion in Y, while Z
#: will put in as much as $10 billion"): the relation's words, and its amount, start at its actor.
MATCH_FROM_ACTOR = frozenset({"en-and-another"})

#: Patterns where the counterparty names a brand of compute ("Azure compute capacity"): a chipmaker
#: there names the chips inside the capacity ("Nvidia GB300 capacity"), not the seller.
NOT_CHIPMAKER_COUNTERPARTY = frozenset({"en-named-compute", "fr-buy-compute-named"})

#: A cheap test: a clause with none of these words can hold no relation.
TRIGGERS = re.compile(
    r"accord|contrat|partena|alli|collabor|associ|acqu|achet|lou|utilis|fourni|vend|livr|invest|inject|particip|"
    r"approba|aval|autoris|consent|puce|processeur|gpu|tpu|fabricant|capacit|calcul|cloud|leve|financ|souscri|"
    r"actionna|filiale|client|deal|agreement|contract|partner|buy|bought|purchas|rent|leas|suppl|provid|sell|sold|"
    r"stake|warrant|approval|permission|chip|comput|capacity|back|fund|raise|shares|subsidiar|unit|arm\b|"
    r"customer|run|host|train|deploy|deploi|order|procur|pour|equity|sharehold|sign-off|green light|pay|paid|spend|"
    r"spent|depens|commit|engag|licen|own|hold|held|detien|deten|posse|capital|%|cent\b|verse|recev|recoi|obtien|"
    r"apport|acces|access|lettre|letter|memorandum|signe|sign|conclu|negoci|negotiat|expan|develop|construi|exploit|"
    r"data cent|centre|serveur|server|infrastructure|accelerat|memoire|memory|semi|rejoi|join|pret|loan|lend|put|"
    r"part in|round|series|serie|tour de table|dirig|mene|led\b|offtake|control|detenu|owned|build|construct|"
    r"receiv|command|decroch|remport|\bwon\b|\bwins\b|\blands?\b|\blanded\b|"
    r"develop|operat|licen|campus|site"
)

#: Words after which a mention is not the clause's subject (it is governed by a preposition).
GOVERNED = re.compile(
    r"\b(?:de|du|des|d'|of|with|avec|a|au|aux|to|from|by|par|in|dans|for|pour|sur|on|chez|aupres de|aupres d'|"
    r"entre|between|than|comme|like|such as|including|dont|notamment|via|at|into|versus|vs|against|contre|"
    r"tels? qu'|telles? qu'|tels? que|telles? que|ainsi que|aux cotes de|alongside|behind|derriere|l')"
    r"\s*(?:les?\s+|la\s+|l'|the\s+)?$"
)

#: Relative clauses closed by a comma ("OpenAI, which counts Microsoft as an investor, will ..."):
#: their mentions are not the main clause's subject.
RELATIVE = re.compile(r",\s*(?:which|who|whose|that|qui|dont|lequel|laquelle|lesquels)\b[^,]{0,150},")

ENDED = re.compile(
    r"\bon hold\b|\bpaused\b|\bshelved\b|\bhalted\b|\bstalled\b|\bmis en pause\b|\ben suspens\b|\bau point mort\b|"
    r"\bne\s+(?:[a-z']+\s+){0,3}?plus\b|\bn'[a-z]+\s+(?:[a-z']+\s+){0,2}?plus\b|\bplus besoin\b|\bcede\b|\bceder\b|"
    r"\ba vendu\b|\bvend (?:sa|toute sa|ses)\b|\bcession\b|\bs'est (?:separee?|defaite?)\b|\bmet fin\b|\bmis fin\b|"
    r"\bprend fin\b|\bpris fin\b|\bmettre fin\b|\bsupprime\b|\blibere\b|\bdesormais (?:libre|sans)\b|"
    r"\bno longer\b|\bnot\b[^.]{0,30}\b(?:anymore|any longer)\b|\bsold (?:off |all |its |their |the |out )|"
    r"\bsells? (?:its|their|all|the) |\bselling (?:its|all|the)\b|\bdivest(?:ed|s|ing)?\b|\bexit(?:ed|"
    r"s)? (?:its|the)\b|"
    r"\bunload(?:ed|s)?\b|\boffload(?:ed|s)?\b|\bended\b|\bterminated\b|\bscrapped\b|\bdropped\b|\bremoved\b|"
    r"\blifted\b|\bfreed\b|\bwithout (?:needing|requiring|having to)\b"
)
#: A negated or denied deal ("Meta has not signed a cloud deal with Oracle", «Oracle a démenti avoir
#: conclu un accord», «n'a pas confirmé le contrat»): no tie. Not saying something about a deal is no
#: negation of it ("did not disclose the amount", «n'a pas précisé le montant»), nor is "not only".
_NOT_ABOUT = (
    r"(?:disclos|reveal|comment|say|said|specif|give|gave|provid|name|identif|elaborat|respond|return|"
    r"only|just|precis|devoil|divulgu|communiqu|comment|indiqu|chiffr|detaill|commun|seulement|uniquement|"
    r"rule|exclu|yet (?:disclos|said|named))"
)
NEGATED = re.compile(
    rf"\b(?:not|never)\s+(?:yet\s+|been\s+|be\s+|have\s+|ever\s+)*(?!{_NOT_ABOUT})[a-z]|"
    rf"\b(?:hasn't|haven't|hadn't|didn't|doesn't|don't|won't|wouldn't|isn't|aren't|wasn't|weren't)\s+"
    rf"(?:yet\s+|been\s+|be\s+|have\s+)*(?!{_NOT_ABOUT})[a-z]|"
    rf"\bn'(?:a|ont|avait|avaient|est|sont|aura|aurait)\s+(?:pas|jamais|toujours pas)\s+(?:encore\s+)?"
    rf"(?:ete\s+)?(?!{_NOT_ABOUT})[a-z]|"
    rf"\bne\s+(?:[a-z']+\s+){{1,2}}?(?:pas|jamais)\s+(?!{_NOT_ABOUT})[a-z]|"
    r"\b(?:denied|denies|deny|denying|dementi|dementent|dement|a dementi|ont dementi|dismissed reports)\b|"
    # "Microsoft has no plans to invest in Anthropic", "has no intention of buying", "ruled out investing"
    r"\b(?:no|any) (?:plans?|intention|interest) (?:to|of|in)\b|\bruled out\b|\brules out\b"
)
#: A denial after the deal's words: "Reports that OpenAI would lease ... were denied by the company",
#: «une information démentie par Oracle».
NEGATED_AFTER = re.compile(
    r"^[^.;]{0,80}?\b(?:(?:was|were|has been|have been|had been) (?:denied|dismissed|refuted|rejected)|"
    r"(?:a|ont|avait) ete dementie?s?|dementie?s? par)\b"
)
LOI = re.compile(
    r"\blettres? d'intention\b|\bprotocole d'accord\b|\bletters? of intent\b|\bmemorandum of understanding\b|"
    r"\bmou\b|\bnon-binding\b|\bnon contraignant"
)
#: A deal that only may happen ("Meta could buy", «Meta pourrait acheter»); not a figure that may grow
#: ("an amount that could rise to $19.4 billion", «pourrait atteindre»).
_MAYBE = (
    r"\b(?:could|might|pourrai(?:t|ent))\s(?!(?:eventually |later |still |even )?(?:rise|grow|reach|climb|increase|"
    r"exceed|total|top|double|expand|be worth|atteindre|grimper|augmenter|depasser|monter|s'elever|doubler|"
    r"etre porte)\b)"
)
#: Words that report a deal rather than state it: a media report, anonymous sources, the
#: conditional, a deal that only may happen. A company's own filing or statement ("according to a
#: filing", "selon un document déposé par") is no report.
REPORTED = re.compile(
    r"\bselon (?!(?:un|une|le|la|les|l'|son|sa|ses) (?:document|depot|communique|accord|contrat|lettre|termes|"
    r"filing)\b)"
    rf"|\b(?:aurai(?:t|ent)|serai(?:t|ent))\b|{_MAYBE}|\breportedly\b|"
    r"\baccording to (?!(?:a|an|the|its|their) (?:filing|"
    r"statement|regulatory|securities|document|release|prospectus|company)\b)|\breport(?:ed|s)?\b|\ba rapporte\b|"
    r"\brapporte\b|\bciting\b|\bcitant\b|\bfamiliar with\b|\bau fait du dossier\b|\bproches? du dossier\b|"
    r"\bsources? (?:said|say|told|familiar|proches)\b|\bin talks\b|\ben discussions?\b|\bnegocie|\bnegotiat|"
    r"\bis said to\b|\bidentified\b|\bput (?:the|its) (?:deal's )?value\b|"
    r"\bnear(?:ing|s)? (?:a|an|the)\b|\bclose to (?:a|an|signing|finali[sz]ing|reaching|clinching)\b|"
    r"\bclosing in on\b|\bweigh(?:ing|s)? (?:a|an)\b|\bconsider(?:ing|s) (?:a|an)\b|\bexplor(?:ing|es) (?:a|an)\b|"
    r"\bdiscuss(?:ing|es)? (?:a|an)\b|\bsur le point de\b|\bproches? d'un accord\b|\benvisag\w* (?:un|une)\b|"
    r"\bdiscut\w* (?:d'un|d'une|avec|de la|du|des)\b|"
    r"\bd'apres (?:nos|des|plusieurs) (?:informations|sources)\b"
)
#: Anonymous sourcing: a reported fact whose confidence is lowered one step.
HEDGED = re.compile(
    r"\b(?:people|persons?|sources?|someone|insiders?) (?:\w+ ){0,2}(?:familiar|close|briefed|knowledgeable)\b|"
    r"\bfamiliar with the (?:matter|deal|talks|plans?|negotiations)\b|\bsources? (?:said|say|told)\b|"
    r"\bselon (?:des|plusieurs|nos|de) sources?\b|\bsources? proches?\b|\bpersonnes? (?:au fait|proches?|informees?)\b|"
    r"\bau fait du dossier\b|\bproches? du dossier\b|\bdeclined to comment\b|\bunnamed sources?\b|"
    r"\b(?:selon|d'apres) (?:nos|nos propres) informations\b|\baccording to (?:people|persons|sources|insiders)\b"
)
DEFINITIVE = re.compile(
    r"\bdefinitive agreement\b|\baccord definitif\b|\bfinali[sz]ed\b|\bfinalise\b|\bcompleted\b|\bclosed the\b"
)
CAPACITY_CONTEXT = re.compile(
    r"capacit|deploy|deploi|online|operationn|operational|en service|gigawatt|megawatt|\bgw\b|\bmw\b|livr|deliver"
)
EXPANSION_CONTEXT = re.compile(r"expansion|extension|etendre|elargi|expand|scale up|agrandi")

#: Anaphors that refer to the current topic (French, English), and object pronouns (nearest actor).
ANAPHOR = re.compile(
    r"\b(?:la societe|l'entreprise|le groupe|la start-?up|la firme|le laboratoire|la jeune pousse|le createur|"
    r"the company|the firm|the group|the startup|the start-up|the lab|the ai lab|the developer|elle|il|it)\b"
    r"(?!\s+(?:y a|faut|s'agit|sera interessant|semble|convient|reste|est (?:clair|probable|possible|difficile|"
    r"interessant)|is (?:not |un)?(?:clear|expected|likely|possible|unclear|understood|worth|hard|difficult)))"
)
OBJECT_PRONOUN = re.compile(r"\blui\b")

#: A clause opening on the deal just announced ("En contrepartie", "Under the agreement"): its
#: relations share the announcement date of the relation before them.
SAME_DEAL_OPENING = re.compile(
    r"^\W*(?:[a-z]+\s*,\s*)?(?:in return|in turn|in exchange|as part of (?:the|this|that) (?:deal|agreement|"
    r"arrangement|"
    r"partnership|transaction)|under (?:the|this|that) (?:deal|agreement|terms|contract|arrangement)|"
    r"en (?:contrepartie|echange|retour)|dans le cadre (?:de cet|de cette|de l'|du)\s?(?:accord|contrat|entente|"
    r"partenariat|operation)|selon (?:l'accord|le contrat|la lettre d'intention)|aux termes (?:de l'accord|"
    r"de cet accord|"
    r"du contrat))\b"
)
#: A clause about "the deal" without naming the parties ("L'accord aurait été conclu hier").
DEAL_MENTION = re.compile(
    r"\b(?:l'accord|le contrat|cet accord|ce contrat|l'entente|la transaction|l'operation|the deal|the agreement|"
    r"the contract|this deal|this agreement|the transaction|the pact|the commitment|this commitment|the lease|"
    r"the agreements|both agreements|the deals|both deals|l'engagement|cet engagement|le bail|les deux accords|"
    r"ces accords|les accords)\b"
)
#: A clause about the first delivery of the deal just stated ("The first gigawatt is due in the second
#: half of 2026", "Le premier bâtiment est attendu mi-2027"): its date is when the tie starts.
FIRST_DELIVERY = re.compile(
    r"\b(?:the first|a first|le premier|la premiere|les premiers|les premieres|un premier|une premiere)\s+"
    r"(?:[a-z0-9-]+\s+){0,2}?"
    r"(?:gigawatts?|megawatts?|gw|mw|buildings?|data halls?|phases?|batiments?|salles?|systems?|systemes?|racks?|"
    r"baies|deliver\w*|livraisons?|capacity|capacite|clusters?|units?|chips|puces|gpus?)\b"
)
#: Words saying a future date is when the tie starts ("the first gigawatt ... in H2 2026").
START_CONTEXT = re.compile(
    r"\b(?:first|premier|premiere|premiers|premieres|start(?:s|ing)?|begin(?:s|ning)?|commenc\w*|debut\w*|"
    r"demarr\w*|initial\w*|entrer? en service|entreront en service|mise en service|mis en service|go live|online|"
    r"due|ship(?:s|ping)?|livr\w*|deliver\w*|rollout|roll out|deploy\w*|deploi\w*|operational|operationnel\w*|"
    r"available|disponible\w*)\b"
)
