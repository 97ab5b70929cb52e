"""The size limit of a view: the top actors by a measure, and what was left out.

A browser view stays readable and fast up to a few hundred actors; a snapshot of a large graph
(8,010 actors and 70,194 relations in force at one million triples) is neither, and vis-network
would take minutes to settle it. Above ``max_actors``, a view keeps:

- the ``max_actors`` actors with the highest figure of one centrality measure (``rank_by``),
  ties broken by IRI, so the same data always gives the same page; an actor the user focuses
  on is always kept (it takes one of the places);
- only the relations whose two actors are both kept.

:class:`ViewLimit` records what was kept and left out; the page shows it as a notice
(:meth:`ViewLimit.text`), carries it in its JSON data (:meth:`ViewLimit.as_json`), and the
command prints it. Below the limit nothing changes and no notice is written.

Selection only: the figures come from the caller (:func:`graph.analysis.centrality.centrality`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .tooltips import MEASURE_NAMES, format_number

#: Scores equal to this many significant digits are ties (broken by IRI): floating-point
#: sums taken in another order must not change which actors are kept.
SIGNIFICANT_DIGITS = 12


def measure_name(measure: str, lang: str = "en") -> str:
    """The measure's name in the notice: ``pagerank`` -> ``PageRank``."""
    return MEASURE_NAMES.get(lang, {}).get(measure, measure)


def _score(value: Any) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    if v != v:  # NaN ranks last
        return float("-inf")
    return float(f"{v:.{SIGNIFICANT_DIGITS}g}")


def rank_actors(scores: dict[str, Any]) -> list[str]:
    """Actors by decreasing score, ties (to :data:`SIGNIFICANT_DIGITS`) broken by IRI."""
    return sorted(scores, key=lambda a: (-_score(scores[a]), a))


def top_actors(scores: dict[str, Any], max_actors: int, keep: Iterable[str] = ()) -> set[str]:
    """The ``max_actors`` best-ranked actors of ``scores``, always including ``keep``.

    Parameters
    ----------
    scores : dict
        Actor IRI -> figure; every actor that may be kept (a missing figure counts as 0).
    max_actors : int
        How many actors to keep (1 or more).
    keep : iterable of str
        Actors kept whatever their rank (the focus); they take places in the ``max_actors``.
        Those not in ``scores`` are ignored.

    Examples
    --------
    >>> sorted(top_actors({"a": 1, "b": 3, "c": 3, "d": 2}, 2))
    ['b', 'c']
    >>> sorted(top_actors({"a": 1, "b": 3, "c": 3, "d": 2}, 2, keep=["a"]))
    ['a', 'b']
    """
    if max_actors < 1:
        raise ValueError(f"max_actors must be 1 or more, not {max_actors}")
    chosen = {a for a in keep if a in scores}
    for actor in rank_actors(scores):
        if len(chosen) >= max_actors:
            break
        chosen.add(actor)
    return chosen


@dataclass(frozen=True)
class ViewLimit:
    """What a view above its size limit kept and left out.

    ``relations`` holds one ``(panel, shown, total)`` per network drawn: ``("main", ...)`` for
    one view, ``("before", ...)`` and ``("after", ...)`` for a comparison, whose two sides
    share one set of kept actors. ``kept`` lists the actors kept outside the top (the focus).
    """

    max_actors: int
    rank_by: str
    actors_shown: int
    actors_total: int
    relations: tuple[tuple[str, int, int], ...]
    kept: tuple[str, ...] = ()

    @property
    def actors_left_out(self) -> int:
        return self.actors_total - self.actors_shown

    def text(self, lang: str = "en") -> str:
        """The notice: what is shown, out of how many, ranked by what, and what was left out."""

        def n(x: int) -> str:
            return format_number(x, lang)

        name = measure_name(self.rank_by, lang)
        compare = len(self.relations) > 1
        if lang == "fr":
            how = f"les premiers selon {name}"
            if compare:
                how += ", avant ou après"
            if self.kept:
                how += ", et l'acteur ciblé"
            head = f"Affichage de {n(self.actors_shown)} acteurs sur {n(self.actors_total)} ({how})"
            if not compare:
                (_p, shown, total) = self.relations[0]
                return (
                    f"{head} et de {n(shown)} relations sur {n(total)} ; {n(self.actors_left_out)} acteurs "
                    f"et {n(total - shown)} relations laissés de côté."
                )
            sides = ", ".join(
                f"{'avant' if p == 'before' else 'après'} {n(s)} sur {n(t)}" for p, s, t in self.relations
            )
            out = ", ".join(f"{n(t - s)} {'avant' if p == 'before' else 'après'}" for p, s, t in self.relations)
            return (
                f"{head} et des relations entre eux : {sides} ; laissés de côté : {n(self.actors_left_out)} "
                f"acteurs, relations {out}."
            )
        how = f"top by {name}"
        if compare:
            how += ", before or after"
        if self.kept:
            how += ", and the focused actor"
        head = f"Showing {n(self.actors_shown)} of {n(self.actors_total)} actors ({how})"
        if not compare:
            (_p, shown, total) = self.relations[0]
            return (
                f"{head} and {n(shown)} of {n(total)} relations; {n(self.actors_left_out)} actors "
                f"and {n(total - shown)} relations left out."
            )
        sides = ", ".join(f"{n(s)} of {n(t)} {p}" for p, s, t in self.relations)
        out = " and ".join(
            f"{n(t - s)}{' relations' if i == 0 else ''} {p}" for i, (p, s, t) in enumerate(self.relations)
        )
        return f"{head} and the relations among them: {sides}; {n(self.actors_left_out)} actors, {out} left out."

    def as_json(self, lang: str = "en") -> dict[str, Any]:
        """The record the page carries in its JSON data (``limit``)."""
        return {
            "maxActors": self.max_actors,
            "rankBy": self.rank_by,
            "actors": {"shown": self.actors_shown, "total": self.actors_total, "leftOut": self.actors_left_out},
            "relations": {p: {"shown": s, "total": t, "leftOut": t - s} for p, s, t in self.relations},
            "keptOutsideTop": list(self.kept),
            "text": self.text(lang),
        }


def limit_graphs(
    graphs: Sequence[Any],
    scores: dict[str, Any],
    max_actors: int | None,
    rank_by: str,
    *,
    keep: Iterable[str] = (),
    panels: Sequence[str] = ("main",),
) -> tuple[list[Any], ViewLimit | None]:
    """Keep the top ``max_actors`` actors of ``graphs`` by ``scores`` and the relations among them.

    Parameters
    ----------
    graphs : sequence of networkx.MultiDiGraph
        The networks of one page (one, or before and after): they share one kept set.
    scores : dict
        Actor IRI -> figure of ``rank_by``; actors missing from it count as 0.
    max_actors : int or None
        The limit; ``None`` or 0: no limit.
    rank_by : str
        The measure's name, for the notice.
    keep : iterable of str
        Actors always kept (the focus), if they are in the graphs.
    panels : sequence of str
        The panel name of each graph (``main``; ``before``, ``after``).

    Returns
    -------
    graphs : list
        The graphs themselves when their actors (together) number ``max_actors`` or fewer;
        otherwise copies with only the kept actors and the relations between two kept actors.
    limit : ViewLimit or None
        What was kept and left out; ``None`` when nothing was.
    """
    actors = sorted({n for g in graphs for n in g.nodes})
    if not max_actors or len(actors) <= max_actors:
        return list(graphs), None
    keep = sorted(set(keep) & set(actors))
    chosen = top_actors({a: scores.get(a, 0.0) for a in actors}, max_actors, keep)
    top = top_actors({a: scores.get(a, 0.0) for a in actors}, max_actors)
    kept = sorted(chosen)
    out = [g.subgraph([n for n in kept if n in g]).copy() for g in graphs]
    limit = ViewLimit(
        max_actors=max_actors,
        rank_by=rank_by,
        actors_shown=len(kept),
        actors_total=len(actors),
        relations=tuple((p, h.number_of_edges(), g.number_of_edges()) for p, g, h in zip(panels, graphs, out)),
        kept=tuple(a for a in keep if a not in top),
    )
    return out, limit
