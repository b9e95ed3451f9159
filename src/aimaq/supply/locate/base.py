"""The shared HiGHS model builder, the single-class result and the formulation blocks.

Every model in :mod:`aimaq.supply.locate` and :mod:`aimaq.supply.siting` is assembled by one
vectorised sparse builder (:class:`ModelBuilder`: variable and constraint blocks as COO triplets,
converted once to CSC) and solved with HiGHS (``highspy``) under a time limit; every solve reports
the incumbent objective, HiGHS's proven bound and the relative gap (:class:`SolveInfo`).

Blocks
------
:func:`add_radius_block` -- the cumulative radius formulation of the uncapacitated problems
(Cornuejols, Nemhauser & Wolsey 1980; Elloumi 2010; Garcia, Labbe & Marin 2011). For customer
``j`` let ``D_j^1 < ... < D_j^{K_j}`` be its distinct costs and ``z_j^k >= 0`` indicate "no open
facility at cost <= D_j^k"::

    min  sum_j [D_j^1 + sum_k (D_j^{k+1} - D_j^k) z_j^k]
    s.t. z_j^1 + sum_{i: c_ij = D_j^1} y_i >= 1
         z_j^k - z_j^{k-1} + sum_{i: c_ij = D_j^k} y_i >= 0        (k >= 2)

:func:`add_flow_block` -- the capacitated multi-class flow model (sites ``y_i``, class modules
``z_ik``, splittable fractions ``x_ijk``, supplier flows ``w_sik``); with one class, no suppliers
and no site cost it is Beasley's (1988) capacitated warehouse problem.

References
----------
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Cornuejols, G., Nemhauser, G.L. & Wolsey, L.A. (1980). A canonical representation of simple
plant location problems and its applications. *SIAM J. Algebraic Discrete Methods* 1, 261-272.
Elloumi, S. (2010). A tighter formulation of the p-median problem. *J. Comb. Optim.* 19, 69-83.
Garcia, S., Labbe, M. & Marin, A. (2011). Solving large p-median problems with a radius
formulation. *INFORMS J. Comput.* 23, 546-556.
Huangfu, Q. & Hall, J.A.J. (2018). Parallelizing the dual revised simplex method. *Math. Prog.
Comput.* 10, 119-142 (HiGHS).
"""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = [
    "FacilityLocationResult",
    "InfeasibleScenarioError",
    "ModelBuilder",
    "SolveInfo",
    "add_flow_block",
    "add_radius_block",
    "check_cost",
    "is_integral",
]


def _quiet_highs():
    """A ``highspy.Highs`` whose start-up banner (printed by the C library on standard output,
    before any option can silence it) does not reach the CLI's output."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            try:
                return highspy.Highs()
            finally:
                os.dup2(saved, 1)
    finally:
        os.close(saved)


class InfeasibleScenarioError(ValueError):
    """A siting problem that cannot have a feasible solution (detected before solving)."""


@dataclass(frozen=True)
class SolveInfo:
    """HiGHS's report of one solve: model status, incumbent, proven bound, relative gap, wall
    time, model size and branch-and-bound nodes."""

    status: str
    objective: float
    bound: float
    gap: float
    seconds: float
    n_variables: int
    n_constraints: int
    n_nonzeros: int
    nodes: int


class ModelBuilder:
    """Vectorised MIP builder: variable blocks and constraint blocks as COO triplets.

    ``add_vars`` and ``add_rows`` append blocks (numpy arrays, no Python loop per entry); the
    matrix is assembled once in CSC form and passed to HiGHS by :meth:`solve`, which returns the
    column values and a :class:`SolveInfo`.

    Examples
    --------
    ``min x0 + 2 x1`` s.t. ``x0 + x1 >= 4``, ``0 <= x <= 3``:

    >>> mdl = ModelBuilder()
    >>> x = mdl.add_vars(2, cost=[1.0, 2.0], ub=3.0)
    >>> _ = mdl.add_rows(1, [0, 0], x, [1.0, 1.0], lo=4.0)
    >>> sol, info = mdl.solve()
    >>> sol.tolist(), info.objective
    ([3.0, 1.0], 5.0)
    """

    def __init__(self, maximize: bool = False):
        self.maximize = maximize
        self._cost: list[np.ndarray] = []
        self._lb: list[np.ndarray] = []
        self._ub: list[np.ndarray] = []
        self._int: list[np.ndarray] = []
        self.n_col = 0
        self._ri: list[np.ndarray] = []
        self._ci: list[np.ndarray] = []
        self._v: list[np.ndarray] = []
        self._rlo: list[np.ndarray] = []
        self._rhi: list[np.ndarray] = []
        self.n_row = 0
        self.offset = 0.0

    def add_vars(self, n, cost=0.0, lb=0.0, ub=np.inf, integer=False) -> np.ndarray:
        """Add ``n`` columns; return their indices."""
        idx = np.arange(self.n_col, self.n_col + n)
        self._cost.append(np.broadcast_to(np.asarray(cost, float), (n,)).copy())
        self._lb.append(np.broadcast_to(np.asarray(lb, float), (n,)).copy())
        self._ub.append(np.broadcast_to(np.asarray(ub, float), (n,)).copy())
        self._int.append(np.full(n, bool(integer)))
        self.n_col += n
        return idx

    def add_rows(self, n, rows, cols, vals, lo=-np.inf, hi=np.inf) -> np.ndarray:
        """Add ``n`` rows; ``rows`` are local (0..n-1) row numbers of the triplets."""
        idx = np.arange(self.n_row, self.n_row + n)
        rows = np.asarray(rows, np.int64)
        cols = np.asarray(cols, np.int64)
        self._ri.append(rows + self.n_row)
        self._ci.append(cols)
        self._v.append(np.broadcast_to(np.asarray(vals, float), rows.shape).copy())
        self._rlo.append(np.broadcast_to(np.asarray(lo, float), (n,)).copy())
        self._rhi.append(np.broadcast_to(np.asarray(hi, float), (n,)).copy())
        self.n_row += n
        return idx

    def fix(self, cols, value):
        """Fix columns (global indices) to a value."""
        lb = np.concatenate(self._lb)
        ub = np.concatenate(self._ub)
        lb[cols] = value
        ub[cols] = value
        self._lb, self._ub = [lb], [ub]

    def solve(
        self,
        time_limit: float | None = None,
        gap: float = 1e-6,
        abs_gap: float | None = None,
        start: tuple[np.ndarray, np.ndarray] | None = None,
        verbose: bool = False,
        threads: int | None = None,
        options: dict | None = None,
        relax: bool = False,
    ) -> tuple[np.ndarray | None, SolveInfo]:
        import highspy

        t0 = time.perf_counter()
        cost = np.concatenate(self._cost) if self._cost else np.zeros(0)
        a = sp.csc_matrix(
            (np.concatenate(self._v), (np.concatenate(self._ri), np.concatenate(self._ci))),
            shape=(self.n_row, self.n_col),
        )
        a.sum_duplicates()
        lp = highspy.HighsLp()
        lp.num_col_ = self.n_col
        lp.num_row_ = self.n_row
        big = float(np.abs(cost).max()) if cost.size else 0.0
        scale = 10.0 ** (math.floor(math.log10(big)) - 4) if big > 1e6 else 1.0
        lp.col_cost_ = cost / scale
        lp.col_lower_ = np.concatenate(self._lb)
        lp.col_upper_ = np.concatenate(self._ub)
        lp.row_lower_ = np.concatenate(self._rlo)
        lp.row_upper_ = np.concatenate(self._rhi)
        lp.offset_ = float(self.offset) / scale
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = a.indptr.astype(np.int32)
        lp.a_matrix_.index_ = a.indices.astype(np.int32)
        lp.a_matrix_.value_ = a.data
        lp.a_matrix_.num_col_ = self.n_col
        lp.a_matrix_.num_row_ = self.n_row
        is_int = np.concatenate(self._int)
        if relax:
            is_int = np.zeros_like(is_int)
        if is_int.any():
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if b else highspy.HighsVarType.kContinuous
                for b in is_int
            ]
        if self.maximize:
            lp.sense_ = highspy.ObjSense.kMaximize
        h = _quiet_highs() if not verbose else highspy.Highs()
        h.setOptionValue("output_flag", bool(verbose))
        if time_limit is not None:
            h.setOptionValue("time_limit", float(time_limit))
        h.setOptionValue("mip_rel_gap", float(gap))
        if abs_gap is not None:
            h.setOptionValue("mip_abs_gap", float(abs_gap) / scale)
        if threads is not None:
            h.setOptionValue("threads", int(threads))
        for key, val in (options or {}).items():
            h.setOptionValue(key, val)
        h.passModel(lp)
        if start is not None:
            idx, val = start
            h.setSolution(len(idx), np.asarray(idx, np.int32), np.asarray(val, float))
        h.run()
        status = h.modelStatusToString(h.getModelStatus())
        info = h.getInfo()
        ok = info.primal_solution_status == 2  # kSolutionStatusFeasible
        obj = float(info.objective_function_value) * scale if ok else math.nan
        if is_int.any():
            bound = float(info.mip_dual_bound) * scale
            nodes = int(info.mip_node_count)
        else:
            bound, nodes = obj, 0
        g = abs(obj - bound) / max(abs(obj), 1e-9) if ok else math.inf
        x = np.asarray(h.getSolution().col_value) if ok else None
        si = SolveInfo(
            status, obj, bound, g, time.perf_counter() - t0, self.n_col, self.n_row, a.nnz, nodes
        )
        return x, si


def is_integral(a: np.ndarray) -> bool:
    a = a[np.isfinite(a)]
    return bool(np.all(np.abs(a - np.round(a)) < 1e-9))


@dataclass(frozen=True)
class FacilityLocationResult:
    """Solution of a p-median, UFLP or single-class CFLP.

    Attributes
    ----------
    problem : str
        ``"p-median"``, ``"uflp"`` or ``"cflp"``.
    formulation : str
        ``"radius"`` or ``"classic"``.
    open : numpy.ndarray
        Indices of the open facilities.
    assignment : numpy.ndarray
        ``(n,)`` facility serving the largest share of each customer.
    allocation : scipy.sparse.csr_matrix or None
        ``(m, n)`` fractions ``x_ij`` (capacitated problems; may be split).
    objective, bound, gap : float
        Incumbent value, HiGHS's proven bound, ``|obj - bound| / |obj|``.
    seconds : float
        Wall time including model build and heuristic.
    status : str
        HiGHS model status.
    fixed_cost, assignment_cost : float
        Cost breakdown of ``objective``.
    heuristic_objective : float or None
        Value of the warm start.
    n_variables, n_constraints, n_nonzeros, nodes : int
        Size of the MIP passed to HiGHS (after Lagrangian fixing) and B&B nodes.
    integral_objective : bool
        All data integer: optimality is proven when ``ceil(bound) >= objective``.
    n_fixed_closed, n_fixed_open : int
        Facilities fixed by Lagrangian reduced-cost tests before the MIP.
    """

    problem: str
    formulation: str
    open: np.ndarray
    assignment: np.ndarray
    allocation: sp.csr_matrix | None
    objective: float
    bound: float
    gap: float
    seconds: float
    status: str
    fixed_cost: float
    assignment_cost: float
    heuristic_objective: float | None
    n_variables: int
    n_constraints: int
    n_nonzeros: int
    nodes: int = 0
    integral_objective: bool = False
    n_fixed_closed: int = 0
    n_fixed_open: int = 0

    @property
    def optimal(self) -> bool:
        """True when the incumbent is proven optimal (within the gap tolerance)."""
        if not math.isfinite(self.objective):
            return False
        if self.integral_objective:
            return math.ceil(self.bound - 1e-6) >= round(self.objective)
        return self.gap <= 1e-6


def check_cost(cost, fixed_cost=None, name="cost"):
    c = np.asarray(cost, float)
    if c.ndim != 2:
        raise ValueError(f"{name} must be a 2-D (facilities x customers) array, got {c.shape}")
    if np.isnan(c).any():
        raise ValueError(f"{name} contains NaN")
    if (c < 0).any():
        raise InfeasibleScenarioError(f"{name} has negative entries; costs must be >= 0")
    if fixed_cost is not None:
        f = np.asarray(fixed_cost, float)
        if f.shape != (c.shape[0],):
            raise ValueError(f"fixed_cost must have shape ({c.shape[0]},), got {f.shape}")
        if (f < 0).any() or np.isnan(f).any():
            raise InfeasibleScenarioError("fixed_cost has negative or NaN entries")
    unreachable = ~np.isfinite(c).any(axis=0)
    if unreachable.any():
        raise InfeasibleScenarioError(
            f"{name}: customers {np.flatnonzero(unreachable)[:10].tolist()} cannot be served by "
            "any facility (all costs infinite)"
        )
    return c


def add_radius_block(mdl: ModelBuilder, y: np.ndarray, c: np.ndarray, p, forced) -> None:
    """Add the cumulative radius formulation rows/columns for all customers (vectorised)."""
    m, n = c.shape
    # rank of the last useful candidate per customer
    order = np.argsort(c, axis=0, kind="stable")  # (m, n)
    cs = np.take_along_axis(c, order, 0)
    cutoff = np.full(n, np.inf)
    if p is not None:
        cutoff = cs[m - p]  # the (m-p+1)-th nearest candidate cost
    if forced.any():
        cutoff = np.minimum(cutoff, c[forced].min(axis=0))
    ok = np.isfinite(cs) & (cs <= cutoff[None, :])
    # level index of each sorted entry: new level whenever the cost increases
    newlvl = np.ones_like(ok)
    newlvl[1:] = cs[1:] > cs[:-1]
    lvl_local = np.cumsum(newlvl, axis=0) - 1  # 0-based level within customer
    nlev = np.where(ok, lvl_local + 1, 0).max(axis=0)  # levels per customer
    base = np.r_[0, np.cumsum(nlev)[:-1]]
    total_lev = int(nlev.sum())
    # distinct level values D_j^k
    jj_e = np.broadcast_to(np.arange(n), (m, n))[ok]
    lvl_e = lvl_local[ok]
    row_e = base[jj_e] + lvl_e
    dval = np.zeros(total_lev)
    dval[row_e] = cs[ok]
    # z variables: one per level except the last of each customer
    has_z = np.ones(total_lev, bool)
    has_z[base + nlev - 1] = False
    zcost = np.zeros(total_lev)
    zcost[:-1] = dval[1:] - dval[:-1]
    zid = np.full(total_lev, -1, np.int64)
    zcols = mdl.add_vars(int(has_z.sum()), cost=zcost[has_z], lb=0.0, ub=1.0)
    zid[has_z] = zcols
    mdl.offset += float(dval[base].sum())
    # rows: one per level; y entries, +z_k, -z_{k-1}
    r_y = row_e
    c_y = y[order[ok]]
    lev_rows = np.arange(total_lev)
    first = np.zeros(total_lev, bool)
    first[base] = True
    r_z = lev_rows[has_z]
    c_z = zid[has_z]
    prev = ~first
    r_zp = lev_rows[prev]
    c_zp = zid[lev_rows[prev] - 1]
    rows = np.r_[r_y, r_z, r_zp]
    cols = np.r_[c_y, c_z, c_zp]
    vals = np.r_[np.ones(r_y.size), np.ones(r_z.size), -np.ones(r_zp.size)]
    mdl.add_rows(total_lev, rows, cols, vals, lo=np.where(first, 1.0, 0.0))


def add_flow_block(
    mdl: ModelBuilder,
    cost: list[np.ndarray],
    demand: np.ndarray,
    site_fixed: np.ndarray,
    module_fixed: np.ndarray,
    capacity: np.ndarray | None,
    forced: np.ndarray,
    p: int | None = None,
    supply: np.ndarray | None = None,
    supply_cost: list[np.ndarray] | None = None,
) -> dict:
    """Add the capacitated multi-class flow model; return the column index blocks.

    ``cost[k]`` is the ``(m, n)`` cost of the whole class-``k`` demand of ``j`` served from
    ``i`` (``inf`` = not allowed); ``demand`` is ``(K, n)``; ``capacity`` ``(K, m)`` (``inf``
    = unlimited, 0 = class not offered); ``supply`` ``(S, K)`` tonnes and ``supply_cost[k]``
    ``(S, m)`` cost per tonne.
    """
    kk = len(cost)
    m, n = cost[0].shape
    cap = np.full((kk, m), np.inf) if capacity is None else np.asarray(capacity, float)
    allowed_module = cap > 0
    if kk == 1 and not np.any(site_fixed):
        y = None
    else:
        y = mdl.add_vars(m, cost=site_fixed, lb=forced.astype(float), ub=1.0, integer=True)
    z, x = [], []
    for k in range(kk):
        zl = forced.astype(float) if y is None else 0.0
        zk = mdl.add_vars(
            m, cost=module_fixed[k], lb=zl, ub=allowed_module[k].astype(float), integer=True
        )
        z.append(zk)
        if y is not None:
            r = np.arange(m)
            mdl.add_rows(m, np.r_[r, r], np.r_[zk, y], np.r_[np.ones(m), -np.ones(m)], hi=0.0)
        dk = demand[k]
        ck = cost[k]
        ok = np.isfinite(ck) & allowed_module[k][:, None] & (dk[None, :] > 0)
        ii, jj = np.nonzero(ok)
        xk = mdl.add_vars(ii.size, cost=ck[ii, jj], ub=1.0)
        x.append((ii, jj, xk))
        served = np.flatnonzero(dk > 0)
        rowmap = np.full(n, -1)
        rowmap[served] = np.arange(served.size)
        mdl.add_rows(served.size, rowmap[jj], xk, 1.0, lo=1.0, hi=1.0)
        e = np.arange(ii.size)
        mdl.add_rows(
            ii.size,
            np.r_[e, e],
            np.r_[xk, zk[ii]],
            np.r_[np.ones(e.size), -np.ones(e.size)],
            hi=0.0,
        )
        fin = np.isfinite(cap[k]) & allowed_module[k]
        if fin.any():
            rows_c = np.r_[ii, np.arange(m)]
            cols_c = np.r_[xk, zk]
            vals_c = np.r_[dk[jj], -np.where(np.isfinite(cap[k]), cap[k], 0.0)]
            sel = fin[rows_c]
            rmap = np.full(m, -1)
            rmap[fin] = np.arange(fin.sum())
            mdl.add_rows(int(fin.sum()), rmap[rows_c[sel]], cols_c[sel], vals_c[sel], hi=0.0)
            if fin.all():  # valid inequality: total open capacity covers the demand
                mdl.add_rows(1, np.zeros(m), zk, cap[k], lo=float(dk.sum()))
    w = []
    if supply is not None and supply.size:
        ns = supply.shape[0]
        for k in range(kk):
            sc = supply_cost[k]
            si, sj = np.nonzero(np.isfinite(sc) & (supply[:, k][:, None] > 0))
            wk = mdl.add_vars(si.size, cost=sc[si, sj])
            w.append((si, sj, wk))
            ii, jj, xk = x[k]
            # conservation at each centre: sum_s w_sik - sum_j d_jk x_ijk = 0
            mdl.add_rows(
                m,
                np.r_[sj, ii],
                np.r_[wk, xk],
                np.r_[np.ones(si.size), -demand[k][jj]],
                lo=0.0,
                hi=0.0,
            )
            mdl.add_rows(ns, si, wk, 1.0, hi=supply[:, k])
    if p is not None:
        yy = y if y is not None else z[0]
        mdl.add_rows(1, np.zeros(m), yy, 1.0, lo=p, hi=p)
    return {"y": y, "z": z, "x": x, "w": w}
