"""``report.html`` and ``shift.html``: one self-contained page each (inline CSS, charts as PNG
data URIs, no script, nothing fetched). Every string that comes from the data is escaped."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any

from . import fmt
from .centrality_tables import MEASURE_HELP, columns
from .charts import data_uri
from .shift_text import FOCUS_MEASURES, relation_details

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1d2430; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: #57606a; font-size: .9rem; } .quote { font-style: italic; color: #3b4552; }
img { max-width: 100%; border: 1px solid #eaeef2; }
table.wide { font-size: .78rem; } table.wide th, table.wide td { padding: .2rem .3rem; }
td, th { overflow-wrap: anywhere; }
.ended { color: #a40e26; } .added { color: #116329; }
"""


def e(x: Any) -> str:
    """Escape any value for HTML text or an attribute."""
    return escape("" if x is None else str(x), quote=True)


def _link(url: str | None, text: str | None = None) -> str:
    if not url:
        return e(text or "")
    if not url.startswith(("http://", "https://")):
        return e(text or url)
    return f'<a href="{e(url)}">{e(text or url)}</a>'


def _page(title: str, body: list[str]) -> str:
    return "".join(_page_parts(title, body))


def _page_parts(title: str, body: list[str]) -> list[str]:
    """The page as pieces whose concatenation is :func:`_page`, to be written one by one (a
    report on a large network is tens of megabytes, and a joined copy would double that)."""
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    parts = [head]
    for i, part in enumerate(body):
        if i:
            parts.append("\n")
        parts.append(part)
    parts.append("\n</body>\n</html>\n")
    return parts


def _table(
    headers: list[str], rows: Iterable[list[str]], numeric: set[int] | None = None, *, cls: str | None = None
) -> str:
    numeric = numeric or set()
    # A break opportunity after each underscore: long measure names wrap instead of widening the page.
    heads = "".join(f"<th>{e(h).replace('_', '_<wbr>')}</th>" for h in headers)
    out = [f'<table class="{cls}">' if cls else "<table>", f"<tr>{heads}</tr>"]
    for row in rows:
        cells = "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def measure_text(m: str, x: float | int | None) -> str:
    """A measure's value as a reader reads it: USD amounts short (``1.43 tn USD``, ``38 bn USD``),
    scores to four decimals; the raw values stay in ``centrality.csv`` and ``.json``."""
    if x is None:
        return "-"
    if m.endswith("_usd"):
        return f"{fmt.short(x)} USD" if x else "0"
    return fmt.number(x, 4)


def _sources(r: dict[str, Any]) -> str:
    if not r.get("sources"):
        return "none recorded"
    parts = []
    for s in r["sources"]:
        head = _link(s.get("url"), s.get("title") or s.get("url") or "untitled source")
        if s.get("issued"):
            head += f" ({e(s['issued'])})"
        quotes = "".join(f'<div class="quote">« {e(q)} »</div>' for q in s.get("quotes") or [])
        parts.append(f"<div>{head}{quotes}</div>")
    return "".join(parts)


def _suppliers_cell(c: dict[str, Any]) -> str:
    if not c["suppliers"]:
        return "none in force"
    items = []
    for s in c["suppliers"]:
        share = fmt.share(s["share"]) if s["share"] is not None else "share unknown"
        bits = []
        if s["value_usd"] is not None:
            bits.append(fmt.usd(s["value_usd"]))
        if s["capacity_gw"] is not None:
            bits.append(f"{fmt.number(s['capacity_gw'])} GW")
        if s.get("undisclosed"):
            bits.append("amount undisclosed")
        bits.append(", ".join(s["relations"]))
        items.append(f"{e(fmt.group_label(s))}: {e(share)} ({e('; '.join(bits))})")
    return "<br>".join(items)


def _hhi_cell(c: dict[str, Any]) -> str:
    if c["basis"] is None:
        return e(c.get("basis_text") or "-")
    return e(f"{fmt.hhi(c['hhi'])}: {c['basis_text']}")


def _gatekeeper_cell(items: list[dict[str, Any]]) -> str:
    if not items:
        return "none"
    out = []
    for g in items:
        others = ", ".join(g["stands_between_labels"]) or "no other compute supplier in force"
        facts = ", ".join(g["fact_ids"]) or g["key"]
        out.append(f"{e(g['gatekeeper_label'])} ({e(g['relation_label'])}, {e(facts)}; stands before: {e(others)})")
    return "<br>".join(out)


def _shares_cell(c: dict[str, Any]) -> str:
    if not c["suppliers"]:
        return "none in force"
    items = []
    for s in c["suppliers"]:
        share = fmt.share(s["share"]) if s["share"] is not None else "amount undisclosed"
        # Names, not IRIs: the group's members by label (fmt.group_label).
        items.append(f"{e(fmt.group_label(s))}: {e(share)}")
    return "<br>".join(items)


def _case_section(case: dict[str, Any], charts: list[tuple[str, bytes]]) -> list[str]:
    """A worked case: the actor's suppliers at each date (graph.analysis.supplier_history)."""
    body = [
        f"<h2>Worked case: {e(case['label'])}'s compute and chip suppliers over time</h2>",
        '<p class="note">Dates: each day one of its compute or chip supplier relations starts or ends, '
        "and each year end, up to the report's date. Shares are of the known amounts only (USD value, "
        "else GW of capacity); a supplier whose amount is undisclosed is listed without a share. Suppliers "
        "are corporate groups: a subsidiary counts with its parent company (a subsidiaryOf relation in "
        "force that day).</p>",
    ]
    rows = []
    for r in case["rows"]:
        changes = [f"+ {k}" for k in r["started"]] + [f"− {k}" for k in r["ended"]]
        rows.append(
            [
                e(r["at"]),
                "<br>".join(e(c) for c in changes) or "",
                _suppliers_cell(r["compute"]),
                _hhi_cell(r["compute"]),
                _suppliers_cell(r["chips"]),
                _hhi_cell(r["chips"]),
                _shares_cell(r["groups"]),
                _hhi_cell(r["groups"]),
            ]
        )
    headers = [
        "date",
        "started (+), ended (−)",
        "compute suppliers",
        "compute HHI",
        "chip suppliers",
        "chips HHI",
        "compute and chips by parent company",
        "HHI",
    ]
    body.append(_table(headers, rows) if rows else "<p>No compute or chip supplier in the data.</p>")
    for caption, png in charts:
        body.append(
            f'<figure><img alt="{e(caption)}" src="{data_uri(png)}"><figcaption>{e(caption)}</figcaption></figure>'
        )
    return body


def report_html_parts(
    ov: dict[str, Any],
    *,
    meta: dict[str, Any],
    charts: list[tuple[str, bytes | Callable[[], bytes]]],
    case_charts: list[tuple[str, bytes]] | None = None,
) -> list[str]:
    """The report page, as pieces to write one after the other.

    Parameters
    ----------
    ov : dict
        From :func:`graph.analysis.overview.overview`.
    meta : dict
        ``title``, ``at_rule`` (how the date was chosen), ``layers``.
    charts : list of (str, bytes or callable)
        Captions and PNG bytes (or a function returning them, called once the rest of the
        page is built), shown in order.
    case_charts : list of (str, bytes), optional
        One chart per worked case (``ov["cases"]``), shown in its section.
    """
    table = ov["centrality"]
    at = ov["at"] or "every relation"
    body = [
        f"<h1>{e(meta.get('title') or 'aikg report')}: {e(at)}</h1>",
        f'<p class="note">{e(meta.get("at_rule", ""))} Layers: {e(meta.get("layers", ""))}. '
        f"{ov['counts']['actors']} actors, {ov['counts']['relations']} relations in force. "
        f"Eigenvector method: {e(table['eigenvector_method'])}.</p>",
        '<p class="note">Dependencies: buys compute, buys chips, needs approval, right of first refusal. '
        "Ties: partnership, investment, stake, subsidiary, joint venture. Values are added in USD only, each "
        "deal once and no part on top of its total; holdings and yearly amounts are never added; shares are "
        f"of the known amounts. Counted: {e(ov.get('counted', 'default statuses'))}; actors read "
        f"{e('by corporate group' if ov.get('group_by', 'parent') == 'parent' else 'each on its own')}. "
        "Rules: docs/semantics.md.</p>",
    ]
    counts = [[e(t), str(n)] for t, n in ov["counts"]["relation_types"].items()]
    body += ["<h2>Relations in force by type</h2>", _table(["relation type", "relations"], counts, {1})]
    body.append("<h2>Charts</h2>")
    at_charts = len(body)  # filled last: a chart may still be drawing in the report's worker
    body.append("<h2>Top actors per measure</h2>")
    rows = []
    for m in table["measures"]:
        top = table["top"].get(m) or []
        shown = (
            "<br>".join(f"{t['rank']}. {e(t['label'])} ({e(measure_text(m, t['value']))})" for t in top) or "all zero"
        )
        rows.append([e(m), e(MEASURE_HELP.get(m, "")), shown])
    body.append(_table(["measure", "meaning", "top actors"], rows))
    body.append("<h2>Supplier concentration (compute)</h2>")
    rows = [[e(c["label"]), _suppliers_cell(c), _hhi_cell(c)] for c in ov["concentration"]]
    body.append(
        _table(["buyer", "suppliers and shares", "HHI (0-10000)"], rows)
        if rows
        else "<p>No compute supplier in force.</p>"
    )
    body.append("<h2>Gatekeepers</h2>")
    rows = []
    for gated, items in ov["gatekeepers"].items():
        label = next((r["label"] for r in table["actors"] if r["actor"] == gated), gated)
        rows.append([e(label), _gatekeeper_cell(items)])
    body.append(
        _table(["actor", "gatekeepers"], rows)
        if rows
        else "<p>No actor needs another's approval or is bound by a right of first refusal.</p>"
    )
    body.append("<h2>Circular flows (money and compute or chips)</h2>")
    cf = ov["circular_flows"]
    rows = []
    for c in cf["cycles"]:
        path = " → ".join(e(x) for x in [*c["labels"], c["labels"][0]])
        steps = "<br>".join(
            f"{e(s['source_label'])} → {e(s['target_label'])}: {e(', '.join(s['relations']))}" for s in c["edges"]
        )
        rows.append([path, steps, e(fmt.usd(c["value_usd"])), str(c["unvalued"])])
    if rows:
        body.append(_table(["cycle (payer → payee)", "relations", "known value", "relations without value"], rows, {3}))
    else:
        body.append(f"<p>No circular flow of up to {cf['max_length']} actors.</p>")
    if cf["truncated"]:
        body.append('<p class="note">The search stopped at its limit: more cycles may exist.</p>')
    body.append("<h2>Exposure</h2>")
    rows = []
    for x in ov["exposure"].values():
        d = x["largest_dependency"]
        dep = (
            f"{e(d['counterparty_label'])} ({e(d['relation'])}, {e(d['key'])}): {e(fmt.usd(d['value_usd']))}"
            if d
            else f"none with a known value ({x['dependencies']} dependencies)"
        )
        rows.append([e(x["label"]), e(fmt.usd(x["pays_usd"])), e(fmt.usd(x["receives_usd"])), dep])
    body.append(_table(["actor", "owes (known)", "is owed (known)", "largest dependency"], rows, {1, 2}))
    planned = ov.get("planned") or []
    body.append(f"<h2>Planned: starting after {e(at)}</h2>")
    if planned:
        rows = []
        for p in planned:
            value = fmt.value(p["value"], p["unit"])
            rows.append([e(p["label"]), e(p["start"]), e(value), e(p["status"]), e(", ".join(p["fact_ids"]))])
        body.append(_table(["relation", "starts", "value", "status", "facts"], rows))
    else:
        body.append("<p>None: no counted relation starts later.</p>")
    case_charts = list(case_charts or [])
    for i, case in enumerate(ov.get("cases") or []):
        body += _case_section(case, case_charts[i : i + 1])
    body.append("<h2>Centrality of every actor</h2>")
    # Names, not IRIs: the actor's IRI stays in centrality.csv and .json.
    cols = [c for c in columns(table) if c != "actor"]
    measures = set(table["measures"])
    # A generator: at 8,000 actors the rows' cells would otherwise all be alive at once.
    # measure_text writes digits, a sign, a point and a unit only: nothing to escape in 100,000 cells.
    cells = ([measure_text(c, r[c]) if c in measures else e(r[c]) for c in cols] for r in table["actors"])
    body.append(
        '<p class="note">USD amounts rounded (tn, bn, m); the exact values are in centrality.csv and '
        "centrality.json.</p>"
    )
    body.append(_table(cols, cells, set(range(2, len(cols))), cls="wide"))
    body[at_charts:at_charts] = [
        f'<figure><img alt="{e(caption)}" src="{data_uri(png() if callable(png) else png)}">'
        f"<figcaption>{e(caption)}</figcaption></figure>"
        for caption, png in charts
    ]
    return _page_parts(f"{meta.get('title') or 'aikg report'} {at}", body)


def _gated_cell(items: list[dict[str, Any]]) -> str:
    if not items:
        return "nobody"
    return "<br>".join(
        f"{e(g['label'])} ({e(g['relation_label'])}, {e(', '.join(g['fact_ids']) or g['key'])})" for g in items
    )


def _largest_cell(d: dict[str, Any] | None) -> str:
    if d is None:
        return "none with a known value"
    return f"{e(d['counterparty_label'])} ({e(d['relation'])}, {e(d['key'])}): {e(fmt.usd(d['value_usd']))}"


def _relation_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for r in items:
        facts = ", ".join(r["fact_ids"]) or r["key"]
        rows.append(
            [
                f"{e(r['source_label'])} <b>{e(r['relation_label'])}</b> {e(r['target_label'])} [{e(facts)}]",
                e(relation_details(r)) + (f"<br>{e(r['role_note'])}" if r.get("role_note") else ""),
                _sources(r),
            ]
        )
    return rows


def shift_html(doc: dict[str, Any], *, charts: list[tuple[str, bytes]]) -> str:
    """The shift page: dates and rule, ended and added relations with sources, focus actors."""
    body = [f"<h1>{e(doc.get('title') or 'Shift')}</h1>"]
    body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in doc.get("date_rule_lines") or []) + "</ul>")
    for caption, png in charts:
        body.append(
            f'<figure><img alt="{e(caption)}" src="{data_uri(png)}"><figcaption>{e(caption)}</figcaption></figure>'
        )
    steps = doc.get("steps") or []
    for i, step in enumerate(steps, start=1):
        body.append(f"<h2>Step {i} of {len(steps)}: {e(step.get('title', ''))}</h2>")
        body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in step.get("date_rule_lines") or []) + "</ul>")
        body += _shift_body(step, level=3)
    if steps:
        body.append(f"<h2>Overall, {e(doc['before'])} to {e(doc['after'])}</h2>")
    body += _shift_body(doc, level=3 if steps else 2)
    return _page(doc.get("title") or "Shift", body)


def _shift_body(s: dict[str, Any], *, level: int) -> list[str]:
    h = f"h{level}"
    body = []
    sections = [("Ended relations", "ended", "ended"), ("Added relations", "added", "added")]
    if s.get("recorded"):
        sections.append(("First recorded in this window, start not stated", "recorded", "recorded"))
    for name, key, cls in sections:
        body.append(f'<{h} class="{cls}">{name} ({len(s[key])})</{h}>')
        rows = _relation_rows(s[key])
        body.append(
            _table(["relation", "value, dates, events", "sources and evidence"], rows) if rows else "<p>none</p>"
        )
    body.append(f"<{h}>Changed ({len(s['changed'])})</{h}>")
    rows = []
    for c in s["changed"]:
        if c["kind"] == "replaced":
            what = "; ".join(f"{v['key']} {fmt.value(v['value'], v['unit'])}" for v in c["before"])
            now = "; ".join(f"{v['key']} {fmt.value(v['value'], v['unit'])}" for v in c["after"])
        else:
            what = ", ".join(f"{f} {v['before']}" for f, v in c["fields"].items())
            now = ", ".join(f"{f} {v['after']}" for f, v in c["fields"].items())
        rows.append([f"{e(c['source_label'])} {e(c['relation_label'])} {e(c['target_label'])}", e(what), e(now)])
    body.append(_table(["relation", "before", "after"], rows) if rows else "<p>none</p>")
    for f in s["focus"]:
        body.append(f"<{h}>{e(f['label'])}</{h}>")
        rows = [
            ["compute suppliers", _suppliers_cell(f["before"]["suppliers"]), _suppliers_cell(f["after"]["suppliers"])],
            ["concentration (HHI)", _hhi_cell(f["before"]["suppliers"]), _hhi_cell(f["after"]["suppliers"])],
            ["gatekeepers", _gatekeeper_cell(f["before"]["gatekeepers"]), _gatekeeper_cell(f["after"]["gatekeepers"])],
            ["gatekeeper of", *(_gated_cell(f[k]["gatekeeper_of"]) for k in ("before", "after"))],
        ]
        rows.append(["largest dependency", *(_largest_cell(f[k]["largest_dependency"]) for k in ("before", "after"))])
        rows.append(["owes (known)", e(fmt.usd(f["before"]["pays_usd"])), e(fmt.usd(f["after"]["pays_usd"]))])
        rows.append(
            ["is owed (known)", e(fmt.usd(f["before"]["receives_usd"])), e(fmt.usd(f["after"]["receives_usd"]))]
        )
        for m in FOCUS_MEASURES:
            if m in f["measures"]:
                v = f["measures"][m]
                rows.append(
                    [
                        e(m),
                        e(measure_text(m, v["before"])),
                        f"{e(measure_text(m, v['after']))} (Δ {e(measure_text(m, v['delta']))})",
                    ]
                )
        body.append(_table(["", f"before ({s['before']})", f"after ({s['after']})"], rows))
    body.append(f"<{h}>Between the actors concerned</{h}>")
    rows = []
    for p in s["pairs"]:
        side = []
        for k in ("before", "after"):
            st = p[k]
            val = f"; {fmt.usd(st['value_usd'])}" if st["value_usd"] is not None else ""
            side.append(e(", ".join(st["relations"]) or "none") + e(val))
        rows.append([e(" – ".join(p["labels"])), *side])
    body.append(_table(["actors", "relations before", "relations after"], rows) if rows else "<p>none</p>")
    return body
