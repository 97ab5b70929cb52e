"""Text from sources made safe for each medium outside HTML (HTML pages escape on their own).

- :func:`spreadsheet_cell`: a CSV cell a spreadsheet will not run as a formula (OWASP's advice for
  CSV injection: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  gets a leading single quote). Numbers, negative ones included, stay numbers.
- :func:`terminal_text`: text a terminal shows without obeying it: escape sequences (ESC ``[``...)
  and other control characters from labels cannot move the cursor, recolour or retitle it.
- :func:`web_url`: the http(s) URL a Markdown page may link, or None.
"""

from __future__ import annotations

import math
import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ANSI/VT escape sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \) and two-byte ESC X.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# C0 controls but tab and line feed, DEL, and C1 controls (U+0080-U+009F: 0x9b is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WEB_URL = re.compile(r"^https?://[^/\x00-\x20\x7f<>]+[^\x00-\x20\x7f<>]*$", re.IGNORECASE)


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet reads as a formula.

    >>> spreadsheet_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> spreadsheet_cell("-12.5"), spreadsheet_cell("OpenAI")
    ('-12.5', 'OpenAI')
    """
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def terminal_text(text: str) -> str:
    """``text`` with escape sequences removed and other control characters shown as ``?``.

    >>> terminal_text("Open\\x1b[2J\\x1b]0;pwned\\x07AI\\x00")
    'OpenAI?'
    """
    return _CONTROL.sub("?", _ESCAPE_SEQUENCE.sub("", text))


def web_url(url: str | None) -> str | None:
    """``url`` if it is one http(s) URL safe to write as a Markdown autolink (no space, control
    character or angle bracket), else None: ``javascript:`` and ``data:`` URLs are never links."""
    return url if url and _WEB_URL.match(url) else None
