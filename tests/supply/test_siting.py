"""Siting models against brute force on small seeded random instances, plus validation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from aimaq.supply.siting import (
    InfeasibleScenarioError,
    SitingProblem,
    capacitated_facility_location,
    compare_scenarios,
    great_circle_km,
    local_search,
    maximal_coverage,
    p_median,
    solve_siting,
    uncapacitated_facility_location,
)

SEEDS = range(6)


def _subsets(m, size=None):
    sizes = range(1, m + 1) if size is None else [size]
    for k in sizes:
        yield from itertools.combinations(range(m), k)


def test_great_circle_one_degree_of_latitude():
    # 1 degree along a meridian = 2*pi*R/360 with R = 6371.0088 km
    d = great_circle_km([0.0], [10.0], [1.0], [10.0])
    assert d[0, 0] == pytest.approx(2 * math.pi * 6371.0088 / 360, rel=1e-12)
    assert great_circle_km([0.0], [0.0], [1.0], [0.0], detour_factor=1.3)[0, 0] == pytest.approx(
        1.3 * 2 * math.pi * 6371.0088 / 360
    )
    # a quarter of the equator
    assert great_circle_km([0], [0], [0], [90])[0, 0] == pytest.approx(math.pi * 6371.0088 / 2)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("formulation", ["radius", "classic"])
@pytest.mark.parametrize("reduce", [True, False])
def test_p_median_brute_force(seed, formulation, reduce):
    rng = np.random.default_rng(seed)
    m, n, p = 8, 14, 1 + seed % 4
    c = rng.integers(1, 60, size=(m, n)).astype(float)
    w = rng.integers(1, 5, size=n).astype(float)
    best = min(float((c[list(s)].min(axis=0) * w).sum()) for s in _subsets(m, p))
    r = p_median(c, p, weights=w, formulation=formulation, reduce=reduce)
    assert r.objective == best and r.optimal and r.open.size == p


@pytest.mark.parametrize("seed", SEEDS)
def test_p_median_must_open_and_forbidden_pairs(seed):
    rng = np.random.default_rng(100 + seed)
    m, n, p = 7, 12, 3
    c = rng.uniform(1, 50, size=(m, n))
    c[rng.random((m, n)) < 0.3] = np.inf
    c[0] = np.where(np.isfinite(c[0]), c[0], 55.0)  # facility 0 can serve everyone
    must = np.zeros(m, bool)
    must[2] = True
    best = math.inf
    for s in _subsets(m, p):
        if 2 in s:
            v = c[list(s)].min(axis=0)
            if np.isfinite(v).all():
                best = min(best, float(v.sum()))
    r = p_median(c, p, must_open=must)
    assert r.objective == pytest.approx(best, rel=1e-9) and 2 in r.open


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("formulation", ["radius", "classic"])
def test_uflp_brute_force(seed, formulation):
    rng = np.random.default_rng(seed + 10)
    m, n = 8, 15
    c = rng.uniform(0, 100, size=(m, n))
    f = rng.uniform(20, 200, size=m)
    best = min(float(f[list(s)].sum() + c[list(s)].min(axis=0).sum()) for s in _subsets(m))
    for reduce in (True, False):
        r = uncapacitated_facility_location(c, f, formulation=formulation, reduce=reduce)
        assert r.objective == pytest.approx(best, rel=1e-9)
        assert r.fixed_cost + r.assignment_cost == pytest.approx(r.objective)


def _transport_lp(c, d, q):
    """min sum c_ij x_ij, sum_i x_ij = 1, sum_j d_j x_ij <= q_i (open facilities only)."""
    m, n = c.shape
    a_eq = np.zeros((n, m * n))
    a_ub = np.zeros((m, m * n))
    for i in range(m):
        for j in range(n):
            a_eq[j, i * n + j] = 1
            a_ub[i, i * n + j] = d[j]
    res = linprog(c.ravel(), A_ub=a_ub, b_ub=q, A_eq=a_eq, b_eq=np.ones(n), bounds=(0, 1))
    return res.fun if res.status == 0 else math.inf


@pytest.mark.parametrize("seed", SEEDS)
def test_cflp_brute_force(seed):
    rng = np.random.default_rng(seed + 20)
    m, n = 6, 10
    d = rng.integers(5, 30, size=n).astype(float)
    c = rng.uniform(1, 20, size=(m, n)) * d[None, :]
    q = rng.uniform(0.2, 0.6, size=m) * d.sum()
    f = rng.uniform(50, 300, size=m)
    best = min(f[list(s)].sum() + _transport_lp(c[list(s)], d, q[list(s)]) for s in _subsets(m))
    r = capacitated_facility_location(c, f, q, d)
    assert r.objective == pytest.approx(best, rel=1e-7)
    assert r.bound <= r.objective * (1 + 1e-9)


def test_cflp_capacity_below_demand():
    with pytest.raises(InfeasibleScenarioError, match="total capacity 10 is below total demand 12"):
        capacitated_facility_location(np.ones((2, 2)), [1, 1], [5, 5], [6, 6])


def test_negative_cost_rejected():
    with pytest.raises(InfeasibleScenarioError, match="negative"):
        p_median(np.array([[1.0, -2.0], [3.0, 4.0]]), 1)
    with pytest.raises(InfeasibleScenarioError, match="fixed_cost"):
        uncapacitated_facility_location(np.ones((2, 2)), [-1.0, 1.0])


@pytest.mark.parametrize("seed", SEEDS)
def test_maximal_coverage_brute_force(seed):
    rng = np.random.default_rng(seed + 30)
    m, n, p = 8, 20, 2 + seed % 3
    dist = rng.uniform(0, 100, size=(m, n))
    w = rng.integers(1, 10, size=n).astype(float)
    cov = dist <= 35
    best = max(float(w[cov[list(s)].any(axis=0)].sum()) for s in _subsets(m, p))
    r = maximal_coverage(dist, 35, p, weights=w)
    assert r.covered_weight == pytest.approx(best) and r.objective == pytest.approx(best)
    assert r.open.size == p and r.share == pytest.approx(best / w.sum())


def test_local_search_finds_feasible_p():
    rng = np.random.default_rng(1)
    c = rng.uniform(0, 10, size=(30, 40))
    o, v = local_search(c, p=5)
    assert o.size == 5 and v == pytest.approx(c[o].min(axis=0).sum())


# ---- multi-class model ------------------------------------------------------------------------
def _toy_problem(seed=0, **kw) -> SitingProblem:
    rng = np.random.default_rng(seed)
    m, n = 4, 7
    lat_s, lon_s = rng.uniform(45, 50, m), rng.uniform(63, 75, m)
    lat_d, lon_d = rng.uniform(45, 50, n), rng.uniform(63, 75, n)
    demand = pd.DataFrame(
        {
            "name": [f"d{j}" for j in range(n)],
            "lat": lat_d,
            "lon": lon_d,
            "region": ["KZ-11", "KZ-15"] * 3 + ["KZ-11"],
            "frozen": rng.uniform(1, 10, n).round(2),
            "dry": rng.uniform(5, 30, n).round(2),
        },
        index=[f"D{j}" for j in range(n)],
    )
    sites = pd.DataFrame(
        {
            "name": [f"s{i}" for i in range(m)],
            "lat": lat_s,
            "lon": lon_s,
            "region": ["KZ-11", "KZ-15", "KZ-11", "KZ-15"],
            "fixed_cost": rng.uniform(1e4, 5e4, m).round(),
            "existing": [False, False, True, False],
            "capacity_frozen": [30.0, 25.0, 0.0, 30.0],
            "capacity_dry": [80.0, 60.0, 90.0, 70.0],
            "module_cost_frozen": rng.uniform(1e4, 4e4, m).round(),
            "module_cost_dry": rng.uniform(5e3, 2e4, m).round(),
        },
        index=[f"S{i}" for i in range(m)],
    )
    sup = pd.DataFrame(
        {
            "name": ["p0", "p1"],
            "lat": [45.0, 50.0],
            "lon": [65.0, 75.0],
            "supply_frozen": [demand["frozen"].sum() * 0.7, demand["frozen"].sum() * 0.6],
            "supply_dry": [demand["dry"].sum() * 0.8, demand["dry"].sum() * 0.5],
        },
        index=["P0", "P1"],
    )
    dist = great_circle_km(sites["lat"], sites["lon"], demand["lat"], demand["lon"])
    sdist = great_circle_km(sup["lat"], sup["lon"], sites["lat"], sites["lon"])
    args = dict(
        classes=["frozen", "dry"],
        demand=demand,
        sites=sites,
        transport_cost={"frozen": 3.0, "dry": 1.0},
        max_distance={"frozen": 700.0},
        distance=dist,
        suppliers=sup,
        supply_distance=sdist,
        name=f"toy{seed}",
    )
    args.update(kw)
    return SitingProblem(**args)


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
def test_multiclass_siting_brute_force(seed):
    pr = _toy_problem(seed)
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


def test_soft_limit_reports_service_below_one():
    pr = _toy_problem(0, max_distance={"frozen": 300.0}, limit_mode="soft", soft_penalty=0.0)
    r = solve_siting(pr, gap=1e-9)
    assert 0 <= r.service_level["frozen"] < 1
    assert r.service_level["dry"] == pytest.approx(1.0)
    cov = r.coverage_by_region
    assert set(cov["class"]) == {"frozen", "dry"} and (cov["share_within_limit"] <= 1).all()


def test_p_restricts_number_of_centres():
    pr = _toy_problem(1, p=3)
    r = solve_siting(pr, gap=1e-9)
    assert int(r.sites["open"].sum()) == 3


def test_compare_scenarios_side_by_side():
    a = solve_siting(_toy_problem(0), gap=1e-6)
    b = solve_siting(_toy_problem(0, transport_cost={"frozen": 6.0, "dry": 2.0}, name="x2"))
    t = compare_scenarios([a, b])
    assert list(t.columns) == ["toy0", "x2"]
    assert t.loc["objective", "x2"] > t.loc["objective", "toy0"]
    assert {"cost total", "service level frozen", "centres open", "gap"} <= set(t.index)


# ---- validation: clear errors before any solve -----------------------------------------------
def test_error_total_capacity_below_demand():
    pr = _toy_problem(0)
    pr.sites["capacity_frozen"] = [5.0, 5.0, 0.0, 5.0]
    with pytest.raises(InfeasibleScenarioError, match=r"class 'frozen': total capacity .* below"):
        solve_siting(pr)


def test_error_demand_beyond_every_limit():
    pr = _toy_problem(0, max_distance={"frozen": 1.0})
    with pytest.raises(InfeasibleScenarioError, match=r"beyond the 1 km limit of every"):
        solve_siting(pr)


def test_error_unknown_class():
    pr = _toy_problem(0)
    pr.classes = ["frozen", "hot"]
    with pytest.raises(InfeasibleScenarioError, match="unknown class 'hot'"):
        pr.validate()


def test_error_negative_cost():
    pr = _toy_problem(0)
    pr.sites.loc["S1", "module_cost_dry"] = -5.0
    with pytest.raises(
        InfeasibleScenarioError, match=r"sites.module_cost_dry is negative at \['S1'\]"
    ):
        solve_siting(pr)
    pr = _toy_problem(0, transport_cost={"frozen": -1.0, "dry": 1.0})
    with pytest.raises(InfeasibleScenarioError, match="transport_cost"):
        solve_siting(pr)


def test_error_missing_column():
    pr = _toy_problem(0)
    pr.sites = pr.sites.drop(columns="capacity_dry")
    with pytest.raises(
        InfeasibleScenarioError, match=r"sites table is missing column\(s\) \['capacity_dry'\]"
    ):
        solve_siting(pr)


def test_error_supply_below_demand():
    pr = _toy_problem(0)
    pr.suppliers["supply_dry"] = 1.0
    with pytest.raises(InfeasibleScenarioError, match="total supply"):
        solve_siting(pr)


# ---- map output ------------------------------------------------------------------------------
def test_geojson_and_offline_html(tmp_path):
    import json

    from aimaq.supply.map import result_geojson, write_geojson, write_html_map

    pr = _toy_problem(0)
    r = solve_siting(pr, gap=1e-6)
    g = result_geojson(r)
    sites = [f for f in g["features"] if f["properties"]["feature"] == "site"]
    flows = [f for f in g["features"] if f["properties"]["feature"] == "flow"]
    assert len(sites) == 4 and len(flows) == len(r.flows)
    assert sites[0]["geometry"]["coordinates"] == [pr.sites["lon"].iloc[0], pr.sites["lat"].iloc[0]]
    p = write_geojson(r, tmp_path / "r.geojson")
    assert json.loads(p.read_text())["type"] == "FeatureCollection"
    h = write_html_map(r, tmp_path / "m.html", pr.demand).read_text()
    assert "plotly" in h.lower() and 'src="https://cdn.plot.ly' not in h
    assert len(h) > 1_000_000  # plotly.js embedded: works offline


@pytest.mark.parametrize("seed", range(6))
def test_cflp_lagrangian_fixing_keeps_optimum(seed):
    """Lagrangian facility fixing (reduce=True) must never cut off the optimum."""
    rng = np.random.default_rng(seed + 700)
    m, n = 12, 40
    d = rng.integers(5, 40, size=n).astype(float)
    xy = rng.uniform(0, 100, size=(m + n, 2))
    dist = np.hypot(*(xy[:m, None, :] - xy[None, m:, :]).transpose(2, 0, 1))
    c = dist * d[None, :]
    q = np.full(m, rng.uniform(0.15, 0.35) * d.sum()) if seed % 2 else rng.uniform(
        0.1, 0.4, size=m
    ) * d.sum()
    f = rng.uniform(200, 2000, size=m)
    if seed >= 4:
        d[:3] = 0.0  # customers without demand cost nothing in the model
    full = capacitated_facility_location(c, f, q, d, reduce=False)
    red = capacitated_facility_location(c, f, q, d, reduce=True)
    assert full.optimal and red.optimal
    assert red.objective == pytest.approx(full.objective, rel=1e-7)
    assert red.bound <= full.objective * (1 + 1e-7)
    assert red.bound >= full.objective * (1 - 1e-6)
    x = red.allocation.toarray()
    assert np.allclose(x.sum(axis=0)[d > 0], 1.0)
    assert np.all(x @ d <= q + 1e-6)
