"""Views without a browser: style, tooltips, layout, the page's safety checks, the command.

The browser half (offline loading, counts, hostile text, the comparison, a screenshot) is in
tests/test_view_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.snapshot import fetch_network, snapshot
from graph.view import assert_offline, changed_relations, layout, render_compare, render_view, style
from graph.view.page import json_for_script
from graph.view.tooltips import actor_tip, format_value, relation_tip, tip_text
from graph.vocab import RELATION_TYPES, local_name

ACTOR = "https://w3id.org/aikg/id/actor/"
RELATION = "https://w3id.org/aikg/id/relation/"


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
