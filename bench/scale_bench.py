"""aikg against the plain stack a user would otherwise write, at about 10k, 100k and 1M triples.

Plain stack: rdflib's in-memory graph and Turtle parser, rdflib's SPARQL engine,
``rdflib_to_networkx_multidigraph`` and networkx measures on what it returns. aikg: ``aikg load``
into an embedded Oxigraph store (which also saves the network index), bundled-style queries through
aikg's runner next to the same query on raw pyoxigraph, a snapshot, and ``aikg report`` end to end:
on the store as ``aikg load`` left it, on the store without its network index (the report reads
the triples), and ``aikg load`` plus ``aikg report`` from the Turtle file. The plain stack's "full
report" always starts from the Turtle file, as a user of the plain stack would.

Each step runs in a fresh process, so its wall time and peak memory are its own: peak memory is
the larger of the largest process's ru_maxrss and the sum of the peaks (VmHWM) of every process of
the step's tree (``aikg report`` runs a worker process on large networks), an upper bound.
Figures are medians over --runs runs. Run:

    python bench/scale_bench.py                      # 10k, 100k and 1M triples
    python bench/scale_bench.py --sizes 10k --runs 1 # a quick look
    python bench/scale_bench.py --only-queries       # aikg queries against raw pyoxigraph only
    python bench/scale_bench.py --readme --sizes 1M --runs 3   # what the README's commands cost
    python bench/scale_bench.py --readme --sizes 10M --runs 1

``--readme`` measures what a user runs, as the README writes it, defaults included (the shipped
layers loaded beside the synthetic file): ``aikg load --store oxigraph:DIR --data big.ttl`` into a
new folder, raw pyoxigraph's ``Store(DIR).bulk_load(path=big.ttl)`` of the same file into a new
on-disk store in the same run (the ratio is aikg's time over it), then ``aikg report --store
oxigraph:DIR``. It prints the table the README quotes.

Nothing here is a test: it prints figures, and the README quotes them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {"10k": (80, 800), "100k": (800, 8000), "1M": (8000, 80000), "10M": (80000, 800000)}
PLAIN_TIMEOUT = 900  # default seconds a plain-stack step may take before it is reported as "> limit"

QUERIES = {
    "selective": """
        SELECT ?r ?type ?b ?value WHERE {
          ?r aikg:actor <https://w3id.org/ai-infra-kg/id/synthetic/actor/a0> ; aikg:relationType ?type ;
             aikg:counterparty ?b .
          OPTIONAL { ?r aikg:value ?value }
        } ORDER BY ?r""",
    "aggregate": """
        SELECT ?a (COUNT(?r) AS ?n) (SUM(?v) AS ?usd) WHERE {
          ?r aikg:actor ?a .
          OPTIONAL { ?r aikg:value ?v ; aikg:unit "USD" }
        } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 20""",
    "two-hop": """
        SELECT ?a ?b ?c WHERE {
          ?r1 aikg:relationType aikg:buysComputeFrom ; aikg:actor ?a ; aikg:counterparty ?b .
          ?r2 aikg:relationType aikg:procuresChipsFrom ; aikg:actor ?b ; aikg:counterparty ?c .
        } ORDER BY ?a ?b ?c LIMIT 100""",
}
PREFIX = "PREFIX aikg: <https://w3id.org/ai-infra-kg/ontology#>\n"
QUERY_REPEATS = 21  # calls per query and path in one process (median)


# --------------------------------------------------------------------------- workers
def worker(step: str, args: list[str]) -> dict:
    """Run one step in this process; return its figures (seconds and extras)."""
    t0 = time.perf_counter()
    out: dict = {}
    if step == "plain-load":
        import rdflib

        g = rdflib.Graph()
        g.parse(args[0], format="turtle")
        out["triples"] = len(g)
    elif step == "plain-queries":
        import rdflib

        g = rdflib.Graph()
        g.parse(args[0], format="turtle")
        t0 = time.perf_counter()
        for name, q in QUERIES.items():
            t = time.perf_counter()
            rows = list(g.query(PREFIX + q))
            out[name] = time.perf_counter() - t
            out[name + "_rows"] = len(rows)
    elif step == "plain-snapshot":
        import rdflib
        from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

        g = rdflib.Graph()
        g.parse(args[0], format="turtle")
        t0 = time.perf_counter()
        G = rdflib_to_networkx_multidigraph(g)
        out["nodes"] = G.number_of_nodes()
    elif step == "plain-report":
        # What a user would write: parse, convert, then degree, betweenness, PageRank, eigenvector.
        import networkx as nx
        import rdflib
        from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

        g = rdflib.Graph()
        g.parse(args[0], format="turtle")
        G = nx.DiGraph(rdflib_to_networkx_multidigraph(g))
        dict(G.degree())
        nx.betweenness_centrality(G)
        nx.pagerank(G)
        nx.eigenvector_centrality(G.to_undirected(), max_iter=1000)
    elif step == "aikg-load":
        subprocess.run(
            [
                sys.executable,
                "-m",
                "graph",
                "load",
                "--store",
                f"oxigraph:{args[1]}",
                "--layers",
                "",
                "--data",
                args[0],
                "--replace",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    elif step == "raw-bulk-load":
        # What pyoxigraph alone does with the file: its bulk loader into a new on-disk store.
        import shutil

        import pyoxigraph

        shutil.rmtree(args[1], ignore_errors=True)
        store = pyoxigraph.Store(args[1])
        store.bulk_load(path=args[0], format=pyoxigraph.RdfFormat.TURTLE)
        store.flush()
        out["triples"] = len(store)
    elif step == "readme-load":
        # The README's command as written: the shipped layers (the default) beside the file.
        import shutil

        shutil.rmtree(args[1], ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "graph", "load", "--store", f"oxigraph:{args[1]}", "--data", args[0]],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    elif step == "readme-report":
        # The report's first run after the load: an empty cache (a second run reads its charts back).
        with tempfile.TemporaryDirectory() as cache:
            subprocess.run(
                [sys.executable, "-m", "graph", "report", "--store", f"oxigraph:{args[1]}", "--out", args[2]],
                check=True,
                stdout=subprocess.DEVNULL,
                env={**os.environ, "AIKG_CACHE_DIR": cache},
            )
    elif step == "aikg-queries":
        import pyoxigraph

        from graph.query.runner import run_query
        from graph.store.oxigraph import open_store

        g = open_store(args[1])
        raw = g.store._inner  # the same Oxigraph store, queried directly
        t0 = time.perf_counter()
        for name, q in QUERIES.items():
            # Both paths warmed alike (the first call of a process imports and compiles), then
            # each timed over several calls in turn, median: a lookup takes well under a millisecond.
            rows = list(raw.query(PREFIX + q))
            res = run_query(g, q)
            assert len(res.rows) == len(rows), (name, len(res.rows), len(rows))
            raw_times, aikg_times = [], []
            for _ in range(QUERY_REPEATS):
                t = time.perf_counter()
                list(raw.query(PREFIX + q))
                raw_times.append(time.perf_counter() - t)
                t = time.perf_counter()
                run_query(g, q)
                aikg_times.append(time.perf_counter() - t)
                if sum(aikg_times) > 10:  # a slow query is timed fewer times
                    break
            out[name + "_raw"] = statistics.median(raw_times)
            out[name] = statistics.median(aikg_times)
        del pyoxigraph
    elif step == "aikg-snapshot":
        from graph.network.fetch import build_snapshot
        from graph.store.oxigraph import open_store

        G = build_snapshot(open_store(args[1]), "2026-11-29")
        out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    elif step in ("aikg-report", "aikg-report-cold"):
        if step == "aikg-report-cold":
            # Without the network index: the report reads the store's triples (and saves the
            # index again for the next run).
            (Path(args[1]) / "aikg-network.json").unlink(missing_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "graph",
                "report",
                "--store",
                f"oxigraph:{args[1]}",
                "--at",
                "2026-11-29",
                "--out",
                args[2],
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        raise SystemExit(f"unknown step {step}")
    out["seconds"] = time.perf_counter() - t0
    return out


#: Steps whose worker only starts an aikg command and waits: their memory is the command's.
COMMAND_STEPS = ("aikg-load", "aikg-report", "aikg-report-cold", "readme-load", "readme-report")


def _tree_hwm(root: int, *, with_root: bool = True) -> dict[int, int]:
    """Peak resident memory so far (``VmHWM``, kB) of every process below ``root`` (and of
    ``root``), by pid.

    ``ru_maxrss`` gives the largest single process, not the sum: ``aikg report`` on a large
    network runs a worker process beside the main one (graph/core/worker.py), and both count.
    """
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    if not with_root:
        tree.discard(root)
    out = {}
    for pid in tree:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        out[pid] = int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return out


def run_step(step: str, args: list[str], runs: int, timeout: float | None) -> dict:
    results = []
    for _ in range(runs):
        pid_cmd = [sys.executable, __file__, "--worker", step, *args]
        proc = subprocess.Popen(pid_cmd, stdout=subprocess.PIPE, text=True)
        start = time.perf_counter()
        timed_out = False
        peaks: dict[int, int] = {}  # pid -> its peak resident memory, as last seen
        while True:
            pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peaks.update(_tree_hwm(proc.pid, with_root=step not in COMMAND_STEPS))
            if timeout and time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.1)
        if timed_out:
            return {"seconds": None, "timeout": timeout}
        if _status:
            raise SystemExit(f"step {step} failed (status {_status}); see its error above")
        fig = json.loads(proc.stdout.read() or "{}")
        # The larger of the largest single process (exact) and the sum of every process's own
        # peak: an upper bound of the tree's peak, whether or not the peaks came together.
        fig["peak_mb"] = max(usage.ru_maxrss, sum(peaks.values())) / 1024
        results.append(fig)
        proc.stdout.close()
    merged = {}
    for key in results[0]:
        vals = [r[key] for r in results if isinstance(r.get(key), (int, float))]
        merged[key] = statistics.median(vals) if vals else results[0][key]
    return merged


def mb(value: float | None) -> str:
    """Peak memory in MB, or ``-`` for a step cut at its time limit (nothing measured)."""
    return "-" if value is None else f"{value:.0f}"


def fmt(sec: float | None, limit: float | None = None) -> str:
    if sec is None:
        return f"> {limit:.0f} s" if limit else "-"
    if sec < 0.01:
        return f"{sec * 1000:.2f} ms"
    return f"{sec:.3f} s" if sec < 10 else f"{sec:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain-runs", type=int, default=1, help="runs of the slow plain-stack steps")
    parser.add_argument("--plain-timeout", type=float, default=PLAIN_TIMEOUT, metavar="SECONDS")
    parser.add_argument("--table", metavar="FILE", help="print the table of rows saved by earlier runs (stderr)")
    parser.add_argument(
        "--only-queries",
        action="store_true",
        help="only aikg's queries against raw pyoxigraph (after aikg load): the plain stack's queries are skipped",
    )
    parser.add_argument(
        "--readme",
        action="store_true",
        help="only the README's commands with their defaults (aikg load, aikg report) and raw bulk_load",
    )
    parser.add_argument("--work", metavar="DIR", help="folder for the synthetic files and stores (default: a new one)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], args.worker[1:])))
        return
    if args.table:
        rows = [json.loads(line) for line in Path(args.table).read_text().splitlines() if line.startswith("{")]
        print_table(rows, args)
        return
    limit = args.plain_timeout
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="aikg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes.split(","):
        actors, relations = SIZES[size]
        ttl = work / f"synth-{size}.ttl"
        if args.readme:
            rows.append(readme_row(size, actors, relations, ttl, work, args.runs))
            print(json.dumps(rows[-1]), file=sys.stderr)
            continue
        synth_file(ttl, actors, relations)
        store = work / f"store-{size}"
        plain_runs = args.runs if size != "1M" else args.plain_runs
        r = {"size": size}
        if args.only_queries:
            run_step("aikg-load", [str(ttl), str(store)], 1, None)
            q = run_step("aikg-queries", [str(ttl), str(store)], args.runs, None)
            for name in QUERIES:
                raw = q[name + "_raw"]
                print(
                    f"{size:>5} query {name:<10} aikg {fmt(q[name]):>10}  raw pyoxigraph {fmt(raw):>10}  "
                    f"aikg/raw {q[name] / raw:.2f}"
                )
            continue
        r["plain_load"] = run_step("plain-load", [str(ttl)], plain_runs, limit)
        r["aikg_load"] = run_step("aikg-load", [str(ttl), str(store)], args.runs, None)
        r["plain_queries"] = run_step("plain-queries", [str(ttl)], plain_runs, limit)
        r["aikg_queries"] = run_step("aikg-queries", [str(ttl), str(store)], args.runs, None)
        r["plain_snapshot"] = run_step("plain-snapshot", [str(ttl)], plain_runs, limit)
        r["aikg_snapshot"] = run_step("aikg-snapshot", [str(ttl), str(store)], args.runs, None)
        r["plain_report"] = run_step("plain-report", [str(ttl)], plain_runs, limit)
        r["aikg_report_cold"] = run_step(
            "aikg-report-cold", [str(ttl), str(store), str(work / f"report-{size}")], args.runs, None
        )
        r["aikg_report"] = run_step(
            "aikg-report", [str(ttl), str(store), str(work / f"report-{size}")], args.runs, None
        )
        # From the Turtle file to the report's files: aikg load, then aikg report.
        r["aikg_load_report"] = {
            "seconds": r["aikg_load"]["seconds"] + r["aikg_report"]["seconds"],
            "peak_mb": max(r["aikg_load"]["peak_mb"], r["aikg_report"]["peak_mb"]),
        }
        r["triples"] = r["plain_load"].get("triples") or r["aikg_snapshot"].get("triples")
        r["plain_limit"] = limit
        r["runs"], r["plain_runs"] = args.runs, plain_runs
        rows.append(r)
        print(json.dumps(r), file=sys.stderr)
    if rows and args.readme:
        print_readme_table(rows)
    elif rows:
        print_table(rows, args)


def synth_file(ttl: Path, actors: int, relations: int) -> None:
    """``aikg synth`` of that size, seed 1, into ``ttl``: the file every bench measures."""
    cmd = [sys.executable, "-m", "graph", "synth", "--actors", str(actors), "--relations", str(relations)]
    root = Path(__file__).resolve().parent.parent
    subprocess.run([*cmd, "--seed", "1", "--out", str(ttl)], check=True, stdout=subprocess.DEVNULL, cwd=root)


def readme_row(size: str, actors: int, relations: int, ttl: Path, work: Path, runs: int) -> dict:
    """Raw bulk_load, ``aikg load`` and ``aikg report`` as the README writes them, ``runs`` times
    each in turn (raw, load, report; then again), medians."""
    if not ttl.exists():
        synth_file(ttl, actors, relations)
    raw_dir, store, out = work / f"raw-{size}", work / f"store-{size}", work / f"report-{size}"
    figures: dict[str, list[dict]] = {"raw": [], "load": [], "report": []}
    for _ in range(runs):
        figures["raw"].append(run_step("raw-bulk-load", [str(ttl), str(raw_dir)], 1, None))
        figures["load"].append(run_step("readme-load", [str(ttl), str(store)], 1, None))
        figures["report"].append(run_step("readme-report", [str(ttl), str(store), str(out)], 1, None))
    row: dict = {"size": size, "runs": runs, "triples": figures["raw"][0].get("triples")}
    for name, figs in figures.items():
        row[name] = {
            "seconds": statistics.median(f["seconds"] for f in figs),
            "peak_mb": statistics.median(f["peak_mb"] for f in figs),
            "all_seconds": [round(f["seconds"], 2) for f in figs],
        }
    # The ratio of each run's load to the raw load just before it, then the median.
    row["ratio"] = statistics.median(lo["seconds"] / ra["seconds"] for lo, ra in zip(figures["load"], figures["raw"]))
    return row


def print_readme_table(rows: list[dict]) -> None:
    print(
        f"{'size':>5} {'triples':>10} {'raw bulk_load':>14} {'aikg load':>12} {'ratio':>6} {'load MB':>8} "
        f"{'aikg report':>12} {'report MB':>10}"
    )
    for r in rows:
        print(
            f"{r['size']:>5} {r['triples']:>10} {fmt(r['raw']['seconds']):>14} {fmt(r['load']['seconds']):>12} "
            f"{r['ratio']:>5.1f}x {mb(r['load']['peak_mb']):>8} {fmt(r['report']['seconds']):>12} "
            f"{mb(r['report']['peak_mb']):>10}"
        )
    print(
        "(medians of " + ", ".join(f"{r['size']}: {r['runs']} run(s)" for r in rows) + "; ratio: aikg load over raw "
        "pyoxigraph bulk_load of the same file in the same run; aikg load and aikg report as the README writes "
        "them, shipped layers included; peak MB of the whole process tree)"
    )


def print_table(rows: list[dict], args: argparse.Namespace) -> None:

    print(f"{'size':>5} {'step':<22} {'plain stack':>14} {'aikg':>12} {'ratio':>8} {'plain MB':>9} {'aikg MB':>8}")
    for r in rows:
        for label, p, a in (
            ("load", "plain_load", "aikg_load"),
            ("snapshot", "plain_snapshot", "aikg_snapshot"),
            ("full report", "plain_report", "aikg_report"),
            ("report, no index", "plain_report", "aikg_report_cold"),
            ("load + report", "plain_report", "aikg_load_report"),
        ):
            ps, as_ = r[p].get("seconds"), r[a].get("seconds")
            lim = r.get("plain_limit", PLAIN_TIMEOUT)
            ratio = f"{ps / as_:.1f}x" if ps and as_ else (f"> {lim / as_:.0f}x" if as_ else "-")
            print(
                f"{r['size']:>5} {label:<22} {fmt(ps, lim):>14} {fmt(as_):>12} {ratio:>8} "
                f"{mb(r[p].get('peak_mb')):>9} {mb(r[a].get('peak_mb')):>8}"
            )
        for q in QUERIES:
            ps, as_, raw = r["plain_queries"].get(q), r["aikg_queries"].get(q), r["aikg_queries"].get(q + "_raw")
            ratio = f"{ps / as_:.1f}x" if ps and as_ else "-"
            print(
                f"{r['size']:>5} {'query ' + q:<22} {fmt(ps, r.get('plain_limit')):>14} {fmt(as_):>12} {ratio:>8}   "
                f"raw pyoxigraph {fmt(raw)}, aikg/raw {as_ / raw if raw else 0:.2f}"
            )
    counts = ", ".join(f"{r['size']}={r['triples']}" for r in rows)
    runs = ", ".join(
        f"{r['size']}: {r.get('runs', '?')} run(s) aikg, {r.get('plain_runs', '?')} plain, "
        f"plain limit {r.get('plain_limit', PLAIN_TIMEOUT):.0f} s"
        for r in rows
    )
    print(f"(triples: {counts}; medians; {runs})")


if __name__ == "__main__":
    main()
