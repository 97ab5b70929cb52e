"""The shapes mean the same to a second SHACL engine: Apache Jena's (from Debian) agrees with
pySHACL on the shipped data (both conform) and on broken data (the same results, by focus node,
path and constraint). Filter-only ``NOT EXISTS { FILTER(...) }`` patterns made Jena report every
pair of linked statements; ``ontology/shapes.ttl`` now writes them ``FILTER(!(...))``."""

from __future__ import annotations

from collections import Counter

import pyshacl
import pytest
from rdflib import Graph
from rdflib.namespace import SH

from graph.core import resources
from graph.sources.rdf_files import parse_file
from graph.store.memory import load_graph

from .conftest import PREFIXES_TTL, write
from .outputs_tools import jena

# Every kind of constraint the shapes use, broken once (and two links that are right: a
# symmetric tie stated the other way round, and an inverse type), on the article's actors.
BROKEN = """
ex:r1 a aikg:Relation ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:aws ;
    aikg:validFrom "2026-05-01"^^xsd:date ; aikg:validUntil "2025-01-01"^^xsd:date ;
    aikg:value "-5"^^xsd:decimal ; aikg:unit "usd" ;
    aikg:status "maybe" ; aikg:confidence "certain" ;
    prov:wasDerivedFrom ex:ev1 ;
    aikg:extends ex:src .
ex:ev1 a aikg:Evidence ; aikg:startOffset 10 ; aikg:endOffset 5 .
ex:r2 a aikg:Relation ;
    aikg:actor actor:openai ; aikg:relationType aikg:partnersWith ; aikg:counterparty actor:oracle ;
    aikg:status "announced" ; prov:wasDerivedFrom ex:ev2 ;
    aikg:sameRelationAs ex:r3 , ex:r2 ; aikg:supersedes ex:r2 .
ex:ev2 a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source .
ex:r3 a aikg:Relation ;
    aikg:actor actor:oracle ; aikg:relationType aikg:partnersWith ; aikg:counterparty actor:openai ;
    aikg:status "announced" ; prov:wasDerivedFrom ex:ev2 ; aikg:sameRelationAs ex:r4 .
ex:r4 a aikg:Relation ;
    aikg:actor actor:nvidia ; aikg:relationType aikg:suppliesChipsTo ; aikg:counterparty actor:oracle ;
    aikg:status "reported" ; prov:wasDerivedFrom ex:ev2 .
ex:r5 a aikg:Relation ;
    aikg:actor actor:nvidia ; aikg:relationType aikg:suppliesChipsTo ; aikg:counterparty actor:openai ;
    aikg:status "reported" ; prov:wasDerivedFrom ex:ev2 ; aikg:sameRelationAs ex:r6 .
ex:r6 a aikg:Relation ;
    aikg:actor actor:openai ; aikg:relationType aikg:procuresChipsFrom ; aikg:counterparty actor:nvidia ;
    aikg:status "reported" ; prov:wasDerivedFrom ex:ev2 .
ex:c1 a aikg:DisputedClaim ; aikg:claimedBy "some analysts" ; prov:wasDerivedFrom ex:ev2 ;
    aikg:about ex:r1 ; aikg:disputedProperty aikg:value ; aikg:claimedValue "5"^^xsd:decimal .
ex:notrel aikg:ends ex:r1 .
ex:e1 a org:ChangeEvent .
"""


def _results(report: Graph) -> tuple[bool, Counter]:
    (conforms,) = report.objects(None, SH.conforms)
    found = Counter(
        (
            str(report.value(r, SH.focusNode)),
            str(report.value(r, SH.resultPath) or "-"),
            str(report.value(r, SH.sourceConstraintComponent)),
        )
        for r in report.objects(None, SH.result)
    )
    return bool(conforms.toPython()), found


def _both_engines(graph: Graph, tmp_path) -> tuple[tuple[bool, Counter], tuple[bool, Counter]]:
    """pySHACL as ``aikg validate`` runs it, and Jena's SHACL on the same triples and shapes."""
    shapes = parse_file(resources.shapes_file())
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    data = tmp_path / "data.nt"
    data.write_text(graph.serialize(format="nt"), encoding="utf-8")
    run = jena("shacl.shacl", "validate", "--shapes", resources.shapes_file(), "--data", data)
    assert run.returncode == 0, run.stderr[-2000:]
    return _results(report), _results(Graph().parse(data=run.stdout, format="turtle"))


@pytest.mark.slow
def test_jena_and_pyshacl_both_find_the_shipped_data_valid(tmp_path):
    ours, theirs = _both_engines(load_graph(), tmp_path)
    assert ours == (True, Counter())
    assert theirs == (True, Counter())


@pytest.mark.slow
def test_jena_and_pyshacl_report_the_same_violations_on_broken_data(tmp_path):
    broken = write(tmp_path / "broken.ttl", PREFIXES_TTL + BROKEN)
    ours, theirs = _both_engines(load_graph(layers="article", data=[broken]), tmp_path)
    assert ours[0] is False and theirs[0] is False
    assert ours[1] == theirs[1]
    ex = "http://example.org/"
    aikg = "https://w3id.org/ai-infra-kg/ontology#"
    found = {(focus, path) for focus, path, _ in ours[1]}
    # One of each kind, and nothing on the links that are right (r2/r3 reversed, r5/r6 inverse).
    assert (ex + "r3", aikg + "sameRelationAs") in found and (ex + "r2", aikg + "sameRelationAs") in found
    assert ours[1][(ex + "r2", aikg + "sameRelationAs", str(SH.SPARQLConstraintComponent))] == 1  # to itself only
    assert not any(focus in (ex + "r5", ex + "r6", ex + "r4") for focus, _ in found)
    assert len(ours[1]) == 17
