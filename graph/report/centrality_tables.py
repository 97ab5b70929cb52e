"""``centrality.csv``, ``centrality.json`` and ``centrality.md`` from a centrality table
(:func:`graph.analysis.centrality.centrality_table`)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..core.safe_text import spreadsheet_cell, terminal_text
from . import fmt

#: What each measure means, for the Markdown and HTML legends.
MEASURE_HELP: dict[str, str] = {
    "in_degree": "relations naming the actor as counterparty",
    "out_degree": "relations naming the actor as subject (buyer, holder, investor, member)",
    "degree": "in_degree + out_degree: every relation the actor takes part in",
    "dependencies": "dependency relations where the actor relies on another",
    "dependents": "dependency relations where another relies on the actor",
    "ties": "partnership, investment, stake, subsidiary and joint-venture relations",
    "betweenness": "normalised betweenness on the dependency view (dependent -> depended-on)",
    "pagerank": "PageRank (alpha 0.85), dependencies pointing at what is relied on, partnerships both ways",
    "eigenvector": "eigenvector centrality on the undirected view (see eigenvector_method)",
    "value_in_usd": "known USD value of the relations counted in in_degree",
    "value_out_usd": "known USD value of the relations counted in out_degree",
    "value_usd": "value_in_usd + value_out_usd",
    "pagerank_weighted": "PageRank weighted by known USD value (relations without one weigh nothing)",
}


def columns(table: dict[str, Any]) -> list[str]:
    """The CSV columns: ``actor, label, class`` then the measures."""
    return ["actor", "label", "class", *table["measures"]]


def to_csv(table: dict[str, Any]) -> str:
    """One row per actor, sorted by actor IRI, ``\\n`` line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = columns(table)
    w.writerow(cols)
    for row in table["actors"]:
        # Labels come from sources: a label such as "=HYPERLINK(...)" stays text in a spreadsheet.
        w.writerow([fmt.number(row[c]) if c in table["measures"] else _text_cell(row[c]) for c in cols])
    return buf.getvalue()


def _text_cell(value: Any) -> Any:
    return spreadsheet_cell(value) if isinstance(value, str) else value


def to_json(table: dict[str, Any]) -> str:
    """The whole table as JSON (``at``, ``eigenvector_method``, ``measures``, ``actors``, ``top``)."""
    doc = {"schema": "aikg-centrality/1", **table, "measure_help": MEASURE_HELP}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _md_cell(text: Any) -> str:
    # Markdown passes raw HTML through to the page it becomes: a label's tags are written as text;
    # and a Markdown file is often read with cat: no escape sequence either.
    text = terminal_text(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: dict[str, Any], *, title: str | None = None) -> str:
    """A Markdown page: the measures explained, the top actors per measure, the full table."""
    at = table.get("at") or "every relation, whatever its dates"
    lines = [
        f"# {title or 'Centrality of actors'} ({at})",
        "",
        f"Snapshot: {at}. {len(table['actors'])} actors. Eigenvector method: {table['eigenvector_method']}.",
        "",
        "Dependencies: buysComputeFrom, procuresChipsFrom, suppliesChipsTo (read from the buyer), "
        "needsApprovalFrom, hasRightOfFirstRefusal (read from the bound actor). "
        "Ties: partnersWith, investsIn, ownsStakeIn, subsidiaryOf, memberOfJointVenture.",
        "",
        "| measure | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| {m} | {MEASURE_HELP.get(m, '')} |" for m in table["measures"]]
    lines += ["", "## Top actors per measure", ""]
    for m in table["measures"]:
        top = table["top"].get(m) or []
        shown = ", ".join(f"{t['rank']}. {_md_cell(t['label'])} ({fmt.number(t['value'])})" for t in top)
        lines.append(f"- **{m}**: {shown or 'all zero'}")
    cols = columns(table)
    lines += ["", "## All actors", "", "| " + " | ".join(cols) + " |", "|" + " --- |" * len(cols)]
    for row in table["actors"]:
        cells = [fmt.number(row[c]) if c in table["measures"] else _md_cell(row[c]) for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
