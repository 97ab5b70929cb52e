"""Who does what to whom in French, read from spaCy's dependency parse.

The regular-expression patterns (:mod:`graph.extract.patterns`) need the words in an expected
order. French news turns sentences around: "Nvidia a signé une lettre d'intention avec OpenAI
pour lui fournir dix gigawatts de systèmes", "Nebius recevra 2 milliards de dollars de Nvidia",
"OpenAI a renoncé à louer à Oracle l'extension...". Here each clause is parsed, and each deal verb
of :data:`graph.extract.lexicon.FR_VERBS` is read with its arguments:

- the subject: the verb's ``nsubj``; for a passive, the ``par`` agent; for a verb governed by
  another ("prévoit d'investir", "pour lui fournir", "a commencé à louer"), the governor's
  subject; failing that, the clause's subject found by the caller;
- the other side: the mention governed by one of the frame's prepositions (``à``, ``avec``,
  ``dans``, ``auprès de``, ``de``...), directly or as a complement of the object ("2 milliards de
  dollars de Nvidia", "des actions Intel", "les puces de Google"), or an indirect pronoun
  ("lui", already resolved to an actor);
- what is traded: chips when the object's words are chips (puces, processeurs, GPU, systèmes...),
  compute when they are compute (capacité, calcul, cloud, services...); failing both, the
  classes decide (a cloud provider sells compute, a chipmaker chips).

A mention is an actor's name, an epithet, a pronoun or a description already resolved by
:mod:`graph.extract.relations`; the parse only says which mention fills which role. Each reading
names the verb and the rule in its direction note. A verb governed by an ending verb
("renoncer", "suspendre", "abandonner") or negated with "ne ... plus" gives an ended tie; one
negated with "ne ... pas" gives nothing; a verb in the conditional is "reported".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    BUY,
    CHIP_NOUNS,
    COMPUTE_NOUNS,
    DEAL_NOUNS,
    ENDING_VERBS,
    FR_VERBS,
    INVEST,
    LICENCE_NOUNS,
    MONEY_NOUNS,
    PARTNER,
    PARTNER_NOUNS,
    PROCURE,
    SHARE_NOUNS,
    SITE_NOUNS,
    STAKE,
    SUPPLIER_NOUNS,
    SUPPLY,
)
from .model import Mention, Span
from .text import fold

#: Dependents that open a clause of their own: the arguments of a verb are not looked for inside them.
_CLAUSE_DEPS = ("acl:relcl", "advcl", "ccomp", "parataxis", "csubj", "xcomp", "acl")
_HOP_DEPS = ("nmod", "appos", "flat:name", "compound", "amod", "nummod", "conj", "acl")
_SUBJ_CLIMB = ("xcomp", "advcl", "ccomp", "conj", "acl")


#: Verbs that take their meaning from their object noun ("avoir accès", "prendre une participation").
_LIGHT_VERBS = frozenset({"avoir", "obtenir", "garder", "conserver", "prendre", "donner"})


@dataclass(frozen=True)
class Reading:
    """One relation read from the parse of a clause."""

    rtype: str
    actor: Mention
    counterparty: Mention
    lemma: str
    start: int  # original offsets of the words used (verb and arguments)
    end: int
    direction: str
    default: bool
    status: str | None  # "ended", "reported" or None (the clause decides)


#: French conditional endings after the future stem (-ais, -ait, -ions, -iez, -aient).
_CONDITIONAL_ENDING = re.compile(r"(?:ais|ait|ions|iez|aient)$")


def _conditional(verb) -> bool:
    """Whether a finite verb is in the conditional. The tagger's mood is not trusted: it takes
    «fournira» (future) for a conditional and «fournirait» for an imperfect. The form decides: the
    future stem (the infinitive, «vendre» losing its e) then an imperfect ending, so that «livrerait»
    is a conditional and «livrait» is not; irregular stems (aurait, serait) are read as reports elsewhere."""
    if "Fin" not in verb.morph.get("VerbForm"):
        return False
    form, lemma = _f(verb.text), _f(verb.lemma_)
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return len(form) > len(stem) and form.startswith(stem) and bool(_CONDITIONAL_ENDING.search(form[len(stem) :]))


def _f(word: str) -> str:
    return fold(word.lower()).text


class _Clause:
    """A parsed clause and the mention behind each token."""

    def __init__(self, doc, clause: Span, mentions: list[Mention], classes: dict[str, frozenset[str]]) -> None:
        self.doc, self.clause, self.classes = doc, clause, classes
        self.mention: dict[int, Mention] = {}
        for tok in doc:
            s = clause.start + tok.idx
            e = s + len(tok.text)
            for m in mentions:
                if m.span.start <= s and e <= m.span.end + 1 and s < m.span.end:
                    self.mention[tok.i] = m
                    break

    def classes_of(self, m: Mention) -> frozenset[str]:
        return self.classes.get(m.actor.iri or "", frozenset())

    def prep(self, tok) -> str:
        """The preposition governing ``tok`` ("a", "avec", "aupres de", "au capital de", "" for none)."""
        cases = [c for c in tok.children if c.dep_ in ("case", "mark") and c.i < tok.i]
        words = []
        for c in cases:
            words.append(_f(c.text))
            words += [_f(f.text) for f in c.children if f.dep_ == "fixed"]
        text = " ".join(words).replace("d'", "de").replace("l'", "").strip()
        text = {"au": "a", "aux": "a", "du": "de", "des": "de", "d": "de"}.get(text, text)
        if _f(tok.lemma_) == "capital" and text == "a":
            return "au capital de"
        head = tok.head
        if text == "de" and head.i != tok.i and _f(head.text) == "aupres":
            return "aupres de"  # the parser often hangs «auprès» on the object and the name on it
        through = _f(head.lemma_) in ("intermediaire", "biais")
        if text == "de" and head.i != tok.i and through and self.prep(head) == "par":
            return "par l'intermediaire de"
        return text

    def mentions_at(self, tok, depth: int = 2) -> list[Mention]:
        """The mentions an argument token stands for: itself, its conjuncts, or a complement."""
        found: list[Mention] = []
        if tok.i in self.mention:
            found.append(self.mention[tok.i])
            for c in tok.conjuncts:
                if c.i in self.mention and self.mention[c.i] not in found:
                    found.append(self.mention[c.i])
            return found
        if depth == 0:
            return found
        for c in tok.children:
            if c.dep_ in _HOP_DEPS and self.prep(c) in ("", "de"):
                found += [m for m in self.mentions_at(c, depth - 1) if m not in found]
        return found

    def words(self, tok) -> set[str]:
        return {_f(t.lemma_) for t in tok.subtree} | {_f(t.text) for t in tok.subtree}


def _subject(cl: _Clause, verb) -> tuple[list[Mention], bool]:
    """The verb's subject mentions (logical subject), and whether the verb is passive."""
    tok = verb
    for _ in range(4):
        passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in tok.children)
        if passive:
            agent = [c for c in tok.children if c.dep_ in ("obl:agent", "obl", "obl:mod") and cl.prep(c) == "par"]
            if not agent:
                # «sera apporté à OpenAI par SoftBank»: the agent hung on the other argument
                agent = [c for c in _region(tok) if c.i in cl.mention and cl.prep(c) == "par"]
            if agent:
                return cl.mentions_at(agent[0]), True
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj:
            found = cl.mentions_at(subj[0])
            # "Nvidia et xAI rejoignent": a coordination the parser did not attach
            k = subj[0].left_edge.i
            while found and k >= 2 and _f(cl.doc[k - 1].text) in ("et", "ou", ",") and (k - 2) in cl.mention:
                m = cl.mention[k - 2]
                if m not in found:
                    found.insert(0, m)
                k = cl.doc[k - 2].left_edge.i if cl.doc[k - 2].left_edge.i < k - 2 else k - 2
            return found, False
        if tok.dep_ == "acl" and tok.head.i in cl.mention and tok.head.i == tok.i - 1:
            # "Crusoe construit pour Oracle ...": a verb the parser hung on the name just before it
            return [cl.mention[tok.head.i]], False
        if tok.dep_ in _SUBJ_CLIMB and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return [], False


def _governors(verb) -> list:
    out, tok = [], verb
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


#: Verbs of saying whose past makes a conditional after «que» the future in the past («Amazon a annoncé
#: qu'il investirait 50 milliards»: announced, not hedged).
_DECLARE = frozenset(
    "annoncer indiquer declarer preciser affirmer confirmer expliquer assurer dire ajouter communiquer "
    "faire savoir".split()
)


def _future_in_the_past(verb) -> bool:
    """A conditional that reports what a company said it would do: under a verb of saying in a past
    tense (not itself conditional, not «selon»)."""
    head = verb.head
    if verb.dep_ != "ccomp" or head is verb or _f(head.lemma_) not in _DECLARE or _conditional(head):
        return False
    aux = [c for c in head.children if c.dep_ in ("aux", "aux:tense")]
    return bool(aux) or "Tense=Imp" in str(head.morph) or "Tense=Past" in str(head.morph)


def _negation(verb) -> str | None:
    words = {_f(c.text) for c in verb.children if c.dep_ in ("advmod", "advmod:neg", "dep")}
    if "plus" in words and any(_f(c.text) in ("ne", "n'", "n") for c in verb.children):
        return "ended"
    if words & {"pas", "jamais"}:
        return "not"
    return None


def _region(verb) -> list:
    """The tokens of the verb's own clause: its subtree without embedded clauses (relatives,
    adverbial clauses, complements with a verb of their own) and without its subject."""
    out, todo = [], [c for c in verb.children if not c.dep_.startswith("nsubj")]
    while todo:
        tok = todo.pop()
        if tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX"):
            continue
        if tok.dep_ == "conj" and tok.pos_ == "VERB":
            continue
        out.append(tok)
        todo.extend(tok.children)
    return sorted(out, key=lambda t: t.i)


def _arguments(cl: _Clause, verb, preps: tuple[str, ...]) -> list[tuple[str, object]]:
    """(preposition, token) for each argument of the verb the frame allows: a token of the verb's
    own clause governed by one of the frame's prepositions, the direct object, or an indirect
    pronoun. Looking through the whole clause rather than the verb's children makes up for
    attachments the parser gets wrong ("2 milliards de dollars de Nvidia", "avec Nscale" under the
    object)."""
    out = []
    for tok in _region(verb):
        if tok.dep_ == "iobj":
            key = "iobj"
        elif tok.dep_ == "obj" and tok.head.i == verb.i:
            key = ""
        else:
            key = cl.prep(tok)
            if not key:
                continue
        if key in preps:
            out.append((key, tok))
    return out


def _traded(cl: _Clause, verb, seller: Mention | None) -> str:
    """ "chips" or "compute": the object's words, else the seller's class."""
    words: set[str] = {_f(t.lemma_) for t in _region(verb)} | {_f(t.text) for t in _region(verb)}
    chips, compute = bool(words & CHIP_NOUNS), bool(words & COMPUTE_NOUNS)
    seller_classes = cl.classes_of(seller) if seller else frozenset()
    if "CloudProvider" in seller_classes:
        return "compute"  # a cloud provider's GPUs are rented compute
    if chips and not compute:
        return "chips"
    if compute and not chips:
        return "compute"
    if chips and compute:
        return "chips" if "Chipmaker" in seller_classes else "compute"
    if "Chipmaker" in seller_classes:
        return "chips"
    return "compute"


def _clause_words(cl: _Clause) -> set[str]:
    return {_f(t.lemma_) for t in cl.doc} | {_f(t.text) for t in cl.doc}


def read(
    doc, clause: Span, mentions: list[Mention], classes: dict[str, frozenset[str]], fallback: Mention | None = None
) -> list[Reading]:
    """The relations the deal verbs of one parsed clause state between its mentions.

    Parameters
    ----------
    doc
        spaCy's parse of ``clause.quote``.
    clause
        The clause, with its offsets in the text.
    mentions
        The clause's mentions (names, epithets, resolved pronouns and descriptions).
    classes
        Each known actor's classes by local name (the gazetteer's).
    fallback
        The clause's subject found without the parse (the first actor no preposition governs),
        used when the parse gives a deal verb no subject.
    """
    cl = _Clause(doc, clause, mentions, classes)
    if len({m.actor.key for m in cl.mention.values()}) < 2:
        return []
    out: list[Reading] = []
    for verb in doc:
        lemma = _f(verb.lemma_)
        frames = FR_VERBS.get(lemma)
        if lemma in _LIGHT_VERBS:
            # "avoir accès à ... par l'intermédiaire de Y": the noun says what the verb does
            nouns = [c for c in verb.children if c.dep_ == "obj" and _f(c.lemma_) in FR_VERBS]
            if nouns:
                lemma = _f(nouns[0].lemma_)
                frames = FR_VERBS[lemma]
        if not frames or verb.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        neg = _negation(verb)
        if neg == "not":
            continue
        ended = neg == "ended" or any(_f(g.lemma_) in ENDING_VERBS for g in _governors(verb)) or lemma in ENDING_VERBS
        conditional = _conditional(verb) and not _future_in_the_past(verb)
        status = "ended" if ended else ("reported" if conditional else None)
        subjects, _passive = _subject(cl, verb)
        if not subjects and fallback is not None and fallback.span.start < clause.start + verb.idx:
            subjects = [fallback]
        if not subjects:
            continue
        for kind, preps in frames:
            for prep, tok in _arguments(cl, verb, preps):
                for other in cl.mentions_at(tok):
                    for subj in subjects:
                        if other.actor.key == subj.actor.key:
                            continue
                        r = _reading(cl, verb, lemma, kind, prep, tok, subj, other, status)
                        if r is not None:
                            out.append(r)
    return out


def _reading(cl: _Clause, verb, lemma: str, kind: str, prep: str, tok, subj: Mention, other: Mention, status):
    start = cl.clause.start + min(verb.idx, tok.idx)
    end = cl.clause.start + max(verb.idx + len(verb.text), tok.idx + len(tok.text))
    say = f"«{verb.text}» ({lemma}) read from the parse"
    where = f"«{prep}»" if prep not in ("", "iobj") else ("the object" if prep == "" else "the indirect object")

    def mk(rtype: str, actor: Mention, cp: Mention, why: str) -> Reading:
        return Reading(rtype, actor, cp, lemma, start, end, f"{say}: {why}", False, status)

    region = _region(verb)
    lemmas = {_f(t.lemma_) for t in region}  # the words of the verb's own clause
    if kind == "invest" and lemma == "verser" and lemmas & (COMPUTE_NOUNS | CHIP_NOUNS):
        # «versera 17,4 milliards de dollars à Nebius pour de la capacité GPU»: a payment for compute
        kind = "buy"
    if kind == "invest":
        if prep == "" and not (cl.words(tok) & MONEY_NOUNS) and tok.dep_ == "obj":
            return None  # "investir X" with an actor as object is no investment in it
        return mk(INVEST, subj, other, f"the subject invests in {where}")
    if kind == "acquire":
        if tok.i not in cl.mention:
            return None  # "acquérir de la capacité" is a purchase, not an acquisition
        return mk(INVEST, subj, other, "the subject acquires the company named as object (an investment)")
    if kind == "raise":
        if not ({_f(t.lemma_) for c in verb.children if c.dep_ == "obj" for t in c.subtree} & MONEY_NOUNS):
            return None
        return mk(INVEST, other, subj, f"{where} invests in the subject")
    if kind == "hold":
        objwords: set[str] = set()
        for c in verb.children:
            if c.dep_ == "obj":
                objwords |= cl.words(c)
        if not (objwords & SHARE_NOUNS or "%" in objwords):
            return None
        return mk(STAKE, subj, other, f"the subject holds shares of {where}")
    if kind == "pay":
        # «payer 1 milliard à SpaceX pour des services de cloud»: a purchase only when the clause
        # says what is bought; paying someone is otherwise too vague (a fee, a fine, a price)
        if not (lemmas & (COMPUTE_NOUNS | CHIP_NOUNS)):
            return None
        kind = "buy"
    if kind == "buy":
        if prep == "" and tok.i not in cl.mention and not cl.mentions_at(tok):
            return None
        if lemma in ("acheter", "acquerir") and {_f(t.text) for t in region} & {"actions", "titres"}:
            return mk(INVEST, subj, other, f"the subject buys shares of {where}: an investment")
        if lemmas & LICENCE_NOUNS:
            return mk(PARTNER, subj, other, f"a licence from {where}: a symmetric tie")
        if lemma == "exploiter" and lemmas & SITE_NOUNS:
            return mk(PARTNER, subj, other, f"the subject operates the site of {where}: a symmetric tie")
        traded = _traded(cl, verb, other)
        if lemma == "deployer" and traded != "chips":
            return None
        if traded == "chips":
            return mk(PROCURE, subj, other, f"the subject gets chips from {where}")
        return mk(BUY, subj, other, f"the subject buys compute from {where}")
    if kind == "sell":
        if _traded(cl, verb, subj) == "chips":
            return mk(SUPPLY, subj, other, f"the subject supplies chips to {where}")
        return mk(BUY, other, subj, f"{where} buys compute from the subject")
    if kind == "partner":
        return mk(PARTNER, subj, other, f"a symmetric tie with {where}")
    if kind == "supplier-added":
        rest: set[str] = set()
        for c in verb.children:
            if c.dep_ in ("obl", "obl:arg", "obl:mod"):
                rest |= cl.words(c)
        if not rest & SUPPLIER_NOUNS:
            return None
        return mk(BUY, subj, other, f"{where} is added to the subject's suppliers")
    if kind == "deal":
        return _deal(cl, verb, lemma, subj, other, start, end, say, status)
    return None


def _deal(cl: _Clause, verb, lemma, subj: Mention, other: Mention, start, end, say, status) -> Reading | None:
    """A contract "avec" the other side: partnership, chips or compute, with the direction by class."""
    # the deal's noun: in the verb's clause, or just after the verb where the parser lost it
    objwords = {_f(t.lemma_) for t in _region(verb)}
    objwords |= {_f(t.lemma_) for t in cl.doc[verb.i + 1 : verb.i + 9]}
    if objwords & PARTNER_NOUNS:
        return Reading(PARTNER, subj, other, lemma, start, end, f"{say}: a partnership «avec» the other side", True,
                       status)  # fmt: skip
    if objwords & LICENCE_NOUNS:
        # «un accord de licence avec Groq»: a licence, a partnership, whatever the chip words of a description
        return Reading(PARTNER, subj, other, lemma, start, end, f"{say}: a licence «avec» the other side", True,
                       status)  # fmt: skip
    if not (objwords & DEAL_NOUNS or objwords & PARTNER_NOUNS):
        return None
    cs, co = cl.classes_of(subj), cl.classes_of(other)
    clause_words = _clause_words(cl)
    chips = bool(clause_words & CHIP_NOUNS)
    if chips and "CloudProvider" not in cs | co:
        if ("Chipmaker" in cs) != ("Chipmaker" in co):
            buyer, seller = (other, subj) if "Chipmaker" in cs else (subj, other)
            why = "a chip deal; the chipmaker is the seller"
        else:
            buyer, seller, why = subj, other, "a chip deal; by convention the subject is the buyer"
        return Reading(PROCURE, buyer, seller, lemma, start, end, f"{say}: {why}", True, status)
    compute = bool(clause_words & COMPUTE_NOUNS)
    if ("CloudProvider" in cs) != ("CloudProvider" in co):
        buyer, seller = (other, subj) if "CloudProvider" in cs else (subj, other)
        return Reading(BUY, buyer, seller, lemma, start, end,
                       f"{say}: a contract with a cloud provider; the other side is the customer", True,
                       status)  # fmt: skip
    if compute:
        return Reading(BUY, subj, other, lemma, start, end,
                       f"{say}: a compute contract; by convention the subject is the customer", True,
                       status)  # fmt: skip
    return None
