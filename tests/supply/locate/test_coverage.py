"""Maximal coverage against brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from aimaq.supply.locate.coverage import maximal_coverage

SEEDS = range(6)


def _subsets(m, size=None):
    sizes = range(1, m + 1) if size is None else [size]
    for k in sizes:
        yield from itertools.combinations(range(m), k)


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
