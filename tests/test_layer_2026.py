"""The 2026 layer: every row of the 2026 fact set imported and equal to its CSV row, regenerated
byte for byte, valid with the other layers, loaded by default; its actors and change events; and
the acquisition of xAI by SpaceX placing xAI's ties on the right actor on either side of the date."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from graph.core.dates import parse_date, xsd_datatype
from graph.core.vocab import ACTOR, AIKG, EVENT, RELATION, SCHEMA
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.query.actors import resolve_actor
from graph.sources.csv_facts import RELATION_NAMES, STATUS_ALIASES, format_duration, url_source
from graph.store.memory import load_graph

from .conftest import ROOT

LAYER = ROOT / "data" / "public-2026"
SHARED = Path("/work/shared/reference")
XAI, SPACEX = str(ACTOR.xai), str(ACTOR.spacex)


@pytest.fixture(scope="module")
def everything() -> Graph:
    return load_graph()


@pytest.fixture(scope="module")
def data(everything):
    return fetch_network(everything)


def csv_rows() -> list[tuple[int, dict[str, str]]]:
    text = (LAYER / "ai-infra-facts-2026.csv").read_text(encoding="utf-8")
    return [(n, row) for n, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2)]


def test_the_copies_are_those_of_the_shared_folder():
    listed = dict(
        (name, sha) for sha, name in re.findall(r"^\s+([0-9a-f]{40})  (\S+)$", (LAYER / "SOURCE.md").read_text(), re.M)
    )
    assert set(listed) == {"ai-infra-facts-2026.csv", "ai-infra-facts-2026.md"}
    for name, sha in listed.items():
        assert hashlib.sha1((LAYER / name).read_bytes()).hexdigest() == sha, name
        if (SHARED / name).is_file():
            assert (SHARED / name).read_bytes() == (LAYER / name).read_bytes(), name


def test_every_row_is_a_relation_equal_to_its_csv_row(everything):
    g = everything
    rows = csv_rows()
    assert [r["id"] for _, r in rows] == [f"F{n}" for n in range(118, 184)]
    for number, row in rows:
        r = RELATION[row["id"]]
        assert (r, RDF.type, AIKG.Relation) in g, row["id"]
        assert g.value(r, AIKG.factId) == Literal(row["id"])
        assert g.value(r, AIKG.actor) == resolve_actor(g, row["subject"]), row["id"]
        assert g.value(r, AIKG.counterparty) == resolve_actor(g, row["object"]), row["id"]
        assert g.value(r, AIKG.relationType) == RELATION_NAMES[row["relation"]], row["id"]
        for col, p in (("announced", AIKG.announced), ("valid_from", AIKG.validFrom), ("valid_until", AIKG.validUntil)):
            if row[col]:
                text, precision = parse_date(row[col], col)
                assert g.value(r, p) == Literal(text, datatype=XSD[xsd_datatype(precision)]), (row["id"], col)
            else:
                assert g.value(r, p) is None, (row["id"], col)
        if row["value"]:
            assert Decimal(str(g.value(r, AIKG.value))) == Decimal(row["value"]), row["id"]
            assert str(g.value(r, AIKG.unit)) == row["unit"]
        else:
            assert g.value(r, AIKG.value) is None
        if row["duration"]:
            iso = format_duration(row["duration"])
            got = g.value(r, AIKG.duration) if iso else g.value(r, AIKG.durationNote)
            assert str(got) == (iso or row["duration"]), row["id"]
        assert str(g.value(r, AIKG.status)) == STATUS_ALIASES.get(row["status"], row["status"])
        assert str(g.value(r, AIKG.confidence)) == row["confidence"]
        assert str(g.value(r, AIKG.roleNote)) == row["role_note"]
        assert str(g.value(r, AIKG.note) or "") == row["notes"]
        sources = {g.value(ev, AIKG.inSource) for ev in g.objects(r, PROV.wasDerivedFrom)}
        page = url_source(row["source_url"])
        assert page in sources, row["id"]
        assert g.value(page, SCHEMA.url) == Literal(row["source_url"], datatype=XSD.anyURI)
        csv_notes = {str(g.value(ev, AIKG.note)) for ev in g.objects(r, PROV.wasDerivedFrom)}
        assert f"ai-infra-facts-2026.csv, row {number}" in csv_notes, row["id"]


def test_the_layer_validates_with_the_others_and_is_loaded_by_default(cli):
    from graph.core import resources

    assert resources.layer_names() == ["article", "public", "public-2026", "public-2026b"]
    for layers in ("public,public-2026", "article,public,public-2026"):
        r = cli("validate", "--layers", layers)
        assert r.code == 0, (layers, r.out)
    r = cli("validate")
    assert r.code == 0 and r.out.startswith("valid")


def test_regenerating_the_layer_gives_the_same_bytes(tmp_path):
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate-public-2026-layer"), "--out-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "revisions.ttl (40 links)" in r.stderr
    assert "disputes.ttl (52 claims)" in r.stderr
    for name in ("facts.ttl", "actors.ttl", "revisions.ttl", "disputes.ttl"):
        assert (tmp_path / name).read_bytes() == (LAYER / name).read_bytes(), name


def test_regenerating_the_2026b_layer_gives_the_same_bytes(tmp_path):
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regenerate-public-2026b-layer"), "--out-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "disputes.ttl (28 claims)" in r.stderr
    layer = ROOT / "data" / "public-2026b"
    for name in ("facts.ttl", "actors.ttl", "revisions.ttl", "readings.ttl", "disputes.ttl"):
        assert (tmp_path / name).read_bytes() == (layer / name).read_bytes(), name


def test_new_actors_are_those_of_actors_csv_with_two_labels_and_no_identity():
    new = Graph().parse(LAYER / "actors.ttl")
    actors = set(new.subjects(RDF.type, None))
    assert {a.split("/")[-1] for a in actors} == {"akamai", "cerebras", "groq", "sb-energy", "spacex", "terafab"}
    for row in csv.DictReader(io.StringIO((LAYER / "actors.csv").read_text(encoding="utf-8"))):
        (iri,) = [a for a in actors if Literal(row["name"], lang="en") in set(new.objects(a, RDFS.label))]
        # the class column may name several classes (Cerebras: Chipmaker;CloudProvider)
        assert set(new.objects(iri, RDF.type)) == {AIKG[c] for c in row["class"].split(";")}, row["name"]
        assert {lit.language for lit in new.objects(iri, RDFS.label)} == {"en", "fr"}
    assert not list(new.subject_objects(OWL.sameAs))


def test_change_events_with_their_organisations_and_sources(everything):
    from rdflib.namespace import ORG

    g = everything
    amendment = EVENT["microsoft-openai-amendment-2026"]
    assert str(g.value(amendment, AIKG.shortName)) == "amendment"
    assert g.value(amendment, PROV.startedAtTime) == Literal("2026-04-27", datatype=XSD.date)
    assert {lit.language for lit in g.objects(amendment, RDFS.label)} == {"en", "fr"}
    assert set(g.objects(amendment, AIKG.about)) == {ACTOR.openai, ACTOR.microsoft}
    urls = {str(g.value(g.value(ev, AIKG.inSource), SCHEMA.url)) for ev in g.objects(amendment, PROV.wasDerivedFrom)}
    rows = {r["id"]: r for _, r in csv_rows()}
    assert urls == {rows[f]["source_url"] for f in ("F173", "F174", "F175", "F176", "F177")}
    acquisition = EVENT["spacex-acquires-xai-2026"]
    assert g.value(acquisition, PROV.startedAtTime) == Literal("2026-02-02", datatype=XSD.date)
    assert set(g.objects(acquisition, ORG.originalOrganization)) == {ACTOR.xai, ACTOR.spacex}
    assert set(g.objects(acquisition, ORG.resultingOrganization)) == {ACTOR.spacex}
    assert g.value(g.value(acquisition, PROV.wasDerivedFrom), AIKG.inSource) == url_source(rows["F131"]["source_url"])
    fold = EVENT["nscale-aker-jv-2026"]
    assert set(g.objects(fold, ORG.originalOrganization)) == set(g.objects(fold, ORG.resultingOrganization))
    started = {r.split("/")[-1] for r in g.subjects(AIKG.startedBy, amendment)}
    ended = {r.split("/")[-1] for r in g.subjects(AIKG.endedBy, amendment)}
    assert (started, ended) == ({"F173", "F174", "F177"}, {"F146", "F154", "F175", "F176"})


def _ties(G, actor: str) -> set[tuple[str, str, str]]:
    return {(u.split("/")[-1], v.split("/")[-1], k) for u, v, k in G.edges(keys=True) if actor in (u, v)}


def test_before_the_acquisition_xai_ties_are_on_xai(data):
    G = snapshot(data, "2026-01-15")
    ties = _ties(G, XAI)
    assert {
        ("xai", "oracle", "buysComputeFrom:F031"),
        ("nvidia", "xai", "investsIn:F064"),
        ("nvidia", "xai", "investsIn:F122"),
        ("mgx", "xai", "investsIn:F123"),
    } <= ties
    assert _ties(G, SPACEX) == set()
    assert not any(d.get("via_successor_of") for _, _, d in G.edges(data=True))


def test_after_the_acquisition_xai_ties_are_on_spacex(data):
    G = snapshot(data, "2026-03-01")
    assert _ties(G, XAI) == {("xai", "spacex", "subsidiaryOf:F131")}  # the acquisition itself stays
    ties = _ties(G, SPACEX)
    assert {
        ("spacex", "oracle", "buysComputeFrom:F031"),
        ("nvidia", "spacex", "investsIn:F064"),
        ("nvidia", "spacex", "investsIn:F122"),
        ("mgx", "spacex", "investsIn:F123"),
    } <= ties
    d = G.edges[str(ACTOR.nvidia), SPACEX, "investsIn:F122"]
    assert d["via_successor_of"] == [XAI]
    assert d["successor_event"] == str(EVENT["spacex-acquires-xai-2026"])
    assert d["relation"] == str(RELATION["F122"]) and d["fact_ids"] == ["F122"]
    # the day itself counts as after, the day before as before
    assert ("spacex", "oracle", "buysComputeFrom:F031") in _ties(snapshot(data, "2026-02-02"), SPACEX)
    assert ("xai", "oracle", "buysComputeFrom:F031") in _ties(snapshot(data, "2026-02-01"), XAI)
    # every relation, undated: on the actors the data names
    assert ("xai", "oracle", "buysComputeFrom:F031") in _ties(snapshot(data, None), XAI)


def test_without_the_2026_layer_nothing_moves():
    data = fetch_network(load_graph("article,public"))
    assert not data.events.get(str(EVENT["spacex-acquires-xai-2026"]))
    G = snapshot(data, "2026-03-01")
    assert ("xai", "oracle", "buysComputeFrom:F031") in _ties(G, XAI)
