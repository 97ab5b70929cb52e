"""The extractor's work grows linearly with its input (issue #20, point 2).

`python3 -c "print('123 '*16384)"` took 125 s at 64 KB when the amount patterns backtracked over
runs of numbers (a 4x longer input, 16x the time). Here every stage that scans the whole text (the
amounts, the dates, the sentences, the gazetteer, then the whole pipeline) runs on 16 KB and on
64 KB of hostile inputs: repeated numbers, separators, newlines, long whitespace after a number,
words the patterns look for. The ratio of the two times is asserted loosely: below 10 where linear
work gives about 4 and quadratic work 16. Each time is the best of three runs, with the garbage
collector paused, so that a busy machine does not make a linear stage look quadratic.
"""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest

from graph.extract import amounts, extract, temporal
from graph.extract import text as text_mod
from graph.extract.gazetteer import Gazetteer
from graph.extract.text import fold

KB16, KB64 = 16 * 1024, 64 * 1024
MAX_RATIO = 10

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


@pytest.fixture(scope="module")
def stages(article_graph):
    gaz = Gazetteer(article_graph, "fr")
    pub = dt.date(2025, 11, 3)
    return {
        "amounts": lambda s: amounts.find_amounts(s, fold(s), "fr"),
        "dates": lambda s: temporal.find_whens(s, fold(s), pub),
        "sentences": text_mod.clauses,
        "gazetteer": lambda s: gaz.find(s, fold(s)),
        "pipeline": lambda s: extract(
            s, article_graph, published="2025-11-03", lang="fr", use_ner=False, use_parser=False
        ),
    }


@pytest.mark.parametrize("lead", [False, True], ids=["repeated", "a number then the run"])
@pytest.mark.parametrize("unit", list(UNITS), ids=list(UNITS))
def test_work_grows_linearly(stages, unit, lead):
    small, large = _hostile(UNITS[unit], KB16, lead), _hostile(UNITS[unit], KB64, lead)
    for name, fn in stages.items():
        t16, t64 = _best_time(fn, small), _best_time(fn, large)
        # a floor of a millisecond keeps timer noise on near-empty work from counting as growth
        ratio = max(t64, 1e-3) / max(t16, 1e-3)
        assert ratio < MAX_RATIO, f"{name} on {unit!r}: {t16:.3f} s at 16 KB, {t64:.3f} s at 64 KB (x{ratio:.1f})"


def test_the_input_of_the_report_names_no_amount():
    """16,384 times '123 ' (the input of issue #20): bare numbers are no amount of anything."""
    text = "123 " * 16384
    assert amounts.find_amounts(text, fold(text), "fr") == []
