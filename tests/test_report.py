"""``aikg report``, ``aikg export --format graphml|gexf`` and ``aikg build``: files, stable bytes,
escaping, empty snapshots."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pytest

from graph.analysis.centrality import centrality
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot

from .conftest import PREFIXES_TTL, ROOT, write

A = ("--layers", "article")
FILES = ("centrality.csv", "centrality.json", "centrality.md", "report.html")
REQUIRED = ["actor", "label", "class", "in_degree", "out_degree", "degree", "betweenness", "pagerank", "eigenvector"]

HOSTILE = """
@prefix schema: <https://schema.org/> .
actor:evil a aikg:AILab ; rdfs:label "<script>alert('x')</script> Lab"@en .
ex:H1 a aikg:Relation ; aikg:factId "H1" ; aikg:actor actor:evil ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty actor:aws ; aikg:validFrom "2025-11-01"^^xsd:date ; aikg:value 5.0 ; aikg:unit "USD" ;
    aikg:status "announced" ; aikg:roleNote "<b onmouseover=alert(1)>deal</b>" ; prov:wasDerivedFrom ex:H1-ev .
ex:H1-ev a aikg:Evidence ; aikg:inSource ex:hs ; aikg:quote "quote <img src=x onerror=alert(2)>" .
ex:hs a aikg:Source ; dcterms:title "Title </title><script>bad()</script>" ;
    schema:url "javascript:alert(3)" .
"""


def test_report_writes_four_files_with_the_required_columns(cli, tmp_path, article_graph):
    out = tmp_path / "rep"
    r = cli("report", "--out", out, *A)
    assert r.code == 0, r.err
    assert "no --at: using 2025-11-03" in r.out
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    rows = list(csv.DictReader(io.StringIO((out / "centrality.csv").read_text(encoding="utf-8"))))
    assert list(rows[0])[: len(REQUIRED)] == REQUIRED
    assert [row["actor"] for row in rows] == sorted(row["actor"] for row in rows)
    expected = centrality(snapshot(fetch_network(article_graph), "2025-11-03"))
    assert len(rows) == len(expected) == 10
    openai = next(row for row in rows if row["label"] == "OpenAI")
    exp = expected[openai["actor"]]
    assert int(openai["degree"]) == exp["degree"] == 7
    assert float(openai["pagerank"]) == pytest.approx(exp["pagerank"], abs=1e-6)
    assert float(openai["value_out_usd"]) == 38e9
    doc = json.loads((out / "centrality.json").read_text(encoding="utf-8"))
    assert doc["at"] == "2025-11-03" and doc["eigenvector_method"] == "eigenvector"
    assert doc["top"]["degree"][0]["label"] == "OpenAI"
    md = (out / "centrality.md").read_text(encoding="utf-8")
    assert md.startswith("# Centrality of actors (2025-11-03)") and "| OpenAI |" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 2  # before/after the restructuring, suppliers' shares
    assert "OpenAI restructuring" in html and "HHI" in html


def test_report_bytes_are_identical_across_runs_and_processes(cli, tmp_path):
    assert cli("report", "--out", tmp_path / "one", *A).code == 0
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    cmd = [sys.executable, "-m", "graph", "report", "--out", str(tmp_path / "two"), *A]
    subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=True)
    for name in FILES:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_report_at_a_date_and_on_an_empty_snapshot(cli, tmp_path):
    r = cli("report", "--at", "2025-10-27", "--out", tmp_path / "oct", *A)
    assert r.code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "oct" / "centrality.csv").read_text(encoding="utf-8"))))
    ms = next(row for row in rows if row["label"] == "Microsoft")
    assert (ms["in_degree"], ms["dependents"]) == ("1", "1")
    dated = write(
        tmp_path / "dated.ttl",
        PREFIXES_TTL
        + "ex:R a aikg:Relation ; aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ;\n"
        + '  aikg:counterparty actor:aws ; aikg:validFrom "2025-11-03"^^xsd:date ; aikg:status "announced" .\n',
    )
    empty = cli("report", "--at", "1990-01-01", "--out", tmp_path / "empty", "--layers", "", "--data", dated)
    assert empty.code == 1 and "Traceback" not in empty.err
    assert "nothing to report: no relation is in force on 1990-01-01" in empty.err
    assert not (tmp_path / "empty").exists()
    bad = cli("report", "--at", "yesterday", "--out", tmp_path / "bad", *A)
    assert bad.code == 2 and "not an ISO 8601 date" in bad.err


def test_html_escapes_source_text(cli, tmp_path):
    data = write(tmp_path / "hostile.ttl", PREFIXES_TTL + HOSTILE)
    assert cli("report", "--out", tmp_path / "r", "--data", data, *A).code == 0
    assert (
        cli(
            "shift", "--before", "2025-10-01", "--after", "2025-11-02", "--out", tmp_path / "s", "--data", data, *A
        ).code
        == 0
    )
    for page in (tmp_path / "r" / "report.html", tmp_path / "s" / "shift.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "<img src=x" not in html and "<b onmouseover" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;" in html  # shown, as text
        assert 'src="http' not in html and "<link" not in html  # self-contained


def test_export_graphml_reads_back_into_networkx(cli, tmp_path):
    out = tmp_path / "g.graphml"
    r = cli("export", "--format", "graphml", "--at", "2025-10-27", "--out", out, *A)
    assert r.code == 0
    H = nx.read_graphml(out, force_multigraph=True)
    assert H.graph["at"] == "2025-10-27"
    # The article's other facts state no start: they count from the article's date, 2025-11-03
    assert H.number_of_nodes() == 10 and H.number_of_edges() == 1
    later = tmp_path / "h.graphml"
    assert cli("export", "--format", "graphml", "--at", "2025-11-03", "--out", later, *A).code == 0
    assert nx.read_graphml(later, force_multigraph=True).number_of_edges() == 8
    (u, v, d) = next((u, v, d) for u, v, k, d in H.edges(keys=True, data=True) if k == "needsApprovalFrom:A03")
    assert (u, v) == ("https://w3id.org/ai-infra-kg/id/actor/openai", "https://w3id.org/ai-infra-kg/id/actor/microsoft")
    assert d["relation_type"] == "needsApprovalFrom" and d["valid_until"] == "2025-10-28"
    assert d["fact_ids"] == "A03" and "OpenAI, le créateur de ChatGPT" in d["sources"]
    assert H.nodes["https://w3id.org/ai-infra-kg/id/actor/openai"]["aliases"].count(" | ") >= 1
    assert (
        "wikidata" not in H.nodes["https://w3id.org/ai-infra-kg/id/actor/uae"]
        or H.nodes["https://w3id.org/ai-infra-kg/id/actor/uae"]["wikidata"]
    )  # None is dropped, never written as "None"
    assert "None" not in out.read_text(encoding="utf-8")


def test_export_gexf_is_dated_by_the_snapshot_not_the_clock(cli, tmp_path):
    out = tmp_path / "g.gexf"
    r = cli("export", "--format", "gexf", "--out", out, *A)
    assert r.code == 0 and "no --at: a dynamic GEXF file" in r.err
    text = out.read_text(encoding="utf-8")
    assert 'lastmodifieddate="2025-11-03"' in text  # the data's horizon
    H = nx.read_gexf(out, version="1.3")
    assert H.number_of_edges() == 9  # every relation, each with its days (tests/test_outputs_export.py)
    again = tmp_path / "again.gexf"
    cli("export", "--format", "gexf", "--out", again, *A)
    assert again.read_bytes() == out.read_bytes()
    every = cli("export", "--format", "graphml", "--at", "all", *A)
    assert every.out.count("<edge ") == 9
    misuse = cli("export", "--format", "turtle", "--at", "2025-01-01", *A)
    assert misuse.code == 2 and "--at applies to --format graphml and gexf only" in misuse.err


def test_build_also_writes_the_report_and_the_restructuring_shift(cli, tmp_path):
    out = tmp_path / "site"
    r = cli("build", "--out", out, *A)
    assert r.code == 0, r.out
    assert sorted(p.name for p in (out / "report").iterdir()) == sorted(FILES)
    shift = json.loads((out / "shift-restructuring" / "shift.json").read_text(encoding="utf-8"))
    assert [a["fact_ids"] for a in shift["added"]] == [["A01"]]
    assert "wrote the shift around OpenAI restructuring (2025-10-27 to 2025-11-04)" in r.out
