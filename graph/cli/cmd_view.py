"""``aikg view``: an interactive HTML graph of a snapshot, or of two (before and after).

The command chooses what to draw (the snapshot, ended relations, the focus, the relation
types) and computes the centrality figures; :mod:`graph.view` only renders."""

from __future__ import annotations

import argparse

from ..api.view import (
    DEFAULT_MAX_ACTORS,
    DEFAULT_RANK_BY,
    DEFAULT_SIZE_BY,
    check_compare,
    limit_line,
    rank_measure,
    size_measure,
    view_file_name,
)
from .common import add_count_options, add_graph_options, add_validate_option, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "view",
        help="write an interactive HTML graph (one offline file), or a before/after page",
        description="Write one self-contained HTML page (vis-network inlined, no network access) "
        "drawing the actors and their relations: colour and shape by class, size by a centrality "
        "measure, colour and dash by relation type, tooltips with values, dates and sources. "
        "With --compare or --event, a before/after page with changed relations highlighted.",
    )
    p.add_argument(
        "--at",
        metavar="DATE",
        help="the network in force on DATE (default: the latest day on which the data records "
        "something happening, as for `aikg report`)",
    )
    p.add_argument("--focus", metavar="ACTOR", help="only the actors within --depth relations of ACTOR")
    p.add_argument("--depth", type=int, default=1, metavar="N", help="distance for --focus (default: 1)")
    p.add_argument(
        "--relations",
        metavar="TYPE,...",
        help="only these relation types (buysComputeFrom,partnersWith,...); actors left without a relation are dropped",
    )
    p.add_argument(
        "--size-by",
        default=DEFAULT_SIZE_BY,
        metavar="MEASURE",
        help=f"centrality measure sizing the nodes (default: {DEFAULT_SIZE_BY}; 'none': equal sizes "
        "and no figures); see `aikg view --size-by list`",
    )
    p.add_argument(
        "--max-actors",
        type=int,
        default=DEFAULT_MAX_ACTORS,
        metavar="N",
        help=f"draw at most N actors (default: {DEFAULT_MAX_ACTORS}; 0: no limit): above it, the top N by "
        "--rank-by and the relations among them; the page and the output say what was left out",
    )
    p.add_argument(
        "--rank-by",
        default=DEFAULT_RANK_BY,
        metavar="MEASURE",
        help=f"centrality measure choosing the actors kept above --max-actors (default: {DEFAULT_RANK_BY}); "
        "see `aikg view --rank-by list`",
    )
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="labels and page language")
    p.add_argument(
        "--show-ended",
        action="store_true",
        help="also draw relations that ended on or before the date, greyed and dotted",
    )
    p.add_argument("--compare", nargs=2, metavar=("DATE1", "DATE2"), help="before/after page of two dates")
    p.add_argument("--event", metavar="NAME", help="before/after page around an event (its short name or label)")
    p.add_argument(
        "--window",
        type=int,
        metavar="DAYS",
        help="with --event: days after the event for 'after' (default: 7; 'before' is the day before)",
    )
    p.add_argument("--title", metavar="TEXT", help="the page's heading")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="output file (default: view.html, as aikg build names it; view-NAME.html with --event NAME, "
        "view-compare.html with --compare)",
    )
    add_count_options(p)
    add_graph_options(p)
    add_validate_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.dates import parse_day

    _check_options(args)
    size_measure(args.size_by)  # fail fast on a wrong option, before loading the graph
    rank_measure(args.rank_by)
    if args.at:
        parse_day(args.at, "--at")
    compare = check_compare(*args.compare) if args.compare else None
    view = open_kg(args).view(
        args.at,
        event=args.event,
        compare=compare,
        window=args.window,
        focus=args.focus,
        depth=args.depth,
        relations=args.relations,
        size_by=args.size_by,
        lang=args.lang,
        show_ended=args.show_ended,
        title=args.title,
        max_actors=args.max_actors,
        rank_by=args.rank_by,
    )
    counts = view.counts
    if args.event or compare:
        before, after = counts["dates"]
        event = counts["event"]
        if event is not None:
            window = 7 if args.window is None else args.window
            print(
                f"event {event.short_name or event.label} on {event.date}: "
                f"before {before} (the day before), after {after} ({window} days after)"
            )
        else:
            print(f"before {before}, after {after}")
        out = view.save(args.out or view_file_name(args.event, compare=True))
        print(
            f"wrote {out}: {counts['before']} relations before, {counts['after']} after "
            f"({counts['added']} new, {counts['ended']} ended)"
        )
        _print_limit(counts["limit"])
        return 0
    at = counts["at"]
    if at and not args.at:
        print(f"as of {at}: today, or the data's last recorded happening if earlier (give --at to choose)")
    out = view.save(args.out or view_file_name())
    extra = f", {counts['ended']} ended shown" if counts["ended"] else ""
    print(
        f"wrote {out}: {counts['actors']} actors, {counts['relations']} relations{extra}"
        + (f" as of {at}" if at else " (every relation: the data has no dates)")
    )
    _print_limit(counts["limit"])
    return 0


def _check_options(args: argparse.Namespace) -> None:
    from ..core.errors import AikgError

    if args.compare and args.event:
        raise AikgError("choose --compare DATE1 DATE2 or --event NAME, not both")
    if (args.compare or args.event) and args.at:
        raise AikgError("--at draws one date; a comparison takes its dates from --compare or --event")
    if (args.compare or args.event) and args.show_ended:
        raise AikgError("--show-ended applies to a single view; a comparison shows ended relations in red")
    if args.window is not None and not args.event:
        raise AikgError("--window applies to --event")
    if args.window is not None and args.window < 0:
        raise AikgError(f"--window must be 0 or more days, not {args.window}")
    if args.depth < 0:
        raise AikgError(f"--depth must be 0 or more, not {args.depth}")
    if args.depth != 1 and not args.focus:
        raise AikgError("--depth applies to --focus ACTOR")
    if args.max_actors < 0:
        raise AikgError(f"--max-actors must be 1 or more (0: no limit), not {args.max_actors}")


def _print_limit(limit, what: str = "") -> None:
    """Say what a view above its size limit left out (nothing below the limit)."""
    if line := limit_line(limit, what):
        print(line)
