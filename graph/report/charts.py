"""Charts as PNG bytes, drawn with matplotlib's Agg backend.

Byte-stable: no pyplot state, a fixed style (:data:`STYLE`), and PNG metadata without the
``Software`` entry that carries matplotlib's version; the same input gives the same bytes.
"""

from __future__ import annotations

import io
from typing import Any

#: rcParams every chart is drawn with.
STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "svg.hashsalt": "aikg",
    "path.simplify": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
#: Colours in a fixed order (matplotlib's tab10).
COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def _text(s: Any, width: int = 28) -> str:
    """A label safe for matplotlib: no mathtext (``$``), cut to ``width`` characters."""
    s = str(s)
    if len(s) > width:
        s = s[: width - 1] + "…"
    return s.replace("$", r"\$")


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None}, bbox_inches="tight", pad_inches=0.1)
    return buf.getvalue()


def warm_up() -> None:
    """Import what drawing needs (a third of a second), ahead of the first chart."""
    import matplotlib.figure  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401


def before_after(
    comparison: dict[str, Any], *, title: str, measures: tuple[str, ...] = ("pagerank", "degree")
) -> bytes:
    """Grouped bars: each leading actor's measures before and after, one panel per measure.

    Parameters
    ----------
    comparison : dict
        From :func:`graph.analysis.overview.compare`.
    title : str
        The figure's title.
    measures : tuple of str, optional
        One panel each.
    """
    import matplotlib
    from matplotlib.figure import Figure

    rows = comparison["actors"]
    n = max(len(rows), 1)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(4.2 * len(measures), max(2.4, 0.42 * n + 1.4)))
        axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
        labels = [_text(r["label"]) for r in rows][::-1]
        ys = list(range(len(rows)))
        for ax, m in zip(axes, measures):
            before = [r[m]["before"] for r in rows][::-1]
            after = [r[m]["after"] for r in rows][::-1]
            ax.barh(
                [y + 0.2 for y in ys], before, height=0.4, color=COLOURS[7], label=f"before ({comparison['before']})"
            )
            ax.barh([y - 0.2 for y in ys], after, height=0.4, color=COLOURS[0], label=f"after ({comparison['after']})")
            ax.set_title(m)
            ax.set_yticks(ys)
            ax.set_yticklabels(labels)
            ax.grid(axis="x", linewidth=0.3)
        axes[0].legend(loc="lower right", fontsize=8)
        fig.suptitle(_text(title, 90))
        fig.tight_layout()
        return _png(fig)


def supplier_shares(
    concentrations: list[dict[str, Any]],
    *,
    title: str,
    max_buyers: int = 10,
    keep_order: bool = False,
    xlabel: str = "share of the buyer's compute supply, %",
) -> bytes:
    """Stacked bars: for each buyer, its suppliers' shares (on each buyer's basis).

    Parameters
    ----------
    concentrations : list of dict
        From :func:`graph.analysis.concentration.supplier_concentration`; buyers without
        suppliers are skipped, and at most ``max_buyers`` kept, most suppliers first.
    title : str
        The figure's title.
    """
    import matplotlib
    from matplotlib.figure import Figure

    if keep_order:
        items = list(concentrations)
    else:
        items = [c for c in concentrations if c["suppliers"]]
        items.sort(key=lambda c: (-len(c["suppliers"]), -(c["value_usd_total"] or 0.0), c["actor"]))
        items = items[:max_buyers]
    n = max(len(items), 1)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(8.4, max(2.4, 0.55 * n + 1.4)))
        ax = fig.subplots()
        colour_of: dict[str, str] = {}
        for y, c in enumerate(reversed(items)):
            left = 0.0
            for s in c["suppliers"]:
                share = s["share"] or 0.0
                first = s["supplier"] not in colour_of
                colour = colour_of.setdefault(s["supplier"], COLOURS[len(colour_of) % len(COLOURS)])
                ax.barh(
                    y,
                    share * 100,
                    left=left * 100,
                    height=0.6,
                    color=colour,
                    edgecolor="white",
                    linewidth=0.5,
                    label=_text(s["label"], 24) if first else "_nolegend_",
                )
                if share >= 0.12:  # narrower segments are named by the legend only
                    width = max(4, int(share * 100 / 1.4))
                    ax.text(
                        (left + share / 2) * 100,
                        y,
                        f"{_text(s['label'], width)}\n{100 * share:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white",
                    )
                left += share
            if not c["suppliers"]:
                ax.text(1, y, "no compute supplier in force", ha="left", va="center", fontsize=7)
        ax.set_yticks(range(len(items)))
        ax.set_yticklabels(
            [f"{_text(c['label'], 30)}" + (f" (by {c['basis']})" if c["basis"] else "") for c in reversed(items)]
        )
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, max(len(items), 1) - 0.4)
        ax.set_xlabel(xlabel)
        if not items:
            ax.text(50, 0, "no compute supplier in force", ha="center", va="center")
            ax.set_yticks([])
        elif len(colour_of) <= 20:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
        fig.suptitle(_text(title, 90))
        fig.tight_layout()
        return _png(fig)


def data_uri(png: bytes) -> str:
    """``data:image/png;base64,...`` for an ``<img src>``."""
    import base64

    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
