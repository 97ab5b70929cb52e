"""What a relation's value counts, so that no figure adds a part to its total.

Each record says what its value is (``value_basis``, stored in the data as ``aikg:valueBasis``
where the source says it, else read from the unit):

- ``incremental``: a new amount on top of what came before (an expansion, a new round); the
  default for money and capacity;
- ``cumulative``: a running total since the relation's start, as of its announcement (Microsoft's
  13 bn USD of commitments since 2019, announced 2025-10-29); its earlier parts are linked with
  ``aikg:valueIncludes``;
- ``maximum``: a headline "up to" amount; tranches drawn under it are its parts;
- ``part``: a tranche or closing drawn from a larger amount (linked from that amount);
- ``level``: a holding (a percentage of equity, a number of shares in a warrant, the valuation
  of a stake): a level at a date, never added to anything;
- ``annual``: an amount per year (a yearly spend): shown, never added to totals.

**Parts and totals.** A total includes a part when the data links them with
``aikg:valueIncludes`` (total to part), or when the part ``aikg:completes`` the total with the
same relation type and unit (a closing of an announced round). On a day when the total is in
force and its value counts, each part in force counts zero in every sum (it is already in the
total), and says so (``value_in``). A cumulative total's value counts from its announcement
(``value_counts_from``): before that day its parts count and the total counts zero. So
Microsoft's investment in OpenAI sums to 1 bn in 2020 and 13 bn from 2023, never 26 bn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .inforce import first_day

VALUE_BASES: tuple[str, ...] = ("incremental", "cumulative", "maximum", "part", "level", "annual")
#: Bases whose values enter sums (the others are shown, never added).
ADDABLE: frozenset[str] = frozenset({"incremental", "cumulative", "maximum", "part"})
#: Units whose values are levels (never added).
LEVEL_UNITS: frozenset[str] = frozenset({"percent", "shares"})


def value_basis(record: Mapping[str, Any]) -> str | None:
    """What the record's value is: its stated ``value_basis``, else ``level`` for percent and
    shares, ``incremental`` for any other unit, ``None`` without a value.

    Examples
    --------
    >>> value_basis({"value": 27.0, "unit": "percent"}), value_basis({"value": 1e9, "unit": "USD"})
    ('level', 'incremental')
    >>> value_basis({"value": 13e9, "unit": "USD", "value_basis": "cumulative"})
    'cumulative'
    """
    if record.get("value") is None:
        return None
    if record.get("value_basis"):
        return record["value_basis"]
    return "level" if record.get("unit") in LEVEL_UNITS else "incremental"


def inclusions(
    records: list[dict[str, Any]],
    group_of: Mapping[str, str],
    includes: Iterable[tuple[str, str]],
    links: Iterable[Mapping[str, Any]],
) -> None:
    """Set ``value_includes``, ``value_in`` (primary IRIs) and ``value_counts_from`` on ``records``.

    Parameters
    ----------
    records : list of dict
        One record per deal, keyed by ``primary``.
    group_of : mapping
        Relation IRI to the primary IRI of its deal.
    includes : iterable of (total, part)
        ``aikg:valueIncludes`` links as the data states them.
    links : iterable of dict
        Revision links (``kind``, ``new``, ``old``); ``completes`` links between relations of
        the same type and unit make the earlier one include the later one.
    """
    by_primary = {r["primary"]: r for r in records}
    pairs: set[tuple[str, str]] = set()
    for total, part in includes:
        if total in group_of and part in group_of and group_of[total] != group_of[part]:
            pairs.add((group_of[total], group_of[part]))
    for link in links:
        if link["kind"] != "completes":
            continue
        total, part = by_primary.get(group_of.get(link["old"], "")), by_primary.get(group_of.get(link["new"], ""))
        if (
            total is not None
            and part is not None
            and total is not part
            and total["type"] == part["type"]
            and total.get("unit") == part.get("unit")
            and total.get("value") is not None
            and part.get("value") is not None
            and total.get("value_basis") != "level"
        ):
            pairs.add((total["primary"], part["primary"]))
    for r in records:
        r["value_includes"], r["value_in"] = [], []
    for total, part in sorted(pairs):
        by_primary[total]["value_includes"].append(part)
        by_primary[part]["value_in"].append(total)
    for r in records:
        start = r.get("start")
        if r.get("value_basis") == "cumulative" and r.get("announced"):
            as_of = first_day(r["announced"])
            r["value_counts_from"] = max(as_of, start) if start else as_of
        else:
            r["value_counts_from"] = start


def counted_value(record: Mapping[str, Any]) -> float | None:
    """What the record adds to sums when nothing else in force changes it: its value when its
    basis is addable, else ``None``."""
    value = record.get("value")
    basis = record.get("value_basis") or value_basis(record)
    return value if value is not None and basis in ADDABLE else None


def counts_on(record: Mapping[str, Any], day: str | None) -> bool:
    """Whether the record's value counts on ``day`` (always when ``day`` is None)."""
    if day is None:
        return True
    since = record.get("value_counts_from")
    return since is not None and since <= day


def counted_values(in_force: Mapping[str, Mapping[str, Any]], day: str | None) -> dict[str, tuple[float, str | None]]:
    """The records whose value counts zero on ``day``, and why.

    Parameters
    ----------
    in_force : mapping
        Primary IRI to record, for the deals in force on ``day`` (every deal when ``day`` is
        None).
    day : str or None

    Returns
    -------
    dict
        Primary IRI to ``(0.0, total)``: ``total`` is the primary IRI of the total it is
        counted in, or ``None`` for a cumulative total whose figure does not count yet. Records
        absent from the result count their full value.

    Examples
    --------
    >>> total = {"value": 13.0, "value_in": [], "value_counts_from": "2025-10-29"}
    >>> part = {"value": 1.0, "value_in": ["t"], "value_counts_from": "2019-07-22"}
    >>> counted_values({"t": total, "p": part}, "2020-01-01")
    {'t': (0.0, None)}
    >>> counted_values({"t": total, "p": part}, "2025-11-01")
    {'p': (0.0, 't')}
    """
    out: dict[str, tuple[float, str | None]] = {}
    for iri, r in in_force.items():
        if r.get("value") is None:
            continue
        totals = [t for t in r.get("value_in") or () if t in in_force and counts_on(in_force[t], day)]
        if totals:
            out[iri] = (0.0, totals[0])
        elif not counts_on(r, day):
            out[iri] = (0.0, None)
    return out
