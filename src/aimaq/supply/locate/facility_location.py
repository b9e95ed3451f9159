"""Facility location: the uncapacitated (UFLP) and capacitated (CFLP, splittable) problems.

*UFLP* (Balinski 1965; strong formulation, Daskin 2013 ch. 7)::

    min  sum_i f_i y_i + sum_ij c_ij x_ij
    s.t. sum_i x_ij = 1  (j),   x_ij <= y_i  (i, j),   y binary

solved by default in the equivalent radius form (:func:`aimaq.supply.locate.base.add_radius_block`)
after Lagrangian bounding and reduced-cost fixing (:func:`solve_uncapacitated`, shared with the
p-median).

*CFLP with splittable demand* (Beasley 1988) adds ``sum_j d_j x_ij <= Q_i y_i`` and the valid
inequality ``sum_i Q_i y_i >= sum_j d_j``.

References
----------
Balinski, M.L. (1965). Integer programming: methods, uses, computation. *Mgmt. Sci.* 12, 253-313.
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Beasley, J.E. (1993). Lagrangean heuristics for location problems. *EJOR* 65, 383-399.
Daskin, M.S. (2013). *Network and Discrete Location*, 2nd ed. Wiley.
"""

from __future__ import annotations

import math
import time

import numpy as np
import scipy.sparse as sp

from aimaq.supply.locate.base import (
    FacilityLocationResult,
    InfeasibleScenarioError,
    ModelBuilder,
    add_flow_block,
    add_radius_block,
    check_cost,
    is_integral,
)
from aimaq.supply.locate.heuristics import cflp_rounding_heuristic, local_search
from aimaq.supply.locate.lagrangian import cflp_lagrangian, uflp_lagrangian

__all__ = [
    "capacitated_facility_location",
    "solve_uncapacitated",
    "uncapacitated_facility_location",
]

_UNCAP_OPTIONS = {
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}
"""With a local-search incumbent HiGHS's own primal heuristics rarely help (measured)."""


def solve_uncapacitated(
    c,
    f,
    p,
    must_open=None,
    formulation="auto",
    time_limit=None,
    gap=1e-6,
    warm_start=True,
    verbose=False,
    problem="uflp",
    reduce=True,
) -> FacilityLocationResult:
    """The engine shared by the UFLP and the p-median (``p`` given): bound, fix, then solve.

    A greedy + interchange incumbent (:func:`~aimaq.supply.locate.heuristics.local_search`),
    the Lagrangian bound of the assignment constraints
    (:func:`~aimaq.supply.locate.lagrangian.uflp_lagrangian`), reduced-cost fixing of every
    facility whose flipped bound cannot beat the incumbent (Beasley 1993), and a HiGHS MIP on the
    remaining candidates in the radius (default) or classic formulation. ``c`` must already be
    checked (:func:`~aimaq.supply.locate.base.check_cost`) and weighted.

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> solve_uncapacitated(c, np.zeros(3), 1, problem="p-median").objective
    15.0
    """
    t0 = time.perf_counter()
    m, n = c.shape
    forced = np.zeros(m, bool) if must_open is None else np.asarray(must_open, bool)
    if p is not None and not (1 <= p <= m):
        raise InfeasibleScenarioError(f"p must be in 1..{m}, got {p}")
    if p is not None and forced.sum() > p:
        raise InfeasibleScenarioError(f"{forced.sum()} facilities must stay open but p={p}")
    if formulation == "auto":
        formulation = "radius"
    if formulation not in ("radius", "classic"):
        raise ValueError(f"formulation must be 'auto', 'radius' or 'classic', got {formulation!r}")
    integral = is_integral(c) and is_integral(f)
    h_open, h_val = None, None
    if warm_start or reduce:
        h_open, h_val = local_search(c, f, p=p, must_open=forced)
    # Lagrangian bound and variable fixing (Beasley 1993): facilities whose flipped bound
    # cannot beat the incumbent are fixed; the MIP is built on the rest only.
    lag_lb, keep, fixed_open, excl = -np.inf, np.ones(m, bool), forced.copy(), np.inf
    if reduce and h_val is not None and m > 1:
        lag = uflp_lagrangian(c, f, p, forced, h_val)
        lag_lb, ylag, flip = lag.bound, lag.y, lag.flip
        o2, v2 = local_search(c, f, p=p, must_open=forced, initial=ylag)
        if v2 < h_val - 1e-9 * abs(h_val):
            h_open, h_val = o2, v2
        thr = h_val - 1 + 1e-6 if integral else h_val * (1 + 1e-9) + 1e-9
        fix = (flip > thr) & ~forced
        keep = ~(fix & ~ylag)
        fixed_open = forced | (fix & ylag)
        if fix.any():
            excl = float(flip[fix].min())
            if integral:
                excl = math.ceil(excl - 1e-6)
    proven_by_lag = (
        h_val is not None
        and math.isfinite(lag_lb)
        and (
            (integral and math.ceil(lag_lb - 1e-6) >= round(h_val))
            or (not integral and lag_lb >= h_val - gap * abs(h_val))
        )
    )
    kidx = np.flatnonzero(keep)
    info = None
    open_idx, obj, bound, status = h_open, h_val, lag_lb, "Optimal (Lagrangian bound)"
    nv = nr = nnz = nodes = 0
    pk = p
    feasible_sub = p is None or (kidx.size >= p and fixed_open.sum() <= p)
    # with every serving facility of some customer fixed closed, the rest is infeasible
    feasible_sub = feasible_sub and bool(np.isfinite(c[kidx]).any(axis=0).all())
    if not proven_by_lag and feasible_sub:
        cs, fs, fo = c[kidx], f[kidx], fixed_open[kidx]
        mdl = ModelBuilder()
        y = mdl.add_vars(kidx.size, cost=fs, lb=fo.astype(float), ub=1.0, integer=True)
        if pk is not None:
            mdl.add_rows(1, np.zeros(kidx.size), y, 1.0, lo=pk, hi=pk)
        if formulation == "classic":
            ii, jj = np.nonzero(np.isfinite(cs))
            x = mdl.add_vars(ii.size, cost=cs[ii, jj], ub=1.0)
            mdl.add_rows(n, jj, x, 1.0, lo=1.0, hi=1.0)
            e = np.arange(ii.size)
            mdl.add_rows(
                ii.size,
                np.r_[e, e],
                np.r_[x, y[ii]],
                np.r_[np.ones(e.size), -np.ones(e.size)],
                hi=0.0,
            )
        else:
            add_radius_block(mdl, y, cs, pk, fo)
        start = None
        if warm_start and h_open is not None:
            hv = np.zeros(m, bool)
            hv[h_open] = True
            if not (hv & ~keep).any() and not (fixed_open & ~hv).any():
                start = (y, hv[kidx].astype(float))
        sol, info = mdl.solve(
            time_limit,
            gap,
            abs_gap=(1 - 1e-6) if integral else None,
            start=start,
            verbose=verbose,
            options=_UNCAP_OPTIONS if start is not None else None,
        )
        nv, nr, nnz, nodes = info.n_variables, info.n_constraints, info.n_nonzeros, info.nodes
        status = info.status
        if sol is not None and (h_val is None or info.objective < h_val):
            open_idx, obj = kidx[np.flatnonzero(sol[y] > 0.5)], info.objective
        sub_bound = info.bound if math.isfinite(info.bound) else -np.inf
        if sol is None and status == "Infeasible":
            sub_bound = np.inf
        bound = max(lag_lb, min(sub_bound, excl))
    elif not proven_by_lag:  # the reduced problem is empty: incumbent proven by fixing
        bound = max(lag_lb, min(excl, h_val))
        status = "Optimal (variable fixing)"
    if open_idx is not None and open_idx.size:
        assign = open_idx[np.argmin(c[open_idx], axis=0)]
        acost = float(c[assign, np.arange(n)].sum())
        fcost = float(f[open_idx].sum())
    else:
        open_idx = np.zeros(0, np.int64)
        assign, acost, fcost, obj = np.full(n, -1), math.nan, math.nan, math.nan
    if obj is not None and math.isfinite(obj):
        obj = acost + fcost
        if integral:
            obj = float(round(obj))
    if integral and math.isfinite(bound):
        bound = float(math.ceil(bound - 1e-6))
    g = abs(obj - bound) / max(abs(obj), 1e-9) if math.isfinite(obj) else math.inf
    return FacilityLocationResult(
        problem,
        formulation,
        open_idx,
        assign,
        None,
        obj,
        bound,
        g,
        time.perf_counter() - t0,
        status,
        fcost,
        acost,
        h_val,
        nv,
        nr,
        nnz,
        nodes,
        integral,
        int((~keep).sum()),
        int((fixed_open & ~forced).sum()),
    )


def uncapacitated_facility_location(
    cost,
    fixed_cost,
    *,
    must_open=None,
    formulation: str = "auto",
    time_limit: float | None = None,
    gap: float = 1e-6,
    warm_start: bool = True,
    reduce: bool = True,
    verbose: bool = False,
) -> FacilityLocationResult:
    """Solve the uncapacitated facility location problem (simple plant location).

    ``min sum_i f_i y_i + sum_ij c_ij x_ij`` s.t. ``sum_i x_ij = 1``, ``x_ij <= y_i``
    (Balinski 1965; strong formulation, Daskin 2013 ch. 7), or the equivalent radius form
    (Cornuejols, Nemhauser & Wolsey 1980) which is the default.

    Parameters
    ----------
    cost : array_like, shape (m, n)
        Cost ``c_ij`` of serving all of customer ``j`` from facility ``i``.
    fixed_cost : array_like, shape (m,)
    must_open, formulation, time_limit, gap, warm_start, reduce, verbose
        As in :func:`p_median`.

    Returns
    -------
    FacilityLocationResult

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> r = uncapacitated_facility_location(c, [5.0, 5.0, 5.0])
    >>> r.open.tolist(), r.objective, r.fixed_cost
    ([1, 2], 17.0, 10.0)
    """
    c = check_cost(cost, fixed_cost)
    f = np.asarray(fixed_cost, float)
    return solve_uncapacitated(
        c, f, None, must_open, formulation, time_limit, gap, warm_start, verbose, "uflp", reduce
    )


def capacitated_facility_location(
    cost,
    fixed_cost,
    capacity,
    demand,
    *,
    must_open=None,
    time_limit: float | None = None,
    gap: float = 1e-6,
    warm_start: bool = True,
    reduce: bool = True,
    verbose: bool = False,
) -> FacilityLocationResult:
    """Solve the capacitated facility location problem with splittable demand (Beasley 1988).

    ``min sum_i f_i y_i + sum_ij c_ij x_ij`` s.t. ``sum_i x_ij = 1``, ``x_ij <= y_i``,
    ``sum_j d_j x_ij <= Q_i y_i``, ``sum_i Q_i y_i >= sum_j d_j``, ``0 <= x_ij <= 1`` -- the
    one-class case of :func:`solve_siting`'s model.

    Parameters
    ----------
    cost : array_like, shape (m, n)
        Cost of serving *all* of customer ``j``'s demand from ``i`` (split proportionally).
    fixed_cost, capacity : array_like, shape (m,)
    demand : array_like, shape (n,)
    warm_start : bool
        Pass a heuristic solution to HiGHS. With ``reduce`` it comes from the Lagrangian
        heuristic; without, from LP rounding + greedy closing evaluated with transportation LPs.
    reduce : bool
        Lagrangian relaxation of the demand constraints (Beasley 1988: a continuous knapsack per
        facility plus the total-capacity cover), subgradient optimisation, and fixing of every
        facility whose Lagrangian bound with ``y_i`` flipped exceeds the incumbent; the MIP is
        built on the remaining facilities only (finite capacities only).

    Returns
    -------
    FacilityLocationResult

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> r = capacitated_facility_location(c, [5.0, 5.0, 5.0], [3.0, 3.0, 3.0], [1.0, 1, 1, 1])
    >>> float(r.objective), r.optimal
    (17.0, True)
    """
    t0 = time.perf_counter()
    c = check_cost(cost, fixed_cost)
    m, n = c.shape
    q = np.asarray(capacity, float)
    d = np.asarray(demand, float)
    if q.shape != (m,) or np.isnan(q).any() or (q < 0).any():
        raise ValueError(f"capacity must be {m} non-negative numbers (got shape {q.shape})")
    if d.shape != (n,) or (d < 0).any():
        raise ValueError(f"demand must be {n} non-negative numbers")
    if q.sum() < d.sum():
        raise InfeasibleScenarioError(
            f"total capacity {q.sum():g} is below total demand {d.sum():g}"
        )
    forced = np.zeros(m, bool) if must_open is None else np.asarray(must_open, bool)
    f = np.asarray(fixed_cost, float)

    lag_lb, excl, h_open, h_val = -np.inf, np.inf, None, None
    keep, fixed_open = np.ones(m, bool), forced.copy()
    pos = d > 0  # zero-demand customers are not in the model (cost 0)
    use_lag = (
        reduce
        and m > 1
        and bool(pos.any())
        and bool(np.isfinite(q).all())
        and bool(np.isfinite(c[:, pos]).all())
    )
    if use_lag:
        lag = cflp_lagrangian(c[:, pos], f, q, d[pos], forced, time_limit)
        lag_lb, h_open, h_val, flip, ylag = lag.bound, lag.open, lag.value, lag.flip, lag.y
        if h_val is not None:
            # margin above LP round-off of the transportation values (gap target is 1e-6)
            thr = h_val * (1 + 1e-7) + 1e-9
            fix = (flip > thr) & ~forced
            keep = ~(fix & ~ylag)
            fixed_open = forced | (fix & ylag)
            if fix.any():
                excl = float(flip[fix].min())
            if lag_lb >= h_val - gap * abs(h_val):  # proven: only the allocation is needed
                keep = np.zeros(m, bool)
                keep[h_open] = True
                fixed_open = keep.copy()
    kidx = np.flatnonzero(keep)
    mdl = ModelBuilder()
    cols = add_flow_block(
        mdl,
        cost=[c[kidx]],
        demand=d[None, :],
        site_fixed=np.zeros(kidx.size),
        module_fixed=f[kidx][None, :],
        capacity=q[kidx][None, :],
        forced=fixed_open[kidx],
    )
    start = None
    if warm_start and not use_lag:
        h_open, h_val = cflp_rounding_heuristic(mdl, cols, c, f, q, d, forced, time_limit)
    if warm_start and h_open is not None:
        hv = np.zeros(m, bool)
        hv[h_open] = True
        if not (hv & ~keep).any() and not (fixed_open & ~hv).any():
            start = (cols["z"][0], hv[kidx].astype(float))
    sol, info = mdl.solve(time_limit, gap, start=start, verbose=verbose)
    z = cols["z"][0]
    obj, status = info.objective, info.status
    sub_bound = info.bound if math.isfinite(info.bound) else -np.inf
    if sol is None and status == "Infeasible":
        sub_bound = np.inf
    bound = max(lag_lb, min(sub_bound, excl))
    if sol is not None:
        open_idx = kidx[np.flatnonzero(sol[z] > 0.5)]
        xi, xj, xc = cols["x"][0]
        alloc = sp.csr_matrix((sol[xc], (kidx[xi], xj)), shape=(m, n))
        alloc.eliminate_zeros()
        assign = np.asarray(alloc.argmax(axis=0)).ravel()
        acost = float(alloc.multiply(c).sum())
        bound = min(bound, obj) if use_lag else bound
    else:
        open_idx, alloc, assign, acost = np.zeros(0, np.int64), None, np.full(n, -1), math.nan
    g = abs(obj - bound) / max(abs(obj), 1e-9) if math.isfinite(obj) else math.inf
    if use_lag and h_val is not None and lag_lb >= h_val - gap * abs(h_val):
        status = "Optimal (Lagrangian bound)"
    return FacilityLocationResult(
        "cflp",
        "classic",
        open_idx,
        assign,
        alloc,
        obj,
        bound,
        g,
        time.perf_counter() - t0,
        status,
        float(f[open_idx].sum()),
        acost,
        h_val,
        info.n_variables,
        info.n_constraints,
        info.n_nonzeros,
        info.nodes,
        False,
        int((~keep).sum()),
        int((fixed_open & ~forced).sum()),
    )
