"""Find the graph's actors in a text by their labels and aliases, in both languages.

Matching folds case and accents (:func:`graph.query.actors.normalise`), with two guards against
common words: a name written in capitals in the registry and at most five characters long
(``AWS``, ``AMD``, ``EAU``) only matches in capitals, so French "eau" (water) is not the UAE;
and a one-word name (``Oracle``) does not match a word written all in lower case ("oracle").
Names starting with an article ("le créateur de ChatGPT") also match without it. At each
position the longest name wins ("Amazon Web Services" over "Amazon").

Epithets are data, not code: the registry's ``skos:hiddenLabel`` descriptions that name one actor
("the Claude developer", "le géant de Seattle", "la maison mère de Facebook") are matched like
aliases, and the mention says it was an epithet. The gazetteer also keeps each actor's classes,
so that a description by class ("le fabricant de puces", "the cloud provider") can be resolved
to the latest actor of that class (:mod:`graph.extract.relations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from ..core.vocab import local_name
from ..query.actors import actor_iris, label_of, normalise
from .model import ActorRef, Mention
from .text import Folded

_ARTICLES = ("le ", "la ", "les ", "l'", "the ")


@dataclass(frozen=True)
class Name:
    """One way the registry names an actor."""

    folded: str
    written: str
    iri: str
    kind: str  # "label", "alias" or "epithet"

    @property
    def acronym(self) -> bool:
        letters = self.written.replace(".", "").replace("&", "")
        return len(letters) <= 5 and letters.isupper()

    @property
    def one_word(self) -> bool:
        return " " not in self.folded


class Gazetteer:
    """The actor names of a graph, compiled into one pattern."""

    def __init__(self, graph: Graph, lang: str = "en") -> None:
        self.labels: dict[str, str] = {}
        #: each actor's classes by local name ("Chipmaker", "CloudProvider")
        self.classes: dict[str, frozenset[str]] = {}
        names: dict[str, Name] = {}
        rank = {"label": 0, "alias": 1, "epithet": 2}
        for iri in sorted(actor_iris(graph)):
            self.labels[str(iri)] = label_of(graph, iri, lang)
            self.classes[str(iri)] = frozenset(local_name(c) for c in graph.objects(iri, RDF.type))
            for prop, kind in ((RDFS.label, "label"), (SKOS.altLabel, "alias"), (SKOS.hiddenLabel, "epithet")):
                for lit in sorted(graph.objects(iri, prop)):
                    written = str(lit).strip()
                    folded = normalise(written)
                    if len(folded) < 2:
                        continue
                    variants = [folded]
                    for art in _ARTICLES:
                        if folded.startswith(art) and len(folded) > len(art) + 3:
                            variants.append(folded[len(art) :])
                    for v in variants:
                        if v not in names or rank[kind] < rank[names[v].kind]:
                            names[v] = Name(v, written, str(iri), kind)
        self.names = names
        ordered = sorted(names, key=lambda n: (-len(n), n))
        body = "|".join(re.escape(n) for n in ordered) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w@])(?:{body})(?![\w])")

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    def ref(self, iri: str) -> ActorRef:
        return ActorRef(label=self.label(iri), iri=iri)

    def find(self, original: str, folded: Folded) -> list[Mention]:
        """Every actor name in the text, as mentions with original offsets, in text order."""
        found: list[Mention] = []
        for m in self.pattern.finditer(folded.text):
            name = self.names[m.group(0)]
            span = folded.span(original, m.start(), m.end())
            written = span.quote
            if name.acronym and written != written.upper():
                continue
            if (
                name.one_word
                and not name.acronym
                and written == written.lower()
                and name.written != name.written.lower()
            ):
                continue
            via = None
            if name.kind == "epithet":
                via = f"«{written}» names {self.label(name.iri)}: an epithet of the actor registry (skos:hiddenLabel)"
            found.append(Mention(span=span, actor=self.ref(name.iri), kind=name.kind, via=via))
        return found
