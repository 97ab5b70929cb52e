"""``aikg docs``: the ontology's HTML documentation (pyLODE) and its files, ready to publish."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "docs",
        help="write the ontology's HTML documentation and its Turtle, N-Triples and JSON-LD files",
        description="Write the ontology's documentation with pyLODE (index.html: every class and "
        "property with its labels, comments, domain and range; self-contained, no script from "
        "another host), the ontology as Turtle (as shipped), N-Triples and JSON-LD, and the SHACL "
        "shapes, to DIR. Needs pyLODE: pip install 'aikg[docs]'.",
    )
    p.add_argument(
        "--out", default="aikg-out/ontology", metavar="DIR", help="output folder (default: ./aikg-out/ontology)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api.docs import write_docs

    names = write_docs(args.out)
    print(f"wrote the ontology's documentation and files to {args.out}/: " + ", ".join(names), file=sys.stderr)
    return 0
