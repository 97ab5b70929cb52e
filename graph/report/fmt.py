"""Numbers, values and relations as short text, the same in every output."""

from __future__ import annotations

from typing import Any

_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def number(x: float | int | None, digits: int = 6) -> str:
    """A number without float noise: ``7``, ``0.258483``, ``38000000000``; ``-`` for None."""
    if x is None:
        return "-"
    if isinstance(x, int) or float(x).is_integer():
        return f"{int(x)}"
    return f"{float(x):.{digits}f}".rstrip("0").rstrip(".")


def short(x: float) -> str:
    """``38000000000`` -> ``38 bn``; below a million, the plain number with separators."""
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{number(round(x / scale, 2), 2)} {word}"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def usd(x: float | None) -> str:
    """``38,000,000,000 USD (38 bn)``, or ``unknown``."""
    if x is None:
        return "unknown"
    full = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    if abs(x) >= 1e6:
        return f"{full} USD ({short(x)})"
    return f"{full} USD"


def value(v: float | None, unit: str | None) -> str:
    """A relation's value in its own unit: ``38,000,000,000 USD (38 bn)``, ``4.5 GW``, ``27 percent``."""
    if v is None:
        return "no value stated"
    if unit == "USD":
        return usd(v)
    return f"{number(v)} {unit or ''}".strip()


def share(s: float | None) -> str:
    """``0.75`` -> ``75.0%``."""
    return "-" if s is None else f"{100 * s:.1f}%"


def hhi(h: float | None) -> str:
    """An HHI on the 0..10000 scale, rounded to a whole number."""
    return "-" if h is None else f"{h:.0f}"


def when(r: dict[str, Any]) -> str:
    """A relation's dates as the rules read them, saying what the data states and with what precision.

    Examples
    --------
    >>> when({"start": "2025-11-03", "start_basis": "stated", "valid_until": None})
    'from 2025-11-03'
    >>> when({"start": "2026-04-16", "start_basis": "announced-in-period", "stated_start": "2026"})
    'from 2026-04-16 (start stated to the year, 2026; counted from its announcement)'
    >>> when({"start": "2025-07-22", "start_basis": "announced", "valid_until": "2032-01-01",
    ...       "stated_until": "2032", "until_precision": "year", "end_reason": "stated"})
    ... # doctest: +NORMALIZE_WHITESPACE
    'from 2025-07-22 (start not stated: counted from its announcement) to 2032
     (to the year: not counted from 2032-01-01)'
    """
    start, until, basis = r.get("start"), r.get("valid_until"), r.get("start_basis")
    stated = r.get("stated_start")
    notes = {
        "stated-period": f"start stated to the {_precision_word(stated)}, {stated}",
        "announced-in-period": (
            f"start stated to the {_precision_word(stated)}, {stated}; counted from its announcement"
        ),
        "announced": "start not stated: counted from its announcement",
        "source-date": "start not stated: counted from its source's date",
        "before-end": "start not stated: only known to be in force before its end",
    }
    head = ""
    if start:
        head = f"from {start}" + (f" ({notes[basis]})" if basis in notes else "")
    elif basis in ("no-date", None) and not until:
        return "no date stated: in force on no day"
    tail = ""
    if until:
        shown = r.get("stated_until") if r.get("end_reason") == "stated" and r.get("stated_until") else until
        tail = f"until {shown}" if not head else f"to {shown}"
        if r.get("until_precision") in ("month", "year") and shown != until:
            tail += f" (to the {r['until_precision']}: not counted from {until})"
    if not head:
        return tail + " (never in force: its start is on or after its end)"
    return f"{head} {tail}".strip()


def _precision_word(text: str | None) -> str:
    return {4: "year", 7: "month"}.get(len(text or ""), "day")


def group_label(s: dict[str, Any]) -> str:
    """A supplier (or counterparty) group's label, naming the members it stands for when they
    are other actors: ``Amazon (via Amazon Web Services)``.

    Examples
    --------
    >>> group_label({"supplier": "a", "label": "Amazon", "members": ["a", "b"], "member_labels": ["Amazon", "AWS"]})
    'Amazon (via AWS)'
    >>> group_label({"supplier": "a", "label": "Amazon", "members": ["a"], "member_labels": ["Amazon"]})
    'Amazon'
    """
    own = s.get("supplier") or s.get("actor")
    others = [lab for m, lab in zip(s.get("members") or [], s.get("member_labels") or []) if m != own]
    return s["label"] + (f" (via {', '.join(others)})" if others else "")
