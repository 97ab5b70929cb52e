"""Synthetic graphs in the aikg ontology, with the market's shape, for scale tests and benchmarks.

Its actors and relations live in a namespace of their own (``.../id/synthetic/``) and every
relation's source is a node titled as synthetic, so generated data can never pass for real facts.

Shape: a few hubs hold most ties (preferential attachment: a counterparty is drawn in proportion
to the ties it already has, plus one), actor classes in fixed proportions, relation types in the
proportions of the public-reports layer, dates spread over 2016-2026 with some precision left at
month or year, about 15% of relations ended, heavy-tailed (log-normal) values with about 30%
missing. Deterministic for a seed: the same arguments give the same bytes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator

BASE = "https://w3id.org/ai-infra-kg/id/synthetic/"

#: Actor classes and their share of actors.
CLASS_SHARES: tuple[tuple[str, float], ...] = (
    ("Investor", 0.28),
    ("DataCenterDeveloper", 0.14),
    ("CloudProvider", 0.12),
    ("EnergyCompany", 0.09),
    ("AILab", 0.10),
    ("DataCenterVenture", 0.07),
    ("Chipmaker", 0.06),
    ("HardwareVendor", 0.06),
    ("Conglomerate", 0.05),
    ("SovereignEntity", 0.03),
)

#: Relation types, their share, and the class the counterparty must have (None: any).
RELATION_SHARES: tuple[tuple[str, float, str | None], ...] = (
    ("investsIn", 0.24, None),
    ("buysComputeFrom", 0.24, "CloudProvider"),
    ("partnersWith", 0.20, None),
    ("ownsStakeIn", 0.10, None),
    ("procuresChipsFrom", 0.09, "Chipmaker"),
    ("memberOfJointVenture", 0.07, "DataCenterVenture"),
    ("suppliesChipsTo", 0.04, None),
    ("subsidiaryOf", 0.01, "Conglomerate"),
    ("needsApprovalFrom", 0.005, None),
    ("hasRightOfFirstRefusal", 0.005, None),
)
STATUSES = ("announced", "definitive", "reported", "letter-of-intent")

PREFIXES = f"""@prefix aikg: <https://w3id.org/ai-infra-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix sa: <{BASE}actor/> .
@prefix sr: <{BASE}relation/> .
@prefix ss: <{BASE}source/> .

"""


def _pick(rng: random.Random, shares: tuple) -> tuple:
    x = rng.random() * sum(s[1] for s in shares)
    for item in shares:
        x -= item[1]
        if x <= 0:
            return item
    return shares[-1]


def _date(rng: random.Random) -> tuple[str, str]:
    year = rng.randint(2016, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.05:
        return f"{year}", "gYear"
    if roll < 0.20:
        return f"{year}-{month:02d}", "gYearMonth"
    return f"{year}-{month:02d}-{day:02d}", "date"


def generate(
    actors: int, relations: int, seed: int = 0, progress: Callable[[int], None] | None = None
) -> Iterator[str]:
    """Yield the Turtle text of a synthetic graph, chunk by chunk.

    Parameters
    ----------
    actors, relations : int
        How many of each (actors >= 2).
    seed : int
        Random seed; the output is a pure function of the three arguments.
    progress : callable, optional
        Called with the number of relations written so far, every 1% or so.
    """
    if actors < 2 or relations < 0:
        raise ValueError("need at least 2 actors and a non-negative number of relations")
    rng = random.Random(seed)
    yield PREFIXES
    yield (
        f'ss:s0 a aikg:Source ; dcterms:title "Synthetic data from aikg synth (seed {seed}): not real facts" ;\n'
        '    aikg:note "Generated for scale tests; every actor, relation and value here is invented." .\n'
        "ss:e0 a aikg:Evidence ; aikg:inSource ss:s0 .\n\n"
    )
    classes: list[str] = []
    by_class: dict[str, list[int]] = {}
    lines = []
    for i in range(actors):
        cls = _pick(rng, CLASS_SHARES)[0]
        classes.append(cls)
        by_class.setdefault(cls, []).append(i)
        name = f"Synthetic {cls} {i:06d}"
        lines.append(f'sa:a{i} a aikg:{cls} ; rdfs:label "{name}"@en , "{name}"@fr .\n')
    yield "".join(lines) + "\n"

    # Preferential attachment: an "urn" holds one entry per actor plus one per tie it has; a
    # draw from it picks actors in proportion to their ties plus one.
    urn = {cls: list(ids) for cls, ids in by_class.items()}
    urn_all = list(range(actors))
    step = max(relations // 100, 1)
    chunk = []
    for n in range(relations):
        rtype, _, target_class = _pick(rng, RELATION_SHARES)
        pool = urn.get(target_class, urn_all) if target_class else urn_all
        if not pool:
            pool = urn_all
        obj = rng.choice(pool)
        subj = rng.randrange(actors)
        if subj == obj:
            subj = (subj + 1) % actors
        urn_all.extend((subj, obj))
        urn.setdefault(classes[obj], []).append(obj)
        start, start_type = _date(rng)
        parts = [
            f'sr:r{n} a aikg:Relation ; aikg:factId "S{n}" ;',
            f"    aikg:actor sa:a{subj} ; aikg:relationType aikg:{rtype} ; aikg:counterparty sa:a{obj} ;",
            f'    aikg:announced "{start}"^^xsd:{start_type} ;',
        ]
        if rng.random() < 0.5:
            parts.append(f'    aikg:validFrom "{start}"^^xsd:{start_type} ;')
        ended = rng.random() < 0.15
        if ended:
            year = int(start[:4]) + rng.randint(1, 4)
            parts.append(f'    aikg:validUntil "{year}"^^xsd:gYear ;')
        if rng.random() < 0.7:
            if rtype in ("ownsStakeIn",):
                parts.append(f'    aikg:value {round(rng.uniform(0.1, 60), 1)} ; aikg:unit "percent" ;')
            elif rng.random() < 0.15:
                parts.append(f'    aikg:value {round(math.exp(rng.gauss(0, 1)), 2)} ; aikg:unit "GW" ;')
            else:
                usd = round(math.exp(rng.gauss(math.log(1e9), 1.6)), -6)
                parts.append(f'    aikg:value {usd:.1f} ; aikg:unit "USD" ;')
        if rng.random() < 0.3:
            parts.append(f'    aikg:duration "P{rng.randint(1, 15)}Y"^^xsd:duration ;')
        status = "ended" if ended else STATUSES[rng.randrange(len(STATUSES))]
        confidence = "high" if rng.random() < 0.7 else "medium"
        parts.append(f'    aikg:status "{status}" ; aikg:confidence "{confidence}" ; prov:wasDerivedFrom ss:e0 .\n')
        chunk.append("\n".join(parts))
        if (n + 1) % step == 0:
            yield "".join(chunk)
            chunk = []
            if progress:
                progress(n + 1)
    yield "".join(chunk)
    if progress:
        progress(relations)
