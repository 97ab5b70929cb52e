"""Each SHACL rule rejects a hand-made bad graph, and accepts the same graph once mended."""

from __future__ import annotations

import pytest

from graph.store.memory import load_graph
from graph.validation.shacl import validate

from .conftest import PREFIXES_TTL, write

GOOD_RELATION = """
ex:r a aikg:Relation ; aikg:factId "T1" ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:oracle ;
    aikg:validFrom "2025-07"^^xsd:gYearMonth ; aikg:validUntil "2026"^^xsd:gYear ;
    aikg:value 300000000000.0 ; aikg:unit "USD" ; aikg:duration "P5Y"^^xsd:duration ;
    aikg:status "reported" ; aikg:confidence "medium" ;
    prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src ; aikg:startOffset 0 ; aikg:endOffset 4 .
ex:src a aikg:Source ; dcterms:title "A report" ; dcterms:issued "2025-09-10"^^xsd:date .
"""


def violations(tmp_path, body: str):
    path = write(tmp_path / "user.ttl", PREFIXES_TTL + body)
    return validate(load_graph(layers=[], data=[path]))


def test_the_good_graph_is_valid(tmp_path):
    assert violations(tmp_path, GOOD_RELATION) == []


def test_the_shipped_data_is_valid():
    assert validate(load_graph()) == []


BAD_CASES = {
    "missing actor": (
        ("aikg:actor actor:openai ;", ""),
        "aikg:actor",
        "exactly one aikg:actor",
    ),
    "party of no actor class": (
        ("aikg:counterparty actor:oracle", "aikg:counterparty ex:notAnActor"),
        "aikg:counterparty",
        "typed as an actor class",
    ),
    "two relation types": (
        (
            "aikg:relationType aikg:buysComputeFrom ;",
            "aikg:relationType aikg:buysComputeFrom , aikg:investsIn ;",
        ),
        "aikg:relationType",
        "exactly one aikg:relationType",
    ),
    "unknown relation type": (
        ("aikg:relationType aikg:buysComputeFrom ;", "aikg:relationType ex:likes ;"),
        "aikg:relationType",
        "one of the ontology's relation types",
    ),
    "ill-formed date": (
        ('"2025-07"^^xsd:gYearMonth', '"2025-13-40"^^xsd:date'),
        "aikg:validFrom",
        "must be one xsd:date",
    ),
    "date as plain text": (
        ('"2025-07"^^xsd:gYearMonth', '"July 2025"'),
        "aikg:validFrom",
        "must be one xsd:date",
    ),
    "valid-from after valid-until": (
        ('"2025-07"^^xsd:gYearMonth', '"2027-01-01"^^xsd:date'),
        "aikg:validFrom",
        "is after aikg:validUntil",
    ),
    "negative value": (
        ("300000000000.0", "-1.0"),
        "aikg:value",
        "non-negative",
    ),
    "value without unit": (
        ('aikg:unit "USD" ;', ""),
        "aikg:unit",
        "without aikg:unit",
    ),
    "unknown unit": (
        ('aikg:unit "USD" ;', 'aikg:unit "dollars" ;'),
        "aikg:unit",
        "ISO 4217",
    ),
    "bad duration": (
        ('"P5Y"^^xsd:duration', '"five years"'),
        "aikg:duration",
        "xsd:duration",
    ),
    "unknown status": (
        ('aikg:status "reported"', 'aikg:status "rumoured"'),
        "aikg:status",
        "exactly one aikg:status",
    ),
    "unknown confidence": (
        ('aikg:confidence "medium"', 'aikg:confidence "certain"'),
        "aikg:confidence",
        "high, medium or low",
    ),
    "no source": (
        ("prov:wasDerivedFrom ex:ev .", "."),
        "prov:wasDerivedFrom",
        "at least one source",
    ),
    "evidence without source": (
        ("aikg:inSource ex:src ;", ""),
        "aikg:inSource",
        "exactly one aikg:inSource",
    ),
    "offsets reversed": (
        ("aikg:startOffset 0 ; aikg:endOffset 4", "aikg:startOffset 9 ; aikg:endOffset 4"),
        "aikg:startOffset",
        "after aikg:endOffset",
    ),
    "source without title or url": (
        ('dcterms:title "A report" ;', ""),
        "-",
        "dcterms:title or a schema:url",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_each_rule_rejects_a_bad_graph(tmp_path, case):
    (old, new), prop, message = BAD_CASES[case]
    assert old in GOOD_RELATION, case
    found = violations(tmp_path, GOOD_RELATION.replace(old, new, 1))
    assert any(v.property == prop and message in v.message for v in found), [v.line() for v in found]


def test_violation_lines_name_the_relation_readably(tmp_path):
    found = violations(tmp_path, GOOD_RELATION.replace('aikg:status "reported"', 'aikg:status "x"'))
    (line,) = [v.line() for v in found]
    assert line.startswith("T1: OpenAI buys compute from Oracle <http://example.org/r> | aikg:status |")


def test_event_needs_a_date(tmp_path):
    body = 'ex:e a org:ChangeEvent ; rdfs:label "An event"@en ; prov:wasDerivedFrom ex:ev .\n'
    body += 'ex:ev a aikg:Evidence ; aikg:inSource ex:src .\nex:src a aikg:Source ; dcterms:title "T" .\n'
    found = violations(tmp_path, body)
    assert any(v.property == "prov:startedAtTime" for v in found)


def test_actor_needs_a_label(tmp_path):
    found = violations(tmp_path, "ex:x a aikg:Chipmaker .\n")
    assert any(v.property == "rdfs:label" for v in found)
