"""Lagrangian relaxations of the location problems: bounds and reduced-cost variable fixing.

:func:`uflp_lagrangian` relaxes the assignment constraints of the uncapacitated problems (UFLP and
p-median, Beasley 1993)::

    L(lam) = sum_j lam_j + min_y sum_i rho_i y_i,   rho_i = f_i + sum_j min(0, c_ij - lam_j)

with ``sum_i y_i = p`` for the p-median. :func:`cflp_lagrangian` relaxes the demand constraints
of the splittable capacitated problem (Beasley 1988): one continuous knapsack per facility plus
the total-capacity cover (:func:`cover_knapsack`). Both run subgradient optimisation (Held, Wolfe
& Crowder 1974) and return, for every facility, a lower bound on any solution with ``y_i``
flipped from its Lagrangian value: a facility whose flipped bound exceeds the incumbent is fixed.

References
----------
Beasley, J.E. (1988). An algorithm for solving large capacitated warehouse location problems.
*EJOR* 33, 314-325.
Beasley, J.E. (1993). Lagrangean heuristics for location problems. *EJOR* 65, 383-399.
Held, M., Wolfe, P. & Crowder, H.P. (1974). Validation of subgradient optimization. *Math.
Programming* 6, 62-88.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from aimaq.supply.locate.heuristics import transport_value

__all__ = [
    "CFLPLagrangianResult",
    "LagrangianResult",
    "cflp_lagrangian",
    "cover_knapsack",
    "uflp_lagrangian",
]


@dataclass(frozen=True)
class LagrangianResult:
    """Lagrangian bound of an uncapacitated problem (:func:`uflp_lagrangian`).

    Attributes
    ----------
    bound : float
        Best ``L(lam)`` found: a lower bound on the optimum.
    y : numpy.ndarray
        ``(m,)`` bool, the Lagrangian open set at the best multipliers.
    flip : numpy.ndarray
        ``(m,)`` lower bound on every solution with ``y_i`` flipped (``inf`` = forced open).
    multipliers : numpy.ndarray
        ``(n,)`` best ``lam``.
    """

    bound: float
    y: np.ndarray
    flip: np.ndarray
    multipliers: np.ndarray


@dataclass(frozen=True)
class CFLPLagrangianResult:
    """Lagrangian bound and incumbent of the splittable CFLP (:func:`cflp_lagrangian`).

    Attributes
    ----------
    bound : float
        Best Lagrangian lower bound.
    open : numpy.ndarray or None
        Best open set found (indices), ``None`` when no feasible set was met.
    value : float or None
        Its cost (fixed + transportation LP).
    flip : numpy.ndarray
        ``(m,)`` lower bound with ``y_i`` flipped from :attr:`y` (``inf`` forced, ``-inf`` none).
    y : numpy.ndarray
        ``(m,)`` bool, the Lagrangian open set.
    """

    bound: float
    open: np.ndarray | None
    value: float | None
    flip: np.ndarray
    y: np.ndarray


def uflp_lagrangian(c, f, p, forced, ub, iters=600):
    """Subgradient optimisation of the Lagrangian relaxation of the assignment constraints.

    ``L(lam) = sum_j lam_j + min_{y} sum_i y_i rho_i`` with ``rho_i = f_i + sum_j min(0, c_ij -
    lam_j)`` (and ``sum y = p`` for the p-median) -- Beasley (1985, 1993). Returns the best
    bound and, for every facility, a lower bound on any solution with ``y_i`` flipped from its
    Lagrangian value (used for fixing).

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> lag = uflp_lagrangian(c, np.zeros(3), 2, np.zeros(3, bool), ub=7.0)
    >>> lag.bound  # equals the optimum 7: the relaxation is tight here
    7.0
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
    return LagrangianResult(float(best_lb), y, flip, lam)


def cover_knapsack(rho, q, dem, one, zero):
    """``min rho @ y`` s.t. ``q @ y >= dem``, ``y_i = 1`` on ``one``, ``y_i = 0`` on ``zero``.

    Exact (binary) when the free capacities are all equal, else the LP relaxation (a valid lower
    bound; ``y`` may then have one fractional entry). Returns ``(value, y)``.

    Examples
    --------
    >>> import numpy as np
    >>> none = np.zeros(3, bool)
    >>> cover_knapsack(np.array([3.0, -1.0, 2.0]), np.array([2.0, 2.0, 2.0]), 3.0, none, none)
    (1.0, array([0., 1., 1.]))
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


def cflp_lagrangian(c, f, q, d, forced, time_limit, iters=400, max_evals=400, n_swap=8):
    """Beasley's (1988) Lagrangian relaxation of ``sum_i x_ij = 1`` for the splittable CFLP.

    For multipliers ``lam``, facility ``i`` solves the continuous knapsack
    ``v_i = min sum_j (c_ij - lam_j) x_ij`` s.t. ``sum_j d_j x_ij <= Q_i``, ``0 <= x <= 1``, and
    the open set solves the cover knapsack ``min sum_i (f_i + v_i) y_i`` s.t.
    ``sum_i Q_i y_i >= sum_j d_j`` (:func:`cover_knapsack`). Subgradient optimisation
    (Held, Wolfe & Crowder 1974); open sets met on the way are repaired to cover the demand and
    priced with the transportation LP (:func:`transport_value`) for an incumbent, then improved
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
        v = transport_value(c, f, q, d, mask)
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
        val, yv = cover_knapsack(rho, q, dem, forced, none)
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
        return CFLPLagrangianResult(float(best_lb), None, None, np.full(m, -np.inf), yv > 0.5)
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
            val, _ = cover_knapsack(rho, q, dem, forced, e)
        else:  # bound with facility i open
            val, _ = cover_knapsack(rho, q, dem, forced | e, none)
        flip[i] = base + val
    flip[forced] = np.inf
    return CFLPLagrangianResult(float(best_lb), np.flatnonzero(best_open), float(ub), flip, ylag)
