"""A snapshot as GraphML or GEXF, for Gephi, Cytoscape and other network tools.

GraphML and GEXF hold only strings, numbers and booleans, so attributes are flattened:

- ``None`` values are dropped, as are empty lists;
- lists are joined with ``" | "`` (``aliases``, ``fact_ids``);
- ``sources`` becomes ``sources`` (each source's title, with its URL in angle brackets) and
  ``source_urls`` (the URLs alone);
- the edge attributes ``type`` and ``start`` are written ``relation_type`` and ``since``, because
  GEXF reserves ``type``, ``start`` and ``end``; ``label`` is the relation's label (for display);
- each edge's id is its snapshot key (``"buysComputeFrom:A01"``), made unique if it is not;
- in GEXF, a control character that XML 1.0 cannot carry, even escaped, becomes U+FFFD.

Output is deterministic: actors in IRI order, relations in relation IRI order, and GEXF's
``lastmodifieddate`` set to the snapshot's date (or the data's horizon) instead of today's.

GEXF is written here rather than by networkx, whose writer declares GEXF 1.2draft (or 1.3 with a
misspelt XML Schema namespace) and puts ``name=""`` on ``<graph>``, which the schemas refuse: the
files follow GEXF 1.3 and validate against its XML Schema (``tests/test_outputs_export.py``). A
snapshot is a static graph; :func:`dynamic_network` gives a dynamic one, each relation drawn
from the first to the last day it is in force, for Gephi's timeline.
"""

from __future__ import annotations

import math
import re
from typing import Any

SEP = " | "
RENAMED = {"type": "relation_type", "start": "since", "start_precision": "since_precision"}
GEXF_NS = "http://gexf.net/1.3"
#: Edge attributes that hold for one day only (what a value adds to sums on the snapshot's day),
#: left out of the dynamic graph, whose edges stand for every day of a period.
DAY_ONLY = ("counted_value", "value_counted_in")


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        items = [str(v) for v in value if v is not None]
        return SEP.join(items) if items else None
    if isinstance(value, (bool, int, float, str)):
        return value
    return None if value is None else str(value)


def _source_text(s: dict[str, Any]) -> str | None:
    title, url = s.get("title"), s.get("url")
    if title and url:
        return f"{title} <{url}>"
    return title or url


def flatten(G: Any) -> Any:
    """A copy of a snapshot whose attributes GraphML and GEXF can hold.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    networkx.MultiDiGraph
        Same actors and relations, flattened as the module explains.
    """
    import networkx as nx

    H = nx.MultiDiGraph()
    for k, v in G.graph.items():
        fv = _flat(v)
        if fv is not None:
            H.graph[k] = fv
    for n, d in sorted(G.nodes(data=True), key=lambda x: x[0]):
        attrs = {k: _flat(v) for k, v in d.items()}
        H.add_node(n, **{k: v for k, v in attrs.items() if v is not None and v != ""})
    edges = sorted(
        G.edges(keys=True, data=True), key=lambda x: (str(x[3].get("relation") or ""), x[0], x[1], str(x[2]))
    )
    used: set[str] = set()
    for u, v, key, d in edges:
        attrs: dict[str, Any] = {}
        for k, val in d.items():
            if k == "sources":
                texts = [t for t in (_source_text(s) for s in val or []) if t]
                urls = [s["url"] for s in val or [] if s.get("url")]
                attrs["sources"] = SEP.join(texts) if texts else None
                attrs["source_urls"] = SEP.join(urls) if urls else None
                continue
            attrs[RENAMED.get(k, k)] = _flat(val)
        if d.get("type_label"):
            attrs["label"] = d["type_label"]
        ident, n = str(key), 1
        while ident in used:
            n += 1
            ident = f"{key}#{n}"
        used.add(ident)
        attrs["id"] = ident
        H.add_edge(u, v, key=ident, **{k: val for k, val in attrs.items() if val is not None and val != ""})
    return H


def to_graphml(G: Any) -> str:
    """The snapshot as GraphML text (directed, one ``<edge>`` per relation)."""
    import networkx as nx

    H = flatten(G)
    for _, _, d in H.edges(data=True):
        d.pop("id", None)  # GraphML takes the edge id from the key
    return "\n".join(nx.generate_graphml(H)) + "\n"


def dynamic_network(data: Any, statuses: frozenset[str] | None = None) -> Any:
    """Every counted relation, drawn once per in-force period, for a dynamic GEXF.

    Parameters
    ----------
    data : graph.network.data.NetworkData
        The fetched network (its ``statuses`` say which status classes are drawn).
    statuses : frozenset of str, optional
        Status classes to draw instead.

    Returns
    -------
    networkx.MultiDiGraph
        The all-relations snapshot's actors, and one edge per period of each deal
        (:mod:`graph.rules.succession`: a deal passes to an absorbing actor on the absorption's
        day) with ``period_start`` and ``period_end`` (the first day after it, absent while open)
        besides the relation's attributes, less :data:`DAY_ONLY`. A relation in force on no day
        (no date at all) is left out; the graph attribute ``undated`` counts them.
    """
    import networkx as nx

    from ..core.vocab import local_name
    from ..network.snapshot import snapshot
    from ..rules.succession import periods as periods_of

    every = snapshot(data, None, statuses)
    records = {r["iri"]: r for r in data.relations}
    H = nx.MultiDiGraph(at=None, dynamic=True, horizon=data.horizon, statuses=every.graph.get("statuses"), undated=0)
    H.add_nodes_from(every.nodes(data=True))
    for _, _, key, d in every.edges(keys=True, data=True):
        r = records[d["relation"]]
        ps = r.get("periods")
        if ps is None:
            ps = periods_of(r, data.events, data.actors)
        ps = [p for p in ps if p["end"] is None or p["end"] > p["start"]]
        if not ps:
            H.graph["undated"] += 1
        for p in ps:
            attrs = {k: v for k, v in d.items() if k not in DAY_ONLY}
            attrs.update(period_start=p["start"], period_end=p["end"])
            if p["via_successor_of"]:
                attrs.update(via_successor_of=list(p["via_successor_of"]), successor_event=p["successor_event"])
            for end in (p["actor"], p["counterparty"]):
                if end not in H:
                    H.add_node(
                        end,
                        label=local_name(end),
                        **{"class": "Unknown", "class_label": "unknown", "classes": ["Unknown"]},
                    )
            H.add_edge(p["actor"], p["counterparty"], key=key if len(ps) == 1 else f"{key}@{p['start']}", **attrs)
    return H


_XML_ATTR = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)
# XML 1.0 cannot carry these characters, even escaped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _attr(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value).translate(_XML_ATTR)


def _gexf_type(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        value = float(value)
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return str(value)


def _declare(elements: list[dict[str, Any]], skip: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, list[Any]] = {}
    for attrs in elements:
        for k, v in attrs.items():
            if k not in skip:
                values.setdefault(k, []).append(v)
    return {k: _gexf_type(vs) for k, vs in sorted(values.items())}


def _attvalues(attrs: dict[str, Any], declared: dict[str, str], indent: str) -> list[str]:
    lines = [
        f'{indent}  <attvalue for="{_attr(k)}" value="{_attr(_gexf_value(attrs[k], kind))}" />'
        for k, kind in declared.items()
        if k in attrs
    ]
    return [f"{indent}<attvalues>", *lines, f"{indent}</attvalues>"] if lines else []


def _day_before(day: str) -> str:
    from ..core.dates import shift_days

    return shift_days(day, -1)


def to_gexf(G: Any) -> str:
    """The network as GEXF 1.3 text, valid against the GEXF 1.3 XML Schema.

    A snapshot (or the all-relations graph) is a static graph. The graph of
    :func:`dynamic_network` is a dynamic one: each edge's ``start`` and ``end`` are the first and
    the last day of its period (GEXF intervals include both ends), ``end`` absent while open.
    Node and edge attributes are declared once, typed (``boolean``, ``long``, ``double`` or
    ``string``); each edge's ``kind`` is its relation type, so that Gephi keeps parallel
    relations of different types apart.
    """
    H = flatten(G)
    dynamic = bool(G.graph.get("dynamic"))
    nodes = [(n, dict(d)) for n, d in H.nodes(data=True)]
    edges = []
    for u, v, d in H.edges(data=True):
        d = dict(d)
        spell = (d.pop("period_start", None), d.pop("period_end", None))
        edges.append((u, v, d, spell))
    node_attrs = _declare([d for _, d in nodes], ("label",))
    edge_attrs = _declare([d for *_, d, _ in edges], ("label", "id"))
    day = G.graph.get("at") or G.graph.get("horizon")
    statuses = G.graph.get("statuses") or []
    if dynamic:
        what = "every relation counted, each edge from the first to the last day it is in force"
    elif G.graph.get("at"):
        what = f"the relations in force on {G.graph['at']}"
    else:
        what = "every relation counted, whatever its dates"
    description = f"aikg: AI-infrastructure relations, {what}; status classes drawn: {', '.join(statuses) or 'none'}"
    graph_attrs = 'defaultedgetype="directed" idtype="string" '
    graph_attrs += 'mode="dynamic" timeformat="date" timerepresentation="interval"' if dynamic else 'mode="static"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">',
        f'  <meta lastmodifieddate="{day}">' if day else "  <meta>",
        "    <creator>aikg</creator>",
        f"    <description>{_attr(description)}</description>",
        "  </meta>",
        f"  <graph {graph_attrs}>",
    ]
    for cls, declared in (("node", node_attrs), ("edge", edge_attrs)):
        if declared:
            out.append(f'    <attributes class="{cls}">')
            out += [
                f'      <attribute id="{_attr(k)}" title="{_attr(k)}" type="{kind}" />' for k, kind in declared.items()
            ]
            out.append("    </attributes>")
    out.append(f'    <nodes count="{len(nodes)}">')
    for n, d in nodes:
        label = f' label="{_attr(str(d["label"]))}"' if d.get("label") is not None else ""
        body = _attvalues(d, node_attrs, "        ")
        out.append(f'      <node id="{_attr(str(n))}"{label}' + (">" if body else " />"))
        if body:
            out += [*body, "      </node>"]
    out += ["    </nodes>", f'    <edges count="{len(edges)}">']
    for u, v, d, (start, end) in edges:
        head = f'      <edge id="{_attr(str(d["id"]))}" source="{_attr(str(u))}" target="{_attr(str(v))}"'
        if d.get("relation_type"):
            head += f' kind="{_attr(str(d["relation_type"]))}"'
        if d.get("label"):
            head += f' label="{_attr(str(d["label"]))}"'
        if start:
            head += f' start="{start}"'
        if end:
            head += f' end="{_day_before(end)}"'
        body = _attvalues(d, edge_attrs, "        ")
        out.append(head + (">" if body else " />"))
        if body:
            out += [*body, "      </edge>"]
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(out) + "\n"
