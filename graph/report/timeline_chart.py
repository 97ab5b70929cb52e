"""A timeline (:func:`graph.analysis.timeline.timeline`) as a PNG chart and as tables.

The chart (matplotlib's Agg backend, byte-stable like :mod:`graph.report.charts`): one
horizontal bar per relation from its start to its end, coloured by relation type (the palette of
the interactive views, :data:`graph.view.style.RELATION_STYLES`), in the table's order from top
to bottom. A relation ended by a later relation is hatched; every relation that ended has a
black tick at its end (its own validUntil, or the day a later relation or an event ended it); one still in force (or
ending after the chart's last day) runs to the right edge, marked ``>``; one with no start date
starts at the left edge, paler. Change events are dashed vertical lines, named on the top axis.

The tables: Markdown (``timeline.md``), CSV (``timeline.csv``, the columns of
:data:`graph.analysis.timeline.COLUMNS`) and JSON (``timeline.json``, schema ``aikg-timeline/1``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..core.cache import memo
from ..core.safe_text import spreadsheet_cell
from . import fmt
from .charts import KEEP_DRAWINGS, STYLE, _png, _text

SCHEMA = "aikg-timeline/1"


def _day(date: str | None) -> Any:
    import datetime as dt

    from ..rules.inforce import first_day

    day = first_day(date)
    return dt.date.fromisoformat(day) if day else None


def _bounds(tl: dict[str, Any]) -> tuple[Any, Any]:
    """The chart's first and last day: the window given, else from a little before the first
    date to a year after the last thing that happened (a start, an event, an end that came to
    pass); later planned ends run off the right edge."""
    import datetime as dt

    starts = [_day(r["start"]) for r in tl["relations"]]
    happened = starts + [_day(r["end"]) for r in tl["relations"] if r["mark"] in ("ended", "superseded")]
    happened += [_day(e["date"]) for e in tl["events"]]
    known = sorted(d for d in happened if d is not None)
    every = sorted(d for d in known + [_day(r["end"]) for r in tl["relations"]] if d is not None)
    lo = _day(tl.get("from")) or (_plus(every[0], -120) if every else dt.date(2020, 1, 1))
    hi = _day(tl.get("to")) or (_plus(known[-1], 365) if known else _plus(lo, 365))
    if hi <= lo:
        hi = _plus(lo, 30)
    return lo, hi


def _plus(day: Any, days: int) -> Any:
    """``day`` moved by ``days``, stopping at the calendar's ends (a graph read with
    ``--no-validate`` may hold 0001-01-01 or 9999-12-31)."""
    import datetime as dt

    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def bar_label(r: dict[str, Any], width: int = 64) -> str:
    facts = ", ".join(r["fact_ids"]) or r["key"]
    via = f" (carried from {r['via_label']})" if r.get("via") else ""
    return _text(f"{r['source_label']} {r['relation_label']} {r['target_label']}{via} [{facts}]", width)


@memo("charts", KEEP_DRAWINGS)
def chart(tl: dict[str, Any], *, title: str | None = None) -> bytes:
    """The timeline as PNG bytes (same timeline, same bytes)."""
    import matplotlib
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..rules.inforce import start_not_stated
    from ..view.style import RELATION_STYLES, UNKNOWN_RELATION

    rows = tl["relations"]
    lo, hi = _bounds(tl)
    x0, x1 = date2num(lo), date2num(hi)
    n = max(len(rows), 1)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(11.0, 1.6 + 0.26 * n))
        ax = fig.subplots()
        types_seen: dict[str, str] = {}
        any_pale = False
        for i, r in enumerate(rows):
            y = n - 1 - i
            colour = (RELATION_STYLES.get(r["relation"] or "") or UNKNOWN_RELATION).colour
            types_seen.setdefault(r["relation"] or "?", r["relation_label"] or "?")
            s, e = _day(r["start"]), _day(r["end"])
            left = max(date2num(s), x0) if s else x0
            right = min(date2num(e), x1) if e else x1
            if right <= left:
                right = min(left + 2, x1)
            hatch = "////" if r["end_reason"] == "revision" else None
            pale = not s or start_not_stated(r.get("start_basis")) or r.get("status_class") in ("talks", "extracted")
            any_pale = any_pale or pale
            ax.barh(
                y,
                right - left,
                left=left,
                height=0.62,
                color=colour,
                alpha=0.45 if pale else 1.0,
                hatch=hatch,
                edgecolor="#222222" if hatch else colour,
                linewidth=0.4,
            )
            if e and x0 < date2num(e) <= x1:
                ax.plot([date2num(e)] * 2, [y - 0.38, y + 0.38], color="black", linewidth=1.4)
            if not e or date2num(e) > x1:
                ax.plot([x1], [y], marker=">", markersize=4, color=colour, clip_on=False)
        shown = [ev for ev in tl["events"] if x0 <= date2num(_day(ev["date"])) <= x1]
        for ev in shown:
            ax.axvline(date2num(_day(ev["date"])), color="#444444", linestyle="--", linewidth=0.8)
        if shown:
            top = ax.secondary_xaxis("top")
            top.set_xticks([date2num(_day(ev["date"])) for ev in shown])
            top.set_xticklabels(
                [_text(f"{ev.get('short_name') or ev['label']} {ev['date']}", 34) for ev in shown],
                rotation=30,
                ha="left",
                fontsize=7,
            )
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([bar_label(r) for r in reversed(rows)], fontsize=7)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(x0, x1)
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", linewidth=0.3)
        handles = [
            Patch(facecolor=(RELATION_STYLES.get(t) or UNKNOWN_RELATION).colour, label=_text(lbl, 30))
            for t, lbl in sorted(types_seen.items(), key=lambda kv: (_rank(kv[0]), kv[0]))
        ]
        handles.append(Patch(facecolor="white", edgecolor="#222222", hatch="////", label="ended by a later relation"))
        if any_pale:
            handles.append(
                Patch(
                    facecolor="#999999",
                    alpha=0.45,
                    label=(
                        "pale: no start date stated\n(drawn from the announcement,\nthe source's date or the left\n"
                        "edge), talks never signed,\nor unreviewed candidates"
                    ),
                )
            )
        handles.append(Line2D([], [], color="black", marker="|", linestyle="none", markersize=8, label="end"))
        handles.append(
            Line2D([], [], color="#555555", marker=">", linestyle="none", markersize=4, label="in force past the edge")
        )
        if rows:
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        else:
            ax.text((x0 + x1) / 2, 0, "no relation in this window", ha="center", va="center")
        heading = title or _heading(tl)
        fig.suptitle(_text(heading, 110))
        fig.tight_layout()
        return _png(fig)


def _rank(t: str) -> int:
    from ..analysis.timeline import type_rank

    return type_rank(t)


def _heading(tl: dict[str, Any]) -> str:
    head = f"Relations of {tl['label']}"
    if tl.get("other"):
        head += f" with {tl['other_label']}"
    if tl.get("from") or tl.get("to"):
        head += f", {tl.get('from') or '…'} to {tl.get('to') or '…'}"
    return head + " over time"


def _cell(r: dict[str, Any], col: str) -> str:
    v = r.get(col)
    if col == "value":
        return fmt.number(v) if v is not None else ""
    if col == "started_by":
        return r.get("started_by_label") or v or ""
    if col == "via":
        return r.get("via_label") or ""
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return "" if v is None else str(v)


def to_csv(tl: dict[str, Any]) -> str:
    """``timeline.csv``: one row per relation, columns :data:`graph.analysis.timeline.COLUMNS`."""
    from ..analysis.timeline import COLUMNS

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in tl["relations"]:
        # Labels and notes come from sources: none is read as a spreadsheet formula.
        w.writerow([spreadsheet_cell(_cell(r, c)) for c in COLUMNS])
    return buf.getvalue()


def to_json(tl: dict[str, Any]) -> str:
    """``timeline.json``: the timeline with ``schema`` ``aikg-timeline/1``."""
    return json.dumps({"schema": SCHEMA, **tl}, indent=2, ensure_ascii=False) + "\n"


def _md(text: Any) -> str:
    s = "" if text is None else str(text)
    for ch in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


def _when(r: dict[str, Any]) -> tuple[str, str]:
    start = r["start"] or "(no start date)"
    if r.get("via"):
        start += f" (on {r['via_label']} before)"
    end = r["end"] or "in force"
    return start, end


def to_markdown(tl: dict[str, Any], *, title: str | None = None) -> str:
    """``timeline.md``: the events, then one table row per relation."""
    lines = [f"# {_md(title or _heading(tl))}", ""]
    for a in tl.get("absorbed_into") or []:
        lines.append(
            f"- from {a['date']}, {_md(tl['label'])} is part of {_md(a['label'])}: snapshots draw its relations there"
        )
    for a in tl.get("absorbed") or []:
        lines.append(
            f"- from {a['date']}, {_md(a['label'])} is part of {_md(tl['label'])}: "
            "its relations are listed here from that day (carried from)"
        )
    if tl["events"]:
        lines.append("")
        lines.append("Events:")
        lines.append("")
        for e in tl["events"]:
            lines.append(
                f"- {e['date']}: {_md(e['label'])}" + (f" (`{e['short_name']}`)" if e.get("short_name") else "")
            )
    lines += [
        "",
        f"{len(tl['relations'])} relation{'s' if len(tl['relations']) != 1 else ''}, each once "
        "(nodes stating the same tie are one row).",
        "",
        "| relation | facts | start | end | ended by | status | value | what |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in tl["relations"]:
        text = f"{r['source_label']} {r['relation_label']} {r['target_label']}"
        if r.get("via"):
            text += f" (carried from {r['via_label']})"
        start, end = _when(r)
        ended = r["ended_by"] or ""
        value = fmt.value(r["value"], r["unit"]) if r["value"] is not None else ""
        lines.append(
            f"| {_md(text)} | {_md(', '.join(r['fact_ids']) or r['key'])} | {_md(start)} | {_md(end)} | "
            f"{_md(ended)} | {_md(r['status'] or '')} | {_md(value)} | {_md(r.get('role_note') or '')} |"
        )
    return "\n".join(lines) + "\n"


def _short_value(r: dict[str, Any]) -> str:
    """``38 bn USD``, ``4.5 GW``: the terminal's short form (the CSV and JSON keep the raw value)."""
    v = r.get("value")
    if v is None:
        return ""
    amount = fmt.short(v) if abs(v) >= 1e6 else fmt.number(v)
    return f"{amount} {r.get('unit') or ''}".strip()


def to_text(tl: dict[str, Any], width: int | None = None) -> str:
    """A plain-text table for the terminal: one row per relation with its dates, value, what it
    is about (its note on the role, which tells apart rows that read the same) and facts.

    With ``width`` (a terminal's columns) the table fits it (:func:`graph.query.formats.fit_table`:
    long cells wrapped, the least needed columns left out and named); without, each column is cut
    at a fixed width, one line per relation.
    """
    from ..query.formats import fit_table
    from ..rules.inforce import start_not_stated

    header = ("start", "end", "relation", "value", "what", "facts", "ended by")
    rows = []
    for r in tl["relations"]:
        text = f"{r['source_label']} {r['relation_label']} {r['target_label']}"
        if r.get("via"):
            text += f" (carried from {r['via_label']})"
        rows.append(
            (
                r["start"] or "-",
                r["end"] or "in force",
                text,
                _short_value(r),
                r.get("role_note") or "",
                ", ".join(r["fact_ids"]) or r["key"],
                r["ended_by"] or "",
            )
        )
    out = [_heading(tl), ""]
    for e in tl["events"]:
        out.append(f"event {e['date']}: {e['label']}")
    if tl["events"]:
        out.append("")
    count = f"({len(rows)} relation{'s' if len(rows) != 1 else ''})"
    if any(start_not_stated(r.get("start_basis")) for r in tl["relations"]):
        count += (
            "; a start the data does not state is read from the announcement or the source's date (pale in the chart)"
        )
    if width is not None:
        # Drop ranks: what ended it, then the note, go first; dates, relation, value and facts last.
        ranks = (0, 1, 0, 0, 1, 0, 2)
        columns = [(h, [row[i] for row in rows], rank) for i, (h, rank) in enumerate(zip(header, ranks))]
        out += fit_table(columns, width, count, wide_option="timeline.md")
        return "\n".join(out) + "\n"
    widths = [
        min(max(len(row[i]) for row in [header, *rows]), cap) for i, cap in enumerate((10, 10, 60, 14, 40, 12, 40))
    ]

    def line(row: tuple[str, ...]) -> str:
        cells = [(c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(row, widths)]
        return " | ".join(cells).rstrip()

    out.append(line(header))
    out.append("-+-".join("-" * w for w in widths))
    out += [line(r) for r in rows]
    out.append(count)
    return "\n".join(out) + "\n"
