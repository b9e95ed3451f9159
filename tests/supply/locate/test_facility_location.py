"""UFLP and splittable CFLP against brute force (CFLP priced with scipy linprog)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.optimize import linprog

from aimaq.supply.locate.base import InfeasibleScenarioError
from aimaq.supply.locate.facility_location import (
    capacitated_facility_location,
    uncapacitated_facility_location,
)

SEEDS = range(6)


def _subsets(m, size=None):
    sizes = range(1, m + 1) if size is None else [size]
    for k in sizes:
        yield from itertools.combinations(range(m), k)


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


def test_negative_fixed_cost_rejected():
    with pytest.raises(InfeasibleScenarioError, match="fixed_cost"):
        uncapacitated_facility_location(np.ones((2, 2)), [-1.0, 1.0])


@pytest.mark.parametrize("seed", range(6))
def test_cflp_lagrangian_fixing_keeps_optimum(seed):
    """Lagrangian facility fixing (reduce=True) must never cut off the optimum."""
    rng = np.random.default_rng(seed + 700)
    m, n = 12, 40
    d = rng.integers(5, 40, size=n).astype(float)
    xy = rng.uniform(0, 100, size=(m + n, 2))
    dist = np.hypot(*(xy[:m, None, :] - xy[None, m:, :]).transpose(2, 0, 1))
    c = dist * d[None, :]
    q = (
        np.full(m, rng.uniform(0.15, 0.35) * d.sum())
        if seed % 2
        else rng.uniform(0.1, 0.4, size=m) * d.sum()
    )
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
