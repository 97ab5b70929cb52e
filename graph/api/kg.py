"""The Python API: a knowledge graph to query, snapshot, shift, report, view and follow over time.

>>> import graph as aikg                                   # doctest: +SKIP
>>> kg = aikg.open()                                      # the shipped layers, in memory
>>> kg.query("compute-suppliers", actor="OpenAI", at="2025-11-10").to_dataframe()
>>> G = kg.snapshot("2025-11-10")                          # the networkx MultiDiGraph of --at
>>> kg.shift(events=["restructuring", "amendment"]).text()
>>> kg.report(at="2025-11-10").write("out/")
>>> kg.view(event="restructuring")                         # inline in Jupyter; .save("view.html")
>>> kg.timeline("OpenAI", with_="Microsoft").to_dataframe()

Every ``aikg`` command is a thin shell over these methods, so the results are the CLI's. A
:class:`KnowledgeGraph` holds the rdflib graph (``kg.graph``) and reads its network once
(``kg.network``); what it counts (``statuses``, ``group_by``) is set when it is opened, or
changed with :meth:`KnowledgeGraph.counting`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from .results import Report, Rows, Shift, Timeline, View

if TYPE_CHECKING:  # pragma: no cover - typing only
    import networkx

    from ..network.data import NetworkData
    from ..network.events import Event
    from ..validation.shacl import Violation
    from .extract import Extracted
    from .importing import Imported


def open(
    layers: str | Sequence[str] | None = None,
    data: Sequence[str | Path] = (),
    *,
    store: str = "memory",
    endpoint: str | None = None,
    timeout: float = 60.0,
    statuses: str | Sequence[str] | None = None,
    group_by: str = "parent",
    validate: bool = True,
) -> KnowledgeGraph:
    """Open the graph: the shipped ``layers`` (default: all) and your ``data`` files in memory, or
    an embedded store (``store="oxigraph:DIR"``) or a SPARQL endpoint (``endpoint=URL``), as the
    command line's ``--layers``, ``--data``, ``--store`` and ``--endpoint`` do. ``statuses`` and
    ``group_by`` say what analyses count (``--statuses``, ``--group-by``). With ``validate`` (the
    default; ``--no-validate`` turns it off) your ``data`` files must pass the SHACL shapes, or
    :class:`graph.validation.shacl.InvalidGraphError` names the violations."""
    from ..store.memory import open_graph

    graph = open_graph(layers=layers, data=[Path(p) for p in data], store=store, endpoint=endpoint, timeout=timeout)
    if validate:
        from ..validation.shacl import refuse_invalid

        refuse_invalid(graph, data)
    return KnowledgeGraph(graph, layers=layers if isinstance(layers, str) else ",".join(layers or ["all"])).counting(
        statuses, group_by
    )


@dataclasses.dataclass
class KnowledgeGraph:
    """The graph and what the command line does with it, as methods returning typed results."""

    graph: Graph
    layers: str = "all"
    statuses: frozenset[str] | None = None
    group_by: str = "parent"
    _network: NetworkData | None = dataclasses.field(default=None, repr=False, compare=False)

    def __repr__(self) -> str:
        # The rdflib graph's identifier is random: a notebook's output should be the same each run.
        counted = "default" if self.statuses is None else ",".join(sorted(self.statuses))
        return (
            f"KnowledgeGraph(layers={self.layers!r}, triples={len(self.graph)}, "
            f"statuses={counted!r}, group_by={self.group_by!r})"
        )

    # -- the network ---------------------------------------------------------------------------
    @property
    def network(self) -> NetworkData:
        """The network read once from the graph, with the rules applied and this graph's counting."""
        if self._network is None:
            from ..network.fetch import fetch_network

            self._network = fetch_network(self.graph).counting(self.statuses, self.group_by)
        return self._network

    def counting(self, statuses: str | Sequence[str] | None = None, group_by: str | None = None) -> KnowledgeGraph:
        """The same graph counted otherwise: ``statuses`` (``"all"``, ``"default"`` or classes)
        and ``group_by`` (``"parent"`` or ``"entity"``); the network is read once for both."""
        from ..analysis.groups import check_group_by
        from ..rules.status import parse_statuses

        chosen = self.statuses if statuses is None else parse_statuses(statuses)
        group = check_group_by(group_by) if group_by is not None else self.group_by
        network = self._network.counting(chosen, group) if self._network is not None else None
        return dataclasses.replace(self, statuses=chosen, group_by=group, _network=network)

    def default_date(self) -> str | None:
        """The day commands use without ``--at``: today, or the data's horizon if earlier."""
        from .dates import latest_date

        return latest_date(self.network)

    def events(self) -> list[Event]:
        """The dated change events, in date order."""
        from ..network.events import fetch_events

        return fetch_events(self.graph)

    def snapshot(self, at: str | None = None) -> networkx.MultiDiGraph:
        """The network in force on ``at`` (``YYYY-MM-DD``; default: :meth:`default_date`), or every
        relation with ``at="all"``: the graph ``--at`` gives every command."""
        from ..core.dates import parse_day
        from ..network.snapshot import snapshot

        if at == "all":
            return snapshot(self.network, None)
        day = parse_day(at, "at") if at else self.default_date()
        return snapshot(self.network, day)

    # -- questions -----------------------------------------------------------------------------
    def query(
        self,
        query: str,
        *,
        actor: str | None = None,
        at: str | None = None,
        statuses: str | None = None,
        allow_service: bool = False,
        **params: str,
    ) -> Rows:
        """Run a bundled query by name, a ``.rq`` file or SPARQL text, parameters bound as RDF
        terms (``aikg query``); a SELECT's rows."""
        from ..query.runner import bind_params, resolve_query, run_query

        text, spec = resolve_query(query)
        values = {"actor": actor, "at": at, "statuses": statuses, **params}
        result = run_query(self.graph, text, bind_params(self.graph, spec, values), allow_service=allow_service)
        return Rows.of(result)

    def validate(self) -> list[Violation]:
        """SHACL violations of the loaded graph (``aikg validate``); empty when it conforms."""
        from ..validation.shacl import validate

        return validate(self.graph)

    def shift(
        self,
        events: Sequence[str] = (),
        *,
        before: str | None = None,
        after: str | None = None,
        at: Sequence[str] = (),
        dates: str | None = None,
        window: int | None = None,
        actors: Sequence[str] = (),
        only_given: bool = False,
    ) -> Shift:
        """What changed around ``events`` or between dates (``aikg shift``)."""
        from .shift import build_shift, check_dates, step_days

        check_dates(before, after)
        step_days(at, dates)
        doc = build_shift(
            self.graph,
            events=events,
            before=before,
            after=after,
            window=window,
            actors=actors,
            layers=self.layers,
            at=at,
            dates=dates,
            only_given=only_given,
            data=self.network,
        )
        return Shift(doc)

    def report(
        self,
        at: str | None = None,
        *,
        events: Sequence[str] = (),
        window: int | None = None,
        top: int = 5,
        cases: Sequence[str] | None = None,
    ) -> Report:
        """Centrality, concentration, gatekeepers, circular flows and exposure on ``at`` (``aikg
        report``); a large network's report uses a second core."""
        from ..core.worker import MIN_RELATIONS, second_core
        from .report import build_report

        with second_core(len(self.network.relations) >= MIN_RELATIONS):
            ov, rule = build_report(
                self.graph, at=at, events=events, window=window, top=top, cases=cases, data=self.network
            )
        return Report(ov, rule, self.layers)

    def timeline(
        self, actor: str, with_: str | None = None, *, start: str | None = None, end: str | None = None
    ) -> Timeline:
        """Every relation of ``actor`` (with ``with_`` only, if given) over time (``aikg timeline``)."""
        from .timeline import build_timeline

        return Timeline(build_timeline(self.graph, actor, other=with_, start=start, end=end, data=self.network))

    def view(
        self,
        at: str | None = None,
        *,
        event: str | None = None,
        compare: tuple[str, str] | None = None,
        window: int | None = None,
        focus: str | None = None,
        depth: int = 1,
        relations: str | None = None,
        size_by: str | None = "degree",
        lang: str = "en",
        show_ended: bool = False,
        title: str | None = None,
        max_actors: int | None = 300,
        rank_by: str = "pagerank",
    ) -> View:
        """An interactive page of the network on ``at`` (default: :meth:`default_date`), or a
        before/after page around ``event`` or between the two ``compare`` dates (``aikg view``)."""
        from ..core.dates import parse_day
        from ..core.errors import AikgError
        from ..network.events import find_event
        from ..query.actors import resolve_actor
        from .view import (
            check_compare,
            event_dates,
            rank_measure,
            relation_types,
            render_comparison,
            render_single,
            size_measure,
        )

        if event and compare:
            raise AikgError("choose compare=(DATE1, DATE2) or event=NAME, not both")
        if compare:
            check_compare(*compare)
        data = self.network
        options: dict[str, Any] = {
            "focus": str(resolve_actor(self.graph, focus)) if focus else None,
            "depth": depth,
            "types": relation_types(relations, data),
            "size_by": size_measure(size_by),
            "lang": lang,
            "title": title,
            "max_actors": max_actors,
            "rank_by": rank_measure(rank_by),
        }
        if event or compare:
            found = find_event(self.events(), event) if event else None
            if found is not None:
                dates = event_dates(found, window)
            else:
                assert compare is not None
                dates = (parse_day(compare[0], "DATE1"), parse_day(compare[1], "DATE2"))
                if dates[0] >= dates[1]:
                    raise AikgError(f"compare: {dates[0]} is not before {dates[1]}: give the earlier date first")
            html, counts = render_comparison(self.graph, data, dates[0], dates[1], event=found, **options)
            return View(html, {**counts, "dates": dates, "event": found})
        day = parse_day(at, "at") if at else self.default_date()
        html, counts = render_single(self.graph, data, at=day, show_ended=show_ended, **options)
        return View(html, {**counts, "at": day})

    def export(self, fmt: str = "turtle", at: str | None = None) -> str:
        """The whole graph as RDF (``turtle``, ``nt``, ``jsonld``), or the network on ``at`` (``all``:
        every relation) as ``graphml`` or ``gexf`` (``aikg export``)."""
        from .export import NETWORK_FORMATS, export_network, serialize

        if fmt in NETWORK_FORMATS:
            return export_network(self.graph, fmt, at, self.network)[0]
        return serialize(self.graph, fmt)

    # -- facts of your own -------------------------------------------------------------------------
    def extract(
        self,
        paths: Sequence[str | Path],
        *,
        published: str | None = None,
        lang: str = "auto",
        compare: bool = True,
        use_ner: bool = True,
    ) -> Extracted:
        """Candidate facts from news texts, matched against this graph's actors and, with
        ``compare``, marked known, new or in conflict (``aikg extract``); ``.text("csv")`` is the
        review sheet ``aikg import`` reads."""
        from .extract import extract_files

        return extract_files(self.graph, paths, published=published, lang=lang, compare=compare, use_ner=use_ner)

    def import_csv(self, path: str | Path, *, actors: str | Path | None = None, skip_invalid: bool = False) -> Imported:
        """A facts CSV checked against a copy of this graph (``aikg import``): ``.stopped`` says why
        nothing may be written, ``.facts_text`` is the Turtle to add with ``data=``."""
        from .importing import import_csv

        copy = Graph()
        for prefix, ns in self.graph.namespaces():
            copy.bind(prefix, ns)
        for triple in self.graph:
            copy.add(triple)
        return import_csv(path, copy, actors=actors, skip_invalid=skip_invalid)
