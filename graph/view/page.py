"""One self-contained HTML page per view: pyvis builds the nodes and edges, our template the page.

Why our own template rather than pyvis's:

- pyvis's template links Bootstrap from a CDN (the page must open offline), puts its
  ``heading`` into the page unescaped, and switches every tooltip to an ``innerHTML`` popup
  as soon as one node title contains ``href`` (``/work/shared/notes/tooling.md``).
- Here pyvis (``Network(directed=True, cdn_resources="in_line")``, nodes and edges added one by
  one, never ``from_nx``) produces the vis-network node and edge records and options; the page
  is rendered from ``graph/view/templates/page.html`` by a Jinja environment with autoescape,
  vis-network's JavaScript and CSS are inlined from the pyvis package, and the graph data
  travels as one JSON document in a ``<script type="application/json">`` block with ``<``,
  ``>`` and ``&`` escaped, so no text from the data can close the block or form a tag.
- Tooltips and the details panel are built in the browser from that JSON with
  ``textContent`` (:mod:`graph.view.tooltips`); no string from the data is ever parsed as HTML.
- A Content-Security-Policy in the page allows only its own inline scripts (by SHA-256 hash),
  no network access of any kind (``default-src 'none'``), and ``data:`` images (vis-network's
  navigation buttons). Even if markup did get in, an injected handler could not run.
- :func:`assert_offline` parses the finished page and refuses any ``src``/``href``/``action``
  to another host and any CSS ``url()``/``@import`` that is not ``data:``.

Rendering only: node sizes come from centrality figures the caller computed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..core.vocab import local_name
from . import layout as layout_mod
from . import style
from .limit import ViewLimit
from .tooltips import actor_label, actor_tip, measure_name, relation_tip, ui_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_HEADING = "aikg: AI-infrastructure relationships"
CSP_PLACEHOLDER = "__AIKG_CSP__"

#: Edge states a view can draw.
ENDED, ADDED, REMOVED = "ended", "added", "removed"


# ---------------------------------------------------------------------------------------------
# Static assets


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network 9.1.2's JavaScript and CSS, as shipped inside pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # pragma: no cover - a new pyvis
        raise RuntimeError("vis-network's files cannot be inlined: they contain a closing tag")
    return js, css


@cache
def _own_asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


# ---------------------------------------------------------------------------------------------
# Data for one network


def json_for_script(data: Any) -> str:
    """JSON text safe inside a ``<script>`` element: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _edge_records(graph: Any, state: str | None) -> list[tuple[str, str, str, dict[str, Any], str | None]]:
    return [
        (u, v, k, d, state)
        for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    ]


def _edge_id(u: str, v: str, key: str, attrs: dict[str, Any]) -> str:
    return str(attrs.get("relation") or f"{u}|{key}|{v}")


def _smoothing(records: list[tuple[str, str, str, dict[str, Any], str | None]]) -> dict[str, Any]:
    """Curves for parallel edges (several relations between one pair), straight lines otherwise."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, (u, v, *_rest) in enumerate(records):
        groups.setdefault(tuple(sorted((u, v))), []).append(i)
    smooth: dict[str, Any] = {}
    for (a, _b), members in groups.items():
        if len(members) < 2:
            continue
        for rank, i in enumerate(members):
            u, v, key, attrs, _state = records[i]
            side = rank % 2 == 0
            if u != a:  # drawn the other way round: its clockwise is the pair's anticlockwise
                side = not side
            roundness = round(0.15 + 0.15 * (rank // 2), 2)
            smooth[_edge_id(u, v, key, attrs)] = {
                "enabled": True,
                "type": "curvedCW" if side else "curvedCCW",
                "roundness": roundness,
            }
    return smooth


def build_panel(
    graph: Any,
    *,
    panel_id: str = "main",
    caption: str = "",
    lang: str = "en",
    figures: dict[str, dict[str, float]] | None = None,
    size_by: str | None = None,
    extra_edges: Any = None,
    extra_state: str = ENDED,
    edge_states: dict[str, str] | None = None,
    positions: dict[str, tuple[float, float]] | None = None,
    physics: bool | None = None,
    class_labels: dict[str, str] | None = None,
    type_labels: dict[str, str] | None = None,
    event_labels: dict[str, str] | None = None,
    fade_unchanged: bool = False,
) -> dict[str, Any]:
    """The vis-network data of one network: nodes, edges, options, counts.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A snapshot (:func:`graph.network.snapshot.snapshot`): actor nodes, relation edges.
    figures : dict, optional
        Actor IRI -> measure name -> figure, shown in tooltips; ``size_by`` picks the measure
        that sizes the nodes.
    extra_edges : networkx.MultiDiGraph, optional
        More relations to draw in state ``extra_state`` (ended relations, greyed and dotted);
        only those whose two actors are in ``graph``.
    edge_states : dict, optional
        Relation IRI -> ``added`` or ``removed``: comparison highlights.
    positions : dict, optional
        Node -> (x, y) computed beforehand; computed here when omitted.
    physics : bool, optional
        Let the browser's physics refine the layout, then stop. Default: only for small graphs.
    fade_unchanged : bool, optional
        Draw the relations without a state faded (a comparison: what changed stands out).
    """
    from pyvis.network import Network

    t = ui_text(lang)
    figures = figures or {}
    sizes = style.node_sizes({n: (figures.get(n) or {}).get(size_by) for n in graph}) if size_by else {}
    nodes = sorted(graph.nodes)
    classes = {n: str(graph.nodes[n].get("class") or "Unknown") for n in nodes}
    records = _edge_records(graph, None)
    if extra_edges is not None:
        records += [r for r in _edge_records(extra_edges, extra_state) if r[0] in graph and r[1] in graph]
    if positions is None:
        weight = {n: (figures.get(n) or {}).get(size_by or "", 0.0) or 0.0 for n in nodes}
        positions, method = layout_mod.compute_layout(classes, [(u, v) for u, v, *_ in records], weight)
    else:
        method = "given"
    if physics is None:
        physics = layout_mod.uses_physics(len(nodes)) and method != "given"
    large = len(nodes) > layout_mod.PHYSICS_LIMIT

    net = Network(directed=True, cdn_resources="in_line")
    for n in nodes:
        attrs = graph.nodes[n]
        st = style.node_style(classes[n])
        label = actor_label(attrs, lang, n)
        other = attrs.get("label") if lang == "fr" else attrs.get("label_fr")
        names = (
            [label] + ([str(other)] if other and other != label else []) + [str(a) for a in attrs.get("aliases") or []]
        )
        options: dict[str, Any] = {
            "color": {
                "background": st.colour,
                "border": "#4d4d4d" if st.border_dashes else _darker(st.colour),
                "highlight": {"background": st.colour, "border": "#111111"},
                "hover": {"background": st.colour, "border": "#111111"},
            },
            "size": sizes.get(n, style.NODE_SIZE_DEFAULT),
            "tip": actor_tip(n, attrs, lang=lang, class_labels=class_labels, figures=figures.get(n)),
            "cls": classes[n],
            "names": names,
        }
        if st.border_dashes:
            options["shapeProperties"] = {"borderDashes": [4, 3]}
        if n in positions:
            options["x"], options["y"] = positions[n]
        net.add_node(n, label=label, shape=st.shape, **options)

    smooth = _smoothing(records)
    states = edge_states or {}
    for u, v, key, attrs, state in records:
        eid = _edge_id(u, v, key, attrs)
        state = state or states.get(eid)
        rtype = str(attrs.get("type") or local_name(str(key).split(":", 1)[0]))
        st = style.edge_style(rtype)
        # Above PHYSICS_LIMIT actors, relation types are told by colour alone: Chromium takes
        # over a second a frame to draw 20,000 dashed lines (bench/view_bench.py), ten times
        # more than solid ones. Ended and removed relations keep their dashes.
        colour, dashes, width = (
            st.colour,
            (list(st.dashes) or False) if not large else False,
            style.edge_width(attrs.get("value"), attrs.get("unit")),
        )
        note = ""
        if state == ENDED:
            colour, dashes, width, note = style.ENDED.colour, list(style.ENDED.dashes), style.EDGE_WIDTH_MIN, t["ended"]
        elif state == ADDED:
            colour, width, note = style.ADDED.colour, max(width, 3.0) + 2.5, t["added"]
        elif state == REMOVED:
            colour, dashes, width, note = (
                style.REMOVED.colour,
                list(style.REMOVED.dashes),
                max(width, 3.0),
                t["removed"],
            )
        tip = relation_tip(
            attrs,
            actor_label(graph.nodes[u], lang, u),
            actor_label(graph.nodes[v], lang, v),
            lang=lang,
            type_labels=type_labels,
            event_labels=event_labels,
            note=note,
        )
        # Only what differs from the defaults in _options(): vis-network parses every key of
        # every edge, which is most of the page's start-up time on large graphs.
        faded = fade_unchanged and not state
        options = {
            "id": eid,
            "color": {"color": colour, "opacity": 0.55 if state == ENDED else FADED_OPACITY}
            if state == ENDED or faded
            else colour,
            "tip": tip,
            "rtype": rtype,
        }
        if dashes:
            options["dashes"] = dashes
        if width != style.EDGE_WIDTH_MIN:
            options["width"] = width
        if state:
            options["state"] = state
        elif faded:
            options["faded"] = True
        if not st.arrow:
            options["arrows"] = {"to": {"enabled": False}}
        if eid in smooth:
            options["smooth"] = smooth[eid]
        net.add_edge(u, v, **options)
        if net.edges[-1].get("arrows") == "to":  # pyvis's default for a directed edge; the global option says it
            del net.edges[-1]["arrows"]

    options = _options(physics=physics, large=large)
    net.options = options  # pyvis accepts a plain dict of vis-network options
    node_data, edge_data, _heading, _height, _width, options_json = net.get_network_data()
    in_force = sum(1 for r in records if r[4] is None)
    labels_c = {
        c: str((class_labels or {}).get(c) or graph.nodes[n].get("class_label") or c) for n, c in classes.items()
    }
    labels_t = {
        str(e["rtype"]): str((type_labels or {}).get(e["rtype"]) or attrs.get("type_label") or e["rtype"])
        for e, (_u, _v, _k, attrs, _s) in zip(edge_data, records)
    }
    return {
        "labels": {"classes": labels_c, "types": labels_t},
        "id": panel_id,
        "caption": caption,
        "nodes": node_data,
        "edges": edge_data,
        "options": json.loads(options_json),
        "layout": layout_mod.describe(method, physics),
        "counts": {
            "actors": len(nodes),
            "relations": in_force,
            "ended": sum(1 for r in records if r[4] == ENDED),
            "classes": dict(Counter(classes.values())),
            "types": dict(Counter(e["rtype"] for e in edge_data)),
        },
        "sizeBy": size_by or "",
        "typeDashes": not large,
        # Actors are moved apart in the browser until their boxes do not overlap (view.js); a
        # large view keeps its computed positions (sectors), where hubs sit in the middle by design.
        "spreadLabels": not large,
    }


#: How opaque the unchanged relations of a comparison are drawn: visible, but behind the changes.
FADED_OPACITY = 0.18


def _options(*, physics: bool, large: bool) -> dict[str, Any]:
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "font": {
                "size": 14,
                "face": "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "multi": False,
            },
        },
        "edges": {
            "width": style.EDGE_WIDTH_MIN,
            "dashes": False,
            "smooth": {"enabled": False},
            "color": {"inherit": False},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "arrowStrikethrough": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 130, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
        },
        "layout": {"randomSeed": layout_mod.SEED, "improvedLayout": False},
    }


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.7) for c in (r, g, b)))


# ---------------------------------------------------------------------------------------------
# The page


def legend(
    panels: list[dict[str, Any]], lang: str, class_labels: dict[str, str] | None, type_labels: dict[str, str] | None
) -> dict[str, Any]:
    """Legend rows for the classes and relation types present in any of ``panels``."""
    classes: Counter[str] = Counter()
    type_ids: dict[str, set[str]] = {}
    labels_c = dict(class_labels or {})
    labels_t = dict(type_labels or {})
    states: set[str] = set()
    for p in panels:
        for key, label in p["labels"]["classes"].items():
            labels_c.setdefault(key, label)
        for key, label in p["labels"]["types"].items():
            labels_t.setdefault(key, label)
        # the same actors in both halves of a comparison: count them once
        for key, count in p["counts"]["classes"].items():
            classes[key] = max(classes[key], count)
        for e in p["edges"]:
            type_ids.setdefault(e["rtype"], set()).add(e["id"])
            if e.get("state"):
                states.add(e["state"])
    types = {k: len(v) for k, v in type_ids.items()}
    t = ui_text(lang)
    extra = []
    if ENDED in states:
        extra.append(
            {
                "label": t["legend_ended"],
                "colour": style.ENDED.colour,
                "dasharray": " ".join(map(str, style.ENDED.dashes)),
                "width": 2,
            }
        )
    if ADDED in states:
        extra.append({"label": t["legend_added"], "colour": style.ADDED.colour, "dasharray": "", "width": 5})
    if any(e.get("faded") for p in panels for e in p["edges"]):
        extra.append({"label": t["legend_unchanged"], "colour": "#b8bec6", "dasharray": "", "width": 1.5})
    if REMOVED in states:
        extra.append(
            {
                "label": t["legend_removed"],
                "colour": style.REMOVED.colour,
                "dasharray": " ".join(map(str, style.REMOVED.dashes)),
                "width": 3,
            }
        )
    size_by = next((p["sizeBy"] for p in panels if p["sizeBy"]), "")
    type_dashes = all(p["typeDashes"] for p in panels)
    type_rows = style.legend_relations(types, labels_t)
    if not type_dashes:
        type_rows = [dict(r, dasharray="") for r in type_rows]
    return {
        "classes": [
            dict(r, svg=style.shape_svg_points(str(r["shape"]))) for r in style.legend_classes(dict(classes), labels_c)
        ],
        "types": type_rows,
        "solid_note": "" if type_dashes else t["legend_solid"],
        "states": extra,
        "size": t["legend_size"].format(measure=measure_name(size_by, lang)) if size_by else t["legend_size_none"],
        "has_ended": ENDED in states,
    }


def render_page(
    panels: list[dict[str, Any]],
    *,
    heading: str,
    subtitle: str,
    lang: str = "en",
    class_labels: dict[str, str] | None = None,
    type_labels: dict[str, str] | None = None,
    compare: bool = False,
    limit: ViewLimit | None = None,
) -> str:
    """The finished HTML page for one or two panels (see :func:`build_panel`).

    ``limit``: the view is above its size limit; the page shows what was left out in a notice
    under the header and carries it in its data (``limit``). Without it, neither is written.
    """
    vis_js, vis_css = _vis_assets()
    t = ui_text(lang)
    data = {
        "lang": lang,
        "text": t,
        "compare": compare,
        "panels": panels,
    }
    if limit is not None:
        data["limit"] = limit.as_json(lang)
    html = (
        _environment()
        .get_template("page.html")
        .render(
            lang=lang,
            heading=heading,
            subtitle=subtitle,
            t=t,
            panels=panels,
            legend=legend(panels, lang, class_labels, type_labels),
            compare=compare,
            limit_text=limit.text(lang) if limit is not None else "",
            limit_css=_safe(_own_asset("limit.css")) if limit is not None else "",
            csp=CSP_PLACEHOLDER,
            vis_js=_safe(vis_js),
            vis_css=_safe(vis_css),
            view_css=_safe(_own_asset("view.css")),
            view_js=_safe(_own_asset("view.js")),
            data_json=_safe(json_for_script(data)),
        )
    )
    html = html.replace(CSP_PLACEHOLDER, content_security_policy(html), 1)
    assert_offline(html)
    return html


def _safe(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(html: str) -> str:
    """A policy allowing exactly the page's own inline scripts (by hash) and no network at all."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
            for m in _INLINE_SCRIPT.finditer(html)
        }
    )
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(hashes),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


_URL_ATTRS = {"src", "href", "action", "formaction", "data", "poster", "srcset", "background", "xlink:href"}
_CSS_REMOTE = re.compile(r"(?:url\(\s*['\"]?\s*(?!data:)[a-z]*:?//|@import)", re.I)


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name in _URL_ATTRS and value and not value.startswith(("data:", "#")):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and _CSS_REMOTE.search(value):
                self.problems.append(f"<{tag} style=...> loads {value[:60]!r}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_REMOTE.search(data):
            self.problems.append("a stylesheet loads " + _CSS_REMOTE.search(data).group(0))


def assert_offline(html: str) -> None:
    """Refuse a page that would load anything: an attribute URL that is not ``data:`` or a
    fragment, or a stylesheet ``url()``/``@import`` that is not ``data:``.

    Raises
    ------
    RuntimeError
        Naming what would be loaded (a bug in aikg, not in the data).
    """
    parser = _Resources()
    parser.feed(html)
    parser.close()
    if parser.problems:
        raise RuntimeError("the page would load remote resources: " + "; ".join(parser.problems[:5]))


def render_view(
    graph: Any,
    *,
    heading: str = DEFAULT_HEADING,
    at: str | None = None,
    lang: str = "en",
    figures: dict[str, dict[str, float]] | None = None,
    size_by: str | None = None,
    ended: Any = None,
    note: str = "",
    class_labels: dict[str, str] | None = None,
    type_labels: dict[str, str] | None = None,
    event_labels: dict[str, str] | None = None,
    limit: ViewLimit | None = None,
) -> str:
    """The HTML page of one snapshot.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The snapshot to draw (relations in force).
    heading : str
        The page's title; escaped.
    at : str, optional
        The snapshot's date, for the header (None: a snapshot of every relation, whatever its dates).
    lang : str
        ``en`` or ``fr``: actor labels and the page's words.
    figures, size_by
        Centrality figures per actor (tooltips) and the measure that sizes nodes.
    ended : networkx.MultiDiGraph, optional
        Ended relations to show greyed and dotted (``--show-ended``).
    note : str
        One more line for the header (the focus, the relation filter).
    class_labels, type_labels, event_labels : dict, optional
        Labels in ``lang`` for classes and relation types (local names) and events (IRIs).
    limit : ViewLimit, optional
        ``graph`` is the top of a larger snapshot (:func:`graph.view.limit.limit_graphs`): the
        page says what was left out.
    """
    if lang not in ("en", "fr"):
        raise ValueError(f"unknown language {lang!r}")
    panel = build_panel(
        graph,
        lang=lang,
        figures=figures,
        size_by=size_by,
        extra_edges=ended,
        class_labels=class_labels,
        type_labels=type_labels,
        event_labels=event_labels,
    )
    t = ui_text(lang)
    c = panel["counts"]
    parts = [
        f"{t['as_of']} {at}" if at else t["as_of_none"],
        f"{c['actors']} {t['actors']}",
        f"{c['relations']} {t['relations']}",
    ]
    if c["ended"]:
        parts[-1] += f" (+{c['ended']} {t['ended_shown']})"
    if note:
        parts.append(note)
    return render_page(
        [panel],
        heading=heading,
        subtitle=" \u00b7 ".join(parts),
        lang=lang,
        class_labels=class_labels,
        type_labels=type_labels,
        limit=limit,
    )
