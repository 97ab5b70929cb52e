"""What ``aikg report`` computes: centrality and the other analyses of one snapshot, as CSV, JSON, Markdown and HTML.

The command line (:mod:`graph.cli.cmd_report`) parses its options, calls these functions and prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

FILES = ("centrality.csv", "centrality.json", "centrality.md", "report.html")


#: The report's worked cases when --case is not given (skipped when not in the graph).
DEFAULT_CASES: tuple[str, ...] = ("Anthropic",)


def build_report(
    graph: Any,
    *,
    at: str | None = None,
    events: Sequence[str] = (),
    window: int | None = None,
    top: int = 5,
    cases: Sequence[str] | None = None,
    data: Any = None,
) -> tuple[dict[str, Any], str]:
    """Analyse the snapshot: returns the overview (see :func:`graph.analysis.overview.overview`,
    plus ``cases``: one :func:`graph.analysis.supplier_history.supplier_history` per worked case,
    up to the report's date) and a sentence saying how the date was chosen."""
    from ..analysis.betweenness import prefetch
    from ..analysis.overview import compare, overview
    from ..analysis.shift import DEFAULT_WINDOW, event_window
    from ..core.dates import parse_day
    from ..core.errors import AikgError
    from ..core.worker import current
    from ..network.events import event_about, event_day, fetch_events, find_event
    from ..network.fetch import fetch_network
    from ..network.part import components, connected_part
    from ..network.snapshot import in_force, snapshot
    from ..rules.status import DEFAULT_COUNTED, describe
    from .dates import AT_RULE, check_window, empty_message, latest_date

    if top < 1:
        raise AikgError(f"--top {top}: expected 1 or more")
    win = check_window(DEFAULT_WINDOW if window is None else window)
    day = parse_day(at, "--at") if at else None
    # A caller that already fetched the network (aikg build) passes it, saving a SPARQL pass.
    data = data if data is not None else fetch_network(graph)
    known = fetch_events(graph)
    chosen = [find_event(known, n) for n in events] if events else list(known)
    chosen = sorted({e.iri: e for e in chosen}.values(), key=lambda e: (event_day(e), e.iri))
    rule = f"Snapshot on {day} (given with --at)." if day else AT_RULE
    if day is None:
        day = latest_date(data, known)
        if day is None:
            err = AikgError("nothing to report: " + empty_message("any day", data))
            err.exit_code = 1
            raise err
    if not any(in_force(r, day) for r in data.relations):
        err = AikgError("nothing to report: " + empty_message(day, data))
        err.exit_code = 1
        raise err
    # Each event is compared on the part of the network its actors are tied to (on any date):
    # the rest of a large network is neither changed by it nor worth redrawing twice per event.
    parties = event_about(graph) if chosen else {}
    roots = components(data) if chosen else {}
    # Within graph.core.worker.second_core (aikg report on a large network), betweenness runs in
    # the worker while this process computes the rest. It gets the first event's pair first,
    # as the comparisons need them first, then the report's snapshot. Pairs are compared and
    # dropped one event at a time.
    G = None
    compared = []
    for e in chosen:
        b, a = event_window(event_day(e), win)
        recorded = data.events.get(e.iri) or {}
        ends = {*parties.get(e.iri, ()), *recorded.get("original", ()), *recorded.get("resulting", ())}
        part = connected_part(data, sorted(ends), roots)
        about = {
            "label": e.label,
            "short_name": e.short_name,
            "date": event_day(e),
            "window_days": win,
            "parties": sorted(ends),
            "part_actors": len(part.actors),
            "network_actors": len(data.actors),
        }
        before = snapshot(part, b)
        prefetch(before)
        after = snapshot(part, a)
        prefetch(after)
        if G is None:
            G = snapshot(data, day)
            prefetch(G)
        compared.append({"about": about, **compare(before, after)})
        del before, after
    if G is None:
        G = snapshot(data, day)
        prefetch(G)
    worker = current()
    drawing: list[tuple[str, tuple[Any, ...], dict[str, Any], Any]] = []

    def draw(name: str, *args: Any, **kwargs: Any) -> None:
        if worker is not None:
            drawing.append((name, args, kwargs, worker.submit(name, *args, **kwargs)))

    # Once betweenness is done, the worker draws the report's charts as their numbers are known,
    # the comparisons' while this process computes the overview; write_report then finds them
    # drawn (graph.core.cache.memo), with the same arguments.
    if worker is not None:
        worker.submit("warm_charts")
    for c in compared:
        draw("before_after", c, title=comparison_title(c))
    ov = overview(G, top=top)
    ov["comparisons"] = compared
    ov["planned"] = planned_relations(data, day)
    ov["counted"] = describe(data.statuses or DEFAULT_COUNTED)
    ov["group_by"] = data.group_by
    ov["cases"] = worked_cases(graph, data, day, cases)
    if worker is not None:
        from ..report import charts

        specs = supplier_charts(ov)
        colours = charts.actor_colours(chart_groups(specs))
        for spec in specs:
            draw("supplier_shares", spec["items"], colours=colours, **spec["options"])
        for name, args, kwargs, future in drawing:
            try:
                getattr(charts, name).hold(future.result(), *args, **kwargs)
            except Exception:  # the worker died: write_report draws it here
                pass
    return ov, rule


def comparison_title(c: dict[str, Any]) -> str:
    """The title of the chart of one of the report's comparisons."""
    about = c["about"]
    return f"Centrality before ({c['before']}) and after ({c['after']}) {about['label']} ({about['date']})"


def planned_relations(data: Any, day: str) -> list[dict[str, Any]]:
    """The counted relations that start after ``day`` (planned), by start: label, start, value."""
    from ..rules.inforce import planned
    from ..rules.status import DEFAULT_COUNTED

    counted = data.statuses or DEFAULT_COUNTED
    out = []
    for r in data.relations:
        if planned(r, day, counted):
            a = data.actors.get(r["actor"], {}).get("label", r["actor"])
            b = data.actors.get(r["counterparty"], {}).get("label", r["counterparty"])
            stated = r.get("stated_start") or "start not stated"
            out.append(
                {
                    "label": f"{a} {r.get('type_label') or r['type']} {b}",
                    "start": r["start"] if r.get("start_basis") == "stated" else f"{r['start']} ({stated})",
                    "value": r.get("value"),
                    "unit": r.get("unit"),
                    "status": r.get("status"),
                    "fact_ids": list(r.get("fact_ids") or []),
                }
            )
    out.sort(key=lambda p: (p["start"], p["label"], p["fact_ids"]))
    return out


def worked_cases(graph: Any, data: Any, day: str, cases: Sequence[str] | None) -> list[dict[str, Any]]:
    """Each case actor's suppliers over time, up to ``day``; the default cases are skipped when
    the graph does not hold them (``--layers article``), a case given by name is an error then."""
    from ..analysis.supplier_history import case_dates, case_network, supplier_history
    from ..core.errors import AikgError
    from ..core.vocab import local_name
    from ..network.snapshot import snapshot
    from ..query.actors import normalise, resolve_actor

    out = []
    # Names the network knows (labels, aliases, local names): a default case absent from them is
    # skipped at once, without asking the store for the closest names (a second at 8,000 actors).
    known = {
        normalise(n)
        for iri, a in data.actors.items()
        for n in (iri, local_name(iri), a.get("label") or "", a.get("label_fr") or "", *a.get("aliases", []))
    }
    for name in DEFAULT_CASES if cases is None else cases:
        if cases is None and normalise(name) not in known:
            continue
        try:
            actor = str(resolve_actor(graph, name))
        except AikgError:
            if cases is None:
                continue
            raise
        # Only the case's own ties are drawn (its group's relations and what they count in), not
        # the whole network on each of the case's dates: the same rows (tests/test_report_cases.py).
        near = case_network(data, actor)
        days = case_dates(snapshot(near, None), actor, until=day)
        out.append(supplier_history([snapshot(near, d) for d in days], actor))
    return out


def supplier_charts(ov: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's charts of suppliers' shares, as :func:`graph.report.charts.supplier_shares`
    draws them: ``caption``, ``items`` and ``options`` (its keyword arguments); first the
    compute suppliers on the report's date, then one per worked case."""
    specs = [
        {
            "caption": f"Compute suppliers' shares on {ov['at']} (of the known contract value in USD; "
            "an undisclosed amount has no share)",
            "items": ov["concentration"],
            "options": {"title": f"Compute suppliers' shares, {ov['at']}"},
        }
    ]
    for case in ov.get("cases") or []:
        items = [dict(row["groups"], label=row["at"], actor=f"{case['actor']}#{row['at']}") for row in case["rows"]]
        if items:
            title = f"{case['label']}: compute and chip suppliers by parent company"
            specs.append(
                {
                    "caption": f"{title}, at each date (share on each date's basis)",
                    "items": items,
                    "options": {
                        "title": title,
                        "keep_order": True,
                        "max_buyers": len(items),
                        "xlabel": "share of the buyer's compute and chip supply, %",
                    },
                }
            )
    return specs


def chart_groups(specs: list[dict[str, Any]]) -> list[list[str]]:
    """The actors each chart of ``specs`` (:func:`supplier_charts`) draws, one list per chart."""
    from ..report.charts import shares_chart_actors

    keys = ("max_buyers", "keep_order")
    return [shares_chart_actors(s["items"], **{k: v for k, v in s["options"].items() if k in keys}) for s in specs]


def write_report(
    ov: dict[str, Any], out: Path, *, rule: str, layers: str, colours: dict[str, str] | None = None
) -> list[Path]:
    """Write the four report files into ``out``; returns their paths. ``colours`` (actor IRI ->
    colour) are shared with the build's other charts; by default the report's own."""
    from ..core.atomic import open_atomic, write_text
    from ..core.worker import current, result
    from ..report import centrality_tables as ct
    from ..report import charts
    from ..report.html import report_html_parts

    worker = current()

    def chart(name: str, *args: Any, **kwargs: Any) -> Callable[[], bytes]:
        # Drawn by the report's worker, if any, while this process writes the tables.
        future = worker.submit(name, *args, **kwargs) if worker is not None else None
        return lambda: result(future, name, *args, **kwargs)

    pngs: list[tuple[str, Any]] = []
    for c in ov["comparisons"]:
        about = c["about"]
        title = comparison_title(c)
        caption = title
        if about.get("part_actors") is not None and about["part_actors"] < about["network_actors"]:
            caption += (
                f": the {about['part_actors']} of the network's {about['network_actors']} actors tied to its parties"
                " on any date (the measures are those of that part)"
            )
        pngs.append((caption, chart("before_after", c, title=title)))
    specs = supplier_charts(ov)
    if colours is None:
        colours = charts.actor_colours(chart_groups(specs))
    first, cases = specs[0], specs[1:]
    pngs.append((first["caption"], chart("supplier_shares", first["items"], colours=colours, **first["options"])))
    case_pngs = [
        (spec["caption"], charts.supplier_shares(spec["items"], colours=colours, **spec["options"])) for spec in cases
    ]
    table = ov["centrality"]
    paths = [out / name for name in FILES]
    write_text(paths[0], ct.to_csv(table))
    write_text(paths[1], ct.to_json(table))
    write_text(paths[2], ct.to_markdown(table))
    parts = report_html_parts(
        ov, meta={"title": "aikg report", "at_rule": rule, "layers": layers}, charts=pngs, case_charts=case_pngs
    )
    with open_atomic(paths[3], "wb") as fh:
        for part in parts:
            fh.write(part.encode("utf-8"))
    return paths
