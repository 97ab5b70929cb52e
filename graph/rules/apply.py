"""Apply the rules to what a reader found: one record per deal, with its effective dates, its
status class and what its value counts.

Input is plain data (:class:`Raw`, filled by :mod:`graph.store.read` from any store); output
is plain data (:class:`Applied`): no rdflib, no networkx. The same output feeds the snapshots
(:mod:`graph.network.snapshot`) and the triples materialised for SPARQL (:mod:`graph.rules.materialise`),
so the two cannot disagree.

Same deal, one record (:func:`statement_groups`)
-------------------------------------------------
Relation nodes linked by ``aikg:sameRelationAs`` (in either direction, along chains) state one
deal. So does an *end record*: a later relation with status ``ended`` and a ``validUntil`` that
ends or supersedes an earlier one, states the same tie (same parties and type, or the reverse
for a symmetric or inverse type) and starts when the earlier one started or was announced. Each
group becomes one record. Its *primary statement* is the most complete member that is not an end
record (one with a value first, then one with a stated start, an announcement, a duration; ties
by IRI): the record takes the primary's fields, fills the gaps from the other members in that
order, and carries the sources and evidence of all of them. Groups are found by union-find,
linear in the number of links.

Revisions (:func:`link_day`)
----------------------------
A later relation that ``aikg:ends`` or ``aikg:supersedes`` an earlier one ends it on the *link
day*: the end the later relation records when its status is ``ended``, else the day the later
relation took effect (its own effective start, :func:`graph.rules.inforce.effective_start`).
``aikg:extends`` and ``aikg:completes`` change no date.

Values (:mod:`graph.rules.values`)
----------------------------------
Each record says what its value is (``value_basis``) and which totals it is counted in
(``value_in``), so that no sum adds a part to its total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core.vocab import local_name
from .inforce import effective_start, first_day, precision
from .status import DEFAULT_COUNTED, status_class
from .succession import absorption_days, periods
from .values import counted_value, inclusions, value_basis

#: Revision links, in a stable order; the first two end the earlier relation.
LINK_KINDS: tuple[str, ...] = ("ends", "supersedes", "extends", "completes")
ENDING_KINDS: tuple[str, ...] = ("ends", "supersedes")
#: Relation types whose reverse states the same tie.
INVERSE_TYPES: dict[str, str] = {"procuresChipsFrom": "suppliesChipsTo", "suppliesChipsTo": "procuresChipsFrom"}
SYMMETRIC_TYPES: tuple[str, ...] = ("partnersWith",)


@dataclass
class Raw:
    """What a reader found, before any rule: relation fields as the data states them.

    ``relations`` map a relation IRI to its fields (``actor``, ``counterparty``, ``type_iri``,
    ``announced``, ``valid_from``, ``valid_until``, ``value``, ``unit``, ``status``,
    ``deal_stage``, ``value_basis`` …); ``evidence`` a relation IRI to its evidence nodes
    (``quote``, ``source``, ``title``, ``url``, ``issued``, ``dataset``); ``same`` the
    ``aikg:sameRelationAs`` neighbours; ``links`` ``(kind, later, earlier)`` revision links;
    ``includes`` ``(total, part)`` pairs of ``aikg:valueIncludes``; ``events`` change events.
    """

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: dict[str, dict[str, Any]] = field(default_factory=dict)
    evidence: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    same: dict[str, set[str]] = field(default_factory=dict)
    links: set[tuple[str, str, str]] = field(default_factory=set)
    includes: set[tuple[str, str]] = field(default_factory=set)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Applied:
    """The data with the rules applied: actors, one record per deal, links and events, sorted."""

    actors: dict[str, dict[str, Any]]
    relations: list[dict[str, Any]]
    links: list[dict[str, Any]]
    events: dict[str, dict[str, Any]]


def _compatible(a: str | None, b: str | None) -> bool:
    """Two known dates agree when one is a prefix of the other (``2025-11`` and ``2025-11-03``)."""
    return bool(a and b and (a.startswith(b) or b.startswith(a)))


def evidence_day(evidence: dict[str, dict[str, Any]] | None) -> str | None:
    """The earliest date of the sources behind a relation's evidence (any precision), or None."""
    days = [ev["issued"] for ev in (evidence or {}).values() if ev.get("issued")]
    return min(days, key=lambda d: (first_day(d), d)) if days else None


def own_start(record: dict[str, Any], evidence: dict[str, dict[str, Any]] | None = None) -> str | None:
    """The effective start of one relation node on its own (no group, no end): the day it took effect."""
    return effective_start(record.get("valid_from"), record.get("announced"), evidence_day(evidence))[0]


def link_day(record: dict[str, Any], evidence: dict[str, dict[str, Any]] | None = None) -> str | None:
    """The day (``YYYY-MM-DD``) a later relation ends or supersedes the one it links to.

    The end it records when its status is ``ended`` and it has a ``validUntil``, else the day it
    took effect (:func:`own_start`).

    Examples
    --------
    >>> link_day({"valid_from": "2026", "announced": "2026-04-16", "status": "reported"})
    '2026-04-16'
    >>> link_day({"valid_from": "2025-09-16", "valid_until": "2026-04-09", "status": "ended"})
    '2026-04-09'
    """
    if record.get("status") == "ended" and record.get("valid_until"):
        return first_day(record["valid_until"])
    return own_start(record, evidence)


def same_tie(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two relation records state the same tie: same actor, type and counterparty, or
    the two parties swapped for a symmetric type or between inverse types."""
    ta, tb = local_name(a["type_iri"]), local_name(b["type_iri"])
    if ta == tb and a["actor"] == b["actor"] and a["counterparty"] == b["counterparty"]:
        return True
    swapped = a["actor"] == b["counterparty"] and a["counterparty"] == b["actor"]
    return swapped and ((ta == tb and ta in SYMMETRIC_TYPES) or INVERSE_TYPES.get(ta) == tb)


def is_end_record(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """``new`` (ending ``old``) records ``old``'s end: status ended with a ``validUntil``, the same
    tie, and a start that matches ``old``'s start or announcement."""
    if new.get("status") != "ended" or not new.get("valid_until") or not same_tie(new, old):
        return False
    start = new.get("valid_from") or new.get("announced")
    return _compatible(start, old.get("valid_from")) or _compatible(start, old.get("announced"))


class _UnionFind:
    """Disjoint sets of relation IRIs; linear in the links (path halving, union by size)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size.get(ra, 1) < self.size.get(rb, 1):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] = self.size.get(ra, 1) + self.size.get(rb, 1)


def _completeness(record: dict[str, Any]) -> int:
    """How much of a deal a statement states: the primary statement is the most complete."""
    return (
        8 * (record.get("value") is not None)
        + 4 * bool(record.get("valid_from"))
        + 2 * bool(record.get("announced"))
        + bool(record.get("duration"))
    )


def statement_groups(
    relations: dict[str, dict[str, Any]], same: dict[str, set[str]], links: list[dict[str, Any]]
) -> tuple[list[list[str]], set[str]]:
    """Group relation IRIs that state one deal (see the module docstring).

    Returns
    -------
    tuple
        ``(groups, end_records)``: each group sorted with its primary statement first (end
        records last), groups in the order of their primary's IRI; the IRIs of end records.
    """
    uf = _UnionFind()
    for iri, others in same.items():
        if iri in relations:
            for other in others:
                if other in relations:
                    uf.union(iri, other)
    folded: set[str] = set()
    for link in links:
        if link["kind"] in ENDING_KINDS and is_end_record(relations[link["new"]], relations[link["old"]]):
            folded.add(link["new"])
            uf.union(link["new"], link["old"])
    members: dict[str, list[str]] = {}
    for iri in relations:
        members.setdefault(uf.find(iri), []).append(iri)
    groups = [sorted(g, key=lambda m: (m in folded, -_completeness(relations[m]), m)) for g in members.values()]
    groups.sort(key=lambda g: g[0])
    return groups, folded


def apply_rules(raw: Raw) -> Applied:
    """The records of every deal, with the rules of :mod:`graph.rules` applied."""
    for a in raw.actors.values():
        # An actor may have several classes where the facts support it (Cerebras: Chipmaker and
        # CloudProvider). ``classes`` lists them all, sorted by name, without aikg:Actor itself
        # unless it is the only one; ``class``, the primary class that views colour by and
        # tables group by, is the first of that list, so the choice never depends on load order.
        specific = sorted(c for c in a["classes"] if c != "Actor") or ["Actor"]
        labels = a["classes"]
        a["class"] = specific[0]
        a["class_label"] = labels.get(specific[0], specific[0])
        a["classes"] = specific
        a["class_labels"] = [labels.get(c, c) for c in specific]
        a["label"] = a.get("label") or a.get("label_fr") or local_name(a["iri"])
        a["label_fr"] = a.get("label_fr") or a["label"]
        a["aliases"] = sorted(a["aliases"])
        a.setdefault("wikidata", None)
    for e in raw.events.values():
        e["label"] = e["label"] or local_name(e["iri"])
        e["original"] = sorted(e["original"])
        e["resulting"] = sorted(e["resulting"])

    relations, evidence = raw.relations, raw.evidence
    link_list = []
    for kind, new, old in sorted(raw.links, key=lambda x: (x[1], LINK_KINDS.index(x[0]), x[2])):
        if new not in relations or old not in relations or new == old:
            continue  # the earlier relation's layer is not loaded: nothing to apply
        n = relations[new]
        link_list.append(
            {
                "kind": kind,
                "new": new,
                "old": old,
                "new_fact": n.get("fact_id") or local_name(new),
                "old_fact": relations[old].get("fact_id") or local_name(old),
                "day": link_day(n, evidence.get(new)),
            }
        )
    groups, folded = statement_groups(relations, raw.same, link_list)
    group_of = {m: g[0] for g in groups for m in g}
    records = [_merge(g, relations, evidence, folded, link_list, raw.events) for g in groups]
    inclusions(records, group_of, raw.includes, link_list)
    days = absorption_days(raw.events, raw.actors)
    for r in records:
        r["periods"] = periods(r, raw.events, raw.actors, days)
        r["counted_value"] = counted_value(r)
        r["value_counted_in"] = None
    return Applied(
        actors=dict(sorted(raw.actors.items())),
        relations=records,
        links=link_list,
        events=dict(sorted(raw.events.items())),
    )


def _merge(
    group: list[str],
    relations: dict[str, dict[str, Any]],
    evidence: dict[str, dict[str, dict[str, Any]]],
    folded: set[str],
    links: list[dict[str, Any]],
    events: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    members = [relations[m] for m in group]
    record = dict(members[0])
    for m in members[1:]:
        for key, val in m.items():
            if record.get(key) is None and val is not None and key not in ("valid_until", "announced"):
                record[key] = val
    members_set = set(group)
    record["type"] = local_name(record["type_iri"])
    record["type_label"] = record.get("type_label") or record["type"]
    record["primary"] = group[0]
    record["members"] = sorted(group)
    record["fact_ids"] = sorted({m["fact_id"] for m in members if m.get("fact_id")})
    record["fact_id"] = record["fact_ids"][0] if record["fact_ids"] else local_name(group[0])
    sources: dict[str, dict[str, Any]] = {}
    for m in sorted(group):
        for ev_iri, ev in sorted(evidence.get(m, {}).items()):
            key = ev["source"] or ev_iri
            src = sources.setdefault(
                key,
                {
                    "source": ev["source"],
                    "title": ev["title"],
                    "url": ev["url"],
                    "issued": ev["issued"],
                    "dataset": bool(ev.get("dataset")),
                    "quotes": [],
                },
            )
            if ev["quote"] and ev["quote"] not in src["quotes"]:
                src["quotes"].append(ev["quote"])
    record["sources"] = [sources[k] for k in sorted(sources)]
    # The announcement that counts is the earliest of the statements of the deal itself (an end
    # record announces the end, not the deal).
    announced = [m["announced"] for m in members if m.get("announced") and m["iri"] not in folded]
    record["announced"] = min(announced, key=lambda d: (first_day(d), d)) if announced else None
    _apply_end(record, members, members_set, folded, links, events)
    record["evidence_day"] = evidence_day({k: v for m in group for k, v in evidence.get(m, {}).items()})
    record["stated_start"] = record.get("valid_from")
    start, basis = effective_start(
        record.get("valid_from"), record["announced"], record["evidence_day"], record.get("valid_until")
    )
    if start is not None and record.get("valid_until") is not None and start >= record["valid_until"]:
        # A stated start on or after the end: the relation was never in force.
        start = None
    record["start"] = start
    record["start_basis"] = basis
    record["start_precision"] = precision(
        record.get("valid_from")
        if basis in ("stated", "stated-period")
        else record["announced"]
        if basis in ("announced", "announced-in-period")
        else record["evidence_day"]
        if basis == "source-date"
        else None
    )
    stages = {m.get("deal_stage") for m in members if m.get("deal_stage")}
    record["deal_stage"] = "talks" if "talks" in stages else (sorted(stages)[0] if stages else None)
    record["status_class"] = status_class(members[0].get("status"), record["deal_stage"])
    record["counted_by_default"] = record["status_class"] in DEFAULT_COUNTED
    record["symmetric"] = record["type"] in SYMMETRIC_TYPES
    unit = record.get("unit")
    record["currency"] = unit if unit and len(unit) == 3 and unit.isupper() else None
    if unit == "GW":
        record["capacity_gw"] = record.get("value")
    elif unit == "MW" and record.get("value") is not None:
        record["capacity_gw"] = record["value"] / 1000
    else:
        record["capacity_gw"] = None
    record["value_basis"] = value_basis(record)
    record.setdefault("value_in", [])
    record.setdefault("value_includes", [])
    return record


def _apply_end(
    record: dict[str, Any],
    members: list[dict[str, Any]],
    group: set[str],
    folded: set[str],
    links: list[dict[str, Any]],
    events: dict[str, dict[str, Any]],
) -> None:
    """Set ``valid_until`` (effective end, a day), ``until_precision``, ``stated_until``,
    ``end_reason``, ``ended_by_fact``, ``ended_by_relation``, ``revised_by`` and ``revises``."""
    own = [m for m in members if m["iri"] not in folded]
    stated = min((m["valid_until"] for m in own if m.get("valid_until")), key=lambda d: (first_day(d), d), default=None)
    record["stated_until"] = stated
    record["revised_by"] = sorted(
        {f"{x['kind']}:{x['new_fact']}" for x in links if x["old"] in group and x["new"] not in group}
    )
    record["revises"] = sorted(
        {f"{x['kind']}:{x['old_fact']}" for x in links if x["new"] in group and x["old"] not in group}
    )
    record["ended_by_relation"] = None
    # An end recorded as past stands: the relation's own (status ended), else its end record's.
    recorded = [(first_day(m["valid_until"]), m["iri"] in folded, m) for m in members if m.get("status") == "ended"]
    recorded = [x for x in recorded if x[0]]
    if recorded:
        until, by_record, m = min(recorded, key=lambda x: (x[0], x[1], x[2]["iri"]))
        record["valid_until"] = until
        record["until_precision"] = precision(m["valid_until"])
        record["end_reason"] = "revision" if by_record else "stated"
        record["ended_by_fact"] = (m.get("fact_id") or local_name(m["iri"])) if by_record else None
        record["ended_by_relation"] = m["iri"] if by_record else None
        return
    candidates: list[tuple[str, int, str | None, str | None, str | None]] = []
    if stated:
        candidates.append((first_day(stated), 0, None, None, precision(stated)))
    for x in links:
        if x["kind"] in ENDING_KINDS and x["old"] in group and x["new"] not in group and x["day"]:
            candidates.append((x["day"], 1, x["new_fact"], x["new"], "day"))
    for m in members:
        day = (events.get(m.get("ended_by") or "") or {}).get("date")
        if day:
            candidates.append((first_day(day), 2, None, None, precision(day)))
    if not candidates:
        # The fields in the order the other branches set them: every record has one key order,
        # which the network index needs to store relations as columns (graph.network.index).
        record["valid_until"] = record["until_precision"] = record["end_reason"] = record["ended_by_fact"] = None
        return
    until, rank, fact, iri, prec = min(candidates, key=lambda c: (c[0], c[1], c[2] or ""))
    record["valid_until"] = until
    record["until_precision"] = prec
    record["end_reason"] = ("stated", "revision", "event")[rank]
    record["ended_by_fact"] = fact
    record["ended_by_relation"] = iri
