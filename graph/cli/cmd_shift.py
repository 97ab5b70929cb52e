"""``aikg shift``: what changed in the network between two dates, or around named events."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .common import add_graph_options, load

DATE_RULE = (
    "a relation is in force on a day when it started on or before that day (validFrom, else "
    "announced; none: always) and has not ended on or before it (validUntil); a month or a year "
    "counts from its first day"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "shift",
        help="what changed between two dates or around an event: relations, suppliers, gatekeepers, centrality",
        description="Compare the network on two dates: relations added, ended and changed (with "
        "their values, dates and sources), each actor's centrality before, after and the "
        "difference, rank changes, and for the actors in focus their compute suppliers with "
        "concentration (HHI), gatekeepers and largest dependency. With --event NAME, before is "
        "the day before the event and after is the event's day plus --window days (default 7). "
        "Repeat --event for steps between consecutive events.",
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
    p.add_argument("--out", metavar="DIR", help="also write shift.json, shift.md and shift.html into DIR")
    add_graph_options(p)
    p.set_defaults(run=run)


def _check_dates(before: str | None, after: str | None) -> tuple[str | None, str | None]:
    from ..dates import parse_day
    from ..errors import AikgError

    b = parse_day(before, "--before") if before else None
    a = parse_day(after, "--after") if after else None
    if b and a and b >= a:
        raise AikgError(f"--before {b} is not earlier than --after {a}: give the earlier day first")
    return b, a


def build_shift(
    graph: Any,
    *,
    events: Sequence[str] = (),
    before: str | None = None,
    after: str | None = None,
    window: int | None = None,
    actors: Sequence[str] = (),
    layers: str = "all",
) -> dict[str, Any]:
    """Everything ``aikg shift`` reports, as the ``shift.json`` document (see docs/analysis.md)."""
    from ..actors import resolve_actor
    from ..analysis.shift import DEFAULT_WINDOW, event_window, shift, step_dates
    from ..errors import AikgError
    from ..snapshot import fetch_events, fetch_network, find_event, snapshot
    from .netopts import check_window, empty_message, event_about, event_day, events_index

    before, after = _check_dates(before, after)
    if not events and not (before and after):
        raise AikgError("give --event NAME, or both --before DATE and --after DATE")
    if len(events) > 1 and (before or after):
        raise AikgError("--before/--after apply to one event; with several --event, each step's dates follow the rule")
    win = check_window(DEFAULT_WINDOW if window is None else window)
    known = fetch_events(graph)
    chosen = [find_event(known, name) for name in events]
    chosen = sorted({e.iri: e for e in chosen}.values(), key=lambda e: (event_day(e), e.iri))
    focus = [str(resolve_actor(graph, name)) for name in actors]
    focus = list(dict.fromkeys(focus))
    index = events_index(known)
    data = fetch_network(graph)

    about = event_about(graph) if chosen else {}
    focus_rule = "given with --actor"
    if not focus:
        for e in chosen:
            focus += [a for a in about.get(e.iri, []) if a in data.actors and a not in focus]
        focus_rule = "the actors the event is about" if focus else "the actors with relations added or ended"
        focus_from_events = bool(focus)
    else:
        focus_from_events = False
    labels = {a: data.actors[a]["label"] for a in data.actors}

    def lines(b: str, a: str, ev: Any | None, b_given: bool, a_given: bool, nxt: Any | None) -> list[str]:
        out = []
        if ev is not None:
            out.append(f"event: {ev.label} ({ev.short_name or ev.iri}), {event_day(ev)}")
        if b_given:
            out.append(f"before: {b} (given with --before)")
        elif ev is not None:
            out.append(f"before: {b}, the day before the event")
        if a_given:
            out.append(f"after: {a} (given with --after)")
        elif nxt is not None:
            out.append(f"after: {a}, the day before the next event ({nxt.label}, {event_day(nxt)})")
        elif ev is not None:
            out.append(f"after: {a}, the event's day plus {win} days (--window {win})")
        return out

    common = [
        f"in force: {DATE_RULE}",
        "focus: " + (", ".join(labels.get(a, a) for a in focus) or "none") + f" ({focus_rule})",
        f"layers: {layers}",
    ]
    if len(chosen) <= 1:
        ev = chosen[0] if chosen else None
        b0, a0 = event_window(event_day(ev), win) if ev else (None, None)
        b, a = before or b0, after or a0
        if b >= a:  # type: ignore[operator]
            raise AikgError(f"before {b} is not earlier than after {a}")
        pairs = [(b, a, ev, bool(before), bool(after), None)]
    else:
        days = [event_day(e) for e in chosen]
        by_day: dict[str, list[Any]] = {}
        for e in chosen:
            by_day.setdefault(event_day(e), []).append(e)
        steps = step_dates(days, win)
        ordered = sorted(by_day)
        pairs = []
        for i, (b, a) in enumerate(steps):
            nxt = by_day[ordered[i + 1]][0] if i + 1 < len(ordered) else None
            pairs.append((b, a, by_day[ordered[i]][0], False, False, nxt))

    snaps: dict[str, Any] = {}
    for b, a, *_ in pairs:
        for day in (b, a):
            if day not in snaps:
                snaps[day] = snapshot(data, day)
    if all(snaps[d].number_of_edges() == 0 for d in snaps):
        err = AikgError("nothing to compare: " + empty_message(" or ".join(sorted(snaps)), data))
        err.exit_code = 1
        raise err
    kwargs = {"focus": focus or None, "events": index}
    step_docs = []
    for b, a, ev, b_given, a_given, nxt in pairs:
        doc = shift(snaps[b], snaps[a], **kwargs)
        title = f"{ev.label} ({event_day(ev)})" if ev else f"{b} to {a}"
        doc = {"title": title, "date_rule_lines": lines(b, a, ev, b_given, a_given, nxt), **doc}
        doc["event"] = _event_doc(ev, about) if ev else None
        step_docs.append(doc)
    if len(step_docs) == 1:
        doc = step_docs[0]
        ev = chosen[0] if chosen else None
        doc["title"] = (
            f"Shift around “{ev.label}” ({ev.short_name or ev.iri}, {event_day(ev)})"
            if ev
            else f"Shift from {doc['before']} to {doc['after']}"
        )
        doc["date_rule_lines"] = doc["date_rule_lines"] + common
        doc["steps"] = []
    else:
        first, last = pairs[0][0], pairs[-1][1]
        doc = shift(snaps[first], snaps[last], **kwargs)
        names = ", ".join(e.short_name or e.label for e in chosen)
        doc = {
            "title": f"Shift over {len(chosen)} events ({names}), {first} to {last}",
            "date_rule_lines": [
                "steps: each from the day before its event to the day before the next event; "
                f"the last to its event's day plus {win} days (--window {win})",
                *common,
            ],
            **doc,
            "event": None,
            "steps": step_docs,
        }
    if focus_from_events:
        # The event's actors, the most changed first (aikg:about has no order of its own).
        for d in [doc, *doc["steps"]]:
            d["focus"].sort(key=lambda f: (-(len(f["added"]) + len(f["ended"])), f["label"], f["actor"]))
        line = "focus: " + ", ".join(f["label"] for f in doc["focus"]) + f" ({focus_rule})"
        doc["date_rule_lines"] = [line if x.startswith("focus: ") else x for x in doc["date_rule_lines"]]
    doc["events"] = [_event_doc(e, about) for e in chosen]
    doc["window_days"] = win if chosen else None
    doc["focus_rule"] = focus_rule
    doc["layers"] = layers
    return doc


def _event_doc(e: Any, about: dict[str, list[str]]) -> dict[str, Any]:
    from .netopts import event_day

    return {
        "iri": e.iri,
        "short_name": e.short_name,
        "label": e.label,
        "date": event_day(e),
        "about": about.get(e.iri, []),
    }


def write_shift(doc: dict[str, Any], out: Path) -> list[Path]:
    """Write ``shift.json``, ``shift.md`` and ``shift.html`` for a document from :func:`build_shift`."""
    from ..atomic import write_bytes, write_text
    from ..report import charts
    from ..report.html import shift_html
    from ..report.shift_text import render, to_json

    pngs = []
    focus = doc.get("focus") or []
    if focus:
        items = []
        for f in focus:
            if not (f["before"]["suppliers"]["suppliers"] or f["after"]["suppliers"]["suppliers"]):
                continue
            for side in ("before", "after"):
                c = dict(f[side]["suppliers"])
                c["label"] = f"{f['label']}, {doc[side]}"
                c["actor"] = f"{c['actor']}#{side}"
                items.append(c)
        if any(c["suppliers"] for c in items):
            # Keep the focus order, before then after (the chart sorts by supplier count).
            pngs.append(
                (
                    "Compute suppliers' shares before and after, for the actors in focus",
                    charts.supplier_shares(items, title="Compute suppliers before and after", keep_order=True),
                )
            )
    html = shift_html(doc, charts=pngs)
    paths = [out / "shift.json", out / "shift.md", out / "shift.html"]
    write_text(paths[0], to_json(doc))
    write_text(paths[1], render(doc, markdown=True))
    write_bytes(paths[2], html.encode("utf-8"))
    return paths


def run(args: argparse.Namespace) -> int:
    from ..report.shift_text import render

    _check_dates(args.before, args.after)  # fail fast, before loading the graph
    graph = load(args)
    doc = build_shift(
        graph,
        events=args.event,
        before=args.before,
        after=args.after,
        window=args.window,
        actors=args.actor,
        layers=args.layers,
    )
    sys.stdout.write(render(doc))
    if args.out:
        paths = write_shift(doc, Path(args.out))
        print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
