"""Options shared by every command that reads the graph, and output helpers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..atomic import write_text


def add_graph_options(parser: argparse.ArgumentParser) -> None:
    """``--data FILE`` (repeatable) and ``--layers`` for commands that read the graph."""
    group = parser.add_argument_group("graph input")
    group.add_argument(
        "--data",
        action="append",
        default=[],
        metavar="FILE",
        help="add your own facts (Turtle .ttl, N-Triples .nt, JSON-LD .jsonld); repeatable",
    )
    group.add_argument(
        "--layers",
        default="all",
        metavar="NAMES",
        help="shipped layers to load, comma-separated (default: all)",
    )


def load(args: argparse.Namespace):
    """Load the graph the options describe."""
    from ..store import load_graph

    return load_graph(args.layers, [Path(p) for p in args.data])


def emit(text: str, out: str | None) -> None:
    """Print ``text``, or write it whole to ``out`` (never a half-written file)."""
    if out:
        write_text(out, text)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
