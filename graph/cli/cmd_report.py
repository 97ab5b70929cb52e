"""``aikg report``: centrality and the other analyses of one snapshot, as CSV, JSON, Markdown and HTML."""

from __future__ import annotations

import argparse

from ..api.report import DEFAULT_CASES
from .common import add_count_options, add_graph_options, add_validate_option, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="centrality of every actor, concentration, gatekeepers, circular flows: CSV, JSON, Markdown, HTML",
        description="Analyse the network as it stood on --at DATE and write centrality.csv, "
        "centrality.json, centrality.md and report.html (tables, top actors per measure, "
        "charts of centrality before and after each event and of suppliers' shares). Without "
        "--at, today, or the last day the data records something happening if that is earlier. "
        "Same input, same bytes.",
    )
    p.add_argument(
        "--at",
        metavar="DATE",
        help="the day, YYYY-MM-DD (default: today, or the data's last recorded happening if earlier)",
    )
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
    add_validate_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.dates import parse_day
    from ..core.safe_text import terminal_text
    from ..report import fmt

    if args.at:
        parse_day(args.at, "--at")  # fail fast, before loading the graph
    report = open_kg(args).report(args.at, events=args.event, window=args.window, top=args.top, cases=args.case)
    ov = report.overview
    if not args.at:
        print(f"no --at: using {ov['at']}: today, or the data's last recorded happening if earlier")
    paths = report.write(args.out)
    table = ov["centrality"]
    print(
        f"snapshot {ov['at']}: {ov['counts']['actors']} actors, {ov['counts']['relations']} relations in force; "
        f"eigenvector method: {table['eigenvector_method']}"
    )
    for m in ("pagerank", "betweenness", "degree"):
        top = table["top"][m][:3]
        shown = ", ".join(f"{terminal_text(str(t['label']))} ({fmt.number(t['value'])})" for t in top)
        print(f"  top {m}: " + (shown or "all zero"))
    for case in ov["cases"]:
        last = case["rows"][-1] if case["rows"] else None
        if last:
            g = last["groups"]
            known = [s for s in g["suppliers"] if s["share"] is not None]
            shares = ", ".join(f"{terminal_text(str(s['label']))} {fmt.share(s['share'])}" for s in known)
            print(
                f"  worked case {case['label']}: {len(case['rows'])} dates; on {last['at']}, by corporate group: "
                + (shares or "no known amounts")
                + (f" (HHI {fmt.hhi(g['hhi'])}; " if g["hhi"] is not None else " (")
                + f"{g['basis_text']})"
            )
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
