"""``aikg timeline``: every relation of an actor over time, each once with its dates and what ended
it, as Markdown, CSV and JSON tables and a byte-stable PNG chart; and ``aikg build`` writing the
timelines of the most central actors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from graph.analysis.timeline import COLUMNS, timeline
from graph.api.timeline import build_timeline, write_timeline
from graph.store.memory import load_graph

from .analysis_graphs import net
from .conftest import ROOT


@pytest.fixture(scope="module")
def everything():
    return load_graph()


@pytest.fixture(scope="module")
def openai_microsoft(everything):
    return build_timeline(everything, "OpenAI", other="Microsoft")


def row(tl, fact):
    (r,) = [r for r in tl["relations"] if fact in r["fact_ids"]]
    return r


def test_each_relation_once_with_its_dates(openai_microsoft):
    tl = openai_microsoft
    keys = [(r["source"], r["target"], r["key"]) for r in tl["relations"]]
    assert len(keys) == len(set(keys))
    facts = [f for r in tl["relations"] for f in r["fact_ids"]]
    assert len(facts) == len(set(facts))  # a fact is in one row only
    assert {r["counterpart_label"] for r in tl["relations"]} == {"Microsoft"}
    expected = {
        "F002": ("2019-07-22", "2025-01-21", "stated"),
        "F003": ("2019-07-22", "2025-10-28", "stated"),
        "F013": ("2025-01-21", "2025-10-28", "stated"),
        "F016": ("2025-10-28", None, None),
        "F017": ("2025-10-28", "2026-04-27", "revision"),
        "F019": ("2025-10-28", "2026-04-27", "revision"),
        "F020": ("2025-05-06", "2026-04-27", "revision"),
        "F173": ("2026-04-27", "2032-01-01", "stated"),  # "2032": to the year, not counted from its first day
        "F174": ("2026-04-27", None, None),
    }
    for fact, (start, end, reason) in expected.items():
        r = row(tl, fact)
        assert (r["start"], r["end"], r["end_reason"]) == (start, end, reason), fact
    assert (row(tl, "F173")["stated_until"], row(tl, "F173")["end_precision"]) == ("2032", "year")
    assert row(tl, "F003")["fact_ids"] == ["A03", "F003"]  # the same tie in two layers: one row
    assert row(tl, "F019")["fact_ids"] == ["F019", "F175"]  # its end record: one row
    assert row(tl, "F017")["ended_by"] == "F173 (ends)" and row(tl, "F017")["mark"] == "ended"
    assert row(tl, "F020")["ended_by"] == "F177 (supersedes)" and row(tl, "F020")["mark"] == "superseded"
    assert row(tl, "F013")["ended_by"] == "own validUntil; OpenAI restructuring"
    assert row(tl, "F173")["started_by_label"] == "Microsoft–OpenAI amendment"
    starts = [r["start"] or "" for r in tl["relations"]]
    assert starts == sorted(starts, key=lambda s: {4: s + "-01-01", 7: s + "-01"}.get(len(s), s))
    assert [e["label"] for e in tl["events"]] == ["OpenAI restructuring", "Microsoft–OpenAI amendment"]


def test_window_clips_the_relations(everything):
    tl = build_timeline(everything, "OpenAI", other="Microsoft", start="2026-01-01", end="2026-03-31")
    facts = {f for r in tl["relations"] for f in r["fact_ids"]}
    assert "F002" not in facts and "F013" not in facts  # ended before the window
    assert {"F016", "F019", "F146", "F154", "F157"} <= facts
    assert "F173" not in facts  # starts after it
    assert tl["events"] == []


def test_tables_list_the_same_relations(openai_microsoft, tmp_path):
    paths = write_timeline(openai_microsoft, tmp_path)
    assert [p.name for p in paths] == ["timeline.md", "timeline.csv", "timeline.json", "timeline.png"]
    table = list(csv.DictReader(io.StringIO((tmp_path / "timeline.csv").read_text(encoding="utf-8"))))
    assert list(table[0]) == list(COLUMNS)
    assert len(table) == len(openai_microsoft["relations"])
    f017 = next(r for r in table if r["fact_ids"] == "F017")
    assert (f017["start"], f017["end"], f017["end_reason"], f017["ended_by"]) == (
        "2025-10-28",
        "2026-04-27",
        "revision",
        "F173 (ends)",
    )
    doc = json.loads((tmp_path / "timeline.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "aikg-timeline/1" and len(doc["relations"]) == len(table)
    md = (tmp_path / "timeline.md").read_text(encoding="utf-8")
    assert md.startswith("# Relations of OpenAI with Microsoft over time")
    assert "| Microsoft partners with OpenAI | F019, F175 | 2025-10-28 | 2026-04-27 | F175 (its end record) |" in md
    assert (tmp_path / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_chart_is_identical_across_two_runs(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: one line per relation
    first = cli("timeline", "OpenAI", "--with", "Microsoft", "--out", tmp_path / "a")
    assert first.code == 0, first.err
    assert "Microsoft partners with OpenAI" in first.out and "F019, F175" in first.out
    cli("timeline", "OpenAI", "--with", "Microsoft", "--out", tmp_path / "b")
    for name in ("timeline.png", "timeline.csv", "timeline.md", "timeline.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # and in another process
    subprocess.run(
        [sys.executable, "-m", "graph", "timeline", "OpenAI", "--with", "Microsoft", "--out", str(tmp_path / "c")],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert (tmp_path / "a" / "timeline.png").read_bytes() == (tmp_path / "c" / "timeline.png").read_bytes()


def test_an_absorbed_actor_and_its_successor(everything):
    spacex = build_timeline(everything, "SpaceX")
    via = {f: r for r in spacex["relations"] for f in r["fact_ids"] if r["via"]}
    assert {"F031", "F064", "F122", "F123"} <= set(via)
    assert via["F122"]["start"] == "2026-02-02" and via["F122"]["via_label"] == "xAI"
    own = {f for r in spacex["relations"] if not r["via"] for f in r["fact_ids"]}
    assert {"F131", "F155", "F181"} <= own
    assert spacex["absorbed"][0]["label"] == "xAI"
    xai = build_timeline(everything, "xAI")
    f122 = row(xai, "F122")
    assert (f122["start"], f122["carried_to_label"], f122["carried_from"]) == ("2026-01-06", "SpaceX", "2026-02-02")
    assert row(xai, "F131")["carried_to"] is None  # the tie to SpaceX itself stays
    assert [e["label"] for e in xai["events"]] == ["SpaceX acquires xAI"]


def test_pure_function_on_a_small_network():
    G = net(("lab", "cloud", "buysComputeFrom"), ("lab", "other", "investsIn"))
    G.edges["lab", "cloud", "buysComputeFrom:1"].update(start="2024", valid_until="2025-06")
    tl = timeline(G, "lab", other="cloud")
    assert [(r["key"], r["start"], r["end"], r["start_precision"]) for r in tl["relations"]] == [
        ("buysComputeFrom:1", "2024", "2025-06", "year")
    ]
    assert timeline(G, "lab", start="2025-06-01")["relations"][0]["key"] == "investsIn:2"


@pytest.mark.parametrize(
    "args, message",
    [
        (("OpenAl",), "closest known: OpenAI"),
        (("OpenAI", "--with", "Microsfot"), "closest known: Microsoft"),
        (("OpenAI", "--from", "2026-05-01", "--to", "2026-01-01"), "is after --to"),
        (("OpenAI", "--from", "01/05/2026"), "not an ISO 8601 date"),
        (("OpenAI", "--with", "OpenAI"), "itself"),
    ],
)
def test_bad_input(cli, tmp_path, args, message):
    r = cli("timeline", *args, "--out", tmp_path / "never", "--layers", "article")
    assert r.code == 2 and message in r.err and "Traceback" not in r.err
    assert not (tmp_path / "never").exists()


def test_build_writes_the_timelines_of_the_most_central_actors(tmp_path):
    from graph.api.build import TIMELINES, write_analyses

    graph = load_graph("article")
    write_analyses(graph, tmp_path, "article")
    folders = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("timeline-"))
    top = json.loads((tmp_path / "report" / "centrality.json").read_text(encoding="utf-8"))["top"]["pagerank"]
    assert len(folders) == min(TIMELINES, len(top)) == 5
    assert "timeline-openai" in folders
    for folder in folders:
        assert (tmp_path / folder / "timeline.png").is_file()
