"""Old IRIs read as new, for one release: ``https://w3id.org/aikg/`` belongs to another project,
so aikg moved to ``https://w3id.org/ai-infra-kg/`` (docs/namespace.md). A file or a name that still
uses the old namespace is read as if it used the new one, and aikg says so once per file.

Only IRIs are rewritten: in Turtle, TriG and N-Triples an IRI is always written between angle
brackets (a prefixed name expands from a ``@prefix`` written that way), and in JSON-LD it is a
string; a literal that merely mentions the old address is left alone.
"""

from __future__ import annotations

import warnings

#: The namespace aikg used before the move, read on input until the release after next.
OLD_BASE = "https://w3id.org/aikg/"
#: aikg's namespace.
BASE = "https://w3id.org/ai-infra-kg/"


class OldNamespaceWarning(UserWarning):
    """Input used ``https://w3id.org/aikg/`` and was read with ``https://w3id.org/ai-infra-kg/``."""


def upgrade_text(text: str, fmt: str) -> tuple[str, int]:
    """``text`` (an RDF document in ``fmt``: ``turtle``, ``nt``, ``trig`` or ``json-ld``) with every
    old-namespace IRI in the new namespace, and how many it rewrote."""
    if OLD_BASE not in text:
        return text, 0
    opener = '"' if fmt == "json-ld" else "<"
    old, new = opener + OLD_BASE, opener + BASE
    n = text.count(old)
    return (text.replace(old, new), n) if n else (text, 0)


def upgrade_iri(name: str) -> str:
    """``name`` in the new namespace when it is an old-namespace IRI, else unchanged."""
    if name.startswith(OLD_BASE):
        warnings.warn(
            OldNamespaceWarning(
                f"{name}: read as {BASE}{name[len(OLD_BASE) :]} (aikg's namespace moved; docs/namespace.md)"
            ),
            stacklevel=2,
        )
        return BASE + name[len(OLD_BASE) :]
    return name


def tell(where: str, count: int) -> None:
    """Say once that ``where`` used the old namespace ``count`` times."""
    warnings.warn(
        OldNamespaceWarning(
            f"{where}: {count} IRI(s) under the old namespace {OLD_BASE} read as {BASE} "
            "(aikg's namespace moved; update the file: docs/namespace.md)"
        ),
        stacklevel=3,
    )
