"""The ontology parses, every term is labelled in English and French, and the Python
vocabulary names exactly the terms the Turtle file defines."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import ORG, OWL, RDF, RDFS

from graph.core import resources
from graph.core.vocab import ACTOR_CLASSES, AIKG, RELATION_TYPES

NS = str(AIKG._NS)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_file())


def defined_terms(g: Graph) -> set[str]:
    return {str(s)[len(NS) :] for s in g.subjects(RDF.type, None) if str(s).startswith(NS)}


def test_ontology_header_has_version(onto):
    ontology = URIRef("https://w3id.org/ai-infra-kg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None


def test_vocab_class_and_turtle_name_the_same_terms(onto):
    in_python = {name for name in AIKG.__annotations__}
    assert in_python == defined_terms(onto)


def test_vocab_rejects_a_typo():
    with pytest.raises(AttributeError):
        AIKG.buysComputeForm  # noqa: B018


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_term_has_english_and_french(onto, prop):
    missing = []
    for term in sorted(defined_terms(onto)):
        langs = {lit.language for lit in onto.objects(URIRef(NS + term), prop)}
        if not {"en", "fr"} <= langs:
            missing.append(term)
    assert missing == []


def test_actor_classes_specialise_org_organization(onto):
    assert (AIKG.Actor, RDFS.subClassOf, ORG.Organization) in onto
    for cls in ACTOR_CLASSES:
        if cls != AIKG.Actor:
            assert (cls, RDFS.subClassOf, AIKG.Actor) in onto, cls


def test_relation_types_specialise_org_linked_to_with_domain_and_range(onto):
    for prop in RELATION_TYPES:
        assert (prop, RDFS.subPropertyOf, ORG.linkedTo) in onto, prop
        assert (prop, RDFS.domain, AIKG.Actor) in onto, prop
        assert (prop, RDFS.range, AIKG.Actor) in onto, prop


def test_partnership_is_symmetric_and_chip_relations_are_inverses(onto):
    assert (AIKG.partnersWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (AIKG.suppliesChipsTo, OWL.inverseOf, AIKG.procuresChipsFrom) in onto
    assert (AIKG.buysComputeFrom, RDF.type, OWL.SymmetricProperty) not in onto


def test_shapes_parse_and_target_the_core_classes():
    shapes = Graph().parse(resources.shapes_file())
    sh = "http://www.w3.org/ns/shacl#"
    targets = set(shapes.objects(None, URIRef(sh + "targetClass")))
    assert {AIKG.Relation, AIKG.Actor, AIKG.Evidence, AIKG.Source, ORG.ChangeEvent} <= targets
