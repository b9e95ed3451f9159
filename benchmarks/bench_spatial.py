# ruff: noqa: B023  (the lambdas are timed inside the iteration that defines them)
"""Benchmark: aimaq.analysis.spatial moran/lisa against esda on the same W (lattice, rook).

Usage: PYTHONPATH=src python benchmarks/bench_spatial.py [--repeats 5] [--write FILE]
"""

from __future__ import annotations

import argparse
import statistics
import time

import esda
import numpy as np
import pandas as pd
from libpysal.weights import lat2W

from aimaq.analysis.spatial import lisa, moran, prepare_weights


def _t(fn, k):
    out = []
    for _ in range(k):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--permutations", type=int, default=999)
    ap.add_argument("--write", default=None)
    a = ap.parse_args()
    rows = []
    for side in (20, 50, 100):
        n = side * side
        w = lat2W(side, side)
        w.transform = "o"
        ids = [f"U{i}" for i in range(n)]
        w.remap_ids(ids)
        y = pd.Series(np.random.default_rng(1).lognormal(7, 0.6, n), index=ids)
        sw = prepare_weights(w)
        yv = y.to_numpy()
        R = a.permutations
        for name, ours, peer in [
            (
                "Moran",
                lambda: moran(y, sw, permutations=R),
                lambda: esda.Moran(yv, w, permutations=R),
            ),
            (
                "LISA",
                lambda: lisa(y, sw, permutations=R),
                lambda: esda.Moran_Local(yv, w, permutations=R, seed=12345, n_jobs=1),
            ),
        ]:
            ours(), peer()
            o, p = _t(ours, a.repeats), _t(peer, a.repeats)
            r = [x / z for x, z in zip(o, p, strict=True)]
            rows.append((name, n, o, p, r))
            print(name, n, statistics.median(o), statistics.median(p), statistics.median(r))
    lines = [
        "# Benchmark: Moran / LISA vs esda",
        "",
        f"Lattice (rook) W, {a.permutations} permutations, {a.repeats} repeats each, same process; "
        "weights prepared once (`prepare_weights`), esda given the libpysal W. "
        f"Command: `PYTHONPATH=src python benchmarks/bench_spatial.py --repeats {a.repeats}`; "
        f"run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| statistic | units | aimaq median (min–max) s | esda median (min–max) s | ratio median (min–max) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, n, o, p, r in rows:
        f = lambda v: f"{statistics.median(v):.4f} ({min(v):.4f}–{max(v):.4f})"  # noqa: E731
        lines.append(
            f"| {name} | {n} | {f(o)} | {f(p)} | {statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f}) |"
        )
    text = "\n".join(lines) + "\n"
    if a.write:
        open(a.write, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
