"""The multi-class siting model against brute force on small seeded instances, plus validation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.optimize import linprog

from aimaq.supply.locate.base import InfeasibleScenarioError
from aimaq.supply.siting import SitingProblem, compare_scenarios, solve_siting


def _brute_force_siting(pr: SitingProblem) -> float:
    ks = pr.classes
    m, n = pr.distance.shape
    s_n = len(pr.suppliers)
    best = math.inf
    caps = np.array([[pr.sites[f"capacity_{k}"].iloc[i] for i in range(m)] for k in ks])
    for bits in itertools.product([0, 1], repeat=m * len(ks)):
        z = np.array(bits).reshape(len(ks), m).astype(bool)
        if (z & (caps == 0)).any():
            continue
        y = z.any(axis=0) | pr.sites["existing"].to_numpy()
        fixed = pr.sites["fixed_cost"].to_numpy()[y].sum() + sum(
            pr.sites[f"module_cost_{k}"].to_numpy()[z[a]].sum() for a, k in enumerate(ks)
        )
        total = fixed
        for a, k in enumerate(ks):
            d = pr.demand[k].to_numpy()
            t = pr.transport_cost[k]
            lim = pr.max_distance.get(k, np.inf)
            ok = z[a][:, None] & (pr.distance <= lim)
            nx, nw = m * n, s_n * m
            cost = np.r_[(t * pr.distance * d[None, :]).ravel(), (t * pr.supply_distance).ravel()]
            bounds = [(0, 1 if ok.ravel()[e] else 0) for e in range(nx)] + [(0, None)] * nw
            a_eq = np.zeros((n + m, nx + nw))
            b_eq = np.r_[np.ones(n), np.zeros(m)]
            a_ub = np.zeros((m + s_n, nx + nw))
            b_ub = np.r_[caps[a], pr.suppliers[f"supply_{k}"].to_numpy()]
            for i in range(m):
                for j in range(n):
                    a_eq[j, i * n + j] = 1
                    a_eq[n + i, i * n + j] = -d[j]
                    a_ub[i, i * n + j] = d[j]
                for s in range(s_n):
                    a_eq[n + i, nx + s * m + i] = 1
                    a_ub[m + s, nx + s * m + i] = 1
            res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds)
            if res.status != 0:
                total = math.inf
                break
            total += res.fun
        best = min(best, total)
    return best


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_multiclass_siting_brute_force(toy_problem, seed):
    pr = toy_problem(seed)
    expected = _brute_force_siting(pr)
    r = solve_siting(pr, gap=1e-9)
    assert r.objective == pytest.approx(expected, rel=1e-6)
    assert r.gap <= 1e-6
    # result tables are consistent with the objective and the data
    assert r.cost["total"] == pytest.approx(r.objective)
    assert r.cost.drop("total").sum() == pytest.approx(r.objective, rel=1e-6)
    assert bool(r.sites.loc["S2", "open"])  # existing site stays open
    assert not bool(r.sites.loc["S2", "module_frozen"])  # no frozen capacity there
    out = r.flows[r.flows["kind"] == "outbound"]
    for k in pr.classes:
        got = out[out["class"] == k].groupby("destination")["tonnes"].sum()
        assert np.allclose(got.reindex(pr.demand.index).to_numpy(), pr.demand[k].to_numpy())
        assert (out[out["class"] == k]["km"] <= pr.max_distance.get(k, np.inf) + 1e-9).all()
        assert r.service_level[k] == pytest.approx(1.0)
        util = r.sites[f"utilisation_{k}"].dropna()
        assert (util <= 1 + 1e-7).all()
    inbound = r.flows[r.flows["kind"] == "inbound"]
    assert inbound["tonnes"].sum() == pytest.approx(out["tonnes"].sum(), rel=1e-7)


def test_soft_limit_reports_service_below_one(toy_problem):
    pr = toy_problem(0, max_distance={"frozen": 300.0}, limit_mode="soft", soft_penalty=0.0)
    r = solve_siting(pr, gap=1e-9)
    assert 0 <= r.service_level["frozen"] < 1
    assert r.service_level["dry"] == pytest.approx(1.0)
    cov = r.coverage_by_region
    assert set(cov["class"]) == {"frozen", "dry"} and (cov["share_within_limit"] <= 1).all()


def test_p_restricts_number_of_centres(toy_problem):
    pr = toy_problem(1, p=3)
    r = solve_siting(pr, gap=1e-9)
    assert int(r.sites["open"].sum()) == 3


def test_compare_scenarios_side_by_side(toy_problem):
    a = solve_siting(toy_problem(0), gap=1e-6)
    b = solve_siting(toy_problem(0, transport_cost={"frozen": 6.0, "dry": 2.0}, name="x2"))
    t = compare_scenarios([a, b])
    assert list(t.columns) == ["toy0", "x2"]
    assert t.loc["objective", "x2"] > t.loc["objective", "toy0"]
    assert {"cost total", "service level frozen", "centres open", "gap"} <= set(t.index)


# ---- validation: clear errors before any solve -----------------------------------------------
def test_error_total_capacity_below_demand(toy_problem):
    pr = toy_problem(0)
    pr.sites["capacity_frozen"] = [5.0, 5.0, 0.0, 5.0]
    with pytest.raises(InfeasibleScenarioError, match=r"class 'frozen': total capacity .* below"):
        solve_siting(pr)


def test_error_demand_beyond_every_limit(toy_problem):
    pr = toy_problem(0, max_distance={"frozen": 1.0})
    with pytest.raises(InfeasibleScenarioError, match=r"beyond the 1 km limit of every"):
        solve_siting(pr)


def test_error_unknown_class(toy_problem):
    pr = toy_problem(0)
    pr.classes = ["frozen", "hot"]
    with pytest.raises(InfeasibleScenarioError, match="unknown class 'hot'"):
        pr.validate()


def test_error_negative_cost(toy_problem):
    pr = toy_problem(0)
    pr.sites.loc["S1", "module_cost_dry"] = -5.0
    with pytest.raises(
        InfeasibleScenarioError, match=r"sites.module_cost_dry is negative at \['S1'\]"
    ):
        solve_siting(pr)
    pr = toy_problem(0, transport_cost={"frozen": -1.0, "dry": 1.0})
    with pytest.raises(InfeasibleScenarioError, match="transport_cost"):
        solve_siting(pr)


def test_error_missing_column(toy_problem):
    pr = toy_problem(0)
    pr.sites = pr.sites.drop(columns="capacity_dry")
    with pytest.raises(
        InfeasibleScenarioError, match=r"sites table is missing column\(s\) \['capacity_dry'\]"
    ):
        solve_siting(pr)


def test_error_supply_below_demand(toy_problem):
    pr = toy_problem(0)
    pr.suppliers["supply_dry"] = 1.0
    with pytest.raises(InfeasibleScenarioError, match="total supply"):
        solve_siting(pr)


# ---- map output ------------------------------------------------------------------------------
