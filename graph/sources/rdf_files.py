"""Read RDF files (Turtle, N-Triples, JSON-LD) into an rdflib graph with errors a user can fix.

A syntax error is reported as ``FILE:LINE: message`` with no traceback, and the graph the
file was being added to is left untouched.

JSON-LD contexts are never fetched or read: a context must be written inline (``"@context":
{...}``). A context given by reference (``"@context": "http://..."``, a ``file:`` URL, a relative
name, or an ``"@import"``) is refused with an error naming it, before rdflib sees the file:
rdflib's parser would fetch it with no timeout (a socket that never answers hangs it,
``file:///dev/zero`` fills the memory) or read any local file.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path

from rdflib import Graph, URIRef

from ..core.errors import AikgError
from ..core.legacy import tell, upgrade_text

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


def context_references(document: object) -> list[str]:
    """Every context ``document`` (parsed JSON-LD) names by reference instead of writing inline.

    That is each string under an ``@context`` key anywhere in the document (top level, nested
    nodes, term definitions, lists of contexts) and each ``@import`` of a context, in document
    order. The walk is iterative: a deeply nested document cannot exhaust the stack.
    """
    found: list[str] = []
    stack: list[tuple[object, bool]] = [(document, False)]
    while stack:
        node, in_context = stack.pop()
        if isinstance(node, dict):
            items = list(node.items())
            for key, value in reversed(items):
                if key == "@context":
                    for entry in value if isinstance(value, list) else [value]:
                        if isinstance(entry, str):
                            found.append(entry)
                    stack.append((value, True))
                elif key == "@import" and in_context and isinstance(value, str):
                    found.append(value)
                else:
                    stack.append((value, False))
        elif isinstance(node, list):
            stack.extend((item, in_context) for item in reversed(node))
    return found


_NO_FETCH = threading.Lock()


@contextlib.contextmanager
def _contexts_never_fetched(path: Path) -> Iterator[None]:
    """Make rdflib's context loader refuse, while a JSON-LD file is parsed.

    :func:`context_references` already refuses every reference before parsing; this is the
    safety net should rdflib find a reference the scan does not (a later JSON-LD feature).
    """
    from rdflib.plugins.shared.jsonld import context as jsonld_context

    def refuse(source: object, *args: object, **kwargs: object) -> tuple[None, None]:
        raise AikgError(_refusal(path, str(source)))

    original = getattr(jsonld_context, "source_to_json", None)
    with _NO_FETCH:
        jsonld_context.source_to_json = refuse  # type: ignore[assignment]
        try:
            yield
        finally:
            jsonld_context.source_to_json = original  # type: ignore[assignment]


def _refusal(path: Path, ref: str) -> str:
    return (
        f"{path}: JSON-LD context {ref!r} is given by reference; aikg never fetches or reads a context "
        'it was not given: write the context inline ("@context": {...}) in the file'
    )


def _check_jsonld(path: Path, text: str) -> None:
    """Refuse a JSON-LD file that names a context by reference (see the module docstring)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AikgError(f"{path}:{exc.lineno}: JSON-LD error: {exc.msg}") from None
    except RecursionError:
        raise AikgError(f"{path}: JSON-LD error: the document is nested too deeply") from None
    refs = context_references(document)
    if refs:
        raise AikgError(_refusal(path, refs[0]))


def parse_file(path: str | Path, into: Graph | None = None) -> Graph:
    """Parse ``path`` and add its triples to ``into`` (a new graph if ``None``).

    Raises
    ------
    AikgError
        The file is missing, not UTF-8, of an unknown type, or malformed: the message gives
        the file, the line and the parser's reason; or a JSON-LD file names a context by
        reference (never fetched nor read).
    """
    path = Path(path)
    if not path.is_file():
        raise AikgError(f"{path}: no such file")
    fmt = rdf_format(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise AikgError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    text, moved = upgrade_text(text, fmt)
    if moved:
        tell(str(path), moved)
    scratch = Graph()
    guard = contextlib.nullcontext()
    if fmt == "json-ld":
        _check_jsonld(path, text)
        guard = _contexts_never_fetched(path)
    try:
        with guard:
            scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except AikgError:
        raise
    except Exception as exc:
        raise AikgError(_describe(path, fmt, text, exc)) from None
    target = into if into is not None else Graph()
    for triple in scratch:
        for term in triple:
            # An IRI with no scheme cannot be written back (N-Triples, SPARQL results): refuse
            # it here, naming it, rather than export a file no parser reads.
            if type(term) is URIRef and ":" not in term:
                raise AikgError(
                    f"{path}: the IRI <{term}> is relative (no scheme such as https:); write every IRI in full"
                )
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
