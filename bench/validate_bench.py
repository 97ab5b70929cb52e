"""Bench for issue 20 point 5: what the validation gate of the analysing commands costs.

Times, in fresh processes (CPU seconds of the child, best of ``--repeat``), ``aikg report`` on the
shipped layers, ``aikg report --data FILE`` with a small valid file (the gate checks the file's
nodes) and ``aikg validate`` (the whole graph). Run it from a checkout; ``--root DIR`` times
another checkout (for a before/after comparison, e.g. the integrate branch).

    python bench/validate_bench.py [--root DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

SMALL = """\
@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .
@prefix actor: <https://w3id.org/ai-infra-kg/id/actor/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:r a aikg:Relation ; aikg:factId "B1" ; aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty actor:oracle ; aikg:validFrom "2025-07-01"^^xsd:date ; aikg:status "reported" ;
    prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source ; dcterms:title "A report" .
"""


def cpu(args: list[str], cwd: Path) -> tuple[float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    os.environ.setdefault("AIKG_TODAY", "2026-12-03")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.ttl"
        small.write_text(SMALL, encoding="utf-8")
        out = Path(tmp) / "out"
        cases = {
            "report": ["report", "--out", str(out)],
            "report --data small.ttl": ["report", "--out", str(out), "--data", str(small)],
            "validate": ["validate"],
        }
        print(f"root {opts.root}")
        for name, args in cases.items():
            command = [sys.executable, "-W", "ignore", "-m", "graph.cli.main", *args]
            runs = [cpu(command, opts.root) for _ in range(opts.repeat)]
            print(f"{name:<26} cpu {min(c for c, _ in runs):6.2f} s (best of {opts.repeat}), exit {runs[0][1]}")


if __name__ == "__main__":
    main()
