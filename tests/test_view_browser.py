"""The views in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Every page is opened from ``file://`` with every other request aborted and recorded, and with
console errors, page errors and failed requests collected: each test ends by asserting there
were none. ``scripts/test`` installs Chromium from Debian; ``playwright install`` is never used.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.core.vocab import AIKG, SCHEMA
from graph.network.fetch import fetch_network
from graph.network.snapshot import snapshot

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
ACTOR = Namespace("https://w3id.org/ai-infra-kg/id/actor/")
REL = "https://w3id.org/ai-infra-kg/id/relation/"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened offline, with everything that went wrong recorded."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.problems: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}")
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"requestfailed: {r.url}"))
        self.page.goto(path.resolve().as_uri())
        # Poll with evaluate(): page.wait_for_function() evaluates strings inside the page, which
        # the page's Content-Security-Policy (rightly) refuses.
        self.until("window.aikgReady === true")

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def until(self, expression: str, arg=None, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(expression, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.03)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests left file://: {self.outside}"
        assert self.problems == [], self.problems

    def close(self) -> None:
        self.context.close()

    # Pointer helpers: page coordinates of a node, and of the middle of an edge.
    def node_point(self, panel: str, node: str) -> tuple[float, float]:
        return tuple(
            self.js(
                """([panel, id]) => {
                  const net = window.networks[panel];
                  const p = net.canvasToDOM(net.getPositions([id])[id]);
                  const r = document.getElementById('net-' + panel).getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y];
                }""",
                [panel, node],
            )
        )

    def edge_point(self, panel: str, edge: str) -> tuple[float, float]:
        return tuple(
            self.js(
                """([panel, id]) => {
                  const net = window.networks[panel];
                  const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
                  const r = document.getElementById('net-' + panel).getBoundingClientRect();
                  return [r.left + p.x, r.top + p.y];
                }""",
                [panel, edge],
            )
        )

    def hover_tooltip(self, point: tuple[float, float], expect: str) -> str:
        """Move the pointer to ``point`` and return the tooltip's text once it holds ``expect``."""
        self.page.mouse.move(point[0] + 40, point[1] + 40)
        self.page.mouse.move(*point, steps=4)
        return self.until(
            """(expect) => {
              const t = document.querySelector('div.vis-tooltip');
              return t && t.style.visibility !== 'hidden' && t.textContent.includes(expect) ? t.textContent : null;
            }""",
            expect,
        )


@pytest.fixture(scope="module")
def article_data(article_graph):
    return fetch_network(article_graph)


# --- the article's view ------------------------------------------------------------------------


def test_article_view_offline_counts_and_legend(browser, cli, tmp_path, article_data):
    out = tmp_path / "view.html"
    assert cli("view", "--layers", "article", "--at", "2025-11-04", "--out", out).code == 0
    snap = snapshot(article_data, "2025-11-04")
    o = Opened(browser, out)
    try:
        assert o.js("network.body.data.nodes.length") == snap.number_of_nodes() == 10
        assert o.js("network.body.data.edges.length") == snap.number_of_edges() == 8
        assert set(o.js("network.body.data.edges.getIds()")) == {
            d["relation"] for *_x, d in snap.edges(keys=True, data=True)
        }
        assert o.js("network.physics.options.enabled") is False  # stopped after stabilisation
        legend = o.js("document.getElementById('aikg-legend').innerText")
        for _n, d in snap.nodes(data=True):
            assert d["class_label"] in legend
        for *_x, d in snap.edges(keys=True, data=True):
            assert d["type_label"] in legend
        header = o.js("document.querySelector('header').innerText")
        assert "as of 2025-11-04 \u00b7 10 actors \u00b7 8 relations" in header
        # hover the AWS deal: its value, dates and source
        tip = o.hover_tooltip(o.edge_point("main", REL + "A01"), "38,000,000,000 USD")
        for expected in (
            "buys compute from",
            "2025-11-03",
            "P7Y",
            "source: OpenAI, le créateur de ChatGPT",
            "d’une valeur de 38 milliards",
        ):
            assert expected in tip
        # hover an actor: class, aliases, Wikidata id, centrality figures
        tip = o.hover_tooltip(o.node_point("main", str(ACTOR.openai)), "Q21708200")
        assert "AI lab" in tip and "ChatGPT maker" in tip and "centrality: pagerank" in tip
        o.assert_clean()
    finally:
        o.close()


def test_filters_and_search_work_offline(browser, cli, tmp_path):
    out = tmp_path / "view.html"
    assert cli("view", "--layers", "article", "--at", "2025-11-04", "--out", out).code == 0
    o = Opened(browser, out)
    try:
        o.page.locator('input[data-filter="class"][data-key="Chipmaker"]').uncheck()
        hidden = o.js("network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.cls)")
        assert hidden == ["Chipmaker"] * 3
        o.page.locator('input[data-filter="type"][data-key="partnersWith"]').uncheck()
        assert o.js("network.body.data.edges.get({filter: e => e.hidden}).length") == 3
        o.page.locator('input[data-filter="class"][data-key="Chipmaker"]').check()
        assert o.js("network.body.data.nodes.get({filter: n => n.hidden}).length") == 0
        o.page.fill("#aikg-search-input", "aws")
        o.page.click("#aikg-search button")
        assert o.js("network.getSelectedNodes()") == [str(ACTOR.aws)]
        assert "Amazon Web Services" in o.js("document.getElementById('aikg-details').innerText")
        o.page.fill("#aikg-search-input", "nobody at all")
        o.page.click("#aikg-search button")
        assert "no actor called" in o.js("document.getElementById('aikg-search-msg').textContent")
        # styled: the button is the page's blue (or its hover shade), not the browser's default grey
        colour = o.js("getComputedStyle(document.querySelector('#aikg-search button')).backgroundColor")
        assert colour in ("rgb(78, 121, 167)", "rgb(59, 98, 144)")
        o.assert_clean()
    finally:
        o.close()


# --- hostile text ------------------------------------------------------------------------------

HOSTILE_LABEL = "<img src=x onerror=\"window.__pwned='label'\">Evil Labs"
HOSTILE_ALIAS = "</script><script>window.__pwned='alias'</script>"
HREF_LABEL = "Click <a href=\"javascript:window.__pwned='href'\">here</a> Corp"
HOSTILE_QUOTE = "<img src=x onerror=window.__pwned='quote'> read href=javascript:window.__pwned=1 now"
HOSTILE_TITLE = "<script>window.__pwned='title'</script><b onmouseover=\"window.__pwned='b'\">Title</b>"
HOSTILE_URL = "javascript:window.__pwned='url'"
HOSTILE_HEADING = "</title><script>window.__pwned='heading'</script><img src=x onerror=\"window.__pwned='h'\">"


def hostile_turtle(path: Path) -> Path:
    g = Graph()
    evil, hrefco = ACTOR["evil-labs"], ACTOR["href-co"]
    g.add((evil, RDF.type, AIKG.AILab))
    g.add((evil, RDFS.label, Literal(HOSTILE_LABEL, lang="en")))
    g.add((evil, RDFS.label, Literal(HOSTILE_LABEL, lang="fr")))
    g.add((evil, SKOS.altLabel, Literal(HOSTILE_ALIAS, lang="en")))
    g.add((hrefco, RDF.type, AIKG.Investor))
    g.add((hrefco, RDFS.label, Literal(HREF_LABEL, lang="en")))
    src = URIRef("https://w3id.org/ai-infra-kg/id/source/hostile")
    g.add((src, RDF.type, AIKG.Source))
    g.add((src, DCTERMS.title, Literal(HOSTILE_TITLE)))
    g.add((src, SCHEMA.url, Literal(HOSTILE_URL)))
    g.add((src, DCTERMS.issued, Literal("2025-06-01", datatype=XSD.date)))
    ev = URIRef("https://w3id.org/ai-infra-kg/id/evidence/hostile-1")
    g.add((ev, RDF.type, AIKG.Evidence))
    g.add((ev, AIKG.inSource, src))
    g.add((ev, AIKG.quote, Literal(HOSTILE_QUOTE)))
    for rid, subj, rtype, obj in (
        ("H01", evil, AIKG.buysComputeFrom, ACTOR.openai),
        ("H02", hrefco, AIKG.investsIn, evil),
    ):
        r = URIRef(REL + rid)
        g.add((r, RDF.type, AIKG.Relation))
        g.add((r, AIKG.factId, Literal(rid)))
        g.add((r, AIKG.actor, subj))
        g.add((r, AIKG.relationType, rtype))
        g.add((r, AIKG.counterparty, obj))
        g.add((r, AIKG.status, Literal("announced")))
        g.add((r, AIKG.confidence, Literal("low")))
        g.add((r, AIKG.value, Literal("1000000000", datatype=XSD.decimal)))
        g.add((r, AIKG.unit, Literal("USD")))
        g.add((r, AIKG.validFrom, Literal("2025-06-01", datatype=XSD.date)))
        g.add((r, PROV.wasDerivedFrom, ev))
    g.serialize(path, format="turtle")
    return path


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_hostile_text_is_shown_as_text_and_runs_nothing(browser, cli, tmp_path, bypass_csp):
    data = hostile_turtle(tmp_path / "hostile.ttl")
    out = tmp_path / "hostile.html"
    r = cli(
        "view", "--layers", "article", "--data", data, "--at", "2025-11-04", "--title", HOSTILE_HEADING, "--out", out
    )
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    for raw in (HOSTILE_ALIAS, HOSTILE_LABEL, HOSTILE_QUOTE, HOSTILE_TITLE, HOSTILE_HEADING):
        assert raw not in html  # nowhere in the page's source as markup
    # Without the page's CSP (bypass_csp), the textContent path alone must keep everything inert.
    o = Opened(browser, out, bypass_csp=bypass_csp)
    try:
        assert o.js("network.body.data.nodes.length") == 12
        assert o.js("document.getElementById('aikg-heading').textContent") == HOSTILE_HEADING
        assert o.js("document.title") == HOSTILE_HEADING
        tip = o.hover_tooltip(o.node_point("main", str(ACTOR["evil-labs"])), HOSTILE_LABEL)
        assert HOSTILE_ALIAS in tip
        tip = o.hover_tooltip(o.node_point("main", str(ACTOR["href-co"])), HREF_LABEL)
        tip = o.hover_tooltip(o.edge_point("main", REL + "H01"), HOSTILE_QUOTE)
        assert HOSTILE_TITLE in tip and HOSTILE_URL in tip
        # the details panel (click): the javascript: URL stays text, not a link
        o.page.mouse.click(*o.edge_point("main", REL + "H01"))
        details = o.until(
            "(() => { const t = document.getElementById('aikg-details').innerText; return t.includes('H01') && t; })()"
        )
        assert HOSTILE_QUOTE in details and HOSTILE_URL in details
        assert o.js("document.querySelectorAll('#aikg-details a').length") == 0
        # search by the hostile alias finds the actor
        o.page.fill("#aikg-search-input", HOSTILE_ALIAS)
        o.page.click("#aikg-search button")
        assert o.js("network.getSelectedNodes()") == [str(ACTOR["evil-labs"])]
        assert HOSTILE_ALIAS in o.js("[...document.querySelectorAll('#aikg-actor-names option')].map(x => x.value)")
        # nothing ran, nothing was injected
        assert o.js("typeof window.__pwned") == "undefined"
        assert o.js("document.querySelectorAll('img, iframe, object, embed, b').length") == 0
        assert o.js("[...document.querySelectorAll('script')].length") == 3  # vis-network, data, view.js
        assert not o.js(
            "[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))"
        )
        o.assert_clean()
    finally:
        o.close()


# --- the before/after page ---------------------------------------------------------------------


def test_restructuring_comparison(browser, cli, tmp_path):
    out = tmp_path / "compare.html"
    r = cli("view", "--layers", "article", "--event", "restructuring", "--out", out)
    assert r.code == 0, r.err
    o = Opened(browser, out)
    try:
        has = "([panel, id]) => window.networks[panel].body.data.edges.get(id) !== null"
        aws, approval = REL + "A01", REL + "A03"
        assert o.js(has, ["after", aws]) and not o.js(has, ["before", aws])
        assert o.js(has, ["before", approval]) and not o.js(has, ["after", approval])
        assert o.js("([p, id]) => window.networks[p].body.data.edges.get(id).state", ["after", aws]) == "added"
        assert o.js("([p, id]) => window.networks[p].body.data.edges.get(id).state", ["before", approval]) == "removed"
        positions = o.js("['before', 'after'].map(p => window.networks[p].getPositions())")
        assert positions[0] == positions[1] and len(positions[0]) == 10
        assert "before 2025-10-27" in o.js("document.querySelector('header').innerText").lower()
        tip = o.hover_tooltip(o.edge_point("after", aws), "new in the after network")
        assert "38,000,000,000 USD" in tip
        o.page.click('button[data-show="after"]')
        assert o.js("getComputedStyle(document.getElementById('panel-before')).display") == "none"
        o.page.click('button[data-show="both"]')
        assert o.js("getComputedStyle(document.getElementById('panel-before')).display") != "none"
        ARTIFACTS.mkdir(exist_ok=True)
        o.page.screenshot(path=str(ARTIFACTS / "view-restructuring.png"))
        o.assert_clean()
    finally:
        o.close()


# --- screenshot, large graphs --------------------------------------------------------------------


def test_screenshot_of_the_article_graph_is_not_blank(browser, cli, tmp_path):
    from PIL import Image

    out = tmp_path / "view.html"
    assert cli("view", "--layers", "article", "--out", out).code == 0
    o = Opened(browser, out)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "view-article.png"
        png = o.page.locator("#net-main").screenshot(path=str(shot))
        img = Image.open(io.BytesIO(png)).convert("RGB")
        colours = img.getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50, "a drawn graph has many colours"
        non_white = sum(n for n, c in colours if sum(c) < 720)
        assert non_white > 0.01 * img.width * img.height
        # the class colours are on the canvas (AI lab blue, cloud provider orange)
        present = {c for _n, c in colours}
        assert (0x4E, 0x79, 0xA7) in present and (0xF2, 0x8E, 0x2B) in present
        o.assert_clean()
    finally:
        o.close()


def test_large_view_has_fixed_positions_and_no_physics(browser, tmp_path):
    import networkx as nx

    from graph.view import render_view

    g = nx.MultiDiGraph()
    n = 600
    for i in range(n):
        g.add_node(
            f"urn:n{i}",
            label=f"N{i}",
            label_fr=f"N{i}",
            aliases=[],
            wikidata=None,
            **{"class": ("AILab", "Chipmaker", "Investor")[i % 3], "class_label": "x"},
        )
    for i in range(1, n):
        g.add_edge(
            f"urn:n{i}", f"urn:n{(i * 7) % i}", key=f"investsIn:{i}", type="investsIn", relation=f"urn:r{i}", sources=[]
        )
    out = tmp_path / "large.html"
    out.write_text(
        render_view(g, figures={v: {"degree": float(g.degree(v))} for v in g}, size_by="degree"), encoding="utf-8"
    )
    o = Opened(browser, out)
    try:
        assert o.js("network.body.data.nodes.length") == n
        assert o.js("network.physics.options.enabled") is False
        given = o.js("(() => { const d = network.body.data.nodes.get('urn:n5'); return [d.x, d.y]; })()")
        drawn = o.js("network.getPositions(['urn:n5'])['urn:n5']")
        assert [drawn["x"], drawn["y"]] == [round(v) for v in given]  # getPositions() rounds
        o.assert_clean()
    finally:
        o.close()


def test_view_above_the_size_limit_shows_the_notice_and_the_top_actors(browser, cli, tmp_path):
    out = tmp_path / "limited.html"
    r = cli("view", "--max-actors", "7", "--out", out)  # the shipped data: 50 actors
    assert r.code == 0, r.err
    o = Opened(browser, out)
    try:
        assert o.js("network.body.data.nodes.length") == 7
        notice = o.page.locator("#aikg-limit")
        assert notice.is_visible()
        text = notice.inner_text()
        assert text.startswith("Showing 7 of 50 actors (top by PageRank) and ")
        assert text.endswith("relations left out.") and text in r.out
        edges = o.js("network.body.data.edges.length")
        assert f"and {edges} of " in text
        assert f"7 actors \u00b7 {edges} relations" in o.js("document.getElementById('aikg-subtitle').innerText")
        box = notice.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 10 and box["y"] < 200  # in the header
        o.assert_clean()
    finally:
        o.close()
    out = tmp_path / "limited-compare.html"
    r = cli("view", "--event", "restructuring", "--max-actors", "7", "--out", out)
    assert r.code == 0, r.err
    o = Opened(browser, out)
    try:
        assert o.js("['before', 'after'].map(p => window.networks[p].body.data.nodes.length)") == [7, 7]
        assert o.page.locator("#aikg-limit").is_visible()
        assert "(top by PageRank, before or after)" in o.page.locator("#aikg-limit").inner_text()
        o.assert_clean()
    finally:
        o.close()
