"""Benchmark: complexity and relatedness of aimaq vs the ``ecomplexity`` reference package.

Run from the repository root::

    PYTHONPATH=src python benchmarks/bench_complexity.py [--regions 500] [--activities 300]

Both implementations run on the same seeded log-normal matrix in the same process; the script
prints median wall times over ``--repeat`` runs and the largest absolute differences of ECI, PCI
and relatedness density between the two (they must agree).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
import warnings

import numpy as np
import pandas as pd

from aimaq.analysis.specialisation import complexity, relatedness


def _timed(fn, repeat):
    out, times = None, []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regions", type=int, default=500)
    ap.add_argument("--activities", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()

    import ecomplexity as ec

    rng = np.random.default_rng(a.seed)
    X = pd.DataFrame(
        rng.lognormal(0.0, 1.5, (a.regions, a.activities)),
        index=[f"r{i:04d}" for i in range(a.regions)],
        columns=[f"a{j:04d}" for j in range(a.activities)],
    )
    long = X.stack().rename("val").reset_index()
    long.columns = ["loc", "prod", "val"]
    long["time"] = 0
    cols = {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}

    def ref():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ec.ecomplexity(long, cols, check_logsupermodularity=False, verbose=False)

    def ours():
        return complexity(X), relatedness(X)

    ours(), ref()  # warm-up (imports, BLAS threads, caches) for both, not timed
    (cx, rel), t_ours, t_ours_min = _timed(ours, a.repeat)
    _, t_eig, _ = _timed(lambda: complexity(X), a.repeat)
    _, t_rel, _ = _timed(lambda: relatedness(X), a.repeat)
    refl, t_refl, _ = _timed(lambda: complexity(X, method="reflections"), max(1, a.repeat // 2))
    out, t_ref, t_ref_min = _timed(ref, a.repeat)

    eci = out.groupby("loc")["eci"].first().reindex(X.index)
    pci = out.groupby("prod")["pci"].first().reindex(X.columns)
    dens = out.pivot(index="loc", columns="prod", values="density").loc[X.index, X.columns]
    print(
        f"matrix {a.regions} regions x {a.activities} activities, seed {a.seed}, "
        f"median of {a.repeat} runs after one warm-up run each"
    )
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"ecomplexity {getattr(ec, '__version__', '0.5.3')}, {platform.machine()}"
    )
    print(f"aimaq complexity(eigen) + relatedness : {t_ours:8.4f} s (min {t_ours_min:.4f})")
    print(f"  of which complexity(eigen)          : {t_eig:8.4f} s")
    print(f"  of which relatedness                : {t_rel:8.4f} s")
    print(f"aimaq complexity(reflections)         : {t_refl:8.4f} s ({refl.n_iter} iterations)")
    print(f"ecomplexity.ecomplexity (same outputs + COI/COG): {t_ref:8.4f} s (min {t_ref_min:.4f})")
    print(f"speed-up (ecomplexity / aimaq)        : {t_ref / t_ours:8.1f} x")
    print(
        f"max |ECI diff| {np.nanmax(np.abs(cx.ECI - eci)):.2e}, "
        f"max |PCI diff| {np.nanmax(np.abs(cx.PCI - pci)):.2e}, "
        f"max |density diff| {np.nanmax(np.abs(rel.omega.to_numpy() - dens.to_numpy())):.2e}, "
        f"max |ECI eigen - reflections| {np.nanmax(np.abs(cx.ECI - refl.ECI)):.2e}"
    )


if __name__ == "__main__":
    main()
