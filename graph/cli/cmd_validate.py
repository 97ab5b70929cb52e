"""``aikg validate``: SHACL over everything loaded."""

from __future__ import annotations

import argparse

from .common import add_graph_options, open_kg


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check the graph against the SHACL shapes",
        description="Run the SHACL shapes over the ontology, the shipped layers and your files. "
        "Exit 0 when valid; else exit 1 with one line per violation: node | property | what is wrong.",
    )
    add_graph_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    violations = open_kg(args).validate()
    if not violations:
        print("valid: the graph conforms to the aikg shapes")
        return 0
    for v in violations:
        print(v.line())
    print(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}")
    return 1

