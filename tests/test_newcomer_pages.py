"""A newcomer's first pages (#14), in a real headless Chromium: the build's start page links every
page and every page links back, every page fits a 1,400-px window, the report shows names and not
IRIs, the actors' labels in the build's two views do not overlap, and each actor keeps one colour
across the build's charts. One build (all layers, AIKG_TODAY=2026-12-03) serves the module."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from graph.cli.main import main
from tests.test_view_browser import CHROMIUM_ARGS, Opened

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("newcomer") / "aikg-out"
    old = os.environ.get("AIKG_TODAY")
    os.environ["AIKG_TODAY"] = "2026-12-03"
    try:
        assert main(["build", "--out", str(out)]) == 0
    finally:
        if old is None:
            os.environ.pop("AIKG_TODAY", None)
        else:
            os.environ["AIKG_TODAY"] = old
    return out


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def pages(build: Path) -> list[Path]:
    return sorted(build.rglob("*.html"))


class Static(Opened):
    """A page without script (the report's pages, the start page): no ready flag to wait for."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.problems: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"requestfailed: {r.url}"))
        self.page.goto(path.resolve().as_uri())


def open_page(browser, path: Path) -> Opened:
    text = path.read_text(encoding="utf-8")
    return Opened(browser, path) if "aikgReady" in text else Static(browser, path)


def test_index_links_every_page_and_file_and_every_page_links_back(build, browser):
    index = build / "index.html"
    assert index.exists()
    written = {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file() and p.name[0] != "."}
    written.discard("index.html")
    page = Static(browser, index)
    try:
        hrefs = set(page.js("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))"))
        text = page.js("document.body.innerText")
        page.assert_clean()
    finally:
        page.close()
    assert written <= hrefs, sorted(written - hrefs)
    assert {"report/report.html", "shift-restructuring/shift.html", "view.html", "view-restructuring.html"} <= hrefs
    # The headline story carries the shift's own figures (from shift.json, not typed in).
    doc = json.loads((build / "shift-restructuring/shift.json").read_text(encoding="utf-8"))
    assert "OpenAI restructuring" in text
    assert f"{len(doc['ended'])} relation(s) ended and {len(doc['added'])} were added" in text
    assert "49 percent before, 27 percent after" in text
    assert "OpenAI buys compute from Amazon Web Services (A01, F023), 38 bn USD" in text
    assert "50 actors" in text and "layers: article, public" in text
    for html in pages(build):
        if html == index:
            continue
        p = open_page(browser, html)
        try:
            back = p.js("[...document.querySelectorAll('nav.aikg-home a')].map(a => a.href)")
            p.assert_clean()
        finally:
            p.close()
        assert back == [index.resolve().as_uri()], (html, back)


def test_every_page_fits_1400_px(build, browser):
    widths = {}
    for html in pages(build):
        p = open_page(browser, html)
        try:
            widths[html.relative_to(build).as_posix()] = p.js(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
        finally:
            p.close()
    assert len(widths) >= 8
    too_wide = {k: v for k, v in widths.items() if v[0] > v[1]}
    assert too_wide == {}


def test_report_shows_names_not_iris_and_short_numbers(build, browser):
    p = Static(browser, build / "report/report.html")
    try:
        text = p.js("document.body.innerText")
    finally:
        p.close()
    assert "w3id.org/ai-infra-kg/id/" not in text
    assert not re.search(r"\b\d{10,}\b", text), re.search(r".{40}\b\d{10,}\b.{40}", text)
    assert re.search(r"\d+(\.\d+)? (tn|bn) USD", text)
    # The raw values stay in the CSV.
    csv = (build / "report/centrality.csv").read_text(encoding="utf-8")
    assert "https://w3id.org/ai-infra-kg/id/actor/openai" in csv and re.search(r",\d{10,},", csv)


def test_one_colour_per_actor_across_the_builds_charts(build):
    doc = json.loads((build / "colours.json").read_text(encoding="utf-8"))
    pages = {c["page"] for c in doc["charts"]}
    assert "report/report.html" in pages and "shift-restructuring/shift.html" in pages
    seen: dict[str, str] = {}
    for chart in doc["charts"]:
        colours = list(chart["actors"].values())
        assert len(set(colours)) == len(colours), chart  # distinct within the chart
        for actor, colour in chart["actors"].items():
            assert colour in doc["palette"]
            assert seen.setdefault(actor, colour) == colour, actor  # the same in every chart
            assert doc["actors"][actor]["colour"] == colour
    oracle = "https://w3id.org/ai-infra-kg/id/actor/oracle"
    assert doc["actors"][oracle]["label"] == "Oracle"
    assert sum(oracle in c["actors"] for c in doc["charts"]) >= 2
    assert (build / "index.html").read_text(encoding="utf-8").count('href="colours.json"') == 1


#: Pairs of actors whose boxes (shape and label, vis-network's own bounding box) overlap.
OVERLAPS = """(panel) => {
  const net = window.networks[panel];
  const boxes = net.body.data.nodes.getIds().map((id) => [id, net.getBoundingBox(id)]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      const apart = Math.min(p.right, q.right) <= Math.max(p.left, q.left)
        || Math.min(p.bottom, q.bottom) <= Math.max(p.top, q.top);
      if (!apart) {
        out.push([a, b]);
      }
    }
  }
  return [boxes.length, out];
}"""


@pytest.mark.parametrize("name", ["view.html", "view-restructuring.html"])
def test_no_two_actor_labels_overlap_in_the_builds_views(build, browser, name):
    o = Opened(browser, build / name)
    try:
        panels = o.js("Object.keys(window.networks)")
        assert panels
        for panel in panels:
            count, pairs = o.js(OVERLAPS, panel)
            assert count == 50
            assert pairs == [], (panel, pairs)
        o.assert_clean()
    finally:
        o.close()


def test_compare_page_fades_what_did_not_change(build, browser):
    o = Opened(browser, build / "view-restructuring.html")
    try:
        edges = o.js(
            """() => window.aikg.panels.after.edges.get().map((e) => [e.state || '', e.faded === true,
                 typeof e.color === 'object' ? e.color.opacity : 1])"""
        )
        legend = o.js("document.getElementById('aikg-legend').innerText")
        # Spread together: each actor stands at the same place before and after.
        moved = o.js(
            """() => { const a = networks.before.getPositions(), b = networks.after.getPositions();
                 return Object.keys(a).filter((k) => a[k].x !== b[k].x || a[k].y !== b[k].y); }"""
        )
        o.assert_clean()
    finally:
        o.close()
    added = [e for e in edges if e[0] == "added"]
    unchanged = [e for e in edges if not e[0]]
    assert added and unchanged
    assert all(not faded and opacity == 1 for _, faded, opacity in added)
    assert all(faded and opacity < 0.3 for _, faded, opacity in unchanged)
    assert "unchanged relation (faded)" in legend
    assert moved == []


def test_clicking_an_actor_lists_its_relations_with_dates_values_and_sources(build, browser):
    o = Opened(browser, build / "view-restructuring.html")
    try:
        openai = "https://w3id.org/ai-infra-kg/id/actor/openai"
        x, y = o.node_point("after", openai)
        o.page.mouse.click(x, y)
        text = o.until(
            "(() => { const t = document.getElementById('aikg-details').innerText; "
            "return t.includes('Its relations in this view') ? t : null; })()"
        )
        count = o.js("document.querySelectorAll('#aikg-details .aikg-node-relations .aikg-tip').length")
        injected = o.js(
            "document.querySelectorAll('#aikg-details script, #aikg-details img, #aikg-details iframe').length"
        )
        o.assert_clean()
    finally:
        o.close()
    assert count > 10
    assert re.search(r"Its relations in this view \(\d+\)", text)
    assert "OpenAI → buys compute from → Amazon Web Services" in text
    assert "2025-11-03" in text and "38" in text
    assert "OpenAI, le créateur de ChatGPT" in text  # a source's title
    assert injected == 0


def test_french_view_is_french_and_views_are_named_as_the_build_names_them(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AIKG_TODAY", "2026-12-03")
    r = cli("view", "--layers", "article", "--lang", "fr")
    assert r.code == 0, r.err
    assert "wrote view.html" in r.out
    page = (tmp_path / "view.html").read_text(encoding="utf-8")
    assert "Taille des nœuds : degré." in page
    assert "Taille des nœuds : degree" not in page
    r = cli("view", "--layers", "article", "--event", "restructuring")
    assert r.code == 0 and (tmp_path / "view-restructuring.html").exists()


def test_reversed_compare_dates_are_refused(cli, tmp_path):
    r = cli("view", "--layers", "article", "--compare", "2025-11-04", "2025-10-27", "--out", tmp_path / "x.html")
    assert r.code != 0
    assert "the first date must be before the second" in r.err
    assert "did you mean --compare 2025-10-27 2025-11-04?" in r.err
    assert not (tmp_path / "x.html").exists()
    import graph
    from graph.core.errors import AikgError

    with pytest.raises(AikgError, match="first date must be before"):
        graph.open("article").view(compare=("2025-11-04", "2025-10-27"))
