"""``--compare``: is each candidate already in the graph, new, or in conflict with a known fact?

A candidate is compared with the graph's relation nodes whose status is not ``extracted``
(reviewed facts only) on the same two actors and the same type, where ``procuresChipsFrom``
X→Y is the same tie as ``suppliesChipsTo`` Y→X and ``partnersWith`` has no direction.

For each such known fact, each field both state is checked: the value (same unit, within
0.5 %), the duration, and the dates, which agree when their periods overlap (a week written as
its Monday agrees with any day of that week; a year with any day of it). The status agrees
unless one says ended and the other does not. Then:

- ``known``: some known fact has no differing field (fields only the text gives are listed as
  "adds");
- ``conflict``: known facts exist on that tie but each differs somewhere (another value, another
  date, the reverse direction), shown against the closest one;
- ``new``: no known fact on that tie, or a side is an organisation new to the graph.

Each known fact is reported with its identifier and its source (title and URL).
"""

from __future__ import annotations

from calendar import monthrange
from decimal import Decimal, InvalidOperation

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from ..core.vocab import AIKG, SCHEMA, local_name
from .model import Candidate, Extraction, When, format_decimal

_DATE_FIELDS = ("announced", "validFrom", "validUntil", "fullCapacityBy", "expansionFrom")


def _canon(actor: str, rtype: str, cp: str) -> tuple:
    if rtype == "partnersWith":
        return ("partnersWith", frozenset((actor, cp)))
    if rtype == "procuresChipsFrom":
        return ("chips", cp, actor)
    if rtype == "suppliesChipsTo":
        return ("chips", actor, cp)
    return (rtype, actor, cp)


def _reverse(actor: str, rtype: str, cp: str) -> tuple:
    return _canon(cp, rtype, actor)


def _interval(lit: Literal) -> tuple[str, str] | None:
    text = str(lit)
    try:
        if lit.datatype == XSD.gYear or len(text) == 4:
            return f"{text}-01-01", f"{text}-12-31"
        if lit.datatype == XSD.gYearMonth or len(text) == 7:
            y, m = int(text[:4]), int(text[5:7])
            return f"{text}-01", f"{text}-{monthrange(y, m)[1]:02d}"
    except ValueError:
        return None
    return text[:10], text[:10]


def _when_interval(w: When) -> tuple[str, str]:
    if w.first and w.last:
        return w.first, w.last
    v = w.value or ""
    if len(v) == 4:
        return f"{v}-01-01", f"{v}-12-31"
    if len(v) == 7:
        y, m = int(v[:4]), int(v[5:7])
        return f"{v}-01", f"{v}-{monthrange(y, m)[1]:02d}"
    return v, v


def known_relations(graph: Graph) -> list[dict]:
    """The graph's reviewed relation nodes as plain dicts."""
    out = []
    for r in sorted(set(graph.subjects(RDF.type, AIKG.Relation))):
        status = graph.value(r, AIKG.status)
        if status is None or str(status) == "extracted":
            continue
        a, t, c = graph.value(r, AIKG.actor), graph.value(r, AIKG.relationType), graph.value(r, AIKG.counterparty)
        if not all(isinstance(x, URIRef) for x in (a, t, c)):
            continue
        rec = {
            "iri": str(r),
            "fact": str(graph.value(r, AIKG.factId) or local_name(r)),
            "actor": str(a),
            "type": local_name(t),
            "counterparty": str(c),
            "status": str(status),
            "value": graph.value(r, AIKG.value),
            "unit": graph.value(r, AIKG.unit),
            "duration": graph.value(r, AIKG.duration),
        }
        for f in _DATE_FIELDS:
            rec[f] = graph.value(r, AIKG[f])
        rec["sources"] = _sources(graph, r)
        out.append(rec)
    return out


def _sources(graph: Graph, r: URIRef) -> list[dict]:
    """Every source behind a relation node (derived sharing included), each once, sorted."""
    seen: dict[str, dict] = {}
    for ev in sorted(graph.objects(r, PROV.wasDerivedFrom)):
        src = graph.value(ev, AIKG.inSource)
        if src is None or str(src) in seen:
            continue
        title, url = graph.value(src, DCTERMS.title), graph.value(src, SCHEMA.url)
        out = {"iri": str(src)}
        if title is not None:
            out["title"] = str(title)
        if url is not None:
            out["url"] = str(url)
        seen[str(src)] = out
    return [seen[k] for k in sorted(seen)]


def _check(c: Candidate, k: dict) -> dict:
    agrees, conflicts, adds = [], [], []
    if c.value is not None and c.value.unit:
        if k["value"] is not None and k["unit"] is not None and str(k["unit"]) == c.value.unit:
            try:
                known = Decimal(str(k["value"]))
            except InvalidOperation:
                known = None
            if known is not None:
                mine = c.value.value
                if abs(mine - known) <= Decimal("0.005") * max(abs(mine), abs(known)):
                    agrees.append("value")
                else:
                    conflicts.append(
                        {"field": "value", "text": f"{format_decimal(mine)} {c.value.unit}",
                         "graph": f"{format_decimal(known)} {k['unit']}"}
                    )  # fmt: skip
        elif k["value"] is None:
            adds.append("value")
    if c.duration is not None and c.duration.value:
        if k["duration"] is None:
            adds.append("duration")
        elif str(k["duration"]) == c.duration.value:
            agrees.append("duration")
        else:
            conflicts.append({"field": "duration", "text": c.duration.value, "graph": str(k["duration"])})
    for f in _DATE_FIELDS:
        w = c.dates.get(f)
        if w is None or not w.value:
            continue
        if k[f] is None:
            adds.append(f)
            continue
        known_iv = _interval(k[f])
        s, e = _when_interval(w)
        if known_iv and s <= known_iv[1] and known_iv[0] <= e:
            agrees.append(f)
        else:
            conflicts.append({"field": f, "text": f"{w.value} ({w.precision})", "graph": str(k[f])})
    ended_text = c.stated_status == "ended"
    ended_graph = k["status"] == "ended" or k["validUntil"] is not None
    if ended_text and not ended_graph:
        conflicts.append({"field": "status", "text": "ended", "graph": f"{k['status']}, in force"})
    return {"agrees": agrees, "conflicts": conflicts, "adds": adds}


def compare(ex: Extraction, graph: Graph) -> None:
    """Set ``compare`` on every candidate of ``ex`` (see the module docstring)."""
    index: dict[tuple, list[dict]] = {}
    for k in known_relations(graph):
        index.setdefault(_canon(k["actor"], k["type"], k["counterparty"]), []).append(k)
    for c in ex.candidates:
        if c.actor.actor.new or c.counterparty.actor.new:
            c.compare = {"status": "new", "facts": [], "why": "a side is new to the graph"}
            continue
        a, cp = c.actor.actor.iri or "", c.counterparty.actor.iri or ""
        same = index.get(_canon(a, c.rtype, cp), [])
        facts = []
        for k in same:
            res = _check(c, k)
            facts.append({"fact": k["fact"], "iri": k["iri"], "sources": k["sources"], **res})
        if not same and c.rtype != "partnersWith":
            for k in index.get(_reverse(a, c.rtype, cp), []):
                wrong = {"field": "direction", "graph": "the reverse"}
                wrong["text"] = f"{c.actor.actor.label} → {c.counterparty.actor.label}"
                facts.append(
                    {
                        "fact": k["fact"],
                        "iri": k["iri"],
                        "sources": k["sources"],
                        "agrees": [],
                        "adds": [],
                        "conflicts": [wrong],
                    }
                )
        if not facts:
            c.compare = {"status": "new", "facts": []}
            continue
        clean = [f for f in facts if not f["conflicts"]]
        if clean:
            clean.sort(key=lambda f: (-len(f["agrees"]), f["fact"]))
            c.compare = {"status": "known", "facts": clean}
        else:
            facts.sort(key=lambda f: (len(f["conflicts"]), -len(f["agrees"]), f["fact"]))
            c.compare = {"status": "conflict", "facts": facts[:1], "others": [f["fact"] for f in facts[1:]]}
