"""Which relations an analysis counts: status classes, the default, and the option that changes it.

Every relation has one **status class**, read from the data:

- ``extracted``: a candidate proposed by ``aikg extract``, not yet reviewed;
- ``talks``: the data marks the deal as never signed (``aikg:dealStage "talks"``: talks,
  negotiations, an exploratory or tentative plan, in the source's words), whatever its status;
- otherwise its ``aikg:status``: ``definitive``, ``announced``, ``reported``,
  ``letter-of-intent`` or ``ended``.

By default analyses, snapshots, bundled queries and the derived direct triples count every class
but ``talks`` and ``extracted`` (:data:`DEFAULT_COUNTED`): a plan that was never signed is never a
supplier, and an unreviewed candidate is never a fact. Those relations are kept and shown (with
``--statuses all``, in timelines, in ``relations-of``); ``--statuses`` chooses other classes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.errors import AikgError, unknown

#: Every status class, in the order outputs list them.
STATUS_CLASSES: tuple[str, ...] = (
    "definitive",
    "announced",
    "reported",
    "letter-of-intent",
    "ended",
    "talks",
    "extracted",
)
#: The classes counted unless ``--statuses`` says otherwise.
DEFAULT_COUNTED: frozenset[str] = frozenset({"definitive", "announced", "reported", "letter-of-intent", "ended"})
#: ``aikg:dealStage`` values (a deal that was never signed).
DEAL_STAGES: tuple[str, ...] = ("talks",)

STATUSES_HELP = (
    "status classes to count, comma-separated: "
    + ", ".join(STATUS_CLASSES)
    + "; 'all' for every class, 'default' for "
    + ",".join(c for c in STATUS_CLASSES if c in DEFAULT_COUNTED)
    + " (talks and unreviewed extracted candidates are left out by default)"
)


def status_class(status: str | None, stage: str | None = None) -> str:
    """The status class of a relation from its ``aikg:status`` and ``aikg:dealStage``.

    Examples
    --------
    >>> status_class("reported"), status_class("ended", "talks"), status_class("extracted", "talks")
    ('reported', 'talks', 'extracted')
    """
    if status == "extracted":
        return "extracted"
    if stage == "talks":
        return "talks"
    return status or "reported"


def parse_statuses(spec: str | Iterable[str] | None) -> frozenset[str]:
    """Turn ``--statuses`` (``None``, ``"default"``, ``"all"`` or a comma list) into a set of classes.

    Raises :class:`AikgError` naming the closest known class for an unknown one.
    """
    if spec is None:
        return DEFAULT_COUNTED
    names = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else [str(s).strip() for s in spec]
    names = [n for n in names if n]
    if not names:
        raise AikgError("--statuses: give at least one status class, 'all' or 'default'")
    chosen: set[str] = set()
    for name in names:
        low = name.lower()
        if low == "all":
            chosen |= set(STATUS_CLASSES)
        elif low == "default":
            chosen |= DEFAULT_COUNTED
        elif low in ("loi", "letter of intent"):
            chosen.add("letter-of-intent")
        elif low in STATUS_CLASSES:
            chosen.add(low)
        else:
            raise unknown("status class", name, [*STATUS_CLASSES, "all", "default"])
    return frozenset(chosen)


def describe(counted: frozenset[str]) -> str:
    """How an output says which statuses it counts: ``"default (…)"``, ``"all"`` or the list."""
    if counted == DEFAULT_COUNTED:
        return "default statuses (" + ", ".join(c for c in STATUS_CLASSES if c in counted) + ")"
    if counted >= set(STATUS_CLASSES):
        return "all statuses"
    return "statuses " + ", ".join(c for c in STATUS_CLASSES if c in counted)
