"""``aikg timeline``: every relation of an actor over time, as tables and a chart."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from .common import add_count_options, add_graph_options, counting, load

FILES = ("timeline.md", "timeline.csv", "timeline.json", "timeline.png")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "timeline",
        help="every relation of an actor over time: a table (Markdown, CSV, JSON) and a chart (PNG)",
        description="List every relation of ACTOR once, with its start, its end and what ended it "
        "(its own validUntil, a later relation that ends or supersedes it, or an event), and the "
        "change events around it; draw one bar per relation from start to end, coloured by "
        "relation type, with events as vertical lines. Writes timeline.md, timeline.csv, "
        "timeline.json and timeline.png into --out. Same input, same bytes.",
    )
    p.add_argument("actor", metavar="ACTOR", help="the actor: label, alias or IRI")
    p.add_argument("--with", dest="other", metavar="OTHER", help="only relations between ACTOR and OTHER")
    p.add_argument("--from", dest="start", metavar="DATE", help="only relations in force on or after DATE (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="only relations in force on or before DATE (YYYY-MM-DD)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: aikg-out/timeline-<actor>[-<other>])")
    add_count_options(p, statuses_default="all: a timeline shows talks and candidates too, marked")
    add_graph_options(p)
    p.set_defaults(run=run)


def slug(*names: str) -> str:
    """``("OpenAI", "Microsoft")`` -> ``"openai-microsoft"``."""
    from ..actors import normalise

    text = "-".join(re.sub(r"[^a-z0-9]+", "-", normalise(n)).strip("-") for n in names if n)
    return text or "actor"


def _check_dates(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    from ..dates import parse_day
    from ..errors import AikgError

    s = parse_day(start, "--from") if start else None
    e = parse_day(end, "--to") if end else None
    if s and e and s > e:
        raise AikgError(f"--from {s} is after --to {e}: give the earlier day first")
    return s, e


def timeline_events(graph: Any, data: Any) -> list[dict[str, Any]]:
    """Every dated change event, with what it is about and the organisations before and after."""
    from ..snapshot import fetch_events
    from .netopts import event_about, event_day

    about = event_about(graph)
    out = []
    for e in fetch_events(graph):
        extra = data.events.get(e.iri) or {}
        out.append(
            {
                "iri": e.iri,
                "label": e.label,
                "short_name": e.short_name,
                "date": event_day(e),
                "about": about.get(e.iri, []),
                "original": extra.get("original") or [],
                "resulting": extra.get("resulting") or [],
            }
        )
    return out


def build_timeline(
    graph: Any,
    actor: str,
    *,
    other: str | None = None,
    start: str | None = None,
    end: str | None = None,
    data: Any = None,
    events: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The timeline document of ``aikg timeline`` (see docs/current-2026.md)."""
    from ..actors import resolve_actor
    from ..analysis.timeline import timeline
    from ..errors import AikgError
    from ..rules.status import STATUS_CLASSES
    from ..snapshot import fetch_network, snapshot

    start, end = _check_dates(start, end)
    a = str(resolve_actor(graph, actor))
    o = str(resolve_actor(graph, other)) if other else None
    if o == a:
        raise AikgError(f"--with names {actor!r} itself: give another actor")
    data = data if data is not None else fetch_network(graph)
    events = events if events is not None else timeline_events(graph, data)
    if data.statuses is None:  # a timeline shows every status class unless told otherwise
        data = data.counting(frozenset(STATUS_CLASSES))
    return timeline(snapshot(data, None), a, other=o, start=start, end=end, events=events)


def write_timeline(tl: dict[str, Any], out: Path) -> list[Path]:
    """Write ``timeline.md``, ``.csv``, ``.json`` and ``.png`` into ``out``; returns their paths."""
    from ..atomic import write_bytes, write_text
    from ..report.timeline_chart import chart, to_csv, to_json, to_markdown

    # Everything is rendered before the first file is written.
    texts = [to_markdown(tl), to_csv(tl), to_json(tl)]
    png = chart(tl)
    paths = [out / name for name in FILES]
    for path, text in zip(paths, texts):
        write_text(path, text)
    write_bytes(paths[3], png)
    return paths


def default_out(tl: dict[str, Any]) -> Path:
    return Path("aikg-out") / ("timeline-" + slug(tl["label"], tl.get("other_label") or ""))


def run(args: argparse.Namespace) -> int:
    from ..report.timeline_chart import to_text

    _check_dates(args.start, args.end)  # fail fast, before loading the graph
    graph = load(args)
    from ..snapshot import fetch_network

    data = counting(fetch_network(graph), args)
    tl = build_timeline(graph, args.actor, other=args.other, start=args.start, end=args.end, data=data)
    sys.stdout.write(to_text(tl))
    out = Path(args.out) if args.out else default_out(tl)
    paths = write_timeline(tl, out)
    print("wrote " + ", ".join(str(p) for p in paths), file=sys.stderr)
    return 0
