"""aikg on a server engine beyond one process: the synthetic graph pushed into Virtuoso with ``aikg
load --endpoint``, then queried and reported on through ``--endpoint``.

Starts a throwaway Virtuoso on 127.0.0.1 (as the tests do, tests/servers.py; Debian's
``virtuoso-opensource-7-bin``), loads the shipped layers and the synthetic file (the README's
``aikg load`` defaults) by the Graph Store Protocol, then times ``aikg query`` (a count of the
triples) and ``aikg report`` on the endpoint, each a fresh process: wall time and peak memory of
aikg's process (Virtuoso's own memory is reported apart, from its process). Run:

    python bench/endpoint_bench.py --sizes 1M
    python bench/endpoint_bench.py --sizes 100k --keep /tmp/virtuoso   # keep the database

Nothing here is a test: it prints figures, and the README quotes them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale_bench import SIZES, synth_file  # noqa: E402
from tests.servers import VIRTUOSO_GRAPH, virtuoso_server  # noqa: E402


def timed(args: list[str], timeout: float) -> tuple[float, float, str]:
    """Run ``aikg ARGS`` in a fresh process: (seconds, peak MB, its output's last line)."""
    with tempfile.TemporaryFile("w+") as sink:  # a pipe would fill up and stop a long answer
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "graph", *args], stdout=sink, text=True, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        sink.seek(0)
        out = sink.read()
    if status:
        raise SystemExit(f"aikg {' '.join(args)} failed (status {status})")
    lines = [x for x in out.splitlines() if x.strip()]
    return seconds, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def server_mb(pattern: str = "virtuoso-t") -> float:
    """Peak resident memory (VmHWM) of the Virtuoso process, MB."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
                if pattern.encode() in cmd:
                    for line in Path(f"/proc/{entry}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            return int(line.split()[1]) / 1024
            except OSError:
                continue
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1M")
    parser.add_argument("--keep", metavar="DIR", help="the Virtuoso database folder (default: a new one, removed)")
    parser.add_argument("--timeout", type=float, default=600.0, help="--timeout of each aikg request, seconds")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aikg-endpoint-"))
    for size in args.sizes.split(","):
        actors, relations = SIZES[size]
        ttl = work / f"synth-{size}.ttl"
        synth_file(ttl, actors, relations)
        folder = Path(args.keep) if args.keep else work / f"virtuoso-{size}"
        with virtuoso_server(folder) as url:
            gsp = url + "-graph-crud?graph-uri=" + VIRTUOSO_GRAPH
            to = ["--timeout", str(args.timeout)]
            rows = []
            load = timed(["load", "--endpoint", url, "--graph-store", gsp, "--data", str(ttl), *to], args.timeout * 4)
            rows.append(("aikg load --endpoint (push)", load))
            count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
            rows.append(("aikg query COUNT --endpoint", timed(["query", count, "--endpoint", url, *to], args.timeout)))
            rows.append(
                ("aikg query actors --endpoint", timed(["query", "actors", "--endpoint", url, *to], args.timeout))
            )
            report = timed(["report", "--endpoint", url, "--out", str(work / f"report-{size}"), *to], args.timeout)
            rows.append(("aikg report --endpoint", report))
            virtuoso = server_mb()
        print(f"{size}: Virtuoso at {url} (peak {virtuoso:.0f} MB)")
        for label, (sec, peak, last) in rows:
            print(f"  {label:<30} {sec:8.1f} s {peak:8.0f} MB   {last[:90]}")


if __name__ == "__main__":
    main()
