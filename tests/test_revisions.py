"""Revision links: later relations that end, supersede, extend or complete earlier ones. Every link
is stated in the reference and present in the graph; the earlier relation's end comes from the
link while its own triples stay untouched; the derived triples, the shapes and the bundled
query ``replaced-by`` follow."""

from __future__ import annotations

import csv
import io
import re

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import PROV, XSD

from graph.core.vocab import ACTOR, AIKG, RELATION
from graph.network.fetch import fetch_network
from graph.network.snapshot import in_force, snapshot
from graph.query import bundled_queries, run_query
from graph.query.runner import bind_params
from graph.rules.apply import link_day
from graph.sources.csv_revisions import KINDS, import_revisions
from graph.store.memory import load_graph
from graph.validation.shacl import validate

from .conftest import PREFIXES_TTL, ROOT, write

LAYER = ROOT / "data" / "public-2026"
PUBLIC = ROOT / "data" / "public"

#: Pairs (old, new) of the md table "Rows of the 2019–2025 file affected" that get no link, and why.
NOT_LINKED = {
    ("F013", "F174"): "no new right of first refusal: F174 is a first-ship right, not a revision of F013",
    ("F015", "F179"): "reaffirmed: not one of the md's link words",
    ("F016", "F174"): "no reported change",
    ("F019", "F146"): "reaffirmed: not one of the md's link words (F175 ends F019)",
    ("F064", "F122"): "confirmed: not one of the md's link words",
    ("F073", "F152"): "the stake; only F151's notes say it extends F073",
    ("F090", "F162"): "Broadcom's side of the TPU deal names no old row",
    ("F092", "F160"): "F160's notes name F090 only",
    ("F092", "F162"): "Broadcom's side of the TPU deal names no old row",
    ("F105", "F149"): "a start date given differently, not a revision (md contradiction 16)",
    ("F109", "F121"): "F121 completes F111, the stake; F120 completes F109",
    ("F109", "F145"): "an expected stake, superseding F121 only 'when complete' (not documented)",
    ("F111", "F120"): "F120 completes F109, the investment",
    ("F111", "F144"): "F144 extends F109, the investment",
    ("F111", "F145"): "an expected stake, superseding only 'when complete' (not documented)",
    ("F068", "F132"): "F132 is Microsoft's part: F069",
    ("F069", "F133"): "F133 is Nvidia's part: F068",
    **{
        pair: "the notes pair each of F169-F171 with its own old rows"
        for pair in (
            ("F097", "F170"),
            ("F097", "F171"),
            ("F098", "F170"),
            ("F098", "F171"),
            ("F099", "F169"),
            ("F099", "F170"),
            ("F100", "F169"),
            ("F100", "F171"),
        )
    },
}
#: Statements of the notes that are not links, and why.
NOT_LINKED_NOTES = {("F145", "F121"): "supersedes the ~11% only 'when complete': the third tranche is not documented"}


def links() -> list[dict[str, str]]:
    text = (LAYER / "revisions.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def rows() -> dict[str, dict[str, str]]:
    text = (LAYER / "ai-infra-facts-2026.csv").read_text(encoding="utf-8")
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}


def ids(text: str) -> list[str]:
    """``F097–F100`` -> F097..F100, ``F062/F063`` -> both, ``F065-F067`` -> three."""
    out = []
    for m in re.finditer(r"F(\d{3})(?:\s*[–-]\s*F(\d{3}))?", text):
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        out += [f"F{n:03d}" for n in range(a, b + 1)]
    return out


@pytest.fixture(scope="module")
def everything() -> Graph:
    return load_graph()


@pytest.fixture(scope="module")
def data(everything):
    return fetch_network(everything)


def record(data, fact: str) -> dict:
    (r,) = [r for r in data.relations if fact in r["fact_ids"]]
    return r


# ----------------------------------------------------------------------------------------------
# The links are stated, complete, and in the graph
# ----------------------------------------------------------------------------------------------


def test_every_link_is_in_the_graph_pointing_at_the_right_old_row(everything):
    found = links()
    assert len(found) == 40
    for link in found:
        new, old = RELATION[link["new_fact"]], RELATION[link["old_fact"]]
        assert (new, KINDS[link["relation"]], old) in everything, link
        assert everything.value(old, AIKG.factId) == Literal(link["old_fact"])
        # the link goes from the later fact to the earlier one
        assert int(link["new_fact"][1:]) > int(link["old_fact"][1:]), link
    in_graph = {(s, p, o) for p in KINDS.values() for s, o in everything.subject_objects(p)}
    this_layer = {x for x in in_graph if 118 <= int(str(x[0]).rsplit("/F", 1)[1]) <= 183}
    assert len(this_layer) == len(found)


def test_every_link_is_stated_in_the_words_quoted():
    md = (LAYER / "ai-infra-facts-2026.md").read_text(encoding="utf-8")
    table = [line for line in md.splitlines() if line.startswith("| F")]
    facts = rows()
    for link in links():
        where, quote = link["stated_in"], link["quote"]
        row = facts[link["new_fact"]]
        if where.endswith(" notes"):
            assert quote in row["notes"] and link["old_fact"] in ids(quote), link
        elif where.endswith(" role_note"):
            assert quote in row["role_note"] and link["old_fact"] in ids(quote), link
        else:
            (line,) = [line for line in table if quote in line]
            old, _change, new = (c.strip() for c in line.strip("|").split("|"))
            assert link["old_fact"] in ids(old) and link["new_fact"] in ids(new), link


def test_every_row_pair_of_the_md_table_is_linked_or_listed_as_not_linked():
    md = (LAYER / "ai-infra-facts-2026.md").read_text(encoding="utf-8")
    linked = {(x["old_fact"], x["new_fact"]) for x in links()}
    missing = []
    for line in md.splitlines():
        if not line.startswith("| F"):
            continue
        old, _change, new = (c.strip() for c in line.strip("|").split("|"))
        for o in ids(old.split(" ")[0]):
            for n in ids(new):
                if (o, n) not in linked and (o, n) not in NOT_LINKED:
                    missing.append((o, n))
    assert missing == []


def test_every_link_word_of_the_notes_is_a_link():
    words = {"supersedes": "supersedes", "ends": "ends", "extends": "extends", "completes": "completes"}
    words |= {"replaces": "supersedes", "adds to": "extends"}
    linked = {(x["new_fact"], x["relation"], x["old_fact"]) for x in links()}
    pattern = re.compile(r"(?:^|[\s(])(supersedes|ends|extends|completes|replaces|adds to)\b([^.;]*)", re.I)
    seen = 0
    for fact, row in rows().items():
        for m in pattern.finditer(row["notes"]):
            named = ids(m.group(2))
            if not named:
                continue  # words inside URLs or sentences naming no row
            seen += 1
            kind = words[m.group(1).lower()]
            first = named[0]
            if (fact, first) in NOT_LINKED_NOTES:
                assert (fact, kind, first) not in linked
                continue
            assert (fact, kind, first) in linked, (fact, m.group(0))
    assert seen >= 25


# ----------------------------------------------------------------------------------------------
# The earlier relation's end comes from the link; its own triples stay
# ----------------------------------------------------------------------------------------------


def test_old_rows_are_not_edited(everything):
    g = everything
    assert g.value(RELATION["F019"], AIKG.validUntil) is None
    assert g.value(RELATION["F020"], AIKG.validUntil) is None
    assert g.value(RELATION["F017"], AIKG.validUntil) == Literal("2032", datatype=XSD.gYear)
    public_only = load_graph("article,public")
    from graph.rules.materialise import DERIVED_PREDICATES

    def stated(graph, fact):  # what the data states: derived triples change with the links
        skip = (AIKG.sameRelationAs, PROV.wasDerivedFrom, *DERIVED_PREDICATES)
        return {(p, o) for p, o in graph.predicate_objects(RELATION[fact]) if p not in skip}

    def evidence(graph, fact):
        return set(graph.objects(RELATION[fact], PROV.wasDerivedFrom))

    for fact in ("F017", "F018", "F019", "F020", "F059", "F096", "F106", "F108"):
        assert stated(g, fact) == stated(public_only, fact), fact
        # its own evidence stays; a later statement of the same deal (an end record) adds its own
        assert evidence(public_only, fact) <= evidence(g, fact), fact


@pytest.mark.parametrize(
    "fact, until, reason, by",
    [
        ("F017", "2026-04-27", "revision", "F173"),  # its planned end (2032) moved to the amendment
        ("F019", "2026-04-27", "revision", "F175"),  # F175 records its end: one edge
        ("F018", "2026-04-27", "revision", "F176"),
        ("F020", "2026-04-27", "revision", "F177"),
        ("F059", "2026-03-04", "revision", "F129"),  # the end F129 records stands against F143's day
        ("F096", "2026-02-26", "revision", "F138"),
        ("F106", "2026-03-09", "revision", "F150"),
        ("F108", "2026-04-09", "revision", "F165"),
        ("F127", "2026-04-16", "revision", "F166"),
        ("F146", "2026-04-27", "stated", None),
        ("F023", None, None, None),  # extended, not ended
        ("F109", None, None, None),  # completed and extended, not ended
    ],
)
def test_effective_end_comes_from_the_link(data, fact, until, reason, by):
    r = record(data, fact)
    assert (r["valid_until"], r["end_reason"], r["ended_by_fact"]) == (until, reason, by)
    if until:
        from graph.rules.status import STATUS_CLASSES

        every = frozenset(STATUS_CLASSES)  # F096 is talks: not counted by default, ended all the same
        day_before = {"2026-04-27": "2026-04-26", "2026-03-04": "2026-03-03", "2026-02-26": "2026-02-25"}
        assert not in_force(r, until, every)
        if until in day_before:
            assert in_force(r, day_before[until], every)


def test_end_records_fold_into_the_relation_they_end(data):
    r = record(data, "F019")
    assert r["fact_ids"] == ["F019", "F175"]
    assert r["iri"] == str(RELATION["F019"]) and r["start"] == "2025-10-28"
    assert r["ended_by"].endswith("microsoft-openai-amendment-2026")  # from F175
    assert record(data, "F146")["fact_ids"] == ["F146"]  # ended by F175 but a tie of its own
    assert record(data, "F146")["revised_by"] == ["ends:F173", "ends:F175"]
    assert record(data, "F059")["revised_by"] == ["supersedes:F143"]
    assert record(data, "F023")["revised_by"] == ["extends:F140", "extends:F141"]
    assert record(data, "F140")["revises"] == ["extends:F023"]
    G = snapshot(data, "2026-01-01")
    assert len([k for _, _, k in G.edges(str(ACTOR.microsoft), keys=True) if k.startswith("partnersWith:F01")]) == 4


def test_a_replacing_relation_does_not_overlap_the_one_it_replaces(data):
    f127, f166 = record(data, "F127"), record(data, "F166")
    assert f166["start"] == "2026-04-16" == f127["valid_until"]
    assert [in_force(r, "2026-04-15") for r in (f127, f166)] == [True, False]
    assert [in_force(r, "2026-04-16") for r in (f127, f166)] == [False, True]


def test_link_day():
    assert link_day({"valid_from": "2026", "announced": "2026-04-16"}) == "2026-04-16"
    assert link_day({"valid_from": "2027", "announced": "2026-04-06"}) == "2027-01-01"
    assert link_day({"announced": "2026-02-26"}) == "2026-02-26"
    assert link_day({"valid_from": "2025-12-26", "announced": "2025-12-29"}) == "2025-12-26"
    ended = {"status": "ended", "valid_from": "2025-10-28", "valid_until": "2026-04-27"}
    assert link_day(ended) == "2026-04-27"
    assert link_day({**ended, "status": "definitive"}) == "2025-10-28"


def test_a_link_to_an_absent_layer_changes_nothing():
    data = fetch_network(load_graph("public,public-2026"))
    assert record(data, "F019")["valid_until"] == "2026-04-27"
    alone = fetch_network(load_graph("article,public"))
    assert record(alone, "F019")["valid_until"] is None and record(alone, "F019")["end_reason"] is None
    assert alone.links == []


# ----------------------------------------------------------------------------------------------
# Derived triples, shapes, the revisions CSV checks
# ----------------------------------------------------------------------------------------------

TWO = """
ex:old a aikg:Relation ; aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ;
    aikg:counterparty actor:oracle ; aikg:status "announced" ; aikg:announced "2025-01-01"^^xsd:date ;
    prov:wasDerivedFrom ex:ev .
ex:new a aikg:Relation ; aikg:actor actor:openai ; aikg:relationType aikg:procuresChipsFrom ;
    aikg:counterparty actor:nvidia ; aikg:status "announced" ; aikg:announced "2026-01-01"^^xsd:date ;
    prov:wasDerivedFrom ex:ev .
ex:ev a aikg:Evidence ; aikg:inSource ex:src .
ex:src a aikg:Source ; dcterms:title "t" .
"""


@pytest.mark.parametrize(
    "kind, ended", [("ends", True), ("supersedes", True), ("extends", False), ("completes", False)]
)
def test_a_relation_ended_through_a_link_yields_no_direct_triple(tmp_path, kind, ended):
    from graph.core.vocab import AIKG as A

    body = PREFIXES_TTL + TWO + f"ex:new aikg:{kind} ex:old .\n"
    g = load_graph([], [write(tmp_path / "two.ttl", body)])
    assert ((ACTOR.openai, A.buysComputeFrom, ACTOR.oracle) in g) is not ended
    assert (ACTOR.openai, A.procuresChipsFrom, ACTOR.nvidia) in g
    assert validate(g) == []
    alone = load_graph([], [write(tmp_path / "one.ttl", PREFIXES_TTL + TWO)])
    assert (ACTOR.openai, A.buysComputeFrom, ACTOR.oracle) in alone


def test_derived_triples_of_the_shipped_layers(everything):
    g = everything
    assert (ACTOR.nscale, AIKG.memberOfJointVenture, ACTOR.aker) not in g  # F106, ended by F150
    assert (ACTOR.meta, AIKG.procuresChipsFrom, ACTOR.google) in g  # F138 (F096 superseded)
    assert (ACTOR.microsoft, AIKG.partnersWith, ACTOR.openai) in g  # F174 in force
    assert (ACTOR.nscale, AIKG.memberOfJointVenture, ACTOR.aker) in load_graph("article,public")


@pytest.mark.parametrize(
    "link, message",
    [
        ("ex:new aikg:ends ex:new .", "a revision link names the relation itself"),
        ("ex:new aikg:supersedes ex:src .", "a revision link names a node that is not a relation"),
        ("ex:src aikg:extends ex:old .", "must start from a relation node"),
        ('ex:new aikg:completes "F001" .', "aikg:completes must name a relation node by its IRI"),
    ],
)
def test_a_bad_link_is_a_violation(tmp_path, link, message):
    g = load_graph([], [write(tmp_path / "bad.ttl", PREFIXES_TTL + TWO + link + "\n")])
    lines = [v.line() for v in validate(g)]
    assert any(message in line for line in lines), lines


def test_a_link_to_a_relation_not_loaded_is_valid(tmp_path):
    body = PREFIXES_TTL + TWO + "ex:new aikg:ends <https://w3id.org/ai-infra-kg/id/relation/NOT-LOADED> .\n"
    assert validate(load_graph([], [write(tmp_path / "ok.ttl", body)])) == []


def test_the_revisions_csv_is_checked_row_by_row():
    graph = load_graph("article,public,public-2026", derive=False)
    bad = (
        b"new_fact,relation,old_fact,date,stated_in,quote\n"
        b"F173,ends,F017,2026-04-28,F173 notes,Ends the exclusivity in F017\n"
        b"F173,replaces,F017,2026-04-27,F173 notes,x\n"
        b"F999,ends,F017,2026-04-27,F173 notes,x\n"
        b"F173,ends,F017,2026-04-27,,x\n"
    )
    found, errors = import_revisions(bad, "r.csv", graph)
    lines = [e.line() for e in errors]
    assert found == []
    assert any("row 2, column date: date 2026-04-28 is not the day F173 takes effect" in x for x in lines), lines
    assert any("row 3, column relation: unknown link 'replaces'" in x for x in lines), lines
    assert any("row 4, column new_fact: no relation with fact id F999" in x for x in lines), lines
    assert any("row 5, column stated_in: stated_in is empty" in x for x in lines), lines


# ----------------------------------------------------------------------------------------------
# "What replaced this relation, and when"
# ----------------------------------------------------------------------------------------------


def ask(graph: Graph, **params: str) -> list[dict[str, str]]:
    spec = bundled_queries()["replaced-by"]
    result = run_query(graph, spec.text, bind_params(graph, spec, params))
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.vars, row)} for row in result.rows]


def test_replaced_by_answers_what_and_when(everything):
    (row,) = ask(everything, fact="F020")
    assert (row["oldFact"], row["link"], row["newFact"], row["date"]) == ("F020", "supersedes", "F177", "2026-04-27")
    assert (row["oldSubjectLabel"], row["oldRelationLabel"], row["oldObjectLabel"]) == (
        "OpenAI",
        "partners with",
        "Microsoft",
    )
    rows = ask(everything, fact="F059")
    assert [(r["link"], r["newFact"], r["date"]) for r in rows] == [
        ("supersedes", "F143", "2026-02-27"),
        ("ends", "F129", "2026-03-04"),
    ]
    every = ask(everything)
    assert len(every) == 40 + 9  # the 2026 layer's links and the 2026b layer's
    assert every == sorted(every, key=lambda r: (r["oldFact"], r["date"], r["link"], r["new"], r["old"]))
    from graph.rules.inforce import first_day

    csv_days = {(x["new_fact"], x["relation"], x["old_fact"]): first_day(x["date"]) for x in links()}
    got = {(r["newFact"], r["link"], r["oldFact"]): r["date"] for r in every}
    assert {k: v for k, v in got.items() if k in csv_days} == csv_days


def test_replaced_by_takes_an_actor(everything):
    rows = ask(everything, actor="Anthropic")
    assert {r["oldFact"] for r in rows} == {
        "F068",
        "F069",
        "F090",
        "F091",
        "F092",
        "F093",
        "F094",
        "F097",
        "F098",
        "F099",
        "F100",
        "F181",  # extended by F184 (2026b layer)
    }
    assert ask(everything, actor="xAI") == []


def test_replaced_by_with_the_earlier_layer_absent():
    rows = ask(load_graph("public-2026", derive=False), fact="F019")
    assert [(r["oldFact"], r["oldSubjectLabel"], r["newFact"]) for r in rows] == [("F019", "", "F175")]


def test_replaced_by_is_listed(cli):
    r = cli("query", "--list")
    line = next(line for line in r.out.splitlines() if line.startswith("replaced-by"))
    assert "[--param fact=VALUE]" in line and "[--actor NAME]" in line
