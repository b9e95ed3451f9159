"""Shared fixtures of the supply tests: a small seeded multi-class siting problem."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aimaq.geo.distance import great_circle_km
from aimaq.supply.siting import SitingProblem


def _toy_problem(seed=0, **kw) -> SitingProblem:
    rng = np.random.default_rng(seed)
    m, n = 4, 7
    lat_s, lon_s = rng.uniform(45, 50, m), rng.uniform(63, 75, m)
    lat_d, lon_d = rng.uniform(45, 50, n), rng.uniform(63, 75, n)
    demand = pd.DataFrame(
        {
            "name": [f"d{j}" for j in range(n)],
            "lat": lat_d,
            "lon": lon_d,
            "region": ["KZ-11", "KZ-15"] * 3 + ["KZ-11"],
            "frozen": rng.uniform(1, 10, n).round(2),
            "dry": rng.uniform(5, 30, n).round(2),
        },
        index=[f"D{j}" for j in range(n)],
    )
    sites = pd.DataFrame(
        {
            "name": [f"s{i}" for i in range(m)],
            "lat": lat_s,
            "lon": lon_s,
            "region": ["KZ-11", "KZ-15", "KZ-11", "KZ-15"],
            "fixed_cost": rng.uniform(1e4, 5e4, m).round(),
            "existing": [False, False, True, False],
            "capacity_frozen": [30.0, 25.0, 0.0, 30.0],
            "capacity_dry": [80.0, 60.0, 90.0, 70.0],
            "module_cost_frozen": rng.uniform(1e4, 4e4, m).round(),
            "module_cost_dry": rng.uniform(5e3, 2e4, m).round(),
        },
        index=[f"S{i}" for i in range(m)],
    )
    sup = pd.DataFrame(
        {
            "name": ["p0", "p1"],
            "lat": [45.0, 50.0],
            "lon": [65.0, 75.0],
            "supply_frozen": [demand["frozen"].sum() * 0.7, demand["frozen"].sum() * 0.6],
            "supply_dry": [demand["dry"].sum() * 0.8, demand["dry"].sum() * 0.5],
        },
        index=["P0", "P1"],
    )
    dist = great_circle_km(sites["lat"], sites["lon"], demand["lat"], demand["lon"])
    sdist = great_circle_km(sup["lat"], sup["lon"], sites["lat"], sites["lon"])
    args = dict(
        classes=["frozen", "dry"],
        demand=demand,
        sites=sites,
        transport_cost={"frozen": 3.0, "dry": 1.0},
        max_distance={"frozen": 700.0},
        distance=dist,
        suppliers=sup,
        supply_distance=sdist,
        name=f"toy{seed}",
    )
    args.update(kw)
    return SitingProblem(**args)


@pytest.fixture
def toy_problem():
    """Factory ``toy_problem(seed=0, **overrides) -> SitingProblem``."""
    return _toy_problem
