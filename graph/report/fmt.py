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
    """A relation's dates: ``from 2025-11-03``, ``until 2025-10-28``, ``2019-07-22 to 2025-10-28``."""
    start, until = r.get("start"), r.get("valid_until")
    if start and until:
        return f"{start} to {until}"
    if start:
        return f"from {start}"
    if until:
        return f"until {until} (no start date stated)"
    return "no date stated"
