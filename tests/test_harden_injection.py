"""Hardening (issue 20, point 9): text from sources is escaped for each medium outside HTML.

Spreadsheet formulas in CSV cells (centrality.csv, timeline.csv, query --format csv) get a leading
quote while numbers stay numbers; centrality.md writes a label's HTML as text; shift.md links only
http(s) URLs; terminal output drops escape sequences."""

from __future__ import annotations

import csv
import io

import pytest

from graph.core.safe_text import spreadsheet_cell, terminal_text, web_url

from .conftest import PREFIXES_TTL, write

FORMULA = '=HYPERLINK("http://evil.example/","x")'
TAGGED = "<img src=x onerror=alert(1)>Tag"
ESCAPED = "Esc\x1b[2J\x1b]0;pwned\x07ape"

HOSTILE = f"""
@prefix schema: <https://schema.org/> .
ex:f a aikg:CloudProvider ; rdfs:label {FORMULA!r}@en .
ex:t a aikg:CloudProvider ; rdfs:label "{TAGGED}"@en .
ex:e a aikg:AILab ; rdfs:label "Esc\\u001B[2J\\u001B]0;pwned\\u0007ape"@en .
ex:r1 a aikg:Relation ; aikg:factId "H1" ; aikg:actor ex:e ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty ex:f ; aikg:validFrom "2025-07-01"^^xsd:date ; aikg:status "reported" ;
    aikg:value "-5"^^xsd:decimal ; aikg:unit "USD" ; aikg:startedBy ex:ev0 ;
    prov:wasDerivedFrom ex:ev .
ex:r2 a aikg:Relation ; aikg:factId "H2" ; aikg:actor ex:e ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty ex:t ; aikg:validFrom "2025-07-01"^^xsd:date ; aikg:status "reported" ;
    prov:wasDerivedFrom ex:ev .
ex:ev0 a org:ChangeEvent ; rdfs:label "hostile" ; prov:startedAtTime "2025-07-01"^^xsd:date ;
    prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source ; dcterms:title "A report" ; schema:url "javascript:alert(1)"^^xsd:anyURI .
"""


@pytest.fixture
def hostile(tmp_path):
    return write(tmp_path / "hostile.ttl", PREFIXES_TTL + HOSTILE)


def test_the_helpers():
    assert spreadsheet_cell(FORMULA) == "'" + FORMULA
    for text in ("+1+cmd", "-2+3", "@SUM(A1)", "\tx"):
        assert spreadsheet_cell(text).startswith("'"), text
    for text in ("-5", "-0.25", "+3", "OpenAI", ""):
        assert spreadsheet_cell(text) == text
    assert terminal_text(ESCAPED) == "Escape"
    assert terminal_text("a\x00b\x9bc") == "a?b?c"
    assert web_url("https://example.org/a") == "https://example.org/a"
    for url in ("javascript:alert(1)", "data:text/html,x", "https://a.org/>x", "http://a b/"):
        assert web_url(url) is None


def test_report_files_quote_formulas_and_escape_html(cli, hostile, tmp_path):
    out = tmp_path / "r"
    result = cli(
        "report", "--data", hostile, "--layers", "article", "--at", "2025-08-01", "--out", out, "--no-validate"
    )
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "Escape" in result.out
    rows = list(csv.DictReader(io.StringIO((out / "centrality.csv").read_text(encoding="utf-8"))))
    labels = {r["label"] for r in rows}
    assert "'" + FORMULA in labels and FORMULA not in labels
    assert all(not r[c].startswith("'") for r in rows for c in r if c not in ("actor", "label", "class"))
    md = (out / "centrality.md").read_text(encoding="utf-8")
    assert "<img" not in md and "&lt;img src=x onerror=alert(1)&gt;Tag" in md
    assert "\x1b" not in md


def test_timeline_csv_quotes_formulas(cli, hostile, tmp_path):
    out = tmp_path / "t"
    args = ("--data", hostile, "--layers", "article", "--out", out, "--no-validate")
    result = cli("timeline", "http://example.org/e", *args)
    assert result.code == 0, result.err
    text = (out / "timeline.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_query_csv_quotes_text_and_keeps_negative_numbers(cli, hostile):
    query = (
        "PREFIX aikg: <https://w3id.org/ai-infra-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label ?value WHERE { ?r aikg:counterparty ?c ; aikg:value ?value . ?c rdfs:label ?label . "
        'FILTER(STRSTARTS(STR(?label), "=")) }'
    )
    result = cli("query", query, "--data", hostile, "--layers", "article", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[1][0] == "'" + FORMULA
    assert float(rows[1][1]) == -5  # a number, not quoted


def test_query_table_drops_escape_sequences(cli, hostile):
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?label WHERE { <http://example.org/e> rdfs:label ?label }"
    )
    result = cli("query", query, "--data", hostile, "--layers", "article")
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out and "Escape" in result.out


def test_shift_markdown_never_links_a_javascript_url(cli, hostile, tmp_path):
    out = tmp_path / "s"
    result = cli("shift", "--event", "ev0", "--data", hostile, "--layers", "article", "--out", out, "--no-validate")
    assert result.code == 0, result.err
    md = (out / "shift.md").read_text(encoding="utf-8")
    assert "javascript:alert(1)" in md  # the source is still named, as text
    assert "<javascript:" not in md and "\x1b" not in md
