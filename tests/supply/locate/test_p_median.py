"""p-median against brute force on small seeded instances."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from aimaq.supply.locate.base import InfeasibleScenarioError
from aimaq.supply.locate.p_median import p_median

SEEDS = range(6)


def _subsets(m, size=None):
    sizes = range(1, m + 1) if size is None else [size]
    for k in sizes:
        yield from itertools.combinations(range(m), k)


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


def test_negative_cost_rejected():
    with pytest.raises(InfeasibleScenarioError, match="negative"):
        p_median(np.array([[1.0, -2.0], [3.0, 4.0]]), 1)
