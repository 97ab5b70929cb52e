"""A shift (:func:`graph.analysis.shift.shift`) as terminal text, Markdown (``shift.md``) and
JSON (``shift.json``).

Every sentence is built from the shift's data: relation labels, values, dates, events and
sources come from the graph, never from text written here about particular actors.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.safe_text import terminal_text, web_url
from . import fmt

SCHEMA = "aikg-shift/1"
#: Measures shown for each focus actor, in order.
FOCUS_MEASURES = ("degree", "dependencies", "dependents", "ties", "betweenness", "pagerank", "eigenvector", "value_usd")


def to_json(doc: dict[str, Any]) -> str:
    """``shift.json``: the document as built by the command (see docs/analysis.md for the schema)."""
    return json.dumps({"schema": SCHEMA, **doc}, indent=2, ensure_ascii=False) + "\n"


class _Out:
    def __init__(self, markdown: bool) -> None:
        self.md = markdown
        self.lines: list[str] = []

    def h(self, level: int, text: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        if self.md:
            self.lines.append("#" * level + " " + text)
        else:
            self.lines.append(text)
            self.lines.append(("=" if level == 1 else "-") * min(len(text), 100))
        self.lines.append("")

    def p(self, text: str) -> None:
        self.lines.append(text)

    def item(self, text: str, indent: int = 0) -> None:
        pad = "  " * indent
        self.lines.append(f"{pad}- {text}")

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def _md(text: Any, markdown: bool) -> str:
    # Terminal text or Markdown: escape sequences in labels and quotes are never passed on.
    s = terminal_text(str(text))
    if markdown:
        for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "|"):
            s = s.replace(ch, "\\" + ch)
    return s


def relation_line(r: dict[str, Any], markdown: bool = False) -> str:
    """``OpenAI buys compute from Amazon Web Services [A01]``."""
    facts = ", ".join(r["fact_ids"]) or r["key"]
    text = f"{r['source_label']} {r['relation_label']} {r['target_label']}"
    return f"{_md(text, markdown)} [{_md(facts, markdown)}]"


def _events_of(r: dict[str, Any]) -> list[str]:
    """``started by OpenAI restructuring (2025-10-28)``, and the same for the event that ended it."""
    parts = []
    for what in ("started", "ended"):
        if r.get(f"{what}_by_label"):
            day = f" ({r[f'{what}_by_date']})" if r.get(f"{what}_by_date") else ""
            parts.append(f"{what} by {r[f'{what}_by_label']}{day}")
    return parts


def relation_details(r: dict[str, Any]) -> str:
    """Value, duration, dates, events, status and confidence of a relation, in one line."""
    parts = []
    if r.get("value") is not None:
        parts.append(fmt.value(r["value"], r.get("unit")))
    if r.get("duration"):
        parts.append(f"duration {r['duration']}")
    parts.append(fmt.when(r))
    parts += _events_of(r)
    if r.get("end_reason") == "revision" and r.get("ended_by_fact"):
        fact = r["ended_by_fact"]
        kinds = [k.split(":", 1)[0] for k in r.get("revised_by") or [] if k.split(":", 1)[-1] == fact]
        word = {"supersedes": "superseded"}.get(kinds[0], "ended") if kinds else "its end recorded"
        parts.append(f"{word} by {fact}" if kinds else f"{word} in {fact}")
    if r.get("revises"):
        parts.append(", ".join(k.replace(":", " ") for k in r["revises"]))
    if r.get("via_successor_of"):
        parts.append("carried over from " + ", ".join(a.rsplit("/", 1)[-1] for a in r["via_successor_of"]))
    parts.append(f"status {r.get('status') or '-'}, confidence {r.get('confidence') or '-'}")
    return "; ".join(parts)


def source_lines(r: dict[str, Any], markdown: bool = False) -> list[str]:
    """One line per source (title, URL, date) and one per quoted span."""
    out = []
    if not r.get("sources"):
        return ["source: none recorded"]
    for s in r["sources"]:
        bits = [f"“{s['title']}”" if s.get("title") else "untitled source"]
        if s.get("url"):
            # Only an http(s) URL becomes a Markdown autolink: never <javascript:...> or <data:...>.
            link = web_url(s["url"]) if markdown else None
            bits.append(f"<{link}>" if link else _md(s["url"], markdown))
        if s.get("issued"):
            bits.append(f"issued {s['issued']}")
        out.append("source: " + (_md(bits[0], markdown) + (", " + ", ".join(bits[1:]) if bits[1:] else "")))
        for q in s.get("quotes") or []:
            out.append(f"evidence: « {_md(q, markdown)} »")
    return out


def _supplier_bits(s: dict[str, Any]) -> list[str]:
    bits = []
    if s["value_usd"] is not None:
        bits.append(fmt.usd(s["value_usd"]))
    if s["capacity_gw"] is not None:
        bits.append(f"{fmt.number(s['capacity_gw'])} GW")
    if s.get("undisclosed"):
        bits.append("amount undisclosed: " + ", ".join(s["undisclosed"]))
    return bits


def _suppliers_line(c: dict[str, Any]) -> str:
    if not c["suppliers"]:
        return "none in force"
    parts = []
    for s in c["suppliers"]:
        share = fmt.share(s["share"]) if s["share"] is not None else "share unknown"
        bits = [*_supplier_bits(s), ", ".join(s["relations"])]
        parts.append(f"{fmt.group_label(s)} {share} ({'; '.join(bits)})")
    line = "; ".join(parts)
    if c["hhi"] is not None:
        line += f". HHI {fmt.hhi(c['hhi'])}"
    return line + f" ({c['basis_text']})"


def _gatekeepers_line(items: list[dict[str, Any]]) -> str:
    if not items:
        return "none"
    parts = []
    for g in items:
        facts = ", ".join(g["fact_ids"]) or g["key"]
        others = ", ".join(g["stands_between_labels"]) or "no other compute supplier in force"
        parts.append(f"{g['gatekeeper_label']} ({g['relation_label']}, {facts}; stands before: {others})")
    return "; ".join(parts)


def _largest_line(d: dict[str, Any] | None) -> str:
    if d is None:
        return "none with a known USD value"
    facts = ", ".join(d.get("fact_ids") or []) or d["key"]
    return (
        f"{d['counterparty_label']} ({d.get('relation_label') or d['relation']}, {facts}): "
        f"{fmt.usd(d['value_usd'])}, {fmt.share(d['share'])} of the known value of its dependencies"
    )


def _delta(m: dict[str, Any], money: bool = False) -> str:
    d = m["delta"]
    sign = "+" if d > 0 else ""
    num = fmt.short if money else fmt.number
    return f"{num(m['before'])} -> {num(m['after'])} ({sign}{num(d)})"


def _pair_side(state: dict[str, Any]) -> str:
    if not state["relations"]:
        return "no relation"
    n = len(state["relations"])
    val = f", known value {fmt.usd(state['value_usd'])}" if state["value_usd"] is not None else ""
    return f"{n} relation{'s' if n != 1 else ''} ({', '.join(state['relations'])}){val}"


def render(doc: dict[str, Any], *, markdown: bool = False) -> str:
    """The shift document as readable text (``markdown=False``) or Markdown.

    Parameters
    ----------
    doc : dict
        The document ``aikg shift`` builds: a shift plus ``title``, ``date_rule``,
        ``focus_rule`` and, for several events, ``steps``.
    markdown : bool, optional
        Markdown headings and escaping.
    """
    out = _Out(markdown)
    out.h(1, doc.get("title") or f"Shift from {doc['before']} to {doc['after']}")
    for line in doc.get("date_rule_lines") or []:
        out.item(_md(line, markdown))
    out.blank()
    steps = doc.get("steps") or []
    if steps:
        _render_path(out, doc, markdown)
        for i, step in enumerate(steps, start=1):
            _render_step(out, step, markdown, level=2, title=f"Step {i} of {len(steps)}: {step.get('title', '')}")
        _render_step(out, doc, markdown, level=2, title=f"Overall, {doc['before']} to {doc['after']}")
    else:
        _render_step(out, doc, markdown, level=2, title=None)
    return out.text()


def _short_suppliers(c: dict[str, Any]) -> str:
    if not c["suppliers"]:
        return "no compute supplier in force"
    parts = [f"{fmt.group_label(s)} {fmt.share(s['share'])}" for s in c["suppliers"] if s["share"] is not None]
    line = ", ".join(parts) if parts else "no known amounts"
    what = {"value": "by known USD value", "capacity": "by known GW"}.get(c["basis"] or "", "")
    if c["hhi"] is not None:
        line += f" (HHI {fmt.hhi(c['hhi'])} {what})"
    if c["undisclosed"]:
        line += "; amount undisclosed: " + ", ".join(c["undisclosed"])
    return line


def _short_gates(items: list[dict[str, Any]]) -> str:
    if not items:
        return "none"
    return "; ".join(
        f"{g['gatekeeper_label']} ({g['relation_label']}, {', '.join(g['fact_ids']) or g['key']})" for g in items
    )


def _focus_relations(s: dict[str, Any], actor: str, key: str) -> list[dict[str, Any]]:
    return [r for r in s[key] if actor in (r["source"], r["target"])]


def _render_path(out: _Out, doc: dict[str, Any], markdown: bool) -> None:
    """The path in brief: for each step, its point and, for each focus actor, what started and
    ended around it and where its suppliers and gatekeepers stood at the end of the step."""
    steps = doc["steps"]
    out.h(2, "Path")
    first = steps[0]
    order = {f["actor"]: i for i, f in enumerate(doc["focus"])}

    def ordered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda f: (order.get(f["actor"], len(order)), f["actor"]))

    for f in ordered(first["focus"]):
        out.item(
            _md(
                f"{f['label']} on {first['before']}: {_short_suppliers(f['before']['suppliers'])}; "
                f"gatekeepers: {_short_gates(f['before']['gatekeepers'])}",
                markdown,
            )
        )
    for i, s in enumerate(steps, start=1):
        out.item(_md(f"Step {i}, {s.get('title', '')} ({s['before']} to {s['after']})", markdown))
        for f in ordered(s["focus"]):
            st = f["after"]
            out.item(
                _md(
                    f"{f['label']} on {s['after']}: {_short_suppliers(st['suppliers'])}; "
                    f"gatekeepers: {_short_gates(st['gatekeepers'])}",
                    markdown,
                ),
                1,
            )
            for name, key in (("ended", "ended"), ("started", "added")):
                items = _focus_relations(s, f["actor"], key)
                if items:
                    out.item(
                        f"{_md(f['label'] + ', ' + name + ':', markdown)} "
                        + "; ".join(relation_line(r, markdown) for r in items),
                        2,
                    )
    out.blank()


#: How outputs name the relations a window first records (their start is not stated).
RECORDED_TITLE = "First recorded in this window, start not stated"


def _render_step(out: _Out, s: dict[str, Any], markdown: bool, *, level: int, title: str | None) -> None:
    if title:
        out.h(level, _md(title, markdown))
        for line in s.get("date_rule_lines") or []:
            out.item(_md(line, markdown))
        out.blank()
    for name, key in (("Ended relations", "ended"), ("Added relations", "added"), (RECORDED_TITLE, "recorded")):
        items = s.get(key) or []
        if key == "recorded" and not items:
            continue
        out.h(level + (1 if title else 0), f"{name} ({len(items)})")
        if not items:
            out.p("none")
        for r in items:
            out.item(relation_line(r, markdown))
            out.item(_md(relation_details(r), markdown), 1)
            if r.get("role_note"):
                out.item(_md(f"what: {r['role_note']}", markdown), 1)
            for line in source_lines(r, markdown):
                out.item(line, 1)
    changed = s["changed"]
    out.h(level + (1 if title else 0), f"Changed ({len(changed)})")
    if not changed:
        out.p("none: no relation between the same actors and of the same type was replaced or altered")
    for c in changed:
        if c["kind"] == "replaced":
            before = "; ".join(f"{v['key']} {fmt.value(v['value'], v['unit'])}" for v in c["before"])
            after = "; ".join(f"{v['key']} {fmt.value(v['value'], v['unit'])}" for v in c["after"])
            out.item(
                _md(
                    f"{c['source_label']} {c['relation_label']} {c['target_label']}: {before} replaced by {after}",
                    markdown,
                )
            )
        else:
            fields = ", ".join(f"{f} {v['before']} -> {v['after']}" for f, v in c["fields"].items())
            out.item(f"{relation_line(c, markdown)}: {_md(fields, markdown)}")
    for f in s["focus"]:
        out.h(
            level + (1 if title else 0), _md(f"{f['label']}: before ({s['before']}) and after ({s['after']})", markdown)
        )
        b, a = f["before"], f["after"]
        if b["suppliers"]["suppliers"] or a["suppliers"]["suppliers"]:
            for side in ("before", "after"):
                line = _suppliers_line(f[side]["suppliers"])
                out.item(_md(f"compute suppliers on {s[side]}: {line}", markdown))
        if b["gatekeepers"] or a["gatekeepers"]:
            for side in ("before", "after"):
                out.item(_md(f"gatekeepers on {s[side]}: {_gatekeepers_line(f[side]['gatekeepers'])}", markdown))
        if b["largest_dependency"] or a["largest_dependency"]:
            for side in ("before", "after"):
                line = _largest_line(f[side]["largest_dependency"])
                out.item(_md(f"largest dependency on {s[side]}: {line}", markdown))
        if b["gatekeeper_of"] or a["gatekeeper_of"]:
            for side in ("before", "after"):
                gates = "; ".join(
                    f"{g['label']} ({g['relation_label']}, {', '.join(g['fact_ids']) or g['key']})"
                    for g in f[side]["gatekeeper_of"]
                )
                out.item(_md(f"gatekeeper of, on {s[side]}: {gates or 'nobody'}", markdown))
        if not (b["suppliers"]["suppliers"] or a["suppliers"]["suppliers"] or b["gatekeepers"] or a["gatekeepers"]):
            out.item("no compute supplier and no gatekeeper of its own on either date")
        if b["pays_usd"] or a["pays_usd"] or b["receives_usd"] or a["receives_usd"]:
            for side in ("before", "after"):
                st = f[side]
                out.item(
                    _md(
                        f"known value on {s[side]}: owes {fmt.usd(st['pays_usd'])}, "
                        f"is owed {fmt.usd(st['receives_usd'])}",
                        markdown,
                    )
                )
        ms = [f"{m} {_delta(f['measures'][m], m.startswith('value_'))}" for m in FOCUS_MEASURES if m in f["measures"]]
        out.item(_md("measures (before -> after): " + "; ".join(ms), markdown))
        rk = [f"{m} {v['before']} -> {v['after']}" for m, v in f["ranks"].items()]
        if rk:
            out.item(_md("ranks (1 = highest): " + "; ".join(rk), markdown))
        if f["ended"] or f["added"]:
            out.item(
                _md(f"ended: {', '.join(f['ended']) or 'none'}; added: {', '.join(f['added']) or 'none'}", markdown)
            )
    out.h(level + (1 if title else 0), "Between the actors concerned (every relation on each side)")
    if not s["pairs"]:
        out.p("no relation was added or ended")
    for p in s["pairs"]:
        a, b = p["labels"]
        out.item(_md(f"{a} – {b}: before {_pair_side(p['before'])}; after {_pair_side(p['after'])}", markdown))
    moved = []
    for m in ("pagerank", "eigenvector", "betweenness", "degree"):
        # Only actors whose own score moved: a neighbour's rise shifts tied ranks too.
        own = [r for r in s["ranks"].get(m) or [] if s["measures"][r["actor"]][m]["delta"] != 0]
        for r in own[:5]:
            sign = "+" if r["change"] > 0 else ""
            moved.append(f"{m}: {r['label']} {r['before']} -> {r['after']} ({sign}{r['change']})")
    out.h(level + (1 if title else 0), "Largest rank changes")
    if not moved:
        out.p("no rank changed")
    for line in moved:
        out.item(_md(line, markdown))


#: In a summary, at most this many relations are named for each step and kind; the rest are counted.
SUMMARY_RELATIONS = 6
#: Relations a step of the summary details, one line each, per kind of change (ended, started).
STEP_RELATIONS = 4


def _brief(r: dict[str, Any]) -> str:
    """A relation in one line: ``OpenAI buys compute from AWS [A01]: 38 bn USD; started by OpenAI
    restructuring (2025-10-28); source: “title” <url>``."""
    parts = []
    if r.get("value") is not None:
        parts.append(fmt.value(r["value"], r.get("unit")))
    parts += _events_of(r)
    # The publication first: a compiled fact set (no address of its own) only when alone.
    sources = sorted(r.get("sources") or [], key=lambda x: not x.get("url"))
    if sources:
        first = sources[0]
        said = f"“{first['title']}”" if first.get("title") else "untitled source"
        if first.get("url"):
            said += f" {first['url']}"
        if len(sources) > 1:
            said += f" (and {len(sources) - 1} more)"
        parts.append(f"source: {said}")
    else:
        parts.append("source: none recorded")
    return relation_line(r) + ": " + terminal_text("; ".join(parts))


def render_summary(doc: dict[str, Any]) -> str:
    """A shift over several steps in brief, as ``aikg shift`` prints it by default.

    For each step, the relations of the actors in focus that ended and started (each once, those
    between actors in focus first, the first :data:`SUMMARY_RELATIONS` named, the rest counted)
    and where each focus actor's compute suppliers and gatekeepers stood at its end; then the path
    as a whole. :func:`render` (``aikg shift --full``, ``shift.md``) gives every relation with its
    values, sources and evidence.

    Parameters
    ----------
    doc : dict
        The document ``aikg shift`` builds, with ``steps``.
    """
    steps = doc.get("steps") or []
    out = _Out(False)
    out.h(1, doc.get("title") or f"Shift from {doc['before']} to {doc['after']}")
    for line in doc.get("date_rule_lines") or []:
        out.item(line)
    out.blank()
    order = {f["actor"]: i for i, f in enumerate(doc["focus"])}
    focus = set(order)

    def ordered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(items, key=lambda f: (order.get(f["actor"], len(order)), f["actor"]))

    def state(f: dict[str, Any], side: str) -> str:
        st = f[side]
        return f"{_short_suppliers(st['suppliers'])}; gatekeepers: {_short_gates(st['gatekeepers'])}"

    def named(items: list[dict[str, Any]]) -> str:
        # Headlines first: relations between actors in focus, then theirs with others.
        items = sorted(items, key=lambda r: not {r["source"], r["target"]} <= focus)
        lines = [relation_line(r) for r in items[:SUMMARY_RELATIONS]]
        more = len(items) - SUMMARY_RELATIONS
        return "; ".join(lines) + (f"; and {more} more" if more > 0 else "")

    out.h(2, "Path, for the actors in focus")
    if steps:
        for f in ordered(steps[0]["focus"]):
            out.item(f"{f['label']} on {steps[0]['before']}: {state(f, 'before')}")
    for i, s in enumerate(steps, start=1):
        out.item(f"Step {i} of {len(steps)}: {s.get('title', '')} ({s['before']} to {s['after']})")
        for name, key in (("ended", "ended"), ("started", "added")):
            items = [r for r in s.get(key) or [] if focus & {r["source"], r["target"]}]
            if items:
                # Within a step each headline relation gets its line: what it is worth, the
                # event behind it and on whose word, so the summary answers "why" and "says who".
                items = sorted(items, key=lambda r: not {r["source"], r["target"]} <= focus)
                more = len(items) - STEP_RELATIONS
                out.item(f"{name} ({len(items)})" + (f", the first {STEP_RELATIONS}:" if more > 0 else ":"), 1)
                for r in items[:STEP_RELATIONS]:
                    out.item(_brief(r), 2)
        for f in ordered(s["focus"]):
            out.item(f"{f['label']} on {s['after']}: {state(f, 'after')}", 1)
    out.blank()
    out.h(2, f"Overall, {doc['before']} to {doc['after']}")
    for name, key in (("ended", "ended"), ("started", "added")):
        items = [r for r in doc.get(key) or [] if focus & {r["source"], r["target"]}]
        out.item(f"{name} ({len(items)}): {named(items) if items else 'none'}")
    for f in ordered(doc["focus"]):
        out.item(f"{f['label']} on {doc['before']}: {state(f, 'before')}")
        out.item(f"{f['label']} on {doc['after']}: {state(f, 'after')}")
    out.blank()
    out.p(
        "A summary: every relation with its values, sources and evidence, what changed, the suppliers' "
        "shares and the centrality of each step are in `aikg shift ... --full`, and in shift.md, "
        "shift.json and shift.html with --out DIR."
    )
    return out.text()
