"""``aikg shift``: what changed in the network between two dates, or around named events."""

from __future__ import annotations

import argparse
import sys

from ..api.shift import check_dates, step_days
from .common import add_count_options, add_graph_options, add_validate_option, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "shift",
        help="what changed between two dates or around an event: relations, suppliers, gatekeepers, centrality",
        description="Compare the network on two dates: relations added, ended and changed (with "
        "their values, dates and sources), each actor's centrality before, after and the "
        "difference, rank changes, and for the actors in focus their compute suppliers with "
        "concentration (HHI), gatekeepers and largest dependency. With --event NAME, before is "
        "the day before the event and after is the event's day plus --window days (default 7). "
        "Several events and dates (--event, --at, --dates) make steps, one from each point to "
        "the next, in date order: the path from the first to the last. With several events, "
        "each relation an event ended adds a step on the day it began (--only-given: none).",
    )
    p.add_argument("--before", metavar="DATE", help="the earlier day, YYYY-MM-DD")
    p.add_argument("--after", metavar="DATE", help="the later day, YYYY-MM-DD")
    p.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="NAME",
        help="an event's short name, label or IRI (see `aikg query events`); repeatable",
    )
    p.add_argument(
        "--at",
        action="append",
        default=[],
        metavar="DATE",
        help="a step at DATE (YYYY-MM-DD): what changed from the day before; repeatable, and may be mixed with --event",
    )
    p.add_argument(
        "--dates",
        metavar="D1,D2,...",
        help="steps at these dates, comma-separated (the same as repeating --at)",
    )
    p.add_argument(
        "--only-given",
        action="store_true",
        help="with several events, use only the events and dates given: no step for the day "
        "each relation an event ended had begun",
    )
    p.add_argument(
        "--window",
        type=int,
        default=None,
        metavar="DAYS",
        help="days after the (last) event that 'after' adds (default: 7)",
    )
    p.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="NAME",
        help="describe this actor in detail (label, alias or IRI); repeatable. Default: the "
        "actors the event is about, else those with relations added or ended",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="with several steps, print every relation with its values, sources and evidence, the changes and "
        "the centrality of each step (by default: a summary of each step for the actors in focus; shift.md "
        "holds the full text)",
    )
    p.add_argument("--out", metavar="DIR", help="also write shift.json, shift.md and shift.html into DIR")
    add_count_options(p)
    add_graph_options(p)
    add_validate_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_dates(args.before, args.after)  # fail fast, before loading the graph
    step_days(args.at, args.dates)
    shift = open_kg(args).shift(
        args.event,
        before=args.before,
        after=args.after,
        window=args.window,
        actors=args.actor,
        at=args.at,
        dates=args.dates,
        only_given=args.only_given,
    )
    sys.stdout.write(shift.text(full=args.full))
    if args.out:
        paths = shift.write(args.out)
        print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
