"""Hardening (issue 20): the three importers over a fixed-seed corpus of mutated shipped files.

Each mutant (bytes deleted, duplicated, truncated, lines swapped, hostile tokens inserted: NUL,
escape sequences, invalid UTF-8, full-width digits, 9999-12-31, NaN, javascript: URLs, remote and
file JSON-LD contexts) goes through ``aikg import`` (a facts CSV) or ``aikg export --data`` (Turtle,
JSON-LD). Each run must end either with exit 0 and an output that parses, or with a clear message
(``aikg: error: ...``, or the importer's row-by-row report ending in "nothing written"), no
traceback, and nothing written. The corpus is fixed (seeded), so a failure reproduces.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph

from graph.query.formats import serialize_graph

from .conftest import ROOT

SEED = 20
#: Mutants per importer: a few hundred in all, about a minute on one core.
COUNT = {"csv": 100, "ttl": 120, "jsonld": 100}

HOSTILE: tuple[bytes, ...] = (
    b"\x00",
    b"\x1b[2J",
    b"\xff\xfe",
    b"\xc3",
    '"',
    "'",
    "<",
    ">",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ".",
    "\\",
    "\\u0000",
    "\n",
    "\r",
    "\ufeff",
    "２０２５",
    "9999-12-31",
    "0001-01-01",
    "NaN",
    "-1e309",
    "javascript:alert(1)",
    "data:text/html,<script>x</script>",
    "=cmd|' /C calc'!A0",
    '"@context": "http://127.0.0.1:9/ctx", ',
    '"@context": "file:///etc/passwd", ',
    '"@id": "javascript:x", ',
    "@prefix x: <file:///etc/passwd> .\n",
)
HOSTILE_BYTES = tuple(h if isinstance(h, bytes) else h.encode("utf-8") for h in HOSTILE)


def _mutate(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 3)):
        n = len(data)
        op = rng.randrange(6)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randint(1, 40))
        if op == 0:
            data = data[:i] + data[j:]
        elif op == 1:
            data = data[:j] + data[i:j] + data[j:]
        elif op in (2, 3):
            data = data[:i] + rng.choice(HOSTILE_BYTES) + data[i:]
        elif op == 4:
            data = data[: rng.randrange(n + 1)]
        else:
            lines = data.split(b"\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            data = b"\n".join(lines)
    return data


def _seeds(tmp_path: Path) -> dict[str, bytes]:
    """Small shipped inputs: a facts CSV (header and six rows), the article's Turtle, and the
    same facts as JSON-LD (the layers ship no JSON-LD file: it is made here, deterministically)."""
    rows = (ROOT / "data" / "public-2026" / "ai-infra-facts-2026.csv").read_bytes().split(b"\n")
    turtle = (ROOT / "data" / "article" / "facts.ttl").read_bytes()
    # aikg's own JSON-LD writer: deterministic, so the corpus (and the test) is the same every run
    jsonld = serialize_graph(Graph().parse(data=turtle.decode("utf-8"), format="turtle"), "jsonld")
    return {"csv": b"\n".join(rows[:7]) + b"\n", "ttl": turtle, "jsonld": jsonld.encode("utf-8")}


def _check(result, out: Path, what: str) -> None:
    text = result.out + result.err
    assert "Traceback" not in text, f"{what}: {text[-2000:]}"
    if result.code == 0:
        assert out.is_file(), what
        Graph().parse(out, format="nt" if out.suffix == ".nt" else "turtle")
        return
    assert result.err.startswith("aikg: error: ") or "nothing written" in result.err, f"{what}: {result.err[-800:]}"
    assert not out.exists(), what
    assert [p.name for p in out.parent.iterdir()] == [], f"{what}: left {list(out.parent.iterdir())}"


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["csv", "ttl", "jsonld"])
def test_mutated_inputs_give_a_valid_result_or_a_clear_error(cli, tmp_path, monkeypatch, kind):
    monkeypatch.setenv("AIKG_TODAY", "2026-12-03")
    rng = random.Random(f"{SEED}-{kind}")
    seed = _seeds(tmp_path)[kind]
    inputs, outs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    outs.mkdir()
    outcomes = {"ok": 0, "refused": 0}
    for k in range(COUNT[kind]):
        mutant = inputs / f"m{k}.{kind}"
        mutant.write_bytes(_mutate(seed, rng))
        if kind == "csv":
            out = outs / "out.ttl"
            result = cli("import", mutant, "--layers", "", "--out", out)
        else:
            out = outs / "out.nt"
            result = cli("export", "--data", mutant, "--layers", "", "--format", "nt", "--out", out)
        _check(result, out, f"{kind} mutant {k} ({mutant})")
        outcomes["ok" if result.code == 0 else "refused"] += 1
        out.unlink(missing_ok=True)
    # The corpus exercises both outcomes, or it tests nothing.
    assert outcomes["ok"] > 0 and outcomes["refused"] > 0, outcomes
