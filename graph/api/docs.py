"""What ``aikg docs`` computes: the shipped ontology's published files, written to a folder."""

from __future__ import annotations

from pathlib import Path


def write_docs(out: str | Path) -> tuple[str, ...]:
    """Write the shipped ontology's documentation and files (:data:`graph.report.ontology_docs.FILES`)
    to ``out``, each file whole or not at all; returns the names written, in order."""
    from ..core import resources
    from ..core.atomic import write_text
    from ..report.ontology_docs import documentation

    texts = documentation(resources.ontology_file(), resources.shapes_file())
    for name, text in texts.items():
        write_text(Path(out) / name, text)
    return tuple(texts)
