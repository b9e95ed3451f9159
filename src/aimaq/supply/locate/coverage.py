"""Coverage models: the maximal covering location problem (Church & ReVelle 1974).

::

    max sum_j w_j u_j   s.t.  u_j <= sum_{i: d_ij <= R} y_i,   sum_i y_i = p,   0 <= u_j <= 1

References
----------
Church, R. & ReVelle, C. (1974). The maximal covering location problem. *Papers Reg. Sci.* 32,
101-118.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from aimaq.supply.locate.base import InfeasibleScenarioError, ModelBuilder

__all__ = ["MaximalCoverageResult", "maximal_coverage"]


@dataclass(frozen=True)
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

    Examples
    --------
    >>> import numpy as np
    >>> d = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> r = maximal_coverage(d, 5.0, 1, weights=[1.0, 1.0, 1.0, 2.0])
    >>> r.open.tolist(), r.covered_weight, r.share
    ([2], 4.0, 0.8)
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
    mdl = ModelBuilder(maximize=True)
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
        float(cw / w.sum()) if w.sum() else math.nan,
        info.objective,
        info.bound,
        info.gap,
        time.perf_counter() - t0,
        info.status,
        h_val,
    )
