"""``aikg report``: centrality and the other analyses of one snapshot, as CSV, JSON, Markdown and HTML."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .common import add_count_options, add_graph_options, counting, load

FILES = ("centrality.csv", "centrality.json", "centrality.md", "report.html")
#: The report's worked cases when --case is not given (skipped when not in the graph).
DEFAULT_CASES: tuple[str, ...] = ("Anthropic",)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="centrality of every actor, concentration, gatekeepers, circular flows: CSV, JSON, Markdown, HTML",
        description="Analyse the network as it stood on --at DATE and write centrality.csv, "
        "centrality.json, centrality.md and report.html (tables, top actors per measure, "
        "charts of centrality before and after each event and of suppliers' shares). Without "
        "--at, the latest date the data records something happening. Same input, same bytes.",
    )
    p.add_argument("--at", metavar="DATE", help="the day, YYYY-MM-DD (default: the latest date in the data)")
    p.add_argument("--out", default="aikg-out/report", metavar="DIR", help="output folder (default: aikg-out/report)")
    p.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="NAME",
        help="chart centrality before and after this event (repeatable; default: every event in the data)",
    )
    p.add_argument(
        "--window", type=int, default=None, metavar="DAYS", help="days after an event for 'after' (default: 7)"
    )
    p.add_argument("--top", type=int, default=5, metavar="N", help="actors listed per measure (default: 5)")
    p.add_argument(
        "--case",
        action="append",
        default=None,
        metavar="ACTOR",
        help="a worked case: the actor's compute and chip suppliers at each date one of them starts "
        "or ends and at each year end, with concentration (repeatable; default: "
        + ", ".join(DEFAULT_CASES)
        + ", when in the graph)",
    )
    add_count_options(p)
    add_graph_options(p)
    p.set_defaults(run=run)


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
    from ..dates import parse_day
    from ..errors import AikgError
    from ..rules.status import DEFAULT_COUNTED, describe
    from ..snapshot import fetch_events, fetch_network, find_event, in_force, snapshot
    from ..worker import current
    from .netopts import AT_RULE, check_window, empty_message, event_day, latest_date

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
    # Within graph.worker.second_core (aikg report on a large network), betweenness runs in
    # the worker while this process computes the rest. It gets the first event's pair first,
    # as the comparisons need them first, then the report's snapshot. Pairs are compared and
    # dropped one event at a time.
    G = None
    compared = []
    for e in chosen:
        b, a = event_window(event_day(e), win)
        about = {"label": e.label, "short_name": e.short_name, "date": event_day(e), "window_days": win}
        before = snapshot(data, b)
        prefetch(before)
        after = snapshot(data, a)
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
    if worker is not None:
        worker.submit("warm_charts")  # the worker is idle once betweenness is done
    ov = overview(G, top=top)
    ov["comparisons"] = compared
    ov["planned"] = planned_relations(data, day)
    ov["counted"] = describe(data.statuses or DEFAULT_COUNTED)
    ov["group_by"] = data.group_by
    ov["cases"] = worked_cases(graph, data, day, cases)
    return ov, rule


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
    from ..actors import normalise, resolve_actor
    from ..analysis.supplier_history import case_dates, supplier_history
    from ..errors import AikgError
    from ..snapshot import snapshot
    from ..vocab import local_name

    out = []
    everything = None
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
        everything = everything if everything is not None else snapshot(data, None)
        days = case_dates(everything, actor, until=day)
        out.append(supplier_history([snapshot(data, d) for d in days], actor))
    return out


def write_report(ov: dict[str, Any], out: Path, *, rule: str, layers: str) -> list[Path]:
    """Write the four report files into ``out``; returns their paths."""
    from ..atomic import open_atomic, write_text
    from ..report import centrality_tables as ct
    from ..report import charts
    from ..report.html import report_html_parts
    from ..worker import current, result

    worker = current()

    def chart(name: str, *args: Any, **kwargs: Any) -> Callable[[], bytes]:
        # Drawn by the report's worker, if any, while this process writes the tables.
        future = worker.submit(name, *args, **kwargs) if worker is not None else None
        return lambda: result(future, name, *args, **kwargs)

    pngs: list[tuple[str, Any]] = []
    for c in ov["comparisons"]:
        about = c["about"]
        title = f"Centrality before ({c['before']}) and after ({c['after']}) {about['label']} ({about['date']})"
        pngs.append((title, chart("before_after", c, title=title)))
    pngs.append(
        (
            f"Compute suppliers' shares on {ov['at']} (by known value where every supplier has one, else by count)",
            chart("supplier_shares", ov["concentration"], title=f"Compute suppliers' shares, {ov['at']}"),
        )
    )
    case_pngs = []
    for case in ov.get("cases") or []:
        items = [dict(row["groups"], label=row["at"], actor=f"{case['actor']}#{row['at']}") for row in case["rows"]]
        if items:
            title = f"{case['label']}: compute and chip suppliers by parent company"
            case_pngs.append(
                (
                    f"{title}, at each date (share on each date's basis)",
                    charts.supplier_shares(
                        items,
                        title=title,
                        keep_order=True,
                        max_buyers=len(items),
                        xlabel="share of the buyer's compute and chip supply, %",
                    ),
                )
            )
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


def run(args: argparse.Namespace) -> int:
    from ..dates import parse_day
    from ..report import fmt
    from ..snapshot import fetch_network
    from ..worker import MIN_RELATIONS as WORKER_MIN_RELATIONS
    from ..worker import second_core

    if args.at:
        parse_day(args.at, "--at")  # fail fast, before loading the graph
    graph = load(args)
    data = counting(fetch_network(graph), args)
    # A large network's report uses a second core (graph.worker): betweenness and charts.
    with second_core(len(data.relations) >= WORKER_MIN_RELATIONS):
        ov, rule = build_report(
            graph, at=args.at, events=args.event, window=args.window, top=args.top, cases=args.case, data=data
        )
        if not args.at:
            print(f"no --at: using {ov['at']}: today, or the data's last recorded happening if earlier")
        paths = write_report(ov, Path(args.out), rule=rule, layers=args.layers)
    table = ov["centrality"]
    print(
        f"snapshot {ov['at']}: {ov['counts']['actors']} actors, {ov['counts']['relations']} relations in force; "
        f"eigenvector method: {table['eigenvector_method']}"
    )
    for m in ("pagerank", "betweenness", "degree"):
        top = table["top"][m][:3]
        print(f"  top {m}: " + (", ".join(f"{t['label']} ({fmt.number(t['value'])})" for t in top) or "all zero"))
    for case in ov["cases"]:
        last = case["rows"][-1] if case["rows"] else None
        if last:
            g = last["groups"]
            print(
                f"  worked case {case['label']}: {len(case['rows'])} dates; on {last['at']}, by corporate group: "
                + (", ".join(f"{s['label']} {fmt.share(s['share'])}" for s in g["suppliers"] if s["share"] is not None)
                   or "no known amounts")
                + (f" (HHI {fmt.hhi(g['hhi'])}; " if g["hhi"] is not None else " (")
                + f"{g['basis_text']})"
            )
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
