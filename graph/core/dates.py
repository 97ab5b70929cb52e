"""ISO 8601 dates that keep their precision (a year, a month, a day).

In the graph a date is an ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date`` literal, so its
precision travels with it. Comparisons use the lexical form: ISO dates sort as strings, and a
partial date sorts before every day of its period, which is exactly the snapshot rule
(a partial date stands for the first day of its period).
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import AikgError

# ASCII digits only: ``\d`` also matches full-width and other Unicode digits ("２０２５"), which
# int() reads as a year but no other tool reads as an xsd:gYear.
_ISO = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")

EXPECTED = "YYYY-MM-DD (or YYYY-MM, or YYYY)"

#: The years a fact's date may have, inclusive: the SHACL shapes (aikgsh:DateRangeShape) and the
#: CSV importers refuse dates outside them (a typo, or 9999-12-31 standing for "never").
DATE_RANGE = (1900, 2100)


def parse_date(text: str, what: str = "date", *, bounded: bool = False) -> tuple[str, str]:
    """Check an ISO 8601 date and return ``(text, precision)``.

    ``precision`` is ``"year"``, ``"month"`` or ``"day"``. Raises :class:`AikgError` naming the
    expected form for anything else (``03/11/2025``, ``2025-13-01``, ``next monday``), and with
    ``bounded`` for a year outside :data:`DATE_RANGE` (a fact's date, not a query's).
    """
    text = str(text).strip()
    m = _ISO.match(text)
    if not m:
        raise AikgError(f"{what} {text!r} is not an ISO 8601 date; expected {EXPECTED}")
    year, month, day = m.groups()
    try:
        _dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise AikgError(f"{what} {text!r} is not a valid date ({exc}); expected {EXPECTED}") from None
    if bounded and not DATE_RANGE[0] <= int(year) <= DATE_RANGE[1]:
        raise AikgError(f"{what} {text!r} is outside the years {DATE_RANGE[0]} to {DATE_RANGE[1]} that facts may have")
    precision = "day" if day else "month" if month else "year"
    return text, precision


def parse_day(text: str, what: str = "date") -> str:
    """Check a full ISO day (``YYYY-MM-DD``); partial dates become the first day of the period."""
    text, precision = parse_date(text, what)
    return {"day": text, "month": text + "-01", "year": text + "-01-01"}[precision]


def xsd_datatype(precision: str) -> str:
    """The XSD datatype local name for a precision."""
    return {"day": "date", "month": "gYearMonth", "year": "gYear"}[precision]


def shift_days(day: str, days: int) -> str:
    """``day`` (YYYY-MM-DD) moved by ``days``, stopping at 0001-01-01 and 9999-12-31: a date at
    either end (in a graph read with ``--no-validate``) must not crash a window's arithmetic."""
    start = _dt.date.fromisoformat(day)
    try:
        return (start + _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return (_dt.date.max if days > 0 else _dt.date.min).isoformat()
