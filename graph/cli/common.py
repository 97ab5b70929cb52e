"""Options shared by every command that reads the graph, and output helpers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.atomic import write_text


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
    group.add_argument(
        "--store",
        default="memory",
        metavar="SPEC",
        help="where the graph lives: 'memory' (default: load the shipped layers and --data now) "
        "or 'oxigraph:DIR', an embedded store built by `aikg load`",
    )
    group.add_argument(
        "--endpoint",
        metavar="URL",
        help="read the graph from a SPARQL 1.1 endpoint (Oxigraph, Fuseki, GraphDB, Virtuoso...)",
    )
    group.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="endpoint timeout (default: 60)")
    group.add_argument(
        "--max-answer-mb", type=float, default=1024.0, metavar="MB", help="largest endpoint answer read (default: 1024)"
    )


def add_validate_option(parser: argparse.ArgumentParser) -> None:
    """``--no-validate``: analyse your ``--data`` files even if they break the SHACL shapes."""
    parser.add_argument(
        "--no-validate",
        dest="validate_data",
        action="store_false",
        help="analyse the graph even if your --data files break the SHACL shapes (by default a command "
        "that analyses refuses them with the violations: a date in year 9999 or a NaN value gives "
        "meaningless results)",
    )


def add_count_options(parser: argparse.ArgumentParser, *, statuses_default: str = "default") -> None:
    """``--statuses`` and ``--group-by``: what the analyses count, and how they read actors."""
    from ..rules.status import STATUSES_HELP

    group = parser.add_argument_group("what is counted")
    group.add_argument(
        "--statuses", default=None, metavar="CLASSES", help=f"{STATUSES_HELP} (default: {statuses_default})"
    )
    group.add_argument(
        "--group-by",
        default="parent",
        choices=("parent", "entity"),
        help="read actors by corporate group: a subsidiary's relations count with its parent's (AWS with "
        "Amazon), counterparties named by group ('parent', the default), or each actor on its own ('entity')",
    )


def counting(data, args: argparse.Namespace, *, statuses_default: str | None = None):
    """``data`` (a fetched network) counted as ``--statuses`` and ``--group-by`` say."""
    from ..rules.status import parse_statuses

    spec = getattr(args, "statuses", None) or statuses_default
    return data.counting(parse_statuses(spec) if spec else None, getattr(args, "group_by", None))


def load(args: argparse.Namespace, *, check: bool = True):
    """Open the graph the options describe: in memory, an embedded Oxigraph store or an endpoint;
    with ``check`` and ``--no-validate`` not given, refuse ``--data`` files that break the shapes
    (commands that add :func:`add_validate_option`)."""
    from ..store.memory import open_graph

    graph = open_graph(
        layers=args.layers,
        data=[Path(p) for p in args.data],
        store=getattr(args, "store", "memory"),
        endpoint=getattr(args, "endpoint", None),
        timeout=getattr(args, "timeout", 60.0),
        max_answer_mb=getattr(args, "max_answer_mb", 1024.0),
    )
    if check and getattr(args, "validate_data", False):
        # Commands that analyse (add_validate_option) refuse --data files that break the shapes.
        from ..validation.shacl import refuse_invalid

        refuse_invalid(graph, args.data)
    return graph


def emit(text: str, out: str | None) -> None:
    """Print ``text``, or write it whole to ``out`` (never a half-written file)."""
    if out:
        write_text(out, text)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def open_kg(args: argparse.Namespace):
    """The :class:`graph.api.kg.KnowledgeGraph` the options describe, counted as ``--statuses`` and
    ``--group-by`` say (commands without them count the default way)."""
    from ..api.kg import KnowledgeGraph

    kg = KnowledgeGraph(load(args), layers=getattr(args, "layers", "all"))
    return kg.counting(getattr(args, "statuses", None), getattr(args, "group_by", None))
