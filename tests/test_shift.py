"""The dependency shift: the restructuring on the article's data (alone and with more facts),
the date rule around events, steps, and bad input."""

from __future__ import annotations

import json

import pytest

from graph.analysis.shift import diff_relations, event_window, shift, shift_steps, step_dates
from graph.api.shift import build_shift
from graph.store.memory import load_graph

from .analysis_graphs import net
from .conftest import PREFIXES_TTL, write

A = ("--layers", "article")
ACT = "https://w3id.org/ai-infra-kg/id/actor/"
OPENAI, MICROSOFT, AWS = ACT + "openai", ACT + "microsoft", ACT + "aws"
AMAZON = ACT + "amazon"

# Two public facts (shared/reference/ai-infra-facts.csv, F013 and F016), with their sources,
# to check that the shift follows the data when more facts are loaded.
MORE_FACTS = """
@prefix schema: <https://schema.org/> .
@prefix event: <https://w3id.org/ai-infra-kg/id/event/> .
ex:F013 a aikg:Relation ; aikg:factId "F013" ;
    aikg:actor actor:microsoft ; aikg:relationType aikg:hasRightOfFirstRefusal ; aikg:counterparty actor:openai ;
    aikg:announced "2025-01-21"^^xsd:date ; aikg:validFrom "2025-01-21"^^xsd:date ;
    aikg:validUntil "2025-10-28"^^xsd:date ; aikg:endedBy event:openai-restructuring-2025 ;
    aikg:status "ended" ; aikg:confidence "high" ;
    prov:wasDerivedFrom ex:F013-ev .
ex:F013-ev a aikg:Evidence ; aikg:inSource ex:bloomberg .
ex:bloomberg a aikg:Source ; dcterms:title "Microsoft Changes OpenAI Pact to Allow Use of Rival Cloud Services" ;
    schema:url "BLOOMBERG_URL" .
ex:F016 a aikg:Relation ; aikg:factId "F016" ;
    aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ; aikg:counterparty actor:microsoft ;
    aikg:announced "2025-10-28"^^xsd:date ; aikg:validFrom "2025-10-28"^^xsd:date ;
    aikg:value 250000000000.0 ; aikg:unit "USD" ; aikg:startedBy event:openai-restructuring-2025 ;
    aikg:status "definitive" ; aikg:confidence "high" ;
    prov:wasDerivedFrom ex:F016-ev .
ex:F016-ev a aikg:Evidence ; aikg:inSource ex:sec .
ex:sec a aikg:Source ; dcterms:title "Microsoft 10-Q (quarter to 2025-09-30), Note 17 Subsequent Event" ;
    schema:url "https://www.sec.gov/Archives/edgar/data/789019/000119312525256321/R26.htm" .
"""

MORE_FACTS = MORE_FACTS.replace(
    "BLOOMBERG_URL",
    "https://www.bloomberg.com/news/articles/2025-01-21/"
    "microsoft-changes-openai-pact-to-allow-use-of-rival-cloud-services",
)

LATER_EVENT = """
@prefix event: <https://w3id.org/ai-infra-kg/id/event/> .
event:test-later a org:ChangeEvent ; rdfs:label "A later test event"@en ; aikg:shortName "later" ;
    prov:startedAtTime "2025-11-10"^^xsd:date .
"""


@pytest.fixture(scope="module")
def article_shift(article_graph):
    return build_shift(article_graph, events=["restructuring"], layers="article")


def focus(doc, actor):
    (f,) = [f for f in doc["focus"] if f["actor"] == actor]
    return f


def test_dates_around_the_event(article_shift):
    assert (article_shift["before"], article_shift["after"]) == ("2025-10-27", "2025-11-04")
    assert event_window("2025-10-28", 0) == ("2025-10-27", "2025-10-28")
    assert article_shift["event"]["short_name"] == "restructuring"
    assert sorted(article_shift["event"]["about"]) == [MICROSOFT, OPENAI]


def test_the_approval_tie_to_microsoft_ended(article_shift):
    (ended,) = article_shift["ended"]
    assert (ended["source"], ended["relation"], ended["target"]) == (OPENAI, "needsApprovalFrom", MICROSOFT)
    assert (ended["source_label"], ended["relation_label"], ended["target_label"]) == (
        "OpenAI",
        "needs approval from",
        "Microsoft",
    )
    assert ended["valid_until"] == "2025-10-28" and ended["fact_ids"] == ["A03"]
    assert ended["ended_by_label"] == "OpenAI restructuring" and ended["ended_by_date"] == "2025-10-28"
    (src,) = ended["sources"]
    assert any("approbation de Microsoft" in q for q in src["quotes"])


def test_the_aws_tie_was_added_with_its_figures(article_shift):
    (added,) = article_shift["added"]
    assert (added["source"], added["relation"], added["target"]) == (OPENAI, "buysComputeFrom", AWS)
    assert (added["value"], added["unit"], added["value_usd"]) == (38e9, "USD", 38e9)
    assert (added["duration"], added["start"], added["fact_ids"]) == ("P7Y", "2025-11-03", ["A01"])
    assert len(added["sources"][0]["quotes"]) == 3


def test_concentration_and_gatekeepers_equal_the_hand_computed_figures(article_shift):
    f = focus(article_shift, OPENAI)
    # Before (2025-10-27): no compute supplier in force (A01 starts 2025-11-03), so no HHI;
    # Microsoft's approval (A03, until 2025-10-28) gates any supplier.
    assert f["before"]["suppliers"]["suppliers"] == [] and f["before"]["suppliers"]["hhi"] is None
    (g,) = f["before"]["gatekeepers"]
    assert (g["gatekeeper"], g["relation"], g["fact_ids"], g["stands_between"]) == (
        MICROSOFT,
        "needsApprovalFrom",
        ["A03"],
        [],
    )
    # After (2025-11-04): AWS holds 100% of the known value, 38e9 USD, HHI 10000; nobody gates.
    # By corporate group (the default), AWS counts with Amazon, its parent (A02).
    (s,) = f["after"]["suppliers"]["suppliers"]
    assert (s["supplier"], s["members"], s["share"], s["value_usd"]) == (AMAZON, [AWS], 1.0, 38e9)
    assert f["after"]["suppliers"]["basis"] == "value" and f["after"]["suppliers"]["hhi"] == 10000.0
    assert f["after"]["gatekeepers"] == []
    assert focus(article_shift, MICROSOFT)["before"]["gatekeeper_of"][0]["actor"] == OPENAI
    assert focus(article_shift, MICROSOFT)["after"]["gatekeeper_of"] == []


def test_measures_and_ranks_move_with_the_ties(article_shift):
    ms = article_shift["measures"][MICROSOFT]
    assert ms["dependents"] == {"before": 1, "after": 0, "delta": -1}
    aws = article_shift["measures"][AWS]
    # A01 added, and A02 (AWS subsidiary of Amazon: no start stated) first recorded in the window
    assert aws["value_in_usd"]["after"] == 38e9 and aws["degree"]["delta"] == 2
    assert [r["fact_ids"] for r in article_shift["added"]] == [["A01"]]
    assert ["A02"] in [r["fact_ids"] for r in article_shift["recorded"]]
    moved = {r["actor"]: r for r in article_shift["ranks"]["pagerank"]}
    assert moved[MICROSOFT]["change"] < 0


def test_more_facts_change_the_story_from_the_data(tmp_path):
    graph = load_graph(layers="article", data=[write(tmp_path / "more.ttl", PREFIXES_TTL + MORE_FACTS)])
    doc = build_shift(graph, events=["restructuring"])
    assert sorted(r["fact_ids"][0] for r in doc["ended"]) == ["A03", "F013"]
    assert sorted(r["fact_ids"][0] for r in doc["added"]) == ["A01", "F016"]
    f = focus(doc, OPENAI)
    assert sorted(g["relation"] for g in f["before"]["gatekeepers"]) == ["hasRightOfFirstRefusal", "needsApprovalFrom"]
    after = f["after"]["suppliers"]
    assert [s["supplier"] for s in after["suppliers"]] == [MICROSOFT, AMAZON]  # AWS by its group
    assert after["hhi"] == pytest.approx((100 * 250 / 288) ** 2 + (100 * 38 / 288) ** 2)  # 7709.3
    assert after["suppliers"][0]["share"] == pytest.approx(250 / 288)
    f016 = next(r for r in doc["added"] if r["fact_ids"] == ["F016"])
    assert f016["started_by_label"] == "OpenAI restructuring"
    assert f016["sources"][0]["url"].startswith("https://www.sec.gov/")
    pair = next(p for p in doc["pairs"] if set(p["actors"]) == {OPENAI, MICROSOFT})
    assert pair["before"]["relations"] == ["hasRightOfFirstRefusal:F013", "needsApprovalFrom:A03"]
    assert pair["after"] == {"relations": ["buysComputeFrom:F016"], "types": ["buysComputeFrom"], "value_usd": 250e9}


def test_steps_between_consecutive_events(tmp_path):
    graph = load_graph(layers="article", data=[write(tmp_path / "ev.ttl", PREFIXES_TTL + LATER_EVENT)])
    doc = build_shift(graph, events=["later", "restructuring"], window=3)
    assert [(s["before"], s["after"]) for s in doc["steps"]] == [
        ("2025-10-27", "2025-11-09"),
        ("2025-11-09", "2025-11-13"),
    ]
    assert (doc["before"], doc["after"]) == ("2025-10-27", "2025-11-13")
    assert [r["fact_ids"] for r in doc["steps"][0]["added"]] == [["A01"]]
    assert doc["steps"][1]["added"] == [] and doc["steps"][1]["ended"] == []
    assert step_dates(["2025-01-02", "2025-01-02"]) == [("2025-01-01", "2025-01-09")]


def test_shift_steps_is_a_list_of_pairwise_shifts():
    g1 = net(("a", "b", "buysComputeFrom"), at="2025-01-01")
    g2 = net(("a", "c", "buysComputeFrom"), at="2025-02-01", nodes=("b",))
    g3 = net(("a", "c", "buysComputeFrom"), ("a", "d", "investsIn"), at="2025-03-01", nodes=("b",))
    steps = shift_steps([g1, g2, g3])
    assert [(s["before"], s["after"]) for s in steps] == [("2025-01-01", "2025-02-01"), ("2025-02-01", "2025-03-01")]
    assert [r["key"] for r in steps[1]["added"]] == ["investsIn:2"]


def test_a_replaced_relation_is_reported_as_changed():
    before = net(("ms", "lab", "ownsStakeIn", 49.0, "percent"), at="2025-10-27")
    after = net(("ms", "lab", "ownsStakeIn", 49.0, "percent"), at="2025-10-29")
    after.remove_edge("ms", "lab", "ownsStakeIn:1")
    after.add_edge("ms", "lab", key="ownsStakeIn:F015", type="ownsStakeIn", value=27.0, unit="percent")
    (c,) = diff_relations(before, after)["changed"]
    assert c["kind"] == "replaced" and (c["ended"], c["added"]) == (["ownsStakeIn:1"], ["ownsStakeIn:F015"])
    assert (c["before"][0]["value"], c["after"][0]["value"]) == (49.0, 27.0)
    changed_value = net(("a", "b", "investsIn", 2.0, "USD"), at="2025-01-02")
    (c,) = shift(net(("a", "b", "investsIn", 1.0, "USD"), at="2025-01-01"), changed_value)["changed"]
    assert c["kind"] == "attributes" and c["fields"] == {"value": {"before": 1.0, "after": 2.0}}


# -- the command ------------------------------------------------------------------------------


def test_cli_summary_tells_the_story_with_traceable_figures(cli):
    r = cli("shift", "--event", "restructuring", *A)
    assert r.code == 0, r.err
    out = r.out
    for expected in (
        "before: 2025-10-27, the day before the event",
        "after: 2025-11-04, the event's day plus 7 days",
        "OpenAI needs approval from Microsoft [A03]",
        "ended by OpenAI restructuring (2025-10-28)",
        "OpenAI buys compute from Amazon Web Services [A01]",
        "38,000,000,000 USD (38 bn); duration P7Y; from 2025-11-03",
        "compute suppliers on 2025-10-27: none in force",
        "compute suppliers on 2025-11-04: Amazon (via Amazon Web Services) 100.0%",
        "HHI 10000 (shares of known contract value in USD (1 of 1 supplier))",
        "First recorded in this window, start not stated (7)",
        "gatekeepers on 2025-10-27: Microsoft (needs approval from, A03",
        "gatekeepers on 2025-11-04: none",
        "approbation de Microsoft",
    ):
        assert expected in out, expected
    assert out.index("OpenAI: before") < out.index("Microsoft: before")  # the most changed first


def test_cli_event_by_label_window_and_explicit_dates(cli):
    by_label = cli("shift", "--event", "OpenAI restructuring", *A)
    assert by_label.code == 0 and "[A01]" in by_label.out
    tight = cli("shift", "--event", "restructuring", "--window", "0", *A)
    assert "after: 2025-10-28" in tight.out and "Added relations (0)" in tight.out
    explicit = cli("shift", "--event", "restructuring", "--after", "2025-12-01", *A)
    assert "after: 2025-12-01 (given with --after)" in explicit.out
    dates = cli("shift", "--before", "2025-10-01", "--after", "2025-11-30", "--actor", "AWS", *A)
    assert dates.code == 0 and "Amazon Web Services: before (2025-10-01)" in dates.out


def test_cli_writes_three_files_with_the_documented_schema(cli, tmp_path):
    r = cli("shift", "--event", "restructuring", "--out", tmp_path / "s", *A)
    assert r.code == 0
    doc = json.loads((tmp_path / "s" / "shift.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "aikg-shift/1"
    assert (doc["before"], doc["after"], doc["window_days"]) == ("2025-10-27", "2025-11-04", 7)
    for item in doc["added"] + doc["ended"]:
        for key in ("source", "source_label", "target", "target_label", "relation", "relation_label", "sources"):
            assert key in item
    md = (tmp_path / "s" / "shift.md").read_text(encoding="utf-8")
    assert md.startswith("# Shift around") and "## Ended relations (1)" in md
    html = (tmp_path / "s" / "shift.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "approbation de Microsoft" in html
    first = [(tmp_path / "s" / n).read_bytes() for n in ("shift.json", "shift.md", "shift.html")]
    cli("shift", "--event", "restructuring", "--out", tmp_path / "s", *A)
    assert first == [(tmp_path / "s" / n).read_bytes() for n in ("shift.json", "shift.md", "shift.html")]


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("--before", "2025-11-04", "--after", "2025-10-27"), 2, "is not earlier than --after"),
        (("--before", "2025-11-04", "--after", "2025-11-04"), 2, "is not earlier than --after"),
        (("--event", "restructurin"), 2, "closest known: restructuring"),
        (("--event", "merger-of-everything"), 2, "unknown event"),
        (("--event", "restructuring", "--actor", "Microsfot"), 2, "closest known: Microsoft"),
        ((), 2, "give --event NAME"),
        (("--before", "03/11/2025", "--after", "2025-12-01"), 2, "not an ISO 8601 date"),
        (("--event", "restructuring", "--window", "-1"), 2, "--window -1"),
    ],
)
def test_cli_bad_input(cli, tmp_path, args, code, message):
    r = cli("shift", *args, "--out", tmp_path / "never", *A)
    assert r.code == code
    assert message in r.err
    assert "Traceback" not in r.err
    assert not (tmp_path / "never").exists()


def test_cli_empty_snapshots_give_a_clear_message(cli, tmp_path):
    dated = write(
        tmp_path / "dated.ttl",
        PREFIXES_TTL
        + "ex:R a aikg:Relation ; aikg:actor actor:openai ; aikg:relationType aikg:buysComputeFrom ;\n"
        + '  aikg:counterparty actor:aws ; aikg:validFrom "2025-11-03"^^xsd:date ; aikg:status "announced" .\n',
    )
    r = cli("shift", "--before", "1990-01-01", "--after", "1990-06-01", "--layers", "", "--data", dated)
    assert r.code == 1 and "Traceback" not in r.err
    assert "no relation is in force on 1990-01-01 or 1990-06-01" in r.err
    assert "start between 2025-11-03 and 2025-11-03" in r.err
    none = cli("shift", "--before", "2025-01-01", "--after", "2025-06-01", "--layers", "")
    assert none.code == 1 and "the loaded graph has no relations at all" in none.err
