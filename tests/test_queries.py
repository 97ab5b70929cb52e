"""Each bundled query returns the expected rows on the article's data."""

from __future__ import annotations

import pytest
from rdflib import Literal

from graph.core.errors import AikgError
from graph.query import bundled_queries, resolve_query, run_query
from graph.query.runner import bind_params


def ask(graph, name, **params):
    text, spec = resolve_query(name)
    result = run_query(graph, text, bind_params(graph, spec, params))
    return [dict(zip(result.vars, (None if t is None else str(t) for t in row))) for row in result.rows]


def test_every_bundled_query_has_a_title_and_runs(article_graph):
    queries = bundled_queries()
    assert len(queries) >= 6
    for name, q in queries.items():
        assert q.title, name
        required = {p.name: "OpenAI" for p in q.params if p.required}
        run_query(article_graph, q.text, bind_params(article_graph, q, required))


def test_compute_suppliers_answers_whom_since_when_how_much(article_graph):
    (row,) = ask(article_graph, "compute-suppliers", actor="OpenAI")
    assert row["supplierLabel"] == "Amazon Web Services"
    assert (row["start"], row["startBasis"], row["statedStart"]) == ("2025-11-03", "stated", "2025-11-03")
    assert row["value"] == "38000000000.0" and row["unit"] == "USD"
    assert row["duration"] == "P7Y"
    assert "38 milliards de dollars" in row["evidence"]
    assert row["factIds"] == "A01"


@pytest.mark.parametrize(("at", "expected"), [("2025-11-02", 0), ("2025-11-03", 1), ("2032-01-01", 1)])
def test_compute_suppliers_at_a_date(article_graph, at, expected):
    assert len(ask(article_graph, "compute-suppliers", actor="openai", at=at)) == expected


def test_dependencies_show_the_approval_ended_by_the_restructuring(article_graph):
    (row,) = ask(article_graph, "dependencies")
    assert (row["dependentLabel"], row["holderLabel"]) == ("OpenAI", "Microsoft")
    assert row["kind"] == "needs approval from"
    assert (row["end"], row["endBasis"]) == ("2025-10-28", "stated")
    # the article states no start: its evidence (the article, 2025-11-03) comes after the end,
    # so the approval counts on the day before the end only
    assert (row["start"], row["startBasis"]) == ("2025-10-27", "before-end")
    assert row["endedByLabel"] == "OpenAI restructuring"
    assert ask(article_graph, "dependencies", at="2025-10-27") != []
    assert ask(article_graph, "dependencies", at="2025-10-28") == []


def test_relations_by_value_ranks_known_values(article_graph):
    rows = ask(article_graph, "relations-by-value")
    assert [(r["subjectLabel"], r["objectLabel"], r["value"]) for r in rows] == [
        ("OpenAI", "Amazon Web Services", "38000000000.0")
    ]
    assert ask(article_graph, "relations-by-value", unit="GW") == []


def test_partners_are_read_from_either_side(article_graph):
    rows = ask(article_graph, "partners", actor="OpenAI")
    assert [r["partnerLabel"] for r in rows] == ["Oracle", "SoftBank Group", "United Arab Emirates"]
    back = ask(article_graph, "partners", actor="Émirats arabes unis")
    assert [r["partnerLabel"] for r in back] == ["OpenAI"]


def test_evidence_of_one_fact_with_offsets(article_graph):
    rows = ask(article_graph, "evidence", fact="A01")
    assert [(r["startOffset"], r["endOffset"]) for r in rows] == [
        ("0", "203"),
        ("204", "384"),
        ("385", "643"),
    ]
    assert all(r["sourceIssued"] == "2025-11-03" for r in rows)


def test_relations_of_microsoft(article_graph):
    rows = ask(article_graph, "relations-of", actor="microsoft")
    assert [(r["subjectLabel"], r["relationLabel"], r["status"]) for r in rows] == [
        ("OpenAI", "needs approval from", "ended")
    ]


def test_actors_and_events(article_graph):
    actors = ask(article_graph, "actors")
    assert len(actors) == 10
    uae = next(a for a in actors if a["label"] == "United Arab Emirates")
    assert uae["labelFr"] == "Émirats arabes unis" and uae["wikidata"].endswith("/Q878")
    (event,) = ask(article_graph, "events")
    assert (event["shortName"], event["date"], event["endedFacts"]) == ("restructuring", "2025-10-28", "A03")


def test_parameters_are_bound_not_pasted(article_graph):
    # A value that would break out of a string in pasted SPARQL is just an unknown unit here.
    assert ask(article_graph, "relations-by-value", unit='USD" } UNION { ?s ?p ?o . FILTER("1') == []


def test_missing_and_unknown_parameters_are_refused(article_graph):
    from graph.query.runner import BundledQuery, Param

    needs = BundledQuery("mine", "t", (Param("actor", True, "the buyer"),), "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(AikgError, match="needs --actor"):
        bind_params(article_graph, needs, {})
    with pytest.raises(AikgError, match="takes no parameter 'colour'"):
        ask(article_graph, "partners", actor="OpenAI", colour="red")
    with pytest.raises(AikgError, match="closest known: OpenAI"):
        ask(article_graph, "partners", actor="OpenAl")


def test_at_binds_as_a_literal(article_graph):
    _, spec = resolve_query("compute-suppliers")
    assert bind_params(article_graph, spec, {"actor": "OpenAI", "at": "2025-11"})["at"] == Literal("2025-11-01")
