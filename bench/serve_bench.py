"""``aikg serve`` (its own front, queries in killable worker processes) against the plain
``oxigraph serve-read-only`` it replaced, on the same store: what the hardening costs per query.

Both servers serve one store built by ``aikg load`` from the shipped layers (or a synthetic graph
with ``--synth ACTORS,RELATIONS``) on 127.0.0.1. For each: the median latency of --requests
sequential requests of a selective query and of ``ASK {}``, and the wall time of 200 requests
sent at once by 200 threads. Run:

    python bench/serve_bench.py
    python bench/serve_bench.py --synth 8000,80000 --requests 200

Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, oxigraph_binary, stop, wait_http  # noqa: E402

SELECTIVE = (
    "SELECT ?s ?label WHERE { ?s a <https://w3id.org/ai-infra-kg/ontology#AILab> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label"
)


def ask(base: str, text: str) -> float:
    started = time.perf_counter()
    data = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(base + "/query", data=data, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        resp.read()
    return time.perf_counter() - started


def measure(base: str, requests: int) -> dict[str, float]:
    for _ in range(5):
        ask(base, SELECTIVE)  # warm
    out = {}
    for name, text in (("ASK {}", "ASK {}"), ("selective", SELECTIVE)):
        out[name] = statistics.median(ask(base, text) for _ in range(requests)) * 1000
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=200) as ex:
        list(ex.map(lambda _: ask(base, SELECTIVE), range(200)))
    out["200 at once"] = (time.perf_counter() - started) * 1000
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--synth", metavar="ACTORS,RELATIONS", help="serve a synthetic graph of this size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        load = [sys.executable, "-m", "graph", "load", "--store", f"oxigraph:{store}"]
        if args.synth:
            actors, relations = args.synth.split(",")
            data = Path(tmp) / "synth.ttl"
            synth = ["synth", "--actors", actors, "--relations", relations, "--out", str(data)]
            subprocess.run(
                [sys.executable, "-m", "graph", *synth],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            load += ["--data", str(data)]
        subprocess.run(load, cwd=ROOT, check=True, capture_output=True)
        rows = {}
        for name in ("oxigraph serve-read-only", "aikg serve"):
            port = free_port()
            if name == "aikg serve":
                command = [sys.executable, "-m", "graph", "serve", "--store", f"oxigraph:{store}", "--port", str(port)]
            else:
                bind = f"127.0.0.1:{port}"
                command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind]
            process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            base = f"http://127.0.0.1:{port}"
            try:
                wait_http(base + "/query?query=ASK%7B%7D", process)
                rows[name] = measure(base, args.requests)
            finally:
                stop(process)
    columns = list(next(iter(rows.values())))
    print(f"{'server':26}" + "".join(f"{c + ' ms':>16}" for c in columns))
    for name, row in rows.items():
        print(f"{name:26}" + "".join(f"{row[c]:16.2f}" for c in columns))


if __name__ == "__main__":
    main()
