"""``aikg cache``: where aikg keeps what it computed before, how much, and emptying it."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cache",
        help="show or empty the cache of loaded graphs, validations and charts",
        description="Commands read back what they computed before from the same inputs (the loaded "
        "graph, its validation, its exports, the charts) instead of computing it again. An entry is "
        "keyed by the bytes of every input file and of aikg's code, so any change is seen. The folder "
        "is $AIKG_CACHE_DIR, else $XDG_CACHE_HOME/aikg, else ~/.cache/aikg; AIKG_CACHE=off turns "
        "the cache off.",
    )
    p.add_argument("action", nargs="?", choices=("info", "clear"), default="info", help="info (default) or clear")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core import cache

    if args.action == "clear":
        print(f"removed {cache.clear()} entries from {cache.folder()}")
        return 0
    state = "on" if cache.enabled() else "off (AIKG_CACHE)"
    print(f"cache: {cache.folder()} ({state})")
    for kind, (count, size) in cache.usage().items():
        print(f"  {kind}: {count} entries, {size / 1e6:.1f} MB")
    return 0
