"""Facility location for food distribution centres: p-median, UFLP, CFLP, maximal coverage and
the capacitated multi-class (frozen / chilled / dry) siting model.

All problems are assembled by one vectorised sparse model builder (:class:`_Model`, scipy.sparse
COO triplets -> CSC) and solved with HiGHS (``highspy``) under a time limit; every result reports
the incumbent objective, HiGHS's proven bound and the relative gap.

Formulations
------------
Let ``I`` be candidate sites, ``J`` customers, ``c_ij`` the cost of serving all of ``j`` from
``i``, ``f_i`` fixed costs, ``y_i`` binary opening variables.

*Classic (strong) formulation* (Daskin 2013, ch. 6) for the uncapacitated problems::

    min  sum_i f_i y_i + sum_ij c_ij x_ij
    s.t. sum_i x_ij = 1          (j in J)
         x_ij <= y_i             (disaggregated, i in I, j in J)
         sum_i y_i = p           (p-median only)

*Radius / cumulative formulation* (Cornuejols, Nemhauser & Wolsey 1980; Elloumi 2010; Garcia,
Labbe & Marin 2011). For customer ``j`` let ``D_j^1 < ... < D_j^{K_j}`` be its distinct costs and
``z_j^k >= 0`` indicate "no open facility at cost <= D_j^k"::

    min  sum_i f_i y_i + sum_j [D_j^1 + sum_k (D_j^{k+1} - D_j^k) z_j^k]
    s.t. z_j^1 + sum_{i: c_ij = D_j^1} y_i >= 1
         z_j^k - z_j^{k-1} + sum_{i: c_ij = D_j^k} y_i >= 0        (k >= 2)

Every (i, j) pair appears once, and there are only ``sum_j K_j`` rows (the pmed graphs have ~40
distinct distances per vertex against ~800 candidates). Levels beyond the ``(m - p + 1)``-th
nearest candidate, or beyond the nearest facility that must stay open, are dropped (Elloumi 2010).

*Capacitated multi-class model* (see :func:`solve_siting`): sites ``y_i``, temperature-class
modules ``z_ik``, fractions ``x_ijk`` of class-``k`` demand ``d_jk`` of ``j`` served by ``i``,
supplier flows ``w_sik`` (tonnes)::

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
problem with splittable demand.

*Maximal coverage* (Church & ReVelle 1974)::

    max sum_j w_j u_j  s.t.  u_j <= sum_{i: l_ij <= R} y_i,  sum_i y_i = p,  0 <= u_j <= 1

Warm starts come from a greedy construction followed by best-improvement interchange
(Teitz & Bart 1968; Whitaker 1983 fast swap evaluation, vectorised with numpy).

References
----------
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Church, R. & ReVelle, C. (1974). The maximal covering location problem. *Papers Reg. Sci.* 32.
Cornuejols, G., Nemhauser, G.L. & Wolsey, L.A. (1980). A canonical representation of simple
plant location problems and its applications. *SIAM J. Algebraic Discrete Methods* 1, 261-272.
Daskin, M.S. (2013). *Network and Discrete Location*, 2nd ed. Wiley.
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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from aimaq.geo.distance import EARTH_RADIUS_KM, great_circle_km

__all__ = [
    "EARTH_RADIUS_KM",
    "FacilityLocationResult",
    "InfeasibleScenarioError",
    "MaximalCoverageResult",
    "SitingProblem",
    "SitingResult",
    "TEMPERATURE_CLASSES",
    "capacitated_facility_location",
    "compare_scenarios",
    "great_circle_km",
    "local_search",
    "maximal_coverage",
    "p_median",
    "solve_siting",
    "uncapacitated_facility_location",
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




# --------------------------------------------------------------------------------------------
# the model builder and the HiGHS wrapper
# --------------------------------------------------------------------------------------------
@dataclass
class _SolveInfo:
    status: str
    objective: float
    bound: float
    gap: float
    seconds: float
    n_variables: int
    n_constraints: int
    n_nonzeros: int
    nodes: int


class _Model:
    """Vectorised MIP builder: variable blocks and constraint blocks as COO triplets."""

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
    ) -> tuple[np.ndarray | None, _SolveInfo]:
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
        si = _SolveInfo(
            status, obj, bound, g, time.perf_counter() - t0, self.n_col, self.n_row, a.nnz, nodes
        )
        return x, si


_UNCAP_OPTIONS = {
    "mip_heuristic_effort": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_heuristic_run_root_reduced_cost": False,
}
"""With a local-search incumbent HiGHS's own primal heuristics rarely help (measured)."""


def _is_integral(a: np.ndarray) -> bool:
    a = a[np.isfinite(a)]
    return bool(np.all(np.abs(a - np.round(a)) < 1e-9))


# --------------------------------------------------------------------------------------------
# heuristics
# --------------------------------------------------------------------------------------------
def _best_two(c: np.ndarray, open_idx: np.ndarray):
    sub = c[open_idx]
    if len(open_idx) == 1:
        return sub[0], np.full(c.shape[1], np.inf), np.zeros(c.shape[1], np.int64)
    part = np.argpartition(sub, 1, axis=0)[:2]
    a0 = np.take_along_axis(sub, part[:1], 0)[0]
    a1 = np.take_along_axis(sub, part[1:2], 0)[0]
    swap = a1 < a0
    d1 = np.where(swap, a1, a0)
    d2 = np.where(swap, a0, a1)
    m1 = np.where(swap, part[1], part[0])
    return d1, d2, m1


def local_search(
    cost,
    fixed_cost=None,
    p: int | None = None,
    must_open=None,
    max_iter: int = 10_000,
    initial=None,
) -> tuple[np.ndarray, float]:
    """Greedy construction + best-improvement add/drop/swap local search.

    Heuristic for the uncapacitated facility location (``p=None``) and p-median problems. Swap
    values for all (in, out) pairs are evaluated at once from the nearest and second-nearest
    open facility of every customer (Whitaker 1983), i.e. one ``(m, n) @ (n, |open|)`` product
    per iteration.

    Parameters
    ----------
    cost : array_like, shape (m, n)
        Cost of serving customer ``j`` from ``i`` (``inf`` = not allowed).
    fixed_cost : array_like, shape (m,), optional
    p : int, optional
        Exact number of facilities (p-median); ``None`` lets the heuristic choose.
    must_open : array_like of bool, shape (m,), optional
    initial : array_like of bool, shape (m,), optional
        Start from this open set (completed/trimmed greedily to ``p``) instead of the greedy
        construction.

    Returns
    -------
    open_idx : numpy.ndarray
        Sorted indices of open facilities.
    value : float
        Total cost (fixed + assignment).

    References
    ----------
    Teitz, M.B. & Bart, P. (1968). Heuristic methods for estimating the generalized vertex
    median of a weighted graph. *Oper. Res.* 16, 955-961.
    Whitaker, R. (1983). A fast algorithm for the greedy interchange for large-scale clustering
    and median location problems. *INFOR* 21, 95-108.
    """
    c = np.asarray(cost, float)
    m, n = c.shape
    finite = np.isfinite(c)
    big = (np.abs(c[finite]).max() + 1.0) * (n + 1) * 10 if finite.any() else 1e12
    c = np.where(finite, c, big)
    f = np.zeros(m) if fixed_cost is None else np.asarray(fixed_cost, float)
    forced = np.zeros(m, bool) if must_open is None else np.asarray(must_open, bool)
    is_open = forced.copy()
    if initial is not None:
        is_open |= np.asarray(initial, bool)
        if p is not None:
            while is_open.sum() > p:  # drop the cheapest-to-lose facility
                oi = np.flatnonzero(is_open & ~forced)
                d1, d2, m1 = _best_two(c, np.flatnonzero(is_open))
                loss = np.bincount(m1, weights=d2 - d1, minlength=int(is_open.sum()))
                loss = loss[np.isin(np.flatnonzero(is_open), oi)]
                is_open[oi[np.argmin(loss)]] = False
    # greedy construction
    cur = np.full(n, big * 10)
    if is_open.any():
        cur = c[is_open].min(axis=0)
    target = p if p is not None else m
    while is_open.sum() < target:
        gain = np.minimum(c, cur).sum(axis=1) + f
        gain[is_open] = np.inf
        i = int(np.argmin(gain))
        new_total = gain[i]
        old_total = cur.sum() if is_open.any() else np.inf
        if p is None and is_open.any() and new_total >= old_total - 1e-9:
            break
        is_open[i] = True
        cur = np.minimum(cur, c[i])

    def total(mask):
        return c[mask].min(axis=0).sum() + f[mask].sum()

    value = total(is_open)
    for _ in range(max_iter):
        oi = np.flatnonzero(is_open)
        d1, d2, m1 = _best_two(c, oi)
        a = np.minimum(c, d1)  # (m, n)
        base_add = a.sum(axis=1) + f  # value of adding i (without fixed of open ones)
        onehot = sp.csr_matrix((np.ones(n), (np.arange(n), m1)), shape=(n, len(oi)))
        bdiff = np.minimum(c, d2) - a
        swap = base_add[:, None] + np.asarray((onehot.T @ bdiff.T).T) - f[oi][None, :]
        swap += f[oi].sum()
        best_val, move = value, None
        # swaps (in not open, out open and not forced)
        s = swap.copy()
        s[is_open, :] = np.inf
        s[:, forced[oi]] = np.inf
        if s.size:
            k = int(np.argmin(s))
            if s.flat[k] < best_val - 1e-9 * max(1.0, abs(value)):
                best_val, move = s.flat[k], ("swap", k // len(oi), oi[k % len(oi)])
        if p is None:
            add = base_add + f[oi].sum()
            add[is_open] = np.inf
            k = int(np.argmin(add))
            if add[k] < best_val - 1e-9 * max(1.0, abs(value)):
                best_val, move = add[k], ("add", k, None)
            if len(oi) > 1:
                loss = np.bincount(m1, weights=d2 - d1, minlength=len(oi))
                drop = value + loss - f[oi]
                drop[forced[oi]] = np.inf
                k = int(np.argmin(drop))
                if drop[k] < best_val - 1e-9 * max(1.0, abs(value)):
                    best_val, move = drop[k], ("drop", None, oi[k])
        if move is None:
            break
        kind, i_in, i_out = move
        if i_in is not None:
            is_open[i_in] = True
        if i_out is not None:
            is_open[i_out] = False
        value = total(is_open)
    return np.flatnonzero(is_open), float(value)


def _lagrangian(c, f, p, forced, ub, iters=600):
    """Subgradient optimisation of the Lagrangian relaxation of the assignment constraints.

    ``L(lam) = sum_j lam_j + min_{y} sum_i y_i rho_i`` with ``rho_i = f_i + sum_j min(0, c_ij -
    lam_j)`` (and ``sum y = p`` for the p-median) -- Beasley (1985, 1993). Returns the best
    bound and, for every facility, a lower bound on any solution with ``y_i`` flipped from its
    Lagrangian value (used for fixing).
    """
    m, n = c.shape
    finite = np.isfinite(c)
    cc = np.where(finite, c, np.inf)
    # start: second-smallest cost per customer (a classic choice) capped by the incumbent
    lam = np.sort(np.where(finite, c, np.inf), axis=0)[min(1, m - 1)]
    lam = np.where(np.isfinite(lam), lam, np.nanmax(np.where(finite, c, np.nan), axis=0))
    best_lb, best = -np.inf, None
    t, stall = 2.0, 0
    for _ in range(iters):
        red = np.minimum(cc - lam[None, :], 0.0)
        rho = f + red.sum(axis=1)
        y = forced.copy()
        if p is None:
            y |= rho < 0
        else:
            free = np.flatnonzero(~forced)
            k = p - int(forced.sum())
            if k > 0:
                sel = free[np.argpartition(rho[free], k - 1)[:k]] if k < free.size else free
                y[sel] = True
        lb = lam.sum() + rho[y].sum()
        if lb > best_lb + 1e-12 * max(1.0, abs(lb)):
            best_lb, best, stall = lb, (lam.copy(), rho.copy(), y.copy()), 0
        else:
            stall += 1
            if stall >= 20:
                t, stall = t / 2, 0
        if t < 1e-4 or ub - best_lb <= 1e-9 * max(1.0, abs(ub)):
            break
        g = 1.0 - (red[y] < 0).sum(axis=0)
        nrm = float(g @ g)
        if nrm == 0:
            break
        lam = lam + t * (ub - lb) / nrm * g
    lam, rho, y = best
    # bounds with facility i flipped
    flip = np.full(m, np.inf)
    if p is None:
        flip[~y] = best_lb + rho[~y]  # open a closed one (rho >= 0)
        flip[y & ~forced] = best_lb - rho[y & ~forced]  # close an open one (rho < 0)
    else:
        free_sel = np.flatnonzero(y & ~forced)
        free_uns = np.flatnonzero(~y & ~forced)
        if free_sel.size and free_uns.size:
            worst_in = rho[free_sel].max()
            best_out = rho[free_uns].min()
            flip[free_uns] = best_lb + rho[free_uns] - worst_in
            flip[free_sel] = best_lb - rho[free_sel] + best_out
    return best_lb, y, flip


# --------------------------------------------------------------------------------------------
# result dataclass for the single-class problems
# --------------------------------------------------------------------------------------------
@dataclass
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


def _check_cost(cost, fixed_cost=None, name="cost"):
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


def _uncap(
    c,
    f,
    p,
    must_open,
    formulation,
    time_limit,
    gap,
    warm_start,
    verbose,
    problem,
    reduce=True,
) -> FacilityLocationResult:
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
    integral = _is_integral(c) and _is_integral(f)
    h_open, h_val = None, None
    if warm_start or reduce:
        h_open, h_val = local_search(c, f, p=p, must_open=forced)
    # Lagrangian bound and variable fixing (Beasley 1993): facilities whose flipped bound
    # cannot beat the incumbent are fixed; the MIP is built on the rest only.
    lag_lb, keep, fixed_open, excl = -np.inf, np.ones(m, bool), forced.copy(), np.inf
    if reduce and h_val is not None and m > 1:
        lag_lb, ylag, flip = _lagrangian(c, f, p, forced, h_val)
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
        mdl = _Model()
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
            _radius_block(mdl, y, cs, pk, fo)
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


def _radius_block(mdl: _Model, y: np.ndarray, c: np.ndarray, p, forced) -> None:
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


def p_median(
    cost,
    p: int,
    *,
    weights=None,
    must_open=None,
    formulation: str = "auto",
    time_limit: float | None = None,
    gap: float = 1e-6,
    warm_start: bool = True,
    reduce: bool = True,
    verbose: bool = False,
) -> FacilityLocationResult:
    """Solve the p-median problem (Hakimi 1964; ReVelle & Swain 1970) with HiGHS.

    ``min sum_ij w_j d_ij x_ij`` subject to ``sum_i x_ij = 1``, ``x_ij <= y_i``,
    ``sum_i y_i = p``. By default the compact radius formulation (Elloumi 2010) is used, with a
    greedy + interchange warm start; ``formulation="classic"`` builds the disaggregated one.

    Parameters
    ----------
    cost : array_like, shape (m, n)
        Distance from candidate ``i`` to customer ``j`` (``inf`` = not allowed).
    p : int
        Number of facilities to open.
    weights : array_like, shape (n,), optional
        Customer weights ``w_j`` (default 1).
    must_open : array_like of bool, shape (m,), optional
        Existing facilities that stay open.
    formulation : {"auto", "radius", "classic"}
    time_limit : float, optional
        Seconds for HiGHS.
    gap : float
        Relative MIP gap tolerance (for integer data an absolute gap < 1 is also used, which
        proves optimality).
    warm_start : bool
        Pass the local-search solution to HiGHS.
    reduce : bool
        Run Lagrangian subgradient optimisation first (Beasley 1993) and fix facilities whose
        Lagrangian bound with ``y_i`` flipped cannot beat the incumbent; the MIP is built on
        the remaining candidates (often a handful), which is what makes large instances fast.

    Returns
    -------
    FacilityLocationResult

    References
    ----------
    Daskin, M.S. (2013). *Network and Discrete Location*, 2nd ed., ch. 6. Wiley.
    Elloumi, S. (2010). A tighter formulation of the p-median problem. *J. Comb. Optim.* 19.
    Beasley, J.E. (1993). Lagrangean heuristics for location problems. *EJOR* 65, 383-399.
    """
    c = _check_cost(cost)
    if weights is not None:
        w = np.asarray(weights, float)
        if (w < 0).any():
            raise InfeasibleScenarioError("weights must be >= 0")
        c = c * w[None, :]
    return _uncap(
        c,
        np.zeros(c.shape[0]),
        int(p),
        must_open,
        formulation,
        time_limit,
        gap,
        warm_start,
        verbose,
        "p-median",
        reduce,
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
    """
    c = _check_cost(cost, fixed_cost)
    f = np.asarray(fixed_cost, float)
    return _uncap(
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
    """
    t0 = time.perf_counter()
    c = _check_cost(cost, fixed_cost)
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
        lag_lb, h_open, h_val, flip, ylag = _cflp_lagrangian(
            c[:, pos], f, q, d[pos], forced, time_limit
        )
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
    mdl = _Model()
    cols = _flow_block(
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
        h_open, h_val = _cflp_heuristic(mdl, cols, c, f, q, d, forced, time_limit)
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


def _cover_knapsack(rho, q, dem, one, zero):
    """``min rho @ y`` s.t. ``q @ y >= dem``, ``y_i = 1`` on ``one``, ``y_i = 0`` on ``zero``.

    Exact (binary) when the free capacities are all equal, else the LP relaxation (a valid lower
    bound; ``y`` may then have one fractional entry). Returns ``(value, y)``.
    """
    y = (one | (rho < 0)) & ~zero
    val = float(rho[y].sum())
    yv = y.astype(float)
    rest = dem - float(q[y].sum())
    if rest <= 1e-9 * max(dem, 1.0):
        return val, yv
    cand = np.flatnonzero(~y & ~zero & (q > 0))
    if cand.size == 0 or q[cand].sum() < rest * (1 - 1e-12):
        return math.inf, yv
    qc = q[cand]
    if np.ptp(qc) <= 1e-12 * qc.max():
        k = min(int(math.ceil(rest / qc[0] - 1e-9)), cand.size)
        sel = cand[np.argsort(rho[cand], kind="stable")[:k]]
        yv[sel] = 1.0
        return val + float(rho[sel].sum()), yv
    order = cand[np.argsort(rho[cand] / qc, kind="stable")]
    cum = np.cumsum(q[order])
    take = np.clip((rest - (cum - q[order])) / q[order], 0.0, 1.0)
    yv[order] = take
    return val + float(rho[order] @ take), yv


def _cflp_lagrangian(c, f, q, d, forced, time_limit, iters=400, max_evals=400, n_swap=8):
    """Beasley's (1988) Lagrangian relaxation of ``sum_i x_ij = 1`` for the splittable CFLP.

    For multipliers ``lam``, facility ``i`` solves the continuous knapsack
    ``v_i = min sum_j (c_ij - lam_j) x_ij`` s.t. ``sum_j d_j x_ij <= Q_i``, ``0 <= x <= 1``, and
    the open set solves the cover knapsack ``min sum_i (f_i + v_i) y_i`` s.t.
    ``sum_i Q_i y_i >= sum_j d_j`` (:func:`_cover_knapsack`). Subgradient optimisation
    (Held, Wolfe & Crowder 1974); open sets met on the way are repaired to cover the demand and
    priced with the transportation LP (:func:`_transport_value`) for an incumbent, then improved
    by a drop/swap local search. Returns ``(bound, open_idx, value, flip, y)`` where ``flip[i]`` is a lower
    bound on every solution with ``y_i`` flipped from the Lagrangian ``y`` (``inf`` = forced).
    """
    t0 = time.perf_counter()
    m, n = c.shape
    dem = float(d.sum())
    none = np.zeros(m, bool)
    dpos = d > 0
    dsafe = np.where(dpos, d, 1.0)
    budget = 0.25 * time_limit if time_limit else math.inf
    seen: dict[bytes, float] = {}
    best_open, ub = None, math.inf

    def evaluate(mask):
        nonlocal best_open, ub
        key = np.packbits(mask).tobytes()
        if key in seen or len(seen) >= max_evals:
            return
        v = _transport_value(c, f, q, d, mask)
        seen[key] = v
        if v < ub:
            ub, best_open = v, mask.copy()

    def repair(yv, rho):
        mask = (yv > 0.5) | forced
        if q[mask].sum() < dem * (1 + 1e-9):
            for i in np.argsort(rho):
                if not mask[i]:
                    mask[i] = True
                    if q[mask].sum() >= dem * (1 + 1e-9):
                        break
        return mask

    def solve_lag(lam):
        a = c - lam[None, :]
        neg = a < 0
        ratio = np.where(neg, np.where(dpos[None, :], a / dsafe[None, :], -np.inf), np.inf)
        order = np.argsort(ratio, axis=1)
        ds = np.where(np.take_along_axis(neg, order, 1), d[order], 0.0)
        before = np.cumsum(ds, axis=1) - ds
        room = q[:, None] - before
        xs = np.where(ds > 0, np.clip(room / np.where(ds > 0, ds, 1.0), 0, 1), room >= 0)
        xs = np.where(np.take_along_axis(neg, order, 1), xs, 0.0)
        x = np.empty_like(xs)
        np.put_along_axis(x, order, xs, 1)
        rho = f + (a * x).sum(axis=1)
        val, yv = _cover_knapsack(rho, q, dem, forced, none)
        return lam.sum() + val, rho, yv, x

    lam = np.sort(c, axis=0)[min(1, m - 1)].copy()
    best_lb, best = -np.inf, None
    t, stall = 2.0, 0
    lb, rho, yv, x = solve_lag(lam)
    evaluate(repair(yv, rho))
    for it in range(iters):
        if it:
            lb, rho, yv, x = solve_lag(lam)
        if lb > best_lb + 1e-12 * max(1.0, abs(lb)):
            best_lb, best, stall = lb, (lam.copy(), rho.copy(), yv.copy()), 0
            if len(seen) < max_evals // 2:
                evaluate(repair(yv, rho))
        else:
            stall += 1
            if stall >= 20:
                t, stall = t / 2, 0
        if t < 1e-4 or ub - best_lb <= 1e-9 * max(1.0, abs(ub)):
            break
        if time.perf_counter() - t0 > budget:
            break
        g = 1.0 - yv @ x
        nrm = float(g @ g)
        if nrm == 0:
            break
        lam = lam + t * (ub - lb) / nrm * g
    lam, rho, yv = best
    evaluate(repair(yv, rho))
    if best_open is None:
        return best_lb, None, None, np.full(m, -np.inf), yv > 0.5
    # first-improvement drop / swap local search on the incumbent; moves ordered by the
    # Lagrangian costs rho (close expensive ones, open the cheapest closed ones)
    improved = True
    while (
        improved
        and ub - best_lb > 1e-9 * abs(ub)
        and len(seen) < max_evals
        and time.perf_counter() - t0 < budget
    ):
        improved = False
        oi = np.flatnonzero(best_open & ~forced)
        oi = oi[np.argsort(-rho[oi])]
        ci = np.flatnonzero(~best_open)
        ci = ci[np.argsort(rho[ci])][:n_swap]
        moves = [(i, None) for i in oi] + [(i, k) for k in ci for i in oi]
        for i, k in moves:
            trial = best_open.copy()
            trial[i] = False
            if k is not None:
                trial[k] = True
            before = ub
            evaluate(trial)
            if ub < before - 1e-12 * abs(before):
                improved = True
                break
            if len(seen) >= max_evals:
                break
    ylag = yv > 0.5
    frac = (yv > 1e-9) & (yv < 1 - 1e-9)
    flip = np.full(m, -np.inf)
    base = lam.sum()
    for i in range(m):
        if forced[i] or frac[i]:
            continue
        e = none.copy()
        e[i] = True
        if ylag[i]:  # bound with facility i closed
            val, _ = _cover_knapsack(rho, q, dem, forced, e)
        else:  # bound with facility i open
            val, _ = _cover_knapsack(rho, q, dem, forced | e, none)
        flip[i] = base + val
    flip[forced] = np.inf
    return best_lb, np.flatnonzero(best_open), float(ub), flip, ylag


def _transport_value(c, f, q, d, open_mask) -> float:
    """Fixed cost + optimal splittable transportation cost for a given open set (LP)."""
    oi = np.flatnonzero(open_mask)
    if q[oi].sum() < d.sum() * (1 - 1e-12):
        return math.inf
    mdl = _Model()
    _flow_block(
        mdl,
        cost=[c[oi]],
        demand=d[None, :],
        site_fixed=np.zeros(oi.size),
        module_fixed=np.zeros((1, oi.size)),
        capacity=q[oi][None, :],
        forced=np.ones(oi.size, bool),
    )
    _, info = mdl.solve(relax=True)
    return info.objective + float(f[oi].sum()) if math.isfinite(info.objective) else math.inf


def _cflp_heuristic(mdl, cols, c, f, q, d, forced, time_limit, max_tries=25):
    """LP-rounding + greedy-drop heuristic for the splittable CFLP."""
    t0 = time.perf_counter()
    big = c.size > 20_000  # interior point + crossover is ~2x faster on large relaxations
    sol, info = mdl.solve(time_limit, relax=True, options={"solver": "ipm"} if big else None)
    if sol is None:
        return None, None
    y = sol[cols["z"][0]]
    is_open = (y > 1e-6) | forced
    best = _transport_value(c, f, q, d, is_open)
    budget = 0.25 * time_limit if time_limit else math.inf
    frac = np.flatnonzero(is_open & ~forced & (y < 1 - 1e-6))
    for i in frac[np.argsort(y[frac])][:max_tries]:
        if time.perf_counter() - t0 > budget:
            break
        trial = is_open.copy()
        trial[i] = False
        v = _transport_value(c, f, q, d, trial)
        if v < best:
            best, is_open = v, trial
    return (np.flatnonzero(is_open), best) if math.isfinite(best) else (None, None)


def _flow_block(
    mdl: _Model,
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


# --------------------------------------------------------------------------------------------
# maximal coverage
# --------------------------------------------------------------------------------------------
@dataclass
class MaximalCoverageResult:
    """Solution of the maximal covering location problem.

    Attributes
    ----------
    open : numpy.ndarray
        Indices of the ``p`` open facilities.
    covered : numpy.ndarray
        ``(n,)`` bool, customer within ``radius`` of an open facility.
    covered_weight, share : float
        Covered demand and its share of the total.
    objective, bound, gap, seconds, status
        As in :class:`FacilityLocationResult`.
    """

    open: np.ndarray
    covered: np.ndarray
    covered_weight: float
    share: float
    objective: float
    bound: float
    gap: float
    seconds: float
    status: str
    heuristic_objective: float | None = None


def maximal_coverage(
    distance,
    radius: float,
    p: int,
    *,
    weights=None,
    must_open=None,
    time_limit: float | None = None,
    gap: float = 1e-6,
    warm_start: bool = True,
    verbose: bool = False,
) -> MaximalCoverageResult:
    """Maximal covering location problem (Church & ReVelle 1974) with HiGHS.

    ``max sum_j w_j u_j`` s.t. ``u_j <= sum_{i: d_ij <= R} y_i``, ``sum_i y_i = p``,
    ``0 <= u_j <= 1``, ``y`` binary. Warm start: greedy (each step adds the facility covering
    the most uncovered weight).

    Parameters
    ----------
    distance : array_like, shape (m, n)
    radius : float
        Coverage distance ``R``.
    p : int
    weights : array_like, shape (n,), optional

    Returns
    -------
    MaximalCoverageResult
    """
    t0 = time.perf_counter()
    d = np.asarray(distance, float)
    m, n = d.shape
    w = np.ones(n) if weights is None else np.asarray(weights, float)
    if (w < 0).any():
        raise InfeasibleScenarioError("weights must be >= 0")
    if not 1 <= p <= m:
        raise InfeasibleScenarioError(f"p must be in 1..{m}, got {p}")
    forced = np.zeros(m, bool) if must_open is None else np.asarray(must_open, bool)
    cov = d <= radius
    mdl = _Model(maximize=True)
    y = mdl.add_vars(m, lb=forced.astype(float), ub=1.0, integer=True)
    u = mdl.add_vars(n, cost=w, ub=1.0)
    ii, jj = np.nonzero(cov)
    mdl.add_rows(
        n, np.r_[np.arange(n), jj], np.r_[u, y[ii]], np.r_[np.ones(n), -np.ones(ii.size)], hi=0.0
    )
    mdl.add_rows(1, np.zeros(m), y, 1.0, lo=p, hi=p)
    start, h_val = None, None
    if warm_start:
        is_open = forced.copy()
        covered = cov[is_open].any(axis=0)
        while is_open.sum() < p:
            g = (cov & ~covered[None, :]) @ w
            g[is_open] = -1
            i = int(np.argmax(g))
            is_open[i] = True
            covered |= cov[i]
        h_val = float(w[covered].sum())
        start = (np.r_[y, u], np.r_[is_open.astype(float), covered.astype(float)])
    sol, info = mdl.solve(time_limit, gap, start=start, verbose=verbose)
    open_idx = np.flatnonzero(sol[y] > 0.5) if sol is not None else np.zeros(0, np.int64)
    covered = cov[open_idx].any(axis=0) if open_idx.size else np.zeros(n, bool)
    cw = float(w[covered].sum())
    return MaximalCoverageResult(
        open_idx,
        covered,
        cw,
        cw / w.sum() if w.sum() else math.nan,
        info.objective,
        info.bound,
        info.gap,
        time.perf_counter() - t0,
        info.status,
        h_val,
    )


# --------------------------------------------------------------------------------------------
# multi-class siting
# --------------------------------------------------------------------------------------------
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


@dataclass
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
    mdl = _Model()
    cols = _flow_block(mdl, costs, dem, fsite, gmod, cap, forced, pr.p, supply, scost)
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
