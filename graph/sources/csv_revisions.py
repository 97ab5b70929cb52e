"""Read a revisions CSV (which later relations end, supersede, extend or complete earlier ones)
into RDF links of the aikg ontology.

One row is one link ``relation:<new_fact> aikg:<relation> relation:<old_fact>``. Columns:

- ``new_fact``, ``old_fact``: fact ids of relation nodes of the loaded graph (the later one
  first); different;
- ``relation``: ``ends``, ``supersedes``, ``extends`` or ``completes``;
- ``date``: the day the link takes effect, as the reference states it; checked against the
  rule of :func:`graph.rules.apply.link_day` (the end the later relation records when its status is
  ``ended``, else the day it took effect), so the hand-checked dates and the rule agree;
- ``stated_in``: where the link is stated (``F173 notes``, a section of the companion md);
- ``quote``: the words that state it, copied from there.

Nothing is written here: :func:`import_revisions` returns the links and the errors (file, row,
column, reason); :func:`revisions_turtle` the Turtle, with each link's quote in its header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ..core.dates import parse_date
from ..core.errors import AikgError
from ..core.vocab import AIKG, RELATION
from .csv_facts import RowError, _suggest, read_table

COLUMNS: tuple[str, ...] = ("new_fact", "relation", "old_fact", "date", "stated_in", "quote")
KINDS: dict[str, URIRef] = {
    "ends": AIKG.ends,
    "supersedes": AIKG.supersedes,
    "extends": AIKG.extends,
    "completes": AIKG.completes,
}


@dataclass(frozen=True)
class RevisionLink:
    """One link of a revisions CSV, checked."""

    row: int
    new_fact: str
    kind: str
    old_fact: str
    date: str
    stated_in: str
    quote: str

    @property
    def triple(self) -> tuple[URIRef, URIRef, URIRef]:
        return (RELATION[self.new_fact], KINDS[self.kind], RELATION[self.old_fact])


def _record(graph: Graph, iri: URIRef) -> dict[str, str | None]:
    """The fields of a relation node that :func:`graph.rules.apply.link_day` reads."""
    out: dict[str, str | None] = {}
    for key, p in (
        ("status", AIKG.status),
        ("valid_from", AIKG.validFrom),
        ("announced", AIKG.announced),
        ("valid_until", AIKG.validUntil),
    ):
        v = graph.value(iri, p)
        out[key] = None if v is None else str(v)
    return out


def import_revisions(data: bytes, name: str, graph: Graph) -> tuple[list[RevisionLink], list[RowError]]:
    """Check a revisions CSV against ``graph``, which must hold both relations of every link.

    Returns
    -------
    tuple
        The links in row order, and the errors (empty when every row is good).
    """
    from ..rules.apply import link_day
    from ..rules.inforce import first_day

    header, records, errors = read_table(data, name, COLUMNS, COLUMNS)
    if errors:
        return [], errors
    links: list[RevisionLink] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, raw in records:
        cells = {h: c.strip() for h, c in zip(header, raw)}
        errs: list[RowError] = []

        def err(column: str, reason: str, number: int = number, errs: list[RowError] = errs) -> None:
            errs.append(RowError(name, number, column, reason))

        for col in COLUMNS:
            if not cells.get(col):
                err(col, f"{col} is empty; every row needs one")
        kind = cells.get("relation", "")
        if kind and kind not in KINDS:
            err("relation", _suggest("link", kind, KINDS))
        new, old = cells.get("new_fact", ""), cells.get("old_fact", "")
        if new and new == old:
            err("old_fact", "a relation cannot revise itself")
        for col, fact in (("new_fact", new), ("old_fact", old)):
            if fact and (RELATION[fact], AIKG.factId, Literal(fact)) not in graph:
                err(col, f"no relation with fact id {fact} in the loaded graph ({RELATION[fact]})")
        date = cells.get("date", "")
        if date:
            try:
                date = parse_date(date, "date", bounded=True)[0]
            except AikgError as exc:
                err("date", str(exc))
                date = ""
        if not errs:
            expected = link_day(_record(graph, RELATION[new]))
            if expected != first_day(date):
                err(
                    "date",
                    f"date {date} is not the day {new} takes effect by the link rule ({expected}): "
                    "the end it records when its status is ended, else its effective start "
                    "(validFrom, not before the announcement when known only to the month or year; "
                    "else the announcement)",
                )
            key = (new, kind, old)
            if key in seen:
                err("old_fact", f"the link {new} {kind} {old} is already given in row {seen[key]}")
            seen.setdefault(key, number)
        if errs:
            errors.extend(errs)
            continue
        links.append(RevisionLink(number, new, kind, old, date, cells["stated_in"], cells["quote"]))
    return links, sorted(errors)


def revisions_graph(links: Sequence[RevisionLink]) -> Graph:
    """The links as triples."""
    g = Graph()
    for link in links:
        g.add(link.triple)
    return g


def revisions_turtle(
    links: Sequence[RevisionLink],
    name: str,
    header: Sequence[str] = (),
    script: str = "scripts/regenerate-public-2026-layer",
) -> str:
    """The links as Turtle, one block per later relation in fact-id order; the header lists every
    link with its date and the words that state it."""
    from ..core.turtle import to_turtle

    g = revisions_graph(links)
    lines = [
        f"Generated from {name} by {script}: do not edit by hand;",
        "edit the CSV and regenerate (docs/current-2026.md).",
        *header,
        "",
    ]
    for link in links:
        lines.append(f"{link.new_fact} {link.kind} {link.old_fact} ({link.date}), {link.stated_in}: “{link.quote}”")
    subjects = sorted({RELATION[x.new_fact] for x in links}, key=str)
    for s in subjects:
        assert (s, RDF.type, None) not in g  # links only: the relation nodes live in facts.ttl
    order = tuple(KINDS.values())
    return to_turtle(g, [("Revision links, later relation -> earlier relation", subjects)], lines, order)
