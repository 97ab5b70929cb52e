"""Hardening (issue 20, points 5 and 8): values and dates that crashed analyses, and bad values
that were quietly accepted.

Dates outside 1900-2100 and NaN, infinite or negative values break the shapes; report, build,
shift, view and timeline refuse such --data files with the violations (exit 1, no traceback)
and, with --no-validate, still finish (dates saturate, non-finite values read as none). Full-width
digits, NUL bytes and javascript:/data: URLs are refused by the shapes and the CSV importer alike.
"""

from __future__ import annotations

import pytest

from graph.core.dates import DATE_RANGE, parse_date, shift_days
from graph.core.errors import AikgError
from graph.sources.csv_facts import COLUMNS
from graph.store.memory import load_graph
from graph.validation.shacl import InvalidGraphError, refuse_invalid, validate

from .conftest import PREFIXES_TTL, write

# A relation and events at the calendar's ends, with NaN and infinite values.
HOSTILE = """
ex:r a aikg:Relation ; aikg:factId "T1" ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:oracle ;
    aikg:validFrom "0001-01-01"^^xsd:date ; aikg:validUntil "9999-12-31"^^xsd:date ;
    aikg:value "NaN"^^xsd:double ; aikg:unit "USD" ;
    aikg:status "reported" ; aikg:confidence "medium" ; aikg:startedBy ex:doom ;
    prov:wasDerivedFrom ex:ev .
ex:r2 a aikg:Relation ; aikg:factId "T2" ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:microsoft ;
    aikg:validFrom "2025-01-01"^^xsd:date ; aikg:value "INF"^^xsd:double ; aikg:unit "USD" ;
    aikg:status "reported" ; prov:wasDerivedFrom ex:ev .
ex:r3 a aikg:Relation ; aikg:factId "T3" ;
    aikg:actor actor:openai ; aikg:relationType aikg:investsIn ; aikg:counterparty actor:oracle ;
    aikg:validFrom "2025-02-01"^^xsd:date ; aikg:value "-5"^^xsd:double ; aikg:unit "USD" ;
    aikg:status "reported" ; prov:wasDerivedFrom ex:ev .
ex:doom a org:ChangeEvent ; rdfs:label "doom" ; prov:startedAtTime "9999-12-31"^^xsd:date ;
    prov:wasDerivedFrom ex:ev .
ex:genesis a org:ChangeEvent ; rdfs:label "genesis" ; prov:startedAtTime "0001-01-01"^^xsd:date ;
    prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source ; dcterms:title "A report" ; dcterms:issued "2025-09-10"^^xsd:date .
"""

GOOD = """
ex:r a aikg:Relation ; aikg:factId "T1" ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:oracle ;
    aikg:validFrom "2025-07-01"^^xsd:date ; aikg:status "reported" ; prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source ; dcterms:title "A report" ; schema:url "https://example.org/a"^^xsd:anyURI .
"""

SCHEMA_PREFIX = "@prefix schema: <https://schema.org/> .\n"


@pytest.fixture
def hostile(tmp_path):
    return write(tmp_path / "hostile.ttl", PREFIXES_TTL + HOSTILE)


def _messages(body: str, tmp_path) -> list[str]:
    path = write(tmp_path / "user.ttl", PREFIXES_TTL + SCHEMA_PREFIX + body)
    return [v.line() for v in validate(load_graph(layers=[], data=[path]))]


def test_the_shapes_refuse_dates_out_of_range_and_non_finite_values(hostile):
    lines = [v.line() for v in validate(load_graph(layers=[], data=[hostile]))]
    text = "\n".join(lines)
    for found in ("'0001-01-01'", "'9999-12-31'", "'nan'", "'inf'", "'-5.0'"):
        assert found in text, found
    assert sum("from 1900 to 2100" in line for line in lines) == 4  # validFrom, validUntil, two events
    assert sum("non-negative" in line for line in lines) == 3


@pytest.mark.parametrize(
    "literal", ['"1900"^^xsd:gYear', '"2100"^^xsd:gYear', '"2025-07"^^xsd:gYearMonth', '"1999-12-31"^^xsd:date']
)
def test_dates_in_range_pass(tmp_path, literal):
    assert _messages(GOOD.replace('"2025-07-01"^^xsd:date', literal), tmp_path) == []


@pytest.mark.parametrize("literal", ['"1899-12-31"^^xsd:date', '"2101-01-01"^^xsd:date', '"２０２５"^^xsd:gYear'])
def test_dates_out_of_range_or_not_ascii_fail(tmp_path, literal):
    lines = _messages(GOOD.replace('"2025-07-01"^^xsd:date', literal), tmp_path)
    assert any("aikg:validFrom must be a date from 1900 to 2100" in line for line in lines), lines


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "https://exa\\u0000mple.org/", "ftp://x.org/"],
)
def test_the_shapes_refuse_source_urls_that_are_not_http(tmp_path, url):
    lines = _messages(GOOD.replace("https://example.org/a", url), tmp_path)
    assert any("schema:url must be one http(s) URL" in line for line in lines), lines


def test_refuse_invalid_checks_only_the_users_nodes_and_names_them(hostile, tmp_path):
    graph = load_graph(data=[hostile])
    with pytest.raises(InvalidGraphError) as caught:
        refuse_invalid(graph, [hostile])
    assert "9999-12-31" in str(caught.value) and "--no-validate" in str(caught.value)
    assert caught.value.exit_code == 1
    good = write(tmp_path / "good.ttl", PREFIXES_TTL + SCHEMA_PREFIX + GOOD)
    refuse_invalid(load_graph(data=[good]), [good])  # no error


ANALYSES = [
    ("report",),
    ("shift", "--event", "doom"),
    ("shift", "--event", "genesis"),
    ("view", "--event", "doom", "--out", "{tmp}/v.html"),
    ("view", "--out", "{tmp}/all.html"),
    ("timeline", "OpenAI", "--out", "{tmp}/t"),
]


@pytest.mark.parametrize("command", ANALYSES, ids=lambda c: " ".join(c[:3]))
def test_analyses_refuse_an_invalid_graph_and_finish_without_validation(cli, hostile, tmp_path, monkeypatch, command):
    monkeypatch.setenv("AIKG_TODAY", "2026-12-03")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    refused = cli(*args, "--data", hostile)
    assert refused.code == 1, refused.err
    assert "aikg: error: the graph is invalid" in refused.err
    assert "9999-12-31" in refused.err and "Traceback" not in refused.err
    assert not (tmp_path / "v.html").exists() and not (tmp_path / "t").exists()
    forced = cli(*args, "--data", hostile, "--no-validate")
    assert forced.code == 0, forced.err


def test_build_refuses_the_invalid_graph_and_writes_nothing(cli, hostile, tmp_path):
    out = tmp_path / "b"
    result = cli("build", "--out", out, "--data", hostile, "--layers", "article")
    assert result.code == 1 and "9999-12-31" in result.out
    assert not out.exists()


def test_date_arithmetic_stops_at_the_calendars_ends():
    assert shift_days("9999-12-31", 7) == "9999-12-31"
    assert shift_days("0001-01-01", -1) == "0001-01-01"
    assert shift_days("2025-12-31", 1) == "2026-01-01"


def test_extract_refuses_a_publication_date_out_of_range(cli, tmp_path):
    text = write(tmp_path / "d.txt", "OpenAI a signé ce lundi un accord avec Oracle.\n")
    for day in ("0001-01-01", "9999-12-31"):
        result = cli("extract", text, "--published", day)
        assert result.code == 2 and "Traceback" not in result.err
        assert f"--published '{day}' is outside the years {DATE_RANGE[0]} to {DATE_RANGE[1]}" in result.err


def test_full_width_digits_are_no_date():
    with pytest.raises(AikgError, match="not an ISO 8601 date"):
        parse_date("２０２５")


ROW = (
    "F001,Microsoft,investsIn,OpenAI,first investment,1000000000,USD,,2019-07-22,2019-07-22,,definitive,"
    "https://example.org/a,Page A,high,"
)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("2019-07-22,2019-07-22", "２０１９,2019-07-22", "announced"),
        ("2019-07-22,2019-07-22", "2019-07-22,9999-12-31", "valid_from"),
        ("1000000000", "１０００", "value"),
        ("https://example.org/a", "https://exa\x00mple.org/a", "source_url"),
        ("https://example.org/a", "javascript:alert(1)", "source_url"),
        ("https://example.org/a", "data:text/html;base64;PHNjcmlwdD4=", "source_url"),
    ],
)
def test_the_csv_importer_refuses_the_same_values(cli, tmp_path, old, new, column):
    assert COLUMNS[8:10] == ("announced", "valid_from")
    row = ROW.replace(old, new, 1)
    assert row != ROW
    path = tmp_path / "facts.csv"
    path.write_text(",".join(COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = cli("import", path, "--out", out, "--layers", "article")
    assert result.code != 0 and "Traceback" not in result.err
    assert column in result.err
    assert not out.exists()


def test_the_api_refuses_the_invalid_graph_unless_told_not_to(hostile):
    import graph as aikg

    with pytest.raises(InvalidGraphError, match="9999-12-31"):
        aikg.open(layers="article", data=[hostile])
    kg = aikg.open(layers="article", data=[hostile], validate=False)
    assert kg.report(at="2025-08-01").overview["counts"]["relations"] > 0
