"""How the extractor's work grows with its input (issue #20, point 2): a bench, not a test.

`python3 -c "print('123 '*16384)"` took 125 s at 64 KB when the amount patterns backtracked over
runs of numbers (a 4x longer input, 16x the time). Every stage that scans the whole text (the
amounts, the dates, the sentences, the gazetteer, then the whole pipeline) runs here on 16 KB and
on 64 KB of hostile inputs: repeated numbers, separators, newlines, long whitespace after a
number, words the patterns look for. It prints each ratio of the two times (best of three runs,
the garbage collector paused): about 4 for linear work, 16 for quadratic. It moved out of the
tests, which never check a timing; it exits 1 when a ratio reaches --max-ratio (10). Run:

    python bench/extract_growth_bench.py [--max-ratio 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time

from graph.extract import amounts, extract, temporal
from graph.extract import text as text_mod
from graph.extract.gazetteer import Gazetteer
from graph.extract.text import fold
from graph.store.memory import load_graph

KB16, KB64 = 16 * 1024, 64 * 1024

UNITS = {
    "numbers": "123 ",
    "thousands": "1,000,",
    "dotted": "1.000.",
    "digits": "1",
    "newlines": "\n",
    "spaces": " ",
    "milliards": "12 milliards ",
    "dollars": "$1 ",
    "shares": "12 m ",
    "number words": "deux ",
    "sentence ends": ". ",
    "capitals": "Ab ",
    "years": "2026 ",
    "prepositions": "sur les ",
    "actors": "OpenAI, Nvidia et ",
    "deal": "OpenAI a signé avec Amazon un accord de cloud avec ",
}


def _hostile(unit: str, size: int, lead: bool) -> str:
    body = (unit * (size // len(unit) + 1))[: size - (1 if lead else 0)]
    return ("1" + body) if lead else body


def _best_time(fn, arg) -> float:
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            fn(arg)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def stages() -> dict:
    graph = load_graph("article", [])
    gaz = Gazetteer(graph, "fr")
    pub = dt.date(2025, 11, 3)
    return {
        "amounts": lambda s: amounts.find_amounts(s, fold(s), "fr"),
        "dates": lambda s: temporal.find_whens(s, fold(s), pub),
        "sentences": text_mod.clauses,
        "gazetteer": lambda s: gaz.find(s, fold(s)),
        "pipeline": lambda s: extract(s, graph, published="2025-11-03", lang="fr", use_ner=False, use_parser=False),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-ratio", type=float, default=10.0)
    args = ap.parse_args()
    worst = 0.0
    print(f"{'input':<28} {'stage':<10} {'16 KB s':>8} {'64 KB s':>8} {'ratio':>6}")
    for name, fn in stages().items():
        for unit in UNITS:
            for lead in (False, True):
                small, large = _hostile(UNITS[unit], KB16, lead), _hostile(UNITS[unit], KB64, lead)
                t16, t64 = _best_time(fn, small), _best_time(fn, large)
                # a floor of a millisecond keeps timer noise on near-empty work from counting as growth
                ratio = max(t64, 1e-3) / max(t16, 1e-3)
                worst = max(worst, ratio)
                label = unit + (" after a number" if lead else "")
                print(f"{label:<28} {name:<10} {t16:>8.3f} {t64:>8.3f} {ratio:>6.1f}")
    print(f"largest ratio {worst:.1f} (linear work about 4, quadratic 16; limit {args.max_ratio:g})")
    return 1 if worst >= args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
