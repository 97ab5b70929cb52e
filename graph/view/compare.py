"""The before/after page: two snapshots side by side (or one at a time, by a toggle).

- One layout over the union of both snapshots' actors, computed beforehand
  (:func:`graph.view.layout.compute_layout`) and given to both networks with physics off, so
  every actor sits at the same place in both halves, and zoom and pan move both together.
- A relation only in the "after" snapshot is drawn green and thick there; one only in the
  "before" snapshot red and dashed there. Relations are matched by their IRI.
"""

from __future__ import annotations

from typing import Any

from . import layout as layout_mod
from .limit import ViewLimit
from .page import ADDED, DEFAULT_HEADING, REMOVED, build_panel, render_page
from .tooltips import ui_text


def _relation_ids(graph: Any) -> set[str]:
    return {str(d.get("relation") or f"{u}|{k}|{v}") for u, v, k, d in graph.edges(keys=True, data=True)}


def changed_relations(before: Any, after: Any) -> tuple[set[str], set[str]]:
    """Relation IRIs only in ``after`` (added) and only in ``before`` (ended), as two sets.

    A relation only in ``after`` whose start the data does not state was first recorded in the
    window, not begun there (:func:`graph.analysis.shift.diff_relations`): it is not marked new.
    """
    from ..rules.inforce import start_not_stated

    b, a = _relation_ids(before), _relation_ids(after)
    unstated = {
        str(d.get("relation") or f"{u}|{k}|{v}")
        for u, v, k, d in after.edges(keys=True, data=True)
        if start_not_stated(d.get("start_basis"))
    }
    return a - b - unstated, b - a


def render_compare(
    before: Any,
    after: Any,
    *,
    before_date: str,
    after_date: str,
    heading: str = DEFAULT_HEADING,
    event: str = "",
    lang: str = "en",
    figures_before: dict[str, dict[str, float]] | None = None,
    figures_after: dict[str, dict[str, float]] | None = None,
    size_by: str | None = None,
    note: str = "",
    class_labels: dict[str, str] | None = None,
    type_labels: dict[str, str] | None = None,
    event_labels: dict[str, str] | None = None,
    limit: ViewLimit | None = None,
) -> str:
    """The HTML page comparing two snapshots.

    Parameters
    ----------
    before, after : networkx.MultiDiGraph
        The snapshots on ``before_date`` and ``after_date``.
    event : str
        The event between them (its label and date), for the header; empty for two dates.
    figures_before, figures_after : dict, optional
        Centrality figures of each snapshot; ``size_by`` picks the measure sizing the nodes.
    note : str
        One more line for the header (the focus, the relation filter).
    limit : ViewLimit, optional
        Both snapshots are the top of larger ones, with one set of kept actors
        (:func:`graph.view.limit.limit_graphs`): the page says what was left out.
    """
    if lang not in ("en", "fr"):
        raise ValueError(f"unknown language {lang!r}")
    t = ui_text(lang)
    added, removed = changed_relations(before, after)
    classes: dict[str, str] = {}
    for g in (before, after):
        for n, d in g.nodes(data=True):
            classes.setdefault(n, str(d.get("class") or "Unknown"))
    edges = [(u, v) for g in (before, after) for u, v in g.edges()]
    weight = {
        n: max((f or {}).get(n, {}).get(size_by or "", 0.0) or 0.0 for f in (figures_before, figures_after))
        for n in classes
    }
    positions, method = layout_mod.compute_layout(classes, edges, weight)
    common = {
        "lang": lang,
        "size_by": size_by,
        "positions": positions,
        "physics": False,
        "class_labels": class_labels,
        "type_labels": type_labels,
        "event_labels": event_labels,
        "fade_unchanged": True,
    }
    panels = []
    for pid, graph, date, figures, states in (
        ("before", before, before_date, figures_before, {r: REMOVED for r in removed}),
        ("after", after, after_date, figures_after, {r: ADDED for r in added}),
    ):
        counts = f"{graph.number_of_nodes()} {t['actors']} \u00b7 {graph.number_of_edges()} {t['relations']}"
        caption = f"{t[pid]} \u00b7 {t['as_of']} {date} \u00b7 {counts}"
        panel = build_panel(graph, panel_id=pid, caption=caption, figures=figures, edge_states=states, **common)
        panel["layout"]["method"] = method
        panels.append(panel)
    parts = [f"{t['before']} {before_date} \u2192 {t['after']} {after_date}"]
    if event:
        parts.insert(0, f"{t['event']}: {event}")
    parts.append(f"+{len(added)} / \u2212{len(removed)} {t['relations']}")
    if note:
        parts.append(note)
    return render_page(
        panels,
        heading=heading,
        subtitle=" \u00b7 ".join(parts),
        lang=lang,
        class_labels=class_labels,
        type_labels=type_labels,
        compare=True,
        limit=limit,
    )
