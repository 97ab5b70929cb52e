"""Centrality of each actor in a snapshot: degrees, betweenness, PageRank, eigenvector.

The public entry point is :func:`centrality`; :func:`centrality_table` adds labels, classes,
the method used for the eigenvector measure and the top actors per measure, for reports.
"""

from __future__ import annotations

from typing import Any

from ..core.gcpause import paused_gc
from ..network.data import TIE_TYPES
from .betweenness import betweenness, dependency_edges, take
from .views import _pair_weights, edge_data, value_usd

#: The measures :func:`centrality` returns, in column order.
MEASURES: tuple[str, ...] = (
    "in_degree",
    "out_degree",
    "degree",
    "betweenness",
    "pagerank",
    "eigenvector",
    "dependencies",
    "dependents",
    "ties",
    "value_in_usd",
    "value_out_usd",
    "value_usd",
    "pagerank_weighted",
)

#: Measures that count relations (integers); the others are floats.
COUNT_MEASURES: tuple[str, ...] = ("in_degree", "out_degree", "degree", "dependencies", "dependents", "ties")

PAGERANK_ALPHA = 0.85
#: Tight enough that the six decimals reports keep are exact.
PAGERANK_TOL = 1e-12


def _power_iteration(A: Any, max_iter: int, tol: float) -> Any:
    """networkx's eigenvector power iteration on a sparse symmetric matrix, or ``None``.

    Starts from ``1/n`` everywhere, iterates ``x <- x + A x`` (``A + I``, which converges on
    bipartite graphs too), normalises by the Euclidean norm (1 if it is 0) and stops when
    ``sum |x - x_last| < n * tol``, as ``networkx.eigenvector_centrality`` does with dicts in
    pure Python (5 s on an 8,000-actor network, against a fraction of a second here).
    """
    import numpy as np

    n = A.shape[0]
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        xlast = x
        x = xlast + A @ xlast
        norm = float(np.linalg.norm(x)) or 1.0
        x = x / norm
        if float(np.abs(x - xlast).sum()) < n * tol:
            return x
    return None


def _largest_eigenvalue(A: Any) -> float:
    """The largest (algebraic) eigenvalue of a sparse symmetric matrix."""
    import numpy as np

    n = A.shape[0]
    if A.nnz == 0:
        return 0.0
    if n < 10:  # ARPACK needs a few more rows than eigenvalues asked; dense is as cheap here
        return float(np.max(np.linalg.eigvalsh(A.toarray())))
    from scipy.sparse.linalg import eigsh

    # A fixed, positive start vector (it meets the Perron vector of a non-negative matrix)
    # keeps the result the same from run to run.
    return float(eigsh(A, k=1, which="LA", v0=np.ones(n), return_eigenvectors=False)[0])


def _katz(A: Any, alpha: float, beta: float = 1.0) -> Any:
    """Katz centrality ``(I - alpha A^T)^-1 beta``, normalised as
    ``networkx.katz_centrality_numpy`` does, solved on the sparse matrix (a dense one takes
    512 MB at 8,000 actors)."""
    import numpy as np
    from scipy.sparse import identity
    from scipy.sparse.linalg import cg, spsolve

    n = A.shape[0]
    M = (identity(n, format="csr") - alpha * A.T).tocsr()
    b = np.full(n, float(beta))
    # With A symmetric and alpha < 1 / lambda_max, M is symmetric positive definite with a
    # condition number of at most (1 + 0.9) / (1 - 0.9) = 19 at the alpha used here: conjugate
    # gradients converge in a few dozen products. A direct solve (spsolve) fills in: 30 s on an
    # 8,000-actor network. It remains the fallback.
    x, info = cg(M, b, rtol=1e-13, atol=0.0, maxiter=max(1000, 10 * n))
    if info != 0:
        x = np.atleast_1d(spsolve(M.tocsc(), b))
    norm = np.sign(x.sum()) * np.linalg.norm(x)
    return x / norm


def _adjacency(U: Any, weight: str | None) -> tuple[list[Any], Any]:
    import networkx as nx

    nodes = list(U)
    return nodes, nx.to_scipy_sparse_array(U, nodelist=nodes, weight=weight, dtype=float, format="csr")


def eigenvector_centrality(
    U: Any, *, weight: str | None = "count", max_iter: int = 1000, tol: float = 1e-9
) -> dict[Any, float]:
    """``networkx.eigenvector_centrality`` of an undirected graph, on sparse matrices.

    Parameters
    ----------
    U : networkx.Graph
        Undirected, with at least one node.
    weight : str or None, optional
        Edge attribute holding the weight (1 where missing); ``None`` for 1 everywhere.
    max_iter : int, optional
        Power-iteration steps before giving up.
    tol : float, optional
        Convergence tolerance (on the sum of the changes, per node).

    Returns
    -------
    dict
        Node to score, in node order, Euclidean norm 1.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        When the iteration has not converged after ``max_iter`` steps.

    Notes
    -----
    The same algorithm as networkx (see :func:`_power_iteration`); a self-loop counts once, as
    in networkx's adjacency of an undirected graph. Results agree to rounding.

    Examples
    --------
    >>> import networkx as nx
    >>> s = eigenvector_centrality(nx.star_graph(4), weight=None)
    >>> round(s[0], 6), round(s[1], 6)
    (0.707107, 0.353553)
    """
    import networkx as nx

    nodes, A = _adjacency(U, weight)
    x = _power_iteration(A, max_iter, tol)
    if x is None:
        raise nx.PowerIterationFailedConvergence(max_iter)
    return dict(zip(nodes, x.tolist()))


def katz_centrality(U: Any, *, alpha: float, beta: float = 1.0, weight: str | None = "count") -> dict[Any, float]:
    """``networkx.katz_centrality_numpy`` of an undirected graph, on sparse matrices.

    Parameters
    ----------
    U : networkx.Graph
        Undirected, with at least one node.
    alpha : float
        Attenuation factor, below ``1 / lambda_max``.
    beta : float, optional
        Weight every node starts with.
    weight : str or None, optional
        Edge attribute holding the weight (1 where missing).

    Returns
    -------
    dict
        Node to score, in node order, Euclidean norm 1.

    Examples
    --------
    >>> import networkx as nx
    >>> s = katz_centrality(nx.path_graph(3), alpha=0.5, weight=None)
    >>> round(s[1], 6) == round(max(s.values()), 6)
    True
    """
    nodes, A = _adjacency(U, weight)
    return dict(zip(nodes, _katz(A, alpha, beta).tolist()))


def _relation_counts(G: Any, nodes: list[Any]) -> Any:
    """The undirected view's adjacency weighted by ``count``, straight from the snapshot: the
    number of relations between two actors either way, a self-relation once on the diagonal."""
    import numpy as np
    from scipy.sparse import coo_array

    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    # One entry per adjacent pair rather than per relation: a multigraph's parallel relations
    # are the keys of the pair's dict, so no per-edge tuples are made.
    multi = G.is_multigraph()
    ends = [(index[u], index[v], len(keys) if multi else 1) for u, nbrs in G._adj.items() for v, keys in nbrs.items()]
    if not ends:
        return coo_array((n, n)).tocsr()
    rows, cols, counts = np.array(ends, dtype=np.int64).T
    if not G.is_directed():
        # An undirected adjacency lists each pair from both ends already.
        return coo_array((counts.astype(float), (rows, cols)), shape=(n, n)).tocsr()
    other = rows != cols  # both ways, except a self-loop, which networkx counts once
    r = np.concatenate([rows, cols[other]])
    c = np.concatenate([cols, rows[other]])
    w = np.concatenate([counts, counts[other]]).astype(float)
    # Duplicates add up when converted: u -> v and v -> u relations fall on one pair.
    return coo_array((w, (r, c)), shape=(n, n)).tocsr()


def eigenvector(G: Any, *, max_iter: int = 1000, tol: float = 1e-9) -> tuple[dict[str, float], str]:
    """Eigenvector centrality on the undirected view of a snapshot, or Katz where it fails.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    max_iter : int, optional
        Power-iteration steps before giving up on the eigenvector and using Katz centrality.
    tol : float, optional
        Convergence tolerance of the power iteration.

    Returns
    -------
    scores : dict
        Actor IRI to score (Euclidean norm 1 over all actors), by IRI.
    method : str
        ``"eigenvector"``, or ``"katz (alpha=...)"`` when the power iteration did not
        converge, or ``"none (no actors)"``.

    Notes
    -----
    The eigenvector of a directed graph is undefined whenever no actor is reachable back
    (a supply chain is a DAG), so the measure runs on the undirected view
    (:func:`graph.analysis.views.undirected_view`), each pair weighted by its number of
    relations. It is networkx's algorithm (:func:`eigenvector_centrality`), which iterates with
    ``A + I`` and so converges on bipartite graphs (a star) too. Katz centrality uses
    ``alpha = 0.9 / lambda_max`` and ``beta = 1`` (:func:`katz_centrality`). The matrix is
    built from the snapshot's edges directly, without building the view.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for leaf in "bcde":
    ...     _ = G.add_edge("a", leaf, key="investsIn:" + leaf, type="investsIn")
    >>> scores, method = eigenvector(G)
    >>> method, round(scores["a"], 6), round(scores["b"], 6)
    ('eigenvector', 0.707107, 0.353553)
    """
    nodes = sorted(G.nodes())
    if not nodes:
        return {}, "none (no actors)"
    with paused_gc():  # a tuple per pair of actors on the way to the matrix: see paused_gc
        A = _relation_counts(G, nodes)
    x = _power_iteration(A, max_iter, tol)
    if x is not None:
        return dict(zip(nodes, x.tolist())), "eigenvector"
    lam = _largest_eigenvalue(A)
    alpha = 0.9 / lam if lam > 0 else 0.1
    return dict(zip(nodes, _katz(A, alpha).tolist())), f"katz (alpha={alpha:.6g})"


def directed_betweenness(D: Any) -> dict[str, float]:
    """Exact normalised betweenness of a directed graph, computed by igraph.

    Parameters
    ----------
    D : networkx.DiGraph
        A simple directed graph (the dependency view), unweighted.

    Returns
    -------
    dict
        Node to betweenness, normalised as networkx does for directed graphs: divided by
        ``(n - 1)(n - 2)``.

    Notes
    -----
    networkx's exact algorithm took over six minutes on an 8,000-actor, 70,000-relation
    snapshot here; igraph's C implementation gives the same values (checked against
    ``networkx.betweenness_centrality`` in the tests) in seconds.

    Examples
    --------
    >>> import networkx as nx
    >>> directed_betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))["b"]
    0.5
    """
    return betweenness(list(D.nodes()), list(D.edges()))


def _pagerank(nodes: list[Any], ends: list[tuple[Any, ...]], weights: list[float]) -> dict[Any, float]:
    """``networkx.pagerank`` (alpha :data:`PAGERANK_ALPHA`, tol :data:`PAGERANK_TOL`) of the
    directed graph with these nodes and edges (``(a, b, ...)`` in the graph's ``edges()``
    order), each weighted as given.

    networkx's own algorithm (``_pagerank_scipy``), step for step on the same sparse matrix
    built in the same entry order, so the results are the same to the last bit (the tests
    check it); it saves building the networkx graph and reading it back through its edge view
    twice, which took most of PageRank's time on a large network.
    """
    import networkx as nx
    import numpy as np
    from scipy.sparse import coo_array, dia_array

    N = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    rows = [index[e[0]] for e in ends]
    cols = [index[e[1]] for e in ends]
    A = coo_array((weights, (rows, cols)), shape=(N, N), dtype=float).asformat("csr")
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    Q = dia_array((S.T, 0), shape=A.shape).tocsr()
    A = Q @ A
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    is_dangling = np.where(S == 0)[0]
    for _ in range(1000):
        xlast = x
        x = PAGERANK_ALPHA * (x @ A + sum(x[is_dangling]) * p) + (1 - PAGERANK_ALPHA) * p
        if np.absolute(x - xlast).sum() < N * PAGERANK_TOL:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(1000)


def _centrality(G: Any) -> tuple[dict[str, dict[str, float]], str]:
    """Every measure of every actor, and the eigenvector method (see :func:`centrality`)."""
    with paused_gc():
        return _measures(G)


def _measures(G: Any) -> tuple[dict[str, dict[str, float]], str]:
    nodes = sorted(G.nodes())
    if not nodes:
        return {}, "none (no actors)"
    out: dict[str, dict[str, float]] = {n: dict.fromkeys(MEASURES, 0) for n in nodes}
    for n in nodes:
        for m in ("value_in_usd", "value_out_usd", "value_usd"):
            out[n][m] = 0.0
    # One pass for degrees, values and ties; values add up in G.edges() order.
    for u, v, d in edge_data(G):
        row_u, row_v = out[u], out[v]
        row_u["out_degree"] += 1
        row_v["in_degree"] += 1
        val = value_usd(d)
        if val is not None:
            row_u["value_out_usd"] += val
            row_v["value_in_usd"] += val
        if d.get("type") in TIE_TYPES and u != v:
            row_u["ties"] += 1
            row_v["ties"] += 1
    # Betweenness may be under way in a worker (graph.analysis.betweenness): its answer is
    # taken last, after every other measure, so that the two overlap.
    job = take(G)
    if job is not None and job.nodes != nodes:  # G changed since it was handed over: start again
        job = None
    # The dependency and relation views' edges, without the views (see _pair_weights).
    dep, rel = job.pair_weights if job is not None else _pair_weights(G)
    for a, row in dep.items():
        for b, (count, _) in row.items():
            out[a]["dependencies"] += count
            out[b]["dependents"] += count
    # relation_view(G) as PageRank reads it: its edges in order, weighted by count or USD value.
    ends = [(a, b, c, t) for a in nodes for b, (c, t) in rel.get(a, {}).items()]
    counts = [float(c) for _, _, c, _ in ends]
    usd = [0.0 if t is None else t for _, _, _, t in ends]
    pagerank = _pagerank(nodes, ends, counts)
    pagerank_w = _pagerank(nodes, ends, usd)
    eig, method = eigenvector(G)
    # In dependency_view(G).edges() order, as igraph's sums follow it.
    between = job.result() if job is not None else betweenness(nodes, dependency_edges(nodes, dep))
    for n in nodes:
        row = out[n]
        row["degree"] = row["in_degree"] + row["out_degree"]
        row["value_usd"] = row["value_in_usd"] + row["value_out_usd"]
        row["betweenness"] = float(between.get(n, 0.0))
        row["pagerank"] = float(pagerank.get(n, 0.0))
        row["pagerank_weighted"] = float(pagerank_w.get(n, 0.0))
        row["eigenvector"] = float(eig.get(n, 0.0))
    return out, method


def centrality(G: Any) -> dict[str, dict[str, float]]:
    """Centrality measures of every actor in a snapshot.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot from :func:`graph.network.snapshot.snapshot` (or any ``MultiDiGraph`` whose edges
        carry ``type`` and, optionally, ``value``, ``unit`` and ``symmetric``).

    Returns
    -------
    dict
        Actor IRI (every node, sorted) to a dict of the :data:`MEASURES`:

        - ``in_degree``, ``out_degree``, ``degree``: relations naming the actor as counterparty,
          as actor, and both (``degree = in_degree + out_degree``), in the data's direction.
        - ``dependencies``, ``dependents``: dependency relations in which the actor relies on
          another, or another relies on it (see :mod:`graph.analysis.views`).
        - ``ties``: relations that are not dependencies (partnership, investment, stake,
          subsidiary, joint venture) the actor takes part in.
        - ``betweenness``: normalised betweenness on the dependency view (directed).
        - ``pagerank``: PageRank (alpha 0.85) on :func:`graph.analysis.views.relation_view`,
          each pair weighted by its number of relations.
        - ``eigenvector``: see :func:`eigenvector` (Katz where it fails; use
          :func:`centrality_table` to learn which).
        - ``value_in_usd``, ``value_out_usd``, ``value_usd``: the sum of known values in USD of
          the relations counted in ``in_degree``, ``out_degree``, ``degree``.
        - ``pagerank_weighted``: the same PageRank, each pair weighted by its known value in
          USD; relations without a USD value weigh nothing.

    Notes
    -----
    A partnership is stored once, in the direction the data states it: it counts in one
    actor's ``out_degree`` and the other's ``in_degree``, but both ways for PageRank. Degrees
    count relations, so two relations between the same actors count twice. Betweenness is
    unweighted (a contract's value is not a distance). Isolated actors keep PageRank
    ``(1 - alpha) / n`` plus their share of the dangling mass.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="buysComputeFrom:1", type="buysComputeFrom")
    >>> _ = G.add_edge("b", "c", key="buysComputeFrom:2", type="buysComputeFrom")
    >>> c = centrality(G)
    >>> c["b"]["degree"], c["b"]["betweenness"]
    (2, 0.5)
    """
    return _centrality(G)[0]


def ranks(scores: dict[str, float]) -> dict[str, int]:
    """Competition ranks ("1224"): 1 for the highest score, equal scores share a rank.

    Parameters
    ----------
    scores : dict
        Actor to score.

    Returns
    -------
    dict
        Actor to rank.

    Examples
    --------
    >>> ranks({"a": 3, "b": 5, "c": 3, "d": 1})
    {'b': 1, 'a': 2, 'c': 2, 'd': 4}
    """
    order = sorted(scores, key=lambda a: (-scores[a], a))
    out: dict[str, int] = {}
    prev = None
    for i, a in enumerate(order, start=1):
        if prev is None or scores[a] != scores[prev]:
            rank = i
        out[a] = rank
        prev = a
    return out


def centrality_table(G: Any, *, digits: int = 6, top: int = 5) -> dict[str, Any]:
    """Centrality of every actor with its label and class, ready for a report.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A snapshot.
    digits : int, optional
        Floats are rounded to this many decimals, so equal inputs give equal bytes.
    top : int, optional
        How many actors to list per measure in ``top``.

    Returns
    -------
    dict
        ``at`` (the snapshot's date), ``eigenvector_method``, ``measures`` (column names),
        ``actors`` (one row per actor, sorted by IRI: ``actor``, ``label``, ``class`` then the
        measures) and ``top`` (measure to a list of ``{actor, label, value, rank}``: the
        ``top`` highest non-zero scores, ties broken by IRI).
    """
    with paused_gc():  # a row per actor, and columns and ranks per measure: see paused_gc
        return _table(G, digits, top)


def _table(G: Any, digits: int, top: int) -> dict[str, Any]:
    scores, method = _centrality(G)
    rows = []
    for iri, m in scores.items():
        attrs = G.nodes[iri]
        row: dict[str, Any] = {
            "actor": iri,
            "label": attrs.get("label") or iri,
            # every class of the actor, sorted (the primary first), so a two-class actor reads
            # "Chipmaker + CloudProvider" and a one-class actor just its class
            "class": " + ".join(attrs.get("classes") or ([attrs["class"]] if attrs.get("class") else [])),
        }
        for name in MEASURES:
            val = m[name]
            row[name] = int(val) if name in COUNT_MEASURES else _round(val, digits)
        rows.append(row)
    tops: dict[str, list[dict[str, Any]]] = {}
    for name in MEASURES:
        col = {r["actor"]: r[name] for r in rows}
        rk = ranks(col)
        # ranks() lists actors best first (score down, then IRI): no second sort needed.
        best = [a for a in rk if col[a] > 0][:top]
        tops[name] = [{"actor": a, "label": G.nodes[a].get("label") or a, "value": col[a], "rank": rk[a]} for a in best]
    return {
        "at": G.graph.get("at"),
        "eigenvector_method": method,
        "betweenness_view": "dependency",
        "pagerank_alpha": PAGERANK_ALPHA,
        "measures": list(MEASURES),
        "actors": rows,
        "top": tops,
    }


def _round(value: float, digits: int) -> float:
    r = round(float(value), digits)
    return 0.0 if r == 0 else r
