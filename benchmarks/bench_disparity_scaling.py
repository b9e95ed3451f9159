"""Disparity scaling 10^3-10^6 units: dispersion(y, population, groups) vs PySAL Theil+TheilD+Gini, 3 repeats.

Usage: PYTHONPATH=src python benchmarks/bench_disparity_scaling.py
"""

import statistics
import time

import numpy as np
import pandas as pd
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from aimaq.analysis.disparity import dispersion

for n in (10**3, 10**4, 10**5, 10**6):
    rng = np.random.default_rng(1)
    idx = pd.Index([f"U{i:07d}" for i in range(n)])
    y = pd.Series(rng.lognormal(7, 0.6, n), index=idx)
    pop = pd.Series(rng.lognormal(10, 1, n), index=idx)
    g = pd.Series(rng.integers(0, 8, n), index=idx)
    yv, gv = y.to_numpy(), g.to_numpy()
    a = []
    b = []
    for _ in range(3):
        t = time.perf_counter()
        dispersion(y, population=pop, groups=g)
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        Theil(yv)
        TheilD(yv, gv)
        Gini(yv)
        b.append(time.perf_counter() - t)
    print(
        f"| {n} | {statistics.median(a):.4f} ({min(a):.4f}–{max(a):.4f}) | {statistics.median(b):.4f} ({min(b):.4f}–{max(b):.4f}) | {statistics.median(x / z for x, z in zip(a, b, strict=True)):.2f} |"
    )
