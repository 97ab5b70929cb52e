"""How long a large view takes to become interactive in headless Chromium.

Builds a synthetic snapshot in the shape :func:`graph.network.snapshot.snapshot` returns (5,000 actors
by default, relations with values, dates and a quoted source each), renders it with
:func:`graph.view.render_view`, opens the file in Debian's Chromium through Playwright (every
request that is not ``file:`` is aborted and counted), and times until the page says it is
ready: ``window.network`` exists, ``network.body.data.nodes.length`` equals the node count, and
the first frame is drawn (physics is off above a few hundred nodes, so nothing keeps moving).
Also prints the main thread's busy time (Chrome's ``TaskDuration`` metric), a figure that
other processes on a loaded machine inflate less than the wall-clock time.

Prints the median of ``--runs`` runs (default 3). The goal is 3 s on the project's machine.

    python bench/view_bench.py [--nodes 5000] [--edges 20000] [--runs 3] [--keep FILE]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

CLASSES = [
    ("AILab", "AI lab"),
    ("CloudProvider", "cloud provider"),
    ("Chipmaker", "chipmaker"),
    ("HardwareVendor", "hardware vendor"),
    ("Investor", "investor"),
    ("Conglomerate", "parent company"),
    ("SovereignEntity", "state or state fund"),
    ("DataCenterVenture", "data-center venture"),
    ("DataCenterDeveloper", "data-center developer"),
    ("EnergyCompany", "energy company"),
]
TYPES = [
    ("buysComputeFrom", "buys compute from", "USD"),
    ("procuresChipsFrom", "procures chips from", "USD"),
    ("suppliesChipsTo", "supplies chips to", None),
    ("needsApprovalFrom", "needs approval from", None),
    ("hasRightOfFirstRefusal", "holds right of first refusal over", None),
    ("partnersWith", "partners with", "GW"),
    ("investsIn", "invests in", "USD"),
    ("ownsStakeIn", "owns stake in", "percent"),
    ("subsidiaryOf", "subsidiary of", None),
    ("memberOfJointVenture", "member of joint venture", None),
]
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


def synthetic_snapshot(nodes: int, edges: int, seed: int = 42):
    """A MultiDiGraph shaped like a snapshot: preferential attachment, so a few hubs."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph(at="2026-01-01")
    ids = [f"https://w3id.org/ai-infra-kg/id/actor/synthetic-{i:05d}" for i in range(nodes)]
    for i, iri in enumerate(ids):
        cls, cls_label = CLASSES[rng.randrange(len(CLASSES))]
        g.add_node(
            iri,
            label=f"Actor {i}",
            label_fr=f"Acteur {i}",
            **{"class": cls, "class_label": cls_label},
            wikidata=f"Q{1000 + i}" if i % 3 == 0 else None,
            aliases=[f"A{i}"] if i % 4 == 0 else [],
        )
    weights = [1.0] * nodes
    for k in range(edges):
        u = rng.randrange(nodes)
        v = rng.choices(range(nodes), weights=weights)[0] if k % 4 else rng.randrange(nodes)
        if u == v:
            v = (v + 1) % nodes
        weights[v] += 0.5
        rtype, tlabel, unit = TYPES[rng.randrange(len(TYPES))]
        value = None
        if unit == "USD":
            value = float(rng.randrange(1, 500)) * 1e8
        elif unit == "GW":
            value = rng.randrange(1, 50) / 10
        elif unit == "percent":
            value = float(rng.randrange(1, 60))
        fact = f"S{k:06d}"
        g.add_edge(
            ids[u],
            ids[v],
            key=f"{rtype}:{fact}",
            relation=f"https://w3id.org/ai-infra-kg/id/relation/{fact}",
            type=rtype,
            type_label=tlabel,
            value=value,
            unit=unit if value is not None else None,
            currency="USD" if unit == "USD" and value is not None else None,
            capacity_gw=value if unit == "GW" else None,
            status="announced",
            confidence="medium",
            start=f"2025-{1 + k % 12:02d}-01",
            start_precision="day",
            announced=f"2025-{1 + k % 12:02d}-01",
            valid_until=None,
            until_precision=None,
            duration=None,
            fact_id=fact,
            fact_ids=[fact],
            role_note=None,
            symmetric=rtype == "partnersWith",
            sources=[
                {
                    "source": f"https://w3id.org/ai-infra-kg/id/source/s{k % 500}",
                    "title": f"Synthetic source {k % 500}",
                    "url": f"https://example.org/{k % 500}",
                    "issued": "2025-06-01",
                    "quotes": [f"Actor {u} and Actor {v} signed agreement number {k}."],
                }
            ],
            started_by=None,
            ended_by=None,
        )
    return g


def degree_figures(g) -> dict[str, dict[str, float]]:
    """Degree figures per node (the bench's stand-in for the CLI's centrality step)."""
    return {n: {"degree": float(g.degree(n))} for n in g}


def time_page(path: Path, expected_nodes: int, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                outside: list[str] = []
                errors: list[str] = []

                def route(r, outside=outside):
                    if r.request.url.startswith("file:"):
                        r.continue_()
                    else:
                        outside.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                start = time.perf_counter()
                page.goto(path.as_uri(), timeout=120_000)
                # Poll from outside with evaluate(): wait_for_function() evaluates a string in the
                # page, which the page's Content-Security-Policy refuses.
                ready = f"window.aikgReady === true && network.body.data.nodes.length === {expected_nodes}"
                while not page.evaluate(ready):
                    if time.perf_counter() - start > 120:
                        raise TimeoutError("the page did not become ready in 120 s")
                    time.sleep(0.01)
                wall = time.perf_counter() - start
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                in_page = page.evaluate("window.aikgReadyAt") / 1000
                physics = page.evaluate("network.physics.options.enabled")
                results.append(
                    {
                        "busy": metrics.get("TaskDuration", float("nan")),
                        "wall": wall,
                        "in_page": in_page,
                        "physics": physics,
                        "outside": len(outside),
                        "errors": len(errors),
                    }
                )
                context.close()
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="FILE", help="also keep the page at FILE")
    args = parser.parse_args(argv)

    from graph.view import render_view

    t0 = time.perf_counter()
    g = synthetic_snapshot(args.nodes, args.edges)
    t1 = time.perf_counter()
    html = render_view(g, at="2026-01-01", figures=degree_figures(g), size_by="degree")
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep).resolve() if args.keep else Path(tmp) / "bench-view.html"
        path.write_text(html, encoding="utf-8")
        results = time_page(path, args.nodes, args.runs)
    walls = [r["wall"] for r in results]
    in_page = [r["in_page"] for r in results]
    print(f"synthetic snapshot: {args.nodes} nodes, {g.number_of_edges()} edges, built in {t1 - t0:.2f} s")
    print(f"render_view (layout + pyvis + page): {t2 - t1:.2f} s, {len(html) / 1e6:.1f} MB of HTML")
    print(
        f"interactive in headless Chromium, median of {len(results)}: {statistics.median(walls):.2f} s "
        f"from navigation (runs: {', '.join(f'{w:.2f}' for w in walls)}); in-page clock "
        f"{statistics.median(in_page):.2f} s"
    )
    busy = [r["busy"] for r in results]
    print(
        f"main-thread busy time until ready (CDP TaskDuration, less sensitive to other load): "
        f"{statistics.median(busy):.2f} s"
    )
    print(
        f"physics enabled at ready: {results[0]['physics']}; requests leaving file://: "
        f"{sum(r['outside'] for r in results)}; console errors: {sum(r['errors'] for r in results)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
