"""What the Python API returns: typed objects that render themselves and write their files.

Each holds the same document the command line renders (the CLI prints ``.text()`` and calls
``.write()``), so a notebook and the command line cannot disagree. pandas is optional: the
``to_dataframe()`` methods import it when called.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas

    from ..query.runner import QueryResult

#: A value in a row of :class:`Rows`: a Python value for a literal, the IRI text for a resource.
Cell = str | int | float | bool | None


def _python(term: Any) -> Cell:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        try:  # decimals, dates, durations: numbers as floats, the rest as their text
            return float(value) if value.__class__.__name__ == "Decimal" else str(term)
        except (TypeError, ValueError):
            return str(term)
    return str(term)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        from ..core.errors import AikgError

        raise AikgError("to_dataframe() needs pandas: pip install 'aikg[notebook]' (or pandas)") from None
    return pandas


@dataclass
class Rows:
    """A SELECT query's answer: ``vars`` and one dict per row (Python values; IRIs as text).

    ``result`` keeps the RDF terms; ``text(fmt)`` renders it as ``aikg query`` prints it
    (``table``, ``csv``, ``tsv``, ``json``); ``text("table", width=80)`` fits a terminal of 80
    columns, as ``aikg query`` does, where ``text()`` shows every column (``--wide``).
    """

    vars: list[str]
    records: list[dict[str, Cell]]
    result: QueryResult = field(repr=False)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[dict[str, Cell]]:
        return iter(self.records)

    def __getitem__(self, i: int) -> dict[str, Cell]:
        return self.records[i]

    def text(self, fmt: str = "table", width: int | None = None) -> str:
        from ..query.formats import render

        return render(self.result, fmt, width)

    def to_dataframe(self) -> pandas.DataFrame:
        return _pandas().DataFrame(self.records, columns=self.vars)

    def _repr_html_(self) -> str:  # Jupyter
        head = "".join(f"<th>{_html.escape(v)}</th>" for v in self.vars)
        body = "".join(
            "<tr>" + "".join(f"<td>{_html.escape('' if r[v] is None else str(r[v]))}</td>" for v in self.vars) + "</tr>"
            for r in self.records
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    @classmethod
    def of(cls, result: QueryResult) -> Rows:
        if result.kind != "select":
            raise ValueError(f"a {result.kind.upper()} query has no rows")
        records = [{v: _python(t) for v, t in zip(result.vars, row)} for row in result.rows]
        return cls(list(result.vars), records, result)


@dataclass
class Shift:
    """What changed around events or between dates (``aikg shift``): ``doc`` is ``shift.json``."""

    doc: dict[str, Any]

    @property
    def before(self) -> str:
        return self.doc["before"]

    @property
    def after(self) -> str:
        return self.doc["after"]

    @property
    def added(self) -> list[dict[str, Any]]:
        return self.doc["added"]

    @property
    def ended(self) -> list[dict[str, Any]]:
        return self.doc["ended"]

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.doc.get("steps") or []

    def focus(self, actor_iri: str) -> dict[str, Any]:
        """The detail of one actor in focus (suppliers, gatekeepers, measures before and after)."""
        for f in self.doc["focus"]:
            if f["actor"] == actor_iri:
                return f
        raise KeyError(actor_iri)

    def text(self, full: bool = False) -> str:
        """What ``aikg shift`` prints: a shift over several steps in brief (each step's changes
        for the actors in focus), unless ``full`` (``--full``); one step in full."""
        from ..report.shift_text import render, render_summary

        if self.steps and not full:
            return render_summary(self.doc)
        return render(self.doc)

    def markdown(self) -> str:
        from ..report.shift_text import render

        return render(self.doc, markdown=True)

    def write(self, out: str | Path) -> list[Path]:
        """``shift.json``, ``shift.md`` and ``shift.html`` into ``out``."""
        from .shift import write_shift

        return write_shift(self.doc, Path(out))

    def _repr_markdown_(self) -> str:
        return self.markdown()


@dataclass
class Report:
    """Centrality, concentration, gatekeepers, circular flows and exposure on one day (``aikg
    report``): ``overview`` is ``centrality.json`` and more; ``rule`` says how the day was chosen."""

    overview: dict[str, Any]
    rule: str
    layers: str = "all"

    @property
    def at(self) -> str:
        return self.overview["at"]

    @property
    def centrality(self) -> list[dict[str, Any]]:
        """One row per actor with every measure (``centrality.csv``)."""
        return self.overview["centrality"]["actors"]

    @property
    def concentration(self) -> list[dict[str, Any]]:
        return self.overview["concentration"]

    def to_dataframe(self) -> pandas.DataFrame:
        return _pandas().DataFrame(self.centrality)

    def write(self, out: str | Path) -> list[Path]:
        """``centrality.csv``, ``.json``, ``.md`` and ``report.html`` into ``out``."""
        from .report import write_report

        return write_report(self.overview, Path(out), rule=self.rule, layers=self.layers)


@dataclass
class View:
    """An interactive, offline HTML page (``aikg view``); shows inline in Jupyter."""

    html: str
    counts: dict[str, Any]
    height: int = 640

    def save(self, path: str | Path) -> Path:
        from ..core.atomic import write_text

        return write_text(Path(path), self.html)

    def _repr_html_(self) -> str:  # Jupyter: the page in an isolated frame, its text escaped
        return (
            f'<iframe srcdoc="{_html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:0" sandbox="allow-scripts"></iframe>'
        )


@dataclass
class Timeline:
    """Every relation of an actor over time (``aikg timeline``): ``doc`` is ``timeline.json``."""

    doc: dict[str, Any]

    @property
    def relations(self) -> list[dict[str, Any]]:
        return self.doc["relations"]

    def text(self, width: int | None = None) -> str:
        """The table ``aikg timeline`` prints; ``width`` fits it to a terminal of that many columns
        (the command passes its terminal's)."""
        from ..report.timeline_chart import to_text

        return to_text(self.doc, width)

    def png(self) -> bytes:
        from ..report.timeline_chart import chart

        return chart(self.doc)

    def to_dataframe(self) -> pandas.DataFrame:
        return _pandas().DataFrame(self.relations)

    def write(self, out: str | Path) -> list[Path]:
        """``timeline.md``, ``.csv``, ``.json`` and ``.png`` into ``out``."""
        from .timeline import write_timeline

        return write_timeline(self.doc, Path(out))

    def _repr_png_(self) -> bytes:
        return self.png()
