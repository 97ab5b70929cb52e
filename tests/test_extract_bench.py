"""The extraction bench: its development/test split, its gold facts, and the figures of
bench/extract_eval.py (issue #16)."""

from __future__ import annotations

import csv
import importlib.util
import json

import pytest

from .conftest import ROOT

TEXTS = ROOT / "bench" / "extract_texts"
SPLIT = json.loads((TEXTS / "split.json").read_text(encoding="utf-8"))
RELATIONS = {
    "buysComputeFrom", "partnersWith", "needsApprovalFrom", "procuresChipsFrom", "suppliesChipsTo", "investsIn",
    "ownsStakeIn", "subsidiaryOf",
}  # fmt: skip
STATUSES = {"announced", "letter-of-intent", "reported", "definitive", "ended"}


def _eval():
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "bench" / "extract_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_text_is_in_exactly_one_set():
    on_disk = sorted(p.relative_to(TEXTS).as_posix() for p in TEXTS.rglob("*.txt"))
    listed = SPLIT["dev"] + SPLIT["test"]
    assert sorted(listed) == on_disk
    assert not set(SPLIT["dev"]) & set(SPLIT["test"])


def test_the_sets_are_balanced_between_languages_and_large_enough():
    for name in ("dev", "test"):
        langs = [
            json.loads((TEXTS / t).with_suffix(".gold.json").read_text(encoding="utf-8"))["lang"] for t in SPLIT[name]
        ]
        assert langs.count("fr") >= 15 and langs.count("en") >= 15, name
    new = [t for t in SPLIT["dev"] + SPLIT["test"] if t.startswith("news/")]
    assert len(new) >= 40  # the texts written for #16 before the extractor changed


def _reference_rows() -> dict[str, dict]:
    rows = {}
    for path in (ROOT / "data").glob("public*/ai-infra-facts*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.update({r["id"]: r for r in csv.DictReader(fh)})
    return rows


@pytest.mark.parametrize("name", SPLIT["dev"] + SPLIT["test"])
def test_each_gold_cites_its_rows_and_agrees_with_them(name):
    gold = json.loads((TEXTS / name).with_suffix(".gold.json").read_text(encoding="utf-8"))
    assert gold["lang"] in ("fr", "en") and len(gold["published"]) == 10
    rows = _reference_rows()
    alias = {"Google Cloud": "Google", "OpenAI Group PBC": "OpenAI", "AWS": "Amazon Web Services"}
    inverse = {"suppliesChipsTo": "procuresChipsFrom", "procuresChipsFrom": "suppliesChipsTo"}
    for rel in gold["relations"]:
        assert rel["type"] in RELATIONS and rel["rows"], rel
        assert rel.get("status", "announced") in STATUSES
        for row_id in rel["rows"]:
            row = rows.get(row_id)
            if row is None:
                continue  # a row of the later reference file (F184 on), not shipped in data/
            if not name.startswith(("news/", "dev/")):
                continue  # the #6 texts also cite a row for a tie its role note states (F055: G42 runs on Azure)
            s, o = (alias.get(row[k], row[k]) for k in ("subject", "object"))
            mine = (
                alias.get(rel["actor"], rel["actor"]),
                rel["type"],
                alias.get(rel["counterparty"], rel["counterparty"]),
            )
            assert mine in {(s, row["relation"], o), (o, inverse.get(row["relation"]), s)}, (row_id, mine)


def test_scoring_counts_a_wrong_value_against_precision_and_recall(article_graph):
    from decimal import Decimal

    from graph.extract import extract

    ev = _eval()
    ex = extract("Nvidia will invest $6 billion in OpenAI.", article_graph, published="2025-09-22", lang="en")
    (c,) = ex.candidates
    key = ev.cand_key(c)
    right = {key: {"id": "F1", "items": {"value": (Decimal(6 * 10**9), "USD")}}}
    wrong = {key: {"id": "F1", "items": {"value": (Decimal(5 * 10**9), "USD")}}}
    assert ev.score([c], right)[1] == {"candidates": 1, "right": 1, "gold": 1, "found_with_value": 1}
    _, head, log = ev.score([c], wrong)
    assert head == {"candidates": 1, "right": 0, "gold": 1, "found_with_value": 0}
    assert any("FP value" in line for line in log) and any("FN value" in line for line in log)
    assert ev.value_match((Decimal("0.9"), "GW"), (Decimal(900), "MW"))


def test_the_evaluation_figures():
    """The development set is where the extractor was tuned: it must stay at the level reached.
    The test set is only measured; its figures are printed by the script and reported in
    docs/extract.md, not tuned for."""
    ev = _eval()
    results = ev.run_all(["--set", "both"])
    dev, test = results["dev"]["headline"], results["test"]["headline"]
    # recall floor 0.90 since the fifth batch (21 texts written to stress precision, several of their facts
    # in phrasing the extractor does not read yet; docs/extract.md)
    assert dev["precision"] >= 0.95 and dev["recall_with_values"] >= 0.90, dev
    assert results["seed"]["headline"]["precision"] == 1.0 and results["seed"]["headline"]["recall_with_values"] == 1.0
    assert test["gold"] == 47  # the test set holds 47 gold facts in 33 texts
    # a floor under the figures measured when issue #16 was closed (0.90 and 0.79; docs/extract.md):
    # it catches a regression, it is not a goal to tune for
    assert test["precision"] >= 0.85 and test["recall_with_values"] >= 0.75, test
