"""Snapshots: the date rule at its boundaries, partial dates, partnerships, merged relations."""

from __future__ import annotations

import pytest

from graph.network.fetch import fetch_network
from graph.network.snapshot import in_force, snapshot
from graph.store.memory import load_graph

from .conftest import PREFIXES_TTL, write

ACT = "https://w3id.org/ai-infra-kg/id/actor/"


def relation(rid: str, actor: str, rtype: str, cp: str, **props: str) -> str:
    """A relation node in Turtle; ``props`` are extra ``aikg:`` predicates with Turtle objects."""
    extra = "".join(f"    aikg:{k} {v} ;\n" for k, v in props.items())
    return (
        f'ex:{rid} a aikg:Relation ;\n    aikg:factId "{rid}" ;\n    aikg:actor actor:{actor} ;\n'
        f"    aikg:relationType aikg:{rtype} ;\n    aikg:counterparty actor:{cp} ;\n{extra}"
        '    aikg:status "announced" .\n'
    )


def day(d: str) -> str:
    return f'"{d}"^^xsd:date'


BOUNDARIES = "".join(
    [
        relation("R1", "openai", "buysComputeFrom", "aws", validFrom=day("2025-11-03")),
        relation("R2", "openai", "needsApprovalFrom", "microsoft", validUntil=day("2025-10-28")),
        relation("R3", "openai", "partnersWith", "oracle"),
        relation("R4", "openai", "procuresChipsFrom", "nvidia", validFrom='"2025-05"^^xsd:gYearMonth'),
        relation("R5", "openai", "procuresChipsFrom", "amd", validUntil='"2025-06"^^xsd:gYearMonth'),
        relation("R6", "openai", "buysComputeFrom", "microsoft", announced=day("2024-01-01")),
        relation("R7", "openai", "procuresChipsFrom", "broadcom", validFrom='"2026"^^xsd:gYear'),
        relation(
            "R8",
            "softbank",
            "ownsStakeIn",
            "nvidia",
            announced=day("2025-11-11"),
            validUntil='"2025-10"^^xsd:gYearMonth',
        ),
    ]
)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("snap") / "facts.ttl", PREFIXES_TTL + BOUNDARIES)
    return fetch_network(load_graph(layers=[], data=[path]))


def keys(data, at):
    return sorted(k for _, _, k in snapshot(data, at).edges(keys=True))


def test_a_relation_ending_on_the_date_is_gone_that_day(data):
    assert "needsApprovalFrom:R2" in keys(data, "2025-10-27")
    assert "needsApprovalFrom:R2" not in keys(data, "2025-10-28")
    # with no start and no dated evidence, only its end is known: in force the day before it
    assert "needsApprovalFrom:R2" not in keys(data, "2025-10-26")


def test_a_relation_starting_on_the_date_is_there_that_day(data):
    assert "buysComputeFrom:R1" not in keys(data, "2025-11-02")
    assert "buysComputeFrom:R1" in keys(data, "2025-11-03")


def test_an_undated_relation_is_in_force_on_no_day_but_shown_undated(data):
    for at in ("1900-01-01", "2025-10-28", "2100-12-31"):
        assert "partnersWith:R3" not in keys(data, at)
    assert "partnersWith:R3" in keys(data, None)
    (r3,) = [r for r in data.relations if r["fact_id"] == "R3"]
    assert (r3["start"], r3["start_basis"]) == (None, "no-date")


def test_announced_stands_in_for_a_missing_start(data):
    assert "buysComputeFrom:R6" not in keys(data, "2023-12-31")
    assert "buysComputeFrom:R6" in keys(data, "2024-01-01")


def test_a_month_counts_from_its_first_day(data):
    assert "procuresChipsFrom:R4" not in keys(data, "2025-04-30")
    assert "procuresChipsFrom:R4" in keys(data, "2025-05-01")
    # an end known to the month: still there the day before the month, gone on its first day
    assert "procuresChipsFrom:R5" in keys(data, "2025-05-31")
    assert "procuresChipsFrom:R5" not in keys(data, "2025-06-01")


def test_an_announcement_of_the_end_is_not_a_start(data):
    # A stake sold in October 2025 and reported on 2025-11-11: held before October, not after.
    assert "ownsStakeIn:R8" in keys(data, "2025-09-30")
    assert "ownsStakeIn:R8" not in keys(data, "2025-10-01")
    assert "ownsStakeIn:R8" not in keys(data, "2025-11-11")


def test_a_year_counts_from_its_first_day(data):
    assert "procuresChipsFrom:R7" not in keys(data, "2025-12-31")
    assert "procuresChipsFrom:R7" in keys(data, "2026-01-01")


def test_precision_is_kept_on_the_edge(data):
    G = snapshot(data, "2025-06-01")
    (d,) = [d for _, _, k, d in G.edges(keys=True, data=True) if k == "procuresChipsFrom:R4"]
    assert (d["start"], d["start_precision"], d["stated_start"]) == ("2025-05-01", "month", "2025-05")


def test_no_date_keeps_every_relation(data):
    assert len(keys(data, None)) == 8


def test_every_actor_is_a_node_even_without_relations(data):
    G = snapshot(data, "1900-01-01")
    assert ACT + "anthropic" not in {u for u, _ in G.edges()}
    assert set(data.actors) <= set(G.nodes)


def test_a_partnership_is_one_edge_marked_symmetric(data):
    G = snapshot(data, None)
    edges = [(u, v, d) for u, v, d in G.edges(data=True) if d["type"] == "partnersWith"]
    assert [(u, v) for u, v, _ in edges] == [(ACT + "openai", ACT + "oracle")]
    assert edges[0][2]["symmetric"] is True


def test_in_force_rule_directly():
    assert not in_force({"start": None, "valid_until": None}, "2025-01-01")  # no date: no day
    assert in_force({"start": "2025-01-01", "valid_until": None}, "2025-01-01")
    assert not in_force({"start": "2025-01-02", "valid_until": None}, "2025-01-01")
    assert not in_force({"start": "2024-01-01", "valid_until": "2025-01-01"}, "2025-01-01")
    assert not in_force({"start": "2024-01-01", "valid_until": None, "status": "extracted"}, "2025-01-01")
    assert not in_force({"start": "2024-01-01", "valid_until": None, "status_class": "talks"}, "2025-01-01")
    assert in_force({"start": "2024-01-01", "status_class": "talks"}, "2025-01-01", frozenset({"talks"}))


def test_same_relation_in_two_layers_is_one_edge_with_both_sources(tmp_path):
    text = PREFIXES_TTL + (
        relation("S1", "openai", "buysComputeFrom", "aws", value="38000000000.0", unit='"USD"')
        + relation("S2", "openai", "buysComputeFrom", "aws", sameRelationAs="ex:S1")
        + "ex:S1 prov:wasDerivedFrom ex:e1 . ex:e1 a aikg:Evidence ; aikg:inSource ex:s1 .\n"
        + 'ex:s1 a aikg:Source ; dcterms:title "First" .\n'
        + "ex:S2 prov:wasDerivedFrom ex:e2 . ex:e2 a aikg:Evidence ; aikg:inSource ex:s2 .\n"
        + 'ex:s2 a aikg:Source ; dcterms:title "Second" .\n'
    )
    d = fetch_network(load_graph(layers=[], data=[write(tmp_path / "same.ttl", text)]))
    G = snapshot(d, None)  # undated: in force on no day, shown in the all-relations graph
    ((_, _, attrs),) = G.edges(data=True)
    assert attrs["fact_ids"] == ["S1", "S2"]
    assert sorted(s["title"] for s in attrs["sources"]) == ["First", "Second"]
    assert attrs["value"] == 38e9


# --------------------------------------------------------------------------- shared edges
def reference_snapshot(net, at):
    """A snapshot built edge by edge with networkx's add_edge, as before edges were shared."""
    import networkx as nx

    from graph.network.snapshot import EDGE_FIELDS, successors
    from graph.rules.inforce import class_of
    from graph.rules.status import DEFAULT_COUNTED
    from graph.rules.values import counted_values

    succ = successors(net, at) if at is not None else {}
    g = nx.MultiDiGraph(at=at, statuses=sorted(DEFAULT_COUNTED))
    for iri, attrs in net.actors.items():
        g.add_node(iri, **{k: v for k, v in attrs.items() if k != "iri"})
    drawn = [r for r in net.relations if (in_force(r, at) if at is not None else class_of(r) in DEFAULT_COUNTED)]
    keys = {r.get("primary", r["iri"]): f"{r['type']}:{r['fact_id']}" for r in drawn}
    zeroed = counted_values({r.get("primary", r["iri"]): r for r in drawn}, at)
    for r in drawn:
        u, v = r["actor"], r["counterparty"]
        carried, event = [], None
        if not ((u in succ and succ[u][0] == v) or (v in succ and succ[v][0] == u)):
            if u in succ:
                carried.append(u)
                u, event = succ[u]
            if v in succ:
                carried.append(v)
                v, event = succ[v]
        attrs = {k: r.get(k) for k in EDGE_FIELDS if k != "relation"} | {"relation": r["iri"]}
        if carried:
            attrs |= {"via_successor_of": sorted(carried), "successor_event": event}
        zero = zeroed.get(r.get("primary", r["iri"]))
        if zero is not None:
            attrs |= {"counted_value": zero[0], "value_counted_in": keys.get(zero[1]) if zero[1] else None}
        g.add_edge(u, v, key=f"{r['type']}:{r['fact_id']}", **attrs)
    g.graph["group_by"] = net.group_by
    return g


def same_graph(a, b) -> None:
    assert a.graph == b.graph
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    got, want = list(a.edges(keys=True, data=True)), list(b.edges(keys=True, data=True))
    assert [e[:3] for e in got] == [e[:3] for e in want]
    assert [list(e[3].items()) for e in got] == [list(e[3].items()) for e in want]  # values and key order
    assert list(a.in_edges(keys=True)) == list(b.in_edges(keys=True))


@pytest.fixture(scope="module")
def shipped():
    return fetch_network(load_graph(layers="all"))


def test_snapshots_equal_ones_built_edge_by_edge_on_every_date_of_the_shipped_data(shipped):
    days = sorted({r["start"] for r in shipped.relations if r.get("start")})
    days += sorted({r["valid_until"] for r in shipped.relations if r.get("valid_until")})
    days += [e["date"] for e in shipped.events.values() if e.get("date")]
    assert len(days) > 50
    for at in [None, *days]:
        same_graph(snapshot(shipped, at), reference_snapshot(shipped, at))


def test_snapshots_of_one_network_share_read_only_edge_attributes(data):
    import pickle

    from graph.network.data import EdgeAttrs

    a, b = snapshot(data, "2026-01-01"), snapshot(data, "2026-01-02")
    key = next(k for _, _, k in a.edges(keys=True) if k.startswith("buysComputeFrom:R1"))
    pair = (ACT + "openai", ACT + "aws", key)
    da, db = a.edges[pair], b.edges[pair]
    assert da is db and isinstance(da, EdgeAttrs)
    for change in (
        lambda: da.__setitem__("value", 1),
        lambda: da.update(value=1),
        lambda: da.pop("value"),
        lambda: da.setdefault("x", 1),
        lambda: da.clear(),
    ):
        with pytest.raises(TypeError, match=r"copy them with dict\(attrs\)"):
            change()
    with pytest.raises(TypeError):
        del da["value"]
    assert da["start"] == "2025-11-03"  # unchanged by the refused edits
    mine = dict(da)
    mine["value"] = 1  # a copy is an ordinary dict
    copied = a.copy()
    e = copied.edges[pair]
    e["value"] = 2
    assert type(e) is dict and da.get("value") is None
    back = pickle.loads(pickle.dumps(a))
    same_graph(back, a)


def test_records_are_read_only_and_a_plain_dict_added_later_is_never_cached(tmp_path):
    path = write(tmp_path / "facts.ttl", PREFIXES_TTL + BOUNDARIES)
    net = fetch_network(load_graph(layers=[], data=[path]))
    record = next(r for r in net.relations if r["fact_id"] == "R1")
    with pytest.raises(TypeError, match="change the graph and fetch it again"):
        record["value"] = 1
    # A record added by hand as a plain dict is taken as it is at each snapshot.
    mine = dict(record, iri="http://example.org/R9", fact_id="R9")
    net.relations.append(mine)

    def value(G):
        (d,) = [d for _, _, d in G.edges(data=True) if d["fact_id"] == "R9"]
        return d["value"]

    assert value(snapshot(net, "2026-01-01")) is None
    for changed in (1, 1.0, True):  # equal values, but each one another value
        mine["value"] = changed
        got = value(snapshot(net, "2026-01-01"))
        assert got == 1 and type(got) is type(changed)
    same_graph(snapshot(net, "2026-01-01"), reference_snapshot(net, "2026-01-01"))


def test_hand_built_network_data_gets_read_only_records():
    from graph.network.data import NetworkData, RelationRecord

    net = NetworkData(relations=[{"iri": "r", "actor": "a", "counterparty": "b", "type": "investsIn", "fact_id": "F"}])
    assert type(net.relations[0]) is RelationRecord
    G = snapshot(net, None)
    assert [(u, v, k) for u, v, k in G.edges(keys=True)] == [("a", "b", "investsIn:F")]
    assert G.edges["a", "b", "investsIn:F"]["value"] is None  # fields a record lacks are None
