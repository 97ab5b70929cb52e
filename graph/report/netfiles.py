"""A snapshot as GraphML or GEXF, for Gephi, Cytoscape and other network tools.

GraphML and GEXF hold only strings, numbers and booleans, so attributes are flattened:

- ``None`` values are dropped, as are empty lists;
- lists are joined with ``" | "`` (``aliases``, ``fact_ids``);
- ``sources`` becomes ``sources`` (each source's title, with its URL in angle brackets) and
  ``source_urls`` (the URLs alone);
- the edge attributes ``type`` and ``start`` are written ``relation_type`` and ``since``, because
  GEXF reserves ``type``, ``start`` and ``end``; ``label`` is the relation's label (for display);
- each edge's id is its snapshot key (``"buysComputeFrom:A01"``), made unique if it is not.

Output is deterministic: actors in IRI order, relations in relation IRI order, and GEXF's
``lastmodifieddate`` set to the snapshot's date instead of today's.
"""

from __future__ import annotations

import re
from typing import Any

SEP = " | "
RENAMED = {"type": "relation_type", "start": "since", "start_precision": "since_precision"}


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


def to_gexf(G: Any) -> str:
    """The snapshot as GEXF 1.2 text."""
    import networkx as nx

    H = flatten(G)
    text = "\n".join(nx.generate_gexf(H)) + "\n"
    at = H.graph.get("at")
    replacement = f'lastmodifieddate="{at}"' if at else ""
    return re.sub(r'\s?lastmodifieddate="[^"]*"', (" " + replacement) if replacement else "", text)
