"""The aikg vocabulary as Python terms, and the prefixes every query gets.

A typo such as ``AIKG.buysComputeForm`` raises at once (``_fail = True``), the way
rdflib's own namespaces do. ``tests/test_ontology.py`` checks that this class and
``ontology/aikg.ttl`` name exactly the same terms.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: Where aikg mints the IRIs of actors, relations, sources and events.
ID = Namespace("https://w3id.org/ai-infra-kg/id/")
ACTOR = Namespace("https://w3id.org/ai-infra-kg/id/actor/")
RELATION = Namespace("https://w3id.org/ai-infra-kg/id/relation/")
SOURCE = Namespace("https://w3id.org/ai-infra-kg/id/source/")
EVENT = Namespace("https://w3id.org/ai-infra-kg/id/event/")

ONTOLOGY_IRI = URIRef("https://w3id.org/ai-infra-kg/ontology")


class AIKG(DefinedNamespace):
    """The aikg ontology: actors, relation types, relation nodes, sources, events."""

    _fail = True
    _NS = Namespace("https://w3id.org/ai-infra-kg/ontology#")

    # Actor classes, all under org:Organization
    Actor: URIRef  # any organisation taking part in AI-infrastructure relations
    AILab: URIRef  # builds AI models (OpenAI, Anthropic)
    CloudProvider: URIRef  # sells compute as a service (AWS, Oracle, CoreWeave)
    Chipmaker: URIRef  # designs or makes chips (Nvidia, AMD, Broadcom)
    HardwareVendor: URIRef  # sells systems around others' chips (Dell, Cisco)
    Investor: URIRef  # mainly provides capital (SoftBank)
    Conglomerate: URIRef  # parent company (Amazon for AWS)
    SovereignEntity: URIRef  # a state or a state fund (UAE, Mubadala)
    DataCenterVenture: URIRef  # a data-center joint venture (Stargate)
    DataCenterDeveloper: URIRef  # builds or runs sites for others (Crusoe)
    EnergyCompany: URIRef  # powers data centers (SB Energy)

    # Relation types: object properties under org:linkedTo
    buysComputeFrom: URIRef  # subject is the compute customer
    partnersWith: URIRef  # symmetric partnership
    needsApprovalFrom: URIRef  # subject needs the object's consent
    hasRightOfFirstRefusal: URIRef  # subject holds a ROFR over the object's new business
    suppliesChipsTo: URIRef  # subject sells chips to the object
    procuresChipsFrom: URIRef  # subject buys chips from the object
    investsIn: URIRef  # subject puts money into the object
    ownsStakeIn: URIRef  # subject holds equity (or a warrant) in the object
    subsidiaryOf: URIRef  # subject is controlled by the object
    memberOfJointVenture: URIRef  # subject takes part in the venture (or with the co-venturer)

    # Relation nodes (n-ary pattern)
    Relation: URIRef  # one tie as a node with dates, value and sources
    actor: URIRef  # subject side of a relation, or the actor of a commitment
    counterparty: URIRef  # object side of a relation
    relationType: URIRef  # which relation type the node stands for
    announced: URIRef  # announcement date (xsd:date, gYearMonth or gYear)
    validFrom: URIRef  # start of validity
    validUntil: URIRef  # end of validity, absent while in force
    value: URIRef  # headline amount, xsd:decimal
    unit: URIRef  # unit of the value (ISO 4217 code, GW, MW, percent, shares)
    valueIsLowerBound: URIRef  # the value is a floor ("more than")
    duration: URIRef  # xsd:duration of the term
    durationNote: URIRef  # the term in words where it is not an exact duration
    fullCapacityBy: URIRef  # all capacity deployed before the end of this period
    expansionFrom: URIRef  # expansion possible from this period
    purpose: URIRef  # what the tie is for
    status: URIRef  # announced, letter-of-intent, definitive, reported, ended, extracted
    statedStatus: URIRef  # for an extracted candidate: the status its text states
    confidence: URIRef  # high, medium, low
    roleNote: URIRef  # what the tie consists of
    note: URIRef  # caveats and corroborating sources
    dateRule: URIRef  # how a relative date was resolved
    factId: URIRef  # identifier in the source layer (A01, F001)
    startedBy: URIRef  # event that started the relation
    endedBy: URIRef  # event that ended the relation
    sameRelationAs: URIRef  # symmetric: another node (often of another layer) stating the same tie

    # Revisions: a later relation (subject) and the earlier one it changes (object)
    supersedes: URIRef  # replaces the earlier relation; sub of prov:wasRevisionOf, dcterms:replaces
    ends: URIRef  # brings the earlier relation to an end
    extends: URIRef  # adds to the earlier relation, which stays in force
    completes: URIRef  # records the closing of what the earlier relation announced

    # Sources and evidence
    Source: URIRef  # a document facts come from
    Evidence: URIRef  # the span of a source behind a fact
    inSource: URIRef  # evidence -> source
    quote: URIRef  # exact text span
    startOffset: URIRef  # first character of the span
    endOffset: URIRef  # one past the last character
    textFile: URIRef  # shipped text of a source, relative to data/
    valueEvidence: URIRef  # evidence for one value of a fact (amount, a party's name); sub of prov:wasDerivedFrom
    dateEvidence: URIRef  # evidence for one date, bound or duration, with its aikg:dateRule
    evidenceFor: URIRef  # the property of the fact an evidence node supports

    # Commitments, claims, events
    Commitment: URIRef  # a plan of one actor, not a tie
    Claim: URIRef  # an opinion attributed to someone
    claimedBy: URIRef  # who holds the claim
    about: URIRef  # actor a claim or event concerns, or the relation a disputed claim concerns
    DisputedClaim: URIRef  # one source's side of a contradiction between sources
    disputedProperty: URIRef  # the relation's property the sources disagree on
    claimedValue: URIRef  # the value this source gives (typed literal, or the source's words)
    shortName: URIRef  # command-line handle of an event

    # How to read a relation (written in the data)
    dealStage: URIRef  # "talks": never signed, not counted by default
    valueBasis: URIRef  # incremental, cumulative, maximum, part, level
    valueIncludes: URIRef  # total -> a part its value already includes

    # Derived at load time by graph.rules (never written by hand)
    primaryStatement: URIRef  # the statement representing the deal
    effectiveStart: URIRef  # first day in force (xsd:date)
    startBasis: URIRef  # how the start was read
    effectiveEnd: URIRef  # first day no longer in force (xsd:date)
    endBasis: URIRef  # stated, revision, event
    endedByRelation: URIRef  # the later relation that ended it
    statusClass: URIRef  # definitive ... talks, extracted
    countedByDefault: URIRef  # xsd:boolean
    valueCountsIn: URIRef  # a total whose value includes this one's
    valueCountsFrom: URIRef  # first day the value counts in sums
    addableValue: URIRef  # the value as it enters sums (primary statement; absent for levels)
    InForcePeriod: URIRef  # a span in which a deal links two given actors
    periodOf: URIRef  # period -> deal (primary statement)
    periodActor: URIRef  # subject side during the period
    periodCounterparty: URIRef  # object side during the period
    periodStart: URIRef  # first day of the period
    periodEnd: URIRef  # first day after the period
    viaSuccessorOf: URIRef  # absorbed party drawn on its successor
    Derivation: URIRef  # record of the rules applied
    dataHorizon: URIRef  # the data's last recorded happening
    rulesVersion: URIRef  # version of the rules that derived


#: Relation types in a stable order, the order reports and legends use.
RELATION_TYPES: tuple[URIRef, ...] = (
    AIKG.buysComputeFrom,
    AIKG.procuresChipsFrom,
    AIKG.suppliesChipsTo,
    AIKG.needsApprovalFrom,
    AIKG.hasRightOfFirstRefusal,
    AIKG.partnersWith,
    AIKG.investsIn,
    AIKG.ownsStakeIn,
    AIKG.subsidiaryOf,
    AIKG.memberOfJointVenture,
)

ACTOR_CLASSES: tuple[URIRef, ...] = (
    AIKG.AILab,
    AIKG.CloudProvider,
    AIKG.Chipmaker,
    AIKG.HardwareVendor,
    AIKG.Investor,
    AIKG.Conglomerate,
    AIKG.SovereignEntity,
    AIKG.DataCenterVenture,
    AIKG.DataCenterDeveloper,
    AIKG.EnergyCompany,
    AIKG.Actor,
)

STATUSES: tuple[str, ...] = (
    "announced",
    "letter-of-intent",
    "definitive",
    "reported",
    "ended",
    "extracted",
)
CONFIDENCES: tuple[str, ...] = ("high", "medium", "low")

#: Links from a later relation to an earlier one, in a stable order. The first two end the
#: earlier relation (graph.network.snapshot); the other two leave it in force.
REVISION_LINKS: tuple[URIRef, ...] = (AIKG.ends, AIKG.supersedes, AIKG.extends, AIKG.completes)
ENDING_LINKS: tuple[URIRef, ...] = (AIKG.ends, AIKG.supersedes)

#: Prefixes predeclared in every query and used when writing Turtle.
PREFIXES: dict[str, Namespace] = {
    "aikg": Namespace(str(AIKG._NS)),
    "actor": ACTOR,
    "relation": RELATION,
    "source": SOURCE,
    "event": EVENT,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "schema": SCHEMA,
    "skos": Namespace(str(SKOS)),
    "dcterms": Namespace(str(DCTERMS)),
    "wd": WD,
}


def local_name(iri: str) -> str:
    """Return the part of an IRI after its last ``#`` or ``/``."""
    return str(iri).rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
