"""The CLI: result formats, exit codes, clear errors, whole output files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph

from graph.core.vocab import ACTOR, AIKG

from .conftest import PREFIXES_TTL, write

A = ("--layers", "article")


def test_help_lists_the_commands(cli):
    r = cli("--help")
    assert r.code == 0
    for name in ("build", "validate", "query", "export"):
        assert name in r.out


def test_query_table_answers_the_brief(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    r = cli("query", "compute-suppliers", "--actor", "OpenAI", *A)
    assert r.code == 0
    # Fitted to the terminal, a value and its unit share a cell, every digit kept; --wide shows them raw.
    assert "Amazon Web Services" in r.out and "2025-11-03" in r.out and "38 bn USD" in r.out
    assert "(1 row" in r.out
    r = cli("query", "compute-suppliers", "--actor", "OpenAI", "--wide", *A)
    assert "38,000,000,000" in r.out and "USD" in r.out and "(1 row)" in r.out


def test_query_json_is_w3c_results_json(cli):
    r = cli("query", "compute-suppliers", "--actor", "OpenAI", "--format", "json", *A)
    doc = json.loads(r.out)
    assert doc["head"]["vars"][:2] == ["supplier", "supplierLabel"]
    (b,) = doc["results"]["bindings"]
    assert b["supplier"] == {"type": "uri", "value": str(ACTOR.aws)}
    assert b["supplierLabel"] == {"type": "literal", "value": "Amazon Web Services", "xml:lang": "en"}
    assert b["value"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"
    assert "validUntil" not in b  # unbound variables are left out


def test_query_csv_is_w3c_csv(cli):
    r = cli("query", "partners", "--actor", "OpenAI", "--format", "csv", *A)
    assert "\r\n" in r.out
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[0][:2] == ["partner", "partnerLabel"]
    assert [row[1] for row in rows[1:]] == ["Oracle", "SoftBank Group", "United Arab Emirates"]


def test_query_tsv_is_w3c_tsv(cli):
    r = cli("query", "relations-by-value", "--format", "tsv", *A)
    header, first = r.out.splitlines()[:2]
    assert header.split("\t")[:2] == ["?value", "?unit"]
    assert first.split("\t")[0] == '"38000000000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'


def test_query_ask_and_construct(cli):
    r = cli("query", "ASK { actor:openai aikg:buysComputeFrom actor:aws }", "--format", "json", *A)
    assert json.loads(r.out) == {"head": {}, "boolean": True}
    r = cli("query", "CONSTRUCT { ?a aikg:buysComputeFrom ?b } WHERE { ?a aikg:buysComputeFrom ?b }", *A)
    g = Graph().parse(data=r.out, format="turtle")
    assert len(g) == 1


def test_query_from_a_file_and_to_a_file(cli, tmp_path):
    q = write(tmp_path / "q.rq", "SELECT ?l WHERE { actor:uae rdfs:label ?l } ORDER BY ?l")
    out = tmp_path / "out" / "res.csv"
    r = cli("query", q, "--format", "csv", "--out", out, *A)
    assert r.code == 0
    assert out.read_bytes().decode("utf-8") == "l\r\nUnited Arab Emirates\r\nÉmirats arabes unis\r\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["res.csv"]  # no temporary left


def test_query_list(cli):
    r = cli("query", "--list")
    lines = r.out.splitlines()
    assert any(line.startswith("compute-suppliers") and "[--actor NAME]" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("query", "comptue-suppliers"), "closest known: compute-suppliers"),
        (("query", "SELECT ?x WHERE { ?x a }"), "SPARQL syntax error at line 1, column 19"),
        (("query", "compute-suppliers", "--actor", "Microsft"), "closest known: Microsoft"),
        (("query", "compute-suppliers", "--actor", "OpenAI", "--at", "03/11/2025"), "expected YYYY-MM-DD"),
        (("query", "compute-suppliers", "--actor", "OpenAI", "--at", "2025-02-30"), "not a valid date"),
        (("query", "missing.rq"), "no such query file"),
        (("validate", "--layers", "artcle"), "closest known: article"),
        (("validate", "--data", "nowhere.ttl"), "no such file"),
    ],
)
def test_bad_input_gives_a_clear_error_and_exit_2(cli, args, message):
    r = cli(*args)
    assert r.code == 2
    assert message in r.err
    assert "Traceback" not in r.err


def test_malformed_turtle_names_file_and_line(cli, tmp_path):
    bad = write(tmp_path / "bad.ttl", PREFIXES_TTL + 'ex:a ex:b ex:c .\nex:d ex:e "open string .\n')
    r = cli("validate", "--data", bad)
    assert r.code == 2
    assert f"{bad}:10: Turtle syntax error" in r.err


def test_malformed_ntriples_and_jsonld_name_file_and_line(cli, tmp_path):
    nt = write(tmp_path / "bad.nt", "<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> .\n")
    r = cli("validate", "--data", nt)
    assert r.code == 2 and f"{nt}:2: N-Triples syntax error" in r.err
    js = write(tmp_path / "bad.jsonld", '{"@id": "x",\n')
    r = cli("validate", "--data", js)
    assert r.code == 2 and f"{js}:2: JSON-LD error" in r.err


def test_validate_passes_on_shipped_data(cli):
    r = cli("validate")
    assert r.code == 0 and r.out.startswith("valid")


def test_validate_fails_with_readable_lines(cli, tmp_path):
    bad = write(
        tmp_path / "broken.ttl",
        PREFIXES_TTL
        + 'ex:r a aikg:Relation ; aikg:factId "X1" ; aikg:actor actor:openai ;\n'
        + ' aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:oracle ; aikg:status "maybe" .\n',
    )
    r = cli("validate", "--data", bad, *A)
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[0].startswith("X1: OpenAI buys compute from Oracle <http://example.org/r> | aikg:status |")
    assert lines[1].endswith(
        "| prov:wasDerivedFrom | a relation needs at least one source: prov:wasDerivedFrom an aikg:Evidence"
    )
    assert lines[-1] == "2 violations"


def test_user_data_in_every_format_reaches_queries(cli, tmp_path):
    g = Graph()
    g.add((ACTOR.openai, AIKG.note, ACTOR.aws))  # any triple will do
    for ext, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        path = tmp_path / f"mine.{ext}"
        path.write_text(g.serialize(format=fmt), encoding="utf-8")
        r = cli("query", "ASK { actor:openai aikg:note actor:aws }", "--data", path, *A)
        assert r.out.strip() == "yes", ext


@pytest.mark.parametrize(("fmt", "parser"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_round_trips_with_derived_triples(cli, tmp_path, fmt, parser):
    out = tmp_path / f"all.{fmt}"
    r = cli("export", "--format", fmt, "--out", out, *A)
    assert r.code == 0
    g = Graph().parse(out, format=parser)
    assert (ACTOR.openai, AIKG.buysComputeFrom, ACTOR.aws) in g
    assert (ACTOR.nvidia, AIKG.suppliesChipsTo, ACTOR.openai) in g


def test_export_is_deterministic(cli, tmp_path):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    cli("export", "--format", "nt", "--out", a)
    cli("export", "--format", "nt", "--out", b)
    assert a.read_bytes() == b.read_bytes()


def test_a_failed_write_leaves_the_old_file_whole(cli, tmp_path):
    out = tmp_path / "res.csv"
    out.write_text("previous", encoding="utf-8")
    r = cli("query", "SELECT ?x WHERE { ?x a }", "--format", "csv", "--out", out)
    assert r.code == 2
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["res.csv"]


def test_build_validates_exports_and_summarises(cli, tmp_path):
    out = tmp_path / "site"
    r = cli("build", "--out", out, *A)
    assert r.code == 0
    # the article, the 10-Q behind its figures, and the three public reports its disputed claims cite
    assert "valid graph: 10 actors, 9 relations, 5 sources, 1 events" in r.out
    assert (out / "aikg.ttl").is_file() and (out / "aikg.nt").is_file()


def test_build_refuses_invalid_data_and_writes_nothing(cli, tmp_path):
    bad = write(tmp_path / "bad.ttl", PREFIXES_TTL + 'ex:r a aikg:Relation ; aikg:status "x" .\n')
    out = tmp_path / "site"
    r = cli("build", "--out", out, "--data", bad, *A)
    assert r.code == 1
    assert not out.exists()


@pytest.mark.parametrize("query", ["compute-suppliers", "actors", "events", "evidence"])
def test_query_output_is_byte_identical_across_processes(query, tmp_path):
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        args = [sys.executable, "-m", "graph", "query", query, "--format", "csv"]
        if query == "compute-suppliers":
            args += ["--actor", "OpenAI"]
        outs.append(subprocess.run(args, env=env, capture_output=True, check=True).stdout)
    assert outs[0] == outs[1]
    assert outs[0]
