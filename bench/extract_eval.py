"""Precision and recall of ``aikg extract``, on a development set and a test set kept apart.

The texts:

- the seed article (``data/article/000_789b65b4e7b126be.txt``) against its hand-modelled facts,
  the relation nodes of ``data/article/facts.ttl`` (A01-A09), scored on its own line;
- short French and English news texts in ``bench/extract_texts/`` (top level, ``heldout/`` and
  ``news/``), each restating sourced rows of ``shared/reference/ai-infra-facts*.csv`` in our own
  words, with its gold facts beside it (``NAME.gold.json``, citing the rows). The split file
  ``bench/extract_texts/split.json`` says which texts are for development (the extractor may be
  tuned on them) and which are the test set (only measured, never used to tune). It was written
  and committed before the extractor was changed for issue #16.

What counts as a match:

- a relation: same actor, type and counterparty, so the direction counts (``partnersWith`` has
  none; ``X procuresChipsFrom Y`` is the same tie as ``Y suppliesChipsTo X``);
- a value: on a matched relation, the same unit and within 0.5 %; capacities compare across GW
  and MW (0.9 GW is 900 MW);
- a duration: on a matched relation, the same xsd:duration;
- a date: on a matched relation, the same property with the same ISO value, or a week-precision
  date (written as its Monday) whose week holds the gold day;
- a status: on a matched relation whose gold states one, the same stated status.

A value, duration or date on a wrong relation is a false positive; one missing is a false negative.

The two headline figures of a set (the goal of issue #16 is 0.90 and 0.85 on the test set):

- **precision**: the share of candidates that are right: their tie is a gold relation and, when
  the candidate states a value, it is the gold value;
- **recall with values**: the share of gold relations found with their value: the tie is
  found and, when the gold states a value, the candidate states that value.

Run: ``python bench/extract_eval.py [--set dev|test|both] [--layers NAMES] [--no-ner] [--verbose]
[--json]``. The default graph is every shipped layer, as ``aikg extract`` loads by default;
``--layers article`` leaves the organisations of the public layers (Anthropic, CoreWeave, Meta...)
to the new-organisation recogniser. ``--verbose`` lists every false positive and false negative
of the development texts; it lists those of the test texts only with ``--set test``, which is for
reporting, never for tuning.
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
SPLIT = TEXTS / "split.json"
ARTICLE = ROOT / "data" / "article" / "000_789b65b4e7b126be.txt"
DATE_ROLES = ("announced", "validFrom", "validUntil", "fullCapacityBy", "expansionFrom")
CATEGORIES = ("relations", "values", "durations", "dates", "statuses")
GOALS = {"precision": 0.90, "recall_with_values": 0.85}
_MW = {"GW": Decimal(1000), "MW": Decimal(1)}


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
    out["status"] = c.stated_status
    return out


def gold_from_facts() -> dict[tuple, dict]:
    """The article's relation nodes as gold items (no stated status: the article layer records
    the status of the fact, not the words of the text)."""
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
        if rel.get("status"):
            items["status"] = rel["status"]
        gold[key] = {"id": "+".join(rel["rows"]), "items": items}
    return gold


def value_match(cand: tuple, gold: tuple) -> bool:
    (cv, cu), (gv, gu) = cand, gold
    if cu in _MW and gu in _MW:
        cv, gv, cu, gu = cv * _MW[cu], gv * _MW[gu], "MW", "MW"
    return cu == gu and abs(cv - gv) <= Decimal("0.005") * max(abs(cv), abs(gv))


def item_match(role: str, cand, gold) -> bool:
    if role == "value":
        return value_match(cand, gold)
    if role in ("duration", "status"):
        return cand == gold
    value, precision, first, last = cand
    if value == gold:
        return True
    return precision == "week" and len(gold) == 10 and first <= gold <= last


def _category(role: str) -> str:
    return {"value": "values", "duration": "durations", "status": "statuses"}.get(role, "dates")


def score(cands: list[Candidate], gold: dict[tuple, dict]) -> tuple[dict, dict, list[str]]:
    """Counts per category (tp, fp, fn), the headline counts, and the differences in words."""
    counts = {c: [0, 0, 0] for c in CATEGORIES}
    head = {"candidates": 0, "right": 0, "gold": len(gold), "found_with_value": 0}
    found: dict[tuple, dict] = {}
    for c in cands:
        found.setdefault(cand_key(c), cand_items(c))
    log = []
    for key in sorted(set(found) | set(gold), key=str):
        cand, g = found.get(key), gold.get(key)
        label = f"{g['id'] if g else 'extra'}: {key}"
        gold_i = g["items"] if g else {}
        cand_i = dict(cand or {})
        if "status" not in gold_i:
            cand_i.pop("status", None)
        if cand is not None:
            head["candidates"] += 1
        if cand is not None and g is not None:
            counts["relations"][0] += 1
            value_ok = "value" not in cand_i or ("value" in gold_i and value_match(cand_i["value"], gold_i["value"]))
            head["right"] += value_ok
            if "value" not in gold_i or ("value" in cand_i and value_match(cand_i["value"], gold_i["value"])):
                head["found_with_value"] += 1
        elif cand is not None:
            counts["relations"][1] += 1
            log.append(f"  FP relation  {label}")
        else:
            counts["relations"][2] += 1
            log.append(f"  FN relation  {label}")
        for role in sorted(set(cand_i) | set(gold_i)):
            cat = _category(role)
            if role in cand_i and role in gold_i and item_match(role, cand_i[role], gold_i[role]):
                counts[cat][0] += 1
                continue
            if role in cand_i and (g is not None or role != "status"):
                counts[cat][1] += 1
                log.append(f"  FP {role:<10} {label}: {cand_i[role]}")
            if role in gold_i:
                counts[cat][2] += 1
                log.append(f"  FN {role:<10} {label}: {gold_i[role]}")
    return counts, head, log


def ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def pr(tp: int, fp: int, fn: int) -> str:
    return f"{ratio(tp, tp + fp):4.2f} {ratio(tp, tp + fn):4.2f}"


def headline(head: dict) -> dict:
    return {
        "precision": round(ratio(head["right"], head["candidates"]), 3),
        "recall_with_values": round(ratio(head["found_with_value"], head["gold"]), 3),
        **head,
    }


def load_split() -> dict[str, list[str]]:
    doc = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {"dev": doc["dev"], "test": doc["test"]}


def run_set(graph, names: list[str], use_ner: bool, verbose: bool, out: list[str]) -> dict:
    """Score the texts ``names`` (paths under bench/extract_texts/); print a line per text into ``out``."""
    totals = {c: [0, 0, 0] for c in CATEGORIES}
    head_total = {"candidates": 0, "right": 0, "gold": 0, "found_with_value": 0}
    for name in names:
        path = TEXTS / name
        gold_path = path.with_suffix(".gold.json")
        doc = json.loads(gold_path.read_text(encoding="utf-8"))
        gold = gold_from_json(gold_path, Gazetteer(graph, doc["lang"]))
        ex = extract(path.read_text(encoding="utf-8"), graph, published=doc["published"], lang=doc["lang"],
                     use_ner=use_ner)  # fmt: skip
        counts, head, log = score(ex.candidates, gold)
        out.append(_line(Path(name).stem, doc["lang"], counts, headline(head)))
        if verbose and log:
            out.extend(log)
        for c in CATEGORIES:
            for i in range(3):
                totals[c][i] += counts[c][i]
        for k in head_total:
            head_total[k] += head[k]
    return {"counts": totals, "headline": headline(head_total), "texts": len(names)}


def _line(name: str, lang: str, counts: dict, head: dict) -> str:
    cells = " ".join(f"{pr(*counts[c]):>10}" for c in CATEGORIES)
    return f"{name[:34]:<34} {lang:<4} {cells}  {head['precision']:4.2f} {head['recall_with_values']:4.2f}"


def _header(title: str) -> list[str]:
    cells = " ".join(f"{c:>10}" for c in CATEGORIES)
    return [
        title,
        f"{'text':<34} {'lang':<4} {cells}  {'P':>4} {'R+v':>4}",
        f"{'':<34} {'':<4} " + " ".join(f"{'P    R':>10}" for _ in CATEGORIES),
    ]


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("dev", "test", "both"), default="both", help="which texts (default: both)")
    ap.add_argument("--layers", default="all", help="graph layers for the gazetteer (default: all, as aikg extract)")
    ap.add_argument("--no-ner", action="store_true", help="without the new-organisation recogniser")
    ap.add_argument(
        "--verbose",
        action="store_true",
        help="list every false positive and false negative (of the test texts only with --set test)",
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    return ap


def run_all(argv: list[str] | None = None) -> dict:
    """The figures as a dict (``seed``, ``dev``, ``test``), for tests and other scripts."""
    return _evaluate(_parser().parse_args(argv))[0]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    results, lines = _evaluate(args)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print("\n".join(lines))
    return 0


def _evaluate(args: argparse.Namespace) -> tuple[dict, list[str]]:
    graph = load_graph(args.layers)
    split = load_split()
    lines: list[str] = [f"graph layers: {args.layers}; new organisations: {'off' if args.no_ner else 'on'}"]
    results: dict = {}

    seed_ex = extract(ARTICLE.read_text(encoding="utf-8"), graph, published="2025-11-03", lang="fr",
                      use_ner=not args.no_ner)  # fmt: skip
    seed_counts, seed_head, seed_log = score(seed_ex.candidates, gold_from_facts())
    lines += _header("seed article")
    lines.append(_line("seed article (A01-A09)", "fr", seed_counts, headline(seed_head)))
    if seed_log:
        lines.append("seed differences:")
        lines.extend(seed_log)
    results["seed"] = {"counts": seed_counts, "headline": headline(seed_head)}

    for which in ("dev", "test"):
        if args.set not in (which, "both"):
            continue
        verbose = args.verbose and (which == "dev" or args.set == "test")
        title = {"dev": "development texts (tuning allowed)", "test": "TEST texts (never tuned on)"}[which]
        lines.append("")
        lines += _header(f"{title}: {len(split[which])} texts")
        res = run_set(graph, split[which], not args.no_ner, verbose, lines)
        results[which] = res
        t, h = res["counts"], res["headline"]
        cells = " ".join(f"{pr(*t[c]):>10}" for c in CATEGORIES)
        both = f"{h['precision']:4.2f} {h['recall_with_values']:4.2f}"
        lines.append(f"{which + ', all (micro)':<34} {'':<4} {cells}  {both}")
        lines.append(
            f"{which}: precision {h['precision']:.2f} ({h['right']}/{h['candidates']} candidates right), "
            f"recall with values {h['recall_with_values']:.2f} ({h['found_with_value']}/{h['gold']} gold facts)"
        )
        lines.append(f"{which} counts (tp/fp/fn): " + ", ".join(f"{c} {'/'.join(map(str, t[c]))}" for c in CATEGORIES))
    if "test" in results:
        h = results["test"]["headline"]
        met = all(h[k] >= v for k, v in GOALS.items())
        lines.append(
            f"goal (issue #16, test set): precision >= {GOALS['precision']:.2f} and recall with values >= "
            f"{GOALS['recall_with_values']:.2f}: {'met' if met else 'NOT met'}"
        )
    lines.append(f"recogniser: {seed_ex.ner_status}")
    return results, lines


if __name__ == "__main__":
    sys.exit(main())
