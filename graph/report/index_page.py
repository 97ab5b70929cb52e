"""``index.html``: the entry page of a build. What the data covers, the headline story (the shift
around the build's event, in a few sentences with its figures, read from the same shift document
``shift.html`` renders) and a link to every file the build wrote; and the link back to it that
every other page of the build carries. Every string from the data is escaped."""

from __future__ import annotations

import re
from typing import Any

from . import fmt
from .html import CSS, e

#: The back link every page of a build carries (its ``href`` is relative to the page).
HOME_CLASS = "aikg-home"

#: Inline style of the back link, so it reads the same in the report's pages and in the views
#: (whose stylesheets differ) without touching either.
_HOME_STYLE = (
    "display:block;font:14px system-ui,-apple-system,'Segoe UI',sans-serif;padding:.4rem 1rem;"
    "background:#f3f5f8;border-bottom:1px solid #d0d7de"
)


def home_link(href: str) -> str:
    """The back link to the entry page, as an HTML fragment."""
    return f'<nav class="{HOME_CLASS}" style="{_HOME_STYLE}"><a href="{e(href)}">← aikg build: start page</a></nav>'


def add_home_link(page: str, href: str) -> str:
    """``page`` with :func:`home_link` right after its ``<body>`` tag (the page is unchanged if it
    has one already, or no body)."""
    if f'class="{HOME_CLASS}"' in page:
        return page
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + home_link(href), page, count=1)


def _relation(r: dict[str, Any]) -> str:
    ids = ", ".join(r.get("fact_ids") or []) or r.get("key", "")
    return f"{r['source_label']} {r['relation_label']} {r['target_label']} ({ids})"


def _money(x: float | None) -> str:
    return "no known value" if not x else f"{fmt.short(x)} USD"


def headline(doc: dict[str, Any], *, limit: int = 5) -> list[str]:
    """The shift ``doc`` (:func:`graph.api.shift.build_shift`, one event) in a few plain sentences
    with its figures: what ended, what changed value, what was added, where the focus actors
    stood before and after. Nothing is stated that the document does not hold."""
    ev = doc.get("event") or {}
    before, after = doc["before"], doc["after"]
    lines = [
        f"{ev.get('label', 'The event')} ({ev.get('date', '')}): between {before} and {after}, "
        f"{len(doc['ended'])} relation(s) ended and {len(doc['added'])} were added."
    ]
    if doc["ended"]:
        ended = [_relation(r) for r in doc["ended"][:limit]]
        more = len(doc["ended"]) - len(ended)
        lines.append("Ended: " + "; ".join(ended) + (f"; and {more} more." if more else "."))
    for c in doc["changed"]:
        if c["kind"] != "replaced" or all(v["value"] is None for v in c["before"] + c["after"]):
            continue
        b = "; ".join(
            fmt.value(v["value"], v["unit"]) if v["unit"] != "USD" else _money(v["value"]) for v in c["before"]
        )
        a = "; ".join(
            fmt.value(v["value"], v["unit"]) if v["unit"] != "USD" else _money(v["value"]) for v in c["after"]
        )
        lines.append(f"{c['source_label']} {c['relation_label']} {c['target_label']}: {b} before, {a} after.")
    focus = {f["actor"] for f in doc.get("focus") or []}
    valued = sorted(
        (r for r in doc["added"] if r.get("value_usd") and (not focus or focus & {r["source"], r["target"]})),
        key=lambda r: (-r["value_usd"], r["key"]),
    )
    if valued:
        lines.append(
            "Largest added commitments of the actors concerned: "
            + "; ".join(f"{_relation(r)}, {_money(r['value_usd'])}" for r in valued[:3])
            + "."
        )
    for f in doc.get("focus") or []:
        b, a = f["before"], f["after"]
        gb = ", ".join(sorted({g["gatekeeper_label"] for g in b["gatekeepers"]})) or "none"
        ga = ", ".join(sorted({g["gatekeeper_label"] for g in a["gatekeepers"]})) or "none"
        bits = []
        if gb != ga:
            bits.append(f"its gatekeepers went from {gb} to {ga}")
        if b["pays_usd"] != a["pays_usd"]:
            bits.append(
                f"the disclosed value of the commitments it pays for, in force on {doc['before']} and on "
                f"{doc['after']}, went from {_money(b['pays_usd'])} to {_money(a['pays_usd'])} (undisclosed "
                "amounts not counted; talks and unreviewed candidates left out, as everywhere by default)"
            )
        if bits:
            lines.append(f"{f['label']}: " + "; ".join(bits) + ".")
    return lines


def index_html(info: dict[str, Any]) -> str:
    """The entry page from ``info`` (:func:`graph.api.build.index_info`): coverage, headline, files."""
    c = info["counts"]
    body = [f"<h1>{e(info['title'])}</h1>"]
    body.append(
        '<p class="note">Start here: this page says what the data covers, tells the headline story and '
        "links every page and file this build wrote. Every other page links back here.</p>"
    )
    body.append("<h2>What the data covers</h2><ul>")
    body.append(f"<li>layers: {e(', '.join(info['layers']))}</li>")
    if info["first_date"]:
        body.append(
            f"<li>facts dated from {e(info['first_date'])} to {e(info['last_date'])} "
            "(the first relation's start to the last recorded happening)</li>"
        )
    body.append(
        f"<li>{c['actors']} actors, {c['relations']} relations, {c['sources']} sources, {c['events']} events</li>"
    )
    body.append("</ul>")
    story = info.get("story")
    if story:
        body.append(f"<h2>The headline story: {e(story['label'])}</h2>")
        body.extend(f"<p>{e(line)}</p>" for line in story["lines"])
        body.append(
            f'<p>Every relation with its dates, values, sources and quotes: <a href="{e(story["page"])}">'
            f"{e(story['page'])}</a>; the network before and after: "
            + (f'<a href="{e(story["view"])}">{e(story["view"])}</a>' if story.get("view") else "not written")
            + ".</p>"
        )
    body.append("<h2>Pages</h2><ul>")
    for p in info["pages"]:
        body.append(f'<li><a href="{e(p["href"])}">{e(p["href"])}</a>: {e(p["what"])}</li>')
    body.append("</ul><h2>Every file written</h2><ul>")
    for f in info["files"]:
        body.append(f'<li><a href="{e(f)}">{e(f)}</a></li>')
    body.append("</ul>")
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(info['title'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"
