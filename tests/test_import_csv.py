"""`aikg import`: a facts CSV becomes relation nodes whose fields equal the row's; a malformed
CSV is reported with its row, column and reason, and nothing is written."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.core.vocab import ACTOR, AIKG, RELATION, SCHEMA
from graph.core.vocab import local_name as local
from graph.query.actors import normalise
from graph.sources.csv_facts import COLUMNS, format_duration, import_facts, url_source
from graph.store.memory import load_graph

from .conftest import ROOT

LAYER = ROOT / "data" / "public"
REFERENCE = LAYER / "ai-infra-facts.csv"
ACTORS = LAYER / "actors.csv"
HEADER = ",".join(COLUMNS)
ROW1 = (
    "F001,Microsoft,investsIn,OpenAI,first investment,1000000000,USD,,2019-07-22,2019-07-22,,definitive,"
    "https://example.org/a,Page A,high,"
)
ROW2 = (
    "F002,OpenAI,buysComputeFrom,Microsoft,Azure exclusive,,,,2019-07-22,2019-07-22,2025-01-21,ended,"
    "https://example.org/b,Page B,high,a note"
)
ROW3 = (
    "F003,OpenAI,needsApprovalFrom,Microsoft,consent,,,,,2019-07-22,2025-10-28,ended,"
    "https://example.org/c,Page C,medium,"
)


def rows_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def names_of(g: Graph, actor: URIRef) -> set[str]:
    return {normalise(str(x)) for p in (RDFS.label, SKOS.altLabel) for x in g.objects(actor, p)}


def row_from_graph(g: Graph, fact_id: str) -> dict[str, str]:
    """Read a relation node back into the CSV's columns (the inverse of the import)."""
    r = RELATION[fact_id]
    val = lambda p: g.value(r, p)  # noqa: E731
    evidences = [e for e in g.objects(r, PROV.wasDerivedFrom) if str(e).endswith("/" + fact_id)]
    (ev,) = evidences
    source = g.value(ev, AIKG.inSource)
    rel = local(val(AIKG.relationType))
    duration = val(AIKG.duration)
    if duration is not None:
        n, unit = int(str(duration)[1:-1]), {"Y": "year", "M": "month"}[str(duration)[-1]]
        duration_text = f"{n} {unit}{'' if n == 1 else 's'}"
    else:
        duration_text = str(val(AIKG.durationNote) or "")
    status = str(val(AIKG.status))
    return {
        "id": str(val(AIKG.factId)),
        "relation": "jointVenture" if rel == "memberOfJointVenture" else rel,
        "role_note": str(val(AIKG.roleNote) or ""),
        "value": val(AIKG.value),
        "unit": str(val(AIKG.unit) or ""),
        "duration": duration_text,
        "announced": val(AIKG.announced),
        "valid_from": val(AIKG.validFrom),
        "valid_until": val(AIKG.validUntil),
        "status": "LOI" if status == "letter-of-intent" else status,
        "source_url": str(g.value(source, SCHEMA.url)),
        "source_title": str(g.value(source, DCTERMS.title) or ""),
        "confidence": str(val(AIKG.confidence) or ""),
        "notes": str(val(AIKG.note) or ""),
        "subject": val(AIKG.actor),
        "object": val(AIKG.counterparty),
    }


DATATYPE = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Graph, str]:
    """The reference CSV imported through the CLI, read back from the Turtle it wrote."""
    from graph.cli.main import main

    out = tmp_path_factory.mktemp("imp") / "facts.ttl"
    code = main(["import", str(REFERENCE), "--actors", str(ACTORS), "--layers", "article", "--out", str(out)])
    assert code == 0
    g = load_graph("article")  # the actors the names were matched against
    g.parse(out, format="turtle")
    return g, out.read_text(encoding="utf-8")


def test_the_whole_reference_csv_round_trips(imported):
    g, _ = imported
    rows = rows_of(REFERENCE)
    assert len(rows) == 117
    assert (
        len(set(g.subjects(RDF.type, AIKG.Relation)) - set(load_graph("article").subjects(RDF.type, AIKG.Relation)))
        == 117
    )
    for row in rows:
        back = row_from_graph(g, row["id"])
        for col in (
            "id",
            "relation",
            "role_note",
            "unit",
            "duration",
            "status",
            "source_url",
            "source_title",
            "confidence",
            "notes",
        ):
            assert back[col] == row[col], (row["id"], col)
        if row["value"]:
            assert back["value"].datatype == XSD.decimal
            assert Decimal(str(back["value"])) == Decimal(row["value"]), row["id"]
        else:
            assert back["value"] is None
        for col in ("announced", "valid_from", "valid_until"):
            if row[col]:
                assert back[col] == Literal(row[col], datatype=DATATYPE[len(row[col])]), (row["id"], col)
            else:
                assert back[col] is None, (row["id"], col)
        for side in ("subject", "object"):
            assert normalise(row[side]) in names_of(g, back[side]), (row["id"], side, back[side])


def test_row_fields_land_where_the_docs_say(imported):
    g, text = imported
    f023 = RELATION["F023"]
    assert g.value(f023, AIKG.duration) == Literal("P7Y", datatype=XSD.duration)
    assert g.value(RELATION["F013"], AIKG.durationNote) == Literal("to 2030")
    assert g.value(RELATION["F059"], AIKG.status) == Literal("letter-of-intent")
    assert g.value(RELATION["F035"], AIKG.relationType) == AIKG.memberOfJointVenture
    assert g.value(RELATION["F106"], AIKG.value) == Literal("0.23", datatype=XSD.decimal)
    # provenance: the page, and the CSV row itself
    sources = {g.value(e, AIKG.inSource) for e in g.objects(f023, PROV.wasDerivedFrom)}
    page = url_source(
        "https://particle.news/story/openai-strikes-seven-year-38-billion-aws-deal-to-run-chatgpt-on-nvidia-powered-ultraservers"
    )
    assert page in sources
    (dataset,) = sources - {page}
    assert (dataset, RDF.type, SCHEMA.Dataset) in g
    assert g.value(dataset, AIKG.textFile) == Literal("public/ai-infra-facts.csv")
    assert not list(g.subject_objects(AIKG.quote)) or all(
        "evidence/F" not in str(s) for s, _ in g.subject_objects(AIKG.quote)
    )
    assert "ai-infra-facts.csv, row 24" in text  # F023 is on row 24 (the header is row 1)


def test_names_match_existing_actors_by_label_and_alias(imported):
    g, _ = imported
    assert g.value(RELATION["F023"], AIKG.counterparty) == ACTOR.aws  # "AWS": an alias
    assert g.value(RELATION["F015"], AIKG.counterparty) == ACTOR.openai  # "OpenAI Group PBC": an alias
    assert g.value(RELATION["F088"], AIKG.counterparty) == ACTOR.google  # "Google Cloud": alias from actors.csv
    assert g.value(RELATION["F021"], AIKG.counterparty) == ACTOR["openai-foundation"]
    assert (ACTOR["openai-foundation"], RDF.type, AIKG.Conglomerate) in g
    assert (ACTOR.coreweave, RDF.type, AIKG.CloudProvider) in g


def test_import_links_relations_the_article_already_states(imported):
    g, _ = imported
    links = {(local(s), local(o)) for s, o in g.subject_objects(AIKG.sameRelationAs)}
    assert links == {
        ("F023", "A01"),
        ("F003", "A03"),
        ("F048", "A05"),
        ("F060", "A07"),
        ("F079", "A08"),
        ("F081", "A09"),
    }


def test_import_without_out_prints_turtle_and_reports_on_stderr(cli, tmp_path):
    path = write_csv(tmp_path / "mine.csv", HEADER, ROW1, ROW2)
    r = cli("import", path, "--layers", "article")
    assert r.code == 0, r.err
    g = Graph().parse(data=r.out, format="turtle")
    assert (RELATION["F001"], RDF.type, AIKG.Relation) in g
    assert "mine.csv: 2 rows read, 2 relations built" in r.err
    assert "Microsoft -> actor:microsoft" in r.err
    assert "@prefix" not in r.err


def test_new_actors_get_an_inferred_class_and_are_reported(cli, tmp_path):
    path = write_csv(
        tmp_path / "new.csv",
        HEADER,
        "X1,Acme Chips,suppliesChipsTo,OpenAI,,,,,2025,,,announced,https://example.org/x,,high,",
        "X2,OpenAI,buysComputeFrom,Nimbus Cloud,,,,,2025-05,,,reported,https://example.org/y,,medium,",
        "X3,Foo Holdings,investsIn,Nimbus Cloud,,,,,,,,reported,https://example.org/z,,medium,",
        "X4,OpenAI,buysComputeFrom,Google Cloud,,,,,2025,,,announced,https://example.org/w,,high,",
    )
    out = tmp_path / "new.ttl"
    r = cli("import", path, "--layers", "", "--out", out)
    assert r.code == 0, r.err
    g = Graph().parse(out)
    assert (ACTOR["acme-chips"], RDF.type, AIKG.Chipmaker) in g
    assert (ACTOR["nimbus-cloud"], RDF.type, AIKG.CloudProvider) in g
    assert (ACTOR["foo-holdings"], RDF.type, AIKG.Actor) in g
    assert (ACTOR["google-cloud"], RDF.type, AIKG.CloudProvider) in g  # no actors CSV: no merge
    assert g.value(ACTOR["acme-chips"], RDFS.label) is not None
    assert {lit.language for lit in g.objects(ACTOR["acme-chips"], RDFS.label)} == {"en", "fr"}
    assert "Acme Chips -> actor:acme-chips Chipmaker (inferred: X1 subject of suppliesChipsTo)" in r.err
    assert "Foo Holdings -> actor:foo-holdings Actor (no class inferred" in r.err
    assert "OpenAI -> actor:openai" in r.err  # the shared registry is always loaded


def test_actors_csv_gives_class_aliases_and_a_separate_file(cli, tmp_path):
    path = write_csv(
        tmp_path / "f.csv",
        HEADER,
        "X1,OpenAI,buysComputeFrom,Google Cloud,,,,,2025,,,announced,https://example.org/x,,high,",
        "X2,Google,investsIn,Anthropic,,,,,2025,,,announced,https://example.org/y,,high,",
    )
    actors = write_csv(tmp_path / "a.csv", "name,class,aliases", "Google,Conglomerate,Google Cloud;Alphabet")
    out, aout = tmp_path / "f.ttl", tmp_path / "a.ttl"
    r = cli("import", path, "--actors", actors, "--actors-out", aout, "--out", out, "--layers", "")
    assert r.code == 0, r.err
    facts, new = Graph().parse(out), Graph().parse(aout)
    assert facts.value(RELATION["X1"], AIKG.counterparty) == ACTOR.google
    assert (ACTOR.google, RDF.type, AIKG.Conglomerate) in new
    assert {str(a) for a in new.objects(ACTOR.google, SKOS.altLabel)} == {"Google Cloud", "Alphabet"}
    assert (ACTOR.anthropic, RDF.type, AIKG.Actor) in new  # not in the actors CSV, nothing to infer
    assert not list(facts.subjects(RDF.type, AIKG.Conglomerate))
    assert "Google Cloud -> actor:google" in r.err


def test_an_ambiguous_match_is_reported_not_linked(cli, tmp_path):
    path = write_csv(
        tmp_path / "dup.csv",
        HEADER,
        "X1,OpenAI,buysComputeFrom,AWS,,,,,2025-11,,,announced,https://example.org/x,,high,",
        "X2,OpenAI,buysComputeFrom,AWS,,,,,2025,,,announced,https://example.org/y,,high,",
        "X3,OpenAI,buysComputeFrom,AWS,,,,,2024,,,announced,https://example.org/z,,high,",
    )
    out = tmp_path / "dup.ttl"
    r = cli("import", path, "--layers", "article", "--out", out)
    assert r.code == 0, r.err
    assert not list(Graph().parse(out).subject_objects(AIKG.sameRelationAs))
    assert "X1: not linked, the match is ambiguous: A01 (matched by rows X1, X2)" in r.err


def test_no_link_without_the_other_layer(cli, tmp_path):
    path = write_csv(tmp_path / "one.csv", HEADER, ROW3)
    out = tmp_path / "one.ttl"
    assert cli("import", path, "--layers", "", "--out", out).code == 0
    assert not list(Graph().parse(out).subject_objects(AIKG.sameRelationAs))
    assert cli("import", path, "--layers", "article", "--out", out).code == 0
    assert (RELATION["F003"], AIKG.sameRelationAs, RELATION["A03"]) in Graph().parse(out)


def test_duration_formats():
    assert format_duration("7 years") == "P7Y"
    assert format_duration("1 year") == "P1Y"
    assert format_duration("18 months") == "P18M"
    for text in ("1 years", "~5 years", "5 years (to 2031)", "multi-year", "7 Years"):
        assert format_duration(text) is None, text


# ----------------------------------------------------------------------------------------------
# Malformed CSVs: exact row, column and reason; nothing written
# ----------------------------------------------------------------------------------------------


def _replace(row: str, col: str, value: str) -> str:
    cells = next(csv.reader([row]))
    cells[COLUMNS.index(col)] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)  # quotes a cell holding a line break
    return buf.getvalue().removesuffix("\n")


MALFORMED = {
    "missing column": (
        [
            ",".join(c for c in COLUMNS if c != "status"),
            *(",".join(c for i, c in enumerate(next(csv.reader([r]))) if COLUMNS[i] != "status") for r in (ROW1, ROW2)),
        ],
        "mine.csv: row 1, column status: missing required column",
    ),
    "unknown column": (
        [HEADER.replace("confidence", "confidance"), ROW1],
        "mine.csv: row 1, column confidance: unknown column; closest known: confidence",
    ),
    "bad date": (
        [HEADER, ROW1, _replace(ROW2, "announced", "03/11/2025")],
        "mine.csv: row 3, column announced: announced '03/11/2025' is not an ISO 8601 date; "
        "expected YYYY-MM-DD (or YYYY-MM, or YYYY)",
    ),
    "impossible date": (
        [HEADER, _replace(ROW1, "valid_from", "2025-02-30")],
        "mine.csv: row 2, column valid_from: valid_from '2025-02-30' is not a valid date",
    ),
    "end before start": (
        [HEADER, _replace(ROW2, "valid_until", "2018")],
        "mine.csv: row 2, column valid_until: valid_until 2018 is before valid_from 2019-07-22",
    ),
    "unknown relation": (
        [HEADER, ROW1, ROW2, _replace(ROW3, "relation", "buysComputeFor")],
        "mine.csv: row 4, column relation: unknown relation 'buysComputeFor'; closest known: buysComputeFrom",
    ),
    "duplicate id": (
        [HEADER, ROW1, ROW2, _replace(ROW3, "id", "F001")],
        "mine.csv: row 4, column id: duplicate id F001 (first used in row 2)",
    ),
    "id already in the graph": (
        [HEADER, _replace(ROW1, "id", "A01")],
        "mine.csv: row 2, column id: id A01 is already used in the loaded graph",
    ),
    "value without unit": (
        [HEADER, _replace(ROW1, "unit", "")],
        "mine.csv: row 2, column unit: value 1000000000 has no unit",
    ),
    "value with thousands separators": (
        [HEADER, _replace(ROW1, "value", "1,000,000")],
        "mine.csv: row 2, column value: value '1,000,000' is not a plain number",
    ),
    "unknown unit": (
        [HEADER, _replace(ROW1, "unit", "dollars")],
        "mine.csv: row 2, column unit: unknown unit 'dollars'",
    ),
    "no source URL": (
        [HEADER, ROW1, _replace(ROW2, "source_url", "")],
        "mine.csv: row 3, column source_url: source_url is empty; every row needs one",
    ),
    "two URLs in source_url": (
        [HEADER, _replace(ROW1, "source_url", "https://a.example https://b.example")],
        "mine.csv: row 2, column source_url: source_url 'https://a.example https://b.example' is not one http(s) URL",
    ),
    "unknown status": (
        [HEADER, _replace(ROW1, "status", "signed")],
        "mine.csv: row 2, column status: unknown status 'signed'",
    ),
    "unknown confidence": (
        [HEADER, _replace(ROW1, "confidence", "hgh")],
        "mine.csv: row 2, column confidence: unknown confidence 'hgh'; closest known: high",
    ),
    "row with a missing cell": (
        [HEADER, ROW1, ROW2.rsplit(",", 1)[0]],
        "mine.csv: row 3: the row has 15 cells; the header has 16",
    ),
    "header only": (
        [HEADER],
        "mine.csv: row 2: no data rows after the header",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_csv_names_row_column_and_reason_and_writes_nothing(cli, tmp_path, case):
    lines, message = MALFORMED[case]
    path = write_csv(tmp_path / "mine.csv", *lines)
    out = tmp_path / "out" / "facts.ttl"
    r = cli("import", path, "--out", out, "--layers", "article")
    assert r.code == 1, r.err
    assert f"error: {message}" in r.err
    assert "nothing written" in r.err and "Traceback" not in r.err
    assert not out.exists() and not out.parent.exists()


def test_row_numbers_count_records_not_lines(cli, tmp_path):
    multiline = _replace(ROW1, "notes", "first line\nsecond line")
    path = write_csv(tmp_path / "mine.csv", HEADER, multiline, _replace(ROW2, "announced", "2025-13"))
    r = cli("import", path, "--out", tmp_path / "o.ttl", "--layers", "")
    assert r.code == 1
    assert "error: mine.csv: row 3, column announced:" in r.err


def test_non_utf8_bytes_name_the_row_and_column(cli, tmp_path):
    path = tmp_path / "mine.csv"
    text = "\n".join([HEADER, ROW1, _replace(ROW2, "notes", "caf\u00e9")]) + "\n"
    path.write_bytes(text.encode("latin-1"))
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--out", out, "--layers", "")
    assert r.code == 1
    assert "error: mine.csv: row 3, column notes: not UTF-8 text (byte 0xe9 at offset" in r.err
    assert "save the file as UTF-8" in r.err
    assert not out.exists()


def test_empty_file(cli, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(b"")
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--out", out)
    assert r.code == 1
    assert "error: mine.csv: row 1: the file is empty; expected a header row: id,subject,relation" in r.err
    assert not out.exists()


def test_every_error_of_a_row_is_listed(tmp_path):
    bad = _replace(_replace(ROW1, "announced", "soon"), "confidence", "sure")
    result = import_facts(f"{HEADER}\n{bad}\n".encode(), "mine.csv", load_graph(""))
    assert [(e.row, e.column) for e in result.errors] == [(2, "announced"), (2, "confidence")]
    assert result.skipped == [2] and result.relations == []


def test_skip_invalid_writes_the_good_rows_and_lists_the_bad(cli, tmp_path):
    path = write_csv(tmp_path / "mine.csv", HEADER, ROW1, _replace(ROW2, "relation", "sellsTo"), ROW3)
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--out", out, "--layers", "", "--skip-invalid")
    assert r.code == 0, r.err
    g = Graph().parse(out)
    assert {str(x) for x in g.objects(None, AIKG.factId)} == {"F001", "F003"}
    assert "error: mine.csv: row 3, column relation: unknown relation 'sellsTo'" in r.err
    assert "skipped row 3 (--skip-invalid)" in r.err


def test_skip_invalid_skips_a_row_with_a_wrong_cell_count(cli, tmp_path):
    path = write_csv(tmp_path / "mine.csv", HEADER, ROW1, ROW2 + ",extra", ROW3)
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--out", out, "--layers", "", "--skip-invalid")
    assert r.code == 0, r.err
    assert {str(x) for x in Graph().parse(out).objects(None, AIKG.factId)} == {"F001", "F003"}
    assert "mine.csv: 3 rows read, 2 relations built, 1 row(s) with errors" in r.err
    assert "skipped row 3 (--skip-invalid)" in r.err


def test_skip_invalid_does_not_skip_a_broken_header(cli, tmp_path):
    path = write_csv(tmp_path / "mine.csv", HEADER + ",extra", ROW1 + ",x")
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--out", out, "--skip-invalid")
    assert r.code == 1 and "row 1, column extra: unknown column" in r.err
    assert not out.exists()


def test_a_bad_actors_csv_stops_the_import(cli, tmp_path):
    path = write_csv(tmp_path / "mine.csv", HEADER, ROW1)
    actors = write_csv(tmp_path / "actors.csv", "name,class,aliases", "Acme,Chipmakr,")
    out = tmp_path / "o.ttl"
    r = cli("import", path, "--actors", actors, "--out", out, "--skip-invalid")
    assert r.code == 1
    assert "error: actors.csv: row 2, column class: unknown actor class 'Chipmakr'; closest known: Chipmaker" in r.err
    assert not out.exists()


def test_missing_file_and_store_option_are_clear_errors(cli, tmp_path):
    r = cli("import", tmp_path / "nope.csv")
    assert r.code == 2 and "no such CSV file" in r.err
    path = write_csv(tmp_path / "mine.csv", HEADER, ROW1)
    r = cli("import", path, "--store", f"oxigraph:{tmp_path / 'db'}")
    assert r.code == 2 and "--store and --endpoint do not apply" in r.err


def test_disputes_csv_errors_name_row_column_and_reason():
    from graph.sources.csv_disputes import COLUMNS as DCOLS
    from graph.sources.csv_disputes import import_disputes

    g = load_graph("article")
    header = ",".join(DCOLS)
    good = "D1,A01,announced,2025-11-04,date,,https://example.org/x,,someone,announced on the 4th,"
    bad = [
        "D2,A99,announced,2025-11-04,date,,https://example.org/x,,someone,x,",
        "D3,A01,anounced,2025-11-04,date,,https://example.org/x,,someone,x,",
        "D4,A01,value,12,decimal,,https://example.org/x,,someone,x,",
        "D5,A01,announced,4 Nov,date,,https://example.org/x,,someone,x,",
        "D1,AWS,,,,,https://example.org/x,,someone,x,",
    ]
    claims, ids, errors = import_disputes("\n".join([header, good, *bad]).encode(), "d.csv", g)
    assert ids == ["D1"]
    assert [(e.row, e.column) for e in errors] == [(3, "about"), (4, "property"), (5, "unit"), (6, "value"), (7, "id")]
    assert "'A99' is no fact id or actor of the graph" in errors[0].reason
    assert "closest known: announced" in errors[1].reason
    assert (None, AIKG.claimedValue, Literal("2025-11-04", datatype=XSD.date)) in claims
