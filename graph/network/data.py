"""The network as read once from a store: actors, one read-only record per deal, revision links,
events. Snapshots (:mod:`graph.network.snapshot`) are built from it, any number of times.

Relation types are sorted here into the two kinds analyses read: dependencies (the subject relies
on the object) and ties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Relation types whose reverse states the same tie, and revision links, are defined with the rules.
from ..rules.apply import ENDING_KINDS, INVERSE_TYPES, LINK_KINDS, SYMMETRIC_TYPES  # noqa: F401

DEPENDENCY_TYPES: dict[str, str] = {
    "buysComputeFrom": "forward",
    "procuresChipsFrom": "forward",
    "suppliesChipsTo": "reverse",
    "needsApprovalFrom": "forward",
    "hasRightOfFirstRefusal": "reverse",
}
#: Relation types that are ties (money, ownership, partnership) rather than dependencies.
TIE_TYPES: tuple[str, ...] = (
    "partnersWith",
    "investsIn",
    "ownsStakeIn",
    "subsidiaryOf",
    "memberOfJointVenture",
)




class _ReadOnlyDict(dict):
    """A dict that refuses changes, with the reason in :attr:`_WHY`; ``dict(d)`` is a copy to change."""

    __slots__ = ()
    _WHY = "read-only"

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(self._WHY)

    __setitem__ = __delitem__ = __ior__ = _read_only
    update = pop = popitem = clear = setdefault = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))


class RelationRecord(_ReadOnlyDict):
    """A relation of a :class:`NetworkData`: read-only, since every snapshot of the data shares
    the edge attributes built from it. To change the network, change the graph and fetch it
    again; ``dict(record)`` gives a copy to work on."""

    __slots__ = ()
    _WHY = (
        "the relation records of a fetched network are read-only (its snapshots share what is built "
        "from them): change the graph and fetch it again, or work on a copy, dict(record)"
    )


class EdgeAttrs(_ReadOnlyDict):
    """A snapshot edge's attributes: read-only, as one dict serves the relation's edge in every
    snapshot of a :class:`NetworkData` (at a million triples, copying them cost a second and
    100 MB per snapshot). ``dict(d)`` gives a copy to change; a copy of the graph
    (``G.copy()``, ``nx.DiGraph(G)``) has plain dicts."""

    __slots__ = ()
    _WHY = (
        "snapshot edge attributes are shared by every snapshot of the network and cannot be "
        "changed: copy them with dict(attrs), or the graph with G.copy(), to change them"
    )


@dataclass
class NetworkData:
    """Everything a snapshot needs, fetched once: actors, relations (read-only
    :class:`RelationRecord` dicts), revision links and events.

    ``links`` are ``{"kind", "new", "old", "new_fact", "old_fact", "day"}`` (relation IRIs and
    fact ids, both relations loaded; ``day`` from :func:`link_day`); ``events`` map an event IRI
    to ``{"iri", "label", "date", "original", "resulting"}`` (sorted actor IRIs).
    """

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The data's last recorded happening (:func:`graph.rules.inforce.horizon`), for default dates.
    horizon: str | None = None
    #: How snapshots of this data count (:meth:`counting`): the status classes drawn (``None``:
    #: the default, :data:`graph.rules.status.DEFAULT_COUNTED`) and how analyses read actors
    #: (``"parent"``: by corporate group, ``"entity"``; :mod:`graph.analysis.groups`).
    statuses: frozenset[str] | None = None
    group_by: str = "parent"
    #: Each relation's edge attributes, built once and shared by every snapshot of this data
    #: (id of the record -> (record, EdgeAttrs)); only read-only records are cached, and each is
    #: kept with its entry so that its id cannot pass to another record.
    edge_cache: dict[int, tuple[RelationRecord, EdgeAttrs]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Records become read-only here (those of the network index are made so as they are read).
        self.relations = [r if type(r) is RelationRecord else RelationRecord(r) for r in self.relations]

    def counting(self, statuses: frozenset[str] | None = None, group_by: str | None = None) -> NetworkData:
        """The same network, counted otherwise: snapshots draw ``statuses`` (``None``: keep) and
        carry ``group_by`` for the analyses. Relations and their edge attributes are shared."""
        import dataclasses

        return dataclasses.replace(
            self,
            statuses=self.statuses if statuses is None else frozenset(statuses),
            group_by=self.group_by if group_by is None else group_by,
            edge_cache=self.edge_cache,
        )
