"""Tooltip contents as plain data, never as markup.

A tooltip is a dict ``{"head": str, "sub": str, "rows": [[name, value], ...], "sources":
[{"title", "issued", "url", "quotes": [...]}]}``. The page turns it into DOM nodes with
``textContent`` (``graph/view/templates/view.js``), so whatever a label, an alias, a source
title or a quoted span contains is shown as text and can never run: no string from the data
is ever parsed as HTML. :func:`tip_text` gives the same content as plain text (tests, docs).
"""

from __future__ import annotations

import math
from typing import Any

from ..core.vocab import local_name

#: Words of the page and its tooltips, by language.
UI_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "actors": "actors",
        "relations": "relations",
        "ended_shown": "ended shown",
        "as_of": "as of",
        "as_of_none": "every relation in the data, whatever its dates",
        "class": "class",
        "aliases": "aliases",
        "wikidata": "Wikidata",
        "other_label": "French label",
        "iri": "IRI",
        "centrality": "centrality",
        "type": "type",
        "value": "value",
        "announced": "announced",
        "start": "in force from",
        "until": "in force until",
        "duration": "duration",
        "status": "status",
        "confidence": "confidence",
        "fact": "fact",
        "role": "role",
        "started_by": "started by",
        "ended_by": "ended by",
        "source": "source",
        "issued": "issued",
        "url": "URL",
        "evidence": "evidence",
        "ended": "ended relation (not in force on this date)",
        "added": "new in the after network",
        "removed": "ended before the after date",
        "legend": "Legend",
        "legend_actor_classes": "Actors (colour and shape by class)",
        "legend_relation_types": "Relations (colour and dash by type)",
        "legend_arrow": "An arrow A \u2192 B reads \u201cA <relation> B\u201d: OpenAI \u2192 AWS is "
        "\u201cOpenAI buys compute from AWS\u201d. Partnerships have no arrow.",
        "legend_size": "Node size: {measure}.",
        "legend_size_none": "Node size: equal (no figures).",
        "legend_width": "Edge width: the relation's value, on a log scale per unit, where known.",
        "legend_ended": "ended relation",
        "legend_added": "only after (new)",
        "legend_removed": "only before (ended)",
        "legend_unchanged": "unchanged relation (faded)",
        "legend_filter": "Untick a class or a type to hide it.",
        "legend_solid": "A large graph: relation types are told by colour only (no dashes), "
        "which keeps it fast to draw.",
        "search": "Find an actor",
        "search_go": "Find",
        "not_found": "no actor called",
        "details": "Details",
        "details_hint": "Click an actor or a relation to see its details here; hover for a tooltip.",
        "relations_of": "Its relations in this view",
        "before": "Before",
        "after": "After",
        "event": "event",
        "show_ended": "show ended relations",
        "both": "Side by side",
        "only_before": "Before only",
        "only_after": "After only",
        "none": "none",
        "yes": "yes",
    },
    "fr": {
        "actors": "acteurs",
        "relations": "relations",
        "ended_shown": "terminées affichées",
        "as_of": "au",
        "as_of_none": "toutes les relations des données, quelles que soient leurs dates",
        "class": "classe",
        "aliases": "autres noms",
        "wikidata": "Wikidata",
        "other_label": "nom en anglais",
        "iri": "IRI",
        "centrality": "centralité",
        "type": "type",
        "value": "valeur",
        "announced": "annoncée le",
        "start": "en vigueur depuis",
        "until": "en vigueur jusqu'au",
        "duration": "durée",
        "status": "statut",
        "confidence": "confiance",
        "fact": "fait",
        "role": "rôle",
        "started_by": "commencée par",
        "ended_by": "terminée par",
        "source": "source",
        "issued": "publiée le",
        "url": "URL",
        "evidence": "extrait",
        "ended": "relation terminée (plus en vigueur à cette date)",
        "added": "nouvelle dans le réseau « après »",
        "removed": "terminée avant la date « après »",
        "legend": "Légende",
        "legend_actor_classes": "Acteurs (couleur et forme selon la classe)",
        "legend_relation_types": "Relations (couleur et tirets selon le type)",
        "legend_arrow": "Une flèche A \u2192 B se lit « A <relation> B » : OpenAI \u2192 AWS signifie "
        "« OpenAI achète du calcul à AWS ». Les partenariats n'ont pas de flèche.",
        "legend_size": "Taille des nœuds : {measure}.",
        "legend_size_none": "Taille des nœuds : égale (pas de mesure).",
        "legend_width": "Épaisseur des liens : valeur de la relation, en échelle logarithmique "
        "par unité, quand elle est connue.",
        "legend_ended": "relation terminée",
        "legend_added": "seulement après (nouvelle)",
        "legend_removed": "seulement avant (terminée)",
        "legend_unchanged": "relation inchangée (estompée)",
        "legend_filter": "Décochez une classe ou un type pour le masquer.",
        "legend_solid": "Grand graphe : les types de relation se distinguent par la couleur seule "
        "(sans tirets), pour qu'il reste rapide à dessiner.",
        "search": "Chercher un acteur",
        "search_go": "Chercher",
        "not_found": "aucun acteur nommé",
        "details": "Détails",
        "details_hint": "Cliquez sur un acteur ou une relation pour en voir le détail ici ; "
        "survolez pour une info-bulle.",
        "relations_of": "Ses relations dans cette vue",
        "before": "Avant",
        "after": "Après",
        "event": "événement",
        "show_ended": "afficher les relations terminées",
        "both": "Côte à côte",
        "only_before": "Avant seulement",
        "only_after": "Après seulement",
        "none": "aucun",
        "yes": "oui",
    },
}

LANGUAGES = tuple(UI_TEXT)

#: The centrality measures by their names in each language (the data keeps the English keys); the
#: size-limit notice and the French tooltips read them.
MEASURE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "in_degree": "in-degree",
        "out_degree": "out-degree",
        "degree": "degree",
        "betweenness": "betweenness",
        "pagerank": "PageRank",
        "eigenvector": "eigenvector centrality",
        "dependencies": "dependencies",
        "dependents": "dependents",
        "ties": "ties",
        "value_in_usd": "value received (USD)",
        "value_out_usd": "value paid (USD)",
        "value_usd": "value (USD)",
        "pagerank_weighted": "PageRank weighted by value",
    },
    "fr": {
        "in_degree": "degré entrant",
        "out_degree": "degré sortant",
        "degree": "degré",
        "betweenness": "intermédiarité",
        "pagerank": "PageRank",
        "eigenvector": "centralité de vecteur propre",
        "dependencies": "dépendances",
        "dependents": "dépendants",
        "ties": "liens",
        "value_in_usd": "valeur reçue (USD)",
        "value_out_usd": "valeur versée (USD)",
        "value_usd": "valeur (USD)",
        "pagerank_weighted": "PageRank pondéré par la valeur",
    },
}


def measure_name(name: str, lang: str) -> str:
    """A measure's name in a tooltip: translated in French, its key in English (as the data's
    column names read)."""
    return name if lang == "en" else MEASURE_NAMES.get(lang, {}).get(name, name)


def ui_text(lang: str) -> dict[str, str]:
    """The page's words in ``lang`` (``en`` or ``fr``)."""
    return UI_TEXT[lang]


def format_number(value: float, lang: str = "en") -> str:
    """``38000000000.0`` -> ``38,000,000,000`` (en) or ``38 000 000 000`` (fr); decimals kept."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        text = f"{value:,.0f}"
    elif abs(value) >= 1000:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.4g}"
    if lang == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def _short_scale(value: float, lang: str) -> str | None:
    for size, en, fr in ((1e12, "trillion", "billion"), (1e9, "billion", "milliards"), (1e6, "million", "millions")):
        if abs(value) >= size:
            n = value / size
            figure = f"{n:.3g}"
            if lang == "fr":
                figure = figure.replace(".", ",")
            return f"{figure} {fr if lang == 'fr' else en}"
    return None


def format_value(value: float | None, unit: str | None, lang: str = "en") -> str | None:
    """A relation's value with its unit: ``38,000,000,000 USD (38 billion)``; None when unknown."""
    if value is None:
        return None
    unit_text = {"percent": "%"}.get(unit or "", unit or "")
    text = f"{format_number(value, lang)} {unit_text}".strip()
    if unit and len(unit) == 3 and unit.isupper():
        scaled = _short_scale(value, lang)
        if scaled:
            text += f" ({scaled})"
    return text


def format_figure(value: float | None) -> str:
    """A centrality figure: four significant digits."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4g}"


def actor_tip(
    iri: str,
    attrs: dict[str, Any],
    *,
    lang: str = "en",
    class_labels: dict[str, str] | None = None,
    figures: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The tooltip of an actor: class, aliases, Wikidata id, centrality figures.

    Parameters
    ----------
    iri : str
        The actor's IRI (the node id).
    attrs : dict
        The snapshot's node attributes (``label``, ``label_fr``, ``class``, ``class_label``,
        ``wikidata``, ``aliases``).
    lang : str
        ``en`` or ``fr``: which label heads the tooltip and which words name the fields.
    class_labels : dict, optional
        Class local name -> label in ``lang``; defaults to the snapshot's English label.
    figures : dict, optional
        Measure name -> figure, from the caller's centrality computation.
    """
    t = ui_text(lang)
    label = _label(attrs, lang, iri)
    other = attrs.get("label") if lang == "fr" else attrs.get("label_fr")
    cls = attrs.get("class") or "Unknown"
    cls_label = (class_labels or {}).get(cls) or attrs.get("class_label") or cls
    rows: list[list[str]] = [[t["class"], str(cls_label)]]
    if other and other != label:
        rows.append([t["other_label"], str(other)])
    aliases = [str(a) for a in attrs.get("aliases") or []]
    if aliases:
        rows.append([t["aliases"], ", ".join(aliases)])
    rows.append([t["wikidata"], str(attrs.get("wikidata") or t["none"])])
    for name, value in sorted((figures or {}).items()):
        rows.append([f"{t['centrality']}: {measure_name(name, lang)}", format_figure(value)])
    rows.append([t["iri"], str(iri)])
    return {"head": label, "sub": str(cls_label), "rows": rows, "sources": []}


def relation_tip(
    attrs: dict[str, Any],
    source_label: str,
    target_label: str,
    *,
    lang: str = "en",
    type_labels: dict[str, str] | None = None,
    event_labels: dict[str, str] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The tooltip of a relation: type, value and unit, dates, status, confidence, sources.

    Parameters
    ----------
    attrs : dict
        The snapshot's edge attributes (:data:`graph.network.snapshot.EDGE_FIELDS`).
    source_label, target_label : str
        Labels of the two actors, in ``lang``.
    type_labels : dict, optional
        Relation type local name -> label in ``lang``.
    event_labels : dict, optional
        Event IRI -> label, for "started by" and "ended by".
    note : str, optional
        A line on the tie's state in this view (ended, new, ...), shown under the heading.
    """
    t = ui_text(lang)
    rtype = str(attrs.get("type") or "")
    type_label = (type_labels or {}).get(rtype) or attrs.get("type_label") or rtype
    rows: list[list[str]] = [[t["type"], f"{type_label} ({rtype})"]]
    value = format_value(attrs.get("value"), attrs.get("unit"), lang)
    if value:
        rows.append([t["value"], value])
    for key, name in (("announced", "announced"), ("start", "start"), ("valid_until", "until")):
        if attrs.get(key):
            rows.append([t[name], str(attrs[key])])
    if attrs.get("duration"):
        rows.append([t["duration"], str(attrs["duration"])])
    for key in ("status", "confidence"):
        if attrs.get(key):
            rows.append([t[key], str(attrs[key])])
    if attrs.get("role_note"):
        rows.append([t["role"], str(attrs["role_note"])])
    for key, name in (("started_by", "started_by"), ("ended_by", "ended_by")):
        if attrs.get(key):
            ev = str(attrs[key])
            rows.append([t[name], (event_labels or {}).get(ev) or local_name(ev)])
    facts = attrs.get("fact_ids") or ([attrs["fact_id"]] if attrs.get("fact_id") else [])
    if facts:
        rows.append([t["fact"], ", ".join(str(f) for f in facts)])
    sources = []
    for src in attrs.get("sources") or []:
        sources.append(
            {
                "title": str(src.get("title") or src.get("url") or src.get("source") or ""),
                "issued": str(src["issued"]) if src.get("issued") else "",
                "url": str(src["url"]) if src.get("url") else "",
                "quotes": [str(q) for q in src.get("quotes") or []],
            }
        )
    head = f"{source_label} \u2192 {type_label} \u2192 {target_label}"
    return {"head": head, "sub": note or "", "rows": rows, "sources": sources}


def tip_text(tip: dict[str, Any], lang: str = "en") -> str:
    """The tooltip as plain text, one field a line."""
    t = ui_text(lang)
    lines = [tip["head"]]
    if tip.get("sub"):
        lines.append(tip["sub"])
    lines += [f"{k}: {v}" for k, v in tip["rows"]]
    for src in tip.get("sources") or []:
        line = f"{t['source']}: {src['title']}"
        if src.get("issued"):
            line += f" ({src['issued']})"
        lines.append(line)
        if src.get("url"):
            lines.append(f"{t['url']}: {src['url']}")
        lines += [f"{t['evidence']}: \u201c{q}\u201d" for q in src.get("quotes") or []]
    return "\n".join(lines)


def _label(attrs: dict[str, Any], lang: str, fallback: str) -> str:
    if lang == "fr":
        return str(attrs.get("label_fr") or attrs.get("label") or local_name(fallback))
    return str(attrs.get("label") or attrs.get("label_fr") or local_name(fallback))


def actor_label(attrs: dict[str, Any], lang: str, iri: str) -> str:
    """The actor's label in ``lang``, else the other language's, else its IRI's local name."""
    return _label(attrs, lang, iri)
