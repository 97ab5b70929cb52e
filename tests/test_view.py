"""Views without a browser: style, tooltips, layout, the page's safety checks, the command.

The browser half (offline loading, counts, hostile text, the comparison, a screenshot) is in
tests/test_view_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.core.vocab import RELATION_TYPES, local_name
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot
from graph.view import assert_offline, changed_relations, layout, render_compare, render_view, style
from graph.view.page import json_for_script
from graph.view.tooltips import actor_tip, format_value, relation_tip, tip_text

ACTOR = "https://w3id.org/ai-infra-kg/id/actor/"
RELATION = "https://w3id.org/ai-infra-kg/id/relation/"


@pytest.fixture(scope="module")
def data(article_graph):
    return fetch_network(article_graph)


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="aikg-data">(.*?)</script>', html, re.S)
    assert m, "the page carries its data as one JSON block"
    return json.loads(m.group(1))


# --- style -------------------------------------------------------------------------------------


def test_every_class_and_relation_type_has_its_own_look():
    looks = {(s.colour, s.shape) for s in style.CLASS_STYLES.values()}
    assert len(looks) == len(style.CLASS_STYLES)
    assert len({s.colour for s in style.CLASS_STYLES.values()}) == len(style.CLASS_STYLES)
    assert set(style.RELATION_STYLES) == {local_name(t) for t in RELATION_TYPES}
    assert len({(s.colour, s.dashes) for s in style.RELATION_STYLES.values()}) == len(style.RELATION_STYLES)
    # highlights stand apart from every relation type
    type_colours = {s.colour for s in style.RELATION_STYLES.values()}
    assert not {style.ENDED.colour, style.ADDED.colour, style.REMOVED.colour} & type_colours
    assert style.edge_style("partnersWith").arrow is False and style.edge_style("buysComputeFrom").arrow


def test_edge_width_grows_with_value_per_unit_and_is_minimal_when_unknown():
    assert style.edge_width(None, None) == style.EDGE_WIDTH_MIN
    assert style.edge_width(5.0, "furlongs") == style.EDGE_WIDTH_MIN
    small, big = style.edge_width(1e9, "USD"), style.edge_width(38e9, "USD")
    assert style.EDGE_WIDTH_MIN < small < big <= style.EDGE_WIDTH_MAX
    assert style.edge_width(1e15, "USD") == style.EDGE_WIDTH_MAX
    assert style.edge_width(1.0, "GW") > style.edge_width(100.0, "MW")


def test_node_sizes_scale_onto_the_range():
    sizes = style.node_sizes({"a": 0.0, "b": 5.0, "c": 10.0, "d": None})
    assert sizes["a"] == sizes["d"] == style.NODE_SIZE_MIN
    assert sizes["c"] == style.NODE_SIZE_MAX
    assert sizes["a"] < sizes["b"] < sizes["c"]
    assert set(style.node_sizes({"a": 1.0, "b": 1.0}).values()) == {style.NODE_SIZE_DEFAULT}


# --- tooltips ----------------------------------------------------------------------------------


def test_relation_tooltip_has_value_dates_status_source_and_evidence(data):
    g = snapshot(data, "2025-11-04")
    attrs = g.edges[ACTOR + "openai", ACTOR + "aws", "buysComputeFrom:A01"]
    tip = relation_tip(attrs, "OpenAI", "Amazon Web Services")
    text = tip_text(tip)
    for expected in (
        "OpenAI \u2192 buys compute from \u2192 Amazon Web Services",
        "value: 38,000,000,000 USD (38 billion)",
        "announced: 2025-11-03",
        "in force from: 2025-11-03",
        "duration: P7Y",
        "status: announced",
        "confidence: medium",
        "source: OpenAI, le créateur de ChatGPT",
        "(2025-11-03)",
        "d’une valeur de 38 milliards de dollars",
    ):
        assert expected in text
    fr = tip_text(relation_tip(attrs, "OpenAI", "Amazon Web Services", lang="fr"), "fr")
    assert "valeur: 38\u202f000\u202f000\u202f000 USD (38 milliards)" in fr


def test_actor_tooltip_has_class_aliases_wikidata_and_figures(data):
    g = snapshot(data, "2025-11-04")
    tip = actor_tip(ACTOR + "openai", g.nodes[ACTOR + "openai"], figures={"degree": 7, "pagerank": 0.31234})
    text = tip_text(tip)
    assert "class: AI lab" in text
    assert "ChatGPT maker" in text and "OpenAI Group PBC" in text
    assert "Wikidata: Q21708200" in text
    assert "centrality: degree: 7" in text and "centrality: pagerank: 0.3123" in text


def test_format_value_units():
    assert format_value(4.9, "percent") == "4.9 %"
    assert format_value(1.2, "GW") == "1.2 GW"
    assert format_value(None, "USD") is None


# --- layout ------------------------------------------------------------------------------------


def test_sector_layout_is_deterministic_and_puts_heavy_nodes_in_the_middle():
    nodes = {f"n{i}": ("AILab" if i % 2 else "Chipmaker") for i in range(1000)}
    weight = {f"n{i}": float(i) for i in range(1000)}
    a = layout.sector_layout(nodes, weight)
    assert a == layout.sector_layout(dict(reversed(list(nodes.items()))), weight)
    assert set(a) == set(nodes)
    assert len(set(a.values())) == len(a)

    def radius(n):
        return (a[n][0] ** 2 + a[n][1] ** 2) ** 0.5

    assert radius("n999") < radius("n1")  # heaviest AI lab nearer the centre than the lightest


def test_spring_positions_keep_isolated_actors_close():
    pos = layout.spring_positions(["a", "b", "c", "lonely"], [("a", "b"), ("b", "c")])
    assert set(pos) == {"a", "b", "c", "lonely"}
    span = max(abs(v) for xy in pos.values() for v in xy)
    assert span < 2000
    assert pos == layout.spring_positions(["lonely", "c", "b", "a"], [("b", "c"), ("a", "b")])


# --- the page ----------------------------------------------------------------------------------


def test_json_for_script_cannot_close_the_script_element():
    text = json_for_script({"q": "</script><script>alert(1)</script> & <!-- \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["q"].startswith("</script>")


def test_view_page_is_self_contained_and_says_what_it_shows(data):
    g = snapshot(data, "2025-11-04")
    html = render_view(g, at="2025-11-04")
    assert_offline(html)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html.split('id="aikg-data"')[0])
    assert "cdn." not in html and "bootstrap" not in html.lower()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "as of 2025-11-04 \u00b7 10 actors \u00b7 8 relations" in html
    d = page_data(html)
    (panel,) = d["panels"]
    assert len(panel["nodes"]) == g.number_of_nodes()
    assert {e["id"] for e in panel["edges"]} == {attrs["relation"] for *_e, attrs in g.edges(keys=True, data=True)}
    assert panel["options"]["physics"]["enabled"] is True  # small: physics settles, then stops


def test_the_snapshot_is_not_changed_by_rendering(data):
    g = snapshot(data, "2025-11-04")
    before = (sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=repr))
    render_view(g, figures={n: {"degree": 1.0} for n in g}, size_by="degree")
    assert (sorted(g.nodes(data=True)), sorted(g.edges(keys=True, data=True), key=repr)) == before


def test_heading_is_escaped(data):
    g = snapshot(data, "2025-11-04")
    hostile = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">'
    html = render_view(g, heading=hostile)
    assert hostile not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/x.css">',
        '<script src="//cdn.example.org/x.js"></script>',
        "<style>@import url(https://fonts.example.org/a.css);</style>",
        '<div style="background:url(http://example.org/a.png)"></div>',
        '<img src="x">',
    ],
)
def test_assert_offline_refuses_remote_resources(snippet):
    with pytest.raises(RuntimeError, match="remote resources"):
        assert_offline(f"<html><head></head><body>{snippet}</body></html>")
    assert_offline('<html><body><div style="background:url(data:image/png;base64,AAAA)"></div></body></html>')


def test_large_graph_positions_are_precomputed_and_physics_off():
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(layout.PHYSICS_LIMIT + 50):
        g.add_node(f"n{i}", label=f"N{i}", label_fr=f"N{i}", **{"class": "AILab"}, aliases=[], wikidata=None)
    for i in range(1, layout.PHYSICS_LIMIT + 50):
        g.add_edge(f"n{i}", f"n{i // 2}", key=f"ownsStakeIn:{i}", type="ownsStakeIn", relation=f"r{i}", sources=[])
    html = render_view(g)
    (panel,) = page_data(html)["panels"]
    assert panel["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in panel["nodes"])
    assert panel["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert not any(e.get("dashes") for e in panel["edges"])  # colour alone: fast to draw
    assert "told by colour only" in html


def test_compare_page_marks_added_and_ended_relations(data):
    before, after = snapshot(data, "2025-10-27"), snapshot(data, "2025-11-04")
    added, removed = changed_relations(before, after)
    assert added == {RELATION + "A01"} and removed == {RELATION + "A03"}
    d = page_data(render_compare(before, after, before_date="2025-10-27", after_date="2025-11-04"))
    b, a = d["panels"]
    states_b = {e["id"]: e.get("state") for e in b["edges"]}
    states_a = {e["id"]: e.get("state") for e in a["edges"]}
    assert states_b[RELATION + "A03"] == "removed" and RELATION + "A01" not in states_b
    assert states_a[RELATION + "A01"] == "added" and RELATION + "A03" not in states_a
    pos_b = {n["id"]: (n["x"], n["y"]) for n in b["nodes"]}
    pos_a = {n["id"]: (n["x"], n["y"]) for n in a["nodes"]}
    assert pos_b == pos_a
    assert b["options"]["physics"]["enabled"] is False


# --- the command -------------------------------------------------------------------------------


def test_view_command_writes_one_file(cli, tmp_path):
    out = tmp_path / "v.html"
    r = cli("view", "--layers", "article", "--at", "2025-11-04", "--out", out)
    assert r.code == 0, r.err
    assert "10 actors, 8 relations" in r.out and "as of 2025-11-04" in r.out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["v.html"]  # no lib/ folder, no temporary file


def test_view_command_default_date_and_show_ended(cli, tmp_path):
    r = cli("view", "--layers", "article", "--show-ended", "--out", tmp_path / "v.html")
    assert r.code == 0, r.err
    assert "as of 2025-11-03" in r.out and "1 ended shown" in r.out
    d = page_data((tmp_path / "v.html").read_text(encoding="utf-8"))
    ended = [e for e in d["panels"][0]["edges"] if e.get("state") == "ended"]
    assert [e["id"] for e in ended] == [RELATION + "A03"]


def test_view_command_focus_relations_size_and_language(cli, tmp_path):
    out = tmp_path / "v.html"
    r = cli(
        "view",
        "--layers",
        "article",
        "--at",
        "2025-11-04",
        "--focus",
        "AWS",
        "--depth",
        "1",
        "--size-by",
        "pagerank",
        "--lang",
        "fr",
        "--out",
        out,
    )
    assert r.code == 0, r.err
    d = page_data(out.read_text(encoding="utf-8"))
    ids = {n["id"] for n in d["panels"][0]["nodes"]}
    assert ids == {ACTOR + "aws", ACTOR + "openai", ACTOR + "amazon"}
    assert d["lang"] == "fr"
    uae = cli("view", "--layers", "article", "--at", "2025-11-04", "--focus", "EAU", "--lang", "fr", "--out", out)
    assert uae.code == 0
    labels = {n["label"] for n in page_data(out.read_text(encoding="utf-8"))["panels"][0]["nodes"]}
    assert "Émirats arabes unis" in labels
    r = cli("view", "--layers", "article", "--at", "2025-11-04", "--relations", "procuresChipsFrom", "--out", out)
    assert r.code == 0
    panel = page_data(out.read_text(encoding="utf-8"))["panels"][0]
    assert {e["rtype"] for e in panel["edges"]} == {"procuresChipsFrom"} and len(panel["nodes"]) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--relations", "buysComputFrom"], "unknown relation type 'buysComputFrom'; closest known: buysComputeFrom"),
        (["--size-by", "pagrank"], "unknown measure 'pagrank'; closest known: pagerank"),
        (["--size-by", "list"], "measures for --size-by: in_degree"),
        (["--focus", "Amazn"], "unknown actor 'Amazn'; closest known: Amazon"),
        (["--depth", "2"], "--depth applies to --focus"),
        (["--event", "restruct"], "unknown event 'restruct'; closest known: restructuring"),
        (["--event", "restructuring", "--compare", "2025-01-01", "2025-02-01"], "not both"),
        (["--window", "3"], "--window applies to --event"),
        (["--at", "03/11/2025"], "not an ISO 8601 date"),
        (["--max-actors", "-1"], "--max-actors must be 1 or more (0: no limit)"),
        (["--rank-by", "pagrank"], "unknown measure 'pagrank'; closest known: pagerank"),
        (["--rank-by", "list"], "measures for --rank-by: in_degree"),
    ],
)
def test_view_command_errors(cli, tmp_path, args, message):
    out = tmp_path / "v.html"
    r = cli("view", "--layers", "article", *args, "--out", out)
    assert r.code == 2
    assert message in r.err
    assert not out.exists()


def test_view_command_event_prints_the_dates(cli, tmp_path):
    out = tmp_path / "c.html"
    r = cli("view", "--layers", "article", "--event", "restructuring", "--out", out)
    assert r.code == 0, r.err
    assert "before 2025-10-27 (the day before), after 2025-11-04 (7 days after)" in r.out
    assert "1 new, 1 ended" in r.out
    r = cli("view", "--layers", "article", "--event", "restructuring", "--window", "0", "--out", out)
    assert "after 2025-10-28" in r.out and "0 new, 1 ended" in r.out


def test_build_writes_the_views(cli, tmp_path):
    r = cli("build", "--layers", "article", "--out", tmp_path)
    assert r.code == 0, r.out + r.err
    assert (tmp_path / "view.html").is_file() and (tmp_path / "view-restructuring.html").is_file()
    assert f"wrote the views: {tmp_path / 'view.html'}, {tmp_path / 'view-restructuring.html'}" in r.out
    first = (tmp_path / "view.html").read_bytes()
    cli("build", "--layers", "article", "--out", tmp_path)
    assert (tmp_path / "view.html").read_bytes() == first  # deterministic


def test_view_module_imports_stay_lazy():
    import subprocess
    import sys

    code = (
        "import sys; from graph.cli.main import build_parser; build_parser(); "
        "print('pyvis' in sys.modules, 'networkx' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.split() == ["False", "False"]


def test_comparison_shows_the_same_actors_on_both_sides(cli, tmp_path):
    out = tmp_path / "c.html"
    r = cli("view", "--layers", "article", "--event", "restructuring", "--relations", "buysComputeFrom", "--out", out)
    assert r.code == 0, r.err
    before, after = page_data(out.read_text(encoding="utf-8"))["panels"]
    ids = {n["id"] for n in before["nodes"]}
    assert ids == {n["id"] for n in after["nodes"]} == {ACTOR + "openai", ACTOR + "aws"}
    assert before["edges"] == [] and [e["id"] for e in after["edges"]] == [RELATION + "A01"]


# --- the size limit ----------------------------------------------------------------------------


def _tiny_graph():
    """Five actors: a hub ``a`` tied to b, c, d; ``b``-``c``; ``e`` tied to ``d`` only."""
    import networkx as nx

    g = nx.MultiDiGraph(at="2026-01-01")
    for n in "abcde":
        g.add_node(f"urn:{n}", label=n.upper(), label_fr=n.upper(), aliases=[], wikidata=None, **{"class": "AILab"})
    for i, (u, v) in enumerate([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("e", "d"), ("c", "a")]):
        g.add_edge(f"urn:{u}", f"urn:{v}", key=f"investsIn:{i}", type="investsIn", relation=f"urn:r{i}", sources=[])
    return g


def test_top_actors_by_a_measure_with_ties_broken_by_iri():
    from graph.view.limit import rank_actors, top_actors

    scores = {"urn:d": 3, "urn:a": 5, "urn:c": 3, "urn:b": 3, "urn:e": 0}
    assert top_actors(scores, 3) == {"urn:a", "urn:b", "urn:c"}
    assert rank_actors(scores) == ["urn:a", "urn:b", "urn:c", "urn:d", "urn:e"]
    # floating-point noise is not a difference: 0.1 + 0.2 and 0.3 tie, and the IRI decides
    assert top_actors({"urn:y": 0.1 + 0.2, "urn:x": 0.3, "urn:z": 0.0}, 1) == {"urn:x"}
    # a kept actor takes one of the places, whatever its rank; unknown ones are ignored
    assert top_actors(scores, 3, keep=["urn:e", "urn:nobody"]) == {"urn:e", "urn:a", "urn:b"}
    with pytest.raises(ValueError):
        top_actors(scores, 0)


def test_limit_keeps_the_top_actors_and_the_relations_among_them():
    from graph.analysis.centrality import centrality
    from graph.view.limit import limit_graphs

    g = _tiny_graph()
    degree = {n: row["degree"] for n, row in centrality(g).items()}  # a 4, c 3, b 2, d 2, e 1
    (kept,), limit = limit_graphs([g], degree, 3, "degree")
    assert set(kept) == {"urn:a", "urn:c", "urn:b"}  # b and d tie at 2: b's IRI comes first
    relations = sorted(d["relation"] for *_e, d in kept.edges(keys=True, data=True))
    assert relations == ["urn:r0", "urn:r1", "urn:r3", "urn:r5"]
    assert all(u in kept and v in kept for u, v in kept.edges())
    assert kept.nodes["urn:a"] == g.nodes["urn:a"] and kept.graph["at"] == "2026-01-01"
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 6  # the snapshot itself is untouched
    assert (limit.actors_shown, limit.actors_total, limit.actors_left_out) == (3, 5, 2)
    assert limit.relations == (("main", 4, 6),) and limit.kept == ()
    notice = "Showing 3 of 5 actors (top by degree) and 4 of 6 relations; 2 actors and 2 relations left out."
    assert limit.text() == notice
    assert limit.as_json()["relations"] == {"main": {"shown": 4, "total": 6, "leftOut": 2}}
    assert limit.as_json()["actors"] == {"shown": 3, "total": 5, "leftOut": 2}
    # at or below the limit (or with no limit), the graphs come back as they are, with no notice
    for max_actors in (5, 50, 0, None):
        graphs, none = limit_graphs([g], degree, max_actors, "degree")
        assert graphs[0] is g and none is None


def test_limit_keeps_the_focused_actor_and_says_so():
    from graph.view.limit import limit_graphs

    g = _tiny_graph()
    scores = {"urn:a": 4, "urn:b": 2, "urn:c": 3, "urn:d": 2, "urn:e": 1}
    (kept,), limit = limit_graphs([g], scores, 3, "pagerank", keep=["urn:e"])
    assert set(kept) == {"urn:e", "urn:a", "urn:c"} and kept.number_of_edges() == 2  # a->c, c->a
    assert limit.kept == ("urn:e",) and limit.actors_shown == 3
    assert limit.text().startswith("Showing 3 of 5 actors (top by PageRank, and the focused actor) and 2 of 6")
    assert limit.as_json()["keptOutsideTop"] == ["urn:e"]
    # a focus already among the top is not called out
    (_kept,), limit = limit_graphs([g], scores, 3, "pagerank", keep=["urn:a"])
    assert limit.kept == () and "focused" not in limit.text()


def test_limit_of_a_comparison_uses_one_set_of_actors_for_both_sides():
    from graph.view.limit import limit_graphs

    before = _tiny_graph()
    after = before.copy()
    after.remove_edge("urn:a", "urn:b", key="investsIn:0")
    after.add_edge("urn:b", "urn:d", key="investsIn:9", type="investsIn", relation="urn:r9", sources=[])
    scores = {"urn:a": 5, "urn:b": 4, "urn:d": 3}
    (b, a), limit = limit_graphs([before, after], scores, 3, "degree", panels=("before", "after"))
    assert set(b) == set(a) == {"urn:a", "urn:b", "urn:d"}
    assert limit.relations == (("before", 2, 6), ("after", 2, 6))
    assert limit.text() == (
        "Showing 3 of 5 actors (top by degree, before or after) and the relations among them: "
        "2 of 6 before, 2 of 6 after; 2 actors, 4 relations before and 4 after left out."
    )
    assert "avant 2 sur 6, après 2 sur 6" in limit.text("fr")


def test_limited_page_shows_the_notice_escaped_and_carries_it_in_its_data():
    from graph.view.limit import ViewLimit

    g = _tiny_graph()
    limit = ViewLimit(3, "<b>rank</b>", 3, 1234, (("main", 4, 56789),))
    html = render_view(g, limit=limit)
    assert_offline(html)
    notice = "Showing 3 of 1,234 actors (top by &lt;b&gt;rank&lt;/b&gt;) and 4 of 56,789 relations;"
    assert f'<p class="aikg-limit" id="aikg-limit" role="note">{notice}' in html
    assert "<b>rank</b>" not in html
    d = page_data(html)
    assert d["limit"]["actors"] == {"shown": 3, "total": 1234, "leftOut": 1231}
    assert d["limit"]["text"].endswith("1,231 actors and 56,785 relations left out.")
    fr = render_view(g, limit=limit, lang="fr")
    assert "Affichage de 3 acteurs sur 1\u202f234" in fr
    plain = render_view(g)
    assert "aikg-limit" not in plain and "limit" not in page_data(plain)


def test_render_single_keeps_the_top_actors_by_the_chosen_measure(article_graph, data):
    from graph.analysis.centrality import centrality
    from graph.api.view import render_single

    snap = snapshot(data, "2025-11-04")
    rows = centrality(snap)
    expected = sorted(rows, key=lambda n: (-rows[n]["betweenness"], n))[:3]
    html, counts = render_single(article_graph, data, at="2025-11-04", max_actors=3, rank_by="betweenness")
    (panel,) = page_data(html)["panels"]
    assert sorted(n["id"] for n in panel["nodes"]) == sorted(expected)
    kept = snap.subgraph(expected)
    assert {e["id"] for e in panel["edges"]} == {d["relation"] for *_e, d in kept.edges(keys=True, data=True)}
    assert counts["limit"].relations == (("main", kept.number_of_edges(), snap.number_of_edges()),)
    # the ranking measure is in the tooltips, with the figure of the whole snapshot
    tip = tip_text(next(n for n in panel["nodes"] if n["id"] == expected[0])["tip"])
    assert "centrality: betweenness" in tip


def test_view_command_max_actors_on_the_shipped_data(cli, tmp_path):
    from graph.analysis.centrality import centrality
    from graph.network.fetch import fetch_network as fetch
    from graph.store.memory import load_graph

    out = tmp_path / "v.html"
    r = cli("view", "--max-actors", "5", "--rank-by", "degree", "--out", out)
    assert r.code == 0, r.err
    snap = snapshot(fetch(load_graph()), "2026-07-02")  # the default day: the data's horizon
    rows = centrality(snap)
    top = sorted(rows, key=lambda n: (-rows[n]["degree"], n))[:5]
    relations = snap.subgraph(top).number_of_edges()
    total_n, total_r = snap.number_of_nodes(), snap.number_of_edges()
    notice = (
        f"Showing 5 of {total_n} actors (top by degree) and {relations} of {total_r} relations; "
        f"{total_n - 5} actors and {total_r - relations} relations left out."
    )
    assert f"wrote {out}: 5 actors, {relations} relations as of 2026-07-02" in r.out
    assert notice in r.out and "--max-actors N changes the limit" in r.out
    html = out.read_text(encoding="utf-8")
    assert f'id="aikg-limit" role="note">{notice}</p>' in html
    d = page_data(html)
    (panel,) = d["panels"]
    assert sorted(n["id"] for n in panel["nodes"]) == sorted(top)
    assert len(panel["edges"]) == relations
    assert d["limit"]["maxActors"] == 5 and d["limit"]["rankBy"] == "degree" and d["limit"]["text"] == notice
    # the focused actor stays, even when it is not among the top
    r = cli("view", "--max-actors", "3", "--focus", "Emirats arabes unis", "--depth", "3", "--out", out)
    assert r.code == 0, r.err
    ids = {n["id"] for n in page_data(out.read_text(encoding="utf-8"))["panels"][0]["nodes"]}
    assert ACTOR + "uae" in ids and len(ids) == 3
    assert "(top by PageRank, and the focused actor)" in r.out


def test_view_command_below_the_limit_is_unchanged(cli, tmp_path):
    outs = [tmp_path / "default.html", tmp_path / "nolimit.html", tmp_path / "exact.html"]
    for out, extra in zip(outs, ([], ["--max-actors", "0"], ["--max-actors", "10", "--rank-by", "ties"])):
        r = cli("view", "--layers", "article", "--at", "2025-11-04", *extra, "--out", out)
        assert r.code == 0, r.err
        assert "Showing" not in r.out
    first = outs[0].read_bytes()
    assert all(o.read_bytes() == first for o in outs[1:])
    assert b"aikg-limit" not in first


def test_view_command_comparison_above_the_limit(cli, tmp_path):
    out = tmp_path / "c.html"
    r = cli("view", "--layers", "article", "--event", "restructuring", "--max-actors", "4", "--out", out)
    assert r.code == 0, r.err
    d = page_data(out.read_text(encoding="utf-8"))
    before, after = d["panels"]
    ids = {n["id"] for n in before["nodes"]}
    assert ids == {n["id"] for n in after["nodes"]} and len(ids) == 4
    assert set(d["limit"]["relations"]) == {"before", "after"}
    assert d["limit"]["relations"]["before"]["shown"] == len(before["edges"])
    assert d["limit"]["relations"]["after"]["shown"] == len(after["edges"])
    assert "Showing 4 of 10 actors (top by PageRank, before or after)" in r.out
