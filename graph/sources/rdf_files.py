"""Read RDF files (Turtle, N-Triples, JSON-LD) into an rdflib graph with errors a user can fix.

A syntax error is reported as ``FILE:LINE: message`` with no traceback, and the graph the
file was being added to is left untouched.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from ..errors import AikgError

FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
}


def rdf_format(path: Path) -> str:
    """The rdflib parser name for a file, from its extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise AikgError(f"{path}: unknown RDF file type {path.suffix!r}; use one of " + ", ".join(sorted(FORMATS)))
    return fmt


def _nt_error_line(text: str) -> tuple[int, str]:
    # rdflib's N-Triples parser names the bad line's text, not its number: find it.
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Graph().parse(data=line, format="nt")
        except Exception as exc:
            return number, str(exc)
    return 0, "invalid N-Triples"


def parse_file(path: str | Path, into: Graph | None = None) -> Graph:
    """Parse ``path`` and add its triples to ``into`` (a new graph if ``None``).

    Raises
    ------
    AikgError
        The file is missing, not UTF-8, of an unknown type, or malformed: the message gives
        the file, the line and the parser's reason.
    """
    path = Path(path)
    if not path.is_file():
        raise AikgError(f"{path}: no such file")
    fmt = rdf_format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AikgError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    scratch = Graph()
    try:
        scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:
        raise AikgError(_describe(path, fmt, text, exc)) from None
    target = into if into is not None else Graph()
    for triple in scratch:
        target.add(triple)
    return target


def _describe(path: Path, fmt: str, text: str, exc: Exception) -> str:
    if fmt == "turtle" and hasattr(exc, "lines"):
        line = int(getattr(exc, "lines", 0)) + 1
        why = getattr(exc, "_why", str(exc))
        return f"{path}:{line}: Turtle syntax error: {why}"
    if fmt == "nt":
        line, why = _nt_error_line(text)
        return f"{path}:{line}: N-Triples syntax error: {why}"
    if fmt == "json-ld":
        line = getattr(exc, "lineno", None)
        if line is None and isinstance(exc, json.JSONDecodeError):
            line = exc.lineno
        where = f"{path}:{line}" if line else str(path)
        return f"{where}: JSON-LD error: {getattr(exc, 'msg', exc)}"
    return f"{path}: {fmt} error: {exc}"
