"""What "in force on day D" means, written once: every command, query and view uses these rules.

Dates in the data keep their precision (``2026-04-16``, ``2026-04``, ``2026``). A relation is
**in force on day D** when its *effective start* is on or before D, its *effective end* (if any)
is after D, and its status class is counted (:mod:`graph.rules.status`). Effective dates are
full days (``YYYY-MM-DD``), computed here and materialised in the graph as ``aikg:effectiveStart``
and ``aikg:effectiveEnd`` (:mod:`graph.rules.materialise`), so that SPARQL on any engine and the
networkx snapshots give the same answer.

Effective start (:func:`effective_start`)
-----------------------------------------
- ``validFrom`` known to the day: that day (``stated``).
- ``validFrom`` known only to the month or year: the first day of that period, but never before
  the relation was announced: ``2026`` announced on 2026-04-16 starts on 2026-04-16
  (``announced-in-period``), ``2027`` announced in 2025 on 2027-01-01 (``stated-period``).
- No ``validFrom`` (*start not stated*): its earliest evidence, the announcement
  (``announced``), else the earliest date of its sources (``source-date``). Evidence that comes
  only on or after the relation's end (or no dated evidence, with an end) proves that it was in
  force before the end, not when it began: it then counts on the day before its end only
  (``before-end``).
- No date at all: in force on no day (it still shows where no date is asked for: the
  all-relations graph, queries without ``--at``).

Effective end
-------------
The earliest of the relation's own ``validUntil``, the day a later relation ``aikg:ends`` or
``aikg:supersedes`` it, and the day of an ``aikg:endedBy`` event; an end the data records as
past (status ``ended`` with a ``validUntil``) always stands (:mod:`graph.rules.apply`). A month
or year end counts from the first day of its period (the conservative reading: "until 2032" is
not read as "through 2032"). The relation is not in force on its end day.

Default day
-----------
With no ``--at``, commands use :func:`default_day`: today, or the data's *horizon* (its last
recorded happening: an announcement, an event, a source's date, an end recorded as past) when
that is earlier. Relations whose start comes after it are *planned*, shown as such.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable
from typing import Any

from .status import DEFAULT_COUNTED, status_class

#: The rule in one sentence, for outputs that state it.
RULE_TEXT = (
    "a relation is in force on a day from its start (validFrom; a month or year not before its "
    "announcement; no validFrom: its first evidence, the announcement or its source's date) until "
    "its end (validUntil, a later relation that ends or supersedes it, or the event that ended it), "
    "and is counted when its status class is (talks and unreviewed candidates are not, by default)"
)

#: How a start was read (stored as ``aikg:startBasis``); the last four mean "start not stated".
START_BASES: tuple[str, ...] = (
    "stated",
    "stated-period",
    "announced-in-period",
    "announced",
    "source-date",
    "before-end",
    "no-date",
)
NOT_STATED: frozenset[str] = frozenset({"announced", "source-date", "before-end", "no-date"})
#: Why an effective end is what it is (``aikg:endBasis``).
END_BASES: tuple[str, ...] = ("stated", "revision", "event")

#: Environment variable that fixes "today" (YYYY-MM-DD): reproducible builds and tests.
TODAY_ENV = "AIKG_TODAY"


def precision(text: str | None) -> str | None:
    """``"year"``, ``"month"`` or ``"day"`` for an ISO date text, ``None`` for ``None``."""
    if not text:
        return None
    return {4: "year", 7: "month"}.get(len(text), "day")


def first_day(text: str | None) -> str | None:
    """The first day of a (possibly partial) ISO date: ``2026`` -> ``2026-01-01``."""
    if not text:
        return None
    return {4: text + "-01-01", 7: text + "-01"}.get(len(text), text[:10])


def day_before(day: str) -> str:
    """``YYYY-MM-DD`` minus one day (0001-01-01 stays itself rather than crash)."""
    from ..core.dates import shift_days

    return shift_days(day, -1)


def effective_start(
    valid_from: str | None,
    announced: str | None,
    evidence_day: str | None = None,
    end: str | None = None,
) -> tuple[str | None, str]:
    """The first day a relation is in force, and how it was read (:data:`START_BASES`).

    Parameters
    ----------
    valid_from, announced : str or None
        ISO dates of any precision, as the data states them.
    evidence_day : str or None
        The earliest date of the relation's sources (any precision), used when nothing else is.
    end : str or None
        The relation's effective end (``YYYY-MM-DD``), if any.

    Returns
    -------
    tuple
        ``(day or None, basis)``.

    Examples
    --------
    >>> effective_start("2026", "2026-04-16")
    ('2026-04-16', 'announced-in-period')
    >>> effective_start("2027", "2025-09-10")
    ('2027-01-01', 'stated-period')
    >>> effective_start(None, "2026-03-06", end="2026-03-06")
    ('2026-03-05', 'before-end')
    >>> effective_start(None, None)
    (None, 'no-date')
    """
    if valid_from:
        first = first_day(valid_from)
        if precision(valid_from) == "day":
            return first, "stated"
        ann = first_day(announced)
        if ann and ann > first:
            return ann, "announced-in-period"
        return first, "stated-period"
    if announced:
        day, basis = first_day(announced), "announced"
    elif evidence_day:
        day, basis = first_day(evidence_day), "source-date"
    elif end:
        return day_before(end), "before-end"
    else:
        return None, "no-date"
    if end and day >= end:
        return day_before(end), "before-end"
    return day, basis


def start_not_stated(basis: str | None) -> bool:
    """Whether a start read with ``basis`` was not stated by the data (outputs say so)."""
    return basis in NOT_STATED


def in_force(relation: dict[str, Any], day: str, statuses: frozenset[str] = DEFAULT_COUNTED) -> bool:
    """Whether ``relation`` (a record with ``start``, ``valid_until`` and ``status_class``) is in
    force on ``day`` (``YYYY-MM-DD``), counting the status classes ``statuses``.

    Examples
    --------
    >>> r = {"start": "2025-11-03", "valid_until": None, "status_class": "announced"}
    >>> in_force(r, "2025-11-02"), in_force(r, "2025-11-03")
    (False, True)
    >>> in_force(dict(r, status_class="talks"), "2026-01-01")
    False
    """
    start = relation.get("start")
    if start is None or start > day:
        return False
    until = relation.get("valid_until")
    if until is not None and until <= day:
        return False
    return class_of(relation) in statuses


def class_of(relation: dict[str, Any]) -> str:
    """A record's status class (records built by hand may lack ``status_class``)."""
    return relation.get("status_class") or status_class(relation.get("status"), relation.get("deal_stage"))


def planned(relation: dict[str, Any], day: str, statuses: frozenset[str] = DEFAULT_COUNTED) -> bool:
    """Whether ``relation`` is counted and starts after ``day`` (a planned start)."""
    start = relation.get("start")
    return (
        start is not None
        and start > day
        and class_of(relation) in statuses
        and (relation.get("valid_until") is None or relation["valid_until"] > start)
    )


def today() -> str:
    """Today's date, ``YYYY-MM-DD``; the ``AIKG_TODAY`` environment variable overrides the clock."""
    fixed = os.environ.get(TODAY_ENV, "").strip()
    if fixed:
        from ..core.dates import parse_day

        return parse_day(fixed, f"the {TODAY_ENV} environment variable")
    return _dt.date.today().isoformat()


def horizon(relations: Iterable[dict[str, Any]], event_days: Iterable[str | None] = ()) -> str | None:
    """The data's last recorded happening: the latest announcement, event day, source date, or end
    recorded as past (status ``ended``); ``None`` for empty data. Planned starts and ends do not
    count: they are plans, not records. Reads no clock.

    Relations are records as :mod:`graph.rules.apply` makes them (``announced``, ``evidence_day``,
    ``status``, ``stated_until``).
    """
    days: list[str] = [d for d in (first_day(x) for x in event_days) if d]
    for r in relations:
        for key in ("announced", "evidence_day"):
            d = first_day(r.get(key))
            if d:
                days.append(d)
        if r.get("status") == "ended" and r.get("stated_until"):
            days.append(first_day(r["stated_until"]))
    return max(days) if days else None


def default_day(data_horizon: str | None, now: str | None = None) -> str:
    """The day commands use without ``--at``: today, or the data's horizon if that is earlier."""
    now = now or today()
    return min(now, data_horizon) if data_horizon else now
