"""How things look: a fixed, deterministic palette for actor classes and relation types.

Everything here is a pure function of its arguments: the same class or relation type always
gets the same colour, shape and dash pattern, whatever else the graph holds, so two views (or
the two halves of a before/after page) read the same way.

- **Actors**: colour and shape by class (:data:`CLASS_STYLES`); vis-network has seven shapes that
  keep the label under the node, so shapes repeat across classes and the colour tells them
  apart. An actor with no known class (a validation error in the data) is grey with a dashed
  border.
- **Relations**: colour and dash pattern by type (:data:`RELATION_STYLES`); the arrow points from
  the subject (``aikg:actor``) to the counterparty, so an edge reads as a sentence: OpenAI ->
  AWS is "OpenAI buys compute from AWS". Partnerships are symmetric and have no arrow.
- **Ended relations** (``--show-ended``): light grey, dotted, no weight.
- **Comparison**: a relation only in the "after" network is green and thick; one only in the
  "before" network is red and dashed.
- **Widths**: by value where the data has one, on a log scale per unit (:func:`edge_width`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    colour: str
    shape: str
    border_dashes: bool = False


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dashes: tuple[int, ...] = ()
    arrow: bool = True


#: Actor class local name -> style, in legend order (graph.core.vocab.ACTOR_CLASSES).
CLASS_STYLES: dict[str, NodeStyle] = {
    "AILab": NodeStyle("#4e79a7", "dot"),
    "CloudProvider": NodeStyle("#f28e2b", "square"),
    "Chipmaker": NodeStyle("#59a14f", "diamond"),
    "HardwareVendor": NodeStyle("#8cd17d", "triangle"),
    "Investor": NodeStyle("#edc948", "star"),
    "Conglomerate": NodeStyle("#b07aa1", "hexagon"),
    "SovereignEntity": NodeStyle("#e15759", "triangleDown"),
    "DataCenterVenture": NodeStyle("#76b7b2", "square"),
    "DataCenterDeveloper": NodeStyle("#9c755f", "diamond"),
    "EnergyCompany": NodeStyle("#ff9da7", "triangle"),
    "Actor": NodeStyle("#bab0ac", "dot"),
}
UNKNOWN_CLASS = NodeStyle("#9a9a9a", "dot", border_dashes=True)

#: Relation type local name -> style, in legend order (graph.core.vocab.RELATION_TYPES).
RELATION_STYLES: dict[str, EdgeStyle] = {
    "buysComputeFrom": EdgeStyle("#1f77b4"),
    "procuresChipsFrom": EdgeStyle("#2ca02c"),
    "suppliesChipsTo": EdgeStyle("#17becf", (12, 4)),
    "needsApprovalFrom": EdgeStyle("#8c2d04", (6, 4)),
    "hasRightOfFirstRefusal": EdgeStyle("#9467bd", (6, 4)),
    "partnersWith": EdgeStyle("#ff7f0e", (2, 5), arrow=False),
    "investsIn": EdgeStyle("#8c564b"),
    "ownsStakeIn": EdgeStyle("#e377c2", (10, 4)),
    "subsidiaryOf": EdgeStyle("#bcbd22", (12, 4, 2, 4)),
    "memberOfJointVenture": EdgeStyle("#393b79", (2, 5)),
}
UNKNOWN_RELATION = EdgeStyle("#555555")

#: Ended relations shown with --show-ended.
ENDED = EdgeStyle("#b5b5b5", (2, 6))
#: Comparison highlights.
ADDED = EdgeStyle("#00a650")
REMOVED = EdgeStyle("#e00000", (8, 6))

NODE_SIZE_MIN = 12.0
NODE_SIZE_MAX = 42.0
NODE_SIZE_DEFAULT = 18.0
EDGE_WIDTH_MIN = 1.5
EDGE_WIDTH_MAX = 7.0


def node_style(cls: str) -> NodeStyle:
    """The style of an actor class (its local name); grey and dashed when unknown."""
    return CLASS_STYLES.get(cls, UNKNOWN_CLASS)


def edge_style(rtype: str) -> EdgeStyle:
    """The style of a relation type (its local name)."""
    return RELATION_STYLES.get(rtype, UNKNOWN_RELATION)


def node_sizes(values: dict[str, float]) -> dict[str, float]:
    """Scale figures (one per node) linearly onto [NODE_SIZE_MIN, NODE_SIZE_MAX].

    All equal (or none) gives every node the default size. Missing or non-finite figures count
    as the smallest.
    """
    clean = {k: (v if v is not None and math.isfinite(v) else None) for k, v in values.items()}
    known = [v for v in clean.values() if v is not None]
    if not known or max(known) == min(known):
        return {k: NODE_SIZE_DEFAULT for k in clean}
    lo, hi = min(known), max(known)
    span = NODE_SIZE_MAX - NODE_SIZE_MIN
    return {
        k: round(NODE_SIZE_MIN + span * ((v if v is not None else lo) - lo) / (hi - lo), 2) for k, v in clean.items()
    }


#: Where the log scale of each unit starts (width = minimum) and how many decades it spans.
_WIDTH_SCALES: dict[str, tuple[float, float]] = {
    "USD": (1e8, 4.0),  # 100 million .. 1 trillion
    "EUR": (1e8, 4.0),
    "GW": (0.05, 3.0),  # 50 MW .. 50 GW
    "MW": (50.0, 3.0),
    "percent": (0.5, 2.0),  # 0.5 % .. 50 %
    "shares": (1e6, 4.0),
}


def edge_width(value: float | None, unit: str | None) -> float:
    """Edge width for a relation's value: log scale per unit, minimum width when unknown.

    Values in different units are not comparable, so each unit has its own scale
    (:data:`_WIDTH_SCALES`; any other three-letter currency uses the USD scale).
    """
    if value is None or unit is None or not math.isfinite(value) or value <= 0:
        return EDGE_WIDTH_MIN
    scale = _WIDTH_SCALES.get(unit)
    if scale is None and len(unit) == 3 and unit.isupper():
        scale = _WIDTH_SCALES["USD"]
    if scale is None:
        return EDGE_WIDTH_MIN
    floor, decades = scale
    frac = min(max(math.log10(value / floor) / decades, 0.0), 1.0)
    return round(EDGE_WIDTH_MIN + (EDGE_WIDTH_MAX - EDGE_WIDTH_MIN) * frac, 2)


def _ordered(names: Iterable[str], order: Iterable[str]) -> list[str]:
    names = set(names)
    order = list(order)
    known = [n for n in order if n in names]
    return known + sorted(names - set(order))


def legend_classes(counts: dict[str, int], labels: dict[str, str]) -> list[dict[str, object]]:
    """Legend rows for the actor classes present: key, label, count, colour, shape, dashes."""
    rows = []
    for cls in _ordered(counts, CLASS_STYLES):
        st = node_style(cls)
        rows.append(
            {
                "key": cls,
                "label": labels.get(cls, cls),
                "count": counts[cls],
                "colour": st.colour,
                "shape": st.shape,
                "dashed": st.border_dashes,
            }
        )
    return rows


def legend_relations(counts: dict[str, int], labels: dict[str, str]) -> list[dict[str, object]]:
    """Legend rows for the relation types present: key, label, count, colour, dash, arrow."""
    rows = []
    for rtype in _ordered(counts, RELATION_STYLES):
        st = edge_style(rtype)
        rows.append(
            {
                "key": rtype,
                "label": labels.get(rtype, rtype),
                "count": counts[rtype],
                "colour": st.colour,
                "dasharray": " ".join(str(d) for d in st.dashes),
                "arrow": st.arrow,
            }
        )
    return rows


def shape_svg_points(shape: str) -> str:
    """SVG drawing instructions for a legend swatch of ``shape`` in a 16x16 box."""
    return {
        "square": "rect",
        "diamond": "M8 1 L15 8 L8 15 L1 8 Z",
        "triangle": "M8 1.5 L15 14.5 L1 14.5 Z",
        "triangleDown": "M1 1.5 L15 1.5 L8 14.5 Z",
        "star": "M8 0.8 L10.1 5.6 L15.3 6 L11.3 9.4 L12.6 14.5 L8 11.8 L3.4 14.5 L4.7 9.4 L0.7 6 L5.9 5.6 Z",
        "hexagon": "M4.2 1.5 L11.8 1.5 L15.5 8 L11.8 14.5 L4.2 14.5 L0.5 8 Z",
    }.get(shape, "circle")
