"""The review loop, end to end: news texts -> `aikg extract --out candidates.csv` -> a person marks
rows -> `aikg import candidates.csv` -> facts with their quoted evidence in the graph; and every
kind of bad review sheet."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from rdflib import Graph

from graph.core.vocab import AIKG
from graph.extract.to_csv import COLUMNS

from .conftest import ROOT, write

NEWS = ROOT / "bench" / "extract_texts" / "dev"
TEXTS = {
    # file names start with the publication date: no --published needed
    "2026-04-17-cerebras.txt": NEWS / "fr_openai_cerebras_pret.txt",
    "2025-03-03-coreweave.txt": NEWS / "en_nvidia_coreweave_stake_sources.txt",
}


@pytest.fixture
def folder(tmp_path):
    for name, src in TEXTS.items():
        shutil.copyfile(src, tmp_path / name)
    return tmp_path


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_rows(path, rows, fields=COLUMNS):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(fields), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def extract_sheet(cli, folder):
    out = folder / "candidates.csv"
    files = sorted(folder.glob("*.txt"))
    r = cli("extract", *files, "--out", out)
    assert r.code == 0, r.err
    return out, r


def test_two_texts_to_accepted_facts_with_their_evidence(cli, folder):
    out, r = extract_sheet(cli, folder)
    # progress on standard error, one line per text when it is not a terminal, then the summary
    assert "extract [1/2] 2025-03-03-coreweave.txt: 1 candidate relation" in r.err
    assert "extract [2/2] 2026-04-17-cerebras.txt: 1 candidate relation" in r.err
    assert "2 candidate relations from 2 files: 2 already in the graph" in r.err
    rows = read_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    by = {(row["subject"], row["relation"], row["object"]): row for row in rows}
    stake = by[("Nvidia", "ownsStakeIn", "CoreWeave")]
    loan = by[("OpenAI", "investsIn", "Cerebras")]
    assert (stake["value"], stake["unit"], stake["status"], stake["compare"]) == ("6", "percent", "reported", "known")
    assert stake["compare_facts"] == "F065" and loan["compare_facts"] == "F168"
    assert (loan["announced"], loan["valid_from"], loan["published"], loan["lang"]) == (
        "2026-04-16", "2026-01", "2026-04-17", "fr",
    )  # fmt: skip
    assert all(row["accept"] == "" for row in rows)
    text = (folder / loan["text_file"]).read_text(encoding="utf-8")
    start, end = map(int, loan["evidence"].split(":"))
    assert text[start:end] == loan["evidence_quote"]

    # the reviewer accepts the loan and leaves the stake
    loan["accept"], stake["accept"] = "yes", "no"
    reviewed = write_rows(folder / "reviewed.csv", rows)
    facts = folder / "accepted.ttl"
    r = cli("import", reviewed, "--out", facts)
    assert r.code == 0, r.err
    assert "reviewed.csv: 2 rows read, 1 accepted, 1 relation built" in r.err
    assert f"{loan['id']} = relation:F168" in r.err  # linked to the fact the graph already holds

    g = Graph().parse(facts)
    rel = next(g.subjects(AIKG.factId, None))
    assert str(g.value(rel, AIKG.status)) == "reported"
    assert str(g.value(rel, AIKG.validFrom)) == "2026-01"
    assert cli("validate", "--data", facts).code == 0

    # query it with its evidence: the quote, its offsets and the text as source
    r = cli("query", "evidence", "--data", facts, "--param", f"fact={loan['id']}", "--format", "json")
    assert r.code == 0, r.err
    bindings = json.loads(r.out)["results"]["bindings"]
    quoted = [b for b in bindings if "quote" in b]
    assert len(quoted) == 1
    (b,) = quoted
    assert b["quote"]["value"] == loan["evidence_quote"]
    assert (int(b["startOffset"]["value"]), int(b["endOffset"]["value"])) == (start, end)
    assert b["sourceIssued"]["value"] == "2026-04-17"  # the text, published that day, is the source


def test_several_clauses_of_evidence_and_a_url(cli, tmp_path):
    path = write(
        tmp_path / "news.txt",
        "Akamai signed a seven-year cloud computing agreement worth about $1.8bn with a frontier AI model "
        "developer. Bloomberg identified the customer as Anthropic.\n",
    )
    out = tmp_path / "c.csv"
    r = cli("extract", path, "--published", "2026-05-08", "--url", "https://example.org/akamai", "--out", out)
    assert r.code == 0, r.err
    (row,) = read_rows(out)
    assert row["evidence"].count(";") == 1 and " … " in row["evidence_quote"]
    assert row["source_url"] == "https://example.org/akamai"
    row["accept"] = "x"
    reviewed = write_rows(tmp_path / "r.csv", [row])
    facts = tmp_path / "f.ttl"
    r = cli("import", reviewed, "--out", facts)
    assert r.code == 0, r.err
    g = Graph().parse(facts)
    quotes = sorted(str(q) for q in g.objects(None, AIKG.quote))
    assert quotes[0].startswith("Akamai signed") and quotes[1].startswith("Bloomberg identified")
    assert len(set(g.objects(None, AIKG.startOffset))) == 2


def test_a_sheet_with_no_row_accepted(cli, folder):
    out, _ = extract_sheet(cli, folder)
    r = cli("import", out, "--out", folder / "none.ttl")
    assert r.code == 1
    assert "no row is accepted: write yes in the accept column" in r.err
    assert not (folder / "none.ttl").exists() and "Traceback" not in r.err


def test_an_unclear_accept_word(cli, folder):
    out, _ = extract_sheet(cli, folder)
    rows = read_rows(out)
    rows[0]["accept"] = "maybe"
    rows[1]["accept"] = "yes"
    r = cli("import", write_rows(folder / "r.csv", rows), "--out", folder / "f.ttl")
    assert r.code == 1
    assert "r.csv: row 2, column accept: 'maybe': write yes to import the row" in r.err
    assert not (folder / "f.ttl").exists()


def test_an_edited_text_is_caught(cli, folder):
    out, _ = extract_sheet(cli, folder)
    rows = read_rows(out)
    for row in rows:
        row["accept"] = "yes"
    reviewed = write_rows(folder / "r.csv", rows)
    cerebras = folder / "2026-04-17-cerebras.txt"
    cerebras.write_text("Texte remplacé. " + cerebras.read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("import", reviewed, "--out", folder / "f.ttl")
    assert r.code == 1
    assert "column evidence_quote: does not match 2026-04-17-cerebras.txt" in r.err
    assert not (folder / "f.ttl").exists()


def test_a_missing_text_file(cli, folder):
    out, _ = extract_sheet(cli, folder)
    rows = read_rows(out)
    for row in rows:
        row["accept"] = "yes"
    reviewed = write_rows(folder / "r.csv", rows)
    (folder / "2025-03-03-coreweave.txt").unlink()
    r = cli("import", reviewed)
    assert r.code == 1
    assert "column text_file:" in r.err and "no such file" in r.err


def test_offsets_outside_the_text(cli, folder):
    out, _ = extract_sheet(cli, folder)
    rows = read_rows(out)
    rows[0].update(accept="yes", evidence="0:999999")
    rows[1].update(accept="yes", evidence="12-40")
    r = cli("import", write_rows(folder / "r.csv", rows))
    assert r.code == 1
    assert "row 2, column evidence: 0:999999: outside the" in r.err
    assert "row 3, column evidence: '12-40': write offsets as start:end" in r.err


def test_several_files_need_their_dates(cli, tmp_path):
    a = write(tmp_path / "a.txt", "OpenAI a signé avec CoreWeave un contrat de cloud de 11,9 milliards de dollars.\n")
    b = write(tmp_path / "b.txt", "Nvidia investira 2 milliards de dollars dans CoreWeave.\n")
    r = cli("extract", a, b)
    assert r.code == 2 and "a.txt: --published DATE is required" in r.err and "2025-11-03-openai-aws.txt" in r.err
    r = cli("extract", a, b, "--published", "2025-03-10", "--url", "https://example.org/x")
    assert r.code == 2 and "--title and --url name one source" in r.err
    r = cli("extract", a, b, "--published", "2025-03-10", "--format", "json")
    assert r.code == 0 and '"files"' in r.out


def test_the_summary_without_compare_says_what_was_written(cli, tmp_path):
    path = ROOT / "bench" / "extract_texts" / "en_microsoft_iren.txt"
    out = tmp_path / "c.ttl"
    r = cli("extract", path, "--published", "2025-11-03", "--out", out)
    assert r.code == 0, r.err
    assert "2 candidate relations from 1 file" in r.err
    assert ": 2 candidate" not in r.err  # issue #14: no more "3 candidate relation(s): 3 candidate"
