"""Charts as PNG bytes, drawn with matplotlib's Agg backend.

Byte-stable: no pyplot state, a fixed style (:data:`STYLE`), and PNG metadata without the
``Software`` entry that carries matplotlib's version; the same input gives the same bytes.
That is why drawings are cached (:func:`graph.core.cache.memo`): a chart of the same numbers
is read back instead of drawn again, which is most of what a repeated ``aikg report`` saved.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable
from typing import Any

from ..core.cache import memo

#: Drawings kept in the cache (:mod:`graph.core.cache`): a build draws about twenty.
KEEP_DRAWINGS = 200

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
    """A label safe for matplotlib: no mathtext (``$``), wrapped onto lines of at most ``width``
    characters (never cut: a reader must be able to tell two long names apart)."""
    s = str(s)
    if len(s) > width:
        s = "\n".join(textwrap.wrap(s, width, break_long_words=True, break_on_hyphens=False))
    return s.replace("$", r"\$")


#: Colours for actors: a colour-blind-safe set (Paul Tol's "muted" scheme, then Okabe and Ito's
#: blue, orange, vermillion and black, then Tol's grey), in a fixed order; :func:`actor_colours`
#: hands them out.
ACTOR_PALETTE = (
    "#332288",
    "#88CCEE",
    "#117733",
    "#DDCC77",
    "#CC6677",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#882255",
    "#0072B2",
    "#E69F00",
    "#D55E00",
    "#000000",
    "#BBBBBB",
)


def actor_colours(groups: Iterable[Iterable[str]], palette: tuple[str, ...] = ACTOR_PALETTE) -> dict[str, str]:
    """One colour per actor for a set of charts: actors drawn in the same chart (a group) get
    different colours whenever the palette allows it (greedy colouring, the actors met in most
    groups first, then by IRI: deterministic).

    Examples
    --------
    >>> c = actor_colours([["a", "b"], ["b", "c"]], palette=("red", "blue"))
    >>> c["a"] != c["b"] and c["b"] != c["c"]
    True
    """
    neighbours: dict[str, set[str]] = {}
    for group in groups:
        members = sorted(set(group))
        for m in members:
            neighbours.setdefault(m, set()).update(x for x in members if x != m)
    colours: dict[str, str] = {}
    for actor in sorted(neighbours, key=lambda a: (-len(neighbours[a]), a)):
        taken = {colours[n] for n in neighbours[actor] if n in colours}
        free = [c for c in palette if c not in taken]
        # More actors in one chart than colours: reuse the least used colour among its neighbours.
        colours[actor] = (
            free[0]
            if free
            else min(palette, key=lambda c: (sum(colours.get(n) == c for n in neighbours[actor]), palette.index(c)))
        )
    return colours


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#RRGGBB``)."""
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def shares_chart_items(
    concentrations: list[dict[str, Any]], *, max_buyers: int = 10, keep_order: bool = False
) -> list[dict[str, Any]]:
    """The buyers :func:`supplier_shares` draws, in its order (top to bottom)."""
    if keep_order:
        return list(concentrations)
    items = [c for c in concentrations if c["suppliers"]]
    items.sort(key=lambda c: (-len(c["suppliers"]), -(c["value_usd_total"] or 0.0), c["actor"]))
    return items[:max_buyers]


def shares_chart_actors(
    concentrations: list[dict[str, Any]], *, max_buyers: int = 10, keep_order: bool = False
) -> list[str]:
    """The suppliers :func:`supplier_shares` draws (each once, in drawing order): one chart's group
    for :func:`actor_colours`."""
    seen: dict[str, None] = {}
    for c in shares_chart_items(concentrations, max_buyers=max_buyers, keep_order=keep_order):
        for s in c["suppliers"]:
            seen.setdefault(s["supplier"], None)
    return list(seen)


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


@memo("charts", KEEP_DRAWINGS)
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


@memo("charts", KEEP_DRAWINGS)
def supplier_shares(
    concentrations: list[dict[str, Any]],
    *,
    title: str,
    max_buyers: int = 10,
    keep_order: bool = False,
    xlabel: str = "share of the buyer's compute supply, %",
    colours: dict[str, str] | None = None,
) -> bytes:
    """Stacked bars: for each buyer, its suppliers' shares (on each buyer's basis).

    Parameters
    ----------
    concentrations : list of dict
        From :func:`graph.analysis.concentration.supplier_concentration`; buyers without
        suppliers are skipped, and at most ``max_buyers`` kept, most suppliers first.
    title : str
        The figure's title.
    colours : dict, optional
        Supplier IRI -> colour, shared by every chart of a build (:func:`actor_colours`); by
        default, this chart's own.
    """
    import matplotlib
    from matplotlib.figure import Figure

    items = shares_chart_items(concentrations, max_buyers=max_buyers, keep_order=keep_order)
    if colours is None:
        colours = actor_colours([shares_chart_actors(items, keep_order=True)])
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
                colour = colour_of.setdefault(
                    s["supplier"], colours.get(s["supplier"]) or ACTOR_PALETTE[len(colour_of) % len(ACTOR_PALETTE)]
                )
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
                    # The name only where it fits whole (the legend names every segment).
                    name = f"{_text(s['label'])}\n" if len(str(s["label"])) <= width else ""
                    ax.text(
                        (left + share / 2) * 100,
                        y,
                        f"{name}{100 * share:.0f}%",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color=text_colour(colour),
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
