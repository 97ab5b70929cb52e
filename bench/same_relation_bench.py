"""Bench for issue 20 point 6: n relation nodes, every pair linked with aikg:sameRelationAs.

Writes the Turtle file for each n and times ``aikg validate --data FILE`` and ``aikg query actors
--data FILE`` in fresh processes (wall and CPU time of the child), so the figures include startup.

    python bench/same_relation_bench.py            # n = 10, 20, 30, 40
    python bench/same_relation_bench.py 40 80      # other sizes
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREFIXES = """\
@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .
@prefix actor: <https://w3id.org/ai-infra-kg/id/actor/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
"""


def clique(n: int) -> str:
    """``n`` statements of one tie (OpenAI buys compute from Oracle), each linked to every other."""
    lines = [PREFIXES, 'ex:src a aikg:Source ; dcterms:title "A report" .']
    for i in range(n):
        others = " , ".join(f"ex:r{j}" for j in range(n) if j != i)
        lines.append(
            f'ex:r{i} a aikg:Relation ; aikg:factId "S{i}" ; aikg:actor actor:openai ; '
            "aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:oracle ; "
            f'aikg:validFrom "2025-07-01"^^xsd:date ; aikg:status "reported" ; prov:wasDerivedFrom ex:ev{i} '
            + (f"; aikg:sameRelationAs {others} ." if others else ".")
        )
        lines.append(f"ex:ev{i} a aikg:Evidence ; aikg:inSource ex:src .")
    return "\n".join(lines) + "\n"


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the child and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def main(sizes: list[int]) -> None:
    env_cmd = [sys.executable, "-W", "ignore", "-m", "graph.cli.main"]
    os.environ.setdefault("AIKG_TODAY", "2026-12-03")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'n':>4} {'links':>6} {'command':<14} {'wall s':>7} {'cpu s':>7} exit")
        for n in sizes:
            path = Path(tmp) / f"clique-{n}.ttl"
            path.write_text(clique(n), encoding="utf-8")
            for name, extra in (("validate", ["validate"]), ("query actors", ["query", "actors"])):
                wall, cpu, code = timed([*env_cmd, *extra, "--data", str(path)])
                print(f"{n:>4} {n * (n - 1):>6} {name:<14} {wall:>7.2f} {cpu:>7.2f} {code}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 20, 30, 40])
