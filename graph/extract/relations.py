"""Clause-level relation finding: anaphora, masking, subjects, pattern matches.

For each clause: the actor mentions are completed with anaphors ("la société", "elle", "the
company" refer to the current topic, the subject of the latest clause that had one; "lui"
refers to the nearest actor before it), with descriptions by class ("le fabricant de puces",
"the cloud provider": the latest actor of that class named before, not one the clause names
after it), and with unnamed parties the text identifies later ("a frontier AI model developer
... Bloomberg identified the customer as Anthropic"). Appositions of one actor are merged
("OpenAI, le créateur de ChatGPT," and "Amazon Web Services (AWS)" are one mention), the clause
is masked (see :mod:`graph.extract.patterns`) and every pattern of the text's language is run on
it; French clauses parsed by spaCy are also read through their dependency tree
(:mod:`graph.extract.syntax`). Each match gives one :class:`Hit` per pair of list members.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import syntax
from .lexicon import CLASS_DESCRIPTION, IDENTIFIED, UNNAMED
from .model import ActorRef, Mention, Span
from .patterns import (
    ANAPHOR,
    DEFINITIVE,
    ENDED,
    GOVERNED,
    LIST,
    LOI,
    MATCH_FROM_ACTOR,
    NEGATED,
    NEGATED_AFTER,
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


#: Patterns of readings from the parse are not regular expressions.
_NEVER = re.compile(r"(?!x)x")


def _named(m: Mention) -> bool:
    return m.kind != "anaphor"


def _governed(folded_before: str) -> bool:
    return bool(GOVERNED.search(folded_before[-30:]))


def _folded_before(folded, offset: int, width: int = 30) -> str:
    """The folded text just before original ``offset`` (``folded`` maps folded to original offsets)."""
    i = bisect.bisect_left(folded.starts, offset, 0, len(folded.starts) - 1)
    return folded.text[max(0, i - width) : i]


def add_descriptions(
    text: str, clause: Span, mentions: list[Mention], history: list[Mention], classes: dict[str, frozenset[str]]
) -> list[Mention]:
    """Descriptions by class in the clause, each resolved to the latest actor of that class named
    before it (earlier in the clause or in an earlier clause), skipping an actor the clause names
    after the description: "Nvidia ... Intel ... The chipmaker holds 4% of Intel" is Nvidia."""
    folded = fold(clause.quote, clause.start)
    taken = [(m.span.start, m.span.end) for m in mentions]
    found: list[Mention] = []
    for m in CLASS_DESCRIPTION.finditer(folded.text):
        span = folded.span(text, m.start(), m.end())
        if any(span.start < e and s < span.end for s, e in taken):
            continue
        cls = next(k for k, v in m.groupdict().items() if v is not None)
        after = {x.actor.key for x in mentions if x.span.start >= span.end}
        before = [x for x in history + mentions if _named(x) and x.span.end <= span.start and x.actor.iri]
        referent = next(
            (x for x in reversed(before) if cls in classes.get(x.actor.iri or "", ()) and x.actor.key not in after),
            None,
        )
        if referent is None:
            continue
        via = f"«{span.quote}» taken as {referent.actor.label}: the latest {cls} named before it"
        found.append(Mention(span, referent.actor, "anaphor", via))
        taken.append((span.start, span.end))
    return sorted(mentions + found, key=lambda x: x.span.start)


def identify_unnamed(text: str, clauses: list[Span], by_clause: dict[int, list[Mention]]) -> None:
    """Unnamed parties the text names later, added to ``by_clause`` as resolved mentions.

    "Akamai signed an agreement with a frontier AI model developer. Bloomberg identified the
    customer as Anthropic": the indefinite description in an earlier clause (up to three back)
    becomes a mention of Anthropic, its note quoting the identifying words.
    """
    for i, clause in enumerate(clauses):
        folded = fold(clause.quote, clause.start)
        for m in by_clause.get(i, []):
            if not _named(m):
                continue
            k = bisect.bisect_left(folded.starts, m.span.start, 0, len(folded.starts) - 1)
            if not IDENTIFIED.search(folded.text[max(0, k - 60) : k]):
                continue
            for j in range(i - 1, max(-1, i - 4), -1):
                prev = clauses[j]
                pf = fold(prev.quote, prev.start)
                hits = list(UNNAMED.finditer(pf.text))
                taken = [(x.span.start, x.span.end) for x in by_clause.get(j, [])]
                hits = [h for h in hits if not any(
                    pf.span(text, h.start(), h.end()).start < e and s < pf.span(text, h.start(), h.end()).end
                    for s, e in taken
                )]  # fmt: skip
                if not hits:
                    continue
                h = hits[-1]
                span = pf.span(text, h.start(), h.end())
                said = clause.quote.strip()
                via = f"«{span.quote}» taken as {m.actor.label}: the text identifies it later («{said}»)"
                reported = bool(REPORTED.search(folded.text))
                by_clause.setdefault(j, []).append(Mention(span, m.actor, "anaphor", via, reported, clause))
                by_clause[j].sort(key=lambda x: x.span.start)
                break


_QUOTE = re.compile(r"[«“\"]([^«»“”\"]{3,500}?)[»”\"]")
_SPEECH = (
    r"(?:said|says|told|added|announced|wrote|stated|explained|declared|a declare|ont declare|a annonce|"
    r"ont annonce|a indique|ont indique|a affirme|ont affirme|a explique|a precise|a souligne|a assure|a ajoute|"
    r"declare|annonce|indique|affirme|explique|precise|souligne|assure|ajoute)"
)
#: A person speaking for the company: «le patron d'OpenAI», "OpenAI chief executive Sam Altman".
_ROLE = (
    r"(?:patron|patronne|directeur general|directrice generale|pdg|president|presidente|porte-parole|fondateur|"
    r"cofondateur|dirigeant|dirigeante|responsable|chief executive(?: officer)?|ceo|chairman|chairwoman|"
    r"spokes(?:man|woman|person)|executive|co-founder|founder|head|chief financial officer|cfo)"
)
#: Between the closing quote and its speaker: «..., a déclaré Amazon», «...," Nvidia said», «..., a
#: déclaré Sam Altman, le patron d'OpenAI», '..., Sam Altman, OpenAI's chief executive, said'.
_SPEAKER_BEFORE = re.compile(
    rf"^[\s,]*(?:{_SPEECH}\s+(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|ce \w+)\s+)?)?"
    rf"(?:(?:[a-z.'-]+\s+){{0,3}}?(?:[a-z.'-]+\s*,\s*)?(?:le |la |l'|the )?{_ROLE}\s+(?:de |d'|du |of |at )?)?"
    rf"(?:(?:[a-z.'-]+\s+){{1,3}}?[a-z.'-]+\s*,\s*)?(?:le |la |l')?$"
)
_SPEAKER_AFTER = re.compile(
    rf"^(?:'s)?\s*(?:,\s*)?(?:(?:{_ROLE})(?:\s+[a-z.'-]+){{0,3}}?\s*,?\s+)?(?:(?:also |has |had )?{_SPEECH})\b"
)
#: First-person plural in a quote: the company speaking ("We will invest", «Nous allons investir»).
_WE = re.compile(r"\b(?:we|nous)\b", re.IGNORECASE)


def quote_speakers(text: str, mentions: list[Mention]) -> list[Mention]:
    """"We" and «nous» inside a quote, resolved to the actor the text names as its speaker right
    after it ("«Nous allons investir ...», a annoncé Amazon"; '"We will invest ...," Nvidia said')."""
    named = sorted((m for m in mentions if _named(m)), key=lambda m: m.span.start)
    starts = [m.span.start for m in named]
    found: list[Mention] = []
    for q in _QUOTE.finditer(text):
        k = bisect.bisect_left(starts, q.end())
        m = named[k] if k < len(named) else None
        if m is None or m.span.start > q.end() + 60:
            continue
        between = fold(text[q.end() : m.span.start]).text
        if not _SPEAKER_BEFORE.match(between):
            continue
        if not re.search(_SPEECH, between) and not _SPEAKER_AFTER.match(fold(text[m.span.end : m.span.end + 40]).text):
            continue
        speaker = m
        inside = named[bisect.bisect_left(starts, q.start(1)) : bisect.bisect_left(starts, q.end(1))]
        for w in _WE.finditer(text, q.start(1), q.end(1)):
            if any(w.start() < x.span.end and x.span.start < w.end() for x in inside):
                continue
            span = Span(w.start(), w.end(), w.group(0))
            via = f"«{w.group(0)}» taken as {speaker.actor.label}: the speaker of the quote"
            found.append(Mention(span, speaker.actor, "anaphor", via))
    return found


def add_anaphors(
    text: str, clause: Span, mentions: list[Mention], topic: Mention | None, history: list[Mention] | None = None
) -> list[Mention]:
    """``mentions`` of the clause plus its resolved anaphors, in text order.

    An anaphor governed by a preposition ("invest ... in the startup", «dans la start-up») that would
    resolve to an actor the clause already names before it is taken as the latest other actor named
    before (``history``): a company does not invest in itself."""
    folded = fold(clause.quote, clause.start)
    found: list[Mention] = []
    taken = [(m.span.start, m.span.end) for m in mentions]
    for regex, kind in ((ANAPHOR, "topic"), (OBJECT_PRONOUN, "object")):
        for m in regex.finditer(folded.text):
            span = folded.span(text, m.start(), m.end())
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            if span.quote == "IT":
                continue  # "245 megawatts of IT capacity": information technology, no pronoun
            before = [x for x in mentions if _named(x) and x.span.end <= span.start]
            referent, why = None, ""
            if kind == "object" and before:
                referent, why = before[-1], "the nearest actor before it"
                if len(before) > 1 and not _governed(_folded_before(folded, referent.span.start)):
                    # «que Nvidia s'est engagé à lui acheter»: «lui» is never the subject of its own
                    # verb (that would be «se»), so an ungoverned nearest actor is skipped
                    referent, why = before[-2], "the nearest actor before it that is not the verb's subject"
            elif kind == "topic":
                subjects = [x for x in before if not _governed(_folded_before(folded, x.span.start))]
                if subjects:
                    referent, why = subjects[0], "the subject earlier in the sentence"
            if referent is None and topic is not None:
                referent, why = topic, "the topic, subject of an earlier clause"
            if referent is None:
                continue
            ahead = sorted((x for x in mentions + found if x.span.end <= span.start), key=lambda x: x.span.start)
            earlier = {x.actor.key for x in ahead}
            subject = next((x for x in reversed(ahead) if not _governed(_folded_before(folded, x.span.start))), None)
            if (
                kind == "topic"
                and subject is not None
                and subject.actor.key == referent.actor.key
                and _governed(_folded_before(folded, span.start))
            ):
                if topic is not None and topic.actor.key not in earlier:
                    # "Anthropic will spend $100 billion on AWS. Amazon, which has invested $8 billion in the
                    # startup, ...": the topic of the text before, not the latest name
                    referent = topic
                    why = "the topic, subject of an earlier clause (the clause's subject is not its object)"
                else:
                    other = next((x for x in reversed(history or []) if x.actor.key not in earlier), None)
                    if other is None:
                        continue
                    referent = other
                    why = "the latest other actor named before (the clause's subject is not its object)"
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
    # a trigger inside a relative clause ("SB Energy, which will build ...", «Crusoe, qui construira ...»):
    # its subject is the name the relative pronoun follows, whatever governs that name
    opening = next(reversed(list(_RELATIVE_OPEN.finditer(masked.text[:pos]))), None)
    if (
        opening is not None
        and not re.search(r"[,;]", masked.text[opening.end() : pos])
        and not _DEAL_NOUN_BEFORE.search(masked.text[max(0, opening.start() - 40) : opening.start()])
    ):
        return [int(opening.group(1))]
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


#: A deal noun whose complement is the name: "its $22.5 billion investment in OpenAI, which is set to ...":
#: the relative pronoun is the deal's, not the name's.
_DEAL_NOUN_BEFORE = re.compile(
    r"\b(?:investments?|stakes?|deals?|contracts?|agreements?|commitments?|holdings?|orders?|investissements?|"
    r"participations?|contrats?|accords?|engagements?|commandes?)\s+(?:in|into|with|from|to|dans|avec|de|aupres de|"
    r"chez)\s+(?:the\s+|la\s+|le\s+|l')?$"
)
#: A name followed by a relative pronoun that is the subject of the relative clause.
_RELATIVE_OPEN = re.compile("\ue001(\\d+)\ue000\\s*,\\s*(?:which|who|that|qui)\\s+(?!(?:\\w+\\s+)?\ue001)")


def clause_subject(masked: Masked) -> Mention | None:
    """The first actor of the clause that no preposition governs (it becomes the topic)."""
    relatives = [(m.start(), m.end()) for m in RELATIVE.finditer(masked.text)]
    for s, e, members in _units(masked):
        if any(rs <= s and e <= re_ for rs, re_ in relatives):
            continue
        if not _governed(masked.text[max(0, s - 30) : s]):
            return masked.mentions[members[0]]
    return None


#: A name followed by a compute noun it qualifies ("Stargate data-center capacity").
_MODIFIER = re.compile(
    r"\s+(?:[A-Za-z0-9-]+\s+)?(?:data[- ]?cent(?:er|re)s?|capacity|compute|computing|campus|sites?)\b"
    r"(?!\s+(?:of|from)\b)",
    re.IGNORECASE,
)

_SEGMENT = re.compile(r",\s(?:and|et|while|whereas|tandis que|alors que|but|mais)\s|;\s")


def _segment(masked_text: str, start: int, end: int) -> tuple[int, int]:
    """The part of the clause a match lies in: between the coordinations (", and", ", tandis que")
    around it. "Nvidia is investing $30 billion, and SoftBank has signed a definitive agreement":
    the definitive agreement is SoftBank's."""
    lo, hi = 0, len(masked_text)
    for m in _SEGMENT.finditer(masked_text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


#: The deal's words followed by what became of it ("Nvidia's plan to invest $100 billion in OpenAI has
#: stalled", «le projet ... a été suspendu»): ended, though the words come after the relation.
_ENDED_AFTER = re.compile(
    r"^[^.;\ue001]{0,25}?\b(?:has|have|had|was|were|is|are|a|ont|est|sont)\s+(?:been\s+|ete\s+|now\s+)?"
    r"(?:stalled|put on hold|shelved|scrapped|halted|paused|dropped|abandoned|called off|suspendue?s?|"
    r"abandonnee?s?|mise? en pause|au point mort|annulee?s?|gele)\b"
)


def _negated(prefix: str) -> bool:
    """The relation's words are negated or denied (an ended tie, "no longer", is no negation)."""
    return bool(NEGATED.search(prefix)) and not ENDED.search(prefix)


def _status(prefix: str, clause_text: str, segment: str | None = None, after: str = "") -> str:
    """The status a clause states for a relation: ended, letter of intent, definitive (in the
    relation's own part of the clause), reported (anywhere in the clause), else announced."""
    own = segment if segment is not None else clause_text
    if ENDED.search(prefix) or _ENDED_AFTER.search(after):
        return "ended"
    if LOI.search(own):
        return "letter-of-intent"
    if REPORTED.search(clause_text):
        return "reported"
    if DEFINITIVE.search(own):
        return "definitive"
    return "announced"


def match_clause(
    text: str, clause: Span, masked: Masked, lang: str, classes: dict[str, frozenset[str]] | None = None
) -> list[Hit]:
    """Run the language's patterns over one masked clause.

    A pattern that needs a compute context (``needs``) also accepts a clause naming a cloud
    provider: a contract with a cloud provider is about compute.
    """
    hits: list[Hit] = []
    reported = any(m.reported for m in masked.mentions)
    plain = fold(clause.quote).text  # a context word may lie inside a mention ("le fournisseur de cloud")
    cloud = any("CloudProvider" in (classes or {}).get(m.actor.iri or "", ()) for m in masked.mentions)
    relatives = [(r.start(), r.end()) for r in RELATIVE.finditer(masked.text)]
    for pat in PATTERNS:
        if pat.lang != lang or (pat.needs is not None and not pat.needs.search(plain) and not cloud):
            continue
        for m in pat.regex.finditer(masked.text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            span = masked.span(text, m.start("a") if pat.name in MATCH_FROM_ACTOR else m.start(), m.end())
            lo, hi = _segment(masked.text, m.start(), m.end())
            if _negated(masked.text[lo : m.end()]) or NEGATED_AFTER.search(masked.text[m.end() : hi]):
                continue
            status = _status(masked.text[lo : m.end()], masked.text, masked.text[lo:hi], masked.text[m.end() : hi])
            if reported and status == "announced":
                status = "reported"
            if "pair" in groups:
                inside = next((r for r in relatives if r[0] <= m.start("pair") and m.end("pair") <= r[1]), None)
                if inside is not None and inside[1] <= m.end():
                    # "Meta, which already buys from CoreWeave and Nebius, signed ...": the pair belongs to
                    # the relative clause, the verb after it to the antecedent
                    continue
                members = [int(x) for x in TOKEN.findall(groups["pair"])]
                for i, x in enumerate(members):
                    for y in members[i + 1 :]:
                        _add_hit(hits, pat, masked, x, y, clause, span, len(members) - 1, status)
                continue
            c_members = _list_end(masked.text, [int(x) for x in TOKEN.findall(groups.get("c", ""))])
            gapped = _gapped(masked.text, c_members)
            if gapped and len(gapped) < len(c_members):
                # "Microsoft will invest up to $5 billion in Anthropic and Nvidia up to $10 billion": a list
                # member followed by its own amount is the subject of the same verb, not another target
                c_members = [c for c in c_members if c not in gapped]
                for g in gapped:
                    # its own words: the name and the amount after it
                    gm = masked.mentions[g].span
                    own = Span(gm.start, min(clause.end, gm.end + 40), text[gm.start : min(clause.end, gm.end + 40)])
                    for c in c_members:
                        _add_hit(hits, pat, masked, g, c, clause, own, 1, status)
            if "a" in groups:
                a_members = [int(x) for x in TOKEN.findall(groups["a"])]
                closed = next((r for r in relatives if r[0] <= m.start("a") and m.end("a") <= r[1] < m.end()), None)
                if closed is not None:
                    # "Microsoft, which already buys from Nebius, signed a deal with IREN": the verb after
                    # the relative clause is its antecedent's
                    a_members = subject_before(masked, closed[0]) or []
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
            keys = masked.mentions
            size = max(len({keys[a].actor.key for a, _ in pairs}), len({keys[c].actor.key for _, c in pairs}), 1)
            for a, c in pairs:
                _add_hit(hits, pat, masked, a, c, clause, span, size, status)
    return hits


#: What follows a gapped subject: its own amount ("and Nvidia up to $10 billion", «et Nvidia jusqu'à 10
#: milliards»).
_GAPPED_AFTER = re.compile(
    r"^\s?,?\s?(?:(?:up to|as much as|jusqu'a|about|around|environ|plus de|more than|another|a further|"
    r"pour)\s)?(?:us)?[$€]?\s?\d"
)


def _gapped_spans(masked: Masked) -> set[tuple[int, int]]:
    """The mentions a clause names right after another with «et»/"and" and then an amount of their own:
    gapped subjects ("... dans Anthropic et Nvidia jusqu'à 10 milliards")."""
    out = set()
    for m in re.finditer("\ue001(\\d+)\ue000\\s?,?\\s(?:et|and)\\s\ue001(\\d+)\ue000", masked.text):
        if _GAPPED_AFTER.match(masked.text[m.end() : m.end() + 30]):
            sp = masked.mentions[int(m.group(2))].span
            out.add((sp.start, sp.end))
    return out


#: A verb right after a name: that name opens the next clause ("..., which has poured $13 billion into
#: OpenAI, Amazon has backed ...").
_VERB_AFTER = re.compile(
    r"^\s+(?:has|have|had|is|are|was|were|will|would|said|says|plans|also|a|ont|avait|est|sont|va|vont|sera|"
    r"seront|n'|ne)\b"
)


def _list_end(masked_text: str, members: list[int]) -> list[int]:
    """A list joined by commas only ends before a member followed by a verb: that member is the subject
    of the next clause, not one more party."""
    while len(members) > 1:
        prev, last = f"\ue001{members[-2]}\ue000", f"\ue001{members[-1]}\ue000"
        a, b = masked_text.find(prev), masked_text.find(last)
        if a < 0 or b < 0 or re.search(r"\b(?:and|or|et|ou)\b", masked_text[a:b]):
            break
        after = masked_text[b + len(last) : b + len(last) + 20]
        # "in Anthropic, OpenAI's main rival": a possessive after a comma is an apposition, no member
        if not _VERB_AFTER.match(after) and not re.match(r"^(?:'s|')\s", after):
            break
        members = members[:-1]
    return members


def _gapped(masked_text: str, members: list[int]) -> list[int]:
    """The list members after the first that are followed by an amount of their own (gapping)."""
    out = []
    for c in members[1:]:
        tok = f"\ue001{c}\ue000"
        at = masked_text.find(tok)
        if at >= 0 and _GAPPED_AFTER.match(masked_text[at + len(tok) : at + len(tok) + 30]):
            out.append(c)
    return out


def _add_hit(hits, pat, masked, a, c, clause, span, size, status) -> None:
    ma, mc = masked.mentions[a], masked.mentions[c]
    if ma.actor.key == mc.actor.key:
        return
    hits.append(Hit(pat, ma, mc, clause, span, size, status))


_PRONOUN = re.compile(r"^(?:lui|leur|elle|il|elles|ils|it|they|them|y|en)$", re.IGNORECASE)
#: Articles and contracted prepositions that open a description: kept as written ("du fabricant de
#: puces" stays "du Raaaa..."), so that the parse still sees the preposition.
_LEADING = re.compile(r"^(?:(?:du|de la|des|de|d'|au|aux|à la|le|la|les|l'|the)\s?)+", re.IGNORECASE)


def placeholder_text(clause: Span, mentions: list[Mention]) -> str:
    """The clause with each mention (but pronouns) replaced by a made-up proper name of the same
    length ("Raaaaa négocierait avec Raaa un contrat"): the tagger reads "Meta", "Oracle" or "le
    fabricant de puces" as common words or verbs and the parse goes wrong; the offsets stay those
    of the text."""
    chars = list(clause.quote)
    for m in mentions:
        if _PRONOUN.match(m.span.quote.strip()):
            continue
        s, e = m.span.start - clause.start, m.span.end - clause.start
        lead = _LEADING.match(m.span.quote.replace("’", "'"))
        if lead and lead.end() < e - s:
            s += lead.end()
        if s < 0 or e > len(chars) or e <= s:
            continue
        chars[s:e] = ["R"] + ["a"] * (e - s - 1)
    return "".join(chars)


def parse_hits(
    text: str, clause: Span, masked: Masked, mentions: list[Mention], parse, classes: dict[str, frozenset[str]]
) -> list[Hit]:
    """Hits read from the dependency parse of a French clause (:mod:`graph.extract.syntax`).

    ``parse`` turns a string into a spaCy ``Doc`` (or returns ``None`` past its budget)."""
    doc = parse(placeholder_text(clause, mentions))
    if doc is None:
        return []
    fallback_members = subject_before(masked, len(masked.text))
    fallback = masked.mentions[fallback_members[0]] if fallback_members else None
    out = []
    reported = any(m.reported for m in masked.mentions)
    gapped = _gapped_spans(masked)
    for r in syntax.read(doc, clause, mentions, classes, fallback):
        if (r.counterparty.span.start, r.counterparty.span.end) in gapped:
            continue  # a gapped subject read as a second object of the verb
        pat = Pattern(f"fr-parse-{r.lemma}", "fr", r.rtype, _NEVER, r.direction, r.default)
        k = bisect.bisect_left(masked.starts, r.end) if masked.starts else 0
        k0 = bisect.bisect_left(masked.starts, r.start) if masked.starts else 0
        lo, hi = _segment(masked.text, k0, k)
        if (r.status is None and _negated(masked.text[lo:k])) or NEGATED_AFTER.search(masked.text[k:hi]):
            continue
        status = r.status or _status(masked.text[lo:k], masked.text, masked.text[lo:hi])
        if reported and status == "announced":
            status = "reported"
        out.append(Hit(pat, r.actor, r.counterparty, clause, Span(r.start, r.end, text[r.start : r.end]), 1, status))
    return out


def find_hits(
    text: str,
    clauses: list[Span],
    mentions: list[Mention],
    lang: str,
    trigger: re.Pattern[str],
    classes: dict[str, frozenset[str]] | None = None,
    parse=None,
    seen: dict[int, list[Mention]] | None = None,
) -> list[Hit]:
    """Every hit in the text, clause by clause, tracking the topic for anaphors.

    ``classes`` (each actor's classes) resolves descriptions by class; ``parse`` (a function from
    a string to spaCy's ``Doc``, for French) reads each clause's dependency tree too, through
    :func:`parse_hits`; ``seen``, when given, receives each clause's mentions once resolved.
    """
    classes = classes or {}
    by_clause: dict[int, list[Mention]] = {i: [] for i in range(len(clauses))}
    starts = [c.start for c in clauses]
    for m in mentions:
        i = bisect.bisect_right(starts, m.span.start) - 1
        if i >= 0 and m.span.end <= clauses[i].end:
            by_clause[i].append(m)
    identify_unnamed(text, clauses, by_clause)
    hits: list[Hit] = []
    topic: Mention | None = None
    history: list[Mention] = []
    for i, clause in enumerate(clauses):
        own = by_clause[i]
        if not own and topic is None and not history:
            continue
        full = add_descriptions(text, clause, own, history, classes) if classes else own
        full = add_anaphors(text, clause, full, topic, history)
        history.extend(m for m in own if _named(m))
        if seen is not None:
            seen[i] = full
        if not full:
            continue
        masked = mask(text, clause, full)
        if len(masked.mentions) >= 2 and trigger.search(masked.text):
            found = match_clause(text, clause, masked, lang, classes)
            if not found and lang == "en":
                # "4.5 gigawatts of additional Stargate data-center capacity to OpenAI": a name used
                # as a modifier of the capacity is no party, and its token would cut the pattern
                parties = [m for m in full if not _MODIFIER.match(text, m.span.end)]
                if 2 <= len(parties) < len(full):
                    found = match_clause(text, clause, mask(text, clause, parties), lang, classes)
            hits.extend(found)
            if parse is not None and lang == "fr":
                hits.extend(parse_hits(text, clause, masked, full, parse, classes))
        subject = clause_subject(masked)
        if subject is not None:
            topic = subject if subject.kind != "anaphor" else Mention(subject.span, subject.actor, "label")
    return hits


def new_actor_ref(label: str, found_by: str) -> ActorRef:
    return ActorRef(label=label, iri=None, found_by=found_by)
