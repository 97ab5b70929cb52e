"""Stage 2b: derive the direct actor-to-actor triples from relation nodes.

The rule (also in the README): a relation node whose status is neither ``ended`` nor
``extracted``, that has no ``aikg:validUntil``, that no loaded later relation ends or
supersedes (``aikg:ends``, ``aikg:supersedes``) and that no event ended (``aikg:endedBy``)
yields the triple ``actor --relationType--> counterparty``. Symmetric types (``partnersWith``)
also yield the reverse triple, and a type with an ``owl:inverseOf`` yields the inverse triple
(``A procuresChipsFrom B`` gives ``B suppliesChipsTo A``). So ``?x aikg:buysComputeFrom ?y``
answers "who buys from whom now, as far as the data knows" without touching relation nodes.
The rule reads no clock: a relation with a stated end, even a future one, yields no direct
triple; ask the relation nodes or a snapshot for any date.

Relation nodes linked with ``aikg:sameRelationAs`` (two layers stating the same tie) share
their sources: when both nodes are loaded, each gets the other's ``prov:wasDerivedFrom``
evidence, along chains of up to two links. When one of them is absent (its layer is not loaded),
nothing happens.

It is SPARQL Update, so it runs the same on every store.
"""

from __future__ import annotations

from rdflib import Graph

# Relations ended by a later relation (aikg:ends, aikg:supersedes) or by an event
# (aikg:endedBy) are removed with MINUS on those links, which are few: the right-hand sides are
# evaluated once, anchored on the link triples, not once per relation node.
_IN_FORCE = """
  ?r a aikg:Relation ; aikg:actor ?a ; aikg:relationType ?p ; aikg:counterparty ?b .
  FILTER NOT EXISTS { ?r aikg:validUntil ?until }
  FILTER NOT EXISTS { ?r aikg:status ?s . FILTER(?s IN ("ended", "extracted")) }
  MINUS { ?later aikg:ends ?r . FILTER EXISTS { ?later a aikg:Relation } }
  MINUS { ?later aikg:supersedes ?r . FILTER EXISTS { ?later a aikg:Relation } }
  MINUS { ?r aikg:endedBy ?event . }
"""

#: Relations stating the same tie (aikg:sameRelationAs, either direction, chains too) carry
#: each other's sources, when both are loaded.
# Linked groups are small (the same tie stated by two or three layers): the pattern follows at
# most two links, as single triple-pattern groups after the links are made symmetric. Property
# paths or a UNION joined to further patterns made rdflib's engine take minutes here.
SHARE_SOURCES = """INSERT { ?b aikg:sameRelationAs ?a } WHERE { ?a aikg:sameRelationAs ?b . ?b a aikg:Relation } ;
INSERT { ?r prov:wasDerivedFrom ?ev } WHERE {
  ?r aikg:sameRelationAs ?other . ?other prov:wasDerivedFrom ?ev . FILTER(?other != ?r)
} ;
INSERT { ?r prov:wasDerivedFrom ?ev } WHERE {
  ?r aikg:sameRelationAs ?mid . ?mid aikg:sameRelationAs ?other . ?other prov:wasDerivedFrom ?ev .
  FILTER(?other != ?r)
}"""

# Three operations rather than one template: some engines drop a whole template row when one
# of its variables is unbound, instead of only the triple that names it.
DERIVE_UPDATE = f"""
PREFIX aikg: <https://w3id.org/aikg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
INSERT {{ ?a ?p ?b }} WHERE {{ {_IN_FORCE} }} ;
INSERT {{ ?b ?p ?a }} WHERE {{ {_IN_FORCE} ?p a owl:SymmetricProperty . }} ;
INSERT {{ ?b ?inv ?a }} WHERE {{ {_IN_FORCE} {{ ?p owl:inverseOf ?inv }} UNION {{ ?inv owl:inverseOf ?p }} }} ;
{SHARE_SOURCES}
"""


def derive_direct_edges(graph: Graph) -> int:
    """Add the derived direct triples to ``graph``; return how many triples were added."""
    before = len(graph)
    graph.update(DERIVE_UPDATE)
    return len(graph) - before
