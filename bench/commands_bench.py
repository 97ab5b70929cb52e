"""Everyday commands on the shipped data, against the bare ``import rdflib, networkx`` (issue #17).

Each run is a fresh process, timed by its wall clock from start to exit, as a user's shell would
time it. The commands are run in pairs with the baseline (baseline, command, baseline, command...)
so that both see the same machine load, and each ratio is the median command time over the median
baseline time of the same run. Two states of aikg's cache (graph/core/cache.py) are measured:

- ``warm``: what a user sees from the second run of a command on unchanged inputs (the first
  run of the bench fills the cache);
- ``cold``: every run with ``AIKG_CACHE=off``, what the first run after an edit costs.

Goals (issue #17, warm): ``aikg query`` at most 2x the baseline, ``aikg report`` at most 6x,
``aikg build`` at most 16x. Run:

    python bench/commands_bench.py             # 5 runs each
    python bench/commands_bench.py --runs 3 --json

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

GOALS = {"query": 2.0, "report": 6.0, "build": 16.0}
BASELINE = [sys.executable, "-c", "import rdflib, networkx"]


def commands(out: Path) -> dict[str, list[str]]:
    aikg = [sys.executable, "-m", "graph.cli.main"]
    return {
        "query": [*aikg, "query", "actors"],
        "report": [*aikg, "report", "--out", str(out / "report")],
        "build": [*aikg, "build", "--out", str(out / "build")],
    }


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def measure(runs: int, state: str, cache_dir: str) -> dict[str, dict[str, float]]:
    # The commands as the README writes them: no AIKG_TODAY, today is the clock's.
    env = {**os.environ, "AIKG_CACHE_DIR": cache_dir}
    if state == "cold":
        env["AIKG_CACHE"] = "off"
    else:
        env.pop("AIKG_CACHE", None)
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="aikg-bench-") as tmp:
        for name, argv in commands(Path(tmp)).items():
            if state == "warm":
                timed(argv, env)  # fills the cache: the runs below are the second and later
            base, cmd = [], []
            for _ in range(runs):
                base.append(timed(BASELINE, env))
                cmd.append(timed(argv, env))
            b, c = statistics.median(base), statistics.median(cmd)
            rows[name] = {"baseline_s": round(b, 3), "command_s": round(c, 3), "ratio": round(c / b, 1)}
    return rows


HEAVY = ("numpy", "scipy", "matplotlib", "pyshacl", "igraph", "pyvis", "jinja2", "pandas", "spacy")

_IMPORTS = """
import contextlib, io, sys
from graph.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print("imports:" + ",".join(m for m in HEAVY if m in sys.modules and sys.modules[m] is not None))
"""


def imports(cache_dir: str) -> dict[str, list[str]]:
    """The heavy libraries each command imports, warm (run twice, the second one read)."""
    env = {**os.environ, "AIKG_CACHE_DIR": cache_dir}
    env.pop("AIKG_CACHE", None)
    found = {}
    with tempfile.TemporaryDirectory(prefix="aikg-bench-") as tmp:
        for name, argv in commands(Path(tmp)).items():
            code = f"HEAVY = {HEAVY!r}\n" + _IMPORTS
            for _ in range(2):
                got = subprocess.run(
                    [sys.executable, "-c", code, *argv[3:]], check=True, capture_output=True, text=True, env=env
                )
            line = [t for t in got.stdout.splitlines() if t.startswith("imports:")][-1]
            found[name] = [m for m in line[len("imports:") :].split(",") if m]
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    # As installed by pip, which compiles the modules: a checkout run with PYTHONDONTWRITEBYTECODE
    # would compile about fifty modules on every run (0.05 s) and measure that instead.
    import graph

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(graph.__file__).parent)], check=True)
    with tempfile.TemporaryDirectory(prefix="aikg-bench-cache-") as cache_dir:
        figures = {state: measure(args.runs, state, cache_dir) for state in ("warm", "cold")}
        heavy = imports(cache_dir)
    if args.json:
        print(json.dumps({**figures, "imports": heavy}, indent=2, sort_keys=True))
        return 0
    print(f"median of {args.runs} paired runs; baseline: python -c 'import rdflib, networkx'")
    print(f"{'command':<8} {'cache':<5} {'baseline s':>10} {'command s':>10} {'ratio':>6} {'goal':>6}  met")
    for state, rows in figures.items():
        for name, r in rows.items():
            goal = GOALS[name]
            met = "yes" if r["ratio"] <= goal else "no"
            shown = met if state == "warm" else "-"
            print(
                f"{name:<8} {state:<5} {r['baseline_s']:>10.2f} {r['command_s']:>10.2f} {r['ratio']:>5.1f}x "
                f"{goal:>5.0f}x  {shown}"
            )
    for name, libs in heavy.items():
        print(f"aikg {name} (warm) imports: {', '.join(libs) or 'none of ' + '/'.join(HEAVY[:5])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
