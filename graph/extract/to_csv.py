"""Candidates as a review sheet: the import CSV layout plus the columns a reviewer needs.

``aikg extract FILES... --out candidates.csv`` writes one row per candidate relation in the
columns of a facts CSV (``docs/public-layer.md``), so that ``aikg import candidates.csv`` can
read it back, plus:

=================  ==================================================================================
``accept``         empty: the reviewer writes ``yes`` to take the row (``no`` or empty to leave it)
``compare``        ``known``, ``new`` or ``conflict`` against the loaded graph (``--compare``)
``compare_facts``  the facts it was compared with (``A01; F023``)
``value_bound``    ``lower`` ("at least", "more than") or ``upper`` ("up to", "as much as")
``text_file``      the text the candidate comes from, relative to the CSV's folder when it lies below it
``published``      the text's publication date; ``lang`` its language
``evidence``       the clauses that state the fact, as character offsets ``start:end`` (``;`` between)
``evidence_quote`` their text, joined with `` … ``: the import checks it against ``text_file``
=================  ==================================================================================

Rows come in the order of the files, then of the candidates in each file; the same inputs give
the same bytes. A row's id is a hash of its source and its tie (``X`` and ten hex digits).
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .model import Candidate, Extraction, When, format_decimal
from .to_rdf import compare_line, source_iri

#: The import columns, then the review columns.
COLUMNS: tuple[str, ...] = (
    "accept", "compare", "compare_facts",
    "id", "subject", "relation", "object", "role_note", "value", "unit", "duration",
    "announced", "valid_from", "valid_until", "status", "source_url", "source_title", "confidence", "notes",
    "value_bound", "text_file", "published", "lang", "evidence", "evidence_quote",
)  # fmt: skip

#: How quotes of several clauses are joined in ``evidence_quote``.
QUOTE_JOIN = " … "


def candidate_id(ex: Extraction, c: Candidate) -> str:
    key = "\x1f".join((str(source_iri(ex)), c.actor.actor.key, c.rtype, c.counterparty.actor.key))
    return "X" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def _duration(w: When | None) -> str:
    if w is None:
        return ""
    if not w.value:
        return w.span.quote  # "multi-year": kept as words (aikg:durationNote)
    n, unit = int(w.value[1:-1]), w.value[-1]
    word = "year" if unit == "Y" else "month"
    return f"{n} {word}{'' if n == 1 else 's'}"


def _date(w: When | None) -> str:
    if w is None or not w.value:
        return ""
    return w.value  # a week is written as its Monday, a day


def _notes(c: Candidate) -> str:
    parts = [
        f"aikg extract ({', '.join(c.patterns)}): {c.direction}",
        f"confidence {c.confidence}: {c.confidence_rule}",
    ]
    for role in ("fullCapacityBy", "expansionFrom"):
        if role in c.dates:
            w = c.dates[role]
            parts.append(f"{role} {w.value} («{w.span.quote}»)")
    for role in ("announced", "validFrom", "validUntil"):
        w = c.dates.get(role)
        if w is not None and w.precision == "week":
            parts.append(f"{role}: the week of {w.value} («{w.span.quote}»)")
    for p in (c.actor, c.counterparty):
        if p.via:
            parts.append(p.via)
    parts += c.notes
    if c.compare:
        parts.append("compare: " + compare_line(c.compare))
    return " | ".join(parts)


def _relative(path: Path, base: Path | None) -> str:
    if base is None:
        return path.as_posix()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def rows(ex: Extraction, text_file: Path, base: Path | None) -> list[dict[str, str]]:
    """The review rows of one extraction."""
    out = []
    for c in ex.candidates:
        value = c.value
        bound = ""
        if value is not None and value.lower_bound:
            bound = "lower"
        elif value is not None and value.qualifier == "up to":
            bound = "upper"
        compare = c.compare or {}
        out.append(
            {
                "accept": "",
                "compare": compare.get("status", ""),
                "compare_facts": "; ".join(f["fact"] for f in compare.get("facts", [])),
                "id": candidate_id(ex, c),
                "subject": c.actor.actor.label,
                "relation": c.rtype,
                "object": c.counterparty.actor.label,
                "role_note": "",
                "value": format_decimal(value.value) if value is not None and value.unit else "",
                "unit": value.unit if value is not None and value.unit else "",
                "duration": _duration(c.duration),
                "announced": _date(c.dates.get("announced")),
                "valid_from": _date(c.dates.get("validFrom")),
                "valid_until": _date(c.dates.get("validUntil")),
                "status": c.stated_status,
                "source_url": ex.url or "",
                "source_title": ex.title,
                "confidence": c.confidence,
                "notes": _notes(c),
                "value_bound": bound,
                "text_file": _relative(text_file, base),
                "published": ex.published,
                "lang": ex.lang,
                "evidence": ";".join(f"{e.start}:{e.end}" for e in c.evidence),
                "evidence_quote": QUOTE_JOIN.join(e.quote for e in c.evidence),
            }
        )
    return out


def to_csv(items: list[tuple[Extraction, Path]], base: Path | None) -> str:
    """The review sheet for several extractions, each with the path of its text."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ex, path in items:
        for row in rows(ex, path, base):
            writer.writerow(row)
    return buf.getvalue()
