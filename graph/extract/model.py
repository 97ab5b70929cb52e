"""The plain data the extractor passes between its stages: spans, values, dates, candidates.

No rdflib here: :mod:`graph.extract.to_rdf` turns candidates into RDF, and
:mod:`graph.extract.render` into a table or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the input text: ``text[start:end] == quote``, offsets in code points."""

    start: int
    end: int
    quote: str

    def as_dict(self) -> dict:
        return {"quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class ScaleFlag:
    """Why an amount's multiplier word could mean two different powers of ten."""

    word: str
    reading: str  # the power of ten chosen, "10^12"
    alternative: str  # the other reading, "10^18"
    why: str

    def as_dict(self) -> dict:
        return {"word": self.word, "reading": self.reading, "alternative": self.alternative, "why": self.why}


@dataclass(frozen=True)
class Amount:
    """A sum of money, a capacity or a share, as the text states it.

    ``unit`` is an ISO 4217 code, ``GW``, ``MW`` or ``percent``, or ``None`` when the text names
    no currency ("1 000 milliards" on its own).
    """

    span: Span
    value: Decimal
    unit: str | None
    kind: str  # "money", "capacity", "percent"
    rule: str  # how the figure was read, in words
    scale: ScaleFlag | None = None
    lower_bound: bool = False  # "plus de", "more than"
    qualifier: str | None = None  # "up to", "about"
    excluded: str | None = None  # why it is not a deal value ("a valuation")

    def as_dict(self) -> dict:
        out = {
            **self.span.as_dict(),
            "value": format_decimal(self.value),
            "unit": self.unit,
            "kind": self.kind,
            "rule": self.rule,
            "lower_bound": self.lower_bound,
        }
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.scale:
            out["scale_ambiguous"] = self.scale.as_dict()
        if self.excluded:
            out["excluded"] = self.excluded
        return out


@dataclass(frozen=True)
class When:
    """A date, a bound or a duration found in the text and resolved against the publication date.

    ``kind`` is ``"date"`` (a day, a week, a month or a year: ``value`` is its ISO form, a week
    written as its Monday), ``"bound"`` (before or after something: ``value`` may be ``None``),
    ``"duration"`` (``value`` an xsd:duration such as ``P7Y``, or ``None`` with a note for
    "multi-year"), or ``"now"`` (the start is the announcement itself: "immediately").
    ``first``/``last`` give the days the value covers, for comparisons.
    """

    span: Span
    kind: str
    value: str | None
    precision: str  # "day", "week", "month", "year", "bound", "duration"
    rule: str  # the rule's name, "weekday-this-week"
    explanation: str  # the rule applied to this text, in words
    role: str | None = None  # the relation property it fills: "announced", "validUntil", ...
    first: str | None = None
    last: str | None = None
    bound: str | None = None  # "before", "after", "from"

    def as_dict(self) -> dict:
        out = {
            **self.span.as_dict(),
            "kind": self.kind,
            "value": self.value,
            "precision": self.precision,
            "rule": self.rule,
            "explanation": self.explanation,
        }
        for key in ("role", "first", "last", "bound"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class ActorRef:
    """An actor of the graph (``iri``) or a new organisation the text names (``iri`` is ``None``)."""

    label: str
    iri: str | None = None
    found_by: str = "gazetteer"  # "gazetteer", "spacy", "capitalised-name"

    @property
    def new(self) -> bool:
        return self.iri is None

    @property
    def key(self) -> str:
        return self.iri or "new:" + self.label.casefold()


@dataclass(frozen=True)
class Mention:
    """Where the text names (or refers to) an actor.

    ``kind``: ``"label"`` or ``"alias"`` (the registry's names), ``"new"`` (a recogniser's
    organisation), ``"anaphor"`` ("la société", "elle", "the company"), resolved to
    ``actor`` through ``via`` (why).
    """

    span: Span
    actor: ActorRef
    kind: str
    via: str | None = None
    reported: bool = False  # resolved through words that report rather than state ("Bloomberg identified")
    support: Span | None = None  # the clause that resolves it, when another ("... identified the customer as X")


@dataclass(frozen=True)
class Party:
    """One side of a candidate relation: the actor and the words that name it in the evidence."""

    actor: ActorRef
    mention: Span
    via: str | None = None  # how an anaphor was resolved

    def as_dict(self) -> dict:
        out = {
            "label": self.actor.label,
            "iri": self.actor.iri,
            "new": self.actor.new,
            "mention": self.mention.as_dict(),
        }
        if self.actor.new:
            out["found_by"] = self.actor.found_by
        if self.via:
            out["resolved"] = self.via
        return out


@dataclass
class Candidate:
    """One relation the text states, with every piece of evidence behind it."""

    actor: Party
    rtype: str  # local name of the relation type: "buysComputeFrom"
    counterparty: Party
    evidence: list[Span]
    patterns: list[str]
    direction: str  # why actor and counterparty are on the sides they are
    stated_status: str = "announced"
    value: Amount | None = None
    duration: When | None = None
    dates: dict[str, When] = field(default_factory=dict)
    bounds: list[When] = field(default_factory=list)  # bounds with no date to record
    confidence: str = "medium"
    confidence_rule: str = ""
    notes: list[str] = field(default_factory=list)
    compare: dict | None = None
    flags: set[str] = field(default_factory=set)  # "explicit", "named", "subsidiary-merge", "inferred"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.actor.actor.key, self.rtype, self.counterparty.actor.key)


@dataclass
class Extraction:
    """Everything ``aikg extract`` found in one text."""

    text: str
    lang: str
    lang_rule: str
    published: str
    title: str
    url: str | None
    source_name: str | None
    mentions: list[Mention]
    amounts: list[Amount]
    whens: list[When]
    candidates: list[Candidate]
    ner_status: str
    notes: list[str] = field(default_factory=list)

    @property
    def new_actors(self) -> list[ActorRef]:
        seen: dict[str, ActorRef] = {}
        for c in self.candidates:
            for p in (c.actor, c.counterparty):
                if p.actor.new:
                    seen.setdefault(p.actor.key, p.actor)
        return [seen[k] for k in sorted(seen)]


def format_decimal(value: Decimal) -> str:
    """A plain decimal without exponent or trailing zeros: ``38000000000``, ``4.5``."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
