"""What ``aikg timeline`` computes: every relation of an actor over time, as tables and a chart.

The command line (:mod:`graph.cli.cmd_timeline`) parses its options, calls these functions and prints."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

FILES = ("timeline.md", "timeline.csv", "timeline.json", "timeline.png")


def slug(*names: str) -> str:
    """``("OpenAI", "Microsoft")`` -> ``"openai-microsoft"``."""
    from ..query.actors import normalise

    text = "-".join(re.sub(r"[^a-z0-9]+", "-", normalise(n)).strip("-") for n in names if n)
    return text or "actor"


def check_period(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    from ..core.dates import parse_day
    from ..core.errors import AikgError

    s = parse_day(start, "--from") if start else None
    e = parse_day(end, "--to") if end else None
    if s and e and s > e:
        raise AikgError(f"--from {s} is after --to {e}: give the earlier day first")
    return s, e


def timeline_events(graph: Any, data: Any) -> list[dict[str, Any]]:
    """Every dated change event, with what it is about and the organisations before and after."""
    from ..network.events import event_about, event_day, fetch_events

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
    from ..analysis.timeline import timeline
    from ..core.errors import AikgError
    from ..network.fetch import fetch_network
    from ..network.snapshot import snapshot
    from ..query.actors import resolve_actor
    from ..rules.status import STATUS_CLASSES

    start, end = check_period(start, end)
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
    from ..core.atomic import write_bytes, write_text
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
