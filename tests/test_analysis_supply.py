"""Supplier concentration, gatekeepers, circular flows and exposure, on graphs made by hand."""

from __future__ import annotations

import pytest

from graph.analysis.concentration import buyers, hhi, supplier_concentration
from graph.analysis.cycles import circular_flows
from graph.analysis.exposure import exposure
from graph.analysis.gatekeepers import gatekeepers

from .analysis_graphs import gatekeeper, net

approx = pytest.approx


# -- concentration ------------------------------------------------------------------------


def test_hhi_scale():
    assert hhi([1.0]) == 10000.0
    assert hhi([0.25] * 4) == 2500.0
    assert hhi([0.75, 0.25]) == 6250.0


def test_value_basis_when_every_supplier_has_a_value():
    G = net(("lab", "aws", "buysComputeFrom", 38.0, "USD"), ("lab", "ms", "buysComputeFrom", 250.0, "USD"))
    c = supplier_concentration(G, "lab")
    assert c["basis"] == "value" and not c["mixed"] and c["undisclosed"] == []
    assert [s["supplier"] for s in c["suppliers"]] == ["ms", "aws"]
    assert c["suppliers"][1]["share"] == approx(38 / 288)
    # (100 * 250/288)^2 + (100 * 38/288)^2
    assert c["hhi"] == approx((100 * 250 / 288) ** 2 + (100 * 38 / 288) ** 2)
    assert "hhi_count" not in c and "share_count" not in c["suppliers"][0]  # never by counting relations
    assert c["value_usd_total"] == 288.0
    assert c["basis_text"] == "shares of known contract value in USD (2 of 2 suppliers)"


def test_shares_cover_the_known_values_and_list_the_undisclosed():
    c = supplier_concentration(gatekeeper(), "lab")
    # ms 100 USD, oracle 300 USD, cw unknown: shares of the 400 known, cw listed as undisclosed
    assert c["basis"] == "value" and c["mixed"]
    assert c["hhi"] == c["hhi_value"] == approx(75**2 + 25**2)
    assert {s["supplier"]: s["share"] for s in c["suppliers"]} == {"oracle": 0.75, "ms": 0.25, "cw": None}
    assert c["undisclosed"] == ["CW"] and "amount undisclosed: CW" in c["basis_text"]  # by label
    none_valued = supplier_concentration(net(("lab", "a", "buysComputeFrom"), ("lab", "b", "buysComputeFrom")), "lab")
    assert (none_valued["basis"], none_valued["hhi"], none_valued["undisclosed"]) == (None, None, ["A", "B"])
    assert [s["share"] for s in none_valued["suppliers"]] == [None, None]  # no share is made up by counting
    assert none_valued["basis_text"].startswith("no shares: no supplier amount is known")


def test_gw_values_are_kept_apart_from_usd_and_are_the_basis_when_no_usd_is_known():
    G = net(("lab", "a", "buysComputeFrom", 4.5, "GW"), ("lab", "b", "buysComputeFrom", 10.0, "USD"))
    G.edges["lab", "a", "buysComputeFrom:1"]["capacity_gw"] = 4.5
    c = supplier_concentration(G, "lab")
    by = {s["supplier"]: s for s in c["suppliers"]}
    assert by["a"]["value_usd"] is None and by["a"]["capacity_gw"] == 4.5
    assert c["value_usd_total"] == 10.0 and c["basis"] == "value" and c["undisclosed"] == ["A"]
    assert by["a"]["share_capacity"] == 1.0 and c["hhi_capacity"] == 10000.0
    H = net(("lab", "a", "buysComputeFrom", 4.5, "GW"), ("lab", "c", "buysComputeFrom", 1.5, "GW"))
    for _, v, k in H.edges(keys=True):
        H.edges["lab", v, k]["capacity_gw"] = H.edges["lab", v, k]["value"]
    g = supplier_concentration(H, "lab")
    assert g["basis"] == "capacity" and [s["share"] for s in g["suppliers"]] == [0.75, 0.25]
    assert "known capacity in GW" in g["basis_text"]


def test_no_supplier_and_chip_suppliers_on_request():
    G = gatekeeper()
    assert supplier_concentration(G, "nvidia")["basis"] is None
    assert supplier_concentration(G, "nvidia")["hhi"] is None
    chips = supplier_concentration(G, "lab", relation_types=("procuresChipsFrom", "suppliesChipsTo"))
    assert [s["supplier"] for s in chips["suppliers"]] == ["nvidia"]
    assert buyers(G) == ["lab", "lab2"]


# -- gatekeepers --------------------------------------------------------------------------


def test_gatekeepers_by_approval_and_by_right_of_first_refusal():
    g = gatekeepers(gatekeeper())
    assert list(g) == ["lab", "lab2"]
    (lab,) = g["lab"]
    assert (lab["gatekeeper"], lab["relation"]) == ("ms", "needsApprovalFrom")
    assert lab["stands_between"] == ["cw", "oracle"]  # its other compute suppliers, not ms itself
    (lab2,) = g["lab2"]
    assert (lab2["gatekeeper"], lab2["relation"], lab2["stands_between"]) == ("ms", "hasRightOfFirstRefusal", ["aws"])


def test_a_gatekeeper_counts_without_other_suppliers_and_one_actor_can_be_asked():
    G = net(("lab", "ms", "needsApprovalFrom"))
    assert gatekeepers(G, "lab")["lab"][0]["stands_between"] == []
    assert gatekeepers(G, "ms") == {}
    assert gatekeepers(net(("lab", "aws", "buysComputeFrom"))) == {}


# -- circular flows -----------------------------------------------------------------------


def test_the_analysts_circular_deal():
    # A invests in B, B buys compute from C, C buys chips from A.
    G = net(
        ("A", "B", "investsIn", 10.0, "USD"),
        ("B", "C", "buysComputeFrom", 20.0, "USD"),
        ("C", "A", "procuresChipsFrom"),
    )
    (c,) = circular_flows(G)["cycles"]
    assert c["actors"] == ["A", "B", "C"] and c["length"] == 3
    assert c["value_usd"] == 30.0 and c["unvalued"] == 1
    assert c["kinds"] == ["chips", "compute", "money"]
    assert c["types"] == ["buysComputeFrom", "investsIn", "procuresChipsFrom"]


def test_supplies_chips_to_is_read_as_a_payment_by_the_buyer():
    # Nvidia invests in the lab; the lab buys chips from Nvidia (stated from Nvidia's side).
    G = net(("nvidia", "lab", "investsIn", 100.0, "USD"), ("nvidia", "lab", "suppliesChipsTo"))
    (c,) = circular_flows(G)["cycles"]
    assert c["actors"] == ["lab", "nvidia"]
    assert [e["relations"] for e in c["edges"]] == [["suppliesChipsTo:2"], ["investsIn:1"]]


def test_cycles_need_money_and_compute_and_respect_the_length_bound():
    only_money = net(("a", "b", "investsIn"), ("b", "a", "ownsStakeIn"))
    assert circular_flows(only_money)["cycles"] == []
    only_compute = net(("a", "b", "buysComputeFrom"), ("b", "a", "buysComputeFrom"))
    assert circular_flows(only_compute)["cycles"] == []
    four = net(
        ("a", "b", "investsIn"), ("b", "c", "buysComputeFrom"), ("c", "d", "investsIn"), ("d", "a", "buysComputeFrom")
    )
    assert len(circular_flows(four)["cycles"]) == 1
    assert circular_flows(four, max_length=3)["cycles"] == []
    partnership = net(("a", "b", "partnersWith"), ("b", "a", "buysComputeFrom"))
    assert circular_flows(partnership)["cycles"] == []


# -- exposure -----------------------------------------------------------------------------


def test_exposure_per_counterparty_and_largest_dependency():
    e = exposure(gatekeeper())
    lab = e["lab"]
    assert lab["counterparties"]["oracle"]["pays_usd"] == 300.0
    assert lab["counterparties"]["cw"]["unvalued"] == 1
    assert lab["pays_usd"] == 400.0 and lab["receives_usd"] == 0.0
    assert e["oracle"]["receives_usd"] == 300.0
    assert lab["dependencies"] == 5 and lab["dependencies_valued"] == 2  # approval, 3 clouds, chips
    big = lab["largest_dependency"]
    assert (big["counterparty"], big["value_usd"], big["share"]) == ("oracle", 300.0, 0.75)
    assert e["ms"]["largest_dependency"] is None


def test_exposure_keeps_values_without_a_payment_direction_apart():
    G = net(
        ("a", "b", "partnersWith", 5.0, "USD"),
        ("a", "c", "investsIn", 7.0, "USD"),
        ("a", "d", "ownsStakeIn", 27.0, "percent"),
    )
    e = exposure(G, "a")
    assert list(e) == ["a"]
    cps = e["a"]["counterparties"]
    assert (cps["b"]["other_usd"], cps["b"]["pays_usd"]) == (5.0, 0.0)
    assert cps["c"]["pays_usd"] == 7.0
    assert cps["d"]["pays_usd"] == 0.0 and cps["d"]["unvalued"] == 1  # a percentage is no USD
