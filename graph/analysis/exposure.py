"""Exposure: what each actor owes to, or is owed by, each counterparty, as far as values are known."""

from __future__ import annotations

from typing import Any

from ..core.gcpause import paused_gc
from ..network.data import DEPENDENCY_TYPES
from .groups import DEFAULT_GROUP_BY, group_of, members, parents
from .views import MONEY_FLOW, _sorted_edges, value_usd


def exposure(G: Any, actor: str | None = None, group_by: str | None = None) -> dict[str, dict[str, Any]]:
    """Known value owed by and to each actor, per counterparty, and its largest dependency.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    actor : str, optional
        Only this actor.
    group_by : {"parent", "entity"}, optional
        ``"parent"``: an actor's figures include its subsidiaries' relations, and counterparties
        are corporate groups named by their top parent (ties inside one group are left out;
        :mod:`graph.analysis.groups`); ``"entity"``: every actor on its own. Default: the
        snapshot's ``group_by`` attribute, else ``"parent"``.

    Returns
    -------
    dict
        Actor IRI (those with at least one relation, sorted) to a dict:

        - ``label``;
        - ``counterparties``: counterparty IRI to ``label``, ``pays_usd`` (known value the
          actor owes it: compute or chips bought, money invested), ``receives_usd`` (the other
          way), ``other_usd`` (USD values on relations that move no money one way:
          partnership, subsidiary, joint venture, approval), ``relations`` (edge keys),
          ``unvalued`` (relations without a USD amount that adds up) and ``members`` (the
          group's actors that are party to them);
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
    value is its headline total as stated, over its whole term; only USD values are added, as
    they add up on the snapshot's day (:func:`graph.analysis.views.value_usd`: a tranche whose
    total is in force adds nothing).

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
        return _exposure(G, actor, group_by)


def _sides(G: Any, group_by: str | None) -> tuple[Any, Any]:
    """``(top, rows)``: the group an actor counts in as a counterparty, and the rows (itself and
    its parents) whose figures its relations enter."""
    group_by = group_by or G.graph.get("group_by") or DEFAULT_GROUP_BY
    chains = parents(G) if group_by == "parent" else {}
    if not chains:
        return (lambda a: a), (lambda a: (a,))
    return (lambda a: group_of(a, chains, group_by)), (lambda a: (a, *chains.get(a, ())))


def _exposure(G: Any, actor: str | None, group_by: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    top, rows = _sides(G, group_by)

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
                "members": set(),
            }
        return c

    if actor is None:
        edges = _sorted_edges(G)
    elif actor in G:
        # Only the relations of the actor (and its group's subsidiaries): shift() asks this for
        # each actor in focus. A self-loop, listed twice here, is skipped below as every
        # self-loop is. Sorted as the whole edge list is, so values add up in the same order.
        group_by = group_by or G.graph.get("group_by") or DEFAULT_GROUP_BY
        chains = parents(G) if group_by == "parent" else {}
        own = {}
        for a in members(actor, chains, group_by):
            for e in (*G.out_edges(a, keys=True, data=True), *G.in_edges(a, keys=True, data=True)):
                own[e[:3]] = e  # a relation between two members of the group is listed once
        edges = sorted(own.values(), key=lambda e: (e[0], e[1], str(e[2])))
    else:
        edges = []
    for u, v, k, d in edges:
        tu, tv = top(u), top(v)
        if u == v or tu == tv:
            continue  # a tie inside one actor or one corporate group
        t = d.get("type")
        val = value_usd(d)
        flow = MONEY_FLOW.get(t)
        orient = DEPENDENCY_TYPES.get(t)
        for side, other, entity in ((u, tv, v), (v, tu, u)):
            for row in rows(side):
                if actor is not None and row != actor:
                    continue
                c = cp(row, other)
                c["relations"].append(str(k))
                c["members"].add(entity)
                if val is None:
                    c["unvalued"] += 1
                elif flow is None:
                    c["other_usd"] += val
                elif (flow[0] == "forward") == (side == u):
                    c["pays_usd"] += val
                else:
                    c["receives_usd"] += val
        if orient is not None:
            dep, on = (u, v) if orient == "forward" else (v, u)
            for row in rows(dep):
                if actor is not None and row != actor:
                    continue
                e = entry(row)
                e["dependencies"] += 1
                if val is not None:
                    e["dependencies_valued"] += 1
                    e["_dep"].append((val, str(k), top(on), t, d.get("type_label") or t, list(d.get("fact_ids") or [])))
    if actor is not None:
        out = {a: e for a, e in out.items() if a == actor}
    for e in out.values():
        e["counterparties"] = dict(sorted(e["counterparties"].items()))
        for c in e["counterparties"].values():
            c["relations"] = sorted(c["relations"])
            c["members"] = sorted(c["members"])
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


def exposure_totals(G: Any, group_by: str | None = None) -> dict[str, dict[str, Any]]:
    """:func:`exposure` of every actor without the per-counterparty detail.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    group_by : {"parent", "entity"}, optional
        As in :func:`exposure`.

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
        return _totals(G, _sorted_edges(G), group_by)


def _totals(
    G: Any, edges: list[tuple[Any, Any, Any, dict[str, Any]]], group_by: str | None = None
) -> dict[str, dict[str, Any]]:
    """:func:`exposure_totals` of ``G`` from its :func:`graph.analysis.views._sorted_edges`."""
    top, rows = _sides(G, group_by)
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
        tu, tv = top(u), top(v)
        if u == v or tu == tv:
            continue
        t = d.get("type")
        val = value_usd(d)
        flow = MONEY_FLOW.get(t)
        for side, other in ((u, tv), (v, tu)):
            for row in rows(side):
                c = pair(row, other)
                if val is not None and flow is not None:
                    c[0 if (flow[0] == "forward") == (side == u) else 1] += val
        orient = DEPENDENCY_TYPES.get(t)
        if orient is not None:
            dep, on = (u, v) if orient == "forward" else (v, u)
            for row in rows(dep):
                n = counts.get(row)
                if n is None:
                    n = counts[row] = [0, 0]
                    deps[row] = []
                n[0] += 1
                if val is not None:
                    n[1] += 1
                    deps[row].append((val, str(k), top(on), t, d.get("type_label") or t, list(d.get("fact_ids") or [])))
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
