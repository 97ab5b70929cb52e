"""Entry point: parse the command line, run the sub-command, turn errors into messages.

Sub-command modules are imported when the parser is built, but each imports rdflib,
networkx and the rest only inside its ``run``, so ``aikg --help`` stays fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import warnings
from collections.abc import Sequence

from .. import __version__
from ..core.errors import AikgError
from ..core.gcpause import freezing_pauses
from ..core.legacy import OldNamespaceWarning

#: Sub-commands in the order ``--help`` lists them: module name under ``graph.cli``.
COMMANDS = (
    "build",
    "validate",
    "query",
    "export",
    "docs",
    "extract",
    "import",
    "load",
    "serve",
    "synth",
    "view",
    "report",
    "shift",
    "timeline",
    "cache",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aikg",
        description="aikg: a knowledge graph of AI-infrastructure relationships "
        "(who buys compute from whom, who needs whose approval, since when, for how much).",
    )
    parser.add_argument("--version", action="version", version=f"aikg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f".cmd_{name}", __package__)
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # rdflib logs a traceback for every ill-typed literal it parses; SHACL reports those
    # properly, so keep the terminal for messages a user can act on.
    logging.getLogger("rdflib").setLevel(logging.CRITICAL)
    # A command builds millions of long-lived dicts and lists at scale (the network, snapshots,
    # views) and frees them when it ends; Python's default collector thresholds walk them over
    # and over (1.8 s of a 13 s report at a million triples). Young collections still run, every
    # 100,000 allocations instead of 700.
    gc.set_threshold(100_000, 50, 100)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        with freezing_pauses(), warnings.catch_warnings():
            # Reading an old-namespace IRI is a note for the user, not a Python warning with a
            # source line.
            warnings.simplefilter("default", OldNamespaceWarning)
            shown = warnings.showwarning
            warnings.showwarning = lambda message, category, *rest, **kw: (
                print(f"note: {message}", file=sys.stderr)
                if issubclass(category, OldNamespaceWarning)
                else shown(message, category, *rest, **kw)
            )
            return int(args.run(args) or 0)
    except AikgError as exc:
        print(f"aikg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("aikg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
