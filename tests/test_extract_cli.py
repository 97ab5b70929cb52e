"""``aikg extract`` on the command line: formats, --out, --compare, and every kind of bad input."""

from __future__ import annotations

import json

import pytest

from graph.extract.text import MAX_BYTES

from .conftest import ROOT, write

ARTICLE = ROOT / "data" / "article" / "000_789b65b4e7b126be.txt"
IREN = ROOT / "bench" / "extract_texts" / "en_microsoft_iren.txt"


def test_table_on_the_seed_article(cli):
    r = cli("extract", ARTICLE, "--published", "2025-11-03", "--layers", "article")
    assert r.code == 0, r.err
    assert "9 candidate relation(s)" in r.out
    assert "OpenAI --buysComputeFrom--> Amazon Web Services" in r.out
    assert "38000000000 USD  «38 milliards de dollars» [148:171]" in r.out
    assert "announced  2025-11-03 (precision day, rule weekday-this-week)  «ce lundi» [42:50]" in r.out
    assert "OpenAI --needsApprovalFrom--> Microsoft" in r.out and "text says: ended" in r.out


def test_json_output(cli):
    r = cli("extract", ARTICLE, "--published", "2025-11-03", "--layers", "article", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["source"]["language"] == "fr" and doc["source"]["published"] == "2025-11-03"
    assert len(doc["candidates"]) == 9
    a01 = next(c for c in doc["candidates"] if c["type"] == "buysComputeFrom")
    assert a01["value"]["value"] == "38000000000" and a01["value"]["start"] == 148
    assert a01["duration"]["value"] == "P7Y"
    assert a01["dates"]["announced"]["value"] == "2025-11-03"
    assert a01["status"] == "extracted"


def test_turtle_out_file_validates_and_loads_as_data(cli, tmp_path):
    out = tmp_path / "candidates.ttl"
    r = cli(
        "extract", ARTICLE, "--published", "2025-11-03", "--layers", "article", "--out", out,
        "--title", "OpenAI et Amazon", "--url", "https://example.org/openai-aws",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "wrote" in r.err and "9 candidate relation(s)" in r.err
    text = out.read_text(encoding="utf-8")
    assert '"OpenAI et Amazon"@fr' in text and "https://example.org/openai-aws" in text
    v = cli("validate", "--layers", "article", "--data", out)
    assert v.code == 0, v.out


def test_compare_in_the_table(cli):
    r = cli("extract", ARTICLE, "--published", "2025-11-03", "--layers", "article", "--compare")
    assert r.code == 0, r.err
    assert "compare    known: A01 (source: OpenAI, le créateur de ChatGPT" in r.out
    assert r.out.count("compare    known") == 9


def test_english_article_with_new_organisations(cli, tmp_path):
    out = tmp_path / "iren.ttl"
    r = cli("extract", IREN, "--published", "2025-11-03", "--layers", "article", "--compare")
    assert r.code == 0, r.err
    assert "Microsoft --buysComputeFrom--> IREN [NEW]" in r.out
    assert "IREN [NEW] --procuresChipsFrom--> Dell [NEW]" in r.out
    assert "9700000000 USD" in r.out and "P5Y" in r.out
    assert "compare    new" in r.out
    r = cli("extract", IREN, "--published", "2025-11-03", "--layers", "article", "--out", out)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "candidate:iren a aikg:Actor" in text and "new: not in the graph" in text
    assert "@prefix candidate: <https://w3id.org/ai-infra-kg/id/candidate-actor/>" in text
    assert cli("validate", "--layers", "article", "--data", out).code == 0


def test_nothing_found_is_exit_zero(cli, tmp_path):
    path = write(tmp_path / "weather.txt", "Il fera beau demain sur la Bretagne, avec des températures douces.\n")
    out = tmp_path / "none.ttl"
    r = cli("extract", path, "--published", "2025-11-03", "--layers", "article", "--out", out)
    assert r.code == 0
    assert r.out.startswith("nothing found: no actor of the graph is named in the text")
    assert not out.exists() and "nothing written" in r.err


def test_known_actors_but_no_relation(cli, tmp_path):
    path = write(tmp_path / "quotes.txt", "Nvidia et AMD ont publié leurs résultats trimestriels mercredi.\n")
    r = cli("extract", path, "--published", "2025-11-03", "--layers", "article")
    assert r.code == 0
    assert "nothing found: the text names AMD, Nvidia but states no relation" in r.out


def test_empty_and_blank_files(cli, tmp_path):
    for name, content in (("empty.txt", ""), ("blank.txt", " \n\t\n")):
        path = write(tmp_path / name, content)
        r = cli("extract", path, "--published", "2025-11-03")
        assert r.code == 2
        assert "the file is empty" in r.err and "Traceback" not in r.err


def test_not_utf8_names_the_byte(cli, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "OpenAI a signé un accord.\nAmazon Web Services fournira du calcul à l'entreprise.".encode("latin-1")
    )
    r = cli("extract", path, "--published", "2025-11-03")
    assert r.code == 2
    assert "not UTF-8 text (byte 13, line 1" in r.err  # the é of "signé"


def test_missing_file(cli, tmp_path):
    r = cli("extract", tmp_path / "nope.txt", "--published", "2025-11-03")
    assert r.code == 2 and "no such file" in r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--published DATE is required"),
        (("--published", "03/11/2025"), "is not an ISO 8601 date"),
        (("--published", "2025-13-01"), "is not a valid date"),
        (("--published", "2025-11"), "give a full day"),
        (("--published", "yesterday"), "is not an ISO 8601 date"),
    ],
)
def test_missing_or_malformed_published_date(cli, args, message):
    r = cli("extract", ARTICLE, *args)
    assert r.code == 2
    assert message in r.err and "Traceback" not in r.err


def test_huge_file_is_refused_at_once(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"OpenAI " * (MAX_BYTES // 7 + 1))
    r = cli("extract", path, "--published", "2025-11-03")
    assert r.code == 2
    assert f"over the {MAX_BYTES:,}-byte limit" in r.err


def test_a_long_file_under_the_limit_is_processed(cli, tmp_path):
    text = ARTICLE.read_text(encoding="utf-8")
    path = write(tmp_path / "long.txt", (text + "\n") * 60)  # about 170 KB
    r = cli("extract", path, "--published", "2025-11-03", "--layers", "article", "--no-ner", "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert len(doc["candidates"]) == 9
    a01 = next(c for c in doc["candidates"] if c["type"] == "buysComputeFrom")
    assert len(a01["evidence"]) == 120  # two sentences in each of the 60 copies


def test_lang_option_is_checked(cli):
    r = cli("extract", ARTICLE, "--published", "2025-11-03", "--lang", "de")
    assert r.code == 2


def test_help_lists_extract(cli):
    r = cli("--help")
    assert "extract" in r.out
