"""Precision and recall of ``aikg extract``: relations, values, durations and dates.

Two test sets:

- the seed article (``data/article/000_789b65b4e7b126be.txt``) against its hand-modelled facts,
  the relation nodes of ``data/article/facts.ttl`` (A01-A09);
- short texts written for this bench in ``bench/extract_texts/`` (French and English), each
  restating facts of ``shared/reference/ai-infra-facts.csv`` in our own words, with its gold
  facts beside it (``NAME.gold.json``, citing the CSV rows). The patterns were developed against
  these; ``bench/extract_texts/heldout/`` holds more, written after the patterns were frozen and
  never used to tune them (``--heldout``).

What counts as a match:

- a relation: same actor, type and counterparty, so the direction counts (``partnersWith`` has
  none; ``X procuresChipsFrom Y`` is the same tie as ``Y suppliesChipsTo X``);
- a value: on a matched relation, same unit and within 0.5 %;
- a duration: on a matched relation, the same xsd:duration;
- a date: on a matched relation, the same property with the same ISO value, or a week-precision
  date (written as its Monday) whose week holds the gold day.

A value, duration or date on a wrong relation is a false positive; one missing is a false negative.

Run: ``python bench/extract_eval.py [--layers article|all] [--no-ner] [--verbose] [--heldout]``. The default
graph is the actor registry plus the article layer, so that the organisations the registry does not
know (IREN, Dell, CoreWeave, Anthropic) go through the new-organisation recogniser.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.core.vocab import AIKG, local_name  # noqa: E402
from graph.extract import extract  # noqa: E402
from graph.extract.gazetteer import Gazetteer  # noqa: E402
from graph.extract.model import Candidate  # noqa: E402
from graph.query.actors import normalise  # noqa: E402
from graph.sources.rdf_files import parse_file  # noqa: E402
from graph.store.memory import load_graph  # noqa: E402

TEXTS = ROOT / "bench" / "extract_texts"
ARTICLE = ROOT / "data" / "article" / "000_789b65b4e7b126be.txt"
DATE_ROLES = ("announced", "validFrom", "validUntil", "fullCapacityBy", "expansionFrom")
CATEGORIES = ("relations", "values", "durations", "dates")


def canon(actor: str, rtype: str, cp: str) -> tuple:
    if rtype == "partnersWith":
        return ("partnersWith", *sorted((actor, cp)))
    if rtype == "procuresChipsFrom":
        return ("chips", cp, actor)
    if rtype == "suppliesChipsTo":
        return ("chips", actor, cp)
    return (rtype, actor, cp)


def cand_key(c: Candidate) -> tuple:
    def k(p):
        return p.actor.iri or "new:" + normalise(p.actor.label)

    return canon(k(c.actor), c.rtype, k(c.counterparty))


def cand_items(c: Candidate) -> dict:
    out: dict = {}
    if c.value is not None and c.value.unit:
        out["value"] = (c.value.value, c.value.unit)
    if c.duration is not None and c.duration.value:
        out["duration"] = c.duration.value
    for role, w in c.dates.items():
        if w.value:
            out[role] = (w.value, w.precision, w.first, w.last)
    return out


def gold_from_facts() -> dict[tuple, dict]:
    """The article's relation nodes as gold items."""
    g = parse_file(ROOT / "data" / "article" / "facts.ttl")
    gold = {}
    for r in g.subjects(AIKG.factId, None):
        t = g.value(r, AIKG.relationType)
        if t is None:
            continue
        key = canon(str(g.value(r, AIKG.actor)), local_name(t), str(g.value(r, AIKG.counterparty)))
        items: dict = {}
        if g.value(r, AIKG.value) is not None:
            items["value"] = (Decimal(str(g.value(r, AIKG.value))), str(g.value(r, AIKG.unit)))
        if g.value(r, AIKG.duration) is not None:
            items["duration"] = str(g.value(r, AIKG.duration))
        for role in DATE_ROLES:
            v = g.value(r, AIKG[role])
            if v is not None:
                items[role] = str(v)
        gold[key] = {"id": str(g.value(r, AIKG.factId)), "items": items}
    return gold


def gold_from_json(path: Path, gaz: Gazetteer) -> dict[tuple, dict]:
    doc = json.loads(path.read_text(encoding="utf-8"))

    def iri(name: str) -> str:
        hit = gaz.names.get(normalise(name))
        return hit.iri if hit else "new:" + normalise(name)

    gold = {}
    for rel in doc["relations"]:
        key = canon(iri(rel["actor"]), rel["type"], iri(rel["counterparty"]))
        items: dict = {}
        if rel.get("value") is not None:
            items["value"] = (Decimal(rel["value"]), rel["unit"])
        if rel.get("duration"):
            items["duration"] = rel["duration"]
        items.update(rel.get("dates", {}))
        gold[key] = {"id": "+".join(rel["rows"]), "items": items}
    return gold


def item_match(role: str, cand, gold) -> bool:
    if role == "value":
        (cv, cu), (gv, gu) = cand, gold
        return cu == gu and abs(cv - gv) <= Decimal("0.005") * max(abs(cv), abs(gv))
    if role == "duration":
        return cand == gold
    value, precision, first, last = cand
    if value == gold:
        return True
    return precision == "week" and len(gold) == 10 and first <= gold <= last


def score(cands: list[Candidate], gold: dict[tuple, dict]) -> tuple[dict, list[str]]:
    counts = {c: [0, 0, 0] for c in CATEGORIES}  # tp, fp, fn
    found: dict[tuple, dict] = {}
    for c in cands:
        found.setdefault(cand_key(c), cand_items(c))
    log = []
    for key in sorted(set(found) | set(gold), key=str):
        cand, g = found.get(key), gold.get(key)
        label = f"{g['id'] if g else 'extra'}: {key}"
        if cand is not None and g is not None:
            counts["relations"][0] += 1
        elif cand is not None:
            counts["relations"][1] += 1
            log.append(f"  FP relation  {label}")
        else:
            counts["relations"][2] += 1
            log.append(f"  FN relation  {label}")
        cand_i, gold_i = (cand or {}), (g["items"] if g else {})
        for role in sorted(set(cand_i) | set(gold_i)):
            cat = "values" if role == "value" else "durations" if role == "duration" else "dates"
            if role in cand_i and role in gold_i and item_match(role, cand_i[role], gold_i[role]):
                counts[cat][0] += 1
                continue
            if role in cand_i:
                counts[cat][1] += 1
                log.append(f"  FP {role:<10} {label}: {cand_i[role]}")
            if role in gold_i:
                counts[cat][2] += 1
                log.append(f"  FN {role:<10} {label}: {gold_i[role]}")
    return counts, log


def pr(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return f"{p:4.2f} {r:4.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--layers", default="article", help="graph layers for the gazetteer (default: article)")
    ap.add_argument("--no-ner", action="store_true", help="without the new-organisation recogniser")
    ap.add_argument("--verbose", action="store_true", help="list every false positive and false negative")
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="score bench/extract_texts/heldout/ (texts written after the patterns were frozen) instead",
    )
    args = ap.parse_args(argv)
    graph = load_graph(args.layers)
    runs = [("seed article (A01-A09)", ARTICLE, "2025-11-03", "fr", gold_from_facts())]
    folder = TEXTS / "heldout" if args.heldout else TEXTS
    for path in sorted(folder.glob("*.txt")):
        doc = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        gaz = Gazetteer(graph, doc["lang"])
        runs.append(
            (path.stem, path, doc["published"], doc["lang"], gold_from_json(path.with_suffix(".gold.json"), gaz))
        )
    which = "held-out texts" if args.heldout else "development texts"
    print(f"graph layers: {args.layers}; new organisations: {'off' if args.no_ner else 'on'}; {which}")
    header = f"{'text':<26} {'lang':<4} " + " ".join(f"{c:>14}" for c in CATEGORIES) + f" {'all':>10}"
    print(header)
    print(f"{'':<26} {'':<4} " + " ".join(f"{'P    R':>14}" for _ in CATEGORIES) + f" {'P    R':>10}")
    totals = {c: [0, 0, 0] for c in CATEGORIES}
    seed_log: list[str] = []
    ner = None
    for name, path, published, lang, gold in runs:
        text = path.read_text(encoding="utf-8")
        ex = extract(text, graph, published=published, lang=lang, use_ner=not args.no_ner)
        ner = ner or ex.ner_status
        counts, log = score(ex.candidates, gold)
        every = [sum(counts[c][i] for c in CATEGORIES) for i in range(3)]
        print(f"{name:<26} {lang:<4} " + " ".join(f"{pr(*counts[c]):>14}" for c in CATEGORIES) + f" {pr(*every):>10}")
        if args.verbose and log:
            print("\n".join(log))
        if path == ARTICLE:
            seed_log = log
            seed_counts = counts
            seed_ex = ex
        else:
            for c in CATEGORIES:
                for i in range(3):
                    totals[c][i] += counts[c][i]
    every = [sum(totals[c][i] for c in CATEGORIES) for i in range(3)]
    print(
        f"{'texts, all (micro)':<26} {'':<4} "
        + " ".join(f"{pr(*totals[c]):>14}" for c in CATEGORIES)
        + f" {pr(*every):>10}"
    )
    print(f"counts (tp/fp/fn) on the {which}: " + ", ".join(f"{c} {'/'.join(map(str, totals[c]))}" for c in CATEGORIES))
    print(f"recogniser: {ner}")
    # The seed goals, one line each.
    a01 = next((c for c in seed_ex.candidates if c.rtype == "buysComputeFrom"), None)
    goals = {
        "every seed tie found, right direction": seed_counts["relations"][2] == 0,
        "no extra seed tie": seed_counts["relations"][1] == 0,
        "A01 value 38000000000 USD": bool(
            a01 and a01.value and a01.value.value == 38 * 10**9 and a01.value.unit == "USD"
        ),
        "A01 duration P7Y": bool(a01 and a01.duration and a01.duration.value == "P7Y"),
        "A01 announced 2025-11-03": bool(
            a01 and "announced" in a01.dates and a01.dates["announced"].value == "2025-11-03"
        ),
    }
    for goal, ok in goals.items():
        print(f"seed goal: {goal}: {'yes' if ok else 'NO'}")
    if seed_log and not args.verbose:
        print("seed differences:\n" + "\n".join(seed_log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
