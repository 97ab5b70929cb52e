"""What ``aikg shift`` computes: what changed in the network between two dates, or around named events.

The command line (:mod:`graph.cli.cmd_shift`) parses its options, calls these functions and prints."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..rules.inforce import RULE_TEXT as DATE_RULE


def check_dates(before: str | None, after: str | None) -> tuple[str | None, str | None]:
    from ..core.dates import parse_day
    from ..core.errors import AikgError

    b = parse_day(before, "--before") if before else None
    a = parse_day(after, "--after") if after else None
    if b and a and b >= a:
        raise AikgError(f"--before {b} is not earlier than --after {a}: give the earlier day first")
    return b, a


def step_days(at: Sequence[str], dates: str | None) -> list[str]:
    """The days given with ``--at`` (repeatable) and ``--dates D1,D2,...``, checked."""
    from ..core.dates import parse_day

    out = [parse_day(d, "--at") for d in at]
    if dates is not None:
        parts = [d.strip() for d in dates.split(",")]
        if not any(parts):
            from ..core.errors import AikgError

            raise AikgError("--dates is empty: give days separated by commas (2025-01-21,2025-11-03)")
        out += [parse_day(d, "--dates") for d in parts if d]
    return out


def derived_points(data: Any, chosen: Sequence[Any]) -> dict[str, list[tuple[dict[str, Any], Any]]]:
    """Day -> the relations an event of ``chosen`` ended (``aikg:endedBy``) that began that day,
    before the event, each with its event: where each ended state began."""
    from ..core.dates import parse_day
    from ..network.events import event_day

    out: dict[str, list[tuple[dict[str, Any], Any]]] = {}
    by_iri = {e.iri: e for e in chosen}
    from ..rules.inforce import start_not_stated

    for r in data.relations:
        e = by_iri.get(r.get("ended_by") or "")
        # A start the data does not state is no beginning to walk from.
        if e is None or not r.get("start") or start_not_stated(r.get("start_basis")):
            continue
        day = parse_day(r["start"])
        if day < event_day(e):
            out.setdefault(day, []).append((r, e))
    return out


def _relations_text(items: list[dict[str, Any]], labels: dict[str, str], limit: int = 3) -> str:
    texts = []
    for r in items[:limit]:
        facts = ", ".join(r.get("fact_ids") or []) or r["iri"]
        texts.append(
            f"{labels.get(r['actor'], r['actor'])} {r.get('type_label') or r['type']} "
            f"{labels.get(r['counterparty'], r['counterparty'])} [{facts}]"
        )
    more = len(items) - limit
    return "; ".join(texts) + (f" and {more} more" if more > 0 else "")


def _starting(data: Any, day: str, actors: Sequence[str]) -> list[dict[str, Any]]:
    """Relations of ``actors`` that start on ``day``, dependencies first."""
    from ..core.dates import parse_day
    from ..network.data import DEPENDENCY_TYPES

    found = [
        r
        for r in data.relations
        if r.get("start")
        and parse_day(r["start"]) == day
        and (not actors or {r["actor"], r["counterparty"]} & set(actors))
    ]
    found.sort(key=lambda r: (r["type"] not in DEPENDENCY_TYPES, r["type"], r.get("fact_id") or "", r["iri"]))
    return found


def build_shift(
    graph: Any,
    *,
    events: Sequence[str] = (),
    before: str | None = None,
    after: str | None = None,
    window: int | None = None,
    actors: Sequence[str] = (),
    layers: str = "all",
    at: Sequence[str] = (),
    dates: str | None = None,
    only_given: bool = False,
    data: Any = None,
) -> dict[str, Any]:
    """Everything ``aikg shift`` reports, as the ``shift.json`` document (see docs/analysis.md).

    One event, or ``before``/``after``: one shift. Several events or dates (``at``, ``dates``):
    one step per point in date order, each from the day before its point to the day before the
    next one (the last to its day plus the window), and the overall shift from the first day to
    the last. With several events (and not ``only_given``), each relation an event ended
    (``aikg:endedBy``) adds a point on the day it began, so the path starts where the ended
    state began.
    """
    from ..analysis.shift import DEFAULT_WINDOW, event_window, shift, step_dates
    from ..core.errors import AikgError
    from ..network.events import event_about, event_day, events_index, fetch_events, find_event
    from ..network.fetch import fetch_network
    from ..network.snapshot import snapshot
    from ..query.actors import resolve_actor
    from .dates import check_window, empty_message

    before, after = check_dates(before, after)
    given_days = step_days(at, dates)
    if not events and not given_days and not (before and after):
        raise AikgError("give --event NAME, --at DATE (or --dates), or both --before DATE and --after DATE")
    if (len(events) > 1 or given_days) and (before or after):
        raise AikgError(
            "--before/--after apply to one event; with several events or dates, each step's dates follow the rule"
        )
    win = check_window(DEFAULT_WINDOW if window is None else window)
    known = fetch_events(graph)
    chosen = [find_event(known, name) for name in events]
    chosen = sorted({e.iri: e for e in chosen}.values(), key=lambda e: (event_day(e), e.iri))
    focus = [str(resolve_actor(graph, name)) for name in actors]
    focus = list(dict.fromkeys(focus))
    index = events_index(known)
    # A caller that already fetched the network (aikg build) passes it, saving a SPARQL pass.
    data = data if data is not None else fetch_network(graph)

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
    multi = len(chosen) > 1 or bool(given_days)
    if not multi:
        ev = chosen[0] if chosen else None
        b0, a0 = event_window(event_day(ev), win) if ev else (None, None)
        b, a = before or b0, after or a0
        if b >= a:  # type: ignore[operator]
            raise AikgError(f"before {b} is not earlier than after {a}")
        pairs = [(b, a, ev, bool(before), bool(after), None)]
    else:
        points = _points(data, known, chosen, given_days, only_given)
        ordered = sorted(points)
        steps = step_dates(ordered, win)
        step_lines = []
        for i, (b, a) in enumerate(steps):
            step_lines.append(_point_lines(points, ordered, i, b, a, win, labels, data, focus))
        pairs = [(b, a, None, False, False, None) for b, a in steps]

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
    for i, (b, a, ev, b_given, a_given, nxt) in enumerate(pairs):
        doc = shift(snaps[b], snaps[a], **kwargs)
        if multi:
            title, rule_lines, point = step_lines[i]
            doc = {"title": title, "date_rule_lines": rule_lines, **doc, "point": point}
            evs = points[ordered[i]]["events"]
            doc["event"] = _event_doc(evs[0], about) if evs else None
        else:
            title = f"{ev.label} ({event_day(ev)})" if ev else f"{b} to {a}"
            doc = {"title": title, "date_rule_lines": lines(b, a, ev, b_given, a_given, nxt), **doc}
            doc["event"] = _event_doc(ev, about) if ev else None
        step_docs.append(doc)
    if not multi:
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
        what = f"{len(chosen)} event{'s' if len(chosen) != 1 else ''} ({names})" if chosen else "the dates given"
        doc = {
            "title": f"Shift over {len(pairs)} steps, {what}, {first} to {last}",
            "date_rule_lines": [
                "steps: one per point (an event's day, a date given, or the day a relation an event "
                "ended had begun), each from the day before its point to the day before the next "
                f"point; the last to its point's day plus {win} days (--window {win})",
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
    doc["window_days"] = win if chosen or given_days else None
    doc["focus_rule"] = focus_rule
    doc["layers"] = layers
    return doc


def _points(
    data: Any, known: Sequence[Any], chosen: Sequence[Any], given: Sequence[str], only_given: bool
) -> dict[str, dict[str, Any]]:
    """Day -> what makes it a step: ``events`` chosen that day (else any event of the data that
    day, for the title), ``given`` (a date given), ``derived`` (relations an event ended that
    began that day, with the event)."""
    from ..network.events import event_day

    points: dict[str, dict[str, Any]] = {}

    def point(day: str) -> dict[str, Any]:
        return points.setdefault(day, {"events": [], "given": False, "derived": []})

    for e in chosen:
        point(event_day(e))["events"].append(e)
    for day in given:
        point(day)["given"] = True
    if len(chosen) > 1 and not only_given:
        for day, items in derived_points(data, chosen).items():
            point(day)["derived"] += items
    for day, p in points.items():
        if not p["events"]:
            p["events"] = [e for e in known if event_day(e) == day]
    return points


def _point_lines(
    points: dict[str, dict[str, Any]],
    ordered: list[str],
    i: int,
    b: str,
    a: str,
    win: int,
    labels: dict[str, str],
    data: Any,
    focus: Sequence[str],
) -> tuple[str, list[str], dict[str, Any]]:
    """A step's title, its date lines and its ``point`` record for shift.json."""
    day = ordered[i]
    p = points[day]
    why = []
    if p["events"]:
        why.append("event " + ", ".join(f"{e.label} ({e.short_name or e.iri})" for e in p["events"]))
    if p["given"]:
        why.append("given with --at/--dates")
    ended_here = [r for r, _ in p["derived"]]
    if ended_here:
        evs = sorted({e.label for _, e in p["derived"]})
        why.append(f"began: {_relations_text(ended_here, labels)}, which {' and '.join(evs)} ended")
    starting = _starting(data, day, focus)
    if p["events"]:
        title = f"{', '.join(e.label for e in p['events'])} ({day})"
    elif ended_here:
        evs = ", ".join(sorted({e.short_name or e.label for _, e in p["derived"]}))
        title = f"{day}: {_relations_text(ended_here, labels, 2)} (ended by {evs})"
    elif starting:
        title = f"{day}: {_relations_text(starting, labels, 2)}"
    else:
        title = day
    rule = [f"point: {day} ({'; '.join(why)})"]
    if starting:
        rule.append(f"starting that day: {_relations_text(starting, labels, 6)}")
    rule.append(f"before: {b}, the day before {day}")
    if i + 1 < len(ordered):
        rule.append(f"after: {a}, the day before the next point ({ordered[i + 1]})")
    else:
        rule.append(f"after: {a}, the last point's day plus {win} days (--window {win})")
    record = {
        "day": day,
        "events": [e.iri for e in p["events"]],
        "given": p["given"],
        "began": sorted({f for r in ended_here for f in r.get("fact_ids") or [r["iri"]]}),
        "starting": sorted({f for r in starting for f in r.get("fact_ids") or [r["iri"]]}),
    }
    return title, rule, record


def _event_doc(e: Any, about: dict[str, list[str]]) -> dict[str, Any]:
    from ..network.events import event_day

    return {
        "iri": e.iri,
        "short_name": e.short_name,
        "label": e.label,
        "date": event_day(e),
        "about": about.get(e.iri, []),
    }


def supplier_charts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The shift page's chart of suppliers' shares (none if no focus actor has a supplier), as
    :func:`graph.api.report.supplier_charts` describes charts."""
    items = []
    for f in doc.get("focus") or []:
        if not (f["before"]["suppliers"]["suppliers"] or f["after"]["suppliers"]["suppliers"]):
            continue
        for side in ("before", "after"):
            c = dict(f[side]["suppliers"])
            c["label"] = f"{f['label']}, {doc[side]}"
            c["actor"] = f"{c['actor']}#{side}"
            items.append(c)
    if not any(c["suppliers"] for c in items):
        return []
    # Keep the focus order, before then after (the chart sorts by supplier count).
    return [
        {
            "caption": "Compute suppliers' shares before and after, for the actors in focus",
            "items": items,
            "options": {"title": "Compute suppliers before and after", "keep_order": True},
        }
    ]


def write_shift(doc: dict[str, Any], out: Path, *, colours: dict[str, str] | None = None) -> list[Path]:
    """Write ``shift.json``, ``shift.md`` and ``shift.html`` for a document from :func:`build_shift`;
    ``colours`` (actor IRI -> colour) are shared with the build's other charts."""
    from ..core.atomic import write_bytes, write_text
    from ..report import charts
    from ..report.html import shift_html
    from ..report.shift_text import render, to_json
    from .report import chart_groups

    specs = supplier_charts(doc)
    if colours is None:
        colours = charts.actor_colours(chart_groups(specs))
    pngs = [
        (spec["caption"], charts.supplier_shares(spec["items"], colours=colours, **spec["options"])) for spec in specs
    ]
    html = shift_html(doc, charts=pngs)
    paths = [out / "shift.json", out / "shift.md", out / "shift.html"]
    write_text(paths[0], to_json(doc))
    write_text(paths[1], render(doc, markdown=True))
    write_bytes(paths[2], html.encode("utf-8"))
    return paths
