"""Benchmark: ALPS spike alerts for many markets × products × years of monthly prices.

Usage:
    PYTHONPATH=src python benchmarks/bench_prices.py --markets 1000 --products 30 --years 15 \
        --repeats 3 [--peer 40] [--write docs/benchmarks_prices.md]

Each repeat runs in a fresh interpreter (so peak RSS is that run's): it generates the prices
(linear trend, a seasonal pattern per product, AR(1) noise, spikes in 0.5 % of months;
fixed seed), then
times :func:`aimaq.supply.prices.alps.alps` on the long frame (monthly matrix, recursive fits,
classes, result frame). Peak memory is the child's maximum RSS minus its RSS before the call
(``resource.getrusage``). ``--peer N`` also fits the first N series with statsmodels'
``RecursiveLS`` (the peer library's recursive least squares) and reports the time per series of
both and the largest difference of the fitted standardised residuals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time


def generate(markets: int, products: int, years: int, seed: int = 7):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    T = 12 * years
    S = markets * products
    t = np.arange(T)
    season = rng.normal(0, 0.06, (products, 12))
    level = rng.uniform(np.log(50), np.log(3000), S)
    slope = rng.normal(0.005, 0.002, S)
    e = np.zeros((S, T))
    shocks = rng.normal(0, 0.03, (S, T))
    for k in range(1, T):
        e[:, k] = 0.6 * e[:, k - 1] + shocks[:, k]
    rel = 1 + slope[:, None] * t + season[np.arange(S) % products][:, t % 12] + e
    rel += (rng.random((S, T)) < 0.005) * 0.25  # spikes of +25 % in 0.5 % of the months
    logp = level[:, None] + np.log(np.maximum(rel, 0.05))
    months = pd.period_range("2010-01", periods=T, freq="M").to_timestamp() + pd.Timedelta(days=14)
    return pd.DataFrame(
        {
            "market": pd.Categorical.from_codes(
                np.repeat(np.arange(S) // products, T), [f"m{i:04d}" for i in range(markets)]
            ),
            "product": pd.Categorical.from_codes(
                np.repeat(np.arange(S) % products, T), [f"p{j:02d}" for j in range(products)]
            ),
            "stage": "retail",
            "date": np.tile(months.to_numpy(), S),
            "price": np.exp(logp).ravel().round(2),
        }
    )


def child(markets: int, products: int, years: int, peer: int) -> dict:
    import resource

    import numpy as np

    from aimaq.supply.prices.alps import alps

    df = generate(markets, products, years)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    r = alps(df)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {
        "seconds": wall,
        "peak_mb": (peak - before) / 1024,
        "rows": len(df),
        "series": markets * products,
        "alerts": int(r.frame["cls"].isin(["alert", "crisis"]).sum()),
    }
    if peer:
        import warnings

        from statsmodels.regression.recursive_ls import RecursiveLS

        T = 12 * years
        X = np.column_stack(
            [np.ones(T), np.arange(T) / 12.0]
            + [(np.arange(T) % 12 == m).astype(float) for m in range(1, 12)]
        )
        ours = r.frame["alps"].to_numpy().reshape(-1, T)
        fits = []
        t1 = time.perf_counter()
        for s in range(peer):  # timed: the peer's recursive fits only
            y = df["price"].to_numpy()[s * T : (s + 1) * T]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fits.append((y, RecursiveLS(y, X).fit()))
        peer_s = time.perf_counter() - t1
        diff = 0.0
        for s, (y, res) in enumerate(fits):
            beta = res.recursive_coefficients.filtered  # (k, T): estimates using data up to t
            yhat = np.einsum("tk,kt->t", X, beta)
            rss = np.array([np.sum((y[: i + 1] - X[: i + 1] @ beta[:, i]) ** 2) for i in range(T)])
            with np.errstate(invalid="ignore", divide="ignore"):
                z = (y - yhat) / np.sqrt(rss / (np.arange(1, T + 1) - 13))
            ok = ~np.isnan(ours[s])
            diff = max(diff, float(np.nanmax(np.abs(z[ok] - ours[s][ok]))))
        out.update(
            peer_series=peer,
            peer_seconds_per_series=peer_s / peer,
            ours_seconds_per_series=wall / (markets * products),
            max_abs_diff=diff,
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--markets", type=int, default=1000)
    ap.add_argument("--products", type=int, default=30)
    ap.add_argument("--years", type=int, default=15)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--peer", type=int, default=0)
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--write", default=None)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(child(a.markets, a.products, a.years, a.peer)))
        return
    runs = []
    for i in range(a.repeats):
        cmd = [
            sys.executable,
            __file__,
            "--child",
            "--markets",
            str(a.markets),
            "--products",
            str(a.products),
            "--years",
            str(a.years),
            "--peer",
            str(a.peer if i == 0 else 0),
        ]
        res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        runs.append(res)
        print(
            f"run {i + 1}: {res['seconds']:.1f} s, peak +{res['peak_mb']:.0f} MB", file=sys.stderr
        )
    secs = [r["seconds"] for r in runs]
    mem = [r["peak_mb"] for r in runs]
    head = runs[0]
    lines = [
        f"ALPS for {a.markets} markets × {a.products} products × {a.years} years monthly "
        f"({head['rows']:,} prices, {head['series']:,} series, recursive fit at every month)",
        f"- time: median {statistics.median(secs):.1f} s (min {min(secs):.1f}, max {max(secs):.1f}) over {len(runs)} runs",
        f"- peak memory above the input: median {statistics.median(mem):.0f} MB "
        f"(min {min(mem):.0f}, max {max(mem):.0f})",
        f"- alert or crisis months: {head['alerts']:,}",
    ]
    if "peer_seconds_per_series" in head:
        lines.append(
            f"- statsmodels RecursiveLS on the first {head['peer_series']} series (same run): "
            f"{head['peer_seconds_per_series'] * 1e3:.1f} ms per series vs ours "
            f"{head['ours_seconds_per_series'] * 1e3:.3f} ms: ratio ours/peer "
            f"{head['ours_seconds_per_series'] / head['peer_seconds_per_series']:.4f}; "
            f"largest |ALPS difference| {head['max_abs_diff']:.1e}"
        )
    text = "\n".join(lines)
    print(text)
    if a.write:
        with open(a.write, "w", encoding="utf-8") as fh:
            fh.write(
                "# Benchmark: price spike alerts (ALPS)\n\n"
                + text
                + "\n\nCommand: `PYTHONPATH=src python "
                + " ".join(["benchmarks/bench_prices.py", *sys.argv[1:]])
                + "`\n"
            )


if __name__ == "__main__":
    main()
