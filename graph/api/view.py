"""What ``aikg view`` computes: an interactive HTML graph of a snapshot, or of two (before and after).

The command chooses what to draw (the snapshot, ended relations, the focus, the relation
types) and computes the centrality figures; :mod:`graph.view` only renders.

The command line (:mod:`graph.cli.cmd_view`) parses its options, calls these functions and prints."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Measures shown in actor tooltips (plus the one sizing the nodes).
TOOLTIP_MEASURES = ("in_degree", "out_degree", "degree", "betweenness", "pagerank", "eigenvector")


DEFAULT_SIZE_BY = "degree"


#: Actors a view draws at most, by default (``--max-actors``; docs/views.md, "Large graphs").
#: Up to this many, the page lays the actors out with the browser's physics and draws relation
#: types with their dash patterns (graph/view/layout.py's PHYSICS_LIMIT is the same figure),
#: and the labels stay legible on one screen; the shipped data (43 actors) is far below it.
DEFAULT_MAX_ACTORS = 300


#: The measure ranking the actors kept above the limit (``--rank-by``). PageRank keeps the hubs
#: and what they rely on; degree alone would keep busy but peripheral actors.
DEFAULT_RANK_BY = "pagerank"


HEADINGS = {
    "en": "aikg: AI-infrastructure relationships",
    "fr": "aikg : relations de l'infrastructure de l'IA",
}


#: The event ``aikg build`` draws a before/after page of, when the data has it.
BUILD_EVENT = "restructuring"


def size_measure(name: str | None) -> str | None:
    """Check ``--size-by``: a measure of :func:`graph.analysis.centrality.centrality`, or none."""
    from ..analysis.centrality import MEASURES
    from ..core.errors import AikgError, unknown

    if name is None or name.lower() == "none":
        return None
    if name == "list":
        raise AikgError("measures for --size-by: " + ", ".join(MEASURES) + ", none")
    if name not in MEASURES:
        raise unknown("measure", name, MEASURES)
    return name


def rank_measure(name: str) -> str:
    """Check ``--rank-by``: a measure of :func:`graph.analysis.centrality.centrality`."""
    from ..analysis.centrality import MEASURES
    from ..core.errors import AikgError, unknown

    if name == "list":
        raise AikgError("measures for --rank-by: " + ", ".join(MEASURES))
    if name not in MEASURES:
        raise unknown("measure", name, MEASURES)
    return name


def relation_types(text: str | None, data: Any) -> set[str] | None:
    """Check ``--relations``: relation type local names, known to the ontology or the data."""
    from ..core.errors import AikgError, unknown
    from ..core.vocab import RELATION_TYPES, local_name

    if not text:
        return None
    known = {local_name(t) for t in RELATION_TYPES} | {r["type"] for r in data.relations}
    chosen = set()
    for name in (n.strip() for n in text.split(",")):
        if not name:
            continue
        if name not in known:
            raise unknown("relation type", name, known)
        chosen.add(name)
    if not chosen:
        raise AikgError("--relations names no relation type")
    return chosen


def _edge_subgraph(graph: Any, keep) -> Any:
    """A copy of ``graph`` with every node and only the edges ``keep(attrs)`` accepts."""
    import networkx as nx

    out = nx.MultiDiGraph(**graph.graph)
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from((u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True) if keep(d))
    return out


def default_date(graph: Any, data: Any) -> str | None:
    """The date of a view without ``--at``: the rule ``aikg report`` uses (``netopts.AT_RULE``):
    today, or the data's horizon (its last recorded happening) when that is earlier, so the same
    data gives the same page once today is past the horizon. ``None`` for an empty graph."""
    from ..network.events import fetch_events
    from .dates import latest_date

    return latest_date(data, fetch_events(graph))


def current_and_ended(data: Any, at: str | None, *, with_ended: bool = True) -> tuple[Any, Any]:
    """The snapshot on ``at`` and the relations that ended on or before it (``--show-ended``).

    With no date at all (an undated graph), every relation and no ended ones. With
    ``with_ended=False``, the ended relations are not looked for (``None``): that needs a
    snapshot of every relation, two seconds at a million triples."""
    from ..network.snapshot import snapshot

    if not with_ended and at is not None:
        return snapshot(data, at), None
    full = snapshot(data, None)
    if at is None:
        return full, _edge_subgraph(full, lambda d: False)
    ended = _edge_subgraph(full, lambda d: d.get("valid_until") is not None and d["valid_until"] <= at)
    return snapshot(data, at), ended


def filter_types(graph: Any, types: set[str] | None) -> Any:
    """Only relations of ``types``, and only actors left with one (all actors when no filter)."""
    if types is None:
        return graph
    g = _edge_subgraph(graph, lambda d: d.get("type") in types)
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    return g


def focus_nodes(graphs: list[Any], actor: str, depth: int) -> set[str]:
    """Actors within ``depth`` relations of ``actor`` (either direction) in any of ``graphs``."""
    import networkx as nx

    u = nx.Graph()
    for g in graphs:
        u.add_nodes_from(g.nodes)
        u.add_edges_from((a, b) for a, b in g.edges())
    if actor not in u:
        return {actor}
    return set(nx.single_source_shortest_path_length(u, actor, cutoff=depth))


def figures_for(
    graph: Any, measure: str | None, *, rows: dict[str, dict[str, float]] | None = None, also: tuple[str, ...] = ()
) -> dict[str, dict[str, float]] | None:
    """Centrality figures of ``graph`` for tooltips and sizes (None with ``--size-by none``).

    ``rows``: :func:`graph.analysis.centrality.centrality` of ``graph`` if already computed;
    ``also``: more measures to show (the ``--rank-by`` measure of a limited view)."""
    if measure is None:
        return None
    if rows is None:
        from ..analysis.centrality import centrality

        rows = centrality(graph)
    shown = set(TOOLTIP_MEASURES) | {measure} | set(also)
    return {n: {m: v for m, v in row.items() if m in shown} for n, row in rows.items()}


def _over_limit(graphs: list[Any], max_actors: int | None) -> bool:
    return bool(max_actors) and len({n for g in graphs for n in g.nodes}) > max_actors


def vocabulary_labels(graph: Any, lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """Labels in ``lang`` of the actor classes and relation types, by local name."""
    from ..core.vocab import ACTOR_CLASSES, RELATION_TYPES, local_name
    from ..query.actors import label_of

    classes = {local_name(c): label_of(graph, c, lang) for c in ACTOR_CLASSES}
    types = {local_name(t): label_of(graph, t, lang) for t in RELATION_TYPES}
    return classes, types


def _actor_name(data: Any, iri: str, lang: str) -> str:
    from ..core.vocab import local_name

    actor = data.actors.get(iri) or {}
    return str(actor.get("label_fr" if lang == "fr" else "label") or local_name(iri))


def event_labels(graph: Any, events: list[Any], lang: str) -> dict[str, str]:
    from rdflib import URIRef

    from ..query.actors import label_of

    return {e.iri: (label_of(graph, URIRef(e.iri), lang) if lang != "en" else e.label) for e in events}


def render_single(
    graph: Any,
    data: Any,
    *,
    at: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    types: set[str] | None = None,
    size_by: str | None = DEFAULT_SIZE_BY,
    lang: str = "en",
    show_ended: bool = False,
    title: str | None = None,
    max_actors: int | None = DEFAULT_MAX_ACTORS,
    rank_by: str = DEFAULT_RANK_BY,
) -> tuple[str, dict[str, Any]]:
    """The HTML of one view and its counts (actors, relations, ended), and ``limit``: the
    :class:`graph.view.limit.ViewLimit` when the view has more than ``max_actors`` actors and
    shows only the top ones by ``rank_by`` (``None`` otherwise)."""
    from ..analysis.centrality import centrality
    from ..network.events import fetch_events
    from ..view import render_view
    from ..view.limit import limit_graphs

    at = at or default_date(graph, data)
    current, ended = current_and_ended(data, at, with_ended=show_ended)
    current = filter_types(current, types)
    if show_ended:
        ended = _edge_subgraph(ended, lambda d: types is None or d.get("type") in types)
    full = current
    notes = []
    if types:
        notes.append(", ".join(sorted(types)))
    if focus:
        keep = focus_nodes([current], focus, depth)
        current = current.subgraph(sorted(keep)).copy()
        notes.append(f"focus: {_actor_name(data, focus, lang)} (depth {depth})")
    limit = None
    if _over_limit([current], max_actors):
        # One centrality computation ranks the actors and gives the tooltips' figures, both on
        # the snapshot before --focus, as the figures always are.
        rows = centrality(full)
        figures = figures_for(full, size_by, rows=rows, also=(rank_by,))
        (current,), limit = limit_graphs(
            [current], {n: r[rank_by] for n, r in rows.items()}, max_actors, rank_by, keep=[focus] if focus else []
        )
    else:
        figures = figures_for(full, size_by)
    classes, rtypes = vocabulary_labels(graph, lang)
    html = render_view(
        current,
        heading=title or HEADINGS[lang],
        at=at,
        lang=lang,
        figures=figures,
        size_by=size_by,
        ended=ended if show_ended else None,
        note=" \u00b7 ".join(notes),
        class_labels=classes,
        type_labels=rtypes,
        event_labels=event_labels(graph, fetch_events(graph), lang),
        limit=limit,
    )
    shown_ended = sum(1 for u, v in ended.edges() if u in current and v in current) if show_ended else 0
    return html, {
        "actors": current.number_of_nodes(),
        "relations": current.number_of_edges(),
        "ended": shown_ended,
        "limit": limit,
    }


def render_comparison(
    graph: Any,
    data: Any,
    before_date: str,
    after_date: str,
    *,
    event: Any = None,
    focus: str | None = None,
    depth: int = 1,
    types: set[str] | None = None,
    size_by: str | None = DEFAULT_SIZE_BY,
    lang: str = "en",
    title: str | None = None,
    max_actors: int | None = DEFAULT_MAX_ACTORS,
    rank_by: str = DEFAULT_RANK_BY,
) -> tuple[str, dict[str, Any]]:
    """The HTML of a before/after page and its counts (relations before, after, added, ended),
    and ``limit`` as for :func:`render_single`. Above ``max_actors``, both sides keep the same
    actors: the top ones by the higher of their two ``rank_by`` figures, before and after."""
    from ..analysis.centrality import centrality
    from ..network.events import fetch_events
    from ..network.snapshot import snapshot
    from ..view import changed_relations, render_compare
    from ..view.limit import limit_graphs

    before = filter_types(snapshot(data, before_date), types)
    after = filter_types(snapshot(data, after_date), types)
    full_before, full_after = before, after
    notes = []
    if types:
        notes.append(", ".join(sorted(types)))
    if focus:
        keep = focus_nodes([before, after], focus, depth)
        before = before.subgraph(sorted(keep & set(before))).copy()
        after = after.subgraph(sorted(keep & set(after))).copy()
        notes.append(f"focus: {_actor_name(data, focus, lang)} (depth {depth})")
    limit = None
    over = _over_limit([before, after], max_actors)
    # Figures of the snapshots as they are (before --focus and the next step), as always; above
    # the limit, the same centrality computation also ranks the actors.
    if over:
        rows_b, rows_a = centrality(full_before), centrality(full_after)
        fig_before = figures_for(full_before, size_by, rows=rows_b, also=(rank_by,))
        fig_after = figures_for(full_after, size_by, rows=rows_a, also=(rank_by,))
    else:
        fig_before, fig_after = figures_for(full_before, size_by), figures_for(full_after, size_by)
    # The same actors on both sides, so that an actor whose only ties are new (or ended) shows,
    # untied, on the other side too.
    for one, other in ((before, after), (after, before)):
        one.add_nodes_from((n, d) for n, d in other.nodes(data=True) if n not in one)
    if over:
        scores = {
            n: max((rows.get(n) or {}).get(rank_by, 0.0) for rows in (rows_b, rows_a)) for n in set(before) | set(after)
        }
        (before, after), limit = limit_graphs(
            [before, after], scores, max_actors, rank_by, keep=[focus] if focus else [], panels=("before", "after")
        )
    classes, rtypes = vocabulary_labels(graph, lang)
    events = fetch_events(graph)
    ev_labels = event_labels(graph, events, lang)
    html = render_compare(
        before,
        after,
        before_date=before_date,
        after_date=after_date,
        heading=title or HEADINGS[lang],
        event=f"{ev_labels.get(event.iri, event.label)} ({event.date})" if event else "",
        lang=lang,
        figures_before=fig_before,
        figures_after=fig_after,
        size_by=size_by,
        note=" \u00b7 ".join(notes),
        class_labels=classes,
        type_labels=rtypes,
        event_labels=ev_labels,
        limit=limit,
    )
    added, removed = changed_relations(before, after)
    return html, {
        "before": before.number_of_edges(),
        "after": after.number_of_edges(),
        "added": len(added),
        "ended": len(removed),
        "limit": limit,
    }


def check_compare(first: str, second: str) -> tuple[str, str]:
    """The two dates of a comparison as days, the first before the second; a clear error otherwise."""
    from ..core.dates import parse_day
    from ..core.errors import AikgError

    a, b = parse_day(first, "DATE1"), parse_day(second, "DATE2")
    if a >= b:
        hint = f" (did you mean --compare {b} {a}?)" if a > b else ""
        raise AikgError(f"--compare {a} {b}: the first date must be before the second{hint}")
    return a, b


def view_file_name(event: str | None = None, compare: bool = False) -> str:
    """The default file of a view, named as ``aikg build`` names its own: ``view.html``,
    ``view-<event>.html`` around a named event, ``view-compare.html`` between two dates."""
    if event:
        return f"view-{re.sub(r'[^A-Za-z0-9._-]+', '-', event).strip('-.') or 'event'}.html"
    return "view-compare.html" if compare else "view.html"


def event_dates(event: Any, window: int | None) -> tuple[str, str]:
    """``(before, after)`` around ``event``: the same rule as ``aikg shift``."""
    from ..analysis.shift import DEFAULT_WINDOW, event_window
    from ..network.events import event_day
    from .dates import check_window

    return event_window(event_day(event), check_window(DEFAULT_WINDOW if window is None else window))


def limit_line(limit: Any, what: str = "") -> str | None:
    """What a view above its size limit left out, as one line (``None`` below the limit)."""
    if limit is None:
        return None
    return f"{what}{limit.text('en')} --max-actors N changes the limit (0: none), --rank-by MEASURE the ranking."


def write_build_views(
    graph: Any, out_dir: str | Path, data: Any = None, say: Callable[[str], None] = print
) -> list[Path]:
    """For ``aikg build``: ``view.html`` (on the default date, as the report) and ``view-restructuring.html``
    (before/after the restructuring, when the data has that event). Returns the files written."""
    from ..core.atomic import write_text
    from ..core.errors import AikgError
    from ..network.events import fetch_events, find_event
    from ..network.fetch import fetch_network

    out_dir = Path(out_dir)
    data = data if data is not None else fetch_network(graph)
    written = []
    html, counts = render_single(graph, data)
    written.append(write_text(out_dir / "view.html", html))
    if line := limit_line(counts["limit"], f"{out_dir / 'view.html'}: "):
        say(line)
    try:
        event = find_event(fetch_events(graph), BUILD_EVENT)
    except AikgError:
        event = None
    if event is not None:
        before, after = event_dates(event, None)
        html, counts = render_comparison(graph, data, before, after, event=event)
        written.append(write_text(out_dir / view_file_name(BUILD_EVENT), html))
        if line := limit_line(counts["limit"], f"{out_dir / f'view-{BUILD_EVENT}.html'}: "):
            say(line)
    return written
