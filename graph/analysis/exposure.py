"""Exposure: what each actor owes to, or is owed by, each counterparty, as far as values are known."""

from __future__ import annotations

from typing import Any

from ..gcpause import paused_gc
from ..snapshot import DEPENDENCY_TYPES
from .views import MONEY_FLOW, _sorted_edges, value_usd


def exposure(G: Any, actor: str | None = None) -> dict[str, dict[str, Any]]:
    """Known value owed by and to each actor, per counterparty, and its largest dependency.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str, optional
        Only this actor.

    Returns
    -------
    dict
        Actor IRI (those with at least one relation, sorted) to a dict:

        - ``label``;
        - ``counterparties``: counterparty IRI to ``label``, ``pays_usd`` (known value the
          actor owes it: compute or chips bought, money invested), ``receives_usd`` (the other
          way), ``other_usd`` (USD values on relations that move no money one way:
          partnership, subsidiary, joint venture, approval), ``relations`` (edge keys) and
          ``unvalued`` (relations without a USD value);
        - ``pays_usd``, ``receives_usd``: totals over counterparties;
        - ``dependencies``: how many dependency relations the actor has;
          ``dependencies_valued``: how many of them have a USD value;
        - ``largest_dependency``: the dependency relation with the largest known USD value
          (``key``, ``counterparty``, ``counterparty_label``, ``relation``, ``relation_label``,
          ``fact_ids``, ``value_usd``, ``share`` of the actor's known dependency value), or
          ``None`` when no dependency has a value.

    Notes
    -----
    Payment directions are those of :data:`graph.analysis.views.MONEY_FLOW`. A contract's
    value is its headline total as stated, over its whole term; only USD values are added.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "aws", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                value=38.0, unit="USD")
    >>> e = exposure(G)
    >>> e["lab"]["counterparties"]["aws"]["pays_usd"], e["aws"]["receives_usd"]
    (38.0, 38.0)
    >>> e["lab"]["largest_dependency"]["counterparty"]
    'aws'
    """
    with paused_gc():  # one dict per actor and counterparty: see paused_gc
        return _exposure(G, actor)


def _exposure(G: Any, actor: str | None) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}

    # Look before building: a literal default handed to setdefault would be built (labels
    # looked up and all) for every relation, not once per actor or pair.
    def entry(a: str) -> dict[str, Any]:
        e = out.get(a)
        if e is None:
            e = out[a] = {
                "label": G.nodes[a].get("label") or a,
                "counterparties": {},
                "pays_usd": 0.0,
                "receives_usd": 0.0,
                "dependencies": 0,
                "dependencies_valued": 0,
                "largest_dependency": None,
                "_dep": [],
            }
        return e

    def cp(a: str, b: str) -> dict[str, Any]:
        cps = entry(a)["counterparties"]
        c = cps.get(b)
        if c is None:
            c = cps[b] = {
                "label": G.nodes[b].get("label") or b,
                "pays_usd": 0.0,
                "receives_usd": 0.0,
                "other_usd": 0.0,
                "relations": [],
                "unvalued": 0,
            }
        return c

    if actor is None:
        edges = _sorted_edges(G)
    elif actor in G:
        # Only the actor's own relations: shift() asks this for each actor in focus. A
        # self-loop, listed twice here, is skipped below as every self-loop is. Sorted as the whole
        # edge list is, so values add up in the same order.
        own = [*G.out_edges(actor, keys=True, data=True), *G.in_edges(actor, keys=True, data=True)]
        edges = sorted(own, key=lambda e: (e[0], e[1], str(e[2])))
    else:
        edges = []
    for u, v, k, d in edges:
        if u == v or (actor is not None and actor not in (u, v)):
            continue
        t = d.get("type")
        val = value_usd(d)
        c_uv, c_vu = cp(u, v), cp(v, u)
        for c in (c_uv, c_vu):
            c["relations"].append(str(k))
            if val is None:
                c["unvalued"] += 1
        flow = MONEY_FLOW.get(t)
        if val is not None:
            if flow is None:
                c_uv["other_usd"] += val
                c_vu["other_usd"] += val
            else:
                payer, payee = (c_uv, c_vu) if flow[0] == "forward" else (c_vu, c_uv)
                payer["pays_usd"] += val
                payee["receives_usd"] += val
        orient = DEPENDENCY_TYPES.get(t)
        if orient is not None:
            dep, on = (u, v) if orient == "forward" else (v, u)
            e = entry(dep)
            e["dependencies"] += 1
            if val is not None:
                e["dependencies_valued"] += 1
                e["_dep"].append((val, str(k), on, t, d.get("type_label") or t, list(d.get("fact_ids") or [])))
    if actor is not None:
        out = {a: e for a, e in out.items() if a == actor}
    for e in out.values():
        e["counterparties"] = dict(sorted(e["counterparties"].items()))
        for c in e["counterparties"].values():
            c["relations"] = sorted(c["relations"])
        e["pays_usd"] = sum(c["pays_usd"] for c in e["counterparties"].values())
        e["receives_usd"] = sum(c["receives_usd"] for c in e["counterparties"].values())
        e["largest_dependency"] = _largest(G, e.pop("_dep"))
    return dict(sorted(out.items()))


def _largest(G: Any, deps: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    """The largest of an actor's valued dependencies, ``(value, key, on, type, type label,
    fact ids)``, with its share of their total; None when there is none."""
    if not deps:
        return None
    deps = sorted(deps, key=lambda x: (-x[0], x[1]))
    val, key, on, t, t_label, facts = deps[0]
    total = sum(x[0] for x in deps)
    return {
        "key": key,
        "counterparty": on,
        "counterparty_label": G.nodes[on].get("label") or on,
        "relation": t,
        "relation_label": t_label,
        "fact_ids": facts,
        "value_usd": val,
        "share": val / total if total > 0 else None,
    }


def exposure_totals(G: Any) -> dict[str, dict[str, Any]]:
    """:func:`exposure` of every actor without the per-counterparty detail.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.

    Returns
    -------
    dict
        Actor IRI (those with at least one relation, sorted) to ``label``, ``pays_usd``,
        ``receives_usd``, ``dependencies``, ``dependencies_valued`` and ``largest_dependency``:
        the same values, to the last bit, as :func:`exposure` gives.

    Notes
    -----
    For reports: on a large network most of :func:`exposure`'s time goes to the
    counterparty records (hundreds of thousands at a million triples) that a report does not
    show. The totals are added as :func:`exposure` adds them, per counterparty in edge order,
    then over counterparties in IRI order, as floating-point sums depend on their order.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("lab", "aws", key="buysComputeFrom:1", type="buysComputeFrom",
    ...                value=38.0, unit="USD")
    >>> exposure_totals(G)["aws"]["receives_usd"]
    38.0
    """
    with paused_gc():  # a pair of floats per actor and counterparty: see paused_gc
        return _totals(G, _sorted_edges(G))


def _totals(G: Any, edges: list[tuple[Any, Any, Any, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """:func:`exposure_totals` of ``G`` from its :func:`graph.analysis.views._sorted_edges`."""
    flows: dict[str, dict[str, list[float]]] = {}  # actor -> counterparty -> [pays, receives]
    deps: dict[str, list[Any]] = {}
    counts: dict[str, list[int]] = {}  # actor -> [dependencies, valued]

    def pair(a: str, b: str) -> list[float]:
        row = flows.get(a)
        if row is None:
            row = flows[a] = {}
        c = row.get(b)
        if c is None:
            c = row[b] = [0.0, 0.0]
        return c

    for u, v, k, d in edges:
        if u == v:
            continue
        t = d.get("type")
        val = value_usd(d)
        c_uv, c_vu = pair(u, v), pair(v, u)
        flow = MONEY_FLOW.get(t)
        if val is not None and flow is not None:
            payer, payee = (c_uv, c_vu) if flow[0] == "forward" else (c_vu, c_uv)
            payer[0] += val
            payee[1] += val
        orient = DEPENDENCY_TYPES.get(t)
        if orient is not None:
            dep, on = (u, v) if orient == "forward" else (v, u)
            n = counts.get(dep)
            if n is None:
                n = counts[dep] = [0, 0]
                deps[dep] = []
            n[0] += 1
            if val is not None:
                n[1] += 1
                deps[dep].append((val, str(k), on, t, d.get("type_label") or t, list(d.get("fact_ids") or [])))
    out = {}
    for a in sorted(flows):
        row = flows[a]
        cps = [row[b] for b in sorted(row)]
        n = counts.get(a, (0, 0))
        out[a] = {
            "label": G.nodes[a].get("label") or a,
            "pays_usd": sum(c[0] for c in cps),
            "receives_usd": sum(c[1] for c in cps),
            "dependencies": n[0],
            "dependencies_valued": n[1],
            "largest_dependency": _largest(G, deps.get(a, [])),
        }
    return out
