"""Clause-level relation finding: anaphora, masking, subjects, pattern matches.

For each clause: the actor mentions are completed with anaphors ("la société", "elle", "the
company" refer to the current topic, the subject of the latest clause that had one; "lui"
refers to the nearest actor before it), appositions of one actor are merged ("OpenAI, le
créateur de ChatGPT," and "Amazon Web Services (AWS)" are one mention), the clause is masked
(see :mod:`graph.extract.patterns`) and every pattern of the text's language is run on it.
Each match gives one :class:`Hit` per pair of list members.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .model import ActorRef, Mention, Span
from .patterns import (
    ANAPHOR,
    DEFINITIVE,
    ENDED,
    GOVERNED,
    LIST,
    LOI,
    OBJECT_PRONOUN,
    PATTERNS,
    RELATIVE,
    REPORTED,
    Pattern,
)
from .text import fold, fold_char

TOKEN = re.compile("\ue001(\\d+)\ue000")
_LIST = re.compile(LIST)
_APPOSITION = re.compile(r"^[\s,()\[\]–—-]*$")


@dataclass(frozen=True)
class Hit:
    """One relation one pattern found in one clause, before values, dates and merging."""

    pattern: Pattern
    actor: Mention
    counterparty: Mention
    clause: Span
    match: Span
    list_size: int
    status: str  # "announced", "ended", "letter-of-intent", "reported", "definitive"


@dataclass
class Masked:
    """A clause folded with its mentions replaced by tokens, and the map back to the text."""

    text: str
    starts: list[int]
    ends: list[int]
    mentions: list[Mention]

    def span(self, original: str, i: int, j: int) -> Span:
        s, e = self.starts[i], self.ends[max(i, j - 1)]
        return Span(s, e, original[s:e])


def _named(m: Mention) -> bool:
    return m.kind != "anaphor"


def _governed(folded_before: str) -> bool:
    return bool(GOVERNED.search(folded_before[-30:]))


def _folded_before(folded, offset: int, width: int = 30) -> str:
    """The folded text just before original ``offset`` (``folded`` maps folded to original offsets)."""
    i = bisect.bisect_left(folded.starts, offset, 0, len(folded.starts) - 1)
    return folded.text[max(0, i - width) : i]


def add_anaphors(text: str, clause: Span, mentions: list[Mention], topic: Mention | None) -> list[Mention]:
    """``mentions`` of the clause plus its resolved anaphors, in text order."""
    folded = fold(clause.quote, clause.start)
    found: list[Mention] = []
    taken = [(m.span.start, m.span.end) for m in mentions]
    for regex, kind in ((ANAPHOR, "topic"), (OBJECT_PRONOUN, "object")):
        for m in regex.finditer(folded.text):
            span = folded.span(text, m.start(), m.end())
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            before = [x for x in mentions if _named(x) and x.span.end <= span.start]
            referent, why = None, ""
            if kind == "object" and before:
                referent, why = before[-1], "the nearest actor before it"
            elif kind == "topic":
                subjects = [x for x in before if not _governed(_folded_before(folded, x.span.start))]
                if subjects:
                    referent, why = subjects[0], "the subject earlier in the sentence"
            if referent is None and topic is not None:
                referent, why = topic, "the topic, subject of an earlier clause"
            if referent is None:
                continue
            via = f"«{span.quote}» taken as {referent.actor.label}: {why}"
            found.append(Mention(span, referent.actor, "anaphor", via))
            taken.append((span.start, span.end))
    return sorted(mentions + found, key=lambda m: m.span.start)


def mask(text: str, clause: Span, mentions: list[Mention]) -> Masked:
    """Fold the clause and replace each mention (appositions merged) by a token."""
    merged: list[tuple[int, int, Mention]] = []
    for m in sorted(mentions, key=lambda x: (x.span.start, -x.span.end)):
        if merged and m.span.start < merged[-1][1]:
            continue  # overlaps the previous one
        if merged:
            s, e, prev = merged[-1]
            between = text[e : m.span.start]
            if prev.actor.key == m.actor.key and _APPOSITION.match(between) and m.kind != "anaphor":
                # "Amazon Web Services (AWS)": one mention, the token covers the closing bracket too
                end = m.span.end
                if text[end : end + 1] in (")", "]") and ("(" in between or "[" in between):
                    end += 1
                merged[-1] = (s, end, prev)
                continue
        merged.append((m.span.start, m.span.end, m))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = clause.start
    kept: list[Mention] = []
    for s, e, m in merged:
        for k in range(pos, s):
            f = fold_char(text[k]).replace("\ue001", " ").replace("\ue000", " ")
            pieces.append(f)
            starts.extend([k] * len(f))
            ends.extend([k + 1] * len(f))
        token = f"\ue001{len(kept)}\ue000"
        kept.append(m)
        pieces.append(token)
        starts.extend([s] * len(token))
        ends.extend([e] * len(token))
        pos = e
    for k in range(pos, clause.end):
        f = fold_char(text[k]).replace("\ue001", " ").replace("\ue000", " ")
        pieces.append(f)
        starts.extend([k] * len(f))
        ends.extend([k + 1] * len(f))
    return Masked("".join(pieces), starts, ends, kept)


def _units(masked: Masked) -> list[tuple[int, int, list[int]]]:
    return [(m.start(), m.end(), [int(x) for x in TOKEN.findall(m.group(0))]) for m in _LIST.finditer(masked.text)]


def subject_before(masked: Masked, pos: int, avoid: tuple[int, int] | None = None) -> list[int] | None:
    """The clause's subject for a trigger at ``pos``: the nearest actor list before it that no
    preposition governs, skipping relative clauses closed before ``pos``."""
    relatives = [(m.start(), m.end()) for m in RELATIVE.finditer(masked.text) if m.end() <= pos]
    for s, e, members in reversed(_units(masked)):
        if e > pos or (avoid and s < avoid[1] and avoid[0] < e):
            continue
        if any(rs <= s and e <= re_ for rs, re_ in relatives):
            continue
        if _governed(masked.text[max(0, s - 30) : s]):
            continue
        return members
    return None


def clause_subject(masked: Masked) -> Mention | None:
    """The first actor of the clause that no preposition governs (it becomes the topic)."""
    relatives = [(m.start(), m.end()) for m in RELATIVE.finditer(masked.text)]
    for s, e, members in _units(masked):
        if any(rs <= s and e <= re_ for rs, re_ in relatives):
            continue
        if not _governed(masked.text[max(0, s - 30) : s]):
            return masked.mentions[members[0]]
    return None


def _status(prefix: str, clause_text: str) -> str:
    if ENDED.search(prefix):
        return "ended"
    if LOI.search(clause_text):
        return "letter-of-intent"
    if REPORTED.search(clause_text):
        return "reported"
    if DEFINITIVE.search(clause_text):
        return "definitive"
    return "announced"


def match_clause(text: str, clause: Span, masked: Masked, lang: str) -> list[Hit]:
    """Run the language's patterns over one masked clause."""
    hits: list[Hit] = []
    for pat in PATTERNS:
        if pat.lang != lang or (pat.needs is not None and not pat.needs.search(masked.text)):
            continue
        for m in pat.regex.finditer(masked.text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            span = masked.span(text, m.start(), m.end())
            status = _status(masked.text[: m.end()], masked.text)
            if "pair" in groups:
                members = [int(x) for x in TOKEN.findall(groups["pair"])]
                for i, x in enumerate(members):
                    for y in members[i + 1 :]:
                        _add_hit(hits, pat, masked, x, y, clause, span, len(members) - 1, status)
                continue
            c_members = [int(x) for x in TOKEN.findall(groups.get("c", ""))]
            if "a" in groups:
                a_members = [int(x) for x in TOKEN.findall(groups["a"])]
            else:
                avoid = (m.start("c"), m.end("c")) if "c" in groups else None
                a_members = subject_before(masked, m.start(), avoid) or []
            pairs = [
                (a, c)
                for a in a_members
                for c in c_members
                if masked.mentions[a].actor.key != masked.mentions[c].actor.key
            ]
            # a list's size counts the members that make a relation (not one with itself)
            size = max(len({a for a, _ in pairs}), len({c for _, c in pairs}), 1)
            for a, c in pairs:
                _add_hit(hits, pat, masked, a, c, clause, span, size, status)
    return hits


def _add_hit(hits, pat, masked, a, c, clause, span, size, status) -> None:
    ma, mc = masked.mentions[a], masked.mentions[c]
    if ma.actor.key == mc.actor.key:
        return
    hits.append(Hit(pat, ma, mc, clause, span, size, status))


def find_hits(
    text: str,
    clauses: list[Span],
    mentions: list[Mention],
    lang: str,
    trigger: re.Pattern[str],
) -> list[Hit]:
    """Every hit in the text, clause by clause, tracking the topic for anaphors."""
    by_clause: dict[int, list[Mention]] = {i: [] for i in range(len(clauses))}
    starts = [c.start for c in clauses]
    for m in mentions:
        i = bisect.bisect_right(starts, m.span.start) - 1
        if i >= 0 and m.span.end <= clauses[i].end:
            by_clause[i].append(m)
    hits: list[Hit] = []
    topic: Mention | None = None
    for i, clause in enumerate(clauses):
        own = by_clause[i]
        if not own and topic is None:
            continue
        full = add_anaphors(text, clause, own, topic)
        if not full:
            continue
        masked = mask(text, clause, full)
        if len(masked.mentions) >= 2 and trigger.search(masked.text):
            hits.extend(match_clause(text, clause, masked, lang))
        subject = clause_subject(masked)
        if subject is not None:
            topic = subject if subject.kind != "anaphor" else Mention(subject.span, subject.actor, "label")
    return hits


def new_actor_ref(label: str, found_by: str) -> ActorRef:
    return ActorRef(label=label, iri=None, found_by=found_by)
