"""What ``aikg import`` computes: a facts CSV matched against the loaded graph, checked row by
row and then with the SHACL shapes together with everything loaded, as Turtle.

The command line (:mod:`graph.cli.cmd_import`) prints :attr:`Imported.report` and writes
:attr:`Imported.facts_text` only when :attr:`Imported.stopped` is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import AikgError

if TYPE_CHECKING:
    from rdflib import Graph

    from ..sources.csv_facts import ImportResult
    from ..validation.shacl import Violation


@dataclass
class Imported:
    """The outcome of :func:`import_csv`: nothing is to be written while ``stopped`` says why."""

    result: ImportResult
    #: The readable report, line by line (counts, names matched, new actors, warnings, errors).
    report: list[str]
    #: Why nothing may be written ("" when the import can be written).
    stopped: str = ""
    violations: list[Violation] = field(default_factory=list)
    #: The facts as Turtle (with the new actors unless they were asked for apart).
    facts_text: str = ""
    #: The new actors as Turtle, when asked for apart.
    actors_text: str = ""


def _data_path(path: Path) -> str | None:
    """The CSV's path relative to the shipped data folder, when it lies there."""
    from ..core import resources

    try:
        return path.resolve().relative_to(resources.data_dir().resolve()).as_posix()
    except ValueError:
        return None


def _read(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise AikgError(f"{path}: no such {what}")
    return path.read_bytes()


def import_csv(
    path: str | Path,
    known: Graph,
    *,
    actors: str | Path | None = None,
    dataset_title: str | None = None,
    skip_invalid: bool = False,
    actors_apart: bool = False,
) -> Imported:
    """Import the facts CSV at ``path`` (layout of docs/public-layer.md) against ``known``.

    Parameters
    ----------
    path : the facts CSV, UTF-8.
    known : the graph its names are matched against; the new triples are validated with it, so it
        is changed (give a copy to keep it).
    actors : an actors CSV (name, class, aliases, ...) for the new actors.
    dataset_title : title of the source node standing for the CSV.
    skip_invalid : keep the good rows when some fail (a bad header or file still stops).
    actors_apart : render the new actors in :attr:`Imported.actors_text` instead of with the facts.
    """
    from ..sources.csv_facts import actors_turtle, facts_turtle, import_facts, report_lines
    from ..store.derive import derive_direct_edges
    from ..validation.shacl import validate

    path = Path(path)
    data = _read(path, "CSV file")
    actors_path = Path(actors) if actors else None
    actors_data = _read(actors_path, "actors CSV") if actors_path else None
    result = import_facts(
        data,
        path.name,
        known,
        actors_csv=actors_data,
        actors_name=actors_path.name if actors_path else "actors.csv",
        dataset_title=dataset_title,
        dataset_path=_data_path(path),
        base_dir=path.parent,
    )
    out = Imported(result, report_lines(result, path.name))
    fatal = [e for e in result.errors if e.row == 1 or e.file != path.name or not result.rows]
    if result.errors and (not skip_invalid or fatal or not result.relations):
        n = len(result.errors)
        out.stopped = f"import stopped: {n} error{'s' if n != 1 else ''}; nothing written"
        return out
    if result.skipped:
        rows = ", ".join(str(n) for n in result.skipped)
        out.report.append(f"skipped row{'s' if len(result.skipped) != 1 else ''} {rows} (--skip-invalid)")
    # The shapes see the new triples together with everything loaded, as `aikg validate` would.
    for triple in result.facts:
        known.add(triple)
    for triple in result.actors:
        known.add(triple)
    derive_direct_edges(known)
    out.violations = validate(known)
    if out.violations:
        out.stopped = f"import stopped: {len(out.violations)} SHACL violation(s); nothing written"
        return out
    out.facts_text = facts_turtle(result, path.name, with_actors=not actors_apart)
    if actors_apart:
        out.actors_text = actors_turtle(result, path.name)
    return out
