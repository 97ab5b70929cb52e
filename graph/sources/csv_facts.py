"""Read a facts CSV (the layout of ``ai-infra-facts.csv``) into RDF of the aikg ontology.

One row is one relation node ``relation:<id>`` with its actor, type, counterparty, dates (their
precision kept), value and unit, duration, status, confidence, role note and notes, and two
pieces of provenance: evidence ``ev:<id>`` in the row's source (``source:url-<sha1 of the URL>``,
shared with every layer citing the same page) and evidence ``ev:<id>-csv`` in the CSV file
itself (a dataset source), naming the row. The layout, the allowed values and the matching
rules are documented in ``docs/public-layer.md``.

Nothing here writes files: :func:`import_facts` returns the RDF and a report (rows, new
actors, links, errors with row number, column and reason); the CLI (``aikg import``) decides
what to write.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ..core.dates import parse_date, xsd_datatype
from ..core.errors import AikgError, closest, unknown_message
from ..core.vocab import ACTOR, ACTOR_CLASSES, AIKG, CONFIDENCES, RELATION, RELATION_TYPES, SCHEMA, SOURCE, STATUSES
from ..core.vocab import local_name as _local
from ..query.actors import actor_iris, normalise

EV = Namespace("https://w3id.org/ai-infra-kg/id/evidence/")

#: The columns of a facts CSV, in the order of the reference file.
COLUMNS: tuple[str, ...] = (
    "id",
    "subject",
    "relation",
    "object",
    "role_note",
    "value",
    "unit",
    "duration",
    "announced",
    "valid_from",
    "valid_until",
    "status",
    "source_url",
    "source_title",
    "confidence",
    "notes",
)
#: Columns the header must name; the others may be left out.
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "subject", "relation", "object", "status", "source_url")

#: The review columns of a sheet written by ``aikg extract --out FILE.csv`` (docs/extract.md): with
#: an ``accept`` column only the rows marked yes are imported, and a row's ``evidence`` offsets and
#: ``evidence_quote`` are checked against its ``text_file`` and become quoted evidence.
REVIEW_COLUMNS: tuple[str, ...] = (
    "accept", "compare", "compare_facts", "value_bound", "text_file", "published", "lang", "evidence", "evidence_quote",
)  # fmt: skip
ACCEPT_YES = frozenset({"yes", "y", "x", "1", "true", "oui", "o"})
ACCEPT_NO = frozenset({"", "no", "n", "0", "false", "non"})
_SPAN = re.compile(r"^(\d+):(\d+)$")
#: How ``aikg extract`` joins the quotes of several clauses in ``evidence_quote``.
QUOTE_JOIN = " … "

#: Relation names accepted in the ``relation`` column.
RELATION_NAMES: dict[str, URIRef] = {_local(t): t for t in RELATION_TYPES}
RELATION_NAMES["jointVenture"] = AIKG.memberOfJointVenture

#: Status spellings of the CSV that differ from the ontology's.
STATUS_ALIASES: dict[str, str] = {"LOI": "letter-of-intent"}

NAMED_UNITS: tuple[str, ...] = ("USD", "GW", "MW", "percent", "shares")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_DURATION = re.compile(r"^(\d+) (year|month)s?$")

ACTORS_COLUMNS: tuple[str, ...] = ("name", "class", "aliases", "label_fr", "epithets")
#: An epithet of the actors CSV: a description that names the actor in news text, with its language
#: ("the Claude developer@en"); it becomes a language-tagged ``skos:hiddenLabel``.
_EPITHET = re.compile(r"^(?P<text>.*\S)\s*@(?P<lang>[a-z]{2})$")
ACTORS_REQUIRED: tuple[str, ...] = ("name", "class")

#: Class inference for new actors without an actors CSV: (relation type, side) -> class.
#: The first rule that applies wins, in this order.
INFERENCE_RULES: tuple[tuple[URIRef, str, URIRef], ...] = (
    (AIKG.suppliesChipsTo, "subject", AIKG.Chipmaker),
    (AIKG.procuresChipsFrom, "object", AIKG.Chipmaker),
    (AIKG.buysComputeFrom, "object", AIKG.CloudProvider),
    (AIKG.memberOfJointVenture, "object", AIKG.DataCenterVenture),
)

_DATE_COLUMNS = (("announced", AIKG.announced), ("valid_from", AIKG.validFrom), ("valid_until", AIKG.validUntil))


@dataclass(frozen=True, order=True)
class RowError:
    """One problem in one row: the file, the row (the header is row 1), the column and why."""

    file: str
    row: int
    column: str
    reason: str

    def line(self) -> str:
        where = f"{self.file}: row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


@dataclass
class NewActor:
    """An actor the import creates: its name in the CSV, IRI, class and where the class comes from."""

    name: str
    iri: URIRef
    cls: URIRef
    origin: str
    aliases: tuple[str, ...] = ()
    label_fr: str = ""
    epithets: tuple[tuple[str, str], ...] = ()  # (text, language)


@dataclass
class ImportResult:
    """What :func:`import_facts` built and found."""

    facts: Graph
    actors: Graph
    rows: int = 0
    relations: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_actors: list[NewActor] = field(default_factory=list)
    matched: dict[str, URIRef] = field(default_factory=dict)
    aliased: dict[str, URIRef] = field(default_factory=dict)
    links: list[tuple[str, URIRef]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dataset: URIRef | None = None
    review: bool = False  # a review sheet: only accepted rows
    not_accepted: int = 0
    quoted: dict[str, list[URIRef]] = field(default_factory=dict)  # fact id -> its extra quoted evidence

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    relation_type: URIRef
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # quoted evidence (start, end, quote)
    text_digest: str = ""  # sha1 of the text file, names its source when there is no URL


def url_source(url: str) -> URIRef:
    """The IRI every layer gives the source at ``url``: ``source:url-<first 12 hex of sha1>``."""
    return SOURCE["url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]]


def actor_slug(name: str) -> str:
    """``"Stargate UAE"`` -> ``"stargate-uae"``: the local name of a new actor's IRI."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")
    return slug or "actor-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def format_duration(text: str) -> str | None:
    """``"7 years"`` -> ``"P7Y"``, ``"18 months"`` -> ``"P18M"``; ``None`` for any other wording.

    Only the exact spellings ``N years`` / ``1 year`` / ``N months`` / ``1 month`` convert, so
    that the duration reads back as the same text; the rest is kept in ``aikg:durationNote``.
    """
    m = _DURATION.match(text)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if text != f"{n} {unit}{'' if n == 1 else 's'}":
        return None
    return f"P{n}{'Y' if unit == 'year' else 'M'}"


def decode(data: bytes, name: str) -> tuple[str | None, RowError | None]:
    """UTF-8 text (a BOM is allowed), or the error naming the row and column of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        records = list(csv.reader(io.StringIO(prefix, newline="")))
        row = max(len(records), 1)
        header = records[0] if records else []
        column = ""
        if records and row > 1:
            index = len(records[-1]) - 1
            if 0 <= index < len(header):
                column = header[index].strip()
        elif header:
            column = header[-1].strip()
        bad = data[exc.start : exc.start + 1].hex()
        reason = f"not UTF-8 text (byte 0x{bad} at offset {exc.start}); save the file as UTF-8"
        return None, RowError(name, row, column, reason)


def read_table(
    data: bytes, name: str, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[str], list[tuple[int, list[str]]], list[RowError]]:
    """Decode and split a CSV; check its header. Returns header, ``(row number, cells)`` and errors.

    File-level errors (encoding, empty file, header problems, broken quoting) come back with
    no rows: no row of such a file can be trusted.
    """
    text, error = decode(data, name)
    if error is not None:
        return [], [], [error]
    assert text is not None
    if not text.strip():
        expected = ",".join(columns)
        return [], [], [RowError(name, 1, "", f"the file is empty; expected a header row: {expected}")]
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            records.append((number, cells))
    except csv.Error as exc:
        return [], [], [RowError(name, len(records) + 1, "", f"malformed CSV: {exc}")]
    header = [c.strip() for c in records[0][1]]
    errors = []
    seen: set[str] = set()
    for col in header:
        if not col:
            errors.append(RowError(name, 1, "", "a header cell is empty; every column needs a name"))
        elif col in seen:
            errors.append(RowError(name, 1, col, "the column is named twice"))
        elif col not in columns:
            near = closest(col, columns)
            hint = f"closest known: {', '.join(near)}" if near else "known: " + ", ".join(columns)
            errors.append(RowError(name, 1, col, f"unknown column; {hint}"))
        seen.add(col)
    for col in required:
        if col not in header:
            errors.append(RowError(name, 1, col, "missing required column"))
    if errors:
        return header, [], errors
    rows = []
    for number, cells in records[1:]:
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) != len(header):
            errors.append(RowError(name, number, "", f"the row has {len(cells)} cells; the header has {len(header)}"))
            continue
        rows.append((number, cells))
    if not rows and not errors:
        errors.append(RowError(name, 2, "", "no data rows after the header"))
    return header, rows, errors


def _suggest(kind: str, word: str, choices: Iterable[str]) -> str:
    # A row report lists every known name when none is close: the list is short (columns, types).
    return unknown_message(kind, word, choices, limit=None)


def check_row(number: int, cells: dict[str, str], name: str) -> tuple[URIRef | None, list[RowError]]:
    """Check one row's cells (not the names of actors); return its relation type and the errors."""
    errs: list[RowError] = []

    def err(column: str, reason: str) -> None:
        errs.append(RowError(name, number, column, reason))

    for col in REQUIRED_COLUMNS:
        if col == "source_url" and cells.get("text_file"):
            continue  # a review row's source is its text file
        if not cells.get(col, ""):
            err(col, f"{col} is empty; every row needs one")
    if cells.get("value_bound", "") not in ("", "lower", "upper"):
        err("value_bound", f"value_bound {cells['value_bound']!r}: write lower, upper or nothing")
    if cells.get("published"):
        try:
            parse_date(cells["published"], "published")
        except AikgError as exc:
            err("published", str(exc))
    fact_id = cells.get("id", "")
    if fact_id and not _ID.match(fact_id):
        err("id", f"id {fact_id!r} may hold only letters, digits, '-' and '_' (it becomes an IRI)")
    relation_type = None
    rel = cells.get("relation", "")
    if rel:
        relation_type = RELATION_NAMES.get(rel)
        if relation_type is None:
            err("relation", _suggest("relation", rel, RELATION_NAMES))
    if cells.get("subject") and cells.get("object") and normalise(cells["subject"]) == normalise(cells["object"]):
        err("object", "subject and object are the same actor")
    value, unit = cells.get("value", ""), cells.get("unit", "")
    if value:
        if not _NUMBER.match(value):
            err(
                "value",
                f"value {value!r} is not a plain number; write digits with an optional '.' "
                "and no thousands separator or unit (38000000000, 0.23)",
            )
        if not unit:
            err("unit", f"value {value} has no unit; give USD (or another ISO 4217 code), GW, MW, percent or shares")
    if unit:
        if unit not in NAMED_UNITS and not _CURRENCY.match(unit):
            err("unit", _suggest("unit", unit, NAMED_UNITS) + " (or an ISO 4217 currency code)")
        if not value:
            err("value", f"unit {unit} is given without a value")
    dates: dict[str, str] = {}
    for col, _ in _DATE_COLUMNS:
        text = cells.get(col, "")
        if text:
            try:
                dates[col] = parse_date(text, col)[0]
            except AikgError as exc:
                err(col, str(exc))
    start, until = dates.get("valid_from"), dates.get("valid_until")
    if start and until and start > until and not start.startswith(until):
        err("valid_until", f"valid_until {until} is before valid_from {start}")
    status = cells.get("status", "")
    if status and STATUS_ALIASES.get(status, status) not in STATUSES:
        err("status", _suggest("status", status, [*STATUSES, *STATUS_ALIASES]))
    confidence = cells.get("confidence", "")
    if confidence and confidence not in CONFIDENCES:
        err("confidence", _suggest("confidence", confidence, CONFIDENCES))
    url = cells.get("source_url", "")
    if url and (not re.match(r"^https?://[^\s/]+", url) or re.search(r"\s", url)):
        err("source_url", f"source_url {url!r} is not one http(s) URL; put further URLs in notes")
    return relation_type, errs


# --------------------------------------------------------------------------------------------
# Actors CSV
# --------------------------------------------------------------------------------------------


def read_actors_csv(data: bytes, name: str) -> tuple[list[NewActor], list[RowError]]:
    """Parse an actors CSV (``name,class,aliases[,label_fr][,epithets]``; aliases and epithets separated
    by ``;``, each epithet written ``text@lang``)."""
    header, records, errors = read_table(data, name, ACTORS_COLUMNS, ACTORS_REQUIRED)
    if errors:
        return [], errors
    classes = {_local(c): c for c in ACTOR_CLASSES}
    found: list[NewActor] = []
    seen: dict[str, int] = {}
    for number, raw in records:
        cells = {h: c.strip() for h, c in zip(header, raw)}
        actor_name, cls_name = cells.get("name", ""), cells.get("class", "")
        if not actor_name:
            errors.append(RowError(name, number, "name", "name is empty"))
            continue
        key = normalise(actor_name)
        if key in seen:
            errors.append(RowError(name, number, "name", f"{actor_name!r} is already listed in row {seen[key]}"))
            continue
        seen[key] = number
        cls = classes.get(cls_name.removeprefix("aikg:"))
        if cls is None:
            errors.append(RowError(name, number, "class", _suggest("actor class", cls_name, classes)))
            continue
        aliases = tuple(a.strip() for a in cells.get("aliases", "").split(";") if a.strip())
        epithets = []
        for item in (e.strip() for e in cells.get("epithets", "").split(";")):
            if not item:
                continue
            m = _EPITHET.match(item)
            if m is None:
                errors.append(
                    RowError(
                        name, number, "epithets", f"{item!r}: write each epithet as text@lang (Claude developer@en)"
                    )
                )
                continue
            epithets.append((m.group("text"), m.group("lang")))
        found.append(
            NewActor(
                actor_name, URIRef(""), cls, f"{name} row {number}", aliases, cells.get("label_fr", ""), tuple(epithets)
            )
        )
    return found, errors


# --------------------------------------------------------------------------------------------
# Matching relations already in the graph
# --------------------------------------------------------------------------------------------


def _compatible(a: str | None, b: str | None) -> bool:
    """Two dates agree when either is missing or one is a prefix of the other (precision)."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def _known_relations(known: Graph) -> dict[tuple[URIRef, URIRef, URIRef], list[tuple[URIRef, dict[str, str]]]]:
    """Relations of the loaded graph by (type, actor, counterparty), each with its dates."""
    index: dict[tuple[URIRef, URIRef, URIRef], list[tuple[URIRef, dict[str, str]]]] = {}
    for r in sorted(set(known.subjects(RDF.type, AIKG.Relation)), key=str):
        t, a, b = (known.value(r, p) for p in (AIKG.relationType, AIKG.actor, AIKG.counterparty))
        if not (isinstance(t, URIRef) and isinstance(a, URIRef) and isinstance(b, URIRef)):
            continue
        dates = {}
        for col, p in _DATE_COLUMNS:
            v = known.value(r, p)
            if v is not None:
                dates[col] = str(v)
        index.setdefault((t, a, b), []).append((r, dates))
    return index


def _equivalent_keys(known: Graph, t: URIRef, a: URIRef, b: URIRef) -> list[tuple[URIRef, URIRef, URIRef]]:
    """The (type, actor, counterparty) keys that state the same tie: itself, swapped if symmetric,
    and the inverse type swapped."""
    keys = [(t, a, b)]
    if (t, RDF.type, OWL.SymmetricProperty) in known:
        keys.append((t, b, a))
    for inv in set(known.objects(t, OWL.inverseOf)) | set(known.subjects(OWL.inverseOf, t)):
        if isinstance(inv, URIRef):
            keys.append((inv, b, a))
    return keys


# --------------------------------------------------------------------------------------------
# The import
# --------------------------------------------------------------------------------------------


def import_facts(
    data: bytes,
    name: str,
    known: Graph | None = None,
    *,
    actors_csv: bytes | None = None,
    actors_name: str = "actors.csv",
    dataset_title: str | None = None,
    dataset_path: str | None = None,
    base_dir: Path | None = None,
) -> ImportResult:
    """Turn a facts CSV into RDF.

    Parameters
    ----------
    data, name
        The CSV's bytes and the name to report it by (its file name).
    known
        The loaded graph (ontology, actors, layers, the user's files): names are matched to its
        actors by label and alias, and rows stating a relation it already holds are linked to it
        with ``aikg:sameRelationAs``. ``None``: nothing is known, every name is a new actor.
    actors_csv, actors_name
        An optional actors CSV giving new actors their class, aliases and French label.
    dataset_title, dataset_path
        Title of the dataset source node standing for the CSV, and its path relative to the
        ``data/`` folder when the CSV is shipped there (``aikg:textFile``).
    base_dir
        The folder a review sheet's ``text_file`` paths are relative to (the CSV's folder).

    Returns
    -------
    ImportResult
        ``facts`` holds the good rows (relations, evidence, sources), ``actors`` the new actors;
        ``errors`` every problem found, each with row number, column and reason.
    """
    known = known if known is not None else Graph()
    result = ImportResult(facts=Graph(), actors=Graph())
    header, records, errors = read_table(data, name, COLUMNS + REVIEW_COLUMNS, REQUIRED_COLUMNS)
    result.errors.extend(errors)
    result.rows = len(records)
    if "accept" in header and not errors:
        records = _accepted(header, records, name, result)
    if records:  # rows whose cell count is wrong: skipped, the others still checked
        result.skipped.extend(e.row for e in errors if e.row > 1)
        result.rows += len(result.skipped)

    listed: list[NewActor] = []
    if actors_csv is not None:
        listed, actor_errors = read_actors_csv(actors_csv, actors_name)
        result.errors.extend(actor_errors)
    if not records:
        return result

    # 1. Check each row on its own, and the ids across rows and against the loaded graph.
    good: list[_Row] = []
    first_row: dict[str, int] = {}
    for number, raw in records:
        cells = {h: c.strip() for h, c in zip(header, raw)}
        relation_type, row_errors = check_row(number, cells, name)
        fact_id = cells.get("id", "")
        if fact_id in first_row:
            row_errors.append(
                RowError(name, number, "id", f"duplicate id {fact_id} (first used in row {first_row[fact_id]})")
            )
        elif fact_id:
            first_row[fact_id] = number
            for iri in (RELATION[fact_id], EV[fact_id], EV[fact_id + "-csv"]):
                if (iri, None, None) in known:
                    row_errors.append(
                        RowError(
                            name,
                            number,
                            "id",
                            f"id {fact_id} is already used in the loaded graph ({iri}); "
                            "choose another id, or load fewer layers or files (--layers, --data)",
                        )
                    )
                    break
        spans: list[tuple[int, int, str]] = []
        digest = ""
        if not row_errors and (cells.get("text_file") or cells.get("evidence")):
            spans, digest, evidence_errors = _check_evidence(number, cells, name, base_dir)
            row_errors.extend(evidence_errors)
        if row_errors:
            result.errors.extend(row_errors)
            result.skipped.append(number)
            continue
        assert relation_type is not None
        good.append(_Row(number, cells, relation_type, spans, digest))

    # 2. Names: the loaded graph's actors, then the actors CSV, then new actors.
    names = _known_actor_names(known)
    for entry in listed:
        key = normalise(entry.name)
        if key in names:
            result.warnings.append(
                f"{entry.origin}: {entry.name!r} is already in the graph as {names[key]}; the row is ignored"
            )
    used_iris = {str(s) for s in known.subjects()}
    new_by_key: dict[str, NewActor] = {}
    listed_by_key: dict[str, NewActor] = {}
    for entry in listed:
        if normalise(entry.name) in names:
            continue
        for n in (entry.name, *entry.aliases):
            listed_by_key.setdefault(normalise(n), entry)

    def resolve(actor_name: str) -> URIRef:
        key = normalise(actor_name)
        if key in names:
            result.matched[actor_name] = names[key]
            return names[key]
        entry = listed_by_key.get(key)
        canonical = normalise(entry.name) if entry else key
        if canonical not in new_by_key:
            slug = actor_slug(entry.name if entry else actor_name)
            iri, n = ACTOR[slug], 2
            while str(iri) in used_iris:
                iri, n = ACTOR[f"{slug}-{n}"], n + 1
            used_iris.add(str(iri))
            if entry:
                new = NewActor(entry.name, iri, entry.cls, entry.origin, entry.aliases, entry.label_fr, entry.epithets)
            else:
                new = NewActor(actor_name, iri, AIKG.Actor, "")
            new_by_key[canonical] = new
            result.new_actors.append(new)
        if entry and key != canonical:
            result.aliased[actor_name] = new_by_key[canonical].iri
        return new_by_key[canonical].iri

    parties: dict[int, tuple[URIRef, URIRef]] = {}
    for row in good:
        parties[row.number] = (resolve(row.cells["subject"]), resolve(row.cells["object"]))
    used_entries = {a.origin for a in result.new_actors}
    for entry in listed:
        if entry.origin not in used_entries and normalise(entry.name) not in names:
            result.warnings.append(f"{entry.origin}: {entry.name!r} is named by no row; not written")

    # 3. Classes of new actors not in the actors CSV: inferred from their relations.
    for new in result.new_actors:
        if new.origin:
            continue
        found = []
        for t, side, cls in INFERENCE_RULES:
            for row in good:
                s, o = parties[row.number]
                if row.relation_type == t and (s if side == "subject" else o) == new.iri:
                    found.append((cls, f"{row.cells['id']} {side} of {_local(t)}"))
                    break
        if found:
            new.cls, why = found[0]
            new.origin = f"inferred: {why}"
            others = sorted({_local(c) for c, _ in found[1:] if c != new.cls})
            if others:
                result.warnings.append(
                    f"{new.name}: class {_local(new.cls)} inferred; its relations also suggest "
                    f"{', '.join(others)}; give its class in an actors CSV"
                )
        else:
            new.origin = "no class inferred: plain aikg:Actor; give its class in an actors CSV"

    # 4. The RDF.
    digest = hashlib.sha1(data).hexdigest()[:12]
    dataset = SOURCE["csv-" + digest]
    result.dataset = dataset
    g = result.facts
    if good:
        g.add((dataset, RDF.type, AIKG.Source))
        g.add((dataset, RDF.type, SCHEMA.Dataset))
        g.add((dataset, DCTERMS.title, Literal(dataset_title or f"Facts CSV {name}")))
        g.add((dataset, DCTERMS["format"], Literal("text/csv")))
        if dataset_path:
            g.add((dataset, AIKG.textFile, Literal(dataset_path)))
    titles: dict[URIRef, set[str]] = {}
    for row in good:
        _add_row(g, row, parties[row.number], dataset, name)
        result.relations.append(row.cells["id"])
        result.quoted[row.cells["id"]] = [EV[f"{row.cells['id']}-{k}"] for k in range(2, len(row.spans) + 1)]
        source = _row_source(row)
        if row.cells.get("source_title"):
            titles.setdefault(source, set()).add(row.cells["source_title"])
    for source, found_titles in sorted(titles.items()):
        before = {str(t) for t in known.objects(source, DCTERMS.title)}
        if len(found_titles | before) > 1:
            result.warnings.append(
                f"source {source_url_of(g, source)} has several titles: " + " | ".join(sorted(found_titles | before))
            )

    for new in result.new_actors:
        a = result.actors
        a.add((new.iri, RDF.type, new.cls))
        a.add((new.iri, RDFS.label, Literal(new.name, lang="en")))
        a.add((new.iri, RDFS.label, Literal(new.label_fr or new.name, lang="fr")))
        for alias in new.aliases:
            a.add((new.iri, SKOS.altLabel, Literal(alias, lang="en")))
        for text, lang in new.epithets:
            a.add((new.iri, SKOS.hiddenLabel, Literal(text, lang=lang)))

    # 5. Relations the loaded graph already states: link them.
    index = _known_relations(known)
    candidates: dict[str, list[URIRef]] = {}
    for row in good:
        s, o = parties[row.number]
        dates = {col: row.cells[col] for col, _ in _DATE_COLUMNS if row.cells.get(col)}
        hits = []
        for key in _equivalent_keys(known, row.relation_type, s, o):
            for iri, kdates in index.get(key, []):
                if all(_compatible(dates.get(c), kdates.get(c)) for c, _ in _DATE_COLUMNS):
                    hits.append(iri)
        candidates[row.cells["id"]] = sorted(set(hits), key=str)
    claimed: dict[URIRef, list[str]] = {}
    for fact_id, hits in candidates.items():
        for iri in hits:
            claimed.setdefault(iri, []).append(fact_id)
    for fact_id, hits in candidates.items():
        if len(hits) == 1 and len(claimed[hits[0]]) == 1:
            g.add((RELATION[fact_id], AIKG.sameRelationAs, hits[0]))
            result.links.append((fact_id, hits[0]))
        elif hits:
            others = sorted({f for h in hits for f in claimed[h]})
            result.warnings.append(
                f"{fact_id}: not linked, the match is ambiguous: {', '.join(_local(h) for h in hits)} "
                f"(matched by rows {', '.join(others)})"
            )
    result.errors.sort()
    result.skipped.sort()
    return result


def source_url_of(g: Graph, source: URIRef) -> str:
    url = g.value(source, SCHEMA.url)
    return str(url) if url is not None else str(source)


def _known_actor_names(known: Graph) -> dict[str, URIRef]:
    names: dict[str, URIRef] = {}
    for iri in sorted(actor_iris(known), key=str):
        names.setdefault(normalise(_local(iri)), iri)
        for p in (RDFS.label, SKOS.altLabel):
            for label in known.objects(iri, p):
                names.setdefault(normalise(label), iri)
    return names


def _add_row(g: Graph, row: _Row, parties: tuple[URIRef, URIRef], dataset: URIRef, name: str) -> None:
    c = row.cells
    r = RELATION[c["id"]]
    g.add((r, RDF.type, AIKG.Relation))
    g.add((r, AIKG.factId, Literal(c["id"])))
    g.add((r, AIKG.actor, parties[0]))
    g.add((r, AIKG.relationType, row.relation_type))
    g.add((r, AIKG.counterparty, parties[1]))
    for col, p in _DATE_COLUMNS:
        if c.get(col):
            text, precision = parse_date(c[col], col)
            g.add((r, p, Literal(text, datatype=XSD[xsd_datatype(precision)])))
    if c.get("value"):
        g.add((r, AIKG.value, Literal(str(Decimal(c["value"])), datatype=XSD.decimal)))
        g.add((r, AIKG.unit, Literal(c["unit"])))
    if c.get("duration"):
        iso = format_duration(c["duration"])
        if iso:
            g.add((r, AIKG.duration, Literal(iso, datatype=XSD.duration)))
        else:
            g.add((r, AIKG.durationNote, Literal(c["duration"])))
    g.add((r, AIKG.status, Literal(STATUS_ALIASES.get(c["status"], c["status"]))))
    if c.get("confidence"):
        g.add((r, AIKG.confidence, Literal(c["confidence"])))
    if c.get("role_note"):
        g.add((r, AIKG.roleNote, Literal(c["role_note"])))
    if c.get("notes"):
        g.add((r, AIKG.note, Literal(c["notes"])))

    if c.get("value_bound") == "lower":
        g.add((r, AIKG.valueIsLowerBound, Literal(True)))
    source = _row_source(row)
    ev, ev_csv = EV[c["id"]], EV[c["id"] + "-csv"]
    g.add((r, PROV.wasDerivedFrom, ev))
    g.add((r, PROV.wasDerivedFrom, ev_csv))
    g.add((ev, RDF.type, AIKG.Evidence))
    g.add((ev, AIKG.inSource, source))
    if row.spans:
        # a reviewed candidate of aikg extract: the clauses that state it, quoted with their offsets
        lang = c.get("lang") or None
        for k, (start, end, quote) in enumerate(row.spans, 1):
            node = ev if k == 1 else EV[f"{c['id']}-{k}"]
            if k > 1:
                g.add((r, PROV.wasDerivedFrom, node))
                g.add((node, RDF.type, AIKG.Evidence))
                g.add((node, AIKG.inSource, source))
            g.add((node, AIKG.quote, Literal(quote, lang=lang)))
            g.add((node, AIKG.startOffset, Literal(start)))
            g.add((node, AIKG.endOffset, Literal(end)))
        g.add((ev, AIKG.note, Literal(f"Quoted from {c['text_file']}; accepted in review ({name}, row {row.number}).")))
    else:
        g.add(
            (
                ev,
                AIKG.note,
                Literal(
                    f"The fact is stated in the words of the fact set's authors ({name}, row {row.number}), not quoted."
                ),
            )
        )
    g.add((ev_csv, RDF.type, AIKG.Evidence))
    g.add((ev_csv, AIKG.inSource, dataset))
    g.add((ev_csv, AIKG.note, Literal(f"{name}, row {row.number}")))
    g.add((source, RDF.type, AIKG.Source))
    if c.get("source_url"):
        g.add((source, SCHEMA.url, Literal(c["source_url"], datatype=XSD.anyURI)))
    if c.get("source_title"):
        g.add((source, DCTERMS.title, Literal(c["source_title"])))
    if row.spans:
        g.add((source, AIKG.textFile, Literal(c["text_file"])))
        if c.get("published"):
            text, precision = parse_date(c["published"], "published")
            g.add((source, DCTERMS.issued, Literal(text, datatype=XSD[xsd_datatype(precision)])))
        if c.get("lang"):
            g.add((source, DCTERMS.language, Literal(c["lang"])))


def _row_source(row: _Row) -> URIRef:
    """The source of a row: its URL's, else its text file's (named by the text's SHA-1, as
    ``aikg extract`` names it)."""
    if row.cells.get("source_url"):
        return url_source(row.cells["source_url"])
    return SOURCE["text-" + row.text_digest]


def _accepted(header: list[str], records: list, name: str, result: ImportResult) -> list:
    """The rows of a review sheet marked yes in ``accept``; a word that is neither yes nor no is an error."""
    result.review = True
    index = header.index("accept")
    kept = []
    for number, cells in records:
        word = cells[index].strip().casefold()
        if word in ACCEPT_YES:
            kept.append((number, cells))
        elif word in ACCEPT_NO:
            result.not_accepted += 1
        else:
            result.errors.append(
                RowError(
                    name,
                    number,
                    "accept",
                    f"{cells[index]!r}: write yes to import the row, no (or nothing) to leave it",
                )
            )
            result.skipped.append(number)
    if not kept and not result.errors:
        result.errors.append(
            RowError(name, 1, "accept", "no row is accepted: write yes in the accept column of the rows to import")
        )
    return kept


def _check_evidence(
    number: int, cells: dict[str, str], name: str, base_dir: Path | None
) -> tuple[list[tuple[int, int, str]], str, list[RowError]]:
    """A review row's evidence: each ``start:end`` of ``evidence`` read from ``text_file``, their
    text compared with ``evidence_quote``. Returns the spans, the text's SHA-1 and the errors."""
    from .text_file import read_text

    errs: list[RowError] = []
    file = cells.get("text_file", "")
    if not file:
        return [], "", [RowError(name, number, "text_file", "evidence needs the text_file it was read from")]
    path = Path(file)
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    try:
        text = read_text(path)
    except AikgError as exc:
        return [], "", [RowError(name, number, "text_file", str(exc))]
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    spans = []
    for part in (p.strip() for p in cells.get("evidence", "").split(";")):
        m = _SPAN.match(part)
        if m is None:
            errs.append(
                RowError(name, number, "evidence", f"{part!r}: write offsets as start:end, several joined by ;")
            )
            continue
        start, end = int(m.group(1)), int(m.group(2))
        if not start < end <= len(text):
            errs.append(RowError(name, number, "evidence", f"{part}: outside the {len(text)} characters of {file}"))
            continue
        spans.append((start, end, text[start:end]))
    if not spans and not errs:
        errs.append(
            RowError(name, number, "evidence", "no evidence offsets: give start:end of the clause in text_file")
        )
    written = cells.get("evidence_quote", "")
    if spans and written and " ".join(written.split()) != " ".join(QUOTE_JOIN.join(q for _, _, q in spans).split()):
        errs.append(
            RowError(
                name,
                number,
                "evidence_quote",
                f"does not match {file} at {cells.get('evidence')}: the text file changed since extraction, or the "
                "quote was edited; extract again",
            )
        )
    return spans, digest, errs


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

RELATION_ORDER: tuple[URIRef, ...] = (
    AIKG.inSource,
    AIKG.quote,
    AIKG.startOffset,
    AIKG.endOffset,
    DCTERMS.title,
    SCHEMA.url,
    RDFS.label,
    SKOS.altLabel,
    SKOS.hiddenLabel,
    AIKG.factId,
    AIKG.actor,
    AIKG.relationType,
    AIKG.counterparty,
    AIKG.announced,
    AIKG.validFrom,
    AIKG.validUntil,
    AIKG.value,
    AIKG.unit,
    AIKG.duration,
    AIKG.durationNote,
    AIKG.status,
    AIKG.confidence,
    AIKG.roleNote,
    AIKG.note,
    AIKG.sameRelationAs,
    PROV.wasDerivedFrom,
)


def facts_turtle(result: ImportResult, name: str, header: Sequence[str] = (), with_actors: bool = False) -> str:
    """The facts as Turtle: each relation followed by its evidence, then the sources, then (with
    ``with_actors``) the new actors."""
    from ..core.turtle import to_turtle

    g = Graph()
    for triple in result.facts:
        g.add(triple)
    blocks: list[URIRef] = []
    for fact_id in result.relations:
        blocks += [RELATION[fact_id], EV[fact_id], *result.quoted.get(fact_id, []), EV[fact_id + "-csv"]]
    sources = sorted({s for s in g.subjects(RDF.type, AIKG.Source) if s != result.dataset}, key=str)
    sections: list[tuple[str | None, list]] = [("Relations, one per row, each with its evidence", blocks)]
    sections.append(("Sources named in source_url", sources))
    if result.dataset is not None:
        sections.append(("The CSV file itself", [result.dataset]))
    lines = [
        f"Generated by `aikg import` from {name}: do not edit by hand; edit the CSV and import it",
        "again (docs/public-layer.md).",
        *header,
    ]
    if with_actors and result.new_actors:
        for triple in result.actors:
            g.add(triple)
        sections.append(("New actors", sorted((a.iri for a in result.new_actors), key=str)))
        lines += _class_lines(result)
    return to_turtle(g, sections, lines, RELATION_ORDER)


def _class_lines(result: ImportResult) -> list[str]:
    lines = ["Classes of the new actors:"]
    for new in sorted(result.new_actors, key=lambda a: str(a.iri)):
        lines.append(f"  {_local(new.iri)}: {_local(new.cls)} ({new.origin})")
    return lines


def actors_turtle(result: ImportResult, name: str, header: Sequence[str] = ()) -> str:
    """The new actors as Turtle, in IRI order; the header says where each class comes from."""
    from ..core.turtle import to_turtle

    lines = [f"Actors new in {name}, generated by `aikg import`: do not edit by hand.", *header]
    lines += _class_lines(result)
    subjects = sorted((a.iri for a in result.new_actors), key=str)
    return to_turtle(result.actors, [(None, subjects)], lines, RELATION_ORDER)


def report_lines(result: ImportResult, name: str) -> list[str]:
    """A readable report: counts, names matched, new actors, links, warnings, errors."""
    lines = [
        f"{name}: {result.rows} row{'s' if result.rows != 1 else ''} read, "
        + (f"{result.rows - result.not_accepted} accepted, " if result.review else "")
        + f"{len(result.relations)} relation{'s' if len(result.relations) != 1 else ''} built"
        + (f", {len(result.skipped)} row(s) with errors" if result.skipped else "")
    ]
    renamed = {n: i for n, i in result.matched.items()}
    if renamed:
        lines.append(f"names matched to actors of the graph ({len(renamed)}):")
        for n, iri in sorted(renamed.items(), key=lambda kv: normalise(kv[0])):
            lines.append(f"  {n} -> actor:{_local(iri)}")
    if result.aliased:
        lines.append(f"names matched to new actors by an alias of the actors CSV ({len(result.aliased)}):")
        for n, iri in sorted(result.aliased.items(), key=lambda kv: normalise(kv[0])):
            lines.append(f"  {n} -> actor:{_local(iri)}")
    if result.new_actors:
        lines.append(f"new actors ({len(result.new_actors)}):")
        for new in sorted(result.new_actors, key=lambda a: str(a.iri)):
            lines.append(f"  {new.name} -> actor:{_local(new.iri)} {_local(new.cls)} ({new.origin})")
    if result.links:
        lines.append(
            f"relations the loaded graph already states, linked with aikg:sameRelationAs ({len(result.links)}):"
        )
        for fact_id, iri in result.links:
            lines.append(f"  {fact_id} = relation:{_local(iri)}")
    for w in result.warnings:
        lines.append(f"warning: {w}")
    for e in result.errors:
        lines.append(f"error: {e.line()}")
    return lines
