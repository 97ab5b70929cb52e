"""From a text to candidate relations: the stages in order, and the rules that join them.

1. Language (``--lang`` or detected), publication date (a full day: relative dates need one).
2. Actors from the graph's names (:mod:`.gazetteer`); amounts (:mod:`.amounts`); dates, bounds
   and durations (:mod:`.temporal`); clauses (:mod:`.text`).
3. Relations per clause (:mod:`.relations`, :mod:`.patterns`), first with known actors only,
   then again with new organisations (:mod:`.ner`), keeping from that pass only relations with
   a new party.
4. Per clause, values and dates are attached:

   - an amount goes to the relation whose matched words are nearest to it (inside them counts as
     nearest); a relation whose side is a list of several actors gets no amount (the figure is a
     total for all of them), only a note; ``ownsStakeIn`` prefers a percentage, the others money,
     then capacity (GW, MW); valuations and revenue figures are never attached;
   - a duration goes the same way to the nearest relation;
   - a date applies to every relation of its clause: ``announced`` for a day, week, month or year
     on or before publication, ``validUntil`` instead when the text says the tie ended ("ne plus",
     "no longer"), ``validFrom``/``validUntil`` for "à partir de"/"jusqu'en", nothing for a future
     date; "avant la fin de 2026" is ``fullCapacityBy`` when the clause speaks of capacity or
     deployment, "2027 et au-delà" ``expansionFrom`` when it speaks of expansion;
     "immédiatement" makes ``validFrom`` the announcement date. Bounds with no date to record
     ("ces derniers mois") stay in the relation's date rule.

5. Relations with the same actor, type and counterparty are merged (evidence, values, dates).
   Subsidiaries: when one text names a parent as the party ("un accord avec Amazon") and its
   subsidiary as the provider of the same compute ("les services de calcul d'Amazon Web
   Services"), the two become one ``buysComputeFrom`` with the subsidiary as counterparty. The
   parent-subsidiary link comes from the graph, or from the names: a known actor whose name is
   another's plus a division word ("Amazon" + "Web Services", "Google" + "Cloud") is proposed as
   its subsidiary (``subsidiaryOf``, low confidence, pattern ``name-extension``).
6. Confidence: ``high`` when a pattern gives the direction explicitly and some clause names both
   sides (no pronoun), ``low`` when a side is a new organisation or the tie is inferred from
   names, ``medium`` otherwise.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..core.dates import parse_date
from ..core.errors import AikgError
from ..core.vocab import AIKG
from ..query.actors import normalise
from .amounts import find_amounts
from .gazetteer import Gazetteer
from .model import Amount, Candidate, Extraction, Mention, Party, Span, When
from .ner import Parser, find_new_organisations, parse_clauses, spacy_status
from .patterns import (
    BUY,
    CAPACITY_CONTEXT,
    DEAL_MENTION,
    DEFINITIVE,
    EXPANSION_CONTEXT,
    FIRST_DELIVERY,
    HEDGED,
    INVEST,
    LOI,
    NOT_CHIPMAKER_COUNTERPARTY,
    PARTNER,
    PROCURE,
    REPORTED,
    SAME_DEAL_OPENING,
    STAKE,
    START_CONTEXT,
    SUB,
    SUPPLY,
    TOTAL_NOT_MINE,
    TRIGGERS,
    Pattern,
)
from .relations import Hit, find_hits, quote_speakers
from .temporal import find_whens
from .text import clauses as split_clauses
from .text import detect_language, first_words, fold

LANGS = ("fr", "en", "auto")
_STATUS_ORDER = ("ended", "letter-of-intent", "reported", "definitive", "announced")
_DIVISIONS = frozenset(
    {"web services", "cloud", "cloud platform", "cloud infrastructure", "research", "energy", "capital",
     "ventures", "labs", "ai", "data centers", "datacenters"}
)  # fmt: skip
_VALUE_TYPES = {
    "money": {BUY, INVEST, PROCURE, SUPPLY, STAKE, PARTNER},
    "capacity": {BUY, PROCURE, SUPPLY, PARTNER},
    "percent": {STAKE},
    "shares": {STAKE},
}
_DURATION_TYPES = {BUY, PROCURE, SUPPLY, PARTNER, INVEST}


def check_published(published: str | None) -> dt.date:
    """The publication date as a day; a clear error when it is missing or not ``YYYY-MM-DD``."""
    if not published:
        raise AikgError(
            "--published DATE is required: the publication date (YYYY-MM-DD) against which "
            "relative dates such as «ce lundi» or «last week» are resolved"
        )
    # Bounded: a publication in year 1 or 9999 is a typo, and relative dates then step off the calendar.
    text, precision = parse_date(published, "--published", bounded=True)
    if precision != "day":
        raise AikgError(f"--published {published!r}: give a full day, YYYY-MM-DD (relative dates need one)")
    return dt.date.fromisoformat(text)


def extract(
    text: str,
    graph: Graph,
    *,
    published: str | None,
    lang: str = "auto",
    title: str | None = None,
    url: str | None = None,
    source_name: str | None = None,
    use_ner: bool = True,
    use_parser: bool = True,
) -> Extraction:
    """Find the candidate relations ``text`` states, with their evidence.

    Parameters
    ----------
    text
        The news text; offsets in the result count its code points.
    graph
        The loaded graph: its actors' names are the gazetteer, its subsidiaries help merging.
    published
        Publication date, ``YYYY-MM-DD``.
    lang
        ``"fr"``, ``"en"`` or ``"auto"`` (detected from common words).
    use_ner
        Look for organisations the graph does not know (spaCy for French when installed).
    use_parser
        Read French clauses through spaCy's dependency parse too (when installed).
    """
    pub = check_published(published)
    if lang not in LANGS:
        raise AikgError(f"--lang {lang!r}: expected one of {', '.join(LANGS)}")
    if lang == "auto":
        lang, lang_rule = detect_language(text)
    else:
        lang_rule = "given with --lang"
    folded = fold(text)
    gaz = Gazetteer(graph, lang)
    known = gaz.find(text, folded)
    known = sorted(known + quote_speakers(text, known), key=lambda m: m.span.start)
    clauses = split_clauses(text)
    amounts = find_amounts(text, folded, lang)
    whens = find_whens(text, folded, pub)
    trigger_clauses = [c for c in clauses if TRIGGERS.search(fold(c.quote).text)]
    parser = None
    parse_status = ""
    if lang == "fr" and use_parser:
        ok, why = spacy_status()
        if ok:
            parser = Parser()
            parse_status = "; French clauses also read from spaCy's dependency parse"
        else:
            parse_status = "; no dependency parse (" + why + ")"
    seen: dict[int, list[Mention]] = {}
    hits = find_hits(text, clauses, known, lang, TRIGGERS, gaz.classes, parser, seen)
    ner_status = "not run (--no-ner)"
    new_mentions: list[Mention] = []
    if use_ner:
        docs = parse_clauses(trigger_clauses) if parser is not None else None
        new_mentions, ner_status = find_new_organisations(text, trigger_clauses, lang, known, docs=docs)
        if new_mentions:
            more = find_hits(text, clauses, known + new_mentions, lang, TRIGGERS, gaz.classes, parser)
            hits += [h for h in more if h.actor.actor.new or h.counterparty.actor.new]
    hits = [t for t in (_tie_break(h, graph) for h in hits) if t is not None]
    hits = [h for h in hits if not (_located(text, h.actor, h.clause) or _located(text, h.counterparty, h.clause))]
    hits = _class_sense(hits, gaz.classes)
    hits = _contradictions(hits)
    hits = _venture_owner(text, hits, known + new_mentions, gaz.classes)
    hits = _prefer_known(hits)
    hits += _follow_on_hits(text, clauses, hits, seen, amounts, lang)
    per_clause = _clause_candidates(text, hits, amounts, whens, pub)
    _same_deal(text, clauses, per_clause, whens, pub)
    _continued_amounts(text, clauses, per_clause, amounts, seen)
    _deal_details(text, clauses, per_clause, amounts, whens)
    _status_next(text, clauses, per_clause, seen)
    candidates = _merge(per_clause)
    subs = _subsidiaries(graph)
    inferred = _name_extensions(known, clauses, gaz, subs)
    merged: set[tuple[str, str]] = set()
    candidates = _merge_subsidiaries(candidates, subs, merged)
    # a tie inferred from names is proposed only when the text relies on it (one deal names the parent as the
    # party and the subsidiary as the provider); two names in one text state no ownership
    candidates += [c for c in inferred if (c.actor.actor.iri, c.counterparty.actor.iri) in merged]
    _deal_wide(text, candidates, whens, pub)
    for c in candidates:
        _tidy(c)
        _resolve_now(c)
        _confidence(c)
    candidates.sort(key=lambda c: (c.evidence[0].start, c.rtype, c.actor.actor.label, c.counterparty.actor.label))
    notes = []
    if not known and not new_mentions:
        notes.append("no known actor in the text")
    return Extraction(
        text=text,
        lang=lang,
        lang_rule=lang_rule,
        published=pub.isoformat(),
        title=title or first_words(text),
        url=url,
        source_name=source_name,
        mentions=sorted(known + new_mentions, key=lambda m: m.span.start),
        amounts=amounts,
        whens=whens,
        candidates=candidates,
        ner_status=ner_status + parse_status,
        notes=notes,
    )


def _classes(graph: Graph, iri: str | None) -> set[URIRef]:
    return set(graph.objects(URIRef(iri), RDF.type)) if iri else set()


def _tie_break(h: Hit, graph: Graph) -> Hit | None:
    """Checks that need the actors' classes.

    A convention-direction compute deal of a cloud provider "with" another actor that is no cloud
    provider: the other is the customer. A chipmaker named before "capacity" names the chips, not
    the seller: no hit.
    """
    if h.pattern.name in NOT_CHIPMAKER_COUNTERPARTY and AIKG.Chipmaker in _classes(graph, h.counterparty.actor.iri):
        return None
    if h.pattern.name.endswith("-pair-develop-capacity"):
        cloud = [AIKG.CloudProvider in _classes(graph, m.actor.iri) for m in (h.actor, h.counterparty)]
        if cloud.count(True) != 1:
            # no cloud provider on one side only: two partners building capacity together
            return _swap(h, PARTNER, "neither side, or both, sell compute: a partnership")
    if not (h.pattern.default and h.pattern.rtype == BUY):
        return h
    if AIKG.CloudProvider in _classes(graph, h.actor.actor.iri) and AIKG.CloudProvider not in _classes(
        graph, h.counterparty.actor.iri
    ):
        return replace(h, actor=h.counterparty, counterparty=h.actor)
    return h


_CHIP_WORDS = re.compile(
    r"\b(?:puces?|processeurs?|accelerateurs?|gpus?|tpus?|cpus?|semi-?conducteurs?|chips?|processors?|accelerators?|"
    r"semiconductors?|superchips?|memoire|memory|hbm|trainium\w*|instinct|blackwell|rubin)\b"
)


def _swap(h: Hit, rtype: str, why: str, reverse: bool = False) -> Hit:
    pat = replace(h.pattern, rtype=rtype, direction=h.pattern.direction + "; " + why)
    if reverse:
        return replace(h, pattern=pat, actor=h.counterparty, counterparty=h.actor)
    return replace(h, pattern=pat)


def _class_sense(hits: list[Hit], classes: dict[str, frozenset[str]]) -> list[Hit]:
    """Types that the actors' classes contradict, corrected and said so.

    A cloud provider does not sell chips: chips "from" a cloud provider are rented compute
    (``procuresChipsFrom`` becomes ``buysComputeFrom``). A chipmaker that is no cloud provider
    sells chips, not compute, when the clause speaks of chips. When one clause gives the same two
    actors both a compute and a chip purchase, the class and the words decide which one it is.
    """

    def cls(m: Mention) -> frozenset[str]:
        return classes.get(m.actor.iri or "", frozenset())

    out: list[Hit] = []
    for h in hits:
        seller_cls = cls(h.counterparty)
        if h.pattern.rtype == PROCURE and (
            ("CloudProvider" in seller_cls and "Chipmaker" not in seller_cls) or _cloud_name(h.counterparty)
        ):
            h = _swap(h, BUY, "a cloud provider's chips are rented compute: buys compute from it")
        elif h.pattern.rtype == SUPPLY and (
            ("CloudProvider" in cls(h.actor) and "Chipmaker" not in cls(h.actor)) or _cloud_name(h.actor)
        ):
            h = _swap(h, BUY, "a cloud provider supplies compute: the customer buys compute from it", reverse=True)
        elif (
            h.pattern.rtype == BUY
            and "Chipmaker" in seller_cls
            and "CloudProvider" not in seller_cls
            and _CHIP_WORDS.search(fold(h.clause.quote).text)
        ):
            h = _swap(h, PROCURE, "a chipmaker named with chips sells chips: procures chips from it")
        elif (
            h.pattern.rtype == BUY
            and "CloudProvider" not in seller_cls
            and not _cloud_name(h.counterparty)
            and _own_chip_capacity(h)
        ):
            h = _swap(h, PROCURE, "capacity of chips from a seller that is no cloud provider: procures chips from it")
        out.append(h)
    # one clause, one pair, compute and chips: keep chips when the clause names chips and the
    # seller is no cloud provider (and its name does not say cloud), else compute
    by_pair: dict[tuple, set[str]] = {}
    for h in out:
        by_pair.setdefault((h.clause, h.actor.actor.key, h.counterparty.actor.key), set()).add(h.pattern.rtype)
    # a chipmaker named on the chips of capacity rented from someone else is the brand, not the
    # seller: "louer des processeurs graphiques Nvidia sur le cloud d'Oracle"
    renters = {
        (h.clause, h.actor.actor.key) for h in out if h.pattern.rtype == BUY and "Chipmaker" not in cls(h.counterparty)
    }
    out = [
        h
        for h in out
        if not (
            h.pattern.rtype == PROCURE
            and (h.clause, h.actor.actor.key) in renters
            and _names_chips(h.counterparty, h.clause)
        )
    ]
    kept = []
    for h in out:
        types = by_pair[(h.clause, h.actor.actor.key, h.counterparty.actor.key)]
        if {BUY, PROCURE} <= types and h.pattern.rtype in (BUY, PROCURE):
            chips = bool(_CHIP_WORDS.search(fold(h.clause.quote).text))
            cloudy = "CloudProvider" in cls(h.counterparty) or _cloud_name(h.counterparty)
            want = PROCURE if chips and not cloudy else BUY
            if h.pattern.rtype != want:
                continue
        kept.append(h)
    return kept


_CHIP_CAPACITY = re.compile(
    r"(?:^|[^\w\s]\s*|\b[a-z][\w-]*\s+)(?:trainium\w*|tpus?|inferentia|gpus?|chips?|puces?|processeurs?)\s+"
    r"(?:capacity|compute|capacite|capacites)\b"
)


def _chip_direction(h: Hit) -> tuple[str, str] | None:
    """(supplier, buyer) of a chip hit, or None."""
    if h.pattern.rtype == SUPPLY:
        return h.actor.actor.key, h.counterparty.actor.key
    if h.pattern.rtype == PROCURE:
        return h.counterparty.actor.key, h.actor.actor.key
    return None


def _contradictions(hits: list[Hit]) -> list[Hit]:
    """Chips going both ways between the same two actors in one clause: the dependency parse decides
    («AMD fournira 6 gigawatts de processeurs graphiques à OpenAI»: the verb «fournir» makes AMD the
    supplier, not the capacity words read as a purchase «gigawatts de ... à OpenAI»)."""
    by_clause: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        if _chip_direction(h) is not None:
            by_clause.setdefault((h.clause.start, h.clause.end), []).append(h)
    drop: set[int] = set()
    for group in by_clause.values():
        ways = {_chip_direction(h) for h in group}
        for sup, buy in ways:
            if (buy, sup) not in ways or sup > buy:
                continue
            parsed = {_chip_direction(h) for h in group if h.pattern.name.startswith("fr-parse-")}
            keep = parsed if len(parsed & {(sup, buy), (buy, sup)}) == 1 else None
            if keep is None:
                continue
            drop |= {id(h) for h in group if _chip_direction(h) in {(sup, buy), (buy, sup)} - keep}
    return [h for h in hits if id(h) not in drop]


def _own_chip_capacity(h: Hit) -> bool:
    """Whether the words before a purchase's seller are chip capacity not branded by someone else:
    "about two gigawatts of Trainium capacity from Amazon" (chips), not "Nvidia GB300 capacity from
    SpaceX" (a name before the chip word brands the chips; the seller rents them out)."""
    lo = max(0, h.match.start - h.clause.start - 40)
    window = h.clause.quote[lo : h.counterparty.span.start - h.clause.start]
    return bool(_CHIP_CAPACITY.search(fold(window).text)) and not re.search(
        r"\b[A-Z][\w-]*\s+(?:Trainium|TPU|Inferentia|GPU|chip)", window
    )


#: "Stargate, le projet d'OpenAI", "OpenAI's Stargate project", "le projet Stargate d'OpenAI": whose
#: venture it is, said next to its name (``{V}`` the venture's mention, ``{O}`` the owner's).
_OWNED_VENTURE = tuple(re.compile(form) for form in (
    r"vventure\s*,\s*(?:le|la|the|its|son|sa)\s+(?:[a-z-]+\s+)?(?:projet|project|programme|program|initiative|"
    r"venture|coentreprise|joint-venture|co-entreprise|filiale)\s+(?:de|d'|of)\s*oowner",
    r"oowner\s*(?:'s|')\s+vventure",
    r"\b(?:projet|project|programme|initiative)\s+vventure\s+(?:de|d'|of)\s*oowner",
    # "Stargate, OpenAI's data-center project"
    r"vventure\s*,\s*oowner\s*(?:'s|')\s+(?:[a-z-]+\s+){0,2}(?:projet|project|programme|program|initiative|venture)\b",
    # "OpenAI a suspendu le projet Stargate UK", "OpenAI shelved its Stargate UK project": the one that
    # launches, leads, pauses or ends a project is its owner
    r"oowner\s+(?:[\w'-]+\s+){0,3}?(?:a |has |have )?(?:suspendu|lance|abandonne|mis en pause|gele|pilote|dirige|"
    r"suspended|launched|paused|shelved|scrapped|halted|leads|led)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:le |son |sa |its |the )(?:(?:[a-z-]+\s+)?(?:projet|project|programme|program|initiative)\s+vventure|"
    r"vventure(?:\s+[a-z]{1,3})?\s+(?:project|program|initiative))",
))  # fmt: skip


def _venture_owner(
    text: str, hits: list[Hit], mentions: list[Mention], classes: dict[str, frozenset[str]]
) -> list[Hit]:
    """A venture that buys compute, when the text says whose project it is, is that owner's purchase:
    "Oracle fournira 4,5 gigawatts à Stargate, le projet d'OpenAI" is OpenAI buying from Oracle.
    Only the words next to the venture's name decide, and the seller is never the owner."""
    out = []
    for h in hits:
        # the buying side: the actor of a purchase, the counterparty of a supply of chips
        side = "counterparty" if h.pattern.rtype == SUPPLY else "actor"
        venture = getattr(h, side)
        if h.pattern.rtype not in (BUY, PROCURE, SUPPLY) or "DataCenterVenture" not in classes.get(
            venture.actor.iri or "", ()
        ):
            out.append(h)
            continue
        owner = next((m for m in mentions if _owns(text, m, h, venture)), None)
        if owner is None:
            out.append(h)
            continue
        why = f"«{venture.span.quote}» is {owner.actor.label}'s project, as the text says next to its name: its buyer"
        pat = replace(h.pattern, direction=h.pattern.direction + "; " + why)
        out.append(replace(h, pattern=pat, **{side: owner}))
    return out


def _owns(text: str, m: Mention, h: Hit, venture: Mention) -> bool:
    seller = h.counterparty if venture is h.actor else h.actor
    if m.actor.key in (venture.actor.key, seller.actor.key) or not m.actor.iri:
        return False
    if not (h.clause.start <= m.span.start < h.clause.end):
        return False
    (first, a), (second, b) = sorted([(venture.span, "vventure"), (m.span, "oowner")], key=lambda x: x[0].start)
    if second.start - first.end > 60 or second.start < first.end:
        return False
    marked = (
        text[max(0, first.start - 20) : first.start] + " " + a + " " + text[first.end : second.start] + " " + b
        + text[second.end : second.end + 40]
    )  # fmt: skip
    folded = re.sub(r"\s+", " ", fold(marked).text)
    return any(form.search(folded) for form in _OWNED_VENTURE)


#: Words that make the name after them a place, not a party: "à côté du campus phare de Stargate", "next to
#: OpenAI's flagship campus", "aux abords du site de X" (no figure in between: «près de 10 milliards» is an amount).
_LOCATED = re.compile(
    r"(?:\ba cote d[eu']|\ba cote des|\baux abords d[eu']|\bnon loin d[eu']|\bnext to|\badjacent to|\bnear|"
    r"\bclose to|\bbeside|\balongside (?:the|its)\b)[^,.;:0-9]{0,40}$"
)


def _located(text: str, m: Mention, clause: Span) -> bool:
    """Whether a mention only places the deal: the site next to which capacity is rented is no party."""
    before = fold(text[max(clause.start, m.span.start - 60) : m.span.start]).text
    return bool(_LOCATED.search(before))


def _cloud_name(m: Mention) -> bool:
    """Whether the text names the actor by its cloud ("Google Cloud", "Azure"'s owner is named
    otherwise): chips from "Google Cloud" are its rented TPUs, compute, whatever Google's class."""
    return "cloud" in m.span.quote.lower()


def _names_chips(m: Mention, clause: Span) -> bool:
    """Whether a mention stands next to a chip word ("GPU Nvidia", "Nvidia GB300 GPUs")."""
    lo, hi = m.span.start - clause.start, m.span.end - clause.start
    near = fold(clause.quote[max(0, lo - 30) : lo] + " " + clause.quote[hi : hi + 30]).text
    return bool(_CHIP_WORDS.search(near))


def _prefer_known(hits: list[Hit]) -> list[Hit]:
    """Drop a relation with an organisation new to the graph when the same clause gives the same
    relation with a known actor in that role ("le centre de données Colossus 1 de SpaceX": the
    new name is the site, the known actor the party)."""
    known = {
        (h.clause, h.pattern.rtype, h.actor.actor.key)
        for h in hits
        if not h.actor.actor.new and not h.counterparty.actor.new
    }
    known |= {
        (h.clause, h.pattern.rtype, "cp:" + h.counterparty.actor.key)
        for h in hits
        if not h.actor.actor.new and not h.counterparty.actor.new
    }
    out = []
    for h in hits:
        if h.list_size > 1:
            out.append(h)  # "Samsung and SK Hynix will supply...": a list member, new or not, is a party
            continue
        new_cp = h.counterparty.actor.new and not h.actor.actor.new
        if new_cp and (h.clause, h.pattern.rtype, h.actor.actor.key) in known:
            continue
        if (
            h.actor.actor.new
            and not h.counterparty.actor.new
            and (h.clause, h.pattern.rtype, "cp:" + h.counterparty.actor.key) in known
        ):
            continue
        out.append(h)
    return out


def _deal_wide(text: str, cands: list[Candidate], whens: list[When], pub: dt.date) -> None:
    """What a text states once for a whole announcement applies to each of its ties.

    - A letter of intent (or a definitive agreement) stated for one tie between two actors is the
      status of their other ties in the text too ("Nvidia a signé une lettre d'intention avec
      OpenAI pour lui fournir ... Le fabricant de puces prévoit d'investir ...").
    - When the text dates the announcement once (every candidate with an announcement date has
      the same one, or no candidate's clause is dated but the text names one past day), the
      candidates of the same paragraph without one take it: a short news item reports one
      announcement. A tie placed in the past ("ces derniers mois") or ended is left out, and so is
      every tie when the text reports an end. Both are said in the candidate's notes and date rule.
    """
    by_pair: dict[frozenset, list[Candidate]] = {}
    for c in cands:
        by_pair.setdefault(frozenset((c.actor.actor.key, c.counterparty.actor.key)), []).append(c)
    for group in by_pair.values():
        for status in ("letter-of-intent", "reported", "definitive"):
            stated = [c for c in group if c.stated_status == status]
            if not stated:
                continue
            first = min(c.evidence[0].start for c in stated)
            for c in group:
                # a report covers what follows it, not a tie the text stated before as fact
                if c.stated_status == "announced" and (status != "reported" or c.evidence[0].start > first):
                    c.stated_status = status
                    c.notes.append(f"status {status}: the text states it for another tie between the same actors")
    dated = {c.dates["announced"].value for c in cands if "announced" in c.dates}
    if any(c.stated_status == "ended" and "announced" in c.dates for c in cands):
        return  # the text reports an end: its date is not that of the other ties
    if dated:
        if len(dated) != 1:
            return
        source = next(c.dates["announced"] for c in cands if "announced" in c.dates)
    else:
        # no tie's own clause dates it: the text's one past day ("ont annoncé mardi ...")
        days = [
            w for w in whens
            if w.kind == "date" and not w.bound and w.precision in ("day", "week")
            and (w.first or "") <= pub.isoformat()
        ]  # fmt: skip
        if len({w.value for w in days}) != 1:
            return
        source = replace(days[0], role="announced")
    for c in cands:
        # a tie the text places in the past ("ces derniers mois") is no part of the announcement
        if (
            "announced" not in c.dates
            and c.stated_status != "ended"
            and c.rtype != SUB
            and "inferred" not in c.flags
            and not any(b.bound == "before" for b in c.bounds)
            and not any(_TOLD_AS_PAST.search(fold(e.quote).text) for e in c.evidence)
            and not _new_paragraph(
                text, min(source.span.start, c.evidence[0].start), max(source.span.end, c.evidence[0].end)
            )
        ):
            c.dates["announced"] = replace(
                source,
                rule=source.rule + "+one-announcement",
                explanation=f"{source.explanation}; the only announcement date the text gives",
            )


#: Words that place a tie before the announcement ("Nebius fournit déjà à Microsoft ...", "less than a week
#: after CoreWeave expanded its contract", "is still its largest customer"): no part of it.
_TOLD_AS_PAST = re.compile(
    r"\b(?:already|previously|earlier|still|remains|less than a (?:week|month|year) (?:after|before)|"
    r"deja|auparavant|precedemment|plus tot|toujours|reste|moins d'une semaine apres)\b"
)


def _headline_end(text: str) -> int | None:
    """Where a headline ends: a short first line with no closing punctuation, followed by the body
    ("Nvidia injecte 2 milliards de dollars dans CoreWeave" then the story)."""
    lead = len(text) - len(text.lstrip())
    end = text.find("\n", lead)
    line = text[lead:end].strip() if end > 0 else ""
    if not line or len(line) > 160 or line[-1] in ".!?…:;»\"”" or not text[end:].strip():
        return None
    return end


def _new_paragraph(text: str, start: int, end: int) -> bool:
    """Whether a line break lies between ``start`` and ``end``, the one closing a headline aside:
    a headline and its story report one announcement."""
    h = _headline_end(text)
    breaks = [i for i in range(start, end) if text[i] == "\n"]
    return any(i != h for i in breaks)


# --- per clause --------------------------------------------------------------------------------


def _distance(a: Span, b: Span) -> int:
    if a.start < b.end and b.start < a.end:
        return 0
    return min(abs(a.start - b.end), abs(b.start - a.end))


def _inside(span: Span, clause: Span) -> bool:
    return clause.start <= span.start and span.end <= clause.end


#: A clause that adds an investor to a round just told ("; SoftBank adds another $30 billion",
#: «Nvidia a suivi avec 5 milliards de dollars»).
_FOLLOW_ON = re.compile(
    r"\b(?:commits?|committed|committing|puts? in|putting in|will put in|adds?|added|adding|invests?|invested|"
    r"investing|contributes?|contributed|contributing|"
    r"chips? in|chipped in|follows?|followed|a suivi|suit|suivra|suivent|ont suivi|apporte|apportera|a apporte|"
    r"injecte|injectera|a injecte|investit|investira|a investi|ajoute|a ajoute|s'engage|s'est engage)\b"
)
#: The company raising the money ("OpenAI raises $110 billion", «xAI lève 20 milliards»).
_RAISES = re.compile(r"^\s*(?:raises|raised|is raising|has raised|lands|secures|leve|a leve|levait|boucle|a boucle)\b")
_FOLLOW_ON_PATTERN = Pattern(
    "follow-on-investor", "", INVEST, re.compile(r"(?!x)x"),
    "«...; Z adds another $N», «Z a suivi avec N»: Z invests in the company the clauses before name as "
    "receiving the investment or raising the round",
)  # fmt: skip


def _follow_on_hits(
    text: str, clauses: list[Span], hits: list[Hit], seen: dict[int, list[Mention]], amounts: list[Amount], lang: str
) -> list[Hit]:
    """An investor named alone with an amount, in a clause right after an investment or a round:
    it invests in the same company (up to three clauses back, same paragraph)."""
    index = {(c.start, c.end): i for i, c in enumerate(clauses)}
    with_hits = {(h.clause.start, h.clause.end) for h in hits}
    investments: dict[int, list[Hit]] = {}
    for h in hits:
        if h.pattern.rtype == INVEST:
            investments.setdefault(index.get((h.clause.start, h.clause.end), -1), []).append(h)
    out: list[Hit] = []
    for i, clause in enumerate(clauses):
        if (clause.start, clause.end) in with_hits:
            continue
        named = [m for m in seen.get(i, []) if m.kind != "anaphor"]
        folded = fold(clause.quote).text
        for investor, part in _investor_parts(text, clause, named, amounts):
            hit = _follow_on_one(text, clauses, i, clause, investor, part, investments, seen, folded)
            if hit is not None:
                out.append(hit)
                investments.setdefault(i, []).append(hit)
    return out


#: Auxiliaries between an investor and its verb ("SoftBank will put in", «Nvidia va apporter»).
_AUXILIARY = re.compile(r"^(?:(?:is|are|will|would|has|have|also|a|va|vont|aussi)\s+)+")


def _investor_parts(
    text: str, clause: Span, named: list[Mention], amounts: list[Amount]
) -> list[tuple[Mention, Span]]:
    """The investors of a follow-on clause, each with its part: one investor named alone, or several
    named one after the other, each with its own verb of contribution and its own amount ("Nvidia is
    contributing $30 billion, while SoftBank will put in another $30 billion")."""
    keys = {m.actor.key for m in named}
    if not keys:
        return []
    if len(keys) == 1:
        parts = [(named[0], clause)]
    else:
        firsts = sorted({m.actor.key: m for m in reversed(named)}.values(), key=lambda m: m.span.start)
        bounds = [m.span.start for m in firsts[1:]] + [clause.end]
        parts = [(m, Span(m.span.start, end, text[m.span.start : end])) for m, end in zip(firsts, bounds)]
    out = []
    for m, part in parts:
        own = _AUXILIARY.sub("", fold(text[m.span.end : part.end]).text.lstrip())
        if len(parts) > 1 and not _FOLLOW_ON.match(own):
            continue
        if not _FOLLOW_ON.search(fold(part.quote).text) or not any(
            a.kind == "money" and a.unit and not a.excluded and part.start <= a.span.start < part.end for a in amounts
        ):
            continue
        out.append((m, part))
    return out if len(out) == len(parts) else []


def _follow_on_one(
    text: str, clauses: list[Span], i: int, clause: Span, investor: Mention, part: Span,
    investments: dict[int, list[Hit]], seen: dict[int, list[Mention]], folded: str,
) -> Hit | None:  # fmt: skip
    """The investor of one part invests in the company the clauses before name (an investment or a round)."""
    target = None
    for j in range(i - 1, max(-1, i - 4), -1):
        before = [h for h in investments.get(j, []) if h.actor.actor.key != investor.actor.key]
        if before:
            if "\n\n" not in text[clauses[j].end : clause.start]:
                target = max(before, key=lambda h: h.match.start).counterparty
            break
    if target is None:
        for j in range(i - 1, max(-1, i - 4), -1):
            raising = (m for m in seen.get(j, []) if _RAISES.match(fold(text[m.span.end : m.span.end + 20]).text))
            target = next(raising, None)
            if target is not None:
                break
    if target is None or target.actor.key == investor.actor.key:
        return None
    status = "reported" if REPORTED.search(folded) else "announced"
    match = Span(investor.span.start, part.end, text[investor.span.start : part.end])
    return Hit(_FOLLOW_ON_PATTERN, investor, target, clause, match, 1, status)


def _clause_candidates(
    text: str, hits: list[Hit], amounts: list[Amount], whens: list[When], pub: dt.date
) -> list[Candidate]:
    by_clause: dict[tuple[int, int], list[Hit]] = {}
    for h in hits:
        by_clause.setdefault((h.clause.start, h.clause.end), []).append(h)
    amount_starts = [a.span.start for a in amounts]
    when_starts = [w.span.start for w in whens]

    def within(items, starts, clause):
        lo, hi = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        return [x for x in items[lo:hi] if _inside(x.span, clause)]

    out: list[Candidate] = []
    for (cs, _ce), group in sorted(by_clause.items()):
        clause = group[0].clause
        cands: dict[tuple, tuple[Candidate, list[Hit]]] = {}
        for h in group:
            key = (h.actor.actor.key, h.pattern.rtype, h.counterparty.actor.key)
            if h.pattern.rtype == PARTNER and key not in cands:
                rev = (h.counterparty.actor.key, PARTNER, h.actor.actor.key)
                if rev in cands:
                    cands[rev][1].append(h)
                    continue
            if h.pattern.rtype == SUPPLY:
                inv = (h.counterparty.actor.key, PROCURE, h.actor.actor.key)
                if inv in cands:
                    cands[inv][1].append(h)
                    continue
            if h.pattern.rtype == PROCURE:
                inv = (h.counterparty.actor.key, SUPPLY, h.actor.actor.key)
                if inv in cands:
                    cands[inv][1].append(h)
                    continue
            if key not in cands:
                cand = Candidate(
                    actor=Party(h.actor.actor, h.actor.span, h.actor.via),
                    rtype=h.pattern.rtype,
                    counterparty=Party(h.counterparty.actor, h.counterparty.span, h.counterparty.via),
                    evidence=[clause] + [m.support for m in (h.actor, h.counterparty) if m.support is not None],
                    patterns=[],
                    direction=h.pattern.direction,
                )
                cands[key] = (cand, [])
            cands[key][1].append(h)
        # partnersWith is the fallback: drop it where the clause gives the same pair another type,
        # and a conventional one between two co-parties of a third ("Samsung and SK Hynix signed
        # letters of intent to supply OpenAI": they are not partners of each other)
        pairs = {frozenset((k[0], k[2])) for k in cands if k[1] != PARTNER}
        sides: dict[str, set[str]] = {}
        for k in cands:
            if k[1] != PARTNER:
                sides.setdefault(k[0], set()).add(k[2])
        for key in [k for k in cands if k[1] == PARTNER]:
            conventional = all(h.pattern.default for h in cands[key][1])
            co_parties = bool(sides.get(key[0], set()) & sides.get(key[2], set()))
            if frozenset((key[0], key[2])) in pairs or (conventional and co_parties):
                del cands[key]
        for cand, chits in cands.values():
            _fill_from_hits(cand, chits)
        live = list(cands.values())
        clause_whens = within(whens, when_starts, clause)
        _attach_amounts(live, within(amounts, amount_starts, clause), text)
        _attach_durations(live, [w for w in clause_whens if w.kind == "duration"])
        clause_folded = fold(clause.quote).text
        dated = [
            (w, fold(text[max(clause.start, w.span.start - 80) : w.span.start]).text)
            for w in clause_whens
            if w.kind != "duration"
        ]
        reporting = [w for w, before in dated if _REPORTING.search(before)]
        for w, before in dated:
            # an announcement date is the whole clause's; a start or an end is the nearest tie's
            targets = [c for c, _ in live]
            if reporting and w not in reporting and w.kind == "date" and not w.bound and (w.first or "") <= str(pub):
                # "OpenAI a prêté en janvier ... à Cerebras, a rapporté jeudi Reuters": the report has
                # its own date; a past date next to the deal's words is when the tie started
                near = [c for c in targets if c.stated_status != "ended" and _next_to(text, _match_span(c), w.span)]
                for cand in near:
                    _attach_date(cand, replace(w, bound="from", explanation=w.explanation + "; the clause is "
                                 "dated by its report, this date by the deal's words: the start"), clause_folded,
                                 before, pub)  # fmt: skip
                targets = [c for c in targets if c not in near]
            if w.bound in ("from", "until") and len({c.actor.actor.key for c in targets}) > 1:
                best = min(_distance(w.span, _match_span(c)) for c in targets)
                targets = [c for c in targets if _distance(w.span, _match_span(c)) == best]
            for cand in targets:
                _attach_date(cand, w, clause_folded, before, pub)
        out.extend(c for c, _ in live)
        del cs
    return out


#: A date the text gives to its report ("said on Friday", "a rapporté jeudi").
_REPORTING = re.compile(
    r"\b(?:said|says|told|reported|reports|announced|disclosed|confirmed|a annonce|ont annonce|a rapporte|"
    r"ont rapporte|a indique|ont indique|a precise|a declare|a confirme|a fait savoir|rapporte)\s?(?:on |le |ce )?$"
)


#: A date given to a third party's report ("the Wall Street Journal reported on Friday", «a rapporté
#: Bloomberg mardi»), not to the parties' own statement.
_REPORTED_BY = re.compile(r"\b(?:reported|reports|a rapporte|ont rapporte|rapporte)\s?(?:on |le |ce )?$")


def _next_to(text: str, match: Span, date: Span) -> bool:
    """A date inside the relation's words or right after them, with no comma between."""
    if match.start <= date.start < match.end:
        return True
    return 0 <= date.start - match.end <= 20 and "," not in text[match.end : date.start]


def _fill_from_hits(cand: Candidate, chits: list[Hit]) -> None:
    cand.patterns = sorted({h.pattern.name for h in chits})
    statuses = {h.status for h in chits}
    cand.stated_status = next(s for s in _STATUS_ORDER if s in statuses or s == "announced")
    if any(not h.pattern.default for h in chits):
        cand.flags.add("explicit")
        cand.direction = next(h.pattern.direction for h in chits if not h.pattern.default)
    if any(h.actor.kind != "anaphor" and h.counterparty.kind != "anaphor" for h in chits):
        cand.flags.add("named")
    cand.flags.add(f"list:{max(h.list_size for h in chits)}")
    cand.flags.add(f"match:{min(h.match.start for h in chits)}:{max(h.match.end for h in chits)}")


def _match_span(cand: Candidate) -> Span:
    flag = next(f for f in cand.flags if f.startswith("match:"))
    _, s, e = flag.split(":")
    return Span(int(s), int(e), "")


def _list_size(cand: Candidate) -> int:
    return max(int(f.split(":")[1]) for f in cand.flags if f.startswith("list:"))


_FOR_MEMBER = re.compile(r"^\s?(?:pour|for|from|de la part de|de la part d'|par)\s?(?:le |la |l')?$")
#: A name and a conjunction right before a list's last member ("Nvidia and ", «Nvidia et »).
_LIST_BEFORE = re.compile(r"\b[A-Z][\w.-]*\s*(?:,|\bet|\band)\s*$")
_MEMBER_THEN = re.compile(
    r"^[\s,]{0,3}(?:(?:is|are|will|would|has|have|had|va|vont)\s)?(?:\w+(?:ing|ed|ra|ront|e)\s)?"
    r"(?:up to|as much as|about|jusqu'a|jusqu'à|environ)?\s?$"
)


def _find_all(haystack: str, needle: str) -> list[int]:
    out, k = [], haystack.find(needle)
    while k >= 0:
        out.append(k)
        k = haystack.find(needle, k + 1)
    return out


def _own_amount(text: str, c: Candidate, amounts: list[Amount]) -> Amount | None:
    """The amount a clause gives for one member of a list ("dont 10 milliards pour Nvidia et 5
    milliards pour Microsoft", "Nvidia is committing up to $10 billion and Microsoft up to $5
    billion"), or an amount stated for each member ("500 millions de dollars chacun")."""
    for a in amounts:
        if a.qualifier == "each" and a.kind == "money":
            return a
    clause = c.evidence[0]
    for side in (c.actor, c.counterparty):
        # every place the clause names this side, not only the list's: "dont 10 milliards pour Nvidia"
        name = side.mention.quote
        starts = [clause.start + k for k in _find_all(clause.quote, name)] if name else [side.mention.start]
        for a, m in ((a, Span(s, s + len(name), name)) for s in starts for a in amounts):
            if a.span.end <= m.start and _FOR_MEMBER.match(fold(text[a.span.end : m.start]).text):
                return a
            if m.end <= a.span.start and a.span.start - m.end <= 40:
                between = fold(text[m.end : a.span.start]).text
                # «Nvidia et Microsoft investiront 15 milliards»: the verb after the list's last name is the
                # whole list's, not that member's own
                listed = _LIST_BEFORE.search(text[max(0, m.start - 40) : m.start])
                verb = re.sub(r"up to|as much as|about|jusqu'a|jusqu'à|environ", "", between).strip()
                if _MEMBER_THEN.match(between) and not (listed and verb):
                    return a
    return None


_RESPECTIVELY = re.compile(r"\brespective(?:ment|ly)?\b")


def _respectively(text: str, live: list[tuple[Candidate, list[Hit]]], amounts: list[Amount]) -> dict[int, Amount]:
    """ "Nvidia et Microsoft investiront respectivement 10 et 5 milliards": the n-th member of the
    list takes the n-th amount, when there are as many amounts as members."""
    lists = [c for c, _ in live if _list_size(c) > 1]
    if not lists or not _RESPECTIVELY.search(fold(lists[0].evidence[0].quote).text):
        return {}
    money = sorted((a for a in amounts if a.kind == "money"), key=lambda a: a.span.start)
    actor_side = len({c.actor.mention for c in lists}) > 1
    order = sorted(lists, key=lambda c: (c.actor.mention if actor_side else c.counterparty.mention).start)
    if len(money) != len(order):
        return {}
    return {id(c): a for c, a in zip(order, money)}


#: Readings of a company raising money from an investor: the amount is the raise's.
_RAISE_PATTERNS = frozenset(
    {"fr-parse-lever", "fr-parse-obtenir", "fr-parse-recevoir", "en-raises-from", "fr-raises-from"}
)


def _attach_amounts(live: list[tuple[Candidate, list[Hit]]], amounts: list[Amount], text: str = "") -> None:
    chosen: dict[int, list[Amount]] = {}
    usable = [a for a in amounts if not a.excluded and a.unit is not None]
    own: dict[int, Amount] = {}
    for c, _ in live:
        if _list_size(c) > 1:
            a = _own_amount(text, c, usable)
            if a is not None:
                own[id(c)] = a
    own.update(_respectively(text, live, usable))
    for a in amounts:
        if a.excluded:
            continue
        eligible = [c for c, _ in live if c.rtype in _VALUE_TYPES[a.kind]]
        if not eligible:
            continue
        if a.unit is None:
            for c in eligible:
                c.notes.append(f"amount «{a.span.quote}» not recorded: the text names no currency")
            continue
        if any(x is a for x in own.values()) and a.qualifier != "each":
            continue  # given to one member of a list
        best = min(_distance(a.span, _match_span(c)) for c in eligible)
        for c in eligible:
            if _distance(a.span, _match_span(c)) != best:
                continue
            if _list_size(c) > 1:
                if id(c) not in own:
                    c.notes.append(
                        f"amount «{a.span.quote}» not recorded: the text gives it for {_list_size(c)} parties together"
                    )
                continue
            chosen.setdefault(id(c), []).append(a)
    # a company that raised money from several investors named in the clause: the amount raised is the
    # round's, no one investor's («OpenAI a levé 6,6 milliards ... auquel ont participé Nvidia et SoftBank»)
    raised: dict[str, int] = {}
    for c, hits in live:
        if c.rtype == INVEST and all(h.pattern.name in _RAISE_PATTERNS for h in hits):
            raised[c.counterparty.actor.key] = raised.get(c.counterparty.actor.key, 0) + 1
    for c, hits in live:
        several = raised.get(c.counterparty.actor.key, 0) > 1 and all(h.pattern.name in _RAISE_PATTERNS for h in hits)
        if several or all(h.pattern.name in TOTAL_NOT_MINE for h in hits):
            dropped = chosen.pop(id(c), []) + ([own.pop(id(c))] if several and id(c) in own else [])
            for a in dropped:
                c.notes.append(f"amount «{a.span.quote}» not recorded: a total for several parties, not this one's")
        if id(c) in own:
            a = own[id(c)]
            c.value = a
            how = "for each of them" if a.qualifier == "each" else "for this member of the list"
            if _RESPECTIVELY.search(fold(c.evidence[0].quote).text):
                how = "for this member of the list («respectively»)"
            c.notes.append(f"amount «{a.span.quote}»: the text gives it {how}")
            continue
        options = chosen.get(id(c), [])
        order = ("percent", "money", "shares") if c.rtype == STAKE else ("money", "capacity")
        for kind in order:
            picks = [a for a in options if a.kind == kind]
            if picks:
                c.value = picks[0]
                parts = _tranches(c, picks)
                for other in options:
                    if other is not c.value and all(other is not p for p in parts):
                        c.notes.append(f"also stated: «{other.span.quote}» ({other.kind})")
                break


def _tranches(c: Candidate, picks: list[Amount]) -> list[Amount]:
    """Amounts after a headline figure that add up to it are its tranches: noted, not the value
    ("up to $25 billion: $5 billion upfront and as much as $20 billion tied to milestones")."""
    head, rest = picks[0], [a for a in picks[1:] if a.unit == picks[0].unit]
    if len(rest) < 2:
        return []
    total = sum(a.value for a in rest)
    if abs(total - head.value) > Decimal("0.005") * head.value:
        return []
    parts = ", ".join(f"«{a.span.quote}»" for a in rest)
    c.notes.append(f"tranches of the headline «{head.span.quote}»: {parts} (they add up to it)")
    return rest


def _attach_durations(live: list[tuple[Candidate, list[Hit]]], durations: list[When]) -> None:
    for w in durations:
        eligible = [c for c, _ in live if c.rtype in _DURATION_TYPES]
        if not eligible:
            continue
        best = min(_distance(w.span, _match_span(c)) for c in eligible)
        for c in eligible:
            if _distance(w.span, _match_span(c)) == best and c.duration is None:
                c.duration = w


def _role(cand: Candidate, w: When, clause_folded: str, before: str, pub: dt.date) -> str | None:
    if w.kind == "now":
        return "validFrom"
    if w.kind == "bound":
        if w.rule in ("by-end-of", "by-year", "by-end-of-decade") and CAPACITY_CONTEXT.search(clause_folded):
            return "fullCapacityBy"
        if w.rule == "and-beyond" and EXPANSION_CONTEXT.search(clause_folded):
            return "expansionFrom"
        return None
    if w.bound == "from":
        return "validFrom"
    if w.bound == "until":
        return "validUntil"
    if w.first and w.first > pub.isoformat():
        # a future date is a target, unless the words before it say the tie starts then
        return "validFrom" if START_CONTEXT.search(before) else None
    if cand.stated_status == "ended":
        if _REPORTED_BY.search(before):
            return "announced"  # "has stalled, the Wall Street Journal reported on Friday": the report's day
        end = cand.dates.get("validUntil")
        if end is not None and (end.first or "") <= (w.first or ""):
            return "announced"  # the end, then the day it was reported
        return "validUntil"
    return "announced"


def _attach_date(cand: Candidate, w: When, clause_folded: str, before: str, pub: dt.date) -> None:
    role = _role(cand, w, clause_folded, before, pub)
    if role is None:
        if w.kind == "date" and w.first and w.first > pub.isoformat():
            cand.notes.append(f"future date «{w.span.quote}» ({w.value}) not recorded: a target, not a date of the tie")
        else:
            cand.bounds.append(w)
        return
    if role in cand.dates:
        return
    cand.dates[role] = replace(w, role=role)


def _same_deal(text: str, clauses: list[Span], per_clause: list[Candidate], whens: list[When], pub: dt.date) -> None:
    """Share an announcement date within one deal.

    A clause that opens on the deal ("En contrepartie", "In return", "Dans le cadre de cet accord")
    takes the announcement date of the latest relation before it; a clause that names no actor but
    dates "the deal" ("L'accord aurait été conclu hier") gives its date to the relations of the
    clause before it. Neither overrides a date of the relation's own clause, nor dates an ended tie.
    """
    by_clause: dict[Span, list[Candidate]] = {}
    for c in per_clause:
        by_clause.setdefault(c.evidence[0], []).append(c)
    when_starts = [w.span.start for w in whens]
    last: When | None = None
    previous: list[Candidate] = []
    for clause in clauses:
        cands = by_clause.get(clause, [])
        folded = fold(clause.quote).text
        if cands:
            if last is not None and SAME_DEAL_OPENING.search(folded):
                for c in cands:
                    if "announced" not in c.dates and c.stated_status != "ended":
                        c.dates["announced"] = replace(
                            last,
                            rule=last.rule + "+same-deal",
                            explanation=f"{last.explanation}; the clause opens on the same deal "
                            f"(«{_opening(clause.quote)}»)",
                        )
            for c in cands:
                if "announced" in c.dates:
                    last = c.dates["announced"]
            previous = cands
            continue
        if not previous or not DEAL_MENTION.search(folded):
            continue
        lo, hi = bisect.bisect_left(when_starts, clause.start), bisect.bisect_left(when_starts, clause.end)
        dated = [
            w for w in whens[lo:hi]
            if _inside(w.span, clause) and w.kind == "date" and not w.bound and (w.first or "") <= pub.isoformat()
        ]  # fmt: skip
        if not dated:
            continue
        for c in previous:
            if "announced" not in c.dates and c.stated_status != "ended":
                c.dates["announced"] = replace(
                    dated[0],
                    role="announced",
                    rule=dated[0].rule + "+same-deal",
                    explanation=f"{dated[0].explanation}; the next clause dates the deal («{_opening(clause.quote)}»)",
                )
                c.evidence.append(clause)
                last = c.dates["announced"]


_VALUE_WORDS = re.compile(
    r"\b(?:value[sd]?|valuing|worth|valeur|valorise\w*|montant|estimated at|estime\w* a|put (?:the|its) "
    r"(?:deal's )?value|a chiffre|chiffre)\b"
)


def _deal_details(
    text: str, clauses: list[Span], per_clause: list[Candidate], amounts: list[Amount], whens: list[When]
) -> None:
    """Details a clause gives about the deal just stated, without naming its parties again.

    "The deal comprises $12 billion ... starting in early 2027": a clause that speaks of the deal
    ("the deal", "l'accord") gives a start or an end date to the relations of the clause before
    it; "The Wall Street Journal put the deal's value at more than $10 billion": a clause that
    speaks of a value gives its money amount to the one relation of the clause before it that has
    no money value (a capacity stated there stays in the notes). Same paragraph only.
    """
    by_clause: dict[Span, list[Candidate]] = {}
    for c in per_clause:
        by_clause.setdefault(c.evidence[0], []).append(c)
    when_starts = [w.span.start for w in whens]
    amount_starts = [a.span.start for a in amounts]
    for i in range(1, len(clauses)):
        prev, clause = clauses[i - 1], clauses[i]
        if clause in by_clause or prev not in by_clause or "\n" in text[prev.end : clause.start]:
            continue
        folded = fold(clause.quote).text
        cands = by_clause[prev]
        first = bool(FIRST_DELIVERY.search(folded))
        if DEAL_MENTION.search(folded) or first:
            lo, hi = bisect.bisect_left(when_starts, clause.start), bisect.bisect_left(when_starts, clause.end)
            for w in whens[lo:hi]:
                if w.kind == "duration" and w.value and DEAL_MENTION.search(folded):
                    # "The lease would run for 20 years": the span of the deal just stated
                    for c in cands:
                        if c.duration is None and c.rtype != SUB and c.stated_status != "ended":
                            c.duration = w
                            c.evidence.append(clause)
                            c.notes.append(f"duration «{w.span.quote}»: the next clause speaks of the deal")
                    continue
                role = {"from": "validFrom", "until": "validUntil"}.get(w.bound or "")
                if first and w.kind == "date" and not w.bound:
                    role = "validFrom"
                if w.kind != "date" or role is None:
                    continue
                for c in cands:
                    if first and c.rtype not in (BUY, PROCURE, SUPPLY):
                        continue  # a first gigawatt starts a supply, not an investment
                    if role not in c.dates and c.stated_status != "ended":
                        c.dates[role] = replace(
                            w, role=role, explanation=f"{w.explanation}; the next clause speaks of the deal"
                        )
                        c.evidence.append(clause)
        if _VALUE_WORDS.search(folded):
            lo, hi = bisect.bisect_left(amount_starts, clause.start), bisect.bisect_left(amount_starts, clause.end)
            money = [a for a in amounts[lo:hi] if a.kind == "money" and a.unit and not a.excluded]
            open_ = [
                c for c in cands if c.rtype in _VALUE_TYPES["money"] and (c.value is None or c.value.kind != "money")
            ]
            if money and len(open_) == 1:
                c = open_[0]
                if c.value is not None:
                    c.notes.append(f"also stated: «{c.value.span.quote}» ({c.value.kind})")
                c.value = money[0]
                c.evidence.append(clause)
                c.notes.append(f"amount «{money[0].span.quote}»: the next clause gives the deal's value")


_BOTH_PARTIES = re.compile(
    r"\b(?:the two (?:companies|groups|firms|sides|parties)|both (?:companies|groups|firms|sides)|they|"
    r"les deux (?:groupes|entreprises|societes|parties|partenaires|camps)|ils)\b"
)


def _stated_status(folded: str) -> str | None:
    """The status a sentence states in words: a letter of intent, a definitive agreement, or None."""
    return "letter-of-intent" if LOI.search(folded) else ("definitive" if DEFINITIVE.search(folded) else None)


def _status_next(
    text: str, clauses: list[Span], per_clause: list[Candidate], seen: dict[int, list[Mention]]
) -> None:
    """A status the next sentence states for the deal just told: "Nvidia will invest up to $100 billion
    in OpenAI. The two companies signed a letter of intent on Monday." The sentence states no
    relation of its own, names no party other than the deal's (or names them as "the two
    companies"), and says letter of intent or definitive agreement."""
    by_clause: dict[Span, list[Candidate]] = {}
    for c in per_clause:
        by_clause.setdefault(c.evidence[0], []).append(c)
    for i in range(1, len(clauses)):
        prev, clause = clauses[i - 1], clauses[i]
        if clause in by_clause or prev not in by_clause or "\n" in text[prev.end : clause.start]:
            continue
        folded = fold(clause.quote).text
        status = _stated_status(folded)
        if status is None:
            continue
        cands = by_clause[prev]
        parties = {c.actor.actor.key for c in cands} | {c.counterparty.actor.key for c in cands}
        named = {m.actor.key for m in seen.get(i, [])}
        if not named and not (_BOTH_PARTIES.search(folded) or DEAL_MENTION.search(folded)):
            continue
        if not named <= parties:
            continue
        for c in cands:
            if c.stated_status in ("announced", "reported"):
                c.stated_status = status
                c.evidence.append(clause)
                c.notes.append(f"status from the next sentence («{_opening(clause.quote)}»)")
    # the other way round: "Nvidia signed a letter of intent with OpenAI. The chipmaker plans to invest up
    # to $100 billion in the startup": a sentence that names the pair and the status, and no tie of its
    # own, gives its status to their ties in the next two sentences of the paragraph
    for i, clause in enumerate(clauses):
        if clause in by_clause:
            continue
        folded = fold(clause.quote).text
        status = _stated_status(folded)
        pair = {m.actor.key for m in seen.get(i, []) if m.kind != "anaphor"}
        if status is None or len(pair) != 2:
            continue
        for nxt in clauses[i + 1 : i + 3]:
            if "\n" in text[clause.end : nxt.start]:
                break
            for c in by_clause.get(nxt, []):
                same_pair = {c.actor.actor.key, c.counterparty.actor.key} == pair
                if same_pair and c.stated_status in ("announced", "reported"):
                    c.stated_status = status
                    c.evidence.append(clause)
                    c.notes.append(f"status from the sentence before («{_opening(clause.quote)}»)")


def _continued_amounts(
    text: str, clauses: list[Span], per_clause: list[Candidate], amounts: list[Amount], seen: dict[int, list[Mention]]
) -> None:
    """Figures the next clause gives per party: "Microsoft and Nvidia will invest up to $15 billion
    in Anthropic. Nvidia is committing up to $10 billion and Microsoft up to $5 billion."

    A clause of the same paragraph that states no relation of its own, right after one whose
    figure was withheld as a total for several parties, gives each party it names (by name,
    epithet or description) the first amount that follows the name, when that party's relation
    has no value yet and the amount is of a kind it takes.
    """
    by_clause: dict[Span, list[Candidate]] = {}
    for c in per_clause:
        by_clause.setdefault(c.evidence[0], []).append(c)
    starts = [a.span.start for a in amounts]
    for i in range(1, len(clauses)):
        prev, clause = clauses[i - 1], clauses[i]
        if clause in by_clause or prev not in by_clause or "\n" in text[prev.end : clause.start]:
            continue
        mentions = sorted(seen.get(i, []), key=lambda m: m.span.start)
        lo, hi = bisect.bisect_left(starts, clause.start), bisect.bisect_left(starts, clause.end)
        here = [a for a in amounts[lo:hi] if not a.excluded and a.unit]
        for k, m in enumerate(mentions):
            stop = mentions[k + 1].span.start if k + 1 < len(mentions) else clause.end
            after = [a for a in here if m.span.end <= a.span.start < stop]
            if not after:
                continue
            a = after[0]
            for c in by_clause[prev]:
                # only where the figure was withheld as shared by several parties
                withheld = any("not recorded" in n and ("together" in n or "several" in n) for n in c.notes)
                if (
                    withheld
                    and c.value is None
                    and c.actor.actor.key == m.actor.key
                    and c.rtype in _VALUE_TYPES[a.kind]
                ):
                    c.value = a
                    c.evidence.append(clause)
                    c.notes.append(f"amount «{a.span.quote}»: the next clause gives it for {m.actor.label}")
                    if c.stated_status == "announced" and REPORTED.search(fold(clause.quote).text):
                        c.stated_status = "reported"


def _opening(quote: str, words: int = 6) -> str:
    parts = quote.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


# --- across clauses ------------------------------------------------------------------------------


def _merge(cands: Iterable[Candidate]) -> list[Candidate]:
    merged: dict[tuple, Candidate] = {}
    for c in cands:
        key = c.key
        if c.rtype == PARTNER and key not in merged:
            rev = (c.counterparty.actor.key, PARTNER, c.actor.actor.key)
            if rev in merged:
                key = rev
        if key not in merged:
            merged[key] = c
            continue
        _absorb(merged[key], c)
    return list(merged.values())


def _absorb(into: Candidate, other: Candidate, note: str | None = None) -> None:
    """Merge ``other`` into ``into``; lists are deduplicated and sorted once, by :func:`_tidy`."""
    into.evidence.extend(other.evidence)
    into.patterns = sorted(set(into.patterns) | set(other.patterns))
    # keep a side's name as written rather than a pronoun, when the other clause names it
    if into.actor.via and not other.actor.via and into.actor.actor.key == other.actor.actor.key:
        into.actor = other.actor
    if (
        into.counterparty.via
        and not other.counterparty.via
        and into.counterparty.actor.key == other.counterparty.actor.key
    ):
        into.counterparty = other.counterparty
    into.flags |= {f for f in other.flags if not f.startswith(("match:", "list:"))}
    if into.value is None:
        into.value = other.value
    elif other.value is not None and (other.value.value, other.value.unit) != (into.value.value, into.value.unit):
        into.notes.append(f"the text also states «{other.value.span.quote}» for this tie")
    if into.duration is None:
        into.duration = other.duration
    for role, w in other.dates.items():
        into.dates.setdefault(role, w)
    into.bounds.extend(other.bounds)
    into.notes.extend(other.notes)
    if note:
        into.notes.append(note)
    statuses = {into.stated_status, other.stated_status}
    into.stated_status = next(s for s in _STATUS_ORDER if s in statuses or s == "announced")


def _tidy(c: Candidate) -> None:
    c.evidence = sorted(set(c.evidence))
    c.bounds = sorted(set(c.bounds), key=lambda w: (w.span.start, w.span.end))
    c.notes = list(dict.fromkeys(c.notes))


def _subsidiaries(graph: Graph) -> set[tuple[str, str]]:
    """(child, parent) pairs the graph states: in-force direct triples or relation nodes."""
    pairs = {(str(s), str(o)) for s, o in graph.subject_objects(AIKG.subsidiaryOf)}
    for r in graph.subjects(RDF.type, AIKG.Relation):
        if graph.value(r, AIKG.relationType) == AIKG.subsidiaryOf and str(graph.value(r, AIKG.status)) != "extracted":
            a, c = graph.value(r, AIKG.actor), graph.value(r, AIKG.counterparty)
            if isinstance(a, URIRef) and isinstance(c, URIRef):
                pairs.add((str(a), str(c)))
    return pairs


def _name_extensions(known: list[Mention], clauses: list[Span], gaz: Gazetteer, subs) -> list[Candidate]:
    """``subsidiaryOf`` from names: "Amazon Web Services" is "Amazon" plus a division word."""
    first: dict[str, Mention] = {}
    for m in known:
        first.setdefault(m.actor.iri or "", m)
    names: dict[str, set[str]] = {}
    for folded, name in gaz.names.items():
        names.setdefault(name.iri, set()).add(folded)
    out = []
    for child, cm in sorted(first.items()):
        for parent, pm in sorted(first.items()):
            if child == parent or not child or not parent:
                continue
            child_label = normalise(gaz.label(child))
            hit = next(
                (p for p in sorted(names.get(parent, ())) if child_label.startswith(p + " ")
                 and child_label[len(p) + 1 :] in _DIVISIONS),
                None,
            )  # fmt: skip
            if hit is None:
                continue
            ev = sorted({_clause_of(cm.span, clauses), _clause_of(pm.span, clauses)})
            cand = Candidate(
                actor=Party(cm.actor, cm.span),
                rtype=SUB,
                counterparty=Party(pm.actor, pm.span),
                evidence=ev,
                patterns=["name-extension"],
                direction=f"«{gaz.label(child)}» is «{gaz.label(parent)}» plus a division name: "
                "the longer name is taken as the subsidiary",
                stated_status="announced",
            )
            cand.flags.add("inferred")
            cand.notes.append("inferred from the names, not stated by the text: check it")
            out.append(cand)
            subs.add((child, parent))
    return out


def _clause_of(span: Span, clauses: list[Span]) -> Span:
    for c in clauses:
        if c.start <= span.start < c.end:
            return c
    return span


def _merge_subsidiaries(
    cands: list[Candidate], subs: set[tuple[str, str]], merged: set[tuple[str, str]] | None = None
) -> list[Candidate]:
    """A compute deal "with Amazon" and compute "from Amazon Web Services" are one tie with AWS."""
    out = []
    by_key = {c.key: c for c in cands}
    for c in cands:
        if c.rtype == BUY and c.counterparty.actor.iri:
            children = [ch for ch, parent in sorted(subs) if parent == c.counterparty.actor.iri]
            target = next(
                (by_key[(c.actor.actor.key, BUY, ch)] for ch in children if (c.actor.actor.key, BUY, ch) in by_key),
                None,
            )
            if target is not None:
                note = (
                    f"the text names «{c.counterparty.actor.label}» as the party and "
                    f"«{target.counterparty.actor.label}», its subsidiary, as the provider: one tie with the subsidiary"
                )
                _absorb(target, c, note)
                target.flags.add("subsidiary-merge")
                if merged is not None:
                    merged.add((target.counterparty.actor.iri, c.counterparty.actor.iri))
                continue
        out.append(c)
    return out


def _resolve_now(c: Candidate) -> None:
    w = c.dates.get("validFrom")
    if w is None or w.kind != "now":
        return
    announced = c.dates.get("announced")
    if announced is None or announced.value is None:
        del c.dates["validFrom"]
        c.notes.append(f"«{w.span.quote}»: the tie starts when announced, but the text gives no announcement date")
        return
    c.dates["validFrom"] = replace(
        w,
        kind="date",
        value=announced.value,
        precision=announced.precision,
        first=announced.first,
        last=announced.last,
        explanation=f"{w.explanation}: the announcement date, {announced.value} ({announced.rule})",
    )


def _confidence(c: Candidate) -> None:
    if c.actor.actor.new or c.counterparty.actor.new:
        c.confidence, c.confidence_rule = "low", "a side is an organisation new to the graph, found by a recogniser"
    elif "inferred" in c.flags and len(c.patterns) == 1:
        c.confidence, c.confidence_rule = "low", "inferred from the actors' names, not stated"
    elif "explicit" in c.flags and "named" in c.flags and "subsidiary-merge" not in c.flags:
        c.confidence, c.confidence_rule = "high", "a pattern gives the direction and a clause names both sides"
    else:
        why = []
        if "explicit" not in c.flags:
            why.append("direction by convention")
        if "named" not in c.flags:
            why.append("a side is named through a pronoun or description")
        if "subsidiary-merge" in c.flags:
            why.append("counterparty taken from the subsidiary named as provider")
        c.confidence, c.confidence_rule = "medium", "; ".join(why) or "medium"
    if c.stated_status == "reported":
        # a reported tie is one step less sure: said by anonymous sources or a news outlet, not stated
        texts = [fold(ev.quote).text for ev in c.evidence]
        hedged = next((m.group(0) for t in texts for m in [HEDGED.search(t)] if m), None)
        report = hedged or next((m.group(0) for t in texts for m in [REPORTED.search(t)] if m), None)
        lower = {"high": "medium", "medium": "low", "low": "low"}[c.confidence]
        kind = "hedged sourcing" if hedged else "a report"
        said = f" («{report.strip()}»)" if report else ""
        c.confidence_rule += f"; lowered to {lower}: the text gives it through {kind}{said}, not as a stated fact"
        c.confidence = lower
