"""aikg's cache (graph/core/cache.py, graph/store/cache.py): a command reads back what it
computed before from the same inputs, and any change to an input, to the code or to the
libraries is seen. A wrong cache is worse than a slow command, so most tests here change
something and check that the answer follows."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.core import cache as core_cache
from graph.core import resources
from graph.core.legacy import OLD_BASE
from graph.store import cache as graph_cache
from graph.store.memory import load_graph, source_files
from graph.validation.shacl import validate

from .conftest import PREFIXES_TTL, write

DEAL = (
    PREFIXES_TTL
    + """
@prefix rel: <https://w3id.org/ai-infra-kg/id/relation/> .
actor:zeta a aikg:Company ; rdfs:label "Zeta Compute" .
"""
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A fresh, empty cache folder for one test, the cache on."""
    where = tmp_path / "cache"
    monkeypatch.setenv("AIKG_CACHE_DIR", str(where))
    monkeypatch.delenv("AIKG_CACHE", raising=False)
    monkeypatch.setattr(core_cache, "_HELD", {})  # nothing held from an earlier test's drawings
    return where


def entries(where: Path, kind: str = "graphs") -> list[Path]:
    return sorted((where / kind).glob("*.pickle"))


def triples(g) -> set:
    return set(g)


def test_a_second_load_reads_the_entry_and_gives_the_same_graph(cache_dir):
    first = load_graph(layers="article")
    assert len(entries(cache_dir)) == 1
    second = load_graph(layers="article")
    assert triples(second) == triples(first)
    assert second is not first  # each load gets its own graph: changing one changes no other
    second.add((URIRef("https://example.org/x"), URIRef("https://example.org/p"), Literal("y")))
    assert len(load_graph(layers="article")) == len(first)


def test_the_cached_graph_answers_sparql_as_the_parsed_one(cache_dir):
    fresh = load_graph(layers="article")
    again = load_graph(layers="article")  # from the entry, its SPARQL copy read from N-Quads
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    assert [tuple(r) for r in again.query(q)] == [tuple(r) for r in fresh.query(q)]
    # After a change, the copy is made again from the graph, not read from the entry.
    s = URIRef("https://example.org/new")
    again.add((s, URIRef("https://example.org/p"), Literal("added")))
    assert len(list(again.query("SELECT ?o WHERE { <https://example.org/new> ?p ?o }"))) == 1


def test_an_edited_data_file_is_a_miss(cache_dir, tmp_path):
    mine = write(tmp_path / "mine.ttl", DEAL)
    g1 = load_graph(layers="article", data=[mine])
    assert (URIRef("https://w3id.org/ai-infra-kg/id/actor/zeta"), None, None) in g1
    write(mine, DEAL.replace("Zeta Compute", "Zeta Cloud"))
    g2 = load_graph(layers="article", data=[mine])
    labels = {str(o) for o in g2.objects(URIRef("https://w3id.org/ai-infra-kg/id/actor/zeta"), None)}
    assert "Zeta Cloud" in labels and "Zeta Compute" not in labels
    assert len(entries(cache_dir)) == 2


def test_the_same_bytes_under_another_suffix_are_another_entry(cache_dir, tmp_path):
    nt = '<https://example.org/a> <https://example.org/p> "x" .\n'
    a = write(tmp_path / "a.nt", nt)
    load_graph(layers="article", data=[a])
    b = write(tmp_path / "a.ttl", nt)  # the same text, read by another parser
    load_graph(layers="article", data=[b])
    assert len(entries(cache_dir)) == 2


def test_adding_removing_or_reordering_inputs_is_a_miss(cache_dir, tmp_path):
    a = write(tmp_path / "a.ttl", DEAL)
    b = write(tmp_path / "b.ttl", DEAL.replace("zeta", "eta").replace("Zeta", "Eta"))
    names = set()
    for layers, data in (("article", []), ("article", [a]), ("article", [a, b]), ("article", [b, a]), ("all", [])):
        names.add(graph_cache.key(source_files(layers, data), derive=True))
        load_graph(layers=layers, data=data)
    assert len(names) == 5
    assert len(entries(cache_dir)) == 5
    assert graph_cache.key(source_files("article"), derive=False) not in names


def test_an_edited_shipped_layer_is_a_miss(cache_dir, tmp_path, monkeypatch):
    # A copy of the shipped data whose article layer is then edited, as a user of a source
    # checkout would: the second load must see the edit.
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    before = load_graph(layers="article")
    layer = sorted((data / "article").glob("*.ttl"))[0]
    layer.write_text(layer.read_text(encoding="utf-8") + '\nactor:zeta rdfs:label "Zeta Compute" .\n', encoding="utf-8")
    after = load_graph(layers="article")
    zeta = URIRef("https://w3id.org/ai-infra-kg/id/actor/zeta")
    assert (zeta, None, None) not in before and (zeta, None, None) in after


def test_the_code_fingerprint_follows_the_package_source(tmp_path, monkeypatch):
    # A copy of the package with one rule edited gives another fingerprint, so another key.
    package = tmp_path / "graph"
    shutil.copytree(Path(core_cache.__file__).resolve().parent.parent, package)
    monkeypatch.setattr(core_cache, "_PACKAGE", package)
    core_cache.code_fingerprint.cache_clear()
    try:
        before = core_cache.code_fingerprint()
        rule = package / "rules" / "materialise.py"
        rule.write_text(rule.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        core_cache.code_fingerprint.cache_clear()
        assert core_cache.code_fingerprint() != before
    finally:
        core_cache.code_fingerprint.cache_clear()


def test_a_broken_or_foreign_entry_is_a_miss_and_is_written_again(cache_dir):
    g = load_graph(layers="article")
    (path,) = entries(cache_dir)
    path.write_bytes(path.read_bytes()[:1000])  # cut short, as a full disk would leave it
    assert triples(load_graph(layers="article")) == triples(g)
    # An entry holding another name's content (copied by hand) is not used.
    path.write_bytes(pickle.dumps(("another-name", (g, None))))
    again = load_graph(layers="article")
    assert triples(again) == triples(g)
    assert pickle.loads(path.read_bytes())[0] == path.stem


def test_off_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv("AIKG_CACHE", "off")
    load_graph(layers="article")
    assert not cache_dir.exists()


def test_an_unwritable_folder_only_leaves_the_load_uncached(tmp_path, monkeypatch):
    blocker = write(tmp_path / "file", "not a folder")
    monkeypatch.setenv("AIKG_CACHE_DIR", str(blocker / "cache"))
    g = load_graph(layers="article")
    assert len(g) > 1000


def test_a_load_that_warned_is_not_cached_and_warns_every_time(cache_dir, tmp_path):
    old = write(
        tmp_path / "old.ttl",
        f'<{OLD_BASE}id/actor/openai> <http://www.w3.org/2000/01/rdf-schema#comment> "x" .\n',
    )
    for _ in range(2):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            load_graph(layers="article", data=[old])
        assert any("old namespace" in str(w.message) for w in said)
    assert entries(cache_dir) == []


def test_validation_is_cached_for_the_loaded_graph_only_while_it_is_unchanged(cache_dir, tmp_path):
    g = load_graph(layers="article")
    assert validate(g) == []
    assert len(entries(cache_dir, "validation")) == 1
    # A change made after loading: the cached answer no longer applies, the shapes are run.
    deal = URIRef("https://w3id.org/ai-infra-kg/id/relation/zeta-bad")
    g.add(
        (
            deal,
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://w3id.org/ai-infra-kg/ontology#Relation"),
        )
    )  # with no parties: a violation
    assert graph_cache.content_key(g) is None
    assert validate(g) != []
    # A file that breaks the shapes gives its violations on a second run too (read from the cache).
    bad = write(tmp_path / "bad.ttl", PREFIXES_TTL + "<https://w3id.org/ai-infra-kg/id/relation/z> a aikg:Relation .\n")
    first = validate(load_graph(layers="article", data=[bad]))
    second = validate(load_graph(layers="article", data=[bad]))
    assert first and second == first


def test_an_edited_shapes_file_is_a_miss_for_validation(cache_dir, tmp_path, monkeypatch):
    g = load_graph(layers="article")
    assert validate(g) == []
    shapes = tmp_path / "shapes.ttl"
    text = resources.shapes_file().read_text(encoding="utf-8")
    # Every actor now needs a property none has: validation must run again and say so.
    extra = (
        "\n@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<https://example.org/shape> a sh:NodeShape ; sh:targetClass <https://w3id.org/ai-infra-kg/ontology#Actor> ;\n"
        "  sh:property [ sh:path <https://example.org/needed> ; sh:minCount 1 ] .\n"
    )
    shapes.write_text(text + extra, encoding="utf-8")
    monkeypatch.setattr(resources, "shapes_file", lambda: shapes)
    assert validate(load_graph(layers="article")) != []


def test_a_drawing_is_read_back_for_the_same_numbers_and_drawn_for_others(cache_dir):
    from graph.report.charts import before_after

    comparison = {
        "before": "2025-10-27",
        "after": "2025-11-03",
        "actors": [{"label": "OpenAI", "pagerank": {"before": 0.2, "after": 0.3}, "degree": {"before": 1, "after": 2}}],
    }
    first = before_after(comparison, title="t")
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(entries(cache_dir, "charts")) == 1
    assert before_after(comparison, title="t") == first == before_after.uncached(comparison, title="t")
    comparison["actors"][0]["pagerank"]["after"] = 0.9
    other = before_after(comparison, title="t")
    assert other != first
    assert len(entries(cache_dir, "charts")) == 2


def test_a_drawing_handed_over_by_a_worker_is_used_as_it_is_and_only_for_its_arguments(cache_dir, monkeypatch):
    from graph.report.charts import before_after

    comparison = {
        "before": "2025-10-27",
        "after": "2025-11-03",
        "actors": [{"label": "OpenAI", "pagerank": {"before": 0.2, "after": 0.3}, "degree": {"before": 1, "after": 2}}],
    }
    before_after.hold(b"drawn elsewhere", comparison, title="t")
    assert before_after(comparison, title="t") == b"drawn elsewhere"
    assert entries(cache_dir, "charts") == []  # nothing was drawn, nothing stored
    assert before_after(comparison, title="other")[:8] == b"\x89PNG\r\n\x1a\n"
    # Held in the process, so the cache switched off still finds it.
    monkeypatch.setenv("AIKG_CACHE", "off")
    assert before_after(comparison, title="t") == b"drawn elsewhere"
    monkeypatch.setattr(core_cache, "HELD_MAX", 1)
    before_after(comparison, title="third")
    assert before_after(comparison, title="t")[:8] == b"\x89PNG\r\n\x1a\n"  # pushed out: drawn again


def test_the_oldest_entries_go_beyond_the_limit(cache_dir):
    for i in range(5):
        core_cache.put("demo", f"n{i}", i, keep=3)
    assert sorted(p.stem for p in entries(cache_dir, "demo")) == ["n2", "n3", "n4"]
    assert core_cache.get("demo", "n4") == 4 and core_cache.get("demo", "n0") is None


def test_a_command_reads_the_cache_and_gives_the_same_output(cache_dir, tmp_path):
    # Two processes, as a user runs them: the second reads the first's entries, same bytes out.
    def report(out: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "graph.cli.main", "report", "--at", "2025-11-03", "--out", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "AIKG_CACHE_DIR": str(cache_dir)},
        )

    report(tmp_path / "a")
    assert entries(cache_dir) and entries(cache_dir, "charts")
    report(tmp_path / "b")
    for name in ("report.html", "centrality.csv", "centrality.json", "centrality.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    off = {**os.environ, "AIKG_CACHE": "off"}
    subprocess.run(
        [sys.executable, "-m", "graph.cli.main", "report", "--at", "2025-11-03", "--out", str(tmp_path / "c")],
        check=True,
        capture_output=True,
        env=off,
    )
    assert (tmp_path / "a" / "report.html").read_bytes() == (tmp_path / "c" / "report.html").read_bytes()


def test_the_cache_command_shows_and_empties_the_folder(cache_dir, cli):
    load_graph(layers="article")
    shown = cli("cache")
    assert shown.code == 0 and str(cache_dir) in shown.out and "graphs: 1 entries" in shown.out
    cleared = cli("cache", "clear")
    assert cleared.code == 0 and "removed 1 entries" in cleared.out
    assert entries(cache_dir) == []


def test_a_graph_above_the_size_limit_is_not_cached(cache_dir, monkeypatch):
    monkeypatch.setattr(graph_cache, "MAX_TRIPLES", 100)
    assert len(load_graph(layers="article")) > 100
    assert entries(cache_dir) == []


def test_without_a_home_folder_nothing_is_written_where_the_command_stands(tmp_path, monkeypatch):
    monkeypatch.delenv("AIKG_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    # What os.path.expanduser gives when neither $HOME nor the password database names a home.
    monkeypatch.setattr(core_cache.os.path, "expanduser", lambda path: path)
    monkeypatch.chdir(tmp_path)
    assert not core_cache.enabled()
    assert len(load_graph(layers="article")) > 1000
    assert list(tmp_path.iterdir()) == []
