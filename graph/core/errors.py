"""Errors a user can act on: each carries the message to print and the exit code."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class AikgError(Exception):
    """A problem with the user's input or environment; printed without a traceback."""

    exit_code = 2


def closest(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` of ``choices`` closest to ``word`` (case-insensitive)."""
    choices = sorted(set(choices))
    lowered = {c.lower(): c for c in choices}
    hits = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.5)
    if not hits:
        hits = [c for c in lowered if word.lower() in c or c in word.lower()][:n]
    return [lowered[h] for h in hits]


def unknown_message(kind: str, word: str, choices: Iterable[str], *, limit: int | None = 12) -> str:
    """``unknown KIND 'word'; closest known: ...`` (or the known names, up to ``limit``)."""
    choices = sorted(set(choices))
    near = closest(word, choices)
    if near:
        hint = "closest known: " + ", ".join(near)
    elif limit is None or len(choices) <= limit:
        hint = "known: " + ", ".join(choices)
    else:
        hint = "known: " + ", ".join(choices[:limit]) + " ..."
    return f"unknown {kind} {word!r}; {hint}"


def unknown(kind: str, word: str, choices: Iterable[str]) -> AikgError:
    """Build the error for an unknown name, naming the closest known ones."""
    return AikgError(unknown_message(kind, word, choices))
