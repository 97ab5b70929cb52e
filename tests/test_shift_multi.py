"""A shift over several events and dates: OpenAI's path from the exclusive Azure deal of 2019 to
the amendment of 2026, step by step, with the relations that start and end at each step and the
suppliers, concentration and gatekeepers after it. Nothing of the story is in the code: the
steps come from the dates and events given, or from what the events ended."""

from __future__ import annotations

import json

import pytest

from graph.api.shift import build_shift
from graph.store.memory import load_graph

ACT = "https://w3id.org/ai-infra-kg/id/actor/"
OPENAI, MICROSOFT, AWS = ACT + "openai", ACT + "microsoft", ACT + "aws"
AMAZON = ACT + "amazon"
PHASES = ["2019-07-22", "2025-01-21", "2025-10-28", "2025-11-03", "2026-02-27", "2026-04-27"]


@pytest.fixture(scope="module")
def everything():
    return load_graph()


@pytest.fixture(scope="module")
def six(everything):
    return build_shift(everything, dates=",".join(PHASES), actors=["OpenAI"])


@pytest.fixture(scope="module")
def two_events(everything):
    return build_shift(everything, events=["restructuring", "amendment"])


def facts(items, actor=OPENAI):
    return {f for r in items if actor in (r["source"], r["target"]) for f in r["fact_ids"]}


def focus(step, actor=OPENAI):
    (f,) = [f for f in step["focus"] if f["actor"] == actor]
    return f


def suppliers(state):
    return [s["supplier"] for s in state["suppliers"]["suppliers"]]


def gates(state):
    return sorted((g["gatekeeper"], g["relation"]) for g in state["gatekeepers"])


def test_the_six_phases_in_order(six):
    steps = six["steps"]
    assert [s["point"]["day"] for s in steps] == PHASES
    assert [(s["before"], s["after"]) for s in steps] == [
        ("2019-07-21", "2025-01-20"),
        ("2025-01-20", "2025-10-27"),
        ("2025-10-27", "2025-11-02"),
        ("2025-11-02", "2026-02-26"),
        ("2026-02-26", "2026-04-26"),
        ("2026-04-26", "2026-05-04"),
    ]
    assert (six["before"], six["after"]) == ("2019-07-21", "2026-05-04")
    # the steps on an event's day are named by it, the others by what starts that day
    assert steps[2]["title"] == "OpenAI restructuring (2025-10-28)"
    assert steps[5]["title"] == "Microsoft–OpenAI amendment (2026-04-27)"
    assert steps[3]["title"].startswith("2025-11-03: OpenAI buys compute from Amazon Web Services [A01, F023]")


def test_what_starts_and_ends_at_each_phase(six):
    s = six["steps"]
    # exclusive (2019): Azure and the approval requirement
    assert {"F002", "F003", "A03", "F007"} <= facts(s[0]["added"]) and facts(s[0]["ended"]) == set()
    # right of first refusal (2025-01-21): exclusivity ends, the ROFR starts
    assert {"F002", "F007"} == facts(s[1]["ended"]) and "F013" in facts(s[1]["added"])
    # restructuring: ROFR and approval end; the $250B Azure commitment and the ~27% stake start
    assert {"F013", "F003", "A03"} <= facts(s[2]["ended"])
    assert {"F016", "F015"} <= facts(s[2]["added"]) and "F023" not in facts(s[2]["added"])
    # AWS (2025-11-03)
    assert {"A01", "F023"} <= facts(s[3]["added"])
    # Amazon's investment and the AWS expansion (2026-02-27); the Nvidia LOI ends (F129 records it)
    assert {"F139", "F140", "F141", "F143"} <= facts(s[4]["added"])
    assert {"F059", "F129"} <= facts(s[4]["ended"])
    # the amendment: exclusivity, the AGI clause and the open-ended revenue share end; new terms start
    assert {"F017", "F018", "F019", "F020", "F146"} <= facts(s[5]["ended"])
    assert {"F173", "F174", "F177"} <= facts(s[5]["added"])
    ended = {r["fact_ids"][0]: r for r in s[5]["ended"]}
    assert ended["F019"]["ended_by_label"] == "Microsoft–OpenAI amendment"
    assert all(r["sources"] for r in s[5]["ended"] + s[5]["added"])


def test_concentration_and_gatekeepers_at_each_phase(six):
    s = six["steps"]
    after = [focus(step)["after"] for step in s]
    assert gates(after[0]) == [(MICROSOFT, "needsApprovalFrom")]
    assert gates(after[1]) == [(MICROSOFT, "hasRightOfFirstRefusal"), (MICROSOFT, "needsApprovalFrom")]
    assert [gates(a) for a in after[2:]] == [[], [], [], []]
    # Exclusivity ended on 2025-01-21, not Azure's supply: the new, large Azure commitment (F202)
    assert MICROSOFT in suppliers(after[0]) and MICROSOFT in suppliers(after[1])
    assert MICROSOFT in suppliers(after[2]) and AMAZON not in suppliers(after[2])
    assert AMAZON in suppliers(after[3])  # AWS, by its corporate group
    amazon = next(x for x in after[4]["suppliers"]["suppliers"] if x["supplier"] == AMAZON)
    assert amazon["value_usd"] == 138e9 and amazon["relations"] == ["buysComputeFrom:A01", "buysComputeFrom:F140"]
    assert amazon["members"] == [AWS]
    for a in after:
        c = a["suppliers"]
        shares = [x["share"] for x in c["suppliers"] if x["share"] is not None]  # undisclosed: no share
        assert sum(shares) == pytest.approx(1.0) if shares else c["hhi"] is None
        if shares:
            assert c["hhi"] == pytest.approx(sum((100 * x) ** 2 for x in shares))
    # In 2019 Azure's exclusive supply had no disclosed value: no share, no HHI, never by count
    assert after[0]["suppliers"]["hhi"] is None and after[0]["suppliers"]["undisclosed"] == ["Microsoft", "Oracle"]
    assert after[4]["suppliers"]["hhi"] < 5000  # by 2026 spread over several clouds


def test_two_events_tell_the_path_from_2019(two_events):
    steps = two_events["steps"]
    days = [s["point"]["day"] for s in steps]
    # each event, and the day each relation an event ended had begun
    assert days == ["2019-07-22", "2025-01-21", "2025-10-28", "2026-02-27", "2026-03-18", "2026-04-27"]
    began = {s["point"]["day"]: set(s["point"]["began"]) for s in steps}
    assert began["2019-07-22"] == {"A03", "F003"}
    assert began["2025-01-21"] == {"F013"}
    assert began["2026-02-27"] == {"F146"} and began["2026-03-18"] == {"F154"}
    assert {f["label"] for f in two_events["focus"]} == {"OpenAI", "Microsoft"}
    assert (two_events["before"], two_events["after"]) == ("2019-07-21", "2026-05-04")
    assert {"F023", "A01"} <= facts(steps[2]["added"])  # AWS falls in the restructuring step


def test_only_the_given_points(everything):
    doc = build_shift(everything, events=["restructuring", "amendment"], only_given=True)
    assert [s["point"]["day"] for s in doc["steps"]] == ["2025-10-28", "2026-04-27"]
    mixed = build_shift(everything, events=["restructuring", "amendment"], at=["2025-11-03"], only_given=True)
    assert [s["point"]["day"] for s in mixed["steps"]] == ["2025-10-28", "2025-11-03", "2026-04-27"]


def test_cli_text_json_and_errors(cli, tmp_path):
    r = cli("shift", "--event", "restructuring", "--event", "amendment", "--out", tmp_path / "s")
    assert r.code == 0, r.err
    assert "Path\n----" in r.out
    assert "Step 6 of 6: Microsoft–OpenAI amendment (2026-04-27)" in r.out
    assert (
        "OpenAI on 2025-10-27: " in r.out
        and "gatekeepers: Microsoft (holds right of first refusal over, F013)" in r.out
    )
    doc = json.loads((tmp_path / "s" / "shift.json").read_text(encoding="utf-8"))
    assert len(doc["steps"]) == 6 and doc["steps"][0]["point"]["day"] == "2019-07-22"
    again = cli("shift", "--at", "2025-11-03", "--at", "2025-10-28", "--actor", "OpenAI")
    assert again.code == 0 and "Shift over 2 steps, the dates given, 2025-10-27 to 2025-11-10" in again.out
    bad = cli("shift", "--dates", "2025-11-03,03/11/2025")
    assert bad.code == 2 and "not an ISO 8601 date" in bad.err
    mixed = cli("shift", "--at", "2025-11-03", "--before", "2025-10-01", "--after", "2025-12-01")
    assert mixed.code == 2 and "--before/--after apply to one event" in mixed.err
