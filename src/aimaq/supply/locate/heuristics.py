"""Primal heuristics: greedy + interchange for the uncapacitated problems, LP rounding for CFLP.

:func:`local_search` builds a greedy open set and improves it with best-improvement add / drop /
swap moves; the value of every (in, out) swap is computed at once from the nearest and
second-nearest open facility of each customer (Whitaker 1983's fast interchange, Teitz & Bart
1968's move set). :func:`transport_value` prices an open set of the splittable capacitated
problem with its transportation LP; :func:`cflp_rounding_heuristic` rounds the LP relaxation and
closes fractional facilities greedily.

References
----------
Teitz, M.B. & Bart, P. (1968). Heuristic methods for estimating the generalized vertex median of
a weighted graph. *Oper. Res.* 16, 955-961.
Whitaker, R. (1983). A fast algorithm for the greedy interchange for large-scale clustering and
median location problems. *INFOR* 21, 95-108.
"""

from __future__ import annotations

import math
import time

import numpy as np
import scipy.sparse as sp

from aimaq.supply.locate.base import ModelBuilder, add_flow_block

__all__ = ["cflp_rounding_heuristic", "local_search", "transport_value"]


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

    Examples
    --------
    >>> import numpy as np
    >>> c = np.array([[0.0, 4, 9, 7], [4, 0, 5, 6], [9, 5, 0, 3]])
    >>> open_idx, value = local_search(c, p=2)
    >>> open_idx.tolist(), value
    ([1, 2], 7.0)
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


def transport_value(c, f, q, d, open_mask) -> float:
    """Fixed cost + optimal splittable transportation cost for a given open set (LP)."""
    oi = np.flatnonzero(open_mask)
    if q[oi].sum() < d.sum() * (1 - 1e-12):
        return math.inf
    mdl = ModelBuilder()
    add_flow_block(
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


def cflp_rounding_heuristic(mdl, cols, c, f, q, d, forced, time_limit, max_tries=25):
    """LP-rounding + greedy-drop heuristic for the splittable CFLP."""
    t0 = time.perf_counter()
    big = c.size > 20_000  # interior point + crossover is ~2x faster on large relaxations
    sol, info = mdl.solve(time_limit, relax=True, options={"solver": "ipm"} if big else None)
    if sol is None:
        return None, None
    y = sol[cols["z"][0]]
    is_open = (y > 1e-6) | forced
    best = transport_value(c, f, q, d, is_open)
    budget = 0.25 * time_limit if time_limit else math.inf
    frac = np.flatnonzero(is_open & ~forced & (y < 1 - 1e-6))
    for i in frac[np.argsort(y[frac])][:max_tries]:
        if time.perf_counter() - t0 > budget:
            break
        trial = is_open.copy()
        trial[i] = False
        v = transport_value(c, f, q, d, trial)
        if v < best:
            best, is_open = v, trial
    return (np.flatnonzero(is_open), best) if math.isfinite(best) else (None, None)
