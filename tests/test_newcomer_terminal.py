"""A newcomer's terminal (#14): tables that fit, the publication and evidence behind each fact,
``--list`` options that are accepted as shown, a short ``shift``, a timeline that tells rows apart."""

from __future__ import annotations

import csv
import io
import re

import pytest

from graph.cli.main import build_parser
from graph.query import bundled_queries


@pytest.fixture
def columns(monkeypatch):
    """A terminal of 100 columns, as ``COLUMNS=100 aikg ...`` gives."""
    monkeypatch.setenv("COLUMNS", "100")
    return 100


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _cells(table: str, key: str) -> dict[str, str]:
    """The cells of the row whose first line holds ``key``, each column's lines joined."""
    lines = table.splitlines()
    header = [h.strip() for h in lines[0].split(" | ")]
    start = next(i for i, line in enumerate(lines) if key in line and i > 1)
    parts: dict[str, list[str]] = {h: [] for h in header}
    for line in lines[start:]:
        if "-+-" in line or line.startswith("("):
            break
        for h, cell in zip(header, line.split(" | ")):
            parts[h].append(cell.strip())
    return {h: " ".join(p for p in v if p) for h, v in parts.items()}


def test_a_table_fits_the_terminal(cli, columns):
    r = cli("query", "relations-of")
    assert r.code == 0
    lines = r.out.splitlines()
    assert max(len(line) for line in lines) <= columns
    # Which fact, between whom, since when, for how much and on whose word are kept...
    header = lines[0]
    for name in ("factIds", "statement", "start", "value", "sources", "evidence"):
        assert name in header
    # ...IRIs and the bases of dates are left out, and said to be.
    assert "relation:" not in r.out and "startBasis" not in header
    footer = " ".join(lines[lines.index(next(x for x in lines if x.startswith("(192 rows"))) :])
    assert "startBasis" in footer and "--wide" in footer


def test_each_public_fact_shows_its_publication_and_evidence(cli, columns):
    r = cli("query", "compute-suppliers", "--actor", "Anthropic")
    assert r.code == 0
    row = _cells(r.out, "F092")
    # The publisher's site and the fact's note, not the compiled fact set's title.
    # (compared without spaces: a word longer than its column is broken across lines)
    assert row["sources"].replace(" ", "").startswith("deeplearning.ai:Anthropicsecures")
    assert row["evidence"].replace(" ", "").startswith("note:Livemint/WSJ")
    assert "AI-infrastructure relationships" not in r.out


def test_wide_shows_every_column(cli, columns):
    r = cli("query", "relations-of", "--wide")
    header = r.out.splitlines()[0]
    assert "startBasis" in header and "relation " in header and "subjectLabel" in header
    assert max(len(line) for line in r.out.splitlines()) > columns
    assert "relation:F092" in r.out


def test_csv_gives_the_publication_with_its_url_and_the_note(cli):
    rows = _rows(cli("query", "compute-suppliers", "--actor", "Anthropic", "--format", "csv").out)
    f092 = next(r for r in rows if r["factIds"] == "F092")
    assert f092["sources"].startswith("Anthropic secures $2 billion investment from Google")
    assert "<https://www.deeplearning.ai/" in f092["sources"]
    assert f092["evidence"] == "note: Livemint/WSJ: cloud deal worth over $3B signed months before the investment."
    # A quoted fact keeps its quote, unprefixed.
    rows = _rows(cli("query", "compute-suppliers", "--actor", "OpenAI", "--format", "csv").out)
    a01 = next(r for r in rows if r["factIds"].startswith("A01"))
    assert "38 milliards de dollars" in a01["evidence"]
    # relations-of carries them too.
    rows = _rows(cli("query", "relations-of", "--param", "actor=Anthropic", "--format", "csv").out)
    assert any(r["factIds"] == "F092" and "deeplearning.ai" in r["sources"] for r in rows)


def test_evidence_names_the_publication_not_the_fact_set(cli):
    rows = _rows(cli("query", "evidence", "--param", "fact=F092", "--format", "csv").out)
    assert [r["sourceUrl"] for r in rows] == [
        "https://www.deeplearning.ai/the-batch/anthropic-secures-2-billion-investment-from-google-weeks-after-amazon-deal/"
    ]
    assert rows[0]["factNote"].startswith("Livemint/WSJ")


def test_list_shows_options_the_parser_accepts(cli):
    r = cli("query", "--list")
    assert r.code == 0
    parser = build_parser()
    seen = 0
    for name in bundled_queries():
        line = next(x for x in r.out.splitlines() if x.split()[0] == name)
        options = re.findall(r"(--[a-z-]+) ([A-Za-z]+=VALUE|[A-Z]+)", line)
        for option, metavar in options:
            value = metavar.replace("VALUE", "x") if "=" in metavar else "x"
            args = parser.parse_args(["query", name, option, value])  # exits on an unknown option
            assert args.query == name
            seen += 1
    assert seen >= 20
    assert "--unit" not in r.out and "--fact " not in r.out and "--status " not in r.out


def test_shift_over_two_events_prints_a_summary(cli, tmp_path):
    import graph as aikg

    short = cli("shift", "--event", "restructuring", "--event", "amendment", "--out", tmp_path / "s")
    assert short.code == 0, short.err
    lines = short.out.splitlines()
    assert len(lines) <= 100
    # Each step's headline changes for the actors in focus, relations between them first.
    step3 = short.out.split("Step 3 of 6: OpenAI restructuring (2025-10-28)")[1].split("- Step 4")[0]
    assert "ended (4): Microsoft holds right of first refusal over OpenAI [F013]" in step3
    assert "OpenAI on 2026-02-26: Microsoft 78.0%" in step3
    assert "--full" in lines[-1] or "--full" in short.out.split("Overall")[1]
    # The full detail is written to the files as before, and printed with --full.
    md = (tmp_path / "s" / "shift.md").read_text(encoding="utf-8")
    full = cli("shift", "--event", "restructuring", "--event", "amendment", "--full")
    assert len(full.out.splitlines()) > 10 * len(lines)
    assert "Path\n----" in full.out and "evidence: «" in full.out and "## Path" in md
    # The API prints what the command prints.
    kg = aikg.open()
    shift = kg.shift(["restructuring", "amendment"])
    assert shift.text() == short.out and shift.text(full=True) == full.out


def test_timeline_rows_show_value_and_what_tells_them_apart(cli, columns, tmp_path):
    r = cli("timeline", "OpenAI", "--with", "Microsoft", "--out", tmp_path)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert max(len(line) for line in lines) <= columns
    header = next(line for line in lines if line.startswith("start "))
    assert [h.strip() for h in header.split(" | ")][:6] == ["start", "end", "relation", "value", "what", "facts"]
    f001 = _cells("\n".join(lines[lines.index(header) :]), "F001")
    assert f001["value"] == "1 bn USD" and f001["what"].startswith("first large outside investor")
    # The rows that read "Microsoft partners with OpenAI" each say what they are about.
    table = "\n".join(lines[lines.index(header) :])
    partners = [_cells(table, fact) for fact in ("F004", "F012", "F014", "F017", "F146", "F154", "F173", "F174")]
    assert all(p["relation"] == "Microsoft partners with OpenAI" for p in partners)
    assert len({p["what"] for p in partners}) == len(partners) and all(p["what"] for p in partners)
    md = (tmp_path / "timeline.md").read_text(encoding="utf-8")
    assert "| value | what |" in md and "exclusive licence to GPT-3" in md
