"""The extraction as a table for a person to read, or as JSON for a program."""

from __future__ import annotations

import json

from .model import Candidate, Extraction, format_decimal
from .to_rdf import compare_line


def plural(n: int, noun: str) -> str:
    """``1 candidate relation``, ``3 candidate relations``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _q(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nothing_found(ex: Extraction) -> str:
    """The message when the text states no relation the extractor can see."""
    actors = sorted({m.actor.label for m in ex.mentions if not m.actor.new})
    if not actors:
        return "nothing found: no actor of the graph is named in the text, so no relation was proposed\n"
    return (
        f"nothing found: the text names {', '.join(actors)} but states no relation the extractor "
        "recognises between them\n"
    )


def table(ex: Extraction) -> str:
    lines = [
        f"source: «{_q(ex.title, 90)}» ({ex.lang}, published {ex.published})",
        f"language: {ex.lang} ({ex.lang_rule}); new organisations: {ex.ner_status}",
        f"{plural(len(ex.candidates), 'candidate relation')}, status extracted; offsets are [start:end] in the file",
        "",
    ]
    for i, c in enumerate(ex.candidates, 1):
        lines.extend(_candidate_lines(i, c))
        lines.append("")
    new = ex.new_actors
    if new:
        lines.append("new organisations (candidate actors, not in the graph): " + ", ".join(a.label for a in new))
    return "\n".join(lines).rstrip("\n") + "\n"


def _party(p) -> str:
    label = p.actor.label + (" [NEW]" if p.actor.new else "")
    return label


def _candidate_lines(i: int, c: Candidate) -> list[str]:
    head = f"{i}. {_party(c.actor)} --{c.rtype}--> {_party(c.counterparty)}"
    head += f"   [confidence {c.confidence}; text says: {c.stated_status}]"
    out = [head]
    if c.compare:
        out.append(f"   compare    {compare_line(c.compare)}")
    if c.value is not None:
        a = c.value
        extra = " (lower bound)" if a.lower_bound else ""
        extra += f" ({a.qualifier})" if a.qualifier else ""
        out.append(
            f"   value      {format_decimal(a.value)} {a.unit}{extra}  «{a.span.quote}» [{a.span.start}:{a.span.end}]"
        )
        if a.scale:
            out.append(
                f"              scale ambiguous: read {a.scale.reading}, not {a.scale.alternative}: {a.scale.why}"
            )
    if c.duration is not None:
        w = c.duration
        where = f"«{w.span.quote}» [{w.span.start}:{w.span.end}]"
        out.append(f"   duration   {w.value or '(no exact duration)'}  {where} ({w.rule})")
    for role in sorted(c.dates):
        w = c.dates[role]
        where = f"«{w.span.quote}» [{w.span.start}:{w.span.end}]"
        out.append(f"   {role:<10} {w.value} (precision {w.precision}, rule {w.rule})  {where}")
    for b in c.bounds:
        out.append(f"   bound      {b.explanation} ({b.rule})  [{b.span.start}:{b.span.end}]")
    for p, role in ((c.actor, "actor"), (c.counterparty, "counterparty")):
        if p.via:
            out.append(f"   {role:<10} {p.via} [{p.mention.start}:{p.mention.end}]")
    for ev in c.evidence:
        out.append(f"   evidence   [{ev.start}:{ev.end}] «{_q(ev.quote)}»")
    out.append(f"   direction  {c.direction} ({', '.join(c.patterns)})")
    out.append(f"   why        {c.confidence_rule}")
    for n in c.notes:
        out.append(f"   note       {n}")
    return out


def to_json(ex: Extraction) -> str:
    doc = {
        "source": {
            "title": ex.title,
            "url": ex.url,
            "file": ex.source_name,
            "language": ex.lang,
            "language_rule": ex.lang_rule,
            "published": ex.published,
            "characters": len(ex.text),
        },
        "ner": ex.ner_status,
        "candidates": [_candidate_json(c) for c in ex.candidates],
        "new_actors": [{"label": a.label, "found_by": a.found_by} for a in ex.new_actors],
        "mentions": [
            {**m.span.as_dict(), "actor": m.actor.label, "iri": m.actor.iri, "kind": m.kind} for m in ex.mentions
        ],
        "notes": ex.notes,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _candidate_json(c: Candidate) -> dict:
    return {
        "actor": c.actor.as_dict(),
        "type": c.rtype,
        "counterparty": c.counterparty.as_dict(),
        "status": "extracted",
        "stated_status": c.stated_status,
        "confidence": c.confidence,
        "confidence_rule": c.confidence_rule,
        "direction": c.direction,
        "patterns": c.patterns,
        "evidence": [e.as_dict() for e in c.evidence],
        "value": c.value.as_dict() if c.value else None,
        "duration": c.duration.as_dict() if c.duration else None,
        "dates": {role: w.as_dict() for role, w in sorted(c.dates.items())},
        "bounds": [b.as_dict() for b in c.bounds],
        "notes": c.notes,
        "compare": c.compare,
    }
