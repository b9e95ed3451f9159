"""Greedy + interchange heuristic."""

from __future__ import annotations

import numpy as np
import pytest

from aimaq.supply.locate.heuristics import local_search


def test_local_search_finds_feasible_p():
    rng = np.random.default_rng(1)
    c = rng.uniform(0, 10, size=(30, 40))
    o, v = local_search(c, p=5)
    assert o.size == 5 and v == pytest.approx(c[o].min(axis=0).sum())
