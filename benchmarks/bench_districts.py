"""Benchmark: district-level LISA (999 permutations) and the district report section.

Real data: the 2023 bulletin's district populations (sheet 02, ../shared) on the 2024 geokz
division, log population density, queen contiguity (217 districts with a density). Times
``aimaq.analysis.spatial.lisa`` against ``esda.Moran_Local`` on the same weights in the same
process (interleaved pairs, median with min-max, ratio ours / esda), and the district section
(``aimaq.report.districts.district_section`` + ``render_html``, one language).

Usage::

    PYTHONPATH=src python benchmarks/bench_districts.py [--repeats 7] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _stats(xs):
    return statistics.median(xs), min(xs), max(xs)


def main(argv=None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    a = ap.parse_args(argv)

    from esda.moran import Moran_Local
    from libpysal.weights import w_subset

    from aimaq.analysis.spatial import lisa
    from aimaq.datasets import district_table
    from aimaq.geo.district_polygons import contiguity
    from aimaq.ingest.districts import read_district_sheet
    from aimaq.report.districts import district_section, render_html
    from aimaq.store import Store

    f = a.shared / "data/kz/raw/bns_population_sex_urban_rural_2023-01-01.xlsx"
    with tempfile.TemporaryDirectory() as d:
        st = Store(Path(d) / "b.sqlite")
        t0 = time.perf_counter()
        st.load(read_district_sheet(f).frame, file=f.name)
        t_load = time.perf_counter() - t0
        table = district_table(st)
        st.dispose()
    y = np.log(table.frame["density"].dropna())
    w = contiguity(2024, "queen").w
    ws = w_subset(w, list(y.index), silence_warnings=True)
    ws.transform = "r"
    yv = y.to_numpy()

    def ours():
        return lisa(y, w, permutations=999, seed=1)

    def ref():
        with np.errstate(invalid="ignore", divide="ignore"):
            return Moran_Local(yv, ws, permutations=999, seed=1, n_jobs=1)

    ours(), ref()  # warm-up (numba compilation in esda)
    ta, tb = [], []
    for k in range(a.repeats):
        pair = [(ours, ta), (ref, tb)]
        for fn, acc in pair if k % 2 == 0 else pair[::-1]:
            t0 = time.perf_counter()
            fn()
            acc.append(time.perf_counter() - t0)
    ratio = [x / z for x, z in zip(ta, tb, strict=True)]
    same = np.allclose(ours().p_sim.to_numpy(), ref().p_sim)
    tsec = []
    for _ in range(max(3, a.repeats // 2)):
        t0 = time.perf_counter()
        render_html(district_section(table, "en", permutations=999))
        tsec.append(time.perf_counter() - t0)
    lines = [
        f"districts: {len(y)} with a density, queen W ({w.n} units), 999 permutations",
        "lisa ours   median {:.3f} s (min {:.3f}, max {:.3f})".format(*_stats(ta)),
        "esda Moran_Local {:.3f} s (min {:.3f}, max {:.3f})".format(*_stats(tb)),
        "ratio ours/esda median {:.2f} (min {:.2f}, max {:.2f}); same p_sim: {}".format(
            *_stats(ratio), same
        ),
        "district section (maps, LISA 999, decomposition, html) median {:.2f} s "
        "(min {:.2f}, max {:.2f})".format(*_stats(tsec)),
        f"sheet 02 read + load: {t_load:.2f} s",
    ]
    out = "\n".join(lines)
    print(out)
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
