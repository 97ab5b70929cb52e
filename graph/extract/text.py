"""Read the input text safely, fold it for matching, split it into clauses, guess its language.

Offsets everywhere are code points of the file decoded as UTF-8, line ends kept as they are
(``\\r\\n`` counts two), so ``text[start:end]`` in any UTF-8 reader gives the quote back.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

# Reading a news text is a source stage (the import reads the texts a review sheet quotes).
from ..sources.text_file import MAX_BYTES, read_text  # noqa: F401
from .model import Span

_FOLD_CACHE: dict[str, str] = {}


def fold_char(c: str) -> str:
    """One character folded for matching: accents stripped, casefolded, apostrophes and spaces unified."""
    hit = _FOLD_CACHE.get(c)
    if hit is not None:
        return hit
    if c in "’‘ʼ`´":
        out = "'"
    elif c.isspace():
        out = " "
    elif c in "‐‑‒–—":
        out = "-"
    else:
        out = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
        out = out.casefold()
        if any(ch.isspace() for ch in out):
            out = " "
    _FOLD_CACHE[c] = out
    return out


@dataclass
class Folded:
    """``text`` folded (see :func:`fold_char`) with a map back to the original offsets.

    ``starts[i]`` is the original offset of the character that produced folded character ``i``;
    ``starts`` has one more entry, the original length, so ``span(i, j)`` works for ``j == len``.
    """

    text: str
    starts: array
    base: int = 0

    def orig(self, i: int) -> int:
        return self.starts[i]

    def span(self, original: str, i: int, j: int) -> Span:
        """The original span behind folded ``[i, j)`` (``original`` is the whole input text)."""
        start = self.starts[i]
        end = self.starts[j] if j < len(self.starts) else self.starts[-1]
        # Extend ``end`` to cover the whole source character of folded char j-1.
        if j > i:
            end = max(end, self.starts[j - 1] + 1)
        return Span(start, end, original[start:end])


def fold(text: str, base: int = 0) -> Folded:
    """Fold ``text`` (which starts at offset ``base`` of the input) keeping the offset map."""
    pieces: list[str] = []
    starts = array("q")
    for i, c in enumerate(text):
        f = fold_char(c)
        pieces.append(f)
        for _ in f:
            starts.append(base + i)
    starts.append(base + len(text))
    return Folded("".join(pieces), starts, base)


# Sentence ends: . ! ? … then space and a capital, a digit or an opening quote; or a blank line.
_ABBREV = re.compile(
    r"(?:\b(?:inc|corp|co|ltd|llc|plc|st|dr|mr|mrs|ms|m|mm|no|vs|etc|approx|jan|feb|mar|apr|jun|jul|aug|"
    r"sep|sept|oct|nov|dec|av|env|cf|p|e\.g|i\.e|u\.s|u\.k|u\.s\.a)\.|\b[A-Z]\.)$",
    re.IGNORECASE,
)
_SENT_END = re.compile(
    r"[.!?…]{1,8}[»”\"')\]]{0,4}(?=\s{1,40}[«“\"'(\[]?[A-ZÀ-ÖØ-Þ0-9])|\n[^\S\n]{0,40}\n|\n(?=[^\S\n]{0,40}[A-ZÀ-ÖØ-Þ«“\"-])"
)
_CLAUSE_END = re.compile(r";\s+")
#: A clause longer than this is cut at commas, so patterns stay fast on text with no full stops.
MAX_CLAUSE = 1500


def clauses(text: str) -> list[Span]:
    """Split ``text`` into sentences and the sentences at semicolons; each span stripped of spaces."""
    out: list[Span] = []
    start = 0
    bounds: list[int] = []
    for m in _SENT_END.finditer(text):
        end = m.end()
        if m.group(0)[:1] == "." and _ABBREV.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue
        bounds.append(end)
    bounds.append(len(text))
    for end in bounds:
        sentence = (start, end)
        start = end
        s0 = sentence[0]
        for m in _CLAUSE_END.finditer(text, sentence[0], sentence[1]):
            _add(text, s0, m.start() + 1, out)
            s0 = m.end()
        _add(text, s0, sentence[1], out)
    return out


def _blank(c: str) -> bool:
    return c.isspace() or c == "\ufeff"  # a byte-order mark is no text


def _add(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and _blank(text[start]):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if text[end - 1] == ";":
        end -= 1
    while end - start > MAX_CLAUSE:
        cut = text.rfind(",", start, start + MAX_CLAUSE)
        if cut <= start:
            cut = text.rfind(" ", start, start + MAX_CLAUSE)
        if cut <= start:
            cut = start + MAX_CLAUSE
        out.append(Span(start, cut, text[start:cut]))
        start = cut + 1
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Span(start, end, text[start:end]))


_FR_WORDS = frozenset(
    "le la les des du de et est une un qui dans pour avec sur au aux ce cette ses son sa par pas "
    "plus ont été être avoir elle il a".split()
)
_EN_WORDS = frozenset(
    "the and of to in is a an for with on that by its from has have was were be been will it as at "
    "which this said".split()
)


def detect_language(text: str) -> tuple[str, str]:
    """``("fr"|"en", why)`` from counts of common French and English words in the first 20,000 characters."""
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].casefold())
    fr = sum(1 for w in words if w in _FR_WORDS)
    en = sum(1 for w in words if w in _EN_WORDS)
    lang = "fr" if fr >= en else "en"
    return lang, f"detected: {fr} common French words, {en} common English words"


def first_words(text: str, limit: int = 90) -> str:
    """A title from the opening words: the first sentence, cut at a word boundary near ``limit``."""
    parts = clauses(text[:2000])
    first = parts[0].quote if parts else text.strip()
    first = " ".join(first.split())
    if len(first) > limit:
        cut = first.rfind(" ", 0, limit)
        first = first[: cut if cut > 20 else limit]
    return first.rstrip(" ,;:.")
