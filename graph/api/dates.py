"""The day a command uses without ``--at``, and the checks of dates and windows that commands share."""

from __future__ import annotations

from typing import Any

from ..core.errors import AikgError

AT_RULE = (
    "No --at given: today, or the data's horizon (its last recorded happening: an announcement, "
    "an event, a source's date, an end recorded as past) when that is earlier; relations starting "
    "later are planned."
)


def latest_date(data: Any, events: list[Any] | None = None) -> str | None:
    """The day a command uses without ``--at`` (:func:`graph.rules.inforce.default_day`): today, or
    the data's horizon when earlier; ``None`` for a graph with no relation and no event."""
    from ..rules.inforce import default_day

    if not data.relations and not data.events:
        return None
    return default_day(data.horizon)


def check_window(days: int) -> int:
    if days < 0:
        raise AikgError(f"--window {days}: expected a number of days, 0 or more")
    return days


def empty_message(day: str, data: Any) -> str:
    """Why a snapshot has no relation, with the dates the data does cover."""
    starts = sorted(r["start"] for r in data.relations if r.get("start"))
    if not data.relations:
        return "the loaded graph has no relations at all"
    span = f"; the data's relations start between {starts[0]} and {starts[-1]}" if starts else ""
    return f"no relation is in force on {day}{span}"
