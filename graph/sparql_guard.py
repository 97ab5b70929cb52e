"""Find the parts of a SPARQL query or update that make the engine reach outside: ``SERVICE``
(a federated query: an HTTP request to any URL, in rdflib and Oxigraph alike) and ``LOAD`` (an
update that fetches a document).

The check is lexical, and errs on the side of refusing: everything that cannot hold a keyword is
masked (comments, strings, IRIs, variables, prefixed names, escapes), after expanding ``\\u``
escapes as the SPARQL grammar does before parsing, and the rest is searched for the keywords
anywhere, in upper case as rdflib compares them. So ``ex:myService``, ``?service`` or ``"LOAD"``
pass, and ``SERVICE``, ``service``, ``\\u0053ERVICE`` or ``trueSERVICE`` (which a PEG parser may
read as ``true SERVICE``) do not. A false alarm can only refuse a query, never let one out.
"""

from __future__ import annotations

import re

#: Keywords that make an engine send requests, and what they do.
OUTBOUND = {"SERVICE": "a federated query (SERVICE) calls another server", "LOAD": "LOAD fetches a document"}

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NAME = r"[\w\-.\u00B7\u00C0-\uFFFF%]"
_MASKED = re.compile(
    r"""
      \#[^\n\r]*                                            # a comment
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"                   # long strings
    | '''(?:[^'\\]|\\.|'(?!''))*'''
    | "(?:[^"\\\n\r]|\\.)*"                                 # short strings
    | '(?:[^'\\\n\r]|\\.)*'
    | <[^<>"{}|^`\\\x00-\x20]*>                             # an IRI
    | [?$][\w\u00B7\u00C0-\uFFFF]*                          # a variable
    | (?:NAME|\\.)*:(?:NAME|:|\\.)*                         # a prefixed name or blank node label
    | \\.                                                   # any other escape
    """.replace("NAME", _NAME),
    re.VERBOSE | re.DOTALL,
)


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(one, text)


def outbound_keyword(text: str) -> str | None:
    """The first keyword of :data:`OUTBOUND` that ``text`` uses as a keyword, else None."""
    upper = text.upper()
    if not any(k in upper for k in OUTBOUND) and "\\U" not in upper:
        return None  # the common case, at the cost of one pass
    text = _unescape(text)
    bare = _MASKED.sub(" ", text).upper()
    found = [(bare.find(k), k) for k in OUTBOUND if k in bare]
    return min(found)[1] if found else None


def refusal(keyword: str, option: str = "--allow-service") -> str:
    """The message refusing ``keyword``."""
    return (
        f"{OUTBOUND[keyword]}; aikg makes no outbound request unless asked: "
        f"remove {keyword}, or run with {option} if you trust the query"
    )
