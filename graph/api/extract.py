"""What ``aikg extract`` computes: candidate facts from news texts, and their renderings.

The command line (:mod:`graph.cli.cmd_extract`) parses its options, calls :func:`extract_files`
and prints :meth:`Extracted.text`; ``KnowledgeGraph.extract`` is the same call from Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import AikgError

if TYPE_CHECKING:
    from rdflib import Graph

    from ..extract.model import Extraction

#: Output formats of ``aikg extract``.
FORMATS = ("turtle", "table", "json", "csv")
_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def published_date(path: Path, given: str | None = None) -> str:
    """The publication date of the text at ``path``: ``given``, or the date its file name starts with.

    Raises
    ------
    AikgError
        Neither is there: relative dates ("ce lundi") could not be resolved.
    """
    if given:
        return given
    m = _DATED_NAME.match(path.name)
    if m is None:
        raise AikgError(
            f"{path}: --published DATE is required (the publication date, YYYY-MM-DD, against which relative "
            "dates such as «ce lundi» or «last week» are resolved), or start the file name with the date: "
            "2025-11-03-openai-aws.txt"
        )
    return m.group(1)


def output_format(fmt: str | None, out: str | None) -> str:
    """The format asked, or the one ``out``'s extension names (.json, .csv, else Turtle), or a table."""
    if fmt:
        return fmt
    if out:
        lower = out.lower()
        return "json" if lower.endswith(".json") else "csv" if lower.endswith(".csv") else "turtle"
    return "table"


@dataclass(frozen=True)
class Extracted:
    """The extractions of several texts, in the order given, each with its file."""

    results: tuple[tuple[Extraction, Path], ...]

    @property
    def found(self) -> list[tuple[Extraction, Path]]:
        """The texts with at least one candidate relation."""
        return [(ex, path) for ex, path in self.results if ex.candidates]

    def counts(self) -> dict[str, int]:
        """How many candidates the comparison with the graph marked known, new and conflict."""
        counts: dict[str, int] = {}
        for ex, _ in self.found:
            for c in ex.candidates:
                if c.compare:
                    counts[c.compare["status"]] = counts.get(c.compare["status"], 0) + 1
        return counts

    def summary(self) -> str:
        """ "5 candidate relation(s) from 2 file(s): 1 known, 3 new, 1 conflict"."""
        n = sum(len(ex.candidates) for ex, _ in self.found)
        line = f"{n} candidate relation(s) from {len(self.results)} file(s)"
        counts = self.counts()
        if counts:
            line += ": " + ", ".join(f"{counts[k]} {k}" for k in ("known", "new", "conflict") if k in counts)
        return line

    def nothing_found(self) -> str:
        """What each text holds when none states a relation (one paragraph per text)."""
        from ..extract.render import nothing_found

        one = len(self.results) == 1
        return "".join(("" if one else f"{path.name}: ") + nothing_found(ex) for ex, path in self.results)

    def text(self, fmt: str = "table", base: Path | None = None) -> str:
        """The candidates as ``table``, ``json``, ``turtle`` or ``csv`` (a review sheet for ``aikg
        import``, its text paths relative to ``base``)."""
        from ..extract.render import nothing_found, table, to_json
        from ..extract.to_csv import to_csv
        from ..extract.to_rdf import serialize

        found = self.found
        if fmt == "csv":
            return to_csv(found, base if base is not None else Path.cwd())
        if fmt == "turtle":
            return _turtle(found) if len(found) != 1 else serialize(found[0][0])
        if fmt == "json":
            if len(self.results) == 1:
                return to_json(self.results[0][0])
            docs = [json.loads(to_json(ex)) for ex, _ in self.results]
            return json.dumps({"files": docs}, ensure_ascii=False, indent=2) + "\n"
        if fmt != "table":
            raise AikgError(f"unknown extract format {fmt!r}; choose one of {', '.join(FORMATS)}")
        if len(self.results) == 1:
            return table(self.results[0][0])
        return "\n".join(
            f"== {path}\n" + (table(ex) if ex.candidates else nothing_found(ex)) for ex, path in self.results
        )


def extract_files(
    graph: Graph,
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    lang: str = "auto",
    title: str | None = None,
    url: str | None = None,
    use_ner: bool = True,
    compare: bool = False,
    progress: Callable[[int, str, int], None] | None = None,
) -> Extracted:
    """Extract candidate facts from each text, resolving actors and comparing against ``graph``.

    Every input is checked (dates, files) before any work, so a bad one stops the run at once.
    ``progress(done, name, found)`` is called after each text.
    """
    from ..extract import extract, read_text
    from ..extract.compare import compare as compare_with
    from ..extract.pipeline import check_published

    files = [Path(p) for p in paths]
    if len(files) > 1 and (title or url):
        raise AikgError("--title and --url name one source: give them with one FILE only")
    dates = [check_published(published_date(p, published)).isoformat() for p in files]
    texts = [read_text(p) for p in files]
    results = []
    for i, (path, text, day) in enumerate(zip(files, texts, dates), 1):
        ex = extract(
            text, graph, published=day, lang=lang, title=title, url=url, source_name=path.name, use_ner=use_ner
        )
        if ex.candidates and compare:
            compare_with(ex, graph)
        results.append((ex, path))
        if progress is not None:
            progress(i, path.name, len(ex.candidates))
    return Extracted(tuple(results))


def _turtle(found: list[tuple[Extraction, Path]]) -> str:
    from ..extract.to_rdf import to_graph
    from ..store.memory import new_graph

    g = new_graph()
    g.bind("candidate", "https://w3id.org/ai-infra-kg/id/candidate-actor/")
    for ex, _ in found:
        for triple in to_graph(ex):
            g.add(triple)
    names = ", ".join(path.name for _, path in found)
    header = (
        '# Candidate facts proposed by `aikg extract` (status "extracted"): review each one before\n'
        f"# it enters data/. Source texts: {names}.\n"
    )
    return header + g.serialize(format="turtle")
