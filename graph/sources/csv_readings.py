"""Read a readings CSV: how the sources say a relation's stage and value must be read.

A fact set states each relation in one row; some rows say more in their notes: that a deal was
never signed ("Talks only", "Never a signed lease"), that a value is a cumulative total, a
headline maximum, a tranche of a larger amount or a holding's valuation. A readings CSV records
those statements, each with the words that make it, as triples of the aikg ontology:

- ``dealStage`` ``talks``: ``relation:F148 aikg:dealStage "talks"`` (:mod:`graph.rules.status`);
- ``valueBasis`` (``cumulative``, ``maximum``, ``part``, ``level``, ``annual``,
  ``incremental``): ``relation:F009 aikg:valueBasis "cumulative"`` (:mod:`graph.rules.values`);
- ``valueIncludes`` a fact id: ``relation:F009 aikg:valueIncludes relation:F001``.

Columns: ``fact_id`` (a relation of the loaded graph), ``reading``, ``value``, ``stated_in``
(where it is stated: ``F148 notes``, a section of the companion md) and ``quote`` (the words, copied
from there). Nothing is written here: :func:`import_readings` returns the checked readings and
the errors (file, row, column, reason); :func:`readings_turtle` the Turtle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from ..core.vocab import AIKG, RELATION
from ..rules.status import DEAL_STAGES
from ..rules.values import VALUE_BASES
from .csv_facts import RowError, _suggest, read_table

COLUMNS: tuple[str, ...] = ("fact_id", "reading", "value", "stated_in", "quote")
READINGS: dict[str, URIRef] = {
    "dealStage": AIKG.dealStage,
    "valueBasis": AIKG.valueBasis,
    "valueIncludes": AIKG.valueIncludes,
}


@dataclass(frozen=True)
class Reading:
    """One checked row of a readings CSV."""

    row: int
    fact_id: str
    reading: str
    value: str
    stated_in: str
    quote: str

    @property
    def triple(self) -> tuple[URIRef, URIRef, URIRef | Literal]:
        obj = RELATION[self.value] if self.reading == "valueIncludes" else Literal(self.value)
        return (RELATION[self.fact_id], READINGS[self.reading], obj)


def import_readings(data: bytes, name: str, graph: Graph) -> tuple[list[Reading], list[RowError]]:
    """Check a readings CSV against ``graph``, which must hold every relation it names."""
    header, records, errors = read_table(data, name, COLUMNS, COLUMNS)
    if errors:
        return [], errors
    out: list[Reading] = []
    seen: dict[tuple[str, str, str], int] = {}
    single: dict[tuple[str, str], int] = {}
    for number, raw in records:
        cells = {h: c.strip() for h, c in zip(header, raw)}
        errs: list[RowError] = []

        def err(column: str, reason: str, number: int = number, errs: list[RowError] = errs) -> None:
            errs.append(RowError(name, number, column, reason))

        for col in COLUMNS:
            if not cells.get(col):
                err(col, f"{col} is empty; every row needs one")
        fact, reading, value = cells.get("fact_id", ""), cells.get("reading", ""), cells.get("value", "")
        if fact and (RELATION[fact], AIKG.factId, Literal(fact)) not in graph:
            err("fact_id", f"no relation with fact id {fact} in the loaded graph ({RELATION[fact]})")
        if reading and reading not in READINGS:
            err("reading", _suggest("reading", reading, READINGS))
        elif reading == "dealStage" and value and value not in DEAL_STAGES:
            err("value", _suggest("deal stage", value, DEAL_STAGES))
        elif reading == "valueBasis" and value and value not in VALUE_BASES:
            err("value", _suggest("value basis", value, VALUE_BASES))
        elif reading == "valueIncludes" and value:
            if value == fact:
                err("value", "a value cannot include itself")
            elif (RELATION[value], AIKG.factId, Literal(value)) not in graph:
                err("value", f"no relation with fact id {value} in the loaded graph ({RELATION[value]})")
        if not errs:
            key = (fact, reading, value)
            if key in seen:
                err("value", f"{fact} {reading} {value} is already given in row {seen[key]}")
            seen.setdefault(key, number)
            if reading != "valueIncludes":
                if (fact, reading) in single:
                    err("reading", f"{fact} already has a {reading} in row {single[(fact, reading)]}")
                single.setdefault((fact, reading), number)
        if errs:
            errors.extend(errs)
            continue
        out.append(Reading(number, fact, reading, value, cells["stated_in"], cells["quote"]))
    return out, sorted(errors)


def readings_turtle(readings: Sequence[Reading], name: str, script: str) -> str:
    """The readings as Turtle, one block per relation in fact-id order, each with its words."""
    from ..core.turtle import to_turtle

    g = Graph()
    for r in readings:
        g.add(r.triple)
    lines = [
        f"Generated from {name} by {script}: do not edit by hand; edit the CSV and regenerate",
        "(docs/semantics.md). How the sources say each relation must be read:",
        "",
    ]
    for r in readings:
        lines.append(f"{r.fact_id} {r.reading} {r.value}, {r.stated_in}: “{r.quote}”")
    subjects = sorted({RELATION[r.fact_id] for r in readings}, key=str)
    order = tuple(READINGS.values())
    return to_turtle(g, [("Readings of relations", subjects)], lines, order)
