"""The capacitated multi-class (frozen / chilled / dry) distribution-centre siting model.

Sites ``y_i``, temperature-class modules ``z_ik``, fractions ``x_ijk`` of class-``k`` demand
``d_jk`` of ``j`` served by ``i``, supplier flows ``w_sik`` (tonnes)::

    min  sum_i F_i y_i + sum_ik G_ik z_ik + sum_ijk t_k l_ij d_jk x_ijk + sum_sik t_k l_si w_sik
    s.t. sum_i x_ijk = 1                         demand met
         x_ijk <= z_ik                           disaggregated linking
         sum_j d_jk x_ijk <= Q_ik z_ik           module capacity
         sum_i Q_ik z_ik >= sum_j d_jk           valid inequality (total capacity)
         z_ik <= y_i                             module only at an open site
         sum_s w_sik = sum_j d_jk x_ijk          flow conservation at the centre
         sum_i w_sik <= S_sk                     supplier volume
         x_ijk = 0 if l_ij > L_k                 perishables' delivery limit (hard mode)

With one class, no suppliers and ``G = f`` this is Beasley's (1988) capacitated warehouse
problem with splittable demand (:func:`aimaq.supply.locate.capacitated_facility_location`). The
model is assembled by :func:`aimaq.supply.locate.base.add_flow_block` and solved with HiGHS.

References
----------
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Daskin, M.S. (2013). *Network and Discrete Location*, 2nd ed., ch. 7. Wiley.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aimaq.supply.locate.base import InfeasibleScenarioError, ModelBuilder, add_flow_block
from aimaq.supply.locate.heuristics import local_search

__all__ = [
    "SitingProblem",
    "SitingResult",
    "TEMPERATURE_CLASSES",
    "compare_scenarios",
    "solve_siting",
]

TEMPERATURE_CLASSES = ("frozen", "chilled", "dry")


@dataclass
class SitingProblem:
    """Data of a capacitated multi-class distribution-centre siting problem.

    Units: tonnes per year for demand, capacity and supply; km for distance; currency per year
    for fixed costs (annualised) and currency per tonne-km for transport.

    Attributes
    ----------
    classes : list of str
        Temperature classes, e.g. ``["frozen", "chilled", "dry"]``.
    demand : pandas.DataFrame
        Index = demand-point id; columns ``name, lat, lon, region`` and one column per class
        with tonnes per year.
    sites : pandas.DataFrame
        Index = site id; columns ``name, lat, lon, region, fixed_cost, existing`` and per class
        ``capacity_<class>`` (tonnes/yr, 0 = class not offered) and ``module_cost_<class>``.
    transport_cost : dict
        Class -> cost per tonne-km.
    max_distance : dict
        Class -> delivery limit in km (``inf`` = none).
    distance : numpy.ndarray
        ``(sites, demand points)`` km.
    suppliers : pandas.DataFrame, optional
        Index = supplier id; ``name, lat, lon`` and per class ``supply_<class>`` tonnes.
    supply_distance : numpy.ndarray, optional
        ``(suppliers, sites)`` km.
    p : int, optional
        Exact number of centres to open.
    limit_mode : {"hard", "soft"}
        ``hard``: demand beyond a class's limit cannot be served from that site; ``soft``: it
        can, at ``soft_penalty`` times the transport cost for the kilometres beyond the limit.
    soft_penalty : float
    name : str
    notes : list of str
        Provenance and assumption notes carried into the result.
    """

    classes: list[str]
    demand: pd.DataFrame
    sites: pd.DataFrame
    transport_cost: dict[str, float]
    max_distance: dict[str, float]
    distance: np.ndarray
    suppliers: pd.DataFrame | None = None
    supply_distance: np.ndarray | None = None
    p: int | None = None
    limit_mode: str = "hard"
    soft_penalty: float = 10.0
    name: str = "scenario"
    currency: str = "KZT"
    notes: list[str] = field(default_factory=list)

    def validate(self) -> None:
        """Check consistency and feasibility; raise with the cause before any solve.

        Raises
        ------
        InfeasibleScenarioError
            Unknown or duplicated class, missing column, negative cost, total capacity or
            supply below demand, a demand point beyond every site's limit for its class.
        """
        err = InfeasibleScenarioError
        if not self.classes:
            raise err("no temperature classes selected")
        if len(set(self.classes)) != len(self.classes):
            raise err(f"duplicated class in {self.classes}")
        for k in self.classes:
            if k not in TEMPERATURE_CLASSES:
                raise err(f"unknown class {k!r}; known classes: {', '.join(TEMPERATURE_CLASSES)}")
        need_d = ["name", "lat", "lon", "region", *self.classes]
        need_s = ["name", "lat", "lon", "region", "fixed_cost", "existing"]
        need_s += [f"capacity_{k}" for k in self.classes] + [
            f"module_cost_{k}" for k in self.classes
        ]
        for what, df, need in (("demand", self.demand, need_d), ("sites", self.sites, need_s)):
            miss = [c for c in need if c not in df.columns]
            if miss:
                raise err(f"{what} table is missing column(s) {miss}")
        if self.suppliers is not None:
            miss = [c for c in [f"supply_{k}" for k in self.classes] if c not in self.suppliers]
            if miss:
                raise err(f"suppliers table is missing column(s) {miss}")
        for k in self.classes:
            if k not in self.transport_cost:
                raise err(f"transport_cost has no entry for class {k!r}")
            if not self.transport_cost[k] >= 0:
                raise err(f"transport_cost[{k!r}] = {self.transport_cost[k]} is negative")
            if k in self.max_distance and not self.max_distance[k] > 0:
                raise err(f"max_distance[{k!r}] must be positive")
        for col in (
            ["fixed_cost"]
            + [f"module_cost_{k}" for k in self.classes]
            + [f"capacity_{k}" for k in self.classes]
        ):
            v = pd.to_numeric(self.sites[col], errors="coerce")
            if v.isna().any():
                raise err(
                    f"sites.{col} has missing/non-numeric values at {list(v.index[v.isna()])}"
                )
            if (v < 0).any():
                bad = list(self.sites.index[v < 0])
                raise err(f"sites.{col} is negative at {bad}: costs and capacities must be >= 0")
        for k in self.classes:
            v = pd.to_numeric(self.demand[k], errors="coerce")
            if v.isna().any() or (v < 0).any():
                raise err(f"demand.{k} has missing or negative values")
        m, n = len(self.sites), len(self.demand)
        if self.distance.shape != (m, n):
            raise err(f"distance matrix shape {self.distance.shape} != (sites, demand) {(m, n)}")
        if np.isnan(self.distance).any() or (self.distance < 0).any():
            raise err("distance matrix has NaN or negative entries")
        if self.p is not None:
            if not 1 <= self.p <= m:
                raise err(f"p={self.p} must be between 1 and the number of sites {m}")
            if int(self.sites["existing"].astype(bool).sum()) > self.p:
                raise err(f"more existing facilities than p={self.p}")
        if self.limit_mode not in ("hard", "soft"):
            raise err(f"limit_mode must be 'hard' or 'soft', got {self.limit_mode!r}")
        for k in self.classes:
            dk = self.demand[k].to_numpy(float)
            cap = self.sites[f"capacity_{k}"].to_numpy(float)
            if cap.sum() < dk.sum() * (1 - 1e-12):
                raise err(
                    f"class {k!r}: total capacity of all candidate sites {cap.sum():,.0f} t is "
                    f"below total demand {dk.sum():,.0f} t; add sites or raise capacity_{k}"
                )
            if self.suppliers is not None:
                s = self.suppliers[f"supply_{k}"].to_numpy(float)
                if s.sum() < dk.sum() * (1 - 1e-12):
                    raise err(
                        f"class {k!r}: total supply {s.sum():,.0f} t is below total demand "
                        f"{dk.sum():,.0f} t; add suppliers or raise supply_{k}"
                    )
            lim = self.max_distance.get(k, np.inf)
            if self.limit_mode == "hard" and np.isfinite(lim):
                reach = ((self.distance <= lim) & (cap[:, None] > 0)).any(axis=0)
                bad = np.flatnonzero(~reach & (dk > 0))
                if bad.size:
                    names = self.demand["name"].iloc[bad[:5]].tolist()
                    raise err(
                        f"class {k!r}: {bad.size} demand point(s) (e.g. {names}) are beyond the "
                        f"{lim:g} km limit of every candidate site; add a site nearby, raise "
                        f"max_distance.{k} or use limit_mode = 'soft'"
                    )


@dataclass(frozen=True)
class SitingResult:
    """Solution of :func:`solve_siting`.

    Attributes
    ----------
    name : str
    classes : list of str
    sites : pandas.DataFrame
        One row per candidate: ``name, lat, lon, region, open, existing`` and per class
        ``module_<class>`` (bool), ``throughput_<class>`` (t/yr), ``utilisation_<class>``.
    flows : pandas.DataFrame
        ``kind`` (``inbound`` supplier->centre or ``outbound`` centre->demand), ``class``,
        ``origin, destination`` ids and names, coordinates, ``tonnes, km, cost``.
    cost : pandas.Series
        ``fixed_sites, fixed_modules, transport_<class>`` ..., ``total``.
    service_level : pandas.Series
        Per class: share of demand served within its delivery limit.
    coverage_by_region : pandas.DataFrame
        Per region and class: demand, share within the limit, mean distance.
    utilisation : pandas.DataFrame
        Open centres x classes: throughput / capacity.
    objective, bound, gap, seconds, status
        Solver report.
    notes : list of str
        Assumption/provenance notes of the scenario.
    """

    name: str
    classes: list[str]
    sites: pd.DataFrame
    flows: pd.DataFrame
    cost: pd.Series
    service_level: pd.Series
    coverage_by_region: pd.DataFrame
    utilisation: pd.DataFrame
    objective: float
    bound: float
    gap: float
    seconds: float
    status: str
    currency: str = "KZT"
    notes: list[str] = field(default_factory=list)
    n_variables: int = 0
    n_constraints: int = 0

    @property
    def open_sites(self) -> pd.DataFrame:
        """Rows of :attr:`sites` that are open."""
        return self.sites[self.sites["open"]]

    def summary(self) -> pd.Series:
        """One column of figures for :func:`compare_scenarios`."""
        s = {
            "centres open": int(self.sites["open"].sum()),
            **{f"{k} modules": int(self.sites[f"module_{k}"].sum()) for k in self.classes},
            **{f"cost {i}": v for i, v in self.cost.items()},
            **{f"service level {k}": self.service_level[k] for k in self.classes},
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": self.seconds,
        }
        return pd.Series(s, name=self.name)


def compare_scenarios(results) -> pd.DataFrame:
    """Side-by-side table of several :class:`SitingResult` (columns = scenarios).

    Parameters
    ----------
    results : iterable of SitingResult or dict name -> SitingResult
    """
    if isinstance(results, dict):
        cols = []
        for nm, r in results.items():
            s = r.summary()
            s.name = nm
            cols.append(s)
    else:
        cols = [r.summary() for r in results]
    return pd.concat(cols, axis=1)


def solve_siting(
    problem: SitingProblem,
    *,
    time_limit: float | None = 60.0,
    gap: float = 1e-4,
    warm_start: bool = True,
    verbose: bool = False,
) -> SitingResult:
    """Solve the capacitated multi-class distribution-centre siting problem.

    Formulation (see the module docstring): binary sites ``y_i`` and class modules ``z_ik``,
    splittable demand fractions ``x_ijk`` restricted to pairs within the class's delivery limit,
    disaggregated linking ``x_ijk <= z_ik``, module capacities, the total-capacity valid
    inequality, supplier flows with conservation at centres, and existing facilities fixed
    open. The warm start is the uncapacitated local-search solution on the class-summed costs,
    completed with capacity-feasible modules (HiGHS repairs/ignores it if infeasible).

    Parameters
    ----------
    problem : SitingProblem
    time_limit : float, optional
        HiGHS time limit in seconds.
    gap : float
        Relative MIP gap tolerance (default 1e-4 = 0.01 %).
    warm_start : bool

    Returns
    -------
    SitingResult

    References
    ----------
    Daskin, M.S. (2013). *Network and Discrete Location*, 2nd ed., ch. 7. Wiley.
    Beasley, J.E. (1988). *EJOR* 33, 314-325.
    """
    t0 = time.perf_counter()
    problem.validate()
    pr = problem
    ks = list(pr.classes)
    m, n = pr.distance.shape
    sites = pr.sites
    dist = np.asarray(pr.distance, float)
    forced = sites["existing"].astype(bool).to_numpy()
    dem = np.vstack([pr.demand[k].to_numpy(float) for k in ks])  # (K, n)
    cap = np.vstack([sites[f"capacity_{k}"].to_numpy(float) for k in ks])
    gmod = np.vstack([sites[f"module_cost_{k}"].to_numpy(float) for k in ks])
    fsite = sites["fixed_cost"].to_numpy(float)
    costs = []
    for a, k in enumerate(ks):
        t = float(pr.transport_cost[k])
        lim = float(pr.max_distance.get(k, np.inf))
        ck = t * dist * dem[a][None, :]
        if np.isfinite(lim):
            beyond = dist > lim
            if pr.limit_mode == "hard":
                ck = np.where(beyond, np.inf, ck)
            else:
                ck = ck + pr.soft_penalty * t * np.maximum(dist - lim, 0) * dem[a][None, :]
        costs.append(ck)
    supply = sdist = None
    scost = None
    if pr.suppliers is not None and len(pr.suppliers):
        supply = np.column_stack([pr.suppliers[f"supply_{k}"].to_numpy(float) for k in ks])
        sdist = np.asarray(pr.supply_distance, float)
        scost = [float(pr.transport_cost[k]) * sdist for k in ks]
    mdl = ModelBuilder()
    cols = add_flow_block(mdl, costs, dem, fsite, gmod, cap, forced, pr.p, supply, scost)
    start = None
    if warm_start:
        start = _siting_start(costs, dem, fsite, gmod, cap, forced, pr.p, cols)
    sol, info = mdl.solve(time_limit, gap, start=start, verbose=verbose)
    if sol is None:
        raise InfeasibleScenarioError(
            f"HiGHS found no feasible solution (status {info.status}) within the time limit"
        )
    return _siting_result(pr, ks, sol, cols, info, dem, cap, gmod, fsite, dist, sdist, t0)


def _siting_start(costs, dem, fsite, gmod, cap, forced, p, cols):
    kk, m = cap.shape
    tot = np.zeros_like(costs[0])
    for ck in costs:
        tot = tot + np.where(np.isfinite(ck), ck, np.inf)
    fx = fsite + np.where(cap > 0, gmod, 0).sum(axis=0)
    try:
        open_idx, _ = local_search(tot, fx, p=p, must_open=forced)
    except Exception:  # noqa: BLE001 - the warm start is optional
        return None
    is_open = np.zeros(m, bool)
    is_open[open_idx] = True
    if p is None:
        for a in range(kk):  # every demand point needs an open site within its class limit
            reach = np.isfinite(costs[a]) & (cap[a] > 0)[:, None]
            need = dem[a] > 0
            while True:
                unc = need & ~reach[is_open].any(axis=0)
                if not unc.any():
                    break
                gain = reach[:, unc] @ dem[a][unc]
                gain[is_open] = -1
                if gain.max() <= 0:
                    break
                is_open[int(np.argmax(gain))] = True
        for a in range(kk):  # add capacity until every class fits
            while cap[a][is_open].sum() < dem[a].sum() and (~is_open & (cap[a] > 0)).any():
                cand = np.flatnonzero(~is_open & (cap[a] > 0))
                is_open[cand[np.argmax(cap[a][cand] / (fx[cand] + 1))]] = True
    idx, val = [], []
    if cols["y"] is not None:
        idx.append(cols["y"])
        val.append(is_open.astype(float))
    for a in range(kk):
        idx.append(cols["z"][a])
        val.append((is_open & (cap[a] > 0)).astype(float))
    return np.concatenate(idx), np.concatenate(val)


def _siting_result(pr, ks, sol, cols, info, dem, cap, gmod, fsite, dist, sdist, t0):
    sites = pr.sites
    m, n = dist.shape
    out = sites[["name", "lat", "lon", "region", "existing"]].copy()
    zs = [sol[cols["z"][a]] > 0.5 for a in range(len(ks))]
    yv = sol[cols["y"]] > 0.5 if cols["y"] is not None else zs[0]
    out["open"] = yv
    flows = []
    cost = {"fixed_sites": float(fsite[yv].sum()), "fixed_modules": 0.0}
    service, cover_rows = {}, []
    util = pd.DataFrame(index=sites.index)
    for a, k in enumerate(ks):
        t = float(pr.transport_cost[k])
        lim = float(pr.max_distance.get(k, np.inf))
        ii, jj, xc = cols["x"][a]
        frac = sol[xc]
        keep = frac > 1e-7
        ii, jj, frac = ii[keep], jj[keep], frac[keep]
        tonnes = frac * dem[a][jj]
        km = dist[ii, jj]
        thr = np.bincount(ii, weights=tonnes, minlength=m)
        out[f"module_{k}"] = zs[a]
        out[f"throughput_{k}"] = thr
        with np.errstate(divide="ignore", invalid="ignore"):
            u = np.where(cap[a] > 0, thr / cap[a], np.nan)
        out[f"utilisation_{k}"] = np.where(zs[a], u, np.nan)
        util[k] = out[f"utilisation_{k}"]
        cost["fixed_modules"] += float(gmod[a][zs[a]].sum())
        out_cost = float((t * km * tonnes).sum())
        in_cost = 0.0
        flows.append(
            pd.DataFrame(
                {
                    "kind": "outbound",
                    "class": k,
                    "origin": sites.index[ii],
                    "origin_name": sites["name"].to_numpy()[ii],
                    "destination": pr.demand.index[jj],
                    "destination_name": pr.demand["name"].to_numpy()[jj],
                    "lat0": sites["lat"].to_numpy()[ii],
                    "lon0": sites["lon"].to_numpy()[ii],
                    "lat1": pr.demand["lat"].to_numpy()[jj],
                    "lon1": pr.demand["lon"].to_numpy()[jj],
                    "tonnes": tonnes,
                    "km": km,
                    "cost": t * km * tonnes,
                }
            )
        )
        if cols["w"]:
            si, sj, wc = cols["w"][a]
            wt = sol[wc]
            keep = wt > 1e-6
            si, sj, wt = si[keep], sj[keep], wt[keep]
            skm = sdist[si, sj]
            in_cost = float((t * skm * wt).sum())
            sup = pr.suppliers
            flows.append(
                pd.DataFrame(
                    {
                        "kind": "inbound",
                        "class": k,
                        "origin": sup.index[si],
                        "origin_name": sup["name"].to_numpy()[si],
                        "destination": sites.index[sj],
                        "destination_name": sites["name"].to_numpy()[sj],
                        "lat0": sup["lat"].to_numpy()[si],
                        "lon0": sup["lon"].to_numpy()[si],
                        "lat1": sites["lat"].to_numpy()[sj],
                        "lon1": sites["lon"].to_numpy()[sj],
                        "tonnes": wt,
                        "km": skm,
                        "cost": t * skm * wt,
                    }
                )
            )
        cost[f"transport_{k}_outbound"] = out_cost
        cost[f"transport_{k}_inbound"] = in_cost
        within = km <= lim + 1e-9
        tot = dem[a].sum()
        service[k] = min(float(tonnes[within].sum() / tot), 1.0) if tot > 0 else math.nan
        reg = pr.demand["region"].to_numpy()[jj]
        g = pd.DataFrame(
            {"region": reg, "tonnes": tonnes, "within": tonnes * within, "tkm": tonnes * km}
        )
        g = g.groupby("region").sum()
        g["class"] = k
        g["demand_t"] = (
            pd.Series(dem[a], index=pr.demand["region"].to_numpy()).groupby(level=0).sum()
        )
        g["share_within_limit"] = np.minimum(g["within"] / g["demand_t"], 1.0)
        g["mean_km"] = g["tkm"] / g["tonnes"]
        cover_rows.append(
            g.reset_index()[["region", "class", "demand_t", "share_within_limit", "mean_km"]]
        )
    penalty = info.objective - sum(cost.values())
    if pr.limit_mode == "soft" and penalty > 1e-6 * max(1.0, abs(info.objective)):
        cost["soft_limit_penalty"] = penalty
    cost["total"] = float(info.objective)
    flows_df = pd.concat(flows, ignore_index=True) if flows else pd.DataFrame()
    cov = pd.concat(cover_rows, ignore_index=True)
    return SitingResult(
        pr.name,
        ks,
        out,
        flows_df,
        pd.Series(cost),
        pd.Series(service),
        cov,
        util[out["open"].to_numpy()],
        info.objective,
        info.bound,
        info.gap,
        time.perf_counter() - t0,
        info.status,
        pr.currency,
        list(pr.notes),
        info.n_variables,
        info.n_constraints,
    )
