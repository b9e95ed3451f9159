"""Benchmark: aimaq.analysis.disparity against the equivalent PySAL ``inequality`` calls.

Synthetic panel of N units x T years (log-normal values, 8 groups, log-normal populations).
Each case is timed ``--repeats`` times in the same process; the median is reported, with the
ratio ours / PySAL (< 1 = we are faster). PySAL has no weights and no Theil L, so our calls do
strictly more work than the PySAL calls they are compared with.

Usage::

    PYTHONPATH=src python benchmarks/bench_disparity.py [--units 10000] [--years 30]
        [--repeats 7] [--write docs/benchmarks_disparity.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time

import numpy as np
import pandas as pd
from inequality.atkinson import atkinson
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from aimaq.analysis.disparity import dispersion, theil


def _paired_times(ours, pysal, repeats: int) -> tuple[float, float, float]:
    """Median times of ``ours`` and ``pysal`` and median of the per-pair ratios.

    The two are interleaved (alternating which goes first) so that load from other processes
    hits both sides alike.
    """
    ours()  # warm-up
    pysal()
    a, b = [], []
    for k in range(repeats):
        pair = [(ours, a), (pysal, b)]
        for fn, acc in pair if k % 2 == 0 else pair[::-1]:
            t0 = time.perf_counter()
            fn()
            acc.append(time.perf_counter() - t0)
    ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
    return statistics.median(a), statistics.median(b), ratio


def _pysal_gini(y: np.ndarray) -> np.ndarray:
    return np.array([Gini(y[:, j]).g for j in range(y.shape[1])])


def _pysal_atkinson(y: np.ndarray, epsilon: float = 0.5) -> np.ndarray:
    return np.array([atkinson(y[:, j], epsilon) for j in range(y.shape[1])])


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=10_000)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--groups", type=int, default=8)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--write", default=None, help="write the markdown table to this file")
    args = ap.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    n, t = args.units, args.years
    idx = pd.Index([f"U{i:05d}" for i in range(n)])
    y = rng.lognormal(mean=7.0, sigma=0.6, size=(n, t))
    panel = pd.DataFrame(y, index=idx, columns=range(2000, 2000 + t))
    pop = pd.Series(rng.lognormal(10.0, 1.0, size=n), index=idx)
    gid = rng.integers(0, args.groups, size=n)
    groups = pd.Series(gid, index=idx)

    # sanity: the same numbers before timing anything
    np.testing.assert_allclose(theil(panel).T.to_numpy(), Theil(y).T, rtol=1e-10)
    np.testing.assert_allclose(
        theil(panel, groups=groups).T_between.to_numpy(), TheilD(y, gid).bg, rtol=1e-9
    )
    d = dispersion(panel)
    np.testing.assert_allclose(d.Gini.to_numpy(), _pysal_gini(y), rtol=1e-10)
    np.testing.assert_allclose(d.Atkinson.to_numpy(), _pysal_atkinson(y), rtol=1e-10)

    cases = [
        (
            "Theil T (+L) per year",
            "theil(panel)",
            "Theil(y)",
            lambda: theil(panel),
            lambda: Theil(y),
        ),
        (
            "Theil T/L between/within, unweighted",
            "theil(panel, groups)",
            "TheilD(y, g)",
            lambda: theil(panel, groups=groups),
            lambda: TheilD(y, gid),
        ),
        (
            "Theil T/L between/within, population weighted",
            "theil(panel, groups, population)",
            "TheilD(y, g)",
            lambda: theil(panel, groups=groups, population=pop),
            lambda: TheilD(y, gid),
        ),
        (
            "all unweighted indices per year",
            "dispersion(panel)",
            "Theil(y) + Gini + atkinson per year",
            lambda: dispersion(panel),
            lambda: (Theil(y), _pysal_gini(y), _pysal_atkinson(y)),
        ),
        (
            "all indices, weighted + unweighted, decompositions",
            "dispersion(panel, population, groups)",
            "Theil + TheilD + Gini + atkinson per year",
            lambda: dispersion(panel, population=pop, groups=groups),
            lambda: (Theil(y), TheilD(y, gid), _pysal_gini(y), _pysal_atkinson(y)),
        ),
    ]
    rows = []
    for label, ours_txt, pysal_txt, ours, pysal in cases:
        a, b, r = _paired_times(ours, pysal, args.repeats)
        rows.append((label, ours_txt, pysal_txt, a, b, r))
        print(f"{label:52s} ours {a * 1e3:7.1f} ms  pysal {b * 1e3:7.1f} ms  ratio {r:5.2f}")

    import inequality

    cmd = "PYTHONPATH=src /work/venv/bin/python benchmarks/bench_disparity.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    lines = [
        "# Benchmark: disparity indices vs PySAL `inequality`",
        "",
        f"Synthetic panel: {n} units x {t} years, log-normal values, {args.groups} groups, "
        f"log-normal populations (seed {args.seed}). {args.repeats} repeats after one warm-up, "
        "ours and PySAL interleaved in the same process; times are medians, the ratio is the "
        "median of the per-repeat ratios ours / PySAL (< 1: we are faster).",
        "PySAL has neither population weights nor Theil L: each of our calls computes Theil T "
        "*and* L (and `dispersion` also CV, Gini, Atkinson; with `population` every index twice, "
        "unweighted and weighted, and both Theil decompositions twice). Results are checked "
        "equal to PySAL's before timing.",
        "",
        f"Command: `{cmd.strip()}`",
        "",
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"inequality {inequality.__version__}; machine shared with other jobs (2 cores), so "
        "absolute times are noisy; the ratio is the figure to read.",
        "",
        "| case | aimaq call | PySAL call | aimaq (ms) | PySAL (ms) | ratio |",
        "|---|---|---|---:|---:|---:|",
    ]
    for label, ours_txt, pysal_txt, a, b, r in rows:
        lines.append(
            f"| {label} | `{ours_txt}` | `{pysal_txt}` | {a * 1e3:.1f} | {b * 1e3:.1f} | {r:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    if args.write:
        with open(args.write, "w", encoding="utf-8") as fh:
            fh.write(text)
    return text


if __name__ == "__main__":
    main()
